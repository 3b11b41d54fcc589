"""The Kialo reader: hand-made exports (cross-references, CRLF, a BOM, multi-line texts,
oddities), the real export of ../shared/corpora/kialo, and random input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import MapReadError
from argmap.formats import read_records
from argmap.formats.kialo import read
from argmap.model import ATTACK, SUPPORT
from argmap.records import Records, build

FIXTURES = Path(__file__).parent / "fixtures" / "kialo"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "kialo"
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\. (?:(Pro|Con): )?(.*)$")


def load(text: str, name: str = "k.txt"):
    return build(read(text, name))


def by_text(amap, text: str) -> str:
    found = [c for c in amap.claims() if amap.text(c) == text]
    assert len(found) == 1, (text, found)
    return found[0]


def edges(amap) -> set[tuple[str, str, str]]:
    """(relation, premise text, target text) of every argument."""
    out = set()
    for a in amap.arguments():
        attrs = amap.graph.nodes[a]
        (premise,) = attrs["premises"]
        out.add((attrs["relation"], amap.text(premise), amap.text(attrs["target"])))
    return out


def tram() -> tuple[str, str]:
    path = FIXTURES / "tram.txt"
    return path.read_bytes().decode("utf-8"), str(path)


# -- the hand-made export ------------------------------------------------------------------------

def test_fixture_has_a_bom_and_crlf():
    text, _ = tram()
    assert text.startswith("\ufeff") and "\r\n" in text  # what the next tests rely on


def test_tram_reads_claims_arguments_title_and_thesis():
    amap, diagnostics = load(*tram())
    assert diagnostics == []
    assert amap.title == "Should the town build a tram?"
    assert amap.text(amap.thesis) == "The town should build a tram."
    # 11 numbered lines, 3 of them '-> See': 8 claims; every line but the root is an argument
    assert len(list(amap.claims())) == 8
    assert len(list(amap.arguments())) == 10
    assert not any("See" in amap.text(c) for c in amap.claims())


def test_tram_pro_is_support_con_is_attack_and_see_is_the_same_claim():
    amap, _ = load(*tram())
    tram_ = "The town should build a tram."
    cars = "Each tram carries as many people as a hundred cars."
    switched = "Bus users in other towns switched to new trams."
    costs = ("The tram costs too much.\nThe council's estimate is 80 million,\n\n"
             "and such estimates usually overrun.")
    got = edges(amap)
    assert (SUPPORT, cars, "A tram cuts car traffic in the centre.") in got
    assert (ATTACK, costs, tram_) in got
    # 1.4 is '-> See 1.1.1.' under the root; 1.2.2 is '-> See 1.4.', a chain to 1.1.1
    assert (SUPPORT, cars, tram_) in got
    assert (ATTACK, cars, costs) in got
    # 1.1.2.1 is '-> See 1.3.1.', a claim written later in the file
    assert (ATTACK, switched, "People who drive now would not switch to the tram.") in got
    cid = by_text(amap, cars)
    assert len(amap.graph.out_edges(cid)) == 3  # one claim, premise of three arguments


def test_tram_keeps_the_kialo_numbers_in_the_notes():
    amap, _ = load(*tram())
    note = {amap.text(c): amap.graph.nodes[c]["note"] for c in amap.claims()}
    assert note["The town should build a tram."] == "Kialo 1"
    assert note["Each tram carries as many people as a hundred cars."] == \
        "Kialo 1.1.1 (also 1.4, 1.2.2)"
    assert note["Bus users in other towns switched to new trams."] == "Kialo 1.3.1 (also 1.1.2.1)"


def test_tram_positions_are_line_numbers():
    text, name = tram()
    amap, _ = load(text, name)
    pos = amap.position(by_text(amap, "A federal grant pays half of the cost."))
    assert (pos.file, pos.line, pos.col) == (name, 12, 1)
    lines = {amap.position(a).line for a in amap.arguments()}
    assert lines == {4, 5, 6, 7, 8, 12, 13, 14, 15, 16}


def test_lf_without_bom_reads_the_same():
    text, _ = tram()
    a, _ = load(text)
    b, d = load(text.lstrip("\ufeff").replace("\r\n", "\n"))
    assert d == []
    assert edges(a) == edges(b)
    assert a.thesis == b.thesis and a.title == b.title


def test_old_mac_line_ends_read_the_same():
    text, _ = tram()
    a, _ = load(text)
    b, d = load(text.replace("\r\n", "\r"))
    assert d == [] and edges(a) == edges(b)
    assert {a.position(c).line for c in a.claims()} == {b.position(c).line for c in b.claims()}


def test_children_of_a_see_line_are_children_of_the_claim_it_names():
    amap, diagnostics = load("Discussion Title: T\n1. A.\n1.1. Pro: B.\n1.2. Con: -> See 1.1.\n"
                             "1.2.1. Con: C.\n")
    assert diagnostics == []
    assert edges(amap) == {(SUPPORT, "B.", "A."), (ATTACK, "B.", "A."), (ATTACK, "C.", "B.")}


def test_claim_ids_are_readable_slugs():
    amap, _ = load(*tram())
    assert amap.thesis == "town-build-tram"
    assert by_text(amap, "Trams attract new riders.") == "trams-attract-new-riders"


def test_the_registry_reads_kialo():
    text, name = tram()
    recs = read_records(text, name, "kialo")
    assert isinstance(recs, Records) and not recs.strict


# -- oddities ------------------------------------------------------------------------------------

def oddities():
    path = FIXTURES / "oddities.txt"
    amap, diagnostics = load(path.read_text(encoding="utf-8"), "odd.txt")
    return amap, diagnostics


def test_every_oddity_is_a_warning_at_its_line():
    _, diagnostics = oddities()
    assert all(d.code == "format-oddity" and d.severity == "warning" for d in diagnostics)
    assert all(d.file == "odd.txt" for d in diagnostics)
    found = {(d.line, word) for d in diagnostics
             for word in ("neither the discussion title", "gap", "no parent", "not in the export",
                          "cycle", "neither 'Pro:'", "used twice", "no text", "top-level")
             if word in d.message}
    assert found == {(2, "neither the discussion title"), (5, "gap"), (6, "no parent"),
                     (7, "not in the export"), (8, "cycle"), (10, "neither 'Pro:'"),
                     (11, "used twice"), (12, "no text"), (13, "top-level")}
    assert len(diagnostics) == 9


def test_oddities_still_give_a_map():
    amap, _ = oddities()
    assert amap.title == "Odd export"
    assert amap.text(amap.thesis) == "Root."  # the first of two roots
    orphan = by_text(amap, "Orphan.")
    assert not amap.graph.out_edges(orphan)  # kept, with no argument
    unknown = by_text(amap, "-> See 9.9.")  # kept as a claim with its reference as text
    assert amap.graph.nodes[unknown]["note"] == "Kialo 1.1.1"
    got = edges(amap)
    assert (SUPPORT, "-> See 9.9.", "First reason.") in got
    assert (ATTACK, "-> See 1.1.3.", "First reason.") in got  # the cycle: each kept
    assert (ATTACK, "-> See 1.1.2.", "First reason.") in got
    assert (SUPPORT, "(no text)", "First reason.") in got
    # the repeated number 1.1 is read as a line of the text above it
    neither = by_text(amap, "Neither pro nor con.\n1.1. Pro: Again.")
    assert not amap.graph.out_edges(neither)
    assert by_text(amap, "Another root.") != amap.thesis


def test_gap_messages_name_the_missing_numbers():
    recs = read("Discussion Title: T\n1. A.\n1.4. Pro: B.\n1.4.2. Con: C.\n", "t.txt")
    assert [(d.line, d.message) for d in recs.diagnostics] == [
        (3, "numbering gap: 1.1 to 1.3 are missing before 1.4"),
        (4, "numbering gap: 1.4.1 is missing before 1.4.2")]


def test_see_to_an_ancestor_is_left_out_by_build_not_a_crash():
    amap, diagnostics = load("Discussion Title: T\n1. A.\n1.1. Pro: B.\n1.1.1. Pro: -> See 1.1.\n")
    assert [d.code for d in diagnostics] == ["format-oddity"]
    assert "itself" in diagnostics[0].message and diagnostics[0].line == 4
    assert len(list(amap.arguments())) == 1


def test_see_to_the_root_from_its_grandchild_makes_a_cycle_of_support():
    amap, diagnostics = load("Discussion Title: T\n1. A.\n1.1. Pro: B.\n1.1.1. Con: -> See 1.\n")
    assert diagnostics == []
    assert edges(amap) == {(SUPPORT, "B.", "A."), (ATTACK, "A.", "B.")}


def test_no_title_is_an_oddity_and_no_root_means_no_thesis():
    amap, diagnostics = load("1.1. Pro: B.\n1.2. Con: C.\n")
    messages = [d.message for d in diagnostics]
    assert any("Discussion Title" in m for m in messages)
    assert any("no thesis" in m for m in messages)
    assert amap.thesis is None and amap.title is None
    assert len(list(amap.claims())) == 2


def test_a_title_is_only_the_first_line():
    amap, diagnostics = load("1. A.\nDiscussion Title: later\n")
    assert amap.title is None
    assert amap.text(amap.thesis) == "A.\nDiscussion Title: later"


def test_title_only_is_an_empty_map():
    amap, diagnostics = load("Discussion Title: Nothing yet\n")
    assert amap.title == "Nothing yet"
    assert [d.code for d in diagnostics] == ["empty-map"]


@pytest.mark.parametrize("text", ["", "\n\n", "claims:\n  a: A.\n", "just words", "1.2 no dot\n"])
def test_not_a_kialo_export(text):
    with pytest.raises(MapReadError) as e:
        read(text, "x.txt")
    assert e.value.message == ("x.txt: not a Kialo export: no 'Discussion Title:' and no "
                               "numbered lines")
    assert "Discussion Title" in (e.value.hint or "") and e.value.file == "x.txt"


def test_long_numbers_do_not_break_the_reader():
    big = "9" * 5000  # int() refuses numbers of more than 4300 digits
    amap, _ = load(f"Discussion Title: T\n1. A.\n1.{big}. Pro: B.\n1.999999999. Pro: C.\n")
    assert amap.text(amap.thesis) == f"A.\n1.{big}. Pro: B."


# -- the real export -----------------------------------------------------------------------------

def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"no Kialo corpus at {CORPUS} (the shared corpora are not checked out)")
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"no .txt file in {CORPUS}")
    return files


def test_real_export_counts():
    for path in corpus_files():
        text = path.read_bytes().decode("utf-8-sig")
        numbered = [m for m in (NUMBERED.match(ln.rstrip("\r")) for ln in text.split("\n")) if m]
        see = [m for m in numbered if m.group(3).startswith("-> See")]
        amap, diagnostics = load(text, str(path))
        assert [d for d in diagnostics if d.code == "format-oddity"] == []
        assert len(list(amap.claims())) == len(numbered) - len(see)
        assert len(list(amap.arguments())) == len(numbered) - 1
        relations = [amap.graph.nodes[a]["relation"] for a in amap.arguments()]
        assert relations.count(SUPPORT) == sum(m.group(2) == "Pro" for m in numbered)
        assert relations.count(ATTACK) == sum(m.group(2) == "Con" for m in numbered)
        title = re.match(r"Discussion Title: (.*)", text).group(1).strip()
        assert amap.title == title
        assert amap.text(amap.thesis) == numbered[0].group(3)


def test_real_export_see_lines_reuse_the_claim():
    for path in corpus_files():
        text = path.read_bytes().decode("utf-8-sig")
        numbered = {m.group(1): m for m in (NUMBERED.match(ln.rstrip("\r"))
                                            for ln in text.split("\n")) if m}
        amap, _ = load(text, str(path))
        got = edges(amap)
        for number, m in numbered.items():
            ref = re.fullmatch(r"-> See (\d+(?:\.\d+)*)\.", m.group(3))
            if ref is None:
                continue
            target = numbered[number.rsplit(".", 1)[0]].group(3)
            relation = SUPPORT if m.group(2) == "Pro" else ATTACK
            assert (relation, numbered[ref.group(1)].group(3), target) in got


# -- random input --------------------------------------------------------------------------------

PIECES = ["Discussion Title: ", "1.", "1.1.", "1.1.1.", "2.", "0.", "1.2.", " ", "Pro:", "Con:",
          "-> See 1.", "-> See 1.1.", "-> See 7.", "\n", "\r\n", "\r", "\ufeff", "text", "\t",
          "é", "\x00", ".", "9999999999."]


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200),
                 st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40).map("".join)))
def test_random_input_gives_records_or_map_read_error(text):
    try:
        recs = read(text, "fuzz.txt")
    except MapReadError as e:
        assert e.message.startswith("fuzz.txt: not a Kialo export")
        return
    amap, diagnostics = build(recs)
    assert all(d.severity == "warning" or d.code == "empty-map" for d in diagnostics)
    assert all(amap.text(c) for c in amap.claims())
