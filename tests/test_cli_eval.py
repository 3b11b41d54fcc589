"""eval, explain, show --eval and export --eval from the command line."""

import json

import pygraphviz

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


def test_eval_table_lists_the_thesis_first(run, tea):
    r = run("eval", tea)
    assert r.exit_code == 0
    rows = [ln for ln in r.output.splitlines() if ln.startswith(("✔", "✘", "?"))]
    assert rows[0].startswith("✘ OUT") and " tea " in rows[0]


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
    # Kim being the only man who can make a deal carries the reply to the margins objection
    assert "kim-only-dealmaker" in data["premises"]


def test_explain_follows_the_rules_back(run, tea):
    data = json.loads(run("explain", tea, "tea", "--json").output)
    assert data["label"] == "OUT"
    assert data["explanation"][0] == "tea is OUT: it is attacked by stains, which is IN."
    r = run("explain", tea, "brushing")
    assert r.output.startswith("brushing is OUT: it is attacked by paste--attacks--brushing")


def test_explain_names_the_cycle_for_undec(run, tmp_path):
    p = tmp_path / "duel.yaml"
    p.write_text("claims: {a: A., b: B.}\narguments: [{id: ab, attacks: b, premises: [a]},"
                 " {id: ba, attacks: a, premises: [b]}]\n")
    r = run("explain", str(p), "a")
    assert "cycle of mutual defeat" in r.output


def test_show_eval_marks_each_claim(run, tea):
    r = run("show", tea, "--eval")
    assert "✘ OUT" in r.output and "✔ IN" in r.output
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
    assert "defeated" in g.get_node("legend").attr["label"]
