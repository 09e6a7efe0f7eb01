"""Bring your own survey: one self-contained HTML report from a survey file.

    python -m csat_helpers.report SURVEY.csv -o report.html [--force] [--n-boot 200] [--seed 2024] [--sep ';']

The survey follows the course template (``datasets/README.md``, "Survey template": the empty
``datasets/survey_template.csv``/``.xlsx`` to fill in, ``survey_example.csv``/``.xlsx`` with three
example rows). Every method the columns allow is run
(:func:`csat_helpers.capstone.analyse`); the report holds the tables, the charts (PNG embedded as
base64, so it opens offline and makes no network request), the method comparison, the improvement
plan and the caveats. Progress goes to stderr as ``[k/N] step ...`` lines, with a bar
``[####    ] 120/200`` during the bootstraps when stderr is a terminal. Malformed input stops with
exit code 2 and one line naming the column or row; an existing report is never overwritten
without ``--force``.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import __version__, capstone, customers, ipa, kano, pls
from .errors import CsatInputError
from .io import read_survey

__all__ = ["build_report", "write_report", "render_html", "figure_png", "main"]

_ACSI_LAYOUT = {"Expectations": (0.0, 2.0), "Quality": (0.0, 0.0), "Value": (1.0, 1.0), "Satisfaction": (2.0, 1.0),
                "Complaints": (3.0, 2.0), "Loyalty": (3.0, 0.0)}

_CSS = """
body{font-family:"DejaVu Sans","Noto Sans CJK SC",Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{border-bottom:3px solid #2a6f97;padding-bottom:.2em}h2{color:#2a6f97;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;font-size:.85em;margin:.6em 0}th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#eef3f7}td:first-child,th:first-child{text-align:left}img{max-width:100%;height:auto}
.caveat{background:#fff6e0;border-left:4px solid #e9a23b;padding:.4em .8em;margin:.3em 0}
.meta{color:#555;font-size:.9em}.note{color:#555;font-size:.9em}
"""


# ============================================================================ pieces
def figure_png(draw: Callable[[Any], Any], *, size: tuple[float, float] = (7.0, 4.5)) -> str:
    """Draw on a fresh Agg figure (no pyplot state) and return it as a base64 PNG data URI."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    cjk = any(f.name == "Noto Sans CJK SC" for f in font_manager.fontManager.ttflist)
    rc = {"font.family": ["DejaVu Sans", "Noto Sans CJK SC"]} if cjk else {}
    buf = io.BytesIO()
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from (current )?font")
        fig = Figure(figsize=size, dpi=100)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        draw(ax)
        fig.tight_layout()
        fig.savefig(buf, format="png")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _img(uri: str, alt: str) -> str:
    return f'<img src="{uri}" alt="{html.escape(alt)}">'


def _table(df: pd.DataFrame, digits: int = 3) -> str:
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].round(digits)
    return out.to_html(border=0, na_rep="–", escape=True)


def _p(text: str, cls: str | None = None) -> str:
    return f'<p{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}>{html.escape(text)}</p>'


def _fuzzy_bars(R: pd.DataFrame) -> Callable[[Any], Any]:
    colours = ["#b2182b", "#ef8a62", "#cccccc", "#67a9cf", "#2166ac"]

    def draw(ax: Any) -> None:
        left = np.zeros(len(R))
        labels = [str(i) for i in R.index]
        for j, g in enumerate(R.columns):
            ax.barh(labels, R[g].to_numpy(), left=left, color=colours[j % 5], label=f"{capstone.GRADES_EN[j]} ({g})")
            left += R[g].to_numpy()
        ax.invert_yaxis()
        ax.set_xlabel("membership r_ij (share of valid answers)")
        ax.set_title("Membership matrix R: grade shares per factor", fontsize=10)
        ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False)

    return draw


def _priority_bars(cmp: pd.DataFrame) -> Callable[[Any], Any]:
    def draw(ax: Any) -> None:
        c = cmp.sort_values("priority")
        ax.barh([str(i) for i in c.index], c["priority_score"].to_numpy(), color="#2a6f97")
        ax.invert_yaxis()
        ax.set_xlabel("priority score (course rule; see the plan)")
        ax.set_title("Improvement priority by attribute", fontsize=10)

    return draw


# ============================================================================ the report
def render_html(a: capstone.Analysis, *, source: str = "survey", settings: str = "",
                figures: bool = True, progress: Callable[[str], None] | None = None,
                standalone: bool = True) -> str:
    """The HTML text of the report for an :class:`~csat_helpers.capstone.Analysis`.

    ``standalone=False`` gives a ``<div>`` fragment without page-wide styles (for a notebook).
    """
    if progress:
        progress("charts and HTML")
    p = a.parts
    body: list[str] = [f"<h1>Customer-satisfaction report: {html.escape(source)}</h1>"]
    body.append(_p(f"{p.n} respondents · parts found: {', '.join(p.available) or 'none'} · "
                   f"attributes: {', '.join(p.attributes) or 'none'}", "meta"))
    if settings:
        body.append(_p(settings, "meta"))
    body.append(_p(f"Made with csat_helpers {__version__} (python -m csat_helpers.report). Every number below is "
                   "computed from the file named above; nothing is fetched from the network.", "meta"))

    def fig(draw: Callable[[Any], Any], alt: str, size: tuple[float, float] = (7.0, 4.5)) -> None:
        if figures:
            try:
                body.append(_img(figure_png(draw, size=size), alt))
            except CsatInputError as exc:  # e.g. no attribute with defined Better/Worse
                body.append(_p(f"({alt} not drawn: {exc})", "note"))

    if a.customers is not None:
        body.append("<h2>Customers: Pareto and the four classes (顾客分类)</h2>")
        led = p.ledger
        body.append(_p(f"The top 20 % of customers bring {a.customers['top20_share']:.1%} of revenue "
                       f"(Gini {a.customers['gini']:.3f})."))
        body.append(_table(a.customers["pareto"]))
        fig(lambda ax: customers.plot_pareto(led["revenue"], ax=ax), "Pareto curve of revenue")
        if "classes" in a.customers:
            body.append(_table(a.customers["classes"]))
    if a.kano is not None:
        body.append("<h2>Kano model (KANO模型)</h2>")
        cols = ["A", "O", "M", "I", "R", "Q", "n", "category", "category_zh", "better", "worse", "fong_significant", "flags"]
        if "importance_mean" in a.kano:
            cols.insert(11, "importance_mean")
        body.append(_table(a.kano[cols]))
        fig(lambda ax: kano.plot_better_worse(a.kano, ax=ax), "Better-Worse diagram")
        if a.kano_segments is not None:
            body.append(_p("Kano category by segment (M > O > A > I rule):"))
            body.append(_table(a.kano_segments))
    if a.ipa is not None:
        body.append("<h2>Importance-performance quadrants (四分图模型)</h2>")
        q, conf = a.ipa.get("quadrants"), a.ipa.get("confidence")
        if q is not None:
            cross = q.attrs["crosshair"]
            body.append(_p(f"Crosshair at the data means: importance {cross['importance']:.3f}, performance "
                           f"{cross['performance']:.3f} (scale 1-5)."))
            body.append(_table(q[["importance", "performance", "quadrant_en", "quadrant_zh", "zone"]]))
            fig(lambda ax: ipa.plot_quadrants(q, ax=ax, confidence=conf), "Quadrant chart", (7.0, 5.0))
        else:
            body.append(_p("No quadrant chart (it needs at least 2 attributes; see the caveats). Importance-performance gap:"))
            body.append(_table(a.ipa["gap"][["importance", "performance", "gap", "position"]]))
        if conf is not None:
            body.append(_p(f"Bootstrap ({conf.attrs['n_boot']} resamples): share of resamples in each quadrant."))
            body.append(_table(conf[["point_quadrant", "modal_quadrant", "p_modal", "borderline"]]))
        if "dual" in a.ipa:
            body.append(_p("Stated vs derived importance (Pearson correlation with overall satisfaction):"))
            body.append(_table(a.ipa["dual"]))
        if "prca" in a.ipa:
            body.append(_p("Penalty-reward contrast analysis (low = rating 1-2, high = 4-5; three-factor theory):"))
            body.append(_table(a.ipa["prca"][["b_low", "b_high", "se_low", "se_high", "impact_asymmetry", "factor"]]))
        if "by_segment" in a.ipa:
            body.append(_p("Quadrant by segment (each segment's own data-mean crosshair):"))
            body.append(_table(a.ipa["by_segment"]))
    if a.fuzzy is not None:
        f = a.fuzzy
        body.append("<h2>Fuzzy comprehensive evaluation (模糊综合评价)</h2>")
        body.append(_p(f"Grades {', '.join(capstone.GRADES)} scored {', '.join(f'{v:g}' for v in capstone.GRADE_VALUES.values())}. "
                       f"Overall B with {f['weights_note']} and the weighted-average operator M(·,⊕): "
                       + ", ".join(f"{g} {b:.3f}" for g, b in f["B"].items()) + f". {f['verdict']}."))
        body.append(_table(f["per_factor"]))
        fig(_fuzzy_bars(f["R"]), "Membership matrix", (7.0, max(3.5, 0.3 * len(f["R"]) + 1.8)))
    if a.acsi is not None:
        res: pls.PlsResult = a.acsi["result"]
        body.append("<h2>ACSI model by PLS path modelling (顾客满意度指数)</h2>")
        body.append(_p(f"{res!r}".replace("PlsResult", "PLS fit")))
        body.append(_table(a.acsi["effects"].rename(columns={"on_satisfaction": "total effect on Satisfaction",
                                                             "on_loyalty": "total effect on Loyalty",
                                                             "index": "0-100 index"})))
        fig(lambda ax: pls.plot_path_model(res, ax=ax, layout=_ACSI_LAYOUT), "ACSI path diagram", (7.5, 4.5))
        if "bootstrap" in a.acsi:
            body.append(_p("Path coefficients with bootstrap standard errors and 95 % percentile intervals:"))
            body.append(_table(a.acsi["bootstrap"]))
    if a.comparison is not None:
        cmp = a.comparison
        body.append("<h2>What each method says, side by side</h2>")
        body.append(_p("Kano (stated reaction to presence/absence), the quadrant (stated importance and rated performance), "
                       "PRCA (how low and high ratings move overall satisfaction), the fuzzy evaluation (grade memberships) "
                       "and the ACSI model (construct-level drivers of loyalty) answer different questions, so they "
                       "need not agree. Rows where they differ say why."))
        show = ["kano_category", "kano_better", "kano_worse", "ipa_quadrant", "prca_factor", "importance_label",
                "fuzzy_score", "acsi_construct", "acsi_effect_on_loyalty", "kano_vs_prca", "ipa_vs_fuzzy",
                "kano_vs_ipa_importance", "priority"]
        body.append(_table(cmp[show]))
        body.append(_table(capstone.method_agreement(cmp)))
        differ = cmp[cmp["why_they_differ"] != ""]
        if len(differ):
            body.append("<ul>" + "".join(f"<li><b>{html.escape(str(i))}</b>: {html.escape(t)}</li>"
                                         for i, t in differ["why_they_differ"].items()) + "</ul>")
    if a.plan is not None:
        body.append("<h2>Improvement plan (改进计划)</h2>")
        body.append(_p("Priority score = quadrant (concentrate here 3, keep up 1, low priority 1, possible overkill 0) "
                       "+ Kano (must-be 3, one-dimensional 2, attractive 1, indifferent 0) + 1 for a clear PRCA basic "
                       "factor + 1 for a fuzzy score below the mean + 1 for derived importance above its median; ties "
                       "by the importance-performance gap. A teaching rule: weigh it against cost before acting.", "note"))
        body.append(_table(a.plan))
        fig(_priority_bars(a.comparison), "Priority scores")
    body.append("<h2>Caveats (注意事项)</h2>")
    cav = a.caveats or ["None raised by the checks."]
    body.extend(f'<div class="caveat">{html.escape(c)}</div>' for c in cav)
    body.append(_p("Always: a survey shows what these respondents said; check who answered (segments, response rate), "
                   "the margin of error of each mean, and whether the questions meant the same thing to everyone.", "note"))
    body.append("<h2>Methods and sources</h2>")
    body.append(_p("Kano: Berger et al. (1993), Center for Quality of Management Journal 2(4); Better/Worse after Timko. "
                   "Quadrant: Martilla & James (1977), Journal of Marketing 41(1). PRCA: Brandt (1987); three-factor "
                   "theory, Matzler et al. (2004). Fuzzy evaluation: the source chapter on customer satisfaction (模糊综合评价). "
                   "ACSI: Fornell et al. (1996), Journal of Marketing 60(4); PLS path modelling after Tenenhaus et al. (2005).",
                   "note"))
    if not standalone:
        return '<div class="csat-report">\n' + "\n".join(body).replace("<h1>", "<h3>").replace("</h1>", "</h3>") + "\n</div>\n"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Customer-satisfaction report: {html.escape(source)}</title><style>{_CSS}</style></head>"
            "<body>\n" + "\n".join(body) + "\n</body></html>\n")


def build_report(
    survey: str | Path | pd.DataFrame,
    *,
    n_boot: int = 200,
    seed: int = 2024,
    figures: bool = True,
    progress: Callable[[str], None] | None = None,
) -> str:
    """Read (if a path), analyse and render: the report as one HTML string.

    >>> from csat_helpers.datasets import path_of
    >>> text = build_report(path_of("survey_example"), n_boot=0, figures=False)
    >>> text.startswith("<!DOCTYPE html>"), "http://" in text or "https://" in text
    (True, False)
    """
    say = progress or (lambda label: None)
    if isinstance(survey, pd.DataFrame):
        df, source = survey, "survey"
    else:
        say("reading the survey")
        df, source = read_survey(survey), Path(survey).name
    parts = capstone.parse_survey(df, name=source)
    a = capstone.analyse(parts, n_boot=n_boot, seed=seed, progress=say)
    settings = f"Bootstrap: {n_boot} resamples, seed {seed}." if n_boot else "No bootstrap (n_boot = 0)."
    return render_html(a, source=source, settings=settings, figures=figures, progress=say)


def write_report(text: str, path: str | Path, *, force: bool = False) -> Path:
    """Write the report; refuse to replace an existing file unless ``force``."""
    p = Path(path)
    if p.exists() and not force:
        raise CsatInputError(f"{p}: already exists; pass --force to overwrite it, or choose another -o name")
    if p.exists() and p.is_dir():
        raise CsatInputError(f"{p}: is a folder; give a file name such as report.html")
    if not p.parent.exists():
        raise CsatInputError(f"{p.parent}: no such folder for the report")
    p.write_text(text, encoding="utf-8")
    return p


# ============================================================================ command line
class _Progress:
    """Progress on stderr: one ``[k/N] label ...`` line per step and, when stderr is a terminal,
    a bar ``[####    ] 120/200 bootstrap resamples`` redrawn in place during each bootstrap."""

    WIDTH = 30

    def __init__(self, total: int, stream: Any) -> None:
        self.k, self.total, self.stream = 0, total, stream
        isatty = getattr(stream, "isatty", None)
        self.tty = bool(isatty and isatty())

    def __call__(self, label: str) -> None:
        self.k += 1
        self.total = max(self.total, self.k)
        self.stream.write(f"[{self.k}/{self.total}] {label} ...\n")
        self.stream.flush()

    def resamples(self, done: int, total: int) -> None:
        """Redraw the bar (terminal only); the last call, done == total, ends its line."""
        if not self.tty:
            return
        filled = self.WIDTH * done // max(total, 1)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r[{'#' * filled}{' ' * (self.WIDTH - filled)}] {done}/{total} bootstrap resamples{end}")
        self.stream.flush()


def _separator(text: str) -> str:
    """The --sep value: one character, with 'tab' and a typed backslash-t meaning a tab."""
    sep = {"tab": "\t", "\\t": "\t"}.get(text, text)
    if len(sep) != 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not one character; use ',', ';', '|' or tab")
    return sep


def _read_for_cli(path: Path, sep: str) -> pd.DataFrame:
    """:func:`read_survey`; when it fails on a file that another separator reads into several
    columns, the error also names the ``--sep`` option that reads it (read_survey's own advice
    is worded for its Python argument, and the CLI does not depend on that wording)."""
    try:
        return read_survey(path, sep=sep)
    except CsatInputError as exc:
        for other in (",", ";", "\t", "|"):
            if other == sep:
                continue
            try:
                columns = read_survey(path, sep=other).shape[1]
            except CsatInputError:
                continue
            if columns > 1:
                option = "tab" if other == "\t" else repr(other)
                raise CsatInputError(f"{exc} (with this command: pass --sep {option})") from None
        raise


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 with one line, like every other input error
        self.print_usage(sys.stderr)
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit code (0 ok, 2 bad input)."""
    ap = _Parser(prog="python -m csat_helpers.report",
                 description="Analyse a customer-satisfaction survey (course template) into one HTML report.")
    ap.add_argument("survey", help="survey file (.csv or .xlsx) in the course template format")
    ap.add_argument("-o", "--output", default="report.html", help="report file to write (default report.html)")
    ap.add_argument("--force", action="store_true", help="overwrite the report file if it exists")
    ap.add_argument("--n-boot", type=int, default=200, help="bootstrap resamples (0 = none; default 200)")
    ap.add_argument("--seed", type=int, default=2024, help="random seed for the bootstraps (default 2024)")
    ap.add_argument("--sep", default=",", type=_separator,
                    help="field separator of a CSV survey: ',' (default), ';', '|' or tab (write --sep tab or --sep '\\t')")
    args = ap.parse_args(argv)
    err = sys.stderr
    try:
        out = Path(args.output)
        if out.exists() and not args.force:  # fail before the work, not after
            raise CsatInputError(f"{out}: already exists; pass --force to overwrite it, or choose another -o name")
        survey = Path(args.survey)
        df = _read_for_cli(survey, args.sep)
        parts = capstone.parse_survey(df, name=survey.name)
        prog = _Progress(1 + len(parts.available) + 3, err)
        prog(f"read {survey.name}: {parts.n} respondents, parts {', '.join(parts.available)}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # numpy's empty-slice notes; gaps become caveats
            a = capstone.analyse(parts, n_boot=args.n_boot, seed=args.seed, progress=prog,
                                 resample_progress=prog.resamples)
        settings = f"Bootstrap: {args.n_boot} resamples, seed {args.seed}." if args.n_boot else "No bootstrap."
        text = render_html(a, source=survey.name, settings=settings, progress=prog)
        prog(f"writing {out.name}")
        write_report(text, out, force=args.force)
    except CsatInputError as exc:
        err.write(f"error: {exc}\n")
        return 2
    except OSError as exc:
        err.write(f"error: {exc.filename or args.output}: {exc.strerror or exc}\n")
        return 2
    err.write(f"done: {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
