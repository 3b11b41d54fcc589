"""Checks that go beyond the loader's structural errors: warnings about weak spots of a map.

``validate(map)`` never raises for a problem in the map; it returns :class:`Diagnostic` records and
leaves it to the caller (the CLI, an editor plugin, a test) to decide how to show them.

Every warning (a *lint*, see ``docs/lints.md``) is read off the graph: which node supports or
attacks which, what a claim cites, which theme it has. None looks at the wording of a claim beyond
the normalised comparison of ``duplicate-text``. Each runs in time linear in the size of the map:
the lints read one index of the map's relations (:class:`Links`), built once, instead of asking
networkx node by node, so ``check`` stays fast on maps of 100,000 claims.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any, NamedTuple

from .errors import Diagnostic
from .loader import no_gc
from .model import ATTACK, SUPPORT, ArgumentMap, Relations
from .queries import sides

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
    out += unused_claims(amap)
    out += unsupported_thesis(amap)
    out += duplicate_texts(amap)
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
    quoted = [c for c, cites in amap.graph.nodes(data="cites") if cites]
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
    """A map's relations as plain dicts, read from the graph in one pass."""

    nodes: dict[str, dict[str, Any]]  # id -> attributes, in file order
    premises: dict[str, tuple[str, ...]]  # argument -> its premises
    supporters: dict[str, list[str]]  # claim or argument -> the arguments that support it
    attackers: dict[str, list[str]]  # claim or argument -> the arguments that attack it
    used: set[str]  # the claims that are a premise of some argument

    @classmethod
    def of(cls, amap: ArgumentMap) -> Links:
        rel = amap.relations()
        used = {p for ps in rel.premises.values() for p in ps}
        return cls(dict(amap.graph.nodes(data=True)), rel.premises, rel.supporters,
                   rel.attackers, used)


def _warn(amap: ArgumentMap, id: str, code: str, message: str, hint: str,
          also: tuple[str, ...] = ()) -> Diagnostic:
    """A warning at ``id``; ignored if ``id``, a node of ``also`` or the map ignores ``code``."""
    attrs = amap.graph.nodes[id]
    pos = attrs.get("pos")
    return Diagnostic(code, "warning", message, pos.file if pos else amap.path,
                      pos.line if pos else None, pos.col if pos else None, hint,
                      ignored=_ignored(amap, code, (id, *also)))


def _ignored(amap: ArgumentMap, code: str, ids: tuple[str, ...] = ()) -> str | None:
    """The reason given for ignoring ``code`` by the first of ``ids`` that does, or by the map."""
    nodes = amap.graph.nodes
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
    backing.
    """
    links = links or Links.of(amap)
    nodes, supporters = links.nodes, links.supporters
    succ: dict[str, list[str]] = defaultdict(list)  # towards what each node helps to support
    for a, attrs in nodes.items():
        if attrs["kind"] != "argument" or attrs["relation"] != SUPPORT:
            continue
        target = attrs["target"]
        if nodes[target]["kind"] == "argument" and nodes[target]["relation"] != SUPPORT:
            continue  # backing an attack supports no claim
        step = target
        if a in supporters:  # a backed inference is a step of its own
            succ[a].append(target)
            step = a
        for p in attrs["premises"]:
            succ[p].append(step)
    out = []
    order: dict[str, int] = {}
    for component in strongly_connected(succ):
        if len(component) < 2:
            continue
        if not order:
            order = {n: i for i, n in enumerate(nodes)}
        claims = [n for n in component if nodes[n]["kind"] == "claim"]
        first = min(claims or component, key=order.__getitem__)
        cycle = " -> ".join(_circle_through(first, component, succ))
        out.append(_warn(amap, first, "support-cycle",
                         f"circular support: {cycle}",
                         "a claim cannot be a reason for itself; cut one link of the circle"))
    return out


def _circle_through(start: str, component: set[str], succ: dict[str, list[str]]) -> list[str]:
    """A shortest circle from ``start`` back to itself inside ``component``, premise-ward: each
    node is followed by one that supports it (breadth-first, linear in the component)."""
    supported_by: dict[str, list[str]] = defaultdict(list)
    for u in component:
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


def unused_claims(amap: ArgumentMap) -> list[Diagnostic]:
    g = amap.graph
    out = []
    restating = {claim for claim, _, _ in amap.rephrases}  # a restatement is placed by its claim
    for c in amap.claims():
        if c == amap.thesis or g.succ[c] or c in restating:
            continue
        if amap.thesis is None and g.pred[c]:
            continue  # a root of its own tree when the map names no thesis
        relations = {r["role"] for r in g.pred[c].values()}
        led = {frozenset(): "", frozenset({SUPPORT}): "; an argument supports it",
               frozenset({ATTACK}): "; an argument attacks it"}.get(
            frozenset(relations), "; arguments support and attack it")
        out.append(_warn(amap, c, "unused-claim",
                         f"claim {c!r} is not a premise of any argument, nor the thesis{led}",
                         f"make it a premise of an argument ({{supports: <a claim>, premises: "
                         f"[{c}]}}), or delete it"))
    return out


def unsupported_thesis(amap: ArgumentMap) -> list[Diagnostic]:
    t = amap.thesis
    if t is None or amap.supporters(t) or amap.graph.nodes[t].get("given"):
        return []
    return [_warn(amap, t, "unsupported-thesis", f"the thesis {t!r} has no argument for it",
                  "add an argument with 'supports: " + t + "'")]


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(".!?").casefold()


def duplicate_texts(amap: ArgumentMap) -> list[Diagnostic]:
    by_text: dict[str, list[str]] = defaultdict(list)
    for c in amap.claims():
        by_text[_normal(amap.graph.nodes[c]["text"])].append(c)
    out = []
    for ids in by_text.values():
        for other in ids[1:]:
            out.append(_warn(amap, other, "duplicate-text",
                             f"claim {other!r} has the same text as {ids[0]!r}",
                             f"use {ids[0]!r} everywhere and delete {other!r}"))
    return out


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
    roots = amap.roots()  # the query's roots, parts that only point into themselves included
    index = Relations(links.premises, links.supporters, attackers)
    for_case = {n for n, s in sides(amap, roots, index).items() if 1 in s}
    out = []
    for target, attacks in attackers.items():
        if target not in for_case:
            continue  # these attack only the other side (replies), or are outside the case
        for a in attacks:
            attrs = nodes[a]
            if a in attackers or any(p in attackers for p in attrs["premises"]):
                continue  # answered
            out.append(_open_flank(amap, a, attrs, nodes[target]["kind"] == "argument"))
    return out


def _open_flank(amap: ArgumentMap, a: str, attrs: dict[str, Any], undercut: bool) -> Diagnostic:
    kind = "undercut" if undercut else "objection"
    label = f" ({attrs['title']})" if attrs.get("title") else ""
    premises = ", ".join(attrs["premises"])
    how = "'attacks: <its id>' (give it an 'id' first)" if attrs.get("auto_id") \
        else f"'attacks: {a}'"
    return _warn(amap, a, "unanswered-objection",
                 f"nothing answers the {kind} {a!r}{label} against {attrs['target']!r}, "
                 f"from {premises}",
                 f"answer it: attack one of its premises ({premises}), or undercut it with {how}",
                 also=tuple(attrs["premises"]))


def has_source_document(amap: ArgumentMap, links: Links | None = None) -> bool:
    """Whether the map maps a document: it has a top-level ``source``, or a claim cites one."""
    if amap.source:
        return True
    links = links or Links.of(amap)
    return any(attrs["kind"] == "claim" and (attrs.get("para") is not None or attrs.get("quote"))
               for attrs in links.nodes.values())


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
    out = []
    for c, attrs in links.nodes.items():
        if (attrs["kind"] != "claim" or c not in links.used or c in links.supporters
                or attrs.get("quote") or attrs.get("para") is not None
                or attrs.get("by") == "analyst"):
            continue
        given = "given " if attrs.get("given") else ""
        out.append(_warn(amap, c, "unsourced-premise",
                         f"{given}premise {c!r} has no argument for it and no source",
                         "cite the place: 'source: {para: N, quote: \"...\"}', or add an "
                         f"argument with 'supports: {c}'"))
    return out


def mixed_premises(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    """Claims that are a premise of an argument for a target and of one against the same target.

    One warning per claim and target, at the claim.
    """
    links = links or Links.of(amap)
    uses: dict[tuple[str, str], dict[str, str]] = {}  # (premise, target) -> relation -> argument
    mixed: list[tuple[str, str]] = []
    for a, attrs in links.nodes.items():
        if attrs["kind"] != "argument":
            continue
        for p in attrs["premises"]:
            found = uses.setdefault((p, attrs["target"]), {})
            if attrs["relation"] not in found:
                found[attrs["relation"]] = a
                if len(found) == 2:
                    mixed.append((p, attrs["target"]))
    out = []
    for p, target in mixed:
        found = uses[(p, target)]
        out.append(_warn(amap, p, "mixed-premise",
                         f"claim {p!r} is a premise both for and against {target!r} "
                         f"(in {found[SUPPORT]!r} and {found[ATTACK]!r})",
                         f"a reason cannot cut both ways: drop {p!r} from one of the two "
                         "arguments, or split it into the two claims it stands for"))
    return out


def theme_sizes(amap: ArgumentMap, links: Links | None = None) -> list[Diagnostic]:
    """Themes that exactly one claim uses (at that claim), and declared themes that none uses
    (at the map: the loader keeps no position for theme keys)."""
    links = links or Links.of(amap)
    by_theme: dict[str, list[str]] = defaultdict(list)
    for c, attrs in links.nodes.items():
        if attrs["kind"] == "claim" and attrs.get("theme") is not None:
            by_theme[attrs["theme"]].append(c)
    out = []
    for theme in amap.themes:
        if theme not in by_theme:
            out.append(Diagnostic(
                "unused-theme", "warning", f"theme {theme!r} is declared but no claim uses it",
                amap.path, None, None,
                f"give 'theme: {theme}' to the claims it is about, or delete it from 'themes:'",
                ignored=_ignored(amap, "unused-theme")))
    for theme, claims in by_theme.items():
        if len(claims) == 1:
            c = claims[0]
            out.append(_warn(amap, c, "single-claim-theme",
                             f"theme {theme!r} has only one claim, {c!r}",
                             f"give 'theme: {theme}' to the other claims it covers, or drop it "
                             f"from {c!r}"))
    return out
