"""``read_survey``: the one loader every chapter and the report use (CSV and XLSX)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .errors import CsatInputError
from .validation import require_columns, require_in_scale, require_numeric

__all__ = ["read_survey"]

_ENCODINGS = ("utf-8-sig", "gb18030")  # UTF-8 with or without BOM; GBK/GB2312 (a GB18030 subset) from Chinese Excel


def _decode(raw: bytes, path: Path, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise CsatInputError(f"{path.name}: cannot be decoded as {encoding!r} ({exc.__class__.__name__}); "
                                 "save it as UTF-8 or pass the right encoding=") from None
    for enc in _ENCODINGS:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CsatInputError(f"{path.name}: is neither UTF-8 nor GBK/GB18030 text; save it as UTF-8 CSV")


def _read_csv_text(text: str, name: str, sep: str) -> pd.DataFrame:
    if not text.strip():
        raise CsatInputError(f"{name}: the file is empty; a header row and at least one respondent are needed")
    header = text.lstrip().splitlines()[0]
    if sep not in header:
        for other, label in ((";", "semicolon"), ("\t", "tab"), ("|", "vertical bar")):
            if other in header:
                raise CsatInputError(
                    f"{name}: the header is separated by {label}s, not {sep!r}; pass sep={other!r} or save as comma-separated"
                )
    names = [c.strip() for c in next(csv.reader([header], delimiter=sep))]
    dupes = sorted({c for c in names if names.count(c) > 1 and c})
    if dupes:
        raise CsatInputError(f"{name}: column {dupes[0]!r} appears more than once in the header")
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, skipinitialspace=True)
    except pd.errors.ParserError as exc:
        line = str(exc).split("line ")[-1].split(",")[0] if "line " in str(exc) else "?"
        raise CsatInputError(
            f"{name}: row on line {line} has a different number of fields than the header; check for stray {sep!r} or quotes"
        ) from None
    except (pd.errors.EmptyDataError, csv.Error) as exc:
        raise CsatInputError(f"{name}: cannot be read as CSV ({exc})") from None
    return df


def _read_excel(path: Path, sheet: int | str) -> pd.DataFrame:
    try:
        return pd.read_excel(path, sheet_name=sheet, engine="openpyxl")
    except ValueError as exc:  # unknown sheet, bad file
        raise CsatInputError(f"{path.name}: cannot read sheet {sheet!r} ({exc})") from None
    except Exception as exc:  # openpyxl raises zipfile/KeyError types on corrupt files
        raise CsatInputError(f"{path.name}: is not a readable .xlsx workbook ({exc.__class__.__name__})") from None


def read_survey(
    path: str | Path,
    *,
    required: Iterable[str] = (),
    numeric: Iterable[str] | None = None,
    scale: tuple[float, float] | None = None,
    scales: Mapping[str, tuple[float, float]] | None = None,
    sep: str = ",",
    encoding: str | None = None,
    sheet: int | str = 0,
) -> pd.DataFrame:
    """Read a survey table from CSV or XLSX and validate it.

    - CSV text may be UTF-8 (with or without BOM) or GBK/GB18030, as Chinese Excel saves it;
    - ``required`` columns must exist; ``numeric`` columns must hold numbers (blank = missing);
    - ``scale=(lo, hi)`` bounds every ``numeric`` column, ``scales`` bounds columns one by one;
    - header names are stripped of surrounding spaces; duplicate names are refused.

    Every problem raises :class:`CsatInputError` naming the file, column, row and value.
    Rows are numbered as pandas numbers them (0 = first respondent).

    >>> from csat_helpers.datasets import path_of
    >>> df = read_survey(path_of("customer_ledger"), required=["customer_id", "revenue"])
    >>> df.shape[0] > 0
    True
    """
    p = Path(path)
    if not p.exists():
        raise CsatInputError(f"{p}: no such file")
    if p.is_dir():
        raise CsatInputError(f"{p}: is a folder, not a survey file")
    suffix = p.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        df = _read_excel(p, sheet)
    elif suffix in {".csv", ".txt", ""}:
        df = _read_csv_text(_decode(p.read_bytes(), p, encoding), p.name, sep)
    else:
        raise CsatInputError(f"{p.name}: unsupported file type {suffix!r}; use .csv or .xlsx")

    df.columns = [str(c).strip() for c in df.columns]
    dupes = df.columns[df.columns.duplicated()].tolist()
    if dupes:
        raise CsatInputError(f"{p.name}: column {dupes[0]!r} appears more than once in the header")
    unnamed = [c for c in df.columns if c.startswith("Unnamed:") or c == ""]
    if unnamed and len(df.columns) > 1 and df[unnamed].isna().all().all():
        df = df.drop(columns=unnamed)  # trailing separators at line ends
    if len(df) == 0:
        raise CsatInputError(f"{p.name}: has a header but no respondents")
    require_columns(df, list(required), p.name)

    numeric_cols = list(numeric) if numeric is not None else []
    if scales:
        require_columns(df, list(scales), p.name)
        numeric_cols += [c for c in scales if c not in numeric_cols]
    if scale is not None and not numeric_cols:
        raise CsatInputError("read_survey: scale= needs numeric= (the columns it applies to)")
    if numeric_cols:
        require_columns(df, numeric_cols, p.name)
        df[numeric_cols] = require_numeric(df, numeric_cols, p.name)
        if scale is not None:
            require_in_scale(df[numeric_cols], scale, p.name)
        for col, sc in (scales or {}).items():
            require_in_scale(df[[col]], sc, p.name)
    return df
