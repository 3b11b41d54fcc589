"""The YAML node tree the loader reads: light nodes, and a fast reader for the plain YAML maps use.

Maps are block mappings and lists of one-line values: plain or quoted text, numbers and one-line
flow collections such as ``{para: 2, quote: "..."}`` or ``[a, b]``. :func:`compose` reads that
subset line by line, about five times faster than libyaml's composer and with a tenth of its
memory, and gives up (returns None) on anything else: anchors, aliases, tags, block scalars,
multi-line values, tabs, carriage returns, documents markers and anything YAML would reject.
The loader then composes the text with libyaml, as before, and converts its nodes with
:func:`from_pyyaml`, so a map reads the same either way (a test compares the two trees).

Every node has ``tag``, ``value``, and ``line`` and ``column`` (0-based, in characters), where
libyaml's node would start. ``start_mark`` is the node itself, so code written for PyYAML's
``node.start_mark.line`` reads these too.

>>> root = compose("claims:\\n  a: {text: A., weight: 0.5}\\npremises: [a, 'b']\\n")
>>> [(k.value, type(v).__name__) for k, v in root.value]
[('claims', 'Mapping'), ('premises', 'Sequence')]
>>> w = root.value[0][1].value[0][1].value[1][1]
>>> w.tag, w.value, w.line, w.column
('tag:yaml.org,2002:float', '0.5', 1, 24)
>>> compose("a: &x 1\\nb: *x\\n") is None  # aliases: left to libyaml
True
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Node", "Scalar", "Mapping", "Sequence", "compose", "from_pyyaml", "IMPLICIT",
           "STR", "INT", "FLOAT", "BOOL", "NULL", "MAP", "SEQ"]

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"

# How plain (unquoted) values are typed: YAML 1.2's numbers, 1.1's boolean words, no timestamps
# (see loader._Composer, which gives libyaml the same table). (tag, pattern, first characters)
IMPLICIT = [
    (BOOL, r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE"
           r"|on|On|ON|off|Off|OFF)$", "yYnNtTfFoO"),
    (INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (FLOAT, r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
    (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _pattern, _first in IMPLICIT:
    for _ch in _first:
        _BY_FIRST.setdefault(_ch, []).append((_tag, re.compile(_pattern)))


class Node:
    """A YAML node: ``tag``, ``value`` (text, a list of nodes, or of (key, value) pairs) and where
    it starts (0-based ``line`` and ``column``)."""

    __slots__ = ("tag", "value", "line", "column")

    def __init__(self, tag: str, value: Any, line: int, column: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.column = column

    @property
    def start_mark(self) -> Node:
        return self

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.tag!r}, {self.value!r}, {self.line}, {self.column})"


class Scalar(Node):
    __slots__ = ()


class Mapping(Node):
    __slots__ = ()


class Sequence(Node):
    __slots__ = ()


def plain_tag(value: str) -> str:
    """The tag YAML gives a plain value (see :data:`IMPLICIT`).

    >>> [plain_tag(v).rsplit(":", 1)[1] for v in ("2", "0.5", "yes", "~", "", "two")]
    ['int', 'float', 'bool', 'null', 'null', 'str']
    """
    for tag, pattern in _BY_FIRST.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return STR


class _Tags(dict[str, str]):
    """value -> plain_tag(value), worked out once per distinct value (keys and ids recur)."""

    def __missing__(self, value: str) -> str:
        tag = self[value] = plain_tag(value)
        return tag


def from_pyyaml(root: Any) -> Node | None:
    """PyYAML's node tree as :class:`Node` objects. A node reached twice (through an alias)
    becomes one shared node, so nothing is copied and an alias bomb stays small. No recursion:
    libyaml composes nesting deeper than Python's stack allows."""
    import yaml

    if root is None:
        return None
    done: dict[int, Node] = {}

    def convert(node: Any) -> tuple[Node, bool]:
        """The light node of ``node``, and whether its items are still to be converted."""
        known = done.get(id(node))
        if known is not None:
            return known, False
        mark = node.start_mark
        kind = Scalar if isinstance(node, yaml.ScalarNode) else \
            Sequence if isinstance(node, yaml.SequenceNode) else Mapping
        out = done[id(node)] = kind(node.tag, node.value if kind is Scalar else [], mark.line,
                                    mark.column)
        return out, kind is not Scalar

    top, todo = convert(root)
    stack = [(root, top)] if todo else []
    while stack:
        node, out = stack.pop()
        for item in node.value:
            pair = item if type(out) is Mapping else (item,)
            made = []
            for part in pair:
                light, todo = convert(part)
                if todo:
                    stack.append((part, light))
                made.append(light)
            out.value.append(tuple(made) if type(out) is Mapping else made[0])
    return top


class _Unsure(Exception):
    """The text is outside the subset read here: libyaml must read it."""


# Anything not printable to YAML, and what this reader leaves to libyaml wholesale: tabs,
# carriage returns, byte-order marks, NEL and the Unicode line separators.
_NOT_HERE = re.compile("[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                       "\U00010000-\U0010ffff]")
_FLOW_PLAIN_END = re.compile(r"[,\[\]{}:#]")
_FLOW_SPECIAL = re.compile(r"[\[\]{}:#\"']")
_PAIR = re.compile(r"""([A-Za-z_][\w.+-]*): +(?:"([^"\\]*)"|(\[[^\[\]{}:#"']*\])"""
                   r"""|([^ ,\[\]{}:#"'!&*|>%@`?-][^,\[\]{}:#"']*?)) *(?:(\})|, *)""")
_NO_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
            "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}
_HEX_RE = re.compile(r"[0-9a-fA-F]+")


def compose(text: str, max_depth: int = 200) -> Node | None:
    """The document's root node, or None when the text is not in the subset read here (then
    compose it with libyaml). Nesting deeper than ``max_depth`` is left to libyaml too (the
    loader refuses it there)."""
    if _NOT_HERE.search(text) is not None:
        return None
    try:
        return _Composer(text, max_depth).document()
    except (_Unsure, RecursionError):
        return None


class _Composer:
    def __init__(self, text: str, max_depth: int) -> None:
        rows: list[tuple[int, int, str]] = []
        append = rows.append
        for no, line in enumerate(text.split("\n")):
            content = line.lstrip(" ")
            if content and content[0] != "#":
                append((no, len(line) - len(content), content.rstrip(" ")))
        self.rows = rows
        self.tags = _Tags()
        self.i = 0
        self.max_depth = max_depth

    def document(self) -> Node:
        rows = self.rows
        if not rows:
            raise _Unsure
        first = rows[0][2]
        if first.startswith(("---", "...", "%")) or first[0] in "-[{\"'?":
            raise _Unsure  # markers, directives, a root list or flow collection
        indent = rows[0][1]
        root = self.mapping(indent, 0)
        if self.i != len(rows):
            raise _Unsure  # something less indented than the root, or a bad line
        return root

    # -- block collections ---------------------------------------------------------------------
    def mapping(self, indent: int, depth: int, head: tuple[int, int, str] | None = None) -> Node:
        """The block mapping whose keys start at ``indent``; ``head`` is its first line when it
        began after a '- ' (the rest of that line, at the column where it starts)."""
        if depth > self.max_depth:
            raise _Unsure
        rows = self.rows
        n = len(rows)
        pairs: list[tuple[Node, Node]] = []
        node = Mapping(MAP, pairs, 0, 0)
        first = True
        while True:
            if head is not None:
                no, ind, c = head
                head = None
            else:
                if self.i >= n:
                    break
                no, ind, c = rows[self.i]
                if ind != indent:
                    if ind > indent:
                        raise _Unsure
                    break
                if c[0] == "-" and (len(c) == 1 or c[1] == " "):
                    raise _Unsure  # a list item among keys
                self.i += 1
            # the key
            ch = c[0]
            if ch == '"' or ch == "'":
                kv, end = (_double if ch == '"' else _single)(c, 0)
                if c[end:end + 2] != ": " and c[end:] != ":" or end > 1024:
                    raise _Unsure
                key = Scalar(STR, kv, no, ind)
                j = end
            else:
                j = c.find(": ")
                if j < 0:
                    if c[-1] != ":":
                        raise _Unsure
                    j = len(c) - 1
                kv = c[:j]
                if (ch in _NO_START or "#" in kv or kv[-1:] == " " or len(kv) > 1024
                        or not kv):
                    raise _Unsure
                key = Scalar(self.tags[kv], kv, no, ind)
            if first:
                node.line, node.column = no, ind
                first = False
            # the value
            rest = c[j + 1:].lstrip(" ")
            if not rest or rest[0] == "#":
                pairs.append((key, self.nested(indent, no, ind + j + 1, depth, True)))
                continue
            pairs.append((key, self.inline(rest, no, ind + len(c) - len(rest), depth)))
            if self.i < n and rows[self.i][1] > indent:
                raise _Unsure  # a value continued on the next lines, or a bad line
        return node

    def sequence(self, indent: int, depth: int) -> Node:
        """The block list whose '-' are at ``indent``."""
        if depth > self.max_depth:
            raise _Unsure
        rows = self.rows
        n = len(rows)
        items: list[Node] = []
        no0, ind0, _ = rows[self.i]
        node = Sequence(SEQ, items, no0, ind0)
        while self.i < n:
            no, ind, c = rows[self.i]
            if ind != indent or c[0] != "-" or (len(c) > 1 and c[1] != " "):
                if ind > indent:
                    raise _Unsure
                break
            self.i += 1
            rest = c[1:].lstrip(" ")
            if not rest or rest[0] == "#":
                items.append(self.nested(indent, no, ind + 1, depth, False))
                continue
            col = ind + len(c) - len(rest)
            if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
                raise _Unsure  # - - a list in a list
            if rest[0] != "{" and rest[0] != "[" and _is_key(rest):
                items.append(self.mapping(col, depth + 1, (no, col, rest)))
                continue
            items.append(self.inline(rest, no, col, depth))
            if self.i < n and rows[self.i][1] > indent:
                raise _Unsure
        return node

    def nested(self, indent: int, no: int, col: int, depth: int, in_mapping: bool) -> Node:
        """What follows a key or '-' with nothing after it on its line: a block collection on
        the next lines, or an empty value (null) just after the ':' or '-'."""
        rows = self.rows
        if self.i < len(rows):
            nno, nind, nc = rows[self.i]
            is_item = nc[0] == "-" and (len(nc) == 1 or nc[1] == " ")
            if nind > indent or (in_mapping and nind == indent and is_item):
                if is_item:
                    return self.sequence(nind, depth + 1)
                if nc[0] in "[{\"'" or not _is_key(nc):
                    raise _Unsure  # a value on the next line, a flow collection over lines
                return self.mapping(nind, depth + 1)
        return Scalar(NULL, "", no, col)

    # -- one-line values -----------------------------------------------------------------------
    def inline(self, rest: str, no: int, col: int, depth: int) -> Node:
        """The value written on the rest of a line, starting at ``col``."""
        ch = rest[0]
        if ch == '"' or ch == "'":
            value, end = (_double if ch == '"' else _single)(rest, 0)
            _only_comment(rest, end)
            return Scalar(STR, value, no, col)
        if ch == "{" or ch == "[":
            node, end = self.flow(rest, 0, no, col, depth + 1)
            _only_comment(rest, end)
            return node
        if ch in _NO_START and not (ch == "-" and len(rest) > 1 and rest[1] != " "):
            raise _Unsure  # anchors, aliases, tags, block scalars, reserved characters
        cut = rest.find(" #")
        if cut >= 0:
            rest = rest[:cut].rstrip(" ")
        if ": " in rest or rest[-1] == ":":
            raise _Unsure
        return Scalar(self.tags[rest], rest, no, col)

    def flow(self, s: str, i: int, no: int, col0: int, depth: int) -> tuple[Node, int]:
        """A flow mapping or list starting at ``s[i]``, on this line only; and where it ends."""
        if depth > self.max_depth:
            raise _Unsure
        is_map = s[i] == "{"
        simple = self.plain_map(s, i, no, col0) if is_map else self.plain_list(s, i, no, col0)
        if simple is not None:
            return simple
        close = "}" if is_map else "]"
        value: list[Any] = []
        node: Node = (Mapping(MAP, value, no, col0 + i) if is_map
                      else Sequence(SEQ, value, no, col0 + i))
        i = _skip(s, i + 1)
        if s[i:i + 1] == close:
            return node, i + 1
        while True:
            if is_map:
                key, i = self.flow_scalar(s, i, no, col0, True)
                if s[i:i + 2] != ": ":
                    raise _Unsure  # {a}, {a:1}, or a key and its ':' apart
                i = _skip(s, i + 1)
                item, i = self.flow_value(s, i, no, col0, depth)
                value.append((key, item))
            else:
                item, i = self.flow_value(s, i, no, col0, depth)
                if s[i:i + 1] == ":":
                    raise _Unsure  # [a: b], a pair in a list
                value.append(item)
            i = _skip(s, i)
            ch = s[i:i + 1]
            if ch == close:
                return node, i + 1
            if ch != ",":
                raise _Unsure
            i = _skip(s, i + 1)
            if s[i:i + 1] in (close, ","):
                raise _Unsure  # a trailing comma, or an empty entry

    def plain_list(self, s: str, i: int, no: int, col0: int) -> tuple[Node, int] | None:
        """``[a, b, c]`` of plain values, the common case, in one step; else None."""
        k = s.find("]", i)
        if k < 0:
            return None
        inner = s[i + 1:k]
        if _FLOW_SPECIAL.search(inner) is not None:
            return None
        items: list[Node] = []
        if not inner.strip(" "):
            return Sequence(SEQ, items, no, col0 + i), k + 1
        tags = self.tags
        at = i + 1
        for part in inner.split(","):
            value = part.strip(" ")
            if not value or value[0] in _NO_START and not (
                    value[0] == "-" and value[1:2] not in ("", " ")):
                return None  # an empty item, a trailing comma, or a value YAML reads otherwise
            items.append(Scalar(tags[value], value, no,
                                col0 + at + len(part) - len(part.lstrip(" "))))
            at += len(part) + 1
        return Sequence(SEQ, items, no, col0 + i), k + 1

    def plain_map(self, s: str, i: int, no: int, col0: int) -> tuple[Node, int] | None:
        """``{key: value, ...}`` of plain keys and simple values, the common case, one regular
        expression match per pair; else None."""
        pairs: list[tuple[Node, Node]] = []
        tags = self.tags
        j = _skip(s, i + 1)
        while True:
            m = _PAIR.match(s, j)
            if m is None:
                return None
            key = m.group(1)
            k = Scalar(tags[key], key, no, col0 + j)
            if m.group(2) is not None:
                v: Node = Scalar(STR, m.group(2), no, col0 + m.start(2) - 1)
            elif m.group(3) is not None:
                made = self.plain_list(s, m.start(3), no, col0)
                if made is None:
                    return None
                v = made[0]
            else:
                value = m.group(4)
                v = Scalar(tags[value], value, no, col0 + m.start(4))
            pairs.append((k, v))
            j = m.end()
            if m.group(5) is not None:
                return Mapping(MAP, pairs, no, col0 + i), j

    def flow_value(self, s: str, i: int, no: int, col0: int, depth: int) -> tuple[Node, int]:
        if s[i:i + 1] in ("{", "["):
            return self.flow(s, i, no, col0, depth + 1)
        node, end = self.flow_scalar(s, i, no, col0, False)
        return node, end

    def flow_scalar(self, s: str, i: int, no: int, col0: int, key: bool) -> tuple[Node, int]:
        """A value in a flow collection; a key ends at its ':'."""
        ch = s[i:i + 1]
        if ch == '"' or ch == "'":
            value, end = (_double if ch == '"' else _single)(s, i)
            return Scalar(STR, value, no, col0 + i), end
        if not ch or ch in _NO_START and not (ch == "-" and s[i + 1:i + 2] not in ("", " ")):
            raise _Unsure
        m = _FLOW_PLAIN_END.search(s, i)
        end = len(s) if m is None else m.start()
        if m is not None and (m.group() == "#" or m.group() == ":" and not key):
            raise _Unsure  # a ':' or '#' inside a plain value in a flow collection
        value = s[i:end].rstrip(" ")
        return Scalar(self.tags[value], value, no, col0 + i), end


def _is_key(c: str) -> bool:
    """Whether a line's content is ``key: value`` or ``key:``, as far as its key shows."""
    ch = c[0]
    if ch == '"' or ch == "'":
        _, end = (_double if ch == '"' else _single)(c, 0)
        return c[end:end + 2] == ": " or c[end:] == ":"
    return c.find(": ") >= 0 or c[-1] == ":"


def _skip(s: str, i: int) -> int:
    while s[i:i + 1] == " ":
        i += 1
    return i


def _only_comment(s: str, end: int) -> None:
    """After a value only spaces may follow, then a comment."""
    rest = s[end:]
    if rest and (rest[0] != " " or rest.lstrip(" ")[:1] not in ("", "#")):
        raise _Unsure


def _single(s: str, i: int) -> tuple[str, int]:
    """A single-quoted value starting at ``s[i]`` and closing on this line: (text, end)."""
    out = []
    j = i + 1
    while True:
        k = s.find("'", j)
        if k < 0:
            raise _Unsure  # goes on over lines
        out.append(s[j:k])
        if s[k + 1:k + 2] == "'":
            out.append("'")
            j = k + 2
            continue
        return "".join(out), k + 1


def _double(s: str, i: int) -> tuple[str, int]:
    """A double-quoted value starting at ``s[i]`` and closing on this line: (text, end)."""
    j = i + 1
    k = s.find('"', j)
    if k < 0:
        raise _Unsure
    b = s.find("\\", j, k)
    if b < 0:
        return s[j:k], k + 1
    out = []
    while True:
        b = s.find("\\", j)
        k = s.find('"', j)
        if k < 0:
            raise _Unsure
        if b < 0 or b > k:
            out.append(s[j:k])
            return "".join(out), k + 1
        out.append(s[j:b])
        e = s[b + 1:b + 2]
        if e in _ESCAPES:
            out.append(_ESCAPES[e])
            j = b + 2
        elif e in _HEX:
            digits = s[b + 2:b + 2 + _HEX[e]]
            if len(digits) != _HEX[e] or not _HEX_RE.fullmatch(digits):
                raise _Unsure
            code = int(digits, 16)
            if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                raise _Unsure
            out.append(chr(code))
            j = b + 2 + _HEX[e]
        else:
            raise _Unsure  # a line break escaped, or an unknown escape
