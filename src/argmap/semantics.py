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


def _grounded(amap: ArgumentMap, assume: Mapping[str, str] | None) -> Labelling:
    d = _deps(amap)
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


def dfquad(amap: ArgumentMap, tolerance: float = 1e-9, max_iterations: int = 1000) -> Strengths:
    """DF-QuAD strengths: claims from their weight (default 0.5) and the arguments for and
    against them; arguments from the weakest premise times their weight (default 1.0) weakened
    by their undercutters. Acyclic maps: one pass in topological order. Cycles: repeated
    passes until no value moves more than ``tolerance`` (or ``max_iterations``).

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., r: R., o: {text: O., weight: 0.8}}\\narguments: ["
    ...           "{supports: t, premises: [r]}, {attacks: t, premises: [o]}]")
    >>> s = dfquad(m).values
    >>> s["t"], s["r"], s["o"]
    (0.35, 0.5, 0.8)
    """
    with no_gc():
        return _dfquad(amap, tolerance, max_iterations)


def _dfquad(amap: ArgumentMap, tolerance: float, max_iterations: int) -> Strengths:
    g = amap.graph
    d = _deps(amap)
    weight = d.weight

    premises, attackers, supporters = d.premises, d.attackers, d.supporters

    def value(n: str, s: Mapping[str, float]) -> float:
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
    s = dict(weight)
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
    """
    strengths = dfquad(amap)
    values = strengths.values

    def split(lab: dict[str, str]) -> dict[str, dict]:
        claims, args = {}, {}
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


def critical(amap: ArgumentMap, claim: str | None = None) -> dict[str, list[str]]:
    """What a claim (default: the thesis) rests on, when it is IN in the grounded labelling:

    * ``premises``: basis claims whose rejection alone (assumed OUT) makes it lose IN;
    * ``objections``: attacking claims whose acceptance alone (assumed IN) makes it lose IN.
    """
    target = claim or amap.thesis or (amap.roots() or [None])[0]
    if target is None:
        return {"claim": None, "label": UNDEC, "premises": [], "objections": []}
    base = grounded(amap)
    out = {"claim": target, "label": base[target], "premises": [], "objections": []}
    if base[target] != IN:
        return out
    g = amap.graph
    below = _case(amap, target)
    for c in amap.claims():
        if c == target or c not in below:
            continue
        used_in = list(g.succ[c])
        is_basis = used_in and not amap.supporters(c)
        if is_basis and base[c] == IN and grounded(amap, {c: OUT})[target] != IN:
            out["premises"].append(c)
        attacks = any(g.nodes[a]["relation"] == ATTACK for a in used_in)
        if attacks and base[c] != IN and grounded(amap, {c: IN})[target] != IN:
            out["objections"].append(c)
    return out


def _case(amap: ArgumentMap, claim: str) -> set[str]:
    from .queries import sides

    return set(sides(amap, [claim]))


def explain(amap: ArgumentMap, ident: str, labelling: Labelling | None = None,
            limit: int = 12) -> list[str]:
    """Why ``ident`` has its grounded label, in sentences that follow the rules back.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., o: O.}\\narguments: [{id: ob, attacks: t, premises: [o]}]")
    >>> explain(m, "t")[0]
    't is OUT: it is attacked by ob, which is IN.'
    """
    amap.node(ident)
    lab = grounded(amap) if labelling is None else labelling
    d = _deps(amap)
    lines: list[str] = []
    seen: set[str] = set()
    queue = deque([ident])
    while queue and len(lines) < limit:
        n = queue.popleft()
        if n in seen:
            continue
        seen.add(n)
        sentence, next_ids = _reason(amap, d, lab, n)
        lines.append(sentence)
        queue.extend(next_ids)
    return lines


def _reason(amap: ArgumentMap, d: _Deps, lab: Labelling, n: str) -> tuple[str, list[str]]:
    v = lab[n]
    is_arg = n in d.premises
    attackers_in = [a for a in d.attackers[n] if lab[a] == IN]
    attackers_undec = [a for a in d.attackers[n] if lab[a] == UNDEC]
    if v == OUT:
        if attackers_in:
            a = attackers_in[0]
            return f"{n} is OUT: it is attacked by {a}, which is IN.", [a]
        if is_arg:
            p = next(p for p in d.premises[n] if lab[p] == OUT)
            return f"{n} is OUT: its premise {p} is OUT.", [p]
        sup = d.supporters[n]
        return (f"{n} is OUT: every argument for it ({', '.join(sup)}) is OUT.", sup)
    if v == IN:
        parts = []
        nxt: list[str] = []
        if is_arg:
            parts.append("all its premises (" + ", ".join(d.premises[n]) + ") are IN")
            nxt += list(d.premises[n])
        elif n in d.given:
            parts.append("it is given")
        elif not d.supporters[n]:
            parts.append("it is a basis claim (nothing supports it)")
        else:
            s = next(s for s in d.supporters[n] if lab[s] == IN)
            parts.append(f"it is supported by {s}, which is IN")
            nxt.append(s)
        if d.attackers[n]:
            parts.append("every attack on it (" + ", ".join(d.attackers[n]) + ") is OUT")
            nxt += d.attackers[n]
        else:
            parts.append("nothing attacks it")
        return f"{n} is IN: " + "; ".join(parts) + ".", nxt
    # UNDEC
    if attackers_undec:
        cycle = _undec_cycle(d, lab, n, _defeat_inputs)
        if cycle:
            return (f"{n} is UNDEC: it is caught in a cycle of mutual defeat: "
                    + " -> ".join(cycle + [cycle[0]]) + ".", attackers_undec)
        return (f"{n} is UNDEC: it is attacked by {', '.join(attackers_undec)}, which "
                "is neither IN nor OUT.", attackers_undec)
    if is_arg:
        ps = [p for p in d.premises[n] if lab[p] == UNDEC]
        return f"{n} is UNDEC: its premise {', '.join(ps)} is UNDEC.", ps
    ss = [s for s in d.supporters[n] if lab[s] == UNDEC]
    return (f"{n} is UNDEC: no argument for it is IN, and {', '.join(ss)} is UNDEC.", ss)


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
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return list(reversed(path))
            if m not in parent:
                parent[m] = n
                queue.append(m)
    return None

