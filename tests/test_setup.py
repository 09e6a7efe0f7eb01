"""Set-up promises: pins agree, the launcher is stdlib-only, learner work is never overwritten."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from csat_helpers import nbtools

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, str]:
    pins = {}
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / name).read_text().splitlines():
            if "==" in line:
                pkg, ver = line.split("==")
                pins[pkg.strip().lower().replace("_", "-")] = ver.strip()
    return pins


def test_every_requirement_is_pinned_exactly():
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / name).read_text().splitlines():
            if line.strip() and not line.startswith(("#", "-r")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line.strip()), f"{name}: {line!r} is not pinned"


def test_environment_yml_matches_requirements():
    pins = _pins()
    text = (ROOT / "environment.yml").read_text()
    listed = re.findall(r"^\s+- ([a-zA-Z0-9_\-]+)==([\w.]+)\s+#\s*\S", text, flags=re.M)
    assert len(listed) >= 10, "environment.yml lists the course packages, each with a comment naming its chapter"
    for pkg, ver in listed:
        assert pins.get(pkg.lower()) == ver, f"environment.yml pins {pkg}=={ver}, requirements pin {pins.get(pkg.lower())}"
    assert "python=3.11" in text and "-e ." in text


def test_launcher_uses_only_the_standard_library():
    tree = ast.parse((ROOT / "course.py").read_text())
    modules = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    modules |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert modules <= set(sys.stdlib_module_names) | {"__future__"}, modules - set(sys.stdlib_module_names)


def test_launcher_binds_loopback_with_a_token():
    text = (ROOT / "course.py").read_text()
    assert "--ip=127.0.0.1" in text and "IdentityProvider.token" in text and "secrets.token_hex" in text


def test_readme_gives_the_two_commands_and_ci_calls_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 course.py open" in readme and "python3 course.py test" in readme
    assert "python3 course.py test" in (ROOT / ".ci/run").read_text()


def test_workbook_is_git_ignored():
    assert "workbook/" in (ROOT / ".gitignore").read_text().splitlines()


# ----------------------------------------------------------------------------- learner work is protected
def _masters(tmp_path: Path) -> Path:
    masters = tmp_path / "masters"
    masters.mkdir()
    for p in nbtools.chapter_paths()[:2]:
        (masters / p.name).write_bytes(p.read_bytes())
    return masters


def test_workbook_only_adds_missing_chapters(tmp_path):
    masters, wb = _masters(tmp_path), tmp_path / "workbook"
    added = nbtools.make_workbook(wb, masters)
    assert {p.name for p in added} == {p.name for p in masters.iterdir()}
    mine = wb / added[0].name
    mine.write_text("my own work", encoding="utf-8")
    assert nbtools.make_workbook(wb, masters) == []
    assert mine.read_text(encoding="utf-8") == "my own work"


def test_workbook_copies_have_no_solution_cells(tmp_path):
    wb = tmp_path / "workbook"
    for p in nbtools.make_workbook(wb):
        tags = [t for c in nbtools.read(p).cells for t in c.metadata.get("tags", [])]
        assert nbtools.SOLUTION_TAG not in tags, p.name


def test_reset_backs_up_before_replacing(tmp_path):
    masters, wb = _masters(tmp_path), tmp_path / "workbook"
    nbtools.make_workbook(wb, masters)
    name = sorted(p.name for p in masters.iterdir())[0]
    (wb / name).write_text("my answers", encoding="utf-8")
    fresh, backup = nbtools.reset_chapter(name[:2], wb, masters)
    assert backup is not None and backup.read_text(encoding="utf-8") == "my answers"
    assert backup.parent == wb / ".backups"
    assert fresh.read_text(encoding="utf-8") != "my answers"
    _, second = nbtools.reset_chapter(name[:2], wb, masters)
    assert second != backup and backup.exists()


def test_reset_refuses_an_ambiguous_chapter(tmp_path):
    with pytest.raises(SystemExit, match="matches 0 chapters"):
        nbtools.reset_chapter("99", tmp_path)
