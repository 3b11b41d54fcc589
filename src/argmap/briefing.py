"""What a brief says, gathered once: the outline with its evaluation and verified quotes, what
the case rests on, the open questions, and the diagrams, as plain data that
:mod:`argmap.render.brief` writes as HTML or Markdown.

>>> from argmap import loads
>>> data = brief_data(loads("title: Tea\\nthesis: t\\nclaims: {t: Drink tea., w: It is warm.}\\n"
...                         "arguments: [{supports: t, premises: [w]}]"), diagrams=False)
>>> data["thesis"]["id"], data["thesis"]["status"], data["thesis"]["why"]
('t', 'IN', 'It stands: the argument from “It is warm.” supports it and stands; nothing attacks it.')
"""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urlsplit

from .model import ArgumentMap

__all__ = ["brief_data", "write_brief", "safe_url", "ONE_DIAGRAM", "MAX_DETAILS"]

#: the most claims drawn as one diagram; a bigger map gets an overview and a diagram per branch
ONE_DIAGRAM = 60
#: the most branch diagrams a brief draws (the biggest branches)
MAX_DETAILS = 12
_LABEL_WORD = {"IN": "stands", "OUT": "falls", "UNDEC": "is contested"}


def safe_url(url: Any) -> str | None:
    """The URL if it is an absolute http or https URL with a host and no spaces or control
    characters, else None: the only kind of link out of a brief.

    >>> safe_url("https://example.org/a?b=1"), safe_url(" javascript:alert(1)"), safe_url("java\\tscript:x")
    ('https://example.org/a?b=1', None, None)
    >>> safe_url("HTTP://Example.org"), safe_url("http:/x"), safe_url("data:text/html,x"), safe_url(None)
    ('HTTP://Example.org', None, None, None)
    """
    if not isinstance(url, str):
        return None
    u = url.strip()
    if not u or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return u


def brief_data(amap: ArgumentMap, *, diagrams: bool = True, engine: str = "auto",
               today: datetime.date | None = None) -> dict[str, Any]:
    """The brief of ``amap`` as JSON-ready data (its shape is in docs/brief.md); ``diagrams``
    draws the map (the slow part: Graphviz) with ``engine``."""
    from . import semantics
    from .outline import annotate, outline
    from .queries import unanswered_objections
    from .render.evaluation import explanation_sentences
    from .sourcecheck import check_sources

    labels = semantics.grounded(amap)
    found = semantics.dfquad(amap)
    tree = annotate(outline(amap), labels, found.values)
    report = check_sources(amap)
    by_claim = report.claims()
    _mark(tree["roots"], by_claim, amap, labels)
    roots = tree["roots"]
    thesis = roots[0] if roots else None
    if thesis is not None:
        thesis["why"] = _why(amap, thesis["id"], labels, explanation_sentences)
    crit = semantics.critical(amap) if thesis is not None else {"claims": [], "objections": []}
    rests_on = [{"id": c, "text": amap.text(c), "kind": "premise",
                 "why": "if it were rejected, the thesis would fall"} for c in crit["claims"]]
    rests_on += [{"id": o, "text": _argument_text(amap, o), "kind": "objection",
                  "claim": amap.premises(o)[0],
                  "why": "if it were accepted, the thesis would fall"}
                 for o in crit["objections"]]
    open_questions = []
    for o in unanswered_objections(amap):
        a = amap.graph.nodes[o["id"]]
        target = a["target"]
        open_questions.append({
            "id": o["id"], "title": a.get("title"),
            "premises": [{"id": p, "text": amap.text(p)} for p in a["premises"]],
            "target": target, "target_text": amap.text(target) if amap.is_claim(target)
            else _argument_text(amap, target)})
    source = {k: v for k, v in amap.source.items()
              if k in ("title", "publisher", "author", "date", "kind")}
    if amap.source.get("url"):  # the page links it only if it is http or https
        source["url"] = amap.source["url"]
    quoted = sum(1 for c in by_claim.values() if any(q["quote"] for q in c["quotes"]))
    texts = [d for d in report.documents.values() if d.text is not None]
    return {
        "title": amap.title or (thesis["text"] if thesis else "Argument map"),
        "source": source,
        "byline": f"By {source['author']}" if source.get("author") else "",
        "generated": (today or datetime.date.today()).isoformat(),
        "thesis": thesis,
        "themes": _themes(amap),
        "rests_on": rests_on,
        "open_questions": open_questions,
        "diagrams": _diagrams(amap, labels, found.values, engine) if diagrams else [],
        "counts": {"claims": sum(1 for _ in amap.claims()),
                   "arguments": sum(1 for _ in amap.arguments()), "quoted": quoted,
                   "verified": len(report.verified_claims()),
                   "paragraphs": sum(len(d.text.paragraphs) for d in texts if d.text),
                   "uncovered": [p["para"] for p in report.uncovered()]},
        "evaluation": {"semantics": "grounded", "strength": "DF-QuAD",
                       "note": None if found.converged else
                       f"DF-QuAD did not converge in {found.iterations} iterations"},
        "sources": {"verified": bool(texts) and report.unverified_reason() is None,
                    "reason": report.unverified_reason(),
                    "file": next((d.keys.get("file") for d in texts), None)},
    }


def _mark(roots: list[dict], by_claim: dict[str, dict], amap: ArgumentMap,
          labels: dict[str, str]) -> None:
    """Add to each claim of the outline its quote's status, the paragraph it was found in,
    whether it is given or the analyst's own; and to each attack whether it is answered."""
    from .queries import is_answered

    stack = list(roots)
    while stack:
        node = stack.pop()
        attrs = amap.graph.nodes[node["id"]]
        if node["kind"] == "claim":
            entry = by_claim.get(node["id"], {})
            node["verified"] = entry.get("status", "no-quote")
            if entry.get("para") is not None:
                node["para"] = entry["para"]
            node["given"] = bool(attrs.get("given"))
            node["analyst"] = attrs.get("by") == "analyst"
        else:
            node.setdefault("premises", [])
            if node["relation"] == "attack":
                node["answered"] = is_answered(amap, node["id"])
        for key in ("supports", "objections", "premises", "undercuts"):
            stack.extend(node.get(key, ()))


def _why(amap: ArgumentMap, thesis: str, labels: dict[str, str], sentences: Any) -> str:
    """One sentence: why the thesis stands, falls or stays contested (the first step of
    :func:`argmap.semantics.explain`, said of "it")."""
    from . import semantics

    steps = semantics.explain(amap, thesis, labels, limit=1)
    said = sentences(amap, steps)[0] if steps else ""
    reason = said.split(": ", 1)[1] if ": " in said else said
    # for a reader of the brief: no ids, and the labels in words
    reason = re.sub(r" \(([A-Za-z0-9_.:+-]+)\)", lambda m: "" if m.group(1) in amap else
                    m.group(0), reason)
    reason = re.sub(r"\b(argument|rebuttal|undercut) ([A-Za-z0-9_.:+-]+) from\b",
                    lambda m: f"{m.group(1)} from" if m.group(2) in amap else m.group(0), reason)
    reason = reason.rstrip(".")
    for label, word in (("OUT", "defeated"), ("IN", "standing"), ("UNDEC", "contested")):
        reason = re.sub(rf"\b(is|are|all) {label}\b", rf"\1 {word}", reason)
    end = "" if reason.endswith((".”", "?”", "!”")) else "."
    return f"It {_LABEL_WORD[labels[thesis]]}: {reason}{end}" if reason else \
        f"It {_LABEL_WORD[labels[thesis]]}."


def _argument_text(amap: ArgumentMap, a: str) -> str:
    attrs = amap.graph.nodes[a]
    return attrs.get("title") or " and ".join(amap.text(p) for p in attrs["premises"])


def _themes(amap: ArgumentMap) -> list[dict[str, str]]:
    from .render.view import theme_colours

    colours = theme_colours(amap)
    return [{"id": t, "title": label, "colour": colours[t]} for t, label in amap.themes.items()]


def _diagrams(amap: ArgumentMap, labels: dict[str, str], strengths: dict[str, float],
              engine: str) -> list[dict[str, str]]:
    """The map as inline SVG with every claim linked to its entry: one diagram, or, for a map
    of more than :data:`ONE_DIAGRAM` claims, an overview (the thesis and two levels of claims
    below it) and one diagram per branch (the case of each claim directly for or against the
    thesis), biggest first, at most :data:`MAX_DETAILS` of them, and none that is mostly
    drawn already (branches share premises)."""
    from .queries import subset
    from .render import graphviz as gv
    from .render.engine import bounded_layout_attrs, render

    status = {n: (labels[n], strengths[n]) for n in amap.graph}
    title = amap.title or "Argument map"

    def svg(nodes: set[str], heading: str, legend: bool = True) -> str:
        dot = gv.to_dot(amap, nodes, status=status, links=True, title=heading, legend=legend,
                        layout=bounded_layout_attrs(len(nodes)))
        text = gv.portable_svg(render(dot, "svg", engine=engine)).decode("utf-8")
        return text[text.index("<svg"):]

    claims = sum(1 for _ in amap.claims())
    if claims <= ONE_DIAGRAM or not amap.roots():
        return [{"kind": "map", "title": title, "svg": svg(set(amap.graph), title)}]
    top = amap.roots()[0]
    out = [{"kind": "overview", "title": f"{title}: overview",
            "svg": svg(subset(amap, focus=top, depth=2), f"{title}: overview")}]
    branches = []
    for a in (*amap.supporters(top), *amap.attackers(top)):
        for p in amap.premises(a):
            nodes = subset(amap, focus=p)
            if sum(1 for n in nodes if amap.is_claim(n)) > 1:
                branches.append((p, nodes))
    branches.sort(key=lambda b: -len(b[1]))
    drawn: set[str] = set()
    for p, nodes in branches:  # a branch mostly drawn already (shared premises) is left out
        if len(out) > MAX_DETAILS or len(nodes - drawn) * 2 < len(nodes):
            continue
        drawn |= nodes
        heading = f"Detail {len(out)}: {_clip(amap.text(p))}"
        out.append({"kind": "detail", "title": heading, "svg": svg(nodes, heading, False)})
    return out


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def write_brief(amap: ArgumentMap, output: str, *, fmt: str = "html", page: str = "a4",
                pdf: bool = False, engine: str = "auto", inputs: tuple[str, ...] = ()
                ) -> list[tuple[str, int]]:
    """Write the brief of ``amap`` to ``output`` (``-``: standard output, HTML only) as ``html``
    or ``md`` (with the diagrams as SVG files beside it) or ``json`` (the data, as
    :func:`brief_data` gives it), and with ``pdf`` the HTML printed to
    the same name with ``.pdf`` by a headless Chromium. Every file is written atomically and
    none of ``inputs`` is overwritten. Returns the files written and their sizes."""
    import os
    import sys

    from .files import write_atomic
    from .render.brief import html_brief, markdown_brief

    data = brief_data(amap, engine=engine)
    written: list[tuple[str, int]] = []
    if fmt == "json":
        import json

        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "md":
        stem = os.path.splitext(output)[0]
        names = [f"{stem}-map.svg"] if len(data["diagrams"]) == 1 else \
            [f"{stem}-map-{k}.svg" for k in range(1, len(data["diagrams"]) + 1)]
        for name, d in zip(names, data["diagrams"], strict=True):
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n' + d["svg"]).encode("utf-8")
            write_atomic(name, body, inputs=inputs)
            written.append((name, len(body)))
        text = markdown_brief(data, [os.path.basename(n) for n in names])
    else:
        text = html_brief(data, page=page)
    body = text.encode("utf-8")
    if output == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return written
    write_atomic(output, body, inputs=inputs)
    written.append((output, len(body)))
    if pdf:
        from .render.chromium import print_pdf

        target = os.path.splitext(output)[0] + ".pdf"
        print_pdf(output, target)
        written.append((target, os.path.getsize(target)))
    return written
