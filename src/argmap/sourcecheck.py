"""A map checked against the texts it maps: every quote found where the map says it is.

A map's ``source`` (and each document under ``sources``) may name its text with ``file:``,
relative to the map. :func:`check_sources` reads each text once (see :mod:`argmap.sourcetext`
for how paragraphs are numbered and how quotes are matched), then gives every citation of
every claim one status:

- ``verified``: the quote is in a paragraph the claim cites (or, citing none, it is in the
  text: ``para`` then says where, and ``missing-para`` asks to write it in);
- ``moved``: the quote is in the text, but in another paragraph than the one cited;
- ``not-found``: the quote is nowhere in the text (the closest passage is the hint);
- ``no-quote``: the citation gives paragraphs only (they must exist);
- ``unverified``: the document's text is not at hand (no ``file:``, or it cannot be read).

>>> from argmap import loads
>>> m = loads("source: {title: T}\\nclaims: {a: {text: A., source: {para: 2, quote: x}}}")
>>> report = check_sources(m)
>>> [c.status for c in report.checks], report.unverified_reason()
(['unverified'], "the map's source names no text file (add 'file:' to it)")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Diagnostic, MapReadError
from .model import ArgumentMap, Cite, Position

if TYPE_CHECKING:
    from .sourcetext import Match, SourceText

__all__ = ["CODES", "Document", "QuoteCheck", "Report", "STATUSES", "check_sources",
           "open_documents"]

#: the codes of the diagnostics a source check gives (the others come from loading and lints)
CODES = frozenset(("source-file", "quote-not-found", "quote-moved", "para-out-of-range",
                   "missing-para", "unverified-quotes"))

#: a citation's statuses, from best to worst (a claim has the worst of its citations')
STATUSES = ("verified", "no-quote", "unverified", "moved", "not-found")
#: how many characters of a passage a message shows
SHOWN = 90


@dataclass
class Document:
    """One document a map cites: its id (None for the map's ``source``), its keys, and its text
    when the map names a file that could be read (else ``problem`` says why not)."""

    doc: str | None
    keys: dict[str, Any]
    path: Path | None = None
    text: SourceText | None = None
    problem: Diagnostic | None = None  # the error that its text could not be read
    unread: str | None = None  # why its text was not read, when that is no error

    @property
    def label(self) -> str:
        return "the map's source" if self.doc is None else f"document {self.doc!r}"


@dataclass(frozen=True)
class QuoteCheck:
    """What one citation (``claim``'s ``cites[index]``) came to: its status, where its quote was
    found (or the closest passage, for ``not-found``), and the cited paragraphs that do not
    exist."""

    claim: str
    index: int
    cite: Cite
    status: str
    found: Match | None = None
    missing: tuple[int, ...] = ()
    elsewhere: tuple[int, ...] = ()  # every paragraph the quote is in, when moved

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc": self.cite.doc, "status": self.status,
                               "cited": list(self.cite.paras), "quote": self.cite.quote}
        if self.found is not None and self.status != "not-found":
            out.update(para=self.found.para, start=self.found.start, end=self.found.end)
        else:  # where a citation without a quote points; a quote not found is nowhere
            out["para"] = self.cite.paras[0] if self.cite.paras and not self.missing and \
                self.status != "not-found" else None
        if self.status == "not-found" and self.found is not None:
            out["closest"] = {"para": self.found.para, "start": self.found.start,
                              "end": self.found.end, "score": round(self.found.score, 1),
                              "passage": self.found.passage}
        if self.missing:
            out["missing"] = list(self.missing)
        return out


@dataclass
class Report:
    """The checks of a map's citations against its documents (see :func:`check_sources`)."""

    amap: ArgumentMap
    documents: dict[str | None, Document]
    checks: list[QuoteCheck] = field(default_factory=list)

    # -- per claim ----------------------------------------------------------------------------
    def by_claim(self) -> dict[str, list[QuoteCheck]]:
        out: dict[str, list[QuoteCheck]] = {}
        for c in self.checks:
            out.setdefault(c.claim, []).append(c)
        return out

    def claim_status(self, checks: list[QuoteCheck]) -> str:
        """A claim's status: the worst of its citations' (``no-quote`` when it has none)."""
        if not checks:
            return "no-quote"
        return max((c.status for c in checks), key=STATUSES.index)

    def claims(self) -> dict[str, dict[str, Any]]:
        """Every claim of the map (in file order) with its status, the paragraph where its first
        quote was found (or its first cited paragraph), offsets, and each citation's record."""
        checks = self.by_claim()
        out: dict[str, dict[str, Any]] = {}
        for cid in self.amap.claims():
            mine = checks.get(cid, [])
            records = [c.to_dict() for c in mine]
            first = next((r for r in records if r["quote"] is not None), records[0] if records
                         else None)
            entry: dict[str, Any] = {"status": self.claim_status(mine),
                                     "para": first["para"] if first else None}
            if first is not None and "start" in first:
                entry.update(start=first["start"], end=first["end"])
            if first is not None:
                entry["doc"] = first["doc"]
            entry["quotes"] = records
            out[cid] = entry
        return out

    # -- per paragraph ------------------------------------------------------------------------
    def coverage(self) -> list[dict[str, Any]]:
        """Every numbered paragraph of every document at hand with the claims that cite it (a
        quote counts where it was found; a citation without a quote, where it points)."""
        out = []
        for doc, d in self.documents.items():
            if d.text is None:
                continue
            claims: dict[int, list[str]] = {p.number: [] for p in d.text.paragraphs}
            for c in self.checks:
                if c.cite.doc != doc:
                    continue
                paras = (c.found.para,) if c.found is not None and c.status != "not-found" \
                    else c.cite.paras if c.status == "no-quote" else ()
                for p in paras:
                    if p in claims and c.claim not in claims[p]:
                        claims[p].append(c.claim)
            out += [{"doc": doc, "para": p.number, "start": p.start, "end": p.end,
                     "claims": claims[p.number], "text": p.text}
                    for p in d.text.paragraphs]
        return out

    def uncovered(self) -> list[dict[str, Any]]:
        """The paragraphs nothing in the map cites."""
        return [p for p in self.coverage() if not p["claims"]]

    # -- summaries ----------------------------------------------------------------------------
    def verified_claims(self) -> set[str]:
        """The claims with a quote, every one of them verified."""
        quoted = {c.claim for c in self.checks if c.cite.quote is not None}
        bad = {c.claim for c in self.checks if c.cite.quote is not None
               and c.status != "verified"}
        return quoted - bad

    def unverified_reason(self) -> str | None:
        """Why some quotes could not be verified (None when every quote was checked)."""
        docs = {c.cite.doc for c in self.checks if c.status == "unverified"}
        if not docs:
            return None
        reasons = []
        for doc in docs:
            d = self.documents.get(doc)
            if d is not None and d.unread is not None:
                reasons.append(d.unread)
            elif d is not None and d.problem is not None:
                reasons.append(d.problem.message)
            else:
                label = "the map's source" if doc is None else f"document {doc!r}"
                reasons.append(f"{label} names no text file (add 'file:' to it)")
        return "; ".join(sorted(reasons))

    def diagnostics(self) -> list[Diagnostic]:
        """The errors and warnings for ``check``: texts that cannot be read, quotes moved or not
        found, paragraphs that do not exist, quotes whose paragraph is not written."""
        out = [d.problem for d in self.documents.values() if d.problem is not None]
        for c in self.checks:
            out += _findings(self, c)
        return out

    def to_json(self) -> dict[str, Any]:
        docs = []
        cited = {c.cite.doc for c in self.checks}
        for doc, d in self.documents.items():
            if doc is None and not d.keys and None not in cited:
                continue  # a map of several documents and no `source`
            entry: dict[str, Any] = {"doc": doc, "file": d.keys.get("file"),
                                     "path": None if d.path is None else str(d.path),
                                     "verified": d.text is not None}
            if d.text is not None:
                entry.update(paragraphs=len(d.text.paragraphs), layout=d.text.layout,
                             kind=d.text.kind)
            if d.problem is not None or d.unread is not None:
                entry["problem"] = d.problem.message if d.problem else d.unread
            docs.append(entry)
        claims, paragraphs = self.claims(), self.coverage()
        statuses = [entry["status"] for entry in claims.values()]
        return {"documents": docs, "claims": claims, "paragraphs": paragraphs,
                "uncovered": [{"doc": p["doc"], "para": p["para"]} for p in paragraphs
                              if not p["claims"]],
                "counts": {s: statuses.count(s) for s in STATUSES},
                "unverified": self.unverified_reason()}


def open_documents(amap: ArgumentMap) -> dict[str | None, Document]:
    """The documents ``amap`` cites, each with its text read when it names a ``file`` (relative
    to the map's folder; the working directory for a map read from stdin)."""
    from .sourcetext import SourceTextError, parse_source

    base = _folder(amap.path)
    docs: dict[str | None, Document] = {}
    wanted = [(None, amap.source)] + list(amap.sources.items())
    for doc, keys in wanted:
        d = Document(doc, keys)
        docs[doc] = d
        name = keys.get("file")
        if not name:
            continue
        if base is None:
            d.unread = f"the map was not read from a file, so its {name} cannot be found"
            continue
        d.path = base / name
        at = amap.source_pos.get((doc, "file"))
        try:
            from .loader import read_text

            if d.path.is_dir():
                raise MapReadError(f"{d.path}: is a folder, not a text file")
            text = read_text(d.path)
        except MapReadError as e:
            d.problem = _problem(amap, "source-file", f"{d.label}: cannot read its text: "
                                 f"{e.message}", at, "fix 'file:': a path relative to the "
                                 f"map's folder ({base}), or the working directory for a map "
                                 "read from standard input")
            continue
        try:
            d.text = parse_source(text, str(d.path), start=keys.get("start"),
                                  stop=keys.get("stop"), layout=keys.get("paragraphs", "auto"))
        except SourceTextError as e:
            key = "start" if "start" in e.message else "stop" if "stop" in e.message else "file"
            d.problem = _problem(amap, "source-file", f"{d.label}: {e.message}",
                                 amap.source_pos.get((doc, key), at), e.hint)
    return docs


def check_sources(amap: ArgumentMap, documents: dict[str | None, Document] | None = None,
                  claims: Iterable[str] | None = None) -> Report:
    """Every citation of every claim (or of ``claims``) checked against the texts at hand (see
    the module's docstring for the statuses); ``documents`` are :func:`open_documents`'s."""
    docs = open_documents(amap) if documents is None else documents
    report = Report(amap, docs)
    nodes = amap.graph.nodes
    for cid in amap.claims() if claims is None else claims:
        for i, cite in enumerate(nodes[cid].get("cites") or ()):
            d = docs.get(cite.doc)
            report.checks.append(_check(cid, i, cite, None if d is None else d.text))
    return report


def _check(cid: str, index: int, cite: Cite, text: SourceText | None) -> QuoteCheck:
    if text is None:
        return QuoteCheck(cid, index, cite, "no-quote" if cite.quote is None else "unverified")
    count = len(text.paragraphs)
    missing = tuple(p for p in cite.paras if p > count)
    if cite.quote is None:
        return QuoteCheck(cid, index, cite, "no-quote", missing=missing)
    cited = text.find(cite.quote, cite.paras) if cite.paras else []  # the common case, first
    if cited:
        return QuoteCheck(cid, index, cite, "verified", cited[0], missing)
    matches = text.find(cite.quote)
    if not matches:
        return QuoteCheck(cid, index, cite, "not-found", text.closest(cite.quote, cite.paras),
                          missing)
    if not cite.paras:
        return QuoteCheck(cid, index, cite, "verified", matches[0], missing)
    return QuoteCheck(cid, index, cite, "moved", matches[0], missing,
                      tuple(dict.fromkeys(m.para for m in matches)))


def _findings(report: Report, c: QuoteCheck) -> list[Diagnostic]:
    amap = report.amap
    d = report.documents.get(c.cite.doc)
    text = None if d is None else d.text
    if text is None:
        return []
    at = c.cite.at or amap.position(c.claim)
    what = f"claim {c.claim!r}"
    name = _name(d)
    out = []
    if c.missing:
        cited = ", ".join(map(str, c.missing))
        s = "s" * (len(c.missing) != 1)
        fix = f"the quote is in paragraph {c.found.para}: write para: {c.found.para}" \
            if c.found is not None and c.status in ("verified", "moved") else \
            "paragraphs are counted from 1 as docs/format.md says; argmap sources lists them"
        out.append(_problem(amap, "para-out-of-range", f"{what} cites paragraph{s} {cited}, but "
                            f"{name} has {len(text.paragraphs)}", at, fix))
    if c.status == "moved" and not c.missing:
        where = ", ".join(map(str, c.elsewhere))
        cited = ", ".join(map(str, c.cite.paras))
        out.append(_problem(amap, "quote-moved", f"the quote of {what} is in paragraph {where} "
                            f"of {name}, not {cited}", at,
                            f"write para: {c.elsewhere[0]} (argmap sources --fix does)"))
    elif c.status == "not-found":
        hint = "quote the text word for word (see docs/format.md for what is normalised)"
        if c.found is not None:
            hint = (f"the closest passage is in paragraph {c.found.para} "
                    f"({c.found.score:.0f}% alike): {_cut(c.found.passage)!r}")
        out.append(_problem(amap, "quote-not-found", f"the quote of {what} is not in {name}: "
                            f"{_cut(c.cite.quote or '')!r}", at, hint))
    elif c.status == "verified" and not c.cite.paras and c.found is not None:
        out.append(_problem(amap, "missing-para", f"the quote of {what} cites no paragraph; it "
                            f"is in paragraph {c.found.para}", at,
                            f"write para: {c.found.para} (argmap sources --fix does)",
                            severity="warning", claim=c.claim))
    return out


def _problem(amap: ArgumentMap, code: str, message: str, at: Position | None,
             hint: str | None, severity: str = "error", claim: str | None = None
             ) -> Diagnostic:
    ignored = None
    if severity == "warning":
        own = (amap.graph.nodes[claim].get("ignore") or {}) if claim else {}
        ignored = own.get(code) or (amap.graph.graph.get("ignore") or {}).get(code)
    return Diagnostic(code, severity, message, at.file if at else amap.path,
                      at.line if at else None, at.col if at else None, hint, ignored)


def _folder(path: str | None) -> Path | None:
    """Where a map's ``file:`` is looked for: the map's folder, the working directory for a map
    read from stdin, and nowhere for one given as a string."""
    if path == "<stdin>":
        return Path.cwd()
    if not path or path.startswith("<"):
        return None
    return Path(path).parent


def _name(d: Document | None) -> str:
    if d is None or d.path is None:
        return "the source"
    return d.path.name


def _cut(text: str, limit: int = SHOWN) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
