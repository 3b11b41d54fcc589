"""Evaluation results (``argmap eval``, ``argmap explain``): rich renderables for a terminal,
plain lines for a pipe (each view is built from a kit, see :mod:`argmap.console`)."""

from __future__ import annotations

from typing import Any

from ..console import Kit, long_table, rich_kit
from ..model import ArgumentMap
from . import theme

__all__ = ["label_text", "eval_table", "eval_lines", "changes_view", "critical_view",
           "explanation_view", "explanation_sentences", "measures_note", "convergence_note",
           "LABEL_NOTE", "STRENGTH_NOTE"]

# The two measures, named and explained the same way in the table, the tree, the diagram's
# legend and `explain` (docs/semantics.md says more).
LABEL_NOTE = ("label: the verdict of the rules: IN stands, OUT defeated, UNDEC contested "
              "(one standing attack defeats a claim)")
STRENGTH_NOTE = ("strength: DF-QuAD degree in [0, 1], the weight moved by the arguments for "
                 "and against; a degree, not the verdict (an OUT claim may keep a high strength)")


def convergence_note(strengths: dict[str, Any] | None) -> str | None:
    """A warning when DF-QuAD did not settle (``strengths`` as in ``evaluate()["strengths"]``)."""
    if not strengths or strengths.get("converged", True):
        return None
    return (f"Note: the strengths did not converge (a cycle still moved them after "
            f"{strengths.get('iterations', 0):,} passes); the values shown are the last pass's, "
            "not a fixpoint.")


def measures_note(strengths: dict[str, Any] | None = None, kit: Kit | None = None) -> Any:
    """The two measures explained, and the convergence warning if there is one."""
    kit = kit or rich_kit()
    parts: list[Any] = [kit.Text(LABEL_NOTE, style=theme.META_RICH),
                        kit.Text(STRENGTH_NOTE, style=theme.META_RICH)]
    note = convergence_note(strengths)
    if note:
        parts.append(kit.Text(note, style="bold"))
    return kit.Group(*parts)


def label_text(label: str, strength: float | None = None, kit: Kit | None = None) -> Any:
    """``✔ IN · strength 0.61``: mark and label, then the strength named, readable without
    colour too."""
    style = theme.LABELS[label]
    out = (kit or rich_kit()).Text(f"{style['mark']} {label}", style=style["rich"])
    if strength is not None:
        out.append(f" · strength {strength:.2f}", style=theme.META_RICH)
    return out


def _order(amap: ArgumentMap, ids: list[str]) -> list[str]:
    thesis = [i for i in ids if i == amap.thesis]
    return thesis + [i for i in ids if i != amap.thesis]


def eval_table(amap: ArgumentMap, result: dict[str, Any]) -> Any:
    """Every claim with its label and strength, the thesis first."""
    kit = rich_kit()
    Text = kit.Text
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
    parts.append(Text())
    parts.append(measures_note(result.get("strengths"), kit))
    return kit.Group(*parts)


def eval_lines(amap: ArgumentMap, result: dict[str, Any]) -> list[str]:
    """``argmap eval`` for a pipe: one tab-separated row per claim (label, strength, id, text),
    the thesis first; with several labellings, each row starts with the labelling's number."""
    def rows(claims: dict[str, dict], prefix: str = "") -> list[str]:
        out = []
        for cid in _order(amap, list(claims)):
            entry = claims[cid]
            strength = entry.get("strength", result["claims"].get(cid, {}).get("strength"))
            text = " ".join(amap.text(cid).split())
            out.append(prefix + "\t".join((entry["label"], "" if strength is None
                                            else f"{strength:.2f}", cid, text)))
        return out

    labellings = result.get("labellings")
    if labellings is None:
        return rows(result["claims"])
    return [line for i, lab in enumerate(labellings, 1) for line in rows(lab["claims"], f"{i}\t")]


def _claims_table(amap: ArgumentMap, claims: dict[str, dict], strengths: dict | None) -> Any:
    from rich.text import Text

    longest = max((len(c) for c in claims), default=2)
    columns: list[tuple[str, dict[str, Any]]] = [
        ("label", {"no_wrap": True}),
        ("strength", {"no_wrap": True, "justify": "right", "style": theme.META_RICH}),
        ("id", {"style": theme.ID_RICH, "no_wrap": True, "min_width": longest}),  # never cut
        ("text", {"overflow": "fold", "ratio": 1, "min_width": 20})]
    rows = []
    for cid in _order(amap, list(claims)):
        entry = claims[cid]
        strength = entry.get("strength")
        if strength is None and strengths is not None:
            strength = strengths[cid]["strength"]
        text = Text(amap.text(cid), style="bold" if cid == amap.thesis else "")
        rows.append((label_text(entry["label"]), "" if strength is None else f"{strength:.2f}",
                     cid, text))
    return long_table(columns, rows, box=None, pad_edge=False, show_edge=False,
                      header_style="bold")


def changes_view(amap: ArgumentMap, assumed: dict[str, str],
                 changed: dict[str, tuple[str, str]], kit: Kit | None = None) -> Any:
    """What a what-if changed: each claim whose label moved (arguments are counted)."""
    kit = kit or rich_kit()
    Text = kit.Text
    said = []
    for k, v in assumed.items():
        if amap.is_claim(k):
            said.append(f"{k} is {v}")
        else:  # an inference assumed OUT is a hypothetical undercut
            said.append(f"the argument {k} is {v}"
                        + (" (its inference undercut)" if v == "OUT" else ""))
    parts: list[Any] = [Text("Assuming " + ", ".join(said) + ":", style="bold")]
    if not changed:
        parts.append(Text("  no other label changes.", style=theme.META_RICH))
    claims = {n: v for n, v in changed.items() if amap.is_claim(n)}
    arguments = len(changed) - len(claims)
    for n, (old, new) in claims.items():
        mark = label_text(old, kit=kit)
        mark.append(" → ")
        mark.append_text(label_text(new, kit=kit))
        mark.append(f"  {n} ", style=theme.ID_RICH)
        # the text's wrapped lines hang under its first word, not at column 0
        parts.append(kit.Hanging(mark, Text(amap.text(n)), 2))
    if arguments:
        parts.append(Text(f"  and {arguments} argument{'s' * (arguments != 1)} "
                          "(see --json)", style=theme.META_RICH))
    return kit.Group(*parts)


def critical_view(amap: ArgumentMap, crit: dict[str, Any], kit: Kit | None = None) -> Any:
    """What the thesis's label rests on: each claim whose rejection alone, and each objection
    whose acceptance alone, changes it (and to what)."""
    kit = kit or rich_kit()
    Text = kit.Text
    claim = crit["claim"]
    if claim is None:
        return kit.Group(Text("The map has no thesis or root claim."))
    parts: list[Any] = []
    head = Text(f"{claim} is ", style="bold")
    head.append_text(label_text(crit["label"], kit=kit))
    how = crit.get("semantics", "grounded")
    if crit.get("assumed"):
        how += ", assuming " + ", ".join(f"{k} is {v}" for k, v in crit["assumed"].items())
    head.append(f"  ({how})", style=theme.META_RICH)
    parts.append(head)
    flips = crit.get("flips", {})

    def section(title: str, mark: str, ids: list[str], empty: str) -> None:
        heading = Text(title, style="bold")
        outcomes = {flips[n] for n in ids}
        if len(outcomes) == 1:  # all lead to the same label: say it once
            heading.append(" (then ", style="bold")
            heading.append_text(label_text(outcomes.pop(), kit=kit))
            heading.append(")", style="bold")
            outcomes = set()
        parts.append(Text.assemble(heading, ":"))
        for n in ids:
            line = Text(_name(amap, n))
            if outcomes:
                line.append("  → ", style=theme.META_RICH)
                line.append_text(label_text(flips[n], kit=kit))
            parts.append(kit.Hanging(Text(mark), line, 2))
        if not ids:
            parts.append(Text(empty, style=theme.META_RICH))

    section("Claims whose rejection alone changes its label", "✘", crit["claims"],
            "  none: no single claim carries it.")
    section("Objections whose acceptance alone changes its label", "✔", crit["objections"],
            "  none.")
    return kit.Group(*parts)


# -- explanations in words --------------------------------------------------------------------

def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def _kind_word(amap: ArgumentMap, a: str) -> str:
    """support: the argument; attack on a claim: the rebuttal; on an argument: the undercut."""
    if amap.relation(a) != "attack":
        return "the argument"
    return "the undercut" if amap.is_argument(amap.target(a)) else "the rebuttal"


def _name(amap: ArgumentMap, n: str) -> str:
    """A claim as ``“text” (id)``; an argument by its title or its premises, in words (a
    generated id is left out: it only repeats the premises and the target)."""
    attrs = amap.graph.nodes[n]
    if attrs["kind"] == "claim":
        return f"“{_short(amap.text(n))}” ({n})"
    own = "" if attrs.get("auto_id") else f" ({n})"
    if attrs.get("title"):
        return f"{_kind_word(amap, n)} “{attrs['title']}”{own}"
    premises = " and ".join(_name(amap, p) for p in attrs["premises"])
    if own:
        return f"{_kind_word(amap, n)} {n} from {premises}"
    return f"{_kind_word(amap, n)} from {premises}"


def _names(amap: ArgumentMap, ids: list[str]) -> str:
    names = [_name(amap, i) for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def explanation_sentences(amap: ArgumentMap, steps: list[dict[str, Any]]) -> list[str]:
    """The steps of :func:`argmap.semantics.explain` in words, with texts and ids."""
    return [_sentence(amap, step) for step in steps]


def _sentence(amap: ArgumentMap, step: dict[str, Any]) -> str:
    n, v, why, by = step["id"], step["label"], step["why"], step["by"]
    subject = _name(amap, n)
    head = f"{subject} is {v}"
    is_arg = step["kind"] == "argument"
    if why == "assumed":
        return f"{head}: assumed (--assume), whatever bears on it."
    if why == "attacked":
        return f"{head} (defeated): {_name(amap, by[0])} attacks it and stands (IN)."
    if why == "premise-out":
        return f"{head} (defeated): its premise {_name(amap, by[0])} is OUT."
    if why == "supports-failed":
        return (f"{head} (defeated) only because every argument for it failed "
                f"({_names(amap, by)} {'is' if len(by) == 1 else 'are'} OUT); no attack on it "
                "stands. If the claim stands on its own, mark it `given: true`.")
    if v == "IN":
        if why == "premises-in":
            reason = (f"its premise {_names(amap, by)} stands" if len(by) == 1
                      else f"its premises {_names(amap, by)} stand")
        elif why == "given":
            reason = "it is given (`given: true`): it stands on its own"
        elif why == "basis":
            reason = "nothing supports it, so it stands as a basis premise"
        else:
            reason = f"{_name(amap, by[0])} supports it and stands"
        attacks = step.get("attacks") or []
        if attacks:
            what = "undercut of it" if is_arg else "attack on it"
            reason += f"; every {what} is OUT: {_names(amap, attacks)}"
        else:
            reason += "; nothing undercuts it" if is_arg else "; nothing attacks it"
        return f"{head} (stands): {reason}."
    if why == "cycle":
        claims = [c for c in by if amap.is_claim(c)] or by
        return (f"{head} (contested): it is caught in a cycle of mutual defeat through "
                f"{_names(amap, claims)}.")
    if why == "attacker-undec":
        return f"{head} (contested): {_names(amap, by)} attacks it and is neither IN nor OUT."
    if why == "premise-undec":
        return f"{head} (contested): its premise {_names(amap, by)} is UNDEC."
    return (f"{head} (contested): no argument for it is IN, and {_names(amap, by)} "
            f"{'is' if len(by) == 1 else 'are'} UNDEC.")


def explanation_view(amap: ArgumentMap, steps: list[dict[str, Any]],
                     strength: float | None = None,
                     strengths: dict[str, Any] | None = None, kit: Kit | None = None) -> Any:
    """The node's label and strength, both named, then the explanation, one step a line."""
    kit = kit or rich_kit()
    Text = kit.Text
    first = steps[0]
    name = _name(amap, first["id"])
    if amap.graph.nodes[first["id"]].get("auto_id"):  # the id the user typed, to copy again
        name += f" [{first['id']}]"
    head = Text(name + ": label ", style="bold")
    head.append_text(label_text(first["label"], strength, kit))
    parts: list[Any] = [head]
    parts.extend(kit.Hanging(Text("•", style=theme.META_RICH), Text(line), 0)
                 for line in explanation_sentences(amap, steps))
    parts.append(Text())
    parts.append(measures_note(strengths, kit))
    return kit.Group(*parts)
