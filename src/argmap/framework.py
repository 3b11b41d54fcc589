"""The compact index the semantics walk: a map (or a plain Dung framework) as integer ids and
flat adjacency lists, built once per map.

The networkx graph stays the map's public face; a :class:`Framework` is what an algorithm
that visits every node wants instead (a list index per step, where the graph costs a lookup
through its views and an attribute dictionary per step). ``Framework.from_map`` builds it from
the graph once and keeps it with the graph; ``Framework.from_attacks`` builds the same index
from a plain list of attacks, so argmap evaluates an abstract argumentation framework without
an :class:`~argmap.model.ArgumentMap` at all.
"""

from __future__ import annotations

import difflib
import weakref
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import chain, compress
from typing import Any

from .errors import ArgmapError, UnknownIdError
from .model import ARGUMENT, ATTACK, ArgumentMap

__all__ = ["Framework", "PREMISE_OF", "ATTACKS", "SUPPORTS"]

# How a node bears on the nodes in its ``out`` list (``Framework.role``).
PREMISE_OF, ATTACKS, SUPPORTS = 0, 1, 2

_EMPTY: tuple[int, ...] = ()


class Framework:
    """Claims and arguments numbered 0..n-1 (in the order written), with their relations as
    lists indexed by number. Read it; never change its lists.

    * ``names[i]``: the id of node ``i``; ``ids``: id -> number;
    * ``is_argument[i]``; ``target[i]``: an argument's target (supports aimed at arguments
      included), -1 for a claim;
    * inputs, what a node's label and strength depend on: ``premises[i]`` (an argument's
      premises; a claim: none), ``supporters[i]`` (the arguments supporting a claim; a support
      aimed at an argument changes nothing about it and is not listed) and ``attackers[i]``;
    * outputs, the same relations the other way round: ``out[i]`` lists every node whose inputs
      list ``i``, and ``role[i]`` says how ``i`` bears on them: :data:`PREMISE_OF` (a claim:
      the arguments it is a premise of), :data:`ATTACKS` or :data:`SUPPORTS`.

    A Dung framework's arguments are claims of the index that attack each other directly (no
    premises, no supporters): the labelling rule of a claim is then exactly Dung's.

    >>> fw = Framework.from_attacks(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> len(fw), fw.ids["b"], fw.attackers[fw.ids["c"]], fw.out[0]
    (3, 1, [1], [1])
    >>> from argmap import loads
    >>> m = loads("claims: {t: T., r: R.}\\narguments: [{id: x, supports: t, premises: [r]}]")
    >>> fw = Framework.from_map(m)
    >>> fw.names, fw.premises[fw.ids["x"]], fw.supporters[fw.ids["t"]], fw.out[fw.ids["r"]]
    (['t', 'r', 'x'], (1,), [2], [2])
    >>> Framework.from_map(m) is fw  # built once per map, while the graph stays the same
    True
    """

    __slots__ = ("names", "_ids", "is_argument", "premises", "out", "role", "target", "_need",
                 "_attackers", "_supporters", "_supported", "_supports_to", "_given", "_weight",
                 "_attrs", "_edges", "_order", "_ordered")

    def __init__(self, names: list[str], ids: dict[str, int] | None = None) -> None:
        n = len(names)
        self.names, self._ids = names, ids
        self.is_argument: list[bool] = [False] * n
        self.premises: list[tuple[int, ...]] = [_EMPTY] * n
        self.out: list[Sequence[int]] = [_EMPTY] * n
        self.role: list[int] = [PREMISE_OF] * n
        self.target: list[int] = [-1] * n
        self._need: list[int] = [0] * n  # premises and attackers, counted
        self._attackers: list[Sequence[int]] | None = None  # None: made from ``out`` if asked
        self._supporters: list[Sequence[int]] | None = None
        self._supported: dict[int, int] | None = None
        self._supports_to: list[int] | None = None  # the claim each support is aimed at
        self._given: list[bool] | None = None  # a Dung framework's (no map to read them from)
        self._weight: list[float] | None = None
        self._attrs: list[dict[str, Any]] | None = None  # a map's node attributes, in order
        self._edges = -1  # a map's number of edges when the index was built
        self._order: list[int] | None = None
        self._ordered = False

    # -- building -------------------------------------------------------------------------------
    @classmethod
    def from_attacks(cls, arguments: Iterable[str],
                     attacks: Iterable[tuple[str, str]]) -> Framework:
        """A Dung framework: ``arguments`` (ids) and ``attacks`` (attacker, attacked) pairs.
        An attack written twice counts once; an argument may attack itself.

        Each argument has base score 0.5 and is not given, so :func:`argmap.semantics.dfquad`
        gives DF-QuAD with that base score.

        >>> from argmap.semantics import grounded
        >>> fw = Framework.from_attacks("abcd", [("a", "b"), ("b", "c"), ("d", "d")])
        >>> grounded(fw)
        {'a': 'IN', 'b': 'OUT', 'c': 'IN', 'd': 'UNDEC'}
        >>> Framework.from_attacks("ab", [("a", "z")])
        Traceback (most recent call last):
          ...
        argmap.errors.UnknownIdError: attack ('a', 'z'): no argument 'z'
        """
        from .loader import no_gc

        with no_gc():  # hundreds of thousands of small objects, none of them cyclic garbage
            return cls._from_attacks(arguments, attacks)

    @classmethod
    def _from_attacks(cls, arguments: Iterable[str],
                      attacks: Iterable[tuple[str, str]]) -> Framework:
        names = list(dict.fromkeys(arguments))
        n = len(names)
        ids = dict(zip(names, range(n), strict=True))
        fw = cls(names, ids)
        pairs = list(dict.fromkeys(attacks))
        try:
            attackers, attacked = zip(*pairs, strict=True) if pairs else ((), ())
        except (TypeError, ValueError):
            raise ArgmapError("attacks must be (attacker, attacked) pairs of argument ids"
                              ) from None
        try:
            sources = list(map(ids.__getitem__, attackers))
            targets = list(map(ids.__getitem__, attacked))
        except KeyError:
            a, b = next((a, b) for a, b in pairs if a not in ids or b not in ids)
            missing = a if a not in ids else b
            raise UnknownIdError(f"attack ({a!r}, {b!r}): no argument {missing!r}") from None
        out: list[Sequence[int]] = [[] for _ in range(n)]
        need = fw._need
        for i, j in zip(sources, targets, strict=True):
            out[i].append(j)  # type: ignore[attr-defined]
            need[j] += 1
        fw.out = out
        fw.role = [ATTACKS] * n
        fw._given = [False] * n
        fw._weight = [0.5] * n
        return fw

    @classmethod
    def from_map(cls, amap: ArgumentMap) -> Framework:
        """The index of ``amap``'s graph, built on first use and kept with the graph.

        It is built again when the graph's nodes (ids and order) or its number of edges have
        changed. A node's ``weight`` and ``given`` are read from the graph on every use (see
        :meth:`weights`, :meth:`given`), so changing them needs no rebuild; an argument's
        ``relation``, ``target`` or ``premises`` changed in place (rather than by adding or
        removing nodes and edges) does: call :meth:`forget` then.
        """
        g = amap.graph
        nodes = _node_attrs(g)
        fw = _CACHE.get(g)
        if fw is not None and len(fw.names) == len(nodes) and fw._edges == _edge_count(g) \
                and fw.names == list(nodes):
            fw._attrs = list(nodes.values())
            return fw
        from .loader import no_gc

        with no_gc():  # hundreds of thousands of small lists, none of them cyclic garbage
            fw = cls._build(nodes)
        fw._edges = _edge_count(g)
        _CACHE[g] = fw
        return fw

    @classmethod
    def forget(cls, amap: ArgumentMap) -> None:
        """Drop the index kept for ``amap``: the next use builds it again from the graph."""
        _CACHE.pop(amap.graph, None)

    @classmethod
    def _build(cls, nodes: dict[str, dict[str, Any]]) -> Framework:
        # Looking ids up is most of the time: done in bulk (map() over whole lists), in a dict of
        # the claims only (premises are claims; most targets too), then one pass over the
        # arguments. A claim's empty ``out`` is the shared empty tuple.
        names = list(nodes)
        n = len(names)
        fw = cls(names)
        attrs = fw._attrs = list(nodes.values())
        is_argument = fw.is_argument = [a["kind"] == ARGUMENT for a in attrs]
        is_claim = [not x for x in is_argument]
        claims = dict(zip(compress(names, is_claim), compress(range(n), is_claim), strict=True))
        args = list(compress(range(n), is_argument))
        arg_attrs = list(compress(attrs, is_argument))
        aimed = [a["target"] for a in arg_attrs]
        targets: list[Any] = list(map(claims.get, aimed))  # None: not a claim
        attack = [a["relation"] == ATTACK for a in arg_attrs]
        written = [a["premises"] for a in arg_attrs]
        try:
            flat = list(map(claims.__getitem__, chain.from_iterable(written)))
        except KeyError as e:  # the loader never makes one (premise-not-claim)
            raise ArgmapError(f"premise {e.args[0]!r} is not a claim: premises must be claims",
                              hint="run `argmap check` on the map") from None
        if None in targets:  # undercuts, supports aimed at arguments: find just those
            wanted = {name for t, name in zip(targets, aimed, strict=True) if t is None}
            found = {name: i for name, i in zip(compress(names, is_argument), args, strict=True)
                     if name in wanted}
            targets = [found[name] if t is None else t
                       for t, name in zip(targets, aimed, strict=True)]
        premises, out, role, target, need = fw.premises, fw.out, fw.role, fw.target, fw._need
        attackers: list[Sequence[int]] = [_EMPTY] * n
        supporters: list[Sequence[int]] = [_EMPTY] * n
        fw._attackers, fw._supporters = attackers, supporters
        supports_to = fw._supports_to = []
        at = 0
        for i, k, t, is_attack in zip(args, map(len, written), targets, attack, strict=True):
            if k == 1:
                p = flat[at]
                pt: tuple[int, ...] = (p,)
                o = out[p]
                if o is _EMPTY:
                    out[p] = [i]
                else:
                    o.append(i)  # type: ignore[attr-defined]
            else:
                pt = tuple(flat[at:at + k])
                for p in pt:
                    o = out[p]
                    if o is _EMPTY:
                        out[p] = [i]
                    else:
                        o.append(i)  # type: ignore[attr-defined]
            at += k
            premises[i] = pt
            target[i] = t
            need[i] += k
            if is_attack:
                role[i] = ATTACKS
                out[i] = (t,)
                need[t] += 1
                o = attackers[t]
                if o is _EMPTY:
                    attackers[t] = [i]
                else:
                    o.append(i)
            else:
                role[i] = SUPPORTS
                if not is_argument[t]:  # a support aimed at an argument changes nothing
                    out[i] = (t,)
                    supports_to.append(t)
                    o = supporters[t]
                    if o is _EMPTY:
                        supporters[t] = [i]
                    else:
                        o.append(i)
        return fw

    # -- reading --------------------------------------------------------------------------------
    @property
    def ids(self) -> dict[str, int]:
        """id -> number."""
        if self._ids is None:
            self._ids = dict(zip(self.names, range(len(self.names)), strict=True))
        return self._ids

    @property
    def attackers(self) -> list[Sequence[int]]:
        """For each node, what attacks it, in order."""
        if self._attackers is None:
            self._invert()
        return self._attackers  # type: ignore[return-value]

    @property
    def supporters(self) -> list[Sequence[int]]:
        """For each claim, the arguments that support it, in order (an argument: none)."""
        if self._supporters is None:
            self._invert()
        return self._supporters  # type: ignore[return-value]

    def _invert(self) -> None:
        n = len(self.names)
        attackers: list[Sequence[int]] = [_EMPTY] * n
        supporters: list[Sequence[int]] = [_EMPTY] * n
        for i, (r, o) in enumerate(zip(self.role, self.out, strict=True)):
            if r == PREMISE_OF:
                continue
            lists = attackers if r == ATTACKS else supporters
            for m in o:
                x = lists[m]
                if x is _EMPTY:
                    lists[m] = [i]
                else:
                    x.append(i)  # type: ignore[attr-defined]
        self._attackers, self._supporters = attackers, supporters

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: object) -> bool:
        return name in self.ids

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def id(self, name: Hashable) -> int:
        """The number of ``name``; an unknown one raises :class:`UnknownIdError` (with a "did
        you mean")."""
        try:
            return self.ids[name]  # type: ignore[index]
        except KeyError:
            close = difflib.get_close_matches(str(name), self.names, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise UnknownIdError(f"no claim or argument {name!r}{hint}") from None

    def kind(self, i: int) -> str:
        return "argument" if self.is_argument[i] else "claim"

    def given(self) -> list[bool]:
        """For each node: is it a claim marked ``given`` (read from the map now)."""
        if self._attrs is None:
            return list(self._given or [False] * len(self.names))
        return [bool(a.get("given")) for a in self._attrs]

    def is_given(self, i: int) -> bool:
        """Is node ``i`` a claim marked ``given`` (read from the map now)."""
        if self._attrs is None:
            return bool(self._given and self._given[i])
        return bool(self._attrs[i].get("given"))

    def weights(self) -> list[float]:
        """For each node: its base score for DF-QuAD (a claim's default 0.5, an argument's 1.0),
        read from the map now."""
        if self._attrs is None:
            return list(self._weight or [0.5] * len(self.names))
        return [float(a.get("weight", 1.0 if arg else 0.5))
                for a, arg in zip(self._attrs, self.is_argument, strict=True)]

    def supported_claims(self) -> dict[int, int]:
        """The claims that some argument supports: claim -> how many do, in order."""
        if self._supported is None:
            if self._supports_to is None:
                self._supports_to = [t for r, o in zip(self.role, self.out, strict=True)
                                     if r == SUPPORTS for t in o]
            self._supported = dict(sorted(Counter(self._supports_to).items()))
        return self._supported

    def _need_base(self) -> list[int]:
        """For each node, counted: its premises and attackers (a new list)."""
        return list(self._need)

    def topological_order(self) -> list[int] | None:
        """Every node after everything its label and strength depend on; None when some of them
        depend on each other in a circle. Computed once."""
        if not self._ordered:
            self.remember_order(_topological(self))
        return self._order

    def order_known(self) -> bool:
        """Is :meth:`topological_order` computed already?"""
        return self._ordered

    def remember_order(self, order: list[int] | None) -> None:
        """Keep ``order`` (found by a caller on the way, by :func:`_topological`'s method) as
        the :meth:`topological_order`."""
        self._order, self._ordered = order, True


def _topological(fw: Framework) -> list[int] | None:
    out = fw.out
    indegree = fw._need_base()  # premises and attackers, and below the supporters
    for i, k in fw.supported_claims().items():
        indegree[i] += k
    order = [i for i, k in enumerate(indegree) if k == 0]
    for n in order:  # grows as it goes: first in, first out
        for m in out[n]:  # one entry per dependency, so the counts match
            k = indegree[m] - 1
            indegree[m] = k
            if k == 0:
                order.append(m)
    return order if len(order) == len(indegree) else None


# The index of each map's graph, while the graph lives (the map itself is not hashable).
_CACHE: weakref.WeakKeyDictionary[Any, Framework] = weakref.WeakKeyDictionary()


def _node_attrs(g: Any) -> dict[str, dict[str, Any]]:
    """networkx's own node -> attributes dict: read directly, a big map is walked 10x faster
    than through ``g.nodes(data=True)``."""
    nodes = getattr(g, "_node", None)
    return nodes if isinstance(nodes, dict) else dict(g.nodes(data=True))


def _edge_count(g: Any) -> int:
    succ = getattr(g, "_succ", None)
    if isinstance(succ, dict):
        return sum(map(len, succ.values()))
    return g.number_of_edges()
