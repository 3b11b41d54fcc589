"""The registry (which format a file is in), `argmap convert`, and every command reading any
format. Each format's own reader and writer has its test file (test_format_*.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader import bounded  # the bounds on time and memory of the YAML reader's fuzz cases

from argmap.errors import ArgmapError
from argmap.formats import FORMATS, by_extension, choose, names, parse, sniff
from argmap.loader import bundled_map_path, decode
from argmap.validate import validate

AIF = json.dumps({
    "nodes": [
        {"nodeID": "1", "text": "We should drink tea.", "type": "I"},
        {"nodeID": "2", "text": "Tea is warm.", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        {"nodeID": "4", "text": "Tea has caffeine.", "type": "I"},
        {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
    ],
    "edges": [
        {"edgeID": "e1", "fromID": "2", "toID": "3"},
        {"edgeID": "e2", "fromID": "3", "toID": "1"},
        {"edgeID": "e3", "fromID": "4", "toID": "5"},
        {"edgeID": "e4", "fromID": "5", "toID": "1"},
    ],
    "locutions": [],
})
ARGDOWN_JSON = json.dumps({"statements": {}, "arguments": {}, "relations": []})
KIALO = "Discussion Title: Tea?\n\n1. We should drink tea.\n1.1. Pro: Tea is warm.\n" \
        "1.2. Con: Tea has caffeine.\n"


def test_every_format_has_a_module_with_what_the_registry_says():
    for f in FORMATS:
        module = f.module
        assert hasattr(module, "read") == f.reads or f.name == "yaml", f.name
        assert hasattr(module, "write") == f.writes or f.name == "yaml", f.name
    assert set(names("read")) >= {"yaml", "aif", "argdown-json", "kialo", "brat"}
    assert set(names("write")) >= {"yaml", "aif", "argdown", "graphml", "mermaid", "node-link"}


@pytest.mark.parametrize("text, name, expected, sure", [
    (AIF, "x.json", "aif", True),
    (json.dumps({"AIF": json.loads(AIF), "text": "..."}), "ova.json", "aif", True),
    (ARGDOWN_JSON, "x.json", "argdown-json", True),
    ("{}", "x.json", "aif", False),
    ("{not json", "x.json", "aif", False),  # the AIF reader then says where the JSON breaks
    ("{claims: {a: A.}}", "x.txt", "yaml", True),  # YAML in flow style is not JSON
    (KIALO, "x.txt", "kialo", True),
    ("\ufeffDiscussion Title: Tea?\r\n\r\n1. Tea.\r\n", "x", "kialo", True),
    ("T1\tMajorClaim 0 4\tTea.\n", "x.ann", "brat", True),
    ("claims: {a: A.}\n", "map.yaml", "yaml", True),
    ("claims: {a: A.}\n", "notes.txt", "yaml", False),
])
def test_the_content_says_which_format_a_file_is_in(text, name, expected, sure):
    found = sniff(text, name)
    assert (found.name, found.sure) == (expected, sure)


def test_the_extension_decides_except_for_json_and_txt():
    assert by_extension("a/b.YAML", "read").name == "yaml"
    assert by_extension("b.ann", "read").name == "brat"
    assert by_extension("b.argdown", "write").name == "argdown"
    assert by_extension("b.graphml", "write").name == "graphml"
    assert by_extension("b.json", "write").name == "aif"  # node-link needs --to node-link
    assert by_extension("b.argdown", "read") is None  # Argdown is read as the CLI's JSON
    assert choose(ARGDOWN_JSON, "x.json")[0].name == "argdown-json"
    fmt, note = choose("{}", "x.json")
    assert fmt.name == "aif" and "--from" in note and "x.json" in note
    assert choose(KIALO, "x.yaml")[0].name == "yaml"  # the extension says YAML: it is read so
    assert choose(KIALO, "x.yaml", "kialo")[0].name == "kialo"


def test_every_command_that_reads_a_map_reads_aif_and_kialo(run, tmp_path):
    aif = tmp_path / "tea.json"
    aif.write_text(AIF, encoding="utf-8")
    kialo = tmp_path / "tea.txt"
    kialo.write_text(KIALO, encoding="utf-8")
    for path in (aif, kialo):
        r = run("show", str(path))
        assert r.exit_code == 0, r.output
        assert "We should drink tea." in r.output and "Tea is warm." in r.output
        r = run("check", str(path), "--json")
        assert r.exit_code in (0, 1) and json.loads(r.stdout)
        r = run("list", str(path), "--json", "--kind", "claim")
        texts = {c["text"] for c in json.loads(r.stdout)["items"]}
        assert texts == {"We should drink tea.", "Tea is warm.", "Tea has caffeine."}
        assert run("eval", str(path), "--json").exit_code == 0
        assert run("stats", str(path), "--json").exit_code == 0
        assert run("unanswered", str(path), "--json").exit_code == 0
        r = run("export", str(path), "-o", str(tmp_path / "out.dot"))
        assert r.exit_code == 0 and "Tea is warm." in (tmp_path / "out.dot").read_text()
    # both are the same map: diff reads the two formats side by side
    r = run("diff", str(aif), str(kialo), "--json")
    changed = json.loads(r.stdout)
    assert not changed["claims"]["added"] and not changed["claims"]["removed"]


def test_from_says_the_format_when_the_name_does_not(run, tmp_path):
    odd = tmp_path / "discussion.data"
    odd.write_text(KIALO, encoding="utf-8")
    r = run("show", str(odd), "--from", "kialo")
    assert r.exit_code == 0 and "Tea has caffeine." in r.output
    r = run("show", str(odd), "--from", "nope")
    assert r.exit_code == 2 and "nope" in r.output


def test_a_guess_is_said(run, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("claims: {a: A.}\n", encoding="utf-8")
    r = run("show", str(path))
    assert r.exit_code == 0
    assert "read as argmap YAML" in r.stderr and "--from" in r.stderr


def test_convert_to_yaml_is_idempotent_and_reads_back_the_same(run, tmp_path):
    aif = tmp_path / "tea.json"
    aif.write_text(AIF, encoding="utf-8")
    first, second = tmp_path / "tea.yaml", tmp_path / "again.yaml"
    r = run("convert", str(aif), str(first))
    assert r.exit_code == 0, r.output
    assert "Wrote" in r.stderr and "AIF JSON" in r.stderr
    assert run("convert", str(first), str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    shown = run("show", str(first)).output
    assert "Tea is warm." in shown and "Tea has caffeine." in shown


def test_convert_reads_stdin_and_writes_stdout(run):
    r = run("convert", "-", "-", "--from", "kialo", "--to", "yaml", input=KIALO)
    assert r.exit_code == 0, r.output
    assert "claims:" in r.stdout and "Tea has caffeine." in r.stdout
    r = run("convert", "-", "-", input=KIALO)  # the content says Kialo; YAML to a pipe
    assert r.exit_code == 0 and "claims:" in r.stdout


def test_convert_json_reports_the_counts_and_warnings(run, tmp_path):
    out = tmp_path / "map.mmd"
    r = run("convert", str(bundled_map_path()), str(out), "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert (report["from"], report["to"], report["claims"]) == ("yaml", "mermaid", 40)
    assert report["arguments"] == 41 and out.read_text().startswith(("flowchart", "%%", "---"))
    assert isinstance(report["warnings"], list)


@pytest.mark.parametrize("args, code, words", [
    (("convert", "MAP", "out.foo"), 2, "--to"),
    (("convert", "MAP", "-", "--json"), 2, "--json"),
    (("convert", "missing.json", "out.yaml"), 1, "missing.json"),
    (("convert", "MAP", "out.yaml", "--to", "kialo"), 2, "kialo"),
])
def test_convert_usage_and_read_errors_are_clear(run, tmp_path, args, code, words):
    args = [str(bundled_map_path()) if a == "MAP" else a for a in args]
    r = run(*args)
    assert r.exit_code == code and words in r.output and "Traceback" not in r.output


def test_convert_of_broken_json_names_the_file_and_place(run, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"nodes": [\n  {"nodeID": 1,}\n]}', encoding="utf-8")
    r = run("convert", str(bad), str(tmp_path / "out.yaml"))
    assert r.exit_code == 1 and "broken.json:2" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "out.yaml").exists()


def test_convert_never_overwrites_its_input(run, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_bytes(bundled_map_path().read_bytes())
    r = run("convert", str(path), str(path))
    assert r.exit_code == 1 and path.read_bytes() == bundled_map_path().read_bytes()


# -- every reader under the fuzz bounds of the YAML reader ----------------------------------------

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fuzz" / "corpus").iterdir())
READERS = {"y": ("yaml", "fuzz.yaml"), "a": ("aif", "fuzz.json"), "d": ("argdown-json", "f.json"),
           "k": ("kialo", "fuzz.txt"), "b": ("brat", "fuzz.ann")}


def test_the_seed_corpus_has_every_reader():
    assert {s.name[0] for s in SEEDS} == set(READERS)
    for seed in SEEDS:  # and each seed reads as a map of its format
        fmt, name = READERS[seed.name[0]]
        parsed = parse(decode(seed.read_bytes()[1:], name), name, fmt)
        assert parsed.format.name == fmt and len(parsed.map) > 0, seed.name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8),
                                                  st.binary(max_size=8)), max_size=6))
def test_mutated_files_of_every_format_give_a_map_or_a_clear_error(seed, edits):
    data = bytearray(seed.read_bytes())
    fmt, name = READERS[chr(data[0])]
    del data[0]
    for at, cut, chunk in edits:
        i = at % (len(data) + 1)
        data[i:i + cut] = chunk
    with bounded():
        try:
            amap, diagnostics = parse(decode(bytes(data), name), name, fmt)[:2]
            if not any(d.is_error for d in diagnostics):
                validate(amap)
        except ArgmapError as e:
            assert e.message and "Traceback" not in e.message


# -- every readable format to every writable one -------------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures"
READABLE = {
    "yaml": bundled_map_path(),
    "aif": FIXTURES / "aif" / "undercut_chain.json",
    "argdown-json": FIXTURES / "argdown" / "tea.json",
    "kialo": FIXTURES / "kialo" / "tram.txt",
    "brat": FIXTURES / "brat" / "essay.ann",
}


def _structure(amap):
    """Claims by text, and each argument as (relation, premise texts, target's structure)."""
    def target(t):
        if amap.is_claim(t):
            return amap.text(t)
        return (amap.relation(t), frozenset(amap.text(p) for p in amap.premises(t)),
                target(amap.target(t)))
    args = {(amap.relation(a), frozenset(amap.text(p) for p in amap.premises(a)),
             target(amap.target(a))) for a in amap.arguments()}
    return sorted(amap.text(c) for c in amap.claims()), args


@pytest.mark.parametrize("source", sorted(READABLE))
@pytest.mark.parametrize("target", names("write"))
def test_convert_from_every_readable_to_every_writable_format(run, tmp_path, source, target):
    ext = {"node-link": ".json"}.get(target, next(f.extensions[0] for f in FORMATS
                                                  if f.name == target))
    out = tmp_path / f"out{ext}"
    r = run("convert", READABLE[source], out, "--to", target, "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert (report["from"], report["to"]) == (source, target)
    assert out.stat().st_size == report["bytes"] > 0
    original = parse(decode(READABLE[source].read_bytes(), str(READABLE[source])),
                     str(READABLE[source])).map
    if target in ("yaml", "aif"):  # the formats argmap reads back: the same map
        again = parse(out.read_text(encoding="utf-8"), str(out)).map
        assert _structure(again) == _structure(original)
        assert again.rephrases == original.rephrases or target == "aif" and \
            len(again.rephrases) == len(original.rephrases)
