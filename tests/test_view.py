"""The view layer: what every drawing shows, decided once (argmap.render.view)."""

from argmap import load, loads
from argmap.loader import bundled_map_path
from argmap.queries import subset
from argmap.render.view import Stub, view

from samples import TEA


def test_claims_are_boxes_and_arguments_are_nodes_only_where_they_carry_structure():
    m = loads(TEA.replace("{supports: tea, premises: [warm]}",
                          "{supports: tea, premises: [warm], scheme: from warmth}"))
    v = view(m)
    kinds = {n.id: n.kind for n in v.nodes.values()}
    assert {kinds[c] for c in m.claims()} == {"claim"}
    assert kinds["cost"] == "junction"  # linked premises, no title, nothing aimed at it
    assert kinds["stains"] == "argument" and kinds["brushing"] == "argument"  # undercut targets
    # a lone premise with only a scheme is a direct edge: the scheme does not make a node
    assert not [a for a in v.nodes if a.startswith("warm--supports--tea")]
    assert any((e.source, e.target, e.arrow) == ("warm", "tea", True) for e in v.edges)


def test_an_untitled_linked_argument_is_a_junction_and_a_titled_one_a_node():
    plain = loads("claims: {t: T., a: A., b: B.}\narguments: [{supports: t, premises: [a, b]}]")
    (j,) = [n for n in view(plain).nodes.values() if n.kind != "claim"]
    assert j.kind == "junction" and j.text == "" and j.look == "support"
    titled = loads("claims: {t: T., a: A., b: B.}\n"
                   "arguments: [{supports: t, premises: [a, b], title: both}]")
    (n,) = [n for n in view(titled).nodes.values() if n.kind != "claim"]
    assert n.kind == "argument" and n.text == "both"
    edges = view(titled).edges
    assert [(e.source, e.arrow) for e in edges] == [("a", False), ("b", False), (n.id, True)]


def test_looks_meta_and_status():
    m = loads(TEA.replace("  warm: Tea is warm.", "  warm: {text: Tea is warm., by: analyst}")
              .replace("  paste: Toothpaste is cheap.",
                       "  paste: {text: Toothpaste is cheap., given: true}"))
    v = view(m, ids=True, status={"tea": ("IN", 0.8)})
    assert v.nodes["tea"].look == "thesis" and v.nodes["tea"].status == ("IN", 0.8)
    assert v.nodes["warm"].look == "analyst" and v.analyst
    assert v.nodes["paste"].look == "given" and "given" in v.nodes["paste"].meta
    assert v.nodes["tea"].meta == ["¶3", "tea"] and v.labels == ["IN"]
    assert v.relations == ["support", "attack", "undercut"]


def test_a_theme_has_the_same_colour_in_every_part_of_the_map():
    m = load(bundled_map_path())
    whole = view(m)
    for t in m.themes:
        part = view(m, subset(m, theme=t))
        assert part.colours[t] == whole.colours[t]
        assert set(part.themes) <= set(whole.themes)
    assert len(set(whole.colours.values())) == len(whole.colours)  # distinct while they last


def test_stubs_stand_for_branches_and_arguments_drawn_elsewhere():
    m = loads(TEA)
    v = view(m, {"tea", "warm", "warm--supports--tea"},
             stubs=[Stub("warm", 3, "p. 2"), Stub("tea", 4, "p. 3", "▸ objection: x", "attack")])
    stubs = [n for n in v.nodes.values() if n.kind == "stub"]
    assert [s.text for s in stubs] == ["▸ 3 more claims: see p. 2", "▸ objection: x"]
    by_source = {e.source: e for e in v.edges}
    branch, argument = (by_source[s.id] for s in stubs)
    assert (branch.target, branch.arrow) == ("warm", False)  # continues below warm
    assert (argument.target, argument.kind, argument.arrow) == ("tea", "attack", True)
    assert "attack" in v.relations  # the legend explains the objection stub's line
