"""Speed of csat_helpers.kano on 1,000,000 respondents x 20 attributes (spec goal: under 0.5 s).

Run from the repository root: ``python benchmarks/bench_kano.py``. Prints the best of three runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import best_of  # noqa: E402

from csat_helpers import kano  # noqa: E402

N, K = 1_000_000, 20


def main() -> None:
    rng = np.random.default_rng(2024)
    f = rng.integers(1, 6, size=(N, K))  # numpy int64, as np.random and most arrays give them
    d = rng.integers(1, 6, size=(N, K))
    cols = [f"attr_{j:02d}" for j in range(K)]
    F = pd.DataFrame(f.astype(np.int8), columns=cols)
    D = pd.DataFrame(d.astype(np.int8), columns=cols)
    Ff = F.astype(float)
    Ff.iloc[::50, :] = np.nan  # 2% missing answers, as float columns from a CSV
    cases = [
        ("classify", "ndarray int64 -> '<U1'", lambda: kano.classify(f, d)),
        ("classify", "DataFrame int8 -> StringDtype", lambda: kano.classify(F, D)),
        ("classify", "DataFrame float, 2% missing", lambda: kano.classify(Ff, D)),
        ("evaluate", "ndarray int64", lambda: kano.evaluate(f, d)),
        ("evaluate", "DataFrame int8", lambda: kano.evaluate(F, D)),
        ("evaluate", "DataFrame float, 2% missing", lambda: kano.evaluate(Ff, D)),
        ("tabulate", "DataFrame int8, 4 groups", lambda: kano.tabulate(F, D, groups=pd.Series(rng.integers(0, 4, N)))),
    ]
    for function, inputs, run in cases:
        print(f"{function} 1e6x20 ({inputs}): {best_of(run):.2f} s")

    # chapter 2 widget update functions (goal: well under 100 ms each)
    from csat_helpers.datasets import load
    from csat_helpers.widgets import ch02 as w

    survey = load("company_survey")
    ms = 1000 * best_of(lambda: w.better_worse_view(survey, "household", "product", "mean"), 5)
    print(f"widget better_worse_view (800 respondents): {ms:.0f} ms")
    ms = 1000 * best_of(lambda: w.kano_curves_view(0.3, 0.2, -0.4, 0.0, 0.1), 5)
    print(f"widget kano_curves_view: {ms:.1f} ms")
    ms = 1000 * best_of(lambda: w.classify_view(4, 5), 5)
    print(f"widget classify_view: {ms:.1f} ms")


if __name__ == "__main__":
    main()
