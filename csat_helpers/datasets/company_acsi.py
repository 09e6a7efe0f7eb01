"""ACSI part of the Huajia Appliances survey (``acsi_…`` columns, 1–10 ratings).

The items follow the source's ACSI measurement table (美国用户满意度指数测量模型结构变量和观测变量):
13 observed variables for expectations, perceived quality, satisfaction, complaints and
loyalty. The source gives perceived value no items, which PLS cannot estimate, so the part
adds the two value items Fornell et al. (1996) use (price given quality, quality given price):
15 items for the 6 latent variables.

Data are generated from the ACSI structural model with planted *standardised* path
coefficients (``PATHS``), reflective items ``x* = λξ + √(1−λ²)ε`` and a map to 1–10
ratings; a few answers (about 0.5 %) are blanked at random. The truth goes to
``company_truth.json`` under ``"acsi"``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..pls import PathModel

#: item column -> (construct, English wording, 中文, centre on 1–10, loading λ)
ITEMS: dict[str, tuple[str, str, str, float, float]] = {
    "acsi_exp_overall": ("Expectations", "expected overall quality", "对质量的总体预期", 7.6, 0.92),
    "acsi_exp_needs": ("Expectations", "expected fit to personal needs", "对产品满足需求的预期", 7.5, 0.90),
    "acsi_exp_reliability": ("Expectations", "expected reliability", "对产品可靠性的预期", 7.7, 0.88),
    "acsi_qual_overall": ("Quality", "overall quality as experienced", "对产品质量的总体评价", 7.4, 0.94),
    "acsi_qual_needs": ("Quality", "fit to needs as experienced", "对产品满足需求的评价", 7.2, 0.92),
    "acsi_qual_reliability": ("Quality", "reliability as experienced", "对产品可靠性的评价", 7.0, 0.90),
    "acsi_value_price": ("Value", "price given quality", "给定质量下对价格的评价", 6.4, 0.92),
    "acsi_value_quality": ("Value", "quality given price", "给定价格下对质量的评价", 6.8, 0.94),
    "acsi_sat_overall": ("Satisfaction", "overall satisfaction", "总体满意程度", 7.3, 0.95),
    "acsi_sat_expect": ("Satisfaction", "compared with expectations", "产品质量同预期的比较", 7.0, 0.92),
    "acsi_sat_ideal": ("Satisfaction", "compared with the ideal product", "产品质量同理想产品的比较", 6.6, 0.90),
    "acsi_complain_maker": ("Complaints", "complaints made to the maker (1 never … 10 very often)", "向厂商抱怨次数", 3.0, 0.93),
    "acsi_complain_dealer": ("Complaints", "complaints made to the dealer (1 never … 10 very often)", "向经销商抱怨次数", 3.2, 0.90),
    "acsi_loy_repurchase": ("Loyalty", "likelihood of buying again", "重复购买可能性", 7.1, 0.94),
    "acsi_loy_price": ("Loyalty", "price rise tolerated on repurchase", "重复购买所能接受的心理价格", 6.2, 0.90),
}

#: planted standardised path coefficients (from, to) -> β
PATHS: dict[tuple[str, str], float] = {
    ("Expectations", "Quality"): 0.55,
    ("Expectations", "Value"): 0.15,
    ("Expectations", "Satisfaction"): 0.10,
    ("Quality", "Value"): 0.55,
    ("Quality", "Satisfaction"): 0.50,
    ("Value", "Satisfaction"): 0.30,
    ("Satisfaction", "Complaints"): -0.45,
    ("Satisfaction", "Loyalty"): 0.60,
    ("Complaints", "Loyalty"): -0.15,
}

CONSTRUCTS = ("Expectations", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty")
CONSTRUCTS_ZH = {"Expectations": "顾客预期", "Quality": "感知质量", "Value": "感知价值",
                 "Satisfaction": "顾客满意度", "Complaints": "顾客抱怨", "Loyalty": "顾客忠诚"}

#: The ACSI model for the company survey (all Mode A).
MODEL = PathModel(
    blocks={c: [k for k, v in ITEMS.items() if v[0] == c] for c in CONSTRUCTS},
    paths=list(PATHS),
)

RATING_SD = 1.5  # usual spread of the 1–10 ratings around an item's centre
#: items whose answers spread more or less than usual (so raw and standardised weights differ)
SPREAD: dict[str, float] = {"acsi_sat_overall": 1.1, "acsi_sat_ideal": 2.3, "acsi_qual_reliability": 2.0,
                            "acsi_value_price": 2.0, "acsi_exp_needs": 1.2, "acsi_loy_price": 2.1}
MISSING_RATE = 0.005


def implied_correlations() -> np.ndarray:
    """Correlation matrix of the six latent variables implied by ``PATHS`` (unit variances)."""
    J = len(CONSTRUCTS)
    pos = {c: j for j, c in enumerate(CONSTRUCTS)}
    Bm = np.zeros((J, J))  # Bm[to, from]
    for (f, t), b in PATHS.items():
        Bm[pos[t], pos[f]] = b
    # ξ = Bξ + ζ; choose var(ζ_j) so var(ξ_j) = 1, in causal order (CONSTRUCTS is topological)
    psi = np.zeros(J)
    inv = np.linalg.inv(np.eye(J) - Bm)
    for j in range(J):
        psi[j] = 1.0
        cov = inv @ np.diag(psi) @ inv.T
        psi[j] = 1.0 - (cov[j, j] - 1.0)
    return inv @ np.diag(psi) @ inv.T


def make(rng: np.random.Generator, respondents: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """ACSI ratings for every respondent (same row order) and the planted truth."""
    n = len(respondents)
    J = len(CONSTRUCTS)
    pos = {c: j for j, c in enumerate(CONSTRUCTS)}
    Bm = np.zeros((J, J))
    for (f, t), b in PATHS.items():
        Bm[pos[t], pos[f]] = b
    R = implied_correlations()
    inv = np.linalg.inv(np.eye(J) - Bm)
    psi = np.diag(np.linalg.inv(inv) @ R @ np.linalg.inv(inv).T)
    zeta = rng.standard_normal((n, J)) * np.sqrt(psi)
    xi = zeta @ inv.T  # rows: ξ = (I − B)⁻¹ ζ
    cols = {}
    for k, (c, _, _, centre, lam) in ITEMS.items():
        x = lam * xi[:, pos[c]] + np.sqrt(1 - lam**2) * rng.standard_normal(n)
        cols[k] = np.clip(np.round(centre + SPREAD.get(k, RATING_SD) * x), 1, 10)
    X = pd.DataFrame(cols)
    holes = rng.random(X.shape) < MISSING_RATE
    X = X.mask(holes).astype("Int64")
    truth = {
        "model": "ACSI (Fornell et al. 1996): 6 latent variables, the source's 13 items plus 2 value items",
        "paths": {f"{f} -> {t}": b for (f, t), b in PATHS.items()},
        "loadings": {k: v[4] for k, v in ITEMS.items()},
        "item_centres": {k: v[3] for k, v in ITEMS.items()},
        "blocks": MODEL.blocks,
        "rating_sd": {k: SPREAD.get(k, RATING_SD) for k in ITEMS},
        "missing_rate": MISSING_RATE,
        "n_missing_cells": int(holes.sum()),
        "n_incomplete_rows": int(holes.any(axis=1).sum()),
        "note": "paths are standardised; PLS Mode A attenuates them slightly (consistency at large)",
    }
    return X, truth
