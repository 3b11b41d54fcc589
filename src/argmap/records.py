"""Positioned records, what every format's reader produces, and the one build step.

A reader (YAML, AIF, Argdown, Kialo, brat, ...) turns its input into plain records: claims and
arguments with their fields and where each came from (a file position, or the id of the foreign
element it was read from). :func:`build` turns the records into an
:class:`~argmap.model.ArgumentMap` plus diagnostics, the same way for every format: automatic ids,
id checks, every reference check and every "did you mean". A reader checks only what is
particular to its syntax.

>>> recs = Records("m.json")
>>> recs.claims += [Claim(None, "Tea is good."), Claim("warm", "Tea is warm.")]
>>> recs.arguments.append(Argument("support", "tea-good", ["warm"]))
>>> amap, diagnostics = build(recs)
>>> sorted(amap.claims()), list(amap.arguments()), diagnostics
(['tea-good', 'warm'], ['warm--supports--tea-good'], [])
>>> recs.arguments.append(Argument("attack", "tea-god", ["warm"], at=Position("m.json", 9, 1)))
>>> d = build(recs)[1][0]
>>> print(d.format()); print(d.hint)
m.json:9:1: error unknown-ref: target 'tea-god' is not a claim or argument in this map
did you mean 'tea-good'?
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .errors import Diagnostic
from .model import ATTACK, SUPPORT, ArgumentMap, Cite, Position

__all__ = ["Claim", "Argument", "Rephrase", "Records", "build", "slug", "slug_base", "ID_RE"]

ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:+-]*$")
RELATION_KEY = {SUPPORT: "supports", ATTACK: "attacks"}


@dataclass(slots=True)
class Claim:
    """A claim as read: ``id`` None asks the build step for a readable slug of the text.

    ``attrs`` holds the claim's other fields by node attribute (theme, tags, para, quote, note,
    weight, given, by, speaker, aif, ignore); ``where`` the position of single fields, for
    messages about them (``theme``).
    """

    id: str | None
    text: str
    at: Position | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    where: dict[str, Position] = field(default_factory=dict)


@dataclass(slots=True)
class Argument:
    """An argument as read: ``relation`` support or attack, its target and premises by id.

    ``id`` None asks for the automatic id (``premises--supports--target``). ``id_at``,
    ``target_at``, ``list_at`` (the premise list) and ``premises_at`` (one per premise) locate
    the parts for messages; any of them may be None (then ``at`` is used).
    """

    relation: str
    target: str
    premises: list[str]
    id: str | None = None
    at: Position | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    id_at: Position | None = None
    target_at: Position | None = None
    list_at: Position | None = None
    premises_at: list[Position | None] | None = None


@dataclass(slots=True)
class Rephrase:
    """Claim ``claim`` restates claim ``of`` (AIF's MA node ``aif``)."""

    claim: str
    of: str
    aif: str | None = None
    at: Position | None = None


@dataclass
class Records:
    """Everything a reader found, before ids and references are resolved.

    ``diagnostics`` are the reader's own; ``broken`` the ids whose definitions the reader
    already reported as faulty (references to them are not reported again). With ``strict``
    False (foreign formats), a faulty reference is a warning and the argument is left out, so
    that a messy file still gives a map.
    """

    name: str
    title: str | None = None
    note: str | None = None
    source: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)  # doc id -> source keys
    source_pos: dict[tuple[str | None, str], Position] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    thesis: str | None = None
    thesis_at: Position | None = None
    ignore: dict[str, str] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    rephrases: list[Rephrase] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    strict: bool = True
    header: str | None = None  # a comment for the top of the map (a YAML writer writes it)
    graph: dict[str, Any] = field(default_factory=dict)  # a format's data for its writer

    def warn(self, code: str, message: str, at: Position | None = None,
             hint: str | None = None) -> None:
        """Record a reader's warning (``format-oddity``, ``format-loss``, ...)."""
        self.diagnostics.append(_diagnostic(code, "warning", message, at or Position(
            self.name, None, None), hint))


# words that say little in an id; negations and quantities stay ("not", "no", "only", "most")
STOPWORDS = frozenset("""a an the is are was were be been being am of to in on at by for and or
but it its this that these those with as from so than then there their they we you i he she his
her our your my me us them will would can could shall should may might must do does did has have
had also very just yes which who whom what""".split())
_WORD = re.compile(r"[a-z0-9]+")


def slug_base(text: str, words: int = 5, limit: int = 40) -> str:
    """A readable id made from ``text``: its first ``words`` words that say something (small
    words such as "the", "is", "should" left out, unless nothing else is left), ASCII, lower case,
    joined by ``-``, at most ``limit`` characters, cut between words.

    >>> slug_base("North Korea's regime won't collapse soon!")
    'north-koreas-regime-wont-collapse'
    >>> slug_base("You should drink tea."), slug_base("It is."), slug_base("Ça va?"), slug_base("?")
    ('drink-tea', 'it-is', 'ca-va', 'claim')
    """
    if text.isascii():  # the common case needs no Unicode normalization
        plain = text.lower()
    else:
        plain = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode(
            "ascii", "ignore").decode().lower()
    found = _WORD.findall(plain.replace("'", ""))
    kept = [w for w in found if w not in STOPWORDS] or found
    out = ""
    for w in kept[:words]:
        if out and len(out) + 1 + len(w) > limit:
            break
        out = f"{out}-{w}" if out else w
    return out[:limit].strip("-") or "claim"


def slug(text: str, taken: set[str] | dict[str, Any], words: int = 5, limit: int = 40) -> str:
    """:func:`slug_base` of ``text``, unique among ``taken`` (``-2``, ``-3``, ... when not).

    >>> slug("Ça va?", {"ca-va"}), slug("Drink tea!", set())
    ('ca-va-2', 'drink-tea')
    """
    base = slug_base(text, words, limit)
    out, n = base, 1
    while out in taken:
        n += 1
        out = f"{base}-{n}"
    return out


def _diagnostic(code: str, severity: str, message: str, at: Position | None,
                hint: str | None = None) -> Diagnostic:
    """A diagnostic at ``at``; a foreign element's id goes at the front of the message."""
    if at is None:
        return Diagnostic(code, severity, message, None, None, None, hint)
    if at.element:
        message = f"{at.element}: {message}"
    return Diagnostic(code, severity, message, at.file, at.line, at.col, hint)


def _first_on(first: Position | None) -> str:
    """`` (first on line N)`` for a message about something written twice, where N is known."""
    return f" (first on line {first.line})" if first and first.line else ""


class _Builder:
    def __init__(self, recs: Records):
        self.recs = recs
        self.diagnostics: list[Diagnostic] = []
        self.here = Position(recs.name, None, None)

    def error(self, code: str, message: str, at: Position | None, hint: str | None = None
              ) -> None:
        if self.recs.strict:
            self.diagnostics.append(_diagnostic(code, "error", message, at or self.here, hint))
        else:  # a foreign file: say what is left out and go on
            self.diagnostics.append(_diagnostic(
                "format-oddity", "warning", f"{message} (left out)", at or self.here, hint))

    def unknown(self, ident: str, at: Position | None, pool: list[str], what: str,
                kind: str, define: str) -> None:
        if ident in self.recs.broken:
            return  # its own definition is already reported
        close = difflib.get_close_matches(ident, pool, n=1, cutoff=0.6)
        self.error("unknown-ref", f"{what} {ident!r} is not a {kind} in this map", at,
                   hint=f"did you mean {close[0]!r}?" if close else define)

    def cites(self, cid: str, cites: tuple[Cite, ...], at: Position | None) -> tuple[Cite, ...]:
        """The claim's citations with each document resolved: a citation with no ``doc`` cites
        the map's ``source``, or the one document of ``sources`` when the map has only that."""
        docs = self.recs.sources
        out = []
        for c in cites:
            if c.doc is None and docs and not self.recs.source:
                if len(docs) != 1:
                    self.error("missing-key", f"the source of claim {cid!r} names no document, "
                               f"and the map cites {len(docs)}", c.at or at,
                               hint="add 'doc:' with one of " + ", ".join(map(repr, docs)))
                    continue
                c = c._replace(doc=next(iter(docs)))
            elif c.doc is not None and c.doc not in docs:
                close = difflib.get_close_matches(c.doc, list(docs), n=1, cutoff=0.6)
                self.error("unknown-ref", f"document {c.doc!r} cited by claim {cid!r} is not "
                           "under 'sources'", c.at or at,
                           hint=f"did you mean {close[0]!r}?" if close else
                           f"add it: 'sources: {{{c.doc}: {{title: ..., file: ...}}}}'")
                continue
            out.append(c)
        return tuple(out)

    def claims(self, amap: ArgumentMap) -> set[str]:
        rows: list[tuple[str, str, dict[str, Any]]] = []
        seen: dict[str, Position | None] = {}
        themes = self.recs.themes
        for c in self.recs.claims:
            cid = c.id
            if cid is None:
                cid = slug(c.text, seen)
            elif cid in seen:
                first = seen[cid]
                where = _first_on(first)
                self.error("duplicate-id", f"claim id {cid!r} is defined twice{where}", c.at,
                           hint="rename or merge one of them")
                continue
            elif not ID_RE.match(cid):
                self.error("invalid-id", f"claim id {cid!r} is not a valid id", c.at,
                           hint="use letters, digits, '-', '_', '.', ':' or '+' without spaces")
                continue
            seen[cid] = c.at
            attrs = c.attrs
            if attrs.get("cites"):
                attrs["cites"] = self.cites(cid, attrs["cites"], c.at)
            theme = attrs.get("theme")
            if theme is not None and themes and theme not in themes:
                close = difflib.get_close_matches(theme, list(themes), n=1)
                self.error("unknown-ref", f"unknown theme {theme!r}", c.where.get("theme", c.at),
                           hint=f"did you mean {close[0]!r}?" if close else
                           "declare it under 'themes:'")
            rows.append((cid, c.text, {"pos": c.at, **attrs} if c.at is not None else attrs))
        amap.add_claims(rows)
        return set(seen)

    def arguments(self, amap: ArgumentMap, claims: set[str]) -> None:
        explicit: dict[str, Position | None] = {}
        first_of: dict[str, Argument] = {}
        pending: list[tuple[str, bool, Argument]] = []
        for a in self.recs.arguments:
            if a.id is None:
                continue
            aid = a.id
            if aid in claims:
                first = amap.position(aid)
                line = f" (line {first.line})" if first is not None and first.line else ""
                self.error("duplicate-id", f"argument id {aid!r} is already the id of a "
                           f"claim{line}", a.id_at or a.at,
                           hint="claims and arguments share one set of ids: rename one")
                self.recs.broken.add(aid)
                continue
            if aid in explicit:
                first = explicit[aid]
                where = _first_on(first)
                self.error("duplicate-id", f"argument id {aid!r} is used twice{where}",
                           a.id_at or a.at, hint="give each argument its own id")
                continue
            explicit[aid] = a.id_at or a.at
            first_of[aid] = a
        seen_auto: dict[str, Position | None] = {}
        seen_same: dict[tuple[str, str, frozenset[str]], Position | None] = {}
        for a in self.recs.arguments:
            if a.id is not None:
                if first_of.get(a.id) is a and a.id not in self.recs.broken:
                    pending.append((a.id, False, a))
                continue
            aid = "+".join(a.premises) + f"--{RELATION_KEY[a.relation]}--" + a.target
            if aid in explicit or aid in claims or aid in seen_auto:
                first = seen_auto.get(aid) or explicit.get(aid)
                where = _first_on(first)
                self.error("duplicate-id", f"the same argument is written twice{where}", a.at,
                           hint="delete one, or give them distinct 'id's")
                continue
            if len(a.premises) > 1:
                same = (a.relation, a.target, frozenset(a.premises))
                if same in seen_same:
                    first = seen_same[same]
                    where = _first_on(first)
                    self.error("duplicate-id", "the same argument is written twice, its "
                               f"premises in another order{where}", a.at,
                               hint="delete one: linked premises hold together in any order")
                    continue
                seen_same[same] = a.at
            seen_auto[aid] = a.at
            pending.append((aid, True, a))
        # Premises must be claims; targets may be claims or arguments, even ones written later.
        argument_ids = {aid for aid, _, _ in pending}
        valid: dict[str, tuple[bool, Argument]] = {}
        nodes: list[str] | None = None
        for aid, auto, a in pending:
            ps, target = a.premises, a.target
            if (ps and claims.issuperset(ps) and target not in ps and target != aid
                    and (target in claims or target in argument_ids) and len(set(ps)) == len(ps)):
                valid[aid] = (auto, a)  # what the checks below pass, in a few quick looks
                continue
            ok = True
            if not a.premises:
                self.error("no-premises", "the argument has no premises", a.list_at or a.at,
                           hint="list at least one claim as a premise")
                ok = False
            at = a.premises_at or [None] * len(a.premises)
            for p, pat in zip(a.premises, at, strict=False):
                if p not in claims:
                    if p in argument_ids:
                        self.error("premise-not-claim", f"premise {p!r} is an argument; "
                                   "premises must be claims", pat or a.at,
                                   hint="to attack or support an argument, make it the target")
                    else:
                        self.unknown(p, pat or a.at, list(amap.claims()), "premise", "claim",
                                     f"define {p!r} under 'claims:' first")
                    ok = False
                elif p == a.target:
                    self.error("self-premise", f"claim {p!r} is a premise of an argument for "
                               "itself", pat or a.at, hint="a claim cannot be its own reason")
                    ok = False
            if a.target == aid:
                self.error("self-target", f"argument {aid!r} targets itself", a.target_at or a.at,
                           hint="an argument can support or attack a claim or another argument")
                ok = False
            if len(set(a.premises)) != len(a.premises):
                self.error("duplicate-key", "a premise is listed twice", a.list_at or a.at,
                           hint="list each premise once")
                ok = False
            if a.target not in claims and a.target not in argument_ids:
                if nodes is None:
                    nodes = sorted(claims | argument_ids)
                self.unknown(a.target, a.target_at or a.at, nodes, "target", "claim or argument",
                             f"define {a.target!r} under 'claims:' first")
                ok = False
            if ok:
                valid[aid] = (auto, a)
        # An argument aimed at an invalid argument cannot be placed either (already reported).
        changed = True
        while changed:
            changed = False
            for aid, (_, a) in list(valid.items()):
                if a.target not in claims and a.target not in valid:
                    del valid[aid]
                    changed = True
        amap.add_arguments(
            (aid, a.relation, a.target, a.premises,
             {"auto_id": auto, "pos": a.at, **a.attrs} if a.at is not None else
             {"auto_id": auto, **a.attrs})
            for aid, (auto, a) in valid.items())

    def rephrases(self, amap: ArgumentMap, claims: set[str]) -> None:
        kept = []
        for r in self.recs.rephrases:
            missing = [c for c in (r.claim, r.of) if c not in claims]
            if missing:
                self.unknown(missing[0], r.at, sorted(claims), "a rephrase's claim", "claim",
                             f"define {missing[0]!r} under 'claims:' first")
            elif r.claim == r.of:
                self.error("self-target", f"claim {r.claim!r} rephrases itself", r.at)
            else:
                kept.append(r)
        amap.rephrases = [(r.claim, r.of, r.aif) for r in kept]

    def thesis(self, amap: ArgumentMap, claims: set[str]) -> None:
        thesis = self.recs.thesis
        if thesis is None:
            return
        if thesis in claims:
            amap.thesis = thesis
        else:
            self.unknown(thesis, self.recs.thesis_at, list(amap.claims()), "thesis", "claim",
                         f"define {thesis!r} under 'claims:' first")


def build(recs: Records) -> tuple[ArgumentMap, list[Diagnostic]]:
    """The map the records describe, and every problem found (the reader's ones first).

    The map may be partial when there are errors; ``recs.diagnostics`` is left as it was.
    """
    b = _Builder(recs)
    amap = ArgumentMap(title=recs.title, source=dict(recs.source), themes=dict(recs.themes),
                       path=recs.name, note=recs.note,
                       sources={k: dict(v) for k, v in recs.sources.items()},
                       source_pos=dict(recs.source_pos))
    if recs.ignore:
        amap.graph.graph["ignore"] = dict(recs.ignore)
    if recs.header:
        amap.graph.graph["header"] = recs.header
    amap.graph.graph.update(recs.graph)
    claims = b.claims(amap)
    b.arguments(amap, claims)
    b.rephrases(amap, claims)
    b.thesis(amap, claims)
    diagnostics = recs.diagnostics + b.diagnostics
    if not amap.graph and not diagnostics:
        diagnostics.append(_diagnostic(
            "empty-map", "error", "the map is empty", b.here,
            "start with 'title:' and a 'claims:' mapping (see docs/format.md)"))
    return amap, diagnostics
