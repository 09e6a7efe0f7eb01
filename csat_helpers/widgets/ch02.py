"""Chapter 2 widgets: Kano curves, classify your own answers, a Better–Worse chart with filters.

Each factory wires ipywidgets controls to a plain update function in this module
(``kano_curves_view``, ``classify_view``, ``better_worse_view``) that takes plain
values and returns data; those functions are tested headless.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import kano
from ..datasets.company import ATTRIBUTES, SEGMENTS, SEGMENTS_ZH
from ..errors import CsatInputError

__all__ = [
    "kano_curve", "kano_curves_view", "describe_curves", "plot_kano_curves", "kano_curves_explorer",
    "classify_view", "describe_classification", "classify_answers_explorer",
    "better_worse_view", "better_worse_explorer",
]

ALL = "all"
_CURVE_CATS = ("A", "O", "M", "I", "R")
_COLORS = {"A": "tab:green", "O": "tab:blue", "M": "tab:red", "I": "tab:gray", "R": "tab:purple"}


# ----------------------------------------------------------------------------- Kano curves
def kano_curve(category: str, fulfilment: Any, *, curvature: float = 2.5) -> np.ndarray:
    """Stylised satisfaction (-1 … 1) of one category at a fulfilment level (-1 absent … 1 fully present).

    One-dimensional: s = x. Attractive: s = (e^{k(x+1)} - 1)/(e^{2k} - 1), from 0 up to 1.
    Must-be: the mirror image, s = -attractive(-x), from -1 up to 0. Indifferent: 0. Reverse: -x.
    A teaching picture of Kano et al. (1984), not a fitted model.

    >>> kano_curve("M", [-1, 1]).round(3).tolist()
    [-1.0, 0.0]
    """
    if category not in _CURVE_CATS:
        raise CsatInputError(f"category: {category!r} has no Kano curve; use one of {', '.join(_CURVE_CATS)}")
    x = np.asarray(fulfilment, dtype=float)
    if np.isnan(x).any() or (x < -1).any() or (x > 1).any():
        raise CsatInputError("fulfilment: must be between -1 (absent) and 1 (fully present)")
    k = float(curvature)
    if not k > 0:
        raise CsatInputError(f"curvature: must be > 0, got {curvature!r}")

    def attractive(v: np.ndarray) -> np.ndarray:
        return (np.exp(k * (v + 1)) - 1) / (np.exp(2 * k) - 1)

    if category == "O":
        return x.copy()
    if category == "A":
        return attractive(x)
    if category == "M":
        return 0.0 - attractive(-x) + 0.0
    if category == "I":
        return np.zeros_like(x)
    return -x


def kano_curves_view(
    attractive: float = 0.0,
    one_dimensional: float = 0.0,
    must_be: float = 0.0,
    indifferent: float = 0.0,
    reverse: float = -1.0,
    *,
    curvature: float = 2.5,
) -> dict[str, Any]:
    """The curves, one point per category at its slider's fulfilment, and their total.

    Returns ``curves`` (DataFrame: fulfilment, A, O, M, I, R), ``points``
    (DataFrame indexed by category: fulfilment, satisfaction) and ``total``.

    >>> v = kano_curves_view(must_be=-1.0)
    >>> float(v["points"].loc["M", "satisfaction"])
    -1.0
    """
    levels = {"A": attractive, "O": one_dimensional, "M": must_be, "I": indifferent, "R": reverse}
    grid = np.round(np.linspace(-1, 1, 81), 4)
    curves = pd.DataFrame({"fulfilment": grid, **{c: kano_curve(c, grid, curvature=curvature) for c in _CURVE_CATS}})
    pts = pd.DataFrame(
        {
            "fulfilment": [float(levels[c]) for c in _CURVE_CATS],
            "satisfaction": [float(kano_curve(c, levels[c], curvature=curvature)) for c in _CURVE_CATS],
        },
        index=pd.Index(_CURVE_CATS, name="category"),
    )
    return {"curves": curves, "points": pts, "total": float(pts["satisfaction"].sum())}


def describe_curves(view: dict[str, Any]) -> str:
    """One line per category for the explorer."""
    lines = []
    for c, row in view["points"].iterrows():
        info = kano.CATEGORIES[c]
        lines.append(f"{info['en']} ({info['zh']}): fulfilment {row['fulfilment']:+.1f} → satisfaction {row['satisfaction']:+.2f}")
    lines.append(f"sum of the five contributions: {view['total']:+.2f}")
    return "\n".join(lines)


def plot_kano_curves(view: dict[str, Any], ax: Any = None) -> Any:
    """Draw the view of :func:`kano_curves_view`: the five curves and one point per category; returns the Axes."""
    import matplotlib.pyplot as plt

    if not isinstance(view, dict) or not {"curves", "points"} <= set(view):
        raise CsatInputError("view: expected the dict from kano_curves_view() (keys 'curves', 'points', 'total')")
    if ax is None:
        _, ax = plt.subplots()
    c = view["curves"]
    for cat in _CURVE_CATS:
        ax.plot(c["fulfilment"], c[cat], color=_COLORS[cat], lw=2, label=kano.CATEGORIES[cat]["en"])
    p = view["points"]
    ax.scatter(p["fulfilment"], p["satisfaction"], color=[_COLORS[i] for i in p.index], s=60, zorder=3, edgecolors="black")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.1, 1.1)
    ax.set_xlabel("fulfilment: absent ← → fully present")
    ax.set_ylabel("satisfaction: dissatisfied ← → delighted")
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title("Kano curves")
    return ax


def kano_curves_explorer():
    """One slider per category (how well that attribute is fulfilled); shows the curves and the points."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    style = {"description_width": "130px"}

    def slider(value: float, label: str) -> Any:
        return widgets.FloatSlider(value=value, min=-1.0, max=1.0, step=0.1, description=label,
                                   readout_format="+.1f", style=style, continuous_update=False)

    def show(attractive, one_dimensional, must_be, indifferent, reverse):
        view = kano_curves_view(attractive, one_dimensional, must_be, indifferent, reverse)
        print(describe_curves(view))
        plot_kano_curves(view)
        plt.show()

    return widgets.interactive(
        show,
        attractive=slider(0.0, "Attractive (A)"),
        one_dimensional=slider(0.0, "One-dimensional (O)"),
        must_be=slider(0.0, "Must-be (M)"),
        indifferent=slider(0.0, "Indifferent (I)"),
        reverse=slider(-1.0, "Reverse (R)"),
    )


# ----------------------------------------------------------------------------- classify your answers
def classify_view(functional: Any, dysfunctional: Any) -> dict[str, Any]:
    """Classify one answer pair and explain it: category, names, meaning and the table cell.

    >>> classify_view("like", "neutral")["category"]
    'A'
    """
    cat = kano.classify(functional, dysfunctional)
    if cat == "":
        raise CsatInputError("answer both questions: a pair with a missing answer is not classified")
    pair = kano._prepare(functional, dysfunctional, None)
    f, d = int(pair.f[0, 0]), int(pair.d[0, 0])
    info = kano.CATEGORIES[cat]
    return {
        "category": cat,
        "en": info["en"],
        "zh": info["zh"],
        "meaning": info["meaning"],
        "functional": kano.ANSWERS[f]["key"],
        "dysfunctional": kano.ANSWERS[d]["key"],
        "cell": (f, d),
    }


def describe_classification(view: dict[str, Any]) -> str:
    """HTML: the verdict and the evaluation table with the cell used highlighted."""
    f, d = view["cell"]
    head = "".join(f"<th>{kano.ANSWERS[j]['key']}</th>" for j in range(1, 6))
    rows = []
    for i in range(1, 6):
        cells = []
        for j in range(1, 6):
            style = " style='background:#ffd166;font-weight:bold'" if (i, j) == (f, d) else ""
            cells.append(f"<td{style}>{kano.EVALUATION_TABLE.loc[i, j]}</td>")
        rows.append(f"<tr><th>{kano.ANSWERS[i]['key']}</th>{''.join(cells)}</tr>")
    table = f"<table><tr><th>F \\ D</th>{head}</tr>{''.join(rows)}</table>"
    return (f"<p>functional <b>{view['functional']}</b>, dysfunctional <b>{view['dysfunctional']}</b> → "
            f"<b>{view['category']} · {view['en']} ({view['zh']})</b>: {view['meaning']}</p>{table}")


def classify_answers_explorer():
    """Answer the two questions about a feature yourself and see how the table classifies you."""
    import ipywidgets as widgets
    from IPython.display import HTML, display

    options = [(f"{c} · {a['en']} ({a['zh']})", c) for c, a in kano.ANSWERS.items()]
    style = {"description_width": "220px"}
    layout = widgets.Layout(width="560px")

    def show(functional, dysfunctional):
        display(HTML(describe_classification(classify_view(functional, dysfunctional))))

    return widgets.interactive(
        show,
        functional=widgets.Dropdown(options=options, value=1, description="If the product HAS it (正向):",
                                    style=style, layout=layout),
        dysfunctional=widgets.Dropdown(options=options, value=3, description="If it does NOT have it (反向):",
                                       style=style, layout=layout),
    )


# ----------------------------------------------------------------------------- Better-Worse chart
def better_worse_view(
    survey: pd.DataFrame, segment: str = ALL, group: str = ALL, split: float | str = 0.5
) -> pd.DataFrame:
    """Kano evaluation of the company survey for one segment and attribute group, with the quadrant.

    ``segment``: "all" or one of the segments; ``group``: "all", "product" or "service"
    (the fuzzy factor group of each attribute). Returns :func:`kano.evaluate`'s
    columns plus ``name`` (English / 中文) and ``quadrant``.
    """
    from ..datasets.company_kano import kano_frames

    if segment != ALL and segment not in SEGMENTS:
        raise CsatInputError(f"segment: {segment!r} is not a segment; use 'all' or one of {', '.join(SEGMENTS)}")
    groups = sorted({g for _, _, g in ATTRIBUTES.values()})
    if group != ALL and group not in groups:
        raise CsatInputError(f"group: {group!r} is not an attribute group; use 'all' or one of {', '.join(groups)}")
    attrs = [a for a, (_, _, g) in ATTRIBUTES.items() if group in (ALL, g)]
    rows = survey if segment == ALL else survey[survey["segment"] == segment]
    if len(rows) == 0:
        raise CsatInputError(f"segment {segment!r}: no respondents in this survey")
    f, d, imp = kano_frames(rows, attrs)
    res = kano.evaluate(f, d, imp)
    res.insert(0, "name", [f"{ATTRIBUTES[a][0]} ({ATTRIBUTES[a][1]})" for a in res.index])
    res["quadrant"] = kano.bw_quadrant(res["better"], res["worse"], split=split)
    return res


def better_worse_explorer(survey: pd.DataFrame | None = None):
    """Filters for segment, attribute group and split; draws the Better–Worse chart and its table."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from ..datasets import load

    data = load("company_survey") if survey is None else survey
    seg_opts = [("all segments", ALL)] + [(f"{s} ({SEGMENTS_ZH[s]})", s) for s in SEGMENTS]
    grp_opts = [("all attributes", ALL), ("product (产品)", "product"), ("service (服务)", "service")]

    def show(segment, group, split):
        try:
            res = better_worse_view(data, segment, group, split)
        except CsatInputError as exc:
            print(exc)
            return
        kano.plot_better_worse(res, split=split)
        plt.show()
        cols = ["category", "category_zh", "quadrant", "better", "worse", "n", "flags"]
        display(res[cols].round(3))

    return widgets.interactive(
        show,
        segment=widgets.Dropdown(options=seg_opts, value=ALL, description="segment"),
        group=widgets.Dropdown(options=grp_opts, value=ALL, description="attributes"),
        split=widgets.Dropdown(options=[("0.5", 0.5), ("attribute means", "mean")], value=0.5, description="split"),
    )
