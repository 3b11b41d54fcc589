"""The fast layout: a map drawn as a tidy tree, in time linear in its size.

Graphviz's ``dot`` orders the boxes of each rank to cut edge crossings, and that search grows
much faster than the map: a minute and a half for 10,000 claims. Here every node gets its
position in two walks of the map, and Graphviz only measures, draws and routes the edges as
straight lines (its ``nop2`` layout, named in the DOT source, so that a ``dot`` on PATH draws
the file the same way).

The drawing is the map's tree, the way an outline shows it: each claim's reasons and objections
beside it (below it when the thesis is on top), in the map's order, each branch packed against
the one before it as closely as the boxes of every level allow (Reingold and Tilford's tidy
tree), so that no two boxes overlap and no edge of the tree crosses another. A premise used by
a second argument is drawn once, in the first branch that reaches it, with a straight edge to
the other. The claims of one depth line up in one column (one row for a map drawn top down),
with the argument nodes and junctions between.

Sizes come from the text and type of each label (:func:`box_size`), measured for DejaVu Sans,
the theme's font, and rounded up: a box drawn with a narrower font has a little more room.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .view import MapView, ViewNode

__all__ = ["positions", "place", "Placed", "box_size", "GAP", "FAST_LAYOUT_FROM"]

#: The size (claims drawn) from which ``argmap export`` takes this layout unless told otherwise:
#: dot with its bounded search takes 10 s and more from there (0.6 s for 1000 claims, 100 s
#: for 10,000), this one seconds.
FAST_LAYOUT_FROM = 2500

GAP = 18.0  # points between two boxes across the ranks (dot's nodesep=0.25)
RANK_GAP = 30.0  # points between a column of boxes and the argument nodes beside it
CHAR = 0.6  # a character's width in ems, a little above DejaVu Sans's mean for text
LINE = 1.02  # a line's height in ems
MIN_WIDTH, MIN_HEIGHT = 54.0, 36.0  # Graphviz's smallest box (width 0.75, height 0.5 inches)


def box_size(n: ViewNode, wrap: int, themes: str = "bands",
             lines_of: Callable[[str, int], list[str]] | None = None) -> tuple[float, float]:
    """The width and height in points of ``n``'s box as :func:`argmap.render.graphviz.dot_of`
    draws it, or a little more.

    >>> from argmap.render.view import ViewNode
    >>> box_size(ViewNode("j", "junction"), 34)
    (6.5, 6.5)
    >>> w, h = box_size(ViewNode("c", "claim", "A claim of four words.", meta=["¶2"]), 34)
    >>> 150 < w < 190 and 30 < h < 40
    True
    """
    from .graphviz import wrap_lines as plain

    wrap_lines = lines_of or plain
    if n.kind == "junction":
        return 6.5, 6.5
    if n.kind == "stub":
        lines = wrap_lines(n.text, 34)
        return (max(_text_width(lines, 9) + 14, MIN_WIDTH),
                max(len(lines) * 9 * LINE + 10, MIN_HEIGHT))
    if n.kind == "argument":
        texts = [t for t in (n.text, f"({n.scheme})" if n.scheme else "") if t]
        lines = [ln for t in texts for ln in wrap_lines(t, 24)]
        if not lines and n.status is None:
            return 10.5, 10.5
        rows = len(lines) * 9 * LINE + (11.5 if n.status is not None else 0)
        width = max(_text_width(lines, 9), 190 if n.status is not None else 0) + 11
        return max(width, MIN_WIDTH), max(rows + 18, MIN_HEIGHT)
    thesis = n.look == "thesis"
    size = 14 if thesis else 11
    lines = wrap_lines(n.text, wrap - 4 if thesis else wrap)
    width = _text_width(lines, size)
    height = len(lines) * size * LINE
    if n.meta:
        width = max(width, _text_width([" · ".join(n.meta)], 9))
        height += 11.5
    if n.status is not None:
        width = max(width, 190)
        height += 11.5
    if themes == "bands" and n.theme:
        height += 13.5
    return max(width + 24, MIN_WIDTH), max(height + 14, MIN_HEIGHT)


def _text_width(lines: list[str], size: float) -> float:
    return max((len(line) for line in lines), default=0) * size * CHAR


class Placed(NamedTuple):
    """Where each node goes (``at``), and the edges of the tree (``tree``: source, target)."""

    at: dict[str, tuple[float, float]]
    tree: set[tuple[str, str]]


def positions(v: MapView, direction: str, wrap: int, themes: str = "bands",
              lines_of: Callable[[str, int], list[str]] | None = None
              ) -> dict[str, tuple[float, float]]:
    """Where each node of ``v`` goes, in points (Graphviz's coordinates: y grows upwards), for
    a drawing with the thesis on top (``BT``), at the bottom (``TB``), on the left (``RL``) or
    on the right (``LR``): :func:`place`'s positions.

    >>> from argmap import loads
    >>> from argmap.render.view import view
    >>> m = loads("claims: {t: T., a: A., b: B.}\\narguments: ["
    ...           "{supports: t, premises: [a]}, {attacks: t, premises: [b]}]")
    >>> at = positions(view(m), "BT", 34)
    >>> at["t"][1] > at["a"][1] == at["b"][1] and at["a"][0] < at["t"][0] < at["b"][0]
    True
    """
    return place(v, direction, wrap, themes, lines_of).at


def place(v: MapView, direction: str, wrap: int, themes: str = "bands",
          lines_of: Callable[[str, int], list[str]] | None = None) -> Placed:
    """The fast layout of ``v`` (see :func:`positions`), and which of its edges make the tree:
    the others (a premise's second use) run across it."""
    across_is_x = direction in ("BT", "TB")
    size = {n.id: box_size(n, wrap, themes, lines_of) for n in v.nodes.values()}
    across_size = {k: (w if across_is_x else h) for k, (w, h) in size.items()}
    along_size = {k: (h if across_is_x else w) for k, (w, h) in size.items()}

    # the tree: each node under the first node (in the map's order) that it points to
    into: dict[str, list[str]] = {}
    points_to: set[str] = set()
    for e in v.edges:
        if e.source in v.nodes and e.target in v.nodes and e.source != e.target:
            into.setdefault(e.target, []).append(e.source)
            points_to.add(e.source)
    roots = [k for k in v.nodes if k not in points_to]
    roots.sort(key=lambda k: v.nodes[k].look != "thesis")
    children: dict[str, list[str]] = {}
    parent_of: dict[str, str] = {}
    level: dict[str, int] = {}  # in half steps: claims on even ones, argument nodes between
    order: list[str] = []  # parents before their children
    for start in roots + list(v.nodes):  # the rest: parts that only go round in circles
        if start in level:
            continue
        level[start] = 0 if start in roots else 2
        stack = [start]
        while stack:
            k = stack.pop()
            order.append(k)
            kids = [c for c in dict.fromkeys(into.get(k, ())) if c not in level]
            for c in kids:
                step = 2 if v.nodes[c].kind == "claim" and v.nodes[k].kind == "claim" else 1
                level[c] = level[k] + step
            children[k] = kids
            parent_of.update((c, k) for c in kids)
            stack.extend(reversed(kids))

    # along the ranks: a column for each level, as wide as its widest box
    deepest = max(level.values(), default=0)
    widths = [0.0] * (deepest + 1)
    for k, lv in level.items():
        widths[lv] = max(widths[lv], along_size[k])
    centre, at = [], 0.0
    for lv, width in enumerate(widths):
        if lv % 2 == 1 and width == 0:  # no argument nodes at this level: room for the edges
            width = RANK_GAP
        at += width / 2
        centre.append(at)
        at += width / 2 + (RANK_GAP if width else 0)

    # across the ranks: each subtree packed against its elder siblings as closely as the
    # boxes of every level allow (the outline of a subtree: its extent at each level)
    rel: dict[str, float] = {}  # a node's centre from its parent's
    outline: dict[str, _Outline] = {}
    for k in reversed(order):
        packed = _pack([outline.pop(c) for c in children[k]], children[k], rel)
        half = across_size[k] / 2
        packed.put(level[k], -half, half)
        outline[k] = packed
    first_root = [k for k in order if k in roots or k not in rel]
    _pack([outline.pop(k) for k in first_root], first_root, rel)
    mid: dict[str, float] = {}
    for k in order:
        mid[k] = rel[k] + (mid[parent_of[k]] if k in parent_of else 0.0)

    out = {}
    for k in order:
        along, across = centre[level[k]], mid[k]
        if direction == "BT":
            out[k] = (across, -along)
        elif direction == "TB":
            out[k] = (across, along)
        elif direction == "RL":
            out[k] = (along, -across)
        else:
            out[k] = (-along, -across)
    return Placed(out, set(parent_of.items()))


class _Outline:
    """How far a subtree reaches across at each level: ``level -> (low, high)``, each plus
    ``shift``, from the subtree's top node's centre (kept apart so that moving a big outline
    costs nothing)."""

    __slots__ = ("reach", "shift")

    def __init__(self) -> None:
        self.reach: dict[int, tuple[float, float]] = {}
        self.shift = 0.0

    def put(self, lv: int, low: float, high: float) -> None:
        self.reach[lv] = (low - self.shift, high - self.shift)


def _pack(outlines: list[_Outline], names: list[str], rel: dict[str, float]) -> _Outline:
    """Place subtrees side by side, in order, each as close to those before as its outline
    allows, and centre them: each one's centre goes into ``rel``; their joint outline is
    returned. The walk over two outlines is over the smaller one, and the merged outline
    keeps the larger one's table, so that a map of any shape is packed in n log n steps."""
    if not outlines:
        return _Outline()
    joint, placed = outlines[0], [0.0]
    for nxt in outlines[1:]:
        small, big = (joint, nxt) if len(joint.reach) < len(nxt.reach) else (nxt, joint)
        need = 0.0 if not placed else -float("inf")
        for lv, (lo, hi) in small.reach.items():
            other = big.reach.get(lv)
            if other is None:
                continue
            if small is joint:
                need = max(need, hi + joint.shift - (other[0] + nxt.shift) + GAP)
            else:
                need = max(need, other[1] + joint.shift - (lo + nxt.shift) + GAP)
        if need == -float("inf"):  # no level in common: side by side all the same
            need = max(h for _, h in joint.reach.values()) + joint.shift - min(
                lo for lo, _ in nxt.reach.values()) - nxt.shift + GAP
        placed.append(need)
        nxt.shift += need
        small, big = (joint, nxt) if len(joint.reach) < len(nxt.reach) else (nxt, joint)
        for lv, (lo, hi) in small.reach.items():
            lo, hi = lo + small.shift - big.shift, hi + small.shift - big.shift
            got = big.reach.get(lv)
            big.reach[lv] = (lo, hi) if got is None else (min(got[0], lo), max(got[1], hi))
        joint = big
    centre = (placed[0] + placed[-1]) / 2
    for name, at in zip(names, placed, strict=True):
        rel[name] = at - centre
    joint.shift -= centre
    return joint
