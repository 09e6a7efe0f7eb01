"""Chapter 4 exercises: AHP weights and consistency, membership, composition and reading B.

Every expected value is computed from the bundled company data
(``company_survey.csv``, ``company_ahp_judgments.csv``) with the helpers; only the wording of
the questions is stored here. Where the worked example prints a result (judge B's CR, the cell
judge C should revise, the service group's B, the company's S and α), the exercise asks for a
variant it does not print: judge C's matrix after a partial revision, a stricter CR threshold,
and the dealer respondents only, so copying an output above it never passes.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .. import ahp, fuzzy
from ..checks import Exercise, Mistake
from . import company_survey, survey_rows
from ..datasets import company_fuzzy as cf

#: judge C's partial revision of philosophy vs service (the worked example suggests 1/3)
REVISED_PHILOSOPHY_VS_SERVICE = 1 / 2
#: the stricter consistency rule of exercise 4.2 (the course's default threshold is 0.10)
STRICT_CR = 0.05
#: the segment of exercises 4.4-4.6
DEALERS = "dealer"


@lru_cache(maxsize=1)
def _judgments() -> pd.DataFrame:
    from ..datasets import load

    return load("company_ahp_judgments")


def _judge(name: str) -> pd.DataFrame:
    return cf.matrices(_judgments())[name]


def _revised_C(philosophy_vs_service: float = REVISED_PHILOSOPHY_VS_SERVICE) -> pd.DataFrame:
    """Judge C's matrix with a_(philosophy, service) set to the given value and its reciprocal mirrored."""
    m = _judge("judge_C").astype(float).copy()
    m.loc["philosophy", "service"] = philosophy_vs_service
    m.loc["service", "philosophy"] = 1 / philosophy_vs_service
    return m


def _cr_divided_by_n(matrix: pd.DataFrame) -> float:
    r = ahp.priority_vector(matrix)
    return (r.lambda_max - r.n) / r.n / r.ri


# 4.2: options are pairs of groups; the key is found by asking suggest_revision
_OPTIONS_4_2 = {
    "A": ("philosophy", "visual"),
    "B": ("product", "service"),
    "C": ("philosophy", "service"),
    "D": ("visual", "product"),
}


def _revision_key(matrix: pd.DataFrame, cr_threshold: float) -> str:
    rev = ahp.suggest_revision(matrix, cr_threshold=cr_threshold)
    pair = (rev.row_label, rev.col_label)
    return next(k for k, v in _OPTIONS_4_2.items() if v == pair)


def _counts(col: str) -> pd.Series:
    return fuzzy.grade_counts(company_survey()[[col]], cf.GRADES).loc[col].astype(float)


def _membership(col: str) -> pd.Series:
    return fuzzy.membership_matrix(company_survey()[[col]], cf.GRADES).loc[col]


def _group_weights() -> pd.Series:
    mats = cf.matrices(_judgments())
    return ahp.priority_vector(ahp.aggregate_judges(mats)).series


def _local(group: str) -> pd.Series:
    w = ahp.priority_vector(cf.matrices(_judgments(), group)["panel"]).series
    return w.rename(lambda k: f"fz_{k}")


def _service_R(who: str | None) -> pd.DataFrame:
    return fuzzy.membership_matrix(survey_rows(who)[cf.columns_of("service")], cf.GRADES)


def _service_B(who: str | None, operator: str = "weighted_average") -> pd.Series:
    return fuzzy.compose(_local("service"), _service_R(who), operator)


@lru_cache(maxsize=2)
def _overall(who: str | None) -> fuzzy.HierarchyResult:
    local = {g: _local(g) for g in cf.GROUPS}
    return fuzzy.evaluate_hierarchy(cf.factor_tree(_group_weights(), local), survey_rows(who), cf.GRADES)


def _score(who: str | None, values) -> float:
    return fuzzy.verdict(_overall(who).B, cf.GRADES, values).score


def _alpha(who: str | None) -> float:
    return fuzzy.verdict(_overall(who).B, cf.GRADES).alpha


EXERCISES = [
    Exercise(
        id="4.1",
        title="Judge C revises philosophy vs service only as far as 1/2 (service a little more important): "
              "the consistency ratio (CR) of the revised matrix",
        kind="number",
        expected=lambda: ahp.priority_vector(_revised_C()).cr,
        expects="a number (the CR, e.g. 0.05), not a percentage",
        hints=(
            "CR compares the consistency index CI = (λmax − n)/(n − 1) with the random index RI of a matrix of the "
            "same size (Saaty 1990). The course uses the saaty1980 RI table.",
            "Copy judge C's matrix, set the philosophy-row, service-column cell to the new judgment and the mirrored "
            "cell to its reciprocal (a_ji = 1/a_ij), then pass the matrix to ahp.priority_vector.",
            "m = mats['judge_C'].copy(); m.loc['philosophy', 'service'] = 1/2; "
            "m.loc['service', 'philosophy'] = 2; answer_4_1 = ahp.priority_vector(m).cr",
        ),
        takeaway="A half-way revision already brings judge C under the 0.10 rule; CR belongs to the matrix, "
                 "whichever weighting method you pick.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: ahp.priority_vector(_revised_C()).ci,
                    "That is CI. Divide it by the random index RI(n) for n = 5 to get CR."),
            Mistake(lambda: _cr_divided_by_n(_revised_C()), "CI divides λmax − n by n − 1, not by n."),
            Mistake(lambda: ahp.priority_vector(_revised_C(), ri_table="donegan_dodd").cr,
                    "That CR uses AHPy's donegan_dodd RI table; the course's default is saaty1980."),
            Mistake(lambda: ahp.priority_vector(_revised_C(1 / 3)).cr,
                    "That is the CR after the revision suggest_revision proposes (1/3), printed in the worked "
                    "example; judge C only goes to 1/2."),
            Mistake(lambda: ahp.priority_vector(_revised_C(2)).cr,
                    "You set philosophy vs service to 2 (philosophy twice as important); the row item comes first, "
                    "so 'service a little more important' is 1/2 in the philosophy row."),
            Mistake(lambda: ahp.priority_vector(_judge("judge_C")).cr,
                    "That is the CR of judge C's original matrix; apply the revision first."),
        ),
    ),
    Exercise(
        id="4.2",
        title="After the revision of exercise 4.1 (philosophy vs service = 1/2), the project requires the "
              "stricter CR < 0.05. Which judgment should judge C reconsider next?",
        kind="choice",
        expected=lambda: _revision_key(_revised_C(), STRICT_CR),
        expects='one letter, "A", "B", "C" or "D"',
        hints=(
            "A single badly chosen judgment can make a whole matrix inconsistent; the one to revise is the cell whose "
            "change lowers CR the most. The threshold only decides whether a revision is needed at all.",
            "Start from the revised matrix of exercise 4.1. ahp.suggest_revision tries every upper cell at every "
            "Saaty value; by default it proposes nothing once CR < 0.10, so pass the stricter threshold.",
            "rev = ahp.suggest_revision(m, cr_threshold=...); print(rev.row_label, rev.col_label)",
        ),
        takeaway="Revising is a conversation, one judgment at a time: ask the judge about the next cell rather "
                 "than 'fixing' it yourself.",
        options=tuple(f"{k}: {a} vs {b}" for k, (a, b) in _OPTIONS_4_2.items()),
        mistakes=(
            Mistake(lambda: "C",
                    "Philosophy vs service is the cell the worked example names for the original matrix; judge C has "
                    "already revised it. Run suggest_revision on the revised matrix."),
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
            Mistake(lambda: _counts("fz_complaint_handling") / len(company_survey()),
                    "You divided by all respondents N; divide by the valid answers N_i to this item (blanks excluded)."),
            Mistake(lambda: _counts("fz_complaint_handling"), "Those are counts; R needs shares (divide by N_i)."),
        ),
    ),
    Exercise(
        id="4.4",
        title="Dealers only: one-level evaluation of the service group, B_5 = A_5 ∘ R_5 with the "
              "weighted-average operator",
        kind="vector",
        expected=lambda: _service_B(DEALERS),
        expects="five memberships, worst grade first",
        hints=(
            "M(·,⊕) is a matrix product: b_j = Σ_i a_i r_ij with the AHP local weights of the five service items; "
            "the weights stay the panel's, only R changes with the respondents.",
            "Keep the rows whose segment is 'dealer'. Local weights: ahp.priority_vector(company_fuzzy.matrices("
            "judgments, 'service')['panel']); R: fuzzy.membership_matrix of the dealers' five service columns.",
            "fuzzy.compose(local_weights, R_dealers, 'weighted_average') (rename the weights to the fz_ column names)",
        ),
        takeaway="Dealers give service more 很不满意 answers than the average respondent: a segment's B shows "
                 "whom the weak group hurts most.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: _service_B(None),
                    "That is B_5 over all respondents (the worked example's service row); keep the dealer rows."),
            Mistake(lambda: _service_B(DEALERS, "max_min"),
                    "That is M(∧,∨) (max-min), which keeps only the dominant item per grade; use the weighted average."),
            Mistake(lambda: fuzzy.compose(np.full(5, 0.2), _service_R(DEALERS)),
                    "Those are equal weights; use the panel's AHP weights for the service items."),
        ),
    ),
    Exercise(
        id="4.5",
        title="Dealers only: two-level evaluation, weighted score S of B with grade values 20/40/60/80/100",
        kind="number",
        expected=lambda: _score(DEALERS, cf.GRADE_VALUES),
        expects="a number on the 20-100 scale",
        hints=(
            "First B_i for each group (一级), then B = A ∘ [B_1; …; B_5] (二级); "
            "fuzzy.evaluate_hierarchy does both from a factor tree. The weights do not change, only the respondents.",
            "Pass the dealer rows of the survey to evaluate_hierarchy; then S = Σ b_j c_j / Σ b_j with "
            "c = (20, 40, 60, 80, 100), given to fuzzy.verdict as a dict keyed by grade.",
            "fuzzy.verdict(fuzzy.evaluate_hierarchy(tree, dealers, GRADES).B, GRADES, company_fuzzy.GRADE_VALUES).score",
        ),
        takeaway="Always publish the grade values with S; scores made with other values are not comparable.",
        tol=0.01,
        mistakes=(
            Mistake(lambda: _score(None, cf.GRADE_VALUES),
                    "That is S over all respondents (the worked example); run the evaluation on the dealer rows."),
            Mistake(lambda: _score(DEALERS, None),
                    "That score uses positions 1..5 (the default grade values); use the survey-table scores 20-100."),
            Mistake(lambda: _score(DEALERS, dict(zip(cf.GRADES, [100.0, 80.0, 60.0, 40.0, 20.0]))),
                    "The grade values run opposite to the grades: 很不满意 is the lowest value, 很满意 the highest."),
        ),
    ),
    Exercise(
        id="4.6",
        title="Dealers only: the validity index α of the maximum-membership verdict of the two-level B "
              "(valid when α >= 0.5 and no tie)",
        kind="number",
        expected=lambda: _alpha(DEALERS),
        expects="a number (α, e.g. 0.7)",
        hints=(
            "The validity index α = (mβ − 1)/(2γ(m − 1)) compares the largest membership β with the runner-up γ "
            "over m grades.",
            "Use the dealers' two-level B of exercise 4.5, not the one-level service B_5; fuzzy.verdict(B, GRADES) "
            "returns alpha and valid (fuzzy.validity_index gives α alone).",
            "answer_4_6 = fuzzy.verdict(res_dealers.B, GRADES).alpha",
        ),
        takeaway="Below 0.5 the top grade is not a valid verdict: report the weighted score and α, not just the "
                 "top grade.",
        tol=1e-3,
        mistakes=(
            Mistake(lambda: _alpha(None),
                    "That is α for all respondents (the worked example); use the dealers' B."),
            Mistake(lambda: fuzzy.validity_index(_service_B(DEALERS)),
                    "That is α of the service group's B_5 alone; read the two-level B of the whole company."),
        ),
    ),
]
