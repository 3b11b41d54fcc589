"""The question commands: list, why, objections, unanswered, unsupported, path, stats."""

import json

import pytest

from argmap.cli import cli

from samples import TEA


def lines(r):
    return r.output.splitlines()


def test_list_filters_and_json(run, tea):
    r = run("list", tea, "--kind", "claim", "--json")
    data = json.loads(r.output)
    assert data["count"] == 7
    assert [i["id"] for i in data["items"]] == sorted(i["id"] for i in data["items"])
    r = run("list", tea, "--role", "undercut", "--json")
    assert {i["id"] for i in json.loads(r.output)["items"]} == {"brushing", "brush", "paste",
                                                               "paste--attacks--brushing"}
    r = run("list", tea, "--text", "CHEAP", "--sort", "file", "--json")
    assert [i["id"] for i in json.loads(r.output)["items"]] == ["cheap", "paste"]
    # a theme selects what it selects everywhere: its claims, its arguments' premises and the
    # answers to its objections; each row keeps its own theme
    r = run("list", tea, "--theme", "h", "--kind", "claim", "--json")
    items = json.loads(r.output)["items"]
    assert [i["id"] for i in items] == ["afford", "brush", "cheap", "paste", "stain", "tea", "warm"]
    assert [i["id"] for i in items if i.get("theme") == "h"] == ["tea"]


def test_list_to_a_pipe_is_one_tab_separated_row_per_line(run):
    import argmap

    m = argmap.load(argmap.loader.bundled_map_path())
    r = run("list", "--sort", "file")
    assert r.exit_code == 0
    rows = [line.split("\t") for line in r.output.splitlines()]
    assert [row[0] for row in rows] == list(m.graph)  # every id whole, one row each, in order
    claim = next(row for row in rows if row[0] == "china-russia-no-sanctions")
    assert claim[4] == m.text("china-russia-no-sanctions")
    grep = [line for line in r.output.splitlines() if "china-russia-no-sanctions" in line]
    assert grep and all(line.split("\t")[0].startswith("china-russia-no-sanctions")
                        or "china-russia-no-sanctions" in line.split("\t")[4:] for line in grep)


@pytest.mark.parametrize("width", [80, 120, 50])
def test_list_table_at_a_terminal_never_cuts_an_id(width):
    from rich.console import Console

    import argmap
    from argmap.queries import list_nodes
    from argmap.render.answers import node_table

    m = argmap.load(argmap.loader.bundled_map_path())
    rows = list_nodes(m, sort="para")
    console = Console(width=width, record=True, color_system=None)
    console.print(node_table(rows, width=width))
    text = console.export_text()
    assert max(len(x.rstrip()) for x in text.splitlines()) <= width
    words = set(text.split())
    # each id appears whole, never split in two (unless it is wider than the terminal)
    assert all(r["id"] in words for r in rows if len(r["id"]) <= width)


def test_why_groups_linked_premises_and_marks_objections(run, tea):
    r = run("why", tea, "tea")
    assert r.exit_code == 0
    out = r.output
    assert "+ reason (linked: all of)" in out
    assert "− objection stains [answered]" in out
    data = json.loads(run("why", tea, "tea", "--json").output)
    assert [p["id"] for p in data["arguments"][1]["premises"]] == ["cheap", "afford"]


def test_why_defaults_to_the_bundled_map_and_checks_the_id(run):
    assert run("why", "direct-talks").exit_code == 0
    r = run("why", "direct-talk")
    assert r.exit_code == 1
    assert "Error: no claim or argument 'direct-talk'; did you mean 'direct-talks'?" in r.output
    r = run("why", "prestige-objectoin")
    assert r.exit_code == 1 and "did you mean 'prestige-objection'?" in r.output


def test_why_usage_errors_exit_2(run):
    r = run("why")
    assert r.exit_code == 2 and "expected [MAP] ID" in r.output
    assert run("why", "a", "b", "c").exit_code == 2


def test_objections_json_and_text(run, tea):
    data = json.loads(run("objections", tea, "tea", "--json").output)
    kinds = {o["id"]: (o["kind"], o["answered"]) for o in data["objections"]}
    assert kinds == {"stains": ("rebuttal", True)}
    r = run("objections", tea, "tea")
    assert "[answered]" in r.output and "answered by: brushing" in r.output
    r = run("objections", tea, "warm")
    assert r.exit_code == 0 and "Nothing attacks warm." in r.output


def test_unanswered_on_the_op_ed_is_empty_and_on_tea_finds_the_open_flank(run, tea):
    r = run("unanswered")
    assert r.exit_code == 0 and "No open flanks" in r.output
    data = json.loads(run("unanswered", tea, "--json").output)
    # 'stains' is answered by the undercut 'brushing'; 'paste' undercuts that answer and
    # nothing answers it, so the case for tea is open there
    assert [o["id"] for o in data["unanswered"]] == ["paste--attacks--brushing"]
    assert data["case"] == "tea"
    r = run("unanswered", tea)
    assert "[OPEN]" in r.output


def test_unsupported_lists_unquoted_basis_premises(run, tea):
    data = json.loads(run("unsupported", tea, "--json").output)
    assert {c["id"] for c in data["claims"]} == {"warm", "cheap", "stain", "brush", "paste"}


def test_path_reports_the_net_effect(run, tea):
    data = json.loads(run("path", tea, "paste", "tea", "--json").output)
    (chain,) = data["chains"]
    # paste undercuts 'brushing', which undercuts 'stains', which attacks tea: three attacks
    assert chain["relations"] == ["attack", "attack", "attack"] and chain["effect"] == "attacks"
    r = run("path", tea, "brush", "tea")
    assert "1. brush supports tea" in r.output
    r = run("path", tea, "tea", "warm")
    assert "does not bear on" in r.output


def test_stats_counts(run, tea):
    data = json.loads(run("stats", tea, "--json").output)
    assert (data["claims"], data["arguments"], data["linked"], data["undercuts"]) == (7, 6, 1, 2)
    assert data["most_used"][0] == {"id": "warm", "uses": 2}
    sub = json.loads(run("stats", tea, "--focus", "afford", "--json").output)
    assert (sub["claims"], sub["arguments"]) == (2, 1)
    assert "deepest chain" in run("stats").output


def test_every_question_reads_stdin(run):
    for args in (["list", "-"], ["why", "-", "tea"], ["objections", "-", "tea"],
                 ["unanswered", "-"], ["unsupported", "-"], ["path", "-", "warm", "tea"],
                 ["stats", "-"]):
        r = run(*args, input=TEA)
        assert r.exit_code == 0, (args, r.output)


def test_shell_completion_offers_ids_from_the_map(tea):
    from click.shell_completion import ShellComplete

    comp = ShellComplete(cli, {}, "argmap", "_ARGMAP_COMPLETE")
    items = comp.get_completions(["why", tea], "af")
    assert [i.value for i in items] == ["afford"]
    items = comp.get_completions(["why"], "direct-t")
    assert [i.value for i in items] == ["direct-talks"]


def test_completion_offers_what_each_command_accepts(tea):
    from click.shell_completion import ShellComplete

    comp = ShellComplete(cli, {}, "argmap", "_ARGMAP_COMPLETE")

    def values(args, incomplete):
        return [i.value for i in comp.get_completions(args, incomplete)]

    assert values(["why", tea], "st") == ["stain", "stains"]  # why explains arguments too
    assert values(["objections", tea], "st") == ["stain"]  # objections takes a claim
    assert values(["stats", tea, "--theme"], "") == ["h"]


def test_why_explains_an_argument(run, tea):
    r = run("why", tea, "stains", "--json")
    tree = json.loads(r.output)
    assert (tree["kind"], tree["relation"], tree["target"]) == ("argument", "attack", "tea")
    (own,) = tree["arguments"]
    assert [p["id"] for p in own["premises"]] == ["stain"] and own["own"]
    r = run("why", tea, "stains")
    assert r.exit_code == 0
    assert "because" in r.output and "Tea stains teeth." in r.output and "against: Drink tea." \
        in r.output
    r = run("objections", tea, "stains")
    assert r.exit_code == 1
    assert "'stains' is an argument; objections takes a claim" in r.output
    assert "argmap why stains" in r.output


def test_diff_exit_codes_and_json(run, tea, tmp_path):
    assert run("diff", tea, tea).exit_code == 0
    new = tmp_path / "new.yaml"
    new.write_text(TEA.replace("Tea is warm.", "Tea is hot.").replace(
        "  paste: Toothpaste is cheap.\n", "  paste: Toothpaste is cheap.\n  milk: Milk.\n")
        .replace("premises: [cheap, afford]", "premises: [cheap, afford, milk]"))
    r = run("diff", tea, str(new))
    assert r.exit_code == 1
    assert "~ warm  Tea is [-warm.-]{+hot.+}" in r.output
    data = json.loads(run("diff", tea, str(new), "--json").output)
    assert [c["id"] for c in data["claims"]["added"]] == ["milk"]
    assert data["arguments"]["changed"][0]["field"] == "premises"
    r = run("diff", "-", str(new), input=TEA)
    assert r.exit_code == 1
    assert run("diff", "-", "-", input=TEA).exit_code == 2
    # trouble is 2, as in GNU diff, so a script can tell it from a difference
    r = run("diff", tea, str(tmp_path / "missing.yaml"))
    assert r.exit_code == 2 and "missing.yaml: no such file" in r.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("claims: {a: {txt: A.}}\n")
    r = run("diff", tea, str(broken))
    assert r.exit_code == 2 and "unknown-key" in r.output


def test_path_to_and_from_arguments_on_the_bundled_map(run):
    r = run("path", "small-price", "prestige-objection")
    assert r.exit_code == 0, r.output  # was an internal error (IndexError)
    assert "1. small-price attacks prestige-objection" in r.output
    data = json.loads(run("path", "prestige-objection", "direct-talks", "--json").output)
    (chain,) = data["chains"]
    assert chain["steps"][0]["premise"] is None  # not the target itself
    r = run("path", "small-price", "direct-talks")
    assert r.output.count("prestige-objection") == 1  # the undercut argument is named once


def test_unsupported_at_a_terminal_never_cuts_an_id():
    from rich.console import Console

    from argmap import loads
    from argmap.queries import unsupported_claims
    from argmap.render.answers import unsupported_table

    m = loads("thesis: build-tram\nclaims: {build-tram: B., fewer-cars: F., cheap: C.}\n"
              "arguments: [{supports: build-tram, premises: [fewer-cars]},"
              "{supports: build-tram, premises: [cheap]}]")
    console = Console(width=80, record=True, color_system=None)
    console.print(unsupported_table(unsupported_claims(m)))
    words = console.export_text().replace(",", " ").split()
    assert {"fewer-cars", "fewer-cars--supports--build-tram", "cheap--supports--build-tram"} \
        <= set(words)


def test_export_theme_completes_themes(tea):
    from click.shell_completion import ShellComplete

    comp = ShellComplete(cli, {}, "argmap", "_ARGMAP_COMPLETE")
    assert [i.value for i in comp.get_completions(["export", tea, "--theme"], "")] == ["h"]


def test_stats_theme_keeps_the_roles_of_the_whole_map(run):
    data = json.loads(run("stats", "--theme", "costs", "--json").output)
    # the prestige objection is made of a costs claim, the small-price reply answers it
    assert data["attacks"] == 2 and data["undercuts"] == 1
    assert data["by_role"]["thesis"] == 1  # not every claim cut off from the thesis


def test_path_names_attacks_by_their_side_and_arguments_once(run, tmp_path):
    p = tmp_path / "rep.yaml"
    p.write_text("thesis: t\nclaims: {t: T., o: O., r: R.}\narguments:\n"
                 "  - {id: ob, attacks: t, premises: [o]}\n  - {id: rep, attacks: o, premises: [r]}\n")
    out = run("path", p, "r", "t").output
    assert "− reply  rep" in out and "− objection  ob" in out
    out = run("path", "margins-reply", "direct-talks").output
    assert out.count("margins-reply") == 2  # the heading and its own step, no third copy


def test_why_on_a_chain_too_deep_for_the_width_continues_below():
    from rich.console import Console

    from argmap import loads
    from argmap.queries import support_tree
    from argmap.render.answers import why_tree

    n = 40
    m = loads("thesis: c0\nclaims: {" + ", ".join(f"c{i}: Claim {i}." for i in range(n))
              + "}\narguments: [" + ", ".join(f"{{supports: c{i}, premises: [c{i + 1}]}}"
                                              for i in range(n - 1)) + "]")
    console = Console(width=80, record=True, color_system=None)
    console.print(why_tree(m, support_tree(m, "c0"), width=80))
    text = console.export_text()
    assert all(f"Claim {i}.  c{i}" in text for i in range(n))  # nothing squeezed out of sight
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "▸ continued from" in text


# -- plain lines for a pipe, a pager at a terminal ------------------------------------------------


def _rich_unwrapped(renderable):
    """What rich draws for ``renderable`` on a terminal too wide to wrap anything, each line
    without the spaces a table pads it with."""
    import io

    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=100_000, color_system=None, legacy_windows=False).print(renderable)
    return [line.rstrip() for line in buf.getvalue().splitlines()]


def _views(m, ident):
    """(rich view, plain lines) of every answer that has both, for claim or argument ``ident``."""
    from argmap import semantics
    from argmap.console import PLAIN
    from argmap.diff import diff_maps
    from argmap.outline import annotate, outline
    from argmap.queries import chains, map_stats, objections_to, support_tree, unanswered_objections
    from argmap.render import answers, diffview, evaluation, terminal

    tree = outline(m)
    judged = annotate(outline(m), semantics.grounded(m), semantics.dfquad(m).values,
                      {"semantics": "grounded", "strengths": {"converged": True}})
    why = support_tree(m, ident)
    out = [(terminal.outline_tree(tree), terminal.outline_lines(tree)),
           (terminal.outline_tree(tree, ids=False), terminal.outline_lines(tree, ids=False)),
           (terminal.outline_tree(judged), terminal.outline_lines(judged)),
           (answers.why_tree(m, why), answers.why_lines(m, why)),
           (answers.stats_view(map_stats(m)), answers.stats_lines(map_stats(m)))]
    open_flanks = unanswered_objections(m)
    out.append((answers.objection_list(m, open_flanks, "none"),
                answers.objection_lines(m, open_flanks, "none")))
    if m.is_claim(ident):
        found = objections_to(m, ident)
        out.append((answers.objection_list(m, found, "none"),
                    answers.objection_lines(m, found, "none")))
    for source in m.graph:
        found = chains(m, source, ident)
        if found:
            out.append((answers.chain_list(m, found, source, ident),
                        answers.chain_lines(m, found, source, ident)))
            break
    steps = semantics.explain(m, ident, semantics.grounded(m))
    out.append((evaluation.explanation_view(m, steps, 0.5),
                evaluation.explanation_view(m, steps, 0.5, kit=PLAIN).lines()))
    crit = semantics.critical(m)
    out.append((evaluation.critical_view(m, crit), evaluation.critical_view(m, crit, PLAIN).lines()))
    changed = {c: ("IN", "OUT") for c in list(m.claims())[:3]}
    out.append((evaluation.changes_view(m, {ident: "OUT"}, changed),
                evaluation.changes_view(m, {ident: "OUT"}, changed, PLAIN).lines()))
    other = diff_maps(m, argmap_loads(TEA))
    out.append((diffview.diff_view(other, "a", "b"), diffview.diff_lines(other, "a", "b")))
    return out


def argmap_loads(text):
    from argmap import loads

    return loads(text)


@pytest.mark.parametrize("which", ["bundled", "tea"])
def test_plain_lines_say_what_the_terminal_view_says_without_wrapping(which):
    import argmap

    m = argmap.load() if which == "bundled" else argmap_loads(TEA)
    for ident in (m.thesis, next(m.arguments())):
        for view, plain in _views(m, ident):
            assert list(plain) == _rich_unwrapped(view)


def test_every_answer_to_a_pipe_is_one_whole_line_per_item(run, monkeypatch):
    import argmap

    m = argmap.load()
    for args in (["show"], ["show", "--eval"], ["why", "direct-talks"],
                 ["objections", "direct-talks"], ["unanswered"], ["unsupported"],
                 ["path", "small-price", "direct-talks"], ["explain", "direct-talks"],
                 ["eval", "--critical"], ["stats"], ["list"], ["eval"]):
        said = {}
        for width in ("300", "80"):  # the width changes nothing: no line is wrapped
            monkeypatch.setenv("COLUMNS", width)
            r = run(*args)
            assert r.exit_code == 0, args
            said[width] = r.output
        assert said["80"] == said["300"], args
        lines = said["80"].splitlines()
        assert all(line == line.rstrip() for line in lines), args
        if args[0] in ("show", "why", "objections", "path"):
            shown = [c for c in m.claims() if any(line.endswith("  " + c) for line in lines)]
            assert shown, args
            for c in shown:  # a claim's whole text, then its id, on one line
                assert any(line.endswith(f"{m.text(c)}  {c}") or f"{m.text(c)}  (" in line
                           and line.endswith(c) for line in lines), (args, c)


def test_a_pipe_keeps_the_width_for_branches_too_deep(run, tmp_path):
    n = 40
    p = tmp_path / "chain.yaml"
    p.write_text("thesis: c0\nclaims: {" + ", ".join(f"c{i}: Claim {i}." for i in range(n))
                 + "}\narguments: [" + ", ".join(f"{{supports: c{i}, premises: [c{i + 1}]}}"
                                                 for i in range(n - 1)) + "]")
    for command in (["show", p], ["why", p, "c0"]):
        out = run(*command).output
        assert "▸ continued from" in out  # nested no deeper than at an 80-column terminal
        assert all(f"Claim {i}.  c{i}" in out for i in range(n))
        assert max(len(line) for line in out.splitlines()) <= 80


def test_a_pipe_never_imports_rich():
    import subprocess
    import sys

    code = ("import sys\nfrom argmap.cli import cli\n"
            "for args in (['show'], ['show', '--eval'], ['list'], ['why', 'direct-talks'],"
            " ['objections', 'direct-talks'], ['unanswered'], ['unsupported'], ['stats'],"
            " ['path', 'small-price', 'direct-talks'], ['eval'], ['eval', '--critical'],"
            " ['explain', 'direct-talks'], ['sources'], ['list', '--json']):\n"
            "    try:\n        cli(args)\n    except SystemExit:\n        pass\n"
            "print('RICH', 'rich' in sys.modules, file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "RICH False" in r.stderr, r.stderr[-2000:]
    assert "THESIS" in r.stdout and "direct-talks\tthesis" in r.stdout


def test_eval_assume_to_a_pipe_says_what_changed_on_stderr(run, tea):
    r = run("eval", tea, "--assume", "paste=out")
    assert "Assuming paste is OUT:" in r.stderr and "Assuming" not in r.stdout
    assert all(len(line.split("\t")) == 4 for line in r.stdout.splitlines())


@pytest.fixture
def terminal(monkeypatch):
    """Make the CLI believe it prints to a 20-line terminal (no colour) that can run a pager;
    returns (what is printed, what the pager was given)."""
    import io

    import click
    from rich.console import Console

    import argmap.cli

    shown = io.StringIO()
    console = Console(file=shown, width=80, height=20, force_terminal=True, color_system=None,
                      legacy_windows=False)
    paged: list[str] = []

    def pager(chunks):
        paged.append("".join(chunks))

    monkeypatch.setattr(argmap.cli, "out_console", lambda: console)
    monkeypatch.setattr(argmap.cli, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(argmap.cli, "can_page", lambda: True)
    monkeypatch.setattr(click, "echo_via_pager", pager)
    monkeypatch.delenv("LESS", raising=False)
    return shown, paged


def test_a_long_answer_at_a_terminal_goes_to_the_pager_as_drawn(run, terminal):
    import os

    shown, paged = terminal
    r = run("show", "--no-pager")  # --no-pager: printed in full, as rich draws it
    assert r.exit_code == 0 and not paged and "LESS" not in os.environ
    full = shown.getvalue()
    assert len(full.splitlines()) > 20
    shown.truncate(0)
    shown.seek(0)
    assert run("show").exit_code == 0
    assert paged == [full] and shown.getvalue() == ""  # the same lines, in the pager
    assert os.environ["LESS"] == "-FRX"  # quit if one screen, colours, no screen clearing


def test_a_short_answer_at_a_terminal_is_printed(run, terminal, tea):
    shown, paged = terminal
    assert run("why", tea, "tea").exit_code == 0
    assert not paged and "+ reason (linked: all of)" in shown.getvalue()


def test_no_pager_when_the_terminal_cannot_run_one(run, terminal, monkeypatch):
    import argmap.cli

    shown, paged = terminal
    monkeypatch.setattr(argmap.cli, "can_page", lambda: False)  # e.g. stdin is a file, TERM=dumb
    assert run("list").exit_code == 0
    assert not paged and len(shown.getvalue().splitlines()) > 20


def test_the_users_less_options_are_kept(run, terminal, monkeypatch):
    import os

    shown, paged = terminal
    monkeypatch.setenv("LESS", "-S")
    assert run("show").exit_code == 0
    assert paged and os.environ["LESS"] == "-S"


def test_a_long_table_is_drawn_in_chunks_that_line_up_as_one(monkeypatch):
    import io

    from rich.console import Console

    from argmap import console, loads
    from argmap.queries import list_nodes
    from argmap.render import answers

    n = console.TABLE_CHUNK + 50  # claims, and as many arguments: several chunks
    name = [f"{'c' * (1 + i % 7)}{i}" for i in range(n)]
    m = loads("thesis: c0\nclaims:\n" + "".join(
        f"  {name[i]}: {{text: Claim {i} {'word ' * (i % 23)}, theme: t{i % 3}}}\n"
        for i in range(n)) + "arguments:\n" + "".join(
        f"  - {{supports: {name[i]}, premises: [{name[i + 1]}]}}\n" for i in range(n - 1)))
    rows = list_nodes(m)

    def drawn(table):
        buf = io.StringIO()
        Console(file=buf, width=120, color_system=None).print(table)
        return [line.rstrip() for line in buf.getvalue().splitlines()]

    chunked = answers.node_table(rows, width=120)
    assert len(chunked.renderables) > 1  # a group of tables, each drawn as it is reached
    whole = console.long_table
    monkeypatch.setattr(answers, "long_table",
                        lambda *a, **k: whole(*a, **{**k, "chunk": 10 ** 9}))
    assert drawn(chunked) == drawn(answers.node_table(rows, width=120))
