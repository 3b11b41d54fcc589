"""One error hierarchy, and the Diagnostic record that checks return.

Every message is written for the person who wrote the map: what is wrong, where, and how to fix it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = [
    "ArgmapError",
    "Diagnostic",
    "ERROR_CODES",
    "NOTE_CODES",
    "WARNING_CODES",
    "ExportError",
    "MapError",
    "MapReadError",
    "UnknownIdError",
]


# Every diagnostic code with its one-line meaning: the table of docs/format.md#checks is tested
# against these. Errors can never be ignored; warnings can (``ignore: {code: reason}``).
ERROR_CODES = {
    "read-error": "The file cannot be read: missing, a directory, over 256 MB, not UTF-8 text "
                  "(with its line and column), or UTF-16.",
    "yaml-syntax": "The file is not valid YAML (a tab in the indentation is named as such).",
    "yaml-tag": "A YAML tag such as `!!python/object`; argmap never constructs objects from tags.",
    "too-deep": "Nesting deeper than 200 levels.",
    "too-many-aliases": "Lists reused through YAML aliases (`premises: *ps`) that expand to more "
                        "ids than 100,000 plus the file's length (ARGMAP_MAX_ALIASED raises it).",
    "empty-map": "The file is empty, or has no claims.",
    "missing-key": "No `claims`, or an argument with neither `supports` nor `attacks`.",
    "both-relations": "An argument with both `supports` and `attacks`.",
    "wrong-type": "A value of the wrong kind (a list where text belongs, a word YAML reads as a "
                  "boolean, ...).",
    "unknown-key": "A key argmap does not know, with a \"did you mean\".",
    "control-char": "A control character (NUL, ESC, BEL, form feed, ...) in text, written as an "
                    "escape in a quoted string; only tabs and line breaks are allowed.",
    "missing-text": "A claim with no text or empty text, or an `ignore` with no reason.",
    "invalid-id": "An id with spaces or other characters outside the slug set (`\"a, b\"` is "
                  "answered with `[a, b]`).",
    "duplicate-id": "An id defined twice (including a repeated YAML key, which plain YAML would "
                    "silently drop), or the same argument written twice (the same relation, "
                    "target and premises, in any order).",
    "duplicate-key": "A key repeated inside one claim or argument, or a premise listed twice.",
    "unknown-ref": "A premise, target, thesis or theme that does not exist.",
    "premise-not-claim": "A premise that is an argument id.",
    "no-premises": "An argument with an empty premise list or none.",
    "self-premise": "A claim that is a premise of an argument for or against itself.",
    "self-target": "An argument whose target is its own id.",
    "bad-value": "A weight outside [0, 1], a paragraph that is not a whole number from 1, a `by` "
                 "other than `analyst`, an `ignore` of an error code, a `paragraphs` layout "
                 "other than auto, blocks or lines.",
    # found by checking the quotes against the source text (argmap.sourcecheck)
    "source-file": "The text a source names with `file:` cannot be read, or its `start` or "
                   "`stop` words are not in it.",
    "quote-not-found": "A quote that is nowhere in the source text, even after normalising "
                       "(the closest passage is the hint).",
    "quote-moved": "A quote that is in the source text, but in another paragraph than the one "
                   "cited (the right number is the hint).",
    "para-out-of-range": "A cited paragraph that the source text does not have.",
}

WARNING_CODES = {
    # found by the loader
    "duplicate-tag": "A tag listed twice in one claim (it is kept once).",
    "key-as-id": "A claim whose id is a key name such as `text`: usually a key indented as a "
                 "claim.",
    "unknown-lint": "An `ignore` naming a code that is not a warning, with a \"did you mean\".",
    # found by the readers of other tools' formats (argmap convert, and any command given one)
    "format-oddity": "A malformed part of a file in another tool's format (an edge to a missing "
                     "node, an inference with no conclusion, a duplicate node id, ...), named by "
                     "its element id and left out.",
    "format-loss": "Something the file had that the map cannot hold, or the map had that the "
                   "target format cannot hold (named, never dropped silently).",
    # the lints of argmap.validate (docs/lints.md gives each its rationale)
    "support-cycle": "Claims that support each other in a circle.",
    "unused-claim": "A claim that is neither the thesis nor a premise of any argument.",
    "unsupported-thesis": "A thesis with no argument for it.",
    "duplicate-text": "Two claims with the same text (ignoring case, spacing, final punctuation).",
    "unanswered-objection": "An attack on the thesis's case (an objection, or an undercut of one "
                            "of its arguments) that nothing attacks in turn.",
    "unsourced-premise": "In a map of a document, a premise with no argument for it and neither "
                         "a `para` nor a `quote` (the analyst's own claims are exempt).",
    "mixed-premise": "A claim that is a premise of an argument for a target and of an argument "
                     "against the same target.",
    "single-claim-theme": "A theme that only one claim has.",
    "unused-theme": "A theme declared under `themes` that no claim has (reported for the file, "
                    "with no line).",
    # found by checking the quotes against the source text
    "missing-para": "A quote that cites no paragraph; it was found in the source text, and the "
                    "hint gives the number (`argmap sources --fix` writes it in).",
}

# Notes say something worth knowing that is neither wrong nor weak: they never fail a check.
NOTE_CODES = {
    "unverified-quotes": "The map quotes a document whose text is not at hand (no `file:`, or "
                         "it cannot be read), so its quotes were not checked.",
}


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a map: an error (the map cannot be used), a warning (a weak spot) or a
    note (worth knowing, never a failure).

    >>> d = Diagnostic("unknown-key", "error", "unknown key 'txt' in claim 'a'", "m.yaml", 3, 5,
    ...                hint="did you mean 'text'?")
    >>> d.format()
    "m.yaml:3:5: error unknown-key: unknown key 'txt' in claim 'a'"
    """

    code: str
    severity: str  # "error", "warning" or "note"
    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based
    hint: str | None = None
    ignored: str | None = None  # the reason given by an ``ignore:`` that silences this warning

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_ignored(self) -> bool:
        return self.ignored is not None

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
    """The file could not be read at all (missing, a directory, not UTF-8, too large).

    ``file``, ``line`` and ``col`` (1-based) say where, as far as known (``None`` otherwise);
    :meth:`diagnostic` turns the error into the ``read-error`` record of ``check --json``.

    >>> e = MapReadError("m.yaml:3:9: not UTF-8 text (byte 0xe9)", "save the file as UTF-8",
    ...                  file="m.yaml", line=3, col=9)
    >>> e.diagnostic().format()
    'm.yaml:3:9: error read-error: not UTF-8 text (byte 0xe9)'
    """

    def __init__(self, message: str, hint: str | None = None, *, file: str | None = None,
                 line: int | None = None, col: int | None = None):
        super().__init__(message, hint)
        self.file, self.line, self.col = file, line, col

    def diagnostic(self, file: str | None = None) -> Diagnostic:
        """This error as a ``read-error`` :class:`Diagnostic` (``file`` if it names none)."""
        name = self.file or file
        message = self.message
        if name and message.startswith(name + ":"):  # the location is in the record's fields
            message = message[len(name) + 1:]
            for part in (self.line, self.col):
                if part is not None and message.startswith(f"{part}:"):
                    message = message[len(str(part)) + 1:]
            message = message.lstrip()
        return Diagnostic("read-error", "error", message, name, self.line, self.col, self.hint)


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
