"""Validation helpers shared by every module.

Each function checks one thing at the boundary of a public function and
raises :class:`CsatInputError` with a message that names the column, row or
value at fault and what is allowed. They return the cleaned value so callers
can write ``x = as_frame(x, "ratings")``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import CsatInputError

__all__ = [
    "as_frame",
    "as_series",
    "as_float_array",
    "require_columns",
    "require_numeric",
    "require_in_scale",
    "require_finite",
    "require_whole",
    "require_codes",
    "require_weights",
    "require_nonempty",
    "require_same_labels",
    "label_difference",
    "require_positive_int",
    "require_probability",
    "describe_values",
    "is_number",
]


def is_number(x: Any) -> bool:
    """A real number, not bool: a Python or numpy int/float that is not True/False (NaN and inf included).

    >>> is_number(3), is_number(2.5), is_number(np.int64(1)), is_number(True), is_number("3")
    (True, True, True, False, False)
    """
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))


def describe_values(values: Iterable[Any], limit: int = 5) -> str:
    """Short, deterministic text for a few offending values (for messages).

    >>> describe_values([7, 0, 7, 9])
    '7, 0, 9'
    """
    seen: dict[str, None] = {}  # insertion-ordered set: linear in the number of values
    for v in values:
        text = repr(v) if isinstance(v, str) else f"{v:g}" if isinstance(v, (float, np.floating)) else str(v)
        seen.setdefault(text)
    texts = list(seen)
    shown = ", ".join(texts[:limit])
    return shown + (f" (and {len(texts) - limit} more)" if len(texts) > limit else "")


def as_frame(data: Any, name: str = "data") -> pd.DataFrame:
    """Return ``data`` as a DataFrame (a copy is not made), or raise.

    >>> as_frame({"a": [1, 2]}).shape
    (2, 1)
    """
    if isinstance(data, pd.DataFrame):
        df = data
    elif isinstance(data, pd.Series):
        df = data.to_frame()
    elif isinstance(data, (Mapping, np.ndarray, list, tuple)):
        try:
            df = pd.DataFrame(data)
        except (ValueError, TypeError) as exc:
            raise CsatInputError(f"{name}: cannot be read as a table ({exc})") from None
    else:
        raise CsatInputError(
            f"{name}: expected a DataFrame, a 2-D array or a dict of columns, got {type(data).__name__}"
        )
    if df.shape[1] == 0:
        raise CsatInputError(f"{name}: has no columns")
    return df


def as_series(data: Any, name: str = "values") -> pd.Series:
    """Return a 1-D input as a Series (labels kept), or raise.

    >>> as_series([1, 2, 3]).tolist()
    [1, 2, 3]
    """
    if isinstance(data, pd.Series):
        return data
    if isinstance(data, pd.DataFrame):
        if data.shape[1] != 1:
            raise CsatInputError(f"{name}: expected one column, got {data.shape[1]} ({list(data.columns)})")
        return data.iloc[:, 0]
    if isinstance(data, Mapping):
        return pd.Series(dict(data))
    arr = np.asarray(data)
    if arr.ndim != 1:
        raise CsatInputError(f"{name}: expected a 1-D sequence, got shape {arr.shape}")
    return pd.Series(arr)


def as_float_array(data: Any, name: str = "values", *, ndim: int | None = None) -> np.ndarray:
    """Convert to a float array, naming the first non-numeric value on failure.

    >>> as_float_array(["1", 2.5]).tolist()
    [1.0, 2.5]
    >>> as_float_array(["1", "x"], "weights")
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: weights: 'x' (position 1) is not a number
    """
    raw = data.to_numpy() if isinstance(data, (pd.Series, pd.DataFrame)) else data
    try:
        arr = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        flat = np.asarray(raw, dtype=object).ravel()
        for i, v in enumerate(flat):
            try:
                float(v)
            except (TypeError, ValueError):
                raise CsatInputError(f"{name}: {v!r} (position {i}) is not a number") from None
        raise CsatInputError(f"{name}: cannot be read as numbers") from None
    if ndim is not None and arr.ndim != ndim:
        raise CsatInputError(f"{name}: expected {ndim}-D input, got shape {arr.shape}")
    return arr


def require_nonempty(df: pd.DataFrame | pd.Series, name: str = "data") -> None:
    """Raise when there are no rows."""
    if len(df) == 0:
        raise CsatInputError(f"{name}: has no rows; at least one respondent is needed")


def require_columns(df: pd.DataFrame, columns: Iterable[str], name: str = "data") -> None:
    """Raise naming every required column that ``df`` lacks.

    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "survey")
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: survey: missing column 'b' (has: 'a')
    """
    missing = [c for c in columns if c not in df.columns]
    if missing:
        have = describe_values([str(c) for c in df.columns], limit=8)
        plural = "s" if len(missing) > 1 else ""
        raise CsatInputError(f"{name}: missing column{plural} {describe_values(missing, 8)} (has: {have})")


def require_numeric(df: pd.DataFrame, columns: Iterable[str] | None = None, name: str = "data") -> pd.DataFrame:
    """Return the columns as floats; raise naming the column, row and value that is not a number."""
    cols = list(df.columns if columns is None else columns)
    if cols and len(set(cols)) == len(cols):
        sub = df[cols]
        if sub.shape[1] == len(cols) and all(isinstance(t, np.dtype) and t.kind in "iuf" for t in sub.dtypes):
            # plain int/float columns: one conversion of the block instead of one Series per column
            return pd.DataFrame(np.asfortranarray(sub.to_numpy(dtype=float)), index=df.index, columns=cols)
    out = {}
    for c in cols:
        col = df[c]
        if pd.api.types.is_bool_dtype(col):
            raise CsatInputError(f"{name}: column {c!r} holds true/false values; numbers are expected")
        if pd.api.types.is_numeric_dtype(col):
            out[c] = col.astype(float)
            continue
        conv = pd.to_numeric(col, errors="coerce")
        bad = conv.isna() & col.notna() & (col.astype(str).str.strip() != "")
        if bad.any():
            row = bad.idxmax()
            raise CsatInputError(
                f"{name}: column {c!r}, row {row}: {col[row]!r} is not a number (ratings must be numeric codes)"
            )
        out[c] = conv.astype(float)
    return pd.DataFrame(out, index=df.index)


def _first_bad(df: pd.DataFrame, values: np.ndarray, bad: np.ndarray, name: str) -> tuple[str, float]:
    """'name: column 'c', row r' and the value of the first flagged cell."""
    r, c = np.argwhere(bad)[0]
    return f"{name}: column {df.columns[c]!r}, row {df.index[r]}", float(values[r, c])


def require_finite(df: pd.DataFrame, name: str = "data") -> None:
    """Raise naming the first column, row and infinite value (missing values pass).

    >>> require_finite(pd.DataFrame({"q1": [1, np.inf]}), "ratings")
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: ratings: column 'q1', row 1: value inf is not a finite number; ratings must be finite codes
    """
    values = df.to_numpy(dtype=float)
    bad = np.isinf(values)
    if bad.any():
        where, v = _first_bad(df, values, bad, name)
        raise CsatInputError(f"{where}: value {v:g} is not a finite number; ratings must be finite codes")


def require_whole(df: pd.DataFrame, name: str = "data", scale: tuple[float, float] | None = None) -> None:
    """Raise naming the first column, row and value that is not a whole number (missing values pass).

    >>> require_whole(pd.DataFrame({"q1": [1, 2.5]}), "ratings", (1, 5))
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: ratings: column 'q1', row 1: value 2.5 is not a whole number (must be an integer code within 1-5)
    """
    values = df.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(values) & (values != np.round(values))
    if bad.any():
        where, v = _first_bad(df, values, bad, name)
        rule = "an integer code" + ("" if scale is None else f" within {scale[0]:g}-{scale[1]:g}")
        raise CsatInputError(f"{where}: value {v:g} is not a whole number (must be {rule})")


def require_in_scale(
    df: pd.DataFrame, scale: tuple[float, float], name: str = "data", *, integer: bool = False
) -> None:
    """Raise naming the first column, row and value outside ``scale`` (missing values pass);
    with ``integer=True`` also the first value that is not a whole number.

    >>> require_in_scale(pd.DataFrame({"q1": [1, 7]}), (1, 5), "ratings")
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: ratings: column 'q1', row 1: value 7 is outside the scale 1-5
    """
    lo, hi = scale
    if not lo < hi:
        raise CsatInputError(f"scale: lower end {lo} must be below upper end {hi}")
    values = df.to_numpy(dtype=float)
    bad = ~np.isnan(values) & ((values < lo) | (values > hi))
    if bad.any():
        where, v = _first_bad(df, values, bad, name)
        rule = f" (must be an integer code within {lo:g}-{hi:g})" if integer else ""
        raise CsatInputError(f"{where}: value {v:g} is outside the scale {lo:g}-{hi:g}{rule}")
    if integer:
        require_whole(df, name, (lo, hi))


def require_codes(values: pd.Series, allowed: Sequence[Any], name: str) -> None:
    """Raise naming the first value of ``values`` (missing passes) not in ``allowed``."""
    ok = values.isna() | values.isin(list(allowed))
    if not ok.all():
        row = (~ok).idxmax()
        raise CsatInputError(
            f"{name}, row {row}: {values[row]!r} is not an allowed answer (allowed: {describe_values(allowed, 12)})"
        )


def require_weights(
    weights: Any, name: str = "weights", *, n: int | None = None, atol: float = 1e-6
) -> np.ndarray:
    """Check that weights are finite, non-negative and sum to 1; never renormalise silently.

    >>> require_weights([0.5, 0.6])
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: weights: sum to 1.1, not 1 (off by +0.1); normalise them first, e.g. w / w.sum()
    """
    w = as_float_array(weights, name, ndim=1)
    if n is not None and w.size != n:
        raise CsatInputError(f"{name}: expected {n} weights, got {w.size}")
    if not np.all(np.isfinite(w)):
        raise CsatInputError(f"{name}: position {int(np.argmax(~np.isfinite(w)))} is missing or infinite")
    if np.any(w < 0):
        i = int(np.argmax(w < 0))
        raise CsatInputError(f"{name}: position {i} is negative ({w[i]:g}); weights must be >= 0")
    total = float(w.sum())
    if abs(total - 1) > atol:
        raise CsatInputError(
            f"{name}: sum to {total:.6g}, not 1 (off by {total - 1:+.6g}); normalise them first, e.g. w / w.sum()"
        )
    return w


def label_difference(a: Sequence[Any], b: Sequence[Any], name_a: str, name_b: str) -> str:
    """Which labels stand in one sequence but not the other ('' when both hold the same set).

    >>> label_difference(["price", "repair"], ["repair", "design"], "importance", "performance")
    "only in importance: 'price'; only in performance: 'design'"
    """
    set_a, set_b = set(a), set(b)
    only_a = [x for x in a if x not in set_b]
    only_b = [x for x in b if x not in set_a]
    parts = [f"only in {name}: {describe_values(only)}" for name, only in ((name_a, only_a), (name_b, only_b)) if only]
    return "; ".join(parts)


def require_same_labels(a: Sequence[Any], b: Sequence[Any], name_a: str, name_b: str) -> None:
    """Raise naming the labels that appear in one input but not the other."""
    detail = label_difference(list(a), list(b), name_a, name_b)
    if detail:
        raise CsatInputError(f"{name_a} and {name_b} do not line up ({detail})")


def require_positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an int >= ``minimum`` or raise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise CsatInputError(f"{name}: must be a whole number >= {minimum}, got {value!r}")
    return int(value)


def require_probability(value: Any, name: str, *, open_interval: bool = True) -> float:
    """Return ``value`` as a float in (0, 1) (or [0, 1]) or raise."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise CsatInputError(f"{name}: must be a number between 0 and 1, got {value!r}") from None
    ok = 0 < v < 1 if open_interval else 0 <= v <= 1
    if not ok:
        bounds = "strictly between 0 and 1" if open_interval else "between 0 and 1"
        raise CsatInputError(f"{name}: must be {bounds}, got {v:g}")
    return v
