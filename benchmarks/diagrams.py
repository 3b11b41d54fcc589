"""Layout quality of exported SVG diagrams: page size, smallest type, edge crossings, edge lengths.

    python benchmarks/diagrams.py map.svg [more.svg ...]             # a table per file
    python benchmarks/diagrams.py map.svg --json                      # a JSON list, one per file
    python benchmarks/diagrams.py map.svg --chromium                  # also text overflows

The SVG is the one Graphviz's native SVG renderer writes (``argmap export -o map.svg``, with the
bundled engine or a system ``dot -Tsvg``): a ``g.graph`` group holding one ``g.node`` group per
node (a ``<title>``, a shape, ``<text>`` runs) and one ``g.edge`` group per edge (a ``<title>``
``tail->head`` and a ``<path>``). Cairo's SVG (``-Tsvg:cairo``) draws glyphs and keeps no node
or edge groups, so it cannot be measured and is refused.

Geometry is measured on the page, in points: every point goes through the transforms of its
enclosing groups and the root's viewBox-to-width/height mapping. ``--chromium`` renders the SVG
in headless Chromium and counts the text runs that stick out of their node's shape.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Collection, Iterator
from itertools import pairwise
from pathlib import Path

__all__ = ["report", "read_diagram", "smallest_type", "crossings", "edge_lengths", "overflows",
           "path_points", "parse_transform", "edge_ends", "format_report", "main"]

Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]  # SVG's (a b c d e f)
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
PT_PER = {"pt": 1.0, "px": 0.75, "": 0.75, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pc": 12.0}
SHAPES = ("path", "polygon", "polyline", "ellipse", "circle", "rect")
SAMPLES = 12  # points per cubic Bezier segment
CSS_MEDIUM = 16.0  # the font size of a text that names none
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """The transform that applies ``n`` first, then ``m``.

    >>> multiply((2, 0, 0, 2, 0, 0), (1, 0, 0, 1, 5, 0))
    (2, 0, 0, 2, 10, 0)
    """
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e,
            b * t + d * u + f)


def apply(m: Matrix, p: Point) -> Point:
    return (m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5])


def parse_transform(text: str) -> Matrix:
    """The matrix of an SVG ``transform`` attribute (matrix, translate, scale, rotate, skewX/Y).

    >>> parse_transform("scale(0.5 0.5) rotate(0) translate(4 8)")
    (0.5, 0.0, 0.0, 0.5, 2.0, 4.0)
    >>> [round(v, 6) + 0 for v in parse_transform("rotate(90)")]
    [0.0, 1.0, -1.0, 0.0, 0.0, 0.0]
    """
    m = IDENTITY
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", text):
        v = [float(x) for x in re.findall(_NUMBER, args)]
        if name == "matrix":
            step: Matrix = (v[0], v[1], v[2], v[3], v[4], v[5])
        elif name == "translate":
            step = (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale":
            step = (v[0], 0.0, 0.0, v[1] if len(v) > 1 else v[0], 0.0, 0.0)
        elif name == "rotate":
            cos, sin = math.cos(math.radians(v[0])), math.sin(math.radians(v[0]))
            cx, cy = (v[1], v[2]) if len(v) > 2 else (0.0, 0.0)
            step = (cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy)
        elif name in ("skewX", "skewY"):
            t = math.tan(math.radians(v[0]))
            step = (1.0, 0.0, t, 1.0, 0.0, 0.0) if name == "skewX" else (1.0, t, 0.0, 1.0, 0.0, 0.0)
        else:
            raise ValueError(f"unknown transform {name!r} in {text!r}")
        m = multiply(m, step)
    return m


def _length_pt(text: str | None) -> float | None:
    """A length such as ``"72pt"``, ``"96"`` (px) or ``"1in"`` in points; None for none or a %."""
    found = re.fullmatch(rf"\s*({_NUMBER})\s*([a-z]*)\s*", text or "")
    if found is None or found.group(2) not in PT_PER:
        return None
    return float(found.group(1)) * PT_PER[found.group(2)]


def _page(root: ET.Element) -> tuple[float, float, Matrix]:
    """The page's width and height in points, and the matrix from user units to page points
    (the viewBox fitted into width x height as ``preserveAspectRatio`` says)."""
    box = [float(v) for v in re.findall(_NUMBER, root.get("viewBox", ""))]
    width, height = _length_pt(root.get("width")), _length_pt(root.get("height"))
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        return width or 0.0, height or 0.0, (0.75, 0.0, 0.0, 0.75, 0.0, 0.0)
    x0, y0, bw, bh = box
    width = bw * 0.75 if width is None else width
    height = bh * 0.75 if height is None else height
    align, *rule = (root.get("preserveAspectRatio") or "xMidYMid meet").split()
    sx, sy = width / bw, height / bh
    if align != "none":
        sx = sy = max(sx, sy) if rule == ["slice"] else min(sx, sy)
    share = {"Min": 0.0, "Mid": 0.5, "Max": 1.0}
    dx = (width - bw * sx) * share.get(align[1:4], 0.5)
    dy = (height - bh * sy) * share.get(align[5:8], 0.5)
    return width, height, (sx, 0.0, 0.0, sy, dx - x0 * sx, dy - y0 * sy)


def _font_px(elem: ET.Element, inherited: float) -> float:
    """The font size of ``elem`` in its own user units (attribute or ``style``, px or pt)."""
    found = re.search(r"font-size\s*:\s*([^;]+)", elem.get("style", ""))
    value = found.group(1) if found else elem.get("font-size")
    size = _length_pt(value)
    return inherited if size is None else size / 0.75


def _placed(root: ET.Element, matrix: Matrix) -> dict[ET.Element, tuple[Matrix, float]]:
    """Every element below ``root`` with its matrix to page points and its font size."""
    out: dict[ET.Element, tuple[Matrix, float]] = {}

    def visit(elem: ET.Element, m: Matrix, font: float) -> None:
        m = multiply(m, parse_transform(elem.get("transform", "")))
        font = _font_px(elem, font)
        out[elem] = (m, font)
        for child in elem:
            visit(child, m, font)

    visit(root, matrix, CSS_MEDIUM)
    return out


def path_points(d: str, samples: int = SAMPLES) -> list[list[Point]]:
    """The polylines (one per subpath) of a path's ``d`` with M, L, C and Z commands (absolute or
    relative); each cubic Bezier becomes ``samples`` straight pieces.

    >>> path_points("M0,0 L10,0 l0,10")
    [[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]]
    >>> path_points("M0,0C0,10 10,10 10,0", samples=2)
    [[(0.0, 0.0), (5.0, 7.5), (10.0, 0.0)]]
    """
    tokens = re.findall(rf"[A-Za-z]|{_NUMBER}", d)
    lines: list[list[Point]] = []
    x = y = 0.0
    cmd, i = "", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd, i = tokens[i], i + 1
            if cmd in "Zz" and lines and lines[-1]:
                x, y = lines[-1][0]
                lines[-1].append((x, y))
            continue
        if cmd.upper() not in ("M", "L", "C"):
            raise ValueError(f"unsupported path command {cmd!r} in {d[:60]!r}")
        n = 6 if cmd in "Cc" else 2
        dx, dy = (x, y) if cmd.islower() else (0.0, 0.0)
        v = [float(t) for t in tokens[i:i + n]]
        pts = [(v[k] + dx, v[k + 1] + dy) for k in range(0, n, 2)]
        i += n
        if cmd in "Mm":
            lines.append([pts[0]])
            cmd = "l" if cmd == "m" else "L"  # later pairs are lines
        elif cmd in "Cc":
            lines[-1].extend(_bezier((x, y), pts[0], pts[1], pts[2], samples))
        else:
            lines[-1].append(pts[0])
        x, y = pts[-1]
    return lines


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point, samples: int) -> list[Point]:
    out = []
    for k in range(1, samples + 1):
        t = k / samples
        w = ((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3)
        out.append((sum(wi * p[0] for wi, p in zip(w, (p0, p1, p2, p3), strict=True)),
                    sum(wi * p[1] for wi, p in zip(w, (p0, p1, p2, p3), strict=True))))
    return out


def _shape_points(elem: ET.Element) -> list[Point]:
    """Points whose bounding box is the shape's (corners for ellipses and rectangles)."""
    tag = _local(elem.tag)
    num = lambda name: float(elem.get(name) or 0)  # noqa: E731
    if tag == "path":
        return [p for line in path_points(elem.get("d", "")) for p in line]
    if tag in ("polygon", "polyline"):
        v = [float(t) for t in re.findall(_NUMBER, elem.get("points", ""))]
        return list(zip(v[0::2], v[1::2], strict=False))
    if tag == "rect":
        x, y = num("x"), num("y")
        return [(x, y), (x + num("width"), y + num("height"))]
    rx, ry = (num("r"), num("r")) if tag == "circle" else (num("rx"), num("ry"))
    cx, cy = num("cx"), num("cy")
    return [(cx + sx * rx, cy + sy * ry) for sx in (-1, 1) for sy in (-1, 1)]


def _box(points: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _node_of(name: str, nodes: Collection[str]) -> str | None:
    """``name`` or ``name`` without its ``:port`` (and ``:compass``) when that is a node."""
    for _ in range(3):
        if name in nodes:
            return name
        if ":" not in name:
            break
        name = name.rsplit(":", 1)[0]
    return None


def edge_ends(title: str, nodes: Collection[str] = ()) -> tuple[str, str]:
    """The tail and head of an edge from its ``<title>`` (``a->b``, ``a:port->b``, ``a--b``):
    the split whose two sides are known ``nodes`` (ports dropped), else the first ``->``/``--``.

    >>> edge_ends("n_a-b:e->n_c:w:s", {"n_a-b", "n_c"})
    ('n_a-b', 'n_c')
    >>> edge_ends("x->y")
    ('x', 'y')
    """
    splits = [(m.start(), m.end()) for m in re.finditer(r"->|--", title)]
    if not splits:
        raise ValueError(f"edge title {title!r} names no 'tail->head'")
    for start, end in splits:
        tail, head = _node_of(title[:start], nodes), _node_of(title[end:], nodes)
        if tail is not None and head is not None:
            return tail, head
    start, end = splits[0]
    return title[:start], title[end:]


def _classes(elem: ET.Element) -> set[str]:
    return set(elem.get("class", "").split())


def _title(group: ET.Element) -> str:
    found = next((c for c in group if _local(c.tag) == "title"), None)
    return "".join(found.itertext()).strip() if found is not None else ""


def read_diagram(svg_text: str) -> dict:
    """The page, nodes, edges and text runs of a Graphviz SVG, in page points.

    Returns ``{"page": {"width_pt", "height_pt"}, "nodes": [{"id", "box"}], "edges": [{"title",
    "tail", "head", "points"}], "texts": [{"text", "pt", "node"}]}``; a node's ``box`` is the
    bounding box ``(x0, y0, x1, y1)`` of its shapes (paths, polygons, ellipses, ...: the outline,
    or an HTML table's cells and border) or None; an edge's ``points`` is the polyline of its
    first ``<path>`` (arrowheads are polygons). Raises ValueError for an SVG without Graphviz's
    ``g.graph`` group.
    """
    root = ET.fromstring(svg_text)
    if _local(root.tag) != "svg":
        raise ValueError(f"the root element is <{_local(root.tag)}>, not <svg>")
    if not any("graph" in _classes(e) for e in root.iter()):
        raise ValueError("no Graphviz 'graph' group: not the native SVG renderer's output (cairo's "
                         "SVG draws glyphs and keeps no nodes; export with -Tsvg or format 'svg')")
    width, height, matrix = _page(root)
    placed = _placed(root, matrix)

    def page_points(elem: ET.Element, points: list[Point]) -> list[Point]:
        return [apply(placed[elem][0], p) for p in points]

    nodes: list[dict] = []
    edges: list[dict] = []
    texts: list[dict] = []
    owner: dict[ET.Element, str] = {}
    for group in root.iter():
        if "node" in _classes(group):
            shapes = [c for c in group.iter() if _local(c.tag) in SHAPES]
            nid = _title(group)
            outline = [p for c in shapes for p in page_points(c, _shape_points(c))]
            nodes.append({"id": nid, "box": _box(outline) if outline else None})
            owner.update({t: nid for t in group.iter() if _local(t.tag) == "text"})
    names = {n["id"] for n in nodes}
    for group in root.iter():
        if "edge" in _classes(group):
            title = _title(group)
            path = next((c for c in group.iter() if _local(c.tag) == "path"), None)
            lines = [] if path is None else path_points(path.get("d", ""))
            tail, head = edge_ends(title, names)
            edges.append({"title": title, "tail": tail, "head": head,
                          "points": page_points(path, lines[0]) if path is not None and lines else []})
    for elem in root.iter():
        words = "".join(elem.itertext()).strip() if _local(elem.tag) == "text" else ""
        if words:
            m, font = placed[elem]
            texts.append({"text": words, "node": owner.get(elem),
                          "pt": font * math.hypot(m[2], m[3])})
    return {"page": {"width_pt": width, "height_pt": height}, "nodes": nodes, "edges": edges,
            "texts": texts}


def smallest_type(texts: list[dict]) -> dict:
    """The smallest effective type size (pt) among text runs, the run, and a count per size.

    >>> smallest_type([{"text": "a", "pt": 11.0, "node": "x"}, {"text": "b", "pt": 8.0, "node": None}])
    {'smallest_pt': 8.0, 'text': 'b', 'node': None, 'sizes_pt': {'8.0': 1, '11.0': 1}}
    """
    if not texts:
        return {"smallest_pt": None, "text": None, "node": None, "sizes_pt": {}}
    small = min(texts, key=lambda t: t["pt"])
    sizes = Counter(round(t["pt"], 2) for t in texts)
    return {"smallest_pt": round(small["pt"], 2), "text": small["text"], "node": small["node"],
            "sizes_pt": {str(k): sizes[k] for k in sorted(sizes)}}


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    """Whether segment pq crosses segment rs. An end lying exactly on the other segment's line
    is taken to lie just to its left, so a polyline that passes through another at one of its
    vertices crosses it once (on one of the two pieces at that vertex) and collinear pieces
    never cross.

    >>> segments_cross((0, 0), (2, 2), (0, 2), (2, 0)), segments_cross((0, 0), (1, 1), (2, 1), (3, 3))
    (True, False)
    >>> segments_cross((0, 2), (1, 1), (0, 0), (2, 2)), segments_cross((1, 1), (2, 0), (0, 0), (2, 2))
    (False, True)
    """
    def left(a: Point, b: Point, c: Point) -> bool:
        return _orient(a, b, c) >= 0

    return left(r, s, p) != left(r, s, q) and left(p, q, r) != left(p, q, s)


def _near(points: list[Point], box: tuple[float, float, float, float]) -> list[tuple[Point, Point]]:
    """The pieces of a polyline whose bounding boxes meet ``box``."""
    x0, y0, x1, y1 = box
    return [(p, q) for p, q in pairwise(points) if min(p[0], q[0]) <= x1 and x0 <= max(p[0], q[0])
            and min(p[1], q[1]) <= y1 and y0 <= max(p[1], q[1])]


def crossings(edges: list[dict]) -> dict:
    """The pairs of edges whose polylines cross (each pair once, in document order), leaving out
    pairs that share an end node.

    >>> x = {"title": "a->b", "tail": "a", "head": "b", "points": [(0, 0), (2, 2)]}
    >>> y = {"title": "c->d", "tail": "c", "head": "d", "points": [(0, 2), (2, 0)]}
    >>> crossings([x, y])
    {'count': 1, 'pairs': [['a->b', 'c->d']]}
    >>> crossings([x, dict(y, head="b")])["count"]
    0
    """
    drawn = sorted(((i, e, _box(e["points"])) for i, e in enumerate(edges) if len(e["points"]) > 1),
                   key=lambda d: d[2][0])  # by left side, for a sweep from left to right
    found = []
    for k, (i, e, eb) in enumerate(drawn):
        for j, f, fb in drawn[k + 1:]:
            if fb[0] > eb[2]:
                break
            if fb[1] > eb[3] or eb[1] > fb[3] or {e["tail"], e["head"]} & {f["tail"], f["head"]}:
                continue
            near_f = _near(f["points"], eb)
            if near_f and any(segments_cross(p, q, r, s) for p, q in _near(e["points"], fb)
                              for r, s in near_f):
                found.append((min(i, j), max(i, j)))
    return {"count": len(found), "pairs": [[edges[i]["title"], edges[j]["title"]]
                                           for i, j in sorted(found)]}


def polyline_length(points: list[Point]) -> float:
    """
    >>> polyline_length([(0, 0), (3, 4), (3, 10)])
    11.0
    """
    return sum(math.dist(p, q) for p, q in pairwise(points))


def edge_lengths(edges: list[dict], nodes: list[dict]) -> dict:
    """Edge lengths in units of the median node box height: mean, longest and its edge.

    >>> nodes = [{"id": "a", "box": (0, 0, 50, 10)}, {"id": "b", "box": (0, 30, 50, 50)}]
    >>> edge_lengths([{"title": "a->b", "points": [(0, 10), (0, 30)]}], nodes)
    {'median_box_pt': 15.0, 'mean': 1.33, 'longest': 1.33, 'longest_edge': 'a->b'}
    """
    heights = [n["box"][3] - n["box"][1] for n in nodes if n["box"]]
    drawn = [(polyline_length(e["points"]), e["title"]) for e in edges if len(e["points"]) > 1]
    if not heights or not drawn or statistics.median(heights) <= 0:
        return {"median_box_pt": None, "mean": None, "longest": None, "longest_edge": None}
    unit = statistics.median(heights)
    longest, title = max(drawn)
    return {"median_box_pt": round(unit, 2),
            "mean": round(statistics.fmean(d for d, _ in drawn) / unit, 2),
            "longest": round(longest / unit, 2), "longest_edge": title}


def report(svg_text: str) -> dict:
    """Page size (pt and mm), node and edge counts, smallest type, crossings and edge lengths."""
    d = read_diagram(svg_text)
    w, h = d["page"]["width_pt"], d["page"]["height_pt"]
    return {"page": {"width_pt": round(w, 2), "height_pt": round(h, 2),
                     "width_mm": round(w * 25.4 / 72, 1), "height_mm": round(h * 25.4 / 72, 1)},
            "nodes": len(d["nodes"]), "edges": len(d["edges"]), "type": smallest_type(d["texts"]),
            "crossings": crossings(d["edges"]), "edge_length": edge_lengths(d["edges"], d["nodes"])}


# Run in the page: for each node, each text's box against the box of the node's shapes (all in
# the node's units, as Graphviz gives its shapes and texts no transforms of their own).
_MEASURE = """
const out = {texts: 0, overflowing: []};
for (const node of document.querySelectorAll("svg g.node")) {
  const shapes = [...node.querySelectorAll("%s")].map(s => s.getBBox());
  if (!shapes.length) continue;
  const x0 = Math.min(...shapes.map(s => s.x)), y0 = Math.min(...shapes.map(s => s.y));
  const b = {x: x0, y: y0, width: Math.max(...shapes.map(s => s.x + s.width)) - x0,
             height: Math.max(...shapes.map(s => s.y + s.height)) - y0};
  const title = node.querySelector(":scope > title");
  for (const text of node.querySelectorAll("text")) {
    if (!text.textContent.trim()) continue;
    const t = text.getBBox();
    out.texts++;
    const by = Math.max(b.x - t.x, t.x + t.width - b.x - b.width,
                        b.y - t.y, t.y + t.height - b.y - b.height);
    if (by > %s) out.overflowing.push({node: title ? title.textContent : "",
                                       text: text.textContent, by: Math.round(by * 100) / 100});
  }
}
const pre = document.createElement("pre");
pre.id = "diagram-overflows";
pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
"""


def _page_html(svg_text: str, tolerance: float) -> str:
    """An HTML page with the SVG inline (its XML prolog dropped) and the measuring script."""
    body = re.sub(r"<\?xml.*?\?>|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", "", svg_text, flags=re.S)
    script = _MEASURE % (", ".join(SHAPES), tolerance)
    return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n{body}\n' \
           f"<script>{script}</script></body></html>\n"


def overflows(svg_path: str | Path, *, chromium: str = "chromium", timeout: float = 120.0,
              tolerance: float = 0.5) -> dict:
    """Text runs that extend beyond their node's shape by more than ``tolerance`` px on a side
    when headless Chromium renders the SVG: ``{"texts": n, "count": k, "overflowing": [{"node",
    "text", "by"}]}``, ``by`` in the node's units (points for Graphviz's unscaled SVG). Texts of
    nodes without a shape (plain text nodes) are not counted. Raises RuntimeError when Chromium
    fails or gives no result."""
    svg_text = Path(svg_path).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(_page_html(svg_text, tolerance), encoding="utf-8")
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-first-run", f"--user-data-dir={Path(tmp) / 'profile'}", "--dump-dom",
               page.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise RuntimeError(f"could not run {chromium}: {e}") from None
    found = re.search(r'<pre id="diagram-overflows">(.*?)</pre>', proc.stdout, flags=re.S)
    if found is None:
        tail = proc.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"{chromium} gave no result (exit {proc.returncode}): {' | '.join(tail)}")
    result = json.loads(html.unescape(found.group(1)))
    return {"texts": result["texts"], "count": len(result["overflowing"]),
            "overflowing": result["overflowing"]}


def _rows(rep: dict) -> Iterator[tuple[str, str]]:
    p, t, c, e = rep["page"], rep["type"], rep["crossings"], rep["edge_length"]
    yield "page", (f"{p['width_pt']:g} x {p['height_pt']:g} pt "
                   f"({p['width_mm']:g} x {p['height_mm']:g} mm)")
    yield "nodes, edges", f"{rep['nodes']}, {rep['edges']}"
    if t["smallest_pt"] is not None:
        sizes = ", ".join(f"{k} pt x{n}" for k, n in t["sizes_pt"].items())
        yield "smallest type", f"{t['smallest_pt']:g} pt ({t['text']!r}); all: {sizes}"
    yield "edge crossings", str(c["count"])
    if e["mean"] is not None:
        yield "edge length", (f"mean {e['mean']:g}, longest {e['longest']:g} box heights "
                              f"(median box {e['median_box_pt']:g} pt; longest {e['longest_edge']})")
    if "overflows" in rep:
        yield "text overflows", f"{rep['overflows']['count']} of {rep['overflows']['texts']} (Chromium)"


def format_report(name: str, rep: dict) -> str:
    """A readable table of one file's report.

    >>> rep = report('<svg width="10pt" height="5pt" viewBox="0 0 10 5"><g class="graph"/></svg>')
    >>> print(format_report("a.svg", rep))
    a.svg
      page            10 x 5 pt (3.5 x 1.8 mm)
      nodes, edges    0, 0
      edge crossings  0
    """
    rows = list(_rows(rep))
    width = max(len(k) for k, _ in rows)
    return "\n".join([name] + [f"  {k.ljust(width)}  {v}" for k, v in rows])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", metavar="FILE.svg")
    ap.add_argument("--json", action="store_true", help="print a JSON list, one report per file")
    ap.add_argument("--chromium", action="store_true",
                    help="also count text runs that overflow their box in headless Chromium")
    a = ap.parse_args(argv)
    reports = []
    for name in a.files:
        try:
            rep = {"file": name, **report(Path(name).read_text(encoding="utf-8"))}
            if a.chromium:
                rep["overflows"] = overflows(name)
        except (OSError, ValueError, RuntimeError, ET.ParseError) as e:
            print(f"Error: {name}: {e}", file=sys.stderr)
            return 1
        reports.append(rep)
    if a.json:
        print(json.dumps(reports, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(format_report(r["file"], r) for r in reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
