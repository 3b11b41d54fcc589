"""Rich renderables for evaluation results (``argmap eval``, ``argmap explain``)."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..model import ArgumentMap
from . import theme

__all__ = ["label_text", "eval_table", "changes_view", "critical_view", "explanation_view"]


def label_text(label: str, strength: float | None = None) -> Text:
    """``✔ IN 0.61``: mark, word and strength, readable without colour too."""
    style = theme.LABELS[label]
    out = Text(f"{style['mark']} {label}", style=style["rich"])
    if strength is not None:
        out.append(f" {strength:.2f}", style=theme.META_RICH)
    return out


def _order(amap: ArgumentMap, ids: list[str]) -> list[str]:
    thesis = [i for i in ids if i == amap.thesis]
    return thesis + [i for i in ids if i != amap.thesis]


def eval_table(amap: ArgumentMap, result: dict[str, Any]) -> Group:
    """Every claim with its label and strength, the thesis first."""
    parts: list[Any] = []
    labellings = result.get("labellings")
    if labellings is None:
        parts.append(_claims_table(amap, result["claims"], None))
    else:
        n = len(labellings)
        head = Text(f"{result['semantics']}: {n} labelling{'s' * (n != 1)}", style="bold")
        parts.append(head)
        if n:
            parts.append(Text("sceptical (IN in all): " + (", ".join(result["sceptical"]) or
                                                            "none")))
            parts.append(Text("credulous (IN in some): " + (", ".join(result["credulous"]) or
                                                             "none")))
        for i, lab in enumerate(labellings, 1):
            parts.append(Text())
            parts.append(Text(f"Labelling {i}", style="bold"))
            parts.append(_claims_table(amap, lab["claims"], result["claims"]))
    summary = result.get("summary")
    if summary:
        parts.append(Text())
        parts.append(Text(summary))
    return Group(*parts)


def _claims_table(amap: ArgumentMap, claims: dict[str, dict], strengths: dict | None) -> Table:
    t = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    t.add_column("label", no_wrap=True)
    t.add_column("id", style=theme.ID_RICH, overflow="fold", max_width=26)
    t.add_column("text", overflow="fold", ratio=1, min_width=20)
    for cid in _order(amap, list(claims)):
        entry = claims[cid]
        strength = entry.get("strength")
        if strength is None and strengths is not None:
            strength = strengths[cid]["strength"]
        text = Text(amap.text(cid), style="bold" if cid == amap.thesis else "")
        t.add_row(label_text(entry["label"], strength), cid, text)
    return t


def changes_view(amap: ArgumentMap, assumed: dict[str, str],
                 changed: dict[str, tuple[str, str]]) -> Group:
    """What a what-if changed: each node whose label moved."""
    parts: list[Any] = [Text("Assuming " + ", ".join(f"{k} is {v}" for k, v in assumed.items())
                             + ":", style="bold")]
    if not changed:
        parts.append(Text("  no other label changes.", style=theme.META_RICH))
    claims = {n: v for n, v in changed.items() if amap.is_claim(n)}
    arguments = len(changed) - len(claims)
    for n, (old, new) in claims.items():
        line = Text("  ")
        line.append_text(label_text(old))
        line.append(" → ")
        line.append_text(label_text(new))
        line.append(f"  {n}", style=theme.ID_RICH)
        line.append("  " + amap.text(n))
        parts.append(line)
    if arguments:
        parts.append(Text(f"  and {arguments} argument{'s' * (arguments != 1)} "
                          "(see --json)", style=theme.META_RICH))
    return Group(*parts)


def critical_view(amap: ArgumentMap, crit: dict[str, Any]) -> Group:
    """What the thesis rests on."""
    claim = crit["claim"]
    if claim is None:
        return Group(Text("The map has no thesis or root claim."))
    parts: list[Any] = []
    head = Text(f"{claim} is ", style="bold")
    head.append_text(label_text(crit["label"]))
    parts.append(head)
    if crit["label"] != "IN":
        parts.append(Text("Only a claim that stands (IN) can rest on something; see "
                          f"`argmap explain {claim}`.", style=theme.META_RICH))
        return Group(*parts)
    parts.append(Text("Premises whose rejection alone defeats it:", style="bold"))
    for c in crit["premises"] or []:
        parts.append(Text("  ✘ ") + Text(amap.text(c)) + Text(f"  {c}", style=theme.ID_RICH))
    if not crit["premises"]:
        parts.append(Text("  none: no single premise carries the case.", style=theme.META_RICH))
    parts.append(Text("Objections whose acceptance alone defeats it:", style="bold"))
    for c in crit["objections"] or []:
        parts.append(Text("  ✔ ") + Text(amap.text(c)) + Text(f"  {c}", style=theme.ID_RICH))
    if not crit["objections"]:
        parts.append(Text("  none.", style=theme.META_RICH))
    return Group(*parts)


def explanation_view(lines: list[str]) -> Group:
    """The explanation, one sentence per line, the first one bold."""
    return Group(*[Text(line, style="bold" if i == 0 else "") for i, line in enumerate(lines)])
