"""Chapter 6 exercises: one company, every method, compared and turned into a plan.

Every expected value is computed from the bundled company data (``customer_ledger.csv``,
``company_survey.csv``) with the helpers; only the wording of the questions is stored here.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any

import pandas as pd

from .. import capstone, csi, customers, fuzzy, kano, pls
from ..checks import Exercise, Mistake
from ..datasets import company_acsi
from ..datasets.company_kano import kano_frames


@lru_cache(maxsize=1)
def _survey() -> pd.DataFrame:
    from ..datasets import load

    return load("company_survey")


@lru_cache(maxsize=1)
def _revenue() -> pd.Series:
    from ..datasets import load

    return load("customer_ledger")["revenue"]


@lru_cache(maxsize=1)
def _comparison() -> pd.DataFrame:
    return capstone.compare_methods(_survey())


@lru_cache(maxsize=1)
def _acsi_fit() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the listwise-drop notice; the notebook prints n_dropped itself
        return pls.fit(company_acsi.MODEL, _survey())


def _kano_business(filtered: bool) -> str:
    f, d, _ = kano_frames(_survey())
    if filtered:
        keep = _survey()["segment"].isin(["dealer", "project"]).to_numpy()
        f, d = f[keep], d[keep]
    return str(kano.evaluate(f, d).loc["complaint_handling", "category"])


def _repair_counts() -> pd.Series:
    return fuzzy.grade_counts(_survey()[["fz_repair"]], list(capstone.GRADES)).loc["fz_repair"].astype(float)


def _repair_score(denominator: str = "valid", reverse: bool = False) -> float:
    counts = _repair_counts()
    values = pd.Series(capstone.GRADE_VALUES)[counts.index]
    if reverse:
        values = pd.Series(values.to_numpy()[::-1], index=values.index)
    n = counts.sum() if denominator == "valid" else len(_survey())
    return float((counts * values).sum() / n)


def _agree_count(raw: bool = False, what: str = "agree") -> int:
    cmp = _comparison()
    if not raw:
        return int((cmp["kano_vs_prca"] == what).sum())
    from .. import ipa
    from ..datasets.company_ipa import ipa_frames

    _, perf, overall = ipa_frames(_survey())
    factor = ipa.prca(perf, overall, 2, 4)["factor"]
    mapped = cmp["kano_category"].map(capstone.KANO_TO_FACTOR)
    return int(((mapped == factor) & mapped.notna()).sum())


def _top_of_plan() -> str:
    return str(capstone.improvement_plan(_comparison()).index[0])


def _acsi(naive: bool = False) -> float:
    res = _acsi_fit()
    if naive:
        return float(csi.naive_index(res, _survey())["Satisfaction"])
    return float(csi.acsi_index(res, _survey())["Satisfaction"])


def _acsi_equal_weights() -> float:
    items = company_acsi.MODEL.blocks["Satisfaction"]
    return float(((_survey()[items].mean() - 1) / 9 * 100).mean())


EXERCISES = [
    Exercise(
        id="6.1",
        title="Pareto on the customer ledger: what share of revenue do the top 20 % of customers bring?",
        kind="number",
        expected=lambda: float(customers.top_share(_revenue(), 0.2)),
        expects="a share between 0 and 1 (a float), e.g. 0.5 for half",
        hints=(
            "Pareto's 80/20 reads from the largest customers down: sort revenue from high to low.",
            "Take the first fifth of the customers after sorting and divide their revenue by the total.",
            "customers.top_share(load('customer_ledger')['revenue'], 0.2)",
        ),
        takeaway="A few customers carry most of the revenue, so losing one of them costs far more than the average.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: float(customers.customers_for_share(_revenue(), 0.8)),
                    "That is the other reading of 80/20: the share of customers needed for 80 % of revenue. "
                    "The question asks for the revenue share of the top fifth."),
            Mistake(lambda: float(1 - customers.top_share(_revenue(), 0.8)),
                    "That is the revenue of the smallest 20 % of customers; sort from the largest down."),
        ),
    ),
    Exercise(
        id="6.2",
        title="Kano: the category of complaint handling for business customers (dealers and project customers)",
        kind="choice",
        expected=lambda: _kano_business(True),
        expects='one category letter as a string: "M", "O", "A", "I", "R" or "Q"',
        hints=(
            "An average over all respondents can hide a segment for which an attribute matters a lot.",
            "Keep only the rows whose segment is dealer or project, then classify and aggregate.",
            "f, d, _ = kano_frames(survey[survey.segment.isin(['dealer', 'project'])]); "
            "kano.evaluate(f, d).loc['complaint_handling', 'category']",
        ),
        takeaway="Segments disagree: what households shrug at, business customers take for granted.",
        mistakes=(
            Mistake(lambda: _kano_business(False),
                    "That is the category over all respondents; filter to dealer and project rows first."),
        ),
        options=("M", "O", "A", "I", "R", "Q"),
    ),
    Exercise(
        id="6.3",
        title="How many of the ten attributes get the same verdict from Kano and from PRCA (three-factor theory)?",
        kind="number",
        expected=lambda: _agree_count(),
        expects="a whole number from 0 to 10",
        hints=(
            "Must-be corresponds to a basic factor, one-dimensional to a performance factor, attractive to an "
            "excitement factor; indifferent has no counterpart.",
            "capstone.compare_methods gives both verdicts and a kano_vs_prca column saying agree, differ or n/a.",
            "(capstone.compare_methods(survey)['kano_vs_prca'] == 'agree').sum()",
        ),
        takeaway="Where a stated method (Kano) and a derived one (PRCA) agree, act with confidence; "
                 "where they differ, find out why before spending.",
        tol=0,
        mistakes=(
            Mistake(lambda: _agree_count(what="differ"), "You counted the attributes where the two methods differ."),
            Mistake(lambda: _agree_count(raw=True),
                    "You used PRCA's raw ratio classification; its ratio scatters around 1 for symmetric attributes. "
                    "compare_methods keeps a basic/excitement factor only when the asymmetry is clear: use its prca_factor."),
        ),
    ),
    Exercise(
        id="6.4",
        title="Fuzzy evaluation: the weighted score of repair service (grades scored 20, 40, 60, 80, 100)",
        kind="number",
        expected=lambda: _repair_score(),
        expects="a score between 20 and 100 (a float)",
        hints=(
            "The score is Σ r_j c_j: memberships times grade values, with r_j the share of the valid answers.",
            "Blank answers are not a grade: divide each grade's count by the number of respondents who answered.",
            "fuzzy.verdict(fuzzy.membership_matrix(survey[['fz_repair']], capstone.GRADES).loc['fz_repair'], "
            "capstone.GRADES, capstone.GRADE_VALUES).score",
        ),
        takeaway="Repair is among the weakest scores, so the fuzzy view backs the quadrant's 'concentrate here'.",
        tol=1e-3,
        mistakes=(
            Mistake(lambda: _repair_score("all"),
                    "You divided by all respondents, blanks included (N instead of N_i); blanks pull the score down."),
            Mistake(lambda: _repair_score(reverse=True),
                    "The grade values run the wrong way: 很不满意 (very dissatisfied) scores lowest."),
        ),
    ),
    Exercise(
        id="6.5",
        title="Which attribute comes first in the improvement plan?",
        kind="text",
        expected=_top_of_plan,
        expects='an attribute key as a string, e.g. "design"',
        hints=(
            "The plan weighs the quadrant, the Kano class, PRCA, the fuzzy score and derived importance together.",
            "Build the comparison table, then the plan; the plan is sorted by priority.",
            "capstone.improvement_plan(capstone.compare_methods(survey)).index[0]",
        ),
        takeaway="A must-be attribute that performs below par comes first: every failure there costs satisfaction.",
        mistakes=(
            Mistake(lambda: str(_comparison()["ipa_importance"].idxmax()),
                    "That is the attribute with the highest stated importance; importance alone ignores how well it "
                    "performs and what kind of need it is."),
            Mistake(lambda: str(_comparison()["fuzzy_score"].idxmin()),
                    "That is the lowest fuzzy score; a weak score alone ignores how much customers care and its Kano class."),
        ),
    ),
    Exercise(
        id="6.6",
        title="ACSI: the 0-100 satisfaction index of Huajia from the PLS model",
        kind="number",
        expected=lambda: _acsi(),
        expects="an index between 0 and 100 (a float)",
        hints=(
            "The index rescales a weighted mean of the satisfaction items to 0-100 with the scale limits 1 and 10.",
            "Standardised PLS weights must be turned back into weights for the raw items before averaging.",
            "csi.acsi_index(pls.fit(company_acsi.MODEL, survey), survey)['Satisfaction']",
        ),
        takeaway="The index uses the PLS weights on the raw scale; quality is the construct that moves it most.",
        tol=0.01,
        mistakes=(
            Mistake(lambda: _acsi(naive=True),
                    "You applied the standardised weights to raw items; divide each by its item SD first "
                    "(csi.acsi_index does this)."),
            Mistake(_acsi_equal_weights,
                    "That is the equal-weight mean of the items; the ACSI index weights them by the PLS outer weights."),
        ),
    ),
]
