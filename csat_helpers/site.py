"""Instructor tooling: the student edition and a static, offline HTML site of the course.

Command line (run from the repository root)::

    python -m csat_helpers.site OUTDIR [--force]

writes ``OUTDIR/student/`` (every master notebook with its ``solution`` cells removed, via
:func:`csat_helpers.nbtools.student_copy`) and ``OUTDIR/site/`` (one HTML page per chapter plus
an ``index.html`` contents page) for reading without installing anything.
``python3 course.py editions`` runs it with ``OUTDIR=build`` (ignored by git).

What the site is, and what was chosen for reading offline
---------------------------------------------------------
* Each page is the *student* copy of a chapter rendered with nbconvert's ``HTMLExporter``
  (template ``lab``, shipped with JupyterLab) from its **stored outputs**; nothing is
  re-executed. Plots are already embedded in the notebooks as base64 PNG, and the lab
  template inlines its CSS, so every page is one self-contained file.
* The lab template would load require.js, MathJax and mermaid from CDNs (and, if a notebook
  stored widget state, the widget renderer from unpkg). These blocks are **dropped** by a small
  template override (:data:`_TEMPLATE`): no page needs any ``http(s)://`` script or stylesheet.
  The price: formulas appear as their LaTeX source (``$\\frac{A+O}{...}$``) instead of typeset
  maths, and widgets (whose state the masters never store) are not interactive. Every page's
  footer says both, and each empty widget cell gets a short note on how to run it.
* Links between chapters (``NN_slug.ipynb`` and ``NN_slug.ipynb#Anchor``, as in the generated
  navigation and contents cells) are rewritten to ``NN_slug.html``; :func:`broken_links`
  lists any relative link that does not resolve, and the command fails if there is one.

Safety: nothing is ever written into ``notebooks/`` or ``workbook/`` (an OUTDIR that is,
contains or lies inside either is refused), and an existing non-empty OUTDIR is only reused
when it carries the marker file this command writes (:data:`MARKER`), unless ``--force``.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

from csat_helpers import nbtools
from csat_helpers.errors import CsatInputError

REPO = nbtools.REPO
PROTECTED = (nbtools.NOTEBOOK_DIR, REPO / "workbook")
MARKER = ".csat-editions"

__all__ = ["build_student_edition", "build_site", "broken_links", "prepare_outdir", "main", "MARKER"]

FOOTER_NOTE = (
    "Read-only edition of the course, rendered from the stored outputs of the student notebooks "
    "(exercise solutions removed). It works offline: no scripts are loaded, so formulas are shown "
    "as their LaTeX source and widgets are not interactive. To run the cells, use the widgets and "
    "check your answers, open the course with <code>python3 course.py open</code>."
)

# The lab template minus everything that would be fetched from a CDN; plus a footer.
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">
.csat-site-footer { max-width: 60em; margin: 2em auto 1em; padding: 0.8em 1em;
  border-top: 1px solid #ccc; color: #555; font-size: 0.9em; }
.csat-widget-note { color: #555; font-style: italic; }
</style>
{%- endblock html_head_css -%}
{% block body_footer %}
<footer class="csat-site-footer">
<p><a href="index.html">Course contents (目录)</a></p>
<p>""" + FOOTER_NOTE + """</p>
</footer>
</main>
</body>
{% endblock body_footer %}
"""
_TEMPLATE_NAME = "csat_offline.html.j2"

_WIDGET_NOTE = (
    '<p class="csat-widget-note">Interactive widget: it appears when this cell runs in JupyterLab '
    "(<code>python3 course.py open</code>).</p>"
)

# href="NN_slug.ipynb" or href="./NN_slug.ipynb#Anchor" -> href="NN_slug.html…"
_CHAPTER_HREF = re.compile(r'(href=")(?:\./)?(\d\d[a-z]?_[a-z0-9_]+)\.ipynb((?:#[^"]*)?")')
_TITLE = re.compile(r"^(?P<num>\S+)\s*·\s*(?P<en>.*?)\s*(?:\((?P<zh>[^()]*)\))?\s*$")


# ------------------------------------------------------------------------------- guards
def _resolved(path: Path | str) -> Path:
    return Path(path).expanduser().resolve()


def _refuse_protected(outdir: Path | str) -> Path:
    """The resolved ``outdir``; refuse notebooks/ or workbook/, anything inside them or above them."""
    out = _resolved(outdir)
    for guarded in PROTECTED:
        g = guarded.resolve()
        if out == g or g in out.parents or out in g.parents:
            raise CsatInputError(
                f"output directory {out}: refusing to write there because it is, lies inside or "
                f"contains {g} (the masters and the learners' workbook are never written by this "
                "command); choose a separate folder such as build/"
            )
    return out


def prepare_outdir(outdir: Path | str, *, force: bool = False) -> Path:
    """Check and claim ``outdir`` for the editions; remove our previous ``student/`` and ``site/``.

    Refuses (``CsatInputError``) a protected folder, a file, or a non-empty folder without
    :data:`MARKER` (i.e. not made by this command) unless ``force``.
    """
    out = _refuse_protected(outdir)
    if out.exists() and not out.is_dir():
        raise CsatInputError(f"output directory {out}: is a file; give a folder (new or made by this command)")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists() and not force:
        raise CsatInputError(
            f"output directory {out}: not empty and not made by this command (no {MARKER} marker); "
            "refusing to overwrite it. Give a new or empty folder, or pass --force"
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(
        "Made by `python -m csat_helpers.site`; its student/ and site/ folders are rebuilt on every run.\n",
        encoding="utf-8",
    )
    for sub in ("student", "site"):
        target = out / sub
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)
    return out


# ------------------------------------------------------------------------------- student edition
def build_student_edition(outdir: Path | str, *, source: Path = nbtools.NOTEBOOK_DIR) -> list[Path]:
    """Write the student copy (no ``solution`` cells) of every master in ``source``; return the files."""
    out = _refuse_protected(outdir)
    masters = nbtools.chapter_paths(Path(source))
    if not masters:
        raise CsatInputError(f"source {source}: no chapter notebooks (NN_slug.ipynb) found")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for src in masters:
        dest = out / src.name
        nbtools.write(nbtools.student_copy(nbtools.read(src)), dest)
        written.append(dest)
    return written


# ------------------------------------------------------------------------------- site
def _exporter():
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        template_file=_TEMPLATE_NAME,
        extra_loaders=[jinja2.DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
    )


def _with_widget_notes(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give each output-less widget cell a note (display only; the notebooks are not changed)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and nbtools.WIDGET_TAG in cell.metadata.get("tags", []) and not cell.outputs:
            cell.outputs = [nbformat.v4.new_output(
                "display_data",
                data={"text/html": _WIDGET_NOTE, "text/plain": "Interactive widget (run in JupyterLab)"},
            )]
    return nb


def _rewrite_links(page: str) -> str:
    """``href="NN_slug.ipynb#A"`` -> ``href="NN_slug.html#A"``.

    >>> _rewrite_links('<a href="02_kano.ipynb">x</a> <a href="00_welcome.ipynb#Contents">y</a>')
    '<a href="02_kano.html">x</a> <a href="00_welcome.html#Contents">y</a>'
    """
    return _CHAPTER_HREF.sub(lambda m: f"{m.group(1)}{m.group(2)}.html{m.group(3)}", page)


def _split_title(title: str) -> tuple[str, str, str]:
    """(number, English, 中文) of a chapter title.

    >>> _split_title("2 · The Kano model (KANO模型)")
    ('2', 'The Kano model', 'KANO模型')
    """
    m = _TITLE.match(title)
    if not m:
        return "", title, ""
    return m.group("num"), m.group("en"), m.group("zh") or ""


def _index_page(rows: list[tuple[str, str]]) -> str:
    """The contents page: one row per (file name, title, time) chapter."""
    body = []
    for name, title, time in rows:
        num, en, zh = _split_title(title)
        body.append(
            f'<tr><td>{html.escape(num)}</td><td><a href="{html.escape(name)}">{html.escape(en)}</a></td>'
            f"<td>{html.escape(zh)}</td><td>{html.escape(time)}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Customer Satisfaction Methods · 顾客满意度方法训练教程</title>
<style type="text/css">
body {{ font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 60em;
  margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 0.4em 0.8em; border-bottom: 1px solid #ddd; }}
footer {{ margin-top: 2em; padding-top: 0.8em; border-top: 1px solid #ccc; color: #555; font-size: 0.9em; }}
</style>
</head>
<body>
<main>
<h1>Customer Satisfaction Methods <small>(顾客满意度方法训练教程)</small></h1>
<p>A workbook on measuring and improving customer satisfaction. Start with the first chapter.</p>
<h2 id="Contents">Contents (目录)</h2>
<table>
<thead><tr><th>#</th><th>Chapter</th><th>中文</th><th>Estimated time</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
<footer><p>{FOOTER_NOTE}</p></footer>
</main>
</body>
</html>
"""


def build_site(outdir: Path | str, *, source: Path = nbtools.NOTEBOOK_DIR) -> list[Path]:
    """Render the student copy of every chapter in ``source`` to ``outdir``; return the pages.

    One ``NN_slug.html`` per chapter (stored outputs, not re-executed; chapter links rewritten to
    ``.html``) plus ``index.html``, the contents page (title in English and 中文, estimated time).
    ``source`` may hold masters or an existing student edition (removing solutions is idempotent).
    """
    out = _refuse_protected(outdir)
    chapters = nbtools.chapter_paths(Path(source))
    if not chapters:
        raise CsatInputError(f"source {source}: no chapter notebooks (NN_slug.ipynb) found")
    out.mkdir(parents=True, exist_ok=True)
    exporter = _exporter()
    pages, rows = [], []
    for src in chapters:
        nb = nbtools.student_copy(nbtools.read(src))
        title, time = nbtools.title_of(nb)
        body, _ = exporter.from_notebook_node(_with_widget_notes(nb), resources={"metadata": {"name": title}})
        page = out / f"{src.stem}.html"
        page.write_text(_rewrite_links(body), encoding="utf-8")
        pages.append(page)
        rows.append((page.name, title, time))
    index = out / "index.html"
    index.write_text(_index_page(rows), encoding="utf-8")
    return [index, *pages]


# ------------------------------------------------------------------------------- link check
class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(unquote(a["id"]))
        if tag == "a" and a.get("name"):
            self.ids.add(unquote(a["name"]))
        if a.get("href") is not None:
            self.hrefs.append(a["href"])


def _refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path | str) -> list[str]:
    """Relative links in the site's pages whose file (or ``#anchor`` in it) does not exist."""
    site = Path(site)
    cache: dict[Path, _Refs] = {}
    problems = []
    for page in sorted(site.glob("*.html")):
        refs = cache.setdefault(page.resolve(), _refs(page))
        for href in refs.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "data:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            if not target.exists():
                problems.append(f"{page.name}: link {href!r} -> missing file")
            elif parts.fragment and target.suffix == ".html":
                ids = cache.setdefault(target, _refs(target)).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.name}: link {href!r} -> no anchor #{parts.fragment} in {target.name}")
    return problems


# ------------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m csat_helpers.site",
        description="Build OUTDIR/student/ (notebooks without solutions) and OUTDIR/site/ (offline HTML).",
    )
    ap.add_argument("outdir", type=Path, help="output folder, e.g. build (never notebooks/ or workbook/)")
    ap.add_argument("--force", action="store_true", help="use a non-empty OUTDIR not made by this command")
    args = ap.parse_args(argv)
    try:
        out = prepare_outdir(args.outdir, force=args.force)
        notebooks = build_student_edition(out / "student")
        pages = build_site(out / "site", source=out / "student")
    except CsatInputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    problems = broken_links(out / "site")
    print(f"student edition: {len(notebooks)} notebooks in {out / 'student'}")
    print(f"site: {len(pages)} pages; open {out / 'site' / 'index.html'} in a browser")
    if problems:
        print("broken links:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
