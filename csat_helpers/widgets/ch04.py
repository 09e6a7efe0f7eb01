"""Chapter 4 widgets: an AHP pairwise-comparison editor with live CR, and an operator comparison.

Each factory wires ipywidgets controls to a plain update function in this
module (``pairwise_view``, ``operator_view``, ``weights_view``) that takes plain
values and returns data; those functions are tested headless.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import ahp, fuzzy
from ..datasets import company_fuzzy as cf
from ..errors import CsatInputError

__all__ = [
    "SCALE_TEXT",
    "company_judgments",
    "company_weights",
    "company_inputs",
    "pairwise_view",
    "describe_pairwise",
    "pairwise_editor",
    "operator_view",
    "plot_operators",
    "operator_explorer",
]

#: Saaty's scale as the editor shows it, 1/9 … 9
SCALE_TEXT: tuple[str, ...] = tuple([f"1/{k}" for k in range(9, 1, -1)] + [str(k) for k in range(1, 10)])
_SCALE_NAMES = {1: "equal 同等", 3: "moderate 稍微", 5: "strong 明显", 7: "very strong 强烈", 9: "extreme 极端"}

_CACHE: dict[str, Any] = {}


# ----------------------------------------------------------------------------- company data
def company_judgments() -> pd.DataFrame:
    """The bundled judgments table (``datasets/company_ahp_judgments.csv``), cached."""
    if "judgments" not in _CACHE:
        from ..datasets import load

        _CACHE["judgments"] = load("company_ahp_judgments", required=["matrix", "judge", "row", "col", "judgment"])
    return _CACHE["judgments"]


def company_weights(judges: Sequence[str] | None = None) -> tuple[pd.Series, dict[str, pd.Series]]:
    """Group weights (AIJ of the chosen judges, all three by default) and each group's local weights."""
    table = company_judgments()
    mats = cf.matrices(table)
    chosen = list(mats) if judges is None else list(judges)
    unknown = [j for j in chosen if j not in mats]
    if unknown or not chosen:
        raise CsatInputError(f"judges: choose from {', '.join(mats)} (got {chosen})")
    group_w = ahp.priority_vector(ahp.aggregate_judges({j: mats[j] for j in chosen})).series
    local = {g: ahp.priority_vector(cf.matrices(table, g)["panel"]).series for g in cf.GROUPS}
    return group_w, local


def company_inputs(group: str = "overall", judges: Sequence[str] | None = None) -> tuple[pd.Series, pd.DataFrame]:
    """(weights, R) for one group of the company survey, or for the five groups ("overall").

    For "overall" the rows of R are the groups' one-level B (weighted average).
    """
    if "survey" not in _CACHE:
        from ..datasets import load

        _CACHE["survey"] = load("company_survey")
    survey = _CACHE["survey"]
    group_w, local = company_weights(judges)
    if group == "overall":
        rows = {}
        for g in cf.GROUPS:
            R = fuzzy.membership_matrix(survey[cf.columns_of(g)], cf.GRADES)
            rows[g] = fuzzy.compose(local[g].rename(lambda k: f"fz_{k}"), R)
        return group_w, pd.DataFrame(rows).T
    if group not in cf.GROUPS:
        raise CsatInputError(f"group: {group!r} is not one of overall, {', '.join(cf.GROUPS)}")
    R = fuzzy.membership_matrix(survey[cf.columns_of(group)], cf.GRADES)
    return local[group].rename(lambda k: f"fz_{k}"), R


# ----------------------------------------------------------------------------- pairwise editor
def pairwise_view(
    labels: Sequence[str],
    judgments: Sequence[Any],
    *,
    method: str = "eigen",
    ri_table: str = "saaty1980",
) -> dict[str, Any]:
    """Matrix, weights, consistency and the "revise this cell" hint for upper-triangle judgments.

    ``judgments`` are a12, a13, …, a23, … (numbers or strings like "1/3").
    Returns ``matrix`` (DataFrame), ``result`` (AhpResult), ``weights``
    (Series), ``revision`` (Revision or None when already consistent) and
    ``hint`` (one line).

    >>> v = pairwise_view(["a", "b", "c"], ["2", "4", "2"])
    >>> round(v["result"].cr, 6), v["revision"] is None
    (0.0, True)
    """
    labels = [str(x) for x in labels]
    matrix = ahp.from_upper(list(judgments), labels)
    res = ahp.priority_vector(matrix, method, ri_table=ri_table)
    revision = None if res.consistent else ahp.suggest_revision(matrix, ri_table=ri_table)
    if res.n <= 2:
        hint = "two items are always consistent."
    elif res.consistent:
        hint = f"CR = {res.cr:.3f} < {res.cr_threshold:g}: consistent enough to use."
    elif revision is None:
        hint = (f"CR = {res.cr:.3f} >= {res.cr_threshold:g}: no single judgment change lowers CR; "
                f"revisit several judgments together.")
    else:
        hint = (f"CR = {res.cr:.3f} >= {res.cr_threshold:g}: {revision}")
    return {"matrix": matrix, "result": res, "weights": res.series, "revision": revision, "hint": hint}


def describe_pairwise(view: dict[str, Any]) -> str:
    """HTML for the editor: weights table, λmax/CI/RI/CR and the hint."""
    res = view["result"]
    w = view["weights"].to_frame("weight").assign(rank=lambda d: d["weight"].rank(ascending=False).astype(int))
    table = w.to_html(float_format=lambda x: f"{x:.3f}")
    colour = "green" if res.consistent else "#b00"
    return (
        f"{table}<p>λmax = {res.lambda_max:.3f}, CI = {res.ci:.3f}, RI = {res.ri:g} ({res.ri_table}), "
        f"<b style='color:{colour}'>CR = {res.cr:.3f}</b></p><p>{view['hint']}</p>"
    )


def pairwise_editor(labels: Sequence[str] | None = None, judgments: Sequence[Any] | None = None,
                    *, judge: str = "judge_C"):
    """One slider per pair on Saaty's scale; shows weights, CR and which cell to revise.

    By default it loads the company's inconsistent judge (judge_C) comparing
    the five satisfaction groups. A value > 1 means the left item is more important.
    """
    import ipywidgets as widgets
    from IPython.display import HTML, display

    if labels is None:
        mat = cf.matrices(company_judgments())[judge]
        labels = list(mat.index)
        iu = np.triu_indices(len(labels), 1)
        judgments = [ahp._fmt_judgment(float(v)) for v in mat.to_numpy()[iu]]
    labels = [str(x) for x in labels]
    pairs = [(labels[i], labels[j]) for i in range(len(labels)) for j in range(i + 1, len(labels))]
    if judgments is None:
        judgments = ["1"] * len(pairs)
    if len(judgments) != len(pairs):
        raise CsatInputError(f"judgments: {len(labels)} items need {len(pairs)} judgments, got {len(judgments)}")
    start = [ahp._fmt_judgment(ahp.parse_judgment(v)) for v in judgments]
    bad = [v for v in start if v not in SCALE_TEXT]
    if bad:
        raise CsatInputError(f"judgments: {bad[0]} is not on Saaty's scale 1/9 … 9")
    sliders = {
        f"a{k}": widgets.SelectionSlider(options=list(SCALE_TEXT), value=v, description=f"{a} vs {b}",
                                         style={"description_width": "170px"}, continuous_update=False,
                                         layout=widgets.Layout(width="520px"))
        for k, ((a, b), v) in enumerate(zip(pairs, start))
    }
    method = widgets.Dropdown(options=list(ahp.METHODS), value="eigen", description="method")

    def show(method, **values):
        view = pairwise_view(labels, [values[f"a{k}"] for k in range(len(pairs))], method=method)
        display(HTML(describe_pairwise(view)))

    return widgets.interactive(show, method=method, **sliders)


# ----------------------------------------------------------------------------- operator comparison
def operator_view(
    weights: Any,
    R: Any,
    grades: Sequence[Any] = cf.GRADES,
    *,
    normalize: bool | None = None,
    grade_values: Mapping[Any, float] | Sequence[float] | None = None,
    k: float = 1,
) -> pd.DataFrame:
    """B under every operator on the same weights and R, with each reading.

    One row per operator: model, Chinese name, b_j per grade, the
    max-membership grade, α, valid, and the weighted score.

    >>> R = [[.2, .5, .3, 0], [.1, .3, .5, .1], [0, .1, .6, .3], [0, .4, .5, .1], [.5, .3, .2, 0]]
    >>> operator_view([.1, .1, .15, .3, .35], R, ["很欢迎", "欢迎", "一般", "不欢迎"])["grade"].tolist()
    ['一般', '很欢迎', '很欢迎', '欢迎', '欢迎']
    """
    grades = list(grades)
    rows = []
    for op, (model, zh) in fuzzy.OPERATORS.items():
        b = np.asarray(fuzzy.compose(weights, R, op, normalize), dtype=float)
        v = fuzzy.verdict(b, grades, grade_values, k=k)
        rows.append({"operator": op, "model": model, "中文": zh, **dict(zip(grades, b)), "grade": v.grade,
                     "alpha": v.alpha, "valid": v.valid, "score": v.score})
    return pd.DataFrame(rows).set_index("operator")


def plot_operators(table: pd.DataFrame, grades: Sequence[Any] = cf.GRADES, *, ax: Any = None) -> Any:
    """Grouped bars: B over the grades, one colour per operator."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    grades = list(grades)
    x = np.arange(len(grades))
    width = 0.8 / len(table)
    for i, (op, row) in enumerate(table.iterrows()):
        ax.bar(x + i * width - 0.4 + width / 2, row[grades].to_numpy(dtype=float), width, label=f"{op} {row['model']}")
    ax.set_xticks(x)
    ax.set_xticklabels([str(g) for g in grades])
    ax.set_ylabel("membership b_j")
    ax.set_title("B = A ∘ R under each operator")
    ax.legend(fontsize=7)
    return ax


def operator_explorer():
    """Pick a group of the company survey (or the overall level) and normalisation; compare operators."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    group = widgets.Dropdown(options=["overall", *cf.GROUPS], value="overall", description="level")
    norm = widgets.Dropdown(options=[("auto", None), ("always", True), ("never (raw B)", False)], value=None,
                            description="normalise")
    k = widgets.FloatSlider(value=1.0, min=1.0, max=3.0, step=0.5, description="score k", continuous_update=False)

    def show(group, normalize, k):
        w, R = company_inputs(group)
        table = operator_view(w, R, cf.GRADES, normalize=normalize, grade_values=cf.GRADE_VALUES, k=k)
        display(HTML(table.to_html(float_format=lambda x: f"{x:.3f}")))
        plot_operators(table)
        plt.show()

    return widgets.interactive(show, group=group, normalize=norm, k=k)
