"""GraphML: the map's graph, with every field as a typed attribute, for yEd, Gephi and Cytoscape.

GraphML holds the graph's data, not a drawing (the writer works from the map, not from the
view): every claim and every argument is a node, with its id as the node id; every edge of the
map is an edge, with its ``role`` (``premise``, ``support`` or ``attack``), and each restatement
(``rephrases``) is an edge from the claim to the claim it restates with the role ``rephrase``.
Each field is declared once with a ``<key>`` (``attr.name``, ``attr.type`` string, int, double
or boolean) and written only where it has a value:

- every node: ``kind`` (claim, argument), ``label`` (a claim's text, an argument's title),
  ``note``, ``weight``, ``aif``, ``line`` and ``col`` (where it was written), ``ignore``
  (the silenced warnings, as a JSON object), and the evaluation: ``grounded`` (IN, OUT or
  UNDEC: the grounded labelling) and ``strength`` (DF-QuAD);
- claims: ``text``, ``thesis``, ``theme`` and ``theme_label``, ``tags`` (joined by ", "),
  ``para``, ``quote``, ``given``, ``by``, ``speaker``;
- arguments: ``relation`` (support, attack), ``undercut`` (it attacks an argument),
  ``target``, ``premises`` (in order, joined by spaces), ``title``, ``scheme``, ``auto_id``;
- the graph: ``title``, ``thesis``, ``note``, ``themes`` (a JSON object of id to label),
  ``source_title``, ``source_author``, ... (one per field of the map's source) and
  ``strength_converged`` (False when DF-QuAD stopped before it settled, on a cyclic map).

yEd reads it as it is (File > Open) and shows bare nodes: Edit > Properties Mapper maps
``label`` to the node's text, ``kind`` or ``relation`` to a shape or colour; then Layout >
Hierarchical. Gephi shows ``label`` as the node label by itself. No ``y:ShapeNode`` markup is
written: GraphML readers other than yEd ignore it. Text is escaped (``&``, ``<``, ``>``,
quotes, a carriage return as ``&#13;`` so it survives), and characters XML 1.0 cannot hold
(control characters other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF) are
left out; the loader refuses those in a map, so only a map built in Python can have them.

Node ids are the map's ids. ``+`` (in automatic argument ids such as ``a+b--supports--t``) is
not allowed in the XML Schema's NMTOKEN type that GraphML's schema gives ids; yEd, Gephi,
Cytoscape and networkx read such ids as they are.

>>> from argmap import loads
>>> m = loads("thesis: t\\nclaims: {t: Tea & cake., w: Warm.}\\n"
...           "arguments: [{supports: t, premises: [w]}]")
>>> text = write(m).data
>>> print(text.splitlines()[1])
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns \
http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
>>> [line.strip() for line in text.splitlines() if "Tea" in line]
['<data key="n_label">Tea &amp; cake.</data>', '<data key="n_text">Tea &amp; cake.</data>']
>>> import io, networkx as nx
>>> g = nx.read_graphml(io.StringIO(text))
>>> g.nodes["t"]["kind"], g.nodes["t"]["grounded"], g.nodes["w--supports--t"]["relation"]
('claim', 'IN', 'support')
>>> sorted(g.edges(data="role"))
[('w', 'w--supports--t', 'premise'), ('w--supports--t', 't', 'support')]
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import ARGUMENT, CLAIM, ArgumentMap
from . import Written

__all__ = ["write", "NODE_KEYS", "EDGE_KEYS"]

# (attribute name, GraphML type), in the order written
NODE_KEYS: tuple[tuple[str, str], ...] = (
    ("kind", "string"), ("label", "string"), ("text", "string"), ("thesis", "boolean"),
    ("theme", "string"), ("theme_label", "string"), ("tags", "string"), ("para", "int"),
    ("quote", "string"), ("given", "boolean"), ("by", "string"), ("speaker", "string"),
    ("relation", "string"), ("undercut", "boolean"), ("target", "string"),
    ("premises", "string"), ("title", "string"), ("scheme", "string"), ("auto_id", "boolean"),
    ("weight", "double"), ("note", "string"), ("aif", "string"), ("ignore", "string"),
    ("line", "int"), ("col", "int"), ("grounded", "string"), ("strength", "double"),
)
EDGE_KEYS: tuple[tuple[str, str], ...] = (("role", "string"), ("aif", "string"))

_NS = ('xmlns="http://graphml.graphdrawing.org/xmlns" '
       'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
       'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
       'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"')
# what XML 1.0 cannot hold at all (outside its Char production), and what is escaped
_NOT_XML = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_TEXT = re.compile(f"[&<>\r]|{_NOT_XML}")
_ATTR = re.compile(f"[&<>\r\"'\n\t]|{_NOT_XML}")
_CODES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", '"': "&quot;", "'": "&apos;",
          "\n": "&#10;", "\t": "&#9;"}


def _code(m: re.Match[str]) -> str:
    return _CODES.get(m.group(), "")


def _esc(text: str, attr: bool = True) -> str:
    r"""``text`` safe inside a quoted attribute (``attr``) or as character data: markup
    escaped, a carriage return written ``&#13;`` (an XML parser would turn a raw one into a line
    feed), and in an attribute quotes, tabs and line feeds too; what XML cannot hold is left out.

    >>> _esc('a < b & "c"\r\n\x00e'), _esc('a < b & "c"\r\n\x00e', attr=False)
    ('a &lt; b &amp; &quot;c&quot;&#13;&#10;e', 'a &lt; b &amp; "c"&#13;\ne')
    """
    return (_ATTR if attr else _TEXT).sub(_code, text)


def _value(value: Any, kind: str) -> str:
    if kind == "string":
        return _esc(str(value), attr=False)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(int(value))


def _node_data(amap: ArgumentMap, n: str, attrs: dict[str, Any],
               labels: dict[str, str], strengths: dict[str, float]) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": attrs["kind"]}
    g = amap.graph
    if attrs["kind"] == CLAIM:
        d.update(label=attrs.get("text"), text=attrs.get("text"), thesis=n == amap.thesis,
                 theme=attrs.get("theme"), theme_label=amap.theme_label(attrs.get("theme")),
                 tags=", ".join(attrs.get("tags") or ()), para=attrs.get("para"),
                 quote=attrs.get("quote"), given=bool(attrs.get("given")), by=attrs.get("by"),
                 speaker=attrs.get("speaker"))
    else:
        target = attrs["target"]
        d.update(label=attrs.get("title"), relation=attrs["relation"],
                 undercut=attrs["relation"] == "attack" and target in g
                 and g.nodes[target].get("kind") == ARGUMENT,
                 target=target, premises=" ".join(attrs["premises"]), title=attrs.get("title"),
                 scheme=attrs.get("scheme"), auto_id=bool(attrs.get("auto_id")))
    pos = attrs.get("pos")
    d.update(weight=attrs.get("weight"), note=attrs.get("note"), aif=attrs.get("aif"),
             ignore=json.dumps(attrs["ignore"], ensure_ascii=False) if attrs.get("ignore")
             else None,
             line=pos.line if pos is not None else None, col=pos.col if pos is not None else None,
             grounded=labels.get(n), strength=strengths.get(n))
    if d["strength"] is not None:
        d["strength"] = round(d["strength"], 6)
    return {k: v for k, v in d.items() if v is not None and v != ""}


def write(amap: ArgumentMap) -> Written:
    """The map as a GraphML document (text), with the evaluation (grounded label, DF-QuAD
    strength) of each node. GraphML holds every field of the map, so nothing is reported
    lost (a source position keeps its line and column, not its file)."""
    from .. import semantics

    labels = semantics.grounded(amap)
    found = semantics.dfquad(amap)
    g = amap.graph
    nodes = [(n, _node_data(amap, n, attrs, labels, found.values))
             for n, attrs in g.nodes(data=True)]
    edges: list[tuple[str, str, dict[str, Any]]] = [
        (u, v, {"role": r}) for u, v, r in g.edges(data="role")]
    edges += [(c, of, {"role": "rephrase", "aif": aif} if aif else {"role": "rephrase"})
              for c, of, aif in amap.rephrases]
    graph: dict[str, Any] = {"title": amap.title, "thesis": amap.thesis, "note": amap.note,
                             "themes": json.dumps(amap.themes, ensure_ascii=False)
                             if amap.themes else None}
    graph.update({f"source_{k}": v for k, v in amap.source.items()})
    graph["strength_converged"] = found.converged
    graph = {k: v for k, v in graph.items() if v is not None and v != ""}

    used_node = {k for _, d in nodes for k in d}
    used_edge = {k for _, _, d in edges for k in d}
    node_keys = [(k, t) for k, t in NODE_KEYS if k in used_node]
    edge_keys = [(k, t) for k, t in EDGE_KEYS if k in used_edge]
    graph_keys = [(k, "boolean" if k == "strength_converged" else "string") for k in graph]
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f"<graphml {_NS}>"]
    for prefix, target, keys in (("g", "graph", graph_keys), ("n", "node", node_keys),
                                 ("e", "edge", edge_keys)):
        out.extend(f'  <key id="{_esc(f"{prefix}_{k}")}" for="{target}" attr.name="{_esc(k)}" '
                   f'attr.type="{t}"/>' for k, t in keys)
    # each key's opening tag and type, made once
    tags = {prefix: {k: (f'<data key="{_esc(f"{prefix}_{k}")}">', t) for k, t in keys}
            for prefix, keys in (("g", graph_keys), ("n", node_keys), ("e", edge_keys))}

    def data(prefix: str, d: dict[str, Any], indent: str) -> list[str]:
        known = tags[prefix]
        return [f"{indent}{known[k][0]}{_value(v, known[k][1])}</data>" for k, v in d.items()]

    out.append('  <graph id="argmap" edgedefault="directed">')
    out.extend(data("g", graph, "    "))
    for n, d in nodes:
        out.append(f'    <node id="{_esc(n)}">')
        out.extend(data("n", d, "      "))
        out.append("    </node>")
    for u, v, d in edges:
        out.append(f'    <edge source="{_esc(u)}" target="{_esc(v)}">')
        out.extend(data("e", d, "      "))
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return Written("\n".join(out), [])
