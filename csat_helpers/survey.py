"""Measuring satisfaction (顾客满意度测量): descriptive tables, estimates, sample size, reliability.

The data-processing methods that Chapter 3 teaches, after the source's list
(``chapter6_customer_satisfaction_and_crm.txt``, 数据处理方法): central tendency
and spread per item, point and interval estimates, stratified (分层) analysis,
least-squares regression (最小二乘法) and correlation, plus the sample size for
a margin of error, Cronbach's alpha and the source's overall-satisfaction
formulas for the quadrant model (importance I_i = Σ_j K_j R_ij, satisfaction
P_i = Σ_j x_j y_ij, overall index Σ I_i P_i / (x_k Σ I_i)).

Ratings are a respondents × items table; ``NaN`` is a missing answer and is
skipped per item (``n`` reported). ``weights`` are per-respondent survey
weights (non-negative, any scale): weighted means use Σw·x/Σw and
uncertainty uses Kish's effective sample size n_eff = (Σw)²/Σw², which equals
n when all weights are equal.

Quantiles of the normal and t distributions are computed here (no scipy at
run time); the tests check them against scipy.

>>> t_quantile(0.975, 10)  # doctest: +ELLIPSIS
2.228138851...
>>> round(normal_quantile(0.975), 6)
1.959964
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import CsatInputError
from .validation import (
    as_float_array, as_frame, as_series, describe_values, label_difference, require_numeric, require_probability,
)

__all__ = [
    "normal_quantile",
    "t_quantile",
    "t_sf",
    "item_table",
    "level_shares",
    "mean_ci",
    "proportion_ci",
    "share_ci",
    "margin_of_error",
    "sample_size",
    "cronbach_alpha",
    "alpha_if_deleted",
    "by_segment",
    "regress",
    "correlation_table",
    "importance_from_shares",
    "satisfaction_from_shares",
    "overall_index",
]

Scale = tuple[float, float]


# ============================================================================ distributions
def normal_quantile(p: float) -> float:
    """Standard-normal quantile Φ⁻¹(p) (Acklam's rational approximation + one Halley step; ~1e-15).

    >>> round(normal_quantile(0.95), 6)
    1.644854
    """
    p = float(p)
    if not 0.0 < p < 1.0:
        raise CsatInputError(f"normal_quantile: p must be strictly between 0 and 1, got {p:g}")
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
    plow = 0.02425
    if p < plow:
        q = math.sqrt(-2 * math.log(p))
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
            (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    elif p <= 1 - plow:
        q = p - 0.5
        r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (
            ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    else:
        q = math.sqrt(-2 * math.log1p(-p))
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
            (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    # one Halley refinement with the exact CDF (upper tail for x > 0 keeps precision)
    if x > 0:
        e = (1 - p) - 0.5 * math.erfc(x / math.sqrt(2))  # = Φ(x) - p
    else:
        e = 0.5 * math.erfc(-x / math.sqrt(2)) - p
    u = e * math.sqrt(2 * math.pi) * math.exp(x * x / 2)
    return x - u / (1 + x * u / 2)


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the regularised incomplete beta (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1.0 - x) / b


def _central(t: float, df: float) -> float:
    """P(0 < T < |t|), accurate both near 0 and in the tails."""
    t2 = t * t
    return 0.5 * _betainc(0.5, df / 2.0, t2 / (df + t2))


def _tail(t: float, df: float) -> float:
    """P(T > |t|)."""
    t2 = t * t
    c = 0.5 * _betainc(0.5, df / 2.0, t2 / (df + t2))
    if c < 0.25:  # near the centre, 0.5 - central has no cancellation
        return 0.5 - c
    return 0.5 * _betainc(df / 2.0, 0.5, df / (df + t2))


def t_sf(t: float, df: float) -> float:
    """Upper tail P(T > t) of Student's t with ``df`` degrees of freedom.

    >>> round(t_sf(2.228138851986, 10), 6)
    0.025
    """
    if not df > 0:
        raise CsatInputError(f"t_sf: degrees of freedom must be > 0, got {df:g}")
    t = float(t)
    if math.isinf(df):
        return 0.5 * math.erfc(t / math.sqrt(2))
    return _tail(t, df) if t > 0 else 0.5 + _central(t, df)


def _t_pdf(t: float, df: float) -> float:
    return math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
                    - (df + 1) / 2 * math.log1p(t * t / df))


def t_quantile(p: float, df: float) -> float:
    """Quantile of Student's t: the t with P(T ≤ t) = p (safeguarded Newton on the exact CDF, ~1e-12).

    ``df = inf`` gives the normal quantile.

    >>> round(t_quantile(0.975, 1), 6)   # tan(π·0.475)
    12.706205
    """
    p = float(p)
    if not 0.0 < p < 1.0:
        raise CsatInputError(f"t_quantile: p must be strictly between 0 and 1, got {p:g}")
    if not df > 0:
        raise CsatInputError(f"t_quantile: degrees of freedom must be > 0, got {df:g}")
    if math.isinf(df) or df > 1e7:
        return normal_quantile(p)
    if df >= 1e4 and 1e-9 < p < 1 - 1e-9:
        # Hill's (1970) expansion in 1/df; the next term is below 1e-13 here
        z = normal_quantile(p)
        z2 = z * z
        g1 = (z2 + 1) * z / 4
        g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
    if p < 0.5:
        return -_t_upper(p, df, central=0.5 - p)
    if p == 0.5:
        return 0.0
    return _t_upper(1 - p, df, central=p - 0.5)


def _t_upper(q: float, df: float, central: float | None = None) -> float:
    """The t > 0 with P(T > t) = q (or P(0 < T < t) = central, which is more accurate near 0)."""
    if df == 1:
        return 1.0 / math.tan(math.pi * q)
    if df == 2:
        return (1 - 2 * q) / math.sqrt(2 * q * (1 - q))
    use_central = central is not None and central < 0.25
    z = normal_quantile(1 - q) if q > 1e-300 else 38.0
    x = z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df * df)  # Cornish-Fisher
    lo, hi = 0.0, max(2 * x, 10.0)
    while _tail(hi, df) > q:
        hi *= 2
    for _ in range(200):
        f = (_central(x, df) - central) if use_central else (q - _tail(x, df))
        if f > 0:
            hi = min(hi, x)
        else:
            lo = max(lo, x)
        nxt = x - f / _t_pdf(x, df)
        if not lo < nxt < hi:
            nxt = (lo + hi) / 2
        if abs(nxt - x) <= 1e-15 * max(1e-300, abs(x)) or hi - lo <= 4e-16 * hi:
            return nxt
        x = nxt
    return x


def _z(confidence: float) -> float:
    conf = require_probability(confidence, "confidence")
    return normal_quantile(1 - (1 - conf) / 2)


# ============================================================================ validation helpers
_BLOCK = 16384  # rows per block: big enough for numpy, small enough to stay in cache


def _blocks(n: int) -> range:
    return range(0, n, _BLOCK)


def _ratings(data: Any, name: str, scale: Scale | None, *, integer: bool = False) -> pd.DataFrame:
    """Numeric respondents × items frame; values outside ``scale`` raise naming column and row."""
    if isinstance(data, (pd.Series, np.ndarray)) and np.ndim(data) == 1:
        data = as_series(data, name).to_frame(name=getattr(data, "name", None) or name)
    df = as_frame(data, name)
    if len(df) == 0:
        raise CsatInputError(f"{name}: has no rows; at least one respondent is needed")
    if all(pd.api.types.is_float_dtype(t) or pd.api.types.is_integer_dtype(t) for t in df.dtypes) and not any(
        pd.api.types.is_bool_dtype(t) for t in df.dtypes
    ):
        num = df
    else:
        num = require_numeric(df, None, name)
    values = num.to_numpy(dtype=float, na_value=np.nan)
    if not all(t == np.float64 for t in num.dtypes):
        num = pd.DataFrame(values, index=df.index, columns=df.columns)
    lo, hi = _scale(scale) if scale is not None else (-np.inf, np.inf)
    for s in _blocks(values.shape[0]):
        blk = values[s : s + _BLOCK]
        with np.errstate(invalid="ignore"):
            bad = np.isinf(blk) | (blk < lo) | (blk > hi)
            if integer:
                bad |= (blk != np.round(blk)) & ~np.isnan(blk)
        if bad.any():
            r, c = np.argwhere(bad)[0]
            v = blk[r, c]
            where = f"{name}: column {df.columns[c]!r}, row {df.index[s + r]}"
            if np.isinf(v) and scale is None:
                raise CsatInputError(f"{where} is infinite")
            rule = f"an integer code from {lo:g} to {hi:g}" if integer else f"within the scale {lo:g}-{hi:g}"
            raise CsatInputError(f"{where}: value {v:g} is not {rule}")
    return num


def _labelled(data: Any) -> bool:
    """Whether an input carries respondent row labels (a pandas object)."""
    return isinstance(data, (pd.Series, pd.DataFrame))


def _rows_like(other: Any, index: pd.Index, labelled: bool, name: str, ref: str, what: str = "value") -> np.ndarray:
    """One ``what`` (value, label, rating) of ``other`` per row of ``index`` (a 1-D array of the raw values).

    When both inputs are pandas objects (``labelled``: the reference came with row labels)
    rows are matched **by label**, so a shuffled Series pairs correctly; labels present in
    only one input raise, naming them. Otherwise rows are matched by position.
    """
    if isinstance(other, pd.DataFrame):
        if other.shape[1] != 1:
            raise CsatInputError(f"{name}: expected one column, got {other.shape[1]}")
        other = other.iloc[:, 0]
    if labelled and isinstance(other, pd.Series) and not other.index.equals(index):
        if index.has_duplicates or other.index.has_duplicates:
            which = ref if index.has_duplicates else name
            raise CsatInputError(
                f"{which}: row labels repeat, so {name} cannot be matched to {ref} by label; reset the index of both"
            )
        only_ref = index[~index.isin(other.index)]
        only_other = other.index[~other.index.isin(index)]
        if len(only_ref) or len(only_other):
            detail = label_difference(list(only_ref), list(only_other), ref, name)
            raise CsatInputError(
                f"{name} and {ref} have different respondent rows ({detail}); rows are matched by label"
            )
        other = other.reindex(index)
    raw = other.to_numpy() if isinstance(other, pd.Series) else np.asarray(other)
    if raw.ndim != 1 or raw.size != len(index):
        raise CsatInputError(f"{name}: expected one {what} per respondent ({len(index)}), got shape {raw.shape}")
    return raw


def _scale(scale: Any) -> Scale:
    try:
        lo, hi = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise CsatInputError(f"scale: expected (lowest, highest), e.g. (1, 5), got {scale!r}") from None
    if not lo < hi:
        raise CsatInputError(f"scale: lowest {lo:g} must be below highest {hi:g}")
    return lo, hi


def _code_scale(scale: Any) -> Scale:
    """A scale of integer codes, e.g. (1, 5): coded-level tables need whole-number bounds."""
    lo, hi = _scale(scale)
    if lo != round(lo) or hi != round(hi):
        raise CsatInputError(f"scale: the lowest and highest codes must be whole numbers, got {scale!r}")
    return lo, hi


def _number(value: Any, name: str) -> float:
    """``value`` as a finite float, or CsatInputError naming the argument."""
    if isinstance(value, bool):
        raise CsatInputError(f"{name}: must be a number, got {value!r}")
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise CsatInputError(f"{name}: must be a number, got {value!r}") from None
    if not math.isfinite(v):
        raise CsatInputError(f"{name}: must be finite, got {value!r}")
    return v


def _weights(weights: Any, n: int, index: pd.Index | None = None) -> np.ndarray | None:
    """Per-respondent survey weights: finite, >= 0, not all zero (any scale)."""
    if weights is None:
        return None
    if isinstance(weights, pd.Series) and index is not None and not weights.index.equals(index):
        missing = index.difference(weights.index)
        if len(missing):
            raise CsatInputError(f"weights: no weight for row {missing[0]!r}; pass one weight per respondent")
        weights = weights.reindex(index)
    w = np.asarray(weights, dtype=float).ravel()
    if w.size != n:
        raise CsatInputError(f"weights: expected one weight per respondent ({n}), got {w.size}")
    if not np.all(np.isfinite(w)):
        raise CsatInputError(f"weights: row {int(np.argmax(~np.isfinite(w)))} is missing or infinite")
    if np.any(w < 0):
        i = int(np.argmax(w < 0))
        raise CsatInputError(f"weights: row {i} is negative ({w[i]:g}); survey weights must be >= 0")
    if w.sum() <= 0:
        raise CsatInputError("weights: all weights are zero")
    return w


def _sums(values: np.ndarray, w: np.ndarray | None, codes: np.ndarray | None = None, g: int = 1) -> dict[str, np.ndarray]:
    """Blocked per-(group, column) sums skipping NaN: n, Σw, Σw², and shifted Σw·x, Σw·x²."""
    n_rows, k = values.shape
    shift = np.nan_to_num(np.nanmean(values[: min(n_rows, 1000)], axis=0)) if n_rows else np.zeros(k)
    acc = {key: np.zeros((g, k)) for key in ("n", "sw", "sw2", "sx", "sxx")}
    for s in _blocks(n_rows):
        blk = values[s : s + _BLOCK]
        m = ~np.isnan(blk)
        f = np.where(m, blk - shift, 0.0)
        mf = m.astype(float)
        wb = np.ones(blk.shape[0]) if w is None else w[s : s + _BLOCK]
        if codes is None and w is None:  # no BLAS in the hot loop: it thrashes on shared cores
            cnt = m.sum(axis=0)
            acc["n"][0] += cnt
            acc["sw"][0] += cnt
            acc["sw2"][0] += cnt
            acc["sx"][0] += f.sum(axis=0)
            acc["sxx"][0] += np.einsum("ij,ij->j", f, f)
        elif codes is None:
            acc["n"][0] += m.sum(axis=0)
            acc["sw"][0] += np.einsum("i,ij->j", wb, mf)
            acc["sw2"][0] += np.einsum("i,ij->j", wb * wb, mf)
            acc["sx"][0] += np.einsum("i,ij->j", wb, f)
            acc["sxx"][0] += np.einsum("i,ij,ij->j", wb, f, f)
        else:
            onehot = np.zeros((g, blk.shape[0]))
            onehot[codes[s : s + _BLOCK], np.arange(blk.shape[0])] = 1.0
            ow = onehot * wb
            acc["n"] += onehot @ mf
            acc["sw"] += ow @ mf
            acc["sw2"] += (ow * wb) @ mf
            acc["sx"] += ow @ f
            acc["sxx"] += ow @ (f * f)
    acc["shift"] = shift
    return acc


def _moments_from(acc: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Mean, SD (divisor n_eff − 1) and Kish n_eff from blocked sums."""
    sw, sx, sxx = acc["sw"], acc["sx"], acc["sxx"]
    with np.errstate(invalid="ignore", divide="ignore"):
        n_eff = sw * sw / acc["sw2"]
        mean_s = sx / sw
        ss = np.maximum(sxx - sx * mean_s, 0.0)
        var = ss / sw * n_eff / (n_eff - 1)
    return {"n": acc["n"], "n_eff": n_eff, "mean": mean_s + acc["shift"], "sd": np.sqrt(var)}


def _moments(values: np.ndarray, w: np.ndarray | None) -> dict[str, np.ndarray]:
    m = _moments_from(_sums(values, w))
    return {key: v[0] for key, v in m.items()}


def _level_counts(values: np.ndarray, levels: np.ndarray, w: np.ndarray | None) -> np.ndarray:
    """Blocked (weighted) counts per column × level of integer codes; NaN ignored."""
    n_rows, k = values.shape
    nl = levels.size
    lo = levels[0]
    out = np.zeros(k * (nl + 1))
    offset = np.arange(k) * (nl + 1)
    for s in _blocks(n_rows):
        blk = values[s : s + _BLOCK]
        idx = np.where(np.isnan(blk), nl, blk - lo).astype(np.intp) + offset
        if w is None:
            out += np.bincount(idx.ravel(), minlength=out.size)
        else:
            wb = np.repeat(w[s : s + _BLOCK], k)
            out += np.bincount(idx.ravel(), weights=wb, minlength=out.size)
    return out.reshape(k, nl + 1)[:, :nl]


def _need_answers(n: np.ndarray, columns: Sequence[Any], minimum: int, what: str) -> None:
    few = np.flatnonzero(n < minimum)
    if few.size:
        c = few[0]
        raise CsatInputError(f"column {columns[c]!r}: {int(n[c])} answer(s); {what} needs at least {minimum}")


def _t_crit(confidence: float, n_eff: np.ndarray) -> np.ndarray:
    """t_{1−α/2, n_eff−1} per entry (NaN where n_eff ≤ 1); one quantile per distinct df."""
    flat = np.asarray(n_eff, dtype=float).ravel()
    out = np.full(flat.shape, np.nan)
    cache: dict[float, float] = {}
    for i, v in enumerate(flat):
        if v > 1:
            if v not in cache:
                cache[v] = t_quantile(1 - (1 - confidence) / 2, v - 1)
            out[i] = cache[v]
    return out.reshape(np.shape(n_eff))


# ============================================================================ descriptive tables
def _level_quantile(cum: np.ndarray, present: np.ndarray, levels: np.ndarray) -> Any:
    """q ↦ the type 2 quantile (Hyndman & Fan 1996) of each row from its cumulative level shares."""
    eps = 1e-12
    rows = np.arange(cum.shape[0])
    # next_answered[i, j]: index of the first level after j that someone chose (last level if none)
    idx = np.where(present, np.arange(levels.size), levels.size - 1)
    next_answered = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1]
    next_answered = np.concatenate([next_answered[:, 1:], np.full((cum.shape[0], 1), levels.size - 1)], axis=1)

    def quant(q: float) -> np.ndarray:
        j = np.argmax(cum >= q - eps, axis=1)
        value = levels[j].astype(float)
        exact = np.abs(cum[rows, j] - q) <= eps
        return np.where(exact, (value + levels[next_answered[rows, j]]) / 2, value)

    return quant



def level_shares(ratings: Any, scale: Scale = (1, 5), *, weights: Any = None) -> pd.DataFrame:
    """Share of answers at each level per item (R_ij / y_ij in the source): items × levels, rows sum to 1.

    Missing answers are left out of the denominator. Needs integer codes.

    >>> level_shares(pd.DataFrame({"q": [5, 4, 4, np.nan]}), (1, 5)).loc["q"].tolist()
    [0.0, 0.0, 0.0, 0.6666666666666666, 0.3333333333333333]
    """
    lo, hi = _code_scale(scale)
    df = _ratings(ratings, "ratings", (lo, hi), integer=True)
    levels = np.arange(int(lo), int(hi) + 1)
    w = _weights(weights, len(df), df.index)
    counts = _level_counts(df.to_numpy(dtype=float), levels, w)
    total = counts.sum(axis=1, keepdims=True)
    if np.any(total == 0):
        c = int(np.argmax(total.ravel() == 0))
        raise CsatInputError(f"ratings: column {df.columns[c]!r} has no answers")
    return pd.DataFrame(counts / total, index=df.columns, columns=pd.Index(levels, name="level"))


def item_table(
    ratings: Any, scale: Scale = (1, 5), *, weights: Any = None, top: int = 1, confidence: float = 0.95
) -> pd.DataFrame:
    """Descriptive table per item: n, mean, SD, median, mode, range, IQR, level shares, top-box.

    - central tendency (集中趋势): mean, median, mode; spread (离散趋势): range (极差),
      interquartile range (四分位数差) and SD, as the source lists them;
    - ``share_<level>`` per scale level; ``top_box`` = share at the top ``top`` level(s)
      (``top=2`` gives top-2-box); ``bottom_box`` likewise at the bottom;
    - ``margin``: half-width of the t interval for the mean at ``confidence``.

    Median and quartiles follow Hyndman & Fan's (1996) type 2 definition (numpy's
    ``method="averaged_inverted_cdf"``), read from the cumulative level shares F: the q-quantile
    is the lowest level where F reaches q, and the midpoint of that level and the next answered
    one when F equals q exactly. So the median is the textbook one (the middle answer, or the
    mean of the two middle answers), the quartiles are the medians of the lower and upper
    halves for an even n, and weights work the same way. ``iqr`` = Q3 − Q1.

    >>> t = item_table(pd.DataFrame({"q": [1, 2, 4, 5, 5]}))
    >>> t.loc["q", ["n", "mean", "median", "mode", "top_box"]].tolist()
    [5.0, 3.4, 4.0, 5.0, 0.4]
    >>> item_table(pd.DataFrame({"q": [1, 2, 4, 5]})).loc["q", ["median", "iqr"]].tolist()
    [3.0, 3.0]
    """
    conf = require_probability(confidence, "confidence")
    lo, hi = _code_scale(scale)
    df = _ratings(ratings, "ratings", (lo, hi), integer=True)
    levels = np.arange(int(lo), int(hi) + 1)
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or not 1 <= top < levels.size:
        raise CsatInputError(f"top: must be a whole number of levels from 1 to {levels.size - 1}, got {top!r}")
    values = df.to_numpy(dtype=float)
    w = _weights(weights, len(df), df.index)
    m = _moments(values, w)
    _need_answers(m["n"], df.columns, 1, "a descriptive table")
    counts = _level_counts(values, levels, w)
    shares = counts / counts.sum(axis=1, keepdims=True)
    cum = np.cumsum(shares, axis=1)
    present = counts > 0
    quant = _level_quantile(cum, present, levels)
    first = levels[np.argmax(present, axis=1)]
    last = levels[levels.size - 1 - np.argmax(present[:, ::-1], axis=1)]
    out = pd.DataFrame(
        {
            "n": m["n"].astype(float),
            "mean": m["mean"],
            "sd": m["sd"],
            "median": quant(0.5),
            "mode": levels[np.argmax(counts, axis=1)].astype(float),
            "range": (last - first).astype(float),
            "iqr": quant(0.75) - quant(0.25),
        },
        index=df.columns,
    )
    if w is not None:
        out.insert(1, "n_eff", m["n_eff"])
    out["margin"] = _t_crit(conf, m["n_eff"]) * m["sd"] / np.sqrt(m["n_eff"])
    for k, level in enumerate(levels):
        out[f"share_{level}"] = shares[:, k]
    out["top_box"] = shares[:, -top:].sum(axis=1)
    out["bottom_box"] = shares[:, :top].sum(axis=1)
    return out


# ============================================================================ estimates
def mean_ci(
    ratings: Any, *, confidence: float = 0.95, weights: Any = None, scale: Scale | None = None
) -> pd.DataFrame:
    """Point and interval estimate of each item's mean: the t interval x̄ ± t_{1−α/2, n−1}·s/√n.

    With weights, n is Kish's effective sample size. Columns: n, mean, sd, se, t, margin, lower, upper.

    >>> r = mean_ci(pd.Series([4, 5, 3, 4, 4], name="q"))
    >>> r.loc["q", ["mean", "lower", "upper"]].round(3).tolist()
    [4.0, 3.122, 4.878]
    """
    conf = require_probability(confidence, "confidence")
    df = _ratings(ratings, "ratings", scale)
    w = _weights(weights, len(df), df.index)
    m = _moments(df.to_numpy(dtype=float), w)
    _need_answers(m["n"], df.columns, 2, "an interval")
    tq = _t_crit(conf, m["n_eff"])
    se = m["sd"] / np.sqrt(m["n_eff"])
    out = pd.DataFrame(
        {"n": m["n"].astype(float), "mean": m["mean"], "sd": m["sd"], "se": se, "t": tq,
         "margin": tq * se, "lower": m["mean"] - tq * se, "upper": m["mean"] + tq * se},
        index=df.columns,
    )
    if w is not None:
        out.insert(1, "n_eff", m["n_eff"])
    out.attrs["confidence"] = conf
    return out


def proportion_ci(successes: float, n: float, *, confidence: float = 0.95) -> dict[str, float]:
    """Wilson score interval for a proportion p̂ = S/C (Wilson 1927; specs/csi.md §2).

    (p̂ + z²/2C ± z·√(p̂(1−p̂)/C + z²/4C²)) / (1 + z²/C), z = Φ⁻¹(1 − α/2).

    >>> r = proportion_ci(40, 50)   # specs/csi.md: 80 % [66.96, 88.76]
    >>> [round(100 * r[k], 2) for k in ("p", "lower", "upper")]
    [80.0, 66.96, 88.76]
    """
    try:
        s, c = float(successes), float(n)
    except (TypeError, ValueError):
        raise CsatInputError(f"proportion_ci: successes and n must be numbers, got {successes!r}, {n!r}") from None
    if not c > 0:
        raise CsatInputError(f"proportion_ci: n must be > 0 (no answers to count), got {c:g}")
    if not 0 <= s <= c:
        raise CsatInputError(f"proportion_ci: successes {s:g} must lie between 0 and n = {c:g}")
    z = _z(confidence)
    p = s / c
    centre = p + z * z / (2 * c)
    half = z * math.sqrt(p * (1 - p) / c + z * z / (4 * c * c))
    den = 1 + z * z / c
    return {"p": p, "lower": (centre - half) / den, "upper": (centre + half) / den, "n": c, "successes": s}


def share_ci(
    ratings: Any, threshold: float, *, confidence: float = 0.95, weights: Any = None, scale: Scale | None = None
) -> pd.DataFrame:
    """Share of answers ≥ ``threshold`` per item (e.g. top-2-box with threshold 4) and its Wilson interval.

    With weights, the Wilson interval uses the weighted share and Kish's effective n.

    >>> float(share_ci(pd.Series([5, 4, 2, 4], name="q"), 4).loc["q", "share"])
    0.75
    """
    threshold = _number(threshold, "threshold")
    df = _ratings(ratings, "ratings", scale)
    values = df.to_numpy(dtype=float)
    w = _weights(weights, len(df), df.index)
    k = values.shape[1]
    n, hits, sw, sw2 = (np.zeros(k) for _ in range(4))
    for s in _blocks(values.shape[0]):
        blk = values[s : s + _BLOCK]
        m = ~np.isnan(blk)
        with np.errstate(invalid="ignore"):
            h = m & (blk >= threshold)
        cnt = m.sum(axis=0)
        n += cnt
        if w is None:
            hits += h.sum(axis=0)
            sw += cnt
            sw2 += cnt
        else:
            wb = w[s : s + _BLOCK]
            hits += np.einsum("i,ij->j", wb, h.astype(float))
            sw += np.einsum("i,ij->j", wb, m.astype(float))
            sw2 += np.einsum("i,ij->j", wb * wb, m.astype(float))
    _need_answers(n, df.columns, 1, "a share")
    n_eff = sw * sw / sw2
    share = hits / sw
    rows = [proportion_ci(p * ne, ne, confidence=confidence) for p, ne in zip(share, n_eff)]
    out = pd.DataFrame(
        {"n": n, "share": share, "lower": [r["lower"] for r in rows], "upper": [r["upper"] for r in rows]},
        index=df.columns,
    )
    out.attrs["threshold"] = threshold
    return out


def margin_of_error(
    n: float, *, confidence: float = 0.95, p: float | None = 0.5, sd: float | None = None,
    population: float | None = None,
) -> float:
    """Half-width e of the interval for a sample of n: z·√(p(1−p)/n) for a share, z·σ/√n for a mean.

    Pass ``sd`` for a mean (then ``p`` is ignored). With ``population`` N, the finite-population
    correction √((N − n)/(N − 1)) is applied.

    >>> round(margin_of_error(1000), 4)
    0.031
    """
    n = _number(n, "n")
    if not n >= 1:
        raise CsatInputError(f"margin_of_error: n must be at least 1, got {n:g}")
    z = _z(confidence)
    if sd is not None:
        sd = _number(sd, "sd")
        if not sd > 0:
            raise CsatInputError(f"margin_of_error: sd must be > 0, got {sd!r}")
        e = z * sd / math.sqrt(n)
    else:
        pp = require_probability(p, "p", open_interval=False)
        e = z * math.sqrt(pp * (1 - pp) / n)
    if population is not None:
        N = _number(population, "population")
        if not N >= n:
            raise CsatInputError(f"margin_of_error: population {N:g} must be at least the sample size {n:g}")
        e *= math.sqrt((N - n) / (N - 1)) if N > 1 else 0.0
    return e


def sample_size(
    margin: float, *, confidence: float = 0.95, p: float | None = 0.5, sd: float | None = None,
    population: float | None = None, ceil: bool = True,
) -> float:
    """Sample size for a margin of error e (Cochran 1977): n₀ = z²·p(1−p)/e² (share) or (z·σ/e)² (mean).

    With a population N, the finite-population correction n = n₀ / (1 + (n₀ − 1)/N)
    (the same as Krejcie & Morgan 1970). Rounded up unless ``ceil=False``.
    ``p = 0.5`` is the safe (largest) choice when the share is unknown.

    >>> sample_size(0.05)                      # Cochran: 384.1 -> 385
    385
    >>> sample_size(0.05, population=1000)     # Krejcie & Morgan (1970) table: 278
    278
    """
    e = _number(margin, "margin")
    if not e > 0:
        raise CsatInputError(f"sample_size: margin must be > 0, got {margin!r}")
    z = _z(confidence)
    if sd is not None:
        sd = _number(sd, "sd")
        if not sd > 0:
            raise CsatInputError(f"sample_size: sd must be > 0, got {sd!r}")
        n0 = (z * sd / e) ** 2
    else:
        pp = require_probability(p, "p", open_interval=False)
        if e >= 1:
            raise CsatInputError(f"sample_size: a margin for a share must be below 1 (e.g. 0.05 = 5 points), got {e:g}")
        n0 = z * z * pp * (1 - pp) / (e * e)
    if population is not None:
        N = _number(population, "population")
        if not N >= 1:
            raise CsatInputError(f"sample_size: population must be at least 1, got {population!r}")
        n0 = n0 / (1 + (n0 - 1) / N)
    if ceil:
        return int(math.ceil(n0 - 1e-9))
    return n0


# ============================================================================ covariance on complete rows
def _cov_complete(
    values: np.ndarray, w: np.ndarray | None, extra: np.ndarray | None = None, transform: Any = None
) -> dict[str, Any]:
    """Blocked weighted mean and covariance over rows complete in ``values`` (and ``extra``)."""
    n_rows = values.shape[0]
    k = values.shape[1] + (0 if extra is None else 1)
    sw = sw2 = 0.0
    n = 0
    sx = np.zeros(k)
    sxx = np.zeros((k, k))
    shift = None
    for s in _blocks(n_rows):
        blk = values[s : s + _BLOCK]
        if extra is not None:
            blk = np.column_stack([blk, extra[s : s + _BLOCK]])
        keep = ~np.isnan(blk).any(axis=1)
        blk = blk[keep]
        if blk.shape[0] == 0:
            continue
        if transform is not None:
            blk = transform(blk)
        if shift is None:
            shift = blk.mean(axis=0)
        f = blk - shift
        wb = np.ones(blk.shape[0]) if w is None else w[s : s + _BLOCK][keep]
        n += blk.shape[0]
        sw += wb.sum()
        sw2 += (wb * wb).sum()
        sx += wb @ f
        sxx += (f * wb[:, None]).T @ f
    if n == 0:
        return {"n": 0}
    mean_s = sx / sw
    n_eff = sw * sw / sw2
    ss = sxx - np.outer(sx, mean_s)  # Σw (x − x̄)(x − x̄)ᵀ
    cov = ss / sw * n_eff / (n_eff - 1) if n_eff > 1 else np.full((k, k), np.nan)
    return {"n": n, "sw": sw, "n_eff": n_eff, "mean": mean_s + shift, "ss": ss, "cov": cov}


def _alpha_from_cov(cov: np.ndarray, standardized: bool) -> float:
    k = cov.shape[0]
    if standardized:
        d = np.sqrt(np.diag(cov))
        r = cov / np.outer(d, d)
        return k / (k - 1) * (1 - k / r.sum())
    return k / (k - 1) * (1 - np.trace(cov) / cov.sum())


def _alpha_input(items: Any, weights: Any, minimum_items: int) -> tuple[pd.DataFrame, dict[str, Any]]:
    df = _ratings(items, "items", None)
    if df.shape[1] < minimum_items:
        raise CsatInputError(f"items: this needs at least {minimum_items} items, got {df.shape[1]}")
    w = _weights(weights, len(df), df.index)
    st = _cov_complete(df.to_numpy(dtype=float), w)
    if st["n"] < 3:
        raise CsatInputError(f"items: {st['n']} complete respondents; Cronbach's alpha needs at least 3")
    var = np.diag(st["cov"])
    if np.any(var <= 1e-14 * np.maximum(1.0, np.abs(st["mean"]) ** 2)):
        c = int(np.argmax(var <= 1e-14 * np.maximum(1.0, np.abs(st["mean"]) ** 2)))
        raise CsatInputError(f"items: column {df.columns[c]!r} is constant; it carries no variance for alpha")
    return df, st


def cronbach_alpha(items: Any, *, weights: Any = None, standardized: bool = False) -> float:
    """Cronbach's (1951) alpha: α = k/(k−1)·(1 − Σ s²_j / s²_total), on complete respondents.

    ``standardized=True`` gives the alpha of the standardised items, k/(k−1)·(1 − k/ΣΣR)
    (what R plspm and seminr report). Rules of thumb: ≥ 0.7 acceptable, ≥ 0.8 good.

    >>> x = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 5], "c": [1, 3, 3, 4, 4]})
    >>> round(cronbach_alpha(x), 4)
    0.9538
    """
    _, st = _alpha_input(items, weights, 2)
    return float(_alpha_from_cov(st["cov"], standardized))


def alpha_if_deleted(items: Any, *, weights: Any = None, standardized: bool = False) -> pd.DataFrame:
    """Per item: corrected item-total (item-rest) correlation and alpha if the item is deleted.

    An item whose deletion raises alpha, or whose item-rest correlation is low (< 0.3),
    measures something else. ``attrs``: ``alpha`` of all items and ``n_used``.
    """
    df, st = _alpha_input(items, weights, 3)
    cov = st["cov"]
    k = cov.shape[0]
    rows = []
    for j in range(k):
        keep = [i for i in range(k) if i != j]
        sub = cov[np.ix_(keep, keep)]
        r = cov[j, keep].sum() / math.sqrt(cov[j, j] * sub.sum())
        rows.append((r, _alpha_from_cov(sub, standardized)))
    out = pd.DataFrame(rows, index=df.columns, columns=["item_rest_corr", "alpha_if_deleted"])
    out.attrs["alpha"] = float(_alpha_from_cov(cov, standardized))
    out.attrs["n_used"] = int(st["n"])
    return out


# ============================================================================ stratified analysis
def by_segment(
    ratings: Any, segment: Any, *, confidence: float = 0.95, weights: Any = None, scale: Scale | None = None
) -> pd.DataFrame:
    """Stratified summary (分层分析): mean, SD, n and t interval per segment × item.

    ``segment`` is one label per respondent (e.g. sales region, customer type, years of use);
    a Series is matched to the ratings' rows by index label. Returns a long table indexed by
    (segment, item); missing segment labels raise.

    >>> d = pd.DataFrame({"q": [1, 2, 4, 5]})
    >>> by_segment(d, ["a", "a", "b", "b"])["mean"].tolist()
    [1.5, 4.5]
    """
    conf = require_probability(confidence, "confidence")
    df = _ratings(ratings, "ratings", scale)
    seg = _rows_like(segment, df.index, _labelled(ratings), "segment", "ratings", "label")
    seg_s = pd.Series(seg)
    if seg_s.isna().any():
        raise CsatInputError(f"segment: row {df.index[int(seg_s.isna().to_numpy().argmax())]} has no segment label")
    codes, labels = pd.factorize(seg_s, sort=True)
    w = _weights(weights, len(df), df.index)
    m = _moments_from(_sums(df.to_numpy(dtype=float), w, codes, len(labels)))
    se = m["sd"] / np.sqrt(m["n_eff"])
    tq = _t_crit(conf, m["n_eff"])
    idx = pd.MultiIndex.from_product([list(labels), list(df.columns)], names=["segment", "item"])
    out = pd.DataFrame(
        {"n": m["n"].ravel(), "mean": m["mean"].ravel(), "sd": m["sd"].ravel(), "se": se.ravel(),
         "lower": (m["mean"] - tq * se).ravel(), "upper": (m["mean"] + tq * se).ravel()},
        index=idx,
    )
    if w is not None:
        out.insert(1, "n_eff", m["n_eff"].ravel())
    return out


# ============================================================================ regression and correlation
def regress(items: Any, overall: Any, *, weights: Any = None, confidence: float = 0.95) -> pd.DataFrame:
    """Least-squares regression (最小二乘法) of overall satisfaction on the items, listwise.

    y = b₀ + Σ b_j x_j + e, b = (XᵀWX)⁻¹XᵀWy. Returns coef, se, t, p, lower, upper per term
    (first row ``intercept``) and ``std_coef`` = b_j·s_j/s_y. ``attrs``: r2, adj_r2, n_used,
    residual_sd. With weights (WLS) the weights are rescaled to sum to n, so equal weights
    give OLS exactly. A Series ``overall`` is matched to the rows of a DataFrame ``items`` by
    index label (different labels raise).

    >>> x = pd.DataFrame({"a": [1, 2, 3, 4, 5.0]})
    >>> float(regress(x, [2, 4, 6, 8, 10.5]).loc["a", "coef"])
    2.1
    """
    conf = require_probability(confidence, "confidence")
    X_df = _ratings(items, "items", None)
    y_raw = _rows_like(overall, X_df.index, _labelled(items), "overall", "items", "rating")
    y = _ratings(pd.Series(y_raw, index=X_df.index, name="overall"), "overall", None).to_numpy(dtype=float).ravel()
    w = _weights(weights, len(X_df), X_df.index)
    st = _cov_complete(X_df.to_numpy(dtype=float), w, extra=y)
    n, k = st["n"], X_df.shape[1]
    if n < k + 2:
        raise CsatInputError(f"regress: {n} complete respondents for {k} items; at least {k + 2} are needed")
    scale_w = n / st["sw"]  # rescale weights to sum to n
    ss = st["ss"] * scale_w
    sxx, sxy, syy = ss[:k, :k], ss[:k, k], ss[k, k]
    d = np.sqrt(np.diag(sxx))
    const = d <= 1e-12 * np.maximum(1.0, np.abs(st["mean"][:k]))
    if const.any():
        raise CsatInputError(
            f"items: column {X_df.columns[int(np.argmax(const))]!r} is constant among complete respondents; drop it"
        )
    if syy <= 0:
        raise CsatInputError("overall: constant among complete respondents; nothing to explain")
    corr = sxx / np.outer(d, d)
    if np.linalg.cond(corr) > 1e12:
        raise CsatInputError("items: the design is singular (an item is a combination of others); drop one")
    inv = np.linalg.inv(sxx)
    b = inv @ sxy
    xbar, ybar = st["mean"][:k], st["mean"][k]
    b0 = ybar - b @ xbar
    dof = n - k - 1
    sse = max(syy - b @ sxy, 0.0)
    s2 = sse / dof
    se_b = np.sqrt(np.diag(inv) * s2)
    se_0 = math.sqrt(s2 * (1 / n + xbar @ inv @ xbar))
    coef = np.concatenate([[b0], b])
    se = np.concatenate([[se_0], se_b])
    with np.errstate(divide="ignore", invalid="ignore"):
        tvals = coef / se
    tq = t_quantile(1 - (1 - conf) / 2, dof)
    pvals = np.array([min(1.0, 2 * t_sf(abs(t), dof)) if np.isfinite(t) else 0.0 for t in tvals])
    r2 = 1 - sse / syy
    std = np.concatenate([[np.nan], b * d / math.sqrt(syy)])
    out = pd.DataFrame(
        {"coef": coef, "se": se, "t": tvals, "p": pvals, "lower": coef - tq * se, "upper": coef + tq * se,
         "std_coef": std},
        index=pd.Index(["intercept", *X_df.columns], name="term"),
    )
    out.attrs.update({"r2": r2, "adj_r2": 1 - (1 - r2) * (n - 1) / dof, "n_used": int(n),
                      "residual_sd": math.sqrt(s2)})
    return out


def _rank_lut(values: np.ndarray) -> Any:
    """A transform giving average ranks of integer-coded columns (fast path for Spearman)."""
    k = values.shape[1]
    lo, hi = np.full(k, np.inf), np.full(k, -np.inf)
    for s in _blocks(values.shape[0]):
        blk = values[s : s + _BLOCK]
        blk = blk[~np.isnan(blk).any(axis=1)]
        if blk.shape[0]:
            lo, hi = np.minimum(lo, blk.min(axis=0)), np.maximum(hi, blk.max(axis=0))
    lo = np.where(np.isfinite(lo), lo, 0.0)
    span = int(np.max(np.where(np.isfinite(hi), hi - lo, 0.0))) + 1
    counts = np.zeros((k, span))
    offset = np.arange(k) * span
    for s in _blocks(values.shape[0]):
        blk = values[s : s + _BLOCK]
        blk = blk[~np.isnan(blk).any(axis=1)]
        idx = (blk - lo).astype(np.intp) + offset
        counts += np.bincount(idx.ravel(), minlength=k * span).reshape(k, span)
    below = np.cumsum(counts, axis=1) - counts
    lut = below + (counts + 1) / 2
    cols = np.arange(k)

    def transform(blk: np.ndarray) -> np.ndarray:
        return lut[cols, (blk - lo).astype(np.intp)]

    return transform


#: pairwise Spearman counts level pairs for integer codes with at most this many levels (0–10 scales)
_PAIRWISE_CODE_LEVELS = 11


def _pairwise_pearson(values: np.ndarray, columns: pd.Index) -> pd.DataFrame:
    """Pearson r of every pair of columns over the rows where both are answered, from masked products.

    With mask M and shifted values F (0 where missing), per pair (i, j): n = MᵀM,
    Σx = FᵀM, Σx² = (F∘F)ᵀM and Σxy = FᵀF, so
    r = (Σxy − ΣxΣy/n) / √((Σx² − (Σx)²/n)(Σy² − (Σy)²/n)), accumulated over row blocks.
    """
    n_rows, k = values.shape
    head = values[:1000]
    answered = (~np.isnan(head)).sum(axis=0)
    shift = np.nansum(head, axis=0) / np.maximum(answered, 1)  # a rough centre keeps the sums well conditioned
    sxy, sx, sxx, n = (np.zeros((k, k)) for _ in range(4))  # [i, j]: sums over the rows where i and j are answered
    for s in _blocks(n_rows):
        blk = values[s : s + _BLOCK]
        m = ~np.isnan(blk)
        f = np.where(m, blk - shift, 0.0)
        mf = m.astype(float)
        sxy += f.T @ f
        sx += f.T @ mf
        sxx += (f * f).T @ mf
        n += mf.T @ mf
    _check_pair_counts(n, columns)
    var = np.maximum(sxx - sx * sx / n, 0.0)  # var[i, j]: spread of column i over the rows shared with j
    return _pairwise_result(sxy - sx * sx.T / n, var, var <= 1e-12 * np.maximum(1.0, sxx), n, columns)


def _check_pair_counts(n: np.ndarray, columns: pd.Index) -> None:
    few = n < 3
    if few.any():
        i, j = np.argwhere(few)[0]
        raise CsatInputError(
            f"data: columns {columns[i]!r} and {columns[j]!r} are both answered in {int(n[i, j])} row(s); "
            "a correlation needs at least 3"
        )


def _pairwise_result(cov: np.ndarray, var: np.ndarray, flat: np.ndarray, n: np.ndarray, columns: pd.Index
                     ) -> pd.DataFrame:
    """r = cov/√(var·varᵀ) per pair; ``flat[i, j]``: column i is constant on the rows it shares with j."""
    if flat.any():
        i, j = np.argwhere(flat)[0]
        where = "" if i == j else f" in the rows where {columns[j]!r} is also answered"
        raise CsatInputError(f"data: column {columns[i]!r} is constant{where}; no correlation")
    corr = np.clip(cov / np.sqrt(var * var.T), -1, 1)
    np.fill_diagonal(corr, 1.0)
    out = pd.DataFrame(corr, index=columns, columns=columns)
    out.attrs["n_used"] = int(n.min())
    return out


def _pairwise_spearman_codes(values: np.ndarray, columns: pd.Index, lo: float, n_levels: int) -> pd.DataFrame:
    """Spearman r of every pair over its common rows, for integer codes lo … lo + n_levels − 1.

    Ranks within a pair depend only on the pair's joint level counts C_ij[a, b] (one-hot
    products OᵀO, exact in float32 per block): the level a of column i gets the average rank
    R_i(a) = Σ_{a'<a} c_i(a') + (c_i(a) + 1)/2 from its marginal counts c_i, and r is the
    count-weighted Pearson correlation of (R_i(a), R_j(b)) about the mean rank (n + 1)/2.
    """
    n_rows, k = values.shape
    L = n_levels
    levels = (lo + np.arange(L)).astype(np.float32)
    joint = np.zeros((k * L, k * L))
    for s in _blocks(n_rows):
        blk = values[s : s + _BLOCK].astype(np.float32)
        onehot = (blk[:, :, None] == levels).reshape(blk.shape[0], k * L).astype(np.float32)
        joint += onehot.T @ onehot
    C = joint.reshape(k, L, k, L).transpose(0, 2, 1, 3)  # C[i, j, a, b]
    ci = C.sum(axis=3)  # ci[i, j, a]: level counts of column i on the rows shared with j
    n = ci.sum(axis=2)
    _check_pair_counts(n, columns)
    dev_i = np.cumsum(ci, axis=2) - ci / 2 + 0.5 - ((n + 1) / 2)[:, :, None]  # R_i(a) − mean rank
    dev_j = dev_i.transpose(1, 0, 2)  # dev_j[i, j, b] = R_j(b) − mean rank on the same rows
    cov = np.einsum("ijab,ija,ijb->ij", C, dev_i, dev_j)
    var = np.einsum("ija,ija->ij", ci, dev_i * dev_i)
    return _pairwise_result(cov, var, var <= 1e-9 * n * n, n, columns)


def correlation_table(
    data: Any, *, method: str = "pearson", weights: Any = None, missing: str = "listwise"
) -> pd.DataFrame:
    """Correlation matrix (相关分析): Pearson or Spearman (Pearson on average ranks).

    ``missing="listwise"`` (default) keeps complete respondents (``attrs["n_used"]``);
    ``"pairwise"`` uses every pair's complete rows (unweighted only; ``attrs["n_used"]`` is the
    smallest pair count), the same as pandas' ``DataFrame.corr``. Pairwise Pearson is computed
    from masked matrix products; pairwise Spearman of integer codes with up to 11 levels from the
    joint level counts of each pair (other data: pandas, ranking each pair's rows separately,
    much slower). Constant columns raise. Spearman is unweighted.

    >>> correlation_table(pd.DataFrame({"a": [1, 2, 3], "b": [1, 3, 2]})).loc["a", "b"]
    np.float64(0.5)
    """
    if method not in ("pearson", "spearman"):
        raise CsatInputError(f"method: {method!r} is not allowed (allowed: 'pearson', 'spearman')")
    if missing not in ("listwise", "pairwise"):
        raise CsatInputError(f"missing: {missing!r} is not allowed (allowed: 'listwise', 'pairwise')")
    df = _ratings(data, "data", None)
    if weights is not None and (missing == "pairwise" or method == "spearman"):
        raise CsatInputError("correlation_table: weights need method='pearson' and missing='listwise'")
    values = df.to_numpy(dtype=float)
    if missing == "pairwise" and method == "pearson":
        return _pairwise_pearson(values, df.columns)
    w = _weights(weights, len(df), df.index)
    transform = None
    if method == "spearman":
        integer, lo, hi = True, np.inf, -np.inf
        for s in _blocks(values.shape[0]):
            blk = values[s : s + _BLOCK]
            fin = blk[~np.isnan(blk)]
            if fin.size:
                integer &= bool(np.all(fin == np.round(fin)))
                lo, hi = min(lo, fin.min()), max(hi, fin.max())
        if missing == "pairwise":
            if integer and hi - lo < _PAIRWISE_CODE_LEVELS:
                return _pairwise_spearman_codes(values, df.columns, lo, int(hi - lo) + 1)
            sd = df.std()
            if (sd == 0).any():
                raise CsatInputError(f"data: column {sd.index[(sd == 0).to_numpy().argmax()]!r} is constant")
            return df.corr(method=method)
        if integer and hi - lo <= 10000:
            transform = _rank_lut(values)
        else:
            keep = ~np.isnan(values).any(axis=1)
            values = pd.DataFrame(values[keep]).rank(method="average").to_numpy()
    st = _cov_complete(values, w, transform=transform)
    if st["n"] < 3:
        raise CsatInputError(f"data: {st['n']} complete respondents; a correlation needs at least 3")
    cov = st["cov"]
    d = np.sqrt(np.diag(cov))
    if np.any(d <= 1e-12 * np.maximum(1.0, np.abs(st["mean"]))):
        c = int(np.argmax(d <= 1e-12 * np.maximum(1.0, np.abs(st["mean"]))))
        raise CsatInputError(f"data: column {df.columns[c]!r} is constant; no correlation")
    corr = np.clip(cov / np.outer(d, d), -1, 1)
    np.fill_diagonal(corr, 1.0)
    out = pd.DataFrame(corr, index=df.columns, columns=df.columns)
    out.attrs["n_used"] = int(st["n"])
    return out


# ============================================================================ the source's formulas
def _shares_matrix(shares: Any, name: str, n_levels: int | None = None) -> pd.DataFrame:
    df = as_frame(shares, name)
    num = require_numeric(df, None, name)
    v = num.to_numpy(dtype=float)
    if np.isnan(v).any():
        r, c = np.argwhere(np.isnan(v))[0]
        raise CsatInputError(f"{name}: row {num.index[r]!r}, level {num.columns[c]!r} is missing")
    if (v < 0).any():
        r, c = np.argwhere(v < 0)[0]
        raise CsatInputError(f"{name}: row {num.index[r]!r}, level {num.columns[c]!r} is negative")
    sums = v.sum(axis=1)
    bad = np.abs(sums - 1) > 1e-6
    if bad.any():
        r = int(np.argmax(bad))
        raise CsatInputError(
            f"{name}: shares of {num.index[r]!r} sum to {sums[r]:.6g}, not 1; divide the counts by the number answering"
        )
    if n_levels is not None and v.shape[1] != n_levels:
        raise CsatInputError(f"{name}: {v.shape[1]} levels but {n_levels} scores")
    return num


def _scores(scores: Any, shares: pd.DataFrame, name: str) -> np.ndarray:
    if scores is None:
        try:
            return np.array([float(c) for c in shares.columns])
        except (TypeError, ValueError):
            raise CsatInputError(f"{name}: the level columns are not numbers; pass the score of each level") from None
    s = np.asarray(scores, dtype=float).ravel()
    if s.size != shares.shape[1]:
        raise CsatInputError(f"{name}: {s.size} scores for {shares.shape[1]} levels")
    return s


def importance_from_shares(shares: Any, scores: Any = None) -> pd.Series:
    """Importance of each indicator from rating shares (source formula ⑴): I_i = Σ_j K_j·R_ij.

    ``shares``: indicators × importance levels (R_ij, each row sums to 1);
    ``scores``: K_j per level (default: the level labels, e.g. 1–5). Equals the mean rating.

    >>> r = pd.DataFrame([[0.1, 0.2, 0.7]], index=["x"], columns=[1, 2, 3])
    >>> round(float(importance_from_shares(r)["x"]), 6)
    2.6
    """
    sh = _shares_matrix(shares, "shares")
    k = _scores(scores, sh, "scores")
    return pd.Series(sh.to_numpy() @ k, index=sh.index, name="importance")


def satisfaction_from_shares(shares: Any, scores: Any = None) -> pd.Series:
    """Satisfaction with each indicator from rating shares (source formula ⑵): P_i = Σ_j x_j·y_ij."""
    sh = _shares_matrix(shares, "shares")
    x = _scores(scores, sh, "scores")
    return pd.Series(sh.to_numpy() @ x, index=sh.index, name="satisfaction")


def overall_index(importance: Any, satisfaction: Any, top_score: float) -> float:
    """Overall customer satisfaction (source formula ⑶): CS = Σ I_i·P_i / (x_k·Σ I_i).

    The importance-weighted mean satisfaction divided by the top score x_k, so 1 (100 %)
    means every customer chose the top level on every indicator. The seed names x_k but its
    formula image is lost; this reconstruction is the course's (not verified against the
    primary source).

    >>> overall_index([4, 2], [4.5, 3.0], 5)
    0.8
    """
    imp = as_series(importance, "importance")
    sat = as_series(satisfaction, "satisfaction")
    if len(imp) != len(sat):
        raise CsatInputError(f"importance has {len(imp)} indicators but satisfaction has {len(sat)}")
    if isinstance(importance, (pd.Series, Mapping)) and isinstance(satisfaction, (pd.Series, Mapping)):
        only_i = [x for x in imp.index if x not in sat.index]
        only_s = [x for x in sat.index if x not in imp.index]
        if only_i or only_s:
            raise CsatInputError(
                f"importance and satisfaction name different indicators (only in importance: "
                f"{describe_values(only_i) or '-'}; only in satisfaction: {describe_values(only_s) or '-'})"
            )
        sat = sat.reindex(imp.index)
    i = as_float_array(imp, "importance")
    p = as_float_array(sat, "satisfaction")
    for name, v, s in (("importance", i, imp), ("satisfaction", p, sat)):
        if np.isnan(v).any():
            raise CsatInputError(f"{name}: indicator {s.index[int(np.argmax(np.isnan(v)))]!r} is missing")
        if (v < 0).any():
            raise CsatInputError(f"{name}: indicator {s.index[int(np.argmax(v < 0))]!r} is negative")
    top = _number(top_score, "top_score")
    if not top > 0:
        raise CsatInputError(f"top_score: must be > 0 (the score of the highest level), got {top_score!r}")
    if (p > top + 1e-9).any():
        j = int(np.argmax(p > top + 1e-9))
        raise CsatInputError(f"satisfaction: indicator {sat.index[j]!r} = {p[j]:g} exceeds the top score {top:g}")
    if i.sum() <= 0:
        raise CsatInputError("importance: all zero; the weights need a positive sum")
    return float(i @ p / (top * i.sum()))
