"""The differences between two maps (see :func:`argmap.diff.diff_maps`) as a rich renderable,
or as plain lines for a pipe (built from the plain kit, see :mod:`argmap.console`).

The view reads like ``git diff --word-diff=plain``: one line per change, ``+`` for added, ``-``
for removed, ``~`` for changed, and inside a line ``[-removed words-]`` and ``{+added words+}``.
Colour (green, red, strike-through, underline) only repeats what the markers say, so the view is
as clear with ``NO_COLOR`` or in a pipe as in a terminal. User text always goes in as
:class:`rich.text.Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..console import PLAIN, Kit, rich_kit
from ..diff import diff_summary
from . import theme

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

__all__ = ["diff_view", "diff_lines"]

ADDED = "green"
REMOVED = "red"
CHANGED = "yellow"
WORD_ADDED = "bold green underline"
WORD_REMOVED = "bold red strike"
_MARKS = {"+": ("+", ADDED), "-": ("-", REMOVED), "~": ("~", CHANGED)}


def diff_lines(diff: dict[str, Any], old_name: str | None = None,
               new_name: str | None = None) -> Iterator[str]:
    """:func:`diff_view` for a pipe: one line per change, never wrapped.

    >>> from argmap import loads
    >>> from argmap.diff import diff_maps
    >>> d = diff_maps(loads("claims: {a: Tea is warm., b: B.}"), loads("claims: {a: Tea is hot.}"))
    >>> print("\\n".join(diff_lines(d, "v1.yaml", "v2.yaml")))
    --- v1.yaml
    +++ v2.yaml
    <BLANKLINE>
    Claims
      - b  B.
      ~ a  Tea is [-warm.-]{+hot.+}
    <BLANKLINE>
    1 claim removed, 1 reworded
    """
    return diff_view(diff, old_name, new_name, kit=PLAIN).lines()


def diff_view(diff: dict[str, Any], old_name: str | None = None, new_name: str | None = None,
              kit: Kit | None = None) -> Any:
    """A git-like summary of ``diff``: sections for metadata, themes, claims and arguments.

    ``old_name`` and ``new_name`` (e.g. the file names), when given, head the view as
    ``--- OLD`` and ``+++ NEW``. The last line says what changed in numbers, or is
    ``no differences`` (and then the only line).

    >>> from io import StringIO
    >>> from rich.console import Console
    >>> from argmap import loads
    >>> from argmap.diff import diff_maps
    >>> d = diff_maps(loads("claims: {a: Tea is warm., b: B.}"), loads("claims: {a: Tea is hot.}"))
    >>> out = StringIO()
    >>> Console(file=out, width=80, color_system=None).print(diff_view(d))
    >>> print(out.getvalue().rstrip())
    Claims
      - b  B.
      ~ a  Tea is [-warm.-]{+hot.+}
    <BLANKLINE>
    1 claim removed, 1 reworded
    """
    kit = kit or rich_kit()
    Text = kit.Text
    Entry = _PlainEntry if kit.plain else _Entry
    if diff["equal"]:
        return kit.Group(Text("no differences"))
    parts: list[Any] = []
    if old_name is not None or new_name is not None:
        parts.append(Text(f"--- {old_name or 'old'}", style="bold " + REMOVED))
        parts.append(Text(f"+++ {new_name or 'new'}", style="bold " + ADDED))
        parts.append(Text())
    sections = [
        ("Metadata", _metadata_rows(diff["metadata"], Text)),
        ("Themes", _theme_rows(diff["themes"], Text)),
        ("Claims", _claim_rows(diff["claims"], Text)),
        ("Arguments", _argument_rows(diff["arguments"], Text)),
    ]
    for title, rows in sections:
        if not rows:
            continue
        parts.append(Text(title, style="bold"))
        parts.extend(Entry(mark, body) for mark, body in rows)
    parts.append(Text())
    parts.append(Entry(None, Text(diff_summary(diff), style="bold")))
    return kit.Group(*parts)


class _Entry:
    """One change, ``  + body``, the body's wrapped lines indented under its first character.

    Unlike a table or a wrapped :class:`~rich.text.Text`, it leaves no spaces at line ends, so
    plain output is clean to paste and to compare. With no mark it is a plain wrapped line.
    """

    def __init__(self, mark: str | None, body: Any) -> None:
        self.mark, self.body = mark, body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        indent = 4 if self.mark else 0
        width = max(options.max_width - indent, 8)
        lines = console.render_lines(self.body, options.update(width=width, height=None), pad=False)
        for i, line in enumerate(lines):
            if self.mark and i == 0:
                symbol, style = _MARKS[self.mark]
                yield Segment("  ")
                yield Segment(symbol, console.get_style("bold " + style))
                yield Segment(" ")
            elif indent:
                yield Segment(" " * indent)
            yield from _rstrip(line)
            yield Segment.line()


class _PlainEntry:
    """:class:`_Entry` as plain lines: ``  + body``, the body's other lines indented 4."""

    __slots__ = ("mark", "body")

    def __init__(self, mark: str | None, body: Any) -> None:
        self.mark, self.body = mark, body

    def lines(self) -> Iterator[str]:
        first, *more = self.body.plain.split("\n")
        if self.mark is None:
            yield first
            yield from more
            return
        yield f"  {self.mark} {first}"
        for line in more:
            yield "    " + line


def _rstrip(line: list[Any]) -> list[Any]:
    """A rendered line without the white space that wrapping leaves at its end."""
    line = list(line)
    while line and not line[-1].control and not line[-1].text.rstrip():
        line.pop()
    if line and not line[-1].control:
        from rich.segment import Segment

        last = line[-1]
        line[-1] = Segment(last.text.rstrip(), last.style)
    return line


# -- rows: (mark, body) --------------------------------------------------------------------------
Row = tuple[str, Any]


def _metadata_rows(metadata: list[dict[str, Any]], T: Any) -> list[Row]:
    return [("~", _field_change(m["field"], m["old"], m["new"], T)) for m in metadata]


def _theme_rows(themes: dict[str, list[dict[str, Any]]], T: Any) -> list[Row]:
    rows: list[Row] = []
    for t in themes["added"]:
        rows.append(("+", _with_id(t["id"], T(t["title"], style=ADDED), T)))
    for t in themes["removed"]:
        rows.append(("-", _with_id(t["id"], T(t["title"], style=REMOVED), T)))
    for t in themes["retitled"]:
        rows.append(("~", _with_id(t["id"], _field_change("title", t["old"], t["new"], T), T)))
    return rows


def _claim_rows(claims: dict[str, list[dict[str, Any]]], T: Any) -> list[Row]:
    rows: list[Row] = []
    for c in claims["added"]:
        rows.append(("+", _with_id(c["id"], T(c["text"], style=ADDED), T)))
    for c in claims["removed"]:
        rows.append(("-", _with_id(c["id"], T(c["text"], style=REMOVED), T)))
    for c in claims["reworded"]:
        rows.append(("~", _with_id(c["id"], _words(c["words"], T), T)))
    for c in claims["changed"]:
        rows.append(("~", _with_id(c["id"], _field_change(c["field"], c["old"], c["new"], T), T)))
    return rows


def _argument_rows(arguments: dict[str, list[dict[str, Any]]], T: Any) -> list[Row]:
    rows: list[Row] = []
    for a in arguments["added"]:
        rows.append(("+", _argument(a, ADDED, T)))
    for a in arguments["removed"]:
        rows.append(("-", _argument(a, REMOVED, T)))
    for a in arguments["changed"]:
        # the id the reader knows: an edited automatic id is named as it was
        rows.append(("~", _with_id(a["old_id"],
                                   _field_change(a["field"], a["old"], a["new"], T), T)))
    return rows


# -- pieces --------------------------------------------------------------------------------------
def _with_id(ident: str, body: Any, T: Any) -> Any:
    out = T()
    out.append(ident, style=theme.ID_RICH)
    out.append("  ")
    out.append_text(body)
    return out


def _argument(arg: dict[str, Any], style: str, T: Any) -> Any:
    """``[id  ]support: b + c → a  "title"``: an argument described by its parts, named by its
    relation (support, attack or undercut): whether an attack is an objection or a reply depends
    on the rest of the map, which a diff compares rather than judges."""
    key = theme.relation_key(arg["relation"], arg["undercut"])
    out = T()
    if not arg["auto_id"]:
        out.append(arg["id"], style=theme.ID_RICH)
        out.append("  ")
    out.append(key + ": ", style=style)
    out.append(" + ".join(arg["premises"]) + " → " + arg["target"], style=style)
    if arg.get("title"):
        out.append("  ")
        out.append(f'"{arg["title"]}"', style=theme.META_RICH)
    return out


def _removed(words: str, T: Any) -> Any:
    return T(f"[-{words}-]", style=WORD_REMOVED)


def _added(words: str, T: Any) -> Any:
    return T(f"{{+{words}+}}", style=WORD_ADDED)


def _words(runs: list[list[str]], T: Any) -> Any:
    """Word runs as ``kept [-removed-]{+added+} kept``."""
    out = T()
    for i, (op, words) in enumerate(runs):
        if i and not (op == "+" and runs[i - 1][0] == "-"):
            out.append(" ")
        out.append_text(T(words) if op == "=" else _removed(words, T) if op == "-" else _added(words, T))
    return out


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _field_change(field: str, old: Any, new: Any, T: Any) -> Any:
    """``field: [-old-]{+new+}``; lists (premises, tags) show the items kept without markers."""
    out = T()
    out.append(field + ": ", style="bold")
    if isinstance(old, list) and isinstance(new, list):
        kept = [T(str(v)) if v in new else _removed(str(v), T) for v in old]
        kept += [_added(str(v), T) for v in new if v not in old]
        out.append_text(T(", ").join(kept))
        return out
    if old is not None and old != []:
        out.append_text(_removed(_show(old), T))
    if new is not None and new != []:
        out.append_text(_added(_show(new), T))
    return out
