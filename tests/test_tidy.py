"""The fast layout: a tidy tree whose boxes never overlap (argmap.render.tidy)."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

from argmap import load, loads
from argmap.render.graphviz import to_dot
from argmap.render.tidy import box_size, positions
from argmap.render.view import view

from samples import TEA

pygraphviz = pytest.importorskip("pygraphviz", reason="the bundled Graphviz engine is not installed")

_spec = importlib.util.spec_from_file_location(
    "generate", Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def laid_out(dot: str) -> dict[str, tuple[float, float, float, float]]:
    """Each node's box as Graphviz draws it: centre x, y, width, height in points."""
    from pygraphviz import graphviz as gv

    g = pygraphviz.AGraph(string=dot)
    gvc = gv.gvContextWithBuiltins()
    try:
        assert gv.gvLayout(gvc, g.handle, b"dot") == 0  # the source names nop2 itself
        err, data = gv.gvRenderData(gvc, g.handle, b"json0")
        assert not err
    finally:
        gv.gvFreeLayout(gvc, g.handle)
        gv.gvFreeContext(gvc)
    boxes = {}
    for o in json.loads(bytes(data))["objects"]:
        if "pos" in o and "width" in o:
            x, y = (float(v) for v in o["pos"].split(","))
            boxes[o["name"]] = (x, y, float(o["width"]) * 72, float(o["height"]) * 72)
    return boxes


def overlaps(boxes):
    """The pairs of boxes that overlap (a sweep along x)."""
    edges = sorted((x - w / 2, x + w / 2, y - h / 2, y + h / 2, name)
                   for name, (x, y, w, h) in boxes.items())
    found, active = [], []
    for box in edges:
        active = [a for a in active if a[1] > box[0]]
        found += [(a[4], box[4]) for a in active if a[2] < box[3] and box[2] < a[3]]
        active.append(box)
    return found


MAPS = {
    "bundled": lambda: load(),
    "tea": lambda: loads(TEA),
    "generated-300": lambda: loads(generate.generate(300, seed=1)),
}


@pytest.mark.parametrize("direction", ["BT", "TB", "RL", "LR"])
@pytest.mark.parametrize("name", sorted(MAPS))
def test_no_two_boxes_overlap_and_every_box_is_where_it_was_put(name, direction):
    m = MAPS[name]()
    dot = to_dot(m, direction=direction, fast=True, ids=True)
    assert 'layout="nop2"' in dot
    boxes = laid_out(dot)
    assert len(boxes) == dot.count(' [label=') - dot.count("\tgraph [label=")
    assert overlaps({k: b for k, b in boxes.items() if k != "legend"}) == []
    at = positions(view(m, ids=True), direction, 34)
    shifts = [(boxes["n_" + k.replace(":", "%3A")][0] - x, boxes["n_" + k.replace(":", "%3A")][1] - y)
              for k, (x, y) in at.items()]
    for axis in (0, 1):  # Graphviz moves the drawing as one (to start at its margin)
        assert max(s[axis] for s in shifts) - min(s[axis] for s in shifts) < 2


@pytest.mark.parametrize("name", sorted(MAPS))
def test_a_box_is_never_bigger_than_its_estimate(name):
    m = MAPS[name]()
    v = view(m, ids=True)
    boxes = laid_out(to_dot(m, fast=True, ids=True))
    for n in v.nodes.values():
        _, _, w, h = boxes["n_" + n.id.replace(":", "%3A")]
        est_w, est_h = box_size(n, 34)
        assert w <= est_w + 0.5 and h <= est_h + 0.5, (n.id, (w, h), (est_w, est_h))


def test_the_thesis_sits_beside_its_reasons_in_the_direction_asked():
    m = loads(TEA)
    for direction, beside in (("BT", lambda t, c: t[1] > c[1]), ("TB", lambda t, c: t[1] < c[1]),
                              ("RL", lambda t, c: t[0] < c[0]), ("LR", lambda t, c: t[0] > c[0])):
        at = positions(view(m), direction, 34)
        assert all(beside(at["tea"], at[c]) for c in ("warm", "cheap")), direction


def test_a_long_chain_and_a_cycle_of_undercuts_are_laid_out():
    n = 3000  # deeper than Python's recursion limit
    chain = loads("claims:\n" + "".join(f"  c{i}: Claim {i}.\n" for i in range(n))
                  + "arguments:\n" + "".join(f"  - {{supports: c{i}, premises: [c{i + 1}]}}\n"
                                             for i in range(n - 1)))
    at = positions(view(chain), "RL", 34)
    assert len(at) == n and at["c0"][0] < at[f"c{n - 1}"][0]
    loop = loads("claims: {t: T., a: A., b: B.}\narguments:\n"
                 "  - {id: x, supports: t, premises: [a]}\n"
                 "  - {id: y, attacks: x, premises: [b]}\n"
                 "  - {attacks: y, premises: [a]}\n")
    assert set(positions(view(loop), "BT", 34)) == set(view(loop).nodes)


def test_a_premise_used_twice_is_drawn_in_one_branch_with_a_faint_edge_to_the_other():
    m = load()
    v = view(m)
    dot = to_dot(m, fast=True)
    g = pygraphviz.AGraph(string=dot)
    faint = [e for e in g.edges() if e.attr["color"].endswith("66")]
    # a tree: every node but the top one hangs from one edge; the other edges are faint
    assert len(faint) == len(v.edges) - (len(v.nodes) - 1) > 0
    assert all(e.attr["penwidth"] == "0.8" for e in faint)
    assert "drawn in another branch" in g.get_node("legend").attr["label"]
    assert not re.search(r'color="#[0-9a-f]{8}"', to_dot(m))  # dot's layout: no faint edges
