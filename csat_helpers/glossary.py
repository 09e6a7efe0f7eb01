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
    "customer focus": "以顾客为关注焦点",
    "customer": "顾客",
    "external customer": "外部顾客",
    "internal customer": "内部顾客",
    "requirement": "要求",
    "stated requirement": "明示的要求",
    "implied requirement": "通常隐含的要求",
    "obligatory requirement": "必须履行的要求",
    "stated needs": "表述需求",
    "real needs": "真正需求",
    "basic needs": "基本需求",
    "differentiated needs": "差异化需求",
    "Juran's need hierarchy": "朱兰需求层次",
    "need categories": "需求类别",
    "five trends in needs": "需求五大趋势",
    "customer satisfaction": "顾客满意",
    "perceived performance": "可感知效果",
    "expectation": "期望",
    "characteristics of satisfaction": "顾客满意的特性",
    "total customer satisfaction": "全面顾客满意",
    "material level": "物质满意层",
    "spiritual level": "精神满意层",
    "social level": "社会满意层",
    "customer lifetime value": "顾客终身价值",
    "retention rate": "顾客保持率",
    "margin multiple": "利润乘数",
    "customer loyalty": "顾客忠诚",
    "loyalty programmes": "顾客忠诚计划",
    "customer value": "顾客价值",
    "total customer value": "顾客购买总价值",
    "total customer cost": "顾客购买总成本",
    "value positioning": "价值定位",
    "customer expectation": "顾客期望",
    "basic expectations": "基础的期望",
    "specified expectations": "客户指定的期望",
    "hidden expectations": "隐藏的期望",
    "SMART goal": "SMART目标",
    "revenue": "收益",
    "cost to serve": "服务成本",
    "Pareto's 80/20 principle": "帕累托80/20原理",
    "Lorenz curve": "洛伦兹曲线",
    "Pareto curve": "帕累托曲线",
    "Gini coefficient": "基尼系数",
    "customers and market": "顾客与市场",
    "customer relationship management": "顾客关系管理",
    "knowledge discovery": "知识发现",
    "market planning": "市场计划",
    "customer interaction": "顾客互动",
    "analysis and refinement": "分析提炼",
    "complaining dissatisfaction": "投诉型抱怨",
    "non-complaining dissatisfaction": "非投诉型抱怨",
    "IANA process": "IANA投诉处理过程",
    "guestology": "游客学",
    "total customer satisfaction teams": "顾客完全满意小组",
    "moment of truth": "瞬间感觉",
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
    "overview survey": "概况调查",
    "transactional survey": "事务性调查",
    "reliability survey": "可靠性调查",
    "follow-up or diagnostic survey": "后继或诊断调查",
    "indicator system": "测评指标体系",
    "key performance indicator": "关键绩效指标",
    "response rate": "回收率",
    "descriptive statistics": "描述统计",
    "median": "中位数",
    "point estimate": "点估计",
    "interval estimate": "区间估计",
    "confidence level": "置信度",
    "margin of error": "误差（边际误差）",
    "stratified analysis": "分层分析",
    "least squares": "最小二乘法",
    "correlation analysis": "相关分析",
    "sample size": "样本规模",
    "reliability": "信度",
    "Cronbach's alpha": "克朗巴赫α系数",
    "quadrant model": "四分图模型",
    "importance-performance analysis": "重要性—绩效分析 (IPA)",
    "importance": "重要性",
    "performance": "满意度（绩效）",
    "crosshair": "分界线（十字线）",
    "Concentrate here": "修补区",
    "Keep up the good work": "优势区",
    "Low priority": "机会区",
    "Possible overkill": "维持区",
    "stated importance": "陈述重要性",
    "derived importance": "推导重要性",
    "halo effect": "光环效应",
    "iso-priority line": "等优先线",
    "bootstrap": "自助法",
    "penalty-reward contrast analysis": "惩罚—奖励对比分析 (PRCA)",
    "three-factor theory": "三因素理论",
    "basic factor": "基本因素",
    "performance factor": "绩效因素",
    "excitement factor": "兴奋因素",
    "overall satisfaction": "总体满意度",
}

CH04: dict[str, str] = {
    "fuzzy comprehensive evaluation": "模糊综合评价",
    "multi-level fuzzy comprehensive evaluation": "多级模糊综合评价",
    "analytic hierarchy process": "层次分析法",
    "membership degree": "隶属度",
    "factor set": "因素集",
    "comment set": "评语集",
    "weight set": "权重集",
    "pairwise comparison matrix": "判断矩阵",
    "eigenvector method": "特征根法",
    "geometric mean method": "根法",
    "arithmetic mean method": "和法",
    "consistency index": "一致性指标",
    "consistency ratio": "一致性比率",
    "random index": "平均随机一致性指标",
    "aggregation of individual judgments": "个体判断集结",
    "single-factor evaluation matrix": "单因素评判矩阵",
    "evaluation vector": "综合评价向量",
    "composition operator": "合成算子",
    "first level": "一级模糊综合评价",
    "second level": "二级模糊综合评价",
    "maximum membership principle": "最大隶属原则",
    "validity index": "有效度",
    "weighted average principle": "加权平均原则",
}

CH05: dict[str, str] = {
    "customer satisfaction index": "顾客满意度指数",
    "survey-table scoring": "调查表式评估",
    "satisfaction survey table": "顾客满意度调查表",
    "table score": "调查表得分",
    "0–100 score": "百分制得分",
    "satisfaction rate": "顾客满意率",
    "Wilson interval": "威尔逊区间",
    "P−E model": "认知—预期模型",
    "weighted satisfaction index": "加权满意度指数",
    "corporate image": "企业形象",
    "customer complaints": "顾客抱怨",
    "customer loyalty": "顾客忠诚",
    "latent variable": "潜变量",
    "observed variables": "观测变量",
    "structural model": "结构模型",
    "measurement model": "测量模型",
    "PLS path modelling": "偏最小二乘路径建模",
    "inner weighting scheme": "内部权重方案",
    "Mode A": "反映型",
    "Mode B": "形成型",
    "path coefficients": "路径系数",
    "total effect": "总效应",
    "loadings": "载荷",
    "average variance extracted": "平均方差抽取量 (AVE)",
    "un-standardised": "去标准化",
    "sales-weighted": "按销售额加权",
    "importance–performance map": "重要性—表现分析 (IPMA)",
}

CH06: dict[str, str] = {
    "triangulation": "三角验证",
    "priority score": "优先级得分",
    "improvement plan": "改进计划",
    "survey template": "调查模板",
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
