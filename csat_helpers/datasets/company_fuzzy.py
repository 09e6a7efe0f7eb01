"""Company survey part ``fuzzy``: five-grade answers per sub-factor, and the AHP judges' matrices.

The factor tree follows the source chapter (理念/行为/视听/产品/服务 满意, spec
``fuzzy_ahp.md`` §1); the product and service sub-factors are the ten
``ATTRIBUTES`` of :mod:`csat_helpers.datasets.company`. Each respondent
answers every sub-factor ``fz_<key>`` with one grade of
``很不满意 / 不满意 / 基本满意 / 满意 / 很满意`` or leaves it blank.

Planted truth (``company_truth.json["fuzzy"]``): the grade probabilities of
every sub-factor, the true group and local weights the AHP judges had in
mind, and the overall B those imply under the weighted-average operator.

The AHP judgments ship as ``datasets/company_ahp_judgments.csv`` (upper
triangles only, as elicited): three judges compare the five groups (judge C
is deliberately inconsistent), a panel compares the sub-factors in each
group. :func:`matrices` turns them into labelled pairwise matrices.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .company import ATTRIBUTES

GRADES: tuple[str, ...] = ("很不满意", "不满意", "基本满意", "满意", "很满意")
GRADES_EN: tuple[str, ...] = ("very dissatisfied", "dissatisfied", "basically satisfied", "satisfied", "very satisfied")
#: the source's survey-table scores; 很不满意 = 20 is the course's choice (spec §1)
GRADE_VALUES: dict[str, float] = dict(zip(GRADES, (20.0, 40.0, 60.0, 80.0, 100.0)))

#: group key -> (English, Chinese)
GROUPS: dict[str, tuple[str, str]] = {
    "philosophy": ("Philosophy satisfaction", "理念满意"),
    "behaviour": ("Behaviour satisfaction", "行为满意"),
    "visual": ("Visual-audio satisfaction", "视听满意"),
    "product": ("Product satisfaction", "产品满意"),
    "service": ("Service satisfaction", "服务满意"),
}

#: sub-factor key -> (English, Chinese, group); product/service keys are company.ATTRIBUTES
SUBFACTORS: dict[str, tuple[str, str, str]] = {
    "business_philosophy": ("Business philosophy", "经营哲学满意", "philosophy"),
    "business_purpose": ("Business purpose", "经营宗旨满意", "philosophy"),
    "values": ("Values", "价值观念满意", "philosophy"),
    "org_spirit": ("Organisational spirit", "组织精神满意", "philosophy"),
    "staff_conduct": ("Staff code of conduct", "员工行为规范", "behaviour"),
    "integrity": ("Keeping promises", "诚信守诺", "behaviour"),
    "social_responsibility": ("Social responsibility", "社会责任", "behaviour"),
    "brand_logo": ("Brand logo", "品牌标志", "visual"),
    "packaging": ("Packaging", "包装", "visual"),
    "advertising": ("Advertising", "广告宣传", "visual"),
    "showroom": ("Stores and showrooms", "门店展厅", "visual"),
    **{k: (en, zh, grp) for k, (en, zh, grp) in ATTRIBUTES.items()},
}

#: planted grade probabilities (很不满意 … 很满意) per sub-factor
GRADE_PROBS: dict[str, tuple[float, ...]] = {
    "business_philosophy": (0.03, 0.09, 0.33, 0.38, 0.17),
    "business_purpose": (0.03, 0.10, 0.35, 0.37, 0.15),
    "values": (0.04, 0.10, 0.30, 0.38, 0.18),
    "org_spirit": (0.05, 0.12, 0.36, 0.32, 0.15),
    "staff_conduct": (0.05, 0.14, 0.31, 0.35, 0.15),
    "integrity": (0.03, 0.08, 0.27, 0.40, 0.22),
    "social_responsibility": (0.04, 0.10, 0.38, 0.34, 0.14),
    "brand_logo": (0.02, 0.06, 0.30, 0.42, 0.20),
    "packaging": (0.03, 0.09, 0.33, 0.38, 0.17),
    "advertising": (0.06, 0.15, 0.37, 0.30, 0.12),
    "showroom": (0.04, 0.11, 0.34, 0.36, 0.15),
    "performance": (0.02, 0.06, 0.22, 0.43, 0.27),
    "design": (0.03, 0.08, 0.28, 0.40, 0.21),
    "reliability": (0.03, 0.07, 0.24, 0.41, 0.25),
    "price": (0.09, 0.22, 0.36, 0.24, 0.09),
    "energy_cost": (0.07, 0.18, 0.37, 0.27, 0.11),
    "delivery_install": (0.04, 0.10, 0.28, 0.38, 0.20),
    "repair": (0.08, 0.20, 0.34, 0.27, 0.11),
    "complaint_handling": (0.12, 0.24, 0.32, 0.22, 0.10),
    "staff_attitude": (0.06, 0.15, 0.31, 0.32, 0.16),
    "information": (0.05, 0.13, 0.35, 0.33, 0.14),
}

#: share of blank answers per sub-factor; complaint handling is answered only by those who complained
MISSING_RATE: dict[str, float] = {k: 0.03 for k in SUBFACTORS} | {"complaint_handling": 0.35, "repair": 0.12}

#: the weights the judges had in mind (relative, normalised below)
TRUE_GROUP_WEIGHTS_RAW = {"philosophy": 1.0, "behaviour": 1.5, "visual": 1.0, "product": 5.0, "service": 4.0}
TRUE_LOCAL_WEIGHTS_RAW: dict[str, dict[str, float]] = {
    "philosophy": {"business_philosophy": 3, "business_purpose": 2, "values": 2, "org_spirit": 1},
    "behaviour": {"staff_conduct": 2, "integrity": 4, "social_responsibility": 2},
    "visual": {"brand_logo": 3, "packaging": 1, "advertising": 2, "showroom": 2},
    "product": {"performance": 4, "design": 1, "reliability": 5, "price": 3, "energy_cost": 2},
    "service": {"delivery_install": 2, "repair": 4, "complaint_handling": 3, "staff_attitude": 3, "information": 1},
}

#: upper-triangle judgments, row by row (a12, a13, …, a23, …), as strings on Saaty's scale
JUDGMENTS: dict[str, dict[str, list[str]]] = {
    "overall": {
        "judge_A": ["1/2", "1", "1/5", "1/4", "2", "1/3", "1/3", "1/5", "1/4", "1"],
        "judge_B": ["1/2", "1", "1/6", "1/4", "1", "1/4", "1/3", "1/5", "1/3", "2"],
        # judge C rates philosophy above service (3) while rating both against product as the others do
        "judge_C": ["1/2", "3", "1/5", "3", "1", "1/3", "1/3", "1/7", "1/4", "2"],
    },
    "philosophy": {"panel": ["2", "2", "3", "1", "2", "2"]},
    "behaviour": {"panel": ["1/2", "1", "2"]},
    "visual": {"panel": ["3", "2", "2", "1/2", "1/2", "1"]},
    "product": {"panel": ["4", "1", "2", "2", "1/5", "1/3", "1/2", "2", "3", "2"]},
    "service": {"panel": ["1/2", "1/2", "1/2", "2", "1", "1", "4", "1", "3", "3"]},
}
INCONSISTENT_JUDGE = "judge_C"


def _norm(d: dict[str, float]) -> dict[str, float]:
    total = sum(d.values())
    return {k: v / total for k, v in d.items()}


def true_weights() -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """(group weights, local weights per group) that the judges had in mind."""
    return _norm(TRUE_GROUP_WEIGHTS_RAW), {g: _norm(d) for g, d in TRUE_LOCAL_WEIGHTS_RAW.items()}


def columns_of(group: str | None = None) -> list[str]:
    """Survey columns ``fz_<key>`` (of one group, or all in tree order)."""
    return [f"fz_{k}" for k, (_, _, g) in SUBFACTORS.items() if group is None or g == group]


def factor_tree(group_weights: dict[str, float], local_weights: dict[str, dict[str, float]]) -> dict:
    """The tree for :func:`csat_helpers.fuzzy.evaluate_hierarchy` with leaves ``fz_<key>``.

    Local weights may be keyed by sub-factor key or by column name.
    """
    tree = {}
    for g in GROUPS:
        lw = local_weights[g]
        tree[g] = {"weight": float(group_weights[g]),
                   "children": {(k if str(k).startswith("fz_") else f"fz_{k}"): float(v) for k, v in lw.items()}}
    return tree


def make(rng: np.random.Generator, respondents: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Answers ``fz_<key>`` (grade labels or blank) for every respondent, and the planted truth."""
    n = len(respondents)
    grades = np.array(GRADES, dtype=object)
    cols = {}
    for key in SUBFACTORS:  # one draw per sub-factor column (21), vectorised over respondents
        p = np.asarray(GRADE_PROBS[key])
        ans = grades[rng.choice(len(GRADES), size=n, p=p / p.sum())]
        blank = rng.random(n) < MISSING_RATE[key]
        ans = np.where(blank, None, ans)
        cols[f"fz_{key}"] = ans
    df = pd.DataFrame(cols)
    gw, lw = true_weights()
    probs = {k: dict(zip(GRADES, GRADE_PROBS[k])) for k in SUBFACTORS}
    # B implied by the true weights and planted probabilities under M(·,⊕)
    b_groups = {g: np.sum([lw[g][k] * np.asarray(GRADE_PROBS[k]) for k in lw[g]], axis=0) for g in GROUPS}
    b = np.sum([gw[g] * b_groups[g] for g in GROUPS], axis=0)
    truth = {
        "grades": list(GRADES),
        "grade_values": GRADE_VALUES,
        "grade_probs": probs,
        "missing_rate": {f"fz_{k}": MISSING_RATE[k] for k in SUBFACTORS},
        "true_group_weights": gw,
        "true_local_weights": lw,
        "true_B_groups": {g: [round(float(x), 6) for x in v] for g, v in b_groups.items()},
        "true_B": [round(float(x), 6) for x in b],
        "inconsistent_judge": INCONSISTENT_JUDGE,
        "judgments_file": "company_ahp_judgments.csv",
    }
    return df, truth


def judgments_table() -> pd.DataFrame:
    """Long table of the elicited upper-triangle judgments: matrix, judge, row, col, judgment."""
    rows = []
    for matrix, judges in JUDGMENTS.items():
        items = list(GROUPS) if matrix == "overall" else [k for k, v in SUBFACTORS.items() if v[2] == matrix]
        for judge, vals in judges.items():
            pairs = [(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items))]
            if len(pairs) != len(vals):
                raise RuntimeError(f"{matrix}/{judge}: {len(vals)} judgments for {len(items)} items")
            rows += [(matrix, judge, r, c, v) for (r, c), v in zip(pairs, vals)]
    return pd.DataFrame(rows, columns=["matrix", "judge", "row", "col", "judgment"])


def EXTRA_FILES() -> dict[str, pd.DataFrame]:  # noqa: N802 (name fixed by the generator)
    return {"company_ahp_judgments": judgments_table()}


def matrices(table: pd.DataFrame, matrix: str = "overall") -> dict[str, pd.DataFrame]:
    """Labelled pairwise matrices {judge: DataFrame} of one ``matrix`` from the judgments table."""
    from ..ahp import from_upper
    from ..errors import CsatInputError

    sub = table[table["matrix"] == matrix]
    if sub.empty:
        raise CsatInputError(f"judgments: no matrix {matrix!r} (have: {', '.join(dict.fromkeys(table['matrix']))})")
    out = {}
    for judge, part in sub.groupby("judge", sort=False):
        items = list(dict.fromkeys(list(part["row"]) + list(part["col"])))
        out[str(judge)] = from_upper([str(v) for v in part["judgment"]], items)
    return out
