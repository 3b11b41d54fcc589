"""Output streams that cannot encode argmap's symbols degrade to ASCII instead of failing.

A Windows console in cp1252, a stream redirected with ``PYTHONIOENCODING=ascii`` or an old
terminal cannot encode ``✔``, ``−`` or ``⊘``; Python would stop with a ``UnicodeEncodeError``
in the middle of the output. :func:`degrade_to_ascii` makes such a stream write an ASCII
stand-in for each character it cannot encode (``✔`` as ``*``, ``é`` as ``e``, else ``?``).

>>> import codecs
>>> "✔ IN · −0.5 ⊘ café".encode("ascii", errors=ERRORS)
b'* IN . -0.5 (/) cafe'
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from typing import Any

__all__ = ["ERRORS", "degrade_to_ascii"]

ERRORS = "argmap-ascii"

ASCII = {
    "✔": "*", "✘": "x", "−": "-", "–": "-", "—": "--", "⊘": "(/)", "↑": "^", "▸": ">",
    "…": "...", "¶": "p", "·": ".", "→": "->", "←": "<-", "“": '"', "”": '"', "‘": "'",
    "’": "'", "│": "|", "├": "+", "└": "`", "─": "-", "═": "=", "•": "*", "×": "x",
}


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for ch in error.object[error.start:error.end]:
        if ch in ASCII:
            out.append(ASCII[ch])
            continue
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append(plain or "?")
    return "".join(out), error.end


codecs.register_error(ERRORS, _stand_in)


def degrade_to_ascii(*streams: Any) -> None:
    """Give each text stream (default: stdout and stderr) that cannot encode argmap's symbols
    the ASCII stand-ins above instead of an error."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "✔✘−⊘↑…¶·→".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors=ERRORS)
