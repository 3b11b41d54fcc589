"""Graphviz engines: the bundled one, a `dot` on PATH, and what to do without either
(argmap.render.engine)."""

import glob
import io
import os
import random
import re
import sys
import textwrap
import time

import pytest

from argmap import ArgmapError, ExportError
from argmap.render import engine
from argmap.render.engine import bbox, bounded_layout_attrs, choose_engine, merge_pdf, render, render_pages

DOT = "digraph { a -> b }"


@pytest.fixture
def no_pygraphviz(monkeypatch):
    """pygraphviz as on a platform without its wheel: importing it fails."""
    monkeypatch.setitem(sys.modules, "pygraphviz", None)


@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))


@pytest.fixture
def fake_dot(monkeypatch, tmp_path):
    """A `dot` on PATH that logs its arguments, says it laid out a huge drawing for -Tjson0,
    and otherwise prints a tiny SVG. Returns the path of the log."""
    if os.name == "nt":
        pytest.skip("the fake dot is a POSIX shell script")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "dot.log"
    script = bindir / "dot"
    script.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        echo "$@" >> '{log}'
        cat > /dev/null
        case " $* " in *" -v "*)  # verbose: what dot -v says of its steps, on stderr
          printf 'Starting phase 1 [dot_rank]\\nStarting phase 2 [dot_mincross]\\n' >&2
          printf 'mincross: pass 0 iter 0 trying 0 cur_cross 12 best_cross 9\\n' >&2 ;;
        esac
        case "$1" in
          -Tjson0) echo '{{"name": "G", "bb": "0,0,48000,300", "pad": "0"}}' ;;
          -Tfail) echo 'Error: syntax error in line 1' >&2; exit 1 ;;
          -Tslow) exec sleep 60 ;;
          *) echo '<svg xmlns="http://www.w3.org/2000/svg"/>' ;;
        esac
        """))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bindir) + os.pathsep + os.environ.get("PATH", ""))
    return log


def children() -> set[int]:
    """The ids of this process's child processes, zombies included (read from Linux's /proc)."""
    me, found = str(os.getpid()), set()
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                state_and_parent = f.read().rsplit(")", 1)[1].split()[:2]
        except OSError:  # it has gone
            continue
        if state_and_parent[1] == me:
            found.add(int(stat.split("/")[2]))
    return found


needs_proc = pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="no Linux /proc")


def dense_graph(nodes: int = 300, edges: int = 3000) -> str:
    """A random graph; with the defaults dot takes minutes to lay it out (over 120 s here)."""
    rng = random.Random(0)
    pairs = {(rng.randrange(nodes), rng.randrange(nodes)) for _ in range(edges)}
    return "digraph {\n" + "\n".join(f"  n{a} -> n{b};" for a, b in sorted(pairs)) + "\n}"


def svg_size(svg: bytes) -> tuple[float, float]:
    m = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert m, svg[:300]
    return float(m.group(1)), float(m.group(2))


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


LABELLED = 'digraph { graph [label="a title wider than the nodes below it"]; a -> b }'


def test_auto_prefers_the_bundled_engine():
    pytest.importorskip("pygraphviz")
    assert choose_engine("auto") == "bundled"
    assert render(DOT, "svg").lstrip().startswith(b"<?xml")


def test_without_pygraphviz_auto_falls_back_to_dot_on_path(no_pygraphviz, fake_dot):
    assert choose_engine() == "system"
    assert render(DOT, "svg") == b'<svg xmlns="http://www.w3.org/2000/svg"/>\n'
    assert fake_dot.read_text() == "-Tsvg\n"


def test_a_huge_png_from_the_system_engine_is_drawn_at_a_lower_resolution(fake_dot):
    render(DOT, "png", engine="system")
    # 48,000 points at 96 dpi would be 64,000 pixels: 24 dpi makes 16,000
    assert fake_dot.read_text().splitlines() == ["-Tjson0", "-Tpng -Gdpi=24.0"]


def test_system_engine_failure_is_an_export_error(fake_dot, monkeypatch):
    with pytest.raises(ExportError, match="Graphviz failed: Error: syntax error"):
        engine._run_dot(DOT, ["-Tfail"], engine._Budget(None))


def test_neither_engine_says_what_is_missing_and_how_to_get_one(no_pygraphviz, no_dot):
    with pytest.raises(ArgmapError) as info:
        render(DOT, "svg")
    err = info.value
    assert isinstance(err, ExportError)
    assert "pygraphviz (the bundled engine) is not installed" in err.message
    assert "no 'dot' executable on PATH" in err.message
    assert "pip install pygraphviz" in err.hint
    assert "install Graphviz" in err.hint and "graphviz.org" in err.hint
    assert "DOT and JSON export" in err.hint


def test_asking_for_a_missing_engine_names_it(no_pygraphviz, no_dot):
    with pytest.raises(ExportError, match="bundled Graphviz engine is not installed") as info:
        render(DOT, "svg", engine="bundled")
    assert "pip install pygraphviz" in info.value.hint
    with pytest.raises(ExportError, match="no 'dot' executable on PATH") as info:
        render(DOT, "svg", engine="system")
    assert "apt install graphviz" in info.value.hint


def test_unknown_engine_and_format_are_refused_before_looking_for_one(no_pygraphviz, no_dot):
    with pytest.raises(ExportError, match="unknown Graphviz engine 'neato'"):
        render(DOT, "svg", engine="neato")
    with pytest.raises(ExportError, match="cannot render format 'gif'"):
        render(DOT, "gif")


def test_the_bundled_engine_keeps_library_noise_off_stderr(capfd):
    pytest.importorskip("pygraphviz")
    with engine.quiet_stderr() as captured:
        os.write(2, b"Fontconfig warning: no fonts\n")
    assert captured == ["Fontconfig warning: no fonts"]
    assert capfd.readouterr().err == ""


def test_a_huge_png_from_the_bundled_engine_fits(monkeypatch):
    pytest.importorskip("pygraphviz")
    monkeypatch.setattr(engine, "MAX_PIXELS", 100)
    assert 95 <= max(png_size(render(DOT, "png", engine="bundled"))) <= 100  # 155 at 96 dpi
    # at the resolution the source asks for: 232 pixels at 144 dpi
    assert 95 <= max(png_size(render('digraph { graph [dpi=144]; a -> b }', "png"))) <= 100


def test_bbox_is_the_size_of_the_drawing():
    pytest.importorskip("pygraphviz")
    width, height = bbox(DOT)
    assert width > 0 and height > 0
    wider = bbox("digraph { a -> b; c }")
    taller = bbox("digraph { a -> b -> c }")
    assert wider[0] > width and wider[1] == pytest.approx(height)
    assert taller[1] > height and taller[0] == pytest.approx(width)
    # the graph's label and pad count, as in the SVG drawn (whose size Graphviz rounds)
    for source in (DOT, LABELLED, LABELLED.replace("graph [", "graph [pad=1 ")):
        assert svg_size(render(source, "svg")) == pytest.approx(bbox(source), abs=0.5)
    assert bbox(LABELLED.replace("graph [", "graph [pad=1 "))[0] == pytest.approx(bbox(LABELLED)[0] + 2 * 68)


def test_render_pages_draws_one_svg_or_png_per_source():
    pytest.importorskip("pygraphviz")
    sources = [DOT, "digraph { a -> b -> c -> d }", LABELLED]
    svgs = render_pages(sources, "svg")
    assert len(svgs) == 3
    assert [svg_size(svg) for svg in svgs] == [pytest.approx(bbox(s), abs=0.5) for s in sources]
    pngs = render_pages(sources, "png")
    assert len(pngs) == 3
    assert [png_size(png) for png in pngs] == [png_size(render(s, "png")) for s in sources]
    assert render_pages([], "svg") == []


def test_pdf_pages_merge_into_one_document_keeping_their_sizes():
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("pygraphviz")
    sources = [DOT, LABELLED, 'digraph { graph [margin=0]; a -> b -> c -> d }']
    pages = render_pages(sources, "pdf")
    assert len(pages) == 3 and all(p.startswith(b"%PDF") for p in pages)
    merged = pypdf.PdfReader(io.BytesIO(merge_pdf(pages)))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in merged.pages]
    margins = [36, 36, 0]  # Graphviz's default margin for PDF is half an inch a side
    assert sizes == [pytest.approx((w + 2 * m, h + 2 * m), abs=1)
                     for (w, h), m in zip(map(bbox, sources), margins, strict=True)]


def test_merging_what_is_not_a_pdf_names_the_page():
    pypdf = pytest.importorskip("pypdf")
    blank = pypdf.PdfWriter()
    blank.add_blank_page(100, 200)
    pdf = io.BytesIO()
    blank.write(pdf)
    assert len(pypdf.PdfReader(io.BytesIO(merge_pdf([pdf.getvalue()] * 2))).pages) == 2
    with pytest.raises(ExportError, match="page 2 is not a readable PDF"):
        merge_pdf([pdf.getvalue(), b"<svg/>"])


def test_with_a_timeout_the_bundled_engine_gives_the_same_drawings():
    pytest.importorskip("pygraphviz")
    assert render(LABELLED, "svg", timeout=60) == render(LABELLED, "svg")
    assert bbox(LABELLED, timeout=60) == bbox(LABELLED)
    assert render_pages([DOT, LABELLED], "png", timeout=60) == render_pages([DOT, LABELLED], "png")
    with pytest.raises(ExportError, match="Graphviz: Error: syntax error in line 1"):
        render("digraph { a -> }", "svg", timeout=60)


@needs_proc
@pytest.mark.parametrize("work", [
    lambda src: render(src, "svg", engine="bundled", timeout=0.5),
    lambda src: bbox(src, engine="bundled", timeout=0.5),
    lambda src: render_pages([DOT, src], "pdf", engine="bundled", timeout=0.5),
], ids=["render", "bbox", "render_pages"])
def test_a_layout_over_its_time_is_stopped(work):
    pytest.importorskip("pygraphviz")
    before = children()
    start = time.monotonic()
    with pytest.raises(ExportError, match=r"did not finish laying out the map in 0\.5 s") as info:
        work(dense_graph())
    assert time.monotonic() - start < 5
    assert "--focus" in info.value.hint and "--page" in info.value.hint
    assert children() <= before


@needs_proc
def test_a_system_dot_over_its_time_is_stopped(fake_dot):
    before = children()
    start = time.monotonic()
    with pytest.raises(ExportError, match=r"did not finish laying out the map in 0\.5 s"):
        engine._run_dot(DOT, ["-Tslow"], engine._Budget(0.5))
    assert time.monotonic() - start < 5
    assert children() <= before


def test_a_spent_budget_stops_before_the_next_step(fake_dot):
    budget = engine._Budget(0.001)
    time.sleep(0.01)
    with pytest.raises(ExportError, match="did not finish"):
        engine._draw_system(DOT, "png", budget)
    assert not fake_dot.exists()  # dot was not even started


def test_the_system_engine_measures_the_drawing_from_its_json_layout(fake_dot):
    assert bbox(DOT, engine="system") == (48000.0, 300.0)  # the fake's bb, with pad=0
    assert fake_dot.read_text() == "-Tjson0\n"


def test_only_big_graphs_get_a_bounded_layout():
    assert bounded_layout_attrs(0) == bounded_layout_attrs(999) == {}
    bounded = bounded_layout_attrs(1000)
    assert bounded and bounded == bounded_layout_attrs(100_000)
    assert {"mclimit", "nslimit", "nslimit1"} <= set(bounded)
    assert all(isinstance(v, str) for v in bounded.values())
    bounded["mclimit"] = "changed"  # a copy: the next caller gets the original
    assert bounded_layout_attrs(1000) != bounded


def test_graphviz_acts_on_the_bounding_attributes():
    pytest.importorskip("pygraphviz")
    source = dense_graph(60, 150)  # laid out in a fraction of a second
    attrs = " ".join(f"{k}={v}" for k, v in bounded_layout_attrs(10_000).items())
    bounded = source.replace("digraph {", f"digraph {{ graph [{attrs}];", 1)
    assert render(bounded, "svg") != render(source, "svg")


def test_progress_names_each_step_of_a_bundled_layout_and_changes_nothing():
    pytest.importorskip("pygraphviz")
    source = "digraph { a -> b -> c; a -> c; d -> b }"
    seen = []
    assert render(source, "svg", progress=seen.append) == render(source, "svg")
    steps = [p.step for p in seen]
    assert steps == sorted(steps) and steps[0] == 1 and steps[-1] == 6
    assert {p.what for p in seen} >= {"measuring the labels", "ranking",
                                      "ordering the ranks to cut crossings", "placing the boxes",
                                      "routing the edges", "drawing the SVG"}
    assert all(p.steps == 6 and p.elapsed >= 0 for p in seen)
    seen.clear()
    render_pages([source, DOT], "png", progress=seen.append)
    assert seen[-1].what == "drawing the PNG (drawing 2 of 2)"


def test_the_system_engine_is_watched_through_dot_v(fake_dot):
    seen = []
    assert render(DOT, "svg", engine="system", progress=seen.append).startswith(b"<svg")
    assert fake_dot.read_text() == "-Tsvg -v\n"
    assert [(p.step, p.detail) for p in seen][-1] == (3, "pass 1, 9 crossings")


@needs_proc
def test_a_watched_layout_over_its_time_is_stopped():
    pytest.importorskip("pygraphviz")
    before = children()
    seen = []
    with pytest.raises(ExportError, match=r"did not finish laying out the map in 0\.5 s"):
        render(dense_graph(), "svg", timeout=0.5, progress=seen.append)
    assert seen and seen[-1].step <= 3  # it got no further than ordering the ranks
    assert children() <= before


def test_where_a_fork_is_not_safe_the_layout_runs_in_a_fresh_python(monkeypatch):
    pytest.importorskip("pygraphviz")
    source = "digraph { a -> b -> c; a -> c }"
    alone = render(source, "svg")
    forks = []
    monkeypatch.setattr(engine.os, "fork", lambda: forks.append(1) or 0)  # must not be called
    monkeypatch.setattr(engine.sys, "platform", "darwin")
    seen = []
    assert render(source, "svg", timeout=60, progress=seen.append) == alone
    assert forks == [] and seen[-1].what == "drawing the SVG"
    with pytest.raises(ExportError, match="Graphviz: Error: syntax error in line 1"):
        render("digraph { a -> }", "svg", timeout=60)
