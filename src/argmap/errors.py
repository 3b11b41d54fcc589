"""One error hierarchy, and the Diagnostic record that checks return.

Every message is written for the person who wrote the map: what is wrong, where, and how to fix it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = [
    "ArgmapError",
    "Diagnostic",
    "ExportError",
    "MapError",
    "MapReadError",
    "UnknownIdError",
]


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a map: an error (the map cannot be used) or a warning (a weak spot).

    >>> d = Diagnostic("unknown-key", "error", "unknown key 'txt' in claim 'a'", "m.yaml", 3, 5,
    ...                hint="did you mean 'text'?")
    >>> d.format()
    "m.yaml:3:5: error unknown-key: unknown key 'txt' in claim 'a'"
    """

    code: str
    severity: str  # "error" or "warning"
    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        parts = [self.file or "<map>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def format(self) -> str:
        """The one-line form editors understand: ``FILE:LINE:COL: severity code: message``."""
        return f"{self.location()}: {self.severity} {self.code}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


class ArgmapError(Exception):
    """Base class of every error argmap raises for a problem the user can fix."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class MapReadError(ArgmapError):
    """The file could not be read at all (missing, a directory, not UTF-8, too large)."""


class MapError(ArgmapError):
    """The map was read but is invalid; ``diagnostics`` lists every error found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        first = errors[0] if errors else self.diagnostics[0]
        more = len(errors) - 1
        message = first.format() + (f" (and {more} more error{'s' * (more > 1)})" if more > 0 else "")
        super().__init__(message, first.hint)


class UnknownIdError(ArgmapError):
    """An id given on the command line or to a query is not in the map."""


class ExportError(ArgmapError):
    """A diagram or file could not be produced."""
