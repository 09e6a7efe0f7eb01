"""Chapter 0's widget update function, headless: the share of answered ratings at or above a threshold."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csat_helpers import CsatInputError
from csat_helpers.widgets import ch00 as w


def test_share_of_the_demo_ratings():
    r = w.share_at_or_above(w.DEMO_RATINGS, 4.0)
    assert r == {"threshold": 4.0, "count": 13, "n": 20, "share": 0.65}  # eight 4s and five 5s
    assert w.describe(r) == "threshold 4.0: 13 of 20 ratings (65%) are at or above it"


def test_missing_ratings_are_not_answers():
    # counting NaN in n would understate the share (audit, gap 5)
    for ratings in ([4, np.nan, 2, 5], pd.Series([4, None, 2, 5], dtype=object), [4, None, 2, 5]):
        assert w.share_at_or_above(ratings, 3) == {"threshold": 3.0, "count": 2, "n": 3, "share": 2 / 3}


@pytest.mark.parametrize(
    "ratings, threshold, needle",
    [
        (["4", "good"], 3, r"ratings: 'good' \(position 1\) is not a number"),
        ("45", 3, "ratings: expected a list of numbers, got the text '45'"),
        ([], 3, "empty or all missing"),
        ([np.nan, None], 3, "empty or all missing"),
        ([4, np.inf], 3, "position 1 is infinite"),
        ([4, 5], "high", "threshold: must be a number such as 3.0, got 'high'"),
        ([4, 5], np.nan, "threshold: must be a number"),
        ([4, 5], True, "threshold: must be a number"),
    ],
)
def test_bad_input_names_the_problem(ratings, threshold, needle):
    with pytest.raises(CsatInputError, match=needle):
        w.share_at_or_above(ratings, threshold)
