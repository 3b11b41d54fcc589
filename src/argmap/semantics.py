"""What follows from a map: labellings (IN, OUT, UNDEC) and gradual strengths (DF-QuAD).

No printing here; see docs/semantics.md for the definitions, stated precisely, and a worked
example on the bundled map.

Labels. An argument is IN iff all its premises are IN and every argument attacking it is OUT;
OUT iff some premise is OUT or some attacker is IN; otherwise UNDEC. A claim is IN iff (nothing
supports it, or it is ``given``, or some supporting argument is IN) and every argument attacking
it is OUT; OUT iff some attacker is IN, or it has supporters, is not given, and all of them are
OUT; otherwise UNDEC. A **complete** labelling gives every node exactly the label these rules
give it; the **grounded** one is the least (computed from all-UNDEC), **preferred** ones have a
maximal IN set, **stable** ones no UNDEC.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ArgmapError
from .loader import no_gc
from .model import ATTACK, ArgumentMap

__all__ = [
    "IN", "OUT", "UNDEC", "SEMANTICS",
    "Labelling", "grounded", "complete_labellings", "preferred", "stable",
    "rule_label", "dfquad", "Strengths", "combine", "aggregate",
    "critical", "explain", "evaluate", "LabellingLimitError",
]

IN, OUT, UNDEC = "IN", "OUT", "UNDEC"
SEMANTICS = ("grounded", "preferred", "stable")
Labelling = dict  # id -> "IN" | "OUT" | "UNDEC", claims and arguments alike


class LabellingLimitError(ArgmapError):
    """The search for preferred or stable labellings would take too long."""


@dataclass
class _Deps:
    """For each node: what its label depends on (premises, supporters, attackers)."""

    premises: dict[str, tuple[str, ...]] = field(default_factory=dict)
    supporters: dict[str, list[str]] = field(default_factory=dict)
    attackers: dict[str, list[str]] = field(default_factory=dict)
    given: set[str] = field(default_factory=set)
    dependents: dict[str, list[str]] = field(default_factory=dict)
    relation: dict[str, str] = field(default_factory=dict)
    weight: dict[str, float] = field(default_factory=dict)  # base scores for DF-QuAD


def _deps(amap: ArgumentMap) -> _Deps:
    d = _Deps()
    items = list(amap.graph.nodes(data=True))
    kind = {n: attrs["kind"] for n, attrs in items}
    d.supporters = {n: [] for n in kind}
    d.attackers = {n: [] for n in kind}
    d.dependents = {n: [] for n in kind}
    weight = d.weight
    for n, attrs in items:
        if kind[n] != "argument":
            weight[n] = float(attrs.get("weight", 0.5))
            if attrs.get("given"):
                d.given.add(n)
            continue
        weight[n] = float(attrs.get("weight", 1.0))
        d.premises[n] = attrs["premises"]
        d.relation[n] = attrs["relation"]
        target = attrs["target"]
        if attrs["relation"] == ATTACK:
            d.attackers[target].append(n)
            d.dependents[n].append(target)
        elif kind[target] == "claim":
            d.supporters[target].append(n)
            d.dependents[n].append(target)
        # (a support aimed at an argument changes neither its label nor its strength)
        for p in attrs["premises"]:
            d.dependents[p].append(n)
    return d


def rule_label(d: _Deps, n: str, label: Mapping[str, str]) -> str:
    """The label the rules give ``n`` when its neighbours have the labels in ``label``."""
    attackers = d.attackers[n]
    if any(label[a] == IN for a in attackers):
        return OUT
    if n in d.premises:  # an argument
        premises = d.premises[n]
        if any(label[p] == OUT for p in premises):
            return OUT
        if all(label[p] == IN for p in premises) and all(label[a] == OUT for a in attackers):
            return IN
        return UNDEC
    supporters = d.supporters[n]
    grounded_ok = not supporters or n in d.given or any(label[s] == IN for s in supporters)
    if grounded_ok and all(label[a] == OUT for a in attackers):
        return IN
    if supporters and n not in d.given and all(label[s] == OUT for s in supporters):
        return OUT
    return UNDEC


def grounded(amap: ArgumentMap, assume: Mapping[str, str] | None = None) -> Labelling:
    """The grounded labelling: the least fixpoint of the rules, in time linear in the map.

    Each node counts how many of its inputs are decided; a label, once given, is passed on to
    the nodes that depend on it, and each node is decided the moment its counts allow.
    ``assume`` fixes the labels of some nodes (``{"id": "IN"}``) for a what-if.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., r: R., o: O., x: X.}\\narguments: ["
    ...           "{supports: t, premises: [r]}, {id: ob, attacks: t, premises: [o]},"
    ...           "{attacks: o, premises: [x]}]")
    >>> lab = grounded(m)
    >>> lab["t"], lab["o"], lab["ob"], lab["x"]
    ('IN', 'OUT', 'OUT', 'IN')
    """
    with no_gc():  # many small objects, none of them cyclic garbage
        return _grounded(amap, assume)


def _grounded(amap: ArgumentMap, assume: Mapping[str, str] | None,
              d: _Deps | None = None) -> Labelling:
    d = _deps(amap) if d is None else d
    fixed = _normalise(amap, assume)
    label: dict[str, str] = dict.fromkeys(amap.graph, UNDEC)
    label.update(fixed)
    premises, supporters, attackers, given = d.premises, d.supporters, d.attackers, d.given
    premises_in = dict.fromkeys(amap.graph, 0)
    attackers_out = dict.fromkeys(amap.graph, 0)
    supporters_in = dict.fromkeys(amap.graph, 0)
    supporters_out = dict.fromkeys(amap.graph, 0)
    queue: deque[str] = deque(n for n, v in fixed.items() if v != UNDEC)
    for n in amap.graph:  # before anything else is known, only unattacked basis or given
        if n not in fixed and n not in premises and not attackers[n] and (  # claims are IN
                not supporters[n] or n in given):
            label[n] = IN
            queue.append(n)
    while queue:
        x = queue.popleft()
        v = label[x]
        for m in d.dependents[x]:
            if label[m] != UNDEC or m in fixed:
                continue
            new = UNDEC
            if m in premises:  # m is an argument: x is an undercutter (an argument) or a premise
                if x in premises:
                    if v == IN:
                        new = OUT
                    else:
                        attackers_out[m] += 1
                elif v == OUT:
                    new = OUT
                else:
                    premises_in[m] += 1
                if new == UNDEC and premises_in[m] == len(premises[m]) \
                        and attackers_out[m] == len(attackers[m]):
                    new = IN
            else:  # m is a claim: x is an argument attacking or supporting it
                if d.relation[x] == ATTACK:
                    if v == IN:
                        new = OUT
                    else:
                        attackers_out[m] += 1
                elif v == IN:
                    supporters_in[m] += 1
                else:
                    supporters_out[m] += 1
                    if m not in given and supporters_out[m] == len(supporters[m]):
                        new = OUT
                if new == UNDEC and attackers_out[m] == len(attackers[m]) and (
                        not supporters[m] or m in given or supporters_in[m]):
                    new = IN
            if new != UNDEC:
                label[m] = new
                queue.append(m)
    return label


def _normalise(amap: ArgumentMap, assume: Mapping[str, str] | None) -> dict[str, str]:
    out = {}
    for n, value in (assume or {}).items():
        amap.node(n)  # unknown ids: a "did you mean" error
        v = str(value).upper()
        if v not in (IN, OUT, UNDEC):
            raise ArgmapError(f"cannot assume {n}={value}: use in, out or undec")
        out[n] = v
    return out


def complete_labellings(amap: ArgumentMap, limit: int = 200_000,
                        assume: Mapping[str, str] | None = None) -> list[Labelling]:
    """Every complete labelling, by backtracking over the nodes the grounded labelling leaves
    UNDEC (everything grounded decides is the same in every complete labelling).

    ``limit`` caps the number of search steps; past it :class:`LabellingLimitError` says so.

    >>> from argmap import loads
    >>> m = loads("claims: {a: A., b: B.}\\narguments: ["
    ...           "{attacks: a, premises: [b]}, {attacks: b, premises: [a]}]")
    >>> sorted((lab["a"], lab["b"]) for lab in complete_labellings(m))
    [('IN', 'OUT'), ('OUT', 'IN'), ('UNDEC', 'UNDEC')]
    """
    d = _deps(amap)
    fixed = _normalise(amap, assume)
    base = grounded(amap, assume)
    open_nodes = [n for n in amap.graph if base[n] == UNDEC and n not in fixed]
    if not open_nodes:
        return [base]
    # neighbours whose rule must be re-checked when a node's label is set
    related: dict[str, set[str]] = {n: set(d.dependents[n]) | {n} for n in open_nodes}
    label = dict(base)
    assigned: set[str] = set(amap.graph) - set(open_nodes)
    out: list[Labelling] = []
    steps = 0

    def consistent(n: str) -> bool:
        """Nodes whose neighbours are all assigned must carry exactly their rule's label."""
        for m in related[n]:
            if m in fixed:
                continue
            if m not in assigned:
                continue
            if all(x in assigned for x in _neighbours(d, m)) and rule_label(d, m, label) != label[m]:
                return False
        return True

    def search(i: int) -> None:
        nonlocal steps
        if i == len(open_nodes):
            if all(m in fixed or rule_label(d, m, label) == label[m] for m in open_nodes):
                out.append(dict(label))
            return
        n = open_nodes[i]
        for value in (IN, OUT, UNDEC):
            steps += 1
            if steps > limit:
                raise LabellingLimitError(
                    f"more than {limit:,} search steps for preferred/stable labellings "
                    f"({len(open_nodes)} contested nodes)",
                    hint="use the grounded semantics, or split the map with --focus")
            label[n] = value
            assigned.add(n)
            if consistent(n):
                search(i + 1)
            assigned.discard(n)
        label[n] = UNDEC

    search(0)
    return out


def _neighbours(d: _Deps, n: str) -> list[str]:
    return [*d.premises.get(n, ()), *d.supporters[n], *d.attackers[n]]


def _in_set(lab: Labelling) -> frozenset[str]:
    return frozenset(n for n, v in lab.items() if v == IN)


def preferred(amap: ArgumentMap, limit: int = 200_000,
              assume: Mapping[str, str] | None = None) -> list[Labelling]:
    """The complete labellings whose IN set is maximal (no other's IN set contains it).

    >>> from argmap import loads
    >>> m = loads("claims: {a: A., b: B.}\\narguments: ["
    ...           "{attacks: a, premises: [b]}, {attacks: b, premises: [a]}]")
    >>> sorted((lab["a"], lab["b"]) for lab in preferred(m))
    [('IN', 'OUT'), ('OUT', 'IN')]
    """
    labs = complete_labellings(amap, limit, assume)
    ins = [_in_set(lab) for lab in labs]
    return [lab for lab, s in zip(labs, ins, strict=True) if not any(s < t for t in ins)]


def stable(amap: ArgumentMap, limit: int = 200_000,
           assume: Mapping[str, str] | None = None) -> list[Labelling]:
    """The complete labellings with no UNDEC (there may be none)."""
    return [lab for lab in complete_labellings(amap, limit, assume)
            if UNDEC not in lab.values()]


# -- strengths ------------------------------------------------------------------------------


def aggregate(values: Iterable[float]) -> float:
    """F(s1..sn) = 1 - prod(1 - si); F() = 0.

    >>> aggregate([]), aggregate([0.5, 0.5])
    (0.0, 0.75)
    """
    prod = 1.0
    for v in values:
        prod *= 1.0 - v
    return 1.0 - prod


def combine(base: float, attack: float, support: float) -> float:
    """C(t, a, s): move the base score toward 0 by the net attack, toward 1 by the net support.

    >>> combine(0.5, 0.8, 0.4), combine(0.5, 0.0, 0.5), combine(0.5, 0.3, 0.3)
    (0.3, 0.75, 0.5)
    """
    if attack > support:
        return base - base * (attack - support)
    if support > attack:
        return base + (1.0 - base) * (support - attack)
    return base


@dataclass
class Strengths:
    """DF-QuAD strengths of every claim and argument, and how they were computed."""

    values: dict[str, float]
    converged: bool = True
    iterations: int = 0
    cyclic: bool = False


def dfquad(amap: ArgumentMap, tolerance: float = 1e-9, max_iterations: int = 1000,
           assume: Mapping[str, str] | None = None) -> Strengths:
    """DF-QuAD strengths: claims from their weight (default 0.5) and the arguments for and
    against them; arguments from the weakest premise times their weight (default 1.0) weakened
    by their undercutters. Acyclic maps: one pass in topological order. Cycles: repeated
    passes until no value moves more than ``tolerance`` (or ``max_iterations``; then
    ``converged`` is False and the values are those of the last pass).

    ``assume`` is the what-if of :func:`grounded`: a node assumed IN has strength 1 (accepted
    outright), one assumed OUT has strength 0 (rejected: it lends nothing to what it bears on),
    and everything that depends on them is recomputed. (An UNDEC assumption fixes no score.)

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., r: R., o: {text: O., weight: 0.8}}\\narguments: ["
    ...           "{supports: t, premises: [r]}, {attacks: t, premises: [o]}]")
    >>> s = dfquad(m).values
    >>> s["t"], s["r"], s["o"]
    (0.35, 0.5, 0.8)
    """
    with no_gc():
        return _dfquad(amap, tolerance, max_iterations, assume)


def _dfquad(amap: ArgumentMap, tolerance: float, max_iterations: int,
            assume: Mapping[str, str] | None) -> Strengths:
    g = amap.graph
    d = _deps(amap)
    weight = d.weight
    pinned = {n: 1.0 if v == IN else 0.0
              for n, v in _normalise(amap, assume).items() if v != UNDEC}

    premises, attackers, supporters = d.premises, d.attackers, d.supporters

    def value(n: str, s: Mapping[str, float]) -> float:
        if n in pinned:
            return pinned[n]
        attack = 1.0
        for a in attackers[n]:
            attack *= 1.0 - s[a]
        if n in premises:
            weakest = min((s[p] for p in premises[n]), default=0.0)
            return weakest * combine(weight[n], 1.0 - attack, 0.0)
        support = 1.0
        for x in supporters[n]:
            support *= 1.0 - s[x]
        return combine(weight[n], 1.0 - attack, 1.0 - support)  # F() = 1 - prod(1 - s)

    order = _topological(amap, d)
    if order is not None:
        s: dict[str, float] = {}
        for n in order:
            s[n] = value(n, s)
        return Strengths(s, True, 1, False)
    s = {**weight, **pinned}
    for i in range(1, max_iterations + 1):
        moved = 0.0
        for n in g:
            new = value(n, s)
            moved = max(moved, abs(new - s[n]))
            s[n] = new
        if moved <= tolerance:
            return Strengths(s, True, i, True)
    return Strengths(s, False, max_iterations, True)


def _topological(amap: ArgumentMap, d: _Deps) -> list[str] | None:
    """Nodes so that each comes after everything its strength depends on; None on a cycle."""
    indegree = {n: len(d.premises.get(n, ())) + len(d.supporters[n]) + len(d.attackers[n])
                for n in amap.graph}
    queue = deque(n for n, k in indegree.items() if k == 0)
    order = []
    while queue:
        n = queue.popleft()
        order.append(n)
        for m in d.dependents[n]:  # one entry per dependency, so the counts match
            indegree[m] -= 1
            if indegree[m] == 0:
                queue.append(m)
    return order if len(order) == len(indegree) else None


def evaluate(amap: ArgumentMap, semantics: str = "grounded",
             assume: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Labels and DF-QuAD strengths of every claim and argument: the JSON of ``argmap eval``
    (its shape is documented in docs/semantics.md).

    >>> from argmap import loads
    >>> r = evaluate(loads("claims: {a: A., b: B.}\\narguments: [{attacks: a, premises: [b]}]"))
    >>> r["claims"]["a"], r["claims"]["b"]["label"]
    ({'label': 'OUT', 'strength': 0.25}, 'IN')

    With ``assume``, labels and strengths are both recomputed (see :func:`dfquad`).
    """
    strengths = dfquad(amap, assume=assume)
    values = strengths.values

    def split(lab: dict[str, str]) -> dict[str, dict]:
        claims: dict[str, dict] = {}
        args: dict[str, dict] = {}
        for n in amap.graph:
            entry = {"label": lab[n], "strength": round(values[n], 4)}
            (claims if amap.is_claim(n) else args)[n] = entry
        return {"claims": claims, "arguments": args}

    result: dict[str, Any] = {"semantics": semantics}
    if semantics == "grounded":
        result.update(split(grounded(amap, assume)))
    else:
        labs = (preferred if semantics == "preferred" else stable)(amap, assume=assume)
        result["labellings"] = [split(lab) for lab in labs]
        claims = list(amap.claims())
        result["sceptical"] = [c for c in claims if labs and all(lab[c] == "IN" for lab in labs)]
        result["credulous"] = [c for c in claims if any(lab[c] == "IN" for lab in labs)]
        base = split(grounded(amap, assume))  # claims/arguments: the grounded labels
        result["claims"], result["arguments"] = base["claims"], base["arguments"]
    result["thesis"] = amap.thesis
    result["strengths"] = {"method": "DF-QuAD", "converged": strengths.converged,
                           "iterations": strengths.iterations, "cyclic": strengths.cyclic}
    return result


# -- using the labels -------------------------------------------------------------------------


def critical(amap: ArgumentMap, claim: str | None = None, semantics: str = "grounded",
             assume: Mapping[str, str] | None = None, limit: int = 200_000) -> dict[str, Any]:
    """What a claim's label (default: the thesis's) rests on: every single change that flips it.

    * ``claims``: every claim (other than the claim itself and the assumed ones) whose
      rejection alone (assumed OUT) changes the claim's label;
    * ``objections``: every objection (an attack aimed at the claim's side; see
      :func:`argmap.queries.sides`) whose acceptance alone (assumed IN) changes it;
    * ``flips``: for each of those, the label the claim then gets.

    Both are on top of ``assume``. Under ``semantics`` preferred or stable, the claim's label is
    its label in every labelling (IN or OUT when all agree, else UNDEC; UNDEC when there is no
    labelling).

    Method. The answer must equal one full evaluation per candidate, but for the grounded
    semantics it is found without one: (1) only the claim's *dependency cone* matters (the
    nodes its label depends on, transitively: premises, supporters, attackers; not past an
    assumed node), so only candidates in it are tried; (2) a candidate whose label already is
    the assumed one changes nothing and is skipped; (3) each remaining candidate is relabelled
    *incrementally* from the changed node: the cone's strongly connected components are taken
    in topological order once, and a what-if revisits only the components downstream of a
    label that actually changed (a single node by its rule, a cycle by its least fixpoint
    given its inputs), stopping where the labels stop changing. The grounded labelling is
    directional, so this gives exactly the full re-evaluation's labels. The cost is that of
    the changes, typically a short path to the claim, instead of the whole map per candidate.
    Preferred and stable labellings are not directional (a claim outside the cone can change
    which labellings are maximal, or leave none), so for them every claim is tried with one
    full search each, within ``limit`` steps per search.

    >>> from argmap import loads
    >>> m = loads("thesis: t\\nclaims: {t: T., r: R., o: O., s: S.}\\narguments: ["
    ...           "{supports: t, premises: [r]}, {id: ob, attacks: t, premises: [o]},"
    ...           "{attacks: ob, premises: [s]}]")
    >>> c = critical(m)
    >>> c["label"], sorted(c["claims"]), c["objections"], c["flips"]["ob"]
    ('IN', ['r', 's'], ['ob'], 'OUT')
    """
    if semantics not in SEMANTICS:
        raise ArgmapError(f"unknown semantics {semantics!r}; use one of {', '.join(SEMANTICS)}")
    fixed = _normalise(amap, assume)
    roots = amap.roots()
    target = claim or amap.thesis or (roots[0] if roots else None)
    out: dict[str, Any] = {"claim": target, "semantics": semantics, "assumed": fixed,
                           "label": UNDEC, "claims": [], "objections": [], "flips": {}}
    if target is None:
        return out
    amap.node(target)
    from .queries import sides

    d = _deps(amap)
    side = sides(amap, [target])
    g = amap.graph

    def is_objection(n: str) -> bool:
        attrs = g.nodes[n]
        return attrs["relation"] == ATTACK and 1 in side.get(attrs["target"], ())

    if semantics == "grounded":
        with no_gc():
            base = _grounded(amap, fixed, d)
            cone = _cone(d, target, fixed)
            relabel = _Relabeller(d, target, cone, base, fixed)
            candidates = relabel.order(n for n in g if n in cone)
            label_of = relabel.label_of
    else:
        find = preferred if semantics == "preferred" else stable

        def label_of(node: str | None, value: str = UNDEC) -> str:
            pins = dict(fixed) if node is None else {**fixed, node: value}
            labs = find(amap, limit, pins)
            return _agreed(labs, target)

        base = {target: label_of(None)}
        candidates = list(g)
    out["label"] = base[target]
    for n in candidates:
        if n == target or n in fixed:
            continue
        if g.nodes[n]["kind"] == "argument":
            if not is_objection(n):
                continue
            key, value = "objections", IN
        else:
            key, value = "claims", OUT
        if semantics == "grounded" and base[n] == value:
            continue  # assuming what already holds changes nothing
        now = label_of(n, value)
        if now != out["label"]:
            out[key].append(n)
            out["flips"][n] = now
    position = {n: i for i, n in enumerate(g)}  # report in the order the map was written
    out["claims"].sort(key=position.__getitem__)
    out["objections"].sort(key=position.__getitem__)
    return out


def _agreed(labs: list[Labelling], n: str) -> str:
    """``n``'s label in every labelling of ``labs``: IN or OUT if all agree, else UNDEC."""
    found = {lab[n] for lab in labs}
    return found.pop() if len(found) == 1 else UNDEC


def _inputs(d: _Deps, n: str) -> list[str]:
    """What ``n``'s label and strength depend on (a support aimed at an argument: nothing)."""
    if n in d.premises:
        return [*d.premises[n], *d.attackers[n]]
    return [*d.supporters[n], *d.attackers[n]]


def _cone(d: _Deps, target: str, fixed: Mapping[str, str]) -> set[str]:
    """``target`` and every node its label depends on, not looking past assumed nodes."""
    cone = {target}
    stack = [target]
    while stack:
        n = stack.pop()
        if n in fixed:
            continue
        for m in _inputs(d, n):
            if m not in cone:
                cone.add(m)
                stack.append(m)
    return cone


class _Relabeller:
    """Grounded labels of a cone after one more assumption, recomputed from the change only.

    The cone's strongly connected components (assumed nodes have no inputs) are numbered in
    topological order; a what-if walks them in that order through a heap, visiting only the
    components that have an input whose label changed.
    """

    def __init__(self, d: _Deps, target: str, cone: set[str], base: Labelling,
                 fixed: Mapping[str, str]) -> None:
        import networkx as nx

        self.d, self.target, self.cone, self.base, self.fixed = d, target, cone, base, fixed
        h = nx.DiGraph()
        h.add_nodes_from(cone)
        h.add_edges_from((m, n) for n in cone if n not in fixed for m in _inputs(d, n))
        dag = nx.condensation(h)
        order = {c: i for i, c in enumerate(nx.topological_sort(dag))}
        self.block = {n: order[c] for n, c in dag.graph["mapping"].items()}
        self.members: dict[int, list[str]] = {}
        for n in cone:
            self.members.setdefault(self.block[n], []).append(n)
        self.cyclic = {b for b, ms in self.members.items() if len(ms) > 1}
        self.memo: dict[tuple[str, str], str] = {}  # (node, label) -> the target's label

    def label_of(self, node: str, value: str) -> str:
        """The target's grounded label with ``node`` also assumed ``value``.

        When the changes so far leave one node ``x`` (outside any cycle) as the only source of
        what is still to be recomputed, the rest is exactly the what-if ``x`` = its new label:
        if that one is known, it is the answer. Tried target side first, a long chain of
        supports then costs one step per claim instead of the whole chain per claim.
        """
        import heapq

        d, cone, block, fixed, base = self.d, self.cone, self.block, self.fixed, self.base
        memo = self.memo
        if (node, value) in memo:
            return memo[(node, value)]
        over: dict[str, str] = {node: value}
        view = _Overlay(over, base)
        heap: list[int] = []
        owner: dict[int, str | None] = {}  # queued block -> the one node that queued it, or None
        owned: dict[str | None, int] = {}  # how many blocks in the heap each owner has
        cuts: list[tuple[str, str]] = [(node, value)]

        def changed(x: str) -> None:
            for m in d.dependents[x]:
                if m not in cone or m in fixed or m == node:
                    continue
                b = block[m]
                if b not in owner:  # not queued yet (a block is never queued twice)
                    owner[b] = x
                    owned[x] = owned.get(x, 0) + 1
                    pending.add(b)
                    heapq.heappush(heap, b)
                elif b in pending and owner[b] not in (x, None):  # a second source
                    owned[owner[b]] -= 1
                    owned[None] = owned.get(None, 0) + 1
                    owner[b] = None

        pending: set[int] = set()
        changed(node)
        if block[node] in self.cyclic and block[node] not in owner:  # the rest of its cycle
            owner[block[node]] = None  # now has one input fixed
            owned[None] = owned.get(None, 0) + 1
            pending.add(block[node])
            heapq.heappush(heap, block[node])
        result = None
        while heap:
            b = heapq.heappop(heap)
            owned[owner[b]] -= 1
            pending.discard(b)
            nodes = [n for n in self.members[b] if n != node and n not in fixed]
            if b not in self.cyclic:
                for n in nodes:
                    new = rule_label(d, n, view)
                    if new != view[n]:
                        over[n] = new
                        changed(n)
                        if owned.get(n, 0) == len(heap):  # n alone decides the rest
                            if (n, new) in memo:
                                result = memo[(n, new)]
                                break
                            cuts.append((n, new))
                if result is not None:
                    break
                continue
            before = {n: view[n] for n in nodes}
            _least_fixpoint(d, nodes, over, view)
            for n in nodes:
                if over[n] != before[n]:
                    changed(n)
        if result is None:
            result = view[self.target]
        for cut in cuts:
            memo[cut] = result
        return result

    def order(self, nodes: Iterable[str]) -> list[str]:
        """``nodes`` nearest the target first (where the what-ifs can reuse each other)."""
        return sorted(nodes, key=self.block.__getitem__, reverse=True)


class _Overlay(Mapping):
    """Labels: the what-if's changes over the base labelling, without copying it."""

    def __init__(self, over: dict[str, str], base: Labelling) -> None:
        self.over, self.base = over, base

    def __getitem__(self, n: str) -> str:
        v = self.over.get(n)
        return self.base[n] if v is None else v

    def __iter__(self):
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


def _least_fixpoint(d: _Deps, nodes: list[str], over: dict[str, str], view: Mapping) -> None:
    """Label ``nodes`` (a cycle whose inputs from outside are final) from UNDEC up: the rules
    applied until nothing changes, each node rechecked when one of its inputs is decided."""
    inside = set(nodes)
    for n in nodes:
        over[n] = UNDEC
    work = deque(nodes)
    while work:
        n = work.popleft()
        if over[n] != UNDEC:
            continue
        new = rule_label(d, n, view)
        if new != UNDEC:
            over[n] = new
            work.extend(m for m in d.dependents[n] if m in inside and over[m] == UNDEC)


def explain(amap: ArgumentMap, ident: str, labelling: Labelling | None = None,
            limit: int = 12, assumed: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Why ``ident`` has its grounded label: the rules followed back, one step per node.

    Each step is ``{"id", "kind", "label", "why", "by"}`` and, for IN, ``"attacks"`` (the
    attacks on it, all OUT) when it has any. ``why`` says which rule decided it:

    * OUT: ``attacked`` (``by``: an IN attacker), ``premise-out`` (an OUT premise of an
      argument), ``supports-failed`` (a claim, not given, whose supporting arguments ``by``
      are all OUT: nothing else defeats it);
    * IN: ``given``, ``basis`` (nothing supports it), ``supported`` (``by``: an IN
      supporter), ``premises-in`` (an argument's premises);
    * UNDEC: ``cycle`` (``by``: the cycle of mutual defeat, along what each depends on),
      ``attacker-undec``, ``premise-undec``, ``support-undec``;
    * ``assumed``: fixed by ``assumed`` (a what-if).

    The steps go breadth first from ``ident`` through ``by`` and ``attacks``, each node once,
    at most ``limit`` steps; :func:`argmap.render.evaluation.explanation_sentences` says them
    in words.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., o: O.}\\narguments: [{id: ob, attacks: t, premises: [o]}]")
    >>> explain(m, "t")[0]
    {'id': 't', 'kind': 'claim', 'label': 'OUT', 'why': 'attacked', 'by': ['ob']}
    """
    amap.node(ident)
    fixed = _normalise(amap, assumed)
    lab = grounded(amap, fixed) if labelling is None else labelling
    d = _deps(amap)
    steps: list[dict[str, Any]] = []
    seen: set[str] = set()
    queue = deque([ident])
    while queue and len(steps) < limit:
        n = queue.popleft()
        if n in seen:
            continue
        seen.add(n)
        step = _reason(d, lab, n, fixed)
        steps.append(step)
        queue.extend(step["by"] if step["why"] != "cycle" else step["by"][1:])
        queue.extend(step.get("attacks", ()))
    return steps


def _reason(d: _Deps, lab: Labelling, n: str, fixed: Mapping[str, str]) -> dict[str, Any]:
    v = lab[n]
    is_arg = n in d.premises
    step: dict[str, Any] = {"id": n, "kind": "argument" if is_arg else "claim", "label": v}

    def said(why: str, by: list[str], **more: Any) -> dict[str, Any]:
        return {**step, "why": why, "by": by, **more}

    if n in fixed:
        return said("assumed", [])
    attackers = d.attackers[n]
    if v == OUT:
        attackers_in = [a for a in attackers if lab[a] == IN]
        if attackers_in:
            return said("attacked", attackers_in[:1])
        if is_arg:
            return said("premise-out", [next(p for p in d.premises[n] if lab[p] == OUT)])
        return said("supports-failed", list(d.supporters[n]))
    if v == IN:
        attacks = {"attacks": list(attackers)} if attackers else {}
        if is_arg:
            return said("premises-in", list(d.premises[n]), **attacks)
        if n in d.given:
            return said("given", [], **attacks)
        if not d.supporters[n]:
            return said("basis", [], **attacks)
        return said("supported", [next(s for s in d.supporters[n] if lab[s] == IN)], **attacks)
    attackers_undec = [a for a in attackers if lab[a] == UNDEC]
    if attackers_undec:
        cycle = _undec_cycle(d, lab, n, _defeat_inputs)
        if cycle:
            return said("cycle", cycle)
        return said("attacker-undec", attackers_undec)
    if is_arg:
        return said("premise-undec", [p for p in d.premises[n] if lab[p] == UNDEC])
    return said("support-undec", [s for s in d.supporters[n] if lab[s] == UNDEC])


def _defeat_inputs(d: _Deps, n: str) -> list[str]:
    """What can defeat ``n``: its attackers, and for an argument its premises."""
    return [*d.attackers[n], *d.premises.get(n, ())]


def _undec_cycle(d: _Deps, lab: Labelling, start: str, inputs=_neighbours) -> list[str] | None:
    """A cycle of UNDEC nodes through ``start`` along ``inputs`` (what labels depend on)."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        n = queue.popleft()
        for m in inputs(d, n):
            if lab.get(m) != UNDEC:
                continue
            if m == start:
                path = [n]
                up = parent[n]
                while up is not None:
                    path.append(up)
                    up = parent[up]
                return list(reversed(path))
            if m not in parent:
                parent[m] = n
                queue.append(m)
    return None

