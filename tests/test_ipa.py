"""Tests for csat_helpers.ipa: the reference cases of specs/ipa.md §11, bad input, bootstrap properties,
PRCA recovery and the planted company quadrants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csat_helpers import CsatInputError, ipa
from csat_helpers.datasets import load, truth
from csat_helpers.datasets.company import ATTRIBUTES

# ----------------------------------------------------------------------------- turas_docs_quadrant_example
# Source: DuncanRBrett/Turas @ 59b17ad, modules/keydriver/docs/07_EXAMPLE_WORKFLOWS.md ("Workflow 4").
TURAS_I = pd.Series({"Product Quality": 32.5, "Customer Service": 26.8, "Value for Money": 21.3,
                     "Delivery Speed": 12.7, "Website": 6.7})
TURAS_P = pd.Series({"Product Quality": 6.2, "Customer Service": 7.8, "Value for Money": 5.5,
                     "Delivery Speed": 7.2, "Website": 8.1})


@pytest.mark.parametrize(
    "crosshair,ties,expected,cross",
    [
        ("data_mean", "high",
         ["concentrate_here", "keep_up", "concentrate_here", "possible_overkill", "possible_overkill"], (20.0, 6.96)),
        ("data_median", "high",
         ["concentrate_here", "keep_up", "concentrate_here", "possible_overkill", "possible_overkill"], (21.3, 7.2)),
        ("data_median", "low",
         ["concentrate_here", "keep_up", "low_priority", "low_priority", "possible_overkill"], (21.3, 7.2)),
    ],
)
def test_turas_docs_quadrant_example(crosshair, ties, expected, cross):
    r = ipa.quadrants(TURAS_I, TURAS_P, crosshair=crosshair, ties=ties)
    assert r["quadrant"].tolist() == expected
    c = r.attrs["crosshair"]
    assert c["importance"] == pytest.approx(cross[0], abs=1e-9)
    assert c["performance"] == pytest.approx(cross[1], abs=1e-9)
    assert c["method"] == crosshair and c["ties"] == ties


def test_turas_delivery_speed_is_not_low_priority_under_the_mean_rule():
    # The Turas docs print "Low priority" for Delivery Speed, against their own mean rule (specs/ipa.md §11):
    # the published rule wins over the printed label, so the helper must not reproduce it.
    r = ipa.quadrants(TURAS_I, TURAS_P)
    assert r.loc["Delivery Speed", "quadrant"] == "possible_overkill"


def test_ties_flag_and_raise():
    r = ipa.quadrants(TURAS_I, TURAS_P, crosshair="data_median")
    assert r["on_crosshair"].tolist() == [False, False, True, True, False]
    with pytest.raises(CsatInputError, match="'Value for Money'.*sits on the crosshair"):
        ipa.quadrants(TURAS_I, TURAS_P, crosshair="data_median", ties="raise")


def test_float_mean_on_crosshair_counts_as_tie():
    # a mean such as 6.959999… must still count as on a crosshair of 6.96
    r = ipa.quadrants({"a": 5.0, "b": 1.0}, {"a": 6.959999999999999, "b": 6.0}, crosshair=(3.0, 6.96), ties="low")
    assert bool(r.loc["a", "on_crosshair"])
    assert r.loc["a", "quadrant"] == "concentrate_here"


# ----------------------------------------------------------------------------- sifentu_zone_labels_zh
def test_sifentu_zone_labels_zh():
    # Source: wiki 四分图模型 (ucaimi.com), cross-checked with newton.com.tw; x = 满意度, y = 重要性
    r = ipa.quadrants({"hh": 5, "hl": 5, "ll": 1, "lh": 1}, {"hh": 5, "hl": 1, "ll": 1, "lh": 5},
                      crosshair="scale_midpoint", scale=(1, 5))
    assert r.loc["hh", ["zone", "quadrant_zh", "quadrant"]].tolist() == ["A", "优势区", "keep_up"]
    assert r.loc["hl", ["zone", "quadrant_zh", "quadrant"]].tolist() == ["B", "修补区", "concentrate_here"]
    assert r.loc["ll", ["zone", "quadrant_zh", "quadrant"]].tolist() == ["C", "机会区", "low_priority"]
    assert r.loc["lh", ["zone", "quadrant_zh", "quadrant"]].tolist() == ["D", "维持区", "possible_overkill"]
    assert r.loc["hh", "quadrant_en"] == "Keep up the good work"
    assert set(ipa.QUADRANTS["keep_up"]) == {"en", "zh", "zone", "action_en", "action_zh"}


# ----------------------------------------------------------------------------- li2025_prca_3star
# Source: Li, Lee & Kim (2025), SAGE Open, Table 4 (3-star hotels); impact_range and ia_index derived.
LI = pd.DataFrame(
    [
        ("Room", 0.421, -0.246, 1.711, "excitement", 0.667, 0.2624),
        ("F&B", 0.376, -0.110, 3.418, "excitement", 0.486, 0.5473),
        ("Bathroom", 0.745, 0.796, 0.936, "performance", 1.541, -0.0331),
        ("Staff", 0.444, -0.044, 10.091, "excitement", 0.488, 0.8197),
        ("Trip type", 0.319, 0.010, 31.9, "excitement", 0.329, 0.9392),
        ("Location", 0.074, -0.427, 0.173, "basic", 0.501, -0.7046),
        ("Front desk", 0.657, 0.487, 1.349, "excitement", 1.144, 0.1486),
        ("Resort fee", 0.359, 0.796, 0.451, "basic", 1.155, -0.3784),
    ],
    columns=["attribute", "b_high", "b_low", "ratio", "factor", "impact_range", "ia_index"],
).set_index("attribute")


def test_li2025_prca_3star():
    r = ipa.three_factor(LI["b_low"], LI["b_high"])
    assert list(r.columns) == ["b_low", "b_high", "impact_range", "impact_asymmetry", "ia_index", "factor",
                               "factor_zh", "sign_warning"]
    assert np.abs(r["impact_asymmetry"] - LI["ratio"]).max() <= 5e-4
    assert r["factor"].tolist() == LI["factor"].tolist()
    assert np.abs(r["impact_range"] - LI["impact_range"]).max() <= 1e-4
    assert np.abs(r["ia_index"] - LI["ia_index"]).max() <= 1e-4
    # four b_low printed positive (a minus sign lost in extraction) set the warning
    assert r["sign_warning"].sum() == 4
    assert r.loc["Bathroom", "factor_zh"] == "绩效因素"


def test_three_factor_bounds_and_edge_cases():
    # bounds count as performance, with a float tolerance: 0.11/0.1 = 1.1000000000000001
    r = ipa.three_factor({"x": -0.1, "y": -1.0, "z": 0.0, "w": -0.2}, {"x": 0.11, "y": 0.9, "z": 0.3, "w": 0.0})
    assert r.loc["x", "factor"] == "performance"
    assert r.loc["y", "factor"] == "performance"
    assert r.loc["z", "impact_asymmetry"] == np.inf and r.loc["z", "factor"] == "excitement"
    assert r.loc["w", "factor"] == "basic"
    # ia_index = (ratio − 1)/(ratio + 1): 0.9 ↔ −0.0526, 1.1 ↔ +0.0476
    r2 = ipa.three_factor([-1.0, -1.0], [0.9, 1.1])
    assert r2["ia_index"].round(4).tolist() == [-0.0526, 0.0476]
    with pytest.raises(CsatInputError, match="'q': b_low and b_high are both 0"):
        ipa.three_factor({"q": 0.0}, {"q": 0.0})
    assert ipa.FACTORS["basic"]["kano"] == "M" and ipa.FACTORS["excitement"]["kano"] == "A"


def test_prca_recovers_planted_coefficients_within_standard_errors():
    rng = np.random.default_rng(42)
    n = 4000
    planted = {"basic_a": (-0.8, 0.1), "exc_b": (-0.1, 0.7), "perf_c": (-0.4, 0.4)}
    x = pd.DataFrame({k: rng.integers(1, 6, n).astype(float) for k in planted})
    y = 3.0 + rng.normal(0, 0.5, n)
    for k, (bl, bh) in planted.items():
        y = y + bl * (x[k] <= 2) + bh * (x[k] >= 4)
    r = ipa.prca(x, y, 2, 4)
    for k, (bl, bh) in planted.items():
        assert abs(r.loc[k, "b_low"] - bl) < 3 * r.loc[k, "se_low"]
        assert abs(r.loc[k, "b_high"] - bh) < 3 * r.loc[k, "se_high"]
    assert r.loc["basic_a", "factor"] == "basic"
    assert r.loc["exc_b", "factor"] == "excitement"
    assert r.attrs["n_used"] == n and 0 < r.attrs["r2"] < 1
    assert abs(r.attrs["intercept"] - 3.0) < 0.1


def test_prca_bad_input():
    x = pd.DataFrame({"a": [1, 2, 3, 4, 5] * 4, "b": [3, 3, 4, 5, 4] * 4}, dtype=float)
    y = np.arange(20.0)
    with pytest.raises(CsatInputError, match="attribute 'b'.*low dummy is constant"):
        ipa.prca(x, y, 2, 4)
    with pytest.raises(CsatInputError, match="low .* must be below high"):
        ipa.prca(x, y, 4, 2)


# ----------------------------------------------------------------------------- bad input
def test_mismatched_attributes_and_lengths_raise_naming_labels():
    with pytest.raises(CsatInputError, match="only in importance: 'c'.*only in performance: 'd'"):
        ipa.quadrants({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 2, "d": 3})
    with pytest.raises(CsatInputError, match="3 attributes but performance has 2"):
        ipa.quadrants([1, 2, 3], [1, 2])
    with pytest.raises(CsatInputError, match="attribute 'b' is missing"):
        ipa.quadrants({"a": 4.0, "b": np.nan}, {"a": 3.0, "b": 2.0})


def test_scale_midpoint_needs_scale_and_values_must_fit_it():
    with pytest.raises(CsatInputError, match="needs the questionnaire scale"):
        ipa.quadrants([4, 3], [3, 4], crosshair="scale_midpoint")
    with pytest.raises(CsatInputError, match="'b' = 7 lies outside the declared scale 1-5"):
        ipa.quadrants({"a": 4, "b": 7}, {"a": 3, "b": 4}, scale=(1, 5))
    r = ipa.quadrants([9.0, 2.0], [3.0, 4.0], crosshair="scale_midpoint",
                      scale={"importance": (1, 10), "performance": (1, 5)})
    assert r.attrs["crosshair"]["importance"] == 5.5 and r.attrs["crosshair"]["performance"] == 3.0
    with pytest.raises(CsatInputError, match="at least 2 attributes"):
        ipa.quadrants([4.0], [3.0])
    with pytest.raises(CsatInputError, match="not allowed"):
        ipa.quadrants([4, 3], [3, 4], crosshair="middle")


def test_attribute_means_out_of_scale_names_column_row_value():
    with pytest.raises(CsatInputError, match=r"column 'q', row 2: value 6"):
        ipa.attribute_means(pd.DataFrame({"q": [1, 5, 6]}), scale=(1, 5))


def _survey_like(n=200, k=4, seed=0):
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.integers(1, 6, (n, k)).astype(float), columns=[f"a{j}" for j in range(k)])
    y = x.mean(axis=1) + rng.normal(0, 0.5, n)
    return x, y


def test_derived_importance_methods_against_direct_computation():
    from scipy import stats

    x, y = _survey_like()
    x.iloc[0, 1] = np.nan
    keep = x.notna().all(axis=1)
    xc, yc = x[keep], y[keep]
    p = ipa.derived_importance(x, y, "pearson")
    assert p.attrs["n_used"] == 199
    for c in x:
        assert p[c] == pytest.approx(np.corrcoef(xc[c], yc)[0, 1], abs=1e-12)
        assert ipa.derived_importance(x, y, "spearman")[c] == pytest.approx(stats.spearmanr(xc[c], yc)[0], abs=1e-12)
    import statsmodels.api as sm

    b = sm.OLS(yc, sm.add_constant(xc)).fit().params[x.columns]
    beta = b * xc.std() / yc.std()
    assert ipa.derived_importance(x, y, "beta").to_numpy() == pytest.approx(beta.to_numpy(), abs=1e-12)
    # ln_partial: partial correlation of ln x_j with y given the other ln x (Deng 2007 via Li et al. 2025)
    z = np.log(xc)
    j = "a0"
    others = sm.add_constant(z.drop(columns=j))
    e1 = sm.OLS(z[j], others).fit().resid
    e2 = sm.OLS(yc, others).fit().resid
    assert ipa.derived_importance(x, y, "ln_partial")[j] == pytest.approx(np.corrcoef(e1, e2)[0, 1], abs=1e-10)


def test_derived_importance_bad_input():
    x, y = _survey_like(n=6)
    with pytest.raises(CsatInputError, match="at least 7"):
        ipa.derived_importance(x, y)
    x, y = _survey_like()
    x["a2"] = 3.0
    with pytest.raises(CsatInputError, match="'a2' is constant"):
        ipa.derived_importance(x, y)
    x, y = _survey_like()
    x["a3"] = x["a0"] + x["a1"]
    with pytest.raises(CsatInputError, match="singular"):
        ipa.derived_importance(x, y, "beta")
    x, y = _survey_like()
    x.iloc[4, 2] = 0.0
    with pytest.raises(CsatInputError, match="column 'a2', row 4: value 0; ln_partial takes logs"):
        ipa.derived_importance(x, y, "ln_partial")
    with pytest.raises(CsatInputError, match="method"):
        ipa.derived_importance(x, y, "shapley")


def test_compare_importance_labels_false_priority_and_hidden_gem():
    r = ipa.compare_importance({"a": 4.6, "b": 3.1, "c": 3.9, "d": 4.4}, {"a": 0.1, "b": 0.5, "c": 0.3, "d": 0.4})
    assert r["label"].to_dict() == {"a": "false_priority", "b": "hidden_gem", "c": "consistent", "d": "consistent"}
    assert r.loc["a", "stated_rank"] == 1 and r.loc["b", "derived_rank"] == 1


def test_gap_diagonal_and_ranking():
    r = ipa.gap({"a": 5, "b": 3, "c": 4}, {"a": 3, "b": 4, "c": 4}, (1, 5))
    assert r.index.tolist() == ["a", "c", "b"]
    assert r["gap"].tolist() == pytest.approx([0.5, 0.0, -0.25])
    assert r["position"].tolist() == ["above", "on", "below"]
    assert r["rank"].tolist() == [1, 2, 3]
    rc = ipa.gap({"a": 5, "b": 3, "c": 4}, {"a": 3, "b": 4, "c": 4}, (1, 5), through="crosshair")
    assert rc["gap"].sum() == pytest.approx(0.0)
    with pytest.raises(CsatInputError, match="scale is required"):
        ipa.gap([1, 2], [2, 1], None)


# ----------------------------------------------------------------------------- bootstrap properties (§7)
def test_bootstrap_same_seed_same_output_and_n_boot_check():
    x, _ = _survey_like(n=120, seed=3)
    i, _ = _survey_like(n=120, seed=4)
    a = ipa.quadrant_confidence(x, i, n_boot=200, seed=7)
    b = ipa.quadrant_confidence(x, i, n_boot=200, seed=7)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(CsatInputError, match="n_boot"):
        ipa.quadrant_confidence(x, i, n_boot=1, seed=7)
    with pytest.raises(CsatInputError, match="at least 10"):
        ipa.quadrant_confidence(x.iloc[:5], i.iloc[:5], n_boot=50, seed=1)


def test_bootstrap_in_chunks_equals_one_draw_of_all_resamples():
    # n = 50_001 respondents: resamples are computed 39 at a time, so 45 of them take two chunks;
    # the reference draws all (45, n) row indices at once from the same seed and averages each resample directly
    rng = np.random.default_rng(5)
    n, n_boot, seed = 50_001, 45, 3
    perf = pd.DataFrame(rng.integers(1, 6, (n, 4)).astype(float), columns=list("abcd"))
    perf = perf.mask(rng.random((n, 4)) < 0.1)
    imp = pd.DataFrame(rng.integers(1, 6, (n, 4)).astype(float), columns=list("abcd"))
    r = ipa.quadrant_confidence(perf, imp, n_boot=n_boot, seed=seed)
    rows = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
    pv, iv = perf.to_numpy(), imp.to_numpy()
    codes = []
    for draw in rows:
        pm, im = np.nanmean(pv[draw], axis=0), iv[draw].mean(axis=0)
        codes.append(ipa._quadrant_codes(ipa._high(im, im.mean(), "high"), ipa._high(pm, pm.mean(), "high")))
    codes = np.array(codes)
    expected = np.stack([(codes == q).mean(axis=0) for q in range(4)], axis=1)
    assert 0 < expected.max(axis=1).min() < 1  # not a trivial case: some attributes change quadrant
    np.testing.assert_array_equal(r[[f"p_{k}" for k in ipa.QUADRANTS]].to_numpy(), expected)


def test_bootstrap_well_separated_attributes_are_certain():
    rng = np.random.default_rng(1)
    n = 300
    perf = pd.DataFrame({"hi_lo": rng.choice([1, 2], n), "hi_hi": rng.choice([4, 5], n),
                         "lo_lo": rng.choice([1, 2], n), "lo_hi": rng.choice([4, 5], n)}).astype(float)
    imp = pd.DataFrame({"hi_lo": rng.choice([4, 5], n), "hi_hi": rng.choice([4, 5], n),
                        "lo_lo": rng.choice([1, 2], n), "lo_hi": rng.choice([1, 2], n)}).astype(float)
    r = ipa.quadrant_confidence(perf, imp, n_boot=300, seed=2)
    assert (r["p_modal"] == 1.0).all()
    assert r["point_quadrant"].tolist() == ["concentrate_here", "keep_up", "low_priority", "possible_overkill"]
    assert not r["borderline"].any()


def test_bootstrap_mean_on_fixed_crosshair_is_a_coin_flip():
    rng = np.random.default_rng(5)
    n = 1000
    perf = pd.DataFrame({"on": np.r_[np.full(500, 2.0), np.full(500, 4.0)], "far": rng.choice([4.0, 5.0], n)})
    imp = pd.DataFrame({"on": rng.choice([4.0, 5.0], n), "far": rng.choice([4.0, 5.0], n)})
    r = ipa.quadrant_confidence(perf, imp, crosshair="scale_midpoint", scale=(1, 5), n_boot=2000, seed=11)
    # performance mean exactly 3 = midpoint: keep_up vs concentrate_here about 50/50
    assert r.loc["on", "p_keep_up"] == pytest.approx(0.5, abs=0.06)
    assert r.loc["on", "p_concentrate_here"] == pytest.approx(0.5, abs=0.06)
    assert bool(r.loc["on", "borderline"])
    assert r.loc["far", "p_modal"] == 1.0


def test_bootstrap_moves_a_data_centred_crosshair_and_supports_derived_importance():
    x, y = _survey_like(n=150, k=4, seed=9)
    r = ipa.quadrant_confidence(x, overall=y, importance="pearson", n_boot=200, seed=3)
    probs = r[[f"p_{q}" for q in ipa.QUADRANTS]].sum(axis=1)
    assert probs.to_numpy() == pytest.approx(np.ones(4))
    assert r["importance"].to_numpy() == pytest.approx(ipa.derived_importance(x, y).to_numpy())
    rb = ipa.quadrant_confidence(x, overall=y, importance="beta", n_boot=50, seed=3)
    assert rb.attrs["n_boot_used"] == 50
    with pytest.raises(CsatInputError, match="needs overall"):
        ipa.quadrant_confidence(x, importance="pearson", n_boot=50, seed=1)


def test_ci_method_needs_fixed_crosshair():
    x, _ = _survey_like(n=100, seed=1)
    i, _ = _survey_like(n=100, seed=2)
    with pytest.raises(CsatInputError, match="fixed crosshair"):
        ipa.quadrant_confidence(x, i, method="ci")
    r = ipa.quadrant_confidence(x, i, method="ci", crosshair="scale_midpoint", scale=(1, 5))
    assert (r["importance_lower"] < r["importance"]).all() and (r["performance_upper"] > r["performance"]).all()
    assert set(r["ci_quadrant"]) <= set(ipa.QUADRANTS) | {"uncertain"}


def test_ci_method_uses_the_requested_confidence_level():
    from csat_helpers import survey

    x, _ = _survey_like(n=100, seed=1)
    i, _ = _survey_like(n=100, seed=2)
    kwargs = dict(method="ci", crosshair="scale_midpoint", scale=(1, 5))
    default = ipa.quadrant_confidence(x, i, **kwargs)
    assert default.attrs["confidence"] == 0.95
    for level in (0.8, 0.99):
        r = ipa.quadrant_confidence(x, i, confidence=level, **kwargs)
        ref = survey.mean_ci(x, confidence=level)
        assert r["performance_lower"].to_numpy() == pytest.approx(ref["lower"].to_numpy(), abs=1e-12)
        assert r["performance_upper"].to_numpy() == pytest.approx(ref["upper"].to_numpy(), abs=1e-12)
        assert r.attrs["confidence"] == level
    wide = ipa.quadrant_confidence(x, i, confidence=0.99, **kwargs)
    assert (wide["performance_upper"] - wide["performance_lower"] >
            default["performance_upper"] - default["performance_lower"]).all()
    # borderline means "the interval box crosses the crosshair"; the bootstrap cut-off does not apply
    assert (default["borderline"] == (default["ci_quadrant"] == "uncertain")).all()
    pd.testing.assert_frame_equal(ipa.quadrant_confidence(x, i, borderline=0.99, **kwargs), default)
    with pytest.raises(CsatInputError, match="confidence"):
        ipa.quadrant_confidence(x, i, confidence=95, **kwargs)


def test_bootstrap_rejects_mismatched_items():
    x, _ = _survey_like(n=50)
    i, _ = _survey_like(n=50)
    i = i.rename(columns={"a0": "zz"})
    with pytest.raises(CsatInputError, match="only in performance_items: 'a0'"):
        ipa.quadrant_confidence(x, i, n_boot=10, seed=1)


# ----------------------------------------------------------------------------- rows matched by label
@pytest.mark.parametrize("method", ["pearson", "spearman", "beta", "ln_partial"])
def test_derived_importance_matches_rows_by_label(method):
    x, y = _survey_like(n=150, seed=4)
    shuffled = y.sample(frac=1, random_state=7)
    assert not shuffled.index.equals(x.index)
    expected = ipa.derived_importance(x, y, method)
    assert ipa.derived_importance(x, shuffled, method).to_numpy() == pytest.approx(expected.to_numpy(), abs=1e-12)
    assert ipa.derived_importance(x.sample(frac=1, random_state=3), y, method).to_numpy() == pytest.approx(
        expected.to_numpy(), abs=1e-12)
    # plain arrays carry no labels: matched by position
    assert ipa.derived_importance(x, y.to_numpy(), method).to_numpy() == pytest.approx(expected.to_numpy(), abs=1e-12)


def test_prca_matches_rows_by_label():
    x, y = _survey_like(n=300, seed=5)
    expected = ipa.prca(x, y, 2, 4)
    got = ipa.prca(x, y.sample(frac=1, random_state=2), 2, 4)
    assert got[["b_low", "b_high"]].to_numpy() == pytest.approx(expected[["b_low", "b_high"]].to_numpy(), abs=1e-12)
    assert got.attrs["r2"] == pytest.approx(expected.attrs["r2"], abs=1e-12)


def test_different_row_labels_raise_naming_the_rows():
    x, y = _survey_like(n=60, seed=6)
    with pytest.raises(CsatInputError, match=r"different respondent rows \(only in items: 58, 59\)"):
        ipa.derived_importance(x, y.iloc[:-2])
    with pytest.raises(CsatInputError, match=r"only in items: 0.*only in overall: 60"):
        ipa.prca(x, y.set_axis(range(1, 61)), 2, 4)
    with pytest.raises(CsatInputError, match="row labels repeat"):
        ipa.derived_importance(x, y.set_axis([0] * 60))


@pytest.mark.parametrize("importance", ["stated", "pearson", "spearman"])
def test_quadrant_confidence_matches_rows_by_label(importance):
    x, y = _survey_like(n=120, seed=8)
    i, _ = _survey_like(n=120, seed=9)
    kwargs = dict(crosshair="data_mean", n_boot=60, seed=4)
    if importance == "stated":
        expected = ipa.quadrant_confidence(x, i, **kwargs)
        got = ipa.quadrant_confidence(x, i.sample(frac=1, random_state=1), **kwargs)
    else:
        expected = ipa.quadrant_confidence(x, overall=y, importance=importance, **kwargs)
        got = ipa.quadrant_confidence(x, overall=y.sample(frac=1, random_state=1), importance=importance, **kwargs)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, atol=1e-12, rtol=0)
    if importance == "stated":
        with pytest.raises(CsatInputError, match="only in performance_items: 119"):
            ipa.quadrant_confidence(x, i.iloc[:-1], **kwargs)


# ----------------------------------------------------------------------------- planted company survey
def _company():
    s = load("company_survey")
    keys = list(ATTRIBUTES)
    imp = s[[f"ipa_{a}_imp" for a in keys]].set_axis(keys, axis=1)
    perf = s[[f"ipa_{a}_perf" for a in keys]].set_axis(keys, axis=1)
    return s, imp, perf, s["ipa_overall"]


def test_company_planted_quadrants_are_recovered_with_confidence():
    s, imp, perf, _ = _company()
    t = truth()["ipa"]
    r = ipa.quadrants(ipa.attribute_means(imp, scale=(1, 5))["mean"], ipa.attribute_means(perf, scale=(1, 5))["mean"])
    assert r["quadrant"].to_dict() == t["quadrants_data_mean"]
    assert set(r["quadrant"]) == set(ipa.QUADRANTS)
    conf = ipa.quadrant_confidence(perf, imp, scale=(1, 5), n_boot=500, seed=1)
    assert (conf["modal_quadrant"] == conf["point_quadrant"]).all()
    assert conf["p_modal"].min() > 0.95
    med = ipa.quadrants(r["importance"], r["performance"], crosshair="data_median")
    for a in t["median_crosshair_moves"]:
        assert med.loc[a, "quadrant"] != r.loc[a, "quadrant"]


def test_company_segment_difference_is_recovered():
    s, imp, perf, _ = _company()
    rows = (s["segment"] == "project").to_numpy()
    r = ipa.quadrants(imp[rows].mean(), perf[rows].mean())
    assert r.loc["delivery_install", "quadrant"] == truth()["ipa"]["quadrants_by_segment"]["project"]["delivery_install"]
    assert r.loc["delivery_install", "quadrant"] == "concentrate_here"


def test_company_prca_finds_planted_basic_and_excitement_factors():
    _, _, perf, overall = _company()
    t = truth()["ipa"]["prca"]
    r = ipa.prca(perf, overall, t["low"], t["high"])
    for a, f in t["planted_factors"].items():
        assert r.loc[a, "factor"] == f, a


def test_company_stated_vs_derived_importance():
    _, imp, perf, overall = _company()
    t = truth()["ipa"]
    cmp_ = ipa.compare_importance(imp.mean(), ipa.derived_importance(perf, overall))
    for a in t["false_priority"]:
        assert cmp_.loc[a, "label"] == "false_priority"
    for a in t["hidden_gem"]:
        assert cmp_.loc[a, "label"] == "hidden_gem"


def test_plots_return_axes():
    import matplotlib.pyplot as plt

    r = ipa.quadrants(TURAS_I, TURAS_P)
    ax = ipa.plot_quadrants(r)
    assert ax.get_xlabel().startswith("performance")
    xs = sorted(round(float(v), 6) for v in ax.collections[0].get_offsets()[:, 0]) if ax.collections else []
    assert xs  # points were drawn
    ax2 = ipa.plot_gap(ipa.gap({"a": 5, "b": 3}, {"a": 3, "b": 4}, (1, 5)))
    assert ax2.get_xlim() == (0.0, 1.0)
    plt.close("all")


def test_plot_quadrants_marks_borderline_attributes():
    import matplotlib.pyplot as plt

    x, _ = _survey_like(n=60, seed=1)
    i, _ = _survey_like(n=60, seed=2)
    conf = ipa.quadrant_confidence(x, i, n_boot=100, seed=1)
    r = ipa.quadrants(conf["importance"], conf["performance"])
    ax = ipa.plot_quadrants(r, confidence=conf)
    texts = [t.get_text() for t in ax.texts]
    assert any("(p=" in t for t in texts) == bool(conf["borderline"].any())
    with pytest.raises(CsatInputError, match="quadrant_confidence"):
        ipa.plot_quadrants(r, confidence=r)
    plt.close("all")


def test_prca_refuses_constant_overall_satisfaction():
    rng = np.random.default_rng(3)
    items = pd.DataFrame(rng.integers(1, 6, size=(60, 2)), columns=["price", "repair"])
    with pytest.raises(CsatInputError, match="overall satisfaction is constant"):
        ipa.prca(items, pd.Series(np.full(60, 4)), 2, 4)
