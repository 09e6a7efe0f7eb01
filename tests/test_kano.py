"""Tests of csat_helpers.kano against specs/kano.md and the published worked examples it lists."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csat_helpers import CsatInputError, kano
from csat_helpers.datasets import load, truth
from csat_helpers.datasets.company import ATTRIBUTES, SEGMENTS
from csat_helpers.datasets.company_kano import kano_frames

KEYS = {1: "like", 2: "must-be", 3: "neutral", 4: "live-with", 5: "dislike"}

# Evaluation table of Berger et al. (1993) and Matzler & Hinterhuber (1998), as reproduced in the
# proofofthepudding Kano guide ("Lookup table analysis") and stp25kano: rows functional, columns dysfunctional.
PUBLISHED_TABLE = [
    "QAAAO",
    "RIIIM",
    "RIIIM",
    "RIIIM",
    "RRRRQ",
]
PAIR_CASES = [
    (f, d, PUBLISHED_TABLE[f - 1][d - 1]) for f in range(1, 6) for d in range(1, 6)
]


# ----------------------------------------------------------------------------- pair-* (25 cases)
@pytest.mark.parametrize("f,d,expected", PAIR_CASES, ids=[f"pair-{KEYS[f]}-{KEYS[d]}" for f, d, _ in PAIR_CASES])
def test_pair_cases_berger_1993_matzler_hinterhuber_1998(f, d, expected):
    # Berger et al. (1993); Matzler & Hinterhuber (1998) via proofofthepudding "Lookup table analysis"
    assert kano.classify(f, d) == expected
    assert kano.classify(KEYS[f], KEYS[d]) == expected
    assert kano.EVALUATION_TABLE.loc[f, d] == expected


def test_named_pair_cases_from_spec():
    # spec section 10: pair-like-like = Q, pair-like-must-be = A, pair-must-be-like = R, pair-neutral-dislike = M
    assert kano.classify("like", "like") == "Q"
    assert kano.classify("like", "must-be") == "A"
    assert kano.classify("must-be", "like") == "R"
    assert kano.classify("neutral", "dislike") == "M"


def test_classify_grid_returns_table_row_by_row():
    # Berger et al. (1993): classify on the 5x5 grid gives the table
    f, d = np.meshgrid(np.arange(1, 6), np.arange(1, 6), indexing="ij")
    out = kano.classify(f, d)
    assert out.dtype == np.dtype("<U1")
    assert ["".join(row) for row in out] == PUBLISHED_TABLE
    assert kano.EVALUATION_TABLE.index.tolist() == [1, 2, 3, 4, 5]
    assert kano.EVALUATION_TABLE.columns.tolist() == [1, 2, 3, 4, 5]
    assert ["".join(kano.EVALUATION_TABLE.loc[i]) for i in range(1, 6)] == PUBLISHED_TABLE


def test_constants_name_answers_and_categories():
    assert [kano.ANSWERS[c]["key"] for c in range(1, 6)] == ["like", "must-be", "neutral", "live-with", "dislike"]
    assert [kano.ANSWERS[c]["zh"] for c in range(1, 6)] == ["我喜欢", "理应如此", "无所谓", "能忍受", "我不喜欢"]
    assert kano.CATEGORIES["M"]["zh"] == "基本型需求"
    assert kano.CATEGORIES["O"]["zh"] == "期望型需求"
    assert kano.CATEGORIES["A"]["zh"] == "兴奋型需求"
    assert set(kano.CATEGORIES) == set("AOMIRQ")


# ----------------------------------------------------------------------------- labels and shapes
def test_english_and_chinese_labels():
    f = pd.Series(["I like it that way", "It must be that way", "我喜欢", "i don't care", "I can tolerate it"])
    d = pd.Series(["I dislike it that way", "我不喜欢", "无所谓", "dislike", "我喜欢"])
    out = kano.classify(f, d)
    assert out.tolist() == ["O", "M", "A", "M", "R"]
    assert out.dtype == "string"


def test_coding_for_reversed_export():
    # an export coded 1 = dislike ... 5 = like needs coding=; it equals the standard codes 6 - x
    coding = {1: "dislike", 2: "live-with", 3: "neutral", 4: "must-be", 5: "like"}
    rng = np.random.default_rng(3)
    f = rng.integers(1, 6, 200)
    d = rng.integers(1, 6, 200)
    assert (kano.classify(f, d, coding=coding) == kano.classify(6 - f, 6 - d)).all()


def test_coding_with_own_words_and_unknown_value():
    coding = {"yes!": "like", "ok": "must-be", "meh": "neutral", "fine": "live-with", "no!": "dislike"}
    assert kano.classify("yes!", "no!", coding=coding) == "O"
    with pytest.raises(CsatInputError, match="coding"):
        kano.classify("yes!", "maybe", coding=coding)
    with pytest.raises(CsatInputError, match="coding: target"):
        kano.classify(1, 2, coding={1: "love it"})


def test_missing_pair_numpy_and_pandas():
    out = kano.classify(np.array([1.0, np.nan, 2.0]), np.array([5.0, 5.0, None], dtype=object))
    assert out.tolist() == ["O", "", ""]
    s = kano.classify(pd.Series([1, None, 2], dtype="Int64"), pd.Series([5, 5, 5], dtype="Int64"))
    assert s.isna().tolist() == [False, True, False]
    assert s.iloc[0] == "O"
    assert kano.classify(np.nan, 3) == ""


def test_plain_lists_keep_missing_answers_and_mix_codes_with_labels():
    # spec section 2: a missing value in either question makes the pair missing (numpy alone would turn
    # [nan, "like"] into the text 'nan'); codes and labels may be mixed, anything else raises
    assert kano.classify([np.nan, "like"], ["dislike", "dislike"]).tolist() == ["", "O"]
    assert kano.classify((1, "like", None, pd.NA), (5, "dislike", 3, 3)).tolist() == ["O", "O", "", ""]
    t = kano.tabulate([[1, "like"], [np.nan, 2]], [["dislike", 3], [5, "must-be"]])
    assert t[["A", "O", "I", "n", "n_missing"]].to_numpy().tolist() == [[0, 1, 0, 1, 1], [1, 0, 1, 2, 0]]
    with pytest.raises(CsatInputError, match=r"functional: attribute 0, row 1: 7 is not a Kano answer"):
        kano.classify(["like", 7], ["like", "like"])
    with pytest.raises(CsatInputError, match=r"row 1: '1' is not a Kano answer"):
        kano.classify(["like", "1"], ["like", "like"])
    with pytest.raises(CsatInputError, match="rectangular"):
        kano.evaluate([[1, 2], [1]], [[5, 5], [5]])


def test_dataframe_shape_kept():
    f = pd.DataFrame({"x": [1, 2], "y": [3, 5]}, index=["r1", "r2"])
    d = pd.DataFrame({"x": [5, 5], "y": [5, 1]}, index=["r1", "r2"])
    out = kano.classify(f, d)
    assert out.shape == (2, 2)
    assert out.loc["r2", "y"] == "R"
    assert list(out.columns) == ["x", "y"]


def test_fast_paths_agree_with_the_table_for_every_input_type():
    # Berger et al. (1993) table applied cell by cell, against the vectorised paths: integer and float
    # arrays, DataFrames (StringDtype built from the codes) and plain lists all give the same letters
    rng = np.random.default_rng(11)
    f = rng.integers(1, 6, size=(300, 4))
    d = rng.integers(1, 6, size=(300, 4))
    ff = f.astype(float)
    ff[::7, 1] = np.nan
    expected = [
        ["" if np.isnan(a) else PUBLISHED_TABLE[int(a) - 1][b - 1] for a, b in zip(ra, rb)] for ra, rb in zip(ff, d)
    ]
    assert kano.classify(ff, d).tolist() == expected
    assert kano.classify(ff.tolist(), d.tolist()).tolist() == expected
    frame = kano.classify(pd.DataFrame(ff), pd.DataFrame(d))
    assert (frame.dtypes == "string").all()
    assert frame.fillna("").to_numpy().tolist() == expected
    assert frame.isna().to_numpy().sum() == np.isnan(ff).sum()
    as_array = kano.evaluate(f, d)
    as_frame = kano.evaluate(pd.DataFrame(f.astype(np.int8)), pd.DataFrame(d.astype(np.int8)))
    pd.testing.assert_frame_equal(as_array, as_frame)
    counts = [[row.count(c) for c in "AOMIRQ"] for row in zip(*expected)]
    assert kano.tabulate(ff, d)[list("AOMIRQ")].to_numpy().tolist() == counts


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("bad", [0, 6, 2.5, -1, True, 256, 261.0, np.inf])
def test_codes_outside_1_to_5_raise(bad):
    f = pd.DataFrame({"speed": [1, 2, bad]})
    d = pd.DataFrame({"speed": [5, 5, 5]})
    with pytest.raises(CsatInputError, match=r"functional: attribute 'speed', row 2"):
        kano.evaluate(f, d)


def test_unknown_label_raises_never_q():
    # peers map unknown answers to Q silently (spec section 9); the helper refuses
    f = pd.DataFrame({"speed": ["like", "maybe"]})
    d = pd.DataFrame({"speed": ["dislike", "dislike"]})
    with pytest.raises(CsatInputError, match=r"'maybe' is not a Kano answer"):
        kano.classify(f, d)


def test_mismatched_frames_raise_naming_labels():
    f = pd.DataFrame({"a": [1, 2], "b": [1, 1]})
    d = pd.DataFrame({"a": [5, 5], "c": [5, 5]})
    with pytest.raises(CsatInputError, match=r"only in functional: 'b'; only in dysfunctional: 'c'"):
        kano.evaluate(f, d)
    d2 = pd.DataFrame({"a": [5, 5], "b": [5, 5]}, index=[0, 7])
    with pytest.raises(CsatInputError, match=r"respondents \(rows\) do not line up"):
        kano.evaluate(f, d2)
    d3 = pd.DataFrame({"b": [5, 5], "a": [5, 5]})
    with pytest.raises(CsatInputError, match="different order"):
        kano.evaluate(f, d3)
    with pytest.raises(CsatInputError, match="shapes differ"):
        kano.classify(np.ones((2, 2)), np.ones((3, 2)))
    with pytest.raises(CsatInputError, match="same kind"):
        kano.classify(f, d.to_numpy())


def test_series_with_different_names_raise_naming_both():
    # spec section 2: functional and dysfunctional must have identical index and columns
    f = pd.Series([1, 3], name="speed")
    with pytest.raises(CsatInputError, match=r"Series names differ \('speed' vs 'price'\)"):
        kano.classify(f, pd.Series([5, 5], name="price"))
    with pytest.raises(CsatInputError, match=r"Series names differ \('speed' vs None\)"):
        kano.tabulate(f, pd.Series([5, 5]))
    with pytest.raises(CsatInputError, match=r"only in functional: 'speed'; only in dysfunctional: 'price'"):
        kano.evaluate(f.to_frame(), pd.Series([5, 5], name="price").to_frame())
    assert kano.classify(f, pd.Series([5, 5], name="speed")).tolist() == ["O", "M"]


def test_missing_answers_dropped_and_counted():
    f = pd.DataFrame({"a": [1, 1, np.nan, 2, 1]})
    d = pd.DataFrame({"a": [5, np.nan, 5, 5, 5]})
    t = kano.tabulate(f, d)
    assert t.loc["a", ["O", "M", "n", "n_missing"]].tolist() == [2, 1, 3, 2]
    assert t.loc["a", list("AOMIRQ")].sum() == t.loc["a", "n"]


def test_attribute_with_no_valid_answer_raises():
    f = pd.DataFrame({"a": [1, 2], "b": [np.nan, np.nan]})
    d = pd.DataFrame({"a": [5, 5], "b": [5, 5]})
    t = kano.tabulate(f, d)  # counting alone is fine: zeros and n_missing = 2
    assert t.loc["b", ["n", "n_missing"]].tolist() == [0, 2]
    with pytest.raises(CsatInputError, match=r"attribute 'b': has no classified answer pairs"):
        kano.evaluate(f, d)


def test_all_reverse_attribute_flagged_and_warned():
    f = pd.DataFrame({"a": [5, 5, 4], "b": [1, 1, 2]})
    d = pd.DataFrame({"a": [1, 2, 1], "b": [5, 5, 5]})
    with pytest.warns(kano.KanoWarning, match="bw_undefined"):
        r = kano.evaluate(f, d)
    assert r.loc["a", "category"] == "R"
    assert np.isnan(r.loc["a", "better"]) and np.isnan(r.loc["a", "worse"])
    assert r.loc["a", "flags"].split(";") == ["reverse", "bw_undefined"]
    with pytest.raises(CsatInputError, match="undefined"):
        kano.better_worse({"A": 0, "O": 0, "M": 0, "I": 0})
    assert kano.better_worse({"A": 0, "O": 0, "M": 0, "I": 0}, on_undefined="nan").isna().all()


def test_all_questionable_attribute_is_q():
    f = pd.DataFrame({"a": [1, 5, 1]})
    d = pd.DataFrame({"a": [1, 5, 1]})
    with pytest.warns(kano.KanoWarning):
        r = kano.evaluate(f, d)
    assert r.loc["a", "category"] == "Q"
    assert r.loc["a", "category_mode"] == "Q"
    assert set(r.loc["a", "flags"].split(";")) == {"ambiguous", "mixed", "questionable", "bw_undefined"}
    with pytest.raises(CsatInputError, match="undefined"):
        kano.summarize_counts({"A": 0, "O": 0, "M": 0, "I": 0, "R": 1, "Q": 3}, on_undefined="raise")


def test_bad_counts_raise():
    with pytest.raises(CsatInputError, match="missing column"):
        kano.summarize_counts({"A": 1, "O": 2})
    with pytest.raises(CsatInputError, match="must be finite and >= 0"):
        kano.summarize_counts({"A": -1, "O": 2, "M": 1, "I": 1, "R": 0, "Q": 0})
    with pytest.raises(CsatInputError, match="whole-number"):
        kano.fong_test({"A": 1.5, "O": 2, "M": 1, "I": 1, "R": 0, "Q": 0})
    with pytest.raises(CsatInputError, match="band"):
        kano.summarize_counts({"A": 1, "O": 2, "M": 1, "I": 1, "R": 0, "Q": 0}, band=5)


# ----------------------------------------------------------------------------- pudding-* (n = 25)
# Source: the proofofthepudding Kano guide, tallying example (spec section 10). The published result is
# the mode; every other value is derived under the spec (tolerance 1e-4).
PUDDING = pd.DataFrame(
    {"A": [1, 4], "O": [10, 5], "M": [9, 9], "I": [2, 2], "R": [3, 4], "Q": [0, 1]},
    index=["Feature1", "Feature2"],
)
PUDDING_EXPECTED = {
    "Feature1": {"mode": "O", "category": "M", "ambiguous": True, "better": 0.5, "worse": -0.8636,
                 "total_strength": 0.80, "category_strength": 0.04, "fong": (1, 5.6631, False),
                 "top2": ("O", "M"), "flags": "ambiguous;mixed"},
    "Feature2": {"mode": "M", "category": "M", "ambiguous": False, "better": 0.45, "worse": -0.7,
                 "total_strength": 0.72, "category_strength": 0.16, "fong": (4, 5.2386, False),
                 "top2": ("M", "O"), "flags": "mixed"},
}
pudding_cases = pytest.mark.parametrize("feature", list(PUDDING_EXPECTED), ids=[f"pudding-{f}" for f in PUDDING_EXPECTED])


@pudding_cases
def test_pudding_published_mode_and_derived_values(feature):
    # proofofthepudding Kano guide, tallying example: the mode is published, the rest derived
    want = PUDDING_EXPECTED[feature]
    r = kano.summarize_counts(PUDDING.loc[[feature]]).loc[feature]
    assert r["category_mode"] == want["mode"]  # published
    assert r["category"] == want["category"]
    assert r["category_zh"] == kano.CATEGORIES[want["category"]]["zh"]
    assert r["ambiguous"] == want["ambiguous"]
    for column in ("better", "worse", "total_strength", "category_strength"):
        assert r[column] == pytest.approx(want[column], abs=1e-4), column
    abs_diff, threshold, significant = want["fong"]
    assert r["fong_abs_diff"] == pytest.approx(abs_diff, abs=1e-4)
    assert r["fong_threshold"] == pytest.approx(threshold, abs=1e-4)
    assert r["fong_significant"] == significant
    assert r["flags"] == want["flags"]


@pudding_cases
def test_pudding_through_better_worse_and_fong(feature):
    # proofofthepudding tallying example (derived Better/Worse and Fong)
    want = PUDDING_EXPECTED[feature]
    bw = kano.better_worse(PUDDING.loc[feature])
    assert bw.tolist() == pytest.approx([want["better"], want["worse"]], abs=1e-4)
    ft = kano.fong_test(PUDDING.loc[feature])
    assert (ft["c1"], ft["c2"]) == want["top2"]
    assert ft["threshold"] == pytest.approx(want["fong"][1], abs=1e-4)


def _expand(counts: pd.DataFrame, n_rows: int, pad_missing: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Answer pairs that give exactly these counts, padded with missing answers."""
    cell = {"A": (1, 3), "O": (1, 5), "M": (3, 5), "I": (3, 3), "R": (5, 1), "Q": (1, 1)}
    f, d = {}, {}
    for attr, row in counts.iterrows():
        fs, ds = [], []
        for c in "AOMIRQ":
            fs += [cell[c][0]] * int(row[c])
            ds += [cell[c][1]] * int(row[c])
        fs += [np.nan] * (n_rows - len(fs))
        ds += [np.nan] * (n_rows - len(ds))
        # a few pairs lose only one of the two answers
        for k in range(pad_missing):
            ds[len(ds) - 1 - k] = 5
        f[attr], d[attr] = fs, ds
    rng = np.random.default_rng(7)
    perm = rng.permutation(n_rows)
    return pd.DataFrame(f).iloc[perm].reset_index(drop=True), pd.DataFrame(d).iloc[perm].reset_index(drop=True)


@pudding_cases
def test_pudding_through_evaluate_on_expanded_answers(feature):
    # proofofthepudding tallying example, answers rebuilt from the counts and padded with missing values
    want = PUDDING_EXPECTED[feature]
    f, d = _expand(PUDDING.loc[[feature]], 30, 2)
    r = kano.evaluate(f, d).loc[feature]
    assert r[list("AOMIRQ")].tolist() == PUDDING.loc[feature].tolist()
    assert (r["n"], r["n_missing"]) == (25, 5)
    assert (r["category_mode"], r["category"]) == (want["mode"], want["category"])
    assert r["fong_threshold"] == pytest.approx(want["fong"][1], abs=1e-4)


def test_stp25_band_reproduced_with_006():
    # spec section 8: band=0.06 reproduces stp25's code; with lead 0.04 both bands give M for pudding-Feature1
    r = kano.summarize_counts(PUDDING, band=0.06)
    assert r["category"].tolist() == ["M", "M"]
    r0 = kano.summarize_counts(PUDDING, band=0.0)
    assert r0["category"].tolist() == ["O", "M"]


# ----------------------------------------------------------------------------- agilesd-* (percentages)
# Source: agilesoftwaredevelopment.com, "Kano questionnaire survey analysis" (spec section 10). The
# published result is the mode; Better/Worse and strengths are derived (tolerance 1e-4); Fong needs counts.
AGILESD = pd.DataFrame(
    {
        "A": [8.3, 33.4, 13.6],
        "O": [22.6, 8.2, 44.6],
        "M": [52.7, 38.2, 22.3],
        "I": [12.4, 18.3, 17.8],
        "R": [2.5, 1.1, 0.5],
        "Q": [1.5, 0.8, 1.2],
    },
    index=["spellchecker", "can-post-to-blogs", "supports-many-fonts"],
)
AGILESD_EXPECTED = {
    "spellchecker": {"mode": "M", "category": "M", "better": 0.3219, "worse": -0.7844,
                     "total_strength": 0.836, "category_strength": 0.301, "ambiguous": False, "flags": ""},
    "can-post-to-blogs": {"mode": "M", "category": "M", "better": 0.4241, "worse": -0.4730,
                          "total_strength": 0.798, "category_strength": 0.048, "ambiguous": True, "flags": "ambiguous"},
    "supports-many-fonts": {"mode": "O", "category": "O", "better": 0.5921, "worse": -0.6806,
                            "total_strength": 0.805, "category_strength": 0.223, "ambiguous": False, "flags": ""},
}


@pytest.mark.parametrize("feature", list(AGILESD_EXPECTED), ids=[f"agilesd-{f}" for f in AGILESD_EXPECTED])
def test_agilesd_published_modes_and_derived_values(feature):
    # agilesoftwaredevelopment.com, "Kano questionnaire survey analysis": the mode is published
    want = AGILESD_EXPECTED[feature]
    r = kano.summarize_counts(AGILESD.loc[[feature]]).loc[feature]
    assert r["category_mode"] == want["mode"]  # published
    assert r["category"] == want["category"]
    for column in ("better", "worse", "total_strength", "category_strength"):
        assert r[column] == pytest.approx(want[column], abs=1e-4), column
    assert r["ambiguous"] == want["ambiguous"]
    assert np.isnan(r["fong_threshold"]) and pd.isna(r["fong_significant"])
    assert r["flags"] == want["flags"]
    bw = kano.better_worse(AGILESD.loc[feature])
    assert bw.tolist() == pytest.approx([want["better"], want["worse"]], abs=1e-4)


def test_whole_number_percentages_need_kind():
    # spec 4.4: Fong's test needs counts; whole-number percentages look like counts of 100 pairs
    pct = pd.DataFrame({"A": [20], "O": [30], "M": [40], "I": [10], "R": [0], "Q": [0]}, index=["x"])
    with pytest.warns(kano.KanoWarning, match="sums to exactly 100.*kind='shares'"):
        auto = kano.summarize_counts(pct)
    assert auto.loc["x", "fong_threshold"] == pytest.approx(1.65 * np.sqrt(70 * 130 / 200))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shares = kano.summarize_counts(pct, kind="shares")
        counts = kano.summarize_counts(pct, kind="counts")
        # a survey with exactly 100 respondents is counts: evaluate never warns about it
        f = pd.DataFrame({"x": [1] * 60 + [3] * 40})
        d = pd.DataFrame({"x": [5] * 100})
        assert kano.evaluate(f, d).loc["x", "n"] == 100
    assert np.isnan(shares.loc["x", "fong_threshold"]) and shares["fong_significant"].isna().all()
    assert shares.loc["x", "flags"] == ""  # no 'mixed' without a test
    assert shares.loc["x", "better"] == auto.loc["x", "better"] == pytest.approx(0.5)
    assert counts.loc["x", "fong_threshold"] == auto.loc["x", "fong_threshold"]
    assert counts["A"].dtype == np.int64 and shares["A"].dtype == np.float64
    with pytest.raises(CsatInputError, match="row 'can-post-to-blogs' holds fractions; kind='counts'"):
        kano.summarize_counts(AGILESD.iloc[[1]], kind="counts")
    with pytest.raises(CsatInputError, match="kind: must be"):
        kano.summarize_counts(pct, kind="percent")


# ----------------------------------------------------------------------------- ties and signs
def test_mode_tie_break_m_o_a_i():
    r = kano.summarize_counts(
        pd.DataFrame(
            {"A": [5, 5, 0], "O": [5, 5, 4], "M": [5, 0, 0], "I": [5, 5, 4], "R": [0, 0, 0], "Q": [0, 0, 0]},
            index=["all", "aoi", "oi"],
        )
    )
    assert r["category_mode"].tolist() == ["M", "O", "O"]
    assert r["category"].tolist() == ["M", "O", "O"]


def test_band_can_pick_a_category_without_answers_as_the_spec_says():
    # spec 4.2 taken literally: c1 = A (1), c2 = M (0, first by priority among the zeros), lead = 1/31
    # is within the band, so the higher priority M wins; the flags show the attribute is mostly Q
    r = kano.summarize_counts({"A": 1, "O": 0, "M": 0, "I": 0, "R": 0, "Q": 30})
    assert r.loc[0, "category"] == "M" and r.loc[0, "M"] == 0
    assert r.loc[0, "category_mode"] == "Q"
    assert r.loc[0, "category_strength"] == pytest.approx(1 / 31)
    assert r.loc[0, "flags"] == "ambiguous;mixed;questionable"
    assert kano.summarize_counts({"A": 1, "O": 0, "M": 0, "I": 0, "R": 0, "Q": 30}, band=0.03).loc[0, "category"] == "A"


def test_worse_zero_is_not_negative_zero():
    bw = kano.better_worse({"A": 3, "O": 0, "M": 0, "I": 2})
    assert bw["worse"] == 0.0 and not np.signbit(bw["worse"])


# ----------------------------------------------------------------------------- cleaning and groups
def test_max_questionable_drops_respondents():
    f = pd.DataFrame({"a": [1, 1, 1], "b": [1, 5, 1]})
    d = pd.DataFrame({"a": [1, 5, 1], "b": [1, 5, 5]})
    r = kano.evaluate(f, d, max_questionable=1)
    assert r.attrs["dropped_respondents"] == 1
    assert r["n"].tolist() == [2, 2]
    with pytest.raises(CsatInputError, match="max_questionable"):
        kano.tabulate(f, d, max_questionable=-1)


def test_groups_give_one_block_per_segment_and_empty_group_raises():
    f = pd.DataFrame({"a": [1, 1, 3, 3]})
    d = pd.DataFrame({"a": [5, 5, 5, 5]})
    r = kano.evaluate(f, d, groups=pd.Series(["x", "x", "y", "y"]))
    assert r.loc[("x", "a"), "category"] == "O"
    assert r.loc[("y", "a"), "category"] == "M"
    cat = pd.Series(pd.Categorical(["x", "x", "y", "y"], categories=["x", "y", "z"]))
    with pytest.raises(CsatInputError, match="group 'z' has no respondents"):
        kano.evaluate(f, d, groups=cat)
    with pytest.raises(CsatInputError, match="no group label"):
        kano.evaluate(f, d, groups=pd.Series(["x", None, "y", "y"]))


# ----------------------------------------------------------------------------- Better-Worse quadrant
def test_bw_quadrant_splits():
    b = pd.Series([0.7, 0.6, 0.2, 0.1, 0.5], index=list("vwxyz"))
    w = pd.Series([-0.2, -0.6, -0.8, -0.1, -0.5], index=list("vwxyz"))
    assert kano.bw_quadrant(b, w).tolist() == ["A", "O", "M", "I", "O"]  # equal to the split counts as high
    q = kano.bw_quadrant(b, w, split="mean")
    assert q.attrs["split"] == pytest.approx((0.42, 0.44))
    assert q.tolist() == ["A", "O", "M", "I", "O"]
    assert kano.bw_quadrant(b, w, split=(0.65, 0.15)).tolist() == ["O", "M", "M", "I", "M"]
    with pytest.raises(CsatInputError, match="minus sign"):
        kano.bw_quadrant(b, w.abs())


def test_bw_quadrant_pairs_better_and_worse_by_label():
    better = pd.Series([0.7, 0.1], index=["x", "y"])
    worse = pd.Series([-0.2, -0.6], index=["y", "x"])  # same attributes, other order
    q = kano.bw_quadrant(better, worse)
    assert q.to_dict() == {"x": "O", "y": "I"}  # x: 0.7 / 0.6, y: 0.1 / 0.2 (by position it would be A, M)
    with pytest.raises(CsatInputError, match=r"only in better: 'x'; only in worse: 'z'"):
        kano.bw_quadrant(better, pd.Series([-0.8, -0.6], index=["y", "z"]))
    with pytest.raises(CsatInputError, match="repeated labels"):
        kano.bw_quadrant(better, pd.Series([-0.8, -0.6, -0.1], index=["y", "x", "x"]))
    assert kano.bw_quadrant(better, [-0.6, -0.2]).tolist() == ["O", "I"]  # a plain list pairs by position


def test_bw_quadrant_pairs_dicts_by_label_too():
    better = pd.Series({"a": 0.7, "b": 0.1})
    worse = {"b": -0.9, "a": -0.1}  # a dict in another order: a is 0.7 / 0.1, b is 0.1 / 0.9
    assert kano.bw_quadrant(better, worse).to_dict() == {"a": "A", "b": "M"}
    assert kano.bw_quadrant({"a": 0.7, "b": 0.1}, worse).to_dict() == {"a": "A", "b": "M"}
    with pytest.raises(CsatInputError, match=r"only in better: 'b'; only in worse: 'c'"):
        kano.bw_quadrant(better, {"a": -0.1, "c": -0.9})


@pytest.mark.parametrize("split", [("a", 1), "median", 1.5, (0.5,), True, None])
def test_bw_quadrant_bad_split_raises_before_work(split):
    with pytest.raises(CsatInputError, match="split: must be 0.5"):
        kano.bw_quadrant([0.7, 0.2], [-0.2, -0.8], split=split)


def test_evaluate_bad_arguments_raise_up_front():
    f = pd.DataFrame({"a": [1, 1], "b": [3, 3]})  # a: (like, neutral) = A; b: (neutral, neutral) = I
    d = pd.DataFrame({"a": [3, 3], "b": [3, 3]})
    imp = pd.DataFrame({"a": [9, 8], "b": [2, 3]})
    with pytest.raises(CsatInputError, match="importance_split: must be None"):
        kano.evaluate(f, d, imp, importance_split="mean")
    with pytest.raises(CsatInputError, match=r"importance_split: must be None .* within importance_scale 1-9, got 12"):
        kano.evaluate(f, d, imp, importance_split=12)
    with pytest.raises(CsatInputError, match="importance_split: only used together with importance"):
        kano.evaluate(f, d, importance_split=5)
    with pytest.raises(CsatInputError, match=r"low must come first .* did you mean \(1, 9\)\?"):
        kano.evaluate(f, d, imp, importance_scale=(9, 1))
    with pytest.raises(CsatInputError, match="importance_scale: expected"):
        kano.evaluate(f, d, imp, importance_scale=(1, "9"))
    with pytest.raises(CsatInputError, match="band"):
        kano.evaluate(f, d, band="wide")
    with pytest.raises(CsatInputError, match="max_questionable"):
        kano.evaluate(f, d, max_questionable=1.5)
    r = kano.evaluate(f, d, imp, importance_split=5)
    assert r["refined_category"].tolist() == ["highly attractive", "care-free"]  # a: A (mean 8.5), b: I (2.5)


# ----------------------------------------------------------------------------- continuous (DuMouchel)
def test_dumouchel_scale():
    # DuMouchel in Berger et al. (1993) sec. IVb, as published by Displayr and Kano+
    assert kano.DUMOUCHEL_SCALE == {
        "functional": {1: 4, 2: 2, 3: 0, 4: -1, 5: -2},
        "dysfunctional": {1: -2, 2: -1, 3: 0, 4: 2, 5: 4},
    }
    f = pd.DataFrame({"x": [1, 2, 3, 4, 5]})
    d = pd.DataFrame({"x": [1, 2, 3, 4, 5]})
    s = kano.continuous_scores(f, d)
    assert s.loc["x", "functional_mean"] == pytest.approx((4 + 2 + 0 - 1 - 2) / 5)
    assert s.loc["x", "dysfunctional_mean"] == pytest.approx((-2 - 1 + 0 + 2 + 4) / 5)
    assert s.loc["x", "n"] == 5
    s4 = kano.continuous_scores(f, d, scale="dumouchel_div4")
    assert s4.loc["x", "functional_mean"] == pytest.approx(s.loc["x", "functional_mean"] / 4)
    sx = kano.continuous_scores(f, d, exclude=("Q", "R"))  # (1,1) and (5,5) are Q
    assert sx.loc["x", "n"] == 3


@pytest.mark.parametrize(
    "shares",
    [
        {"must-be": 1},  # displayr-functional-mean-all-expect
        {"like": 0.5, "neutral": 0.5},  # displayr-functional-mean-half-like-half-neutral
        {"like": 0.666667, "dislike": 0.333333},  # displayr-functional-mean-two-thirds-like-one-third-dislike
    ],
    ids=[
        "displayr-functional-mean-all-expect",
        "displayr-functional-mean-half-like-half-neutral",
        "displayr-functional-mean-two-thirds-like-one-third-dislike",
    ],
)
def test_displayr_functional_mean_is_two(shares):
    # Displayr help centre, "Continuous Scale Analysis of the Kano Model": three mixes, one mean of 2
    assert kano.continuous_mean_from_shares(shares) == pytest.approx(2.0, abs=1e-5)


def test_continuous_bad_input():
    with pytest.raises(CsatInputError, match="sum to 100"):
        kano.continuous_mean_from_shares({"like": 50, "neutral": 50})
    with pytest.raises(CsatInputError, match="scale"):
        kano.continuous_mean_from_shares({"like": 1}, scale="linear")
    with pytest.raises(CsatInputError, match="no valid answer pairs"):
        kano.continuous_scores(pd.DataFrame({"x": [1, 5]}), pd.DataFrame({"x": [1, 5]}), exclude=("Q",))


# ----------------------------------------------------------------------------- importance (Yang 2005)
def test_importance_and_refined_category():
    f = pd.DataFrame({"a": [1, 1, 1], "b": [3, 3, 3], "c": [1, 1, 1]})
    d = pd.DataFrame({"a": [3, 3, 3], "b": [5, 5, 5], "c": [5, 5, 5]})
    imp = pd.DataFrame({"a": [3, 4, 5], "b": [9, 8, np.nan], "c": [6, 6, 6]})
    r = kano.evaluate(f, d, imp)
    assert r["importance_mean"].tolist() == pytest.approx([4.0, 8.5, 6.0])
    assert r["refined_category"].tolist() == ["less attractive", "critical", "low value-added"]
    with pytest.raises(CsatInputError, match="outside the importance scale 1-9"):
        kano.evaluate(f, d, imp.replace(9, 10))


@pytest.mark.parametrize("dtype", ["int64", "float64", "float32", object])
def test_importance_results_and_messages_do_not_depend_on_the_dtype(dtype):
    f = pd.DataFrame({"a": [1, 1, 1], "b": [3, 3, 3], "c": [1, 1, 1]})
    d = pd.DataFrame({"a": [3, 3, 3], "b": [5, 5, 5], "c": [5, 5, 5]})
    imp = pd.DataFrame({"a": [3, 4, 5], "b": [9, 8, 7], "c": [6, 6, 6]}).astype(dtype)
    r = kano.evaluate(f, d, imp)
    assert r["importance_mean"].tolist() == [4.0, 8.0, 6.0]
    assert r["importance_sd"].tolist() == [1.0, 1.0, 0.0]
    bad = imp.copy()
    bad.loc[2, "a"], bad.loc[0, "b"] = 0, 10  # the first in column order is reported
    with pytest.raises(CsatInputError) as info:
        kano.evaluate(f, d, bad)
    assert str(info.value) == "importance: attribute 'a', row 2: 0 is outside the importance scale 1-9"


# ----------------------------------------------------------------------------- plots
def test_plots_return_axes():
    r = kano.summarize_counts(PUDDING)
    ax = kano.plot_better_worse(r)
    assert ax.get_xlabel().startswith("|Worse|") and len(ax.collections) == 1
    ax2 = kano.plot_category_shares(r)
    assert len(ax2.patches) == 12
    s = kano.continuous_scores(pd.DataFrame({"x": [1, 2]}), pd.DataFrame({"x": [5, 5]}))
    ax3 = kano.plot_continuous(s)
    assert ax3.get_ylabel().startswith("functional")
    bad = s.astype({"functional_mean": object})
    bad.loc["x", "functional_mean"] = "high"
    with pytest.raises(CsatInputError, match=r"scores: column 'functional_mean', row 'x': 'high' is not a finite number"):
        kano.plot_continuous(bad)
    plt.close("all")


# ----------------------------------------------------------------------------- properties
answers = st.integers(min_value=1, max_value=5)
maybe = st.one_of(answers, st.none())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(maybe, maybe, maybe, maybe), min_size=1, max_size=40))
def test_counts_sum_to_valid_answers(rows):
    arr = np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float)
    f = pd.DataFrame(arr[:, :2], columns=["a", "b"])
    d = pd.DataFrame(arr[:, 2:], columns=["a", "b"])
    t = kano.tabulate(f, d)
    valid = (~np.isnan(arr[:, :2]) & ~np.isnan(arr[:, 2:])).sum(axis=0)
    assert t[list("AOMIRQ")].sum(axis=1).tolist() == valid.tolist()
    assert (t["n"] + t["n_missing"]).tolist() == [len(rows), len(rows)]


counts6 = st.tuples(*[st.integers(min_value=0, max_value=500)] * 6).filter(lambda c: sum(c[:4]) > 0)


@settings(max_examples=100, deadline=None)
@given(counts6)
def test_better_in_0_1_worse_in_minus1_0(c):
    r = kano.summarize_counts(dict(zip("AOMIRQ", c)), kind="counts")
    b, w = float(r["better"].iloc[0]), float(r["worse"].iloc[0])
    assert 0 <= b <= 1 and -1 <= w <= 0
    assert r["category"].iloc[0] in "MOAIR"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(answers, answers), min_size=1, max_size=50))
def test_swapping_roles_maps_a_to_r(pairs):
    # spec section 3: the cells (like, must-be) = A and (must-be, like) = R fix the orientation
    f = np.array([p[0] for p in pairs])
    d = np.array([p[1] for p in pairs])
    orig = kano.classify(f, d)
    swapped = kano.classify(d, f)  # functional and dysfunctional swapped
    flipped = kano.classify(6 - f, 6 - d)  # like and dislike swapped (a scale read backwards)
    for o, s, fl in zip(orig, swapped, flipped):
        if o in "AOM":
            assert s == "R" and fl == "R"
        if o in "IQ":
            assert s == o and fl == o
        if o == "R":  # and back: every reverse cell comes from an A, O or M cell
            assert s in "AOM" and fl in "AOM"


# ----------------------------------------------------------------------------- company survey: planted classes
def test_company_survey_planted_kano_classes_recovered():
    survey = load("company_survey")
    planted = truth()["kano"]
    f, d, imp = kano_frames(survey)
    r = kano.evaluate(f, d, imp)
    assert r["category"].to_dict() == planted["classes"]
    assert set(planted["classes"].values()) >= {"M", "O", "A", "I"}
    for attr, bw in planted["intended_better_worse"].items():
        assert r.loc[attr, "better"] == pytest.approx(bw["better"], abs=0.05)
        assert r.loc[attr, "worse"] == pytest.approx(bw["worse"], abs=0.05)
    assert (r["n_missing"] > 0).all()
    assert (r["R"] > 0).all() and (r["Q"] > 0).all()
    g = kano.evaluate(f, d, groups=survey["segment"])
    for attr in ATTRIBUTES:
        for seg in SEGMENTS:
            want = planted["classes_by_segment"][attr][seg]
            assert g.loc[(seg, attr), "category"] == want, (seg, attr)  # also the small project segment (41)


def test_company_survey_columns_and_codes():
    survey = load("company_survey")
    for attr in ATTRIBUTES:
        for suffix, hi in (("func", 5), ("dysf", 5), ("imp", 9)):
            col = survey[f"kano_{attr}_{suffix}"]
            v = col.dropna()
            assert v.between(1, hi).all() and (v == v.round()).all()
            assert col.isna().sum() > 0
