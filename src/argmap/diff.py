"""What changed between two versions of a map, by id: pure functions, plain JSON-ready results.

Claims are matched by id: a claim whose id changed is one claim removed and another added (ids
are how arguments, diffs and the command line refer to claims, so renaming one is a real change).
Arguments are matched by id too, and then, among those left over, an argument whose id argmap made
up (``auto_id``: it is derived from the premises, relation and target, so editing the argument
changes it) is paired with the new version of itself when one can be recognised; see
:func:`diff_maps`.

What is *not* content, and so never a difference: the order of claims, arguments, themes, tags and
premises; the amount of white space inside a text; comments and YAML layout; positions.

>>> from argmap import loads
>>> old = loads("claims: {a: Tea is warm., b: Tea is cheap.}")
>>> new = loads("claims: {a: Tea is hot., c: Tea is green.}")
>>> d = diff_maps(old, new)
>>> d["equal"], d["claims"]["added"], d["claims"]["removed"]
(False, [{'id': 'c', 'text': 'Tea is green.'}], [{'id': 'b', 'text': 'Tea is cheap.'}])
>>> d["claims"]["reworded"][0]["words"]
[['=', 'Tea is'], ['-', 'warm.'], ['+', 'hot.']]
>>> diff_summary(d)
'1 claim added, 1 removed, 1 reworded'
"""

from __future__ import annotations

import bisect
import collections
import difflib
import json
import operator
from typing import Any

from .fields import diffed, keys
from .loader import no_gc
from .model import ArgumentMap

__all__ = [
    "CLAIM_FIELDS",
    "ARGUMENT_FIELDS",
    "SOURCE_FIELDS",
    "diff_maps",
    "word_diff",
    "diff_summary",
    "count_changes",
]

#: Claim attributes compared besides the text, in the order their changes are listed (the
#: field table's, :mod:`argmap.fields`).
CLAIM_FIELDS = tuple(f for f in diffed("claim") if f not in ("text", "cites"))  # cites: "source"
#: Argument attributes compared, in the order their changes are listed ("id" only for pairs).
ARGUMENT_FIELDS = ("id", "target", "relation", *diffed("argument"))
#: The map's source keys, in the order their changes are listed (any others follow, sorted).
SOURCE_FIELDS = keys("source")

# fields compared without regard to order (reported as written)
_UNORDERED = frozenset(("tags", "premises"))
_CLAIM_KEYS = ("text", *CLAIM_FIELDS)  # and the citations, by _same_cites
_getters: dict[tuple[str, ...], Any] = {names: operator.itemgetter(*names)
                                       for names in (_CLAIM_KEYS, ARGUMENT_FIELDS[1:])}


def diff_maps(old: ArgumentMap, new: ArgumentMap) -> dict[str, Any]:
    """The differences between two versions of a map, as a JSON-ready dict.

    Parameters
    ----------
    old, new : ArgumentMap
        The two versions, e.g. from :func:`argmap.load`.

    Returns
    -------
    dict
        ``{"equal": bool, "metadata": [...], "themes": {...}, "claims": {...}, "arguments": {...}}``:

        * ``metadata``: ``[{"field", "old", "new"}]``, ``field`` being ``"title"``, ``"thesis"``,
          ``"note"``, ``"source.<key>"`` or ``"sources.<doc>.<key>"`` (in that order); a missing
          value is ``None``.
        * ``themes``: ``{"added": [{"id", "title"}], "removed": [{"id", "title"}],
          "retitled": [{"id", "old", "new"}]}``.
        * ``claims``: ``{"added": [{"id", "text"}], "removed": [{"id", "text"}],
          "reworded": [{"id", "old", "new", "words"}], "changed": [{"id", "field", "old",
          "new"}]}``. ``words`` is the word-level change, see :func:`word_diff`; ``field`` is one
          of :data:`CLAIM_FIELDS`. A claim whose text and theme both changed is in ``reworded``
          and in ``changed``.
        * ``arguments``: ``{"added": [A], "removed": [A], "changed": [{"id", "old_id", "field",
          "old", "new"}]}`` where ``A`` is ``{"id", "auto_id", "relation", "target", "premises",
          "title", "undercut"}`` (``relation`` is ``"support"`` or ``"attack"``; ``undercut``:
          it attacks an argument). ``field`` is one of :data:`ARGUMENT_FIELDS`; ``id`` is the
          argument's id in ``new`` and ``old_id`` its id in ``old`` (they differ only for a
          paired argument, below). For ``field == "id"``, ``old`` and ``new`` are the ids as
          written, ``None`` for an automatic one.

        ``equal`` is true when every list is empty. Values are plain (lists, not tuples).

    Notes
    -----
    **Order.** Entries follow the files: added, reworded and changed ones in the order of
    ``new``, removed ones in the order of ``old``; the changes of one claim or argument in the
    order of :data:`CLAIM_FIELDS` / :data:`ARGUMENT_FIELDS`.

    **Pairing edited arguments.** After matching by id, a left-over argument of ``old`` and one
    of ``new`` are taken for one argument that changed, not one removed and one added, when
    (each step only among those still unpaired, best candidates first):

    1. they have the same relation, target and premises and at least one of them has an automatic
       id (an id was added or dropped: a change of ``id``, unless both ids are automatic, when
       only the premises' order differs and there is no change at all);
    2. both ids are automatic, relation and target are the same and the premises overlap (a
       change of ``premises``; the largest overlap relative to the union pairs first);
    3. both ids are automatic, premises and relation are the same (a change of ``target``);
    4. both ids are automatic, premises and target are the same (a change of ``relation``).

    Ties are broken by the order of the files, so the result is deterministic. Two arguments with
    explicit ids are only ever matched by id.

    Examples
    --------
    >>> from argmap import loads
    >>> old = loads('''
    ... thesis: t
    ... claims: {t: Tea is good., w: Tea is warm., c: Tea is cheap., x: It stains.}
    ... arguments:
    ...   - {supports: t, premises: [w, c]}
    ...   - {id: stain, attacks: t, premises: [x]}
    ... ''')
    >>> new = loads('''
    ... thesis: t
    ... claims: {t: Tea is good., w: Tea is warm., c: Tea is cheap., x: It stains.}
    ... arguments:
    ...   - {supports: t, premises: [w]}
    ...   - {id: stain, attacks: t, premises: [x], title: stains}
    ... ''')
    >>> d = diff_maps(old, new)
    >>> d["arguments"]["added"], d["arguments"]["removed"]
    ([], [])
    >>> for change in d["arguments"]["changed"]:
    ...     print(change["old_id"], "->", change["id"], change["field"], change["old"], change["new"])
    w+c--supports--t -> w--supports--t premises ['w', 'c'] ['w']
    stain -> stain title None stains
    >>> diff_maps(old, old)["equal"]
    True
    """
    with no_gc():  # many small dicts, no cycles: the collector would only slow big maps down
        out: dict[str, Any] = {
            "equal": True,
            "metadata": _metadata(old, new),
            "themes": _themes(old, new),
            "claims": _claims(old, new),
            "arguments": _arguments(old, new),
        }
    out["equal"] = count_changes(out) == 0
    return out


def word_diff(old: str, new: str) -> list[list[str]]:
    """The word-level change from ``old`` to ``new`` as runs ``[op, words]``.

    ``op`` is ``"="`` (kept), ``"-"`` (only in ``old``) or ``"+"`` (only in ``new``); ``words``
    are the run's words joined by single spaces. Words are split at white space and keep their
    punctuation. A replaced stretch is a ``"-"`` run followed by a ``"+"`` run; adjacent runs
    never share an op.

    Examples
    --------
    >>> word_diff("Tea is warm and cheap.", "Tea is hot and cheap!")
    [['=', 'Tea is'], ['-', 'warm'], ['+', 'hot'], ['=', 'and'], ['-', 'cheap.'], ['+', 'cheap!']]
    >>> word_diff("A  b", "A b")
    [['=', 'A b']]
    >>> word_diff("", "New.")
    [['+', 'New.']]
    """
    a, b = old.split(), new.split()
    runs: list[list[Any]] = []

    def add(op: str, words: list[str]) -> None:
        if not words:
            return
        if runs and runs[-1][0] == op:
            runs[-1][1].extend(words)
        else:
            runs.append([op, list(words)])

    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            add("=", a[i1:i2])
        else:
            add("-", a[i1:i2])
            add("+", b[j1:j2])
    return [[op, " ".join(words)] for op, words in runs]


#: Above this many word pairs (``len(old) * len(new)`` of a stretch with no anchor word), a
#: stretch is compared no further and shows as replaced: difflib's matcher is quadratic there.
EXACT_PAIRS = 250_000


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes like :meth:`difflib.SequenceMatcher.get_opcodes` (``equal``, ``replace``,
    ``delete``, ``insert``), in time close to linear for long texts.

    Small inputs get difflib's answer as it is. Long ones are first cut at the common prefix and
    suffix and at *anchors*, words that occur exactly once in each side, in the longest run of
    them that keeps its order in both (the patience diff's rule), and each stretch between two
    anchors is compared the same way, recursively; a stretch with no anchors and more than
    :data:`EXACT_PAIRS` word pairs is reported as replaced.

    >>> _opcodes("a b c".split(), "a x c".split())
    [('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2), ('equal', 2, 3, 2, 3)]
    """
    out: list[tuple[str, int, int, int, int]] = []

    def emit(tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 == i2 and j1 == j2:
            return
        if out and (out[-1][0] == "equal") == (tag == "equal"):  # one run with the last
            tag, i1, j1 = out[-1][0], out[-1][1], out[-1][3]
            out.pop()
        if tag != "equal":
            tag = "replace" if i1 < i2 and j1 < j2 else ("delete" if i1 < i2 else "insert")
        out.append((tag, i1, i2, j1, j2))

    # a stack of stretches still to compare ("?") and pieces already decided ("=" kept, "~"
    # replaced), popped in text order; no recursion, so no text is deep enough to exhaust it
    stack: list[tuple[str, int, int, int, int]] = [("?", 0, len(a), 0, len(b))]
    while stack:
        op, i1, i2, j1, j2 = stack.pop()
        if op != "?":
            emit("equal" if op == "=" else "replace", i1, i2, j1, j2)
            continue
        p = 0
        while i1 + p < i2 and j1 + p < j2 and a[i1 + p] == b[j1 + p]:
            p += 1
        q = 0
        while i2 - q > i1 + p and j2 - q > j1 + p and a[i2 - q - 1] == b[j2 - q - 1]:
            q += 1
        lo_a, hi_a, lo_b, hi_b = i1 + p, i2 - q, j1 + p, j2 - q
        pieces = [("=", i1, lo_a, j1, lo_b)]
        if (hi_a - lo_a) * (hi_b - lo_b) <= EXACT_PAIRS:
            m = difflib.SequenceMatcher(None, a[lo_a:hi_a], b[lo_b:hi_b], autojunk=False)
            pieces += [("=" if tag == "equal" else "~", lo_a + x1, lo_a + x2, lo_b + y1, lo_b + y2)
                       for tag, x1, x2, y1, y2 in m.get_opcodes()]
        else:
            anchors = _anchors(a, lo_a, hi_a, b, lo_b, hi_b)
            if anchors:
                x, y = lo_a, lo_b
                for ia, jb in anchors:
                    pieces += [("?", x, ia, y, jb), ("=", ia, ia + 1, jb, jb + 1)]
                    x, y = ia + 1, jb + 1
                pieces.append(("?", x, hi_a, y, hi_b))
            else:  # no word to cut at: the shortest edit script, if it is short enough
                pieces += _myers(a, lo_a, hi_a, b, lo_b, hi_b) or [("~", lo_a, hi_a, lo_b, hi_b)]
        pieces.append(("=", hi_a, i2, hi_b, j2))
        stack.extend(reversed(pieces))
    return out


def _anchors(a: list[str], a1: int, a2: int,
             b: list[str], b1: int, b2: int) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of a word unique in ``a[a1:a2]`` and in ``b[b1:b2]``: the longest run of
    them in the same order in both (a longest increasing subsequence, by patience sorting).

    >>> _anchors("x a b c".split(), 0, 4, "c a b y".split(), 0, 4)
    [(1, 1), (2, 2)]
    """
    count_a = collections.Counter(a[a1:a2])
    count_b = collections.Counter(b[b1:b2])
    where_a = {a[i]: i for i in range(a1, a2) if count_a[a[i]] == 1}
    pairs = [(where_a[b[j]], j) for j in range(b1, b2)
             if count_b[b[j]] == 1 and b[j] in where_a]
    pairs.sort()
    tails: list[int] = []  # tails[k]: j of the smallest end of an increasing run of k + 1
    ends: list[int] = []  # ends[k]: index in pairs of that end
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        back[n] = ends[k - 1] if k else -1
        if k == len(tails):
            tails.append(j)
            ends.append(n)
        else:
            tails[k], ends[k] = j, n
    run = []
    n = ends[-1] if ends else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


#: The most word edits :func:`_myers` looks for in a stretch with no anchor word; a stretch
#: that needs more is shown as replaced. Its work grows with the square of this number.
MAX_EDITS = 1000


def _myers(a: list[str], a1: int, a2: int, b: list[str], b1: int, b2: int,
           ) -> list[tuple[str, int, int, int, int]] | None:
    """The shortest edit script from ``a[a1:a2]`` to ``b[b1:b2]`` as pieces ``("=" | "~", i1,
    i2, j1, j2)`` (E. Myers, "An O(ND) difference algorithm", 1986), or ``None`` when it needs
    more than :data:`MAX_EDITS` edits.

    >>> _myers("a b c".split(), 0, 3, "b c d".split(), 0, 3)
    [('~', 0, 1, 0, 0), ('=', 1, 3, 0, 2), ('~', 3, 3, 2, 3)]
    """
    n, m = a2 - a1, b2 - b1
    limit = min(MAX_EDITS, n + m)
    v = {1: 0}  # diagonal k = x - y -> the furthest x reached on it
    trace: list[dict[int, int]] = []
    for d in range(limit + 1):
        trace.append(v.copy())
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[k - 1] < v[k + 1]):
                x = v[k + 1]  # a step down: an inserted word
            else:
                x = v[k - 1] + 1  # a step right: a deleted word
            y = x - k
            while x < n and y < m and a[a1 + x] == b[b1 + y]:
                x, y = x + 1, y + 1
            v[k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m, a1, b1)
    return None


def _backtrack(trace: list[dict[int, int]], x: int, y: int,
               a1: int, b1: int) -> list[tuple[str, int, int, int, int]]:
    pieces: list[tuple[str, int, int, int, int]] = []
    for d in range(len(trace) - 1, -1, -1):
        v, k = trace[d], x - y
        if d == 0:
            px = py = 0
        else:
            pk = k + 1 if k == -d or (k != d and v[k - 1] < v[k + 1]) else k - 1
            px = v[pk]
            py = px - pk
        # the one edit of step d (down: a word inserted; right: a word deleted), then the snake
        sx, sy = (px, py + 1) if d and px - py == k + 1 else ((px + 1, py) if d else (0, 0))
        if x > sx:
            pieces.append(("=", a1 + sx, a1 + x, b1 + sy, b1 + y))
        if d:
            pieces.append(("~", a1 + px, a1 + sx, b1 + py, b1 + sy))
        x, y = px, py
    pieces.reverse()
    return pieces


def count_changes(diff: dict[str, Any]) -> int:
    """The number of entries in a :func:`diff_maps` result (0 when the maps are equal).

    >>> from argmap import loads
    >>> count_changes(diff_maps(loads("claims: {a: A.}"), loads("title: T\\nclaims: {b: B.}")))
    3
    """
    return len(diff["metadata"]) + sum(
        len(entries)
        for section in ("themes", "claims", "arguments")
        for entries in diff[section].values()
    )


def diff_summary(diff: dict[str, Any]) -> str:
    """One line saying what changed, e.g. ``"3 claims added, 1 removed; 1 argument changed"``.

    Claims and arguments are counted once per list however many fields changed; metadata fields
    are named. The result is ``"no differences"`` for equal maps.

    Examples
    --------
    >>> from argmap import loads
    >>> old = loads("title: Tea\\nthemes: {h: Health}\\nclaims: {a: A., b: B.}")
    >>> new = loads("title: Tea!\\nthemes: {h: Health, c: Cost}\\nclaims: {a: {text: A., theme: h}}")
    >>> diff_summary(diff_maps(old, new))
    'title changed; 1 theme added; 1 claim removed, 1 changed'
    >>> diff_summary(diff_maps(old, old))
    'no differences'
    """
    parts = []
    if diff["metadata"]:
        parts.append(", ".join(m["field"] for m in diff["metadata"]) + " changed")
    for section, noun in (("themes", "theme"), ("claims", "claim"), ("arguments", "argument")):
        bits: list[str] = []
        for verb, entries in diff[section].items():
            n = len({e["id"] for e in entries})
            if n:
                bits.append(f"{n} {verb}" if bits else f"{n} {noun}{'s' * (n != 1)} {verb}")
        if bits:
            parts.append(", ".join(bits))
    return "; ".join(parts) or "no differences"


# -- sections ------------------------------------------------------------------------------------
def _metadata(old: ArgumentMap, new: ArgumentMap) -> list[dict[str, Any]]:
    out = []
    for field in ("title", "thesis", "note"):
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            out.append({"field": field, "old": a, "new": b})
    docs = [(None, old.source, new.source)] + [
        (d, old.sources.get(d, {}), new.sources.get(d, {}))
        for d in dict.fromkeys([*old.sources, *new.sources])]
    for doc, was, now in docs:
        extra = sorted((set(was) | set(now)) - set(SOURCE_FIELDS))
        for key in (*SOURCE_FIELDS, *extra):
            a, b = was.get(key), now.get(key)
            if a != b:
                field = f"source.{key}" if doc is None else f"sources.{doc}.{key}"
                out.append({"field": field, "old": a, "new": b})
    return out


def _themes(old: ArgumentMap, new: ArgumentMap) -> dict[str, list[dict[str, Any]]]:
    a, b = old.themes, new.themes
    return {
        "added": [{"id": t, "title": b[t]} for t in b if t not in a],
        "removed": [{"id": t, "title": a[t]} for t in a if t not in b],
        "retitled": [{"id": t, "old": a[t], "new": b[t]} for t in b if t in a and a[t] != b[t]],
    }


def _nodes(amap: ArgumentMap, kind: str) -> dict[str, dict[str, Any]]:
    """id -> attributes of every claim or argument, in the order written (one pass, plain dict)."""
    return {n: attrs for n, attrs in amap.graph.nodes(data=True) if attrs.get("kind") == kind}


def _claims(old: ArgumentMap, new: ArgumentMap) -> dict[str, list[dict[str, Any]]]:
    g_old, g_new = _nodes(old, "claim"), _nodes(new, "claim")
    old_ids, new_ids = list(g_old), list(g_new)
    in_old, in_new = set(old_ids), set(new_ids)
    out: dict[str, list[dict[str, Any]]] = {
        "added": [{"id": c, "text": g_new[c]["text"]} for c in new_ids if c not in in_old],
        "removed": [{"id": c, "text": g_old[c]["text"]} for c in old_ids if c not in in_new],
        "reworded": [],
        "changed": [],
    }
    for c in new_ids:
        if c not in in_old:
            continue
        a, b = g_old[c], g_new[c]
        if _fields(a, _CLAIM_KEYS) == _fields(b, _CLAIM_KEYS) and _same_cites(a, b):
            continue  # the common case, quickly
        if a["text"].split() != b["text"].split():
            out["reworded"].append({"id": c, "old": a["text"], "new": b["text"],
                                    "words": word_diff(a["text"], b["text"])})
        told = False  # a change of the first paragraph or quote is the change of the source
        for field in CLAIM_FIELDS:
            if not _same(field, a.get(field), b.get(field)):
                told = told or field in ("para", "quote")
                out["changed"].append({"id": c, "field": field, "old": _plain(a.get(field)),
                                       "new": _plain(b.get(field))})
        old_cites, new_cites = _cites(a.get("cites")), _cites(b.get("cites"))
        if old_cites != new_cites and not told:  # a later place or quote changed
            out["changed"].append({"id": c, "field": "source", "old": old_cites,
                                   "new": new_cites})
    return out


def _arguments(old: ArgumentMap, new: ArgumentMap) -> dict[str, list[dict[str, Any]]]:
    g_old, g_new = _nodes(old, "argument"), _nodes(new, "argument")
    old_ids, new_ids = list(g_old), list(g_new)
    in_old = set(old_ids)
    pairs = {a: a for a in new_ids if a in in_old}  # new id -> old id
    left_old = [a for a in old_ids if a not in pairs]
    left_new = [a for a in new_ids if a not in pairs]
    pairs.update(_pair_edited(left_old, left_new, g_old, g_new))
    paired_old = set(pairs.values())
    changed = []
    for b_id in new_ids:
        a_id = pairs.get(b_id)
        if a_id is None:
            continue
        a, b = g_old[a_id], g_new[b_id]
        if a_id == b_id and _fields(a, ARGUMENT_FIELDS[1:]) == _fields(b, ARGUMENT_FIELDS[1:]):
            continue
        for field in ARGUMENT_FIELDS:
            if field == "id":  # the id as written: None when argmap made it up
                va, vb = (None if a["auto_id"] else a_id), (None if b["auto_id"] else b_id)
                if va == vb:
                    continue
            else:
                va, vb = a.get(field), b.get(field)
                if _same(field, va, vb):
                    continue
            changed.append({"id": b_id, "old_id": a_id, "field": field, "old": _plain(va),
                            "new": _plain(vb)})
    return {
        "added": [_argument_entry(new, b) for b in new_ids if b not in pairs],
        "removed": [_argument_entry(old, a) for a in old_ids if a not in paired_old],
        "changed": changed,
    }


def _pair_edited(left_old: list[str], left_new: list[str], g_old: Any, g_new: Any) -> dict[str, str]:
    """Pair left-over old and new arguments that are versions of one argument (new id -> old id).

    The candidate pairs of each step are found through an index on the parts that must be equal,
    so the work grows with the number of plausible pairs, not with the product of the lists.
    """
    def parts(g: Any, ident: str) -> tuple[str, str, frozenset[str], bool]:
        n = g[ident]
        return n["relation"], n["target"], frozenset(n["premises"]), n["auto_id"]

    olds = {a: parts(g_old, a) for a in left_old}
    news = {b: parts(g_new, b) for b in left_new}
    order_old = {a: i for i, a in enumerate(left_old)}
    order_new = {b: i for i, b in enumerate(left_new)}
    pairs: dict[str, str] = {}
    used_old: set[str] = set()

    def step(key: Any, accept: Any, score: Any = lambda pa, pb: 0.0) -> None:
        index: dict[Any, list[str]] = {}
        for a in left_old:
            if a not in used_old:
                k = key(olds[a])
                if k is not None:
                    index.setdefault(k, []).append(a)
        candidates = []
        for b in left_new:
            if b in pairs:
                continue
            k = key(news[b])
            for a in index.get(k, ()) if k is not None else ():
                if accept(olds[a], news[b]):
                    candidates.append((-score(olds[a], news[b]), order_old[a], order_new[b], a, b))
        candidates.sort()
        for _, _, _, a, b in candidates:
            if a not in used_old and b not in pairs:
                pairs[b] = a
                used_old.add(a)

    def overlap(pa: tuple, pb: tuple) -> float:
        return len(pa[2] & pb[2]) / len(pa[2] | pb[2])

    # 1. same content, an id added, dropped, or re-derived from reordered premises
    step(lambda p: p[:3], lambda pa, pb: pa[3] or pb[3])
    # 2. premises edited
    step(lambda p: p[:2] if p[3] else None, lambda pa, pb: bool(pa[2] & pb[2]), overlap)
    # 3. target changed
    step(lambda p: (p[0], p[2]) if p[3] else None, lambda pa, pb: True)
    # 4. relation flipped
    step(lambda p: (p[1], p[2]) if p[3] else None, lambda pa, pb: True)
    return pairs


# -- values --------------------------------------------------------------------------------------
def _argument_entry(amap: ArgumentMap, ident: str) -> dict[str, Any]:
    n = amap.graph.nodes[ident]
    return {"id": ident, "auto_id": bool(n.get("auto_id")), "relation": n["relation"],
            "target": n["target"], "premises": list(n["premises"]), "title": n.get("title"),
            "undercut": amap.is_undercut(ident)}


def _fields(attrs: dict[str, Any], names: tuple[str, ...]) -> tuple[Any, ...]:
    try:
        return _getters[names](attrs)
    except KeyError:  # a node built without every attribute: compare what is there
        return tuple(attrs.get(n) for n in names)


def _same(field: str, a: Any, b: Any) -> bool:
    if field in _UNORDERED:
        return sorted(a or ()) == sorted(b or ())
    if field in ("theme", "note", "quote", "title", "scheme"):  # empty text is no text
        return (a or None) == (b or None)
    return a == b


def _same_cites(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same citations, wherever they are written."""
    ca, cb = a.get("cites") or (), b.get("cites") or ()
    return len(ca) == len(cb) and all(x[:3] == y[:3] for x, y in zip(ca, cb, strict=True))


def _cites(cites: Any) -> list[str]:
    """A claim's citations as short text, without where they are written.

    >>> from argmap.model import Cite
    >>> _cites([Cite(None, (2,), "x"), Cite("r", (3, 4), None)])
    ['para 2: "x"', 'r, para 3, 4']
    """
    out = []
    for c in cites or ():
        where = ", ".join(([c.doc] if c.doc else []) +
                          (["para " + ", ".join(map(str, c.paras))] if c.paras else []))
        quote = "" if c.quote is None else json.dumps(c.quote, ensure_ascii=False)
        out.append(f"{where}: {quote}" if where and quote else where or quote)
    return out


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, (tuple, list, set, frozenset)) else value

