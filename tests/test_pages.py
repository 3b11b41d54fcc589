"""Page-fit diagrams: the page planner (argmap.render.pages) and `export --page`."""

import html
import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from argmap import ExportError, load, loads
from argmap.loader import bundled_map_path
from argmap.queries import subset
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
    # the undercuts that answer them (14 claims), and whole branches below them while they fit
    pages = plan_pages(m, nodes, lambda p: len(_claims(m, p.nodes)) <= 16)
    overview = pages[0]
    assert overview.top == m.thesis and overview.number == 1
    direct = set(g.pred[m.thesis])
    direct |= {u for a in direct for u in g.pred[a] if g.nodes[u]["kind"] == "argument"}
    depth_one = {p for a in direct for p in g.nodes[a]["premises"]}
    held = _claims(m, overview.nodes)
    assert depth_one | {m.thesis} <= held and len(held) <= 16
    for extra in held - depth_one - {m.thesis}:  # only whole branches join
        head = next(h for h in depth_one if extra in subset(m, focus=h))
        assert _claims(m, subset(m, focus=head)) <= held or any(
            link.at == head for link in overview.stubs)
    assert overview.stubs and all(link.kind is None for link in overview.stubs)
    # 12 claims to a page: too few for that overview; page 1 is the thesis with whole
    # arguments while they fit and a stub for the others, drawn as reasons or objections
    pages = plan_pages(m, nodes, lambda p: len(_claims(m, p.nodes)) <= 12)
    overview = pages[0]
    held = _claims(m, overview.nodes)
    assert m.thesis in held and len(held) <= 12
    assert overview.stubs and all(link.kind in ("support", "attack", "mixed")
                                  for link in overview.stubs)
    assert all(link.title.split(": ")[0] in ("reason", "objection")
               or link.title.endswith(("reasons", "objections", "reason", "objection"))
               for link in overview.stubs)
    for a in g.pred[m.thesis]:  # each argument is on page 1 or on a page a stub points to
        premises = set(g.nodes[a]["premises"])
        assert premises <= held or any(premises & link.page.nodes for link in overview.stubs)
    # every claim is on some page; every stub points at a page that points back
    assert set().union(*(_claims(m, p.nodes) for p in pages)) == _claims(m, nodes)
    for link in overview.stubs:
        assert link.claims > 0 and link.page is not overview
        assert any(back is overview and at in link.page.nodes for at, back in link.page.backs)
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

    def draw(page, direction, wrap):
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


# -- export --page ---------------------------------------------------------------------------------
A4_LANDSCAPE = (841.9, 595.3)


def _quality():
    path = Path(__file__).parent.parent / "benchmarks" / "diagrams.py"
    spec = importlib.util.spec_from_file_location("diagrams", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _svg_ids(svg: str) -> set[str]:
    """The ids of the nodes drawn in a Graphviz SVG (their titles are ``n_`` + the DOT name)."""
    titles = re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>', svg)
    return {html.unescape(t)[2:].replace("%3A", ":") for t in titles}


@pytest.fixture(scope="module")
def paged_svg(tmp_path_factory):
    pytest.importorskip("pygraphviz", reason="the bundled Graphviz engine is not installed")
    from click.testing import CliRunner

    from argmap.cli import cli

    out = tmp_path_factory.mktemp("pages") / "map.svg"
    r = CliRunner().invoke(cli, ["export", "-o", str(out), "--page", "a4-landscape"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return out, r.output


def test_page_fit_svg_pages_are_a4_legible_and_hold_every_claim(paged_svg):
    out, said = paged_svg
    files = sorted(out.parent.glob("map-*.svg"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(files) > 1 and not out.exists()
    assert said.count("Wrote ") == len(files) and f"of {len(files)}" in said
    quality = _quality()
    m = load(bundled_map_path())
    seen: set[str] = set()
    for f in files:
        svg = f.read_text()
        rep = quality.report(svg)
        assert (rep["page"]["width_pt"], rep["page"]["height_pt"]) == pytest.approx(
            A4_LANDSCAPE, abs=1.5)
        assert rep["type"]["smallest_pt"] >= 7 - 0.05, f.name
        ids = _svg_ids(svg)
        claims = {i for i in ids if i in m.graph and m.is_claim(i)}
        assert claims, f.name
        seen |= claims
        assert "font-family=\"'DejaVu Sans', Verdana" in svg
    assert seen == set(m.claims())  # every claim on some page
    first = files[0].read_text()
    assert "see p." in first or re.search(r"p\. \d+", first)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_page_fit_svg_text_fits_its_boxes_in_chromium(paged_svg):
    out, _ = paged_svg
    quality = _quality()
    for f in sorted(out.parent.glob("map-*.svg"))[:4]:
        assert quality.overflows(str(f))["count"] == 0, f.name


def test_page_fit_pdf_is_one_file_with_a_page_per_diagram(run, tmp_path):
    pytest.importorskip("pygraphviz", reason="the bundled Graphviz engine is not installed")
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "brief.pdf"
    r = run("export", "-o", out, "--page", "a4-landscape")
    assert r.exit_code == 0, r.output
    pages = pypdf.PdfReader(str(out)).pages
    assert len(pages) > 1 and f"{len(pages)} pages" in r.output
    for page in pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE, abs=1.5)


def test_a_map_that_fits_one_page_is_one_file_of_that_page(run, tea, tmp_path):
    pytest.importorskip("pygraphviz", reason="the bundled Graphviz engine is not installed")
    out = tmp_path / "tea.svg"
    r = run("export", tea, "-o", out, "--page", "a4")
    assert r.exit_code == 0 and "page 1 of 1" in r.output
    assert not list(tmp_path.glob("tea-*.svg"))
    svg = out.read_text()
    assert re.search(r'<svg width="595pt" height="84[12]pt"', svg), svg[:300]


def test_bad_pages_are_usage_errors(run, tmp_path):
    r = run("export", "-o", tmp_path / "x.svg", "--page", "a5")
    assert r.exit_code == 2 and "unknown page 'a5'" in r.output and "a4-landscape" in r.output
    r = run("export", "-o", tmp_path / "x.json", "--page", "a4")
    assert r.exit_code == 2 and "JSON has no pages" in r.output


def test_page_fit_draws_only_the_selection(run, tmp_path):
    pytest.importorskip("pygraphviz", reason="the bundled Graphviz engine is not installed")
    m = load(bundled_map_path())
    for option, value in (("--theme", "costs"), ("--focus", "partners-wont-act")):
        out = tmp_path / f"{value}.svg"
        r = run("export", "-o", out, "--page", "a4", option, value)
        assert r.exit_code == 0, r.output
        files = list(tmp_path.glob(f"{value}*.svg"))
        drawn = set().union(*(_svg_ids(f.read_text()) for f in files))
        wanted = _claims(m, subset(m, **{option.strip("-"): value}))
        assert _claims(m, {i for i in drawn if i in m.graph}) == wanted
