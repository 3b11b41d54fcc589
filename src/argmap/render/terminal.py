"""Rich renderables for the terminal, and the same views as plain lines for a pipe. Functions
here return objects; the CLI prints them.

User text always goes in as :class:`rich.text.Text` (or its plain stand-in, see
:mod:`argmap.console`), never as markup, so a claim that contains ``[brackets]`` is shown as
written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..console import PLAIN, Kit, rich_kit
from . import theme

__all__ = ["header", "outline_tree", "outline_lines", "diagnostics_table", "diagnostics_text"]


def header(tree: dict[str, Any], kit: Kit | None = None) -> Any:
    """Title and source line of a map."""
    out = (kit or rich_kit()).Text()
    out.append(tree.get("title") or "(untitled map)", style="bold")
    src = tree.get("source") or {}
    bits = [src[k] for k in ("publisher", "author", "kind", "date") if src.get(k)]
    if bits:
        out.append("\n" + " · ".join(str(b) for b in bits), style=theme.META_RICH)
    if src.get("url"):
        out.append("\n" + src["url"], style=theme.META_RICH)
    return out


def outline_lines(tree: dict[str, Any], ids: bool = True, width: int = 80) -> Iterator[str]:
    """:func:`outline_tree` for a pipe: one line per claim and argument, never wrapped (the
    branches too deep for ``width`` columns still continue below, as at a terminal)."""
    return outline_tree(tree, ids, width, kit=PLAIN).lines()


def outline_tree(tree: dict[str, Any], ids: bool = True, width: int = 80,
                 kit: Kit | None = None) -> Any:
    """The outline (see :func:`argmap.outline.outline`) as rich trees under a header.

    Each level indents four columns; where a branch would nest so deep that fewer than about 36
    columns are left for its text (on a terminal ``width`` columns wide), it is marked
    "▸ continued below" and drawn again as a tree of its own after the others, so nothing is
    squeezed out of sight. Claims that no root reaches are counted at the end.
    """
    kit = kit or rich_kit()
    Text = kit.Text
    parts: list[Any] = [header(tree, kit), Text()]
    max_level = max(2, (width - 36) // 4)
    todo: list[tuple[dict[str, Any], str | None]] = [(root, None) for root in tree["roots"]]
    while todo:
        root, parent = todo.pop(0)
        if parent is not None:
            parts.append(Text(f"▸ continued from {parent}", style=theme.META_RICH))
        label = (_claim_label(root, ids, None, kit) if root["kind"] == "claim"
                 else _argument_label(root, ids, kit))
        top = kit.Tree(label, guide_style="bright_black")
        todo.extend(_fill(top, root, ids, kit, max_level))
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

        parts += [Text(), measures_note(tree["evaluation"].get("strengths"), kit)]
    return kit.Group(*parts)


def _meta(node: dict[str, Any], ids: bool, out: Any) -> Any:
    """Append to ``out`` what is said beside a claim: theme, paragraph, given, speaker, ...,
    and its id."""
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
    if node.get("by") == "analyst":  # the analyst's own claim: no source states it
        out.append("  [" + theme.ANALYST["word"] + "]", style=theme.ANALYST["rich"])
    if bits:
        out.append("  (" + " · ".join(bits) + ")", style=theme.META_RICH)
    if ids:
        out.append("  " + node["id"], style=theme.ID_RICH)
    return out


def _marker(key: str, out: Any) -> Any:
    r = theme.RELATIONS[key]
    return out.append(r["marker"] + " ", style="bold " + r["rich"])


def _badge(node: dict[str, Any], out: Any, kit: Kit) -> None:
    """Append ``✔ IN · strength 0.61`` to ``out`` (the start of a node's label), when the tree
    carries evaluation results: the label, then the strength named (a degree, not the
    verdict)."""
    if "status" not in node:
        return
    style = theme.LABELS[node["status"]]
    badge = kit.Text(f"{style['mark']} {node['status']}", style=style["rich"])
    badge.append(f" · strength {node['strength']:.2f} ", style=theme.META_RICH)
    out.append_text(badge)


def _claim_label(node: dict[str, Any], ids: bool, marker: str | None, kit: Kit) -> Any:
    out = kit.Text()
    if marker:
        _marker(marker, out)
    if not node.get("ref"):
        _badge(node, out, kit)
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
    _meta(node, ids, out)
    return out


def _is_compact(arg: dict[str, Any]) -> bool:
    """A lone premise with no label and nothing aimed at the inference: draw it inline."""
    return (len(arg["premises"]) == 1 and not arg.get("title") and not arg["undercuts"]
            and not arg["supports"])


def _argument_label(arg: dict[str, Any], ids: bool, kit: Kit) -> Any:
    key = theme.relation_key(arg["relation"], arg["undercut"])
    r = theme.RELATIONS[key]
    out = kit.Text(r["marker"] + " ", style="bold " + r["rich"])  # the whole label's style
    if arg.get("ref"):
        out.append(f"↑ {r['word']} {arg.get('title') or arg['id']}", style=theme.ID_RICH)
        out.append(" (shown above)", style=theme.META_RICH)
        return out
    _badge(arg, out, kit)
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


def _fill(branch: Any, node: dict[str, Any], ids: bool, kit: Kit, max_level: int = 1 << 30
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
        claim = nd["kind"] == "claim"
        groups = ((nd.get("supports"), nd.get("objections")) if claim
                  else (nd["premises"], nd["supports"], nd["undercuts"]))
        if level >= max_level and any(groups):
            br.add(kit.Text(f"▸ continued below, from {nd['id']}", style=theme.META_RICH))
            later.append((nd, nd["id"]))
            continue
        if claim and nd.get("hidden"):
            n = nd["hidden"]
            br.add(kit.Text(f"… {n} more argument{'s' * (n > 1)} (raise --depth)",
                            style=theme.META_RICH))
        down = level + 1
        for children in groups:
            for child in children or ():
                if child["kind"] != "argument":
                    sub = br.add(_claim_label(child, ids, None, kit))
                    if not child.get("ref"):
                        stack.append((sub, child, down))
                elif child.get("ref"):
                    br.add(_argument_label(child, ids, kit))
                elif _is_compact(child):  # drawn as its premise, after the argument's marker
                    key = theme.relation_key(child["relation"], child["undercut"])
                    premise = child["premises"][0]
                    stack.append((br.add(_claim_label(premise, ids, key, kit)), premise, down))
                else:
                    stack.append((br.add(_argument_label(child, ids, kit)), child, down))
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


def diagnostics_table(diagnostics: list, path: str | None = None) -> Any:
    """Diagnostics as ``FILE:LINE:COL: severity code: message`` lines with their hints."""
    from rich.console import Group
    from rich.text import Text

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
