"""The bilingual glossary (English / 中文) of every term the course uses.

Each chapter keeps its own block; ``GLOSSARY`` merges them and
``glossary_table()`` renders the table shown in Chapter 0. A test checks that
every bold ``**English (中文)**`` term in the notebooks is listed here.
"""

from __future__ import annotations

import pandas as pd

CH00: dict[str, str] = {
    "self-check": "自测",
    "widget": "交互控件",
}

CH01: dict[str, str] = {
}

CH02: dict[str, str] = {
}

CH03: dict[str, str] = {
}

CH04: dict[str, str] = {
}

CH05: dict[str, str] = {
}

CH06: dict[str, str] = {
}

_BLOCKS = {0: CH00, 1: CH01, 2: CH02, 3: CH03, 4: CH04, 5: CH05, 6: CH06}


def _merged() -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for chapter, block in _BLOCKS.items():
        for en, zh in block.items():
            out.setdefault(en, (zh, chapter))
    return out


GLOSSARY: dict[str, str] = {en: zh for en, (zh, _) in _merged().items()}


def glossary_table() -> pd.DataFrame:
    """The glossary as a table sorted by English term: English, 中文, chapter."""
    rows = [(en, zh, ch) for en, (zh, ch) in _merged().items()]
    df = pd.DataFrame(rows, columns=["English", "中文", "chapter"])
    return df.sort_values("English", key=lambda s: s.str.lower(), ignore_index=True)
