"""Chapter 0: a first widget, to practise moving a slider and reading the result."""

from __future__ import annotations

import numpy as np

from ..errors import CsatInputError

#: twenty answers to "How satisfied are you overall?" on a 1-5 scale (a toy sample)
DEMO_RATINGS = (5, 4, 4, 3, 5, 2, 4, 3, 4, 5, 1, 4, 3, 4, 5, 3, 2, 4, 4, 5)


def share_at_or_above(ratings=DEMO_RATINGS, threshold: float = 3.0) -> dict:
    """How many ratings are at or above ``threshold``: {"threshold", "count", "n", "share"}.

    >>> share_at_or_above((1, 3, 5), 3.0)["share"]
    0.6666666666666666
    """
    r = np.asarray(ratings, dtype=float)
    if r.size == 0:
        raise CsatInputError("ratings: empty; at least one rating is needed")
    count = int((r >= threshold).sum())
    return {"threshold": round(float(threshold), 1), "count": count, "n": int(r.size), "share": count / r.size}


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
