"""`argmap sources` (its JSON, plain rows and terminal view, --suggest), `argmap init` and the
verified share of `argmap stats`, on hand-written texts (tests/fixtures/sourcecheck/).

Expected paragraphs, offsets, sentences and uncovered paragraphs are worked out from the texts by
hand; argmap's own output is never the expected value.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from rich.console import Console

import argmap.cli
from argmap.loader import bundled_map_path

FIXTURES = Path(__file__).parent / "fixtures" / "sourcecheck"
TREES = (FIXTURES / "trees.txt").read_text(encoding="utf-8")
LIBRARY = (FIXTURES / "library.txt").read_text(encoding="utf-8")

TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                            "\u2014": "-", "\u00ad": None})


def words(s: str) -> str:
    """``s`` as a quote is compared, written out here on its own: straight quotes, one hyphen for a
    dash, no soft hyphens, whitespace collapsed."""
    s = re.sub(r"\s*-+\s*", "-", s.translate(TYPOGRAPHY))
    return " ".join(s.split())


def copy(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path / names[0]


def sources_json(run, *args) -> dict:
    r = run("sources", *args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def span(text: str, first: str, last: str) -> tuple[int, int]:
    start = text.index(first)
    return start, text.index(last, start) + len(last)


# trees.txt from "Trees cool the streets" to before "Share this article": each paragraph's first
# and last words
PARAGRAPHS = [("Trees cool the streets", "where it is cool."),
              ("Critics say", "by a wide margin."),
              ("The council calls", "pays for decades."),
              ("Some residents fear", "engineers agree."),
              ("Plant the trees now", "summer comes.")]


# -- sources --json ----------------------------------------------------------------------------


def test_json_of_a_text_that_cannot_be_read(run, tmp_path):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    p.write_text("source: {title: T, file: trees.txt, start: Not in the text}\n"
                 "claims:\n  a: {text: A., source: {para: 1, quote: \"Trees cool\"}}\n")
    data = sources_json(run, p)
    doc, = data["documents"]
    assert doc["verified"] is False and "start marker 'Not in the text'" in doc["problem"]
    assert data["claims"]["a"]["status"] == "unverified" and data["paragraphs"] == []
    assert "start marker" in data["unverified"]


def test_json_shape_of_the_trees_map(run, tmp_path):
    p = copy(tmp_path, "trees.yaml", "trees.txt")
    data = sources_json(run, p)
    assert set(data) == {"documents", "claims", "paragraphs", "uncovered", "counts", "unverified"}
    assert data["documents"] == [{"doc": None, "file": "trees.txt", "path": str(tmp_path / "trees.txt"),
                                  "verified": True, "paragraphs": 5, "layout": "blocks", "kind": "text"}]
    assert list(data["claims"]) == ["plant-now", "trees-cool", "cheap", "investment"]  # file order
    for cid, claim in data["claims"].items():
        assert set(claim) >= {"status", "para", "doc", "quotes"}, cid
    plant = data["claims"]["plant-now"]
    start, end = span(TREES, "Plant the trees now", "now")
    assert plant == {"status": "verified", "para": 5, "start": start, "end": end, "doc": None,
                     "quotes": [{"doc": None, "status": "verified", "cited": [5],
                                 "quote": "Plant the trees now", "para": 5, "start": start, "end": end}]}
    assert data["claims"]["investment"] == {
        "status": "no-quote", "para": 3, "doc": None,
        "quotes": [{"doc": None, "status": "no-quote", "cited": [3], "quote": None, "para": 3}]}
    assert data["counts"] == {"verified": 3, "no-quote": 1, "unverified": 0, "moved": 0, "not-found": 0}
    assert data["unverified"] is None


def test_json_paragraphs_their_offsets_and_claims(run, tmp_path):
    p = copy(tmp_path, "trees.yaml", "trees.txt")
    data = sources_json(run, p)
    claims = {1: ["trees-cool"], 2: ["cheap"], 3: ["investment"], 4: [], 5: ["plant-now"]}
    assert [q["para"] for q in data["paragraphs"]] == [1, 2, 3, 4, 5]
    for para, (first, last) in zip(data["paragraphs"], PARAGRAPHS, strict=True):
        assert (para["start"], para["end"]) == span(TREES, first, last)
        assert para["text"] == " ".join(TREES[para["start"]:para["end"]].split())
        assert para["claims"] == claims[para["para"]] and para["doc"] is None
    # 3 is covered by a citation without a quote, 4 by nothing
    assert data["uncovered"] == [{"doc": None, "para": 4}]


def test_json_offsets_hold_the_quoted_words_on_the_bundled_map(run):
    data = sources_json(run)
    text = (bundled_map_path().parent / "north_korea_oped.txt").read_text(encoding="utf-8")
    quotes = [q for c in data["claims"].values() for q in c["quotes"]]
    assert len(quotes) == 40
    for q in quotes:
        assert q["status"] == "verified"
        assert words(text[q["start"]:q["end"]]) == words(q["quote"]), q["quote"]
    # no paragraph is left uncovered in the bundled map
    assert data["uncovered"] == []


def test_moved_and_not_found_in_json(run, tmp_path):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    p.write_text("source: {title: T, file: trees.txt, start: Trees cool the streets, stop: Share this}\n"
                 "claims:\n"
                 "  moved: {text: M., source: {para: 1, quote: \"It is no luxury.\"}}\n"
                 "  gone: {text: G., source: {para: 4, quote: \"roots will crack the sidewalks\"}}\n")
    data = sources_json(run, p)
    moved, gone = data["claims"]["moved"], data["claims"]["gone"]
    start, end = span(TREES, "It is no luxury.", ".")
    assert (moved["status"], moved["para"], moved["start"], moved["end"]) == ("moved", 3, start, end)
    assert moved["quotes"][0]["cited"] == [1]
    assert gone["status"] == "not-found" and "start" not in gone
    assert gone["quotes"][0]["closest"]["para"] == 4
    assert data["counts"] == {"verified": 0, "no-quote": 0, "unverified": 0, "moved": 1, "not-found": 1}
    # a moved quote covers the paragraph it is in; one not found covers nothing
    assert data["uncovered"] == [{"doc": None, "para": n} for n in (1, 2, 4, 5)]


# -- rows for a pipe, the view at a terminal ----------------------------------------------------


def test_plain_rows_when_piped(run, tmp_path):
    p = copy(tmp_path, "trees.yaml", "trees.txt")
    r = run("sources", p)
    assert r.exit_code == 0
    rows = [
        ["plant-now", "verified", "5", "5", *map(str, span(TREES, "Plant the trees now", "now"))],
        ["trees-cool", "verified", "1", "1",
         *map(str, span(TREES, "the shade of a", "ten degrees cooler"))],
        ["cheap", "verified", "2", "2", *map(str, span(TREES, "costs less than", "a wide margin"))],
        ["investment", "no-quote", "3", "3", "", ""],
        ["para", "1", "trees-cool"], ["para", "2", "cheap"], ["para", "3", "investment"],
        ["para", "4", "-"], ["para", "5", "plant-now"],
    ]
    assert r.output.splitlines() == ["\t".join(row) for row in rows] + [
        "Claims: 3 verified, 1 without a quote. Not covered by any claim: paragraph 4."]


def terminal(monkeypatch, width: int = 100) -> io.StringIO:
    """Make the CLI believe its stdout is a terminal (with no colour); what it prints lands here."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=True, legacy_windows=False)
    monkeypatch.setattr(argmap.cli, "out_console", lambda: console)
    monkeypatch.setattr(argmap.cli, "stdout_is_terminal", lambda: True)
    return buf


def test_terminal_view_reads_without_colour(run, tmp_path, monkeypatch):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    buf = terminal(monkeypatch)
    r = run("sources", p)
    assert r.exit_code == 0
    out = buf.getvalue()
    assert "\x1b[" not in out
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "source: trees.txt, 5 paragraphs (blank-line blocks)" in lines
    start, end = span(TREES, "the shade of a", "oak")
    assert f"cool → moved 2 → 1 chars {start}–{end}" in lines
    assert any(line.startswith("plant-now ✓ verified 5 chars") for line in lines)
    assert any(line.startswith("luxury ✓ verified – → 3 chars") for line in lines)
    assert "roots · no-quote –" in lines
    assert any(line.startswith("4 nothing maps it Some residents fear") for line in lines)
    assert any(line.startswith("1 cool, both Trees cool the streets") for line in lines)
    assert lines[-1] == ("Claims: 2 verified, 3 moved, 1 without a quote. "
                         "Not covered by any claim: paragraph 4.")


def test_terminal_view_of_not_found_shows_the_closest_passage(run, tmp_path, monkeypatch):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    p.write_text("source: {title: T, file: trees.txt, start: Trees cool the streets, stop: Share this}\n"
                 "claims:\n"
                 "  gone: {text: G., source: {para: 4, quote: \"roots will crack the pavemants\"}}\n")
    buf = terminal(monkeypatch, width=120)
    run("sources", p)
    line = next(x for x in buf.getvalue().splitlines() if x.startswith("gone"))
    assert "✗ not-found" in line and "closest (¶4, " in line and "roots will crack the pave" in line


def test_unverified_rows_and_view(run, tmp_path, monkeypatch):
    p = tmp_path / "m.yaml"
    p.write_text("source: {title: T}\nclaims:\n  a: {text: A., source: {para: 2, quote: \"anything\"}}\n")
    assert run("sources", p).output.splitlines() == [
        "a\tunverified\t2\t2\t\t", "Claims: 0 verified, 1 unverified, 0 without a quote."]
    buf = terminal(monkeypatch)
    run("sources", p)
    out = " ".join(buf.getvalue().split())
    assert "source: no text file named (add 'file:'): quotes not verified" in out
    assert "a ? unverified 2" in out


# -- --suggest ---------------------------------------------------------------------------------

# the sentence of library.txt each claim of library.yaml paraphrases, with its paragraph
INTENDED = {
    "free-reading": (1, "The town library is the only place where anyone can read for free."),
    "savings": (2, "Closing it would save the council forty thousand pounds a year."),
    "flowers": (2, "That sum is less than the town spends on roundabout flowers."),
    "children": (3, "Children who borrow books read better at school than those who do not."),
    "internet": (4, "The library also offers the only free internet access in the valley."),
    "jobs": (4, "Job seekers use its computers to apply for work."),
    "volunteers": (5, "Volunteers have offered to run the desk on Saturdays."),
    # it cites paragraph 5: not "Its doors open at nine every morning..." of paragraph 1, which
    # says what the claim says, but the sentence of paragraph 5 closest to it
    "doors": (5, "The council should accept their offer and keep the doors open."),
}


def test_suggest_finds_the_intended_sentences(run, tmp_path):
    p = copy(tmp_path, "library.yaml", "library.txt")
    data = sources_json(run, p, "--suggest")
    got = {s["claim"]: s for s in data["suggestions"]}
    # the analyst's own claim gets none
    assert "keep-open" not in got
    assert {cid: (s["para"], s["quote"]) for cid, s in got.items()} == INTENDED
    for s in data["suggestions"]:
        assert LIBRARY[s["start"]:s["end"]] == s["quote"]
        assert 0 <= s["score"] <= 100 and s["doc"] is None
    # the claims paraphrase, so none is a perfect match
    assert all(s["score"] < 100 for s in data["suggestions"])


def test_suggest_rows_and_view(run, tmp_path, monkeypatch):
    p = copy(tmp_path, "library.yaml", "library.txt")
    rows = [line.split("\t") for line in run("sources", p, "--suggest").output.splitlines()
            if line.startswith("suggest\t")]
    assert [(r[1], int(r[2]), r[4]) for r in rows] == [(c, *v) for c, v in INTENDED.items()]
    assert all(r[3].isdigit() for r in rows)
    buf = terminal(monkeypatch, width=120)
    run("sources", p, "--suggest", "--min-score", "70")
    out = buf.getvalue()
    assert "Suggested quotes for 8 claims without one (--fix writes those scoring 70 or more):" in out
    assert "Job seekers use its computers to apply for work." in out


def test_suggest_skips_claims_with_a_quote(run, tmp_path):
    p = copy(tmp_path, "trees.yaml", "trees.txt")
    data = sources_json(run, p, "--suggest")
    # only `investment` has no quote; it cites paragraph 3
    s, = data["suggestions"]
    assert (s["claim"], s["para"]) == ("investment", 3)
    assert s["quote"] == "A tree planted today is an investment that pays for decades."


def test_suggest_within_all_the_cited_places(run, tmp_path):
    # a claim citing two places without a quote: its suggestion is from the paragraphs it cites,
    # all of them (as with `para: [1, 3]`), not only the first place's
    copy(tmp_path, "library.txt")
    p = tmp_path / "m.yaml"
    p.write_text("source: {title: L, file: library.txt, start: The town library is}\nclaims:\n"
                 "  listed:\n    text: Children who borrow library books do better at school.\n"
                 "    source: {para: [1, 3]}\n"
                 "  places:\n    text: Children who borrow library books do better at school.\n"
                 "    source: [{para: 1}, {para: 3}]\n")
    got = {s["claim"]: (s["para"], s["quote"]) for s in sources_json(run, p, "--suggest")["suggestions"]}
    assert got["listed"] == INTENDED["children"]
    assert got["places"] == INTENDED["children"]


def test_suggest_on_the_bundled_map_without_its_quotes(run, tmp_path):
    original = bundled_map_path().read_text(encoding="utf-8")
    quotes = yaml.safe_load(original)["claims"]
    stripped = re.sub(r', quote: "[^"]*"', "", original)
    assert "quote:" not in stripped
    (tmp_path / "oped.yaml").write_text(stripped, encoding="utf-8")
    shutil.copy(bundled_map_path().parent / "north_korea_oped.txt", tmp_path / "north_korea_oped.txt")
    data = sources_json(run, tmp_path / "oped.yaml", "--suggest")
    assert data["counts"]["no-quote"] == 40
    suggestions = data["suggestions"]
    assert len(suggestions) == 40
    hits = [s for s in suggestions if words(quotes[s["claim"]]["source"]["quote"]) in words(s["quote"])]
    assert len(hits) >= 0.9 * len(suggestions), [s["claim"] for s in suggestions if s not in hits]
    # each from the paragraph the claim cites
    assert all(s["para"] == quotes[s["claim"]]["source"]["para"] for s in suggestions)


# -- init --------------------------------------------------------------------------------------


def init_and_check(run, source: Path, out: Path, *options) -> dict:
    r = run("init", source, "-o", out, *options)
    assert r.exit_code == 0, r.output
    assert f"Wrote {out}" in r.output
    r = run("check", out, "--strict")
    assert r.exit_code == 0, r.output
    data = sources_json(run, out)
    for cid, claim in data["claims"].items():
        if cid != "main-claim":
            assert claim["status"] == "verified", cid
            assert claim["para"] == claim["quotes"][0]["cited"][0], cid
    assert data["claims"]["main-claim"]["status"] == "no-quote"
    return data


def quotes_by_para(data: dict) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for claim in data["claims"].values():
        for q in claim["quotes"]:
            out.setdefault(q["para"], []).append(q["quote"])
    return out


def test_init_plain_text_essay(run, tmp_path):
    src = copy(tmp_path, "library.txt")
    data = init_and_check(run, src, tmp_path / "library.yaml")
    # the title line is not numbered: paragraph 1 is "The town library..."
    assert quotes_by_para(data) == {
        1: ["The town library is the only place where anyone can read for free.",
            "Its doors open at nine every morning, and the reading room is full by ten."],
        2: ["Closing it would save the council forty thousand pounds a year.",
            "That sum is less than the town spends on roundabout flowers."],
        3: ["Children who borrow books read better at school than those who do not.",
            "Teachers in the town have said so for years."],
        4: ["The library also offers the only free internet access in the valley.",
            "Job seekers use its computers to apply for work."],
        5: ["Volunteers have offered to run the desk on Saturdays.",
            "The council should accept their offer and keep the doors open."],
    }
    assert data["uncovered"] == []
    written = yaml.safe_load((tmp_path / "library.yaml").read_text(encoding="utf-8"))
    assert written["title"] == "The Case for Keeping the Library Open"
    assert written["source"]["file"] == "library.txt"
    assert written["source"]["start"] == "The town library is the only place where"


def test_init_markdown_with_headings_and_a_title_line(run, tmp_path):
    src = copy(tmp_path, "walk.md")
    data = init_and_check(run, src, tmp_path / "walk.yaml")
    assert quotes_by_para(data) == {
        1: ["Walking is the cheapest way to travel.", "It costs nothing but time."],
        2: ["A walk clears the head.", "Many writers walked every day."],
    }
    assert data["documents"][0]["kind"] == "markdown"
    assert yaml.safe_load((tmp_path / "walk.yaml").read_text(encoding="utf-8"))["title"] == "Why We Walk"


def test_init_with_start_and_stop_on_a_page_with_menus(run, tmp_path):
    src = copy(tmp_path, "page.txt")
    data = init_and_check(run, src, tmp_path / "page.yaml", "--start", "The bus lane",
                          "--stop", "Subscribe to our")
    assert quotes_by_para(data) == {
        1: ["The bus lane on the high street should stay.", "It has cut journey times by a third."],
        2: ["Shopkeepers feared that they would lose trade, but their takings rose in the first year."],
    }
    written = yaml.safe_load((tmp_path / "page.yaml").read_text(encoding="utf-8"))["source"]
    assert (written["start"], written["stop"]) == ("The bus lane", "Subscribe to our")


def test_init_a_text_with_typography(run, tmp_path):
    # trees.txt: curly quotes, a dash, a soft hyphen, a footer that init numbers too
    src = copy(tmp_path, "trees.txt")
    data = init_and_check(run, src, tmp_path / "trees-init.yaml")
    assert len(data["paragraphs"]) == 6 and data["uncovered"] == []


def test_init_map_in_another_folder(run, tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "maps").mkdir()
    shutil.copy(FIXTURES / "library.txt", tmp_path / "texts" / "library.txt")
    init_and_check(run, tmp_path / "texts" / "library.txt", tmp_path / "maps" / "library.yaml")
    written = yaml.safe_load((tmp_path / "maps" / "library.yaml").read_text(encoding="utf-8"))
    assert written["source"]["file"] == "../texts/library.txt"


def test_init_refuses_to_overwrite(run, tmp_path):
    src = copy(tmp_path, "library.txt")
    out = tmp_path / "library.yaml"
    out.write_text("claims: {a: Mine.}\n")
    r = run("init", src, "-o", out)
    assert r.exit_code == 2 and "--force" in r.output
    assert out.read_text() == "claims: {a: Mine.}\n"
    r = run("init", src, "-o", out, "--force")
    assert r.exit_code == 0 and "The town library" in out.read_text()


def test_init_to_stdout(run, tmp_path, monkeypatch):
    copy(tmp_path, "library.txt")
    monkeypatch.chdir(tmp_path)
    r = run("init", "library.txt", "-o", "-")
    assert r.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.txt"]  # nothing written
    written = yaml.safe_load(r.stdout)
    assert written["source"]["file"] == "library.txt"
    (tmp_path / "from-stdout.yaml").write_text(r.stdout)
    assert run("check", "from-stdout.yaml", "--strict").exit_code == 0


def test_init_a_text_with_a_control_character(run, tmp_path):
    # U+0092 is what a mis-decoded Windows apostrophe becomes; YAML cannot hold it raw, so the map
    # must escape it (or leave it out of comments): it still has to load and pass check
    (tmp_path / "odd.txt").write_text("A title\n\nIt\u0092s a mis-decoded apostrophe. The end.\n",
                                      encoding="utf-8")
    init_and_check(run, tmp_path / "odd.txt", tmp_path / "odd.yaml")


def test_init_missing_source_is_a_clear_error(run, tmp_path):
    out = tmp_path / "x.yaml"
    r = run("init", tmp_path / "nothere.txt", "-o", out)
    assert r.exit_code == 1
    assert "nothere.txt" in r.output and "no such file" in r.output
    assert "Traceback" not in r.output and "internal error" not in r.output
    assert not out.exists()


# -- stats -------------------------------------------------------------------------------------

FOUR = """\
source: {title: Trees, file: trees.txt, start: Trees cool the streets, stop: Share this article}
thesis: plant
claims:
  plant: {text: Plant now., source: {para: 5, quote: "Plant the trees now"}}
  cool: {text: Trees cool., source: {para: 1, quote: "Trees cool the streets"}}
  cheap: {text: Trees are cheap., source: {para: 2, quote: "costs less than"}}
  luxury: {text: No luxury., source: {para: 2, quote: "It is no luxury."}}
arguments:
  - {supports: plant, premises: [cool]}
  - {supports: plant, premises: [cheap]}
  - {supports: plant, premises: [luxury]}
"""


def test_stats_counts_verified_quotes(run, tmp_path):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "four.yaml"
    p.write_text(FOUR)  # four quoted claims, `luxury`'s quote is in paragraph 3
    r = run("stats", p)
    assert r.exit_code == 0
    assert re.search(r"^claims with a verified quote +75%$", r.output, re.M), r.output
    assert "not verified" not in r.output
    data = json.loads(run("stats", p, "--json").output)
    assert data["verified_share"] == 0.75 and data["quoted_share"] == 1.0


@pytest.mark.parametrize("head", ["source: {title: Trees}", "source: {title: Trees, file: gone.txt}"])
def test_stats_without_the_text(run, tmp_path, head):
    p = tmp_path / "four.yaml"
    p.write_text(FOUR.replace(FOUR.splitlines()[0], head))
    r = run("stats", p)
    assert r.exit_code == 0
    assert re.search(r"^claims with a quote \(not verified\) +100%$", r.output, re.M), r.output
    assert "verified quote" not in r.output
    assert json.loads(run("stats", p, "--json").output)["verified_share"] is None


def test_stats_of_the_bundled_map(run):
    data = json.loads(run("stats", "--json").output)
    assert data["verified_share"] == 1.0
