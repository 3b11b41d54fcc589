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
from collections.abc import Iterable
from typing import Any

from ..errors import ExportError
from ..model import ArgumentMap
from . import theme

__all__ = ["to_dot", "node_link", "FORMATS", "DIRECTIONS"]

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


def _wrap(text: str, width: int = WRAP) -> str:
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]
    return '<BR ALIGN="CENTER"/>'.join(_esc(line) for line in lines)


def _claim_label(a: dict[str, Any], cid: str, amap: ArgumentMap, is_thesis: bool, ids: bool,
                 extra: str | None) -> str:
    meta = []
    if a.get("para") is not None:
        meta.append(f"¶{a['para']}")
    if a.get("given"):
        meta.append("given")
    if a.get("by") == "analyst":
        meta.append(theme.ANALYST["word"])
    if ids:
        meta.append(cid)
    colour = theme.THESIS["font"] if is_thesis else "#607d8b"
    size = 14 if is_thesis else 11
    text = _wrap(a["text"], 30 if is_thesis else WRAP)
    body = f'<FONT POINT-SIZE="{size}">{"<B>" + text + "</B>" if is_thesis else text}</FONT>'
    rows = [body]
    if meta:
        rows.append(f'<FONT POINT-SIZE="8" COLOR="{colour}">{_esc(" · ".join(meta))}</FONT>')
    if extra:
        rows.append(extra)
    return "<" + "<BR/>".join(rows) + ">"


def _structural(amap: ArgumentMap, arg: str, nodes: set[str]) -> bool:
    """Whether an argument needs a node of its own in the diagram."""
    a = amap.graph.nodes[arg]
    shown_premises = [p for p in a["premises"] if p in nodes]
    aimed_at = any(src in nodes for src in amap.graph.pred[arg] if src not in a["premises"])
    return len(shown_premises) > 1 or bool(a.get("title")) or aimed_at


def to_dot(amap: ArgumentMap, nodes: Iterable[str] | None = None, *, direction: str = "auto",
           ids: bool = False, status: dict[str, tuple[str, float]] | None = None,
           legend: bool = True, eval_note: str | None = None) -> str:
    """DOT source for the map (or the part ``nodes``, see :func:`argmap.queries.subset`).

    ``status`` maps node ids to an evaluation result ``(label, strength)``: each box then
    shows ``✔ IN: stands · strength 0.61`` and is styled by its label (fill and border
    pattern, legible in greyscale: solid for IN, dashed for OUT, dotted for UNDEC); the legend
    names both measures, and ``eval_note`` (e.g. that DF-QuAD did not converge) is added to it.

    >>> from argmap import loads
    >>> m = loads('claims: {a: "Say \\\\"hi\\\\" <b>&", b: B.}\\narguments: [{attacks: a, premises: [b]}]')
    >>> dot = to_dot(m)
    >>> "&lt;b&gt;&amp;" in dot and "style=dashed" in dot
    True
    """
    import graphviz

    if direction not in DIRECTIONS:
        raise ExportError(f"unknown direction {direction!r}; use one of {', '.join(DIRECTIONS)}")
    g = amap.graph
    keep = set(g) if nodes is None else set(nodes)
    status = status or {}
    labels = {n: _badge(*v) for n, v in status.items()}
    if direction == "auto":
        direction = choose_direction(amap, keep)
    dot = graphviz.Digraph("argmap", strict=False)
    title = _esc(amap.title or "")
    dot.attr(rankdir=direction, newrank="true", fontname=theme.FONT, nodesep="0.25",
             ranksep="0.45", pad="0.3", bgcolor="white", compound="true")
    if title:
        dot.attr(label=f'<<FONT POINT-SIZE="20"><B>{title}</B></FONT>>', labelloc="t",
                 labeljust="c")
    dot.attr("node", fontname=theme.FONT, shape="box", style="rounded,filled", margin="0.12,0.06",
             fillcolor=theme.CLAIM["fill"], color=theme.CLAIM["border"],
             fontcolor=theme.CLAIM["font"], penwidth="1.2")
    dot.attr("edge", fontname=theme.FONT, penwidth="1.6", arrowsize="0.8")

    claims = [c for c in g if c in keep and g.nodes[c]["kind"] == "claim"]
    args = [a for a in g if a in keep and g.nodes[a]["kind"] == "argument"
            and g.nodes[a]["target"] in keep
            and any(p in keep for p in g.nodes[a]["premises"])]
    shown_args = set(args)
    by_theme: dict[str | None, list[str]] = {}
    for c in claims:
        by_theme.setdefault(g.nodes[c].get("theme"), []).append(c)

    def claim_node(target: Any, c: str) -> None:
        a = g.nodes[c]
        is_thesis = c == amap.thesis
        attrs = {"label": _claim_label(a, c, amap, is_thesis, ids, labels.get(c))}
        if is_thesis:
            attrs.update(fillcolor=theme.THESIS["fill"], color=theme.THESIS["border"],
                         fontcolor=theme.THESIS["font"], penwidth="2.5")
        elif a.get("by") == "analyst":  # the analyst's own claim, which no source states
            attrs.update(fillcolor=theme.ANALYST["fill"], color=theme.ANALYST["border"],
                         fontcolor=theme.ANALYST["font"],
                         style=f"rounded,filled,{theme.ANALYST['style']}")
        elif a.get("given"):
            attrs.update(fillcolor=theme.GIVEN["fill"])
        if c in status:
            look = theme.LABELS[status[c][0]]
            attrs.update(style=f"rounded,filled,{look['style']}", penwidth="2")
            if not is_thesis:
                attrs.update(fillcolor=look["fill"], color=look["border"])
        target.node(_nid(c), **attrs)

    for th, members in by_theme.items():
        if th is None:
            for c in members:
                claim_node(dot, c)
            continue
        with dot.subgraph(name=f"cluster_{_nid(th)}") as sub:
            sub.attr(label=f'<<B>{_esc(amap.theme_label(th) or th)}</B>>',
                     style="rounded,filled", fillcolor=theme.CLUSTER["fill"],
                     color=theme.CLUSTER["border"], fontcolor=theme.CLUSTER["font"],
                     fontsize="13", labeljust="l", margin="12",
                     labelloc="b" if direction == "BT" else "t")  # BT flips top and bottom
            for c in members:
                claim_node(sub, c)

    shown = shown_args | set(claims)
    structural = {a for a in args if _structural(amap, a, shown)}

    for a in args:
        attrs = g.nodes[a]
        key = theme.relation_key(attrs["relation"], g.nodes[attrs["target"]]["kind"] == "argument")
        style = theme.RELATIONS[key]
        premises = [p for p in attrs["premises"] if p in keep]
        target = attrs["target"]
        line = {"color": style["color"], "style": style["style"]}
        if a in structural:
            text = attrs.get("title") or ("and" if len(premises) > 1 else "")
            if attrs.get("scheme"):
                text = f"{text}\n({attrs['scheme']})" if text else f"({attrs['scheme']})"
            extra = labels.get(a)
            if text or extra:
                lab = "<" + "<BR/>".join(
                    [f'<FONT POINT-SIZE="9"><I>{_wrap(t, 24)}</I></FONT>'
                     for t in text.split("\n") if t] + ([extra] if extra else [])) + ">"
                dot.node(_nid(a), label=lab, shape="box", style="rounded,filled",
                         fillcolor=theme.ARGUMENT["fill"], color=style["color"],
                         fontcolor=theme.ARGUMENT["font"], margin="0.06,0.03", penwidth="1.2")
            else:
                dot.node(_nid(a), label="", shape="circle", width="0.14", height="0.14",
                         style="filled", fillcolor=style["color"], color=style["color"])
            for p in premises:
                dot.edge(_nid(p), _nid(a), arrowhead="none", **line)
            dot.edge(_nid(a), _nid(target), arrowhead=style["arrowhead"], **line,
                     penwidth="2" if key != "support" else "1.6")
        else:
            for p in premises:
                dot.edge(_nid(p), _nid(target), arrowhead=style["arrowhead"], **line)
    if legend and (args or status):
        used = {theme.relation_key(g.nodes[a]["relation"],
                                   g.nodes[g.nodes[a]["target"]]["kind"] == "argument")
                for a in args}
        _legend(dot, [k for k in ("support", "attack", "undercut") if k in used],
                sorted({v[0] for v in status.values()}, key=["IN", "OUT", "UNDEC"].index),
                eval_note, analyst=any(g.nodes[c].get("by") == "analyst" for c in claims))
    return dot.source


def _legend(dot: Any, keys: list[str], label_keys: Iterable[str] = (),
            eval_note: str | None = None, analyst: bool = False) -> None:
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
    dot.node("legend", label=table, shape="plaintext", style="", fontsize="9",
             fontcolor="#37474f", margin="0")


def _nid(ident: str) -> str:
    """A DOT node name for an id (quoting is done by the graphviz package). A ``:`` would make
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

