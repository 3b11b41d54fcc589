"""YAML text -> ArgumentMap, keeping the file, line and column of every claim and argument.

The YAML is composed into a tree of light nodes (by :mod:`argmap.yamltree` for the plain YAML
maps are written in, else by libyaml's C parser) and read by a small schema-driven reader instead
of PyYAML's constructor, so that:

* every value keeps its source position, for precise diagnostics;
* duplicate mapping keys are reported instead of silently dropped;
* no YAML tag ever constructs an object (``!!python/object`` is an error, not an exploit);
* an alias bomb cannot expand: aliases are shared nodes and the reader never copies them;
* nesting deeper than any map needs is refused before the parser sees it.

Every problem becomes a :class:`~argmap.errors.Diagnostic`; :func:`load` raises
:class:`~argmap.errors.MapError` carrying all of them at once.
"""

from __future__ import annotations

import difflib
import gc
import io
import os
import re
import stat
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ERROR_CODES, NOTE_CODES, WARNING_CODES, Diagnostic, MapError, MapReadError
from .fields import PARAGRAPH_LAYOUTS, keys
from .model import ATTACK, SUPPORT, ArgumentMap, Cite, Position
from .records import ID_RE, Argument, Claim, Records, Rephrase, build
from .yamltree import (
    BOOL,
    FLOAT,
    IMPLICIT,
    INT,
    MAP,
    NULL,
    SEQ,
    STR,
    Mapping,
    Node,
    Scalar,
    Sequence,
    from_pyyaml,
)
from .yamltree import compose as compose_plain

__all__ = ["load", "loads", "parse", "read_text", "bundled_map_path", "MAX_BYTES", "MAX_DEPTH"]

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 200
BUNDLED = "north_korea_oped.yaml"


class _Composer(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser with the YAML 1.2 core schema's numbers, as editors read them.

    PyYAML resolves plain scalars by YAML 1.1, where ``1:30`` is the number 90 and ``5e-1`` is
    text; YAML 1.2 (yaml-language-server, and the JSON Schema's view of a map) reads them the
    other way round. Numbers follow 1.2 here. Booleans keep 1.1's words (``yes``, ``No``, ``on``)
    so that the reader can point out a word YAML tools disagree about instead of silently
    reading it either way. Timestamps are plain text, as in 1.2.
    """

    yaml_implicit_resolvers: dict = {}


for _tag, _regexp, _first in IMPLICIT:
    _Composer.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ = STR, INT, FLOAT, BOOL, NULL, MAP, SEQ
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}
_BOOL12 = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
           "FALSE": False}
_STANDARD_TAGS = frozenset(_SCALAR_TAGS | {_MAP, _SEQ})

TOP_KEYS = frozenset(keys("map"))
SOURCE_KEYS = frozenset(keys("source"))
CLAIM_KEYS = frozenset(keys("claim"))
CLAIM_SOURCE_KEYS = frozenset(keys("claim-source"))
ARGUMENT_KEYS = frozenset(keys("argument"))  # label: the older spelling of title
REPHRASE_KEYS = frozenset(("claim", "of", "aif"))
# A claim with one of these ids is most likely a key written at the wrong indentation.
KEY_NAMES = TOP_KEYS | CLAIM_KEYS | CLAIM_SOURCE_KEYS | ARGUMENT_KEYS
CLAIM_AUTHORS = ("analyst",)  # by: analyst marks the analyst's own claim, which no source states


def bundled_map_path() -> Path:
    """The op-ed map shipped with argmap (inside the wheel, or in ``data/`` of a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / BUNDLED, here.parents[1] / "data" / BUNDLED):
        if candidate.is_file():
            return candidate
    raise MapReadError(
        f"the bundled map {BUNDLED} is missing from this installation",
        hint="reinstall argmap, or pass a map file explicitly",
    )


ALIAS_BUDGET = 100_000  # ids read through aliases, beyond the document's own length in characters


def _limit(variable: str, default: int) -> int:
    """A limit from the environment (a whole number), else ``default``."""
    value = os.environ.get(variable, "")
    return int(value) if value.isdigit() else default


# C0 controls but tab and line feed, DEL, and C1 controls: never part of map text
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "backspace", "\x0b": "vertical tab",
                  "\x0c": "form feed", "\x0d": "carriage return", "\x1b": "ESC, which starts "
                  "terminal escape sequences", "\x7f": "DEL", "\x9b": "CSI"}


def read_text(path: str | Path) -> str:
    """Read a map file as UTF-8 text, turning every way it can fail into a :class:`MapReadError`
    (whose ``file``, ``line`` and ``col`` say where, as far as known)."""
    p = Path(path)
    name = str(p)
    too_big = MapReadError(f"{p}: more than {MAX_BYTES // 2**20} MB; argmap reads maps up to "
                           f"{MAX_BYTES // 2**20} MB", hint="split the map into smaller files",
                           file=name)
    try:
        mode = p.stat().st_mode
        if stat.S_ISDIR(mode):
            raise MapReadError(f"{p}: is a directory, not a map file",
                               hint="pass the path of a .yaml file", file=name)
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            kind = "character" if stat.S_ISCHR(mode) else "block"
            raise MapReadError(f"{p}: is a {kind} device, not a map file",
                               hint="pass the path of a .yaml file, or - to read standard input",
                               file=name)
        if stat.S_ISREG(mode) and p.stat().st_size > MAX_BYTES:
            raise too_big
        if stat.S_ISFIFO(mode) and not name.startswith(("/dev/fd/", "/proc/")):
            # a named pipe blocks until something writes to it: say so instead of hanging
            print(f"argmap: waiting for a program to write to the named pipe {p} "
                  "(Ctrl-C to stop)", file=sys.stderr, flush=True)
        with open(p, "rb") as f:  # bounded: a pipe or /proc file has no size to check first
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise too_big
    except FileNotFoundError:
        raise MapReadError(f"{p}: no such file", hint="check the path", file=name) from None
    except PermissionError:
        raise MapReadError(f"{p}: permission denied", hint="check the file's permissions",
                           file=name) from None
    except OSError as e:
        raise MapReadError(f"{p}: cannot read: {e.strerror or e}", file=name) from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is allowed), naming the line and column of the first bad byte, and
    recognising UTF-16 (with or without its byte order mark), whose ASCII letters are valid
    UTF-8 interleaved with NUL bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(data):
        raise MapReadError(f"{name}: the file is UTF-16 text, not UTF-8",
                           hint="save the file as UTF-8 (in the editor's encoding menu)",
                           file=name, line=1, col=1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise MapReadError(
            f"{name}:{line}:{col}: not UTF-8 text (byte 0x{data[e.start]:02x})",
            hint="save the file as UTF-8", file=name, line=line, col=col,
        ) from None
    return text


def _looks_utf16(data: bytes) -> bool:
    """Whether every other byte of the start is NUL, as in UTF-16 text that is mostly ASCII.

    >>> _looks_utf16("claims: {a: A.}".encode("utf-16-le")), _looks_utf16(b"claims: {a: A.}")
    (True, False)
    """
    if b"\x00" not in data[:4096]:  # the common case: one fast scan of the start
        return False
    start = data[:4096]
    pairs = len(start) // 2
    return pairs > 0 and max(start[0::2].count(0), start[1::2].count(0)) > pairs // 2


def load(path: str | Path | None = None) -> ArgumentMap:
    """Load and check a map file; raise :class:`MapError` listing every error it has.

    With no path, load the bundled op-ed map.

    >>> m = load()
    >>> m.thesis in m
    True
    """
    p = bundled_map_path() if path is None else Path(path)
    return loads(read_text(p), str(p))


def loads(text: str, name: str = "<string>") -> ArgumentMap:
    """Load a map from YAML text (``name`` is used in messages).

    >>> m = loads("claims: {a: A., b: B.}\\narguments: [{supports: a, premises: [b]}]")
    >>> sorted(m.claims()), list(m.arguments())
    (['a', 'b'], ['b--supports--a'])
    >>> loads("claims: {a: {txt: A.}}")
    Traceback (most recent call last):
    ...
    argmap.errors.MapError: <string>:1:14: error unknown-key: unknown key 'txt' in claim 'a'
    """
    amap, diagnostics = parse(text, name)
    if any(d.is_error for d in diagnostics):
        raise MapError(diagnostics)
    return amap


def parse(text: str, name: str = "<string>") -> tuple[ArgumentMap, list[Diagnostic]]:
    """Read a map as far as possible and return it with every structural error found.

    The map may be partial when there are errors; use :func:`loads` to get a map or an exception.
    """
    with no_gc():
        recs = read_records(text, name)
        amap, diagnostics = build(recs)
    diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0))
    return amap, diagnostics


def read_records(text: str, name: str = "<string>") -> Records:
    """The YAML map's records (see :mod:`argmap.records`), with the YAML-level problems found."""
    reader = _Reader(name)
    reader.alias_budget = _limit("ARGMAP_MAX_ALIASED", ALIAS_BUDGET) + len(text)
    root = reader.compose(text)
    if isinstance(root, Scalar) and root.tag == _NULL:
        root = None  # a document with nothing in it, such as a lone '---'
    if root is not None:
        reader.build(root)
    del root  # free the node tree before the collector is back
    reader.recs.diagnostics = reader.diagnostics
    reader.recs.broken = reader.broken
    reader.recs.header = _header(text)
    return reader.recs


def _header(text: str) -> str | None:
    r"""The comment lines a map starts with (without their ``#``), or None.

    >>> _header("# A map\n#\n# of tea\n\ntitle: Tea\n# not this")
    'A map\n\nof tea'
    """
    lines = []
    for line in text[:65536].splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(lines).rstrip() or None


@contextmanager
def no_gc():
    """Building hundreds of thousands of small objects triggers the cyclic GC for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def nesting_depth(text: str) -> tuple[int, int]:
    """An upper bound of the YAML nesting depth, and the line where it is reached.

    Brackets inside quotes are counted too: the bound is safe, never low. Linear in the text.

    >>> nesting_depth("a: [1, {b: [2]}]")
    (3, 1)
    """
    depth = best = 0
    best_at = 0
    if text.count("[") + text.count("{") > MAX_DEPTH:
        for m in re.finditer(r"[\[\]{}]", text):
            if m.group() in "[{":
                depth += 1
                if depth > best:
                    best, best_at = depth, m.start()
            elif depth:
                depth -= 1
    else:
        best = text.count("[") + text.count("{")
    indent = max((len(m.group()) for m in re.finditer(r"(?m)^[ \t?:-]+", text)), default=0)
    if indent // 2 > best:
        best = indent // 2
        found = re.search(r"(?m)^[ \t?:-]{%d}" % indent, text)
        best_at = found.start() if found else 0
    return best, text.count("\n", 0, best_at) + 1


@dataclass
class _Reader:
    name: str

    def __post_init__(self) -> None:
        self.recs = Records(self.name)
        self.diagnostics: list[Diagnostic] = []
        # ids written in the map whose definition had an error: references to them are not
        # reported again as unknown, so one typo gives one message, not a cascade
        self.broken: set[str] = set()
        self.map_ignore: dict[str, str] = {}  # the map's ignore: code -> reason
        # an anchored list used again through aliases (premises: *ps) is read again each time:
        # the ids read that way are counted against a budget relative to the document
        self.lists_seen: set[int] = set()
        self.aliased = 0
        self.alias_budget = ALIAS_BUDGET
        self.alias_reported = False

    # -- diagnostics ----------------------------------------------------------------------------
    def error(self, code: str, message: str, node: Any, hint: str | None = None,
              severity: str = "error") -> None:
        line = col = None
        if node is not None:
            line, col = node.line + 1, node.column + 1
        self.diagnostics.append(Diagnostic(code, severity, message, self.name, line, col, hint))

    def warn(self, code: str, message: str, node: Any, hint: str | None = None,
             ignore: dict[str, str] | None = None) -> None:
        """A warning, marked ignored when the claim's ``ignore`` or the map's names its code."""
        self.error(code, message, node, hint, severity="warning")
        reason = (ignore or {}).get(code) or self.map_ignore.get(code)
        if reason is not None:
            d = self.diagnostics.pop()
            self.diagnostics.append(Diagnostic(d.code, d.severity, d.message, d.file, d.line,
                                               d.col, d.hint, ignored=reason))

    def pos(self, node: Any) -> Position:
        return _tuple_new(Position, (self.name, node.line + 1, node.column + 1, None))

    # -- YAML -----------------------------------------------------------------------------------
    def compose(self, text: str) -> Node | None:
        """The document's node tree: read by :mod:`argmap.yamltree` when the map keeps to plain
        YAML (nearly every map does), else by libyaml, whose errors and limits apply."""
        root = compose_plain(text, MAX_DEPTH)
        if root is not None:
            return root
        depth, line = nesting_depth(text)
        if depth > MAX_DEPTH:
            self.diagnostics.append(Diagnostic(
                "too-deep", "error",
                f"the document nests {depth} levels deep; maps need at most a handful",
                self.name, line, None, hint=f"argmap refuses nesting deeper than {MAX_DEPTH}"))
            return None
        try:
            return from_pyyaml(yaml.compose(io.StringIO(text), Loader=_Composer))
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            what = " ".join(str(x) for x in (e.context, e.problem) if x)
            tab = _tab_near(text, mark.line) if mark else None
            if tab is not None:
                self.diagnostics.append(Diagnostic(
                    "yaml-syntax", "error", "a tab in the indentation: YAML does not allow tabs "
                    "there", self.name, tab[0], tab[1],
                    hint="indent with spaces only (set the editor to insert spaces for Tab)"))
                return None
            self.diagnostics.append(Diagnostic(
                "yaml-syntax", "error", f"invalid YAML: {what}", self.name,
                mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                hint="check indentation, colons and quotes near this point; quote text that "
                     "contains ': ' or starts with a special character"))
        except yaml.reader.ReaderError as e:
            line = text.count("\n", 0, e.position) + 1
            col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
            self.diagnostics.append(Diagnostic(
                "yaml-syntax", "error", f"invalid YAML: {e.reason} (character "
                f"{e.character!r})" if isinstance(e.character, str) else f"invalid YAML: {e}",
                self.name, line, col, hint="delete the control character; YAML files are "
                "plain printable text"))
        except yaml.YAMLError as e:
            self.diagnostics.append(Diagnostic(
                "yaml-syntax", "error", f"invalid YAML: {e}", self.name, None, None))
        except UnicodeError:
            bad = next(i for i, ch in enumerate(text) if 0xD800 <= ord(ch) <= 0xDFFF)
            line = text.count("\n", 0, bad) + 1
            col = bad - (text.rfind("\n", 0, bad) + 1) + 1
            self.diagnostics.append(Diagnostic(
                "yaml-syntax", "error", "the text contains a lone surrogate character, which is "
                "not valid Unicode", self.name, line, col, hint="re-encode the text as UTF-8"))
        except RecursionError:
            self.diagnostics.append(Diagnostic(
                "too-deep", "error", "the document nests too deeply", self.name, None, None))
        return None

    def _tag_ok(self, node: Any) -> bool:
        """Only YAML's standard tags are read; anything else (``!!python/...``) is refused."""
        if node.tag in _STANDARD_TAGS:
            return True
        self.error("yaml-tag", f"unsupported YAML tag {node.tag!r}", node,
                   hint="remove the tag: argmap maps use plain YAML values only")
        return False

    def mapping(self, node: Any, what: str) -> list[tuple[Any, Any]] | None:
        """The (key node, value node) pairs of a mapping, reporting duplicate keys."""
        if not self._is_mapping(node, what):
            return None
        seen: dict[str, Any] = {}
        pairs = []
        for k, v in node.value:
            if type(k) is not Scalar:
                self.error("wrong-type", f"keys in {what} must be plain names", k)
                continue
            if k.value in seen:
                self._duplicate(k, seen[k.value], what)
                continue
            seen[k.value] = k
            pairs.append((k, v))
        return pairs

    def _is_mapping(self, node: Any, what: str) -> bool:
        if not self._tag_ok(node):
            return False
        if type(node) is not Mapping:
            self.error("wrong-type", f"{what} must be a mapping (key: value lines), "
                       f"not {_describe(node)}", node)
            return False
        return True

    def _duplicate(self, key: Any, first: Any, what: str) -> None:
        self.error("duplicate-id" if what in ("claims", "themes") else "duplicate-key",
                   f"{key.value!r} is defined twice in {what} (first on line "
                   f"{first.line + 1})", key,
                   hint="rename or merge one of them: YAML would silently keep only the last")

    def fields(self, node: Any, what: str, allowed: frozenset[str]) -> dict[str, Any] | None:
        """The values of a mapping by key, reporting unknown and duplicate keys.

        This runs for every claim and argument, so it makes one pass and no lists.
        """
        if not self._is_mapping(node, what):
            return None
        out: dict[str, Any] = {}
        keys: dict[str, Any] = {}
        for k, v in node.value:
            if type(k) is not Scalar:
                self.error("wrong-type", f"keys in {what} must be plain names", k)
                continue
            key = k.value
            if key in keys:
                self._duplicate(k, keys[key], what)
                continue
            keys[key] = k
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.5)
                hint = f"did you mean {close[0]!r}?" if close else \
                    "allowed keys: " + ", ".join(sorted(allowed))
                self.error("unknown-key", f"unknown key {key!r} in {what}", k, hint=hint)
                continue
            out[key] = v
        return out

    def scalar(self, node: Any, what: str) -> Any:
        """A plain value (str, int, float, bool, None); dates stay strings."""
        if not self._tag_ok(node):
            return _BAD
        if not isinstance(node, Scalar):
            self.error("wrong-type", f"{what} must be a single value, not {_describe(node)}", node)
            return _BAD
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            return node.value
        try:
            if tag == _INT:
                return _int12(node.value)
            if tag == _FLOAT:
                return _float12(node.value)
            if tag == _BOOL:
                if node.value in _BOOL12:
                    return _BOOL12[node.value]
                means = node.value.lower() in ("yes", "on", "true")  # YAML 1.1's reading
                self.error("wrong-type", f"{what}: YAML reads {node.value!r} as a boolean "
                           f"({str(means).lower()}) by YAML 1.1, and as text by YAML 1.2", node,
                           hint=f'quote it ("{node.value}") if you mean the word, or write '
                                f"{str(means).lower()}")
                return _BAD
        except (ValueError, IndexError, KeyError, yaml.YAMLError):
            self.error("wrong-type", f"{what}: cannot read {_short(node.value)!r} as "
                       f"{node.tag.rsplit(':', 1)[-1]}", node,
                       hint="remove the explicit tag (!!int, !!bool, ...) or fix the value")
            return _BAD
        return None

    def string(self, node: Any, what: str, required: bool = False) -> str | None:
        if node.tag == _STR and type(node) is Scalar:  # the common case, fast
            text = node.value.strip()
            if text:
                return self.printable(text, node, what)
        v = self.scalar(node, what)
        if v is _BAD:
            return None
        if v is None or (isinstance(v, str) and not v.strip()):
            if required:
                self.error("missing-text", f"{what} is empty", node,
                           hint="write the claim as a full sentence")
            return None
        if isinstance(v, bool):
            self.error("wrong-type", f"{what} must be text; YAML reads {node.value!r} as a "
                       "boolean", node, hint=f'quote it: "{node.value}"')
            return None
        if not isinstance(v, (str, int, float)):
            self.error("wrong-type", f"{what} must be text", node)
            return None
        # Numbers written as text keep their spelling: 'text: 1984' means the string 1984.
        return node.value.strip() if isinstance(v, (int, float)) else \
            self.printable(v.strip(), node, what)

    def printable(self, text: str, node: Any, what: str) -> str | None:
        """``text``, unless it holds a control character (written as an escape such as "\\e"
        or "\\x00": the YAML reader already refuses raw ones). Map text reaches terminals,
        Graphviz and XML, where such characters clear screens, end strings or break parsers."""
        bad = _CONTROL.search(text)
        if bad is None:
            return text
        ch = bad.group()
        self.error("control-char", f"{what} contains the control character U+{ord(ch):04X} "
                   f"({_CONTROL_NAMES.get(ch, 'control')})", node,
                   hint="delete it (an escape such as \\e or \\x1b in a quoted string); "
                        "only tabs and line breaks are allowed in text")
        return None

    def number(self, node: Any, what: str) -> float | None:
        v = self.scalar(node, what)
        if v is _BAD:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            self.error("bad-value", f"{what} must be a number between 0 and 1, not {node.value!r}",
                       node, hint="for example 0.7")
            return None
        return float(v)

    def ident(self, node: Any, what: str) -> str | None:
        if node.tag == _STR and type(node) is Scalar and _ID_MATCH(node.value):
            return node.value  # the common case, fast
        if not self._tag_ok(node):
            return None
        if not isinstance(node, Scalar):
            self.error("wrong-type", f"{what} must be an id, not {_describe(node)}", node)
            return None
        value = node.value
        if not ID_RE.match(value):
            self.error("invalid-id", f"{what} {value!r} is not a valid id", node,
                       hint="use letters, digits, '-', '_', '.', ':' or '+' without spaces, e.g. "
                            "'collapse-risk'")
            return None
        if node.tag in (_BOOL, _NULL) and (node.tag == _NULL or value in _BOOL12):
            # 'true' or 'null' is no text to YAML 1.2 (editors, the schema); 'yes' or 'on' is
            kind = "a boolean" if node.tag == _BOOL else "null (no value)"
            self.error("invalid-id", f"{what} {value!r} is read by YAML as {kind}", node,
                       hint=f"quote it to use it as an id: '{value}'")
            return None
        return value

    def id_list(self, node: Any, what: str) -> list[tuple[str, Any]]:
        """A list of ids (a single id is accepted as a list of one)."""
        if not self._tag_ok(node):
            return []
        if isinstance(node, Sequence):
            items = node.value
            if id(node) in self.lists_seen:  # reached again through an alias
                self.aliased += len(items)
                if self.aliased > self.alias_budget:
                    if not self.alias_reported:
                        self.alias_reported = True
                        self.error("too-many-aliases", "excessive aliasing: lists reused through "
                                   f"aliases (*name) expand to more than {self.alias_budget:,} "
                                   "ids", node, hint="write the lists out, or raise the limit "
                                   "with ARGMAP_MAX_ALIASED (see docs/limits.md)")
                    return []
            else:
                self.lists_seen.add(id(node))
        else:
            items = [node]
            if type(node) is Scalar and "," in node.value:  # "a, b" for [a, b]
                parts = [part.strip() for part in node.value.split(",")]
                if all(ID_RE.match(part) for part in parts):
                    self.error("invalid-id", f"{what} {node.value!r} is not a valid id", node,
                               hint=f"several ids are written as a list: [{', '.join(parts)}]")
                    return []
        out = []
        for item in items:
            ident = self.ident(item, what)
            if ident is not None:
                out.append((ident, item))
        return out

    # -- the map --------------------------------------------------------------------------------
    def build(self, root: Any) -> None:
        recs = self.recs
        top = self.fields(root, "the map", TOP_KEYS)
        if top is None:
            return
        if "ignore" in top:
            self.map_ignore = self.ignores(top["ignore"], "the map") or {}
            recs.ignore = dict(self.map_ignore)
        if "title" in top:
            recs.title = self.string(top["title"], "title")
        if "note" in top:
            recs.note = self.string(top["note"], "the map's note")
        if "source" in top:
            recs.source = self.document(top["source"], None, "the map's source")
        if "sources" in top:
            for k, v in self.mapping(top["sources"], "sources") or []:
                doc = self.ident(k, "document id")
                if doc is not None:
                    recs.sources[doc] = self.document(v, doc, f"document {doc!r}")
                    recs.source_pos.setdefault((doc, ""), self.pos(k))
        if "themes" in top:
            for k, v in self.mapping(top["themes"], "themes") or []:
                theme = self.ident(k, "theme")
                label = self.string(v, f"theme {k.value!r}", required=False)
                if theme is not None:
                    recs.themes[theme] = label or theme
        claims_node = top.get("claims")
        if claims_node is None:
            self.error("missing-key", "the map has no 'claims'", root,
                       hint="add a 'claims:' mapping of id -> text (see docs/format.md)")
            return
        self.build_claims(claims_node)
        if "arguments" in top:
            self.build_arguments(top["arguments"])
        if "rephrases" in top:
            self.build_rephrases(top["rephrases"])
        if "thesis" in top:
            recs.thesis = self.ident(top["thesis"], "thesis")
            recs.thesis_at = self.pos(top["thesis"])
            if recs.thesis is None:
                recs.thesis_at = None

    def ignores(self, node: Any, what: str) -> dict[str, str] | None:
        """An ``ignore:`` mapping of warning code -> reason. Error codes are refused (errors
        cannot be silenced) and unknown codes warned about, with a "did you mean"."""
        out = {}
        for k, v in self.mapping(node, f"the ignore of {what}") or []:
            code = k.value
            if code in ERROR_CODES:
                self.error("bad-value", f"{what} ignores {code!r}, which is an error; errors "
                           "cannot be ignored", k, hint="fix the error; only warnings (lints) "
                           "can be ignored")
                continue
            before = len(self.diagnostics)
            reason = self.string(v, f"the reason to ignore {code!r} in {what}")
            if reason is None:
                if len(self.diagnostics) == before:
                    self.error("missing-text", f"{what} ignores {code!r} without a reason", v,
                               hint=f"say why: '{code}: <the reason>'")
                continue
            if code not in WARNING_CODES and code not in NOTE_CODES:
                close = difflib.get_close_matches(code, sorted(WARNING_CODES), n=1, cutoff=0.6)
                self.warn("unknown-lint", f"{what} ignores {code!r}, which is not a warning "
                          "code", k, hint=f"did you mean {close[0]!r}?" if close else
                          "the codes are listed in docs/lints.md")
                continue
            out[code] = reason
        return out or None

    def build_claims(self, node: Any) -> None:
        rows = self.recs.claims
        pairs: list[Any] = self.mapping(node, "claims") or []
        if isinstance(node, Mapping):
            node.value = []  # from here each claim's nodes are freed once it is read
        for i in range(len(pairs)):
            k, v = pairs[i]
            pairs[i] = None
            cid = self.ident(k, "claim id")
            if cid is None:
                continue
            what = f"claim {cid!r}"
            self.broken.add(cid)  # until it is added below
            if cid in KEY_NAMES and isinstance(v, Scalar):
                self._key_as_id(cid, k, None)
            if isinstance(v, Scalar):  # shorthand: id: text
                text = self.string(v, f"the text of {what}", required=True)
                if text is not None:
                    rows.append(Claim(cid, text, self.pos(k)))
                    self.broken.discard(cid)
                continue
            errors_before = len(self.diagnostics)
            f = self.fields(v, what, CLAIM_KEYS)
            if f is None:
                continue
            ignore = self.ignores(f["ignore"], what) if "ignore" in f else None
            if cid in KEY_NAMES:
                self._key_as_id(cid, k, ignore)
            if "text" not in f:
                if len(self.diagnostics) == errors_before:  # not already explained by a typo
                    self.error("missing-text", f"{what} has no text", k,
                               hint="add 'text: <the claim as a sentence>'")
                continue
            text = self.string(f["text"], f"the text of {what}", required=True)
            if text is None:
                continue
            attrs: dict[str, Any] = {}
            where: dict[str, Position] = {}
            if ignore:
                attrs["ignore"] = ignore
            for key in ("speaker", "aif"):
                if key in f:
                    attrs[key] = self.string(f[key], f"the {key} of {what}")
            if "by" in f:
                by = self.scalar(f["by"], f"'by' of {what}")
                if by in CLAIM_AUTHORS:
                    attrs["by"] = by
                elif by is not _BAD:
                    self.error("bad-value", f"'by' of {what} must be 'analyst', not "
                               f"{_short(str(f['by'].value))!r}", f["by"],
                               hint="write 'by: analyst' for the analyst's own claim, which no "
                                    "source states; leave 'by' out for the source's claims")
            if "theme" in f:
                attrs["theme"] = self.ident(f["theme"], f"the theme of {what}")
                where["theme"] = self.pos(f["theme"])
            if "tags" in f:
                tags: list[str] = []
                for t, tnode in self.id_list(f["tags"], f"a tag of {what}"):
                    if t in tags:
                        self.warn("duplicate-tag", f"tag {t!r} is listed twice in {what}", tnode,
                                  hint="list each tag once", ignore=ignore)
                    else:
                        tags.append(t)
                attrs["tags"] = tags
            if "note" in f:
                attrs["note"] = self.string(f["note"], f"the note of {what}")
            if "weight" in f:
                w = self.number(f["weight"], f"the weight of {what}")
                if w is not None:
                    attrs["weight"] = w
            if "given" in f:
                g = self.scalar(f["given"], f"'given' of {what}")
                if isinstance(g, bool):
                    attrs["given"] = g
                elif g is not _BAD:
                    self.error("wrong-type", f"'given' of {what} must be true or false",
                               f["given"])
            if "source" in f:
                attrs["cites"] = self.cites(f["source"], what)
            rows.append(Claim(cid, text, self.pos(k), attrs, where))
            self.broken.discard(cid)

    def document(self, node: Any, doc: str | None, what: str) -> dict[str, str]:
        """A document's keys (the map's ``source`` or one of ``sources``), their places kept."""
        out: dict[str, str] = {}
        for key, value_node in (self.fields(node, what, SOURCE_KEYS) or {}).items():
            value = self.string(value_node, f"{what}: {key}")
            if value is None:
                continue
            if key == "paragraphs" and value not in PARAGRAPH_LAYOUTS:
                close = difflib.get_close_matches(value, PARAGRAPH_LAYOUTS, n=1, cutoff=0.5)
                self.error("bad-value", f"{what}: paragraphs must be one of "
                           f"{', '.join(PARAGRAPH_LAYOUTS)}, not {value!r}", value_node,
                           hint=f"did you mean {close[0]!r}?" if close else
                           "blocks: blank lines between paragraphs; lines: one per line")
                continue
            out[key] = value
            self.recs.source_pos[(doc, key)] = self.pos(value_node)
        if isinstance(node, Mapping):
            self.recs.source_pos.setdefault((doc, ""), self.pos(node))
        return out

    def cites(self, node: Any, what: str) -> tuple[Cite, ...]:
        """A claim's ``source``: one place ``{doc, para, quote}`` or a list of them; ``para``
        may be a list of paragraphs and ``quote`` a list of quotes (one citation each)."""
        places = node.value if isinstance(node, Sequence) and self._tag_ok(node) \
            else [node]
        out: list[Cite] = []
        for index, place in enumerate(places):
            src = self.fields(place, f"the source of {what}", CLAIM_SOURCE_KEYS)
            if src is None:
                continue
            doc = self.ident(src["doc"], f"the document of {what}") if "doc" in src else None
            paras: list[int] = []
            if "para" in src:
                pnode = src["para"]
                items = pnode.value if isinstance(pnode, Sequence) and \
                    self._tag_ok(pnode) else [pnode]
                paras = [p for p in (self.para(n, what) for n in items) if p is not None]
                if isinstance(pnode, Sequence) and not items:
                    self.error("bad-value", f"the paragraph list of {what} is empty", pnode,
                               hint="write one paragraph number or a list: [2, 5]")
            quotes: list[tuple[str | None, Position]] = []
            if "quote" in src:
                qnode = src["quote"]
                items = qnode.value if isinstance(qnode, Sequence) and \
                    self._tag_ok(qnode) else [qnode]
                for n in items:
                    q = self.string(n, f"the quote of {what}")
                    if q is not None:
                        quotes.append((q, self.pos(n)))
            if not quotes:
                quotes.append((None, self.pos(src.get("para", place))))
            out.extend(Cite(doc, tuple(dict.fromkeys(paras)), q, at, index) for q, at in quotes)
        return tuple(out)

    def para(self, pnode: Any, what: str) -> int | None:
        """A paragraph number: a whole number from 1."""
        para = int(pnode.value) if pnode.tag == _INT and pnode.value.isdigit() \
            else self.scalar(pnode, f"the paragraph of {what}")
        if isinstance(para, float) and para.is_integer():
            para = int(para)  # 2.0, as JSON Schema's integer allows
        if isinstance(para, int) and not isinstance(para, bool) and para >= 1:
            return para
        if para is not _BAD:
            base60 = _sexagesimal(pnode.value) if pnode.tag == _STR else None
            self.error("bad-value", f"the paragraph of {what} must be a whole number from 1, "
                       f"not {pnode.value!r}", pnode,
                       hint=None if base60 is None else
                       f"YAML 1.1 would read {pnode.value} as {base60} (base 60); write one "
                       "paragraph number")
        return None

    def _key_as_id(self, cid: str, key: Any, ignore: dict[str, str] | None) -> None:
        self.warn("key-as-id", f"claim id {cid!r} is also the name of a key", key,
                  hint=f"if '{cid}:' belongs to the claim above, indent it under that claim; "
                       "else choose another id", ignore=ignore)

    def build_arguments(self, node: Any) -> None:
        if not self._tag_ok(node):
            return
        if not isinstance(node, Sequence):
            self.error("wrong-type", "'arguments' must be a list (lines starting with '- '), "
                       f"not {_describe(node)}", node)
            return
        out = self.recs.arguments
        items, node.value = node.value, []  # each item's nodes are freed once it is read
        for i in range(len(items)):
            item, items[i] = items[i], None
            f = self.fields(item, "an argument", ARGUMENT_KEYS)
            if f is None:
                continue
            aid = self.ident(f["id"], "argument id") if "id" in f else None
            if "id" in f and aid is None:
                continue
            record = self.argument(item, f, aid)
            if record is None:
                if aid is not None:
                    self.broken.add(aid)
                continue
            out.append(record)

    def argument(self, item: Any, f: dict[str, Any], aid: str | None) -> Argument | None:
        """One argument's record, or None when it cannot be read (each reason reported)."""
        rel = [r for r in ("supports", "attacks") if r in f]
        if len(rel) != 1:
            self.error("missing-key" if not rel else "both-relations",
                       "an argument needs exactly one of 'supports' or 'attacks'"
                       + ("" if not rel else ", not both"), item,
                       hint="write 'supports: <id>' or 'attacks: <id>'")
            return None
        relation = SUPPORT if rel[0] == "supports" else ATTACK
        target = self.ident(f[rel[0]], "the target of an argument")
        if "premises" not in f:
            self.error("no-premises", "the argument has no premises", item,
                       hint="add 'premises: [<claim id>, ...]'")
            return None
        pnode = f["premises"]
        premises = self.id_list(pnode, "a premise")
        if isinstance(pnode, Sequence) and not pnode.value:
            self.error("no-premises", "the argument has no premises", pnode,
                       hint="list at least one claim id in 'premises'")
            return None
        written = pnode.value if isinstance(pnode, Sequence) else [1]
        if target is None or len(premises) != len(written):
            return None  # a bad id, already reported
        attrs: dict[str, Any] = {}
        if len(f) == 2 + ("id" in f):  # only the relation, the premises and the id: the usual
            return Argument(relation, target, [p for p, _ in premises], aid, self.pos(item),
                            attrs, id_at=self.pos(f["id"]) if "id" in f else None,
                            target_at=self.pos(f[rel[0]]), list_at=self.pos(pnode),
                            premises_at=[self.pos(n) for _, n in premises])
        name = repr(aid if aid is not None else
                    "+".join(p for p, _ in premises) + f"--{rel[0]}--" + target)
        if "title" in f and "label" in f:
            self.error("duplicate-key", "'label' is the older spelling of 'title'; give one",
                       f["label"], hint="delete 'label' and keep 'title'")
        if "ignore" in f:
            ignore = self.ignores(f["ignore"], f"argument {name}")
            if ignore:
                attrs["ignore"] = ignore
        for key in ("title", "label", "scheme", "note", "aif"):
            if key in f:
                field = "title" if key == "label" else key
                attrs[field] = self.string(f[key], f"the {field} of argument {name}")
        if "weight" in f:
            w = self.number(f["weight"], f"the weight of argument {name}")
            if w is not None:
                attrs["weight"] = w
        return Argument(relation, target, [p for p, _ in premises], aid, self.pos(item), attrs,
                        id_at=self.pos(f["id"]) if "id" in f else None,
                        target_at=self.pos(f[rel[0]]), list_at=self.pos(pnode),
                        premises_at=[self.pos(n) for _, n in premises])

    def build_rephrases(self, node: Any) -> None:
        """``rephrases: [{claim: b, of: a, aif: "12"}, ...]``: b restates a (AIF's MA)."""
        if not self._tag_ok(node):
            return
        if not isinstance(node, Sequence):
            self.error("wrong-type", "'rephrases' must be a list (lines starting with '- '), "
                       f"not {_describe(node)}", node)
            return
        for item in node.value:
            f = self.fields(item, "a rephrase", REPHRASE_KEYS)
            if f is None:
                continue
            missing = [k for k in ("claim", "of") if k not in f]
            if missing:
                self.error("missing-key", f"a rephrase needs 'claim' and 'of' (no "
                           f"{missing[0]!r})", item, hint="write {claim: <id>, of: <id>}")
                continue
            claim, of = self.ident(f["claim"], "a rephrase's claim"), \
                self.ident(f["of"], "a rephrased claim")
            aif = self.string(f["aif"], "a rephrase's aif id") if "aif" in f else None
            if claim is not None and of is not None:
                self.recs.rephrases.append(Rephrase(claim, of, aif, self.pos(item)))


_tuple_new = tuple.__new__  # Position(...) without NamedTuple's Python-level __new__, per node
_ID_MATCH = ID_RE.match


class _Bad:
    def __repr__(self) -> str:
        return "<bad value>"


_BAD = _Bad()


def _int12(value: str) -> int:
    """A YAML 1.2 core integer: decimal (leading zeros allowed), ``0o`` octal or ``0x`` hex.

    >>> _int12("017"), _int12("0o17"), _int12("0x1f"), _int12("-3")
    (17, 15, 31, -3)
    """
    if value[:2] == "0o":
        return int(value[2:], 8)
    if value[:2] == "0x":
        return int(value[2:], 16)
    if not value.lstrip("+-").isdigit():  # int() would take '1_000'; YAML 1.2 does not
        raise ValueError(value)
    return int(value)


def _float12(value: str) -> float:
    """A YAML 1.2 core float (``5e-1``, ``.5``, ``.inf``, ``.nan``).

    >>> _float12("5e-1"), _float12("-.inf")
    (0.5, -inf)
    """
    if "_" in value:  # float() would take '1_0.5'; YAML 1.2 does not
        raise ValueError(value)
    return float(value.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                 .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))


def _sexagesimal(value: str) -> int | None:
    """What YAML 1.1 makes of ``1:30`` (base 60: 90), or None when it is not such a number."""
    parts = value.split(":")
    if len(parts) < 2 or not all(part.isdigit() for part in parts):
        return None
    total = 0
    for part in parts:
        total = total * 60 + int(part)
    return total


def _tab_near(text: str, line: int) -> tuple[int, int] | None:
    """The 1-based (line, column) of a tab in the indentation of ``line`` (0-based) or of the line
    before it, where YAML's error about a tab is often reported. Runs only on an error."""
    lines = text.split("\n", line + 1)
    for n in (line, line - 1):
        if 0 <= n < len(lines):
            row = lines[n]
            indent = row[: len(row) - len(row.lstrip(" \t-?:"))]
            if "\t" in indent:
                return n + 1, indent.index("\t") + 1
    return None


def _describe(node: Any) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if node is None:
        return "nothing"
    return repr(_short(node.value))


def _short(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: long ones are cut, a file's worth never is printed."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def read_stdin() -> str:
    """Read a map from standard input (for ``-`` as the file name)."""
    if sys.stdin is None:  # started with stdin closed (<&-)
        raise MapReadError("<stdin>: standard input is closed",
                           hint="pipe a map in (argmap check - < map.yaml) or pass its path")
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise MapReadError(f"<stdin>: more than {MAX_BYTES // 2**20} MB")
    return decode(data, "<stdin>")
