"""Checks that go beyond the loader's structural errors: warnings about weak spots of a map.

``validate(map)`` never raises for a problem in the map; it returns :class:`Diagnostic` records and
leaves it to the caller (the CLI, an editor plugin, a test) to decide how to show them.
"""

from __future__ import annotations

from collections import defaultdict

from .errors import Diagnostic
from .loader import no_gc, parse
from .model import SUPPORT, ArgumentMap

__all__ = ["validate", "check_text", "WARNING_CODES"]

WARNING_CODES = {
    "support-cycle": "claims that support each other in a circle prove nothing",
    "unused-claim": "a claim that is neither the thesis nor a premise of any argument",
    "unsupported-thesis": "the thesis has no argument for it",
    "duplicate-text": "two claims say the same thing; merge them so support is not split",
}


def validate(amap: ArgumentMap) -> list[Diagnostic]:
    """Warnings about a loaded map, in file order.

    >>> from argmap import loads
    >>> m = loads("thesis: a\\nclaims: {a: A., b: B., c: C.}\\n"
    ...           "arguments: [{supports: a, premises: [b]}, {supports: b, premises: [a]}]")
    >>> [d.code for d in validate(m)]
    ['support-cycle', 'unused-claim']
    """
    with no_gc():
        return _validate(amap)


def _validate(amap: ArgumentMap) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    out += support_cycles(amap)
    out += unused_claims(amap)
    out += unsupported_thesis(amap)
    out += duplicate_texts(amap)
    out.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    return out


def check_text(text: str, name: str = "<string>") -> list[Diagnostic]:
    """Every error and warning for a map's YAML text (warnings only when there is no error)."""
    amap, diagnostics = parse(text, name)
    if not any(d.is_error for d in diagnostics):
        diagnostics += validate(amap)
    return diagnostics


def _warn(amap: ArgumentMap, id: str, code: str, message: str, hint: str) -> Diagnostic:
    pos = amap.position(id)
    return Diagnostic(code, "warning", message, pos.file if pos else amap.path,
                      pos.line if pos else None, pos.col if pos else None, hint)


def support_cycles(amap: ArgumentMap) -> list[Diagnostic]:
    """Claims that end up supporting themselves through chains of support."""
    g = amap.graph
    support: dict[str, list[str]] = defaultdict(list)
    for _, attrs in g.nodes(data=True):
        if attrs["kind"] == "argument" and attrs["relation"] == SUPPORT:
            for p in attrs["premises"]:
                support[p].append(attrs["target"])
    out = []
    for component in strongly_connected(support):
        if len(component) < 2:
            continue
        members = [n for n in g if n in component]  # file order
        cycle = " -> ".join(members + [members[0]])
        out.append(_warn(amap, members[0], "support-cycle",
                         f"circular support: {cycle}",
                         "a claim cannot be a reason for itself; cut one link of the circle"))
    return out


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
    for c in amap.claims():
        if c == amap.thesis or g.succ[c]:
            continue
        if amap.thesis is None and g.pred[c]:
            continue  # a root of its own tree when the map names no thesis
        out.append(_warn(amap, c, "unused-claim", f"claim {c!r} is used by no argument",
                         "make it a premise of an argument, or delete it"))
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
