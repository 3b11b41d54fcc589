"""The Mermaid writer: the view drawn as a flowchart, with no text able to break it.

Structural checks parse the lines back (declarations, links, classes, link styles) and compare
them with the view the DOT export draws; a property test feeds hostile text everywhere a map
shows text. When a Mermaid install is at hand (``ARGMAP_MERMAID_DIR``: a folder where
``npm install mermaid jsdom`` was run), Mermaid's own parser reads the output too.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import formats, loads
from argmap.formats import mermaid
from argmap.loader import load
from argmap.model import ArgumentMap
from argmap.render import theme
from argmap.render.view import view

HAND = """
title: Tram <&> "test"
thesis: build.tram
note: A hand map.
themes: {cost: Cost & money, city: "City [life]", empty: Nobody}
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
  - {attacks: u2, premises: [rumour], title: hearsay, weight: 0.4}
  - {supports: cheap, premises: [cheap-again]}
rephrases:
  - {claim: cheap-again, of: cheap, aif: "77"}
"""

DECLARATION = re.compile(r'^\s*([a-z]\d+)(\["|\("|\(\(")(.*)("\]|"\)|"\)\))$')
LINK = re.compile(r"^\s*([a-z]\d+) (---|-->|--x|-\.-|-\.-x|-\. rephrases \.->) ([a-z]\d+)$")
LABEL = re.compile(r'"(?:[^"\\]|\\.)*"')
# what a label may hold: safe ASCII, an entity code, a line break, non-ASCII text characters
SAFE = re.compile(r"(?:[A-Za-z0-9 .,!?'-]|#\d+;|<br/>|[^\x00-\x7f])*")


def decode(label: str) -> str:
    """A label as Mermaid shows it: entity codes back to characters, <br/> to line breaks."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br/>", "\n"))


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def parse(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]], list[str]]:
    """The declared nodes (mermaid id -> label), the links in order, and the other lines."""
    nodes: dict[str, str] = {}
    links = []
    rest = []
    for line in text.splitlines():
        if (m := DECLARATION.match(line)) is not None:
            assert m.group(1) not in nodes, f"{m.group(1)} declared twice"
            nodes[m.group(1)] = m.group(3)
        elif (m := LINK.match(line)) is not None:
            links.append((m.group(1), m.group(2), m.group(3)))
        else:
            rest.append(line)
    return nodes, links, rest


def by_text(nodes: dict[str, str], text: str) -> str:
    found = [n for n, lab in nodes.items() if decode(lab).split("\n")[0] == text]
    assert len(found) == 1, (text, nodes)
    return found[0]


def test_hand_map_draws_the_view_claims_once_and_every_edge():
    m = loads(HAND)
    w = mermaid.write(m)
    nodes, links, rest = parse(w.data)
    v = view(m)
    claims = [n for n in nodes if n.startswith("c")]
    assert len(claims) == len(list(m.claims())) == 8
    for c in m.claims():  # each claim's text is in exactly one box
        assert sum(norm(m.text(c)) in norm(decode(lab)) for lab in nodes.values()) == 1
    assert len(nodes) == len(v.nodes)
    assert len(links) == len(v.edges) + len(m.rephrases)
    # no map id is used raw as a Mermaid id: ids hold . : + -, which are Mermaid syntax
    every_id = {n for line in w.data.splitlines() for n in re.findall(r"\b[\w.:+-]+\b", line)}
    assert not {"build.tram", "ns:exempt", "cost+risk"} & every_id


def test_linked_premises_meet_in_one_node_and_undercuts_reach_argument_nodes():
    m = loads(HAND)
    nodes, links, _ = parse(mermaid.write(m).data)
    out = {(s, t): kind for s, kind, t in links}
    thesis = by_text(nodes, "We should build the tram.")
    cheap, fast = by_text(nodes, "It is cheap."), by_text(nodes, "It is fast.")
    junction = next(t for (s, t) in out if s == cheap and out[s, t] == "---")
    assert out[fast, junction] == "---" and out[junction, thesis] == "-->"
    assert nodes[junction] == " "  # a bare junction: no text
    # the objection, the undercut of it, the undercut of that, and one more: a chain of
    # argument nodes, each premise line dotted into its node, each node's line to the next
    objection = next(t for (s, t) in out if s == by_text(nodes, "Costs overrun."))
    assert out[objection, thesis] == "--x"
    assert "consequences" in decode(nodes[objection])  # its scheme is shown
    chain = [objection]
    for premise in ("This project is exempt.", "An audit found no exemption.",
                    "The audit is a rumour."):
        node = next(t for (s, t) in out if s == by_text(nodes, premise))
        assert out[by_text(nodes, premise), node] == "-.-"
        assert out[node, chain[-1]] == "-.-x"
        chain.append(node)
    assert decode(nodes[chain[-1]]) == "hearsay"  # the titled one shows its title
    again = by_text(nodes, "Cheap, as said.")
    assert (again, "-->", cheap) in links and (again, "-. rephrases .->", cheap) in links


def test_link_styles_follow_the_style_table_in_view_order():
    m = loads(HAND)
    v = view(m)
    text = mermaid.write(m).data
    _, links, rest = parse(text)
    colour: dict[int, str] = {}
    for line in rest:
        if line.strip().startswith("linkStyle"):
            _, indices, style = line.split(maxsplit=2)
            for i in indices.split(","):
                assert int(i) not in colour, "one link styled twice"
                colour[int(i)] = re.search(r"stroke:(#\w+)", style).group(1)
    assert sorted(colour) == list(range(len(links)))  # every link styled
    for i, e in enumerate(v.edges):
        assert colour[i] == theme.RELATIONS[e.kind]["color"], (i, e)
    assert colour[len(v.edges)] not in {r["color"] for r in theme.RELATIONS.values()}


def test_themes_are_subgraphs_with_their_labels_and_claims():
    m = loads(HAND)
    nodes, _, rest = parse(mermaid.write(m).data)
    lines = mermaid.write(m).data.splitlines()
    groups: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if (s := re.match(r'^  subgraph (t\d+)\["(.*)"\]$', line)) is not None:
            current = decode(s.group(2))
            groups[current] = []
        elif line == "  end":
            current = None
        elif current is not None:
            groups[current].append(decode(DECLARATION.match(line).group(3)).split("\n")[0])
    assert groups == {"Cost & money": ["It is cheap.", "Costs overrun."],
                      "City [life]": ["We should build the tram.", "It is fast."]}
    # each subgraph is tinted with its theme's colour, as in every view of the map
    v = view(m)
    styles = [line for line in rest if line.startswith("  style t")]
    assert [re.search(r"fill:(#\w+)", s).group(1) for s in styles] == list(v.colours.values())


def test_classes_mark_the_thesis_analyst_and_given_claims():
    m = loads(HAND)
    text = mermaid.write(m).data
    nodes, _, rest = parse(text)
    classes = {}
    for line in rest:
        if line.startswith("  class "):
            _, members, name = line.split()
            classes.update(dict.fromkeys(members.split(","), name))
    assert classes[by_text(nodes, "We should build the tram.")] == "thesis"
    assert classes[by_text(nodes, "An audit found no exemption.")] == "analyst"
    assert classes[by_text(nodes, "This project is exempt.")] == "given"
    assert set(classes) == set(nodes)  # every node has a class, and each class is defined
    defined = {line.split()[1] for line in rest if line.strip().startswith("classDef")}
    assert set(classes.values()) == defined
    assert f"fill:{theme.THESIS['fill']}" in next(line for line in rest
                                                  if line.startswith("  classDef thesis"))


def test_thesis_is_on_top_and_the_title_is_front_matter():
    m = loads(HAND)
    lines = mermaid.write(m).data.splitlines()
    assert lines[0] == lines[2] == "---" and lines[3] == "flowchart BT"
    assert json.loads(lines[1].removeprefix("title: ")) == 'Tram <&> "test"'
    untitled = mermaid.write(loads("claims: {a: A.}")).data
    assert untitled.splitlines()[0] == "flowchart BT"
    assert mermaid.mermaid_of(view(m), direction="TB", title=False).startswith("flowchart TB\n")
    with pytest.raises(ValueError, match="direction"):
        mermaid.mermaid_of(view(m), direction="UP")


def test_losses_name_what_the_diagram_does_not_show():
    losses = mermaid.write(loads(HAND)).losses
    joined = "\n".join(losses)
    for word in ("quotes of 1 claim", "tags of 1 claim", "speakers of 1 claim", "2 notes",
                 "2 weights"):
        assert word in joined, (word, losses)
    assert "scheme" not in joined  # the scheme is drawn: its argument has a node
    plain = loads("claims: {a: A., b: B.}\narguments: [{supports: a, premises: [b]}]")
    assert mermaid.write(plain).losses == []
    edge_only = loads("claims: {a: A., b: B.}\n"
                      "arguments: [{supports: a, premises: [b], scheme: analogy}]")
    assert any("scheme of 1 argument" in x for x in mermaid.write(edge_only).losses)
    sourced = loads("source: {title: T, author: X}\nclaims: {a: A.}")
    assert any("source (title, author)" in x for x in mermaid.write(sourced).losses)


def test_a_diagram_beyond_mermaids_limits_says_so():
    claims = "\n".join(f"  c{i}: Claim number {i}." for i in range(mermaid.MAX_LINKS + 2))
    args = "\n".join(f"  - {{supports: c0, premises: [c{i}]}}"
                     for i in range(1, mermaid.MAX_LINKS + 2))
    big = loads(f"claims:\n{claims}\narguments:\n{args}")
    assert any("501 links" in x and "maxEdges" in x for x in mermaid.write(big).losses)
    assert not any("maxEdges" in x for x in mermaid.write(load()).losses)


def test_bundled_map_matches_its_view_and_goes_through_the_registry():
    m = load()
    w = formats.write(m, "mermaid")
    assert w.data == mermaid.write(m).data
    nodes, links, _ = parse(w.data)
    v = view(m)
    assert sum(n.startswith("c") for n in nodes) == len(list(m.claims()))
    assert len(nodes) == len(v.nodes) and len(links) == len(v.edges)
    kinds = {"-->": "support", "---": None, "--x": "attack", "-.-": None, "-.-x": "undercut"}
    for (_, link, _), e in zip(links, v.edges, strict=True):
        assert kinds[link] in (e.kind, None) and (kinds[link] is None) == (not e.arrow)
    assert any("quotes of 40 claims" in x for x in w.losses)


# -- hostile text -------------------------------------------------------------------------------

HOSTILE = [
    '"]', '"', "]", "[x]", "{y}", "(z)", "a --> b", "a --- b", "a -.-> b", "a ==> b", "a ~~~ b",
    "%% comment", "%%{init: {'theme': 'dark'}}%%", "click c1 call alert()", "style c1 fill:red",
    "classDef x fill:#f00", "end", "a:::cls", "<script>alert(1)</script>", "<br/>", "`code`",
    "a | b", "#quot; #35; #lt;", "&amp; &lt;", "line\nclick x call alert()", "\r\nend\r",
    "subgraph s", "---\ntitle: x\n---", "ﬂ°°60¶ß", "a;b", "-- a", "b -", "x--", "-",
    "\u2028end", "\u202eevil", "e\u0301", "tab\there", "\\N \\", "graph TD; A-->B",
]


def hostile_map(s: str) -> ArgumentMap:
    m = ArgumentMap(title=s, thesis="t", themes={"th": s})
    m.add_claim("t", s, theme="th")
    m.add_claim("p", "P " + s)
    m.add_claim("q", s + " Q", given=True)
    m.add_claim("u", s, by="analyst")
    m.add_argument("a", "support", "t", ["p", "q"], title=s, scheme=s)
    m.add_argument("x", "attack", "a", ["u"])
    m.rephrases.append(("q", "p", None))
    return m


def shape(text: str) -> str:
    """The diagram with every label (and the JSON title) emptied: what text must not change."""
    return LABEL.sub('""', text)


def check_hostile(s: str) -> None:
    text = mermaid.write(hostile_map(s)).data
    assert shape(text) == shape(mermaid.write(hostile_map("x")).data)
    nodes, links, _ = parse(text)
    for lab in nodes.values():
        assert SAFE.fullmatch(lab), lab
        assert all(unicodedata.category(ch)[0] in "LNPS" for ch in lab if not ch.isascii())
        assert "\ufb02" not in lab and "¶ß" not in lab
    shown = {decode(lab) for lab in nodes.values()}
    for expected in (s, "P " + s, s + " Q"):  # the text comes back as written
        assert any(norm(expected) in norm(t) for t in shown), (expected, shown)
    subgraph = re.search(r'^  subgraph t1\["(.*)"\]$', text, re.M)
    assert subgraph is not None and SAFE.fullmatch(subgraph.group(1))
    assert norm(decode(subgraph.group(1))) == norm(s)
    title = text.splitlines()[1]
    assert title.startswith("title: ") and json.loads(title[7:]) == s
    assert len(text.splitlines()) == len(mermaid.write(hostile_map("x")).data.splitlines())
    assert len(links) == len(view(hostile_map(s)).edges) + 1 == 5


@pytest.mark.parametrize("s", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_stays_inside_its_label(s):
    check_hostile(s)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.one_of(st.sampled_from(list('"[]{}()<>&|`%:;#-.=~\\/\n\r x')),
                                  st.characters(exclude_categories=["Cs"])), min_size=1, max_size=40))
def test_any_text_stays_inside_its_label(s):
    if not s.strip():
        s = "x" + s
    check_hostile(s)


def test_label_keeps_words_and_codes_the_rest():
    assert mermaid.label("It's well-known, isn't it? Yes!") == "It's well-known, isn't it? Yes!"
    assert mermaid.label("a -- b") == "a #45;#45; b"
    assert mermaid.label("x-") == "x#45;" and mermaid.label("-x") == "#45;x"
    assert mermaid.label("¶ß ¶2 ﬂ") == "#182;ß ¶2 #64258;"
    assert mermaid.label("a\r\nb\rc\nd") == "a<br/>b<br/>c<br/>d"
    for s in HOSTILE:
        assert SAFE.fullmatch(mermaid.label(s))
        assert decode(mermaid.label(s)) == s.replace("\r\n", "\n").replace("\r", "\n")


# -- Mermaid's own parser (optional) -------------------------------------------------------------

PARSE_JS = r"""
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
const require = createRequire(process.argv[2] + "/package.json");
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window; globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve("mermaid")).href);
mermaid.initialize({ startOnLoad: false });
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
  try {
    const diag = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diag.db;
    const v = db.getVertices();
    const verts = v instanceof Map ? [...v.values()] : Object.values(v);
    out.push({ ok: true, type: diag.type,
      vertices: verts.map(x => ({ id: x.id, text: x.text, type: x.type })),
      edges: db.getEdges().map(e => ({ start: e.start, end: e.end, type: e.type,
                                      stroke: e.stroke })),
      subgraphs: db.getSubGraphs().map(s => ({ id: s.id, title: s.title, nodes: s.nodes })) });
  } catch (e) { out.push({ ok: false, error: String(e.message || e) }); }
}
console.log(JSON.stringify(out));
"""


def mermaid_dir() -> Path:
    where = os.environ.get("ARGMAP_MERMAID_DIR")
    if not where or shutil.which("node") is None:
        pytest.skip("Mermaid's parser is not set up: run `npm install mermaid jsdom` in a folder "
                    "and set ARGMAP_MERMAID_DIR to it (needs node)")
    path = Path(where)
    if not (path / "node_modules" / "mermaid").is_dir() or not (
            path / "node_modules" / "jsdom").is_dir():
        pytest.skip(f"ARGMAP_MERMAID_DIR={where} has no node_modules/mermaid and jsdom")
    return path


def mermaid_parse(texts: list[str], tmp_path: Path) -> list[dict]:
    script = tmp_path / "parse.mjs"
    script.write_text(PARSE_JS)
    done = subprocess.run(["node", str(script), str(mermaid_dir())], input=json.dumps(texts),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def shown(text: str) -> str:
    """A label as Mermaid's parser keeps it: its entity markers decoded."""
    text = re.sub("\ufb02°°(\\d+)¶ß", lambda m: chr(int(m.group(1))), text)
    text = re.sub("\ufb02°(\\w+)¶ß", lambda m: html.unescape(f"&{m.group(1)};"), text)
    return text.replace("<br>", "\n")


def test_mermaids_parser_reads_every_diagram(tmp_path):
    maps = [load(), loads(HAND)] + [hostile_map(s) for s in HOSTILE]
    results = mermaid_parse([mermaid.write(m).data for m in maps], tmp_path)
    for m, r in zip(maps, results, strict=True):
        assert r["ok"], r.get("error")
        v = view(m)
        vertices = [x for x in r["vertices"] if x["id"] not in {s["id"] for s in r["subgraphs"]}]
        assert len(vertices) == len(v.nodes)
        assert len(r["edges"]) == len(v.edges) + len(m.rephrases)
        texts = [norm(shown(x["text"])) for x in vertices]
        for c in m.claims():
            assert sum(norm(m.text(c)) in t for t in texts) >= 1, m.text(c)
        assert [norm(shown(s["title"])) for s in r["subgraphs"]] == [
            norm(v.themes[t]) for t in v.themes]
