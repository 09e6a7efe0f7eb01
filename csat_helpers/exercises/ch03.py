"""Chapter 3 exercises: measuring satisfaction and the quadrant model (四分图模型).

Every expected value is computed with :mod:`csat_helpers.survey` and :mod:`csat_helpers.ipa`
from the bundled company survey (its ``ipa_*`` columns); only the wording is stored here.
Each exercise is a variant of a worked-example step that the notebook does **not** print
(another margin and confidence level, the service items, another attribute, derived importance,
other cut-offs), so copying an output above it never passes.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import ipa, survey
from ..checks import Exercise, Mistake
from ..datasets.company import ATTRIBUTES

#: the five service indicators (与服务有关的指标) of the chapter's KPI table
SERVICE = tuple(key for key, (_, _, family) in ATTRIBUTES.items() if family == "service")


@lru_cache(maxsize=1)
def _frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    from ..datasets import load
    from ..datasets.company_ipa import ipa_frames

    return ipa_frames(load("company_survey"))


def _alpha(items: str = "service", with_overall: bool = False) -> float:
    """Alpha of the ``"service"``, ``"product"`` or ``"all"`` performance items."""
    _, perf, overall = _frames()
    keep = {"service": perf.columns.isin(SERVICE), "product": ~perf.columns.isin(SERVICE)}
    chosen = perf if items == "all" else perf.loc[:, keep[items]]
    return survey.cronbach_alpha(pd.concat([chosen, overall], axis=1) if with_overall else chosen)


def _mean_ci(attribute: str = "complaint_handling", confidence: float = 0.99, spread: str = "se") -> list[float]:
    _, perf, _ = _frames()
    r = survey.mean_ci(perf[[attribute]], confidence=confidence).loc[attribute]
    if spread == "sd":  # the mistake: the SD, not the standard error
        return [r["mean"] - r["t"] * r["sd"], r["mean"] + r["t"] * r["sd"]]
    return [r["lower"], r["upper"]]


def _concentrate(importance: str = "derived", swap: bool = False) -> set[str]:
    imp, perf, overall = _frames()
    i = ipa.derived_importance(perf, overall, "pearson") if importance == "derived" else imp.mean()
    p = perf.mean()
    if swap:  # the mistake: importance read as performance and vice versa
        i, p = p, i
    q = ipa.quadrants(i, p, crosshair="data_mean")
    return set(q.index[q["quadrant"] == "concentrate_here"])


def _overall_index(indicators: str = "service", weighted: bool = True, divide: bool = True) -> float:
    imp, perf, _ = _frames()
    cols = list(SERVICE) if indicators == "service" else list(perf.columns)
    i = survey.importance_from_shares(survey.level_shares(imp[cols]))
    p = survey.satisfaction_from_shares(survey.level_shares(perf[cols]))
    if not weighted:
        i = i * 0 + 1
    value = survey.overall_index(i, p, 5)
    return value if divide else value * 5


def _delivery_factor(low: int = 1, high: int = 5, inverted: bool = False) -> str:
    _, perf, overall = _frames()
    r = ipa.prca(perf, overall, low, high)
    if inverted:  # the mistake: |b_low| / b_high instead of b_high / |b_low|
        r = ipa.three_factor(-r["b_high"], r["b_low"].abs())
    return str(r.loc["delivery_install", "factor"])


EXERCISES = [
    Exercise(
        id="3.1",
        title="Sample size: how many respondents for a satisfaction share within ±4 points at 99 % confidence?",
        kind="number",
        expected=lambda: survey.sample_size(0.04, confidence=0.99, p=0.5),
        expects="a whole number of respondents, e.g. 500",
        hints=(
            "For a share, n = z²·p(1−p)/e²; with no prior idea of the share use p = 0.5, the worst case.",
            "z is the 99.5 % normal quantile for 99 % confidence (α/2 in each tail); e is the margin as a "
            "fraction (4 points = 0.04). Round up: a fraction of a respondent cannot be surveyed.",
            "survey.sample_size(margin, confidence=..., p=0.5), with the margin and the confidence of the question",
        ),
        takeaway="More confidence costs respondents as surely as a smaller margin does: n grows with z².",
        tol=0.5,
        mistakes=(
            Mistake(lambda: survey.sample_size(0.04, confidence=0.95, p=0.5),
                    "That is the size for 95 % confidence (z ≈ 1.96); the exercise asks for 99 % (z ≈ 2.576)."),
            Mistake(lambda: survey.sample_size(0.03, confidence=0.95, p=0.5),
                    "That is the worked example's size for ±3 points at 95 %; the exercise asks for ±4 points at 99 %."),
            Mistake(lambda: int(survey.sample_size(0.04, confidence=0.99, p=0.5, ceil=False)),
                    "You rounded down. Always round a sample size up, or the margin is slightly missed."),
        ),
    ),
    Exercise(
        id="3.2",
        title="Reliability: Cronbach's alpha of the five service items (delivery_install, repair, "
              "complaint_handling, staff_attitude, information) of the company survey",
        kind="number",
        expected=lambda: _alpha(),
        expects="a number between 0 and 1, e.g. 0.5",
        hints=(
            "Alpha compares the sum of the item variances with the variance of the total score; "
            "it is computed for the items of one scale only.",
            "Take the five service performance columns only (not importance, not the overall rating, "
            "not the product items); drop incomplete respondents.",
            "survey.cronbach_alpha(perf[[...the five service columns...]])",
        ),
        takeaway="Fewer items, lower alpha: alpha grows with the number of items k, so a short subscale "
                 "can miss the 0.7 rule of thumb although its items are the same kind as a longer scale's.",
        tol=1e-3,
        mistakes=(
            Mistake(lambda: _alpha("all"),
                    "That is alpha of all ten performance items (the worked example); keep the five service items."),
            Mistake(lambda: _alpha("product"),
                    "That is alpha of the five product items; the exercise asks for the service items."),
            Mistake(lambda: _alpha(with_overall=True),
                    "You included the overall rating. Alpha is for the items of one scale; the overall rating is the outcome."),
        ),
    ),
    Exercise(
        id="3.3",
        title="Interval estimate: the 99 % confidence interval [lower, upper] for the mean performance "
              "of complaint handling",
        kind="vector",
        expected=lambda: _mean_ci(),
        expects="a list of two numbers [lower, upper]",
        hints=(
            "An interval for a mean is x̄ ± t·s/√n, with n the number of answers (blanks skipped).",
            "Use the t quantile for 99 % (α/2 = 0.005 in each tail) with n − 1 degrees of freedom and the "
            "standard error s/√n, not the SD itself.",
            "survey.mean_ci(perf[['complaint_handling']], confidence=...) and read its lower and upper columns",
        ),
        takeaway="At 99 % the interval is about a third wider than at 95 % (t ≈ 2.58 instead of 1.96): "
                 "more confidence is paid for in precision.",
        tol=1e-3,
        mistakes=(
            Mistake(lambda: _mean_ci(confidence=0.95),
                    "That is the 95 % interval; the exercise asks for 99 % confidence."),
            Mistake(lambda: _mean_ci(spread="sd"),
                    "Your interval is as wide as the spread of single answers: divide the SD by √n to get the standard error."),
            Mistake(lambda: _mean_ci("repair"),
                    "That is the interval for repair service; the exercise asks for complaint handling."),
        ),
    ),
    Exercise(
        id="3.4",
        title="Quadrants with derived importance: which attributes fall in 'concentrate here' (修补区) when "
              "importance is the Pearson correlation with overall satisfaction and the crosshair is the data mean?",
        kind="choices",
        expected=lambda: _concentrate(),
        expects="a set of attribute keys, e.g. {'price', 'design'}",
        hints=(
            "Concentrate here = importance above the crosshair and performance below it; only the importance "
            "axis changes, from what customers say to what moves overall satisfaction.",
            "Derived importance is each performance item's correlation with the overall rating; the crosshair is "
            "the mean of the ten values on each axis.",
            "ipa.quadrants(ipa.derived_importance(perf, overall, 'pearson'), perf.mean()) and keep the rows "
            "whose quadrant is 'concentrate_here'.",
        ),
        takeaway="Derived importance drops price, the false priority, and brings in information, the hidden gem: "
                 "what customers say matters and what moves their satisfaction are different lists.",
        mistakes=(
            Mistake(lambda: _concentrate("stated"),
                    "That is the set with stated importance (the worked example's chart); use the derived importance."),
            Mistake(lambda: _concentrate(swap=True),
                    "You swapped the axes: importance is on y and performance (satisfaction) on x."),
        ),
    ),
    Exercise(
        id="3.5",
        title="The source's overall satisfaction for the five service indicators: CS = Σ I_i·P_i / (x_k·Σ I_i) "
              "from the rating shares, as a fraction",
        kind="number",
        expected=lambda: _overall_index(),
        expects="a number between 0 and 1, e.g. 0.65",
        hints=(
            "First I_i = Σ_j K_j·R_ij and P_i = Σ_j x_j·y_ij from the shares of each rating level (both on 1–5), "
            "for the service indicators only.",
            "Weight each P_i by its importance, divide by the total importance of those indicators and by the top score x_k = 5.",
            "survey.overall_index(survey.importance_from_shares(survey.level_shares(imp[cols])), "
            "survey.satisfaction_from_shares(survey.level_shares(perf[cols])), 5) with cols the service keys",
        ),
        takeaway="Computed per KPI family, the index shows which side of the business pulls the total down: "
                 "here service, if only slightly.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: _overall_index("all"),
                    "That is CS over all ten indicators (the worked example); keep the five service indicators."),
            Mistake(lambda: _overall_index(divide=False),
                    "That is on the 1–5 scale: divide by the top score x_k so that 1 means every customer chose the top level."),
            Mistake(lambda: _overall_index(weighted=False),
                    "You averaged the satisfaction scores without weighting them by importance I_i."),
        ),
    ),
    Exercise(
        id="3.6",
        title="Asymmetry: which three-factor class does PRCA with the extreme cut-offs (low ≤ 1, high ≥ 5) "
              "give delivery and installation?",
        kind="text",
        expected=lambda: _delivery_factor(),
        expects="one word: 'basic', 'performance' or 'excitement'",
        hints=(
            "PRCA fits a penalty (rating ≤ low) and a reward (rating ≥ high) coefficient per attribute; "
            "the cut-offs decide who counts as dissatisfied and satisfied.",
            "The class comes from the ratio reward / |penalty|: above 1.1, between 0.9 and 1.1, or below 0.9.",
            "ipa.prca(perf, overall, low, high) with the question's cut-offs, then the 'factor' column of "
            "delivery_install",
        ),
        takeaway="The class moved with the cut-offs: a botched installation (rating 1) costs far more than a "
                 "perfect one (5) adds, partly the ceiling effect. Always report the cut-offs with a PRCA class.",
        synonyms=("basic factor", "dissatisfier"),
        mistakes=(
            Mistake(lambda: _delivery_factor(2, 4),
                    "That is the class with the worked example's cut-offs (low ≤ 2, high ≥ 4); use low ≤ 1 and high ≥ 5."),
            Mistake(lambda: _delivery_factor(inverted=True),
                    "You inverted the ratio: it is reward b_high divided by |penalty b_low|, not the other way round."),
        ),
    ),
]
