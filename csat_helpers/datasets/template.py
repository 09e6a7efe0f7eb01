"""The bring-your-own-survey files: an empty template and a three-row example, as CSV and XLSX.

``survey_template.csv``/``.xlsx`` hold the header row only (fill in your respondents);
``survey_example.csv``/``.xlsx`` hold the same header and three made-up respondents that show every
part of the format (``datasets/README.md``, "Survey template"). The XLSX files are written with
openpyxl and then stored with fixed dates, so regenerating them gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd

__all__ = ["COLUMNS", "EXAMPLE_ROWS", "frames", "write_templates"]

_ATTRS = ("price", "repair", "design")
#: header of the template, in order
COLUMNS: tuple[str, ...] = (
    "respondent_id", "segment", "revenue", "cost_to_serve",
    *(f"kano_{a}_{s}" for a in _ATTRS for s in ("func", "dysf", "imp")),
    *(f"ipa_{a}_{s}" for a in _ATTRS for s in ("imp", "perf")),
    "ipa_overall",
    *(f"fz_{a}" for a in _ATTRS),
    "acsi_exp_overall", "acsi_qual_overall", "acsi_value_price", "acsi_sat_overall", "acsi_complain_maker",
    "acsi_loy_repurchase",
)
#: three made-up respondents (None = blank answer)
EXAMPLE_ROWS: tuple[tuple, ...] = (
    ("R001", "household", 12.5, 1.2, 4, 5, 8, 2, 5, 9, 1, 3, 5, 5, 3, 4, 2, 3, 4, 3, "基本满意", "不满意", "满意", 8, 7, 6, 7, 2, 7),
    ("R002", "dealer", 180.0, 4.8, 1, 5, 9, 3, 5, 8, 1, 4, 4, 5, 2, 5, 3, 2, 4, 3, "不满意", "基本满意", "很满意", 7, 6, 5, 6, 4, 6),
    ("R003", "household", 6.0, None, 2, 5, 7, 2, 4, None, 3, 3, 3, 4, 4, 5, None, 3, 5, 4, "满意", None, "满意", 9, 8, 7, 8, 1, 9),
)
_FIXED_DATE = (2024, 6, 1, 0, 0, 0)
_FIXED_STAMP = "2024-06-01T00:00:00Z"


def frames() -> dict[str, pd.DataFrame]:
    """``{"survey_template": header only, "survey_example": three rows}``."""
    rows = [dict(zip(COLUMNS, r)) for r in EXAMPLE_ROWS]
    example = pd.DataFrame(rows, columns=list(COLUMNS))
    for c in COLUMNS[4:]:
        if c.startswith(("kano_", "ipa_", "acsi_")):
            example[c] = example[c].astype("Int64")  # codes print as 9, not 9.0, next to blanks
    return {"survey_template": example.iloc[:0], "survey_example": example}


def _xlsx_bytes(rows: list[tuple]) -> bytes:
    """One sheet ``survey``; zip entries and document dates fixed so the bytes never change."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(list(COLUMNS))
    for r in rows:
        ws.append(list(r))
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", _FIXED_STAMP.encode(), data)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def write_templates(outdir: Path) -> None:
    """Write the four files into ``outdir``."""
    from .generate import write_csv

    for name, df in frames().items():
        write_csv(df, outdir / f"{name}.csv")
        (outdir / f"{name}.xlsx").write_bytes(_xlsx_bytes([] if df.empty else list(EXAMPLE_ROWS)))
