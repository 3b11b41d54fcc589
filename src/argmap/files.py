"""Writing outputs without ever leaving a half-written file behind."""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from types import FrameType

from .errors import ExportError

__all__ = ["write_atomic"]

_NOT_A_FILE = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
}


def write_atomic(path: str | Path, data: bytes, *,
                 inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` to the regular file ``path`` via a temporary file in its folder and a rename.

    Until the rename, an existing file at ``path`` is untouched; if anything fails (an error,
    Ctrl-C, or SIGTERM while this runs in the main thread) it stays so, and the temporary file
    (``.argmap-XXXXXXXX.tmp`` beside the output) is removed.

    The rules, chosen so that the result is always a complete regular file and nothing else is
    harmed:

    - A symlink is followed: its target is replaced and the link is kept (a dangling link's
      target is created).
    - Anything that is not a regular file (a character or block device such as ``/dev/null``, a
      FIFO, a socket, ``/dev/stdout`` or ``/proc/self/fd/N``) is refused: it cannot be replaced
      atomically, and writing into it is not what a rename-based write promises. Standard output
      is written by the caller instead (``-o -`` on the command line).
    - A file one of ``inputs`` names (the same file, also through a link) is refused, so an input
      is never overwritten by its own output.
    - An existing file with no write permission (no ``w`` bit, even for root) is refused; a file
      that is replaced keeps its permission bits; a new file gets ``0o666`` less the umask.

    Every refusal and failure raises :class:`~argmap.errors.ExportError`.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(p, b"hello")
    >>> p.read_bytes()
    b'hello'
    """
    p = Path(path)
    target = _target(p)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"{p}: folder {folder} does not exist", hint="create it first")
    old = _existing(p, target)
    if old is None:
        mode = 0o666 & ~_umask()
    else:
        for given in inputs:
            if _same(given, old):
                raise ExportError(f"{p}: is the map being read ({given}); refusing to overwrite "
                                  "it", hint="write the output to another file name")
        if not (old.st_mode & 0o222) or not os.access(target, os.W_OK):
            where = "" if target == p else f" (the target of the link, {target})"
            raise ExportError(f"{p}: the file is read-only{where}; refusing to replace it",
                              hint=f"make it writable (chmod u+w {target}) or write to another "
                                   "file")
        mode = stat.S_IMODE(old.st_mode)
    with _cleanup_on_sigterm():
        try:
            fd, tmp = tempfile.mkstemp(prefix=".argmap-", suffix=".tmp", dir=folder)
        except OSError as e:
            raise ExportError(f"{p}: cannot write in {folder}: {e.strerror or e}") from None
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException as e:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if isinstance(e, OSError):
                raise ExportError(f"{p}: cannot write: {e.strerror or e}") from None
            raise


def _target(p: Path) -> Path:
    """The path that gets replaced: ``p`` itself, or the file its symlinks lead to."""
    try:
        st = os.stat(p)  # follows links
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise ExportError(f"{p}: cannot write: {e.strerror or e}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise ExportError(f"{p}: is a directory", hint="give a file name, e.g. map.svg")
        kind = _NOT_A_FILE.get(stat.S_IFMT(st.st_mode))
        if kind is not None:
            raise ExportError(
                f"{p}: is {kind}, not a regular file; argmap writes only regular files",
                hint="write to a regular file, or use -o - to write to standard output")
    if not p.is_symlink():
        return p
    target = Path(os.path.realpath(p))
    if st is not None and not os.path.samefile(target, p):
        # e.g. /proc/self/fd/N of a deleted file: no name to rename onto
        raise ExportError(f"{p}: the link's target cannot be replaced by name",
                          hint="write to a regular file, or use -o - to write to standard output")
    return target


def _existing(p: Path, target: Path) -> os.stat_result | None:
    """The status of the regular file about to be replaced (``None`` if there is none)."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise ExportError(f"{p}: cannot write: {e.strerror or e}") from None
    return st


def _same(given: str | Path, st: os.stat_result) -> bool:
    try:
        other = os.stat(given)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)


class _cleanup_on_sigterm:
    """While active (main thread only), a default SIGTERM raises SystemExit(143) instead of
    killing the process, so the temporary file is removed."""

    def __enter__(self) -> None:
        self.installed = False
        if threading.current_thread() is threading.main_thread():
            # only the default (die at once): an ignored SIGTERM or a caller's handler is kept
            if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
                self.installed = True
                signal.signal(signal.SIGTERM, _raise_exit)

    def __exit__(self, *exc: object) -> None:
        if self.installed:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _raise_exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
