"""Chapter 1 exercises: requirement types, retention economics, CLV, Pareto share, customer classes.

Expected values are computed from the bundled ledger with :mod:`csat_helpers.customers`;
only the multiple-choice keys of the two concept questions are stored. Exercises 1.2, 1.4 and 1.6
are variants of worked-example steps that the notebook does **not** print (another retention
level, another measure, a customer's class), so copying an output above them never passes.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import customers as cu
from ..checks import Exercise, Mistake

#: the customers the exercises ask about
CLV_CUSTOMER = "C0014"
CLASS_CUSTOMER = "C0049"
MOVE_CUSTOMER = "C0023"
#: the answer letter of each class's move in exercise 1.6 (the source's advice, in class order)
MOVE_LETTER = {"I": "A", "II": "B", "III": "C", "IV": "D"}
#: the retention level of exercise 1.2, before the uplift
GAIN_RETENTION = 0.90


@lru_cache(maxsize=1)
def _ledger() -> pd.DataFrame:
    from ..datasets import load

    return load("customer_ledger")


def _row(customer_id: str) -> pd.Series:
    led = _ledger()
    return led.loc[led["customer_id"] == customer_id].iloc[0]


def _customer_clv(**kw) -> float:
    return float(cu.ledger_clv(_ledger(), discount=0.10, **kw)[CLV_CUSTOMER])


def _clv_gross_only() -> float:
    row = _row(CLV_CUSTOMER)
    r = cu.retention_by_segment(_ledger())[row["segment"]]
    return float(cu.clv(row["gross_margin"], r, 0.10))


def _clv_company_retention() -> float:
    led = _ledger()
    return _customer_clv(retention=float((led["status"] == "active").mean()))


def _class_of(customer_id: str, ledger: pd.DataFrame, **kw) -> str:
    cl = cu.classify_customers(ledger, **kw)
    return str(cl.loc[cl["customer_id"] == customer_id, "customer_class"].iloc[0])


def _swapped() -> pd.DataFrame:
    return _ledger().rename(columns={"revenue": "cost_to_serve", "cost_to_serve": "revenue"})


def _gain(key: str = "clv_gain_pct", **kw) -> float:
    args = {"margin": 10.0, "retention": GAIN_RETENTION, "discount": 0.10, "uplift": 0.05, **kw}
    return float(cu.retention_economics(**args)[key])


def _top_fifth_share(measure: str, ranked_by: str | None = None) -> float:
    """Share of the ledger's total ``measure`` brought by the top 20 % of customers ranked by ``ranked_by``."""
    led = _ledger()
    if ranked_by is None:
        return float(cu.top_share(led[measure], 0.2))
    top = led.nlargest(round(0.2 * len(led)), ranked_by)
    return float(top[measure].sum() / led[measure].sum())


def _move_of(customer_id: str, ledger: pd.DataFrame, **kw) -> str:
    return MOVE_LETTER[_class_of(customer_id, ledger, **kw)]


EXERCISES = [
    Exercise(
        id="1.1",
        title="Requirement types: a buyer never mentions that the air conditioner must pass the national "
              "safety standard. Stated (A), implied (B) or obligatory (C)?",
        kind="choice",
        expected=lambda: "C",
        expects='one letter, "A", "B" or "C"',
        options=("A", "B", "C"),
        hints=(
            "ISO 9000 names three kinds of requirement: 明示的 (stated), 通常隐含的 (implied by custom) "
            "and 必须履行的 (obligatory).",
            "Ask where the requirement comes from: the customer's words, common practice, or laws and "
            "regulations that bind the supplier whatever the customer says.",
        ),
        takeaway="Laws, regulations and mandatory standards are obligatory requirements: met whether or not "
                 "anyone asks.",
        mistakes=(
            Mistake(lambda: "B", "Implied requirements come from custom and common practice; a national safety "
                                 "standard binds by law, which makes it the third kind."),
            Mistake(lambda: "A", "Stated requirements are the ones the customer says or writes; this one was "
                                 "never mentioned."),
        ),
    ),
    Exercise(
        id="1.2",
        title=f"Retention economics: a margin of 10 per year, retention {GAIN_RETENTION:.2f}, discount rate 10 %. "
              "By how many percent does the CLV (unlimited horizon) rise if retention rises by 5 points?",
        kind="number",
        expected=lambda: _gain(),
        expects="a number in percent, e.g. 12.3 for 12.3 %",
        tol=0.05,
        hints=(
            "CLV = margin × r / (1 + i − r) (Gupta & Lehmann). Compute it at the old and the new retention.",
            "The gain in percent is 100 × (new CLV − old CLV) / old CLV; the new retention is 5 points higher "
            "than the old one.",
            "cu.retention_economics(margin, retention, 0.10, uplift=0.05)['clv_gain_pct'], or by hand with cu.clv.",
        ),
        takeaway="The same 5 points are worth more the higher retention already is: near 1, every point of "
                 "retention adds a large share of lifetime value.",
        mistakes=(
            Mistake(lambda: _gain(retention=0.80),
                    "That is the gain from retention 0.80, the worked example's figure; start from the "
                    "retention the question gives."),
            Mistake(lambda: _gain(discount=0.0),
                    "That ignores the discount rate; with i = 0.10 the denominator is 1 + i − r."),
            Mistake(lambda: _gain("clv_gain"),
                    "That is the gain in money; give it as a percentage of the old CLV."),
            Mistake(lambda: _gain() / 100, "Give the gain in percent (e.g. 12.3), not as a fraction."),
        ),
    ),
    Exercise(
        id="1.3",
        title=f"CLV of customer {CLV_CUSTOMER}: margin = gross_margin − cost_to_serve, retention = the observed "
              "retention of the customer's segment, discount rate 10 %, unlimited horizon.",
        kind="number",
        expected=lambda: _customer_clv(retention="observed"),
        expects="a number (CNY thousand), e.g. 123.45",
        tol=0.01,
        hints=(
            "A customer's yearly margin is what is left after serving him: gross margin minus cost to serve. "
            "The segment's retention is one minus the share of its customers lost last year.",
            "cu.retention_by_segment(ledger) gives the rates; then CLV = margin × r / (1 + i − r).",
            "cu.ledger_clv(ledger, retention='observed', discount=0.10)[...] with the customer's id.",
        ),
        takeaway="Lifetime value depends on the margin after cost to serve and on how long the segment stays.",
        mistakes=(
            Mistake(_clv_gross_only, "You used the gross margin; subtract the cost to serve first."),
            Mistake(_clv_company_retention, "That uses the company-wide retention; use the retention of the "
                                            "customer's own segment."),
            Mistake(lambda: _customer_clv(retention="observed", timing="start"),
                    "That counts a margin now as well; here margins arrive at the end of each year "
                    "(timing 'end', Gupta & Lehmann)."),
        ),
    ),
    Exercise(
        id="1.4",
        title="Pareto for margin: the 10-lessons slides say the 80/20 rule holds for profit too. What share of "
              "the ledger's total gross margin comes from the top 20 % of customers by gross margin? "
              "(a fraction between 0 and 1)",
        kind="number",
        expected=lambda: _top_fifth_share("gross_margin"),
        expects="a fraction between 0 and 1, e.g. 0.5",
        tol=1e-3,
        hints=(
            "The Pareto share works for any measure: sort customers by that measure, largest first, and add up "
            "the first fifth.",
            "Sort by gross_margin (not revenue) and divide the first fifth's sum by the total gross margin of all "
            "customers.",
            "cu.top_share(...) on the ledger's gross_margin column, with the share of customers to take.",
        ),
        takeaway="Margin is nearly as concentrated as revenue: the 'vital few' of the 80/20 rule carry most of the "
                 "profit as well.",
        mistakes=(
            Mistake(lambda: _top_fifth_share("revenue"),
                    "That is the share of revenue, the worked example's figure; the question asks about gross "
                    "margin."),
            Mistake(lambda: _top_fifth_share("gross_margin", ranked_by="revenue"),
                    "You took the gross margin of the top 20 % by revenue; rank the customers by gross margin "
                    "itself."),
            Mistake(lambda: float(cu.lorenz_curve(_ledger()["gross_margin"])
                                  .set_index("customer_share")["value_share"].loc[0.2]),
                    "That is the share of the smallest 20 % of customers: sort largest first."),
            Mistake(lambda: 100 * _top_fifth_share("gross_margin"),
                    "Give a fraction between 0 and 1, not a percentage."),
        ),
    ),
    Exercise(
        id="1.5",
        title=f"Customer classes: split the ledger at the medians of revenue and cost to serve. Which class "
              f"(I, II, III or IV) is customer {CLASS_CUSTOMER} in?",
        kind="choice",
        expected=lambda: _class_of(CLASS_CUSTOMER, _ledger()),
        expects='one of "I", "II", "III", "IV"',
        options=("I", "II", "III", "IV"),
        hints=(
            "I = high revenue and low cost to serve, II = high and high, III = low and low, IV = low revenue and "
            "high cost to serve; 'high' means above the median of all customers.",
            "Compare the customer's revenue and cost_to_serve with ledger['revenue'].median() and "
            "ledger['cost_to_serve'].median().",
            "cu.classify_customers(ledger) and look up the customer's row.",
        ),
        takeaway="A customer's class says where to act: guard class I, cut the cost of II, sell more to III, "
                 "reprice IV.",
        mistakes=(
            Mistake(lambda: _class_of(CLASS_CUSTOMER, _swapped()),
                    "Revenue and cost to serve are swapped: revenue decides I/II versus III/IV."),
            Mistake(lambda: _class_of(CLASS_CUSTOMER, _ledger(), split="mean"),
                    "That is the class with a split at the means; a few very large customers pull the mean "
                    "up, so use the medians."),
        ),
    ),
    Exercise(
        id="1.6",
        title=f"Moving customers: with the ledger split at the medians of revenue and cost to serve, which of the "
              f"source's moves applies to customer {MOVE_CUSTOMER}? (A) watch closely and, if a competitor "
              "threatens, keep with a discount or an extra service; (B) find why serving the customer costs so "
              "much and change how orders are placed; (C) keep the cost low while selling more; (D) adjust prices "
              "or charge for special services.",
        kind="choice",
        expected=lambda: _move_of(MOVE_CUSTOMER, _ledger()),
        expects='one letter, "A" to "D"',
        options=("A", "B", "C", "D"),
        hints=(
            "Each move belongs to one of the four classes: the source's advice depends on whether revenue and "
            "cost to serve are high or low.",
            "First put the customer in a class (compare revenue and cost_to_serve with the ledger's medians), "
            "then read the advice for that class in cu.customer_classes().",
            "cu.classify_customers(ledger) for the customer's class, then its row of cu.customer_classes()['advice'].",
        ),
        takeaway="The move follows the class: guard class I, cut the service cost of II, sell more to III, and "
                 "reprice IV or charge it for special services.",
        mistakes=(
            Mistake(lambda: _move_of(MOVE_CUSTOMER, _swapped()),
                    "That is the move for the class you get with revenue and cost to serve swapped: revenue "
                    "decides I/II versus III/IV."),
            Mistake(lambda: _move_of(MOVE_CUSTOMER, _ledger(), split="mean"),
                    "That is the move for the class with a split at the means; a few very large customers pull "
                    "the means up, so use the medians."),
        ),
    ),
]
