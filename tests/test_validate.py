"""The validator: one minimal map per warning, the line each warning points to, and silence when
the loader already found errors."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.loader import loads
from argmap.validate import WARNING_CODES, check_text, validate

CLEAN = """\
thesis: tram
claims:
  tram: Build the tram.
  green: It cuts emissions.
  cost: It costs too much.
  fixed: The contract is fixed-price.
arguments:
  - supports: tram
    premises: [green]
  - id: overrun
    attacks: tram
    premises: [cost]
  - attacks: overrun
    premises: [fixed]
"""


def test_a_sound_map_has_no_warnings(diagnostics):
    assert diagnostics(CLEAN, check=True) == []


def test_support_cycle(diagnostic, where):
    text = """\
thesis: t
claims:
  t: T.
  a: A.
  b: B.
arguments:
  - supports: t
    premises: [a]
  - supports: a
    premises: [b]
  - supports: b
    premises: [a]
"""
    d = diagnostic(text, "support-cycle", check=True)
    assert d.severity == "warning"
    assert (d.file, d.line, d.col) == ("m.yaml", *where(text, "a: A."))  # first member in file
    assert "a -> b -> a" in d.message
    assert d.hint


def test_a_cycle_of_attacks_is_not_a_support_cycle(codes):
    text = """\
claims: {a: A., b: B., c: C., d: D.}
arguments:
  - {supports: a, premises: [b]}
  - {attacks: b, premises: [c]}
  - {attacks: c, premises: [d]}
  - {attacks: d, premises: [c]}
"""
    assert "support-cycle" not in codes(text, check=True)


def test_a_long_support_cycle_through_linked_premises(diagnostic, where):
    text = """\
claims:
  a: A.
  b: B.
  c: C.
  d: D.
arguments:
  - {supports: a, premises: [b, d]}
  - {supports: b, premises: [c]}
  - {supports: c, premises: [a]}
"""
    d = diagnostic(text, "support-cycle", check=True)
    assert (d.line, d.col) == where(text, "a: A.")
    assert "a -> b -> c -> a" in d.message
    assert "d ->" not in d.message and "-> d" not in d.message  # d is a premise, not in the circle


def test_unused_claim(diagnostic, codes, where):
    text = """\
thesis: t
claims:
  t: T.
  r: R.
  lonely: L.
arguments:
  - supports: t
    premises: [r]
"""
    d = diagnostic(text, "unused-claim", check=True)
    assert (d.line, d.col) == where(text, "lonely")
    assert "'lonely'" in d.message and d.severity == "warning"
    assert codes(text, check=True) == ["unused-claim"]


def test_without_a_thesis_a_supported_root_is_not_unused_but_a_lone_claim_is(diagnostics, where):
    text = """\
claims:
  t: T.
  r: R.
  lonely: L.
arguments:
  - supports: t
    premises: [r]
"""
    found = [(d.code, d.line) for d in diagnostics(text, check=True)]
    assert found == [("unused-claim", where(text, "lonely")[0])]


def test_unsupported_thesis(diagnostic, where):
    text = """\
thesis: t
claims:
  r: R.
  t: T.
arguments:
  - attacks: t
    premises: [r]
"""
    d = diagnostic(text, "unsupported-thesis", check=True)
    assert (d.line, d.col) == where(text, "t: T.")
    assert "'t'" in d.message
    assert "supports: t" in d.hint


def test_a_given_thesis_needs_no_support(codes):
    text = """\
thesis: t
claims:
  r: R.
  t: {text: T., given: true}
arguments:
  - attacks: t
    premises: [r]
"""
    assert "unsupported-thesis" not in codes(text, check=True)


def test_duplicate_text_ignores_case_spacing_and_final_punctuation(diagnostic, where):
    text = """\
thesis: t
claims:
  t: T.
  r: Tea is warm.
  s: "  tea   IS warm!"
arguments:
  - supports: t
    premises: [r, s]
"""
    d = diagnostic(text, "duplicate-text", check=True)
    assert (d.line, d.col) == where(text, "s: \"")  # the second one is the one to merge away
    assert "'s'" in d.message and "'r'" in d.message


def test_different_texts_are_not_duplicates(codes):
    text = """\
thesis: t
claims:
  t: T.
  r: Tea is warm.
  s: Tea is not warm.
arguments:
  - supports: t
    premises: [r, s]
"""
    assert codes(text, check=True) == []


# a cycle, duplicate texts and an unused claim: several warnings on different lines
WEAK = """\
thesis: t
claims:
  t: T.
  a: A.
  b: A
  lonely: L.
arguments:
  - {supports: a, premises: [b]}
  - {supports: b, premises: [a]}
"""


def test_every_code_the_validator_emits_is_documented_and_a_warning():
    found = validate(loads(WEAK))
    assert {d.code for d in found} <= set(WARNING_CODES)  # every lint: see test_lints.py
    assert all(d.severity == "warning" and not d.is_error for d in found)


def test_warnings_come_in_file_order():
    lines = [d.line for d in validate(loads(WEAK))]
    assert lines == sorted(lines) and len(lines) >= 4


@pytest.mark.parametrize("error", [
    "  x: {txt: X.}\n",        # unknown-key
    "  'bad id': X.\n",        # invalid-id
    "  lonely: Again.\n",      # duplicate-id
])
def test_no_warnings_when_the_loader_found_errors(error):
    # this map would warn (unused claim, unsupported thesis) if it loaded
    text = "thesis: t\nclaims:\n  t: T.\n  lonely: L.\n" + error
    found = check_text(text)
    assert found, "the error itself must be reported"
    assert all(d.is_error for d in found), [d.format() for d in found]


def test_check_text_names_the_file():
    found = check_text("thesis: t\nclaims: {t: T.}\n", "maps/tram.yaml")
    assert [(d.code, d.file) for d in found] == [("unsupported-thesis", "maps/tram.yaml")]


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.lists(st.sampled_from("abcdefgh"),
                                                             max_size=4)))
def test_strongly_connected_agrees_with_networkx(succ):
    import networkx as nx

    from argmap.validate import strongly_connected

    g = nx.DiGraph()
    g.add_nodes_from(succ)
    g.add_edges_from((u, v) for u, vs in succ.items() for v in vs)
    expected = sorted(sorted(c) for c in nx.strongly_connected_components(g))
    assert sorted(sorted(c) for c in strongly_connected(succ)) == expected


def test_an_unused_claim_that_an_argument_supports_is_not_called_used_by_no_argument(diagnostic):
    text = "thesis: t\nclaims: {t: T., r: R., side: S., why: W.}\narguments:\n" \
           "  - {supports: t, premises: [r]}\n  - {supports: side, premises: [why]}\n"
    d = diagnostic(text, "unused-claim", check=True)
    assert "'side'" in d.message and "no argument" not in d.message
    assert "not a premise" in d.message and "support" in d.message


def test_diagnostics_say_whether_they_are_ignored():
    from argmap.errors import Diagnostic

    d = Diagnostic("unused-claim", "warning", "m", ignored="a draft")
    assert d.is_ignored and d.to_dict()["ignored"] == "a draft"
    assert not Diagnostic("unused-claim", "warning", "m").is_ignored


# -- the one pass down the map that the lints share -------------------------------------------------

@st.composite
def tangled_maps(draw):
    """Random maps with circles of support and of attack, undercuts of undercuts, arguments aimed
    at arguments added later, with or without a thesis."""
    from argmap.model import ArgumentMap

    n = draw(st.integers(1, 7))
    claims = [f"c{i}" for i in range(n)]
    m = ArgumentMap(thesis=draw(st.sampled_from([None, "c0", f"c{n - 1}"])))
    for c in claims:
        m.add_claim(c, c.upper() + ".")
    k = draw(st.integers(0, 12))
    names = [f"a{i}" for i in range(k)]
    rows = []
    for name in names:
        premises = draw(st.lists(st.sampled_from(claims), min_size=1, max_size=3, unique=True))
        target = draw(st.sampled_from(claims + names))
        if target in premises or target == name:
            continue
        rows.append((name, draw(st.sampled_from(["support", "attack"])), target, premises, {}))
    while True:  # what is aimed at an argument left out is left out too
        placed = {r[0] for r in rows}
        kept = [r for r in rows if r[2] in claims or r[2] in placed]
        if len(kept) == len(rows):
            break
        rows = kept
    m.add_arguments(rows)
    return m


@given(tangled_maps())
def test_the_shared_pass_finds_the_sides_of_the_query_and_every_circle(m):
    import networkx as nx

    from argmap.queries import sides
    from argmap.validate import Links, _walk

    links = Links.of(m)
    found = _walk(m, links)
    side = sides(m)
    targeted = links.supported | links.attackers.keys()
    assert {n for n in found.case if n in targeted} == {n for n in targeted if 1 in side.get(n, ())}
    on_circles = {n for part in nx.strongly_connected_components(m.graph) if len(part) > 1
                  for n in part}
    assert on_circles <= found.rest


@given(st.lists(st.text(alphabet=st.sampled_from("aB. !?\t\n\u00a0\u2003\x1cÇß"), max_size=8),
                max_size=6))
def test_the_quick_normal_form_of_texts_is_the_normal_form(texts):
    from argmap.validate import _normal, _normals

    assert _normals(texts) == [_normal(t) for t in texts]
    assert _normals([t.replace("\t", " ").strip() for t in texts]) == [
        _normal(t.replace("\t", " ").strip()) for t in texts]


def test_a_mixed_premise_is_found_among_many_targets_for_and_against():
    m = loads("claims: {t: T., u: U., p: P., q: Q.}\narguments: ["
              "{supports: t, premises: [q]}, {attacks: t, premises: [p]},"
              "{supports: u, premises: [p]}, {attacks: u, premises: [q]},"
              "{supports: u, premises: [q, t]}]")
    assert [d.message for d in validate(m) if d.code == "mixed-premise"] == [
        "claim 'q' is a premise both for and against 'u' (in 'q+t--supports--u' and "
        "'q--attacks--u')"]
