"""Diagrams: DOT structure, escaping, rendering, selection (argmap.render.graphviz)."""

import json
import re
import textwrap
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import ExportError, UnknownIdError, load, loads
from argmap.queries import subset
from argmap.render.engine import render
from argmap.render.graphviz import node_link, to_dot, wrap_lines

from samples import TEA

pygraphviz = pytest.importorskip("pygraphviz", reason="the bundled Graphviz engine is not installed")

SVG = "{http://www.w3.org/2000/svg}"


def agraph(amap, **kw):
    nodes = kw.pop("nodes", None)
    return pygraphviz.AGraph(string=to_dot(amap, nodes, **kw))


def test_argument_nodes_only_where_they_carry_structure():
    g = agraph(loads(TEA))
    names = set(g.nodes())
    # claims are nodes
    assert {"n_tea", "n_warm", "n_cheap", "n_afford"} <= names
    # linked premises and targets of undercuts get a node; a lone premise is a direct edge
    assert {"n_cost", "n_stains", "n_brushing"} <= names
    assert "n_warm--supports--tea" not in names
    assert g.has_edge("n_warm", "n_tea")
    assert g.has_edge("n_cheap", "n_cost") and g.has_edge("n_cost", "n_tea")
    # an undercut aims at the inference (the argument node), not at a claim
    assert g.has_edge("n_brush", "n_brushing") and g.has_edge("n_brushing", "n_stains")


def test_support_and_attack_differ_in_colour_and_line_style():
    g = agraph(loads(TEA))
    support, attack = g.get_edge("n_warm", "n_tea"), g.get_edge("n_stains", "n_tea")
    undercut = g.get_edge("n_brushing", "n_stains")
    assert support.attr["style"] == "solid" and attack.attr["style"] == "dashed"
    assert undercut.attr["style"] == "dotted"
    assert len({support.attr["color"], attack.attr["color"], undercut.attr["color"]}) == 3


def test_themes_are_named_bands_by_default_and_the_title_is_shown():
    g = agraph(loads(TEA))
    assert not [s for s in g.subgraphs() if s.name.startswith("cluster")]  # layers stay whole
    tea = g.get_node("n_tea").attr["label"]
    assert "Health" in tea and "BGCOLOR" in tea  # a coloured tab that also names the theme
    assert "BGCOLOR" not in g.get_node("n_warm").attr["label"]  # no theme, no tab
    assert "Tea" in g.graph_attr["label"]
    legend = g.get_node("legend").attr["label"]
    assert "supports" in legend and "objects to" in legend and "undercuts" in legend
    assert "Health" in legend
    plain = agraph(loads(TEA), themes="none")
    assert "Health" not in plain.get_node("n_tea").attr["label"]
    assert "Health" not in plain.get_node("legend").attr["label"]


def test_theme_clusters_on_request_hold_the_argument_nodes_made_of_their_claims():
    m = loads(TEA.replace("  cheap: Tea is cheap.\n  afford: We can afford it.",
                          "  cheap: {text: Tea is cheap., theme: h}\n"
                          "  afford: {text: We can afford it., theme: h}"))
    g = agraph(m, themes="clusters")
    (cluster,) = [s for s in g.subgraphs() if s.name == "cluster_n_h"]
    assert {"n_tea", "n_cheap", "n_afford", "n_cost"} <= set(cluster.nodes())
    assert "n_warm" not in cluster.nodes() and "Health" in cluster.graph_attr["label"]
    with pytest.raises(ExportError, match="unknown theme style"):
        to_dot(m, themes="tabs")


def test_linked_premises_without_a_title_meet_at_a_junction_not_an_and_box():
    m = loads(TEA.replace("{id: cost, supports: tea, premises: [cheap, afford]}",
                          "{supports: tea, premises: [cheap, afford]}"))
    g = agraph(m)
    (junction,) = [n for n in g.nodes() if "+" in n]
    assert junction.attr["shape"] == "point" and junction.attr["label"] == ""
    assert g.has_edge("n_cheap", junction) and g.has_edge(junction, "n_tea")
    assert "and" not in to_dot(m).replace("Brand", "")  # no bare "and" box anywhere


def test_the_default_diagram_of_the_bundled_map_is_orderly(tmp_path):
    # the figures for the export before the view layer: 4 crossings, edges 3.97 box
    # heights long on average and 26.7 at the longest
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "diagrams", Path(__file__).parent.parent / "benchmarks" / "diagrams.py")
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    rep = quality.report(render(to_dot(load()), "svg").decode())
    assert rep["crossings"]["count"] <= 4
    assert rep["edge_length"]["mean"] <= 2.5 and rep["edge_length"]["longest"] <= 10


HOSTILE = r'He said "stop" \N \G <b>bold</b> & {braces} ]; node [shape=x'


def test_hostile_text_is_escaped_in_dot_and_svg():
    m = loads("claims:\n  a: {text: '%s'}\n  b: B.\narguments: [{supports: a, premises: [b]}]\n"
              % HOSTILE.replace("'", "''"))
    dot = to_dot(m)
    g = pygraphviz.AGraph(string=dot)  # parses: nothing broke out of the label
    assert set(g.nodes()) == {"n_a", "n_b", "legend"}
    svg = render(dot, "svg").decode()
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    for piece in ['"stop"', r"\N", r"\G", "<b>bold</b>", "&", "{braces}", "]; node [shape=x"]:
        assert piece in texts, piece


def test_svg_png_pdf_render_with_the_bundled_engine():
    dot = to_dot(load())
    svg = render(dot, "svg")
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "The North Korea Missile Standoff" in texts
    assert "Sanctions dead end" in texts
    assert render(dot, "png").startswith(b"\x89PNG\r\n\x1a\n")
    assert render(dot, "pdf").startswith(b"%PDF")


def test_render_rejects_unknown_formats_and_missing_system_dot(monkeypatch):
    with pytest.raises(ExportError):
        render("digraph {}", "gif")
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ExportError, match="no 'dot' executable"):
        render("digraph {}", "svg", engine="system")


def test_broken_dot_is_an_export_error_not_a_crash():
    with pytest.raises(ExportError):
        render("digraph { a -> ", "svg")


def test_focus_depth_and_theme_select_parts():
    m = loads(TEA)
    assert subset(m, focus="afford") == {"afford", "warm", "warm--supports--afford"}
    assert subset(m, focus="tea", depth=0) == {"tea"}
    one = subset(m, focus="tea", depth=1)
    assert {"warm", "cheap", "afford", "stain", "brush", "stains"} <= one
    assert "warm--supports--afford" not in one
    with pytest.raises(UnknownIdError, match="did you mean 'afford'"):
        subset(m, focus="aford")
    # only 'tea' has theme h; the arguments about it come with their premises, and the
    # objection with the replies that answer it (brushing, and the undercut of brushing)
    part = subset(m, theme="h")
    assert {n for n in part if m.is_claim(n)} == {"tea", "warm", "cheap", "afford", "stain",
                                                   "brush", "paste"}
    assert {"stains", "brushing", "paste--attacks--brushing"} <= part
    assert "warm--supports--afford" not in part  # about afford, not about tea
    drawn = set(pygraphviz.AGraph(string=to_dot(m, part)).nodes())
    assert {"n_tea", "n_stain", "n_brush", "n_paste"} <= drawn
    with pytest.raises(UnknownIdError, match="no theme 'x'"):
        subset(m, theme="x")


def test_direction_auto_and_explicit():
    m = loads(TEA)
    tb, auto = agraph(m, direction="TB"), agraph(m)  # keep the graphs alive while reading
    assert tb.graph_attr["rankdir"] == "TB"
    assert auto.graph_attr["rankdir"] in ("BT", "RL")
    with pytest.raises(ExportError):
        to_dot(m, direction="XY")


def test_node_link_json_round_trips_the_graph():
    m = loads(TEA)
    data = json.loads(json.dumps(node_link(m)))
    ids = {n["id"] for n in data["nodes"]}
    assert ids == set(m.graph)
    tea = next(n for n in data["nodes"] if n["id"] == "tea")
    assert tea["kind"] == "claim" and tea["line"] == 6 and tea["para"] == 3
    roles = {(ln["source"], ln["target"]): ln["role"] for ln in data["links"]}
    assert roles[("cheap", "cost")] == "premise" and roles[("cost", "tea")] == "support"
    assert roles[("brushing", "stains")] == "attack"
    assert data["thesis"] == "tea" and data["themes"] == {"h": "Health"}


def test_export_depth_without_focus_counts_from_the_thesis(run, tea, tmp_path):
    full, top = tmp_path / "full.dot", tmp_path / "top.dot"
    assert run("export", tea, "-o", full).exit_code == 0
    assert run("export", tea, "-o", top, "--depth", "0").exit_code == 0
    nodes = set(pygraphviz.AGraph(string=top.read_text()).nodes())
    assert "n_tea" in nodes and "n_warm" not in nodes
    assert "n_warm" in set(pygraphviz.AGraph(string=full.read_text()).nodes())


def test_the_analysts_own_claims_are_drawn_apart_and_explained():
    from argmap.render import theme

    m = loads("thesis: t\nclaims: {t: T., a: {text: The author ignores cost., by: analyst}}\n"
              "arguments: [{attacks: t, premises: [a]}]")
    g = pygraphviz.AGraph(string=to_dot(m))
    node = g.get_node("n_a")
    assert "dashed" in node.attr["style"] and node.attr["fillcolor"] == theme.ANALYST["fill"]
    assert "analyst" in node.attr["label"]
    assert "the analyst's own claim" in g.get_node("legend").attr["label"]
    plain = pygraphviz.AGraph(string=to_dot(loads(TEA)))
    assert "analyst" not in plain.get_node("legend").attr["label"]


def test_ids_with_colons_are_drawn_as_themselves_not_as_ports():
    m = loads("thesis: 'ns:thesis'\nclaims: {'ns:thesis': T., 'ns:reason': R., 'a.b+c-d': X.}\n"
              "arguments: [{supports: 'ns:thesis', premises: ['ns:reason']},"
              "{attacks: 'ns:thesis', premises: ['a.b+c-d']}]")
    g = pygraphviz.AGraph(string=to_dot(m))
    claims = {n for n in g.nodes() if n.startswith("n_")}
    assert claims == {"n_ns%3Athesis", "n_ns%3Areason", "n_a.b+c-d"}  # no phantom nodes
    assert {(str(a), str(b)) for a, b in g.edges()} == {
        ("n_ns%3Areason", "n_ns%3Athesis"), ("n_a.b+c-d", "n_ns%3Athesis")}
    svg = render(to_dot(m), "svg").decode()
    assert svg.count('class="node"') == len(g.nodes())


def test_a_big_diagram_has_a_time_budget_that_names_the_cheaper_choices(run, tmp_path):
    n = 320  # over the 300 claims past which export keeps a budget
    p = tmp_path / "big.yaml"
    p.write_text("claims:\n" + "".join(f"  c{i}: Claim {i}.\n" for i in range(n))
                 + "arguments:\n" + "".join(f"  - {{supports: c{i // 2}, premises: [c{i}]}}\n"
                                            for i in range(1, n)))
    out = tmp_path / "big.svg"
    out.write_bytes(b"kept")
    r = run("export", p, "-o", out, "--timeout", "0.05")
    assert r.exit_code == 1, r.output
    assert "Laying out 320 claims" in r.output
    assert "did not finish laying out the map in 0.05 s; nothing was written" in r.output
    for choice in ("--page a4", "--focus ID --depth N", "--theme THEME", "--layout fast",
                   "--timeout SECONDS"):
        assert choice in r.output, choice
    assert out.read_bytes() == b"kept"  # nothing the user had is lost
    r = run("export", p, "-o", out)  # the default budget is enough
    assert r.exit_code == 0 and out.read_bytes().startswith(b"<?xml")


def big_map(tmp_path, n=320):
    p = tmp_path / "big.yaml"
    p.write_text("claims:\n" + "".join(f"  c{i}: Claim {i}.\n" for i in range(n))
                 + "arguments:\n" + "".join(f"  - {{supports: c{i // 2}, premises: [c{i}]}}\n"
                                            for i in range(1, n)))
    return p


def test_a_big_export_says_on_stderr_how_far_graphviz_has_got(run, tmp_path, monkeypatch):
    from argmap import cli

    monkeypatch.setattr(cli, "PROGRESS_AFTER", 0.0)  # at once, not after 3 s
    out = tmp_path / "big.svg"
    r = run("export", big_map(tmp_path), "-o", out, "--layout", "dot")
    assert r.exit_code == 0, r.output
    assert "Laying out 320 claims with Graphviz's dot, at most 120 s" in r.output
    steps = [s.strip() for s in re.findall(r"^ +\d+ s: ([a-zA-Z ]+)", r.output, flags=re.M)]
    assert steps[0] == "measuring the labels" and steps[-1] == "drawing the SVG"
    assert {"ranking", "ordering the ranks to cut crossings", "placing the boxes",
            "routing the edges"} <= set(steps)
    assert out.read_bytes().startswith(b"<?xml")


def test_a_small_export_says_nothing_of_its_layout(run, tmp_path, tea):
    r = run("export", tea, "-o", tmp_path / "tea.svg")
    assert r.exit_code == 0 and "Laying out" not in r.output and " s: " not in r.output


def test_the_fast_layout_places_every_node_and_is_taken_for_a_big_map(run, tmp_path,
                                                                       monkeypatch):
    from argmap.render import tidy

    p = big_map(tmp_path)
    r = run("export", p, "-o", tmp_path / "fast.dot", "--layout", "fast")
    assert r.exit_code == 0, r.output
    g = pygraphviz.AGraph(string=(tmp_path / "fast.dot").read_text())
    assert g.graph_attr["layout"] == "nop2"  # a dot on PATH draws the file the same way
    assert all(n.attr["pos"] for n in g.nodes())
    r = run("export", p, "-o", tmp_path / "fast.svg", "--layout", "fast", "--themes", "clusters")
    assert "the fast layout shows themes as bands" in r.output
    assert "Laying out 320 claims with the fast layout" in r.output
    assert (tmp_path / "fast.svg").read_bytes().startswith(b"<?xml")
    monkeypatch.setattr(tidy, "FAST_LAYOUT_FROM", 300)  # auto: fast from there
    run("export", p, "-o", tmp_path / "auto.dot")
    assert 'layout="nop2"' in (tmp_path / "auto.dot").read_text()
    run("export", p, "-o", tmp_path / "dot.dot", "--layout", "dot")
    assert "nop2" not in (tmp_path / "dot.dot").read_text()


def test_pages_of_a_big_map_keep_the_budget_and_write_nothing_when_it_is_spent(
        run, tmp_path, monkeypatch):
    from argmap import cli

    monkeypatch.setattr(cli, "BIG_DIAGRAM", 1)
    out = tmp_path / "pages.pdf"
    out.write_bytes(b"kept")
    r = run("export", "-o", out, "--page", "a4", "--timeout", "0.001")
    assert r.exit_code == 1, r.output
    assert "the pages were not laid out in 0.001 s" in r.output and "nothing was written" in r.output
    assert "--layout fast" in r.output and "--focus" in r.output
    assert out.read_bytes() == b"kept"


@given(st.lists(st.sampled_from(["a", "bc", "defghij", " ", "  ", "-", "\t", "\n", "\xa0", "é",
                                 "x" * 30]), max_size=20).map("".join),
       st.sampled_from([5, 24, 34]))
def test_wrapping_is_textwraps(text, width):
    assert wrap_lines(text, width) == (textwrap.wrap(text, width=width, break_long_words=True,
                                                     break_on_hyphens=False) or [""])


def test_a_tooltip_keeps_backslashes_and_quotes_as_written():
    m = loads('claims: {a: "back\\\\slash \\\\N \\"q\\" end\\\\"}')
    assert m.graph.nodes["a"]["text"] == 'back\\slash \\N "q" end\\'
    svg = render(to_dot(m, links=True), "svg").decode()
    assert 'title="back\\slash \\N &quot;q&quot; end\\"' in svg


def test_the_help_names_the_size_from_which_auto_takes_the_fast_layout(run):
    from argmap.render.tidy import FAST_LAYOUT_FROM

    help_text = " ".join(run("export", "--help").output.split())
    assert f"auto: fast from {FAST_LAYOUT_FROM:,} claims" in help_text
