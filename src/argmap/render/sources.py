"""Rich renderables and plain rows for ``argmap sources``: each claim's quote checked against the
text, each paragraph with the claims that map it, the suggestions. Functions return; the CLI
prints. Every status is a word as well as a colour, so the view reads without colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..console import long_table
from . import theme

if TYPE_CHECKING:  # rich is imported by the views for a terminal only: a pipe gets plain rows
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

__all__ = ["sources_view", "sources_lines", "suggestions_view", "suggestions_lines"]

STYLE = {"verified": "green", "moved": "bold red", "not-found": "bold red",
         "no-quote": theme.META_RICH, "unverified": "yellow"}
MARK = {"verified": "✓", "moved": "→", "not-found": "✗", "no-quote": "·", "unverified": "?"}
BEGINS = 60  # characters of a paragraph shown


def _table(*columns: tuple[str, dict[str, Any]]) -> Table:
    from rich.table import Table

    t = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", expand=False)
    for name, opts in columns:
        t.add_column(name, **{"overflow": "fold", **opts})
    return t


def _begins(text: str, limit: int = BEGINS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _where(q: dict[str, Any]) -> str:
    """Cited and found paragraphs of one quote: ``4``, ``2 → 4``, ``9 (no such paragraph)``."""
    cited = ", ".join(map(str, q["cited"])) or "–"
    if q["status"] == "moved":
        return f"{cited} → {q['para']}"
    if q["status"] == "verified" and not q["cited"]:
        return f"– → {q['para']}"
    return cited


def _detail(q: dict[str, Any]) -> str:
    if q["status"] == "not-found":
        c = q.get("closest")
        return "" if c is None else f"closest (¶{c['para']}, {c['score']:.0f}%): " \
                                    f"{_begins(c['passage'], 70)}"
    if q.get("missing"):
        return "no paragraph " + ", ".join(map(str, q["missing"]))
    if "start" in q:
        return f"chars {q['start']}–{q['end']}"
    return ""


def _documents(data: dict[str, Any]) -> list[str]:
    out = []
    for d in data["documents"]:
        label = "source" if d["doc"] is None else d["doc"]
        if d["verified"]:
            layout = "blank-line blocks" if d["layout"] == "blocks" else "one per line"
            out.append(f"{label}: {d['file']}, {d['paragraphs']} paragraphs ({layout})")
        elif d.get("problem"):
            out.append(f"{label}: not checked: {d['problem']}")
        elif d["file"] is None and _cited(data, d["doc"]):
            out.append(f"{label}: no text file named (add 'file:'): quotes not verified")
    return out


def _cited(data: dict[str, Any], doc: str | None) -> bool:
    return any(q["doc"] == doc for c in data["claims"].values() for q in c["quotes"])


def summary(data: dict[str, Any]) -> str:
    """One line: how many claims are verified, moved, not found, without a quote; the paragraphs
    nothing covers."""
    n = data["counts"]
    parts = [f"{n['verified']} verified"]
    parts += [f"{n[s]} {s.replace('-', ' ')}" for s in ("moved", "not-found", "unverified")
              if n[s]]
    parts.append(f"{n['no-quote']} without a quote")
    line = "Claims: " + ", ".join(parts) + "."
    uncovered = data["uncovered"]
    if uncovered:
        names = ", ".join(str(p["para"]) if p["doc"] is None else f"{p['doc']}:{p['para']}"
                          for p in uncovered)
        line += f" Not covered by any claim: paragraph{'s' * (len(uncovered) != 1)} {names}."
    elif data["paragraphs"]:
        line += " Every paragraph is covered."
    return line


def sources_view(data: dict[str, Any]) -> Group:
    """The whole answer at a terminal: documents, claims, paragraphs, summary."""
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = [Text(line, style="bold") for line in _documents(data)]
    rows = []
    for cid, c in data["claims"].items():
        quotes = c["quotes"] or [{"status": "no-quote", "cited": [], "para": None}]
        for i, q in enumerate(quotes):
            status = q["status"]
            rows.append((Text(cid if i == 0 else ""), Text(f"{MARK[status]} {status}",
                                                           style=STYLE[status]),
                         Text(_where(q)), Text(_detail(q), style=theme.META_RICH)))
    columns = [("claim", {"no_wrap": True}), ("status", {"no_wrap": True}),
               ("¶ cited → found", {"no_wrap": True}), ("", {})]
    t = long_table([(name, {"overflow": "fold", **opts}) for name, opts in columns], rows,
                   box=None, pad_edge=False, show_edge=False, header_style="bold", expand=False)
    parts += [Text(""), t]
    if data["paragraphs"]:
        p = _table(("¶", {"justify": "right", "no_wrap": True}), ("claims", {"ratio": 1}),
                   ("begins", {"ratio": 1, "no_wrap": True, "overflow": "ellipsis"}))
        for para in data["paragraphs"]:
            label = str(para["para"]) if para["doc"] is None else f"{para['doc']}:{para['para']}"
            claims = Text(", ".join(para["claims"])) if para["claims"] else \
                Text("nothing maps it", style="bold yellow")
            p.add_row(label, claims, Text(_begins(para["text"]), style=theme.META_RICH))
        parts += [Text(""), p]
    parts += [Text(""), Text(summary(data))]
    return Group(*parts)


def sources_lines(data: dict[str, Any]) -> list[str]:
    """The same as tab-separated rows for a pipe: ``claim<TAB>status<TAB>cited<TAB>found<TAB>
    start<TAB>end``, then ``para<TAB>N<TAB>claims``."""
    out = []
    for cid, c in data["claims"].items():
        for q in c["quotes"] or [{"status": "no-quote", "cited": [], "para": None}]:
            out.append("\t".join([cid, q["status"], ",".join(map(str, q["cited"])),
                                  "" if q.get("para") is None else str(q["para"]),
                                  str(q.get("start", "")), str(q.get("end", ""))]))
    for p in data["paragraphs"]:
        label = str(p["para"]) if p["doc"] is None else f"{p['doc']}:{p['para']}"
        out.append("\t".join(["para", label, ",".join(p["claims"]) or "-"]))
    out.append(summary(data))
    return out


def suggestions_view(suggestions: list[dict[str, Any]], min_score: float) -> Group | Text:
    """Each suggested quote with its paragraph and score (dimmed below ``min_score``)."""
    from rich.console import Group
    from rich.text import Text

    t = _table(("claim", {"no_wrap": True}), ("¶", {"justify": "right", "no_wrap": True}),
               ("score", {"justify": "right", "no_wrap": True}), ("suggested quote", {}))
    for s in suggestions:
        style = "" if s["score"] >= min_score else theme.META_RICH
        t.add_row(s["claim"], str(s["para"]), f"{s['score']:.0f}", Text(s["quote"], style=style))
    head = Text(f"Suggested quotes for {len(suggestions)} claim"
                f"{'s' * (len(suggestions) != 1)} without one (--fix writes those scoring "
                f"{min_score:.0f} or more):", style="bold")
    return Group(head, t) if suggestions else Text("No claim without a quote to suggest one "
                                                   "for.")


def suggestions_lines(suggestions: list[dict[str, Any]]) -> list[str]:
    return ["\t".join(["suggest", s["claim"], str(s["para"]), f"{s['score']:.0f}", s["quote"]])
            for s in suggestions]
