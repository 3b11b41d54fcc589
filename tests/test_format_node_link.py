"""The node-link JSON writer: the export's document, plus rephrases and the map's note."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from argmap import formats, loads
from argmap.formats import node_link
from argmap.loader import bundled_map_path, load
from argmap.render import graphviz

HAND = """
title: Tram
thesis: build.tram
note: A hand map.
claims:
  build.tram: We should build the tram.
  cheap: {text: It is cheap., weight: 0.7, source: {para: 2, quote: cheap as chips}}
  fast: It is fast.
  overrun: Costs overrun.
  ns:exempt: This project is exempt.
  audit: An audit found no exemption.
  cheap-again: Cheap, as said.
  fast-again: Fast, as said.
arguments:
  - {supports: build.tram, premises: [cheap, fast]}
  - {id: cost+risk, attacks: build.tram, premises: [overrun]}
  - {id: u1, attacks: cost+risk, premises: ["ns:exempt"]}
  - {attacks: u1, premises: [audit]}
rephrases:
  - {claim: cheap-again, of: cheap, aif: "77"}
  - {claim: fast-again, of: fast}
"""


def test_bundled_map_gives_the_exports_document_byte_for_byte():
    m = load()
    w = node_link.write(m)
    assert w.losses == []
    assert w.data == json.dumps(graphviz.node_link(m), indent=2, ensure_ascii=False)
    assert formats.write(m, "node-link").data == w.data
    assert "rephrases" not in json.loads(w.data) and "note" not in json.loads(w.data)


def test_cli_export_writes_the_same_json(run, tmp_path):
    out = tmp_path / "map.json"
    result = run("export", bundled_map_path(), "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == node_link.write(load()).data


def test_cli_convert_writes_the_same_json(run, tmp_path):
    if not hasattr(formats, "parse"):
        pytest.skip("argmap convert's reading side (argmap.formats.parse) is not there yet")
    via_export, via_convert = tmp_path / "export.json", tmp_path / "convert.json"
    assert run("export", bundled_map_path(), "-o", via_export).exit_code == 0
    result = run("convert", bundled_map_path(), via_convert, "--to", "node-link")
    assert result.exit_code == 0, result.output
    assert via_convert.read_bytes() == via_export.read_bytes()


def test_rephrases_and_note_are_kept():
    m = loads(HAND)
    d = json.loads(node_link.write(m).data)
    assert d["rephrases"] == [{"claim": "cheap-again", "of": "cheap", "aif": "77"},
                              {"claim": "fast-again", "of": "fast"}]
    assert d["note"] == "A hand map."
    assert d["thesis"] == "build.tram" and d["title"] == "Tram"
    # the rest is the export's document
    rest = {k: v for k, v in d.items() if k not in ("rephrases", "note")}
    assert rest == json.loads(json.dumps(graphviz.node_link(m)))


def test_networkx_rebuilds_the_graph_with_undercuts_of_undercuts():
    m = loads(HAND)
    d = json.loads(node_link.write(m).data)
    g = nx.node_link_graph(d, edges="links")
    assert list(g.nodes) == list(m.graph.nodes)
    assert set(g.edges(data="role")) == set(m.graph.edges(data="role"))
    assert g.nodes["u1"]["target"] == "cost+risk"
    assert g.nodes["audit--attacks--u1"]["target"] == "u1"
    assert g.nodes["cheap+fast--supports--build.tram"]["premises"] == ["cheap", "fast"]
    assert g.nodes["cheap"]["weight"] == 0.7 and g.nodes["cheap"]["para"] == 2


def test_a_part_keeps_only_its_rephrases():
    m = loads(HAND)
    keep = {"build.tram", "cheap", "fast", "cheap-again", "cheap+fast--supports--build.tram"}
    d = node_link.data(m, keep)
    assert {n["id"] for n in d["nodes"]} == keep
    assert d["rephrases"] == [{"claim": "cheap-again", "of": "cheap", "aif": "77"}]
    assert "rephrases" not in node_link.data(m, {"build.tram", "fast"})
