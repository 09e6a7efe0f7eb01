"""Speed of csat_helpers.customers at a million customers (and the Chapter 0 and 1 widget updates).

Run from the repository root: ``python benchmarks/bench_customers.py``. Prints one line per
function: best of three wall-clock times.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import best_of  # noqa: E402

from csat_helpers import customers as cu  # noqa: E402
from csat_helpers.datasets import load  # noqa: E402
from csat_helpers.widgets import ch00 as w0  # noqa: E402
from csat_helpers.widgets import ch01 as w  # noqa: E402

N = 1_000_000


def main() -> None:
    rng = np.random.default_rng(2024)
    segments = np.array(["household", "dealer", "project", "online_store"])
    ledger = pd.DataFrame(
        {
            "customer_id": np.char.add("C", np.arange(N).astype(str)),
            "segment": segments[rng.integers(0, 4, N)],
            "revenue": rng.lognormal(2.5, 1.2, N),
            "gross_margin": rng.lognormal(1.0, 1.0, N),
            "cost_to_serve": rng.lognormal(0.8, 0.9, N),
            "status": np.where(rng.random(N) < 0.15, "lost", "active"),
        }
    )
    margin = (ledger["gross_margin"] - ledger["cost_to_serve"]).to_numpy()
    retention = rng.uniform(0.5, 0.95, N)
    revenue = ledger["revenue"]
    rates = {"household": 0.85, "dealer": 0.8, "project": 0.7, "online_store": 0.6}
    no_margin = ledger.drop(columns="gross_margin")
    print("string columns:", {c: str(t) for c, t in ledger.dtypes.items() if not pd.api.types.is_numeric_dtype(t)})
    cases = {
        "clv closed form 1e6": lambda: cu.clv(margin, retention, 0.1),
        "clv horizon 10 1e6": lambda: cu.clv(margin, retention, 0.1, horizon=10),
        "retention_by_segment 1e6": lambda: cu.retention_by_segment(ledger),
        "ledger_clv observed 1e6": lambda: cu.ledger_clv(ledger, retention="observed", discount=0.1),
        "ledger_clv observed, only_active 1e6": lambda: cu.ledger_clv(ledger, discount=0.1, only_active=True),
        "ledger_clv rate per segment 1e6": lambda: cu.ledger_clv(ledger, retention=rates, discount=0.1),
        "classify_customers 1e6": lambda: cu.classify_customers(ledger),
        "classify_customers quantile 0.8 1e6": lambda: cu.classify_customers(ledger, split="quantile", q=0.8),
        "class_summary 1e6": lambda: cu.class_summary(ledger),
        "class_summary without gross_margin 1e6": lambda: cu.class_summary(no_margin),
        "gini 1e6": lambda: cu.gini(revenue),
        "top_share 1e6": lambda: cu.top_share(revenue, 0.2),
        "customers_for_share 1e6": lambda: cu.customers_for_share(revenue, 0.8),
        "pareto_curve 1e6": lambda: cu.pareto_curve(revenue),
        "lorenz_curve 1e6": lambda: cu.lorenz_curve(revenue),
    }
    for name, fn in cases.items():
        print(f"{name}: {best_of(fn):.3f} s")

    small = load("customer_ledger")
    widget_updates = {
        "widget clv_view": lambda: w.clv_view(10, 0.8, 0.1, 20, 0.05, 0),
        "widget class_view (2000 customers)": lambda: w.class_view(small, "dealer"),
        "widget pareto_view (2000 customers)": lambda: w.pareto_view(small["revenue"], 0.2),
        "widget ch00 share_at_or_above (20 ratings)": lambda: w0.describe(w0.share_at_or_above(w0.DEMO_RATINGS, 3.2)),
    }
    for name, fn in widget_updates.items():
        print(f"{name}: {1000 * best_of(fn, 5):.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
