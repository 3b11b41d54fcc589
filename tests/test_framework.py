"""The compact index of a map (argmap.framework.Framework) and plain Dung frameworks.

The index is checked against the networkx graph it is read from (each relation found again by
scanning the graph's own node attributes), and it must follow the graph when the graph changes.
``Framework.from_attacks`` is checked against an independent Dung solver, formal-argumentation
(imported as ``argumentation``; those tests skip without it), and against the same attacks
written as an ArgumentMap.
"""

from __future__ import annotations

import doctest
import math
import random
import re
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from test_semantics import _describe, argument_maps

from argmap import ArgmapError, UnknownIdError, loads
from argmap import semantics as sem
from argmap.framework import ATTACKS, PREMISE_OF, SUPPORTS, Framework
from argmap.model import ArgumentMap
from argmap.semantics import IN, OUT, UNDEC

# -- the index agrees with the graph ----------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(argument_maps(max_claims=7, max_arguments=10, max_nodes=17))
def test_index_agrees_with_the_graph(amap):
    note(_describe(amap))
    g = amap.graph
    fw = Framework.from_map(amap)
    assert fw.names == list(g) and len(fw) == len(g)
    assert fw.ids == {n: i for i, n in enumerate(g)}
    number = fw.ids.__getitem__
    args = [(a, attrs) for a, attrs in g.nodes(data=True) if attrs["kind"] == "argument"]
    for n, attrs in g.nodes(data=True):
        i = number(n)
        is_argument = attrs["kind"] == "argument"
        assert fw.is_argument[i] is is_argument
        assert fw.kind(i) == attrs["kind"]
        attackers = [number(a) for a, aa in args if aa["target"] == n and aa["relation"] == "attack"]
        supporters = [number(a) for a, aa in args
                      if aa["target"] == n and aa["relation"] == "support" and not is_argument]
        assert list(fw.attackers[i]) == attackers
        assert list(fw.supporters[i]) == supporters  # a support aimed at an argument: none
        if is_argument:
            assert fw.premises[i] == tuple(map(number, attrs["premises"]))
            assert fw.target[i] == number(attrs["target"])
            assert fw.role[i] == (ATTACKS if attrs["relation"] == "attack" else SUPPORTS)
        else:
            assert fw.premises[i] == () and fw.target[i] == -1 and fw.role[i] == PREMISE_OF
            assert list(fw.out[i]) == [number(a) for a, aa in args if n in aa["premises"]]
        assert fw.is_given(i) is bool(attrs.get("given"))
        assert fw.weights()[i] == attrs["weight"]
    # out is exactly the inputs turned round: m lists x as an input as often as x lists m
    for m in range(len(fw)):
        for x in {*fw.premises[m], *fw.supporters[m], *fw.attackers[m]}:
            inputs = [*fw.premises[m], *fw.supporters[m], *fw.attackers[m]]
            assert list(fw.out[x]).count(m) == inputs.count(x)
    assert fw.supported_claims() == {i: len(s) for i, s in enumerate(fw.supporters) if s}


@settings(max_examples=300, deadline=None)
@given(argument_maps(max_claims=7, max_arguments=10, max_nodes=17))
def test_topological_order_is_one(amap):
    fw = Framework.from_map(amap)
    order = fw.topological_order()
    dependencies = nx.DiGraph()
    dependencies.add_nodes_from(range(len(fw)))
    dependencies.add_edges_from((x, m) for m in range(len(fw))
                                for x in (*fw.premises[m], *fw.supporters[m], *fw.attackers[m]))
    if order is None:
        assert not nx.is_directed_acyclic_graph(dependencies)
    else:
        assert sorted(order) == list(range(len(fw)))
        place = {n: i for i, n in enumerate(order)}
        assert all(place[x] < place[m] for x, m in dependencies.edges)


def test_a_premise_that_is_an_argument_is_an_error_not_a_crash():
    m = ArgumentMap()  # the loader reports premise-not-claim; made by hand, evaluating says so
    m.add_claim("a", "A.")
    m.add_argument("x", "support", "a", ["a"])
    m.add_argument("y", "attack", "a", ["x"])
    with pytest.raises(ArgmapError, match="premise 'x' is not a claim"):
        sem.grounded(m)


def test_unknown_id_says_did_you_mean():
    fw = Framework.from_map(loads("claims: {tea: Tea., coffee: Coffee.}"))
    with pytest.raises(UnknownIdError, match="did you mean 'tea'"):
        fw.id("teaa")
    assert fw.id("coffee") == 1 and "tea" in fw and "milk" not in fw and list(fw) == fw.names


# -- built once per map, and rebuilt when the graph changes -----------------------------------

SMALL = ("thesis: t\nclaims: {t: T., r: R., o: O., s: S.}\narguments: ["
         "{id: sr, supports: t, premises: [r]}, {id: ob, attacks: t, premises: [o]},"
         "{id: u, attacks: ob, premises: [s]}]")


def test_every_evaluation_of_a_map_shares_one_index(monkeypatch):
    m = loads(SMALL)
    built = []
    real = Framework._build.__func__

    def counting(cls, nodes):
        built.append(len(nodes))
        return real(cls, nodes)

    monkeypatch.setattr(Framework, "_build", classmethod(counting))
    sem.grounded(m)
    sem.dfquad(m)
    sem.evaluate(m)
    sem.evaluate(m, "preferred")
    sem.critical(m)
    sem.explain(m, "t")
    sem.grounded(m, {"o": "in"})
    sem.stable(m)
    assert built == [len(m.graph)]


def test_index_follows_the_graph():
    m = loads(SMALL)
    fw = Framework.from_map(m)
    assert sem.grounded(m)["t"] == IN
    # a node added: rebuilt, and the new objection counts
    m.add_claim("p", "P.")
    m.add_argument("ob2", "attack", "t", ["p"])
    assert Framework.from_map(m) is not fw
    assert sem.grounded(m)["t"] == OUT
    # a node removed (networkx directly, its edges with it): rebuilt
    fw = Framework.from_map(m)
    m.graph.remove_node("ob2")
    assert Framework.from_map(m) is not fw and sem.grounded(m)["t"] == IN
    # renamed in place, same counts: rebuilt
    fw = Framework.from_map(m)
    nx.relabel_nodes(m.graph, {"p": "q"}, copy=False)
    assert Framework.from_map(m) is not fw and "q" in Framework.from_map(m)


def test_weight_and_given_changed_in_place_are_read_again():
    m = loads("claims: {t: T., r: R.}\narguments: [{id: x, supports: t, premises: [r]}]")
    fw = Framework.from_map(m)
    assert sem.dfquad(m).values["t"] == 0.75
    m.graph.nodes["r"]["weight"] = 0.0
    m.graph.nodes["t"]["weight"] = 0.2
    assert sem.dfquad(m).values["t"] == 0.2
    m.add_claim("o", "O.")
    m.add_argument("ob", "attack", "r", ["o"])  # r OUT, so t (not given) is OUT
    assert sem.grounded(m)["t"] == OUT
    fw = Framework.from_map(m)
    m.graph.nodes["t"]["given"] = True
    assert sem.grounded(m)["t"] == IN
    assert sem.explain(m, "t")[0]["why"] == "given"
    assert Framework.from_map(m) is fw


def test_forget_rebuilds():
    m = loads(SMALL)
    fw = Framework.from_map(m)
    Framework.forget(m)
    assert Framework.from_map(m) is not fw
    Framework.forget(ArgumentMap())  # never indexed: nothing to do


# -- plain Dung frameworks ---------------------------------------------------------------------


def test_from_attacks_shape_and_errors():
    fw = Framework.from_attacks(["a", "b", "c", "a"], [("a", "b"), ("a", "b"), ("c", "c")])
    assert fw.names == ["a", "b", "c"]  # an argument named twice is one argument
    assert fw.out == [[1], [], [2]] and list(map(list, fw.attackers)) == [[], [0], [2]]
    assert sem.grounded(fw) == {"a": IN, "b": OUT, "c": UNDEC}
    # an attack written twice counts once, in the strengths too
    assert sem.dfquad(fw).values["b"] == 0.25
    with pytest.raises(UnknownIdError, match="no argument 'z'"):
        Framework.from_attacks("ab", [("z", "a")])
    with pytest.raises(ArgmapError, match="pairs"):
        Framework.from_attacks("ab", [("a", "b", "c")])
    with pytest.raises(ArgmapError, match="pairs"):
        Framework.from_attacks("ab", ["ab", 3])
    assert sem.grounded(Framework.from_attacks([], [])) == {}
    assert sem.grounded(Framework.from_attacks("a", [])) == {"a": IN}


def test_framework_takes_assumptions_and_every_semantics():
    fw = Framework.from_attacks("abc", [("a", "b"), ("b", "a"), ("b", "c")])
    assert sem.grounded(fw) == {"a": UNDEC, "b": UNDEC, "c": UNDEC}
    assert sem.grounded(fw, {"b": "out"}) == {"a": IN, "b": OUT, "c": IN}
    with pytest.raises(UnknownIdError, match="did you mean 'a'"):
        sem.grounded(fw, {"aa": "in"})
    with pytest.raises(ArgmapError, match="use in, out or undec"):
        sem.grounded(fw, {"a": "maybe"})
    prefs = sorted(tuple(lab.values()) for lab in sem.preferred(fw))
    assert prefs == [(IN, OUT, IN), (OUT, IN, OUT)]
    assert sorted(tuple(lab.values()) for lab in sem.stable(fw)) == prefs
    assert sem.rule_label(fw, "c", {"a": IN, "b": OUT, "c": UNDEC}) == IN


@st.composite
def dung_frameworks(draw, max_arguments: int = 8, max_attacks: int = 16):
    n = draw(st.integers(0, max_arguments))
    names = [f"x{i}" for i in range(n)]
    pairs = st.tuples(st.sampled_from(names), st.sampled_from(names)) if names else st.nothing()
    attacks = draw(st.lists(pairs, max_size=max_attacks if names else 0))
    return names, attacks


def _labels_of_extension(ext, names, attacks):
    out = {b for a, b in attacks if a in ext}
    return {n: IN if n in ext else OUT if n in out else UNDEC for n in names}


@settings(max_examples=500, deadline=None)
@given(dung_frameworks())
def test_from_attacks_grounded_agrees_with_formal_argumentation(framework):
    dung = pytest.importorskip("argumentation.core.dung")
    names, attacks = framework
    note(f"{names} {attacks}")
    af = dung.ArgumentationFramework(arguments=frozenset(names), defeats=frozenset(attacks))
    want = _labels_of_extension(dung.grounded_extension(af), names, attacks)
    assert sem.grounded(Framework.from_attacks(names, attacks)) == want


@settings(max_examples=150, deadline=None)
@given(dung_frameworks(max_arguments=6, max_attacks=10))
def test_from_attacks_preferred_and_stable_agree_with_formal_argumentation(framework):
    dung = pytest.importorskip("argumentation.core.dung")
    names, attacks = framework
    note(f"{names} {attacks}")
    af = dung.ArgumentationFramework(arguments=frozenset(names), defeats=frozenset(attacks))
    fw = Framework.from_attacks(names, attacks)

    def as_set(labellings):
        return {frozenset(lab.items()) for lab in labellings}

    assert as_set(sem.preferred(fw)) == as_set(
        _labels_of_extension(e, names, attacks) for e in dung.preferred_extensions(af))
    assert as_set(sem.stable(fw)) == as_set(
        _labels_of_extension(e, names, attacks) for e in dung.stable_extensions(af))


@settings(max_examples=300, deadline=None)
@given(dung_frameworks(), st.data())
def test_framework_and_the_same_attacks_as_a_map_agree(framework, data):
    # the claim of each Dung argument gets its label; each attack's argument node the label
    # of its one premise; and an assumption means the same on both
    names, attacks = framework
    attacks = list(dict.fromkeys(attacks))
    m = ArgumentMap()
    m.add_claims([(n, n.upper() + ".", {}) for n in names])
    m.add_arguments([(f"a{i}", "attack", b, [a], {}) for i, (a, b) in enumerate(attacks)])
    fw = Framework.from_attacks(names, attacks)
    pins = {}
    if names:
        pins = {data.draw(st.sampled_from(names)): data.draw(st.sampled_from([IN, OUT, UNDEC]))}
    on_map, on_framework = sem.grounded(m, pins), sem.grounded(fw, pins)
    assert {n: on_map[n] for n in names} == on_framework
    assert all(on_map[f"a{i}"] == on_map[a] for i, (a, _) in enumerate(attacks))
    s_map, s_fw = sem.dfquad(m).values, sem.dfquad(fw).values
    assert all(math.isclose(s_map[n], s_fw[n], abs_tol=1e-9) for n in names) or \
        sem.dfquad(fw).cyclic


@settings(max_examples=300, deadline=None)
@given(dung_frameworks(max_arguments=8, max_attacks=12))
def test_from_attacks_dfquad_agrees_with_formal_argumentation_when_acyclic(framework):
    dfquad_mod = pytest.importorskip("argumentation.gradual.dfquad")
    from argumentation.gradual.gradual import WeightedBipolarGraph

    names, attacks = framework
    fw = Framework.from_attacks(names, attacks)
    if fw.topological_order() is None:
        return
    qbaf = WeightedBipolarGraph(arguments=frozenset(names),
                                initial_weights=dict.fromkeys(names, 0.5),
                                attacks=frozenset(attacks), supports=frozenset())
    theirs = dfquad_mod.dfquad_strengths(qbaf).strengths
    ours = sem.dfquad(fw).values
    assert all(math.isclose(ours[n], theirs[n], abs_tol=1e-9) for n in names), (ours, theirs)


def test_a_big_random_framework_agrees_with_formal_argumentation():
    # the benchmark's shape: every argument attacks two others at random (cycles everywhere)
    dung = pytest.importorskip("argumentation.core.dung")
    rnd = random.Random(7)
    n = 3000
    names = [f"c{i}" for i in range(n)]
    attacks = [(names[i], names[j]) for i in range(n) for j in rnd.sample(range(n), 2)]
    af = dung.ArgumentationFramework(arguments=frozenset(names), defeats=frozenset(attacks))
    want = _labels_of_extension(dung.grounded_extension(af), names, attacks)
    got = sem.grounded(Framework.from_attacks(names, attacks))
    assert got == want
    assert {IN, OUT, UNDEC} <= set(got.values())


def test_the_python_examples_of_docs_semantics_run():
    text = (Path(__file__).resolve().parents[1] / "docs" / "semantics.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for i, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"semantics.md[{i}]", "docs/semantics.md", 0))
    assert runner.failures == 0 and runner.tries > 0
