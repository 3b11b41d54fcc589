"""The answers of the query commands (list, why, objections, unanswered, unsupported, path,
stats): rich renderables for a terminal, plain lines for a pipe or a file. Functions return; the
CLI prints. User text is always :class:`rich.text.Text` (or its plain stand-in), never markup.

Each view is built once, from a kit (see :mod:`argmap.console`): the rich kit by default, or
:data:`~argmap.console.PLAIN`, whose view the ``*_lines`` functions draw one item a line,
without importing rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..console import PLAIN, Kit, long_table, rich_kit
from ..model import ArgumentMap
from . import theme

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["node_table", "node_lines", "why_tree", "why_lines", "objection_list",
           "objection_lines", "unsupported_table", "unsupported_lines", "chain_list",
           "chain_lines", "stats_view", "stats_lines"]

OPEN = ("OPEN", "bold red")
ANSWERED = ("answered", "green")


TABLE: dict[str, Any] = {"box": None, "pad_edge": False, "show_edge": False,
                         "header_style": "bold", "expand": False}


def _table(*columns: tuple[str, dict[str, Any]]) -> Table:
    from rich.table import Table

    t = Table(**TABLE)
    for name, opts in columns:
        t.add_column(name, overflow="fold", **opts)
    return t


def _said(amap: ArgumentMap, cid: str, kit: Kit) -> Any:
    """A claim as a line: its text, then its id dimmed (an argument: its title, or its parts)."""
    attrs = amap.graph._node[cid]
    if attrs["kind"] == "argument":
        out = kit.Text("the argument ", style=theme.META_RICH)
        out.append(attrs.get("title") or (" + ".join(attrs["premises"]) + " → " + attrs["target"]))
    else:
        out = kit.Text(attrs["text"])
    out.append(f"  {cid}", style=theme.ID_RICH)
    return out


def node_table(rows: list[dict[str, Any]], width: int = 80) -> Any:
    """``argmap list``: one row per claim or argument, for a terminal ``width`` columns wide.

    Ids are never cut: they are what the user types next. When the longest id leaves too little
    room for the text, each row is drawn as an id line with its text indented below it.
    """
    kit = rich_kit()
    if not rows:
        return kit.Text("No claims or arguments match.", style=theme.META_RICH)
    longest = max(len(r["id"]) for r in rows)
    themes = max((len(r.get("theme") or "") for r in rows), default=0)
    if longest + themes + 40 > width:
        return kit.Group(*(_stacked_row(r, kit) for r in rows))
    columns: list[tuple[str, dict[str, Any]]] = [
        ("id", {"style": theme.ID_RICH, "no_wrap": True, "min_width": longest}),
        ("role", {"max_width": 14}),
        ("theme", {"no_wrap": True, "min_width": min(themes, 12)}),
        ("¶", {"justify": "right"}), ("text", {"ratio": 1, "min_width": 20})]
    return long_table([(name, {"overflow": "fold", **opts}) for name, opts in columns],
                      [(r["id"], _roles(r), r.get("theme") or "", str(r.get("para") or ""),
                        _row_text(r, kit)) for r in rows], **TABLE)


def _roles(r: dict[str, Any]) -> str:
    return ", ".join(r["roles"]) or ("argument" if r["kind"] == "argument" else "")


def _row_text(r: dict[str, Any], kit: Kit) -> Any:
    text = kit.Text(r["text"])
    if r["kind"] == "argument":
        key = theme.relation_key(r["relation"], "undercut" in r["roles"])
        style = theme.RELATIONS[key]
        text = kit.Text(style["marker"] + " ", style=style["rich"]) + text
        text.append(f" → {r['target']}", style=theme.META_RICH)
    return text


def _stacked_row(r: dict[str, Any], kit: Kit) -> Any:
    # wrapped at spaces only, so an id is cut only when it is wider than the terminal itself
    head = kit.Text(r["id"], style=theme.ID_RICH)
    bits = [b for b in (_roles(r), r.get("theme"), f"¶{r['para']}" if r.get("para") else "") if b]
    if bits:
        head.append("  " + " · ".join(bits), style=theme.META_RICH)
    return kit.Group(head, kit.Indented(_row_text(r, kit), 4))


def node_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    """``argmap list`` for a pipe: one tab-separated row per line (id, roles, theme, ¶, text,
    and for an argument its relation and target), so ``grep`` and ``cut`` see whole rows.

    >>> list(node_lines([{"id": "a", "kind": "claim", "text": "Two\\nlines.", "roles": []}]))
    ['a\\t\\t\\t\\tTwo lines.']
    """
    for r in rows:
        roles = r["roles"]
        line = "\t".join((r["id"], ", ".join(roles) if roles else
                          ("argument" if r["kind"] == "argument" else ""),
                          r.get("theme") or "", str(r.get("para") or ""), r["text"]))
        if r["kind"] == "argument":
            line += "\t" + r["relation"] + "\t" + r["target"]
        if "\n" in line or "\r" in line or line.count("\t") != (6 if r["kind"] == "argument" else 4):
            cells = [r["id"], _roles(r), r.get("theme") or "", str(r.get("para") or ""), r["text"]]
            if r["kind"] == "argument":
                cells += [r["relation"], r["target"]]
            line = "\t".join(_cell(c) for c in cells)
        yield line


def _cell(value: str) -> str:
    """A value safe inside one tab-separated cell: no tabs, no line breaks."""
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def _status(answered: bool, kit: Kit) -> Any:
    word, style = ANSWERED if answered else OPEN
    return kit.Text(f"[{word}]", style=style)


def _attack_line(amap: ArgumentMap, key: str, attack: dict[str, Any], kit: Kit) -> Any:
    """``− objection ob [answered]: premise texts`` (or ``⊘ undercut ...``)."""
    r = theme.RELATIONS[key]
    line = kit.Text(f"{r['marker']} {r['word']} ", style=r["rich"])
    line.append(attack["id"], style=theme.ID_RICH)
    line.append(" ")
    line.append_text(_status(attack["answered"], kit))
    line.append(": " + "; ".join(amap.text(p) for p in attack["premises"]))
    return line


def why_lines(amap: ArgumentMap, tree: dict[str, Any], width: int = 80) -> Iterator[str]:
    """:func:`why_tree` for a pipe: one line per claim, never wrapped."""
    return why_tree(amap, tree, width, kit=PLAIN).lines()


def why_tree(amap: ArgumentMap, tree: dict[str, Any], width: int = 80,
             kit: Kit | None = None) -> Any:
    """``argmap why``: the lines of support under a claim, objections met along the way.

    As in ``show``, a branch that would nest so deep that too little of a ``width``-column
    terminal is left for its text continues below as a tree of its own ("▸ continued").
    """
    kit = kit or rich_kit()
    Text, Tree = kit.Text, kit.Tree

    def label(node: dict[str, Any]) -> Any:
        if node.get("ref"):
            return Text(f"↑ {node['id']} (shown above)", style=theme.ID_RICH)
        return _said(amap, node["id"], kit)

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
    stack: list[tuple[Any, dict[str, Any], int]] = [(top, tree, 0)]
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
            branch.add(_attack_line(amap, "attack", o, kit))
        if node.get("hidden"):
            branch.add(Text(f"… {node['hidden']} more (raise --depth)", style=theme.META_RICH))
        for arg in node.get("arguments", []):
            head = Text(theme.RELATIONS["support"]["marker"] + " ",
                        style="bold " + theme.RELATIONS["support"]["rich"])
            if arg.get("own"):  # an argument's own premises
                sub = branch.add(Text("because" + (" (linked: all of)" if arg["linked"] else ""),
                                      style="bold"))
                for u in arg["undercuts"]:
                    sub.add(_attack_line(amap, "undercut", u, kit))
                for p in arg["premises"]:
                    stack.append((sub.add(label(p)), p, level + 2))
            elif arg["linked"] or arg.get("title") or arg["undercuts"]:
                head.append("reason" + (" (linked: all of)" if arg["linked"] else ""),
                            style=theme.RELATIONS["support"]["rich"])
                if arg.get("title"):
                    head.append(": " + arg["title"], style="bold")
                sub = branch.add(head)
                for u in arg["undercuts"]:
                    sub.add(_attack_line(amap, "undercut", u, kit))
                for p in arg["premises"]:
                    stack.append((sub.add(label(p)), p, level + 2))
            else:
                (p,) = arg["premises"]
                stack.append((branch.add(head + label(p)), p, level + 1))
    return kit.Group(*trees)


def objection_lines(amap: ArgumentMap, items: list[dict[str, Any]], empty: str
                    ) -> Iterator[str]:
    """:func:`objection_list` for a pipe: the same lines, never wrapped."""
    return objection_list(amap, items, empty, kit=PLAIN).lines()


def objection_list(amap: ArgumentMap, items: list[dict[str, Any]], empty: str,
                   kit: Kit | None = None) -> Any:
    """``argmap objections`` and ``argmap unanswered``: each attack with its premises."""
    kit = kit or rich_kit()
    Text, Indented = kit.Text, kit.Indented
    if not items:
        return Text(empty, style="green")
    nodes = amap.graph._node
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
            head.append_text(_status(o["answered"], kit))
        parts.append(head)
        target = o["target"]
        attrs = nodes[target]
        what = (attrs.get("text") or "") if attrs["kind"] == "claim" else (
            attrs.get("title") or target)
        # each line's wrapped continuation stays indented under its start
        parts.append(Indented(Text("against: ", style=theme.META_RICH) + Text(what)
                              + Text(f"  {target}", style=theme.ID_RICH), 4))
        for p in o["premises"]:
            parts.append(Indented(Text("because: ", style=theme.META_RICH)
                                  + _said(amap, p, kit), 4))
        if o.get("answered_by"):
            parts.append(Indented(Text("answered by: " + ", ".join(o["answered_by"]),
                                       style=theme.META_RICH), 4))
    return kit.Group(*parts)


def unsupported_table(rows: list[dict[str, Any]]) -> Any:
    """``argmap unsupported``: premises taken on faith. Ids are never cut: each row is the
    claim's id, its text below it, and the arguments it is used in."""
    kit = rich_kit()
    Text = kit.Text
    if not rows:
        return Text("Every premise is supported or quoted from the source.", style="green")
    parts: list[Any] = []
    for r in rows:
        head = Text(r["id"], style=theme.ID_RICH)
        if r.get("given"):
            head.append("  (given)", style=theme.META_RICH)
        parts.append(head)
        parts.append(kit.Indented(Text(r["text"]), 4))
        used = Text("used in: ", style=theme.META_RICH)
        used.append(", ".join(r["used_in"]), style=theme.ID_RICH)  # wrapped at ", " only
        parts.append(kit.Indented(used, 4))
    return kit.Group(*parts)


def unsupported_lines(rows: list[dict[str, Any]]) -> list[str]:
    """``argmap unsupported`` for a pipe: id, text, given, the arguments it is used in."""
    return ["\t".join(_cell(c) for c in (r["id"], r["text"], "given" if r.get("given") else "",
                                         ", ".join(r["used_in"])))
            for r in rows]


def chain_lines(amap: ArgumentMap, chains: list[dict[str, Any]], source: str,
                target: str) -> Iterator[str]:
    """:func:`chain_list` for a pipe: the same lines, never wrapped."""
    return chain_list(amap, chains, source, target, kit=PLAIN).lines()


def chain_list(amap: ArgumentMap, chains: list[dict[str, Any]], source: str,
               target: str, kit: Kit | None = None) -> Any:
    """``argmap path``: each chain from a premise to a claim, with its net effect."""
    kit = kit or rich_kit()
    Text, Indented = kit.Text, kit.Indented
    if not chains:
        return Text(f"{source} does not bear on {target}: no chain of arguments joins them.",
                    style=theme.META_RICH)
    from ..queries import side_sets

    plus, minus = side_sets(amap)  # an attack is an objection or a reply, by its target's side
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
            parts.append(Indented(_said(amap, source, kit), 3))
        for n, step in enumerate(chain["steps"], 1):
            target = step["target"]
            key = theme.relation_key(step["relation"], amap.is_argument(target))
            r = theme.RELATIONS[key]
            reply = key == "attack" and target in minus and target not in plus
            word = "reply" if reply else r["word"]
            arrow = Text(f"{r['marker']} {word}", style=r["rich"])
            attrs = amap.graph.nodes[step["argument"]]
            if attrs.get("title"):
                arrow.append(f": {attrs['title']}", style="bold")
            if not attrs.get("auto_id"):
                arrow.append(f"  {step['argument']}", style=theme.ID_RICH)
            parts.append(Indented(arrow, 5))
            if amap.is_claim(target):
                parts.append(Indented(_said(amap, target, kit), 3))
            elif n < len(chain["steps"]):
                continue  # the next step is that argument itself: its line names it
            else:
                what = Text("the argument ", style=theme.META_RICH)
                what.append(amap.graph.nodes[target].get("title") or "", style="bold")
                what.append(f"  {target}", style=theme.ID_RICH)
                parts.append(Indented(what, 3))
    return kit.Group(*parts)


def _stats_tables(s: dict[str, Any]) -> list[tuple[tuple[str, str] | None, list[tuple[str, str]]]]:
    """The four tables of ``argmap stats``: (header or None, rows of (name, number))."""
    head = [(name, str(s[key])) for name, key in [
        ("claims", "claims"), ("arguments", "arguments"), ("  supports", "supports"),
        ("  attacks", "attacks"), ("  linked (2+ premises)", "linked"),
        ("  undercuts", "undercuts"), ("given claims", "given"),
        ("deepest chain (levels)", "depth")]]
    if s.get("verified_share") is not None:
        head.append(("claims with a verified quote", f"{100 * s['verified_share']:.0f}%"))
    else:
        head.append(("claims with a quote (not verified)", f"{100 * s['quoted_share']:.0f}%"))
    return [(None, head),
            (("role", "claims"), [(r, str(n)) for r, n in s["by_role"].items()]),
            (("theme", "claims"), [(t, str(n)) for t, n in s["by_theme"].items()]),
            (("most-used premise", "uses"), [(u["id"], str(u["uses"])) for u in s["most_used"]])]


def stats_view(s: dict[str, Any]) -> Any:
    """``argmap stats``: the numbers that describe a map."""
    kit = rich_kit()
    parts: list[Any] = [kit.Text(s.get("title") or "(untitled map)", style="bold")]
    for i, (header, rows) in enumerate(_stats_tables(s)):
        name_style = theme.ID_RICH if i == 3 else "bold"
        t = _table((header[0] if header else "", {"style": name_style}),
                   (header[1] if header else "", {"justify": "right"}))
        t.show_header = header is not None
        for name, value in rows:
            t.add_row(name, value)
        parts += [kit.Text(), t]
    return kit.Group(*parts)


def stats_lines(s: dict[str, Any]) -> list[str]:
    """``argmap stats`` for a pipe: the same tables as plain aligned columns.

    >>> print("\\n".join(stats_lines({"title": "T", "claims": 12, "arguments": 3, "supports": 2,
    ...     "attacks": 1, "linked": 0, "undercuts": 0, "given": 0, "depth": 1,
    ...     "quoted_share": 0.5, "by_role": {"thesis": 1}, "by_theme": {"(none)": 12},
    ...     "most_used": [{"id": "a", "uses": 2}]})[:4]))
    T
    <BLANKLINE>
    claims                                12
    arguments                              3
    """
    out = [s.get("title") or "(untitled map)"]
    for header, rows in _stats_tables(s):
        out.append("")
        every = rows + ([header] if header else [])
        left = max((len(n) for n, _ in every), default=0)
        right = max((len(v) for _, v in every), default=0)
        if header:
            out.append(f"{header[0]:<{left}}  {header[1]:>{right}}")
        out += [f"{n:<{left}}  {v:>{right}}" for n, v in rows]
    return out
