"""Deterministic generator of realistic argmap YAML maps, for benchmarks.

    python benchmarks/generate.py 10000 -o benchmarks/out/map-10000.yaml [--seed 0] [--stats]

or, from Python::

    from generate import generate
    text = generate(10_000, seed=0)

The same ``(n, seed)`` always gives the same bytes. The shape follows a hand-made map such as the
bundled op-ed map:

* one thesis, and a tree of reasons below it, grown breadth first: every claim gets 2-5 child
  claims, or none (a leaf, ~25% of the claims from level 2 down), so the depth grows like log N
  (about 7 levels for 1k claims, 10 for 10k, 12 for 100k);
* the child claims of a claim are premises of arguments aimed at it: ~15% of the arguments are
  linked (2-3 premises that work together), the rest have one premise;
* ~20% of the arguments are objections (``attacks:`` a claim); below an objection's premise the
  attack rate is higher, so objections get rebuttals;
* ~5% are undercuts: they attack a sibling argument, which then gets an explicit ``id``;
* about half of the claims are shared: also the premise of a second argument, aimed at a claim one level
  up in a neighbouring branch (never below, so support never goes round in a circle);
* 8 themes; a branch keeps its theme with a few excursions;
* claim texts of 8-25 words from a small vocabulary, all different; half of the claims cite a
  paragraph and a quote from it.

The maps pass ``argmap check`` with no errors and no warnings: every claim but the thesis is a
premise, support is acyclic, texts are unique, the thesis is supported.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

__all__ = ["generate", "stats"]

# Parameters of the shape (fractions of arguments unless said otherwise).
BRANCHING = (2, 5)          # child claims of an inner claim
LEAF_RATE = 0.25            # chance that a claim on level >= 2 gets no children
LINKED_RATE = 0.15          # arguments with 2-3 premises
ATTACK_RATE = 0.14          # objections to an ordinary claim
REBUTTAL_RATE = 0.45        # attacks on the premise of an objection
UNDERCUT_RATE = 0.085       # arguments attacking a sibling argument
SHARED_RATE = 0.5           # extra premise links per claim: 1.5 relations per claim in all
LABEL_RATE = 0.2            # arguments with a label
SOURCE_RATE = 0.5           # claims with a quote (all cite a paragraph)

THEMES = {
    "security": "Security and deterrence",
    "economy": "Economic costs and benefits",
    "diplomacy": "Diplomacy and talks",
    "law": "Law and legitimacy",
    "alliances": "Alliances and partners",
    "domestic": "Domestic politics",
    "risk": "Risks and uncertainty",
    "history": "Lessons of history",
}

_ADJ = ("direct", "regional", "economic", "military", "long-term", "short-term", "credible",
        "costly", "limited", "broad", "domestic", "foreign", "new", "current", "stable",
        "fragile", "strong", "weak", "legal", "political", "public", "secret", "modest",
        "serious", "likely", "unlikely", "strategic", "local", "global", "sudden")
_NOUN = ("government", "sanctions", "talks", "agreement", "regime", "alliance", "economy",
         "trade", "security", "pressure", "policy", "deterrence", "treaty", "neighbours",
         "leaders", "officials", "market", "budget", "program", "inspections", "border",
         "region", "crisis", "negotiators", "public", "parliament", "court", "aid", "energy",
         "reform", "investment", "army", "election", "partners", "envoy", "framework",
         "incentives", "threat", "dialogue", "coalition", "report", "council", "exports",
         "currency", "weapons", "refugees", "summit", "mandate", "ceasefire", "deadline")
_VERB = ("weakens", "strengthens", "undermines", "supports", "delays", "accelerates",
         "requires", "prevents", "encourages", "threatens", "protects", "reduces",
         "increases", "limits", "shapes", "replaces", "divides", "unites", "costs", "secures",
         "blocks", "enables", "isolates", "rewards", "punishes", "changes", "exposes")
_DET = ("the", "the", "the", "one", "any", "every", "this", "no", "their", "our")
_ADV = ("clearly", "probably", "rarely", "often", "already", "still", "quickly", "slowly",
        "directly", "eventually")
_PREP = ("in", "for", "against", "within", "across", "after", "before", "without", "through",
         "despite", "under", "beyond")
_CONJ = ("because", "while", "unless", "since", "although", "so that", "even if", "as long as")
_LEAD = ("", "", "", "", "in practice,", "over time,", "for now,", "above all,", "in the end,",
         "at the moment,", "in short,")


def _np(rng: random.Random) -> list[str]:
    """A noun phrase of 2-4 words."""
    r = rng.random()
    if r < 0.45:
        return [rng.choice(_DET), rng.choice(_ADJ), rng.choice(_NOUN)]
    if r < 0.75:
        return [rng.choice(_DET), rng.choice(_NOUN)]
    return [rng.choice(_DET), rng.choice(_ADJ), rng.choice(_NOUN), "of"] + \
        [rng.choice(("the", "its", "their")), rng.choice(_NOUN)]


def _clause(rng: random.Random) -> list[str]:
    words = _np(rng)
    if rng.random() < 0.4:
        words.append(rng.choice(_ADV))
    words.append(rng.choice(_VERB))
    words += _np(rng)
    return words


def _sentence(rng: random.Random) -> str:
    """A claim-like sentence of 8-25 words, built of whole phrases."""
    while True:
        target = rng.randint(8, 25)
        lead = rng.choice(_LEAD)
        words = lead.split() if lead else []
        words += _clause(rng)
        while len(words) < target:
            r = rng.random()
            if r < 0.4:
                unit = rng.choice(_PREP).split() + _np(rng)
            elif r < 0.8:
                unit = rng.choice(_CONJ).split() + _clause(rng)
            else:
                unit = ["and", rng.choice(_VERB)] + _np(rng)
            if len(words) + len(unit) > 25:
                break
            words += unit
        if len(words) >= 8:
            break
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


_SLUG_WORDS = frozenset(_ADJ + _NOUN + _VERB)


def _slug(text: str, i: int) -> str:
    """An id such as ``sanctions-weakens-3f``: two content words and a unique number."""
    words = [w for w in text.rstrip(".").lower().replace(",", "").split()
             if w in _SLUG_WORDS][:2]
    return "-".join(words + [format(i, "x")])


class _Builder:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = random.Random(seed)
        # claims, indexed 0..n-1 (0 is the thesis)
        self.depth: list[int] = []
        self.theme: list[str] = []
        self.children: list[list[int]] = []     # child argument indices, per claim
        self.attacked_below: list[bool] = []    # the claim is the premise of an objection
        self.parent: list[int] = []             # the claim its first argument aims at (or below)
        # arguments: [relation, target (claim index or ("arg", j)), premises]
        self.args: list[list] = []
        self.arg_needs_id: set[int] = set()
        self.by_level: list[list[int]] = []
        self.pos_in_level: list[int] = []

    def new_claim(self, depth: int, theme: str, attacked: bool, parent: int) -> int:
        i = len(self.depth)
        self.parent.append(parent)
        self.depth.append(depth)
        self.theme.append(theme)
        self.children.append([])
        self.attacked_below.append(attacked)
        while len(self.by_level) <= depth:
            self.by_level.append([])
        self.pos_in_level.append(len(self.by_level[depth]))
        self.by_level[depth].append(i)
        return i

    def build(self) -> None:
        rng, n = self.rng, self.n
        themes = list(THEMES)
        self.new_claim(0, themes[0], False, 0)
        queue = [0]
        head = 0
        while len(self.depth) < n:
            if head == len(queue):  # every branch ended early: grow from a random leaf
                queue.append(rng.randrange(len(self.depth)))
            x = queue[head]
            head += 1
            d = self.depth[x]
            if d >= 2 and rng.random() < LEAF_RATE:
                continue
            k = min(rng.randint(*BRANCHING), n - len(self.depth))
            # group the k children into arguments
            first = True
            left = k
            attack_rate = REBUTTAL_RATE if self.attacked_below[x] else ATTACK_RATE
            while left:
                size = 1
                if left >= 2 and rng.random() < LINKED_RATE * 1.4:
                    size = min(left, rng.choice((2, 2, 3)))
                left -= size
                siblings = self.children[x]
                if siblings and rng.random() < UNDERCUT_RATE:
                    j = rng.choice(siblings)
                    relation, target = "attacks", ("arg", j)
                    self.arg_needs_id.add(j)
                elif (first and x == 0) or rng.random() >= attack_rate:
                    relation, target = "supports", x
                else:
                    relation, target = "attacks", x
                first = False
                premises = []
                for _ in range(size):
                    if d == 0:
                        theme = themes[len(self.depth) % len(themes)]
                    elif rng.random() < 0.1:
                        theme = rng.choice(themes)
                    else:
                        theme = self.theme[x]
                    c = self.new_claim(d + 1, theme, relation == "attacks", x)
                    premises.append(c)
                    queue.append(c)
                j = len(self.args)
                self.args.append([relation, target, premises])
                siblings.append(j)
        self.share()

    def share(self) -> None:
        """Make ~5% of the claims the premise of a second argument, one level up nearby."""
        rng = self.rng
        target_of: dict[int, set[int]] = {}
        for _rel, target, premises in self.args:
            if not isinstance(target, tuple):
                for p in premises:
                    target_of.setdefault(p, set()).add(target)
        candidates = [c for c in range(1, len(self.depth)) if self.depth[c] >= 2]
        count = min(len(candidates), round(SHARED_RATE * len(self.depth)))
        for c in rng.sample(candidates, count):
            level = self.by_level[self.depth[c] - 1]
            taken = target_of.setdefault(c, set())
            parent_pos = self.pos_in_level[self.parent[c]]
            for _ in range(4):
                k = parent_pos + rng.randint(-12, 12)
                t = level[min(max(k, 0), len(level) - 1)]
                if t not in taken:
                    taken.add(t)
                    j = len(self.args)
                    relation = "attacks" if rng.random() < 0.2 else "supports"
                    self.args.append([relation, t, [c]])
                    self.children[t].append(j)
                    break

    def dfs_order(self) -> tuple[list[int], list[int]]:
        """Claims and arguments in depth-first order, as a person would write them."""
        premises_of = {}
        for j, (_, _, premises) in enumerate(self.args):
            premises_of[j] = premises
        claim_order: list[int] = []
        arg_order: list[int] = []
        seen_c = [False] * len(self.depth)
        seen_a = [False] * len(self.args)
        # undercuts hang below the claim their target argument aims at
        stack = [0]
        while stack:
            c = stack.pop()
            if seen_c[c]:
                continue
            seen_c[c] = True
            claim_order.append(c)
            nxt = []
            for j in self.children[c]:
                if not seen_a[j]:
                    seen_a[j] = True
                    arg_order.append(j)
                    nxt.extend(premises_of[j])
            stack.extend(reversed(nxt))
        for j in range(len(self.args)):  # shared-premise arguments, if any was missed
            if not seen_a[j]:
                arg_order.append(j)
        return claim_order, arg_order


def generate(n: int, seed: int = 0) -> str:
    """YAML text of a realistic argument map with ``n`` claims (``n >= 1``)."""
    if n < 1:
        raise ValueError("a map needs at least one claim")
    b = _Builder(n, seed)
    b.build()
    rng = random.Random(seed * 7919 + 1)
    claim_order, arg_order = b.dfs_order()
    # texts, unique after argmap's normalisation (case and final punctuation)
    texts = [""] * n
    seen: set[str] = set()
    for c in claim_order:
        while True:
            t = _sentence(rng)
            key = t.rstrip(".").casefold()
            if key not in seen:
                seen.add(key)
                texts[c] = t
                break
    ids = [_slug(texts[c], c) for c in range(n)]
    paras = max(7, n // 12)
    out: list[str] = [
        f"# Synthetic argument map: {n} claims, seed {seed} (benchmarks/generate.py).",
        f"title: A synthetic debate of {n} claims",
        "source:",
        f"  title: Synthetic report {seed}",
        "  publisher: argmap benchmarks",
        '  date: "2024-01"',
        "  kind: report",
        f"thesis: {ids[0]}",
        "",
        "themes:",
    ]
    out += [f"  {k}: {v}" for k, v in THEMES.items()]
    out += ["", "claims:"]
    for rank, c in enumerate(claim_order):
        out.append(f"  {ids[c]}:")
        out.append(f"    text: {texts[c]}")
        out.append(f"    theme: {b.theme[c]}")
        para = min(paras, 1 + rank * paras // n + rng.randint(0, 1))
        if rng.random() < SOURCE_RATE:
            words = texts[c].rstrip(".").split()
            q = rng.randint(4, min(9, len(words)))
            s = rng.randint(0, len(words) - q)
            quote = " ".join(words[s:s + q]).lower()
            out.append(f'    source: {{para: {para}, quote: "{quote}"}}')
        else:  # every claim cites its paragraph; half quote it too
            out.append(f"    source: {{para: {para}}}")
    out += ["", "arguments:" if b.args else "arguments: []"]
    arg_id = {j: f"arg-{j:x}" for j in b.arg_needs_id}
    for j in arg_order:
        relation, target, premises = b.args[j]
        parts = []
        if j in arg_id:
            parts.append(f"id: {arg_id[j]}")
        tid = arg_id[target[1]] if isinstance(target, tuple) else ids[target]
        parts.append(f"{relation}: {tid}")
        parts.append("premises: [" + ", ".join(ids[p] for p in premises) + "]")
        if rng.random() < LABEL_RATE:
            words = texts[premises[0]].rstrip(".").replace(",", "").lower().split()
            parts.append("label: " + " ".join(words[:rng.randint(3, 6)]))
        out.append("  - {" + ", ".join(parts) + "}")
    out.append("")
    return "\n".join(out)


def stats(text: str) -> dict:
    """Shape statistics of a generated map (loads it with argmap)."""
    from argmap.loader import loads

    amap = loads(text)
    g = amap.graph
    claims = list(amap.claims())
    args = list(amap.arguments())
    attacks = [a for a in args if g.nodes[a]["relation"] == "attack"]
    undercuts = [a for a in attacks if g.nodes[g.nodes[a]["target"]]["kind"] == "argument"]
    linked = [a for a in args if len(g.nodes[a]["premises"]) > 1]
    shared = [c for c in claims if len(g.succ[c]) > 1]
    # depth: claim levels below the thesis, through any argument (BFS)
    level = {amap.thesis: 0}
    frontier = [amap.thesis]
    while frontier:
        nxt = []
        for c in frontier:
            for a in g.pred[c]:
                for p in g.pred[a]:
                    if p not in level:
                        level[p] = level[c] + 1
                        nxt.append(p)
                for u in g.pred[a]:  # undercuts of a: their premises
                    if g.nodes[u]["kind"] == "argument":
                        for p in g.pred[u]:
                            if p not in level:
                                level[p] = level[c] + 1
                                nxt.append(p)
        frontier = nxt
    words = [len(g.nodes[c]["text"].split()) for c in claims]
    n_args = max(1, len(args))
    return {
        "claims": len(claims), "arguments": len(args), "edges": g.number_of_edges(),
        "arguments/claim": round(len(args) / len(claims), 3),
        "edges/claim": round(g.number_of_edges() / len(claims), 3),
        "premise links/claim": round(sum(len(g.nodes[a]["premises"]) for a in args)
                                     / len(claims), 3),
        "attacks %": round(100 * len(attacks) / n_args, 1),
        "undercuts %": round(100 * len(undercuts) / n_args, 1),
        "linked %": round(100 * len(linked) / n_args, 1),
        "shared claims %": round(100 * len(shared) / len(claims), 1),
        "max depth": max(level.values()),
        "words min/mean/max": (min(words), round(sum(words) / len(words), 1), max(words)),
        "with source %": round(100 * sum(1 for c in claims if g.nodes[c]["para"])
                               / len(claims), 1),
        "themes": len({g.nodes[c]["theme"] for c in claims}),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of claims")
    ap.add_argument("-o", "--output", required=True, help="YAML file to write ('-': stdout)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stats", action="store_true", help="print shape statistics (needs argmap)")
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("N must be at least 1")
    text = generate(a.n, a.seed)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        Path(a.output).parent.mkdir(parents=True, exist_ok=True)
        Path(a.output).write_text(text, encoding="utf-8")
    if a.stats:
        for k, v in stats(text).items():
            print(f"{k:>20}: {v}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
