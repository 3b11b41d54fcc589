"""brat standoff argument annotation (``.ann`` beside its ``.txt``), read into records.

The shape is that of the Argument Annotated Essays corpus (Stab and Gurevych): text-bound
annotations ``T1<TAB>MajorClaim 503 575<TAB>text`` (also ``Claim`` and ``Premise``), a Claim's
stance toward the major claims ``A1<TAB>Stance T2 For`` (or ``Against``), and relations
``R1<TAB>supports Arg1:T4 Arg2:T3`` (or ``attacks``) from Arg1 to Arg2.

What is kept where:

- every T annotation is a claim: its text is the annotation's text, its id a readable slug of
  it, its ``tags`` the label as a slug (``major-claim``, ``claim``, ``premise``), its position
  ``Position(name, line, 1, "T3")``, and a brat ``AnnotatorNotes`` on it becomes its ``note``;
- its ``quote`` is the annotated span as the ``.txt`` has it (``txt[start:end]``; the
  fragments of a discontinuous span joined by a space), checked against the annotation's text;
- its ``para`` is counted in the ``.txt``: **paragraph N is the N-th line that is not blank,
  the title line included** (in the essays the title is line 1, so the first paragraph of the
  body is paragraph 2);
- ``Stance For`` is an argument from the claim supporting each major claim, ``Against`` one
  attacking each; ``supports``/``attacks`` relations are arguments from Arg1 to Arg2;
- the thesis is the first MajorClaim; a later MajorClaim restates it (a ``Rephrase``), as the
  essays' major claims state one position;
- the map's title (and its source's title) is the first line of the ``.txt``, and its source's
  ``file`` is the ``.txt`` (by name: a map converted to YAML beside the essay checks every
  quote against it) with ``paragraphs: lines``, the numbering used here.

The reader opens one other file, the ``.txt`` with the ``.ann``'s name (through
:func:`argmap.loader.read_text`); without it the paragraphs are not known (a ``format-loss``
warning) and the quotes are the annotations' own texts. Oddities (a malformed line, a relation
or stance naming an unknown T, offsets outside the text, a text that does not match its span, a
duplicate id) are ``format-oddity`` warnings naming the element, never a crash; brat's events,
normalizations, equivalences and other attributes or relation types are ``format-loss``
warnings.

>>> from argmap.records import build
>>> ann = '''T1\\tMajorClaim 0 9\\tTea is good
... T2\\tClaim 11 23\\tTea is warmer
... A1\\tStance T2 For
... T3\\tPremise 25 34\\tIt is hot
... R1\\tsupports Arg1:T3 Arg2:T2
... '''
>>> amap, diagnostics = build(read(ann, "/nonexistent/essay.ann"))
>>> amap.thesis, sorted(amap.arguments())
('tea-good', ['hot--supports--tea-warmer', 'tea-warmer--supports--tea-good'])
>>> [d.format() for d in diagnostics]
['/nonexistent/essay.ann: warning format-loss: no /nonexistent/essay.txt beside the annotation: \
paragraph numbers are not known']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MapReadError
from ..model import ATTACK, SUPPORT, Position
from ..records import Argument, Claim, Records, Rephrase, slug

__all__ = ["read"]

_LINE_END = re.compile(r"\r\n?|\n")  # LF, CRLF, or an old Mac's CR
_BRATISH = re.compile(r"[TRAEMN#*]\S*\t")
_SPANS = r"\d{1,15} \d{1,15}(?:;\d{1,15} \d{1,15})*"
_TEXT_BOUND = re.compile(rf"(T\S*)\t(\S+) ({_SPANS})(?:\t(.*))?")
_RELATION = re.compile(r"(R\S*)\t(\S+)((?: +\S+:\S+)+) *\t?.*")
_ATTRIBUTE = re.compile(r"([AM]\S*)\t(\S+) (\S+)(?: (\S+))? *")
_NOTE = re.compile(r"(#\S*)\t(\S+) (\S+)\t(.*)")
_RELATIONS = {"supports": SUPPORT, "support": SUPPORT, "attacks": ATTACK, "attack": ATTACK}
_STANCES = {"for": SUPPORT, "against": ATTACK}
_LOST = {"E": "event", "N": "normalization", "*": "equivalence", "R": "relation",
         "A": "attribute", "M": "attribute", "#": "note"}


@dataclass
class _Text:
    """One T annotation."""

    tid: str
    label: str
    spans: list[tuple[int, int]]
    text: str
    line: int
    note: str | None = None
    id: str = ""


@dataclass
class _Ann:
    """What the ``.ann`` says, before ids are resolved."""

    texts: dict[str, _Text] = field(default_factory=dict)
    relations: list[tuple[str, str, dict[str, str], int]] = field(default_factory=list)
    stances: list[tuple[str, str, str, int]] = field(default_factory=list)
    notes: list[tuple[str, str, Position]] = field(default_factory=list)  # T id, note, where
    lost: dict[str, list[Position]] = field(default_factory=dict)  # what -> where


def read(text: str, name: str) -> Records:
    """The records of brat ``.ann`` ``text`` (read from file ``name``), with the ``.txt`` of
    the same name if there is one.

    Raises :class:`~argmap.errors.MapReadError` only for a text with no line in brat's shape.

    >>> recs = read("T1\\tClaim 0 4\\tTea\\nR1\\tsupports Arg1:T9 Arg2:T1\\n", "/nowhere/a.ann")
    >>> print(recs.diagnostics[-1].format())
    /nowhere/a.ann:2:1: warning format-oddity: R1: Arg1 T9 is not a T annotation in this file \
(left out)
    """
    recs = Records(name, strict=False)
    if text.startswith("\ufeff"):
        text = text[1:]
    ann = _parse(text, recs, name)
    txt = _sibling(name, recs)
    lines = _paragraph_starts(txt) if txt is not None else []
    if txt is not None:
        recs.title = next((ln.strip() for ln in _LINE_END.split(txt) if ln.strip()), None)
        if recs.title:
            recs.source["title"] = recs.title
        # the text the quotes come from, numbered as here: one paragraph a line (argmap check
        # verifies every quote against it, relative to where the map is written)
        recs.source["file"] = Path(name).with_suffix(".txt").name
        recs.source["paragraphs"] = "lines"
    taken: set[str] = set()
    majors: list[_Text] = []
    for t in ann.texts.values():
        at = Position(name, t.line, 1, t.tid)
        attrs: dict[str, object] = {"quote": t.text or None}
        label = slug(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", t.label), set())
        attrs["tags"] = [label]
        if t.note:
            attrs["note"] = t.note
        if txt is not None:
            attrs.update(_place(t, txt, lines, recs, at))
        claim_text = " ".join(t.text.split()) or str(attrs.get("quote") or "").strip()
        if not claim_text:
            recs.warn("format-oddity", "the annotation has no text: read as '(no text)'", at)
            claim_text = "(no text)"
        t.id = slug(claim_text, taken)
        taken.add(t.id)
        recs.claims.append(Claim(t.id, claim_text, at, attrs))
        if t.label.lower() == "majorclaim":
            majors.append(t)
    if majors:
        recs.thesis = majors[0].id
        recs.thesis_at = Position(name, majors[0].line, 1, majors[0].tid)
        recs.rephrases += [Rephrase(m.id, majors[0].id, at=Position(name, m.line, 1, m.tid))
                           for m in majors[1:]]
    _stances(ann, majors, recs, name)
    _relations(ann, recs, name)
    for what, where in ann.lost.items():
        kind, _, detail = what.partition(" ")  # "relation 'contrasts'" -> "2 relations 'contrasts'"
        many = "s" * (len(where) > 1)
        recs.warn("format-loss", f"{len(where)} {kind}{many}{' ' * bool(detail)}{detail} not kept "
                  f"(the first on line {where[0].line})", Position(name, where[0].line, 1))
    recs.diagnostics.sort(key=lambda d: d.line or 0)  # in file order
    return recs


def _parse(text: str, recs: Records, name: str) -> _Ann:
    ann = _Ann()
    bratish = 0
    content = 0
    for n, line in enumerate(_LINE_END.split(text), 1):
        if not line.strip():
            continue
        content += 1
        bratish += bool(_BRATISH.match(line))
        eid = line.split("\t", 1)[0]
        at = Position(name, n, 1, eid or None)
        kind = eid[:1]
        if kind == "T":
            m = _TEXT_BOUND.fullmatch(line)
            if m is None:
                recs.warn("format-oddity", "not a text annotation 'T1<TAB>Label start end<TAB>"
                          "text' (left out)", at)
                continue
            tid = m.group(1)
            if tid in ann.texts:
                recs.warn("format-oddity", "defined twice (first on line "
                          f"{ann.texts[tid].line}): the second is left out", at)
                continue
            spans = [(int(a), int(b)) for a, b in
                     (part.split(" ") for part in m.group(3).split(";"))]
            ann.texts[tid] = _Text(tid, m.group(2), spans, m.group(4) or "", n)
        elif kind == "R":
            m = _RELATION.fullmatch(line)
            if m is None:
                recs.warn("format-oddity", "not a relation 'R1<TAB>supports Arg1:T1 Arg2:T2' "
                          "(left out)", at)
                continue
            args = dict(part.split(":", 1) for part in m.group(3).split())
            ann.relations.append((m.group(1), m.group(2), args, n))
        elif kind and kind in "AM":
            m = _ATTRIBUTE.fullmatch(line)
            if m is None:
                recs.warn("format-oddity", "not an attribute 'A1<TAB>Stance T2 For' (left out)",
                          at)
                continue
            if m.group(2).lower() == "stance":
                ann.stances.append((m.group(1), m.group(3), m.group(4) or "", n))
            else:
                ann.lost.setdefault(f"{_LOST[kind]} {m.group(2)!r}", []).append(at)
        elif kind == "#":
            m = _NOTE.fullmatch(line)
            if m and m.group(2) == "AnnotatorNotes":
                ann.notes.append((m.group(3), m.group(4).strip(), at))
            else:
                ann.lost.setdefault("note", []).append(at)
        elif kind and kind in "EN*" and "\t" in line:
            ann.lost.setdefault(_LOST[kind], []).append(at)
        else:
            recs.warn("format-oddity", "a line brat does not define (left out)",
                      Position(name, n, 1))
    for tid, note, at in ann.notes:
        target = ann.texts.get(tid)
        if target is None:
            ann.lost.setdefault("note", []).append(at)  # on an event, a relation, ...
        elif note:
            target.note = (target.note + "\n" if target.note else "") + note
    if content and not bratish:
        raise MapReadError(f"{name}: not a brat annotation file: no line like "
                           "'T1<TAB>Claim 0 10<TAB>text'", file=name,
                           hint="a brat .ann file has one annotation a line: T1<TAB>Label start "
                                "end<TAB>text, R1<TAB>supports Arg1:T1 Arg2:T2, A1<TAB>Stance "
                                "T2 For; say --from FORMAT if the file is in another format")
    return ann


def _sibling(name: str, recs: Records) -> str | None:
    """The text of the ``.txt`` beside ``name``, or None (with a warning) when there is none."""
    from ..loader import read_text

    try:
        path = Path(name).with_suffix(".txt")
        found = path != Path(name) and path.is_file()
    except (OSError, ValueError):  # an empty name, a NUL byte, ...
        path, found = Path(name + ".txt"), False
    if not found:
        recs.warn("format-loss", f"no {path} beside the annotation: paragraph numbers are not "
                  "known", Position(name, None, None))
        return None
    try:
        return read_text(path)
    except MapReadError as e:
        recs.warn("format-loss", f"cannot read {path} ({e.message}): paragraph numbers are "
                  "not known", Position(name, None, None))
        return None


def _paragraph_starts(txt: str) -> list[int]:
    """The offsets at which the lines that are not blank start: paragraph N starts at [N-1]."""
    return [m.start() for m in re.finditer(r"[^\r\n]+", txt) if m.group().strip()]


def _place(t: _Text, txt: str, starts: list[int], recs: Records, at: Position
           ) -> dict[str, object]:
    """``para`` and ``quote`` of annotation ``t`` in the ``.txt``."""
    bad = [(a, b) for a, b in t.spans if not 0 <= a <= b <= len(txt)]
    if bad:
        recs.warn("format-oddity", f"offsets {bad[0][0]}-{bad[0][1]} are outside the text "
                  f"({len(txt)} characters): paragraph not known", at)
        return {}
    span = " ".join(txt[a:b] for a, b in t.spans)
    out: dict[str, object] = {"para": max(1, bisect.bisect_right(starts, t.spans[0][0]))}
    if span == t.text or span.split() == t.text.split():
        out["quote"] = span
    else:
        recs.warn("format-oddity", f"the text {_short(t.text)!r} does not match the .txt at "
                  f"{t.spans[0][0]}-{t.spans[-1][1]} ({_short(span)!r}): the annotation's "
                  "text is kept as the quote", at)
    return out


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _stances(ann: _Ann, majors: list[_Text], recs: Records, name: str) -> None:
    for aid, tid, value, n in ann.stances:
        at = Position(name, n, 1, aid)
        relation = _STANCES.get(value.lower())
        if tid not in ann.texts:
            recs.warn("format-oddity", f"stance of {tid}, which is not a T annotation in this "
                      "file (left out)", at)
        elif relation is None:
            recs.warn("format-oddity", f"stance {value!r} is neither 'For' nor 'Against' "
                      "(left out)", at)
        elif not majors:
            recs.warn("format-oddity", "a stance, but no MajorClaim for it to be toward "
                      "(left out)", at)
        else:
            recs.arguments += [Argument(relation, m.id, [ann.texts[tid].id], at=at)
                               for m in majors if m.tid != tid]


def _relations(ann: _Ann, recs: Records, name: str) -> None:
    for rid, kind, args, n in ann.relations:
        at = Position(name, n, 1, rid)
        relation = _RELATIONS.get(kind.lower())
        if relation is None:
            ann.lost.setdefault(f"relation {kind!r}", []).append(at)
            continue
        arg1, arg2 = args.get("Arg1"), args.get("Arg2")
        if arg1 is None or arg2 is None:
            recs.warn("format-oddity", "a relation needs Arg1 and Arg2 (left out)", at)
            continue
        missing = [(role, t) for role, t in (("Arg1", arg1), ("Arg2", arg2))
                   if t not in ann.texts]
        if missing:
            recs.warn("format-oddity", f"{missing[0][0]} {missing[0][1]} is not a T annotation "
                      "in this file (left out)", at)
            continue
        recs.arguments.append(Argument(relation, ann.texts[arg2].id, [ann.texts[arg1].id],
                                       at=at))
