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
import shutil
import socket
import subprocess
import sys
import sysconfig
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


NO_PIP = ("Cannot put pip into .venv: this Python has neither ensurepip nor a pip (22.3 or newer) that can install "
          "into another environment. On Debian/Ubuntu run: sudo apt install python3-pip  (or python3-venv), "
          "then run this command again.")


def has_ensurepip() -> bool:
    """Whether ``venv`` can put pip in by itself (Debian ships ensurepip in python3-venv, which may be missing)."""
    return Path(sysconfig.get_path("stdlib"), "ensurepip", "__main__.py").exists()


def create_venv() -> None:
    """Create .venv with pip in it.

    Debian's python3 has no ensurepip unless python3-venv is installed, and its ``venv`` then
    exits instead of raising. So without ensurepip (or when ``venv`` with pip fails anyway)
    create the environment without pip and let the system pip install pip into it
    (``python3 -m pip --python .venv/bin/python install pip``, pip >= 22.3); if that fails too,
    remove the half-made .venv and exit with one line saying what to install.
    """
    print(f"Creating the course environment in {VENV} ...", flush=True)
    if has_ensurepip():
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
            return
        except (subprocess.CalledProcessError, OSError, SystemExit):
            pass
    print("This Python has no working ensurepip (Debian: python3-venv is not installed); "
          "installing pip into .venv with the system pip instead ...", flush=True)
    try:
        venv.EnvBuilder(with_pip=False, clear=True).create(VENV)
        status = _run([sys.executable, "-m", "pip", "--python", _python(), "install",
                       "--disable-pip-version-check", "-q", "pip"])
    except OSError:
        status = 1
    if status != 0:
        shutil.rmtree(VENV, ignore_errors=True)  # the next run starts from scratch
        sys.exit(NO_PIP)


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
        create_venv()
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


def free_port() -> int:
    """A port on 127.0.0.1 that is free now, so the URL printed before JupyterLab starts is right."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_command(py: Path, extra: list[str]) -> tuple[list[str], str]:
    """The JupyterLab command (loopback, fresh token, landing on the course index) and what to tell the user.

    Without a ``--port`` in ``extra`` a free port is chosen here and Jupyter may not move off it
    (``port_retries=0``), so the printed URL is the one that works; with the user's own port
    only JupyterLab knows the final URL, so the user is pointed to the URL it prints.
    """
    token = secrets.token_hex(24)
    cmd = [
        str(py), "-m", "jupyter", "lab", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={WORKBOOK}", "--LabApp.default_url=/lab/tree/00_welcome.ipynb",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if any(a.startswith(("--port", "--ServerApp.port")) for a in extra):
        note = "Open the course with the http://127.0.0.1:... URL JupyterLab prints below (it carries the token)."
    else:
        port = free_port()
        cmd += [f"--port={port}", "--ServerApp.port_retries=0"]
        note = f"Opening the course at http://127.0.0.1:{port}/lab/tree/00_welcome.ipynb?token={token}"
    return cmd + extra, note


def cmd_open(extra: list[str]) -> int:
    py = ensure_venv("open")
    _run([py, "-m", "csat_helpers.nbtools", "workbook", WORKBOOK])
    cmd, note = lab_command(py, extra)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    print(f"\n{note}  Stop with Ctrl+C.\n", flush=True)
    try:
        return _run(cmd)
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
