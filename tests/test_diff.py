"""What changed between two versions of a map (argmap.diff) and its terminal view (diffview)."""

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from argmap import diff as diff_module
from argmap import load, loads
from argmap.diff import diff_maps, diff_summary, word_diff
from argmap.loader import bundled_map_path, read_text
from argmap.render.diffview import diff_view

BASE = """\
title: Tea
thesis: tea
themes: {h: Health, c: Cost}
claims:
  tea: {text: We should drink tea., theme: h}
  warm: Tea is warm.
  cheap: {text: Tea is cheap., theme: c}
  afford: We can afford it.
  stain: Tea stains teeth.
  brush: Brushing removes stains.
arguments:
  - {supports: tea, premises: [warm]}
  - {id: cost, supports: tea, premises: [cheap, afford]}
  - {id: stains, attacks: tea, premises: [stain]}
"""


def edit(text, *replacements):
    """``text`` with each ``(old, new)`` replaced once; fails loudly if ``old`` is not there."""
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def changes(old_text, *replacements):
    """Only the non-empty parts of the diff, flattened: ``{"claims.added": [...], ...}``."""
    d = diff_maps(loads(old_text), loads(edit(old_text, *replacements)))
    out = {"metadata": d["metadata"]} if d["metadata"] else {}
    for section in ("themes", "claims", "arguments"):
        out.update({f"{section}.{k}": v for k, v in d[section].items() if v})
    assert d["equal"] is (not out)
    return out


def render(diff, **names):
    buf = io.StringIO()
    Console(file=buf, width=80, color_system=None, force_terminal=False).print(diff_view(diff, **names))
    return buf.getvalue()


# -- equality ------------------------------------------------------------------------------------
def test_identical_maps_are_equal_with_every_list_empty():
    d = diff_maps(loads(BASE), loads(BASE))
    assert d == {
        "equal": True,
        "metadata": [],
        "themes": {"added": [], "removed": [], "retitled": []},
        "claims": {"added": [], "removed": [], "reworded": [], "changed": []},
        "arguments": {"added": [], "removed": [], "changed": []},
    }
    assert diff_summary(d) == "no differences"


def test_order_of_claims_arguments_themes_and_premises_is_not_content():
    reordered = """\
title: Tea
thesis: tea
themes: {c: Cost, h: Health}
claims:
  brush: Brushing removes stains.
  stain: Tea stains teeth.
  afford: We can afford it.
  cheap: {theme: c, text: Tea is cheap.}
  warm: Tea is warm.
  tea: {text: We should drink tea., theme: h}
arguments:
  - {id: stains, attacks: tea, premises: [stain]}
  - {id: cost, supports: tea, premises: [afford, cheap]}
  - {supports: tea, premises: [warm]}
"""
    assert diff_maps(loads(BASE), loads(reordered))["equal"]


def test_layout_and_spacing_inside_a_text_are_not_content():
    assert changes(BASE, ("  warm: Tea is warm.", "  warm:\n    text: Tea   is\n      warm.")) == {}


def test_reordered_premises_of_an_automatic_id_argument_are_not_a_change():
    base = BASE.replace("[warm]}", "[warm, afford]}")
    # the automatic id changes (warm+afford -> afford+warm), the argument does not
    assert changes(base, ("[warm, afford]", "[afford, warm]")) == {}


# -- claims --------------------------------------------------------------------------------------
def test_added_and_removed_claims():
    assert changes(BASE, ("  brush: Brushing removes stains.\n",
                          "  milk: Milk makes it mild.\n  sugar: Sugar is bad.\n")) == {
        "claims.added": [{"id": "milk", "text": "Milk makes it mild."},
                         {"id": "sugar", "text": "Sugar is bad."}],
        "claims.removed": [{"id": "brush", "text": "Brushing removes stains."}],
    }


def test_renamed_claim_is_removed_and_added():
    assert changes(BASE, ("  brush:", "  brushing:")) == {
        "claims.added": [{"id": "brushing", "text": "Brushing removes stains."}],
        "claims.removed": [{"id": "brush", "text": "Brushing removes stains."}],
    }


def test_reworded_claim_has_word_runs():
    # Worked by hand: "stains" is the first longest common word; "Tea" -> "Black tea" before it
    # (case counts), "your" is inserted before the common "teeth.".
    assert changes(BASE, ("Tea stains teeth.", "Black tea stains your teeth.")) == {
        "claims.reworded": [{
            "id": "stain", "old": "Tea stains teeth.", "new": "Black tea stains your teeth.",
            "words": [["-", "Tea"], ["+", "Black tea"], ["=", "stains"], ["+", "your"],
                      ["=", "teeth."]],
        }],
    }


def test_word_diff_keeps_punctuation_on_words_and_merges_runs():
    assert word_diff("We can afford it.", "We cannot afford it!") == [
        ["=", "We"], ["-", "can"], ["+", "cannot"], ["=", "afford"], ["-", "it."], ["+", "it!"]]
    assert word_diff("a b c d", "a x y d") == [["=", "a"], ["-", "b c"], ["+", "x y"], ["=", "d"]]
    assert word_diff("a b", "") == [["-", "a b"]]
    assert word_diff("same words", "same   words") == [["=", "same words"]]


def test_theme_of_a_claim_changed():
    assert changes(BASE, ("  warm: Tea is warm.", "  warm: {text: Tea is warm., theme: h}"),
                   ("{text: Tea is cheap., theme: c}", "{text: Tea is cheap., theme: h}")) == {
        "claims.changed": [{"id": "warm", "field": "theme", "old": None, "new": "h"},
                           {"id": "cheap", "field": "theme", "old": "c", "new": "h"}],
    }


def test_every_claim_field_in_the_documented_order():
    base = BASE.replace("  afford: We can afford it.",
                        "  afford: {text: We can afford it., tags: [money], weight: 0.5}")
    new = ("  afford: {text: We can afford it., tags: [budget, money], weight: 0.8, given: true,\n"
           "           note: checked, source: {para: 2, quote: we can}}")
    changed = changes(base, ("  afford: {text: We can afford it., tags: [money], weight: 0.5}",
                             new))
    expected = {
        "para": {"id": "afford", "field": "para", "old": None, "new": 2},
        "quote": {"id": "afford", "field": "quote", "old": None, "new": "we can"},
        "tags": {"id": "afford", "field": "tags", "old": ["money"], "new": ["budget", "money"]},
        "weight": {"id": "afford", "field": "weight", "old": 0.5, "new": 0.8},
        "given": {"id": "afford", "field": "given", "old": False, "new": True},
        "note": {"id": "afford", "field": "note", "old": None, "new": "checked"},
    }
    # listed in the order of the field table (argmap.fields), which CLAIM_FIELDS follows
    from argmap.diff import CLAIM_FIELDS

    assert CLAIM_FIELDS[:3] == ("theme", "tags", "note")
    assert changed == {"claims.changed": [expected[f] for f in CLAIM_FIELDS if f in expected]}


def test_default_weight_written_out_is_no_change():
    assert changes(BASE, ("  warm: Tea is warm.", "  warm: {text: Tea is warm., weight: 0.5}")) == {}


# -- themes and metadata -------------------------------------------------------------------------
def test_themes_retitled_and_added():
    assert changes(BASE, ("themes: {h: Health, c: Cost}",
                          "themes: {h: Wellbeing, c: Cost, t: Taste}")) == {
        "themes.added": [{"id": "t", "title": "Taste"}],
        "themes.retitled": [{"id": "h", "old": "Health", "new": "Wellbeing"}],
    }


def test_theme_removed_with_the_claims_that_used_it():
    assert changes(BASE, ("themes: {h: Health, c: Cost}", "themes: {h: Health}"),
                   ("{text: Tea is cheap., theme: c}", "Tea is cheap.")) == {
        "themes.removed": [{"id": "c", "title": "Cost"}],
        "claims.changed": [{"id": "cheap", "field": "theme", "old": "c", "new": None}],
    }


def test_thesis_title_and_source_changed():
    base = "source: {publisher: Crisis Group, date: '2006'}\n" + BASE
    assert changes(base, ("thesis: tea", "thesis: warm"), ("title: Tea", "title: Tea, revised"),
                   ("date: '2006'", "date: '2006-07', url: https://example.org")) == {
        "metadata": [
            {"field": "title", "old": "Tea", "new": "Tea, revised"},
            {"field": "thesis", "old": "tea", "new": "warm"},
            {"field": "source.date", "old": "2006", "new": "2006-07"},
            {"field": "source.url", "old": None, "new": "https://example.org"},
        ],
    }


# -- arguments -----------------------------------------------------------------------------------
def test_premises_changed_on_an_explicit_id():
    assert changes(BASE, ("premises: [cheap, afford]", "premises: [cheap]")) == {
        "arguments.changed": [{"id": "cost", "old_id": "cost", "field": "premises",
                               "old": ["cheap", "afford"], "new": ["cheap"]}],
    }


def test_premises_changed_on_an_automatic_id_is_a_change_not_remove_and_add():
    assert changes(BASE, ("{supports: tea, premises: [warm]}",
                          "{supports: tea, premises: [warm, afford]}")) == {
        "arguments.changed": [{"id": "warm+afford--supports--tea", "old_id": "warm--supports--tea",
                               "field": "premises", "old": ["warm"], "new": ["warm", "afford"]}],
    }


def test_automatic_id_arguments_pair_by_largest_overlap_then_file_order():
    old = ("claims: {t: T., a: A., b: B., c: C., d: D.}\narguments:\n"
           "  - {supports: t, premises: [a, b]}\n  - {supports: t, premises: [c]}\n")
    new = ("claims: {t: T., a: A., b: B., c: C., d: D.}\narguments:\n"
           "  - {supports: t, premises: [a]}\n  - {supports: t, premises: [c, b]}\n")
    # overlaps: a+b/a 1/2, a+b/c+b 1/3, c/c+b 1/2, c/a none -> a+b pairs with a, c with c+b
    d = diff_maps(loads(old), loads(new))
    assert d["arguments"] == {"added": [], "removed": [], "changed": [
        {"id": "a--supports--t", "old_id": "a+b--supports--t", "field": "premises",
         "old": ["a", "b"], "new": ["a"]},
        {"id": "c+b--supports--t", "old_id": "c--supports--t", "field": "premises",
         "old": ["c"], "new": ["c", "b"]},
    ]}
    assert diff_maps(loads(old), loads(new)) == d  # deterministic


def test_automatic_id_argument_with_nothing_in_common_is_removed_and_added():
    assert changes(BASE, ("{supports: tea, premises: [warm]}", "{supports: tea, premises: [brush]}")) == {
        "arguments.added": [{"id": "brush--supports--tea", "auto_id": True, "relation": "support",
                             "target": "tea", "premises": ["brush"], "title": None,
                             "undercut": False}],
        "arguments.removed": [{"id": "warm--supports--tea", "auto_id": True, "relation": "support",
                               "target": "tea", "premises": ["warm"], "title": None,
                               "undercut": False}],
    }


def test_renamed_explicit_id_is_removed_and_added():
    d = changes(BASE, ("id: cost,", "id: price,"))
    assert set(d) == {"arguments.added", "arguments.removed"}
    assert [a["id"] for a in d["arguments.added"]] == ["price"]
    assert [a["id"] for a in d["arguments.removed"]] == ["cost"]


def test_target_changed():
    assert changes(BASE, ("{id: stains, attacks: tea,", "{id: stains, attacks: warm,"),
                   ("{supports: tea, premises: [warm]}", "{supports: afford, premises: [warm]}")) == {
        "arguments.changed": [
            {"id": "warm--supports--afford", "old_id": "warm--supports--tea", "field": "target",
             "old": "tea", "new": "afford"},
            {"id": "stains", "old_id": "stains", "field": "target", "old": "tea", "new": "warm"},
        ],
    }


def test_relation_flipped_from_supports_to_attacks():
    assert changes(BASE, ("{id: cost, supports: tea,", "{id: cost, attacks: tea,"),
                   ("{supports: tea, premises: [warm]}", "{attacks: tea, premises: [warm]}")) == {
        "arguments.changed": [
            {"id": "warm--attacks--tea", "old_id": "warm--supports--tea", "field": "relation",
             "old": "support", "new": "attack"},
            {"id": "cost", "old_id": "cost", "field": "relation", "old": "support", "new": "attack"},
        ],
    }


def test_undercut_added():
    assert changes(BASE, ("premises: [stain]}\n", "premises: [stain]}\n"
                          "  - {attacks: stains, premises: [brush], title: brushing helps}\n")) == {
        "arguments.added": [{"id": "brush--attacks--stains", "auto_id": True, "relation": "attack",
                             "target": "stains", "premises": ["brush"], "title": "brushing helps",
                             "undercut": True}],
    }


def test_id_given_to_an_automatic_argument_is_an_id_change():
    assert changes(BASE, ("{supports: tea, premises: [warm]}",
                          "{id: warmth, supports: tea, premises: [warm]}")) == {
        "arguments.changed": [{"id": "warmth", "old_id": "warm--supports--tea", "field": "id",
                               "old": None, "new": "warmth"}],
    }


def test_title_scheme_weight_and_note_of_an_argument():
    assert changes(BASE, ("{id: stains, attacks: tea, premises: [stain]}",
                          "{id: stains, attacks: tea, premises: [stain], title: stains,\n"
                          "     scheme: cause to effect, weight: 0.4, note: para 3}")) == {
        "arguments.changed": [
            {"id": "stains", "old_id": "stains", "field": f, "old": old, "new": new}
            for f, old, new in [("title", None, "stains"), ("scheme", None, "cause to effect"),
                                ("weight", 1.0, 0.4), ("note", None, "para 3")]
        ],
    }


# -- the whole result ----------------------------------------------------------------------------
def test_result_is_json_ready_and_summary_counts_ids_once():
    new = edit(BASE, ("  brush: Brushing removes stains.\n",
                      "  brush: Brushing removes most stains.\n  a: A.\n  b: B.\n  c: C.\n"),
               ("  afford: We can afford it.\n", ""), ("premises: [cheap, afford]", "premises: [cheap]"),
               ("Tea stains teeth.", "Tea stains your teeth."),
               ("{text: Tea is cheap., theme: c}", "{text: Tea is cheap., theme: h, given: true}"))
    d = diff_maps(loads(BASE), loads(new))
    assert json.loads(json.dumps(d)) == d
    assert diff_summary(d) == "3 claims added, 1 removed, 2 reworded, 1 changed; 1 argument changed"


def test_bundled_map_against_itself_is_equal():
    assert diff_maps(load(), load())["equal"]


def test_bundled_map_with_one_reworded_claim():
    text = read_text(bundled_map_path())
    old_text = "Kim Jong-Il is the only man in North Korea who can make a deal."
    new_text = "Kim Jong-Il alone in North Korea can make a deal."
    d = diff_maps(load(), loads(edit(text, (old_text, new_text))))
    assert d["equal"] is False
    assert d == {
        "equal": False,
        "metadata": [],
        "themes": {"added": [], "removed": [], "retitled": []},
        "claims": {"added": [], "removed": [], "changed": [], "reworded": [{
            "id": "kim-only-dealmaker", "old": old_text, "new": new_text,
            "words": [["=", "Kim Jong-Il"], ["-", "is the only man"], ["+", "alone"],
                      ["=", "in North Korea"], ["-", "who"], ["=", "can make a deal."]],
        }]},
        "arguments": {"added": [], "removed": [], "changed": []},
    }


# -- the view ------------------------------------------------------------------------------------
def test_view_of_equal_maps_is_one_line():
    assert render(diff_maps(loads(BASE), loads(BASE)), old_name="a", new_name="b") == "no differences\n"


def test_view_has_git_like_markers_without_colour():
    new = edit(BASE, ("  brush: Brushing removes stains.\n", "  milk: Milk makes it mild.\n"),
               ("  afford: We can afford it.\n", "  afford: We can afford it.\n  brush: Brushing helps.\n"),
               ("Tea stains teeth.", "Black tea stains your teeth."),
               ("themes: {h: Health, c: Cost}", "themes: {h: Wellbeing, c: Cost}"),
               ("thesis: tea", "thesis: warm"),
               ("premises: [cheap, afford]", "premises: [cheap, milk]"),
               ("premises: [stain]}\n", "premises: [stain]}\n  - {attacks: stains, premises: [brush]}\n"))
    out = render(diff_maps(loads(BASE), loads(new)), old_name="old.yaml", new_name="new.yaml")
    assert out == """\
--- old.yaml
+++ new.yaml

Metadata
  ~ thesis: [-tea-]{+warm+}
Themes
  ~ h  title: [-Health-]{+Wellbeing+}
Claims
  + milk  Milk makes it mild.
  ~ brush  Brushing [-removes stains.-]{+helps.+}
  ~ stain  [-Tea-]{+Black tea+} stains {+your+} teeth.
Arguments
  + undercut: brush → stains
  ~ cost  premises: cheap, [-afford-], {+milk+}

thesis changed; 1 theme retitled; 1 claim added, 2 reworded; 1 argument added, 1
changed
"""


def test_view_names_explicit_ids_and_labels_of_added_and_removed_arguments():
    new = edit(BASE, ("  - {id: stains, attacks: tea, premises: [stain]}\n",
                      "  - {id: brushing, attacks: stain, premises: [brush], title: it washes off}\n"))
    out = render(diff_maps(loads(BASE), loads(new)))
    assert '  + brushing  attack: brush → stain  "it washes off"\n' in out
    assert "  - stains  attack: stain → tea\n" in out


def test_user_text_in_the_view_is_never_markup():
    new = edit(BASE, ("Tea is warm.", "Tea is [bold]warm[/bold]."),
               ("  brush: Brushing removes stains.", "  brush: '[red]Brushing[/red] removes stains.'"),
               ("title: Tea", "title: '[i]Tea'"))
    out = render(diff_maps(loads(BASE), loads(new)))
    assert "~ warm  Tea is [-warm.-]{+[bold]warm[/bold].+}" in out
    assert "{+[red]Brushing[/red]+}" in out
    assert "title: [-Tea-]{+[i]Tea+}" in out


def test_view_wraps_under_the_text_within_80_columns_without_trailing_spaces():
    text = read_text(bundled_map_path())
    new = edit(text, ("Only direct talks with Pyongyang at a high level will work.",
                      "Only direct, high-level talks with Pyongyang will work, the op-ed argues "
                      "at length in its second paragraph."))
    lines = render(diff_maps(load(), loads(new))).splitlines()
    assert all(len(ln) <= 80 and ln == ln.rstrip() for ln in lines)
    first = next(i for i, ln in enumerate(lines) if ln.startswith("  ~ only-direct-works  Only"))
    assert lines[first + 1].startswith("    ") and lines[first + 1][4] != " "
    assert lines[-1] == "1 claim reworded"


@pytest.mark.parametrize("width", [20, 40])
def test_view_survives_narrow_consoles(width):
    d = diff_maps(loads(BASE), loads(edit(BASE, ("Tea stains teeth.", "Tea stains your teeth."))))
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None).print(diff_view(d))
    assert "{+your+}" in buf.getvalue().replace("\n    ", " ")


# -- long texts: the anchored word diff -----------------------------------------------------------

def _rebuild(runs, keep):
    return " ".join(words for op, words in runs if op in keep).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("a b c d e f g h".split() + [f"u{i}" for i in range(40)]),
                max_size=120),
       st.lists(st.tuples(st.integers(0, 119), st.sampled_from(["del", "ins", "sub"]),
                          st.sampled_from(["a", "z", "u3", "new"])), max_size=12),
       st.integers(0, 64), st.integers(0, 8))
def test_word_diff_of_long_texts_is_a_valid_diff(words, edits, pairs, max_edits):
    """With tiny budgets, stretches go through the anchors, the shortest edit script and its
    give-up: the runs still rebuild both texts and alternate kept and changed."""
    old = list(words)
    new = list(old)
    for at, kind, word in edits:
        at = min(at, len(new))
        if kind == "del" and at < len(new):
            del new[at]
        elif kind == "ins":
            new.insert(at, word)
        elif at < len(new):
            new[at] = word
    saved = diff_module.EXACT_PAIRS, diff_module.MAX_EDITS
    diff_module.EXACT_PAIRS, diff_module.MAX_EDITS = pairs, max_edits
    try:
        runs = word_diff(" ".join(old), " ".join(new))
    finally:
        diff_module.EXACT_PAIRS, diff_module.MAX_EDITS = saved
    assert _rebuild(runs, "=-") == old
    assert _rebuild(runs, "=+") == new
    ops = [op for op, _ in runs]
    assert all(x != y for x, y in zip(ops, ops[1:], strict=False))  # adjacent runs never share an op
    assert "-+-" not in "".join(ops) and "+-+" not in "".join(ops)
    assert all(words for _, words in runs)


def test_word_diff_of_ten_thousand_words_marks_each_change_and_only_those():
    words = [f"w{(i * 7919) % 2000}" for i in range(10_000)]  # every word about five times
    new = list(words)
    changed = range(0, 10_000, 37)
    for i in changed:
        new[i] = f"changed{i}"
    runs = word_diff(" ".join(words), " ".join(new))
    assert _rebuild(runs, "=-") == words and _rebuild(runs, "=+") == new
    added = [w for op, text in runs if op == "+" for w in text.split()]
    assert added == [f"changed{i}" for i in changed]  # each change found, nothing else


def test_word_diff_without_any_anchor_finds_the_few_edits_by_the_shortest_script():
    old = ("a b " * 800).split()
    new = ("b a " * 800).split()  # one word moved from the front to the end
    runs = word_diff(" ".join(old), " ".join(new))
    assert _rebuild(runs, "=-") == old and _rebuild(runs, "=+") == new
    assert sum(len(w.split()) for op, w in runs if op != "=") == 2


def test_word_diff_of_unrelated_long_texts_is_one_replacement():
    old, new = [f"a{i}" for i in range(3000)], [f"b{i}" for i in range(3000)]
    assert word_diff(" ".join(old), " ".join(new)) == [["-", " ".join(old)], ["+", " ".join(new)]]
