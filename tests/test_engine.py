"""Graphviz engines: the bundled one, a `dot` on PATH, and what to do without either
(argmap.render.engine)."""

import os
import sys
import textwrap

import pytest

from argmap import ArgmapError, ExportError
from argmap.render import engine
from argmap.render.engine import choose_engine, render

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
    """A `dot` on PATH that logs its arguments, says it laid out a huge drawing for -Tdot,
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
        case "$1" in
          -Tdot) echo 'digraph {{ graph [bb="0,0,48000,300"]; a; }}' ;;
          -Tfail) echo 'Error: syntax error in line 1' >&2; exit 1 ;;
          *) echo '<svg xmlns="http://www.w3.org/2000/svg"/>' ;;
        esac
        """))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bindir) + os.pathsep + os.environ.get("PATH", ""))
    return log


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
    assert fake_dot.read_text().splitlines() == ["-Tdot", "-Tpng -Gdpi=24.0"]


def test_system_engine_failure_is_an_export_error(fake_dot, monkeypatch):
    with pytest.raises(ExportError, match="Graphviz failed: Error: syntax error"):
        engine._run_dot(DOT, ["-Tfail"])


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
    monkeypatch.setattr(engine, "MAX_PIXELS", 200)
    png = render(DOT, "png", engine="bundled")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert max(width, height) <= 200
