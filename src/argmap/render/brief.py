"""The brief: one self-contained HTML page a decision-maker reads in five minutes, and its Markdown twin.

Both writers take the JSON-ready data of :func:`argmap.briefing.brief_data` (the title and source,
the thesis with its label and why, what the case rests on, the open questions, the diagrams as SVG
text and the outline of reasons and objections) and return text; the CLI writes it.

The HTML page makes no network request of any kind: styles and the one script are inline, the
map is inline SVG, and a Content-Security-Policy forbids everything else (the script is allowed by
its hash). Every piece of user text is escaped; the only link out of the page is the source's
URL, kept only when it is http or https. The diagrams' SVG is parsed and rebuilt from an allow
list of SVG elements and attributes, so nothing in it can run either. The script reads no user
text: it only changes each map's ``viewBox`` (zoom and pan).

Style comes from :mod:`argmap.render.theme`, the table the diagrams and the terminal use: the
thesis blue, the colours of support, objection and undercut, and the evaluation labels, each
with its mark and word (``✔ IN · stands``) so that nothing is told by colour alone.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import string
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from ..briefing import safe_url
from ..errors import ExportError
from . import theme

__all__ = ["html_brief", "markdown_brief", "md_escape", "PAGES", "SCRIPT_HASH"]

PAGES = {"a4": "A4", "letter": "letter"}
LONG_DIAGRAMS, LONG_CLAIMS = 6, 300  # above either, a brief is long (see html_brief)
_SLUG = re.compile(r"[A-Za-z0-9_.:+-]+")  # the ids of the data: safe in a fragment as they are

# --------------------------------------------------------------------------------------------
# Shared helpers


def _e(text: Any) -> str:
    """User text made safe for HTML text and quoted attribute values."""
    return html.escape(str(text), quote=True)


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _strength(value: Any) -> str | None:
    try:
        return f"{float(value):.2f}"
    except (TypeError, ValueError):
        return None


def _label_words(status: Any) -> str | None:
    """``✔ IN · stands``: the label with its mark and word, readable without colour."""
    look = theme.LABELS.get(status) if isinstance(status, str) else None
    return None if look is None else f"{look['mark']} {status} · {look['word']}"


def _contrast(fg: str, bg: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours.

    >>> round(_contrast("#000000", "#ffffff"), 1), round(_contrast("#ffffff", "#0d47a1"), 1)
    (21.0, 8.6)
    """
    def lum(c: str) -> float:
        rgb = [int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(colour: str, on: str = "#ffffff", ratio: float = 4.5) -> str:
    """``colour``, darkened just enough to be read as text on ``on`` (WCAG AA by default).

    >>> readable("#2e7d32"), readable("#e65100")
    ('#2e7d32', '#cf4800')
    """
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    out = colour.lower()
    while _contrast(out, on) < ratio and any(rgb):
        rgb = [int(v * 0.95) for v in rgb]
        out = "#" + "".join(f"{v:02x}" for v in rgb)
    return out


def _flatten(pieces: Iterable[Any]) -> str:
    """The text of a writer's pieces, walked without recursion so that a deep map's outline cannot
    exhaust Python's stack: a writer yields strings and, for a part of the tree, a callable that
    yields that part's pieces."""
    out: list[str] = []
    stack: list[Iterator[Any]] = [iter(pieces)]
    while stack:
        for p in stack[-1]:
            if isinstance(p, str):
                out.append(p)
            else:
                stack.append(iter(p()))
                break
        else:
            stack.pop()
    return "".join(out)


def _walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every claim and argument of the outline below ``node`` (itself included)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if not isinstance(n, dict):
            continue
        yield n
        for key in ("undercuts", "objections", "supports", "premises"):
            stack.extend(reversed([x for x in n.get(key) or () if isinstance(x, dict)]))


def _full_claims(thesis: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each claim's whole entry (the one not marked ``ref``), by id. The page gives it where the
    claim first appears in the page's own order (themes regroup the reasons) and a "see above"
    everywhere after."""
    full: dict[str, dict[str, Any]] = {}
    for n in _walk(thesis):
        if n.get("kind", "claim") == "claim" and n.get("id") is not None and not n.get("ref"):
            full.setdefault(str(n["id"]), n)
    return full


def _objection_anchors(thesis: dict[str, Any]) -> set[str]:
    """``arg-<id>`` for each objection to the thesis: the anchors of "Objections and replies"."""
    return {f"arg-{a['id']}" for a in thesis.get("objections") or ()
            if isinstance(a, dict) and _SLUG.fullmatch(str(a.get("id", "")))}


def _reason_theme(arg: dict[str, Any]) -> Any:
    premises = arg.get("premises") or [{}]
    return premises[0].get("theme")


def _grouped_reasons(data: dict[str, Any]) -> list[tuple[str, str | None, list[dict[str, Any]]]]:
    """The thesis's reasons as (section title, theme id, reasons), in the themes' order, the
    reasons with no (known) theme last, under "Other reasons" ("Reasons" when no theme has any)."""
    thesis = data.get("thesis") or {}
    reasons = [a for a in thesis.get("supports") or () if a.get("relation", "support") == "support"]
    themes = [t for t in data.get("themes") or () if isinstance(t, dict) and t.get("id") is not None]
    known = {t["id"] for t in themes}
    out: list[tuple[str, str | None, list[dict[str, Any]]]] = []
    for t in themes:
        mine = [a for a in reasons if _reason_theme(a) == t["id"]]
        if mine:
            out.append((str(t.get("title") or t["id"]), t["id"], mine))
    rest = [a for a in reasons if _reason_theme(a) not in known]
    if rest:
        out.append(("Other reasons" if out else "Reasons", None, rest))
    return out


def _source_bits(source: dict[str, Any]) -> list[str]:
    """The source's publisher, author, date and kind, as plain strings, in that order."""
    return [_one_line(source[k]) for k in ("publisher", "author", "date", "kind") if source.get(k)]


def _evaluation_sentence(data: dict[str, Any]) -> str:
    ev = data.get("evaluation") or {}
    sem = _one_line(ev.get("semantics") or "grounded")
    strength = _one_line(ev.get("strength") or "DF-QuAD")
    return (f"Each claim carries two measures: its label, the verdict of the {sem} semantics (IN: it "
            "stands, OUT: defeated, UNDEC: contested; a claim falls when one objection to it stands), "
            f"and its strength, a {strength} degree from 0 to 1 that weighs the reasons for it against "
            "the objections.")


def _counts_sentence(data: dict[str, Any]) -> str:
    counts = data.get("counts") or {}
    parts = []
    if counts.get("claims") is not None:
        parts.append(f"{counts['claims']} claims")
    if counts.get("arguments") is not None:
        parts.append(f"{counts['arguments']} arguments")
    text = ", ".join(parts)
    sources = data.get("sources") or {}
    quoted, verified = counts.get("quoted"), counts.get("verified")
    if quoted:
        if sources.get("verified", True) and verified is not None:
            text += f"; {verified} of {quoted} quotes verified against the source text"
        else:
            reason = sources.get("reason")
            text += f"; {quoted} quotes, not verified" + (f" ({_one_line(reason)})" if reason else "")
    return text + "." if text else ""


VERIFIED = {  # what a quote's check says, in words (the mark first, for print and no colour)
    "verified": ("✓", "verified"),
    "moved": ("✓", "verified, found in another paragraph"),
    "not-found": ("✗", "not found in the source text"),
    "unverified": ("", "quote not verified"),
}


# --------------------------------------------------------------------------------------------
# SVG: parsed, kept to an allow list, ids made unique, claim titles and links made accessible

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_SVG_TAGS = {"svg", "g", "title", "desc", "path", "polygon", "polyline", "ellipse", "circle", "rect",
             "line", "text", "tspan", "a", "defs", "linearGradient", "radialGradient", "stop",
             "clipPath"}
_SVG_ATTRS = {"id", "class", "transform", "viewBox", "preserveAspectRatio", "fill", "fill-opacity",
              "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linecap",
              "stroke-linejoin", "stroke-miterlimit", "opacity", "d", "points", "x", "y", "x1", "y1",
              "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "text-anchor", "font-family",
              "font-size", "font-weight", "font-style", "text-decoration", "baseline-shift",
              "dominant-baseline", "offset", "stop-color", "stop-opacity", "gradientUnits",
              "gradientTransform", "clip-path", "fx", "fy", "fr", "spreadMethod",
              "{%s}space" % XML_NS, "{%s}href" % XLINK_NS, "{%s}title" % XLINK_NS, "href"}
_URL_REF = re.compile(r"url\(\s*#([A-Za-z0-9_.:+-]+)\s*\)")
_TRANSFORM = re.compile(r"[a-zA-Z0-9 .,()+-]*")


def _local(tag: Any) -> str | None:
    if not isinstance(tag, str) or not tag.startswith("{" + SVG_NS + "}"):
        return None
    return tag[len(SVG_NS) + 2:]


def _prepare_svg(svg: str, index: int, title: str, claim_text: dict[str, str], entries: set[str],
                 taken: set[str]) -> tuple[ET.Element | None, list[str]]:
    """The diagram's SVG made safe to inline, and the claims it shows (None when it is not SVG).

    Only SVG elements and presentation attributes on the allow list are kept (no script, no
    event handler, no link but ``#fragment``s, no ``url()`` but to ids inside it). Each claim
    box's ``<g id="map-<id>">`` keeps its id the first time a claim is drawn on the page (later
    drawings of it get a diagram prefix, as every other id does, so ids stay unique), its
    Graphviz ``<title>`` becomes the claim's text, and its link to ``#claim-<id>`` is made
    focusable, or removed when the outline has no entry for it. ``taken`` collects the
    ``map-<id>`` ids placed.
    """
    start = svg.find("<svg")
    try:
        if start < 0:
            raise ET.ParseError("no <svg> element")
        root = ET.fromstring(svg[start:])
    except ET.ParseError:
        return None, []
    if _local(root.tag) != "svg":
        return None, []
    prefix = f"d{index}-"
    shown: list[str] = []

    tags = {"{%s}%s" % (SVG_NS, t) for t in _SVG_TAGS}
    hrefs, tip = ("href", "{%s}href" % XLINK_NS), "{%s}title" % XLINK_NS  # tip: text, never a URL
    stack = [root]
    while stack:  # one pass, without recursion: keep what is allowed, make ids unique
        el = stack.pop()
        for child in list(el):
            if child.tag in tags:
                stack.append(child)
            else:
                el.remove(child)
        for name, value in list(el.attrib.items()):
            if name not in _SVG_ATTRS:
                del el.attrib[name]
            elif name in hrefs:
                if not value.startswith("#"):
                    del el.attrib[name]
            elif name != tip and ("(" in value or "\\" in value or ":" in value):
                ref = _URL_REF.fullmatch(value.strip())
                if ref:  # a gradient or clip path inside this diagram
                    el.set(name, f"url(#{prefix}{ref.group(1)})")
                elif not (name in ("transform", "gradientTransform") and _TRANSFORM.fullmatch(value)):
                    del el.attrib[name]
        ident = el.get("id")
        if ident is not None:
            if ident.startswith("map-") and el.tag == "{%s}g" % SVG_NS and ident not in taken:
                taken.add(ident)
            else:
                el.set("id", prefix + ident)
    for g in root.iter("{%s}g" % SVG_NS):
        cls = (g.get("class") or "").split()
        ident = g.get("id") or ""
        bare = ident[len(prefix):] if ident.startswith(prefix) else ident
        if "node" not in cls or not bare.startswith("map-"):
            if "graph" not in cls:  # Graphviz's names of edges and other nodes: no help to a reader
                for t in g.findall("{%s}title" % SVG_NS):
                    g.remove(t)
            continue
        claim = bare[4:]
        if claim not in shown:
            shown.append(claim)
        for t in g.findall("{%s}title" % SVG_NS):
            t.text = claim_text.get(claim) or next(
                (a.get("{%s}title" % XLINK_NS) for a in g.iter("{%s}a" % SVG_NS)
                 if a.get("{%s}title" % XLINK_NS)), t.text)
        for a in g.iter("{%s}a" % SVG_NS):
            if claim in claim_text and a.get(tip) is not None:  # the tooltip: the text as written
                a.set(tip, claim_text[claim])
            href = a.get("{%s}href" % XLINK_NS) or a.get("href")
            if href is not None and href[1:] in entries:
                a.set("tabindex", "0")
                a.set("class", "claim-link")
            else:  # no entry to go to: a plain group, not a link that goes nowhere
                a.attrib.pop("{%s}href" % XLINK_NS, None)
                a.attrib.pop("href", None)
    # the page sets the size; the viewBox keeps the proportions (and is what zooming moves)
    width, height = root.attrib.pop("width", None), root.attrib.pop("height", None)
    if root.get("viewBox") is None and width and height:
        w, h = (re.sub(r"[a-z]+$", "", v) for v in (width, height))
        root.set("viewBox", f"0 0 {w} {h}")
    box = (root.get("viewBox") or "").split()
    if len(box) == 4:
        try:
            ratio = float(box[2]) / float(box[3])
            root.set("data-aspect", f"{ratio:.4f}")
        except (ValueError, ZeroDivisionError):
            pass
    for t in list(root):  # the diagram's own title and description, first, for screen readers
        if _local(t.tag) in ("title", "desc"):
            root.remove(t)
    tid, did = f"{prefix}title", f"{prefix}desc"
    desc = ET.Element("{%s}desc" % SVG_NS, {"id": did})
    root.insert(0, desc)
    head = ET.Element("{%s}title" % SVG_NS, {"id": tid})
    head.text = title
    root.insert(0, head)
    for g in root.iter("{%s}g" % SVG_NS):  # Graphviz names the graph "argmap": use the title
        for t in g.findall("{%s}title" % SVG_NS):
            if "graph" in (g.get("class") or "").split():
                t.text = title
    # role=group, not img: an img's content is hidden from screen readers, and the claims
    # inside it are links a reader can follow
    root.set("role", "group")
    root.set("aria-labelledby", tid)
    root.set("aria-describedby", did)
    root.set("focusable", "false")
    return root, shown


_QNAMES = {"{%s}href" % XLINK_NS: "xlink:href", "{%s}title" % XLINK_NS: "xlink:title",
           "{%s}space" % XML_NS: "xml:space"}


def _svg_markup(root: ET.Element) -> str:
    """The cleaned SVG tree as markup for an HTML page (every text and value escaped), written
    without recursion."""
    out: list[str] = []
    cut = len(SVG_NS) + 2
    stack: list[tuple[ET.Element, bool]] = [(root, True)]
    while stack:
        el, opening = stack.pop()
        name = el.tag[cut:]
        if not opening:
            out.append(f"</{name}>")
            if el.tail:
                out.append(_esc_text(el.tail))
            continue
        attrs = "".join(f' {_QNAMES.get(k, k)}="{_e(v)}"' for k, v in el.attrib.items())
        if el is root:
            attrs = f' xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"' + attrs
        if len(el) == 0 and not el.text:
            out.append(f"<{name}{attrs}/>")
            if el.tail:
                out.append(_esc_text(el.tail))
            continue
        out.append(f"<{name}{attrs}>")
        if el.text:
            out.append(_esc_text(el.text))
        stack.append((el, False))
        stack.extend((child, True) for child in reversed(el))
    return "".join(out)


def _esc_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------------------------
# HTML

_FONTS_SERIF = ('Charter, "Bitstream Charter", "Sitka Text", Cambria, "Iowan Old Style", '
                '"Palatino Linotype", Palatino, "Book Antiqua", Georgia, "Noto Serif", "DejaVu Serif", serif')
_FONTS_SANS = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", '
               '"Liberation Sans", "DejaVu Sans", sans-serif')

# Zoom and pan, for every .zoom box: wheel and pinch zoom, drag to pan, + − and reset buttons,
# the keys + - 0 and the arrows. It only moves each SVG's viewBox and never reads page text.
SCRIPT = r"""(function () {
  "use strict";
  var boxes = document.querySelectorAll(".zoom");
  Array.prototype.forEach.call(boxes, function (box) {
    var svg = box.querySelector("svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) { return; }
    var b = svg.viewBox.baseVal, home = [b.x, b.y, b.width, b.height], v = home.slice();
    var pointers = {}, drag = null, moved = false, spread = 0;
    box.classList.add("live");
    function show() {
      svg.setAttribute("viewBox", v.map(function (x) { return Math.round(x * 100) / 100; }).join(" "));
    }
    function at(cx, cy) {
      var m = svg.getScreenCTM(), p = svg.createSVGPoint();
      if (!m) { return { x: v[0] + v[2] / 2, y: v[1] + v[3] / 2 }; }
      p.x = cx; p.y = cy;
      return p.matrixTransform(m.inverse());
    }
    function zoom(f, q) {
      var w = Math.min(Math.max(v[2] / f, home[2] / 30), home[2] * 1.2);
      f = v[2] / w;
      q = q || { x: v[0] + v[2] / 2, y: v[1] + v[3] / 2 };
      v = [q.x - (q.x - v[0]) / f, q.y - (q.y - v[1]) / f, v[2] / f, v[3] / f];
      show();
    }
    function pan(dx, dy) {
      var m = svg.getScreenCTM(), s = m ? m.a : 1;
      v[0] -= dx / s; v[1] -= dy / s; show();
    }
    function reset() { v = home.slice(); show(); }
    box.addEventListener("wheel", function (e) {
      e.preventDefault();
      zoom(Math.pow(1.0015, -e.deltaY * (e.deltaMode ? 30 : 1)), at(e.clientX, e.clientY));
    }, { passive: false });
    svg.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = [e.clientX, e.clientY];
      drag = [e.clientX, e.clientY]; moved = false; spread = 0;
    });
    svg.addEventListener("pointermove", function (e) {
      if (!pointers[e.pointerId]) { return; }
      pointers[e.pointerId] = [e.clientX, e.clientY];
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], c = pointers[ids[1]];
        var d = Math.hypot(a[0] - c[0], a[1] - c[1]);
        if (spread) { zoom(d / spread, at((a[0] + c[0]) / 2, (a[1] + c[1]) / 2)); }
        spread = d; moved = true; return;
      }
      if (!drag) { return; }
      var dx = e.clientX - drag[0], dy = e.clientY - drag[1];
      if (!moved && Math.abs(dx) + Math.abs(dy) < 5) { return; }
      if (!moved) { moved = true; svg.setPointerCapture(e.pointerId); box.classList.add("dragging"); }
      pan(dx, dy); drag = [e.clientX, e.clientY];
    });
    function up(e) {
      delete pointers[e.pointerId];
      if (!Object.keys(pointers).length) { drag = null; spread = 0; box.classList.remove("dragging"); }
    }
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    svg.addEventListener("click", function (e) {
      if (moved) { e.preventDefault(); e.stopPropagation(); moved = false; }
    }, true);
    box.addEventListener("keydown", function (e) {
      var k = e.key, step = 40;
      if (k === "+" || k === "=") { zoom(1.25); }
      else if (k === "-" || k === "_") { zoom(0.8); }
      else if (k === "0") { reset(); }
      else if (k === "ArrowLeft") { pan(step, 0); }
      else if (k === "ArrowRight") { pan(-step, 0); }
      else if (k === "ArrowUp") { pan(0, step); }
      else if (k === "ArrowDown") { pan(0, -step); }
      else { return; }
      e.preventDefault();
    });
    var controls = box.parentNode.querySelector(".zoom-controls");
    if (controls) {
      controls.hidden = false;
      controls.addEventListener("click", function (e) {
        var t = e.target.closest("button");
        if (!t) { return; }
        var act = t.getAttribute("data-zoom");
        if (act === "in") { zoom(1.25); } else if (act === "out") { zoom(0.8); } else { reset(); }
      });
    }
    window.addEventListener("beforeprint", reset);
  });
})();
"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; img-src data:; "
       "base-uri 'none'; form-action 'none'")


_CSS = string.Template(""":root {
  --ink: #1a1a1a; --soft: #455a64; --rule: #cfd8dc; --faint: #eceff1; --paper: #ffffff;
  --thesis: $thesis; --thesis-ink: $thesis_ink;
  --support: $support; --attack: $attack; --undercut: $undercut; --analyst: $analyst;
  --support-line: $support_line; --attack-line: $attack_line;
  --undercut-line: $undercut_line; --analyst-fill: $analyst_fill;
  --given-fill: $given_fill;
  --serif: $serif;
  --sans: $sans;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
body { margin: 0; background: var(--paper); color: var(--ink); font-family: var(--serif);
  font-size: 1.0625rem; line-height: 1.6; font-kerning: normal; }
.page { max-width: 43em; margin: 0 auto; padding: 3.5rem 1.5rem 4rem; }
a { color: var(--thesis); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid #f9a825; outline-offset: 2px; }
h1, h2, h3, .kicker, .meta, .arg-head, .label, .caption, figcaption, .masthead .source, .byline,
.zoom-controls, .site-foot, .see { font-family: var(--sans); }
h1 { font-size: 2.3rem; line-height: 1.15; font-weight: 700; letter-spacing: -0.01em; margin: 0.2rem 0 1rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.2rem 0 0.9rem; break-after: avoid;
  page-break-after: avoid; }
h3 { font-size: 1.05rem; line-height: 1.35; margin: 1.8rem 0 0.4rem; break-after: avoid;
  page-break-after: avoid; }
p { margin: 0 0 0.8rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 0.75rem; font-weight: 600;
  color: var(--soft); margin: 0; }
.masthead { border-bottom: 3px solid var(--thesis); padding-bottom: 1.2rem; margin-bottom: 2rem; }
.masthead .source { font-size: 0.95rem; color: var(--ink); margin: 0 0 0.25rem; }
.masthead .source cite { font-style: italic; font-family: var(--serif); }
.byline { font-size: 0.85rem; color: var(--soft); margin: 0; }
.thesis { background: var(--thesis); color: var(--thesis-ink); padding: 1.5rem 1.75rem 1.3rem;
  border-radius: 3px; margin: 0 0 2.2rem; break-inside: avoid; page-break-inside: avoid; }
.thesis h2 { border: 0; margin: 0 0 0.5rem; padding: 0; font-size: 0.75rem; text-transform: uppercase;
  letter-spacing: 0.12em; color: var(--thesis-ink); opacity: 0.92; }
.thesis .text { font-size: 1.5rem; line-height: 1.38; margin: 0 0 0.9rem; font-weight: 400; }
.thesis .meta { color: var(--thesis-ink); }
.thesis .why { margin: 0.7rem 0 0; font-size: 1rem; }
.thesis a { color: var(--thesis-ink); }
.thesis .quote { border-left-color: rgba(255,255,255,0.6); color: var(--thesis-ink); }
.thesis .quote footer, .thesis .quote .ok { color: var(--thesis-ink); }
.label { display: inline-block; color: var(--ink); font-size: 0.78rem; font-weight: 600; line-height: 1.3;
  padding: 0.05em 0.45em; border-radius: 3px; white-space: nowrap; }
$labels.meta { font-size: 0.8rem; color: var(--soft); margin: 0.15rem 0 0.4rem; }
.meta > * + *::before { content: "·"; margin: 0 0.4em; color: inherit; font-weight: 400; }
.meta .label + *::before, .meta > .label::before { content: none; }
.meta .label { margin-right: 0.4em; }
.tomap { text-decoration: none; }
.summary ul { list-style: none; padding: 0; margin: 0; }
.summary li { padding: 0.45rem 0 0.45rem 1.3rem; border-bottom: 1px solid var(--faint); position: relative; }
.summary li::before { content: "▸"; position: absolute; left: 0.1rem; color: var(--soft); }
.summary .why { display: block; font-size: 0.85rem; color: var(--soft); font-family: var(--sans); }
.summary .none { color: var(--soft); font-style: italic; }
.summary .none::before { content: none; }
.hint { font-family: var(--sans); font-size: 0.8rem; color: var(--soft); }
figure.diagram { width: min(96vw, 76rem); margin: 1rem 0 2rem calc(50% - min(48vw, 38rem));
  break-inside: avoid; page-break-inside: avoid; }
/* a long brief: the browser lays out only what is near the screen (print lays out all) */
.long figure.diagram { content-visibility: auto; contain-intrinsic-size: auto 36rem; }
.long .part.theme, .long .part.objections { content-visibility: auto; contain-intrinsic-size: auto 50rem; }
.zoom { border: 1px solid var(--rule); border-radius: 3px; background: #fff; overflow: hidden;
  position: relative; }
.zoom.live { cursor: grab; touch-action: none; }
.zoom.dragging { cursor: grabbing; }
.zoom svg { display: block; width: 100%; height: auto; max-height: 82vh; }
.zoom-controls { display: flex; gap: 0.3rem; justify-content: flex-end; margin: 0.35rem 0 0; }
.zoom-controls[hidden] { display: none; }
.zoom-controls button { font: 600 0.95rem/1 var(--sans); min-width: 2.1rem; height: 2.1rem; padding: 0 0.6rem;
  color: var(--ink); background: #fff; border: 1px solid var(--rule); border-radius: 3px; cursor: pointer; }
.zoom-controls button:hover { background: var(--faint); }
figcaption { font-size: 0.82rem; color: var(--soft); margin: 0.4rem auto 0; max-width: 43rem; }
figcaption b { color: var(--ink); }
.claim-link:focus-visible { outline: 3px solid #f9a825; outline-offset: 3px; }
.claim-link:focus-visible > path, .claim-link:focus-visible > polygon:first-of-type,
g.node:target path { stroke: #f9a825; stroke-width: 5; }
.zoom g.node { scroll-margin: 30vh 0; }
.claim-link:hover > path { stroke-width: 3; }
.part { border-top: 1px solid var(--rule); margin-top: 3.2rem; padding-top: 0.9rem; }
.part > h2, .summary h2 { margin-top: 0.15rem; }
.part > .kicker { break-after: avoid; page-break-after: avoid; }
.summary section + section h2 { margin-top: 2rem; }
.theme-bar { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; margin-right: 0.5rem;
  vertical-align: -0.05em; border: 1px solid rgba(0,0,0,0.15); }
.reason { margin: 0 0 1.6rem; }
.reason > h3 .rel, .objection > h3 .rel { font-weight: 700; margin-right: 0.35em; }
.rel.support { color: var(--support); }
.rel.attack { color: var(--attack); }
.rel.undercut { color: var(--undercut); }
.reason > .meta, .objection > .meta { margin-bottom: 0.6rem; }
.reason > .meta, .objection > .meta, .answer { break-after: avoid; page-break-after: avoid; }
.claim { margin: 0.5rem 0 0.9rem; }
.entry { break-inside: avoid; page-break-inside: avoid; scroll-margin-top: 1.5rem; border-radius: 3px; }
.entry .text { margin: 0 0 0.2rem; }
.entry:target { background: #fff8e1; box-shadow: 0 0 0 0.5rem #fff8e1; }
@media (prefers-reduced-motion: no-preference) {
  .entry:target { animation: flash 2.4s ease-out 1 both; }
  @keyframes flash {
    from { background: #ffe082; box-shadow: 0 0 0 0.5rem #ffe082; }
    to { background: #fff8e1; box-shadow: 0 0 0 0.5rem #fff8e1; }
  }
}
.thesis.entry:target { background: var(--thesis); box-shadow: 0 0 0 4px #f9a825; animation: none; }
.entry.given .text::after { content: ""; }
.entry.analyst .text { font-style: italic; }
.tag { font-weight: 600; }
.tag.analyst { color: var(--analyst); }
.quote { margin: 0.35rem 0 0.35rem; padding: 0.1rem 0 0.1rem 0.9rem; border-left: 3px solid var(--rule);
  color: #37474f; font-size: 0.95rem; }
.quote p { margin: 0; }
.quote footer { font-family: var(--sans); font-size: 0.75rem; color: var(--soft); margin-top: 0.1rem; }
.quote .ok { color: var(--support); font-weight: 600; }
.quote .bad { color: var(--attack); font-weight: 600; }
.children { margin: 0.3rem 0 0 0.15rem; }
.arg { border-left: 2px solid var(--rule); padding: 0.05rem 0 0.05rem 1rem; margin: 0.5rem 0; }
.arg.support { border-left-color: var(--support-line); }
.arg.attack { border-left: 2px dashed var(--attack-line); }
.arg.undercut { border-left: 2px dotted var(--undercut-line); }
.arg-head { font-size: 0.8rem; color: var(--soft); margin: 0 0 0.15rem; break-after: avoid;
  page-break-after: avoid; }
.arg-head .rel { font-weight: 700; }
.arg-head .title { color: var(--ink); font-style: italic; font-family: var(--serif); font-size: 0.95rem; }
.ref { font-size: 0.92rem; color: var(--soft); margin: 0.3rem 0; }
.see { font-size: 0.8rem; }
.answer { font-family: var(--sans); font-size: 0.85rem; margin: 0.2rem 0 0.6rem; }
.answer.open { color: var(--attack); font-weight: 600; }
.answer.done { color: var(--support); font-weight: 600; }
.objection { margin: 0 0 1.8rem; }
.site-foot { margin-top: 3.5rem; padding-top: 1rem; border-top: 3px solid var(--thesis); font-size: 0.82rem;
  color: var(--soft); }
.site-foot p { margin: 0 0 0.5rem; }
.site-foot .made { font-weight: 600; color: var(--ink); }
.fn, .print-links, .print-only { display: none; }
.no-map { font-style: italic; color: var(--soft); }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
@media (max-width: 40em) {
  .page { padding: 2rem 1rem 3rem; }
  h1 { font-size: 1.8rem; }
  .thesis { padding: 1.1rem 1.1rem 1rem; }
  .thesis .text { font-size: 1.15rem; }
}
@page { ${size}margin: 15mm; }
@page wide { size: ${wide} landscape; margin: 10mm; }
@media print {
  body { font-size: 10.5pt; line-height: 1.45; }
  .page { max-width: none; padding: 0; }
  h2 { margin-top: 1.6rem; }
  .masthead { margin-bottom: 1.2rem; }
  a { color: inherit; text-decoration: none; }
  a.ext { text-decoration: underline; }
  .fn { display: inline; font-family: var(--sans); font-size: 0.7em; vertical-align: super; line-height: 0; }
  .print-links, .print-only { display: block; }
  .long figure.diagram, .long .part.theme, .long .part.objections { content-visibility: visible; }
  .screen-only { display: none !important; }
  .print-links ol { font-size: 0.85rem; word-break: break-all; }
  .tomap, .zoom-controls, .hint { display: none !important; }
  figure.diagram { width: 100%; margin: 0.5rem 0 1rem; }
  .zoom { overflow: visible; border-color: var(--rule); }
  .zoom svg { max-width: 100%; height: auto; max-height: 245mm; }
  figure.diagram.wide { page: wide; }  /* a wide map on a landscape page of its own */
  figure.diagram.wide .zoom svg { max-height: 165mm; }
  .thesis, .label { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .entry:target { background: none; box-shadow: none; animation: none; }
  .thesis.entry:target { background: var(--thesis); box-shadow: none; }
  .reason, .objection { break-inside: auto; }
  .site-foot { break-inside: avoid; }
}
""")


def _css(page: str | None) -> str:
    support = readable(theme.RELATIONS["support"]["color"])
    attack = readable(theme.RELATIONS["attack"]["color"])
    undercut = readable(theme.RELATIONS["undercut"]["color"])
    analyst = readable(theme.ANALYST["border"])
    labels = "".join(
        f".label.{k.lower()} {{ background: {v['fill']}; border: 1px {v['style']} {v['border']}; }}\n"
        for k, v in theme.LABELS.items())
    size = f"size: {PAGES[page]}; " if page else ""
    return _CSS.substitute(
        thesis=theme.THESIS["fill"], thesis_ink=theme.THESIS["font"], support=support, attack=attack,
        undercut=undercut, analyst=analyst, support_line=theme.RELATIONS["support"]["color"],
        attack_line=theme.RELATIONS["attack"]["color"], undercut_line=theme.RELATIONS["undercut"]["color"],
        analyst_fill=theme.ANALYST["fill"], given_fill=theme.GIVEN["fill"], serif=_FONTS_SERIF,
        sans=_FONTS_SANS, labels=labels, size=size, wide=PAGES.get(page or "a4", "A4"))


class _Html:
    """The state of one page being written: which entries exist and which are placed."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.thesis: dict[str, Any] = data.get("thesis") or {}
        self.full = _full_claims(self.thesis)
        self.entries = {f"claim-{i}" for i in self.full}  # every claim with an entry
        self.claim_text: dict[str, str] = {}
        for n in _walk(self.thesis):
            if n.get("kind", "claim") == "claim" and n.get("id") is not None:
                self.claim_text.setdefault(str(n["id"]), str(n.get("text", "")))
        self.objection_ids = _objection_anchors(self.thesis)
        self.placed: set[str] = set()
        self.map_ids: set[str] = set()  # "map-<id>" for every claim box on the page
        self.links: list[str] = []  # external links, numbered for print

    def claim_href(self, ident: Any) -> str | None:
        key = f"claim-{ident}"
        return f"#{_e(key)}" if key in self.entries else None

    def badge(self, status: Any, strength: Any, *, strength_word: bool = True) -> str:
        words = _label_words(status)
        out = []
        if words is not None:
            out.append(f'<span class="label {_e(str(status).lower())}">{_e(words)}</span>')
        s = _strength(strength)
        if s is not None:
            out.append(f'<span class="strength">{"strength " if strength_word else ""}{s}</span>')
        return " ".join(out)

    # -- claims and arguments, as pieces for _flatten

    def quote(self, c: dict[str, Any]) -> str:
        quote, para = c.get("quote"), c.get("para")
        check = c.get("verified")
        where = f"¶ {_e(para)}" if para is not None else ""
        if not quote:
            return f'<p class="meta"><span>{where}</span></p>' if where else ""
        mark, words = VERIFIED.get(check or "unverified", VERIFIED["unverified"])
        cls = "ok" if mark == "✓" else "bad" if mark == "✗" else "plain"
        said = f'<span class="{cls}">{_e((mark + " " if mark else "") + words)}</span>'
        foot = " · ".join(x for x in (where, said) if x)
        return (f'<blockquote class="quote"><p>“{_e(_one_line(quote))}”</p>'
                f'<footer>{foot}</footer></blockquote>')

    def claim(self, c: dict[str, Any], depth: int) -> Iterator[Any]:
        ident = str(c.get("id", ""))
        key = f"claim-{ident}"
        text = _e(_one_line(c.get("text", "")))
        if key in self.placed or ident not in self.full:
            href = self.claim_href(ident) if key in self.placed else None
            link = f'<a class="see" href="{href}">see above</a>' if href else ""
            yield f'<p class="ref">{text} {link}</p>'
            return
        self.placed.add(key)
        c = self.full[ident]  # its first place on the page gets the whole entry
        kinds = ["entry"] + [k for k in ("given", "analyst") if c.get(k)]
        yield f'<div class="claim"><div class="{" ".join(kinds)}" id="{_e(key)}">'
        yield f'<p class="text">{text}</p>'
        yield self.quote(c)
        meta = [self.badge(c.get("status"), c.get("strength"))]
        if c.get("given"):
            meta.append('<span class="tag given">given</span>')
        if c.get("analyst"):
            meta.append('<span class="tag analyst">analyst’s own claim</span>')
        if f"map-{ident}" in self.map_ids:
            meta.append(f'<a class="tomap" href="#{_e("map-" + ident)}" '
                        'aria-label="Show this claim in the map">↑ map</a>')
        yield f'<p class="meta">{"".join(meta)}</p></div>'
        kids = list(c.get("supports") or ()) + list(c.get("objections") or ())
        if kids:
            yield '<div class="children">'
            for a in kids:
                yield lambda a=a: self.argument(a, depth + 1)
            yield "</div>"
        yield "</div>"

    def arg_kind(self, a: dict[str, Any]) -> str:
        return theme.relation_key(a.get("relation", "support"), bool(a.get("undercut")))

    def argument(self, a: dict[str, Any], depth: int, head: str | None = None) -> Iterator[Any]:
        kind = self.arg_kind(a)
        if head is None:
            word = {"support": "Reason", "attack": "Reply" if a.get("reply") else "Objection",
                    "undercut": "Reply, undercutting the inference" if a.get("reply")
                    else "Undercut: denies the inference"}[kind]
            bits = [f'<span class="rel {kind}">{_e(theme.RELATIONS[kind]["marker"])} {word}</span>']
            if a.get("title"):
                bits.append(f' <span class="title">{_e(_one_line(a["title"]))}</span>')
            extra = []
            if a.get("scheme"):
                extra.append(_e(_one_line(a["scheme"])))
            if a.get("linked"):
                extra.append("linked premises")
            if extra:
                bits.append(" · " + " · ".join(extra))
            if kind != "support":
                bits.append(" " + self.badge(a.get("status"), a.get("strength")))
            head = f'<p class="arg-head">{"".join(bits)}</p>'
        yield f'<div class="arg {kind}">{head}'
        for p in a.get("premises") or ():
            yield lambda p=p: self.claim(p, depth)
        for sub in list(a.get("supports") or ()) + list(a.get("undercuts") or ()):
            yield lambda sub=sub: self.argument(sub, depth + 1)
        yield "</div>"

    def reason(self, a: dict[str, Any]) -> Iterator[Any]:
        title = a.get("title")
        if not title:
            title = _shorten((a.get("premises") or [{}])[0].get("text", ""), 12)
        yield '<article class="reason">'
        yield (f'<h3><span class="rel support">{_e(theme.RELATIONS["support"]["marker"])}</span>'
               f'{_e(_one_line(title))}</h3>')
        meta = [self.badge(a.get("status"), a.get("strength"))]
        if a.get("scheme"):
            meta.append(f"<span>{_e(_one_line(a['scheme']))}</span>")
        if a.get("linked"):
            meta.append("<span>linked premises: they support it together</span>")
        yield f'<p class="meta">{"".join(meta)}</p>'
        body = {**a, "supports": a.get("supports"), "undercuts": a.get("undercuts")}
        yield lambda: self.argument(body, 1, head="")
        yield "</article>"

    def objection(self, a: dict[str, Any]) -> Iterator[Any]:
        kind = self.arg_kind(a)
        title = a.get("title") or _one_line(((a.get("premises") or [{}])[0]).get("text", "Objection"))
        ident = str(a.get("id", ""))
        anchor = f' id="{_e("arg-" + ident)}"' if ident and f"arg-{ident}" in self.objection_ids else ""
        yield f'<article class="objection"{anchor}>'
        yield (f'<h3><span class="rel {kind}">{_e(theme.RELATIONS[kind]["marker"])}</span>'
               f'{_e(_one_line(title))}</h3>')
        meta = [self.badge(a.get("status"), a.get("strength"))]
        if a.get("scheme"):
            meta.append(f"<span>{_e(_one_line(a['scheme']))}</span>")
        yield f'<p class="meta">{"".join(meta)}</p>'
        replies = _replies(a)
        answered = a.get("answered")
        if answered is None:
            answered = bool(replies)
        if answered and replies:
            names = " and ".join(f"“{_e(r)}”" for r in replies)
            yield f'<p class="answer done">✔ Answered by {names} (below).</p>'
        elif answered:
            yield '<p class="answer done">✔ Answered (below).</p>'
        else:
            yield '<p class="answer open">✘ Not answered: nothing in the map replies to it.</p>'
        yield lambda: self.argument(a, 1, head="")
        yield "</article>"


def _replies(a: dict[str, Any]) -> list[str]:
    """Short names of what answers the objection ``a``: its undercuts and the objections to its
    premises (their titles, else their first premise's text, shortened)."""
    out = []
    answers = list(a.get("undercuts") or ())
    for p in a.get("premises") or ():
        if isinstance(p, dict):
            answers.extend(p.get("objections") or ())
    for r in answers:
        if not isinstance(r, dict):
            continue
        name = r.get("title") or ((r.get("premises") or [{}])[0]).get("text", "")
        out.append(_shorten(name))
    return [x for x in out if x]


def _shorten(text: Any, words: int = 14) -> str:
    parts = _one_line(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def html_brief(data: dict[str, Any], page: str | None = None) -> str:
    """The brief as one self-contained HTML5 document (see the module's docstring).

    ``page`` (``"a4"`` or ``"letter"``) sets the printed paper size; by default the printer's
    own is used, with 15 mm margins, which suits both.

    Diagrams are shown in the order given. When ``data["diagrams"]`` holds both the whole map
    (kind ``map``) and page-fit diagrams (kinds ``overview`` and ``detail``), the screen shows
    the whole map, zoomable, and print shows the page-fit ones instead, legible on paper. A long
    brief (more than :data:`LONG_DIAGRAMS` diagrams or :data:`LONG_CLAIMS` claims) lets the
    browser skip laying out the diagrams and sections off screen (``content-visibility``), so
    that it opens fast; print lays out everything.

    >>> doc = html_brief({"title": "T <b>", "thesis": {"id": "t", "text": "A & B", "status": "IN",
    ...                   "strength": 0.5, "why": "It stands."}})
    >>> doc.startswith("<!doctype html>"), "T &lt;b&gt;" in doc, "✔ IN · stands" in doc
    (True, True, True)
    """
    if page is not None and page not in PAGES:
        raise ExportError(f"unknown page {page!r} for the brief", hint="use a4 or letter")
    w = _Html(data)
    title = _one_line(data.get("title") or (w.thesis.get("text") if w.thesis else "") or "Argument brief")

    # the diagrams first: the outline's links back to the map depend on which claims they show
    figures: list[str] = []
    diagrams = [x for x in data.get("diagrams") or () if isinstance(x, dict)]
    kinds = {d.get("kind") for d in diagrams}
    split = "map" in kinds and bool(kinds & {"overview", "detail"})
    numbers = {"": 0, "screen-only": 0, "print-only": 0}
    arguments: list[tuple[str, frozenset[str]]] | None = None
    for i, d in enumerate(diagrams):
        dtitle = _one_line(d.get("title") or title)
        root, shown = _prepare_svg(str(d.get("svg") or ""), i + 1, dtitle, w.claim_text, w.entries,
                                   w.map_ids)
        if root is None:
            figures.append('<p class="no-map">This diagram could not be included.</p>\n')
            continue
        if d.get("kind") != "map" and arguments is None:
            arguments = _arguments_of(w.thesis)
        n_args = _arguments_in(arguments, set(shown)) if arguments is not None and d.get("kind") != "map" \
            else None
        if n_args is None:
            n_args = (data.get("counts") or {}).get("arguments")
        counts = f"{len(shown)} claims" + (f", {n_args} arguments" if n_args is not None else "")
        root[1].text = counts + "; click a claim to read its entry"  # the <desc>, second
        markup = _svg_markup(root)
        media = "" if not split else "screen-only" if d.get("kind") == "map" else "print-only"
        numbers[media] += 1
        figures.append(_figure(i + 1, numbers[media], d, dtitle, markup, counts, media))

    out: list[Any] = []
    out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    out.append(f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n')
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.append('<meta name="referrer" content="no-referrer">\n<meta name="generator" content="argmap">\n')
    out.append(f"<title>{_e(title)}</title>\n<style>{_css(page)}</style>\n</head>\n<body>\n")
    # a long brief (a big map's many diagrams): the browser may skip laying out what is off
    # screen, so that it opens in a second or two; a short one is laid out whole (screenshots)
    long = len(figures) > LONG_DIAGRAMS or len(w.entries) > LONG_CLAIMS
    out.append(f'<div class="page{" long" if long else ""}">\n')
    out.append(_header(w, title))
    out.append('<main id="main">\n')
    out.append(lambda: _thesis_box(w))
    out.append(_summary(w))
    if figures:
        out.append('<section class="part" id="the-map" aria-labelledby="the-map-h">\n'
                   '<p class="kicker">The argument at a glance</p>\n<h2 id="the-map-h">The map</h2>\n'
                   '<p class="hint">Zoom with the mouse wheel, a pinch or the + and − buttons '
                   '(keys + − 0 '
                   'when the map has focus), drag to pan; click a claim, or tab to it and press Enter, '
                   'to read its entry.</p>\n')
        out.extend(figures)
        out.append("</section>\n")
    groups = _grouped_reasons(data)
    themes = {t.get("id"): t for t in data.get("themes") or () if isinstance(t, dict)}
    for n, (heading, tid, reasons) in enumerate(groups):
        colour = str((themes.get(tid) or {}).get("colour") or "")
        bar = (f'<span class="theme-bar" style="background:{colour}" aria-hidden="true"></span>'
               if re.fullmatch(r"#[0-9a-fA-F]{3,8}", colour) else "")
        out.append(f'<section class="part theme" aria-labelledby="theme-{n}">\n'
                   f'<p class="kicker">Reasons for the thesis · {n + 1} of {len(groups)}</p>\n'
                   f'<h2 id="theme-{n}">{bar}{_e(heading)}</h2>\n')
        for a in reasons:
            out.append(lambda a=a: w.reason(a))
        out.append("</section>\n")
    objections = [a for a in w.thesis.get("objections") or () if isinstance(a, dict)]
    out.append('<section class="part objections" aria-labelledby="objections-h">\n'
               '<p class="kicker">Against the thesis</p>\n'
               '<h2 id="objections-h">Objections and replies</h2>\n')
    if not objections:
        out.append('<p>No objection to the thesis is mapped.</p>\n')
    for a in objections:
        out.append(lambda a=a: w.objection(a))
    out.append("</section>\n</main>\n")
    out.append(lambda: [_footer(w)])
    out.append("</div>\n")
    out.append(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
    return _flatten(out)


def _arguments_of(thesis: dict[str, Any]) -> list[tuple[str, frozenset[str]]]:
    """The outline's arguments, each once, with the ids of their premises."""
    seen: dict[str, frozenset[str]] = {}
    for n in _walk(thesis):
        if n.get("kind") == "argument" and n.get("id") is not None and str(n["id"]) not in seen:
            seen[str(n["id"])] = frozenset(str(p.get("id")) for p in n.get("premises") or ())
    return list(seen.items())


def _arguments_in(arguments: list[tuple[str, frozenset[str]]], claims: set[str]) -> int:
    """How many of the outline's arguments a diagram showing ``claims`` draws whole."""
    return sum(1 for _, premises in arguments if premises and premises <= claims)


def _is_wide(markup: str) -> bool:
    """Whether an SVG is wider than tall (then it prints on a landscape page of its own)."""
    m = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', markup[:2000])
    return bool(m) and float(m.group(1)) > 1.2 * float(m.group(2))  # type: ignore[union-attr]


def _figure(i: int, number: int, d: dict[str, Any], title: str, markup: str, counts: str,
            media: str) -> str:
    kind = d.get("kind")
    what = {"overview": "Overview", "detail": "Detail", "map": "The whole map"}.get(str(kind), "Diagram")
    legend = ("Green solid lines support, red dashed lines object, orange dotted lines undercut; "
              "each box shows its label and strength.")
    cls = f"diagram {media}{' wide' if _is_wide(markup) else ''}".strip()
    return (f'<figure class="{cls}" id="diagram-{i}" aria-labelledby="diagram-{i}-cap">\n'
            f'<div class="zoom" tabindex="0" aria-label="{_e(title)}: map, zoomable">{markup}</div>\n'
            '<div class="zoom-controls" hidden><button type="button" data-zoom="in" aria-label="Zoom in">+'
            '</button><button type="button" data-zoom="out" aria-label="Zoom out">−</button>'
            '<button type="button" data-zoom="reset" aria-label="Reset the view">Reset</button></div>\n'
            f'<figcaption id="diagram-{i}-cap"><b>Figure {number}. {what}: {_e(title)}.</b> '
            f'{_e(counts)}. {legend}<span class="screen-only"> Click a claim to read its entry.</span>'
            '</figcaption>\n</figure>\n')


def _header(w: _Html, title: str) -> str:
    data = w.data
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    lines = ['<header class="masthead">\n<p class="kicker">Argument brief</p>\n'
             f"<h1>{_e(title)}</h1>\n"]
    if source:
        bits = []
        if source.get("title"):
            name = f"<cite>{_e(_one_line(source['title']))}</cite>"
            url = safe_url(source.get("url"))
            if url:
                w.links.append(url)
                name = (f'<a class="ext" href="{_e(url)}" rel="noopener noreferrer">{name}</a>'
                        f'<sup class="fn">[{len(w.links)}]</sup>')
            bits.append(name)
        if source.get("url") and not safe_url(source.get("url")):  # shown, never a link
            bits.append(f'<span class="url">{_e(_one_line(source["url"]))}</span>')
        rest = _source_bits(source)
        lines.append(f'<p class="source">Source: {", ".join(bits + [_e(b) for b in rest])}</p>\n')
    by = [_e(_one_line(data["byline"]))] if data.get("byline") else []
    if data.get("generated"):
        by.append(f"brief prepared {_e(data['generated'])}")
    if by:
        lines.append(f'<p class="byline">{" · ".join(by)}</p>\n')
    lines.append("</header>\n")
    return "".join(lines)


def _thesis_box(w: _Html) -> Iterator[str]:
    t = w.thesis
    ident = str(t.get("id", ""))
    key = f"claim-{ident}"
    attrs = ""
    if ident and key not in w.placed:
        w.placed.add(key)
        attrs = f' id="{_e(key)}"'
    yield f'<section class="thesis entry"{attrs} aria-labelledby="thesis-h">\n'
    yield '<h2 id="thesis-h">The thesis</h2>\n'
    yield f'<p class="text">{_e(_one_line(t.get("text", "")))}</p>\n'
    meta = [w.badge(t.get("status"), t.get("strength"))]
    if f"map-{ident}" in w.map_ids:
        meta.append(f'<a class="tomap" href="#{_e("map-" + ident)}">↑ map</a>')
    yield f'<p class="meta">{"".join(meta)}</p>\n'
    if t.get("why"):
        yield f'<p class="why">{_e(_one_line(t["why"]))}</p>\n'
    if t.get("quote"):
        yield w.quote(t)
    yield "</section>\n"


def _summary(w: _Html) -> str:
    data = w.data
    rests = [r for r in data.get("rests_on") or () if isinstance(r, dict)]
    opens = [q for q in data.get("open_questions") or () if isinstance(q, dict)]
    out = ['<nav class="part summary" aria-label="Summary">\n<p class="kicker">In brief</p>\n']
    out.append('<section aria-labelledby="rests-h">\n<h2 id="rests-h">What the case rests on</h2>\n<ul>\n')
    for r in rests:
        text = _e(_one_line(r.get("text", "")))
        href = (f'#{_e("arg-" + str(r.get("id")))}' if r.get("kind") == "objection"
                and f"arg-{r.get('id')}" in w.objection_ids else w.claim_href(r.get("id")))
        item = f'<a href="{href}">{text}</a>' if href else text
        kind = "an objection, if it stood" if r.get("kind") == "objection" else ""
        why = _one_line(r.get("why") or kind)
        out.append(f"<li>{item}" + (f'<span class="why">{_e(why)}</span>' if why else "") + "</li>\n")
    if not rests:
        out.append('<li class="none">No single claim decides the thesis on its own.</li>\n')
    out.append("</ul>\n</section>\n")
    out.append('<section aria-labelledby="open-h">\n<h2 id="open-h">Open questions</h2>\n<ul>\n')
    for q in opens:
        premises = [p for p in q.get("premises") or () if isinstance(p, dict)]
        text = _one_line(q.get("title") or (premises[0].get("text", "") if premises else "") or "Objection")
        href = w.claim_href(premises[0].get("id")) if premises else None
        item = f'<a href="{href}">{_e(text)}</a>' if href else _e(text)
        target = _one_line(q.get("target_text") or q.get("target") or "")
        why = f"objects to “{_e(target)}”; not answered" if target else "not answered"
        out.append(f'<li>{item}<span class="why">{why}</span></li>\n')
    if not opens:
        out.append('<li class="none">None: every objection in the map is answered.</li>\n')
    out.append("</ul>\n</section>\n</nav>\n")
    return "".join(out)


def _footer(w: _Html) -> str:
    data = w.data
    ev = data.get("evaluation") or {}
    out = ['<footer class="site-foot">\n<h2 class="vh">About this brief</h2>\n']
    out.append(f"<p>{_e(_evaluation_sentence(data))}</p>\n")
    if ev.get("note"):
        out.append(f"<p>{_e(_one_line(ev['note']))}</p>\n")
    counts = _counts_sentence(data)
    if counts:
        out.append(f"<p>{_e(counts)}</p>\n")
    out.append('<p class="made">Made with argmap.</p>\n')
    if w.links:
        out.append('<section class="print-links" aria-label="Links">\n<h2>Links</h2>\n<ol>\n')
        out.extend(f"<li>{_e(u)}</li>\n" for u in w.links)
        out.append("</ol>\n</section>\n")
    out.append("</footer>\n")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")


def md_escape(text: Any) -> str:
    r"""User text as literal Markdown on one line: every character that could make a link, HTML,
    code or emphasis is backslash-escaped, and so is a start that would make a list or heading.

    >>> print(md_escape("[click](javascript:alert(1)) <b>x</b> *y*"))
    \[click\](javascript:alert(1)) \<b\>x\</b\> \*y\*
    >>> print(md_escape("1. first")), print(md_escape("- dash")), print(md_escape("+ plus"))
    1\. first
    \- dash
    \+ plus
    (None, None, None)
    """
    t = _MD_SPECIAL.sub(r"\\\1", _one_line(text))
    t = re.sub(r"^(\d+)([.)])", r"\1\\\2", t)
    if t[:1] in ("-", "+", "=", ">"):
        t = "\\" + t
    return t


def _md_url(url: str) -> str:
    """A URL safe as a Markdown link destination: parentheses, spaces and angle brackets encoded."""
    return urllib.parse.quote(url, safe=":/?#@!$&'*+,;=%~-._")


class _Markdown:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.thesis: dict[str, Any] = data.get("thesis") or {}
        self.full = _full_claims(self.thesis)
        self.entries = {f"claim-{i}" for i in self.full}
        self.placed: set[str] = set()

    def href(self, ident: Any) -> str | None:
        key = f"claim-{ident}"
        return f"#{key}" if key in self.entries and _SLUG.fullmatch(str(ident)) else None

    def badge(self, status: Any, strength: Any) -> str:
        bits = []
        words = _label_words(status)
        if words:
            bits.append(f"**{words}**")
        s = _strength(strength)
        if s is not None:
            bits.append(f"strength {s}")
        return " · ".join(bits)

    def quote(self, c: dict[str, Any], pad: str) -> list[str]:
        quote, para = c.get("quote"), c.get("para")
        where = f"¶ {md_escape(para)}" if para is not None else ""
        if not quote:
            return [f"{pad}  {where}"] if where else []
        mark, words = VERIFIED.get(c.get("verified") or "unverified", VERIFIED["unverified"])
        said = ((mark + " ") if mark else "") + words
        foot = ", ".join(x for x in (where, said) if x)
        return [f"{pad}  > “{md_escape(quote)}” ({foot})"]

    def claim(self, c: dict[str, Any], pad: str) -> Iterator[Any]:
        ident = str(c.get("id", ""))
        key = f"claim-{ident}"
        text = md_escape(c.get("text", ""))
        if key in self.placed or ident not in self.full:
            href = self.href(ident) if key in self.placed else None
            yield f"{pad}- {text} ([see above]({href}))\n" if href else f"{pad}- {text}\n"
            return
        self.placed.add(key)
        c = self.full[ident]
        anchor = f'<a id="{key}"></a>' if _SLUG.fullmatch(ident) else ""
        tags = [self.badge(c.get("status"), c.get("strength"))]
        if c.get("given"):
            tags.append("given")
        if c.get("analyst"):
            tags.append("*analyst’s own claim*")
        yield f"{pad}- {anchor}{text}  \n{pad}  {' · '.join(t for t in tags if t)}\n"
        q = self.quote(c, pad)
        if q:
            yield "\n" + "\n".join(q) + "\n\n"
        for a in list(c.get("supports") or ()) + list(c.get("objections") or ()):
            yield lambda a=a: self.argument(a, pad + "  ")

    def argument(self, a: dict[str, Any], pad: str, head: bool = True) -> Iterator[Any]:
        kind = theme.relation_key(a.get("relation", "support"), bool(a.get("undercut")))
        inner = pad
        if head:
            word = {"support": "Reason", "attack": "Reply" if a.get("reply") else "Objection",
                    "undercut": "Reply (undercut)" if a.get("reply") else "Undercut"}[kind]
            bits = [f"**{theme.RELATIONS[kind]['marker']} {word}**"]  # "+ x" would start a list
            if a.get("title"):
                bits.append(f"*{md_escape(a['title'])}*")
            extra = [md_escape(a["scheme"])] if a.get("scheme") else []
            if kind != "support":
                extra.append(self.badge(a.get("status"), a.get("strength")))
            line = " ".join(bits) + (" · " + " · ".join(x for x in extra if x) if extra else "")
            yield f"{pad}- {line}\n"
            inner = pad + "  "
        for p in a.get("premises") or ():
            yield lambda p=p: self.claim(p, inner)
        for sub in list(a.get("supports") or ()) + list(a.get("undercuts") or ()):
            yield lambda sub=sub: self.argument(sub, inner)


def markdown_brief(data: dict[str, Any], svg_name: str | Sequence[str]) -> str:
    r"""The brief in Markdown that renders well on GitHub, with the map as the SVG file
    ``svg_name`` beside it (linked, so a click opens it full size).

    >>> md = markdown_brief({"title": "T*", "thesis": {"id": "t", "text": "<b>A</b>", "status": "OUT",
    ...                      "strength": 0.2}}, "brief.svg")
    >>> md.splitlines()[0], "\\<b\\>A\\</b\\>" in md, "✘ OUT · defeated" in md
    ('# T\\*', True, True)
    """
    w = _Markdown(data)
    anchors = _objection_anchors(w.thesis)
    t = w.thesis
    title = md_escape(data.get("title") or t.get("text") or "Argument brief")
    out: list[Any] = [f"# {title}\n\n"]
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    if source:
        bits = []
        if source.get("title"):
            name = f"*{md_escape(source['title'])}*"
            url = safe_url(source.get("url"))
            bits.append(f"[{name}]({_md_url(url)})" if url else name)
        bits += [md_escape(b) for b in _source_bits(source)]
        out.append(f"**Source:** {', '.join(bits)}  \n")
    by = [md_escape(data["byline"])] if data.get("byline") else []
    if data.get("generated"):
        by.append(f"brief prepared {md_escape(data['generated'])}")
    if by:
        out.append(" · ".join(by) + "\n")
    out.append("\n")
    if t:
        ident = str(t.get("id", ""))
        anchor = f'<a id="claim-{ident}"></a>' if w.href(ident) else ""
        w.placed.add(f"claim-{ident}")
        out.append(f"> {anchor}**The thesis.** {md_escape(t.get('text', ''))}  \n")
        out.append(f"> {w.badge(t.get('status'), t.get('strength'))}\n")
        if t.get("why"):
            out.append(f">\n> {md_escape(t['why'])}\n")
        out.append("\n")
    out.append("## What the case rests on\n\n")
    rests = [r for r in data.get("rests_on") or () if isinstance(r, dict)]
    for r in rests:
        href = (f"#arg-{r.get('id')}" if r.get("kind") == "objection" and f"arg-{r.get('id')}" in anchors
                else w.href(r.get("id")))
        text = md_escape(r.get("text", ""))
        why = f": {md_escape(r['why'])}" if r.get("why") else ""
        out.append(f"- [{text}]({href}){why}\n" if href else f"- {text}{why}\n")
    if not rests:
        out.append("No single claim decides the thesis on its own.\n")
    out.append("\n## Open questions\n\n")
    opens = [q for q in data.get("open_questions") or () if isinstance(q, dict)]
    for q in opens:
        premises = [p for p in q.get("premises") or () if isinstance(p, dict)]
        text = md_escape(q.get("title") or (premises[0].get("text", "") if premises else "") or "Objection")
        href = w.href(premises[0].get("id")) if premises else None
        target = q.get("target_text") or q.get("target")
        why = f": objects to “{md_escape(target)}”, not answered" if target else ": not answered"
        out.append(f"- [{text}]({href}){why}\n" if href else f"- {text}{why}\n")
    if not opens:
        out.append("None: every objection in the map is answered.\n")
    diagrams = [d for d in data.get("diagrams") or () if isinstance(d, dict)]
    names = [svg_name] if isinstance(svg_name, str) else list(svg_name)
    names = [n for n in names if n]
    if names:
        out.append("\n## The map\n\n")
        for k, name in enumerate(names):
            d = diagrams[k] if k < len(diagrams) else {}
            alt = md_escape(d.get("title") or data.get("title") or "The map")
            dest = _md_url(name)
            out.append(f"[![{alt}]({dest})]({dest})\n\n")
        out.append("*Green solid lines support, red dashed lines object, orange dotted lines "
                   "undercut; click a diagram to open it full size.*\n")
    for heading, _tid, reasons in _grouped_reasons(data):
        out.append(f"\n## {md_escape(heading)}\n")
        for a in reasons:
            title = a.get("title") or ((a.get("premises") or [{}])[0]).get("text", "Reason")
            meta = [w.badge(a.get("status"), a.get("strength"))]
            if a.get("scheme"):
                meta.append(md_escape(a["scheme"]))
            if a.get("linked"):
                meta.append("linked premises")
            out.append(f"\n### + {md_escape(title)}\n\n{' · '.join(m for m in meta if m)}\n\n")
            out.append(lambda a=a: w.argument(a, "", head=False))
    out.append("\n## Objections and replies\n")
    objections = [a for a in t.get("objections") or () if isinstance(a, dict)]
    if not objections:
        out.append("\nNo objection to the thesis is mapped.\n")
    for a in objections:
        kind = theme.relation_key(a.get("relation", "attack"), bool(a.get("undercut")))
        title = a.get("title") or ((a.get("premises") or [{}])[0]).get("text", "Objection")
        answered = a.get("answered")
        if answered is None:
            answered = bool(a.get("undercuts")) or any(
                p.get("objections") for p in a.get("premises") or () if isinstance(p, dict))
        state = "**✔ Answered** (the replies follow)" if answered else "**✘ Not answered**"
        ident = str(a.get("id", ""))
        anchor = f'<a id="arg-{ident}"></a>' if f"arg-{ident}" in anchors else ""
        out.append(f"\n### {anchor}{theme.RELATIONS[kind]['marker']} {md_escape(title)}\n\n"
                   f"{w.badge(a.get('status'), a.get('strength'))} · {state}\n\n")
        out.append(lambda a=a: w.argument(a, "", head=False))
    out.append("\n---\n\n")
    out.append(md_escape(_evaluation_sentence(data)) + "\n")
    note = (data.get("evaluation") or {}).get("note")
    if note:
        out.append(f"\n{md_escape(note)}\n")
    counts = _counts_sentence(data)
    if counts:
        out.append(f"\n{md_escape(counts)} Made with argmap.\n")
    else:
        out.append("\nMade with argmap.\n")
    return _flatten(out)
