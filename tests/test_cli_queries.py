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
