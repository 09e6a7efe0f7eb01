"""Chapter 1 exercises: requirement types, retention economics, CLV, Pareto share, customer classes.

Expected values are computed from the bundled ledger with :mod:`csat_helpers.customers`;
only the multiple-choice keys are stored.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import customers as cu
from ..checks import Exercise, Mistake

#: the customers the exercises ask about
CLV_CUSTOMER = "C0014"
CLASS_CUSTOMER = "C0049"


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


def _gain_pct(**kw) -> float:
    args = {"margin": 10.0, "retention": 0.80, "discount": 0.10, "uplift": 0.05, **kw}
    return float(cu.retention_economics(**args)["clv_gain_pct"])


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
        title="Retention economics: a margin of 10 per year, retention 0.80, discount rate 10 %. By how many "
              "percent does the CLV (unlimited horizon) rise if retention rises by 5 points?",
        kind="number",
        expected=lambda: _gain_pct(),
        expects="a number in percent, e.g. 12.3 for 12.3 %",
        tol=0.05,
        hints=(
            "CLV = margin × r / (1 + i − r) (Gupta & Lehmann). Compute it at the old and the new retention.",
            "The gain in percent is 100 × (new CLV − old CLV) / old CLV; the new retention is 0.85.",
            "cu.retention_economics(10, 0.80, 0.10, uplift=0.05)['clv_gain_pct'], or by hand with cu.clv.",
        ),
        takeaway="A few points of retention raise lifetime value by a quarter or more: keeping customers pays.",
        mistakes=(
            Mistake(lambda: _gain_pct(discount=0.0),
                    "That ignores the discount rate; with i = 0.10 the denominator is 1 + i − r."),
            Mistake(lambda: float(cu.retention_economics(10, 0.80, 0.10, uplift=0.05)["clv_gain"]),
                    "That is the gain in money; give it as a percentage of the old CLV."),
            Mistake(lambda: _gain_pct() / 100, "Give the gain in percent (e.g. 12.3), not as a fraction."),
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
        title="Pareto: what share of the ledger's total revenue comes from the top 20 % of customers? "
              "(a fraction between 0 and 1)",
        kind="number",
        expected=lambda: float(cu.top_share(_ledger()["revenue"], 0.2)),
        expects="a fraction between 0 and 1, e.g. 0.5",
        tol=1e-3,
        hints=(
            "Sort customers by revenue, largest first, and add up the first fifth.",
            "Divide that sum by the total revenue of all customers.",
            "cu.top_share(ledger['revenue'], 0.2)",
        ),
        takeaway="A small group of key customers carries most of the revenue: the 'vital few' of the 80/20 rule.",
        mistakes=(
            Mistake(lambda: float(cu.lorenz_curve(_ledger()["revenue"])
                                  .set_index("customer_share")["value_share"].loc[0.2]),
                    "That is the share of the smallest 20 % of customers: sort largest first."),
            Mistake(lambda: 100 * float(cu.top_share(_ledger()["revenue"], 0.2)),
                    "Give a fraction between 0 and 1, not a percentage."),
            Mistake(lambda: float(cu.top_share(_ledger()["gross_margin"], 0.2)),
                    "That is the share of gross margin; the question asks about revenue."),
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
        title="Moving customers: for class II (high revenue, high cost to serve) the source advises (A) a price "
              "discount, (B) finding why serving them costs so much and changing how orders are placed, "
              "(C) charging for special services, (D) dropping them. Which one?",
        kind="choice",
        expected=lambda: "B",
        expects='one letter, "A" to "D"',
        options=("A", "B", "C", "D"),
        hints=(
            "The aim for class II is to keep the revenue and bring the cost down, i.e. to move them to class I.",
            "Think of special, small or rush orders: what would lower their cost without losing the customer?",
        ),
        takeaway="Class II customers move to class I when the causes of their high service cost are removed.",
        mistakes=(
            Mistake(lambda: "C", "Charging for special services is the advice for class IV (low revenue, high "
                                 "cost)."),
            Mistake(lambda: "A", "A price discount is how class I customers are kept when a competitor "
                                 "threatens; it lowers revenue."),
        ),
    ),
]
