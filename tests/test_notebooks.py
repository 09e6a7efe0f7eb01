"""Structure of the master notebooks (specs/course_conventions.md §2, §3, §5)."""

from __future__ import annotations

import re

import pytest

from csat_helpers import nbtools
from csat_helpers.checks import all_exercises
from csat_helpers.glossary import GLOSSARY

PATHS = nbtools.chapter_paths()
CHAPTERS = [p for p in PATHS if not p.name.startswith("00_")]
SECTIONS = [
    "## Learning objectives (学习目标)",
    "## Concepts (概念)",
    "## Worked example (例题)",
    "## Explore (互动探索)",
    "## Exercises (练习)",
    "## Summary (小结)",
    "## References (参考文献)",
]
EXPECTED_NAMES = ["00_welcome", "01_customer_focus", "02_kano", "03_measurement_quadrant",
                  "04_fuzzy_ahp", "05_satisfaction_index", "06_capstone"]


def _md(nb):
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def test_file_names_follow_the_convention():
    for p in PATHS:
        assert nbtools.CHAPTER_NAME.match(p.name)
        stem = re.sub(r"^(\d\d)[a-z]_", r"\1_", p.stem)
        assert any(stem.startswith(n[:3]) for n in EXPECTED_NAMES), p.name


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_master_is_clean_and_fully_executed(path):
    assert nbtools.problems(nbtools.read(path), path.name) == []


def test_navigation_and_contents_are_fresh():
    stale = [p.name for p, nb in nbtools.expected_generated(PATHS).items() if nbtools.read(p) != nb]
    assert stale == [], "run: python3 course.py regenerate (navigation/contents are stale)"


def test_contents_links_every_chapter():
    welcome = "\n".join(_md(nbtools.read(PATHS[0])))
    for p in PATHS:
        assert f"]({p.name})" in welcome


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_chapter_follows_the_template(path):
    nb = nbtools.read(path)
    title = nb.cells[0].source
    assert re.match(r"^# \d+[a-z]? · .+\(.*[\u4e00-\u9fff].*\)", title), "title: '# N · Title (中文)'"
    assert re.search(r"\*\*Estimated time:\*\* \d+ min .*\*\*Prerequisites:\*\*", title)
    assert nb.cells[1].source.startswith(nbtools.NAV_MARK) and nb.cells[-1].source.startswith(nbtools.NAV_MARK)
    assert nb.cells[2].cell_type == "code" and nb.cells[2].source.startswith("import csat_helpers as ch; ch.setup()")
    positions = []
    for heading in SECTIONS:
        hits = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and heading in c.source]
        assert hits, f"missing section {heading!r}"
        positions.append(hits[0])
    assert positions == sorted(positions), "sections out of order"
    objectives = next(c.source for c in nb.cells if SECTIONS[0] in c.source)
    n_items = len(re.findall(r"^\s*(?:[-*]|\d+\.) ", objectives, flags=re.M))
    assert 3 <= n_items <= 6, f"{n_items} learning objectives; 3-6 expected"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_widget_cells_are_one_line_and_tagged(path):
    explore = False
    for cell in nbtools.read(path).cells:
        if cell.cell_type == "markdown" and "## Explore" in cell.source:
            explore = True
        if explore and cell.cell_type == "markdown" and "## Exercises" in cell.source:
            break
        if explore and cell.cell_type == "code" and nbtools.WIDGET_TAG in cell.metadata.get("tags", []):
            assert len(cell.source.strip().splitlines()) == 1, cell.source
            return
    pytest.fail("no one-line widget cell tagged nbval-ignore-output in Explore")


def test_every_exercise_is_in_its_chapter_with_a_solution_after_it():
    text = {p.name[:2]: nbtools.read(p) for p in PATHS}
    for ex in all_exercises():
        nb = text.get(f"{int(ex.id.split('.')[0]):02d}")
        assert nb is not None, f"exercise {ex.id}: no chapter notebook"
        call = re.compile(rf"ch\.check\(\s*answer_\w+\s*,\s*[\"']{re.escape(ex.id)}[\"']")
        cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and call.search(c.source)]
        assert len(cells) >= 2, f"exercise {ex.id}: needs a placeholder cell and a solution cell"
        placeholder, solution = nb.cells[cells[0]], nb.cells[cells[1]]
        assert "= ..." in placeholder.source and nbtools.SOLUTION_TAG not in placeholder.metadata.get("tags", [])
        assert nbtools.SOLUTION_TAG in solution.metadata.get("tags", [])
        stored = "".join(o.get("data", {}).get("text/plain", "") for o in solution.outputs)
        assert "Correct" in stored, f"exercise {ex.id}: stored solution output is not 'Correct'"


BOLD_TERM = re.compile(r"\*\*([A-Za-z][^*()\n]*?) \(([^)\n]*[\u4e00-\u9fff][^)\n]*)\)\*\*")


def test_every_bilingual_term_is_in_the_glossary():
    known = {k.lower() for k in GLOSSARY}
    missing = set()
    for p in PATHS:
        for src in _md(nbtools.read(p)):
            for en, _zh in BOLD_TERM.findall(src):
                if en.strip().lower() not in known:
                    missing.add(f"{p.name}: {en.strip()}")
    assert not missing, "add to csat_helpers/glossary.py: " + "; ".join(sorted(missing))


def test_student_edition_has_no_solutions():
    for p in PATHS:
        copy = nbtools.student_copy(nbtools.read(p))
        assert all(nbtools.SOLUTION_TAG not in c.metadata.get("tags", []) for c in copy.cells)
