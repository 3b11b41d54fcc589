"""The map as a tree of plain data: what ``argmap show`` draws and ``show --json`` prints.

Each claim lists the arguments for it (``supports``) and against it (``objections``); each
argument lists its premises (linked premises together), the arguments that back its inference
(``supports``) and those that deny it (``undercuts``). A claim reached a second time is a
reference (``"ref": true``) with no children, so shared premises and cycles are drawn once.
The walk uses an explicit stack: a chain thousands of claims long cannot overflow Python's stack.
"""

from __future__ import annotations

from typing import Any

from .model import ATTACK, ArgumentMap

__all__ = ["outline", "outline_roots", "annotate"]


def outline_roots(amap: ArgumentMap, focus: str | None = None) -> list[str]:
    """The ids the tree starts from: ``focus``, else the thesis, else every root claim."""
    if focus is not None:
        amap.node(focus)  # raises UnknownIdError with a suggestion
        return [focus]
    return amap.roots()


def outline(amap: ArgumentMap, focus: str | None = None, depth: int | None = None) -> dict:
    """The show tree as nested dicts and lists (JSON-ready).

    ``depth`` limits how many levels of reasons are expanded below each root (``None``: all).

    >>> from argmap import loads
    >>> m = loads('''
    ... thesis: t
    ... claims: {t: Tea is good., w: It is warm., c: It is cheap., x: It stains teeth.}
    ... arguments:
    ...   - {supports: t, premises: [w, c]}
    ...   - {id: stain, attacks: t, premises: [x]}
    ... ''')
    >>> tree = outline(m)
    >>> root = tree["roots"][0]
    >>> [p["id"] for p in root["supports"][0]["premises"]], root["objections"][0]["id"]
    (['w', 'c'], 'stain')
    """
    from functools import cache

    from .queries import sides

    g = amap.graph
    roots: list[dict] = []
    seen: set[str] = set()
    side_of = cache(lambda: sides(amap))  # computed once, only if the map has attacks
    # (node id, list to append to, depth of the claim level)
    stack: list[tuple[str, list, int]] = [(r, roots, 0) for r in reversed(outline_roots(amap, focus))]
    while stack:
        nid, into, level = stack.pop()
        attrs = g.nodes[nid]
        if attrs["kind"] == "claim":
            node = _claim(amap, nid, attrs)
            into.append(node)
            if nid in seen:
                node["ref"] = True
                continue
            seen.add(nid)
            args = list(g.pred[nid])
            if depth is not None and level >= depth:
                node["hidden"] = len(args)
                continue
            node["supports"], node["objections"] = [], []
            for a in reversed(args):
                bucket = node["objections"] if g.nodes[a]["relation"] == ATTACK else node["supports"]
                stack.append((a, bucket, level))
        else:
            node = _argument(amap, nid, attrs)
            if attrs["relation"] == ATTACK and side_of().get(attrs["target"]) == {-1}:
                node["reply"] = True  # it attacks only the other side: it answers an objection
            into.append(node)
            if nid in seen:  # reached again, e.g. two arguments that undercut each other
                node["ref"] = True
                continue
            seen.add(nid)
            for a in reversed(list(g.pred[nid])):
                if g.edges[a, nid]["role"] == "premise":
                    continue
                bucket = node["undercuts"] if g.nodes[a]["relation"] == ATTACK else node["supports"]
                stack.append((a, bucket, level))
            for p in reversed(attrs["premises"]):
                stack.append((p, node["premises"], level + 1))
    out = {"title": amap.title, "source": dict(amap.source), "thesis": amap.thesis,
           "roots": roots}
    if focus is None:
        # whatever the tree leaves out is counted: claims under no root (beside the thesis)
        under = amap.below(outline_roots(amap))
        apart = [c for c in amap.claims() if c not in under]
        if apart:
            out["not_shown"] = {"count": len(apart), "first": apart[:5]}
    return out


def _claim(amap: ArgumentMap, cid: str, a: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"kind": "claim", "id": cid, "text": a["text"]}
    if a.get("theme"):
        node["theme"] = a["theme"]
        node["theme_label"] = amap.theme_label(a["theme"])
    for key in ("para", "quote", "note"):
        if a.get(key) is not None:
            node[key] = a[key]
    if a.get("given"):
        node["given"] = True
    if a.get("by"):
        node["by"] = a["by"]
    if a.get("speaker"):
        node["speaker"] = a["speaker"]
    restates = [of for claim, of, _ in amap.rephrases if claim == cid]
    if restates:
        node["restates"] = restates
    if cid == amap.thesis:
        node["thesis"] = True
    return node


def _argument(amap: ArgumentMap, aid: str, a: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"kind": "argument", "id": aid, "relation": a["relation"],
                            "undercut": a["relation"] == ATTACK and amap.is_argument(a["target"]),
                            "linked": len(a["premises"]) > 1, "auto_id": a.get("auto_id", False)}
    for key in ("title", "scheme", "note"):
        if a.get(key):
            node[key] = a[key]
    node.update(premises=[], supports=[], undercuts=[])
    return node


def annotate(tree: dict, labels: dict[str, str], strengths: dict[str, float],
             evaluation: dict | None = None) -> dict:
    """Add ``status`` (IN, OUT or UNDEC) and ``strength`` to every claim and argument of an
    outline, in place. (``label`` is an argument's short name, so the key is ``status``.)
    ``evaluation`` (how the values were computed, e.g. ``{"semantics": "grounded",
    "strengths": {"method": "DF-QuAD", "converged": True, ...}}``) is kept as
    ``tree["evaluation"]``, so views can explain the measures and warn when DF-QuAD did not
    converge.

    >>> from argmap import loads
    >>> tree = annotate(outline(loads("claims: {a: A.}")), {"a": "IN"}, {"a": 0.5})
    >>> tree["roots"][0]["status"], tree["roots"][0]["strength"]
    ('IN', 0.5)
    """
    if evaluation is not None:
        tree["evaluation"] = evaluation
    stack = list(tree["roots"])
    while stack:
        node = stack.pop()
        node["status"] = labels[node["id"]]
        node["strength"] = round(strengths[node["id"]], 4)
        for key in ("supports", "objections", "premises", "undercuts"):
            stack.extend(node.get(key, ()))
    return tree
