"""Chapter 2 exercises: the Kano model (KANO模型).

Every expected value is computed with :mod:`csat_helpers.kano` from the bundled
company survey. Exercises 2.2-2.6 are variants of a worked-example step that the
notebook does **not** print (another region, segment, band, split or plan), so
copying an output above them never passes.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import kano
from ..checks import Exercise, Mistake
from . import survey_rows

#: the priority rule of §2.8: must-be, then one-dimensional, then attractive
PRIORITY_STEP = {"M": 1, "O": 2, "A": 3, "I": 4, "R": 5, "Q": 6}
#: Yang's (2005) more important half of each category
HIGH_IMPORTANCE = {"critical", "high value-added", "highly attractive", "potential"}


def _name(letter: str) -> str:
    return str(kano.CATEGORIES[letter]["en"]).lower()


@lru_cache(maxsize=8)
def _evaluate(segment: str | None = None, region: str | None = None, band: float = 0.05) -> pd.DataFrame:
    """kano.evaluate with importance on the survey rows of one segment and/or region (None: all)."""
    from ..datasets.company_kano import kano_frames

    s = survey_rows(segment)
    if region is not None:
        s = s[s["region"] == region]
    f, d, imp = kano_frames(s)
    return kano.evaluate(f, d, imp, band=band)


def _quadrant_set(letter: str, segment: str | None, split: float | str, swap_axes: bool = False) -> set[str]:
    r = _evaluate(segment)
    better, worse = r["better"], r["worse"]
    if swap_axes:  # the mistake: |worse| read as better and better as |worse|
        better, worse = r["worse"].abs(), -r["better"]
    q = kano.bw_quadrant(better, worse, split=split)
    return set(q.index[q == letter])


def _plan(segment: str | None) -> pd.Index:
    """Attributes in priority order (§2.8): step, then the more important half, then |Worse| (M, O) or Better (A)."""
    r = _evaluate(segment)
    plan = r.assign(
        step=r["category"].map(PRIORITY_STEP),
        high_importance=r["refined_category"].isin(HIGH_IMPORTANCE),
        effect=r["worse"].abs().where(r["category"] != "A", r["better"]),
    )
    return plan.sort_values(["step", "high_importance", "effect"], ascending=[True, False, False]).index


def _worse_over_all_answers(segment: str, attribute: str) -> float:
    """The mistake -(O+M)/N: Reverse and Questionable answers kept in the denominator."""
    row = _evaluate(segment).loc[attribute]
    return float(-(row["O"] + row["M"]) / row["n"])


def _chase_delight(segment: str) -> str:
    return str(_evaluate(segment)["better"].idxmax())


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
        title="Which category does the M > O > A > I rule with a band of 0.15 give complaint handling "
              "in the west region (西部)?",
        kind="text",
        expected=lambda: _name(str(_evaluate(region="west", band=0.15).loc["complaint_handling", "category"])),
        expects="the category's English name as a word, e.g. 'attractive' (not its letter)",
        hints=(
            "The rule ranks M, O, A, I, R by count and compares the lead of the top one over the second "
            "(as a share of N) with the band.",
            "Keep the rows whose region is 'west', count complaint handling's categories and compute the lead; "
            "if it is at most 0.15, the higher-priority category of the top two wins.",
            "kano_frames on survey[survey['region'] == 'west'], then kano.evaluate(f, d, band=0.15); "
            "read complaint_handling's category.",
        ),
        takeaway="A wider band asks for a clearer lead: in the west complaint handling is a close call, and "
                 "a close call is settled in favour of what hurts when missing.",
        mistakes=(
            Mistake(
                lambda: _name(str(_evaluate(region="west").loc["complaint_handling", "category_mode"])),
                "That is the most frequent category (the mode, and what the default band of 0.05 gives). "
                "With a band of 0.15, compute the lead of the top count over the runner-up as a share of N: "
                "if it is within the band, the M > O > A > I priority decides between the two.",
            ),
        ),
    ),
    Exercise(
        id="2.3",
        title="Worse coefficient of 'reliability' among online-store customers (网店客户) of the Huajia survey",
        kind="number",
        expected=lambda: float(_evaluate("online_store").loc["reliability", "worse"]),
        expects="a number between -1 and 0",
        hints=(
            "Worse measures how much dissatisfaction the absence causes: the O and M answers, over A+O+M+I.",
            "Keep the rows whose segment is 'online_store', split them with kano_frames, run kano.evaluate "
            "and read the 'worse' column.",
            "kano.evaluate(f, d).loc['reliability', 'worse'] on the online-store rows",
        ),
        takeaway="A Worse near -1 means almost everyone is unhappy without it: a must-be or one-dimensional need.",
        tol=1e-3,
        mistakes=(
            Mistake(
                lambda: -float(_evaluate("online_store").loc["reliability", "worse"]),
                "Right size, wrong sign: by convention Worse is negative (plot |Worse|, but report it with the minus).",
            ),
            Mistake(
                lambda: _worse_over_all_answers("online_store", "reliability"),
                "You divided by all classified answers. Berger et al.'s denominator is A+O+M+I: "
                "Reverse and Questionable answers are left out.",
            ),
            Mistake(
                lambda: float(_evaluate().loc["reliability", "worse"]),
                "That is Worse over all respondents (the worked example's table); keep the online-store rows first.",
            ),
        ),
    ),
    Exercise(
        id="2.4",
        title="Project customers (工程客户): which attributes fall in the attractive quadrant of the Better–Worse "
              "chart split at the attribute means?",
        kind="choices",
        expected=lambda: _quadrant_set("A", "project", "mean"),
        expects="a set or list of attribute keys, e.g. {'price', 'design'}",
        hints=(
            "The chart puts |Worse| on the x axis and Better on the y axis; attractive is high Better, low |Worse|. "
            "With the mean split the cut-offs are the mean Better and mean |Worse| of the attributes analysed.",
            "Evaluate the project rows only, then apply kano.bw_quadrant with split='mean' and keep the "
            "attributes marked 'A'.",
            "q = kano.bw_quadrant(r['better'], r['worse'], split='mean'); set(q.index[q == 'A'])",
        ),
        takeaway="Quadrant and counted category need not agree: an attribute whose answers split between O and A "
                 "can cross into the delighters' corner when the cut-offs move.",
        mistakes=(
            Mistake(
                lambda: _quadrant_set("A", "project", 0.5),
                "That is the attractive corner at the fixed split of 0.5, which here matches the counted "
                "categories of the segment table. With split='mean' the cut-offs are the project attributes' "
                "mean Better and mean |Worse|.",
            ),
            Mistake(
                lambda: _quadrant_set("A", None, "mean"),
                "That is the quadrant over all respondents; evaluate the project rows first.",
            ),
            Mistake(
                lambda: _quadrant_set("A", "project", "mean", swap_axes=True),
                "Those attributes have low Better and high |Worse|: did you swap the axes? "
                "x = |Worse|, y = Better; attractive is top left.",
            ),
        ),
    ),
    Exercise(
        id="2.5",
        title="Which refined category (Yang 2005) do project customers (工程客户) give energy cost?",
        kind="text",
        expected=lambda: str(_evaluate("project").loc["energy_cost", "refined_category"]),
        expects="a refined category as in the refined_category column, e.g. 'care-free'",
        hints=(
            "Yang's refined model splits each Kano category into a more and a less important half, using the "
            "self-stated importance of the respondents you analyse: segments can differ here too.",
            "Keep the rows whose segment is 'project', split them with kano_frames (it also returns the "
            "importance answers) and evaluate with the importance.",
            "f, d, imp = kano_frames(rows); kano.evaluate(f, d, imp).loc['energy_cost', 'refined_category']",
        ),
        takeaway="One attribute, two needs: a segment can rank an attribute's importance differently, and the "
                 "average over all respondents hides it.",
        mistakes=(
            Mistake(
                lambda: str(_evaluate().loc["energy_cost", "refined_category"]),
                "That is the refined category over all respondents (the worked example's table); "
                "evaluate the project rows with their own importance answers.",
            ),
            Mistake(
                lambda: _name(str(_evaluate("project").loc["energy_cost", "category"])),
                "That is the Kano category; the refined category also says in which importance half it falls.",
            ),
        ),
    ),
    Exercise(
        id="2.6",
        title="By the priority rule, which attribute should Huajia fix first for its dealers (经销商)?",
        kind="text",
        expected=lambda: str(_plan("dealer")[0]),
        expects="an attribute key from the survey, e.g. 'price'",
        hints=(
            "Priority: must-be first, then one-dimensional, then attractive (weighed against cost); within a "
            "step the more important half (Yang's refined category) first, then the larger |Worse| "
            "(Better for attractive needs).",
            "Evaluate the dealer rows with their importance answers, then order them as the worked example's "
            "plan does: step, high importance, effect.",
            "plan.sort_values(['step', 'high_importance', 'effect'], ascending=[True, False, False]) "
            "built from the dealers' kano.evaluate(f, d, imp)",
        ),
        takeaway="Delight cannot make up for a missing basic: secure the must-be needs before anything else, "
                 "and check the order for the segments that matter most.",
        mistakes=(
            Mistake(
                lambda: str(_plan(None)[0]),
                "That is first in the plan for all respondents (the worked example); build the plan from "
                "the dealer rows.",
            ),
            Mistake(
                lambda: _chase_delight("dealer"),
                "That attribute has the dealers' highest Better: it delights, but the rule takes must-be needs "
                "first, then one-dimensional, then attractive; within a step the more important half first, "
                "then |Worse| (Better for attractive needs).",
            ),
        ),
    ),
]
