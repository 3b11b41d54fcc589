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

Every function takes a ``timeout`` in seconds and a ``progress`` callback. With either,
Graphviz runs in a child process: a ``dot`` process for the system engine, and for the bundled
one a fork of this process on Linux (a few milliseconds) or elsewhere ``python -c`` of this
module's ``_serve`` (about 0.12 s to start: it imports argmap and pygraphviz afresh). The child
is killed when the time is up, and an ExportError says so; its Graphviz runs verbose, and what
it says of its work is read as it comes and turned into :class:`LayoutProgress` reports. Without
either, the bundled engine runs in this process, the quickest for small maps; but only a child
process can be stopped mid-layout or watched.
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
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NamedTuple

from ..errors import ExportError

__all__ = ["render", "render_pages", "merge_pdf", "bbox", "bounded_layout_attrs", "layout_tier",
           "choose_engine", "LayoutProgress", "ENGINES", "FORMATS"]

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


class LayoutProgress(NamedTuple):
    """How far a drawing has got: step ``step`` of ``steps`` (``what``: "ranking", ...), with
    ``detail`` (e.g. "pass 2, 1,913,847 crossings") and the seconds since it started."""

    step: int
    steps: int
    what: str
    detail: str
    elapsed: float


Progress = Callable[[LayoutProgress], None]


def render(dot_source: str, fmt: str, engine: str = "auto", timeout: float | None = None,
           progress: Progress | None = None) -> bytes:
    """Lay out DOT source with Graphviz's ``dot`` and draw it as ``svg``, ``png`` or ``pdf`` bytes.

    ``engine`` is ``"bundled"`` (pygraphviz's own Graphviz), ``"system"`` (a ``dot`` on PATH) or
    ``"auto"`` (the bundled one if installed, else the system one). A PNG too large for a bitmap
    is drawn at a lower resolution so that it fits, instead of being cut off. With ``timeout``
    (seconds), an ExportError when Graphviz has not finished by then. ``progress`` is called
    with a :class:`LayoutProgress` at each step of the layout and about once a second between.
    """
    return render_pages([dot_source], fmt, engine, timeout, progress)[0]


def render_pages(dot_sources: list[str], fmt: str, engine: str = "auto",
                 timeout: float | None = None, progress: Progress | None = None) -> list[bytes]:
    """Draw each DOT source as :func:`render` does: one ``svg``, ``png`` or ``pdf`` a source, in
    order (:func:`merge_pdf` makes one document of PDF pages). ``timeout`` is for them all."""
    if fmt not in FORMATS:
        raise ExportError(f"cannot render format {fmt!r}; use one of {', '.join(FORMATS)}")
    chosen, budget = choose_engine(engine), _Budget(timeout)
    watch = None if progress is None else _Watch(progress, fmt, len(dot_sources))
    if chosen == "system":
        return [_draw_system(source, fmt, budget, watch) for source in dot_sources]
    return _bundled(_draw_bundled_all, (dot_sources, fmt), budget, watch)


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
        return _drawing_size(_system_layout(dot_source, budget, None))
    return _bundled(_bbox_bundled, (dot_source,), budget, None)


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
# that cross and mean edge length, from benchmarks/diagrams.py): 1000 claims (1,415 nodes) 3.7 s
# -> 0.6 s; 25,900 crossings -> 59,600 and length 18.8 -> 35.9 box heights, where the bound of
# before (mclimit 0.1, nslimit 0.2, newrank) took 1.2 s for 64,400 and 39.2. Placing the boxes
# (nslimit) is what the look buys most with: 0.2 gives 47,700 and 29.4 in 1.1 s, 0.5 31,900 and
# 21.7 in 1.9 s. dot's own ranking (newrank=false) makes fewer crossings than newrank's here,
# but newrank keeps the ranks across theme clusters, which are ranked one by one without it.
# Below 1000 nodes the saving is small and the price is not: 250 claims (358 nodes) 0.26 s ->
# 0.17 s with crossings +80%. Lower searchsize only made them slower. 10,000 claims: over 100 s
# even so (the fast layout of argmap.render.tidy takes seconds).
BOUNDED_LAYOUT_FROM = 1000  # nodes
BOUNDED_LAYOUT = {
    "mclimit": "0.1",  # a tenth of the passes of crossing minimisation
    "remincross": "false",  # and no second round of it once the clusters are placed
    "nslimit": "0.1",  # network simplex for the x coordinates stops after 0.1 x nodes steps
    "nslimit1": "0.2",  # likewise for the ranks
    "newrank": "false",  # dot's own ranking
}
BOUNDED_CLUSTERS = {"mclimit": "0.1", "remincross": "false", "nslimit": "0.2", "nslimit1": "0.2"}


def layout_tier(node_count: int) -> str:
    """``"full"`` (dot's whole search) or ``"bounded"`` (:func:`bounded_layout_attrs`)."""
    return "bounded" if node_count >= BOUNDED_LAYOUT_FROM else "full"


def bounded_layout_attrs(node_count: int, clusters: bool = False) -> dict[str, str]:
    """Graph attributes that bound the work of ``dot``'s layout of a graph of ``node_count``
    nodes, at some cost in edge crossings and straightness; none for a small graph, where the
    full search is quick. Network simplex stopped early still gives a valid layout: it only
    leaves some edges longer than they need be. With theme ``clusters``, the ranking that
    keeps ranks across them.

    >>> bounded_layout_attrs(300)
    {}
    >>> bounded_layout_attrs(5000)["mclimit"], bounded_layout_attrs(5000)["newrank"]
    ('0.1', 'false')
    >>> "newrank" in bounded_layout_attrs(5000, clusters=True)
    False
    """
    if layout_tier(node_count) == "full":
        return {}
    return dict(BOUNDED_CLUSTERS if clusters else BOUNDED_LAYOUT)


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
                           hint=CHEAPER_CHOICES)


#: What to do instead when a layout takes too long (an option of `argmap export` each).
CHEAPER_CHOICES = ("split it over pages (--page a4: an overview and a page per branch), draw a "
                   "part (--focus ID --depth N, or --theme THEME), draw it with the fast layout "
                   "(--layout fast), or allow more time (--timeout SECONDS; 0 for no limit)")


# -- watching Graphviz at work -------------------------------------------------------------------

#: The steps of a drawing, as Graphviz's verbose messages mark their starts.
STEPS = ("measuring the labels", "ranking", "ordering the ranks to cut crossings",
         "placing the boxes", "routing the edges", "drawing")


class _Watch:
    r"""Reads what a verbose Graphviz writes on its stderr and reports each step of its work
    to ``progress``: the step it has reached and how far into it (the passes of crossing
    cutting, the iterations of network simplex), at most about once a second between steps.

    >>> seen = []
    >>> w = _Watch(seen.append, "svg", 1)
    >>> w.start()
    >>> w.feed(b"Starting phase 2 [dot_mincross]\nmincross: pass 1 iter 0 trying 0 cur_cross 9 "
    ...        b"best_cross 7\n")
    >>> [(p.step, p.what, p.detail) for p in seen]  # doctest: +NORMALIZE_WHITESPACE
    [(1, 'measuring the labels', ''), (3, 'ordering the ranks to cut crossings', ''),
     (3, 'ordering the ranks to cut crossings', 'pass 2, 7 crossings')]
    """

    def __init__(self, progress: Progress, fmt: str, drawings: int):
        self.progress, self.fmt, self.drawings = progress, fmt, drawings
        self.lines: list[str] = []  # every whole line, for the errors among them
        self.partial = ""
        self.began = time.monotonic()
        self.drawing = 0  # which of the drawings is being laid out, from 1
        self.step, self.detail = 0, ""
        self.said = -1.0  # when progress was last called
        self.limit = 0  # network simplex's iteration limit

    def start(self) -> None:
        """Graphviz starts: it reads the source and measures the labels, saying nothing."""
        self._reach(1)

    def feed(self, chunk: bytes) -> None:
        text = self.partial + chunk.decode(errors="replace")
        *whole, self.partial = text.split("\n")
        for line in whole:
            self.lines.append(line)
            self._read(line)
        if self.partial.startswith("network simplex: ") and self.limit:  # "100 200 300 "
            done = self.partial.split()[-1]
            if done.isdigit():
                self._say(f"iteration {int(done):,} of at most {self.limit:,}")

    def tick(self) -> None:
        if time.monotonic() - self.said >= 1:
            self._say(self.detail, force=True)

    def _read(self, line: str) -> None:
        if "Starting phase 1 [" in line:  # of the next drawing (or a PNG laid out again)
            self.drawing += 1
            self._reach(2)
        elif "Starting phase 2 [" in line:
            self._reach(3)
        elif "Starting phase 3 [" in line:
            self._reach(4)
        elif line.startswith("mincross: pass "):
            words = line.split()
            try:
                crossings = int(words[-1])
                if crossings or not self.detail:  # (a last part with none says nothing new)
                    self._say(f"pass {int(words[2]) + 1}, {crossings:,} crossings")
            except (IndexError, ValueError):
                pass
        elif line.startswith("network simplex: "):
            words = line.split()
            if "maxiter=" in line:
                self.limit = int(next(w for w in words if w.startswith("maxiter="))[8:] or 0)
            elif line.endswith(" sec") and self.step == 4:  # the boxes are placed
                self._reach(5)
        elif "routesplines: " in line:  # dot has routed the edges
            self._reach(6)
        elif line.startswith("Creating edges using"):  # the fast layout (nop2): straight
            self._reach(6)  # edges, drawn at once

    def _reach(self, step: int) -> None:
        if step != self.step:
            self.step, self.detail, self.limit = step, "", 0
            self._say("", force=True)

    def _say(self, detail: str, force: bool = False) -> None:
        if detail == self.detail and not force:
            return
        self.detail = detail
        now = time.monotonic()
        self.said = now
        what = STEPS[self.step - 1] + (f" the {self.fmt.upper()}" if self.step == 6 else "")
        if self.drawings > 1:
            what += f" (drawing {min(max(self.drawing, 1), self.drawings)} of {self.drawings})"
        self.progress(LayoutProgress(self.step, len(STEPS), what, detail, now - self.began))

    def errors(self) -> list[str]:
        return [ln.strip() for ln in self.lines + [self.partial] if ln.lower().startswith("error")]


def _bundled(work: Callable[..., Any], args: tuple[Any, ...], budget: _Budget,
             watch: _Watch | None) -> Any:
    """``work(*args)`` with the bundled engine: here, or in a child process to be stopped
    when the budget runs out or to be watched."""
    if budget.timeout is None and watch is None:
        return work(*args)
    if sys.platform == "linux" and threading.active_count() == 1:
        return _forked(work, args, budget, watch)
    return _spawned(work, args, budget, watch)


class _Child(NamedTuple):
    """A child process at work: where its output and its stderr come, and how to stop it."""

    out: int  # file descriptors, closed by _supervise
    err: int
    kill: Callable[[], None]
    wait: Callable[[], int]  # its exit status, once it has ended


def _supervise(child: _Child, budget: _Budget, watch: _Watch | None) -> tuple[int, bytes, list[str]]:
    """Wait for ``child``, reading its output and stderr as they come; kill it when the budget
    runs out (ExportError) or on an interrupt. Its exit status, output and stderr lines."""
    out: list[bytes] = []
    chunks: list[bytes | None] = []
    arrived = threading.Condition()

    def pump(fd: int, into: list[Any], last: bool) -> None:
        while data := os.read(fd, 1 << 16):
            with arrived:
                into.append(data)
                arrived.notify()
        if last:
            with arrived:
                into.append(None)
                arrived.notify()

    readers = [threading.Thread(target=pump, args=(child.out, out, False), daemon=True),
               threading.Thread(target=pump, args=(child.err, chunks, True), daemon=True)]
    for r in readers:
        r.start()
    lines = _Watch(lambda _: None, "", 1) if watch is None else watch
    done = False
    try:
        if watch is not None:
            watch.start()
        while not done:
            left = budget.left() if budget.ends is not None else None  # raises when spent
            with arrived:
                if not chunks:
                    arrived.wait(timeout=1.0 if left is None else min(1.0, left))
                got, chunks[:] = list(chunks), []
            for chunk in got:
                if chunk is None:
                    done = True
                else:
                    lines.feed(chunk)
            if watch is not None:
                watch.tick()
        readers[0].join()
        status = child.wait()
    except BaseException:
        child.kill()
        child.wait()
        raise
    finally:
        for r in readers:
            r.join(timeout=1)
        for fd in (child.out, child.err):
            try:
                os.close(fd)
            except OSError:
                pass
    return status, b"".join(out), lines.lines + ([lines.partial] if lines.partial else [])


def _forked(work: Callable[..., Any], args: tuple[Any, ...], budget: _Budget,
            watch: _Watch | None) -> Any:
    """``work(*args)`` in a fork of this process (which must have one thread only)."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(out_r)
            os.close(err_r)
            os.dup2(err_w, 2)
            with os.fdopen(out_w, "wb") as sink:
                sink.write(pickle.dumps(_outcome(work, args, verbose=watch is not None)))
            status = 0
        except BaseException as e:  # noqa: B036 (the child must end here, whatever happened)
            try:
                os.write(2, f"\n{type(e).__name__}: {e}\n".encode(errors="replace"))
            except BaseException:  # noqa: B036
                pass
        finally:
            os._exit(status)
    os.close(out_w)
    os.close(err_w)
    reaped: list[int] = []

    def wait() -> int:
        if not reaped:
            reaped.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
        return reaped[0]

    def kill() -> None:
        if not reaped:
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass

    return _finish(_supervise(_Child(out_r, err_r, kill, wait), budget, watch))


# ``python -c`` of this, with the parent's sys.path as arguments, so that it imports what it does
_CHILD = "import sys; sys.path[:0] = sys.argv[1:]; from argmap.render.engine import _serve; _serve()"


def _spawned(work: Callable[..., Any], args: tuple[Any, ...], budget: _Budget,
             watch: _Watch | None) -> Any:
    """``work(*args)`` in a fresh Python process."""
    try:
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, *sys.path], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise ExportError(f"could not start {sys.executable} to run Graphviz in: {e}") from None
    _feed(proc, pickle.dumps((work, args, watch is not None)))
    assert proc.stdout is not None and proc.stderr is not None
    child = _Child(os.dup(proc.stdout.fileno()), os.dup(proc.stderr.fileno()), proc.kill, proc.wait)
    proc.stdout.close()
    proc.stderr.close()
    return _finish(_supervise(child, budget, watch))


def _feed(proc: subprocess.Popen[bytes], data: bytes) -> None:
    """Write ``data`` to the child's stdin and close it, from a thread: a child that writes
    much before it has read all cannot block on a full pipe."""
    def write() -> None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(data)
            proc.stdin.close()
        except OSError:  # it ended early: its status and stderr say why
            pass

    threading.Thread(target=write, daemon=True).start()


def _finish(ended: tuple[int, bytes, list[str]]) -> Any:
    """The value of a child's work, or the ExportError of its failure."""
    status, out, lines = ended
    problems = [ln.strip() for ln in lines if ln.lower().startswith("error")]
    if problems:
        raise ExportError("Graphviz: " + "; ".join(problems))
    if status != 0 or not out:
        last = [ln.strip() for ln in lines if ln.strip()][-1:]
        raise ExportError(f"Graphviz stopped with exit status {status}"
                          + "".join(f": {line}" for line in last))
    outcome, value = pickle.loads(out)
    if outcome == "error":
        raise ExportError(*value)
    return value


def _serve() -> None:
    """The child's side of :func:`_spawned`: a pickled ``(work, args, verbose)`` on stdin, the
    pickled outcome on stdout."""
    work, args, verbose = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(pickle.dumps(_outcome(work, args, verbose)))


_in_child = False  # True in a child process, whose stderr its parent reads


def _outcome(work: Callable[..., Any], args: tuple[Any, ...], verbose: bool) -> tuple[str, Any]:
    """``("done", work(*args))``, or ``("error", (message, hint))`` of its ExportError; run in
    a child, whose Graphviz writes on the stderr its parent reads (verbose if asked)."""
    global _in_child
    _in_child = True
    if verbose:
        _set_verbose()
    try:
        return ("done", work(*args))
    except ExportError as e:
        return ("error", (e.message, e.hint))


def _set_verbose() -> bool:
    """Make the bundled Graphviz say what it is doing on stderr, as ``dot -v`` does; False
    where its ``Verbose`` flag cannot be found."""
    import ctypes

    from pygraphviz import _graphviz

    for path in [_graphviz.__file__, *_libgvc_paths(_graphviz.__file__)]:
        try:  # a library's symbols are looked up in the libraries it loaded too
            ctypes.c_ubyte.in_dll(ctypes.CDLL(path), "Verbose").value = 1
            return True
        except (OSError, ValueError, AttributeError):
            continue
    return False


def _libgvc_paths(extension: str) -> list[str]:
    import glob

    here = os.path.dirname(extension)
    return [p for pattern in ("../pygraphviz.libs/libgvc*", ".dylibs/libgvc*", "libgvc*",
                              "../pygraphviz.libs/gvc*.dll")
            for p in glob.glob(os.path.join(here, pattern))]


def _draw_bundled_all(dot_sources: list[str], fmt: str) -> list[bytes]:
    return [_draw_bundled(source, fmt) for source in dot_sources]


def _draw_bundled(dot_source: str, fmt: str) -> bytes:
    with _bundled_layout(dot_source) as layout:
        dpi = _fitting_dpi(layout.attrs()) if fmt == "png" else None
        if dpi is None:
            return layout.draw(fmt)
    # a bitmap's resolution is fixed when the graph is laid out: lay it out again at the lower one
    with _bundled_layout(dot_source, dpi=f"{dpi:.1f}") as layout:
        return layout.draw(fmt)


def _bbox_bundled(dot_source: str) -> tuple[float, float]:
    with _bundled_layout(dot_source) as layout:
        return _drawing_size(layout.attrs())


class _Layout(NamedTuple):
    attrs: Callable[[], dict[str, str]]  # the root graph's attributes after layout: bb, pad, ...
    draw: Callable[[str], bytes]  # the layout drawn in a format


@contextmanager
def _bundled_layout(dot_source: str, dpi: str | None = None) -> Iterator[_Layout]:
    """DOT source laid out once with the bundled ``dot``, to measure and to draw.

    (pygraphviz's ``AGraph.draw`` after ``layout`` would lay it out again with ``nop2``, which
    loses the room of the graph's label.) The layout is written into the graph's attributes
    only when they are asked for: for a big SVG that costs a tenth of the time.
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
            attributes: list[dict[str, str]] = []

            def attrs() -> dict[str, str]:
                if not attributes:
                    gv.gvRender(gvc, graph.handle, b"dot")  # writes the layout into the graph
                    attributes.append(dict(graph.graph_attr.items()))
                return attributes[0]

            def draw(fmt: str) -> bytes:
                err, data = gv.gvRenderData(gvc, graph.handle, fmt.encode())
                if err:
                    raise ExportError(f"Graphviz could not draw the map as {fmt}")
                return bytes(data)

            yield _Layout(attrs, draw)
        finally:
            gv.gvFreeLayout(gvc, graph.handle)
            gv.gvFreeContext(gvc)


@contextmanager
def _graphviz_errors() -> Iterator[None]:
    """Keep the C library's noise off stderr, and turn its failures into ExportErrors that
    give its own error lines when it wrote any. (In a child process the parent reads its
    stderr and does both.)"""
    if _in_child:
        try:
            yield
        except ExportError:
            raise
        except Exception as e:  # pygraphviz raises bare exceptions for engine failures
            raise ExportError(f"Graphviz could not draw the map: {e}") from None
        return
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


def _draw_system(dot_source: str, fmt: str, budget: _Budget, watch: _Watch | None = None) -> bytes:
    args = [f"-T{fmt}"]
    if fmt == "png":  # lay out once to learn the drawing's size
        dpi = _fitting_dpi(_system_layout(dot_source, budget, watch))
        if dpi is not None:
            args.append(f"-Gdpi={dpi:.1f}")
    return _run_dot(dot_source, args, budget, watch)


def _system_layout(dot_source: str, budget: _Budget, watch: _Watch | None) -> dict[str, Any]:
    """The root graph's attributes after the system ``dot`` lays the source out."""
    out = _run_dot(dot_source, ["-Tjson0"], budget, watch)
    try:
        return dict(json.loads(out))
    except ValueError:
        raise ExportError("Graphviz's layout of the map is not readable JSON") from None


def _run_dot(dot_source: str, args: list[str], budget: _Budget, watch: _Watch | None = None) -> bytes:
    exe = shutil.which("dot")
    if exe is None:  # it was there a moment ago
        raise ExportError("no 'dot' executable on PATH for the system Graphviz engine")
    if watch is None:
        try:
            proc = subprocess.run([exe, *args], input=dot_source.encode(), capture_output=True,
                                  timeout=budget.left())
        except subprocess.TimeoutExpired:  # dot is killed and reaped by then
            raise budget.exceeded() from None
        except OSError as e:
            raise ExportError(f"could not run {exe}: {e}") from None
        status, out, err = proc.returncode, proc.stdout, proc.stderr.decode(errors="replace")
    else:
        budget.left()  # a spent budget starts nothing
        try:
            child = subprocess.Popen([exe, *args, "-v"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as e:
            raise ExportError(f"could not run {exe}: {e}") from None
        _feed(child, dot_source.encode())
        assert child.stdout is not None and child.stderr is not None
        running = _Child(os.dup(child.stdout.fileno()), os.dup(child.stderr.fileno()),
                         child.kill, child.wait)
        child.stdout.close()
        child.stderr.close()
        status, out, lines = _supervise(running, budget, watch)
        err = "\n".join(ln for ln in lines if ln.lower().startswith(("error", "warning")))
    if status != 0:
        raise ExportError("Graphviz failed: " + err.strip())
    return out


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
