"""The lints of `argmap check`: one minimal map that triggers each, the place it points to, and
near misses that must stay quiet. Expected positions are read off the input with ``where``."""

import re
from itertools import pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from argmap import load, loads, queries
from argmap.model import ArgumentMap
from argmap.validate import WARNING_CODES, check_text, validate

ROOT = Path(__file__).resolve().parents[1]

# -- unanswered-objection ------------------------------------------------------------------------

OPEN = """\
thesis: t
claims:
  t: T.
  r: R.
  o: O.
arguments:
  - {supports: t, premises: [r]}
  - {id: ob, attacks: t, premises: [o], title: too dear}
"""


def test_unanswered_objection(diagnostic, where):
    d = diagnostic(OPEN, "unanswered-objection", check=True)
    assert d.severity == "warning"
    assert (d.file, d.line, d.col) == ("m.yaml", *where(OPEN, "{id: ob"))
    assert "'ob'" in d.message and "too dear" in d.message and "o" in d.message.split("from ")[-1]
    assert "attacks: ob" in d.hint


def test_an_objection_answered_by_an_undercut_is_not_open(codes):
    text = OPEN + "  - {attacks: ob, premises: [x]}\n"
    text = text.replace("  o: O.\n", "  o: O.\n  x: X.\n")
    assert "unanswered-objection" not in codes(text, check=True)


def test_an_objection_answered_by_an_attack_on_its_premise_is_not_open(codes):
    text = OPEN + "  - {attacks: o, premises: [x]}\n"
    text = text.replace("  o: O.\n", "  o: O.\n  x: X.\n")
    assert "unanswered-objection" not in codes(text, check=True)


def test_a_rebuttal_that_nobody_answers_is_not_an_open_flank(codes):
    text = OPEN + "  - {id: re, attacks: ob, premises: [x]}\n"
    text = text.replace("  o: O.\n", "  o: O.\n  x: X.\n")
    assert codes(text, check=True) == []


def test_an_attack_on_a_rebuttal_reopens_the_flank(diagnostic, where):
    text = OPEN.replace("  o: O.\n", "  o: O.\n  x: X.\n  y: Y.\n") + (
        "  - {id: re, attacks: ob, premises: [x]}\n"
        "  - {id: back, attacks: re, premises: [y]}\n")
    d = diagnostic(text, "unanswered-objection", check=True)
    assert (d.line, d.col) == where(text, "{id: back")
    assert "undercut" in d.message


def test_an_undercut_of_a_reason_deep_in_the_case_is_open(diagnostic, where):
    text = """\
thesis: t
claims: {t: T., r: R., s: S., u: U.}
arguments:
  - {supports: t, premises: [r]}
  - {id: deep, supports: r, premises: [s]}
  - {attacks: deep, premises: [u]}
"""
    d = diagnostic(text, "unanswered-objection", check=True)
    assert (d.line, d.col) == where(text, "{attacks: deep")
    assert "undercut" in d.message and "'deep'" in d.message
    assert "give it an 'id'" in d.hint  # it has no id to aim an undercut at


# -- unsourced-premise ---------------------------------------------------------------------------

SOURCED = """\
source: {title: The report}
thesis: t
claims:
  t: T.
  bare: Bare.
  {extra}
arguments:
  - {supports: t, premises: [bare]}
"""


def sourced(extra=""):
    return SOURCED.replace("  {extra}\n", extra)


def test_unsourced_premise(diagnostic, where):
    text = sourced()
    d = diagnostic(text, "unsourced-premise", check=True)
    assert (d.file, d.line, d.col) == ("m.yaml", *where(text, "bare: Bare."))
    assert "'bare'" in d.message
    assert "para" in d.hint and "supports: bare" in d.hint


def test_a_given_premise_still_needs_a_source(diagnostic, where):
    text = sourced().replace("bare: Bare.", "bare: {text: Bare., given: true}")
    d = diagnostic(text, "unsourced-premise", check=True)
    assert (d.line, d.col) == where(text, "bare:")
    assert "given" in d.message


def test_a_paragraph_or_a_quote_or_an_argument_is_enough(codes):
    for claim in ("bare: {text: Bare., source: {para: 2}}",
                  "bare: {text: Bare., source: {quote: bare}}",
                  "bare: {text: Bare., given: true, source: {para: 2}}"):
        found = codes(sourced().replace("bare: Bare.", claim), check=True)
        # a quote with no text to check it against is worth a note, and no warning
        assert found == (["unverified-quotes"] if "quote" in claim else []), claim
    text = sourced("  why: {text: Why., source: {para: 3}}\n") + \
        "  - {supports: bare, premises: [why]}\n"
    assert codes(text, check=True) == []


def test_a_claim_that_is_no_premise_needs_no_source(diagnostics):
    # the thesis cites nothing either, but it is no premise: the reasoning does not rest on it
    found = [d.message for d in diagnostics(sourced(), check=True)]
    assert len(found) == 1 and "'bare'" in found[0]


def test_a_map_of_no_document_has_nothing_to_cite(codes):
    text = sourced().replace("source: {title: The report}\n", "")
    assert codes(text, check=True) == []
    # a single citation anywhere makes it a map of a document
    cited = text.replace("  t: T.\n", "  t: {text: T., source: {para: 1}}\n")
    assert codes(cited, check=True) == ["unsourced-premise"]


def test_unsourced_premises_are_the_unsupported_claims_with_no_paragraph():
    text = """\
source: {title: R}
claims:
  t: T.
  a: A.
  b: {text: B., source: {quote: b}}
  c: {text: C., source: {para: 4}}
  d: {text: D., given: true}
  e: E.
arguments:
  - {supports: t, premises: [a, b, c, d]}
  - {supports: a, premises: [e]}
"""
    m = loads(text)
    lint = [d.message.split("'")[1] for d in validate(m) if d.code == "unsourced-premise"]
    query = [r["id"] for r in queries.unsupported_claims(m)
             if m.graph.nodes[r["id"]].get("para") is None]
    assert lint == query == ["d", "e"]


# -- mixed-premise -------------------------------------------------------------------------------

def test_mixed_premise(diagnostic, where):
    text = """\
thesis: t
claims:
  t: T.
  r: R.
  both: Both.
arguments:
  - {supports: t, premises: [r]}
  - {id: pro, supports: t, premises: [both]}
  - {id: con, attacks: t, premises: [both]}
"""
    d = diagnostic(text, "mixed-premise", check=True)
    assert (d.file, d.line, d.col) == ("m.yaml", *where(text, "both: Both."))
    assert "'both'" in d.message and "'t'" in d.message
    assert "'pro'" in d.message and "'con'" in d.message


def test_mixed_premise_on_an_argument_and_in_linked_premises(diagnostic, where):
    text = """\
claims: {t: T., r: R., s: S., both: Both.}
arguments:
  - {id: step, supports: t, premises: [r]}
  - {supports: step, premises: [both, s]}
  - {attacks: step, premises: [both]}
"""
    d = diagnostic(text, "mixed-premise", check=True)
    assert (d.line, d.col) == where(text, "both: Both.")
    assert "'step'" in d.message


def test_a_premise_for_one_claim_and_against_another_is_not_mixed(codes):
    text = """\
thesis: t
claims: {t: T., r: R., u: U., both: Both.}
arguments:
  - {supports: t, premises: [both]}
  - {supports: t, premises: [u]}
  - {id: ob, attacks: u, premises: [r]}
  - {attacks: ob, premises: [both]}
"""
    assert codes(text, check=True) == []


def test_a_mixed_premise_is_reported_once_per_target(codes):
    text = """\
claims: {t: T., r: R., both: Both.}
arguments:
  - {supports: t, premises: [both]}
  - {supports: t, premises: [both, r]}
  - {attacks: t, premises: [both]}
  - {attacks: t, premises: [both, r]}
"""
    assert codes(text, check=True).count("mixed-premise") == 2  # both, and r


# -- support-cycle (circular reasoning) ----------------------------------------------------------

def test_a_claim_that_backs_an_inference_leading_to_itself(diagnostic, where):
    text = """\
thesis: t
claims:
  a: A.
  t: T.
arguments:
  - {id: step, supports: t, premises: [a]}
  - {supports: step, premises: [t]}
"""
    d = diagnostic(text, "support-cycle", check=True)
    assert (d.file, d.line, d.col) == ("m.yaml", *where(text, "t: T."))
    assert "t -> step -> t" in d.message


def test_a_circle_through_backed_inferences_and_claims(diagnostic, where):
    text = """\
claims: {t: T., a: A., b: B.}
arguments:
  - {id: s1, supports: t, premises: [a]}
  - {id: s2, supports: s1, premises: [b]}
  - {supports: b, premises: [t]}
"""
    d = diagnostic(text, "support-cycle", check=True)
    assert (d.line, d.col) == where(text, "t: T.")
    assert "t -> s1 -> b -> t" in d.message


def test_backing_an_inference_elsewhere_or_an_attack_is_not_circular(codes):
    text = """\
thesis: t
claims: {t: T., a: A., x: X., o: O.}
arguments:
  - {id: step, supports: t, premises: [a]}
  - {supports: step, premises: [x]}
  - {id: ob, attacks: t, premises: [o]}
  - {supports: ob, premises: [t]}
"""
    assert "support-cycle" not in codes(text, check=True)


# -- single-claim-theme, unused-theme ------------------------------------------------------------

THEMED = """\
thesis: t
themes: {big: Big, small: Small, empty: Empty}
claims:
  t: {text: T., theme: big}
  r: {text: R., theme: big}
  s: {text: S., theme: small}
arguments:
  - {supports: t, premises: [r, s]}
"""


def test_single_claim_theme(diagnostic, where):
    d = diagnostic(THEMED, "single-claim-theme", check=True)
    assert (d.file, d.line, d.col) == ("m.yaml", *where(THEMED, "s: {text: S."))
    assert "'small'" in d.message and "'s'" in d.message


def test_unused_theme_points_at_the_file(diagnostic):
    d = diagnostic(THEMED, "unused-theme", check=True)
    assert (d.file, d.line, d.col) == ("m.yaml", None, None)
    assert "'empty'" in d.message
    assert d.format().startswith("m.yaml: warning unused-theme:")


def test_an_undeclared_theme_with_one_claim(diagnostic, where):
    text = THEMED.replace("themes: {big: Big, small: Small, empty: Empty}\n", "")
    d = diagnostic(text, "single-claim-theme", check=True)
    assert (d.line, d.col) == where(text, "s: {text: S.")


def test_themes_with_two_claims_are_fine(codes):
    text = THEMED.replace("themes: {big: Big, small: Small, empty: Empty}",
                          "themes: {big: Big, small: Small}")
    text = text.replace("r: {text: R., theme: big}", "r: {text: R., theme: small}")
    text = text.replace("t: {text: T., theme: big}", "t: {text: T., theme: small}")
    assert codes(text, check=True) == ["unused-theme"]  # 'big' is left with no claim
    assert codes(text.replace(", small: Small", "").replace("{big: Big}", "{small: Small}"),
                 check=True) == []


# -- all of them -------------------------------------------------------------------------------

EVERY_LINT = """\
source: {title: R}
thesis: t
themes: {one: One, none: None}
claims:
  t: T.
  a: A.
  b: A
  lonely: L.
  o: {text: O., theme: one}
arguments:
  - {supports: a, premises: [b]}
  - {supports: b, premises: [a]}
  - {attacks: t, premises: [o]}
  - {supports: a, premises: [o]}
  - {attacks: a, premises: [o]}
"""


def test_every_warning_code_has_a_map_that_triggers_it_and_nothing_else_is_emitted():
    found = {d.code for d in validate(loads(EVERY_LINT))}
    assert found == set(WARNING_CODES)


def test_the_bundled_map_has_no_warnings():
    assert validate(load()) == []


def test_every_code_is_in_the_lints_table_with_its_rationale():
    text = (ROOT / "docs" / "lints.md").read_text()
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \|", text, re.M))
    assert set(rows) == set(WARNING_CODES)
    for code, rationale in WARNING_CODES.items():
        assert rows[code].strip() == rationale, code


def test_the_example_in_the_lints_doc_gives_the_warnings_shown():
    text = (ROOT / "docs" / "lints.md").read_text()
    example = text.split("## An example")[1]
    yaml_text = re.search(r"```yaml\n(.*?)```", example, re.S).group(1)
    console = re.search(r"```console\n(.*?)```", example, re.S).group(1)
    shown = re.findall(r"^street\.yaml(?::(\d+):\d+)?: warning ([a-z-]+): (.*)$", console, re.M)
    found = [(str(d.line or ""), d.code, d.message) for d in check_text(yaml_text, "street.yaml")]
    assert found == shown


def test_lints_are_iterative_on_deep_maps():
    # a circle of 20,000 supporting claims, and a chain of 20,000 attacks, each on the premise of
    # the one before: every attack is answered but the last, which is a rebuttal (n is even)
    n = 20_000
    m = ArgumentMap(thesis="c0")
    for i in range(n):
        m.add_claim(f"c{i}", f"C{i}.")
        m.add_claim(f"d{i}", f"D{i}.")
    for i in range(n - 1):
        m.add_argument(f"s{i}", "support", f"c{i}", [f"c{i + 1}"])
    m.add_argument("close", "support", f"c{n - 1}", ["c1"])
    m.add_argument("x0", "attack", "c0", ["d0"])
    for i in range(1, n):
        m.add_argument(f"x{i}", "attack", f"d{i - 1}", [f"d{i}"])
    found = validate(m)
    assert [d.code for d in found] == ["support-cycle"]
    assert found[0].message.count(" -> ") == n - 1


# -- agreement with the queries ----------------------------------------------------------------

@st.composite
def maps(draw):
    """Small random maps: claims c0.., arguments a0.. aimed at claims or earlier arguments."""
    n = draw(st.integers(1, 6))
    m = ArgumentMap(thesis=draw(st.sampled_from([None, "c0"])))
    claims = [f"c{i}" for i in range(n)]
    for c in claims:
        m.add_claim(c, c.upper())
    targets = list(claims)
    for i in range(draw(st.integers(0, 8))):
        target = draw(st.sampled_from(targets))
        premises = draw(st.lists(st.sampled_from(claims), min_size=1, max_size=3, unique=True))
        premises = [p for p in premises if p != target]
        if premises:
            m.add_argument(f"a{i}", draw(st.sampled_from(["support", "attack"])), target,
                           premises)
            targets.append(f"a{i}")
    return m


@given(maps())
def test_unanswered_objection_agrees_with_the_query(m):
    lint = [d.message.split("'")[1] for d in validate(m) if d.code == "unanswered-objection"]
    assert sorted(lint) == sorted(o["id"] for o in queries.unanswered_objections(m))


@given(maps())
def test_a_support_cycle_is_reported_exactly_when_support_runs_in_a_circle(m):
    import networkx as nx

    g = nx.DiGraph()  # premise -> support argument -> target, for arguments that back claims
    for a in m.arguments():
        attrs = m.graph.nodes[a]
        t = attrs["target"]
        if attrs["relation"] == "support" and (m.is_claim(t) or m.relation(t) == "support"):
            g.add_edges_from((p, a) for p in attrs["premises"])
            g.add_edge(a, t)
    circles = [c for c in nx.strongly_connected_components(g) if len(c) > 1]
    found = [d for d in validate(m) if d.code == "support-cycle"]
    assert len(found) == len(circles)
    for d in found:  # the path shown goes round: each step rests on the next, in one or two edges
        path = d.message.split(": ", 1)[1].split(" -> ")
        assert path[0] == path[-1] and len(path) > 2
        for x, y in pairwise(path):
            assert g.has_edge(y, x) or any(g.has_edge(a, x) for a in g.succ[y]), (x, y)


# -- the analyst's own claims, and ignored lints ---------------------------------------------------

CRITIQUE = """\
source: {title: The op-ed}
thesis: t
claims:
  t: {text: T., source: {para: 1}}
  r: {text: R., source: {para: 2}}
  mine: {text: The analyst's doubt., by: analyst}
arguments:
  - {supports: t, premises: [r]}
  - {id: doubt, attacks: t, premises: [mine]}
"""


def test_an_analysts_premise_needs_no_source(codes):
    assert codes(CRITIQUE, check=True) == ["unanswered-objection"]
    assert "unsourced-premise" in codes(CRITIQUE.replace(", by: analyst", ""), check=True)


def test_an_argument_ignores_a_lint_with_a_reason(codes):
    text = CRITIQUE.replace("premises: [mine]}", "premises: [mine], ignore: {unanswered-objection: "
                                                 "left open on purpose}}")
    assert codes(text, check=True) == []
    found = check_text(text, "m.yaml", include_ignored=True)
    assert [(d.code, d.ignored) for d in found] == [("unanswered-objection", "left open on purpose")]


def test_an_objections_premise_may_ignore_the_open_flank(codes):
    text = CRITIQUE.replace("by: analyst}", "by: analyst, ignore: {unanswered-objection: open}}")
    assert codes(text, check=True) == []


def test_the_map_ignores_a_lint_everywhere(codes):
    text = CRITIQUE.replace("claims:\n", "claims:\n  lonely: L.\n  lonely2: L2.\n")
    assert codes(text, check=True).count("unused-claim") == 2
    text = "ignore: {unused-claim: a draft}\n" + text
    assert "unused-claim" not in codes(text, check=True)
    ignored = [d for d in validate(loads(text), include_ignored=True) if d.is_ignored]
    assert [d.code for d in ignored] == ["unused-claim", "unused-claim"]
    assert all(d.ignored == "a draft" for d in ignored)


def test_a_claims_ignore_silences_only_its_own_warnings(codes):
    text = CRITIQUE.replace("claims:\n", "claims:\n  lonely: {text: L., ignore: {unused-claim: later}}"
                                         "\n  lonely2: L2.\n")
    assert codes(text, check=True).count("unused-claim") == 1


def test_a_loader_warning_can_be_ignored_by_the_map(codes):
    text = "ignore: {duplicate-tag: imported}\nclaims:\n  a: {text: A., tags: [x, x]}\n  b: B.\n" \
           "arguments: [{supports: a, premises: [b]}]\n"
    assert codes(text, check=True) == []
    assert [d.code for d in check_text(text, include_ignored=True)] == ["duplicate-tag"]


def test_the_ignorable_codes_are_the_warnings():
    from argmap.errors import ERROR_CODES
    from argmap.errors import WARNING_CODES as ALL_WARNINGS

    assert set(WARNING_CODES) <= set(ALL_WARNINGS)
    assert not set(ERROR_CODES) & set(ALL_WARNINGS)
