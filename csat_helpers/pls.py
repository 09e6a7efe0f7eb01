"""PLS path modelling (PLS-PM, 偏最小二乘路径模型) in plain numpy.

The algorithm is Lohmöller's (1989) version of Wold's (1982) PLS path modelling, as
described by Tenenhaus, Esposito Vinzi, Chatelin & Lauro (2005) and implemented by R
``plspm``, semPLS, seminr and SmartPLS:

* Mode A (reflective) and Mode B (formative) outer estimation;
* centroid, factorial and path inner-weighting schemes;
* standardised (default) or centred-only ("unscaled") indicators;
* path coefficients by OLS on the construct scores, R² and adjusted R², direct,
  indirect and total effects, loadings, cross-loadings, communality, redundancy;
* quality measures: Cronbach's α, ρC (composite reliability), Dillon–Goldstein ρ,
  Dijkstra–Henseler ρA, AVE, HTMT, eigenvalues, GoF;
* a seeded, reproducible bootstrap (standard errors, percentile intervals).

Everything after preprocessing depends only on the p×p covariance matrix of the
indicators, so the iteration runs on that matrix ("covariance form", spec §5) and
the bootstrap runs all resamples at once on a stack of covariance matrices.

The course does not use the Python ``plspm`` package for results (its default
``scaled=True`` divides by one pooled SD, and it fails under pandas 3); see
``specs/csi.md`` §10.

>>> from csat_helpers.datasets import load
>>> res = fit(ECSI_SATISFACTION, load("satisfaction"), scheme="centroid", standardize=False, tol=1e-10)
>>> round(float(res.path_coefficients.loc["IMAG", "EXPE"]), 5)
0.57896
>>> res.converged
True
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from .errors import CsatInputError
from .validation import as_frame, describe_values, require_numeric, require_positive_int, require_probability

__all__ = [
    "PathModel",
    "PlsResult",
    "BootResult",
    "PlsConvergenceError",
    "fit",
    "bootstrap",
    "plot_path_model",
    "ACSI",
    "ECSI_MOBI",
    "ECSI_SATISFACTION",
    "ACSI_LAYOUT",
    "ECSI_LAYOUT",
]

Scheme = Literal["centroid", "factorial", "path"]
_SCHEMES = ("centroid", "factorial", "path")
_MISSING = ("listwise", "mean", "error")


class PlsConvergenceError(CsatInputError):
    """The PLS iteration did not converge within ``max_iter`` iterations."""


# ============================================================================ the model
@dataclass(frozen=True)
class PathModel:
    """A PLS path model: measurement blocks, structural paths and block modes.

    ``blocks`` maps each construct to its indicator columns, ``paths`` lists
    ``(from, to)`` pairs, ``modes`` gives ``"A"`` (reflective) or ``"B"``
    (formative) per construct; unlisted constructs are Mode A. The structure is
    checked on creation: unknown constructs, self-loops, cycles, duplicate or
    shared indicators and isolated constructs raise :class:`CsatInputError`.

    >>> m = PathModel({"X": ["x1", "x2"], "Y": ["y1"]}, [("X", "Y")])
    >>> m.constructs, m.endogenous
    (['X', 'Y'], ['Y'])
    >>> PathModel({"X": ["x1"], "Y": ["y1"]}, [("X", "Z")])
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: path ('X', 'Z'): construct 'Z' has no block (constructs: 'X', 'Y')
    """

    blocks: dict[str, list[str]]
    paths: list[tuple[str, str]]
    modes: dict[str, Literal["A", "B"]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_structure(self)

    @property
    def constructs(self) -> list[str]:
        """Constructs in block order."""
        return list(self.blocks)

    @property
    def indicators(self) -> list[str]:
        """All indicator columns, block by block."""
        return [c for items in self.blocks.values() for c in items]

    @property
    def endogenous(self) -> list[str]:
        """Constructs that some path points to, in block order."""
        targets = {t for _, t in self.paths}
        return [c for c in self.blocks if c in targets]

    def mode(self, construct: str) -> str:
        """``"A"`` or ``"B"`` for a construct."""
        return self.modes.get(construct, "A")

    def predecessors(self, construct: str) -> list[str]:
        """Constructs with a path into ``construct``, in block order."""
        src = {f for f, t in self.paths if t == construct}
        return [c for c in self.blocks if c in src]

    def block_of(self) -> dict[str, str]:
        """Indicator -> construct."""
        return {item: c for c, items in self.blocks.items() for item in items}


def _check_structure(m: PathModel) -> None:
    if not isinstance(m.blocks, Mapping) or len(m.blocks) == 0:
        raise CsatInputError("model blocks: need a dict construct -> list of indicator columns, got none")
    seen: dict[str, str] = {}
    for c, items in m.blocks.items():
        if isinstance(items, str) or not isinstance(items, Sequence) or len(items) == 0:
            raise CsatInputError(f"block {c!r}: needs a non-empty list of indicator columns, got {items!r}")
        for it in items:
            if it in seen:
                where = "twice in that block" if seen[it] == c else f"in blocks {seen[it]!r} and {c!r}"
                raise CsatInputError(f"indicator {it!r} appears {where}; each column may measure one construct only")
            seen[it] = c
    names = list(m.blocks)
    known = describe_values(names, 12)
    if isinstance(m.paths, (str, Mapping)) or not isinstance(m.paths, Sequence):
        raise CsatInputError(
            f"model paths: need a list of (from, to) pairs of construct names, got {type(m.paths).__name__}"
        )
    if not isinstance(m.modes, Mapping):
        raise CsatInputError(
            f"model modes: need a dict construct -> 'A' or 'B' (empty for all Mode A), got {type(m.modes).__name__}"
        )
    pairs = set()
    for p in m.paths:
        if not (isinstance(p, (tuple, list)) and len(p) == 2):
            raise CsatInputError(f"path {p!r}: must be a (from, to) pair of construct names")
        f, t = p
        for c in (f, t):
            if c not in m.blocks:
                raise CsatInputError(f"path {tuple(p)!r}: construct {c!r} has no block (constructs: {known})")
        if f == t:
            raise CsatInputError(f"path {tuple(p)!r}: a construct cannot point to itself")
        if (f, t) in pairs:
            raise CsatInputError(f"path {tuple(p)!r} is listed twice")
        pairs.add((f, t))
    for c, mode in m.modes.items():
        if c not in m.blocks:
            raise CsatInputError(f"modes: construct {c!r} has no block (constructs: {known})")
        if mode not in ("A", "B"):
            raise CsatInputError(f"modes: construct {c!r} has mode {mode!r}; allowed: 'A' (reflective), 'B' (formative)")
    if len(names) > 1:
        linked = {c for p in pairs for c in p}
        isolated = [c for c in names if c not in linked]
        if isolated:
            raise CsatInputError(f"construct {describe_values(isolated)} is isolated: no path joins it to the model")
    # cycles (Kahn's algorithm)
    indeg = {c: 0 for c in names}
    for _, t in pairs:
        indeg[t] += 1
    queue = [c for c in names if indeg[c] == 0]
    done = 0
    while queue:
        c = queue.pop()
        done += 1
        for f, t in pairs:
            if f == c:
                indeg[t] -= 1
                if indeg[t] == 0:
                    queue.append(t)
    if done < len(names):
        cyc = [c for c in names if indeg[c] > 0]
        raise CsatInputError(
            f"the paths form a cycle through {describe_values(cyc, 12)}; PLS path models must be recursive (no feedback loops)"
        )


# ---------------------------------------------------------------------- predefined models
#: ECSI on ``mobi.csv`` (Tenenhaus et al. 2005; semPLS/seminr ``mobi``): 7 constructs, 24 items, 12 paths.
ECSI_MOBI = PathModel(
    blocks={
        "Image": ["IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"],
        "Expectation": ["CUEX1", "CUEX2", "CUEX3"],
        "Quality": ["PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"],
        "Value": ["PERV1", "PERV2"],
        "Satisfaction": ["CUSA1", "CUSA2", "CUSA3"],
        "Complaints": ["CUSCO"],
        "Loyalty": ["CUSL1", "CUSL2", "CUSL3"],
    },
    paths=[
        ("Image", "Expectation"), ("Image", "Satisfaction"), ("Image", "Loyalty"),
        ("Expectation", "Quality"), ("Expectation", "Value"), ("Expectation", "Satisfaction"),
        ("Quality", "Value"), ("Quality", "Satisfaction"), ("Value", "Satisfaction"),
        ("Satisfaction", "Complaints"), ("Satisfaction", "Loyalty"), ("Complaints", "Loyalty"),
    ],
)

#: ECSI on ``satisfaction.csv`` (R plspm ``satisfaction``): 6 constructs, 27 items, 10 paths.
ECSI_SATISFACTION = PathModel(
    blocks={
        "IMAG": [f"imag{i}" for i in range(1, 6)],
        "EXPE": [f"expe{i}" for i in range(1, 6)],
        "QUAL": [f"qual{i}" for i in range(1, 6)],
        "VAL": [f"val{i}" for i in range(1, 5)],
        "SAT": [f"sat{i}" for i in range(1, 5)],
        "LOY": [f"loy{i}" for i in range(1, 5)],
    },
    paths=[
        ("IMAG", "EXPE"), ("IMAG", "SAT"), ("IMAG", "LOY"),
        ("EXPE", "QUAL"), ("EXPE", "VAL"), ("EXPE", "SAT"),
        ("QUAL", "VAL"), ("QUAL", "SAT"), ("VAL", "SAT"), ("SAT", "LOY"),
    ],
)

#: The ACSI model (Fornell et al. 1996) on ``mobi.csv``: ECSI_MOBI without Image, nine paths.
ACSI = PathModel(
    blocks={k: v for k, v in ECSI_MOBI.blocks.items() if k != "Image"},
    paths=[
        ("Expectation", "Quality"), ("Expectation", "Value"), ("Expectation", "Satisfaction"),
        ("Quality", "Value"), ("Quality", "Satisfaction"), ("Value", "Satisfaction"),
        ("Satisfaction", "Complaints"), ("Satisfaction", "Loyalty"), ("Complaints", "Loyalty"),
    ],
)

#: Diagram positions (x, y) for the classic ACSI drawing (Fornell et al. 1996, figure 1).
ACSI_LAYOUT: dict[str, tuple[float, float]] = {
    "Expectation": (0.0, 2.0), "Quality": (0.0, 0.0), "Value": (1.0, 1.0),
    "Satisfaction": (2.0, 1.0), "Complaints": (3.0, 2.0), "Loyalty": (3.0, 0.0),
}
#: Diagram positions for the ECSI models.
ECSI_LAYOUT: dict[str, tuple[float, float]] = {
    "Image": (1.0, 3.0), "Expectation": (0.0, 2.0), "Quality": (0.0, 0.0), "Value": (1.0, 1.0),
    "Satisfaction": (2.0, 1.5), "Complaints": (3.0, 2.5), "Loyalty": (3.0, 0.5),
    "IMAG": (1.0, 3.0), "EXPE": (0.0, 2.0), "QUAL": (0.0, 0.0), "VAL": (1.0, 1.0),
    "SAT": (2.0, 1.5), "LOY": (3.0, 0.5),
}


# ============================================================================ internals
@dataclass(frozen=True)
class _Spec:
    constructs: list[str]
    items: list[str]
    item_block: np.ndarray  # (p,) construct index of each item
    mask: np.ndarray  # (p, J) 1 where item h belongs to construct j
    block_idx: list[np.ndarray]
    mode_b: list[int]
    adj: np.ndarray  # (J, J) symmetric adjacency
    dmat: np.ndarray  # (J, J) dmat[i, j] = 1 for a path i -> j
    preds: list[np.ndarray]
    succs: list[np.ndarray]
    endo: list[int]


def _compile(model: PathModel) -> _Spec:
    if not isinstance(model, PathModel):
        raise CsatInputError(f"model: expected a csat_helpers.pls.PathModel, got {type(model).__name__}")
    cons = model.constructs
    pos = {c: j for j, c in enumerate(cons)}
    items = model.indicators
    item_block = np.array([pos[model.block_of()[it]] for it in items])
    J, p = len(cons), len(items)
    mask = np.zeros((p, J))
    mask[np.arange(p), item_block] = 1.0
    dmat = np.zeros((J, J))
    for f, t in model.paths:
        dmat[pos[f], pos[t]] = 1.0
    adj = ((dmat + dmat.T) > 0).astype(float)
    preds = [np.flatnonzero(dmat[:, j]) for j in range(J)]
    succs = [np.flatnonzero(dmat[j, :]) for j in range(J)]
    return _Spec(
        constructs=cons, items=items, item_block=item_block, mask=mask,
        block_idx=[np.flatnonzero(item_block == j) for j in range(J)],
        mode_b=[pos[c] for c in cons if model.mode(c) == "B"],
        adj=adj, dmat=dmat, preds=preds, succs=succs,
        endo=[j for j in range(J) if len(preds[j])],
    )


def _prepare(model: PathModel, data: Any, missing: str) -> tuple[_Spec, np.ndarray, pd.Index, int]:
    """Validate the data against the model; return the raw item matrix of the rows used."""
    spec = _compile(model)
    df = as_frame(data, "data")
    missing_cols = [c for c in spec.items if c not in df.columns]
    if missing_cols:
        owner = model.block_of()
        what = ", ".join(f"{c!r} (block {owner[c]!r})" for c in missing_cols[:6])
        raise CsatInputError(
            f"data: indicator column{'s' if len(missing_cols) > 1 else ''} {what} not found "
            f"(data has: {describe_values([str(c) for c in df.columns], 8)})"
        )
    if missing not in _MISSING:
        raise CsatInputError(f"missing: {missing!r} is not allowed; use 'listwise', 'mean' or 'error'")
    sub = df[spec.items]
    if all(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in sub.dtypes):
        num = sub  # already numbers: one conversion, no per-column copies
    else:
        num = require_numeric(df, spec.items, "data")  # names the column and row that is not a number
    X = num.to_numpy(dtype=float)
    if not np.all(np.isfinite(X[~np.isnan(X)])):
        r, c = np.argwhere(np.isinf(X))[0]
        raise CsatInputError(f"data: column {spec.items[c]!r}, row {num.index[r]}: value is infinite")
    nan = np.isnan(X)
    n_dropped = 0
    index = num.index
    if nan.any():
        if missing == "error":
            r, c = np.argwhere(nan)[0]
            raise CsatInputError(
                f"data: column {spec.items[c]!r}, row {num.index[r]} is missing (and {int(nan.sum()) - 1} more cells); "
                "use missing='listwise' or 'mean', or clean the data"
            )
        if missing == "listwise":
            keep = ~nan.any(axis=1)
            n_dropped = int((~keep).sum())
            X, index = X[keep], index[keep]
            warnings.warn(
                f"PLS: {n_dropped} of {len(keep)} rows have a missing indicator and were dropped (missing='listwise')",
                UserWarning,
                stacklevel=3,
            )
        else:  # mean
            col_all_nan = nan.all(axis=0)
            if col_all_nan.any():
                raise CsatInputError(f"data: column {spec.items[int(np.argmax(col_all_nan))]!r} has no answers")
            means = np.nanmean(X, axis=0)
            X = np.where(nan, means, X)
    n = X.shape[0]
    if n < 10:
        raise CsatInputError(f"data: {n} complete rows; PLS path modelling needs at least 10 (ideally 100+)")
    sd = X.std(axis=0)
    scale = np.maximum(np.abs(X).max(axis=0), 1.0)
    const = sd <= 1e-12 * scale
    if const.any():
        c = spec.items[int(np.argmax(const))]
        raise CsatInputError(
            f"data: indicator {c!r} (block {model.block_of()[c]!r}) is constant (every value {X[0, int(np.argmax(const))]:g}); "
            "it carries no information: drop it from the block"
        )
    for j in spec.mode_b:
        pj = len(spec.block_idx[j])
        if n <= pj + 1:
            raise CsatInputError(
                f"block {spec.constructs[j]!r} (Mode B, {pj} indicators): needs more than {pj + 1} rows, got {n}"
            )
    return spec, X, index, n_dropped


def _normalise(W: np.ndarray, S: np.ndarray) -> np.ndarray:
    """Scale each column of W (B, p, J) so var(X w_j) = w_jᵀ S w_j = 1."""
    var = np.einsum("bpj,bpq,bqj->bj", W, S, W)
    return W / np.sqrt(var)[:, None, :]


def _inner(C: np.ndarray, spec: _Spec, scheme: str) -> np.ndarray:
    """Inner weights E (B, J, J), E[:, i, j] = e_ij, so Z = Y E.

    A construct without neighbours (a one-construct model) uses its own score (e_jj = 1), so
    Mode A then converges to the block's first principal component.
    """
    lonely = np.diag((spec.adj.sum(axis=0) == 0).astype(float))
    if scheme == "centroid":
        return np.sign(C) * spec.adj + lonely
    if scheme == "factorial":
        return C * spec.adj + lonely
    E = np.zeros_like(C) + lonely
    for j in range(C.shape[1]):
        s = spec.succs[j]
        if len(s):
            E[:, s, j] = C[:, s, j]
        pr = spec.preds[j]
        if len(pr):
            E[:, pr, j] = np.linalg.solve(C[:, pr[:, None], pr[None, :]], C[:, pr, j][..., None])[..., 0]
    return E


def _iterate(
    S: np.ndarray, spec: _Spec, scheme: str, max_iter: int, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lohmöller's iteration on a stack of covariance matrices S (B, p, p).

    Returns W (B, p, J) with var(Y_j) = 1, converged flags, iterations and the last change.
    A fit that has converged is frozen, so every member stops exactly where a single fit would.
    """
    B = S.shape[0]
    W = _normalise(np.broadcast_to(spec.mask, (B,) + spec.mask.shape).copy(), S)
    converged = np.zeros(B, bool)
    iters = np.zeros(B, int)
    last = np.full(B, np.inf)
    mode_b = [(j, spec.block_idx[j]) for j in spec.mode_b]
    S_bb = {j: S[:, idx[:, None], idx[None, :]] for j, idx in mode_b}
    for it in range(1, max_iter + 1):
        act = np.flatnonzero(~converged)
        Sa, Wa = S[act], W[act]
        SW = Sa @ Wa
        C = np.einsum("bpj,bpk->bjk", Wa, SW)
        SWE = SW @ _inner(C, spec, scheme)
        Wn = SWE * spec.mask
        for j, idx in mode_b:
            Wn[:, idx, j] = np.linalg.solve(S_bb[j][act], SWE[:, idx, j][..., None])[..., 0]
        Wn = _normalise(Wn, Sa)
        delta = np.abs(Wn - Wa).sum(axis=(1, 2))
        W[act] = Wn
        iters[act] = it
        last[act] = delta
        converged[act] = delta < tol
        if converged.all():
            break
    return W, converged, iters, last


def _sign_fix(W: np.ndarray, S: np.ndarray, spec: _Spec) -> np.ndarray:
    """Flip w_j when most of its block's loadings are negative (ties: sign of their sum)."""
    sd = np.sqrt(np.einsum("bpp->bp", S))
    L = (S @ W) / sd[:, :, None] * spec.mask
    neg = ((L < 0) * spec.mask).sum(axis=1)
    pos = ((L > 0) * spec.mask).sum(axis=1)
    total = L.sum(axis=1)
    flip = (neg > pos) | ((neg == pos) & (total < 0))
    return W * np.where(flip, -1.0, 1.0)[:, None, :]


def _estimates(S: np.ndarray, W: np.ndarray, spec: _Spec) -> dict[str, np.ndarray]:
    """Batched final estimates: construct correlations, paths, R², total effects, loadings."""
    Bn, J = W.shape[0], W.shape[2]
    SW = S @ W
    C = np.einsum("bpj,bpk->bjk", W, SW)
    sd = np.sqrt(np.einsum("bpp->bp", S))
    cross = SW / sd[:, :, None]
    beta = np.zeros((Bn, J, J))  # beta[:, to, from]
    r2 = np.full((Bn, J), np.nan)
    for j in spec.endo:
        pr = spec.preds[j]
        b = np.linalg.solve(C[:, pr[:, None], pr[None, :]], C[:, pr, j][..., None])[..., 0]
        beta[:, j, pr] = b
        r2[:, j] = np.einsum("bk,bk->b", b, C[:, pr, j])
    eye = np.eye(J)
    total = np.linalg.inv(eye - beta) - eye
    p = W.shape[1]
    own = spec.item_block
    return {
        "C": C,
        "cross": cross,
        "beta": beta,
        "r2": r2,
        "total": total,
        "loadings": cross[:, np.arange(p), own],
        "weights": W[:, np.arange(p), own],
    }


def _check_scheme(scheme: str) -> None:
    if not isinstance(scheme, str) or scheme not in _SCHEMES:
        raise CsatInputError(f"scheme: {scheme!r} is not allowed; use 'centroid', 'factorial' or 'path'")


def _check_flag(value: Any, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise CsatInputError(f"{name}: must be True or False, got {value!r}")
    return bool(value)


def _check_iter(max_iter: Any, tol: Any) -> tuple[int, float]:
    mi = require_positive_int(max_iter, "max_iter")
    try:
        t = float(tol)
    except (TypeError, ValueError):
        raise CsatInputError(f"tol: must be a positive number, got {tol!r}") from None
    if not (t > 0 and np.isfinite(t)):
        raise CsatInputError(f"tol: must be a positive number, got {tol!r}")
    return mi, t


# ============================================================================ results
@dataclass(frozen=True)
class PlsResult:
    """Result of :func:`fit`. All tables are labelled by indicator or construct.

    ``outer_weights`` are for the preprocessed indicators (standardised when
    ``standardize=True``, centred raw items otherwise); scores have mean 0 and variance 1
    (divisor n). Use :func:`csat_helpers.csi.raw_weights` / ``acsi_index`` for the 0–100 index.
    """

    model: PathModel
    scheme: str
    standardize: bool
    outer_weights: pd.Series
    loadings: pd.Series
    communality: pd.Series
    redundancy: pd.Series
    cross_loadings: pd.DataFrame
    scores: pd.DataFrame
    path_coefficients: pd.DataFrame
    r_squared: pd.Series
    adj_r_squared: pd.Series
    effects: pd.DataFrame
    ols: pd.DataFrame
    quality: dict[str, Any]
    gof: float
    iterations: int
    converged: bool
    last_change: float
    n_obs: int
    n_dropped: int
    item_sd: pd.Series
    item_mean: pd.Series
    construct_correlations: pd.DataFrame

    @property
    def total_effects(self) -> pd.DataFrame:
        """Total effects as a from × to matrix (0 where there is no route)."""
        cons = self.model.constructs
        t = self.effects.pivot(index="from", columns="to", values="total")
        return t.reindex(index=cons, columns=cons).fillna(0.0)

    @property
    def inner_summary(self) -> pd.DataFrame:
        """By construct: type, R², adjusted R², block communality (= AVE for Mode A), mean redundancy."""
        cons = self.model.constructs
        endo = set(self.model.endogenous)
        block = self.model.block_of()
        comm = self.communality.groupby(pd.Series(block)).mean().reindex(cons)
        red = self.redundancy.groupby(pd.Series(block)).mean().reindex(cons)
        return pd.DataFrame(
            {
                "type": ["endogenous" if c in endo else "exogenous" for c in cons],
                "r_squared": self.r_squared.reindex(cons),
                "adj_r_squared": self.adj_r_squared.reindex(cons),
                "block_communality": comm,
                "mean_redundancy": red,
                "ave": self.quality["ave"].reindex(cons),
            },
            index=pd.Index(cons, name="construct"),
        )

    def __repr__(self) -> str:
        status = f"converged in {self.iterations} iterations" if self.converged else "NOT CONVERGED"
        return (
            f"PlsResult({len(self.model.constructs)} constructs, {len(self.model.indicators)} indicators, "
            f"n={self.n_obs}, scheme={self.scheme!r}, standardize={self.standardize}, {status}, GoF={self.gof:.4f})"
        )


def fit(
    model: PathModel,
    data: Any,
    scheme: Scheme = "centroid",
    standardize: bool = True,
    max_iter: int = 300,
    tol: float = 1e-7,
    *,
    missing: Literal["listwise", "mean", "error"] = "listwise",
    allow_nonconverged: bool = False,
) -> PlsResult:
    """Estimate a PLS path model (Lohmöller 1989; Tenenhaus et al. 2005).

    Iteration on the covariance S of the preprocessed items, with adjacent constructs' inner
    weights e_ij (centroid: sign of cor; factorial: cor; path: regression coefficient for a
    predecessor, cor for a successor), ``Z = Y E``, Mode A ``w_j ∝ (S W E)_j``,
    Mode B ``w_j ∝ S_jj⁻¹ (S W E)_j``, each rescaled so var(Y_j) = 1, until
    ``Σ|w_new − w_old| < tol``. Paths are OLS on the scores; total effects ``(I − B)⁻¹ − I``.

    Non-convergence raises :class:`PlsConvergenceError` unless ``allow_nonconverged=True``,
    which returns ``converged=False`` with a warning.
    """
    _check_scheme(scheme)
    standardize = _check_flag(standardize, "standardize")
    allow_nonconverged = _check_flag(allow_nonconverged, "allow_nonconverged")
    max_iter, tol = _check_iter(max_iter, tol)
    spec, X, index, n_dropped = _prepare(model, data, missing)
    n, p = X.shape
    mean = X.mean(axis=0)
    Xc = X - mean
    sd = np.sqrt((Xc**2).mean(axis=0))
    Xp = Xc / sd if standardize else Xc
    S = (Xp.T @ Xp / n)[None]
    _check_mode_b_rank(S[0], spec)
    W, conv, iters, last = _iterate(S, spec, scheme, max_iter, tol)
    if not conv[0]:
        msg = (
            f"PLS did not converge: {iters[0]} iterations (max_iter={max_iter}), last change {last[0]:.3g} "
            f"(tol={tol:g}), scheme {scheme!r}"
        )
        if not allow_nonconverged:
            raise PlsConvergenceError(msg + "; raise max_iter, try another scheme, or pass allow_nonconverged=True")
        warnings.warn(msg + "; results are NOT a converged solution", UserWarning, stacklevel=2)
    W = _sign_fix(W, S, spec)
    est = _estimates(S, W, spec)
    return _package(model, spec, scheme, standardize, S[0], W[0], est, Xp, index, mean, sd, n, n_dropped,
                    int(iters[0]), bool(conv[0]), float(last[0]))


def _check_mode_b_rank(S: np.ndarray, spec: _Spec) -> None:
    for j in spec.mode_b:
        idx = spec.block_idx[j]
        Sj = S[np.ix_(idx, idx)]
        d = np.sqrt(np.diag(Sj))
        if np.linalg.cond(Sj / np.outer(d, d)) > 1e12:
            raise CsatInputError(
                f"block {spec.constructs[j]!r} (Mode B): its indicators are perfectly collinear; drop a redundant one"
            )


def _package(
    model: PathModel, spec: _Spec, scheme: str, standardize: bool, S: np.ndarray, W: np.ndarray,
    est: dict[str, np.ndarray], Xp: np.ndarray, index: pd.Index, mean: np.ndarray, sd: np.ndarray,
    n: int, n_dropped: int, iters: int, conv: bool, last: float,
) -> PlsResult:
    cons, items = spec.constructs, spec.items
    J = len(cons)
    items_ix, cons_ix = pd.Index(items), pd.Index(cons)  # built once, shared by every table below
    C, beta, r2v, total = est["C"][0], est["beta"][0], est["r2"][0], est["total"][0]
    load = pd.Series(est["loadings"][0], index=items_ix, name="loading")
    weights = pd.Series(est["weights"][0], index=items_ix, name="weight")
    cross = pd.DataFrame(est["cross"][0], index=items_ix, columns=cons_ix)
    scores = pd.DataFrame(Xp @ W, index=index, columns=cons_ix)
    paths = pd.DataFrame(beta.T, index=pd.Index(cons, name="from"), columns=pd.Index(cons, name="to"))
    endo = [cons[j] for j in spec.endo]
    endo_ix = pd.Index(endo)
    r2_endo = r2v[spec.endo]
    r2 = pd.Series(r2_endo, index=endo_ix, name="r_squared")
    k = np.array([len(spec.preds[j]) for j in spec.endo])
    adj = pd.Series(1 - (1 - r2_endo) * (n - 1) / (n - k - 1), index=endo_ix, name="adj_r_squared")
    comm_v = est["loadings"][0] ** 2
    r2_item = np.nan_to_num(r2v)[spec.item_block]  # exogenous blocks: R² = 0
    comm = pd.Series(comm_v, index=items_ix, name="communality")
    red = pd.Series(comm_v * r2_item, index=items_ix, name="redundancy")

    # effects over every ordered pair with a route (from i, to j), row-major as before
    direct = beta.T  # [from, to]
    tot = total.T
    fi, tj = np.nonzero(((np.abs(tot) > 0) | (spec.dmat > 0)) & ~np.eye(J, dtype=bool))
    effects = pd.DataFrame({
        "from": [cons[i] for i in fi], "to": [cons[j] for j in tj], "direct": direct[fi, tj],
        "indirect": tot[fi, tj] - direct[fi, tj], "total": tot[fi, tj],
    })

    # OLS inference, scores treated as data (as R plspm): intercept, df = n - k - 1
    o_from, o_to, o_se, o_df = [], [], [], []
    for j in spec.endo:
        pr = spec.preds[j]
        dfree = n - len(pr) - 1
        inv = np.linalg.inv(C[np.ix_(pr, pr)])
        o_se.append(np.sqrt((1 - r2v[j]) / dfree * np.diag(inv)))
        o_from += list(pr)
        o_to += [j] * len(pr)
        o_df += [dfree] * len(pr)
    est_ols = beta[o_to, o_from]
    se_ols = np.concatenate(o_se) if o_se else np.zeros(0)
    t_ols = est_ols / se_ols
    ols = pd.DataFrame({
        "from": [cons[i] for i in o_from], "to": [cons[j] for j in o_to], "estimate": est_ols,
        "std_error": se_ols, "t": t_ols, "p": 2 * stats.t.sf(np.abs(t_ols), np.array(o_df, dtype=float)),
    })

    quality = _quality(S, W, spec, load, sd, standardize)
    multi = [h for h, b in enumerate(spec.item_block) if len(spec.block_idx[b]) > 1]
    mean_comm = float(comm_v[multi].mean()) if multi else float(comm_v.mean())
    gof = float(np.sqrt(mean_comm * r2_endo.mean())) if len(r2_endo) else float("nan")
    return PlsResult(
        model=model, scheme=scheme, standardize=standardize, outer_weights=weights, loadings=load,
        communality=comm, redundancy=red, cross_loadings=cross, scores=scores, path_coefficients=paths,
        r_squared=r2, adj_r_squared=adj, effects=effects, ols=ols, quality=quality, gof=gof,
        iterations=iters, converged=conv, last_change=last, n_obs=n, n_dropped=n_dropped,
        item_sd=pd.Series(sd, index=items_ix, name="sd"), item_mean=pd.Series(mean, index=items_ix, name="mean"),
        construct_correlations=pd.DataFrame(C, index=cons_ix, columns=cons_ix),
    )


def _quality(S: np.ndarray, W: np.ndarray, spec: _Spec, load: pd.Series, sd: np.ndarray, standardize: bool) -> dict:
    """α, ρC, DG ρ, ρA, AVE, eigenvalues and HTMT (spec §7)."""
    cons = spec.constructs
    d = np.sqrt(np.diag(S))
    R = S / np.outer(d, d)
    lam = load.to_numpy()
    # weights for standardised items with var(Y) = 1
    w_std = W[np.arange(len(spec.items)), spec.item_block] * (1.0 if standardize else d)
    keys = ("alpha", "rho_c", "dg_rho", "rho_a", "ave", "eig1", "eig2")
    out = {k: np.full(len(cons), np.nan) for k in keys}
    mode_b = set(spec.mode_b)
    for j, idx in enumerate(spec.block_idx):
        pj = len(idx)
        Rj = R[np.ix_(idx, idx)]
        ev, vec = np.linalg.eigh(Rj)
        out["eig1"][j] = ev[-1]
        if pj > 1:
            out["eig2"][j] = ev[-2]
        lj = lam[idx]
        if j in mode_b:
            continue  # α, ρC, DG ρ, ρA and AVE stay NaN for formative blocks (spec §7)
        out["ave"][j] = np.mean(lj**2)
        if pj == 1:
            for k in ("alpha", "rho_c", "dg_rho", "rho_a"):
                out[k][j] = 1.0
            continue
        out["alpha"][j] = pj / (pj - 1) * (1 - pj / Rj.sum())
        out["rho_c"][j] = _composite(lj)
        v1 = vec[:, -1] * (1 if vec[:, -1].sum() >= 0 else -1)
        out["dg_rho"][j] = _composite(np.sqrt(ev[-1]) * v1)
        w = w_std[idx]
        w = w / np.sqrt(w @ Rj @ w)
        # denominator wᵀ(wwᵀ − diag(wwᵀ))w = (wᵀw)² − Σw⁴
        out["rho_a"][j] = (w @ w) ** 2 * (w @ (Rj - np.diag(np.diag(Rj))) @ w) / ((w @ w) ** 2 - np.sum(w**4))
    index = pd.Index(cons)
    quality: dict[str, Any] = {k: pd.Series(v, index=index, name=k) for k, v in out.items()}
    quality["htmt"] = _htmt(R, spec)
    return quality


def _composite(lam: np.ndarray) -> float:
    s = lam.sum() ** 2
    return float(s / (s + np.sum(1 - lam**2)))


def _htmt(R: np.ndarray, spec: _Spec) -> pd.DataFrame:
    """Heterotrait–monotrait ratio (Henseler et al. 2015) on absolute item correlations (as seminr)."""
    cons = spec.constructs
    A = np.abs(R)
    J = len(cons)
    mono = np.full(J, np.nan)
    for j, idx in enumerate(spec.block_idx):
        if len(idx) > 1:
            sub = A[np.ix_(idx, idx)]
            mono[j] = (sub.sum() - np.trace(sub)) / (len(idx) * (len(idx) - 1))
    H = np.full((J, J), np.nan)
    for i in range(J):
        for j in range(i + 1, J):
            if np.isfinite(mono[i]) and np.isfinite(mono[j]):
                H[i, j] = H[j, i] = A[np.ix_(spec.block_idx[i], spec.block_idx[j])].mean() / np.sqrt(mono[i] * mono[j])
    return pd.DataFrame(H, index=cons, columns=cons)


# ============================================================================ bootstrap
@dataclass(frozen=True)
class BootResult:
    """Result of :func:`bootstrap`.

    ``table`` has one row per parameter (kinds ``path``, ``total``, ``weight``, ``loading``,
    ``r_squared``): original, mean, std_error (SD of the replicates, divisor B−1), percentile
    ci_lower/ci_upper and t = original/std_error. ``std_errors``, ``ci_lower`` and ``ci_upper``
    are from × to matrices like ``path_coefficients`` (NaN where there is no path).
    """

    original: PlsResult
    table: pd.DataFrame
    replicates: pd.DataFrame
    std_errors: pd.DataFrame
    ci_lower: pd.DataFrame
    ci_upper: pd.DataFrame
    n_boot: int
    n_failed: int
    seed: int | None
    conf: float
    sign_change: str

    def __repr__(self) -> str:
        return f"BootResult(n_boot={self.n_boot}, n_failed={self.n_failed}, conf={self.conf}, seed={self.seed})"


def _resample_cov(Xc: np.ndarray, idx: np.ndarray, standardize: bool,
                  progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Covariance (divisor n) of each resample from its index rows; standardised if asked.

    Returns the stack and a flag per resample that is False when an item is constant.
    ``progress(k, Bn)`` is told after each chunk but the last that k resamples are done.
    """
    Bn, n = idx.shape
    p = Xc.shape[1]
    counts = np.bincount((idx + n * np.arange(Bn)[:, None]).ravel(), minlength=Bn * n).reshape(Bn, n).astype(float)
    out = np.empty((Bn, p, p))
    ok = np.ones(Bn, bool)
    step = max(1, int(2e7 // max(1, n * p)))
    scale = Xc.var(axis=0)
    for s in range(0, Bn, step):
        f = counts[s : s + step] / n
        m = f @ Xc
        cov = np.einsum("bn,ni,nj->bij", f, Xc, Xc, optimize=True) - m[:, :, None] * m[:, None, :]
        v = np.einsum("bii->bi", cov)
        good = np.all(v > 1e-10 * scale, axis=1)
        ok[s : s + step] = good
        if standardize:
            dd = np.sqrt(np.where(v > 0, v, 1.0))
            cov = cov / (dd[:, :, None] * dd[:, None, :])
        out[s : s + step] = cov
        if progress is not None and s + step < Bn:
            progress(s + step, Bn)
    return out, ok


def bootstrap(
    model: PathModel,
    data: Any,
    n_boot: int = 1000,
    seed: int | None = None,
    *,
    scheme: Scheme = "centroid",
    standardize: bool = True,
    conf: float = 0.95,
    sign_change: Literal["none", "construct"] = "none",
    n_jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    **fit_kwargs: Any,
) -> BootResult:
    """Nonparametric bootstrap of a PLS path model (spec §6), seeded and reproducible.

    All resample indices are drawn at once, ``default_rng(seed).integers(0, n, (n_boot, n))``;
    each resample is refitted fully (centring and standardising included) on its own
    covariance matrix, all resamples in one batched iteration. A resample with a constant item
    or without convergence is redrawn (at most ``10·n_boot`` tries) and counted in ``n_failed``.
    ``n_jobs`` is accepted for API compatibility; the batched computation needs no processes.
    ``progress(done, n_boot)``, if given, is called with increasing counts as the resamples are
    computed, the last time with ``(n_boot, n_boot)`` when all are fitted.

    >>> from csat_helpers.datasets import load
    >>> b = bootstrap(ECSI_SATISFACTION, load("satisfaction"), n_boot=50, seed=1)
    >>> b.n_failed, b.table.columns.tolist()[:3]
    (0, ['parameter', 'kind', 'original'])
    """
    B = require_positive_int(n_boot, "n_boot", minimum=2)
    conf = require_probability(conf, "conf")
    standardize = _check_flag(standardize, "standardize")
    require_positive_int(n_jobs, "n_jobs")
    if sign_change not in ("none", "construct"):
        raise CsatInputError(f"sign_change: {sign_change!r} is not allowed; use 'none' or 'construct'")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise CsatInputError(f"seed: must be an integer (or None), got {seed!r}")
    unknown = set(fit_kwargs) - {"max_iter", "tol", "missing"}
    if unknown:
        raise CsatInputError(f"bootstrap: unknown option(s) {describe_values(sorted(unknown))}; allowed: max_iter, tol, missing")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original = fit(model, data, scheme=scheme, standardize=standardize, **fit_kwargs)
    max_iter, tol = _check_iter(fit_kwargs.get("max_iter", 300), fit_kwargs.get("tol", 1e-7))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spec, X, _, _ = _prepare(model, data, fit_kwargs.get("missing", "listwise"))
    n = X.shape[0]
    Xc = X - X.mean(axis=0)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, (B, n))

    # original, for the construct-level sign change
    S0 = (Xc.T @ Xc / n)
    if standardize:
        d0 = np.sqrt(np.diag(S0))
        S0 = S0 / np.outer(d0, d0)
    W0 = np.zeros_like(spec.mask)
    W0[np.arange(len(spec.items)), spec.item_block] = original.outer_weights.to_numpy()
    L0 = _estimates(S0[None], W0[None], spec)["loadings"][0]

    W_all = np.empty((B,) + spec.mask.shape)
    S_all = np.empty((B, X.shape[1], X.shape[1]))
    todo = np.arange(B)
    n_failed, tries = 0, B
    while len(todo):
        S, ok = _resample_cov(Xc, idx[todo], standardize, progress if tries == B else None)  # redraws: not counted
        for j in spec.mode_b:
            bi = spec.block_idx[j]
            ok &= np.linalg.cond(S[:, bi[:, None], bi[None, :]]) < 1e12
        W = np.zeros((len(todo),) + spec.mask.shape)
        if ok.any():
            Wg, conv, _, _ = _iterate(S[ok], spec, scheme, max_iter, tol)
            W[ok] = Wg
            ok[np.flatnonzero(ok)[~conv]] = False
        good = todo[ok]
        W_all[good], S_all[good] = W[ok], S[ok]
        bad = todo[~ok]
        if len(bad):
            n_failed += len(bad)
            if tries + len(bad) > 10 * B:
                raise CsatInputError(
                    f"bootstrap: {n_failed} resamples failed (constant item or no convergence) within {10 * B} tries; "
                    "the data are too thin for a bootstrap of this model"
                )
            tries += len(bad)
            idx[bad] = rng.integers(0, n, (len(bad), n))
        todo = bad

    W_all = _sign_fix(W_all, S_all, spec)
    if sign_change == "construct":
        L = _estimates(S_all, W_all, spec)["loadings"]
        flips = np.ones((B, len(spec.constructs)))
        for j, bi in enumerate(spec.block_idx):
            plus = np.abs((L0[bi] + L[:, bi]).sum(axis=1))
            minus = np.abs((L0[bi] - L[:, bi]).sum(axis=1))
            flips[plus < minus, j] = -1.0
        W_all = W_all * flips[:, None, :]
    est = _estimates(S_all, W_all, spec)
    if progress is not None:
        progress(B, B)
    return _summarise(original, spec, est, B, n_failed, seed, conf, sign_change)


def _summarise(original: PlsResult, spec: _Spec, est: dict, B: int, n_failed: int, seed: Any, conf: float,
               sign_change: str) -> BootResult:
    cons, items = spec.constructs, spec.items
    cols: dict[str, np.ndarray] = {}
    meta: list[tuple[str, str, float]] = []
    for f, t in original.model.paths:
        i, j = cons.index(f), cons.index(t)
        name = f"{f} -> {t}"
        cols[name] = est["beta"][:, j, i]
        meta.append((name, "path", float(original.path_coefficients.loc[f, t])))
    for _, row in original.effects.iterrows():
        i, j = cons.index(row["from"]), cons.index(row["to"])
        name = f"total {row['from']} -> {row['to']}"
        cols[name] = est["total"][:, j, i]
        meta.append((name, "total", float(row["total"])))
    for h, it in enumerate(items):
        cols[f"weight {it}"] = est["weights"][:, h]
        meta.append((f"weight {it}", "weight", float(original.outer_weights[it])))
    for h, it in enumerate(items):
        cols[f"loading {it}"] = est["loadings"][:, h]
        meta.append((f"loading {it}", "loading", float(original.loadings[it])))
    for j in spec.endo:
        cols[f"R2 {cons[j]}"] = est["r2"][:, j]
        meta.append((f"R2 {cons[j]}", "r_squared", float(original.r_squared[cons[j]])))
    reps = pd.DataFrame(cols)
    a = (1 - conf) / 2
    arr = reps.to_numpy()
    se = arr.std(axis=0, ddof=1)
    lo, hi = np.quantile(arr, [a, 1 - a], axis=0)
    orig = np.array([m[2] for m in meta])
    with np.errstate(divide="ignore", invalid="ignore"):
        tval = np.where(se > 0, orig / se, np.nan)
    table = pd.DataFrame(
        {
            "parameter": [m[0] for m in meta],
            "kind": [m[1] for m in meta],
            "original": orig,
            "mean": arr.mean(axis=0),
            "std_error": se,
            "ci_lower": lo,
            "ci_upper": hi,
            "t": tval,
        }
    )
    mats = {k: pd.DataFrame(np.nan, index=pd.Index(cons, name="from"), columns=pd.Index(cons, name="to"))
            for k in ("se", "lo", "hi")}
    path_rows = table[table["kind"] == "path"]
    for (f, t), (_, row) in zip(original.model.paths, path_rows.iterrows()):
        mats["se"].loc[f, t] = row["std_error"]
        mats["lo"].loc[f, t] = row["ci_lower"]
        mats["hi"].loc[f, t] = row["ci_upper"]
    return BootResult(original=original, table=table, replicates=reps, std_errors=mats["se"], ci_lower=mats["lo"],
                      ci_upper=mats["hi"], n_boot=B, n_failed=n_failed, seed=None if seed is None else int(seed),
                      conf=conf, sign_change=sign_change)


# ============================================================================ diagram
def _auto_layout(model: PathModel) -> dict[str, tuple[float, float]]:
    depth = {c: 0 for c in model.constructs}
    for _ in model.constructs:
        for f, t in model.paths:
            depth[t] = max(depth[t], depth[f] + 1)
    layers: dict[int, list[str]] = {}
    for c in model.constructs:
        layers.setdefault(depth[c], []).append(c)
    pos = {}
    for d, cs in layers.items():
        for k, c in enumerate(cs):
            pos[c] = (float(d), (len(cs) - 1) / 2 - k)
    return pos


def plot_path_model(
    result: PlsResult | PathModel,
    *,
    ax: Any = None,
    layout: Mapping[str, tuple[float, float]] | None = None,
    labels: Mapping[str, str] | None = None,
    decimals: int = 2,
) -> Any:
    """Draw the inner model as a path diagram, coefficients on the arrows and R² in the ovals.

    ``result`` is a :class:`PlsResult` (coefficients drawn) or a :class:`PathModel` (structure only).
    ``layout`` maps constructs to (x, y); by default constructs are placed left to right by
    path depth (``ACSI_LAYOUT``/``ECSI_LAYOUT`` are used when they cover the model).
    Negative coefficients are drawn dashed. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Ellipse, FancyArrowPatch

    if isinstance(result, PlsResult):
        model, res = result.model, result
    elif isinstance(result, PathModel):
        model, res = result, None
    else:
        raise CsatInputError(f"plot_path_model: expected a PlsResult or PathModel, got {type(result).__name__}")
    if layout is None:
        for cand in (ACSI_LAYOUT, ECSI_LAYOUT):
            if all(c in cand for c in model.constructs) and (cand is ECSI_LAYOUT or "Image" not in model.blocks):
                layout = cand
                break
        else:
            layout = _auto_layout(model)
    missing = [c for c in model.constructs if c not in layout]
    if missing:
        raise CsatInputError(f"layout: no position for construct {describe_values(missing)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4.6))
    labels = dict(labels or {})
    rx, ry = 0.36, 0.24
    for c in model.constructs:
        x, y = layout[c]
        ax.add_patch(Ellipse((x, y), 2 * rx, 2 * ry, facecolor="#e8f0fb", edgecolor="#1f4e8c", lw=1.4, zorder=2))
        text = labels.get(c, c)
        if res is not None and c in res.r_squared.index:
            text += f"\nR²={res.r_squared[c]:.{decimals}f}"
        ax.text(x, y, text, ha="center", va="center", fontsize=8.5, zorder=3)
    for f, t in model.paths:
        (x0, y0), (x1, y1) = layout[f], layout[t]
        v = np.array([x1 - x0, y1 - y0], dtype=float)
        dist = float(np.hypot(*v)) or 1.0
        u = v / dist
        # leave the ellipse boundary in the direction of travel
        def edge(uu: np.ndarray) -> float:
            return 1.0 / np.sqrt((uu[0] / rx) ** 2 + (uu[1] / ry) ** 2)
        start = np.array([x0, y0]) + u * edge(u)
        end = np.array([x1, y1]) - u * edge(u)
        coef = None if res is None else float(res.path_coefficients.loc[f, t])
        style = "--" if coef is not None and coef < 0 else "-"
        width = 1.0 if coef is None else 0.8 + 3.0 * min(abs(coef), 1.0)
        ax.add_patch(FancyArrowPatch(tuple(start), tuple(end), arrowstyle="-|>", mutation_scale=12, lw=width,
                                     linestyle=style, color="#444444", zorder=1))
        if coef is not None:
            mid = (start + end) / 2
            ax.text(mid[0], mid[1], f"{coef:.{decimals}f}", ha="center", va="center", fontsize=8,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}, zorder=4)
    xs = [layout[c][0] for c in model.constructs]
    ys = [layout[c][1] for c in model.constructs]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    if res is not None:
        ax.set_title(f"PLS path model ({res.scheme} scheme, n = {res.n_obs})", fontsize=10)
    return ax
