"""The one company the course studies: 华家电器 Huajia Appliances, a home-appliance maker (家电).

Shared definitions for the generator parts: the customers, the survey
respondents and the ten attributes that the Kano, quadrant and fuzzy parts
of the survey all ask about, so the capstone can compare methods attribute
by attribute. The ten attributes are the product (产品) and service (服务)
sub-factors of the fuzzy factor tree in ``specs/fuzzy_ahp.md``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COMPANY = {"en": "Huajia Appliances", "zh": "华家电器", "industry": "household appliances (家电)"}

#: key -> (English, Chinese, fuzzy factor group)
ATTRIBUTES: dict[str, tuple[str, str, str]] = {
    "performance": ("Performance", "性能", "product"),
    "design": ("Design and styling", "外观造型", "product"),
    "reliability": ("Quality and reliability", "质量可靠性", "product"),
    "price": ("Price", "价格", "product"),
    "energy_cost": ("Energy and running cost", "能耗费用", "product"),
    "delivery_install": ("Delivery and installation", "送货安装", "service"),
    "repair": ("Repair service", "维修服务", "service"),
    "complaint_handling": ("Complaint handling", "投诉处理", "service"),
    "staff_attitude": ("Staff attitude", "服务态度", "service"),
    "information": ("Completeness of information", "信息完整性", "service"),
}

SEGMENTS = ("household", "dealer", "project", "online_store")
SEGMENTS_ZH = {"household": "家庭用户", "dealer": "经销商", "project": "工程客户", "online_store": "网店"}
REGIONS = ("north", "east", "south", "west", "central")

#: why lost customers stopped buying, with the shares the sources give (1/3/5/9/14/68 %)
LOST_REASONS = {
    "died": 0.01,
    "moved_away": 0.03,
    "other_relationship": 0.05,
    "competitor": 0.09,
    "product_dissatisfaction": 0.14,
    "staff_indifference": 0.68,
}

N_CUSTOMERS = 2000
N_RESPONDENTS = 800

# planted ledger parameters (make_ledger)
_REVENUE_GROWTH_PER_YEAR = 0.04
_HIGH_BURDEN_P = {"household": 0.48, "dealer": 0.35, "project": 0.80, "online_store": 0.65}
_CHURN_P = {"household": 0.17, "dealer": 0.08, "project": 0.10, "online_store": 0.25}


def make_ledger(rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """Customer ledger: one row per customer, money in CNY thousand per year.

    Planted structure (recorded in the truth dict, documented in datasets/README.md):

    - revenue is lognormal with a segment scale and grows 4 % per year of tenure, so a
      few dealers and project customers carry most of it (Pareto 80/20);
    - cost to serve is mostly a *service burden* drawn independently of revenue: a
      latent high-burden flag (installation, repeat repairs, small rush orders,
      returns) with a segment-specific probability, plus 0.2 % of revenue. Split at the
      medians, revenue x cost to serve therefore shows all four customer classes of
      the source (高收益/低服务成本 ...), and the cost half matches the latent flag
      for about nine customers in ten;
    - ``status`` marks customers lost during the last year, with a segment-specific
      churn rate; lost customers' reasons follow the sources' 1/3/5/9/14/68 %.
    """
    n = N_CUSTOMERS
    seg_p = np.array([0.70, 0.15, 0.05, 0.10])
    segment = rng.choice(len(SEGMENTS), size=n, p=seg_p)
    tenure = np.minimum(rng.geometric(0.18, size=n) - 1, 20)
    # revenue: lognormal with a segment scale, rising with tenure (loyal customers buy more)
    scale = np.array([8.0, 160.0, 420.0, 45.0])[segment]
    revenue = scale * np.exp(_REVENUE_GROWTH_PER_YEAR * tenure) * rng.lognormal(mean=0.0, sigma=0.9, size=n)
    margin_rate = np.clip(rng.normal([0.30, 0.18, 0.14, 0.22], 0.04, size=(n, 4))[np.arange(n), segment], 0.05, 0.45)
    # cost to serve: a service burden independent of revenue, plus 0.2 % of revenue (account upkeep)
    high_burden = rng.random(n) < np.array(list(_HIGH_BURDEN_P.values()))[segment]
    burden = np.where(
        high_burden, rng.lognormal(np.log(3.5), 0.45, size=n), rng.lognormal(np.log(0.5), 0.45, size=n)
    )
    cost_to_serve = 0.002 * revenue + np.array([1.6, 2.0, 2.4, 2.0])[segment] * burden
    lost = rng.random(n) < np.array(list(_CHURN_P.values()))[segment]
    reasons = np.array(list(LOST_REASONS))
    reason = np.where(lost, rng.choice(reasons, size=n, p=list(LOST_REASONS.values())), "")
    ledger = pd.DataFrame(
        {
            "customer_id": [f"C{i:04d}" for i in range(1, n + 1)],
            "segment": np.array(SEGMENTS)[segment],
            "region": rng.choice(REGIONS, size=n),
            "tenure_years": tenure,
            "revenue": np.round(revenue, 2),
            "gross_margin": np.round(revenue * margin_rate, 2),
            "cost_to_serve": np.round(cost_to_serve, 2),
            "status": np.where(lost, "lost", "active"),
            "lost_reason": reason,
        }
    )
    rev = np.sort(ledger["revenue"].to_numpy())[::-1]
    top20 = rev[: n // 5].sum() / rev.sum()
    # the class each customer would get if the cost half were read off the latent flag
    high_rev = ledger["revenue"].to_numpy() > np.median(ledger["revenue"].to_numpy())
    latent = np.where(high_rev, np.where(high_burden, "II", "I"), np.where(high_burden, "IV", "III"))
    truth = {
        "n_customers": n,
        "segment_shares": dict(zip(SEGMENTS, seg_p.tolist())),
        "lost_reason_shares": LOST_REASONS,
        "top20_revenue_share": round(float(top20), 4),
        "revenue_growth_per_tenure_year": _REVENUE_GROWTH_PER_YEAR,
        "high_service_burden_probability": _HIGH_BURDEN_P,
        "churn_probability": _CHURN_P,
        "latent_class_counts": {k: int((latent == k).sum()) for k in ("I", "II", "III", "IV")},
    }
    return ledger, truth


def make_respondents(rng: np.random.Generator, ledger: pd.DataFrame) -> pd.DataFrame:
    """The survey sample: active customers drawn at random, keyed by respondent_id."""
    active = ledger[ledger["status"] == "active"]
    idx = np.sort(rng.choice(len(active), size=N_RESPONDENTS, replace=False))
    chosen = active.iloc[idx]
    return pd.DataFrame(
        {
            "respondent_id": [f"R{i:04d}" for i in range(1, N_RESPONDENTS + 1)],
            "customer_id": chosen["customer_id"].to_numpy(),
            "segment": chosen["segment"].to_numpy(),
            "region": chosen["region"].to_numpy(),
        }
    )
