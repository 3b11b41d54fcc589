"""Argdown text: the map written as an ``.argdown`` file that the Argdown tools (1.7) accept.

What is written where:

- **Claims** are statements ``[id]: text #tag {data}``, one definition each: the claims with no
  theme first, then one heading ``# Label {theme: id}`` per theme with its claims (Argdown puts a
  statement in the section of its definition). The claim's other fields go in Argdown's YAML
  data: ``thesis: true``, ``weight``, ``para``, ``quote``, ``note``, ``given``, ``by``,
  ``speaker``, ``aif``, ``ignore``, ``rephrases``. Tags that are not plain words are written
  ``#(a.b)``.
- **An argument with one premise** and nothing else to say is a relation under its target:
  ``+ [premise]`` (support), ``- [premise]`` (attack), ``<_ [premise]`` (undercut, under the
  argument it undercuts).
- **Every other argument** (linked premises, a title, scheme, note, weight or id, or something
  aimed at it) is an Argdown argument ``<Title>`` with a premise-conclusion structure: its
  premises numbered, the scheme as the inference rule (``--`` / ``scheme`` / ``--``), and its
  target as the conclusion. Argdown's conclusions are statements, so an argument against a
  claim, an undercut and a support of an argument get an added conclusion,
  ``[id--conclusion]: Not: ... {argmap: implicit-conclusion}``, whose one relation (``-> [target]``,
  ``_> <Argument>``, ``+> <Argument>``) says what the argument does; argmap's Argdown JSON reader
  folds it back into the argument. The Argdown title is the argument's title when Argdown can
  hold it (no brackets, unique), else its id; data keeps the id (when it is not automatic), a
  title Argdown could not hold, the weight, AIF id and ``ignore``; a one-line note is the
  argument's description, a longer one goes in data.
- **The map's title, source and note** go in the front matter (``title``, ``author``, ``date``
  for Argdown's HTML, and the rest under ``argmap``). Argdown's JSON export leaves the front
  matter out.

Text is escaped so that no claim can break the file: ``\\`` before every character Argdown reads
as syntax (brackets, ``<>``, ``@``, ``#``, ``*``, ``_``, ``{}``, ``/``, ``\\``, a ``.`` or ``:``
that could open a special character such as ``:smile:``, ``==``), and line breaks become
spaces (each statement is one paragraph). Data values are quoted YAML strings with braces
written as escapes.

What Argdown cannot hold is returned as losses: line breaks in texts, and supports of arguments
(Argdown reads a support of an argument as a support of one of its premises).

>>> from argmap import loads
>>> m = loads('''thesis: tea
... claims:
...   tea: Drink tea.
...   warm: {text: "Tea is *warm*.", tags: [cosy]}
...   cheap: {text: Tea is cheap., source: {para: 2}}
...   pricey: Good tea costs [a lot].
... arguments:
...   - {id: why, supports: tea, premises: [warm, cheap], title: warm and cheap}
...   - {attacks: tea, premises: [pricey]}
...   - {attacks: why, premises: [pricey]}''')
>>> print(write(m).data)
[tea]: Drink tea. {thesis: true}
  - [pricey]
<BLANKLINE>
<warm and cheap> {id: "why"}
<BLANKLINE>
(1) [warm]
(2) [cheap]
----
(3) [tea]
<BLANKLINE>
<warm and cheap>
  <_ [pricey]
<BLANKLINE>
[warm]: Tea is \\*warm\\*. #cosy
<BLANKLINE>
[cheap]: Tea is cheap. {para: 2}
<BLANKLINE>
[pricey]: Good tea costs \\[a lot\\].
<BLANKLINE>
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from ..model import ATTACK, SUPPORT, ArgumentMap
from . import Written

__all__ = ["write", "escape", "IMPLICIT"]

#: the data that marks a conclusion added for an argument Argdown has no conclusion for
IMPLICIT = "implicit-conclusion"
# Argdown's syntax inside a statement's text: escapes, titles, mentions, tags, bold/italic,
# data, comments, a `.` or `:` that may open a special character, front matter (`===`)
_SPECIAL = re.compile(r"[\\\[\]<>@#*_{}/]|[.:](?=\S)|=(?==)|(?<==)=")
# ... and inside an inference rule: also `--` (the end of the inference) and the rule list's `,`
_RULE_SPECIAL = re.compile(r"[\\\[\]<>@#*_{}/,]|[.:](?=\S)|-(?=-)|(?<=-)-|=(?==)|(?<==)=")
_PLAIN_TAG = re.compile(r"[A-Za-z0-9-]+")
# an argument title Argdown can hold as it is: no brackets, escapes or braces; not starting
# with what would make `<` a relation (`<+`, `<-`, `<_`) or a comment (`<!--`); no spaces at the
# ends (and printable: Argdown's title pattern stops at a line separator); not one of Argdown's
# own "Untitled 3" titles
_SAFE_TITLE = re.compile(r"(?!Untitled \d+\Z)[^\s<>\[\]\\{}+\-_!]"
                         r"(?:[^<>\[\]\\{}\n\r]*[^\s<>\[\]\\{}])?")
_CLAIM_DEFAULTS = {"weight": 0.5, "given": False}


def escape(text: str, special: re.Pattern[str] = _SPECIAL) -> str:
    """``text`` as one line of Argdown text: whitespace collapsed, syntax escaped.

    >>> print(escape("See [1] & @me, #1 at 10:30 -- *now*"))
    See \\[1\\] & \\@me, \\#1 at 10\\:30 -- \\*now\\*
    """
    return special.sub(r"\\\g<0>", " ".join(text.split()))


def _yaml(value: Any) -> str:
    """``value`` as YAML flow that Argdown's lexer takes whole: strings are quoted, and the
    characters that could end the data (``}``) or make the line a definition (``<A>:``, ``===``)
    are escapes, like every character that is not printable."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml(str(k))}: {_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    out = json.dumps(str(value), ensure_ascii=False)
    return "".join(c if c.isprintable() and c not in "{}=<>[]" else f"\\u{ord(c):04x}"
                   if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in out)


def _data(pairs: Iterable[tuple[str, Any]]) -> str:
    items = [f"{k}: {_yaml(v)}" for k, v in pairs]
    return " {" + ", ".join(items) + "}" if items else ""


def _tag(tag: str) -> str:
    return f"#{tag}" if _PLAIN_TAG.fullmatch(tag) else f"#({tag})"


class _Writer:
    def __init__(self, amap: ArgumentMap):
        self.amap = amap
        self.g = amap.graph
        self.losses: list[str] = []
        self.broken: list[str] = []  # texts with line breaks, by what they are
        self.lines: list[str] = []
        self.rel = amap.relations()
        self.targeted = {t for t in (*self.rel.supporters, *self.rel.attackers)
                         if t in self.g and self.g.nodes[t]["kind"] == "argument"}
        self.structured = {a: None for a in amap.arguments() if self.needs_structure(a)}
        self.titles = self.argument_titles()
        self.claim_ids = set(amap.claims())
        self.written: set[str] = set()

    def text(self, text: str, what: str, special: re.Pattern[str] = _SPECIAL) -> str:
        if "\n" in text.strip() or "\r" in text.strip():
            self.broken.append(what)
        return escape(text, special)

    def needs_structure(self, a: str) -> bool:
        n = self.g.nodes[a]
        return (len(n["premises"]) != 1 or a in self.targeted or not n["auto_id"]
                or any(n.get(k) for k in ("title", "scheme", "note", "aif", "ignore"))
                or n.get("weight", 1.0) != 1.0)

    def argument_titles(self) -> dict[str, str]:
        """The Argdown title of each structured argument: its title when Argdown can hold it
        and no other argument has it, else its id."""
        out: dict[str, str] = {}
        used: set[str] = set(self.structured)  # ids stay free for the arguments they name
        for a in self.structured:
            title = self.g.nodes[a].get("title")
            if title and title.isprintable() and _SAFE_TITLE.fullmatch(title) and (
                    title not in used):
                out[a] = title
                used.add(title)
        for a in self.structured:
            out.setdefault(a, a)
        return out

    # -- the file ------------------------------------------------------------------------------
    def write(self) -> Written:
        amap = self.amap
        self.front_matter()
        by_theme: dict[str | None, list[str]] = {None: []}
        for t in amap.themes:
            by_theme[t] = []
        for c in amap.claims():
            by_theme.setdefault(self.g.nodes[c].get("theme"), []).append(c)
        for theme, claims in by_theme.items():
            if theme is not None:
                label = self.text(amap.theme_label(theme) or theme, f"theme {theme!r}").strip(
                    " \ufeff") or escape(theme)  # Argdown trims a heading as JavaScript does
                self.lines += [f"# {label}{_data([('theme', theme)])}", ""]
            for c in claims:
                self.claim(c)
        for a in self.structured:  # arguments that no claim anchors (undercuts in a circle)
            if a not in self.written:
                self.argument(a)
                self.arguments_into(a)
        if self.broken:
            self.losses.append("Argdown statements are one paragraph: line breaks became spaces in "
                               + _few(self.broken))
        supports = [a for a in amap.arguments()
                    if self.g.nodes[a]["relation"] == SUPPORT and amap.is_argument(amap.target(a))]
        if supports:
            self.losses.append("Argdown has no support of an inference: a support of an argument "
                               "is read there as a support of one of its premises ("
                               + _few(supports) + ")")
        return Written("\n".join(self.lines).rstrip("\n") + "\n" if self.lines else "",
                       self.losses)

    def front_matter(self) -> None:
        amap = self.amap
        top: list[tuple[str, Any]] = []
        if amap.title:
            top.append(("title", amap.title))
        for key in ("author", "date"):
            if amap.source.get(key):
                top.append((key, amap.source[key]))
        extra: dict[str, Any] = {}
        if amap.source:
            extra["source"] = dict(amap.source)
        if amap.note:
            extra["note"] = amap.note
        if extra:
            top.append(("argmap", extra))
        if top:
            self.lines += ["===", *(f"{k}: {_yaml(v)}" for k, v in top), "===", ""]

    # -- claims --------------------------------------------------------------------------------
    def claim(self, c: str) -> None:
        n = self.g.nodes[c]
        text = self.text(n["text"], f"claim {c!r}") or escape(c)
        tags = "".join(f" {_tag(t)}" for t in n.get("tags") or ())
        self.lines.append(f"[{c}]: {text}{tags}{_data(self.claim_data(c, n))}")
        self.simple_relations(c)
        self.lines.append("")
        self.arguments_into(c)

    def arguments_into(self, target: str) -> None:
        """The structured arguments into ``target``, each followed by those into it (depth
        first, without recursion: chains of undercuts can be long)."""
        stack = [a for a in reversed(self.incoming(target)) if a in self.structured]
        while stack:
            a = stack.pop()
            if a not in self.written:
                self.argument(a)
                stack.extend(x for x in reversed(self.incoming(a)) if x in self.structured)

    def claim_data(self, c: str, n: dict[str, Any]) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        if self.amap.thesis == c:
            out.append(("thesis", True))
        for key in ("weight", "para", "quote", "note", "given", "by", "speaker", "aif",
                    "ignore"):
            value = n.get(key)
            if value is None or value == _CLAIM_DEFAULTS.get(key) or value in ("", {}):
                continue
            out.append((key, dict(value) if key == "ignore" else value))
        rephrases = [(of, aif) for claim, of, aif in self.amap.rephrases if claim == c]
        if rephrases:
            out.append(("rephrases", [{"of": of, "aif": aif} if aif else of
                                      for of, aif in rephrases]))
        return out

    def incoming(self, target: str) -> list[str]:
        return [*self.rel.supporters.get(target, ()), *self.rel.attackers.get(target, ())]

    def simple_relations(self, target: str) -> bool:
        """The one-premise arguments into ``target``, as relations under it."""
        is_argument = target not in self.claim_ids
        wrote = False
        for a in self.incoming(target):
            if a in self.structured:
                continue
            n = self.g.nodes[a]
            arrow = "+" if n["relation"] == SUPPORT else "<_" if is_argument else "-"
            self.lines.append(f"  {arrow} [{n['premises'][0]}]")
            self.written.add(a)
            wrote = True
        return wrote

    # -- arguments -----------------------------------------------------------------------------
    def argument(self, a: str) -> None:
        self.written.add(a)
        n = self.g.nodes[a]
        title = self.titles[a]
        data: list[tuple[str, Any]] = []
        if not n["auto_id"]:
            data.append(("id", a))
        if n.get("title") and title != n["title"]:
            data.append(("title", n["title"]))
        if n.get("weight", 1.0) != 1.0:
            data.append(("weight", n["weight"]))
        note = n.get("note") or ""
        description = ""
        if note and "\n" not in note.strip():
            description = f": {escape(note)}"
        elif note:
            data.append(("note", note))
        for key in ("aif", "ignore"):
            if n.get(key):
                data.append((key, dict(n[key]) if key == "ignore" else n[key]))
        self.lines += [f"<{title}>{description}{_data(data)}", ""]
        premises = list(n["premises"])
        self.lines += [f"({i}) [{p}]" for i, p in enumerate(premises, 1)]
        # Argdown trims an inference rule as JavaScript does, a byte order mark included
        rule = self.text(n.get("scheme") or "", f"the scheme of {a!r}", _RULE_SPECIAL).strip(
            " \ufeff")
        self.lines += ["--", rule, "--"] if rule else ["----"]
        k = len(premises) + 1
        target = n["target"]
        if n["relation"] == SUPPORT and target in self.claim_ids:
            self.lines.append(f"({k}) [{target}]")
        else:
            self.lines += self.implicit(a, n, k)
        self.lines.append("")
        if any(x not in self.structured for x in self.incoming(a)):
            self.lines.append(f"<{title}>")
            self.simple_relations(a)
            self.lines.append("")

    def implicit(self, a: str, n: dict[str, Any], k: int) -> list[str]:
        """The added conclusion of an argument against a claim or on an argument."""
        target = n["target"]
        title = f"{a}--conclusion"
        i = 1
        while title in self.claim_ids:
            i += 1
            title = f"{a}--conclusion-{i}"
        self.claim_ids.add(title)
        if target in self.titles or self.amap.is_argument(target):
            name = self.titles.get(target, target)
            said = (f'The premises of "{name}" do not support its conclusion.'
                    if n["relation"] == ATTACK else f'The premises of "{name}" support its conclusion.')
            relation = f"  {'_>' if n['relation'] == ATTACK else '+>'} <{name}>"
        else:
            said = f"Not: {self.amap.text(target)}"
            relation = f"  -> [{target}]"
        return [f"({k}) [{title}]: {escape(said)}{_data([('argmap', IMPLICIT)])}", relation]


def _few(items: list[str], n: int = 5) -> str:
    shown = ", ".join(items[:n])
    return shown + (f" and {len(items) - n} more" if len(items) > n else "")


def write(amap: ArgumentMap) -> Written:
    """The map as Argdown text, and what Argdown cannot hold (see the module's notes)."""
    return _Writer(amap).write()
