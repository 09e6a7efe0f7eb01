"""Exercise definitions, one module per chapter (``ch00``, ``ch01``, ...).

Each module defines ``EXERCISES``: a list of :class:`csat_helpers.checks.Exercise`
whose expected values are computed from the bundled data.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

#: the respondents an exercise looks at: one segment, several (a tuple), or everyone (None)
Segments = str | tuple[str, ...] | None


@lru_cache(maxsize=1)
def company_survey() -> pd.DataFrame:
    """The bundled company survey (``company_survey.csv``), loaded once for every chapter."""
    from ..datasets import load

    return load("company_survey")


def survey_rows(segments: Segments = None) -> pd.DataFrame:
    """The company-survey rows of one segment, of any of several (a tuple), or of everyone (``None``)."""
    s = company_survey()
    if segments is None:
        return s
    return s[s["segment"].isin([segments] if isinstance(segments, str) else segments)]
