"""The brief's writers (argmap.render.brief): structure, safety and Markdown escaping.

The HTML is parsed with html.parser and checked structurally (headings, ids, links, scripts, the
Content-Security-Policy); hostile text must come out as text, never as markup. The data dicts are
built here by hand, in the shape of argmap.briefing.brief_data, so these tests do not depend on it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import ExportError
from argmap.render import theme
from argmap.render.brief import (
    SCRIPT,
    _contrast,
    html_brief,
    markdown_brief,
    md_escape,
    readable,
    safe_url,
)

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert(1)</script> </svg><img src=x onerror=alert(1)> "quoted" & \'single\' &amp;'
MD_HOSTILE = "[click](javascript:alert(1)) <b>x</b> *y*"
SOURCE_URL = "https://example.org/op-ed?id=1&x=2"


# --- data built by hand --------------------------------------------------------------------

def claim(ident: str, text: str | None = None, *, status: str = "IN", strength: float = 0.5,
          theme_id: str | None = None, quote: str | None = None, para: int | None = None,
          verified: str = "no-quote", given: bool = False, analyst: bool = False, ref: bool = False,
          supports: list[dict[str, Any]] | None = None,
          objections: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    c: dict[str, Any] = {"kind": "claim", "id": ident, "text": text or f"Claim {ident}.",
                         "theme": theme_id, "theme_label": theme_id, "status": status,
                         "strength": strength, "quote": quote, "para": para,
                         "verified": verified if quote else "no-quote", "given": given,
                         "analyst": analyst}
    if ref:
        c["ref"] = True
    else:
        c["supports"], c["objections"] = supports or [], objections or []
    return c


def arg(ident: str, relation: str, premises: list[dict[str, Any]], *, title: str | None = None,
        undercut: bool = False, status: str = "IN", strength: float = 0.5, reply: bool = False,
        answered: bool | None = None, supports: list[dict[str, Any]] | None = None,
        undercuts: list[dict[str, Any]] | None = None, scheme: str | None = None) -> dict[str, Any]:
    a: dict[str, Any] = {"kind": "argument", "id": ident, "relation": relation, "undercut": undercut,
                         "linked": len(premises) > 1, "title": title, "scheme": scheme,
                         "status": status, "strength": strength, "premises": premises,
                         "supports": supports or [], "undercuts": undercuts or [], "reply": reply}
    if answered is not None:
        a["answered"] = answered
    return a


SVG = """<svg width="400pt" height="200pt" viewBox="0.00 0.00 400.00 200.00"
 xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 196)">
<title>argmap</title>
<polygon fill="white" stroke="none" points="-4,4 -4,-196 396,-196 396,4 -4,4"/>
<!-- n_thesis -->
<g id="map&#45;thesis" class="node">
<title>n_thesis</title>
<g id="a_map&#45;thesis"><a xlink:href="#claim-thesis" xlink:title="The thesis.">
<path fill="#0d47a1" stroke="#0d47a1" d="M10,-150L100,-150L100,-120L10,-120Z"/>
<text x="20" y="-130">The thesis.</text>
</a></g></g>
<g id="map&#45;r1" class="node">
<title>n_r1</title>
<g id="a_map&#45;r1"><a xlink:href="#claim-r1" xlink:title="Reason one.">
<path fill="#ffffff" stroke="#455a64" d="M10,-50L100,-50L100,-20L10,-20Z"/>
<text x="20" y="-30">Reason one.</text>
</a></g></g>
<g id="map&#45;island" class="node">
<title>n_island</title>
<g id="a_map&#45;island"><a xlink:href="#claim-island" xlink:title="Not in the outline.">
<path fill="#ffffff" stroke="#455a64" d="M200,-50L300,-50L300,-20L200,-20Z"/>
</a></g></g>
<g id="edge1" class="edge"><title>n_r1&#45;&gt;n_thesis</title>
<path fill="none" stroke="#2e7d32" d="M50,-50L50,-120"/></g>
</g>
</svg>"""


def sample(**changes: Any) -> dict[str, Any]:
    """A small brief: two themed reasons and one without a theme, a claim drawn twice (the second
    time as a ref), an answered objection (undercut by a reply) and an unanswered one."""
    shared = claim("shared", "A fact used twice.", given=True, quote="a fact", para=3,
                   verified="verified")
    r1 = claim("r1", "Reason one.", theme_id="alpha", quote="reason one, verbatim", para=2,
               verified="verified",
               supports=[arg("s1", "support", [shared])],
               objections=[arg("o-r1", "attack", [claim("c-r1", "Contested point.", status="UNDEC")],
                               status="UNDEC")])
    r2 = claim("r2", "Reason two.", theme_id="beta", quote="not in the text", para=4,
               verified="not-found",
               supports=[arg("s2", "support", [claim("shared", "A fact used twice.", given=True,
                                                     ref=True)])])
    r3 = claim("r3", "The analyst adds this.", analyst=True, quote="unchecked", para=1,
               verified="unverified")
    reply = arg("reply", "attack", [claim("rep-p", "The objection misreads the text.")],
                title="it misreads the text", undercut=True, reply=True)
    obj1 = arg("obj1", "attack", [claim("o1p", "Talks reward bad behaviour.", status="IN")],
               title="talks reward bad behaviour", status="OUT", strength=0.1, answered=True,
               undercuts=[reply])
    obj2 = arg("obj2", "attack", [claim("o2p", "It costs too much.", status="IN")],
               title="it costs too much", status="IN", strength=0.6, answered=False)
    thesis = claim("thesis", "The thesis.", status="IN", strength=0.93, theme_id="alpha",
                   quote="the thesis, verbatim", para=1, verified="verified",
                   supports=[arg("a1", "support", [r1], title="first reason"),
                             arg("a2", "support", [r2], title="second reason", scheme="analogy"),
                             arg("a3", "support", [r3], title="third reason")],
                   objections=[obj1, obj2])
    thesis["thesis"] = True
    thesis["why"] = "It stands: its reasons stand and every objection to it is defeated."
    data: dict[str, Any] = {
        "title": "A Test Brief",
        "source": {"title": "The Op-Ed", "publisher": "A Think Tank", "author": "A. Writer",
                   "date": "2006-07", "kind": "op-ed", "url": SOURCE_URL},
        "byline": "A Think Tank · op-ed · 2006-07",
        "generated": "2026-01-02",
        "thesis": thesis,
        "themes": [{"id": "beta", "title": "Beta theme", "colour": "#c8e6c9"},
                   {"id": "alpha", "title": "Alpha theme", "colour": "#bbdefb"}],
        "rests_on": [{"id": "r1", "text": "Reason one.", "kind": "premise",
                      "why": "if it were rejected, the thesis would fall"},
                     {"id": "obj2", "text": "it costs too much", "kind": "objection",
                      "why": "if it were accepted, the thesis would fall"}],
        "open_questions": [{"id": "obj2", "title": "it costs too much",
                            "premises": [{"id": "o2p", "text": "It costs too much."}],
                            "target": "thesis", "target_text": "The thesis."}],
        "diagrams": [{"kind": "map", "title": "A Test Brief", "svg": SVG}],
        "counts": {"claims": 12, "arguments": 9, "quoted": 5, "verified": 3, "paragraphs": 4,
                   "uncovered": []},
        "evaluation": {"semantics": "grounded", "strength": "DF-QuAD", "note": None},
        "sources": {"verified": True, "reason": None, "file": "op-ed.txt"},
    }
    data.update(changes)
    return data


def claims_of(node: dict[str, Any]) -> list[dict[str, Any]]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.get("kind") == "claim":
            out.append(n)
        for k in ("supports", "objections", "premises", "undercuts"):
            stack.extend(n.get(k) or ())
    return out


# --- an HTML parser that records what matters ------------------------------------------------

class Page(HTMLParser):
    def __init__(self, doc: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.headings: dict[str, list[str]] = {"h1": [], "h2": [], "h3": []}
        self._open: list[str] = []
        self._heading: list[str] | None = None
        self._script: list[str] | None = None
        self.feed(doc)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.headings:
            self._heading = []
            self._open.append(tag)
        if tag == "script":
            self._script = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.headings and self._open and self._heading is not None:
            self.headings[self._open.pop()].append(" ".join("".join(self._heading).split()))
            self._heading = None
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)

    # views
    def all_text(self) -> str:
        return "".join(self.text)

    def ids(self) -> Counter[str]:
        return Counter(a["id"] or "" for _, a in self.tags if "id" in a)

    def attr_values(self, *names: str) -> list[tuple[str, str, str]]:
        return [(t, n, v or "") for t, a in self.tags for n, v in a.items() if n in names]

    def with_tag(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


@pytest.fixture(scope="module")
def doc() -> str:
    return html_brief(sample())


@pytest.fixture(scope="module")
def page(doc: str) -> Page:
    return Page(doc)


# --- structure -----------------------------------------------------------------------------

def test_document_shell(doc: str, page: Page) -> None:
    assert doc.startswith("<!doctype html>")
    html_tag = page.with_tag("html")
    assert html_tag == [{"lang": "en"}]
    assert any(a.get("charset", "").lower() == "utf-8" for a in page.with_tag("meta"))
    assert page.headings["h1"] == ["A Test Brief"]
    for landmark in ("header", "main", "nav", "footer"):
        assert page.with_tag(landmark), landmark


def test_section_headings_in_order(page: Page) -> None:
    h2 = page.headings["h2"]
    wanted = ["The thesis", "What the case rests on", "Open questions", "The map", "Beta theme",
              "Alpha theme", "Other reasons", "Objections and replies"]
    assert [h for h in h2 if h in wanted] == wanted  # themes in data["themes"] order
    # the reasons are grouped by their first premise's theme: beta (second reason) comes first
    h3 = page.headings["h3"]
    assert [h.lstrip("+ ") for h in h3[:3]] == ["second reason", "first reason", "third reason"]


def test_every_claim_has_exactly_one_entry_and_ids_are_unique(page: Page) -> None:
    ids = page.ids()
    assert all(n == 1 for n in ids.values()), [i for i, n in ids.items() if n > 1]
    for c in claims_of(sample()["thesis"]):
        assert ids[f"claim-{c['id']}"] == 1, c["id"]


def test_every_fragment_link_has_a_target(page: Page) -> None:
    ids = page.ids()
    links = page.attr_values("href", "xlink:href")
    fragments = [v for _, _, v in links if v.startswith("#")]
    assert fragments
    missing = [v for v in fragments if v[1:] not in ids]
    assert not missing
    assert "#claim-island" not in fragments  # a box with no entry in the outline is no link


def test_no_javascript_urls_and_only_the_source_link_leaves_the_page(page: Page) -> None:
    for tag, name, value in page.attr_values(*{n for _, a in page.tags for n in a}):
        assert not value.strip().lower().startswith("javascript:"), (tag, name, value)
        assert not name.startswith("on"), (tag, name)
    external = [v for _, _, v in page.attr_values("href", "src", "xlink:href", "action", "srcset")
                if not v.startswith("#")]
    assert external == [SOURCE_URL]


def test_one_script_allowed_by_its_hash(page: Page) -> None:
    scripts = page.with_tag("script")
    assert scripts == [{}]  # inline, no src
    assert page.scripts == [SCRIPT]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    csp = [a["content"] for a in page.with_tag("meta")
           if (a.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(csp) == 1
    policy = {p.split()[0]: p.split()[1:] for p in csp[0].split(";") if p.strip()}
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == [f"'sha256-{digest}'"]
    assert policy["img-src"] == ["data:"]
    assert policy["style-src"] == ["'unsafe-inline'"]


def test_no_network_in_styles(doc: str) -> None:
    assert "@import" not in doc
    for target in re.findall(r"url\(\s*['\"]?([^)'\"]*)", doc):
        assert target.startswith(("#", "data:")), target
    assert "<link" not in doc and "<iframe" not in doc and "<img" not in doc


def test_the_script_reads_no_user_text() -> None:
    # it only moves viewBoxes: no reading of text or markup, no string evaluation
    for bad in ("innerHTML", "textContent", "innerText", "outerHTML", "eval(", "Function(",
                "document.write", "location", "fetch", "XMLHttpRequest", "getAttribute(\"xlink"):
        assert bad not in SCRIPT, bad


def test_thesis_box(page: Page, doc: str) -> None:
    thesis = [a for t, a in page.tags if a.get("id") == "claim-thesis"]
    assert thesis and "thesis" in (thesis[0].get("class") or "")
    text = page.all_text()
    assert "✔ IN · stands" in text and "strength 0.93" in text
    assert "It stands: its reasons stand and every objection to it is defeated." in text
    assert 'href="#map-thesis"' in doc  # the thesis is drawn: a link back to its box


def test_labels_are_words_and_marks(doc: str) -> None:
    page = Page(doc)
    text = page.all_text()
    for status in ("IN", "OUT", "UNDEC"):
        look = theme.LABELS[status]
        assert f"{look['mark']} {status} · {look['word']}" in text
    assert "? UNDEC · contested" in text and "✘ OUT · defeated" in text


def test_header_source_and_footnote(page: Page) -> None:
    text = page.all_text()
    assert "The Op-Ed" in text and "A Think Tank" in text and "A. Writer" in text
    assert "brief prepared 2026-01-02" in text
    links = [a for a in page.with_tag("a") if a.get("href") == SOURCE_URL]
    assert len(links) == 1 and "noopener" in (links[0].get("rel") or "")
    # printed as a footnote: a number beside it and the URL in the print-only Links list
    assert any("fn" in (a.get("class") or "") for a in page.with_tag("sup"))
    assert any("print-links" in (a.get("class") or "") for a in page.with_tag("section"))
    assert "Links" in page.headings["h2"]


def test_summary_lists_link_to_entries(doc: str, page: Page) -> None:
    assert '<a href="#claim-r1">Reason one.</a>' in doc
    # an objection the case rests on links to its place under "Objections and replies"
    assert '<a href="#arg-obj2">it costs too much</a>' in doc and page.ids()["arg-obj2"] == 1
    # an open question links to its first premise and names what it attacks
    assert '<a href="#claim-o2p">it costs too much</a>' in doc
    assert "objects to “The thesis.”" in page.all_text()


def test_entries_quotes_and_verification(page: Page) -> None:
    text = page.all_text()
    assert "“reason one, verbatim”" in text and "¶ 2" in text and "✓ verified" in text
    assert "✗ not found in the source text" in text
    assert "quote not verified" in text
    assert "given" in text and "analyst’s own claim" in text


def test_refs_link_back_without_an_id(doc: str, page: Page) -> None:
    assert page.ids()["claim-shared"] == 1
    assert '<a class="see" href="#claim-shared">see above</a>' in doc


def test_map_links_only_for_drawn_claims(doc: str, page: Page) -> None:
    hrefs = [a.get("href") for a in page.with_tag("a") if "tomap" in (a.get("class") or "")]
    assert sorted(hrefs) == ["#map-r1", "#map-thesis"]


def test_objections_answered_or_not(page: Page) -> None:
    text = page.all_text()
    assert "✔ Answered by “it misreads the text”" in text
    assert "✘ Not answered" in text
    assert "Reply, undercutting the inference" in text


def test_footer_counts_and_method(page: Page) -> None:
    text = page.all_text()
    assert "12 claims, 9 arguments; 3 of 5 quotes verified" in text
    assert "grounded" in text and "DF-QuAD" in text and "Made with argmap" in text


def test_unverified_sources_are_said_so() -> None:
    data = sample(sources={"verified": False, "reason": "no source text", "file": None})
    text = Page(html_brief(data)).all_text()
    assert "5 quotes, not verified (no source text)" in text


# --- the inline SVG --------------------------------------------------------------------------

def test_svg_is_accessible_and_focusable(page: Page) -> None:
    svg = page.with_tag("svg")[0]
    assert svg.get("role") == "group"
    assert "width" not in svg and "height" not in svg and svg.get("viewbox")
    ids = page.ids()
    assert ids[svg["aria-labelledby"] or ""] == 1 and ids[svg["aria-describedby"] or ""] == 1
    text = page.all_text()
    assert "3 claims, 9 arguments; click a claim to read its entry" in text
    assert "n_thesis" not in text and "n_r1" not in text  # Graphviz names replaced by the claims
    links = [a for a in page.with_tag("a") if (a.get("xlink:href") or "").startswith("#claim-")]
    assert links and all(a.get("tabindex") == "0" for a in links)
    zoom = [a for a in page.with_tag("div") if "zoom" in (a.get("class") or "").split()]
    assert zoom and zoom[0].get("tabindex") == "0"
    buttons = [a.get("data-zoom") for a in page.with_tag("button")]
    assert buttons == ["in", "out", "reset"]


def test_claim_title_in_svg_is_the_claims_text() -> None:
    data = sample()
    data["thesis"]["supports"][0]["premises"][0]["text"] = HOSTILE
    doc = html_brief(data)
    body = doc[doc.index("<svg"):doc.index("</svg>") + 6]
    assert f"<title>{HOSTILE}</title>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    page = Page(doc)
    # hover and screen readers get the claim's text as written (Graphviz's tooltip loses "&amp;")
    tips = [a.get("xlink:title") for a in page.with_tag("a") if a.get("xlink:href") == "#claim-r1"]
    assert tips == [HOSTILE]
    assert page.with_tag("svg") and Counter(t for t, _ in page.tags)["img"] == 0


def test_hostile_svg_is_sanitised() -> None:
    evil = SVG.replace(
        '<polygon fill="white"',
        '<script>alert(1)</script><foreignObject><div>x</div></foreignObject>'
        '<image href="http://evil.example/x.png"/><a xlink:href="javascript:alert(1)"><text>x</text></a>'
        '<rect onload="alert(1)" style="fill:url(http://evil.example/f)" fill="url(http://evil.example/)"'
        ' width="1" height="1"/><polygon fill="white"')
    page = Page(html_brief(sample(diagrams=[{"kind": "map", "title": "t", "svg": evil}])))
    tags = {t for t, _ in page.tags}
    assert "foreignobject" not in tags and "image" not in tags
    assert page.scripts == [SCRIPT]
    for _, name, value in page.attr_values(*{n for _, a in page.tags for n in a}):
        assert not name.startswith("on")
        assert "evil.example" not in value and "javascript:" not in value


def test_diagrams_keep_ids_unique() -> None:
    data = sample(diagrams=[{"kind": "map", "title": "whole", "svg": SVG},
                            {"kind": "detail", "title": "part", "svg": SVG}])
    page = Page(html_brief(data))
    ids = page.ids()
    assert all(n == 1 for n in ids.values())
    assert ids["map-thesis"] == 1 and ids["d2-map-thesis"] == 1
    # the whole map on screen, the page-fit diagrams in print
    figures = [a.get("class") or "" for a in page.with_tag("figure")]
    assert [f.replace(" wide", "") for f in figures] == ["diagram screen-only", "diagram print-only"]


def test_a_diagram_that_is_not_svg_is_left_out() -> None:
    page = Page(html_brief(sample(diagrams=[{"kind": "map", "title": "t", "svg": "<svg><g></svg>"}])))
    assert "This diagram could not be included." in page.all_text()
    assert not page.with_tag("svg")
    assert not [a for a in page.with_tag("a") if "tomap" in (a.get("class") or "")]


# --- hostile text ----------------------------------------------------------------------------

def hostile_data() -> dict[str, Any]:
    data = sample()
    data["title"] = HOSTILE
    data["source"] = {"title": HOSTILE, "publisher": HOSTILE, "url": "javascript:alert(1)"}
    data["byline"] = HOSTILE
    data["thesis"]["text"] = HOSTILE
    data["thesis"]["why"] = HOSTILE
    data["thesis"]["supports"][0]["title"] = HOSTILE
    data["thesis"]["supports"][0]["premises"][0]["quote"] = HOSTILE
    data["themes"][0]["title"] = HOSTILE
    data["themes"][0]["colour"] = "red;background:url(http://evil.example/)"
    data["rests_on"][0]["why"] = HOSTILE
    data["open_questions"][0]["target_text"] = HOSTILE
    data["evaluation"]["note"] = HOSTILE
    return data


def test_hostile_text_stays_text() -> None:
    doc = html_brief(hostile_data())
    page = Page(doc)
    tags = Counter(t for t, _ in page.tags)
    assert tags["img"] == 0 and tags["script"] == 1 and tags["h1"] == 1
    assert tags["svg"] == 1  # "</svg>" in a claim closes nothing
    assert page.scripts == [SCRIPT]
    for _, name, value in page.attr_values(*{n for _, a in page.tags for n in a}):
        assert not name.startswith("on"), name
        assert not value.strip().lower().startswith("javascript:")
        assert "evil.example" not in value
    text = page.all_text()
    assert text.count(HOSTILE) >= 8  # shown literally, wherever it was
    assert page.headings["h1"] == [" ".join(HOSTILE.split())]
    # the unsafe url is shown as inert text, never as a link
    assert doc.count("javascript:") == 1 and '<span class="url">javascript:' in doc
    assert not [a for a in page.with_tag("a") if (a.get("href") or "").startswith(("javascript", "http"))]
    assert "evil.example" not in doc


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "//evil.example/x",
                                 "http:/missing-host", "ftp://example.org/x", "https://exa mple.org/"])
def test_only_http_links_are_kept(url: str) -> None:
    data = sample()
    data["source"]["url"] = url
    page = Page(html_brief(data))
    assert not [v for _, _, v in page.attr_values("href", "src") if not v.startswith("#")]
    assert safe_url(url) is None


def test_safe_url() -> None:
    assert safe_url("http://example.org") == "http://example.org"
    assert safe_url("  https://example.org/a(b)  ") == "https://example.org/a(b)"
    assert safe_url(42) is None and safe_url("") is None


def test_page_sizes() -> None:
    assert "@page { size: A4; margin: 15mm; }" in html_brief(sample(), page="a4")
    assert "@page { size: letter; margin: 15mm; }" in html_brief(sample(), page="letter")
    plain = html_brief(sample())
    assert "@page { margin: 15mm; }" in plain
    for rule in ("break-inside: avoid", "break-after: avoid", "max-width: 100%", "@media print"):
        assert rule in plain, rule
    with pytest.raises(ExportError):
        html_brief(sample(), page="a5")


def test_minimal_data() -> None:
    doc = html_brief({"thesis": {"id": "t", "text": "Only a thesis.", "status": "UNDEC"}})
    page = Page(doc)
    assert page.headings["h1"] == ["Only a thesis."]
    assert "? UNDEC · contested" in page.all_text()
    assert "None: every objection in the map is answered." in page.all_text()
    assert all(v[1:] in page.ids() for _, _, v in page.attr_values("href") if v.startswith("#"))


def test_a_deep_map_does_not_exhaust_the_stack() -> None:
    node = claim("c0")
    top = node
    for i in range(1, 600):
        child = claim(f"c{i}")
        node["supports"] = [arg(f"a{i}", "support", [child])]
        node = child
    data = {"title": "Deep", "thesis": top}
    page = Page(html_brief(data))
    assert page.ids()["claim-c599"] == 1
    assert "Claim c599." in markdown_brief(data, "deep.svg")


def test_text_colours_meet_wcag_aa() -> None:
    white = "#ffffff"
    assert _contrast("#1a1a1a", white) >= 4.5  # body text
    assert _contrast("#455a64", white) >= 4.5  # secondary text
    assert _contrast(theme.THESIS["font"], theme.THESIS["fill"]) >= 4.5
    for look in theme.RELATIONS.values():
        assert _contrast(readable(look["color"]), white) >= 4.5
    for look in theme.LABELS.values():
        assert _contrast("#1a1a1a", look["fill"]) >= 4.5


# --- Markdown --------------------------------------------------------------------------------

def test_md_escape() -> None:
    assert md_escape(MD_HOSTILE) == r"\[click\](javascript:alert(1)) \<b\>x\</b\> \*y\*"
    assert md_escape("a_b `c` #d |e| ~f~ &amp;") == r"a\_b \`c\` \#d \|e\| \~f\~ \&amp;"
    assert md_escape("1. one") == r"1\. one" and md_escape("2) two") == r"2\) two"
    assert md_escape("- x") == r"\- x" and md_escape("+ y") == r"\+ y" and md_escape("> z") == r"\> z"
    assert md_escape("two\nlines\n# not a heading") == r"two lines \# not a heading"


def md_data() -> dict[str, Any]:
    data = sample()
    data["title"] = MD_HOSTILE
    data["thesis"]["text"] = MD_HOSTILE
    data["thesis"]["supports"][0]["premises"][0]["text"] = "1. " + MD_HOSTILE
    data["source"]["url"] = "javascript:alert(1)"
    return data


def test_markdown_sections_labels_and_map() -> None:
    md = markdown_brief(sample(), "brief map.svg")
    for heading in ("## What the case rests on", "## Open questions", "## The map", "## Beta theme",
                    "## Alpha theme", "## Other reasons", "## Objections and replies"):
        assert f"\n{heading}\n" in md, heading
    assert md.startswith("# A Test Brief\n")
    assert "[![A Test Brief](brief%20map.svg)](brief%20map.svg)" in md
    for words in ("✔ IN · stands", "✘ OUT · defeated", "? UNDEC · contested"):
        assert words in md
    assert "[Reason one.](#claim-r1)" in md and '<a id="claim-r1"></a>' in md
    assert "([see above](#claim-shared))" in md
    assert "**✘ Not answered**" in md
    assert "[it costs too much](#arg-obj2)" in md and '<a id="arg-obj2"></a>' in md
    assert not re.search(r"^\s*[-*] [-+*] ", md, re.M)  # no item that starts a nested list
    assert f"[*The Op\\-Ed*]({SOURCE_URL})" in md or "[*The Op-Ed*](" + SOURCE_URL + ")" in md
    assert "> “reason one, verbatim” (¶ 2, ✓ verified)" in md
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    assert len(anchors) == len(re.findall(r'<a id="([^"]+)"></a>', md))
    for target in re.findall(r"\]\(#([^)]+)\)", md):
        assert target in anchors, target


def test_markdown_escapes_hostile_text() -> None:
    md = markdown_brief(md_data(), "brief.svg")
    escaped = md_escape(MD_HOSTILE)
    assert md.startswith(f"# {escaped}\n")
    assert f"**The thesis.** {escaped}" in md
    assert "1\\. " + escaped in md
    assert "javascript:alert(1))" not in md.replace(escaped, "")
    assert "(javascript:" not in md.replace(escaped, "")


def test_markdown_renders_as_literal_text() -> None:
    markdown_it = pytest.importorskip("markdown_it")  # rich's dependency
    md = markdown_brief(md_data(), "brief.svg")
    rendered = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    page = Page(rendered)
    for _, _, value in page.attr_values("href", "src"):
        assert value.startswith("#") or value == "brief.svg", value
    assert not page.with_tag("b") and not page.with_tag("script")
    assert "[click](javascript:alert(1)) <b>x</b> *y*" in page.all_text()
    assert "1. [click]" in page.all_text()  # no nested ordered list
    assert not page.with_tag("ol")


# --- with the lead's data, when it is there ---------------------------------------------------

def test_bundled_map_brief() -> None:
    try:
        from argmap.briefing import brief_data
    except ImportError:
        pytest.skip("argmap.briefing is not written yet")
    import argmap

    data = brief_data(argmap.load(ROOT / "data" / "north_korea_oped.yaml"))
    doc = html_brief(data, page="a4")
    page = Page(doc)
    ids = page.ids()
    assert page.headings["h1"] and all(n == 1 for n in ids.values())
    for c in claims_of(data["thesis"]):
        if not c.get("ref"):
            assert ids[f"claim-{c['id']}"] == 1
    assert all(v[1:] in ids for _, _, v in page.attr_values("href", "xlink:href") if v.startswith("#"))
    assert page.scripts == [SCRIPT]
    md = markdown_brief(data, "north_korea_oped.svg")
    assert "## Objections and replies" in md
