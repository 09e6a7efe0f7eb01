"""Time to execute every master notebook headless (nbclient, fresh kernel each), as nbval does.

    python benchmarks/bench_notebooks.py
"""

from __future__ import annotations

import time

from csat_helpers import nbtools


def main() -> None:
    total = 0.0
    for path in nbtools.chapter_paths():
        nb = nbtools.read(path)
        start = time.perf_counter()
        nbtools.execute(nb, path.parent)
        elapsed = time.perf_counter() - start
        total += elapsed
        n_code = sum(c.cell_type == "code" for c in nb.cells)
        print(f"{path.name:<32} {n_code:3d} code cells  {elapsed:6.2f} s (incl. kernel start)")
    print(f"{'all notebooks':<32} {'':15} {total:6.2f} s")


if __name__ == "__main__":
    main()
