"""Tests for csat_helpers.fuzzy: published cases of specs/fuzzy_ahp.md §9.2, §9.3 invariants, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csat_helpers import CsatInputError, fuzzy
from csat_helpers.fuzzy import compose, evaluate_hierarchy, membership_matrix, verdict

PUB = 0.0015
DER = 1e-4
EXACT = 1e-9

# SPSSAU help case (reproduced on CSDN, blog.csdn.net/m0_37228052/article/details/122450039)
SPSSAU_GRADES = ["很欢迎", "欢迎", "一般", "不欢迎"]
SPSSAU_A = [.1, .1, .15, .3, .35]
SPSSAU_R = [[.2, .5, .3, 0], [.1, .3, .5, .1], [0, .1, .6, .3], [0, .4, .5, .1], [.5, .3, .2, 0]]

# MATLAB textbook Example 8.4 (e-com-net.com/article/1276296104417181696.htm)
EX84_GRADES = ["很欢迎", "较欢迎", "不太欢迎", "不欢迎"]
EX84_R = [[.2, .5, .2, .1], [.7, .2, .1, 0], [0, .4, .5, .1], [.2, .3, .5, 0]]


def test_fce_spssau_clothing_weighted_average():
    # SPSSAU: B = (.205, .320, .390, .085) exactly, verdict 一般 (max membership alone)
    b = compose(SPSSAU_A, SPSSAU_R)
    np.testing.assert_allclose(b, [.205, .320, .390, .085], atol=EXACT)
    v = verdict(b, SPSSAU_GRADES)
    assert v.grade == "一般"
    # derived: α = 0.2917, so the verdict is not valid; rank* = 2.355
    assert v.alpha == pytest.approx(0.2917, abs=DER) and not v.valid
    assert v.score == pytest.approx(2.355, abs=DER)
    assert v.grade_values == {"很欢迎": 1.0, "欢迎": 2.0, "一般": 3.0, "不欢迎": 4.0} and v.k == 1


@pytest.mark.parametrize(
    "operator, normalize, expected, grade",
    [
        ("max_min", False, [.35, .30, .30, .15], "很欢迎"),
        ("max_product", None, [.3571, .2449, .3061, .0918], "很欢迎"),
        ("bounded_sum", False, [.55, .90, .85, .35], "欢迎"),
        ("bounded_sum", None, [.2075, .3396, .3208, .1321], "欢迎"),
        ("balanced", False, [.55, .70, .6833, .45], "欢迎"),
    ],
)
def test_fce_spssau_clothing_other_operators(operator, normalize, expected, grade):
    # spec §9.2, derived values for the other operators on the SPSSAU case
    b = compose(SPSSAU_A, SPSSAU_R, operator, normalize)
    np.testing.assert_allclose(b, expected, atol=DER)
    assert verdict(b, SPSSAU_GRADES).grade == grade


def test_fce_textbook_ex8_4_clothing_two_customer_groups_minmax():
    # Example 8.4, max_min, raw B: group 1 -> (.2 .3 .4 .1) 不太欢迎; group 2 -> (.35 .4 .2 .1) 较欢迎
    # (the source prints 比较欢迎 for 较欢迎). The same R gives opposite verdicts for the two segments.
    b1 = compose([.1, .2, .3, .4], EX84_R, "max_min", normalize=False)
    np.testing.assert_allclose(b1, [.2, .3, .4, .1], atol=EXACT)
    assert verdict(b1, EX84_GRADES).grade == "不太欢迎"
    b2 = compose([.4, .35, .15, .1], EX84_R, "max_min", normalize=False)
    np.testing.assert_allclose(b2, [.35, .4, .2, .1], atol=EXACT)
    assert b2.sum() == pytest.approx(1.05)
    assert verdict(b2, EX84_GRADES).grade == "较欢迎"
    np.testing.assert_allclose(compose([.4, .35, .15, .1], EX84_R, "max_min"), [.3333, .3810, .1905, .0952], atol=DER)


def test_fce_clothing_operator_mislabel():
    # laitimes.com clothing page claims M(∧,∨) but prints B = (.7, .16, .14): that is the weighted average.
    # Our max_min gives (.3, .2, .2), normalised (.4286, .2857, .2857); 好 under both.
    A, R, grades = [.3, .3, .3, .1], [[.8, .1, .1], [.7, .2, .1], [.6, .2, .2], [.7, .1, .2]], ["好", "一般", "差"]
    wa = compose(A, R)
    np.testing.assert_allclose(wa, [.7, .16, .14], atol=EXACT)
    mm = compose(A, R, "max_min", normalize=False)
    np.testing.assert_allclose(mm, [.3, .2, .2], atol=EXACT)
    assert not np.allclose(mm, [.7, .16, .14])  # the printed B is not M(∧,∨)
    np.testing.assert_allclose(compose(A, R, "max_min"), [.4286, .2857, .2857], atol=DER)
    assert verdict(wa, grades).grade == verdict(mm, grades).grade == "好"


def test_validity_index_examples_and_ties():
    # spec §5: B = (.26, .25, .24, .25) gives α ≈ 0.03
    assert fuzzy.validity_index([.26, .25, .24, .25]) == pytest.approx(0.03, abs=0.005)
    assert fuzzy.validity_index([1, 0, 0]) == float("inf")
    v = verdict([.25, .25, .25, .25], list("abcd"))
    assert v.alpha == 0 and not v.valid and v.tied == ("a", "b", "c", "d") and v.grade == "a"
    v = verdict([.4, .4, .2], list("abc"))
    assert v.tied == ("a", "b") and not v.valid


def test_weighted_score_grade_values_and_k():
    grades = list(fuzzy.GRADES_CN)
    b = [0.05, 0.1, 0.3, 0.35, 0.2]
    v = verdict(b, grades, fuzzy.GRADE_VALUES_CN)
    assert v.score == pytest.approx(20 * .05 + 40 * .1 + 60 * .3 + 80 * .35 + 100 * .2)
    v2 = verdict(b, grades, fuzzy.GRADE_VALUES_CN, k=2)
    bk = np.asarray(b) ** 2
    assert v2.score == pytest.approx(bk @ [20, 40, 60, 80, 100] / bk.sum())
    # a dict keyed by grade cannot be silently reversed
    rev = dict(zip(reversed(grades), [20, 40, 60, 80, 100]))
    assert verdict(b, grades, rev).score != pytest.approx(v.score)
    with pytest.raises(CsatInputError, match="keys must be exactly the grades"):
        verdict(b, grades, {"很满意": 100})
    with pytest.raises(CsatInputError, match="different order|order"):
        verdict(pd.Series(b, index=list(reversed(grades))), grades)


# ----------------------------------------------------------------------------- membership
def test_membership_matrix_shape_order_and_missing():
    df = pd.DataFrame({
        "q1": ["满意", "满意", None, "很满意", ""],
        "q2": ["不满意", "基本满意", "满意", "满意", "满意"],
    })
    R = membership_matrix(df, fuzzy.GRADES_CN)
    assert R.shape == (2, 5) and list(R.index) == ["q1", "q2"] and list(R.columns) == list(fuzzy.GRADES_CN)
    np.testing.assert_allclose(R.loc["q1"], [0, 0, 0, 2 / 3, 1 / 3])  # divided by N_i = 3, not N = 5
    np.testing.assert_allclose(R.loc["q2"], [0, .2, .2, .6, 0])
    np.testing.assert_allclose(R.sum(axis=1), 1)
    counts = fuzzy.grade_counts(df, fuzzy.GRADES_CN)
    assert counts.loc["q1", "满意"] == 2 and counts.to_numpy().sum() == 8


def test_membership_matrix_numeric_and_categorical_paths_agree():
    rng = np.random.default_rng(3)
    codes = rng.integers(1, 6, size=(500, 4)).astype(float)
    codes[rng.random((500, 4)) < 0.1] = np.nan
    num = pd.DataFrame(codes, columns=list("abcd"))
    labels = np.array(fuzzy.GRADES_CN, dtype=object)
    text = num.apply(lambda c: pd.Series(np.where(c.isna(), None, labels[c.fillna(1).astype(int) - 1]), dtype=object))
    cat = text.astype(pd.CategoricalDtype(list(reversed(fuzzy.GRADES_CN))))  # category order must not matter
    r_num = membership_matrix(num, [1, 2, 3, 4, 5])
    r_text = membership_matrix(text, fuzzy.GRADES_CN)
    r_cat = membership_matrix(cat, fuzzy.GRADES_CN)
    np.testing.assert_allclose(r_num.to_numpy(), r_text.to_numpy())
    np.testing.assert_allclose(r_cat.to_numpy(), r_text.to_numpy())


def test_membership_matrix_bad_input():
    with pytest.raises(CsatInputError, match=r"column 'q2', row 1: '非常好' is not one of the grades"):
        membership_matrix(pd.DataFrame({"q1": ["满意", "满意"], "q2": ["满意", "非常好"]}), fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match=r"column 'q1', row 0: 7"):
        membership_matrix(pd.DataFrame({"q1": [7.0, 1.0]}), [1, 2, 3, 4, 5])
    with pytest.raises(CsatInputError, match=r"'q1' has no valid answers"):
        membership_matrix(pd.DataFrame({"q1": [None, None], "q2": ["满意", "满意"]}), fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match="no rows"):
        membership_matrix(pd.DataFrame({"q1": []}), fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match="more than once"):
        membership_matrix(pd.DataFrame({"q1": ["a"]}), ["a", "a"])


# ----------------------------------------------------------------------------- compose validation
def test_compose_bad_input():
    with pytest.raises(CsatInputError, match=r"sum to 1.1.*off by \+0.1"):
        compose([.5, .6], [[.5, .5], [.5, .5]])
    with pytest.raises(CsatInputError, match="R looks transposed"):
        compose(SPSSAU_A, np.asarray(SPSSAU_R).T)
    with pytest.raises(CsatInputError, match=r"row 1 sums to 2"):
        compose([.5, .5], [[.5, .5], [1, 1]])
    compose([.5, .5], [[.5, .5], [1, 1]], check_rows=False)  # expert memberships
    with pytest.raises(CsatInputError, match=r"\[0, 1\]"):
        compose([.5, .5], [[3, 0], [1, 0]], check_rows=False)
    with pytest.raises(CsatInputError, match="not one of"):
        compose([.5, .5], [[.5, .5], [.5, .5]], "max_plus")
    with pytest.raises(CsatInputError, match="negative"):
        compose([1.5, -.5], [[.5, .5], [.5, .5]])


def test_compose_keeps_labels_and_aligns_weights():
    R = pd.DataFrame(SPSSAU_R, index=["花色", "式样", "价格", "耐用度", "舒适度"], columns=SPSSAU_GRADES)
    w = pd.Series(SPSSAU_A, index=R.index)[::-1]  # reversed order is realigned by label
    b = compose(w, R)
    assert isinstance(b, pd.Series) and list(b.index) == SPSSAU_GRADES
    np.testing.assert_allclose(b, [.205, .320, .390, .085], atol=EXACT)
    with pytest.raises(CsatInputError, match="R looks transposed"):
        compose(pd.Series(SPSSAU_A, index=R.index), R.T)


def test_normalize_options():
    raw = compose(SPSSAU_A, SPSSAU_R, "max_min", normalize=False)
    auto = compose(SPSSAU_A, SPSSAU_R, "max_min")
    np.testing.assert_allclose(auto, raw / raw.sum())
    assert np.argmax(auto) == np.argmax(raw)  # normalisation keeps the argmax
    wa = compose(SPSSAU_A, SPSSAU_R, "weighted_average", normalize=True)
    np.testing.assert_allclose(wa, compose(SPSSAU_A, SPSSAU_R))
    with pytest.raises(CsatInputError, match="normalize"):
        compose(SPSSAU_A, SPSSAU_R, normalize="yes")


def test_max_min_keeps_only_the_dominant_factor():
    # spec §3: ten equal weights of 0.1 give b_j = 0.1 wherever some r_ij >= 0.1
    rng = np.random.default_rng(1)
    R = rng.dirichlet(np.ones(5), size=10)
    b = compose(np.full(10, .1), R, "max_min", normalize=False)
    np.testing.assert_allclose(b, np.where((R >= .1).any(axis=0), .1, R.max(axis=0)))


# ----------------------------------------------------------------------------- hierarchy
TREE = {
    "U1": {"weight": 0.4, "children": {"a": 0.5, "b": 0.5}},
    "U2": {"weight": 0.6, "children": {"c": 0.2, "d": 0.3, "e": 0.5}},
}


def _answers(seed: int = 0, n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.array(fuzzy.GRADES_CN, dtype=object)
    return pd.DataFrame({c: g[rng.choice(5, size=n, p=p)] for c, p in zip(
        "abcde", rng.dirichlet(np.ones(5) * 2, size=5))} | {"respondent_id": np.arange(n)})


def test_two_levels_weighted_average_equals_one_level_with_global_weights():
    # spec §4 required test: linearity of M(·,⊕)
    ans = _answers()
    res = evaluate_hierarchy(TREE, ans, fuzzy.GRADES_CN)
    np.testing.assert_allclose(res.global_weights.to_numpy(), [.2, .2, .12, .18, .3])
    one = compose(res.global_weights, membership_matrix(ans[list("abcde")], fuzzy.GRADES_CN))
    np.testing.assert_allclose(res.B.to_numpy(), one.to_numpy(), atol=1e-12)
    assert set(res.operators.values()) == {"weighted_average"}
    assert list(res.node_B.index) == ["U1", "U2", "overall"]
    assert res.heights == {"U1": 1, "U2": 1, "overall": 2}


def test_three_levels_and_operator_per_level():
    ans = _answers(2)
    tree = {"X": {"weight": 0.7, "children": TREE}, "Y": {"weight": 0.3, "children": {
        "Y1": {"weight": 1.0, "children": {"respondent_id_free": 1.0}}}}}
    ans["respondent_id_free"] = ans["a"]
    res = evaluate_hierarchy(tree, ans, fuzzy.GRADES_CN, ["max_min", "weighted_average", "max_product"])
    assert res.operators == {"U1": "max_min", "U2": "max_min", "X": "weighted_average", "Y1": "max_min",
                             "Y": "weighted_average", "overall": "max_product"}
    # by hand: level 1 max_min normalised, level 2 weighted average, level 3 max_product normalised
    R = membership_matrix(ans[list("abcde")], fuzzy.GRADES_CN)
    b1 = compose([.5, .5], R.loc[["a", "b"]].to_numpy(), "max_min")
    b2 = compose([.2, .3, .5], R.loc[["c", "d", "e"]].to_numpy(), "max_min")
    bx = compose([.4, .6], np.vstack([b1, b2]))
    by = compose([1.0], R.loc[["a"]].to_numpy(), "max_min")
    b = compose([.7, .3], np.vstack([bx, by]), "max_product")
    np.testing.assert_allclose(res.B.to_numpy(), b, atol=1e-12)
    res2 = evaluate_hierarchy(tree, ans, fuzzy.GRADES_CN, {"overall": "max_product", "U1": "balanced"})
    assert res2.operators["overall"] == "max_product" and res2.operators["U1"] == "balanced"
    assert res2.operators["U2"] == "weighted_average"
    with pytest.raises(CsatInputError, match="only 2 operators"):
        evaluate_hierarchy(tree, ans, fuzzy.GRADES_CN, ["max_min", "max_min"])
    with pytest.raises(CsatInputError, match="no node named"):
        evaluate_hierarchy(tree, ans, fuzzy.GRADES_CN, {"Z": "max_min"})


def test_hierarchy_with_R_given_directly():
    # a Delphi panel may enter R directly
    R = pd.DataFrame(SPSSAU_R, index=list("vwxyz"), columns=SPSSAU_GRADES)
    tree = {"G": {"weight": 1.0, "children": dict(zip("vwxyz", SPSSAU_A))}}
    res = evaluate_hierarchy(tree, None, SPSSAU_GRADES, R=R)
    np.testing.assert_allclose(res.B.to_numpy(), [.205, .320, .390, .085], atol=EXACT)


def test_hierarchy_bad_input():
    ans = _answers()
    with pytest.raises(CsatInputError, match=r"under 'U2'.*sum to 0.9.*off by -0.1"):
        evaluate_hierarchy({**TREE, "U2": {"weight": 0.6, "children": {"c": 0.2, "d": 0.2, "e": 0.5}}},
                           ans, fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match=r"under 'overall'.*off by"):
        evaluate_hierarchy({**TREE, "U1": {"weight": 0.5, "children": {"a": .5, "b": .5}}}, ans, fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match=r"tree and survey do not match: leaves 'zz'"):
        evaluate_hierarchy({**TREE, "U1": {"weight": 0.4, "children": {"a": .5, "zz": .5}}}, ans, fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match=r"group 'U1' is empty"):
        evaluate_hierarchy({**TREE, "U1": {"weight": 0.4, "children": {}}}, ans, fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match="more than one group"):
        evaluate_hierarchy({**TREE, "U1": {"weight": 0.4, "children": {"a": .5, "c": .5}}}, ans, fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match="empty"):
        evaluate_hierarchy({}, ans, fuzzy.GRADES_CN)
    bad = ans.copy()
    bad.loc[3, "c"] = "还行"
    with pytest.raises(CsatInputError, match=r"column 'c', row 3: '还行'"):
        evaluate_hierarchy(TREE, bad, fuzzy.GRADES_CN)


# ----------------------------------------------------------------------------- company data (planted truth)
def test_company_fuzzy_survey_recovers_planted_probabilities_and_B():
    from csat_helpers import ahp
    from csat_helpers.datasets import company_fuzzy as cf
    from csat_helpers.datasets import load, truth
    from csat_helpers.datasets.company import ATTRIBUTES

    survey = load("company_survey")
    t = truth()["fuzzy"]
    cols = cf.columns_of()
    assert len(cols) == 21 and all(c.startswith("fz_") for c in cols)
    assert {c[3:] for c in cf.columns_of("product") + cf.columns_of("service")} == set(ATTRIBUTES)
    R = membership_matrix(survey[cols], cf.GRADES)
    planted = pd.DataFrame({f"fz_{k}": pd.Series(v) for k, v in t["grade_probs"].items()}).T.loc[cols, list(cf.GRADES)]
    assert np.abs(R.to_numpy() - planted.to_numpy()).max() < 0.08  # n ≈ 520-780 valid answers per item
    missing = survey[cols].isna().mean()
    assert missing["fz_complaint_handling"] == pytest.approx(t["missing_rate"]["fz_complaint_handling"], abs=0.05)
    gw, lw = cf.true_weights()
    res = evaluate_hierarchy(cf.factor_tree(gw, lw), survey, cf.GRADES)
    np.testing.assert_allclose(res.B.to_numpy(), t["true_B"], atol=0.02)
    table = load("company_ahp_judgments")
    mats = cf.matrices(table)
    assert ahp.priority_vector(mats[t["inconsistent_judge"]]).cr >= 0.10


# ----------------------------------------------------------------------------- properties (spec §9.3)
def _weights_and_R(draw, n, m):
    w = np.asarray(draw(st.lists(st.floats(0.01, 1), min_size=n, max_size=n)))
    rows = np.asarray(draw(st.lists(st.lists(st.floats(0, 1), min_size=m, max_size=m), min_size=n, max_size=n)))
    rows = rows + 1e-3
    return w / w.sum(), rows / rows.sum(axis=1, keepdims=True)


@st.composite
def fce_inputs(draw):
    n, m = draw(st.integers(1, 8)), draw(st.integers(2, 6))
    return _weights_and_R(draw, n, m)


@settings(max_examples=80, deadline=None)
@given(fce_inputs())
def test_weighted_average_B_sums_to_one(inputs):
    w, R = inputs
    b = compose(w, R)
    assert b.sum() == pytest.approx(1, abs=1e-9) and np.all(b >= 0)


@settings(max_examples=60, deadline=None)
@given(fce_inputs(), st.sampled_from(list(fuzzy.OPERATORS)), st.randoms(use_true_random=False))
def test_permuting_factors_with_their_weights_leaves_B_unchanged(inputs, operator, rnd):
    w, R = inputs
    perm = list(range(len(w)))
    rnd.shuffle(perm)
    np.testing.assert_allclose(compose(w, R, operator), compose(w[perm], R[perm], operator), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(fuzzy.GRADES_CN)), min_size=1, max_size=60))
def test_membership_rows_sum_to_one_and_ignore_missing(values):
    df = pd.DataFrame({"q": pd.Series(values, dtype=object)})
    if all(v is None for v in values):
        with pytest.raises(CsatInputError):
            membership_matrix(df, fuzzy.GRADES_CN)
        return
    R = membership_matrix(df, fuzzy.GRADES_CN)
    assert R.to_numpy().sum() == pytest.approx(1)
    valid = [v for v in values if v is not None]
    assert R.loc["q", valid[0]] == pytest.approx(valid.count(valid[0]) / len(valid))


# ----------------------------------------------------------------------------- R given directly, names, settings
def _delphi_R(values) -> pd.DataFrame:
    return pd.DataFrame(values, index=list("vwxyz"), columns=SPSSAU_GRADES)


DELPHI_TREE = {"G": {"weight": 1.0, "children": dict(zip("vwxyz", SPSSAU_A))}}


def test_hierarchy_R_is_validated_like_membership_input():
    counts = _delphi_R((np.asarray(SPSSAU_R) * 10).round())
    with pytest.raises(CsatInputError, match=r"cell \('v', '很欢迎'\) is 2.*counts.*shares.*membership_matrix"):
        evaluate_hierarchy(DELPHI_TREE, None, SPSSAU_GRADES, R=counts)
    neg = np.array(SPSSAU_R)
    neg[1, 2], neg[1, 3] = -.1, .7
    with pytest.raises(CsatInputError, match=r"cell \('w', '一般'\) is -0.1; memberships must lie in \[0, 1\]"):
        evaluate_hierarchy(DELPHI_TREE, None, SPSSAU_GRADES, R=_delphi_R(neg))
    nan = np.array(SPSSAU_R)
    nan[4, 1] = np.nan
    with pytest.raises(CsatInputError, match=r"cell \('z', '欢迎'\) is missing"):
        evaluate_hierarchy(DELPHI_TREE, None, SPSSAU_GRADES, R=_delphi_R(nan))
    text = _delphi_R(SPSSAU_R).astype(object)
    text.loc["x", "一般"] = "0.6"
    with pytest.raises(CsatInputError, match=r"cell \('x', '一般'\) is '0.6', not a number"):
        evaluate_hierarchy(DELPHI_TREE, None, SPSSAU_GRADES, R=text)
    off = np.array(SPSSAU_R)
    off[2, 0] = .1  # row x sums to 1.1
    with pytest.raises(CsatInputError, match=r"row 'x' sums to 1.1.*off by \+0.1"):
        evaluate_hierarchy(DELPHI_TREE, None, SPSSAU_GRADES, R=_delphi_R(off))
    # expert memberships that do not sum to 1 are allowed when declared, as in compose
    res = evaluate_hierarchy(DELPHI_TREE, None, SPSSAU_GRADES, R=_delphi_R(off), check_rows=False)
    np.testing.assert_allclose(res.B.to_numpy(), compose(SPSSAU_A, off, check_rows=False), atol=EXACT)
    with pytest.raises(CsatInputError, match=r"row 'v' appears more than once"):
        evaluate_hierarchy(DELPHI_TREE, None, SPSSAU_GRADES, R=pd.concat([_delphi_R(SPSSAU_R), _delphi_R(SPSSAU_R).iloc[:1]]))


def test_hierarchy_node_names_must_not_collide():
    ans = _answers()
    twice = {"X": {"weight": .5, "children": {"S": {"weight": 1.0, "children": {"a": .5, "b": .5}}}},
             "Y": {"weight": .5, "children": {"S": {"weight": 1.0, "children": {"c": .5, "d": .5}}}}}
    with pytest.raises(CsatInputError, match=r"group name 'S' is used more than once"):
        evaluate_hierarchy(twice, ans, fuzzy.GRADES_CN)
    root_named = {"overall": {"weight": .4, "children": {"a": .5, "b": .5}}, "U2": TREE["U2"]}
    with pytest.raises(CsatInputError, match=r"named 'overall', the name of the root"):
        evaluate_hierarchy(root_named, ans, fuzzy.GRADES_CN)
    leaf_named = {"a": {"weight": .4, "children": {"a": .5, "b": .5}}, "U2": TREE["U2"]}
    with pytest.raises(CsatInputError, match=r"group name 'a' is also a leaf"):
        evaluate_hierarchy(leaf_named, ans, fuzzy.GRADES_CN)


def test_tree_weights_must_be_numbers_not_booleans():
    tree = {"U1": {"weight": True, "children": {"a": .5, "b": .5}}, "U2": {"weight": False, "children": {"c": 1.0}}}
    with pytest.raises(CsatInputError, match=r"weights under 'overall' must be numbers, got the boolean True"):
        evaluate_hierarchy(tree, _answers(), fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match=r"under 'U1'.*boolean"):
        evaluate_hierarchy({"U1": {"weight": 1.0, "children": {"a": True, "b": False}}}, _answers(), fuzzy.GRADES_CN)


def test_compose_R_must_be_numeric():
    with pytest.raises(CsatInputError, match=r"cell \(1, 0\) is 'x', not a number"):
        compose([.5, .5], [[.5, .5], ["x", .5]])
    with pytest.raises(CsatInputError, match=r"cell \(0, 0\) is True, not a number"):
        compose([.5, .5], [[True, False], [.5, .5]])


def test_reading_B_bad_settings_and_min_alpha_recorded():
    with pytest.raises(CsatInputError, match=r"min_alpha: must be a number >= 0.*'x'"):
        verdict([.205, .32, .39, .085], SPSSAU_GRADES, min_alpha="x")
    with pytest.raises(CsatInputError, match=r"B: position 0 is missing"):
        fuzzy.validity_index([np.nan, .5, .5])
    v = verdict([.205, .32, .39, .085], SPSSAU_GRADES, min_alpha=0.25)  # α = 0.2917 (SPSSAU case, derived)
    assert v.min_alpha == 0.25 and v.valid
    assert verdict([.205, .32, .39, .085], SPSSAU_GRADES).min_alpha == 0.5


def test_membership_matrix_rejects_duplicate_columns():
    df = pd.DataFrame([["满意", "很满意"], ["满意", "满意"]], columns=["q1", "q1"])
    with pytest.raises(CsatInputError, match=r"column 'q1' appears more than once"):
        membership_matrix(df, fuzzy.GRADES_CN)
    with pytest.raises(CsatInputError, match=r"column 'q1' appears more than once"):
        membership_matrix(pd.DataFrame([[1, 2], [1, 1]], columns=["q1", "q1"]), [1, 2])
