"""Labellings and DF-QuAD strengths (argmap.semantics), checked against independent oracles.

The oracles below are written from the rules as the issue states them, not from the code of
``argmap.semantics``, and they are deliberately naive:

* ``naive_rule`` reads a node's label off its neighbours' labels, scanning every argument of the
  map to find the node's premises, supporters and attackers;
* ``naive_grounded`` starts from all-UNDEC and applies the rule to *every* node in full sweeps
  (each sweep reads only the previous sweep's labels) until nothing changes;
* ``naive_complete`` tries all 3**n labellings of a small map and keeps those in which every node
  carries exactly the label the rule gives it; preferred and stable are filtered from those;
* ``naive_strengths`` iterates the DF-QuAD equations in full Jacobi sweeps to convergence.

They are compared with the real functions on random maps from hypothesis (linked premises,
undercuts, undercuts of undercuts, supports aimed at arguments, support and attack cycles, given
claims, random weights). Pure-attack maps are also compared with established Dung solvers
(``python-argumentation``, imported as ``py_arg``, and ``formal-argumentation``, imported as
``argumentation``), and maps where the definitions coincide with ``formal-argumentation``'s
DF-QuAD. Those comparisons skip when the package is not installed.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from argmap import ArgmapError, loads
from argmap import semantics as sem
from argmap.model import ArgumentMap
from argmap.semantics import IN, OUT, UNDEC, LabellingLimitError

LABELS = (IN, OUT, UNDEC)

# -- the naive oracle: labels ----------------------------------------------------------------


def _view(amap: ArgumentMap) -> dict[str, tuple]:
    """For every node: (is_argument, premises, supporters, attackers, given), found by scanning
    every argument's own ``relation``/``target``/``premises`` attributes."""
    g = amap.graph
    args = [(n, a) for n, a in g.nodes(data=True) if a["kind"] == "argument"]
    view = {}
    for n, attrs in g.nodes(data=True):
        attackers = [a for a, aa in args if aa["target"] == n and aa["relation"] == "attack"]
        supporters = [a for a, aa in args if aa["target"] == n and aa["relation"] == "support"]
        is_argument = attrs["kind"] == "argument"
        premises = tuple(attrs["premises"]) if is_argument else ()
        view[n] = (is_argument, premises, supporters, attackers, bool(attrs.get("given")))
    return view


def _rule(view: dict[str, tuple], n: str, labels: dict[str, str]) -> str:
    is_argument, premises, supporters, attackers, is_given = view[n]
    attackers_out = all(labels[a] == OUT for a in attackers)
    some_attacker_in = any(labels[a] == IN for a in attackers)
    if is_argument:
        # IN iff all its premises are IN and every argument attacking it is OUT; OUT iff some
        # premise is OUT or some undercutter is IN. (A support aimed at an argument plays no
        # part: the rule for arguments mentions only premises and attackers.)
        is_in = all(labels[p] == IN for p in premises) and attackers_out
        is_out = any(labels[p] == OUT for p in premises) or some_attacker_in
    else:
        # IN iff (a basis claim, or given, or some supporting argument IN) and every attacker
        # OUT; OUT iff some attacker IN, or it has supporters, is not given, and all are OUT.
        basis = not supporters
        is_in = (basis or is_given or any(labels[s] == IN for s in supporters)) and attackers_out
        is_out = some_attacker_in or (
            bool(supporters) and not is_given and all(labels[s] == OUT for s in supporters))
    assert not (is_in and is_out), f"the rules give {n} both IN and OUT"
    return IN if is_in else OUT if is_out else UNDEC


def naive_rule(amap: ArgumentMap, node: str, labels: dict[str, str]) -> str:
    """The label the quoted rules give ``node`` when the other nodes are labelled ``labels``."""
    return _rule(_view(amap), node, labels)


def naive_grounded(amap: ArgumentMap, pinned: dict[str, str] | None = None) -> dict[str, str]:
    """Full sweeps from all-UNDEC (``pinned`` nodes keep their label) until nothing changes."""
    pinned = pinned or {}
    view = _view(amap)
    labels = {n: pinned.get(n, UNDEC) for n in amap.graph}
    # The rule is monotone (more decided neighbours never undo a decision), so every sweep that
    # changes anything decides at least one more node: n + 1 sweeps always suffice.
    for _ in range(len(labels) + 2):
        new = {n: pinned[n] if n in pinned else _rule(view, n, labels) for n in labels}
        if new == labels:
            return labels
        labels = new
    raise AssertionError("full sweeps did not reach a fixpoint")


def naive_complete(amap: ArgumentMap, pinned: dict[str, str] | None = None) -> list[dict]:
    """Every labelling, out of all 3**n, in which each (unpinned) node has its rule's label."""
    pinned = pinned or {}
    view = _view(amap)
    nodes = list(amap.graph)
    out = []
    for combo in itertools.product(LABELS, repeat=len(nodes)):
        labels = dict(zip(nodes, combo, strict=True))
        if all(labels[n] == v for n, v in pinned.items()) and all(
                n in pinned or _rule(view, n, labels) == labels[n] for n in nodes):
            out.append(labels)
    return out


def _in_set(labels: dict[str, str]) -> frozenset[str]:
    # IN sets over claims AND arguments, as semantics.py's docstring says (the "IN set" of a
    # labelling, which labels both). We think that is the right reading. Claims only would
    # differ, e.g. on: A: p supports t; U: p attacks A (undercut); V: t attacks U. Its complete
    # labellings are {t, A, V IN; U OUT}, {t, A, V OUT; U IN} and all-UNDEC on t, A, U, V.
    # Over claims only, the second ({p} IN) is below the first ({p, t} IN) and is dropped; over
    # all nodes it is kept, since it accepts U, which the first rejects: it is the maximal
    # position of someone who accepts the undercut, just as {U} would be a preferred extension
    # if arguments were Dung arguments. On pure-attack maps (the Dung comparison below) the two
    # readings agree, since an argument is IN exactly when its one premise is.
    return frozenset(n for n, v in labels.items() if v == IN)


def naive_preferred(labellings: list[dict]) -> list[dict]:
    ins = [_in_set(lab) for lab in labellings]
    return [lab for lab, s in zip(labellings, ins, strict=True) if not any(s < t for t in ins)]


def naive_stable(labellings: list[dict]) -> list[dict]:
    return [lab for lab in labellings if UNDEC not in lab.values()]


def as_set(labellings: list[dict]) -> set[frozenset]:
    return {frozenset(lab.items()) for lab in labellings}


# -- the naive oracle: DF-QuAD ----------------------------------------------------------------


def _F(values) -> float:  # aggregation: 1 - prod(1 - si), and F() = 0
    prod = 1.0
    for v in values:
        prod *= 1.0 - v
    return 1.0 - prod


def _C(t: float, a: float, s: float) -> float:  # combination of base, attack, support
    if a > s:
        return t - t * (a - s)
    if s > a:
        return t + (1.0 - t) * (s - a)
    return t


def _base(amap: ArgumentMap, n: str) -> float:
    attrs = amap.graph.nodes[n]
    default = 1.0 if attrs["kind"] == "argument" else 0.5
    w = attrs.get("weight")
    return default if w is None else float(w)


def _strength(view: dict, weights: dict, n: str, s: dict[str, float]) -> float:
    is_argument, premises, supporters, attackers, _ = view[n]
    if is_argument:
        return min(s[p] for p in premises) * _C(weights[n], _F(s[a] for a in attackers), 0.0)
    return _C(weights[n], _F(s[a] for a in attackers), _F(s[x] for x in supporters))


def naive_strengths(amap: ArgumentMap, sweeps: int = 10_000, tol: float = 1e-13,
                    pinned: dict[str, float] | None = None) -> dict:
    """Jacobi sweeps of the DF-QuAD equations from the base scores until nothing moves
    (``pinned`` nodes keep the score given)."""
    view = _view(amap)
    pinned = pinned or {}
    weights = {n: _base(amap, n) for n in amap.graph}
    s = {**weights, **pinned}
    for _ in range(sweeps):
        new = {n: pinned[n] if n in pinned else _strength(view, weights, n, s) for n in s}
        if all(abs(new[n] - s[n]) <= tol for n in s):
            return new
        s = new
    raise AssertionError("Jacobi sweeps did not converge")


def residual(amap: ArgumentMap, s: dict[str, float]) -> float:
    """How far ``s`` is from satisfying the DF-QuAD equations (max over nodes)."""
    view = _view(amap)
    weights = {n: _base(amap, n) for n in amap.graph}
    return max(abs(_strength(view, weights, n, s) - s[n]) for n in s)


def dependency_graph(amap: ArgumentMap) -> nx.DiGraph:
    """What each strength/label depends on: premises, attackers, supporters of claims."""
    g = nx.DiGraph()
    g.add_nodes_from(amap.graph)
    for n, (is_argument, premises, supporters, attackers, _) in _view(amap).items():
        g.add_edges_from((m, n) for m in (*premises, *attackers))
        if not is_argument:  # a support aimed at an argument changes nothing about it
            g.add_edges_from((m, n) for m in supporters)
    return g


# -- the oracle on its own, on cases worked by hand -------------------------------------------


def test_naive_oracle_on_hand_worked_cases():
    m = loads("claims: {a: A., b: B.}\narguments: ["
              "{id: ab, attacks: b, premises: [a]}, {id: ba, attacks: a, premises: [b]}]")
    assert naive_grounded(m) == {n: UNDEC for n in m.graph}
    got = {(lab["a"], lab["b"]) for lab in naive_complete(m)}
    assert got == {(IN, OUT), (OUT, IN), (UNDEC, UNDEC)}
    assert {(lab["a"], lab["b"]) for lab in naive_preferred(naive_complete(m))} == {
        (IN, OUT), (OUT, IN)}
    # a claim whose only supporter is OUT is OUT, unless it is given
    m = loads("claims: {t: T., g: {text: G., given: true}, p: P., o: O.}\narguments: ["
              "{id: s1, supports: t, premises: [p]}, {id: s2, supports: g, premises: [p]},"
              "{id: x, attacks: p, premises: [o]}]")
    lab = naive_grounded(m)
    assert (lab["o"], lab["x"], lab["p"], lab["s1"], lab["t"], lab["g"]) == (
        IN, IN, OUT, OUT, OUT, IN)
    assert naive_rule(m, "t", {**lab, "s1": UNDEC}) == UNDEC


# -- random maps ----------------------------------------------------------------------------

WEIGHTS = st.one_of(st.sampled_from([0.0, 0.25, 0.5, 0.8, 1.0]), st.floats(0.0, 1.0))


@st.composite
def argument_maps(draw, max_claims: int = 6, max_arguments: int = 8, max_nodes: int = 14, *,
                  acyclic: bool = False, single_premise: bool = False,
                  attacks_only: bool = False, target_arguments: bool = True,
                  argument_weights: bool = True, mixed: bool = True) -> ArgumentMap:
    """A random valid map built with ``add_claim``/``add_argument``.

    Arguments target a claim or an earlier argument (an undercut when attacking; undercuts of
    undercuts arise naturally; a support aimed at an argument is allowed too). Premises are 1-3
    distinct claims (linked), never the argument's own target claim. No argument is written
    twice; with ``mixed=False`` no premise set is used both for and against one target.

    ``acyclic``: every node gets a rank (a claim its index; an argument its target's rank) and
    premises must rank strictly above their argument, so every dependency points downhill.
    """
    amap = ArgumentMap()
    claims = [f"c{i}" for i in range(draw(st.integers(1, max_claims)))]
    for c in claims:
        amap.add_claim(c, c.upper() + ".", weight=draw(WEIGHTS),
                       given=draw(st.sampled_from([False, False, False, True])))
    rank = {c: i for i, c in enumerate(claims)}
    n_arguments = draw(st.integers(0, max(0, min(max_arguments, max_nodes - len(claims)))))
    arguments: list[str] = []
    seen: set[tuple] = set()
    for i in range(n_arguments):
        relation = "attack" if attacks_only else draw(st.sampled_from(["support", "attack"]))
        if target_arguments and arguments and draw(st.integers(0, 2)) == 0:
            target = draw(st.sampled_from(arguments))
        else:
            target = draw(st.sampled_from(claims))
        eligible = [c for c in claims if c != target and (not acyclic or rank[c] > rank[target])]
        if not eligible:
            continue
        premises = draw(st.lists(st.sampled_from(eligible), min_size=1,
                                 max_size=1 if single_premise else 3, unique=True))
        key = (target, frozenset(premises)) + ((relation,) if mixed else ())
        if key in seen:
            continue
        seen.add(key)
        a = f"a{i}"
        amap.add_argument(a, relation, target, premises,
                          weight=draw(WEIGHTS) if argument_weights else 1.0)
        rank[a] = rank[target]
        arguments.append(a)
    return amap


def _describe(amap: ArgumentMap) -> str:
    """The map as YAML that ``argmap.loads`` reads back, for hypothesis to print on failure."""
    g = amap.graph

    def num(w: float) -> str:  # YAML 1.1 reads 1e-05 as text: write such weights out in full
        return repr(w) if "e" not in repr(w) else f"{w:.20f}"

    claims = ", ".join(
        f"{c}: {{text: {c.upper()}., weight: {num(g.nodes[c]['weight'])}"
        + (", given: true}" if g.nodes[c]["given"] else "}") for c in amap.claims())
    args = ", ".join(
        f"{{id: {a}, {g.nodes[a]['relation']}s: {g.nodes[a]['target']}, "
        f"premises: [{', '.join(g.nodes[a]['premises'])}], weight: {num(g.nodes[a]['weight'])}}}"
        for a in amap.arguments())
    return f"claims: {{{claims}}}\narguments: [{args}]"


@settings(max_examples=1500, deadline=None)
@given(argument_maps())
def test_grounded_matches_naive_sweeps(amap):
    note(_describe(amap))
    assert sem.grounded(amap) == naive_grounded(amap)


@settings(max_examples=400, deadline=None)
@given(argument_maps(), st.data())
def test_grounded_with_assumption_matches_naive_with_node_pinned(amap, data):
    note(_describe(amap))
    node = data.draw(st.sampled_from(list(amap.graph)), label="node")
    value = data.draw(st.sampled_from(LABELS), label="value")
    got = sem.grounded(amap, {node: value})
    assert got == naive_grounded(amap, {node: value})
    assert got[node] == value


def test_assume_accepts_lower_case_and_rejects_unknown():
    m = loads("claims: {t: T., o: O.}\narguments: [{id: ob, attacks: t, premises: [o]}]")
    assert sem.grounded(m, {"o": "out"}) == {"o": OUT, "ob": OUT, "t": IN}
    with pytest.raises(ArgmapError):
        sem.grounded(m, {"nope": "in"})
    with pytest.raises(ArgmapError):
        sem.grounded(m, {"o": "maybe"})


# Brute force is 3**n: keep these maps to at most 9 nodes (19,683 labellings).
SMALL = dict(max_claims=5, max_arguments=6, max_nodes=9)


@settings(max_examples=350, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps(**SMALL))
def test_complete_preferred_stable_match_brute_force(amap):
    note(_describe(amap))
    complete = naive_complete(amap)
    assert as_set(sem.complete_labellings(amap)) == as_set(complete)
    assert as_set(sem.preferred(amap)) == as_set(naive_preferred(complete))
    assert as_set(sem.stable(amap)) == as_set(naive_stable(complete))
    # and the grounded labelling is the least complete one: every complete labelling agrees
    # with it wherever it is decided
    ground = naive_grounded(amap)
    assert ground in complete
    assert all(lab[n] == v for lab in complete for n, v in ground.items() if v != UNDEC)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps(**SMALL), st.data())
def test_complete_with_assumption_matches_brute_force(amap, data):
    note(_describe(amap))
    node = data.draw(st.sampled_from(list(amap.graph)), label="node")
    value = data.draw(st.sampled_from(LABELS), label="value")
    got = sem.complete_labellings(amap, assume={node: value})
    assert as_set(got) == as_set(naive_complete(amap, {node: value}))


# -- Dung: pure-attack maps against established solvers ---------------------------------------


def _dung_py_arg(claims: list[str], attacks: set[tuple[str, str]]):
    """(grounded, preferred, stable) extensions from python-argumentation (py_arg)."""
    pytest.importorskip("py_arg")
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    args = {c: Argument(c) for c in claims}
    af = AbstractArgumentationFramework(
        "map", list(args.values()), [Defeat(args[p], args[t]) for p, t in sorted(attacks)])

    def names(ext):
        return frozenset(a.name for a in ext)

    return (names(get_grounded_extension(af)),
            {names(e) for e in get_preferred_extensions(af)},
            {names(e) for e in get_stable_extensions(af)})


def _dung_formal(claims: list[str], attacks: set[tuple[str, str]]):
    """(grounded, preferred, stable) extensions from formal-argumentation."""
    pytest.importorskip("argumentation.core.dung")
    from argumentation.core.dung import (
        ArgumentationFramework,
        grounded_extension,
        preferred_extensions,
        stable_extensions,
    )

    af = ArgumentationFramework(arguments=frozenset(claims), defeats=frozenset(attacks))
    return (frozenset(grounded_extension(af)), set(map(frozenset, preferred_extensions(af))),
            set(map(frozenset, stable_extensions(af))))


def _extension_labels(ext: frozenset[str], claims: list[str], attacks) -> tuple:
    """Dung's labelling of an extension: IN its members, OUT what they attack, UNDEC the rest."""
    out = {t for p, t in attacks if p in ext}
    return tuple(IN if c in ext else OUT if c in out else UNDEC for c in claims)


@pytest.mark.parametrize("solver", [_dung_py_arg, _dung_formal], ids=["py_arg", "formal"])
@settings(max_examples=300, deadline=None)
@given(amap=argument_maps(max_claims=7, max_arguments=12, max_nodes=19, single_premise=True,
                          attacks_only=True, target_arguments=False))
def test_pure_attack_maps_agree_with_dung_solver(solver, amap):
    claims = list(amap.claims())
    attacks = {(amap.premises(a)[0], amap.target(a)) for a in amap.arguments()}
    grounded_ext, preferred_exts, stable_exts = solver(claims, attacks)

    def claim_labels(lab):
        return tuple(lab[c] for c in claims)

    note(_describe(amap))
    assert claim_labels(sem.grounded(amap)) == _extension_labels(grounded_ext, claims, attacks)
    assert {claim_labels(lab) for lab in sem.preferred(amap)} == {
        _extension_labels(e, claims, attacks) for e in preferred_exts}
    assert {claim_labels(lab) for lab in sem.stable(amap)} == {
        _extension_labels(e, claims, attacks) for e in stable_exts}


# -- hand-worked labellings ---------------------------------------------------------------------

TEA_LIKE = """
claims: {tea: Drink tea., warm: Warm., cheap: Cheap., afford: Afford., stain: Stains.,
         brush: Brush., paste: Paste.}
arguments:
  - {id: w, supports: tea, premises: [warm]}
  - {id: cost, supports: tea, premises: [cheap, afford]}
  - {id: stains, attacks: tea, premises: [stain]}
  - {id: brushing, attacks: stains, premises: [brush]}
  - {id: pst, attacks: brushing, premises: [paste]}
  - {id: aff, supports: afford, premises: [warm]}
"""


def test_grounded_hand_worked_undercut_of_undercut():
    # Basis claims warm, cheap, stain, brush, paste are IN (nothing supports or attacks them).
    # aff (warm) IN -> afford IN; w IN; cost (cheap, afford) IN. pst (paste) IN -> the undercut
    # brushing is OUT -> stains (premise stain IN, its attacker OUT) is IN -> tea is OUT although
    # two arguments for it are IN.
    lab = sem.grounded(loads(TEA_LIKE))
    assert lab == {"tea": OUT, "warm": IN, "cheap": IN, "afford": IN, "stain": IN, "brush": IN,
                   "paste": IN, "w": IN, "cost": IN, "stains": IN, "brushing": OUT, "pst": IN,
                   "aff": IN}


def test_given_claim_survives_its_rejected_supporters():
    m = loads("claims: {g: {text: G., given: true}, t: T., p: P., o: O.}\narguments: ["
              "{id: sg, supports: g, premises: [p]}, {id: st, supports: t, premises: [p]},"
              "{id: x, attacks: p, premises: [o]}]")
    lab = sem.grounded(m)
    # p is OUT (o IN attacks it) so sg and st are OUT: t, not given, is OUT; g, given, is IN.
    assert (lab["p"], lab["sg"], lab["st"], lab["t"], lab["g"]) == (OUT, OUT, OUT, OUT, IN)


# -- critical ------------------------------------------------------------------------------------

CRITICAL = """
thesis: t
claims: {t: T., r: R., s: S., q: Q., o: O., w: W., v: V., u: U., m: M.}
arguments:
  - {id: A, supports: t, premises: [r, s]}
  - {id: B, supports: t, premises: [q]}
  - {id: Q, attacks: q, premises: [o]}
  - {id: W, attacks: t, premises: [w]}
  - {id: V, attacks: w, premises: [v]}
  - {id: UA, attacks: A, premises: [u]}
  - {id: M, attacks: u, premises: [m]}
"""


def test_critical_hand_worked():
    # Grounded: o, v, m (unattacked basis claims) IN, so Q, V, M IN; q, w, u OUT; B, W, UA OUT;
    # A IN (r, s IN, its undercut UA OUT); t IN (A IN, W OUT).
    # claims (assumed OUT alone, t loses IN):
    #   r, s: A goes OUT, B is OUT already -> every supporter OUT -> t OUT.
    #   v: V OUT -> w IN -> W IN -> t OUT.   m: M OUT -> u IN -> UA IN -> A OUT -> t OUT.
    #   o: Q OUT -> q IN -> B IN -> t still IN: not critical. q, w, u are OUT already.
    # objections (attacks aimed at t's side: Q, W, UA; V and M are replies), assumed IN alone:
    #   W: t OUT.   UA: A OUT, B OUT -> t OUT.   Q is IN already.
    m = loads(CRITICAL)
    lab = sem.grounded(m)
    assert (lab["t"], lab["A"], lab["B"], lab["W"], lab["UA"]) == (IN, IN, OUT, OUT, OUT)
    got = sem.critical(m)
    assert got["claim"] == "t" and got["label"] == IN and got["semantics"] == "grounded"
    assert sorted(got["claims"]) == ["m", "r", "s", "v"]
    assert sorted(got["objections"]) == ["UA", "W"]
    assert set(got["flips"].values()) == {OUT}


def test_critical_of_a_claim_that_is_not_in():
    # q is OUT (Q, from o, attacks it): rejecting o revives it; nothing else changes it
    got = sem.critical(loads(CRITICAL), "q")
    assert got["label"] == OUT and got["claims"] == ["o"] and got["flips"] == {"o": IN}
    assert got["objections"] == []


# -- explain ---------------------------------------------------------------------------------------


def test_explain_names_the_in_attacker_of_an_out_claim():
    steps = sem.explain(loads(TEA_LIKE), "tea")
    assert steps[0] == {"id": "tea", "kind": "claim", "label": OUT, "why": "attacked",
                        "by": ["stains"]}
    # following the reasons back reaches the undercut that keeps stains standing
    assert steps[1]["id"] == "stains" and steps[1]["why"] == "premises-in"
    assert steps[1]["attacks"] == ["brushing"]
    assert any(step["id"] == "brushing" and step["by"] == ["pst"] for step in steps)


def test_explain_mentions_the_cycle_of_a_mutual_attack():
    m = loads("claims: {a: A., b: B.}\narguments: ["
              "{id: ab, attacks: b, premises: [a]}, {id: ba, attacks: a, premises: [b]}]")
    first = sem.explain(m, "a")[0]
    assert first["label"] == UNDEC and first["why"] == "cycle"
    assert first["by"] == ["a", "ba", "b", "ab"]


def test_explain_says_when_a_claim_is_out_only_because_its_supports_failed():
    m = loads("claims: {t: T., p: P., o: O.}\narguments: ["
              "{id: s, supports: t, premises: [p]}, {id: x, attacks: p, premises: [o]}]")
    first = sem.explain(m, "t")[0]
    assert first == {"id": "t", "kind": "claim", "label": OUT, "why": "supports-failed",
                     "by": ["s"]}


def test_explain_an_assumed_label():
    m = loads("claims: {t: T., o: O.}\narguments: [{id: ob, attacks: t, premises: [o]}]")
    lab = sem.grounded(m, {"ob": OUT})
    steps = sem.explain(m, "t", lab, assumed={"ob": OUT})
    assert steps[0]["why"] == "basis" and steps[0]["attacks"] == ["ob"]
    assert steps[1] == {"id": "ob", "kind": "argument", "label": OUT, "why": "assumed", "by": []}


# -- the search limit --------------------------------------------------------------------------


def test_labelling_limit_error_on_many_contested_nodes():
    # 8 independent mutual attacks: 3**8 complete labellings, far more than 100 search steps
    pairs = 8
    claims = ", ".join(f"x{i}: X{i}., y{i}: Y{i}." for i in range(pairs))
    args = ", ".join(f"{{attacks: y{i}, premises: [x{i}]}}, {{attacks: x{i}, premises: [y{i}]}}"
                     for i in range(pairs))
    m = loads(f"claims: {{{claims}}}\narguments: [{args}]")
    for find in (sem.complete_labellings, sem.preferred, sem.stable):
        with pytest.raises(LabellingLimitError) as err:
            find(m, limit=100)
        assert isinstance(err.value, ArgmapError)
        assert "100" in str(err.value)
    # two pairs under the default limit: 3**2 complete, 2**2 preferred and stable
    m2 = m.restricted({n for n in m.graph if n[-1] in "01"})
    assert len(sem.complete_labellings(m2)) == 9
    assert len(sem.preferred(m2)) == len(sem.stable(m2)) == 4


# -- DF-QuAD: hand-computed ------------------------------------------------------------------------


def test_dfquad_default_weights_and_aggregation():
    m = loads("claims: {t: T., r: R., q: Q., o: {text: O., weight: 0.8}}\narguments: ["
              "{id: sr, supports: t, premises: [r]}, {id: sq, supports: t, premises: [q]},"
              "{id: ao, attacks: t, premises: [o]}]")
    s = sem.dfquad(m)
    # r = q = 0.5 (default claim weight, nothing bears on them); o = 0.8.
    # sr = min(0.5) * C(1.0, F() = 0, 0) = 0.5; sq = 0.5; ao = 0.8.
    # supporters F(0.5, 0.5) = 1 - 0.5 * 0.5 = 0.75; attackers F(0.8) = 0.8 > 0.75
    # t = C(0.5, 0.8, 0.75) = 0.5 - 0.5 * (0.8 - 0.75) = 0.475
    assert s.values == pytest.approx(
        {"t": 0.475, "r": 0.5, "q": 0.5, "o": 0.8, "sr": 0.5, "sq": 0.5, "ao": 0.8})
    assert s.converged and not s.cyclic


def test_dfquad_linked_premises_take_the_weakest():
    m = loads("claims: {t: T., p: {text: P., weight: 0.9}, q: {text: Q., weight: 0.3}}\n"
              "arguments: [{id: A, supports: t, premises: [p, q]}]")
    s = sem.dfquad(m).values
    # A = min(0.9, 0.3) * C(1.0, 0, 0) = 0.3; t = C(0.5, 0, 0.3) = 0.5 + 0.5 * 0.3 = 0.65
    assert s["A"] == pytest.approx(0.3)
    assert s["t"] == pytest.approx(0.65)


def test_dfquad_undercut_weakens_an_argument():
    m = loads("claims: {t: {text: T., weight: 0.4}, p: {text: P., weight: 0.8}, u: U.}\n"
              "arguments: [{id: A, supports: t, premises: [p]},"
              "{id: U, attacks: A, premises: [u]}]")
    s = sem.dfquad(m).values
    # U = 0.5 * C(1.0, 0, 0) = 0.5
    # A = 0.8 * C(1.0, F(0.5) = 0.5, 0) = 0.8 * (1.0 - 1.0 * 0.5) = 0.4
    # t = C(0.4, 0, 0.4) = 0.4 + 0.6 * 0.4 = 0.64
    assert (s["U"], s["A"], s["t"]) == pytest.approx((0.5, 0.4, 0.64))


def test_dfquad_argument_weight_and_undercut_of_undercut():
    m = loads("claims: {t: {text: T., weight: 0.4}, p: {text: P., weight: 0.8}, u: U.,"
              " v: {text: V., weight: 0.6}}\n"
              "arguments: [{id: A, supports: t, premises: [p], weight: 0.5},"
              "{id: U, attacks: A, premises: [u]}, {id: V, attacks: U, premises: [v]}]")
    s = sem.dfquad(m).values
    # V = 0.6 * C(1.0, 0, 0) = 0.6
    # U = 0.5 * C(1.0, 0.6, 0) = 0.5 * (1 - 0.6) = 0.2
    # A = 0.8 * C(0.5, 0.2, 0) = 0.8 * (0.5 - 0.5 * 0.2) = 0.8 * 0.4 = 0.32
    # t = C(0.4, 0, 0.32) = 0.4 + 0.6 * 0.32 = 0.592
    assert (s["V"], s["U"], s["A"], s["t"]) == pytest.approx((0.6, 0.2, 0.32, 0.592))


def test_dfquad_mutual_attack_cycle_converges_to_the_fixpoint():
    m = loads("claims: {a: A., b: B.}\narguments: ["
              "{id: ab, attacks: b, premises: [a]}, {id: ba, attacks: a, premises: [b]}]")
    s = sem.dfquad(m)
    # ab = a, ba = b; a = C(0.5, b, 0) = 0.5 - 0.5 b and b = 0.5 - 0.5 a, so a = b = 1/3
    assert s.cyclic and s.converged
    assert s.values == pytest.approx({"a": 1 / 3, "b": 1 / 3, "ab": 1 / 3, "ba": 1 / 3}, abs=1e-8)
    assert residual(m, s.values) <= 1e-8
    # capped before it settles: says so
    capped = sem.dfquad(m, max_iterations=2)
    assert capped.cyclic and not capped.converged


def test_dfquad_support_cycle_converges():
    m = loads("claims: {a: A., b: {text: B., weight: 0.2}}\narguments: ["
              "{id: ab, supports: b, premises: [a]}, {id: ba, supports: a, premises: [b]}]")
    s = sem.dfquad(m, tolerance=1e-12)
    # a = 0.5 + 0.5 b, b = 0.2 + 0.8 a  ->  a = 0.5 + 0.1 + 0.4 a  ->  a = 1.0, b = 1.0
    assert s.cyclic and s.converged
    assert (s.values["a"], s.values["b"]) == pytest.approx((1.0, 1.0), abs=1e-9)
    assert residual(m, s.values) <= 1e-9


def test_dfquad_support_aimed_at_an_argument_is_not_a_cycle():
    # B supports the argument A (allowed: a target may be an argument). Nothing here is
    # circular: q -> B -> A <- p, A -> t. The rules give B's support no effect on A's strength,
    # so A = min(0.5) * C(1.0, 0, 0) = 0.5, t = C(0.5, 0, 0.5) = 0.75, B = 0.5, in one pass.
    m = loads("claims: {t: T., p: P., q: Q.}\narguments: ["
              "{id: A, supports: t, premises: [p]}, {id: B, supports: A, premises: [q]}]")
    assert nx.is_directed_acyclic_graph(m.graph)
    s = sem.dfquad(m)
    assert s.values == pytest.approx({"t": 0.75, "p": 0.5, "q": 0.5, "A": 0.5, "B": 0.5})
    assert s.converged and not s.cyclic, s


def test_dfquad_gives_every_node_a_strength_when_a_support_aims_at_an_argument():
    # A valid map (check reports nothing): three supports aimed at the argument A, and apart
    # from them a real cycle C -> d -> U -> C (d undercuts the argument for itself).
    # Cycle: C = c * C(1, U, 0) = 0.5 (1 - U); d = C(0.5, 0, C) = 0.5 + 0.5 C; U = d * 1 = d,
    # so C = 0.5 - 0.5 (0.5 + 0.5 C) -> 1.25 C = 0.25 -> C = 0.2, d = U = 0.6.
    # The rest: A = 0.5, t = 0.75, B1 = B2 = B3 = 0.5.
    m = loads("claims: {t: T., p: P., q: Q., r: R., c: C., d: D.}\narguments: ["
              "{id: A, supports: t, premises: [p]}, {id: B1, supports: A, premises: [q]},"
              "{id: B2, supports: A, premises: [r]}, {id: B3, supports: A, premises: [q, r]},"
              "{id: C, supports: d, premises: [c]}, {id: U, attacks: C, premises: [d]}]")
    s = sem.dfquad(m)
    assert set(s.values) == set(m.graph), f"no strength for {sorted(set(m.graph) - set(s.values))}"
    assert s.cyclic and s.converged
    assert s.values == pytest.approx({"t": 0.75, "p": 0.5, "q": 0.5, "r": 0.5, "c": 0.5,
                                      "d": 0.6, "A": 0.5, "B1": 0.5, "B2": 0.5, "B3": 0.5,
                                      "C": 0.2, "U": 0.6}, abs=1e-8)


# -- DF-QuAD: random maps ---------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(argument_maps(acyclic=True))
def test_dfquad_acyclic_matches_naive_jacobi(amap):
    note(_describe(amap))
    assert nx.is_directed_acyclic_graph(dependency_graph(amap))
    s = sem.dfquad(amap)
    assert s.values == pytest.approx(naive_strengths(amap), abs=1e-9)
    assert s.converged and not s.cyclic, s


@settings(max_examples=300, deadline=None)
@given(argument_maps())
def test_dfquad_any_map_satisfies_its_equations(amap):
    note(_describe(amap))
    s = sem.dfquad(amap)
    assert set(s.values) == set(amap.graph)
    assert all(0.0 <= v <= 1.0 for v in s.values.values())
    if s.converged:
        assert residual(amap, s.values) <= 1e-6
    acyclic = nx.is_directed_acyclic_graph(dependency_graph(amap))
    if acyclic:
        assert s.values == pytest.approx(naive_strengths(amap), abs=1e-9)
    # cyclic: the strengths depend on each other in a circle, so they were iterated. A circle
    # that runs only through a support aimed at an argument (which changes nothing) may count
    # either way; a map whose graph has no circle at all is not cyclic.
    if not acyclic:
        assert s.cyclic, s
    if nx.is_directed_acyclic_graph(amap.graph):
        assert not s.cyclic, s
    assert s.converged or s.cyclic, s


@settings(max_examples=400, deadline=None)
@given(argument_maps(max_claims=7, max_arguments=12, max_nodes=19, acyclic=True,
                     single_premise=True, target_arguments=False, argument_weights=False,
                     mixed=False))
def test_dfquad_matches_formal_argumentation_where_definitions_coincide(amap):
    # One premise per argument, argument weights 1, no undercuts: an argument's strength is its
    # premise's, so the claims form a QBAF with premise -> target attacks and supports.
    dfquad_mod = pytest.importorskip("argumentation.gradual.dfquad")
    from argumentation.gradual.gradual import WeightedBipolarGraph

    claims = list(amap.claims())
    edges = {"attack": set(), "support": set()}
    for a in amap.arguments():
        edges[amap.relation(a)].add((amap.premises(a)[0], amap.target(a)))
    qbaf = WeightedBipolarGraph(
        arguments=frozenset(claims),
        initial_weights={c: amap.graph.nodes[c]["weight"] for c in claims},
        attacks=frozenset(edges["attack"]), supports=frozenset(edges["support"]))
    theirs = dfquad_mod.dfquad_strengths(qbaf).strengths
    ours = sem.dfquad(amap).values
    note(_describe(amap))
    for c in claims:
        assert math.isclose(ours[c], theirs[c], abs_tol=1e-9), (c, ours[c], theirs[c])


# -- what-if recomputes strengths too ----------------------------------------------------------


def test_assumed_out_has_strength_zero_and_what_depends_on_it_moves():
    m = loads("claims: {t: T., r: R., o: O.}\narguments: ["
              "{id: sr, supports: t, premises: [r]}, {id: ao, attacks: t, premises: [o]}]")
    # unassumed: r = o = 0.5, sr = ao = 0.5, t = C(0.5, 0.5, 0.5) = 0.5
    # o assumed OUT: o = 0 (rejected), ao = 0, t = C(0.5, 0, 0.5) = 0.75
    # r assumed IN: r = 1 (accepted), sr = 1, t = C(0.5, 0.5, 1) = 0.75
    s = sem.dfquad(m, assume={"o": "out"}).values
    assert (s["o"], s["ao"], s["t"]) == pytest.approx((0.0, 0.0, 0.75))
    s = sem.dfquad(m, assume={"r": IN}).values
    assert (s["r"], s["sr"], s["t"]) == pytest.approx((1.0, 1.0, 0.75))
    r = sem.evaluate(m, assume={"o": OUT})
    assert r["claims"]["o"] == {"label": OUT, "strength": 0.0}
    assert r["claims"]["t"] == {"label": IN, "strength": 0.75}


@settings(max_examples=300, deadline=None)
@given(argument_maps(), st.data())
def test_strengths_under_an_assumption_match_naive_sweeps_with_the_score_pinned(amap, data):
    note(_describe(amap))
    node = data.draw(st.sampled_from(list(amap.graph)), label="node")
    value = data.draw(st.sampled_from([IN, OUT]), label="value")
    pinned = {node: 1.0 if value == IN else 0.0}
    got = sem.dfquad(amap, tolerance=1e-13, max_iterations=100_000, assume={node: value})
    if not got.converged:
        return
    try:
        want = naive_strengths(amap, pinned=pinned)
    except AssertionError:  # oscillates: no single answer to compare with
        return
    assert got.values == pytest.approx(want, abs=1e-6)


def test_dfquad_oscillation_is_reported_as_not_converged():
    # a (weight 0) attacks b (weight 1), b supports a: the passes swing between two states
    m = loads(OSCILLATING)
    s = sem.dfquad(m)
    assert s.cyclic and not s.converged
    assert sem.evaluate(m)["strengths"]["converged"] is False


OSCILLATING = ("claims: {a: {text: A., weight: 0}, b: {text: B., weight: 1}}\narguments: ["
               "{id: ab, attacks: b, premises: [a]}, {id: ba, supports: a, premises: [b]}]")


# -- critical: against one full evaluation per candidate ----------------------------------------


def naive_sides(amap: ArgumentMap, top: str) -> dict[str, set[int]]:
    """Sides from the glossary: the thesis is on its own side (+1); an argument that supports a
    node is on that node's side, one that attacks it on the other; premises share their
    argument's side. Full sweeps over every argument until nothing is added."""
    g = amap.graph
    side: dict[str, set[int]] = {n: set() for n in g}
    side[top].add(1)
    changed = True
    while changed:
        changed = False
        for a, attrs in g.nodes(data=True):
            if attrs["kind"] != "argument":
                continue
            sign = 1 if attrs["relation"] == "support" else -1
            new = {sign * s for s in side[attrs["target"]]}
            for n in (a, *attrs["premises"]):
                if not new <= side[n]:
                    side[n] |= new
                    changed = True
    return side


def _verdict(labellings: list[dict], node: str) -> str:
    """A node's label over several labellings: IN (or OUT) if it is so in all, else UNDEC."""
    got = {lab[node] for lab in labellings}
    return got.pop() if len(got) == 1 and UNDEC not in got else UNDEC


def naive_critical(amap: ArgumentMap, thesis: str, pinned: dict[str, str] | None = None,
                   semantics: str = "grounded") -> dict:
    """One full evaluation per candidate: every claim (but the thesis and the pinned), assumed
    OUT, and every objection (an attack aimed at a node on the thesis's side), assumed IN."""
    pinned = pinned or {}

    def label_of(pins: dict[str, str]) -> str:
        if semantics == "grounded":
            return naive_grounded(amap, pins)[thesis]
        complete = naive_complete(amap, pins)
        labs = naive_preferred(complete) if semantics == "preferred" else naive_stable(complete)
        return _verdict(labs, thesis) if labs else UNDEC

    base = label_of(pinned)
    side = naive_sides(amap, thesis)
    flips = {}
    claims, objections = [], []
    for n, attrs in amap.graph.nodes(data=True):
        if n == thesis or n in pinned:
            continue
        if attrs["kind"] == "claim":
            now = label_of({**pinned, n: OUT})
            if now != base:
                claims.append(n)
                flips[n] = now
        elif attrs["relation"] == "attack" and 1 in side[attrs["target"]]:
            now = label_of({**pinned, n: IN})
            if now != base:
                objections.append(n)
                flips[n] = now
    return {"label": base, "claims": sorted(claims), "objections": sorted(objections),
            "flips": flips}


def _critical_as_oracle(got: dict) -> dict:
    return {"label": got["label"], "claims": sorted(got["claims"]),
            "objections": sorted(got["objections"]), "flips": got["flips"]}


@settings(max_examples=600, deadline=None)
@given(argument_maps(), st.data())
def test_critical_matches_one_full_evaluation_per_candidate(amap, data):
    note(_describe(amap))
    thesis = data.draw(st.sampled_from(list(amap.claims())), label="thesis")
    got = sem.critical(amap, thesis)
    assert got["claim"] == thesis
    assert _critical_as_oracle(got) == naive_critical(amap, thesis)


@settings(max_examples=300, deadline=None)
@given(argument_maps(), st.data())
def test_critical_under_an_assumption_matches_brute_force(amap, data):
    note(_describe(amap))
    thesis = data.draw(st.sampled_from(list(amap.claims())), label="thesis")
    node = data.draw(st.sampled_from([n for n in amap.graph if n != thesis] or [thesis]),
                     label="assumed")
    value = data.draw(st.sampled_from([IN, OUT]), label="value")
    pins = {node: value} if node != thesis else {}
    got = sem.critical(amap, thesis, assume=pins)
    assert _critical_as_oracle(got) == naive_critical(amap, thesis, pins)


@pytest.mark.parametrize("semantics", ["preferred", "stable"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amap=argument_maps(max_claims=4, max_arguments=4, max_nodes=7), data=st.data())
def test_critical_under_preferred_and_stable_matches_brute_force(semantics, amap, data):
    note(_describe(amap))
    thesis = data.draw(st.sampled_from(list(amap.claims())), label="thesis")
    got = sem.critical(amap, thesis, semantics=semantics)
    assert got["semantics"] == semantics
    assert _critical_as_oracle(got) == naive_critical(amap, thesis, semantics=semantics)


def test_critical_finds_a_supported_claim_whose_rejection_defeats_the_thesis():
    # s carries the undercut U of the objection O; s is itself supported by b. Rejecting s
    # revives O, which defeats t: s is critical although something supports it.
    m = loads("thesis: t\nclaims: {t: T., p: P., o: O., s: S., b: B.}\narguments: ["
              "{id: A, supports: t, premises: [p]}, {id: O, attacks: t, premises: [o]},"
              "{id: U, attacks: O, premises: [s]}, {id: S, supports: s, premises: [b]}]")
    got = sem.critical(m)
    assert got["label"] == IN
    assert sorted(got["claims"]) == ["b", "p", "s"]
    assert got["objections"] == ["O"] and got["flips"]["O"] == OUT


def test_critical_on_a_long_chain_is_incremental():
    # t <- c1 <- c2 <- ... <- cN, each supported by the next: N evaluations of the whole
    # chain would be quadratic; rejecting ci changes ci ... c1, t only.
    n = 3000
    claims = ", ".join(f"c{i}: C{i}." for i in range(n))
    args = ", ".join(f"{{supports: c{i}, premises: [c{i + 1}]}}" for i in range(n - 1))
    m = loads(f"thesis: c0\nclaims: {{{claims}}}\narguments: [{args}]")
    import signal

    def too_slow(signum, frame):
        raise AssertionError("critical took over 60 s on a 3,000-claim chain: one whole "
                             "evaluation per claim (about 90 s here) instead of incremental")

    if hasattr(signal, "setitimer"):  # a guard against the quadratic method, not a benchmark
        old = signal.signal(signal.SIGALRM, too_slow)
        signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        got = sem.critical(m)
    finally:
        if hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    assert got["claims"] == [f"c{i}" for i in range(1, n)]
    assert set(got["flips"].values()) == {"OUT"}
