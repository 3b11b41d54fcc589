"""YAML text -> ArgumentMap, keeping the file, line and column of every claim and argument.

The YAML is composed into a node tree (libyaml's C parser when present) and read by a small
schema-driven reader instead of PyYAML's constructor, so that:

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
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, MapError, MapReadError
from .model import ATTACK, SUPPORT, ArgumentMap, Position

__all__ = ["load", "loads", "parse", "read_text", "bundled_map_path", "MAX_BYTES", "MAX_DEPTH"]

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 200
ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:+-]*$")
BUNDLED = "north_korea_oped.yaml"

_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalar_constructor = yaml.constructor.SafeConstructor()

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}
_STANDARD_TAGS = frozenset(_SCALAR_TAGS | {_MAP, _SEQ})

TOP_KEYS = frozenset(("title", "source", "thesis", "themes", "claims", "arguments", "note"))
SOURCE_KEYS = frozenset(("title", "publisher", "author", "date", "url", "kind"))
CLAIM_KEYS = frozenset(("text", "theme", "tags", "source", "note", "weight", "given"))
CLAIM_SOURCE_KEYS = frozenset(("para", "quote"))
ARGUMENT_KEYS = frozenset(("id", "supports", "attacks", "premises", "title", "label", "scheme", "weight",
                           "note"))  # label: the older spelling of title


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


def read_text(path: str | Path) -> str:
    """Read a map file as UTF-8 text, turning every way it can fail into a :class:`MapReadError`."""
    p = Path(path)
    try:
        if p.is_dir():
            raise MapReadError(f"{p}: is a directory, not a map file",
                               hint="pass the path of a .yaml file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise MapReadError(
                f"{p}: file is {size / 2**20:.0f} MB; argmap reads maps up to "
                f"{MAX_BYTES // 2**20} MB", hint="split the map into smaller files")
        data = p.read_bytes()
    except FileNotFoundError:
        raise MapReadError(f"{p}: no such file", hint="check the path") from None
    except PermissionError:
        raise MapReadError(f"{p}: permission denied", hint="check the file's permissions") from None
    except OSError as e:
        raise MapReadError(f"{p}: cannot read: {e.strerror or e}") from None
    return decode(data, str(p))


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is allowed), naming the line and column of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise MapReadError(
            f"{name}:{line}:{col}: not UTF-8 text (byte 0x{data[e.start]:02x})",
            hint="save the file as UTF-8",
        ) from None


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
    reader = _Reader(name)
    amap = ArgumentMap(path=name)
    with no_gc():
        root = reader.compose(text)
        if isinstance(root, yaml.ScalarNode) and root.tag == _NULL:
            root = None  # a document with nothing in it, such as a lone '---'
        if root is not None:
            reader.build(root, amap)
        del root  # free the node tree before the collector is back
    if not amap.graph and not reader.diagnostics:
        reader.error("empty-map", "the map is empty", None,
                     hint="start with 'title:' and a 'claims:' mapping (see docs/format.md)")
    reader.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0))
    return amap, reader.diagnostics


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
        m = re.search(r"(?m)^[ \t?:-]{%d}" % indent, text)
        best_at = m.start() if m else 0
    return best, text.count("\n", 0, best_at) + 1


@dataclass
class _Reader:
    name: str

    def __post_init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        # ids written in the map whose definition had an error: references to them are not
        # reported again as unknown, so one typo gives one message, not a cascade
        self.broken: set[str] = set()

    # -- diagnostics ----------------------------------------------------------------------------
    def error(self, code: str, message: str, node: Any, hint: str | None = None,
              severity: str = "error") -> None:
        line = col = None
        if node is not None:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.diagnostics.append(Diagnostic(code, severity, message, self.name, line, col, hint))

    def pos(self, node: Any) -> Position:
        mark = node.start_mark
        return Position(self.name, mark.line + 1, mark.column + 1)

    # -- YAML -----------------------------------------------------------------------------------
    def compose(self, text: str) -> Any:
        depth, line = nesting_depth(text)
        if depth > MAX_DEPTH:
            self.diagnostics.append(Diagnostic(
                "too-deep", "error",
                f"the document nests {depth} levels deep; maps need at most a handful",
                self.name, line, None, hint=f"argmap refuses nesting deeper than {MAX_DEPTH}"))
            return None
        try:
            return yaml.compose(io.StringIO(text), Loader=_Composer)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            what = " ".join(str(x) for x in (e.context, e.problem) if x)
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
            if type(k) is not yaml.ScalarNode:
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
        if type(node) is not yaml.MappingNode:
            self.error("wrong-type", f"{what} must be a mapping (key: value lines), "
                       f"not {_describe(node)}", node)
            return False
        return True

    def _duplicate(self, key: Any, first: Any, what: str) -> None:
        self.error("duplicate-id" if what in ("claims", "themes") else "duplicate-key",
                   f"{key.value!r} is defined twice in {what} (first on line "
                   f"{first.start_mark.line + 1})", key,
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
            if type(k) is not yaml.ScalarNode:
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
        if not isinstance(node, yaml.ScalarNode):
            self.error("wrong-type", f"{what} must be a single value, not {_describe(node)}", node)
            return _BAD
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            return node.value
        try:
            if tag == _INT:
                return _scalar_constructor.construct_yaml_int(node)
            if tag == _FLOAT:
                return _scalar_constructor.construct_yaml_float(node)
            if tag == _BOOL:
                return _scalar_constructor.construct_yaml_bool(node)
        except (ValueError, IndexError, KeyError, yaml.YAMLError):
            self.error("wrong-type", f"{what}: cannot read {_short(node.value)!r} as "
                       f"{node.tag.rsplit(':', 1)[-1]}", node,
                       hint="remove the explicit tag (!!int, !!bool, ...) or fix the value")
            return _BAD
        return None

    def string(self, node: Any, what: str, required: bool = False) -> str | None:
        if node.tag == _STR and type(node) is yaml.ScalarNode:  # the common case, fast
            text = node.value.strip()
            if text:
                return text
        v = self.scalar(node, what)
        if v is _BAD:
            return None
        if v is None or (isinstance(v, str) and not v.strip()):
            if required:
                self.error("missing-text", f"{what} is empty", node,
                           hint="write the claim as a full sentence")
            return None
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            self.error("wrong-type", f"{what} must be text", node)
            return None
        # Numbers written as text keep their spelling: 'text: 1984' means the string 1984.
        return node.value.strip() if isinstance(v, (int, float)) else v.strip()

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
        if not self._tag_ok(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.error("wrong-type", f"{what} must be an id, not {_describe(node)}", node)
            return None
        value = node.value
        if not ID_RE.match(value):
            self.error("invalid-id", f"{what} {value!r} is not a valid id", node,
                       hint="use letters, digits, '-', '_', '.', ':' or '+' without spaces, e.g. "
                            "'collapse-risk'")
            return None
        return value

    def id_list(self, node: Any, what: str) -> list[tuple[str, Any]]:
        """A list of ids (a single id is accepted as a list of one)."""
        if not self._tag_ok(node):
            return []
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            ident = self.ident(item, what)
            if ident is not None:
                out.append((ident, item))
        return out

    # -- the map --------------------------------------------------------------------------------
    def build(self, root: Any, amap: ArgumentMap) -> None:
        top = self.fields(root, "the map", TOP_KEYS)
        if top is None:
            return
        if "title" in top:
            amap.title = self.string(top["title"], "title")
        if "note" in top:
            amap.note = self.string(top["note"], "the map's note")
        if "source" in top:
            src = self.fields(top["source"], "the map's source", SOURCE_KEYS) or {}
            for key, node in src.items():
                value = self.string(node, f"source {key}")
                if value is not None:
                    amap.source[key] = value
        if "themes" in top:
            for k, v in self.mapping(top["themes"], "themes") or []:
                theme = self.ident(k, "theme")
                label = self.string(v, f"theme {k.value!r}", required=False)
                if theme is not None:
                    amap.themes[theme] = label or theme
        claims_node = top.get("claims")
        if claims_node is None:
            self.error("missing-key", "the map has no 'claims'", root,
                       hint="add a 'claims:' mapping of id -> text (see docs/format.md)")
            return
        self.build_claims(claims_node, amap)
        if "arguments" in top:
            self.build_arguments(top["arguments"], amap)
        if "thesis" in top:
            thesis = self.ident(top["thesis"], "thesis")
            if thesis is not None:
                if thesis in amap and amap.is_claim(thesis):
                    amap.thesis = thesis
                else:
                    self.unknown(thesis, top["thesis"], amap, "thesis", claims_only=True)

    def build_claims(self, node: Any, amap: ArgumentMap) -> None:
        theme_nodes = []
        rows: list[tuple[str, str, dict[str, Any]]] = []
        pairs = self.mapping(node, "claims") or []
        if isinstance(node, yaml.MappingNode):
            node.value = []  # from here each claim's nodes are freed once it is read
        for i in range(len(pairs)):
            k, v = pairs[i]
            pairs[i] = None
            cid = self.ident(k, "claim id")
            if cid is None:
                continue
            what = f"claim {cid!r}"
            self.broken.add(cid)  # until it is added below
            if isinstance(v, yaml.ScalarNode):  # shorthand: id: text
                text = self.string(v, f"the text of {what}", required=True)
                if text is not None:
                    rows.append((cid, text, {"pos": self.pos(k)}))
                    self.broken.discard(cid)
                continue
            errors_before = len(self.diagnostics)
            f = self.fields(v, what, CLAIM_KEYS)
            if f is None:
                continue
            if "text" not in f:
                if len(self.diagnostics) == errors_before:  # not already explained by a typo
                    self.error("missing-text", f"{what} has no text", k,
                               hint="add 'text: <the claim as a sentence>'")
                continue
            text = self.string(f["text"], f"the text of {what}", required=True)
            if text is None:
                continue
            attrs: dict[str, Any] = {}
            if "theme" in f:
                attrs["theme"] = self.ident(f["theme"], f"the theme of {what}")
                if attrs["theme"] is not None:
                    theme_nodes.append((attrs["theme"], f["theme"]))
            if "tags" in f:
                attrs["tags"] = [t for t, _ in self.id_list(f["tags"], f"a tag of {what}")]
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
                src = self.fields(f["source"], f"the source of {what}", CLAIM_SOURCE_KEYS) or {}
                if "para" in src:
                    pnode = src["para"]
                    para = int(pnode.value) if pnode.tag == _INT and pnode.value.isdigit() \
                        else self.scalar(pnode, f"the paragraph of {what}")
                    if isinstance(para, int) and not isinstance(para, bool) and para >= 1:
                        attrs["para"] = para
                    elif para is not _BAD:
                        self.error("bad-value", f"the paragraph of {what} must be a whole "
                                   f"number from 1, not {src['para'].value!r}", src["para"])
                if "quote" in src:
                    attrs["quote"] = self.string(src["quote"], f"the quote of {what}")
            attrs["pos"] = self.pos(k)
            rows.append((cid, text, attrs))
            self.broken.discard(cid)
        amap.add_claims(rows)
        if amap.themes:
            for theme, tnode in theme_nodes:
                if theme not in amap.themes:
                    close = difflib.get_close_matches(theme, list(amap.themes), n=1)
                    self.error("unknown-ref", f"unknown theme {theme!r}", tnode,
                               hint=f"did you mean {close[0]!r}?" if close else
                               "declare it under 'themes:'")

    def build_arguments(self, node: Any, amap: ArgumentMap) -> None:
        if not self._tag_ok(node):
            return
        if not isinstance(node, yaml.SequenceNode):
            self.error("wrong-type", "'arguments' must be a list (lines starting with '- '), "
                       f"not {_describe(node)}", node)
            return
        claims = set(amap.graph)  # only claims are in the map yet
        pending = []
        explicit: dict[str, Any] = {}
        items, node.value = node.value, []  # each item's nodes are freed once it is read
        for i in range(len(items)):
            item, items[i] = items[i], None
            f = self.fields(item, "an argument", ARGUMENT_KEYS)
            if f is None:
                continue
            aid = self.ident(f["id"], "argument id") if "id" in f else None
            if "id" in f and aid is None:
                continue
            if aid is not None:
                if aid in claims:
                    first = amap.position(aid)
                    self.error("duplicate-id", f"argument id {aid!r} is already the id of a "
                               f"claim (line {first.line})", f["id"],
                               hint="claims and arguments share one set of ids: rename one")
                    continue
                if aid in explicit:
                    self.error("duplicate-id", f"argument id {aid!r} is used twice (first on "
                               f"line {explicit[aid].start_mark.line + 1})", f["id"],
                               hint="give each argument its own id")
                    continue
                explicit[aid] = f["id"]
            pending.append((item, f, aid))
        seen_auto: dict[str, Any] = {}
        resolved = []
        for item, f, aid in pending:
            rel = [r for r in ("supports", "attacks") if r in f]
            if len(rel) != 1:
                self.error("missing-key" if not rel else "both-relations",
                           "an argument needs exactly one of 'supports' or 'attacks'"
                           + ("" if not rel else ", not both"), item,
                           hint="write 'supports: <id>' or 'attacks: <id>'")
                continue
            relation = SUPPORT if rel[0] == "supports" else ATTACK
            target = self.ident(f[rel[0]], "the target of an argument")
            if "premises" not in f:
                self.error("no-premises", "the argument has no premises", item,
                           hint="add 'premises: [<claim id>, ...]'")
                continue
            premises = self.id_list(f["premises"], "a premise")
            if isinstance(f["premises"], yaml.SequenceNode) and not f["premises"].value:
                self.error("no-premises", "the argument has no premises", f["premises"],
                           hint="list at least one claim id in 'premises'")
                continue
            written = f["premises"].value if isinstance(f["premises"], yaml.SequenceNode) else [1]
            if target is None or len(premises) != len(written):
                continue  # a bad id, already reported
            if aid is None:
                aid = "+".join(p for p, _ in premises) + f"--{rel[0]}--" + target
                if aid in explicit or aid in claims or aid in seen_auto:
                    first = seen_auto.get(aid) or explicit.get(aid)
                    where = f" (first on line {first.start_mark.line + 1})" if first else ""
                    self.error("duplicate-id", f"the same argument is written twice{where}",
                               item, hint="delete one, or give them distinct 'id's")
                    continue
                seen_auto[aid] = item
            attrs: dict[str, Any] = {"auto_id": aid in seen_auto}
            if "title" in f and "label" in f:
                self.error("duplicate-key", "'label' is the older spelling of 'title'; give one",
                           f["label"], hint="delete 'label' and keep 'title'")
            for key in ("title", "label", "scheme", "note"):
                if key in f:
                    name = "title" if key == "label" else key
                    attrs[name] = self.string(f[key], f"the {name} of argument {aid!r}")
            if "weight" in f:
                w = self.number(f["weight"], f"the weight of argument {aid!r}")
                if w is not None:
                    attrs["weight"] = w
            resolved.append((aid, relation, target, f[rel[0]], premises, f["premises"], item,
                             attrs))
        self.broken |= set(explicit) - {r[0] for r in resolved}
        # Premises must be claims; targets may be claims or arguments, even ones written later.
        argument_ids = {r[0] for r in resolved}
        valid = {}
        for entry in resolved:
            aid, relation, target, tnode, premises, pnodes, item, attrs = entry
            ok = True
            for p, pnode in premises:
                if p not in claims:
                    if p in argument_ids:
                        self.error("premise-not-claim", f"premise {p!r} is an argument; "
                                   "premises must be claims", pnode,
                                   hint="to attack or support an argument, make it the target")
                    else:
                        self.unknown(p, pnode, amap, "premise", claims_only=True)
                    ok = False
                elif p == target:
                    self.error("self-premise", f"claim {p!r} is a premise of an argument for "
                               "itself", pnode, hint="a claim cannot be its own reason")
                    ok = False
            if target == aid:
                self.error("self-target", f"argument {aid!r} targets itself", tnode,
                           hint="an argument can support or attack a claim or another argument")
                ok = False
            if len({p for p, _ in premises}) != len(premises):
                self.error("duplicate-key", "a premise is listed twice", pnodes,
                           hint="list each premise once")
                ok = False
            if target not in claims and target not in argument_ids:
                self.unknown(target, tnode, amap, "target", extra=set(amap.graph) | argument_ids)
                ok = False
            if ok:
                valid[aid] = entry
        # An argument aimed at an invalid argument cannot be placed either (already reported).
        changed = True
        while changed:
            changed = False
            for aid, entry in list(valid.items()):
                if entry[2] not in claims and entry[2] not in valid:
                    del valid[aid]
                    changed = True
        amap.add_arguments((aid, relation, target, [p for p, _ in premises],
                            {"pos": self.pos(item), **attrs})
                           for aid, relation, target, _, premises, _, item, attrs in valid.values())

    def unknown(self, ident: str, node: Any, amap: ArgumentMap, what: str,
                claims_only: bool = False, extra: set[str] | None = None) -> None:
        if ident in self.broken:
            return  # its own definition is already reported
        pool = list(amap.claims()) if claims_only else sorted(extra or amap.graph)
        close = difflib.get_close_matches(ident, pool, n=1, cutoff=0.6)
        kind = "claim" if claims_only else "claim or argument"
        self.error("unknown-ref", f"{what} {ident!r} is not a {kind} in this map", node,
                   hint=f"did you mean {close[0]!r}?" if close else
                   f"define {ident!r} under 'claims:' first")


class _Bad:
    def __repr__(self) -> str:
        return "<bad value>"


_BAD = _Bad()


def _describe(node: Any) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node is None:
        return "nothing"
    return repr(_short(node.value))


def _short(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: long ones are cut, a file's worth never is printed."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def read_stdin() -> str:
    """Read a map from standard input (for ``-`` as the file name)."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise MapReadError(f"<stdin>: more than {MAX_BYTES // 2**20} MB")
    return decode(data, "<stdin>")
