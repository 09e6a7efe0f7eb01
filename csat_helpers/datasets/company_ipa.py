"""The quadrant (importance–performance) part of the Huajia survey: ``ipa_*`` columns.

For each of the ten attributes the respondent rates importance (``ipa_<attr>_imp``,
1 = not at all important … 5 = very important) and performance (``ipa_<attr>_perf``,
1 = very dissatisfied … 5 = very satisfied); ``ipa_overall`` is overall satisfaction (1–5).

Planted structure (recorded in ``company_truth.json["ipa"]``):

- true importance and performance means per segment; with the data-mean crosshair of the
  population means, every quadrant has attributes: *concentrate here* (reliability, price,
  repair, complaint handling), *keep up* (performance, delivery and installation),
  *possible overkill* (staff attitude, design), *low priority* (energy cost, information);
- complaint handling sits between the mean and the median of importance, so the median
  crosshair moves it to *low priority* (a known mistake the exercises diagnose);
- segment differences: project customers (工程客户) rate delivery and installation low
  (concentrate here within that segment); dealers rate price as more important;
- ratings are 1 + Binomial(4, p) with p = (μ − 1)/4 plus a respondent halo, so the expected
  rating is the planted mean; about 3 % of answers are missing at random (1 % for overall);
- overall satisfaction follows the PRCA model with planted penalty/reward coefficients:
  y* = b₀ + Σ_j (b_low,j·[perf_j ≤ 2] + b_high,j·[perf_j ≥ 4]) + ε, rounded and clipped to
  1–5. Reliability and repair are *basic* (large penalty, small reward); design and energy
  cost are *excitement* (small penalty, large reward); the rest are *performance*. Price is
  stated as very important but barely moves overall satisfaction (a false priority), while
  information is stated as unimportant yet drives it (a hidden gem).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .company import ATTRIBUTES, SEGMENTS

SCALE = (1, 5)
MISSING_RATE = 0.03
MISSING_OVERALL = 0.01

#: population-level planted means (importance, performance) on 1–5
PLANTED: dict[str, tuple[float, float]] = {
    "performance": (4.5, 4.1),
    "design": (3.5, 4.0),
    "reliability": (4.6, 3.1),
    "price": (4.4, 3.2),
    "energy_cost": (2.9, 3.3),
    "delivery_install": (4.2, 4.2),
    "repair": (4.3, 2.8),
    "complaint_handling": (4.0, 3.0),
    "staff_attitude": (3.7, 4.3),
    "information": (2.2, 3.1),
}

#: segment-specific overrides of (importance, performance)
SEGMENT_OVERRIDES: dict[str, dict[str, tuple[float, float]]] = {
    "project": {"delivery_install": (4.6, 2.6)},
    "dealer": {"price": (4.8, 3.2)},
}

#: PRCA coefficients for overall satisfaction: attribute -> (b_low, b_high)
PRCA_COEF: dict[str, tuple[float, float]] = {
    "performance": (-0.30, 0.30),
    "design": (-0.05, 0.45),
    "reliability": (-0.70, 0.08),
    "price": (-0.08, 0.08),
    "energy_cost": (-0.05, 0.40),
    "delivery_install": (-0.25, 0.25),
    "repair": (-0.60, 0.08),
    "complaint_handling": (-0.25, 0.25),
    "staff_attitude": (-0.20, 0.20),
    "information": (-0.35, 0.35),
}
PRCA_INTERCEPT = 3.15
PRCA_NOISE_SD = 0.45
PRCA_LOW, PRCA_HIGH = 2, 4
PLANTED_FACTORS = {"reliability": "basic", "repair": "basic", "design": "excitement", "energy_cost": "excitement"}

HALO_SD = 0.15  # respondent-level shift of p shared by all performance items
IMP_HALO_SD = 0.05  # some respondents call everything important


def _segment_means(segment: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-respondent planted (importance, performance) means, n × k each."""
    keys = list(ATTRIBUTES)
    imp = np.tile([PLANTED[a][0] for a in keys], (segment.size, 1))
    perf = np.tile([PLANTED[a][1] for a in keys], (segment.size, 1))
    for seg, over in SEGMENT_OVERRIDES.items():
        rows = segment == seg
        for attr, (i, p) in over.items():
            j = keys.index(attr)
            imp[rows, j] = i
            perf[rows, j] = p
    return imp, perf


def _expected_means(segment: np.ndarray) -> dict[str, dict[str, float]]:
    imp, perf = _segment_means(segment)
    return {a: {"importance": round(float(imp[:, j].mean()), 4), "performance": round(float(perf[:, j].mean()), 4)}
            for j, a in enumerate(ATTRIBUTES)}


def _quadrant(i: float, p: float, ci: float, cp: float) -> str:
    if i >= ci:
        return "keep_up" if p >= cp else "concentrate_here"
    return "possible_overkill" if p >= cp else "low_priority"


def make(rng: np.random.Generator, respondents: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Generate the ``ipa_*`` columns (one row per respondent, same order) and the planted truth."""
    keys = list(ATTRIBUTES)
    n, k = len(respondents), len(keys)
    segment = respondents["segment"].to_numpy()
    imp_mu, perf_mu = _segment_means(segment)

    halo = rng.normal(0.0, HALO_SD, size=(n, 1))
    p_perf = np.clip((perf_mu - 1) / 4 + halo, 0.01, 0.99)
    perf = 1 + rng.binomial(4, p_perf)
    imp_halo = rng.normal(0.0, IMP_HALO_SD, size=(n, 1))
    p_imp = np.clip((imp_mu - 1) / 4 + imp_halo, 0.01, 0.99)
    imp = 1 + rng.binomial(4, p_imp)

    b_low = np.array([PRCA_COEF[a][0] for a in keys])
    b_high = np.array([PRCA_COEF[a][1] for a in keys])
    latent = (PRCA_INTERCEPT + (perf <= PRCA_LOW) @ b_low + (perf >= PRCA_HIGH) @ b_high
              + rng.normal(0.0, PRCA_NOISE_SD, size=n))
    overall = np.clip(np.rint(latent), 1, 5)

    perf_f = perf.astype(float)
    imp_f = imp.astype(float)
    perf_f[rng.random((n, k)) < MISSING_RATE] = np.nan
    imp_f[rng.random((n, k)) < MISSING_RATE] = np.nan
    overall[rng.random(n) < MISSING_OVERALL] = np.nan

    cols: dict[str, pd.Series] = {}
    for j, a in enumerate(keys):
        cols[f"ipa_{a}_imp"] = pd.Series(imp_f[:, j]).astype("Int64")
        cols[f"ipa_{a}_perf"] = pd.Series(perf_f[:, j]).astype("Int64")
    cols["ipa_overall"] = pd.Series(overall).astype("Int64")
    df = pd.DataFrame(cols)

    means = _expected_means(segment)
    ci = float(np.mean([m["importance"] for m in means.values()]))
    cp = float(np.mean([m["performance"] for m in means.values()]))
    by_seg = {}
    for seg in SEGMENTS:
        rows = segment == seg
        if rows.any():
            m = _expected_means(segment[rows])
            sci = float(np.mean([v["importance"] for v in m.values()]))
            scp = float(np.mean([v["performance"] for v in m.values()]))
            by_seg[seg] = {a: _quadrant(v["importance"], v["performance"], sci, scp) for a, v in m.items()}
    truth = {
        "scale": list(SCALE),
        "columns": {"importance": "ipa_<attr>_imp", "performance": "ipa_<attr>_perf", "overall": "ipa_overall"},
        "planted_means": {a: {"importance": PLANTED[a][0], "performance": PLANTED[a][1]} for a in keys},
        "segment_overrides": {s: {a: {"importance": v[0], "performance": v[1]} for a, v in o.items()}
                              for s, o in SEGMENT_OVERRIDES.items()},
        "expected_means": means,
        "crosshair_data_mean": {"importance": round(ci, 4), "performance": round(cp, 4)},
        "quadrants_data_mean": {a: _quadrant(v["importance"], v["performance"], ci, cp) for a, v in means.items()},
        "quadrants_by_segment": by_seg,
        "prca": {"low": PRCA_LOW, "high": PRCA_HIGH, "intercept": PRCA_INTERCEPT, "noise_sd": PRCA_NOISE_SD,
                 "b_low": {a: PRCA_COEF[a][0] for a in keys}, "b_high": {a: PRCA_COEF[a][1] for a in keys},
                 "planted_factors": PLANTED_FACTORS},
        "false_priority": ["price"],
        "hidden_gem": ["information"],
        "median_crosshair_moves": ["complaint_handling"],
        "missing_rate": MISSING_RATE,
        "missing_rate_overall": MISSING_OVERALL,
        "halo_sd": HALO_SD,
    }
    return df, truth


def ipa_frames(survey: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Split the company survey into importance, performance (columns = attribute keys) and overall.

    >>> from csat_helpers.datasets import load
    >>> imp, perf, overall = ipa_frames(load("company_survey"))
    >>> imp.shape, perf.columns[0], overall.name
    ((800, 10), 'performance', 'overall')
    """
    from ..errors import CsatInputError

    keys = list(ATTRIBUTES)
    need = [f"ipa_{a}_{s}" for a in keys for s in ("imp", "perf")] + ["ipa_overall"]
    missing = [c for c in need if c not in survey.columns]
    if missing:
        raise CsatInputError(f"survey: missing column {missing[0]!r}; load it with datasets.load('company_survey')")
    imp = survey[[f"ipa_{a}_imp" for a in keys]].astype(float).set_axis(keys, axis=1)
    perf = survey[[f"ipa_{a}_perf" for a in keys]].astype(float).set_axis(keys, axis=1)
    return imp, perf, survey["ipa_overall"].astype(float).rename("overall")
