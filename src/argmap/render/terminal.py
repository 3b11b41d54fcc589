"""Rich renderables for the terminal. Functions here return objects; the CLI prints them.

User text always goes in as :class:`rich.text.Text`, never as markup, so a claim that contains
``[brackets]`` is shown as written.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from rich.tree import Tree

from . import theme

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


def outline_tree(tree: dict[str, Any], ids: bool = True) -> Group:
    """The outline (see :func:`argmap.outline.outline`) as rich trees under a header."""
    parts: list[Any] = [header(tree), Text()]
    for root in tree["roots"]:
        label = (_claim_label(root, ids, marker=None) if root["kind"] == "claim"
                 else _argument_label(root, ids))
        top = Tree(label, guide_style="bright_black")
        _fill(top, root, ids)
        parts.append(top)
    return Group(*parts)


def _meta(node: dict[str, Any], ids: bool) -> Text:
    bits = []
    if node.get("theme_label"):
        bits.append(node["theme_label"])
    if node.get("para") is not None:
        bits.append(f"¶{node['para']}")
    if node.get("given"):
        bits.append("given")
    out = Text()
    if bits:
        out.append("  (" + " · ".join(bits) + ")", style=theme.META_RICH)
    if ids:
        out.append("  " + node["id"], style=theme.ID_RICH)
    return out


def _marker(key: str) -> Text:
    r = theme.RELATIONS[key]
    return Text(r["marker"] + " ", style="bold " + r["rich"])


def _badge(node: dict[str, Any]) -> Text:
    """``✔ IN 0.61`` before a node, when the tree carries evaluation results."""
    if "status" not in node:
        return Text()
    style = theme.LABELS[node["status"]]
    return Text(f"{style['mark']} {node['status']} {node['strength']:.2f} ", style=style["rich"])


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
        out.append(node["text"])
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
    out.append_text(_badge(arg))
    word = r["word"] + (" (linked: all of)" if arg["linked"] else "")
    out.append(word, style=r["rich"])
    if arg.get("title"):
        out.append(": " + arg["title"], style="bold")
    if arg.get("scheme"):
        out.append(f"  [{arg['scheme']}]", style=theme.META_RICH)
    if ids and not arg.get("auto_id"):
        out.append("  " + arg["id"], style=theme.ID_RICH)
    return out


def _fill(branch: Tree, node: dict[str, Any], ids: bool) -> None:
    """Add a claim's or argument's children to ``branch``; an explicit stack keeps deep maps safe."""
    stack = [(branch, node)]
    while stack:
        br, nd = stack.pop()
        if nd["kind"] == "claim":
            if nd.get("hidden"):
                n = nd["hidden"]
                br.add(Text(f"… {n} more argument{'s' * (n > 1)} (raise --depth)",
                            style=theme.META_RICH))
            children = [(a, "support") for a in nd.get("supports", [])]
            children += [(a, "attack") for a in nd.get("objections", [])]
        else:
            children = [(p, None) for p in nd["premises"]]
            children += [(a, "support") for a in nd["supports"]]
            children += [(a, "attack") for a in nd["undercuts"]]
        for child, _ in children:
            if child["kind"] == "argument" and _is_compact(child):
                key = theme.relation_key(child["relation"], child["undercut"])
                premise = child["premises"][0]
                sub = br.add(_claim_label(premise, ids, marker=key))
                if not premise.get("ref"):
                    stack.append((sub, premise))
            elif child["kind"] == "argument":
                sub = br.add(_argument_label(child, ids))
                stack.append((sub, child))
            else:
                marker = None
                sub = br.add(_claim_label(child, ids, marker=marker))
                if not child.get("ref"):
                    stack.append((sub, child))


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
        t.append(d.severity, style="bold red" if d.is_error else "bold yellow")
        t.append(f" {d.code}: ", style="red" if d.is_error else "yellow")
        t.append(d.message)
        if d.hint:
            t.append("\n    hint: " + d.hint, style=theme.META_RICH)
        if d.ignored is not None:
            t.append("\n    ignored: " + d.ignored, style=theme.META_RICH)
        lines.append(t)
    return Group(*lines)
