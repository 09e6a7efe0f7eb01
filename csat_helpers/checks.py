"""Instant self-checks for the exercises: ``check``, ``hint`` and the exercise registry.

A chapter's exercises live in ``csat_helpers/exercises/chNN.py`` as a list
``EXERCISES`` of :class:`Exercise`.  The expected value is *computed* by a
function from the exercise's own data, so the answer is stored nowhere in
the notebook or in this package's text.

``check`` never raises on a trainee's answer: it replies with a
:class:`CheckResult` whose repr is the feedback.

>>> r = check(..., "0.1")
>>> r.passed is None
True
>>> print(r)
0.1 · not answered yet. Replace ... with your answer; stuck? try ch.hint("0.1")
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .errors import CsatInputError
from .validation import is_number

__all__ = ["CheckResult", "Exercise", "Mistake", "check", "hint", "get_exercise", "all_exercises"]

Kind = Literal["number", "vector", "choice", "choices", "text", "bool"]


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check: ``passed`` is True, False, or None (not answered)."""

    passed: bool | None
    message: str

    def __repr__(self) -> str:
        return self.message

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self.passed)


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer (computed like the expected one) and its diagnosis."""

    value: Callable[[], Any]
    diagnosis: str


@dataclass(frozen=True)
class Exercise:
    """One exercise.

    kind
        ``"number"`` (tolerance ``tol``), ``"vector"`` (a list, array, Series or
        dict compared element-wise; labelled answers are aligned by label),
        ``"choice"`` (one key such as ``"B"``), ``"choices"`` (a set of keys),
        ``"text"`` (a word, compared case-insensitively; ``synonyms`` accepted)
        or ``"bool"``.
    expected
        Function returning the right answer, computed from the exercise data.
        For ``choice``/``choices`` it returns the stored key(s).
    expects
        Plain words for the type and shape wanted, shown on a wrong type.
    """

    id: str
    title: str
    kind: Kind
    expected: Callable[[], Any]
    expects: str
    hints: tuple[str, ...]
    takeaway: str
    tol: float = 1e-6
    mistakes: tuple[Mistake, ...] = ()
    synonyms: tuple[str, ...] = ()
    options: tuple[str, ...] = ()


_REGISTRY: dict[str, Exercise] | None = None
_HINT_LEVEL: dict[str, int] = {}


def _registry() -> dict[str, Exercise]:
    global _REGISTRY
    if _REGISTRY is None:
        from . import exercises

        reg: dict[str, Exercise] = {}
        for mod in sorted(pkgutil.iter_modules(exercises.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{exercises.__name__}.{mod.name}")
            for ex in getattr(module, "EXERCISES", []):
                if ex.id in reg:
                    raise RuntimeError(f"exercise id {ex.id!r} is defined twice")
                reg[ex.id] = ex
        _REGISTRY = reg
    return _REGISTRY


def all_exercises() -> list[Exercise]:
    """Every registered exercise, ordered by id."""
    return [ex for _, ex in sorted(_registry().items(), key=lambda kv: [int(p) if p.isdigit() else p for p in kv[0].split(".")])]


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with this id, or a CsatInputError listing the ids that exist."""
    reg = _registry()
    if exercise_id not in reg:
        known = ", ".join(ex.id for ex in all_exercises())
        raise CsatInputError(f"no exercise {exercise_id!r}; known exercises: {known}")
    return reg[exercise_id]


# ----------------------------------------------------------------------------- comparison
def _as_vector(x: Any) -> pd.Series | None:
    """A labelled Series for Series/dict input, an unlabelled one for sequences; None if not 1-D numeric."""
    try:
        if isinstance(x, pd.Series):
            s = x
        elif isinstance(x, pd.DataFrame):
            if x.shape[1] != 1:
                return None
            s = x.iloc[:, 0]
        elif isinstance(x, Mapping):
            s = pd.Series(dict(x))
        elif isinstance(x, (list, tuple, np.ndarray)):
            arr = np.asarray(x)
            if arr.ndim != 1:
                return None
            s = pd.Series(arr)
            s.attrs["unlabelled"] = True
        else:
            return None
        return s.astype(float)
    except (TypeError, ValueError):
        return None


def _norm_text(x: Any) -> str:
    return " ".join(str(x).strip().lower().replace("_", " ").replace("-", " ").split())


def _same(kind: Kind, answer: Any, expected: Any, tol: float, synonyms: Sequence[str] = ()) -> bool | None:
    """True/False when comparable, None when the answer has the wrong type or shape."""
    if kind == "number":
        if not is_number(answer) or not math.isfinite(float(answer)):
            return None
        return abs(float(answer) - float(expected)) <= tol
    if kind == "vector":
        a, e = _as_vector(answer), _as_vector(expected)
        if a is None or e is None or len(a) != len(e):
            return None
        if not a.attrs.get("unlabelled") and not e.attrs.get("unlabelled"):
            if set(a.index) != set(e.index):
                return None
            a = a.reindex(e.index)
        return bool(np.all(np.abs(a.to_numpy() - e.to_numpy()) <= tol))
    if kind == "choice":
        if not isinstance(answer, str):
            return None
        return _norm_text(answer) == _norm_text(expected)
    if kind == "choices":
        if isinstance(answer, str) or not isinstance(answer, (set, frozenset, list, tuple)):
            return None
        return {_norm_text(a) for a in answer} == {_norm_text(e) for e in expected}
    if kind == "text":
        if not isinstance(answer, str):
            return None
        return _norm_text(answer) in {_norm_text(expected), *(_norm_text(s) for s in synonyms)}
    if kind == "bool":
        if not isinstance(answer, (bool, np.bool_)):
            return None
        return bool(answer) == bool(expected)
    raise ValueError(f"unknown exercise kind {kind!r}")


def _format_value(value: Any) -> str:
    if isinstance(value, pd.Series):
        return value.round(6).to_string()
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(repr(v) for v in sorted(value)) + "}"
    if is_number(value):
        return f"{float(value):.6g}"
    return repr(value)


def check(answer: Any, exercise_id: str, *, reveal: bool = False) -> CheckResult:
    """Check ``answer`` against exercise ``exercise_id``; never raises on the answer.

    ``reveal=True`` adds the expected answer to the reply (only then is it shown).
    """
    try:
        ex = get_exercise(exercise_id)
    except CsatInputError as exc:
        return CheckResult(False, str(exc))
    prefix = f"{ex.id} · "
    if answer is ... or answer is None:
        msg = f"{prefix}not answered yet. Replace ... with your answer; stuck? try ch.hint(\"{ex.id}\")"
        return _maybe_reveal(CheckResult(None, msg), ex, reveal)
    expected = ex.expected()
    verdict = _same(ex.kind, answer, expected, ex.tol, ex.synonyms)
    if verdict is None:
        msg = f"{prefix}not the kind of answer expected: {ex.expects} (got {type(answer).__name__})."
        return _maybe_reveal(CheckResult(False, msg), ex, reveal)
    if verdict:
        return _maybe_reveal(CheckResult(True, f"{prefix}Correct! {ex.takeaway}"), ex, reveal)
    for mistake in ex.mistakes:
        if _same(ex.kind, answer, mistake.value(), ex.tol, ()):
            msg = f"{prefix}not yet. {mistake.diagnosis}"
            return _maybe_reveal(CheckResult(False, msg), ex, reveal)
    msg = f"{prefix}not yet. Check your working; ch.hint(\"{ex.id}\") gives a nudge."
    return _maybe_reveal(CheckResult(False, msg), ex, reveal)


def _maybe_reveal(result: CheckResult, ex: Exercise, reveal: bool) -> CheckResult:
    if not reveal:
        return result
    return CheckResult(result.passed, f"{result.message}\nAnswer (revealed on request): {_format_value(ex.expected())}")


@dataclass(frozen=True)
class Hint:
    """A hint; its repr is the text so a notebook cell shows it directly."""

    text: str
    level: int
    of: int
    _: Any = field(default=None, repr=False)

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def hint(exercise_id: str, level: int | None = None) -> Hint:
    """Graded hints: concept, then step, then near-code. Never the value itself.

    With ``level=None`` each call gives the next hint (staying on the last one).
    """
    ex = get_exercise(exercise_id)
    n = len(ex.hints)
    if level is None:
        level = min(_HINT_LEVEL.get(ex.id, 0) + 1, n)
    elif isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= n:
        raise CsatInputError(f"hint level for {ex.id}: must be 1-{n}, got {level!r}")
    _HINT_LEVEL[ex.id] = level
    more = f" (ch.hint(\"{ex.id}\") again for hint {level + 1})" if level < n else ""
    return Hint(f"{ex.id} · hint {level} of {n}: {ex.hints[level - 1]}{more}", level, n)
