"""The one exception the helper package raises for bad input."""

from __future__ import annotations


class CsatInputError(ValueError):
    """Bad input to a csat_helpers function.

    The message always names the column, row or value that is wrong and says
    what is allowed, so a trainee can fix the data without reading a traceback.

    >>> try:
    ...     raise CsatInputError("column 'q1': value 7 is outside the scale 1-5")
    ... except ValueError as e:
    ...     print(e)
    column 'q1': value 7 is outside the scale 1-5
    """
