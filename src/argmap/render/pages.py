"""Diagrams that fit a page: one page when the map fits at a legible type size, else an overview
and one detail page per branch, each laid out for its page.

The rule (``export --page``): a page's drawing is scaled to fit the page less its margins, and
it *fits* when its smallest type, times that scale, is still at least ``min_font`` points. For
each page argmap lays the diagram out thesis on top (``BT``) and, if that does not fit, thesis
on the left (``RL``), and keeps the first that fits (else the one that needs less shrinking).
When the whole part does not fit, page 1 shows its top claim with its direct reasons and
objections, and each deeper branch is a stub ("▸ 9 more claims: see p. 3"); the branch gets a
page of its own, split the same way if it is still too big, with a stub back to where it
hangs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ExportError
from ..model import ArgumentMap
from .view import Stub

__all__ = ["PAGE_SIZES", "page_size", "Page", "Link", "Laid", "plan_pages", "lay_out_pages", "fit_attrs",
           "smallest_type", "could_fit"]

MM = 72 / 25.4
PAGE_SIZES = {  # width x height in mm
    "a4": (210.0, 297.0),
    "a4-landscape": (297.0, 210.0),
    "letter": (215.9, 279.4),
    "letter-landscape": (279.4, 215.9),
    "slide": (338.67, 190.5),  # 16:9, 13.33 x 7.5 in
}
MARGIN = 28.0  # points on each side of the page (about 10 mm)
MAX_LINKS = 3  # stubs to shared branches a page takes before it draws them again
#: The least room a character of claim text takes on paper, in squares of its type size: an
#: advance of 0.3 em (DejaVu Sans's narrowest letters are wider) on a line of 1 em.
INK = 0.3


def page_size(spec: str) -> tuple[float, float]:
    """A page's width and height in points, from a name or ``WxH`` in ``mm`` or ``in``.

    >>> page_size("a4")
    (595.3, 841.9)
    >>> page_size("11x8.5in"), page_size("160x240mm")
    ((792.0, 612.0), (453.5, 680.3))
    """
    name = spec.strip().lower()
    if name in PAGE_SIZES:
        w, h = PAGE_SIZES[name]
        return round(w * MM, 1), round(h * MM, 1)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*(mm|in)", name)
    if not m:
        raise ExportError(f"unknown page {spec!r}",
                          hint=f"use one of {', '.join(PAGE_SIZES)}, or WxH in mm or in "
                               "(e.g. 160x240mm, 11x8.5in)")
    unit = MM if m.group(3) == "mm" else 72.0
    w, h = float(m.group(1)) * unit, float(m.group(2)) * unit
    if min(w, h) < 144:
        raise ExportError(f"page {spec!r} is too small to draw on", hint="use at least 2 in a side")
    return round(w, 1), round(h, 1)


def smallest_type(dot: str) -> float:
    """The smallest type size, in points, that the DOT source asks for.

    >>> smallest_type('a [fontsize=14 label=<<FONT POINT-SIZE="8">x</FONT>>]')
    8.0
    """
    sizes = [float(v) for v in re.findall(r'POINT-SIZE="([\d.]+)"', dot)]
    sizes += [float(v) for v in re.findall(r'\bfontsize="?([\d.]+)', dot)]
    return min(sizes, default=14.0)


def fit_attrs(width: float, height: float, page: tuple[float, float]) -> tuple[dict[str, str], float]:
    """Graph attributes that scale a drawing of ``width`` x ``height`` points (its layout,
    padding included) into ``page`` less the margins and centre it on exactly that page, and
    the scale. Drawings are only ever shrunk.

    >>> attrs, scale = fit_attrs(1000, 500, (842, 595))
    >>> round(scale, 3), attrs["size"]
    (0.786, '10.9167,7.4861')
    """
    pw, ph = page
    aw, ah = pw - 2 * MARGIN, ph - 2 * MARGIN
    scale = min(aw / width, ah / height, 1.0)
    w, h = width * scale, height * scale
    return ({"size": f"{aw / 72:.4f},{ah / 72:.4f}",
             "margin": f"{(pw - w) / 2 / 72:.4f},{(ph - h) / 2 / 72:.4f}"}, scale)


@dataclass
class Link:
    """A stub on a page: ``claims`` more claims under ``at``, drawn on ``page``. With ``kind``
    and ``title`` it stands for one whole argument for (or against) ``at``."""

    at: str
    claims: int
    page: Page
    kind: str | None = None
    title: str = ""


@dataclass
class Page:
    """One page: the nodes it draws, its stubs to other pages, and the claim it starts from."""

    nodes: set[str]
    top: str | None
    stubs: list[Link] = field(default_factory=list)
    backs: list[tuple[str, Page]] = field(default_factory=list)  # (at, the page it hangs from)
    number: int = 0
    of: int = 0  # the number of pages, once they are all planned

    def stub_views(self) -> list[Stub]:
        out = []
        for s in self.stubs:
            claims = f"claim{'s' * (s.claims != 1)}"
            text = (f"▸ {s.title}: {s.claims} {claims}, p. {s.page.number}" if s.kind
                    else f"▸ {s.claims} more {claims}: see p. {s.page.number}")
            out.append(Stub(s.at, s.claims, f"p. {s.page.number}", text, s.kind))
        for at, page in self.backs:
            out.append(Stub(at, 0, f"p. {page.number}", text=f"▴ from p. {page.number}"))
        return out


def plan_pages(amap: ArgumentMap, nodes: set[str], fits: Callable[[Page], bool]) -> list[Page]:
    """The pages that draw ``nodes``: one if it ``fits``, else an overview and its branches.

    Every claim of ``nodes`` is on at least one page; a claim shared by two branches is on
    both. Pages are numbered in reading order: the overview, then each branch followed by its
    own sub-branches.

    >>> from argmap import loads
    >>> m = loads("thesis: t\\nclaims: {t: T., a: A., b: B., c: C., d: D.}\\narguments: ["
    ...           "{supports: t, premises: [a]}, {supports: a, premises: [b]},"
    ...           "{supports: b, premises: [c]}, {attacks: t, premises: [d]}]")
    >>> pages = plan_pages(m, set(m.graph), lambda p: len(p.nodes) <= 5)
    >>> [(p.number, p.top, sorted(n for n in p.nodes if m.is_claim(n))) for p in pages]
    [(1, 't', ['a', 'd', 't']), (2, 'a', ['a', 'b', 'c'])]
    """
    from ..queries import subset

    g = amap.graph
    paged: dict[str, Page] = {}
    tops = [t for t in amap.roots() if t in nodes]
    if len(tops) == 1:
        pages = _split(amap, nodes, tops[0], fits, subset, frozenset(), paged)
    else:
        pages = []
    # what no page holds yet (every part when there is no one top; else the claims that do
    # not bear on it): each part under its own top, as many to a page as fit
    while True:
        drawn = set().union(*(p.nodes for p in pages))
        rest = {n for n in nodes - drawn if g.nodes[n]["kind"] == "claim"}
        if not rest:
            break
        part = amap.restricted((nodes - drawn) | rest)
        part.thesis = None
        units = []
        for top in part.roots():
            below = subset(part, focus=top)
            units.append(_Unit(top, below, _count(g, below)))
        pages += _pack(amap, units, None, fits, subset, frozenset(), paged)
    for i, p in enumerate(pages, 1):
        p.number, p.of = i, len(pages)
    return pages


def _split(amap: ArgumentMap, nodes: set[str], top: str, fits: Callable[[Page], bool],
           subset: Callable[..., set[str]], above: frozenset[str],
           paged: dict[str, Page], links: list[Link] | None = None,
           backs: list[tuple[str, Page]] | None = None) -> list[Page]:
    """The pages of ``nodes`` under ``top``; ``paged`` holds the page each branch already
    drawn starts on, so that a branch shared by two parents is drawn once. The first page
    carries ``links`` (to shared branches) and ``backs`` (to where it hangs from), and is
    measured with them."""
    g = amap.graph

    def first(part: set[str], stubs: Sequence[Link] = ()) -> Page:
        return Page(part, top, [*(links or ()), *stubs], list(backs or ()))

    whole = first(nodes)
    if fits(whole):
        return [whole]
    order = {n: i for i, n in enumerate(g)}
    overview = first(subset(amap, focus=top, depth=1) & nodes)
    args = [a for a in g.pred[top] if a in nodes and g.nodes[a]["kind"] == "argument"]
    units: list[_Unit] = []
    fits_one = fits(overview)
    if fits_one:  # as many levels as fit on the page
        depth = 2
        while True:
            deeper = first(subset(amap, focus=top, depth=depth) & nodes)
            if deeper.nodes == overview.nodes or not fits(deeper):
                break
            overview, depth = deeper, depth + 1
    if len(args) > 1 and top not in above and not fits_one:
        # too many direct reasons and objections for one page: the top claim alone, with a
        # stub for each argument, and the arguments on the pages after it
        from .theme import relation_key

        overview = first({top})
        for a in sorted(args, key=order.__getitem__):
            attrs = g.nodes[a]
            part = {top}
            for arg in [a, *(u for u in g.pred[a] if g.nodes[u]["kind"] == "argument")]:
                part.add(arg)
                for p in g.nodes[arg]["premises"]:
                    part |= subset(amap, focus=p)
            part &= nodes
            kind = relation_key(attrs["relation"], False)
            name = attrs.get("title") or _short(amap.text(attrs["premises"][0]))
            word = "reason" if kind == "support" else "objection"
            units.append(_Unit(top, part, _count(g, part - {top}), kind, f"{word}: {name}",
                               arg=a))
    else:
        heads = [n for n in overview.nodes if g.nodes[n]["kind"] == "claim" and n != top]
        for head in sorted(heads, key=order.__getitem__):
            if head in above:  # a cycle back to a claim being split: it has its page already
                continue
            branch = subset(amap, focus=head) & nodes
            more = _count(g, branch - overview.nodes)
            # a head whose branch is only partly drawn here: the rest goes on later pages
            if more and not any(_count(g, u.nodes - overview.nodes) and u.nodes >= branch
                                for u in units):
                units.append(_Unit(head, branch, more))
    # fill the page: whole branches join it while it still fits; the rest go on later pages
    later: list[_Unit] = []
    for i, unit in enumerate(units):
        # measured with a stub for each branch still to place, as the page will have them
        stubs = [Link(u.at, u.claims, overview, u.kind, u.title) for u in units[i + 1:]]
        if later or not fits(first(overview.nodes | unit.nodes, stubs)):
            later.append(unit)
        else:
            overview.nodes |= unit.nodes
    return [overview, *_pack(amap, later, overview, fits, subset, above | {top}, paged)]


@dataclass
class _Unit:
    """A part to draw on a later page, and its stub on the page it leaves: ``claims`` more
    under ``at`` (a branch), or one whole argument for or against ``at`` (``kind``, ``title``)."""

    at: str
    nodes: set[str]
    claims: int
    kind: str | None = None
    title: str = ""
    links: list[Link] = field(default_factory=list)  # to shared branches drawn elsewhere
    arg: str | None = None  # the argument a unit with a kind stands for


def _pack(amap: ArgumentMap, units: list[_Unit], parent: Page | None,
          fits: Callable[[Page], bool],
          subset: Callable[..., set[str]], above: frozenset[str],
          paged: dict[str, Page]) -> list[Page]:
    """Pages for ``units`` in order, as many to a page as fit; a unit too big for a page of
    its own is split the same way as a whole map."""
    pages: list[Page] = []
    group: list[_Unit] = []

    def page_of(members: list[_Unit]) -> Page:
        page = Page(set().union(*(u.nodes for u in members)), members[0].at)
        if parent is not None:
            page.backs = [(at, parent) for at in dict.fromkeys(u.at for u in members)]
        page.stubs = [link for u in members for link in u.links]
        return page

    def flush() -> None:
        if group:
            page = page_of(group)
            if parent is not None:
                for kind in dict.fromkeys(u.kind for u in group):
                    same = [u for u in group if u.kind == kind]
                    if kind is not None and len(same) > 1:  # "2 reasons: 7 claims, p. 8"
                        parent.stubs.append(_merged(same, page))
                    else:
                        parent.stubs.extend(Link(u.at, u.claims, page, u.kind, u.title)
                                            for u in same)
            page.stubs = [link for u in group for link in u.links]
            for u in group:
                if u.kind is None:
                    paged.setdefault(u.at, page)
            pages.append(page)
            group.clear()

    g = amap.graph
    for unit in units:
        done = paged.get(unit.at) if unit.kind is None else None
        if done is not None:  # a branch shared with one drawn already: point to its page
            if parent is not None:
                parent.stubs.append(Link(unit.at, unit.claims, done))
            continue
        shared = []
        for head in [h for h in paged if h in unit.nodes and h != unit.at]:
            # a shared branch inside this one, drawn already: keep its head, link to its page
            gone = (subset(amap, focus=head) & unit.nodes) - {head}
            if gone:
                shared.append((head, gone))
        if len(shared) <= MAX_LINKS:  # else drawing them again costs less than the stubs
            for head, gone in shared:
                unit.links.append(Link(head, _count(g, gone), paged[head]))
                unit.nodes -= gone
        unit.claims = _count(g, unit.nodes - (parent.nodes if parent else set())) or unit.claims
        if group and fits(page_of([*group, unit])):
            group.append(unit)
            continue
        flush()
        if fits(page_of([unit])):
            group.append(unit)
            continue
        start = unit.at
        if unit.arg is not None:
            premises = g.nodes[unit.arg]["premises"]
            aimed_at = any(g.nodes[u]["kind"] == "argument" for u in g.pred[unit.arg])
            if len(premises) == 1 and not aimed_at:  # its page starts at its one premise
                start = premises[0]
                unit.nodes = (unit.nodes - {unit.at, unit.arg}) | {start}
        sub = _split(amap, unit.nodes, start, fits, subset, above, paged, unit.links,
                     [(start, parent)] if parent is not None else [])
        if unit.kind is None:
            paged.setdefault(unit.at, sub[0])
        if parent is not None:
            parent.stubs.append(Link(unit.at, unit.claims, sub[0], unit.kind, unit.title))
        pages += sub
    flush()
    return pages


def _merged(group: list[_Unit], page: Page) -> Link:
    """One stub for several arguments of one kind about the same claim, drawn on one page."""
    word = "reason" if group[0].kind == "support" else "objection"
    return Link(group[0].at, sum(u.claims for u in group), page, group[0].kind,
                f"{len(group)} {word}s")


def could_fit(amap: ArgumentMap, nodes: set[str], page: tuple[float, float],
              min_font: float) -> bool:
    """Whether the claims' text of ``nodes`` might fit on ``page`` at ``min_font``: False when
    the text alone, each character printed at ``min_font`` or more in at least :data:`INK`
    of a square of that size, is more than the page's area. (Claims are set in 11 points and
    pages carry smaller type, so no claim is printed smaller than ``min_font`` on a page
    that fits.)

    >>> from argmap import loads
    >>> m = loads("claims: {a: " + "x" * 40000 + "}")
    >>> could_fit(m, {"a"}, (595.3, 841.9), 7.0), could_fit(m, {"a"}, (2000, 2000), 7.0)
    (False, True)
    """
    g = amap.graph
    chars = sum(len(g.nodes[n]["text"]) for n in nodes if g.nodes[n]["kind"] == "claim")
    return chars * INK * min_font ** 2 <= page[0] * page[1]


def _count(g: Any, nodes: set[str]) -> int:
    return sum(1 for n in nodes if g.nodes[n]["kind"] == "claim")


def _short(text: str, width: int = 40) -> str:
    """``text`` cut at a word to about ``width`` characters.

    >>> _short("One two three four", 9)
    'One two…'
    """
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass
class Laid:
    """A page ready to render: its DOT source (scaled and centred on the page), how it was laid
    out (direction, text wrap), the scale, and its smallest type on paper."""

    page: Page
    dot: str
    direction: str
    wrap: int
    scale: float
    type_pt: float


#: The layouts tried for each page, in order of preference: thesis on top with the usual boxes,
#: then with narrower ones, then thesis on the left.
LAYOUTS = (("BT", 34), ("BT", 24), ("RL", 24), ("RL", 34))


def lay_out_pages(amap: ArgumentMap, nodes: set[str], page: tuple[float, float],
                  draw: Callable[[Page, str, int], str],
                  measure: Callable[[str], tuple[float, float]],
                  min_font: float = 7.0,
                  progress: Callable[[str], None] | None = None) -> list[Laid]:
    """Plan the pages of ``nodes`` and lay each out for ``page``.

    ``draw(page, direction, wrap)`` returns a page's DOT source, ``wrap`` being the claims'
    text width in characters; ``measure(dot)`` its laid-out width and height in points (see
    :func:`argmap.render.engine.bbox`). Each page takes the first of :data:`LAYOUTS` that fits
    it, else the one that needs the least shrinking. A part whose claims' text alone could not
    fit on the page at ``min_font`` is not laid out to find that out (:func:`could_fit`).
    ``progress`` is told of each layout measured, and of each page laid out.
    """
    cache: dict[tuple[Any, ...], tuple[str, float, float]] = {}
    g = amap.graph
    measured = [0]

    def trial(p: Page, direction: str, wrap: int) -> tuple[str, float, float]:
        key = (frozenset(p.nodes), len(p.stubs) + len(p.backs), direction, wrap, p.number, p.of)
        if key not in cache:
            dot = draw(p, direction, wrap)
            w, h = measure(dot)
            _, scale = fit_attrs(w, h, page)
            cache[key] = (dot, scale, scale * smallest_type(dot))
            measured[0] += 1
            if progress is not None:
                claims = _count(g, p.nodes)
                progress(f"planning the pages: {measured[0]:,} layouts tried, the last of "
                         f"{claims:,} claim{'s' * (claims != 1)}")
        return cache[key]

    def best(p: Page) -> tuple[tuple[str, int], tuple[str, float, float]]:
        tried = {}
        for layout in LAYOUTS:
            tried[layout] = trial(p, *layout)
            if tried[layout][2] >= min_font:
                return layout, tried[layout]
        return max(tried.items(), key=lambda kv: kv[1][1])

    pages = plan_pages(amap, nodes, lambda p: could_fit(amap, p.nodes, page, min_font)
                       and best(p)[1][2] >= min_font)
    out = []
    for p in pages:  # now that every page has its number, draw each with its stubs
        if progress is not None:
            progress(f"laying out page {p.number} of {len(pages)}")
        (direction, wrap), _ = best(p)
        dot = draw(p, direction, wrap)
        w, h = measure(dot)
        attrs, scale = fit_attrs(w, h, page)
        dot = dot.rstrip().rstrip("}") + "".join(f'\t{k}="{v}"\n' for k, v in attrs.items()) + "}\n"
        out.append(Laid(p, dot, direction, wrap, scale, scale * smallest_type(dot)))
    return out
