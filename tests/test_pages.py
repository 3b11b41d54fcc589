"""Page-fit diagrams: the page planner (argmap.render.pages) and `export --page`."""

import pytest

from argmap import ExportError, load, loads
from argmap.loader import bundled_map_path
from argmap.render.pages import fit_attrs, lay_out_pages, page_size, plan_pages


def _claims(amap, nodes):
    return {n for n in nodes if amap.is_claim(n)}


def test_page_sizes_by_name_and_by_measure():
    assert page_size("A4") == page_size("210x297mm") == (595.3, 841.9)
    assert page_size("letter-landscape") == (792.0, 612.0) == page_size("11 x 8.5 in")
    w, h = page_size("slide")
    assert round(w / h, 2) == 1.78
    for bad in ("a5", "10x10cm", "x3in", ""):
        with pytest.raises(ExportError, match="unknown page"):
            page_size(bad)
    with pytest.raises(ExportError, match="too small"):
        page_size("1x1in")


def test_fit_attrs_shrink_to_the_page_and_centre_on_exactly_it():
    for w, h in ((3000, 1000), (300, 200), (500, 2000)):
        attrs, scale = fit_attrs(w, h, (842, 595))
        assert scale <= 1 and (w * scale <= 842 - 56 + 0.01) and (h * scale <= 595 - 56 + 0.01)
        mx, my = (float(v) * 72 for v in attrs["margin"].split(","))
        assert round(w * scale + 2 * mx, 1) == 842 and round(h * scale + 2 * my, 1) == 595
    assert fit_attrs(300, 200, (842, 595))[1] == 1.0  # small drawings are not enlarged


def test_a_map_that_fits_is_one_page_and_one_that_does_not_is_an_overview_and_branches():
    m = load(bundled_map_path())
    nodes = set(m.graph)
    (whole,) = plan_pages(m, nodes, lambda p: True)
    assert whole.nodes == nodes and whole.number == 1 and not whole.stubs
    g = m.graph
    # 16 claims to a page: the overview holds the thesis, its direct reasons and objections with
    # the undercuts that answer them (14 claims), and nothing deeper
    pages = plan_pages(m, nodes, lambda p: len(_claims(m, p.nodes)) <= 16)
    overview = pages[0]
    assert overview.top == m.thesis and overview.number == 1
    direct = set(g.pred[m.thesis])
    direct |= {u for a in direct for u in g.pred[a] if g.nodes[u]["kind"] == "argument"}
    depth_one = {p for a in direct for p in g.nodes[a]["premises"]}
    assert _claims(m, overview.nodes) == depth_one | {m.thesis}
    assert all(link.kind is None for link in overview.stubs)
    # 12 claims to a page: too few for that overview; page 1 is the thesis with a stub for
    # each argument for or against it, drawn as a reason or an objection
    pages = plan_pages(m, nodes, lambda p: len(_claims(m, p.nodes)) <= 12)
    overview = pages[0]
    assert _claims(m, overview.nodes) == {m.thesis}
    arguments = [a for a in g.pred[m.thesis]]
    assert len(overview.stubs) == len(arguments)
    assert [link.kind for link in overview.stubs] == [
        "support" if g.nodes[a]["relation"] == "support" else "attack" for a in arguments]
    assert all(link.title.startswith(("reason: ", "objection: ")) for link in overview.stubs)
    # every claim is on some page; every stub points at the page that starts at its claim
    assert set().union(*(_claims(m, p.nodes) for p in pages)) == _claims(m, nodes)
    for link in overview.stubs:
        assert (link.at, overview) in link.page.backs and link.claims > 0
        assert link.at in link.page.nodes
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    for p in pages:  # a page that was split again is an overview of its own branch
        assert len(_claims(m, p.nodes)) <= 12 or p.stubs
    # a branch shared by two parents is drawn on one page and linked from the other
    tops = [p.top for p in pages if p.top != m.thesis]
    assert len(tops) == len(set(tops))


def test_claims_in_a_cycle_get_their_pages_without_recursing_forever():
    m = loads("thesis: t\nclaims: {t: T., a: A., b: B., c: C., d: D.}\narguments: ["
              "{supports: t, premises: [a]}, {supports: a, premises: [b]},"
              "{supports: b, premises: [a]}, {supports: b, premises: [c]},"
              "{supports: c, premises: [d]}]")
    pages = plan_pages(m, set(m.graph), lambda p: len(_claims(m, p.nodes)) <= 2)
    assert set().union(*(_claims(m, p.nodes) for p in pages)) == {"t", "a", "b", "c", "d"}


def test_lay_out_pages_prefers_the_thesis_on_top_and_reports_the_type_on_paper():
    m = load(bundled_map_path())
    drawn = []

    def draw(page, direction):
        drawn.append(direction)
        n = len(_claims(m, page.nodes))
        return f'digraph {{ a [label=<<FONT POINT-SIZE="8">{n}</FONT>>] }}'

    def measure(dot):  # BT: wide and short; pages of up to 8 claims fit at 8 pt
        n = int(dot.split(">")[1].split("<")[0])
        return (120.0 * n, 200.0) if drawn[-1] == "BT" else (300.0, 90.0 * n)

    laid = lay_out_pages(m, set(m.graph), (842, 595), draw, measure, min_font=7)
    assert len(laid) > 1
    for lp in laid:
        assert lp.type_pt == pytest.approx(8 * lp.scale)
        assert 'size="' in lp.dot and 'margin="' in lp.dot
        if lp.type_pt >= 7 and len(_claims(m, lp.page.nodes)) * 120 * 0.875 <= 786:
            assert lp.direction == "BT"
