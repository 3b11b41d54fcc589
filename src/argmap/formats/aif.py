"""AIF JSON, the Argument Interchange Format of AIFdb and OVA: read into records, write from a map.

An AIF nodeset is a list of ``nodes`` (``nodeID``, ``text``, ``type``) and a list of untyped
``edges`` (``fromID`` -> ``toID``); the meaning of an edge comes from the types of its ends.

Reading
-------
* ``I`` nodes (propositions) are claims. Their ids are readable slugs of the text; the node id is
  kept as the claim's ``aif`` attribute (a string, as written: ``12`` and ``"12"`` both give
  ``"12"``), its position is the line and column of its ``nodeID``. An I node that nothing
  relates is a claim like any other (the ``unused-claim`` lint tells of it), not an oddity.
* ``RA`` (inference) and ``CA`` (conflict) nodes are arguments, support and attack: the ``I`` nodes
  with an edge into one are its premises (several are linked premises), the node its edge leads to
  is its target. A target that is an RA or CA node makes an undercut (CA) or a support of an
  inference (RA), at any depth and in any order of the file. The node id is the argument's
  ``aif`` attribute; the scheme (``scheme`` when it is a name, else the node's ``text``) its
  ``scheme``. The no-scheme defaults ``Default Inference`` and ``Default Conflict`` are read as
  no scheme, and written back as the node text of an argument with no scheme, so the round trip
  gives the same text and the map shows no scheme where the analyst chose none.
* ``MA`` nodes (rephrase) become :class:`~argmap.records.Rephrase` records. An edge runs from a
  node to the node it bears on, as for RA (premise -> conclusion) and CA (attacker -> attacked):
  ``I1 -> MA -> I2`` reads "I1 restates I2", ``Rephrase(claim=I1, of=I2, aif=MA)``.
* The dialogue layer (``L`` locutions, ``TA`` transitions, ``YA`` illocutions) and ``PA``
  (preference) nodes have no place in a map. What they say about speakers is kept: a claim that a
  locution anchors (``L -> YA -> I``) gets the locution's speaker as ``speaker``, taken from
  ``locutions`` (locution node -> ``personID``) and ``participants`` (``firstname surname``), else
  from the locution's text ``"Speaker : words"``. OVA's own locutions (illocutions ``Analysing``
  and ``Publishing``, which name the analyst and the web page) give no speaker. One
  ``format-loss`` warning counts the nodes not kept, another names the fields not kept.
* An older AIF spelling, ``"type": "S"`` with ``"scheme": "RA"`` (or CA, MA), is read as that type.
* OVA's wrapping, ``{"AIF": {...}, "text": ..., "OVA": {...}}``, is read too; the analysed text
  goes into the map's note, after ``Source text (from OVA):`` (a map's source keys are fixed, and
  the note is where a reader of the map looks for it).
* Messy nodesets are read as far as they can be: an edge to a missing node, an RA or CA with no
  premise or no conclusion, a node id used twice, a repeated edge, an argument aimed at one that
  is left out, an edge straight from one I node to another are each a ``format-oddity`` warning
  naming the node or edge (``node 12``) and its line, and are left out; an RA or CA with several
  conclusions is read as one argument for each. Two inferences with the same premises and
  conclusion both stay (with ids of their own, marked ``auto_id`` so that displays leave them
  out). Invalid JSON, or JSON that is not an object with a ``nodes`` list, is a
  :class:`~argmap.errors.MapReadError` with its line and column.
* Reading and writing take time linear in the file: a 50 MB nodeset reads in a few seconds.

Writing
-------
Claims become ``I`` nodes, arguments ``RA``/``CA`` nodes (premise -> node -> target, an undercut
``CA -> RA``), rephrases ``MA`` nodes, and speakers a locution each (``L -> YA "Asserting" -> I``,
with ``participants`` and ``locutions``). A node keeps its ``aif`` id; nodes without one get
fresh numbers above the ids in use, and edges are numbered in the order written. Ids are written
as JSON strings, as AIFdb does (a map whose graph has ``graph["aif_numbers"]``, the set of ids
that were JSON numbers, writes those as numbers). What AIF has no place for (claim ids, thesis,
themes, tags, para, quote, notes, weights, titles, the map's title and source) goes into a
top-level ``"argmap"`` key, which AIF tools ignore and this reader reads back, so that a map
written and read again is the same map::

    "argmap": {"version": 1, "title": ..., "source": {...}, "thesis": "<nodeID>", "themes": {...},
               "claims": {"<nodeID>": {"id": "tea", "theme": ..., "tags": [...], ...}},
               "arguments": {"<nodeID>": {"id": ..., "title": ..., "weight": ...}}}

The nodes and edges say what the argument is: when an AIF tool has edited them after argmap
wrote the file, they win, and the ``argmap`` key only adds what they cannot say.

>>> recs = read('''{"nodes": [
...   {"nodeID": "1", "text": "Tea is good.", "type": "I"},
...   {"nodeID": "2", "text": "Tea is warm.", "type": "I"},
...   {"nodeID": "3", "text": "Default Inference", "type": "RA"}],
...  "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"},
...            {"edgeID": "2", "fromID": "3", "toID": "1"}]}''', "tea.json")
>>> from argmap.records import build
>>> amap, diagnostics = build(recs)
>>> [(c, amap.node(c)["aif"]) for c in amap.claims()], list(amap.arguments())
([('tea-good', '1'), ('tea-warm', '2')], ['tea-warm--supports--tea-good'])
>>> [d.message for d in diagnostics]
["not kept: the edges' edgeID (2; written anew)"]
>>> import json
>>> out = json.loads(write(amap).data)
>>> [(n["nodeID"], n["type"], n["text"]) for n in out["nodes"]]
[('1', 'I', 'Tea is good.'), ('2', 'I', 'Tea is warm.'), ('3', 'RA', 'Default Inference')]
>>> [(e["fromID"], e["toID"]) for e in out["edges"]], out["argmap"]["claims"]["2"]
([('2', '3'), ('3', '1')], {'id': 'tea-warm'})
"""

from __future__ import annotations

import gc
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat
from operator import eq
from typing import TYPE_CHECKING, Any

from ..errors import MapReadError
from ..fields import keys
from ..model import ATTACK, SUPPORT, Cite, Position
from ..records import ID_RE, Argument, Claim, Records, Rephrase, slug_base
from . import Written

if TYPE_CHECKING:
    from ..model import ArgumentMap

__all__ = ["read", "write", "DEFAULT_SCHEME", "OVA_NOTE"]

#: The node text AIF tools give an S-node with no scheme; read as no scheme, written for none.
DEFAULT_SCHEME = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}
#: What goes before OVA's analysed text in the map's note.
OVA_NOTE = "Source text (from OVA):\n"
VERSION = 1

RELATION = {"RA": SUPPORT, "CA": ATTACK}
WORD = {"RA": "inference", "CA": "conflict", "MA": "rephrase"}
S_TYPES = ("RA", "CA", "MA")
KEPT_TYPES = frozenset(("I", "RA", "CA", "MA"))
DIALOGUE = ("L", "TA", "YA")
KNOWN_TYPES = KEPT_TYPES | frozenset(DIALOGUE) | {"PA"}
NOT_SPEECH = frozenset(("Analysing", "Publishing"))  # OVA's locutions of the analyst and the page
SOURCE_KEYS = keys("source")
NODE_FIELDS = frozenset(("nodeID", "text", "type"))
TOP_KEYS = frozenset(("nodes", "edges", "locutions", "participants", "argmap"))
_SPEAKER = re.compile(r"\s*([^\n]{1,100}?)\s*:\s")
_WS = re.compile(r"[ \t\n\r]*")
#: json's own string scanner (C), which the decoder uses; typeshed does not list it
_scanstring: Callable[[str, int], tuple[str, int]] = \
    json.decoder.scanstring  # type: ignore[attr-defined]


# -- reading ----------------------------------------------------------------------------------------

def read(text: str, name: str) -> Records:
    """The records of the AIF (or OVA) JSON ``text`` read from file ``name``.

    Raises :class:`~argmap.errors.MapReadError` when ``text`` is not JSON, or not an AIF object;
    every other problem is a warning in the records' diagnostics.
    """
    with _paused_gc():
        return _read(text, name)


def _read(text: str, name: str) -> Records:
    if text.startswith("\ufeff"):
        text = text[1:]
    data = _parse(text, name)
    if not isinstance(data, dict):
        kind = "list" if isinstance(data, list) else "single value"
        raise MapReadError(f"{name}: the JSON is a {kind}, not an AIF object",
                           hint='an AIF file is an object {"nodes": [...], "edges": [...]}',
                           file=name)
    container, wrapped = data, False
    if isinstance(data.get("AIF"), dict):
        container, wrapped = data["AIF"], True
    nodes = container.get("nodes")
    if not isinstance(nodes, list):
        what = "no 'nodes' list" if nodes is None else "a 'nodes' that is not a list"
        raise MapReadError(f"{name}: the JSON object has {what}, so it is not AIF",
                           hint='an AIF file is an object {"nodes": [...], "edges": [...]}',
                           file=name)
    edges = container.get("edges")
    if edges is not None and not isinstance(edges, list):
        raise MapReadError(f"{name}: the AIF 'edges' is not a list", file=name,
                           hint='write "edges": [{"fromID": ..., "toID": ...}, ...]')
    return _Reader(text, name, data, container, wrapped).read()


@contextmanager
def _paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a nodeset is read or written: the hundreds of thousands
    of dicts and strings of a large file would have the collector walk the whole heap again and
    again (a third of the time), and reading makes no cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, name: str) -> Any:
    from . import _MISSING, parsed_json

    data = parsed_json(text)  # a big file the registry has just parsed to tell its format
    if data is not _MISSING:
        return data
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise MapReadError(f"{name}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}",
                           hint="AIF files are JSON; check the brackets, commas and quotes here",
                           file=name, line=e.lineno, col=e.colno) from None
    except RecursionError:
        raise MapReadError(f"{name}: the JSON is nested too deeply to read", file=name,
                           hint="AIF nodesets are two levels deep") from None
    except ValueError as e:  # e.g. a number with more digits than Python converts
        raise MapReadError(f"{name}: not valid JSON: {e}", file=name) from None


def _idstr(value: Any) -> str | None:
    """A node or edge id as a string (``12`` -> ``"12"``); None for a missing or odd id."""
    if isinstance(value, str):
        return value if value and not value.isspace() else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return str(value)


def _offsets(text: str, wrapped: bool, key: str) -> list[int] | None:
    """Where each element of the AIF list ``key`` (nodes or edges) starts in ``text`` (which
    ``json.loads`` has read, so it is valid JSON); None when the walk fails."""
    try:
        return _Walk(text, wrapped, key).run().get(key)
    except (ValueError, IndexError, RecursionError):
        return None


def _node_offsets(text: str, wrapped: bool, nodes: list[Any]) -> list[int | None] | None:
    """Where each node's ``"nodeID"`` key is (None for a node without one): the keys found by
    one regular-expression scan from the start of the ``nodes`` list, checked against the ids
    decoded; the element walk when they do not match (a node with a node inside, say)."""
    try:
        start = _Walk(text, wrapped, "nodes", find_only=True).run().get("nodes", [None])[0]
    except (ValueError, IndexError, RecursionError):
        return None
    if start is None:
        return None
    having = [i for i, n in enumerate(nodes) if isinstance(n, dict) and "nodeID" in n]
    keys: list[re.Match[str]] = []
    if having:
        for m in _NODE_ID.finditer(text, start):
            if text[m.start() - 1] != "\\":  # else a quote inside a string: no key
                keys.append(m)
                if len(keys) == len(having):
                    break
    decode = json.JSONDecoder().raw_decode
    ok = len(keys) == len(having)
    for k in [*range(0, len(having), 997), len(having) - 1] if ok and having else ():
        try:
            value = decode(text, _WS.match(text, keys[k].end()).end())[0]  # type: ignore[union-attr]
        except ValueError:
            value = None
        if value != nodes[having[k]]["nodeID"]:
            ok = False
            break
    if not ok:
        offs = _offsets(text, wrapped, "nodes")
        return None if offs is None or len(offs) != len(nodes) else list(offs)
    out: list[int | None] = [None] * len(nodes)
    for i, m in zip(having, keys, strict=True):
        out[i] = m.start()
    return out


def _key_counts(objects: list[dict[str, Any]]) -> Counter[str]:
    """How many of ``objects`` have each key, keys in the order first seen: counted by the
    objects' key lists, which are few (``Counter(chain.from_iterable(objects))``, quicker)."""
    out: Counter[str] = Counter()
    for shape, n in Counter(map(tuple, objects)).items():
        for key in shape:
            out[key] += n
    return out


def _lines(text: str, offsets: list[int | None]) -> list[tuple[int, int] | None]:
    """(line, column) of each offset (increasing, None for none), in one pass over ``text``."""
    rows: list[tuple[int, int] | None] = []
    line, last_nl, pos = 1, -1, 0
    count, rfind = text.count, text.rfind
    for off in offsets:
        if off is None:
            rows.append(None)
            continue
        line += count("\n", pos, off)
        nl = rfind("\n", pos, off)
        if nl >= 0:
            last_nl = nl
        rows.append((line, off - last_nl))
        pos = off
    return rows


# A flat JSON object (no object or array inside), then the comma and spaces after it: what most
# AIF nodes and edges are. One C-level match finds where the next element starts.
_FLAT = re.compile(r'\{[^{}\[\]"]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^{}\[\]"]*)*\}[ \t\n\r]*,?[ \t\n\r]*')
_AFTER = re.compile(r"[ \t\n\r]*,?[ \t\n\r]*")
_NODE_ID = re.compile(r'"nodeID"[ \t\n\r]*:')  # a key: a value "nodeID" has no colon


class _Found(Exception):
    """The walk found what it looked for."""


class _Walk:
    """Finds where each element of the AIF ``nodes`` and ``edges`` arrays starts."""

    def __init__(self, text: str, wrapped: bool, key: str, find_only: bool = False):
        self.text, self.wrapped, self.key, self.find_only = text, wrapped, key, find_only
        self.decode = json.JSONDecoder().raw_decode
        self.found: dict[str, list[int]] = {}

    def ws(self, i: int) -> int:
        m = _WS.match(self.text, i)
        return m.end() if m else i

    def run(self) -> dict[str, list[int]]:
        i = self.ws(0)
        if self.text[i] != "{":
            raise ValueError
        try:
            self.object(i, "top")
        except _Found:
            pass
        return self.found

    def object(self, i: int, level: str) -> int:
        t = self.text
        i = self.ws(i + 1)
        if t[i] == "}":
            return i + 1
        aif_level = "aif" if self.wrapped else "top"
        while True:
            if t[i] != '"':
                raise ValueError
            key, i = _scanstring(t, i + 1)
            i = self.ws(i)
            if t[i] != ":":
                raise ValueError
            i = self.ws(i + 1)
            if level == "top" and self.wrapped and key == "AIF" and t[i] == "{":
                i = self.object(i, "aif")
            elif level == aif_level and key == self.key and t[i] == "[":
                i = self.array(i, key)
            else:
                i = self.decode(t, i)[1]
            i = self.ws(i)
            if t[i] == ",":
                i = self.ws(i + 1)
            elif t[i] == "}":
                return i + 1
            else:
                raise ValueError

    def array(self, i: int, key: str) -> int:
        if self.find_only:  # where the list starts is all that is asked
            self.found[key] = [i]
            raise _Found
        t, offs = self.text, []
        flat, after, decode = _FLAT.match, _AFTER.match, self.decode
        i = self.ws(i + 1)
        while t[i] != "]":
            offs.append(i)
            m = flat(t, i)
            if m is not None:
                i = m.end()
            else:  # an element with objects or arrays inside, or not an object
                i = decode(t, i)[1]
                m = after(t, i)
                i = m.end() if m else i
        self.found[key] = offs  # the last of repeated keys wins, as in json.loads
        return i + 1


class _Reader:
    def __init__(self, text: str, name: str, data: dict[str, Any], container: dict[str, Any],
                 wrapped: bool):
        self.name, self.data, self.container, self.wrapped = name, data, container, wrapped
        self.recs = Records(name, strict=False)
        self.source = text
        self.offsets: dict[str, list[int | None] | None] = {}  # nodes now, edges when asked
        self.lines: dict[str, list[tuple[int, int] | None]] = {}
        self.node_pos: dict[str, Position] = {}
        self.type: dict[str, str] = {}  # node id -> type (the first node of an id)
        self.text: dict[str, Any] = {}
        self.raw: dict[str, dict[str, Any]] = {}
        self.index: dict[str, int] = {}  # node id -> index in the nodes list
        self.out: defaultdict[str, list[str]] = defaultdict(list)
        self.inn: defaultdict[str, list[str]] = defaultdict(list)
        self.numbers: set[str] = set()  # ids written as JSON numbers
        self.claim_of: dict[str, str] = {}  # I node id -> claim id
        self.taken: set[str] = set()
        self.counters: dict[str, int] = {}
        self.other_types: Counter[str] = Counter()
        self.lost_fields: Counter[str] = Counter()
        self.lost_edge_fields: Counter[str] = Counter()
        self.meta: dict[str, Any] = {}
        self.meta_claims: dict[str, dict[str, Any]] = {}
        self.meta_args: dict[str, dict[str, Any]] = {}
        self.wanted_claims: dict[str, str] = {}
        self.wanted_args: dict[str, str] = {}
        self.find("nodes")

    # -- positions and warnings -------------------------------------------------------------
    def find(self, kind: str) -> list[tuple[int, int] | None] | None:
        """The (line, column) of each element of the list ``kind``, found once (the edges only
        when a warning needs them); None if the walk and the decoder disagree."""
        if kind not in self.offsets:
            offs: list[int | None] | None
            if kind == "nodes":
                offs = _node_offsets(self.source, self.wrapped, self.container["nodes"])
            else:
                found = _offsets(self.source, self.wrapped, kind)
                offs = list(found) if found is not None else None
            if offs is not None and len(offs) != len(self.container.get(kind) or ()):
                offs = None  # no lines rather than wrong ones
            self.offsets[kind] = offs
            if offs is not None:
                self.lines[kind] = _lines(self.source, offs)
        return self.lines.get(kind)

    def at(self, element: str, kind: str = "nodes", index: int | None = None) -> Position:
        rows = self.find(kind)
        row = rows[index] if rows is not None and index is not None and index < len(rows) else None
        if row is not None:
            return Position(self.name, row[0], row[1], element)
        return Position(self.name, None, None, element)

    def node_at(self, nid: str) -> Position:
        """Where node ``nid`` is (made once a node: every claim and argument has one)."""
        pos = self.node_pos.get(nid)
        if pos is None:
            pos = self.node_pos[nid] = self.at(f"node {nid}", "nodes", self.index.get(nid))
        return pos

    def oddity(self, message: str, at: Position | None = None) -> None:
        self.recs.warn("format-oddity", message, at)

    # -- the passes -----------------------------------------------------------------------
    def read(self) -> Records:
        self.read_meta()
        self.read_nodes()
        self.read_edges()
        self.reserve_ids()
        self.read_claims()
        speakers = self.read_speakers()
        self.read_arguments()
        self.read_rephrases()
        self.read_map()
        self.report_losses(speakers)
        return self.recs

    def read_nodes(self) -> None:
        nodes: list[Any] = self.container["nodes"]
        kept = self.plain_nodes(nodes)
        if kept is None:
            kept = self.messy_nodes(nodes)
        fields = _key_counts(kept)
        if "scheme" in fields:
            fields["scheme"] -= sum("scheme" in n for n in kept if n["type"] in ("RA", "CA", "S"))
        for key, count in fields.items():
            if key not in NODE_FIELDS and count > 0:
                self.lost_fields[key] += count

    def plain_nodes(self, nodes: list[Any]) -> list[dict[str, Any]] | None:
        """The nodes of kept types when every node is an object with a string ``nodeID`` of its
        own and a string ``type`` other than the old ``S`` (the common case, read list by
        list); None, with nothing read, when one is not."""
        try:
            ids: list[Any] = [n["nodeID"] for n in nodes]
            kinds: list[Any] = [n["type"] for n in nodes]
        except (KeyError, TypeError, IndexError):
            return None
        if set(map(type, ids)) - {str} or set(map(type, kinds)) - {str} or not all(ids) \
                or any(map(str.isspace, ids)) or not all(kinds) or "S" in kinds \
                or len(set(ids)) != len(ids):
            return None
        self.type.update(zip(ids, kinds, strict=True))
        self.index.update(zip(ids, range(len(ids)), strict=True))
        self.raw.update(zip(ids, nodes, strict=True))
        self.text.update(zip(ids, map(dict.get, nodes, repeat("text")), strict=True))
        if KEPT_TYPES.issuperset(kinds):
            return nodes
        self.other_types.update([t for t in kinds if t not in KNOWN_TYPES])
        return [n for n, t in zip(nodes, kinds, strict=True) if t in KEPT_TYPES]

    def messy_nodes(self, nodes: list[Any]) -> list[dict[str, Any]]:
        """Read the nodes one by one, each problem a warning; the nodes of kept types."""
        types, raw, texts, index = self.type, self.raw, self.text, self.index
        kept: list[dict[str, Any]] = []
        for i, n in enumerate(nodes):
            try:
                raw_id, ntype = n["nodeID"], n["type"]
            except (KeyError, TypeError, IndexError):  # not an object, or no id or type
                self.odd_node(i, n)
                continue
            nid = raw_id
            if type(raw_id) is not str or not raw_id or raw_id.isspace():
                nid = _idstr(raw_id)
                if nid is None:
                    self.odd_node(i, n)
                    continue
                if not isinstance(raw_id, str):
                    self.numbers.add(nid)
            if type(ntype) is not str or ntype not in KEPT_TYPES:
                if ntype == "S" and n.get("scheme") in S_TYPES:  # an older spelling of RA, ...
                    ntype = n["scheme"]
                elif not isinstance(ntype, str) or not ntype:
                    self.oddity("has no type (left out)", self.at(f"node {nid}", "nodes", i))
                    continue
            if nid in types:
                first = self.node_at(nid)
                where = f" on line {first.line}" if first.line else ""
                self.oddity(f"the node id is used twice (first by the {types[nid]} node{where}); "
                            f"this {ntype} node is left out", self.at(f"node {nid}", "nodes", i))
                continue
            types[nid] = ntype
            index[nid] = i
            raw[nid] = n
            texts[nid] = n.get("text")
            if ntype in KEPT_TYPES:
                kept.append(n)
            elif ntype not in KNOWN_TYPES:
                self.other_types[ntype] += 1
        return kept

    def odd_node(self, i: int, n: Any) -> None:
        """Tell why element ``i`` of the nodes is left out."""
        if not isinstance(n, dict):
            self.oddity("is not a JSON object (left out)", self.at(f"nodes[{i}]", "nodes", i))
        elif _idstr(n.get("nodeID")) is None:
            self.oddity("has no usable nodeID (left out)", self.at(f"nodes[{i}]", "nodes", i))
        else:
            self.oddity("has no type (left out)",
                        self.at(f"node {_idstr(n['nodeID'])}", "nodes", i))

    def read_edges(self) -> None:
        edges: list[Any] | None = self.container.get("edges")
        if edges is None:
            self.oddity("the file has no 'edges' list: only the nodes are read")
            edges = []
        kept: list[dict[str, Any]] | None = self.plain_edges(edges)
        if kept is None:
            kept = self.messy_edges(edges)
        fields = _key_counts(kept)
        fields["formEdgeID"] = len(kept) - list(map(dict.get, kept, repeat("formEdgeID"))).count(None)
        for key, count in fields.items():
            if key not in ("fromID", "toID") and count > 0:
                self.lost_edge_fields[key] += count

    def plain_edges(self, edges: list[Any]) -> list[dict[str, Any]] | None:
        """The edges between kept nodes when every edge is an object from one node to
        another, by string ids, none repeated and none from an I node to an I node (the common
        case, read list by list); None, with nothing read, when one is not."""
        types = self.type
        try:
            froms: list[Any] = list(map(dict.get, edges, repeat("fromID")))
            tos: list[Any] = list(map(dict.get, edges, repeat("toID")))
            kinds = set(zip(map(types.get, froms), map(types.get, tos), strict=True))
        except TypeError:  # not an object, or an id that is a list or an object
            return None
        pairs = list(zip(froms, tos, strict=True))
        if any(None in k or k == ("I", "I") for k in kinds) or any(map(eq, froms, tos)) \
                or len(set(pairs)) != len(pairs):
            return None
        out, inn = self.out, self.inn
        for a, b in pairs:
            out[a].append(b)
            inn[b].append(a)
        if all(ta in KEPT_TYPES and tb in KEPT_TYPES for ta, tb in kinds):
            return edges
        return [e for e, a, b in zip(edges, froms, tos, strict=True)
                if types[a] in KEPT_TYPES and types[b] in KEPT_TYPES]

    def messy_edges(self, edges: list[Any]) -> list[dict[str, Any]]:
        """Read the edges one by one, each problem a warning; the edges between kept nodes."""
        seen: set[tuple[str, str]] = set()
        types, out, inn = self.type, self.out, self.inn
        kept: list[dict[str, Any]] = []  # the edges between nodes that are kept
        for i, e in enumerate(edges):
            try:
                a, b = e.get("fromID"), e.get("toID")
            except AttributeError:
                self.oddity("is not a JSON object (left out)", self.at(f"edges[{i}]", "edges", i))
                continue
            if type(a) is not str or not a or a.isspace():
                a = _idstr(a)
            if type(b) is not str or not b or b.isspace():
                b = _idstr(b)
            ta, tb, pair = types.get(a), types.get(b), (a, b)
            if ta is None or tb is None or a == b or ta == tb == "I" or pair in seen:
                self.bad_edge(i, e, a, b)
                continue
            seen.add(pair)
            if ta in KEPT_TYPES and tb in KEPT_TYPES:
                kept.append(e)
            out[a].append(b)
            inn[b].append(a)
        return kept

    def bad_edge(self, i: int, e: dict[str, Any], a: str | None, b: str | None) -> None:
        """Tell what is wrong with edge ``i``, which is left out."""
        if a is None or b is None:
            problem = "has no usable fromID or toID (left out)"
        elif a not in self.type or b not in self.type:
            problem = (f"comes from node {a}" if a not in self.type else f"leads to node {b}") \
                + ", which is not in the file (left out)"
        elif a == b:
            problem = f"leads from node {a} to itself (left out)"
        elif self.type[a] == "I" and self.type[b] == "I":
            problem = (f"leads from I node {a} straight to I node {b}, with no RA, CA or MA "
                       "node to say how they relate (left out)")
        else:
            problem = f"repeats the edge from node {a} to node {b} (left out)"
        eid = _idstr(e.get("edgeID"))
        self.oddity(problem, self.at(f"edge {eid}" if eid is not None else f"edges[{i}]",
                                     "edges", i))

    def new_id(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``, ... as :func:`~argmap.records.slug` numbers them,
        in time linear in the number of ids made from one base."""
        out = base
        if out in self.taken:
            n = self.counters.get(base, 1)
            while True:
                n += 1
                out = f"{base}-{n}"
                if out not in self.taken:
                    break
            self.counters[base] = n
        self.taken.add(out)
        return out

    def reserve_ids(self) -> None:
        """Take the claim and argument ids the ``argmap`` key gives, before any slug is made."""
        for part, store, kinds, wanted in (
                ("claims", self.meta_claims, ("I",), self.wanted_claims),
                ("arguments", self.meta_args, ("RA", "CA"), self.wanted_args)):
            for nid, entry in store.items():
                cid = entry.get("id")
                if cid is None or self.type.get(nid) not in kinds:
                    continue  # a node not in the file is reported in read_map
                if cid in self.taken:
                    self.oddity(f"the id {cid!r} is given twice: a new id is made",
                                self.meta_at(part, nid))
                    continue
                self.taken.add(cid)
                wanted[nid] = cid

    def read_claims(self) -> None:
        wanted, extras, claims = self.wanted_claims, self.meta_claims, self.recs.claims
        rows, index, name, texts = self.find("nodes"), self.index, self.name, self.text
        claim_of, new_id = self.claim_of, self.new_id
        new = tuple.__new__  # Position(...) without the named tuple's Python-level __new__
        for nid, kind in self.type.items():
            if kind != "I":
                continue
            text = texts[nid]
            row = rows[index[nid]] if rows is not None else None
            here = new(Position, (name, row[0], row[1], "node " + nid)) if row is not None \
                else self.node_at(nid)
            if not isinstance(text, str):
                self.oddity("the I node has no text" if text is None else
                            "the I node's text is not a string: read as one", here)
                text = "" if text is None else json.dumps(text, ensure_ascii=False)
            elif not text or text.isspace():
                self.oddity("the I node's text is empty", here)
            cid = wanted.get(nid) or new_id(slug_base(text))
            claim_of[nid] = cid
            attrs: dict[str, Any] = {"aif": nid}
            if nid in extras:
                attrs.update(self.claim_extras(nid))
            claims.append(Claim(cid, text, here, attrs))

    # -- speakers ---------------------------------------------------------------------------
    def read_speakers(self) -> tuple[int, int]:
        """Set the claims' speakers; (claims given a speaker, claims with more than one)."""
        names = self.participants()
        person = {}
        locutions = self.container.get("locutions")
        if isinstance(locutions, list):
            for loc in locutions:
                if isinstance(loc, dict):
                    lid, pid = _idstr(loc.get("nodeID")), _idstr(loc.get("personID"))
                    if lid is not None and pid in names:
                        person[lid] = names[pid]
        spoken: dict[str, list[str]] = {}
        for nid in self.type:
            said = self.text[nid]
            if self.type[nid] != "YA" or (isinstance(said, str) and said in NOT_SPEECH):
                continue
            speakers = []
            for src in self.inn.get(nid, ()):
                if self.type[src] == "L":
                    who = person.get(src) or self.speaker_in_text(src)
                    if who:
                        speakers.append(who)
            if not speakers:
                continue
            for dst in self.out.get(nid, ()):
                if dst in self.claim_of:
                    got = spoken.setdefault(dst, [])
                    got.extend(s for s in speakers if s not in got)
        if not spoken:
            return 0, 0
        by_node = {c.attrs["aif"]: c for c in self.recs.claims}
        for node, said_by in spoken.items():
            by_node[node].attrs.setdefault("speaker", said_by[0])
        return len(spoken), sum(len(w) > 1 for w in spoken.values())

    def participants(self) -> dict[str, str]:
        out: dict[str, str] = {}
        people = self.container.get("participants")
        if not isinstance(people, list):
            return out
        for p in people:
            if not isinstance(p, dict):
                continue
            pid = _idstr(p.get("participantID"))
            first, sur = p.get("firstname"), p.get("surname")
            first = first if isinstance(first, str) else ""
            sur = sur if isinstance(sur, str) else ""
            full = f"{first} {sur}" if sur else first
            if pid is not None and full.strip():
                out[pid] = full
        return out

    def speaker_in_text(self, lid: str) -> str | None:
        text = self.text[lid]
        if isinstance(text, str):
            m = _SPEAKER.match(text)
            if m:
                return m.group(1)
        return None

    # -- arguments --------------------------------------------------------------------------
    def read_arguments(self) -> None:
        types, inn, out = self.type, self.inn, self.out
        premises: dict[str, list[str]] = {}
        targets: dict[str, list[str]] = {}
        dropped: list[str] = []
        aimed: defaultdict[str, list[str]] = defaultdict(list)  # RA/CA -> what targets it
        no_edges: list[str] = []
        for nid in [n for n in types if types[n] in RELATION]:
            into = inn.get(nid, no_edges)
            ps, ts = [p for p in into if types[p] == "I"], []
            if len(ps) < len(into):  # something else points at it: tell of the MA nodes
                for p in into:
                    if types[p] == "MA":
                        self.oddity(f"the rephrase node {p} points at this {WORD[types[nid]]}, "
                                    "which a map cannot hold (that edge is left out)",
                                    self.node_at(nid))
            for t in out.get(nid, no_edges):
                kind = types[t]
                if kind == "I":
                    if t in ps:
                        self.oddity(f"node {t} is both a premise and the conclusion of this "
                                    f"{WORD[types[nid]]} (that conclusion is left out)",
                                    self.node_at(nid))
                    else:
                        ts.append(t)
                elif kind in RELATION:
                    ts.append(t)
                    aimed[t].append(nid)
                elif kind == "MA":
                    self.oddity(f"the {WORD[types[nid]]} points at the rephrase node {t}, which "
                                "a map cannot hold as a target (that edge is left out)",
                                self.node_at(nid))
            if not ps or not ts:
                word = WORD[types[nid]]
                self.oddity(f"the {word} has no premise: no I node has an edge into it (left out)"
                            if not ps else f"the {word} has no conclusion: it has no edge to an "
                            "I, RA or CA node (left out)", self.node_at(nid))
                dropped.append(nid)
                continue
            if len(ts) > 1:
                self.oddity(f"the {WORD[types[nid]]} has {len(ts)} conclusions (nodes "
                            f"{', '.join(ts)}): read as one argument for each", self.node_at(nid))
            premises[nid], targets[nid] = ps, ts
        # An argument aimed at one that is left out is left out too, at any depth.
        while dropped:
            gone = dropped.pop()
            for nid in aimed.pop(gone, ()):
                if nid not in targets:
                    continue
                targets[nid] = [t for t in targets[nid] if t != gone]
                left = "so is this one" if not targets[nid] else "its other target stays"
                self.oddity(f"its target, node {gone}, is left out: {left}", self.node_at(nid))
                if not targets[nid]:
                    del targets[nid]
                    dropped.append(nid)
        # Ids: the argmap key's, else one for each argument that something targets.
        ids: dict[str, str] = {}
        auto: dict[str, bool] = {}
        for nid, given_id in self.wanted_args.items():
            if nid in targets:
                ids[nid] = given_id
                auto[nid] = bool(self.meta_args[nid].get("auto_id", False))
        for nid in aimed:
            if nid in targets and nid not in ids:
                ids[nid], auto[nid] = self.argument_id(nid), True
        claim_of = self.claim_of
        rows: list[tuple[str, str, str, list[str]]] = []  # node, relation, target id, premises
        for nid, ts in targets.items():
            relation = RELATION[types[nid]]
            ps = [claim_of[p] for p in premises[nid]]
            for t in ts:
                rows.append((nid, relation, claim_of[t] if t in claim_of else ids[t], ps))
        keys = [(relation, tid, frozenset(ps)) for _, relation, tid, ps in rows]
        twice = len(set(keys)) < len(rows)  # the same argument more than once: counted then
        same = Counter(keys) if twice else Counter()
        last = None
        arguments, extras = self.recs.arguments, self.meta_args
        raw, texts, index, name, node_pos = self.raw, self.text, self.index, self.name, self.node_pos
        rows_at = self.find("nodes")
        new = tuple.__new__  # Position(...) without the named tuple's Python-level __new__
        for (nid, relation, tid, ps), key in zip(rows, keys, strict=True):
            attrs: dict[str, Any] = {"aif": nid}
            extra = nid in extras
            if extra or "scheme" in raw[nid] or texts[nid] != DEFAULT_SCHEME[types[nid]]:
                scheme = self.scheme(nid)  # else no scheme, the common case
                if scheme is not None:
                    attrs["scheme"] = scheme
            if extra:
                attrs.update(self.argument_extras(nid))
            aid = ids.get(nid) if nid != last else None  # one id for a node's first conclusion
            if aid is not None:
                attrs["auto_id"] = auto[nid]
            elif twice and same[key] > 1:
                aid = self.argument_id(nid)  # the same argument twice: both stay, with ids
                attrs["auto_id"] = True
            last = nid
            here = node_pos.get(nid)
            if here is None:
                row = rows_at[index[nid]] if rows_at is not None else None
                here = new(Position, (name, row[0], row[1], "node " + nid)) if row is not None \
                    else self.node_at(nid)
            arguments.append(Argument(relation, tid, list(ps), aid, here, attrs))

    def argument_id(self, nid: str) -> str:
        base = f"{self.type[nid].lower()}-{nid}"
        if not ID_RE.match(base):
            base = f"{self.type[nid].lower()}-" + (re.sub(r"[^A-Za-z0-9_.:+-]+", "-", nid)
                                                   .strip("-") or "node")
        return self.new_id(base)

    def scheme(self, nid: str) -> str | None:
        node, kind = self.raw[nid], self.type[nid]
        scheme = node.get("scheme") if node.get("type") != "S" else None
        text = self.text[nid]
        name: str | None = None
        if isinstance(scheme, str) and scheme.strip() and not scheme.strip().isdigit():
            name = scheme
        elif isinstance(text, str) and text.strip():
            name = text
        if name == DEFAULT_SCHEME[kind]:
            said = self.meta_args.get(nid, {}).get("scheme")  # written so when the map said so
            return said if isinstance(said, str) else None
        return name

    def read_rephrases(self) -> None:
        for nid in self.type:
            if self.type[nid] != "MA":
                continue
            here = self.node_at(nid)
            sources = [p for p in self.inn.get(nid, ()) if self.type[p] == "I"]
            ends = [t for t in self.out.get(nid, ()) if self.type[t] == "I"]
            odd = [x for x in (*self.inn.get(nid, ()), *self.out.get(nid, ()))
                   if self.type[x] in ("RA", "CA")]
            if odd:
                self.oddity(f"the rephrase is linked to the RA/CA node {odd[0]}, which a map "
                            "cannot hold (that edge is left out)", here)
            if not sources or not ends:
                side = "no edge from an I node" if not sources else "no edge to an I node"
                self.oddity(f"the rephrase has {side} (left out)", here)
                continue
            if len(sources) > 1 or len(ends) > 1:
                self.oddity(f"the rephrase links {len(sources)} I node(s) to {len(ends)}: read "
                            f"as {len(sources) * len(ends)} rephrases", here)
            for s in sources:
                for t in ends:
                    self.recs.rephrases.append(
                        Rephrase(self.claim_of[s], self.claim_of[t], nid, here))

    # -- the argmap key ---------------------------------------------------------------------
    def meta_at(self, part: str, nid: str | None = None) -> Position:
        return Position(self.name, None, None,
                        f"argmap.{part}" + (f"[{nid!r}]" if nid is not None else ""))

    def read_meta(self) -> None:
        meta = self.container.get("argmap", self.data.get("argmap"))
        if meta is None:
            return
        if not isinstance(meta, dict):
            self.oddity("the 'argmap' key is not an object (ignored)", self.meta_at("version"))
            return
        self.meta = meta
        version = meta.get("version")
        if version != VERSION:
            self.oddity(f"the 'argmap' key has version {version!r}; read as version {VERSION}",
                        self.meta_at("version"))
        for part, store in (("claims", self.meta_claims), ("arguments", self.meta_args)):
            entries = meta.get(part)
            if entries is None:
                continue
            if not isinstance(entries, dict):
                self.oddity(f"'{part}' is not an object (ignored)", self.meta_at(part))
                continue
            for nid, entry in entries.items():
                if not isinstance(entry, dict):
                    self.oddity("is not an object (ignored)", self.meta_at(part, nid))
                    continue
                store[nid] = self.checked(entry, part, nid)

    def checked(self, entry: dict[str, Any], part: str, nid: str) -> dict[str, Any]:
        """The fields of an ``argmap`` key entry that have the right shape."""
        out: dict[str, Any] = {}
        fields = _CLAIM_FIELDS if part == "claims" else _ARGUMENT_FIELDS
        for key, value in entry.items():
            check = fields.get(key)
            if check is None:
                self.oddity(f"unknown field {key!r} (ignored)", self.meta_at(part, nid))
            elif check(value):
                out[key] = tuple(value) if key == "tags" else value
            else:
                self.oddity(f"the {key!r} {json.dumps(value, ensure_ascii=False)[:60]} is not "
                            f"{_SHAPES[key]} (ignored)", self.meta_at(part, nid))
        return out

    def claim_extras(self, nid: str) -> dict[str, Any]:
        out = {k: v for k, v in self.meta_claims.get(nid, {}).items() if k != "id"}
        if "cites" in out:
            out["cites"] = tuple(Cite(c.get("doc"), tuple(c.get("para", ())), c.get("quote"),
                                      self.meta_at("claims", nid), k)
                                 for k, c in enumerate(out["cites"]))
        return out

    def argument_extras(self, nid: str) -> dict[str, Any]:
        return {k: v for k, v in self.meta_args.get(nid, {}).items()
                if k not in ("id", "auto_id", "scheme")}

    def read_map(self) -> None:
        recs, meta = self.recs, self.meta
        for part, store, kind in (("claims", self.meta_claims, "I"),
                                  ("arguments", self.meta_args, None)):
            for nid in store:
                t = self.type.get(nid)
                if (t != kind) if kind else (t not in RELATION):
                    what = "an I node" if kind else "an RA or CA node"
                    self.oddity(f"names node {nid}, which is not {what} in the file (ignored)",
                                self.meta_at(part, nid))
        for key in ("title", "note"):
            value = meta.get(key)
            if isinstance(value, str):
                setattr(recs, key, value)
            elif value is not None:
                self.oddity("is not a string (ignored)", self.meta_at(key))
        source = meta.get("source")
        if isinstance(source, dict):
            for k, v in source.items():
                if k in SOURCE_KEYS and isinstance(v, str):
                    recs.source[k] = v
                else:
                    self.oddity(f"{k!r} is not a source key with a string value (ignored)",
                                self.meta_at("source"))
        elif source is not None:
            self.oddity("is not an object (ignored)", self.meta_at("source"))
        for doc, keys_ in (meta.get("sources") or {}).items() if isinstance(
                meta.get("sources"), dict) else ():
            if _is_id(doc) and isinstance(keys_, dict) and all(
                    k in SOURCE_KEYS and isinstance(v, str) for k, v in keys_.items()):
                recs.sources[doc] = dict(keys_)
            else:
                self.oddity(f"document {doc!r} is not an object of source keys (ignored)",
                            self.meta_at("sources"))
        stores: tuple[tuple[str, dict[str, str]], ...] = (("themes", recs.themes),
                                                          ("ignore", recs.ignore))
        for key, into in stores:
            value = meta.get(key)
            if value is None:
                continue
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) and (
                    key != "themes" or all(ID_RE.match(k) for k in value)):
                into.update(value)
            else:
                self.oddity("is not an object of strings (ignored)", self.meta_at(key))
        thesis = meta.get("thesis")
        if thesis is not None:
            tid = _idstr(thesis)
            if tid in self.claim_of:
                recs.thesis = self.claim_of[tid]
            else:
                self.oddity(f"names node {thesis!r}, which is not an I node (ignored)",
                            self.meta_at("thesis"))
        if self.wrapped and recs.note is None:
            text = self.data.get("text")
            if isinstance(text, dict):  # xAIF: {"txt": ...}
                text = text.get("txt")
            if isinstance(text, str) and text.strip():
                recs.note = OVA_NOTE + text
        if self.numbers:
            extra = getattr(recs, "graph", None)  # for the writer, where records carry it
            if isinstance(extra, dict):
                extra["aif_numbers"] = frozenset(self.numbers)

    def report_losses(self, speakers: tuple[int, int]) -> None:
        kinds = Counter(self.type[n] for n in self.type if self.type[n] not in KEPT_TYPES)
        parts = []
        dialogue = [(t, kinds[t]) for t in DIALOGUE if kinds[t]]
        if dialogue:
            n = sum(c for _, c in dialogue)
            parts.append(f"{n} dialogue node{'s' * (n > 1)} ("
                         + ", ".join(f"{t} {c}" for t, c in dialogue) + ")")
        if kinds["PA"]:
            parts.append(f"{kinds['PA']} preference node{'s' * (kinds['PA'] > 1)} (PA)")
        if self.other_types:
            n = sum(self.other_types.values())
            parts.append(f"{n} node{'s' * (n > 1)} of other types ("
                         + ", ".join(f"{t} {c}" for t, c in self.other_types.most_common()) + ")")
        if parts:
            message = ", ".join(parts) + " not kept"
            if speakers[0]:
                message += f": speakers kept on {speakers[0]} claim{'s' * (speakers[0] > 1)}"
                if speakers[1]:
                    message += (f" ({speakers[1]} with more than one speaker: the first "
                                "kept)")
            self.recs.warn("format-loss", message)
        fields = [f"the nodes' {k} ({c})" for k, c in self.lost_fields.most_common()]
        fields += [f"the edges' {k} ({c}{'; written anew' if k == 'edgeID' else ''})"
                   for k, c in self.lost_edge_fields.most_common()]
        extra = [(k, v, False) for k, v in self.container.items() if k not in TOP_KEYS]
        if self.wrapped:
            extra += [(k, v, True) for k, v in self.data.items() if k not in ("AIF", "argmap")]
        for k, value, outside in extra:
            if outside and k == "text":
                if isinstance(value, dict):
                    value = value.get("txt")
                if value is None or isinstance(value, str):
                    continue  # the note has it
                fields.append("OVA's 'text', which is not a string")
            elif value not in (None, [], {}, ""):
                size = f" ({len(value)})" if isinstance(value, (list, dict)) else ""
                fields.append(f"OVA's layout ('{k}')" if outside and k == "OVA"
                              else f"the top-level '{k}'{size}")
        for k in ("locutions", "participants"):
            value = self.container.get(k)
            if isinstance(value, list) and value:
                fields.append(f"the '{k}' ({len(value)}) but the speakers' names")
        if fields:
            shown = fields[:8] + ([f"and {len(fields) - 8} more"] if len(fields) > 8 else [])
            self.recs.warn("format-loss", "not kept: " + ", ".join(shown))


def _is_id(v: Any) -> bool:
    return isinstance(v, str) and bool(ID_RE.match(v))


def _is_text(v: Any) -> bool:
    return isinstance(v, str)


def _is_cite(v: Any) -> bool:
    return isinstance(v, dict) and set(v) <= {"doc", "para", "quote"} and \
        _is_id(v.get("doc", "x")) and _is_text(v.get("quote", "x")) and \
        isinstance(v.get("para", []), list) and all(
            isinstance(p, int) and not isinstance(p, bool) and p >= 1 for p in v.get("para", []))


def _is_score(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1


def _is_ignore(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and isinstance(r, str) and r.strip()
                                       for k, r in v.items())


_CLAIM_FIELDS = {
    "id": _is_id, "theme": _is_id, "quote": _is_text, "note": _is_text, "speaker": _is_text,
    "tags": lambda v: isinstance(v, list) and all(_is_id(t) for t in v)
    and len(set(v)) == len(v),
    "para": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1,
    "weight": _is_score, "given": lambda v: isinstance(v, bool), "by": lambda v: v == "analyst",
    "ignore": _is_ignore, "cites": lambda v: isinstance(v, list) and all(map(_is_cite, v)),
}
_ARGUMENT_FIELDS = {
    "id": _is_id, "auto_id": lambda v: isinstance(v, bool), "title": _is_text,
    "note": _is_text, "weight": _is_score, "ignore": _is_ignore,
    "scheme": lambda v: v in DEFAULT_SCHEME.values(),
}
_SHAPES = {
    "id": "an id (letters, digits, '-', '_', '.', ':', '+')", "theme": "a theme id",
    "quote": "a string", "note": "a string", "speaker": "a string", "title": "a string",
    "tags": "a list of distinct ids", "para": "a whole number from 1",
    "cites": "a list of {doc, para: [numbers from 1], quote}",
    "weight": "a number from 0 to 1", "given": "true or false", "by": "'analyst'",
    "ignore": "an object of code -> reason", "auto_id": "true or false",
    "scheme": "a default scheme name",
}


# -- writing ----------------------------------------------------------------------------------------

def write(amap: ArgumentMap) -> Written:
    """``amap`` as AIF JSON: nodes, edges, the speakers' locutions, and an ``argmap`` key with
    what AIF has no place for (see the module's documentation)."""
    with _paused_gc():
        return _Writer(amap).run()


class _Writer:
    def __init__(self, amap: ArgumentMap):
        self.amap = amap
        self.used: set[str] = set()
        self.next_number = 1
        self.losses: list[str] = []
        self.nodes: list[tuple[str, str, str]] = []  # (nodeID, text, type)
        self.edges: list[tuple[str, str]] = []

    def reserve(self, ids: Iterable[Any]) -> None:
        """Fresh ids start above the largest number among ``ids``."""
        top = 0
        for x in ids:
            if isinstance(x, str) and x.isdigit() and len(x) < 19:
                top = max(top, int(x))
        self.next_number = top + 1

    def fresh(self) -> str:
        while str(self.next_number) in self.used:
            self.next_number += 1
        out = str(self.next_number)
        self.used.add(out)
        self.next_number += 1
        return out

    def take(self, aif: Any, what: str) -> str:
        if isinstance(aif, str) and aif and aif not in self.used:
            self.used.add(aif)
            return aif
        nid = self.fresh()
        if isinstance(aif, str) and aif:
            self.losses.append(f"{what} has the AIF node id {aif!r} of another node: "
                               f"written as node {nid}")
        return nid

    def run(self) -> Written:
        amap, g = self.amap, self.amap.graph
        claims: list[tuple[str, dict[str, Any]]] = []
        arguments: list[tuple[str, dict[str, Any]]] = []
        for n, attrs in g.nodes(data=True):
            (claims if attrs["kind"] == "claim" else arguments).append((n, attrs))
        self.reserve([a.get("aif") for _, a in claims] + [a.get("aif") for _, a in arguments]
                     + [r[2] for r in amap.rephrases])
        node_of: dict[str, str] = {}
        claim_meta: list[tuple[str, dict[str, Any]]] = []
        for c, attrs in claims:
            nid = self.take(attrs.get("aif"), f"claim {c!r}")
            node_of[c] = nid
            self.nodes.append((nid, attrs.get("text") or "", "I"))
            claim_meta.append((nid, _claim_meta(c, attrs)))
        argument_meta: list[tuple[str, dict[str, Any]]] = []
        shared: dict[str, tuple[str, frozenset[str]]] = {}  # node -> (type, premises)
        first_of: set[str] = set()  # the arguments that write their node and premise edges
        targeted = {attrs["target"] for _, attrs in arguments}
        alike = Counter((attrs["relation"], attrs["target"], frozenset(attrs["premises"]))
                        for _, attrs in arguments)
        for a, attrs in arguments:  # the nodes first: an argument may target one written later
            kind = "RA" if attrs["relation"] == SUPPORT else "CA"
            shape = (kind, frozenset(attrs["premises"]))
            aif = attrs.get("aif")
            if isinstance(aif, str) and shared.get(aif) == shape:  # one node, several conclusions
                node_of[a] = aif
                continue
            nid = self.take(aif, f"argument {a!r}")
            shared[nid], node_of[a] = shape, nid
            first_of.add(a)
            self.nodes.append((nid, attrs.get("scheme") or DEFAULT_SCHEME[kind], kind))
            keep_id = a in targeted or alike[attrs["relation"], attrs["target"], shape[1]] > 1
            entry = _argument_meta(a, attrs, kind, keep_id)
            if entry:
                argument_meta.append((nid, entry))
        edges = self.edges
        for a, attrs in arguments:
            nid = node_of[a]
            if a in first_of:
                edges.extend((node_of[p], nid) for p in attrs["premises"])
            edges.append((nid, node_of[attrs["target"]]))
        self.write_rephrases(node_of)
        locutions, participants = self.write_speakers(claims, node_of)
        meta: dict[str, Any] = {"version": VERSION}
        for key in ("title", "note"):
            if getattr(amap, key):
                meta[key] = getattr(amap, key)
        if amap.source:
            meta["source"] = dict(amap.source)
        if amap.sources:
            meta["sources"] = {doc: dict(keys_) for doc, keys_ in amap.sources.items()}
        if amap.thesis is not None and amap.thesis in node_of:
            meta["thesis"] = node_of[amap.thesis]
        if amap.themes:
            meta["themes"] = dict(amap.themes)
        if g.graph.get("ignore"):
            meta["ignore"] = dict(g.graph["ignore"])
        numbers = g.graph.get("aif_numbers") or frozenset()
        return Written(self.render(numbers, locutions, participants, meta, claim_meta,
                                   argument_meta), self.losses)

    def render(self, numbers: frozenset[str], locutions: list[dict[str, Any]],
               participants: list[dict[str, Any]], meta: dict[str, Any],
               claim_meta: list[tuple[str, dict[str, Any]]],
               argument_meta: list[tuple[str, dict[str, Any]]]) -> str:
        """The JSON text, one node, edge or entry a line: readable, and fast (an indented
        ``json.dumps`` would use the slow Python encoder)."""
        q = _quote

        def number(x: str) -> str:  # an id as a JSON string, or a number when it was one
            return x if x in numbers and _NUMBER.match(x) else q(x)

        ident = number if numbers else q
        nodes = ",\n".join(f'    {{"nodeID": {ident(i)}, "text": {q(t)}, "type": "{k}"}}'
                           for i, t, k in self.nodes)
        edges = ",\n".join(f'    {{"edgeID": {ident(str(n))}, "fromID": {ident(a)}, '
                           f'"toID": {ident(b)}, "formEdgeID": null}}'
                           for n, (a, b) in enumerate(self.edges, 1))
        parts = [f'  "nodes": [\n{nodes}\n  ]' if nodes else '  "nodes": []',
                 f'  "edges": [\n{edges}\n  ]' if edges else '  "edges": []',
                 '  "locutions": ' + _block(locutions, "  ")]
        if participants:
            parts.append('  "participants": ' + _block(participants, "  "))
        body = [f"    {q(k)}: {_encode(v)}" for k, v in meta.items()]
        for key, entries in (("claims", claim_meta), ("arguments", argument_meta)):
            lines = ",\n".join(
                f'      {q(nid)}: {{"id": {q(e["id"])}}}' if len(e) == 1 and "id" in e
                else f"      {q(nid)}: {_encode(e)}" for nid, e in entries)
            body.append(f'    "{key}": {{\n{lines}\n    }}' if lines else f'    "{key}": {{}}')
        parts.append('  "argmap": {\n' + ",\n".join(body) + "\n  }")
        return "{\n" + ",\n".join(parts) + "\n}\n"

    def write_rephrases(self, node_of: dict[str, str]) -> None:
        groups: dict[Any, list[tuple[str, str]]] = {}
        for claim, of, aif in self.amap.rephrases:
            if claim in node_of and of in node_of:
                groups.setdefault(aif if aif else object(), []).append((claim, of))
        for aif, pairs in groups.items():
            sources = list(dict.fromkeys(p[0] for p in pairs))
            ends = list(dict.fromkeys(p[1] for p in pairs))
            whole = len(set(pairs)) == len(sources) * len(ends) == len(pairs)
            bunches = [(sources, ends)] if whole else [([s], [e]) for s, e in pairs]
            for k, (ss, es) in enumerate(bunches):
                nid = self.take(aif if isinstance(aif, str) and not k else None, "a rephrase")
                self.nodes.append((nid, DEFAULT_SCHEME["MA"], "MA"))
                self.edges.extend((node_of[s], nid) for s in ss)
                self.edges.extend((nid, node_of[e]) for e in es)

    def write_speakers(self, claims: list[tuple[str, dict[str, Any]]], node_of: dict[str, str]
                       ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        people: dict[str, str] = {}
        locutions: list[dict[str, Any]] = []
        participants: list[dict[str, Any]] = []
        for c, attrs in claims:
            speaker = attrs.get("speaker")
            if not isinstance(speaker, str) or not speaker:
                continue
            if speaker not in people:
                people[speaker] = str(len(people) + 1)
                first, _, sur = speaker.partition(" ")
                participants.append({"participantID": people[speaker], "firstname": first,
                                     "surname": sur})
            lid, yid = self.fresh(), self.fresh()
            self.nodes.append((lid, f"{speaker} : {attrs.get('text')}", "L"))
            self.nodes.append((yid, "Asserting", "YA"))
            self.edges.extend([(lid, yid), (yid, node_of[c])])
            locutions.append({"nodeID": lid, "personID": people[speaker]})
        return locutions, participants


_quote: Callable[[str], str] = json.encoder.encode_basestring
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")


def _block(rows: list[Any], indent: str) -> str:
    if not rows:
        return "[]"
    return "[\n" + ",\n".join(f"{indent}  {_encode(r)}" for r in rows) + f"\n{indent}]"


def _claim_meta(cid: str, attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": cid}
    cites = attrs.get("cites") or ()
    several = len(cites) > 1 or any(c.doc is not None or len(c.paras) > 1 for c in cites)
    for key in ("theme", "para", "quote", "note", "by", "ignore"):
        if attrs.get(key) is not None and not (several and key in ("para", "quote")):
            out[key] = attrs[key]
    if several:
        out["cites"] = [{k: v for k, v in (("doc", c.doc), ("para", list(c.paras)),
                                           ("quote", c.quote)) if v}
                        for c in cites]
    if attrs.get("tags"):
        out["tags"] = list(attrs["tags"])
    if attrs.get("weight", 0.5) != 0.5:
        out["weight"] = attrs["weight"]
    if attrs.get("given"):
        out["given"] = True
    return out


def _argument_meta(aid: str, attrs: dict[str, Any], kind: str, keep_id: bool
                   ) -> dict[str, Any]:
    """The ``argmap`` key's entry for argument ``aid``; ``keep_id`` when the reader would not
    make the same id again (something targets it, or another argument has its parts)."""
    out: dict[str, Any] = {}
    automatic = "+".join(attrs["premises"]) + (
        "--supports--" if kind == "RA" else "--attacks--") + attrs["target"]
    if keep_id or not (attrs.get("auto_id") and aid == automatic):
        out["id"] = aid
        if attrs.get("auto_id"):
            out["auto_id"] = True
    for key in ("title", "note", "ignore"):
        if attrs.get(key) is not None:
            out[key] = attrs[key]
    if attrs.get("weight", 1.0) != 1.0:
        out["weight"] = attrs["weight"]
    if attrs.get("scheme") == DEFAULT_SCHEME[kind]:
        out["scheme"] = attrs["scheme"]  # said so in the map: read back as said
    return out
