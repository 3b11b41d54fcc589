"""Writing outputs without ever leaving a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ArgmapError

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Until the rename, an existing file at ``path`` is untouched; if anything fails it stays so.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(p, b"hello")
    >>> p.read_bytes()
    b'hello'
    """
    p = Path(path)
    if p.is_dir():
        raise ArgmapError(f"{p}: is a directory", hint="give a file name, e.g. map.svg")
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise ArgmapError(f"{p}: folder {folder} does not exist", hint="create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise ArgmapError(f"{p}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        mode = os.stat(p).st_mode & 0o777 if p.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise ArgmapError(f"{p}: cannot write: {e.strerror or e}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
