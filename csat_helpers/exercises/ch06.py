"""Chapter 6 exercises: one company, every method, compared and turned into a plan.

Every expected value is computed from the bundled company data (``customer_ledger.csv``,
``company_survey.csv``) with the helpers; only the wording of the questions is stored here.
Each exercise is a variant of a worked-example step that the notebook does **not** print (another
share, a segment of the respondents), so copying an output above it never passes.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any

import pandas as pd

from .. import capstone, csi, customers, fuzzy, kano, pls
from ..checks import Exercise, Mistake
from . import Segments, survey_rows
from ..datasets import company_acsi
from ..datasets.company_kano import kano_frames

#: the business customers of Huajia (the rest are households and online-store buyers)
BUSINESS = ("dealer", "project")


@lru_cache(maxsize=1)
def _revenue() -> pd.Series:
    from ..datasets import load

    return load("customer_ledger")["revenue"]


@lru_cache(maxsize=3)
def _comparison(who: Segments = None) -> pd.DataFrame:
    return capstone.compare_methods(survey_rows(who))


@lru_cache(maxsize=2)
def _kano_row(who: Segments) -> pd.Series:
    f, d, _ = kano_frames(survey_rows(who))
    return kano.evaluate(f, d).loc["complaint_handling"]


def _better_with_rq(who: Segments) -> float:
    """Better = (A+O)/(A+O+M+I) computed wrongly over every answer, R and Q included."""
    r = _kano_row(who)
    return float((r["A"] + r["O"]) / r[["A", "O", "M", "I", "R", "Q"]].sum())


def _repair_score(who: Segments, denominator: str = "valid", reverse: bool = False) -> float:
    rows = survey_rows(who)
    counts = fuzzy.grade_counts(rows[["fz_repair"]], list(capstone.GRADES)).loc["fz_repair"].astype(float)
    values = pd.Series(capstone.GRADE_VALUES)[counts.index]
    if reverse:
        values = pd.Series(values.to_numpy()[::-1], index=values.index)
    n = counts.sum() if denominator == "valid" else len(rows)
    return float((counts * values).sum() / n)


def _agree_count(who: Segments, column: str = "kano_vs_prca", what: str = "agree") -> int:
    return int((_comparison(who)[column] == what).sum())


def _plan_position(who: Segments, position: int) -> str:
    return str(capstone.improvement_plan(_comparison(who)).index[position - 1])


@lru_cache(maxsize=2)
def _acsi_fit(who: Segments) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the listwise-drop notice; the notebook prints n_dropped itself
        return pls.fit(company_acsi.MODEL, survey_rows(who))


def _acsi(who: Segments, naive: bool = False) -> float:
    res = _acsi_fit(who)
    if naive:
        return float(csi.naive_index(res, survey_rows(who))["Satisfaction"])
    return float(csi.acsi_index(res, survey_rows(who))["Satisfaction"])


def _acsi_equal_weights(who: Segments) -> float:
    items = company_acsi.MODEL.blocks["Satisfaction"]
    return float(((survey_rows(who)[items].mean() - 1) / 9 * 100).mean())


EXERCISES = [
    Exercise(
        id="6.1",
        title="Pareto on the customer ledger: what share of revenue do the top 10 % of customers bring?",
        kind="number",
        expected=lambda: float(customers.top_share(_revenue(), 0.1)),
        expects="a share between 0 and 1 (a float), e.g. 0.5 for half",
        hints=(
            "Pareto reads from the largest customers down: sort revenue from high to low.",
            "Take the first tenth of the customers after sorting and divide their revenue by the total revenue.",
            "customers.top_share has an argument for the share of customers to take.",
        ),
        takeaway="One customer in ten brings most of the revenue: keeping those few satisfied matters most.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: float(customers.top_share(_revenue(), 0.2)),
                    "That is the share of the top 20 % of customers, the worked example's figure; "
                    "the question asks for the top 10 %."),
            Mistake(lambda: float(1 - customers.top_share(_revenue(), 0.9)),
                    "That is the revenue of the smallest 10 % of customers; sort from the largest down."),
        ),
    ),
    Exercise(
        id="6.2",
        title="Kano: the Better coefficient of complaint handling for business customers (dealers and project customers)",
        kind="number",
        expected=lambda: float(_kano_row(BUSINESS)["better"]),
        expects="a coefficient between 0 and 1 (a float)",
        hints=(
            "Better (Timko) is the share of respondents whom the attribute's presence satisfies: "
            "attractive and one-dimensional answers over all classified answers.",
            "Keep only the rows whose segment is dealer or project, classify the answer pairs and "
            "compute (A + O) / (A + O + M + I).",
            "kano_frames(...) on the filtered survey, then kano.evaluate(f, d); read the 'better' column.",
        ),
        takeaway="For business customers complaint handling satisfies few when present but dissatisfies "
                 "many when absent: a must-be need.",
        tol=1e-3,
        mistakes=(
            Mistake(lambda: float(_kano_row(None)["better"]),
                    "That is Better over all respondents; filter to the dealer and project rows first."),
            Mistake(lambda: float(_kano_row(BUSINESS)["worse"]),
                    "That is the Worse coefficient (the effect of absence); Better is about presence."),
            Mistake(lambda: abs(float(_kano_row(BUSINESS)["worse"])),
                    "That is |Worse| (the effect of absence); Better is about presence."),
            Mistake(lambda: _better_with_rq(BUSINESS),
                    "Reverse (R) and questionable (Q) answers do not belong in the denominator: "
                    "divide by A + O + M + I."),
        ),
    ),
    Exercise(
        id="6.3",
        title="For business customers only, how many of the ten attributes get the same verdict from Kano "
              "and from PRCA (three-factor theory)?",
        kind="number",
        expected=lambda: _agree_count(BUSINESS),
        expects="a whole number from 0 to 10",
        hints=(
            "Must-be corresponds to a basic factor, one-dimensional to a performance factor, attractive to an "
            "excitement factor; indifferent has no counterpart.",
            "Run capstone.compare_methods on the dealer and project rows only; its kano_vs_prca column says "
            "agree, differ or n/a.",
            "Count the rows of that column equal to 'agree'.",
        ),
        takeaway="A segment shifts the verdicts: energy cost now agrees, while complaint handling, must-be for "
                 "business customers, shows no clear PRCA asymmetry in fewer respondents. Check agreement by segment.",
        tol=0,
        mistakes=(
            Mistake(lambda: _agree_count(None),
                    "That is the count over all respondents (the worked example's table); use the business rows only."),
            Mistake(lambda: _agree_count(BUSINESS, what="differ"),
                    "You counted the attributes where the two methods differ."),
            Mistake(lambda: _agree_count(BUSINESS, "kano_vs_ipa_importance"),
                    "That column compares Kano |Worse| with stated importance; the question is about Kano and PRCA."),
        ),
    ),
    Exercise(
        id="6.4",
        title="Fuzzy evaluation: the weighted score of repair service among household respondents "
              "(grades scored 20, 40, 60, 80, 100)",
        kind="number",
        expected=lambda: _repair_score("household"),
        expects="a score between 20 and 100 (a float)",
        hints=(
            "The score is Σ r_j c_j: memberships times grade values, with r_j the share of the valid answers.",
            "Keep the household rows; blank answers are not a grade, so divide each grade's count by the "
            "number of households who answered.",
            "fuzzy.membership_matrix on the household rows' fz_repair column, then fuzzy.verdict(...).score.",
        ),
        takeaway="Households rate repair about as poorly as everyone: the weakness is not one segment's complaint.",
        tol=1e-3,
        mistakes=(
            Mistake(lambda: _repair_score(None),
                    "That is the score over all respondents; keep the household rows only."),
            Mistake(lambda: _repair_score("household", "all"),
                    "You divided by all households, blanks included (N instead of N_i); blanks pull the score down."),
            Mistake(lambda: _repair_score("household", reverse=True),
                    "The grade values run the wrong way: 很不满意 (very dissatisfied) scores lowest."),
        ),
    ),
    Exercise(
        id="6.5",
        title="In the improvement plan for business customers (dealers and project customers), which attribute "
              "comes third?",
        kind="text",
        expected=lambda: _plan_position(BUSINESS, 3),
        expects='an attribute key as a string, e.g. "design"',
        hints=(
            "The plan weighs the quadrant, the Kano class, PRCA, the fuzzy score and derived importance together, "
            "so it changes when the respondents change.",
            "Build the comparison table from the dealer and project rows, then the plan; it is sorted by priority.",
            "capstone.improvement_plan(capstone.compare_methods(business_rows)).index[...]",
        ),
        takeaway="A segment's plan differs from the average plan where a need differs by segment: "
                 "business customers take complaint handling for granted.",
        mistakes=(
            Mistake(lambda: _plan_position(None, 3),
                    "That is third in the plan for all respondents; build the plan from the business rows."),
            Mistake(lambda: _plan_position(BUSINESS, 1),
                    "That is first in the business plan; the question asks for the third."),
        ),
    ),
    Exercise(
        id="6.6",
        title="ACSI: the 0-100 satisfaction index of Huajia among business customers (the PLS model fitted "
              "on the dealer and project rows only)",
        kind="number",
        expected=lambda: _acsi(BUSINESS),
        expects="an index between 0 and 100 (a float)",
        hints=(
            "The index rescales a weighted mean of the satisfaction items to 0-100 with the scale limits 1 and 10.",
            "Fit the model on the business rows, then turn its standardised weights back into weights for the "
            "raw items before averaging.",
            "pls.fit(company_acsi.MODEL, business_rows), then csi.acsi_index(fit, business_rows).",
        ),
        takeaway="Business customers are a little more satisfied than the average; an index by segment shows "
                 "whom to worry about.",
        tol=0.01,
        mistakes=(
            Mistake(lambda: _acsi(None),
                    "That is the index over all respondents (the worked example); fit on the business rows."),
            Mistake(lambda: _acsi(BUSINESS, naive=True),
                    "You applied the standardised weights to raw items; divide each by its item SD first "
                    "(csi.acsi_index does this)."),
            Mistake(lambda: _acsi_equal_weights(BUSINESS),
                    "That is the equal-weight mean of the items; the ACSI index weights them by the PLS outer weights."),
        ),
    ),
]
