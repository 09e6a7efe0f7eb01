"""Analytic Hierarchy Process (层次分析法, AHP): weights from pairwise judgments.

Implements ``specs/fuzzy_ahp.md`` §6. A pairwise-comparison matrix holds
``a_ij`` = importance of row *i* over column *j* on Saaty's 1-9 scale, with
``a_ii = 1`` and ``a_ji = 1/a_ij``. Entries may be numbers or strings such as
``"1/3"`` (parsed with :class:`fractions.Fraction`, never ``eval``).

- :func:`priority_vector`: weights (eigenvector 特征根法, geometric 根法 or
  arithmetic 和法), the exact Perron root λmax, CI = (λmax − n)/(n − 1),
  RI(n) from a named table and CR = CI/RI (Saaty 1990, EJOR 48:9-26).
- :func:`suggest_revision`: which single judgment, moved to another Saaty
  scale value, lowers CR the most.
- :func:`aggregate_judges` (AIJ, element-wise geometric mean, Aczél & Saaty
  1983), :func:`aggregate_priorities` (AIP), :func:`complete_matrix`
  (λmax-minimising, Bozóki, Fülöp & Rónyai 2010; or Harker 1987),
  :func:`synthesize` (alternatives), :func:`hierarchy_weights` and
  :func:`hierarchy_cr` (层次总排序).

>>> r = priority_vector([[1, "1/2", "1/2"], [2, 1, 1], [2, 1, 1]])
>>> r.weights.round(3).tolist(), r.cr, r.consistent
([0.2, 0.4, 0.4], 0.0, True)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import pandas as pd

from .errors import CsatInputError
from .validation import describe_values, is_number, require_weights

__all__ = [
    "AhpResult",
    "Revision",
    "RI_TABLES",
    "SAATY_SCALE",
    "random_index",
    "parse_judgment",
    "check_pairwise",
    "from_upper",
    "priority_vector",
    "suggest_revision",
    "aggregate_judges",
    "aggregate_priorities",
    "judges_report",
    "complete_matrix",
    "synthesize",
    "hierarchy_weights",
    "hierarchy_cr",
]

Method = Literal["eigen", "geometric", "arithmetic"]
METHODS: tuple[str, ...] = ("eigen", "geometric", "arithmetic")

#: Random consistency index RI(n), n = 3..15 (n <= 2 is always 0); spec §6.3.
RI_TABLES: dict[str, dict[int, float]] = {
    "saaty1980": dict(zip(range(3, 16), (0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59))),
    "saaty2005": dict(zip(range(3, 16), (0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59))),
    "donegan_dodd": dict(
        zip(
            range(3, 16),
            (0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822, 1.4969),
        )
    ),
    "ahpanplib": dict(zip(range(3, 16), (0.52, 0.89, 1.12, 1.25, 1.35, 1.40, 1.45, 1.49, 1.51, 1.54, 1.56, 1.57, 1.58))),
    "cn_variant": dict(zip(range(3, 16), (0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59))),
}

#: Saaty's 1-9 scale with reciprocals, ascending: 1/9 … 1/2, 1, 2 … 9
SAATY_SCALE: tuple[float, ...] = tuple([1 / k for k in range(9, 1, -1)] + list(range(1, 10)))


# ----------------------------------------------------------------------------- result types
@dataclass(frozen=True, eq=False)
class AhpResult:
    """Weights and consistency of one pairwise matrix, with the settings that produced them."""

    weights: np.ndarray
    lambda_max: float
    ci: float
    ri: float
    cr: float
    consistent: bool
    method: str = "eigen"
    ri_table: str = "saaty1980"
    labels: tuple[str, ...] | None = None
    lambda_method: str = "exact"
    cr_threshold: float = 0.10
    matrix: np.ndarray | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return int(self.weights.size)

    @property
    def series(self) -> pd.Series:
        """The weights as a Series indexed by the labels (0..n-1 without labels)."""
        idx = list(self.labels) if self.labels is not None else list(range(self.n))
        return pd.Series(self.weights, index=idx, name="weight")

    def summary(self, digits: int = 4) -> str:
        """One line per figure, settings included (for printing in notebooks)."""
        verdict = "consistent" if self.consistent else "NOT consistent (revise judgments)"
        return (
            f"method={self.method}, RI table={self.ri_table}, λmax ({self.lambda_method})={self.lambda_max:.{digits}f}, "
            f"CI={self.ci:.{digits}f}, RI={self.ri:g}, CR={self.cr:.{digits}f} -> {verdict} "
            f"(threshold CR < {self.cr_threshold:g})"
        )

    def __repr__(self) -> str:
        w = ", ".join(f"{x:.4f}" for x in self.weights)
        return f"AhpResult(weights=[{w}], {self.summary()})"


@dataclass(frozen=True)
class Revision:
    """The single judgment whose change lowers CR most (see :func:`suggest_revision`)."""

    row: int
    col: int
    row_label: str
    col_label: str
    current: float
    suggested: float
    suggested_text: str
    cr_before: float
    cr_after: float
    consistent_value: float

    def __str__(self) -> str:
        return (
            f"revise cell ({self.row}, {self.col}) [{self.row_label} vs {self.col_label}]: "
            f"{_fmt_judgment(self.current)} -> {self.suggested_text} lowers CR from {self.cr_before:.3f} "
            f"to {self.cr_after:.3f} (the weights imply about {self.consistent_value:.2f})"
        )


# ----------------------------------------------------------------------------- parsing
def parse_judgment(value: Any, where: str = "value") -> float:
    """One judgment as a float: numbers, Fractions or strings like ``"1/3"``, ``"5"``, ``"0.5"``.

    Empty strings and None become NaN (a missing judgment). Never uses ``eval``.

    >>> parse_judgment("1/3") == 1 / 3, parse_judgment(" 7 "), parse_judgment("")
    (True, 7.0, nan)
    """
    if value is None:
        return math.nan
    if isinstance(value, (bool, np.bool_)):
        raise CsatInputError(f"{where}: {value!r} is not a judgment; use a number such as 3 or '1/3'")
    if isinstance(value, (int, float, np.integer, np.floating, Fraction)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text == "" or text.lower() in {"nan", "na", "none"}:
            return math.nan
        try:
            return float(Fraction(text.replace(" ", "")))
        except (ValueError, ZeroDivisionError):
            raise CsatInputError(
                f"{where}: {value!r} is not a judgment; write a number or a fraction such as '1/3'"
            ) from None
    raise CsatInputError(f"{where}: {value!r} ({type(value).__name__}) is not a judgment")


def _fmt_judgment(x: float) -> str:
    if x >= 1:
        return f"{x:g}" if abs(x - round(x)) < 1e-9 else f"{x:.3g}"
    inv = 1 / x
    return f"1/{round(inv)}" if abs(inv - round(inv)) < 1e-9 else f"{x:.3g}"


def _read_matrix(matrix: Any, name: str = "matrix") -> tuple[np.ndarray, tuple[str, ...] | None]:
    """Float array (NaN allowed) and labels of a square matrix given in any accepted form."""
    labels: tuple[str, ...] | None = None
    if isinstance(matrix, pd.DataFrame):
        if list(matrix.index) != list(matrix.columns):
            raise CsatInputError(
                f"{name}: row labels {describe_values([str(x) for x in matrix.index], 8)} and column labels "
                f"{describe_values([str(x) for x in matrix.columns], 8)} must be the same, in the same order"
            )
        labels = tuple(str(c) for c in matrix.columns)
        raw = matrix.to_numpy(dtype=object)
    else:
        try:
            raw = np.asarray(matrix, dtype=object)
        except ValueError:
            raise CsatInputError(f"{name}: rows have different lengths; a square n x n matrix is needed") from None
    if raw.ndim != 2:
        raise CsatInputError(f"{name}: expected a square 2-D matrix, got shape {raw.shape}")
    if raw.shape[0] != raw.shape[1]:
        raise CsatInputError(f"{name}: is {raw.shape[0]} x {raw.shape[1]}, not square; pairwise matrices are n x n")
    if raw.shape[0] == 0:
        raise CsatInputError(f"{name}: is empty; at least one item is needed")
    n = raw.shape[0]
    out = np.empty((n, n), dtype=float)
    for i in range(n):  # n <= 15: a loop over cells, not respondents
        for j in range(n):
            out[i, j] = parse_judgment(raw[i, j], f"{name}: cell ({i}, {j}){_cell_labels(labels, i, j)}")
    return out, labels


def _cell_labels(labels: Sequence[str] | None, i: int, j: int) -> str:
    return f" [{labels[i]} vs {labels[j]}]" if labels is not None else ""


def _wrap(arr: np.ndarray, labels: tuple[str, ...] | None) -> np.ndarray | pd.DataFrame:
    if labels is None:
        return arr
    return pd.DataFrame(arr, index=list(labels), columns=list(labels))


# ----------------------------------------------------------------------------- validation
def check_pairwise(matrix: Any, *, rtol: float = 0.01, name: str = "matrix") -> np.ndarray:
    """Validate a pairwise-comparison matrix and return it as floats.

    Raises :class:`CsatInputError` naming the 0-based cell (and its labels) when
    the matrix is not square, an entry is missing (NaN), infinite or <= 0, a
    diagonal entry is not 1 (± 1e-9), or ``|a_ij · a_ji − 1| > rtol`` (the
    default 0.01 accepts 2-dp reciprocals such as 0.33). Values outside
    [1/9, 9] only warn.

    >>> check_pairwise([[1, 3], [0.5, 1]])
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: matrix: cells (0, 1) and (1, 0) are not reciprocal: 3 x 0.5 = 1.5, should be 1 (a_ji = 1/a_ij; tolerance 0.01)
    """
    a, labels = _read_matrix(matrix, name)
    _check_values(a, labels, rtol=rtol, name=name, allow_nan=False)
    return a


def _check_values(a: np.ndarray, labels: tuple[str, ...] | None, *, rtol: float, name: str, allow_nan: bool) -> None:
    n = a.shape[0]
    nan = np.isnan(a)
    if nan.any() and not allow_nan:
        i, j = (int(x) for x in np.argwhere(nan)[0])
        raise CsatInputError(
            f"{name}: cell ({i}, {j}){_cell_labels(labels, i, j)} is missing (NaN); fill it in, or estimate "
            f"missing judgments with ahp.complete_matrix"
        )
    bad = ~nan & (~np.isfinite(a) | (a <= 0))
    if bad.any():
        i, j = (int(x) for x in np.argwhere(bad)[0])
        raise CsatInputError(
            f"{name}: cell ({i}, {j}){_cell_labels(labels, i, j)} is {a[i, j]:g}; judgments must be finite and > 0 "
            f"(Saaty scale 1/9 … 9)"
        )
    diag = np.diag(a)
    off = ~np.isnan(diag) & (np.abs(diag - 1) > 1e-9)
    if off.any():
        i = int(np.argmax(off))
        raise CsatInputError(
            f"{name}: diagonal cell ({i}, {i}){_cell_labels(labels, i, i)} is {a[i, i]:g}; an item compared with "
            f"itself must be 1"
        )
    prod = a * a.T
    nonrec = ~np.isnan(prod) & (np.abs(prod - 1) > rtol + 1e-12)
    nonrec = np.triu(nonrec, 1)
    if nonrec.any():
        i, j = (int(x) for x in np.argwhere(nonrec)[0])
        raise CsatInputError(
            f"{name}: cells ({i}, {j}) and ({j}, {i}){_cell_labels(labels, i, j)} are not reciprocal: "
            f"{a[i, j]:g} x {a[j, i]:g} = {prod[i, j]:g}, should be 1 (a_ji = 1/a_ij; tolerance {rtol:g})"
        )
    finite = a[~nan]
    if finite.size and (finite.min() < 1 / 9 - 1e-9 or finite.max() > 9 + 1e-9):
        warnings.warn(f"{name}: some judgments lie outside Saaty's scale 1/9 … 9", UserWarning, stacklevel=3)


def from_upper(values: Sequence[Any], labels: Sequence[str] | None = None) -> np.ndarray | pd.DataFrame:
    """Full reciprocal matrix from the n(n−1)/2 upper-triangle judgments, row by row.

    Only the upper entries are elicited (a12, a13, …, a1n, a23, …); the
    diagonal is 1 and ``a_ji = 1/a_ij``. Missing judgments (None/"") stay NaN
    in both cells. Labelled input returns a DataFrame.

    >>> from_upper(["3", "1/2", 1]).round(3).tolist()
    [[1.0, 3.0, 0.5], [0.333, 1.0, 1.0], [2.0, 1.0, 1.0]]
    """
    vals = [parse_judgment(v, f"upper value {k}") for k, v in enumerate(values)]
    k = len(vals)
    n = int(round((1 + math.sqrt(1 + 8 * k)) / 2))
    if n * (n - 1) // 2 != k or k == 0:
        raise CsatInputError(
            f"from_upper: {k} values do not fill an upper triangle; n items need n(n-1)/2 values (1, 3, 6, 10, 15, …)"
        )
    if labels is not None and len(labels) != n:
        raise CsatInputError(f"from_upper: {len(labels)} labels given for a {n} x {n} matrix")
    a = np.eye(n)
    iu = np.triu_indices(n, 1)
    up = np.array(vals)
    bad = ~np.isnan(up) & (~np.isfinite(up) | (up <= 0))
    if bad.any():
        p = int(np.argmax(bad))
        raise CsatInputError(f"from_upper: value {p} (cell {iu[0][p]}, {iu[1][p]}) is {up[p]:g}; judgments must be > 0")
    a[iu] = up
    a[(iu[1], iu[0])] = 1 / up
    return _wrap(a, tuple(str(x) for x in labels) if labels is not None else None)


# ----------------------------------------------------------------------------- RI
def _ri_lookup(ri_table: str | Mapping[int, float]) -> tuple[str, Mapping[int, float]]:
    if isinstance(ri_table, str):
        if ri_table not in RI_TABLES:
            raise CsatInputError(f"ri_table: unknown table {ri_table!r}; choose one of {', '.join(RI_TABLES)} or pass a dict")
        return ri_table, RI_TABLES[ri_table]
    if isinstance(ri_table, Mapping):
        table: dict[int, float] = {}
        for n, ri in ri_table.items():
            ok_n = isinstance(n, (int, np.integer)) and not isinstance(n, (bool, np.bool_)) and n >= 3
            ok_ri = is_number(ri)
            if not ok_n:
                raise CsatInputError(f"ri_table: key {n!r} is not a matrix size n >= 3 (RI is 0 for n <= 2 anyway)")
            if not ok_ri or not math.isfinite(ri) or ri <= 0:
                raise CsatInputError(
                    f"ri_table: RI for n = {n} is {ri!r}; RI must be a finite number > 0 (CR = CI / RI)"
                )
            table[int(n)] = float(ri)
        return "custom", table
    raise CsatInputError(f"ri_table: expected a table name or a dict {{n: RI}}, got {type(ri_table).__name__}")


def random_index(n: int, table: str | Mapping[int, float] = "saaty1980") -> float:
    """RI(n) from a named table (or a dict); 0 for n <= 2; raises outside the table, warns for n > 9.

    >>> random_index(8), random_index(8, "donegan_dodd"), random_index(2)
    (1.41, 1.3171, 0.0)
    """
    name, tab = _ri_lookup(table)
    if n <= 2:
        return 0.0
    if n not in tab:
        raise CsatInputError(f"ri_table {name!r}: has no RI for n = {n} (covers n = {min(tab)}-{max(tab)})")
    if n > 9:
        warnings.warn(f"RI for n = {n} > 9: judgments about so many items are rarely consistent; consider sub-groups",
                      UserWarning, stacklevel=2)
    return float(tab[n])


# ----------------------------------------------------------------------------- numerics
def _perron(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Largest-real-part eigenvalue and its eigenvector, real part, scaled to sum 1."""
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    v = vecs[:, k].real
    v = v / v.sum()
    return float(vals[k].real), v


def _perron_values(stack: np.ndarray) -> np.ndarray:
    """Perron roots of a stack of matrices (…, n, n)."""
    return np.linalg.eigvals(stack).real.max(axis=-1)


def _weights(a: np.ndarray, method: str) -> np.ndarray:
    if method == "eigen":
        w = _perron(a)[1]
    elif method == "geometric":
        w = np.exp(np.log(a).mean(axis=1))
        w = w / w.sum()
    elif method == "arithmetic":
        w = (a / a.sum(axis=0)).mean(axis=1)
    else:
        raise CsatInputError(f"method: {method!r} is not one of {', '.join(METHODS)}")
    if not np.all(w > 0):
        raise CsatInputError("matrix: the priority vector has a non-positive entry; check the judgments")
    return w


def _check_threshold(cr_threshold: Any) -> None:
    if not is_number(cr_threshold) or not 0 < cr_threshold < 1:
        raise CsatInputError(f"cr_threshold: must be a number between 0 and 1, got {cr_threshold!r}")


def priority_vector(
    matrix: Any,
    method: Method = "eigen",
    *,
    ri_table: str | Mapping[int, float] = "saaty1980",
    cr_threshold: float = 0.10,
    lambda_method: Literal["exact", "approx"] = "exact",
    rtol: float = 0.01,
) -> AhpResult:
    """Priority weights and consistency of a pairwise matrix (Saaty 1990; spec §6.2-6.3).

    - ``eigen`` (特征根法): principal eigenvector, A w = λmax w, Σw = 1;
    - ``geometric`` (根法): w_i ∝ (Π_j a_ij)^(1/n);
    - ``arithmetic`` (和法): w_i = (1/n) Σ_j a_ij / Σ_k a_kj.

    λmax is the exact Perron root whatever the method (so CR belongs to the
    matrix); ``lambda_method="approx"`` gives the hand value (1/n) Σ (Aw)_i/w_i.
    CI = max(0, (λmax − n)/(n − 1)), CR = CI / RI(n), consistent iff CR < cr_threshold
    (strict, unrounded); n <= 2 is always consistent with CI = RI = CR = 0.

    >>> r = priority_vector([[1, 7, "1/5"], ["1/7", 1, "1/8"], [5, 8, 1]])  # Saaty 1990, transportation
    >>> r.weights.round(4).tolist(), round(r.lambda_max, 3), round(r.cr, 3), r.consistent
    ([0.2331, 0.0545, 0.7125], 3.247, 0.213, False)
    """
    if method not in METHODS:
        raise CsatInputError(f"method: {method!r} is not one of {', '.join(METHODS)}")
    if lambda_method not in ("exact", "approx"):
        raise CsatInputError(f"lambda_method: {lambda_method!r} is not 'exact' or 'approx'")
    _check_threshold(cr_threshold)
    a, labels = _read_matrix(matrix)
    _check_values(a, labels, rtol=rtol, name="matrix", allow_nan=False)
    n = a.shape[0]
    table_name, _ = _ri_lookup(ri_table)
    w = _weights(a, method)
    lam_exact = _perron(a)[0] if n > 1 else 1.0
    lam = float(np.mean((a @ w) / w)) if lambda_method == "approx" else lam_exact
    if n <= 2:
        ci = ri = cr = 0.0
    else:
        ri = random_index(n, ri_table)
        ci = max(0.0, (lam - n) / (n - 1)) + 0.0  # + 0.0 turns -0.0 into 0.0
        cr = ci / ri
    return AhpResult(
        weights=w,
        lambda_max=float(lam),
        ci=float(ci),
        ri=float(ri),
        cr=float(cr),
        consistent=bool(n <= 2 or cr < cr_threshold),
        method=method,
        ri_table=table_name,
        labels=labels,
        lambda_method=lambda_method,
        cr_threshold=float(cr_threshold),
        matrix=a,
    )


def suggest_revision(
    matrix: Any,
    *,
    ri_table: str | Mapping[int, float] = "saaty1980",
    scale: Sequence[float] = SAATY_SCALE,
    cr_threshold: float = 0.10,
) -> Revision | None:
    """The one judgment whose change (to another value on ``scale``) lowers CR most.

    Every upper cell (i, j) is tried at every scale value (with its reciprocal
    mirrored); the pair giving the lowest CR wins, ties going to the smallest
    change in log-judgment. ``consistent_value`` is w_i/w_j from the current
    eigenvector, the value a perfectly consistent judge would give.

    Returns None when there is nothing to revise: n <= 2 (always consistent),
    CR already below ``cr_threshold``, or no single change lowers CR (rather
    than proposing a do-nothing "2 -> 2"). Vectorised: all candidates' λmax
    are computed in one batched eigenvalue call.

    >>> rev = suggest_revision([[1, 2, 8], ["1/2", 1, "1/9"], ["1/8", 9, 1]])
    >>> (rev.row, rev.col), rev.suggested_text
    ((1, 2), '4')
    """
    a, labels = _read_matrix(matrix)
    _check_values(a, labels, rtol=0.01, name="matrix", allow_nan=False)
    n = a.shape[0]
    if n <= 2:
        return None
    _check_threshold(cr_threshold)
    ri = random_index(n, ri_table)
    lam0, w = _perron(a)
    cr0 = max(0.0, (lam0 - n) / (n - 1)) / ri
    if cr0 < cr_threshold:
        return None
    iu, ju = np.triu_indices(n, 1)
    s = np.asarray(scale, dtype=float)
    cand = np.broadcast_to(a, (iu.size, s.size, n, n)).copy()
    cells = np.arange(iu.size)
    cand[cells, :, iu, ju] = s[None, :]
    cand[cells, :, ju, iu] = 1 / s[None, :]
    lam = _perron_values(cand)
    cr = np.maximum(0.0, (lam - n) / (n - 1)) / ri
    change = np.abs(np.log(s)[None, :] - np.log(a[iu, ju])[:, None])
    cr_r = np.round(cr, 12)
    order = np.lexsort((change.ravel(), cr_r.ravel()))
    best = int(order[0])
    c, k = divmod(best, s.size)
    if cr[c, k] >= cr0 - 1e-12:  # no single judgment improves CR
        return None
    i, j = int(iu[c]), int(ju[c])
    names = labels if labels is not None else tuple(str(x) for x in range(n))
    return Revision(
        row=i,
        col=j,
        row_label=names[i],
        col_label=names[j],
        current=float(a[i, j]),
        suggested=float(s[k]),
        suggested_text=_fmt_judgment(float(s[k])),
        cr_before=float(cr0),
        cr_after=float(cr[c, k]),
        consistent_value=float(w[i] / w[j]),
    )


# ----------------------------------------------------------------------------- several judges
def _read_group(matrices: Any, name: str = "matrices") -> tuple[list[np.ndarray], tuple[str, ...] | None, list[str]]:
    if isinstance(matrices, Mapping):
        names = [str(k) for k in matrices]
        items = list(matrices.values())
    elif isinstance(matrices, (list, tuple)):
        names = [f"judge {k}" for k in range(len(matrices))]
        items = list(matrices)
    else:
        raise CsatInputError(f"{name}: expected a list or dict of pairwise matrices, got {type(matrices).__name__}")
    if not items:
        raise CsatInputError(f"{name}: the group of judges is empty; at least one matrix is needed")
    arrays, labels0 = [], None
    for k, (nm, m) in enumerate(zip(names, items)):
        a, labels = _read_matrix(m, f"{name}[{nm}]")
        _check_values(a, labels, rtol=0.01, name=f"{name}[{nm}]", allow_nan=False)
        if k == 0:
            labels0 = labels
        elif a.shape != arrays[0].shape:
            raise CsatInputError(f"{name}[{nm}]: is {a.shape[0]} x {a.shape[1]}, but the first is "
                                 f"{arrays[0].shape[0]} x {arrays[0].shape[1]}")
        elif labels is not None and labels0 is not None and labels != labels0:
            raise CsatInputError(f"{name}[{nm}]: labels {list(labels)} differ from the first judge's {list(labels0)}")
        arrays.append(a)
    return arrays, labels0, names


def aggregate_judges(matrices: Any, weights: Any = None) -> np.ndarray | pd.DataFrame:
    """AIJ: element-wise geometric mean of several judges' matrices (Aczél & Saaty 1983).

    a_ij = Π_k (a_ij^(k))^(λ_k) with judge weights λ (equal by default; they must
    sum to 1). Reciprocity is kept, which an arithmetic mean would break
    (3 and 1/3 average to 5/3 both ways).

    >>> aggregate_judges([[[1, 4], ["1/4", 1]], [[1, 1], [1, 1]]]).tolist()
    [[1.0, 2.0], [0.5, 1.0]]
    """
    arrays, labels, _ = _read_group(matrices)
    k = len(arrays)
    lam = np.full(k, 1 / k) if weights is None else require_weights(weights, "judge weights", n=k)
    logs = np.log(np.stack(arrays))
    g = np.exp(np.tensordot(lam, logs, axes=1))
    np.fill_diagonal(g, 1.0)
    return _wrap(g, labels)


def aggregate_priorities(matrices: Any, weights: Any = None, method: Method = "eigen",
                         *, mean: Literal["geometric", "arithmetic"] = "geometric") -> np.ndarray | pd.Series:
    """AIP: each judge's priority vector, averaged (geometric by default) and renormalised.

    Suits independent individuals (Forman & Peniwati 1998).

    >>> aggregate_priorities([[[1, 4], ["1/4", 1]], [[1, 1], [1, 1]]]).round(4).tolist()
    [0.6667, 0.3333]
    """
    arrays, labels, _ = _read_group(matrices)
    k = len(arrays)
    lam = np.full(k, 1 / k) if weights is None else require_weights(weights, "judge weights", n=k)
    ws = np.stack([_weights(a, method) for a in arrays])
    if mean == "geometric":
        g = np.exp(lam @ np.log(ws))
    elif mean == "arithmetic":
        g = lam @ ws
    else:
        raise CsatInputError(f"mean: {mean!r} is not 'geometric' or 'arithmetic'")
    g = g / g.sum()
    return pd.Series(g, index=list(labels), name="weight") if labels is not None else g


def judges_report(matrices: Any, weights: Any = None, *, method: Method = "eigen",
                  ri_table: str | Mapping[int, float] = "saaty1980", cr_threshold: float = 0.10) -> pd.DataFrame:
    """One row per judge plus the AIJ aggregate: weights, λmax, CR and a flag (never drops anyone)."""
    arrays, labels, names = _read_group(matrices)
    agg = aggregate_judges(matrices, weights)
    cols = list(labels) if labels is not None else [f"w{i}" for i in range(arrays[0].shape[0])]
    rows = {}
    for nm, a in list(zip(names, arrays)) + [("aggregate (AIJ)", np.asarray(agg, dtype=float))]:
        r = priority_vector(a, method, ri_table=ri_table, cr_threshold=cr_threshold)
        rows[nm] = dict(zip(cols, r.weights), lambda_max=r.lambda_max, CR=r.cr,
                        flag="" if r.consistent else f"CR >= {cr_threshold:g}")
    return pd.DataFrame.from_dict(rows, orient="index")


# ----------------------------------------------------------------------------- incomplete matrices
def _components(known: np.ndarray) -> list[list[int]]:
    n = known.shape[0]
    seen = [-1] * n
    comps: list[list[int]] = []
    for start in range(n):
        if seen[start] >= 0:
            continue
        stack, comp = [start], []
        seen[start] = len(comps)
        while stack:
            v = stack.pop()
            comp.append(v)
            for u in np.flatnonzero(known[v]):
                if seen[u] < 0:
                    seen[u] = len(comps)
                    stack.append(int(u))
        comps.append(sorted(comp))
    return comps


def complete_matrix(matrix: Any, method: Literal["lambda_min", "harker"] = "lambda_min",
                    *, tol: float = 1e-9, max_iter: int = 200) -> np.ndarray | pd.DataFrame:
    """Estimate missing judgments (NaN) of a pairwise matrix (spec §6.5).

    A missing pair is NaN in both cells; a lone NaN takes the reciprocal of its
    mirror. The known pairs must connect all items.

    - ``lambda_min`` (default; Bozóki, Fülöp & Rónyai 2010): choose the missing
      entries that minimise λmax (convex in their logarithms; damped Newton).
    - ``harker`` (Harker 1987): 0 in missing cells, a_ii = 1 + (missing in row i),
      then a_ij = w_i/w_j from that matrix's eigenvector.

    Newton stops when the largest gradient component of λmax (in the log
    entries) is below ``tol`` · λmax: a relative 1e-9 is reached in a few
    steps, while an absolute 1e-12 sits at round-off and could exhaust
    ``max_iter``.

    >>> m = [[1, 1, 5, 2], [1, 1, 3, 4], ["1/5", "1/3", 1, None], ["1/2", "1/4", None, 1]]
    >>> round(float(complete_matrix(m)[2, 3]), 4)  # AHPy README: 0.7302971
    0.7303
    """
    if method not in ("lambda_min", "harker"):
        raise CsatInputError(f"method: {method!r} is not 'lambda_min' or 'harker'")
    a, labels = _read_matrix(matrix)
    n = a.shape[0]
    nan = np.isnan(a)
    if np.isnan(np.diag(a)).any():
        a[np.diag_indices(n)] = np.where(np.isnan(np.diag(a)), 1.0, np.diag(a))
        nan = np.isnan(a)
    lone = nan & ~nan.T
    a[lone] = 1 / a.T[lone]
    nan = np.isnan(a)
    _check_values(a, labels, rtol=0.01, name="matrix", allow_nan=True)
    known = ~nan
    np.fill_diagonal(known, False)
    comps = _components(known)
    if len(comps) > 1:
        names = labels if labels is not None else tuple(str(i) for i in range(n))
        main = max(comps, key=len)
        cut = [names[i] for c in comps if c is not main for i in c]
        raise CsatInputError(
            f"matrix: the known judgments do not connect all items; {describe_values(cut, 10)} cannot be reached "
            f"from {describe_values([names[i] for i in main], 10)} (add at least one judgment linking them)"
        )
    if not nan.any():
        return _wrap(a, labels)
    iu, ju = np.nonzero(np.triu(nan, 1))
    if method == "harker":
        b = np.where(nan, 0.0, a)
        b[np.diag_indices(n)] = 1.0 + nan.sum(axis=1)
        w = _perron(b)[1]
        a[iu, ju] = w[iu] / w[ju]
        a[ju, iu] = w[ju] / w[iu]
        return _wrap(a, labels)
    x = np.zeros(iu.size)

    def fill(xv: np.ndarray) -> np.ndarray:
        b = a.copy()
        b[iu, ju] = np.exp(xv)
        b[ju, iu] = np.exp(-xv)
        return b

    def value_grad(xv: np.ndarray) -> tuple[float, np.ndarray]:
        b = fill(xv)
        vals, right = np.linalg.eig(b)
        k = int(np.argmax(vals.real))
        u = right[:, k].real
        valsl, left = np.linalg.eig(b.T)
        v = left[:, int(np.argmax(valsl.real))].real
        denom = float(v @ u)
        g = (b[iu, ju] * v[iu] * u[ju] - b[ju, iu] * v[ju] * u[iu]) / denom
        return float(vals[k].real), g

    f, g = value_grad(x)
    for _ in range(max_iter):
        if np.max(np.abs(g)) < tol * f:
            break
        h = 1e-6
        hess = np.empty((x.size, x.size))
        for p in range(x.size):  # finite-difference Hessian of the analytic gradient (few unknowns)
            e = np.zeros(x.size)
            e[p] = h
            hess[:, p] = (value_grad(x + e)[1] - value_grad(x - e)[1]) / (2 * h)
        hess = (hess + hess.T) / 2
        try:
            step = -np.linalg.solve(hess + 1e-10 * np.eye(x.size), g)
            if step @ g >= 0:
                step = -g
        except np.linalg.LinAlgError:
            step = -g
        t = 1.0
        while t > 1e-12:
            f_new, g_new = value_grad(x + t * step)
            if f_new <= f + 1e-4 * t * (step @ g):
                break
            t /= 2
        if t <= 1e-12 or f_new >= f:
            # λmax no longer resolves the step (round-off near the minimum): take the full Newton step
            # only if it shrinks the gradient, then stop instead of creeping on with tiny steps
            if np.max(np.abs(value_grad(x + step)[1])) < np.max(np.abs(g)):
                x = x + step
            break
        x, f, g = x + t * step, f_new, g_new
    return _wrap(fill(x), labels)


# ----------------------------------------------------------------------------- hierarchy
def _priority_number(value: Any, where: str) -> float:
    if is_number(value):
        return float(value)
    raise CsatInputError(f"{where}: {value!r} is not a number; local priorities are shares in [0, 1]")


def _read_locals(local_priorities: Any) -> tuple[pd.DataFrame, bool]:
    """Alternatives x criteria as floats, and whether the input was labelled."""
    if isinstance(local_priorities, Mapping):
        rows, lengths = {}, set()
        for alt, vals in local_priorities.items():
            if isinstance(vals, (str, bytes)) or not isinstance(vals, (Sequence, np.ndarray, pd.Series)):
                raise CsatInputError(
                    f"local_priorities[{alt!r}]: expected one local priority per criterion, got {vals!r}"
                )
            rows[alt] = [_priority_number(v, f"local_priorities[{alt!r}], criterion {c}") for c, v in enumerate(vals)]
            lengths.add(len(rows[alt]))
        if len(lengths) > 1:
            sizes = ", ".join(f"{alt!r}: {len(v)}" for alt, v in rows.items())
            raise CsatInputError(
                f"local_priorities: alternatives have different numbers of criteria ({sizes}); each needs one "
                f"local priority per criterion"
            )
        return pd.DataFrame.from_dict(rows, orient="index"), True
    if isinstance(local_priorities, pd.DataFrame):
        raw, labelled = local_priorities.to_numpy(dtype=object), True
    else:
        try:
            raw, labelled = np.asarray(local_priorities, dtype=object), False
        except ValueError:
            raw = None  # numpy refused the ragged rows
        if raw is not None and raw.ndim == 1 and raw.size == 0:
            raise CsatInputError("local_priorities: no alternatives given")
        if raw is None or (raw.ndim == 1 and all(isinstance(r, (list, tuple, np.ndarray)) for r in raw)):
            raise CsatInputError("local_priorities: rows have different lengths; alternatives x criteria is needed")
        if raw.ndim != 2:
            raise CsatInputError(f"local_priorities: expected alternatives x criteria (2-D), got shape {raw.shape}")
    W = pd.DataFrame(raw) if not labelled else pd.DataFrame(raw, index=local_priorities.index,
                                                                  columns=local_priorities.columns)
    vals = np.empty(raw.shape)
    for (i, j), v in np.ndenumerate(raw):  # alternatives x criteria: a handful of cells
        vals[i, j] = _priority_number(v, f"local_priorities: alternative {W.index[i]!r}, criterion {W.columns[j]!r}")
    return pd.DataFrame(vals, index=W.index, columns=W.columns), labelled


def synthesize(criteria_weights: Any, local_priorities: Any) -> np.ndarray | pd.Series:
    """Global priorities of alternatives: g = W · w (spec §6.6).

    ``local_priorities`` is alternatives × criteria (array or DataFrame) or a
    dict {alternative: [local priority per criterion]}; ``criteria_weights`` is
    a vector, or a Series/dict keyed by criterion (matched to a DataFrame's
    columns, positional otherwise). The criteria weights must sum to 1 ± 1e-6
    (never renormalised). Published rounded locals are *not* renormalised
    (their columns may sum to 1 ± 0.005).

    >>> synthesize([0.5, 0.5], {"A": [0.2, 0.6], "B": [0.8, 0.4]}).round(2).tolist()
    [0.4, 0.6]
    """
    W, labelled = _read_locals(local_priorities)
    if W.shape[0] == 0:
        raise CsatInputError("local_priorities: no alternatives given")
    if isinstance(criteria_weights, Mapping):
        criteria_weights = pd.Series(dict(criteria_weights), dtype=object)
    if isinstance(criteria_weights, pd.Series) and isinstance(local_priorities, pd.DataFrame):
        missing = [c for c in criteria_weights.index if c not in W.columns]
        extra = [c for c in W.columns if c not in criteria_weights.index]
        if missing or extra:
            raise CsatInputError(
                f"criteria_weights and local_priorities name different criteria (no column for: "
                f"{describe_values(missing)}; no weight for: {describe_values(extra)})"
            )
        W = W[list(criteria_weights.index)]
    if isinstance(criteria_weights, pd.Series):
        bad = [k for k, v in criteria_weights.items() if not is_number(v)]
        if bad:
            raise CsatInputError(f"criteria_weights: the weight of {bad[0]!r} is {criteria_weights[bad[0]]!r}, not a number")
        criteria_weights = criteria_weights.to_numpy(dtype=float)
    w = require_weights(criteria_weights, "criteria_weights")
    if W.shape[1] != w.size:
        raise CsatInputError(
            f"local_priorities: has {W.shape[1]} criteria columns but there are {w.size} criteria weights "
            f"(is it criteria x alternatives? it must be alternatives x criteria)"
        )
    vals = W.to_numpy(dtype=float)
    if np.isnan(vals).any() or (vals < 0).any():
        raise CsatInputError("local_priorities: entries must be numbers >= 0")
    sums = vals.sum(axis=0)
    # Looser than the weights' 1e-6 on purpose: published locals are rounded (Saaty 1990 Table 4 prints
    # 3-dp values whose columns sum to 1.0001) and must be used as printed, not renormalised.
    off = np.abs(sums - 1) > 0.005
    if off.any():
        c = int(np.argmax(off))
        raise CsatInputError(
            f"local_priorities: criterion column {W.columns[c]!r} sums to {sums[c]:.4g}, not 1 (off by "
            f"{sums[c] - 1:+.4g}); each criterion's local priorities over the alternatives must sum to 1"
        )
    g = vals @ w
    return pd.Series(g, index=W.index, name="global priority") if labelled else g


def hierarchy_weights(group_weights: Any, local_weights: Mapping[str, Any]) -> pd.Series:
    """Global weights of sub-factors: w(U_i) · w(u_ij | U_i) (spec §6.6).

    ``group_weights`` is a Series (or dict) keyed by group; ``local_weights``
    maps each group to a Series/dict of its sub-factors' weights. Each set must
    sum to 1 (± 1e-6). The index of the result is (group, sub-factor).

    >>> hierarchy_weights({"a": 0.4, "b": 0.6}, {"a": {"x": 0.5, "y": 0.5}, "b": {"z": 1.0}}).round(2).tolist()
    [0.2, 0.2, 0.6]
    """
    gw = pd.Series(dict(group_weights)) if isinstance(group_weights, Mapping) else pd.Series(group_weights)
    require_weights(gw.to_numpy(dtype=float), "group_weights")
    missing = [g for g in gw.index if g not in local_weights]
    extra = [g for g in local_weights if g not in gw.index]
    if missing or extra:
        raise CsatInputError(f"local_weights: groups do not match group_weights (missing: {missing}, extra: {extra})")
    pieces = []
    for gname, wg in gw.items():
        lw = local_weights[gname]
        lw = pd.Series(dict(lw)) if isinstance(lw, Mapping) else pd.Series(lw)
        if lw.empty:
            raise CsatInputError(f"local_weights[{gname!r}]: the group is empty")
        require_weights(lw.to_numpy(dtype=float), f"local_weights[{gname!r}]")
        pieces.append(pd.Series(float(wg) * lw.to_numpy(dtype=float),
                                index=pd.MultiIndex.from_product([[gname], list(lw.index)])))
    out = pd.concat(pieces)
    out.name = "global weight"
    return out


def hierarchy_cr(group_weights: Any, results: Sequence[AhpResult]) -> float:
    """Total (层次总排序) consistency ratio Σ w_k CI_k / Σ w_k RI_k; consistent when < 0.10.

    ``results`` are the AhpResults of the sub-matrices, one per upper-level
    element, in the order of ``group_weights``. Returns 0 when every RI is 0.
    """
    w = require_weights(list(group_weights.values()) if isinstance(group_weights, Mapping) else group_weights,
                        "group_weights")
    if isinstance(results, (str, bytes)) or not isinstance(results, Sequence):
        raise CsatInputError(f"results: expected a list of AhpResult (one per group), got {type(results).__name__}")
    if len(results) != w.size:
        raise CsatInputError(f"results: {len(results)} AHP results for {w.size} group weights")
    wrong = [k for k, r in enumerate(results) if not isinstance(r, AhpResult)]
    if wrong:
        k = wrong[0]
        raise CsatInputError(
            f"results: position {k} is {results[k]!r} ({type(results[k]).__name__}), not an AhpResult; pass "
            f"priority_vector(...) of each group's matrix"
        )
    ci = np.array([r.ci for r in results])
    ri = np.array([r.ri for r in results])
    den = float(w @ ri)
    return 0.0 if den == 0 else float(w @ ci) / den
