"""Every exercise: the solution passes, a placeholder is 'not answered', each known
mistake gets its diagnosis, and no hint or message gives the answer away
(specs/course_conventions.md §3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import csat_helpers as ch
from csat_helpers.checks import all_exercises, check, get_exercise, hint

EXERCISES = all_exercises()
IDS = [ex.id for ex in EXERCISES]


def _answer_strings(value) -> set[str]:
    """Printed forms of a numeric answer that would give it away (>= 4 characters)."""
    if isinstance(value, pd.Series):
        values = value.to_numpy(dtype=float)
    elif isinstance(value, dict):
        values = np.asarray(list(value.values()), dtype=float)
    elif isinstance(value, (list, tuple, np.ndarray)):
        values = np.asarray(value, dtype=float).ravel()
    elif isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        values = np.array([float(value)])
    else:
        return set()
    forms = set()
    for v in values:
        if float(v).is_integer() and abs(v) < 1000:
            continue  # small integers appear in any text
        for fmt in ("{:.2f}", "{:.3f}", "{:.4f}", "{:.4g}"):
            s = fmt.format(v)
            if len(s.lstrip("-").replace(".", "")) >= 3:
                forms.add(s)
    return forms


def test_registry_is_not_empty():
    assert "0.1" in IDS


@pytest.mark.parametrize("exercise_id", IDS)
def test_solution_passes(exercise_id):
    ex = get_exercise(exercise_id)
    result = check(ex.expected(), exercise_id)
    assert result.passed is True, result.message
    assert "Correct" in result.message


@pytest.mark.parametrize("exercise_id", IDS)
def test_placeholder_is_not_answered(exercise_id):
    for placeholder in (..., None):
        result = check(placeholder, exercise_id)
        assert result.passed is None
        assert "not answered" in result.message


@pytest.mark.parametrize("exercise_id", IDS)
def test_known_mistakes_get_their_diagnosis(exercise_id):
    ex = get_exercise(exercise_id)
    for mistake in ex.mistakes:
        result = check(mistake.value(), exercise_id)
        assert result.passed is False, f"mistake {mistake.diagnosis!r} is accepted as right"
        assert mistake.diagnosis in result.message


@pytest.mark.parametrize("exercise_id", IDS)
def test_nothing_leaks_the_answer(exercise_id):
    ex = get_exercise(exercise_id)
    texts = [hint(exercise_id, level).text for level in range(1, len(ex.hints) + 1)]
    texts += [check(..., exercise_id).message, check(object(), exercise_id).message]
    texts += [m.diagnosis for m in ex.mistakes] + [ex.title, ex.expects]
    for form in _answer_strings(ex.expected()):
        for text in texts:
            assert form not in text, f"{exercise_id}: {form!r} appears in {text!r}"
    assert len(ex.hints) >= 2, "graded hints: at least concept and step"


@pytest.mark.parametrize("exercise_id", IDS)
def test_reveal_only_on_request(exercise_id):
    assert "revealed" not in check(..., exercise_id).message
    assert "revealed on request" in check(..., exercise_id, reveal=True).message


def test_wrong_type_says_what_is_expected():
    result = ch.check("four", "0.1")
    assert result.passed is False and "a number" in result.message


def test_wrong_value_is_not_yet_and_diagnosed():
    assert "sum" in check(16, "0.1").message
    assert check(3.0, "0.1").passed is False


def test_unknown_exercise_names_the_known_ones():
    result = check(1, "9.99")
    assert result.passed is False and "0.1" in result.message


def test_hints_are_graded_and_bounded():
    first = hint("0.1", 1)
    assert first.level == 1 and "hint 1 of" in first.text
    with pytest.raises(ch.CsatInputError, match="hint level"):
        hint("0.1", 0)
    for level in (True, 1.0, "2"):  # True would otherwise read as "hint True of 3"
        with pytest.raises(ch.CsatInputError, match=r"hint level for 0\.1: must be 1-\d, got"):
            hint("0.1", level)


def test_check_result_repr_is_deterministic():
    assert repr(check(4.0, "0.1")) == repr(check(4.0, "0.1"))
    assert bool(check(4.0, "0.1")) is True


def _worked_example_outputs(chapter: str) -> str:
    """Everything a chapter's master prints outside its solution cells."""
    from csat_helpers import nbtools

    path = next(p for p in nbtools.chapter_paths() if p.name.startswith(chapter))
    nb = nbtools.read(path)
    return "\n".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        + "".join(o.get("data", {}).get("text/html", ""))
        for c in nb.cells if c.cell_type == "code" and nbtools.SOLUTION_TAG not in c.metadata.get("tags", [])
        for o in c.get("outputs", [])
    )


NUMERIC_IDS = [ex.id for ex in EXERCISES if not ex.id.startswith("0.") and isinstance(ex.expected(), float)]


@pytest.mark.parametrize("exercise_id", NUMERIC_IDS)
def test_no_worked_example_output_gives_the_answer_away(exercise_id):
    # conventions §3: a self-check tests doing the method, not copying an output printed above it
    value = get_exercise(exercise_id).expected()
    shown = _worked_example_outputs(f"{int(exercise_id.split('.')[0]):02d}")
    forms = [f"{value:.3f}", f"{value:.4f}", f"{value:.2%}"] + ([f"{value:.2f}"] if abs(value) >= 10 else [])
    for form in forms:  # two decimals only where they are specific (4+ digits)
        assert form not in shown, f"{exercise_id}: {form} is printed by the chapter's worked example"
