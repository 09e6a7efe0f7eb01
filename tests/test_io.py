"""read_survey and the validation layer: every malformed input gets a CsatInputError
whose message names the problem (issue 3: bad-input tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import csat_helpers as ch
from csat_helpers import validation as v
from csat_helpers.datasets import load, path_of

GOOD = "respondent_id,segment,q1,q2\nR1,household,4,5\nR2,dealer,3,\nR3,household,5,2\n"


def write(tmp_path, text, name="s.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_reads_a_good_file_with_blank_as_missing(tmp_path):
    df = ch.read_survey(write(tmp_path, GOOD), numeric=["q1", "q2"], scale=(1, 5))
    assert df.shape == (3, 4)
    assert np.isnan(df.loc[1, "q2"])


def test_reads_utf8_with_bom(tmp_path):
    df = ch.read_survey(write(tmp_path, "\ufeff" + GOOD), required=["respondent_id"])
    assert df.columns[0] == "respondent_id"


def test_reads_gbk_encoded_chinese_headers(tmp_path):
    text = "编号,满意度\n1,很满意\n2,满意\n"
    df = ch.read_survey(write(tmp_path, text, encoding="gbk"), required=["满意度"])
    assert list(df.columns) == ["编号", "满意度"]
    assert df.loc[0, "满意度"] == "很满意"


def test_strips_spaces_in_headers_and_trailing_separators(tmp_path):
    df = ch.read_survey(write(tmp_path, " a , b,\n1,2,\n3,4,\n"), numeric=["a", "b"])
    assert list(df.columns) == ["a", "b"]


def test_reads_xlsx(tmp_path):
    p = tmp_path / "s.xlsx"
    pd.DataFrame({"q1": [1, 2], "q2": [3, 4]}).to_excel(p, index=False)
    assert ch.read_survey(p, numeric=["q1", "q2"], scale=(1, 5)).shape == (2, 2)


BAD_FILES = [
    ("empty file", "", {}, "empty"),
    ("whitespace only", "  \n\n", {}, "empty"),
    ("header only", "q1,q2\n", {}, "no respondents"),
    ("semicolon delimiter", "q1;q2\n1;2\n", {}, "semicolon"),
    ("tab delimiter", "q1\tq2\n1\t2\n", {}, "tab"),
    ("missing column", GOOD, {"required": ["q3"]}, "missing column 'q3'"),
    ("non-numeric rating", "q1,q2\n4,5\nfive,3\n", {"numeric": ["q1"]}, "'five' is not a number"),
    ("out-of-scale code", "q1,q2\n4,5\n9,3\n", {"numeric": ["q1", "q2"], "scale": (1, 5)}, "value 9 is outside the scale 1-5"),
    ("negative code", "q1\n-1\n", {"numeric": ["q1"], "scale": (1, 5)}, "column 'q1', row 0"),
    ("ragged row", "q1,q2\n1,2\n3,4,5,6\n", {}, "line 3 has 4 fields, the header has 2"),
    # pandas would take the two surplus fields of the first row as the index and shift q1, q2 (audit, gap 1)
    ("first row too long", "q1,q2\n1,2,3,4\n5,6\n", {}, "line 2 has 4 fields, the header has 2"),
    ("one extra field shifts ids", "respondent_id,q1,q2\nR1,4,5,extra\n", {}, "line 2 has 4 fields, the header has 3"),
    ("row too short", "respondent_id,q1,q2\nR1,4,5\nR2,3\n", {}, "line 3 has 2 fields, the header has 3"),
    ("short row after a blank line", "q1,q2\n1,2\n\n3\n", {}, "line 4 has 1 field, the header has 2"),
    ("unclosed quote", 'q1,q2\n1,2\n"3,4\n5,6\n', {}, 'line 3: a quote (") opened on this line is never closed'),
    ("text after a closing quote", 'q1,q2\n1,2\n"3"x,4\n', {}, "line 3: bad quoting"),
    ("infinite rating", "q1,q2\n4,5\ninf,3\n", {"numeric": ["q1", "q2"]}, "column 'q1', row 1: value inf is not a finite"),
    ("infinite with a scale", "q1\n-inf\n", {"numeric": "q1", "scale": (1, 5)}, "value -inf is not a finite number"),
    ("half point on an integer scale", "q1,q2\n4,5\n2.5,3\n", {"numeric": ["q1", "q2"], "scale": (1, 5), "integer": True},
     "column 'q1', row 1: value 2.5 is not a whole number (must be an integer code within 1-5)"),
    ("half point, per-column scale", "q1,q2\n4,5\n2,3.5\n", {"scales": {"q2": (1, 5)}, "integer": True},
     "column 'q2', row 1: value 3.5 is not a whole number"),
    ("half point, no scale", "q1\n4\n3.5\n", {"numeric": "q1", "integer": True}, "value 3.5 is not a whole number"),
    ("duplicate header", "q1,q1\n1,2\n", {}, "column 'q1' appears more than once"),
    ("scale without columns", GOOD, {"scale": (1, 5)}, "needs numeric="),
    ("per-column scale", "q1,q2\n4,5\n1,11\n", {"scales": {"q2": (1, 10)}}, "column 'q2', row 1: value 11"),
    ("scale column missing", GOOD, {"scales": {"q9": (1, 5)}}, "missing column 'q9'"),
    ("true/false ratings", "q1\nTrue\nFalse\n", {"numeric": ["q1"]}, "true/false"),
]


@pytest.mark.parametrize("label,text,kwargs,needle", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_malformed_csv_raises_a_clear_error(tmp_path, label, text, kwargs, needle):
    with pytest.raises(ch.CsatInputError) as info:
        ch.read_survey(write(tmp_path, text), **kwargs)
    assert "s.csv" in str(info.value) or "scale=" in str(info.value)
    if needle:
        assert needle in str(info.value)


def test_rows_with_only_blank_extra_fields_are_read(tmp_path):
    # trailing separators on some lines, or a blank-named trailing header column, lose no data
    df = ch.read_survey(write(tmp_path, "q1,q2\n1,2,\n3,4\n"), numeric=["q1", "q2"])
    assert df.to_dict("list") == {"q1": [1.0, 3.0], "q2": [2.0, 4.0]}
    df = ch.read_survey(write(tmp_path, "q1,q2,\n1,2\n3,4,\n"), numeric=["q1", "q2"])
    assert df.to_dict("list") == {"q1": [1.0, 3.0], "q2": [2.0, 4.0]}


@pytest.mark.parametrize("text", ["q1,q2\n1,2\n3,4,\n", "q1,q2\n1,2,\n3,4,,\n", 'q1,q2\n1,2\n"3",4, ,\n'],
                         ids=["after the first row", "more than the first row", "csv reader"])
def test_blank_extra_fields_are_read_on_any_row(tmp_path, text):
    # pandas alone accepts surplus fields only on the first row ("Error tokenizing data" after it)
    df = ch.read_survey(write(tmp_path, text), numeric=["q1", "q2"])
    assert df.to_dict("list") == {"q1": [1.0, 3.0], "q2": [2.0, 4.0]}


def test_a_pandas_parser_error_becomes_a_csat_error_without_its_text(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise pd.errors.ParserError("Error tokenizing data. C error: Expected 2 fields in line 3, saw 3")
    monkeypatch.setattr(pd, "read_csv", refuse)
    with pytest.raises(ch.CsatInputError, match="s.csv: cannot be read as CSV") as info:
        ch.read_survey(write(tmp_path, GOOD))
    assert "tokenizing" not in str(info.value)


@pytest.mark.parametrize("quote", ["", '"R3"'], ids=["separator count", "csv reader"])
def test_blank_and_whitespace_lines_are_skipped_as_pandas_does(tmp_path, quote):
    text = f"\nid,q1,q2\r\nR1,4,5\r\n   \r\n\r\n{quote or 'R3'},2,3\r\n  \r\n"
    df = ch.read_survey(write(tmp_path, text), numeric=["q1", "q2"])
    assert df["id"].tolist() == ["R1", "R3"] and df["q2"].tolist() == [5.0, 3.0]
    with pytest.raises(ch.CsatInputError, match="line 6 has 2 fields, the header has 3"):
        ch.read_survey(write(tmp_path, text.replace(",2,3", ",2")))


@pytest.mark.parametrize("first", ["  ", " \t ", "  \r"], ids=["spaces", "tab", "spaces and CR"])
def test_a_whitespace_only_first_line_is_not_the_header(tmp_path, first):
    df = ch.read_survey(write(tmp_path, f"{first}\nq1,q2\n1,2"), numeric=["q1", "q2"])
    assert df.to_dict("list") == {"q1": [1.0], "q2": [2.0]}


def test_quoted_fields_may_hold_separators_and_line_breaks(tmp_path):
    df = ch.read_survey(write(tmp_path, 'id,comment,q1\nR1,"slow, rude",2\nR2,"line one\nline two",4\n'),
                        numeric="q1", scale=(1, 5), integer=True)
    assert df["comment"].tolist() == ["slow, rude", "line one\nline two"] and df["q1"].tolist() == [2.0, 4.0]


def test_line_numbers_count_physical_lines(tmp_path):
    with pytest.raises(ch.CsatInputError, match="line 4 has 3 fields, the header has 2"):
        ch.read_survey(write(tmp_path, 'q1,q2\n"a\nb",2\n1,2,3\n'))


def test_one_column_name_as_a_string_is_one_name(tmp_path):
    df = ch.read_survey(write(tmp_path, GOOD), required="respondent_id", numeric="q1")
    assert df["q1"].dtype == float
    with pytest.raises(ch.CsatInputError, match="missing column 'q9'"):
        ch.read_survey(write(tmp_path, GOOD), required="q9")


BAD_ARGUMENTS = [
    ({"path": None}, "path must be a file name"),
    ({"path": 3}, "path must be a file name"),
    ({"sep": ""}, "sep= must be one character"),
    ({"sep": "::"}, "sep= must be one character"),
    ({"sep": None}, "sep= must be one character"),
    ({"sep": '"'}, "sep= must be one character"),
    ({"scale": ("1", "5"), "numeric": ["q1"]}, r"scale= expects two numbers \(lowest, highest\), e.g. \(1, 5\), got \('1', '5'\)"),
    ({"scale": (1, 5, 7), "numeric": ["q1"]}, "scale= expects two numbers"),
    ({"scale": 5, "numeric": ["q1"]}, "scale= expects two numbers"),
    ({"scale": (5, 1), "numeric": ["q1"]}, "lowest 5 must be below highest 1"),
    ({"scales": {"q1": (1, float("nan"))}}, r"scales\['q1'\]= expects two numbers"),
    ({"scales": (1, 5)}, "scales= maps column"),
    ({"required": 3}, "required= takes a column name or a list of names"),
    ({"numeric": [1, 2]}, "numeric= takes column names"),
    ({"encoding": 8}, "encoding= must be a name"),
    ({"sheet": None}, "sheet= must be a sheet name"),
    ({"integer": True}, "integer=True needs numeric= or scales="),
]


@pytest.mark.parametrize("kwargs,needle", BAD_ARGUMENTS, ids=[str(a[0]) for a in BAD_ARGUMENTS])
def test_read_survey_checks_its_own_arguments(tmp_path, kwargs, needle):
    kwargs = {"path": write(tmp_path, GOOD), **kwargs}
    with pytest.raises(ch.CsatInputError, match=needle):
        ch.read_survey(**kwargs)


def test_duplicate_xlsx_header_is_refused_like_csv(tmp_path):
    p = tmp_path / "s.xlsx"
    pd.DataFrame([[1, 2, 3], [4, 5, 6]], columns=["q1", "q2", "q1 "]).to_excel(p, index=False)
    with pytest.raises(ch.CsatInputError, match="s.xlsx: column 'q1' appears more than once in the header"):
        ch.read_survey(p)


def test_empty_xlsx_sheet(tmp_path):
    import openpyxl

    p = tmp_path / "s.xlsx"
    openpyxl.Workbook().save(p)
    with pytest.raises(ch.CsatInputError, match="s.xlsx: sheet 0 is empty"):
        ch.read_survey(p)


def test_missing_file(tmp_path):
    with pytest.raises(ch.CsatInputError, match="no such file"):
        ch.read_survey(tmp_path / "nope.csv")


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(ch.CsatInputError, match="is a folder"):
        ch.read_survey(tmp_path)


def test_unsupported_extension(tmp_path):
    with pytest.raises(ch.CsatInputError, match="unsupported file type '.sav'"):
        ch.read_survey(write(tmp_path, GOOD, name="s.sav"))


def test_undecodable_bytes(tmp_path):
    p = tmp_path / "s.csv"
    p.write_bytes(b"q1,q2\n\xff\xfe\xfa,\x81\n")
    with pytest.raises(ch.CsatInputError, match="UTF-8"):
        ch.read_survey(p)


def test_wrong_explicit_encoding(tmp_path):
    with pytest.raises(ch.CsatInputError, match="cannot be decoded as 'ascii'"):
        ch.read_survey(write(tmp_path, "编号\n1\n"), encoding="ascii")


def test_corrupt_xlsx(tmp_path):
    p = tmp_path / "s.xlsx"
    p.write_bytes(b"this is not a zip file")
    with pytest.raises(ch.CsatInputError, match="not a readable .xlsx"):
        ch.read_survey(p)


def test_unknown_sheet(tmp_path):
    p = tmp_path / "s.xlsx"
    pd.DataFrame({"q1": [1]}).to_excel(p, index=False)
    with pytest.raises(ch.CsatInputError, match="sheet 'answers'"):
        ch.read_survey(p, sheet="answers")


def test_unknown_bundled_dataset_lists_the_known_ones():
    with pytest.raises(ch.CsatInputError, match="customer_ledger"):
        path_of("no_such_data")


def test_bundled_loader_is_cwd_independent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load("customer_ledger")) > 0


# ----------------------------------------------------------------------------- validation layer
@pytest.mark.parametrize(
    "weights,needle",
    [
        ([0.5, 0.6], r"off by \+0.1"),
        ([0.5, 0.4], "off by -0.1"),
        ([1.2, -0.2], "negative"),
        ([0.5, np.nan], "missing"),
        (["0.5", "half"], "'half'"),
        ([[0.5, 0.5]], "1-D"),
    ],
)
def test_weights_are_never_renormalised_silently(weights, needle):
    with pytest.raises(ch.CsatInputError, match=needle):
        v.require_weights(weights)


def test_weights_count_is_checked():
    with pytest.raises(ch.CsatInputError, match="expected 3 weights, got 2"):
        v.require_weights([0.5, 0.5], n=3)


def test_as_frame_refuses_non_tables():
    with pytest.raises(ch.CsatInputError, match="got int"):
        v.as_frame(5, "ratings")


def test_as_series_refuses_two_columns():
    with pytest.raises(ch.CsatInputError, match="expected one column"):
        v.as_series(pd.DataFrame({"a": [1], "b": [2]}), "importance")


def test_same_labels_names_both_sides():
    with pytest.raises(ch.CsatInputError, match="only in importance: 'price'.*only in performance: 'design'"):
        v.require_same_labels(["price", "repair"], ["repair", "design"], "importance", "performance")


def test_empty_table():
    with pytest.raises(ch.CsatInputError, match="has no rows"):
        v.require_nonempty(pd.DataFrame({"a": []}), "ledger")


@pytest.mark.parametrize("value", [0, -3, 2.5, True, "10"])
def test_positive_int(value):
    with pytest.raises(ch.CsatInputError, match="whole number"):
        v.require_positive_int(value, "n_boot")


@pytest.mark.parametrize("value", [0, 1, 1.5, "x"])
def test_probability(value):
    with pytest.raises(ch.CsatInputError, match="between 0 and 1"):
        v.require_probability(value, "conf")


def test_codes_name_row_and_allowed():
    with pytest.raises(ch.CsatInputError, match=r"row 1: 'maybe' is not an allowed answer \(allowed: 'yes', 'no'\)"):
        v.require_codes(pd.Series(["yes", "maybe"]), ["yes", "no"], "column 'q1'")


def test_integer_codes():
    with pytest.raises(ch.CsatInputError, match="value 2.5 is not a whole number .must be an integer code within 1-5"):
        v.require_in_scale(pd.DataFrame({"q1": [2.5]}), (1, 5), "answers", integer=True)
    with pytest.raises(ch.CsatInputError, match="value 7.5 is outside the scale 1-5"):
        v.require_in_scale(pd.DataFrame({"q1": [7.5]}), (1, 5), "answers", integer=True)


def test_scale_bounds_must_be_ordered():
    with pytest.raises(ch.CsatInputError, match="lower end 5"):
        v.require_in_scale(pd.DataFrame({"q1": [2]}), (5, 1))
