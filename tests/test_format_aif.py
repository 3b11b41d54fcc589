"""The AIF JSON reader and writer (argmap.formats.aif).

Expected structure is counted from the raw JSON of each fixture (or corpus file) by small helpers
written here, independently of the reader; lines are found by searching the fixture's text.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from argmap import loads
from argmap.errors import MapReadError
from argmap.formats import aif
from argmap.loader import bundled_map_path
from argmap.model import ArgumentMap
from argmap.records import Argument, Claim, Records, Rephrase, build

from samples import TEA

FIXTURES = Path(__file__).parent / "fixtures" / "aif"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "aif-microtexts"
KEPT = ("I", "RA", "CA", "MA")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def load(name: str):
    """(map, diagnostics) of a fixture."""
    return build(aif.read(fixture(name), name))


def by_aif(amap: ArgumentMap) -> dict[str, list[str]]:
    """AIF node id -> the claims or arguments read from it."""
    out: dict[str, list[str]] = {}
    for n, data in amap.graph.nodes(data=True):
        out.setdefault(data["aif"], []).append(n)
    return out


def skeleton(doc: dict) -> tuple[dict, set, dict]:
    """The I/RA/CA/MA part of an AIF document: node id -> type, the (from, to) pairs between
    them, node id -> text; ids as strings."""
    doc = doc.get("AIF", doc)
    nodes, texts = {}, {}
    for n in doc["nodes"]:
        if isinstance(n, dict) and n.get("type") in KEPT and "nodeID" in n \
                and str(n["nodeID"]) not in nodes:
            nodes[str(n["nodeID"])], texts[str(n["nodeID"])] = n["type"], n["text"]
    pairs = {(str(e["fromID"]), str(e["toID"])) for e in doc["edges"]
             if isinstance(e, dict) and str(e.get("fromID")) in nodes
             and str(e.get("toID")) in nodes}
    return nodes, pairs, texts


def line_of(text: str, needle: str, nth: int | None = None) -> int:
    """The 1-based line of the only line containing ``needle`` (or of the ``nth``)."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1 or nth is not None, (needle, hits)
    return hits[nth or 0]


def warnings(diagnostics, code="format-oddity"):
    return [d for d in diagnostics if d.code == code]


def shape(amap: ArgumentMap, skip=("pos", "aif")):
    """Everything a map says, except where it was written (and, by default, its AIF ids)."""
    nodes = [(n, {k: tuple(c[:3] for c in v) if k == "cites" else v  # not where written
                  for k, v in data.items() if k not in skip})
             for n, data in amap.graph.nodes(data=True)]
    rephrases = [r if "aif" not in skip else r[:2] for r in amap.rephrases]
    return (amap.title, amap.thesis, amap.source, amap.sources, amap.themes, amap.note,
            amap.graph.graph.get("ignore"), nodes, sorted(amap.graph.edges(data="role")), rephrases)


def round_trip(amap: ArgumentMap) -> tuple[ArgumentMap, list]:
    written = aif.write(amap)
    assert isinstance(written.data, str)
    return build(aif.read(written.data, "again.json"))


# -- reading the hand-made fixtures -------------------------------------------------------------

def test_an_undercut_listed_before_the_inference_it_targets():
    amap, diags = load("undercut_first.json")
    nodes = by_aif(amap)
    (inference,), (undercut,) = nodes["20"], nodes["30"]
    assert amap.is_undercut(undercut) and amap.target(undercut) == inference
    assert amap.premises(undercut) == nodes["4"]
    assert amap.target(inference) == nodes["1"][0] and amap.premises(inference) == nodes["2"]
    assert amap.relation(inference) == "support"
    assert amap.node(inference)["scheme"] == "Argument From Expert Opinion"
    assert amap.node(undercut)["scheme"] is None  # "Default Conflict" is no scheme
    assert not warnings(diags)
    assert not [d for d in diags if d.is_error]


def test_claims_have_readable_ids_and_keep_their_node_ids():
    amap, _ = load("undercut_first.json")
    doc = json.loads(fixture("undercut_first.json"))
    texts = {n["nodeID"]: n["text"] for n in doc["nodes"] if n["type"] == "I"}
    assert {amap.node(c)["aif"]: amap.text(c) for c in amap.claims()} == texts
    assert "drink-tea" in amap
    assert all(isinstance(amap.node(n)["aif"], str) for n in amap.graph)


def test_positions_name_the_node_and_its_line():
    text = fixture("undercut_first.json")
    amap, _ = load("undercut_first.json")
    claim = by_aif(amap)["2"][0]
    pos = amap.position(claim)
    assert pos.element == "node 2"
    assert pos.line == line_of(text, '"nodeID": "2"')
    assert pos.col == text.splitlines()[pos.line - 1].index('"nodeID"') + 1


@pytest.mark.parametrize("inside", [
    '"note": {"nodeID": "x"}',  # a node inside a node: the scan and the ids disagree
    '"note": "a \\"nodeID\\": 5 in a string"',  # a key-like text inside a string
])
def test_lines_are_right_when_a_node_holds_another_nodeid(inside):
    text = ('{"nodes": [\n {"nodeID": "1", "text": "A.", "type": "I", ' + inside + '},\n'
            ' {"nodeID": "2", "text": "B.", "type": "I"}\n], "edges": []}')
    amap, _ = build(aif.read(text, "n.json"))
    assert [amap.position(c).line for c in amap.claims()] == [2, 3]


def test_an_undercut_of_an_undercut_at_any_depth_and_order():
    amap, diags = load("undercut_chain.json")
    n = {k: v[0] for k, v in by_aif(amap).items()}
    assert amap.target(n["u1"]) == n["a"]
    assert amap.target(n["u2"]) == n["u1"]
    assert amap.target(n["u3"]) == n["u2"]
    assert amap.target(n["b"]) == n["u1"] and amap.relation(n["b"]) == "support"
    assert all(amap.is_undercut(n[u]) for u in ("u1", "u2", "u3"))
    assert not amap.is_undercut(n["a"])
    assert not warnings(diags)


def test_linked_premises_are_one_argument():
    amap, diags = load("linked.json")
    doc = json.loads(fixture("linked.json"))
    into = {}
    for e in doc["edges"]:
        into.setdefault(e["toID"], []).append(e["fromID"])
    n = by_aif(amap)
    assert len(list(amap.arguments())) == 2
    for s_node in ("5", "8"):
        (arg,) = n[s_node]
        assert [amap.node(p)["aif"] for p in amap.premises(arg)] == into[s_node]
    assert amap.node(n["5"][0])["scheme"] == "Practical Reasoning"
    assert amap.relation(n["8"][0]) == "attack" and amap.target(n["8"][0]) == n["1"][0]
    (loss,) = [d for d in diags if "not kept" in d.message]
    assert "schemeID (1)" in loss.message


def test_dialogue_layer_speakers_rephrase_and_one_summary():
    amap, diags = load("dialogue.json")
    doc = json.loads(fixture("dialogue.json"))
    n = {k: v[0] for k, v in by_aif(amap).items()}
    speaker = {k: amap.node(n[k])["speaker"] for k in ("1", "2", "3", "4")}
    assert speaker == {
        "1": "Alice Smith",  # from participants via locutions; Dana's locution is "Analysing"
        "2": "Alice Smith",
        "3": "Carol",  # no locution record: from the text "Carol: ..."
        "4": "Robert",  # participants win over the text's "Bob"
    }
    # I3 -> MA -> I2: "The air ... is dirty" restates "The air ... is bad"
    assert amap.rephrases == [(n["3"], n["2"], "300")]
    assert amap.premises(n["200"]) == [n["2"]] and amap.target(n["200"]) == n["1"]
    counts = {t: sum(x["type"] == t for x in doc["nodes"]) for t in ("L", "TA", "YA", "PA")}
    dialogue = counts["L"] + counts["TA"] + counts["YA"]
    (summary,) = [d for d in diags if d.code == "format-loss" and "dialogue" in d.message]
    assert summary.message == (
        f"{dialogue} dialogue nodes (L {counts['L']}, TA {counts['TA']}, YA {counts['YA']}), "
        f"{counts['PA']} preference node (PA) not kept: speakers kept on 4 claims")
    assert not warnings(diags)


def test_the_ova_wrapper():
    amap, diags = load("ova.json")
    doc = json.loads(fixture("ova.json"))
    assert amap.note == aif.OVA_NOTE + doc["text"]
    n = by_aif(amap)
    assert set(n) == {str(x["nodeID"]) for x in doc["AIF"]["nodes"]}  # numbers read as strings
    assert amap.node(n["3"][0])["scheme"] is None  # OVA's "scheme": "72" is an id, not a name
    (loss,) = [d for d in diags if d.code == "format-loss"]
    assert "OVA's layout" in loss.message and "'schemefulfillments' (2)" in loss.message
    assert "descriptorfulfillments" not in loss.message  # empty: nothing lost


def test_xaif_text_object():
    doc = json.loads(fixture("ova.json"))
    doc["text"] = {"txt": "Speaker <span>text</span>"}
    amap, _ = build(aif.read(json.dumps(doc), "x.json"))
    assert amap.note == aif.OVA_NOTE + "Speaker <span>text</span>"


def test_a_messy_nodeset_keeps_the_good_relations_and_names_each_oddity():
    text = fixture("messy.json")
    amap, diags = load("messy.json")
    assert not [d for d in diags if d.is_error]
    n = by_aif(amap)
    claim = {k: v[0] for k, v in n.items() if amap.is_claim(v[0])}
    # kept: RA 3 and RA 10 (the same premise and conclusion, both kept), RA 8's two conclusions
    kept = [(amap.node(a)["aif"], amap.premises(a), amap.target(a)) for a in amap.arguments()]
    assert kept == [("3", [claim["2"]], claim["1"]), ("8", [claim["9"]], claim["1"]),
                    ("8", [claim["9"]], claim["5"]), ("10", [claim["2"]], claim["1"])]
    assert set(claim) == {"1", "2", "5", "7", "9", "15"}  # the I node "3" repeats RA 3's id
    assert amap.text(claim["7"]) == "An island: nothing relates to it."
    odd = {d.message for d in warnings(diags)}

    def has(element, *words):
        hits = [m for m in odd if m.startswith(element + ":") and all(w in m for w in words)]
        assert hits, (element, words, sorted(odd))
        return hits[0]

    has("node 3", "used twice", "I node is left out")
    has("node 4", "no premise", "(left out)")
    has("node 11", "its target, node 4, is left out: so is this one")
    has("node 6", "no conclusion")
    has("node 8", "2 conclusions", "one argument for each")
    has("node 12", "no conclusion")
    has("node 14", "its target, node 12, is left out: so is this one")
    has("node 13", "both a premise and the conclusion")
    has("node 16", "no type")
    has("edge e3", "node 99", "not in the file")
    has("edge e16", "node 404", "not in the file")
    has("edge e13", "repeats the edge from node 2 to node 3")
    has("edge e14", "to itself")
    has("edge e17", "no usable fromID or toID")
    has("edge e18", "straight to I node 1")
    has("nodes[16]", "not a JSON object")
    has("nodes[17]", "no usable nodeID")
    has("edges[18]", "not a JSON object")
    # each warning has the line of its element
    for d in warnings(diags):
        element = d.message.split(":")[0]
        if element.startswith("node "):
            nth = -1 if element == "node 3" else None  # the duplicate: the second is told
            assert d.line == line_of(text, f'"nodeID": "{element[5:]}"', nth)
        elif element.startswith("edge "):
            assert d.line == line_of(text, f'"edgeID": "{element[5:]}"')
    losses = [d.message for d in diags if d.code == "format-loss"]
    assert "1 node of other types (EN 1) not kept" in losses


def test_the_same_inference_twice_keeps_both_with_unnamed_ids():
    amap, _ = load("messy.json")
    twins = [a for a in amap.arguments() if amap.node(a)["aif"] in ("3", "10")]
    assert len(twins) == 2 and all(amap.node(a)["auto_id"] for a in twins)


def test_an_isolated_i_node_is_a_claim_and_no_oddity():
    doc = {"nodes": [{"nodeID": "1", "text": "Alone.", "type": "I"}], "edges": []}
    amap, diags = build(aif.read(json.dumps(doc), "a.json"))
    assert list(amap.claims()) == ["alone"] and diags == []


def test_the_older_s_type_spelling():
    doc = {"nodes": [{"nodeID": "1", "text": "A.", "type": "I"},
                     {"nodeID": "2", "text": "B.", "type": "I"},
                     {"nodeID": "3", "type": "S", "scheme": "CA"}],
           "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}]}
    amap, _ = build(aif.read(json.dumps(doc), "s.json"))
    (a,) = amap.arguments()
    assert amap.relation(a) == "attack" and amap.node(a)["scheme"] is None


def test_missing_edges_is_an_oddity_not_an_error():
    doc = {"nodes": [{"nodeID": "1", "text": "A.", "type": "I"}]}
    amap, diags = build(aif.read(json.dumps(doc), "n.json"))
    assert list(amap.claims()) == ["a"]
    assert ["no 'edges' list" in d.message for d in diags] == [True]


def test_many_claims_with_one_text_get_numbered_ids():
    doc = {"nodes": [{"nodeID": str(i), "text": "Same.", "type": "I"} for i in range(5)],
           "edges": []}
    amap, _ = build(aif.read(json.dumps(doc), "same.json"))
    assert list(amap.claims()) == ["same", "same-2", "same-3", "same-4", "same-5"]


# -- unreadable input ---------------------------------------------------------------------------

def test_invalid_json_is_a_read_error_with_line_and_column():
    text = '{\n  "nodes": [\n    {"nodeID": "1" "text": "x"}\n  ]\n}\n'
    with pytest.raises(MapReadError) as e:
        aif.read(text, "bad.json")
    col = text.splitlines()[2].index('"text"') + 1
    assert (e.value.file, e.value.line, e.value.col) == ("bad.json", 3, col)
    assert str(e.value).startswith(f"bad.json:3:{col}: not valid JSON")


@pytest.mark.parametrize("text, words", [
    ("[]", "a list"), ("42", "single value"), ('{"edges": []}', "no 'nodes' list"),
    ('{"nodes": {}}', "not a list"), ('{"nodes": [], "edges": 3}', "'edges' is not a list"),
    ("", "not valid JSON"), ("[" * 100000, "nested too deeply"),
])
def test_not_aif_is_a_read_error(text, words):
    with pytest.raises(MapReadError) as e:
        aif.read(text, "x.json")
    assert words in str(e.value)


def test_a_byte_order_mark_is_skipped():
    text = "\ufeff" + fixture("linked.json")
    amap, _ = build(aif.read(text, "bom.json"))
    assert len(list(amap.claims())) == 6


# -- round trips --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_aif_to_map_to_aif_keeps_node_ids_types_and_edges(name):
    amap, diags = load(name)
    out = json.loads(aif.write(amap).data)
    nodes, pairs, texts = skeleton(json.loads(fixture(name)))
    got_nodes, got_pairs, got_texts = skeleton(out)
    if name == "messy.json":  # what was left out is not written; the rest is the same
        kept_nodes = {m["aif"] for _, m in amap.graph.nodes(data=True)}
        assert got_nodes == {k: v for k, v in nodes.items() if k in kept_nodes}
        among_kept = {(a, b) for a, b in pairs if a in got_nodes and b in got_nodes}
        assert got_pairs == among_kept - {("7", "1"), ("1", "1")}  # I -> I is no relation
    else:
        assert (got_nodes, got_pairs, got_texts) == (nodes, pairs, texts)
    again, diags2 = build(aif.read(json.dumps(out), "again.json"))
    assert shape(again, skip=("pos",)) == shape(amap, skip=("pos",))
    odd = [d.message for d in diags2 if d.code == "format-oddity"]
    assert odd == ([] if name != "messy.json" else  # written as it was read: one node, two ends
                   ["node 8: the inference has 2 conclusions (nodes 1, 5): read as one argument "
                    "for each"])


def test_speakers_are_written_as_locutions_and_read_back():
    amap, _ = load("dialogue.json")
    out = json.loads(aif.write(amap).data)
    people = {p["participantID"]: (p["firstname"], p["surname"]) for p in out["participants"]}
    assert sorted(people.values()) == [("Alice", "Smith"), ("Carol", ""), ("Robert", "")]
    assert len(out["locutions"]) == 4
    again, _ = build(aif.read(json.dumps(out), "again.json"))
    assert [again.node(c)["speaker"] for c in again.claims()] == \
        [amap.node(c)["speaker"] for c in amap.claims()]


def test_yaml_to_aif_to_map_is_lossless():
    for amap in (loads(TEA), loads(bundled_map_path().read_text(encoding="utf-8"))):
        again, diags = round_trip(amap)
        assert shape(again) == shape(amap)
        assert not [d for d in diags if d.code == "format-oddity"]


def test_a_map_without_aif_ids_gets_fresh_ids_and_the_aif_shape():
    amap = loads(TEA)
    out = json.loads(aif.write(amap).data)
    ids = [n["nodeID"] for n in out["nodes"]]
    assert len(ids) == len(set(ids)) and all(i.isdigit() for i in ids)
    node_of = {**{v["id"]: k for k, v in out["argmap"]["claims"].items()}}
    kinds = {n["nodeID"]: n["type"] for n in out["nodes"]}
    pairs = {(e["fromID"], e["toID"]) for e in out["edges"]}
    # "cost" has two premises: one RA with two incoming I edges
    (cost,) = [k for k, v in out["argmap"]["arguments"].items() if v.get("id") == "cost"]
    assert kinds[cost] == "RA"
    assert {a for a, b in pairs if b == cost} == {node_of["cheap"], node_of["afford"]}
    # "brushing" attacks the argument "stains": an undercut, CA -> CA
    (brushing,) = [k for k, v in out["argmap"]["arguments"].items() if v.get("id") == "brushing"]
    (stains,) = [k for k, v in out["argmap"]["arguments"].items() if v.get("id") == "stains"]
    assert (brushing, stains) in pairs and kinds[brushing] == kinds[stains] == "CA"
    assert out["argmap"]["thesis"] == node_of["tea"]
    assert len({e["edgeID"] for e in out["edges"]}) == len(out["edges"])


def test_the_nodes_win_over_the_argmap_key_when_an_aif_tool_edited_them():
    out = json.loads(aif.write(loads(TEA)).data)
    tea = next(k for k, v in out["argmap"]["claims"].items() if v["id"] == "tea")
    for n in out["nodes"]:
        if n["nodeID"] == tea:
            n["text"] = "Drink green tea."
    amap, diags = build(aif.read(json.dumps(out), "edited.json"))
    assert amap.text("tea") == "Drink green tea." and amap.node("tea")["theme"] == "h"
    assert amap.thesis == "tea"


def test_a_bad_argmap_key_is_told_and_left_out():
    doc = json.loads(fixture("linked.json"))
    doc["argmap"] = {"version": 2, "title": 7, "thesis": "99",
                     "claims": {"1": {"id": "bridge", "weight": "heavy", "colour": "red"},
                                "2": {"id": "bridge"}, "5": {"id": "not-a-claim"}},
                     "arguments": {"5": {"id": "plan", "weight": 2}}, "themes": ["x"]}
    amap, diags = build(aif.read(json.dumps(doc), "k.json"))
    odd = {d.message for d in warnings(diags)}
    assert odd == {
        "argmap.claims['1']: the 'weight' \"heavy\" is not a number from 0 to 1 (ignored)",
        "argmap.claims['1']: unknown field 'colour' (ignored)",
        "argmap.claims['2']: the id 'bridge' is given twice: a new id is made",
        "argmap.claims['5']: names node 5, which is not an I node in the file (ignored)",
        "argmap.arguments['5']: the 'weight' 2 is not a number from 0 to 1 (ignored)",
        "argmap.thesis: names node '99', which is not an I node (ignored)",
        "argmap.themes: is not an object of strings (ignored)",
        "argmap.title: is not a string (ignored)",
        "argmap.version: the 'argmap' key has version 2; read as version 1",
    }
    assert amap.node("bridge")["aif"] == "1" and amap.node("bridge")["weight"] == 0.5
    assert amap.node(by_aif(amap)["5"][0])["weight"] == 1.0
    assert "plan" in amap and amap.title is None and amap.thesis is None


def test_ids_that_were_numbers_are_written_as_numbers_when_the_map_says_so():
    amap, _ = load("ova.json")
    amap.graph.graph["aif_numbers"] = frozenset(str(i) for i in range(1, 6))
    out = json.loads(aif.write(amap).data)
    assert sorted(n["nodeID"] for n in out["nodes"]) == [1, 2, 3, 4, 5]
    assert all(isinstance(e["fromID"], int) for e in out["edges"])


def test_a_map_read_twice_writes_the_same_bytes():
    amap, _ = load("dialogue.json")
    first = aif.write(amap).data
    again, _ = build(aif.read(first, "x.json"))
    assert aif.write(again).data == first


def test_several_conclusions_are_written_back_as_one_node():
    amap, _ = load("messy.json")
    out = json.loads(aif.write(amap).data)
    assert [n["nodeID"] for n in out["nodes"]].count("8") == 1
    assert {b for a, b in skeleton(out)[1] if a == "8"} == {"1", "5"}


def test_a_claim_with_an_aif_id_taken_by_another_is_renumbered_and_told():
    recs = Records("m.yaml")
    recs.claims += [Claim("a", "A.", attrs={"aif": "7"}), Claim("b", "B.", attrs={"aif": "7"})]
    amap, _ = build(recs)
    written = aif.write(amap)
    ids = [n["nodeID"] for n in json.loads(written.data)["nodes"]]
    assert ids == ["7", "8"]
    assert written.losses == ["claim 'b' has the AIF node id '7' of another node: written as node 8"]


# -- random maps -------------------------------------------------------------------------------

WORDS = ["tea", "warm", "Ça", "va", "!", "x", "tea", "42", "ünï", "a b"]


@st.composite
def maps(draw):
    """A valid map: claims, support and attack arguments with linked premises, arguments aimed
    at arguments (undercuts of undercuts, supports of inferences), rephrases, every field."""
    recs = Records("r.yaml")
    n = draw(st.integers(2, 7))
    themes = {"h": "Health", "c": "Cost"}
    if draw(st.booleans()):
        recs.themes = themes
    text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
    for i in range(n):
        attrs = {}
        if recs.themes and draw(st.booleans()):
            attrs["theme"] = draw(st.sampled_from(sorted(themes)))
        for key, value in (("tags", st.lists(st.sampled_from(["t1", "t2"]), unique=True)),
                           ("para", st.integers(1, 9)), ("quote", text), ("note", text),
                           ("weight", st.sampled_from([0.0, 0.25, 1])), ("given", st.booleans()),
                           ("by", st.just("analyst")), ("speaker", text)):
            if draw(st.booleans()):
                attrs[key] = draw(value)
        cid = draw(st.one_of(st.none(), st.just(f"c{i}")))
        recs.claims.append(Claim(cid, draw(text), attrs=attrs))
    amap0, _ = build(recs)
    claims = list(amap0.claims())
    recs.claims = [Claim(c, amap0.text(c), attrs=dict(recs.claims[i].attrs))
                   for i, c in enumerate(claims)]
    k = draw(st.integers(0, 7))
    specs = []
    for i in range(k):
        premises = draw(st.lists(st.sampled_from(claims), min_size=1, max_size=3, unique=True))
        aim = draw(st.one_of(st.sampled_from(claims).map(lambda c: ("claim", c)),
                             st.integers(0, k - 1).map(lambda j: ("argument", j))))
        if aim[0] == "claim" and aim[1] in premises or aim == ("argument", i):
            continue
        specs.append((i, draw(st.sampled_from(["support", "attack"])), premises, aim))
    aimed_at = {aim[1] for *_, aim in specs if aim[0] == "argument"}
    present = {i for i, *_ in specs}
    for i, relation, premises, aim in specs:
        if aim[0] == "argument" and aim[1] not in present:
            continue
        target = aim[1] if aim[0] == "claim" else f"arg{aim[1]}"
        attrs = {}
        for key, value in (("title", text), ("scheme", st.sampled_from(
                ["Expert Opinion", "Default Inference", "Default Conflict"])), ("note", text),
                ("weight", st.sampled_from([0.0, 0.5]))):
            if draw(st.booleans()):
                attrs[key] = draw(value)
        aid = f"arg{i}" if i in aimed_at or draw(st.booleans()) else None
        recs.arguments.append(Argument(relation, target, premises, aid, attrs=attrs))
    for _ in range(draw(st.integers(0, 2))):
        a, b = draw(st.lists(st.sampled_from(claims), min_size=2, max_size=2, unique=True))
        recs.rephrases.append(Rephrase(a, b))
    if draw(st.booleans()):
        recs.thesis = draw(st.sampled_from(claims))
    recs.title = draw(st.one_of(st.none(), text))
    recs.note = draw(st.one_of(st.none(), text))
    if draw(st.booleans()):
        recs.source = {"title": draw(text), "date": "2024-03"}
    amap, diags = build(recs)
    assume(not [d for d in diags if d.is_error])
    return amap


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.filter_too_much])
@given(maps())
def test_random_maps_survive_aif(amap):
    again, diags = round_trip(amap)
    assert shape(again) == shape(amap)
    assert not [d for d in diags if d.code == "format-oddity"]
    third, _ = round_trip(again)  # and the AIF ids, once there, stay
    assert shape(third, skip=("pos",)) == shape(again, skip=("pos",))


# -- garbled input ------------------------------------------------------------------------------

KEYS = ["nodeID", "text", "type", "fromID", "toID", "edgeID", "scheme", "personID",
        "participantID", "firstname", "surname", "id", "claims", "arguments", "thesis", "version"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 30), st.floats(allow_nan=True),
                    st.sampled_from(["1", "2", "3", "I", "RA", "CA", "MA", "L", "YA", "TA", "PA",
                                     "S", "Default Inference", "A : b", "Analysing", ""]),
                    st.text(max_size=5))
values = st.recursive(scalars, lambda c: st.lists(c, max_size=4)
                      | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=3), c, max_size=4),
                      max_leaves=12)
node = st.fixed_dictionaries({"nodeID": values, "type": values}, optional={"text": values,
                                                                          "scheme": values})
edge = st.fixed_dictionaries({}, optional={"fromID": values, "toID": values, "edgeID": values})
documents = st.fixed_dictionaries(
    {"nodes": st.lists(node | values, max_size=8)},
    optional={"edges": st.lists(edge | values, max_size=10),
              "locutions": values, "participants": values, "schemefulfillments": values,
              "argmap": st.dictionaries(st.sampled_from(KEYS + ["themes", "source", "ignore"]),
                                        values, max_size=5)})


def survive(text: str) -> None:
    """Read, build and write ``text``: a MapReadError or a result, nothing else."""
    try:
        recs = aif.read(text, "g.json")
    except MapReadError:
        return
    amap, _ = build(recs)
    json.loads(aif.write(amap).data)


@settings(max_examples=200, deadline=None)
@given(documents, st.booleans())
def test_garbled_documents_never_crash(doc, wrap):
    survive(json.dumps({"AIF": doc, "text": "t", "OVA": {}} if wrap else doc))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60) | st.binary(max_size=60).map(lambda b: b.decode("latin-1")))
def test_garbled_text_never_crashes(text):
    survive(text)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(p.name for p in FIXTURES.glob("*.json"))), st.randoms())
def test_damaged_fixtures_never_crash(name, rnd):
    text = fixture(name)
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(text))
        j = min(len(text), i + rnd.randint(0, 30))
        text = text[:i] + rnd.choice(["", "\"", "{", "}", "]", ",", "1", "null", "\"I\""]) + text[j:]
    survive(text)


# -- the corpus ---------------------------------------------------------------------------------

def corpus_files():
    if not CORPUS.is_dir():
        pytest.skip(f"the AIF corpus is not here ({CORPUS}); it lives beside the project")
    return sorted(CORPUS.glob("*.json"))


def test_every_corpus_nodeset_is_read_with_the_counts_of_its_json():
    files = corpus_files()
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        amap, diags = build(aif.read(text, path.name))
        doc = json.loads(text)
        kind = {n["nodeID"]: n["type"] for n in doc["nodes"]}
        into, out = {}, {}
        for e in doc["edges"]:
            into.setdefault(e["toID"], set()).add(e["fromID"])
            out.setdefault(e["fromID"], set()).add(e["toID"])
        arguments = [n for n, t in kind.items() if t in ("RA", "CA")
                     and any(kind.get(p) == "I" for p in into.get(n, ()))
                     and any(kind.get(c) in ("I", "RA", "CA") for c in out.get(n, ()))]
        assert len(list(amap.claims())) == sum(t == "I" for t in kind.values()), path.name
        assert sorted({amap.node(a)["aif"] for a in amap.arguments()}) == sorted(arguments)
        undercuts = [n for n in arguments if kind[n] == "CA"
                     and any(kind.get(c) in ("RA", "CA") for c in out[n])]
        assert sum(amap.is_undercut(a) for a in amap.arguments()) == len(undercuts)
        assert not [d for d in diags if d.is_error or d.code == "format-oddity"], path.name
        assert skeleton(json.loads(aif.write(amap).data)) == skeleton(doc), path.name


# -- size -------------------------------------------------------------------------------------

def big_nodeset(arguments: int, seed: int = 1) -> str:
    """An AIF nodeset with ``arguments`` inferences and conflicts: linked premises, undercuts of
    undercuts, repeated texts, numeric and string ids, and a dialogue layer."""
    rnd = random.Random(seed)
    nodes, edges = [], []
    words = ["tea", "coffee", "is", "good", "bad", "for", "you", "and", "the", "city"]
    ids = iter(range(1, 10**9))

    def add(kind, text):
        nid = next(ids)
        nodes.append({"nodeID": nid if nid % 3 else str(nid), "text": text, "type": kind,
                      "timestamp": "2024-01-01 00:00:00"})
        return nodes[-1]["nodeID"]

    def link(a, b):
        edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b, "formEdgeID": None})

    claims, s_nodes = [], []
    for _ in range(arguments):
        if claims and rnd.random() < 0.7:
            conclusion = rnd.choice(claims)
        else:
            conclusion = add("I", " ".join(rnd.choices(words, k=rnd.randint(3, 12))))
            claims.append(conclusion)
        kind = rnd.choice(["RA", "CA"])
        s = add(kind, "Default Inference" if kind == "RA" else "Default Conflict")
        target = rnd.choice(s_nodes) if s_nodes and rnd.random() < 0.2 else conclusion
        for _ in range(rnd.randint(1, 3)):
            p = add("I", " ".join(rnd.choices(words, k=rnd.randint(3, 12))))
            claims.append(p)
            link(p, s)
        link(s, target)
        s_nodes.append(s)
        if rnd.random() < 0.1:
            lid = add("L", "Speaker : " + str(target))
            ya = add("YA", "Asserting")
            link(lid, ya)
            link(ya, claims[-1])
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, indent=1)


def test_a_large_nodeset_is_read_and_written_in_linear_time():
    small, large = big_nodeset(600), big_nodeset(4800, seed=2)

    def seconds(text):
        start = time.perf_counter()
        recs = aif.read(text, "big.json")
        read = time.perf_counter() - start
        amap, _ = build(recs)
        start = time.perf_counter()
        aif.write(amap)
        return read, time.perf_counter() - start, amap

    seconds(small)
    read_small, write_small, _ = seconds(small)
    read_large, write_large, amap = seconds(large)
    assert len(list(amap.arguments())) >= 4800
    # 8 times the input: a quadratic step would take 64 times as long; the bound is loose for
    # a busy machine
    assert read_large < 25 * read_small + 0.5, (read_small, read_large)
    assert write_large < 25 * write_small + 0.5, (write_small, write_large)
