"""eval, explain, show --eval and export --eval from the command line."""

import json
import re

import pytest

from argmap import loads
from argmap import semantics as sem

from samples import TEA

pygraphviz = pytest.importorskip("pygraphviz", reason="the bundled Graphviz engine is not installed")


def flat(text: str) -> str:
    """Output with line breaks (the terminal's wrapping, DOT's <BR/>) read as single spaces."""
    return " ".join(re.sub(r"<BR[^>]*>", " ", text).split())

# Tea: 'stains' attacks tea, 'brushing' undercuts stains, 'paste' undercuts brushing.
# Grounded, worked by hand: paste IN (basis, unattacked) -> its argument IN -> brushing OUT
# -> stains IN (stain IN, its only attacker OUT) -> tea OUT.
EXPECTED = {"tea": "OUT", "warm": "IN", "cheap": "IN", "afford": "IN", "stain": "IN",
            "brush": "IN", "paste": "IN"}


def test_eval_json_shape_and_labels(run, tea):
    data = json.loads(run("eval", tea, "--json").output)
    assert data["semantics"] == "grounded"
    assert {c: v["label"] for c, v in data["claims"].items()} == EXPECTED
    assert data["arguments"]["stains"]["label"] == "IN"
    assert data["arguments"]["brushing"]["label"] == "OUT"
    assert all(0 <= v["strength"] <= 1 for v in data["claims"].values())


def test_eval_to_a_pipe_is_one_row_per_claim_thesis_first(run, tea):
    r = run("eval", tea)
    assert r.exit_code == 0
    rows = [ln.split("\t") for ln in r.output.splitlines()]
    assert rows[0][:1] + rows[0][2:] == ["OUT", "tea", "Drink tea."]
    assert sorted(row[2] for row in rows) == sorted(loads(TEA).claims())


def _terminal(renderable, width=80):
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_eval_table_at_a_terminal_keeps_ids_whole():
    from argmap import load
    from argmap.loader import bundled_map_path
    from argmap.render.evaluation import eval_table

    m = load(bundled_map_path())
    text = _terminal(eval_table(m, sem.evaluate(m)))
    assert "china-russia-no-sanctions" in text.split()  # was cut after 24 characters
    assert text.splitlines()[0].split()[:3] == ["label", "strength", "id"]


def test_eval_preferred_lists_labellings(run, tmp_path):
    p = tmp_path / "duel.yaml"
    p.write_text("claims: {a: A., b: B.}\narguments: [{attacks: a, premises: [b]},"
                 " {attacks: b, premises: [a]}]\n")
    data = json.loads(run("eval", str(p), "--semantics", "preferred", "--json").output)
    assert sorted((lab["claims"]["a"]["label"], lab["claims"]["b"]["label"])
                  for lab in data["labellings"]) == [("IN", "OUT"), ("OUT", "IN")]
    assert data["sceptical"] == [] and data["credulous"] == ["a", "b"]
    data = json.loads(run("eval", str(p), "--semantics", "stable", "--json").output)
    assert len(data["labellings"]) == 2


def test_assume_shows_what_changes(run, tea):
    data = json.loads(run("eval", tea, "--assume", "paste=out", "--json").output)
    assert data["assumed"] == {"paste": "OUT"}
    assert data["changed"]["tea"] == {"from": "OUT", "to": "IN"}
    r = run("eval", tea, "--assume", "paste=out")
    assert "Assuming paste is OUT:" in r.output and "✘ OUT → ✔ IN  tea" in r.output
    assert run("eval", tea, "--assume", "paste").exit_code == 2
    r = run("eval", tea, "--assume", "pasta=in")
    assert r.exit_code == 1 and "did you mean 'paste'" in r.output


def test_critical_on_the_op_ed(run):
    data = json.loads(run("eval", "--critical", "--json").output)
    assert data["claim"] == "direct-talks" and data["label"] == "IN"
    # Kim being the only man who can make a deal carries the reply to the margins objection;
    # the small price carries the reply to the prestige objection, although cost-benefit
    # supports it: rejecting it alone defeats the thesis all the same.
    assert {"kim-only-dealmaker", "small-price"} <= set(data["claims"])
    assert {"prestige-objection", "margins-objection"} <= set(data["objections"])
    for c in data["claims"]:
        now = json.loads(run("eval", "--assume", f"{c}=out", "--json").output)
        assert now["claims"]["direct-talks"]["label"] == data["flips"][c]
    r = run("eval", "--critical")
    assert "small-price" in r.output and "Claims whose rejection alone" in flat(r.output)


def test_critical_honours_assume_and_semantics(run, tea):
    # tea is OUT: the objection stains stands. Rejecting stain or accepting brushing revives it.
    data = json.loads(run("eval", tea, "--critical", "--json").output)
    assert data["label"] == "OUT" and "stain" in data["claims"] and "paste" in data["claims"]
    data = json.loads(run("eval", tea, "--critical", "--assume", "stain=out", "--json").output)
    assert data["label"] == "IN" and data["assumed"] == {"stain": "OUT"}
    # warm carries both reasons now (cost needs afford, which warm supports); accepting the
    # inference stains outright still defeats tea
    assert data["claims"] == ["warm"] and data["objections"] == ["stains"]
    data = json.loads(run("eval", tea, "--critical", "--semantics", "preferred", "--json").output)
    assert data["semantics"] == "preferred" and data["label"] == "OUT"
    assert "preferred" in run("eval", tea, "--critical", "--semantics", "preferred").output


def test_assume_recomputes_strengths(run, tea):
    before = json.loads(run("eval", tea, "--json").output)
    data = json.loads(run("eval", tea, "--assume", "paste=out", "--json").output)
    assert data["claims"]["paste"] == {"label": "OUT", "strength": 0.0}
    assert data["claims"]["tea"]["strength"] != before["claims"]["tea"]["strength"]


def test_assume_an_argument(run, tea):
    # the undercut brushing assumed IN defeats stains: tea stands
    data = json.loads(run("eval", tea, "--assume", "brushing=in", "--json").output)
    assert data["assumed"] == {"brushing": "IN"}
    assert data["changed"]["tea"] == {"from": "OUT", "to": "IN"}
    assert data["arguments"]["brushing"]["strength"] == 1.0
    # stains assumed OUT is a hypothetical undercut of that inference: the same outcome
    data = json.loads(run("eval", tea, "--assume", "stains=out", "--json").output)
    assert data["claims"]["tea"]["label"] == "IN"
    r = run("eval", tea, "--assume", "stains=out")
    assert r.exit_code == 0 and "Assuming the argument stains is OUT" in flat(r.output)


def test_contradictory_assumptions_are_a_usage_error(run, tea):
    r = run("eval", tea, "--assume", "paste=out", "--assume", "paste=in")
    assert r.exit_code == 2 and "paste" in r.output and "both" in r.output
    assert run("eval", tea, "--assume", "paste=out", "--assume", "paste=OUT").exit_code == 0


def test_eval_table_names_both_measures(tea):
    from argmap.render.evaluation import eval_table

    m = loads(TEA)
    text = _terminal(eval_table(m, sem.evaluate(m)))
    header = text.splitlines()[0]
    assert "label" in header and "strength" in header
    assert "strength: DF-QuAD" in flat(text) and "not the verdict" in flat(text)


def test_non_convergence_is_noted_everywhere(run, tmp_path):
    p = tmp_path / "swing.yaml"
    p.write_text("claims: {a: {text: A., weight: 0}, b: {text: B., weight: 1}}\narguments: ["
                 "{id: ab, attacks: b, premises: [a]}, {id: ba, supports: a, premises: [b]}]\n")
    assert "did not converge" in flat(run("eval", p).output)
    assert "did not converge" in flat(run("show", p, "--eval").output)
    data = json.loads(run("show", p, "--eval", "--json").output)
    assert data["evaluation"]["strengths"]["converged"] is False
    out = tmp_path / "m.dot"
    r = run("export", p, "-o", out, "--eval")
    assert "did not converge" in flat(r.output)  # the note on stderr
    assert "did not converge" in flat(out.read_text())  # and in the legend


def test_explain_follows_the_rules_back(run, tea):
    data = json.loads(run("explain", tea, "tea", "--json").output)
    assert data["label"] == "OUT"
    assert data["steps"][0] == {"id": "tea", "kind": "claim", "label": "OUT", "why": "attacked",
                                "by": ["stains"]}
    assert data["explanation"][0].startswith("“Drink tea.” (tea) is OUT")
    r = run("explain", tea, "tea")
    first = r.output.splitlines()[0]
    assert "Drink tea." in first and "(tea)" in first and "strength" in first
    assert "“Tea stains teeth.” (stain)" in flat(r.output)
    # no generated argument ids: the argument is said in words
    r = run("explain", tea, "brushing")
    assert "paste--attacks--brushing" not in r.output
    assert "“Toothpaste is cheap.” (paste)" in flat(r.output)


def test_explain_out_because_supports_failed_mentions_given(run, tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text("claims: {t: The tram pays., p: Fares cover it., o: Fares are capped.}\n"
                 "arguments: [{supports: t, premises: [p]}, {attacks: p, premises: [o]}]\n")
    r = run("explain", p, "t")
    assert "only because" in flat(r.output) and "given: true" in flat(r.output)
    assert "“Fares cover it.” (p)" in flat(r.output)


def test_explain_names_the_cycle_for_undec(run, tmp_path):
    p = tmp_path / "duel.yaml"
    p.write_text("claims: {a: A., b: B.}\narguments: [{id: ab, attacks: b, premises: [a]},"
                 " {id: ba, attacks: a, premises: [b]}]\n")
    r = run("explain", str(p), "a")
    assert "cycle of mutual defeat" in r.output


def test_show_eval_marks_each_claim(run, tea):
    r = run("show", tea, "--eval")
    assert "✘ OUT · strength" in r.output and "✔ IN · strength" in r.output
    assert "strength: DF-QuAD" in flat(r.output)  # the legend names both measures
    data = json.loads(run("show", tea, "--eval", "--json").output)
    root = data["roots"][0]
    assert root["status"] == "OUT" and 0 <= root["strength"] <= 1


def test_export_eval_styles_boxes_by_label(run, tea, tmp_path):
    out = tmp_path / "m.dot"
    assert run("export", tea, "-o", str(out), "--eval").exit_code == 0
    g = pygraphviz.AGraph(string=out.read_text())
    warm, stain_node = g.get_node("n_warm"), g.get_node("n_stain")
    assert "IN" in warm.attr["label"] and "solid" in warm.attr["style"]
    assert "dashed" in g.get_node("n_tea").attr["style"]  # OUT: dashed border
    assert stain_node.attr["fillcolor"] != g.get_node("n_brushing").attr.get("fillcolor")
    legend = g.get_node("legend").attr["label"]
    assert "defeated" in legend and "strength" in legend and "DF-QuAD" in legend
    # the label's word and the strength are named apart, never "0.83 (defeated)"
    assert "strength" in g.get_node("n_tea").attr["label"]
    assert ") (defeated" not in g.get_node("n_tea").attr["label"]
