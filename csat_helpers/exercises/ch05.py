"""Chapter 5 exercises: satisfaction index methods (顾客满意度指数).

Every expected value is computed with :mod:`csat_helpers.csi` and :mod:`csat_helpers.pls`
from the bundled company survey (its ACSI part) or from the small tables quoted in the chapter.
Where the worked example prints a result (the SQ gap, the company index, the industry index), the
exercise is a variant it does not print (other weights, a segment, other sales), so copying an
output above it never passes.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import pandas as pd

from .. import csi, pls
from ..checks import Exercise, Mistake
from . import company_survey, survey_rows

#: a five-level survey-table item (service reliability 服务的可靠性), counts from 很满意 down to 很不满意
RELIABILITY_COUNTS = pd.Series({5: 36, 4: 52, 3: 20, 2: 8, 1: 4}, name="respondents")

#: Huajia's three rivals in the household-appliance industry: (index, sales in CNY million)
RIVALS = pd.DataFrame({"index": [74.0, 71.0, 69.0], "sales": [450.0, 250.0, 100.0]},
                      index=["rival A", "rival B", "rival C"])
#: Huajia's sales in the worked example, and in exercise 5.6 (a year later, sales doubled)
WORKED_HUAJIA_SALES = 200.0
HUAJIA_SALES = 400.0

#: the worked example's P−E weights, and exercise 5.3's (reliability matters most)
WORKED_SQ_WEIGHTS = {"overall": 0.5, "needs": 0.3, "reliability": 0.2}
SQ_WEIGHTS = {"overall": 0.2, "needs": 0.3, "reliability": 0.5}

#: the segment whose index exercise 5.4 asks for
SEGMENT = "household"


@lru_cache(maxsize=2)
def _fit(segment: str | None = None) -> pls.PlsResult:
    from ..datasets import company_acsi

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the listwise-drop notice
        return pls.fit(company_acsi.MODEL, survey_rows(segment))


def _rate(threshold: float, missing: str = "exclude", strict: bool = False) -> float:
    col = company_survey()[["acsi_sat_expect"]]
    thr = threshold + 1 if strict else threshold
    return float(csi.satisfaction_rate(col, thr, (1, 10), missing=missing).loc["acsi_sat_expect", "rate"])


def _table_score(values: dict[int, float]) -> float:
    answers = pd.DataFrame({"reliability": RELIABILITY_COUNTS.index.repeat(RELIABILITY_COUNTS.to_numpy())})
    return float(csi.item_scores(answers, (1, 5), level_values=values).loc["reliability", "table_score"])


def _sq(weights: dict[str, float] = SQ_WEIGHTS, reverse: bool = False, complete_only: bool = False) -> float:
    s = company_survey()
    if complete_only:  # the worked example's rows: respondents with every ACSI item
        s = s.loc[_fit().scores.index]
    P = s[[f"acsi_qual_{k}" for k in weights]].set_axis(list(weights), axis=1)
    E = s[[f"acsi_exp_{k}" for k in weights]].set_axis(list(weights), axis=1)
    if reverse:
        P, E = E, P
    return float(csi.pe_gap(P, E, weights=weights).loc["SQ", "gap"])


def _index(kind: str = "pls", segment: str | None = None) -> float:
    res = _fit(segment)
    s = company_survey().loc[res.scores.index]
    if kind == "pls":
        return float(csi.acsi_index(res, s)["Satisfaction"])
    if kind == "naive":
        return float(csi.naive_index(res, s)["Satisfaction"])
    items = res.model.blocks["Satisfaction"]
    return float(((s[items].mean() - 1) / 9 * 100).mean())


def _industry(weighted: bool = True, huajia_sales: float = HUAJIA_SALES, huajia_segment: str | None = None) -> float:
    idx = pd.concat([pd.Series({"Huajia": _index(segment=huajia_segment)}), RIVALS["index"]])
    sales = pd.concat([pd.Series({"Huajia": huajia_sales}), RIVALS["sales"]])
    return csi.aggregate_index(idx, sales) if weighted else float(idx.mean())


def _total(frm: str, to: str) -> float:
    return float(_fit().total_effects.loc[frm, to])


EXERCISES = [
    Exercise(
        id="5.1",
        title="Satisfaction rate T = S/C of the item 'satisfaction compared with expectations' (8 or more counts as satisfied)",
        kind="number",
        expected=lambda: _rate(8),
        expects="a percentage between 0 and 100, e.g. 61.3",
        hints=(
            "The satisfaction rate is the share of respondents who are satisfied, times 100.",
            "Satisfied means a rating of at least 8; blank answers are left out of C (missing='exclude').",
            "csi.satisfaction_rate(survey[['acsi_sat_expect']], 8, (1, 10)).loc['acsi_sat_expect', 'rate']",
        ),
        takeaway="A rate needs an explicit threshold and a stated rule for blanks; always report the Wilson interval too.",
        tol=0.01,
        mistakes=(
            Mistake(lambda: _rate(8, strict=True), "You counted ratings above 8 only; 'at least 8' includes the 8s."),
            Mistake(lambda: _rate(8, missing="not_satisfied"),
                    "You counted blank answers as not satisfied; here C counts valid answers only."),
        ),
    ),
    Exercise(
        id="5.2",
        title="Survey-table score of 'service reliability' with the source's level values",
        kind="number",
        expected=lambda: _table_score(csi.SOURCE_LEVEL_VALUES),
        expects="a score between 0 and 100",
        hints=(
            "The table score weights each level's value by the share of respondents who chose it.",
            "Shares are counts / 120; values are 100, 80, 60, 40 and (as the course assumes) 20.",
            "sum(share_k * value_k) over the five levels, or csi.item_scores(..., level_values=csi.SOURCE_LEVEL_VALUES)",
        ),
        takeaway="On a 1–5 scale the table score is 20 + 0.8 × the 0–100 score: the two rank items alike.",
        tol=0.01,
        mistakes=(
            Mistake(lambda: _table_score({5: 100, 4: 80, 3: 60, 2: 40, 1: 0}),
                    "You scored 很不满意 as 0; the course uses 20 (the source's value is lost, some texts use 0)."),
            Mistake(lambda: 60.0, "You averaged the five level values without weighting them by their shares."),
        ),
    ),
    Exercise(
        id="5.3",
        title="P−E model: SQ from the company's quality (P) and expectation (E) items when reliability matters most "
              "(weights 0.2 / 0.3 / 0.5 for overall / needs / reliability)",
        kind="number",
        expected=lambda: _sq(),
        expects="a number (a gap on the 1–10 rating scale; negative means expectations were not met)",
        hints=(
            "Each pair compares experienced quality with expected quality on the same aspect: overall, needs, reliability.",
            "Per pair take the mean of P − E over respondents who answered both, then weight the three gaps "
            "with the new weights; reliability now counts most.",
            "csi.pe_gap(P, E, weights={'overall': 0.2, 'needs': 0.3, 'reliability': 0.5}).loc['SQ', 'gap'] "
            "on every survey respondent",
        ),
        takeaway="The weights decide how bad SQ looks: reliability has the widest gap, so weighting it more "
                 "deepens the shortfall. State the weights with every SQ.",
        tol=0.005,
        mistakes=(
            Mistake(lambda: _sq(reverse=True), "You computed E − P; the model is perception minus expectation."),
            Mistake(lambda: _sq(WORKED_SQ_WEIGHTS),
                    "Those are the worked example's weights 0.5 / 0.3 / 0.2; here reliability weighs 0.5 and overall 0.2."),
            Mistake(lambda: _sq(WORKED_SQ_WEIGHTS, complete_only=True),
                    "That is the worked example's SQ (its weights, complete respondents only); use the weights "
                    "0.2 / 0.3 / 0.5 on every respondent."),
            Mistake(lambda: _sq({"overall": 1 / 3, "needs": 1 / 3, "reliability": 1 / 3}),
                    "You averaged the three gaps with equal weights; weight them 0.2 / 0.3 / 0.5."),
            Mistake(lambda: _sq(SQ_WEIGHTS, complete_only=True),
                    "You used only the respondents with every ACSI item; take everyone who answered both items of a pair."),
        ),
    ),
    Exercise(
        id="5.4",
        title="The ACSI Satisfaction index (0–100) of Huajia among household customers, from a standardised PLS fit "
              "(centroid scheme) on the household respondents only",
        kind="number",
        expected=lambda: _index("pls", SEGMENT),
        expects="an index between 0 and 100",
        hints=(
            "Fit the ACSI model by PLS on the household respondents, then turn the Satisfaction weights into "
            "raw-scale weights w̃ before averaging.",
            "Keep the rows whose segment is 'household' and who answered every ACSI item; for a standardised fit, "
            "w̃_h = (w_h / s_h) / Σ(w_k / s_k); then index = Σ w̃_h (x̄_h − 1)/9 · 100.",
            "household = complete[complete['segment'] == 'household']; "
            "csi.acsi_index(pls.fit(company_acsi.MODEL, household), household)['Satisfaction']",
        ),
        takeaway="The index uses un-standardised weights on the raw 1–10 items, mapped to 0–100; computed by segment "
                 "it shows that households, the largest group, sit a little below the company index.",
        tol=0.01,
        mistakes=(
            Mistake(lambda: _index("pls"),
                    "That is the index over all respondents (the worked example's); fit and average on the household rows only."),
            Mistake(lambda: _index("naive", SEGMENT),
                    "You applied the standardised weights to raw items (the common bug): divide each weight by its item's SD first."),
            Mistake(lambda: _index("equal", SEGMENT),
                    "You used equal weights (the mean item score); the ACSI weights come from the PLS fit."),
            Mistake(lambda: _index("naive"),
                    "That is the buggy index over all respondents: fit on the household rows and un-standardise the weights."),
        ),
    ),
    Exercise(
        id="5.5",
        title="Total effect of perceived Quality on Loyalty in the company's ACSI model (standardised, centroid)",
        kind="number",
        expected=lambda: _total("Quality", "Loyalty"),
        expects="a standardised effect, a number between −1 and 1",
        hints=(
            "Quality has no direct path to Loyalty; its effect runs through Value, Satisfaction and Complaints.",
            "Multiply the coefficients along every route from Quality to Loyalty and add the routes up.",
            "res.total_effects.loc['Quality', 'Loyalty']",
        ),
        takeaway="Total effects show which driver moves the outcome most, even without a direct path.",
        tol=0.002,
        mistakes=(
            Mistake(lambda: 0.0, "That is the direct effect (there is no direct path); the total effect adds the indirect routes."),
            Mistake(lambda: _total("Quality", "Satisfaction") * float(_fit().path_coefficients.loc["Satisfaction", "Loyalty"]),
                    "You followed only Quality → Satisfaction → Loyalty; add the routes through Value and through Complaints."),
        ),
    ),
    Exercise(
        id="5.6",
        title="Industry index a year later: Huajia (the company index of the worked example) has doubled its sales "
              "to 400; the three rivals keep their indices and sales. Weighted by sales",
        kind="number",
        expected=lambda: _industry(True),
        expects="an index between 0 and 100",
        hints=(
            "An industry's index is a weighted mean of its companies' indices.",
            "The weights are the companies' sales: Σ S_f I_f / Σ S_f, with Huajia's new sales of 400.",
            "csi.aggregate_index(indices, sales) with Huajia's index index['Satisfaction'] from the worked example",
        ),
        takeaway="Big sellers dominate the industry index: as Huajia, below the rivals' average, sells more, "
                 "the industry index falls although no company's satisfaction changed.",
        tol=0.01,
        mistakes=(
            Mistake(lambda: _industry(True, WORKED_HUAJIA_SALES),
                    "That is the worked example's industry index, with Huajia's old sales of 200; use 400."),
            Mistake(lambda: _industry(False),
                    "You took the plain mean of the four indices; the ACSI weights each company by its sales."),
            Mistake(lambda: _industry(True, huajia_segment=SEGMENT),
                    "You used the household index of exercise 5.4; the industry takes Huajia's company index "
                    "over all respondents."),
        ),
    ),
]
