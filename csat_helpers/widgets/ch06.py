"""Chapter 6 widget: upload your own survey (CSV or XLSX) and get the capstone analysis.

The factory :func:`survey_upload_explorer` wires an ipywidgets ``FileUpload`` to the plain
function :func:`analyse_upload`, which takes the file's bytes and name and returns a dict
(tested headless); :func:`upload_view` turns that dict into HTML. Nothing leaves the machine.

The analysis is the report's (:func:`csat_helpers.capstone.analyse`, equal fuzzy weights, since
an uploaded survey brings no AHP panel); *Try the company survey* uses the notebook's AHP weights
(:func:`company_fuzzy_weights`), so it shows the notebook's overall fuzzy score. Bootstrap: the
slider starts at 0 resamples so the widget answers at once; ``python -m csat_helpers.report`` uses
200 by default. The bootstrap only adds the quadrant confidence and the PLS intervals, so with the
slider at 200 the widget shows exactly the report's numbers.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import capstone
from ..errors import CsatInputError
from ..io import read_survey

__all__ = ["MAX_BYTES", "SUFFIXES", "analyse_upload", "company_fuzzy_weights", "upload_view", "survey_upload_explorer"]

#: largest upload accepted (bytes)
MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = (".csv", ".xlsx")


def company_fuzzy_weights() -> dict[str, float]:
    """The notebook's fuzzy weights for the company survey (Chapter 6, Step 2): global AHP weights,
    the three judges aggregated for the groups and the panel's local weights, summing to 1."""
    from .. import ahp
    from ..datasets import company_fuzzy, load

    judgments = load("company_ahp_judgments")
    group_w = ahp.priority_vector(ahp.aggregate_judges(company_fuzzy.matrices(judgments, "overall"))).series
    local_w = {g: ahp.priority_vector(company_fuzzy.matrices(judgments, g)["panel"]).series for g in company_fuzzy.GROUPS}
    weights = ahp.hierarchy_weights(group_w, local_w).droplevel(0)
    return (weights / weights.sum()).to_dict()


def analyse_upload(content: bytes | bytearray | memoryview, filename: str, *, n_boot: int = 0,
                   seed: int = 2024, fuzzy_weights: Mapping[str, float] | None = None) -> dict[str, Any]:
    """Validate an uploaded survey and run every method its columns allow.

    Returns ``{"ok", "message", "analysis", "comparison", "plan", "caveats"}``. Bad input never
    raises: ``ok`` is False and ``message`` names the file, column or row at fault (the same
    words as the report's command line). ``n_boot`` = 0 skips the bootstraps (fast; the report's
    default is 200); ``fuzzy_weights`` as in :func:`~csat_helpers.capstone.analyse` (default equal).

    >>> r = analyse_upload(b"kano_price_func,kano_price_dysf\\n1,5\\n2,9\\n", "mine.csv")
    >>> r["ok"], r["message"]
    (False, "mine.csv: column 'kano_price_dysf', row 1: value 9 is outside the scale 1-5 (must be an integer code within 1-5)")
    """
    empty: dict[str, Any] = {"ok": False, "analysis": None, "comparison": None, "plan": None, "caveats": []}
    name = Path(str(filename or "")).name  # never a path from the browser
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        return {**empty, "message": f"{name or 'the file'}: unsupported file type {suffix or '(none)'!r}; upload a .csv or .xlsx survey"}
    try:
        raw = bytes(content)
    except TypeError:
        return {**empty, "message": f"{name}: the upload holds no bytes"}
    if len(raw) == 0:
        return {**empty, "message": f"{name}: the file is empty; a header row and at least one respondent are needed"}
    if len(raw) > MAX_BYTES:
        return {**empty, "message": f"{name}: {len(raw) / 1e6:.0f} MB is larger than the {MAX_BYTES // 2**20} MB limit; "
                                    "use the command line: python -m csat_helpers.report"}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            path.write_bytes(raw)
            df = read_survey(path)
        a = capstone.analyse(capstone.parse_survey(df, name=name), n_boot=n_boot, seed=seed, fuzzy_weights=fuzzy_weights)
    except CsatInputError as exc:
        return {**empty, "message": str(exc)}
    parts = a.parts
    msg = (f"{name}: {parts.n} respondents; analysed {', '.join(parts.available)}"
           + (f" for {len(parts.attributes)} attributes" if parts.attributes else ""))
    return {"ok": True, "message": msg, "analysis": a, "comparison": a.comparison, "plan": a.plan, "caveats": a.caveats}


def upload_view(result: dict[str, Any], *, figures: bool = True) -> str:
    """HTML for the widget: the message, then the report body (no page-wide styles)."""
    from ..report import render_html

    colour = "#2a6f97" if result.get("ok") else "#b2182b"
    head = f'<p style="color:{colour}"><b>{html.escape(str(result.get("message", "")))}</b></p>'
    if not result.get("ok"):
        return head + "<p>Fix the file (see the Survey template in datasets/README.md) and upload it again.</p>"
    return head + render_html(result["analysis"], source="your survey", figures=figures, standalone=False)


def survey_upload_explorer():
    """Upload a CSV/XLSX survey in the course template; shows validation and the full analysis."""
    import ipywidgets as widgets

    upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description="Upload survey")
    boot = widgets.IntSlider(value=0, min=0, max=500, step=50, description="bootstrap", continuous_update=False,
                             tooltip="bootstrap resamples: 0 = none (fast); the report's command line uses 200")
    demo = widgets.Button(description="Try the company survey")
    out = widgets.HTML(value="<p>Upload a survey (.csv or .xlsx) in the course template, or try the company survey.</p>")

    def run(content: bytes, name: str, weights: Mapping[str, float] | None = None) -> None:
        out.value = "<p>Analysing …</p>"
        out.value = upload_view(analyse_upload(content, name, n_boot=boot.value, fuzzy_weights=weights))

    def on_upload(change: Any) -> None:
        files = change["new"]
        if files:
            f = files[0]
            run(f["content"], f["name"])

    def on_demo(_: Any) -> None:
        from ..datasets import path_of

        run(path_of("company_survey").read_bytes(), "company_survey.csv", company_fuzzy_weights())

    upload.observe(on_upload, names="value")
    demo.on_click(on_demo)
    return widgets.VBox([widgets.HBox([upload, demo, boot]), out])
