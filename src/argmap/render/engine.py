"""Graphviz engines: DOT source in; SVG, PNG or PDF bytes, or the size of the drawing, out.

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

Every function takes a ``timeout`` in seconds. With one, Graphviz runs in a child process that
is killed when the time is up, and an ExportError says so: a ``dot`` process for the system
engine, and for the bundled one ``python -c`` of this module's ``_serve`` (about 0.12 s to
start: it imports argmap and pygraphviz afresh; multiprocessing's "spawn" costs the same, and
"fork" is unsafe once a program has threads). Without one, the bundled engine runs in this
process, the quickest for small maps; but only a child process can be stopped mid-layout.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NamedTuple

from ..errors import ExportError

__all__ = ["render", "render_pages", "merge_pdf", "bbox", "bounded_layout_attrs", "choose_engine",
           "ENGINES", "FORMATS"]

ENGINES = ("auto", "bundled", "system")
FORMATS = ("svg", "png", "pdf")
MAX_PIXELS = 16000  # per side of a PNG: cairo's limit is 32767, and viewers struggle far below
DPI = 96.0  # Graphviz's default resolution for bitmaps
DEFAULT_PAD = 4.0  # points Graphviz adds on each side of a drawing when the graph sets no ``pad``

_GET_BUNDLED = ("pip install pygraphviz (its wheels bundle Graphviz on Linux x86_64/aarch64 "
                "with glibc 2.28+, macOS 11+ and 64-bit Windows)")
_GET_SYSTEM = ("install Graphviz so that `dot` is on PATH: apt install graphviz, dnf install "
               "graphviz, apk add graphviz, brew install graphviz, winget install graphviz, or "
               "see https://graphviz.org/download/")
_NO_ENGINE_NEEDED = "DOT and JSON export (-o map.dot, -o map.json) work without either."


def render(dot_source: str, fmt: str, engine: str = "auto", timeout: float | None = None) -> bytes:
    """Lay out DOT source with Graphviz's ``dot`` and draw it as ``svg``, ``png`` or ``pdf`` bytes.

    ``engine`` is ``"bundled"`` (pygraphviz's own Graphviz), ``"system"`` (a ``dot`` on PATH) or
    ``"auto"`` (the bundled one if installed, else the system one). A PNG too large for a bitmap
    is drawn at a lower resolution so that it fits, instead of being cut off. With ``timeout``
    (seconds), an ExportError when Graphviz has not finished by then.
    """
    return render_pages([dot_source], fmt, engine, timeout)[0]


def render_pages(dot_sources: list[str], fmt: str, engine: str = "auto",
                 timeout: float | None = None) -> list[bytes]:
    """Draw each DOT source as :func:`render` does: one ``svg``, ``png`` or ``pdf`` a source, in
    order (:func:`merge_pdf` makes one document of PDF pages). ``timeout`` is for them all."""
    if fmt not in FORMATS:
        raise ExportError(f"cannot render format {fmt!r}; use one of {', '.join(FORMATS)}")
    chosen, budget = choose_engine(engine), _Budget(timeout)
    if chosen == "system":
        return [_draw_system(source, fmt, budget) for source in dot_sources]
    return _bundled(_draw_bundled_all, (dot_sources, fmt), budget)


def bbox(dot_source: str, engine: str = "auto", timeout: float | None = None) -> tuple[float, float]:
    """The width and height in points of the drawing that :func:`render` makes of DOT source.

    That is the layout's bounding box (the graph's ``bb``, which holds every node, edge, cluster
    and label) plus the graph's ``pad`` on each side (4 points unless the source sets it): the
    size of the SVG or PNG at 72 dpi, and the box that a ``size`` attribute scales to fit. A PDF
    page is larger by the graph's ``margin`` on each side (36 points unless the source sets it).
    The sizes are before any ``size`` scaling and as laid out: ``rotate=90`` would swap them.
    """
    chosen, budget = choose_engine(engine), _Budget(timeout)
    if chosen == "system":
        return _drawing_size(_system_layout(dot_source, budget))
    return _bundled(_bbox_bundled, (dot_source,), budget)


def merge_pdf(pages: list[bytes]) -> bytes:
    """One PDF of the given PDF documents' pages, in order, each keeping its size."""
    from pypdf import PdfWriter
    from pypdf.errors import PyPdfError

    writer = PdfWriter()
    for number, page in enumerate(pages, 1):
        try:
            writer.append(io.BytesIO(page))
        except PyPdfError as e:
            raise ExportError(f"page {number} is not a readable PDF: {e}") from None
    merged = io.BytesIO()
    writer.write(merged)
    return merged.getvalue()


# Measured on benchmarks/generate.py's maps with the bundled engine (time to lay out; edge pairs
# that cross; edge length): 3000 claims 24 s -> 9-12 s, 10,000 claims over 15 min -> 44 s (80 s
# with only mclimit and remincross); 1000 claims (1,415 nodes) 1.2-1.6 s -> 0.7-1.0 s with
# crossings +2% and length +9%. Below that the saving is small and the price is not: 250 claims
# (358 nodes) 0.26 s -> 0.17 s with crossings +80%. Lower searchsize only made them slower.
BOUNDED_LAYOUT_FROM = 1000  # nodes
BOUNDED_LAYOUT = {
    "mclimit": "0.1",  # a tenth of the passes of crossing minimisation (most of the time)
    "remincross": "false",  # and no second round of it once the clusters are placed
    "nslimit": "0.2",  # network simplex for the x coordinates stops after 0.2 x nodes steps
    "nslimit1": "0.2",  # likewise for the ranks
}


def bounded_layout_attrs(node_count: int) -> dict[str, str]:
    """Graph attributes that bound the work of ``dot``'s layout of a graph of ``node_count``
    nodes, at some cost in edge crossings and straightness; none for a small graph, where the
    full search is quick. Network simplex stopped early still gives a valid layout: it only
    leaves some edges longer than they need be.

    >>> bounded_layout_attrs(300)
    {}
    >>> bounded_layout_attrs(5000)["mclimit"]
    '0.1'
    """
    return dict(BOUNDED_LAYOUT) if node_count >= BOUNDED_LAYOUT_FROM else {}


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


class _Budget:
    """The time left of a ``timeout`` (seconds, None for no limit) counted from now."""

    def __init__(self, timeout: float | None):
        self.timeout = timeout
        self.ends = None if timeout is None else time.monotonic() + timeout

    def left(self) -> float | None:
        """The seconds left (None without a limit); the budget's ExportError when none are."""
        if self.ends is None:
            return None
        left = self.ends - time.monotonic()
        if left <= 0:
            raise self.exceeded()
        return left

    def exceeded(self) -> ExportError:
        return ExportError(f"Graphviz did not finish laying out the map in {self.timeout:g} s",
                           hint="draw a part (--focus ID --depth N, or --theme THEME), or split "
                                "it over pages (--page a4)")


def _bundled(work: Callable[..., Any], args: tuple[Any, ...], budget: _Budget) -> Any:
    """``work(*args)`` with the bundled engine: here, or in a child process with a time limit."""
    if budget.timeout is None:
        return work(*args)
    return _in_child(work, args, budget)


# ``python -c`` of this, with the parent's sys.path as arguments, so that it imports what it does
_CHILD = "import sys; sys.path[:0] = sys.argv[1:]; from argmap.render.engine import _serve; _serve()"


def _in_child(work: Callable[..., Any], args: tuple[Any, ...], budget: _Budget) -> Any:
    """``work(*args)`` in a fresh Python process, killed when the budget runs out."""
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, *sys.path], capture_output=True,
                              input=pickle.dumps((work, args)), timeout=budget.left())
    except subprocess.TimeoutExpired:  # the child is killed and reaped by then
        raise budget.exceeded() from None
    except OSError as e:
        raise ExportError(f"could not start {sys.executable} to run Graphviz in: {e}") from None
    if proc.returncode != 0:
        last = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise ExportError(f"Graphviz stopped with exit status {proc.returncode}"
                          + "".join(f": {line}" for line in last))
    outcome, value = pickle.loads(proc.stdout)
    if outcome == "error":
        raise ExportError(*value)
    return value


def _serve() -> None:
    """The child's side of :func:`_in_child`: a pickled ``(work, args)`` on stdin, the pickled
    outcome on stdout."""
    work, args = pickle.load(sys.stdin.buffer)
    try:
        outcome = ("done", work(*args))
    except ExportError as e:
        outcome = ("error", (e.message, e.hint))
    sys.stdout.buffer.write(pickle.dumps(outcome))


def _draw_bundled_all(dot_sources: list[str], fmt: str) -> list[bytes]:
    return [_draw_bundled(source, fmt) for source in dot_sources]


def _draw_bundled(dot_source: str, fmt: str) -> bytes:
    with _bundled_layout(dot_source) as layout:
        dpi = _fitting_dpi(layout.attrs) if fmt == "png" else None
        if dpi is None:
            return layout.draw(fmt)
    # a bitmap's resolution is fixed when the graph is laid out: lay it out again at the lower one
    with _bundled_layout(dot_source, dpi=f"{dpi:.1f}") as layout:
        return layout.draw(fmt)


def _bbox_bundled(dot_source: str) -> tuple[float, float]:
    with _bundled_layout(dot_source) as layout:
        return _drawing_size(layout.attrs)


class _Layout(NamedTuple):
    attrs: dict[str, str]  # the root graph's attributes after layout: bb, pad, ...
    draw: Callable[[str], bytes]  # the layout drawn in a format


@contextmanager
def _bundled_layout(dot_source: str, dpi: str | None = None) -> Iterator[_Layout]:
    """DOT source laid out once with the bundled ``dot``, to measure and to draw.

    (pygraphviz's ``AGraph.draw`` after ``layout`` would lay it out again with ``nop2``, which
    loses the room of the graph's label.)
    """
    import pygraphviz
    from pygraphviz import graphviz as gv

    with _graphviz_errors():
        graph = pygraphviz.AGraph(string=dot_source)
        if dpi is not None:
            graph.graph_attr["dpi"] = dpi
        gvc = gv.gvContextWithBuiltins()
        try:
            if gv.gvLayout(gvc, graph.handle, b"dot") != 0:
                raise ExportError("Graphviz could not lay out the map")
            gv.gvRender(gvc, graph.handle, b"dot")  # writes the layout into the graph's attributes

            def draw(fmt: str) -> bytes:
                err, data = gv.gvRenderData(gvc, graph.handle, fmt.encode())
                if err:
                    raise ExportError(f"Graphviz could not draw the map as {fmt}")
                return bytes(data)

            yield _Layout(dict(graph.graph_attr.items()), draw)
        finally:
            gv.gvFreeLayout(gvc, graph.handle)
            gv.gvFreeContext(gvc)


@contextmanager
def _graphviz_errors() -> Iterator[None]:
    """Keep the C library's noise off stderr, and turn its failures into ExportErrors that
    give its own error lines when it wrote any."""
    failure: Exception | None = None
    with quiet_stderr() as captured:
        try:
            yield
        except Exception as e:  # pygraphviz raises bare exceptions for engine failures
            failure = e
    problems = [ln.strip() for ln in captured if ln.lower().startswith("error")]
    if problems:
        raise ExportError("Graphviz: " + "; ".join(problems))
    if isinstance(failure, ExportError):
        raise failure
    if failure is not None:
        raise ExportError(f"Graphviz could not draw the map: {failure}")


def _draw_system(dot_source: str, fmt: str, budget: _Budget) -> bytes:
    args = [f"-T{fmt}"]
    if fmt == "png":  # lay out once to learn the drawing's size
        dpi = _fitting_dpi(_system_layout(dot_source, budget))
        if dpi is not None:
            args.append(f"-Gdpi={dpi:.1f}")
    return _run_dot(dot_source, args, budget)


def _system_layout(dot_source: str, budget: _Budget) -> dict[str, Any]:
    """The root graph's attributes after the system ``dot`` lays the source out."""
    out = _run_dot(dot_source, ["-Tjson0"], budget)
    try:
        return dict(json.loads(out))
    except ValueError:
        raise ExportError("Graphviz's layout of the map is not readable JSON") from None


def _run_dot(dot_source: str, args: list[str], budget: _Budget) -> bytes:
    exe = shutil.which("dot")
    if exe is None:  # it was there a moment ago
        raise ExportError("no 'dot' executable on PATH for the system Graphviz engine")
    try:
        proc = subprocess.run([exe, *args], input=dot_source.encode(), capture_output=True,
                              timeout=budget.left())
    except subprocess.TimeoutExpired:  # dot is killed and reaped by then
        raise budget.exceeded() from None
    except OSError as e:
        raise ExportError(f"could not run {exe}: {e}") from None
    if proc.returncode != 0:
        raise ExportError("Graphviz failed: " + proc.stderr.decode(errors="replace").strip())
    return proc.stdout


def _drawing_size(attrs: Mapping[str, Any]) -> tuple[float, float]:
    """The width and height in points of a laid-out graph's drawing, from its attributes: the
    bounding box ``bb`` (``"x0,y0,x1,y1"``) and ``pad`` (inches) on each side.

    >>> _drawing_size({"bb": "0,0,181.75,205.25"})
    (189.75, 213.25)
    >>> _drawing_size({"bb": "0,0,100,50", "pad": "0.5,0.1"})
    (172.0, 64.4)
    """
    try:
        x0, y0, x1, y1 = (float(v) for v in str(attrs.get("bb")).split(","))
    except ValueError:
        raise ExportError(f"Graphviz gave no bounding box for the map (bb={attrs.get('bb')!r})") from None
    pad_x, pad_y = _pad(attrs.get("pad"))
    return x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y


def _pad(value: Any) -> tuple[float, float]:
    """A graph's ``pad`` in points, read as Graphviz does: inches, ``x,y`` or one number for
    both, DEFAULT_PAD when unset or unreadable.

    >>> _pad("0.3"), _pad("0.5,0.1!"), _pad(None)
    ((21.6, 21.6), (36.0, 7.2), (4.0, 4.0))
    """
    parts = str(value or "").rstrip("!").split(",")
    try:
        inches = [float(v) for v in parts[:2]]
    except ValueError:
        return DEFAULT_PAD, DEFAULT_PAD
    x, y = inches[0], inches[-1]
    return round(x * 72, 4), round(y * 72, 4)


def _fitting_dpi(attrs: Mapping[str, Any]) -> float | None:
    """A lower PNG resolution for a laid-out graph (its attributes) whose drawing would exceed
    MAX_PIXELS on a side at its own resolution (``dpi``, 96 unless set), else None.

    >>> _fitting_dpi({"bb": "0,0,712,352"}) is None
    True
    >>> round(_fitting_dpi({"bb": "0,0,23992,92"}), 1)
    48.0
    >>> round(_fitting_dpi({"bb": "0,0,11992,92", "dpi": "144"}), 1)
    96.0
    """
    try:
        dpi = float(attrs.get("dpi") or attrs.get("resolution") or DPI) or DPI
    except ValueError:
        dpi = DPI
    largest = max(_drawing_size(attrs)) / 72 * dpi
    return dpi * MAX_PIXELS / largest if largest > MAX_PIXELS else None


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
