"""The brat reader: a hand-made essay pair (.ann + .txt) in the shape of the Argument Annotated
Essays, the .ann alone, oddities, and random input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import MapReadError
from argmap.formats.brat import read
from argmap.model import ATTACK, SUPPORT
from argmap.records import build

FIXTURES = Path(__file__).parent / "fixtures" / "brat"
ESSAY = FIXTURES / "essay.ann"

MAJOR = "we should attach more importance to cooperation during primary education"
MAJOR2 = "a more cooperative attitude towards life is more profitable in one's success"
CLAIM_FOR = "through cooperation, children can learn about interpersonal skills"
CLAIM_AGAINST = "competition makes students work harder"
PREMISE_FOR = ("What we acquired from team work is not only how to achieve the same goal with "
               "others but how to get along with others")
PREMISE_AGAINST = "students who only compete forget to help each other"


def load(path: Path, text: str | None = None):
    return build(read(path.read_text(encoding="utf-8") if text is None else text, str(path)))


def by_text(amap, text: str) -> str:
    found = [c for c in amap.claims() if amap.text(c) == text]
    assert len(found) == 1, (text, found)
    return found[0]


def edges(amap) -> set[tuple[str, str, str]]:
    out = set()
    for a in amap.arguments():
        attrs = amap.graph.nodes[a]
        (premise,) = attrs["premises"]
        out.add((attrs["relation"], amap.text(premise), amap.text(attrs["target"])))
    return out


def spans(ann: Path) -> dict[str, tuple[int, int]]:
    """T id -> (start, end), read from the .ann by the test itself."""
    out = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, middle, _ = line.split("\t")
            _, start, end = middle.split(" ")
            out[tid] = (int(start), int(end))
    return out


# -- the essay -----------------------------------------------------------------------------------

def test_essay_claims_thesis_title_and_no_warnings():
    amap, diagnostics = load(ESSAY)
    assert diagnostics == []
    assert len(list(amap.claims())) == 6  # every T annotation
    assert amap.text(amap.thesis) == MAJOR  # the first MajorClaim
    assert amap.title == "Should students be taught to cooperate or to compete?"
    # the essay's text is the source's file, numbered one paragraph a line, as here
    assert amap.source == {"title": amap.title, "file": "essay.txt", "paragraphs": "lines"}
    assert amap.themes == {}


def test_essay_stances_and_relations():
    amap, _ = load(ESSAY)
    assert edges(amap) == {
        (SUPPORT, CLAIM_FOR, MAJOR), (SUPPORT, CLAIM_FOR, MAJOR2),  # Stance For: each major claim
        (ATTACK, CLAIM_AGAINST, MAJOR), (ATTACK, CLAIM_AGAINST, MAJOR2),  # Against
        (SUPPORT, PREMISE_FOR, CLAIM_FOR),  # supports Arg1 -> Arg2
        (ATTACK, PREMISE_AGAINST, CLAIM_AGAINST),
    }


def test_essay_later_major_claim_rephrases_the_first():
    amap, _ = load(ESSAY)
    assert amap.rephrases == [(by_text(amap, MAJOR2), amap.thesis, None)]


def test_essay_quotes_are_the_exact_spans():
    amap, _ = load(ESSAY)
    txt = ESSAY.with_suffix(".txt").read_text(encoding="utf-8")
    for tid, (start, end) in spans(ESSAY).items():
        (cid,) = [c for c in amap.claims() if amap.position(c).element == tid]
        assert amap.graph.nodes[cid]["quote"] == txt[start:end] == amap.text(cid)


def test_essay_paragraphs_count_non_blank_lines_title_included():
    amap, _ = load(ESSAY)
    para = {amap.text(c): amap.graph.nodes[c]["para"] for c in amap.claims()}
    # the fixture: title, a blank line, then one paragraph a line
    assert para == {MAJOR: 2, CLAIM_FOR: 3, PREMISE_FOR: 3,
                    # the phrase is in paragraphs 2 and 4: the offsets say which
                    CLAIM_AGAINST: 4, PREMISE_AGAINST: 4, MAJOR2: 5}


def test_essay_tags_notes_and_positions():
    amap, _ = load(ESSAY)
    tags = {amap.text(c): amap.graph.nodes[c]["tags"] for c in amap.claims()}
    assert tags[MAJOR] == ("major-claim",)
    assert tags[CLAIM_FOR] == ("claim",) and tags[PREMISE_FOR] == ("premise",)
    assert amap.graph.nodes[by_text(amap, PREMISE_FOR)]["note"] == \
        "a generalisation from experience"
    pos = amap.position(by_text(amap, PREMISE_FOR))
    assert (pos.file, pos.line, pos.col, pos.element) == (str(ESSAY), 4, 1, "T3")
    lines = {amap.position(a).element: amap.position(a).line for a in amap.arguments()}
    assert lines == {"A1": 3, "A2": 6, "R1": 9, "R2": 10}


def test_claim_ids_are_readable_slugs():
    amap, _ = load(ESSAY)
    assert amap.thesis == "attach-more-importance-cooperation"


def crlf_copy(tmp_path, suffixes):
    """The essay in ``tmp_path``, the files of ``suffixes`` with CRLF (and the .ann a BOM)."""
    for suffix in (".ann", ".txt"):
        text = (FIXTURES / f"essay{suffix}").read_text(encoding="utf-8")
        data = text.replace("\n", "\r\n") if suffix in suffixes else text
        (tmp_path / f"essay{suffix}").write_bytes(("\ufeff" if suffix in suffixes and suffix == ".ann"
                                                   else "").encode() + data.encode())
    path = tmp_path / "essay.ann"
    return build(read(path.read_bytes().decode("utf-8"), str(path)))


def test_ann_with_crlf_and_bom_reads_the_same(tmp_path):
    amap, diagnostics = crlf_copy(tmp_path, {".ann"})
    plain, _ = load(ESSAY)
    assert diagnostics == []
    assert edges(amap) == edges(plain)
    assert {c: amap.graph.nodes[c]["quote"] for c in amap.claims()} == \
        {c: plain.graph.nodes[c]["quote"] for c in plain.claims()}


def test_txt_changed_to_crlf_after_annotation_names_each_mismatch(tmp_path):
    amap, diagnostics = crlf_copy(tmp_path, {".txt"})
    # brat counts a '\r' as a character: the offsets now miss by one character a line
    assert [(d.code, d.message.split(":")[0]) for d in diagnostics] == [
        ("format-oddity", f"T{i}") for i in range(1, 7)]
    assert all("does not match the .txt" in d.message for d in diagnostics)
    plain, _ = load(ESSAY)
    assert edges(amap) == edges(plain) and amap.title == plain.title
    assert all(amap.graph.nodes[c]["quote"] == amap.text(c) for c in amap.claims())


# -- without the .txt ----------------------------------------------------------------------------

def test_without_the_txt_paragraphs_are_lost_quotes_kept(tmp_path):
    lone = tmp_path / "essay.ann"
    shutil.copy(ESSAY, lone)
    amap, diagnostics = load(lone)
    assert [d.code for d in diagnostics] == ["format-loss"]
    assert "paragraph" in diagnostics[0].message and str(tmp_path / "essay.txt") in \
        diagnostics[0].message
    assert all(amap.graph.nodes[c]["para"] is None for c in amap.claims())
    assert all(amap.graph.nodes[c]["quote"] == amap.text(c) for c in amap.claims())
    assert amap.title is None
    assert edges(amap) == edges(load(ESSAY)[0])


def test_an_unreadable_txt_is_a_loss_not_a_crash(tmp_path):
    shutil.copy(ESSAY, tmp_path / "essay.ann")
    (tmp_path / "essay.txt").write_bytes(b"caf\xe9\n")
    _, diagnostics = load(tmp_path / "essay.ann")
    assert diagnostics[0].code == "format-loss" and "UTF-8" in diagnostics[0].message


def test_a_directory_named_like_the_txt_is_not_read(tmp_path):
    shutil.copy(ESSAY, tmp_path / "essay.ann")
    (tmp_path / "essay.txt").mkdir()
    _, diagnostics = load(tmp_path / "essay.ann")
    assert [d.code for d in diagnostics] == ["format-loss"]


# -- oddities ------------------------------------------------------------------------------------

ODD = "\n".join([
    "T1\tMajorClaim 0 3\tTea",                    # 1
    "T2\tClaim 4 9\tis ok",                       # 2
    "T2\tPremise 0 3\tTea",                       # 3 duplicate id
    "T3\tPremise 900 905\tfar",                   # 4 offsets outside the text
    "T4\tPremise 0 3\tCoffee",                    # 5 does not match the span
    "T5\tPremise zero three\tbad",                # 6 malformed
    "R1\tsupports Arg1:T9 Arg2:T2",               # 7 unknown T
    "R2\tsupports Arg1:T4",                       # 8 no Arg2
    "R3\tsupports Arg1",                          # 9 malformed
    "A1\tStance T2 Maybe",                        # 10 neither For nor Against
    "A2\tStance T8 For",                          # 11 unknown T
    "R4\tcontrasts Arg1:T3 Arg2:T2",              # 12 a relation type argmap has no place for
    "E1\tEvent:T1",                               # 13 an event
    "R5\tcontrasts Arg1:T2 Arg2:T3",              # 14 another
    "some stray line",                            # 15 not brat
    "\tT6",                                       # 16 no id
])


def odd(tmp_path):
    (tmp_path / "odd.txt").write_text("Tea is ok.\n", encoding="utf-8")
    path = tmp_path / "odd.ann"
    return build(read(ODD, str(path)))


def test_each_oddity_names_its_element_and_line(tmp_path):
    _, diagnostics = odd(tmp_path)
    stray = "a line brat does not define (left out)"
    assert [(d.line, d.code, d.message.split(":")[0]) for d in diagnostics] == [
        (3, "format-oddity", "T2"), (4, "format-oddity", "T3"), (5, "format-oddity", "T4"),
        (6, "format-oddity", "T5"), (7, "format-oddity", "R1"), (8, "format-oddity", "R2"),
        (9, "format-oddity", "R3"), (10, "format-oddity", "A1"), (11, "format-oddity", "A2"),
        (12, "format-loss", "2 relations 'contrasts' not kept (the first on line 12)"),
        (13, "format-loss", "1 event not kept (the first on line 13)"),
        (15, "format-oddity", stray), (16, "format-oddity", stray)]
    assert all(d.file == str(tmp_path / "odd.ann") and d.col == 1 for d in diagnostics)


def test_oddities_keep_what_they_can(tmp_path):
    amap, diagnostics = odd(tmp_path)
    assert all(d.severity == "warning" for d in diagnostics)
    assert sorted(amap.text(c) for c in amap.claims()) == ["Coffee", "Tea", "far", "is ok"]
    assert amap.graph.nodes[by_text(amap, "is ok")]["para"] == 1
    assert amap.graph.nodes[by_text(amap, "far")]["para"] is None
    assert amap.graph.nodes[by_text(amap, "Coffee")]["quote"] == "Coffee"
    assert list(amap.arguments()) == []
    losses = [d.message for d in diagnostics if d.code == "format-loss"]
    assert any("relations 'contrasts'" in m for m in losses)
    assert any("event" in m for m in losses)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_paragraphs_with_any_line_end_and_blank_lines(tmp_path, end):
    txt = end.join(["Title", "", "Tea is good.", "   ", "", "It is warm.", "Cake too.", ""])
    (tmp_path / "p.txt").write_text(txt, encoding="utf-8", newline="")
    ann = "".join(f"T{i}\tPremise {txt.index(s)} {txt.index(s) + len(s)}\t{s}\n"
                  for i, s in enumerate(["Title", "Tea is good.", "It is warm.", "Cake too."], 1))
    amap, diagnostics = build(read(ann, str(tmp_path / "p.ann")))
    assert diagnostics == []
    assert [amap.graph.nodes[c]["para"] for c in amap.claims()] == [1, 2, 3, 4]
    assert amap.title == "Title"


def test_discontinuous_span_is_joined_by_a_space(tmp_path):
    (tmp_path / "d.txt").write_text("Tea, they say, is good.\n", encoding="utf-8")
    amap, diagnostics = build(read("T1\tClaim 0 3;15 23\tTea is good.\n", str(tmp_path / "d.ann")))
    assert diagnostics == []
    assert amap.graph.nodes[by_text(amap, "Tea is good.")]["quote"] == "Tea is good."


def test_annotator_notes_before_their_annotation_and_on_a_relation(tmp_path):
    (tmp_path / "n.txt").write_text("Tea.\n", encoding="utf-8")
    ann = "#1\tAnnotatorNotes T1\tfirst\nT1\tClaim 0 4\tTea.\n#2\tAnnotatorNotes R1\tlost\n"
    amap, diagnostics = build(read(ann, str(tmp_path / "n.ann")))
    assert amap.graph.nodes["tea"]["note"] == "first"
    assert [d.code for d in diagnostics] == ["format-loss"]


def test_no_major_claim_means_no_thesis_and_stances_are_oddities(tmp_path):
    amap, diagnostics = build(read("T1\tClaim 0 4\tTea.\nA1\tStance T1 For\n", "/nowhere/x.ann"))
    assert amap.thesis is None
    assert [d.code for d in diagnostics] == ["format-loss", "format-oddity"]
    assert diagnostics[1].message.startswith("A1: ")


def test_empty_ann_is_an_empty_map():
    amap, diagnostics = build(read("", "/nowhere/x.ann"))
    assert not amap.graph and [d.code for d in diagnostics] == ["format-loss"]


@pytest.mark.parametrize("text", ["just words", "claims:\n  a: A.\n", "Discussion Title: T\n1. A.\n"])
def test_not_a_brat_file(text):
    with pytest.raises(MapReadError) as e:
        read(text, "/nowhere/x.ann")
    assert e.value.message.startswith("/nowhere/x.ann: not a brat annotation file")
    assert "T1<TAB>" in (e.value.hint or "")


@pytest.mark.parametrize("name", ["", "-", "\x00.ann", "/", "a.txt"])
def test_odd_names_do_not_break_the_sibling_lookup(name):
    recs = read("T1\tClaim 0 4\tTea.\n", name)
    assert recs.diagnostics[0].code == "format-loss"


# -- random input --------------------------------------------------------------------------------

PIECES = ["T1", "T2", "R1", "A1", "#1", "E1", "*", "\t", " ", "\n", "\r\n", "MajorClaim", "Claim",
          "Premise", "Stance", "For", "Against", "supports", "attacks", "Arg1:T1", "Arg2:T2",
          "0", "3", "99999999999999999999", ";", ":", "AnnotatorNotes", "é", "\ufeff"]


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("brat")
    (d / "with.txt").write_text("Title\n\nTea is good.\nIt is warm.\n", encoding="utf-8")
    return d


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=200),
                      st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40)
                      .map("".join)),
       txt=st.booleans())
def test_random_input_gives_records_or_map_read_error(fuzz_dir, text, txt):
    name = str(fuzz_dir / ("with.ann" if txt else "without.ann"))
    try:
        recs = read(text, name)
    except MapReadError as e:
        assert "not a brat annotation file" in e.message
        return
    amap, diagnostics = build(recs)
    assert all(d.severity == "warning" or d.code == "empty-map" for d in diagnostics)
    assert all(amap.text(c) for c in amap.claims())
