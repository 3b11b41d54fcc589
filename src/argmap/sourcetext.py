"""A source document's text: its numbered paragraphs, and quotes found in them.

A map of a document cites it by paragraph number (``para: 3``) and by verbatim quote (``quote:``);
:func:`parse_source` reads the document's text into a :class:`SourceText` that numbers the
paragraphs, finds quotes (:meth:`SourceText.find`), the nearest passage to a quote that is not
verbatim (:meth:`SourceText.closest`) and the sentences nearest to a claim written in the
analyst's own words (:meth:`SourceText.suggest`). Offsets are code points in the text as given.

How paragraphs are numbered:

- A line ends at ``\\n``, ``\\r\\n`` or ``\\r``; a blank line is empty or only whitespace.
- Layout ``blocks``: a paragraph is a run of lines that are not blank. Layout ``lines``: every
  line that is not blank is a paragraph. Layout ``auto`` (the default) decides on the whole text
  (before ``start`` and ``stop`` apply) and is ``lines`` when the text is one block (no blank
  line between two lines that are not blank), or when at least 80% of the lines that are not
  the last line of their block end with ``. ! ? : ;`` (maybe followed by closing quotes or
  brackets), as in a text written one paragraph a line under a title and a blank line; it is
  ``blocks`` otherwise (a hard-wrapped text's lines mostly end inside a sentence; when every
  block is one line, the two layouts are the same).
- ``start``: paragraph 1 is the first paragraph that contains the marker (both normalised, see
  below); the paragraphs before it are not numbered. ``stop``: the first paragraph from
  paragraph 1 on that contains this marker, and every paragraph after it, are not numbered.
  A marker found nowhere is an error.
- Markdown (``.md``, ``.markdown``): as text, but a YAML front matter block (``---`` to ``---``
  or ``...`` at the top), headings (``# x``, and the lines above a ``===`` or ``---``
  underline), thematic breaks (``---``, ``***``, ``___``), fenced code blocks and HTML comments
  are not paragraphs and separate them. Each line loses its ``>`` quote marks and list marker
  (``-``, ``*``, ``+``, and ``1.`` or ``1)`` on a block's first line or after a list item), and
  inline markup goes: emphasis ``*`` and ``_`` runs (an ``_`` inside a word, as in snake_case,
  stays), code backticks, backslash escapes, ``[text](url)`` (the text stays), ``![alt](url)``
  and inline HTML tags.
- HTML (``.html``, ``.htm``, ``.xhtml``): each ``<p>`` element is a paragraph, in document
  order (ended by ``</p>``, the next ``<p>`` or a block element such as ``<div>`` or ``<li>``);
  nested markup is flattened, ``<br>`` is a space, entities are decoded (a match's offset of an
  entity is that of its ``&``), and ``<script>``, ``<style>``, ``<template>`` and ``<noscript>``
  are ignored. The layout does not apply.
- A paragraph that has no text once normalised (only markup, or only zero-width characters)
  is not numbered, and a text with no paragraph at all is an error.

The title is the first heading (Markdown ``# x`` or underlined; HTML ``<title>``, else
``<h1>``), else the first line of the first paragraph (before ``start`` applies: in a text
file, its first line that is not blank; in HTML, the first ``<p>``), whitespace collapsed, at
most 200 characters.

A quote and the text are compared after :func:`normalise` (see :data:`NORMALISATIONS`); case
counts (a verbatim quote keeps its case). A quote never matches across two paragraphs; ``...``
or ``…`` in a quote (also ``[...]``, with or without spaces) stands for left-out words: the
pieces between must occur in that order in one paragraph. A word hyphenated at a line break
is not joined: ``sus-`` and ``ceptible`` on two lines match ``sus-ceptible``, not ``susceptible``.

>>> src = parse_source("Title\\n\\nThe first paragraph,\\nwrapped.\\nStill the first.\\n\\n"
...                    "The second \\u2014 and \\u201clast\\u201d.\\n")
>>> src.layout, src.title, [p.text for p in src.paragraphs][1:]
('blocks', 'Title',
 ['The first paragraph, wrapped. Still the first.', 'The second \u2014 and \u201clast\u201d.'])
>>> m, = src.find('second - and "last"')
>>> m.para, src.text[m.start:m.end]
(3, 'second \u2014 and \u201clast\u201d')
>>> [(m.para, m.passage) for m in src.find("first paragraph ... first")]
[(2, 'first paragraph, wrapped. Still the first')]
>>> m = src.closest("paragraf, wrapped")
>>> m.para, src.text[m.start:m.end], round(m.score)
(2, 'paragraph,\\nwrapped', 91)
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePath

from .errors import ArgmapError

__all__ = [
    "LAYOUTS",
    "NORMALISATIONS",
    "Match",
    "Paragraph",
    "Sentence",
    "SourceText",
    "SourceTextError",
    "normalise",
    "parse_source",
]

LAYOUTS = ("auto", "blocks", "lines")
#: how alike (0-100) a passage in the paragraphs a claim cites must be to end the search for
#: the passage closest to its quote there
NEAR_ENOUGH = 90
NORMALISATIONS: tuple[str, ...] = (
    "Letters and the accents after them are composed (Unicode NFC), so an accented letter "
    "written as one character or as a letter and an accent is the same.",
    "Soft hyphens (U+00AD) and zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) "
    "are dropped.",
    "Every run of whitespace (spaces, tabs, line breaks, no-break and other Unicode spaces) is "
    "one space, and the whitespace at either end is dropped.",
    "Typographic quotes are plain ones: \u2018 \u2019 \u201a \u201b \u2032 ` are ' and "
    "\u201c \u201d \u201e \u201f \u2033 \u00ab \u00bb are \".",
    "Dashes and the minus sign (\u2010 \u2011 \u2012 \u2013 \u2014 \u2015 \u2212, and a run of "
    "hyphens such as --) are one hyphen, with no space on either side, so 'word \u2014 word', "
    "'word\u2014word' and 'word - word' are the same.",
)

_KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
          ".xhtml": "html"}
_TITLE_MAX = 200
_LINE_END = re.compile(r"\r\n?|\n")
_FINAL = re.compile(r"[.!?:;][\"'\u201d\u2019\u00bb)\]]*\s*$")  # a line that ends a sentence
_ELLIPSIS = re.compile(r"\s*\[?(?:\.\.\.|\u2026)\]?\s*")

# every character str.isspace() calls space (tested against it)
_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
           "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_TABLE = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`", "'"),
                        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
                        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
                        **dict.fromkeys(_SPACES, " ")})
# After _TABLE, a run of spaces, invisible characters and hyphens changes when it is longer than one
# character, is an invisible character, or is a space at either end.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_CHANGE = re.compile(rf"[ {_INVISIBLE}-]{{2,}}|[{_INVISIBLE}]|^ | \Z")

_SENTENCE_END = re.compile(r"(\S*?)([.!?]+)[\"')\]]* ")
_ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "vs", "etc", "e.g", "i.e",
                  "No", "Gen", "Sen", "Rep", "Gov", "Inc", "Ltd", "Co"}
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")  # J. Smith, U.S., U.N.

# Markdown
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_ATX_END = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_QUOTE_MARKS = re.compile(r"(?:[ \t]*>)*[ \t]*")
_LIST_MARK = re.compile(r"(?:[-*+]|(\d{1,9}[.)]))[ \t]+")
_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_DROPPED = re.compile(r"!\[[^\]]*\]\([^)]*\)|<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*+|_+")

# HTML
_HIDDEN = {"script", "style", "template", "noscript"}
_BLOCKS = {"address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt",
           "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
           "h6", "header", "hr", "li", "main", "nav", "ol", "pre", "section", "table", "td",
           "th", "tr", "ul"}

Piece = tuple[int, int, str]  # text[start:end] is read as the string


class SourceTextError(ArgmapError):
    """A source text that cannot be numbered as asked: a start or stop marker found nowhere, an
    unknown layout or kind, a text with no paragraph, HTML that cannot be parsed."""


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph: ``text`` is what a user is shown (whitespace collapsed, markup
    removed); ``start`` and ``end`` are its first character's offset and the one past its last."""

    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Match:
    """A passage of paragraph ``para`` at ``start:end`` of the text; ``score`` is 100.0 for a
    verbatim (normalised) match, the fuzzy score from 0 to 100 otherwise."""

    para: int
    start: int
    end: int
    score: float
    passage: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of paragraph ``para`` at ``start:end`` of the text."""

    para: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Map:
    """Where the characters of a rewritten string came from: segment ``k`` starts at ``out[k]``
    in it and came from ``src[k]:stop[k]``; a segment as long as its source maps character by
    character, any other maps each of its characters to the whole source. ``out`` ends with
    the string's length."""

    out: list[int]
    src: list[int]
    stop: list[int]

    def source(self, i: int) -> tuple[int, int]:
        """The span that character ``i`` came from."""
        k = bisect.bisect_right(self.out, i) - 1
        at, src, stop = self.out[k], self.src[k], self.stop[k]
        if self.out[k + 1] - at == stop - src:
            return src + i - at, src + i - at + 1
        return src, stop

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The span that the non-empty span ``i:j`` came from."""
        return self.source(i)[0], self.source(j - 1)[1]


@dataclass(frozen=True)
class _Block:
    """A paragraph's text without markup (``raw``), normalised (``norm``), and the maps from
    ``norm`` back through each normalising step to ``raw`` (``maps[1:]``) and to the source
    (``maps[0]``)."""

    raw: str
    norm: str
    maps: tuple[_Map, ...]

    def locate(self, i: int, j: int) -> tuple[int, int, str]:
        """The source offsets of ``norm[i:j]`` and its text as shown to a user."""
        for m in reversed(self.maps[1:]):
            i, j = m.span(i, j)
        return (*self.maps[0].span(i, j), _collapse(self.raw[i:j]))


class SourceText:
    """A source document's numbered paragraphs (made by :func:`parse_source`)."""

    def __init__(self, name: str, text: str, kind: str, layout: str, blocks: list[_Block],
                 title: str | None):
        self.name, self.text, self.kind, self.layout, self.title = name, text, kind, layout, title
        self._blocks = blocks
        self.paragraphs = [Paragraph(n, *b.locate(0, len(b.norm))) for n, b in enumerate(blocks, 1)]
        self._sentences: list[Sentence] | None = None
        self._bags: list[str] = []  # of the sentences
        self._folded: list[str] | None = None  # the paragraphs as closest() compares them
        self._joined: str | None = None  # the normalised paragraphs, one a line (for find)
        self._starts: list[int] = []  # where each begins in _joined

    def __repr__(self) -> str:
        return f"<SourceText {self.name!r}: {len(self.paragraphs)} paragraphs>"

    def paragraph(self, n: int) -> Paragraph | None:
        """Paragraph number ``n``, or None if there is none."""
        return self.paragraphs[n - 1] if 1 <= n <= len(self.paragraphs) else None

    def find(self, quote: str, paras: Iterable[int] | None = None) -> list[Match]:
        """Every occurrence of ``quote`` (normalised) in the paragraphs numbered ``paras`` (all
        if None), in text order, none overlapping another; [] for a quote with no text.

        >>> src = parse_source("One two. Two one.\\n\\nTwo, then one.")
        >>> [(m.para, m.start, m.passage) for m in src.find("Two ... one")]
        [(1, 9, 'Two one'), (2, 19, 'Two, then one')]
        >>> src.find("Two ... one", paras=[2])[0].start, src.find("one ... two"), src.find(" ")
        (19, [], [])
        """
        pieces = [p for p in map(normalise, _ELLIPSIS.split(quote)) if p]
        if not pieces:
            return []
        numbers = self._holding(max(pieces, key=len)) if paras is None else \
            [n for n in sorted(set(paras)) if 1 <= n <= len(self._blocks)]
        return [m for n in numbers for m in self._find(n, pieces)]

    def _holding(self, piece: str) -> list[int]:
        """The numbers of the paragraphs whose normalised text contains ``piece``: one search of
        all of them joined (a normalised text has no line break, so none spans two)."""
        if self._joined is None:
            self._joined = "\n".join(b.norm for b in self._blocks)
            self._starts = list(itertools.accumulate((len(b.norm) + 1 for b in self._blocks[:-1]),
                                                     initial=0))
        joined, starts = self._joined, self._starts
        out: list[int] = []
        at = joined.find(piece)
        while at >= 0:
            n = bisect.bisect_right(starts, at)  # the paragraph's number, from 1
            out.append(n)
            at = joined.find(piece, starts[n]) if n < len(starts) else -1
        return out

    def _find(self, n: int, pieces: list[str]) -> list[Match]:
        norm, pos = self._blocks[n - 1].norm, 0
        found: list[Match] = []
        while (start := norm.find(pieces[0], pos)) >= 0:
            pos = start + len(pieces[0])
            for piece in pieces[1:]:
                at = norm.find(piece, pos)
                if at < 0:
                    return found
                pos = at + len(piece)
            found.append(self._match(n, start, pos, 100.0))
        return found

    def _match(self, n: int, i: int, j: int, score: float) -> Match:
        start, end, passage = self._blocks[n - 1].locate(i, j)
        return Match(n, start, end, score, passage)

    def closest(self, quote: str, near: Iterable[int] = ()) -> Match | None:
        """The verbatim match of ``quote`` that comes first, else the passage most like it: found
        with rapidfuzz's partial ratio on normalised text, letter case ignored, widened to whole
        words, and scored by the ratio of it and the normalised quote (case counts; below 100).
        None for a quote with no text. The paragraphs ``near`` (those a claim cites) are looked
        at first: a passage there that is at least :data:`NEAR_ENOUGH` alike is the answer,
        and the rest of the text is not searched (the slow part, in a long text).

        >>> src = parse_source("Harm can be trimmed down to size.\\n\\nIt can be trimmed down.")
        >>> src.closest("can be trimmed downx")
        Match(para=1, start=5, end=24, score=97.43589743589743, passage='can be trimmed down')
        >>> src.closest("can be trimmed downx", near=[2]).para
        2
        """
        wanted = [n for n in dict.fromkeys(near) if 1 <= n <= len(self._blocks)]
        if wanted:
            found = self._closest(quote, wanted)
            if found is not None and found.score >= NEAR_ENOUGH:
                return found
        return self._closest(quote, None)

    def _closest(self, quote: str, numbers: list[int] | None) -> Match | None:
        exact = self.find(quote, numbers)
        if exact:
            return exact[0]
        q = normalise(quote)
        if not q:
            return None
        if self._folded is None:
            self._folded = [_fold(b.norm) for b in self._blocks]
        pool = range(len(self._blocks)) if numbers is None else [n - 1 for n in numbers]
        folded = [self._folded[k] for k in pool]
        from rapidfuzz import fuzz, process  # only for a quote that is not in the text

        _, _, best = process.extractOne(_fold(q), folded, scorer=fuzz.partial_ratio,
                                        processor=None)
        k = pool[best]
        at = fuzz.partial_ratio_alignment(_fold(q), self._folded[k], processor=None)
        assert at is not None  # as there is no score cutoff
        norm = self._blocks[k].norm
        i, j = _words(norm, at.dest_start, at.dest_end)
        return self._match(k + 1, i, j, fuzz.ratio(q, norm[i:j]))

    def sentences(self) -> list[Sentence]:
        """Every sentence of every numbered paragraph, in order.

        >>> [s.text for s in parse_source("Mr. J. Smith came. He saw the U.S. Navy! \\u201cWhy?\\u201d "
        ...                                "he asked. 3 left.").sentences()]
        ['Mr. J. Smith came.', 'He saw the U.S. Navy!', '\u201cWhy?\u201d he asked.', '3 left.']
        """
        if self._sentences is None:
            self._sentences = [Sentence(n, a, b, text) for n, block in enumerate(self._blocks, 1)
                               for a, b, text in (block.locate(i, j) for i, j in _split(block.norm))]
            self._bags = [_bag(s.text) for s in self._sentences]
        return self._sentences

    def suggest(self, claim_text: str, limit: int = 1, paras: Iterable[int] | None = None
                ) -> list[tuple[Sentence, float]]:
        """The ``limit`` sentences most like ``claim_text`` (a paraphrase), best first, with their
        rapidfuzz token set ratio (0 to 100) of their lower-case words; only sentences of the
        paragraphs ``paras``, if given.

        >>> src = parse_source("Tea is warm. Coffee keeps you awake at night.\\n\\nCoffee is hot.")
        >>> [(s.text, round(score)) for s, score in src.suggest("coffee keeps people awake")]
        [('Coffee keeps you awake at night.', 84)]
        >>> [s.text for s, _ in src.suggest("coffee keeps people awake", paras=[2])]
        ['Coffee is hot.']
        """
        from rapidfuzz import fuzz, process

        sentences = self.sentences()
        pool = range(len(sentences))
        if paras is not None:
            wanted = set(paras)
            pool = [k for k in pool if sentences[k].para in wanted]  # type: ignore[assignment]
        found = process.extract(_bag(claim_text), [self._bags[k] for k in pool],
                                scorer=fuzz.token_set_ratio, processor=None, limit=limit)
        return [(sentences[pool[k]], score) for _, score, k in found]


def parse_source(text: str, name: str = "<source>", *, kind: str | None = None,
                 start: str | None = None, stop: str | None = None,
                 layout: str = "auto") -> SourceText:
    """The numbered paragraphs of ``text`` (a document named ``name``, for messages; its kind
    is ``"text"``, ``"markdown"`` or ``"html"``, by default from the name's extension).

    >>> src = parse_source("Menu\\n\\nOur story.\\n\\nThe end.\\n\\nSubscribe now", start="story",
    ...                    stop="Subscribe")
    >>> src.title, [p.text for p in src.paragraphs], src.paragraph(1)
    ('Menu', ['Our story.', 'The end.'], Paragraph(number=1, start=6, end=16, text='Our story.'))
    >>> parse_source("Menu", start="story")
    Traceback (most recent call last):
    argmap.sourcetext.SourceTextError: <source>: no paragraph contains the start marker 'story'
    """
    kind = kind or _KINDS.get(PurePath(name).suffix.lower(), "text")
    if layout not in LAYOUTS:
        raise SourceTextError(f"unknown layout {layout!r}", "use one of " + ", ".join(LAYOUTS))
    if kind == "html":
        pieces, title = _html(text, name)
        layout = "blocks"
    elif kind in ("text", "markdown"):
        blocks, headings = _markdown(text) if kind == "markdown" else (_text_blocks(text), [])
        layout = _auto(text, blocks) if layout == "auto" else layout
        pieces = [_pieces(text, lines) for block in blocks
                  for lines in ([block] if layout == "blocks" else [[line] for line in block])]
        title = next((h for h in headings if h), None) or (
            _display(text, [blocks[0][0]]) if blocks else None)
    else:
        raise SourceTextError(f"{name}: unknown kind of text {kind!r}", "use text, markdown or html")
    found = [b for b in map(_block, pieces) if b.norm]
    if not found:
        raise SourceTextError(f"{name}: the text has no paragraph",
                              "an HTML page is numbered by its <p> elements; save it as plain text "
                              "if it has none" if kind == "html" else "the text is empty or only markup")
    first, last = _bounds(name, found, start, stop)
    return SourceText(name, text, kind, layout, found[first:last], _clip(title))


def normalise(s: str) -> str:
    """``s`` as quotes and paragraphs are compared (:data:`NORMALISATIONS`, in that order).

    >>> normalise("  \\u201cWell\\u2014 it\\u2019s\\u00a0sus\\u00adceptible --\\nor not\\u201d ")
    '"Well-it\\'s susceptible-or not"'
    """
    return _normalised(s)[0]


def _normalised(s: str) -> tuple[str, list[_Map]]:
    """``s`` normalised, with the map of each step that changes lengths."""
    maps = []
    if not unicodedata.is_normalized("NFC", s):
        s, nfc = _nfc(s)
        maps.append(nfc)
    s, changed = _sub(_CHANGE, _change, s.translate(_TABLE))
    return s, [*maps, changed]


def _nfc(s: str) -> tuple[str, _Map]:
    """``s`` in NFC, composed one letter and the marks after it at a time (so offsets stay)."""
    starts = [i for i, c in enumerate(s) if not i or not (unicodedata.combining(c)
                                                          or "\u1161" <= c <= "\u11c2")]
    return _join((a, b, unicodedata.normalize("NFC", s[a:b]))
                 for a, b in zip(starts, [*starts[1:], len(s)], strict=True))


def _change(m: re.Match[str]) -> str:
    run = m.group()
    if "-" in run:
        return "-"
    if m.start() == 0 or m.end() == len(m.string):
        return ""
    return " " if " " in run else ""


def _sub(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], s: str) -> tuple[str, _Map]:
    """``pattern.sub(repl, s)`` with the map back to ``s``."""
    pieces, last = [], 0
    for m in pattern.finditer(s):
        new = repl(m)
        if new != m.group():
            pieces += [(last, m.start(), s[last:m.start()]), (m.start(), m.end(), new)]
            last = m.end()
    pieces.append((last, len(s), s[last:]))
    return _join(pieces)


def _join(pieces: Iterable[Piece]) -> tuple[str, _Map]:
    """The strings of ``pieces`` joined, with the map back to where they came from."""
    out: list[int] = []
    src: list[int] = []
    stop: list[int] = []
    parts: list[str] = []
    n = 0
    for a, b, s in pieces:
        if s:
            out.append(n)
            src.append(a)
            stop.append(b)
            parts.append(s)
            n += len(s)
    return "".join(parts), _Map([*out, n], src, stop)


def _block(pieces: list[Piece]) -> _Block:
    raw, raw_map = _join(pieces)
    norm, maps = _normalised(raw)
    return _Block(raw, norm, (raw_map, *maps))


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _clip(s: str | None) -> str | None:
    s = _collapse(s or "")
    return (s if len(s) <= _TITLE_MAX else s[:_TITLE_MAX - 1] + "\u2026") or None


def _fold(s: str) -> str:
    """``s`` in lower case, if that keeps every offset."""
    low = s.lower()
    return low if len(low) == len(s) else s


def _bag(s: str) -> str:
    """The distinct lower-case words of ``s``, sorted: all a token set ratio looks at, made once."""
    from rapidfuzz import utils

    return " ".join(sorted(set(utils.default_process(s).split())))


def _words(s: str, i: int, j: int) -> tuple[int, int]:
    """``i:j`` of ``s`` (not empty) without spaces at its ends and widened to whole words."""
    j = max(j, i + 1)
    while j - i > 1 and s[i] == " ":
        i += 1
    while j - i > 1 and s[j - 1] == " ":
        j -= 1
    while 0 < i < j and s[i - 1].isalnum() and s[i].isalnum():
        i -= 1
    while i < j < len(s) and s[j - 1].isalnum() and s[j].isalnum():
        j += 1
    return i, j


def _split(norm: str) -> list[tuple[int, int]]:
    """The spans of the sentences of normalised paragraph text ``norm``."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(norm):
        word, after = m.group(1).lstrip("\"'(["), norm[m.end()]
        begins = after.isupper() or after.isdigit() or after in "\"'(["
        abbreviated = m.group(2) == "." and (word in _ABBREVIATIONS or _INITIALS.fullmatch(word))
        if begins and not abbreviated:
            spans.append((start, m.end() - 1))
            start = m.end()
    return [*spans, (start, len(norm))]


def _bounds(name: str, blocks: list[_Block], start: str | None, stop: str | None
            ) -> tuple[int, int]:
    """Where the numbered paragraphs begin and end in ``blocks``."""
    first, last = 0, len(blocks)
    if start is not None:
        first = _marker(name, blocks, start, 0, "start")
        if first < 0:
            raise SourceTextError(f"{name}: no paragraph contains the start marker {start!r}",
                                  f"the first paragraphs begin {_beginnings(blocks[:3])}; give "
                                  "words of the paragraph that is to be paragraph 1")
    if stop is not None:
        last = _marker(name, blocks, stop, first, "stop")
        if last < 0:
            raise SourceTextError(f"{name}: no paragraph from paragraph 1 on contains the stop "
                                  f"marker {stop!r}", f"the last paragraphs begin "
                                  f"{_beginnings(blocks[-3:])}; give words of the first "
                                  "paragraph to leave out")
        if last == first:
            raise SourceTextError(f"{name}: the stop marker {stop!r} is in paragraph 1, so no "
                                  "paragraph is left", "give words of a later paragraph")
    return first, last


def _marker(name: str, blocks: list[_Block], marker: str, first: int, what: str) -> int:
    """The index of the first block from ``first`` on that contains ``marker``, or -1."""
    needle = normalise(marker)
    if not needle:
        raise SourceTextError(f"{name}: the {what} marker is empty",
                              "give words of the paragraph it marks")
    return next((k for k in range(first, len(blocks)) if needle in blocks[k].norm), -1)


def _beginnings(blocks: list[_Block]) -> str:
    shown = (_collapse(b.raw) for b in blocks)
    return ", ".join(repr(s[:30] + "..." * (len(s) > 30)) for s in shown)


# Plain text and Markdown: a block is a list of lines, a line (start, end, kept spans).
Line = tuple[int, int, list[tuple[int, int]]]


def _lines(text: str) -> list[tuple[int, int]]:
    """The start and end of each line of ``text`` (without its line break)."""
    spans, pos = [], 0
    for m in _LINE_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    return [*spans, (pos, len(text))]


def _text_blocks(text: str) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for s, e in _lines(text):
        if text[s:e].strip():
            blocks[-1].append((s, e, [(s, e)]))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _auto(text: str, blocks: list[list[Line]]) -> str:
    """The layout ``auto`` means for ``blocks`` (see the module's docstring)."""
    inner = [line for block in blocks for line in block[:-1]]
    final = sum(bool(_FINAL.search(_display(text, [line]))) for line in inner)
    return "lines" if len(blocks) <= 1 or (inner and final >= 0.8 * len(inner)) else "blocks"


def _pieces(text: str, lines: list[Line]) -> list[Piece]:
    """The pieces of a paragraph made of ``lines``: their kept spans, a space between lines."""
    pieces: list[Piece] = []
    for k, (s, _, spans) in enumerate(lines):
        if k:
            pieces.append((lines[k - 1][1], s, " "))
        pieces += [(a, b, text[a:b]) for a, b in spans]
    return pieces


def _display(text: str, lines: list[Line]) -> str:
    return _collapse(_join(_pieces(text, lines))[0])


def _markdown(text: str) -> tuple[list[list[Line]], list[str]]:
    """The paragraph blocks of Markdown ``text``, and its headings' texts."""
    lines = _lines(text)
    blocks: list[list[Line]] = []
    block: list[Line] = []
    headings: list[str] = []
    fence, in_comment, listed = "", False, False
    for s, e in lines[_front_matter(text, lines):]:
        line = text[s:e]
        if fence:
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not line[m.end():].strip():
                fence = ""
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if block and _SETEXT.fullmatch(line):
            headings.append(_display(text, block))
            block = []
            continue
        fenced, atx = _FENCE.match(line), _ATX.match(line)
        comment = line.lstrip().startswith("<!--")
        if line.strip() and not (fenced or atx or comment or _RULE.fullmatch(line)):
            prefix, listed = _prefix(line, not block or listed)
            block.append((s, e, _inline(text, s + prefix, e)))
            continue
        if block:
            blocks.append(block)
            block = []
        if fenced:
            fence = fenced.group(1)
        elif comment:
            in_comment = "-->" not in line[line.index("<!--") + 4:]
        elif atx:
            end = s + _ATX_END.search(line, atx.end()).start()  # type: ignore[union-attr]
            headings.append(_display(text, [(s, e, _inline(text, s + atx.end(), end))]))
    return [*blocks, block] if block else blocks, headings


def _front_matter(text: str, lines: list[tuple[int, int]]) -> int:
    """How many lines at the top are a YAML front matter block."""
    if text[lines[0][0]:lines[0][1]].rstrip() != "---":
        return 0
    end = next((k for k, (s, e) in enumerate(lines[1:], 1) if text[s:e].rstrip() in ("---", "...")),
               None)
    return 0 if end is None else end + 1


def _prefix(line: str, ordered: bool) -> tuple[int, bool]:
    """Where a line's text begins after its quote marks and list marker (a numbered one only if
    ``ordered``), and whether it had a list marker."""
    at = _QUOTE_MARKS.match(line).end()  # type: ignore[union-attr]
    m = _LIST_MARK.match(line, at)
    if m and (ordered or not m.group(1)):
        return m.end(), True
    return at, False


def _inline(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The spans of ``text[s:e]`` (one line) left once its inline markup is removed."""
    line = text[s:e]
    drops: list[tuple[int, int]] = []

    def hide(a: int, b: int) -> None:  # from the patterns applied later
        nonlocal line
        line = line[:a] + "\0" * (b - a) + line[b:]

    def drop(*spans: tuple[int, int]) -> None:
        drops.extend(spans)
        for a, b in spans:
            hide(a, b)

    for m in _CODE.finditer(line):
        drop((m.start(), m.start(2)), (m.end(2), m.end()))
        hide(*m.span())
    for m in _ESCAPE.finditer(line):
        drop((m.start(), m.start() + 1))
        hide(*m.span())
    for m in _DROPPED.finditer(line):
        drop(m.span())
    for m in _LINK.finditer(line):
        drop((m.start(), m.start(1)), (m.end(1), m.end()))
    for m in _EMPHASIS.finditer(line):
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end()] if m.end() < len(line) else " "
        if m.group()[0] == "*":
            markup = not (before.isspace() and after.isspace())
        else:  # _ opens or closes emphasis, but not inside a word
            markup = (not after.isspace() and not before.isalnum()) or (
                not before.isspace() and not after.isalnum())
        if markup:
            drop(m.span())
    kept, pos = [], 0
    for a, b in sorted(drops):
        if a > pos:
            kept.append((s + pos, s + a))
        pos = b
    return [*kept, (s + pos, e)] if pos < len(line) else kept


class _Paragraphs(HTMLParser):
    """The pieces of each ``<p>`` of an HTML text, and its first ``<title>`` and ``<h1>``."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]  # as HTMLParser counts
        self.paragraphs: list[list[Piece]] = []
        self.headings: dict[str, list[str]] = {}
        self.p: list[Piece] | None = None
        self.heading: list[str] | None = None
        self.hidden = 0

    def _add(self, length: int, s: str) -> None:
        if self.hidden:
            return
        line, col = self.getpos()
        at = self.starts[line - 1] + col
        if self.p is not None:
            self.p.append((at, at + length, s))
        if self.heading is not None:
            self.heading.append(s)

    def close_p(self) -> None:
        if self.p is not None:
            self.paragraphs.append(self.p)
            self.p = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif self.hidden:
            return
        elif tag == "br":
            self._add(len(self.get_starttag_text() or ""), " ")
        elif tag == "p" or tag in _BLOCKS:
            self.close_p()
            self.p = [] if tag == "p" else None
        if tag in ("title", "h1") and tag not in self.headings:
            self.heading = self.headings[tag] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif not self.hidden and (tag == "p" or tag in _BLOCKS):
            self.close_p()
        if tag in ("title", "h1"):
            self.heading = None

    def handle_data(self, data: str) -> None:
        self._add(len(data), data)

    def _reference(self, length: int) -> None:
        line, col = self.getpos()
        at = self.starts[line - 1] + col
        length += self.text.startswith(";", at + length)
        self._add(length, html.unescape(self.text[at:at + length]))

    def handle_entityref(self, name: str) -> None:
        self._reference(len(name) + 1)

    def handle_charref(self, name: str) -> None:
        self._reference(len(name) + 2)


def _html(text: str, name: str) -> tuple[list[list[Piece]], str | None]:
    """The pieces of each ``<p>`` of ``text``, and its title."""
    parser = _Paragraphs(text)
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as e:  # what html.parser raises for a declaration it cannot read
        raise SourceTextError(f"{name}: the HTML cannot be read: {e}",
                              "save the page as plain text and read that") from None
    parser.close_p()
    titles = [_collapse("".join(parser.headings.get(tag, []))) for tag in ("title", "h1")]
    first = _collapse(_join(parser.paragraphs[0])[0]) if parser.paragraphs else None
    return parser.paragraphs, next((t for t in titles if t), first)
