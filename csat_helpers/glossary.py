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
    "Kano model": "KANO模型",
    "Must-be": "基本型需求",
    "One-dimensional": "期望型需求",
    "Attractive": "兴奋型需求",
    "Indifferent": "无差异型需求",
    "Reverse": "反向型需求",
    "Questionable": "可疑结果",
    "functional question": "正向问题",
    "dysfunctional question": "反向问题",
    "evaluation table": "KANO评价表",
    "Better coefficient": "满意系数",
    "Worse coefficient": "不满意系数",
    "Better–Worse diagram": "Better-Worse系数分析图",
    "category strength": "类别强度",
    "total strength": "总强度",
    "self-stated importance": "自述重要度",
    "two-factor theory": "双因素理论",
    "hygiene factor": "保健因素",
    "motivator": "激励因素",
    "dissatisfier": "不满意因素",
    "satisfier": "满意因素",
    "delighter": "非常满意因素",
    "continuous analysis": "连续型分析",
    "internal customer": "内部顾客",
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
