"""Chapter 6 upload widget, headless: the plain update function and the factory's wiring."""

from __future__ import annotations

import datetime
import io

import matplotlib
import pandas as pd

matplotlib.use("Agg")

from csat_helpers import capstone  # noqa: E402
from csat_helpers.datasets import load, path_of, truth  # noqa: E402
from csat_helpers.widgets import ch06 as w  # noqa: E402


def test_company_survey_upload_gives_the_capstone_analysis():
    r = w.analyse_upload(path_of("company_survey").read_bytes(), "company_survey.csv")
    assert r["ok"] and "800 respondents" in r["message"]
    # same comparison as the notebook and the report (planted Kano classes, Berger et al. 1993 rule)
    assert r["comparison"]["kano_category"].to_dict() == truth()["kano"]["classes"]
    pd.testing.assert_frame_equal(r["comparison"], capstone.compare_methods(load("company_survey")))
    html = w.upload_view(r, figures=False)
    assert "Improvement plan" in html and "<style>" not in html and "<body" not in html


def test_xlsx_upload_and_a_memoryview():
    r = w.analyse_upload(memoryview(path_of("survey_example.xlsx").read_bytes()), "mine.xlsx")
    assert r["ok"], r["message"]
    assert r["analysis"].parts.attributes == ["price", "repair", "design"]


def test_bad_uploads_say_what_is_wrong_and_never_raise():
    good = path_of("survey_example").read_bytes()
    cases = [
        (good, "survey.json", "unsupported file type"),
        (good, "", "unsupported file type"),
        (b"", "x.csv", "empty"),
        (b"kano_a_func,kano_a_dysf\n1,5\n6,5\n", "x.csv", "column 'kano_a_func', row 1"),
        (b"fz_a\ngreat\n", "x.csv", "column 'fz_a', row 0"),
        (b"\x00\x01 not a workbook", "x.xlsx", "not a readable .xlsx"),
        (b"acsi_exp_1\n5\n", "x.csv", "'Quality'"),
    ]
    for content, name, needle in cases:
        r = w.analyse_upload(content, name)
        assert r["ok"] is False and needle in r["message"], (name, r["message"])
        assert r["comparison"] is None
        assert "upload it again" in w.upload_view(r)


def test_upload_name_is_only_a_file_name(tmp_path):
    # a browser-supplied path must not choose where the temporary copy goes
    r = w.analyse_upload(path_of("survey_example").read_bytes(), "../../etc/evil.csv")
    assert r["ok"] and r["message"].startswith("evil.csv")


def test_oversized_upload_is_refused(monkeypatch):
    monkeypatch.setattr(w, "MAX_BYTES", 10)
    r = w.analyse_upload(b"kano_a_func,kano_a_dysf\n1,5\n", "x.csv")
    assert not r["ok"] and "limit" in r["message"]


def test_factory_wires_upload_and_demo():
    box = w.survey_upload_explorer()
    upload, demo, boot = box.children[0].children
    out = box.children[1]
    demo.click()
    assert "800 respondents" in out.value and "Improvement plan" in out.value
    buf = io.BytesIO(b"kano_a_func,kano_a_dysf\n1,5\n9,5\n")
    upload.value = ({"name": "mine.csv", "type": "text/csv", "size": 30, "content": memoryview(buf.getvalue()),
                     "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)},)
    assert "kano_a_func" in out.value and "row 1" in out.value


def test_one_quadrant_attribute_is_analysed_with_a_caveat():
    from test_report import _one_attribute_csv

    r = w.analyse_upload(_one_attribute_csv().encode(), "one.csv")
    assert r["ok"], r["message"]
    assert any("Quadrant chart skipped" in c for c in r["caveats"])
    assert r["comparison"].loc["price", "prca_factor"] in ("basic", "performance", "excitement")
    assert "Quadrant chart skipped" in w.upload_view(r, figures=False)


def test_demo_uses_the_notebooks_ahp_weights_and_uploads_the_reports_equal_weights():
    # notebook Step 5 prints the overall fuzzy verdict with the AHP weights: weighted score S = 69.617
    weights = w.company_fuzzy_weights()
    assert abs(sum(weights.values()) - 1) < 1e-12
    content = path_of("company_survey").read_bytes()
    demo = w.analyse_upload(content, "company_survey.csv", fuzzy_weights=weights)["analysis"]
    assert f"{demo.fuzzy['verdict'].score:.3f}" == "69.617"
    box = w.survey_upload_explorer()
    box.children[0].children[1].click()
    assert "S = 69.617" in box.children[1].value
    # an upload gets what python -m csat_helpers.report computes (equal weights), bootstrap included when asked
    upload = w.analyse_upload(content, "company_survey.csv", n_boot=20, seed=7)["analysis"]
    same = capstone.analyse(load("company_survey"), n_boot=20, seed=7)
    assert upload.fuzzy["weights_note"] == same.fuzzy["weights_note"] == "equal weights (no AHP weights given)"
    pd.testing.assert_frame_equal(upload.comparison, same.comparison)
    pd.testing.assert_frame_equal(upload.ipa["confidence"], same.ipa["confidence"])
