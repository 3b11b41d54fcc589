"""The show tree as data (argmap.outline)."""

import pytest

from argmap import UnknownIdError, loads
from argmap.outline import outline

from samples import TEA


def test_tree_structure_follows_the_map():
    tree = outline(loads(TEA))
    (root,) = tree["roots"]
    assert root["id"] == "tea" and root["thesis"] and root["para"] == 3
    assert root["theme_label"] == "Health"
    assert [a["id"] for a in root["supports"]] == ["warm--supports--tea", "cost"]
    cost = root["supports"][1]
    assert cost["linked"] and [p["id"] for p in cost["premises"]] == ["cheap", "afford"]
    (stains,) = root["objections"]
    assert stains["relation"] == "attack" and not stains["undercut"]
    (brushing,) = stains["undercuts"]
    assert brushing["undercut"] and brushing["premises"][0]["id"] == "brush"
    # an undercut of an undercut
    (paste,) = brushing["undercuts"]
    assert paste["premises"][0]["id"] == "paste"


def test_shared_claim_is_shown_once_then_referenced():
    tree = outline(loads(TEA))
    root = tree["roots"][0]
    first = root["supports"][0]["premises"][0]
    afford = root["supports"][1]["premises"][1]
    again = afford["supports"][0]["premises"][0]
    assert first["id"] == again["id"] == "warm"
    assert "ref" not in first and again["ref"] is True
    assert "supports" not in again


def test_support_cycle_terminates():
    m = loads("claims: {a: A., b: B.}\n"
              "arguments: [{supports: a, premises: [b]}, {supports: b, premises: [a]}]")
    tree = outline(m, focus="a")
    b = tree["roots"][0]["supports"][0]["premises"][0]
    assert b["id"] == "b"
    assert b["supports"][0]["premises"][0] == {"kind": "claim", "id": "a", "text": "A.",
                                               "ref": True}


def test_depth_limits_expansion_and_counts_hidden_arguments():
    tree = outline(loads(TEA), depth=1)
    root = tree["roots"][0]
    afford = root["supports"][1]["premises"][1]
    assert afford["hidden"] == 1 and "supports" not in afford
    assert outline(loads(TEA), depth=0)["roots"][0]["hidden"] == 3


def test_focus_starts_anywhere_and_unknown_ids_suggest():
    tree = outline(loads(TEA), focus="afford")
    assert [r["id"] for r in tree["roots"]] == ["afford"]
    with pytest.raises(UnknownIdError, match="did you mean 'afford'"):
        outline(loads(TEA), focus="aford")


def test_without_thesis_every_root_is_a_tree():
    m = loads("claims: {a: A., b: B., c: C., d: D.}\n"
              "arguments: [{supports: a, premises: [b]}, {attacks: c, premises: [d]}]")
    assert [r["id"] for r in outline(m)["roots"]] == ["a", "c"]


def test_a_very_long_chain_does_not_overflow_the_stack():
    n = 5000
    claims = "\n".join(f"  c{i}: Claim {i}." for i in range(n))
    args = "\n".join(f"  - {{supports: c{i}, premises: [c{i + 1}]}}" for i in range(n - 1))
    m = loads(f"thesis: c0\nclaims:\n{claims}\narguments:\n{args}\n")
    node, depth = outline(m)["roots"][0], 0
    while node.get("supports"):
        node, depth = node["supports"][0]["premises"][0], depth + 1
    assert depth == n - 1


def test_focus_on_an_argument_roots_the_tree_there():
    tree = outline(loads(TEA), focus="stains")
    (root,) = tree["roots"]
    assert root["kind"] == "argument" and root["premises"][0]["id"] == "stain"
    assert root["undercuts"][0]["id"] == "brushing"
