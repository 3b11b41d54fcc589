"""Quotes located exactly: essays in the shape of the Argument Annotated Essays (a title line, a
blank line, one paragraph a line), each with a hand-written brat ``.ann``, read by argmap and
checked against their ``.txt``.

For every annotated span, ``argmap sources --json`` must say ``verified``, in the paragraph the
span's offsets fall in (counted here from the raw ``.txt``: paragraph N is the N-th line that is
not blank, the title included), at the ``.ann``'s own start and end offsets. The fixtures are in
tests/fixtures/essays/:

- ``cars``: CRLF line endings, in the ``.txt`` and the ``.ann``;
- ``homework``: typographic quotes, dashes, a no-break space and an ellipsis inside spans;
- ``tuition``: a span across a sentence boundary, spans whose text also occurs in an earlier
  paragraph, and one whose text occurs earlier in its own paragraph (see
  :func:`expected_place`).

The same checks run on the brat essays of the shared corpus (``../shared/corpora``) when there
are any; the corpus is read where it is, never copied.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from argmap.formats import parse
from argmap.sourcecheck import check_sources

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "essays"
ESSAYS = ("cars", "homework", "tuition")
CORPORA = ROOT.parent / "shared" / "corpora"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True)
class Span:
    """A T line of an ``.ann``, as this test reads it."""

    tid: str
    label: str
    start: int
    end: int
    text: str
    fragments: int = 1  # a discontinuous span (``0 5;9 12``) has several


def read(path: Path) -> str:
    """A file's text exactly as stored: no newline translation (offsets count ``\\r\\n`` as two)."""
    return path.read_bytes().decode("utf-8")


def spans(ann: Path) -> list[Span]:
    """The ``.ann``'s text-bound annotations (a continuous span each, as in the essays)."""
    out = []
    for line in re.split(r"\r\n|\r|\n", read(ann)):
        if line.startswith("T"):
            tid, middle, text = line.split("\t")
            label, offsets = middle.split(" ", 1)
            pairs = [part.split(" ") for part in offsets.split(";")]
            out.append(Span(tid, label, int(pairs[0][0]), int(pairs[-1][1]), text, len(pairs)))
    return out


def lines(txt: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``txt`` that is not blank, its line break left out."""
    out = []
    for m in _LINE.finditer(txt):
        body = m.group().rstrip("\r\n")
        if body.strip():
            out.append((m.start(), m.start() + len(body)))
        if m.end() == len(txt):
            break
    return out


def para_at(txt: str, offset: int) -> int:
    """The paragraph an offset falls in: how many lines that are not blank start at or before it."""
    return sum(start <= offset for start, _ in lines(txt))


def expected_place(txt: str, s: Span) -> tuple[int, int, int]:
    """Where argmap should locate span ``s``: (paragraph, start, end).

    A map's quote is text and a paragraph number, no offsets, so argmap reports the first
    occurrence of the quote in the cited paragraph. That is the ``.ann``'s span, unless the
    same text occurs earlier in that paragraph: then it is the earlier occurrence (the quote is
    still verified, the offsets are not the annotation's).
    """
    para = para_at(txt, s.start)
    line_start, line_end = lines(txt)[para - 1]
    first = txt.find(s.text, line_start, line_end)
    assert 0 <= first <= s.start
    return para, first, first + len(s.text)


def located(ann: Path) -> tuple[dict[str, str], dict]:
    """T id -> claim id (from the reader), and the ``argmap sources --json`` data, computed
    in-process; the reader must have read the essay without a warning."""
    amap, diagnostics = parse(read(ann), str(ann))[:2]
    assert not [d.format() for d in diagnostics if d.code.startswith("format-")]
    ids = {amap.position(c).element: c for c in amap.claims()}
    return ids, check_sources(amap).to_json()


def assert_every_span_located(ann: Path, data: dict, ids: dict[str, str]) -> list[Span]:
    """Every span of ``ann`` verified in its offsets' paragraph at the expected offsets; returns
    the spans located at an earlier occurrence in their own paragraph."""
    txt = read(ann.with_suffix(".txt"))
    (doc,) = data["documents"]
    assert doc["verified"] and doc["layout"] == "lines"
    assert doc["paragraphs"] == len(lines(txt))
    earlier = []
    for s in spans(ann):
        if s.fragments > 1:  # its quote is the fragments joined: no one place to compare
            continue
        assert txt[s.start:s.end] == s.text, (s.tid, "the .ann's text is not txt[start:end]")
        para, start, end = expected_place(txt, s)
        entry = data["claims"][ids[s.tid]]
        got = (entry["status"], entry["para"], entry.get("start"), entry.get("end"))
        assert got == ("verified", para, start, end), (ann.name, s)
        (quote,) = entry["quotes"]
        assert quote["cited"] == [para] and quote["quote"] == s.text
        if start != s.start:
            earlier.append(s)
    return earlier


# -- the fixtures are what they say they are ----------------------------------------------------
@pytest.mark.parametrize("name", ESSAYS)
def test_fixture_shape(name):
    """A title line, a blank line, then 4-6 paragraphs one a line; the .ann's text column is
    txt[start:end]; T, Stance and supports/attacks lines."""
    txt, ann = read(FIXTURES / f"{name}.txt"), read(FIXTURES / f"{name}.ann")
    rows = re.split(r"\r\n|\r|\n", txt)
    assert rows[0].strip() and not rows[1].strip() and rows[-1] == ""
    body = rows[2:-1]
    assert 4 <= len(body) <= 6 and all(r.strip() for r in body)
    labels = {s.label for s in spans(FIXTURES / f"{name}.ann")}
    assert labels == {"MajorClaim", "Claim", "Premise"}
    assert re.search(r"^A\d+\tStance T\d+ (For|Against)\r?$", ann, re.M)
    assert re.search(r"^R\d+\tsupports Arg1:T\d+ Arg2:T\d+\t\r?$", ann, re.M)
    assert re.search(r"^R\d+\tattacks Arg1:T\d+ Arg2:T\d+\t\r?$", ann, re.M)
    for s in spans(FIXTURES / f"{name}.ann"):
        assert txt[s.start:s.end] == s.text, s


def test_fixture_cases():
    """Each essay has the case it is there for (so an editor or a checkout cannot lose it)."""
    for suffix in (".txt", ".ann"):  # every line break is CRLF
        data = (FIXTURES / f"cars{suffix}").read_bytes()
        assert data.count(b"\r\n") >= 6 and data.count(b"\n") == data.count(b"\r\n")
    typographic = "".join(s.text for s in spans(FIXTURES / "homework.ann"))
    for c in "\u201c\u201d\u2018\u2019\u2014\u2013\u00a0\u2026":
        assert c in typographic, c
    tuition = FIXTURES / "tuition.txt"
    txt, found = read(tuition), spans(tuition.with_suffix(".ann"))
    assert any(". " in s.text for s in found)  # across a sentence boundary
    assert any(txt.find(s.text) < lines(txt)[para_at(txt, s.start) - 1][0] for s in found)


# -- every span located exactly -------------------------------------------------------------------
@pytest.mark.parametrize("name", ESSAYS)
def test_every_span_verified_at_its_offsets(name, run):
    """Through the command line, as a user runs it: argmap sources ESSAY.ann --json."""
    ann = FIXTURES / f"{name}.ann"
    r = run("sources", ann, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    ids, _ = located(ann)
    earlier = assert_every_span_located(ann, data, ids)
    assert data["counts"]["verified"] == len(spans(ann))
    assert {"doc": None, "para": 1} in data["uncovered"]  # the title: no span in it
    # only tuition's second "the state gets its money back" (T6) is located at an earlier
    # occurrence in its paragraph, the one inside T5
    assert [s.tid for s in earlier] == (["T6"] if name == "tuition" else [])


def test_repeated_text_in_the_same_paragraph():
    """T6 quotes text that also ends T5, earlier in paragraph 4: it is verified in paragraph 4,
    at the first occurrence (a quote has no offsets to tell the two apart); the .ann's own
    offsets are the second occurrence argmap finds there."""
    from argmap.sourcetext import parse_source

    ann = FIXTURES / "tuition.ann"
    txt = read(ann.with_suffix(".txt"))
    by_tid = {s.tid: s for s in spans(ann)}
    t5, t6 = by_tid["T5"], by_tid["T6"]
    ids, data = located(ann)
    entry = data["claims"][ids["T6"]]
    assert (entry["status"], entry["para"]) == ("verified", 4)
    assert entry["end"] == t5.end and entry["start"] == t5.end - len(t6.text) != t6.start
    src = parse_source(txt, "tuition.txt", layout="lines")
    assert [(m.start, m.end) for m in src.find(t6.text, [4])] == \
        [(entry["start"], entry["end"]), (t6.start, t6.end)]


def test_repeated_text_in_another_paragraph():
    """T9 ("university education should be free", paragraph 6) is also in paragraph 2, first:
    it is located in paragraph 6, its own, at its own offsets."""
    ann = FIXTURES / "tuition.ann"
    t9 = next(s for s in spans(ann) if s.tid == "T9")
    txt = read(ann.with_suffix(".txt"))
    assert para_at(txt, txt.find(t9.text)) == 2 and para_at(txt, t9.start) == 6
    ids, data = located(ann)
    entry = data["claims"][ids["T9"]]
    assert (entry["status"], entry["para"], entry["start"], entry["end"]) == \
        ("verified", 6, t9.start, t9.end)


@pytest.mark.parametrize("name", ESSAYS)
def test_check_strict_passes(name, run):
    r = run("check", FIXTURES / f"{name}.ann", "--strict")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == f"{FIXTURES / name}.ann: ok, no problems found"


# -- what a user sees when the text and the annotation disagree ----------------------------------
CHANGED = {  # essay: (T id, a word of its span, a word of the same length to write instead)
    "cars": ("T2", "healthier", "wealthier"),
    "homework": ("T6", "kitchen", "chicken"),
    "tuition": ("T5", "Graduates earn", "Graduates save"),  # the span across two sentences
}


def copy_essay(name: str, to: Path) -> Path:
    for suffix in (".ann", ".txt"):
        shutil.copyfile(FIXTURES / f"{name}{suffix}", to / f"{name}{suffix}")
    return to / f"{name}.ann"


@pytest.mark.parametrize("name", ESSAYS)
def test_changed_words_quote_not_found(name, tmp_path, run):
    """A word of one span changed in the .txt (to one of the same length, so every other offset
    still holds): the reader warns that the span's text is not the annotation's and keeps the
    annotation's text as the quote, which is then quote-not-found, with the closest passage in
    the span's paragraph, at the span's offsets; every other quote is still verified."""
    tid, old, new = CHANGED[name]
    ann = copy_essay(name, tmp_path)
    txt_path = ann.with_suffix(".txt")
    txt = read(txt_path)
    s = next(s for s in spans(ann) if s.tid == tid)
    assert txt.count(old) == 1 and old in s.text
    txt_path.write_bytes(txt.replace(old, new).encode("utf-8"))
    para = para_at(txt, s.start)

    r = run("check", ann)
    assert r.exit_code == 1
    found = r.output.splitlines()
    assert any(f"warning format-oddity: {tid}: the text" in line for line in found), r.output
    errors = [line for line in found if " error " in line]
    assert len(errors) == 1 and "error quote-not-found" in errors[0], r.output
    hint = found[found.index(errors[0]) + 1]
    assert f"hint: the closest passage is in paragraph {para} " in hint
    assert repr(s.text.replace(old, new))[:60] in hint.replace("\u2026", "")

    data = json.loads(run("sources", ann, "--json").stdout)
    tids = {cid: t for t, cid in located(FIXTURES / f"{name}.ann")[0].items()}
    for cid, entry in data["claims"].items():
        if tids[cid] != tid:
            assert entry["status"] == "verified", cid
            continue
        assert entry["status"] == "not-found" and entry["para"] is None
        (quote,) = entry["quotes"]
        assert quote["quote"] == s.text and quote["cited"] == [para]
        closest = quote["closest"]
        assert (closest["para"], closest["start"], closest["end"]) == (para, s.start, s.end)
        assert closest["passage"] == s.text.replace(old, new).replace("\u00a0", " ")
        assert 90 <= closest["score"] < 100


def test_offsets_moved_to_another_paragraph(tmp_path, run):
    """One span's offsets in a copy of the .ann pointed at a span of the next paragraph (same
    length): the reader warns that the text there is not the annotation's, keeps the
    annotation's text as the quote and takes the paragraph from the offsets, so check reports
    quote-moved, naming the paragraph the words really are in."""
    ann = copy_essay("tuition", tmp_path)
    by_tid = {s.tid: s for s in spans(ann)}
    t2, t7 = by_tid["T2"], by_tid["T7"]  # paragraphs 3 and 5
    txt = read(ann.with_suffix(".txt"))
    assert (para_at(txt, t2.start), para_at(txt, t7.start)) == (3, 5)
    moved = read(ann).replace(f"T2\tClaim {t2.start} {t2.end}\t",
                              f"T2\tClaim {t7.start} {t7.start + len(t2.text)}\t")
    assert moved != read(ann)
    ann.write_bytes(moved.encode("utf-8"))
    r = run("check", ann)
    assert r.exit_code == 1
    assert "warning format-oddity: T2: the text 'Free tuition opens university" in r.output
    errors = [line for line in r.output.splitlines() if " error " in line]
    assert len(errors) == 1, r.output
    assert "error quote-moved" in errors[0] and "is in paragraph 3 of tuition.txt, not 5" \
        in errors[0], r.output
    assert "write para: 3" in r.output


# -- the shared corpus, where it is ---------------------------------------------------------------
def corpus_essays() -> list:
    """Every brat essay (an .ann beside its .txt) under ../shared/corpora, or one skipped case
    saying why there is none."""
    if not CORPORA.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(
            reason=f"{CORPORA} is absent (the shared corpora are not beside this checkout)"))]
    found = sorted(p for p in CORPORA.rglob("*.ann") if p.with_suffix(".txt").is_file())
    if not found:
        have = ", ".join(sorted(p.name for p in CORPORA.iterdir() if p.is_dir())) or "nothing"
        return [pytest.param(None, marks=pytest.mark.skip(
            reason=f"no brat essays (an .ann beside its .txt) in {CORPORA} (it has: {have})"))]
    return [pytest.param(p, id=str(p.relative_to(CORPORA))) for p in found]


@pytest.mark.parametrize("ann", corpus_essays())
def test_corpus_every_span_verified_at_its_offsets(ann):
    """In every essay of the corpus, every span verified in its offsets' paragraph, at its
    offsets (or at an earlier occurrence of the same text in that paragraph, see
    :func:`expected_place`)."""
    ids, data = located(ann)
    assert_every_span_located(ann, data, ids)
