"""Graphviz diagrams: DOT built with the ``graphviz`` package, rendered in-process by pygraphviz.

pygraphviz's wheels bundle the Graphviz engine with cairo, so SVG, PNG and PDF need no system
Graphviz. Labels are HTML-like labels built from escaped text: no claim can break the DOT or
inject markup. An argument becomes a node only where it carries structure (linked premises, a
label, or something aimed at its inference); a lone premise is drawn as a direct edge, which keeps
large maps readable and fast to lay out.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import ExportError
from ..model import ArgumentMap
from . import theme
from .view import MapView, Stub, ViewNode, view

__all__ = ["to_dot", "dot_of", "portable_svg", "node_link", "FORMATS", "DIRECTIONS", "THEME_MODES"]

FORMATS = ("svg", "png", "pdf", "dot", "json")
DIRECTIONS = ("auto", "BT", "TB", "LR", "RL")
WRAP = 34


# Approximate footprint of a claim box, in points, across and along the direction of the ranks.
_ACROSS = {"BT": 270, "TB": 270, "RL": 80, "LR": 80}
_ALONG = {"BT": 130, "TB": 130, "RL": 340, "LR": 340}
_ASPECT = 1.5  # a landscape page


def claim_levels(amap: ArgumentMap, nodes: set[str]) -> dict[str, int]:
    """How many steps of reasons each shown claim is below the top (the thesis or the roots)."""
    g = amap.graph
    frontier = [c for c in amap.roots() if c in nodes and g.nodes[c]["kind"] == "claim"] or [
        c for c in nodes if g.nodes[c]["kind"] == "claim"
        and not any(a in nodes and g.nodes[a]["target"] in nodes for a in g.succ[c])]
    level: dict[str, int] = {}
    walked: set[str] = set()  # arguments, each walked once: undercuts may form cycles
    depth = 0
    while frontier:
        nxt: list[str] = []
        for c in frontier:
            if c in level:
                continue
            level[c] = depth
            stack = [a for a in g.pred[c] if a in nodes]
            while stack:  # premises of arguments for/against c and of undercuts of those
                a = stack.pop()
                if a in walked:
                    continue
                walked.add(a)
                nxt.extend(p for p in g.nodes[a]["premises"] if p in nodes and p not in level)
                stack.extend(u for u in g.pred[a] if u in nodes and g.nodes[u]["kind"] == "argument")
        frontier, depth = nxt, depth + 1
    for c in nodes:  # parts not reachable from the top (cycles, islands)
        if g.nodes[c]["kind"] == "claim" and c not in level:
            level[c] = depth
    return level


def choose_direction(amap: ArgumentMap, nodes: set[str]) -> str:
    """BT (thesis on top) for a map that is narrow enough, RL (thesis on the left) otherwise.

    Dot puts all claims of one level side by side, so a level of many claims makes a BT drawing
    very wide; drawn RL the same level becomes a column. Both shapes are estimated from the
    number of claims on each level, and the one closer to a landscape page wins.

    >>> from argmap import loads
    >>> m = loads("claims: {a: A., b: B.}\\narguments: [{supports: a, premises: [b]}]")
    >>> choose_direction(m, set(m.graph))
    'BT'
    """
    counts: dict[int, int] = {}
    for lv in claim_levels(amap, nodes).values():
        counts[lv] = counts.get(lv, 0) + 1
    widest, ranks = max(counts.values(), default=1), max(len(counts), 1)

    def badness(d: str) -> float:
        width, height = widest * _ACROSS[d], ranks * _ALONG[d]
        if d in ("RL", "LR"):
            width, height = height, width
        ratio = width / max(height, 1)
        return max(ratio / _ASPECT, _ASPECT / ratio)

    return "BT" if badness("BT") <= badness("RL") else "RL"


def _badge(label: str, strength: float) -> str:
    """The evaluation line of a box: the label with its word, then the strength, named apart
    (``✘ OUT: defeated · strength 0.83``): two measures, explained in the legend."""
    look = theme.LABELS[label]
    return (f'<FONT POINT-SIZE="9"><B>{look["mark"]} {label}</B>: {look["word"]} · '
            f'strength {strength:.2f}</FONT>')


def _esc(text: str) -> str:
    r"""Text safe inside an HTML-like label: markup escaped, and backslashes doubled, since
    Graphviz expands escapes such as \N (the node name) even there.

    >>> print(_esc(r'a <b> & "c" \N'))
    a &lt;b&gt; &amp; &quot;c&quot; \\N
    """
    return html.escape(text).replace("\\", "\\\\")


def _wrap(text: str, width: int = WRAP, lines: Wrap | None = None) -> str:
    return '<BR ALIGN="CENTER"/>'.join(_esc(line) for line in (lines or wrap_lines)(text, width))


Wrap = Callable[[str, int], list[str]]  # wrap_lines, or a memo of it
_OTHER_SPACE = frozenset("\t\n\x0b\x0c\r")  # textwrap's whitespace, but for the space


def wrap_lines(text: str, width: int = WRAP) -> list[str]:
    """The lines of ``text`` wrapped at ``width``, as ``textwrap.wrap`` (long words broken, not
    at hyphens) makes them, and ``[""]`` for none: text of single-spaced words that fit is
    wrapped here, three times faster; any other goes through textwrap.

    >>> wrap_lines("one two three four", 9), wrap_lines("", 9)
    (['one two', 'three', 'four'], [''])
    """
    words = text.split(" ")
    # no run of spaces, no tab or newline, no word too long, and no "word" of other whitespace
    # (such as a no-break space, which textwrap drops at a line's end)
    if "" in words or not _OTHER_SPACE.isdisjoint(text) or max(map(len, words)) > width \
            or any(map(str.isspace, words)):
        return textwrap.wrap(text, width=width, break_long_words=True,
                             break_on_hyphens=False) or [""]
    lines, line = [], words[0]
    for w in words[1:]:
        if len(line) + 1 + len(w) <= width:
            line += " " + w
        else:
            lines.append(line)
            line = w
    lines.append(line)
    return lines


THEME_MODES = ("bands", "clusters", "none")
FAINT = "66"  # the alpha of the fast layout's edges across its tree (#rrggbb + this)
# tighter spacing for page-fit diagrams: space on a page is what the type size is bought with
PAGE_LAYOUT = {"nodesep": "0.18", "ranksep": "0.3", "pad": "0.1"}


def _memo(wrap: Wrap) -> Wrap:
    """``wrap`` remembering its answers: the fast layout measures the lines that are drawn."""
    memo: dict[tuple[str, int], list[str]] = {}

    def lines(text: str, width: int) -> list[str]:
        got = memo.get((text, width))
        if got is None:
            got = memo[text, width] = wrap(text, width)
        return got

    return lines


def _claim_label(n: ViewNode, band: tuple[str, str] | None, wrap: int,
                 lines: Wrap | None = None) -> str:
    is_thesis = n.look == "thesis"
    colour = theme.THESIS["font"] if is_thesis else "#607d8b"
    size = 14 if is_thesis else 11
    text = _wrap(n.text, wrap - 4 if is_thesis else wrap, lines)
    rows = [f'<FONT POINT-SIZE="{size}">{"<B>" + text + "</B>" if is_thesis else text}</FONT>']
    if n.meta:
        rows.append(f'<FONT POINT-SIZE="9" COLOR="{colour}">{_esc(" · ".join(n.meta))}</FONT>')
    if n.status is not None:
        rows.append(_badge(*n.status))
    if band is None:
        return "<" + "<BR/>".join(rows) + ">"
    label, fill = band  # a tab on top of the box: the theme's colour and its name
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
            f'<TR><TD BGCOLOR="{fill}" ALIGN="LEFT"><FONT POINT-SIZE="9" '
            f'COLOR="{theme.BAND_FONT}"> {_esc(label)} </FONT></TD></TR>'
            f'<TR><TD CELLPADDING="3">{"<BR/>".join(rows)}</TD></TR></TABLE>>')


def to_dot(amap: ArgumentMap, nodes: Iterable[str] | None = None, *, direction: str = "auto",
           ids: bool = False, status: dict[str, tuple[str, float]] | None = None,
           legend: bool = True, eval_note: str | None = None, themes: str = "bands",
           stubs: Iterable[Stub] = (), wrap: int = WRAP,
           layout: dict[str, str] | None = None, title: str | None = None,
           links: bool = False, fast: bool = False) -> str:
    """DOT source for the map (or the part ``nodes``, see :func:`argmap.queries.subset`).

    ``status`` maps node ids to an evaluation result ``(label, strength)``: each box then
    shows ``✔ IN: stands · strength 0.61`` and is styled by its label (fill and border
    pattern, legible in greyscale: solid for IN, dashed for OUT, dotted for UNDEC); the legend
    names both measures, and ``eval_note`` (e.g. that DF-QuAD did not converge) is added to it.
    ``themes`` shows themes as a coloured, named tab on each box (``bands``, the default), as
    clusters (``clusters``) or not at all (``none``). ``stubs`` stand for branches drawn
    elsewhere; ``wrap`` is the claim text's width in characters; ``layout`` adds graph
    attributes (rank separation, size, ...); ``title`` replaces the map's title. With
    ``links``, each claim's box links to ``#claim-<id>`` (its entry in a brief) and its SVG
    group has the id ``map-<id>``, so a page can link back to it. With ``fast``, the fast
    layout (see :func:`dot_of`).

    >>> from argmap import loads
    >>> m = loads('claims: {a: "Say \\\\"hi\\\\" <b>&", b: B.}\\narguments: [{attacks: a, premises: [b]}]')
    >>> dot = to_dot(m)
    >>> "&lt;b&gt;&amp;" in dot and 'style="dashed"' in dot
    True
    """
    if direction not in DIRECTIONS:
        raise ExportError(f"unknown direction {direction!r}; use one of {', '.join(DIRECTIONS)}")
    if themes not in THEME_MODES:
        raise ExportError(f"unknown theme style {themes!r}; use one of {', '.join(THEME_MODES)}")
    keep = set(amap.graph) if nodes is None else set(nodes)
    if direction == "auto":
        direction = choose_direction(amap, keep)
    v = view(amap, keep, ids=ids, status=status, eval_note=eval_note, stubs=stubs)
    if title is not None:
        v.title = title
    return dot_of(v, direction=direction, themes=themes, legend=legend, wrap=wrap,
                  layout=layout, links=links, fast=fast)


def dot_of(v: MapView, *, direction: str = "BT", themes: str = "bands", legend: bool = True,
           wrap: int = WRAP, layout: dict[str, str] | None = None, links: bool = False,
           fast: bool = False) -> str:
    """DOT source that draws the view ``v`` (see :func:`argmap.render.view.view`).

    With ``fast``, every node's position is in the source (:mod:`argmap.render.tidy`: the
    map's tree, laid out in linear time) and Graphviz only draws it (``layout=nop2``), with
    straight edges; themes shown as clusters are shown as bands instead.

    The ``graphviz`` package holds the document (a ``graphviz.Digraph`` whose ``body`` gets
    the statements, and whose ``source`` is the DOT); the statements are quoted here, because
    the package's quoting of every name and value was most of the time of a big map's DOT
    (10,000 claims: 4 s of 7).
    """
    out = _Dot()
    lines = _memo(wrap_lines) if fast else wrap_lines
    title = _esc(v.title or "")
    graph = {"rankdir": direction, "newrank": "true", "fontname": theme.FONT, "nodesep": "0.25",
             "ranksep": "0.45", "pad": "0.3", "bgcolor": "white", "compound": "true"}
    at: dict[str, tuple[float, float]] = {}
    tree: set[tuple[str, str]] = set()
    if fast:
        from .tidy import place

        themes = "bands" if themes == "clusters" else themes
        at, tree = place(v, direction, wrap, themes, lines)
        graph.update(layout="nop2", splines="line", outputorder="edgesfirst")
        del graph["newrank"], graph["compound"]
    graph.update(layout or {})
    out.attrs("graph", graph)
    if title:
        out.attrs("graph", {"label": f'<<FONT POINT-SIZE="20"><B>{title}</B></FONT>>',
                            "labelloc": "t", "labeljust": "c"})
    out.attrs("node", {"fontname": theme.FONT, "shape": "box", "style": "rounded,filled",
                       "margin": "0.12,0.06", "fillcolor": theme.CLAIM["fill"],
                       "color": theme.CLAIM["border"], "fontcolor": theme.CLAIM["font"],
                       "penwidth": "1.2"})
    out.attrs("edge", {"fontname": theme.FONT, "penwidth": "1.6", "arrowsize": "0.8"})
    out.at = {_nid(k): xy for k, xy in at.items()}
    if at:  # the legend at the top left, beside the drawing
        left, top = min(x for x, _ in at.values()), max(y for _, y in at.values())
        out.at["legend"] = (left - 200, top - 80)
    palette = v.colours

    def claim_node(n: ViewNode) -> None:
        band = (v.themes[n.theme], palette[n.theme]) if themes == "bands" and n.theme else None
        attrs = {"label": _claim_label(n, band, wrap, lines)}
        if n.look == "thesis":
            attrs.update(fillcolor=theme.THESIS["fill"], color=theme.THESIS["border"],
                         fontcolor=theme.THESIS["font"], penwidth="2.5")
        elif n.look == "analyst":  # the analyst's own claim, which no source states
            attrs.update(fillcolor=theme.ANALYST["fill"], color=theme.ANALYST["border"],
                         fontcolor=theme.ANALYST["font"],
                         style=f"rounded,filled,{theme.ANALYST['style']}")
        elif n.look == "given":
            attrs.update(fillcolor=theme.GIVEN["fill"])
        if n.status is not None:
            look = theme.LABELS[n.status[0]]
            attrs.update(style=f"rounded,filled,{look['style']}", penwidth="2")
            if n.look != "thesis":
                attrs.update(fillcolor=look["fill"], color=look["border"])
        if links:  # the id is a slug: nothing in it needs escaping in a URL fragment
            # Graphviz keeps an & that starts an entity as it is: "&amp;" must stay "&amp;";
            # a tooltip is an escString (\N is the node's name): its backslashes are doubled
            tip = n.text.replace("&", "&amp;").replace("\\", "\\\\")
            attrs.update(href=f"#claim-{n.id}", id=f"map-{n.id}", tooltip=tip)
        out.node(_nid(n.id), attrs)

    def other_node(n: ViewNode) -> None:
        look = theme.RELATIONS.get(n.look, theme.RELATIONS["support"])
        if n.kind == "junction":  # linked premises meet here
            out.node(_nid(n.id), {"label": "", "shape": "point", "width": "0.09",
                                  "height": "0.09", "style": "filled",
                                  "fillcolor": look["color"], "color": look["color"]})
        elif n.kind == "stub":
            border = look["color"] if n.look in theme.RELATIONS else theme.STUB["border"]
            out.node(_nid(n.id), {"label": f'<<FONT POINT-SIZE="9"><I>{_wrap(n.text, 34, lines)}</I>'
                                           '</FONT>>', "shape": "box",
                                  "style": "rounded,filled,dashed", "fillcolor": theme.STUB["fill"],
                                  "color": border, "fontcolor": theme.STUB["font"],
                                  "margin": "0.08,0.04", "penwidth": "1"})
        else:
            rows = [f'<FONT POINT-SIZE="9"><I>{_wrap(t, 24, lines)}</I></FONT>'
                    for t in (n.text, f"({n.scheme})" if n.scheme else "") if t]
            if n.status is not None:
                rows.append(_badge(*n.status))
            if rows:
                out.node(_nid(n.id), {"label": "<" + "<BR/>".join(rows) + ">", "shape": "box",
                                      "style": "rounded,filled", "fillcolor": theme.ARGUMENT["fill"],
                                      "color": look["color"], "fontcolor": theme.ARGUMENT["font"],
                                      "margin": "0.06,0.03", "penwidth": "1.2"})
            else:  # only aimed at: a small circle that undercuts and backings can reach
                out.node(_nid(n.id), {"label": "", "shape": "circle", "width": "0.14",
                                      "height": "0.14", "style": "filled",
                                      "fillcolor": look["color"], "color": look["color"]})

    # clusters on request: each theme's claims, and every argument node made only of them
    home: dict[str, str | None] = {}
    if themes == "clusters":
        premises_of: dict[str, set[str | None]] = {}
        for e in v.edges:
            if not e.arrow:
                premises_of.setdefault(e.target, set()).add(v.nodes[e.source].theme)
        for n in v.nodes.values():
            if n.kind == "claim":
                home[n.id] = n.theme
            else:
                owners = premises_of.get(n.id, {None})
                home[n.id] = next(iter(owners)) if len(owners) == 1 else None
    for n in v.nodes.values():
        if home.get(n.id) is None:
            (claim_node if n.kind == "claim" else other_node)(n)
    for t in v.themes if themes == "clusters" else ():
        out.open(f"subgraph {_quote(f'cluster_{_nid(t)}')}")
        out.attrs("graph", {"label": f"<<B>{_esc(v.themes[t])}</B>>", "style": "rounded,filled",
                            "fillcolor": theme.CLUSTER["fill"], "color": theme.CLUSTER["border"],
                            "fontcolor": theme.CLUSTER["font"], "fontsize": "13",
                            "labeljust": "l", "margin": "12",
                            "labelloc": "b" if direction == "BT" else "t"})  # BT flips top and bottom
        for n in v.nodes.values():
            if home.get(n.id) == t:
                (claim_node if n.kind == "claim" else other_node)(n)
        out.close()

    # no ports: edges fixed to one side of a box meet at one point and then run along the
    # boxes' tops (measured: more crossings and longer edges than dot's own clipping)
    for e in v.edges:
        look = theme.RELATIONS[e.kind]
        attrs = {"color": look["color"], "style": look["style"]}
        if v.nodes[e.source].kind == "stub" and not e.arrow:  # a branch continued elsewhere
            attrs.update(color=theme.STUB["border"], style="dotted")
        if not e.arrow:
            attrs["arrowhead"] = "none"
        else:
            attrs["arrowhead"] = look["arrowhead"]
            if v.nodes.get(e.source) is not None and v.nodes[e.source].kind != "claim":
                attrs["penwidth"] = "2" if e.kind != "support" else "1.6"
        if fast and (e.source, e.target) not in tree:  # a second use, across the tree: faint
            attrs.update(color=attrs["color"] + FAINT, penwidth="0.8")
        out.edge(_nid(e.source), _nid(e.target), attrs)
    if legend and (v.relations or v.labels):
        _legend(out, v.relations, v.labels, v.eval_note, analyst=v.analyst,
                themes=[(v.themes[t], palette[t]) for t in v.themes] if themes == "bands"
                else [], faint=any((e.source, e.target) not in tree for e in v.edges) if fast
                else False)
    return out.source()


class _Dot:
    """DOT source being written: statements, one a line, inside ``digraph argmap { }``.

    Every name and value is quoted (see :func:`_quote`) except HTML-like labels, which are
    built of escaped text and written as they are.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1
        self.at: dict[str, tuple[float, float]] = {}  # node name -> position, when given

    def attrs(self, kind: str, attrs: dict[str, str]) -> None:
        """Defaults for the graph (or the open subgraph), its nodes or its edges."""
        self.lines.append("\t" * self.depth + f"{kind} [{_attr_list(attrs)}]")

    def node(self, name: str, attrs: dict[str, str]) -> None:
        if self.at:
            x, y = self.at[name]
            attrs["pos"] = f"{x:.1f},{y:.1f}!"
        self.lines.append("\t" * self.depth + f"{_quote(name)} [{_attr_list(attrs)}]")

    def edge(self, tail: str, head: str, attrs: dict[str, str]) -> None:
        self.lines.append("\t" * self.depth + f"{_quote(tail)} -> {_quote(head)} "
                          f"[{_attr_list(attrs)}]")

    def open(self, head: str) -> None:
        self.lines.append("\t" * self.depth + head + " {")
        self.depth += 1

    def close(self) -> None:
        self.depth -= 1
        self.lines.append("\t" * self.depth + "}")

    def source(self) -> str:
        """The DOT document, through ``graphviz.Digraph``: ``digraph argmap { ... }``."""
        import graphviz

        document = graphviz.Digraph("argmap")
        document.body.extend(line + "\n" for line in self.lines)
        return document.source


def _quote(value: str) -> str:
    r"""A DOT double-quoted string of ``value``: backslashes and quotes escaped.

    >>> print(_quote('say "hi"'), _quote("back\\"), _quote("n_a-b"))
    "say \"hi\"" "back\\" "n_a-b"
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attr_list(attrs: dict[str, str]) -> str:
    """``key="value" ...``: an HTML-like label (``<...>``) as it is, every other value quoted.

    >>> print(_attr_list({"label": "<<B>x</B>>", "color": "#fff", "tooltip": "<b>"}))
    label=<<B>x</B>> color="#fff" tooltip="<b>"
    """
    return " ".join(f"{k}={v}" if k == "label" and v.startswith("<") else f"{k}={_quote(v)}"
                    for k, v in attrs.items())


def _legend(dot: _Dot, keys: list[str], label_keys: Iterable[str] = (),
            eval_note: str | None = None, analyst: bool = False,
            themes: list[tuple[str, str]] | None = None, faint: bool = False) -> None:
    """One small table node: a line sample in each relation's colour and dash pattern, and a
    sample box for each evaluation label shown, with the two measures explained."""
    words = {"support": "supports", "attack": "objects to", "undercut": "undercuts (denies "
             "the inference)"}
    samples = {"support": "━━━━▶", "attack": "╍╍╍╍┫", "undercut": "┈┈┈┈┫"}
    rows = "".join(
        f'<TR><TD ALIGN="LEFT"><FONT COLOR="{theme.RELATIONS[k]["color"]}">{samples[k]}</FONT>'
        f'</TD><TD ALIGN="LEFT">{_esc(words[k])}</TD></TR>' for k in keys)
    rows += "".join(
        f'<TR><TD BGCOLOR="{theme.LABELS[k]["fill"]}" BORDER="1" COLOR="{theme.LABELS[k]["border"]}"'
        f' STYLE="{"DASHED" if k == "OUT" else "DOTTED" if k == "UNDEC" else "SOLID"}">'
        f'{theme.LABELS[k]["mark"]} {k}</TD><TD ALIGN="LEFT">{theme.LABELS[k]["word"]}</TD></TR>'
        for k in label_keys)
    if analyst:
        look = theme.ANALYST
        rows += (f'<TR><TD BGCOLOR="{look["fill"]}" BORDER="1" COLOR="{look["border"]}" '
                 f'STYLE="DASHED"><FONT COLOR="{look["font"]}">{look["word"]}</FONT></TD>'
                 '<TD ALIGN="LEFT">the analyst\'s own claim (no source states it)</TD></TR>')
    if faint:  # the fast layout's edges across its tree
        rows += (f'<TR><TD ALIGN="LEFT"><FONT COLOR="{theme.RELATIONS["support"]["color"]}{FAINT}">'
                 f'{samples["support"]}</FONT></TD><TD ALIGN="LEFT">the same, from a claim '
                 'drawn in another branch</TD></TR>')
    rows += "".join(
        f'<TR><TD BGCOLOR="{fill}"><FONT POINT-SIZE="9" COLOR="{theme.BAND_FONT}">theme</FONT>'
        f'</TD><TD ALIGN="LEFT">{_esc(label)}</TD></TR>' for label, fill in themes or ())
    if label_keys:
        from .evaluation import LABEL_NOTE, STRENGTH_NOTE

        notes = [LABEL_NOTE, STRENGTH_NOTE] + ([eval_note] if eval_note else [])
        rows += "".join(
            '<TR><TD COLSPAN="2" ALIGN="LEFT">'
            + '<BR ALIGN="LEFT"/>'.join(_esc(line) for line in textwrap.wrap(n, 48))
            + '<BR ALIGN="LEFT"/></TD></TR>' for n in notes)
    table = ('<<TABLE BORDER="1" COLOR="#b0bec5" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" '
             'STYLE="ROUNDED"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>'
             f'{rows}</TABLE>>')
    dot.node("legend", {"label": table, "shape": "plaintext", "style": "", "fontsize": "9",
                        "fontcolor": "#37474f", "margin": "0"})


def portable_svg(svg: bytes) -> bytes:
    """The SVG with every font named by the fallback stack :data:`theme.SVG_FONTS`, so that a
    viewer without the font the boxes were measured with picks one no wider.

    >>> print(portable_svg(b'<text font-family="DejaVu Sans,sans-Serif">a</text>').decode())
    <text font-family="'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, Helvetica, sans-serif">a</text>
    """
    import re

    stack = theme.SVG_FONTS.encode()
    return re.sub(rb'font-family="[^"]*"', b'font-family="' + stack + b'"', svg)


def _nid(ident: str) -> str:
    """A DOT node name for an id (quoted by ``_quote``). A ``:`` would make
    Graphviz read ``node:port`` in an edge, so it is written ``%3A`` (ids never hold ``%``).

    >>> _nid("ns:reason")
    'n_ns%3Areason'
    """
    return "n_" + ident.replace(":", "%3A")


def node_link(amap: ArgumentMap, nodes: Iterable[str] | None = None) -> dict[str, Any]:
    """A JSON-ready node-link form of the graph (documented in docs/format.md)."""
    g = amap.graph
    keep = set(g) if nodes is None else set(nodes)
    out_nodes = []
    for n, attrs in g.nodes(data=True):
        if n not in keep:
            continue
        d: dict[str, Any] = {"id": n}
        for k, v in attrs.items():
            if k == "pos":
                if v is not None:
                    d["line"], d["col"] = v.line, v.col
            elif v is not None and v != () and not (k == "given" and v is False):
                d[k] = list(v) if isinstance(v, tuple) else v
        out_nodes.append(d)
    links = [{"source": u, "target": v, "role": r} for u, v, r in g.edges(data="role")
             if u in keep and v in keep]
    return {"directed": True, "title": amap.title, "source": dict(amap.source),
            "thesis": amap.thesis, "themes": dict(amap.themes), "nodes": out_nodes,
            "links": links}

