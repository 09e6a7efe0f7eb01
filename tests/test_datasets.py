"""The generator rebuilds every synthetic dataset byte for byte (datasets/README.md)."""

from __future__ import annotations

import json

from csat_helpers.datasets import DATA_DIR, list_datasets, load, truth
from csat_helpers.datasets.generate import SURVEY_PARTS, build_company


#: every file `python -m csat_helpers.datasets` writes; a survey part whose module went missing
#: (build_company skips it) would drop a file or a truth section and fail here
GENERATED = [
    "company_ahp_judgments.csv", "company_survey.csv", "company_truth.json", "customer_ledger.csv",
    "survey_example.csv", "survey_example.xlsx", "survey_template.csv", "survey_template.xlsx",
]


def test_generator_reproduces_committed_files(tmp_path):
    truth_made = build_company(tmp_path)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == GENERATED
    assert set(SURVEY_PARTS) <= set(truth_made), "a survey part was skipped"
    for name in made:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), f"{name} differs from datasets/"


def test_every_dataset_is_documented():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for name in list_datasets():
        assert f"{name}.csv" in readme, f"datasets/README.md does not document {name}.csv"


def test_every_dataset_loads_cleanly():
    for name in list_datasets():
        if name == "survey_template":  # the empty template: a header to fill in (tests/test_report.py)
            continue
        assert len(load(name)) > 0


def test_truth_records_the_company_and_ledger():
    t = truth()
    assert t["company"]["zh"] == "华家电器"
    assert 0.5 < t["ledger"]["top20_revenue_share"] < 0.95
    json.dumps(t)


def test_survey_respondents_are_ledger_customers():
    ledger = load("customer_ledger")
    survey = load("company_survey")
    assert survey["customer_id"].isin(ledger["customer_id"]).all()
    assert survey["respondent_id"].is_unique
