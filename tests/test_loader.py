"""The loader: YAML text -> ArgumentMap, with every problem a positioned ArgmapError.

Expected positions are read off the input with the ``where`` fixture rather than copied from the
loader's output, so a wrong line or column fails here.
"""

import contextlib
import random
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import ArgmapError, ArgumentMap, MapError, MapReadError, load, loads
from argmap.loader import MAX_BYTES, MAX_DEPTH, bundled_map_path, parse
from argmap.model import Position
from argmap.sourcecheck import CODES as SOURCE_CODES
from argmap.validate import check_text


def auto_id(premises, relation, target):
    """The id the format reference promises for an argument written without one."""
    return "+".join(premises) + f"--{relation}--" + target


def shape(m):
    """Everything a map says, except where it was written."""
    nodes = [(n, {k: v for k, v in data.items() if k != "pos"})
             for n, data in m.graph.nodes(data=True)]
    return m.title, m.thesis, m.source, m.themes, nodes, sorted(m.graph.edges(data="role"))


# -- good inputs --------------------------------------------------------------------------------

def test_the_bundled_map_loads_clean():
    m = load(bundled_map_path())
    assert m.thesis in m and m.is_claim(m.thesis)
    assert list(m.arguments())
    assert not [d for d in check_text(bundled_map_path().read_text()) if d.is_error]


def test_shorthand_claims_are_id_and_text():
    m = loads('claims:\n  a: Tea is warm.\n  b: "  Padded.  "\n')
    assert [(c, m.text(c)) for c in m.claims()] == [("a", "Tea is warm."), ("b", "Padded.")]
    assert list(m.arguments()) == []


BLOCK = """\
title: Tea
thesis: tea
source:
  publisher: The Kettle
  date: "2024-03"
claims:
  tea: Drink tea.
  warm:
    text: Tea is warm.
  cheap: {text: Tea is cheap.}
  scald: Tea can scald.
arguments:
  - supports: tea
    premises:
      - warm
      - cheap
  - id: hot
    attacks: tea
    premises: [scald]
"""

FLOW = (
    '{title: Tea, thesis: tea, source: {publisher: The Kettle, date: "2024-03"}, '
    "claims: {tea: Drink tea., warm: {text: Tea is warm.}, cheap: Tea is cheap., "
    "scald: {text: Tea can scald.}}, "
    "arguments: [{supports: tea, premises: [warm, cheap]}, "
    "{id: hot, attacks: tea, premises: scald}]}"
)


def test_block_and_flow_styles_give_the_same_map():
    block, flow = loads(BLOCK), loads(FLOW)
    assert shape(block) == shape(flow)
    assert block.title == "Tea" and block.source == {"publisher": "The Kettle", "date": "2024-03"}
    assert list(block.claims()) == ["tea", "warm", "cheap", "scald"]
    assert list(block.arguments()) == [auto_id(["warm", "cheap"], "supports", "tea"), "hot"]


def test_linked_premises_make_one_argument_with_one_edge_per_premise():
    m = loads(BLOCK)
    (linked,) = m.supporters("tea")
    assert m.premises(linked) == ["warm", "cheap"]
    assert m.graph.edges["warm", linked]["role"] == "premise"
    assert m.graph.edges["cheap", linked]["role"] == "premise"
    assert m.graph.edges[linked, "tea"]["role"] == "support"
    assert m.attackers("tea") == ["hot"]
    assert m.graph.edges["hot", "tea"]["role"] == "attack"


UNDERCUTS = """\
claims:
  tram: Build the tram.
  cost: It will run over budget.
  fixed: The contract is fixed-price.
  loophole: The contract has an escape clause.
arguments:
  - id: overrun
    attacks: tram
    premises: [cost]
  - id: capped
    attacks: overrun
    premises: [fixed]
  - attacks: capped
    premises: [loophole]
"""


def test_undercut_of_an_argument_and_of_an_undercut():
    m = loads(UNDERCUTS)
    last = auto_id(["loophole"], "attacks", "capped")
    assert m.target("capped") == "overrun" and m.is_undercut("capped")
    assert m.target(last) == "capped" and m.is_undercut(last)
    assert not m.is_undercut("overrun")
    assert m.graph.edges["capped", "overrun"]["role"] == "attack"
    assert m.graph.edges[last, "capped"]["role"] == "attack"
    assert m.attackers("overrun") == ["capped"] and m.attackers("capped") == [last]


def test_an_argument_may_target_an_argument_written_later():
    text = """\
claims: {tram: Build it., cost: Too dear., fixed: Fixed price.}
arguments:
  - {id: capped, attacks: overrun, premises: [fixed]}
  - {id: overrun, attacks: tram, premises: [cost]}
"""
    m = loads(text)
    assert m.target("capped") == "overrun" and m.is_undercut("capped")
    assert list(m.arguments()) == ["capped", "overrun"]  # still in the written order


def test_a_single_premise_may_be_a_plain_string():
    m = loads("claims: {a: A., b: B.}\narguments:\n  - supports: a\n    premises: b\n")
    (arg,) = m.arguments()
    assert m.premises(arg) == ["b"]
    assert m.graph.edges["b", arg]["role"] == "premise"


@pytest.mark.parametrize("relation, target, premises", [
    ("supports", "a", ["b"]),
    ("attacks", "a", ["b", "c"]),
    ("supports", "c", ["b", "a"]),
])
def test_auto_argument_ids(relation, target, premises):
    text = (f"claims: {{a: A., b: B., c: C.}}\narguments:\n"
            f"  - {{{relation}: {target}, premises: [{', '.join(premises)}]}}\n")
    m = loads(text)
    expected = auto_id(premises, relation, target)
    assert list(m.arguments()) == [expected]
    assert m.graph.nodes[expected]["auto_id"] is True


def test_explicit_argument_ids_are_not_auto():
    m = loads("claims: {a: A., b: B.}\narguments: [{id: why, supports: a, premises: [b]}]\n")
    assert list(m.arguments()) == ["why"]
    assert m.graph.nodes["why"]["auto_id"] is False


def test_optional_fields_reach_the_graph():
    text = """\
themes: {cost: Cost and money}
claims:
  a:
    text: A.
    theme: cost
    tags: [concession, key]
    source: {para: 3, quote: as written}
    note: a note
    weight: 0.25
    given: true
  b: B.
arguments:
  - {id: x, supports: a, premises: [b], title: because, scheme: expert opinion, weight: 0.75}
"""
    m = loads(text)
    a = m.node("a")
    assert (a["theme"], a["tags"], a["para"], a["quote"], a["note"], a["weight"], a["given"]) == \
           ("cost", ("concession", "key"), 3, "as written", "a note", 0.25, True)
    assert m.theme_label("cost") == "Cost and money"
    x = m.node("x")
    assert (x["title"], x["scheme"], x["weight"]) == ("because", "expert opinion", 0.75)
    b = m.node("b")
    assert (b["weight"], b["given"], b["theme"]) == (0.5, False, None)


def test_positions_of_claims_and_arguments_block_style(where):
    m = loads(BLOCK, "tea.yaml")
    for claim in ("tea", "warm", "cheap", "scald"):
        line, col = where(BLOCK, f"  {claim}:")
        assert m.position(claim) == Position("tea.yaml", line, col + 2)  # at the id itself
    linked = auto_id(["warm", "cheap"], "supports", "tea")
    assert m.position(linked) == Position("tea.yaml", *where(BLOCK, "supports: tea"))
    assert m.position("hot") == Position("tea.yaml", *where(BLOCK, "id: hot"))


def test_positions_of_claims_and_arguments_flow_style(where):
    m = loads(FLOW, "tea.yaml")
    assert m.position("warm") == Position("tea.yaml", *where(FLOW, "warm:"))
    assert m.position("scald") == Position("tea.yaml", *where(FLOW, "scald:"))
    assert m.position("hot") == Position("tea.yaml", *where(FLOW, "{id: hot"))


def test_positions_name_the_file_loaded(write_map, where):
    p = write_map("\n\n" + BLOCK)
    m = load(p)
    assert m.path == str(p)
    line, col = where(BLOCK, "  cheap:")
    assert m.position("cheap") == Position(str(p), line + 2, col + 2)  # two blank lines first


@pytest.mark.parametrize("spelling", [
    "1984", "3.10", "0x1F", "010", "1_000", "+12", "-0", ".5", "1:20", "1.0e+3", ".inf",
    "2024-01-01", "2017-08-10 12:00:00",
])
def test_numbers_and_dates_as_text_keep_their_spelling(spelling):
    m = loads(f"title: {spelling}\nclaims:\n  a: {spelling}\n  b:\n    text: {spelling}\n")
    assert m.text("a") == m.text("b") == m.title == spelling
    assert isinstance(m.text("a"), str)


def test_dates_in_the_source_stay_strings():
    m = loads("source:\n  date: 2017-08-10\n  title: 1984\nclaims: {a: A.}\n")
    assert m.source == {"date": "2017-08-10", "title": "1984"}


def test_without_a_thesis_the_roots_are_the_claims_that_are_premises_of_nothing():
    text = "claims: {a: A., b: B., c: C., d: D.}\narguments:\n  - {supports: a, premises: [b]}\n"
    m = loads(text)
    assert m.thesis is None
    assert m.roots() == ["a", "c", "d"]
    assert loads("thesis: c\n" + text).roots() == ["c"]


def test_a_utf8_bom_is_accepted(write_map):
    m = load(write_map("\ufeffclaims: {a: Caf\u00e9.}\n".encode()))
    assert m.text("a") == "Caf\u00e9."


# -- one test per error code --------------------------------------------------------------------

ARGS_AB = "claims: {a: A., b: B.}\narguments:\n"

# (code, text, needle marking where the error must point, part of the hint or None)
ERRORS = [
    ("yaml-syntax", "claims:\n  a: x: y\n", ": y", "quote"),
    ("yaml-tag", "claims:\n  a: !!binary aGVsbG8=\n", "!!binary", "remove the tag"),
    ("wrong-type", "claims: [a, b]\n", "[a, b]", None),
    ("wrong-type", "- a\n- b\n", "- a", None),
    ("wrong-type", ARGS_AB + "  - {supports: [a], premises: [b]}\n", "[a]", None),
    ("unknown-key", "claims:\n  a:\n    txt: A.\n", "txt", "did you mean 'text'?"),
    ("unknown-key", "titel: Tea\nclaims: {a: A.}\n", "titel", "did you mean 'title'?"),
    ("missing-text", "claims:\n  a:\n    theme: x\n", "a:", "add 'text:"),
    ("missing-text", "claims:\n  a: '   '\n", "'   '", "sentence"),
    ("missing-key", "title: Tea\n", "title", "'claims:'"),
    ("missing-key", ARGS_AB + "  - premises: [b]\n", "premises", "supports:"),
    ("invalid-id", "claims:\n  bad id: A.\n", "bad id", "without spaces"),
    ("invalid-id", ARGS_AB + "  - {supports: a, premises: [b c]}\n", "b c", "without spaces"),
    ("duplicate-id", "claims:\n  a: A.\n  b: B.\n  a: Again.\n", "a: Again", "rename or merge"),
    ("duplicate-id", ARGS_AB + "  - {id: x, supports: a, premises: [b]}\n"
                               "  - {id: x, attacks: a, premises: [b]}\n", "x, attacks",
     "its own id"),
    ("duplicate-id", ARGS_AB + "  - {id: b, supports: a, premises: [b]}\n", "b, supports",
     "share one set of ids"),
    ("duplicate-id", ARGS_AB + "  - {supports: a, premises: [b]}\n"
                               "  - {supports: a, premises: b}\n", "{supports: a, premises: b}",
     "delete one"),
    ("duplicate-key", "title: Tea\nclaims: {a: A.}\ntitle: Coffee\n", "title: Coffee",
     "rename or merge"),
    ("duplicate-key", "claims:\n  a:\n    text: A.\n    text: B.\n", "text: B.", "rename or merge"),
    ("duplicate-key", ARGS_AB + "  - {supports: a, premises: [b, b]}\n", "[b, b]",
     "list each premise once"),
    ("unknown-ref", ARGS_AB + "  - {supports: a, premises: [bb]}\n", "bb", "did you mean 'b'?"),
    ("unknown-ref", ARGS_AB + "  - {attacks: aa, premises: [b]}\n", "aa", "did you mean 'a'?"),
    ("unknown-ref", "thesis: zz\nclaims: {a: A.}\n", "zz", "under 'claims:'"),
    ("unknown-ref", "themes: {cost: Cost}\nclaims:\n  a: {text: A., theme: cots}\n", "cots",
     "did you mean 'cost'?"),
    ("no-premises", ARGS_AB + "  - supports: a\n", "supports", "premises"),
    ("no-premises", ARGS_AB + "  - {supports: a, premises: []}\n", "[]", "at least one"),
    ("self-premise", ARGS_AB + "  - {supports: a, premises: [b, a]}\n", "a]", "own reason"),
    ("self-premise", ARGS_AB + "  - {attacks: a, premises: a}\n", "a}", "own reason"),
    ("bad-value", "claims:\n  a: {text: A., weight: 2}\n", "2}", "0.7"),
    ("bad-value", ARGS_AB + "  - {supports: a, premises: [b], weight: -0.5}\n", "-0.5", "0.7"),
    ("bad-value", "claims:\n  a: {text: A., source: {para: 0}}\n", "0}", None),
    ("premise-not-claim", ARGS_AB + "  - {id: x, supports: a, premises: [b]}\n"
                                    "  - {attacks: a, premises: [x]}\n", "x]",
     "make it the target"),
    ("both-relations", ARGS_AB + "  - {supports: a, attacks: a, premises: [b]}\n", "{supports",
     "supports: <id>"),
]


@pytest.mark.parametrize("code, text, needle, hint", ERRORS,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(ERRORS)])
def test_error_code_position_and_hint(diagnostic, where, code, text, needle, hint):
    d = diagnostic(text, code)
    assert d.severity == "error" and d.file == "m.yaml"
    assert (d.line, d.col) == where(text, needle)
    if hint is not None:
        assert d.hint and hint in d.hint
    with pytest.raises(MapError) as e:
        loads(text, "m.yaml")
    assert d in e.value.diagnostics


def test_every_loader_error_code_is_covered():
    codes = {c for c, *_ in ERRORS} | {"too-deep", "empty-map"}
    assert codes == {
        "yaml-syntax", "yaml-tag", "too-deep", "wrong-type", "unknown-key", "missing-text",
        "missing-key", "invalid-id", "duplicate-id", "duplicate-key", "unknown-ref",
        "no-premises", "self-premise", "bad-value", "premise-not-claim", "both-relations",
        "empty-map",
    }


def test_a_repeated_claim_names_the_first_line_and_never_vanishes(diagnostic, where):
    text = "claims:\n  a: The first.\n  b: B.\n  a: The second.\n"
    d = diagnostic(text, "duplicate-id")
    assert f"first on line {where(text, 'a: The first')[0]}" in d.message
    with pytest.raises(MapError):
        loads(text)  # never a map that silently kept only one of the two


def test_a_repeated_argument_names_the_first_line(diagnostic, where):
    text = ARGS_AB + ("  - {id: x, supports: a, premises: [b]}\n"
                      "  - {id: x, attacks: a, premises: [b]}\n")
    assert f"first on line {where(text, 'id: x')[0]}" in diagnostic(text, "duplicate-id").message


def test_map_error_lists_every_error_and_leads_with_the_first():
    text = "claims:\n  a: {txt: A.}\n  'b c': B.\n  d: {text: D., weight: 7}\n"
    with pytest.raises(MapError) as e:
        loads(text, "m.yaml")
    found = [d.code for d in e.value.diagnostics]
    assert found == ["unknown-key", "invalid-id", "bad-value"]
    first = e.value.diagnostics[0]
    assert str(e.value).startswith(first.format())
    assert "and 2 more errors" in str(e.value)
    assert e.value.hint == first.hint


def test_an_empty_file_is_an_empty_map_error(write_map):
    p = write_map("")
    with pytest.raises(MapError) as e:
        load(p)
    assert [d.code for d in e.value.diagnostics] == ["empty-map"]
    assert str(p) in str(e.value) and e.value.hint


def test_a_file_of_only_comments_is_an_empty_map(codes):
    assert codes("# nothing here\n\n   \n") == ["empty-map"]


def test_a_yaml_list_at_the_top_is_wrong_type(diagnostic):
    d = diagnostic("- claims\n- arguments\n", "wrong-type")
    assert (d.line, d.col) == (1, 1)
    assert "mapping" in d.message


def test_several_documents_in_one_file_are_a_clean_error(diagnostic, where):
    text = "claims: {a: A.}\n---\nclaims: {b: B.}\n"
    d = diagnostic(text, "yaml-syntax")
    assert d.line == where(text, "---")[0]
    with pytest.raises(MapError):
        loads(text)


def test_too_deep_flow_nesting_is_refused_before_parsing(diagnostic, where):
    depth = MAX_DEPTH + 1
    text = "claims:\n  a: A.\n  b: " + "[" * depth + "]" * depth + "\n"
    d = diagnostic(text, "too-deep")
    assert d.line == where(text, "b:")[0]
    assert str(depth) in d.message and d.hint


def test_nesting_at_the_limit_is_read(codes):
    depth = MAX_DEPTH - 5
    text = "claims:\n  a:\n    text: A.\n    tags: " + "[" * depth + "]" * depth + "\n"
    assert codes(text) == ["wrong-type"]  # a nested list is not a tag, but it was parsed


# -- read errors --------------------------------------------------------------------------------

def test_a_missing_file(tmp_path):
    p = tmp_path / "nope.yaml"
    with pytest.raises(MapReadError) as e:
        load(p)
    assert str(p) in str(e.value) and "no such file" in str(e.value)
    assert e.value.hint


def test_a_directory(tmp_path):
    with pytest.raises(MapReadError) as e:
        load(tmp_path)
    assert str(tmp_path) in str(e.value) and "directory" in str(e.value)


def test_non_utf8_bytes_name_the_line_and_column_of_the_bad_byte(write_map):
    data = b"title: Tea\nclaims:\n  a: caf\xe9 au lait\n"
    p = write_map(data)
    line = data.count(b"\n", 0, data.index(b"\xe9")) + 1
    col = data.index(b"\xe9") - data.rindex(b"\n", 0, data.index(b"\xe9"))
    with pytest.raises(MapReadError) as e:
        load(p)
    assert f"{p}:{line}:{col}:" in str(e.value)
    assert "0xe9" in str(e.value) and "UTF-8" in e.value.hint


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.yaml"
    with p.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk or memory needed
    with pytest.raises(MapReadError) as e:
        load(p)
    assert str(p) in str(e.value) and "MB" in str(e.value)
    assert e.value.hint


def test_devices_are_refused_before_any_read():
    import os

    for dev in ("/dev/zero", "/dev/urandom"):  # stat says size 0: the old check read forever
        if not os.path.exists(dev):
            pytest.skip(f"no {dev} here")
        with pytest.raises(MapReadError) as e:
            load(dev)
        assert "is a character device, not a map file" in e.value.message
        assert "- to read standard input" in e.value.hint


def test_a_pipe_is_read_with_the_size_limit(tmp_path, monkeypatch):
    import os
    import threading

    import argmap.loader as loader

    fifo = tmp_path / "pipe.yaml"
    try:
        os.mkfifo(fifo)
    except (AttributeError, OSError):
        pytest.skip("no named pipes here")

    def write(data: bytes) -> None:
        try:
            with open(fifo, "wb") as f:
                f.write(data)
        except BrokenPipeError:  # the reader stopped at the limit, as it should
            pass

    writer = threading.Thread(target=write, args=(b"claims: {a: A.}\n",))
    writer.start()
    assert list(load(fifo).claims()) == ["a"]  # a pipe has no size, but it is read
    writer.join()
    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    writer = threading.Thread(target=write, args=(b"# " + b"x" * 200 + b"\n",))
    writer.start()
    with pytest.raises(MapReadError, match="more than"):
        load(fifo)  # the read itself stops past the limit
    writer.join(timeout=5)


# -- hostile input ------------------------------------------------------------------------------

def list_bomb(levels=9, width=9):
    """Billion laughs written inline: &aN [&aN-1 [...], *aN-1, ...]; width**levels leaves."""
    node = "&a0 lol"
    for i in range(1, levels + 1):
        node = f"&a{i} [{node}, " + ", ".join([f"*a{i - 1}"] * (width - 1)) + "]"
    return node


def mapping_bomb(levels=9, width=9):
    node = "&m0 {text: lol}"
    for i in range(1, levels + 1):
        rest = ", ".join(f"k{j}: *m{i - 1}" for j in range(1, width))
        node = f"&m{i} {{k0: {node}, {rest}}}"
    return node


@pytest.mark.parametrize("text", [
    "claims:\n  a: " + list_bomb() + "\n",
    "claims:\n  a:\n    text: " + list_bomb() + "\n",
    "claims: " + list_bomb() + "\n",
    "claims: " + mapping_bomb() + "\n",
    "title: " + list_bomb() + "\nclaims: {a: A.}\n",
    "claims:\n  a: {text: A., tags: " + list_bomb() + "}\n",
    ARGS_AB + "  - {supports: a, premises: " + list_bomb() + "}\n",
    "claims: {a: A., b: B.}\narguments: " + list_bomb() + "\n",
], ids=["claim", "claim-text", "claims", "claims-mapping", "title", "tags", "premises",
        "arguments"])
def test_an_alias_bomb_is_a_clean_error(write_map, load_isolated, text):
    r = load_isolated(write_map(text))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("MapError"), r.stdout[:500]


def test_fifty_thousand_open_brackets(write_map, load_isolated):
    r = load_isolated(write_map("[" * 50_000))
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["MapError", "too-deep@1"]


def test_deeply_nested_block_mappings(write_map, load_isolated):
    levels = 1000
    text = "".join("  " * i + f"k{i}:\n" for i in range(levels))
    r = load_isolated(write_map(text))
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["MapError", f"too-deep@{levels}"]  # points at the deepest line


def test_deeply_nested_block_sequences_on_one_line(write_map, load_isolated):
    r = load_isolated(write_map("claims:\n  a: " + "- " * 5000 + "x\n"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("MapError")


def test_deep_block_and_flow_nesting_just_under_the_limits(write_map, load_isolated):
    # block sequences indented one space per level, then flow lists: each kind stays under the
    # limit, together they nest about twice as deep
    levels = MAX_DEPTH - 10
    block = "\n".join(" " * (5 + i) + "-" for i in range(levels))
    text = "claims:\n  a:\n    text: A.\n    tags:\n" + block + " " + "[" * levels + \
        "]" * levels + "\n"
    r = load_isolated(write_map(text))
    assert r.returncode == 0, r.stderr
    kind, *found = r.stdout.split()
    assert kind == "MapError" and found
    assert all(f.startswith("wrong-type@") for f in found), found  # parsed, then refused as tags


PYTHON_TAG = '!!python/object/apply:os.system ["touch {marker}"]'


@pytest.mark.parametrize("template", [
    "{tag}\n",
    "title: {tag}\nclaims: {{a: A.}}\n",
    "note: {tag}\nclaims: {{a: A.}}\n",
    "source: {tag}\nclaims: {{a: A.}}\n",
    "thesis: {tag}\nclaims: {{a: A.}}\n",
    "claims: {tag}\n",
    "claims:\n  a: {tag}\n",
    "claims:\n  a:\n    text: {tag}\n",
    "claims:\n  a:\n    text: A.\n    weight: {tag}\n",
    "claims: {{a: A., b: B.}}\narguments: {tag}\n",
    "claims: {{a: A., b: B.}}\narguments:\n  - {tag}\n",
    "claims: {{a: A., b: B.}}\narguments:\n  - supports: {tag}\n    premises: [b]\n",
    "claims: {{a: A., b: B.}}\narguments:\n  - supports: a\n    premises: {tag}\n",
    "claims: {{a: A., b: B.}}\narguments:\n  - supports: a\n    premises: [b, {tag}]\n",
], ids=["top", "title", "note", "source", "thesis", "claims", "claim", "text", "weight",
        "arguments", "argument", "target", "premises", "premise"])
def test_a_python_tag_anywhere_is_a_yaml_tag_error_and_runs_nothing(tmp_path, where, template):
    marker = tmp_path / "executed"
    tag = PYTHON_TAG.format(marker=marker)
    text = template.format(tag=tag)
    _, found = parse(text)
    assert not marker.exists()
    tag_errors = [d for d in found if d.code == "yaml-tag"]
    assert tag_errors, [d.format() for d in found]
    assert (tag_errors[0].line, tag_errors[0].col) == where(text, "!!python")
    with pytest.raises(MapError):
        loads(text)
    assert not marker.exists()


@pytest.mark.parametrize("text", [
    "claims:\n  a: {text: A., weight: !!int ''}\n",
    "claims:\n  a: {text: A., weight: !!int '-'}\n",
    "claims:\n  a: !!float ''\n",
    "claims:\n  a: {text: A., given: !!bool maybe}\n",
    "title: !!bool perhaps\nclaims: {a: A.}\n",
    "claims:\n  a: {text: A., source: {para: !!int ''}}\n",
])
def test_explicit_scalar_tags_with_unreadable_values_are_clean_errors(text):
    with pytest.raises(MapError) as e:
        loads(text)
    assert {d.code for d in e.value.diagnostics} & {"wrong-type", "bad-value"}


def test_a_lone_surrogate_in_text_is_a_clean_error():
    with pytest.raises(ArgmapError):
        loads("claims: {a: Caf\ud800.}\n")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b"])
def test_a_control_character_is_reported_with_its_line_and_column(diagnostic, where, char):
    text = f"title: Tea\nclaims:\n  a: A{char}.\n"
    d = diagnostic(text, "yaml-syntax")
    assert (d.line, d.col) == where(text, char)


def test_twenty_megabytes_of_open_brackets_fail_cleanly(write_map, load_isolated):
    p = write_map("a: [\n" * (20 * 2**20 // 5))
    r = load_isolated(p, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("MapError too-deep@")


def test_twenty_megabytes_of_one_line_junk_fail_with_a_short_message(write_map):
    letters = (string.ascii_letters + " ").encode()
    junk = random.Random(20).randbytes(20 * 2**20).translate(bytes(letters[b % len(letters)]
                                                                    for b in range(256)))
    p = write_map(junk)
    with pytest.raises(MapError) as e:
        load(p)
    assert [d.code for d in e.value.diagnostics] == ["wrong-type"]
    length = len(str(e.value))
    assert length < 1000, "the message quotes the whole file"


# -- properties ---------------------------------------------------------------------------------

SCHEMA_KEYS = ["title", "claims", "arguments", "text", "supports", "attacks", "premises", "theme",
               "themes", "source", "para", "quote", "weight", "given", "id", "thesis", "tags",
               "note", "label", "scheme", "txt", "premise"]
SOME_IDS = ["a", "b", "c", "a1", "b--supports--a", "x y", "1", ""]

ids = st.sampled_from(SOME_IDS) | st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.:-]{0,6}", fullmatch=True)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
    st.sampled_from(SCHEMA_KEYS), ids, st.dates(), st.binary(max_size=4),
)
keys = st.one_of(st.sampled_from(SCHEMA_KEYS), ids, st.integers(), st.none(), st.booleans())
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)
claim_values = st.one_of(
    values,
    st.fixed_dictionaries({}, optional={
        "text": values, "theme": values, "tags": values, "note": values, "weight": values,
        "given": values, "source": st.fixed_dictionaries({}, optional={"para": values,
                                                                      "quote": values}),
    }),
)
argument_values = st.one_of(
    values,
    st.fixed_dictionaries({}, optional={
        "id": ids | values, "supports": ids | values, "attacks": ids | values,
        "premises": st.lists(ids, max_size=3) | ids | values, "weight": values, "label": values,
    }),
)
documents = st.one_of(
    values,
    st.fixed_dictionaries({}, optional={
        "title": values, "thesis": ids | values, "note": values,
        "themes": st.dictionaries(ids, values, max_size=3) | values,
        "source": st.dictionaries(st.sampled_from(["title", "date", "url", "kind", "para"]), values,
                                  max_size=3) | values,
        "claims": st.dictionaries(ids | keys, claim_values, max_size=5) | values,
        "arguments": st.lists(argument_values, max_size=4) | values,
    }),
)


CASE_SECONDS, CASE_MEGABYTES = 20, 256


@contextlib.contextmanager
def bounded(seconds: float = CASE_SECONDS, megabytes: int = CASE_MEGABYTES):
    """Fail the case (instead of the machine) past ``seconds`` of wall time or ``megabytes`` of
    Python allocations at their peak; a hang is interrupted by an alarm (POSIX main thread)."""
    import signal
    import threading
    import time
    import tracemalloc

    def expired(signum, frame):
        raise AssertionError(f"a case ran past {seconds} s")

    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if alarm:
        old = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    assert time.perf_counter() - start < seconds
    assert peak < megabytes * 2**20, f"a case allocated {peak / 2**20:.0f} MB at its peak"


def test_bounded_fails_a_case_that_allocates_too_much_or_runs_too_long():
    with pytest.raises(AssertionError, match="MB at its peak"):
        with bounded(megabytes=1):
            _ = bytearray(4 * 2**20)
    import signal

    if not hasattr(signal, "setitimer"):
        pytest.skip("no interval timer on this platform")
    with pytest.raises(AssertionError, match="ran past"):
        with bounded(seconds=0.2):
            while True:
                pass


def loads_or_argmap_error(text):
    """The property: a map, or an ArgmapError; check_text never raises at all. Each case is
    bounded in time and memory (:func:`bounded`)."""
    with bounded():
        return _loads_or_argmap_error(text)


def _loads_or_argmap_error(text):
    try:
        m = loads(text)
    except ArgmapError:
        m = None
    else:
        assert isinstance(m, ArgumentMap)
    found = check_text(text)
    assert all(d.severity in ("error", "warning", "note") for d in found)
    # the quotes checked against the source text can fail a check, not the load
    assert (m is None) == any(d.is_error and d.code not in SOURCE_CODES for d in found)
    return m


@settings(max_examples=200, deadline=None)
@given(doc=documents, flow=st.sampled_from([None, True, False]), unicode=st.booleans())
def test_random_documents_load_or_fail_cleanly(doc, flow, unicode):
    loads_or_argmap_error(yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=unicode,
                                         sort_keys=False))


TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!seq",
        "!!map", "!!set", "!!python/name:os.system", "!local"]
TOKENS = ["\n", " ", "  ", "\t", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "#", "'", '"',
          "&a ", "*a", "!!str ", "!!int ", "!!float ", "!!bool ", "!!python/name:os.system ",
          "!x ", "? ", "|", ">", "%", "@", "`", "---\n", "...\n", "<<: ", "~", "\\", "\u00e9",
          "\u2028", "\x85", "\ufeff", "0", "1e9", "text", "premises", "supports",
          # hostile text: escapes of control characters, bidi overrides, a raw NUL, a huge word,
          # aliases of lists, and arguments that make cycles through arguments
          '"\\e[2J"', '"\\x00"', '"\\a"', "\u202e", "\x00", "x" * 5000, "&ps [a, b]", "*ps",
          "\n  - {id: u1, attacks: u2, premises: [a]}\n  - {id: u2, attacks: u1, premises: [b]}\n",
          "\n  - {supports: u1, premises: [t]}\n", "attacks", "by: analyst", "ignore: {x: y}"]


# a valid map using most of the format, for the mutations to start from
SEED = """\
title: Should the city build the tram?
source: {publisher: City Council, date: 2026-03-01}
thesis: tram
themes: {cost: Cost, climate: Climate}
claims:
  tram:
    text: The city should build the tram line.
    source: {para: 1, quote: "we recommend it"}
  green: {text: It cuts emissions., theme: climate, weight: 0.8}
  riders: {text: "Forecasts: 40,000 a day.", given: true, tags: [key]}
  cost: It will run over budget.
  fixed: The contract is fixed-price.
arguments:
  - supports: tram
    premises: [green, riders]
  - id: overrun
    attacks: tram
    premises: cost
    title: too dear
  - {id: capped, attacks: overrun, premises: [fixed], weight: 0.5}
"""


def test_the_mutation_seed_is_a_valid_map():
    assert len(loads(SEED)) == 8


@st.composite
def mutated_maps(draw):
    lines = SEED.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "swap", "indent", "dedent",
                                   "tag"]))
        if not lines:
            break
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif op == "tag" and ": " in lines[i]:  # an explicit tag on a value: "key: !!int value"
            key, value = lines[i].split(": ", 1)
            lines[i] = f"{key}: {draw(st.sampled_from(TAGS))} {value}"
        else:
            at = draw(st.integers(0, len(lines[i])))
            junk = draw(st.sampled_from(TOKENS) | st.text(min_size=1, max_size=3))
            lines[i] = lines[i][:at] + junk + lines[i][at:]
    return "".join(lines)


@settings(max_examples=400, deadline=None)
@given(text=mutated_maps())
def test_mutated_maps_load_or_fail_cleanly(text):
    m = loads_or_argmap_error(text)
    if m is not None:  # whatever loads, every walk over it terminates, within bounds
        from argmap import queries, semantics
        from argmap.outline import outline

        with bounded():
            outline(m)
            queries.sides(m)
            queries.map_stats(m)
            semantics.grounded(m)
            semantics.dfquad(m)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mutated_bytes_decode_or_fail_with_a_position(data):
    # invalid UTF-8, UTF-16 pieces and stray bytes anywhere in a real map
    raw = bytearray(bundled_map_path().read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.sampled_from([b"\xff", b"\xc3", b"\xe9", b"\x00", b"\xfe\xff",
                                                b"\xed\xa0\x80", b"\x80\x80"]))
    from argmap.loader import decode

    try:
        text = decode(bytes(raw), "m.yaml")
    except MapReadError as e:
        assert e.file == "m.yaml" and e.hint
        return
    loads_or_argmap_error(text)


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(TOKENS) | st.characters(), max_size=30).map("".join))
def test_random_text_loads_or_fails_cleanly(text):
    loads_or_argmap_error(text)


CLAIM_ID = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.:]{0,7}", fullmatch=True)  # no '-': see below
# control characters (Cc) are refused by the loader (test_control_characters_in_any_text_...)
CLAIM_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1,
                     max_size=30).filter(str.strip)


@st.composite
def valid_maps(draw):
    """A map that must load, and the claims, arguments and edges it writes.

    Claim ids have no '-', explicit argument ids are ``arg-N`` and auto ids contain ``--``, so the
    three never collide. An argument may target any claim but its own premises, or another
    argument with an explicit id, written before or after it (the format needs an ``id`` to
    target an argument).
    """
    claim_ids = draw(st.lists(CLAIM_ID, min_size=2, max_size=7, unique=True))
    claims = {}
    for cid in claim_ids:
        text = draw(CLAIM_TEXT)
        weight = draw(st.none() | st.floats(0, 1))
        claims[cid] = text if weight is None and draw(st.booleans()) else \
            {"text": text, **({"weight": weight} if weight is not None else {})}
    n = draw(st.integers(0, 7))
    relations = [draw(st.sampled_from(["supports", "attacks"])) for _ in range(n)]
    at_argument = [draw(st.booleans()) for _ in range(n)]
    explicit = [draw(st.booleans()) for _ in range(n)]
    specs = [None] * n
    for i in range(n):
        if not at_argument[i]:
            target = draw(st.sampled_from(claim_ids))
            pool = [c for c in claim_ids if c != target]
            premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            specs[i] = (target, premises)
    known = {i: f"arg-{i}" for i in range(n) if explicit[i]}
    for i in range(n):
        if specs[i] is None:
            others = [j for j in known if j != i]
            if others:
                target = known[draw(st.sampled_from(others))]
            else:
                target = draw(st.sampled_from(claim_ids))
            pool = [c for c in claim_ids if c != target]
            premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            specs[i] = (target, premises)
    arguments, expected, written = [], [], set()
    for i, (target, premises) in enumerate(specs):
        aid = f"arg-{i}" if explicit[i] else auto_id(premises, relations[i], target)
        same = (relations[i], target, frozenset(premises))  # premises in any order
        if not explicit[i] and same in written:  # the same argument twice is an error: name it
            aid = f"arg-{i}"
            explicit[i] = True
        if not explicit[i]:
            written.add(same)
        entry = {"id": aid} if explicit[i] else {}
        entry[relations[i]] = target
        entry["premises"] = premises[0] if len(premises) == 1 and draw(st.booleans()) else premises
        arguments.append(entry)
        expected.append(aid)
    doc = {"title": draw(CLAIM_TEXT), "claims": claims}
    if arguments or draw(st.booleans()):
        doc["arguments"] = arguments
    text = yaml.safe_dump(doc, default_flow_style=draw(st.sampled_from([None, True, False])),
                          allow_unicode=draw(st.booleans()), sort_keys=False, width=10**6)
    return text, claims, list(zip(expected, relations, specs, strict=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=valid_maps())
def test_valid_maps_load_with_exactly_the_claims_and_arguments_written(case):
    text, claims, arguments = case
    m = loads(text)
    assert list(m.claims()) == list(claims)
    read_back = yaml.safe_load(text)["claims"]  # what YAML itself makes of each text
    for cid, value in read_back.items():
        written = value if isinstance(value, str) else value["text"]
        assert m.text(cid) == written.strip()
        if isinstance(value, dict) and "weight" in value:
            assert m.node(cid)["weight"] == value["weight"]
    assert list(m.arguments()) == [aid for aid, _, _ in arguments]
    edges = set()
    for aid, relation, (target, premises) in arguments:
        assert m.premises(aid) == premises and m.target(aid) == target
        edges |= {(p, aid, "premise") for p in premises}
        edges.add((aid, target, "support" if relation == "supports" else "attack"))
    assert set(m.graph.edges(data="role")) == edges
    assert len(m) == len(claims) + len(arguments)


# -- YAML 1.2 numbers, YAML-aware hints ---------------------------------------------------------

@pytest.mark.parametrize("written, value", [("5e-1", 0.5), ("0.5", 0.5), (".5", 0.5), ("1", 1.0),
                                            ("1.0e-1", 0.1), ("+0.25", 0.25)])
def test_weights_are_read_as_yaml_1_2_numbers(written, value):
    m = loads(f"claims:\n  a: {{text: A., weight: {written}}}\n  b: B.\n"
              f"arguments: [{{supports: a, premises: [b], weight: {written}}}]\n")
    assert m.node("a")["weight"] == value and m.node("b--supports--a")["weight"] == value


@pytest.mark.parametrize("written, value", [("3", 3), ("017", 17), ("0o17", 15), ("0x1f", 31),
                                            ("2.0", 2)])
def test_paragraphs_are_read_as_yaml_1_2_numbers(written, value):
    assert loads(f"claims:\n  a: {{text: A., source: {{para: {written}}}}}\n").node("a")["para"] \
        == value


@pytest.mark.parametrize("written", ["1:30", "1_000", "0b11", ".inf", "2.5"])
def test_yaml_1_1_only_numbers_are_not_numbers(diagnostic, where, written):
    text = f"claims:\n  a: {{text: A., source: {{para: {written}}}}}\n"
    d = diagnostic(text, "bad-value")
    assert (d.line, d.col) == where(text, written) and repr(written) in d.message


def test_a_sexagesimal_paragraph_explains_what_yaml_1_1_makes_of_it(diagnostic):
    d = diagnostic("claims:\n  a: {text: A., source: {para: 1:30}}\n", "bad-value")
    assert "90" in d.hint


def test_a_number_written_as_text_keeps_its_yaml_1_2_spelling():
    m = loads("claims:\n  a: 5e-1\n  b: 1:30\n  c: 0o17\n  d: {text: 1_000}\n")
    assert [m.text(c) for c in "abcd"] == ["5e-1", "1:30", "0o17", "1_000"]


@pytest.mark.parametrize("text, needle, word", [
    ("claims:\n  a: No\n", "No", "No"),
    ("claims:\n  a: {text: yes}\n", "yes", "yes"),
    ("claims:\n  a: {text: true}\n", "true", "true"),
    ("title: off\nclaims: {a: A.}\n", "off", "off"),
])
def test_text_that_yaml_reads_as_a_boolean_says_so_and_to_quote_it(diagnostic, where, text, needle,
                                                                    word):
    d = diagnostic(text, "wrong-type")
    assert (d.line, d.col) == where(text, needle)
    assert "boolean" in d.message and f'"{word}"' in d.hint


@pytest.mark.parametrize("word", ["yes", "No", "on", "OFF"])
def test_given_takes_only_true_or_false(diagnostic, word):
    d = diagnostic(f"claims:\n  a: {{text: A., given: {word}}}\n", "wrong-type")
    assert "boolean" in d.message and ("write true" in d.hint or "write false" in d.hint)


@pytest.mark.parametrize("word", ["true", "False", "null", "NULL"])
def test_an_id_that_yaml_reads_as_a_boolean_or_null_must_be_quoted(diagnostic, word):
    text = f"claims:\n  a: A.\n  b: B.\narguments: [{{supports: a, premises: [{word}]}}]\n"
    d = [x for x in parse(text, "m.yaml")[1] if x.is_error][0]
    assert d.code in ("invalid-id", "wrong-type") and "quote" in d.hint
    assert loads(text.replace(f"[{word}]", f"['{word}']").replace("b: B.", f"'{word}': B.")) \
        is not None


def test_yaml_1_1_boolean_words_are_ids_as_written():
    m = loads("claims: {yes: Y., no: N., on: O.}\narguments: [{supports: yes, premises: [no, on]}]\n")
    assert sorted(m.claims()) == ["no", "on", "yes"] and m.premises("no+on--supports--yes") == \
        ["no", "on"]


def test_integer_ids_are_ids():
    m = loads("thesis: 1\nclaims:\n  1: One.\n  2: Two.\narguments: [{supports: 1, premises: [2]}]\n")
    assert m.thesis == "1" and m.premises("2--supports--1") == ["2"]


def test_a_tab_in_the_indentation_says_tabs_are_not_allowed(diagnostic, where):
    text = "claims:\n\ta: A.\n"
    d = diagnostic(text, "yaml-syntax")
    assert (d.line, d.col) == where(text, "\t")
    assert "tab" in d.message and "spaces" in d.hint


def test_a_tab_deeper_in_a_block_says_so_too(diagnostic):
    d = diagnostic("claims:\n  a:\n  \ttext: A.\n", "yaml-syntax")
    assert "tab" in d.message and d.line == 3


@pytest.mark.parametrize("key", ["premises", "tags"])
def test_a_comma_separated_string_suggests_a_list(diagnostic, where, key):
    where_key = {"premises": "arguments: [{supports: a, premises: \"b, c\"}]\n",
                 "tags": "arguments: []\n"}[key]
    text = "claims:\n  a: {text: A., tags: \"x, y\"}\n  b: B.\n  c: C.\n" + where_key
    if key == "tags":
        needle, want = '"x, y"', "[x, y]"
    else:
        text = text.replace(', tags: "x, y"', "")
        needle, want = '"b, c"', "[b, c]"
    d = diagnostic(text, "invalid-id")
    assert (d.line, d.col) == where(text, needle) and want in d.hint


@pytest.mark.parametrize("cid", ["text", "source", "premises", "supports", "weight"])
def test_a_claim_id_that_is_a_key_name_is_a_warning(diagnostic, where, cid):
    text = f"claims:\n  a:\n    note: n\n  {cid}: A.\n"
    d = diagnostic(text, "key-as-id", check=True)
    assert d.severity == "warning" and (d.line, d.col) == where(text, f"{cid}: A.")
    assert "indent" in d.hint


def test_text_indented_as_a_sibling_of_its_claim_is_explained(diagnostics):
    found = {d.code for d in diagnostics("claims:\n  a:\n  text: A.\n", check=True)}
    assert "key-as-id" in found


def test_a_utf16_file_without_a_bom_is_named(write_map):
    p = write_map("title: Tea\nclaims:\n  a: A.\n".encode("utf-16-le"))
    with pytest.raises(MapReadError) as e:
        load(p)
    assert "UTF-16" in str(e.value) and "UTF-8" in e.value.hint
    assert "control character" not in str(e.value) + e.value.hint


def test_a_utf16_file_with_a_bom_is_named(write_map):
    with pytest.raises(MapReadError) as e:
        load(write_map("claims:\n  a: A.\n".encode("utf-16")))
    assert "UTF-16" in str(e.value)


def test_read_errors_carry_their_position(write_map):
    p = write_map(b"title: Tea\nclaims:\n  a: caf\xe9\n")
    with pytest.raises(MapReadError) as e:
        load(p)
    assert (e.value.file, e.value.line, e.value.col) == (str(p), 3, 9)
    d = e.value.diagnostic()
    assert (d.code, d.severity, d.file, d.line, d.col) == ("read-error", "error", str(p), 3, 9)
    with pytest.raises(MapReadError) as e:
        load(p.parent / "missing.yaml")
    assert e.value.line is None and e.value.diagnostic().file == str(p.parent / "missing.yaml")


# -- duplicates ---------------------------------------------------------------------------------

def test_the_same_premises_in_another_order_are_the_same_argument(diagnostic, where):
    text = ARGS_AB.replace("b: B.", "b: B., c: C.") + "  - {supports: a, premises: [b, c]}\n" \
                                                     "  - {supports: a, premises: [c, b]}\n"
    d = diagnostic(text, "duplicate-id")
    assert (d.line, d.col) == where(text, "{supports: a, premises: [c, b]}")
    assert "line 3" in d.message


def test_a_support_and_an_attack_with_the_same_premises_are_different_arguments(codes):
    assert codes(ARGS_AB + "  - {supports: a, premises: [b]}\n  - {attacks: a, premises: [b]}\n") \
        == []


def test_a_repeated_tag_is_a_warning(diagnostic, where):
    text = "claims:\n  a: {text: A., tags: [x, y, x]}\n"
    d = diagnostic(text, "duplicate-tag", check=True)
    assert d.severity == "warning" and (d.line, d.col) == where(text, "x]")
    assert loads(text).node("a")["tags"] == ("x", "y")


# -- the analyst's claims and ignored lints -----------------------------------------------------

def test_by_analyst_reaches_the_graph(diagnostic):
    m = loads("claims:\n  a: {text: A., by: analyst}\n  b: B.\n")
    assert m.node("a")["by"] == "analyst" and m.node("b")["by"] is None
    d = diagnostic("claims:\n  a: {text: A., by: me}\n", "bad-value")
    assert "analyst" in d.hint


def test_ignore_is_read_on_the_map_claims_and_arguments():
    m = loads("ignore: {unused-claim: a draft}\nclaims:\n"
              "  a: {text: A., ignore: {unsourced-premise: my own reasoning}}\n  b: B.\n"
              "arguments: [{id: x, supports: a, premises: [b], ignore: {unanswered-objection: open}}]\n")
    assert m.graph.graph["ignore"] == {"unused-claim": "a draft"}
    assert m.node("a")["ignore"] == {"unsourced-premise": "my own reasoning"}
    assert m.node("x")["ignore"] == {"unanswered-objection": "open"}
    assert m.node("b")["ignore"] is None


def test_ignoring_an_unknown_code_is_a_warning_with_a_did_you_mean(diagnostic, where):
    text = "ignore: {unanswered-objections: open}\nclaims: {a: A.}\n"
    d = diagnostic(text, "unknown-lint", check=True)
    assert d.severity == "warning" and (d.line, d.col) == where(text, "unanswered-objections")
    assert "did you mean 'unanswered-objection'?" in d.hint


def test_an_error_cannot_be_ignored(diagnostic, where):
    text = "claims:\n  a: {text: A., ignore: {unknown-ref: never mind}}\n"
    d = diagnostic(text, "bad-value")
    assert d.is_error and (d.line, d.col) == where(text, "unknown-ref")
    assert "error" in d.message


def test_an_ignore_needs_a_reason(diagnostic):
    d = diagnostic("claims:\n  a: {text: A., ignore: {unused-claim: }}\n", "missing-text")
    assert "reason" in d.message


@pytest.mark.parametrize("escape, name", [("\\e[2J", "U+001B"), ("\\e]52;c;aGk=\\a", "U+001B"),
                                          ("\\x00", "U+0000"), ("\\a", "U+0007"),
                                          ("\\f", "U+000C"), ("\\x9b", "U+009B")])
@pytest.mark.parametrize("field", ["claim", "note", "quote", "title", "theme", "map title"])
def test_control_characters_in_any_text_are_refused_with_a_position(escape, name, field):
    # terminal escapes (clear screen, OSC 52 clipboard writes), NUL and friends never reach a
    # terminal, Graphviz or XML: the one rule is at the loader, for every text field
    value = f'"x {escape} y"'
    maps = {
        "claim": f"claims:\n  a: {value}\n",
        "note": f"claims:\n  a: {{text: A., note: {value}}}\n",
        "quote": f"claims:\n  a: {{text: A., source: {{quote: {value}}}}}\n",
        "title": f"claims: {{a: A., b: B.}}\narguments:\n"
                 f"  - {{supports: a, premises: [b], title: {value}}}\n",
        "theme": f"themes: {{t: {value}}}\nclaims:\n  a: {{text: A., theme: t}}\n",
        "map title": f"title: {value}\nclaims: {{a: A.}}\n",
    }
    with pytest.raises(MapError) as e:
        loads(maps[field], "m.yaml")
    (d,) = [d for d in e.value.diagnostics if d.code == "control-char"]
    assert name in d.message and d.line is not None and d.col is not None


def test_tabs_and_line_breaks_in_text_are_fine():
    m = loads('claims:\n  a: "one\\ttwo\\nthree"\n')
    assert m.text("a") == "one\ttwo\nthree"


def _alias_map(premises: int, uses: int) -> str:
    claims = "".join(f"  c{i}: C{i}.\n" for i in range(premises))
    ids = ", ".join(f"c{i}" for i in range(premises))
    args = f"  - {{id: a0, supports: t, premises: &ps [{ids}]}}\n" + "".join(
        f"  - {{id: a{j}, supports: t, premises: *ps}}\n" for j in range(1, uses))
    return f"claims:\n  t: T.\n{claims}arguments:\n{args}"


def test_lists_reused_through_aliases_are_bounded(monkeypatch):
    # 1,000 premises reused by 2,000 arguments: 2 million edges from a 100 KB file
    with pytest.raises(MapError) as e:
        loads(_alias_map(1000, 2000), "bomb.yaml")
    (d,) = [d for d in e.value.diagnostics if d.code == "too-many-aliases"]
    assert "excessive aliasing" in d.message and "ARGMAP_MAX_ALIASED" in d.hint and d.line
    assert len(e.value.diagnostics) == 1  # one message, not one per argument
    m = loads(_alias_map(10, 3))  # ordinary reuse is fine
    assert m.premises("a2") == [f"c{i}" for i in range(10)]
    with pytest.raises(MapError, match="excessive aliasing"):
        loads(_alias_map(400, 400))  # 160,000 ids through aliases
    monkeypatch.setenv("ARGMAP_MAX_ALIASED", "200000")  # the setting raises the limit
    assert len(loads(_alias_map(400, 400)).premises("a399")) == 400


@pytest.mark.parametrize("case", ["alias-bomb", "dev-zero"])
def test_hostile_inputs_fail_cleanly_within_a_memory_limit(tmp_path, case):
    # in a child process with 1.5 GB of address space and a timeout: a regression fails this
    # test instead of the machine
    import os
    import subprocess
    import sys

    resource = pytest.importorskip("resource", reason="no setrlimit on this platform")
    if case == "alias-bomb":
        path = tmp_path / "bomb.yaml"
        path.write_text(_alias_map(1000, 3000))  # 3 million edges from about 150 KB
        expected = "excessive aliasing"
    else:
        path, expected = "/dev/zero", "is a character device"
        if not os.path.exists(path):
            pytest.skip("no /dev/zero here")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))

    r = subprocess.run([sys.executable, "-m", "argmap", "check", str(path)], capture_output=True,
                       text=True, timeout=120, preexec_fn=limit)
    assert r.returncode == 1 and expected in r.stdout, (r.stdout[-500:], r.stderr[-500:])
