"""Capstone (Chapter 6): every method on one survey, compared attribute by attribute.

A survey in the course's column format (see ``datasets/README.md``, "Survey template") is split
into its parts by column prefix (:func:`parse_survey`); every part present is analysed
(:func:`analyse`); then :func:`compare_methods` puts what each method says about each attribute
side by side, and :func:`improvement_plan` turns that into an ordered plan. The notebook and the
HTML report (:mod:`csat_helpers.report`) share these functions.

=============================  ===========================================  ==========================
columns                        method                                       module
=============================  ===========================================  ==========================
``kano_<attr>_func/_dysf``     Kano category, Better/Worse (+ ``_imp``)      :mod:`csat_helpers.kano`
``ipa_<attr>_imp/_perf``       quadrant (importance-performance)            :mod:`csat_helpers.ipa`
``ipa_overall``                derived importance, PRCA (three factors)     :mod:`csat_helpers.ipa`
``fz_<key>``                   fuzzy evaluation (grades 很不满意…很满意)       :mod:`csat_helpers.fuzzy`
``acsi_<construct>_<item>``    ACSI model by PLS, 0-100 indices             :mod:`csat_helpers.pls`
``segment``                    the Kano and quadrant results by segment
``revenue``, ``cost_to_serve`` Pareto and the four customer classes         :mod:`csat_helpers.customers`
=============================  ===========================================  ==========================

**Priority score** (course rule, printed beside the plan): quadrant *concentrate here* 3,
*keep up* 1, *low priority* 1, *possible overkill* 0; Kano must-be 3, one-dimensional 2,
attractive 1, indifferent 0; +1 for a PRCA *basic* factor (a low rating costs more than a high
one earns, Brandt 1987; Matzler et al. 2004); +1 when the fuzzy weighted score is below the
attributes' mean; +1 when derived importance is above its median. Ties are broken by the
iso-priority gap (Bacon 2003). This follows Kano's rule (must-be first, then one-dimensional,
then attractive) and the quadrant model's "concentrate here"; it is a teaching rule, not a
published index, so the plan always shows its parts.

>>> from csat_helpers.datasets import load
>>> cmp = compare_methods(load("company_survey"))
>>> cmp.loc["repair", ["kano_category", "ipa_quadrant", "prca_factor"]].tolist()
['M', 'concentrate_here', 'basic']
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import customers, fuzzy, ipa, kano, pls
from .errors import CsatInputError
from .validation import describe_values, require_in_scale, require_numeric

__all__ = [
    "SCALES",
    "GRADES",
    "GRADE_VALUES",
    "GRADES_EN",
    "MIN_PLS_N",
    "ACSI_CONSTRUCTS",
    "ACSI_LINKS",
    "KANO_TO_FACTOR",
    "SurveyParts",
    "Analysis",
    "parse_survey",
    "analyse",
    "compare_methods",
    "improvement_plan",
    "method_agreement",
]

#: fixed answer scales of the survey template
SCALES: dict[str, tuple[int, int]] = {"kano": (1, 5), "kano_imp": (1, 9), "ipa": (1, 5), "acsi": (1, 10)}
#: fuzzy grades, worst -> best (as in the company survey), and their survey-table scores
GRADES: tuple[str, ...] = fuzzy.GRADES_CN
GRADE_VALUES: dict[str, float] = dict(fuzzy.GRADE_VALUES_CN)
GRADES_EN: tuple[str, ...] = ("very dissatisfied", "dissatisfied", "basically satisfied", "satisfied", "very satisfied")
_GRADE_ALIASES: dict[str, str] = {
    **{g: g for g in GRADES},
    **dict(zip(GRADES_EN, GRADES)),
    **{str(i + 1): g for i, g in enumerate(GRADES)},
}
_ALIAS_LABELS = pd.Index(list(_GRADE_ALIASES))
_GRADE_LABELS = pd.Index(list(GRADES))
_ALIAS_GRADE_POSITIONS = np.array([GRADES.index(g) for g in _GRADE_ALIASES.values()])
_GRADE_OR_BLANK = np.array([*GRADES, None], dtype=object)
#: ``acsi_<prefix>_<item>``: prefix -> construct of the ACSI model (Fornell et al. 1996)
ACSI_CONSTRUCTS: dict[str, str] = {
    "exp": "Expectations", "qual": "Quality", "value": "Value",
    "sat": "Satisfaction", "complain": "Complaints", "loy": "Loyalty",
}
_ACSI_PATHS: list[tuple[str, str]] = [
    ("Expectations", "Quality"), ("Expectations", "Value"), ("Expectations", "Satisfaction"),
    ("Quality", "Value"), ("Quality", "Satisfaction"), ("Value", "Satisfaction"),
    ("Satisfaction", "Complaints"), ("Satisfaction", "Loyalty"), ("Complaints", "Loyalty"),
]
#: which ACSI construct a company attribute feeds (course choice: price-like items -> Value,
#: complaint handling -> Complaints, every other product or service item -> perceived Quality)
ACSI_LINKS: dict[str, str] = {
    "performance": "Quality", "design": "Quality", "reliability": "Quality", "price": "Value",
    "energy_cost": "Value", "delivery_install": "Quality", "repair": "Quality",
    "complaint_handling": "Complaints", "staff_attitude": "Quality", "information": "Quality",
}
#: Kano category <-> three-factor theory (Matzler & Sauerwein 2002; ipa.FACTORS)
KANO_TO_FACTOR: dict[str, str] = {"M": "basic", "O": "performance", "A": "excitement"}
#: fewest complete respondents for which the ACSI model is estimated
MIN_PLS_N = 30
_QUADRANT_POINTS = {"concentrate_here": 3, "keep_up": 1, "low_priority": 1, "possible_overkill": 0}
_KANO_POINTS = {"M": 3, "O": 2, "A": 1, "I": 0, "R": 0, "Q": 0}
_ID_COLUMNS = ("respondent_id", "customer_id", "region", "gross_margin")
#: a bootstrap's progress callback: (resamples done, resamples in all)
_Tick = Callable[[int, int], None] | None

_KANO_RE = re.compile(r"^kano_(.+)_(func|dysf|imp)$")
_IPA_RE = re.compile(r"^ipa_(.+)_(imp|perf)$")
_FZ_RE = re.compile(r"^fz_(.+)$")
_ACSI_RE = re.compile(r"^acsi_([a-z]+)_(.+)$")


# ============================================================================ parsing
@dataclass(frozen=True, eq=False)
class SurveyParts:
    """A survey split into its method parts (``None`` where the columns are absent).

    Frames are indexed like the survey and their columns are attribute keys (Kano, quadrant,
    fuzzy) or the original ``acsi_…`` names.
    """

    n: int
    attributes: list[str]
    kano: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None] | None = None
    ipa: tuple[pd.DataFrame, pd.DataFrame, pd.Series | None] | None = None
    fuzzy: pd.DataFrame | None = None
    acsi: pd.DataFrame | None = None
    acsi_model: pls.PathModel | None = None
    segment: pd.Series | None = None
    ledger: pd.DataFrame | None = None
    ignored: list[str] = field(default_factory=list)

    @property
    def available(self) -> list[str]:
        """Names of the parts present, in report order."""
        names = {"customers": self.ledger, "kano": self.kano, "ipa": self.ipa, "fuzzy": self.fuzzy, "acsi": self.acsi}
        return [k for k, v in names.items() if v is not None]


_Block = tuple[np.ndarray, dict[str, int]] | None


def _number_block(df: pd.DataFrame, cols: list[str]) -> _Block:
    """Every answer-code column as one float array (respondents x columns, each column contiguous) and
    each column's position, when all of them hold plain numbers; else None (converted group by group)."""
    if not cols:
        return None
    sub = df[cols]
    if sub.shape[1] != len(cols) or not all(isinstance(t, np.dtype) and t.kind in "iuf" for t in sub.dtypes):
        return None
    return np.asfortranarray(sub.to_numpy(dtype=float)), {c: j for j, c in enumerate(cols)}


def _codes(df: pd.DataFrame, cols: list[str], scale: tuple[int, int], name: str, block: _Block = None) -> pd.DataFrame:
    if block is None:
        num = require_numeric(df, cols, name)
    else:  # the same floats require_numeric gives, sliced from the survey's one conversion
        values, pos = block
        num = pd.DataFrame(values.T[[pos[c] for c in cols]].T, index=df.index, columns=cols, copy=False)  # a fresh array
    require_in_scale(num, scale, name, integer=True)
    return num


def _fuzzy_answers(df: pd.DataFrame, cols: list[str], name: str) -> pd.DataFrame:
    """Map grade labels (中文, English) or codes 1-5 to the Chinese grades; blank = missing.

    All columns at once: the cells stacked column by column, so the first bad cell found is the
    first in column order, as the message reports it.
    """
    n = len(df)
    cells = df[cols].to_numpy(dtype=object).ravel(order="F")
    found = _ALIAS_LABELS.get_indexer(cells)  # the lookup Series.map(_GRADE_ALIASES) does, without a Series
    grade = np.where(found >= 0, _ALIAS_GRADE_POSITIONS[found], -1)  # position in GRADES; -1: no grade
    blank = pd.isna(cells)
    todo = (grade < 0) & ~blank
    if todo.any():  # not an exact label: normalise only those cells (case, spaces, 3.0 from numbers)
        text = pd.Series(cells[todo]).astype("string").str.strip().str.lower().str.replace(r"\.0$", "", regex=True)
        grade[todo] = _GRADE_LABELS.get_indexer(text.map(_GRADE_ALIASES).to_numpy(dtype=object, na_value=None))
        blank[todo] = (text == "").fillna(True).to_numpy(dtype=bool)
    bad = (grade < 0) & ~blank
    if bad.any():
        pos = int(bad.argmax())
        c, i = cols[pos // n], pos % n
        value = df[c].iloc[i]
        value = value.item() if isinstance(value, np.generic) else value  # 6, not np.int64(6)
        raise CsatInputError(
            f"{name}: column {c!r}, row {df.index[i]}: {value!r} is not a grade (allowed: {', '.join(GRADES)}, "
            "their English names, or codes 1-5 = 很不满意 … 很满意; leave blank if not answered)"
        )
    grades = _GRADE_OR_BLANK[np.where(blank, len(GRADES), grade)].reshape((n, len(cols)), order="F")
    return pd.DataFrame(grades, index=df.index, columns=cols, dtype=object, copy=False)  # grades is a fresh array


def _pairs(found: dict[str, dict[str, str]], need: tuple[str, ...], prefix: str, name: str) -> None:
    for attr, parts in found.items():
        for suffix in need:
            if suffix not in parts:
                have = next(iter(parts.values()))
                raise CsatInputError(
                    f"{name}: column {have!r} has no partner {prefix}_{attr}_{suffix!s}; every attribute needs "
                    f"{' and '.join(f'{prefix}_<attr>_{s}' for s in need)}"
                )


def _require_answers(survey: pd.DataFrame, kano_cols: dict[str, dict[str, str]], ipa_cols: dict[str, dict[str, str]],
                     fz_cols: dict[str, str], acsi_cols: dict[str, list[str]], name: str, block: _Block = None) -> None:
    """Refuse a column nobody answered, and a Kano attribute without one complete answer pair.

    A column is answered when some cell holds more than blank text (a number always does). The
    answer codes already converted in ``block`` (see :func:`_number_block`) are answered when any
    value is not NaN; another column when its first filled cell is not blank, and failing that
    when any cell is.
    """
    cols = [c for parts in (*kano_cols.values(), *ipa_cols.values()) for c in parts.values()]
    cols += list(fz_cols.values()) + [c for items in acsi_cols.values() for c in items]
    cols += [c for c in ("ipa_overall", "revenue", "cost_to_serve") if c in survey.columns]
    answered: dict[str, bool] = {}
    if block is not None:
        filled_codes = ~np.isnan(block[0])
        answered = dict(zip(block[1], filled_codes.any(axis=0).tolist()))
    for c in cols:
        if c not in answered:
            cells = survey[c].array
            filled = ~np.asarray(cells.isna(), dtype=bool)
            answered[c] = bool(filled.any() and str(cells[int(filled.argmax())]).strip())
    for c in cols:
        if answered[c]:
            continue
        s = survey[c]
        if (s.isna() | (s.astype("string").str.strip() == "")).all():
            raise CsatInputError(f"{name}: column {c!r} has no answers (every cell is blank); fill it in or delete the column")
    if not kano_cols:
        return
    func = [parts["func"] for parts in kano_cols.values()]
    dysf = [parts["dysf"] for parts in kano_cols.values()]
    if block is not None:
        pos = block[1]
        paired = (filled_codes[:, [pos[c] for c in func]] & filled_codes[:, [pos[c] for c in dysf]]).any(axis=0)
    else:
        paired = (survey[func].notna().to_numpy(dtype=bool) & survey[dysf].notna().to_numpy(dtype=bool)).any(axis=0)
    for parts, ok in zip(kano_cols.values(), paired):
        if not ok:
            raise CsatInputError(
                f"{name}: columns {parts['func']!r} and {parts['dysf']!r}: no respondent answered both questions, "
                "so no answer pair can be classified"
            )


def parse_survey(survey: pd.DataFrame, *, name: str = "survey") -> SurveyParts:
    """Split and validate a survey by column prefix; raise naming the column and row at fault.

    Allowed answers: Kano ``_func``/``_dysf`` codes 1-5 and ``_imp`` 1-9; quadrant ``_imp`` and
    ``_perf`` and ``ipa_overall`` 1-5; ``fz_`` grades (很不满意 … 很满意, English names, or 1-5);
    ``acsi_`` 1-10 with all six constructs present; ``revenue``/``cost_to_serve`` >= 0.
    Blank cells are missing answers. Columns with no known prefix are listed in ``ignored``.

    >>> df = pd.DataFrame({"kano_price_func": [1, 2], "kano_price_dysf": [5, 5]})
    >>> parse_survey(df).attributes
    ['price']
    >>> parse_survey(pd.DataFrame({"kano_price_func": [1, 7], "kano_price_dysf": [5, 5]}))
    Traceback (most recent call last):
    ...
    csat_helpers.errors.CsatInputError: survey: column 'kano_price_func', row 1: value 7 is outside the scale 1-5 (must be an integer code within 1-5)
    """
    if not isinstance(survey, pd.DataFrame):
        raise CsatInputError(f"{name}: expected a DataFrame (load it with csat_helpers.read_survey), got {type(survey).__name__}")
    if len(survey) == 0:
        raise CsatInputError(f"{name}: has no respondents (rows)")
    kano_cols: dict[str, dict[str, str]] = {}
    ipa_cols: dict[str, dict[str, str]] = {}
    fz_cols: dict[str, str] = {}
    acsi_cols: dict[str, list[str]] = {}
    ignored: list[str] = []
    for c in map(str, survey.columns):
        if m := _KANO_RE.match(c):
            kano_cols.setdefault(m.group(1), {})[m.group(2)] = c
        elif c.startswith("kano_"):
            raise CsatInputError(f"{name}: column {c!r}: Kano columns are named kano_<attr>_func, kano_<attr>_dysf or kano_<attr>_imp")
        elif c == "ipa_overall":
            continue
        elif m := _IPA_RE.match(c):
            ipa_cols.setdefault(m.group(1), {})[m.group(2)] = c
        elif c.startswith("ipa_"):
            raise CsatInputError(f"{name}: column {c!r}: quadrant columns are named ipa_<attr>_imp, ipa_<attr>_perf or ipa_overall")
        elif m := _FZ_RE.match(c):
            fz_cols[m.group(1)] = c
        elif c.startswith("acsi_"):
            m = _ACSI_RE.match(c)
            if not m or m.group(1) not in ACSI_CONSTRUCTS:
                raise CsatInputError(
                    f"{name}: column {c!r}: ACSI columns are named acsi_<construct>_<item> with construct one of "
                    f"{', '.join(ACSI_CONSTRUCTS)}"
                )
            acsi_cols.setdefault(ACSI_CONSTRUCTS[m.group(1)], []).append(c)
        elif c not in ("segment", "revenue", "cost_to_serve") and c not in _ID_COLUMNS:
            ignored.append(c)
    _pairs(kano_cols, ("func", "dysf"), "kano", name)
    _pairs(ipa_cols, ("imp", "perf"), "ipa", name)
    if "ipa_overall" in survey.columns and not ipa_cols:
        raise CsatInputError(f"{name}: column 'ipa_overall' needs attribute columns ipa_<attr>_imp and ipa_<attr>_perf")
    if "cost_to_serve" in survey.columns and "revenue" not in survey.columns:
        raise CsatInputError(f"{name}: column 'cost_to_serve' needs a 'revenue' column for the customer classes")

    block = _number_block(survey, [c for parts in (*kano_cols.values(), *ipa_cols.values()) for c in parts.values()]
                          + (["ipa_overall"] if "ipa_overall" in survey.columns else [])
                          + [c for items in acsi_cols.values() for c in items])
    kano_part = None
    if kano_cols:
        attrs = list(kano_cols)
        f = _codes(survey, [kano_cols[a]["func"] for a in attrs], SCALES["kano"], name, block).set_axis(attrs, axis=1)
        d = _codes(survey, [kano_cols[a]["dysf"] for a in attrs], SCALES["kano"], name, block).set_axis(attrs, axis=1)
        with_imp = [a for a in attrs if "imp" in kano_cols[a]]
        if with_imp and len(with_imp) != len(attrs):
            lacking = [a for a in attrs if a not in with_imp][0]
            raise CsatInputError(f"{name}: column 'kano_{lacking}_imp' is missing; give importance for every Kano attribute or for none")
        imp = (_codes(survey, [kano_cols[a]["imp"] for a in attrs], SCALES["kano_imp"], name, block).set_axis(attrs, axis=1)
               if with_imp else None)
        kano_part = (f, d, imp)
    ipa_part = None
    if ipa_cols:
        attrs = list(ipa_cols)
        imp = _codes(survey, [ipa_cols[a]["imp"] for a in attrs], SCALES["ipa"], name, block).set_axis(attrs, axis=1)
        perf = _codes(survey, [ipa_cols[a]["perf"] for a in attrs], SCALES["ipa"], name, block).set_axis(attrs, axis=1)
        overall = None
        if "ipa_overall" in survey.columns:
            overall = _codes(survey, ["ipa_overall"], SCALES["ipa"], name, block)["ipa_overall"].rename("overall")
        ipa_part = (imp, perf, overall)
    fz_part = None
    if fz_cols:
        fz_part = _fuzzy_answers(survey, list(fz_cols.values()), name).set_axis(list(fz_cols), axis=1)
    acsi_part, model = None, None
    if acsi_cols:
        lacking = [c for c in ACSI_CONSTRUCTS.values() if c not in acsi_cols]
        if lacking:
            pre = {v: k for k, v in ACSI_CONSTRUCTS.items()}[lacking[0]]
            raise CsatInputError(
                f"{name}: the ACSI part has no column for construct {lacking[0]!r} (expected acsi_{pre}_<item>); "
                "the ACSI model needs all six constructs"
            )
        items = [c for con in ACSI_CONSTRUCTS.values() for c in acsi_cols[con]]
        acsi_part = _codes(survey, items, SCALES["acsi"], name, block)
        model = pls.PathModel({con: acsi_cols[con] for con in ACSI_CONSTRUCTS.values()}, list(_ACSI_PATHS))
    segment = None
    if "segment" in survey.columns:
        segment = survey["segment"].astype("string").str.strip()
        segment = segment.where(segment != "", pd.NA).rename("segment")
    ledger = None
    if "revenue" in survey.columns:
        money = ["revenue"] + [c for c in ("cost_to_serve", "gross_margin") if c in survey.columns]
        ledger = require_numeric(survey, money, name)
        neg = (ledger[["revenue"] + (["cost_to_serve"] if "cost_to_serve" in ledger else [])] < 0)
        if neg.any().any():
            col = neg.any().idxmax()
            row = neg[col].idxmax()
            raise CsatInputError(f"{name}: column {col!r}, row {row}: {ledger.loc[row, col]:g} is negative; money columns must be >= 0")
        ledger = ledger.dropna(subset=["revenue"])
        if len(ledger) and ledger["revenue"].sum() == 0:  # (all blank: refused by _require_answers)
            raise CsatInputError(f"{name}: column 'revenue' is 0 for every customer; Pareto shares need some revenue")
    _require_answers(survey, kano_cols, ipa_cols, fz_cols, acsi_cols, name, block)
    attributes = list(dict.fromkeys([*(kano_cols), *(ipa_cols)]))
    if fz_part is not None:
        shared = [a for a in fz_part.columns if a in attributes]
        if not attributes:
            attributes = list(fz_part.columns)
        elif not shared:
            ignored.append("(fz_ keys match no Kano/quadrant attribute)")
    if not (attributes or acsi_part is not None or ledger is not None):
        raise CsatInputError(
            f"{name}: no column the report can analyse; expected kano_<attr>_func/_dysf, ipa_<attr>_imp/_perf, "
            f"fz_<key>, acsi_<construct>_<item> or revenue (got: {describe_values([str(c) for c in survey.columns], 8)})"
        )
    return SurveyParts(n=len(survey), attributes=attributes, kano=kano_part, ipa=ipa_part, fuzzy=fz_part,
                       acsi=acsi_part, acsi_model=model, segment=segment, ledger=ledger, ignored=ignored)


# ============================================================================ analysis
@dataclass(eq=False)
class Analysis:
    """Everything :func:`analyse` computed; ``None`` for parts the survey lacks."""

    parts: SurveyParts
    customers: dict[str, Any] | None = None
    kano: pd.DataFrame | None = None
    kano_segments: pd.DataFrame | None = None
    ipa: dict[str, Any] | None = None
    fuzzy: dict[str, Any] | None = None
    acsi: dict[str, Any] | None = None
    comparison: pd.DataFrame | None = None
    plan: pd.DataFrame | None = None
    caveats: list[str] = field(default_factory=list)


def _quiet(fn: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn()


def _customers_part(parts: SurveyParts, out: Analysis) -> None:
    led = parts.ledger
    assert led is not None
    res: dict[str, Any] = {"pareto": customers.pareto_table(led["revenue"]),
                           "top20_share": customers.top_share(led["revenue"], 0.2),
                           "gini": customers.gini(led["revenue"])}
    if "cost_to_serve" in led:
        res["classes"] = customers.class_summary(led.dropna(subset=["cost_to_serve"]))
    out.customers = res


def _kano_part(parts: SurveyParts, out: Analysis) -> None:
    f, d, imp = parts.kano  # type: ignore[misc]
    out.kano = _quiet(lambda: kano.evaluate(f, d, imp, importance_scale=SCALES["kano_imp"]))
    out.kano.attrs.pop("dropped_respondents", None)
    if parts.segment is not None and parts.segment.notna().any():
        seg = parts.segment
        keep = seg.notna().to_numpy()
        try:
            by = _quiet(lambda: kano.evaluate(f[keep], d[keep], groups=seg[keep].to_numpy()))
            out.kano_segments = by["category"].unstack(0)
        except CsatInputError as exc:
            out.caveats.append(f"Kano by segment skipped: {exc}")
    flagged = out.kano.index[out.kano["ambiguous"]].tolist()
    if flagged:
        out.caveats.append(
            "Kano: the two most frequent categories are within 5 % of each other for "
            f"{', '.join(flagged)}; read their category as mixed (Fong's test in the Kano table)."
        )


def _ipa_columns(attrs: pd.Index) -> str:
    return ", ".join(f"ipa_{a}_imp/ipa_{a}_perf" for a in attrs)


def _ipa_part(parts: SurveyParts, out: Analysis, n_boot: int, seed: int, tick: _Tick) -> None:
    imp, perf, overall = parts.ipa  # type: ignore[misc]
    res: dict[str, Any] = {}
    mi = ipa.attribute_means(imp, scale=SCALES["ipa"])
    mp = ipa.attribute_means(perf, scale=SCALES["ipa"])
    res["gap"] = ipa.gap(mi["mean"], mp["mean"], SCALES["ipa"])
    if len(imp.columns) < 2:  # the data-mean crosshair of one point is the point itself
        out.caveats.append(
            f"Quadrant chart skipped: only one quadrant attribute ({_ipa_columns(imp.columns)}); the data-mean "
            "crosshair needs at least 2 attributes. Its gap, derived importance and PRCA are still shown."
        )
    else:
        res["quadrants"] = ipa.quadrants(mi["mean"], mp["mean"], "data_mean", SCALES["ipa"])
    if overall is not None and overall.nunique() < 2:
        out.caveats.append("ipa_overall has a single value; derived importance and PRCA need overall ratings that vary.")
    elif overall is not None:
        try:
            derived = ipa.derived_importance(perf, overall, "pearson")
            res["derived"] = derived
            res["dual"] = ipa.compare_importance(mi["mean"], derived)
        except CsatInputError as exc:
            out.caveats.append(f"Derived importance skipped: {exc}")
        try:
            res["prca"] = ipa.prca(perf, overall, 2, 4)
        except CsatInputError as exc:
            out.caveats.append(f"Penalty-reward analysis (PRCA) skipped: {exc}")
    else:
        out.caveats.append("No ipa_overall column: derived importance and PRCA (three-factor) need overall satisfaction.")
    if n_boot and "quadrants" in res:
        try:
            conf = ipa.quadrant_confidence(perf, imp, scale=SCALES["ipa"], n_boot=n_boot, seed=seed, progress=tick)
            res["confidence"] = conf
            border = conf.index[conf["borderline"]].tolist()
            if border:
                out.caveats.append(
                    f"Quadrant: {', '.join(border)} changed quadrant in more than 20 % of {n_boot} bootstrap resamples; "
                    "treat their quadrant as uncertain."
                )
        except CsatInputError as exc:
            out.caveats.append(f"Quadrant bootstrap skipped: {exc}")
    if "quadrants" in res and parts.segment is not None and parts.segment.notna().any():
        rows = {}
        segment = parts.segment.dropna()
        scales = {"importance": SCALES["ipa"], "performance": SCALES["ipa"]}
        attributes = pd.Index(imp.columns, name="attribute")
        for seg_name, idx in segment.groupby(segment).groups.items():  # a few segments
            if len(idx) < 5:
                continue
            # ipa.quadrants on the segment's means, without re-checking answers parse_survey checked
            iv, pv = imp.loc[idx].mean().to_numpy(), perf.loc[idx].mean().to_numpy()
            if np.isnan(iv).any() or np.isnan(pv).any():
                continue  # an attribute nobody in the segment rated: no quadrants for it
            ci, cp, _ = ipa._crosshair(iv, pv, "data_mean", scales)
            rows[str(seg_name)] = pd.Series(ipa._quadrant_keys(iv, pv, ci, cp, "high"), index=attributes, name="quadrant")
        if rows:
            res["by_segment"] = pd.DataFrame(rows)
    out.ipa = res


def _fuzzy_part(parts: SurveyParts, out: Analysis, weights: Mapping[str, float] | None) -> None:
    ans = parts.fuzzy
    assert ans is not None
    R = fuzzy.membership_matrix(ans, list(GRADES))
    values = np.array([GRADE_VALUES[g] for g in GRADES])
    rows = []
    for r in np.ascontiguousarray(R.to_numpy()):  # one row per factor (a few dozen at most)
        v = fuzzy.verdict(r, list(GRADES), values)
        rows.append((v.grade, v.membership, v.alpha, v.valid, v.score))
    per = pd.DataFrame(rows, index=R.index, columns=["grade", "membership", "alpha", "valid", "score"])
    blank = ans.isna()
    per["n_answers"] = (~blank).sum().reindex(R.index).to_numpy()
    if weights is None:
        w = pd.Series(1.0 / len(R), index=R.index)
        note = "equal weights (no AHP weights given)"
    else:
        w = pd.Series(weights, dtype=float).reindex(R.index)
        if w.isna().any():
            raise CsatInputError(f"fuzzy weights: no weight for factor {w.index[w.isna()][0]!r}")
        note = "weights given"
    B = fuzzy.compose(w, R)
    v = fuzzy.verdict(B, list(GRADES), values)
    out.fuzzy = {"R": R, "per_factor": per, "B": B, "verdict": v, "weights": w, "weights_note": note}
    missing = blank.mean()
    heavy = missing[missing > 0.2]
    if len(heavy):
        out.caveats.append(
            "Fuzzy: " + ", ".join(f"{k} ({m:.0%} blank)" for k, m in heavy.items())
            + " were answered by few respondents; their membership rows use only those who answered (N_i)."
        )
    if weights is None:
        out.caveats.append("Fuzzy: the overall B uses equal weights; an AHP panel's weights (Chapter 4) would change it.")


def _acsi_part(parts: SurveyParts, out: Analysis, n_boot: int, seed: int, tick: _Tick) -> None:
    from . import csi

    data, model = parts.acsi, parts.acsi_model
    assert data is not None and model is not None
    complete = int(data.notna().all(axis=1).sum())
    if complete < MIN_PLS_N:
        out.caveats.append(f"ACSI model skipped: {complete} respondents answered every ACSI item; PLS needs at least {MIN_PLS_N}.")
        return
    try:
        res = _quiet(lambda: pls.fit(model, data))
        index = csi.acsi_index(res, data, SCALES["acsi"])
    except (CsatInputError, np.linalg.LinAlgError) as exc:
        out.caveats.append(f"ACSI model skipped: {exc}")
        return
    paths = res.effects[res.effects["direct"] != 0][["from", "to", "direct"]].reset_index(drop=True)
    total = res.total_effects
    effect = pd.DataFrame({"on_satisfaction": total["Satisfaction"], "on_loyalty": total["Loyalty"], "index": index})
    acsi_res: dict[str, Any] = {"result": res, "index": index, "paths": paths, "effects": effect}
    if n_boot:
        try:
            boot = _quiet(lambda: pls.bootstrap(model, data, n_boot=n_boot, seed=seed, progress=tick))
            tab = boot.table[boot.table["kind"] == "path"].set_index("parameter")
            acsi_res["bootstrap"] = tab[["original", "std_error", "ci_lower", "ci_upper"]]
            weak = tab.index[(tab["ci_lower"] <= 0) & (tab["ci_upper"] >= 0)].tolist()
            if weak:
                out.caveats.append(f"ACSI: the 95 % bootstrap interval of {', '.join(weak)} includes 0.")
        except CsatInputError as exc:
            out.caveats.append(f"ACSI bootstrap skipped: {exc}")
    if res.n_dropped:
        out.caveats.append(f"ACSI: {res.n_dropped} respondents with a blank ACSI item were left out of the PLS fit (listwise).")
    out.acsi = acsi_res


def analyse(
    survey: pd.DataFrame | SurveyParts,
    *,
    n_boot: int = 200,
    seed: int = 2024,
    fuzzy_weights: Mapping[str, float] | None = None,
    acsi_links: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
    resample_progress: _Tick = None,
) -> Analysis:
    """Run every method the survey's columns allow, then compare them and plan.

    ``n_boot`` resamples for the quadrant and PLS bootstraps (0 = no bootstrap), with ``seed``.
    ``fuzzy_weights`` maps ``fz_`` keys to weights summing to 1 (default equal). ``acsi_links``
    maps attributes to ACSI constructs (default :data:`ACSI_LINKS` for the company's keys).
    ``progress`` is called with a short label before each step; ``resample_progress(done, n_boot)``
    with rising counts during each bootstrap (for a progress bar).
    """
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise CsatInputError(f"n_boot: must be a whole number >= 0 (0 = no bootstrap), got {n_boot!r}")
    if n_boot == 1:
        raise CsatInputError("n_boot: a bootstrap needs at least 2 resamples (or 0 for none)")
    parts = survey if isinstance(survey, SurveyParts) else parse_survey(survey)
    out = Analysis(parts=parts)
    say = progress or (lambda label: None)
    steps: list[tuple[str, Callable[[], None]]] = []
    if parts.ledger is not None:
        steps.append(("customer classes and Pareto", lambda: _customers_part(parts, out)))
    if parts.kano is not None:
        steps.append(("Kano classification", lambda: _kano_part(parts, out)))
    if parts.ipa is not None:
        steps.append(("importance-performance quadrants" + (" (bootstrap)" if n_boot else ""),
                      lambda: _ipa_part(parts, out, n_boot, seed, resample_progress)))
    if parts.fuzzy is not None:
        steps.append(("fuzzy evaluation", lambda: _fuzzy_part(parts, out, fuzzy_weights)))
    if parts.acsi is not None:
        steps.append(("ACSI model by PLS" + (" (bootstrap)" if n_boot else ""), lambda: _acsi_part(parts, out, n_boot, seed, resample_progress)))
    for label, step in steps:
        say(label)
        step()
    say("method comparison and improvement plan")
    if parts.attributes:
        out.comparison = _compare(out, acsi_links)
        out.plan = improvement_plan(out.comparison)
    if parts.ignored:
        out.caveats.append(f"Columns not analysed (no known prefix): {describe_values(parts.ignored, 8)}.")
    if parts.segment is None and (parts.kano is not None or parts.ipa is not None):
        out.caveats.append("No segment column: results are for all respondents together; segments may disagree (Chapter 2).")
    return out


# ============================================================================ comparison
def _agree(a: Any, b: Any) -> str:
    if a is None or b is None or (isinstance(a, float) and np.isnan(a)) or (isinstance(b, float) and np.isnan(b)):
        return "n/a"
    return "agree" if a == b else "differ"


def _compare(out: Analysis, acsi_links: Mapping[str, str] | None) -> pd.DataFrame:
    attrs = out.parts.attributes
    index = pd.Index(attrs, name="attribute")
    na = pd.Series(np.nan, index=index, dtype=object)
    cols: dict[str, Any] = {}  # each method's columns, in order; the frame is built once below
    if out.kano is not None:
        k = out.kano.reindex(attrs)
        cols["kano_category"] = k["category"]
        cols["kano_better"] = k["better"]
        cols["kano_worse"] = k["worse"]
    else:
        cols.update(kano_category=na, kano_better=np.nan, kano_worse=np.nan)
    if out.ipa is not None:
        g = out.ipa["gap"].reindex(attrs)
        cols["ipa_importance"] = g["importance"]
        cols["ipa_performance"] = g["performance"]
        q = out.ipa.get("quadrants")
        cols["ipa_quadrant"] = q["quadrant"].reindex(attrs) if q is not None else na
        cols["ipa_gap"] = g["gap"]
        dual = out.ipa.get("dual")
        cols["derived_importance"] = dual["derived"].reindex(attrs) if dual is not None else np.nan
        cols["importance_label"] = dual["label"].reindex(attrs) if dual is not None else na
        pr = out.ipa.get("prca")
        cols["prca_factor"] = _robust_factor(pr).reindex(attrs) if pr is not None else na
        cols["prca_ratio"] = pr["impact_asymmetry"].reindex(attrs) if pr is not None else np.nan
        conf = out.ipa.get("confidence")
        cols["ipa_p_modal"] = conf["p_modal"].reindex(attrs) if conf is not None else np.nan
    else:
        for c in ("ipa_importance", "ipa_performance", "ipa_gap", "derived_importance", "prca_ratio", "ipa_p_modal"):
            cols[c] = np.nan
        for c in ("ipa_quadrant", "importance_label", "prca_factor"):
            cols[c] = na
    if out.fuzzy is not None:
        per = out.fuzzy["per_factor"].reindex(attrs)
        cols["fuzzy_grade"] = per["grade"]
        cols["fuzzy_score"] = per["score"]
        known = per["score"].dropna()
        cols["fuzzy_weak"] = (per["score"] < known.mean()).where(per["score"].notna(), None) if len(known) else None
    else:
        cols.update(fuzzy_grade=na, fuzzy_score=np.nan, fuzzy_weak=na)
    links = dict(ACSI_LINKS if acsi_links is None else acsi_links)
    if out.acsi is not None:
        eff = out.acsi["effects"]
        con = pd.Series([links.get(a) for a in attrs], index=index, dtype=object)
        cols["acsi_construct"] = con
        cols["acsi_effect_on_loyalty"] = [eff.loc[c, "on_loyalty"] if c in eff.index else np.nan for c in con]
        cols["acsi_index"] = [eff.loc[c, "index"] if c in eff.index else np.nan for c in con]
    else:
        cols.update(acsi_construct=na, acsi_effect_on_loyalty=np.nan, acsi_index=np.nan)

    df = pd.DataFrame(cols, index=index)

    # agreement between methods that claim the same thing
    kano_factor = df["kano_category"].map(lambda c: KANO_TO_FACTOR.get(c) if isinstance(c, str) else None)
    df["kano_vs_prca"] = [
        "n/a" if not isinstance(p, str) or not isinstance(c, str) else ("n/a" if kf is None else _agree(kf, p))
        for c, kf, p in zip(df["kano_category"], kano_factor, df["prca_factor"])
    ]
    ipa_weak = df["ipa_quadrant"].map(lambda q: q in ("concentrate_here", "low_priority") if isinstance(q, str) else None)
    df["ipa_vs_fuzzy"] = [_agree(a, b) if a is not None and b is not None else "n/a"
                          for a, b in zip(ipa_weak, df["fuzzy_weak"])]
    kano_imp = df["kano_worse"].map(lambda w: bool(abs(w) >= 0.5) if pd.notna(w) else None)
    ipa_imp = df["ipa_quadrant"].map(lambda q: q in ("concentrate_here", "keep_up") if isinstance(q, str) else None)
    df["kano_vs_ipa_importance"] = [_agree(a, b) if a is not None and b is not None else "n/a"
                                    for a, b in zip(kano_imp, ipa_imp)]
    df["kano_segments_differ"] = _segment_note(out, attrs)
    rows = [r for _, r in df.iterrows()]  # every column _why, _is_weak and _action read is set by now
    df["why_they_differ"] = [_why(r) for r in rows]

    # priority score (see the module docstring)
    score = df["ipa_quadrant"].map(lambda q: _QUADRANT_POINTS.get(q, 0) if isinstance(q, str) else 0).astype(float)
    score += df["kano_category"].map(lambda c: _KANO_POINTS.get(c, 0) if isinstance(c, str) else 0).astype(float)
    score += (df["prca_factor"] == "basic").astype(float)
    score += (df["fuzzy_weak"] == True).astype(float)  # noqa: E712 (object column with None)
    if df["derived_importance"].notna().any():
        score += (df["derived_importance"] > df["derived_importance"].median()).astype(float)
    df["priority_score"] = score.astype(int)
    tiebreak = df["ipa_gap"].fillna(0.0) + 1e-3 * df["kano_worse"].abs().fillna(0.0)
    score_of = dict(zip(attrs, df["priority_score"].to_numpy()))
    tiebreak_of = dict(zip(attrs, tiebreak.to_numpy()))
    order = sorted(attrs, key=lambda a: (-score_of[a], -tiebreak_of[a], attrs.index(a)))
    df["priority"] = pd.Series({a: i + 1 for i, a in enumerate(order)}).reindex(df.index).astype(int)
    df["weak"] = [_is_weak(r) for r in rows]
    df["action"] = [_action(r) for r in rows]
    return df


def _robust_factor(pr: pd.DataFrame) -> pd.Series:
    """PRCA factor, kept only when the asymmetry is clear: |b_high| − |b_low| outside ±1.96·SE.

    The SE is √(se_low² + se_high²) (covariance ignored: the two dummies of one attribute never
    fire together). Otherwise the attribute is read as a symmetric *performance* factor, since a
    ratio b_high/|b_low| from noisy coefficients scatters around 1 (Chapter 3).
    """
    diff = np.abs(pr["b_high"].to_numpy()) - np.abs(pr["b_low"].to_numpy())
    se = np.sqrt(pr["se_low"].to_numpy() ** 2 + pr["se_high"].to_numpy() ** 2)
    clear = np.abs(diff) > 1.96 * se
    return pr["factor"].where(clear, "performance")


def _segment_note(out: Analysis, attrs: list[str]) -> list[str]:
    """'M for dealer, project' where a segment's Kano category differs from the overall one."""
    seg = out.kano_segments
    if seg is None or out.kano is None:
        return [""] * len(attrs)
    overall = dict(zip(out.kano.index, out.kano["category"].to_numpy(dtype=object)))
    row_of = {a: i for i, a in enumerate(seg.index)}
    cats = seg.to_numpy(dtype=object)  # attributes x segments
    notes = []
    for a in attrs:
        if a not in row_of:
            notes.append("")
            continue
        groups: dict[str, list[str]] = {}
        for s_name, cat in zip(seg.columns, cats[row_of[a]]):
            if cat != overall[a]:
                groups.setdefault(str(cat), []).append(str(s_name))
        notes.append("; ".join(f"{c} for {', '.join(v)}" for c, v in groups.items()))
    return notes


def _is_weak(r: pd.Series) -> bool:
    q = r["ipa_quadrant"]
    if isinstance(q, str):
        return q in ("concentrate_here", "low_priority")
    return bool(r["fuzzy_weak"] is True)


def _action(r: pd.Series) -> str:
    cat, q, fac = r["kano_category"], r["ipa_quadrant"], r["prca_factor"]
    weak = _is_weak(r)
    if weak and (cat == "M" or fac == "basic"):
        return "fix first"
    if weak and (cat == "O" or q == "concentrate_here"):
        return "improve"
    if cat == "A" or fac == "excitement":
        return "differentiate"
    if q == "possible_overkill" or cat == "I":
        return "hold (do not over-invest)"
    if q == "keep_up" or cat in ("M", "O"):
        return "keep up"
    return "watch"


def _why(r: pd.Series) -> str:
    notes = []
    if r["kano_vs_prca"] == "differ":
        notes.append(
            f"Kano says {r['kano_category']} (stated reaction to presence/absence) but PRCA finds "
            f"{'an' if str(r['prca_factor'])[0] in 'aeiou' else 'a'} {r['prca_factor']} factor (effect of low/high ratings on overall satisfaction)"
        )
    elif r["kano_category"] == "I" and r["prca_factor"] in ("basic", "excitement"):
        notes.append(f"Kano says indifferent overall, yet PRCA finds {'an' if r['prca_factor'][0] == 'e' else 'a'} {r['prca_factor']} factor: low ratings do move "
                     "overall satisfaction")
    if r["ipa_vs_fuzzy"] == "differ":
        side = "below" if r["ipa_quadrant"] in ("concentrate_here", "low_priority") else "above"
        notes.append(f"quadrant performance is {side} the crosshair but the fuzzy score is on the other side of the mean "
                     "(different questions and grades; check wording and who answered)")
    if r["kano_vs_ipa_importance"] == "differ":
        notes.append("Kano |Worse| and stated importance rank it differently (importance of absence vs rated importance)")
    if r["kano_segments_differ"]:
        notes.append(f"Kano category differs by segment ({r['kano_segments_differ']}): an average hides it")
    if r["importance_label"] in ("false_priority", "hidden_gem"):
        notes.append(f"stated vs derived importance: {str(r['importance_label']).replace('_', ' ')}")
    return "; ".join(notes)


def method_agreement(comparison: pd.DataFrame) -> pd.DataFrame:
    """Counts of agree / differ / n/a for each pair of methods compared.

    >>> from csat_helpers.datasets import load
    >>> int(method_agreement(compare_methods(load("company_survey"))).loc["kano_vs_prca", "agree"]) >= 3
    True
    """
    cols = ["kano_vs_prca", "ipa_vs_fuzzy", "kano_vs_ipa_importance"]
    missing = [c for c in cols if c not in comparison.columns]
    if missing:
        raise CsatInputError(f"comparison: missing column {missing[0]!r}; pass the result of compare_methods()")
    counts = {c: comparison[c].value_counts().reindex(["agree", "differ", "n/a"], fill_value=0) for c in cols}
    return pd.DataFrame(counts).T.astype(int)


def compare_methods(survey: pd.DataFrame | Analysis, *, acsi_links: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Side-by-side table indexed by attribute: each method's verdict, agreement and priority.

    Columns: kano_category, kano_better, kano_worse; ipa_importance, ipa_performance,
    ipa_quadrant, ipa_gap, derived_importance, importance_label, prca_factor (kept only when the
    penalty/reward asymmetry is clear at 5 %, else performance), prca_ratio, ipa_p_modal;
    fuzzy_grade, fuzzy_score, fuzzy_weak; acsi_construct, acsi_effect_on_loyalty, acsi_index;
    kano_vs_prca, ipa_vs_fuzzy, kano_vs_ipa_importance ("agree" / "differ" / "n/a"),
    kano_segments_differ, why_they_differ; priority_score, priority (1 = first), weak, action. Methods whose columns
    the survey lacks give NaN / "n/a". No bootstrap is run here (see :func:`analyse`).
    """
    if isinstance(survey, Analysis):
        if survey.comparison is None:
            raise CsatInputError("analysis: has no attribute-level parts (Kano, quadrant or fuzzy) to compare")
        return survey.comparison
    res = analyse(survey, n_boot=0, acsi_links=acsi_links)
    if res.comparison is None:
        raise CsatInputError("survey: has no attribute-level parts (Kano, quadrant or fuzzy) to compare")
    return res.comparison


_ACTION_TEXT = {
    "fix first": "Fix first: a must-be/basic need performing below par; every dissatisfied customer here is at risk.",
    "improve": "Improve: more performance buys more satisfaction here, and customers rate it as weak.",
    "differentiate": "Differentiate: an attractive/excitement attribute; invest where it is cheap to delight.",
    "keep up": "Keep up the good work: important and performing well; protect it.",
    "hold (do not over-invest)": "Hold: performing above what customers need or care about; move spare resources.",
    "watch": "Watch: no method calls for action now; re-survey to see whether it drifts.",
}


def improvement_plan(comparison: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """The plan: attributes in priority order with action, evidence and caveat.

    Columns: priority, action, what_to_do, evidence (the verdict of each method),
    priority_score, caveat (where methods disagree). ``top`` keeps the first rows.
    """
    need = ["priority", "priority_score", "action", "kano_category", "ipa_quadrant", "prca_factor",
            "fuzzy_score", "why_they_differ"]
    if not isinstance(comparison, pd.DataFrame):
        raise CsatInputError(f"comparison: expected the DataFrame from compare_methods(), got {type(comparison).__name__}")
    missing = [c for c in need if c not in comparison.columns]
    if missing:
        raise CsatInputError(f"comparison: missing column {missing[0]!r}; pass the result of compare_methods()")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise CsatInputError(f"top: must be a whole number >= 1, got {top!r}")
    c = comparison.sort_values("priority")
    evidence = []
    absent = [None] * len(c)
    for cat, quad, factor, fuzzy_score, construct, effect in zip(
        c["kano_category"], c["ipa_quadrant"], c["prca_factor"], c["fuzzy_score"],
        c["acsi_construct"] if "acsi_construct" in c.columns else absent,
        c["acsi_effect_on_loyalty"] if "acsi_effect_on_loyalty" in c.columns else absent,
    ):
        bits = []
        if isinstance(cat, str):
            bits.append(f"Kano {cat} ({kano.CATEGORIES[cat]['en']})")
        if isinstance(quad, str):
            bits.append(f"quadrant: {ipa.QUADRANTS[quad]['en']}")
        if isinstance(factor, str):
            bits.append(f"PRCA: {factor}")
        if pd.notna(fuzzy_score):
            bits.append(f"fuzzy score {fuzzy_score:.1f}")
        if isinstance(construct, str) and pd.notna(effect):
            bits.append(f"ACSI {construct} (total effect on loyalty {effect:.2f})")
        evidence.append("; ".join(bits))
    plan = pd.DataFrame(
        {
            "priority": c["priority"].to_numpy(),
            "action": c["action"].to_numpy(),
            "what_to_do": [_ACTION_TEXT[a] for a in c["action"]],
            "evidence": evidence,
            "priority_score": c["priority_score"].to_numpy(),
            "caveat": c["why_they_differ"].to_numpy(),
        },
        index=c.index,
    )
    return plan if top is None else plan.head(int(top))
