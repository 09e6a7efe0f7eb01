"""csat_helpers: the helper package of the customer-satisfaction methods workbook.

One module per method (``kano``, ``ipa``, ``survey``, ``ahp``, ``fuzzy``,
``csi``, ``pls``, ``customers``), plus ``read_survey`` (the one loader),
``check``/``hint`` (exercise self-checks) and ``setup`` (notebook set-up).
Every function raises :class:`CsatInputError` on bad input.
"""

from __future__ import annotations

import random
import warnings

from .checks import check, hint
from .errors import CsatInputError
from .io import read_survey

__version__ = "0.1.0"
__all__ = ["CsatInputError", "read_survey", "check", "hint", "setup", "SEED", "__version__"]

#: the seed every notebook starts from
SEED = 2024

_CJK_FONT = "Noto Sans CJK SC"


def setup(seed: int = SEED, *, min_version: str = "0.1.0") -> None:
    """Prepare a notebook: check the helper version, seed randomness, fix display settings.

    Silent when all is well. Sets pandas display precision to 3, figures to
    6.4 x 4 in at 100 dpi, and a CJK font for Chinese labels when one is
    installed (otherwise the "Glyph missing" warning is filtered).
    """
    import matplotlib
    import numpy as np
    import pandas as pd
    from matplotlib import font_manager

    have = tuple(int(p) for p in __version__.split("."))
    need = tuple(int(p) for p in min_version.split("."))
    if have < need:
        raise CsatInputError(
            f"csat_helpers {__version__} is older than this notebook needs ({min_version}); run: python3 course.py open"
        )
    random.seed(seed)
    np.random.seed(seed)
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    matplotlib.rcParams.update({"figure.figsize": (6.4, 4.0), "figure.dpi": 100, "axes.grid": False})
    if any(f.name == _CJK_FONT for f in font_manager.fontManager.ttflist):
        matplotlib.rcParams["font.family"] = ["DejaVu Sans", _CJK_FONT]
    else:
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from (current )?font")
