"""The differences between two maps (see :func:`argmap.diff.diff_maps`) as a rich renderable.

The view reads like ``git diff --word-diff=plain``: one line per change, ``+`` for added, ``-``
for removed, ``~`` for changed, and inside a line ``[-removed words-]`` and ``{+added words+}``.
Colour (green, red, strike-through, underline) only repeats what the markers say, so the view is
as clear with ``NO_COLOR`` or in a pipe as in a terminal. User text always goes in as
:class:`rich.text.Text`, never as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.segment import Segment
from rich.text import Text

from ..diff import diff_summary
from . import theme

__all__ = ["diff_view"]

ADDED = "green"
REMOVED = "red"
CHANGED = "yellow"
WORD_ADDED = "bold green underline"
WORD_REMOVED = "bold red strike"
_MARKS = {"+": ("+", ADDED), "-": ("-", REMOVED), "~": ("~", CHANGED)}


def diff_view(diff: dict[str, Any], old_name: str | None = None, new_name: str | None = None) -> Group:
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
    if diff["equal"]:
        return Group(Text("no differences"))
    parts: list[Any] = []
    if old_name is not None or new_name is not None:
        parts.append(Text(f"--- {old_name or 'old'}", style="bold " + REMOVED))
        parts.append(Text(f"+++ {new_name or 'new'}", style="bold " + ADDED))
        parts.append(Text())
    sections = [
        ("Metadata", _metadata_rows(diff["metadata"])),
        ("Themes", _theme_rows(diff["themes"])),
        ("Claims", _claim_rows(diff["claims"])),
        ("Arguments", _argument_rows(diff["arguments"])),
    ]
    for title, rows in sections:
        if not rows:
            continue
        parts.append(Text(title, style="bold"))
        parts.extend(_Entry(mark, body) for mark, body in rows)
    parts.append(Text())
    parts.append(_Entry(None, Text(diff_summary(diff), style="bold")))
    return Group(*parts)


class _Entry:
    """One change, ``  + body``, the body's wrapped lines indented under its first character.

    Unlike a table or a wrapped :class:`~rich.text.Text`, it leaves no spaces at line ends, so
    plain output is clean to paste and to compare. With no mark it is a plain wrapped line.
    """

    def __init__(self, mark: str | None, body: Text) -> None:
        self.mark, self.body = mark, body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
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


def _rstrip(line: list[Segment]) -> list[Segment]:
    """A rendered line without the white space that wrapping leaves at its end."""
    line = list(line)
    while line and not line[-1].control and not line[-1].text.rstrip():
        line.pop()
    if line and not line[-1].control:
        last = line[-1]
        line[-1] = Segment(last.text.rstrip(), last.style)
    return line


# -- rows: (mark, body) --------------------------------------------------------------------------
Row = tuple[str, Text]


def _metadata_rows(metadata: list[dict[str, Any]]) -> list[Row]:
    return [("~", _field_change(m["field"], m["old"], m["new"])) for m in metadata]


def _theme_rows(themes: dict[str, list[dict[str, Any]]]) -> list[Row]:
    rows: list[Row] = []
    for t in themes["added"]:
        rows.append(("+", _with_id(t["id"], Text(t["title"], style=ADDED))))
    for t in themes["removed"]:
        rows.append(("-", _with_id(t["id"], Text(t["title"], style=REMOVED))))
    for t in themes["retitled"]:
        rows.append(("~", _with_id(t["id"], _field_change("title", t["old"], t["new"]))))
    return rows


def _claim_rows(claims: dict[str, list[dict[str, Any]]]) -> list[Row]:
    rows: list[Row] = []
    for c in claims["added"]:
        rows.append(("+", _with_id(c["id"], Text(c["text"], style=ADDED))))
    for c in claims["removed"]:
        rows.append(("-", _with_id(c["id"], Text(c["text"], style=REMOVED))))
    for c in claims["reworded"]:
        rows.append(("~", _with_id(c["id"], _words(c["words"]))))
    for c in claims["changed"]:
        rows.append(("~", _with_id(c["id"], _field_change(c["field"], c["old"], c["new"]))))
    return rows


def _argument_rows(arguments: dict[str, list[dict[str, Any]]]) -> list[Row]:
    rows: list[Row] = []
    for a in arguments["added"]:
        rows.append(("+", _argument(a, ADDED)))
    for a in arguments["removed"]:
        rows.append(("-", _argument(a, REMOVED)))
    for a in arguments["changed"]:
        # the id the reader knows: an edited automatic id is named as it was
        rows.append(("~", _with_id(a["old_id"], _field_change(a["field"], a["old"], a["new"]))))
    return rows


# -- pieces --------------------------------------------------------------------------------------
def _with_id(ident: str, body: Text) -> Text:
    out = Text()
    out.append(ident, style=theme.ID_RICH)
    out.append("  ")
    out.append_text(body)
    return out


def _argument(arg: dict[str, Any], style: str) -> Text:
    """``[id  ]support: b + c → a  "title"``: an argument described by its parts, named by its
    relation (support, attack or undercut): whether an attack is an objection or a reply depends
    on the rest of the map, which a diff compares rather than judges."""
    key = theme.relation_key(arg["relation"], arg["undercut"])
    out = Text()
    if not arg["auto_id"]:
        out.append(arg["id"], style=theme.ID_RICH)
        out.append("  ")
    out.append(key + ": ", style=style)
    out.append(" + ".join(arg["premises"]) + " → " + arg["target"], style=style)
    if arg.get("title"):
        out.append("  ")
        out.append(f'"{arg["title"]}"', style=theme.META_RICH)
    return out


def _removed(words: str) -> Text:
    return Text(f"[-{words}-]", style=WORD_REMOVED)


def _added(words: str) -> Text:
    return Text(f"{{+{words}+}}", style=WORD_ADDED)


def _words(runs: list[list[str]]) -> Text:
    """Word runs as ``kept [-removed-]{+added+} kept``."""
    out = Text()
    for i, (op, words) in enumerate(runs):
        if i and not (op == "+" and runs[i - 1][0] == "-"):
            out.append(" ")
        out.append_text(Text(words) if op == "=" else _removed(words) if op == "-" else _added(words))
    return out


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _field_change(field: str, old: Any, new: Any) -> Text:
    """``field: [-old-]{+new+}``; lists (premises, tags) show the items kept without markers."""
    out = Text()
    out.append(field + ": ", style="bold")
    if isinstance(old, list) and isinstance(new, list):
        kept = [Text(str(v)) if v in new else _removed(str(v)) for v in old]
        kept += [_added(str(v)) for v in new if v not in old]
        out.append_text(Text(", ").join(kept))
        return out
    if old is not None and old != []:
        out.append_text(_removed(_show(old)))
    if new is not None and new != []:
        out.append_text(_added(_show(new)))
    return out
