"""Customer economics for Chapter 1: retention, lifetime value, customer classes, Pareto/Lorenz.

Four parts, all vectorised (a million customers take a fraction of a second):

- **Retention economics**: the sources' figures (:data:`ACQUISITION_COST_MULTIPLE`,
  :data:`PROFIT_SHARE_BY_CUSTOMER`, :func:`why_customers_leave` ...) and
  :func:`retention_economics`, the payoff of keeping customers longer.
- **Customer lifetime value** (CLV, 顾客终身价值): :func:`clv`, :func:`margin_multiple`,
  :func:`ledger_clv`. With a constant margin ``m`` per period, retention rate ``r`` and
  discount rate ``i``, margins received at the end of each period the customer survives,

  .. math:: CLV = \\sum_{t=1}^{T} \\frac{m\\,r^t}{(1+i)^t}
            \\;\\xrightarrow{T\\to\\infty}\\; m\\,\\frac{r}{1+i-r}

  (Gupta & Lehmann 2003, "Customers as assets", *J. Interactive Marketing* 17(1); the finite
  sum is Berger & Nasr 1998, *J. Interactive Marketing* 12(1), with constant retention).
  ``r / (1 + i - r)`` is Gupta & Lehmann's *margin multiple*.
- **Four customer classes** by revenue and cost to serve (chapter 6 of the sources):
  :func:`classify_customers`, :func:`class_summary`, :func:`customer_classes`.
- **Concentration**: :func:`pareto_curve`, :func:`lorenz_curve`, :func:`top_share`,
  :func:`customers_for_share`, :func:`gini`, :func:`pareto_table`.

Plots: :func:`plot_customer_classes`, :func:`plot_pareto`. Every function raises
:class:`~csat_helpers.errors.CsatInputError` naming the bad column, row or value.

>>> round(margin_multiple(0.8, 0.10), 2)   # Gupta & Lehmann's margin multiple
2.67
>>> round(gini([1, 1, 1, 1]), 3), round(gini([0, 0, 0, 1]), 3)
(0.0, 0.75)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .errors import CsatInputError
from .validation import as_float_array, describe_values

__all__ = [
    "ACQUISITION_COST_MULTIPLE",
    "PROFIT_SHARE_BY_CUSTOMER",
    "DISSATISFIED_CUSTOMERS",
    "EY_AQF_SATISFACTION_FIRST",
    "BANK_QUALITY_VIEW",
    "economics_facts",
    "why_customers_leave",
    "margin_multiple",
    "clv",
    "expected_lifetime",
    "retention_economics",
    "retention_by_segment",
    "ledger_clv",
    "customer_classes",
    "class_cuts",
    "classify_customers",
    "class_summary",
    "pareto_curve",
    "lorenz_curve",
    "top_share",
    "customers_for_share",
    "gini",
    "pareto_table",
    "plot_customer_classes",
    "plot_pareto",
]

# ----------------------------------------------------------------------------- the sources' figures
#: winning a new customer costs about 4-5 times as much as keeping one
#: (chapter6_customer_satisfaction_and_crm.txt: "5~4倍"; the 1999 lecture: "five times")
ACQUISITION_COST_MULTIPLE: tuple[float, float] = (4.0, 5.0)

#: share of sales profit from ordinary / satisfied / loyal customers (chapter 6 of the sources)
PROFIT_SHARE_BY_CUSTOMER: dict[str, float] = {"ordinary": 0.10, "satisfied": 0.30, "loyal": 0.60}

#: what dissatisfied customers do (chapter 6): about 70 % switch brand, 24 % tell others not to buy
DISSATISFIED_CUSTOMERS: dict[str, float] = {"switch_brand": 0.70, "tell_others_not_to_buy": 0.24}

#: Ernst & Young / American Quality Foundation international quality study: share of firms
#: ranking customer satisfaction first in strategic planning (chapter 6)
EY_AQF_SATISFACTION_FIRST: dict[str, float] = {"Canada": 0.81, "Germany": 0.73, "Japan": 0.95, "USA": 0.78}

#: the bank's two-sided view of quality (chapter 6): what the bank weighs vs what customers weigh
BANK_QUALITY_VIEW: dict[str, tuple[float, float]] = {
    "results (有效果)": (0.70, 0.10),
    "responsiveness (有响应)": (0.20, 0.20),
    "commitment (有承诺)": (0.10, 0.70),
}

_LEAVE = (
    ("died", "死亡", 0.01),
    ("moved_away", "搬走", 0.03),
    ("other_relationship", "建立了其他关系", 0.05),
    ("competitor", "竞争者争取客户", 0.09),
    ("product_dissatisfaction", "产品令人不满意", 0.14),
    ("staff_indifference", "公司职员漠不关心的态度", 0.68),
)


def why_customers_leave() -> pd.DataFrame:
    """Why customers stop buying from a supplier (1999 service lecture): reason, 中文, share.

    >>> why_customers_leave()["share"].sum()
    np.float64(1.0)
    """
    return pd.DataFrame(_LEAVE, columns=["reason", "中文", "share"]).set_index("reason")


def economics_facts() -> pd.DataFrame:
    """The sources' retention-economics figures as one table (figure, value, source file)."""
    ch6 = "chapter6_customer_satisfaction_and_crm.txt"
    rows = [
        ("cost of winning a new customer / cost of keeping one", "4-5x", ch6),
        ("profit from ordinary customers", "10%", ch6),
        ("profit from satisfied customers", "30%", ch6),
        ("profit from loyal customers", "60%", ch6),
        ("dissatisfied customers who switch brand", "70%", ch6),
        ("dissatisfied customers who tell others not to buy", "24%", ch6),
        ("lost customers who left because of staff indifference", "68%", "total_customer_satisfaction_lecture.txt"),
        ("operating cost saved as loyalty rises", "about 3/4", "total_customer_satisfaction_lecture.txt"),
    ]
    return pd.DataFrame(rows, columns=["figure", "value", "source"])


# ----------------------------------------------------------------------------- validation helpers
def _num_array(x: Any, name: str) -> np.ndarray:
    """A float array from a number, sequence or Series; names the first bad entry."""
    raw = x.to_numpy() if isinstance(x, (pd.Series, pd.Index)) else x
    if isinstance(raw, (bool, np.bool_)):
        raise CsatInputError(f"{name}: expected a number, got {raw!r}")
    arr = as_float_array(raw, name)
    if arr.ndim > 1:
        raise CsatInputError(f"{name}: expected a number or a 1-D sequence, got shape {arr.shape}")
    if arr.size == 0:
        raise CsatInputError(f"{name}: is empty; at least one value is needed")
    bad = ~np.isfinite(arr)
    if bad.any():
        k = int(np.argmax(bad.ravel()))
        where = "" if arr.ndim == 0 else f" at position {k}"
        raise CsatInputError(f"{name}: missing or infinite value{where} ({arr.ravel()[k]}); every entry must be a number")
    return arr


def _retention(x: Any, name: str = "retention") -> np.ndarray:
    r = _num_array(x, name)
    bad = (r < 0) | (r >= 1)
    if bad.any():
        v = float(r.ravel()[int(np.argmax(bad.ravel()))])
        tip = f"; write {v / 100:g} for {v:g}%" if 1 < v <= 100 else ""
        raise CsatInputError(
            f"{name}: {v:g} is outside [0, 1); a retention rate is the share of customers kept per period "
            f"and must be below 1 (1 would mean customers never leave, an infinite lifetime){tip}"
        )
    return r


def _discount(x: Any, name: str = "discount") -> np.ndarray:
    d = _num_array(x, name)
    bad = (d < 0) | (d > 1)
    if bad.any():
        v = float(d.ravel()[int(np.argmax(bad.ravel()))])
        tip = f"; write {v / 100:g} for {v:g}%" if 1 < v <= 100 else ""
        raise CsatInputError(f"{name}: {v:g} is outside [0, 1]; give the discount rate per period as a fraction{tip}")
    return d


def _horizon(h: Any) -> np.ndarray | None:
    if h is None:
        return None
    arr = _num_array(h, "horizon")
    bad = (arr < 1) | (arr != np.round(arr))
    if bad.any():
        v = arr.ravel()[int(np.argmax(bad.ravel()))]
        raise CsatInputError(f"horizon: {v:g} is not a whole number of periods >= 1 (use None for an unlimited horizon)")
    return arr


_TIMINGS = ("end", "start")


def _timing(timing: Any) -> str:
    if timing not in _TIMINGS:
        raise CsatInputError(f"timing: {timing!r} is not known; use 'end' (margin at the end of each period, "
                             "Gupta & Lehmann) or 'start' (first margin now)")
    return str(timing)


def _broadcast(**arrays: np.ndarray) -> list[np.ndarray]:
    try:
        return list(np.broadcast_arrays(*arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{k} {np.shape(v)}" for k, v in arrays.items())
        raise CsatInputError(f"inputs do not line up: {shapes}; give one value or one per customer (same length)") from None


def _out(x: np.ndarray) -> float | np.ndarray:
    return float(x) if np.ndim(x) == 0 else x


# ----------------------------------------------------------------------------- lifetime value
def margin_multiple(
    retention: Any, discount: Any, *, horizon: Any = None, timing: str = "end"
) -> float | np.ndarray:
    """Gupta & Lehmann's margin multiple: CLV per unit of margin per period.

    Unlimited horizon: ``r / (1 + i - r)`` (``timing="end"``) or ``(1 + i) / (1 + i - r)``
    (``"start"``, a margin now plus the end-of-period stream). With ``horizon=T`` periods:
    ``sum_{t=1..T} q^t`` (or ``sum_{t=0..T-1} q^t``) with ``q = r / (1 + i)``.

    >>> round(margin_multiple(0.9, 0.12), 2)
    4.09
    >>> margin_multiple([0.6, 0.7], 0.10).round(2).tolist()
    [1.2, 1.75]
    """
    r = _retention(retention)
    i = _discount(discount)
    h = _horizon(horizon)
    t = _timing(timing)
    if h is None:
        r, i = _broadcast(retention=r, discount=i)
        mm = r / (1 + i - r) if t == "end" else (1 + i) / (1 + i - r)
    else:
        r, i, h = _broadcast(retention=r, discount=i, horizon=h)
        q = r / (1 + i)
        geometric = (1 - q**h) / (1 - q)  # sum_{t=0}^{T-1} q^t; q < 1 always
        mm = q * geometric if t == "end" else geometric
    return _out(mm)


def clv(
    margin: Any,
    retention: Any,
    discount: Any,
    *,
    horizon: Any = None,
    acquisition_cost: Any = 0.0,
    timing: str = "end",
) -> float | np.ndarray:
    """Customer lifetime value: ``margin × margin_multiple − acquisition_cost``, vectorised.

    ``margin`` is the margin per period (may be negative: a customer who costs more than he
    brings), ``retention`` the share kept per period in [0, 1), ``discount`` the rate per
    period, ``horizon`` None (closed form, Gupta & Lehmann 2003) or whole periods (finite
    sum, Berger & Nasr 1998). Scalars give a float; sequences (one value per customer,
    broadcast against scalars) give an array.

    >>> round(clv(100, 0.8, 0.10), 2)
    266.67
    >>> round(clv(100, 0.8, 0.10, horizon=3), 2)
    164.09
    >>> clv([100, 50], [0.9, 0.5], 0.1, acquisition_cost=20).round(1).tolist()
    [430.0, 21.7]
    """
    m = _num_array(margin, "margin")
    a = _num_array(acquisition_cost, "acquisition_cost")
    if (a < 0).any():
        v = float(a.ravel()[int(np.argmax((a < 0).ravel()))])
        raise CsatInputError(f"acquisition_cost: {v:g} is negative; a cost must be >= 0")
    mm = np.asarray(margin_multiple(retention, discount, horizon=horizon, timing=timing))
    m, mm, a = _broadcast(margin=m, retention=mm, acquisition_cost=a)
    return _out(m * mm - a)


def expected_lifetime(retention: Any) -> float | np.ndarray:
    """Expected number of periods a customer stays, counting the current one: ``1 / (1 − r)``.

    >>> round(expected_lifetime(0.8), 6)
    5.0
    """
    r = _retention(retention)
    return _out(1.0 / (1.0 - r))


def retention_economics(
    margin: float,
    retention: float,
    discount: float,
    *,
    acquisition_cost: float = 0.0,
    cost_multiple: float = 5.0,
    uplift: float = 0.05,
    horizon: int | None = None,
) -> dict[str, float | None]:
    """The payoff of keeping customers: CLV now and after raising retention by ``uplift``.

    ``cost_multiple`` is the sources' "winning a customer costs 4-5 times keeping one": the
    cost of keeping a customer for a period is ``acquisition_cost / cost_multiple``.
    Returns a dict of plain floats: ``clv``, ``net_clv`` (after acquisition),
    ``expected_lifetime``, ``retention_after``, ``clv_after``, ``clv_gain``,
    ``clv_gain_pct`` (None when the CLV is zero), ``keep_cost`` and ``acquisition_cost``.

    >>> e = retention_economics(100, 0.80, 0.10, uplift=0.05)
    >>> round(e["clv_after"], 1), round(e["clv_gain_pct"], 1)
    (340.0, 27.5)
    """
    for name, v in (("margin", margin), ("retention", retention), ("discount", discount),
                    ("acquisition_cost", acquisition_cost), ("cost_multiple", cost_multiple), ("uplift", uplift)):
        if np.ndim(v) != 0:
            raise CsatInputError(f"{name}: retention_economics takes one number, got a sequence; use clv() per customer")
    r = float(_retention(retention))
    k = float(_num_array(cost_multiple, "cost_multiple"))
    if k <= 0:
        raise CsatInputError(f"cost_multiple: {k:g} must be a positive number (the sources say 4-5)")
    ac = float(_num_array(acquisition_cost, "acquisition_cost"))
    if ac < 0:
        raise CsatInputError(f"acquisition_cost: {ac:g} is negative; a cost must be >= 0")
    up = float(_num_array(uplift, "uplift"))
    after = r + up
    if not 0 <= after < 1:
        raise CsatInputError(
            f"uplift: retention {r:g} + uplift {up:g} = {after:g} is outside [0, 1); choose a smaller uplift"
        )
    base = float(clv(margin, r, discount, horizon=horizon))
    new = float(clv(margin, after, discount, horizon=horizon))
    gain = new - base
    return {
        "clv": base,
        "net_clv": base - ac,
        "expected_lifetime": float(expected_lifetime(r)),
        "retention_after": after,
        "clv_after": new,
        "clv_gain": gain,
        "clv_gain_pct": 100.0 * gain / abs(base) if base != 0 else None,
        "keep_cost": ac / k,
        "acquisition_cost": ac,
    }


# ----------------------------------------------------------------------------- the ledger
def _ledger(ledger: Any, numeric: tuple[str, ...], *, name: str = "ledger", nonneg: bool = True) -> pd.DataFrame:
    """Check a customer table: a non-empty DataFrame with the numeric columns, no gaps, no negatives."""
    if not isinstance(ledger, pd.DataFrame):
        raise CsatInputError(f"{name}: expected a DataFrame of customers, got {type(ledger).__name__}")
    if len(ledger) == 0:
        raise CsatInputError(f"{name}: has no rows; at least one customer with {' and '.join(map(repr, numeric))} "
                             "is needed (were these columns blank before gaps were dropped?)")
    missing = [c for c in numeric if c not in ledger.columns]
    if missing:
        have = describe_values([str(c) for c in ledger.columns], limit=10)
        raise CsatInputError(f"{name}: missing column {describe_values(missing)} (has: {have})")
    for c in numeric:
        col = ledger[c]
        if pd.api.types.is_bool_dtype(col):
            raise CsatInputError(f"{name}: column {c!r} holds true/false values; numbers are expected")
        if not pd.api.types.is_numeric_dtype(col):
            conv = pd.to_numeric(col, errors="coerce")
            bad = conv.isna() & col.notna()
            if bad.any():
                row = bad.idxmax()
                raise CsatInputError(f"{name}: column {c!r}, row {_who(ledger, row)}: {col[row]!r} is not a number")
            raise CsatInputError(f"{name}: column {c!r} holds numbers stored as text; convert it with pd.to_numeric first")
        values = col.to_numpy(dtype=float)
        gap = ~np.isfinite(values)
        if np.isnan(values).all():
            raise CsatInputError(f"{name}: column {c!r} is blank for all {len(values)} customers; fill it in "
                                 f"(every customer needs a {c}) or leave out the analyses that need it")
        if gap.any():
            row = ledger.index[int(np.argmax(gap))]
            raise CsatInputError(
                f"{name}: column {c!r}, row {_who(ledger, row)}: missing or infinite value; every customer needs a {c}"
            )
        if nonneg and (values < 0).any():
            k = int(np.argmax(values < 0))
            raise CsatInputError(
                f"{name}: column {c!r}, row {_who(ledger, ledger.index[k])}: {values[k]:g} is negative; {c} must be >= 0"
            )
    return ledger


def _who(ledger: pd.DataFrame, row: Any) -> str:
    if "customer_id" in ledger.columns:
        return f"{row} (customer {ledger.at[row, 'customer_id']})"
    return str(row)


def _require_column(ledger: pd.DataFrame, column: str, what: str) -> None:
    if column not in ledger.columns:
        raise CsatInputError(f"ledger: missing column {column!r}, needed for {what} "
                             f"(has: {describe_values([str(c) for c in ledger.columns], 10)})")


def _segment_codes(ledger: pd.DataFrame, segment: str) -> tuple[np.ndarray, pd.Index]:
    """One integer code per customer and the sorted segment names (``pd.factorize``, no Python loop)."""
    codes, names = pd.factorize(ledger[segment], sort=True)
    if (codes < 0).any():
        row = ledger.index[int(np.argmax(codes < 0))]
        raise CsatInputError(f"ledger: column {segment!r}, row {_who(ledger, row)}: the segment is missing; "
                             "every customer needs one")
    return codes, names


def _lost(ledger: pd.DataFrame, status: str) -> np.ndarray:
    """True for customers whose status is ``"lost"``; any status but 'active'/'lost' is refused."""
    values = ledger[status].to_numpy(dtype=object, na_value=None)
    lost = values == "lost"
    ok = lost | (values == "active")
    if not ok.all():
        row = ledger.index[int(np.argmax(~ok))]
        raise CsatInputError(
            f"ledger: column {status!r}, row {_who(ledger, row)}: {ledger.at[row, status]!r} is not 'active' or 'lost'"
        )
    return lost


def _observed_retention(lost: np.ndarray, codes: np.ndarray, names: pd.Index, segment: str) -> pd.Series:
    customers = np.bincount(codes, minlength=len(names))
    lost_share = np.bincount(codes, weights=lost, minlength=len(names)) / customers
    return pd.Series(1.0 - lost_share, index=pd.Index(names, name=segment), name="retention")


def retention_by_segment(ledger: pd.DataFrame, *, segment: str = "segment", status: str = "status") -> pd.Series:
    """Observed retention per segment: one minus the share of customers whose status is ``"lost"``."""
    if not isinstance(ledger, pd.DataFrame):
        raise CsatInputError(f"ledger: expected a DataFrame of customers, got {type(ledger).__name__}")
    if len(ledger) == 0:
        raise CsatInputError("ledger: has no rows; at least one customer is needed")
    for c in (segment, status):
        _require_column(ledger, c, "observed retention per segment")
    lost = _lost(ledger, status)
    codes, names = _segment_codes(ledger, segment)
    return _observed_retention(lost, codes, names, segment)


def ledger_clv(
    ledger: pd.DataFrame,
    *,
    retention: float | Mapping[str, float] | str = "observed",
    discount: float = 0.10,
    horizon: int | None = None,
    timing: str = "end",
    only_active: bool = False,
) -> pd.Series:
    """CLV of every customer in a ledger, indexed by ``customer_id``.

    The margin per period is ``gross_margin − cost_to_serve`` (what the customer leaves after
    being served). ``retention`` is one rate for all, a mapping segment → rate, or
    ``"observed"`` for :func:`retention_by_segment` of the same ledger. Lost customers are
    included; ``only_active=True`` values only the customers you still have while the observed
    rates still come from the whole ledger (filtering ``status == "active"`` first would leave
    no lost customer, hence an observed retention of 1, and is refused).
    """
    _ledger(ledger, ("gross_margin", "cost_to_serve"))
    _require_column(ledger, "customer_id", "the CLV of each customer")
    if not isinstance(only_active, (bool, np.bool_)):
        raise CsatInputError(f"only_active: must be True or False, got {only_active!r}")
    observed = isinstance(retention, str)
    if observed and retention != "observed":
        raise CsatInputError(f"retention: {retention!r} is not known; give a rate, a dict per segment or 'observed'")
    if only_active or observed:
        _require_column(ledger, "status", "only_active=True" if only_active else "retention='observed'")
        lost = _lost(ledger, "status")
    if observed or isinstance(retention, (Mapping, pd.Series)):
        _require_column(ledger, "segment", "a retention rate per segment")
        codes, names = _segment_codes(ledger, "segment")
    if observed:
        rates = _observed_retention(lost, codes, names, "segment")
        never_lost = rates.index[rates.to_numpy() >= 1].tolist()
        if never_lost:
            example = ", ".join(f"{seg!r}: 0.9" for seg in never_lost[:2])
            raise CsatInputError(
                f"retention='observed': segment {describe_values(never_lost)} has no lost customer in this ledger, so "
                "its observed retention is 1 (customers who never leave have no finite CLV). Pass the whole ledger, "
                "lost customers included (with only_active=True to value only the active ones), or give rates "
                f"yourself, e.g. retention={{{example}, ...}}"
            )
        r = rates.to_numpy()[codes]
    elif isinstance(retention, (Mapping, pd.Series)):
        given = pd.Series(dict(retention)) if isinstance(retention, Mapping) else retention
        unknown = [seg for seg in names if seg not in given.index]
        if unknown:
            raise CsatInputError(f"retention: no rate for segment {describe_values(unknown)} (given for: "
                                 f"{describe_values(list(given.index))})")
        per_segment = np.array([float(_retention(given[seg], f"retention for segment {seg!r}")) for seg in names])
        r = per_segment[codes]
    else:
        r = retention
    margin = (ledger["gross_margin"] - ledger["cost_to_serve"]).to_numpy(dtype=float)
    values = clv(margin, r, discount, horizon=horizon, timing=timing)
    out = pd.Series(np.broadcast_to(values, margin.shape), index=pd.Index(ledger["customer_id"], name="customer_id"),
                    name="clv")
    return out[~lost] if only_active else out


# ----------------------------------------------------------------------------- four classes
_CLASSES = (
    ("I", "high revenue, low cost to serve", "高收益、低服务成本",
     "the most profitable: watch them closely; if a competitor threatens, a price discount (towards III) or "
     "an extra special service (towards II) keeps them", "III or II (to keep them)"),
    ("II", "high revenue, high cost to serve", "高收益、高服务成本",
     "find why serving them costs so much (special, small or rush orders); share that with the customer, change "
     "how you work together, reward long-term orders", "I"),
    ("III", "low revenue, low cost to serve", "低收益、低服务成本",
     "keep the cost low while selling them more", "I"),
    ("IV", "low revenue, high cost to serve", "低收益、高服务成本",
     "adjust prices or charge for special services", "II or III"),
)


def customer_classes() -> pd.DataFrame:
    """The source's four customer classes with names (English, 中文) and how to move customers."""
    df = pd.DataFrame(_CLASSES, columns=["class", "name", "中文", "advice", "move_towards"])
    return df.set_index("class")


_SPLITS = ("median", "mean", "quantile")


def class_cuts(
    ledger: pd.DataFrame,
    *,
    split: str | tuple[float, float] = "median",
    q: float = 0.5,
    revenue: str = "revenue",
    cost: str = "cost_to_serve",
) -> tuple[float, float]:
    """The (revenue, cost-to-serve) cut points of a split: ``"median"``, ``"mean"``,
    ``"quantile"`` (with ``q``) or a fixed pair ``(revenue_cut, cost_cut)``."""
    _ledger(ledger, (revenue, cost))
    if isinstance(split, (tuple, list, np.ndarray)):
        if len(split) != 2:
            raise CsatInputError(f"split: a fixed split is a pair (revenue_cut, cost_cut), got {len(split)} values")
        cuts = _num_array(list(split), "split")
        return float(cuts[0]), float(cuts[1])
    if split not in _SPLITS:
        raise CsatInputError(f"split: {split!r} is not a known split method; use 'median', 'mean', 'quantile' "
                             "(with q=) or a pair (revenue_cut, cost_cut)")
    rv = ledger[revenue].to_numpy(dtype=float)
    cv = ledger[cost].to_numpy(dtype=float)
    if split == "median":
        return float(np.median(rv)), float(np.median(cv))
    if split == "mean":
        return float(rv.mean()), float(cv.mean())
    if np.ndim(q) != 0 or isinstance(q, (str, bytes)):
        raise CsatInputError(f"q: one quantile between 0 and 1 is expected (0.5 is the median), got {q!r}")
    qq = float(_num_array(q, "q"))
    if not 0 < qq < 1:
        raise CsatInputError(f"q: {qq:g} must be strictly between 0 and 1 (0.5 is the median)")
    return float(np.quantile(rv, qq)), float(np.quantile(cv, qq))


def classify_customers(
    ledger: pd.DataFrame,
    *,
    split: str | tuple[float, float] = "median",
    q: float = 0.5,
    revenue: str = "revenue",
    cost: str = "cost_to_serve",
) -> pd.DataFrame:
    """Put each customer in one of the source's four classes (revenue × cost to serve).

    A customer is *high* on a measure when the value is strictly above the cut (a customer
    exactly on the cut is low). I = high revenue, low cost; II = high, high; III = low, low;
    IV = low revenue, high cost (chapter6_customer_satisfaction_and_crm.txt). Returns a copy
    of the ledger with ``high_revenue``, ``high_cost``, ``customer_class`` (ordered
    categorical I-IV) and ``class_zh``; the cuts are in ``.attrs["cuts"]``.

    >>> led = pd.DataFrame({"revenue": [10, 10, 1, 1], "cost_to_serve": [1, 9, 1, 9]})
    >>> classify_customers(led, split=(5, 5))["customer_class"].tolist()
    ['I', 'II', 'III', 'IV']
    """
    code, hr, hc, rc, cc = _class_codes(ledger, split=split, q=q, revenue=revenue, cost=cost)
    out = ledger.copy(deep=False)  # copy-on-write: the caller's ledger is never changed
    out["high_revenue"] = hr
    out["high_cost"] = hc
    out["customer_class"] = pd.Categorical.from_codes(code, categories=_CLASS_KEYS, ordered=True)
    out["class_zh"] = _CLASS_ZH.take(code)
    out.attrs["cuts"] = {"revenue": rc, "cost": cc}
    return out


_CLASS_KEYS = [c[0] for c in _CLASSES]
_CLASS_ZH = pd.array([c[2] for c in _CLASSES], dtype="str")


def _class_codes(
    ledger: pd.DataFrame, *, split: Any, q: Any, revenue: str, cost: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """Class code per customer (0-3 for I-IV), the high-revenue and high-cost flags, and the cuts."""
    rc, cc = class_cuts(ledger, split=split, q=q, revenue=revenue, cost=cost)
    hr = ledger[revenue].to_numpy(dtype=float) > rc
    hc = ledger[cost].to_numpy(dtype=float) > cc
    code = np.where(hr, np.where(hc, 1, 0), np.where(hc, 3, 2))
    return code, hr, hc, rc, cc


def class_summary(
    ledger: pd.DataFrame,
    *,
    split: str | tuple[float, float] = "median",
    q: float = 0.5,
    revenue: str = "revenue",
    cost: str = "cost_to_serve",
) -> pd.DataFrame:
    """Per class: name, 中文, customers, share of customers, of revenue, of cost to serve,
    and (when ``gross_margin`` is present) the net margin ``gross_margin − cost_to_serve``."""
    code, _, _, rc, cc = _class_codes(ledger, split=split, q=q, revenue=revenue, cost=cost)
    margin = "gross_margin" in ledger.columns
    if margin:
        _ledger(ledger, ("gross_margin",), nonneg=False)
    columns = list(dict.fromkeys([revenue, cost] + (["gross_margin"] if margin else [])))
    sums = ledger[columns].groupby(code).sum().reindex(range(len(_CLASSES)), fill_value=0.0)
    sums.index = _CLASS_KEYS
    out = customer_classes()[["name", "中文"]].copy()
    out["customers"] = np.bincount(code, minlength=len(_CLASSES))
    out["customer_share"] = out["customers"] / len(ledger)
    out["revenue_share"] = sums[revenue] / ledger[revenue].sum() if ledger[revenue].sum() > 0 else 0.0
    out["cost_share"] = sums[cost] / ledger[cost].sum() if ledger[cost].sum() > 0 else 0.0
    if margin:
        out["net_margin"] = sums["gross_margin"] - sums[cost]
    out.index.name = "class"
    out.attrs["cuts"] = {"revenue": rc, "cost": cc}
    return out


# ----------------------------------------------------------------------------- Pareto / Lorenz
def _values(values: Any, name: str = "values") -> np.ndarray:
    """1-D, non-empty, finite, non-negative, with a positive total; names the offending entry
    (a Series by its name and row label)."""
    label = getattr(values, "name", None) if isinstance(values, pd.Series) else None
    name = str(label) if label is not None else name
    if isinstance(values, pd.DataFrame):
        raise CsatInputError(f"{name}: expected one column of values (e.g. ledger['revenue']), got a table")
    index = values.index if isinstance(values, pd.Series) else None
    arr = np.asarray(values.to_numpy() if isinstance(values, pd.Series) else values)
    if arr.ndim != 1:
        raise CsatInputError(f"{name}: expected a 1-D sequence of values, got shape {arr.shape}")
    if arr.size == 0:
        raise CsatInputError(f"{name}: is empty; at least one customer is needed")
    try:
        x = arr.astype(float)
    except (TypeError, ValueError):
        x = _num_array(arr, name)  # raises naming the entry
    bad = ~np.isfinite(x)
    if bad.any():
        k = int(np.argmax(bad))
        where = f"row {index[k]}" if index is not None else f"position {k}"
        raise CsatInputError(f"{name}: {where} is missing or infinite; every customer needs a value (drop or fill gaps first)")
    if (x < 0).any():
        k = int(np.argmax(x < 0))
        where = f"row {index[k]}" if index is not None else f"position {k}"
        raise CsatInputError(f"{name}: {where} is negative ({x[k]:g}); concentration needs values >= 0")
    if x.sum() <= 0:
        raise CsatInputError(f"{name}: all values are zero (all {x.size} customers), so the total is zero and shares "
                             "of it (Pareto and Lorenz curves, top share, Gini) are undefined; check that the column "
                             "holds each customer's amount")
    return x


def _shares(x: np.ndarray, descending: bool) -> tuple[np.ndarray, np.ndarray]:
    s = np.sort(x)
    if descending:
        s = s[::-1]
    cum = np.concatenate(([0.0], np.cumsum(s)))
    n = x.size
    return np.arange(n + 1) / n, cum / cum[-1]


def pareto_curve(values: Any) -> pd.DataFrame:
    """Cumulative share of the total from the largest customers down (the 80/20 view):
    ``customer_share`` k/n and ``value_share`` for k = 0..n.

    >>> pareto_curve([1, 3]).round(2).to_dict("list")
    {'customer_share': [0.0, 0.5, 1.0], 'value_share': [0.0, 0.75, 1.0]}
    """
    xs, ys = _shares(_values(values), descending=True)
    return pd.DataFrame({"customer_share": xs, "value_share": ys})


def lorenz_curve(values: Any) -> pd.DataFrame:
    """Lorenz curve: cumulative share of the total from the smallest customers up (k = 0..n).

    >>> lorenz_curve([1, 3]).round(2).to_dict("list")
    {'customer_share': [0.0, 0.5, 1.0], 'value_share': [0.0, 0.25, 1.0]}
    """
    xs, ys = _shares(_values(values), descending=False)
    return pd.DataFrame({"customer_share": xs, "value_share": ys})


def _fractions(x: Any, name: str) -> np.ndarray:
    f = _num_array(x, name)
    bad = (f < 0) | (f > 1)
    if bad.any():
        v = float(f.ravel()[int(np.argmax(bad.ravel()))])
        tip = f"; write {v / 100:g} for {v:g}%" if 1 < v <= 100 else ""
        raise CsatInputError(f"{name}: {v:g} is outside [0, 1]; give a fraction of customers or of the total{tip}")
    return f


def top_share(values: Any, top: Any = 0.2) -> float | np.ndarray:
    """Share of the total brought by the largest ``top`` fraction of customers.

    Read off the Pareto curve, linear within a customer (exact when ``top × n`` is whole).

    >>> top_share([5, 3, 1, 1], top=0.25)
    0.5
    """
    xs, ys = _shares(_values(values), descending=True)
    t = _fractions(top, "top")
    return _out(np.interp(t, xs, ys))


def customers_for_share(values: Any, share: Any = 0.8) -> float | np.ndarray:
    """Smallest fraction of customers, largest first, whose values add up to ``share`` of the total
    (the inverse of :func:`top_share`, linear within a customer).

    >>> customers_for_share([5, 3, 1, 1], share=0.5)
    0.25
    """
    xs, ys = _shares(_values(values), descending=True)
    s = _fractions(share, "share")
    k = np.clip(np.searchsorted(ys, s, side="left"), 1, xs.size - 1)
    lo, hi = ys[k - 1], ys[k]
    frac = np.where(hi > lo, (s - lo) / np.where(hi > lo, hi - lo, 1.0), 1.0)
    res = np.where(s <= 0, 0.0, xs[k - 1] + frac * (xs[k] - xs[k - 1]))
    return _out(res)


def gini(values: Any) -> float:
    """Gini coefficient of concentration, ``G = 2 Σ i x_(i) / (n Σ x) − (n + 1) / n``
    (values sorted ascending, i = 1..n): 0 when all customers are equal, ``(n − 1) / n``
    when one customer has everything. Equals one minus twice the area under the Lorenz curve.

    >>> round(gini([1, 2, 3, 4, 5]), 4)
    0.2667
    """
    x = np.sort(_values(values))
    n = x.size
    i = np.arange(1, n + 1, dtype=float)
    g = 2.0 * np.dot(i, x) / (n * x.sum()) - (n + 1) / n
    return float(max(g, 0.0))  # rounding can leave -1e-16 for equal values


def pareto_table(values: Any, tops: Any = (0.01, 0.05, 0.10, 0.20, 0.50)) -> pd.DataFrame:
    """Share of the total from the top x % of customers, one row per ``tops`` entry."""
    t = _fractions(tops, "tops")
    shares = np.atleast_1d(top_share(values, np.atleast_1d(t)))
    return pd.DataFrame({"top_customers": np.atleast_1d(t), "value_share": shares})


# ----------------------------------------------------------------------------- plots
_CLASS_COLOURS = {"I": "#2a9d8f", "II": "#e9c46a", "III": "#8d99ae", "IV": "#e76f51"}


def plot_customer_classes(
    ledger: pd.DataFrame,
    *,
    cuts: tuple[float, float] | None = None,
    log: bool = True,
    ax: Any = None,
    revenue: str = "revenue",
    cost: str = "cost_to_serve",
) -> Any:
    """Scatter of revenue × cost to serve, coloured by class, with the cut lines and class names.

    ``cuts`` fixes the (revenue, cost) cuts (e.g. from the whole ledger when plotting one
    segment); by default the medians of ``ledger``. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    if cuts is not None and (not isinstance(cuts, (tuple, list, np.ndarray)) or len(cuts) != 2):
        raise CsatInputError(f"cuts: a pair (revenue_cut, cost_cut) is expected, got {cuts!r}")
    split: str | tuple[float, float] = "median" if cuts is None else tuple(cuts)  # type: ignore[assignment]
    cl = classify_customers(ledger, split=split, revenue=revenue, cost=cost)
    rc, cc = cl.attrs["cuts"]["revenue"], cl.attrs["cuts"]["cost"]
    if ax is None:
        _, ax = plt.subplots()
    names = customer_classes()
    for k in names.index:
        sub = cl[cl["customer_class"] == k]
        ax.scatter(sub[revenue], sub[cost], s=10, alpha=0.6, color=_CLASS_COLOURS[k],
                   label=f"{k} {names.at[k, '中文']} ({len(sub)})")
    ax.axvline(rc, color="0.3", lw=1, ls="--")
    ax.axhline(cc, color="0.3", lw=1, ls="--")
    for k, (dx, dy, ha, va) in {"I": (6, -6, "left", "top"), "II": (6, 6, "left", "bottom"),
                                "III": (-6, -6, "right", "top"), "IV": (-6, 6, "right", "bottom")}.items():
        ax.annotate(k, (rc, cc), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                    fontsize=12, fontweight="bold", color="0.2")
    if log:
        pos = (cl[revenue] > 0).all() and (cl[cost] > 0).all()
        if pos:
            ax.set_xscale("log")
            ax.set_yscale("log")
    ax.set_xlabel(f"{revenue} (收益)")
    ax.set_ylabel(f"{cost} (服务成本)")
    ax.set_title("Four customer classes (顾客四分类)")
    ax.legend(fontsize=8, loc="best", framealpha=0.8)
    return ax


def plot_pareto(values: Any, *, kind: str = "pareto", mark: float | None = 0.2, ax: Any = None) -> Any:
    """Pareto curve (largest customers first) or Lorenz curve (smallest first), with the line of
    equality and, for ``mark``, the share of the top ``mark`` fraction. Returns the Axes."""
    import matplotlib.pyplot as plt

    if kind not in ("pareto", "lorenz"):
        raise CsatInputError(f"kind: {kind!r} is not known; use 'pareto' or 'lorenz'")
    x = _values(values)
    curve = pareto_curve(x) if kind == "pareto" else lorenz_curve(x)
    if ax is None:
        _, ax = plt.subplots()
    ax.plot(curve["customer_share"], curve["value_share"], color="#264653", lw=2,
            label="Pareto curve (帕累托曲线)" if kind == "pareto" else "Lorenz curve (洛伦兹曲线)")
    ax.plot([0, 1], [0, 1], color="0.6", ls=":", label="all customers equal")
    if mark is not None:
        m = float(_fractions(mark, "mark"))
        if kind == "pareto":
            y = float(top_share(x, m))
            ax.plot([m, m, 0], [0, y, y], color="#e76f51", lw=1, ls="--")
            ax.annotate(f"top {m:.0%} → {y:.0%}", (m, y), xytext=(m + 0.05, y - 0.12), fontsize=9)
        else:
            y = 1 - float(top_share(x, m))
            ax.plot([1 - m, 1 - m, 0], [0, y, y], color="#e76f51", lw=1, ls="--")
            ax.annotate(f"bottom {1 - m:.0%} → {y:.0%}", (1 - m, y), xytext=(0.35, y + 0.1), fontsize=9)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("share of customers" + (" (largest first)" if kind == "pareto" else " (smallest first)"))
    ax.set_ylabel("share of total")
    ax.set_title(f"{kind.capitalize()} curve · Gini {gini(x):.2f}")
    ax.legend(fontsize=8, loc="lower right" if kind == "pareto" else "upper left")
    return ax
