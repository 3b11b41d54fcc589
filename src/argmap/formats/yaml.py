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
import re
from typing import Any

from ..fields import keys
from ..model import ARGUMENT, SUPPORT, ArgumentMap
from . import Written

__all__ = ["read", "write", "scalar", "WIDTH"]

WIDTH = 100  # an argument in flow style up to this width stays on one line

_FIRST = re.compile(r"[A-Za-z_(\u00c0-\uffef]")  # characters a plain scalar may start with
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|: |:$| #")
_FLOW = re.compile(r"[,\[\]{}]")
_NOT_TEXT = re.compile(r"^(?:~|null|Null|NULL|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False"
                       r"|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?\.?[0-9].*|\.inf|\.nan.*)$")
_CLAIM_KEYS, _SOURCE_KEYS, _ARGUMENT_KEYS = keys("claim"), keys("claim-source"), keys("argument")
_UNSAFE = {"\u2028": "\\L", "\u2029": "\\P", "\u0085": "\\N", "\ufeff": "\\uFEFF"}


def read(text: str, name: str) -> Any:
    """The records of a YAML map (the loader's reader)."""
    from ..loader import read_records

    return read_records(text, name)


@functools.lru_cache(maxsize=1 << 16)  # ids recur in every argument that names them
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
    text = str(value)
    if (text and _FIRST.match(text) and not _BREAKS.search(text) and not _NOT_TEXT.match(text)
            and text == text.strip() and not (flow and _FLOW.search(text))):
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted ones
    for ch, esc in _UNSAFE.items():
        quoted = quoted.replace(ch, esc)
    return quoted


def _ids(values: Any) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"


def _flow(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def _claim(amap: ArgumentMap, cid: str) -> list[tuple[str, str]]:
    """The claim's keys and their YAML values, in the field table's order (defaults left out)."""
    n = amap.graph.nodes[cid]
    out: list[tuple[str, str]] = []
    for key in _CLAIM_KEYS:
        if key == "text":
            out.append(("text", scalar(n["text"])))
        elif key == "tags":
            if n.get("tags"):
                out.append(("tags", _ids(n["tags"])))
        elif key == "source":
            src = [(k, json.dumps(n[k], ensure_ascii=False) if k == "quote"
                    else scalar(n[k], flow=True)) for k in _SOURCE_KEYS
                   if n.get(k) is not None]
            if src:
                out.append(("source", _flow(src)))
        elif key == "weight":
            if n.get("weight", 0.5) != 0.5:
                out.append(("weight", scalar(float(n["weight"]))))
        elif key == "given":
            if n.get("given"):
                out.append(("given", "true"))
        elif key == "ignore":
            if n.get("ignore"):
                out.append(("ignore", _flow([(scalar(k, True), scalar(v, True))
                                             for k, v in n["ignore"].items()])))
        elif n.get(key) is not None:
            out.append((key, scalar(n[key])))
    return out


def _argument(amap: ArgumentMap, aid: str) -> list[tuple[str, str]]:
    n = amap.graph.nodes[aid]
    relation = "supports" if n["relation"] == SUPPORT else "attacks"
    out: list[tuple[str, str]] = []
    auto = "+".join(n["premises"]) + f"--{relation}--" + n["target"]
    for key in _ARGUMENT_KEYS:
        if key == "id":
            if aid != auto:
                out.append(("id", scalar(aid, flow=True)))
        elif key in ("supports", "attacks"):
            if key == relation:
                out.append((key, scalar(n["target"], flow=True)))
        elif key == "premises":
            out.append(("premises", _ids(n["premises"])))
        elif key == "label":
            continue  # read as title; written as title
        elif key == "weight":
            if n.get("weight", 1.0) != 1.0:
                out.append(("weight", scalar(float(n["weight"]))))
        elif key == "ignore":
            if n.get("ignore"):
                out.append(("ignore", _flow([(scalar(k, True), scalar(v, True))
                                             for k, v in n["ignore"].items()])))
        elif n.get(key) is not None:
            out.append((key, scalar(n[key], flow=True)))
    return out


def write(amap: ArgumentMap) -> Written:
    """``amap`` as argmap YAML; nothing is lost."""
    lines: list[str] = [f"# {line}".rstrip() for line in
                        (amap.graph.graph.get("header") or "").splitlines()]
    if lines:
        lines.append("")
    for key in keys("map"):
        if key in ("themes", "claims", "arguments", "rephrases", "ignore") and lines \
                and lines[-1]:
            lines.append("")  # a blank line before each block, as people write them
        if key == "title" and amap.title:
            lines.append(f"title: {scalar(amap.title)}")
        elif key == "source" and amap.source:
            lines.append("source:")
            order = [*keys("source"), *sorted(set(amap.source) - set(keys("source")))]
            lines += [f"  {k}: {scalar(amap.source[k])}" for k in order if k in amap.source]
        elif key == "thesis" and amap.thesis:
            lines.append(f"thesis: {scalar(amap.thesis)}")
        elif key == "themes" and amap.themes:
            lines.append("themes:")
            lines += [f"  {scalar(t)}: {scalar(label)}" for t, label in amap.themes.items()]
        elif key == "claims":
            lines.append("claims:")
            for cid in amap.claims():
                fields = _claim(amap, cid)
                if len(fields) == 1:
                    lines.append(f"  {scalar(cid)}: {fields[0][1]}")
                else:
                    lines.append(f"  {scalar(cid)}:")
                    lines += [f"    {k}: {v}" for k, v in fields]
        elif key == "arguments":
            arguments = [a for a, k in amap.graph.nodes(data="kind") if k == ARGUMENT]
            if arguments:
                lines.append("arguments:")
            for aid in arguments:
                fields = _argument(amap, aid)
                one = f"  - {_flow(fields)}"
                if len(one) <= WIDTH:
                    lines.append(one)
                else:
                    lines.append(f"  - {fields[0][0]}: {fields[0][1]}")
                    lines += [f"    {k}: {v}" for k, v in fields[1:]]
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
