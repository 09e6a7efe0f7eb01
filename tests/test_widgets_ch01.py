"""Chapter 1 widgets, headless: the plain update functions and the factories' wiring."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from csat_helpers import CsatInputError  # noqa: E402
from csat_helpers import customers as cu  # noqa: E402
from csat_helpers.datasets import load  # noqa: E402
from csat_helpers.widgets import ch01 as w  # noqa: E402


@pytest.fixture(scope="module")
def ledger():
    return load("customer_ledger")


def test_clv_view_matches_the_module_and_gupta_lehmann():
    v = w.clv_view(margin=10, retention=0.8, discount=0.1, acquisition_cost=20, uplift=0.05, horizon=0)
    assert v["clv"] == pytest.approx(10 * 0.8 / 0.3)  # Gupta & Lehmann 2003: margin x r / (1 + i - r)
    assert v["clv_after"] == pytest.approx(10 * 0.85 / 0.25)
    assert v["net_clv"] == pytest.approx(10 * 0.8 / 0.3 - 20)
    assert v["keep_cost"] == pytest.approx(4.0)  # winning costs 5x keeping (the sources)
    curve = v["curve"]
    assert list(curve.columns) == ["retention", "clv"]
    assert curve["clv"].is_monotonic_increasing
    k = int(np.argmin(np.abs(curve["retention"] - 0.8)))
    assert curve["clv"].iloc[k] == pytest.approx(v["clv"])
    finite = w.clv_view(10, 0.8, 0.1, 20, 0.05, horizon=5)
    assert finite["horizon"] == 5 and finite["clv"] == pytest.approx(cu.clv(10, 0.8, 0.1, horizon=5))


def test_describe_clv_shows_the_figures():
    html = w.describe_clv(w.clv_view(10, 0.8, 0.1, 20, 0.05))
    assert "26.67" in html and "34.00" in html and "unlimited" in html


def test_clv_view_rejects_bad_values():
    with pytest.raises(CsatInputError, match="uplift"):
        w.clv_view(10, 0.95, 0.1, 20, 0.10)
    with pytest.raises(CsatInputError, match="discount"):
        w.clv_view(10, 0.8, 5, 20, 0.05)


def test_class_view_uses_company_cuts_for_a_segment(ledger):
    whole = w.class_view(ledger)
    dealer = w.class_view(ledger, "dealer")
    assert dealer["cuts"] == whole["cuts"] == cu.class_cuts(ledger)
    assert (dealer["customers"]["segment"] == "dealer").all()
    s = dealer["summary"]
    assert s["customers"].sum() == (ledger["segment"] == "dealer").sum()
    # dealers are big accounts: none of them is in the low-revenue classes of the company split
    assert s.loc[["III", "IV"], "customers"].sum() == 0
    mean = w.class_view(ledger, split="mean")
    assert mean["cuts"] == pytest.approx((ledger["revenue"].mean(), ledger["cost_to_serve"].mean()))


def test_class_view_names_an_unknown_segment(ledger):
    with pytest.raises(CsatInputError, match="segment: 'retail' is not in the ledger"):
        w.class_view(ledger, "retail")


def test_pareto_view_on_the_ledger(ledger):
    v = w.pareto_view(ledger["revenue"], top=0.2, share=0.8)
    assert v["top_share"] == pytest.approx(cu.top_share(ledger["revenue"], 0.2))
    assert v["customers_for_share"] == pytest.approx(cu.customers_for_share(ledger["revenue"], 0.8))
    assert v["gini"] == pytest.approx(cu.gini(ledger["revenue"]))
    assert len(v["curve"]) == len(ledger) + 1
    text = w.describe_pareto(v)
    assert text.startswith("2000 customers: the top 20% bring")


@pytest.mark.parametrize(
    "values, top, share, needle",
    [
        ([5, 3, 1], "x", 0.8, "top: one fraction between 0 and 1 is expected, got 'x'"),
        ([5, 3, 1], [0.1, 0.2], 0.8, "top: one fraction"),
        ([5, 3, 1], 0.2, None, "share: one fraction"),
        ([5, 3, 1], 20, 0.8, r"top: 20 is outside \[0, 1\]"),
        ([5, "a", 1], 0.2, 0.8, r"'a' \(position 1\) is not a number"),
        (7, 0.2, 0.8, "1-D"),
        ([0, 0], 0.2, 0.8, "all values are zero"),
    ],
)
def test_pareto_view_names_bad_input(values, top, share, needle):
    with pytest.raises(CsatInputError, match=needle):
        w.pareto_view(values, top, share)


def test_factories_build_and_react(ledger):
    calc = w.clv_calculator()
    names = [c.description for c in calc.children[:-1]]
    assert names[:3] == ["margin / period", "retention", "discount rate"]
    calc.children[1].value = 0.9  # observers fire synchronously outside a kernel
    classes = w.class_explorer(ledger)
    classes.children[0].value = "project"
    pareto = w.pareto_explorer(ledger)
    pareto.children[2].value = 0.3
    pareto.children[3].value = "lorenz"
    import matplotlib.pyplot as plt

    plt.close("all")


def test_small_ledger_without_segments_is_fine():
    led = pd.DataFrame({"revenue": [10.0, 1.0], "cost_to_serve": [1.0, 2.0]})
    v = w.class_view(led)
    assert v["summary"]["customers"].tolist() == [1, 0, 0, 1]
    with pytest.raises(CsatInputError, match="needs a 'segment' column"):
        w.class_view(led, "dealer")
