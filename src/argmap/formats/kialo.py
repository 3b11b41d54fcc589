"""Kialo's plain-text discussion export, read into records.

Kialo exports a discussion as ``Discussion Title: ...`` followed by one numbered line per claim:
``1.`` is the thesis, and each further dot is one level down the tree, so the number's prefix
names the parent (``1.2.3.`` is a child of ``1.2.``). A child says ``Pro:`` or ``Con:``: Pro
becomes an argument from the child claim supporting its parent, Con one attacking it. A line
that does not start with a number continues the text of the claim above it (its lines are kept,
joined by line breaks). A child whose text is only ``-> See 1.2.3.`` is claim 1.2.3 used again
under another parent: it becomes one more argument from that same claim (not a copy), so the map
is a DAG rather than a tree.

What is kept where:

- the discussion title is the map's ``title``; the thesis is the root ``1.`` (with several
  top-level claims, the first, and a warning);
- claim ids are readable slugs of the text; the Kialo number goes in the claim's ``note``
  (``"Kialo 1.2.3"``, with the numbers of the ``-> See`` lines that reuse it:
  ``"Kialo 1.2.2 (also 1.6.4)"``), so that a claim can be found in the discussion;
- every claim and argument is positioned at its numbered line (``Position(name, line, 1)``).

Oddities are ``format-oddity`` warnings at their line, never a crash: a numbering gap, a claim
whose parent number is missing (kept, with no argument), a number used twice (the line is read
as text of the claim above: claim texts may contain numbered lists), ``-> See`` to an unknown
number or round a cycle (kept as a claim with that text), a child with neither ``Pro:`` nor
``Con:`` (kept, with no argument), a line before the first claim that is not the title.

>>> from argmap.records import build
>>> text = '''Discussion Title: Tea or coffee?
...
... 1. Drink tea.
... 1.1. Pro: Tea is warm
... and kind.
... 1.2. Con: Tea has caffeine.
... 1.2.1. Con: -> See 1.1.
... '''
>>> amap, diagnostics = build(read(text, "tea.txt"))
>>> amap.title, amap.thesis, diagnostics
('Tea or coffee?', 'drink-tea', [])
>>> sorted(amap.arguments())
['tea-caffeine--attacks--drink-tea', 'tea-warm-kind--attacks--tea-caffeine', \
'tea-warm-kind--supports--drink-tea']
>>> amap.text("tea-warm-kind"), amap.graph.nodes["tea-warm-kind"]["note"]
('Tea is warm\\nand kind.', 'Kialo 1.1 (also 1.2.1)')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import MapReadError
from ..model import ATTACK, SUPPORT, Position
from ..records import Argument, Claim, Records, slug

__all__ = ["read"]

_TITLE = re.compile(r"[ \t]*Discussion Title:[ \t]*(.*)", re.IGNORECASE)
# a number of at most 9 digits a part (so that int() is cheap), then a dot, then space or the end
_NUMBERED = re.compile(r"[ \t]*(\d{1,9}(?:\.\d{1,9})*)\.(?:[ \t]+(.*))?")
_STANCE = re.compile(r"(Pro|Con):[ \t]*(.*)", re.IGNORECASE | re.DOTALL)
_SEE = re.compile(r"->[ \t]*See[ \t]+(\d{1,9}(?:\.\d{1,9})*)\.?[ \t]*", re.IGNORECASE)

_LINE_END = re.compile(r"\r\n?|\n")  # LF, CRLF, or an old Mac's CR
Key = tuple[int, ...]


@dataclass
class _Node:
    key: Key
    line: int
    stance: str | None  # SUPPORT, ATTACK, or None (no Pro:/Con:)
    lines: list[str] = field(default_factory=list)
    see: Key | None = None
    id: str | None = None  # the claim id, once known
    number: str = ""  # the key as Kialo writes it, without the final dot

    def __post_init__(self) -> None:
        self.number = _number(self.key)

    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _number(key: Key) -> str:
    return ".".join(map(str, key))


def read(text: str, name: str) -> Records:
    """The records of Kialo export ``text`` (read from file ``name``).

    Raises :class:`~argmap.errors.MapReadError` only for a text that has neither a
    ``Discussion Title:`` line nor any numbered line.

    >>> recs = read("Discussion Title: T\\n1. A.\\n1.1. Pro: B.\\n1.3. Con: C.\\n", "t.txt")
    >>> [d.format() for d in recs.diagnostics]
    ['t.txt:4:1: warning format-oddity: numbering gap: 1.2 is missing before 1.3']
    >>> read("just some text", "t.txt")
    Traceback (most recent call last):
    ...
    argmap.errors.MapReadError: t.txt: not a Kialo export: no 'Discussion Title:' and no numbered lines
    """
    recs = Records(name, strict=False)
    if text.startswith("\ufeff"):
        text = text[1:]
    nodes: dict[Key, _Node] = {}
    title_line: int | None = None
    current: _Node | None = None
    started = False  # whether a line with something on it has been read
    for n, line in enumerate(_LINE_END.split(text), 1):
        if not started and line.strip():
            started = True
            m = _TITLE.fullmatch(line)
            if m:
                title_line = n
                recs.title = m.group(1).strip() or None
                continue
        m = _NUMBERED.fullmatch(line)
        if m:
            key = tuple(int(p) for p in m.group(1).split("."))
            body = (m.group(2) or "").strip()
            if key in nodes:
                recs.warn("format-oddity", f"number {_number(key)} is used twice (first on "
                          f"line {nodes[key].line}): read as text of the claim above",
                          Position(name, n, 1))
                if current is not None:
                    current.lines.append(line.rstrip())
                continue
            stance = None
            s = _STANCE.fullmatch(body)
            if s and len(key) > 1:
                stance = SUPPORT if s.group(1).lower() == "pro" else ATTACK
                body = s.group(2)
            current = nodes[key] = _Node(key, n, stance, [body])
            continue
        if current is not None:
            current.lines.append(line.rstrip())
        elif line.strip():
            recs.warn("format-oddity", "a line that is neither the discussion title nor a "
                      "numbered claim, before the first claim (left out)", Position(name, n, 1))
    if not nodes and title_line is None:
        raise MapReadError(f"{name}: not a Kialo export: no 'Discussion Title:' and no "
                           "numbered lines", file=name,
                           hint="a Kialo export starts with 'Discussion Title: ...', then one "
                                "line per claim: '1. thesis', '1.1. Pro: ...', '1.2. Con: ...'; "
                                "say --from FORMAT if the file is in another format")
    if title_line is None:
        recs.warn("format-oddity", "no 'Discussion Title:' line: the map has no title",
                  Position(name, 1, 1))
    for node in nodes.values():
        s = _SEE.fullmatch(node.text())
        if s:
            node.see = tuple(int(p) for p in s.group(1).split("."))
    canonical = _resolve(nodes, recs, name)
    _claims(nodes, canonical, recs, name)
    _arguments(nodes, canonical, recs, name)
    _gaps(nodes, recs, name)
    roots = [node for node in nodes.values() if len(node.key) == 1]
    if roots:
        recs.thesis = canonical[roots[0].key].id
        recs.thesis_at = Position(name, roots[0].line, 1)
        if len(roots) > 1:
            recs.warn("format-oddity", f"{len(roots)} top-level claims ("
                      + ", ".join(f"{r.number}." for r in roots[:5])
                      + (", ..." if len(roots) > 5 else "")
                      + f"): the first, on line {roots[0].line}, is the thesis",
                      Position(name, roots[1].line, 1))
    elif nodes:
        recs.warn("format-oddity", "no top-level claim ('1.'): the map has no thesis",
                  Position(name, next(iter(nodes.values())).line, 1))
    recs.diagnostics.sort(key=lambda d: d.line or 0)  # in file order
    return recs


def _resolve(nodes: dict[Key, _Node], recs: Records, name: str) -> dict[Key, _Node]:
    """Each node's claim: itself, or for a ``-> See`` node the node it refers to (followed
    through further ``-> See`` nodes). A reference to nothing, or round a cycle, stays a claim
    of its own (its text is the reference), with a warning."""
    out: dict[Key, _Node] = {}
    for node in nodes.values():
        if node.see is None or node.key in out:
            continue
        chain = [node]
        seen = {node.key}
        at: _Node = node
        end: _Node | None = None
        while True:
            assert at.see is not None
            target = nodes.get(at.see)
            if target is None:
                recs.warn("format-oddity", f"claim {at.number} refers to {_number(at.see)}, "
                          "which is not in the export: kept as a claim with the text "
                          f"{at.text()!r}", Position(name, at.line, 1))
                end = at
                break
            if target.key in out:
                end = out[target.key]
                break
            if target.see is None:
                end = target
                break
            if target.key in seen:
                recs.warn("format-oddity", "'-> See' references that go round in a cycle: "
                          + " -> ".join(c.number for c in chain[chain.index(target):])
                          + f" -> {target.number}: each kept as a claim with its reference as "
                          "text", Position(name, target.line, 1))
                break
            seen.add(target.key)
            chain.append(target)
            at = target
        for c in chain:
            out[c.key] = end if end is not None else c
    for node in nodes.values():
        out.setdefault(node.key, node)
    return out


def _claims(nodes: dict[Key, _Node], canonical: dict[Key, _Node], recs: Records,
            name: str) -> None:
    taken: set[str] = set()
    also: dict[Key, list[str]] = {}
    for node in nodes.values():
        claim = canonical[node.key]
        if claim is not node:
            also.setdefault(claim.key, []).append(node.number)
    for node in nodes.values():
        if canonical[node.key] is not node:
            continue
        text = node.text()
        if not text:
            recs.warn("format-oddity", f"claim {node.number} has no text: read as '(no text)'",
                      Position(name, node.line, 1))
            text = "(no text)"
        node.id = slug(text, taken)
        taken.add(node.id)
        note = f"Kialo {node.number}"
        if node.key in also:
            note += f" (also {', '.join(also[node.key])})"
        recs.claims.append(Claim(node.id, text, Position(name, node.line, 1), {"note": note}))


def _arguments(nodes: dict[Key, _Node], canonical: dict[Key, _Node], recs: Records,
               name: str) -> None:
    for node in nodes.values():
        if len(node.key) == 1:
            continue
        at = Position(name, node.line, 1)
        parent = nodes.get(node.key[:-1])
        if parent is None:
            recs.warn("format-oddity", f"claim {node.number} has no parent: there is no claim "
                      f"{_number(node.key[:-1])} (kept, with no argument)", at)
            continue
        if node.stance is None:
            recs.warn("format-oddity", f"claim {node.number} is neither 'Pro:' nor 'Con:' "
                      f"(kept, with no argument for or against {parent.number})", at)
            continue
        premise, target = canonical[node.key].id, canonical[parent.key].id
        assert premise is not None and target is not None
        recs.arguments.append(Argument(node.stance, target, [premise], at=at))


def _gaps(nodes: dict[Key, _Node], recs: Records, name: str) -> None:
    """One warning per run of missing numbers among the children of a claim that exists."""
    children: dict[Key, list[_Node]] = {}
    for node in nodes.values():
        children.setdefault(node.key[:-1], []).append(node)
    for parent, kids in children.items():
        if parent and parent not in nodes:
            continue  # already reported as a missing parent
        before = 0
        for kid in sorted(kids, key=lambda k: k.key[-1]):
            last = kid.key[-1]
            if last > before + 1:
                missing = _number((*parent, before + 1)) + (
                    " is" if last == before + 2 else f" to {_number((*parent, last - 1))} are")
                recs.warn("format-oddity", f"numbering gap: {missing} missing before "
                          f"{kid.number}", Position(name, kid.line, 1))
            before = last
