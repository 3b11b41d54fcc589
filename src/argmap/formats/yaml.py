"""argmap's own YAML: the reader is :mod:`argmap.loader`; the writer writes what a person would.

The writer's key order is the field table's (:mod:`argmap.fields`); claims are a mapping by id,
a claim with only a text is written ``id: text``, an argument goes on one line where it fits in
:data:`WIDTH` columns, and automatic argument ids are left out. The map's header comment (the
comment lines a YAML map starts with, or what a conversion could not keep) is written first.
Reading the output back gives the same map, and writing that again gives the same bytes.

>>> from argmap.loader import loads
>>> m = loads("claims: {tea: Drink tea., warm: {text: 'It is: warm', weight: 0.7}}\\n"
...           "thesis: tea\\narguments: [{supports: tea, premises: [warm]}]")
>>> print(write(m).data, end="")
thesis: tea
claims:
  tea: Drink tea.
  warm:
    text: "It is: warm"
    weight: 0.7
<BLANKLINE>
arguments:
  - {supports: tea, premises: [warm]}
"""

from __future__ import annotations

import functools
import json
import math
import operator
import re
from collections.abc import Callable
from typing import Any

from ..fields import keys
from ..model import ARGUMENT, CLAIM, SUPPORT, ArgumentMap, Cite
from . import Written

__all__ = ["read", "write", "scalar", "WIDTH"]

WIDTH = 100  # an argument in flow style up to this width stays on one line

_FIRST = re.compile(r"[A-Za-z_(\u00c0-\uffef]")  # characters a plain scalar may start with
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_FLOW = re.compile(r"[,\[\]{}]")
_NOT_TEXT = re.compile(r"^(?:~|null|Null|NULL|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False"
                       r"|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?\.?[0-9].*|\.inf|\.nan.*)$")
_UNSAFE = {"\u2028": "\\L", "\u2029": "\\P", "\u0085": "\\N", "\ufeff": "\\uFEFF"}


def read(text: str, name: str) -> Any:
    """The records of a YAML map (the loader's reader)."""
    from ..loader import read_records

    return read_records(text, name)


# ids recur in every argument that names them; typed, or 1.0 would be written as a True before
@functools.lru_cache(maxsize=1 << 16, typed=True)
def scalar(value: Any, flow: bool = False) -> str:
    """``value`` as a YAML scalar that reads back as itself (YAML 1.2 numbers, as argmap reads).

    >>> scalar("Tea's warm."), scalar("yes"), scalar("a: b"), scalar(0.5), scalar(True)
    ("Tea's warm.", '"yes"', '"a: b"', '0.5', 'true')
    >>> scalar("x, y", flow=True), scalar("x, y")
    ('"x, y"', 'x, y')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else json.dumps(str(value))
    return _string(str(value), flow)


def _flow(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


_ESCAPED = re.compile("[\u2028\u2029\u0085\ufeff]")  # the characters of _UNSAFE
#: what ``json.dumps(s, ensure_ascii=False)`` gives for a string ``s``, without its set-up
_encode: Callable[[str], str] = json.encoder.encode_basestring


def _string(text: str, flow: bool = False) -> str:
    """:func:`scalar` of the string ``text``, uncached (claim texts do not recur)."""
    if (text and _FIRST.match(text) and not _CONTROL.search(text) and ": " not in text
            and " #" not in text and not text.endswith(":") and not _NOT_TEXT.match(text)
            and text == text.strip() and not (flow and _FLOW.search(text))):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    quoted = _encode(text)  # JSON strings are YAML double-quoted ones
    if _ESCAPED.search(quoted):
        for ch, esc in _UNSAFE.items():
            quoted = quoted.replace(ch, esc)
    return quoted


def _value(value: Any, flow: bool = False) -> str:
    """:func:`scalar` of ``value``, uncached for a string."""
    return _string(value, flow) if type(value) is str else scalar(value, flow)


def _aif(value: Any, flow: bool) -> str:
    """:func:`_value` of an AIF node id, which is mostly digits: ``"12"`` in either style."""
    if type(value) is str and value.isdigit() and value.isascii():
        return f'"{value}"'
    return _value(value, flow)


class _Ids(dict[Any, str]):
    """The YAML scalars of ids, made once each for one write (an id recurs in every argument
    that names it; more of them than the cache of :func:`scalar` holds). The flow style's are
    the block style's (``plain``), quoted where a flow character asks for it."""

    def __init__(self, plain: _Ids | None = None):
        super().__init__()
        self.plain = plain

    def __missing__(self, value: Any) -> str:
        if type(value) is not str:  # 1, 1.0 and True are one key here, not to scalar()
            return scalar(value, self.plain is not None)
        if self.plain is None:
            out = self[value] = _string(value)
        else:
            out = self.plain[value]
            if out is value and _FLOW.search(value):  # plain in block style only
                out = _quoted(value)
            self[value] = out
        return out


#: the key orders that the writers below spell out: the field table's (tests/test_fields.py)
CLAIM_ORDER = ("text", "theme", "tags", "source", "note", "weight", "given", "by", "speaker",
               "aif", "ignore")
ARGUMENT_ORDER = ("id", "supports", "attacks", "premises", "title", "label", "scheme", "weight",
                  "note", "aif", "ignore")
SOURCE_ORDER = ("doc", "para", "quote")


def _source_lines(cites: tuple[Cite, ...], fids: _Ids) -> list[str]:
    """A claim's ``source``: one flow mapping, or a list of them; citations of the same document
    and paragraphs written one after the other share a mapping (``quote: [a, b]``)."""
    groups: list[tuple[str | None, tuple[int, ...], list[str]]] = []
    for c in cites:
        if c.quote is not None and groups and groups[-1][:2] == (c.doc, c.paras) \
                and groups[-1][2]:
            groups[-1][2].append(c.quote)
        else:
            groups.append((c.doc, c.paras, [] if c.quote is None else [c.quote]))

    def one(values: list[str]) -> str:
        return values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"

    flows = []
    for doc, paras, quotes in groups:
        parts = [] if doc is None else [f"doc: {fids[doc]}"]
        if paras:
            parts.append("para: " + one([str(p) for p in paras]))
        if quotes:  # quotes stay in quotes
            parts.append("quote: " + one([_encode(q) if type(q) is str
                                          else json.dumps(q, ensure_ascii=False) for q in quotes]))
        flows.append("{" + ", ".join(parts) + "}")
    if len(flows) == 1:
        return [f"    source: {flows[0]}"]
    return ["    source:", *(f"      - {f}" for f in flows)]


def _ignore(value: dict[Any, Any]) -> str:
    return _flow([(scalar(k, True), scalar(v, True)) for k, v in value.items()])


_CLAIM_VALUES = operator.itemgetter("text", "theme", "tags", "para", "quote", "note", "weight",
                                    "given", "by", "speaker", "aif", "ignore")
_ARGUMENT_VALUES = operator.itemgetter("relation", "target", "premises", "title", "scheme",
                                       "weight", "note", "aif", "ignore")


def _claim_lines(lines: list[str], cid: str, n: dict[str, Any], ids: _Ids, fids: _Ids) -> None:
    """The lines of claim ``cid`` (node attributes ``n``), as :func:`_claim` and the write loop
    make them, with the field table's order spelled out."""
    try:  # every attribute, as ArgumentMap.add_claim sets them, in one look
        text, theme, tags, para, quote, note, weight, given, by, speaker, aif, ignore = \
            _CLAIM_VALUES(n)
    except KeyError:
        get = n.get
        text, theme, tags, para, quote, note = (n["text"], get("theme"), get("tags"),
                                                get("para"), get("quote"), get("note"))
        weight, given, by, speaker, aif, ignore = (get("weight", 0.5), get("given"), get("by"),
                                                   get("speaker"), get("aif"), get("ignore"))
    out: list[str] = []
    if theme is not None:
        out.append(f"    theme: {ids[theme]}")
    if tags:
        out.append("    tags: [" + ", ".join([fids[t] for t in tags]) + "]")
    cites = n.get("cites")
    if cites:
        out += _source_lines(cites, fids)
    elif para is not None or quote is not None:  # a graph built by hand, without cites
        out += _source_lines((Cite(None, () if para is None else (para,), quote),), fids)
    if note is not None:
        out.append(f"    note: {_value(note)}")
    if weight != 0.5:
        out.append(f"    weight: {scalar(float(weight))}")
    if given:
        out.append("    given: true")
    if by is not None:
        out.append(f"    by: {_value(by)}")
    if speaker is not None:
        out.append(f"    speaker: {_value(speaker)}")
    if aif is not None:
        out.append(f"    aif: {_aif(aif, False)}")
    if ignore:
        out.append(f"    ignore: {_ignore(ignore)}")
    text = _value(text)
    if out:
        lines.append(f"  {ids[cid]}:")
        lines.append(f"    text: {text}")
        lines += out
    else:
        lines.append(f"  {ids[cid]}: {text}")


def _argument_line(lines: list[str], aid: str, n: dict[str, Any], fids: _Ids) -> None:
    """The lines of argument ``aid``, as :func:`_argument` and the write loop make them."""
    try:  # as in _claim_lines
        relation, target, premises, title, scheme, weight, note, aif, ignore = \
            _ARGUMENT_VALUES(n)
    except KeyError:
        get = n.get
        relation, target, premises = n["relation"], n["target"], n["premises"]
        title, scheme, weight, note, aif, ignore = (get("title"), get("scheme"),
                                                    get("weight", 1.0), get("note"), get("aif"),
                                                    get("ignore"))
    relation = "supports" if relation == SUPPORT else "attacks"
    parts: list[str] = []
    if aid != "+".join(premises) + f"--{relation}--" + target:
        parts.append(f"id: {fids[aid]}")
    parts.append(f"{relation}: {fids[target]}")
    parts.append("premises: [" + ", ".join([fids[p] for p in premises]) + "]")
    if title is not None:
        parts.append(f"title: {_value(title, True)}")
    if scheme is not None:
        parts.append(f"scheme: {_value(scheme, True)}")
    if weight != 1.0:
        parts.append(f"weight: {scalar(float(weight))}")
    if note is not None:
        parts.append(f"note: {_value(note, True)}")
    if aif is not None:
        parts.append(f"aif: {_aif(aif, True)}")
    if ignore:
        parts.append(f"ignore: {_ignore(ignore)}")
    one = "  - {" + ", ".join(parts) + "}"
    if len(one) <= WIDTH:
        lines.append(one)
    else:
        lines.append("  - " + parts[0])
        lines += ["    " + p for p in parts[1:]]


def _document_lines(doc: dict[str, Any], indent: str) -> list[str]:
    order = [*keys("source"), *sorted(set(doc) - set(keys("source")))]
    return [f"{indent}{k}: {scalar(doc[k])}" for k in order if k in doc]


def write(amap: ArgumentMap) -> Written:
    """``amap`` as argmap YAML; nothing is lost."""
    lines: list[str] = [f"# {line}".rstrip() for line in
                        (amap.graph.graph.get("header") or "").splitlines()]
    if lines:
        lines.append("")
    nodes = amap.graph.nodes(data=True)
    ids = _Ids()
    fids = _Ids(ids)
    for key in keys("map"):
        if key in ("themes", "claims", "arguments", "rephrases", "ignore") and lines \
                and lines[-1]:
            lines.append("")  # a blank line before each block, as people write them
        if key == "title" and amap.title:
            lines.append(f"title: {scalar(amap.title)}")
        elif key == "source" and amap.source:
            lines.append("source:")
            lines += _document_lines(amap.source, "  ")
        elif key == "sources" and amap.sources:
            lines.append("sources:")
            for doc, keys_ in amap.sources.items():
                lines.append(f"  {fids[doc]}:" + ("" if keys_ else " {}"))
                lines += _document_lines(keys_, "    ")
        elif key == "thesis" and amap.thesis:
            lines.append(f"thesis: {scalar(amap.thesis)}")
        elif key == "themes" and amap.themes:
            lines.append("themes:")
            lines += [f"  {scalar(t)}: {scalar(label)}" for t, label in amap.themes.items()]
        elif key == "claims":
            lines.append("claims:")
            for cid, n in nodes:
                if n.get("kind") == CLAIM:
                    _claim_lines(lines, cid, n, ids, fids)
        elif key == "arguments":
            arguments_n = [(a, n) for a, n in nodes if n.get("kind") == ARGUMENT]
            if arguments_n:
                lines.append("arguments:")
            for aid, n in arguments_n:
                _argument_line(lines, aid, n, fids)
        elif key == "rephrases" and amap.rephrases:
            lines.append("rephrases:")
            for claim, of, aif in amap.rephrases:
                pairs = [("claim", scalar(claim, True)), ("of", scalar(of, True))]
                if aif is not None:
                    pairs.append(("aif", scalar(aif, True)))
                lines.append(f"  - {_flow(pairs)}")
        elif key == "note" and amap.note:
            lines.append(f"note: {scalar(amap.note)}")
        elif key == "ignore" and amap.graph.graph.get("ignore"):
            lines.append("ignore:")
            lines += [f"  {scalar(k)}: {scalar(v)}"
                      for k, v in amap.graph.graph["ignore"].items()]
    while lines and not lines[-1]:
        lines.pop()
    return Written("\n".join(lines) + "\n", [])
