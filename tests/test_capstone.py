"""The capstone comparison recovers the structure planted in the company survey (company_truth.json)
where the methods should agree, and says why they differ elsewhere."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csat_helpers import CsatInputError, capstone
from csat_helpers.datasets import load, truth
from csat_helpers.datasets.company import ATTRIBUTES


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return load("company_survey")


@pytest.fixture(scope="module")
def analysis(survey):
    return capstone.analyse(survey, n_boot=50, seed=3)


@pytest.fixture(scope="module")
def cmp(analysis) -> pd.DataFrame:
    return analysis.comparison


# ----------------------------------------------------------------------------- planted structure
def test_kano_categories_recover_the_planted_classes(cmp):
    # M > O > A > I rule of Berger et al. (1993) on the planted classes (datasets/README.md, Kano part)
    planted = truth()["kano"]["classes"]
    assert cmp["kano_category"].to_dict() == planted


def test_kano_by_segment_recovers_complaint_handling_as_must_be_for_business_customers(analysis):
    by_seg = truth()["kano"]["classes_by_segment"]
    seg = analysis.kano_segments
    for s in ("dealer", "project"):
        assert seg.loc["complaint_handling", s] == by_seg["complaint_handling"][s] == "M"
    assert "M for dealer, project" in analysis.comparison.loc["complaint_handling", "kano_segments_differ"]


def test_quadrants_recover_the_planted_quadrants(cmp):
    # Martilla & James (1977) data-mean crosshair; planted in company_ipa.py
    assert cmp["ipa_quadrant"].to_dict() == truth()["ipa"]["quadrants_data_mean"]


def test_prca_recovers_the_planted_asymmetric_factors(cmp):
    # Brandt (1987) penalty-reward contrasts; planted factors in truth["ipa"]["prca"]
    for attr, factor in truth()["ipa"]["prca"]["planted_factors"].items():
        assert cmp.loc[attr, "prca_factor"] == factor, attr


def test_methods_agree_where_the_truth_says_they_should(cmp):
    # planted Kano must-be + PRCA basic, and Kano attractive + PRCA excitement (Matzler & Sauerwein 2002)
    t = truth()
    kano_cls, factors = t["kano"]["classes"], t["ipa"]["prca"]["planted_factors"]
    should_agree = [a for a, f in factors.items() if capstone.KANO_TO_FACTOR.get(kano_cls[a]) == f]
    assert sorted(should_agree) == ["design", "reliability", "repair"]
    for a in should_agree:
        assert cmp.loc[a, "kano_vs_prca"] == "agree", a
    # energy cost is planted one-dimensional in Kano but excitement in PRCA: the table must say they differ
    assert cmp.loc["energy_cost", "kano_vs_prca"] == "differ"
    assert "PRCA finds a excitement" not in cmp.loc["energy_cost", "why_they_differ"]
    assert "excitement factor" in cmp.loc["energy_cost", "why_they_differ"]


def test_fuzzy_scores_find_the_planted_weakest_attributes(cmp):
    # expected score Σ p_j c_j from the planted grade probabilities, c = 20…100 (source's survey-table scores)
    probs = truth()["fuzzy"]["grade_probs"]
    values = capstone.GRADE_VALUES
    expected = pd.Series({a: sum(probs[a][g] * values[g] for g in values) for a in cmp.index})
    got = cmp["fuzzy_score"]
    assert set(got.nsmallest(4).index) == set(expected.nsmallest(4).index)
    assert np.abs(got - expected).max() < 4


def test_importance_labels_find_the_false_priority_and_hidden_gem(cmp):
    # stated vs derived importance with the median rule (Turas "dual importance"); planted in company_ipa.py
    t = truth()["ipa"]
    for label in ("false_priority", "hidden_gem"):
        assert t[label], label
        for attr in t[label]:
            assert cmp.loc[attr, "importance_label"] == label, attr


def test_acsi_effects_follow_the_planted_paths(analysis):
    # total effect on loyalty implied by the planted standardised paths (Fornell et al. 1996 model)
    paths = {tuple(k.split(" -> ")): v for k, v in truth()["acsi"]["paths"].items()}
    cons = ["Expectations", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty"]
    B = np.zeros((6, 6))
    for (f, to), b in paths.items():
        B[cons.index(f), cons.index(to)] = b
    total = np.linalg.inv(np.eye(6) - B) - np.eye(6)
    eff = analysis.acsi["effects"]["on_loyalty"]
    for c in ("Expectations", "Quality", "Value", "Satisfaction"):
        assert eff[c] == pytest.approx(total[cons.index(c), 5], abs=0.1), c
    assert eff["Quality"] > eff["Value"]


def test_the_plan_puts_the_planted_must_be_gaps_first(analysis):
    # reliability and repair: must-be, concentrate here, basic factor (all planted)
    plan = analysis.plan
    assert set(plan.index[:2]) == {"reliability", "repair"}
    assert (plan["action"].iloc[:2] == "fix first").all()
    assert list(plan["priority"]) == list(range(1, len(plan) + 1))
    assert plan.loc["design", "action"] == "differentiate"


# ----------------------------------------------------------------------------- API behaviour
def test_compare_methods_has_one_row_per_attribute_and_every_method(survey, cmp):
    out = capstone.compare_methods(survey)
    assert list(out.index) == list(ATTRIBUTES)
    for col in ("kano_category", "ipa_quadrant", "prca_factor", "fuzzy_score", "acsi_construct", "priority", "action"):
        assert out[col].notna().all(), col
    pd.testing.assert_series_equal(out["priority"], cmp["priority"])


def test_partial_survey_gives_na_for_missing_methods(survey):
    kano_only = survey[[c for c in survey.columns if c.startswith("kano_")]]
    out = capstone.compare_methods(kano_only)
    assert out["ipa_quadrant"].isna().all() and out["fuzzy_score"].isna().all()
    assert (out["kano_vs_prca"] == "n/a").all()
    assert out.loc["reliability", "action"] == "keep up"  # must-be, but no evidence it is weak
    a = capstone.analyse(kano_only, n_boot=0)
    assert a.ipa is None and a.fuzzy is None and a.acsi is None
    assert any("segment" in c for c in a.caveats)


def test_fuzzy_only_survey_uses_its_keys_as_attributes():
    df = pd.DataFrame({"fz_a": ["满意", "very satisfied", 1, None], "fz_b": ["2", "不满意", "很不满意", "满意"]})
    a = capstone.analyse(df, n_boot=0)
    assert a.parts.attributes == ["a", "b"]
    assert a.fuzzy["R"].loc["a"].tolist() == pytest.approx([1 / 3, 0, 0, 1 / 3, 1 / 3])
    assert a.comparison.loc["b", "weak"]


def test_improvement_plan_validates_and_cuts(cmp):
    assert len(capstone.improvement_plan(cmp, top=3)) == 3
    with pytest.raises(CsatInputError, match="missing column 'priority'"):
        capstone.improvement_plan(cmp.drop(columns="priority"))
    with pytest.raises(CsatInputError, match="top"):
        capstone.improvement_plan(cmp, top=0)


def test_method_agreement_counts(cmp):
    agree = capstone.method_agreement(cmp)
    assert (agree.sum(axis=1) == len(cmp)).all()


@pytest.mark.parametrize(
    ("frame", "needle"),
    [
        ({"kano_x_func": [1, 2], "kano_x_dysf": [5, 0]}, "column 'kano_x_dysf', row 1"),
        ({"kano_x_func": [1, 2]}, "kano_x_dysf"),
        ({"kano_x_fun": [1, 2]}, "column 'kano_x_fun'"),
        ({"kano_x_func": [1, 2], "kano_x_dysf": [5, 5], "kano_y_func": [1, 1], "kano_y_dysf": [5, 5], "kano_x_imp": [3, 3]},
         "kano_y_imp"),
        ({"ipa_x_imp": [1, 2], "ipa_x_perf": ["good", 3]}, "column 'ipa_x_perf', row 0"),
        ({"ipa_x_imp": [1, 2]}, "ipa_x_perf"),
        ({"ipa_overall": [1, 2]}, "ipa_overall"),
        ({"fz_x": ["满意", "great"]}, "column 'fz_x', row 1"),
        ({"acsi_foo_1": [1, 2]}, "column 'acsi_foo_1'"),
        ({"acsi_exp_1": [1, 2]}, "'Quality'"),
        ({"comment": ["a", "b"]}, "no column the report can analyse"),
        ({"revenue": [1.0, -2.0]}, "column 'revenue', row 1"),
        ({"cost_to_serve": [1.0, 2.0]}, "'revenue'"),
    ],
)
def test_parse_survey_names_the_column_and_row(frame, needle):
    with pytest.raises(CsatInputError) as exc:
        capstone.parse_survey(pd.DataFrame(frame))
    assert needle in str(exc.value)


def test_analyse_rejects_a_bad_n_boot(survey):
    for bad in (-1, 1, 2.5, True):
        with pytest.raises(CsatInputError, match="n_boot"):
            capstone.analyse(survey, n_boot=bad)
