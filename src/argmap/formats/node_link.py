"""node-link JSON: the map's graph in networkx's node-link shape (documented in docs/format.md).

The same document as ``argmap export -o map.json``: ``directed``, ``title``, ``source``,
``thesis``, ``themes``, ``nodes`` (each claim and argument with its id and fields; a source
position as ``line`` and ``col``) and ``links`` (``source``, ``target``, ``role``). A map with
restatements adds ``rephrases`` (``[{"claim": ..., "of": ..., "aif": ...}]``, the shape of the
YAML key), and a map with a note adds ``note``; a map without them gives exactly the export's
document.

>>> from argmap import loads
>>> m = loads("claims: {a: A., b: B.}\\narguments: [{attacks: a, premises: [b]}]\\n"
...           "rephrases: [{claim: b, of: a}]")
>>> d = data(m)
>>> [(link["source"], link["role"], link["target"]) for link in d["links"]]
[('b', 'premise', 'b--attacks--a'), ('b--attacks--a', 'attack', 'a')]
>>> d["rephrases"]
[{'claim': 'b', 'of': 'a'}]
>>> import json
>>> json.loads(write(m).data) == d
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..model import ArgumentMap
from . import Written

__all__ = ["data", "write"]


def data(amap: ArgumentMap, nodes: Iterable[str] | None = None) -> dict[str, Any]:
    """The JSON-ready node-link document of the map (or of the part ``nodes``): the export's
    (:func:`argmap.render.graphviz.node_link`), with the rephrases between kept claims and the
    map's note where there are any."""
    from ..render.graphviz import node_link

    keep = None if nodes is None else set(nodes)
    out = node_link(amap, keep)
    rephrases = [{"claim": c, "of": of, **({"aif": aif} if aif is not None else {})}
                 for c, of, aif in amap.rephrases
                 if keep is None or (c in keep and of in keep)]
    if rephrases:
        out["rephrases"] = rephrases
    if amap.note:
        out["note"] = amap.note
    return out


def write(amap: ArgumentMap) -> Written:
    """The map as node-link JSON text (indented, UTF-8 characters as they are), byte for byte
    what ``argmap export -o map.json`` writes for a map without rephrases or a note. It holds
    every field, so nothing is reported lost."""
    return Written(json.dumps(data(amap), indent=2, ensure_ascii=False), [])
