"""Rich renderables for the terminal. Functions here return objects; the CLI prints them.

User text always goes in as :class:`rich.text.Text`, never as markup, so a claim that contains
``[brackets]`` is shown as written.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text

from . import theme
from .fast import FastTree as Tree

__all__ = ["header", "outline_tree", "diagnostics_table", "diagnostics_text"]


def header(tree: dict[str, Any]) -> Text:
    """Title and source line of a map."""
    out = Text()
    out.append(tree.get("title") or "(untitled map)", style="bold")
    src = tree.get("source") or {}
    bits = [src[k] for k in ("publisher", "author", "kind", "date") if src.get(k)]
    if bits:
        out.append("\n" + " · ".join(str(b) for b in bits), style=theme.META_RICH)
    if src.get("url"):
        out.append("\n" + src["url"], style=theme.META_RICH)
    return out


def outline_tree(tree: dict[str, Any], ids: bool = True, width: int = 80) -> Group:
    """The outline (see :func:`argmap.outline.outline`) as rich trees under a header.

    Each level indents four columns; where a branch would nest so deep that fewer than about 36
    columns are left for its text (on a terminal ``width`` columns wide), it is marked
    "▸ continued below" and drawn again as a tree of its own after the others, so nothing is
    squeezed out of sight. Claims that no root reaches are counted at the end.
    """
    parts: list[Any] = [header(tree), Text()]
    max_level = max(2, (width - 36) // 4)
    todo: list[tuple[dict[str, Any], str | None]] = [(root, None) for root in tree["roots"]]
    while todo:
        root, parent = todo.pop(0)
        if parent is not None:
            parts.append(Text(f"▸ continued from {parent}", style=theme.META_RICH))
        label = (_claim_label(root, ids, marker=None) if root["kind"] == "claim"
                 else _argument_label(root, ids))
        top = Tree(label, guide_style="bright_black")
        todo.extend(_fill(top, root, ids, max_level))
        parts.append(top)
    apart = tree.get("not_shown")
    if apart:
        n = apart["count"]
        more = ", …" if n > len(apart["first"]) else ""
        where = "the thesis" if tree.get("thesis") else "any root"
        parts.append(Text(f"… {n} more claim{'s' * (n != 1)} not under {where}: "
                          + ", ".join(apart["first"]) + more + " (argmap list shows them all)",
                          style=theme.META_RICH))
    if "evaluation" in tree:  # show --eval: name the two measures, warn if DF-QuAD did not settle
        from .evaluation import measures_note

        parts += [Text(), measures_note(tree["evaluation"].get("strengths"))]
    return Group(*parts)


def _meta(node: dict[str, Any], ids: bool) -> Text:
    bits = []
    if node.get("theme_label"):
        bits.append(node["theme_label"])
    if node.get("para") is not None:
        bits.append(f"¶{node['para']}")
    if node.get("given"):
        bits.append("given")
    if node.get("speaker"):
        bits.append(f"said by {node['speaker']}")
    if node.get("restates"):
        bits.append("restates " + ", ".join(node["restates"]))
    out = Text()
    if node.get("by") == "analyst":  # the analyst's own claim: no source states it
        out.append("  [" + theme.ANALYST["word"] + "]", style=theme.ANALYST["rich"])
    if bits:
        out.append("  (" + " · ".join(bits) + ")", style=theme.META_RICH)
    if ids:
        out.append("  " + node["id"], style=theme.ID_RICH)
    return out


def _marker(key: str) -> Text:
    r = theme.RELATIONS[key]
    return Text(r["marker"] + " ", style="bold " + r["rich"])


def _badge(node: dict[str, Any]) -> Text:
    """``✔ IN · strength 0.61`` before a node, when the tree carries evaluation results: the
    label, then the strength named (a degree, not the verdict)."""
    if "status" not in node:
        return Text()
    style = theme.LABELS[node["status"]]
    out = Text(f"{style['mark']} {node['status']}", style=style["rich"])
    out.append(f" · strength {node['strength']:.2f} ", style=theme.META_RICH)
    return out


def _claim_label(node: dict[str, Any], ids: bool, marker: str | None) -> Text:
    out = Text()
    if marker:
        out.append_text(_marker(marker))
    if not node.get("ref"):
        out.append_text(_badge(node))
    if node.get("ref"):
        if ids:
            out.append(f"↑ {node['id']}", style=theme.ID_RICH)
            out.append(" (shown above)", style=theme.META_RICH)
        else:
            out.append(node["text"], style="italic")
            out.append(" (shown above)", style=theme.META_RICH)
        return out
    if node.get("thesis"):
        out.append(" THESIS ", style=theme.THESIS["rich"])
        out.append(" ")
        out.append(node["text"], style="bold")
    else:
        out.append(node["text"], style=theme.ANALYST["rich"] if node.get("by") else "")
    out.append_text(_meta(node, ids))
    return out


def _is_compact(arg: dict[str, Any]) -> bool:
    """A lone premise with no label and nothing aimed at the inference: draw it inline."""
    return (len(arg["premises"]) == 1 and not arg.get("title") and not arg["undercuts"]
            and not arg["supports"])


def _argument_label(arg: dict[str, Any], ids: bool) -> Text:
    key = theme.relation_key(arg["relation"], arg["undercut"])
    r = theme.RELATIONS[key]
    out = _marker(key)
    if arg.get("ref"):
        out.append(f"↑ {r['word']} {arg.get('title') or arg['id']}", style=theme.ID_RICH)
        out.append(" (shown above)", style=theme.META_RICH)
        return out
    out.append_text(_badge(arg))
    word = ("reply" if arg.get("reply") and key == "attack" else r["word"]) + (
        " (linked: all of)" if arg["linked"] else "")
    out.append(word, style=r["rich"])
    if arg.get("title"):
        out.append(": " + arg["title"], style="bold")
    if arg.get("scheme"):
        out.append(f"  [{arg['scheme']}]", style=theme.META_RICH)
    if ids and not arg.get("auto_id"):
        out.append("  " + arg["id"], style=theme.ID_RICH)
    return out


def _fill(branch: Tree, node: dict[str, Any], ids: bool, max_level: int = 1 << 30
          ) -> list[tuple[dict[str, Any], str]]:
    """Add a claim's or argument's children to ``branch``; an explicit stack keeps deep maps safe.

    Returns the nodes that would nest deeper than ``max_level``, each with the id of the node
    it hangs from, for the caller to draw as trees of their own.
    """
    later: list[tuple[dict[str, Any], str]] = []
    stack = [(branch, node, 0)]
    while stack:
        br, nd, level = stack.pop()
        if nd.get("ref"):
            continue
        if level >= max_level and (nd.get("supports") or nd.get("objections")
                                   or nd.get("premises") or nd.get("undercuts")):
            br.add(Text(f"▸ continued below, from {nd['id']}", style=theme.META_RICH))
            later.append((nd, nd["id"]))
            continue
        if nd["kind"] == "claim":
            if nd.get("hidden"):
                n = nd["hidden"]
                br.add(Text(f"… {n} more argument{'s' * (n > 1)} (raise --depth)",
                            style=theme.META_RICH))
            children = [*nd.get("supports", []), *nd.get("objections", [])]
        else:
            children = [*nd["premises"], *nd["supports"], *nd["undercuts"]]
        for child in children:
            if child["kind"] == "argument" and child.get("ref"):
                sub = br.add(_argument_label(child, ids))
            elif child["kind"] == "argument" and _is_compact(child):
                key = theme.relation_key(child["relation"], child["undercut"])
                premise = child["premises"][0]
                sub = br.add(_claim_label(premise, ids, marker=key))
                stack.append((sub, premise, level + 1))
            elif child["kind"] == "argument":
                sub = br.add(_argument_label(child, ids))
                stack.append((sub, child, level + 1))
            else:
                sub = br.add(_claim_label(child, ids, marker=None))
                stack.append((sub, child, level + 1))
    return later


def diagnostics_text(diagnostics: list) -> str:
    """Diagnostics as plain lines, for pipes and editors (fast for tens of thousands)."""
    lines = []
    for d in diagnostics:
        lines.append(d.format())
        if d.hint:
            lines.append("    hint: " + d.hint)
        if d.ignored is not None:
            lines.append("    ignored: " + d.ignored)
    return "\n".join(lines)


def diagnostics_table(diagnostics: list, path: str | None = None) -> Group:
    """Diagnostics as ``FILE:LINE:COL: severity code: message`` lines with their hints."""
    lines: list[Any] = []
    for d in diagnostics:
        t = Text()
        t.append(d.location() + ": ", style="bold")
        style = "red" if d.is_error else "yellow" if d.severity == "warning" else "cyan"
        t.append(d.severity, style="bold " + style)
        t.append(f" {d.code}: ", style=style)
        t.append(d.message)
        if d.hint:
            t.append("\n    hint: " + d.hint, style=theme.META_RICH)
        if d.ignored is not None:
            t.append("\n    ignored: " + d.ignored, style=theme.META_RICH)
        lines.append(t)
    return Group(*lines)
