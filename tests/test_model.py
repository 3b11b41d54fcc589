"""ArgumentMap: the graph shape and its typed accessors, built directly (no YAML)."""

import pytest

from argmap.errors import ArgmapError, UnknownIdError
from argmap.model import ArgumentMap, Position


@pytest.fixture
def tram():
    """A thesis with two independent reasons, a linked argument, an objection, an undercut of the
    objection and an undercut of that undercut."""
    m = ArgumentMap(title="Tram")
    for cid in ("build", "emissions", "riders", "forecast", "cost", "fixed", "loophole"):
        m.add_claim(cid, f"{cid.capitalize()}.")
    m.add_argument("green", "support", "build", ["emissions"])
    m.add_argument("busy", "support", "build", ["riders", "forecast"])  # linked premises
    m.add_argument("overrun", "attack", "build", ["cost"])
    m.add_argument("capped", "attack", "overrun", ["fixed"])  # undercut
    m.add_argument("escape", "attack", "capped", ["loophole"])  # undercut of an undercut
    return m


def test_claims_and_arguments_in_the_order_added(tram):
    assert list(tram.claims()) == ["build", "emissions", "riders", "forecast", "cost", "fixed",
                                   "loophole"]
    assert list(tram.arguments()) == ["green", "busy", "overrun", "capped", "escape"]
    assert len(tram) == 12
    assert "capped" in tram and "nope" not in tram


def test_edges_run_premise_to_argument_to_target(tram):
    g = tram.graph
    assert g.edges["riders", "busy"]["role"] == "premise"
    assert g.edges["forecast", "busy"]["role"] == "premise"
    assert g.edges["busy", "build"]["role"] == "support"
    assert g.edges["capped", "overrun"]["role"] == "attack"
    assert not g.has_edge("build", "busy")


def test_supporters_are_the_supporting_arguments_in_order(tram):
    assert tram.supporters("build") == ["green", "busy"]
    assert tram.supporters("emissions") == []


def test_attackers_of_a_claim_and_of_an_argument(tram):
    assert tram.attackers("build") == ["overrun"]
    assert tram.attackers("overrun") == ["capped"]
    assert tram.attackers("capped") == ["escape"]
    assert tram.attackers("green") == []


def test_premises_keep_the_written_order(tram):
    assert tram.premises("busy") == ["riders", "forecast"]
    m = ArgumentMap()
    for cid in "abc":
        m.add_claim(cid, cid)
    m.add_argument("x", "support", "a", ["c", "b"])
    assert m.premises("x") == ["c", "b"]


def test_target_and_relation(tram):
    assert (tram.target("busy"), tram.relation("busy")) == ("build", "support")
    assert (tram.target("escape"), tram.relation("escape")) == ("capped", "attack")


@pytest.mark.parametrize("argument, undercut", [
    ("green", False),     # supports a claim
    ("overrun", False),   # attacks a claim: a rebuttal
    ("capped", True),     # attacks an argument
    ("escape", True),     # attacks an undercut
])
def test_is_undercut(tram, argument, undercut):
    assert tram.is_undercut(argument) is undercut


def test_supporting_an_argument_is_not_an_undercut(tram):
    tram.add_claim("audit", "Audit.")
    tram.add_argument("backed", "support", "overrun", ["audit"])
    assert tram.is_undercut("backed") is False
    assert tram.supporters("overrun") == ["backed"]


def test_kind_and_used_in(tram):
    assert tram.kind("build") == "claim" and tram.is_claim("build")
    assert tram.kind("capped") == "argument" and tram.is_argument("capped")
    assert tram.used_in("riders") == ["busy"]
    assert tram.used_in("build") == []


def test_roots_without_a_thesis_are_claims_that_are_premises_of_nothing(tram):
    assert tram.thesis is None
    assert tram.roots() == ["build"]
    tram.add_claim("aside", "An aside.")
    assert tram.roots() == ["build", "aside"]


def test_roots_with_a_thesis_is_just_the_thesis(tram):
    tram.add_claim("aside", "An aside.")
    tram.thesis = "aside"
    assert tram.roots() == ["aside"]


def test_claim_attributes_and_defaults():
    m = ArgumentMap()
    pos = Position("m.yaml", 3, 5)
    m.add_claim("a", "A.", theme="cost", tags=["x", "y"], para=2, quote="q", weight=0.9,
                given=True, pos=pos)
    m.add_claim("b", "B.")
    a, b = m.node("a"), m.node("b")
    assert (a["theme"], a["tags"], a["para"], a["quote"], a["weight"], a["given"]) == \
           ("cost", ("x", "y"), 2, "q", 0.9, True)
    assert (b["weight"], b["given"], b["tags"]) == (0.5, False, ())
    assert m.position("a") == pos and str(pos) == "m.yaml:3:5"
    assert m.position("b") is None
    assert m.text("a") == "A."


def test_position_str_leaves_out_what_is_unknown():
    assert str(Position(None, 4, None)) == "<map>:4"


def test_theme_label_falls_back_to_the_theme_id():
    m = ArgumentMap(themes={"cost": "Cost and money"})
    assert m.theme_label("cost") == "Cost and money"
    assert m.theme_label("climate") == "climate"
    assert m.theme_label(None) is None


@pytest.mark.parametrize("accessor", ["node", "kind", "text"])
def test_unknown_id_suggests_the_closest(tram, accessor):
    with pytest.raises(UnknownIdError) as e:
        getattr(tram, accessor)("emisions")
    assert "did you mean 'emissions'?" in str(e.value)
    assert isinstance(e.value, ArgmapError)


def test_unknown_id_without_a_close_match_has_no_suggestion(tram):
    with pytest.raises(UnknownIdError) as e:
        tram.node("zzzzzz")
    assert "'zzzzzz'" in str(e.value)
    assert "did you mean" not in str(e.value)


def test_unknown_claim_message_suggests_only_claims(tram):
    # 'capped' is an argument: a claim-only lookup must not offer it
    assert "did you mean" not in tram.unknown_id_message("capp", kind="claim")
    assert "did you mean 'capped'?" in tram.unknown_id_message("capp")


def test_add_argument_rejects_an_unknown_relation():
    m = ArgumentMap()
    m.add_claim("a", "A.")
    m.add_claim("b", "B.")
    with pytest.raises(ValueError, match="relation"):
        m.add_argument("x", "entails", "a", ["b"])
    assert "x" not in m


@pytest.mark.parametrize("method", ["supporters", "attackers", "premises", "target", "relation",
                                    "used_in", "position", "is_claim", "is_argument"])
def test_every_accessor_names_an_unknown_id(method):
    m = ArgumentMap()
    m.add_claim("tea", "Drink tea.")
    with pytest.raises(UnknownIdError, match="did you mean 'tea'"):
        getattr(m, method)("tee")


# -- the graph filled through networkx's own dicts -------------------------------------------------

def _networkx_shape(g):
    assert all(g.succ[u][v] is g.pred[v][u] for u, v in g.edges)
    return ([(n, list(a.items())) for n, a in g.nodes(data=True)],
            [(n, list(g.succ[n].items())) for n in g], [(n, list(g.pred[n].items())) for n in g])


def test_add_nodes_and_edges_are_what_networkx_makes():
    """Nodes added twice, an argument aimed at one added later, an end not yet a node, an edge
    added twice: the dicts filled directly are those of add_nodes_from and add_edges_from."""
    import networkx as nx

    from argmap.model import add_argument_edges, add_nodes

    nodes = [("a", {"kind": "claim", "x": 1}), ("b", {"kind": "claim"}),
             ("a", {"x": 2, "y": 3}), ("s", {"kind": "argument", "premises": ("a", "b"),
                                             "target": "t", "relation": "support"}),
             ("t", {"kind": "argument", "premises": ("b",), "target": "ghost",
                    "relation": "attack"}),
             ("s", {"premises": ("a", "a"), "target": "t", "relation": "attack"})]
    fast = nx.DiGraph()
    add_nodes(fast, [(n, dict(a)) for n, a in nodes])
    add_argument_edges(fast, [(n, fast.nodes[n]) for n in ("s", "t", "s")])
    slow = nx.DiGraph()
    slow.add_nodes_from(n for n, _ in nodes)
    for n, a in nodes:
        slow.nodes[n].update(a)
    for n in ("s", "t", "s"):
        a = slow.nodes[n]
        slow.add_edges_from([(p, n, {"role": "premise"}) for p in a["premises"]]
                            + [(n, a["target"], {"role": a["relation"]})])
    assert _networkx_shape(fast) == _networkx_shape(slow)


def test_below_stops_at_what_is_already_seen(tram):
    assert tram.below(["overrun"]) == {"overrun", "cost", "capped", "fixed", "escape", "loophole"}
    assert tram.below(["overrun"], seen={"capped"}) == {"overrun", "cost", "capped"}
