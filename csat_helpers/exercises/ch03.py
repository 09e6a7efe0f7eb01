"""Chapter 3 exercises: measuring satisfaction and the quadrant model (四分图模型).

Every expected value is computed with :mod:`csat_helpers.survey` and :mod:`csat_helpers.ipa`
from the bundled company survey (its ``ipa_*`` columns).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import ipa, survey
from ..checks import Exercise, Mistake


@lru_cache(maxsize=1)
def _frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    from ..datasets import load
    from ..datasets.company_ipa import ipa_frames

    return ipa_frames(load("company_survey"))


def _alpha(with_overall: bool = False, standardized: bool = False) -> float:
    _, perf, overall = _frames()
    items = pd.concat([perf, overall], axis=1) if with_overall else perf
    return survey.cronbach_alpha(items, standardized=standardized)


def _repair_ci(spread: str = "se") -> list[float]:
    _, perf, _ = _frames()
    r = survey.mean_ci(perf[["repair"]]).loc["repair"]
    if spread == "sd":  # the mistake: the SD, not the standard error
        return [r["mean"] - r["t"] * r["sd"], r["mean"] + r["t"] * r["sd"]]
    return [r["lower"], r["upper"]]


def _concentrate(crosshair: str = "data_mean", swap: bool = False) -> set[str]:
    imp, perf, _ = _frames()
    i, p = imp.mean(), perf.mean()
    if swap:  # the mistake: importance read as performance and vice versa
        i, p = p, i
    q = ipa.quadrants(i, p, crosshair=crosshair, scale=(1, 5))
    return set(q.index[q["quadrant"] == "concentrate_here"])


def _overall_index(weighted: bool = True, divide: bool = True) -> float:
    imp, perf, _ = _frames()
    i = survey.importance_from_shares(survey.level_shares(imp))
    p = survey.satisfaction_from_shares(survey.level_shares(perf))
    if not weighted:
        i = i * 0 + 1
    value = survey.overall_index(i, p, 5)
    return value if divide else value * 5


def _repair_factor(inverted: bool = False) -> str:
    _, perf, overall = _frames()
    r = ipa.prca(perf, overall, 2, 4)
    if inverted:  # the mistake: |b_low| / b_high instead of b_high / |b_low|
        r = ipa.three_factor(-r["b_high"], r["b_low"].abs())
    return str(r.loc["repair", "factor"])


EXERCISES = [
    Exercise(
        id="3.1",
        title="Sample size: how many respondents for a satisfaction share within ±3 points at 95 % confidence?",
        kind="number",
        expected=lambda: survey.sample_size(0.03, confidence=0.95, p=0.5),
        expects="a whole number of respondents, e.g. 500",
        hints=(
            "For a share, n = z²·p(1−p)/e²; with no prior idea of the share use p = 0.5, the worst case.",
            "z is the 97.5 % normal quantile for 95 % confidence; e is the margin as a fraction (3 points = 0.03). "
            "Round up: a fraction of a respondent cannot be surveyed.",
            "survey.sample_size(0.03, confidence=0.95, p=0.5)",
        ),
        takeaway="Halving the margin of error quadruples the sample: precision is paid for in respondents.",
        tol=0.5,
        mistakes=(
            Mistake(lambda: survey.sample_size(0.03, confidence=0.90, p=0.5),
                    "That is the size for 90 % confidence (z ≈ 1.645); the exercise asks for 95 %."),
            Mistake(lambda: int(survey.sample_size(0.03, p=0.5, ceil=False)),
                    "You rounded down. Always round a sample size up, or the margin is slightly missed."),
        ),
    ),
    Exercise(
        id="3.2",
        title="Reliability: Cronbach's alpha of the ten performance items (ipa_<attr>_perf) of the company survey",
        kind="number",
        expected=lambda: _alpha(),
        expects="a number between 0 and 1, e.g. 0.5",
        hints=(
            "Alpha compares the sum of the item variances with the variance of the total score.",
            "Take the ten performance columns only (not importance, not the overall rating); drop incomplete respondents.",
            "imp, perf, overall = ipa_frames(survey); survey.cronbach_alpha(perf)",
        ),
        takeaway="Above 0.8 the performance items hang together well enough to be summed into one scale.",
        tol=1e-3,
        mistakes=(
            Mistake(lambda: _alpha(with_overall=True),
                    "You included the overall rating. Alpha is for the items of one scale; the overall rating is the outcome."),
        ),
    ),
    Exercise(
        id="3.3",
        title="Interval estimate: the 95 % confidence interval [lower, upper] for the mean performance of repair service",
        kind="vector",
        expected=lambda: _repair_ci(),
        expects="a list of two numbers [lower, upper]",
        hints=(
            "An interval for a mean is x̄ ± t·s/√n, with n the number of answers (blanks skipped).",
            "Use the t quantile with n − 1 degrees of freedom and the standard error s/√n, not the SD itself.",
            "survey.mean_ci(perf[['repair']]).loc['repair', ['lower', 'upper']].tolist()",
        ),
        takeaway="With 800 respondents a mean on a 1–5 scale is known to within about ±0.07.",
        tol=1e-3,
        mistakes=(
            Mistake(lambda: _repair_ci("sd"),
                    "Your interval is as wide as the spread of single answers: divide the SD by √n to get the standard error."),
        ),
    ),
    Exercise(
        id="3.4",
        title="Quadrants: which attributes fall in 'concentrate here' (修补区) with stated importance and the data-mean crosshair?",
        kind="choices",
        expected=lambda: _concentrate(),
        expects="a set of attribute keys, e.g. {'price', 'design'}",
        hints=(
            "Concentrate here = importance above the crosshair and performance below it.",
            "Mean importance and mean performance per attribute; the crosshair is the mean of the ten attribute means "
            "on each axis.",
            "ipa.quadrants(imp.mean(), perf.mean()) and keep the rows whose quadrant is 'concentrate_here'.",
        ),
        takeaway="These are the attributes customers care about most where Huajia performs worst: fix them first.",
        mistakes=(
            Mistake(lambda: _concentrate("data_median"),
                    "That is the median crosshair: it splits the attributes five and five. The exercise uses the mean."),
            Mistake(lambda: _concentrate("scale_midpoint"),
                    "That is the scale midpoint (3): stated importance runs high, so almost everything counts as important. "
                    "Use the data mean."),
            Mistake(lambda: _concentrate(swap=True),
                    "You swapped the axes: importance is on y and performance (satisfaction) on x."),
        ),
    ),
    Exercise(
        id="3.5",
        title="The source's overall satisfaction: CS = Σ I_i·P_i / (x_k·Σ I_i) from the rating shares, as a fraction",
        kind="number",
        expected=lambda: _overall_index(),
        expects="a number between 0 and 1, e.g. 0.65",
        hints=(
            "First I_i = Σ_j K_j·R_ij and P_i = Σ_j x_j·y_ij from the shares of each rating level (both on 1–5).",
            "Weight each P_i by its importance, divide by the total importance and by the top score x_k = 5.",
            "survey.overall_index(survey.importance_from_shares(survey.level_shares(imp)), "
            "survey.satisfaction_from_shares(survey.level_shares(perf)), 5)",
        ),
        takeaway="Importance weighting matters little when stated importance is flat; it matters when it is not.",
        tol=1e-4,
        mistakes=(
            Mistake(lambda: _overall_index(divide=False),
                    "That is on the 1–5 scale: divide by the top score x_k so that 1 means every customer chose the top level."),
            Mistake(lambda: _overall_index(weighted=False),
                    "You averaged the satisfaction scores without weighting them by importance I_i."),
        ),
    ),
    Exercise(
        id="3.6",
        title="Asymmetry: which three-factor class does PRCA (low ≤ 2, high ≥ 4) give repair service?",
        kind="text",
        expected=lambda: _repair_factor(),
        expects="one word: 'basic', 'performance' or 'excitement'",
        hints=(
            "PRCA fits a penalty (rating ≤ 2) and a reward (rating ≥ 4) coefficient per attribute.",
            "The class comes from the ratio reward / |penalty|: above 1.1, between 0.9 and 1.1, or below 0.9.",
            "ipa.prca(perf, overall, 2, 4).loc['repair', 'factor']",
        ),
        takeaway="A large penalty with little reward is Kano's must-be: poor repair angers, good repair is expected.",
        synonyms=("basic factor", "dissatisfier"),
        mistakes=(
            Mistake(lambda: _repair_factor(inverted=True),
                    "You inverted the ratio: it is reward b_high divided by |penalty b_low|, not the other way round."),
        ),
    ),
]
