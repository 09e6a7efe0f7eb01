"""Speed of csat_helpers.pls / csi against Python plspm 0.5.7 (spec csi.md §12).

Run from the repository root:  python benchmarks/bench_pls_csi.py

Python plspm needs pandas < 3, so it lives in its own virtual environment; point
``PLSPM_PYTHON`` at that environment's interpreter (e.g.
``PLSPM_PYTHON=/path/to/plspmenv/bin/python``) and it is timed side by side in a subprocess.
Without it a note is printed instead. The peer is run with ``scaled=False`` (its correct
setting, spec §10), so both compute the same centroid Mode A fit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import best_of  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from csat_helpers import csi, pls  # noqa: E402
from csat_helpers.datasets import load, path_of  # noqa: E402
from csat_helpers.widgets import ch05  # noqa: E402

PEER_SCRIPT = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
import pandas as pd
import plspm.config as c
from plspm.plspm import Plspm
from plspm.mode import Mode
from plspm.scheme import Scheme

path, n_big, n_boot = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = pd.read_csv(path).drop(columns="gender")
s = c.Structure()
s.add_path(["IMAG"], ["EXPE", "SAT", "LOY"])
s.add_path(["EXPE"], ["QUAL", "VAL", "SAT"])
s.add_path(["QUAL"], ["VAL", "SAT"])
s.add_path(["VAL"], ["SAT"])
s.add_path(["SAT"], ["LOY"])
P = s.path()

def config(df):
    cfg = c.Config(P, scaled=False)
    for lv in ["IMAG", "EXPE", "QUAL", "VAL", "SAT", "LOY"]:
        cfg.add_lv_with_columns_named(lv, Mode.A, df, lv.lower())
    return cfg

out = {}
Plspm(data, config(data), Scheme.CENTROID)
t = time.perf_counter()
for _ in range(5):
    Plspm(data, config(data), Scheme.CENTROID)
out["fit_250"] = (time.perf_counter() - t) / 5
big = data.sample(n_big, replace=True, random_state=1).reset_index(drop=True)
t = time.perf_counter()
Plspm(big, config(big), Scheme.CENTROID)
out["fit_big"] = time.perf_counter() - t
t = time.perf_counter()
Plspm(data, config(data), Scheme.CENTROID, bootstrap=True, bootstrap_iterations=n_boot, processes=1)
out["boot_per_resample"] = (time.perf_counter() - t) / n_boot
print(json.dumps(out))
"""


def main() -> None:
    sat = load("satisfaction")
    model = pls.ECSI_SATISFACTION
    n_big = 100_000
    big = sat.sample(n_big, replace=True, random_state=1).reset_index(drop=True)

    ours = {
        "fit_250": best_of(lambda: pls.fit(model, sat, standardize=False), 20),
        "fit_big": best_of(lambda: pls.fit(model, big, standardize=False), 3),
        "boot_1000": best_of(lambda: pls.bootstrap(model, sat, n_boot=1000, seed=1), 2),
    }
    res = pls.fit(model, sat)
    ours["index"] = best_of(lambda: csi.acsi_index(res, sat, (0, 10)), 20)
    ch05._CACHE.clear()
    ours["widget_cold"] = best_of(lambda: (ch05._CACHE.clear(), ch05.path_model_view("ECSI on mobi", "path")), 3)
    ours["widget_index"] = best_of(lambda: ch05.index_view("ECSI on mobi", "Satisfaction", "equal", 8), 10)
    rng = np.random.default_rng(0)
    ind = pd.Series(rng.uniform(60, 85, 10_000))
    sales = pd.Series(rng.uniform(1, 100, 10_000))
    ours["aggregate_1e4"] = best_of(lambda: csi.aggregate_index(ind, sales, by=ind.index % 43), 5)

    print("csat_helpers (numpy, covariance form), 27-item ECSI on satisfaction.csv, centroid:")
    print(f"  fit n=250:                  {ours['fit_250'] * 1e3:8.2f} ms")
    print(f"  fit n={n_big:,}:            {ours['fit_big']:8.3f} s")
    print(f"  bootstrap 1,000 x n=250:    {ours['boot_1000']:8.3f} s")
    print(f"  0-100 index (6 constructs): {ours['index'] * 1e3:8.2f} ms")
    print(f"  widget path_model_view:     {ours['widget_cold'] * 1e3:8.2f} ms (fit included)")
    print(f"  widget index_view:          {ours['widget_index'] * 1e3:8.2f} ms")
    print(f"  aggregate 10,000 -> 43:     {ours['aggregate_1e4'] * 1e3:8.2f} ms")

    peer = os.environ.get("PLSPM_PYTHON")
    if not peer or not Path(peer).exists():
        print("\nPython plspm 0.5.7: not timed (set PLSPM_PYTHON to the python of a venv with plspm==0.5.7 "
              "and pandas<3 to compare side by side)")
        return
    n_boot_peer = 10
    try:
        done = subprocess.run([peer, "-c", PEER_SCRIPT, str(path_of("satisfaction")), str(n_big), str(n_boot_peer)],
                              capture_output=True, text=True, timeout=300, check=True)
        theirs = json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        print(f"\nPython plspm 0.5.7: failed to run ({exc.__class__.__name__}); not timed")
        return
    boot_peer = theirs["boot_per_resample"] * 1000
    print(f"\nPython plspm 0.5.7 (its own venv, scaled=False), same data, same run:")
    print(f"  fit n=250:                  {theirs['fit_250'] * 1e3:8.2f} ms   ratio {theirs['fit_250'] / ours['fit_250']:7.1f}x")
    print(f"  fit n={n_big:,}:            {theirs['fit_big']:8.3f} s    ratio {theirs['fit_big'] / ours['fit_big']:7.1f}x")
    print(f"  bootstrap 1,000 x n=250:    {boot_peer:8.1f} s    ratio {boot_peer / ours['boot_1000']:7.1f}x"
          f"   (extrapolated from {n_boot_peer} resamples)")


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        main()
