"""Chapter 3 widgets: the plain update functions, headless, plus a smoke test of each factory."""

from __future__ import annotations

import matplotlib
import pytest

from csat_helpers import CsatInputError, ipa
from csat_helpers.datasets import truth
from csat_helpers.widgets import ch03

matplotlib.use("Agg")


def test_quadrant_view_default_reproduces_planted_quadrants():
    v = ch03.quadrant_view()
    assert v["result"]["quadrant"].to_dict() == truth()["ipa"]["quadrants_data_mean"]
    assert v["n"] == 800
    assert v["counts"].sum() == 10 and (v["counts"] > 0).all()


def test_quadrant_view_segment_filter_and_custom_crosshair():
    v = ch03.quadrant_view("project")
    assert v["result"].loc["delivery_install", "quadrant"] == "concentrate_here"
    assert v["n"] < 800
    c = ch03.quadrant_view(crosshair="custom", importance_line=1.0, performance_line=1.0)
    assert (c["result"]["quadrant"] == "keep_up").all()  # every attribute above both lines
    assert c["result"].attrs["crosshair"]["method"] == "custom"
    m = ch03.quadrant_view(crosshair="scale_midpoint")
    assert m["result"].attrs["crosshair"]["importance"] == 3.0


def test_quadrant_view_derived_importance_and_bad_input():
    v = ch03.quadrant_view(importance="pearson")
    assert v["result"]["importance"].between(-1, 1).all()
    with pytest.raises(CsatInputError, match="needs the questionnaire scale"):
        ch03.quadrant_view(importance="pearson", crosshair="scale_midpoint")
    with pytest.raises(CsatInputError, match="importance_line"):
        ch03.quadrant_view(crosshair="custom")
    with pytest.raises(CsatInputError, match="not a segment"):
        ch03.quadrant_view("martians")


def test_importance_view_flags_planted_false_priority_and_hidden_gem():
    t = ch03.importance_view()
    assert t.loc["price", "label"] == "false_priority"
    assert t.loc["information", "label"] == "hidden_gem"
    assert t.loc["price", "attribute"] == "Price"


def test_asymmetry_view_planted_factors_and_kano_letters():
    t = ch03.asymmetry_view()
    for a, f in truth()["ipa"]["prca"]["planted_factors"].items():
        assert t.loc[a, "factor"] == f
        assert t.loc[a, "kano"] == ipa.FACTORS[f]["kano"]


def test_sample_size_view():
    v = ch03.sample_size_view(0.03, 0.95, 0.5)
    assert v["n"] == 1068
    assert 0.034 < v["margin_with_800"] < 0.035
    assert ch03.sample_size_view(0.05, population=1000)["n"] == 278


@pytest.mark.parametrize(
    "call",
    [
        lambda: ch03.quadrant_view("dealer", "data_median"),
        lambda: ch03.importance_view("spearman"),
        lambda: ch03.asymmetry_view(2, 4, "household"),
        lambda: ch03.sample_size_view(0.04, 0.99, 0.3, 5000),
    ],
)
def test_update_functions_run_on_every_control_combination_shown(call):
    # their speed (goal: well under 100 ms) is measured in benchmarks/bench_survey_ipa.py
    assert call() is not None


def test_factories_build():
    import ipywidgets as widgets

    for factory in (ch03.quadrant_explorer, ch03.importance_explorer, ch03.asymmetry_explorer,
                    ch03.sample_size_calculator):
        w = factory()
        assert isinstance(w, widgets.Widget)
    q = ch03.quadrant_explorer()
    sliders = [c for c in q.children[1].children]
    sliders[0].value = 4.0  # moving a crosshair switches to the custom crosshair
    assert q.children[0].children[1].value == "custom"
