"""Corrections written back into a map (argmap.sourcefix, `argmap sources --fix`): only the lines
that must change do, every other byte stays; suggested quotes added; --dry-run, --yes, --json; the
file replaced atomically.

Every expected file below is written out by hand from the fixture it fixes.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from argmap import load
from argmap.sourcecheck import check_sources
from argmap.sourcefix import Fix, FixError, apply_fixes, planned_fixes, suggest_quotes

FIXTURES = Path(__file__).parent / "fixtures" / "sourcecheck"
FIXME = (FIXTURES / "fixme.yaml").read_text(encoding="utf-8")

HEAD = "source: {title: T, file: trees.txt, start: Trees cool the streets, stop: Share this article}\n"

# fixme.yaml with its paragraph numbers corrected: cool 2 -> 1 (flow style, single-quoted quote),
# cheap 3 -> 2 (block style, a trailing comment kept), luxury gets para: 3 (it had none), and the
# second place of `both` 1 -> 5. Nothing else changes.
FIXED = """\
# A map of trees.txt with paragraph numbers to correct (argmap sources --fix).
title: 'Trees'
source:
  title: "Why Cities Should Plant More Trees"
  file: trees.txt
  start: Trees cool the streets
  stop: Share this article
thesis: plant-now

claims:
  # the thesis
  plant-now:
    text: The city should plant more trees, and soon.
    source: {para: 5, quote: "Plant the trees now"}   # right already

  # --- reasons ---
  cool:  # moved: the quote is in paragraph 1
    text: 'Shade cools the street.'
    source: {para: 1, quote: 'the shade of a single oak'}
  cheap:
    text: "Trees cost less than the damage they prevent."
    source:
      para: 2          # wrong: paragraph 2
      quote: The city's own budget shows otherwise
  luxury:
    text: The plan is no luxury.
    source:
      para: 3
      quote: "It is no luxury."    # no para yet
  roots: Modern planting pits keep roots from cracking the pavements.
  both:
    text: Trees cool the streets, and the city should plant them now.
    source:
      - {para: 1, quote: "Trees cool the streets"}
      - {para: 5, quote: "Plant the trees now"}   # the second place is in 5

arguments:
  - supports: plant-now
    premises: [cool, cheap]
  - supports: plant-now
    premises: [luxury]   # a trailing comment
  - supports: plant-now
    premises: [roots, both]
"""

# and with the suggestion for `roots` (the plain claim) accepted: a mapping with a source
ROOTS = """\
  roots:
    text: Modern planting pits keep roots from cracking the pavements.
    source: {para: 4, quote: "Modern planting pits prevent that, and the council's engineers agree."}
"""
FIXED_SUGGESTED = FIXED.replace(
    "  roots: Modern planting pits keep roots from cracking the pavements.\n", ROOTS)

# library.yaml with every suggestion written (each claim's intended sentence, see
# test_cli_sources.INTENDED); `doors` cites paragraph 5 already, `keep-open` is the analyst's
LIBRARY_FIXED = """\
# Claims in the analyst's words, no quotes yet: argmap sources --suggest proposes them.
title: The Case for Keeping the Library Open
source:
  title: The Case for Keeping the Library Open
  file: library.txt
  start: The town library is
thesis: keep-open

claims:
  keep-open:
    text: The council should keep the library open.
    by: analyst
  free-reading:
    text: Anyone can read for free at the town library.
    source: {para: 1, quote: "The town library is the only place where anyone can read for free."}
  savings:
    text: Closing the library would save the council forty thousand pounds each year.
    source: {para: 2, quote: "Closing it would save the council forty thousand pounds a year."}
  flowers:
    text: The savings are smaller than what the town spends on flowers for roundabouts.
    source: {para: 2, quote: "That sum is less than the town spends on roundabout flowers."}
  children:
    text: Children who borrow library books do better at school.
    source: {para: 3, quote: "Children who borrow books read better at school than those who do not."}
  internet:
    text: The library is the valley's only free internet access.
    source: {para: 4, quote: "The library also offers the only free internet access in the valley."}
  jobs:
    text: People looking for jobs apply for work on the library computers.
    source: {para: 4, quote: "Job seekers use its computers to apply for work."}
  volunteers:
    text: Volunteers offered to staff the desk on Saturdays.
    source: {para: 5, quote: "Volunteers have offered to run the desk on Saturdays."}
  doors:
    text: The library's doors open every morning at nine.
    source: {para: 5, quote: "The council should accept their offer and keep the doors open."}

arguments:
  - supports: keep-open
    premises: [free-reading, internet, jobs, children]
  - supports: keep-open
    premises: [volunteers, doors]
  - attacks: keep-open
    premises: [savings]
  - attacks: savings
    premises: [flowers]
"""


def copy(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path / names[0]


def stamp(p: Path) -> tuple[bytes, int]:
    return p.read_bytes(), p.stat().st_mtime_ns


# -- --fix -------------------------------------------------------------------------------------


def test_fix_yes_corrects_only_the_wrong_lines(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    r = run("check", p)
    assert r.exit_code == 1 and r.output.count("error quote-moved") == 3
    r = run("sources", p, "--fix", "--yes")
    assert r.exit_code == 0, r.output
    assert p.read_text(encoding="utf-8") == FIXED
    assert f"Wrote 4 fixes to {p}." in r.output
    r = run("check", p)
    # what is left: the plain claim has no source
    assert r.exit_code == 0 and " error " not in r.output and "missing-para" not in r.output
    assert r.output.rstrip().endswith("0 errors, 1 warning")
    assert "unsourced-premise" in r.output
    # a second run has nothing to do
    before = stamp(p)
    r = run("sources", p, "--fix", "--yes")
    assert r.exit_code == 0
    assert "Nothing to fix" in r.output and stamp(p) == before


def test_fix_shows_the_diff_it_writes(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    r = run("sources", p, "--fix", "--yes")
    diff = [line for line in r.output.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == [
        "-    source: {para: 2, quote: 'the shade of a single oak'}",
        "+    source: {para: 1, quote: 'the shade of a single oak'}",
        "-      para: 3          # wrong: paragraph 2",
        "+      para: 2          # wrong: paragraph 2",
        "+      para: 3",
        "-      - {para: 1, quote: \"Plant the trees now\"}   # the second place is in 5",
        "+      - {para: 5, quote: \"Plant the trees now\"}   # the second place is in 5",
    ]
    assert f"--- {p} (now)" in r.output and f"+++ {p} (fixed)" in r.output


def test_suggest_fix_adds_quotes_and_the_result_passes_check(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    r = run("sources", p, "--suggest", "--fix", "--yes", "--min-score", "50")
    assert r.exit_code == 0, r.output
    assert p.read_text(encoding="utf-8") == FIXED_SUGGESTED
    r = run("check", p, "--strict")
    assert r.exit_code == 0, r.output


def test_min_score_decides_which_suggestions_are_written(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    # a paraphrase never scores 100, so only the paragraph numbers are written
    r = run("sources", p, "--suggest", "--fix", "--yes", "--min-score", "100")
    assert r.exit_code == 0
    assert p.read_text(encoding="utf-8") == FIXED


def test_suggest_fix_on_claims_without_quotes(run, tmp_path):
    p = copy(tmp_path, "library.yaml", "library.txt")
    assert "unsourced-premise" in run("check", p).output
    r = run("sources", p, "--suggest", "--fix", "--yes", "--min-score", "0")
    assert r.exit_code == 0, r.output
    assert p.read_text(encoding="utf-8") == LIBRARY_FIXED
    r = run("check", p, "--strict")
    assert r.exit_code == 0, r.output


def test_dry_run_prints_the_diff_and_writes_nothing(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    before = stamp(p)
    r = run("sources", p, "--dry-run")
    assert r.exit_code == 0
    assert r.output.startswith(f"--- {p} (now)\n+++ {p} (fixed)\n@@ ")
    assert "+      - {para: 5, quote: \"Plant the trees now\"}" in r.output
    assert "Wrote" not in r.output
    assert stamp(p) == before
    # --fix --dry-run is the same
    assert run("sources", p, "--fix", "--dry-run").output == r.output
    assert stamp(p) == before


def test_dry_run_json(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    before = stamp(p)
    data = json.loads(run("sources", p, "--dry-run", "--json").output)
    assert data["written"] is False
    assert data["diff"] == run("sources", p, "--dry-run").output
    assert [(f["claim"], f["para"], f["quote"]) for f in data["fixes"]] == [
        ("cool", [1], None), ("cheap", [2], None), ("luxury", [3], None), ("both", [5], None)]
    assert "paragraph 1" in data["fixes"][0]["why"]
    assert data["claims"]["cool"]["status"] == "moved"  # the report is of the map as it is
    assert stamp(p) == before


def test_fix_json_says_it_wrote(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    data = json.loads(run("sources", p, "--fix", "--yes", "--json").output)
    assert data["written"] is True and len(data["fixes"]) == 4
    assert p.read_text(encoding="utf-8") == FIXED


def test_fix_without_yes_off_a_terminal_is_a_usage_error(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    before = stamp(p)
    r = run("sources", p, "--fix")
    assert r.exit_code == 2
    assert "--yes" in r.output
    assert stamp(p) == before


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal for stdin")
@pytest.mark.parametrize("answer, written", [(b"n\n", False), (b"y\n", True)])
def test_fix_asks_at_a_terminal(tmp_path, answer, written):
    import pty
    import subprocess
    import sys

    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "argmap", "sources", str(p), "--fix"], stdin=slave,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.close(slave)
        os.write(master, answer)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert f"Write these 4 fixes to {p}? [y/N]" in err.decode()
    assert b"+      - {para: 5" in out  # the diff comes first
    assert p.read_text(encoding="utf-8") == (FIXED if written else FIXME)
    assert ("Nothing written." in err.decode()) is not written


def test_nothing_to_fix(run, tmp_path):
    p = copy(tmp_path, "trees.yaml", "trees.txt")
    before = stamp(p)
    r = run("sources", p, "--fix", "--yes")
    assert r.exit_code == 0
    assert r.output.strip() == "Nothing to fix: every quote found is where the map cites it."
    assert stamp(p) == before
    data = json.loads(run("sources", p, "--fix", "--yes", "--json").output)
    assert data["fixes"] == [] and data["diff"] == "" and data["written"] is False


@pytest.mark.parametrize("args", [["--fix", "--yes"], ["--dry-run"], ["-", "--fix", "--yes"]])
def test_fix_needs_a_map_file(run, args):
    r = run("sources", *args, input="claims: {a: A.}\n")
    assert r.exit_code == 2
    assert "--fix edits the map file it is given" in r.output


def test_fix_writes_atomically_and_keeps_the_mode(run, tmp_path):
    p = copy(tmp_path, "fixme.yaml", "trees.txt")
    p.chmod(0o640)
    before = sorted(os.listdir(tmp_path))
    assert run("sources", p, "--fix", "--yes").exit_code == 0
    assert sorted(os.listdir(tmp_path)) == before  # no temporary file left
    assert p.stat().st_mode & 0o777 == 0o640


def test_fix_never_touches_a_quote_not_found(run, tmp_path):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    text = HEAD + "claims:\n  gone: {text: G., source: {para: 2, quote: \"roots will crack the sidewalk\"}}\n"
    p.write_text(text)
    r = run("sources", p, "--fix", "--yes")
    assert r.exit_code == 0 and "Nothing to fix" in r.output
    assert p.read_text() == text


def test_fix_a_paragraph_that_does_not_exist(run, tmp_path):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    p.write_text(HEAD + "claims:\n  far: {text: F., source: {para: 9, quote: \"Plant the trees now\"}}\n")
    assert run("sources", p, "--fix", "--yes").exit_code == 0
    assert p.read_text() == HEAD + ("claims:\n"
                                    "  far: {text: F., source: {para: 5, quote: \"Plant the trees now\"}}\n")


def test_fix_keeps_the_document_of_a_place(run, tmp_path):
    copy(tmp_path, "trees.txt", "reply.md")
    p = tmp_path / "m.yaml"
    head = ("sources:\n  essay: {title: T, file: trees.txt}\n  reply: {title: R, file: reply.md}\n"
            "claims:\n")
    p.write_text(head + "  a: {text: A., source: {doc: reply, para: 1, quote: \"two hundred trees\"}}\n"
                        "  b: {text: B., source: {doc: essay, quote: \"Plant the trees now\"}}\n")
    assert run("sources", p, "--fix", "--yes").exit_code == 0
    # without start/stop, trees.txt's title line is paragraph 1: "Plant the trees now" is in 6
    assert p.read_text() == head + (
        "  a: {text: A., source: {doc: reply, para: 2, quote: \"two hundred trees\"}}\n"
        "  b: {text: B., source: {doc: essay, para: 6, quote: \"Plant the trees now\"}}\n")


def test_fix_a_quote_list_with_one_quote_elsewhere(run, tmp_path):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    p.write_text(HEAD + "claims:\n  two:\n    text: Two.\n"
                        "    source: {para: 1, quote: [\"Trees cool the streets\", "
                        "\"Plant the trees now\"]}\n")
    report = check_sources(load(p))
    fix, = planned_fixes(report)
    assert (fix.claim, fix.place, fix.paras, fix.quote) == ("two", 0, (1, 5), None)
    assert run("sources", p, "--fix", "--yes").exit_code == 0
    assert p.read_text() == HEAD + (
        "claims:\n  two:\n    text: Two.\n"
        "    source: {para: [1, 5], quote: [\"Trees cool the streets\", \"Plant the trees now\"]}\n")
    assert run("check", p).output.rstrip().endswith(": 0 errors, 1 warning")  # unused-claim


def test_planned_fixes_for_a_para_list(tmp_path):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    p.write_text(HEAD + "claims:\n"
                        "  a: {text: A., source: {para: [1, 4], quote: \"Critics say\"}}\n"
                        "  b: {text: B., source: {para: [1, 4], quote: \"Modern planting\"}}\n"
                        "  c: {text: C., source: [{para: 1, quote: \"Trees cool\"}, "
                        "{quote: \"It is no luxury.\"}]}\n")
    fixes = planned_fixes(check_sources(load(p)))
    assert [(f.claim, f.place, f.paras) for f in fixes] == [("a", 0, (2,)), ("c", 1, (3,))]


# -- suggest_quotes ----------------------------------------------------------------------------


def test_suggest_quotes_leaves_out_the_analyst_and_quoted_claims(tmp_path):
    p = copy(tmp_path, "library.yaml", "library.txt")
    text = p.read_text().replace("  free-reading:\n",
                                 "  free-reading:\n    source: {para: 1, quote: \"read for free\"}\n")
    p.write_text(text)
    found = {s.claim: s for s in suggest_quotes(check_sources(load(p)))}
    assert "keep-open" not in found and "free-reading" not in found
    assert set(found) == {"savings", "flowers", "children", "internet", "jobs", "volunteers", "doors"}
    doors = found["doors"]
    assert (doors.place, doors.cited, doors.sentence.para) == (0, (5,), 5)
    assert found["savings"].place is None
    fixes = {f.claim: f for f in planned_fixes(check_sources(load(p)), [doors, found["savings"]])}
    assert fixes["doors"].paras == () and fixes["doors"].quote == doors.sentence.text  # cited already
    assert fixes["savings"].paras == (2,) and fixes["savings"].place is None


# -- apply_fixes -------------------------------------------------------------------------------


def test_apply_a_block_style_source():
    text = ("claims:\n  a:\n    text: A.\n    source:\n      para: 9   # was wrong\n      quote: x\n"
            "  b: B.\n")
    assert apply_fixes(text, [Fix("a", 0, (2,))]) == (
        "claims:\n  a:\n    text: A.\n    source:\n      para: 2   # was wrong\n      quote: x\n"
        "  b: B.\n")


def test_apply_a_block_style_source_without_para():
    text = "claims:\n  a:\n    text: A.\n    source:\n      # the place\n      quote: 'x y'\n"
    assert apply_fixes(text, [Fix("a", 0, (3,))]) == (
        "claims:\n  a:\n    text: A.\n    source:\n      # the place\n      para: 3\n      quote: 'x y'\n")


def test_apply_the_second_of_a_list_of_places():
    text = ("claims:\n  a:\n    text: A.\n    source:\n      - para: 1\n        quote: x\n"
            "      - para: 1\n        quote: y\n")
    assert apply_fixes(text, [Fix("a", 1, (3,))]) == (
        "claims:\n  a:\n    text: A.\n    source:\n      - para: 1\n        quote: x\n"
        "      - para: 3\n        quote: y\n")


def test_apply_the_second_of_a_flow_list_of_places():
    text = 'claims:\n  a: {text: A., source: [{para: 1, quote: x}, {para: 1, quote: "y"}]}\n'
    assert apply_fixes(text, [Fix("a", 1, (4,))]) == (
        'claims:\n  a: {text: A., source: [{para: 1, quote: x}, {para: 4, quote: "y"}]}\n')


def test_apply_a_para_list():
    text = "claims:\n  a:\n    text: A.\n    source: {para: 9, quote: [x, y]}\n"
    assert apply_fixes(text, [Fix("a", 0, (2, 4))]) == (
        "claims:\n  a:\n    text: A.\n    source: {para: [2, 4], quote: [x, y]}\n")
    block = "claims:\n  a:\n    text: A.\n    source:\n      para: [1, 4]\n      quote: x\n"
    assert apply_fixes(block, [Fix("a", 0, (2,))]) == (
        "claims:\n  a:\n    text: A.\n    source:\n      para: 2\n      quote: x\n")


def test_apply_with_four_space_indentation():
    text = ("claims:\n    a:\n        text: A.\n        source:\n            quote: x\n"
            "    b:\n        text: B.\n        source:\n            - para: 1\n              quote: y\n"
            "            - quote: z\n")
    assert apply_fixes(text, [Fix("a", 0, (2,)), Fix("b", 1, (3,))]) == (
        "claims:\n    a:\n        text: A.\n        source:\n            para: 2\n            quote: x\n"
        "    b:\n        text: B.\n        source:\n            - para: 1\n              quote: y\n"
        "            - para: 3\n              quote: z\n")


def test_apply_a_new_source_to_a_plain_claim():
    text = "claims:\n  a: A plain claim.\n  b: B.\n"
    assert apply_fixes(text, [Fix("a", None, (2,), "the quote")]) == (
        "claims:\n  a:\n    text: A plain claim.\n    source: {para: 2, quote: \"the quote\"}\n  b: B.\n")


def test_apply_a_new_source_after_tags():
    text = "claims:\n  a:\n    text: A.\n    tags: [x]\n    given: true\n"
    assert apply_fixes(text, [Fix("a", None, (2,), "q")]) == (
        "claims:\n  a:\n    text: A.\n    tags: [x]\n    source: {para: 2, quote: \"q\"}\n    given: true\n")


def test_apply_keeps_a_document_start_end_and_byte_order_mark():
    for before, after in (("---\n", ""), ("", "...\n"), ("\ufeff", "")):
        text = before + "claims:\n  a:\n    text: A.\n    source: {para: 9, quote: x}\n" + after
        assert apply_fixes(text, [Fix("a", 0, (2,))]) == text.replace("para: 9", "para: 2")


def test_apply_keeps_crlf_line_endings():
    # a map saved on Windows: the fixed line is changed, the line endings stay
    text = "claims:\r\n  a:\r\n    text: A.\r\n    source: {para: 9, quote: x}\r\n  b: B.\r\n"
    assert apply_fixes(text, [Fix("a", 0, (2,))]) == text.replace("para: 9", "para: 2")


def test_apply_keeps_spaces_inside_braces():
    # `{ para: 9 }`, as prettier and many editors write flow mappings
    text = "claims:\n  a:\n    text: A.\n    source: { para: 9, quote: x }\n"
    # the line that must change may lose its spaces; no other line changes, and it is no error
    assert apply_fixes(text, [Fix("a", 0, (2,))]) in (text.replace("para: 9", "para: 2"),
                                                      text.replace("{ para: 9, quote: x }",
                                                                   "{para: 2, quote: x}"))


def test_apply_keeps_a_file_without_a_final_newline():
    text = "claims:\n  a:\n    text: A.\n    source: {para: 9, quote: x}\n  b: B."
    assert apply_fixes(text, [Fix("a", 0, (2,))]) == text.replace("para: 9", "para: 2")


def test_fix_error_is_a_clear_error(run, tmp_path):
    # a flow mapping over two lines cannot be written back as it is: an error, the file untouched
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    text = HEAD + ("claims:\n  a:\n    text: A.\n"
                   "    source: {para: 9,\n             quote: \"Plant the trees\"}\n")
    p.write_text(text)
    with pytest.raises(FixError):
        apply_fixes(text, [Fix("a", 0, (5,))])
    r = run("sources", p, "--fix", "--yes")
    assert r.exit_code == 1 and "Error: the fix would change lines" in r.output
    assert p.read_text() == text


def test_fix_a_map_with_a_tab_before_a_comment(run, tmp_path):
    # YAML allows a tab before a comment, and argmap reads the map; --fix must not crash on it
    copy(tmp_path, "trees.txt")
    p = tmp_path / "m.yaml"
    text = HEAD + "claims:\n  a:\n    text: A.\t# a tab before this comment\n" \
                  "    source: {para: 9, quote: \"Plant the trees now\"}\n"
    p.write_text(text)
    assert "para-out-of-range" in run("check", p).output
    r = run("sources", p, "--fix", "--yes")
    assert "internal error" not in r.output
    assert r.exit_code == 0, r.output
    assert p.read_text() == text.replace("para: 9", "para: 5")


def test_fix_a_map_with_crlf_line_endings(run, tmp_path):
    copy(tmp_path, "trees.txt")
    p = tmp_path / "fixme.yaml"
    p.write_bytes(FIXME.replace("\n", "\r\n").encode("utf-8"))
    r = run("sources", p, "--fix", "--yes")
    assert r.exit_code == 0, r.output
    assert p.read_bytes() == FIXED.replace("\n", "\r\n").encode("utf-8")
