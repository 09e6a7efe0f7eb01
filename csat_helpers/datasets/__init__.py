"""Bundled datasets: cwd-independent paths and loaders.

The CSV files live in the repository's ``datasets/`` folder (documented in
``datasets/README.md``). Synthetic files are rebuilt byte for byte by
``python -m csat_helpers.datasets``.

>>> "customer_ledger" in list_datasets()
True
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import CsatInputError

__all__ = ["DATA_DIR", "path_of", "load", "list_datasets", "truth"]

DATA_DIR = Path(os.environ.get("CSAT_DATA_DIR", Path(__file__).resolve().parents[2] / "datasets"))


def list_datasets() -> list[str]:
    """Names of the bundled CSV datasets (file names without ``.csv``)."""
    return sorted(p.stem for p in DATA_DIR.glob("*.csv"))


def path_of(name: str) -> Path:
    """Absolute path of a bundled dataset, e.g. ``path_of("customer_ledger")``."""
    p = DATA_DIR / (name if name.endswith((".csv", ".json", ".xlsx")) else f"{name}.csv")
    if not p.exists():
        raise CsatInputError(f"no bundled dataset {name!r}; available: {', '.join(list_datasets())}")
    return p


def load(name: str, **kwargs: Any) -> pd.DataFrame:
    """Load a bundled dataset through :func:`csat_helpers.read_survey`.

    >>> load("customer_ledger").columns[0]
    'customer_id'
    """
    from ..io import read_survey

    return read_survey(path_of(name), **kwargs)


def truth() -> dict[str, Any]:
    """The structure planted in the company data by the generator (see datasets/README.md)."""
    return json.loads(path_of("company_truth.json").read_text(encoding="utf-8"))
