"""Speed of csat_helpers.survey (1,000,000 respondents x 30 items; goal: well under 1 s each) and
csat_helpers.ipa (quadrant_confidence, 1,000 resamples at n = 1,000; goal: about 1 s).

Run from the repository root: ``python benchmarks/bench_survey_ipa.py``. Prints the best of three runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import best_of  # noqa: E402

from csat_helpers import ipa, survey  # noqa: E402

N, K = 1_000_000, 30


def main() -> None:
    rng = np.random.default_rng(2024)
    x = rng.integers(1, 6, size=(N, K)).astype(float)
    x[rng.random((N, K)) < 0.03] = np.nan  # 3 % missing answers
    items = pd.DataFrame(x, columns=[f"q{j:02d}" for j in range(K)])
    overall = pd.Series(np.nan_to_num(x[:, :5], nan=3.0).mean(axis=1) + rng.normal(0, 0.5, N))
    segment = rng.choice(["household", "dealer", "project", "online_store"], N)
    weights = rng.random(N) + 0.5
    cases = [
        ("item_table", lambda: survey.item_table(items)),
        ("item_table weighted", lambda: survey.item_table(items, weights=weights)),
        ("level_shares", lambda: survey.level_shares(items)),
        ("level_shares weighted", lambda: survey.level_shares(items, weights=weights)),
        ("mean_ci", lambda: survey.mean_ci(items)),
        ("mean_ci weighted", lambda: survey.mean_ci(items, weights=weights)),
        ("share_ci (top-2-box)", lambda: survey.share_ci(items, 4)),
        ("share_ci weighted", lambda: survey.share_ci(items, 4, weights=weights)),
        ("cronbach_alpha", lambda: survey.cronbach_alpha(items)),
        ("cronbach_alpha weighted", lambda: survey.cronbach_alpha(items, weights=weights)),
        ("alpha_if_deleted", lambda: survey.alpha_if_deleted(items)),
        ("by_segment (4 segments)", lambda: survey.by_segment(items, segment)),
        ("by_segment weighted", lambda: survey.by_segment(items, segment, weights=weights)),
        ("regress (OLS)", lambda: survey.regress(items, overall)),
        ("regress weighted (WLS)", lambda: survey.regress(items, overall, weights=weights)),
        ("correlation_table pearson", lambda: survey.correlation_table(items)),
        ("correlation_table pearson weighted", lambda: survey.correlation_table(items, weights=weights)),
        ("correlation_table pearson pairwise", lambda: survey.correlation_table(items, missing="pairwise")),
        ("correlation_table spearman", lambda: survey.correlation_table(items, method="spearman")),
        ("correlation_table spearman pairwise",
         lambda: survey.correlation_table(items, method="spearman", missing="pairwise")),
    ]
    for name, fn in cases:
        print(f"survey.{name} 1e6x30: {best_of(fn):.2f} s")

    n, k = 1000, 10
    perf = pd.DataFrame(rng.integers(1, 6, (n, k)).astype(float), columns=[f"a{j}" for j in range(k)])
    imp = pd.DataFrame(rng.integers(1, 6, (n, k)).astype(float), columns=perf.columns)
    y = perf.mean(axis=1) + rng.normal(0, 0.5, n)
    t = best_of(lambda: ipa.quadrant_confidence(perf, imp, n_boot=1000, seed=1))
    print(f"ipa.quadrant_confidence stated, n=1000, 1000 resamples: {t:.2f} s")
    t = best_of(lambda: ipa.quadrant_confidence(perf, overall=y, importance="pearson", n_boot=1000, seed=1))
    print(f"ipa.quadrant_confidence derived pearson, n=1000, 1000 resamples: {t:.2f} s")
    for method in ("beta", "spearman", "ln_partial"):
        t = best_of(lambda m=method: ipa.quadrant_confidence(perf, overall=y, importance=m, n_boot=1000, seed=1), 1)
        print(f"ipa.quadrant_confidence derived {method} (loop), n=1000, 1000 resamples: {t:.2f} s")
    t = best_of(lambda: ipa.quadrant_confidence(perf, imp, crosshair="scale_midpoint", scale=(1, 5), method="ci"))
    print(f"ipa.quadrant_confidence method='ci', n=1000: {t:.3f} s")
    big = pd.DataFrame(rng.integers(1, 6, (100_000, k)).astype(float), columns=perf.columns)
    t = best_of(lambda: ipa.prca(big, big.mean(axis=1) + rng.normal(0, 0.5, 100_000), 2, 4))
    print(f"ipa.prca n=100000, k=10: {t:.2f} s")

    # chapter 3 widget update functions (goal: well under 100 ms each)
    from csat_helpers.widgets import ch03 as w

    w.quadrant_view()  # load the data once
    for name, fn in [
        ("quadrant_view", lambda: w.quadrant_view("dealer", "data_median")),
        ("quadrant_view derived", lambda: w.quadrant_view(importance="beta")),
        ("importance_view", lambda: w.importance_view("spearman")),
        ("asymmetry_view", lambda: w.asymmetry_view(2, 4, "household")),
        ("sample_size_view", lambda: w.sample_size_view(0.04, 0.99, 0.3, 5000)),
    ]:
        print(f"widget {name}: {1000 * best_of(fn, 5):.1f} ms")


if __name__ == "__main__":
    main()
