"""Re-running an export each time its inputs are saved (the library side of ``argmap watch``).

:func:`watch` calls a ``rebuild`` function once at the start and again after each save of any of the
files it watches, and hands each outcome (a :class:`Status`) to a ``report`` function: it prints
nothing itself and knows nothing of what is exported.

Editors save in several ways, and each must be seen as one save of a whole file:

- in place (the file is truncated, then written, possibly in several steps);
- through a temporary file renamed over the original (an atomic save), or by renaming the original
  to a backup first (vim's default): the file is briefly missing, or is a new file with a new inode.

So the *folders* of the files are watched (a watch on the file itself is lost when the file is
replaced), with `watchfiles <https://watchfiles.helpmanual.io>`_, and only the files' own names pass
the filter: an output written into the same folder never triggers a rebuild. A batch of changes is
read once it has been quiet for a step (``watchfiles``' debounce), and then only once each changed
file exists and has kept its size and modification time for another 50 ms. A file that is still
missing is reported once as gone and waited for; nothing is rebuilt until it is back.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ArgmapError

__all__ = ["Status", "watch"]

_STEP_MS = 50  # watchfiles yields a batch once no new change came in for this long
_HEARTBEAT_MS = 100  # watchfiles yields an empty batch after this long without changes
_QUIET_S = 0.05  # a changed file must keep its size and time this long before it is read
_SETTLE_LIMIT_S = 2.0  # a file still changing after this long is read as it is

# What a file looks like from outside: (inode, size, mtime, ctime), None when it does not exist.
_Signature = tuple[int, int, int, int] | None


@dataclass(frozen=True)
class Status:
    """One rebuild's outcome, for the one-line status a watcher prints.

    ``ok`` says whether the output was written, ``seconds`` how long the rebuild took, ``message``
    is one line (``"wrote brief.html (41 claims) in 0.42 s"``, ``"map has 2 errors: not written"``),
    ``details`` the diagnostics' lines (``file:line:col: ...``), and ``trigger`` the watched paths
    (as they were given) whose change started the rebuild, empty for the first one.

    >>> Status(True, 0.42, "wrote brief.html (41 claims) in 0.42 s")
    Status(ok=True, seconds=0.42, message='wrote brief.html (41 claims) in 0.42 s', details=[], trigger=[])
    """

    ok: bool
    seconds: float
    message: str
    details: list[str] = field(default_factory=list)
    trigger: list[str] = field(default_factory=list)


def watch(paths: Sequence[str | Path], rebuild: Callable[[], Status], report: Callable[[Status], None], *,
          debounce_ms: int = 150, stop: threading.Event | None = None, first: bool = True,
          rewatch: Callable[[], Sequence[str | Path]] | None = None) -> None:
    """Call ``rebuild()`` at the start (if ``first``) and after each save of one of ``paths``.

    Each rebuild's :class:`Status` goes to ``report``, with ``trigger`` set to the paths whose
    change started it. A rebuild that raises an exception is reported as
    ``Status(ok=False, message="rebuild failed: ...")`` and watching goes on. A changed file that
    has disappeared (and has not come back 50 ms later) is reported once as
    ``"map.yaml is gone; waiting for it"``, and the next rebuild waits until it is back.

    Parameters
    ----------
    paths
        The input files (the map, the source texts it names); never the output.
    rebuild
        Re-exports and says how it went; map errors are its own to report in the Status.
    report
        Receives every Status, in order, from the thread that called :func:`watch`.
    debounce_ms
        The longest time changes are gathered into one batch (``watchfiles``' ``debounce``); a
        batch ends sooner once no new change has come in for 50 ms.
    stop
        Setting it ends :func:`watch` promptly (within about 100 ms, or after the rebuild that is
        running). Ctrl-C (``KeyboardInterrupt``) ends it too: :func:`watch` then returns normally,
        and the caller says what it likes.
    first
        Whether to rebuild once at the start, before any change.
    rewatch
        Called after each rebuild for the paths to watch from then on (a map that starts naming a
        source text adds that file); an exception it raises is reported, and the paths stay.

    Raises
    ------
    ArgmapError
        When none of the paths' folders exists, so there is nothing to watch.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "map.yaml").write_text("claims: {}")
    >>> done = threading.Event(); done.set()  # stop at once, after the first build
    >>> watch([folder / "map.yaml"], lambda: Status(True, 0.01, "wrote map.svg"),
    ...       lambda status: print(status.message), stop=done)
    wrote map.svg
    """
    watcher = _Watcher(_Inputs(paths), rebuild, report, stop or threading.Event(), rewatch, debounce_ms)
    try:
        watcher.run(first)
    except KeyboardInterrupt:
        return


class _Inputs:
    """The files to watch: each as it was given, the folders to watch, and the names to let through."""

    def __init__(self, paths: Iterable[str | Path]):
        self.given: list[str] = list(dict.fromkeys(str(p) for p in paths))
        # a path as watchfiles reports it (a watched folder, resolved, plus a name) -> the path given
        self.by_event: dict[str, str] = {}
        for given in self.given:
            for seen_as in _seen_as(Path(given)):
                self.by_event.setdefault(seen_as, given)
        self.folders = sorted({os.path.dirname(p) for p in self.by_event})
        self.key = (tuple(self.given), tuple(sorted(self.by_event.items())))

    def wanted(self, _change: object, path: str) -> bool:
        """The filter for watchfiles: a change to one of these files, not to its neighbours."""
        return os.path.normpath(path) in self.by_event

    def changed(self, changes: Iterable[tuple[object, str]]) -> set[str]:
        """The files (as given) that a batch of changes touched."""
        found = (self.by_event.get(os.path.normpath(path)) for _, path in changes)
        return {given for given in found if given is not None}


def _seen_as(path: Path) -> set[str]:
    """Where changes to ``path`` show up: its name in its (resolved) folder, and, through a symlink,
    the target's name in the target's folder (an editor may replace the target)."""
    absolute = Path(os.path.abspath(path))
    places = {str(absolute.parent.resolve() / absolute.name)}
    try:
        places.add(str(absolute.resolve()))
    except (OSError, RuntimeError):  # a symlink loop
        pass
    return places


def _say(error: Exception) -> str:
    return str(error) or type(error).__name__


def _signature(path: str) -> _Signature:
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:  # unreadable: let the rebuild say so; still a change when it changes
        return (-1, e.errno or 0, 0, 0)
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class _Watcher:
    def __init__(self, inputs: _Inputs, rebuild: Callable[[], Status], report: Callable[[Status], None],
                 stop: threading.Event, rewatch: Callable[[], Sequence[str | Path]] | None,
                 debounce_ms: int):
        self.inputs = inputs
        self.rebuild = rebuild
        self.report = report
        self.stop = stop
        self.rewatch = rewatch
        self.debounce_ms = max(int(debounce_ms), 1)
        # what each file looked like when the last rebuild started: a change is a difference
        self.seen: dict[str, _Signature] = {p: _signature(p) for p in inputs.given}
        self.pending: set[str] = set()  # changed since the last rebuild
        self.gone: set[str] = set()  # reported as gone, not back yet

    def run(self, first: bool) -> None:
        if first:
            self.build([])
        while not self.stop.is_set():
            if not self.watch_once():
                return

    def watch_once(self) -> bool:
        """Watch the current inputs until they change (True) or the watch is stopped (False)."""
        import watchfiles

        inputs = self.inputs
        folders = [f for f in inputs.folders if os.path.isdir(f)]
        if not folders:
            raise ArgmapError(f"cannot watch {', '.join(inputs.given)}: no such folder",
                              hint="create the folder, or give the path of an existing file")
        batches = watchfiles.watch(*folders, watch_filter=inputs.wanted,
                                   debounce=self.debounce_ms, step=min(_STEP_MS, self.debounce_ms),
                                   stop_event=self.stop, rust_timeout=_HEARTBEAT_MS, yield_on_timeout=True,
                                   recursive=False)
        try:
            started = False
            while True:
                try:
                    changes = next(batches)
                except StopIteration:  # stopped
                    return False
                except (OSError, RuntimeError) as e:  # watchfiles' errors are RuntimeErrors
                    limit = "limit" in str(e).lower()
                    raise ArgmapError(f"cannot watch {', '.join(folders)}: {e}",
                                      hint="raise it: sysctl fs.inotify.max_user_watches=524288" if limit
                                      else None) from e
                changed = inputs.changed(changes)
                if not started:
                    # the watch is live from here on: catch what changed since the last rebuild
                    # started (during it, or while the watch was restarted for new inputs)
                    started = True
                    changed |= {p for p in inputs.given if _signature(p) != self.seen.get(p)}
                if changed and self.handle(changed):
                    return True
        finally:
            batches.close()

    def handle(self, changed: set[str]) -> bool:
        """Rebuild for a batch of changes once the files are whole; True if the inputs changed."""
        self.pending |= changed
        missing = self.settle(changed)
        if self.stop.is_set():
            return False
        if missing:
            for path in sorted(set(missing) - self.gone):
                self.gone.add(path)
                self.report(Status(False, 0.0, f"{path} is gone; waiting for it", [], [path]))
            return False
        if all(_signature(p) == self.seen.get(p) for p in self.pending):
            self.pending.clear()  # already rebuilt from these very files (a save seen twice)
            return False
        order = {p: i for i, p in enumerate(self.inputs.given)}
        return self.build(sorted(self.pending, key=lambda p: (order.get(p, len(order)), p)))

    def settle(self, paths: set[str]) -> list[str]:
        """Wait until each file has kept its signature for ``_QUIET_S``; return the missing ones."""
        last = {p: _signature(p) for p in paths}
        deadline = time.monotonic() + _SETTLE_LIMIT_S
        while not self.stop.wait(_QUIET_S):
            now = {p: _signature(p) for p in paths}
            if now == last or time.monotonic() > deadline:
                return sorted(p for p, sig in now.items() if sig is None)
            last = now
        return []

    def build(self, trigger: list[str]) -> bool:
        """Rebuild, report, and ask for the inputs from now on; True if they changed."""
        self.seen = {p: _signature(p) for p in self.inputs.given}
        self.pending.clear()
        self.gone = {p for p in self.gone if self.seen.get(p, _signature(p)) is None}
        start = time.perf_counter()
        try:
            status = self.rebuild()
        except Exception as e:
            status = Status(False, time.perf_counter() - start, f"rebuild failed: {_say(e)}",
                            [line.rstrip() for line in traceback.format_exception_only(type(e), e)])
        self.report(replace(status, trigger=list(trigger)))
        if self.rewatch is None:
            return False
        try:
            inputs = _Inputs(self.rewatch())
        except Exception as e:
            self.report(Status(False, 0.0, f"cannot tell which files to watch now: {_say(e)}",
                               [], list(trigger)))
            return False
        if inputs.key == self.inputs.key:
            return False
        for path in inputs.given:
            self.seen.setdefault(path, _signature(path))
        self.inputs = inputs
        return True
