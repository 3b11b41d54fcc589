"""The JSON that the Argdown CLI writes (``argdown json``, ``argdown run export-json``), read into
records.

Argdown's model has statements, grouped by title into *equivalence classes*, and arguments,
either only described (``<Title>: text``) or reconstructed as a premise-conclusion structure
(pcs), plus relations between them. How each becomes part of an argmap map:

- **Statements**: each equivalence class is one claim. Its id is its title when that is a valid
  id (``[T]`` gives ``T``), else a slug of the title; Argdown's own ``Untitled 3`` titles give a
  slug of the text instead. Its text is the text Argdown itself shows: the member marked
  ``isCanonical``, else the last member that is not a reference; the class's other texts go in
  the claim's ``note`` (``Also written as: ...``). Tags are the claim's tags (a tag that is not a
  valid id becomes a slug), and the tags written at the end of the text are taken off the text.
  YAML data ``{...}`` on a statement gives the fields argmap knows (``weight``, ``para``,
  ``quote``, ``note``, ``given``, ``by``, ``speaker``, ``aif``, ``ignore``, ``thesis: true``,
  ``rephrases``); other keys are reported, one ``format-loss`` warning per key.
- **Reconstructed arguments**: every inference step of a pcs is one argmap argument: its
  premises (by Argdown's rule: the statements back to the previous conclusion, or the step's
  ``uses`` list) linked, supporting the step's conclusion. The last step is the argument: it
  carries the title, the description as ``note``, the inference rules as ``scheme``, and data
  ``weight``/``id``/``title``; earlier steps are titled ``Title - 1``, ``Title - 2``, ...
  Arguments have no tags in argmap: a reconstructed argument's tags are left out (one
  ``format-loss`` warning names them all).
  A conclusion marked ``{argmap: implicit-conclusion}`` (argmap's writer adds it to attacks with
  linked premises, which Argdown can only write with a conclusion) is not a claim: its one
  relation becomes the argument's own (an attack, an undercut or a support of an argument).
- **Arguments without a pcs** are reasons: the description becomes a claim (its id from the
  argument's title) that is the premise of one argument per relation of the Argdown argument,
  each titled with the argument's title. Such an argument's tags and theme are its claim's.
- **Relations**: ``support`` and ``entails`` are supports, ``attack`` an attack, ``undercut``
  an attack on the argument (inference) it points at (an undercut of an argument without a pcs
  undercuts the arguments its claim is the premise of). ``contrary`` and ``contradictory``
  become attacks both ways, with a ``format-loss`` warning naming the two. A support or attack
  aimed at an argument without a pcs is aimed at its claim; aimed at a reconstructed argument,
  Argdown means one of its premises without naming it, so it is read as aimed at the argument
  (a support of its inference, or an undercut) with a ``format-loss`` warning.
- **Sections** (headings) are themes: the theme id is the heading's data ``theme`` when given,
  else a slug of its title; a claim's theme is its statement's section (nested sections are
  flattened, with a warning). The ``map`` section is only a cross-check (a node that is not in
  the model is an oddity), unless the file has neither statements nor arguments: then the map's
  nodes and edges are read instead, with a warning that the map has no pcs.

Positions: the JSON's line numbers are those of the ``.argdown`` source, so they go in the
element (``statement [T] (.argdown line 3)``), not in the line of the JSON file. The JSON has no
front matter, so a map's title, author and date stay in the ``.argdown`` file.

>>> from argmap.records import build
>>> text = '''{"statements": {
...   "T": {"members": [{"text": "Tea is good. #tasty", "startLine": 1}], "tags": ["tasty"]},
...   "W": {"members": [{"text": "Tea is warm."}]},
...   "P": {"members": [{"text": "Tea has caffeine."}]}},
...  "arguments": {"Cold": {"members": [{"text": "Tea gets cold."}], "pcs": []}},
...  "relations": [
...   {"relationType": "support", "from": "W", "fromType": "equivalence-class",
...    "to": "T", "toType": "equivalence-class"},
...   {"relationType": "attack", "from": "Cold", "fromType": "argument",
...    "to": "T", "toType": "equivalence-class"},
...   {"relationType": "contrary", "from": "P", "to": "W"}]}'''
>>> amap, diagnostics = build(read(text, "tea.json"))
>>> sorted(amap.claims()), amap.text("T"), amap.node("T")["tags"]
(['Cold', 'P', 'T', 'W'], 'Tea is good.', ('tasty',))
>>> sorted(amap.arguments())
['Cold--attacks--T', 'P--attacks--W', 'W--attacks--P', 'W--supports--T']
>>> amap.node("Cold--attacks--T")["title"]
'Cold'
>>> for d in diagnostics:
...     print(d.format())  # doctest: +NORMALIZE_WHITESPACE
tea.json: warning format-loss: contrary [P] >< [W]: a contrary relation between [P] and [W]
  is read as two attacks, [P] on [W] and [W] on [P]
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import MapReadError
from ..model import ATTACK, SUPPORT, Position
from ..records import ID_RE, Argument, Claim, Records, Rephrase, slug

__all__ = ["read", "IMPLICIT", "CLAIM_DATA", "ARGUMENT_DATA"]

EC = "equivalence-class"
ARG = "argument"
INFERENCE = "inference"
#: the data that marks a conclusion argmap's writer added for an attack (not a claim of its own)
IMPLICIT = "implicit-conclusion"
#: the statement data keys read into claim fields (``thesis`` and ``rephrases`` into the map's)
CLAIM_DATA = ("weight", "para", "quote", "note", "given", "by", "speaker", "aif", "ignore",
              "thesis", "rephrases")
#: the argument data keys read into argument fields
ARGUMENT_DATA = ("id", "title", "weight", "scheme", "note", "aif", "ignore")
# data that Argdown itself uses for something argmap has no use for: reported like any other
# unknown key, except these, which only say how to read the pcs or which text is canonical
_CONSUMED = frozenset({"uses", "from", "isCanonical"})
_UNTITLED = re.compile(r"Untitled \d+")
_RELATIONS = {"support": SUPPORT, "entails": SUPPORT, "attack": ATTACK, "undercut": ATTACK,
              "contrary": ATTACK, "contradictory": ATTACK}
_TAG_AT_END = re.compile(r"\s*#(?:\(([^)]*)\)|([^\s#()]+))\s*\Z")
_CONCLUSION_ROLES = ("intermediary-conclusion", "main-conclusion")
_A = {"support": "a support of", "attack": "an attack on"}
_MAX_DEPTH = 200  # sections nested deeper than this are not walked


def read(text: str, name: str) -> Records:
    """The records of Argdown JSON ``text`` (read from file ``name``).

    Raises :class:`~argmap.errors.MapReadError` for text that is not JSON, or JSON without
    Argdown's ``statements``, ``arguments`` or ``map``.

    >>> read('{"statements": []}', "x.json")
    Traceback (most recent call last):
    ...
    argmap.errors.MapReadError: x.json: 'statements' is a list, not an object of statements by title
    >>> read('{"statements": {', "x.json")
    Traceback (most recent call last):
    ...
    argmap.errors.MapReadError: x.json:1:17: not valid JSON: Expecting property name enclosed in double quotes
    """
    data = _parse(text, name)
    return _Reader(name, data).run()


def _parse(text: str, name: str) -> dict[str, Any]:
    from . import _MISSING, parsed_json

    data = parsed_json(text)  # a big file the registry has just parsed to tell its format
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        if data is _MISSING:
            data = json.loads(text)
    except json.JSONDecodeError as e:
        raise MapReadError(f"{name}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}",
                           hint="export the JSON again with `argdown json FILE.argdown OUTDIR`",
                           file=name, line=e.lineno, col=e.colno) from None
    except (RecursionError, ValueError) as e:  # nesting too deep; a number too long to read
        raise MapReadError(f"{name}: cannot read the JSON: {e}", file=name) from None
    hint = "give the JSON that `argdown json` writes (with 'statements' and 'arguments')"
    if not isinstance(data, dict):
        raise MapReadError(f"{name}: the JSON is {_kind(data)}, not Argdown's object of "
                           "statements and arguments", hint=hint, file=name)
    if not any(k in data for k in ("statements", "arguments", "map")):
        raise MapReadError(f"{name}: not Argdown JSON: no 'statements', 'arguments' or 'map'",
                           hint=hint, file=name)
    for key, what in (("statements", "statements"), ("arguments", "arguments")):
        if key in data and not isinstance(data[key], dict):
            raise MapReadError(f"{name}: {key!r} is {_kind(data[key])}, not an object of "
                               f"{what} by title", hint=hint, file=name)
    if "relations" in data and not isinstance(data["relations"], list):
        raise MapReadError(f"{name}: 'relations' is {_kind(data['relations'])}, not a list",
                           hint=hint, file=name)
    return data


def _kind(value: Any) -> str:
    """``value``'s JSON type with its article: "an object", "a list", ..."""
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _clean(text: str) -> str:
    return " ".join(text.split())


def _strip_tags(text: str, tags: list[str]) -> str:
    """``text`` without the tags written at its end (``... #pro #(two words)``)."""
    while tags:
        m = _TAG_AT_END.search(text)
        if m is None or (m.group(1) if m.group(1) is not None else m.group(2)) not in tags:
            break
        text = text[:m.start()]
    return text


def _line(obj: dict[str, Any]) -> str:
    line = _int(obj.get("startLine"))
    return f" (.argdown line {line})" if line is not None else ""


@dataclass
class _Step:
    """One inference of a pcs: premises (statement titles) to a conclusion."""

    premises: list[str]
    conclusion: str
    index: int  # the conclusion's index in the pcs
    rules: list[str]
    id: str | None = None  # the explicit id, once something targets it
    targeted: bool = False


@dataclass
class _Arg:
    """An Argdown argument and what it becomes."""

    title: str
    obj: dict[str, Any]
    element: str
    steps: list[_Step] = field(default_factory=list)
    claim: str | None = None  # without a pcs: the claim of its description
    implicit: dict[str, Any] | None = None  # the one relation of its implicit conclusion
    reasons: list[Argument] = field(default_factory=list)  # without a pcs: its arguments
    targeted: bool = False  # without a pcs: an undercut is aimed at it

    @property
    def reconstructed(self) -> bool:
        return bool(self.steps)

    @property
    def data(self) -> dict[str, Any]:
        return _dict(self.obj.get("data"))


# what a relation's target is: a statement ("claim", title), an inference ("step", _Step), the
# claim of an argument without a pcs ("claim-of", _Arg) or its arguments ("reasons", _Arg)
_Target = tuple[str, Any]


class _Reader:
    def __init__(self, name: str, data: dict[str, Any]):
        self.name = name
        self.data = data
        self.recs = Records(name, strict=False)
        self.taken: set[str] = set()  # claim and argument ids (one namespace)
        self.claim_of: dict[str, str] = {}  # statement title -> claim id
        self.statements: dict[str, dict[str, Any]] = {}
        self.args: dict[str, _Arg] = {}
        self.relations: list[dict[str, Any]] = []
        self.section_theme: dict[str, str] = {}
        self.unknown_data: dict[str, int] = {}
        self.skipped: set[str] = set()  # statements that are implicit conclusions
        self.seen: set[tuple[str, str, tuple[str, ...]]] = set()
        self.argument_tags: list[str] = []  # of reconstructed arguments, which have no claim

    # -- helpers -------------------------------------------------------------------------------
    def at(self, element: str) -> Position:
        return Position(self.name, None, None, element)

    def oddity(self, message: str, element: str | None = None) -> None:
        self.recs.warn("format-oddity", message, self.at(element) if element else None)

    def loss(self, message: str, element: str | None = None) -> None:
        self.recs.warn("format-loss", message, self.at(element) if element else None)

    def new_id(self, title: str, text: str) -> str:
        """A new id for ``title``: the title itself when it is a free, valid id, else a slug
        (of the text, for Argdown's own ``Untitled 3`` titles)."""
        if _UNTITLED.fullmatch(title):
            ident = slug(text, self.taken)
        elif ID_RE.match(title) and title not in self.taken:
            ident = title
        else:
            ident = slug(title, self.taken)
        self.taken.add(ident)
        return ident

    def note_unknown(self, data: dict[str, Any], known: tuple[str, ...]) -> None:
        for key in data:
            if key not in known and key not in _CONSUMED and key != "argmap":
                self.unknown_data[key] = self.unknown_data.get(key, 0) + 1

    def add(self, a: Argument) -> Argument | None:
        """Append ``a`` unless the same argument is already there (a contrary relation beside
        an attack written the other way, a relation that repeats an inference)."""
        key = (a.relation, a.target, tuple(sorted(a.premises)))
        if key in self.seen:
            return None
        self.seen.add(key)
        self.recs.arguments.append(a)
        return a

    # -- the whole file ------------------------------------------------------------------------
    def run(self) -> Records:
        data = self.data
        if data.get("statements") is None and data.get("arguments") is None:
            self.from_map(_dict(data.get("map")))
            data = self.data
        elif "map" in data:
            self.check_map(_dict(data.get("map")), _dict(data.get("statements")),
                           _dict(data.get("arguments")))
        self.statements = {k: v for k, v in _dict(data.get("statements")).items()
                           if self.valid(v, f"statement [{k}]")}
        for title, obj in _dict(data.get("arguments")).items():
            if self.valid(obj, f"argument <{title}>"):
                arg = _Arg(title, obj, f"argument <{title}>" + _line(obj))
                arg.steps = self.steps(arg)
                self.args[title] = arg
        self.relations = self.relation_list()
        self.themes(_list(data.get("sections")))
        done = self.implicit_conclusions()
        for title, ec in self.statements.items():
            if title not in self.skipped:
                self.claim(title, ec)
        for arg in self.args.values():
            if not arg.reconstructed:
                self.description_claim(arg)
        # every target first, so that the arguments something aims at get their ids
        plan = [(rel, self.resolve(rel)) for i, rel in enumerate(self.relations) if i not in done]
        implicit = {arg.title: self.resolve(arg.implicit) for arg in self.args.values()
                    if arg.implicit is not None}
        self.step_ids()
        for arg in self.args.values():
            self.step_arguments(arg, implicit.get(arg.title))
        for rel, target in self.in_order(plan):
            self.relation(rel, target)
        if self.argument_tags:
            shown = ", ".join(self.argument_tags[:5])
            more = f" and {len(self.argument_tags) - 5} more" if len(self.argument_tags) > 5 else ""
            self.loss(f"arguments have no tags in an argmap map: the tags of {shown}{more} are "
                      "left out")
        for key, count in self.unknown_data.items():
            self.loss(f"Argdown data key {key!r} (on {count} element{'s' * (count > 1)}) has no "
                      "place in an argmap map")
        return self.recs

    def valid(self, obj: Any, element: str) -> bool:
        if isinstance(obj, dict):
            return True
        self.oddity(f"is {_kind(obj)}, not an object (left out)", element)
        return False

    # -- the map section -----------------------------------------------------------------------
    def map_nodes(self, nodes: list[Any]) -> Iterator[tuple[dict[str, Any], str | None]]:
        """Every node of the map (groups included), with the id of the group it is in."""
        stack: list[tuple[Any, str | None, int]] = [(n, None, 0) for n in reversed(nodes)]
        while stack:
            node, group, depth = stack.pop()
            if not isinstance(node, dict):
                continue
            yield node, group
            if node.get("type") == "group-map-node" and depth < _MAX_DEPTH:
                gid = _str(node.get("id"))
                stack.extend((c, gid, depth + 1) for c in reversed(_list(node.get("children"))))

    def check_map(self, amap: dict[str, Any], statements: dict[str, Any],
                  arguments: dict[str, Any]) -> None:
        for node, _ in self.map_nodes(_list(amap.get("nodes"))):
            kind, title = node.get("type"), _str(node.get("title"))
            where = f"map node {node.get('id')}"
            if kind == "statement-map-node" and title not in statements:
                self.oddity(f"the map shows a statement [{title}] that is not among the "
                            "statements", where)
            elif kind == "argument-map-node" and title not in arguments:
                self.oddity(f"the map shows an argument <{title}> that is not among the "
                            "arguments", where)

    def from_map(self, amap: dict[str, Any]) -> None:
        """Statements, arguments, relations and sections made from the map's nodes and edges."""
        statements: dict[str, Any] = {}
        arguments: dict[str, Any] = {}
        sections: list[dict[str, Any]] = []
        by_node: dict[str, tuple[str, str]] = {}
        for node, group in self.map_nodes(_list(amap.get("nodes"))):
            nid, kind = _str(node.get("id")), node.get("type")
            title = _str(node.get("title")) or nid
            if title is None:
                continue
            if kind == "group-map-node":
                sections.append({"id": nid, "title": _str(node.get("labelTitle")) or title,
                                 "parent": group})
                continue
            text = _str(node.get("labelText")) or _str(node.get("labelTitle")) or title
            member = {"text": text, "element": f"map node {nid}"}
            obj = {"members": [member], "tags": _list(node.get("tags")), "section": group}
            if kind == "statement-map-node":
                statements[title] = obj
                by_node[nid or title] = (title, EC)
            elif kind == "argument-map-node":
                arguments[title] = {**obj, "pcs": []}
                by_node[nid or title] = (title, ARG)
        relations = []
        for edge in _list(amap.get("edges")):
            edge = _dict(edge)
            src = by_node.get(_str(edge.get("from")) or "")
            dst = by_node.get(_str(edge.get("to")) or "")
            if src is None or dst is None:
                self.oddity("an edge between nodes that are not in the map (left out)",
                            f"map edge {edge.get('id')}")
                continue
            relations.append({"relationType": edge.get("relationType"), "from": src[0],
                              "fromType": src[1], "to": dst[0], "toType": dst[1]})
        self.data = {**self.data, "statements": statements, "arguments": arguments,
                     "relations": relations, "sections": sections}
        if statements or arguments:
            self.loss("the file has no statements or arguments, only a map: read from the map, "
                      "which has no premise-conclusion structures")

    # -- themes --------------------------------------------------------------------------------
    def themes(self, sections: list[Any]) -> None:
        stack: list[tuple[Any, str | None, int]] = [(s, None, 0) for s in reversed(sections)]
        nested: list[tuple[str, str]] = []
        while stack:
            sec, parent, depth = stack.pop()
            if not isinstance(sec, dict):
                continue
            sid = _str(sec.get("id"))
            title = _clean(_str(sec.get("title")) or "") or sid or "section"
            wanted = _str(_dict(sec.get("data")).get("theme"))
            themes = self.recs.themes
            tid = wanted if wanted and ID_RE.match(wanted) and wanted not in themes else slug(
                title, themes)
            themes[tid] = title
            if sid is not None:
                self.section_theme.setdefault(sid, tid)
            parent = parent or _str(sec.get("parent"))
            if parent is not None:
                nested.append((title, themes.get(self.section_theme.get(parent, ""), parent)))
            if depth < _MAX_DEPTH:
                stack.extend((c, sid, depth + 1) for c in reversed(_list(sec.get("children"))))
        if nested:
            inner = ", ".join(f"{a!r} in {b!r}" for a, b in nested[:5])
            more = f" and {len(nested) - 5} more" if len(nested) > 5 else ""
            self.loss(f"themes are not nested: the sections {inner}{more} are themes of their "
                      "own")

    def theme_of(self, obj: dict[str, Any]) -> str | None:
        section = obj.get("section")
        if isinstance(section, dict):  # an embedded section object
            section = section.get("id")
        return self.section_theme.get(section) if isinstance(section, str) else None

    # -- statements ----------------------------------------------------------------------------
    @staticmethod
    def texts(obj: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
        """The distinct texts of ``obj`` (a class or an argument), the one Argdown shows first
        (the member marked ``isCanonical``, else the last that is not a reference), and the
        member that first one came from."""
        members = [m for m in _list(obj.get("members")) if isinstance(m, dict)]
        tags = [t for t in _list(obj.get("tags")) if isinstance(t, str)]
        real = [m for m in members if not m.get("isReference")]
        canonical = next((m for m in reversed(real) if _dict(m.get("data")).get("isCanonical")),
                         real[-1] if real else None)
        texts: list[str] = []
        source: dict[str, Any] = canonical or (members[0] if members else {})
        for m in ([canonical] if canonical else []) + [m for m in members if m is not canonical]:
            t = _clean(_strip_tags(_str(m.get("text")) or "", tags))
            if t and t not in texts:
                if not texts:
                    source = m
                texts.append(t)
        return texts, source

    def claim_record(self, title: str, obj: dict[str, Any], kind: str) -> tuple[Claim, str]:
        """The claim of a statement (``kind`` "statement") or of an argument's description."""
        texts, member = self.texts(obj)
        base = f"{kind} [{title}]" if kind == "statement" else f"{kind} <{title}>"
        element = _str(member.get("element")) or base + _line(member)
        if not texts:
            texts = [_clean(title) or title]
            self.oddity("has no text: its title is its text", element)
        cid = self.new_id(title, texts[0])
        attrs: dict[str, Any] = {}
        theme = self.theme_of(obj)
        if theme is not None:
            attrs["theme"] = theme
        tags = self.tags(obj)
        if tags:
            attrs["tags"] = tags
        if texts[1:]:
            attrs["note"] = "\n".join(f"Also written as: {t}" for t in texts[1:])
        return Claim(cid, texts[0], self.at(element), attrs), element

    def claim(self, title: str, ec: dict[str, Any]) -> None:
        claim, element = self.claim_record(title, ec, "statement")
        self.claim_of[title] = claim.id or ""
        data = _dict(ec.get("data"))
        if not data:  # Argdown merges the members' data into the class; else the members'
            for m in _list(ec.get("members")):
                data.update(_dict(_dict(m).get("data")))
        self.note_unknown(data, CLAIM_DATA)
        self.claim_data(claim, data, element)
        self.recs.claims.append(claim)

    def description_claim(self, arg: _Arg) -> None:
        claim, element = self.claim_record(arg.title, arg.obj, "argument")
        arg.claim = claim.id
        # the claim takes a statement's data; weight, note, aif, ignore are the argument's
        keys = tuple(k for k in CLAIM_DATA if k not in ARGUMENT_DATA)
        self.note_unknown(arg.data, keys + ARGUMENT_DATA)
        self.claim_data(claim, {k: v for k, v in arg.data.items() if k in keys}, element)
        self.recs.claims.append(claim)

    def tags(self, obj: dict[str, Any]) -> list[str]:
        out: list[str] = []
        for t in _list(obj.get("tags")):
            if isinstance(t, str) and t.strip():
                tag = t if ID_RE.match(t) else slug(t, set())
                if tag not in out:
                    out.append(tag)
        return out

    def claim_data(self, claim: Claim, data: dict[str, Any], element: str) -> None:
        attrs = claim.attrs

        def bad(key: str, what: str) -> None:
            self.oddity(f"data {key!r} is not {what} (left out)", element)

        for key in ("weight", "para", "quote", "note", "given", "by", "speaker", "aif"):
            if key not in data:
                continue
            value = data[key]
            if key == "weight":
                if _score(value) is not None:
                    attrs["weight"] = _score(value)
                else:
                    bad(key, "a number from 0 to 1")
            elif key == "para":
                if _int(value) is not None and value >= 1:
                    attrs["para"] = value
                else:
                    bad(key, "a whole number from 1")
            elif key == "given":
                if isinstance(value, bool):
                    attrs["given"] = value
                else:
                    bad(key, "true or false")
            elif key == "by":
                if value == "analyst":
                    attrs["by"] = value
                else:
                    bad(key, "'analyst'")
            elif key == "aif" and _int(value) is not None:
                attrs["aif"] = str(value)
            elif isinstance(value, str) and value.strip():
                if key == "note" and attrs.get("note"):  # after its other texts
                    value = f"{value}\n{attrs['note']}"
                attrs[key] = value
            else:
                bad(key, "text")
        if "ignore" in data:
            ignore = _ignore(data["ignore"])
            if ignore is not None:
                attrs["ignore"] = ignore
            else:
                bad("ignore", "a mapping of warning codes to reasons")
        thesis = data.get("thesis")
        if thesis is True:
            if self.recs.thesis is None:
                self.recs.thesis, self.recs.thesis_at = claim.id, claim.at
            else:
                self.oddity(f"a second thesis (the first is {self.recs.thesis!r}): read as a "
                            "claim", element)
        elif thesis not in (None, False):
            bad("thesis", "true or false")
        if "rephrases" in data:
            items = data["rephrases"]
            for item in items if isinstance(items, list) else [items]:
                of = item if isinstance(item, str) else _str(_dict(item).get("of"))
                aif = None if isinstance(item, str) else _dict(item).get("aif")
                if of is None:
                    bad("rephrases", "a list of claim ids")
                    continue
                aif = str(aif) if _str(aif) is not None or _int(aif) is not None else None
                self.recs.rephrases.append(Rephrase(claim.id or "", of, aif, claim.at))

    # -- arguments -----------------------------------------------------------------------------
    def steps(self, arg: _Arg) -> list[_Step]:
        """The inferences of the argument's pcs, by Argdown's rule: the premises of a conclusion
        are the statements before it back to the previous conclusion (that one included), unless
        its inference's ``uses`` data lists them."""
        obj = arg.obj
        pcs = _list(obj.get("pcs"))
        if not pcs:  # the description member may hold it
            pcs = next((_list(m.get("pcs")) for m in _list(obj.get("members"))
                        if isinstance(m, dict) and _list(m.get("pcs"))), [])
        statements: list[tuple[str, dict[str, Any]]] = []
        for s in pcs:
            s = _dict(s)
            title = _str(s.get("title"))
            if title is None or title not in self.statements:
                self.oddity("a statement of its premise-conclusion structure is not a statement "
                            "(left out)", arg.element)
                continue
            statements.append((title, s))

        def is_conclusion(s: dict[str, Any]) -> bool:
            return s.get("role") in _CONCLUSION_ROLES or bool(_dict(s.get("inference")))

        steps: list[_Step] = []
        for i, (title, s) in enumerate(statements):
            if not is_conclusion(s):
                continue
            inference = _dict(s.get("inference"))
            idata = _dict(inference.get("data"))
            self.note_unknown(idata, ())
            uses = idata.get("uses", idata.get("from", _dict(s.get("data")).get("uses")))
            premises: list[str] = []
            if isinstance(uses, list):
                for u in uses:
                    if _int(u) is not None and 1 <= u <= len(statements) and u - 1 != i:
                        premises.append(statements[u - 1][0])
                    else:
                        self.oddity(f"the 'uses' of statement ({i + 1}) names {u!r}, which is not "
                                    "another statement of the argument", arg.element)
            else:
                for j in range(i - 1, -1, -1):
                    premises.append(statements[j][0])
                    if is_conclusion(statements[j][1]):
                        break
                premises.reverse()
            premises = list(dict.fromkeys(p for p in premises if p != title))
            if not premises:
                self.oddity(f"statement ({i + 1}) is a conclusion with no premises (left out)",
                            arg.element)
                continue
            rules = [_clean(r) for r in _list(inference.get("inferenceRules"))
                     if isinstance(r, str) and r.strip()]
            steps.append(_Step(premises, title, i, rules))
        if statements and not steps:
            self.oddity("its premise-conclusion structure has no conclusion", arg.element)
        elif steps and steps[-1].index != len(statements) - 1:
            self.oddity("its last statement is not a conclusion", arg.element)
        return steps

    def implicit_conclusions(self) -> set[int]:
        """Collapse the conclusions argmap's writer adds (see :data:`IMPLICIT`): the indexes
        of the relations that became the arguments' own."""
        done: set[int] = set()
        out_of: dict[str, list[int]] = {}  # statement title -> its outgoing relations
        into: set[str] = set()  # statements something points at
        for i, r in enumerate(self.relations):
            if r["fromType"] == EC:
                out_of.setdefault(r["from"], []).append(i)
            if r["toType"] == EC:
                into.add(r["to"])
        uses: dict[str, int] = {}
        for arg in self.args.values():
            for s in arg.steps:
                for t in (*s.premises, s.conclusion):
                    uses[t] = uses.get(t, 0) + 1
        for arg in self.args.values():
            if not arg.steps:
                continue
            c = arg.steps[-1].conclusion
            ec = self.statements[c]
            members = [_dict(m) for m in _list(ec.get("members"))]
            if not (_dict(ec.get("data")).get("argmap") == IMPLICIT or any(
                    _dict(m.get("data")).get("argmap") == IMPLICIT for m in members)):
                continue
            out = out_of.get(c, [])
            only_here = uses.get(c) == 1 and all(
                _str(m.get("argumentTitle")) in (arg.title, None) for m in members)
            if len(out) == 1 and c not in into and only_here and self.relations[out[0]][
                    "relationType"] in ("support", "attack", "undercut"):
                arg.implicit = self.relations[out[0]]
                done.add(out[0])
                self.skipped.add(c)
            else:
                self.oddity(f"statement [{c}] is marked {IMPLICIT}, but it is not the conclusion "
                            "of this argument alone with one relation: read as a claim",
                            arg.element)
        return done

    def step_ids(self) -> None:
        """Ids for the inferences: the argument's ``id`` data for its last one, else, for those
        something aims at, the title (a slug of it when it is not an id; ``Title 2`` for the
        second inference)."""
        for arg in self.args.values():
            n = len(arg.steps)
            for k, step in enumerate(arg.steps, 1):
                if step.id is not None:
                    continue
                wanted = _str(arg.data.get("id")) if k == n else None
                if wanted and ID_RE.match(wanted) and wanted not in self.taken:
                    self.taken.add(wanted)
                    step.id = wanted
                elif step.targeted:
                    base = arg.title if k == n else f"{arg.title} {k}"
                    step.id = self.new_id(slug(base, set()) if _UNTITLED.fullmatch(arg.title)
                                          else base, base)

    def argument_attrs(self, arg: _Arg, description: bool) -> dict[str, Any]:
        """The fields of ``arg``'s (last) inference: title, note (the data's, else the
        description when ``description``), weight, scheme, aif, ignore."""
        data = arg.data
        attrs: dict[str, Any] = {}
        title = _str(data.get("title")) or (None if _UNTITLED.fullmatch(arg.title) else arg.title)
        if title and not (title == arg.title and data.get("id") == arg.title):
            attrs["title"] = title  # (a title that is only the id is not a title)
        note = _str(data.get("note"))
        if note is None and description:
            note = "\n".join(self.texts(arg.obj)[0]) or None
        if note:
            attrs["note"] = note
        if _str(data.get("scheme")):
            attrs["scheme"] = data["scheme"]
        if "weight" in data:
            if _score(data["weight"]) is not None:
                attrs["weight"] = _score(data["weight"])
            else:
                self.oddity("data 'weight' is not a number from 0 to 1 (left out)", arg.element)
        aif = data.get("aif")
        if _str(aif) is not None or _int(aif) is not None:
            attrs["aif"] = str(aif)
        if "ignore" in data:
            ignore = _ignore(data["ignore"])
            if ignore is not None:
                attrs["ignore"] = ignore
            else:
                self.oddity("data 'ignore' is not a mapping of warning codes to reasons (left "
                            "out)", arg.element)
        return attrs

    def step_arguments(self, arg: _Arg, implicit: _Target | None) -> None:
        if not arg.reconstructed:
            return
        self.note_unknown(arg.data, ARGUMENT_DATA)
        n = len(arg.steps)
        for k, step in enumerate(arg.steps, 1):
            premises = [self.claim_of[p] for p in step.premises if p in self.claim_of]
            relation, target = SUPPORT, self.claim_of.get(step.conclusion)
            if k == n and arg.implicit is not None:
                relation = SUPPORT if arg.implicit["relationType"] == "support" else ATTACK
                target = self.target_id(implicit)
            if target is None or len(premises) < len(step.premises):
                self.oddity(f"inference {k} of {n} aims at or starts from something left out "
                            "(left out)", arg.element)
                continue
            if k == n:
                attrs = self.argument_attrs(arg, description=True)
                if step.rules:
                    attrs["scheme"] = ", ".join(step.rules)
            else:
                attrs = {"title": f"{arg.title} - {k}"}
                if step.rules:
                    attrs["scheme"] = ", ".join(step.rules)
            auto = "+".join(premises) + ("--supports--" if relation == SUPPORT else "--attacks--")
            if attrs.get("title") == auto + target:  # argmap's automatic id, not a title
                del attrs["title"]
            self.add(Argument(relation, target, premises, id=step.id, at=self.at(arg.element),
                              attrs=attrs))
        tags = [t for t in _list(arg.obj.get("tags")) if isinstance(t, str)]
        if tags:
            self.argument_tags.append(f"<{arg.title}> ({', '.join(tags)})")

    # -- relations -----------------------------------------------------------------------------
    def relation_list(self) -> list[dict[str, Any]]:
        """The relations, each with ``relationType``, ``from``, ``fromType``, ``to``, ``toType``
        (``equivalence-class``, ``argument`` or, for ``to``, ``inference``) and
        ``conclusionIndex``; the faulty ones are reported and left out."""
        raw = self.data.get("relations")
        if raw is None:  # gather them from the statements and arguments they are embedded in
            raw, seen = [], set()
            for obj in (*self.statements.values(), *(a.obj for a in self.args.values())):
                inferences = [_dict(s).get("inference") for s in _list(obj.get("pcs"))]
                for o in (obj, *inferences):
                    for r in _list(_dict(o).get("relations")):
                        key = json.dumps(r, sort_keys=True, default=str)
                        if key not in seen:
                            seen.add(key)
                            raw.append(r)
        out = []
        for n, r in enumerate(_list(raw), 1):
            r = _dict(r)
            kind, src, dst = _str(r.get("relationType")), _str(r.get("from")), _str(r.get("to"))
            element = f"relation {n}"
            if kind is None or src is None or dst is None:
                self.oddity("a relation without relationType, from and to (left out)", element)
                continue
            if kind not in _RELATIONS:
                self.oddity(f"a relation of unknown type {kind!r} (left out)", element)
                continue
            ends: list[str | None] = []
            for end, key in ((src, "fromType"), (dst, "toType")):
                given = _str(r.get(key))
                if given not in (EC, ARG, INFERENCE):
                    given = EC if end in self.statements else ARG if end in self.args else None
                table: dict[str, Any] = self.statements if given == EC else self.args
                ends.append(given if given is not None and end in table else None)
            if ends[0] is None or ends[1] is None:
                self.oddity(f"a {kind} relation from {src!r} to {dst!r}, one of which is not a "
                            "statement or argument (left out)", element)
                continue
            out.append({"relationType": kind, "from": src,
                        "fromType": ARG if ends[0] == INFERENCE else ends[0], "to": dst,
                        "toType": ends[1], "conclusionIndex": _int(r.get("conclusionIndex"))})
        return out

    def resolve(self, rel: dict[str, Any]) -> _Target | None:
        """What a relation aims at; marks the inferences that need an id."""
        kind, dst, to_type = rel["relationType"], rel["to"], rel["toType"]
        if to_type == EC:
            return ("claim", dst) if dst not in self.skipped else None
        arg = self.args[dst]
        if arg.reconstructed:
            step = arg.steps[-1]
            if to_type == INFERENCE and rel["conclusionIndex"] is not None:
                step = next((s for s in arg.steps if s.index == rel["conclusionIndex"]), step)
            step.targeted = True
            return ("step", step)
        if kind == "undercut":
            arg.targeted = True
            return ("reasons", arg)
        return ("claim-of", arg)

    def target_id(self, target: _Target | None) -> str | None:
        if target is None:
            return None
        what, ref = target
        if what == "claim":
            return self.claim_of.get(ref)
        if what == "claim-of":
            return ref.claim
        if what == "step":
            return ref.id
        return None

    def sources(self, rel: dict[str, Any]) -> list[str] | None:
        """The premise a relation starts from: a statement's claim, an argument's conclusion,
        or the claim of an argument without a pcs."""
        src = rel["from"]
        if rel["fromType"] == EC:
            cid = self.claim_of.get(src)
        else:
            arg = self.args[src]
            cid = self.claim_of.get(arg.steps[-1].conclusion) if arg.reconstructed else arg.claim
        return [cid] if cid else None

    @staticmethod
    def element(rel: dict[str, Any]) -> str:
        kind = rel["relationType"]
        show = {EC: "[{}]", ARG: "<{}>", INFERENCE: "<{}>"}
        arrow = "><" if kind in ("contrary", "contradictory") else "->"
        return (f"{kind} {show[rel['fromType']].format(rel['from'])} {arrow} "
                f"{show[rel['toType']].format(rel['to'])}")

    def relation(self, rel: dict[str, Any], target: _Target | None) -> None:
        kind = rel["relationType"]
        element = self.element(rel)
        premises = self.sources(rel)
        if target is not None and target[0] == "reasons":
            # an undercut of an argument without a pcs: of each argument made from it
            arg = target[1]
            targets = [a.id for a in arg.reasons if a.id]
            if not targets and premises is not None:
                self.loss(f"an undercut of <{arg.title}>, which has no relation and so no "
                          "inference: read as an attack on its claim", element)
                targets = [arg.claim] if arg.claim else []
        else:
            targets = [t] if (t := self.target_id(target)) is not None else []
        if premises is None or target is None or not targets:
            self.oddity("one end of the relation was left out (left out)", element)
            return
        if target[0] == "step" and kind in ("support", "attack") and rel["toType"] == ARG:
            read_as = "a support of its inference" if kind == "support" else (
                "an undercut (an attack on its inference)")
            self.loss(f"Argdown's {kind} of a reconstructed argument is {_A[kind]} one of its "
                      f"premises, not named: read as {read_as}", element)
        elif target[0] == "claim" and kind == "undercut":
            self.loss("an undercut of a statement, not of an inference: read as an attack",
                      element)
        from_arg = self.args.get(rel["from"]) if rel["fromType"] == ARG else None
        if from_arg is not None and from_arg.reconstructed:
            from_arg = None  # its conclusion's relation
        for target_id in targets:
            attrs: dict[str, Any] = {}
            ident = None
            if from_arg is not None:
                attrs = self.argument_attrs(from_arg, description=False)
                if from_arg.targeted:  # an undercut aims at it: it needs an id
                    ident = self.new_id(from_arg.title, from_arg.title)
            made = self.add(Argument(_RELATIONS[kind], target_id, premises, id=ident,
                                     at=self.at(element), attrs=attrs))
            if made is not None and from_arg is not None:
                from_arg.reasons.append(made)
        if kind in ("contrary", "contradictory"):
            a, b = f"[{rel['from']}]", f"[{rel['to']}]"
            if rel["fromType"] == EC and target[0] == "claim":
                self.loss(f"a {kind} relation between {a} and {b} is read as two attacks, {a} on "
                          f"{b} and {b} on {a}", element)
                self.add(Argument(ATTACK, premises[0], targets, at=self.at(element)))
            else:
                self.loss(f"a {kind} relation is read as one attack", element)

    def in_order(self, plan: list[tuple[dict[str, Any], _Target | None]]
                 ) -> list[tuple[dict[str, Any], _Target | None]]:
        """``plan`` with each undercut of an argument without a pcs after every relation of
        that argument (the arguments it undercuts are made from those); a circle of such
        undercuts keeps the file's order."""
        out = [p for p in plan if p[1] is None or p[1][0] != "reasons"]
        later = [(rel, t[1]) for rel, t in plan if t is not None and t[0] == "reasons"]
        waiting: dict[str, int] = {}  # argument -> its relations still to read among `later`
        for rel, _ in later:
            if rel["fromType"] == ARG:
                waiting[rel["from"]] = waiting.get(rel["from"], 0) + 1
        while later:
            ready = [p for p in later if waiting.get(p[1].title, 0) == 0] or later[:1]
            chosen = {id(p) for p in ready}
            later = [p for p in later if id(p) not in chosen]
            for rel, arg in ready:
                out.append((rel, ("reasons", arg)))
                if rel["fromType"] == ARG:
                    waiting[rel["from"]] -= 1
        return out


def _score(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(
            value) and 0 <= value <= 1:
        return float(value)
    return None


def _ignore(value: Any) -> dict[str, str] | None:
    if isinstance(value, dict) and value and all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()):
        return dict(value)
    return None
