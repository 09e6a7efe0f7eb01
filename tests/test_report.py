"""``python -m csat_helpers.report``: the offline HTML report, its errors and its refusal to overwrite."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from csat_helpers import capstone, report
from csat_helpers.datasets import load, path_of
from csat_helpers.io import read_survey

ROOT = Path(__file__).resolve().parents[1]
_EXTERNAL = re.compile(r"""(?:src|href|url)\s*(?:=|\()\s*["']?\s*(?:https?:)?//""", re.I)


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = report.main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_offline(html: str) -> None:
    assert not _EXTERNAL.search(html), "the report must not reference anything on the network"
    assert "http://" not in html and "https://" not in html
    for src in re.findall(r'<img src="([^"]+)"', html):
        assert src.startswith("data:image/png;base64,")


def test_report_on_the_company_survey(tmp_path, capsys):
    out = tmp_path / "company.html"
    code, _, err = run([path_of("company_survey"), "-o", out, "--n-boot", "20", "--seed", "5"], capsys)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    for heading in ("Kano model", "Importance-performance quadrants", "Fuzzy comprehensive evaluation",
                    "ACSI model by PLS", "What each method says", "Improvement plan", "Caveats"):
        assert f"<h2>{heading}" in html, heading
    assert html.count("<img ") >= 5
    assert_offline(html)
    # progress on stderr, plain text, one line per step, numbered up to the total
    steps = re.findall(r"^\[(\d+)/(\d+)\] ", err, re.M)
    assert len(steps) >= 6 and all(t == steps[0][1] for _, t in steps) and steps[-1][0] == steps[-1][1]
    assert "Traceback" not in err
    # the plan in the report is the one the capstone computes (reliability and repair first)
    plan_pos = html.index("Improvement plan")
    assert html.index("repair", plan_pos) < html.index("performance</th>", plan_pos)


def test_report_with_only_some_parts(tmp_path, capsys):
    survey = load("company_survey")
    part = survey[["segment"] + [c for c in survey.columns if c.startswith("ipa_")]]
    src = tmp_path / "ipa_only.csv"
    part.to_csv(src, index=False)
    out = tmp_path / "ipa_only.html"
    code, _, err = run([src, "-o", out, "--n-boot", "0"], capsys)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "<h2>Importance-performance quadrants" in html and "Penalty-reward" in html
    assert "<h2>Kano model" not in html and "<h2>ACSI model" not in html and "<h2>Fuzzy comprehensive" not in html
    assert "<h2>What each method says" in html
    assert_offline(html)


def test_report_on_the_example_csv_and_xlsx(tmp_path, capsys):
    for name in ("survey_example.csv", "survey_example.xlsx"):
        out = tmp_path / f"{name}.html"
        code, _, err = run([path_of(name), "-o", out], capsys)
        assert code == 0, err
        html = out.read_text(encoding="utf-8")
        assert "3 respondents" in html and "ACSI model skipped" in html  # too few for PLS: a caveat, not a crash
        assert_offline(html)


def test_empty_template_has_the_example_header_and_asks_for_respondents(tmp_path, capsys):
    example = read_survey(path_of("survey_example"))
    for name in ("survey_template.csv", "survey_template.xlsx"):
        code, _, err = run([path_of(name), "-o", tmp_path / "r.html"], capsys)
        assert code == 2 and f"{name}: has a header but no respondents" in err
    header = path_of("survey_template.csv").read_text(encoding="utf-8")
    assert header == ",".join(example.columns) + "\n"
    from openpyxl import load_workbook

    rows = list(load_workbook(path_of("survey_template.xlsx")).worksheets[0].iter_rows(values_only=True))
    assert rows == [tuple(example.columns)]


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


GOOD_HEAD = "kano_price_func,kano_price_dysf,ipa_price_imp,ipa_price_perf,ipa_overall"

MALFORMED = [
    ("kano_code", GOOD_HEAD + "\n1,5,4,3,3\n7,5,4,3,3\n", ["'kano_price_func'", "row 1", "7"]),
    ("ipa_text", GOOD_HEAD + "\n1,5,4,good,3\n", ["'ipa_price_perf'", "row 0", "'good'"]),
    ("ipa_range", GOOD_HEAD + "\n1,5,4,3,3\n1,5,6,3,3\n", ["'ipa_price_imp'", "row 1", "6"]),
    ("overall_range", GOOD_HEAD + "\n1,5,4,3,0\n", ["'ipa_overall'", "row 0"]),
    ("kano_imp_range", "kano_x_func,kano_x_dysf,kano_x_imp\n1,5,10\n", ["'kano_x_imp'", "row 0", "10"]),
    ("partner", "kano_price_func,ipa_price_imp,ipa_price_perf\n1,4,3\n", ["kano_price_dysf"]),
    ("bad_prefix", "kano_price_function,kano_price_dysf\n1,5\n", ["'kano_price_function'"]),
    ("fz_grade", "fz_price,fz_repair\n满意,great\n", ["'fz_repair'", "row 0", "'great'"]),
    ("fz_code", "fz_price\n3\n6\n", ["'fz_price'", "row 1: 6 is not a grade"]),
    ("acsi_prefix", "acsi_foo_x\n5\n", ["'acsi_foo_x'"]),
    ("acsi_construct", "acsi_exp_1,acsi_qual_1,acsi_value_1,acsi_sat_1,acsi_complain_1\n5,5,5,5,5\n", ["'Loyalty'", "acsi_loy_"]),
    ("acsi_range", "acsi_exp_1,acsi_qual_1,acsi_value_1,acsi_sat_1,acsi_complain_1,acsi_loy_1\n5,5,5,11,5,5\n",
     ["'acsi_sat_1'", "row 0", "11"]),
    ("revenue", "revenue,cost_to_serve\n10,1\n-5,2\n", ["'revenue'", "row 1"]),
    ("cost_alone", "cost_to_serve\n3\n", ["'revenue'"]),
    ("blank_revenue", "revenue,cost_to_serve\n,1\n,2\n", ["'revenue'", "no answers"]),
    ("blank_cost", "revenue,cost_to_serve\n10,\n5,\n", ["'cost_to_serve'", "no answers"]),
    ("zero_revenue", "revenue\n0\n0\n", ["'revenue'", "0 for every customer", "zero_revenue.csv"]),
    ("nothing", "name,comment\nAnn,fine\n", ["no column the report can analyse"]),
    ("empty", "", ["empty"]),
    ("header_only", GOOD_HEAD + "\n", ["no respondents"]),
    ("duplicate", "kano_price_func,kano_price_func,kano_price_dysf\n1,1,5\n", ["'kano_price_func'", "more than once"]),
    ("semicolons", GOOD_HEAD.replace(",", ";") + "\n1;5;4;3;3\n", ["semicolon", "pass --sep ';'"]),
    ("ragged", GOOD_HEAD + "\n1,5,4,3,3\n1,5,4,3,3,9,9\n", ["line"]),
    ("blank_column", GOOD_HEAD + "\n1,5,4,,3\n2,5,4,,3\n", ["'ipa_price_perf'", "no answers"]),
    ("no_pair", "kano_x_func,kano_x_dysf\n1,\n,5\n", ["'kano_x_func'", "'kano_x_dysf'", "answered both"]),
    ("imp_partial", "kano_x_func,kano_x_dysf,kano_x_imp,kano_y_func,kano_y_dysf\n1,5,3,1,5\n", ["'kano_y_imp'"]),
]


def _one_attribute_csv(n: int = 80, seed: int = 8) -> str:
    """A valid survey with GOOD_HEAD's columns: one Kano and one quadrant attribute, overall tied to performance."""
    rng = np.random.default_rng(seed)
    perf = rng.integers(1, 6, n)
    rows = zip(rng.integers(1, 3, n), rng.integers(4, 6, n), rng.integers(3, 6, n), perf,
               np.clip(perf + rng.integers(-1, 2, n), 1, 5))
    return GOOD_HEAD + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)


def test_one_quadrant_attribute_gives_a_caveat_and_the_other_methods(tmp_path, capsys):
    # one point has no data-mean crosshair (Martilla & James 1977 need several attributes to compare)
    src = _write(tmp_path, "one.csv", _one_attribute_csv())
    out = tmp_path / "one.html"
    code, _, err = run([src, "-o", out, "--n-boot", "20"], capsys)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "Quadrant chart skipped" in html and "ipa_price_imp/ipa_price_perf" in html
    for heading in ("Kano model", "Importance-performance quadrants", "What each method says", "Improvement plan"):
        assert f"<h2>{heading}" in html, heading
    assert "Penalty-reward" in html and "Stated vs derived importance" in html
    assert_offline(html)
    a = capstone.analyse(read_survey(src), n_boot=20, seed=1)
    row = a.comparison.loc["price"]
    assert pd.isna(row["ipa_quadrant"]) and row["prca_factor"] in ("basic", "performance", "excitement")
    assert row["derived_importance"] > 0.5  # overall was built from performance
    assert row["ipa_importance"] == pytest.approx(a.parts.ipa[0]["price"].mean())


@pytest.mark.parametrize(("case", "text", "needles"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_input_names_the_column_or_row(tmp_path, capsys, case, text, needles):
    src = _write(tmp_path, f"{case}.csv", text)
    out = tmp_path / "r.html"
    code, _, err = run([src, "-o", out], capsys)
    assert code == 2
    assert "Traceback" not in err
    line = [ln for ln in err.splitlines() if ln.startswith("error: ")]
    assert len(line) == 1, err
    for needle in needles:
        assert needle in line[0], (needle, line[0])
    assert "np." not in line[0]  # values as the file shows them, not numpy reprs
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("survey.json", b"{}", "unsupported file type"),
        ("broken.xlsx", b"not a workbook", "not a readable .xlsx"),
        ("gbk.csv", "kano_价格_func,kano_价格_dysf\n1,5\n".encode("gb18030"), None),
    ],
)
def test_other_file_problems(tmp_path, capsys, name, content, needle):
    src = _write(tmp_path, name, content)
    code, _, err = run([src, "-o", tmp_path / "r.html"], capsys)
    if needle is None:  # Chinese Excel's GBK text is read, not refused
        assert code == 0, err
    else:
        assert code == 2 and needle in err and "Traceback" not in err


def test_missing_file_and_bad_options(tmp_path, capsys):
    code, _, err = run([tmp_path / "nope.csv", "-o", tmp_path / "r.html"], capsys)
    assert code == 2 and "no such file" in err
    code, _, err = run([path_of("survey_example"), "-o", tmp_path / "r.html", "--n-boot", "1"], capsys)
    assert code == 2 and "n_boot" in err
    code, _, err = run([path_of("survey_example"), "-o", tmp_path / "no_dir" / "r.html"], capsys)
    assert code == 2 and "no such folder" in err
    with pytest.raises(SystemExit) as exc:
        report.main([str(path_of("survey_example")), "--n-boot", "many"])
    assert exc.value.code == 2


def test_never_overwrites_without_force(tmp_path, capsys):
    out = tmp_path / "report.html"
    out.write_text("my notes", encoding="utf-8")
    code, _, err = run([path_of("survey_example"), "-o", out], capsys)
    assert code == 2 and "--force" in err and str(out) in err
    assert out.read_text(encoding="utf-8") == "my notes"
    code, _, err = run([path_of("survey_example"), "-o", out, "--force"], capsys)
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(Exception, match="--force"):
        report.write_report("x", out)


def test_module_runs_as_a_command(tmp_path):
    out = tmp_path / "cli.html"
    ok = subprocess.run([sys.executable, "-m", "csat_helpers.report", str(path_of("survey_example")), "-o", str(out)],
                        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert out.exists() and "[1/" in ok.stderr
    bad = _write(tmp_path, "bad.csv", GOOD_HEAD + "\n9,5,4,3,3\n")
    fail = subprocess.run([sys.executable, "-m", "csat_helpers.report", str(bad), "-o", str(tmp_path / "x.html")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert fail.returncode == 2
    assert "Traceback" not in fail.stderr and "kano_price_func" in fail.stderr


def test_build_report_from_a_frame_escapes_text():
    df = pd.DataFrame({"segment": ["<script>", "b", "b"], "kano_x_func": [1, 2, 1], "kano_x_dysf": [5, 5, 3]})
    html = report.build_report(df, n_boot=0, figures=False)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert_offline(html)


def test_degenerate_but_valid_data_give_caveats_not_crashes(tmp_path, capsys):
    # a constant overall rating, a constant ACSI item and Kano answers that are all Questionable
    df = load("company_survey")
    df["ipa_overall"] = 3
    df["acsi_sat_overall"] = 9
    for c in df.columns:
        if c.startswith("kano_") and c.endswith(("_func", "_dysf")):
            df[c] = 1
    src = tmp_path / "odd.csv"
    df.to_csv(src, index=False)
    out = tmp_path / "odd.html"
    code, _, err = run([src, "-o", out, "--n-boot", "0"], capsys)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "ipa_overall has a single value" in html
    assert "ACSI model skipped" in html and "acsi_sat_overall" in html
    assert "Better-Worse diagram not drawn" in html
    assert "Warning" not in err and "Traceback" not in err


# ----------------------------------------------------------------------------- progress bar
def _rising_to(calls: list[tuple[int, int]], total: int) -> None:
    done = [d for d, _ in calls]
    assert calls and all(t == total for _, t in calls)
    assert done == sorted(set(done)) and done[-1] == total and done[0] > 0


def test_bootstraps_report_rising_counts_ending_at_the_total():
    from csat_helpers import ipa, pls
    from csat_helpers.datasets import company_acsi

    big = load("company_survey").sample(40_000, replace=True, random_state=1).reset_index(drop=True)
    calls: list[tuple[int, int]] = []
    pls.bootstrap(company_acsi.MODEL, big, n_boot=60, seed=1, progress=lambda d, t: calls.append((d, t)))
    _rising_to(calls, 60)
    assert len(calls) >= 2  # chunk by chunk, not only at the end
    calls.clear()
    imp = big[[c for c in big.columns if c.startswith("ipa_") and c.endswith("_imp")]]
    perf = big[[c.replace("_imp", "_perf") for c in imp.columns]].set_axis(imp.columns, axis=1)
    ipa.quadrant_confidence(perf, imp, scale=(1, 5), n_boot=120, seed=1, progress=lambda d, t: calls.append((d, t)))
    _rising_to(calls, 120)
    assert len(calls) >= 2
    calls.clear()
    capstone.analyse(load("company_survey"), n_boot=20, seed=1, resample_progress=lambda d, t: calls.append((d, t)))
    assert calls.count((20, 20)) == 2  # the quadrant bootstrap and the PLS bootstrap


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    term, pipe = _Terminal(), io.StringIO()
    for stream in (term, pipe):
        prog = report._Progress(3, stream)
        prog("ACSI model by PLS (bootstrap)")
        for done in (40, 120, 200):
            prog.resamples(done, 200)
        prog("writing r.html")
    assert "\r[" + "#" * 6 + " " * 24 + "] 40/200 bootstrap resamples" in term.getvalue()
    assert "\r[" + "#" * 30 + "] 200/200 bootstrap resamples\n[2/3] writing r.html" in term.getvalue()
    assert pipe.getvalue() == "[1/3] ACSI model by PLS (bootstrap) ...\n[2/3] writing r.html ...\n"


@pytest.mark.parametrize(("sep", "option"), [(";", ";"), ("\t", "tab"), ("\t", "\\t"), ("|", "|")])
def test_sep_option_reads_other_separators(tmp_path, capsys, sep, option):
    src = _write(tmp_path, "semi.csv", _one_attribute_csv().replace(",", sep))
    out = tmp_path / "semi.html"
    code, _, err = run([src, "-o", out, "--n-boot", "0", "--sep", option], capsys)
    assert code == 0, err
    assert "80 respondents" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("sep", "option"), [("\t", "tab"), ("|", "'|'")])
def test_wrong_separator_error_names_the_sep_option_that_reads_the_file(tmp_path, capsys, sep, option):
    src = _write(tmp_path, "other.csv", _one_attribute_csv().replace(",", sep))
    code, _, err = run([src, "-o", tmp_path / "r.html", "--n-boot", "0"], capsys)
    assert code == 2 and f"pass --sep {option}" in err


def test_errors_other_than_the_separator_get_no_sep_advice(tmp_path, capsys):
    src = _write(tmp_path, "ragged.csv", GOOD_HEAD + "\n1,5,4,3,3\n1,5,4,3,3,9,9\n")
    code, _, err = run([src, "-o", tmp_path / "r.html", "--n-boot", "0"], capsys)
    assert code == 2 and "line 3" in err and "--sep" not in err


def test_sep_option_must_be_one_character(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        report.main([str(path_of("company_survey")), "-o", str(tmp_path / "r.html"), "--sep", ";;"])
    assert exc.value.code == 2 and "not one character" in capsys.readouterr().err
