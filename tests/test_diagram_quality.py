"""benchmarks/diagrams.py: the layout-quality report of exported SVG diagrams.

Hand-built SVGs of known geometry check each measure; one test measures the real export of the
bundled map. The Chromium tests skip when there is no ``chromium`` on PATH.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("diagrams", HERE.parent / "benchmarks" / "diagrams.py")
assert _spec is not None and _spec.loader is not None
diagrams = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(diagrams)

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None,
                                    reason="no chromium on PATH (apt-get install chromium)")


def svg(body: str, width: str = "100pt", height: str = "100pt", viewbox: str = "0 0 100 100") -> str:
    """A Graphviz-shaped SVG document around ``body`` (inside the g.graph group)."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
            ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
            f'<svg width="{width}" height="{height}" viewBox="{viewbox}" '
            'xmlns="http://www.w3.org/2000/svg">\n'
            '<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(0 0)">\n'
            f"{body}\n</g>\n</svg>\n")


def node(name: str, x: float, y: float, w: float = 10, h: float = 10, text: str = "",
         size: float = 11) -> str:
    label = (f'<text text-anchor="start" x="{x + 1}" y="{y + h - 2}" font-family="sans-serif" '
             f'font-size="{size:.2f}">{text}</text>') if text else ""
    return (f'<g class="node"><title>{name}</title><polygon fill="white" stroke="black" '
            f'points="{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h} {x},{y}"/>{label}</g>')


def edge(title: str, d: str) -> str:
    return (f'<g class="edge"><title>{title}</title><path fill="none" stroke="black" d="{d}"/>'
            '<polygon points="0,0 1,1 0,1 0,0"/></g>')


def test_doctests():
    result = doctest.testmod(diagrams, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0


def test_two_crossing_edges_count_once_and_shared_ends_do_not_count():
    body = "".join([
        node("a", 0, 0), node("b", 90, 90), node("c", 90, 0), node("d", 0, 90),
        edge("a&#45;&gt;b", "M5,5L95,95"),                      # one diagonal
        edge("c&#45;&gt;d", "M95,5C70,30 30,70 5,95"),           # the other: crosses it at a
                                                                 # sample point (t = 1/2)
        edge("c:s&#45;&gt;b:n", "M95,5C60,50 60,50 95,95"),       # crosses a->b, but shares b
    ])
    rep = diagrams.report(svg(body))
    assert rep["nodes"] == 4 and rep["edges"] == 3
    assert rep["crossings"] == {"count": 1, "pairs": [["a->b", "c->d"]]}


def test_a_curve_is_sampled_not_taken_as_its_chord():
    # The arch rises to y=30 at its middle (its control points reach y=40, its chord stays at 0).
    arch = "M0,0C0,40 40,40 40,0"
    crossing = diagrams.report(svg(edge("a->b", arch) + edge("c->d", "M-10,20L50,20")))
    above = diagrams.report(svg(edge("a->b", arch) + edge("c->d", "M-10,35L50,35")))
    assert crossing["crossings"]["count"] == 1  # crosses twice, one pair
    assert above["crossings"]["count"] == 0
    assert diagrams.path_points(arch, samples=2)[0][1] == (20.0, 30.0)


def test_edge_ends_with_ports_and_dashes_in_names():
    names = {"n_a-b", "n_a-b--supports--c"}
    assert diagrams.edge_ends("n_a-b:e->n_a-b--supports--c:w", names) == ("n_a-b", "n_a-b--supports--c")
    with pytest.raises(ValueError):
        diagrams.edge_ends("no edge here", names)


def test_page_size_in_points_and_millimetres():
    rep = diagrams.report(svg("", width="144pt", height="2in", viewbox="0 0 144 144"))
    assert rep["page"] == {"width_pt": 144.0, "height_pt": 144.0, "width_mm": 50.8, "height_mm": 50.8}
    px = diagrams.report(svg("", width="96px", height="48", viewbox="0 0 96 48"))["page"]
    assert (px["width_pt"], px["height_pt"]) == (72.0, 36.0)


def test_effective_type_size_takes_every_scale_on_the_way_to_the_page():
    # The root shows a 400-unit viewBox on 200 pt (x0.5); the group halves again: 12 -> 3 pt.
    body = ('<g transform="scale(0.5)"><text x="0" y="0" font-size="12.00">tiny</text></g>'
            '<g style="font-size:20px" transform="translate(5 5)"><text x="0" y="0">inherited</text></g>'
            '<text x="0" y="0" font-size="9pt">points</text>')
    t = diagrams.report(svg(body, "200pt", "100pt", "0 0 400 200"))["type"]
    assert t["smallest_pt"] == 3.0 and t["text"] == "tiny"
    assert t["sizes_pt"] == {"3.0": 1, "6.0": 1, "10.0": 1}  # 9pt = 12 units -> 6 pt on the page


def test_edge_length_in_median_box_heights():
    body = (node("a", 0, 0, h=10) + node("b", 0, 100, h=20) + node("c", 50, 0, h=30)
            + edge("a->b", "M5,10L5,70") + edge("a->c", "M10,5L10,25 40,25"))
    e = diagrams.report(svg(body))["edge_length"]
    assert e == {"median_box_pt": 20.0, "mean": 2.75, "longest": 3.0, "longest_edge": "a->b"}


def test_geometry_goes_through_the_group_transforms():
    body = ('<g transform="scale(2)">' + node("a", 0, 0, h=10) + node("b", 0, 20, h=10)
            + edge("a->b", "M5,10L5,20") + "</g>")
    d = diagrams.read_diagram(svg(body))
    assert d["nodes"][0]["box"] == (0.0, 0.0, 20.0, 20.0)
    assert d["edges"][0]["points"] == [(10.0, 20.0), (10.0, 40.0)]
    assert diagrams.report(svg(body))["edge_length"]["mean"] == 1.0  # 20 pt over a 20 pt box


def test_an_svg_without_graphviz_groups_is_refused():
    cairo = ('<svg xmlns="http://www.w3.org/2000/svg" width="62pt" height="116pt" viewBox="0 0 62 116">'
             '<g id="surface1"><use href="#glyph0-1" x="1" y="2"/></g></svg>')
    with pytest.raises(ValueError, match="native SVG"):
        diagrams.report(cairo)


def test_cli_table_and_json(tmp_path, capsys):
    f = tmp_path / "m.svg"
    f.write_text(svg(node("a", 0, 0, text="x") + node("b", 50, 50) + edge("a->b", "M5,10L55,50")),
                 encoding="utf-8")
    assert diagrams.main([str(f)]) == 0
    table = capsys.readouterr().out
    assert "100 x 100 pt (35.3 x 35.3 mm)" in table and "nodes, edges    2, 1" in table
    assert diagrams.main([str(f), str(f), "--json"]) == 0
    reps = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in reps] == [str(f), str(f)] and reps[0]["type"]["smallest_pt"] == 11.0


def test_cli_reports_an_unreadable_file(tmp_path, capsys):
    assert diagrams.main([str(tmp_path / "missing.svg")]) == 1
    assert capsys.readouterr().err.startswith("Error: ")


@needs_chromium
def test_chromium_counts_the_text_wider_than_its_box(tmp_path):
    body = (node("fits", 0, 0, w=200, h=20, text="ok", size=10)
            + node("wide", 0, 40, w=20, h=20, text="a text far wider than its box", size=10))
    f = tmp_path / "m.svg"
    f.write_text(svg(body, "300pt", "100pt", "0 0 300 100"), encoding="utf-8")
    res = diagrams.overflows(f)
    assert res["texts"] == 2 and res["count"] == 1
    (over,) = res["overflowing"]
    assert over["node"] == "wide" and over["text"] == "a text far wider than its box"
    assert over["by"] > 50  # some 130 units of text in a 20-unit box


def _export(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    proc = subprocess.run([sys.executable, "-m", "argmap", "export", "-o", str(out), *args],
                          capture_output=True, text=True, cwd=tmp_path)
    if proc.returncode != 0 and "no Graphviz engine" in proc.stderr:
        pytest.skip("no Graphviz engine to render SVG with")
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_bundled_maps_export(tmp_path):
    pygraphviz = pytest.importorskip("pygraphviz")
    out = _export(tmp_path, "map.svg")
    dot = pygraphviz.AGraph(string=_export(tmp_path, "map.dot").read_text(encoding="utf-8"))
    rep = diagrams.report(out.read_text(encoding="utf-8"))
    assert rep["page"]["width_pt"] > 0 and rep["page"]["height_pt"] > 0
    assert (rep["nodes"], rep["edges"]) == (dot.number_of_nodes(), dot.number_of_edges())
    assert rep["crossings"]["count"] >= 0
    assert 5 <= rep["type"]["smallest_pt"] <= 20
    lengths = rep["edge_length"]
    assert lengths["median_box_pt"] > 0 and 0 < lengths["mean"] <= lengths["longest"]


@needs_chromium
def test_the_bundled_maps_export_in_chromium(tmp_path):
    res = diagrams.overflows(_export(tmp_path, "map.svg"))
    assert res["texts"] > 100 and res["count"] == len(res["overflowing"]) >= 0
