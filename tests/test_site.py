"""The instructor edition: student notebooks without solutions, and the static offline site.

Follows specs/course_conventions.md §7 (nbconvert's HTML exporter over the committed outputs,
a generated contents page, .ipynb links rewritten to .html, every link checked) and the
fastbook practice of a guarded student copy (§1).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from csat_helpers import nbtools, site
from csat_helpers.errors import CsatInputError

MASTERS = nbtools.chapter_paths()


def _is_solution(cell) -> bool:
    return nbtools.SOLUTION_TAG in cell.metadata.get("tags", [])


class _Page(HTMLParser):
    """Every href, element id, script src, stylesheet link and inline script/style text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self.links: list[str] = []
        self.inline: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(unquote(a["id"]))
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])
        if tag == "script":
            if a.get("src"):
                self.scripts.append(a["src"])
            self._in = "script"
        if tag == "style":
            self._in = "style"
        if tag == "link" and a.get("href"):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline.append((self._in, data))


def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("site")
    return out, site.build_site(out)


# ------------------------------------------------------------------------------- student edition
def test_student_edition_drops_solutions_and_keeps_everything_else(tmp_path):
    written = site.build_student_edition(tmp_path)
    assert [p.name for p in written] == [p.name for p in MASTERS]
    assert sum(_is_solution(c) for m in MASTERS for c in nbtools.read(m).cells) > 0  # the test has teeth
    for master in MASTERS:
        nb, student = nbtools.read(master), nbtools.read(tmp_path / master.name)
        assert not [c for c in student.cells if _is_solution(c)], master.name
        # every non-solution cell kept, in order, with its source, id, tags and outputs
        assert student.cells == [c for c in nb.cells if not _is_solution(c)], master.name
        assert student.metadata == nb.metadata


# ------------------------------------------------------------------------------- site
def test_one_page_per_chapter_and_an_index_linking_every_chapter(built):
    out, pages = built
    assert sorted(p.name for p in out.glob("*.html")) == sorted(["index.html", *(f"{m.stem}.html" for m in MASTERS)])
    assert sorted(pages) == sorted(out.glob("*.html"))
    index = _parse(out / "index.html")
    text = (out / "index.html").read_text(encoding="utf-8")
    for m in MASTERS:
        assert f"{m.stem}.html" in index.hrefs, m.name
        title, time = nbtools.title_of(nbtools.read(m))
        zh = re.search(r"\(([^()]*)\)\s*$", title)
        assert zh and html.escape(zh.group(1)) in text, title  # 中文 title
        assert time and html.escape(time) in text, title  # estimated time


def test_every_relative_link_resolves_including_anchors(built):
    out, _ = built
    parsed = {p.name: _parse(p) for p in out.glob("*.html")}
    checked = 0
    for name, page in parsed.items():
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            assert ".ipynb" not in parts.path, f"{name}: {href} not rewritten to .html"
            target = out / unquote(parts.path) if parts.path else out / name
            assert target.is_file(), f"{name}: {href} -> no such file"
            if parts.fragment:
                assert unquote(parts.fragment) in parsed[target.name].ids, f"{name}: {href} -> no such anchor"
            checked += 1
    # the generated navigation links each chapter to its neighbours and to the contents table
    assert checked > len(MASTERS) * 3
    for m in MASTERS[1:]:
        assert "00_welcome.html#Contents" in parsed[f"{m.stem}.html"].hrefs
    assert site.broken_links(out) == []


def test_no_page_needs_the_network(built):
    out, _ = built
    external = re.compile(r"^\s*(https?:)?//", re.I)
    for path in out.glob("*.html"):
        page = _parse(path)
        assert not [s for s in page.scripts if external.match(s)], path.name
        assert not [h for h in page.links if external.match(h)], path.name
        for kind, text in page.inline:
            if kind == "script":  # e.g. MathJax/mermaid/widget loaders import from CDNs
                assert not re.search(r"https?://", text), f"{path.name}: inline script fetches a URL"
            else:
                assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), f"{path.name}: remote CSS"
        assert not re.search(r"<(img|iframe)\b[^>]*\bsrc=\"(https?:)?//", path.read_text(encoding="utf-8"))


def test_stored_outputs_are_rendered_and_solutions_are_not(built):
    out, _ = built
    welcome = (out / "00_welcome.html").read_text(encoding="utf-8")
    # the stored stream output of the welcome chapter's self-check demo (not re-executed)
    assert "weights: sum to 1.1, not 1 (off by +0.1)" in welcome
    for m in MASTERS:
        text = (out / f"{m.stem}.html").read_text(encoding="utf-8")
        for cell in nbtools.read(m).cells:
            present = f'id="cell-id={cell.id}"' in text
            assert present != _is_solution(cell), f"{m.name} cell {cell.id}"
            for o in cell.get("outputs", []):
                if o.output_type == "stream":
                    for line in o.text.strip().splitlines():
                        assert html.escape(line.strip(), quote=False) in text, f"{m.name}: {line!r}"


# ------------------------------------------------------------------------------- guards
@pytest.mark.parametrize("protected", ["notebooks", "notebooks/sub", "workbook", "workbook/site", "."])
def test_refuses_to_write_into_masters_or_workbook(root, protected):
    before = {p: p.stat().st_mtime_ns for p in (root / "notebooks").iterdir()}
    target = root / protected
    with pytest.raises(CsatInputError, match="refusing"):
        site.build_student_edition(target)
    with pytest.raises(CsatInputError, match="refusing"):
        site.build_site(target)
    assert site.main([str(target)]) == 2
    assert {p: p.stat().st_mtime_ns for p in (root / "notebooks").iterdir()} == before
    assert not (root / "notebooks" / "sub").exists() and not (root / "workbook" / "site").exists()


def test_refuses_to_clobber_a_foreign_folder_unless_forced(tmp_path, monkeypatch):
    # the guard is under test here, not the rendering (the fixture above covers that)
    def quick_site(outdir, *, source):
        outdir.mkdir(parents=True)
        (outdir / "index.html").write_text("<p>contents</p>", encoding="utf-8")
        return [outdir / "index.html"]

    monkeypatch.setattr(site, "build_site", quick_site)
    foreign = tmp_path / "mine.txt"
    foreign.write_text("keep me", encoding="utf-8")
    assert site.main([str(tmp_path)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]
    with pytest.raises(CsatInputError, match="--force"):
        site.prepare_outdir(tmp_path)
    # a folder this command made is rebuilt without --force; --force takes a foreign one
    ours = tmp_path / "ours"
    assert site.main([str(ours)]) == 0
    (ours / "site" / "stale.html").write_text("old", encoding="utf-8")
    assert site.main([str(ours)]) == 0
    assert not (ours / "site" / "stale.html").exists()
    assert sorted(p.name for p in (ours / "student").iterdir()) == [m.name for m in MASTERS]
    assert site.main([str(tmp_path), "--force"]) == 0
    assert foreign.read_text(encoding="utf-8") == "keep me" and (tmp_path / site.MARKER).exists()
