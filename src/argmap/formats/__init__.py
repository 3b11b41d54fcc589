"""Map formats: one module per format, and the registry that picks one.

Each format module has ``read(text, name) -> Records`` (see :mod:`argmap.records`) and/or
``write(amap) -> Written``. Readers only turn their syntax into positioned records; the one build
step (:func:`argmap.records.build`) resolves ids and checks every reference for all of them.
Writers return the file's content and the list of what the format could not hold, which the
CLI prints as warnings: nothing is dropped silently.

The format of a file is chosen by ``--from``/``--to``, else by the file's extension, else by its
content (:func:`sniff`): AIF JSON and Argdown JSON are both ``.json`` and are told apart by
their keys.

>>> [f.name for f in FORMATS if f.reads]
['yaml', 'aif', 'argdown-json', 'kialo', 'brat']
>>> by_extension("corpus/nodeset6361.json", "read").name, by_extension("map.mmd", "write").name
('aif', 'mermaid')
>>> sniff('{"nodes": [], "edges": []}', "x.json")
Sniffed(name='aif', sure=True, why='it has AIF\\'s "nodes" and "edges"')
"""

from __future__ import annotations

import importlib
import json
import os
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import MapReadError

if TYPE_CHECKING:
    from ..errors import Diagnostic
    from ..model import ArgumentMap
    from ..records import Records

__all__ = ["Format", "FORMATS", "Written", "Sniffed", "by_name", "by_extension", "sniff",
           "choose", "read_records", "parse", "write", "names", "conversion_header"]


class Format(NamedTuple):
    """One format: its name (for ``--from``/``--to``), what it is, its file extensions (the first
    is the one written), and whether argmap reads and writes it."""

    name: str
    title: str
    extensions: tuple[str, ...]
    reads: bool
    writes: bool

    @property
    def module(self) -> Any:
        return importlib.import_module(f"{__name__}.{self.name.replace('-', '_')}")


class Written(NamedTuple):
    """A writer's output: the file's content, and what the format could not hold (one line each,
    for warnings)."""

    data: str | bytes
    losses: list[str]


class Sniffed(NamedTuple):
    name: str
    sure: bool
    why: str


FORMATS: tuple[Format, ...] = (
    Format("yaml", "argmap YAML", (".yaml", ".yml"), True, True),
    Format("aif", "AIF JSON", (".json", ".aif"), True, True),
    Format("argdown-json", "Argdown JSON", (".json",), True, False),
    Format("argdown", "Argdown text", (".argdown", ".ad"), False, True),
    Format("kialo", "Kialo export", (".txt",), True, False),
    Format("brat", "brat standoff", (".ann",), True, False),
    Format("graphml", "GraphML", (".graphml",), False, True),
    Format("mermaid", "Mermaid flowchart", (".mmd", ".mermaid"), False, True),
    Format("node-link", "node-link JSON", (".json",), False, True),
)

_BY_NAME = {f.name: f for f in FORMATS}


def names(mode: str) -> list[str]:
    """The format names for ``mode`` "read" or "write"."""
    return [f.name for f in FORMATS if (f.reads if mode == "read" else f.writes)]


def by_name(name: str, mode: str) -> Format:
    """The format called ``name`` that can ``mode`` ("read" or "write")."""
    f = _BY_NAME.get(name)
    if f is None or not (f.reads if mode == "read" else f.writes):
        raise MapReadError(f"argmap cannot {mode} the format {name!r}",
                           hint=f"formats it can {mode}: " + ", ".join(names(mode)))
    return f


def by_extension(path: str, mode: str) -> Format | None:
    """The first format that can ``mode`` files with ``path``'s extension, if any."""
    ext = os.path.splitext(path)[1].lower()
    for f in FORMATS:
        if ext in f.extensions and (f.reads if mode == "read" else f.writes):
            return f
    return None


_KEEP_FROM = 1 << 20  # JSON sniffed from this size on is kept for its reader
_parsed: list[tuple[str, Any]] = []  # (text, data): the JSON sniff() parsed last
_MISSING = object()


def parsed_json(text: str) -> Any:
    """The data :func:`sniff` parsed from this very ``text`` object, handed over once (and
    forgotten); else a sentinel that is not JSON data, and the reader parses the text itself.

    >>> parsed_json("{}") is _MISSING
    True
    """
    if _parsed and _parsed[0][0] is text:
        return _parsed.pop()[1]
    return _MISSING
_KIALO = re.compile(r"\A\ufeff?\s*Discussion Title:", re.IGNORECASE)


def sniff(text: str, name: str = "") -> Sniffed:
    """Which readable format ``text`` is in, judged by its content; ``sure`` is False when it
    is a guess (the CLI then says which it chose)."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError:  # YAML in flow style, or broken JSON (the AIF reader says where)
            if not name.lower().endswith(".json"):
                return Sniffed("yaml", True, "it is not JSON")
            data = None
        else:
            if len(text) > _KEEP_FROM:  # the reader takes it instead of parsing the file again
                _parsed[:] = [(text, data)]
        if isinstance(data, dict):
            inner = data["AIF"] if isinstance(data.get("AIF"), dict) else data
            argdown = "statements" in data or "arguments" in data or (
                isinstance(data.get("map"), dict) and "nodes" in data["map"])
            if "nodes" in inner and "edges" in inner and not argdown:
                return Sniffed("aif", True, 'it has AIF\'s "nodes" and "edges"')
            if argdown:
                return Sniffed("argdown-json", True,
                               'it has Argdown\'s "statements" and "arguments"')
        return Sniffed("aif", False, "JSON without AIF's or Argdown's keys")
    if _KIALO.match(head):
        return Sniffed("kialo", True, 'it starts with "Discussion Title:"')
    if re.match(r"T\d+\t\S+ \d+ \d+\t", head):
        return Sniffed("brat", True, "it has brat's T1<TAB>Label start end lines")
    return Sniffed("yaml", not name or os.path.splitext(name)[1].lower() in (".yaml", ".yml"),
                   "it is none of the other formats")


def choose(text: str, name: str, given: str | None = None) -> tuple[Format, str | None]:
    """The format to read ``text`` (from file ``name``) with, and a note to show when the choice
    was a guess. ``given`` is ``--from``. The extension decides, except for ``.json`` (two
    formats) and ``.txt``, where the content decides."""
    if given is not None:
        return by_name(given, "read"), None
    f = by_extension(name, "read")
    ext = os.path.splitext(name)[1].lower()
    if f is not None and ext not in (".json", ".txt"):
        return f, None
    found = sniff(text, name)
    note = None if found.sure else (
        f"{name}: read as {_BY_NAME[found.name].title} ({found.why}); "
        f"say --from FORMAT to choose another")
    return _BY_NAME[found.name], note


def read_records(text: str, name: str, fmt: str | Format) -> Records:
    """The records of ``text`` in format ``fmt`` (a name or a :class:`Format`)."""
    f = fmt if isinstance(fmt, Format) else by_name(fmt, "read")
    return f.module.read(text, name)


class Parsed(NamedTuple):
    """A map read in some format: the map, every diagnostic, the format, and the note to show
    when the format was guessed."""

    map: ArgumentMap
    diagnostics: list[Diagnostic]
    format: Format
    note: str | None


def parse(text: str, name: str, fmt: str | None = None) -> Parsed:
    r"""Read ``text`` (the content of file ``name``) in format ``fmt``, or the one :func:`choose`
    picks, through the one build step. The map may be partial when there are errors.

    >>> p = parse("Discussion Title: Tea?\n\n1. Tea?\n1.1. Pro: It is warm.\n", "tea.txt")
    >>> p.format.name, sorted(p.map.claims()), p.note
    ('kialo', ['tea', 'warm'], None)
    """
    from ..loader import no_gc
    from ..loader import parse as parse_yaml
    from ..records import build

    f, note = choose(text, name, fmt)
    if f.name == "yaml":
        amap, diagnostics = parse_yaml(text, name)
    else:
        with no_gc():
            amap, diagnostics = build(f.module.read(text, name))
    return Parsed(amap, diagnostics, f, note)


HEADER_LINES = 40  # warnings written into a converted map's header comment, at most


def conversion_header(name: str, fmt: Format, warned: list[Diagnostic]) -> str:
    """The comment a map converted to YAML starts with: where it came from, and what the
    reader could not keep or left out (a YAML map has a place for everything else).

    >>> print(conversion_header("in/tea.json", by_name("aif", "read"), []))
    Converted by argmap convert from tea.json (AIF JSON).
    """
    lines = [f"Converted by argmap convert from {os.path.basename(name)} ({fmt.title})."]
    if warned:
        lines.append("What the reader could not keep or left out:")
        lines += [f"- {d.message}" for d in warned[:HEADER_LINES]]
        if len(warned) > HEADER_LINES:
            lines.append(f"- ... and {len(warned) - HEADER_LINES} more: argmap check on the "
                         "original lists them all.")
    return "\n".join(lines)


def write(amap: ArgumentMap, fmt: str | Format) -> Written:
    """``amap`` in format ``fmt``: its content and what the format could not hold."""
    f = fmt if isinstance(fmt, Format) else by_name(fmt, "write")
    return f.module.write(amap)
