"""``read_survey``: the one loader every chapter and the report use (CSV and XLSX)."""

from __future__ import annotations

import csv
import io
import os
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import CsatInputError
from .validation import is_number, require_columns, require_finite, require_in_scale, require_numeric, require_whole

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


def _wrong_width(fields: list[str], width: int, named: int) -> bool:
    """A row's field count is wrong unless only empty fields are surplus or missing at its end."""
    n = len(fields)
    if n == width:
        return False
    surplus_blank = n > width and not any(f.strip() for f in fields[width:])
    only_blank_missing = named <= n < width
    return not (surplus_blank or only_blank_missing)


def _width_error(name: str, line: int, n: int, width: int, sep: str) -> CsatInputError:
    word = "more" if n > width else "fewer"
    return CsatInputError(
        f"{name}: line {line} has {n} field{'s' * (n != 1)}, the header has {width} "
        f"({word} than the header; check for a stray or missing {sep!r} or quote on that line)"
    )


def _check_fields(text: str, name: str, sep: str) -> list[str]:
    """Return the header names; raise naming the line of any row whose field count differs.

    Lines are counted as an editor counts them (line 1 is the header). Blank and whitespace-only
    lines are skipped, as pandas skips them. Only empty fields may be missing or surplus at the end of a row
    (trailing separators, or blank-named trailing header columns); any other count mismatch would
    make pandas shift values into the wrong columns, so it is refused. Text without quotes is
    checked by counting separators per line; text with quotes goes through ``csv.reader``.
    """
    if '"' not in text and text.count("\r") == text.count("\r\n"):
        lines = text.split("\n")
        first = next(k for k, line in enumerate(lines) if line.strip())
        header = [c.strip() for c in lines[first].rstrip("\r").split(sep)]
        width = len(header)
        named = max((k + 1 for k, c in enumerate(header) if c), default=0)
        suspects = [k for k, line in enumerate(lines) if line.count(sep) != width - 1]
        for k in suspects:
            line = lines[k].rstrip("\r")
            fields = line.split(sep)
            if k > first and line.strip() and _wrong_width(fields, width, named):
                raise _width_error(name, k + 1, len(fields), width, sep)
        return header
    reader = csv.reader(io.StringIO(text), delimiter=sep, strict=True, skipinitialspace=True)
    header_row: list[str] | None = None
    start = 1  # physical line where the current record starts
    try:
        for row in reader:
            if len(row) == 1 and not row[0].strip():
                row = []  # a blank or whitespace-only line, which pandas skips
            if row and header_row is None:
                header_row = row
                width = len(row)
                named = max((k + 1 for k, c in enumerate(row) if c.strip()), default=0)
            elif row and len(row) != width and _wrong_width(row, width, named):
                raise _width_error(name, start, len(row), width, sep)
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise CsatInputError(
                f"{name}: line {start}: a quote (\") opened on this line is never closed, so the rest of the file "
                "would be read as one value; close or remove the quote"
            ) from None
        raise CsatInputError(f"{name}: line {reader.line_num}: bad quoting ({exc}); "
                             "a quoted value must be followed by the separator") from None
    return [c.strip() for c in header_row or []]


def _read_csv_text(text: str, name: str, sep: str) -> pd.DataFrame:
    if not text.strip():
        raise CsatInputError(f"{name}: the file is empty; a header row and at least one respondent are needed")
    header = text.lstrip().partition("\n")[0]
    if sep not in header:
        for other, label in ((";", "semicolon"), ("\t", "tab"), ("|", "vertical bar")):
            if other in header:
                raise CsatInputError(
                    f"{name}: the header is separated by {label}s, not {sep!r}; pass sep={other!r} or save as comma-separated"
                )
    names = _check_fields(text, name, sep)
    dupes = sorted({c for c in names if names.count(c) > 1 and c})
    if dupes:
        raise CsatInputError(f"{name}: column {dupes[0]!r} appears more than once in the header")
    try:
        # Surplus *blank* trailing fields (checked above) are dropped on every row: usecols keeps the
        # header's columns, so pandas neither errs on them after the first row nor shifts the first row.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            df = pd.read_csv(io.StringIO(text), sep=sep, skipinitialspace=True, index_col=False,
                             usecols=range(len(names)))
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error):
        raise CsatInputError(f"{name}: cannot be read as CSV; check its separators and quotes") from None
    return df


def _read_excel(path: Path, sheet: int | str) -> pd.DataFrame:
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:  # the workbook is opened (unzipped) once
            first_row = pd.read_excel(book, sheet_name=sheet, header=None, nrows=1)
            if len(first_row) == 0:
                raise CsatInputError(f"{path.name}: sheet {sheet!r} is empty; a header row and at least one respondent "
                                     "are needed")
            names = [str(v).strip() for v in first_row.iloc[0] if pd.notna(v)]
            dupes = sorted({c for c in names if names.count(c) > 1})
            if dupes:  # pandas would silently rename the second one 'q1.1'
                raise CsatInputError(f"{path.name}: column {dupes[0]!r} appears more than once in the header")
            return pd.read_excel(book, sheet_name=sheet)
    except CsatInputError:
        raise
    except ValueError as exc:  # unknown sheet, bad file
        raise CsatInputError(f"{path.name}: cannot read sheet {sheet!r} ({exc})") from None
    except Exception as exc:  # openpyxl raises zipfile/KeyError types on corrupt files
        raise CsatInputError(f"{path.name}: is not a readable .xlsx workbook ({exc.__class__.__name__})") from None


def _column_names(value: str | Iterable[str] | None, arg: str) -> list[str]:
    """Column names from one name or a list of names (a single str is one name, not letters)."""
    if value is None:
        return []
    names = [value] if isinstance(value, str) else value
    try:
        names = list(names)
    except TypeError:
        raise CsatInputError(f"read_survey: {arg}= takes a column name or a list of names, got {value!r}") from None
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        raise CsatInputError(f"read_survey: {arg}= takes column names (text), got {bad[0]!r}")
    return names


def _scale_pair(value: object, arg: str) -> tuple[float, float]:
    """A (lowest, highest) pair of finite numbers, lowest first."""
    if (not isinstance(value, (tuple, list)) or len(value) != 2 or not all(is_number(v) for v in value)
            or not all(np.isfinite(float(v)) for v in value)):
        raise CsatInputError(f"read_survey: {arg}= expects two numbers (lowest, highest), e.g. (1, 5), got {value!r}")
    lo, hi = float(value[0]), float(value[1])
    if not lo < hi:
        raise CsatInputError(f"read_survey: {arg}= lowest {lo:g} must be below highest {hi:g}")
    return lo, hi


def _check_options(path: object, sep: object, encoding: object, sheet: object) -> Path:
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise CsatInputError(f"read_survey: path must be a file name (text or pathlib.Path), got {path!r}")
    if not isinstance(sep, str) or len(sep) != 1 or sep in "\"\r\n":
        raise CsatInputError(f"read_survey: sep= must be one character such as ',', ';' or '\\t', got {sep!r}")
    if encoding is not None and not isinstance(encoding, str):
        raise CsatInputError(f"read_survey: encoding= must be a name such as 'utf-8' or 'gbk', got {encoding!r}")
    if isinstance(sheet, bool) or not isinstance(sheet, (int, str)):
        raise CsatInputError(f"read_survey: sheet= must be a sheet name or a 0-based position, got {sheet!r}")
    return Path(path)


def read_survey(
    path: str | Path,
    *,
    required: str | Iterable[str] = (),
    numeric: str | Iterable[str] | None = None,
    scale: tuple[float, float] | None = None,
    scales: Mapping[str, tuple[float, float]] | None = None,
    integer: bool = False,
    sep: str = ",",
    encoding: str | None = None,
    sheet: int | str = 0,
) -> pd.DataFrame:
    """Read a survey table from CSV or XLSX and validate it.

    - CSV text may be UTF-8 (with or without BOM) or GBK/GB18030, as Chinese Excel saves it;
      every row must have as many fields as the header (the line is named otherwise);
    - ``required`` columns must exist; ``numeric`` columns must hold finite numbers (blank =
      missing); one name may be given as a plain string;
    - ``scale=(lo, hi)`` bounds every ``numeric`` column, ``scales`` bounds columns one by one;
      ``integer=True`` also requires whole-number codes (e.g. 1-5 answers, not 3.5);
    - header names are stripped of surrounding spaces; duplicate names are refused.

    Every problem raises :class:`CsatInputError` naming the file, column, row (or line) and value.
    Rows are numbered as pandas numbers them (0 = first respondent).

    >>> from csat_helpers.datasets import path_of
    >>> df = read_survey(path_of("customer_ledger"), required=["customer_id", "revenue"])
    >>> df.shape[0] > 0
    True
    """
    p = _check_options(path, sep, encoding, sheet)
    required_cols = _column_names(required, "required")
    numeric_cols = _column_names(numeric, "numeric")
    pair = None if scale is None else _scale_pair(scale, "scale")
    if scales is not None and not isinstance(scales, Mapping):
        raise CsatInputError(f"read_survey: scales= maps column -> (lowest, highest), e.g. {{'q1': (1, 5)}}, got {scales!r}")
    per_column = {c: _scale_pair(sc, f"scales[{c!r}]") for c, sc in (scales or {}).items()}
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
    require_columns(df, required_cols, p.name)

    if per_column:
        require_columns(df, list(per_column), p.name)
        numeric_cols += [c for c in per_column if c not in numeric_cols]
    if pair is not None and not numeric_cols:
        raise CsatInputError("read_survey: scale= needs numeric= (the columns it applies to)")
    if integer and not numeric_cols:
        raise CsatInputError("read_survey: integer=True needs numeric= or scales= (the columns it applies to)")
    if numeric_cols:
        require_columns(df, numeric_cols, p.name)
        num = require_numeric(df, numeric_cols, p.name)
        require_finite(num, p.name)
        if pair is not None:
            require_in_scale(num, pair, p.name, integer=integer)
        for col, sc in per_column.items():
            require_in_scale(num[[col]], sc, p.name, integer=integer)
        unscaled = [c for c in numeric_cols if c not in per_column] if pair is None else []
        if integer and unscaled:
            require_whole(num[unscaled], p.name)
        df[numeric_cols] = num
    return df
