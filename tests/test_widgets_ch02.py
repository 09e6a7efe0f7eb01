"""Chapter 2 widgets: the plain update functions, headless (specs/course_conventions.md §6)."""

from __future__ import annotations

import numpy as np
import pytest

from csat_helpers import CsatInputError, kano
from csat_helpers.datasets import load, truth
from csat_helpers.widgets import ch02 as w


@pytest.fixture(scope="module")
def survey():
    return load("company_survey")


def test_kano_curves_shapes():
    # Kano et al. (1984) curves: M rises from -1 to 0, A from 0 to 1, O is the diagonal, I flat
    x = np.array([-1.0, 0.0, 1.0])
    assert w.kano_curve("O", x).tolist() == [-1.0, 0.0, 1.0]
    assert w.kano_curve("M", x)[0] == pytest.approx(-1) and w.kano_curve("M", x)[2] == pytest.approx(0)
    assert w.kano_curve("A", x)[0] == pytest.approx(0) and w.kano_curve("A", x)[2] == pytest.approx(1)
    assert (w.kano_curve("I", x) == 0).all()
    assert (np.diff(w.kano_curve("A", np.linspace(-1, 1, 21))) > 0).all()
    with pytest.raises(CsatInputError):
        w.kano_curve("Q", x)
    with pytest.raises(CsatInputError, match="fulfilment"):
        w.kano_curve("A", 2.0)


def test_kano_curves_view_points_and_total():
    v = w.kano_curves_view(attractive=1.0, one_dimensional=0.5, must_be=-1.0, indifferent=0.3, reverse=0.0)
    pts = v["points"]
    assert pts.loc["A", "satisfaction"] == pytest.approx(1.0)
    assert pts.loc["O", "satisfaction"] == pytest.approx(0.5)
    assert pts.loc["M", "satisfaction"] == pytest.approx(-1.0)
    assert v["total"] == pytest.approx(0.5)
    assert list(v["curves"].columns) == ["fulfilment", "A", "O", "M", "I", "R"]
    assert "Must-be (基本型需求)" in w.describe_curves(v)


def test_plot_kano_curves_is_public_and_returns_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    view = w.kano_curves_view(attractive=0.6, must_be=-0.6)
    ax = w.plot_kano_curves(view)
    assert len(ax.lines) == 5 + 2  # five curves and the two axis lines
    assert ax.collections[0].get_offsets().shape == (5, 2)  # one point per category
    fig, own = plt.subplots()
    assert w.plot_kano_curves(view, ax=own) is own
    with pytest.raises(CsatInputError, match="kano_curves_view"):
        w.plot_kano_curves({"total": 0.0})
    plt.close("all")


def test_classify_view_uses_the_table():
    # Berger et al. (1993) table: (like, neutral) = A, (must-be, like) = R
    v = w.classify_view("like", "neutral")
    assert (v["category"], v["zh"], v["cell"]) == ("A", "兴奋型需求", (1, 3))
    assert w.classify_view(2, 1)["category"] == "R"
    html = w.describe_classification(w.classify_view(3, 5))
    assert "background:#ffd166" in html and "Must-be" in html
    with pytest.raises(CsatInputError, match="answer both"):
        w.classify_view(np.nan, 3)
    with pytest.raises(CsatInputError):
        w.classify_view(9, 3)


def test_better_worse_view_filters(survey):
    planted = truth()["kano"]
    res = w.better_worse_view(survey)
    assert len(res) == 10
    assert res["category"].to_dict() == planted["classes"]
    svc = w.better_worse_view(survey, group="service")
    assert set(svc.index) == {"delivery_install", "repair", "complaint_handling", "staff_attitude", "information"}
    dealer = w.better_worse_view(survey, segment="dealer")
    assert dealer.loc["complaint_handling", "category"] == "M"  # planted segment difference
    assert res.loc["complaint_handling", "category"] == "I"
    assert set(res["quadrant"]) <= set("AOMI")
    mean = w.better_worse_view(survey, split="mean")
    assert mean["quadrant"].tolist() == kano.bw_quadrant(res["better"], res["worse"], split="mean").tolist()
    with pytest.raises(CsatInputError, match="segment"):
        w.better_worse_view(survey, segment="nobody")
    with pytest.raises(CsatInputError, match="group"):
        w.better_worse_view(survey, group="price")


def test_update_functions_run_headless(survey):
    # timings are in benchmarks/bench_kano.py; here only that each update returns plain data
    assert isinstance(w.kano_curves_view(0.3, 0.2, -0.4, 0.0, 0.1)["total"], float)
    assert w.classify_view(4, 5)["category"] == "M"
    assert len(w.better_worse_view(survey, "household", "product", "mean")) == 5


def test_factories_build():
    pytest.importorskip("ipywidgets")
    for factory in (w.kano_curves_explorer, w.classify_answers_explorer, w.better_worse_explorer):
        box = factory()
        assert len(box.children) >= 2
