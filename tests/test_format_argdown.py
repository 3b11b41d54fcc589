"""Argdown: the reader of the Argdown CLI's JSON (formats/argdown_json.py) and the writer of
``.argdown`` text (formats/argdown.py).

The round trips run the real Argdown CLI (1.7.5): found through $ARGDOWN_CLI (or $ARGDOWN), then
``argdown`` on PATH, then /tmp/argdown/node_modules/.bin/argdown; without it they are skipped.
Install it with ``mkdir -p /tmp/argdown && cd /tmp/argdown && npm install @argdown/cli@1.7.5``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from argmap import loader, loads
from argmap.errors import MapReadError
from argmap.formats import sniff
from argmap.formats.argdown import escape, write
from argmap.formats.argdown_json import IMPLICIT, read
from argmap.model import ArgumentMap
from argmap.records import Argument, Claim, Records, Rephrase, build, slug

FIXTURES = Path(__file__).parent / "fixtures" / "argdown"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "argdown"


# -- helpers --------------------------------------------------------------------------------------
def argdown_cli() -> str | None:
    for candidate in (os.environ.get("ARGDOWN_CLI"), os.environ.get("ARGDOWN"),
                      shutil.which("argdown"), "/tmp/argdown/node_modules/.bin/argdown"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


CLI = argdown_cli()
needs_cli = pytest.mark.skipif(CLI is None, reason="no Argdown CLI: set ARGDOWN_CLI, or run `npm "
                               "install @argdown/cli@1.7.5` in /tmp/argdown")


def to_json(tmp: Path, sources: dict[str, str]) -> dict[str, str]:
    """The JSON that ``argdown run export-json`` writes (with its map) for each ``.argdown``
    text: one run for all of them."""
    assert CLI is not None
    src = tmp / "src"
    src.mkdir()
    for name, text in sources.items():
        (src / f"{name}.argdown").write_text(text, encoding="utf-8")
    run = subprocess.run([CLI, "run", "export-json"], cwd=src, capture_output=True, text=True,
                         timeout=900, env={**os.environ, "FORCE_COLOR": "0", "NO_COLOR": "1"})
    messages = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout + run.stderr)
    assert run.returncode == 0 and not re.search(r"error|warn", messages, re.I), messages
    return {name: (src / "json" / f"{name}.json").read_text(encoding="utf-8") for name in sources}


def read_map(text: str, name: str = "m.json"):
    return build(read(text, name))


def clean(text: str) -> str:
    return " ".join(text.split())


def trimmed(text: str) -> str:
    """``text`` as Argdown keeps a heading or an inference rule: trimmed the way JavaScript
    trims, which takes a byte order mark for a space."""
    return clean(text).strip(" \ufeff")


def shape(amap: ArgumentMap, a: str):
    """An argument by what it says: relation, target (a claim's text or an argument's shape)
    and the texts of its premises (a set: linked premises hold together in any order)."""
    n = amap.node(a)
    target = n["target"]
    t = ("claim", clean(amap.text(target))) if amap.is_claim(target) else shape(amap, target)
    return n["relation"], t, frozenset(clean(amap.text(p)) for p in n["premises"])


def structure(amap: ArgumentMap):
    return ({clean(amap.text(c)) for c in amap.claims()},
            sorted(map(repr, (shape(amap, a) for a in amap.arguments()))))


def by_text(amap: ArgumentMap, text: str) -> str:
    """The id of the claim with ``text`` (the reader makes slugs; the tests do not spell them)."""
    (cid,) = [c for c in amap.claims() if amap.text(c) == text]
    return cid


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def messages(diagnostics, code: str) -> list[str]:
    return [d.message for d in diagnostics if d.code == code]


# -- reading: the hand-made fixture ---------------------------------------------------------------
@pytest.fixture(scope="module")
def tea():
    amap, diagnostics = read_map((FIXTURES / "tea.json").read_text(encoding="utf-8"), "tea.json")
    return amap, diagnostics


def test_fixture_json_is_what_the_cli_writes_for_the_fixture(tmp_path):
    """tea.json is the CLI's export of tea.argdown (regenerate it when the source changes)."""
    if CLI is None:
        pytest.skip("no Argdown CLI to compare the fixture with")
    fresh = json.loads(to_json(tmp_path, {"tea": (FIXTURES / "tea.argdown").read_text()})["tea"])
    assert fresh == json.loads((FIXTURES / "tea.json").read_text())


def test_every_statement_is_a_claim_and_a_described_argument_too(tea):
    amap, _ = tea
    # 12 statements of tea.argdown, and the description of <Studies unclear> (no pcs)
    assert len(list(amap.claims())) == 13
    assert by_text(amap, "The studies on antioxidants are unclear.") == slug(
        "Studies unclear", set())  # its id comes from the argument's title
    assert amap.text("Tea") == "We should drink tea."  # the tag at the end is a tag, not text
    assert amap.node("Tea")["tags"] == ("drinks",)
    assert amap.node("Caffeine")["tags"] == ("health-claims",)  # #(health claims) as a slug


def test_titles_are_ids_and_untitled_statements_get_slugs(tea):
    amap, _ = tea
    assert {"Tea", "Caffeine", "Antioxidants", "Bitter", "Sweet", "Fine", "Funded"} <= set(
        amap.claims())
    # "(2) Everyone can add milk." has no title: Argdown calls it "Untitled N"; its id is a slug
    # of its text, not of that title
    assert by_text(amap, "Everyone can add milk.") == slug("Everyone can add milk.", set())
    assert not any(c.lower().startswith("untitled") for c in amap.claims())
    assert by_text(amap, "Milk takes the bitterness away.") == slug("Milk helps", set())


def test_statement_data_themes_and_thesis(tea):
    amap, _ = tea
    assert amap.thesis == "Tea"
    c = amap.node("Caffeine")
    assert (c["para"], c["weight"], c["theme"]) == (2, 0.8, "health")
    assert amap.node("Tea")["theme"] is None  # written before the first heading
    assert amap.themes == {"health": "Health", "taste": "Taste"}  # {theme: health} is the id
    assert amap.node("Bitter")["theme"] == "taste"


def test_an_equivalence_class_is_one_claim_with_argdowns_text(tea):
    amap, _ = tea
    # [Sweet] is defined twice: Argdown shows the last definition; the other goes in the note
    assert amap.text("Sweet") == "Tea has a sweet taste."
    assert amap.node("Sweet")["note"] == "Also written as: Tea tastes sweet."


def test_a_pcs_is_linked_premises_with_title_scheme_note_and_weight(tea):
    amap, _ = tea
    a = amap.node("Healthier")
    assert a["relation"] == "support" and a["target"] == "Tea"
    assert a["premises"] == ("Caffeine", "Antioxidants")
    assert a["title"] == "Healthier" and a["scheme"] == "Argument from consequences"
    assert a["note"] == "Tea is the healthier drink." and a["weight"] == 0.9


def test_each_inference_of_a_pcs_is_an_argument_with_uses(tea):
    amap, _ = tea
    not_bitter = by_text(amap, "Tea need not taste bitter.")
    milk = amap.node("Milk")  # the last inference uses (3) and (4)
    assert milk["premises"] == (not_bitter, by_text(amap, "Good things should not be bitter."))
    assert milk["target"] == "Fine" and milk["title"] == "Milk"
    (first,) = [a for a in amap.supporters(not_bitter)]
    assert amap.premises(first) == [by_text(amap, "Milk takes the bitterness away."),
                                    by_text(amap, "Everyone can add milk.")]
    assert amap.node(first)["title"] == "Milk - 1"
    # the conclusion's outgoing relation is the claim's: Fine supports Tea
    assert [amap.premises(a) for a in amap.supporters("Tea")] == [
        ["Caffeine", "Antioxidants"], ["Fine"]]


def test_undercuts_stay_undercuts_down_to_an_undercut_of_an_undercut(tea):
    amap, _ = tea
    (u,) = amap.attackers("Healthier")
    assert amap.is_undercut(u)
    assert amap.premises(u) == [by_text(amap, "The studies on antioxidants are unclear.")]
    assert amap.node(u)["title"] == "Studies unclear"
    (uu,) = amap.attackers(u)
    assert amap.is_undercut(uu) and amap.premises(uu) == ["Funded"]


def test_contradictory_is_two_attacks_with_a_loss_naming_both(tea):
    amap, diagnostics = tea
    assert ["Bitter"] in [amap.premises(a) for a in amap.attackers("Sweet")]
    assert ["Sweet"] in [amap.premises(a) for a in amap.attackers("Bitter")]
    (loss,) = [m for m in messages(diagnostics, "format-loss") if "contradictory" in m]
    assert "[Bitter]" in loss and "[Sweet]" in loss and "two attacks" in loss


def test_an_attack_on_a_reconstructed_argument_is_an_undercut_with_a_loss(tea):
    amap, diagnostics = tea
    (a,) = amap.attackers("Milk")
    assert amap.premises(a) == [by_text(amap, "Coffee drinkers would never switch.")]
    assert any("<Milk>" in m and "undercut" in m for m in messages(diagnostics, "format-loss"))


def test_positions_name_the_element_and_its_argdown_line(tea):
    amap, _ = tea
    source = (FIXTURES / "tea.argdown").read_text().splitlines()
    line = next(i for i, s in enumerate(source, 1) if s.startswith("[Tea]:"))
    pos = amap.position("Tea")
    assert pos.file == "tea.json" and pos.line is None  # the line is the .argdown's, not JSON's
    assert pos.element == f"statement [Tea] (.argdown line {line})"
    assert amap.position("Healthier").element.startswith("argument <Healthier>")


def test_the_fixture_reads_without_oddities(tea):
    _, diagnostics = tea
    assert "format-oddity" not in codes(diagnostics)
    assert not any(d.is_error for d in diagnostics)


def test_sniffed_as_argdown_json():
    assert sniff((FIXTURES / "tea.json").read_text(), "tea.json").name == "argdown-json"


# -- reading: small JSON by hand ------------------------------------------------------------------
def ec(text: str, **more) -> dict:
    return {"type": "equivalence-class", "members": [{"type": "statement", "text": text}], **more}


def rel(kind: str, src: str, dst: str, src_type="equivalence-class", dst_type="equivalence-class",
        **more) -> dict:
    return {"type": "relation", "relationType": kind, "from": src, "fromType": src_type,
            "to": dst, "toType": dst_type, **more}


def test_an_argument_without_pcs_is_a_claim_and_a_titled_argument_per_relation():
    data = {"statements": {"S": ec("S."), "R": ec("R.")},
            "arguments": {"A": {"members": [{"text": "Because."}], "pcs": [], "tags": ["x"]}},
            "relations": [rel("support", "A", "S", "argument"), rel("attack", "A", "R", "argument"),
                          rel("undercut", "R", "A", dst_type="argument")]}
    amap, diagnostics = read_map(json.dumps(data))
    assert amap.text("A") == "Because." and amap.node("A")["tags"] == ("x",)
    reasons = [a for a in amap.used_in("A")]
    assert {(amap.relation(a), amap.target(a)) for a in reasons} == {("support", "S"),
                                                                     ("attack", "R")}
    assert all(amap.node(a)["title"] == "A" for a in reasons)
    # the undercut of <A> undercuts each argument made from it
    undercut = [a for a in amap.arguments() if amap.premises(a) == ["R"]]
    assert sorted(amap.target(a) for a in undercut) == sorted(reasons)
    assert all(amap.is_undercut(a) for a in undercut)
    assert "format-oddity" not in codes(diagnostics)


def test_undercut_of_an_undercut_between_arguments_without_pcs_in_any_order():
    arg = {"members": [{"text": "X."}], "pcs": []}
    data = {"statements": {"S": ec("S.")}, "arguments": {"A": arg, "U1": arg, "U2": arg},
            "relations": [rel("undercut", "U2", "U1", "argument", "argument"),  # first in file
                          rel("undercut", "U1", "A", "argument", "argument"),
                          rel("support", "A", "S", "argument")]}
    amap, diagnostics = read_map(json.dumps(data))
    (a,) = amap.supporters("S")
    (u1,) = amap.attackers(a)
    (u2,) = amap.attackers(u1)
    assert amap.premises(u1) == ["U1"] and amap.premises(u2) == ["U2"]
    assert amap.is_undercut(u1) and amap.is_undercut(u2) and diagnostics == []


def test_support_and_attack_of_an_argument_without_pcs_aim_at_its_claim():
    data = {"statements": {"S": ec("S."), "X": ec("X.")},
            "arguments": {"A": {"members": [{"text": "Because."}]}},
            "relations": [rel("support", "A", "S", "argument"),
                          rel("attack", "X", "A", dst_type="argument")]}
    amap, diagnostics = read_map(json.dumps(data))
    (a,) = amap.attackers("A")
    assert amap.premises(a) == ["X"]
    assert "format-loss" not in codes(diagnostics)


def test_a_support_of_a_reconstructed_argument_is_one_of_its_inference_with_a_loss():
    pcs = [{"title": "P", "role": "premise"}, {"title": "C", "role": "main-conclusion",
                                               "inference": {"inferenceRules": []}}]
    data = {"statements": {"P": ec("P."), "C": ec("C."), "S": ec("S.")},
            "arguments": {"A": {"pcs": pcs}},
            "relations": [rel("support", "S", "A", dst_type="argument")]}
    amap, diagnostics = read_map(json.dumps(data))
    (s,) = amap.supporters("A")
    assert amap.premises(s) == ["S"]
    assert any("support" in m and "inference" in m for m in messages(diagnostics, "format-loss"))


def test_entails_and_contrary_of_strict_mode():
    data = {"statements": {"A": ec("A."), "B": ec("B."), "C": ec("C.")},
            "relations": [rel("entails", "A", "B"), rel("contrary", "C", "B"),
                          rel("attack", "B", "C")]}
    amap, diagnostics = read_map(json.dumps(data))
    assert amap.relation(*amap.supporters("B")) == "support"
    # contrary: C on B, and B on C (written once, though the file also has B -> C)
    assert [amap.premises(a) for a in amap.attackers("B")] == [["C"]]
    assert [amap.premises(a) for a in amap.attackers("C")] == [["B"]]
    assert "format-oddity" not in codes(diagnostics)


def test_implicit_conclusion_folds_into_an_attack_with_linked_premises():
    pcs = [{"title": "P", "role": "premise"}, {"title": "Q", "role": "premise"},
           {"title": "N", "role": "main-conclusion", "inference": {}}]
    n = ec("Not: T.", data={"argmap": IMPLICIT})
    data = {"statements": {"T": ec("T."), "P": ec("P."), "Q": ec("Q."), "N": n},
            "arguments": {"A": {"pcs": pcs}}, "relations": [rel("attack", "N", "T")]}
    amap, diagnostics = read_map(json.dumps(data))
    assert sorted(amap.claims()) == ["P", "Q", "T"]
    (a,) = amap.attackers("T")
    assert amap.premises(a) == ["P", "Q"] and amap.node(a)["title"] == "A"
    assert diagnostics == []
    # marked, but with a second relation: it is a claim after all, and that is said
    data["relations"].append(rel("support", "N", "P"))
    amap, diagnostics = read_map(json.dumps(data))
    assert "N" in amap and "format-oddity" in codes(diagnostics)


def test_map_only_json_is_read_from_the_map_with_a_warning():
    full = json.loads((FIXTURES / "tea.json").read_text())
    only_map = {"map": full["map"]}
    amap, diagnostics = read_map(json.dumps(only_map))
    nodes = [n for n in _walk_map(full["map"]["nodes"]) if n["type"] != "group-map-node"]
    assert len(list(amap.claims())) == len(nodes)
    assert len(list(amap.arguments())) >= len(full["map"]["edges"])
    assert any("only a map" in m for m in messages(diagnostics, "format-loss"))


def _walk_map(nodes):
    for n in nodes:
        yield n
        yield from _walk_map(n.get("children", []))


def test_the_map_is_a_cross_check():
    full = json.loads((FIXTURES / "tea.json").read_text())
    full["map"]["nodes"].append({"id": "n99", "type": "statement-map-node", "title": "Ghost"})
    _, diagnostics = read_map(json.dumps(full))
    (odd,) = messages(diagnostics, "format-oddity")
    assert "Ghost" in odd and "n99" in odd


def test_embedded_relations_are_used_when_the_list_is_absent():
    full = json.loads((FIXTURES / "tea.json").read_text())
    with_list = structure(read_map(json.dumps(full))[0])
    del full["relations"]
    assert structure(read_map(json.dumps(full))[0]) == with_list


def test_claim_data_of_the_wrong_kind_is_an_oddity_and_left_out():
    data = {"statements": {"A": ec("A.", data={"weight": 2, "para": "x", "given": "yes",
                                               "color": "red"})}}
    amap, diagnostics = read_map(json.dumps(data))
    assert (amap.node("A")["weight"], amap.node("A")["para"]) == (0.5, None)
    assert len(messages(diagnostics, "format-oddity")) == 3
    assert any("'color'" in m for m in messages(diagnostics, "format-loss"))


@pytest.mark.parametrize("text, says", [
    ("", "not valid JSON"),
    ("{]", "not valid JSON"),
    ("[1, 2]", "is a list"),
    ('"statements"', "is a string"),
    ('{"nodes": [], "edges": []}', "not Argdown JSON"),
    ('{"statements": [1]}', "'statements' is a list"),
    ('{"arguments": "x"}', "'arguments' is a string"),
    ('{"statements": {}, "relations": {}}', "'relations' is an object"),
    ("[" * 100_000, "JSON"),
])
def test_what_cannot_be_read_at_all_is_a_map_read_error(text, says):
    with pytest.raises(MapReadError) as e:
        read(text, "x.json")
    assert says in str(e.value)
    assert e.value.file == "x.json"


def test_invalid_json_says_line_and_column():
    with pytest.raises(MapReadError) as e:
        read('{\n  "statements": {,\n}', "x.json")
    assert (e.value.line, e.value.col) == (2, 18)
    assert str(e.value).startswith("x.json:2:18: ")


# -- garbled input --------------------------------------------------------------------------------
KEYS = ["statements", "arguments", "relations", "map", "sections", "members", "pcs", "text",
        "title", "type", "relationType", "from", "to", "fromType", "toType", "inference",
        "inferenceRules", "data", "tags", "section", "id", "children", "nodes", "edges", "role",
        "uses", "conclusionIndex", "isReference", "startLine", "argumentTitle", "labelText",
        "argmap", "weight", "thesis", "rephrases", "theme", "parent", "isCanonical"]
VALUES = ["equivalence-class", "argument", "inference", "support", "attack", "undercut",
          "contrary", "contradictory", "entails", "premise", "main-conclusion",
          "intermediary-conclusion", "group-map-node", "statement-map-node",
          "argument-map-node", IMPLICIT, "A", "B", "Untitled 1", "s1", "n1"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 5) | st.floats(allow_nan=True)
    | st.sampled_from(VALUES) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(KEYS + VALUES) | st.text(max_size=3), inner, max_size=5),
    max_leaves=30)


def _reads_or_refuses(text: str) -> None:
    try:
        recs = read(text, "g.json")
    except MapReadError:
        return
    amap, _ = build(recs)  # the build step copes with whatever the reader made
    write(amap)  # and so does the writer


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_garbled_json_never_raises_anything_but_map_read_error(value):
    _reads_or_refuses(json.dumps(value))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_fixture_garbled_anywhere_never_raises(data):
    base = json.loads((FIXTURES / "tea.json").read_text())
    paths = list(_paths(base))
    for _ in range(data.draw(st.integers(1, 4))):
        path = paths[data.draw(st.integers(0, len(paths) - 1))]
        _replace(base, path, data.draw(json_values))
    _reads_or_refuses(json.dumps(base))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_reads_or_is_refused(text):
    _reads_or_refuses(text)


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield (*prefix, i)
            yield from _paths(v, (*prefix, i))


def _replace(root, path, new):
    node = root
    for p in path[:-1]:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            return
    try:
        node[path[-1]] = new
    except (KeyError, IndexError, TypeError):
        pass


# -- the real examples ----------------------------------------------------------------------------
def corpus(name: str) -> dict:
    path = CORPUS / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared corpora are not beside this project)")
    return json.loads(path.read_text(encoding="utf-8"))


def raw_counts(data: dict) -> dict[str, int]:
    """Claims and arguments the reader should make, counted from the raw JSON by hand."""
    described = [a for a in data["arguments"].values() if not a.get("pcs")]
    inferences = sum(1 for a in data["arguments"].values() for s in a.get("pcs", [])
                     if s.get("role") in ("intermediary-conclusion", "main-conclusion"))
    relations = data["relations"]
    symmetric = sum(1 for r in relations if r["relationType"] in ("contrary", "contradictory"))
    supports = sum(1 for r in relations if r["relationType"] in ("support", "entails"))
    return {"claims": len(data["statements"]) + len(described),
            "arguments": inferences + len(relations) + symmetric,
            "supports": inferences + supports,
            "attacks": len(relations) - supports + symmetric}


@pytest.mark.parametrize("name", ["argdown-primer", "state-censorship"])
def test_real_examples_keep_every_statement_argument_and_relation(name):
    data = corpus(name)
    amap, diagnostics = read_map(json.dumps(data), f"{name}.json")
    want = raw_counts(data)
    kinds = [amap.relation(a) for a in amap.arguments()]
    assert {"claims": len(list(amap.claims())), "arguments": len(kinds),
            "supports": kinds.count("support"), "attacks": kinds.count("attack")} == want
    assert "format-oddity" not in codes(diagnostics)
    assert not any(d.is_error for d in diagnostics)


def test_real_example_linked_premises_follow_argdowns_uses():
    data = corpus("state-censorship")
    amap, _ = read_map(json.dumps(data))

    def texts(title):  # every text of a statement's equivalence class
        return {clean(m.get("text") or "") for m in data["statements"][title]["members"]}

    for title, arg in data["arguments"].items():
        pcs = arg["pcs"]
        uses = (pcs[-1].get("inference", {}).get("data") or {}).get("uses")
        if uses is None:  # back to the previous conclusion, that one included
            uses = []
            for i in range(len(pcs) - 2, -1, -1):
                uses.insert(0, i + 1)
                if pcs[i]["role"] != "premise":
                    break
        (a,) = [a for a in amap.arguments() if amap.node(a)["title"] == title]
        premises = amap.premises(a)
        assert len(premises) == len(uses)
        for p, u in zip(premises, uses, strict=True):
            assert clean(amap.text(p)) in texts(pcs[u - 1]["title"])


# -- writing --------------------------------------------------------------------------------------
def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_escape_leaves_no_syntax_and_loses_no_character(text):
    out = escape(text)
    assert unescape(out) == clean(text)
    bare = re.sub(r"\\.", "", out)  # what is not escaped
    assert not re.search(r"[\[\]<>@#*_{}/\\]|[.:]\S|==", bare)


def test_claims_statements_in_theme_sections():
    m = loads("themes: {h: Health, e: Empty}\nclaims:\n  a: {text: A., theme: h, tags: [x.y, ok]}"
              "\n  b: B.\narguments: [{supports: a, premises: [b]}]")
    text = write(m).data
    lines = text.splitlines()
    assert lines.index("[b]: B.") < lines.index('# Health {theme: "h"}')  # no theme: first
    assert "[a]: A. #(x.y) #ok" in lines and '# Empty {theme: "e"}' in lines
    assert lines[lines.index("[a]: A. #(x.y) #ok") + 1] == "  + [b]"


def test_linked_attack_gets_an_implicit_conclusion_and_undercut_its_relation():
    m = loads("claims: {t: T., p: P., q: Q., u: U.}\narguments:\n"
              "  - {id: x, attacks: t, premises: [p, q], title: '<not> a [safe] title'}\n"
              "  - {attacks: x, premises: [u]}")
    w = write(m)
    lines = w.data.splitlines()
    # a title Argdown cannot hold: the id is the Argdown title, the title goes in data (with
    # the brackets as escapes, so that the line cannot read as a definition)
    (head,) = [s for s in lines if s.startswith('<x> {id: "x", title: "')]
    assert json.loads(head[len('<x> {id: "x", title: '):-1]) == "<not> a [safe] title"
    assert not re.search(r"[\[\]<>]", head[3:])
    conclusion = next(s for s in lines if s.startswith("(3) [x--conclusion]: Not: T. "))
    assert conclusion.endswith(f'{{argmap: "{IMPLICIT}"}}')
    assert lines[lines.index(conclusion) + 1] == "  -> [t]"
    assert lines[lines.index("<x>") + 1] == "  <_ [u]" and w.losses == []


def test_losses_are_line_breaks_and_supports_of_arguments():
    m = loads("claims: {t: T., p: \"P\\nand more.\", s: S.}\narguments:\n"
              "  - {id: x, supports: t, premises: [p]}\n  - {supports: x, premises: [s]}")
    losses = write(m).losses
    assert len(losses) == 2
    assert "line breaks" in losses[0] and "'p'" in losses[0]
    assert "support of an argument" in losses[1] and "s--supports--x" in losses[1]


def test_data_cannot_cut_the_statement_short():
    m = loads('claims: {a: {text: A., note: "x} y {z} #t //c === e\\nline 2", '
              'source: {quote: "it\'s"}}}')
    line = write(m).data.splitlines()[0]
    assert "}" not in line[line.index("{") + 1:-1]  # braces inside strings are escapes
    assert "===" not in line
    assert json.loads('"' + line.split('note: "')[1].split('"')[0] + '"') == (
        "x} y {z} #t //c === e\nline 2")


def test_empty_map_writes_nothing():
    assert write(ArgumentMap()) == ("", [])


# -- round trips through the Argdown CLI ----------------------------------------------------------
HAND = {
    "linked": """
thesis: t
claims: {t: Tea is good., p: It is warm., q: It is cheap., r: It stains.}
arguments:
  - {id: both, supports: t, premises: [p, q], title: warm and cheap, scheme: practical}
  - {id: stains, attacks: t, premises: [r, q]}
""",
    "undercuts": """
claims: {t: T., p: P., u: U says the inference fails., v: V., w: W.}
arguments:
  - {id: a1, supports: t, premises: [p]}
  - {id: u1, attacks: a1, premises: [u], title: undercut}
  - {id: u2, attacks: u1, premises: [v]}
  - {attacks: u2, premises: [w]}
  - {supports: u1, premises: [w, p]}
""",
    "specials": r"""
themes: {"a.b": "Theme: [one] #1 // not a comment"}
claims:
  "c.1": {text: "[brackets] <angles> @mention #hash *star* _under_ {braces} // slash \\ back", theme: a.b}
  "c:2": {text: "a.b.c: 10:30 :smile: .cross. === ==x - + > < (1) -- end.", tags: [x.y, "a+b", T1]}
  "c+3": {text: "Untitled 3", note: "multi\nline {note}", source: {para: 4, quote: 'q "uoted"'},
          weight: 0.25, given: true, by: analyst}
  c_4: {text: "emoji 😀 and ünïcödé", speaker: Ann}
arguments:
  - {supports: "c.1", premises: ["c:2", "c+3"], title: "Untitled 2", note: "one line note"}
  - {attacks: "c.1", premises: [c_4], scheme: "a, b -- c", weight: 0.5, note: "two\nlines"}
rephrases: [{claim: c_4, of: "c:2"}]
""",
}


def hand_maps() -> dict[str, ArgumentMap]:
    maps = {name: loads(text, f"{name}.yaml") for name, text in HAND.items()}
    maps["bundled"] = loader.load()
    return maps


def assert_same_map(before: ArgumentMap, after: ArgumentMap) -> None:
    assert structure(after) == structure(before)
    assert sorted(after.claims()) == sorted(before.claims())  # the ids survive too
    for c in before.claims():
        b, a = before.node(c), after.node(c)
        for key in ("theme", "tags", "para", "quote", "note", "weight", "given", "by", "speaker"):
            assert a[key] == b[key], (c, key)
        assert after.text(c) == clean(before.text(c))
    assert after.thesis == before.thesis
    assert after.themes == {k: trimmed(v) or k for k, v in before.themes.items()}
    assert sorted(after.rephrases) == sorted(before.rephrases)
    for x in before.arguments():  # explicit ids survive
        if not before.node(x)["auto_id"]:
            assert x in after and shape(after, x) == shape(before, x)
    # and every argument's fields, as Argdown holds them (a multiset: shapes may repeat)
    def fields(amap, a, expect=False):
        n = amap.node(a)
        scheme, note = n["scheme"], n["note"]
        if expect:
            scheme = trimmed(scheme or "") or None
            note = note if note and "\n" in note.strip() else clean(note) if note else None
        return repr((shape(amap, a), n["title"], n["weight"], scheme, note))

    assert sorted(fields(after, a) for a in after.arguments()) == sorted(
        fields(before, a, expect=True) for a in before.arguments())


@needs_cli
def test_bundled_and_hand_maps_survive_argdown(tmp_path):
    maps = hand_maps()
    written = {name: write(m) for name, m in maps.items()}
    assert written["bundled"].losses == []
    jsons = to_json(tmp_path, {name: w.data for name, w in written.items()})
    for name, m in maps.items():
        after, diagnostics = read_map(jsons[name], f"{name}.json")
        assert "format-oddity" not in codes(diagnostics), (name, diagnostics)
        assert_same_map(m, after)


@needs_cli
def test_undercut_of_undercut_survives_as_undercuts(tmp_path):
    m = loads(HAND["undercuts"])
    after, _ = read_map(to_json(tmp_path, {"u": write(m).data})["u"])
    assert after.is_undercut("u1") and after.target("u1") == "a1"
    assert after.is_undercut("u2") and after.target("u2") == "u1"
    (w,) = after.attackers("u2")
    assert after.is_undercut(w) and after.premises(w) == ["w"]
    (s,) = after.supporters("u1")
    assert after.premises(s) == ["w", "p"]


# random maps: claims with every kind of text, linked premises, undercuts and supports of
# arguments, themes, tags and data
IDS = st.from_regex(r"[a-z][a-z0-9]{0,3}(?:[._:+-][a-z0-9]{1,3})?", fullmatch=True)
SYNTAX = ["<!--", "-->", "//", "/*", "*/", "===", ":smile:", ".cross.", "[a](b)", "@[x]", "@<y>",
          "#tag", "#(t t)", "**b**", "__i__", "_i_", "<_", "_>", "+>", "<+", "->", "<-", "><",
          "{a: 1}", "}", "{", "\\", "\\n", "(1)", "--", "----", "1.", "* ", "# ", "[T]:", "<A>:",
          "Untitled 1", " ", "\n", "\t", "\ufeff", "\xa0", "\u2028", '"', "'", "`", ",", ";"]
TEXT = st.lists(st.sampled_from(SYNTAX) | st.text(st.characters(blacklist_categories=(
    "Cc", "Cs")), max_size=6), min_size=1, max_size=8).map("".join).filter(str.strip)
TAGS = st.sampled_from(["pro", "con", "x.y", "a_b", "T1", "a+b"])


@st.composite
def random_map(draw) -> ArgumentMap:
    ids = draw(st.lists(IDS, min_size=2, max_size=7, unique=True))
    recs = Records("r.yaml")
    themes = draw(st.dictionaries(st.sampled_from(["t1", "t.2", "t_3"]), TEXT, max_size=2))
    recs.themes = themes
    for c in ids:
        attrs = {}
        if themes and draw(st.booleans()):
            attrs["theme"] = draw(st.sampled_from(sorted(themes)))
        if draw(st.booleans()):
            attrs["tags"] = draw(st.lists(TAGS, max_size=2, unique=True))
        if draw(st.booleans()):
            attrs["weight"] = draw(st.floats(0, 1))
        if draw(st.booleans()):
            attrs["para"] = draw(st.integers(1, 10**6))
        for key in ("quote", "note", "speaker"):
            if draw(st.integers(0, 3)) == 0:
                attrs[key] = draw(TEXT)
        if draw(st.integers(0, 3)) == 0:
            attrs["given"] = True
        recs.claims.append(Claim(c, draw(TEXT), attrs=attrs))
    if draw(st.booleans()):
        recs.thesis = draw(st.sampled_from(ids))
    seen = set()
    for i in range(draw(st.integers(0, 7))):
        nodes = ids + [a.id for a in recs.arguments if a.id]
        target = draw(st.sampled_from(nodes))
        premises = draw(st.lists(st.sampled_from([c for c in ids if c != target]), min_size=1,
                                 max_size=3, unique=True))
        relation = draw(st.sampled_from(["support", "attack"]))
        key = (relation, target, frozenset(premises))
        if key in seen:
            continue
        seen.add(key)
        attrs = {}
        for k in ("title", "scheme", "note"):
            if draw(st.integers(0, 2)) == 0:
                attrs[k] = draw(TEXT)
        if draw(st.integers(0, 2)) == 0:
            attrs["weight"] = draw(st.floats(0, 1))
        ident = f"arg{i}" if draw(st.booleans()) else None
        recs.arguments.append(Argument(relation, target, premises, id=ident, attrs=attrs))
    if len(ids) > 2 and draw(st.booleans()):
        recs.rephrases.append(Rephrase(ids[0], ids[1]))
    amap, diagnostics = build(recs)
    assert not [d for d in diagnostics if d.is_error], diagnostics
    return amap


@needs_cli
@settings(max_examples=3, deadline=None, phases=[Phase.generate], suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.data_too_large])
@given(st.lists(random_map(), min_size=12, max_size=12))
def test_random_maps_survive_argdown(tmp_path_factory, maps):
    tmp = tmp_path_factory.mktemp("random")
    written = [write(m) for m in maps]
    jsons = to_json(tmp, {f"m{i}": w.data for i, w in enumerate(written)})
    for i, m in enumerate(maps):
        after, diagnostics = read_map(jsons[f"m{i}"])
        assert "format-oddity" not in codes(diagnostics), (written[i].data, diagnostics)
        assert_same_map(m, after)


def test_reading_does_not_change_its_input():
    data = json.loads((FIXTURES / "tea.json").read_text())
    before = copy.deepcopy(data)
    read(json.dumps(data), "tea.json")
    assert data == before
