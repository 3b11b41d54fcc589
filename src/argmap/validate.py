"""Checks that go beyond the loader's structural errors: warnings about weak spots of a map.

``validate(map)`` never raises for a problem in the map; it returns :class:`Diagnostic` records and
leaves it to the caller (the CLI, an editor plugin, a test) to decide how to show them.

Every warning (a *lint*, see ``docs/lints.md``) is read off the graph: which node supports or
attacks which, what a claim cites, which theme it has. None looks at the wording of a claim beyond
the normalised comparison of ``duplicate-text``. Each runs in time linear in the size of the map:
the lints read one index of the map's relations (:class:`Links`), built once in a few passes
that run in Python's C code, instead of asking networkx node by node; the two that follow the
map's structure (circles of support, and the thesis's side that tells an objection from a reply)
share one pass down the map (:func:`_walk`). ``check`` stays fast on maps of 100,000 claims.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Collection, Mapping
from itertools import chain, compress, filterfalse, repeat
from operator import and_, eq, is_, itemgetter, lt, methodcaller, mul, not_
from typing import Any, NamedTuple

from .errors import Diagnostic
from .loader import no_gc
from .model import ARGUMENT, ATTACK, CLAIM, SUPPORT, ArgumentMap

__all__ = ["validate", "check_text", "WARNING_CODES"]

# Every warning code, with the one-line rationale that docs/lints.md shows for it.
WARNING_CODES = {
    "support-cycle": "claims that support each other in a circle prove nothing",
    "unused-claim": "a claim that is neither the thesis nor a premise plays no part in the case",
    "unsupported-thesis": "a thesis with no argument for it is only asserted",
    "duplicate-text": "two claims say the same thing; merge them so support is not split",
    "unanswered-objection": "an attack on the case that nothing answers leaves the case open",
    "unsourced-premise": "a premise that rests on nothing and cites no place cannot be checked",
    "mixed-premise": "a premise that counts both for and against one target cuts both ways",
    "single-claim-theme": "a theme with one claim groups nothing",
    "unused-theme": "a declared theme that no claim has groups nothing",
}


def validate(amap: ArgumentMap, include_ignored: bool = False) -> list[Diagnostic]:
    """Warnings about a loaded map, in file order.

    A warning that the map, or the claim or argument it is about, ignores
    (``ignore: {code: reason}``) is left out, or with ``include_ignored`` kept and marked:
    its ``ignored`` is the reason given (``check --verbose`` lists them).

    >>> from argmap import loads
    >>> m = loads("thesis: a\\nclaims: {a: A., b: B., c: C.}\\n"
    ...           "arguments: [{supports: a, premises: [b]}, {supports: b, premises: [a]}]")
    >>> [d.code for d in validate(m)]
    ['support-cycle', 'unused-claim']
    >>> m = loads("thesis: t\\nclaims: {t: T., r: R., o: O.}\\n"
    ...           "arguments: [{supports: t, premises: [r]}, {attacks: t, premises: [o]}]")
    >>> [d.code for d in validate(m)]
    ['unanswered-objection']
    """
    with no_gc():
        found = _validate(amap)
    return found if include_ignored else [d for d in found if d.ignored is None]


def _validate(amap: ArgumentMap) -> list[Diagnostic]:
    links = Links.of(amap)
    out: list[Diagnostic] = []
    out += support_cycles(amap, links)
    out += unused_claims(amap, links)
    out += unsupported_thesis(amap)
    out += duplicate_texts(amap, links)
    out += unanswered_attacks(amap, links)
    out += unsourced_premises(amap, links)
    out += mixed_premises(amap, links)
    out += theme_sizes(amap, links)
    out.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    return out


def check_text(text: str, name: str = "<string>", include_ignored: bool = False,
               fmt: str | None = None) -> list[Diagnostic]:
    """Every error and warning for a map's text (lints only when there is no error).

    The text is YAML, or the format ``fmt`` names, or the one its name and content say (see
    :func:`argmap.formats.choose`). Ignored warnings are left out, or kept and marked with
    ``include_ignored`` (see :func:`validate`).
    """
    from .formats import parse as parse_any

    # text with no file name is argmap YAML unless told otherwise
    amap, diagnostics = parse_any(text, name, fmt or ("yaml" if name == "<string>" else None))[:2]
    if not any(d.is_error for d in diagnostics):
        diagnostics += validate(amap, include_ignored=True)
        diagnostics += source_diagnostics(amap)
    return diagnostics if include_ignored else [d for d in diagnostics if d.ignored is None]


def source_diagnostics(amap: ArgumentMap) -> list[Diagnostic]:
    """The quotes checked against the source texts the map names (see
    :mod:`argmap.sourcecheck`), and a note when some could not be checked."""
    nodes = amap.node_attrs()
    quoted = list(compress(nodes, map(_CITES, nodes.values())))
    if not quoted:
        return []
    from .sourcecheck import check_sources, open_documents

    docs = open_documents(amap)
    if any(d.text is not None or d.problem is not None for d in docs.values()):
        report = check_sources(amap, docs)
    else:  # no text at hand: nothing to check, and no need to look at each quote
        report = check_sources(amap, docs, claims=quoted[:1])
    out = report.diagnostics()
    reason = report.unverified_reason()
    if reason is not None:
        hint = "fix the source's 'file:' (see the error above)" if any(
            d.problem for d in docs.values()) else "check the map from its file, beside its " \
            "text" if any(d.unread for d in docs.values()) else "name the text with 'source: " \
            "{file: essay.txt}' (relative to the map) to check every quote"
        out.append(Diagnostic("unverified-quotes", "note", f"quotes not verified: {reason}",
                              amap.path, None, None, hint,
                              (amap.graph.graph.get("ignore") or {}).get("unverified-quotes")))
    return out


class Links(NamedTuple):
    """A map's relations, read off the graph once for every lint.

    Made in a few passes that each run inside Python's C code (``map``, ``compress``, set
    operations) rather than in one Python step per node: on a map of 100,000 claims, what
    the lints share costs less than any one of them.
    """

    nodes: Mapping[str, dict[str, Any]]  # id -> attributes, in file order (the graph's own)
    claims: list[str]  # in file order
    claim_attrs: list[dict[str, Any]]  # the attributes of each claim, in the same order
    arguments: list[str]  # in file order
    targets: list[str]  # the target of each argument, in the same order
    supports: list[bool]  # whether each argument supports its target (else it attacks)
    premises: dict[str, tuple[str, ...]]  # argument -> its premises
    attackers: dict[str, list[str]]  # claim or argument -> the arguments that attack it
    supported: set[str]  # the claims and arguments that some argument supports
    uses: dict[str, int]  # each claim that is a premise -> of how many arguments
    found: dict[str, Any]  # what more than one lint needs, made once when first asked (_walk)

    @classmethod
    def of(cls, amap: ArgumentMap) -> Links:
        nodes = amap.node_attrs()
        attrs = list(nodes.values())
        kinds = list(map(itemgetter("kind"), attrs))
        is_argument = list(map(eq, kinds, repeat(ARGUMENT)))
        arguments = list(compress(nodes, is_argument))
        argument_attrs = list(compress(attrs, is_argument))
        is_claim = list(map(eq, kinds, repeat(CLAIM)))
        claims = list(compress(nodes, is_claim))
        premise_lists = list(map(itemgetter("premises"), argument_attrs))
        targets = list(map(itemgetter("target"), argument_attrs))
        supports = list(map(eq, map(itemgetter("relation"), argument_attrs), repeat(SUPPORT)))
        attacks = list(map(not_, supports))
        attackers: dict[str, list[str]] = {}
        for a, t in zip(compress(arguments, attacks), compress(targets, attacks), strict=True):
            found = attackers.get(t)
            if found is None:
                attackers[t] = [a]
            else:
                found.append(a)
        return cls(nodes, claims, list(compress(attrs, is_claim)), arguments, targets, supports,
                   dict(zip(arguments, premise_lists, strict=True)), attackers,
                   set(compress(targets, supports)),
                   dict(Counter(chain.from_iterable(premise_lists))), {})


def _warn(amap: ArgumentMap, id: str, code: str, message: str, hint: str,
          also: tuple[str, ...] = (), nodes: Mapping[str, dict[str, Any]] | None = None
          ) -> Diagnostic:
    """A warning at ``id``; ignored if ``id``, a node of ``also`` or the map ignores ``code``.
    ``nodes`` is the map's :meth:`~argmap.model.ArgumentMap.node_attrs`, when at hand."""
    nodes = amap.node_attrs() if nodes is None else nodes
    pos = nodes[id].get("pos")
    return Diagnostic(code, "warning", message, pos.file if pos else amap.path,
                      pos.line if pos else None, pos.col if pos else None, hint,
                      ignored=_ignored(amap, code, (id, *also), nodes))


def _ignored(amap: ArgumentMap, code: str, ids: tuple[str, ...] = (),
             nodes: Mapping[str, dict[str, Any]] | None = None) -> str | None:
    """The reason given for ignoring ``code`` by the first of ``ids`` that does, or by the map."""
    nodes = amap.node_attrs() if nodes is None else nodes
    for n in ids:
        ignore = nodes[n].get("ignore")
        if ignore and code in ignore:
            return ignore[code]
    return (amap.graph.graph.get("ignore") or {}).get(code)


def support_cycles(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    """Claims that end up among their own premises through chains of support.

    A chain runs from a premise through a support argument to its target. A support argument
    may target another argument (it backs that inference), so a claim that backs an inference
    leading to itself is caught as well as a plain circle of claims. Each circle is reported
    once, at its first claim in file order, with one path round it, premise-ward: ``a -> b``
    reads "a rests on b"; an argument appears in the path when the circle runs through its
    backing. Circles are reported in file order, and the path is the first shortest one when
    the supporters are tried in file order.
    """
    links = links or Links.of(amap)
    rest = _walk(amap, links).rest  # every circle of any relations lies in it: mostly empty
    if not rest:
        return []
    nodes = links.nodes
    # support arguments that back an attack support no claim: they take no part
    attacks = set(compress(links.arguments, map(not_, links.supports)))
    counted = [(a, t) for a, t in zip(compress(links.arguments, links.supports),
                                      compress(links.targets, links.supports), strict=True)
               if t not in attacks and a in rest]
    rest = _not_acyclic(amap, links, counted, rest)
    if not rest:
        return []
    # the circles lie in what is left: the chains of support there
    supported, premises = links.supported, links.premises
    succ: dict[str, list[str]] = defaultdict(list)  # towards what each node helps to support
    for a, target in counted:
        if a not in rest:
            continue
        step = target
        if a in supported:  # a backed inference is a step of its own
            succ[a].append(target)
            step = a
        for p in premises[a]:
            succ[p].append(step)
    order: dict[str, int] = {}
    circles = []
    for component in strongly_connected(succ):
        if len(component) < 2:
            continue
        if not order:
            order = {n: i for i, n in enumerate(nodes)}
        claims = [n for n in component if nodes[n]["kind"] == "claim"]
        circles.append((min(claims or component, key=order.__getitem__), component))
    out = []
    for first, component in sorted(circles, key=lambda c: order[c[0]]):
        cycle = " -> ".join(_circle_through(first, component, succ, order))
        out.append(_warn(amap, first, "support-cycle", f"circular support: {cycle}",
                         "a claim cannot be a reason for itself; cut one link of the circle",
                         nodes=nodes))
    return out


def _not_acyclic(amap: ArgumentMap, links: Links, counted: list[tuple[str, str]],
                 within: set[str]) -> set[str]:
    """Of the claims and the support arguments ``counted`` (with their targets) in ``within``,
    those that no topological order of the chains of support reaches: empty when there is no
    circle of support, else every such circle and what lies beyond one.

    Kahn's algorithm on the graph itself (premise -> support argument -> target): a node is
    free once every node before it is; what is never freed lies on a circle or after one.
    """
    succ = amap.adjacency()[0]
    premises = links.premises
    arguments = [a for a, _ in counted]
    taking_part = {c for c in links.claims if c in within}
    taking_part.update(arguments)
    # how many links of the chains run into each node from the others: one from each premise
    # of a counted argument, and one from the argument to its target
    into = Counter(t for _, t in counted if t in taking_part)
    into.update(a for a in arguments for p in premises[a] if p in taking_part)
    left = dict(into)
    free = list(filterfalse(left.__contains__, taking_part))
    freed = len(free)
    while free:
        for v in succ[free.pop()]:
            if v in taking_part:
                n = left[v] - 1
                left[v] = n
                if not n:
                    free.append(v)
                    freed += 1
    if freed == len(taking_part):
        return set()
    return {v for v, n in left.items() if n}


def _circle_through(start: str, component: set[str], succ: dict[str, list[str]],
                    order: dict[str, int]) -> list[str]:
    """A shortest circle from ``start`` back to itself inside ``component``, premise-ward: each
    node is followed by one that supports it (breadth-first, linear in the component; the
    supporters tried in file order)."""
    supported_by: dict[str, list[str]] = defaultdict(list)
    for u in sorted(component, key=order.__getitem__):
        for v in succ[u]:
            if v in component:
                supported_by[v].append(u)
    parent = {start: start}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for u in supported_by[v]:
            if u == start:
                path = [v]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1] + [start]
            if u not in parent:
                parent[u] = v
                queue.append(u)
    raise AssertionError("every node of a strongly connected component lies on a circle")


def strongly_connected(succ: dict[str, list[str]]) -> list[set[str]]:
    """Strongly connected components of a graph given as adjacency lists (iterative Tarjan).

    >>> sorted(map(sorted, strongly_connected({"a": ["b"], "b": ["a", "c"], "c": []})))
    [['a', 'b'], ['c']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[set[str]] = []
    counter = 0
    nodes = set(succ) | {t for ts in succ.values() for t in ts}
    for start in nodes:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            children = succ.get(v, ())
            if i > 0:  # returning from children[i - 1]
                low[v] = min(low[v], low[children[i - 1]])
            while i < len(children) and children[i] in index:
                w = children[i]
                if w in on_stack:
                    low[v] = min(low[v], index[w])
                i += 1
            if i < len(children):
                work.append((v, i + 1))
                work.append((children[i], 0))
                continue
            if low[v] == index[v]:
                component = set()
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.add(w)
                    if w == v:
                        break
                out.append(component)
    return out


def unused_claims(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    links = links or Links.of(amap)
    nodes = links.nodes
    pred = amap.adjacency()[1]
    out = []
    restating = {claim for claim, _, _ in amap.rephrases}  # a restatement is placed by its claim
    for c in filterfalse(links.uses.__contains__, links.claims):
        if c == amap.thesis or c in restating:
            continue
        if amap.thesis is None and pred[c]:
            continue  # a root of its own tree when the map names no thesis
        relations = {r["role"] for r in pred[c].values()}
        led = {frozenset(): "", frozenset({SUPPORT}): "; an argument supports it",
               frozenset({ATTACK}): "; an argument attacks it"}.get(
            frozenset(relations), "; arguments support and attack it")
        out.append(_warn(amap, c, "unused-claim",
                         f"claim {c!r} is not a premise of any argument, nor the thesis{led}",
                         f"make it a premise of an argument ({{supports: <a claim>, premises: "
                         f"[{c}]}}), or delete it", nodes=nodes))
    return out


def unsupported_thesis(amap: ArgumentMap) -> list[Diagnostic]:
    t = amap.thesis
    if t is None or amap.supporters(t) or amap.graph.nodes[t].get("given"):
        return []
    return [_warn(amap, t, "unsupported-thesis", f"the thesis {t!r} has no argument for it",
                  "add an argument with 'supports: " + t + "'")]


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(".!?").casefold()


_UNPUNCTUATED = methodcaller("rstrip", ".!?")


def _normals(texts: list[str]) -> list[str]:
    """:func:`_normal` of each text. Texts whose spaces are already single (no other white
    space, none at either end: what nearly every map has) need only the last two steps, done
    in C for all of them at once."""
    every = "\x00".join(texts)
    if (every.count("\x00") == len(texts) - 1 and every.replace("\x00", "").isprintable()
            and "  " not in every and " \x00" not in every and "\x00 " not in every
            and every[:1] != " " and every[-1:] != " "):
        # every white space but " " is unprintable, and " " is never doubled nor at an end
        return list(map(str.casefold, map(_UNPUNCTUATED, texts)))
    return list(map(_normal, texts))


def duplicate_texts(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    links = links or Links.of(amap)
    nodes, claims = links.nodes, links.claims
    keys = _normals(list(map(itemgetter("text"), links.claim_attrs)))
    if len(set(keys)) == len(keys):
        return []
    n = len(keys)
    first = dict(zip(reversed(keys), reversed(claims), strict=True))  # text -> its first claim
    at = dict(zip(reversed(keys), range(n - 1, -1, -1), strict=True))  # ... and its place
    again: dict[str, list[str]] = {}
    for c, key in zip(claims, keys, strict=True):
        if first[key] is not c:
            again.setdefault(key, []).append(c)
    out = []
    for key in sorted(again, key=at.__getitem__):
        original = first[key]
        for other in again[key]:
            out.append(_warn(amap, other, "duplicate-text",
                             f"claim {other!r} has the same text as {original!r}",
                             f"use {original!r} everywhere and delete {other!r}", nodes=nodes))
    return out


class Walk(NamedTuple):
    """What one pass down the map finds (see :func:`_walk`)."""

    # the claims, and the arguments that some argument targets, on the thesis's side: those
    # that queries.sides gives side +1
    case: set[str]
    rest: set[str]  # the nodes on or below a circle of any relations (mostly none)


# a node's sides as bits, 1: the thesis's side, 2: the other side; an attack swaps them
_SWAPPED = (0, 2, 1, 3)


def _walk(amap: ArgumentMap, links: Links) -> Walk:
    """One pass down the map, made once for the lints that need it: Kahn's algorithm from the
    claims that are a premise of nothing down to the premises (a claim once every argument it
    is a premise of is done, an argument with its target), each node's sides made from its
    parents' as it goes.

    The sides are those of :func:`argmap.queries.sides` from the roots of
    :meth:`~argmap.model.ArgumentMap.roots`: a premise or a supporter is on the side of what it
    bears on, an attacker on the other side. What the pass never reaches lies on or below a
    circle (of support, attack or both): its sides are then found by following it both ways
    from where the pass stopped, as ``sides`` does.
    """
    found: Walk | None = links.found.get("walk")
    if found is not None:
        return found
    premises, into = links.premises, amap.adjacency()[1]  # into: premises, arguments for/against
    attackers_of = links.attackers.get
    nodes, claims, thesis = links.nodes, links.claims, amap.thesis
    targeted = links.supported | links.attackers.keys()  # the nodes some argument targets
    # the arguments some argument targets -> the arguments into them (its premises aside)
    into_argument = {a: [b for b in into[a] if b not in premises[a]]
                     for a in targeted.intersection(premises)}
    # each claim's state in one int: 8 x the arguments it is a premise of that are not done
    # yet, + 4 if some argument targets it, + its sides (bit 1: the thesis's side, 2: the other)
    waiting = links.uses
    state = dict(zip(waiting, map(mul, waiting.values(), repeat(8)), strict=True))
    tops = list(filterfalse(waiting.__contains__, claims))  # premises of nothing
    for n in (tops if thesis is None else [thesis]):
        state[n] = state.get(n, 0) | 1
    for n in targeted.difference(into_argument):
        state[n] = state.get(n, 0) | 4
    order = [n for n in tops if n in targeted]  # then more, as they are freed
    arguments_done = 0
    well_formed = waiting.keys().isdisjoint(premises)  # no argument is a premise: none comes twice
    for n in order if well_formed else ():
        # a claim or an argument that some argument targets, all its parents done: the
        # arguments into it, each with its premises at once (it has no other parent)
        m = state[n] & 3
        below: Collection[str] = into_argument.get(n) or into[n]  # never an empty list
        against = attackers_of(n) or ()
        swapped = _SWAPPED[m]
        arguments_done += len(below)
        for a in below:
            side = swapped if a in against else m
            for p in premises[a]:
                k = (state[p] - 8) | side
                state[p] = k
                if 4 <= k < 8:  # done with, and some argument targets it
                    order.append(p)
            if a in into_argument:
                state[a] = side
                order.append(a)
    if well_formed and arguments_done == len(links.arguments):
        found = Walk(set(compress(state, map(and_, state.values(), repeat(1)))), set())
    else:  # circles: where the pass stopped, follow the rest both ways
        if well_formed:
            done = set(tops)
            done.update(compress(state, map(lt, state.values(), repeat(8))))
            more = True
            while more:  # the arguments whose target is done, and those aimed at them
                more = False
                for a in links.arguments:
                    if a not in done and nodes[a]["target"] in done:
                        done.add(a)
                        more = True
            rest = set(nodes).difference(done)
            sides = {n: k & 3 for n, k in state.items()}
        else:
            done, rest = set(), set(nodes)
            sides = {thesis: 1} if thesis is not None else {}
        roots = [r for r in amap.roots() if r in rest]
        todo = {1: [n for n in rest if sides.get(n, 0) & 1] + roots,
                -1: [n for n in rest if sides.get(n, 0) & 2]}
        case = _follow(amap, links.attackers, todo)
        case.update(n for n in done if sides.get(n, 0) & 1)
        found = Walk(case, rest)
    links.found["walk"] = found
    return found


def _follow(amap: ArgumentMap, attackers: dict[str, list[str]], todo: dict[int, list[str]]
            ) -> set[str]:
    """The nodes reached on side +1 from the nodes in ``todo`` (side -> where to start), as
    :func:`argmap.queries.sides` walks: a premise or a supporter on the side of what it bears
    on, an attacker on the other side."""
    into = amap.adjacency()[1]
    attackers_of = attackers.get
    seen: dict[int, set[str]] = {1: set(), -1: set()}
    while todo[1] or todo[-1]:
        for side in (1, -1):
            stack, done, other = todo[side], seen[side], todo[-side]
            while stack:
                n = stack.pop()
                if n in done:
                    continue
                done.add(n)
                against = attackers_of(n)
                if against is None:
                    stack.extend(into[n])
                else:  # an argument into a node attacks it or not: it has one target
                    other.extend(against)
                    stack.extend(into[n].keys() - against)
    return seen[1]


def unanswered_attacks(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    """Attacks on the thesis's case that nothing answers: the open flanks, at each attack, grouped
    by target (``validate`` puts all warnings in file order).

    The same attacks as :func:`argmap.queries.unanswered_objections` (and tested to agree): an
    attack is against the case when its target is on the thesis's side (see
    :func:`argmap.queries.sides`), and answered when something attacks it or one of its premises.
    Without a thesis, every claim that is a premise of nothing heads a case of its own.
    """
    links = links or Links.of(amap)
    nodes, attackers = links.nodes, links.attackers
    for_case = _walk(amap, links).case  # from the query's roots
    attacked = attackers.keys()
    out = []
    for target, attacks in attackers.items():
        if target not in for_case:
            continue  # these attack only the other side (replies), or are outside the case
        for a in attacks:
            attrs = nodes[a]
            if a in attackers or not attacked.isdisjoint(attrs["premises"]):
                continue  # answered
            out.append(_open_flank(amap, a, attrs, nodes[target]["kind"] == "argument", nodes))
    return out


def _open_flank(amap: ArgumentMap, a: str, attrs: dict[str, Any], undercut: bool,
                nodes: Mapping[str, dict[str, Any]]) -> Diagnostic:
    kind = "undercut" if undercut else "objection"
    label = f" ({attrs['title']})" if attrs.get("title") else ""
    premises = ", ".join(attrs["premises"])
    how = "'attacks: <its id>' (give it an 'id' first)" if attrs.get("auto_id") \
        else f"'attacks: {a}'"
    return _warn(amap, a, "unanswered-objection",
                 f"nothing answers the {kind} {a!r}{label} against {attrs['target']!r}, "
                 f"from {premises}",
                 f"answer it: attack one of its premises ({premises}), or undercut it with {how}",
                 also=tuple(attrs["premises"]), nodes=nodes)


def has_source_document(amap: ArgumentMap, links: Links | None = None) -> bool:
    """Whether the map maps a document: it has a top-level ``source``, or a claim cites one."""
    if amap.source:
        return True
    links = links or Links.of(amap)
    return any(attrs.get("para") is not None or attrs.get("quote")
               for attrs in links.claim_attrs)


def unsourced_premises(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    """Basis premises (no argument supports them) that cite neither a paragraph nor a quote.

    The claims of :func:`argmap.queries.unsupported_claims` (which asks for a verbatim quote),
    less those that give a paragraph: the lint asks only for a way to find the place in the
    source. ``given: true`` does not excuse a missing source. The analyst's own claims
    (``by: analyst``) are exempt: no source states them. A map of no document (no top-level
    ``source`` and no claim citing one) has nothing to cite, and gets no such warning.
    """
    links = links or Links.of(amap)
    if not has_source_document(amap, links):
        return []
    nodes = links.nodes
    basis = links.uses.keys() - links.supported
    is_basis = map(basis.__contains__, links.claims)
    premises = list(compress(zip(links.claims, links.claim_attrs, strict=True), is_basis))
    no_para = map(is_, map(_PARA, map(itemgetter(1), premises)), repeat(None))
    out = []
    for c, attrs in compress(premises, no_para):
        if attrs.get("quote") or attrs.get("by") == "analyst":
            continue
        given = "given " if attrs.get("given") else ""
        out.append(_warn(amap, c, "unsourced-premise",
                         f"{given}premise {c!r} has no argument for it and no source",
                         "cite the place: 'source: {para: N, quote: \"...\"}', or add an "
                         f"argument with 'supports: {c}'", nodes=nodes))
    return out


_PARA = methodcaller("get", "para")
_CITES = methodcaller("get", "cites")
_THEME = methodcaller("get", "theme")


def mixed_premises(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    """Claims that are a premise of an argument for a target and of one against the same target.

    One warning per claim and target, at the claim.
    """
    links = links or Links.of(amap)
    nodes = links.nodes
    both = links.supported & links.attackers.keys()  # targets with arguments for and against
    if not both:
        return []
    premises, targets = links.premises, links.targets
    # the premises of the attacks on each such target; a support with one of them makes it mixed
    against = {t: set(chain.from_iterable(map(premises.__getitem__, links.attackers[t])))
               for t in both}
    mixed_targets = {t for a, t in compress(zip(links.arguments, targets, strict=True),
                                            map(and_, links.supports, map(both.__contains__,
                                                                          targets)))
                     if not against[t].isdisjoint(premises[a])}
    if not mixed_targets:
        return []
    uses: dict[tuple[str, str], dict[str, str]] = {}  # (premise, target) -> relation -> argument
    mixed: list[tuple[str, str]] = []
    for a, target in compress(zip(links.arguments, targets, strict=True),
                              map(mixed_targets.__contains__, targets)):
        attrs = nodes[a]
        relation = attrs["relation"]
        for p in attrs["premises"]:
            found = uses.get((p, target))
            if found is None:
                uses[(p, target)] = {relation: a}
            elif relation not in found:
                found[relation] = a
                if len(found) == 2:
                    mixed.append((p, target))
    out = []
    for p, target in mixed:
        found = uses[(p, target)]
        out.append(_warn(amap, p, "mixed-premise",
                         f"claim {p!r} is a premise both for and against {target!r} "
                         f"(in {found[SUPPORT]!r} and {found[ATTACK]!r})",
                         f"a reason cannot cut both ways: drop {p!r} from one of the two "
                         "arguments, or split it into the two claims it stands for",
                         nodes=nodes))
    return out


def theme_sizes(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    """Themes that exactly one claim uses (at that claim), and declared themes that none uses
    (at the map: the loader keeps no position for theme keys)."""
    links = links or Links.of(amap)
    nodes, claims = links.nodes, links.claims
    themes = list(map(_THEME, links.claim_attrs))
    count = Counter(themes)
    count.pop(None, None)
    out = []
    for theme in amap.themes:
        if theme not in count:
            out.append(Diagnostic(
                "unused-theme", "warning", f"theme {theme!r} is declared but no claim uses it",
                amap.path, None, None,
                f"give 'theme: {theme}' to the claims it is about, or delete it from 'themes:'",
                ignored=_ignored(amap, "unused-theme", (), nodes)))
    single = [theme for theme, n in count.items() if n == 1]  # in the order first used
    if single:
        first = dict(zip(reversed(themes), reversed(claims), strict=True))
        for theme in single:
            c = first[theme]
            out.append(_warn(amap, c, "single-claim-theme",
                             f"theme {theme!r} has only one claim, {c!r}",
                             f"give 'theme: {theme}' to the other claims it covers, or drop it "
                             f"from {c!r}", nodes=nodes))
    return out
