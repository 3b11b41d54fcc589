"""Graphviz engines: DOT source in, SVG, PNG or PDF bytes out.

Two engines can lay out and draw a diagram:

``bundled``
    the Graphviz that pygraphviz's wheels carry (with cairo and pango), run in-process. It is
    installed with argmap wherever such a wheel exists: CPython on Linux (glibc 2.28+, x86_64
    and aarch64), macOS 11+ and 64-bit Windows.
``system``
    a ``dot`` executable on PATH, from the operating system's Graphviz package.

``auto`` (the default) takes the bundled engine when pygraphviz imports and a ``dot`` on PATH
otherwise. Without either, rendering raises :class:`~argmap.errors.ExportError` saying how to
get one; DOT and JSON export need no engine at all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import ExportError

__all__ = ["render", "choose_engine", "ENGINES", "FORMATS"]

ENGINES = ("auto", "bundled", "system")
FORMATS = ("svg", "png", "pdf")
MAX_PIXELS = 16000  # per side of a PNG: cairo's limit is 32767, and viewers struggle far below
DPI = 96.0  # Graphviz's default resolution for bitmaps

_GET_BUNDLED = ("pip install pygraphviz (its wheels bundle Graphviz on Linux x86_64/aarch64 "
                "with glibc 2.28+, macOS 11+ and 64-bit Windows)")
_GET_SYSTEM = ("install Graphviz so that `dot` is on PATH: apt install graphviz, dnf install "
               "graphviz, apk add graphviz, brew install graphviz, winget install graphviz, or "
               "see https://graphviz.org/download/")
_NO_ENGINE_NEEDED = "DOT and JSON export (-o map.dot, -o map.json) work without either."


def render(dot_source: str, fmt: str, engine: str = "auto") -> bytes:
    """Lay out DOT source with Graphviz's ``dot`` and draw it as ``svg``, ``png`` or ``pdf`` bytes.

    ``engine`` is ``"bundled"`` (pygraphviz's own Graphviz), ``"system"`` (a ``dot`` on PATH) or
    ``"auto"`` (the bundled one if installed, else the system one). A PNG too large for a bitmap
    is drawn at a lower resolution so that it fits, instead of being cut off.
    """
    if fmt not in FORMATS:
        raise ExportError(f"cannot render format {fmt!r}; use one of {', '.join(FORMATS)}")
    chosen = choose_engine(engine)
    if chosen == "system":
        return _render_system(dot_source, fmt)
    return _render_bundled(dot_source, fmt)


def choose_engine(engine: str = "auto") -> str:
    """``"bundled"`` or ``"system"``: the engine that ``render`` would use, or an ExportError
    saying what is missing and how to get it."""
    if engine not in ENGINES:
        raise ExportError(f"unknown Graphviz engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine in ("auto", "bundled"):
        problem = _bundled_problem()
        if problem is None:
            return "bundled"
        if engine == "bundled":
            raise ExportError(f"the bundled Graphviz engine is not installed ({problem})",
                              hint=f"{_GET_BUNDLED}; or {_GET_SYSTEM} and use the system engine "
                                   f"(--engine system). {_NO_ENGINE_NEEDED}")
    if shutil.which("dot") is not None:
        return "system"
    if engine == "system":
        raise ExportError("no 'dot' executable on PATH for the system Graphviz engine",
                          hint=f"{_GET_SYSTEM}; or {_GET_BUNDLED} and use the bundled engine. "
                               f"{_NO_ENGINE_NEEDED}")
    raise ExportError("no Graphviz engine to render with: pygraphviz (the bundled engine) is not "
                      "installed and there is no 'dot' executable on PATH",
                      hint=f"{_GET_BUNDLED}; or {_GET_SYSTEM}. {_NO_ENGINE_NEEDED}")


def _bundled_problem() -> str | None:
    """Why pygraphviz cannot be used, or None when it imports."""
    try:
        import pygraphviz  # noqa: F401
    except ImportError as e:
        return f"pygraphviz could not be imported: {e}"
    return None


def _render_bundled(dot_source: str, fmt: str) -> bytes:
    import pygraphviz

    with quiet_stderr() as captured:
        try:
            graph = pygraphviz.AGraph(string=dot_source)
            graph.layout(prog="dot")
            if fmt == "png":
                dpi = _fitting_dpi(graph.graph_attr.get("bb"))
                if dpi is not None:
                    graph.graph_attr["dpi"] = f"{dpi:.1f}"
            data = graph.draw(format=fmt)
        except Exception as e:  # pygraphviz raises bare exceptions for engine failures
            raise ExportError(f"Graphviz could not draw the map: {e}") from None
    problems = [ln for ln in captured if ln.lower().startswith("error")]
    if problems:
        raise ExportError("Graphviz: " + "; ".join(problems))
    return bytes(data)


def _render_system(dot_source: str, fmt: str) -> bytes:
    args = []
    if fmt == "png":  # lay out once to learn the drawing's size
        laid_out = _run_dot(dot_source, ["-Tdot"]).decode(errors="replace")
        bb = re.search(r'\bbb="([^"]*)"', laid_out)
        dpi = _fitting_dpi(bb.group(1) if bb else None)
        if dpi is not None:
            args.append(f"-Gdpi={dpi:.1f}")
    return _run_dot(dot_source, [f"-T{fmt}", *args])


def _run_dot(dot_source: str, args: list[str]) -> bytes:
    exe = shutil.which("dot")
    if exe is None:  # it was there a moment ago
        raise ExportError("no 'dot' executable on PATH for the system Graphviz engine")
    try:
        proc = subprocess.run([exe, *args], input=dot_source.encode(), capture_output=True)
    except OSError as e:
        raise ExportError(f"could not run {exe}: {e}") from None
    if proc.returncode != 0:
        raise ExportError("Graphviz failed: " + proc.stderr.decode(errors="replace").strip())
    return proc.stdout


def _fitting_dpi(bb: Any) -> float | None:
    """A lower PNG resolution for a drawing whose bounding box ``"x0,y0,x1,y1"`` (points) would
    exceed MAX_PIXELS on a side at the default resolution, else None.

    >>> _fitting_dpi("0,0,720,360") is None
    True
    >>> round(_fitting_dpi("0,0,24000,100"), 1)
    48.0
    """
    try:
        _, _, width, height = (float(v) for v in str(bb).split(","))
    except ValueError:
        return None
    largest = max(width, height) / 72 * DPI
    return DPI * MAX_PIXELS / largest if largest > MAX_PIXELS else None


@contextmanager
def quiet_stderr() -> Iterator[list[str]]:
    """Send the C library's stderr (fontconfig warnings and the like) to a temporary file and
    yield the list its lines land in once the block ends.

    The bundled engine writes straight to file descriptor 2, so ``sys.stderr`` cannot catch it.
    """
    captured: list[str] = []
    with tempfile.TemporaryFile() as tmp:
        saved: int | None
        try:
            saved = os.dup(2)
            os.dup2(tmp.fileno(), 2)
        except OSError:
            saved = None
        try:
            yield captured
        finally:
            if saved is not None:
                os.dup2(saved, 2)
                os.close(saved)
            tmp.seek(0)
            captured.extend(tmp.read().decode(errors="replace").splitlines())
