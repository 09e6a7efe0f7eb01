"""Chapter 3 widgets: quadrant chart with movable crosshairs, stated vs derived importance,
the asymmetric (PRCA) view and a sample-size calculator.

Each factory wires ipywidgets controls to a plain update function in this module
(``quadrant_view``, ``importance_view``, ``asymmetry_view``, ``sample_size_view``) that
takes plain values and returns data; those functions are tested headless.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .. import ipa, survey
from ..datasets import load
from ..datasets.company import ATTRIBUTES, SEGMENTS, SEGMENTS_ZH
from ..datasets.company_ipa import ipa_frames
from ..errors import CsatInputError

__all__ = [
    "company_ipa_data", "quadrant_view", "quadrant_explorer",
    "importance_view", "importance_explorer",
    "asymmetry_view", "asymmetry_explorer",
    "sample_size_view", "sample_size_calculator",
]

ALL = "all"
SCALE = (1, 5)
LABELS = {k: v[0] for k, v in ATTRIBUTES.items()}
_CROSSHAIRS = ("data_mean", "data_median", "scale_midpoint", "custom")
_IMPORTANCE = ("stated", "pearson", "spearman", "beta", "ln_partial")


@lru_cache(maxsize=1)
def _frames() -> tuple[pd.Series, pd.DataFrame, pd.DataFrame, pd.Series]:
    s = load("company_survey")
    imp, perf, overall = ipa_frames(s)
    return s["segment"], imp, perf, overall


def company_ipa_data(segment: str = ALL) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Importance, performance and overall ratings of the company survey, optionally one segment."""
    seg, imp, perf, overall = _frames()
    if segment == ALL:
        return imp, perf, overall
    if segment not in SEGMENTS:
        raise CsatInputError(f"segment: {segment!r} is not a segment (allowed: 'all', {', '.join(map(repr, SEGMENTS))})")
    rows = (seg == segment).to_numpy()
    return imp[rows], perf[rows], overall[rows]


# ----------------------------------------------------------------------------- quadrant chart
def quadrant_view(
    segment: str = ALL,
    crosshair: str = "data_mean",
    importance_line: float | None = None,
    performance_line: float | None = None,
    importance: str = "stated",
    ties: str = "high",
) -> dict[str, Any]:
    """Quadrants of the ten attributes for one segment and crosshair choice.

    ``crosshair="custom"`` puts the lines at ``importance_line`` / ``performance_line``
    (the movable crosshairs). ``importance`` is ``"stated"`` (mean rating) or a derived
    method. Returns ``result`` (the :func:`ipa.quadrants` table), ``counts`` per quadrant
    and ``n`` respondents.

    >>> v = quadrant_view()
    >>> int(v["counts"].sum())
    10
    """
    if crosshair not in _CROSSHAIRS:
        raise CsatInputError(f"crosshair: {crosshair!r} is not allowed (allowed: {', '.join(_CROSSHAIRS)})")
    if importance not in _IMPORTANCE:
        raise CsatInputError(f"importance: {importance!r} is not allowed (allowed: {', '.join(_IMPORTANCE)})")
    imp, perf, overall = company_ipa_data(segment)
    p = perf.mean()
    if importance == "stated":
        i = imp.mean()
        scale: Any = SCALE
    else:
        i = ipa.derived_importance(perf, overall, importance)
        scale = {"performance": SCALE}
    if crosshair == "custom":
        if importance_line is None or performance_line is None:
            raise CsatInputError("crosshair='custom' needs importance_line and performance_line")
        cross: Any = {"importance": float(importance_line), "performance": float(performance_line)}
    else:
        cross = crosshair
    res = ipa.quadrants(i, p, crosshair=cross, scale=scale, ties=ties)
    counts = res["quadrant"].value_counts().reindex(list(ipa.QUADRANTS), fill_value=0)
    return {"result": res, "counts": counts, "n": int(len(perf)), "segment": segment, "importance": importance}


def _quadrant_table(view: dict[str, Any]) -> pd.DataFrame:
    r = view["result"]
    out = pd.DataFrame(
        {"attribute": [LABELS.get(a, a) for a in r.index], "importance": r["importance"].round(3),
         "performance": r["performance"].round(3), "quadrant": r["quadrant_en"], "象限": r["quadrant_zh"]}
    )
    return out.sort_values(["quadrant", "importance"], ascending=[True, False]).reset_index(drop=True)


def quadrant_explorer():
    """Quadrant chart of the company survey with segment filter, crosshair choice and movable crosshairs."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    seg_opts = [("all respondents", ALL)] + [(f"{s} ({SEGMENTS_ZH[s]})", s) for s in SEGMENTS]
    segment = widgets.Dropdown(options=seg_opts, value=ALL, description="segment")
    crosshair = widgets.Dropdown(options=[("mean of attributes", "data_mean"), ("median of attributes", "data_median"),
                                          ("scale midpoint (3)", "scale_midpoint"), ("custom (sliders)", "custom")],
                                 value="data_mean", description="crosshair")
    importance = widgets.Dropdown(options=[("stated (mean rating)", "stated"), ("derived: Pearson r", "pearson"),
                                           ("derived: Spearman", "spearman"), ("derived: std. beta", "beta"),
                                           ("derived: ln partial (RIPA)", "ln_partial")],
                                  value="stated", description="importance")
    i_line = widgets.FloatSlider(value=3.85, min=1.0, max=5.0, step=0.05, description="importance line",
                                 continuous_update=False, style={"description_width": "initial"})
    p_line = widgets.FloatSlider(value=3.5, min=1.0, max=5.0, step=0.05, description="performance line",
                                 continuous_update=False, style={"description_width": "initial"})
    out = widgets.Output()
    busy = {"sync": False}

    def redraw(*_: Any) -> None:
        if busy["sync"]:
            return
        out.clear_output(wait=True)
        with out:
            try:
                view = quadrant_view(segment.value, crosshair.value, i_line.value, p_line.value, importance.value)
            except CsatInputError as exc:
                print(exc)
                return
            cross = view["result"].attrs["crosshair"]
            if crosshair.value != "custom":  # show where the chosen crosshair sits
                busy["sync"] = True
                i_line.value, p_line.value = round(cross["importance"], 2), round(cross["performance"], 2)
                busy["sync"] = False
            fig, ax = plt.subplots(figsize=(7.5, 5.2))
            ipa.plot_quadrants(view["result"], ax=ax, labels=LABELS)
            ax.set_title(f"{view['segment']} · n = {view['n']} · importance: {view['importance']}", fontsize=10)
            plt.show()
            display(_quadrant_table(view))

    def on_importance(change: Any) -> None:
        busy["sync"] = True
        if change["new"] == "stated":
            i_line.min, i_line.max, i_line.step = 1.0, 5.0, 0.05
        else:
            i_line.min, i_line.max, i_line.step = -1.0, 1.0, 0.01
            if crosshair.value == "scale_midpoint":
                crosshair.value = "data_mean"
        busy["sync"] = False
        redraw()

    def on_slider(_: Any) -> None:
        if busy["sync"]:
            return
        if crosshair.value != "custom":
            busy["sync"] = True
            crosshair.value = "custom"
            busy["sync"] = False
        redraw()

    for w in (segment, crosshair):
        w.observe(redraw, names="value")
    importance.observe(on_importance, names="value")
    for w in (i_line, p_line):
        w.observe(on_slider, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([segment, crosshair, importance]), widgets.HBox([i_line, p_line]), out])


# ----------------------------------------------------------------------------- stated vs derived
def importance_view(method: str = "pearson", segment: str = ALL) -> pd.DataFrame:
    """Stated importance (mean rating) beside derived importance, ranked and labelled.

    >>> importance_view().loc["information", "label"]
    'hidden_gem'
    """
    imp, perf, overall = company_ipa_data(segment)
    out = ipa.compare_importance(imp.mean(), ipa.derived_importance(perf, overall, method))
    out.insert(0, "attribute", [LABELS[a] for a in out.index])
    return out


def importance_explorer():
    """Stated vs derived importance side by side, with method and segment filters."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    def show(method: str, segment: str) -> None:
        try:
            t = importance_view(method, segment)
        except CsatInputError as exc:
            print(exc)
            return
        fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True)
        order = t.sort_values("stated").index
        names = [LABELS[a] for a in order]
        axes[0].barh(names, t.loc[order, "stated"], color="#1f77b4")
        axes[0].set_title("stated: mean importance rating (1-5)", fontsize=9)
        colors = ["#d62728" if t.loc[a, "label"] == "false_priority" else "#2ca02c"
                  if t.loc[a, "label"] == "hidden_gem" else "#7f7f7f" for a in order]
        axes[1].barh(names, t.loc[order, "derived"], color=colors)
        axes[1].set_title(f"derived: {method} (red = false priority, green = hidden gem)", fontsize=9)
        plt.tight_layout()
        plt.show()
        display(t[["attribute", "stated", "derived", "stated_rank", "derived_rank", "label"]].round(3))

    seg_opts = [("all respondents", ALL)] + [(f"{s} ({SEGMENTS_ZH[s]})", s) for s in SEGMENTS]
    return widgets.interactive(
        show,
        method=widgets.Dropdown(options=[("Pearson r", "pearson"), ("Spearman", "spearman"), ("std. beta", "beta"),
                                         ("ln partial (RIPA)", "ln_partial")], value="pearson", description="derived"),
        segment=widgets.Dropdown(options=seg_opts, value=ALL, description="segment"),
    )


# ----------------------------------------------------------------------------- asymmetric view
def asymmetry_view(low: int = 2, high: int = 4, segment: str = ALL) -> pd.DataFrame:
    """PRCA penalty/reward coefficients and the three-factor class of each attribute.

    >>> asymmetry_view().loc["reliability", "factor"]
    'basic'
    """
    _, perf, overall = company_ipa_data(segment)
    out = ipa.prca(perf, overall, low, high)
    out.insert(0, "attribute", [LABELS[a] for a in out.index])
    out["kano"] = [ipa.FACTORS[f]["kano"] for f in out["factor"]]
    return out


def asymmetry_explorer():
    """Penalty (b_low) and reward (b_high) bars per attribute, with the low/high cut-offs as controls."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    def show(low: int, high: int, segment: str) -> None:
        try:
            t = asymmetry_view(low, high, segment)
        except CsatInputError as exc:
            print(exc)
            return
        fig, ax = plt.subplots(figsize=(8, 4))
        y = np.arange(len(t))
        ax.barh(y, t["b_low"], color="#d62728", label="penalty b_low (rating ≤ low)")
        ax.barh(y, t["b_high"], color="#2ca02c", label="reward b_high (rating ≥ high)")
        ax.set_yticks(y, [f"{a} [{f}]" for a, f in zip(t["attribute"], t["factor"])], fontsize=8)
        ax.axvline(0, color="k", lw=0.8)
        ax.set_xlabel("change in overall satisfaction (points)")
        ax.legend(fontsize=8)
        plt.tight_layout()
        plt.show()
        display(t[["attribute", "b_low", "b_high", "impact_asymmetry", "factor", "factor_zh", "kano"]].round(3))
        print(f"R² = {t.attrs['r2']:.3f}, n = {t.attrs['n_used']}")

    seg_opts = [("all respondents", ALL)] + [(f"{s} ({SEGMENTS_ZH[s]})", s) for s in SEGMENTS]
    return widgets.interactive(
        show,
        low=widgets.IntSlider(value=2, min=1, max=3, description="low ≤"),
        high=widgets.IntSlider(value=4, min=3, max=5, description="high ≥"),
        segment=widgets.Dropdown(options=seg_opts, value=ALL, description="segment"),
    )


# ----------------------------------------------------------------------------- sample size
def sample_size_view(
    margin: float = 0.05, confidence: float = 0.95, p: float = 0.5, population: int | None = None
) -> dict[str, Any]:
    """Respondents needed for a margin of error on a share, and what the company's 800 give.

    >>> sample_size_view(0.05)["n"]
    385
    """
    n = survey.sample_size(margin, confidence=confidence, p=p, population=population)
    n0 = survey.sample_size(margin, confidence=confidence, p=p, ceil=False)
    e800 = survey.margin_of_error(800, confidence=confidence, p=p,
                                  population=population if population and population >= 800 else None)
    return {"n": n, "n0": n0, "margin_with_800": e800, "z": survey.normal_quantile(1 - (1 - confidence) / 2)}


def sample_size_calculator():
    """Sliders for margin, confidence and expected share; shows the sample size and the margin with 800."""
    import ipywidgets as widgets

    def show(margin_pct: float, confidence_pct: float, share_pct: float, population: int) -> None:
        try:
            v = sample_size_view(margin_pct / 100, confidence_pct / 100, share_pct / 100, population or None)
        except CsatInputError as exc:
            print(exc)
            return
        pop = f" out of {population:,} customers" if population else ""
        print(f"z = {v['z']:.3f}; you need n = {v['n']:,} respondents{pop} "
              f"(before the finite-population correction: {v['n0']:.1f}).")
        print(f"With the company's 800 respondents the margin is ±{100 * v['margin_with_800']:.1f} points.")

    return widgets.interactive(
        show,
        margin_pct=widgets.FloatSlider(value=5.0, min=1.0, max=10.0, step=0.5, description="margin ± %"),
        confidence_pct=widgets.Dropdown(options=[90.0, 95.0, 99.0], value=95.0, description="confidence %"),
        share_pct=widgets.FloatSlider(value=50.0, min=5.0, max=95.0, step=5.0, description="expected share %"),
        population=widgets.IntText(value=0, description="population (0 = large)"),
    )
