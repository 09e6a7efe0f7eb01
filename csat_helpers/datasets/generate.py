"""Rebuild every synthetic dataset byte for byte: ``python -m csat_helpers.datasets``.

Each part of the company survey is made by its own module
``company_<part>.py`` with a function ``make(rng, respondents) -> (columns, truth)``
and its own random stream ``default_rng([SEED, k])``, so parts can change
independently without disturbing one another. The planted structure goes
to ``datasets/company_truth.json``. The bring-your-own-survey template and example
(``survey_template``/``survey_example``, CSV and XLSX) come from :mod:`.template`.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from . import DATA_DIR
from .company import COMPANY, make_ledger, make_respondents
from .template import write_templates

SEED = 20240601
#: survey parts in column order; stream k = position + 10
SURVEY_PARTS = ("kano", "ipa", "fuzzy", "acsi")


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Deterministic CSV: UTF-8, '\\n' line ends, no index."""
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def build_company(outdir: Path) -> dict:
    ledger, ledger_truth = make_ledger(np.random.default_rng([SEED, 1]))
    respondents = make_respondents(np.random.default_rng([SEED, 2]), ledger)
    truth: dict = {"company": COMPANY, "seed": SEED, "ledger": ledger_truth}
    pieces = [respondents]
    for k, part in enumerate(SURVEY_PARTS):
        try:
            module = importlib.import_module(f"{__package__}.company_{part}")
        except ModuleNotFoundError:
            continue
        cols, part_truth = module.make(np.random.default_rng([SEED, 10 + k]), respondents)
        pieces.append(cols.reset_index(drop=True))
        truth[part] = part_truth
        for name, extra in getattr(module, "EXTRA_FILES", lambda: {})().items():
            write_csv(extra, outdir / f"{name}.csv")
    write_csv(ledger, outdir / "customer_ledger.csv")
    write_csv(pd.concat(pieces, axis=1), outdir / "company_survey.csv")
    (outdir / "company_truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    write_templates(outdir)
    return truth


