"""Chapter 0: a first widget, to practise moving a slider and reading the result."""

from __future__ import annotations

import numpy as np

from ..errors import CsatInputError
from ..validation import as_float_array, is_number

#: twenty answers to "How satisfied are you overall?" on a 1-5 scale (a toy sample)
DEMO_RATINGS = (5, 4, 4, 3, 5, 2, 4, 3, 4, 5, 1, 4, 3, 4, 5, 3, 2, 4, 4, 5)


def share_at_or_above(ratings=DEMO_RATINGS, threshold: float = 3.0) -> dict:
    """How many answered ratings are at or above ``threshold``: {"threshold", "count", "n", "share"}.

    Missing ratings (NaN, None) are not answers: they count in neither ``count`` nor ``n``.

    >>> share_at_or_above((1, 3, 5), 3.0)["share"]
    0.6666666666666666
    >>> share_at_or_above((1, None, 5), 3.0)["n"]
    2
    """
    if not is_number(threshold) or not np.isfinite(threshold):
        raise CsatInputError(f"threshold: must be a number such as 3.0, got {threshold!r}")
    if isinstance(ratings, (str, bytes)):
        raise CsatInputError(f"ratings: expected a list of numbers, got the text {ratings!r}")
    r = as_float_array(ratings, "ratings").ravel()  # None becomes NaN
    if np.isinf(r).any():
        k = int(np.argmax(np.isinf(r)))
        raise CsatInputError(f"ratings: position {k} is infinite ({r[k]:g}); ratings must be finite numbers")
    answered = r[~np.isnan(r)]
    if answered.size == 0:
        raise CsatInputError("ratings: empty or all missing; at least one rating is needed")
    count = int((answered >= threshold).sum())
    return {"threshold": round(float(threshold), 1), "count": count, "n": int(answered.size),
            "share": count / answered.size}


def describe(result: dict) -> str:
    """One line of text for the widget output."""
    return (f"threshold {result['threshold']:.1f}: {result['count']} of {result['n']} ratings "
            f"({result['share']:.0%}) are at or above it")


def threshold_explorer():
    """A slider for the satisfaction threshold and the share of ratings at or above it."""
    import ipywidgets as widgets

    slider = widgets.FloatSlider(value=3.0, min=1.0, max=5.0, step=0.1, description="threshold",
                                 continuous_update=True, readout_format=".1f")
    return widgets.interactive(lambda threshold: print(describe(share_at_or_above(DEMO_RATINGS, threshold))),
                               threshold=slider)
