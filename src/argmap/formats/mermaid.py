"""Mermaid flowcharts: the map's view drawn as Mermaid text, which GitHub and GitLab render.

The flowchart draws the same :func:`~argmap.render.view.view` as the DOT export: claims are
boxes, an argument that carries structure (a title, an undercut aimed at it, linked premises
with a scheme) is a small rounded node with its title, or a small circle when it has none,
linked premises with neither meet at a small filled circle (a junction), and a lone premise is
an edge straight to its target. ``flowchart BT`` puts the thesis on top. Supports are solid
arrows, objections solid lines ending in a cross and dashed, undercuts dotted lines ending in a
cross; each in its colour of the style table (:mod:`argmap.render.theme`). Themes are
subgraphs named by their label; restatements (``rephrases``) are dotted arrows labelled
"rephrases".

Node ids are generated (``c1``, ``a1``, ``j1``, ``t1``): a map's ids may hold ``.:+-``, which
Mermaid reads as syntax. No text can break the diagram: every character of a label except
letters, digits, spaces, ``.,!?'`` and a hyphen inside a word is written as a Mermaid entity
code (``#35;`` for ``#``), and a line break as ``<br/>``. So quotes, brackets, ``-->``,
``%%``, ``:::``, ``<script>`` and a ``click`` at the start of a line all stay text.

>>> from argmap import loads
>>> m = loads('thesis: t\\nclaims: {t: "Tea is good.", w: "It is \\\\"warm\\\\" <3", c: Cheap.}\\n'
...           'arguments: [{supports: t, premises: [w, c]}]')
>>> print(write(m).data)
flowchart BT
  c1["Tea is good."]
  c2["It is #34;warm#34; #60;3"]
  c3["Cheap."]
  j1((" "))
  c2 --- j1
  c3 --- j1
  j1 --> c1
  classDef thesis fill:#0d47a1,stroke:#0d47a1,color:#ffffff,stroke-width:2.5px,font-weight:bold
  classDef claim fill:#ffffff,stroke:#455a64,color:#1a1a1a
  classDef point_support fill:#2e7d32,stroke:#2e7d32,color:#2e7d32
  class c1 thesis
  class c2,c3 claim
  class j1 point_support
  linkStyle 0,1,2 stroke:#2e7d32,stroke-width:1.6px
<BLANKLINE>
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from collections.abc import Iterable

from ..model import ArgumentMap
from ..render import theme
from ..render.graphviz import WRAP
from ..render.view import MapView, ViewNode, view
from . import Written

__all__ = ["write", "mermaid_of", "label", "DIRECTIONS", "MAX_LINKS", "MAX_TEXT"]

DIRECTIONS = ("BT", "TB", "LR", "RL")
_KEEP = frozenset(" .,!?'")
# the line between two nodes, by (edge kind, whether it ends in an arrowhead)
_LINKS = {("support", True): "-->", ("support", False): "---",
          ("attack", True): "--x", ("attack", False): "---",
          ("undercut", True): "-.-x", ("undercut", False): "-.-"}
_REPHRASE = "-. rephrases .->"
_REPHRASE_STYLE = "stroke:#78909c,stroke-width:1.2px"
# Mermaid's default limits (maxEdges, maxTextSize), which GitHub keeps: beyond them it refuses
MAX_LINKS, MAX_TEXT = 500, 50_000


def label(text: str) -> str:
    r"""``text`` safe between the quotes of a Mermaid label: letters, digits, spaces, ``.,!?'``,
    hyphens inside words and non-ASCII letters, numbers, punctuation and symbols stay; a line
    break becomes ``<br/>``; everything else (ASCII punctuation, other spaces, marks, format and
    control characters) becomes an entity code ``#N;`` (N the character's code point), which
    Mermaid shows as the character. (``ﬂ`` and a ``¶`` before ``ß`` are coded too: Mermaid
    uses them as its own entity markers.)

    >>> label('Say "hi" --> [x] %% <b>&\nclick')
    'Say #34;hi#34; #45;#45;#62; #91;x#93; #37;#37; #60;b#62;#38;<br/>click'
    >>> label("well-known café, isn’t it? ¶2 · given")
    'well-known café, isn’t it? ¶2 · given'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append("<br/>")
        elif ch.isascii():
            keep = ch.isalnum() or ch in _KEEP or (
                ch == "-" and 0 < i < last and text[i - 1].isalnum() and text[i + 1].isalnum())
            out.append(ch if keep else f"#{ord(ch)};")
        elif unicodedata.category(ch)[0] in "LNPS" and ch != "\ufb02" and not (
                ch == "¶" and i < last and text[i + 1] == "ß"):
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return "".join(out)


def _wrapped(text: str, width: int) -> list[str]:
    """The lines of ``text`` (its own line breaks kept), each wrapped at ``width`` characters
    (0: not wrapped), as the DOT export wraps them."""
    lines = re.split(r"\r\n|\r|\n", text)
    if not width:
        return lines
    return [w for line in lines
            for w in textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False)
            or [""]]


def _node_label(n: ViewNode, wrap: int) -> str:
    if n.kind == "argument":
        lines = [w for t in (n.text, f"({n.scheme})" if n.scheme else "") if t
                 for w in _wrapped(t, 24 if wrap else 0)]
    else:
        lines = _wrapped(n.text, wrap)
        if n.meta:
            lines.append(" · ".join(n.meta))
    if n.status is not None:
        mark = theme.LABELS[n.status[0]]
        lines.append(f"{mark['mark']} {n.status[0]}: {mark['word']} · strength {n.status[1]:.2f}")
    return "<br/>".join(label(t) for t in lines)


def _style(**items: str) -> str:
    return ",".join(f"{k.replace('_', '-')}:{v}" for k, v in items.items())


def _class_defs(used: Iterable[str]) -> list[str]:
    looks = {
        "thesis": _style(fill=theme.THESIS["fill"], stroke=theme.THESIS["border"],
                         color=theme.THESIS["font"], stroke_width="2.5px", font_weight="bold"),
        "claim": _style(fill=theme.CLAIM["fill"], stroke=theme.CLAIM["border"],
                        color=theme.CLAIM["font"]),
        "given": _style(fill=theme.GIVEN["fill"], stroke=theme.CLAIM["border"],
                        color=theme.CLAIM["font"]),
        "analyst": _style(fill=theme.ANALYST["fill"], stroke=theme.ANALYST["border"],
                          color=theme.ANALYST["font"], stroke_dasharray="5 3",
                          font_style="italic"),
        "stub": _style(fill=theme.STUB["fill"], stroke=theme.STUB["border"],
                       color=theme.STUB["font"], stroke_dasharray="4 3"),
    }
    for key, look in theme.RELATIONS.items():
        looks[f"argument_{key}"] = _style(fill=theme.ARGUMENT["fill"], stroke=look["color"],
                                          color=theme.ARGUMENT["font"])
        looks[f"point_{key}"] = _style(fill=look["color"], stroke=look["color"],
                                          color=look["color"])
    return [f"  classDef {name} {looks[name]}" for name in used]


def _link_style(kind: str) -> str:
    look = theme.RELATIONS[kind]
    dash = {"support": "", "attack": ",stroke-dasharray:6 3", "undercut": ",stroke-dasharray:2 3"}
    return f"stroke:{look['color']},stroke-width:1.6px{dash[kind]}"


def mermaid_of(v: MapView, rephrases: Iterable[tuple[str, str]] = (), *,
               direction: str = "BT", title: bool = True, wrap: int = WRAP) -> str:
    """Mermaid flowchart text that draws the view ``v``, with a dotted "rephrases" arrow for
    each ``(claim, the claim it restates)`` pair whose claims are both in the view.

    ``title`` adds the view's title as Mermaid front matter (``---`` / ``title: ...`` /
    ``---``, a JSON string, so no title can end it early). ``wrap`` is the claim text's width in
    characters, as in the DOT export (0: lines as written).

    >>> from argmap import loads
    >>> m = loads("claims: {a: A., b: B.}\\narguments: [{id: x, attacks: a, premises: [b],"
    ...           " title: Because}]")
    >>> text = mermaid_of(view(m), direction="LR")
    >>> print("\\n".join(text.splitlines()[:5]))
    flowchart LR
      c1["A."]
      c2["B."]
      a1("Because")
      c2 --- a1
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    ids: dict[str, str] = {}
    counts: dict[str, int] = {}
    for n in v.nodes.values():
        prefix = {"claim": "c", "argument": "a", "junction": "j"}.get(n.kind, "s")
        counts[prefix] = counts.get(prefix, 0) + 1
        ids[n.id] = f"{prefix}{counts[prefix]}"
    lines = []
    if title and v.title:
        lines += ["---", f"title: {json.dumps(v.title)}", "---"]
    lines.append(f"flowchart {direction}")
    classes: dict[str, list[str]] = {}

    def declare(n: ViewNode, indent: str) -> str:
        nid = ids[n.id]
        if n.kind == "claim":
            cls = n.look
            shape = f'["{_node_label(n, wrap)}"]'
        elif n.kind == "stub":
            cls = "stub"
            shape = f'["{_node_label(n, wrap)}"]'
        else:
            key = n.look if n.look in theme.RELATIONS else "support"
            text = _node_label(n, wrap) if n.kind == "argument" else ""
            cls = f"{'argument' if text else 'point'}_{key}"
            shape = f'("{text}")' if text else '((" "))'
        classes.setdefault(cls, []).append(nid)
        return f"{indent}{nid}{shape}"

    themed = {t: [n for n in v.claims() if n.theme == t] for t in v.themes}
    for n in v.nodes.values():
        if n.kind == "claim" and n.theme in themed:
            continue
        if n.kind == "claim":
            lines.append(declare(n, "  "))
    subgraphs = {}
    for i, (t, members) in enumerate(themed.items(), 1):
        if members:
            subgraphs[t] = f"t{i}"
            lines.append(f'  subgraph t{i}["{label(v.themes[t])}"]')
            lines.extend(declare(n, "    ") for n in members)
            lines.append("  end")
    lines.extend(declare(n, "  ") for n in v.nodes.values() if n.kind != "claim")
    by_kind: dict[str, list[int]] = {}
    count = 0
    for e in v.edges:
        lines.append(f"  {ids[e.source]} {_LINKS[e.kind, e.arrow]} {ids[e.target]}")
        by_kind.setdefault(e.kind, []).append(count)
        count += 1
    for claim, of in rephrases:
        if claim in v.nodes and of in v.nodes:
            lines.append(f"  {ids[claim]} {_REPHRASE} {ids[of]}")
            by_kind.setdefault("rephrase", []).append(count)
            count += 1
    order = ["thesis", "claim", "given", "analyst", "stub"] + [
        f"{k}_{r}" for k in ("argument", "point") for r in theme.RELATIONS]
    used = [c for c in order if c in classes]
    lines.extend(_class_defs(used))
    lines.extend(f"  class {','.join(classes[c])} {c}" for c in used)
    for t, sid in subgraphs.items():
        lines.append(f"  style {sid} fill:{v.colours[t]},stroke:{theme.CLUSTER['border']},"
                     f"color:{theme.CLUSTER['font']}")
    for kind in ("support", "attack", "undercut", "rephrase"):
        if kind in by_kind:
            style = _REPHRASE_STYLE if kind == "rephrase" else _link_style(kind)
            lines.append(f"  linkStyle {','.join(map(str, by_kind[kind]))} {style}")
    return "\n".join(lines) + "\n"


def _losses(amap: ArgumentMap, v: MapView) -> list[str]:
    g = amap.graph
    claims = [g.nodes[c] for c in amap.claims()]
    arguments = [g.nodes[a] for a in amap.arguments()]

    def count(what: str, n: int) -> str:
        return f"{n} {what}{'s' * (n != 1)}"

    found = []
    for key, what in (("quote", "quotes"), ("tags", "tags"), ("speaker", "speakers")):
        n = sum(1 for c in claims if c.get(key))
        if n:
            found.append(f"Mermaid draws no {what}: the {what} of {count('claim', n)} left out")
    notes = sum(1 for c in claims + arguments if c.get("note")) + (1 if amap.note else 0)
    if notes:
        found.append(f"Mermaid draws no notes: {count('note', notes)} left out")
    weights = sum(1 for c in claims if c.get("weight", 0.5) != 0.5) + sum(
        1 for a in arguments if a.get("weight", 1.0) != 1.0)
    if weights:
        found.append(f"Mermaid draws no weights: {count('weight', weights)} other than the "
                     "default left out")
    schemes = sum(1 for a in amap.arguments() if g.nodes[a].get("scheme") and a not in v.nodes)
    if schemes:
        found.append(f"Mermaid draws an argument with one premise and no title as an edge: "
                     f"the scheme of {count('argument', schemes)} left out")
    if amap.source:
        found.append("Mermaid has no place for the map's source (" + ", ".join(amap.source)
                     + "): left out")
    return found


def write(amap: ArgumentMap) -> Written:
    """The map as a Mermaid flowchart (thesis on top), and what the diagram does not show:
    quotes, notes, tags, speakers, weights, the map's source, and the scheme of an argument
    drawn as a plain edge; and a diagram beyond Mermaid's default limits (:data:`MAX_LINKS`
    links, :data:`MAX_TEXT` characters), which GitHub will not draw. Ids, positions, AIF ids
    and ``ignore`` reasons are not drawn and not reported: a drawing needs none of them."""
    v = view(amap)
    text = mermaid_of(v, [(c, of) for c, of, _ in amap.rephrases])
    losses = _losses(amap, v)
    links = len(v.edges) + sum(1 for c, of, _ in amap.rephrases if c in v.nodes and of in v.nodes)
    if links > MAX_LINKS or len(text) > MAX_TEXT:
        losses.append(f"the diagram has {links:,} links and {len(text):,} characters: Mermaid "
                      f"(and GitHub) draws at most {MAX_LINKS} links and {MAX_TEXT:,} characters "
                      "unless configured (maxEdges, maxTextSize); for a big map use "
                      "argmap export -o map.svg")
    return Written(text, losses)
