"""Headless tests of the Chapter 5 widget update functions (and that the factories build)."""

from __future__ import annotations

import numpy as np
import pytest

from csat_helpers import CsatInputError, csi
from csat_helpers.widgets import ch05 as w


def test_index_view_pls_weighting_matches_acsi_index():
    v = w.index_view("Huajia ACSI (company survey)", "Satisfaction", "PLS (un-standardised)", 8)
    assert v["index"] == pytest.approx(v["pls_index"], abs=1e-9)
    assert v["table"]["weight"].sum() == pytest.approx(1.0)
    assert list(v["table"].columns) == ["mean", "score_0_100", "weight", "satisfied_%"]


def test_index_view_bug_and_equal_weights_on_mobi():
    # spec §4: on mobi the bug gives 71.86 instead of 72.54 for Satisfaction
    bug = w.index_view("ECSI on mobi", "Satisfaction", "PLS weights on raw items (bug)", 8)
    ok = w.index_view("ECSI on mobi", "Satisfaction", "PLS (un-standardised)", 8)
    assert ok["index"] == pytest.approx(72.54, abs=0.005) and bug["index"] == pytest.approx(71.86, abs=0.005)
    eq = w.index_view("ECSI on mobi", "Satisfaction", "equal", 8)
    assert eq["index"] == pytest.approx(eq["table"]["score_0_100"].mean())
    cu = w.index_view("ECSI on mobi", "Satisfaction", "custom", 8, [1, 0, 0])
    assert cu["index"] == pytest.approx(cu["table"]["score_0_100"].iloc[0])


def test_index_view_rate_moves_with_threshold():
    lo = w.index_view(threshold=6)["table"]["satisfied_%"]
    hi = w.index_view(threshold=9)["table"]["satisfied_%"]
    assert (lo >= hi).all() and (lo > hi).any()


def test_index_view_bad_input():
    with pytest.raises(CsatInputError, match="construct"):
        w.index_view(construct="Delight")
    with pytest.raises(CsatInputError, match="custom_weights"):
        w.index_view(weighting="custom", custom_weights=[1, 2])
    with pytest.raises(CsatInputError, match="weighting"):
        w.index_view(weighting="median")


def test_aggregation_view():
    # spec §8: (80, 70, 60) with sales (50, 30, 20) -> 73.00
    v = w.aggregation_view([80, 70, 60], [50, 30, 20])
    assert v["industry_index"] == pytest.approx(73.0) and v["unweighted_mean"] == pytest.approx(70.0)
    with pytest.raises(CsatInputError, match="sales"):
        w.aggregation_view([80, 70], [50, -1])


def test_path_model_view():
    v = w.path_model_view("ACSI on mobi", "path", True)
    assert len(v["paths"]) == 9 and v["summary"].loc["Satisfaction", "r_squared"] > 0.5
    assert v["index"]["Complaints"] == pytest.approx(csi.acsi_index(v["result"], w.model_data("ACSI on mobi")[1])["Complaints"])
    d = w.path_model_view("ACSI on mobi", "centroid", True, drop_item="CUSL2")
    assert "CUSL2" not in d["result"].model.indicators
    with pytest.raises(CsatInputError, match="only indicator"):
        w.path_model_view("ACSI on mobi", drop_item="CUSCO")
    with pytest.raises(CsatInputError, match="scheme"):
        w.path_model_view(scheme="loop")


def test_update_functions_cache_their_fit():
    # timings are printed by benchmarks/bench_pls_csi.py; here: a repeated update reuses the fit
    w._CACHE.clear()
    a = w.path_model_view("ECSI on satisfaction (bank)", "factorial", False)
    b = w.path_model_view("ECSI on satisfaction (bank)", "factorial", False)
    assert a["result"] is b["result"]
    v = w.index_view("ECSI on satisfaction (bank)", "SAT", "equal", 7)
    assert v["index"] == pytest.approx(v["table"]["score_0_100"].mean())


def test_factories_build():
    pytest.importorskip("ipywidgets")
    import matplotlib

    matplotlib.use("Agg")
    box = w.index_calculator()
    assert "index with these weights" in box.children[3].value
    dd = box.children[1].children[0]
    dd.value = "equal"
    assert "equal" == dd.value and "index" in box.children[3].value
    assert w.aggregation_calculator().children[-1].value.startswith("industry index")
    assert w.path_model_explorer() is not None
    import matplotlib.pyplot as plt

    plt.close("all")
