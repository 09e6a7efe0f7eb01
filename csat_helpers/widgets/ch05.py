"""Chapter 5 widgets: an index calculator and a PLS path-model explorer.

Each factory wires ipywidgets controls to a plain update function in this module
(``index_view``, ``aggregation_view``, ``path_model_view``) that takes plain values and
returns data; those functions are tested headless.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import csi, pls
from ..datasets import company_acsi
from ..errors import CsatInputError

__all__ = [
    "MODELS",
    "SCALES",
    "WEIGHTINGS",
    "model_data",
    "fit_model",
    "index_view",
    "index_calculator",
    "aggregation_view",
    "aggregation_calculator",
    "path_model_view",
    "path_model_explorer",
]

#: name -> (PathModel, dataset name, layout)
MODELS: dict[str, tuple[pls.PathModel, str, dict[str, tuple[float, float]]]] = {
    "Huajia ACSI (company survey)": (
        company_acsi.MODEL,
        "company_survey",
        {"Expectations": (0.0, 2.0), "Quality": (0.0, 0.0), "Value": (1.0, 1.0), "Satisfaction": (2.0, 1.0),
         "Complaints": (3.0, 2.0), "Loyalty": (3.0, 0.0)},
    ),
    "ACSI on mobi": (pls.ACSI, "mobi", pls.ACSI_LAYOUT),
    "ECSI on mobi": (pls.ECSI_MOBI, "mobi", pls.ECSI_LAYOUT),
    "ECSI on satisfaction (bank)": (pls.ECSI_SATISFACTION, "satisfaction", pls.ECSI_LAYOUT),
}
#: rating scale of each dataset; the bank data hold 0s, so their scale is 0–10 (not 1–10)
SCALES: dict[str, tuple[int, int]] = {"company_survey": (1, 10), "mobi": (1, 10), "satisfaction": (0, 10)}
WEIGHTINGS = ("PLS (un-standardised)", "PLS weights on raw items (bug)", "equal", "custom")

_CACHE: dict[Any, Any] = {}


def model_data(model_name: str) -> tuple[pls.PathModel, pd.DataFrame]:
    """The model and its data for a name in :data:`MODELS` (data cached)."""
    if model_name not in MODELS:
        raise CsatInputError(f"model: {model_name!r} is not offered; choose from {', '.join(MODELS)}")
    model, dataset, _ = MODELS[model_name]
    if dataset not in _CACHE:
        from ..datasets import load

        _CACHE[dataset] = load(dataset)
    return model, _CACHE[dataset]


def fit_model(model_name: str, scheme: str = "centroid", standardize: bool = True,
              drop_item: str | None = None) -> pls.PlsResult:
    """Fit one of :data:`MODELS` (listwise deletion, quietly), optionally without one item; cached."""
    key = ("fit", model_name, scheme, standardize, drop_item)
    if key not in _CACHE:
        model, data = model_data(model_name)
        if drop_item:
            blocks = {c: [i for i in items if i != drop_item] for c, items in model.blocks.items()}
            if drop_item not in model.indicators:
                raise CsatInputError(f"drop_item: {drop_item!r} is not an indicator of {model_name!r}")
            empty = [c for c, items in blocks.items() if not items]
            if empty:
                raise CsatInputError(f"drop_item: {drop_item!r} is the only indicator of {empty[0]!r}; it cannot go")
            model = pls.PathModel(blocks, model.paths, model.modes)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            _CACHE[key] = pls.fit(model, data, scheme=scheme, standardize=standardize)
    return _CACHE[key]


# ----------------------------------------------------------------------------- index calculator
def index_view(
    model_name: str = "Huajia ACSI (company survey)",
    construct: str = "Satisfaction",
    weighting: str = "PLS (un-standardised)",
    threshold: float = 8,
    custom_weights: Sequence[float] | None = None,
) -> dict[str, Any]:
    """Item table and the construct's 0–100 index under a weighting choice.

    Returns ``{"table": DataFrame, "index": float, "pls_index": float}``; the table has, per item,
    mean, score_0_100, the weight used and the satisfaction rate (x ≥ threshold, missing excluded).
    """
    res = fit_model(model_name)
    model, data = model_data(model_name)
    if construct not in model.blocks:
        raise CsatInputError(f"construct: {construct!r} is not in {model_name!r} ({', '.join(model.blocks)})")
    items = model.blocks[construct]
    scale = SCALES[MODELS[model_name][1]]
    complete = data.loc[res.scores.index, items]
    scores = csi.item_scores(complete, scale)
    rate = csi.satisfaction_rate(complete, threshold, scale)
    pls_w = csi.raw_weights(res)[items]
    if weighting == WEIGHTINGS[0]:
        w = pls_w
    elif weighting == WEIGHTINGS[1]:
        w = res.outer_weights[items] / res.outer_weights[items].sum()
    elif weighting == WEIGHTINGS[2]:
        w = pd.Series(1.0 / len(items), index=items)
    elif weighting == WEIGHTINGS[3]:
        if custom_weights is None or len(custom_weights) != len(items):
            raise CsatInputError(f"custom_weights: give {len(items)} weights, one per item of {construct!r}")
        cw = np.asarray(custom_weights, dtype=float)
        if np.any(cw < 0) or cw.sum() <= 0:
            raise CsatInputError("custom_weights: must be >= 0 with a positive total")
        w = pd.Series(cw / cw.sum(), index=items)
    else:
        raise CsatInputError(f"weighting: {weighting!r} is not offered; choose from {', '.join(WEIGHTINGS)}")
    table = pd.DataFrame(
        {"mean": scores["mean"], "score_0_100": scores["score_0_100"], "weight": w,
         "satisfied_%": rate["rate"]},
    )
    index = csi.weighted_csi(table["score_0_100"], table["weight"], normalize=True)
    pls_index = float(csi.acsi_index(res, data.loc[res.scores.index], scale)[construct])
    return {"table": table, "index": index, "pls_index": pls_index}


def aggregation_view(indices: Sequence[float], sales: Sequence[float], names: Sequence[str] | None = None) -> dict[str, Any]:
    """Sales-weighted industry index from company indices, with the unweighted mean for contrast."""
    names = list(names) if names is not None else [f"company {k + 1}" for k in range(len(indices))]
    idx = pd.Series(list(indices), index=names, dtype=float)
    s = pd.Series(list(sales), index=names, dtype=float)
    value = csi.aggregate_index(idx, s)
    table = pd.DataFrame({"index": idx, "sales": s, "share": s / s.sum()})
    return {"table": table, "industry_index": value, "unweighted_mean": float(idx.mean())}


def index_calculator() -> Any:
    """Widget: pick a construct and a weighting, move the threshold; see item scores, weights and the index."""
    import ipywidgets as W
    from IPython.display import display

    model_dd = W.Dropdown(options=list(MODELS), value=list(MODELS)[0], description="model")
    cons_dd = W.Dropdown(options=list(MODELS[model_dd.value][0].blocks), value="Satisfaction", description="construct")
    weight_dd = W.Dropdown(options=list(WEIGHTINGS), value=WEIGHTINGS[0], description="weights")
    thr = W.IntSlider(value=8, min=2, max=10, step=1, description="satisfied ≥")
    sliders = W.VBox([])
    out = W.Output()
    head = W.HTML()

    def _custom_sliders() -> None:
        items = MODELS[model_dd.value][0].blocks[cons_dd.value]
        sliders.children = [W.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.1, description=i[:14]) for i in items]
        for s in sliders.children:
            s.observe(lambda _: refresh(), names="value")

    def refresh(*_: Any) -> None:
        cw = [s.value for s in sliders.children] if weight_dd.value == "custom" else None
        sliders.layout.display = "" if weight_dd.value == "custom" else "none"
        try:
            view = index_view(model_dd.value, cons_dd.value, weight_dd.value, thr.value, cw)
        except CsatInputError as exc:
            head.value = f"<b>{exc}</b>"
            return
        head.value = (f"<b>{cons_dd.value}</b> index with these weights: <b>{view['index']:.2f}</b> "
                      f"&nbsp;·&nbsp; PLS (correct) index: {view['pls_index']:.2f}")
        out.clear_output(wait=True)
        with out:
            display(view["table"].round(3))

    def on_model(_: Any) -> None:
        cons_dd.options = list(MODELS[model_dd.value][0].blocks)
        _custom_sliders()
        refresh()

    model_dd.observe(on_model, names="value")
    cons_dd.observe(lambda _: (_custom_sliders(), refresh()), names="value")
    weight_dd.observe(refresh, names="value")
    thr.observe(refresh, names="value")
    _custom_sliders()
    refresh()
    return W.VBox([W.HBox([model_dd, cons_dd]), W.HBox([weight_dd, thr]), sliders, head, out])


def aggregation_calculator() -> Any:
    """Widget: four companies' indices and sales -> the sales-weighted industry index."""
    import ipywidgets as W

    names = ["Huajia", "rival A", "rival B", "rival C"]
    idx = [W.FloatSlider(value=v, min=50, max=90, step=0.1, description=f"{n} index") for n, v in
           zip(names, [66.8, 74.0, 71.0, 69.0])]
    sal = [W.FloatSlider(value=v, min=0, max=100, step=1, description="sales") for v in [20, 45, 25, 10]]
    out = W.HTML()

    def refresh(*_: Any) -> None:
        try:
            v = aggregation_view([s.value for s in idx], [s.value for s in sal], names)
        except CsatInputError as exc:
            out.value = f"<b>{exc}</b>"
            return
        out.value = (f"industry index (sales-weighted): <b>{v['industry_index']:.2f}</b> &nbsp;·&nbsp; "
                     f"unweighted mean: {v['unweighted_mean']:.2f}")

    for s in idx + sal:
        s.observe(refresh, names="value")
    refresh()
    return W.VBox([W.HBox([a, b]) for a, b in zip(idx, sal)] + [out])


# ----------------------------------------------------------------------------- path-model explorer
def path_model_view(
    model_name: str = "Huajia ACSI (company survey)",
    scheme: str = "centroid",
    standardize: bool = True,
    drop_item: str | None = None,
) -> dict[str, Any]:
    """Fit a model and return ``{"result", "paths", "summary", "index"}`` for the explorer.

    ``paths`` lists each path's coefficient, ``summary`` the R², AVE and index by construct.
    """
    if scheme not in ("centroid", "factorial", "path"):
        raise CsatInputError(f"scheme: {scheme!r}; choose 'centroid', 'factorial' or 'path'")
    res = fit_model(model_name, scheme, standardize, drop_item or None)
    _, data = model_data(model_name)
    paths = pd.DataFrame(
        [(f, t, float(res.path_coefficients.loc[f, t])) for f, t in res.model.paths],
        columns=["from", "to", "coefficient"],
    )
    index = csi.acsi_index(res, data.loc[res.scores.index], SCALES[MODELS[model_name][1]])
    summary = pd.DataFrame({"r_squared": res.r_squared.reindex(res.model.constructs),
                            "ave": res.quality["ave"], "index_0_100": index})
    return {"result": res, "paths": paths, "summary": summary, "index": index}


def path_model_explorer() -> Any:
    """Widget: choose a model, scheme and scaling (and drop an item); the diagram redraws with coefficients."""
    import ipywidgets as W
    import matplotlib.pyplot as plt
    from IPython.display import display

    model_dd = W.Dropdown(options=list(MODELS), value=list(MODELS)[0], description="model")
    scheme_dd = W.ToggleButtons(options=["centroid", "factorial", "path"], value="centroid", description="scheme")
    std_cb = W.Checkbox(value=True, description="standardise items")
    drop_dd = W.Dropdown(options=["(none)"] + MODELS[model_dd.value][0].indicators, value="(none)",
                         description="drop item")
    out = W.Output()

    def refresh(*_: Any) -> None:
        out.clear_output(wait=True)
        with out:
            try:
                v = path_model_view(model_dd.value, scheme_dd.value, std_cb.value,
                                    None if drop_dd.value == "(none)" else drop_dd.value)
            except CsatInputError as exc:
                print(exc)
                return
            fig, ax = plt.subplots(figsize=(7.5, 4.6))
            pls.plot_path_model(v["result"], ax=ax, layout=MODELS[model_dd.value][2])
            plt.show()
            display(v["summary"].round(3))

    def on_model(_: Any) -> None:
        drop_dd.options = ["(none)"] + MODELS[model_dd.value][0].indicators
        drop_dd.value = "(none)"
        refresh()

    model_dd.observe(on_model, names="value")
    for wdg in (scheme_dd, std_cb, drop_dd):
        wdg.observe(refresh, names="value")
    refresh()
    return W.VBox([model_dd, scheme_dd, W.HBox([std_cb, drop_dd]), out])
