"""What a diagram shows, decided once: the view layer between the map and every drawing.

:func:`view` turns a map (or a part of it) into a :class:`MapView`: the boxes with their text,
badges and look, the argument nodes that carry structure, the junctions where linked premises
meet, the edges with their kind, the themes and the legend. The DOT writer draws a view, and so
will every later writer (Mermaid, GraphML, the HTML brief), so the rules of what is drawn live
here, next to the style table in :mod:`argmap.render.theme`.

Rules:

- A claim is a box. The thesis, the analyst's own claims and given claims look different.
- An argument becomes a node of its own only where it carries structure: a title, something
  aimed at its inference (an undercut, a backing), or linked premises with a scheme. Linked
  premises with neither title nor scheme meet at a small *junction*; a lone premise is drawn
  as a direct edge.
- Each edge has a kind (support, attack, undercut) that picks its colour and line style.
- A *stub* stands for a branch drawn elsewhere ("▸ 9 more claims: see p. 3").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import ArgumentMap
from . import theme

__all__ = ["ViewNode", "ViewEdge", "MapView", "Stub", "theme_colours", "view"]


@dataclass
class ViewNode:
    """One box, argument node, junction or stub.

    ``kind`` is ``claim``, ``argument``, ``junction`` or ``stub``; ``look`` is the claim's
    look (``thesis``, ``analyst``, ``given`` or ``claim``) or an argument's relation key.
    """

    id: str
    kind: str
    text: str = ""
    look: str = "claim"
    meta: list[str] = field(default_factory=list)
    theme: str | None = None
    scheme: str | None = None
    status: tuple[str, float] | None = None
    link: str | None = None  # a stub's target (a page number or a file)


@dataclass
class ViewEdge:
    """An edge from ``source`` to ``target``; ``kind`` is ``support``, ``attack`` or
    ``undercut``; ``arrow`` is False for a premise's line into its argument node or junction."""

    source: str
    target: str
    kind: str
    arrow: bool = True


@dataclass
class Stub:
    """A branch drawn elsewhere: one small box hanging below claim ``at``. With ``kind`` (a
    relation key) it stands for a whole argument for or against ``at`` and is drawn as one."""

    at: str
    claims: int
    link: str
    text: str = ""
    kind: str | None = None


@dataclass
class MapView:
    title: str | None
    nodes: dict[str, ViewNode]
    edges: list[ViewEdge]
    themes: dict[str, str]  # theme id -> label, for the themes that appear, in map order
    colours: dict[str, str]  # theme id -> its colour, the same in every view of the map
    relations: list[str]  # relation kinds used, in legend order
    labels: list[str]  # evaluation labels used, in legend order
    analyst: bool  # whether any analyst claim appears
    eval_note: str | None = None

    def claims(self) -> list[ViewNode]:
        return [n for n in self.nodes.values() if n.kind == "claim"]


def theme_colours(amap: ArgumentMap) -> dict[str, str]:
    """Each theme's colour, the same on every page and in every part drawn: the declared themes
    in order, then any others in the order claims use them."""
    order = dict.fromkeys(amap.themes)
    for _, t in amap.graph.nodes(data="theme"):
        if t is not None:
            order.setdefault(t)
    return {t: theme.THEME_COLOURS[i % len(theme.THEME_COLOURS)] for i, t in enumerate(order)}


def view(amap: ArgumentMap, nodes: Iterable[str] | None = None, *, ids: bool = False,
         status: dict[str, tuple[str, float]] | None = None, eval_note: str | None = None,
         stubs: Iterable[Stub] = ()) -> MapView:
    """The view of ``amap`` (or of the part ``nodes``, see :func:`argmap.queries.subset`).

    ``status`` maps node ids to an evaluation result ``(label, strength)``; ``ids`` adds each
    claim's id to its box; ``stubs`` hang a box for each branch drawn elsewhere.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., a: A., b: B., c: C.}\\narguments: ["
    ...           "{supports: t, premises: [a, b]}, {attacks: t, premises: [c]}]")
    >>> v = view(m)
    >>> sorted(n.kind for n in v.nodes.values())
    ['claim', 'claim', 'claim', 'claim', 'junction']
    >>> [(e.source, e.target, e.kind, e.arrow) for e in v.edges]  # doctest: +NORMALIZE_WHITESPACE
    [('a', 'a+b--supports--t', 'support', False), ('b', 'a+b--supports--t', 'support', False),
     ('a+b--supports--t', 't', 'support', True), ('c', 't', 'attack', True)]
    """
    g = amap.graph
    keep = set(g) if nodes is None else set(nodes)
    status = status or {}
    out: dict[str, ViewNode] = {}
    for c in g:
        if c in keep and g.nodes[c]["kind"] == "claim":
            out[c] = _claim_node(amap, c, ids, status.get(c))
    args = [a for a in g if a in keep and g.nodes[a]["kind"] == "argument"
            and g.nodes[a]["target"] in keep and any(p in keep for p in g.nodes[a]["premises"])]
    shown = set(args) | set(out)
    edges: list[ViewEdge] = []
    used: set[str] = set()
    for a in args:
        attrs = g.nodes[a]
        target = attrs["target"]
        key = theme.relation_key(attrs["relation"], g.nodes[target]["kind"] == "argument")
        used.add(key)
        premises = [p for p in attrs["premises"] if p in keep]
        aimed_at = any(s in shown for s in g.pred[a] if s not in attrs["premises"])
        linked = len(premises) > 1
        if attrs.get("title") or aimed_at or (linked and attrs.get("scheme")):
            out[a] = ViewNode(a, "argument", attrs.get("title") or "", key,
                              scheme=attrs.get("scheme"), status=status.get(a))
        elif linked:
            out[a] = ViewNode(a, "junction", look=key)
        else:
            edges.extend(ViewEdge(p, target, key) for p in premises)
            continue
        edges.extend(ViewEdge(p, a, key, arrow=False) for p in premises)
        edges.append(ViewEdge(a, target, key))
    for i, s in enumerate(stubs):
        sid = f"{s.at}--more-{i}"
        out[sid] = ViewNode(sid, "stub", s.text or f"▸ {s.claims} more claim"
                            f"{'s' * (s.claims != 1)}: see {s.link}", look=s.kind or "stub",
                            link=s.link)
        kind = s.kind if s.kind in theme.RELATIONS else "support"
        edges.append(ViewEdge(sid, s.at, kind, arrow=s.kind is not None))
    # every theme of the map in one order (declared first, then as met), so that a theme has
    every = theme_colours(amap)
    shown_themes = {n.theme for n in out.values() if n.theme is not None}
    themes = {t: amap.theme_label(t) or t for t in every if t in shown_themes}
    colours = {t: every[t] for t in themes}
    labels = sorted({v[0] for k, v in status.items() if k in out},
                    key=["IN", "OUT", "UNDEC"].index)
    used |= {s.kind for s in stubs if s.kind in theme.RELATIONS}
    return MapView(amap.title, out, edges, themes, colours,
                   [k for k in ("support", "attack", "undercut") if k in used], labels,
                   any(n.look == "analyst" for n in out.values()), eval_note)


def _claim_node(amap: ArgumentMap, c: str, ids: bool,
                status: tuple[str, float] | None) -> ViewNode:
    a = amap.graph.nodes[c]
    meta = []
    if a.get("para") is not None:
        meta.append(f"¶{a['para']}")
    if a.get("given"):
        meta.append("given")
    if a.get("by") == "analyst":
        meta.append(theme.ANALYST["word"])
    if ids:
        meta.append(c)
    look = ("thesis" if c == amap.thesis else "analyst" if a.get("by") == "analyst"
            else "given" if a.get("given") else "claim")
    return ViewNode(c, "claim", a["text"], look, meta, a.get("theme"), status=status)

