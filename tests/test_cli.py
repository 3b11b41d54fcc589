"""The command line: exit codes, messages, --json, stdin, atomic output."""

import json
import os
import re
import subprocess
import sys

import pytest

from samples import TEA


def test_check_ok_on_the_bundled_map_even_strict(run):
    r = run("check", "--strict")
    assert r.exit_code == 0
    assert r.output.strip().endswith("north_korea_oped.yaml: ok, no problems found")


def test_check_reports_file_line_col_code_and_hint(run, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("claims:\n  a: {txt: Hello.}\n")
    r = run("check", str(p))
    assert r.exit_code == 1
    assert f"{p}:2:7: error unknown-key: unknown key 'txt' in claim 'a'" in r.output
    assert "hint: did you mean 'text'?" in r.output


def test_warnings_pass_unless_strict(run, tmp_path):
    p = tmp_path / "w.yaml"
    p.write_text("thesis: a\nclaims: {a: A., b: B.}\n")
    r = run("check", str(p))
    assert r.exit_code == 0 and "warning unused-claim" in r.output
    assert run("check", str(p), "--strict").exit_code == 1


def test_check_sends_every_finding_and_the_summary_to_stdout(tmp_path):
    # as ruff and mypy do: `check > report.txt` keeps errors and warnings alike
    p = tmp_path / "both.yaml"
    p.write_text("thesis: a\nclaims: {a: A., b: B., c: {txt: C.}}\n")
    r = subprocess.run([sys.executable, "-m", "argmap", "check", str(p)], capture_output=True,
                       text=True)
    assert r.returncode == 1 and r.stderr == ""
    assert "error unknown-key" in r.stdout and r.stdout.rstrip().endswith("1 error, 0 warnings")
    p.write_text("thesis: a\nclaims: {a: A., b: B.}\n")
    r = subprocess.run([sys.executable, "-m", "argmap", "check", str(p)], capture_output=True,
                       text=True)
    assert r.returncode == 0 and r.stderr == "" and "warning unused-claim" in r.stdout


def test_check_several_files_and_folders(run, tmp_path):
    good, bad = tmp_path / "maps" / "good.yaml", tmp_path / "maps" / "sub" / "bad.yml"
    bad.parent.mkdir(parents=True)
    good.write_text(TEA)
    bad.write_text("claims: {a: {txt: A.}}\n")
    (tmp_path / "maps" / "notes.txt").write_text("not a map")
    r = run("check", str(good))
    assert r.exit_code == 0
    r = run("check", str(tmp_path / "maps"))
    assert r.exit_code == 1
    assert f"{good}: 0 errors" in r.output and f"{bad}: 1 error" in r.output
    assert "notes.txt" not in r.output and "2 maps checked, 1 with problems" in r.output
    r = run("check", str(good), str(tmp_path / "missing.yaml"), "--json")
    data = json.loads(r.output)
    assert r.exit_code == 1 and data["ok"] is False and len(data["files"]) == 2
    assert data["files"][0]["ok"] and data["files"][1]["diagnostics"][0]["code"] == "read-error"


def test_check_format_github(run, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("thesis: a\nclaims:\n  a: {txt: A, b}\n  b: B.\n")
    r = run("check", str(p), "--format", "github")
    assert r.exit_code == 1
    assert f"::error file={p},line=3,col=7,title=unknown-key::unknown key 'txt'" in r.output


def test_commands_leave_the_garbage_collector_as_they_found_it(run):
    import gc

    assert gc.isenabled()
    assert run("check").exit_code == 0 and run("show", "--json").exit_code == 0
    assert gc.isenabled()  # paused only while a command runs


def test_check_json_shape(run, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("claims:\n  a: A.\n  a: B.\n")
    r = run("check", str(p), "--json")
    data = json.loads(r.output)
    assert r.exit_code == 1 and data["ok"] is False and data["errors"] == 1
    (d,) = data["diagnostics"]
    assert (d["code"], d["line"], d["col"], d["severity"]) == ("duplicate-id", 3, 3, "error")


def test_missing_file_directory_and_not_utf8_are_clear_errors(run, tmp_path):
    r = run("show", str(tmp_path / "nope.yaml"))
    assert r.exit_code == 1 and "nope.yaml: no such file" in r.output
    r = run("show", str(tmp_path))
    assert r.exit_code == 1 and "is a directory" in r.output
    r = run("check", str(tmp_path))  # a folder is searched for maps; this one has none
    assert r.exit_code == 2 and "no map in folder" in r.output
    p = tmp_path / "latin1.yaml"
    p.write_bytes("claims:\n  a: caf\xe9\n".encode("latin-1"))
    r = run("check", str(p))
    assert r.exit_code == 1 and "latin1.yaml:2:9: error read-error: not UTF-8" in r.output
    r = run("check", str(p), "--json")
    assert r.exit_code == 1 and json.loads(r.output)["diagnostics"][0]["code"] == "read-error"


def test_show_prints_the_bundled_map(run):
    import argmap

    r = run("show")
    assert r.exit_code == 0
    assert r.output.startswith("The North Korea Missile Standoff\n")
    assert "THESIS" in r.output and "direct-talks" in r.output
    # to a pipe, each claim is one whole line, never wrapped, so grep finds it (at a terminal
    # the tree wraps to the width: test_terminal.py)
    m = argmap.load()
    lines = r.output.splitlines()
    for c in m.claims():
        assert any(m.text(c) in line and line.endswith(c) for line in lines), c


def test_show_json_is_the_tree(run, tea):
    r = run("show", str(tea), "--json")
    data = json.loads(r.output)
    assert data["thesis"] == "tea" and data["roots"][0]["id"] == "tea"
    assert [a["id"] for a in data["roots"][0]["objections"]] == ["stains"]


def test_show_reads_stdin(run):
    r = run("show", "-", input=TEA)
    assert r.exit_code == 0 and "Drink tea." in r.output


def test_unknown_focus_suggests_and_exits_1(run, tea):
    r = run("show", str(tea), "--focus", "aford")
    assert r.exit_code == 1
    assert "Error: no claim or argument 'aford'; did you mean 'afford'?" in r.output


def test_bad_usage_exits_2(run, tea):
    assert run("show", "--depth", "-1").exit_code == 2
    assert run("nonsense").exit_code == 2
    r = run("export", str(tea), "-o", "out.xyz")
    assert r.exit_code == 2 and "--format" in r.output


def test_invalid_map_lists_every_error_and_exits_1(run, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("claims:\n  a: A.\narguments:\n  - {supports: zz, premises: [a]}\n"
                 "  - {supports: a, premises: []}\n")
    r = run("show", str(p))
    assert r.exit_code == 1
    assert "bad.yaml:4:16: error unknown-ref" in r.output
    assert "bad.yaml:5:29: error no-premises" in r.output
    assert "the map has 2 errors" in r.output
    assert "Traceback" not in r.output


def test_export_writes_each_format(run, tea, tmp_path):
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph",
             "json": b"{"}
    for fmt, head in magic.items():
        out = tmp_path / f"m.{fmt}"
        r = run("export", str(tea), "-o", str(out))
        assert r.exit_code == 0, r.output
        assert out.read_bytes().startswith(head), fmt
    out = tmp_path / "m.txt"
    assert run("export", str(tea), "-o", str(out), "--format", "dot").exit_code == 0
    assert out.read_text().startswith("digraph")


def test_failed_export_leaves_the_old_file_untouched(run, tea, tmp_path):
    out = tmp_path / "map.svg"
    out.write_text("precious")
    r = run("export", str(tea), "-o", str(out), "--focus", "nope")
    assert r.exit_code == 1 and out.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".argmap-")] == []


def test_export_to_missing_folder_is_a_clear_error(run, tea, tmp_path):
    r = run("export", str(tea), "-o", str(tmp_path / "no" / "map.svg"))
    assert r.exit_code == 1 and "does not exist" in r.output


def _run_argmap(*args, **kw):
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True,
                          text=True, **kw)


def test_python_dash_m_and_no_engine_noise_on_stderr(tmp_path):
    out = tmp_path / "map.png"
    r = _run_argmap("export", "-o", str(out))
    assert r.returncode == 0
    assert r.stderr.strip() == f"Wrote {out} (PNG, {out.stat().st_size:,} bytes)"


def test_help_does_not_load_heavy_modules():
    code = ("import sys; from argmap.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('yaml', 'networkx', 'rich', 'pygraphviz', 'graphviz')"
            " if m in sys.modules]\nprint('HEAVY', heavy)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in r.stdout


def test_show_loads_no_graphviz():
    code = ("import sys; from argmap.cli import cli\n"
            "try:\n    cli(['show'])\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', [m for m in ('pygraphviz', 'graphviz') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "COLUMNS": "80"})
    assert "HEAVY []" in r.stdout


def test_show_focus_on_an_argument(run, tea):
    r = run("show", str(tea), "--focus", "stains")
    assert r.exit_code == 0
    assert r.output.splitlines()[2] == "− objection  stains"


def test_an_internal_error_is_reported_without_a_traceback(run, monkeypatch):
    import argmap.outline

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(argmap.outline, "outline", boom)
    r = run("show")
    assert r.exit_code == 1 and "internal error (RuntimeError: kaboom)" in r.output
    assert "Traceback" not in r.output


def test_show_json_of_a_very_deep_chain(run, tmp_path):
    n = 3000  # nests ~9,000 levels deep: past the recursion limit of the JSON encoder
    claims = "\n".join(f"  c{i}: Claim {i}." for i in range(n))
    args = "\n".join(f"  - {{supports: c{i}, premises: [c{i + 1}]}}" for i in range(n - 1))
    p = tmp_path / "chain.yaml"
    p.write_text(f"thesis: c0\nclaims:\n{claims}\narguments:\n{args}\n")
    r = run("show", str(p), "--json")
    assert r.exit_code == 0
    # Python's own decoder cannot read this back on every version (3.12's C decoder has a fixed
    # depth limit, 3.10's pure-Python one crashes), so read the structure off the text: the
    # claims in order, one level of premises each, brackets balanced (no text here has any)
    out = r.output
    assert [int(m) for m in re.findall(r'"id": "c(\d+)"', out)] == list(range(n))
    assert out.count('"supports": [{') == n - 1
    depth = deepest = 0
    for ch in out:
        depth += (ch in "[{") - (ch in "]}")
        deepest = max(deepest, depth)
        assert depth >= 0
    assert depth == 0 and deepest >= 3 * (n - 1)


def test_output_a_stream_cannot_encode_degrades_to_ascii():
    # a Windows console (cp1252) or a pipe in ASCII: stand-ins, never a UnicodeEncodeError
    for encoding in ("cp1252", "ascii"):
        env = dict(os.environ, PYTHONIOENCODING=encoding)
        for args in (["show", "--focus", "prestige-objection"], ["eval"], ["why", "small-price"]):
            r = subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True,
                               env=env)
            assert r.returncode == 0, (encoding, args, r.stderr)
            out = r.stdout.decode(encoding)  # everything written is valid in that encoding
            assert "internal error" not in out
        assert "- objection: talks reward Kim with prestige" in \
            subprocess.run([sys.executable, "-m", "argmap", "show", "--focus",
                            "prestige-objection"], capture_output=True, env=env
                           ).stdout.decode(encoding)


def test_schema_prints_the_schema_or_its_path(run):
    r = run("schema")
    assert r.exit_code == 0 and json.loads(r.output)["title"] == "argmap argument map"
    r = run("schema", "--path")
    path = r.output.strip()
    assert r.exit_code == 0 and os.path.isfile(path) and json.load(open(path))["$schema"]


def _argmap(args, **kw):
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True,
                          text=True, **kw)


def test_closed_and_full_streams_are_clear_errors_not_bugs():
    # stdout closed (>&-): exit 1 with a one-line reason, not a silent 0
    r = subprocess.run([sys.executable, "-m", "argmap", "show"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True,
                       preexec_fn=lambda: os.close(1))
    assert r.returncode == 1 and "standard output: it is closed" in r.stderr
    assert "bug in argmap" not in r.stderr
    if os.path.exists("/dev/full"):
        for args in (["show"], ["list"], ["show", "--json"], ["eval"]):
            with open("/dev/full", "w") as full:
                r = subprocess.run([sys.executable, "-m", "argmap", *args], stdout=full,
                                   stderr=subprocess.PIPE, text=True)
            assert r.returncode == 1, args
            assert "No space left on device" in r.stderr and "bug in argmap" not in r.stderr
            assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr
        with open("/dev/full", "w") as full:  # an error that cannot even be reported
            r = subprocess.run([sys.executable, "-m", "argmap", "show", "/nonexistent.yaml"],
                               stdout=subprocess.PIPE, stderr=full, text=True)
        assert r.returncode == 1
    r = subprocess.run([sys.executable, "-m", "argmap", "check", "-"], capture_output=True,
                       text=True, preexec_fn=lambda: os.close(0))
    assert r.returncode == 1 and "standard input is closed" in r.stdout


def test_a_c_locale_without_utf8_degrades_instead_of_failing():
    env = dict(os.environ, LC_ALL="C", PYTHONUTF8="0")
    env.pop("PYTHONIOENCODING", None)
    for args in (["show"], ["eval", "--critical"], ["check", "--strict"]):
        r = _argmap(args, env=env)
        assert r.returncode == 0 and "bug in argmap" not in r.stderr, (args, r.stderr)


CYCLES = {
    # two arguments that undercut each other
    "mutual-undercut": "claims: {t: T., a: A., b: B.}\narguments: [{id: a1, supports: t, premises: [a]},"
                       "{id: x1, attacks: x2, premises: [a]}, {id: x2, attacks: x1, premises: [b]}]\n",
    # an argument backed by an argument that its own conclusion supports
    "backing-loop": "claims: {t: T., a: A., b: B.}\narguments: [{id: s1, supports: t, premises: [a]},"
                    "{id: s2, supports: s1, premises: [t]}, {id: u, attacks: s2, premises: [b]},"
                    "{id: v, attacks: u, premises: [t]}]\n",
    # claims in a circle, attacked from inside the circle
    "claim-circle": "claims: {a: A., b: B., c: C.}\narguments: [{id: ab, supports: b, premises: [a]},"
                    "{id: bc, supports: c, premises: [b]}, {id: ca, supports: a, premises: [c]},"
                    "{id: cb, attacks: ab, premises: [c]}]\n",
}


@pytest.mark.parametrize("name", sorted(CYCLES))
def test_every_traversal_terminates_on_cycles_through_claims_and_arguments(run, tmp_path, name):
    import signal

    import argmap

    p = tmp_path / f"{name}.yaml"
    p.write_text(CYCLES[name])
    m = argmap.loads(CYCLES[name])
    ids = list(m.graph)
    claims = list(m.claims())
    commands = [["show", p], ["show", p, "--eval"], ["unanswered", p], ["stats", p], ["list", p],
                ["eval", p], ["eval", p, "--critical"], ["eval", p, "--semantics", "preferred"],
                ["export", p, "-o", tmp_path / "m.dot"], ["export", p, "-o", tmp_path / "m.json"]]
    for i in ids:
        commands += [["show", p, "--focus", i], ["why", p, i], ["explain", p, i],
                     ["export", p, "-o", tmp_path / "f.dot", "--focus", i],
                     ["list", p, "--focus", i]]
        commands += [["path", p, i, j] for j in ids if j != i]
    commands += [["objections", p, c] for c in claims]

    def hang(signum, frame):
        raise AssertionError(f"did not finish in 10 s: {command}")

    old = signal.signal(signal.SIGALRM, hang)
    try:
        for command in commands:
            signal.setitimer(signal.ITIMER_REAL, 10)
            r = run(*command)
            signal.setitimer(signal.ITIMER_REAL, 0)
            assert r.exit_code == 0, (command, r.output)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_a_command_on_a_map_with_many_errors_lists_the_first_twenty_and_points_to_check(
        run, tmp_path):
    p = tmp_path / "many errors.yaml"
    p.write_text("claims:\n" + "".join(f"  c{i}: {{txt: C{i}.}}\n" for i in range(50)))
    r = run("show", str(p))
    assert r.exit_code == 1
    shown = [line for line in r.output.splitlines() if "error unknown-key" in line]
    assert len(shown) == 20 and "'c0'" in shown[0] and "'c19'" in shown[-1]
    assert "the map has 50 errors; nothing was done." in r.output
    assert f"The other 30 are not shown: argmap check '{p}' lists them all." in r.output
    full = run("check", str(p))
    assert sum("error unknown-key" in line for line in full.output.splitlines()) == 50
    p.write_text("claims:\n" + "".join(f"  c{i}: {{txt: C{i}.}}\n" for i in range(20)))
    r = run("show", str(p))
    assert sum("error unknown-key" in line for line in r.output.splitlines()) == 20
    assert "not shown" not in r.output
