"""The map as a tree of plain data: what ``argmap show`` draws and ``show --json`` prints.

Each claim lists the arguments for it (``supports``) and against it (``objections``); each
argument lists its premises (linked premises together), the arguments that back its inference
(``supports``) and those that deny it (``undercuts``). A claim reached a second time is a
reference (``"ref": true``) with no children, so shared premises and cycles are drawn once.
The walk uses an explicit stack: a chain thousands of claims long cannot overflow Python's stack.
"""

from __future__ import annotations

from typing import Any

from .model import ARGUMENT, ATTACK, CLAIM, PREMISE, ArgumentMap

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
    g = amap.graph
    nodes, pred = g._node, g._pred
    roots: list[dict] = []
    seen: set[str] = set()
    restates: dict[str, list[str]] = {}
    for claim, of, _ in amap.rephrases:
        restates.setdefault(claim, []).append(of)
    themes, thesis = amap.themes, amap.thesis
    replies: set[str] | None = None  # the nodes only on the other side: computed if needed
    # (node id, list to append to, depth of the claim level)
    stack: list[tuple[str, list, int]] = [(r, roots, 0) for r in reversed(outline_roots(amap, focus))]
    while stack:
        nid, into, level = stack.pop()
        attrs = nodes[nid]
        if attrs["kind"] == CLAIM:
            node = {"kind": "claim", "id": nid, "text": attrs["text"]}  # as _claim, inline
            value = attrs.get("theme")
            if value:
                node["theme"] = value
                node["theme_label"] = themes.get(value, value)
            for key in ("para", "quote", "note"):
                value = attrs.get(key)
                if value is not None:
                    node[key] = value
            if attrs.get("given"):
                node["given"] = True
            value = attrs.get("by")
            if value:
                node["by"] = value
            value = attrs.get("speaker")
            if value:
                node["speaker"] = value
            if nid in restates:
                node["restates"] = list(restates[nid])
            if nid == thesis:
                node["thesis"] = True
            into.append(node)
            if nid in seen:
                node["ref"] = True
                continue
            seen.add(nid)
            args = pred[nid]
            if depth is not None and level >= depth:
                node["hidden"] = len(args)
                continue
            supports: list[dict] = []
            objections: list[dict] = []
            node["supports"], node["objections"] = supports, objections
            for a in reversed(list(args)):
                stack.append((a, objections if nodes[a]["relation"] == ATTACK else supports, level))
        else:
            node = _argument(nodes, nid, attrs)
            if attrs["relation"] == ATTACK:
                if replies is None:
                    from .queries import side_sets

                    plus, minus = side_sets(amap)
                    replies = minus - plus
                if attrs["target"] in replies:
                    node["reply"] = True  # it attacks only the other side: it answers an objection
            into.append(node)
            if nid in seen:  # reached again, e.g. two arguments that undercut each other
                node["ref"] = True
                continue
            seen.add(nid)
            into_it = pred[nid]
            if len(into_it) > len(attrs["premises"]):  # arguments for or against its inference
                for a, edge in reversed(list(into_it.items())):
                    if edge["role"] == PREMISE:
                        continue
                    bucket = node["undercuts"] if nodes[a]["relation"] == ATTACK \
                        else node["supports"]
                    stack.append((a, bucket, level))
            for p in reversed(attrs["premises"]):
                stack.append((p, node["premises"], level + 1))
    out = {"title": amap.title, "source": dict(amap.source), "thesis": amap.thesis,
           "roots": roots}
    if focus is None:
        # whatever the tree leaves out is counted: claims under no root (beside the thesis)
        under = seen  # without --depth, the walk reached every node under the roots
        if depth is not None:
            under = set()
            todo = list(outline_roots(amap))
            while todo:  # every node under the roots (as ArgumentMap.below, on the plain dicts)
                n = todo.pop()
                if n not in under:
                    under.add(n)
                    todo.extend(pred[n])
        apart = [c for c, a in nodes.items() if a["kind"] == CLAIM and c not in under]
        if apart:
            out["not_shown"] = {"count": len(apart), "first": apart[:5]}
    return out


def _argument(nodes: dict[str, dict[str, Any]], aid: str, a: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"kind": "argument", "id": aid, "relation": a["relation"],
                            "undercut": a["relation"] == ATTACK
                            and nodes[a["target"]]["kind"] == ARGUMENT,
                            "linked": len(a["premises"]) > 1, "auto_id": a.get("auto_id", False)}
    for key in ("title", "scheme", "note"):
        value = a.get(key)
        if value:
            node[key] = value
    node["premises"], node["supports"], node["undercuts"] = [], [], []
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
