"""Speed of csat_helpers.pls / csi against Python plspm 0.5.7 (spec csi.md §12).

Run from the repository root:  python benchmarks/bench_pls_csi.py [--no-peer]

Python plspm needs pandas < 3, so it runs in its own virtual environment, in a subprocess, in the
same run. The interpreter is ``PLSPM_PYTHON`` if set; otherwise the script builds (once, on
demand) ``benchmarks/.peers/plspm-0.5.7/`` with ``python -m venv`` and pip (``plspm==0.5.7``,
``pandas<3``); that directory is git-ignored. The peer must report version 0.5.7 or nothing is
compared. Both sides fit centred, unscaled items (peer ``scaled=False``, its correct setting,
spec §10; ours ``standardize=False``), centroid scheme, Mode A, so they do the same work.

The peer's bootstrap has a fixed start-up cost (a worker process, a 1-s polling loop), so it is
timed at two resample counts, after a warm-up run: per resample = (t_big − t_small)/(big − small), fixed = t_small − small ×
per resample, and 1,000 resamples = fixed + 1,000 × per resample. Ours is timed the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import venv
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _timing import best_of  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from csat_helpers import csi, pls  # noqa: E402
from csat_helpers.datasets import load, path_of  # noqa: E402
from csat_helpers.widgets import ch05  # noqa: E402

PEER_VERSION = "0.5.7"
PEER_DIR = Path(__file__).resolve().parent / ".peers" / f"plspm-{PEER_VERSION}"
PEER_REQUIREMENTS = [f"plspm=={PEER_VERSION}", "pandas<3"]
# Two resample counts, both large enough to be linear: with very few resamples the peer's run time is
# dominated by a stall in its result-queue polling (5 resamples took 18 s, 20 took 5 s on our machine).
PEER_BOOTS = (20, 60)

PEER_SCRIPT = r"""
import importlib.metadata, json, sys, time, warnings
warnings.simplefilter("ignore")
import pandas as pd
import plspm.config as c
from plspm.plspm import Plspm
from plspm.mode import Mode
from plspm.scheme import Scheme

path, n_big = sys.argv[1], int(sys.argv[2])
boots = [int(b) for b in sys.argv[3].split(",")]
data = pd.read_csv(path, index_col=0).drop(columns="gender")
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

out = {"version": importlib.metadata.version("plspm"), "pandas": pd.__version__}
Plspm(data, config(data), Scheme.CENTROID)
t = time.perf_counter()
for _ in range(5):
    Plspm(data, config(data), Scheme.CENTROID)
out["fit_250"] = (time.perf_counter() - t) / 5
big = data.sample(n_big, replace=True, random_state=1).reset_index(drop=True)
t = time.perf_counter()
Plspm(big, config(big), Scheme.CENTROID)
out["fit_big"] = time.perf_counter() - t
out["boot"] = {}
# warm-up: the first bootstrap also pays one-time costs (imports, first pool start) that are not per run
Plspm(data, config(data), Scheme.CENTROID, bootstrap=True, bootstrap_iterations=boots[0], processes=1)
for b in boots:
    t = time.perf_counter()
    Plspm(data, config(data), Scheme.CENTROID, bootstrap=True, bootstrap_iterations=b, processes=1)
    out["boot"][str(b)] = time.perf_counter() - t
print(json.dumps(out))
"""


def peer_python(build: bool) -> Path | None:
    """The plspm 0.5.7 interpreter: ``PLSPM_PYTHON``, else the cached venv, built on demand."""
    given = os.environ.get("PLSPM_PYTHON")
    if given:
        return Path(given) if Path(given).exists() else None
    python = PEER_DIR / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists() and build:
        print(f"building the peer environment {PEER_DIR} ({', '.join(PEER_REQUIREMENTS)}) ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(PEER_DIR)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PEER_REQUIREMENTS], check=True, timeout=1200)
    return python if python.exists() else None


def fixed_and_per_resample(times: dict[int, float]) -> tuple[float, float]:
    """Split bootstrap times at two resample counts into fixed cost and cost per resample."""
    (b1, t1), (b2, t2) = sorted(times.items())
    per = (t2 - t1) / (b2 - b1)
    return max(t1 - b1 * per, 0.0), per


def main(run_peer: bool = True) -> None:
    sat = load("satisfaction")
    model = pls.ECSI_SATISFACTION
    n_big = 100_000
    big = sat.sample(n_big, replace=True, random_state=1).reset_index(drop=True)

    # centred, unscaled items on both sides (the peer's scaled=False)
    ours = {
        "fit_250": best_of(lambda: pls.fit(model, sat, standardize=False), 20),
        "fit_big": best_of(lambda: pls.fit(model, big, standardize=False), 3),
        "boot_1000": best_of(lambda: pls.bootstrap(model, sat, n_boot=1000, seed=1, standardize=False), 2),
        "boot_100": best_of(lambda: pls.bootstrap(model, sat, n_boot=100, seed=1, standardize=False), 3),
    }
    ours_fixed, ours_per = fixed_and_per_resample({100: ours["boot_100"], 1000: ours["boot_1000"]})
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
    print(f"  bootstrap 1,000 x n=250:    {ours['boot_1000']:8.3f} s"
          f"   (fixed {ours_fixed * 1e3:.1f} ms + {ours_per * 1e3:.3f} ms per resample, from 100 and 1,000)")
    print(f"  0-100 index (6 constructs): {ours['index'] * 1e3:8.2f} ms")
    print(f"  widget path_model_view:     {ours['widget_cold'] * 1e3:8.2f} ms (fit included)")
    print(f"  widget index_view:          {ours['widget_index'] * 1e3:8.2f} ms")
    print(f"  aggregate 10,000 -> 43:     {ours['aggregate_1e4'] * 1e3:8.2f} ms")

    if not run_peer:
        print("\nPython plspm 0.5.7: not timed (--no-peer)")
        return
    try:
        peer = peer_python(build=True)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"\nPython plspm {PEER_VERSION}: could not build its environment ({exc}); not timed")
        return
    if peer is None:
        print(f"\nPython plspm {PEER_VERSION}: PLSPM_PYTHON does not exist; not timed")
        return
    try:
        done = subprocess.run([str(peer), "-c", PEER_SCRIPT, str(path_of("satisfaction")), str(n_big),
                               ",".join(map(str, PEER_BOOTS))], capture_output=True, text=True, timeout=1800, check=True)
        theirs = json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        print(f"\nPython plspm {PEER_VERSION}: failed to run ({exc.__class__.__name__}); not timed")
        return
    if theirs["version"] != PEER_VERSION:
        raise SystemExit(f"peer is plspm {theirs['version']}, not {PEER_VERSION}: refusing to compare ({peer})")
    fixed, per = fixed_and_per_resample({int(b): t for b, t in theirs["boot"].items()})
    boot_peer = fixed + 1000 * per
    if per <= 0:
        print(f"\nPython plspm: bootstrap times {theirs['boot']} s do not grow with the resample count "
              "(machine too loaded to separate start-up from per-resample cost); bootstrap ratio not reported")
    print(f"\nPython plspm {theirs['version']} (pandas {theirs['pandas']}, {peer}), scaled=False, same data, same run:")
    print(f"  fit n=250:                  {theirs['fit_250'] * 1e3:8.2f} ms   ratio {theirs['fit_250'] / ours['fit_250']:7.1f}x")
    print(f"  fit n={n_big:,}:            {theirs['fit_big']:8.3f} s    ratio {theirs['fit_big'] / ours['fit_big']:7.1f}x")
    if per > 0:
        print(f"  bootstrap per resample:     {per * 1e3:8.1f} ms   ratio {per / ours_per:7.1f}x"
              f"   (from {PEER_BOOTS[0]} and {PEER_BOOTS[1]} resamples; fixed start-up {fixed:.1f} s)")
        print(f"  bootstrap 1,000 x n=250:    {boot_peer:8.1f} s    ratio {boot_peer / ours['boot_1000']:7.1f}x"
              f"   (fixed + 1,000 x per resample)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peer", action="store_true", help="skip Python plspm 0.5.7 (no venv is built)")
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        main(run_peer=not args.no_peer)
