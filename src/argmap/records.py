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
from .model import (
    ARGUMENT_DEFAULTS,
    ARGUMENT_KEYWORDS,
    ATTACK,
    CLAIM_DEFAULTS,
    CLAIM_KEYWORDS,
    PREMISE,
    SUPPORT,
    ArgumentMap,
    Cite,
    Position,
    _argument_attrs,
    _cites,
    _claim_attrs,
    graph_dicts,
    nx_clear_cache,
    unplace,
)

__all__ = ["Claim", "Argument", "Rephrase", "Records", "build", "slug", "slug_base", "ID_RE"]

ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:+-]*$")
RELATION_KEY = {SUPPORT: "supports", ATTACK: "attacks"}
# relation -> the attributes of an argument with a name of its own, before its target,
# premises and position; and for one named by argmap, the infix of its id
# (premises--supports--target) and its attributes likewise
NAMED_ARGUMENT = {r: {**ARGUMENT_DEFAULTS, "relation": r} for r in RELATION_KEY}
AUTO_ARGUMENT = {r: (f"--{key}--", {**ARGUMENT_DEFAULTS, "relation": r, "auto_id": True})
                 for r, key in RELATION_KEY.items()}


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
        self._nodes: list[str] | None = None  # every claim and argument id, sorted, when asked

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

    def claims(self, amap: ArgumentMap) -> dict[str, str]:
        """Put the claims in the (empty) map; return their ids, each mapped to itself: the very
        string the graph holds, which references then use too (a lookup by the same string is
        the quickest, and the records' copies of it can go).

        The node attributes are those :meth:`ArgumentMap.add_claims` gives, and the graph's
        dicts are filled as networkx fills them, in one pass: a big map's build is mostly this
        loop and the one of :meth:`arguments`, so they do as little as they can per claim.
        """
        node, succ, pred = graph_dicts(amap.graph)
        seen: dict[str, Position | None] = {}
        themes = self.recs.themes
        theme_ok = {*themes, None} if themes else None  # None: any theme will do
        docs = self.recs.sources
        defaults, known = CLAIM_DEFAULTS, CLAIM_KEYWORDS
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
            attrs = defaults.copy()
            attrs["text"] = c.text
            attrs["pos"] = c.at
            kw = c.attrs
            if kw:
                if not kw.keys() <= known:
                    _claim_attrs(c.text, **kw)  # the TypeError of a keyword it does not take
                attrs.update(kw)
                cites = kw.get("cites")
                if cites:
                    if (not docs and type(cites) is tuple and len(cites) == 1
                            and cites[0].doc is None):  # nothing to resolve; _cites, quickly
                        first_cite = cites[0]
                        attrs["para"] = first_cite.paras[0] if first_cite.paras else None
                        attrs["quote"] = first_cite.quote or None
                    else:
                        kw["cites"] = attrs["cites"] = self.cites(cid, cites, c.at)
                        _cites(attrs)
                elif "cites" in kw or "para" in kw or "quote" in kw:
                    _cites(attrs)
                if "tags" in kw:
                    attrs["tags"] = tuple(kw["tags"])
                if theme_ok is not None and kw.get("theme") not in theme_ok:
                    theme = kw["theme"]
                    close = difflib.get_close_matches(theme, list(themes), n=1)
                    self.error("unknown-ref", f"unknown theme {theme!r}",
                               c.where.get("theme", c.at), hint=f"did you mean {close[0]!r}?"
                               if close else "declare it under 'themes:'")
            node[cid] = attrs
            succ[cid] = {}
            pred[cid] = {}
        return dict(zip(seen, seen, strict=True))

    def arguments(self, amap: ArgumentMap, claims: dict[str, str]) -> None:
        """Put the arguments in the map, with their edges, in the order written; report those
        that cannot be placed.

        One pass puts in every argument that passes a few quick looks, with its edges (an
        edge to an argument written later waits for it), as :meth:`ArgumentMap.add_arguments`
        would; the few that fail are reported after the pass, in the order written, and what
        then turns out to stand on an argument that is not placed is taken out again.
        """
        recs = self.recs
        explicit: dict[str, Position | None] = {}
        first_of: dict[str, Argument] = {}
        for aid, a in [(a.id, a) for a in recs.arguments if a.id is not None]:
            if aid in claims:
                first = amap.position(aid)
                line = f" (line {first.line})" if first is not None and first.line else ""
                self.error("duplicate-id", f"argument id {aid!r} is already the id of a "
                           f"claim{line}", a.id_at or a.at,
                           hint="claims and arguments share one set of ids: rename one")
                recs.broken.add(aid)
                continue
            if aid in explicit:
                first = explicit[aid]
                where = _first_on(first)
                self.error("duplicate-id", f"argument id {aid!r} is used twice{where}",
                           a.id_at or a.at, hint="give each argument its own id")
                continue
            explicit[aid] = a.id_at or a.at
            first_of[aid] = a
        # every id so far -> where it was first written (claims: None, as in the messages)
        taken: dict[str, Position | None] = dict.fromkeys(claims)
        taken.update(explicit)
        node, succ, pred = graph_dicts(amap.graph)
        seen_same: dict[tuple[str, str, frozenset[str]], Position | None] = {}
        failed: list[tuple[str, Argument]] = []  # (id, argument): to report, in file order
        on_arguments: list[tuple[str, Argument]] = []  # placed, with an argument as target
        waiting: dict[str, list[tuple[str, dict[str, str]]]] = {}  # target -> edges into it
        broken = recs.broken
        claim = claims.get
        known = ARGUMENT_KEYWORDS
        for a in recs.arguments:
            ps, target, relation = a.premises, a.target, a.relation
            single = len(ps) == 1
            if a.id is None:
                join, defaults = AUTO_ARGUMENT[relation]
                aid = f"{'+'.join(ps)}{join}{target}"
                if aid in taken:
                    where = _first_on(taken[aid])
                    self.error("duplicate-id", f"the same argument is written twice{where}",
                               a.at, hint="delete one, or give them distinct 'id's")
                    continue
                if not single and ps:
                    same = (relation, target, frozenset(ps))
                    if same in seen_same:
                        where = _first_on(seen_same[same])
                        self.error("duplicate-id", "the same argument is written twice, its "
                                   f"premises in another order{where}", a.at,
                                   hint="delete one: linked premises hold together in any order")
                        continue
                    seen_same[same] = a.at
                taken[aid] = a.at
            else:
                aid = a.id
                if first_of.get(aid) is not a or aid in broken:
                    continue
                defaults = NAMED_ARGUMENT.get(relation)  # type: ignore[assignment]
            # the checks of _report_unplaced, in a few quick looks
            premises: tuple[Any, ...]  # claim ids, or None for what is not one
            p: Any
            if single:
                p = claim(ps[0])
                if p is None or p == target or target == aid:
                    failed.append((aid, a))
                    continue
                premises = (p,)
            else:
                premises = tuple(map(claim, ps))
                if (not ps or None in premises or target in premises or target == aid
                        or len(set(premises)) != len(premises)):
                    failed.append((aid, a))
                    continue
            if defaults is None:
                raise ValueError(f"relation must be {SUPPORT!r} or {ATTACK!r}, not {relation!r}")
            t = claim(target)
            attrs = defaults.copy()
            attrs["target"] = target if t is None else t
            attrs["premises"] = premises
            attrs["pos"] = a.at
            kw = a.attrs
            if kw:
                if not kw.keys() <= known:
                    _argument_attrs(relation, target, (), **kw)  # its TypeError
                attrs.update(kw)
            node[aid] = attrs
            if single and not waiting:
                edge = {"role": PREMISE}
                succ[p][aid] = edge
                pred[aid] = {p: edge}
            else:  # edges from arguments written earlier come first
                into: dict[str, dict[str, str]] = dict(waiting.pop(aid, ()))
                for p in premises:
                    edge = {"role": PREMISE}
                    succ[p][aid] = edge
                    into[p] = edge
                pred[aid] = into
            edge = {"role": relation}
            if t is not None:
                succ[aid] = {t: edge}
                pred[t][aid] = edge
            else:
                succ[aid] = {target: edge}
                on_arguments.append((aid, a))
                into_target = pred.get(target)
                if into_target is not None:
                    into_target[aid] = edge
                else:  # an argument written later, or none
                    waiting.setdefault(target, []).append((aid, edge))
        # Targets may be arguments written later: now they are all known. An id is an
        # argument's if argmap made it, or if it names the first of that id and is not broken.
        unknown = [(aid, a) for aid, a in on_arguments
                   if a.target not in taken or a.target in claims
                   or (a.target in explicit and a.target in broken)]
        if unknown:
            for aid, _ in unknown:
                unplace(amap.graph, aid)
            order = {id(a): i for i, a in enumerate(recs.arguments)}
            failed = sorted(failed + unknown, key=lambda f: order[id(f[1])])
        if failed:
            argument_ids = (taken.keys() - claims.keys() - explicit.keys()) | (
                first_of.keys() - broken)
            for aid, a in failed:
                self._report_unplaced(aid, a, claims, argument_ids)
        # An argument aimed at an argument not placed cannot be placed either (reported).
        changed = bool(on_arguments)
        while changed:
            changed = False
            for aid, a in on_arguments:
                if aid in node and a.target not in node:
                    unplace(amap.graph, aid)
                    changed = True
        nx_clear_cache(amap.graph)

    def _report_unplaced(self, aid: str, a: Argument, claims: dict[str, str],
                         argument_ids: set[str]) -> None:
        """Report what keeps argument ``aid`` out of the map."""
        if not a.premises:
            self.error("no-premises", "the argument has no premises", a.list_at or a.at,
                       hint="list at least one claim as a premise")
        at = a.premises_at or [None] * len(a.premises)
        for p, pat in zip(a.premises, at, strict=False):
            if p not in claims:
                if p in argument_ids:
                    self.error("premise-not-claim", f"premise {p!r} is an argument; "
                               "premises must be claims", pat or a.at,
                               hint="to attack or support an argument, make it the target")
                else:
                    self.unknown(p, pat or a.at, list(claims), "premise", "claim",
                                 f"define {p!r} under 'claims:' first")
            elif p == a.target:
                self.error("self-premise", f"claim {p!r} is a premise of an argument for "
                           "itself", pat or a.at, hint="a claim cannot be its own reason")
        if a.target == aid:
            self.error("self-target", f"argument {aid!r} targets itself", a.target_at or a.at,
                       hint="an argument can support or attack a claim or another argument")
        if len(set(a.premises)) != len(a.premises):
            self.error("duplicate-key", "a premise is listed twice", a.list_at or a.at,
                       hint="list each premise once")
        if a.target not in claims and a.target not in argument_ids:
            if self._nodes is None:
                self._nodes = sorted(claims.keys() | argument_ids)
            self.unknown(a.target, a.target_at or a.at, self._nodes, "target",
                         "claim or argument", f"define {a.target!r} under 'claims:' first")

    def rephrases(self, amap: ArgumentMap, claims: dict[str, str]) -> None:
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

    def thesis(self, amap: ArgumentMap, claims: dict[str, str]) -> None:
        thesis = self.recs.thesis
        if thesis is None:
            return
        if thesis in claims:
            amap.thesis = claims[thesis]
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
