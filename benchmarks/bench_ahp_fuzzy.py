"""Speed of csat_helpers.ahp and csat_helpers.fuzzy, with AHPy timed side by side on the same matrices.

Run from the repository root::

    python benchmarks/bench_ahp_fuzzy.py

The peer (AHPy 2.1) is never installed into the course environment; it lives in its
own venv. The script looks for it in this order:

1. ``CSAT_PEER_PYTHON``: the interpreter of any venv that has ``ahpy``;
2. ``benchmarks/.peers/ahpy/bin/python`` (git-ignored), which
   ``python benchmarks/bench_ahp_fuzzy.py --build-peer`` creates on demand with
   ``pip install ahpy==2.1`` (the only network step, and only when asked);
3. ``import ahpy`` in the current interpreter (e.g. ``PYTHONPATH=<pip --target dir>``).

Without any of them it prints a note and skips the peer column. Both sides
compute the weights and CR of the same matrices with the same RI table, and the
script stops with an AssertionError if they disagree by more than
``PEER_ATOL`` (AHPy rounds to 6 decimals) before it prints the times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HOUSE = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4], [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7], [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8], [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6], [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2], [4, 7, 5, 8, 6, 6, 2, 1],
]
DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2], [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9], [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3], [1, 9, 4, 2, 1, 2, 1 / 2], [1, 9, 3, 1, 1 / 2, 1, 1 / 3], [2, 9, 9, 3, 2, 3, 1],
]
INCOMPLETE = [[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, None], [1 / 2, 1 / 4, None, 1]]

PEER_VERSION = "2.1"
PEER_DIR = Path(__file__).resolve().parent / ".peers" / "ahpy"
#: AHPy is run with precision=6, so its weights and CR are rounded to 5e-7; allow a little more
PEER_ATOL = 2e-6
#: membership_matrix goal for 10^6 respondents x 30 items (issue 6): well under a second
MEMBERSHIP_GOAL_S = 1.0


def peer_results(mats: dict) -> dict:
    """AHPy on {name: matrix} (None = missing pair): seconds per Compare, weights, CR (RI 'saaty')."""
    import ahpy

    out: dict = {"version": getattr(ahpy, "__version__", "")}
    for name, m in mats.items():
        n = len(m)
        labels = [f"c{i}" for i in range(n)]
        comps = {(labels[i], labels[j]): m[i][j] for i in range(n) for j in range(i + 1, n) if m[i][j] is not None}
        c = ahpy.Compare(name, comps, precision=6, random_index="saaty")
        reps = 200
        t0 = time.perf_counter()
        for _ in range(reps):
            ahpy.Compare(name, comps, precision=6, random_index="saaty")
        w = c.local_weights
        out[name] = {"seconds": (time.perf_counter() - t0) / reps, "weights": [w[k] for k in labels],
                     "cr": c.consistency_ratio}
    return out


def timed(fn, reps: int = 1) -> float:
    """Best of three runs of ``reps`` calls, seconds per call."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        best = min(best, (time.perf_counter() - t0) / reps)
    return best


def build_peer() -> Path:
    """Create benchmarks/.peers/ahpy (a venv with AHPy only) unless it exists; return its python."""
    exe = PEER_DIR / "bin" / "python"
    if not exe.exists():
        print(f"building the peer venv {PEER_DIR} (ahpy=={PEER_VERSION}) ...")
        subprocess.run([sys.executable, "-m", "venv", str(PEER_DIR)], check=True)
        subprocess.run([str(exe), "-m", "pip", "install", "--quiet", f"ahpy=={PEER_VERSION}"], check=True)
    return exe


def run_peer(mats: dict) -> dict | None:
    """AHPy's results via CSAT_PEER_PYTHON or benchmarks/.peers (this file run with --peer), or in-process."""
    exe = os.environ.get("CSAT_PEER_PYTHON")
    if not exe and (PEER_DIR / "bin" / "python").exists():
        exe = str(PEER_DIR / "bin" / "python")
    if exe:
        try:
            proc = subprocess.run([exe, __file__, "--peer"], input=json.dumps(mats), capture_output=True,
                                  text=True, timeout=120, check=True)
            return json.loads(proc.stdout)
        except (OSError, subprocess.SubprocessError, json.JSONDecodeError) as exc:
            print(f"note: CSAT_PEER_PYTHON={exe} could not run AHPy ({exc.__class__.__name__}); skipping the peer column")
            return None
    try:
        return peer_results(mats)
    except ImportError:
        print("note: AHPy is not importable here, CSAT_PEER_PYTHON is not set and benchmarks/.peers/ahpy does not "
              "exist (run with --build-peer); skipping the peer column")
        return None


def check_agreement(name: str, peer_weights: list, peer_cr: float, weights, cr: float) -> tuple[float, float]:
    """Largest weight difference and CR difference; AssertionError if either exceeds PEER_ATOL."""
    import numpy as np

    dw = float(np.max(np.abs(np.asarray(peer_weights, dtype=float) - np.asarray(weights, dtype=float))))
    dcr = abs(float(peer_cr) - float(cr))
    if dw > PEER_ATOL or dcr > PEER_ATOL:
        raise AssertionError(f"{name}: csat_helpers and AHPy disagree (max |Δw| = {dw:.2e}, |ΔCR| = {dcr:.2e}, "
                             f"tolerance {PEER_ATOL:g})")
    return dw, dcr


def bench_ahp() -> None:
    from csat_helpers import ahp

    mats = {"house (n=8)": HOUSE, "drinks (n=7)": DRINKS, "incomplete (n=4, 1 missing)": INCOMPLETE}
    peer = run_peer(mats)
    print("\nAHP: priority vector + CR (RI table saaty2005 on both sides, as AHPy's 'saaty')")
    head = f"{'matrix':<30}{'csat_helpers':>14}"
    if peer:
        head += f"{'AHPy ' + peer.get('version', ''):>14}{'max |Δw|':>11}{'|ΔCR|':>9}"
    print(head)
    for name, m in mats.items():
        if any(v is None for row in m for v in row):
            def ours(m=m):
                return ahp.priority_vector(ahp.complete_matrix(m), ri_table="saaty2005")
        else:
            def ours(m=m):
                return ahp.priority_vector(m, ri_table="saaty2005")
        r = ours()
        line = f"{name:<30}{timed(ours, 200) * 1e6:>11.0f} µs"
        if peer:
            p = peer[name]
            dw, dcr = check_agreement(name, p["weights"], p["cr"], r.weights, r.cr)
            line += f"{p['seconds'] * 1e6:>11.0f} µs{dw:>11.1e}{dcr:>9.1e}"
        print(line)
    if peer:
        print(f"AHPy agrees on every matrix (weights and CR within {PEER_ATOL:g})")
    print(f"suggest_revision, house (28 cells x 17 values): {timed(lambda: ahp.suggest_revision(HOUSE), 20) * 1e3:.1f} ms"
          " (no peer equivalent)")


def goal(seconds: float) -> str:
    """Seconds with the membership_matrix goal's verdict (printed, not asserted: timings depend on load)."""
    return f"{seconds:.3f} s ({'within' if seconds < MEMBERSHIP_GOAL_S else 'OVER'} the {MEMBERSHIP_GOAL_S:g} s goal)"


def bench_fuzzy() -> None:
    import numpy as np
    import pandas as pd

    from csat_helpers import fuzzy
    from csat_helpers.datasets import company_fuzzy as cf

    rng = np.random.default_rng(0)
    n, k = 1_000_000, 30
    codes = rng.integers(1, 6, size=(n, k)).astype(float)
    codes[rng.random((n, k)) < 0.03] = np.nan
    numeric = pd.DataFrame(codes, columns=[f"q{i}" for i in range(k)])
    print(f"\nfuzzy: membership_matrix, {n:.0e} respondents x {k} items (3 % blank)")
    print(f"  numeric codes 1-5       : {goal(timed(lambda: fuzzy.membership_matrix(numeric, [1, 2, 3, 4, 5])))}")
    labels = np.array(cf.GRADES, dtype=object)
    cat_dtype = pd.CategoricalDtype(list(cf.GRADES))
    cats = pd.DataFrame({c: pd.Categorical.from_codes(np.where(np.isnan(numeric[c]), -1, numeric[c].fillna(1) - 1)
                                                       .astype(int), dtype=cat_dtype) for c in numeric.columns})
    print(f"  categorical grade text  : {goal(timed(lambda: fuzzy.membership_matrix(cats, cf.GRADES)))}")
    text = pd.DataFrame({c: pd.Series(labels[numeric[c].fillna(1).astype(int) - 1]).where(numeric[c].notna())
                         for c in numeric.columns})
    print(f"  plain grade text (str)  : {goal(timed(lambda: fuzzy.membership_matrix(text, cf.GRADES)))}")

    w = rng.dirichlet(np.ones(30))
    R = rng.dirichlet(np.ones(5), size=30)
    for op in fuzzy.OPERATORS:
        print(f"  compose 30x5, {op:<17}: {timed(lambda op=op: fuzzy.compose(w, R, op), 2000) * 1e6:.0f} µs")
    gw, lw = cf.true_weights()
    tree = cf.factor_tree(gw, lw)
    cols = cf.columns_of()
    big = pd.DataFrame({c: pd.Categorical.from_codes(rng.integers(0, 5, n), dtype=cat_dtype) for c in cols})
    print(f"  evaluate_hierarchy, 21 items / 5 groups, 1e6 respondents: "
          f"{timed(lambda: fuzzy.evaluate_hierarchy(tree, big, cf.GRADES)):.3f} s")


def bench_widgets() -> None:
    from csat_helpers.datasets import company_fuzzy as cf
    from csat_helpers.widgets import ch04 as w

    w.company_inputs("overall")  # the survey is loaded once, as in a notebook session
    labels = list(cf.GROUPS)
    judgments = ["1/2", "3", "1/5", "3", "1", "1/3", "1/3", "1/7", "1/4", "2"]
    gw, R = w.company_inputs("service")
    print("\nChapter 4 widget updates (goal: well under 100 ms)")
    print(f"  pairwise_view (5 items, CR + revision hint): {1000 * timed(lambda: w.pairwise_view(labels, judgments), 5):.1f} ms")
    print(f"  operator_view (service group, 5 operators): "
          f"{1000 * timed(lambda: w.operator_view(gw, R, cf.GRADES, grade_values=cf.GRADE_VALUES), 5):.1f} ms")


if __name__ == "__main__":
    if "--peer" in sys.argv:  # inside the peer's venv: only json and ahpy are needed
        print(json.dumps(peer_results(json.load(sys.stdin))))
        sys.exit(0)
    if "--build-peer" in sys.argv:
        build_peer()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    t0 = time.perf_counter()
    bench_ahp()
    bench_fuzzy()
    bench_widgets()
    print(f"\ntotal {time.perf_counter() - t0:.1f} s")
