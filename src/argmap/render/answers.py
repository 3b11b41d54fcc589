"""Rich renderables for the answers of the query commands (list, why, objections, unanswered,
unsupported, path, stats). Functions return objects; the CLI prints them. User text is always
:class:`rich.text.Text`, never markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..model import ArgumentMap
from . import theme
from .fast import FastTree as Tree
from .fast import Indented

__all__ = ["node_table", "node_lines", "why_tree", "objection_list", "unsupported_table",
           "unsupported_lines", "chain_list", "stats_view"]

OPEN = ("OPEN", "bold red")
ANSWERED = ("answered", "green")


def _table(*columns: tuple[str, dict[str, Any]]) -> Table:
    t = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", expand=False)
    for name, opts in columns:
        t.add_column(name, overflow="fold", **opts)
    return t


def _said(amap: ArgumentMap, cid: str) -> Text:
    """A claim as a line: its text, then its id dimmed (an argument: its title, or its parts)."""
    attrs = amap.graph.nodes[cid]
    if attrs["kind"] == "argument":
        out = Text("the argument ", style=theme.META_RICH)
        out.append(attrs.get("title") or (" + ".join(attrs["premises"]) + " → " + attrs["target"]))
    else:
        out = Text(attrs["text"])
    out.append(f"  {cid}", style=theme.ID_RICH)
    return out


def node_table(rows: list[dict[str, Any]], width: int = 80) -> Table | Group | Text:
    """``argmap list``: one row per claim or argument, for a terminal ``width`` columns wide.

    Ids are never cut: they are what the user types next. When the longest id leaves too little
    room for the text, each row is drawn as an id line with its text indented below it.
    """
    if not rows:
        return Text("No claims or arguments match.", style=theme.META_RICH)
    longest = max(len(r["id"]) for r in rows)
    themes = max((len(r.get("theme") or "") for r in rows), default=0)
    if longest + themes + 40 > width:
        return Group(*(_stacked_row(r) for r in rows))
    t = _table(("id", {"style": theme.ID_RICH, "no_wrap": True, "min_width": longest}),
               ("role", {"max_width": 14}),
               ("theme", {"no_wrap": True, "min_width": min(themes, 12)}),
               ("¶", {"justify": "right"}), ("text", {"ratio": 1, "min_width": 20}))
    for r in rows:
        t.add_row(r["id"], _roles(r), r.get("theme") or "", str(r.get("para") or ""), _row_text(r))
    return t


def _roles(r: dict[str, Any]) -> str:
    return ", ".join(r["roles"]) or ("argument" if r["kind"] == "argument" else "")


def _row_text(r: dict[str, Any]) -> Text:
    text = Text(r["text"])
    if r["kind"] == "argument":
        key = theme.relation_key(r["relation"], "undercut" in r["roles"])
        style = theme.RELATIONS[key]
        text = Text(style["marker"] + " ", style=style["rich"]) + text
        text.append(f" → {r['target']}", style=theme.META_RICH)
    return text


def _stacked_row(r: dict[str, Any]) -> Group:
    # wrapped at spaces only, so an id is cut only when it is wider than the terminal itself
    head = Text(r["id"], style=theme.ID_RICH)
    bits = [b for b in (_roles(r), r.get("theme"), f"¶{r['para']}" if r.get("para") else "") if b]
    if bits:
        head.append("  " + " · ".join(bits), style=theme.META_RICH)
    return Group(head, _indented(_row_text(r)))


def node_lines(rows: list[dict[str, Any]]) -> list[str]:
    """``argmap list`` for a pipe: one tab-separated row per line (id, roles, theme, ¶, text,
    and for an argument its relation and target), so ``grep`` and ``cut`` see whole rows."""
    out = []
    for r in rows:
        cells = [r["id"], _roles(r), r.get("theme") or "", str(r.get("para") or ""), r["text"]]
        if r["kind"] == "argument":
            cells += [r["relation"], r["target"]]
        out.append("\t".join(_cell(c) for c in cells))
    return out


def _cell(value: str) -> str:
    """A value safe inside one tab-separated cell: no tabs, no line breaks."""
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def _status(answered: bool) -> Text:
    word, style = ANSWERED if answered else OPEN
    return Text(f"[{word}]", style=style)


def _attack_line(amap: ArgumentMap, key: str, attack: dict[str, Any]) -> Text:
    """``− objection ob [answered]: premise texts`` (or ``⊘ undercut ...``)."""
    r = theme.RELATIONS[key]
    line = Text(f"{r['marker']} {r['word']} ", style=r["rich"])
    line.append(attack["id"], style=theme.ID_RICH)
    line.append(" ")
    line.append_text(_status(attack["answered"]))
    line.append(": " + "; ".join(amap.text(p) for p in attack["premises"]))
    return line


def why_tree(amap: ArgumentMap, tree: dict[str, Any], width: int = 80) -> Group:
    """``argmap why``: the lines of support under a claim, objections met along the way.

    As in ``show``, a branch that would nest so deep that too little of a ``width``-column
    terminal is left for its text continues below as a tree of its own ("▸ continued").
    """
    def label(node: dict[str, Any]) -> Text:
        if node.get("ref"):
            return Text(f"↑ {node['id']} (shown above)", style=theme.ID_RICH)
        return _said(amap, node["id"])

    if tree.get("kind") == "argument":
        key = theme.relation_key(tree["relation"], amap.is_argument(tree["target"]))
        r = theme.RELATIONS[key]
        head = Text(f"{r['marker']} {r['word']}: ", style="bold " + r["rich"])
        head.append(tree["text"], style="bold")
        head.append(f"  {tree['id']}", style=theme.ID_RICH)
        target = tree["target"]
        what = amap.text(target) if amap.is_claim(target) else (
            amap.graph.nodes[target].get("title") or target)
        head.append("\n" + ("for: " if tree["relation"] == "support" else "against: "),
                    style=theme.META_RICH)
        head.append(what)
        head.append(f"  {target}", style=theme.ID_RICH)
        top = Tree(head, guide_style="bright_black")
    else:
        top = Tree(label(tree), guide_style="bright_black")
    max_level = max(2, (width - 36) // 4)
    trees: list[Any] = [top]
    stack: list[tuple[Tree, dict[str, Any], int]] = [(top, tree, 0)]
    while stack:
        branch, node, level = stack.pop()
        if node.get("ref"):
            continue
        if level >= max_level and (node.get("arguments") or node.get("objections")):
            branch.add(Text(f"▸ continued below, from {node['id']}", style=theme.META_RICH))
            more = Tree(label(node), guide_style="bright_black")
            trees += [Text(f"▸ continued from {node['id']}", style=theme.META_RICH), more]
            stack.append((more, node, 0))
            continue
        for o in node.get("objections", []):
            branch.add(_attack_line(amap, "attack", o))
        if node.get("hidden"):
            branch.add(Text(f"… {node['hidden']} more (raise --depth)", style=theme.META_RICH))
        for arg in node.get("arguments", []):
            head = Text(theme.RELATIONS["support"]["marker"] + " ",
                        style="bold " + theme.RELATIONS["support"]["rich"])
            if arg.get("own"):  # an argument's own premises
                sub = branch.add(Text("because" + (" (linked: all of)" if arg["linked"] else ""),
                                      style="bold"))
                for u in arg["undercuts"]:
                    sub.add(_attack_line(amap, "undercut", u))
                for p in arg["premises"]:
                    stack.append((sub.add(label(p)), p, level + 2))
            elif arg["linked"] or arg.get("title") or arg["undercuts"]:
                head.append("reason" + (" (linked: all of)" if arg["linked"] else ""),
                            style=theme.RELATIONS["support"]["rich"])
                if arg.get("title"):
                    head.append(": " + arg["title"], style="bold")
                sub = branch.add(head)
                for u in arg["undercuts"]:
                    sub.add(_attack_line(amap, "undercut", u))
                for p in arg["premises"]:
                    stack.append((sub.add(label(p)), p, level + 2))
            else:
                (p,) = arg["premises"]
                stack.append((branch.add(head + label(p)), p, level + 1))
    return Group(*trees)


def objection_list(amap: ArgumentMap, items: list[dict[str, Any]], empty: str) -> Group | Text:
    """``argmap objections`` and ``argmap unanswered``: each attack with its premises."""
    if not items:
        return Text(empty, style="green")
    parts: list[Any] = []
    for o in items:
        key = "undercut" if o["kind"] == "undercut" else "attack"
        style = theme.RELATIONS[key]
        head = Text(style["marker"] + " ", style="bold " + style["rich"])
        head.append(o["kind"], style=style["rich"])
        head.append(" ")
        head.append(o["id"], style=theme.ID_RICH)
        if o.get("title"):
            head.append(f" ({o['title']})", style="bold")
        if "answered" in o:
            head.append(" ")
            head.append_text(_status(o["answered"]))
        parts.append(head)
        target = o["target"]
        what = amap.text(target) if amap.is_claim(target) else (
            amap.graph.nodes[target].get("title") or target)
        parts.append(_indented(Text("against: ", style=theme.META_RICH) + Text(what)
                               + Text(f"  {target}", style=theme.ID_RICH)))
        for p in o["premises"]:
            parts.append(_indented(Text("because: ", style=theme.META_RICH) + _said(amap, p)))
        if o.get("answered_by"):
            parts.append(_indented(Text("answered by: " + ", ".join(o["answered_by"]),
                                        style=theme.META_RICH)))
    return Group(*parts)


def _indented(text: Text, by: int = 4) -> Indented:
    """A line whose wrapped continuation stays indented under its start."""
    return Indented(text, by)


def unsupported_table(rows: list[dict[str, Any]]) -> Group | Text:
    """``argmap unsupported``: premises taken on faith. Ids are never cut: each row is the
    claim's id, its text below it, and the arguments it is used in."""
    if not rows:
        return Text("Every premise is supported or quoted from the source.", style="green")
    parts: list[Any] = []
    for r in rows:
        head = Text(r["id"], style=theme.ID_RICH)
        if r.get("given"):
            head.append("  (given)", style=theme.META_RICH)
        parts.append(head)
        parts.append(_indented(Text(r["text"])))
        used = Text("used in: ", style=theme.META_RICH)
        used.append(", ".join(r["used_in"]), style=theme.ID_RICH)  # wrapped at ", " only
        parts.append(_indented(used))
    return Group(*parts)


def unsupported_lines(rows: list[dict[str, Any]]) -> list[str]:
    """``argmap unsupported`` for a pipe: id, text, given, the arguments it is used in."""
    return ["\t".join(_cell(c) for c in (r["id"], r["text"], "given" if r.get("given") else "",
                                         ", ".join(r["used_in"])))
            for r in rows]


def chain_list(amap: ArgumentMap, chains: list[dict[str, Any]], source: str,
               target: str) -> Group | Text:
    """``argmap path``: each chain from a premise to a claim, with its net effect."""
    if not chains:
        return Text(f"{source} does not bear on {target}: no chain of arguments joins them.",
                    style=theme.META_RICH)
    from ..queries import roles

    role_of = roles(amap)  # an attack is an objection or a reply, by the side it is on
    parts: list[Any] = []
    for i, chain in enumerate(chains, 1):
        effect = chain["effect"]
        style = theme.RELATIONS["support" if effect == "supports" else "attack"]
        head = Text(f"{i}. ", style="bold")
        head.append(f"{source} {effect} {target}", style="bold " + style["rich"])
        if len(chain["relations"]) > 1:
            head.append(f"  ({len(chain['relations'])} steps)", style=theme.META_RICH)
        parts.append(head)
        if amap.is_claim(source):  # an argument is named by its own step below
            parts.append(_indented(_said(amap, source), 3))
        for n, step in enumerate(chain["steps"], 1):
            target = step["target"]
            key = theme.relation_key(step["relation"], amap.is_argument(target))
            r = theme.RELATIONS[key]
            word = role_of[step["argument"]][0] if key == "attack" else r["word"]
            arrow = Text(f"{r['marker']} {word}", style=r["rich"])
            attrs = amap.graph.nodes[step["argument"]]
            if attrs.get("title"):
                arrow.append(f": {attrs['title']}", style="bold")
            if not attrs.get("auto_id"):
                arrow.append(f"  {step['argument']}", style=theme.ID_RICH)
            parts.append(_indented(arrow, 5))
            if amap.is_claim(target):
                parts.append(_indented(_said(amap, target), 3))
            elif n < len(chain["steps"]):
                continue  # the next step is that argument itself: its line names it
            else:
                what = Text("the argument ", style=theme.META_RICH)
                what.append(amap.graph.nodes[target].get("title") or "", style="bold")
                what.append(f"  {target}", style=theme.ID_RICH)
                parts.append(_indented(what, 3))
    return Group(*parts)


def stats_view(s: dict[str, Any]) -> Group:
    """``argmap stats``: the numbers that describe a map."""
    head = _table(("", {"style": "bold"}), ("", {"justify": "right"}))
    head.show_header = False
    for name, key in [("claims", "claims"), ("arguments", "arguments"), ("  supports", "supports"),
                      ("  attacks", "attacks"), ("  linked (2+ premises)", "linked"),
                      ("  undercuts", "undercuts"), ("given claims", "given"),
                      ("deepest chain (levels)", "depth")]:
        head.add_row(name, str(s[key]))
    if s.get("verified_share") is not None:
        head.add_row("claims with a verified quote", f"{100 * s['verified_share']:.0f}%")
    else:
        head.add_row("claims with a quote (not verified)", f"{100 * s['quoted_share']:.0f}%")
    roles = _table(("role", {"style": "bold"}), ("claims", {"justify": "right"}))
    for r, n in s["by_role"].items():
        roles.add_row(r, str(n))
    themes = _table(("theme", {"style": "bold"}), ("claims", {"justify": "right"}))
    for t, n in s["by_theme"].items():
        themes.add_row(t, str(n))
    used = _table(("most-used premise", {"style": theme.ID_RICH}), ("uses", {"justify": "right"}))
    for u in s["most_used"]:
        used.add_row(u["id"], str(u["uses"]))
    title = Text(s.get("title") or "(untitled map)", style="bold")
    return Group(title, Text(), head, Text(), roles, Text(), themes, Text(), used)
