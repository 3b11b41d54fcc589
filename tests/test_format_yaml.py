"""The YAML writer: what it writes reads back as the same map, and writing that again gives the
same bytes, for any map (texts with YAML's special characters included)."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats.yaml import scalar, write
from argmap.loader import load, loads
from argmap.model import ArgumentMap, Cite

IDS = st.from_regex(r"\A[a-z0-9_][a-z0-9_.:+-]{0,8}\Z")
# text a person might write, with every character YAML treats specially, and some it reads as
# something other than text (yes, 1e3, null, ~, 2006-07)
TEXTS = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(list(
        ":#-?,[]{}&*!|>'\"%@` \u2028\u00a0\ufeff\t\n")), min_size=1, max_size=40),
    st.sampled_from(["yes", "No", "null", "~", "1e3", "017", "0x1f", "2006-07", ".inf", "- a",
                     "a: b", "a #b", "'q'", '"q"', "[x]", "{y}", "@home", "% done", "true"]),
).map(str.strip).filter(bool)


def _same(a: ArgumentMap, b: ArgumentMap) -> None:
    keep = ("kind", "text", "theme", "tags", "para", "quote", "note", "weight", "given", "by",
            "speaker", "aif", "ignore", "relation", "target", "premises", "title", "scheme")
    nodes = {n: {k: v for k, v in d.items() if k in keep} for n, d in a.graph.nodes(data=True)}
    again = {n: {k: v for k, v in d.items() if k in keep} for n, d in b.graph.nodes(data=True)}
    assert nodes == again
    assert list(a.graph.nodes) == list(b.graph.nodes)
    assert sorted(a.graph.edges(data="role")) == sorted(b.graph.edges(data="role"))
    assert (a.title, a.thesis, a.themes, a.source, a.sources, a.note, a.rephrases) == \
        (b.title, b.thesis, b.themes, b.source, b.sources, b.note, b.rephrases)
    # every citation, in order (not where it was written)
    assert [[c[:3] for c in d.get("cites", ())] for _, d in a.graph.nodes(data=True)] == \
        [[c[:3] for c in d.get("cites", ())] for _, d in b.graph.nodes(data=True)]


@st.composite
def maps(draw) -> ArgumentMap:
    amap = ArgumentMap(title=draw(st.none() | TEXTS), note=draw(st.none() | TEXTS))
    if draw(st.booleans()):
        amap.source = {k: draw(TEXTS) for k in draw(st.lists(st.sampled_from(
            ["title", "publisher", "author", "date", "url", "kind"]), unique=True))}
    if draw(st.booleans()):
        amap.source["file"] = draw(TEXTS)
    docs = draw(st.lists(IDS, unique=True, max_size=2))
    amap.sources = {d: {k: draw(TEXTS) for k in draw(st.lists(st.sampled_from(
        ["title", "file", "start", "stop"]), unique=True))} for d in docs}
    # a place with no doc cites `source` (in a map with only `sources`, the reader would name
    # its one document, or refuse: which of several?)
    doc_less = [None] if amap.source or not docs else []
    places = st.builds(Cite, st.sampled_from(doc_less + docs) if doc_less + docs else st.none(),
                       st.lists(st.integers(1, 40), unique=True, max_size=3).map(tuple),
                       st.none() | TEXTS)
    themes = draw(st.lists(IDS, unique=True, max_size=3))
    amap.themes = {t: draw(TEXTS) for t in themes}
    claims = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    for c in claims:
        cites = draw(st.lists(places, max_size=3)) if draw(st.booleans()) else ()
        amap.add_claim(c, draw(TEXTS), theme=draw(st.sampled_from([None, *themes])),
                       tags=draw(st.lists(IDS, unique=True, max_size=2)), cites=cites,
                       para=draw(st.none() | st.integers(1, 40)) if doc_less else None,
                       quote=draw(st.none() | TEXTS) if doc_less else None,
                       note=draw(st.none() | TEXTS), weight=draw(st.sampled_from([0.5, 0.0, 0.25,
                                                                                   1.0, 0.7])),
                       given=draw(st.booleans()), by=draw(st.sampled_from([None, "analyst"])),
                       speaker=draw(st.none() | TEXTS), aif=draw(st.none() | st.sampled_from(
                           ["12", "a7", "0012"])))
    arguments: list[str] = []
    seen = set()
    for i in range(draw(st.integers(0, 6))):
        target = draw(st.sampled_from(claims + arguments))
        premises = draw(st.lists(st.sampled_from([c for c in claims if c != target] or claims),
                                 min_size=1, max_size=3, unique=True))
        relation = draw(st.sampled_from(["support", "attack"]))
        if target in premises or (relation, target, frozenset(premises)) in seen:
            continue
        seen.add((relation, target, frozenset(premises)))
        named = draw(st.booleans())
        word = "supports" if relation == "support" else "attacks"
        aid = f"arg{i}" if named else "+".join(premises) + f"--{word}--{target}"
        if aid in amap:
            continue
        amap.add_argument(aid, relation, target, premises, auto_id=not named,
                          title=draw(st.none() | TEXTS), scheme=draw(st.none() | TEXTS),
                          weight=draw(st.sampled_from([1.0, 0.5, 0.3])),
                          note=draw(st.none() | TEXTS))
        arguments.append(aid)
    if len(claims) > 1 and draw(st.booleans()):
        amap.rephrases = [(claims[1], claims[0], draw(st.none() | st.just("99")))]
    amap.thesis = draw(st.sampled_from([None, *claims]))
    return amap


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_any_map_written_as_yaml_reads_back_the_same_and_writes_the_same_bytes(amap):
    text = write(amap).data
    again = loads(text, "written.yaml")
    _same(amap, again)
    assert write(again).data == text


@given(TEXTS)
def test_a_scalar_reads_back_as_the_same_text(text):
    assert loads(f"claims:\n  a: {scalar(text)}\n").text("a") == text
    assert loads(f"claims: {{a: {{text: A., tags: [x], note: {scalar(text, flow=True)}}}}}\n"
                 ).node("a")["note"] == text


def test_the_bundled_map_round_trips_and_keeps_its_header_comment():
    amap = load()
    text = write(amap).data
    assert text.startswith("# yaml-language-server: $schema=")
    _same(amap, loads(text))
    assert write(loads(text)).data == text


def test_the_writer_writes_what_a_person_would():
    amap = load()
    text = write(amap).data
    lines = text.splitlines()
    # the field table's order at the top level, a blank line before each block
    tops = [line.split(":")[0] for line in lines if line and line[0] in string.ascii_lowercase]
    assert tops == ["title", "source", "thesis", "themes", "claims", "arguments"]
    assert lines[lines.index("claims:") - 1] == ""
    # automatic ids are left out; named arguments keep theirs; short arguments on one line
    assert "  - {supports: collapse-more-dangerous, premises: [refugees], scheme: cause to " \
           "effect}" in lines
    assert "  - id: provocation-reply" in lines
    assert not any("--supports--" in line for line in lines)
    assert all(len(line) <= 100 for line in lines if line.startswith("  - {"))
    # quotes stay in quotes
    assert any(line.strip().startswith("source: {para: 2, quote: \"") for line in lines)


@pytest.mark.parametrize("text", ["yes", "1984", "null", "a: b", "- x", "#hash", "x #y"])
def test_text_that_yaml_would_read_otherwise_is_quoted(text):
    assert scalar(text).startswith('"')
    assert loads(f"claims: {{a: {scalar(text)}}}").text("a") == text
