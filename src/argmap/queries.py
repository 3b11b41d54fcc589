"""Questions to ask a map: graph-first pure functions with plain return values.

Every function takes an :class:`~argmap.model.ArgumentMap` first and returns lists and dicts of
ids and plain values, sorted or in the order the map was written; nothing here prints.

The functions share one idea, the **side** of a node: the thesis is on side ``+1``; an argument
that supports a node is on that node's side, one that attacks it on the other side; premises are
on their argument's side. A node reached both ways is on both sides.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from typing import Any

from .errors import ArgmapError
from .model import ARGUMENT, ATTACK, CLAIM, SUPPORT, ArgumentMap, Relations

__all__ = [
    "ROLES",
    "sides",
    "side_sets",
    "roles",
    "list_nodes",
    "is_answered",
    "answers_to",
    "support_tree",
    "objections_to",
    "unanswered_objections",
    "unsupported_claims",
    "chains",
    "map_stats",
    "subset",
]

ROLES = ("thesis", "reason", "objection", "reply", "undercut", "basis premise")


def sides(amap: ArgumentMap, top: Iterable[str] | None = None,
          relations: Relations | None = None) -> dict[str, set[int]]:
    """The side(s) of every node reachable below ``top`` (default: the roots): {+1}, {-1} or both.

    >>> from argmap import loads
    >>> m = loads("thesis: t\\nclaims: {t: T., r: R., o: O., x: X.}\\narguments: ["
    ...           "{supports: t, premises: [r]}, {id: ob, attacks: t, premises: [o]},"
    ...           "{attacks: ob, premises: [x]}]")
    >>> {n: sorted(s) for n, s in sorted(sides(m).items())}
    {'o': [-1], 'ob': [-1], 'r': [1], 'r--supports--t': [1], 't': [1], 'x': [1], 'x--attacks--ob': [1]}
    """
    plus, minus = side_sets(amap, top, relations)
    out: dict[str, set[int]] = {n: {1} for n in plus}
    for n in minus:
        both = out.get(n)
        if both is None:
            out[n] = {-1}
        else:
            both.add(-1)
    return out


def side_sets(amap: ArgumentMap, top: Iterable[str] | None = None,
              relations: Relations | None = None) -> tuple[set[str], set[str]]:
    """The nodes on the side of ``top`` (default: the roots) and those on the other side, as
    two sets (a node reached both ways is in both): :func:`sides`, for a walk that asks only
    "is it on this side?" of many nodes.

    >>> from argmap import loads
    >>> m = loads("thesis: t\\nclaims: {t: T., o: O., x: X.}\\narguments: ["
    ...           "{id: ob, attacks: t, premises: [o]}, {id: re, attacks: ob, premises: [x]}]")
    >>> [sorted(s) for s in side_sets(m)]
    [['re', 't', 'x'], ['o', 'ob']]
    """
    rel = relations or amap.relations()  # callers that already have the index pass it
    # what is on a node's own side: an argument's premises and whatever supports the node
    same: dict[str, tuple[str, ...]] = dict(rel.premises)
    for n, supporters in rel.supporters.items():
        before = same.get(n)
        same[n] = tuple(supporters) if before is None else before + tuple(supporters)
    own, other = same.get, rel.attackers.get  # what attacks a node: the other side
    plus: set[str] = set()
    minus: set[str] = set()
    todo_plus = list(amap.roots() if top is None else top)
    todo_minus: list[str] = []
    while todo_plus or todo_minus:
        for done, stack, across in ((plus, todo_plus, todo_minus),
                                    (minus, todo_minus, todo_plus)):
            while stack:
                n = stack.pop()
                if n in done:
                    continue
                done.add(n)
                mine = own(n)
                if mine:
                    stack.extend(mine)
                theirs = other(n)
                if theirs:
                    across.extend(theirs)
    return plus, minus


def roles(amap: ArgumentMap, side: dict[str, set[int]] | None = None) -> dict[str, list[str]]:
    """The roles each claim and argument plays (see :data:`ROLES`), by id.

    A claim's roles come from the arguments it is a premise of: of a support, a *reason*; of an
    attack on the thesis's side, an *objection*; of an attack on the other side, a *reply*;
    of an attack on an argument, an *undercut*. A premise that nothing supports is also a
    *basis premise*. An argument has the role its premises get from it.

    >>> from argmap import loads
    >>> m = loads("thesis: t\\nclaims: {t: T., r: R., o: O., x: X.}\\narguments: ["
    ...           "{supports: t, premises: [r]}, {id: ob, attacks: t, premises: [o]},"
    ...           "{attacks: o, premises: [x]}]")
    >>> r = roles(m)
    >>> r["t"], r["r"], r["o"], r["x"], r["ob"]
    (['thesis'], ['reason', 'basis premise'], ['objection', 'basis premise'],
     ['reply', 'basis premise'], ['objection'])
    """
    rel = amap.relations()
    if side is None:
        plus, minus = side_sets(amap, None, rel)
    else:
        plus = {n for n, s in side.items() if 1 in s}
        minus = {n for n, s in side.items() if -1 in s}
    return _roles(amap, rel, plus, minus)


_RANK = {r: i for i, r in enumerate(ROLES)}


def _roles(amap: ArgumentMap, rel: Relations, plus: set[str],
           minus: set[str]) -> dict[str, list[str]]:
    """:func:`roles`, from the map's relations and its two sides (see :func:`side_sets`)."""
    nodes, used_in = amap.graph._node, amap.graph._succ
    supporters = rel.supporters
    top = set(amap.roots())
    out: dict[str, list[str]] = {}
    for a, attrs in nodes.items():
        if attrs["kind"] != ARGUMENT:
            continue
        if attrs["relation"] == SUPPORT:
            out[a] = ["reason"]
            continue
        target = attrs["target"]
        if nodes[target]["kind"] == ARGUMENT:
            out[a] = ["undercut"]
        # an attack on a node of the thesis's side is an objection; on the other side, a reply
        elif target in minus and target not in plus:
            out[a] = ["reply"]
        else:
            out[a] = ["objection"]
    rank = _RANK
    for c, attrs in nodes.items():
        if attrs["kind"] != CLAIM:
            continue
        found = ["thesis"] if c in top else []
        used = used_in[c]
        if used:
            for a in used:
                role = out[a][0]
                if role not in found:
                    found.append(role)
            if not supporters.get(c):
                found.append("basis premise")
            if len(found) > 1:
                found.sort(key=rank.__getitem__)
        out[c] = found
    return out


def subset(amap: ArgumentMap, focus: str | None = None, theme: str | None = None,
           depth: int | None = None) -> set[str]:
    """Ids under ``focus`` (its whole case: reasons, objections, undercuts; at most ``depth``
    levels of claims below it; ``depth`` alone counts from the thesis, or the roots) and/or
    the claims of ``theme`` with the arguments about them (whose target is one of them or, for
    an undercut, whose target's target is), their premises, and what answers each attack among
    them, at any depth.

    Used by every command that takes ``--focus``, ``--depth`` or ``--theme``.

    >>> from argmap import loads
    >>> m = loads("claims: {a: A., b: B., c: C.}\\narguments: ["
    ...           "{supports: a, premises: [b]}, {supports: b, premises: [c]}]")
    >>> sorted(subset(m, focus="a")), sorted(subset(m, focus="a", depth=1))
    (['a', 'b', 'b--supports--a', 'c', 'c--supports--b'], ['a', 'b', 'b--supports--a'])
    """
    g = amap.graph
    nodes, pred = g._node, g._pred
    keep_all = set(nodes)
    picked = keep_all
    if focus is not None or depth is not None:
        # breadth first, so every claim is reached at its smallest level: a claim met deep
        # down first and again higher up is still expanded from the higher place
        tops = [focus] if focus is not None else amap.roots()
        for t in tops:
            amap.node(t)
        picked = set(tops)
        frontier = deque((t, 0) for t in tops)
        while frontier:
            nid, level = frontier.popleft()
            if depth is not None and level >= depth and nodes[nid]["kind"] == CLAIM:
                continue
            for arg in pred[nid]:
                if arg in picked:
                    continue
                attrs = nodes[arg]
                if attrs["kind"] != ARGUMENT:
                    continue
                picked.add(arg)
                frontier.appendleft((arg, level))  # an argument is on its target's level
                for p in attrs["premises"]:
                    if p not in picked:
                        picked.add(p)
                        frontier.append((p, level + 1))
    if theme is not None:
        if theme not in amap.themes and all(a.get("theme") != theme for a in nodes.values()
                                            if a["kind"] == CLAIM):
            from .errors import UnknownIdError

            raise UnknownIdError(f"no theme {theme!r}; themes: "
                                 + ", ".join(amap.themes or ["(none)"]))
        claims = {c for c in picked if nodes[c]["kind"] == CLAIM
                  and nodes[c].get("theme") == theme}
        members = [a for a in picked if nodes[a]["kind"] == ARGUMENT
                   and (_final_target(amap, a) in claims
                        or all(p in claims for p in nodes[a]["premises"]))]
        picked = _with_answers(amap, claims, members, within=picked)
    return picked


def _with_answers(amap: ArgumentMap, claims: set[str], arguments: list[str],
                  within: set[str]) -> set[str]:
    """``claims`` and ``arguments`` with every argument's premises, and, for each attack among
    them, what answers it (undercuts of it, attacks on its premises), answers to those, and so
    on: a selection never shows an objection without its premises or hides its replies."""
    nodes = amap.graph._node
    rel = amap.relations()
    keep = set(claims) | set(arguments)
    stack = list(arguments)
    while stack:
        a = stack.pop()
        attrs = nodes[a]
        keep.update(p for p in attrs["premises"] if p in within)
        target = attrs["target"]
        if target in within and target not in keep:  # what an argument is aimed at comes along
            keep.add(target)
            if nodes[target]["kind"] == ARGUMENT:
                stack.append(target)  # an undercut's target, with its premises and its target
        if attrs["relation"] != ATTACK:
            continue
        for x in _answers(rel, a):
            if x in within and x not in keep:
                keep.add(x)
                stack.append(x)
    return keep


def _final_target(amap: ArgumentMap, a: str) -> str:
    """The claim an argument (or an undercut of one, at any depth) is ultimately about."""
    nodes = amap.graph._node
    seen = set()
    while nodes[a]["kind"] == ARGUMENT and a not in seen:
        seen.add(a)
        a = nodes[a]["target"]
    return a


def list_nodes(amap: ArgumentMap, *, kind: str | None = None, theme: str | None = None,
               tag: str | None = None, text: str | None = None, role: str | None = None,
               focus: str | None = None, sort: str = "id") -> list[dict[str, Any]]:
    """Claims and arguments as rows of plain values, filtered and sorted.

    ``sort`` is ``id``, ``theme``, ``para`` or ``file`` (the order written).

    >>> from argmap import loads
    >>> m = loads("thesis: t\\nclaims: {t: Tea is good., w: {text: Tea is warm., theme: h}}\\n"
    ...           "arguments: [{supports: t, premises: [w]}]")
    >>> [(r["id"], r["roles"]) for r in list_nodes(m, kind="claim")]
    [('t', ['thesis']), ('w', ['reason', 'basis premise'])]
    >>> [r["id"] for r in list_nodes(m, text="WARM")]
    ['w']
    """
    nodes = amap.graph._node
    role_of = roles(amap)
    keep = subset(amap, focus=focus, theme=theme) if (focus or theme) else None
    needle = text.casefold() if text else None
    rows = []
    for order, (n, attrs) in enumerate(nodes.items()):
        if keep is not None and n not in keep:
            continue
        if kind and attrs["kind"] != kind:
            continue
        if tag and tag not in attrs.get("tags", ()):
            continue
        if role and role not in role_of[n]:
            continue
        if needle and needle not in (attrs.get("text") or attrs.get("title") or "").casefold():
            continue  # claims match on their text, arguments on their label
        rows.append((order, _row(amap, n, attrs, role_of[n])))
    keys = {
        "id": lambda r: r[1]["id"],
        "theme": lambda r: (r[1].get("theme") or "~", r[1]["id"]),
        "para": lambda r: (r[1].get("para") is None, r[1].get("para") or 0, r[0]),
        "file": lambda r: r[0],
    }
    rows.sort(key=keys[sort])
    return [row for _, row in rows]


def _row(amap: ArgumentMap, n: str, attrs: dict[str, Any], node_roles: list[str]) -> dict:
    if attrs["kind"] == "claim":
        row = {"id": n, "kind": "claim", "text": attrs["text"], "roles": node_roles}
        for key in ("theme", "para", "quote", "given"):
            value = attrs.get(key)
            if value:
                row[key] = value
        tags = attrs.get("tags")
        if tags:
            row["tags"] = list(tags)
        return row
    premises, target = attrs["premises"], attrs["target"]
    row = {"id": n, "kind": "argument", "text": attrs.get("title") or " + ".join(premises),
           "roles": node_roles, "relation": attrs["relation"], "target": target,
           "premises": list(premises)}
    nodes = amap.graph._node
    about = nodes[target]
    if about["kind"] != CLAIM:  # an undercut: the claim its target is about, at any depth
        about = nodes[_final_target(amap, n)]
    theme = about.get("theme")
    if theme:
        row["theme"] = theme
    return row


def answers_to(amap: ArgumentMap, argument: str) -> list[str]:
    """Arguments that answer an attack: undercuts of it and attacks on its premises.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., o: O., x: X.}\\narguments: ["
    ...           "{id: ob, attacks: t, premises: [o]}, {id: re, attacks: o, premises: [x]}]")
    >>> answers_to(m, "ob"), answers_to(m, "re")
    (['re'], [])
    """
    g = amap.graph
    out = list(amap.attackers(argument))
    for p in g.nodes[argument]["premises"]:
        out.extend(a for a in amap.attackers(p) if a not in out)
    return out


def _answers(rel: Relations, argument: str) -> list[str]:
    """:func:`answers_to`, from the map's relations (see :meth:`ArgumentMap.relations`)."""
    attackers = rel.attackers
    out = list(attackers.get(argument, ()))
    for p in rel.premises[argument]:
        for a in attackers.get(p, ()):
            if a not in out:
                out.append(a)
    return out


def _answered(rel: Relations, argument: str) -> bool:
    """:func:`is_answered`, from the map's relations."""
    attackers = rel.attackers
    return argument in attackers or any(p in attackers for p in rel.premises[argument])


def is_answered(amap: ArgumentMap, argument: str) -> bool:
    """Whether something attacks the argument or one of its premises."""
    return bool(answers_to(amap, argument))


def support_tree(amap: ArgumentMap, claim: str, depth: int | None = None) -> dict[str, Any]:
    """Every line of support under ``claim``, down to basis premises, as nested dicts.

    Each claim lists its supporting ``arguments`` (linked premises together) and the
    ``objections`` met there: attacks on it, each with ``answered``. A claim met again is a
    reference (``"ref": true``). For an argument id, the root is that argument (``"kind":
    "argument"``): its own premises are its first line of support, followed by any arguments
    that back its inference; what undercuts it is listed under its own line.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., a: A., b: B., o: O.}\\narguments: ["
    ...           "{supports: t, premises: [a, b]}, {attacks: a, premises: [o]}]")
    >>> tree = support_tree(m, "t")
    >>> [p["id"] for p in tree["arguments"][0]["premises"]]
    ['a', 'b']
    >>> tree["arguments"][0]["premises"][0]["objections"]
    [{'id': 'o--attacks--a', 'premises': ['o'], 'answered': False}]
    >>> [p["id"] for p in support_tree(m, "a+b--supports--t")["arguments"][0]["premises"]]
    ['a', 'b']
    """
    nodes = amap.graph._node
    amap.node(claim)
    rel = amap.relations()
    premises_of, supporters, attackers = rel.premises, rel.supporters, rel.attackers
    seen: set[str] = set()
    root: dict[str, Any] = {}
    stack: list[tuple[str, dict, int]] = []

    def line(a: str, node: dict[str, Any], level: int, pending: list) -> None:
        premises = premises_of[a]
        arg = {"id": a, "title": nodes[a].get("title"), "linked": len(premises) > 1,
               "premises": [],
               "undercuts": [{"id": u, "premises": list(premises_of[u]),
                              "answered": _answered(rel, u)}
                             for u in attackers.get(a, ())]}
        node["arguments"].append(arg)
        for p in premises:
            child: dict[str, Any] = {}
            arg["premises"].append(child)
            pending.append((p, child, level + 1))

    if nodes[claim]["kind"] == ARGUMENT:
        attrs = nodes[claim]
        root.update(id=claim, kind="argument", relation=attrs["relation"],
                    target=attrs["target"], text=_argument_text(attrs), objections=[],
                    arguments=[])
        pending: list[tuple[str, dict, int]] = []
        for a in [claim, *supporters.get(claim, ())]:
            line(a, root, 0, pending)
        root["arguments"][0]["own"] = True  # the argument's own premises, not a reason for it
        stack.extend(reversed(pending))
        seen.add(claim)
    else:
        stack.append((claim, root, 0))
    while stack:
        c, node, level = stack.pop()
        node.update(id=c, text=nodes[c]["text"])
        if c in seen:
            node["ref"] = True
            continue
        seen.add(c)
        node["objections"] = [
            {"id": a, "premises": list(premises_of[a]), "answered": _answered(rel, a)}
            for a in attackers.get(c, ())]
        node["arguments"] = []
        if depth is not None and level >= depth:
            node["hidden"] = len(supporters.get(c, ()))
            continue
        pending = []
        for a in supporters.get(c, ()):
            line(a, node, level, pending)
        stack.extend(reversed(pending))  # depth first in reading order: the first copy is full
    return root


def _argument_text(attrs: dict[str, Any]) -> str:
    """An argument in words: its title, else ``premises → target``."""
    return attrs.get("title") or (" + ".join(attrs["premises"]) + " → " + attrs["target"])


def objections_to(amap: ArgumentMap, claim: str) -> list[dict[str, Any]]:
    """Everything that attacks ``claim``'s case, nearest first.

    * ``rebuttal``: an attack on the claim itself;
    * ``undercut``: an attack on an argument that supports it (at any depth below);
    * ``undermining``: an attack on a premise of such an argument (at any depth below).

    Each item says what it attacks (``target``), the claim of the case it is met at (``via``:
    the claim itself, the claim an undercut argument supports, or the attacked premise), how
    many levels of reasons below ``claim`` (``depth``), whether it is ``answered`` and by what.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., r: R., o: O., u: U., x: X.}\\narguments: ["
    ...           "{id: sup, supports: t, premises: [r]}, {id: ob, attacks: t, premises: [o]},"
    ...           "{id: uc, attacks: sup, premises: [u]}, {attacks: ob, premises: [x]}]")
    >>> [(o["id"], o["kind"], o["answered"]) for o in objections_to(m, "t")]
    [('ob', 'rebuttal', True), ('uc', 'undercut', False)]
    """
    nodes = amap.graph._node
    amap.node(claim)
    rel = amap.relations()
    premises, supporters, attackers = rel.premises, rel.supporters, rel.attackers
    out = []
    seen_claims = {claim}
    queue = deque([(claim, 0)])
    while queue:
        c, level = queue.popleft()
        for a in attackers.get(c, ()):
            out.append(_objection(amap, rel, a, "rebuttal" if c == claim else "undermining", c,
                                  level, via=c))
        if nodes[c]["kind"] != CLAIM:
            continue
        for s in supporters.get(c, ()):
            for u in attackers.get(s, ()):
                out.append(_objection(amap, rel, u, "undercut", s, level, via=c))
            for p in premises[s]:
                if p not in seen_claims:
                    seen_claims.add(p)
                    queue.append((p, level + 1))
    return out


def _objection(amap: ArgumentMap, rel: Relations, a: str, kind: str, target: str, level: int,
               via: str | None = None) -> dict[str, Any]:
    answers = _answers(rel, a)
    attrs = amap.graph._node[a]
    return {"id": a, "kind": kind, "target": target, "via": via, "depth": level,
            "premises": list(attrs["premises"]), "title": attrs.get("title"),
            "answered": bool(answers), "answered_by": answers}


def unanswered_objections(amap: ArgumentMap, focus: str | None = None,
                          theme: str | None = None) -> list[dict[str, Any]]:
    """Attacks on the thesis's case, at any depth, that nothing attacks in turn: the open flanks.

    An attack is *against the case* when it helps the other side: it attacks a node on the
    thesis's side (see :func:`sides`). A reply to an objection is on the thesis's side and is
    never an open flank. With ``focus``, the case of that claim instead of the thesis.

    >>> from argmap import loads
    >>> m = loads("thesis: t\\nclaims: {t: T., r: R., o: O., p: P., x: X.}\\narguments: ["
    ...           "{supports: t, premises: [r]}, {id: ob, attacks: t, premises: [o]},"
    ...           "{id: ob2, attacks: r, premises: [p]}, {attacks: ob, premises: [x]}]")
    >>> [o["id"] for o in unanswered_objections(m)]
    ['ob2']
    """
    top = [focus] if focus is not None else amap.roots()
    if focus is not None:
        amap.node(focus)
    rel = amap.relations()
    plus, minus = side_sets(amap, top, rel)
    keep = subset(amap, theme=theme) if theme else None
    nodes = amap.graph._node
    out = []
    for a, attrs in nodes.items():
        if attrs["kind"] != ARGUMENT or attrs["relation"] != ATTACK:
            continue
        target = attrs["target"]
        if target not in plus:
            continue  # attacks only the other side (a reply, on the thesis's side), or nothing
        if keep is not None and a not in keep:  # of the case
            continue
        if _answered(rel, a):
            continue
        kind = ("undercut" if nodes[target]["kind"] == ARGUMENT
                else "rebuttal" if target in top else "undermining")
        o = _objection(amap, rel, a, kind, target, 0)
        del o["depth"], o["via"]
        out.append(o)
    return out


def unsupported_claims(amap: ArgumentMap, focus: str | None = None,
                       theme: str | None = None) -> list[dict[str, Any]]:
    """Claims used as premises with no argument for them and no source quote: taken on faith.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., a: A., b: {text: B., source: {quote: b}}}\\narguments: ["
    ...           "{supports: t, premises: [a, b]}]")
    >>> [c["id"] for c in unsupported_claims(m)]
    ['a']
    """
    g = amap.graph
    nodes, used_in = g._node, g._succ
    supporters = amap.relations().supporters
    keep = subset(amap, focus=focus, theme=theme) if (focus or theme) else None
    out = []
    for c, attrs in nodes.items():
        if attrs["kind"] != CLAIM:
            continue
        used = used_in[c]
        if not used or c in supporters or attrs.get("quote"):
            continue
        if keep is not None and c not in keep:
            continue
        row = {"id": c, "text": attrs["text"], "used_in": list(used)}
        if attrs.get("given"):
            row["given"] = True
        if attrs.get("theme"):
            row["theme"] = attrs["theme"]
        out.append(row)
    return out


#: The most steps :func:`chains` takes where the claims between the two ends form cycles (on
#: acyclic stretches its work is bounded by ``limit`` times the length of the chains).
PATH_STEPS = 2_000_000


class PathLimitError(ArgmapError):
    """The search for chains through cycles would take too long."""


def chains(amap: ArgumentMap, source: str, target: str, limit: int = 50,
           steps: int | None = None) -> list[dict[str, Any]]:
    """How ``source`` bears on ``target``: the shortest chains of arguments from one to the other.

    Each chain lists its steps (``premise`` -> ``argument`` -> ``target``; ``premise`` is None
    where the chain reaches an argument by undercutting it, or starts at one) and its net effect:
    ``supports`` or ``attacks`` (an attack on an attack supports). Either end may be a claim or an
    argument. At most ``limit`` chains, shortest first (ties in the order the map was written).

    The search keeps only the nodes between the two (reachable from ``source`` and reaching
    ``target``: one walk of the map), measures how far each is from ``target``, and then
    extends partial chains best first by their length plus that distance, depth first among
    equals. Where the nodes between have no cycle, every partial chain can be completed at
    that length, so the work is at most ``limit`` times the length of a chain, whatever the
    number of chains (which can be exponential). Through cycles a partial chain may dead-end
    (it cannot revisit a node); there the search stops after ``steps`` steps
    (:data:`PATH_STEPS`) with :class:`PathLimitError`.

    >>> from argmap import loads
    >>> m = loads("claims: {t: T., o: O., x: X.}\\narguments: ["
    ...           "{id: ob, attacks: t, premises: [o]}, {id: un, attacks: ob, premises: [x]}]")
    >>> [(c["effect"], c["relations"]) for c in chains(m, "x", "t")]
    [('supports', ['attack', 'attack'])]
    >>> [(c["effect"], c["path"]) for c in chains(m, "x", "ob")]
    [('attacks', ['x', 'un', 'ob'])]
    """
    import heapq

    import networkx as nx

    g = amap.graph
    amap.node(source)
    amap.node(target)
    if source == target or limit <= 0:
        return []
    below = nx.descendants(g, source)
    if target not in below:
        return []
    # distance to target over the nodes between (a walk backwards from it)
    between = below | {source}
    dist = {target: 0}
    queue = deque([target])
    while queue:
        n = queue.popleft()
        for p in g.pred[n]:
            if p in between and p not in dist:
                dist[p] = dist[n] + 1
                queue.append(p)
    order = {n: i for i, n in enumerate(g) if n in dist}
    nexts = {n: sorted((m for m in g.succ[n] if m in dist), key=order.__getitem__, reverse=True)
             for n in dist if n != target}
    cyclic = _has_cycle(nexts)
    budget = PATH_STEPS if steps is None else steps
    # heap entries: (length + distance left, -tie, (node, parent entry, length))
    tie = 0
    heap: list[tuple[int, int, tuple]] = [(dist[source], 0, (source, None, 0))]
    found: list[list[str]] = []
    path: list[tuple] = []  # through cycles: the entries from source to the one last taken
    on_path: set[str] = set()  # and their nodes
    work = 0
    while heap and len(found) < limit:
        _, _, link = heapq.heappop(heap)
        node, _, length = link
        if node == target:
            nodes = []
            while link is not None:
                nodes.append(link[0])
                link = link[1]
            found.append(nodes[::-1])
            continue
        if cyclic:  # a simple chain never comes back to a node it has passed
            # make `path` this entry's chain: up to the deepest entry the two share, and down
            fresh = []
            up = link
            while up is not None and not (up[2] < len(path) and path[up[2]] is up):
                fresh.append(up)
                up = up[1]
            keep = 0 if up is None else up[2] + 1
            work += len(fresh) + len(path) - keep + 1
            for gone in path[keep:]:
                on_path.discard(gone[0])
            del path[keep:]
            for new in reversed(fresh):
                path.append(new)
                on_path.add(new[0])
            if work > budget:
                raise PathLimitError(
                    f"more than {budget:,} search steps for chains from {source} to {target} "
                    "(the claims between them form cycles)",
                    hint=f"ask for fewer chains (--limit {max(1, len(found))}), or search "
                         "from a claim nearer to the end")
        for m in nexts[node]:
            if m not in on_path:
                tie += 1
                heapq.heappush(heap, (length + 1 + dist[m], -tie, (m, link, length + 1)))
    found.sort(key=lambda p: (len(p), [order[n] for n in p]))
    return [_chain(amap, p) for p in found]


def _has_cycle(nexts: dict[str, list[str]]) -> bool:
    """Whether the graph given as successor lists (only the nodes with successors as keys) has a
    cycle: Kahn's count of what a topological order can take.

    >>> _has_cycle({"a": ["b"], "b": ["c"]}), _has_cycle({"a": ["b"], "b": ["a"]})
    (False, True)
    """
    indegree: dict[str, int] = dict.fromkeys(nexts, 0)
    for succ in nexts.values():
        for m in succ:
            indegree[m] = indegree.get(m, 0) + 1
    free = [n for n, d in indegree.items() if d == 0]
    taken = 0
    while free:
        n = free.pop()
        taken += 1
        for m in nexts.get(n, ()):
            indegree[m] -= 1
            if indegree[m] == 0:
                free.append(m)
    return taken < len(indegree)


def _chain(amap: ArgumentMap, path: list[str]) -> dict[str, Any]:
    g = amap.graph
    steps, relations = [], []
    for i, n in enumerate(path[:-1]):  # the last node is the end, never a step
        attrs = g.nodes[n]
        if attrs["kind"] != "argument":
            continue
        rel = attrs["relation"]
        relations.append(rel)
        # reached from its premise; or it starts the chain, or is reached as the target of the
        # previous argument (an undercut): then it has no premise on the chain
        before = path[i - 1] if i > 0 and g.nodes[path[i - 1]]["kind"] == "claim" else None
        steps.append({"premise": before, "argument": n, "relation": rel, "target": path[i + 1]})
    effect = "attacks" if relations.count(ATTACK) % 2 else "supports"
    return {"effect": effect, "relations": relations, "steps": steps, "path": path}


def map_stats(amap: ArgumentMap, top: int = 5, nodes: set[str] | None = None,
              verified: set[str] | None = None) -> dict[str, Any]:
    """Counts that describe a map: by kind, role and theme, depth, linked arguments, undercuts,
    the share of claims with a quote and of those whose quotes are verified, and the most-used
    premises.

    With ``nodes`` (a selection, see :func:`subset`), only those are counted, each with the
    roles it has in the whole map: a reason cut off from the thesis is still a reason.
    ``verified`` is the set of claims whose every quote was found where cited (see
    :func:`argmap.sourcecheck.check_sources`); without it ``verified_share`` is None.

    >>> from argmap import loads
    >>> s = map_stats(loads("claims: {t: T., a: A., b: B.}\\narguments: ["
    ...                     "{supports: t, premises: [a, b]}, {attacks: t, premises: [b]}]"))
    >>> s["claims"], s["arguments"], s["linked"], s["depth"], s["most_used"][0]
    (3, 2, 1, 1, {'id': 'b', 'uses': 2})
    """
    g = amap.graph
    rel = amap.relations()
    role_of = _roles(amap, rel, *side_sets(amap, None, rel))
    part = amap if nodes is None else amap.restricted(nodes)
    all_nodes, part_nodes, used_in = g._node, part.graph._node, part.graph._succ
    claims = [n for n, a in part_nodes.items() if a["kind"] == CLAIM]
    args = [n for n, a in part_nodes.items() if a["kind"] == ARGUMENT]
    by_role = Counter(r for c in claims for r in role_of[c])
    by_theme = Counter(all_nodes[c].get("theme") or "(none)" for c in claims)
    uses = Counter({c: len(used_in[c]) for c in claims if used_in[c]})
    arg_attrs = [all_nodes[a] for a in args]
    return {
        "title": amap.title,
        "claims": len(claims),
        "arguments": len(args),
        "supports": sum(1 for a in arg_attrs if a["relation"] == SUPPORT),
        "attacks": sum(1 for a in arg_attrs if a["relation"] == ATTACK),
        "linked": sum(1 for a in arg_attrs if len(a["premises"]) > 1),
        "undercuts": sum(1 for a in args if part_nodes[a]["relation"] == ATTACK
                         and part_nodes[part_nodes[a]["target"]]["kind"] == ARGUMENT),
        "by_role": {r: by_role[r] for r in ROLES if by_role[r]},
        "by_theme": dict(sorted(by_theme.items())),
        "depth": _depth(part, rel if part is amap else None),  # levels of reasons, objections
        "quoted_share": round(sum(1 for c in claims if all_nodes[c].get("quote"))
                              / max(len(claims), 1), 3),
        "verified_share": None if verified is None else
        round(sum(1 for c in claims if c in verified) / max(len(claims), 1), 3),
        "given": sum(1 for c in claims if all_nodes[c].get("given")),
        "most_used": [{"id": c, "uses": n}
                      for c, n in sorted(uses.items(), key=lambda kv: (-kv[1], kv[0]))[:top]],
    }


def _depth(amap: ArgumentMap, rel: Relations | None = None) -> int:
    """Levels of claims below the roots in the deepest chain of arguments for or against them
    (premises of undercuts are not counted; cycles are walked once)."""
    rel = rel or amap.relations()
    premises, supporters, attackers = rel.premises, rel.supporters, rel.attackers
    level = {r: 0 for r in amap.roots()}
    queue = deque(level)
    deepest = 0
    while queue:
        c = queue.popleft()
        below = level[c] + 1
        for into in (supporters.get(c), attackers.get(c)):  # the arguments for and against c
            for a in into or ():
                for p in premises[a]:
                    if p not in level:
                        level[p] = below
                        deepest = below if below > deepest else deepest
                        queue.append(p)
    return deepest
