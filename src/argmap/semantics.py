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

Every function walks the map's :class:`~argmap.framework.Framework` (integer ids, flat
adjacency lists), built from the graph on first use and kept with it. The labelling functions
also take a Framework itself, such as a plain Dung framework from
:meth:`Framework.from_attacks <argmap.framework.Framework.from_attacks>`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ArgmapError
from .framework import PREMISE_OF, SUPPORTS, Framework
from .loader import no_gc
from .model import ATTACK, ArgumentMap

__all__ = [
    "IN", "OUT", "UNDEC", "SEMANTICS",
    "Framework", "Labelling", "grounded", "complete_labellings", "preferred", "stable",
    "rule_label", "dfquad", "Strengths", "combine", "aggregate",
    "critical", "explain", "evaluate", "LabellingLimitError",
]

IN, OUT, UNDEC = "IN", "OUT", "UNDEC"
SEMANTICS = ("grounded", "preferred", "stable")
Labelling = dict  # id -> "IN" | "OUT" | "UNDEC", claims and arguments alike
Source = ArgumentMap | Framework  # what the labelling functions evaluate

_LABEL = {IN: IN, OUT: OUT, UNDEC: UNDEC}  # the label constants themselves (compared by `is`)
_HELD = "UNDEC (assumed)"  # an UNDEC that an assumption holds: nothing may decide it


class LabellingLimitError(ArgmapError):
    """The search for preferred or stable labellings would take too long."""


def _framework(source: Source) -> Framework:
    return source if isinstance(source, Framework) else Framework.from_map(source)


def _normalise(source: Source, assume: Mapping[str, str] | None) -> dict[str, str]:
    out = {}
    for n, value in (assume or {}).items():
        if isinstance(source, Framework):
            source.id(n)  # unknown ids: a "did you mean" error
        else:
            source.node(n)
        v = _LABEL.get(str(value).upper())
        if v is None:
            raise ArgmapError(f"cannot assume {n}={value}: use in, out or undec")
        out[n] = v
    return out


def _numbered(fw: Framework, fixed: Mapping[str, str]) -> dict[int, str]:
    """``fixed`` by node number (``fw.ids`` is made when first asked: only if there is any)."""
    if not fixed:
        return {}
    ids = fw.ids
    return {ids[n]: v for n, v in fixed.items()}


def _rule(fw: Framework, given: Sequence[bool], i: int, label: Any) -> str:
    """The label the rules give node ``i`` when ``label[j]`` is the label of node ``j``."""
    attackers = fw.attackers[i]
    if any(label[a] == IN for a in attackers):
        return OUT
    if fw.is_argument[i]:
        premises = fw.premises[i]
        if any(label[p] == OUT for p in premises):
            return OUT
        if all(label[p] == IN for p in premises) and all(label[a] == OUT for a in attackers):
            return IN
        return UNDEC
    supporters = fw.supporters[i]
    grounded_ok = not supporters or given[i] or any(label[s] == IN for s in supporters)
    if grounded_ok and all(label[a] == OUT for a in attackers):
        return IN
    if supporters and not given[i] and all(label[s] == OUT for s in supporters):
        return OUT
    return UNDEC


def rule_label(source: Source, n: str, label: Mapping[str, str]) -> str:
    """The label the rules give ``n`` when its neighbours have the labels in ``label``.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., o: O.}\\narguments: [{id: ob, attacks: t, premises: [o]}]")
    >>> rule_label(m, "t", {"t": UNDEC, "o": IN, "ob": IN}), rule_label(m, "ob", {"o": UNDEC})
    ('OUT', 'UNDEC')
    """
    fw = _framework(source)
    names = fw.names

    class _ByName:
        def __getitem__(self, j: int) -> str:
            return label[names[j]]

    return _rule(fw, fw.given(), fw.id(n), _ByName())


def grounded(source: Source, assume: Mapping[str, str] | None = None) -> Labelling:
    """The grounded labelling: the least fixpoint of the rules, in time linear in the map.

    Each node counts what it still needs to be IN; a label, once given, is passed on to the
    nodes that depend on it, and each node is decided the moment its counts allow.
    ``assume`` fixes the labels of some nodes (``{"id": "IN"}``) for a what-if. ``source`` is
    an :class:`~argmap.model.ArgumentMap` or a :class:`Framework` (such as a plain Dung
    framework: then these are Dung's grounded labels).

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., r: R., o: O., x: X.}\\narguments: ["
    ...           "{supports: t, premises: [r]}, {id: ob, attacks: t, premises: [o]},"
    ...           "{attacks: o, premises: [x]}]")
    >>> lab = grounded(m)
    >>> lab["t"], lab["o"], lab["ob"], lab["x"]
    ('IN', 'OUT', 'OUT', 'IN')
    >>> grounded(Framework.from_attacks("abc", [("a", "b"), ("b", "a"), ("b", "c")]), {"a": "in"})
    {'a': 'IN', 'b': 'OUT', 'c': 'IN'}
    """
    fixed = _normalise(source, assume)
    with no_gc():  # many small objects, none of them cyclic garbage
        fw = _framework(source)
        return dict(zip(fw.names, _grounded(fw, _numbered(fw, fixed)), strict=True))


def _grounded(fw: Framework, fixed: Mapping[int, str]) -> list[str]:
    """The grounded labels of every node (a list, by number), ``fixed`` ones held.

    ``need[i]`` counts what ``i`` still lacks to be IN: each premise IN, each attacker OUT, and
    for a claim with supporters (not given) one supporter IN; ``unsupported[i]``, for such a
    claim, how many of its supporters are not OUT yet (at 0 it is OUT); -1 once that no longer
    matters (a supporter is IN) or never did.
    """
    n = len(fw.names)
    out, role = fw.out, fw.role
    need = fw._need_base()
    unsupported = [-1] * n
    for i, k in fw.supported_claims().items():
        if not fw.is_given(i):
            need[i] += 1
            unsupported[i] = k
    U = UNDEC
    lab = [U] * n
    queue = []
    for i, v in fixed.items():
        lab[i] = _HELD if v is U else v
        if v is not U:
            queue.append(i)
    for i in [i for i, k in enumerate(need) if k == 0]:  # nothing to wait for
        if lab[i] is U:
            lab[i] = IN
            queue.append(i)
    for x in queue:  # grows as it goes
        v = lab[x]
        r = role[x]
        if r == SUPPORTS:
            for m in out[x]:
                if lab[m] is U:
                    left = unsupported[m]
                    if left < 0:
                        continue
                    if v is IN:
                        unsupported[m] = -1
                        k = need[m] - 1
                        need[m] = k
                        if k == 0:
                            lab[m] = IN
                            queue.append(m)
                    else:
                        left -= 1
                        unsupported[m] = left
                        if left == 0:
                            lab[m] = OUT
                            queue.append(m)
        elif (v is IN) == (r == PREMISE_OF):  # a premise IN, or an attacker OUT
            for m in out[x]:
                if lab[m] is U:
                    k = need[m] - 1
                    need[m] = k
                    if k == 0:
                        lab[m] = IN
                        queue.append(m)
        else:  # a premise OUT, or an attacker IN
            for m in out[x]:
                if lab[m] is U:
                    lab[m] = OUT
                    queue.append(m)
    for i, v in fixed.items():
        if v is U:
            lab[i] = U
    return lab


def complete_labellings(source: Source, limit: int = 200_000,
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
    fixed_names = _normalise(source, assume)
    fw = _framework(source)
    names = fw.names
    fixed = _numbered(fw, fixed_names)
    with no_gc():
        label = _grounded(fw, fixed)
    open_nodes = [i for i, v in enumerate(label) if v is UNDEC and i not in fixed]
    if not open_nodes:
        return [dict(zip(names, label, strict=True))]
    given = fw.given()
    premises, supporters, attackers = fw.premises, fw.supporters, fw.attackers
    # neighbours whose rule must be re-checked when a node's label is set
    related = {i: {*fw.out[i], i} for i in open_nodes}
    assigned = [True] * len(names)
    for i in open_nodes:
        assigned[i] = False
    out: list[Labelling] = []
    steps = 0

    def settled(m: int) -> bool:
        """Are all of ``m``'s neighbours assigned?"""
        return all(assigned[x] for x in premises[m]) and all(
            assigned[x] for x in supporters[m]) and all(assigned[x] for x in attackers[m])

    def consistent(n: int) -> bool:
        """Nodes whose neighbours are all assigned must carry exactly their rule's label."""
        for m in related[n]:
            if m in fixed or not assigned[m]:
                continue
            if settled(m) and _rule(fw, given, m, label) != label[m]:
                return False
        return True

    def search(i: int) -> None:
        nonlocal steps
        if i == len(open_nodes):
            if all(m in fixed or _rule(fw, given, m, label) == label[m] for m in open_nodes):
                out.append(dict(zip(names, label, strict=True)))
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
            assigned[n] = True
            if consistent(n):
                search(i + 1)
            assigned[n] = False
        label[n] = UNDEC

    search(0)
    return out


def _in_set(lab: Labelling) -> frozenset[str]:
    return frozenset(n for n, v in lab.items() if v == IN)


def preferred(source: Source, limit: int = 200_000,
              assume: Mapping[str, str] | None = None) -> list[Labelling]:
    """The complete labellings whose IN set is maximal (no other's IN set contains it).

    >>> from argmap import loads
    >>> m = loads("claims: {a: A., b: B.}\\narguments: ["
    ...           "{attacks: a, premises: [b]}, {attacks: b, premises: [a]}]")
    >>> sorted((lab["a"], lab["b"]) for lab in preferred(m))
    [('IN', 'OUT'), ('OUT', 'IN')]
    """
    labs = complete_labellings(source, limit, assume)
    ins = [_in_set(lab) for lab in labs]
    return [lab for lab, s in zip(labs, ins, strict=True) if not any(s < t for t in ins)]


def stable(source: Source, limit: int = 200_000,
           assume: Mapping[str, str] | None = None) -> list[Labelling]:
    """The complete labellings with no UNDEC (there may be none)."""
    return [lab for lab in complete_labellings(source, limit, assume)
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

    values: dict[str, float]  # in the order the map was written
    converged: bool = True
    iterations: int = 0
    cyclic: bool = False


def dfquad(source: Source, tolerance: float = 1e-9, max_iterations: int = 1000,
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

    On a Dung framework every argument has base score 0.5:

    >>> dfquad(Framework.from_attacks("ab", [("a", "b")])).values
    {'a': 0.5, 'b': 0.25}
    """
    fixed = _normalise(source, assume)
    with no_gc():
        fw = _framework(source)
        pinned = {i: 1.0 if v == IN else 0.0 for i, v in _numbered(fw, fixed).items()
                  if v != UNDEC}
        return _dfquad(fw, tolerance, max_iterations, pinned)


def _dfquad(fw: Framework, tolerance: float, max_iterations: int,
            pinned: Mapping[int, float]) -> Strengths:
    weight = fw.weights()
    premises, attackers, supporters, is_argument = (
        fw.premises, fw.attackers, fw.supporters, fw.is_argument)

    def value(i: int, s: list[float]) -> float:
        # combine() and aggregate() written out: the same arithmetic, in the same order
        if i in pinned:
            return pinned[i]
        attack = 1.0
        for x in attackers[i]:
            attack *= 1.0 - s[x]
        w = weight[i]
        if is_argument[i]:
            ps = premises[i]
            weakest = s[ps[0]] if len(ps) == 1 else min((s[p] for p in ps), default=0.0)
            against = 1.0 - attack
            if against > 0.0:
                return weakest * (w - w * (against - 0.0))
            if 0.0 > against:
                return weakest * (w + (1.0 - w) * (0.0 - against))
            return weakest * w
        support = 1.0
        for x in supporters[i]:
            support *= 1.0 - s[x]
        against, for_ = 1.0 - attack, 1.0 - support
        if against > for_:
            return w - w * (against - for_)
        if for_ > against:
            return w + (1.0 - w) * (for_ - against)
        return w

    names = fw.names
    if fw.order_known():
        order = fw.topological_order()
        got = _one_pass(fw, weight, pinned, order)[1] if order is not None else []
    else:  # the first time: the order is found on the way
        order, got = _one_pass(fw, weight, pinned, None)
        fw.remember_order(order)
    if order is not None:
        return Strengths(dict(zip(names, got, strict=True)), True, 1, False)
    s = list(weight)
    for i, v in pinned.items():
        s[i] = v
    result = Strengths({}, False, max_iterations, True)
    for it in range(1, max_iterations + 1):
        moved = 0.0
        for i in range(len(s)):
            new = value(i, s)
            moved = max(moved, abs(new - s[i]))
            s[i] = new
        if moved <= tolerance:
            result = Strengths({}, True, it, True)
            break
    result.values = dict(zip(names, s, strict=True))
    return result


def _one_pass(fw: Framework, weight: list[float], pinned: Mapping[int, float],
              order: list[int] | None) -> tuple[list[int] | None, list[float]]:
    """The strengths of an acyclic map, node by node in topological ``order``: ``value`` of
    :func:`_dfquad` written out (a function call per node is a good part of the time of a big
    map), with the same arithmetic in the same order. Without an ``order``, it is found on the
    way (Kahn's algorithm: a node is taken once everything it depends on has been); a cycle
    then gives ``(None, [])``.

    Returns the order and the strengths, by node number.
    """
    premises, attackers, supporters, is_argument, out = (
        fw.premises, fw.attackers, fw.supporters, fw.is_argument, fw.out)
    n = len(fw.names)
    find = order is None
    if order is None:
        indegree = fw._need_base()  # premises and attackers; and supporters:
        for i, k in fw.supported_claims().items():
            indegree[i] += k
        order = [i for i, k in enumerate(indegree) if k == 0]  # grows as it goes
    s = [0.0] * n
    for i in order:
        w = weight[i]
        against = attackers[i]
        if pinned and i in pinned:
            v = pinned[i]
        elif is_argument[i]:
            ps = premises[i]
            weakest = s[ps[0]] if len(ps) == 1 else min((s[p] for p in ps), default=0.0)
            if not against:  # then the attack is 0.0: combine(w, 0.0, 0.0) = w
                v = weakest * w
            else:
                attack = 1.0
                for x in against:
                    attack *= 1.0 - s[x]
                a = 1.0 - attack
                if a > 0.0:
                    v = weakest * (w - w * (a - 0.0))
                elif 0.0 > a:
                    v = weakest * (w + (1.0 - w) * (0.0 - a))
                else:
                    v = weakest * w
        else:
            attack = 1.0
            for x in against:
                attack *= 1.0 - s[x]
            support = 1.0
            for x in supporters[i]:
                support *= 1.0 - s[x]
            a, b = 1.0 - attack, 1.0 - support
            if a > b:
                v = w - w * (a - b)
            elif b > a:
                v = w + (1.0 - w) * (b - a)
            else:
                v = w
        s[i] = v
        if find:
            for m in out[i]:  # one entry per dependency, so the counts match
                k = indegree[m] - 1
                indegree[m] = k
                if k == 0:
                    order.append(m)
    if len(order) != n:
        return None, []
    return order, s


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
    fw = Framework.from_map(amap)

    def split(lab: dict[str, str]) -> dict[str, dict]:
        claims: dict[str, dict] = {}
        args: dict[str, dict] = {}
        for n, is_argument in zip(fw.names, fw.is_argument, strict=True):
            entry = {"label": lab[n], "strength": round(values[n], 4)}
            (args if is_argument else claims)[n] = entry
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

    fw = Framework.from_map(amap)
    names, ids = fw.names, fw.ids
    side = sides(amap, [target])
    g = amap.graph

    def is_objection(n: str) -> bool:
        attrs = g.nodes[n]
        return attrs["relation"] == ATTACK and 1 in side.get(attrs["target"], ())

    if semantics == "grounded":
        held = {ids[n]: v for n, v in fixed.items()}
        with no_gc():
            base = _grounded(fw, held)
            cone = _cone(fw, ids[target], held)
            relabel = _Relabeller(fw, ids[target], cone, base, held)
            candidates = [names[i] for i in relabel.order(cone)]

        def label_of(node: str | None, value: str = UNDEC) -> str:
            assert node is not None
            return relabel.label_of(ids[node], value)

        def base_of(node: str) -> str:
            return base[ids[node]]
    else:
        find = preferred if semantics == "preferred" else stable

        def label_of(node: str | None, value: str = UNDEC) -> str:
            pins = dict(fixed) if node is None else {**fixed, node: value}
            labs = find(amap, limit, pins)
            return _agreed(labs, target)

        found = {target: label_of(None)}
        base_of = found.__getitem__  # type: ignore[assignment]
        candidates = list(g)
    out["label"] = base_of(target)
    for n in candidates:
        if n == target or n in fixed:
            continue
        if fw.is_argument[ids[n]]:
            if not is_objection(n):
                continue
            key, value = "objections", IN
        else:
            key, value = "claims", OUT
        if semantics == "grounded" and base_of(n) == value:
            continue  # assuming what already holds changes nothing
        now = label_of(n, value)
        if now != out["label"]:
            out[key].append(n)
            out["flips"][n] = now
    out["claims"].sort(key=ids.__getitem__)  # report in the order the map was written
    out["objections"].sort(key=ids.__getitem__)
    return out


def _agreed(labs: list[Labelling], n: str) -> str:
    """``n``'s label in every labelling of ``labs``: IN or OUT if all agree, else UNDEC."""
    found = {lab[n] for lab in labs}
    return found.pop() if len(found) == 1 else UNDEC


def _inputs(fw: Framework, n: int) -> list[int]:
    """What ``n``'s label and strength depend on (a support aimed at an argument: nothing)."""
    return [*fw.premises[n], *fw.supporters[n], *fw.attackers[n]]


def _cone(fw: Framework, target: int, fixed: Mapping[int, str]) -> set[int]:
    """``target`` and every node its label depends on, not looking past assumed nodes."""
    cone = {target}
    stack = [target]
    while stack:
        n = stack.pop()
        if n in fixed:
            continue
        for m in _inputs(fw, n):
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

    def __init__(self, fw: Framework, target: int, cone: set[int], base: list[str],
                 fixed: Mapping[int, str]) -> None:
        self.fw, self.target, self.cone, self.base, self.fixed = fw, target, cone, base, fixed
        self.given = fw.given()
        self.block = _blocks(fw, cone, fixed)
        self.members: dict[int, list[int]] = {}
        for n in sorted(cone):
            self.members.setdefault(self.block[n], []).append(n)
        self.cyclic = {b for b, ms in self.members.items() if len(ms) > 1}
        self.memo: dict[tuple[int, str], str] = {}  # (node, label) -> the target's label

    def label_of(self, node: int, value: str) -> str:
        """The target's grounded label with ``node`` also assumed ``value``.

        When the changes so far leave one node ``x`` (outside any cycle) as the only source of
        what is still to be recomputed, the rest is exactly the what-if ``x`` = its new label:
        if that one is known, it is the answer. Tried target side first, a long chain of
        supports then costs one step per claim instead of the whole chain per claim.
        """
        import heapq

        fw, cone, block, fixed, given = self.fw, self.cone, self.block, self.fixed, self.given
        out = fw.out
        memo = self.memo
        if (node, value) in memo:
            return memo[(node, value)]
        over: dict[int, str] = {node: value}
        view = _Overlay(over, self.base)
        heap: list[int] = []
        owner: dict[int, int | None] = {}  # queued block -> the one node that queued it, or None
        owned: dict[int | None, int] = {}  # how many blocks in the heap each owner has
        cuts: list[tuple[int, str]] = [(node, value)]

        def changed(x: int) -> None:
            for m in out[x]:
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
                    new = _rule(fw, given, n, view)
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
            _least_fixpoint(fw, given, nodes, over, view)
            for n in nodes:
                if over[n] != before[n]:
                    changed(n)
        if result is None:
            result = view[self.target]
        for cut in cuts:
            memo[cut] = result
        return result

    def order(self, nodes: Iterable[int]) -> list[int]:
        """``nodes`` nearest the target first (where the what-ifs can reuse each other), in
        the order the map was written among equals."""
        return sorted(sorted(nodes), key=self.block.__getitem__, reverse=True)


def _blocks(fw: Framework, cone: set[int], fixed: Mapping[int, str]) -> dict[int, int]:
    """The strongly connected components of ``cone`` along what each node depends on (an
    assumed node depends on nothing), numbered so that each comes after its inputs' (Tarjan's
    algorithm, without recursion: it finds them sinks first, here inputs first)."""
    inputs = {n: [] if n in fixed else [m for m in _inputs(fw, n) if m in cone] for n in cone}
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    block: dict[int, int] = {}
    count = 0
    for root in sorted(cone):
        if root in index:
            continue
        work = [(root, 0)]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            n, k = work[-1]
            ins = inputs[n]
            if k < len(ins):
                work[-1] = (n, k + 1)
                m = ins[k]
                if m not in index:
                    index[m] = low[m] = len(index)
                    stack.append(m)
                    on_stack.add(m)
                    work.append((m, 0))
                elif m in on_stack:
                    low[n] = min(low[n], index[m])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[n])
            if low[n] == index[n]:
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    block[m] = count
                    if m == n:
                        break
                count += 1
    return block


class _Overlay:
    """Labels by number: the what-if's changes over the base labelling, without copying it."""

    __slots__ = ("over", "base")

    def __init__(self, over: dict[int, str], base: list[str]) -> None:
        self.over, self.base = over, base

    def __getitem__(self, n: int) -> str:
        v = self.over.get(n)
        return self.base[n] if v is None else v


def _least_fixpoint(fw: Framework, given: Sequence[bool], nodes: list[int],
                    over: dict[int, str], view: _Overlay) -> None:
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
        new = _rule(fw, given, n, view)
        if new != UNDEC:
            over[n] = new
            work.extend(m for m in fw.out[n] if m in inside and over[m] == UNDEC)


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
    fw = Framework.from_map(amap)
    ids = fw.ids
    steps: list[dict[str, Any]] = []
    seen: set[str] = set()
    queue = deque([ident])
    while queue and len(steps) < limit:
        n = queue.popleft()
        if n in seen:
            continue
        seen.add(n)
        step = _reason(fw, lab, ids[n], fixed)
        steps.append(step)
        queue.extend(step["by"] if step["why"] != "cycle" else step["by"][1:])
        queue.extend(step.get("attacks", ()))
    return steps


def _reason(fw: Framework, lab: Labelling, i: int, fixed: Mapping[str, str]) -> dict[str, Any]:
    names = fw.names
    n = names[i]
    v = lab[n]
    is_arg = fw.is_argument[i]
    step: dict[str, Any] = {"id": n, "kind": "argument" if is_arg else "claim", "label": v}

    def said(why: str, by: Iterable[int], **more: Any) -> dict[str, Any]:
        return {**step, "why": why, "by": [names[j] for j in by], **more}

    if n in fixed:
        return said("assumed", [])
    attackers = fw.attackers[i]
    premises = fw.premises[i]
    supporters = fw.supporters[i]
    if v == OUT:
        attackers_in = [a for a in attackers if lab[names[a]] == IN]
        if attackers_in:
            return said("attacked", attackers_in[:1])
        if is_arg:
            return said("premise-out", [next(p for p in premises if lab[names[p]] == OUT)])
        return said("supports-failed", supporters)
    if v == IN:
        attacks = {"attacks": [names[a] for a in attackers]} if attackers else {}
        if is_arg:
            return said("premises-in", premises, **attacks)
        if fw.is_given(i):
            return said("given", [], **attacks)
        if not supporters:
            return said("basis", [], **attacks)
        return said("supported", [next(s for s in supporters if lab[names[s]] == IN)],
                    **attacks)
    attackers_undec = [a for a in attackers if lab[names[a]] == UNDEC]
    if attackers_undec:
        cycle = _undec_cycle(fw, lab, i)
        if cycle:
            return said("cycle", cycle)
        return said("attacker-undec", attackers_undec)
    if is_arg:
        return said("premise-undec", [p for p in premises if lab[names[p]] == UNDEC])
    return said("support-undec", [s for s in supporters if lab[names[s]] == UNDEC])


def _undec_cycle(fw: Framework, lab: Labelling, start: int) -> list[int] | None:
    """A cycle of UNDEC nodes through ``start`` along what can defeat each (its attackers,
    and for an argument its premises)."""
    names, attackers, premises = fw.names, fw.attackers, fw.premises
    parent: dict[int, int | None] = {start: None}
    queue = deque([start])
    while queue:
        n = queue.popleft()
        for m in (*attackers[n], *premises[n]):
            if lab.get(names[m]) != UNDEC:
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
