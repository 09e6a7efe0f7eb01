"""Kano part of the Huajia Appliances (华家电器) survey: planted Kano classes per attribute.

For each of the ten :data:`~csat_helpers.datasets.company.ATTRIBUTES` every
respondent answers the functional question (``kano_<attr>_func``), the
dysfunctional question (``kano_<attr>_dysf``), both coded 1 like, 2 must-be,
3 neutral, 4 live-with, 5 dislike (blank = no answer), and rates self-stated
importance 1-9 (``kano_<attr>_imp``).

How the answers are made: each attribute has a true class per segment
(:data:`TRUE_CLASS`). A respondent's own category is the true class with
probability ``p_true`` and otherwise one of the other categories (including a
little Reverse and Questionable noise); the answer pair is then drawn from the
cells of the evaluation table that give that category. About 2% of pairs lose
one or both answers. Importance depends on the respondent's own category.

Planted story (for chapter 2 and the capstone): reliability, delivery and
installation and repair are must-be (fix them first); performance, price,
energy cost and staff attitude are one-dimensional; design and information
are attractive; complaint handling is indifferent for households and online
shoppers (most never complain) but must-be for dealers and project customers;
design is indifferent for project customers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .company import ATTRIBUTES, SEGMENTS

__all__ = ["TRUE_CLASS", "P_TRUE", "make", "columns_of", "kano_frames"]

#: attribute -> segment -> planted class (A, O, M, I)
TRUE_CLASS: dict[str, dict[str, str]] = {
    "performance": dict.fromkeys(SEGMENTS, "O"),
    "design": {"household": "A", "dealer": "A", "project": "I", "online_store": "A"},
    "reliability": dict.fromkeys(SEGMENTS, "M"),
    "price": dict.fromkeys(SEGMENTS, "O"),
    "energy_cost": dict.fromkeys(SEGMENTS, "O"),
    "delivery_install": dict.fromkeys(SEGMENTS, "M"),
    "repair": dict.fromkeys(SEGMENTS, "M"),
    "complaint_handling": {"household": "I", "dealer": "M", "project": "M", "online_store": "I"},
    "staff_attitude": dict.fromkeys(SEGMENTS, "O"),
    "information": dict.fromkeys(SEGMENTS, "A"),
}

#: probability that a respondent's own category is the planted class
P_TRUE: dict[str, float] = {
    "performance": 0.56, "design": 0.52, "reliability": 0.62, "price": 0.50, "energy_cost": 0.48,
    "delivery_install": 0.55, "repair": 0.58, "complaint_handling": 0.55, "staff_attitude": 0.50,
    "information": 0.50,
}

P_REVERSE = 0.025
P_QUESTIONABLE = 0.015
P_MISSING = 0.02

# when a respondent departs from the planted class, the neighbouring categories are likelier
# (attractive drifts to one-dimensional, one-dimensional to must-be, ...): weights over A, O, M, I
_NEIGHBOURS = {
    "A": {"O": 0.45, "M": 0.10, "I": 0.45},
    "O": {"A": 0.35, "M": 0.45, "I": 0.20},
    "M": {"A": 0.10, "O": 0.55, "I": 0.35},
    "I": {"A": 0.40, "O": 0.25, "M": 0.35},
}

# table cells (functional, dysfunctional) that give each category
_CELLS = {
    "A": [(1, 2), (1, 3), (1, 4)],
    "O": [(1, 5)],
    "M": [(2, 5), (3, 5), (4, 5)],
    "I": [(2, 2), (2, 3), (2, 4), (3, 2), (3, 3), (3, 4), (4, 2), (4, 3), (4, 4)],
    "R": [(2, 1), (3, 1), (4, 1), (5, 1), (5, 2), (5, 3), (5, 4)],
    "Q": [(1, 1), (5, 5)],
}
_CELL_WEIGHTS = {
    "A": [0.30, 0.45, 0.25],
    "O": [1.0],
    "M": [0.45, 0.30, 0.25],
    "I": [0.06, 0.10, 0.04, 0.10, 0.40, 0.10, 0.04, 0.10, 0.06],
    "R": [0.10, 0.15, 0.10, 0.35, 0.10, 0.15, 0.05],
    "Q": [0.5, 0.5],
}
_ORDER = ("A", "O", "M", "I", "R", "Q")
#: mean self-stated importance (1-9) by the respondent's own category
_IMPORTANCE_MEAN = {"M": 7.6, "O": 7.0, "A": 5.4, "I": 3.6, "R": 3.0, "Q": 5.0}


def columns_of(attr: str) -> tuple[str, str, str]:
    """Column names (functional, dysfunctional, importance) of one attribute."""
    return f"kano_{attr}_func", f"kano_{attr}_dysf", f"kano_{attr}_imp"


def _probabilities(true: str, p_true: float) -> np.ndarray:
    """P(A, O, M, I, R, Q) of one respondent's own category."""
    rest = 1.0 - p_true - P_REVERSE - P_QUESTIONABLE
    p = dict.fromkeys(_ORDER, 0.0)
    p[true] = p_true
    for c, w in _NEIGHBOURS[true].items():
        p[c] = rest * w
    p["R"], p["Q"] = P_REVERSE, P_QUESTIONABLE
    return np.array([p[c] for c in _ORDER])


def _bw(p: np.ndarray) -> tuple[float, float]:
    a, o, m, i = p[:4]
    return (a + o) / (a + o + m + i), -(o + m) / (a + o + m + i)


def make(rng: np.random.Generator, respondents: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Kano columns for the survey respondents (one row each, same order) and the planted truth."""
    n = len(respondents)
    seg = respondents["segment"].to_numpy()
    cols: dict[str, pd.array] = {}
    truth_classes: dict[str, str] = {}
    by_segment: dict[str, dict[str, str]] = {}
    intended: dict[str, dict[str, float]] = {}
    seg_counts = {s: int((seg == s).sum()) for s in SEGMENTS}
    for attr in ATTRIBUTES:
        p_true = P_TRUE[attr]
        own = np.empty(n, dtype=np.int64)
        mix = np.zeros(6)
        for s in SEGMENTS:
            probs = _probabilities(TRUE_CLASS[attr][s], p_true)
            rows = np.flatnonzero(seg == s)
            own[rows] = rng.choice(6, size=len(rows), p=probs)
            mix += probs * seg_counts[s] / n
        func = np.zeros(n, dtype=np.int64)
        dysf = np.zeros(n, dtype=np.int64)
        for k, c in enumerate(_ORDER):
            rows = np.flatnonzero(own == k)
            cells = np.array(_CELLS[c])
            pick = rng.choice(len(cells), size=len(rows), p=_CELL_WEIGHTS[c])
            func[rows] = cells[pick, 0]
            dysf[rows] = cells[pick, 1]
        imp_mean = np.array([_IMPORTANCE_MEAN[c] for c in _ORDER])[own]
        imp = np.clip(np.round(rng.normal(imp_mean, 1.2)), 1, 9).astype(np.int64)
        # missing answers: one or both questions of the pair left blank; a few importance blanks
        miss = rng.random(n) < P_MISSING
        which = rng.integers(0, 3, size=n)  # 0 functional, 1 dysfunctional, 2 both
        f_na = miss & (which != 1)
        d_na = miss & (which != 0)
        i_na = rng.random(n) < 0.01
        fc, dc, ic = columns_of(attr)
        cols[fc] = pd.array(np.where(f_na, 0, func), dtype="Int64")
        cols[fc][f_na] = pd.NA
        cols[dc] = pd.array(np.where(d_na, 0, dysf), dtype="Int64")
        cols[dc][d_na] = pd.NA
        cols[ic] = pd.array(np.where(i_na, 0, imp), dtype="Int64")
        cols[ic][i_na] = pd.NA
        classes = {s: TRUE_CLASS[attr][s] for s in SEGMENTS}
        overall = _ORDER[int(np.argmax(mix[:4]))]
        truth_classes[attr] = overall
        by_segment[attr] = classes
        b, w = _bw(mix)
        intended[attr] = {"better": round(float(b), 4), "worse": round(float(w), 4)}
    frame = pd.DataFrame(cols)
    truth = {
        "classes": truth_classes,
        "classes_by_segment": by_segment,
        "intended_better_worse": intended,
        "p_true": P_TRUE,
        "p_reverse": P_REVERSE,
        "p_questionable": P_QUESTIONABLE,
        "p_missing_pair": P_MISSING,
        "coding": {"1": "like", "2": "must-be", "3": "neutral", "4": "live-with", "5": "dislike"},
        "importance_scale": [1, 9],
        "columns": "kano_<attr>_func, kano_<attr>_dysf (1-5), kano_<attr>_imp (1-9)",
    }
    return frame, truth


def kano_frames(survey: pd.DataFrame, attributes: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Split the company survey into functional, dysfunctional and importance frames (columns = attribute keys)."""
    from ..errors import CsatInputError

    attrs = list(ATTRIBUTES) if attributes is None else list(attributes)
    unknown = [a for a in attrs if a not in ATTRIBUTES]
    if unknown:
        raise CsatInputError(f"attributes: unknown {', '.join(map(repr, unknown))} (known: {', '.join(ATTRIBUTES)})")
    need = [c for a in attrs for c in columns_of(a)]
    missing = [c for c in need if c not in survey.columns]
    if missing:
        raise CsatInputError(f"survey: missing column {missing[0]!r}; load it with datasets.load('company_survey')")
    parts = []
    for k in range(3):
        df = survey[[columns_of(a)[k] for a in attrs]].copy()
        df.columns = attrs
        parts.append(df)
    return parts[0], parts[1], parts[2]
