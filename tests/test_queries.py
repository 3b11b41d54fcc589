"""The queries (argmap.queries) on small hand-built maps whose answers were worked out by hand.

Every expected value below is written from the definitions in the docstrings of
``argmap.queries`` and ``docs/queries.md``, never copied from the functions' output. The maps:

* ``TRAM``: a thesis with independent reasons, a linked argument, an undercut of a reason, an
  objection answered by a rebuttal, an objection answered by an undercut that is itself undercut,
  an attack on a premise two levels down, and a claim used twice in the support tree.
* ``LOOPS``: no thesis, a support cycle (a <-> b), two disconnected trees, mutual rebuttals (y <-> z).
* ``SHARED``: one claim that is a premise of both a reason and an objection (on both sides).
* ``CHAINS``: one premise bearing on the thesis along chains of different lengths and signs.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, UnknownIdError, loads
from argmap.queries import (
    ROLES,
    answers_to,
    chains,
    is_answered,
    list_nodes,
    map_stats,
    objections_to,
    roles,
    sides,
    subset,
    support_tree,
    unanswered_objections,
    unsupported_claims,
)

TRAM = """
title: Tram
thesis: build
themes: {climate: Climate, service: Service, cost: Cost, noise: Noise}
claims:
  build: {text: The city should build the tram., source: {para: 1, quote: build the line}}
  emissions: {text: The tram would cut emissions., theme: climate, source: {para: 3}}
  clean-power: {text: The tram runs on clean power., theme: climate}
  coal: {text: The grid still burns coal., theme: climate, source: {para: 4, quote: burns coal}}
  fewer-cars: {text: The tram would take cars off the road., theme: climate, tags: [traffic]}
  riders: {text: "Forecasts show 40,000 riders a day.", theme: service, given: true, source: {para: 2}}
  forecast-sound: {text: The forecast method is sound., theme: service}
  pandemic: {text: The forecast predates the pandemic., theme: service}
  cost: {text: Tram projects run over budget., theme: cost, tags: [concession]}
  fixed: {text: The contract is fixed-price., theme: cost, source: {para: 5, quote: a fixed price}}
  noise: {text: Trams are noisy., theme: noise, tags: [concession]}
  squeal: {text: Worn tram rails squeal louder than cars., theme: noise}
arguments:
  - {id: green, supports: build, premises: [emissions]}
  - {id: busy, supports: build, premises: [riders, forecast-sound], title: enough riders}
  - {id: dated, attacks: busy, premises: [pandemic]}
  - {id: power, supports: emissions, premises: [clean-power]}
  - {id: cars, supports: emissions, premises: [fewer-cars]}
  - {id: ridership, supports: emissions, premises: [riders]}
  - {id: dirty, attacks: clean-power, premises: [coal]}
  - {id: overrun, attacks: build, premises: [cost]}
  - {id: capped, attacks: cost, premises: [fixed]}
  - {id: noisy, attacks: build, premises: [noise]}
  - {id: quiet, attacks: noisy, premises: [fewer-cars]}
  - {id: squealing, attacks: quiet, premises: [squeal]}
"""
# In words: build <- green(emissions), build <- busy(riders + forecast-sound, linked);
# dated undercuts busy; emissions <- power(clean-power), cars(fewer-cars), ridership(riders);
# dirty attacks clean-power (a premise two levels down); overrun attacks build and capped
# rebuts its premise; noisy attacks build, quiet undercuts noisy, squealing undercuts quiet.

TRAM_CLAIMS = ["build", "emissions", "clean-power", "coal", "fewer-cars", "riders",
               "forecast-sound", "pandemic", "cost", "fixed", "noise", "squeal"]
TRAM_ARGUMENTS = ["green", "busy", "dated", "power", "cars", "ridership", "dirty", "overrun",
                  "capped", "noisy", "quiet", "squealing"]

LOOPS = """
title: Loops
claims: {a: A., b: B., c: C., d: D., w: W., x: X., y: Y., z: Z.}
arguments:
  - {id: ab, supports: b, premises: [a]}
  - {id: ba, supports: a, premises: [b]}
  - {id: ca, supports: a, premises: [c]}
  - {id: ad, supports: d, premises: [a]}
  - {id: wc, attacks: c, premises: [w]}
  - {id: yx, supports: x, premises: [y]}
  - {id: zy, attacks: y, premises: [z]}
  - {id: yz, attacks: z, premises: [y]}
"""
# No thesis, so the roots are the claims that are premises of nothing: d and x.
# Tree 1: d <- ad(a); a <- ba(b), ca(c); b <- ab(a) (the support cycle); wc attacks c.
# Tree 2: x <- yx(y); zy attacks y with z, and yz attacks z with y (mutual rebuttals).

SHARED = """
thesis: t
claims:
  t: We should walk to work.
  s: Walking to work takes an hour.
  r: An hour is too long to spend commuting.
  d: The route is shorter than the map says.
  q: An hour of walking replaces the gym.
arguments:
  - {id: pro, supports: t, premises: [s], title: an hour of exercise}
  - {id: con, attacks: t, premises: [s, r]}
  - {id: doubt, attacks: s, premises: [d]}
  - {id: deny-r, attacks: r, premises: [q]}
"""
# s is a premise of a reason (pro, side +1) and of an objection (con, side -1): both sides.

CHAINS = """
thesis: t
claims: {t: T., p: P., a: A., c: C., o: O.}
arguments:
  - {id: s0, supports: t, premises: [p]}
  - {id: s1, supports: a, premises: [p]}
  - {id: s2, supports: t, premises: [a]}
  - {id: k1, attacks: c, premises: [p]}
  - {id: s3, supports: t, premises: [c]}
  - {id: k2, attacks: o, premises: [p]}
  - {id: k3, attacks: t, premises: [o]}
  - {id: u, attacks: k3, premises: [p]}
"""
# From p to t: directly (s0); by undercutting the objection k3 (u); support-support (s1, s2);
# attack-support (k1 denies c, a reason for t); attack-attack (k2 denies o, the premise of k3).


@pytest.fixture(scope="module")
def tram():
    return loads(TRAM)


@pytest.fixture(scope="module")
def loops():
    return loads(LOOPS)


@pytest.fixture(scope="module")
def shared():
    return loads(SHARED)


@pytest.fixture(scope="module")
def chain_map():
    return loads(CHAINS)


def ids(items):
    return [i["id"] for i in items]


@contextmanager
def deadline(seconds: float = 10):
    """Fail instead of hanging when a walk loops forever (POSIX only; elsewhere no guard)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def timeout(signum, frame):
        raise AssertionError(f"did not finish in {seconds} s (a cycle walked forever?)")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_maps_load_as_written(tram, loops):
    # the fixtures' order is what the "file" sort and the written-order results rely on
    assert list(tram.claims()) == TRAM_CLAIMS
    assert list(tram.arguments()) == TRAM_ARGUMENTS
    assert loops.thesis is None and loops.roots() == ["d", "x"]


# -- sides ---------------------------------------------------------------------------------------

def test_sides_of_every_node_below_the_thesis(tram):
    plus = {"build", "green", "busy", "emissions", "riders", "forecast-sound", "power", "cars",
            "ridership", "clean-power", "fewer-cars", "capped", "fixed", "quiet"}
    # an objection and its premises are on the other side, and so is anything undercutting a
    # node of the thesis's side (dated undercuts busy, squealing undercuts quiet)
    minus = {"overrun", "cost", "noisy", "noise", "dated", "pandemic", "dirty", "coal",
             "squealing", "squeal"}
    expected = {n: {1} for n in plus} | {n: {-1} for n in minus}
    assert sides(tram) == expected


def test_sides_from_another_top(tram):
    # from cost's point of view the rebuttal capped is the opposition
    assert sides(tram, ["cost"]) == {"cost": {1}, "capped": {-1}, "fixed": {-1}}


def test_a_claim_used_for_and_against_is_on_both_sides(shared):
    assert sides(shared) == {
        "t": {1}, "pro": {1}, "con": {-1}, "r": {-1},
        "s": {1, -1},
        # doubt attacks s: against pro (side -1) and against con (side +1) at once
        "doubt": {1, -1}, "d": {1, -1},
        # deny-r attacks r, a premise of the objection: it helps the thesis
        "deny-r": {1}, "q": {1},
    }


# -- roles ---------------------------------------------------------------------------------------

def test_roles_of_every_claim(tram):
    r = roles(tram)
    assert {c: r[c] for c in TRAM_CLAIMS} == {
        "build": ["thesis"],
        "emissions": ["reason"],  # supported by power, cars and ridership: not a basis premise
        "clean-power": ["reason", "basis premise"],
        "coal": ["objection", "basis premise"],  # attacks clean-power, on the thesis's side
        "fewer-cars": ["reason", "undercut", "basis premise"],  # premise of cars and of quiet
        "riders": ["reason", "basis premise"],  # premise of two reasons, still one role
        "forecast-sound": ["reason", "basis premise"],
        "pandemic": ["undercut", "basis premise"],
        "cost": ["objection", "basis premise"],  # attacked by capped, but nothing supports it
        "fixed": ["reply", "basis premise"],
        "noise": ["objection", "basis premise"],
        "squeal": ["undercut", "basis premise"],  # an undercut of an undercut is an undercut
    }


def test_roles_of_every_argument(tram):
    r = roles(tram)
    assert {a: r[a] for a in TRAM_ARGUMENTS} == {
        "green": ["reason"], "busy": ["reason"], "power": ["reason"], "cars": ["reason"],
        "ridership": ["reason"],
        "dated": ["undercut"], "quiet": ["undercut"], "squealing": ["undercut"],
        "dirty": ["objection"], "overrun": ["objection"], "noisy": ["objection"],
        "capped": ["reply"],
    }


def test_roles_are_listed_in_the_order_of_ROLES(tram):
    r = roles(tram)
    for found in r.values():
        assert found == sorted(found, key=ROLES.index)


def test_roles_of_a_claim_on_both_sides(shared):
    r = roles(shared)
    assert r["s"] == ["reason", "objection", "basis premise"]
    assert r["r"] == ["objection", "basis premise"]
    # doubt attacks s, which is (also) on the thesis's side: an objection, not a reply
    assert r["doubt"] == ["objection"] and r["d"] == ["objection", "basis premise"]
    assert r["deny-r"] == ["reply"] and r["q"] == ["reply", "basis premise"]


def test_roles_accept_precomputed_sides(tram):
    assert roles(tram, sides(tram)) == roles(tram)


# -- list_nodes ----------------------------------------------------------------------------------

def test_list_kind_sorted_by_id(tram):
    assert ids(list_nodes(tram, kind="claim")) == sorted(TRAM_CLAIMS)
    assert ids(list_nodes(tram, kind="argument")) == sorted(TRAM_ARGUMENTS)
    assert ids(list_nodes(tram)) == sorted(TRAM_CLAIMS + TRAM_ARGUMENTS)


def test_list_rows_of_a_claim_and_of_an_argument(tram):
    assert list_nodes(tram, text="40,000") == [
        {"id": "riders", "kind": "claim", "text": "Forecasts show 40,000 riders a day.",
         "roles": ["reason", "basis premise"], "theme": "service", "para": 2, "given": True}]
    (fewer,) = list_nodes(tram, tag="traffic")
    assert fewer == {"id": "fewer-cars", "kind": "claim",
                     "text": "The tram would take cars off the road.",
                     "roles": ["reason", "undercut", "basis premise"], "theme": "climate",
                     "tags": ["traffic"]}
    rows = {r["id"]: r for r in list_nodes(tram, kind="argument")}
    # an argument's text is its label, else its premises; build has no theme, so busy has none
    assert rows["busy"] == {"id": "busy", "kind": "argument", "text": "enough riders",
                            "roles": ["reason"], "relation": "support", "target": "build",
                            "premises": ["riders", "forecast-sound"]}
    # cars is about emissions, a climate claim
    assert rows["cars"]["theme"] == "climate" and rows["cars"]["text"] == "fewer-cars"
    # an undercut takes the theme of the claim it is ultimately about (squealing -> quiet ->
    # noisy -> build): none here
    assert "theme" not in rows["squealing"]


def test_list_filters(tram):
    # the theme's claims; the arguments about them (power, cars, ridership, dirty) with their
    # premises (riders, of service); the arguments made of them (green, quiet) with what they
    # are aimed at (build, noisy and its premise noise); and the answer to quiet (squealing)
    assert ids(list_nodes(tram, theme="climate")) == [
        "build", "cars", "clean-power", "coal", "dirty", "emissions", "fewer-cars", "green",
        "noise", "noisy", "power", "quiet", "riders", "ridership", "squeal", "squealing"]
    assert ids(list_nodes(tram, tag="concession")) == ["cost", "noise"]
    # text is matched case-insensitively against claim texts and argument labels
    assert ids(list_nodes(tram, text="RAILS")) == ["squeal"]
    assert ids(list_nodes(tram, text="Riders")) == ["busy", "riders"]
    assert ids(list_nodes(tram, role="reply")) == ["capped", "fixed"]
    assert ids(list_nodes(tram, role="undercut")) == [
        "dated", "fewer-cars", "pandemic", "quiet", "squeal", "squealing"]
    assert ids(list_nodes(tram, role="thesis")) == ["build"]
    assert ids(list_nodes(tram, kind="claim", role="basis premise")) == [
        "clean-power", "coal", "cost", "fewer-cars", "fixed", "forecast-sound", "noise",
        "pandemic", "riders", "squeal"]
    # focus: the case of cost is cost, the rebuttal against it and the rebuttal's premise
    assert ids(list_nodes(tram, focus="cost")) == ["capped", "cost", "fixed"]
    assert ids(list_nodes(tram, focus="emissions", kind="claim")) == [
        "clean-power", "coal", "emissions", "fewer-cars", "riders"]
    assert list_nodes(tram, tag="nothing-has-this") == []


def test_list_sorts(tram):
    claims = lambda sort: ids(list_nodes(tram, kind="claim", sort=sort))  # noqa: E731
    assert claims("file") == TRAM_CLAIMS
    assert ids(list_nodes(tram, sort="file")) == TRAM_CLAIMS + TRAM_ARGUMENTS
    # paragraphs 1..5, then the claims without a paragraph in the order written
    assert claims("para") == ["build", "riders", "emissions", "coal", "fixed",
                              "clean-power", "fewer-cars", "forecast-sound", "pandemic", "cost",
                              "noise", "squeal"]
    # by theme id, then id; no theme last
    assert claims("theme") == ["clean-power", "coal", "emissions", "fewer-cars", "cost", "fixed",
                               "noise", "squeal", "forecast-sound", "pandemic", "riders", "build"]


def test_list_unknown_focus_or_theme(tram):
    with pytest.raises(UnknownIdError, match="did you mean 'emissions'"):
        list_nodes(tram, focus="emission")
    with pytest.raises(UnknownIdError, match="no theme 'weather'"):
        list_nodes(tram, theme="weather")


# -- subset --------------------------------------------------------------------------------------

def test_subset(tram):
    assert subset(tram) == set(TRAM_CLAIMS + TRAM_ARGUMENTS)
    assert subset(tram, focus="cost") == {"cost", "capped", "fixed"}
    # overrun is made of a cost claim: it comes with its target, build, and its answer, capped
    assert subset(tram, theme="cost") == {"cost", "fixed", "capped", "overrun", "build"}
    # ridership is about emissions (climate), so its premise riders (service) comes with it
    assert subset(tram, focus="emissions", theme="climate") == {
        "emissions", "clean-power", "fewer-cars", "coal", "power", "cars", "ridership", "dirty",
        "riders"}


PRIVACY = """
thesis: cams
themes: {privacy: Privacy, safety: Safety}
claims:
  cams: {text: Put cameras in the shop., theme: safety}
  private: {text: Cameras respect privacy here., theme: privacy}
  filmed: Staff are filmed all day.
  blurred: Faces are blurred in the recordings.
  raw: The raw footage is kept.
arguments:
  - {supports: cams, premises: [private]}
  - {id: privacy-objection, attacks: private, premises: [filmed]}
  - {id: privacy-reply, attacks: privacy-objection, premises: [blurred]}
  - {attacks: privacy-reply, premises: [raw]}
"""


def test_subset_depth_counts_from_the_thesis_without_focus(tram):
    assert subset(tram, depth=0) == {"build"}
    one = subset(tram, depth=1)
    assert {"green", "emissions", "busy", "riders", "overrun", "cost", "dated"} <= one
    assert "power" not in one and "clean-power" not in one  # two levels down


def test_subset_depth_reaches_a_claim_at_its_nearest_level():
    # b is a premise at level 1 (t <- b) and at level 2 (t <- a <- b); whichever the walk meets
    # first, within depth 2 b's own reason c must be drawn
    m = loads("thesis: t\nclaims: {t: T., a: A., b: B., c: C.}\narguments: ["
              "{supports: t, premises: [b]}, {supports: t, premises: [a]},"
              "{supports: a, premises: [b]}, {supports: b, premises: [c]}]")
    assert "c" in subset(m, focus="t", depth=2) and "c" in subset(m, depth=2)


def test_a_theme_keeps_the_attacks_on_its_members_and_their_answers():
    m = loads(PRIVACY)
    part = subset(m, theme="privacy")
    # private's own reason comes with what it is aimed at (the thesis), as context
    assert part == {"private", "privacy-objection", "filmed", "privacy-reply", "blurred",
                    "raw--attacks--privacy-reply", "raw", "private--supports--cams", "cams"}
    s = map_stats(m, nodes=part)
    assert (s["claims"], s["supports"], s["attacks"], s["undercuts"]) == (5, 1, 3, 2)
    # roles are the roles in the whole map: cams stays the one thesis (before, every claim cut
    # off from it became a root), filmed an objection, blurred and raw undercuts
    assert s["by_role"] == {"thesis": 1, "reason": 1, "objection": 1, "undercut": 2,
                            "basis premise": 4}
    # the same rule in every command that takes --theme
    assert ids(list_nodes(m, theme="privacy", kind="argument")) == [
        "privacy-objection", "privacy-reply", "private--supports--cams",
        "raw--attacks--privacy-reply"]


# -- answers_to / is_answered ---------------------------------------------------------------------

def test_answers_to(tram):
    assert answers_to(tram, "overrun") == ["capped"]  # a rebuttal of its premise
    assert answers_to(tram, "noisy") == ["quiet"]  # an undercut
    # structurally answered even though the answer is itself undercut
    assert answers_to(tram, "quiet") == ["squealing"]
    assert answers_to(tram, "squealing") == []
    assert answers_to(tram, "capped") == []
    assert answers_to(tram, "dated") == [] and answers_to(tram, "dirty") == []
    assert [is_answered(tram, a) for a in ("overrun", "noisy", "quiet", "squealing", "dirty")] == [
        True, True, True, False, False]


def test_answers_to_lists_undercuts_then_premise_attacks_once_each(shared):
    # con has two premises, s (attacked by doubt) and r (attacked by deny-r)
    assert answers_to(shared, "con") == ["doubt", "deny-r"]
    assert is_answered(shared, "con") and not is_answered(shared, "doubt")


# -- support_tree --------------------------------------------------------------------------------

def test_support_tree_of_the_thesis(tram):
    tree = support_tree(tram, "build")
    assert tree["id"] == "build" and tree["text"] == "The city should build the tram."
    assert "ref" not in tree and "hidden" not in tree
    # both objections to the thesis are answered: overrun by capped, noisy by quiet
    assert tree["objections"] == [
        {"id": "overrun", "premises": ["cost"], "answered": True},
        {"id": "noisy", "premises": ["noise"], "answered": True}]
    green, busy = tree["arguments"]
    assert (green["id"], green["title"], green["linked"], green["undercuts"]) == (
        "green", None, False, [])
    # the linked premises of busy are grouped under one argument, in the order written
    assert (busy["id"], busy["title"], busy["linked"]) == ("busy", "enough riders", True)
    assert ids(busy["premises"]) == ["riders", "forecast-sound"]
    assert busy["undercuts"] == [{"id": "dated", "premises": ["pandemic"], "answered": False}]
    (emissions,) = green["premises"]
    assert emissions["objections"] == []
    assert ids(emissions["arguments"]) == ["power", "cars", "ridership"]
    clean_power = emissions["arguments"][0]["premises"][0]
    # the attack two levels down is met where it lands
    assert clean_power == {"id": "clean-power", "text": "The tram runs on clean power.",
                           "objections": [{"id": "dirty", "premises": ["coal"],
                                           "answered": False}],
                           "arguments": []}
    fewer = emissions["arguments"][1]["premises"][0]
    assert fewer == {"id": "fewer-cars", "text": "The tram would take cars off the road.",
                     "objections": [], "arguments": []}


def test_support_tree_claim_met_twice_is_a_ref(tram):
    tree = support_tree(tram, "build")
    green, busy = tree["arguments"]
    under_ridership = green["premises"][0]["arguments"][2]["premises"][0]
    under_busy = busy["premises"][0]
    assert under_ridership["id"] == under_busy["id"] == "riders"
    # exactly one of the two is expanded, the other is a bare reference
    refs = [n for n in (under_ridership, under_busy) if n.get("ref")]
    assert len(refs) == 1
    assert refs[0] == {"id": "riders", "text": "Forecasts show 40,000 riders a day.", "ref": True}


def test_support_tree_ref_comes_after_the_expanded_claim_in_reading_order(tram):
    # Read top-down in the order written (green before busy), riders is first met under
    # green -> emissions -> ridership; the second meeting, under busy, should be the reference.
    # `argmap why` prints a ref as "↑ riders (shown above)", which must point upwards.
    green, busy = support_tree(tram, "build")["arguments"]
    under_ridership = green["premises"][0]["arguments"][2]["premises"][0]
    assert "ref" not in under_ridership and under_ridership["arguments"] == []
    assert busy["premises"][0].get("ref") is True


def test_support_tree_depth_limit_does_not_hide_a_claim_met_again_higher_up():
    # x is a reason for t (level 1) and, through y, a reason two levels down (level 2). With
    # depth 2, x's own reason D (premise z, level 2) is within the limit and must be shown once:
    # under t -> A -> x, where x is met first and highest. If the deeper meeting is expanded
    # first, it is cut off by the limit and the shallow one becomes a bare ref, so z vanishes.
    m = loads("thesis: t\nclaims: {t: T., x: X., y: Y., z: Z.}\narguments: ["
              "{id: A, supports: t, premises: [x]}, {id: B, supports: t, premises: [y]},"
              "{id: C, supports: y, premises: [x]}, {id: D, supports: x, premises: [z]}]")
    a, b = support_tree(m, "t", depth=2)["arguments"]
    (x,) = a["premises"]
    assert x == {"id": "x", "text": "X.", "objections": [], "arguments": [
        {"id": "D", "title": None, "linked": False, "undercuts": [], "premises": [
            {"id": "z", "text": "Z.", "objections": [], "arguments": [], "hidden": 0}]}]}
    assert b["premises"][0]["arguments"][0]["premises"] == [{"id": "x", "text": "X.", "ref": True}]


def test_support_tree_depth_limit(tram):
    tree = support_tree(tram, "build", depth=1)
    green, busy = tree["arguments"]
    (emissions,) = green["premises"]
    # emissions is one level down: its objections are listed, its 3 reasons hidden
    assert emissions == {"id": "emissions", "text": "The tram would cut emissions.",
                         "objections": [], "arguments": [], "hidden": 3}
    assert [p["hidden"] for p in busy["premises"]] == [0, 0]
    assert busy["undercuts"] == [{"id": "dated", "premises": ["pandemic"], "answered": False}]
    top = support_tree(tram, "build", depth=0)
    assert top["arguments"] == [] and top["hidden"] == 2
    assert ids(top["objections"]) == ["overrun", "noisy"]


def test_support_tree_of_a_leaf_and_of_an_unknown_id(tram):
    assert support_tree(tram, "coal") == {"id": "coal", "text": "The grid still burns coal.",
                                          "objections": [], "arguments": []}
    with pytest.raises(UnknownIdError, match="did you mean 'build'"):
        support_tree(tram, "buidl")


# -- objections_to -------------------------------------------------------------------------------

def test_objections_to_the_thesis(tram):
    assert objections_to(tram, "build") == [
        # depth 0: rebuttals of the claim itself and undercuts of the arguments for it
        {"id": "overrun", "kind": "rebuttal", "target": "build", "via": "build", "depth": 0,
         "premises": ["cost"], "title": None, "answered": True, "answered_by": ["capped"]},
        {"id": "noisy", "kind": "rebuttal", "target": "build", "via": "build", "depth": 0,
         "premises": ["noise"], "title": None, "answered": True, "answered_by": ["quiet"]},
        {"id": "dated", "kind": "undercut", "target": "busy", "via": "build", "depth": 0,
         "premises": ["pandemic"], "title": None, "answered": False, "answered_by": []},
        # clean-power is two levels of reasons below build (build <- emissions <- clean-power)
        {"id": "dirty", "kind": "undermining", "target": "clean-power", "via": "clean-power",
         "depth": 2,
         "premises": ["coal"], "title": None, "answered": False, "answered_by": []},
    ]
    # attacks on the objections (capped, quiet, squealing) are not attacks on build's case


def test_objections_to_a_lower_claim(tram):
    assert [(o["id"], o["kind"], o["target"], o["depth"]) for o in objections_to(tram, "emissions")] \
        == [("dirty", "undermining", "clean-power", 1)]
    # from cost's side, the rebuttal capped is the objection
    assert [(o["id"], o["kind"], o["answered"]) for o in objections_to(tram, "cost")] == [
        ("capped", "rebuttal", False)]
    assert objections_to(tram, "fixed") == []


def test_objections_to_a_claim_shared_with_an_objection(shared):
    assert [(o["id"], o["kind"], o["target"], o["depth"], o["answered_by"])
            for o in objections_to(shared, "t")] == [
        ("con", "rebuttal", "t", 0, ["doubt", "deny-r"]),
        ("doubt", "undermining", "s", 1, [])]


def test_objections_to_items_say_through_which_claim(tram):
    # The docstring: "Each item says what it attacks (target), through which claim (via)".
    for o in objections_to(tram, "build"):
        assert "via" in o, f"{o['id']} has no 'via'"


def test_objections_to_unknown_id(tram):
    with pytest.raises(UnknownIdError, match="did you mean 'emissions'"):
        objections_to(tram, "emisions")


# -- unanswered_objections -----------------------------------------------------------------------

def test_unanswered_objections_of_the_thesis(tram):
    # overrun and noisy are answered; capped (a rebuttal nobody answers) and quiet attack the
    # other side; what is left attacks the thesis's side and nothing attacks it back.
    assert unanswered_objections(tram) == [
        {"id": "dated", "kind": "undercut", "target": "busy", "premises": ["pandemic"],
         "title": None, "answered": False, "answered_by": []},
        {"id": "dirty", "kind": "undermining", "target": "clean-power", "premises": ["coal"],
         "title": None, "answered": False, "answered_by": []},
        # squealing undercuts quiet, the thesis's answer to noisy: it reopens that flank
        {"id": "squealing", "kind": "undercut", "target": "quiet", "premises": ["squeal"],
         "title": None, "answered": False, "answered_by": []},
    ]


def test_an_unanswered_rebuttal_is_not_an_open_flank(tram):
    assert "capped" not in ids(unanswered_objections(tram))
    assert not is_answered(tram, "capped")


def test_unanswered_focus_changes_the_case(tram):
    assert ids(unanswered_objections(tram, focus="emissions")) == ["dirty"]
    # for the objection's premise cost, the thesis's rebuttal capped is the open flank
    assert ids(unanswered_objections(tram, focus="cost")) == ["capped"]
    assert unanswered_objections(tram, focus="fixed") == []
    with pytest.raises(UnknownIdError, match="did you mean 'cost'"):
        unanswered_objections(tram, focus="cots")


def test_unanswered_theme_filter(tram):
    # climate's fewer-cars is the premise of quiet, which squealing undercuts, unanswered
    assert ids(unanswered_objections(tram, theme="climate")) == ["dirty", "squealing"]
    # the cost theme holds the objection overrun (made of cost), answered by capped
    assert unanswered_objections(tram, theme="cost") == []
    with pytest.raises(UnknownIdError):
        unanswered_objections(tram, theme="weather")


def test_unanswered_with_a_claim_on_both_sides(shared):
    # con is answered (doubt, deny-r); deny-r attacks the other side; doubt attacks s, which is
    # also the premise of the reason pro, and nothing answers it
    assert [(o["id"], o["kind"], o["target"]) for o in unanswered_objections(shared)] == [
        ("doubt", "undermining", "s")]


# -- unsupported_claims --------------------------------------------------------------------------

def test_unsupported_claims(tram):
    # premises with no argument for them and no quote; coal and fixed are quoted,
    # emissions is supported, build is a premise of nothing
    assert unsupported_claims(tram) == [
        {"id": "clean-power", "text": "The tram runs on clean power.", "used_in": ["power"],
         "theme": "climate"},
        {"id": "fewer-cars", "text": "The tram would take cars off the road.",
         "used_in": ["cars", "quiet"], "theme": "climate"},
        {"id": "riders", "text": "Forecasts show 40,000 riders a day.",
         "used_in": ["busy", "ridership"], "given": True, "theme": "service"},
        {"id": "forecast-sound", "text": "The forecast method is sound.", "used_in": ["busy"],
         "theme": "service"},
        {"id": "pandemic", "text": "The forecast predates the pandemic.", "used_in": ["dated"],
         "theme": "service"},
        {"id": "cost", "text": "Tram projects run over budget.", "used_in": ["overrun"],
         "theme": "cost"},
        {"id": "noise", "text": "Trams are noisy.", "used_in": ["noisy"], "theme": "noise"},
        {"id": "squeal", "text": "Worn tram rails squeal louder than cars.",
         "used_in": ["squealing"], "theme": "noise"},
    ]


def test_unsupported_claims_focus_and_theme(tram):
    assert ids(unsupported_claims(tram, focus="emissions")) == ["clean-power", "fewer-cars",
                                                                "riders"]
    assert ids(unsupported_claims(tram, theme="service")) == ["riders", "forecast-sound",
                                                              "pandemic"]
    assert unsupported_claims(tram, focus="fixed") == []  # quoted


# -- chains --------------------------------------------------------------------------------------

def test_chains_with_their_net_effect(chain_map):
    found = chains(chain_map, "p", "t")
    assert [(c["path"], c["relations"], c["effect"]) for c in found] == [
        (["p", "s0", "t"], ["support"], "supports"),
        # shortest first: undercutting the objection k3 is one step shorter than the rest
        (["p", "u", "k3", "t"], ["attack", "attack"], "supports"),
        (["p", "s1", "a", "s2", "t"], ["support", "support"], "supports"),
        (["p", "k1", "c", "s3", "t"], ["attack", "support"], "attacks"),
        (["p", "k2", "o", "k3", "t"], ["attack", "attack"], "supports"),
    ]
    assert found[2]["steps"] == [
        {"premise": "p", "argument": "s1", "relation": "support", "target": "a"},
        {"premise": "a", "argument": "s2", "relation": "support", "target": "t"}]
    assert found[3]["steps"] == [
        {"premise": "p", "argument": "k1", "relation": "attack", "target": "c"},
        {"premise": "c", "argument": "s3", "relation": "support", "target": "t"}]


def test_chains_limit_keeps_the_shortest(chain_map):
    assert [c["path"] for c in chains(chain_map, "p", "t", limit=2)] == [
        ["p", "s0", "t"], ["p", "u", "k3", "t"]]
    assert len(chains(chain_map, "p", "t", limit=1)) == 1


def test_chains_through_undercuts(tram):
    # squeal -> squealing -| quiet -| noisy -| build: three attacks, the objection is reinstated
    (chain,) = chains(tram, "squeal", "build")
    assert chain["path"] == ["squeal", "squealing", "quiet", "noisy", "build"]
    assert chain["relations"] == ["attack", "attack", "attack"]
    assert chain["effect"] == "attacks"
    # fixed rebuts cost, the premise of the objection overrun: it supports build
    (chain,) = chains(tram, "fixed", "build")
    assert (chain["relations"], chain["effect"]) == (["attack", "attack"], "supports")
    # fewer-cars bears on build twice: as a reason and by undercutting noisy
    assert [(c["path"], c["effect"]) for c in chains(tram, "fewer-cars", "build")] == [
        (["fewer-cars", "quiet", "noisy", "build"], "supports"),
        (["fewer-cars", "cars", "emissions", "green", "build"], "supports")]


def test_chain_steps_name_real_premises(chain_map):
    # "steps (premise -> argument -> target)": in p -> u -| k3 -| t, k3 is reached as the target
    # of the undercut u, so u is not a premise of k3 (its premise is o) and must not be given as one.
    for c in chains(chain_map, "p", "t"):
        for step in c["steps"]:
            premise = step["premise"]
            assert premise is None or premise in chain_map.premises(step["argument"]), (
                c["path"], step)


def test_chains_with_no_connection(tram, chain_map):
    assert chains(tram, "build", "coal") == []  # chains run from premise towards conclusion
    assert chains(chain_map, "t", "p") == []


def test_chains_unknown_ids(tram):
    with pytest.raises(UnknownIdError, match="no claim or argument 'squel'; did you mean 'squeal'"):
        chains(tram, "squel", "build")
    with pytest.raises(UnknownIdError, match="did you mean 'build'"):
        chains(tram, "squeal", "bild")


def test_chains_from_a_claim_on_both_sides(shared):
    assert [(c["path"], c["effect"]) for c in chains(shared, "s", "t")] == [
        (["s", "pro", "t"], "supports"), (["s", "con", "t"], "attacks")]
    # doubting s hurts the reason and the objection alike
    assert [(c["path"], c["effect"]) for c in chains(shared, "d", "t")] == [
        (["d", "doubt", "s", "pro", "t"], "attacks"),
        (["d", "doubt", "s", "con", "t"], "supports")]
    assert [c["effect"] for c in chains(shared, "q", "t")] == ["supports"]


def test_chains_between_arguments(oped):
    # from a claim to an argument: the reply undercuts the objection, nothing beyond it
    (c,) = chains(oped, "small-price", "prestige-objection")
    assert c["path"] == ["small-price", "small-price-reply", "prestige-objection"]
    assert (c["relations"], c["effect"]) == (["attack"], "attacks")
    assert c["steps"] == [{"premise": "small-price", "argument": "small-price-reply",
                           "relation": "attack", "target": "prestige-objection"}]
    # from an argument: it is the first step and has no premise on the chain
    (c,) = chains(oped, "prestige-objection", "direct-talks")
    assert c["steps"] == [{"premise": None, "argument": "prestige-objection",
                           "relation": "attack", "target": "direct-talks"}]
    assert chains(oped, "prestige-objection", "prestige-objection") == []


def _diamonds(n, connected):
    """A chain of n diamonds (each level two ways to the next), ending at t or beside it."""
    claims = ["c0: C0."] + [f"l{i}: L{i}.\n  r{i}: R{i}.\n  c{i + 1}: C{i + 1}." for i in range(n)]
    args = []
    for i in range(n):
        for side in "lr":
            args.append(f"{{supports: {side}{i}, premises: [c{i}]}}")
            args.append(f"{{supports: c{i + 1}, premises: [{side}{i}]}}")
    end = f"{{supports: t, premises: [c{n}]}}" if connected else "{supports: t, premises: [x]}"
    return loads("claims:\n  t: T.\n  x: X.\n  " + "\n  ".join(claims)
                 + "\narguments: [" + ", ".join(args + [end]) + "]")


def test_chains_are_bounded_on_exponentially_many_paths():
    # 2^22 paths from c0 to c22: neither the unreachable nor the reachable case may enumerate them
    with deadline(10):
        assert chains(_diamonds(22, connected=False), "c0", "t") == []
        found = chains(_diamonds(22, connected=True), "c0", "t", limit=5)
    assert len(found) == 5 and all(len(c["relations"]) == 45 for c in found)
    assert found[0]["path"][:3] == ["c0", "c0--supports--l0", "l0"]  # ties in reading order



@st.composite
def small_maps(draw):
    """Up to 7 claims with random supports, attacks and undercuts: cycles welcome."""
    n = draw(st.integers(2, 7))
    m = ArgumentMap()
    for i in range(n):
        m.add_claim(f"c{i}", f"C{i}.")
    for k in range(draw(st.integers(1, 12))):
        premises = sorted(set(draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=2))))
        args = [a for a in m.arguments()]
        target = draw(st.sampled_from([f"c{i}" for i in range(n)] + args))
        if target in (f"c{i}" for i in premises):
            continue
        m.add_argument(f"a{k}", draw(st.sampled_from(["support", "attack"])), target,
                       [f"c{i}" for i in premises])
    return m


@settings(max_examples=300, deadline=None)
@given(small_maps(), st.integers(1, 6), st.data())
def test_chains_are_the_shortest_simple_paths(m, limit, data):
    """Against networkx's enumeration of every simple path: the same lengths, shortest first,
    and when all fit in the limit, the same paths in the same order."""
    import networkx as nx

    nodes = list(m.graph)
    source, target = data.draw(st.sampled_from(nodes)), data.draw(st.sampled_from(nodes))
    found = [c["path"] for c in chains(m, source, target, limit=limit)]
    if source == target:
        assert found == []
        return
    order = {n: i for i, n in enumerate(m.graph)}
    every = sorted(nx.all_simple_paths(m.graph, source, target),
                   key=lambda p: (len(p), [order[n] for n in p]))
    assert [len(p) for p in found] == [len(p) for p in every[:limit]]
    assert len({tuple(p) for p in found}) == len(found)
    assert all(p in every for p in found)
    if len(every) <= limit:
        assert found == every


def _chain_of(n, back=False):
    m = ArgumentMap()
    for i in range(n):
        m.add_claim(f"c{i}", f"C{i}.")
    for i in range(n - 1):
        m.add_argument(f"down{i}", "support", f"c{i}", [f"c{i + 1}"])
        if back:  # every claim also supports the one above it: a cycle at every step
            m.add_argument(f"up{i}", "support", f"c{i + 1}", [f"c{i}"])
    return m


def test_chains_along_a_long_chain_take_linear_time():
    # 20,000 claims took 31 s with Yen's algorithm (a spur search from every node of the path)
    m = _chain_of(20_000)
    with deadline(10):
        (c,) = chains(m, "c19999", "c0")
    assert len(c["steps"]) == 19_999 and c["path"][0] == "c19999" and c["path"][-1] == "c0"


def test_chains_through_cycles_take_linear_time_and_stop_at_a_step_budget():
    from argmap.queries import PathLimitError

    m = _chain_of(20_000, back=True)  # a cycle at every step; one simple chain down
    with deadline(10):
        (c,) = chains(m, "c19999", "c0")  # every other way is a dead end, each found at once
        assert len(c["steps"]) == 19_999
        with pytest.raises(PathLimitError, match="more than 1,000 search steps") as e:
            chains(m, "c19999", "c0", steps=1_000)
    assert "--limit" in e.value.hint

# -- map_stats -----------------------------------------------------------------------------------

def test_map_stats(tram):
    assert map_stats(tram) == {
        "title": "Tram",
        "claims": 12,
        "arguments": 12,
        "supports": 5,  # green, busy, power, cars, ridership
        "attacks": 7,
        "linked": 1,  # busy
        "undercuts": 3,  # dated, quiet, squealing
        # counted over claims (see test_roles_of_every_claim); fewer-cars counts 3 times
        "by_role": {"thesis": 1, "reason": 5, "objection": 3, "reply": 1, "undercut": 3,
                    "basis premise": 10},
        "by_theme": {"(none)": 1, "climate": 4, "cost": 2, "noise": 2, "service": 3},
        # build (0) <- emissions (1) <- clean-power (2) <- dirty's premise coal (3): the walk goes
        # through attacks on claims, not through undercuts
        "depth": 3,
        "quoted_share": 0.25,  # build, coal, fixed out of 12
        "verified_share": None,  # no source check asked for
        "given": 1,
        "most_used": [{"id": "fewer-cars", "uses": 2}, {"id": "riders", "uses": 2},
                      {"id": "clean-power", "uses": 1}, {"id": "coal", "uses": 1},
                      {"id": "cost", "uses": 1}],
    }
    assert map_stats(tram, top=1)["most_used"] == [{"id": "fewer-cars", "uses": 2}]


def test_map_stats_by_role_follows_ROLES_and_themes_are_sorted(tram):
    s = map_stats(tram)
    assert list(s["by_role"]) == list(ROLES)
    assert list(s["by_theme"]) == ["(none)", "climate", "cost", "noise", "service"]


# -- cycles and disconnected parts ---------------------------------------------------------------

def test_sides_and_roles_with_cycles_and_two_roots(loops):
    with deadline():
        assert sides(loops) == {
            "d": {1}, "ad": {1}, "a": {1}, "ba": {1}, "ca": {1}, "b": {1}, "c": {1}, "ab": {1},
            "wc": {-1}, "w": {-1},
            "x": {1}, "yx": {1}, "y": {1}, "zy": {-1}, "z": {-1}, "yz": {1}}
        r = roles(loops)
    # both roots are theses; a and b support each other, so neither is a basis premise
    assert {c: r[c] for c in "abcdwxyz"} == {
        "a": ["reason"], "b": ["reason"], "c": ["reason", "basis premise"], "d": ["thesis"],
        "w": ["objection", "basis premise"], "x": ["thesis"],
        "y": ["reason", "reply", "basis premise"], "z": ["objection", "basis premise"]}
    assert r["yz"] == ["reply"] and r["zy"] == ["objection"] and r["wc"] == ["objection"]


def test_support_tree_through_a_cycle(loops):
    with deadline():
        tree = support_tree(loops, "d")
    (ad,) = tree["arguments"]
    (a,) = ad["premises"]
    ba, ca = a["arguments"]
    (b,) = ba["premises"]
    (ab,) = b["arguments"]
    # round the cycle back to a: a reference, not a second expansion
    assert ab["premises"] == [{"id": "a", "text": "A.", "ref": True}]
    assert ca["premises"] == [{"id": "c", "text": "C.", "objections": [
        {"id": "wc", "premises": ["w"], "answered": False}], "arguments": []}]
    with deadline():
        inside = support_tree(loops, "a")
    assert inside["arguments"][0]["premises"][0]["arguments"][0]["premises"] == [
        {"id": "a", "text": "A.", "ref": True}]


def test_queries_on_the_disconnected_cyclic_map(loops):
    with deadline():
        assert objections_to(loops, "d") == [
            {"id": "wc", "kind": "undermining", "target": "c", "via": "c", "depth": 2, "premises": ["w"],
             "title": None, "answered": False, "answered_by": []}]
        assert [(o["id"], o["depth"], o["answered_by"]) for o in objections_to(loops, "x")] == [
            ("zy", 1, ["yz"])]
        # both roots count as the case; zy is answered by the counter-rebuttal yz
        assert ids(unanswered_objections(loops)) == ["wc"]
        assert ids(unanswered_objections(loops, focus="b")) == ["wc"]
        assert unanswered_objections(loops, focus="y") == []
        assert answers_to(loops, "zy") == ["yz"] and answers_to(loops, "yz") == ["zy"]
        assert [(c["id"], c["used_in"]) for c in unsupported_claims(loops)] == [
            ("c", ["ca"]), ("w", ["wc"]), ("y", ["yx", "yz"]), ("z", ["zy"])]
        assert [(c["path"], c["effect"]) for c in chains(loops, "b", "d")] == [
            (["b", "ba", "a", "ad", "d"], "supports")]
        assert [(c["path"], c["effect"]) for c in chains(loops, "z", "x")] == [
            (["z", "zy", "y", "yx", "x"], "attacks")]
        assert chains(loops, "w", "x") == []  # different trees
        assert ids(list_nodes(loops)) == ["a", "ab", "ad", "b", "ba", "c", "ca", "d", "w", "wc",
                                          "x", "y", "yx", "yz", "z", "zy"]
        assert ids(list_nodes(loops, focus="b")) == ["a", "ab", "b", "ba", "c", "ca", "w", "wc"]
        assert ids(list_nodes(loops, role="thesis")) == ["d", "x"]
        assert subset(loops, focus="x") == {"x", "yx", "y", "zy", "z", "yz"}


def test_queries_on_a_map_with_no_root_at_all():
    # every claim is a premise of something (a <-> b, w attacks a): no thesis and no claim that
    # is a premise of nothing. The part that bears on nothing outside itself (a <-> b) is topped
    # by its first claim, a, so the map still has a case, and w's attack on it is an open flank
    m = loads("claims: {w: W., a: A., b: B.}\narguments: [{id: ab, supports: b, premises: [a]},"
              "{id: ba, supports: a, premises: [b]}, {id: wa, attacks: a, premises: [w]}]")
    with deadline():
        assert m.roots() == ["a"]
        assert {n: sorted(s) for n, s in sides(m).items()} == {
            "a": [1], "b": [1], "ab": [1], "ba": [1], "wa": [-1], "w": [-1]}
        r = roles(m)
        assert (r["a"], r["b"], r["w"], r["wa"]) == (
            ["thesis", "reason"], ["reason"], ["objection", "basis premise"], ["objection"])
        assert ids(unanswered_objections(m)) == ["wa"]
        assert ids(unanswered_objections(m, focus="a")) == ["wa"]
        assert [(o["id"], o["kind"], o["depth"]) for o in objections_to(m, "a")] == [
            ("wa", "rebuttal", 0)]
        tree = support_tree(m, "a")
        assert tree["arguments"][0]["premises"][0]["arguments"][0]["premises"] == [
            {"id": "a", "text": "A.", "ref": True}]
        assert [(c["relations"], c["effect"]) for c in chains(m, "w", "b")] == [
            (["attack", "support"], "attacks")]
        s = map_stats(m)
        assert (s["depth"], s["by_role"]) == (
            1, {"thesis": 1, "reason": 2, "objection": 1, "basis premise": 1})
        assert ids(list_nodes(m, role="thesis")) == ["a"]


def test_map_stats_of_the_disconnected_cyclic_map(loops):
    with deadline():
        s = map_stats(loops)
    assert s == {
        "title": "Loops", "claims": 8, "arguments": 8, "supports": 5, "attacks": 3,
        "linked": 0, "undercuts": 0,
        "by_role": {"thesis": 2, "reason": 4, "objection": 2, "reply": 1, "basis premise": 4},
        "by_theme": {"(none)": 8},
        # d (0) <- a (1) <- c (2) <- wc's premise w (3); the cycle back to a is walked once
        "depth": 3,
        "quoted_share": 0.0, "verified_share": None, "given": 0,
        "most_used": [{"id": "a", "uses": 2}, {"id": "y", "uses": 2}, {"id": "b", "uses": 1},
                      {"id": "c", "uses": 1}, {"id": "w", "uses": 1}],
    }


# -- the bundled op-ed map -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def oped():
    return argmap.load()


def test_bundled_map_thesis_and_roles(oped):
    assert oped.thesis == "direct-talks" and oped.roots() == ["direct-talks"]
    r = roles(oped)
    assert r["direct-talks"] == ["thesis"]
    # the objections the author raises himself, and his answers to them
    assert r["kim-prestige"] == ["objection", "basis premise"]
    assert r["margin-contact"] == ["objection", "basis premise"]
    assert r["provocative-act"] == ["objection", "basis premise"]
    assert r["small-price"] == ["undercut"]  # supported by cost-benefit
    # security-unchanged is a reason for partners-wont-act and the answer to the provocation
    assert r["security-unchanged"] == ["reason", "undercut", "basis premise"]


def test_bundled_map_the_author_answers_every_objection(oped):
    assert unanswered_objections(oped) == []
    found = {o["id"]: o for o in objections_to(oped, "direct-talks")}
    assert {"prestige-objection", "margins-objection", "provocation-objection"} <= set(found)
    for oid, answer in [("prestige-objection", "small-price-reply"),
                        ("margins-objection", "margins-reply")]:
        o = found[oid]
        assert (o["kind"], o["target"], o["depth"]) == ("rebuttal", "direct-talks", 0)
        assert o["answered"] and o["answered_by"] == [answer]
    # the provocation objection attacks a premise two levels down:
    # direct-talks <- united-front-flawed <- partners-wont-act
    p = found["provocation-objection"]
    assert (p["kind"], p["target"], p["depth"]) == ("undermining", "partners-wont-act", 2)
    assert p["answered_by"] == ["provocation-reply"]
    assert all(o["answered"] for o in found.values())


def test_bundled_map_prestige_is_a_small_price(oped):
    # small-price answers the prestige objection: attack on an attack, so it supports the thesis
    assert [(c["path"], c["effect"]) for c in chains(oped, "small-price", "direct-talks")] == [
        (["small-price", "small-price-reply", "prestige-objection", "direct-talks"], "supports")]
    # and the prestige concession itself weighs against talks
    assert [c["effect"] for c in chains(oped, "kim-prestige", "direct-talks")] == ["attacks"]


def test_bundled_map_every_claim_is_quoted(oped):
    assert unsupported_claims(oped) == []
    assert map_stats(oped)["quoted_share"] == 1.0
