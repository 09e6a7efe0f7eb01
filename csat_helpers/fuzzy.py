"""Fuzzy comprehensive evaluation (模糊综合评价), one level or several.

Implements ``specs/fuzzy_ahp.md`` §2-§5:

- :func:`membership_matrix`: R (factors × grades) from survey answers,
  r_ij = n_ij / N_i with N_i the *valid* answers to factor i;
- :func:`compose`: B = A ∘ R with the operators M(∧,∨) ``max_min``,
  M(·,∨) ``max_product``, M(∧,⊕) ``bounded_sum``, M(·,⊕) ``weighted_average``
  (default) and ``balanced``;
- :func:`evaluate_hierarchy`: multi-level evaluation over a factor tree
  (一级 then 二级 …), recording the operator used at every node;
- :func:`verdict`: maximum membership (最大隶属原则) with the validity index α
  (郭亚军) and the weighted score S = Σ b_j^k c_j / Σ b_j^k (加权平均原则).

>>> R = [[.2, .5, .3, 0], [.1, .3, .5, .1], [0, .1, .6, .3], [0, .4, .5, .1], [.5, .3, .2, 0]]
>>> compose([.1, .1, .15, .3, .35], R).round(3).tolist()   # SPSSAU clothing case
[0.205, 0.32, 0.39, 0.085]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from .errors import CsatInputError
from .validation import as_float_array, describe_values, is_number, require_weights

__all__ = [
    "OPERATORS",
    "GRADES_CN",
    "GRADE_VALUES_CN",
    "grade_counts",
    "membership_matrix",
    "compose",
    "evaluate_hierarchy",
    "HierarchyResult",
    "verdict",
    "Verdict",
    "validity_index",
    "tree_leaves",
]

Operator = Literal["weighted_average", "max_min", "max_product", "bounded_sum", "balanced"]

#: operator name -> (model, Chinese name)
OPERATORS: dict[str, tuple[str, str]] = {
    "weighted_average": ("M(·,⊕)", "加权平均型"),
    "max_min": ("M(∧,∨)", "主因素决定型"),
    "max_product": ("M(·,∨)", "主因素突出型"),
    "bounded_sum": ("M(∧,⊕)", "取小上界和型"),
    "balanced": ("balanced", "均衡平均型"),
}

#: the source chapter's comment set V, worst -> best
GRADES_CN: tuple[str, ...] = ("很不满意", "不满意", "基本满意", "满意", "很满意")
#: the source's survey-table scores (很不满意 = 20 is the course's choice; the source lost it)
GRADE_VALUES_CN: dict[str, float] = dict(zip(GRADES_CN, (20.0, 40.0, 60.0, 80.0, 100.0)))

ROOT = "overall"
#: grade_counts looks text answers up in one pass up to this many cells (then column by column)
_ONE_LOOKUP_CELLS = 200_000


# ----------------------------------------------------------------------------- grades and R
def _check_grades(grades: Any) -> list:
    if isinstance(grades, (str, bytes)) or not isinstance(grades, (Sequence, np.ndarray, pd.Index)):
        raise CsatInputError(f"grades: expected an ordered list of grade labels, got {type(grades).__name__}")
    g = list(grades)
    if len(g) < 2:
        raise CsatInputError(f"grades: at least two grades are needed, got {len(g)}")
    dupes = [x for i, x in enumerate(g) if x in g[:i]]
    if dupes:
        raise CsatInputError(f"grades: {describe_values(dupes)} appears more than once; each grade must be unique")
    return g


def grade_counts(answers: pd.DataFrame, grades: Sequence[Any]) -> pd.DataFrame:
    """Counts n_ij of each grade per factor (factors × grades), plus nothing else.

    Missing answers (NaN/None/"") are ignored; any other value not in
    ``grades`` raises, naming the column, row and value. Vectorised per column.
    """
    g = _check_grades(grades)
    if not isinstance(answers, pd.DataFrame):
        raise CsatInputError(f"answers: expected a DataFrame (respondents x factors), got {type(answers).__name__}")
    if answers.shape[1] == 0:
        raise CsatInputError("answers: has no factor columns")
    if answers.shape[0] == 0:
        raise CsatInputError("answers: has no rows; at least one respondent is needed")
    dup_cols = answers.columns[answers.columns.duplicated()]
    if len(dup_cols):
        raise CsatInputError(
            f"answers: column {describe_values(list(dup_cols))} appears more than once; each factor needs its own "
            f"uniquely named column"
        )
    m = len(g)
    numeric_grades = all(is_number(x) for x in g)
    all_numeric = all(
        pd.api.types.is_numeric_dtype(dt) and not pd.api.types.is_bool_dtype(dt) for dt in answers.dtypes
    )
    if numeric_grades and all_numeric:
        # one pass per grade over the whole (respondents x factors) array
        arr = answers.to_numpy(dtype=float, na_value=np.nan)
        counts = np.stack([(arr == float(x)).sum(axis=0) for x in g], axis=1).astype(np.int64)
        valid = (~np.isnan(arr)).sum(axis=0)
        if np.array_equal(counts.sum(axis=1), valid):
            return pd.DataFrame(counts, index=list(answers.columns), columns=g)
    if (answers.size <= _ONE_LOOKUP_CELLS and all(isinstance(x, str) for x in g)
            and all(dt == object or isinstance(dt, pd.StringDtype) for dt in answers.dtypes)):
        # text answers of a survey a widget sees: one lookup over all cells, stacked column by column
        # (per-column overhead dominates there; for bigger tables the loop below is as fast and copies less)
        n = answers.shape[0]
        cells = answers.to_numpy(dtype=object).ravel(order="F")
        codes = np.asarray(pd.Index(g).get_indexer(pd.Index(cells, dtype=object)), dtype=np.int64)
        unmatched = np.flatnonzero(codes < 0)  # missing answers and non-grades: usually few
        first = _first_answer(cells[unmatched])
        if first is not None:
            pos = int(unmatched[first])
            col, r = answers.columns[pos // n], pos % n
            raise _not_a_grade(col, answers.index[r], answers[col].iloc[r], g)
        factor = np.repeat(np.arange(answers.shape[1]) * (m + 1), n)
        counts = np.bincount(factor + codes + 1, minlength=answers.shape[1] * (m + 1)).reshape(-1, m + 1)[:, 1:]
        return pd.DataFrame(counts.astype(np.int64), index=list(answers.columns), columns=g)
    counts = np.zeros((answers.shape[1], m), dtype=np.int64)
    for c, col in enumerate(answers.columns):  # loop over factors (~30), never over respondents
        s = answers[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            lut = np.array([g.index(x) if x in g else -1 for x in s.cat.categories] + [-1], dtype=np.int64)
            codes = lut[s.cat.codes.to_numpy()]  # code -1 (missing) picks the trailing -1
        else:
            codes = np.asarray(pd.Index(g).get_indexer(s), dtype=np.int64)  # -1: missing or not a grade
        unmatched = np.flatnonzero(codes < 0)  # missing answers and non-grades: usually few
        first = _first_answer(s.iloc[unmatched].to_numpy(dtype=object))
        if first is not None:
            r = int(unmatched[first])
            raise _not_a_grade(col, answers.index[r], s.iloc[r], g)
        counts[c] = np.bincount(codes + 1, minlength=m + 1)[1:]
    return pd.DataFrame(counts, index=list(answers.columns), columns=g)


def _first_answer(values: np.ndarray) -> int | None:
    """Position of the first value that is neither missing nor blank (among cells that matched no grade)."""
    wrong = ~pd.isna(values) & ~np.array([isinstance(v, str) and v.strip() == "" for v in values], dtype=bool)
    return int(np.argmax(wrong)) if wrong.any() else None


def _not_a_grade(column: Any, row: Any, value: Any, grades: list) -> CsatInputError:
    return CsatInputError(
        f"answers: column {column!r}, row {row}: {describe_values([value])} is not one of the grades "
        f"({describe_values(grades, 10)}); recode it or mark it missing"
    )


def membership_matrix(answers: pd.DataFrame, grades: Sequence[Any]) -> pd.DataFrame:
    """R (单因素评判矩阵), factors × grades: r_ij = n_ij / N_i (spec §2).

    N_i counts the *valid* answers to factor i, so each row sums to 1 and
    missing answers are ignored. Rows follow the column order of ``answers``,
    columns follow ``grades`` (their order is data: worst → best or as given).
    Raises for an answer outside ``grades`` and for a factor with N_i = 0.

    >>> df = pd.DataFrame({"q1": ["好", "好", "差", None], "q2": ["一般", "好", "好", "好"]})
    >>> membership_matrix(df, ["好", "一般", "差"]).round(3).to_numpy().tolist()
    [[0.667, 0.0, 0.333], [0.75, 0.25, 0.0]]
    """
    counts = grade_counts(answers, grades)
    n_valid = counts.sum(axis=1)
    empty = n_valid == 0
    if empty.any():
        col = n_valid.index[int(np.argmax(empty.to_numpy()))]
        raise CsatInputError(f"answers: column {col!r} has no valid answers (N_i = 0); drop it or collect answers")
    R = counts.div(n_valid, axis=0).astype(float)
    R.index.name = "factor"
    R.columns.name = "grade"
    return R


# ----------------------------------------------------------------------------- composition
def _R_as_float(R: Any, rows: list | None, cols: list | None) -> np.ndarray:
    """R as floats; a non-numeric (or boolean) entry raises naming its factor and grade."""
    if isinstance(R, (pd.DataFrame, np.ndarray)):
        raw = R.to_numpy() if isinstance(R, pd.DataFrame) else R
    else:
        try:  # object dtype keeps "0.5" and True from being coerced silently
            raw = np.asarray(R, dtype=object)
        except ValueError:
            raise CsatInputError("R: rows have different lengths; R must be a factors x grades matrix") from None
    if raw.ndim != 2:
        raise CsatInputError(f"R: expected a 2-D matrix (factors x grades), got shape {raw.shape}")
    if raw.dtype.kind in "iuf":
        return raw.astype(float)
    out = np.empty(raw.shape)
    for (r, c), v in np.ndenumerate(raw):  # mixed input only; R is small (factors x grades)
        if v is None or v is pd.NA:
            out[r, c] = np.nan  # reported by _check_R as missing
        elif is_number(v):
            out[r, c] = float(v)
        else:
            raise CsatInputError(
                f"R: cell ({_name(rows, r)}, {_name(cols, c)}) is {v!r}, not a number; memberships are shares "
                f"in [0, 1]"
            )
    return out


def _check_R(R: Any, n_weights: int | None, *, check_rows: bool, w_labels: list | None = None) -> tuple[np.ndarray, list | None, list | None]:
    """Validate a membership matrix: numeric, finite, r_ij in [0, 1], rows summing to 1 (spec §3)."""
    if isinstance(R, pd.DataFrame):
        rows, cols = list(R.index), list(R.columns)
        arr = _R_as_float(R, rows, cols)
        if w_labels is not None and set(map(str, w_labels)) == set(map(str, cols)) and set(map(str, w_labels)) != set(map(str, rows)):
            raise CsatInputError(
                "R looks transposed: its columns are the factors; R must be factors x grades (use R.T)"
            )
    else:
        rows = cols = None
        arr = _R_as_float(R, rows, cols)
    n, m = arr.shape
    if n_weights is not None and n != n_weights:
        if m == n_weights:
            raise CsatInputError(
                f"R looks transposed: it is {n} x {m} but there are {n_weights} weights; R must be factors x grades "
                f"({n_weights} rows), so use R.T"
            )
        raise CsatInputError(f"R: has {n} rows (factors) but there are {n_weights} weights")
    if not np.all(np.isfinite(arr)):
        r, c = (int(x) for x in np.argwhere(~np.isfinite(arr))[0])
        raise CsatInputError(f"R: cell ({_name(rows, r)}, {_name(cols, c)}) is missing or infinite")
    bad = (arr < 0) | (arr > 1)
    if bad.any():
        r, c = (int(x) for x in np.argwhere(bad)[0])
        counts = bool(np.all(arr == np.round(arr)) and arr.max() > 1)
        raise CsatInputError(
            f"R: cell ({_name(rows, r)}, {_name(cols, c)}) is {arr[r, c]:g}; memberships must lie in [0, 1]"
            + (" (these look like counts: pass shares, each row divided by its number of valid answers, or build R "
               "with fuzzy.membership_matrix)" if counts else "")
        )
    if check_rows:
        sums = arr.sum(axis=1)
        off = np.abs(sums - 1) > 1e-6
        if off.any():
            r = int(np.argmax(off))
            raise CsatInputError(
                f"R: row {_name(rows, r)} sums to {sums[r]:.6g}, not 1 (off by {sums[r] - 1:+.6g}); each factor's "
                f"memberships must sum to 1 (pass check_rows=False for expert memberships)"
            )
    return arr, rows, cols


def _name(labels: list | None, k: int) -> str:
    return repr(labels[k]) if labels is not None else str(k)


def _compose_raw(a: np.ndarray, r: np.ndarray, operator: str) -> np.ndarray:
    if operator == "weighted_average":
        return np.minimum(1.0, a @ r)
    if operator == "max_min":
        return np.minimum(a[:, None], r).max(axis=0)
    if operator == "max_product":
        return (a[:, None] * r).max(axis=0)
    if operator == "bounded_sum":
        return np.minimum(1.0, np.minimum(a[:, None], r).sum(axis=0))
    if operator == "balanced":
        r0 = r.sum(axis=0)
        safe = np.where(r0 > 0, r0, 1.0)
        return np.where(r0 > 0, np.minimum(a[:, None], r / safe).sum(axis=0), 0.0)
    raise CsatInputError(f"operator: {operator!r} is not one of {', '.join(OPERATORS)}")


def _auto_normalize(operator: str, normalize: bool | None) -> bool:
    if normalize is None:
        return operator != "weighted_average"
    if not isinstance(normalize, (bool, np.bool_)):
        raise CsatInputError(f"normalize: must be None (auto), True or False, got {normalize!r}")
    return bool(normalize)


def compose(
    weights: Any,
    R: Any,
    operator: Operator = "weighted_average",
    normalize: bool | None = None,
    *,
    check_rows: bool = True,
) -> np.ndarray | pd.Series:
    """B = A ∘ R (综合评价向量) with the chosen operator (spec §3).

    ======================  ========  ==============================================
    operator                model     b_j
    ======================  ========  ==============================================
    ``weighted_average``    M(·,⊕)    min(1, Σ_i a_i r_ij)   (default, 加权平均型)
    ``max_min``             M(∧,∨)    max_i min(a_i, r_ij)   (主因素决定型)
    ``max_product``         M(·,∨)    max_i a_i r_ij         (主因素突出型)
    ``bounded_sum``         M(∧,⊕)    min(1, Σ_i min(a_i, r_ij)) (取小上界和型)
    ``balanced``            —         Σ_i min(a_i, r_ij / r_0j), r_0j = Σ_k r_kj (均衡平均型)
    ======================  ========  ==============================================

    ``normalize=None`` (auto) rescales B to sum 1 for every operator except
    ``weighted_average``; ``True`` always, ``False`` never (raw textbook B).
    Weights must be >= 0 and sum to 1 (± 1e-6): they are never renormalised.
    A labelled R (DataFrame) gives a Series indexed by grade that carries its
    settings in ``B.attrs`` (operator, normalized); plain arrays give a plain
    ``np.ndarray``, as the spec's API (§12) fixes, so the caller's own
    arguments are the record of the settings.

    >>> compose([.1, .2, .3, .4], [[.2, .5, .2, .1], [.7, .2, .1, 0], [0, .4, .5, .1], [.2, .3, .5, 0]],
    ...         "max_min", normalize=False).tolist()   # textbook Ex. 8.4, group 1
    [0.2, 0.3, 0.4, 0.1]
    """
    if operator not in OPERATORS:
        raise CsatInputError(f"operator: {operator!r} is not one of {', '.join(OPERATORS)}")
    w_labels = list(weights.index) if isinstance(weights, pd.Series) else None
    if isinstance(weights, pd.Series) and isinstance(R, pd.DataFrame) and set(weights.index) == set(R.index):
        weights = weights.reindex(R.index)
    a = as_float_array(weights, "weights")
    if a.ndim != 1:
        raise CsatInputError(f"weights: expected a 1-D vector, got shape {a.shape}")
    r, rows, cols = _check_R(R, a.size, check_rows=check_rows, w_labels=w_labels)
    if w_labels is not None and rows is not None and set(map(str, w_labels)) != set(map(str, rows)):
        only_w = [x for x in w_labels if x not in rows]
        raise CsatInputError(f"weights and R do not line up: weights for {describe_values(only_w)} have no row in R")
    a = require_weights(a, "weights")
    b = _compose_raw(a, r, operator)
    if _auto_normalize(operator, normalize):
        total = b.sum()
        if total <= 0:
            raise CsatInputError("B is all zero and cannot be normalised; check the weights and R")
        b = b / total
    if cols is not None:
        out = pd.Series(b, index=cols, name="B")
        out.attrs.update(operator=operator, normalized=_auto_normalize(operator, normalize))
        return out
    return b


# ----------------------------------------------------------------------------- hierarchy
@dataclass(frozen=True, eq=False)
class HierarchyResult:
    """A multi-level evaluation: the overall B, every node's B, R, global weights, operators."""

    B: pd.Series
    node_B: pd.DataFrame
    R: pd.DataFrame
    global_weights: pd.Series
    operators: dict[str, str]
    normalize: bool | None = None
    heights: dict[str, int] | None = None

    def settings(self) -> str:
        """The settings that produced B (print beside the numbers)."""
        ops = ", ".join(f"{k}: {v}" for k, v in self.operators.items())
        norm = {None: "auto", True: "always", False: "never"}[self.normalize]
        return f"operators by node -> {ops}; normalisation: {norm}"


def _is_group(node: Any) -> bool:
    return isinstance(node, Mapping) and "children" in node


def _walk(tree: Mapping, path: str = ROOT) -> list[tuple[str, str]]:
    """(leaf, parent) pairs in tree order, validating structure."""
    if not isinstance(tree, Mapping):
        raise CsatInputError(f"tree: node {path!r} must be a dict of children, got {type(tree).__name__}")
    if len(tree) == 0:
        raise CsatInputError(f"tree: group {path!r} is empty; every group needs at least one child")
    kinds = {_is_group(v) for v in tree.values()}
    if len(kinds) > 1:
        raise CsatInputError(
            f"tree: group {path!r} mixes sub-groups and leaf columns; put leaves inside their own group"
        )
    out: list[tuple[str, str]] = []
    if kinds == {True}:
        for name, node in tree.items():
            extra = set(node) - {"weight", "children"}
            if extra or "weight" not in node:
                raise CsatInputError(
                    f"tree: group {name!r} must be {{'weight': w, 'children': {{...}}}}"
                    + (f" (unexpected keys: {sorted(map(str, extra))})" if extra else " (no 'weight')")
                )
            out += _walk(node["children"], str(name))
    else:
        out += [(str(k), path) for k in tree]
    return out


def tree_leaves(tree: Mapping) -> list[str]:
    """The leaf column names of a factor tree, in tree order.

    >>> tree_leaves({"A": {"weight": 0.5, "children": {"a1": 0.6, "a2": 0.4}}, "B": {"weight": 0.5, "children": {"b1": 1.0}}})
    ['a1', 'a2', 'b1']
    """
    return [leaf for leaf, _ in _walk(tree)]


def _node_weights(children: Mapping, path: str) -> tuple[list[str], np.ndarray]:
    names = [str(k) for k in children]
    if all(_is_group(v) for v in children.values()):
        raw = [v["weight"] for v in children.values()]
    else:
        raw = list(children.values())
    booleans = [x for x in raw if isinstance(x, (bool, np.bool_))]
    if booleans:
        raise CsatInputError(f"tree: weights under {path!r} must be numbers, got the boolean {booleans[0]!r}")
    try:
        w = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise CsatInputError(f"tree: weights under {path!r} must be numbers, got {describe_values(raw)}") from None
    if np.any(~np.isfinite(w)) or np.any(w < 0):
        raise CsatInputError(f"tree: weights under {path!r} must be finite and >= 0, got {describe_values(raw)}")
    total = float(w.sum())
    if abs(total - 1) > 1e-6:
        raise CsatInputError(
            f"tree: the weights under {path!r} ({', '.join(names)}) sum to {total:.6g}, not 1 "
            f"(off by {total - 1:+.6g}); normalise them (they are never rescaled silently)"
        )
    return names, w


def evaluate_hierarchy(
    tree: Mapping,
    answers: pd.DataFrame | None,
    grades: Sequence[Any],
    operators: str | Sequence[str] | Mapping[str, str] = "weighted_average",
    normalize: bool | None = None,
    *,
    R: pd.DataFrame | None = None,
    check_rows: bool = True,
) -> HierarchyResult:
    """Multi-level fuzzy evaluation over a factor tree (spec §4).

    ``tree`` is ``{group: {"weight": w, "children": {...}}}``, recursive; the
    lowest groups hold leaves ``{column: weight}``. Steps: B_i = A_i ∘ R_i in
    each lowest group (一级), normalised unless the operator is
    ``weighted_average`` (or as ``normalize`` says); then each parent treats its
    children's B as rows of a new R (二级) and so on up to the root, called
    ``"overall"``. ``operators`` is one name, a list indexed by height − 1
    (0 = lowest groups), or a dict {node: name} (unlisted nodes use
    ``weighted_average``). R is built from ``answers`` by
    :func:`membership_matrix`, or passed directly as ``R=`` (Delphi panel),
    validated like :func:`compose`'s R: numbers in [0, 1] whose rows sum to 1
    (``check_rows=False`` for expert memberships); counts are rejected.
    Every leaf must be a column of ``answers`` (other columns are ignored).
    Group names must be unique, differ from every leaf and from ``"overall"``.
    """
    g = _check_grades(grades)
    if not isinstance(tree, Mapping):
        raise CsatInputError(f"tree: expected a dict {{group: {{'weight': w, 'children': {{...}}}}}}, got {type(tree).__name__}")
    pairs = _walk(tree)
    leaves = [leaf for leaf, _ in pairs]
    dup = [x for i, x in enumerate(leaves) if x in leaves[:i]]
    if dup:
        raise CsatInputError(f"tree: leaf {describe_values(dup)} appears in more than one group")
    _check_node_names(_all_nodes(tree), leaves)
    if R is None:
        if not isinstance(answers, pd.DataFrame):
            raise CsatInputError("answers: expected the survey DataFrame (or pass R= for a membership matrix)")
        missing = [c for c in leaves if c not in answers.columns]
        if missing:
            raise CsatInputError(
                f"tree and survey do not match: leaves {describe_values(missing, 8)} are not columns of answers "
                f"(columns: {describe_values([str(c) for c in answers.columns], 8)})"
            )
        Rm = membership_matrix(answers[leaves], g)
    else:
        if not isinstance(R, pd.DataFrame):
            raise CsatInputError("R: pass a DataFrame with the leaves as index and the grades as columns")
        if list(R.columns) != g:
            raise CsatInputError(f"R: columns {list(R.columns)} must be the grades {g}, in that order")
        missing = [c for c in leaves if c not in R.index]
        if missing:
            raise CsatInputError(f"tree and R do not match: leaves {describe_values(missing, 8)} are not rows of R")
        if R.index.duplicated().any():
            raise CsatInputError(f"R: row {describe_values(list(R.index[R.index.duplicated()]))} appears more than once")
        arr, _, _ = _check_R(R.loc[leaves], None, check_rows=check_rows)
        Rm = pd.DataFrame(arr, index=leaves, columns=g)
        Rm.index.name, Rm.columns.name = "factor", "grade"
    norm_setting = normalize
    node_B: dict[str, np.ndarray] = {}
    used: dict[str, str] = {}
    heights: dict[str, int] = {}
    gw: dict[str, float] = {}

    def op_for(node: str, h: int) -> str:
        if isinstance(operators, str):
            op = operators
        elif isinstance(operators, Mapping):
            op = operators.get(node, "weighted_average")
        elif isinstance(operators, Sequence):
            if h - 1 >= len(operators):
                raise CsatInputError(
                    f"operators: the tree has {max_height} levels but only {len(operators)} operators were given"
                )
            op = operators[h - 1]
        else:
            raise CsatInputError(f"operators: expected a name, a list or a dict, got {type(operators).__name__}")
        if op not in OPERATORS:
            raise CsatInputError(f"operators: {op!r} (node {node!r}) is not one of {', '.join(OPERATORS)}")
        return op

    def height(children: Mapping) -> int:
        if all(_is_group(v) for v in children.values()):
            return 1 + max(height(v["children"]) for v in children.values())
        return 1

    max_height = height(tree)
    if isinstance(operators, Mapping):
        known = set(_all_nodes(tree)) | {ROOT}
        unknown = [k for k in operators if k not in known]
        if unknown:
            raise CsatInputError(f"operators: no node named {describe_values(unknown)} (nodes: {describe_values(sorted(known), 12)})")

    def visit(children: Mapping, node: str, scale: float) -> np.ndarray:
        names, w = _node_weights(children, node)
        h = height(children)
        heights[node] = h
        if h == 1:
            rows = Rm.loc[names].to_numpy(dtype=float)
            for nm, wi in zip(names, w):
                gw[nm] = scale * float(wi)
        else:
            rows = np.vstack([visit(children[k]["children"], nm, scale * float(wi))
                              for k, nm, wi in zip(children, names, w)])
        op = op_for(node, h)
        used[node] = op
        b = _compose_raw(w, rows, op)
        if _auto_normalize(op, norm_setting):
            total = b.sum()
            if total <= 0:
                raise CsatInputError(f"B of node {node!r} is all zero and cannot be normalised")
            b = b / total
        node_B[node] = b
        return b

    B = visit(tree, ROOT, 1.0)
    order = [n for n in _all_nodes(tree)] + [ROOT]
    nb = pd.DataFrame([node_B[n] for n in order], index=order, columns=g)
    nb.index.name = "node"
    return HierarchyResult(
        B=pd.Series(B, index=g, name="B"),
        node_B=nb,
        R=Rm,
        global_weights=pd.Series([gw[leaf] for leaf in leaves], index=leaves, name="global weight"),
        operators={n: used[n] for n in order},
        normalize=norm_setting,
        heights={n: heights[n] for n in order},
    )


def _check_node_names(groups: list[str], leaves: list[str]) -> None:
    """Node B, operators and heights are keyed by name, so group names must not collide."""
    dup = sorted({x for i, x in enumerate(groups) if x in groups[:i]})
    if dup:
        raise CsatInputError(f"tree: group name {describe_values(dup)} is used more than once; give each group its own name")
    if ROOT in groups:
        raise CsatInputError(f"tree: a group is named {ROOT!r}, the name of the root; rename it")
    clash = [x for x in groups if x in set(leaves)]
    if clash:
        raise CsatInputError(
            f"tree: group name {describe_values(clash)} is also a leaf (survey column); rename the group"
        )


def _all_nodes(tree: Mapping) -> list[str]:
    """Group names, children before parents (post-order)."""
    out: list[str] = []
    for name, node in tree.items():
        if _is_group(node):
            out += _all_nodes(node["children"])
            out.append(str(name))
    return out


# ----------------------------------------------------------------------------- reading B
@dataclass(frozen=True)
class Verdict:
    """Reading of B: max-membership grade with its validity, and the weighted score.

    The settings that produced it are kept: ``grade_values`` (c), ``k`` and
    ``min_alpha`` (the α threshold behind ``valid``).
    """

    grade: Any
    membership: float
    alpha: float
    valid: bool
    tied: tuple
    score: float
    grade_values: dict
    k: float
    min_alpha: float = 0.5

    def __str__(self) -> str:
        ok = "valid" if self.valid else "NOT valid (weak or tied; report the score)"
        return (f"max membership: {self.grade} ({self.membership:.3f}), α = {self.alpha:.3f} -> {ok}; "
                f"weighted score S = {self.score:.3f} (k = {self.k:g})")


def validity_index(B: Any) -> float:
    """α = (mβ − 1) / (2γ(m − 1)) on normalised B (β largest, γ second largest); ∞ when γ = 0.

    >>> round(validity_index([.26, .25, .24, .25]), 3)
    0.027
    """
    b = as_float_array(B, "B", ndim=1)
    if not np.all(np.isfinite(b)):
        raise CsatInputError(f"B: position {int(np.argmax(~np.isfinite(b)))} is missing or infinite")
    if b.size < 2 or np.any(b < 0) or b.sum() <= 0:
        raise CsatInputError("B: needs at least two memberships >= 0 with a positive sum")
    b = b / b.sum()
    s = np.sort(b)[::-1]
    beta, gamma = float(s[0]), float(s[1])
    m = b.size
    if gamma == 0:
        return float("inf")
    return (m * beta - 1) / (2 * gamma * (m - 1))


def verdict(
    B: Any,
    grades: Sequence[Any],
    grade_values: Sequence[float] | Mapping[Any, float] | None = None,
    *,
    k: float = 1,
    min_alpha: float = 0.5,
) -> Verdict:
    """Read B (spec §5): maximum membership, validity α, weighted score.

    - ``grade`` is the grade at argmax b (the first if tied); ``tied`` lists ties;
    - ``valid`` = α >= ``min_alpha`` and no tie (``min_alpha`` is recorded in the result);
    - ``score`` S = Σ b_j^k c_j / Σ b_j^k with c = ``grade_values`` (positions
      1..m by default; a dict keyed by grade guards against reversed order).

    >>> v = verdict([.205, .32, .39, .085], ["很欢迎", "欢迎", "一般", "不欢迎"])   # SPSSAU case
    >>> v.grade, round(v.alpha, 4), v.valid, round(v.score, 3)
    ('一般', 0.2917, False, 2.355)
    """
    g = _check_grades(grades)
    if isinstance(B, pd.Series):
        if list(B.index) != g:
            if set(B.index) == set(g):
                raise CsatInputError(f"B: its grades are in the order {list(B.index)}, not {g}; reorder with B[grades]")
            raise CsatInputError(f"B: its labels {list(B.index)} are not the grades {g}")
    b = as_float_array(B, "B", ndim=1)
    if b.size != len(g):
        raise CsatInputError(f"B: has {b.size} memberships but there are {len(g)} grades")
    if not np.all(np.isfinite(b)) or np.any(b < 0) or b.sum() <= 0:
        raise CsatInputError("B: memberships must be finite, >= 0 and not all zero")
    if isinstance(grade_values, Mapping):
        extra = [x for x in grade_values if x not in g]
        missing = [x for x in g if x not in grade_values]
        if extra or missing:
            raise CsatInputError(
                f"grade_values: keys must be exactly the grades (missing: {describe_values(missing)}; "
                f"not grades: {describe_values(extra)})"
            )
        c = np.array([float(grade_values[x]) for x in g])
    elif grade_values is None:
        c = np.arange(1, len(g) + 1, dtype=float)
    else:
        c = as_float_array(grade_values, "grade_values", ndim=1)
        if c.size != len(g):
            raise CsatInputError(f"grade_values: {c.size} values for {len(g)} grades")
    if not is_number(k) or not np.isfinite(k) or k <= 0:
        raise CsatInputError(f"k: must be a positive number, got {k!r}")
    if not is_number(min_alpha) or not np.isfinite(min_alpha) or min_alpha < 0:
        raise CsatInputError(f"min_alpha: must be a number >= 0 (the spec's default is 0.5), got {min_alpha!r}")
    top = b.max()
    tied_idx = np.flatnonzero(np.abs(b - top) <= 1e-12)
    alpha = validity_index(b)
    bk = b**k
    score = float(bk @ c / bk.sum())
    return Verdict(
        grade=g[int(tied_idx[0])],
        membership=float(top),
        alpha=float(alpha),
        valid=bool(alpha >= min_alpha and tied_idx.size == 1),
        tied=tuple(g[i] for i in tied_idx) if tied_idx.size > 1 else (),
        score=score,
        grade_values=dict(zip(g, c.tolist())),
        k=float(k),
        min_alpha=float(min_alpha),
    )
