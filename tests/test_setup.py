"""Set-up promises: pins agree, the launcher is stdlib-only, learner work is never overwritten."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
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


def test_ci_runs_as_ci_so_the_browser_test_cannot_skip():
    assert 'export CI="${CI:-true}"' in (ROOT / ".ci/run").read_text()


def test_conda_route_opens_the_workbook_not_the_masters():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    conda = readme[readme.index("### Conda"):readme.index("## Chapters")]
    assert "python -m csat_helpers.nbtools workbook workbook" in conda
    assert "--ip=127.0.0.1" in conda and "--ServerApp.root_dir=workbook" in conda
    for text in (conda, (ROOT / "environment.yml").read_text(encoding="utf-8")):
        assert "notebooks/00_welcome.ipynb" not in text


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


# ----------------------------------------------------------------------------- launcher: venv without ensurepip, URL
def _course():
    spec = importlib.util.spec_from_file_location("course_launcher", ROOT / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _FakeBuilder:
    """Stands in for venv.EnvBuilder: like Debian's python3 without python3-venv, whose venv
    prints advice and calls sys.exit(1) when ensurepip is missing."""

    made: list[bool] = []

    def __init__(self, *, with_pip: bool, clear: bool):
        self.with_pip = with_pip

    def create(self, env_dir):
        _FakeBuilder.made.append(self.with_pip)
        Path(env_dir, "bin").mkdir(parents=True, exist_ok=True)
        Path(env_dir, "bin", "python").write_text("")
        if self.with_pip:
            raise _FakeBuilder.failure


@pytest.fixture
def launcher(tmp_path, monkeypatch):
    course = _course()
    monkeypatch.setattr(course, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(course.venv, "EnvBuilder", _FakeBuilder)
    _FakeBuilder.made = []
    _FakeBuilder.failure = SystemExit(1)
    monkeypatch.setattr(course, "has_ensurepip", lambda: True)
    calls: list[list[str]] = []
    course.calls = calls
    monkeypatch.setattr(course, "_run", lambda cmd, **kw: calls.append([str(c) for c in cmd]) or course.status)
    course.status = 0
    return course


@pytest.mark.parametrize("failure", [SystemExit(1), subprocess.CalledProcessError(1, ["python", "-m", "ensurepip"])])
def test_venv_whose_ensurepip_fails_gets_pip_from_the_system_pip(launcher, failure):
    _FakeBuilder.failure = failure
    launcher.create_venv()
    assert _FakeBuilder.made == [True, False]  # tried with pip, then made it without
    venv_python = str(launcher.VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    assert launcher.calls == [[sys.executable, "-m", "pip", "--python", venv_python, "install",
                               "--disable-pip-version-check", "-q", "pip"]]


def test_venv_without_ensurepip_does_not_try_it(launcher, monkeypatch):
    monkeypatch.setattr(launcher, "has_ensurepip", lambda: False)
    launcher.create_venv()
    assert _FakeBuilder.made == [False] and launcher.calls[0][2:5] == ["pip", "--python", str(launcher._python())]


def test_venv_without_any_pip_route_says_what_to_install(launcher):
    launcher.status = 1  # the system pip is missing or older than 22.3
    with pytest.raises(SystemExit) as exc:
        launcher.create_venv()
    assert "sudo apt install python3-pip" in str(exc.value) and "\n" not in str(exc.value)
    assert not launcher.VENV.exists(), "a half-made .venv would be reused next time"


def test_venv_with_ensurepip_needs_no_fallback(launcher, monkeypatch):
    monkeypatch.setattr(_FakeBuilder, "create", lambda self, env_dir: _FakeBuilder.made.append(self.with_pip))
    launcher.create_venv()
    assert _FakeBuilder.made == [True] and launcher.calls == []


def test_printed_url_has_the_port_jupyter_is_told_to_use(launcher):
    cmd, note = launcher.lab_command(Path("py"), [])
    port = next(a.split("=")[1] for a in cmd if a.startswith("--port="))
    token = next(a.split("=")[1] for a in cmd if a.startswith("--IdentityProvider.token="))
    assert "--ServerApp.port_retries=0" in cmd  # Jupyter may not move to another port
    assert f"http://127.0.0.1:{port}/lab/tree/00_welcome.ipynb?token={token}" in note
    cmd, note = launcher.lab_command(Path("py"), ["--port=9999"])
    assert cmd.count("--port=9999") == 1 and not any(a.startswith("--ServerApp.port_retries") for a in cmd)
    assert "URL JupyterLab prints" in note and "9999" not in note
