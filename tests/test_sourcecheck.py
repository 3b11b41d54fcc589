"""Quotes checked against the source text in `argmap check` (argmap.sourcecheck): verified, moved,
not found, paragraphs that do not exist, missing paragraphs, texts that cannot be read, several
documents, maps read from stdin, and the bundled map.

The texts are hand-written (tests/fixtures/sourcecheck/); every expected paragraph number, offset
and message below is read off those texts, not off argmap's output.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from argmap import load, loads
from argmap.loader import bundled_map_path
from argmap.sourcecheck import STATUSES, check_sources

FIXTURES = Path(__file__).parent / "fixtures" / "sourcecheck"
TREES = (FIXTURES / "trees.txt").read_text(encoding="utf-8")

# trees.txt numbered from "Trees cool the streets" to before "Share this article":
# 1 Trees cool the streets ... where it is cool.
# 2 Critics say ... by a wide margin.
# 3 The council calls the plan ... pays for decades.
# 4 Some residents fear ... engineers agree.
# 5 Plant the trees now, before the next summer comes.
HEAD = """\
source:
  title: Why Cities Should Plant More Trees
  file: trees.txt
  start: Trees cool the streets
  stop: Share this article
"""

FINDING = re.compile(r"^(?P<file>.*?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning|note) "
                     r"(?P<code>[a-z-]+): (?P<message>.*)$")


def findings(output: str) -> list[dict]:
    """The diagnostics of `check`'s plain output, each with its hint."""
    out: list[dict] = []
    for line in output.splitlines():
        m = FINDING.match(line)
        if m:
            out.append({**m.groupdict(), "hint": None})
        elif line.startswith("    hint: ") and out:
            out[-1]["hint"] = line[len("    hint: "):]
    for f in out:
        f["line"] = None if f["line"] is None else int(f["line"])
        f["col"] = None if f["col"] is None else int(f["col"])
    return out


def only(output: str, code: str) -> dict:
    found = [f for f in findings(output) if f["code"] == code]
    assert len(found) == 1, output
    return found[0]


def clean_map(sources: dict[str, str], head: str = HEAD) -> str:
    """A map that lints clean: thesis `t` (the analyst's), supported by one claim per source."""
    lines = [head.rstrip("\n"), "thesis: t", "claims:", "  t:", "    text: Cities should plant trees.",
             "    by: analyst"]
    for cid, source in sources.items():
        lines += [f"  {cid}:", f"    text: The claim {cid}.", f"    source: {source}"]
    lines.append("arguments:")
    lines += [f"  - {{supports: t, premises: [{cid}]}}" for cid in sources]
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path):
    """tmp_path with the texts copied in."""
    for name in ("trees.txt", "reply.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def write(folder):
    def make(text: str, name: str = "m.yaml") -> Path:
        p = folder / name
        p.write_text(text, encoding="utf-8")
        return p

    return make


def sources_json(run, path) -> dict:
    r = run("sources", path, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def span(text: str, first: str, last: str, after: str = "") -> tuple[int, int]:
    """The offsets from ``first`` to the end of the next ``last`` (searched from ``after``)."""
    start = text.index(first, text.index(after) if after else 0)
    return start, text.index(last, start) + len(last)


# -- verified quotes ---------------------------------------------------------------------------

# (id, source, cited paragraph, the passage of trees.txt the quote is: first and last words)
VERIFIED = [
    # across a line break of the source
    ("wrap", '{para: 1, quote: "the shade of a single oak can make the pavement"}', 1,
     ("the shade of a\nsingle oak", "make the pavement")),
    # typographic apostrophe in the source, straight in the quote (and across a line break)
    ("apostrophe", '{para: 2, quote: "The city\'s own budget shows otherwise"}', 2,
     ("The city\u2019s own budget", "shows otherwise")),
    # an em dash with spaces in the source, a hyphen with spaces in the quote
    ("dash", '{para: 2, quote: "the asphalt beneath it - by a wide margin"}', 2,
     ("the asphalt", "it \u2014 by a wide margin")),
    # ... and no spaces, or a double hyphen
    ("dash-tight", '{para: 2, quote: "beneath it\u2014by a wide margin"}', 2,
     ("beneath it \u2014", "by a wide margin")),
    ("double-hyphen", '{para: 2, quote: "beneath it -- by a wide margin"}', 2,
     ("beneath it \u2014", "by a wide margin")),
    # curly double quotes in the source, straight ones in the quote
    ("curly", "{para: 3, quote: '\"a luxury we cannot afford\"'}", 3,
     ("\u201ca luxury", "afford\u201d")),
    # the reverse: straight apostrophe in the source, typographic in the quote
    ("reverse", '{para: 4, quote: "the council\u2019s engineers agree"}', 4,
     ("the council's", "engineers agree")),
    # a soft hyphen in the source, none in the quote
    ("soft-hyphen", '{para: 4, quote: "roots will crack the pavements"}', 4,
     ("roots will", "pave\u00adments")),
    # and one in the quote, none in the text
    ("soft-in-quote", '{para: 5, quote: "Plant the tr\u00adees now"}', 5,
     ("Plant the", "trees now")),
    # words left out
    ("dots", '{para: 1, quote: "Trees cool the streets ... people walk where it is cool"}', 1,
     ("Trees cool the streets", "where it is cool")),
    ("ellipsis", '{para: 1, quote: "Trees cool the streets\u2026 ten degrees cooler"}', 1,
     ("Trees cool the streets", "ten degrees cooler")),
    ("brackets", '{para: 2, quote: "Critics say [...] the heat damage"}', 2,
     ("Critics say", "the heat damage")),
]


def test_verified_quotes_pass_check_strict(run, write):
    p = write(clean_map({cid: source for cid, source, _, _ in VERIFIED}))
    r = run("check", p, "--strict")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == f"{p}: ok, no problems found"


@pytest.mark.parametrize("cid, source, para, passage", VERIFIED, ids=[v[0] for v in VERIFIED])
def test_verified_quote_status_para_and_offsets(run, write, cid, source, para, passage):
    p = write(clean_map({cid: source}))
    claim = sources_json(run, p)["claims"][cid]
    start, end = span(TREES, *passage)
    assert claim["status"] == "verified"
    assert (claim["para"], claim["start"], claim["end"], claim["doc"]) == (para, start, end, None)
    quote, = claim["quotes"]
    assert (quote["status"], quote["cited"], quote["para"]) == ("verified", [para], para)
    assert (quote["start"], quote["end"]) == (start, end)


def test_the_occurrence_in_the_cited_paragraph_is_the_one_reported(run, write):
    # "trees" (lower case: case counts) is in paragraphs 2 and 5
    p = write(clean_map({"second": '{para: 5, quote: "trees"}', "first": '{para: 2, quote: "trees"}'}))
    claims = sources_json(run, p)["claims"]
    para5 = TREES.index("Plant the trees now")
    assert claims["second"]["start"] == TREES.index("trees", para5) and claims["second"]["para"] == 5
    assert claims["first"]["start"] == TREES.index("trees cost") and claims["first"]["para"] == 2


# -- moved, not found, out of range --------------------------------------------------------------


def test_moved_quote_is_an_error_at_the_quote_naming_the_right_paragraph(run, write, where):
    text = clean_map({"luxury": '{para: 2, quote: "It is no luxury."}'})
    p = write(text)
    r = run("check", p)
    assert r.exit_code == 1
    f = only(r.output, "quote-moved")
    assert (f["file"], f["line"], f["col"], f["severity"]) == (str(p), *where(text, '"It is no luxury."'),
                                                              "error")
    assert f["message"] == "the quote of claim 'luxury' is in paragraph 3 of trees.txt, not 2"
    assert f["hint"].startswith("write para: 3")
    assert r.output.rstrip().endswith(f"{p}: 1 error, 0 warnings")


def test_moved_quote_in_two_other_paragraphs_lists_both(run, write):
    p = write(clean_map({"trees": '{para: 1, quote: "trees"}'}))
    f = only(run("check", p).output, "quote-moved")
    assert f["message"] == "the quote of claim 'trees' is in paragraph 2, 5 of trees.txt, not 1"
    assert f["hint"].startswith("write para: 2")


def test_near_miss_is_not_found_with_the_closest_passage(run, write, where):
    typo = '{para: 3, quote: "A tree planted today is an investmant that pays for decades"}'
    text = clean_map({"typo": typo})
    p = write(text)
    r = run("check", p)
    assert r.exit_code == 1
    f = only(r.output, "quote-not-found")
    assert (f["line"], f["col"]) == where(text, '"A tree planted today')
    assert f["message"] == ("the quote of claim 'typo' is not in trees.txt: "
                            "'A tree planted today is an investmant that pays for decades'")
    # one letter of 59 replaced: the indel ratio is 1 - 2/118 = 98.3%
    assert f["hint"] == ("the closest passage is in paragraph 3 (98% alike): "
                         "'A tree planted today is an investment that pays for decades'")
    quote, = sources_json(run, p)["claims"]["typo"]["quotes"]
    assert quote["status"] == "not-found" and quote["para"] is None
    closest = quote["closest"]
    start, end = span(TREES, "A tree planted today", "pays for decades")
    assert (closest["para"], closest["start"], closest["end"]) == (3, start, end)
    assert closest["passage"] == "A tree planted today is an investment that pays for decades"
    assert closest["score"] == pytest.approx(98.3, abs=0.05)


def test_a_quote_never_spans_two_paragraphs(run, write):
    p = write(clean_map({"across": '{para: 1, quote: "where it is cool. Critics say"}'}))
    assert only(run("check", p).output, "quote-not-found")["message"].startswith(
        "the quote of claim 'across' is not in trees.txt")


def test_case_counts(run, write):
    p = write(clean_map({"upper": '{para: 5, quote: "plant the trees now"}'}))
    assert only(run("check", p).output, "quote-not-found")


def test_paragraph_out_of_range(run, write, where):
    text = clean_map({"far": "{para: 9}", "far-quoted": '{para: 9, quote: "Plant the trees now"}'})
    p = write(text)
    r = run("check", p)
    assert r.exit_code == 1
    far, quoted = [f for f in findings(r.output) if f["code"] == "para-out-of-range"]
    assert far["message"] == "claim 'far' cites paragraph 9, but trees.txt has 5"
    assert (far["line"], far["col"]) == where(text, "9}")
    assert "argmap sources lists them" in far["hint"]
    assert quoted["message"] == "claim 'far-quoted' cites paragraph 9, but trees.txt has 5"
    assert quoted["hint"] == "the quote is in paragraph 5: write para: 5"
    assert not [f for f in findings(r.output) if f["code"] == "quote-moved"]  # said once
    data = sources_json(run, p)
    assert data["claims"]["far"]["quotes"][0]["missing"] == [9]
    assert data["claims"]["far"]["quotes"][0]["para"] is None


def test_para_list_quote_in_either(run, write, where):
    text = clean_map({"in-four": '{para: [1, 4], quote: "Modern planting pits prevent that"}',
                      "in-two": '{para: [1, 4], quote: "Critics say that trees cost too much"}'})
    p = write(text)
    r = run("check", p)
    assert r.exit_code == 1
    f = only(r.output, "quote-moved")
    assert f["message"] == "the quote of claim 'in-two' is in paragraph 2 of trees.txt, not 1, 4"
    assert f["hint"].startswith("write para: 2")
    assert (f["line"], f["col"]) == where(text, '"Critics say')
    claims = sources_json(run, p)["claims"]
    assert (claims["in-four"]["status"], claims["in-four"]["para"]) == ("verified", 4)
    assert claims["in-four"]["quotes"][0]["cited"] == [1, 4]
    assert (claims["in-two"]["status"], claims["in-two"]["para"]) == ("moved", 2)


def test_quote_list_each_checked(run, write, where):
    text = clean_map({"both": '{para: 5, quote: ["Plant the trees now", "before the next summer comes"]}',
                      "one-bad": '{para: 5, quote: ["Plant the trees now", "before the next winter"]}'})
    p = write(text)
    r = run("check", p)
    f = only(r.output, "quote-not-found")
    assert "claim 'one-bad'" in f["message"] and "'before the next winter'" in f["message"]
    assert (f["line"], f["col"]) == where(text, '"before the next winter"')
    assert "paragraph 5" in f["hint"] and "'before the next summer'" in f["hint"]
    claims = sources_json(run, p)["claims"]
    q1, q2 = claims["both"]["quotes"]
    assert [q1["status"], q2["status"]] == ["verified", "verified"]
    assert (q1["start"], q1["end"]) == span(TREES, "Plant the trees now", "now")
    assert (q2["start"], q2["end"]) == span(TREES, "before the next summer comes", "comes")
    # the claim's offsets are its first quote's
    assert (claims["both"]["start"], claims["both"]["end"]) == (q1["start"], q1["end"])
    assert claims["one-bad"]["status"] == "not-found"
    assert [q["status"] for q in claims["one-bad"]["quotes"]] == ["verified", "not-found"]


def test_list_of_places(run, write, where):
    text = clean_map({
        "good": '[{para: 1, quote: "Trees cool the streets"}, {para: 5, quote: "Plant the trees now"}]',
        "second-wrong": '[{para: 1, quote: "Trees cool the streets"}, {para: 1, quote: "before the next"}]'})
    p = write(text)
    r = run("check", p)
    f = only(r.output, "quote-moved")
    assert f["message"] == "the quote of claim 'second-wrong' is in paragraph 5 of trees.txt, not 1"
    assert (f["line"], f["col"]) == where(text, '"before the next"')
    claims = sources_json(run, p)["claims"]
    assert [q["para"] for q in claims["good"]["quotes"]] == [1, 5]
    assert claims["good"]["status"] == "verified"
    assert [q["status"] for q in claims["second-wrong"]["quotes"]] == ["verified", "moved"]
    assert claims["second-wrong"]["status"] == "moved"


def test_claim_status_is_the_worst_of_its_quotes(folder):
    # the documented order: not-found before moved before unverified before no-quote before verified
    assert STATUSES == ("verified", "no-quote", "unverified", "moved", "not-found")
    text = clean_map({
        "v-m": '[{para: 1, quote: "Trees cool"}, {para: 1, quote: "Plant the trees"}]',
        "m-n": '[{para: 1, quote: "Plant the trees"}, {para: 1, quote: "no such words"}]',
        "v-q": '[{para: 1, quote: "Trees cool"}, {para: 4}]',
    })
    (folder / "m.yaml").write_text(text)
    claims = check_sources(load(folder / "m.yaml")).claims()
    assert claims["v-m"]["status"] == "moved"
    assert claims["m-n"]["status"] == "not-found"
    assert claims["v-q"]["status"] == "no-quote"
    assert claims["t"]["status"] == "no-quote" and claims["t"]["quotes"] == []


# -- missing paragraphs ------------------------------------------------------------------------


def test_quote_without_para_is_a_warning_with_the_number(run, write, where):
    text = clean_map({"luxury": '{quote: "It is no luxury."}'})
    p = write(text)
    r = run("check", p)
    assert r.exit_code == 0
    f = only(r.output, "missing-para")
    assert f["severity"] == "warning"
    assert f["message"] == "the quote of claim 'luxury' cites no paragraph; it is in paragraph 3"
    assert f["hint"].startswith("write para: 3")
    assert (f["line"], f["col"]) == where(text, '"It is no luxury."')
    assert run("check", p, "--strict").exit_code == 1
    claim = sources_json(run, p)["claims"]["luxury"]
    assert (claim["status"], claim["para"], claim["quotes"][0]["cited"]) == ("verified", 3, [])


@pytest.mark.parametrize("where_ignored", ["claim", "map"])
def test_ignore_missing_para(run, write, where_ignored):
    text = clean_map({"luxury": '{quote: "It is no luxury."}'})
    if where_ignored == "claim":
        text = text.replace("    source: {quote", "    ignore: {missing-para: numbered later}\n"
                                                 "    source: {quote")
    else:
        text = text.replace("thesis: t\n", "thesis: t\nignore: {missing-para: numbered later}\n")
    p = write(text)
    r = run("check", p, "--strict")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == f"{p}: ok, no problems found, 1 ignored"
    r = run("check", p, "--strict", "-v")
    assert "missing-para" in r.output and "ignored: numbered later" in r.output


# -- the text at hand or not ---------------------------------------------------------------------


def test_no_file_is_a_note_and_passes_strict(run, write):
    p = write(clean_map({"a": '{para: 2, quote: "words that are nowhere"}'},
                        head="source: {title: Trees}\n"))
    r = run("check", p)
    assert r.exit_code == 0, r.output
    f = only(r.output, "unverified-quotes")
    assert f["severity"] == "note" and f["line"] is None
    assert f["message"] == ("quotes not verified: the map's source names no text file "
                            "(add 'file:' to it)")
    assert not [x for x in findings(r.output) if x["severity"] != "note"]
    assert run("check", p, "--strict").exit_code == 0
    data = sources_json(run, p)
    assert data["claims"]["a"]["status"] == "unverified" and data["claims"]["a"]["para"] == 2
    assert data["counts"]["unverified"] == 1 and data["paragraphs"] == [] and data["uncovered"] == []
    assert data["unverified"] == "the map's source names no text file (add 'file:' to it)"
    assert data["documents"][0]["verified"] is False


def test_a_map_with_no_quote_gets_no_note(run, write):
    p = write(clean_map({"a": "{para: 2}"}, head="source: {title: Trees}\n"))
    r = run("check", p, "--strict")
    assert r.exit_code == 0 and "unverified-quotes" not in r.output


def test_a_map_read_from_a_string_cannot_find_its_file():
    m = loads(HEAD + 'claims: {a: {text: A., source: {para: 1, quote: "Trees cool"}}}')
    report = check_sources(m)
    assert [c.status for c in report.checks] == ["unverified"]
    assert "trees.txt" in report.unverified_reason() and "not read from a file" in report.unverified_reason()


def test_missing_file_is_a_source_file_error(run, write, where):
    text = clean_map({"a": '{para: 1, quote: "Trees cool"}'},
                     head="source:\n  title: Trees\n  file: texts/missing.txt\n")
    p = write(text)
    r = run("check", p)
    assert r.exit_code == 1
    f = only(r.output, "source-file")
    assert f["severity"] == "error"
    assert (f["line"], f["col"]) == where(text, "texts/missing.txt")
    assert str(p.parent / "texts" / "missing.txt") in f["message"]
    assert "no such file" in f["message"]
    assert "Traceback" not in r.output


def test_a_text_that_is_not_utf8_is_a_source_file_error(run, write, folder):
    (folder / "latin.txt").write_bytes("Caf\u00e9 au lait.\n".encode("latin-1"))
    p = write(clean_map({"a": '{para: 1, quote: "au lait"}'},
                        head="source: {title: Coffee, file: latin.txt}\n"))
    r = run("check", p)
    assert r.exit_code == 1
    assert "UTF-8" in only(r.output, "source-file")["message"]


@pytest.mark.parametrize("key, marker", [("start", "Nowhere in the text"), ("stop", "Not in it either")])
def test_markers_not_found(run, write, where, key, marker):
    head = HEAD.replace("Trees cool the streets" if key == "start" else "Share this article", marker)
    text = clean_map({"a": '{para: 1, quote: "Trees cool"}'}, head=head)
    p = write(text)
    r = run("check", p)
    assert r.exit_code == 1
    f = only(r.output, "source-file")
    assert f"{key} marker {marker!r}" in f["message"] and "trees.txt" in f["message"]
    assert (f["line"], f["col"]) == where(text, marker)
    # the quotes are not checked against a text that cannot be numbered
    assert not [x for x in findings(r.output) if x["code"].startswith("quote-")]


def test_markers_number_the_paragraphs(folder, write, run):
    # without start/stop the title line is paragraph 1 and the footer is paragraph 7
    p = write(clean_map({"a": '{para: 6, quote: "Plant the trees now"}',
                         "b": '{para: 7, quote: "Share this article"}'},
                        head="source: {title: Trees, file: trees.txt}\n"))
    assert run("check", p, "--strict").exit_code == 0
    data = sources_json(run, p)
    assert [q["para"] for q in data["paragraphs"]] == [1, 2, 3, 4, 5, 6, 7]
    assert data["paragraphs"][0]["text"] == "Why Cities Should Plant More Trees"


# -- several documents -------------------------------------------------------------------------

TWO_DOCS = """\
sources:
  essay: {title: Trees, file: trees.txt, start: Trees cool the streets, stop: Share this article}
  reply: {title: The council replies, file: reply.md}
"""


def test_each_quote_is_checked_against_its_own_document(run, write, where):
    text = clean_map({
        "essay-quote": '{doc: essay, para: 5, quote: "Plant the trees now"}',
        "reply-quote": '{doc: reply, para: 2, quote: "the budget for this year is spent"}',
        "markup": '{doc: reply, para: 1, quote: "thanks the residents for their many letters"}',
        "wrong-doc": '{doc: essay, para: 2, quote: "the budget for this year is spent"}',
        "reply-moved": '{doc: reply, para: 1, quote: "two hundred trees next spring"}',
    }, head=TWO_DOCS)
    p = write(text)
    r = run("check", p)
    assert r.exit_code == 1
    f = only(r.output, "quote-not-found")
    assert f["message"] == ("the quote of claim 'wrong-doc' is not in trees.txt: "
                            "'the budget for this year is spent'")
    assert (f["line"], f["col"]) == where(text, '"the budget for this year is spent"', 2)
    moved = only(r.output, "quote-moved")
    assert moved["message"] == "the quote of claim 'reply-moved' is in paragraph 2 of reply.md, not 1"
    data = sources_json(run, p)
    claims = data["claims"]
    reply = (FIXTURES / "reply.md").read_text(encoding="utf-8")
    assert claims["reply-quote"]["doc"] == "reply" and claims["reply-quote"]["status"] == "verified"
    assert (claims["reply-quote"]["start"], claims["reply-quote"]["end"]) == span(
        reply, "the budget for this year", "is spent")
    assert (claims["markup"]["start"], claims["markup"]["end"]) == span(reply, "thanks", "*many* letters")
    assert claims["essay-quote"]["doc"] == "essay" and claims["essay-quote"]["para"] == 5
    assert claims["wrong-doc"]["status"] == "not-found"
    docs = {d["doc"]: d for d in data["documents"] if d["doc"] is not None}
    assert docs["essay"]["paragraphs"] == 5 and docs["essay"]["kind"] == "text"
    assert docs["reply"]["paragraphs"] == 2 and docs["reply"]["kind"] == "markdown"
    # essay: 1, 2, 3, 4 are cited by nothing that was found there
    assert data["uncovered"] == [{"doc": "essay", "para": n} for n in (1, 2, 3, 4)]


def test_a_missing_document_file_names_the_document(run, write):
    text = clean_map({"a": '{doc: essay, para: 5, quote: "Plant the trees now"}',
                      "b": '{doc: reply, para: 1, quote: "anything"}'},
                     head=TWO_DOCS.replace("reply.md", "gone.md"))
    r = run("check", write(text))
    f = only(r.output, "source-file")
    assert f["message"].startswith("document 'reply': cannot read its text") and "gone.md" in f["message"]
    assert not [x for x in findings(r.output) if x["code"].startswith("quote-")]  # essay's is fine


def test_only_sources_with_one_document_needs_no_doc(run, write):
    text = clean_map({"a": '{para: 2, quote: "the budget for this year is spent"}'},
                     head="sources:\n  reply: {title: The council replies, file: reply.md}\n")
    p = write(text)
    assert run("check", p, "--strict").exit_code == 0
    assert sources_json(run, p)["claims"]["a"]["doc"] == "reply"


# -- standard input ----------------------------------------------------------------------------


def test_a_map_on_stdin_finds_its_file_in_the_working_directory(run, folder, monkeypatch, tmp_path_factory):
    good = clean_map({"a": '{para: 5, quote: "Plant the trees now"}'})
    moved = clean_map({"a": '{para: 2, quote: "Plant the trees now"}'})
    monkeypatch.chdir(folder)
    r = run("check", "-", "--strict", input=good)
    assert r.exit_code == 0 and r.output.strip() == "<stdin>: ok, no problems found", r.output
    r = run("check", "-", input=moved)
    f = only(r.output, "quote-moved")
    assert f["file"] == "<stdin>" and "paragraph 5" in f["message"]
    # elsewhere, trees.txt is not there
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    r = run("check", "-", input=good)
    assert r.exit_code == 1 and "no such file" in only(r.output, "source-file")["message"]


def test_a_map_in_another_folder_finds_its_file_beside_it(run, folder, monkeypatch, tmp_path_factory):
    maps = folder / "maps"
    maps.mkdir()
    (maps / "m.yaml").write_text(clean_map({"a": '{para: 5, quote: "Plant the trees now"}'},
                                           head=HEAD.replace("file: trees.txt", "file: ../trees.txt")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    r = run("check", maps / "m.yaml", "--strict")
    assert r.exit_code == 0, r.output


# -- the check's JSON --------------------------------------------------------------------------


def test_check_json_has_the_source_diagnostics(run, write, where):
    text = clean_map({"luxury": '{para: 2, quote: "It is no luxury."}'})
    p = write(text)
    r = run("check", p, "--json")
    data = json.loads(r.output)
    assert r.exit_code == 1 and data["ok"] is False and data["errors"] == 1
    d, = data["diagnostics"]
    line, col = where(text, '"It is no luxury."')
    assert (d["code"], d["severity"], d["file"], d["line"], d["col"]) == ("quote-moved", "error", str(p),
                                                                          line, col)


# -- the bundled map ---------------------------------------------------------------------------


def test_bundled_map_passes_strict(run):
    r = run("check", "--strict")
    assert r.exit_code == 0, r.output


def test_bundled_map_every_claim_verified_where_it_is_cited(run):
    data = sources_json(run, bundled_map_path())
    written = yaml.safe_load(bundled_map_path().read_text(encoding="utf-8"))["claims"]
    assert set(data["claims"]) == set(written)
    for cid, claim in data["claims"].items():
        assert claim["status"] == "verified", cid
        assert claim["para"] == written[cid]["source"]["para"], cid
    assert data["counts"]["verified"] == len(written) == 40
    assert data["documents"][0]["paragraphs"] == 7 and data["documents"][0]["layout"] == "blocks"
    # the same without a MAP argument
    r = run("sources", "--json")
    assert json.loads(r.output)["claims"] == data["claims"]
