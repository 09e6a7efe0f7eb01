"""Chapter 4 exercises: AHP weights and consistency, membership, composition and reading B.

Every expected value is computed from the bundled company data
(``company_survey.csv``, ``company_ahp_judgments.csv``) with the helpers.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .. import ahp, fuzzy
from ..checks import Exercise, Mistake
from ..datasets import company_fuzzy as cf


@lru_cache(maxsize=1)
def _survey() -> pd.DataFrame:
    from ..datasets import load

    return load("company_survey")


@lru_cache(maxsize=1)
def _judgments() -> pd.DataFrame:
    from ..datasets import load

    return load("company_ahp_judgments")


def _judge(name: str) -> pd.DataFrame:
    return cf.matrices(_judgments())[name]


def _cr_divided_by_n() -> float:
    r = ahp.priority_vector(_judge("judge_B"))
    return (r.lambda_max - r.n) / r.n / r.ri


# 4.2: options are pairs of groups; the key is found by asking suggest_revision
_OPTIONS_4_2 = {
    "A": ("philosophy", "visual"),
    "B": ("product", "service"),
    "C": ("philosophy", "service"),
    "D": ("visual", "product"),
}


def _key_4_2() -> str:
    rev = ahp.suggest_revision(_judge("judge_C"))
    pair = (rev.row_label, rev.col_label)
    return next(k for k, v in _OPTIONS_4_2.items() if v == pair)


def _counts(col: str) -> pd.Series:
    return fuzzy.grade_counts(_survey()[[col]], cf.GRADES).loc[col].astype(float)


def _membership(col: str) -> pd.Series:
    return fuzzy.membership_matrix(_survey()[[col]], cf.GRADES).loc[col]


def _group_weights() -> pd.Series:
    mats = cf.matrices(_judgments())
    return ahp.priority_vector(ahp.aggregate_judges(mats)).series


def _local(group: str) -> pd.Series:
    w = ahp.priority_vector(cf.matrices(_judgments(), group)["panel"]).series
    return w.rename(lambda k: f"fz_{k}")


def _service_B(operator: str = "weighted_average") -> pd.Series:
    R = fuzzy.membership_matrix(_survey()[cf.columns_of("service")], cf.GRADES)
    return fuzzy.compose(_local("service"), R, operator)


def _overall() -> fuzzy.HierarchyResult:
    local = {g: _local(g) for g in cf.GROUPS}
    return fuzzy.evaluate_hierarchy(cf.factor_tree(_group_weights(), local), _survey(), cf.GRADES)


def _score(values) -> float:
    return fuzzy.verdict(_overall().B, cf.GRADES, values).score


EXERCISES = [
    Exercise(
        id="4.1",
        title="Consistency ratio (CR) of judge B's comparison of the five satisfaction groups",
        kind="number",
        expected=lambda: ahp.priority_vector(_judge("judge_B")).cr,
        expects="a number (the CR, e.g. 0.05), not a percentage",
        hints=(
            "CR compares the consistency index CI = (λmax − n)/(n − 1) with the random index RI of a matrix of the "
            "same size (Saaty 1990). The course uses the saaty1980 RI table.",
            "Build judge B's matrix with company_fuzzy.matrices(load('company_ahp_judgments'))['judge_B'] and pass "
            "it to ahp.priority_vector.",
            "answer_4_1 = ahp.priority_vector(mats['judge_B']).cr",
        ),
        takeaway="CR belongs to the matrix: it is the same whichever weighting method you pick.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: ahp.priority_vector(_judge("judge_B")).ci,
                    "That is CI. Divide it by the random index RI(n) for n = 5 to get CR."),
            Mistake(_cr_divided_by_n, "CI divides λmax − n by n − 1, not by n."),
            Mistake(lambda: ahp.priority_vector(_judge("judge_B"), ri_table="donegan_dodd").cr,
                    "That CR uses AHPy's donegan_dodd RI table; the course's default is saaty1980."),
        ),
    ),
    Exercise(
        id="4.2",
        title="Judge C is inconsistent. Which judgment should judge C revise first?",
        kind="choice",
        expected=_key_4_2,
        expects='one letter, "A", "B", "C" or "D"',
        hints=(
            "A single badly chosen judgment can make a whole matrix inconsistent; the one to revise is the cell whose "
            "change lowers CR the most.",
            "ahp.suggest_revision(matrix) tries every upper cell at every Saaty value and reports the best one.",
            "rev = ahp.suggest_revision(mats['judge_C']); print(rev.row_label, rev.col_label)",
        ),
        takeaway="Ask the judge to reconsider that comparison; never 'fix' it yourself without asking.",
        options=tuple(f"{k}: {a} vs {b}" for k, (a, b) in _OPTIONS_4_2.items()),
        mistakes=(
            Mistake(lambda: "B", "Product vs service is judged 2 by judge C and 1-2 by the others: that cell is fine."),
        ),
    ),
    Exercise(
        id="4.3",
        title="Membership row r of 'complaint handling' (fz_complaint_handling) over the five grades",
        kind="vector",
        expected=lambda: _membership("fz_complaint_handling"),
        expects="five shares, worst grade first (a list, array or a Series indexed by grade)",
        hints=(
            "r_ij = n_ij / N_i: the share of the *valid* answers to this item that chose grade j; each row sums to 1.",
            "Many respondents never complained and left this item blank; they must not count in N_i.",
            "fuzzy.membership_matrix(survey[['fz_complaint_handling']], GRADES).loc['fz_complaint_handling']",
        ),
        takeaway="Blank answers are dropped per item, so every row of R sums to 1 even with missing data.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: _counts("fz_complaint_handling") / len(_survey()),
                    "You divided by all respondents N; divide by the valid answers N_i to this item (blanks excluded)."),
            Mistake(lambda: _counts("fz_complaint_handling"), "Those are counts; R needs shares (divide by N_i)."),
        ),
    ),
    Exercise(
        id="4.4",
        title="One-level evaluation of the service group: B_5 = A_5 ∘ R_5 with the weighted-average operator",
        kind="vector",
        expected=lambda: _service_B(),
        expects="five memberships, worst grade first",
        hints=(
            "M(·,⊕) is a matrix product: b_j = Σ_i a_i r_ij with the AHP local weights of the five service items.",
            "Local weights: ahp.priority_vector(company_fuzzy.matrices(judgments, 'service')['panel']); "
            "R: fuzzy.membership_matrix of the five service columns.",
            "fuzzy.compose(local_weights, R, 'weighted_average') (rename the weights to the fz_ column names)",
        ),
        takeaway="The weighted average uses every item, so B_5 already sums to 1.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: _service_B("max_min"),
                    "That is M(∧,∨) (max-min), which keeps only the dominant item per grade; use the weighted average."),
            Mistake(lambda: fuzzy.compose(np.full(5, 0.2), fuzzy.membership_matrix(
                _survey()[cf.columns_of("service")], cf.GRADES)),
                "Those are equal weights; use the panel's AHP weights for the service items."),
        ),
    ),
    Exercise(
        id="4.5",
        title="Two-level evaluation of the whole company: weighted score S of B with grade values 20/40/60/80/100",
        kind="number",
        expected=lambda: _score(cf.GRADE_VALUES),
        expects="a number on the 20-100 scale",
        hints=(
            "First B_i for each group (一级), then B = A ∘ [B_1; …; B_5] (二级); "
            "fuzzy.evaluate_hierarchy does both from a factor tree.",
            "S = Σ b_j c_j / Σ b_j with c = (20, 40, 60, 80, 100); pass the grade values to fuzzy.verdict "
            "as a dict keyed by grade.",
            "fuzzy.verdict(res.B, GRADES, company_fuzzy.GRADE_VALUES).score",
        ),
        takeaway="Always publish the grade values with S; scores made with other values are not comparable.",
        tol=0.01,
        mistakes=(
            Mistake(lambda: _score(None),
                    "That score uses positions 1..5 (the default grade values); use the survey-table scores 20-100."),
            Mistake(lambda: _score(dict(zip(cf.GRADES, [100.0, 80.0, 60.0, 40.0, 20.0]))),
                    "The grade values run opposite to the grades: 很不满意 is the lowest value, 很满意 the highest."),
        ),
    ),
    Exercise(
        id="4.6",
        title="Is the maximum-membership verdict for the whole company valid (α >= 0.5 and no tie)?",
        kind="bool",
        expected=lambda: fuzzy.verdict(_overall().B, cf.GRADES).valid,
        expects="True or False",
        hints=(
            "The validity index α = (mβ − 1)/(2γ(m − 1)) compares the largest membership β with the runner-up γ.",
            "fuzzy.verdict(res.B, GRADES) returns alpha and valid.",
            "answer_4_6 = fuzzy.verdict(res.B, GRADES).valid",
        ),
        takeaway="When B is flat, report the weighted score and α, not just the top grade.",
    ),
]
