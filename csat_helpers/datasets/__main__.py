"""``python -m csat_helpers.datasets [OUTDIR]``: regenerate the synthetic datasets."""

import sys
from pathlib import Path

from . import DATA_DIR
from .generate import build_company

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_DIR
    out.mkdir(parents=True, exist_ok=True)
    build_company(out)
    print(f"datasets written to {out}")
