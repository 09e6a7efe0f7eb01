"""Chapter 2 exercises: the Kano model (KANO模型).

Every expected value is computed with :mod:`csat_helpers.kano` from the bundled
company survey or from the published counts quoted in the chapter.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import kano
from ..checks import Exercise, Mistake

#: the proofofthepudding Kano guide's tallying example (n = 25), as quoted in specs/kano.md section 10
PUDDING_COUNTS = pd.DataFrame(
    {"A": [1, 4], "O": [10, 5], "M": [9, 9], "I": [2, 2], "R": [3, 4], "Q": [0, 1]},
    index=["Feature1", "Feature2"],
)


def _name(letter: str) -> str:
    return str(kano.CATEGORIES[letter]["en"]).lower()


@lru_cache(maxsize=1)
def _survey() -> pd.DataFrame:
    from ..datasets import load

    return load("company_survey")


def _evaluate(segment: str | None = None) -> pd.DataFrame:
    from ..datasets.company_kano import kano_frames

    s = _survey()
    if segment is not None:
        s = s[s["segment"] == segment]
    f, d, _ = kano_frames(s)
    return kano.evaluate(f, d)


def _quadrant_set(letter: str, swap_axes: bool = False) -> set[str]:
    r = _evaluate()
    better, worse = r["better"], r["worse"]
    if swap_axes:  # the mistake: |worse| read as better and better as |worse|
        better, worse = r["worse"].abs(), -r["better"]
    q = kano.bw_quadrant(better, worse, split=0.5)
    return set(q.index[q == letter])


def _fix_first() -> str:
    r = _evaluate()
    for cat in ("M", "O", "A"):
        sub = r[r["category"] == cat]
        if len(sub):
            return str(sub["worse"].abs().idxmax())
    return ""


def _chase_delight() -> str:
    return str(_evaluate()["better"].idxmax())


EXERCISES = [
    Exercise(
        id="2.1",
        title="Classify one answer pair: 'like' if the product has it, 'live-with' if it does not",
        kind="text",
        expected=lambda: _name(kano.classify("like", "live-with")),
        expects="the category's English name as a word, e.g. 'indifferent' (not its letter)",
        hints=(
            "Use the evaluation table: the row is the functional answer, the column the dysfunctional one.",
            "Find the row 'like' and the column 'live-with'; read the letter, then name its category.",
            "kano.classify('like', 'live-with') gives the letter; kano.CATEGORIES[letter]['en'] its name.",
        ),
        takeaway="Liking a feature's presence while tolerating its absence is the mark of a delighter.",
        mistakes=(
            Mistake(
                lambda: _name(kano.classify("live-with", "like")),
                "You read the table with rows and columns swapped (an inverted Kano table): rows are the "
                "functional answer ('if it has X'), columns the dysfunctional one.",
            ),
        ),
    ),
    Exercise(
        id="2.2",
        title="Which category does the M > O > A > I rule (band 0.05) give the published Feature1?",
        kind="text",
        expected=lambda: _name(str(kano.summarize_counts(PUDDING_COUNTS).loc["Feature1", "category"])),
        expects="the category's English name as a word, e.g. 'indifferent' (not its letter)",
        hints=(
            "Rank M, O, A, I, R by count, then compute the lead of the top one over the second as a share of N.",
            "The lead is (10 - 9) / 25. If it is within the band, the higher-priority category of the two wins.",
            "kano.summarize_counts(PUDDING_COUNTS).loc['Feature1', 'category'] (PUDDING_COUNTS is in the chapter).",
        ),
        takeaway="A one-vote lead is no lead: within the band, fix what hurts most when missing first.",
        mistakes=(
            Mistake(
                lambda: _name(str(kano.summarize_counts(PUDDING_COUNTS).loc["Feature1", "category_mode"])),
                "That is the mode (the published answer). The M > O > A > I rule looks at the lead: "
                "4 points is within the 5-point band, so priority decides.",
            ),
        ),
    ),
    Exercise(
        id="2.3",
        title="Worse coefficient of 'reliability' in the Huajia survey (all respondents)",
        kind="number",
        expected=lambda: float(_evaluate().loc["reliability", "worse"]),
        expects="a number between -1 and 0",
        hints=(
            "Worse measures how much dissatisfaction the absence causes: the O and M answers, over A+O+M+I.",
            "Split the survey with kano_frames, run kano.evaluate, and read the 'worse' column.",
            "kano.evaluate(f, d).loc['reliability', 'worse']",
        ),
        takeaway="A Worse near -1 means almost everyone is unhappy without it: a must-be or one-dimensional need.",
        tol=1e-3,
        mistakes=(
            Mistake(
                lambda: -float(_evaluate().loc["reliability", "worse"]),
                "Right size, wrong sign: by convention Worse is negative (plot |Worse|, but report it with the minus).",
            ),
            Mistake(
                lambda: float(
                    -(_evaluate().loc["reliability", "O"] + _evaluate().loc["reliability", "M"])
                    / _evaluate().loc["reliability", "n"]
                ),
                "You divided by all classified answers. Berger et al.'s denominator is A+O+M+I: "
                "Reverse and Questionable answers are left out.",
            ),
        ),
    ),
    Exercise(
        id="2.4",
        title="Which attributes fall in the must-be quadrant of the Better–Worse chart (split 0.5)?",
        kind="choices",
        expected=lambda: _quadrant_set("M"),
        expects="a set or list of attribute keys, e.g. {'price', 'design'}",
        hints=(
            "The chart puts |Worse| on the x axis and Better on the y axis; must-be is low Better, high |Worse|.",
            "Use kano.bw_quadrant(result['better'], result['worse']) and keep the attributes marked 'M'.",
            "q = kano.bw_quadrant(r['better'], r['worse']); set(q.index[q == 'M'])",
        ),
        takeaway="Low Better, high |Worse|: customers only notice these when they fail.",
        mistakes=(
            Mistake(
                lambda: _quadrant_set("M", swap_axes=True),
                "Those are the delighters (high Better, low |Worse|): did you swap the axes or pick the "
                "opposite corner? x = |Worse|, y = Better; must-be is bottom right.",
            ),
        ),
    ),
    Exercise(
        id="2.5",
        title="Which category do dealers (经销商) give complaint handling?",
        kind="text",
        expected=lambda: _name(str(_evaluate("dealer").loc["complaint_handling", "category"])),
        expects="the category's English name as a word, e.g. 'attractive' (not its letter)",
        hints=(
            "Segments can classify the same attribute differently; filter the survey before evaluating.",
            "Keep the rows whose 'segment' is 'dealer', then evaluate and read complaint_handling's category.",
            "s = survey[survey['segment'] == 'dealer']; f, d, _ = kano_frames(s); kano.evaluate(f, d)",
        ),
        takeaway="One attribute, two needs: averaging over segments can hide a must-be for a key segment.",
        mistakes=(
            Mistake(
                lambda: _name(str(_evaluate().loc["complaint_handling", "category"])),
                "That is the answer for all respondents together; households dominate it. Filter to dealers first.",
            ),
        ),
    ),
    Exercise(
        id="2.6",
        title="By the priority rule, which attribute should Huajia fix first?",
        kind="text",
        expected=_fix_first,
        expects="an attribute key from the survey, e.g. 'price'",
        hints=(
            "Priority: must-be first, then one-dimensional, then attractive (weighed against cost).",
            "Take the attributes whose category is must-be, then the one whose absence hurts most (largest |Worse|).",
            "r[r['category'] == 'M']['worse'].abs().idxmax()",
        ),
        takeaway="Delight cannot make up for a missing basic: secure the must-be needs before anything else.",
        mistakes=(
            Mistake(
                _chase_delight,
                "That attribute has the highest Better: it delights, but the rule fixes must-be needs first.",
            ),
        ),
    ),
]
