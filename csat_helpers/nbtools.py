"""Notebook tooling: build, regenerate, navigation, student edition and workbook.

Command line (run from the repository root)::

    python -m csat_helpers.nbtools build SCRIPT.py notebooks/NN_slug.ipynb
    python -m csat_helpers.nbtools regenerate [notebooks/NN_slug.ipynb ...]
    python -m csat_helpers.nbtools check
    python -m csat_helpers.nbtools student OUTDIR
    python -m csat_helpers.nbtools workbook WORKBOOK_DIR
    python -m csat_helpers.nbtools reset NN WORKBOOK_DIR

``build`` turns a py-percent script (``# %% [markdown]`` / ``# %%`` cells,
optional ``tags=[...]``) into a master notebook; ``regenerate`` refreshes the
generated navigation and contents cells, executes the masters with nbclient
(cwd ``notebooks/``) and cleans them to the diff-friendly form of
``specs/course_conventions.md`` §5. Nothing here ever overwrites a learner's
notebook in ``workbook/``: ``workbook`` only adds missing chapters and
``reset`` saves a timestamped backup first.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbformat import NotebookNode

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO / "notebooks"
CHAPTER_NAME = re.compile(r"^\d\d[a-z]?_[a-z0-9_]+\.ipynb$")
NAV_MARK = "<!-- NAVIGATION -->"
CONTENTS_START, CONTENTS_END = "<!-- CONTENTS -->", "<!-- /CONTENTS -->"
WIDGET_TAG, SOLUTION_TAG = "nbval-ignore-output", "solution"
_DROP_CELL_META = ("execution", "ExecuteTime", "collapsed", "scrolled", "hidden", "jupyter", "editable", "deletable")

__all__ = [
    "chapter_paths", "read", "write", "parse_script", "build", "update_generated", "execute", "clean",
    "problems", "student_copy", "make_workbook", "reset_chapter", "title_of",
]


# ------------------------------------------------------------------------------- read / write
def chapter_paths(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    """Master notebooks in course order (by file name)."""
    return sorted(p for p in directory.glob("*.ipynb") if CHAPTER_NAME.match(p.name))


def read(path: Path) -> NotebookNode:
    return nbformat.read(path, as_version=4)


def write(nb: NotebookNode, path: Path) -> None:
    """Write as JupyterLab does: nbformat JSON, indent 1, sorted keys, UTF-8, trailing newline."""
    text = nbformat.writes(nb)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


# ------------------------------------------------------------------------------- build
_CELL_RE = re.compile(r"^# %%(?P<md> \[markdown\])?(?:\s+tags=(?P<tags>\[.*\]))?\s*$")


def _cell_id(slug: str, source: str, seen: dict[str, int]) -> str:
    base = hashlib.sha1(f"{slug}\n{source}".encode()).hexdigest()[:8]
    seen[base] = seen.get(base, 0) + 1
    return f"{slug[:12].rstrip('_')}-{base}" + (f"-{seen[base]}" if seen[base] > 1 else "")


def parse_script(text: str, slug: str) -> NotebookNode:
    """Cells of a py-percent script as a new notebook (ids stable for unchanged cells)."""
    nb = nbformat.v4.new_notebook()
    seen: dict[str, int] = {}
    current: dict | None = None
    cells: list[dict] = []
    for line in text.splitlines():
        m = _CELL_RE.match(line)
        if m:
            current = {"markdown": bool(m.group("md")), "tags": json.loads(m.group("tags") or "[]"), "lines": []}
            cells.append(current)
        elif current is not None:
            current["lines"].append(line)
    for c in cells:
        lines = c["lines"]
        while lines and not lines[-1].strip():
            lines.pop()
        if c["markdown"]:
            src = "\n".join(re.sub(r"^# ?", "", ln) for ln in lines)
            cell = nbformat.v4.new_markdown_cell(src)
        else:
            cell = nbformat.v4.new_code_cell("\n".join(lines))
        if c["tags"]:
            cell.metadata["tags"] = c["tags"]
        cell.id = _cell_id(slug, cell.source, seen)
        nb.cells.append(cell)
    return nb


def build(script: Path, target: Path, *, execute_it: bool = True) -> None:
    """Convert ``script`` into master ``target``, add navigation, execute and clean it."""
    nb = parse_script(script.read_text(encoding="utf-8"), target.stem)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(NAV_MARK))
    nb.cells.append(nbformat.v4.new_markdown_cell(NAV_MARK))
    for cell, suffix in ((nb.cells[1], "nav-top"), (nb.cells[-1], "nav-bottom")):
        cell.id = f"{target.stem[:12].rstrip('_')}-{suffix}"
    write(clean(nb), target)
    update_generated()
    if execute_it:
        regenerate([target])


# ------------------------------------------------------------------------------- generated cells
def title_of(nb: NotebookNode) -> tuple[str, str]:
    """(title, estimated time) from a chapter's first cell."""
    first = nb.cells[0].source.splitlines()
    title = first[0].lstrip("#").strip() if first else ""
    m = re.search(r"\*\*Estimated time:\*\*\s*([^·(]+?)\s*(?:\(|·|$)", nb.cells[0].source)
    return title, (m.group(1).strip() if m else "")


def _navigation(paths: list[Path], i: int, titles: list[str]) -> str:
    parts = []
    if i > 0:
        parts.append(f"< [{titles[i - 1]}]({paths[i - 1].name})")
    parts.append(f"[Contents]({paths[0].name}#Contents)")
    if i < len(paths) - 1:
        parts.append(f"[{titles[i + 1]}]({paths[i + 1].name}) >")
    return f"{NAV_MARK}\n" + " | ".join(parts)


def _contents(paths: list[Path], nbs: list[NotebookNode]) -> str:
    rows = ["| Chapter | Time |", "|---|---|"]
    for p, nb in zip(paths, nbs):
        title, time = title_of(nb)
        rows.append(f"| [{title}]({p.name}) | {time} |")
    return "\n".join(rows)


def expected_generated(paths: list[Path]) -> dict[Path, NotebookNode]:
    """The masters with navigation and contents as they should be (not written)."""
    nbs = [read(p) for p in paths]
    titles = [title_of(nb)[0] for nb in nbs]
    for i, nb in enumerate(nbs):
        for idx in (1, len(nb.cells) - 1):
            if nb.cells[idx].source.startswith(NAV_MARK):
                nb.cells[idx].source = _navigation(paths, i, titles)
        for cell in nb.cells:
            if cell.cell_type == "markdown" and CONTENTS_START in cell.source:
                head, rest = cell.source.split(CONTENTS_START, 1)
                tail = rest.split(CONTENTS_END, 1)[1] if CONTENTS_END in rest else ""
                cell.source = f"{head}{CONTENTS_START}\n{_contents(paths, nbs)}\n{CONTENTS_END}{tail}"
    return dict(zip(paths, nbs))


def update_generated(paths: list[Path] | None = None) -> list[Path]:
    """Rewrite stale navigation/contents cells in place; return the files changed."""
    paths = paths or chapter_paths()
    changed = []
    for p, nb in expected_generated(paths).items():
        if read(p) != nb:
            write(nb, p)
            changed.append(p)
    return changed


# ------------------------------------------------------------------------------- execute / clean
def execute(nb: NotebookNode, cwd: Path = NOTEBOOK_DIR, timeout: int = 600) -> NotebookNode:
    """Run every cell in a fresh kernel (the current Python's), like nbval does."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
    )
    client.execute()
    return nb


def clean(nb: NotebookNode) -> NotebookNode:
    """Diff-friendly form: minimal metadata, no timestamps, no widget state or widget outputs."""
    lang = nb.metadata.get("language_info", {}).get("name", "python")
    nb.metadata = NotebookNode(
        kernelspec=NotebookNode(display_name="Python 3 (ipykernel)", language="python", name="python3"),
        language_info=NotebookNode(name=lang),
    )
    nb.nbformat, nb.nbformat_minor = 4, 5
    for cell in nb.cells:
        for key in _DROP_CELL_META:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            if WIDGET_TAG in cell.metadata.get("tags", []):
                cell.outputs = []
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("application/vnd.jupyter.widget-view+json", None)
                out.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)
        elif "attachments" in cell and not cell.attachments:
            del cell["attachments"]
    return nb


def regenerate(paths: list[Path] | None = None) -> None:
    """Refresh generated cells, then execute and clean each master in place."""
    update_generated()
    for p in paths or chapter_paths():
        nb = execute(read(p), p.parent)
        write(clean(nb), p)
        print(f"regenerated {p.name}")


def problems(nb: NotebookNode, name: str = "notebook") -> list[str]:
    """Breaches of the diff-friendly rules (empty list = clean)."""
    out = []
    if set(nb.metadata) - {"kernelspec", "language_info"} or set(nb.metadata.get("language_info", {})) - {"name"}:
        out.append(f"{name}: notebook metadata other than kernelspec and language_info.name")
    ids = [c.get("id") for c in nb.cells]
    if None in ids or len(set(ids)) != len(ids):
        out.append(f"{name}: cell ids missing or not unique")
    count = 0
    for i, cell in enumerate(nb.cells):
        bad = [k for k in _DROP_CELL_META if k in cell.metadata]
        if bad:
            out.append(f"{name}: cell {i} has metadata {bad}")
        if cell.cell_type != "code":
            continue
        count += 1
        if cell.execution_count != count:
            out.append(f"{name}: cell {i} has execution_count {cell.execution_count}, expected {count}")
        if WIDGET_TAG in cell.metadata.get("tags", []) and cell.outputs:
            out.append(f"{name}: widget cell {i} has stored outputs")
        if any(o.output_type == "error" for o in cell.outputs):
            out.append(f"{name}: cell {i} stores an error")
        if any(o.output_type == "stream" and o.name == "stderr" for o in cell.outputs):
            out.append(f"{name}: cell {i} writes to stderr")
    return out


# ------------------------------------------------------------------------------- student copies
def student_copy(nb: NotebookNode) -> NotebookNode:
    """A copy without ``solution`` cells (everything else, outputs included, kept)."""
    copy = nbformat.from_dict(json.loads(json.dumps(nb)))
    copy.cells = [c for c in copy.cells if SOLUTION_TAG not in c.metadata.get("tags", [])]
    return copy


def make_workbook(workbook: Path, masters: Path = NOTEBOOK_DIR) -> list[Path]:
    """Add the student copy of every chapter missing from ``workbook``; never touch existing files."""
    workbook.mkdir(parents=True, exist_ok=True)
    added = []
    for src in chapter_paths(masters):
        dest = workbook / src.name
        if not dest.exists():
            write(student_copy(read(src)), dest)
            added.append(dest)
    return added


def reset_chapter(chapter: str, workbook: Path, masters: Path = NOTEBOOK_DIR) -> tuple[Path, Path | None]:
    """Replace one workbook chapter by a fresh copy, after a timestamped backup of the old one.

    ``chapter`` is a prefix such as ``"02"`` or a file name. Returns (fresh copy, backup or None).
    """
    matches = [p for p in chapter_paths(masters) if p.name.startswith(chapter.removesuffix(".ipynb"))]
    if len(matches) != 1:
        names = ", ".join(p.name for p in chapter_paths(masters))
        raise SystemExit(f"reset: {chapter!r} matches {len(matches)} chapters; use one of: {names}")
    src = matches[0]
    dest = workbook / src.name
    backup = None
    if dest.exists():
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = workbook / ".backups" / f"{src.stem}.{stamp}.ipynb"
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(dest, backup)
    workbook.mkdir(parents=True, exist_ok=True)
    write(student_copy(read(src)), dest)
    return dest, backup


# ------------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m csat_helpers.nbtools", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="py-percent script -> executed master notebook")
    b.add_argument("script", type=Path)
    b.add_argument("target", type=Path)
    b.add_argument("--no-execute", action="store_true")
    r = sub.add_parser("regenerate", help="refresh navigation, execute and clean masters")
    r.add_argument("paths", nargs="*", type=Path)
    sub.add_parser("check", help="list stale generated cells and unclean masters")
    s = sub.add_parser("student", help="write the student edition (no solution cells)")
    s.add_argument("outdir", type=Path)
    w = sub.add_parser("workbook", help="add missing chapters to a workbook folder")
    w.add_argument("workbook", type=Path)
    z = sub.add_parser("reset", help="back up and reset one workbook chapter")
    z.add_argument("chapter")
    z.add_argument("workbook", type=Path)
    args = ap.parse_args(argv)

    if args.cmd == "build":
        build(args.script, args.target, execute_it=not args.no_execute)
    elif args.cmd == "regenerate":
        regenerate([p.resolve() for p in args.paths] or None)
    elif args.cmd == "check":
        paths = chapter_paths()
        issues = [f"{p.name}: navigation/contents stale" for p, nb in expected_generated(paths).items() if read(p) != nb]
        issues += [msg for p in paths for msg in problems(read(p), p.name)]
        print("\n".join(issues) or "all masters clean")
        return 1 if issues else 0
    elif args.cmd == "student":
        args.outdir.mkdir(parents=True, exist_ok=True)
        for p in chapter_paths():
            write(student_copy(read(p)), args.outdir / p.name)
    elif args.cmd == "workbook":
        for p in make_workbook(args.workbook):
            print(f"added {p}")
    elif args.cmd == "reset":
        dest, backup = reset_chapter(args.chapter, args.workbook)
        print(f"backed up the old copy to {backup}" if backup else "no earlier copy to back up")
        print(f"fresh copy at {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
