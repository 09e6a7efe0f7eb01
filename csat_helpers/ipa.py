"""Importance–performance analysis (IPA, 四分图模型): quadrants, derived importance, PRCA, bootstrap.

Implements ``specs/ipa.md``. Martilla & James (1977) plot **performance on x** against
**importance on y**; a crosshair splits the plane into four action quadrants, named by meaning
(never by number, since sources number them differently):

========================  ==================  ======  ====  ===========
key                       English             中文     zone  I / P
========================  ==================  ======  ====  ===========
``concentrate_here``      Concentrate here    修补区   B     high / low
``keep_up``               Keep up the good    优势区   A     high / high
                          work
``low_priority``          Low priority        机会区   C     low / low
``possible_overkill``     Possible overkill   维持区   D     low / high
========================  ==================  ======  ====  ===========

A value v counts as *on* the crosshair c when |v − c| ≤ 1e-9·max(1, |c|); ``ties`` says
whether it then counts as high (default, like Turas's ``>=``), low, or raises.

>>> r = quadrants({"a": 4.5, "b": 3.0}, {"a": 3.0, "b": 4.2})
>>> r["quadrant"].tolist()
['concentrate_here', 'possible_overkill']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import survey as _sv
from .errors import CsatInputError
from .validation import describe_values, label_difference, require_positive_int, require_probability

__all__ = [
    "QUADRANTS",
    "FACTORS",
    "attribute_means",
    "quadrants",
    "derived_importance",
    "compare_importance",
    "gap",
    "prca",
    "three_factor",
    "quadrant_confidence",
    "plot_quadrants",
    "plot_gap",
]

QUADRANTS: dict[str, dict[str, str]] = {
    "concentrate_here": {"en": "Concentrate here", "zh": "修补区", "zone": "B",
                         "action_en": "fix first: important to customers, but performance is low",
                         "action_zh": "重点修补、改进"},
    "keep_up": {"en": "Keep up the good work", "zh": "优势区", "zone": "A",
                "action_en": "keep and build on: important and performing well",
                "action_zh": "继续保持并发扬"},
    "low_priority": {"en": "Low priority", "zh": "机会区", "zone": "C",
                     "action_en": "not urgent: less important and performing low",
                     "action_zh": "不是最急需解决的问题"},
    "possible_overkill": {"en": "Possible overkill", "zh": "维持区", "zone": "D",
                          "action_en": "maintain; resources may move to concentrate-here items",
                          "action_zh": "维持（锦上添花）；资源可转移"},
}

FACTORS: dict[str, dict[str, str]] = {
    "basic": {"zh": "基本因素", "kano": "M"},
    "performance": {"zh": "绩效因素", "kano": "O"},
    "excitement": {"zh": "兴奋因素", "kano": "A"},
}

_TIE_RTOL = 1e-9
_RATIO_TOL = 1e-9
_QKEYS = tuple(QUADRANTS)
#: fewest respondents with which quadrant_confidence will resample
MIN_BOOTSTRAP_N = 10
_DERIVED = ("pearson", "spearman", "beta", "ln_partial")


# ============================================================================ input helpers
def _vector(data: Any, name: str) -> tuple[pd.Series, bool]:
    """A float Series and whether the input carried attribute labels."""
    labelled = isinstance(data, (pd.Series, Mapping))
    if isinstance(data, pd.DataFrame):
        if data.shape[1] != 1:
            raise CsatInputError(f"{name}: expected one value per attribute, got a table with {data.shape[1]} columns")
        data, labelled = data.iloc[:, 0], True
    if isinstance(data, Mapping):
        s = pd.Series(dict(data), dtype=object)
    elif isinstance(data, pd.Series):
        s = data
    else:
        arr = np.asarray(data, dtype=object)
        if arr.ndim != 1:
            raise CsatInputError(f"{name}: expected a 1-D sequence of attribute values, got shape {arr.shape}")
        s = pd.Series(arr)
    if len(s) == 0:
        raise CsatInputError(f"{name}: no attributes given")
    if s.index.has_duplicates:
        raise CsatInputError(f"{name}: attribute {s.index[s.index.duplicated()][0]!r} appears twice")
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iuf":
        out = s.astype(float)  # already numbers (the usual case): nothing to coerce
    else:
        out = pd.to_numeric(s, errors="coerce").astype(float)
        bad = out.isna() & s.notna()
        if bad.any():
            lab = bad.idxmax()
            raise CsatInputError(f"{name}: attribute {lab!r} has {s[lab]!r}, which is not a number")
    values = out.to_numpy()
    if np.isnan(values).any():
        raise CsatInputError(f"{name}: attribute {out.index[np.isnan(values).argmax()]!r} is missing (NaN); every attribute needs a value")
    if np.isinf(values).any():
        raise CsatInputError(f"{name}: attribute {out.index[np.isinf(values).argmax()]!r} is infinite")
    return out, labelled


def _pair(a: Any, b: Any, name_a: str, name_b: str) -> tuple[pd.Series, pd.Series]:
    """Align two attribute vectors; different attributes or lengths raise, naming the labels."""
    sa, la = _vector(a, name_a)
    sb, lb = _vector(b, name_b)
    if la and lb:
        if sa.index.equals(sb.index):  # the usual case: the same labels in the same order
            sb.index = sa.index  # (sb is _vector's own Series, so the caller's input is untouched)
            return sa, sb
        detail = label_difference(list(sa.index), list(sb.index), name_a, name_b)
        if detail:
            raise CsatInputError(f"{name_a} and {name_b} name different attributes ({detail})")
        return sa, sb.reindex(sa.index)
    if len(sa) != len(sb):
        raise CsatInputError(f"{name_a} has {len(sa)} attributes but {name_b} has {len(sb)}; give one value each")
    if lb and not la:
        sa.index = sb.index
    else:
        sb.index = sa.index
    return sa, sb


def _axis_scales(scale: Any) -> dict[str, tuple[float, float] | None]:
    if scale is None:
        return {"importance": None, "performance": None}
    if isinstance(scale, Mapping):
        unknown = [k for k in scale if k not in ("importance", "performance")]
        if unknown:
            raise CsatInputError(f"scale: unknown axis {unknown[0]!r} (allowed: 'importance', 'performance')")
        return {ax: (_sv._scale(scale[ax]) if scale.get(ax) is not None else None)
                for ax in ("importance", "performance")}
    sc = _sv._scale(scale)
    return {"importance": sc, "performance": sc}


def _check_in_scale(s: pd.Series, sc: tuple[float, float] | None, axis: str) -> None:
    if sc is None:
        return
    lo, hi = sc
    v = s.to_numpy()
    bad = (v < lo - 1e-12) | (v > hi + 1e-12)
    if bad.any():
        j = int(np.argmax(bad))
        raise CsatInputError(
            f"{axis}: attribute {s.index[j]!r} = {v[j]:g} lies outside the declared scale {lo:g}-{hi:g}; "
            "check the scale or recode the data"
        )


def _crosshair(imp: np.ndarray, perf: np.ndarray, crosshair: Any,
               scales: dict[str, tuple[float, float] | None]) -> tuple[float, float, str]:
    """(importance, performance, method) of the crosshair for one set of attribute values."""
    if isinstance(crosshair, str):
        if crosshair in ("data_mean", "data_median"):
            if imp.size < 2:
                raise CsatInputError(f"crosshair={crosshair!r}: needs at least 2 attributes, got {imp.size}")
            f = np.mean if crosshair == "data_mean" else np.median
            return float(f(imp)), float(f(perf)), crosshair
        if crosshair == "scale_midpoint":
            missing = [ax for ax, sc in scales.items() if sc is None]
            if missing:
                raise CsatInputError(
                    "crosshair='scale_midpoint' needs the questionnaire scale (e.g. scale=(1, 5)) for "
                    f"{' and '.join(missing)}; it is never taken from the data range"
                )
            si, sp = scales["importance"], scales["performance"]
            return (si[0] + si[1]) / 2, (sp[0] + sp[1]) / 2, "scale_midpoint"
        raise CsatInputError(
            f"crosshair: {crosshair!r} is not allowed (allowed: 'data_mean', 'data_median', 'scale_midpoint', "
            "a dict {'importance': a, 'performance': b} or a pair (a, b))"
        )
    if isinstance(crosshair, Mapping):
        missing = [k for k in ("importance", "performance") if k not in crosshair]
        if missing:
            raise CsatInputError(f"crosshair: the dict needs keys 'importance' and 'performance' (missing {missing[0]!r})")
        a, b = crosshair["importance"], crosshair["performance"]
    elif isinstance(crosshair, (tuple, list, np.ndarray)) and len(crosshair) == 2:
        a, b = crosshair
    else:
        raise CsatInputError(f"crosshair: expected a name, a dict or a pair (importance, performance), got {crosshair!r}")
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        raise CsatInputError(f"crosshair: values must be numbers, got {crosshair!r}") from None
    if not (math.isfinite(a) and math.isfinite(b)):
        raise CsatInputError(f"crosshair: values must be finite, got {crosshair!r}")
    for axis, v in (("importance", a), ("performance", b)):
        sc = scales[axis]
        if sc is not None and not sc[0] <= v <= sc[1]:
            raise CsatInputError(f"crosshair: {axis} {v:g} lies outside the declared scale {sc[0]:g}-{sc[1]:g}")
    return a, b, "custom"


def _on(values: np.ndarray, c: np.ndarray | float) -> np.ndarray:
    c = np.asarray(c, dtype=float)
    return np.abs(values - c) <= _TIE_RTOL * np.maximum(1.0, np.abs(c))


def _high(values: np.ndarray, c: np.ndarray | float, ties: str) -> np.ndarray:
    on = _on(values, c)
    if ties == "low":
        return (values > c) & ~on
    return (values > c) | on  # "high" (and "raise" after the check)


def _quadrant_codes(imp_high: np.ndarray, perf_high: np.ndarray) -> np.ndarray:
    """0 concentrate_here, 1 keep_up, 2 low_priority, 3 possible_overkill."""
    return np.where(imp_high, np.where(perf_high, 1, 0), np.where(perf_high, 3, 2))


def _quadrant_keys(imp: np.ndarray, perf: np.ndarray, ci: float, cp: float, ties: str) -> list[str]:
    """Each attribute's quadrant key for the crosshair (ci, cp); no checks (see :func:`quadrants`)."""
    return [_QKEYS[c] for c in _quadrant_codes(_high(imp, ci, ties), _high(perf, cp, ties))]


def _check_ties(ties: str) -> None:
    if ties not in ("high", "low", "raise"):
        raise CsatInputError(f"ties: {ties!r} is not allowed (allowed: 'high', 'low', 'raise')")


# ============================================================================ means and quadrants
def attribute_means(ratings: Any, *, scale: Any) -> pd.DataFrame:
    """Mean, SD and n of each attribute's ratings (stated importance or performance).

    NaN answers are skipped and ``n`` reported; values outside ``scale`` raise naming column,
    row and value. The seeds' Σ_j K_j·R_ij is the same number as the mean.

    >>> attribute_means(pd.DataFrame({"a": [4, 5, np.nan]}), scale=(1, 5)).loc["a"].tolist()
    [4.5, 0.7071067811865476, 2.0]
    """
    if scale is None:
        raise CsatInputError("attribute_means: declare the questionnaire scale, e.g. scale=(1, 5)")
    df = _sv._ratings(ratings, "ratings", _sv._scale(scale))
    m = _sv._moments(df.to_numpy(dtype=float), None)
    if np.any(m["n"] == 0):
        raise CsatInputError(f"ratings: attribute {df.columns[int(np.argmax(m['n'] == 0))]!r} has no answers")
    return pd.DataFrame({"mean": m["mean"], "sd": m["sd"], "n": m["n"].astype(int)}, index=df.columns)


def quadrants(
    importance: Any, performance: Any, crosshair: Any = "data_mean", scale: Any = None, ties: str = "high"
) -> pd.DataFrame:
    """Place each attribute in a quadrant (Martilla & James 1977; specs/ipa.md §3–4).

    ``importance`` and ``performance`` are per-attribute values (Series/dict, or sequences in
    the same order). ``crosshair``: ``"data_mean"`` (default), ``"data_median"``,
    ``"scale_midpoint"`` (needs ``scale``) or a target ``{"importance": a, "performance": b}``
    / ``(a, b)``. ``scale``: ``(lo, hi)`` or ``{"importance": (lo, hi), "performance": (lo, hi)}``.

    Returns columns importance, performance, quadrant, quadrant_en, quadrant_zh, zone,
    on_crosshair; the crosshair is in ``df.attrs["crosshair"]``.

    >>> r = quadrants([32.5, 26.8, 21.3, 12.7, 6.7], [6.2, 7.8, 5.5, 7.2, 8.1])
    >>> round(r.attrs["crosshair"]["performance"], 9)   # Turas docs, Workflow 4
    6.96
    """
    _check_ties(ties)
    imp, perf = _pair(importance, performance, "importance", "performance")
    scales = _axis_scales(scale)
    _check_in_scale(imp, scales["importance"], "importance")
    _check_in_scale(perf, scales["performance"], "performance")
    ci, cp, method = _crosshair(imp.to_numpy(), perf.to_numpy(), crosshair, scales)
    iv, pv = imp.to_numpy(), perf.to_numpy()
    on_i, on_p = _on(iv, ci), _on(pv, cp)
    if ties == "raise" and (on_i.any() or on_p.any()):
        j = int(np.argmax(on_i | on_p))
        axis = "importance" if on_i[j] else "performance"
        raise CsatInputError(
            f"attribute {imp.index[j]!r}: its {axis} sits on the crosshair ({ci if axis == 'importance' else cp:g}); "
            "choose ties='high' or ties='low'"
        )
    keys = _quadrant_keys(iv, pv, ci, cp, ties)
    out = pd.DataFrame(
        {
            "importance": iv,
            "performance": pv,
            "quadrant": keys,
            "quadrant_en": [QUADRANTS[k]["en"] for k in keys],
            "quadrant_zh": [QUADRANTS[k]["zh"] for k in keys],
            "zone": [QUADRANTS[k]["zone"] for k in keys],
            "on_crosshair": on_i | on_p,
        },
        index=pd.Index(imp.index, name="attribute"),
    )
    out.attrs["crosshair"] = {"importance": ci, "performance": cp, "method": method, "ties": ties}
    return out


# ============================================================================ derived importance
def _items_overall(items: Any, overall: Any, name: str = "items", *, labelled: bool | None = None
                   ) -> tuple[pd.DataFrame, np.ndarray]:
    """Items as a numeric frame and the overall rating per row; pandas inputs are matched by row label."""
    df = _sv._ratings(items, name, None)
    row_labels = _sv._labelled(items) if labelled is None else labelled
    y_raw = _sv._rows_like(overall, df.index, row_labels, "overall", name, "rating")
    y = _sv._ratings(pd.DataFrame({"overall": y_raw}, index=df.index), "overall", None).to_numpy(dtype=float).ravel()
    return df, y


def _align_frame_rows(df: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """``df`` (importance_items) reordered to the respondent rows ``index`` of performance_items, by label."""
    if df.index.equals(index):
        return df
    order = _sv._rows_like(pd.Series(np.arange(len(df)), index=df.index), index, True,
                           "importance_items", "performance_items")
    return df.iloc[order]


def _derived_core(x: np.ndarray, y: np.ndarray, method: str, log_overall: bool) -> np.ndarray:
    """Derived importance on clean complete arrays (no validation; used by the bootstrap)."""
    if method == "spearman":
        x = pd.DataFrame(x).rank(method="average").to_numpy()
        y = pd.Series(y).rank(method="average").to_numpy()
        method = "pearson"
    if method == "ln_partial":
        z = np.column_stack([np.log(x), np.log(y) if log_overall else y])
        r = np.corrcoef(z, rowvar=False)
        p = np.linalg.inv(r)
        k = x.shape[1]
        return -p[:k, k] / np.sqrt(np.diag(p)[:k] * p[k, k])
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    sx = np.sqrt((xc * xc).sum(axis=0))
    sy = math.sqrt(float(yc @ yc))
    rxy = (xc.T @ yc) / (sx * sy)
    if method == "pearson":
        return rxy
    rxx = (xc.T @ xc) / np.outer(sx, sx)
    return np.linalg.solve(rxx, rxy)  # beta: standardised OLS coefficients b_j·s_j/s_y


def _complete_design(df: pd.DataFrame, y: np.ndarray, method: str, log_overall: bool, minimum: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Listwise-complete rows, validated for derived importance; returns (x, y, keep)."""
    x_all = df.to_numpy(dtype=float)
    keep = ~(np.isnan(x_all).any(axis=1) | np.isnan(y))
    x, yy = x_all[keep], y[keep]
    k = x.shape[1]
    if x.shape[0] < minimum:
        raise CsatInputError(
            f"derived importance: {x.shape[0]} complete respondents for {k} attributes; at least {minimum} "
            "(k + 3) are needed"
        )
    if method == "ln_partial":
        bad = x <= 0
        if bad.any():
            r, c = np.argwhere(bad)[0]
            row = df.index[np.flatnonzero(keep)[r]]
            raise CsatInputError(
                f"items: column {df.columns[c]!r}, row {row}: value {x[r, c]:g}; ln_partial takes logs, so values must be > 0"
            )
        if log_overall and (yy <= 0).any():
            raise CsatInputError("overall: values must be > 0 when log_overall=True")
    sd = x.std(axis=0)
    if np.any(sd == 0):
        c = int(np.argmax(sd == 0))
        raise CsatInputError(
            f"items: attribute {df.columns[c]!r} is constant among complete respondents; it has no variance "
            "from which to derive importance"
        )
    if np.std(yy) == 0:
        raise CsatInputError("overall: constant among complete respondents; importance cannot be derived")
    z = np.log(x) if method == "ln_partial" else x
    if k > 1:
        r = np.corrcoef(z, rowvar=False)
        if not np.all(np.isfinite(r)) or np.linalg.cond(r) > 1e12:
            raise CsatInputError(
                "items: the design is singular (condition number > 1e12): an attribute is a linear combination "
                "of others; drop one"
            )
    return x, yy, keep


def derived_importance(items: Any, overall: Any, method: str = "pearson", *, log_overall: bool = False) -> pd.Series:
    """Importance derived from how each attribute moves with overall satisfaction (specs/ipa.md §5).

    - ``"pearson"``: r_j = corr(x_j, y) (halo effects inflate it);
    - ``"spearman"``: Pearson on average ranks;
    - ``"beta"``: standardised OLS coefficients β_j = b_j·s_j/s_y (may be unstable or negative
      under collinearity: shown, never clipped);
    - ``"ln_partial"``: Deng's (2007) RIPA partial correlation of ln x_j with y,
      r_j = −P_jy/√(P_jj·P_yy), P the inverse correlation matrix (``log_overall=False``).

    Incomplete rows are dropped (listwise); ``attrs["n_used"]`` says how many remain. When
    ``items`` is a DataFrame and ``overall`` a Series, rows are matched by index label.
    """
    if method not in _DERIVED:
        raise CsatInputError(f"method: {method!r} is not allowed (allowed: {', '.join(map(repr, _DERIVED))})")
    df, y = _items_overall(items, overall)
    x, yy, _ = _complete_design(df, y, method, log_overall, df.shape[1] + 3)
    values = _derived_core(x, yy, method, log_overall)
    out = pd.Series(values, index=pd.Index(df.columns, name="attribute"), name=f"derived_{method}")
    out.attrs.update({"n_used": int(x.shape[0]), "method": method, "log_overall": log_overall})
    return out


def compare_importance(stated: Any, derived: Any) -> pd.DataFrame:
    """Stated vs derived importance side by side ("dual importance", after Turas).

    Ranks both (1 = most important) and labels each attribute with the median rule (course
    decision): ``false_priority`` when stated is above its median but derived below;
    ``hidden_gem`` for the reverse; otherwise ``consistent``.

    >>> compare_importance({"a": 4.6, "b": 3.1, "c": 3.9}, {"a": 0.1, "b": 0.5, "c": 0.3})["label"].tolist()
    ['false_priority', 'hidden_gem', 'consistent']
    """
    st, dv = _pair(stated, derived, "stated", "derived")
    sv, dvv = st.to_numpy(), dv.to_numpy()
    ms, md = float(np.median(sv)), float(np.median(dvv))
    on_s, on_d = _on(sv, ms), _on(dvv, md)
    s_hi, s_lo = (sv > ms) & ~on_s, (sv < ms) & ~on_s
    d_hi, d_lo = (dvv > md) & ~on_d, (dvv < md) & ~on_d
    label = np.where(s_hi & d_lo, "false_priority", np.where(s_lo & d_hi, "hidden_gem", "consistent"))
    stated_rank = st.rank(ascending=False, method="min").astype(int).to_numpy()
    derived_rank = dv.rank(ascending=False, method="min").astype(int).to_numpy()
    out = pd.DataFrame(
        {"stated": sv, "derived": dvv, "stated_rank": stated_rank, "derived_rank": derived_rank,
         "rank_shift": stated_rank - derived_rank, "label": label},
        index=pd.Index(st.index, name="attribute"),
    )
    out.attrs["medians"] = {"stated": ms, "derived": md}
    return out


# ============================================================================ diagonal and gap
def gap(importance: Any, performance: Any, scale: Any, *, through: str = "origin") -> pd.DataFrame:
    """Iso-priority diagonal and gap ranking (specs/ipa.md §6; Bacon 2003).

    Each axis is rescaled by its questionnaire scale, v' = (v − lo)/(hi − lo) (no fallback to
    the data range), and gap = I' − P'. ``through="crosshair"`` measures from the slope-1 line
    through the data-mean crosshair: (I' − mean I') − (P' − mean P'). ``position`` is
    ``above`` (importance exceeds performance: improve), ``below`` or ``on`` (|gap| ≤ 1e-9);
    rows are sorted by gap, largest first, with ``rank``.

    >>> gap({"a": 5, "b": 3}, {"a": 3, "b": 4}, (1, 5))["position"].tolist()
    ['above', 'below']
    """
    if scale is None:
        raise CsatInputError("gap: the questionnaire scale is required, e.g. scale=(1, 5); the data range is never used")
    if through not in ("origin", "crosshair"):
        raise CsatInputError(f"through: {through!r} is not allowed (allowed: 'origin', 'crosshair')")
    imp, perf = _pair(importance, performance, "importance", "performance")
    scales = _axis_scales(scale)
    for ax in ("importance", "performance"):
        if scales[ax] is None:
            raise CsatInputError(f"gap: the scale for {ax} is missing")
    _check_in_scale(imp, scales["importance"], "importance")
    _check_in_scale(perf, scales["performance"], "performance")
    (il, ih), (pl, ph) = scales["importance"], scales["performance"]
    i_s = (imp - il) / (ih - il)
    p_s = (perf - pl) / (ph - pl)
    g = i_s - p_s
    if through == "crosshair":
        g = (i_s - i_s.mean()) - (p_s - p_s.mean())
    pos = np.where(g > 1e-9, "above", np.where(g < -1e-9, "below", "on"))
    out = pd.DataFrame(
        {"importance": imp, "performance": perf, "importance_scaled": i_s, "performance_scaled": p_s,
         "gap": g, "position": pos},
        index=pd.Index(imp.index, name="attribute"),
    )
    out = out.sort_values("gap", ascending=False, kind="mergesort")
    out["rank"] = np.arange(1, len(out) + 1)
    out.attrs["through"] = through
    out.attrs["scale"] = {"importance": (il, ih), "performance": (pl, ph)}
    return out


# ============================================================================ PRCA and three-factor theory
def three_factor(b_low: Any, b_high: Any, *, thresholds: tuple[float, float] = (0.9, 1.1)) -> pd.DataFrame:
    """Classify attributes from penalty (b_low) and reward (b_high) coefficients (specs/ipa.md §8).

    - ``impact_asymmetry`` = b_high/|b_low| (Li et al.'s "IR"; Füller & Matzler 2008);
    - ``factor``: excitement if the ratio > 1.1, basic if < 0.9, else performance (bounds count as
      performance, with a 1e-9 tolerance);
    - ``impact_range`` = |b_high| + |b_low| (Mikulić & Prebežac 2008);
    - ``ia_index`` = (|b_high| − |b_low|)/impact_range ∈ [−1, 1];
    - ``sign_warning`` when b_low > 0 or b_high < 0 (still classified).

    >>> three_factor({"room": -0.246}, {"room": 0.421}).loc["room", "factor"]   # Li et al. 2025, Table 4
    'excitement'
    """
    bl, bh = _pair(b_low, b_high, "b_low", "b_high")
    try:
        lo_t, hi_t = (float(t) for t in thresholds)
    except (TypeError, ValueError):
        raise CsatInputError(f"thresholds: expected (lower, upper), e.g. (0.9, 1.1), got {thresholds!r}") from None
    if not 0 <= lo_t <= hi_t:
        raise CsatInputError(f"thresholds: need 0 <= lower <= upper, got {thresholds!r}")
    lv, hv = bl.to_numpy(), bh.to_numpy()
    both0 = (lv == 0) & (hv == 0)
    if both0.any():
        raise CsatInputError(
            f"attribute {bl.index[int(np.argmax(both0))]!r}: b_low and b_high are both 0; it has no impact to classify"
        )
    with np.errstate(divide="ignore"):
        ratio = np.where(lv == 0, np.where(hv > 0, np.inf, -np.inf), hv / np.abs(lv))
    factor = np.where(ratio - hi_t > _RATIO_TOL, "excitement", np.where(lo_t - ratio > _RATIO_TOL, "basic", "performance"))
    rng_ = np.abs(hv) + np.abs(lv)
    out = pd.DataFrame(
        {
            "b_low": lv,
            "b_high": hv,
            "impact_range": rng_,
            "impact_asymmetry": ratio,
            "ia_index": (np.abs(hv) - np.abs(lv)) / rng_,
            "factor": factor,
            "factor_zh": [FACTORS[f]["zh"] for f in factor],
            "sign_warning": (lv > 0) | (hv < 0),
        },
        index=pd.Index(bl.index, name="attribute"),
    )
    out.attrs["thresholds"] = (lo_t, hi_t)
    return out


def prca(items: Any, overall: Any, low: float, high: float, *, thresholds: tuple[float, float] = (0.9, 1.1)) -> pd.DataFrame:
    """Penalty–reward contrast analysis (Brandt 1987) with three-factor classification.

    Two dummies per attribute: L_j = 1 when the rating is ≤ ``low``, H_j = 1 when ≥ ``high``
    (the middle is the reference). One OLS with unstandardised coefficients,
    overall = b₀ + Σ_j (b_low,j·L_j + b_high,j·H_j), listwise. Returns :func:`three_factor`'s
    columns plus ``se_low`` and ``se_high``; ``attrs``: r2, n_used, intercept, low, high.
    A Series ``overall`` is matched to the rows of a DataFrame ``items`` by index label.
    """
    try:
        lo_v, hi_v = float(low), float(high)
    except (TypeError, ValueError):
        raise CsatInputError(f"prca: low and high must be numbers, got {low!r}, {high!r}") from None
    if not lo_v < hi_v:
        raise CsatInputError(f"prca: low ({lo_v:g}) must be below high ({hi_v:g}); the middle category is the reference")
    df, y = _items_overall(items, overall)
    x_all = df.to_numpy(dtype=float)
    keep = ~(np.isnan(x_all).any(axis=1) | np.isnan(y))
    x, yy = x_all[keep], y[keep]
    n, k = x.shape
    p = 2 * k + 1
    if n < p + 1:
        raise CsatInputError(f"prca: {n} complete respondents for {p} coefficients; at least {p + 1} are needed")
    if np.ptp(yy) == 0:
        raise CsatInputError(
            f"prca: overall satisfaction is constant ({yy[0]:g}) for all {n} complete respondents; "
            "there is nothing to explain"
        )
    L = (x <= lo_v).astype(float)
    H = (x >= hi_v).astype(float)
    for j, col in enumerate(df.columns):
        for name, d, rule in (("low", L[:, j], f"<= {lo_v:g}"), ("high", H[:, j], f">= {hi_v:g}")):
            if d.min() == d.max():
                who = "every" if d[0] == 1 else "no"
                raise CsatInputError(
                    f"prca: attribute {col!r}: {who} complete respondent rated it {rule}, so its {name} dummy is "
                    "constant; change low/high or drop the attribute"
                )
    design = np.empty((n, p))
    design[:, 0] = 1.0
    design[:, 1::2] = L
    design[:, 2::2] = H
    q, r = np.linalg.qr(design)
    diag = np.abs(np.diag(r))
    weak = diag <= 1e-10 * diag.max()
    if weak.any():
        c = int(np.argmax(weak))
        col = df.columns[(c - 1) // 2] if c > 0 else "intercept"
        raise CsatInputError(
            f"prca: the dummy design is rank deficient at attribute {col!r} (its dummies are a combination of "
            "others, e.g. nobody in the middle category); change low/high or drop it"
        )
    coef = np.linalg.solve(r, q.T @ yy)
    resid = yy - design @ coef
    dof = n - p
    s2 = float(resid @ resid) / dof
    rinv = np.linalg.inv(r)
    se = np.sqrt(np.sum(rinv * rinv, axis=1) * s2)
    out = three_factor(
        pd.Series(coef[1::2], index=df.columns), pd.Series(coef[2::2], index=df.columns), thresholds=thresholds
    )
    out["se_low"] = se[1::2]
    out["se_high"] = se[2::2]
    yc = yy - yy.mean()
    out.attrs.update({"r2": 1 - float(resid @ resid) / float(yc @ yc), "n_used": int(n), "intercept": float(coef[0]),
                      "low": lo_v, "high": hi_v})
    return out


# ============================================================================ quadrant confidence
def quadrant_confidence(
    performance_items: Any,
    importance_items: Any = None,
    *,
    overall: Any = None,
    importance: str = "stated",
    crosshair: Any = "data_mean",
    scale: Any = None,
    ties: str = "high",
    n_boot: int = 1000,
    seed: int | None = None,
    borderline: float = 0.8,
    method: str = "bootstrap",
    confidence: float = 0.95,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """How sure is each attribute's quadrant? Bootstrap over respondents (specs/ipa.md §7; Wu & Shieh).

    Resamples respondent rows with replacement ``n_boot`` times (importance, performance and
    overall share rows); in each resample the attribute means, any derived importance **and a
    data-centred crosshair** are recomputed. Returns per attribute ``p_<quadrant>`` for the
    four quadrants, ``modal_quadrant``, ``p_modal``, ``point_quadrant`` (full sample) and
    ``borderline`` (p_modal < ``borderline``). Resample means use W @ X / W @ mask with W the
    multinomial counts, so all resamples are computed at once.

    ``importance``: ``"stated"`` (needs ``importance_items``) or a derived method
    (``"pearson"``, ``"spearman"``, ``"beta"``, ``"ln_partial"``; needs ``overall``).
    ``method="ci"``: with a fixed crosshair, t-intervals of both means at level ``confidence``
    (default 0.95) instead (Wu & Shieh style). There an attribute is ``borderline`` when its
    interval box crosses the crosshair (``ci_quadrant`` "uncertain"); the ``borderline``
    probability cut-off applies to the bootstrap only, and ``confidence`` to the intervals only.
    ``ties="raise"`` checks the full-sample point only; inside resamples a tie counts as high.
    When the inputs are pandas objects, importance_items and overall are matched to the rows
    of performance_items by index label (different labels raise).
    ``progress(done, n_boot)``, if given, is called after each chunk of resamples (counts rise to n_boot).
    """
    _check_ties(ties)
    if method not in ("bootstrap", "ci"):
        raise CsatInputError(f"method: {method!r} is not allowed (allowed: 'bootstrap', 'ci')")
    if importance != "stated" and importance not in _DERIVED:
        raise CsatInputError(
            f"importance: {importance!r} is not allowed (allowed: 'stated', {', '.join(map(repr, _DERIVED))})"
        )
    bl = require_probability(borderline, "borderline", open_interval=False)
    level = require_probability(confidence, "confidence")
    scales = _axis_scales(scale)
    perf_df = _sv._ratings(performance_items, "performance_items", scales["performance"])
    attrs = list(perf_df.columns)
    n = len(perf_df)
    if importance == "stated":
        if importance_items is None:
            raise CsatInputError("quadrant_confidence: importance='stated' needs importance_items (or pass overall= "
                                 "and a derived importance method)")
        imp_df = _sv._ratings(importance_items, "importance_items", scales["importance"])
        if _sv._labelled(performance_items) and _sv._labelled(importance_items):
            imp_df = _align_frame_rows(imp_df, perf_df.index)
        if list(imp_df.columns) != attrs:
            only_p = [c for c in attrs if c not in imp_df.columns]
            only_i = [c for c in imp_df.columns if c not in attrs]
            if only_p or only_i:
                raise CsatInputError(
                    "performance_items and importance_items name different attributes (only in performance_items: "
                    f"{describe_values(only_p) or '-'}; only in importance_items: {describe_values(only_i) or '-'})"
                )
            imp_df = imp_df[attrs]
        if len(imp_df) != n:
            raise CsatInputError(
                f"importance_items has {len(imp_df)} respondents but performance_items has {n}; rows must be the same people"
            )
    else:
        if overall is None:
            raise CsatInputError(f"quadrant_confidence: importance={importance!r} needs overall= (overall satisfaction)")
        imp_df = None
    if n < MIN_BOOTSTRAP_N:
        raise CsatInputError(f"quadrant_confidence: {n} respondents; a bootstrap needs at least {MIN_BOOTSTRAP_N}")

    pv = perf_df.to_numpy(dtype=float)
    pm = ~np.isnan(pv)
    pf = np.where(pm, pv, 0.0)
    n_p = pm.sum(axis=0)
    if np.any(n_p < 2):
        j = int(np.argmax(n_p < 2))
        raise CsatInputError(f"performance_items: attribute {attrs[j]!r} has {int(n_p[j])} answer(s); at least 2 are needed")
    perf_point = pf.sum(axis=0) / n_p

    if imp_df is not None:
        iv = imp_df.to_numpy(dtype=float)
        im = ~np.isnan(iv)
        i_f = np.where(im, iv, 0.0)
        n_i = im.sum(axis=0)
        if np.any(n_i < 2):
            j = int(np.argmax(n_i < 2))
            raise CsatInputError(f"importance_items: attribute {attrs[j]!r} has {int(n_i[j])} answer(s); at least 2 are needed")
        imp_point = i_f.sum(axis=0) / n_i
        n_used = n
    else:
        _, y = _items_overall(perf_df, overall, "performance_items", labelled=_sv._labelled(performance_items))
        x_c, y_c, keep = _complete_design(perf_df, y, importance, False, max(len(attrs) + 3, MIN_BOOTSTRAP_N))
        imp_point = _derived_core(x_c, y_c, importance, False)
        n_used = int(x_c.shape[0])

    point = quadrants(pd.Series(imp_point, index=attrs), pd.Series(perf_point, index=attrs), crosshair,
                      scale if imp_df is not None else ({"performance": scales["performance"]}
                                                         if scales["performance"] else None), ties)
    cross = point.attrs["crosshair"]

    if method == "ci":
        if cross["method"] not in ("scale_midpoint", "custom"):
            raise CsatInputError("method='ci' needs a fixed crosshair ('scale_midpoint' or a target); a data-centred "
                                 "crosshair moves with the sample, so use the bootstrap")
        if imp_df is None:
            raise CsatInputError("method='ci' needs stated importance (importance_items)")
        ci_p = _sv.mean_ci(perf_df, confidence=level)
        ci_i = _sv.mean_ci(imp_df, confidence=level)
        box_ok = []
        for a in attrs:
            corners = [(ii, pp) for ii in (ci_i.loc[a, "lower"], ci_i.loc[a, "upper"])
                       for pp in (ci_p.loc[a, "lower"], ci_p.loc[a, "upper"])]
            qs = {_QKEYS[int(_quadrant_codes(_high(np.array([ii]), cross["importance"], ties),
                                             _high(np.array([pp]), cross["performance"], ties))[0])] for ii, pp in corners}
            box_ok.append(qs.pop() if len(qs) == 1 else "uncertain")
        out = pd.DataFrame(
            {"importance": imp_point, "performance": perf_point,
             "importance_lower": ci_i["lower"].to_numpy(), "importance_upper": ci_i["upper"].to_numpy(),
             "performance_lower": ci_p["lower"].to_numpy(), "performance_upper": ci_p["upper"].to_numpy(),
             "point_quadrant": point["quadrant"].to_numpy(), "ci_quadrant": box_ok},
            index=pd.Index(attrs, name="attribute"),
        )
        out["borderline"] = out["ci_quadrant"] == "uncertain"
        out.attrs.update({"crosshair": cross, "method": "ci", "confidence": level})
        return out

    B = require_positive_int(n_boot, "n_boot", minimum=2)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise CsatInputError(f"seed: must be an integer (or None), got {seed!r}")
    rng = np.random.default_rng(seed)
    step = max(1, int(2e6 // n))  # resamples per chunk: bounds the memory of the draws and W, paces progress
    perf_b, imp_b = np.empty((B, len(attrs))), np.empty((B, len(attrs)))
    perf_mask = pm.astype(float)
    imp_mask = im.astype(float) if imp_df is not None else None
    for s in range(0, B, step):
        b = min(step, B - s)
        # Chunked draws give the same numbers as one (B, n) draw: Generator.integers fills C order.
        draws = rng.integers(0, n, size=(b, n))
        W = np.bincount((draws + (np.arange(b) * n)[:, None]).ravel(), minlength=b * n).reshape(b, n).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            perf_b[s : s + b] = (W @ pf) / (W @ perf_mask)
            if imp_df is not None:
                imp_b[s : s + b] = (W @ i_f) / (W @ imp_mask)
            else:
                imp_b[s : s + b] = _boot_derived(W[:, keep], x_c, y_c, importance)
        if progress is not None:
            progress(s + b, B)
    valid = np.isfinite(perf_b).all(axis=1) & np.isfinite(imp_b).all(axis=1)
    n_valid = int(valid.sum())
    if n_valid < 2:
        raise CsatInputError("quadrant_confidence: too few usable resamples (answers are too sparse); collect more data")
    perf_b, imp_b = perf_b[valid], imp_b[valid]
    if cross["method"] == "data_mean":
        ci_b, cp_b = imp_b.mean(axis=1, keepdims=True), perf_b.mean(axis=1, keepdims=True)
    elif cross["method"] == "data_median":
        ci_b, cp_b = np.median(imp_b, axis=1, keepdims=True), np.median(perf_b, axis=1, keepdims=True)
    else:
        ci_b, cp_b = cross["importance"], cross["performance"]
    boot_ties = "high" if ties == "raise" else ties
    codes = _quadrant_codes(_high(imp_b, ci_b, boot_ties), _high(perf_b, cp_b, boot_ties))
    probs = np.stack([(codes == q).mean(axis=0) for q in range(4)], axis=1)
    modal = probs.argmax(axis=1)
    out = pd.DataFrame(
        {"importance": imp_point, "performance": perf_point, "point_quadrant": point["quadrant"].to_numpy()},
        index=pd.Index(attrs, name="attribute"),
    )
    for q, key in enumerate(_QKEYS):
        out[f"p_{key}"] = probs[:, q]
    out["modal_quadrant"] = [_QKEYS[m] for m in modal]
    out["p_modal"] = probs.max(axis=1)
    out["borderline"] = out["p_modal"] < bl
    out.attrs.update({"crosshair": cross, "n_boot": B, "n_boot_used": n_valid, "seed": seed,
                      "importance": importance, "n_used": n_used, "method": "bootstrap"})
    return out


def _boot_derived(W: np.ndarray, x: np.ndarray, y: np.ndarray, method: str) -> np.ndarray:
    """Derived importance per resample; Pearson from weighted moments at once, others in a loop."""
    B, k = W.shape[0], x.shape[1]
    if method == "pearson":
        sw = W.sum(axis=1, keepdims=True)
        mx, my = (W @ x) / sw, (W @ y)[:, None] / sw
        vx = (W @ (x * x)) / sw - mx * mx
        vy = (W @ (y * y))[:, None] / sw - my * my
        cxy = (W @ (x * y[:, None])) / sw - mx * my
        with np.errstate(invalid="ignore", divide="ignore"):
            r = cxy / np.sqrt(vx * vy)
        r[~(vx > 1e-12) | ~(vy > 1e-12)[:, [0] * k]] = np.nan
        return r
    out = np.full((B, k), np.nan)
    counts = W.astype(np.intp)
    idx_all = np.arange(x.shape[0])
    for b in range(B):
        rows = np.repeat(idx_all, counts[b])
        xb, yb = x[rows], y[rows]
        if np.any(xb.std(axis=0) == 0) or yb.std() == 0:
            continue
        try:
            with np.errstate(invalid="ignore", divide="ignore"):
                out[b] = _derived_core(xb, yb, method, False)
        except np.linalg.LinAlgError:
            continue
    return out


# ============================================================================ plots
_COLORS = {"concentrate_here": "#d62728", "keep_up": "#2ca02c", "low_priority": "#7f7f7f", "possible_overkill": "#1f77b4"}


def plot_quadrants(result: pd.DataFrame, *, ax: Any = None, confidence: pd.DataFrame | None = None,
                   labels: Mapping[Any, str] | None = None) -> Any:
    """Quadrant chart of a :func:`quadrants` result: x = performance (满意度), y = importance (重要性).

    Crosshair lines come from ``result.attrs["crosshair"]``; quadrant names (English and 中文)
    sit in the corners. With ``confidence`` (from :func:`quadrant_confidence`), borderline
    attributes are drawn hollow and annotated with p_modal. ``labels`` renames the points.
    """
    import matplotlib.pyplot as plt

    if not isinstance(result, pd.DataFrame) or "quadrant" not in result or "crosshair" not in result.attrs:
        raise CsatInputError("plot_quadrants: pass the DataFrame returned by ipa.quadrants()")
    if ax is None:
        _, ax = plt.subplots()
    cross = result.attrs["crosshair"]
    border = pd.Series(False, index=result.index)
    if confidence is not None:
        if "p_modal" not in confidence:
            raise CsatInputError("plot_quadrants: confidence must come from ipa.quadrant_confidence()")
        border = confidence["borderline"].reindex(result.index).fillna(False).astype(bool)
    for key in _QKEYS:
        sub = result[result["quadrant"] == key]
        if len(sub) == 0:
            continue
        solid = ~border.reindex(sub.index).to_numpy()
        ax.scatter(sub["performance"][solid], sub["importance"][solid], color=_COLORS[key], s=45, zorder=3,
                   label=f"{QUADRANTS[key]['en']} ({QUADRANTS[key]['zh']})")
        if (~solid).any():
            ax.scatter(sub["performance"][~solid], sub["importance"][~solid], facecolors="none",
                       edgecolors=_COLORS[key], s=45, zorder=3)
    for lab, row in result.iterrows():
        text = str(labels.get(lab, lab)) if labels else str(lab)
        if confidence is not None and bool(border.get(lab, False)):
            text += f" (p={confidence.loc[lab, 'p_modal']:.2f})"
        ax.annotate(text, (row["performance"], row["importance"]), xytext=(4, 3), textcoords="offset points", fontsize=8)
    ax.axvline(cross["performance"], color="k", lw=0.8, ls="--")
    ax.axhline(cross["importance"], color="k", lw=0.8, ls="--")
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    corners = {"concentrate_here": (x0, y1, "left", "top"), "keep_up": (x1, y1, "right", "top"),
               "low_priority": (x0, y0, "left", "bottom"), "possible_overkill": (x1, y0, "right", "bottom")}
    for key, (x, y, ha, va) in corners.items():
        q = QUADRANTS[key]
        ax.text(x, y, f"{q['zone']} {q['en']}\n{q['zh']}", ha=ha, va=va, fontsize=7, color=_COLORS[key], alpha=0.8)
    ax.set_xlabel("performance / satisfaction (满意度)")
    ax.set_ylabel("importance (重要性)")
    ax.set_title(f"Importance-performance quadrants (crosshair: {cross['method']})", fontsize=10)
    return ax


def plot_gap(result: pd.DataFrame, *, ax: Any = None) -> Any:
    """Iso-priority view of a :func:`gap` result: rescaled performance (x) vs importance (y) with the diagonal.

    Points above the diagonal (importance exceeds performance) are improvement candidates;
    labels carry the gap rank.
    """
    import matplotlib.pyplot as plt

    if not isinstance(result, pd.DataFrame) or "gap" not in result or "importance_scaled" not in result:
        raise CsatInputError("plot_gap: pass the DataFrame returned by ipa.gap()")
    if ax is None:
        _, ax = plt.subplots()
    colors = {"above": "#d62728", "below": "#1f77b4", "on": "#7f7f7f"}
    for pos, sub in result.groupby("position", sort=True):
        ax.scatter(sub["performance_scaled"], sub["importance_scaled"], color=colors[pos], s=40, zorder=3,
                   label={"above": "importance > performance (improve)", "below": "performance > importance",
                          "on": "on the line"}[pos])
    for lab, row in result.iterrows():
        ax.annotate(f"{int(row['rank'])}. {lab}", (row["performance_scaled"], row["importance_scaled"]),
                    xytext=(4, 3), textcoords="offset points", fontsize=8)
    if result.attrs.get("through") == "crosshair":
        shift = result["importance_scaled"].mean() - result["performance_scaled"].mean()
    else:
        shift = 0.0
    ax.plot([0, 1], [0 + shift, 1 + shift], color="k", lw=0.8, ls="--", label="iso-priority line (I' = P')")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("performance, rescaled to 0-1")
    ax.set_ylabel("importance, rescaled to 0-1")
    ax.legend(fontsize=7, loc="lower right")
    return ax
