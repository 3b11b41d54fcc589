"""The HTML brief (``argmap brief``) in a real browser: Playwright for Python driving the system's
Chromium (no ``playwright install``: it runs the browser :func:`find_chromium` finds).

The module skips when Playwright is not installed or no Chromium is found. For a look by eye,
a screenshot and the printed PDF of the bundled map's brief are also saved in /tmp/brief-look/
(shot-1280.png, brief-a4.pdf; with ARGMAP_BRIEF_LOOK=1 also a full-page full-1280.png).
"""

import os
import re
import shutil
import struct
from pathlib import Path

import pytest
import yaml

from argmap.render.chromium import find_chromium

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright for Python is not installed (pip install playwright; no `playwright install` "
           "is needed: the tests run the system's Chromium)")

CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip("no Chromium or Chrome to drive (apt-get install chromium, or set ARGMAP_CHROMIUM)",
                allow_module_level=True)

LOOK = Path("/tmp/brief-look")  # copies for a person to look at
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)

HOSTILE = {
    "title": "<script>window.__pwned=5</script> A hostile & \"quoted\" map",
    "source": {"title": "</title><script>window.__pwned=6</script>", "publisher": "Evil <Corp> & Co",
               "kind": "op-ed", "date": "2026-01", "url": "javascript:window.__pwned=3"},
    "thesis": "t",
    "themes": {"x": "<b>Theme</b> & \"more\""},
    "claims": {
        "t": {"text": "<script>window.__pwned=1</script> We must act now.", "theme": "x",
              "source": {"para": 1, "quote": "<script>window.__pwned=7</script>"}},
        "svg-break": {"text": "</svg><img src=x onerror=\"window.__pwned=2\"> breaks out of the map.",
                      "theme": "x"},
        "words": {"text": "A claim that merely says onerror= and onload=alert(1) and "
                          "javascript:window.__pwned=4 in words.", "theme": "x"},
        "quotes": {"text": "Quotes ' and \" and ` with & and &amp; and < and > and &lt;b&gt; survive.",
                   "theme": "x"},
        "text-break": {"text": "]]></text></a></g></svg><svg onload=\"window.__pwned=8\"> a reply.",
                       "theme": "x"},
    },
    "arguments": [
        {"id": "s1", "supports": "t", "premises": ["svg-break", "words"],
         "title": "<img src=y onerror=\"window.__pwned=9\"> linked"},
        {"id": "o1", "attacks": "t", "premises": ["quotes"]},
        {"id": "r1", "attacks": "o1", "premises": ["text-break"]},
    ],
}


def normalised(text):
    return " ".join(text.split())


def wait_until(page, script, arg=None, timeout=3000, what="the condition"):
    """Poll ``script`` (a JavaScript function of ``arg``) until it returns true; fail the test
    when it has not within ``timeout`` ms. (Not page.wait_for_function: older Playwrights
    evaluate its predicate with eval, which the page's Content Security Policy rightly forbids.)"""
    waited = 0
    while not page.evaluate(script, arg):
        if waited >= timeout:
            pytest.fail(f"{what} did not happen within {timeout} ms")
        page.wait_for_timeout(50)
        waited += 50


def wait_for_hash(page, fragment):
    wait_until(page, "(h) => location.hash === h", fragment, what=f"location.hash becoming {fragment}")


def wait_in_viewport(page, element_id):
    """Wait (the page may scroll smoothly) until the element with id ``element_id`` is at least
    partly inside the window."""
    wait_until(page, """(id) => {
        const r = document.getElementById(id).getBoundingClientRect();
        return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
    }""", element_id, what=f"#{element_id} coming into the window")


def settle(page, timeout=3000):
    """Wait until the page has stopped scrolling (it scrolls smoothly where motion is not reduced,
    and a second scroll started before the first ends may be lost)."""
    last, waited = None, 0
    while waited < timeout:
        now = page.evaluate("() => [window.scrollX, window.scrollY]")
        if now == last:
            return
        last = now
        page.wait_for_timeout(100)
        waited += 100


def in_viewport(page, selector):
    """True when the first element ``selector`` matches is (at least partly) inside the window."""
    return page.evaluate("""(sel) => {
        const el = document.querySelector(sel);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
    }""", selector)


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def make_brief(folder, map_path=None, *extra):
    """``argmap brief [MAP] -o folder/brief.html [extra...]`` through click's CliRunner."""
    from click.testing import CliRunner

    from argmap.cli import cli

    out = Path(folder) / "brief.html"
    args = ["brief", *([str(map_path)] if map_path else []), "-o", str(out), *extra]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return make_brief(tmp_path_factory.mktemp("bundled"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(HOSTILE, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return make_brief(folder, path)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class Watched:
    """A page with everything it did recorded: console messages, page errors, dialogs, every
    request, and the requests that were blocked (anything not file://)."""

    def __init__(self, context):
        self.console, self.errors, self.dialogs = [], [], []
        self.requests, self.blocked, self.sockets = [], [], []
        context.route("**/*", self._route)
        self.page = page = context.new_page()
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("websocket", lambda w: self.sockets.append(w.url))
        page.on("dialog", self._dialog)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append((dialog.type, dialog.message))
        dialog.dismiss()

    def open(self, path):
        self.page.goto(Path(path).resolve().as_uri(), wait_until="load")
        self.page.wait_for_timeout(150)  # anything a script starts late
        return self.page


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=1,
                                  java_script_enabled=True)
    try:
        yield Watched(context)
    finally:
        context.close()


def claim_box(claim):
    return f'g[id="map-{claim}"]'


def claim_link(claim):
    return f'g[id="map-{claim}"] a'


# loading

def test_the_bundled_brief_loads_cleanly_and_offline(watched, bundled):
    page = watched.open(bundled)
    assert watched.errors == []
    assert [m for m in watched.console if m[0] in ("error", "warning")] == []
    assert watched.blocked == [] and watched.sockets == []
    assert watched.requests == [bundled.resolve().as_uri()]
    assert page.title().strip()


def test_the_thesis_and_every_claim_text_are_on_the_page(watched, bundled):
    import argmap

    amap = argmap.load()
    body = normalised(watched.open(bundled).inner_text("body"))
    assert normalised(amap.text(amap.thesis)) in body
    missing = [c for c in amap.claims() if normalised(amap.text(c)) not in body]
    assert missing == [], f"claims whose text is not on the page: {missing}"


def test_every_link_in_the_page_leads_somewhere_on_it(watched, bundled):
    page = watched.open(bundled)
    links = page.evaluate("""() => [...document.querySelectorAll('a')].map(a =>
        a.getAttribute('href') || a.getAttribute('xlink:href') || '')""")
    assert links
    inside = [h for h in links if h.startswith("#")]
    dangling = page.evaluate("""(hs) => hs.filter(h => !document.getElementById(
        decodeURIComponent(h.slice(1))))""", inside)
    assert dangling == [], f"links to nothing on the page: {dangling[:5]}"
    assert [h for h in links if not h.startswith("#")] == []  # the bundled map's source has no url


def test_the_page_has_headings_and_the_map_a_name_and_a_description(watched, bundled):
    page = watched.open(bundled)
    assert page.locator("h1").count() == 1 and page.locator("h2").count() >= 3
    described = page.evaluate("""() => [...document.querySelectorAll('svg')].map(svg => {
        const text = (attr) => (svg.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
            .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
        const own = (tag) => { const el = svg.querySelector(':scope > ' + tag);
                               return el ? el.textContent.trim() : ''; };
        return [svg.getAttribute('aria-label') || text('aria-labelledby') || own('title'),
                text('aria-describedby') || own('desc')];
    })""")
    assert described and all(name and desc for name, desc in described), described


# links between the map and the outline

def test_a_claim_in_the_map_leads_to_its_entry_and_back(watched, bundled):
    import argmap

    page = watched.open(bundled)
    # the claim whose entry is lowest on the page, so that following its link must scroll
    ids = [c for c in argmap.load().claims()]
    claim = page.evaluate("""(ids) => ids.map(id => [id, document.getElementById('claim-' + id)])
        .filter(([id, el]) => el && document.getElementById('map-' + id))
        .map(([id, el]) => [id, el.getBoundingClientRect().top + window.scrollY])
        .sort((a, b) => b[1] - a[1])[0][0]""", ids)
    box = page.locator(claim_link(claim)).first
    box.scroll_into_view_if_needed()
    settle(page)
    at_map = page.evaluate("() => window.scrollY")
    box.click()
    wait_for_hash(page, f"#claim-{claim}")
    wait_in_viewport(page, f"claim-{claim}")
    assert page.evaluate("() => window.scrollY") > at_map  # it scrolled down to the outline

    back = page.locator(f'[id="claim-{claim}"] a[href="#map-{claim}"]').first
    assert "map" in back.inner_text()
    back.click()
    wait_for_hash(page, f"#map-{claim}")
    wait_in_viewport(page, f"map-{claim}")


def test_the_keyboard_reaches_a_claim_in_the_map_and_follows_it(watched, bundled):
    page = watched.open(bundled)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('svg')"):
            break
    else:
        pytest.fail("80 presses of Tab never reached a claim in the map's SVG")
    href = page.evaluate("""() => {
        const a = document.activeElement.closest('a');
        return a && (a.getAttribute('href') || a.getAttribute('xlink:href')); }""")
    assert href and href.startswith("#claim-"), f"the focused element in the SVG links to {href!r}"
    settle(page)  # the scroll that brings the focused claim into view
    page.keyboard.press("Enter")
    wait_for_hash(page, href)
    wait_in_viewport(page, href[1:])


def test_the_zoom_in_button_zooms_the_map(watched, bundled):
    page = watched.open(bundled)
    button = page.get_by_role("button", name=re.compile(r"^\+$|zoom in", re.I)).first
    state = """() => {
        const svg = document.querySelector('svg');
        const g = svg.querySelector('g');
        const r = svg.getBoundingClientRect();
        return [svg.getAttribute('viewBox'), svg.getAttribute('transform'), svg.style.transform,
                getComputedStyle(svg).transform, g && g.getAttribute('transform'),
                getComputedStyle(svg.parentElement).transform, r.width, r.height];
    }"""
    before = page.evaluate(state)
    button.click()
    page.wait_for_timeout(400)  # a transition, if there is one
    after = page.evaluate(state)
    assert after != before, "clicking + changed neither the SVG's viewBox, nor a transform, nor its size"


# hostile text

def test_hostile_text_is_shown_literally_and_runs_nothing(watched, hostile):
    page = watched.open(hostile)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert watched.dialogs == [] and watched.errors == []
    assert page.locator("img").count() == 0
    assert page.evaluate("""() => [...document.querySelectorAll('a')].filter(a =>
        /^\\s*javascript:/i.test(a.getAttribute('href') || a.getAttribute('xlink:href') || '')
    ).length""") == 0
    assert page.evaluate("""() => [...document.querySelectorAll('*')].filter(el =>
        [...el.attributes].some(at => /^on/i.test(at.name))).length""") == 0, "an inline handler"
    body = normalised(page.inner_text("body"))
    texts = [c["text"] for c in HOSTILE["claims"].values()] + [HOSTILE["title"]]
    missing = [t for t in texts if normalised(t) not in body]
    assert missing == [], f"not shown literally: {missing}"
    assert watched.blocked == [] and watched.requests == [hostile.resolve().as_uri()]


def test_the_map_tooltips_keep_hostile_text_as_written(watched, hostile):
    page = watched.open(hostile)
    tips = page.evaluate("""(ids) => Object.fromEntries(ids.map(id => {
        const a = document.querySelector('g[id="map-' + id + '"] a');
        return [id, a && (a.getAttribute('xlink:title') || a.getAttribute('title'))];
    }))""", list(HOSTILE["claims"]))
    wrong = {c: tip for c, tip in tips.items()
             if tip is not None and tip != HOSTILE["claims"][c]["text"]}
    assert wrong == {}, "tooltips that differ from the claim's text"


# the look: a screenshot and the printed page

def test_a_screenshot_at_1280_by_800(watched, bundled, tmp_path):
    page = watched.open(bundled)
    shot = tmp_path / "shot-1280.png"
    page.screenshot(path=str(shot))
    assert png_size(shot.read_bytes()) == (1280, 800)
    LOOK.mkdir(exist_ok=True)
    shutil.copyfile(shot, LOOK / "shot-1280.png")


def text_outside(pdf_path):
    """Text fragments of the PDF whose position lies outside their page's media box:
    ``[(page number, x, y, text)]``."""
    import pypdf

    outside = []
    reader = pypdf.PdfReader(pdf_path)
    for number, pdf_page in enumerate(reader.pages, 1):
        box = pdf_page.mediabox
        left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))

        def visit(text, cm, tm, font, size, number=number, box=(left, bottom, right, top)):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if not (box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1):
                outside.append((number, round(x, 1), round(y, 1), text.strip()[:40]))

        pdf_page.extract_text(visitor_text=visit)
    return reader, outside


@pytest.mark.parametrize("paper, points", [("a4", A4), ("letter", LETTER)])
def test_the_printed_pdf_keeps_its_text_on_the_paper(tmp_path, paper, points):
    html = make_brief(tmp_path, None, "--page", paper, "--pdf")
    pdf = html.with_suffix(".pdf")
    reader, outside = text_outside(pdf)
    assert len(reader.pages) >= 1
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    for w, h in sizes:  # the paper asked for; a wide map gets a landscape page of its own
        w, h = min(w, h), max(w, h)
        assert abs(w - points[0]) <= 2 and abs(h - points[1]) <= 2, f"a page of {w} x {h} pt"
    assert sizes[0][0] < sizes[0][1] and sum(w > h for w, h in sizes) == 1  # the map's page
    assert outside == [], f"text outside the page: {outside[:5]}"
    text = normalised(" ".join(p.extract_text() for p in reader.pages))
    assert "six-party" in text  # the thesis is in the PDF as text, not only as pixels
    if paper == "a4":
        LOOK.mkdir(exist_ok=True)
        shutil.copyfile(pdf, LOOK / "brief-a4.pdf")


def test_playwright_prints_the_page_on_a4_too(watched, bundled, tmp_path):
    page = watched.open(bundled)
    pdf = tmp_path / "brief.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    reader, outside = text_outside(pdf)
    assert len(reader.pages) >= 1 and outside == []
    for p in reader.pages:  # portrait, and the map's page in landscape
        w, h = sorted((float(p.mediabox.width), float(p.mediabox.height)))
        assert abs(w - A4[0]) <= 2 and abs(h - A4[1]) <= 2


if os.environ.get("ARGMAP_BRIEF_LOOK"):  # pragma: no cover - a helper for a look by eye
    def test_save_a_full_page_screenshot(watched, bundled):
        LOOK.mkdir(exist_ok=True)
        watched.open(bundled).screenshot(path=str(LOOK / "full-1280.png"), full_page=True)
