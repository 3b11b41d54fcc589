"""The one build step (records -> ArgumentMap): the graph it fills in one pass is the graph the
public ``add_claims``/``add_arguments`` make, and its reports keep the order they are written in."""

from hypothesis import given
from hypothesis import strategies as st

from argmap.model import ArgumentMap, Position
from argmap.records import Argument, Claim, Records, build


def rebuilt(amap: ArgumentMap) -> ArgumentMap:
    """The same map made again through the public methods, from the built graph's attributes."""
    out = ArgumentMap()
    attrs = dict(amap.graph.nodes(data=True))
    out.add_claims((n, a["text"], {k: v for k, v in a.items() if k not in ("kind", "text")})
                   for n, a in attrs.items() if a["kind"] == "claim")
    out.add_arguments((n, a["relation"], a["target"], a["premises"],
                       {k: v for k, v in a.items()
                        if k not in ("kind", "relation", "target", "premises")})
                      for n, a in attrs.items() if a["kind"] == "argument")
    return out


def shape(amap: ArgumentMap) -> tuple:
    """Everything networkx holds, in its own order: nodes with their attributes (keys in order),
    successors and predecessors of each node in order."""
    g = amap.graph
    assert all(g.succ[u][v] is g.pred[v][u] for u, v in g.edges)  # one dict per edge
    return ([(n, list(a.items())) for n, a in g.nodes(data=True)],
            [(n, list(g.succ[n].items())) for n in g], [(n, list(g.pred[n].items())) for n in g])


def test_a_later_argument_is_a_target_with_the_edges_in_the_order_written():
    recs = Records("m.json")
    recs.claims += [Claim(c, c.upper() + ".") for c in ("t", "a", "b", "c")]
    recs.arguments += [Argument("attack", "late", ["a"], id="early"),  # aimed at one below
                       Argument("support", "t", ["b", "c"], id="late"),
                       Argument("support", "late", ["a"])]
    amap, diagnostics = build(recs)
    assert diagnostics == []
    assert list(amap.graph.pred["late"]) == ["early", "b", "c", "a--supports--late"]
    assert list(amap.graph.succ["a"]) == ["early", "a--supports--late"]
    assert shape(amap) == shape(rebuilt(amap))


def test_what_stands_on_an_argument_left_out_is_left_out_and_reported_in_order():
    recs = Records("m.json")
    recs.claims += [Claim(c, c.upper() + ".") for c in ("t", "a", "b")]
    at = [Position("m.json", line, 1) for line in range(1, 5)]
    recs.arguments += [Argument("attack", "gone", ["a"], id="on-gone", at=at[0]),
                       Argument("attack", "on-gone", ["b"], id="on-on-gone", at=at[1]),
                       Argument("support", "t", ["nope"], id="gone", at=at[2]),
                       Argument("support", "nowhere", ["b"], at=at[3])]
    amap, diagnostics = build(recs)
    assert [(d.code, d.line) for d in diagnostics] == [("unknown-ref", 3), ("unknown-ref", 4)]
    assert sorted(amap.arguments()) == []
    assert shape(amap) == shape(rebuilt(amap))
    assert list(amap.graph.succ["a"]) == list(amap.graph.succ["b"]) == []


def test_premises_and_targets_are_the_graphs_own_id_strings():
    recs = Records("m.json")
    recs.claims += [Claim("tea", "Tea."), Claim("warm", "Warm.")]
    recs.arguments.append(Argument("support", "".join(["t", "ea"]), ["".join(["wa", "rm"])]))
    amap = build(recs)[0]
    attrs = amap.graph.nodes["warm--supports--tea"]
    keys = {n: n for n in amap.graph}  # a lookup by the same string object is the quickest
    assert attrs["target"] is next(k for k in keys if k == "tea")
    assert attrs["premises"][0] is next(k for k in keys if k == "warm")


IDS = ["c0", "c1", "c2", "c3", "a0", "a1", "a2", "nope", "bad id"]


@st.composite
def records(draw):
    """Records with every kind of reference: to claims, to arguments written before and after,
    to arguments that are themselves left out, to nothing; duplicates and bad ids."""
    recs = Records("m.json", strict=draw(st.booleans()))
    for i in range(draw(st.integers(0, 5))):
        cid = draw(st.sampled_from([None, f"c{i}", f"c{i}", "c0", "bad id"]))
        recs.claims.append(Claim(cid, draw(st.sampled_from(["A.", "B b.", "A."])),
                                 at=Position("m.json", i + 1, 1),
                                 attrs=draw(st.sampled_from([{}, {"tags": ["x"]}, {"weight": 0.9}]))))
    for i in range(draw(st.integers(0, 8))):
        premises = draw(st.lists(st.sampled_from(IDS), max_size=3))
        recs.arguments.append(Argument(
            draw(st.sampled_from(["support", "attack"])), draw(st.sampled_from(IDS)), premises,
            id=draw(st.sampled_from([None, None, "a0", "a1", "a2", "c1"])),
            at=Position("m.json", 20 + i, 1), attrs=draw(st.sampled_from([{}, {"title": "T"}]))))
    return recs


@given(records())
def test_the_graph_built_in_one_pass_is_the_graph_of_the_public_methods(recs):
    amap, diagnostics = build(recs)
    assert shape(amap) == shape(rebuilt(amap))
    # what keeps an argument out, reported after the ids written twice, in the order written
    lines = [d.line for d in diagnostics if d.line and d.line >= 20 and "twice" not in d.message
             and "already" not in d.message]
    assert lines == sorted(lines)
