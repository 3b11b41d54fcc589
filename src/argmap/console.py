"""How answers reach a stream: ASCII stand-ins where a stream cannot encode argmap's symbols,
plain lines for a pipe or a file, styled lines for a pager.

**ASCII.** A Windows console in cp1252, a stream redirected with ``PYTHONIOENCODING=ascii`` or an old
terminal cannot encode ``✔``, ``−`` or ``⊘``; Python would stop with a ``UnicodeEncodeError``
in the middle of the output. :func:`degrade_to_ascii` makes such a stream write an ASCII
stand-in for each character it cannot encode (``✔`` as ``*``, ``é`` as ``e``, else ``?``).

>>> import codecs
>>> "✔ IN · −0.5 ⊘ café".encode("ascii", errors=ERRORS)
b'* IN . -0.5 (/) cafe'

**Plain lines.** A view is built once, from a *kit*: the rich kit (:func:`rich_kit`) gives
:class:`rich.text.Text`, trees and padding for a terminal; :data:`PLAIN` gives stand-ins with
the same building calls (``Text(...)``, ``.append``, ``tree.add``, ...) that keep only the words,
and draw each item on one line: nothing is wrapped, measured or cut, so ``grep`` sees whole
claims and a 100,000-line answer is written in a fraction of a second. Making and drawing them
imports nothing (rich is imported only for a terminal).

>>> t = PLAIN.Tree(PLAIN.Text("thesis", style="bold"))
>>> _ = t.add("reason").add(PLAIN.Text("fact").append("  f1", style="dim"))
>>> _ = t.add("objection")
>>> print("\\n".join(t.lines()))
thesis
├── reason
│   └── fact  f1
└── objection
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

__all__ = ["ERRORS", "degrade_to_ascii", "Kit", "PLAIN", "rich_kit", "PlainText", "PlainTree",
           "write_lines", "styled_lines", "long_table", "TABLE_CHUNK"]

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


# -- plain lines ----------------------------------------------------------------------------------


class PlainText:
    """What a :class:`rich.text.Text` says, without its styles: the same calls build it.

    >>> line = PlainText("− ", style="red").append("objection ") + PlainText("ob")
    >>> line.append_text(PlainText(" [OPEN]")).plain
    '− objection ob [OPEN]'
    """

    __slots__ = ("plain",)

    def __init__(self, text: str = "", style: Any = None, **options: Any) -> None:
        self.plain = text

    def append(self, text: str | PlainText, style: Any = None) -> PlainText:
        self.plain += text if isinstance(text, str) else text.plain
        return self

    def append_text(self, text: PlainText) -> PlainText:
        self.plain += text.plain
        return self

    def __add__(self, other: str | PlainText) -> PlainText:
        return PlainText(self.plain + (other if isinstance(other, str) else other.plain))

    def join(self, texts: Iterable[PlainText]) -> PlainText:
        return PlainText(self.plain.join(t.plain for t in texts))

    @classmethod
    def assemble(cls, *parts: str | PlainText | tuple[str, Any]) -> PlainText:
        """As :meth:`rich.text.Text.assemble`: texts, strings and ``(string, style)`` pairs."""
        return cls("".join(p if isinstance(p, str) else p[0] if isinstance(p, tuple) else p.plain
                           for p in parts))

    def lines(self) -> list[str]:
        return self.plain.split("\n")


# the guides of rich's tree (its first set); an ASCII stream gets rich's ASCII guides from the
# stand-ins above: "|   ", "+-- ", "`-- "
SPACE, CONTINUE, FORK, END = "    ", "│   ", "├── ", "└── "


class PlainTree:
    """A :class:`rich.tree.Tree` (same constructor, same ``add``) drawn as plain lines, one per
    line of each label (an explicit stack: a tree thousands of levels deep is drawn)."""

    __slots__ = ("label", "children")

    def __init__(self, label: str | PlainText, **options: Any) -> None:
        self.label = label
        self.children: list[PlainTree] = []

    def add(self, label: str | PlainText, **options: Any) -> PlainTree:
        node = PlainTree(label)
        self.children.append(node)
        return node

    def lines(self) -> Iterator[str]:
        # (node, prefix of its first line, prefix of its other lines and of its children's)
        stack: list[tuple[PlainTree, str, str]] = [(self, "", "")]
        while stack:
            node, first, rest = stack.pop()
            label = node.label if isinstance(node.label, str) else node.label.plain
            if "\n" in label:
                head, *more = label.split("\n")
                yield first + head
                for line in more:
                    yield rest + line
            else:
                yield first + label
            children = node.children
            if children:
                last = len(children) - 1
                for k in range(last, -1, -1):
                    if k == last:
                        stack.append((children[k], rest + END, rest + SPACE))
                    else:
                        stack.append((children[k], rest + FORK, rest + CONTINUE))


class _PlainIndented:
    """``Indented(text, by)``: every line of ``text`` after ``by`` spaces."""

    __slots__ = ("text", "by")

    def __init__(self, text: Any, by: int = 4) -> None:
        self.text, self.by = text, by

    def lines(self) -> Iterator[str]:
        pad = " " * self.by
        return (pad + line for line in _lines(self.text))


class _PlainHanging:
    """``Hanging(mark, body, indent)``: ``  mark body``, the body's other lines under its start."""

    __slots__ = ("mark", "body", "indent")

    def __init__(self, mark: Any, body: Any, indent: int = 2) -> None:
        self.mark, self.body, self.indent = mark, body, indent

    def lines(self) -> Iterator[str]:
        head = " " * self.indent + _text(self.mark) + " "
        body = _lines(self.body)
        yield head + body[0]
        pad = " " * len(head)
        for line in body[1:]:
            yield pad + line


class _PlainGroup:
    """``Group(*parts)``: the parts' lines, one part after another."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Any) -> None:
        self.parts = parts

    def lines(self) -> Iterator[str]:
        for part in self.parts:
            yield from _lines(part)


def _text(part: Any) -> str:
    return part if isinstance(part, str) else part.plain


def _lines(part: Any) -> Any:
    return part.split("\n") if isinstance(part, str) else part.lines()


class Kit(NamedTuple):
    """What a view is built of: text, trees, indented blocks, hanging items and groups."""

    Text: Any
    Tree: Callable[..., Any]
    Indented: Callable[..., Any]
    Hanging: Callable[..., Any]
    Group: Callable[..., Any]
    plain: bool


#: The kit of plain lines (for a pipe or a file); a view built of it has ``.lines()``.
PLAIN = Kit(PlainText, PlainTree, _PlainIndented, _PlainHanging, _PlainGroup, True)


def rich_kit() -> Kit:
    """The kit of rich renderables (for a terminal): :class:`rich.text.Text`, argmap's fast
    versions of rich's tree and padding, :class:`rich.console.Group`."""
    from rich.console import Group
    from rich.text import Text

    from .render.fast import FastTree, Hanging, Indented

    return Kit(Text, FastTree, Indented, Hanging, Group, False)


#: Rows per table of a long table (see :func:`long_table`).
TABLE_CHUNK = 200


def long_table(columns: list[tuple[str, dict[str, Any]]], rows: list[tuple[Any, ...]],
               chunk: int = TABLE_CHUNK, **options: Any) -> Any:
    """A rich :class:`~rich.table.Table` of ``rows`` under ``columns`` (``(header, add_column
    options)``), drawn a ``chunk`` of rows at a time when it has more: rich measures every row
    of a table before it draws one, a minute for 100,000 rows, where chunks reach a pager at
    once. Every column but the last gets the width the whole table would give it (its widest
    cell, within its ``min_width`` and ``max_width``), so the chunks line up as one table; the
    header is drawn once, at the top.

    >>> from io import StringIO
    >>> from rich.console import Console
    >>> out = StringIO()
    >>> rows = [("a" * (i % 3 + 1), str(i)) for i in range(5)]
    >>> table = long_table([("id", {}), ("n", {"justify": "right"})], rows, chunk=2, box=None)
    >>> Console(file=out, width=20).print(table)
    >>> print("\\n".join(line.rstrip() for line in out.getvalue().splitlines()))
     id    n
     a     0
     aa    1
     aaa   2
     a     3
     aa    4
    """
    from rich.cells import cell_len
    from rich.console import Group
    from rich.table import Table

    def table(cols: list[tuple[str, dict[str, Any]]], part: list[tuple[Any, ...]],
              header: bool) -> Table:
        t = Table(**options)
        t.show_header = header and t.show_header
        for name, opts in cols:
            t.add_column(name, **opts)
        for r in part:
            t.add_row(*r)
        return t

    if len(rows) <= chunk:
        return table(columns, rows, True)
    fixed = []
    for i, (name, opts) in enumerate(columns[:-1]):
        width = max([cell_len(name)] + [cell_len(_text(r[i])) for r in rows])
        if opts.get("max_width"):
            width = min(width, opts["max_width"])
        width = max(width, opts.get("min_width") or 0)
        fixed.append((name, {**opts, "width": width, "min_width": None, "max_width": None}))
    fixed.append(columns[-1])
    return Group(*(table(fixed, rows[i:i + chunk], i == 0) for i in range(0, len(rows), chunk)))


def write_lines(lines: Iterable[str], stream: Any = None, batch: int = 4096) -> None:
    """Write ``lines`` to ``stream`` (default: stdout), each ending in a newline, a batch at a
    time: the first lines reach a pipe (``| head``) before the last are made."""
    stream = sys.stdout if stream is None else stream
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= batch:
            chunk.append("")
            stream.write("\n".join(chunk))
            chunk.clear()
    if chunk:
        chunk.append("")
        stream.write("\n".join(chunk))


def styled_lines(console: Any, renderable: Any) -> Iterator[str]:
    """``renderable`` drawn for ``console`` (a rich console), one line at a time with its ANSI
    styles, as it is drawn: a pager shows the first screen of a long answer at once."""
    from rich.console import COLOR_SYSTEMS
    from rich.segment import Segment

    system = COLOR_SYSTEMS.get(console.color_system or "")
    segments: Iterable[Any] = console.render(renderable, console.options)
    if console.no_color and system is not None:
        segments = Segment.remove_color(segments)
    for line in Segment.split_lines(segments):
        if system is None:
            yield "".join(seg.text for seg in line if not seg.control)
        else:
            yield "".join(seg.style.render(seg.text, color_system=system) if seg.style
                          else seg.text for seg in line if not seg.control)
