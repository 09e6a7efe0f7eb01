"""csat_helpers.customers: CLV, retention economics, four classes, Pareto/Lorenz, Gini."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

from csat_helpers import CsatInputError  # noqa: E402
from csat_helpers import customers as cu  # noqa: E402
from csat_helpers.datasets import load, truth  # noqa: E402
from csat_helpers.datasets.company import LOST_REASONS  # noqa: E402

# ----------------------------------------------------------------------------- CLV
# Gupta & Lehmann (2003), "Customers as assets", J. Interactive Marketing 17(1) 9-24, margin-multiple
# table r / (1 + i - r), as printed (two decimals); rows discount rate i, columns retention rate r.
GUPTA_LEHMANN_MARGIN_MULTIPLE = {
    0.10: {0.60: 1.20, 0.70: 1.75, 0.80: 2.67, 0.90: 4.50},
    0.12: {0.60: 1.15, 0.70: 1.67, 0.80: 2.50, 0.90: 4.09},
    0.14: {0.60: 1.11, 0.70: 1.59, 0.80: 2.35, 0.90: 3.75},
    0.16: {0.60: 1.07, 0.70: 1.52, 0.80: 2.22, 0.90: 3.46},
}


@pytest.mark.parametrize("i", sorted(GUPTA_LEHMANN_MARGIN_MULTIPLE))
def test_margin_multiple_reproduces_gupta_lehmann_2003_table(i):
    row = GUPTA_LEHMANN_MARGIN_MULTIPLE[i]
    got = cu.margin_multiple(list(row), i)
    assert np.round(got, 2).tolist() == list(row.values())


def test_clv_closed_form_gupta_lehmann_margin_times_multiple():
    # Gupta & Lehmann 2003: a customer with margin 100, r = 80 %, i = 10 % is worth 2.67 margins
    assert cu.clv(100, 0.8, 0.10) == pytest.approx(100 * 0.8 / 0.3)
    assert cu.clv(100, 0.8, 0.10, acquisition_cost=50) == pytest.approx(100 * 0.8 / 0.3 - 50)


def test_clv_finite_horizon_is_the_discounted_sum_berger_nasr_1998():
    m, r, i = 120.0, 0.75, 0.08
    for T in (1, 2, 5, 30):
        direct = sum(m * r**t / (1 + i) ** t for t in range(1, T + 1))
        assert cu.clv(m, r, i, horizon=T) == pytest.approx(direct, rel=1e-12)
        start = sum(m * r**t / (1 + i) ** t for t in range(0, T))
        assert cu.clv(m, r, i, horizon=T, timing="start") == pytest.approx(start, rel=1e-12)


def test_finite_horizon_converges_to_closed_form():
    assert cu.clv(10, 0.9, 0.1, horizon=2000) == pytest.approx(cu.clv(10, 0.9, 0.1), rel=1e-12)
    assert cu.clv(10, 0.9, 0.1, timing="start") == pytest.approx(10 + cu.clv(10, 0.9, 0.1))


def test_clv_is_vectorised_over_customers():
    m = np.array([100.0, -20.0, 0.0])
    r = np.array([0.9, 0.5, 0.7])
    got = cu.clv(m, r, 0.1, horizon=np.array([3, 3, 3]))
    assert isinstance(got, np.ndarray) and got.shape == (3,)
    for k in range(3):
        assert got[k] == pytest.approx(cu.clv(float(m[k]), float(r[k]), 0.1, horizon=3))
    assert isinstance(cu.clv(1, 0.5, 0.1), float)


def test_zero_retention_and_zero_discount():
    assert cu.clv(100, 0.0, 0.1) == 0.0
    assert cu.clv(100, 0.5, 0.0) == pytest.approx(100.0)  # 0.5 / (1 - 0.5)
    assert cu.expected_lifetime(0.0) == 1.0
    assert cu.expected_lifetime([0.5, 0.75]).tolist() == pytest.approx([2.0, 4.0])


def test_retention_economics_payoff_of_raising_retention():
    e = cu.retention_economics(100, 0.80, 0.10, acquisition_cost=250, cost_multiple=5, uplift=0.05)
    assert e["clv"] == pytest.approx(800 / 3)
    assert e["clv_after"] == pytest.approx(100 * 0.85 / 0.25)
    assert e["clv_gain"] == pytest.approx(340 - 800 / 3)
    assert e["clv_gain_pct"] == pytest.approx(100 * (340 - 800 / 3) / (800 / 3))
    assert e["keep_cost"] == pytest.approx(50.0)  # the sources: winning costs ~5x keeping
    assert e["net_clv"] == pytest.approx(800 / 3 - 250)
    assert cu.retention_economics(0, 0.5, 0.1)["clv_gain_pct"] is None


def test_the_sources_figures():
    leave = cu.why_customers_leave()
    assert leave["share"].sum() == pytest.approx(1.0)
    assert leave["share"].to_dict() == LOST_REASONS  # the ledger's generator uses the same figures
    assert leave.loc["staff_indifference", "share"] == 0.68
    assert sum(cu.PROFIT_SHARE_BY_CUSTOMER.values()) == pytest.approx(1.0)
    assert cu.ACQUISITION_COST_MULTIPLE == (4.0, 5.0)
    assert cu.EY_AQF_SATISFACTION_FIRST["Japan"] == 0.95
    assert [b for _, b in cu.BANK_QUALITY_VIEW.values()] == [0.10, 0.20, 0.70]
    assert len(cu.economics_facts()) >= 6


# ----------------------------------------------------------------------------- ledger, retention
def test_ledger_clv_uses_margin_after_cost_to_serve():
    led = pd.DataFrame({"customer_id": ["a", "b"], "segment": ["x", "y"], "gross_margin": [10.0, 4.0],
                        "cost_to_serve": [2.0, 6.0], "status": ["active", "lost"]})
    got = cu.ledger_clv(led, retention={"x": 0.8, "y": 0.5}, discount=0.1)
    assert got.index.tolist() == ["a", "b"]
    assert got["a"] == pytest.approx(8 * 0.8 / 0.3)
    assert got["b"] == pytest.approx(-2 * 0.5 / 0.6)
    same = cu.ledger_clv(led, retention=0.8, discount=0.1)
    assert same["b"] == pytest.approx(-2 * 0.8 / 0.3)


def test_planted_churn_is_recovered_as_retention_by_segment():
    ledger = load("customer_ledger")
    planted = truth()["ledger"]["churn_probability"]
    kept = cu.retention_by_segment(ledger)
    n = ledger["segment"].value_counts()
    for seg, p in planted.items():
        se = math.sqrt(p * (1 - p) / n[seg])
        assert abs((1 - kept[seg]) - p) < 3.5 * se, seg


# ----------------------------------------------------------------------------- classes
def test_class_boundaries_value_on_the_cut_is_low():
    led = pd.DataFrame({"revenue": [5.0, 5.0, 5.000001, 4.999999], "cost_to_serve": [5.0, 5.000001, 5.0, 7.0]})
    got = cu.classify_customers(led, split=(5, 5))
    assert got["customer_class"].tolist() == ["III", "IV", "I", "IV"]
    assert cu.classify_customers(led, split=[5, 5])["customer_class"].tolist() == ["III", "IV", "I", "IV"]
    assert got["class_zh"].tolist()[2] == "高收益、低服务成本"
    assert got.attrs["cuts"] == {"revenue": 5.0, "cost": 5.0}


def test_median_split_halves_an_even_ledger_and_other_splits():
    rng = np.random.default_rng(1)
    led = pd.DataFrame({"revenue": rng.lognormal(size=1000), "cost_to_serve": rng.lognormal(size=1000)})
    got = cu.classify_customers(led)
    assert got["high_revenue"].sum() == 500 and got["high_cost"].sum() == 500
    mean_cut = cu.class_cuts(led, split="mean")
    assert mean_cut == pytest.approx((led["revenue"].mean(), led["cost_to_serve"].mean()))
    q = cu.classify_customers(led, split="quantile", q=0.8)
    assert q["high_revenue"].sum() == 200


def test_customer_classes_table_keeps_the_sources_names_and_moves():
    t = cu.customer_classes()
    assert t.index.tolist() == ["I", "II", "III", "IV"]
    assert t["中文"].tolist() == ["高收益、低服务成本", "高收益、高服务成本", "低收益、低服务成本", "低收益、高服务成本"]
    # chapter 6: II and III move towards I; IV towards II or III
    assert t.loc["II", "move_towards"] == "I" and t.loc["III", "move_towards"] == "I"
    assert t.loc["IV", "move_towards"] == "II or III"


def test_class_summary_shares_add_up():
    ledger = load("customer_ledger")
    s = cu.class_summary(ledger)
    assert s["customers"].sum() == len(ledger)
    assert s[["customer_share", "revenue_share", "cost_share"]].sum().tolist() == pytest.approx([1, 1, 1])
    assert s["net_margin"].sum() == pytest.approx((ledger["gross_margin"] - ledger["cost_to_serve"]).sum())


def test_planted_four_classes_are_recovered_from_the_ledger():
    # datasets/README.md: a median split recovers the latent class counts within 10 %
    ledger = load("customer_ledger")
    planted = truth()["ledger"]["latent_class_counts"]
    got = cu.classify_customers(ledger)["customer_class"].value_counts()
    for k, n in planted.items():
        assert abs(got[k] - n) <= 0.10 * n, (k, got[k], n)
    assert min(got) >= 0.15 * len(ledger)  # every class clearly visible


# ----------------------------------------------------------------------------- concentration
def test_gini_of_known_small_distributions():
    assert cu.gini([3, 3, 3, 3]) == pytest.approx(0.0)
    assert cu.gini([0, 0, 0, 0, 7]) == pytest.approx(4 / 5)  # one customer has all: (n - 1) / n
    assert cu.gini([1, 2, 3, 4, 5]) == pytest.approx(4 / 15)
    assert cu.gini([5, 1, 4, 2, 3]) == pytest.approx(4 / 15)  # order does not matter
    assert cu.gini([2.0]) == pytest.approx(0.0)


@pytest.mark.parametrize(
    "name, draw, expected",
    [
        ("uniform(0,1): G = 1/3", lambda r: r.random(400_000), 1 / 3),
        ("exponential: G = 1/2", lambda r: r.exponential(size=400_000), 1 / 2),
        ("Pareto alpha=3: G = 1/(2 alpha - 1)", lambda r: r.pareto(3.0, size=400_000) + 1, 1 / 5),
        ("lognormal sigma=1: G = 2 Phi(sigma/sqrt 2) - 1", lambda r: r.lognormal(0, 1, 400_000),
         math.erf(0.5)),
    ],
)
def test_gini_of_known_continuous_distributions(name, draw, expected):
    assert cu.gini(draw(np.random.default_rng(7))) == pytest.approx(expected, abs=0.005), name


def test_gini_is_one_minus_twice_the_area_under_the_lorenz_curve():
    x = np.random.default_rng(3).lognormal(size=501)
    lc = cu.lorenz_curve(x)
    area = np.trapezoid(lc["value_share"], lc["customer_share"])
    assert cu.gini(x) == pytest.approx(1 - 2 * area, abs=1e-12)


def test_pareto_shares():
    v = [5, 3, 1, 1]
    assert cu.top_share(v, 0.25) == pytest.approx(0.5)
    assert cu.top_share(v, 0.5) == pytest.approx(0.8)
    assert cu.top_share(v, 0.375) == pytest.approx(0.65)  # halfway through the second customer
    assert cu.top_share(v, [0, 1]).tolist() == [0.0, 1.0]
    assert cu.customers_for_share(v, 0.8) == pytest.approx(0.5)
    assert cu.customers_for_share(v, 0.65) == pytest.approx(0.375)
    pc = cu.pareto_curve(v)
    assert pc["value_share"].tolist() == pytest.approx([0, 0.5, 0.8, 0.9, 1.0])
    lc = cu.lorenz_curve(v)
    assert lc["value_share"].tolist() == pytest.approx([0, 0.1, 0.2, 0.5, 1.0])
    table = cu.pareto_table(v, tops=(0.25, 0.5))
    assert table["value_share"].tolist() == pytest.approx([0.5, 0.8])


def test_ledger_top20_share_matches_the_planted_truth():
    ledger = load("customer_ledger")
    assert cu.top_share(ledger["revenue"], 0.2) == pytest.approx(truth()["ledger"]["top20_revenue_share"], abs=5e-5)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=1e6), min_size=1, max_size=40),
       st.floats(min_value=0.0, max_value=1.0))
def test_customers_for_share_inverts_top_share(values, share):
    x = cu.customers_for_share(values, share)
    assert cu.top_share(values, x) == pytest.approx(share, abs=1e-9)
    assert 0.0 <= cu.gini(values) < 1.0


# ----------------------------------------------------------------------------- plots
def test_plots_return_axes_and_draw_the_content():
    import matplotlib.pyplot as plt

    ledger = load("customer_ledger")
    ax = cu.plot_customer_classes(ledger)
    assert len(ax.collections) == 4  # one scatter per class
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("I 高收益、低服务成本")
    assert ax.get_xscale() == "log"
    fig, ax2 = plt.subplots()
    out = cu.plot_pareto(ledger["revenue"], ax=ax2)
    assert out is ax2
    x, y = out.lines[0].get_data()
    assert len(x) == len(ledger) + 1 and y[-1] == pytest.approx(1.0)
    lz = cu.plot_pareto(ledger["revenue"], kind="lorenz")
    assert "Gini" in lz.get_title()
    plt.close("all")


# ----------------------------------------------------------------------------- bad input
def _ledger():
    return pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "segment": ["a", "a", "b"],
                         "revenue": [10.0, 5.0, 1.0], "gross_margin": [3.0, 1.0, 0.5],
                         "cost_to_serve": [1.0, 2.0, 0.5], "status": ["active", "lost", "active"]})


def _with(col, row, value):
    led = _ledger()
    led[col] = led[col].astype(object) if isinstance(value, str) else led[col]
    led.loc[row, col] = value
    return led


BAD = [
    ("retention 1 (never leave)", lambda: cu.clv(10, 1.0, 0.1), r"retention: 1 is outside \[0, 1\)"),
    ("retention as percent", lambda: cu.clv(10, 80, 0.1), r"write 0\.8 for 80%"),
    ("negative retention", lambda: cu.margin_multiple(-0.1, 0.1), r"retention: -0\.1 is outside"),
    ("discount as percent", lambda: cu.clv(10, 0.8, 12), r"discount: 12 is outside \[0, 1\].*0\.12"),
    ("NaN margin", lambda: cu.clv([1.0, float("nan")], 0.8, 0.1), r"margin: missing or infinite value at position 1"),
    ("text margin", lambda: cu.clv(["5", "lots"], 0.8, 0.1), r"margin: 'lots' \(position 1\) is not a number"),
    ("horizon 0", lambda: cu.clv(10, 0.8, 0.1, horizon=0), r"horizon: 0 is not a whole number"),
    ("horizon 2.5", lambda: cu.clv(10, 0.8, 0.1, horizon=2.5), r"horizon: 2\.5 is not a whole number"),
    ("unknown timing", lambda: cu.clv(10, 0.8, 0.1, timing="middle"), r"timing: 'middle' is not known"),
    ("negative acquisition cost", lambda: cu.clv(10, 0.8, 0.1, acquisition_cost=-5), r"acquisition_cost: -5 is negative"),
    ("shapes differ", lambda: cu.clv([1, 2, 3], [0.5, 0.6], 0.1), r"do not line up"),
    ("uplift past 1", lambda: cu.retention_economics(10, 0.97, 0.1, uplift=0.05), r"uplift: retention 0\.97"),
    ("cost multiple as text", lambda: cu.retention_economics(10, 0.8, 0.1, cost_multiple="five"),
     r"cost_multiple: 'five' \(position 0\) is not a number"),
    ("cost multiple zero", lambda: cu.retention_economics(10, 0.8, 0.1, cost_multiple=0), r"cost_multiple: 0 must be a positive"),
    ("sequence to retention_economics", lambda: cu.retention_economics([10, 20], 0.8, 0.1), r"margin: .*takes one number"),
    ("fixed split of three", lambda: cu.classify_customers(_ledger(), split=(1, 2, 3)), r"split: a fixed split is a pair"),
    ("empty ledger", lambda: cu.classify_customers(_ledger().iloc[:0]), r"ledger: has no rows"),
    ("missing column", lambda: cu.classify_customers(_ledger().drop(columns="cost_to_serve")),
     r"missing column 'cost_to_serve'"),
    ("negative revenue", lambda: cu.classify_customers(_with("revenue", 1, -3.0)),
     r"column 'revenue', row 1 \(customer C2\): -3 is negative"),
    ("NaN cost", lambda: cu.classify_customers(_with("cost_to_serve", 2, np.nan)),
     r"column 'cost_to_serve', row 2 \(customer C3\): missing"),
    ("text revenue", lambda: cu.classify_customers(_with("revenue", 0, "ten")),
     r"column 'revenue', row 0 \(customer C1\): 'ten' is not a number"),
    ("unknown split", lambda: cu.classify_customers(_ledger(), split="kmeans"), r"split: 'kmeans' is not a known split method"),
    ("quantile q 1.5", lambda: cu.classify_customers(_ledger(), split="quantile", q=1.5), r"q: 1\.5 must be strictly between"),
    ("not a DataFrame", lambda: cu.classify_customers([1, 2]), r"expected a DataFrame"),
    ("bad status", lambda: cu.retention_by_segment(_with("status", 0, "gone")), r"'gone' is not 'active' or 'lost'"),
    ("segment without rate", lambda: cu.ledger_clv(_ledger(), retention={"a": 0.8}), r"no rate for segment 'b'"),
    ("negative value in concentration", lambda: cu.gini(pd.Series([3.0, -1.0], name="revenue")),
     r"revenue: row 1 is negative \(-1\)"),
    ("NaN in concentration", lambda: cu.top_share([1.0, np.nan, 2.0]), r"position 1 is missing"),
    ("empty values", lambda: cu.pareto_curve([]), r"is empty"),
    ("all zero", lambda: cu.lorenz_curve([0, 0, 0]), r"all values are zero"),
    ("top as percent", lambda: cu.top_share([1, 2], 20), r"top: 20 is outside \[0, 1\].*0\.2"),
    ("unknown plot kind", lambda: cu.plot_pareto([1, 2], kind="pie"), r"kind: 'pie' is not known"),
]


@pytest.mark.parametrize("label, call, message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_the_problem(label, call, message):
    with pytest.raises(CsatInputError, match=message):
        call()


# ----------------------------------------------------------------------------- observed retention of 1, argument types
def test_observed_retention_of_one_names_the_segment_and_the_way_out():
    with pytest.raises(CsatInputError, match=r"segment 'b' has no lost customer.*only_active=True.*retention=\{'b': 0\.9"):
        cu.ledger_clv(_ledger())  # segment b: one customer, still active


def test_ledger_filtered_to_active_customers_is_refused_with_advice():
    ledger = load("customer_ledger")
    with pytest.raises(CsatInputError, match=r"segment 'dealer', 'household', 'online_store', 'project' has no lost"):
        cu.ledger_clv(ledger[ledger["status"] == "active"])


def test_only_active_values_active_customers_with_rates_from_the_whole_ledger():
    ledger = load("customer_ledger")
    everyone = cu.ledger_clv(ledger, discount=0.1)
    active = cu.ledger_clv(ledger, discount=0.1, only_active=True)
    keep = ledger["customer_id"][ledger["status"] == "active"]
    assert active.index.tolist() == keep.tolist()
    pd.testing.assert_series_equal(active, everyone.loc[keep.to_numpy()])
    rates = cu.retention_by_segment(ledger)
    row = ledger[ledger["status"] == "active"].iloc[0]
    r = rates[row["segment"]]
    assert active[row["customer_id"]] == pytest.approx((row["gross_margin"] - row["cost_to_serve"]) * r / (1.1 - r))


def test_ledger_clv_matches_retention_by_segment_customer_by_customer():
    ledger = load("customer_ledger")
    rates = cu.retention_by_segment(ledger)
    expected = cu.clv((ledger["gross_margin"] - ledger["cost_to_serve"]).to_numpy(),
                      ledger["segment"].map(rates).to_numpy(dtype=float), 0.1)
    np.testing.assert_allclose(cu.ledger_clv(ledger, discount=0.1).to_numpy(), expected, rtol=1e-12)


def test_class_summary_counts_and_sums_match_a_plain_groupby():
    ledger = load("customer_ledger")
    s = cu.class_summary(ledger)
    cl = cu.classify_customers(ledger)
    by = cl.groupby("customer_class", observed=False)
    assert s["customers"].tolist() == by.size().tolist()
    np.testing.assert_allclose(s["net_margin"], by["gross_margin"].sum() - by["cost_to_serve"].sum())
    assert cl["class_zh"].tolist() == cu.customer_classes().loc[cl["customer_class"].astype(str), "中文"].tolist()


def _blank_cost():
    led = _ledger()
    led["cost_to_serve"] = np.nan
    return led


BAD_ARGS = [
    ("rate of 1 for a segment", lambda: cu.ledger_clv(_ledger(), retention={"a": 0.8, "b": 1.0}),
     r"retention for segment 'b': 1 is outside \[0, 1\)"),
    ("missing segment", lambda: cu.ledger_clv(_with("segment", 1, np.nan), retention={"a": 0.8, "b": 0.7}),
     r"column 'segment', row 1 \(customer C2\): the segment is missing"),
    ("only_active without status", lambda: cu.ledger_clv(_ledger().drop(columns="status"), retention=0.8, only_active=True),
     r"missing column 'status', needed for only_active=True"),
    ("only_active not a bool", lambda: cu.ledger_clv(_ledger(), retention=0.8, only_active="yes"), r"only_active: must be True or False"),
    ("missing status value", lambda: cu.retention_by_segment(_with("status", 2, np.nan)), r"row 2 \(customer C3\): nan is not 'active'"),
    ("q as a list", lambda: cu.class_cuts(_ledger(), split="quantile", q=[0.2, 0.8]), r"q: one quantile between 0 and 1"),
    ("q as text", lambda: cu.classify_customers(_ledger(), split="quantile", q="0.5"), r"q: one quantile"),
    ("cuts as one number", lambda: cu.plot_customer_classes(_ledger(), cuts=5), r"cuts: a pair \(revenue_cut, cost_cut\)"),
    ("cuts of three", lambda: cu.plot_customer_classes(_ledger(), cuts=(1, 2, 3)), r"cuts: a pair"),
    ("cuts as text", lambda: cu.plot_customer_classes(_ledger(), cuts=("a", "b")), r"split: 'a' \(position 0\) is not a number"),
    # report8 item 4: an all-blank cost column and an all-zero revenue column
    ("blank cost column", lambda: cu.class_summary(_blank_cost()), r"column 'cost_to_serve' is blank for all 3 customers"),
    ("blank cost dropped", lambda: cu.class_summary(_blank_cost().dropna(subset=["cost_to_serve"])),
     r"has no rows; at least one customer with 'revenue' and 'cost_to_serve'.*blank"),
    ("zero revenue", lambda: cu.top_share(pd.Series([0.0, 0.0], name="revenue")),
     r"revenue: all values are zero \(all 2 customers\).*Gini"),
    ("expected lifetime of 1", lambda: cu.expected_lifetime(1.0), r"retention: 1 is outside \[0, 1\)"),
    ("share as percent", lambda: cu.customers_for_share([1, 2], 80), r"share: 80 is outside \[0, 1\].*0\.8"),
    ("tops negative", lambda: cu.pareto_table([1, 2], tops=[0.1, -0.2]), r"tops: -0\.2 is outside"),
]


@pytest.mark.parametrize("label, call, message", BAD_ARGS, ids=[b[0] for b in BAD_ARGS])
def test_more_bad_input_names_the_problem(label, call, message):
    with pytest.raises(CsatInputError, match=message):
        call()
