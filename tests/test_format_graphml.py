"""The GraphML writer: the map's graph with typed attributes, read back by ElementTree and networkx."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import formats, loads, semantics
from argmap.formats import graphml
from argmap.loader import load
from argmap.model import ArgumentMap

NS = "{http://graphml.graphdrawing.org/xmlns}"
TYPES = {"string", "int", "double", "boolean"}

HAND = """
title: Tram <&> "test"
thesis: build.tram
note: A hand map.
source: {title: City paper, author: A. N. Other, date: 2024-05}
themes: {cost: Cost & money, city: "City [life]"}
claims:
  build.tram: {text: We should build the tram., theme: city}
  cheap: {text: It is cheap., theme: cost, weight: 0.7, source: {para: 2, quote: cheap as chips}}
  fast: {text: It is fast., theme: city, tags: [speed, transport], speaker: Ann}
  overrun: {text: Costs overrun., theme: cost, note: Seen in 2019.}
  ns:exempt: {text: This project is exempt., given: true}
  audit: {text: An audit found no exemption., by: analyst}
  rumour: The audit is a rumour.
  cheap-again: Cheap, as said.
arguments:
  - {supports: build.tram, premises: [cheap, fast]}
  - {id: cost+risk, attacks: build.tram, premises: [overrun], scheme: consequences}
  - {id: u1, attacks: cost+risk, premises: ["ns:exempt"]}
  - {id: u2, attacks: u1, premises: [audit]}
  - {attacks: u2, premises: [rumour], title: hearsay, weight: 0.4,
     ignore: {unused-claim: kept on purpose}}
  - {supports: cheap, premises: [cheap-again]}
rephrases:
  - {claim: cheap-again, of: cheap, aif: "77"}
"""


def read_back(amap: ArgumentMap) -> nx.DiGraph:
    return nx.read_graphml(io.StringIO(graphml.write(amap).data))


def test_keys_are_declared_typed_and_used_by_the_right_elements():
    root = ET.fromstring(graphml.write(loads(HAND)).data)
    assert root.tag == f"{NS}graphml"
    keys = {k.get("id"): k for k in root.findall(f"{NS}key")}
    assert all(k.get("attr.type") in TYPES and k.get("attr.name") for k in keys.values())
    names = {(k.get("for"), k.get("attr.name")) for k in keys.values()}
    assert len(names) == len(keys)  # one key per element kind and name
    graph = root.find(f"{NS}graph")
    assert graph.get("edgedefault") == "directed"
    used = set()
    for element, kind in ((graph, "graph"), *((n, "node") for n in graph.iter(f"{NS}node")),
                          *((e, "edge") for e in graph.iter(f"{NS}edge"))):
        for d in element.findall(f"{NS}data"):
            key = keys[d.get("key")]  # every data names a declared key ...
            assert key.get("for") == kind  # ... declared for its kind of element
            used.add(d.get("key"))
            value = d.text
            assert value, f"empty {key.get('attr.name')}"
            if key.get("attr.type") == "boolean":
                assert value in ("true", "false")
            elif key.get("attr.type") == "int":
                int(value)
            elif key.get("attr.type") == "double":
                float(value)
    assert used == set(keys)  # and nothing is declared that no element uses
    for name in ("kind", "label", "text", "theme", "theme_label", "tags", "para", "quote",
                 "weight", "given", "by", "speaker", "scheme", "relation", "note", "title",
                 "grounded", "strength"):
        assert ("node", name) in names, name
    assert ("edge", "role") in names and ("graph", "thesis") in names


def test_networkx_reads_back_the_same_graph():
    m = loads(HAND)
    g = read_back(m)
    assert list(g.nodes) == list(m.graph.nodes)  # same ids, same order
    for n, attrs in m.graph.nodes(data=True):
        assert g.nodes[n]["kind"] == attrs["kind"]
        if attrs["kind"] == "claim":
            assert g.nodes[n]["text"] == attrs["text"] == g.nodes[n]["label"]
        else:
            assert g.nodes[n]["relation"] == attrs["relation"]
            assert g.nodes[n]["target"] == attrs["target"]
            assert g.nodes[n]["premises"].split(" ") == list(attrs["premises"])
    edges = {(u, v): r for u, v, r in g.edges(data="role")}
    expected = {(u, v): r for u, v, r in m.graph.edges(data="role")}
    expected[("cheap-again", "cheap")] = "rephrase"
    assert edges == expected
    assert g.edges["cheap-again", "cheap"]["aif"] == "77"


def test_attributes_keep_their_types_and_values():
    m = loads(HAND)
    g = read_back(m)
    cheap, fast, exempt = g.nodes["cheap"], g.nodes["fast"], g.nodes["ns:exempt"]
    assert cheap["weight"] == 0.7 and cheap["para"] == 2 and cheap["quote"] == "cheap as chips"
    assert cheap["theme"] == "cost" and cheap["theme_label"] == "Cost & money"
    assert fast["tags"] == "speed, transport" and fast["speaker"] == "Ann"
    assert exempt["given"] is True and cheap["given"] is False
    assert g.nodes["audit"]["by"] == "analyst"
    assert g.nodes["overrun"]["note"] == "Seen in 2019."
    assert g.nodes["build.tram"]["thesis"] is True and cheap["thesis"] is False
    assert g.nodes["cost+risk"]["scheme"] == "consequences"
    hearsay = g.nodes["rumour--attacks--u2"]
    assert hearsay["title"] == hearsay["label"] == "hearsay" and hearsay["weight"] == 0.4
    assert hearsay["auto_id"] is True and g.nodes["u1"]["auto_id"] is False
    assert json.loads(hearsay["ignore"]) == {"unused-claim": "kept on purpose"}
    assert [n for n in g if g.nodes[n].get("undercut")] == ["u1", "u2", "rumour--attacks--u2"]
    assert cheap["line"] == m.position("cheap").line and cheap["col"] == m.position("cheap").col
    assert "label" not in g.nodes["u1"]  # no title: no label


def test_evaluation_is_the_grounded_label_and_dfquad_strength():
    m = loads(HAND)
    g = read_back(m)
    labels, strengths = semantics.grounded(m), semantics.dfquad(m).values
    for n in m.graph:
        assert g.nodes[n]["grounded"] == labels[n]
        assert g.nodes[n]["strength"] == pytest.approx(strengths[n], abs=1e-6)
    assert g.graph["strength_converged"] is True
    # a cycle of objections: no grounded winner
    m2 = loads("claims: {a: A., b: B.}\narguments: [{attacks: a, premises: [b]},"
               " {attacks: b, premises: [a]}]")
    assert {read_back(m2).nodes[c]["grounded"] for c in "ab"} == {"UNDEC"}


def test_graph_data_holds_title_thesis_note_themes_and_source():
    g = read_back(loads(HAND))
    assert g.graph["title"] == 'Tram <&> "test"' and g.graph["thesis"] == "build.tram"
    assert g.graph["note"] == "A hand map."
    assert json.loads(g.graph["themes"]) == {"cost": "Cost & money", "city": "City [life]"}
    assert g.graph["source_title"] == "City paper" and g.graph["source_author"] == "A. N. Other"
    assert g.graph["source_date"] == "2024-05"


def test_bundled_map_reads_back_whole():
    m = load()
    w = formats.write(m, "graphml")
    assert w.losses == [] and w.data == graphml.write(m).data
    g = nx.read_graphml(io.StringIO(w.data))
    assert set(g.nodes) == set(m.graph.nodes)
    assert set(g.edges) == set(m.graph.edges)
    assert sum(g.nodes[n]["kind"] == "claim" for n in g) == len(list(m.claims()))
    assert g.graph["thesis"] == m.thesis
    assert all(g.nodes[n]["text"] == m.text(n) for n in m.claims())


NASTY = ['Say "hi" & <b>bold</b>', "]]> <!-- --> <![CDATA[x]]>", "&amp; &lt; &#x41; &#0;",
         "<?xml version='1.0'?>", "it's 'quoted'", "line\nbreak", "cr\r\nlf\rend",
         "tab\tinside", "  spaces kept  ", "emoji 🧭 and ZWJ 👩‍👩‍👧", "bidi \u202eevil\u202c",
         "</data></node><node id='x'>", "\\N {x} %s"]
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text_map(s: str) -> ArgumentMap:
    m = ArgumentMap(title=s, thesis="t", themes={"th": s}, note=s, source={"title": s})
    m.add_claim("t", s, theme="th", note=s, quote=s, speaker=s, tags=[s, "b"])
    m.add_claim("p", "P " + s)
    m.add_argument("a", "support", "t", ["p"], title=s, scheme=s)
    m.rephrases.append(("p", "t", s))
    return m


def check_text(s: str) -> None:
    text = graphml.write(text_map(s)).data
    ET.fromstring(text)  # well-formed
    g = nx.read_graphml(io.StringIO(text))
    kept = NOT_XML.sub("", s)
    assert set(g) == {"t", "p", "a"}
    t = g.nodes["t"]
    if kept:
        for key in ("text", "note", "quote", "speaker", "theme_label"):
            assert t[key] == kept, key
        assert g.nodes["a"]["title"] == g.nodes["a"]["scheme"] == kept
        assert g.graph["title"] == g.graph["source_title"] == kept
        assert g.edges["p", "t"]["aif"] == kept
        assert t["tags"] == f"{kept}, b"
    assert g.nodes["p"]["text"] == "P " + kept


@pytest.mark.parametrize("s", NASTY, ids=range(len(NASTY)))
def test_any_text_is_escaped_and_comes_back(s):
    check_text(s)


def test_characters_xml_cannot_hold_are_left_out():
    check_text("nul\x00 esc\x1b bel\x07 \ufffe\uffff lone \ud800 surrogate")
    text = graphml.write(text_map("a\x00b")).data
    assert "\x00" not in text and ">ab<" in text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("<>&\"'\r\n\t ]")), st.characters()),
               min_size=1, max_size=30))
def test_random_text_round_trips(s):
    check_text(s)
