"""Tests for csat_helpers.survey: each formula against a published value or against scipy/statsmodels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from csat_helpers import CsatInputError, survey
from csat_helpers.datasets import load

# ----------------------------------------------------------------------------- distributions vs scipy
@pytest.mark.parametrize("df", [1, 2, 3, 4.5, 7, 10, 29, 100, 1000, 1e5])
@pytest.mark.parametrize("p", [1e-10, 0.001, 0.025, 0.3, 0.4999, 0.5001, 0.9, 0.95, 0.975, 0.995, 0.999999])
def test_t_quantile_matches_scipy(df, p):
    assert survey.t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("p", [1e-300, 1e-12, 1e-4, 0.05, 0.5, 0.8, 0.975, 1 - 1e-10])
def test_normal_quantile_matches_scipy(p):
    assert survey.normal_quantile(p) == pytest.approx(stats.norm.ppf(p), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("df", [1, 3, 10, 100])
@pytest.mark.parametrize("t", [-40.0, -2.0, -1e-5, 0.0, 1e-5, 0.7, 2.5, 30.0])
def test_t_sf_matches_scipy(df, t):
    assert survey.t_sf(t, df) == pytest.approx(stats.t.sf(t, df), rel=1e-11, abs=1e-16)


def test_t_quantile_textbook_table():
    # Student's t table (e.g. Montgomery, Applied Statistics, Table V): t_0.025,10 = 2.228, t_0.05,20 = 1.725
    assert round(survey.t_quantile(0.975, 10), 3) == 2.228
    assert round(survey.t_quantile(0.95, 20), 3) == 1.725
    assert round(survey.normal_quantile(0.975), 2) == 1.96


def test_quantiles_reject_bad_probability():
    with pytest.raises(CsatInputError, match="strictly between 0 and 1"):
        survey.t_quantile(1.0, 5)
    with pytest.raises(CsatInputError, match="degrees of freedom"):
        survey.t_quantile(0.9, 0)


# ----------------------------------------------------------------------------- intervals
def test_wilson_specs_csi_example():
    # specs/csi.md §2: 40 of 50 gives 80 % [66.96, 88.76]; 40 of 55 gives 72.73 % [59.77, 82.72]
    r = survey.proportion_ci(40, 50)
    assert [round(100 * r[k], 2) for k in ("p", "lower", "upper")] == [80.0, 66.96, 88.76]
    r = survey.proportion_ci(40, 55)
    assert [round(100 * r[k], 2) for k in ("p", "lower", "upper")] == [72.73, 59.77, 82.72]


@pytest.mark.parametrize("s,n,conf", [(0, 20, 0.95), (17, 60, 0.9), (99, 100, 0.99), (3, 7, 0.8)])
def test_wilson_matches_statsmodels(s, n, conf):
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(s, n, alpha=1 - conf, method="wilson")
    r = survey.proportion_ci(s, n, confidence=conf)
    assert r["lower"] == pytest.approx(lo, abs=1e-12)
    assert r["upper"] == pytest.approx(hi, abs=1e-12)


def test_wilson_bad_input():
    with pytest.raises(CsatInputError, match="n must be > 0"):
        survey.proportion_ci(0, 0)
    with pytest.raises(CsatInputError, match="between 0 and n"):
        survey.proportion_ci(6, 5)


def test_mean_ci_matches_scipy_t_interval():
    rng = np.random.default_rng(3)
    x = pd.DataFrame({"a": rng.integers(1, 6, 57).astype(float), "b": rng.normal(3, 1, 57)})
    x.iloc[[2, 9], 0] = np.nan
    r = survey.mean_ci(x, confidence=0.9)
    for col in x:
        v = x[col].dropna()
        lo, hi = stats.t.interval(0.9, len(v) - 1, loc=v.mean(), scale=stats.sem(v))
        assert r.loc[col, "lower"] == pytest.approx(lo, abs=1e-12)
        assert r.loc[col, "upper"] == pytest.approx(hi, abs=1e-12)
        assert r.loc[col, "n"] == len(v)


def test_weighted_mean_ci_equal_weights_is_unweighted_and_matches_statsmodels_mean():
    from statsmodels.stats.weightstats import DescrStatsW

    rng = np.random.default_rng(5)
    x = pd.Series(rng.integers(1, 6, 200).astype(float), name="q")
    same = survey.mean_ci(x, weights=np.full(200, 3.0))
    plain = survey.mean_ci(x)
    assert same.loc["q", "lower"] == pytest.approx(plain.loc["q", "lower"], abs=1e-12)
    w = rng.random(200) + 0.2
    r = survey.mean_ci(x, weights=w)
    assert r.loc["q", "mean"] == pytest.approx(DescrStatsW(x.to_numpy(), weights=w).mean, abs=1e-12)
    assert r.loc["q", "n_eff"] == pytest.approx(w.sum() ** 2 / (w**2).sum())


def test_share_ci_top2_box():
    r = survey.share_ci(pd.DataFrame({"q": [5, 4, 3, 2, np.nan, 4]}), 4)
    assert r.loc["q", "share"] == pytest.approx(0.6)
    assert r.loc["q", "lower"] == pytest.approx(survey.proportion_ci(3, 5)["lower"])


# ----------------------------------------------------------------------------- sample size
def test_sample_size_cochran_and_krejcie_morgan():
    # Cochran (1977): e = 0.05, 95 %, p = 0.5 -> n0 = 384.16, so 385 respondents
    assert survey.sample_size(0.05) == 385
    assert survey.sample_size(0.05, ceil=False) == pytest.approx(1.959963984540054**2 * 0.25 / 0.0025)
    # Krejcie & Morgan (1970), Table 1, with their chi-square 3.841 (z² at 95 %): N -> s
    km = {100: 80, 500: 217, 1000: 278, 5000: 357, 10000: 370}  # (their 1,000,000 row, 384, is the limit n0)
    for N, s in km.items():
        exact = survey.sample_size(0.05, population=N, ceil=False)
        assert abs(exact - s) <= 0.6, (N, exact, s)


def test_sample_size_for_a_mean_and_margin_inverse():
    # (z·σ/e)²: σ = 1, e = 0.1 at 95 % -> 384.15 -> 385
    assert survey.sample_size(0.1, sd=1.0) == 385
    n = survey.sample_size(0.03)
    assert survey.margin_of_error(n) <= 0.03 < survey.margin_of_error(n - 1)


def test_sample_size_bad_input():
    with pytest.raises(CsatInputError, match="margin must be > 0"):
        survey.sample_size(0)
    with pytest.raises(CsatInputError, match="below 1"):
        survey.sample_size(5)
    with pytest.raises(CsatInputError, match="confidence"):
        survey.sample_size(0.05, confidence=95)


# ----------------------------------------------------------------------------- reliability
def test_cronbach_alpha_plspm_satisfaction_imag():
    # specs/csi.md §7: IMAG block of the R plspm `satisfaction` data: standardised alpha 0.830227
    # (R plspm / seminr), raw alpha 0.821855; the bundled datasets/satisfaction.csv is that data set
    d = load("satisfaction")
    imag = d[[f"imag{i}" for i in range(1, 6)]]
    assert survey.cronbach_alpha(imag, standardized=True) == pytest.approx(0.830227, abs=5e-7)
    assert survey.cronbach_alpha(imag) == pytest.approx(0.821855, abs=5e-7)


def test_cronbach_alpha_matches_direct_formula_and_alpha_if_deleted():
    rng = np.random.default_rng(8)
    f = rng.normal(size=(300, 1))
    x = pd.DataFrame(f + rng.normal(size=(300, 4)), columns=list("abcd"))
    v = x.var(ddof=1)
    k = 4
    direct = k / (k - 1) * (1 - v.sum() / x.sum(axis=1).var(ddof=1))
    assert survey.cronbach_alpha(x) == pytest.approx(direct, abs=1e-12)
    aid = survey.alpha_if_deleted(x)
    for c in x:
        assert aid.loc[c, "alpha_if_deleted"] == pytest.approx(survey.cronbach_alpha(x.drop(columns=c)), abs=1e-12)
        rest = x.drop(columns=c).sum(axis=1)
        assert aid.loc[c, "item_rest_corr"] == pytest.approx(np.corrcoef(x[c], rest)[0, 1], abs=1e-12)
    assert aid.attrs["alpha"] == pytest.approx(direct)


def test_cronbach_alpha_bad_input():
    with pytest.raises(CsatInputError, match="'b' is constant"):
        survey.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [3, 3, 3, 3]}))
    with pytest.raises(CsatInputError, match="at least 2 items"):
        survey.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3]}))


# ----------------------------------------------------------------------------- tables
def test_item_table_counts_and_shares():
    d = pd.DataFrame({"q1": [1, 2, 2, 4, 5, 5, np.nan], "q2": [3, 3, 3, 3, 4, 4, 4]})
    t = survey.item_table(d, top=2)
    assert t.loc["q1", "n"] == 6
    assert t.loc["q1", "mean"] == pytest.approx(19 / 6)
    assert t.loc["q1", "sd"] == pytest.approx(d["q1"].std())
    assert t.loc["q1", "share_2"] == pytest.approx(2 / 6)
    assert t.loc["q1", "top_box"] == pytest.approx(3 / 6)  # top-2-box: 4 or 5
    assert t.loc["q1", "range"] == 4
    assert t.loc["q2", "mode"] == 3
    assert t.loc["q2", "median"] == 3


def test_item_table_median_and_iqr_are_type_2_quantiles():
    # Hyndman & Fan (1996) type 2 = numpy's "averaged_inverted_cdf": the textbook median of [1, 2, 4, 5] is 3,
    # and the quartiles are the medians of the halves [1, 2] and [4, 5]
    t = survey.item_table(pd.DataFrame({"q": [1, 2, 4, 5]}))
    assert t.loc["q", ["median", "iqr"]].tolist() == [3.0, 3.0]
    assert t.loc["q", "median"] == pd.Series([1, 2, 4, 5]).median()
    rng = np.random.default_rng(17)
    for n in (1, 2, 3, 4, 7, 8, 12, 40, 101):
        d = pd.DataFrame(rng.integers(1, 6, (n, 6)).astype(float), columns=list("abcdef"))
        d["b"] = np.sort(d["b"].to_numpy())
        t = survey.item_table(d)
        for c in d:
            q1, q2, q3 = np.quantile(d[c], [0.25, 0.5, 0.75], method="averaged_inverted_cdf")
            assert t.loc[c, "median"] == q2
            assert t.loc[c, "median"] == d[c].median()  # the textbook median, as pandas gives it
            assert t.loc[c, "iqr"] == pytest.approx(q3 - q1, abs=1e-12)


def test_item_table_rejects_out_of_scale_naming_column_and_row():
    with pytest.raises(CsatInputError, match=r"column 'q2', row 1: value 7"):
        survey.item_table(pd.DataFrame({"q1": [1, 2], "q2": [3, 7]}))
    with pytest.raises(CsatInputError, match="integer code"):
        survey.item_table(pd.DataFrame({"q1": [1, 2.5]}))
    with pytest.raises(CsatInputError, match="not a number"):
        survey.item_table(pd.DataFrame({"q1": [1, "x"]}))


def test_bad_argument_types_raise_csat_input_error_naming_the_argument():
    d = pd.DataFrame({"q": [1, 2, 3, 4, 5.0]})
    cases = [
        (lambda: survey.share_ci(d, "a"), "threshold: must be a number, got 'a'"),
        (lambda: survey.item_table(d, top="x"), "top: must be a whole number"),
        (lambda: survey.item_table(d, top=1.5), "top: must be a whole number"),
        (lambda: survey.sample_size("x"), "margin: must be a number"),
        (lambda: survey.sample_size(0.05, sd="s"), "sd: must be a number"),
        (lambda: survey.margin_of_error("x"), "n: must be a number"),
        (lambda: survey.margin_of_error(100, population="N"), "population: must be a number"),
        (lambda: survey.overall_index([1, "x"], [3, 4], 5), "importance: 'x' \\(position 1\\) is not a number"),
        (lambda: survey.overall_index([1, 2], [3, 4], "x"), "top_score: must be a number"),
    ]
    for call, message in cases:
        with pytest.raises(CsatInputError, match=message):
            call()


@pytest.mark.parametrize("fn", [survey.item_table, survey.level_shares])
def test_coded_level_tables_need_whole_number_scale_bounds(fn):
    d = pd.DataFrame({"q": [1, 2, 3, 4, 5.0]})
    for scale in [(0.5, 5), (1, 5.5)]:
        with pytest.raises(CsatInputError, match="whole numbers"):
            fn(d, scale)
    assert fn(d, (1.0, 5.0)).shape[0] == 1


def test_level_shares_feed_the_source_formulas():
    d = pd.DataFrame({"a": [5, 4, 4, 3, 5], "b": [2, 3, 3, 4, 1]})
    sh = survey.level_shares(d)
    assert survey.importance_from_shares(sh).to_numpy() == pytest.approx(d.mean().to_numpy())
    assert survey.satisfaction_from_shares(sh).to_numpy() == pytest.approx(d.mean().to_numpy())


def test_overall_index_formula():
    # CS = Σ I_i P_i / (x_k Σ I_i): importance (4, 2), satisfaction (4.5, 3.0), top score 5 -> 0.8
    assert survey.overall_index([4, 2], [4.5, 3.0], 5) == pytest.approx(0.8)
    assert survey.overall_index({"a": 1, "b": 1}, {"b": 5, "a": 5}, 5) == pytest.approx(1.0)
    with pytest.raises(CsatInputError, match="different indicators"):
        survey.overall_index({"a": 1}, {"b": 5}, 5)
    with pytest.raises(CsatInputError, match="exceeds the top score"):
        survey.overall_index([1, 1], [6, 4], 5)


def test_shares_must_sum_to_one():
    with pytest.raises(CsatInputError, match="sum to 0.9"):
        survey.importance_from_shares(pd.DataFrame([[0.5, 0.4]], index=["x"], columns=[1, 2]))


def test_by_segment_matches_groupby():
    rng = np.random.default_rng(2)
    d = pd.DataFrame(rng.integers(1, 6, (120, 3)).astype(float), columns=["a", "b", "c"])
    d.iloc[5, 1] = np.nan
    seg = rng.choice(["x", "y", "z"], 120)
    r = survey.by_segment(d, seg)
    g = d.groupby(seg)
    for s in "xyz":
        for c in d:
            assert r.loc[(s, c), "mean"] == pytest.approx(g[c].mean()[s], abs=1e-12)
            assert r.loc[(s, c), "sd"] == pytest.approx(g[c].std()[s], abs=1e-12)
            assert r.loc[(s, c), "n"] == g[c].count()[s]
    with pytest.raises(CsatInputError, match="one label per respondent"):
        survey.by_segment(d, seg[:10])


def test_by_segment_matches_a_segment_series_by_row_label():
    rng = np.random.default_rng(12)
    d = pd.DataFrame(rng.integers(1, 6, (90, 2)).astype(float), columns=["a", "b"])
    seg = pd.Series(rng.choice(["x", "y"], 90), index=d.index)
    expected = survey.by_segment(d, seg)
    pd.testing.assert_frame_equal(survey.by_segment(d, seg.sample(frac=1, random_state=5)), expected)
    pd.testing.assert_frame_equal(survey.by_segment(d.sample(frac=1, random_state=6), seg), expected)
    with pytest.raises(CsatInputError, match=r"only in ratings: 0; only in segment: 90"):
        survey.by_segment(d, seg.set_axis(range(1, 91)))


def test_regress_matches_statsmodels_ols_and_wls():
    import statsmodels.api as sm

    rng = np.random.default_rng(11)
    x = pd.DataFrame(rng.integers(1, 6, (300, 3)).astype(float), columns=["a", "b", "c"])
    y = 1 + 0.5 * x["a"] - 0.2 * x["c"] + rng.normal(0, 0.7, 300)
    x.iloc[3, 0] = np.nan
    r = survey.regress(x, y)
    d = pd.concat([x, y.rename("y")], axis=1).dropna()
    o = sm.OLS(d["y"], sm.add_constant(d[["a", "b", "c"]])).fit()
    assert r["coef"].to_numpy() == pytest.approx(o.params.to_numpy(), abs=1e-10)
    assert r["se"].to_numpy() == pytest.approx(o.bse.to_numpy(), abs=1e-10)
    assert r["p"].to_numpy() == pytest.approx(o.pvalues.to_numpy(), abs=1e-10)
    assert r.attrs["r2"] == pytest.approx(o.rsquared)
    assert r.attrs["n_used"] == 299
    w = rng.random(300) + 0.1
    rw = survey.regress(x, y, weights=w)
    ow = sm.WLS(d["y"], sm.add_constant(d[["a", "b", "c"]]), weights=w[d.index]).fit()
    assert rw["coef"].to_numpy() == pytest.approx(ow.params.to_numpy(), abs=1e-10)
    assert rw["se"].to_numpy() == pytest.approx(ow.bse.to_numpy(), abs=1e-10)


def test_regress_matches_overall_by_row_label():
    rng = np.random.default_rng(13)
    x = pd.DataFrame(rng.integers(1, 6, (200, 3)).astype(float), columns=["a", "b", "c"])
    y = 1 + 0.5 * x["a"] + rng.normal(0, 0.7, 200)
    expected = survey.regress(x, y)
    got = survey.regress(x, y.sample(frac=1, random_state=8))
    pd.testing.assert_frame_equal(got, expected, check_exact=False, atol=1e-12, rtol=0)
    assert got.attrs["r2"] == pytest.approx(expected.attrs["r2"], abs=1e-12)
    with pytest.raises(CsatInputError, match=r"different respondent rows \(only in items: 199\)"):
        survey.regress(x, y.iloc[:-1])


def test_regress_singular_and_constant_items_raise():
    x = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6.0], "b": [2, 4, 6, 8, 10, 12.0]})
    with pytest.raises(CsatInputError, match="singular"):
        survey.regress(x, [1, 2, 3, 3, 5, 6])
    with pytest.raises(CsatInputError, match="'k' is constant"):
        survey.regress(pd.DataFrame({"a": [1, 2, 3, 4.0], "k": [1, 1, 1, 1.0]}), [1, 2, 3, 5])


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_correlation_table_matches_pandas(method):
    rng = np.random.default_rng(4)
    d = pd.DataFrame(rng.integers(1, 6, (200, 4)).astype(float), columns=list("abcd"))
    d.iloc[0, 2] = np.nan
    r = survey.correlation_table(d, method=method)
    assert r.to_numpy() == pytest.approx(d.dropna().corr(method=method).to_numpy(), abs=1e-12)
    cont = d.fillna(0) + rng.normal(0, 0.01, d.shape)
    assert survey.correlation_table(cont, method=method).to_numpy() == pytest.approx(
        cont.corr(method=method).to_numpy(), abs=1e-12
    )


def test_pairwise_correlation_equals_pandas_pairwise_corr():
    rng = np.random.default_rng(21)
    d = pd.DataFrame(rng.normal(3, 1, (3000, 6)) + rng.normal(0, 1, (3000, 1)), columns=list("abcdef"))
    d = d.mask(rng.random(d.shape) < np.array([0.0, 0.05, 0.2, 0.4, 0.1, 0.6]))  # uneven missingness
    d.loc[:1500, "f"] = np.nan  # f and the others share fewer rows
    r = survey.correlation_table(d, missing="pairwise")
    assert np.abs(r.to_numpy() - d.corr().to_numpy()).max() < 1e-12
    assert r.attrs["n_used"] == int((d.notna().astype(int).T @ d.notna().astype(int)).to_numpy().min())
    codes = pd.DataFrame(rng.integers(1, 6, (2000, 5)).astype(float), columns=list("vwxyz")).mask(rng.random((2000, 5)) < 0.1)
    assert np.abs(survey.correlation_table(codes, missing="pairwise").to_numpy() - codes.corr().to_numpy()).max() < 1e-12
    sp = survey.correlation_table(codes, method="spearman", missing="pairwise")  # joint level counts
    assert np.abs(sp.to_numpy() - codes.corr(method="spearman").to_numpy()).max() < 1e-12
    eleven = pd.DataFrame(rng.integers(0, 11, (500, 4)).astype(float)).mask(rng.random((500, 4)) < 0.2)
    sp = survey.correlation_table(eleven, method="spearman", missing="pairwise")  # a 0-10 scale
    assert np.abs(sp.to_numpy() - eleven.corr(method="spearman").to_numpy()).max() < 1e-12
    sp = survey.correlation_table(d, method="spearman", missing="pairwise")  # not codes: pandas
    assert np.abs(sp.to_numpy() - d.corr(method="spearman").to_numpy()).max() < 1e-12


def test_pairwise_correlation_names_pairs_it_cannot_compute():
    d = pd.DataFrame({"a": [1, 2, 3, 4, np.nan, np.nan], "b": [np.nan, np.nan, np.nan, 1, 2, 3.0], "c": [1, 2, 3, 4, 5, 7.0]})
    with pytest.raises(CsatInputError, match="'a' and 'b' are both answered in 1 row"):
        survey.correlation_table(d, missing="pairwise")
    d = pd.DataFrame({"a": [1, 1, 1, 2, 3.0], "b": [4, 5, 6, np.nan, np.nan], "c": [1, 2, 3, 4, 6.0]})
    for method in ("pearson", "spearman"):
        with pytest.raises(CsatInputError, match="'a' is constant in the rows where 'b' is also answered"):
            survey.correlation_table(d, method=method, missing="pairwise")


def test_company_survey_performance_items_are_reliable():
    # planted halo (datasets/README.md): alpha of the ten performance items is about 0.8
    s = load("company_survey")
    perf = s[[c for c in s.columns if c.startswith("ipa_") and c.endswith("_perf")]]
    assert 0.75 < survey.cronbach_alpha(perf) < 0.87
    assert math.isfinite(survey.item_table(perf)["mean"].sum())


def test_weighted_item_table_equals_frequency_expansion():
    # integer weights act like repeated respondents for the mean and the level shares
    d = pd.DataFrame({"q": [1.0, 3.0, 5.0, 4.0]})
    w = np.array([2, 1, 3, 1])
    expanded = pd.DataFrame({"q": np.repeat(d["q"].to_numpy(), w)})
    a = survey.item_table(d, weights=w)
    b = survey.item_table(expanded)
    for col in ("mean", "median", "iqr", "mode", "share_1", "share_5", "top_box"):
        assert a.loc["q", col] == pytest.approx(b.loc["q", col])
    with pytest.raises(CsatInputError, match="negative"):
        survey.item_table(d, weights=[1, -1, 1, 1])
    with pytest.raises(CsatInputError, match="one weight per respondent"):
        survey.item_table(d, weights=[1, 1])
