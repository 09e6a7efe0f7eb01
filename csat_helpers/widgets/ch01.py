"""Chapter 1 widgets: a retention-economics / CLV calculator, the four customer classes, a Pareto curve.

Each factory wires ipywidgets controls to a plain update function in this module
(``clv_view``, ``class_view``, ``pareto_view``) that takes plain values and returns
data; those functions are tested headless.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import customers as cu
from ..errors import CsatInputError

__all__ = [
    "clv_view", "describe_clv", "clv_calculator",
    "class_view", "class_explorer",
    "pareto_view", "describe_pareto", "pareto_explorer",
]

ALL = "all segments"


# ----------------------------------------------------------------------------- CLV calculator
def clv_view(
    margin: float = 10.0,
    retention: float = 0.80,
    discount: float = 0.10,
    acquisition_cost: float = 20.0,
    uplift: float = 0.05,
    horizon: int = 0,
    cost_multiple: float = 5.0,
) -> dict[str, Any]:
    """Everything the calculator shows: :func:`customers.retention_economics` plus the CLV
    curve over retention 0-0.95 (``curve``: DataFrame retention, clv). ``horizon=0`` means unlimited.

    >>> v = clv_view(10, 0.8, 0.1, 20, 0.05)
    >>> round(v["clv"], 2), round(v["clv_after"], 2)
    (26.67, 34.0)
    """
    h = None if horizon in (0, None) else int(horizon)
    econ = cu.retention_economics(margin, retention, discount, acquisition_cost=acquisition_cost,
                                  cost_multiple=cost_multiple, uplift=uplift, horizon=h)
    grid = np.round(np.linspace(0.0, 0.95, 96), 4)
    curve = pd.DataFrame({"retention": grid, "clv": cu.clv(margin, grid, discount, horizon=h)})
    return {**econ, "margin": float(margin), "retention": float(retention), "discount": float(discount),
            "horizon": h, "curve": curve}


def describe_clv(view: dict[str, Any]) -> str:
    """HTML summary of :func:`clv_view` (money in the units of the margin)."""
    horizon = "unlimited" if view["horizon"] is None else f"{view['horizon']} periods"
    pct = "n/a" if view["clv_gain_pct"] is None else f"{view['clv_gain_pct']:+.1f}%"
    rows = [
        ("CLV (顾客终身价值)", f"{view['clv']:.2f}"),
        ("CLV after acquisition cost", f"{view['net_clv']:.2f}"),
        ("expected lifetime (periods)", f"{view['expected_lifetime']:.1f}"),
        (f"CLV at retention {view['retention_after']:.2f}", f"{view['clv_after']:.2f}"),
        ("gain from the higher retention", f"{view['clv_gain']:.2f} ({pct})"),
        ("cost to win one new customer", f"{view['acquisition_cost']:.2f}"),
        ("cost to keep one customer a period", f"{view['keep_cost']:.2f}"),
    ]
    body = "".join(f"<tr><td>{k}</td><td style='text-align:right'><b>{v}</b></td></tr>" for k, v in rows)
    return f"<p>Horizon: {horizon}</p><table>{body}</table>"


def _plot_clv(view: dict[str, Any], ax: Any = None) -> Any:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    c = view["curve"]
    ax.plot(c["retention"], c["clv"], color="#264653", lw=2, label="CLV")
    ax.axhline(view["acquisition_cost"], color="#e76f51", ls="--", lw=1, label="acquisition cost")
    ax.plot([view["retention"]], [view["clv"]], "o", color="#264653")
    ax.plot([view["retention_after"]], [view["clv_after"]], "o", color="#2a9d8f", label="after uplift")
    ax.set_xlabel("retention rate per period (顾客保持率)")
    ax.set_ylabel("customer lifetime value")
    ax.set_xlim(0, 1)
    ax.legend(fontsize=8, loc="upper left")
    return ax


def clv_calculator():
    """Sliders for margin, retention, discount, acquisition cost, uplift and horizon; shows CLV,
    the payoff of raising retention, and CLV against retention."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    style = {"description_width": "150px"}
    layout = widgets.Layout(width="460px")

    def show(margin, retention, discount, acquisition_cost, uplift, horizon):
        try:
            view = clv_view(margin, retention, discount, acquisition_cost, uplift, horizon)
        except CsatInputError as exc:
            print(exc)
            return
        display(HTML(describe_clv(view)))
        _plot_clv(view)
        plt.show()

    return widgets.interactive(
        show,
        margin=widgets.FloatSlider(value=10.0, min=-5.0, max=50.0, step=0.5, description="margin / period",
                                   style=style, layout=layout),
        retention=widgets.FloatSlider(value=0.80, min=0.0, max=0.95, step=0.01, description="retention",
                                      style=style, layout=layout),
        discount=widgets.FloatSlider(value=0.10, min=0.0, max=0.30, step=0.01, description="discount rate",
                                     style=style, layout=layout),
        acquisition_cost=widgets.FloatSlider(value=20.0, min=0.0, max=100.0, step=1.0,
                                             description="acquisition cost", style=style, layout=layout),
        uplift=widgets.FloatSlider(value=0.05, min=0.0, max=0.10, step=0.01, description="retention uplift",
                                   style=style, layout=layout),
        horizon=widgets.IntSlider(value=0, min=0, max=30, step=1, description="horizon (0 = unlimited)",
                                  style=style, layout=layout),
    )


# ----------------------------------------------------------------------------- four classes
def class_view(ledger: pd.DataFrame, segment: str = ALL, split: str = "median") -> dict[str, Any]:
    """Cuts from the whole ledger (so segments are compared with the company), then the
    segment's customers and their class summary. Returns ``cuts``, ``customers`` (the
    segment's rows) and ``summary`` (:func:`customers.class_summary` with the fixed cuts)."""
    cuts = cu.class_cuts(ledger, split=split)
    if segment == ALL:
        sub = ledger
    else:
        if "segment" not in ledger.columns:
            raise CsatInputError("ledger: filtering by segment needs a 'segment' column")
        known = sorted(ledger["segment"].dropna().unique())
        if segment not in known:
            raise CsatInputError(f"segment: {segment!r} is not in the ledger (has: {', '.join(known)})")
        sub = ledger[ledger["segment"] == segment]
    summary = cu.class_summary(sub, split=cuts)
    return {"cuts": cuts, "customers": sub, "summary": summary}


def class_explorer(ledger: pd.DataFrame | None = None):
    """Four-class chart of the ledger (revenue × cost to serve) with a segment filter."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    if ledger is None:
        from ..datasets import load

        ledger = load("customer_ledger")
    segments = [ALL, *sorted(ledger["segment"].dropna().unique())]

    def show(segment, split, log):
        view = class_view(ledger, segment, split)
        fig, ax = plt.subplots(figsize=(7.5, 5))
        cu.plot_customer_classes(view["customers"], cuts=view["cuts"], log=log, ax=ax)
        plt.show()
        cols = ["中文", "customers", "customer_share", "revenue_share", "cost_share", "net_margin"]
        display(view["summary"][[c for c in cols if c in view["summary"].columns]].round(3))

    return widgets.interactive(
        show,
        segment=widgets.Dropdown(options=segments, value=ALL, description="segment"),
        split=widgets.Dropdown(options=["median", "mean"], value="median", description="split at"),
        log=widgets.Checkbox(value=True, description="log axes"),
    )


# ----------------------------------------------------------------------------- Pareto curve
def pareto_view(values: Any, top: float = 0.2, share: float = 0.8) -> dict[str, Any]:
    """Concentration of ``values``: the top ``top`` share, the customers needed for ``share``
    of the total, the Gini coefficient and the Pareto curve.

    >>> v = pareto_view([5, 3, 1, 1], top=0.25, share=0.5)
    >>> v["top_share"], v["customers_for_share"], round(v["gini"], 3)
    (0.5, 0.25, 0.35)
    """
    for name, v in (("top", top), ("share", share)):
        if v is None or np.ndim(v) != 0 or isinstance(v, (str, bytes, bool)):
            raise CsatInputError(f"{name}: one fraction between 0 and 1 is expected, got {v!r}")
    curve = cu.pareto_curve(values)  # validates the values
    top_share = float(cu.top_share(values, top))  # validates top
    customers_for_share = float(cu.customers_for_share(values, share))
    return {
        "top": float(top),
        "top_share": top_share,
        "share": float(share),
        "customers_for_share": customers_for_share,
        "gini": cu.gini(values),
        "n": len(curve) - 1,
        "curve": curve,
    }


def describe_pareto(view: dict[str, Any]) -> str:
    """One line of text for the Pareto explorer."""
    return (f"{view['n']} customers: the top {view['top']:.0%} bring {view['top_share']:.1%} of the total; "
            f"{view['customers_for_share']:.1%} of customers bring {view['share']:.0%}; Gini {view['gini']:.3f}")


def pareto_explorer(ledger: pd.DataFrame | None = None):
    """Pareto (or Lorenz) curve of revenue, gross margin or cost to serve, by segment, with a top-x slider."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    if ledger is None:
        from ..datasets import load

        ledger = load("customer_ledger")
    segments = [ALL, *sorted(ledger["segment"].dropna().unique())]

    def show(measure, segment, top, kind):
        sub = ledger if segment == ALL else ledger[ledger["segment"] == segment]
        try:
            values = sub[measure]
            view = pareto_view(values, top)
        except CsatInputError as exc:
            print(exc)
            return
        print(describe_pareto(view))
        fig, ax = plt.subplots()
        cu.plot_pareto(values, kind=kind, mark=top, ax=ax)
        plt.show()

    return widgets.interactive(
        show,
        measure=widgets.Dropdown(options=["revenue", "gross_margin", "cost_to_serve"], value="revenue",
                                 description="measure"),
        segment=widgets.Dropdown(options=segments, value=ALL, description="segment"),
        top=widgets.FloatSlider(value=0.2, min=0.05, max=0.5, step=0.05, description="top share",
                                readout_format=".2f"),
        kind=widgets.ToggleButtons(options=["pareto", "lorenz"], value="pareto", description="curve"),
    )
