#!/usr/bin/env python3
"""Course launcher: the only commands a trainee or instructor needs (standard library only).

    python3 course.py open              # set up .venv, create workbook/, open JupyterLab
    python3 course.py test [PYTEST ARGS] # set up test packages, run the whole test suite
    python3 course.py reset 02          # back up workbook/02_*.ipynb, then give a fresh copy
    python3 course.py regenerate        # instructors: re-execute the master notebooks
    python3 course.py editions [--force] # instructors: build/student/ (no solutions) + build/site/ (offline HTML)

Everything is installed into ./.venv from the pinned requirements files; nothing
is installed globally. The virtual environment is reused while the requirements
are unchanged. Your notebooks live in ./workbook/ and are never overwritten:
course updates only add chapters you do not have yet.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
WORKBOOK = ROOT / "workbook"
REQUIREMENTS = {"open": ["requirements.txt"], "test": ["requirements.txt", "requirements-test.txt"]}
NBVAL_ARGS = [
    "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "--nbval-cell-timeout=120",
]


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _run(cmd: list[str], **kw) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, **kw)


def ensure_venv(kind: str) -> Path:
    """Create or reuse .venv; install the pins for ``kind`` when they changed."""
    if sys.version_info < (3, 11):
        sys.exit(f"This course needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    files = REQUIREMENTS[kind]
    digest = hashlib.sha256(
        (sys.version.split()[0] + "".join((ROOT / f).read_text(encoding="utf-8") for f in files)).encode()
    ).hexdigest()
    stamp = VENV / f".csat-{kind}.sha256"
    py = _python()
    if not py.exists():
        print(f"Creating the course environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"Installing the pinned packages ({', '.join(files)}); the first time takes a few minutes ...", flush=True)
        args = [py, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        for f in files:
            args += ["-r", f]
        if _run(args) != 0:
            sys.exit("Installing the course packages failed; see the messages above.")
        # make csat_helpers importable from any folder (kernels start in workbook/ or notebooks/)
        site = subprocess.check_output([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True)
        (Path(site.strip()) / "csat_course.pth").write_text(str(ROOT) + "\n", encoding="utf-8")
        stamp.write_text(digest)
    return py


def cmd_open(extra: list[str]) -> int:
    py = ensure_venv("open")
    _run([py, "-m", "csat_helpers.nbtools", "workbook", WORKBOOK])
    token = secrets.token_hex(24)
    print(f"\nOpening the course at http://127.0.0.1:8888/lab?token={token}  (if 8888 is busy Jupyter picks the next port;"
          " the URL it prints carries the token). Stop with Ctrl+C.\n", flush=True)
    cmd = [
        py, "-m", "jupyter", "lab", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={WORKBOOK}", "--LabApp.default_url=/lab/tree/00_welcome.ipynb",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    try:
        return _run(cmd + extra)
    except KeyboardInterrupt:
        return 0


def cmd_test(extra: list[str]) -> int:
    """Stage 1: unit tests, doctests, masters under strict nbval, browser test.
    Stage 2 (whole-suite runs only): the student edition runs through under --nbval-lax,
    proving that no cell depends on a removed solution cell."""
    py = ensure_venv("test")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")  # no MPLBACKEND: kernels need the inline backend
    status = _run([py, "-m", "pytest", *NBVAL_ARGS, *extra], env=env)
    if status != 0 or extra:
        return status
    with tempfile.TemporaryDirectory(prefix="csat-student-") as tmp:
        if _run([py, "-m", "csat_helpers.nbtools", "student", tmp]) != 0:
            return 1
        lax = [a.replace("--nbval", "--nbval-lax") if a == "--nbval" else a for a in NBVAL_ARGS]
        lax = [str(ROOT / a) if a.endswith(".cfg") else a for a in lax]
        print("\nStudent edition (solutions removed) under --nbval-lax:", flush=True)
        return _run([py, "-m", "pytest", *lax, "-p", "no:cacheprovider", "-q", tmp], env=env)


def cmd_reset(extra: list[str]) -> int:
    if len(extra) != 1:
        sys.exit("usage: python3 course.py reset NN   (e.g. 02 for the Kano chapter)")
    py = ensure_venv("open")
    return _run([py, "-m", "csat_helpers.nbtools", "reset", extra[0], WORKBOOK])


def cmd_regenerate(extra: list[str]) -> int:
    py = ensure_venv("test")
    return _run([py, "-m", "csat_helpers.nbtools", "regenerate", *extra])


def cmd_editions(extra: list[str]) -> int:
    """Student edition (solutions removed) in build/student/, static HTML site in build/site/."""
    py = ensure_venv("test")
    return _run([py, "-m", "csat_helpers.site", "build", *extra])


COMMANDS = {"open": cmd_open, "test": cmd_test, "reset": cmd_reset, "regenerate": cmd_regenerate, "editions": cmd_editions}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
