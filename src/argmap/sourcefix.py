"""Corrections from a source check written back into a map's YAML, keeping the rest of the file.

:func:`planned_fixes` turns a :class:`argmap.sourcecheck.Report` (and accepted suggestions)
into :class:`Fix` records: the paragraph numbers a quote was found in, a paragraph to write
where none is cited, a suggested quote for a claim that has none. :func:`apply_fixes` edits the
YAML with ruamel.yaml's round trip and then keeps only the lines the edits change, so comments,
key order, quoting, flow or block style and blank lines stay exactly as the user wrote them.

>>> text = "claims:\\n  a:  # the claim\\n    text: A.\\n    source: {para: 9, quote: x}\\n"
>>> print(apply_fixes(text, [Fix("a", 0, (2,))]), end="")
claims:
  a:  # the claim
    text: A.
    source: {para: 2, quote: x}
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ArgmapError

if TYPE_CHECKING:
    from .sourcecheck import Report
    from .sourcetext import Sentence

__all__ = ["Fix", "FixError", "Suggestion", "apply_fixes", "planned_fixes", "suggest_quotes",
           "unified_diff"]


class FixError(ArgmapError):
    """A fix that cannot be written without changing more of the file than it should."""


@dataclass(frozen=True)
class Fix:
    """One change to claim ``claim``: ``paras`` for the mapping ``place`` of its ``source``
    (the paragraphs to write), and with ``quote`` a quote to add there (a new ``source`` when
    ``place`` is None). ``doc`` names the document of a new ``source``."""

    claim: str
    place: int | None
    paras: tuple[int, ...]
    quote: str | None = None
    doc: str | None = None
    why: str = ""


@dataclass(frozen=True)
class Suggestion:
    """The sentence of a document that best matches a claim without a quote."""

    claim: str
    doc: str | None
    sentence: Sentence
    score: float
    place: int | None  # the mapping of the claim's source it would go in (None: a new source)
    cited: tuple[int, ...] = ()  # the paragraphs that mapping cites already

    def to_dict(self) -> dict[str, Any]:
        s = self.sentence
        return {"doc": self.doc, "para": s.para, "start": s.start, "end": s.end,
                "quote": s.text, "score": round(self.score, 1)}


def suggest_quotes(report: Report) -> list[Suggestion]:
    """For each claim without a quote (the analyst's own claims left out), the sentence of its
    document that best matches it: within the paragraphs it cites, if it cites some."""
    docs = report.documents
    with_text = [doc for doc, d in docs.items() if d.text is not None]
    checks = report.by_claim()
    nodes = report.amap.graph.nodes
    out = []
    for cid in report.amap.claims():
        attrs = nodes[cid]
        mine = checks.get(cid, [])
        if attrs.get("by") or any(c.cite.quote is not None for c in mine):
            continue
        cite = mine[0].cite if mine else None
        doc = cite.doc if cite is not None else None if None in with_text else \
            with_text[0] if len(with_text) == 1 else None
        text = docs[doc].text if doc in docs else None
        if text is None:
            continue
        # within the paragraphs the claim cites in that document, in any of its places
        places = [c.cite for c in mine if c.cite.doc == doc]
        paras = [p for c in places for p in c.paras] or None
        found = text.suggest(attrs["text"], paras=paras)
        if found:
            sentence, score = found[0]
            into = next((c for c in places if sentence.para in c.paras), cite)
            out.append(Suggestion(cid, doc, sentence, score, None if into is None else into.place,
                                  () if into is None else into.paras))
    return out


def planned_fixes(report: Report, accepted: list[Suggestion] | None = None) -> list[Fix]:
    """The paragraph numbers to correct (quotes moved or found with no paragraph cited, cited
    paragraphs that do not exist), and the suggestions accepted, as fixes."""
    places: dict[tuple[str, int], list[Any]] = {}
    for c in report.checks:
        places.setdefault((c.claim, c.cite.place), []).append(c)
    fixes = []
    for (cid, place), checks in places.items():
        wrong = [c for c in checks if c.found is not None and (
            c.status == "moved" or c.status == "verified" and not c.cite.paras)]
        missing = {p for c in checks for p in c.missing}
        if not wrong and not missing:
            continue
        quoted = [c for c in checks if c.cite.quote is not None]
        if wrong and len(wrong) == len(quoted):  # every quote is elsewhere: say where
            paras = [c.found.para for c in wrong]
        else:  # keep what the place's other quotes cite, and add where these were found
            paras = [p for p in checks[0].cite.paras if p not in missing]
            paras += [c.found.para for c in wrong]
        paras = list(dict.fromkeys(paras))
        if not paras:
            continue  # a paragraph that does not exist, and nothing says which is meant
        why = [f"{_quote_name(c)} is in paragraph {c.found.para}" for c in wrong]
        if missing:
            why.append("no paragraph " + ", ".join(map(str, sorted(missing))))
        fixes.append(Fix(cid, place, tuple(paras), why="; ".join(why)))
    for s in accepted or ():
        write = () if s.sentence.para in s.cited else (s.sentence.para,)
        fixes.append(Fix(s.claim, s.place, write, s.sentence.text, s.doc,
                         f"suggested quote ({s.score:.0f}% alike)"))
    return fixes


def _quote_name(c: Any) -> str:
    q = c.cite.quote or ""
    return repr(q if len(q) <= 40 else q[:39] + "…")


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """``text`` (a map's YAML) with ``fixes`` made, every other line unchanged (its line endings
    and a missing final line break included)."""
    from ruamel.yaml.error import YAMLError

    crlf = "\r\n" in text
    plain = text.replace("\r\n", "\n") if crlf else text
    try:  # ruamel.yaml refuses a tab before a comment, which YAML allows: it sees a space
        yaml, data, before = _round_trip(re.sub(r"\t(?=[ \t]*#)", " ", plain))
        claims = data["claims"]
        for fix in fixes:
            _edit(claims, fix)
        after = _dump(yaml, data)
    except YAMLError as e:
        raise FixError(f"ruamel.yaml, which --fix edits maps with, cannot read this one: "
                       f"{str(e).splitlines()[0]}", hint="make the corrections by hand") from None
    out = _patch(plain, before, after)
    if not plain.endswith("\n") and out.endswith("\n") and \
            out[:-1].rsplit("\n", 1)[-1] == plain.rsplit("\n", 1)[-1]:
        out = out[:-1]  # the last line is as it was: it had no line break
    return out.replace("\n", "\r\n") if crlf else out


def _round_trip(text: str) -> tuple[Any, Any, str]:
    """A ruamel.yaml set up as ``text`` is indented, ``text`` loaded by it, and its dump. The
    indentation is the one (of those people write) whose dump keeps the most lines as they are."""
    from ruamel.yaml import YAML

    best: tuple[int, Any, Any, str] | None = None
    lines = text.splitlines()
    for mapping, sequence, offset in ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0),
                                      (2, 3, 1), (3, 3, 1)):
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 1_000_000  # never wrap a line the user wrote
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        data = yaml.load(text)
        dump = _dump(yaml, data)
        if dump == text:
            return yaml, data, dump
        kept = sum(b.size for b in difflib.SequenceMatcher(
            None, lines, dump.splitlines(), autojunk=False).get_matching_blocks())
        if best is None or kept > best[0]:
            best = (kept, yaml, data, dump)
    assert best is not None
    return best[1], best[2], best[3]


def _dump(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _edit(claims: Any, fix: Fix) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def flow_map() -> Any:
        m = CommentedMap()
        m.fa.set_flow_style()
        return m

    def paras_value() -> Any:
        if len(fix.paras) == 1:
            return fix.paras[0]
        seq = CommentedSeq(fix.paras)
        seq.fa.set_flow_style()
        return seq

    claim = claims[fix.claim]
    if not isinstance(claim, dict):  # `id: text`: becomes `id: {text: ...}` in block style
        claim = CommentedMap([("text", claim)])
        claims[fix.claim] = claim
    source = claim.get("source")
    if fix.place is None or source is None:
        place = flow_map()
        if fix.doc is not None:
            place["doc"] = fix.doc
        if source is None:
            keys = list(claim)
            at = keys.index("tags") + 1 if "tags" in keys else \
                keys.index("theme") + 1 if "theme" in keys else min(1, len(keys))
            claim.insert(at, "source", place)
        elif isinstance(source, list):
            source.append(place)
        else:
            claim["source"] = CommentedSeq([source, place])
    else:
        place = source[fix.place] if isinstance(source, list) else source
    if fix.paras:
        if "para" in place:
            place["para"] = paras_value()
        else:
            place.insert(1 if "doc" in place else 0, "para", paras_value())
    if fix.quote is not None:
        place["quote"] = DoubleQuotedScalarString(fix.quote)


def _patch(original: str, before: str, after: str) -> str:
    """``original`` with the changes from ``before`` to ``after`` (two dumps of it by ruamel, with
    and without the edits) made to its own lines, so that how ruamel would reformat the rest of
    the file does not matter. A changed line that ruamel writes differently from the original
    (``{ para: 9 }`` for ``{para: 9}``) gets the same edit where its words are the same."""
    orig, old, new = (s.splitlines(keepends=True) for s in (original, before, after))
    if orig and not orig[-1].endswith("\n"):
        orig[-1] += "\n"
    # where each line of ruamel's dump is in the original: the same line, or (in a run of as
    # many lines written differently) the line in its place
    place: dict[int, int] = {}
    same: set[int] = set()
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, orig, old,
                                                       autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and a2 - a1 == b2 - b1):
            place.update(zip(range(b1, b2), range(a1, a2), strict=True))
            if tag == "equal":
                same.update(range(b1, b2))
    out = list(orig)
    shift = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        # the original lines that ruamel's lines i1:i2 are (for an insertion: where it goes)
        where = [place.get(i) for i in range(i1, i2)] if i1 < i2 else \
            [0 if i1 == 0 else None if place.get(i1 - 1) is None else place[i1 - 1] + 1]
        first = where[0]
        if first is None or where != list(range(first, first + len(where))):
            raise _unplaced()
        start, stop = first, first + (i2 - i1)
        written_so = all(i in same for i in range(i1, i2))
        lines = new[j1:j2]
        if i2 - i1 == j2 - j1:  # lines edited: the edits, made to the lines as written
            try:
                lines = [_transfer(orig[start + k], old[i1 + k], new[j1 + k])
                         for k in range(i2 - i1)]
            except FixError:
                if not written_so:
                    raise
        elif not written_so:
            raise _unplaced()
        out[start + shift:stop + shift] = lines
        shift += (j2 - j1) - (stop - start)
    return "".join(out)


def _transfer(line: str, old: str, new: str) -> str:
    """``line`` with the edits that turn ``old`` into ``new`` (a differently written ``line``),
    each made where the words before it and the text it replaces occur once in ``line``."""
    edits = [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in
             difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
             if tag != "equal" and (old[i1:i2] + new[j1:j2]).strip()]  # not ruamel's spacing
    for i1, i2, put in reversed(edits):
        for k in (12, 8, 6, 4, 3, 2, 1):
            before = old[max(0, i1 - k):i1]
            target = before + old[i1:i2]
            if not target.strip():
                continue
            at = line.find(target)
            if at >= 0 and line.find(target, at + 1) < 0:
                at += len(before)
                line = line[:at] + put + line[at + i2 - i1:]
                break
        else:
            raise _unplaced()
    return line


def _unplaced() -> FixError:
    return FixError("the fix would change lines that ruamel.yaml does not write back as they "
                    "are", hint="make the corrections listed below by hand")


def unified_diff(old: str, new: str, name: str) -> str:
    """The change as a unified diff of the map file."""
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True), f"{name} (now)",
                                        f"{name} (fixed)"))
