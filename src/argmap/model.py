"""ArgumentMap: one networkx DiGraph in the AIF shape, plus typed accessors. No I/O here.

Nodes are claims (``kind="claim"``, AIF I-nodes) and arguments (``kind="argument"``, AIF RA/CA
nodes). Edges run premise -> argument (``role="premise"``) and argument -> target
(``role="support"`` or ``role="attack"``). A target may be a claim or another argument: attacking
an argument is an undercut, so undercuts of undercuts need no special case.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx

from .errors import UnknownIdError

__all__ = ["ArgumentMap", "Cite", "Position", "Relations", "CLAIM", "ARGUMENT", "SUPPORT", "ATTACK",
           "PREMISE"]

CLAIM = "claim"
ARGUMENT = "argument"
SUPPORT = "support"
ATTACK = "attack"
PREMISE = "premise"


class Position(NamedTuple):
    """Where something was written: file, 1-based line and column, and for a map read from
    another tool's format, the foreign element it came from (``"node 12"``, ``"T3"``).

    >>> str(Position("m.yaml", 3, 5)), str(Position("a.json", None, None, "node 12"))
    ('m.yaml:3:5', 'a.json (node 12)')
    """

    file: str | None
    line: int | None
    col: int | None
    element: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file or "<map>", self.line, self.col)
                         if p is not None)
        return f"{where} ({self.element})" if self.element else where


class Cite(NamedTuple):
    """One place a claim cites: the document (None: the map's ``source``), the paragraphs cited
    (none, one or several) and a verbatim quote (or None), with where the citation is written.

    A claim's ``cites`` attribute holds them in the order written; its ``para`` and ``quote``
    attributes are the first paragraph and the first quote, for the views that show one.

    >>> Cite(None, (2, 4), "a quote").paras
    (2, 4)
    """

    doc: str | None
    paras: tuple[int, ...]
    quote: str | None
    at: Position | None = None
    place: int = 0  # which mapping of a claim's ``source`` list it is written in


class Relations(NamedTuple):
    """Plain-dict adjacency of a map (see :meth:`ArgumentMap.relations`)."""

    premises: dict[str, tuple[str, ...]]  # argument -> its premises
    supporters: dict[str, list[str]]  # claim or argument -> the arguments that support it
    attackers: dict[str, list[str]]  # claim or argument -> the arguments that attack it


@dataclass
class ArgumentMap:
    """An argument map: metadata plus a :class:`networkx.DiGraph`.

    >>> m = ArgumentMap(title="Tea")
    >>> m.add_claim("tea", "Drink tea.")
    >>> m.add_claim("warm", "Tea is warm.")
    >>> m.add_argument("a1", "support", "tea", ["warm"])
    >>> m.supporters("tea"), m.premises("a1"), m.roots()
    (['a1'], ['warm'], ['tea'])
    """

    title: str | None = None
    source: dict[str, Any] = field(default_factory=dict)
    thesis: str | None = None
    themes: dict[str, str] = field(default_factory=dict)
    path: str | None = None
    note: str | None = None
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)
    #: (claim, the claim it restates, AIF MA node id or None): restatements, not inferences
    rephrases: list[tuple[str, str, str | None]] = field(default_factory=list)
    #: the documents a claim names with ``doc``: id -> the same keys as ``source``
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: where each document's keys are written: (doc id or None for ``source``, key) -> position
    source_pos: dict[tuple[str | None, str], Position] = field(default_factory=dict)

    # -- building -------------------------------------------------------------------------------
    def add_claim(self, id: str, text: str, **attrs: Any) -> None:
        """Add a claim. Keywords: theme, tags, para, quote, note, weight (0.5), given, pos,
        ``by`` (``"analyst"`` for the analyst's own claim, which no source states; default None)
        and ``ignore`` (a dict of warning code -> the reason to silence it for this claim)."""
        self.add_claims([(id, text, attrs)])

    def add_claims(self, rows: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """Add many claims at once: ``(id, text, keywords of add_claim)`` rows."""
        # The attributes are _claim_attrs's, copied from its defaults rather than bound as
        # keywords: most of the time of a big map.
        defaults = CLAIM_DEFAULTS
        known = CLAIM_KEYWORDS
        made: list[tuple[str, dict[str, Any]]] = []
        for cid, text, kw in rows:
            if kw.keys() <= known:
                attrs = defaults.copy()
                attrs["text"] = text
                attrs.update(kw)
                if "tags" in kw:
                    attrs["tags"] = tuple(kw["tags"])
                if "cites" in kw or "para" in kw or "quote" in kw:
                    _cites(attrs)
            else:
                attrs = _claim_attrs(text, **kw)  # the TypeError of a keyword it does not take
            made.append((cid, attrs))
        add_nodes(self.graph, made)

    def add_argument(self, id: str, relation: str, target: str, premises: Iterable[str],
                     **attrs: Any) -> None:
        """Add an inference from ``premises`` (linked: they hold together) to ``target``.

        Keywords: title, scheme, weight (1.0), note, pos, and ``auto_id``, which marks an id
        that argmap made up (the map gave none) and that displays may leave out. ``target``
        and every premise must be nodes of the graph by the time the map is used.
        """
        self.add_arguments([(id, relation, target, premises, attrs)])

    def add_arguments(self, rows: Iterable[tuple[str, str, str, Iterable[str], dict[str, Any]]]
                      ) -> None:
        """Add many arguments at once: ``(id, relation, target, premises, keywords)`` rows.

        All the nodes go in before any edge, so an argument may target one added later in the
        same call, and the graph keeps the order of the rows.
        """
        made: list[tuple[str, dict[str, Any]]] = []
        defaults = ARGUMENT_DEFAULTS  # copied, as in add_claims
        known = ARGUMENT_KEYWORDS
        for aid, relation, target, premises, kw in rows:
            if relation not in (SUPPORT, ATTACK):
                raise ValueError(f"relation must be {SUPPORT!r} or {ATTACK!r}, not {relation!r}")
            premises = tuple(premises)
            if kw.keys() <= known:
                attrs = defaults.copy()
                attrs["relation"], attrs["target"], attrs["premises"] = relation, target, premises
                attrs.update(kw)
            else:
                attrs = _argument_attrs(relation, target, premises, **kw)  # its TypeError
            made.append((aid, attrs))
        add_nodes(self.graph, made)
        add_argument_edges(self.graph, made)

    def restricted(self, ids: Iterable[str]) -> ArgumentMap:
        """A new map with only the given claims and arguments (a copy; this map is unchanged).

        An argument stays only if its target stays and at least one premise does; it keeps the
        premises that stay. The thesis stays the thesis if it is kept.

        >>> m = ArgumentMap(thesis="t")
        >>> for c in "tab":
        ...     m.add_claim(c, c.upper() + ".")
        >>> m.add_argument("x", "support", "t", ["a", "b"])
        >>> sub = m.restricted({"t", "a", "x"})
        >>> sub.premises("x"), sorted(sub.claims())
        (['a'], ['a', 't'])
        """
        keep = set(ids)
        out = ArgumentMap(title=self.title, source=dict(self.source), themes=dict(self.themes),
                          thesis=self.thesis if self.thesis in keep else None, path=self.path,
                          note=self.note)
        out.rephrases = [r for r in self.rephrases if r[0] in keep and r[1] in keep]
        g = self.graph
        for n, attrs in g.nodes(data=True):
            if n in keep and attrs["kind"] == CLAIM:
                out.graph.add_node(n, **attrs)
        arguments = [a for a in self.arguments() if a in keep]
        changed = True
        while changed:  # an argument aimed at a dropped argument goes too
            changed = False
            for a in list(arguments):
                attrs = g.nodes[a]
                target_ok = attrs["target"] in out.graph or attrs["target"] in arguments
                if not target_ok or not any(p in out.graph for p in attrs["premises"]):
                    arguments.remove(a)
                    changed = True
        for a in arguments:
            out.graph.add_node(a)
        for a in arguments:
            attrs = dict(g.nodes[a])
            premises = [p for p in attrs.pop("premises") if p in out.graph]
            del attrs["kind"]
            out.add_argument(a, attrs.pop("relation"), attrs.pop("target"), premises, **attrs)
        return out

    # -- reading --------------------------------------------------------------------------------
    def __contains__(self, id: object) -> bool:
        return id in self.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def node(self, id: str) -> dict[str, Any]:
        """The attributes of a claim or argument; unknown ids raise :class:`UnknownIdError`."""
        try:
            return self.graph.nodes[id]
        except KeyError:
            raise UnknownIdError(self.unknown_id_message(id)) from None

    def unknown_id_message(self, id: str, kind: str = "claim or argument") -> str:
        candidates = list(self.graph.nodes) if kind != CLAIM else list(self.claims())
        close = difflib.get_close_matches(id, candidates, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"no {kind} {id!r}{hint}"

    def kind(self, id: str) -> str:
        return self.node(id)["kind"]

    def is_claim(self, id: str) -> bool:
        return self.node(id).get("kind") == CLAIM

    def is_argument(self, id: str) -> bool:
        return self.node(id).get("kind") == ARGUMENT

    def claims(self) -> Iterator[str]:
        """Claim ids in the order they were written."""
        return (n for n, attrs in self.graph._node.items() if attrs.get("kind") == CLAIM)

    def arguments(self) -> Iterator[str]:
        """Argument ids in the order they were written."""
        return (n for n, attrs in self.graph._node.items() if attrs.get("kind") == ARGUMENT)

    def node_attrs(self) -> Mapping[str, dict[str, Any]]:
        """Every node's attributes by id, in the order written: networkx's own dict, to read and
        never to change (``graph.nodes[id]`` is a Python call each; this is a plain lookup)."""
        return self.graph._node

    def adjacency(self) -> tuple[Mapping[str, Mapping[str, dict[str, Any]]],
                                 Mapping[str, Mapping[str, dict[str, Any]]]]:
        """The graph's successors and predecessors, node -> neighbour -> edge attributes: what
        ``graph.succ`` and ``graph.pred`` show, as networkx's own dicts, to read and never to
        change (the views make an object at each look; the fast way to walk a big map)."""
        return self.graph._succ, self.graph._pred

    def text(self, id: str) -> str:
        return self.node(id).get("text") or ""

    def premises(self, argument: str) -> list[str]:
        return list(self.node(argument)["premises"])

    def target(self, argument: str) -> str:
        return self.node(argument)["target"]

    def relation(self, argument: str) -> str:
        return self.node(argument)["relation"]

    def is_undercut(self, argument: str) -> bool:
        """True when the argument attacks another argument (denies an inference)."""
        return self.relation(argument) == ATTACK and self.is_argument(self.target(argument))

    def _incoming(self, id: str, role: str) -> list[str]:
        self.node(id)
        return [a for a, r in self.graph.pred[id].items() if r["role"] == role]

    def supporters(self, id: str) -> list[str]:
        """Arguments that support ``id``, in the order written."""
        return self._incoming(id, SUPPORT)

    def attackers(self, id: str) -> list[str]:
        """Arguments that attack ``id`` (objections to a claim, undercuts of an argument)."""
        return self._incoming(id, ATTACK)

    def used_in(self, claim: str) -> list[str]:
        """Arguments in which ``claim`` is a premise."""
        self.node(claim)
        return list(self.graph.succ[claim])

    def relations(self) -> Relations:
        """The map's relations as plain dicts, read from the graph in one pass: the fast way for
        an algorithm to walk a big map (networkx's views cost a lookup per step)."""
        premises: dict[str, tuple[str, ...]] = {}
        supporters: dict[str, list[str]] = {}
        attackers: dict[str, list[str]] = {}
        for a, attrs in self.graph._node.items():
            if attrs["kind"] == ARGUMENT:
                premises[a] = attrs["premises"]
                incoming = supporters if attrs["relation"] == SUPPORT else attackers
                incoming.setdefault(attrs["target"], []).append(a)
        return Relations(premises, supporters, attackers)

    def roots(self) -> list[str]:
        """The thesis if there is one, else every claim that is a premise of nothing.

        Claims that no root reaches (a part of the map where every claim is a premise of
        another, such as two claims attacking each other) add their first claim, in the order
        written, as a root of their own (or, for arguments that only undercut each other, their
        first argument): without a thesis, every claim is under some root.

        >>> m = ArgumentMap()
        >>> for c in "wabc":
        ...     m.add_claim(c, c.upper() + ".")
        >>> m.add_argument("ab", "attack", "a", ["b"])
        >>> m.add_argument("ba", "attack", "b", ["a"])
        >>> m.add_argument("wa", "attack", "a", ["w"])
        >>> m.roots()  # c stands alone; a and b attack each other, and w attacks a
        ['c', 'a']
        """
        if self.thesis is not None:
            return [self.thesis]
        g = self.graph
        succ = g._succ
        tops = [c for c in self.claims() if not succ[c]]
        seen = self.below(tops)
        if len(seen) < len(g):
            # what is left only points into itself: each of its sink components (strongly
            # connected parts that bear on nothing outside) is topped by its first claim
            rest = g.subgraph(n for n in g if n not in seen)
            order = {n: i for i, n in enumerate(g)}
            firsts = []
            for part in nx.strongly_connected_components(rest):
                if not any(m not in part for n in part for m in rest.succ[n]):
                    claims = [n for n in part if g.nodes[n]["kind"] == CLAIM]
                    firsts.append(min(claims or part, key=order.__getitem__))
            tops.extend(sorted(firsts, key=order.__getitem__))
        return tops

    def below(self, tops: Iterable[str], seen: set[str] | None = None) -> set[str]:
        """Every node under ``tops`` (themselves included): the arguments into them, their
        premises, and so on; cycles are walked once.

        >>> m = ArgumentMap()
        >>> for c in "tab":
        ...     m.add_claim(c, c.upper() + ".")
        >>> m.add_argument("x", "support", "t", ["a"])
        >>> sorted(m.below(["t"]))
        ['a', 't', 'x']
        """
        pred = self.graph._pred  # networkx's own dict: graph.pred makes a view at each look
        seen = set() if seen is None else seen
        stack = list(tops)
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack.extend(pred[n])  # arguments into a claim, premises into an argument
        return seen

    def position(self, id: str) -> Position | None:
        return self.node(id).get("pos")

    def theme_label(self, theme: str | None) -> str | None:
        if theme is None:
            return None
        return self.themes.get(theme, theme)


def add_nodes(g: nx.DiGraph, items: list[tuple[str, dict[str, Any]]]) -> None:
    """Add ``(id, attributes)`` nodes to ``g``: what ``g.add_nodes_from(ids)`` and then
    ``g.nodes[id].update(attributes)`` do, in one pass over networkx's own dicts.

    A new node takes the given dict itself as its attributes (callers hand over fresh ones); a
    node already in the graph has its attributes updated. networkx's way costs an exception,
    two copies and a view per node: most of the time of a big map's build.
    """
    if type(g) is not nx.DiGraph:  # a subclass may make its dicts otherwise: its own methods
        g.add_nodes_from([n for n, _ in items])
        for n, attrs in items:
            g.nodes[n].update(attrs)
        return
    node, succ, pred = g._node, g._succ, g._pred
    for n, attrs in items:
        old = node.get(n)
        if old is not None:
            old.update(attrs)
            continue
        if n is None:
            raise ValueError("None cannot be a node")
        succ[n] = {}
        pred[n] = {}
        node[n] = attrs
    nx._clear_cache(g)


def add_argument_edges(g: nx.DiGraph, items: list[tuple[str, dict[str, Any]]]) -> None:
    """Add the edges of arguments already in ``g`` as nodes: premise -> argument
    (``role="premise"``) and argument -> target (``role`` its relation), argument by argument,
    as ``g.add_edges_from`` would (a missing end becomes a bare node; an edge already there
    gets its role updated), in one pass over networkx's own dicts."""
    if type(g) is not nx.DiGraph:
        edges: list[tuple[str, str, dict[str, str]]] = []
        for aid, attrs in items:
            edges += [(p, aid, {"role": PREMISE}) for p in attrs["premises"]]
            edges.append((aid, attrs["target"], {"role": attrs["relation"]}))
        g.add_edges_from(edges)
        return
    node, succ, pred = g._node, g._succ, g._pred
    for aid, attrs in items:
        into, out = pred[aid], succ[aid]
        for p in attrs["premises"]:
            from_p = succ.get(p)
            if from_p is None:
                if p is None:
                    raise ValueError("None cannot be a node")
                from_p = succ[p] = {}
                pred[p] = {}
                node[p] = {}
            d = from_p.get(aid)
            if d is None:
                d = {"role": PREMISE}
            else:
                d["role"] = PREMISE
            from_p[aid] = d
            into[p] = d
        target = attrs["target"]
        into_t = pred.get(target)
        if into_t is None:
            if target is None:
                raise ValueError("None cannot be a node")
            succ[target] = {}
            into_t = pred[target] = {}
            node[target] = {}
        d = out.get(target)
        if d is None:
            d = {"role": attrs["relation"]}
        else:
            d["role"] = attrs["relation"]
        out[target] = d
        into_t[aid] = d
    nx._clear_cache(g)


def graph_dicts(g: nx.DiGraph) -> tuple[dict[str, dict[str, Any]],
                                         dict[str, dict[str, dict[str, Any]]],
                                         dict[str, dict[str, dict[str, Any]]]]:
    """networkx's own dicts of a plain DiGraph: node -> attributes, node -> successor -> edge
    attributes, node -> predecessor -> edge attributes (the same edge dict in both).

    For the build step, which fills a new map's graph through them in one pass, as
    :func:`add_nodes` and :func:`add_argument_edges` do; call :func:`nx_clear_cache` after.
    """
    if type(g) is not nx.DiGraph:
        raise TypeError(f"a plain networkx.DiGraph is needed, not {type(g).__name__}")
    return g._node, g._succ, g._pred


def nx_clear_cache(g: nx.DiGraph) -> None:
    """What networkx does after each change: forget the graph's cached conversions."""
    nx._clear_cache(g)


def unplace(g: nx.DiGraph, argument: str) -> None:
    """Take an argument put in by way of :func:`graph_dicts` out again: its node, the edges from
    its premises and to its target (edges into it go with it)."""
    node, succ, pred = graph_dicts(g)
    attrs = node.pop(argument)
    for p in attrs["premises"]:
        del succ[p][argument]
    del succ[argument]
    del pred[argument]
    into_target = pred.get(attrs["target"])
    if into_target is not None:
        into_target.pop(argument, None)


def _claim_attrs(text: str, *, theme: str | None = None, tags: Iterable[str] = (),
                 para: int | None = None, quote: str | None = None, note: str | None = None,
                 weight: float = 0.5, given: bool = False, pos: Position | None = None,
                 by: str | None = None, ignore: dict[str, str] | None = None,
                 speaker: str | None = None, aif: str | None = None,
                 cites: Iterable[Cite] = ()) -> dict[str, Any]:
    attrs = {"kind": CLAIM, "text": text, "theme": theme, "tags": tuple(tags), "para": para,
             "quote": quote, "note": note, "weight": weight, "given": given, "pos": pos,
             "by": by, "ignore": ignore, "speaker": speaker, "aif": aif, "cites": tuple(cites)}
    if cites or para is not None or quote is not None:
        _cites(attrs)
    return attrs


def _cites(attrs: dict[str, Any]) -> None:
    """Make ``cites`` and ``para``/``quote`` agree: the citations given win; a claim given only a
    paragraph or a quote (as most readers give) cites that, in the map's source."""
    cites = tuple(attrs.get("cites") or ())
    if not cites:
        if attrs.get("para") is None and attrs.get("quote") is None:
            attrs["cites"] = ()
            return
        para = attrs.get("para")
        cites = (Cite(None, () if para is None else (para,), attrs.get("quote")),)
    attrs["cites"] = cites
    attrs["para"] = next((c.paras[0] for c in cites if c.paras), None)
    attrs["quote"] = next((c.quote for c in cites if c.quote), None)


def _argument_attrs(relation: str, target: str, premises: tuple[str, ...], *,
                    title: str | None = None, scheme: str | None = None, weight: float = 1.0,
                    note: str | None = None, pos: Position | None = None, auto_id: bool = False,
                    ignore: dict[str, str] | None = None, aif: str | None = None
                    ) -> dict[str, Any]:
    return {"kind": ARGUMENT, "relation": relation, "target": target, "premises": premises,
            "title": title, "scheme": scheme, "weight": weight, "note": note, "pos": pos,
            "auto_id": auto_id, "ignore": ignore, "aif": aif}


#: what a claim's and an argument's attributes are when nothing is given, in their order
CLAIM_DEFAULTS = _claim_attrs("")
ARGUMENT_DEFAULTS = _argument_attrs(SUPPORT, "", ())
#: the keywords of add_claim and add_argument
CLAIM_KEYWORDS = frozenset(CLAIM_DEFAULTS) - {"kind", "text"}
ARGUMENT_KEYWORDS = frozenset(ARGUMENT_DEFAULTS) - {"kind", "relation", "target", "premises"}
