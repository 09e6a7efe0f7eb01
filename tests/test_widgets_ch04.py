"""Chapter 4 widgets, headless: the plain update functions and the factories' wiring."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from csat_helpers import CsatInputError, ahp, fuzzy  # noqa: E402
from csat_helpers.datasets import company_fuzzy as cf  # noqa: E402
from csat_helpers.widgets import ch04 as w  # noqa: E402

HOUSE_UPPER = ["5", "3", "7", "6", "6", "1/3", "1/4", "1/3", "5", "3", "3", "1/5", "1/7", "6", "3", "4", "6", "1/5",
               "1/3", "1/4", "1/7", "1/8", "1/2", "1/5", "1/6", "1/5", "1/6", "1/2"]


def test_pairwise_view_reproduces_saaty_house_and_names_the_cell():
    # Saaty (1990) house criteria: CR 0.169 (saaty1980); revising a37 (0-based (2, 6)) to 1/2 helps most
    labels = ["size", "transportation", "neighborhood", "age", "yard", "modern", "condition", "financing"]
    v = w.pairwise_view(labels, HOUSE_UPPER)
    assert v["result"].cr == pytest.approx(0.169, abs=0.0015)
    assert v["weights"].index.tolist() == labels
    assert (v["revision"].row, v["revision"].col) == (2, 6)
    assert "neighborhood vs condition" in v["hint"] and "1/2" in v["hint"]
    html = w.describe_pairwise(v)
    assert "CR = 0.169" in html and "#b00" in html


def test_pairwise_view_consistent_and_bad_input():
    v = w.pairwise_view(["a", "b", "c"], ["2", "4", "2"])
    assert v["revision"] is None and v["result"].consistent and "consistent enough" in v["hint"]
    assert w.pairwise_view(["a", "b"], ["3"])["hint"].startswith("two items")
    with pytest.raises(CsatInputError, match="upper triangle"):
        w.pairwise_view(["a", "b", "c"], ["2", "4"])
    with pytest.raises(CsatInputError, match="not a judgment"):
        w.pairwise_view(["a", "b"], ["three"])


def test_pairwise_view_company_judge_c_points_at_the_planted_cell():
    mats = cf.matrices(w.company_judgments())
    m = mats["judge_C"]
    upper = m.to_numpy()[np.triu_indices(5, 1)]
    v = w.pairwise_view(list(m.index), upper)
    assert not v["result"].consistent
    assert (v["revision"].row_label, v["revision"].col_label) == ("philosophy", "service")


def test_operator_view_matches_spssau_and_compose():
    # SPSSAU clothing case (spec §9.2): weighted average 一般; max_min, max_product 很欢迎; others 欢迎
    R = [[.2, .5, .3, 0], [.1, .3, .5, .1], [0, .1, .6, .3], [0, .4, .5, .1], [.5, .3, .2, 0]]
    grades = ["很欢迎", "欢迎", "一般", "不欢迎"]
    t = w.operator_view([.1, .1, .15, .3, .35], R, grades)
    assert t.index.tolist() == list(fuzzy.OPERATORS)
    assert t["grade"].tolist() == ["一般", "很欢迎", "很欢迎", "欢迎", "欢迎"]
    np.testing.assert_allclose(t.loc["weighted_average", grades].to_numpy(dtype=float), [.205, .32, .39, .085])
    assert t.loc["weighted_average", "alpha"] == pytest.approx(0.2917, abs=1e-4)
    raw = w.operator_view([.1, .1, .15, .3, .35], R, grades, normalize=False)
    np.testing.assert_allclose(raw.loc["max_min", grades].to_numpy(dtype=float), [.35, .3, .3, .15])


def test_company_inputs_overall_equals_two_level_hierarchy():
    gw, R = w.company_inputs("overall")
    assert list(R.index) == list(cf.GROUPS) and list(R.columns) == list(cf.GRADES)
    b = fuzzy.compose(gw, R)
    group_w, local = w.company_weights()
    from csat_helpers.datasets import load

    tree = cf.factor_tree(group_w, local)
    res = fuzzy.evaluate_hierarchy(tree, load("company_survey"), cf.GRADES)
    np.testing.assert_allclose(b.to_numpy(), res.B.to_numpy(), atol=1e-12)
    wl, Rl = w.company_inputs("product")
    assert list(Rl.index) == cf.columns_of("product") and wl.sum() == pytest.approx(1)
    with pytest.raises(CsatInputError, match="not one of"):
        w.company_inputs("nope")
    with pytest.raises(CsatInputError, match="judges"):
        w.company_weights(["judge_Z"])


def test_update_functions_answer_plain_data():
    # their speed (goal: well under 100 ms) is printed by benchmarks/bench_ahp_fuzzy.py
    labels = list(cf.GROUPS)
    view = w.pairwise_view(labels, ["1/2", "3", "1/5", "3", "1", "1/3", "1/3", "1/7", "1/4", "2"])
    assert list(view["weights"].index) == labels
    assert view["weights"].sum() == pytest.approx(1.0)
    gw, R = w.company_inputs("service")
    table = w.operator_view(gw, R, cf.GRADES, grade_values=cf.GRADE_VALUES)
    assert len(table) >= 5


def test_factories_build_widgets_and_plot():
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    ed = w.pairwise_editor()
    assert isinstance(ed, widgets.interactive)
    sliders = [c for c in ed.children if isinstance(c, widgets.SelectionSlider)]
    assert len(sliders) == 10 and sliders[0].description == "philosophy vs behaviour"
    assert all(s.value in w.SCALE_TEXT for s in sliders)
    assert isinstance(w.operator_explorer(), widgets.interactive)
    with pytest.raises(CsatInputError, match="Saaty"):
        w.pairwise_editor(["a", "b"], ["12"])
    ax = w.plot_operators(w.operator_view(*w.company_inputs("overall")))
    assert len(ax.patches) == 5 * 5
    plt.close("all")
    assert ahp.SAATY_SCALE[0] == pytest.approx(1 / 9) and w.SCALE_TEXT[0] == "1/9"
