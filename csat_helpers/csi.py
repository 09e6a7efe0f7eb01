"""Satisfaction index methods (顾客满意度指数): survey-table scores, satisfaction rate, P−E gap,
weighted CSI, the ACSI/ECSI 0–100 index and aggregation company → industry → sector → nation.

Formulas and checks follow ``specs/csi.md`` §2, §4 and §8; the source is the chapter
"Customer satisfaction and CRM" (``chapter6_customer_satisfaction_and_crm.txt``).

>>> weighted_csi([80, 70, 60], [0.5, 0.3, 0.2])
73.0
>>> aggregate_index(pd.Series({"A": 80, "B": 70, "C": 60}), pd.Series({"A": 50, "B": 30, "C": 20}))
73.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from .errors import CsatInputError
from .validation import (
    as_float_array,
    as_frame,
    as_series,
    describe_values,
    require_in_scale,
    require_nonempty,
    require_numeric,
    require_probability,
    require_weights,
)

if TYPE_CHECKING:  # pragma: no cover
    from .pls import PlsResult

__all__ = [
    "SOURCE_LEVEL_VALUES",
    "NATIONAL_INDICES",
    "METHOD_COMPARISON",
    "item_scores",
    "satisfaction_rate",
    "wilson_interval",
    "weighted_csi",
    "pe_gap",
    "raw_weights",
    "acsi_scores",
    "acsi_index",
    "naive_index",
    "unstandardized_effects",
    "ipma",
    "aggregate_index",
    "national_index",
    "acsi_national",
    "acsi_industry_table",
    "plot_national_scores",
    "plot_industry_table",
    "plot_ipma",
]

#: The source's survey-table values: 很满意 100, 满意 80, 一般 60, 不满意 40; the value for
#: 很不满意 is lost in the source and the course uses 20 (some texts use 0). Codes 5 … 1.
SOURCE_LEVEL_VALUES: dict[int, float] = {5: 100.0, 4: 80.0, 3: 60.0, 2: 40.0, 1: 20.0}

#: National satisfaction indices named by the source, in order of appearance.
NATIONAL_INDICES = pd.DataFrame(
    [
        ("SCSB", "Sweden", "Swedish Customer Satisfaction Barometer", 1989, "瑞典顾客满意晴雨表"),
        ("ACSI", "USA", "American Customer Satisfaction Index", 1994, "美国顾客满意度指数"),
        ("DK", "Germany", "Deutsches Kundenbarometer", 1995, "德国顾客满意度指数"),
        ("KCSI", "Korea", "Korea Customer Satisfaction Index", 1998, "韩国顾客满意度指数"),
        ("SWICS", "Switzerland", "Swiss Index of Customer Satisfaction", 1998, "瑞士顾客满意度指数"),
        ("ECSI", "European Union", "European Customer Satisfaction Index", 2000, "欧洲顾客满意度指数"),
        ("CCSI", "China", "China Customer Satisfaction Index", 2005, "中国顾客满意度指数"),
    ],
    columns=["code", "country", "name", "year", "中文"],
)
# CCSI: the source dates the Tsinghua/CNIS measurement centre to 12 May 2005 and its 2007 survey
# to 44,778 samples, 24 industries and 550 brands.

#: The source's comparison of measurement methods (测评方法的比较), paraphrased.
METHOD_COMPARISON = pd.DataFrame(
    [
        ("P-E model (认知-预期模型)", "shows where perception falls short of expectation, so it points to a direction",
         "simple; weak at finding the causes of a problem"),
        ("Quadrant model (四分图模型)", "simple and widely used",
         "looks at satisfaction in isolation with few factors; weak for finding and solving problems"),
        ("Survey-table scoring (调查表式)", "simple", "cannot handle many variables or complex situations"),
        ("Fuzzy comprehensive evaluation (模糊综合评价法)", "widely used; fair and practical to run",
         "conclusions are not fully precise"),
        ("Satisfaction index, CSI (顾客满意度指数法)", "comparable across industries and over time",
         "not a diagnosis for a specific organisation"),
    ],
    columns=["method", "strengths", "weaknesses"],
)


# ============================================================================ helpers
def _ratings(df: Any, scale: tuple[float, float], name: str) -> pd.DataFrame:
    frame = as_frame(df, name)
    require_nonempty(frame, name)
    lo, hi = _scale(scale)
    num = require_numeric(frame, None, name)
    require_in_scale(num, (lo, hi), name)
    return num


def _scale(scale: Any) -> tuple[float, float]:
    if not (isinstance(scale, (tuple, list)) and len(scale) == 2):
        raise CsatInputError(f"scale: must be a (low, high) pair such as (1, 5), got {scale!r}")
    lo, hi = float(scale[0]), float(scale[1])
    if not lo < hi:
        raise CsatInputError(f"scale: lower end {lo:g} must be below upper end {hi:g}")
    return lo, hi


def wilson_interval(successes: Any, n: Any, conf: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion (Wilson 1927), as fractions.

    ``(p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)`` with z = Φ⁻¹(1 − α/2).

    >>> lo, hi = wilson_interval(40, 50)
    >>> round(float(lo) * 100, 2), round(float(hi) * 100, 2)
    (66.96, 88.76)
    """
    conf = require_probability(conf, "conf")
    s = as_float_array(successes, "successes")
    c = as_float_array(n, "n")
    if not (np.all(np.isfinite(s)) and np.all(np.isfinite(c))):
        raise CsatInputError(f"wilson_interval: counts must be finite, got successes={successes!r}, n={n!r}")
    if np.any(c <= 0):
        raise CsatInputError("satisfaction rate: the base C is 0 (no valid answers); a rate needs at least one")
    bad = (s < 0) | (s > c)
    if np.any(bad):
        k = int(np.argmax(np.ravel(bad)))
        raise CsatInputError(
            f"wilson_interval: successes {np.ravel(np.broadcast_to(s, bad.shape))[k]:g} out of n = "
            f"{np.ravel(np.broadcast_to(c, bad.shape))[k]:g}; successes must lie between 0 and n"
        )
    z = stats.norm.ppf(1 - (1 - conf) / 2)
    p = s / c
    centre = p + z**2 / (2 * c)
    half = z * np.sqrt(p * (1 - p) / c + z**2 / (4 * c**2))
    den = 1 + z**2 / c
    return (centre - half) / den, (centre + half) / den


# ============================================================================ survey-table methods
def item_scores(
    df: Any, scale: tuple[float, float] = (1, 5), *, level_values: Mapping[int, float] | Sequence[float] | None = None
) -> pd.DataFrame:
    """Per-item summary of rating columns (调查表式评估), missing answers dropped per item.

    Columns: n, n_missing, mean, sd (divisor n−1), ``share_<k>`` for every code k of the
    scale, top_box, top2_box, ``score_0_100 = (x̄ − a)/(b − a)·100`` (the ACSI map) and, when
    ``level_values`` is given (code -> value, e.g. :data:`SOURCE_LEVEL_VALUES`), the survey-table
    score ``table_score = Σ_k p_k v_k``. Ratings must be integer codes within ``scale``.

    >>> t = item_scores(pd.DataFrame({"q": [5] * 30 + [4] * 40 + [3] * 20 + [2] * 7 + [1] * 3}),
    ...                 (1, 5), level_values=SOURCE_LEVEL_VALUES)
    >>> round(float(t.loc["q", "table_score"]), 2), round(float(t.loc["q", "score_0_100"]), 2)
    (77.4, 71.75)
    """
    lo, hi = _scale(scale)
    num = _ratings(df, (lo, hi), "ratings")
    require_in_scale(num, (lo, hi), "ratings", integer=True)
    if lo != int(lo) or hi != int(hi):
        raise CsatInputError(f"scale: level shares need integer codes; got scale {lo:g}-{hi:g}")
    codes = list(range(int(lo), int(hi) + 1))
    X = num.to_numpy(dtype=float)
    valid = ~np.isnan(X)
    n = valid.sum(axis=0)
    empty = n == 0
    if empty.any():
        raise CsatInputError(f"ratings: column {num.columns[int(np.argmax(empty))]!r} has no answers")
    mean = np.nanmean(X, axis=0)
    sd = np.nanstd(X, axis=0, ddof=1) if (n > 1).all() else np.where(n > 1, np.nanstd(X, axis=0, ddof=1), np.nan)
    out = pd.DataFrame({"n": n, "n_missing": (~valid).sum(axis=0), "mean": mean, "sd": sd}, index=num.columns)
    shares = np.stack([(X == k).sum(axis=0) / n for k in codes], axis=1)
    for i, k in enumerate(codes):
        out[f"share_{k}"] = shares[:, i]
    out["top_box"] = shares[:, -1]
    out["top2_box"] = shares[:, -2:].sum(axis=1) if len(codes) > 1 else shares[:, -1]
    out["score_0_100"] = (mean - lo) / (hi - lo) * 100
    if level_values is not None:
        if isinstance(level_values, Mapping):
            missing = [k for k in codes if k not in level_values]
            if missing:
                raise CsatInputError(f"level_values: no value for code {describe_values(missing)} (codes {codes})")
            vals = as_float_array([level_values[k] for k in codes], "level_values")
        else:
            vals = as_float_array(level_values, "level_values", ndim=1)
            if vals.size != len(codes):
                raise CsatInputError(f"level_values: expected {len(codes)} values (codes {codes} in order), got {vals.size}")
        out["table_score"] = shares @ vals
    out.index.name = "item"
    return out


def satisfaction_rate(
    df: Any,
    threshold: float,
    scale: tuple[float, float],
    *,
    missing: Literal["exclude", "not_satisfied"] = "exclude",
    conf: float = 0.95,
) -> pd.DataFrame:
    """Satisfaction rate 顾客满意率 ``T = S/C × 100%`` per item, with a Wilson interval.

    Satisfied means ``x >= threshold`` (always explicit, e.g. 4 on a 1–5 scale).
    ``missing="exclude"`` counts valid answers only in C; ``"not_satisfied"`` counts every
    respondent. Columns: satisfied (S), valid (answers given), n_missing, base (C), rate,
    ci_low, ci_high (all in %).

    >>> r = satisfaction_rate(pd.DataFrame({"q": [5] * 40 + [2] * 10 + [None] * 5}), 4, (1, 5), missing="not_satisfied")
    >>> r.loc["q", ["rate", "ci_low", "ci_high"]].round(2).tolist()
    [72.73, 59.77, 82.72]
    """
    lo, hi = _scale(scale)
    frame = df.to_frame() if isinstance(df, pd.Series) else df
    num = _ratings(frame, (lo, hi), "ratings")
    try:
        thr = float(threshold)
    except (TypeError, ValueError):
        raise CsatInputError(f"threshold: must be a number on the scale {lo:g}-{hi:g}, got {threshold!r}") from None
    if not lo < thr <= hi:
        raise CsatInputError(f"threshold: {thr:g} must lie above {lo:g} and at most {hi:g} (the scale)")
    if missing not in ("exclude", "not_satisfied"):
        raise CsatInputError(f"missing: {missing!r} is not allowed; use 'exclude' or 'not_satisfied'")
    X = num.to_numpy(dtype=float)
    valid = (~np.isnan(X)).sum(axis=0)
    sat = (X >= thr).sum(axis=0)
    base = valid if missing == "exclude" else np.full(X.shape[1], X.shape[0])
    zero = base == 0
    if zero.any():
        raise CsatInputError(
            f"ratings: column {num.columns[int(np.argmax(zero))]!r} has no valid answers, so C = 0 and no rate exists"
        )
    lo_ci, hi_ci = wilson_interval(sat, base, conf)
    out = pd.DataFrame(
        {
            "satisfied": sat,
            "valid": valid,
            "n_missing": X.shape[0] - valid,
            "base": base,
            "rate": sat / base * 100,
            "ci_low": lo_ci * 100,
            "ci_high": hi_ci * 100,
        },
        index=num.columns,
    )
    out.index.name = "item"
    return out


def weighted_csi(scores: Any, weights: Any, *, normalize: bool = False) -> float:
    """Weighted satisfaction index ``CSI = Σ w_i S_i`` with S_i on 0–100, w ≥ 0 and Σw = 1.

    Weights that do not sum to 1 raise :class:`CsatInputError` unless ``normalize=True``.
    Labelled inputs (Series, dicts) are aligned by label; mismatched labels raise.

    >>> weighted_csi({"a": 80, "b": 70, "c": 60}, {"c": 2, "b": 3, "a": 5}, normalize=True)
    73.0
    """
    s = as_series(scores, "scores")
    w = as_series(weights, "weights")
    labelled = isinstance(scores, (pd.Series, Mapping)) and isinstance(weights, (pd.Series, Mapping))
    if labelled:
        from .validation import require_same_labels

        require_same_labels(list(s.index), list(w.index), "scores", "weights")
        w = w.reindex(s.index)
    elif len(s) != len(w):
        raise CsatInputError(f"scores and weights: {len(s)} scores but {len(w)} weights")
    sv = as_float_array(s, "scores", ndim=1)
    if not np.all(np.isfinite(sv)):
        i = int(np.argmax(~np.isfinite(sv)))
        raise CsatInputError(f"scores: {s.index[i]!r} is missing; every item needs a 0-100 score")
    bad = (sv < 0) | (sv > 100)
    if bad.any():
        i = int(np.argmax(bad))
        raise CsatInputError(f"scores: {s.index[i]!r} is {sv[i]:g}, outside 0-100; convert ratings with item_scores first")
    wv = as_float_array(w, "weights", ndim=1)
    if normalize:
        if np.any(~np.isfinite(wv)) or np.any(wv < 0):
            i = int(np.argmax(~np.isfinite(wv) | (wv < 0)))
            raise CsatInputError(f"weights: {w.index[i]!r} is {wv[i]:g}; weights must be >= 0")
        if wv.sum() <= 0:
            raise CsatInputError("weights: all zero; at least one weight must be positive")
        wv = wv / wv.sum()
    else:
        wv = require_weights(wv, "weights")
    return float(np.round(sv @ wv, 12))


def pe_gap(
    perception: Any,
    expectation: Any,
    *,
    weights: Any = None,
    dimensions: Mapping[str, Sequence[str]] | None = None,
    conf: float = 0.95,
) -> pd.DataFrame:
    """Perception − expectation gaps (认知−预期模型; SERVQUAL, Parasuraman et al. 1988).

    ``perception`` and ``expectation`` have the same item columns. Per item, over rows with
    both answers: means P and E, gap = mean(P − E), its SD, n and a paired-t interval.
    ``dimensions`` (name -> items) adds one row per dimension whose gap is the mean of its item
    gaps. With ``weights`` (over dimensions if given, else items; Σ = 1) a last row "SQ" holds
    ``SQ = Σ W_j·gap_j`` (the source's ``SQ_i = Σ_j W_j (P_ij − E_ij)``). A negative gap means
    expectations were not met.
    """
    conf = require_probability(conf, "conf")
    P = require_numeric(as_frame(perception, "perception"), None, "perception")
    E = require_numeric(as_frame(expectation, "expectation"), None, "expectation")
    from .validation import require_same_labels

    require_same_labels(list(P.columns), list(E.columns), "perception columns", "expectation columns")
    if len(P) != len(E) or not P.index.equals(E.index):
        raise CsatInputError(
            f"perception and expectation: rows must be the same respondents (got {len(P)} and {len(E)} rows)"
        )
    E = E[P.columns]
    Pv, Ev = P.to_numpy(float), E.to_numpy(float)
    both = ~np.isnan(Pv) & ~np.isnan(Ev)
    n = both.sum(axis=0)
    if np.any(n < 2):
        c = P.columns[int(np.argmax(n < 2))]
        raise CsatInputError(f"item {c!r}: fewer than 2 respondents answered both P and E; a gap needs at least 2")
    G = np.where(both, Pv - Ev, np.nan)
    gap = np.nanmean(G, axis=0)
    sd = np.nanstd(G, axis=0, ddof=1)
    tq = stats.t.ppf(1 - (1 - conf) / 2, n - 1)
    half = tq * sd / np.sqrt(n)
    out = pd.DataFrame(
        {
            "P": np.nanmean(np.where(both, Pv, np.nan), axis=0),
            "E": np.nanmean(np.where(both, Ev, np.nan), axis=0),
            "gap": gap,
            "sd_gap": sd,
            "n": n.astype(float),
            "ci_low": gap - half,
            "ci_high": gap + half,
        },
        index=list(P.columns),
    )
    level = out
    if dimensions is not None:
        rows = {}
        for dim, items in dimensions.items():
            unknown = [i for i in items if i not in out.index]
            if unknown or not items:
                raise CsatInputError(f"dimensions: {dim!r} lists unknown item {describe_values(unknown)}" if unknown
                                     else f"dimensions: {dim!r} lists no items")
            sub = out.loc[list(items)]
            rows[dim] = {"P": sub["P"].mean(), "E": sub["E"].mean(), "gap": sub["gap"].mean(),
                         "sd_gap": np.nan, "n": np.nan, "ci_low": np.nan, "ci_high": np.nan}
        dim_df = pd.DataFrame.from_dict(rows, orient="index")
        clash = [d for d in dim_df.index if d in out.index]
        if clash:
            raise CsatInputError(f"dimensions: name {describe_values(clash)} is also an item name")
        out = pd.concat([out, dim_df])
        level = dim_df
    if weights is not None:
        w = as_series(weights, "weights")
        if isinstance(weights, (pd.Series, Mapping)):
            from .validation import require_same_labels as _same

            _same(list(level.index), list(w.index), "gap rows", "weights")
            w = w.reindex(level.index)
        elif len(w) != len(level):
            raise CsatInputError(f"weights: expected {len(level)} (one per {'dimension' if dimensions else 'item'}), got {len(w)}")
        wv = require_weights(w.to_numpy(), "weights")
        sq = float(wv @ level["gap"].to_numpy())
        out.loc["SQ"] = [np.nan, np.nan, sq, np.nan, np.nan, np.nan, np.nan]
    out.index.name = "row"
    return out


# ============================================================================ the 0–100 index
def _item_scales(result: PlsResult, scale: Any) -> tuple[np.ndarray, np.ndarray]:
    items = result.model.indicators
    if isinstance(scale, Mapping):
        miss = [i for i in items if i not in scale]
        if miss:
            raise CsatInputError(f"scale: no (low, high) for item {describe_values(miss)}")
        pairs = [_scale(scale[i]) for i in items]
    else:
        pairs = [_scale(scale)] * len(items)
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    return a, b


def _check_result(result: Any) -> None:
    from .pls import PlsResult

    if not isinstance(result, PlsResult):
        raise CsatInputError(f"model_result: expected the PlsResult returned by pls.fit, got {type(result).__name__}")
    if not result.converged:
        raise CsatInputError("model_result: the PLS fit did not converge; an index from it would be meaningless")


def raw_weights(model_result: PlsResult, data: Any = None) -> pd.Series:
    """Raw-scale weights w̃ per item, summing to 1 within each block (spec §4).

    Standardised fit: ``w̃_h = (w_h/s_h)/Σ_k(w_k/s_k)``, s_h the item SD used in preprocessing;
    unscaled fit: ``w̃_h = w_h/Σw_k``. A non-positive w̃ (possible in Mode B) raises, naming the item.
    ``data``, if given, must hold the model's items (it is only checked).
    """
    _check_result(model_result)
    res = model_result
    if data is not None:
        from .validation import require_columns

        require_columns(as_frame(data, "data"), res.model.indicators, "data")
    w = res.outer_weights / res.item_sd if res.standardize else res.outer_weights.copy()
    block = pd.Series(res.model.block_of())[w.index]
    wt = w / w.groupby(block).transform("sum")
    bad = wt[~(wt > 0)]
    if len(bad):
        item = bad.index[0]
        raise CsatInputError(
            f"raw weight of item {item!r} (block {block[item]!r}) is {wt[item]:.4g}; the 0-100 index needs positive "
            "weights (Mode B or a badly fitting item can give negative ones: revise the block)"
        )
    wt.name = "raw_weight"
    return wt


def acsi_scores(model_result: PlsResult, data: Any, scale: Any = (1, 10)) -> pd.DataFrame:
    """Per-respondent 0–100 construct scores ``100·(Σ w̃ x − Σ w̃ a)/(Σ w̃ b − Σ w̃ a)``.

    ``scale`` is one (low, high) pair for every item or a dict item -> pair (scale limits, not
    sample extremes). A respondent missing an item of a block has no score for that construct
    (left missing, never filled in).
    """
    wt = raw_weights(model_result, None)
    res = model_result
    items = res.model.indicators
    df = as_frame(data, "data")
    from .validation import require_columns

    require_columns(df, items, "data")
    num = require_numeric(df, items, "data")
    a, b = _item_scales(res, scale)
    X = num.to_numpy(float)
    bad = ~np.isnan(X) & ((X < a) | (X > b))
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise CsatInputError(
            f"data: column {items[c]!r}, row {num.index[r]}: value {X[r, c]:g} is outside the scale {a[c]:g}-{b[c]:g}"
        )
    out = {}
    w = wt[items].to_numpy()
    for c, block in res.model.blocks.items():
        idx = [items.index(i) for i in block]
        wb = w[idx]
        lo, hi = wb @ a[idx], wb @ b[idx]
        out[c] = (X[:, idx] @ wb - lo) / (hi - lo) * 100
    return pd.DataFrame(out, index=num.index)


def acsi_index(model_result: PlsResult, data: Any, scale: Any = (1, 10)) -> pd.Series:
    """The ACSI/ECSI 0–100 index per construct (Fornell et al. 1996; ACSI methodology report).

    ``index = (E[ξ] − Min[ξ])/(Max[ξ] − Min[ξ])·100`` with ξ = Σ w̃_h x_h and w̃ the raw-scale
    weights from :func:`raw_weights`; equal to the mean of :func:`acsi_scores` over respondents
    who answered the block. On a common 1–10 scale: ``Σ w̃_h (x̄_h − 1)/9·100``.

    >>> from csat_helpers import pls
    >>> from csat_helpers.datasets import load
    >>> mobi = load("mobi")
    >>> res = pls.fit(pls.ECSI_MOBI, mobi, tol=1e-10)
    >>> round(float(acsi_index(res, mobi)["Satisfaction"]), 2)
    72.54
    """
    scores = acsi_scores(model_result, data, scale)
    out = scores.mean(axis=0)
    empty = scores.notna().sum(axis=0) == 0
    if empty.any():
        raise CsatInputError(f"data: no respondent answered every item of block {out.index[int(np.argmax(empty))]!r}")
    out.name = "index"
    return out


def naive_index(model_result: PlsResult, data: Any, scale: Any = (1, 10)) -> pd.Series:
    """The **common bug**, kept for teaching: standardised weights applied to raw items.

    ``Σ (w_h/Σw_k)·(x̄_h − a)/(b − a)·100`` ignores the division by s_h that un-standardising
    needs (R plspm ``rescale()`` does this; it is right only for unscaled fits). On ``mobi``,
    Satisfaction gives 71.86 instead of 72.54 (spec §4).
    """
    _check_result(model_result)
    res = model_result
    items = res.model.indicators
    num = require_numeric(as_frame(data, "data"), items, "data")
    a, b = _item_scales(res, scale)
    item_score = pd.Series((num.mean().to_numpy() - a) / (b - a) * 100, index=items)
    block = pd.Series(res.model.block_of())[items]
    w = res.outer_weights[items] / res.outer_weights[items].groupby(block).transform("sum")
    out = (w * item_score).groupby(block).sum().reindex(res.model.constructs)
    out.name = "naive_index"
    return out


def unstandardized_effects(model_result: PlsResult, data: Any, scale: Any = (1, 10)) -> pd.DataFrame:
    """Unstandardised path coefficients and effects on the 0–100 construct scores (spec §5).

    Each standardised effect is rescaled by ``sd(ξ_to)/sd(ξ_from)``, with ξ the 0–100 scores of
    :func:`acsi_scores` (population sd, respondents missing an item of any block left out). For a
    direct path this equals the OLS slope (with intercept) of ``to`` on its predecessors' 0–100
    scores; the ratios telescope along routes, so indirect and total effects rescale the same way.
    Read a value as "index points of ``to`` per index point of ``from``"; the total effect is
    IPMA's importance. Rows as ``model_result.effects``: from, to, direct, indirect, total, plus
    the standardised total.

    >>> from csat_helpers import pls
    >>> from csat_helpers.datasets import load
    >>> mobi = load("mobi")
    >>> eff = unstandardized_effects(pls.fit(pls.ECSI_MOBI, mobi), mobi).set_index(["from", "to"])
    >>> round(float(eff.loc[("Satisfaction", "Loyalty"), "direct"]), 3)
    0.73
    """
    _check_result(model_result)
    res = model_result
    scores = acsi_scores(res, data, scale).dropna()
    if len(scores) < 3:
        raise CsatInputError(f"data: {len(scores)} respondents answered every block; unstandardised paths need at least 3")
    sd = scores.std(ddof=0)
    eff = res.effects
    ratio = sd[eff["to"]].to_numpy() / sd[eff["from"]].to_numpy()
    rows = eff[["from", "to"]].copy()
    for col in ("direct", "indirect", "total"):
        rows[col] = eff[col].to_numpy() * ratio
    rows["standardized_total"] = eff["total"].to_numpy()
    return rows.reset_index(drop=True)


def ipma(model_result: PlsResult, data: Any, target: str, scale: Any = (1, 10)) -> pd.DataFrame:
    """Importance–performance map (IPMA): for each construct with a route to ``target``,
    importance = unstandardised total effect on the target (0–100 scores), performance = index.

    Importance is the ``total`` column of :func:`unstandardized_effects`, ``β_total·sd(ξ_target)/sd(ξ_from)``
    with ξ the 0–100 scores (spec §5).
    """
    _check_result(model_result)
    res = model_result
    if target not in res.model.blocks:
        raise CsatInputError(f"target: construct {target!r} is not in the model ({describe_values(res.model.constructs)})")
    perf = acsi_index(res, data, scale)
    eff = unstandardized_effects(res, data, scale)
    eff = eff[(eff["to"] == target) & (eff["standardized_total"].abs() > 0)].set_index("from")
    rows = [c for c in res.model.constructs if c in eff.index]
    if not rows:
        raise CsatInputError(f"target: no construct has a path leading to {target!r}")
    out = pd.DataFrame(
        {
            "importance": eff.loc[rows, "total"].to_numpy(),
            "standardized_total_effect": eff.loc[rows, "standardized_total"].to_numpy(),
            "performance": perf[rows].to_numpy(),
        },
        index=pd.Index(rows, name="construct"),
    )
    return out


# ============================================================================ aggregation
def _weights_for(index: pd.Series, sales: Any, what: str) -> np.ndarray:
    s = as_series(sales, "sales")
    if isinstance(sales, (pd.Series, Mapping)):
        from .validation import require_same_labels

        if len(s.index) != len(index.index) or set(s.index) != set(index.index) or s.index.has_duplicates:
            require_same_labels(list(index.index), list(s.index), f"{what} indices", "sales")
            if s.index.has_duplicates:
                raise CsatInputError(f"sales: a {what} appears twice ({describe_values(s.index[s.index.duplicated()].tolist())})")
        s = s.reindex(index.index)
    elif len(s) != len(index):
        raise CsatInputError(f"sales: {len(s)} values for {len(index)} {what}s")
    v = as_float_array(s, "sales", ndim=1)
    bad = ~np.isfinite(v) | (v < 0)
    if bad.any():
        i = int(np.argmax(bad))
        raise CsatInputError(f"sales: {what} {index.index[i]!r} has sales {v[i]:g}; sales weights must be >= 0")
    return v


def aggregate_index(index: Any, sales: Any, *, by: Any = None) -> float | pd.Series:
    """Sales-weighted mean of indices: industry ``I = Σ_f S_f I_f / Σ_f S_f`` (source §"ACSI的计算").

    ``index`` and ``sales`` are labelled by unit (company, industry, sector); with ``by``
    (unit -> group, e.g. company -> industry) one weighted mean per group is returned.

    >>> aggregate_index({"ind1": 73, "ind2": 78}, {"ind1": 100, "ind2": 300})
    76.75
    """
    raw = as_series(index, "index")
    idx = pd.Series(as_float_array(raw, "index", ndim=1), index=raw.index, name=raw.name)
    if idx.index.has_duplicates:
        raise CsatInputError(f"index: unit {describe_values(idx.index[idx.index.duplicated()].tolist())} appears twice")
    if idx.isna().any():
        raise CsatInputError(f"index: unit {idx.index[int(np.argmax(idx.isna().to_numpy()))]!r} has no index")
    outside = (idx < 0) | (idx > 100)
    if outside.any():
        unit = idx.index[int(np.argmax(outside.to_numpy()))]
        raise CsatInputError(f"index: unit {unit!r} has index {idx[unit]:g}; indices lie on the 0-100 scale")
    w = _weights_for(idx, sales, "unit")
    if by is None:
        if w.sum() <= 0:
            raise CsatInputError("sales: total is 0; at least one unit needs positive sales")
        return float(np.round(w @ idx.to_numpy() / w.sum(), 12))
    g = as_series(by, "by")
    if isinstance(by, (pd.Series, Mapping)):
        miss = [u for u in idx.index if u not in g.index]
        if miss:
            raise CsatInputError(f"by: no group for unit {describe_values(miss)}")
        g = g.reindex(idx.index)
    elif len(g) != len(idx):
        raise CsatInputError(f"by: {len(g)} labels for {len(idx)} units")
    frame = pd.DataFrame({"i": idx.to_numpy(), "w": w, "g": g.to_numpy()})
    tot = frame.groupby("g", sort=False)["w"].sum()
    if (tot <= 0).any():
        raise CsatInputError(f"sales: group {tot.index[int(np.argmax((tot <= 0).to_numpy()))]!r} has total sales 0")
    out = (frame["i"] * frame["w"]).groupby(frame["g"], sort=False).sum() / tot
    out.index.name = None
    out.name = "index"
    return out.round(12)


def national_index(
    sector_indices_by_quarter: Any, sales: Any, *, method: Literal["four_quarter_mean", "rolling"] = "four_quarter_mean"
) -> pd.Series:
    """National index from quarter × sector frames (NaN = sector not measured that quarter).

    ``"four_quarter_mean"`` (the source's method, reconstructed): sales-weight the sectors
    measured in each quarter, then average the last four quarters,
    ``N_t = ¼ Σ_{q=t−3..t} Σ_s S_sq I_sq / Σ_s S_sq``.
    ``"rolling"`` (theacsi.org): each sector's latest score within t−3..t with its weight
    (pass GDP shares as ``sales``), ``N_t = Σ_s G_s I_s / Σ_s G_s``.
    Results start at the fourth quarter.

    >>> I = pd.DataFrame(np.diag([80.0, 70, 75, 72]), index=["q1", "q2", "q3", "q4"], columns=list("abcd")).replace(0, np.nan)
    >>> S = pd.DataFrame(np.diag([10.0, 30, 20, 40]), index=I.index, columns=I.columns).replace(0, np.nan)
    >>> float(national_index(I, S)["q4"]), float(national_index(I, S, method="rolling")["q4"])
    (74.25, 72.8)
    """
    I = as_frame(sector_indices_by_quarter, "sector_indices_by_quarter")
    I = require_numeric(I, None, "sector_indices_by_quarter")
    if isinstance(sales, pd.DataFrame):
        S = require_numeric(sales, None, "sales")
        from .validation import require_same_labels

        require_same_labels(list(I.columns), list(S.columns), "index sectors", "sales sectors")
        require_same_labels(list(I.index), list(S.index), "index quarters", "sales quarters")
        S = S.loc[I.index, I.columns]
    else:
        s = as_series(sales, "sales")
        if isinstance(sales, (pd.Series, Mapping)):
            from .validation import require_same_labels

            require_same_labels(list(I.columns), list(s.index), "index sectors", "sales")
            s = s.reindex(I.columns)
        elif len(s) != I.shape[1]:
            raise CsatInputError(
                f"sales: {len(s)} weights for {I.shape[1]} sectors ({describe_values([str(c) for c in I.columns], 8)}); "
                "give one weight per sector column, or a quarter x sector frame"
            )
        S = pd.DataFrame(np.tile(as_float_array(s, "sales", ndim=1), (len(I), 1)), index=I.index, columns=I.columns)
    if method not in ("four_quarter_mean", "rolling"):
        raise CsatInputError(f"method: {method!r} is not allowed; use 'four_quarter_mean' or 'rolling'")
    if len(I) < 4:
        raise CsatInputError(f"sector_indices_by_quarter: {len(I)} quarters; the national index needs at least 4")
    Iv, Sv = I.to_numpy(float), S.to_numpy(float)
    measured = ~np.isnan(Iv)
    wbad = measured & (np.isnan(Sv) | (Sv < 0))
    if wbad.any():
        r, c = np.argwhere(wbad)[0]
        raise CsatInputError(
            f"sales: sector {I.columns[c]!r}, quarter {I.index[r]!r}: weight {Sv[r, c]:g} is missing or negative "
            "for a measured sector; weights must be >= 0"
        )
    bad = (Iv < 0) | (Iv > 100)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise CsatInputError(f"sector {I.columns[c]!r}, quarter {I.index[r]!r}: index {Iv[r, c]:g} is outside 0-100")
    Wv = np.where(measured, Sv, 0.0)
    Ivz = np.where(measured, Iv, 0.0)
    if method == "four_quarter_mean":
        tot = Wv.sum(axis=1)
        empty = tot <= 0
        if empty.any():
            raise CsatInputError(f"quarter {I.index[int(np.argmax(empty))]!r}: no measured sector with positive sales")
        q = (Wv * Ivz).sum(axis=1) / tot
        vals = np.convolve(q, np.ones(4) / 4, mode="valid")
    else:
        vals = []
        for t in range(3, len(I)):
            win = measured[t - 3 : t + 1]
            # latest measured quarter of each sector within the window
            last = np.where(win.any(axis=0), 3 - np.argmax(win[::-1], axis=0), -1)
            has = last >= 0
            rows = t - 3 + last[has]
            cols = np.flatnonzero(has)
            w = Sv[rows, cols]
            if w.sum() <= 0:
                raise CsatInputError(f"quarter {I.index[t]!r}: no sector measured in the last four quarters")
            vals.append(float(w @ Iv[rows, cols] / w.sum()))
        vals = np.array(vals)
    out = pd.Series(np.round(vals, 12), index=I.index[3:], name="national_index")
    return out


# ============================================================================ bundled source tables
def acsi_national() -> pd.DataFrame:
    """The ACSI national score by quarter, 1994 Q3 (baseline, summer 1994) to 2008 Q2, from the source.

    A long table: year, quarter, score (bundled as ``datasets/acsi_national.csv``).
    """
    from .datasets import path_of

    return pd.read_csv(path_of("acsi_national"))


def acsi_industry_table(table: Literal["airlines", "portals"] = "airlines") -> pd.DataFrame:
    """The source's ACSI "scores by industry" tables as company × year (NaN = NM, not measured).

    ``"airlines"``: 8 carriers (incl. "All Others") and the industry, baseline 1994 then 1995–2008;
    ``"portals"``: 7 internet portals / search engines and the industry, 2000–2008.
    """
    from .datasets import path_of

    if table not in ("airlines", "portals"):
        raise CsatInputError(f"table: {table!r} is not bundled; use 'airlines' or 'portals'")
    df = pd.read_csv(path_of("acsi_industries"))
    sub = df[df["table"] == table]
    wide = sub.pivot(index="company", columns="year", values="score")
    order = list(dict.fromkeys(sub["company"]))
    return wide.reindex(order)


# ============================================================================ plots
def plot_national_scores(table: pd.DataFrame | None = None, *, ax: Any = None) -> Any:
    """Line chart of the ACSI national score by quarter (default: the bundled source table)."""
    import matplotlib.pyplot as plt

    t = acsi_national() if table is None else as_frame(table, "table")
    from .validation import require_columns

    require_columns(t, ["year", "quarter", "score"], "table")
    if ax is None:
        _, ax = plt.subplots()
    x = t["year"].to_numpy(float) + (t["quarter"].to_numpy(float) - 1) / 4
    ax.plot(x, t["score"], marker=".", color="#1f4e8c")
    ax.axhline(float(t["score"].iloc[0]), color="grey", lw=0.8, ls=":", label=f"baseline {t['score'].iloc[0]:.1f}")
    ax.set_xlabel("year (quarters)")
    ax.set_ylabel("ACSI national score (0-100)")
    ax.set_title("ACSI national customer satisfaction, 1994-2008")
    ax.legend(loc="lower right", frameon=False)
    return ax


def plot_industry_table(table: pd.DataFrame, *, ax: Any = None, highlight: Sequence[str] = ()) -> Any:
    """One line per company of a company × year table (e.g. :func:`acsi_industry_table`); NM gaps stay gaps.

    Rows whose name contains "(industry)" are drawn thick and black.
    """
    import matplotlib.pyplot as plt

    t = as_frame(table, "table")
    if ax is None:
        _, ax = plt.subplots()
    years = np.asarray(t.columns, dtype=float)
    for name, row in t.iterrows():
        ind = "(industry)" in str(name)
        ax.plot(years, row.to_numpy(float), marker="o", ms=3,
                lw=2.6 if ind else (1.8 if name in highlight else 0.9),
                color="black" if ind else None, alpha=1.0 if (ind or name in highlight or not highlight) else 0.45,
                label=str(name))
    ax.set_xlabel("year")
    ax.set_ylabel("ACSI score (0-100)")
    ax.legend(fontsize=6.5, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return ax


def plot_ipma(table: pd.DataFrame, *, ax: Any = None, target: str = "") -> Any:
    """Importance–performance map from :func:`ipma`: importance on x, performance (0–100) on y."""
    import matplotlib.pyplot as plt

    t = as_frame(table, "table")
    from .validation import require_columns

    require_columns(t, ["importance", "performance"], "table")
    if ax is None:
        _, ax = plt.subplots()
    ax.scatter(t["importance"], t["performance"], s=60, color="#c0392b", zorder=3)
    for name, row in t.iterrows():
        ax.annotate(str(name), (row["importance"], row["performance"]), textcoords="offset points", xytext=(6, 4),
                    fontsize=9)
    ax.axvline(float(t["importance"].mean()), color="grey", lw=0.8, ls=":")
    ax.axhline(float(t["performance"].mean()), color="grey", lw=0.8, ls=":")
    ax.set_xlabel("importance: unstandardised total effect" + (f" on {target}" if target else ""))
    ax.set_ylabel("performance: index (0-100)")
    return ax
