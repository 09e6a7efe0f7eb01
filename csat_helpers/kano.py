"""The Kano model (KANO模型): classification, aggregation, Better/Worse, Fong, continuous analysis.

Implements ``specs/kano.md``. Each attribute is asked as a pair of questions,
*functional* (正向问题, "if the product has X") and *dysfunctional* (反向问题,
"if it does not have X"), both answered on the same five options coded

    1 like (我喜欢) · 2 must-be (理应如此) · 3 neutral (无所谓) · 4 live-with (能忍受) · 5 dislike (我不喜欢)

A pair is classified with the evaluation table of Berger et al. (1993) and
Matzler & Hinterhuber (1998) (rows = functional, columns = dysfunctional)::

    F \\ D    like  must-be  neutral  live-with  dislike
    like       Q       A        A         A         O
    must-be    R       I        I         I         M
    neutral    R       I        I         I         M
    live-with  R       I        I         I         M
    dislike    R       R        R         R         Q

Per attribute the counts give the mode, the M > O > A > I category with a tie
band, Better = (A+O)/(A+O+M+I) and Worse = -(O+M)/(A+O+M+I) (Timko, in Berger
et al. 1993), category and total strength, and Fong's (1996) test.

>>> classify(1, 3)
'A'
>>> classify("dislike", "like")
'R'
>>> r = summarize_counts({"A": 1, "O": 10, "M": 9, "I": 2, "R": 3, "Q": 0})
>>> r.loc[0, ["category_mode", "category"]].tolist()
['O', 'M']
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from .errors import CsatInputError
from .validation import describe_values, is_number, label_difference

__all__ = [
    "ANSWERS",
    "CATEGORIES",
    "EVALUATION_TABLE",
    "DUMOUCHEL_SCALE",
    "PRIORITY",
    "KanoWarning",
    "classify",
    "tabulate",
    "summarize_counts",
    "evaluate",
    "better_worse",
    "fong_test",
    "bw_quadrant",
    "continuous_scores",
    "continuous_mean_from_shares",
    "plot_better_worse",
    "plot_category_shares",
    "plot_continuous",
]

# ----------------------------------------------------------------------------- constants
#: the five answer options, by code (Berger et al. 1993 wording, common variants, 中文)
ANSWERS: dict[int, dict[str, Any]] = {
    1: {"key": "like", "en": "I like it that way", "variants": ("I like it",), "zh": "我喜欢"},
    2: {"key": "must-be", "en": "It must be that way", "variants": ("I expect it",), "zh": "理应如此"},
    3: {"key": "neutral", "en": "I am neutral", "variants": ("I don't care",), "zh": "无所谓"},
    4: {"key": "live-with", "en": "I can live with it that way", "variants": ("I can tolerate it",), "zh": "能忍受"},
    5: {"key": "dislike", "en": "I dislike it that way", "variants": (), "zh": "我不喜欢"},
}

#: the six categories, by letter (English name, aliases, course Chinese term, Chinese aliases, meaning)
CATEGORIES: dict[str, dict[str, Any]] = {
    "A": {"en": "Attractive", "aliases": ("exciter", "delighter"), "zh": "兴奋型需求",
          "zh_aliases": ("魅力需求", "魅力属性"), "meaning": "delights when present; no harm when absent"},
    "O": {"en": "One-dimensional", "aliases": ("performance", "linear"), "zh": "期望型需求",
          "zh_aliases": ("一元需求", "期望属性"), "meaning": "the more, the better; the less, the worse"},
    "M": {"en": "Must-be", "aliases": ("basic", "mandatory"), "zh": "基本型需求",
          "zh_aliases": ("理所当然需求", "必备属性"), "meaning": "absence dissatisfies; presence is taken for granted"},
    "I": {"en": "Indifferent", "aliases": (), "zh": "无差异型需求",
          "zh_aliases": ("无差异属性",), "meaning": "no effect on satisfaction either way"},
    "R": {"en": "Reverse", "aliases": (), "zh": "反向型需求",
          "zh_aliases": ("反向属性",), "meaning": "the customer prefers it absent"},
    "Q": {"en": "Questionable", "aliases": (), "zh": "可疑结果",
          "zh_aliases": (), "meaning": "contradictory answers: a data-quality signal"},
}

#: priority used for ties and for the M > O > A > I rule (Q last)
PRIORITY: tuple[str, ...] = ("M", "O", "A", "I", "R", "Q")

_TABLE_TEXT = "QAAAORIIIMRIIIMRIIIMRRRRQ"

#: the 5x5 evaluation table: index = functional code, columns = dysfunctional code
EVALUATION_TABLE: pd.DataFrame = pd.DataFrame(
    np.array(list(_TABLE_TEXT)).reshape(5, 5),
    index=pd.Index(range(1, 6), name="functional"),
    columns=pd.Index(range(1, 6), name="dysfunctional"),
)

#: DuMouchel's continuous scores (Berger et al. 1993 sec. IVb)
DUMOUCHEL_SCALE: dict[str, dict[int, float]] = {
    "functional": {1: 4, 2: 2, 3: 0, 4: -1, 5: -2},
    "dysfunctional": {1: -2, 2: -1, 3: 0, 4: 2, 5: 4},
}
_SYMMETRIC_SCALE: dict[str, dict[int, float]] = {
    "functional": {1: 1.0, 2: 0.5, 3: 0.0, 4: -0.5, 5: -1.0},
    "dysfunctional": {1: -1.0, 2: -0.5, 3: 0.0, 4: 0.5, 5: 1.0},
}

# internal category codes: A0 O1 M2 I3 R4 Q5, 6 = missing pair
_LETTERS = ("A", "O", "M", "I", "R", "Q")
_CAT = {c: i for i, c in enumerate(_LETTERS)}
_MISSING = 6
# lookup with index f*6 + d, where f, d are codes 1..5 and 0 = missing
_TABLE36 = np.full(36, _MISSING, dtype=np.uint8)
for _f in range(1, 6):
    for _d in range(1, 6):
        _TABLE36[_f * 6 + _d] = _CAT[_TABLE_TEXT[5 * (_f - 1) + (_d - 1)]]
_PAIR_TO_CATEGORY = np.eye(7, dtype=np.int64)[_TABLE36]  # (36, 7) one-hot: pair code -> category
_LETTER_ARRAY = np.array(list(_LETTERS) + [""], dtype="<U1")
_LETTER_STRINGS = pd.array(list(_LETTERS) + [pd.NA], dtype="string")

_COUNT_COLS = list(_LETTERS)


class KanoWarning(UserWarning):
    """Warns that a result holds an explicitly flagged undefined value (e.g. ``bw_undefined``)."""


def _norm(text: str) -> str:
    return " ".join(str(text).replace("\u2019", "'").strip().lower().split())


def _label_lookup() -> dict[str, int]:
    out: dict[str, int] = {}
    for code, a in ANSWERS.items():
        for label in (a["key"], a["key"].replace("-", " "), a["en"], *a["variants"], a["zh"]):
            out[_norm(label)] = code
    return out


_LABELS = _label_lookup()
_ALLOWED_TEXT = "codes 1-5 or " + ", ".join(repr(a["key"]) for a in ANSWERS.values()) + " (or their English/中文 labels)"


# ----------------------------------------------------------------------------- answer conversion
@dataclass
class _Pairs:
    """Functional/dysfunctional codes as (k, n) uint8 arrays (0 = missing), with their labels."""

    f: np.ndarray
    d: np.ndarray
    index: pd.Index
    columns: pd.Index
    kind: str  # "scalar", "array", "series", "frame"
    shape: tuple[int, ...]


def _code_of(value: Any, coding: Mapping[Any, Any] | None) -> int | None:
    """Code 1-5 for one distinct answer value, or None if it is not allowed."""
    if coding is not None:
        if value in coding:
            return _target_code(coding[value])
        if isinstance(value, str):
            for k, v in coding.items():
                if isinstance(k, str) and _norm(k) == _norm(value):
                    return _target_code(v)
        return None
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer, float, np.floating)):
        v = float(value)
        if v.is_integer() and 1 <= v <= 5:
            return int(v)
        return None
    if isinstance(value, str):
        return _LABELS.get(_norm(value))
    return None


def _target_code(target: Any) -> int:
    """Code for a ``coding`` target: a key ('like'), a label or a code 1-5."""
    if not isinstance(target, (bool, np.bool_)) and isinstance(target, (int, np.integer)) and 1 <= int(target) <= 5:
        return int(target)
    if isinstance(target, str) and _norm(target) in _LABELS:
        return _LABELS[_norm(target)]
    raise CsatInputError(f"coding: target {target!r} is not an answer; use one of {_ALLOWED_TEXT}")


def _column_codes(values: Any, index: pd.Index, column: Any, name: str, coding: Mapping[Any, Any] | None) -> np.ndarray:
    """One column of answers -> uint8 codes (0 = missing), raising on the first bad value."""
    if isinstance(values, pd.Series):
        ser = values
        arr = None
    else:
        arr = np.asarray(values)
        ser = None
    # fast path: numeric dtypes without a coding
    dtype = ser.dtype if ser is not None else arr.dtype
    if coding is None and pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        if pd.api.types.is_integer_dtype(dtype) and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            v = ser.to_numpy() if ser is not None else arr
            bad = (v < 1) | (v > 5)
            if not bad.any():
                return v.astype(np.uint8)
            pos = int(np.argmax(bad))
            _raise_bad(name, column, index, pos, v[pos], coding)
        v = ser.to_numpy(dtype=float, na_value=np.nan) if ser is not None else arr.astype(float)
        miss = np.isnan(v)
        ok = (v >= 1) & (v <= 5) & (v == np.floor(v))
        bad = ~ok & ~miss
        if bad.any():
            pos = int(np.argmax(bad))
            _raise_bad(name, column, index, pos, v[pos], coding)
        return np.where(ok, v, 0).astype(np.uint8)
    # general path: factorise, map the few distinct values, broadcast back
    obj = ser if ser is not None else pd.Series(arr.ravel())
    if pd.api.types.infer_dtype(obj, skipna=True) in ("boolean", "mixed", "mixed-integer"):
        # True == 1 for hashing, so look for true/false values before factorising (rare, odd input only)
        is_bool = obj.map(lambda x: isinstance(x, (bool, np.bool_))).to_numpy(dtype=bool)
        if is_bool.any():
            pos = int(np.argmax(is_bool))
            _raise_bad(name, column, index, pos, obj.iloc[pos], coding)
    codes, uniques = pd.factorize(obj, use_na_sentinel=True)
    mapped = []
    for i, u in enumerate(uniques):
        c = _code_of(u, coding)
        if c is None:
            pos = int(np.argmax(codes == i))
            _raise_bad(name, column, index, pos, u, coding)
        mapped.append(c)
    lookup = np.array(mapped + [0], dtype=np.uint8)
    return lookup[codes]


def _array_codes(arr: np.ndarray, index: pd.Index, columns: pd.Index, name: str) -> np.ndarray | None:
    """Whole (n, k) numeric array -> (k, n) uint8 codes in a few vectorised passes; None if not plain numeric."""
    if arr.dtype.kind not in "iuf":
        return None
    if arr.dtype.kind in "iu":
        if arr.size and 1 <= arr.min() and arr.max() <= 5:  # two reductions instead of a mask
            return np.ascontiguousarray(arr.astype(np.uint8).T)
        bad = (arr < 1) | (arr > 5)
        codes = arr.astype(np.uint8)
    else:
        # cast first, then check: a valid answer survives the cast unchanged and lies in 1..5
        # (NaN and out-of-range values cast to junk, which the two tests reject or the mask clears)
        missing = np.isnan(arr)
        with np.errstate(invalid="ignore"):
            codes = arr.astype(np.uint8)
        bad = (codes != arr) | (codes - np.uint8(1) > 4)  # uint8 wrap-around: 0 - 1 = 255
        bad &= ~missing
        codes[missing] = 0
    if bad.any():
        r, c = np.argwhere(bad)[0]
        _raise_bad(name, columns[c], index, int(r), arr[r, c], None)
    return np.ascontiguousarray(codes.T)


def _raise_bad(name: str, column: Any, index: pd.Index, pos: int, value: Any, coding: Mapping[Any, Any] | None) -> None:
    row = index[pos] if pos < len(index) else pos
    shown = f"{value:g}" if isinstance(value, (float, np.floating)) else repr(value) if isinstance(value, str) else str(value)
    allowed = (
        f"the values of coding= ({describe_values(list(coding), 10)})" if coding is not None else _ALLOWED_TEXT
    )
    raise CsatInputError(
        f"{name}: attribute {column!r}, row {row}: {shown} is not a Kano answer (allowed: {allowed}; "
        "missing answers may be left blank). For exports in another order pass coding={value: 'like', ...}"
    )


def _check_same_labels(a: pd.Index, b: pd.Index, what: str, name_a: str, name_b: str) -> None:
    if a.equals(b):
        return
    la, lb = list(a), list(b)
    detail = label_difference(la, lb, name_a, name_b) or (
        f"{len(la)} vs {len(lb)} {what}" if len(la) != len(lb)
        else "same labels in a different order or repeated; align them, e.g. dysfunctional.reindex_like(functional)"
    )
    raise CsatInputError(f"{name_a} and {name_b}: {what} do not line up ({detail})")


def _answer_array(values: Any, name: str) -> np.ndarray:
    """Plain answers -> ndarray. Lists and tuples that numpy would turn into text (a missing value or a
    code beside a label, e.g. ``[np.nan, "like"]``) are kept as Python objects, so NaN stays missing."""
    if isinstance(values, str):
        return np.asarray(values, dtype=object)
    try:
        arr = np.asarray(values)
        if isinstance(values, (list, tuple)) and arr.dtype.kind in "USO":
            arr = np.asarray(values, dtype=object)
    except ValueError as exc:  # ragged nested lists
        raise CsatInputError(f"{name}: expected one answer per cell in a rectangular table ({exc})") from None
    return arr


def _prepare(functional: Any, dysfunctional: Any, coding: Mapping[Any, Any] | None) -> _Pairs:
    if coding is not None and not isinstance(coding, Mapping):
        raise CsatInputError(f"coding: expected a mapping {{value: 'like', ...}}, got {type(coding).__name__}")
    if coding is not None:
        for v in coding.values():
            _target_code(v)
    f_pd = isinstance(functional, (pd.Series, pd.DataFrame))
    d_pd = isinstance(dysfunctional, (pd.Series, pd.DataFrame))
    if f_pd != d_pd or (f_pd and type(functional) is not type(dysfunctional)):
        raise CsatInputError(
            "functional and dysfunctional: must be the same kind of input (both DataFrames, both Series or both "
            f"arrays), got {type(functional).__name__} and {type(dysfunctional).__name__}"
        )
    if isinstance(functional, pd.DataFrame):
        _check_same_labels(functional.columns, dysfunctional.columns, "attributes (columns)", "functional", "dysfunctional")
        _check_same_labels(functional.index, dysfunctional.index, "respondents (rows)", "functional", "dysfunctional")
        if functional.shape[1] == 0:
            raise CsatInputError("functional: has no attribute columns")
        if functional.columns.has_duplicates:
            dup = functional.columns[functional.columns.duplicated()][0]
            raise CsatInputError(f"functional: attribute {dup!r} appears more than once")
        idx, cols = functional.index, functional.columns
        if coding is None and all(
            not isinstance(t, pd.api.extensions.ExtensionDtype) and t.kind in "iuf"
            for t in (*functional.dtypes, *dysfunctional.dtypes)
        ):
            f = _array_codes(functional.to_numpy(), idx, cols, "functional")
            d = _array_codes(dysfunctional.to_numpy(), idx, cols, "dysfunctional")
            return _Pairs(f, d, idx, cols, "frame", functional.shape)
        f = np.stack([_column_codes(functional.iloc[:, j], idx, c, "functional", coding) for j, c in enumerate(cols)])
        d = np.stack([_column_codes(dysfunctional.iloc[:, j], idx, c, "dysfunctional", coding) for j, c in enumerate(cols)])
        return _Pairs(f, d, idx, cols, "frame", functional.shape)
    if isinstance(functional, pd.Series):
        if functional.name != dysfunctional.name:
            raise CsatInputError(
                f"functional and dysfunctional: Series names differ ({functional.name!r} vs {dysfunctional.name!r}); "
                f"both must name the same attribute, e.g. dysfunctional.rename({functional.name!r})"
            )
        _check_same_labels(functional.index, dysfunctional.index, "respondents (rows)", "functional", "dysfunctional")
        name = functional.name if functional.name is not None else 0
        idx = functional.index
        f = _column_codes(functional, idx, name, "functional", coding)[None, :]
        d = _column_codes(dysfunctional, idx, name, "dysfunctional", coding)[None, :]
        return _Pairs(f, d, idx, pd.Index([name]), "series", functional.shape)
    fa = _answer_array(functional, "functional")
    da = _answer_array(dysfunctional, "dysfunctional")
    if fa.shape != da.shape:
        raise CsatInputError(f"functional and dysfunctional: shapes differ ({fa.shape} vs {da.shape}); one answer pair per cell")
    if fa.ndim > 2:
        raise CsatInputError(f"functional: expected at most 2-D answers (respondents x attributes), got shape {fa.shape}")
    kind = "scalar" if fa.ndim == 0 else "array"
    f2 = fa.reshape(-1, 1) if fa.ndim < 2 else fa
    d2 = da.reshape(-1, 1) if da.ndim < 2 else da
    idx = pd.RangeIndex(f2.shape[0])
    cols = pd.RangeIndex(f2.shape[1])
    if coding is None and f2.dtype.kind in "iuf" and d2.dtype.kind in "iuf" and f2.size:
        f = _array_codes(f2, idx, cols, "functional")
        d = _array_codes(d2, idx, cols, "dysfunctional")
        return _Pairs(f, d, idx, cols, kind, fa.shape)
    f = np.stack([_column_codes(f2[:, j], idx, j, "functional", coding) for j in range(f2.shape[1])]) if f2.shape[1] else np.zeros((0, f2.shape[0]), np.uint8)
    d = np.stack([_column_codes(d2[:, j], idx, j, "dysfunctional", coding) for j in range(d2.shape[1])]) if d2.shape[1] else np.zeros((0, d2.shape[0]), np.uint8)
    return _Pairs(f, d, idx, cols, kind, fa.shape)


def _pair_codes(p: _Pairs) -> np.ndarray:
    """(k, n) uint8 pair codes f*6 + d (0-35; a missing answer is 0, so the pair maps to missing)."""
    return p.f * np.uint8(6) + p.d


def _categories(p: _Pairs) -> np.ndarray:
    """(k, n) uint8 category codes A0 O1 M2 I3 R4 Q5, 6 = missing: one table lookup."""
    return _TABLE36[_pair_codes(p)]


# ----------------------------------------------------------------------------- classify
def classify(functional: Any, dysfunctional: Any, *, coding: Mapping[Any, Any] | None = None) -> Any:
    """Classify each answer pair with the evaluation table (Berger et al. 1993).

    Vectorised: the category is ``table[5*(f-1) + (d-1)]``, one ``np.take``.
    Returns letters 'A', 'O', 'M', 'I', 'R', 'Q' in the input's shape:

    - a scalar pair gives a ``str`` ('' when either answer is missing);
    - numpy input gives a ``'<U1'`` array with '' for a missing pair;
    - pandas input gives StringDtype with ``<NA>`` for a missing pair.

    A missing answer (NaN, None, pd.NA) in either question makes the pair
    missing; it never becomes a category. Plain lists may mix codes, labels
    and missing values (``[np.nan, "like", 2]``). Anything else outside the
    five answers raises :class:`CsatInputError`.

    >>> classify([1, 2, 3], [5, 5, np.nan]).tolist()
    ['O', 'M', '']
    >>> classify(pd.Series(["like", "我喜欢"]), pd.Series(["dislike", "我喜欢"])).tolist()
    ['O', 'Q']
    """
    p = _prepare(functional, dysfunctional, coding)
    cat = _categories(p)
    if p.kind == "scalar":
        return str(_LETTER_ARRAY[cat[0, 0]])
    if p.kind == "array":
        return _LETTER_ARRAY.view(np.uint32)[cat.T].view("<U1").reshape(p.shape)
    # StringArray.take on the integer codes: no per-cell Python object check (about 4x faster than pd.array)
    columns = {j: _LETTER_STRINGS.take(cat[j]) for j in range(len(p.columns))}
    if p.kind == "series":
        return pd.Series(columns[0], index=p.index, name=functional.name, copy=False)
    df = pd.DataFrame(columns, index=p.index, copy=False)
    df.columns = p.columns
    return df


# ----------------------------------------------------------------------------- tabulate
def _as_table(x: Any, name: str) -> Any:
    """pandas input unchanged; anything else a 2-D ndarray (respondents x attributes), never copied into a DataFrame."""
    if isinstance(x, (pd.DataFrame, pd.Series)):
        return x
    arr = _answer_array(x, name)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2:
        raise CsatInputError(f"{name}: expected a DataFrame or a 2-D array (respondents x attributes), got shape {arr.shape}")
    return arr


def _group_codes(groups: Any, index: pd.Index) -> tuple[np.ndarray, pd.Index]:
    if isinstance(groups, pd.Series):
        if not groups.index.equals(index):
            if len(groups) == len(index) and not isinstance(groups.index, pd.RangeIndex):
                _check_same_labels(groups.index, index, "rows", "groups", "answers")
            elif len(groups) != len(index):
                raise CsatInputError(f"groups: has {len(groups)} rows but the answers have {len(index)}; one group per respondent")
            else:
                _check_same_labels(groups.index, index, "rows", "groups", "answers")
        g = groups
    else:
        arr = np.asarray(groups)
        if arr.ndim != 1 or len(arr) != len(index):
            raise CsatInputError(f"groups: expected one group label per respondent ({len(index)}), got shape {arr.shape}")
        g = pd.Series(arr, index=index)
    if g.isna().any():
        raise CsatInputError(f"groups: row {g.index[int(np.argmax(g.isna().to_numpy()))]} has no group label; every respondent needs one")
    if isinstance(g.dtype, pd.CategoricalDtype):
        codes = g.cat.codes.to_numpy().astype(np.int64)
        levels = pd.Index(g.cat.categories)
    else:
        codes, levels = pd.factorize(g, sort=True)
        levels = pd.Index(levels)
    used = np.bincount(codes, minlength=len(levels))
    if (used == 0).any():
        raise CsatInputError(f"groups: group {levels[int(np.argmax(used == 0))]!r} has no respondents; drop unused categories")
    return codes.astype(np.int64), levels


def _tabulate(p: _Pairs, max_questionable: int | None, groups: Any) -> tuple[pd.DataFrame, np.ndarray | None]:
    """Count the 36 pair codes per attribute (one bincount each), then fold them into categories with the table.

    Also returns the mask of respondents kept under ``max_questionable`` (None when nobody is dropped
    by that rule), so that importance is averaged over the same respondents."""
    pair = _pair_codes(p)
    k, n = pair.shape
    keep = None
    dropped = 0
    if max_questionable is not None:
        n_q = (_TABLE36[pair] == _CAT["Q"]).sum(axis=0)
        keep = n_q <= max_questionable
        dropped = int((~keep).sum())
    if groups is None:
        gcode = None
        levels = None
        n_groups = 1
    else:
        gcode, levels = _group_codes(groups, p.index)
        n_groups = len(levels)
    pair_counts = np.zeros((n_groups, k, 36), dtype=np.int64)
    for j in range(k):  # loop over attributes, never over respondents
        key = pair[j] if gcode is None else gcode * 36 + pair[j]
        if keep is not None:
            key = key[keep]
        pair_counts[:, j, :] = np.bincount(key, minlength=n_groups * 36).reshape(n_groups, 36)
    counts = pair_counts @ _PAIR_TO_CATEGORY  # (groups, k, 7): A O M I R Q missing
    table = counts.reshape(n_groups * k, 7)
    if levels is None:
        index = pd.Index(p.columns, name="attribute")
    else:
        index = pd.MultiIndex.from_product([levels, p.columns], names=["group", "attribute"])
    frame = pd.DataFrame({**{c: table[:, i] for i, c in enumerate(_COUNT_COLS)},
                          "n": table[:, :6].sum(axis=1), "n_missing": table[:, 6]}, index=index)
    frame.attrs["dropped_respondents"] = dropped
    return frame, keep


def tabulate(
    functional: Any,
    dysfunctional: Any,
    *,
    coding: Mapping[Any, Any] | None = None,
    max_questionable: int | None = None,
    groups: Any = None,
) -> pd.DataFrame:
    """Count the categories per attribute: columns A, O, M, I, R, Q, n, n_missing.

    ``n = A + O + M + I + R + Q`` (classified pairs); ``n_missing`` counts the
    pairs with a missing answer, which are never classified. With
    ``max_questionable=k`` respondents with more than k Q pairs are dropped
    first (like stp25's ``rm_Q``); their number is in
    ``df.attrs["dropped_respondents"]``. ``groups`` (one label per row) gives a
    block per group, indexed (group, attribute). An attribute without any valid
    pair is returned with all counts 0 (``n = 0``); :func:`evaluate` and
    :func:`summarize_counts` refuse it.

    >>> tabulate([[1, 2], [1, 5]], [[5, 5], [5, np.nan]]).loc[:, ["O", "M", "n", "n_missing"]].to_numpy().tolist()
    [[2, 0, 2, 0], [0, 1, 1, 1]]
    """
    _check_max_questionable(max_questionable)
    f = _as_table(functional, "functional")
    d = _as_table(dysfunctional, "dysfunctional")
    p = _prepare(f, d, coding)
    if p.f.shape[1] == 0:
        raise CsatInputError("functional: has no respondents (rows)")
    frame, _ = _tabulate(p, max_questionable, groups)
    return frame


# ----------------------------------------------------------------------------- summaries
def _counts_frame(counts: Any, needed: list[str], name: str = "counts") -> pd.DataFrame:
    if isinstance(counts, pd.DataFrame):
        df = counts
    elif isinstance(counts, pd.Series):
        df = counts.to_frame().T
        df.index = pd.Index([counts.name if counts.name is not None else 0], name="attribute")
    elif isinstance(counts, Mapping):
        if all(not isinstance(v, (Mapping, list, tuple, np.ndarray, pd.Series)) for v in counts.values()):
            df = pd.DataFrame([dict(counts)])
        else:
            df = pd.DataFrame(counts)
    else:
        raise CsatInputError(f"{name}: expected a mapping, Series or DataFrame with columns {', '.join(needed)}, got {type(counts).__name__}")
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise CsatInputError(f"{name}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} (needs {', '.join(needed)})")
    if len(df) == 0:
        raise CsatInputError(f"{name}: has no rows")
    vals = {}
    for c in needed:
        col = df[c]
        if pd.api.types.is_bool_dtype(col):
            raise CsatInputError(f"{name}: column {c!r} holds true/false values, not counts or shares")
        if not pd.api.types.is_numeric_dtype(col):
            conv = pd.to_numeric(col, errors="coerce")
            bad = (conv.isna() | col.isna()).to_numpy()
            if bad.any():
                i = int(np.argmax(bad))
                raise CsatInputError(f"{name}: column {c!r}, row {df.index[i]!r}: {col.iloc[i]!r} is not a count or share")
            col = conv
        v = col.to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isfinite(v) | (v < 0)
        if bad.any():
            i = int(np.argmax(bad))
            raise CsatInputError(
                f"{name}: column {c!r}, row {df.index[i]!r}: {v[i]:g} is not a count or share (must be finite and >= 0)"
            )
        vals[c] = v
    out = pd.DataFrame(vals, index=df.index)
    for extra in ("n_missing",):
        if extra in df.columns:
            out[extra] = df[extra].to_numpy()
    return out


def _is_integral(a: np.ndarray) -> bool:
    return bool(np.all(a == np.round(a)))


def _fong(a: np.ndarray, b: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fong (1996): |a-b| >= 1.65 sqrt((a+b)(2n-a-b)/(2n)); unrounded (spec 4.4)."""
    diff = np.abs(a - b)
    with np.errstate(invalid="ignore", divide="ignore"):
        thr = 1.65 * np.sqrt((a + b) * (2 * n - a - b) / (2 * n))
    thr = np.where(n > 0, thr, 0.0)
    sig = (diff >= thr) & (diff > 0)
    return diff, thr, sig


def _rank_top2(vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the two largest columns, exact ties broken by column order (= priority)."""
    order = np.argsort(-vals, axis=1, kind="stable")
    return order[:, 0], order[:, 1]


def _check_band(band: Any) -> float:
    if not (is_number(band) and np.isfinite(band)):
        raise CsatInputError(f"band: must be a number between 0 and 1, got {band!r}")
    if not 0 <= band < 1:
        raise CsatInputError(f"band: must be between 0 and 1 (a share of N, e.g. 0.05), got {band:g}")
    return float(band)


def _check_max_questionable(max_questionable: Any) -> None:
    if max_questionable is None:
        return
    if isinstance(max_questionable, bool) or not isinstance(max_questionable, (int, np.integer)) or max_questionable < 0:
        raise CsatInputError(f"max_questionable: must be a whole number >= 0 or None, got {max_questionable!r}")


def summarize_counts(
    counts: Any,
    *,
    band: float = 0.05,
    on_undefined: Literal["nan", "raise"] = "nan",
    kind: Literal["auto", "counts", "shares"] = "auto",
) -> pd.DataFrame:
    """Per-attribute Kano summary from counts (or shares) of A, O, M, I, R, Q.

    ``kind`` says what the numbers are: ``"counts"`` (whole numbers of answer
    pairs, else raise), ``"shares"`` (shares or percentages) or ``"auto"``
    (default: counts when every value is a whole number, otherwise shares).
    Whole-number percentages cannot be told from counts, so under ``"auto"`` a
    table whose rows all sum to exactly 100 is read as counts of 100 pairs with
    a :class:`KanoWarning`; pass ``kind="shares"`` or ``kind="counts"`` to say which.

    - ``category_mode``: the most frequent of the six, exact ties by M > O > A > I > R > Q;
    - ``category``: rank M, O, A, I, R (not Q); ``lead = (n_c1 - n_c2) / N`` with N
      including Q; if ``lead <= band`` the higher-priority of c1, c2 wins
      (``ambiguous``), else c1; "Q" when M+O+A+I+R = 0 (spec 4.2). Taken literally, c2
      may have no answers: A=1, Q=30 gives lead 1/31 <= 0.05 and so "M" (flags
      ``ambiguous;mixed;questionable``): such an attribute is a data-quality problem, not a need;
    - ``better = (A+O)/(A+O+M+I)``, ``worse = -(O+M)/(A+O+M+I)`` (Timko, in Berger et al. 1993);
    - ``category_strength = lead``; ``total_strength = (A+O+M)/N`` (Lee & Newcomb 1997, as in stp25);
    - Fong (1996) on c1, c2 with n = N, for counts only: for shares the Fong columns
      are NaN, ``fong_significant`` is ``<NA>`` and no ``mixed`` flag is set;
    - ``flags``: ``ambiguous``, ``mixed``, ``questionable``, ``reverse``, ``bw_undefined``, joined by ';'.

    If A+O+M+I = 0, Better/Worse are undefined: ``on_undefined="nan"`` gives NaN,
    the flag ``bw_undefined`` and a :class:`KanoWarning`; ``"raise"`` raises.
    An attribute with no classified pair at all (N = 0) raises.

    >>> r = summarize_counts(pd.DataFrame({"A": [4], "O": [5], "M": [9], "I": [2], "R": [4], "Q": [1]}, index=["Feature2"]))
    >>> r.loc["Feature2", "category"], float(r.loc["Feature2", "better"]), float(r.loc["Feature2", "worse"])
    ('M', 0.45, -0.7)
    """
    if on_undefined not in ("nan", "raise"):
        raise CsatInputError(f"on_undefined: must be 'nan' or 'raise', got {on_undefined!r}")
    if kind not in ("auto", "counts", "shares"):
        raise CsatInputError(f"kind: must be 'auto', 'counts' or 'shares', got {kind!r}")
    band = _check_band(band)
    return _summarize(_counts_frame(counts, _COUNT_COLS), band, on_undefined, kind, stacklevel=3)


def _summarize(df: pd.DataFrame, band: float, on_undefined: str, kind: str, *, stacklevel: int = 2) -> pd.DataFrame:
    """:func:`summarize_counts` on a checked counts frame (from :func:`_counts_frame` or :func:`_tabulate`);
    ``stacklevel`` points its warnings at the caller of the public function."""
    v = df[_COUNT_COLS].to_numpy(dtype=float)
    A, O, M, I, R, Q = (v[:, i] for i in range(6))
    N = v.sum(axis=1)
    if (N == 0).any():
        row = df.index[int(np.argmax(N == 0))]
        raise CsatInputError(
            f"attribute {row!r}: has no classified answer pairs (all missing or none given); "
            "drop it or collect answers before summarising"
        )
    integral = _is_integral(v) if kind != "shares" else False
    if kind == "counts" and not integral:
        bad = ~np.all(v == np.round(v), axis=1)
        raise CsatInputError(
            f"counts: row {df.index[int(np.argmax(bad))]!r} holds fractions; kind='counts' needs whole numbers "
            "of answer pairs (use kind='shares' for shares or percentages)"
        )
    if kind == "auto" and integral and np.all(N == 100):
        warnings.warn(
            "counts: every row sums to exactly 100, read as counts of 100 answer pairs (Fong's test uses n = 100); "
            "if these are percentages pass kind='shares', if they are counts pass kind='counts'",
            KanoWarning,
            stacklevel=stacklevel,
        )

    # mode over the six, ties by priority M O A I R Q
    prio6 = np.column_stack([M, O, A, I, R, Q])
    mode = np.array(PRIORITY)[_rank_top2(prio6)[0]]
    # M > O > A > I rule over M O A I R (spec 4.2)
    prio5 = prio6[:, :5]
    i1, i2 = _rank_top2(prio5)
    a = prio5[np.arange(len(df)), i1]
    b = prio5[np.arange(len(df)), i2]
    lead = (a - b) / N
    ambiguous = lead <= band + 1e-9
    chosen = np.where(ambiguous, np.minimum(i1, i2), i1)
    category = np.array(PRIORITY)[chosen]
    category = np.where(prio5.sum(axis=1) == 0, "Q", category)

    denom = A + O + M + I
    undefined = denom == 0
    if undefined.any() and on_undefined == "raise":
        row = df.index[int(np.argmax(undefined))]
        raise CsatInputError(
            f"attribute {row!r}: Better/Worse are undefined because A+O+M+I = 0 (only R and Q answers)"
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        better = np.where(undefined, np.nan, (A + O) / np.where(undefined, 1, denom))
        worse = np.where(undefined, np.nan, -(O + M) / np.where(undefined, 1, denom))
    worse = np.where(worse == 0, 0.0, worse)  # never -0.0

    if integral:
        fdiff, fthr, fsig = _fong(a, b, N)
        fong_sig: Any = fsig.astype(bool)
        mixed = ~fsig
    else:
        fdiff = np.full(len(df), np.nan)
        fthr = np.full(len(df), np.nan)
        fong_sig = pd.array([pd.NA] * len(df), dtype="boolean")
        mixed = np.zeros(len(df), dtype=bool)

    flags = []
    for i in range(len(df)):  # one entry per attribute (tiny)
        tokens = []
        if ambiguous[i]:
            tokens.append("ambiguous")
        if mixed[i]:
            tokens.append("mixed")
        if mode[i] == "Q":
            tokens.append("questionable")
        if category[i] == "R":
            tokens.append("reverse")
        if undefined[i]:
            tokens.append("bw_undefined")
        flags.append(";".join(tokens))

    columns: dict[str, Any] = {c: (v[:, i].astype(np.int64) if integral else v[:, i]) for i, c in enumerate(_COUNT_COLS)}
    columns["n"] = N.astype(np.int64) if integral else N
    if "n_missing" in df.columns:
        columns["n_missing"] = df["n_missing"].to_numpy()
    columns.update({
        "category_mode": mode,
        "category": category,
        "category_zh": [CATEGORIES[c]["zh"] for c in category],
        "ambiguous": ambiguous,
        "better": better,
        "worse": worse,
        "category_strength": lead,
        "total_strength": (A + O + M) / N,
        "fong_abs_diff": fdiff,
        "fong_threshold": fthr,
        "fong_significant": fong_sig,
        "flags": flags,
    })
    out = pd.DataFrame(columns, index=df.index)  # one construction instead of one insert per column
    if undefined.any():
        rows = [str(r) for r in df.index[undefined]]
        warnings.warn(
            f"Better/Worse undefined (A+O+M+I = 0) for {', '.join(rows)}: set to NaN and flagged 'bw_undefined'",
            KanoWarning,
            stacklevel=stacklevel,
        )
    return out


def better_worse(counts: Any, *, on_undefined: Literal["raise", "nan"] = "raise") -> pd.Series | pd.DataFrame:
    """Better = (A+O)/(A+O+M+I) and Worse = -(O+M)/(A+O+M+I) (Timko, in Berger et al. 1993).

    Counts or shares give the same values; R and Q are not in the
    denominator. Worse is negative (0.0, never -0.0). A mapping or Series gives
    a Series (better, worse); a DataFrame gives a DataFrame. If A+O+M+I = 0,
    ``on_undefined="raise"`` (default) raises, ``"nan"`` returns NaN.

    >>> better_worse({"A": 1, "O": 10, "M": 9, "I": 2}).round(4).tolist()
    [0.5, -0.8636]
    """
    if on_undefined not in ("nan", "raise"):
        raise CsatInputError(f"on_undefined: must be 'raise' or 'nan', got {on_undefined!r}")
    one = not isinstance(counts, pd.DataFrame)
    df = _counts_frame(counts, ["A", "O", "M", "I"])
    A, O, M, I = (df[c].to_numpy(dtype=float) for c in "AOMI")
    denom = A + O + M + I
    undefined = denom == 0
    if undefined.any() and on_undefined == "raise":
        row = df.index[int(np.argmax(undefined))]
        raise CsatInputError(f"counts: row {row!r}: A+O+M+I = 0, so Better/Worse are undefined (only R/Q or no answers)")
    safe = np.where(undefined, 1, denom)
    better = np.where(undefined, np.nan, (A + O) / safe)
    worse = np.where(undefined, np.nan, -(O + M) / safe)
    worse = np.where(worse == 0, 0.0, worse)
    out = pd.DataFrame({"better": better, "worse": worse}, index=df.index)
    if one:
        s = out.iloc[0]
        s.name = None
        return s
    return out


def fong_test(counts: Any) -> pd.Series | pd.DataFrame:
    """Fong's (1996) test of the two most frequent categories c1, c2 (of M, O, A, I, R).

    Significant when ``|a-b| >= 1.65 * sqrt((a+b)(2n-a-b)/(2n))``, with a, b the
    counts of c1 and c2 and n = A+O+M+I+R+Q; the threshold is not rounded.
    Needs integer counts of all six categories (whole-number percentages cannot be
    told from counts: pass the counts, never percentages). Returns c1, c2, abs_diff,
    threshold, significant (a Series for one attribute, a DataFrame for many).

    >>> t = fong_test({"A": 1, "O": 10, "M": 9, "I": 2, "R": 3, "Q": 0})
    >>> t["c1"], t["c2"], round(float(t["threshold"]), 4), bool(t["significant"])
    ('O', 'M', 5.6631, False)
    """
    one = not isinstance(counts, pd.DataFrame)
    df = _counts_frame(counts, _COUNT_COLS)
    v = df[["M", "O", "A", "I", "R"]].to_numpy(dtype=float)
    allv = df[_COUNT_COLS].to_numpy(dtype=float)
    if not _is_integral(allv):
        raise CsatInputError("counts: Fong's test needs whole-number counts of respondents, not shares or percentages")
    n = allv.sum(axis=1)
    if (n == 0).any():
        raise CsatInputError(f"counts: row {df.index[int(np.argmax(n == 0))]!r} has no answers")
    i1, i2 = _rank_top2(v)
    a = v[np.arange(len(df)), i1]
    b = v[np.arange(len(df)), i2]
    diff, thr, sig = _fong(a, b, n)
    out = pd.DataFrame(
        {"c1": np.array(PRIORITY)[i1], "c2": np.array(PRIORITY)[i2], "abs_diff": diff, "threshold": thr, "significant": sig},
        index=df.index,
    )
    if one:
        s = out.iloc[0]
        s.name = None
        return s
    return out


# ----------------------------------------------------------------------------- evaluate
_REFINED = {
    "A": ("highly attractive", "less attractive"),
    "O": ("high value-added", "low value-added"),
    "M": ("critical", "necessary"),
    "I": ("potential", "care-free"),
    "R": ("reverse", "reverse"),
    "Q": ("questionable", "questionable"),
}


def evaluate(
    functional: pd.DataFrame,
    dysfunctional: pd.DataFrame,
    importance: pd.DataFrame | None = None,
    *,
    band: float = 0.05,
    coding: Mapping[Any, Any] | None = None,
    max_questionable: int | None = None,
    importance_scale: tuple[float, float] = (1, 9),
    importance_split: float | None = None,
    groups: Any = None,
) -> pd.DataFrame:
    """Classify every pair, count per attribute and summarise (spec sections 3-4 and 7).

    Columns: A, O, M, I, R, Q, n, n_missing, category_mode, category,
    category_zh, ambiguous, better, worse (<= 0), category_strength,
    total_strength, fong_abs_diff, fong_threshold, fong_significant, flags;
    with ``importance`` also importance_mean, importance_sd (ddof=1) and
    refined_category (Yang 2005: each category split into high / low
    importance at ``importance_split``, default the mean of the attribute means).

    Missing pairs are dropped per attribute and counted in ``n_missing``. An
    attribute with no valid pair raises. With ``groups`` the index is
    (group, attribute). See :func:`summarize_counts` for the rules.
    """
    band = _check_band(band)
    _check_max_questionable(max_questionable)
    scale = _check_importance_settings(importance, importance_scale, importance_split)
    f = _as_table(functional, "functional")
    d = _as_table(dysfunctional, "dysfunctional")
    p = _prepare(f, d, coding)
    if p.f.shape[1] == 0:
        raise CsatInputError("functional: has no respondents (rows)")
    counts, keep = _tabulate(p, max_questionable, groups)
    out = _summarize(counts, band, "nan", "counts")  # counts from _tabulate: whole numbers >= 0 by construction
    out.attrs["dropped_respondents"] = counts.attrs["dropped_respondents"]
    if importance is not None:
        out = _add_importance(out, importance, p, keep, groups, scale, importance_split)
    return out


def _check_importance_settings(importance: Any, scale: Any, split: Any) -> tuple[float, float]:
    """``importance_scale`` as (low, high) with low < high; ``importance_split`` None or a number on that scale."""
    finite_pair = isinstance(scale, (tuple, list)) and len(scale) == 2 and all(is_number(v) and np.isfinite(v) for v in scale)
    if not finite_pair:
        raise CsatInputError(f"importance_scale: expected (low, high), two numbers such as (1, 9), got {scale!r}")
    lo, hi = float(scale[0]), float(scale[1])
    if not lo < hi:
        raise CsatInputError(
            f"importance_scale: low must come first and be below high, got ({lo:g}, {hi:g}); did you mean ({hi:g}, {lo:g})?"
        )
    if split is not None:
        if importance is None:
            raise CsatInputError("importance_split: only used together with importance=; pass the importance answers")
        if not (is_number(split) and np.isfinite(split)) or not lo <= split <= hi:
            raise CsatInputError(
                f"importance_split: must be None (the mean of the attribute means) or a number within "
                f"importance_scale {lo:g}-{hi:g}, got {split!r}"
            )
    return lo, hi


def _importance_values(imp: pd.DataFrame, p: _Pairs, lo: float, hi: float) -> np.ndarray:
    """Importance answers as floats (respondents x attributes), column by column: the first text or
    out-of-scale value raises, naming attribute and row."""
    vals = np.empty((len(p.index), len(p.columns)))
    for j, c in enumerate(p.columns):
        col = imp[c]
        if pd.api.types.is_bool_dtype(col) or not (pd.api.types.is_numeric_dtype(col) or col.isna().all()):
            conv = pd.to_numeric(col, errors="coerce")
            bad = (conv.isna() & col.notna()).to_numpy()
            if bad.any():
                i = int(np.argmax(bad))
                raise CsatInputError(f"importance: attribute {c!r}, row {p.index[i]}: {col.iloc[i]!r} is not a number")
            col = conv
        v = col.to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isnan(v) & ((v < lo) | (v > hi))
        if bad.any():
            i = int(np.argmax(bad))
            raise CsatInputError(
                f"importance: attribute {c!r}, row {p.index[i]}: {v[i]:g} is outside the importance scale {lo:g}-{hi:g}"
            )
        vals[:, j] = v
    return vals


def _add_importance(
    out: pd.DataFrame,
    importance: Any,
    p: _Pairs,
    keep: np.ndarray | None,
    groups: Any,
    scale: tuple[float, float],
    split: float | None,
) -> pd.DataFrame:
    imp = _as_table(importance, "importance")
    imp = imp.to_frame() if isinstance(imp, pd.Series) else pd.DataFrame(imp)
    _check_same_labels(pd.Index(imp.columns), p.columns, "attributes (columns)", "importance", "functional")
    _check_same_labels(pd.Index(imp.index), p.index, "respondents (rows)", "importance", "functional")
    lo, hi = scale
    vals = _importance_values(imp, p, lo, hi)
    if keep is None:
        keep = np.ones(len(p.index), dtype=bool)
    frame = pd.DataFrame(vals[keep], columns=p.columns)
    if groups is None:
        mean = frame.mean()
        sd = frame.std(ddof=1)
        out = out.copy()
        out["importance_mean"] = mean.to_numpy()
        out["importance_sd"] = sd.to_numpy()
        blocks = [np.arange(len(out))]
    else:
        gcode, levels = _group_codes(groups, p.index)
        frame["__g"] = levels[gcode[keep]]
        mean = frame.groupby("__g", sort=False).mean().reindex(levels)
        sd = frame.drop(columns="__g").groupby(frame["__g"], sort=False).std(ddof=1).reindex(levels)
        out = out.copy()
        out["importance_mean"] = mean.to_numpy().ravel()
        out["importance_sd"] = sd.to_numpy().ravel()
        k = len(p.columns)
        blocks = [np.arange(g * k, (g + 1) * k) for g in range(len(levels))]
    if out["importance_mean"].isna().any():
        row = out.index[int(np.argmax(out["importance_mean"].isna().to_numpy()))]
        raise CsatInputError(f"importance: attribute {row!r} has no importance answers; drop it or collect answers")
    refined = np.empty(len(out), dtype=object)
    for rows in blocks:
        m = out["importance_mean"].to_numpy()[rows]
        cut = float(np.mean(m)) if split is None else float(split)
        high = m >= cut
        for r, h in zip(rows, high):
            hi_lbl, lo_lbl = _REFINED[out["category"].iloc[r]]
            refined[r] = hi_lbl if h else lo_lbl
    out["refined_category"] = refined
    return out


# ----------------------------------------------------------------------------- quadrant
def _quadrant_split(split: Any) -> tuple[float, float] | None:
    """``split`` as (better, |worse|) cut-offs in 0-1, or None for "mean"; anything else raises."""
    allowed = "0.5 (a number in 0-1), 'mean' or a pair (better, |worse|) of numbers in 0-1"
    if isinstance(split, str):
        if split != "mean":
            raise CsatInputError(f"split: must be {allowed}, got {split!r}")
        return None
    pair = tuple(split) if isinstance(split, (tuple, list)) else (split, split)
    if len(pair) != 2:
        raise CsatInputError(f"split: must be {allowed}, got {split!r}")
    cuts = []
    for v in pair:
        if not (is_number(v) and np.isfinite(v)) or not 0 <= v <= 1:
            raise CsatInputError(f"split: must be {allowed}, got {split!r}")
        cuts.append(float(v))
    return cuts[0], cuts[1]


def bw_quadrant(better: Any, worse: Any, *, split: float | str | tuple[float, float] = 0.5) -> pd.Series:
    """Better–Worse quadrant (Timko): x = |worse|, y = better; a value equal to the split counts as high.

    better high & |worse| low: A; both high: O; better low & |worse| high: M; both low: I.
    ``split`` is 0.5 (default), ``"mean"`` (the attribute means) or a pair
    ``(better_split, abs_worse_split)``. The splits used are in ``.attrs["split"]``.
    Two Series (or dicts) are paired by label (``worse`` is put in ``better``'s order);
    labels in only one of them raise. Plain sequences are paired by position.

    >>> bw_quadrant([0.7, 0.6, 0.2, 0.1], [-0.2, -0.6, -0.8, -0.1]).tolist()
    ['A', 'O', 'M', 'I']
    """
    cuts = _quadrant_split(split)
    # A mapping carries labels: pair it by label like a Series, never by position.
    if isinstance(better, Mapping):
        better = pd.Series(better)
    if isinstance(worse, Mapping):
        worse = pd.Series(worse)
    b = better if isinstance(better, pd.Series) else pd.Series(better)
    if isinstance(better, pd.Series) and isinstance(worse, pd.Series) and not b.index.equals(worse.index):
        if b.index.has_duplicates or worse.index.has_duplicates or set(b.index) != set(worse.index):
            detail = label_difference(list(b.index), list(worse.index), "better", "worse") or "repeated labels"
            raise CsatInputError(f"better and worse: attributes do not line up ({detail})")
        w = worse.reindex(b.index)
    elif isinstance(worse, pd.Series):
        w = worse
    else:
        w = pd.Series(worse)
    if len(b) != len(w):
        raise CsatInputError(f"better and worse: lengths differ ({len(b)} vs {len(w)})")
    if len(b) == 0:
        raise CsatInputError("better and worse: no attributes to place")
    bv = pd.to_numeric(b, errors="coerce").to_numpy(dtype=float)
    wv = pd.to_numeric(w, errors="coerce").to_numpy(dtype=float)
    for name, v in (("better", bv), ("worse", wv)):
        if np.isnan(v).any():
            i = int(np.argmax(np.isnan(v)))
            raise CsatInputError(f"{name}: position {i} ({b.index[i]!r}) is missing or not a number (undefined coefficients have no quadrant)")
    if ((bv < 0) | (bv > 1)).any():
        i = int(np.argmax((bv < 0) | (bv > 1)))
        raise CsatInputError(f"better: {bv[i]:g} at {b.index[i]!r} is outside 0-1")
    if ((wv > 0) | (wv < -1)).any():
        i = int(np.argmax((wv > 0) | (wv < -1)))
        raise CsatInputError(f"worse: {wv[i]:g} at {b.index[i]!r} is outside -1-0 (pass Worse with its minus sign, as evaluate() gives it)")
    aw = np.abs(wv)
    sb, sw = (float(bv.mean()), float(aw.mean())) if cuts is None else cuts
    hb = bv >= sb - 1e-12
    hw = aw >= sw - 1e-12
    q = np.where(hb, np.where(hw, "O", "A"), np.where(hw, "M", "I"))
    out = pd.Series(q, index=b.index, name="quadrant")
    out.attrs["split"] = (sb, sw)
    return out


# ----------------------------------------------------------------------------- continuous
def _scale(scale: str) -> dict[str, dict[int, float]]:
    if scale == "dumouchel":
        return DUMOUCHEL_SCALE
    if scale == "dumouchel_div4":
        return {side: {k: v / 4 for k, v in m.items()} for side, m in DUMOUCHEL_SCALE.items()}
    if scale == "symmetric":
        return _SYMMETRIC_SCALE
    raise CsatInputError(f"scale: must be 'dumouchel', 'dumouchel_div4' or 'symmetric', got {scale!r}")


def continuous_scores(
    functional: Any,
    dysfunctional: Any,
    *,
    scale: str = "dumouchel",
    exclude: tuple[str, ...] | list[str] = (),
    coding: Mapping[Any, Any] | None = None,
) -> pd.DataFrame:
    """DuMouchel's continuous analysis (Berger et al. 1993 sec. IVb).

    Each answer is scored (functional like 4, must-be 2, neutral 0, live-with -1,
    dislike -2; dysfunctional like -2, must-be -1, neutral 0, live-with 2,
    dislike 4) and averaged per attribute over the valid pairs. ``exclude``
    drops pairs classified in those categories (e.g. ``("Q", "R")``).
    Columns: functional_mean, dysfunctional_mean, functional_sd,
    dysfunctional_sd (ddof=1; NaN when n = 1), n. No valid pair raises.
    """
    sc = _scale(scale)
    ex = list(exclude) if not isinstance(exclude, str) else [exclude]
    for e in ex:
        if e not in _CAT:
            raise CsatInputError(f"exclude: {e!r} is not a category letter (A, O, M, I, R, Q)")
    f = _as_table(functional, "functional")
    d = _as_table(dysfunctional, "dysfunctional")
    p = _prepare(f, d, coding)
    cat = _categories(p)
    fs = np.array([np.nan] + [sc["functional"][i] for i in range(1, 6)])
    ds = np.array([np.nan] + [sc["dysfunctional"][i] for i in range(1, 6)])
    valid = cat != _MISSING
    for e in ex:
        valid &= cat != _CAT[e]
    rows = []
    for j, c in enumerate(p.columns):
        v = valid[j]
        n = int(v.sum())
        if n == 0:
            raise CsatInputError(f"attribute {c!r}: no valid answer pairs to score (all missing or excluded)")
        fv = fs[p.f[j][v]]
        dv = ds[p.d[j][v]]
        rows.append((fv.mean(), dv.mean(), fv.std(ddof=1) if n > 1 else np.nan, dv.std(ddof=1) if n > 1 else np.nan, n))
    return pd.DataFrame(
        rows,
        index=pd.Index(p.columns, name="attribute"),
        columns=["functional_mean", "dysfunctional_mean", "functional_sd", "dysfunctional_sd", "n"],
    )


def continuous_mean_from_shares(
    shares: Mapping[Any, float] | pd.Series, *, side: Literal["functional", "dysfunctional"] = "functional", scale: str = "dumouchel"
) -> float:
    """Mean continuous score from answer shares ``{answer: share}`` (shares sum to 1).

    >>> continuous_mean_from_shares({"like": 0.5, "neutral": 0.5})
    2.0
    """
    if side not in ("functional", "dysfunctional"):
        raise CsatInputError(f"side: must be 'functional' or 'dysfunctional', got {side!r}")
    sc = _scale(scale)[side]
    items = dict(shares.items()) if isinstance(shares, (Mapping, pd.Series)) else None
    if items is None:
        raise CsatInputError(f"shares: expected a mapping {{answer: share}}, got {type(shares).__name__}")
    total = 0.0
    mean = 0.0
    for k, v in items.items():
        code = _code_of(k, None)
        if code is None:
            raise CsatInputError(f"shares: {k!r} is not an answer (allowed: {_ALLOWED_TEXT})")
        try:
            s = float(v)
        except (TypeError, ValueError):
            raise CsatInputError(f"shares: the share of {k!r} is not a number ({v!r})") from None
        if not np.isfinite(s) or s < 0:
            raise CsatInputError(f"shares: the share of {k!r} must be finite and >= 0, got {s:g}")
        total += s
        mean += s * sc[code]
    if abs(total - 1) > 1e-4:
        hint = "; percentages? divide by 100" if abs(total - 100) < 1e-2 else ""
        raise CsatInputError(f"shares: sum to {total:.6g}, not 1{hint}")
    return float(mean)


# ----------------------------------------------------------------------------- plots
def _label(ix: Any) -> str:
    return " · ".join(str(x) for x in ix) if isinstance(ix, tuple) else str(ix)


def plot_better_worse(result: pd.DataFrame, *, split: float | str | tuple[float, float] = 0.5, ax: Any = None) -> Any:
    """Better–Worse diagram: x = |worse|, y = better, point size ~ total_strength; returns the Axes."""
    import matplotlib.pyplot as plt

    if not isinstance(result, pd.DataFrame):
        raise CsatInputError(f"result: expected the DataFrame from evaluate(), got {type(result).__name__}")
    missing = [c for c in ("better", "worse") if c not in result.columns]
    if missing:
        raise CsatInputError(f"result: missing column {', '.join(missing)}; pass the DataFrame from evaluate()")
    res = result[result["better"].notna() & result["worse"].notna()]
    if len(res) == 0:
        raise CsatInputError("result: no attribute has defined Better/Worse coefficients to plot")
    quad = bw_quadrant(res["better"], res["worse"], split=split)
    sb, sw = quad.attrs["split"]
    if ax is None:
        _, ax = plt.subplots()
    x = res["worse"].abs().to_numpy()
    y = res["better"].to_numpy()
    size = 40 + 200 * res["total_strength"].to_numpy() if "total_strength" in res.columns else 60
    colors = {"A": "tab:green", "O": "tab:blue", "M": "tab:red", "I": "tab:gray"}
    ax.scatter(x, y, s=size, c=[colors[q] for q in quad], alpha=0.75, edgecolors="black", linewidths=0.5)
    for xi, yi, ix in zip(x, y, res.index):
        ax.annotate(_label(ix), (xi, yi), textcoords="offset points", xytext=(5, 4), fontsize=8)
    ax.axvline(sw, color="0.5", lw=0.8, ls="--")
    ax.axhline(sb, color="0.5", lw=0.8, ls="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    for text, (tx, ty) in {
        "A Attractive": (0.02, 0.97), "O One-dimensional": (0.98, 0.97),
        "I Indifferent": (0.02, 0.03), "M Must-be": (0.98, 0.03),
    }.items():
        ax.text(tx, ty, text, transform=ax.transAxes, ha="left" if tx < 0.5 else "right",
                va="top" if ty > 0.5 else "bottom", fontsize=9, color=colors[text[0]])
    ax.set_xlabel("|Worse| (dissatisfaction if absent)")
    ax.set_ylabel("Better (satisfaction if present)")
    ax.set_title("Better–Worse diagram")
    return ax


def plot_category_shares(result: pd.DataFrame, *, ax: Any = None) -> Any:
    """Stacked horizontal bars: share of A, O, M, I, R, Q per attribute; returns the Axes."""
    import matplotlib.pyplot as plt

    if not isinstance(result, pd.DataFrame):
        raise CsatInputError(f"result: expected the DataFrame from evaluate() or tabulate(), got {type(result).__name__}")
    df = _counts_frame(result, _COUNT_COLS, "result")
    tot = df[_COUNT_COLS].sum(axis=1).to_numpy()
    if (tot == 0).any():
        raise CsatInputError(f"result: row {df.index[int(np.argmax(tot == 0))]!r} has no answers to plot")
    shares = df[_COUNT_COLS].to_numpy(dtype=float) / tot[:, None]
    if ax is None:
        _, ax = plt.subplots()
    colors = {"M": "tab:red", "O": "tab:blue", "A": "tab:green", "I": "tab:gray", "R": "tab:purple", "Q": "tab:olive"}
    labels = [_label(i) for i in df.index]
    left = np.zeros(len(df))
    order = [_COUNT_COLS.index(c) for c in PRIORITY]
    for i in order:
        c = _COUNT_COLS[i]
        ax.barh(labels, shares[:, i], left=left, color=colors[c], label=c)
        left += shares[:, i]
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of classified answer pairs")
    ax.legend(ncol=6, fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return ax


def _finite_column(frame: pd.DataFrame, column: str, name: str) -> np.ndarray:
    """A column as finite floats, or raise naming the first row that is not a number."""
    col = frame[column]
    values = pd.to_numeric(col, errors="coerce") if not pd.api.types.is_bool_dtype(col) else pd.Series(np.nan, index=col.index)
    v = values.to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(v)
    if bad.any():
        i = int(np.argmax(bad))
        raise CsatInputError(f"{name}: column {column!r}, row {frame.index[i]!r}: {col.iloc[i]!r} is not a finite number")
    return v


def plot_continuous(scores: pd.DataFrame, *, ax: Any = None) -> Any:
    """Continuous analysis: x = dysfunctional mean, y = functional mean; returns the Axes."""
    import matplotlib.pyplot as plt

    if not isinstance(scores, pd.DataFrame):
        raise CsatInputError(f"scores: expected the DataFrame from continuous_scores(), got {type(scores).__name__}")
    missing = [c for c in ("functional_mean", "dysfunctional_mean") if c not in scores.columns]
    if missing:
        raise CsatInputError(f"scores: missing column {', '.join(missing)}; pass the DataFrame from continuous_scores()")
    x, y = (_finite_column(scores, c, "scores") for c in ("dysfunctional_mean", "functional_mean"))
    if ax is None:
        _, ax = plt.subplots()
    ax.scatter(x, y, color="tab:blue")
    for xi, yi, ix in zip(x, y, scores.index):
        ax.annotate(_label(ix), (xi, yi), textcoords="offset points", xytext=(5, 4), fontsize=8)
    ax.axhline(0, color="0.5", lw=0.8)
    ax.axvline(0, color="0.5", lw=0.8)
    ax.set_xlabel("dysfunctional mean (if absent)")
    ax.set_ylabel("functional mean (if present)")
    ax.set_title("Kano continuous analysis (DuMouchel)")
    return ax
