"""The rich tree of `argmap show` (argmap.render.terminal)."""

import io

from rich.console import Console

from argmap import load, loads
from argmap.outline import outline
from argmap.render.terminal import outline_tree

from samples import TEA


def render(amap, width=80, **kw):
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False)
    console.print(outline_tree(outline(amap, **{k: v for k, v in kw.items() if k != "ids"}),
                               ids=kw.get("ids", True), width=width))
    return buf.getvalue()


def test_markers_distinguish_support_objection_and_undercut():
    text = render(loads(TEA))
    lines = text.splitlines()
    assert lines[0] == "Tea"
    assert any(ln.endswith("+ Tea is warm.  warm") for ln in lines)
    assert any("− objection  stains" in ln for ln in lines)
    assert any("⊘ undercut  brushing" in ln for ln in lines)
    assert any("⊘ Toothpaste is cheap.  paste" in ln for ln in lines)
    assert any("reason (linked: all of)  cost" in ln for ln in lines)
    assert any("↑ warm (shown above)" in ln for ln in lines)


def test_theme_and_paragraph_beside_the_claim():
    assert "THESIS  Drink tea.  (Health · ¶3)  tea" in render(loads(TEA))


def test_user_text_is_never_markup():
    m = loads('claims: {a: "[bold]not bold[/bold] and [red]x"}')
    assert "[bold]not bold[/bold] and [red]x" in render(m)


def test_no_ids_hides_ids_and_auto_argument_ids_are_never_shown():
    with_ids, without = render(loads(TEA)), render(loads(TEA), ids=False)
    assert "  warm\n" in with_ids and "  warm\n" not in without
    assert "--supports--" not in with_ids


def test_bundled_map_fits_80_columns_and_wraps_instead_of_truncating():
    amap = load()
    text = render(amap, width=80)
    assert max(len(ln) for ln in text.splitlines()) <= 80
    flat = " ".join(text.translate({ord(ch): " " for ch in "│├└─"}).split())
    for c in amap.claims():
        words = amap.text(c).split()
        # every claim's last words are there: long texts wrap, they are not cut off
        assert " ".join(words[-2:]) in flat, c


def _chain(n):
    return loads("thesis: c0\nclaims: {" + ", ".join(f"c{i}: Claim {i}." for i in range(n))
                 + "}\narguments: [" + ", ".join(f"{{supports: c{i}, premises: [c{i + 1}]}}"
                                                  for i in range(n - 1)) + "]")


def test_a_chain_too_deep_for_the_width_continues_below_and_loses_nothing():
    for width in (60, 80, 120):
        text = render(_chain(21), width=width)
        for i in range(21):
            assert f"Claim {i}.  c{i}" in text, (width, i)  # every claim whole, none squeezed out
        assert max(len(line) for line in text.splitlines()) <= width
    text = render(_chain(21), width=80)
    assert "▸ continued below, from c11" in text and "▸ continued from c11" in text


def test_a_map_with_no_root_still_shows_its_claims():
    m = loads("claims: {a: A., b: B.}\narguments: [{attacks: a, premises: [b]}, "
              "{attacks: b, premises: [a]}]")
    text = render(m)
    assert "A.  a" in text and "− B.  b" in text and "↑ a (shown above)" in text


def test_arguments_that_undercut_each_other_are_drawn_once():
    m = loads("claims: {t: T., a: A., b: B.}\narguments: [{supports: t, premises: [a]},"
              "{id: x1, attacks: x2, premises: [a]}, {id: x2, attacks: x1, premises: [b]}]")
    text = render(m, focus="x1")
    assert "⊘ ↑ undercut x1 (shown above)" in text
    text = render(m)  # x1 and x2 are under no claim: they form a root of their own
    assert "⊘ undercut  x1" in text and "B.  b" in text


def test_claims_under_no_root_are_counted():
    m = loads("thesis: t\nclaims: {t: T., a: A., s: S., u: U.}\narguments: ["
              "{supports: t, premises: [a]}, {supports: s, premises: [u]}]")
    text = render(m)
    assert "… 2 more claims not under the thesis: s, u (argmap list shows them all)" in text
    assert "not under" not in render(m, focus="t")


def test_an_attack_that_answers_an_objection_is_called_a_reply():
    m = loads("thesis: t\nclaims: {t: T., c: C., f: F.}\narguments: ["
              "{id: over, attacks: t, premises: [c], title: too dear},"
              "{id: capped, attacks: c, premises: [f], title: the price is fixed}]")
    text = render(m)
    assert "− objection: too dear  over" in text and "− reply: the price is fixed  capped" in text


def test_the_analysts_own_claims_are_marked():
    m = loads("thesis: t\nclaims: {t: T., a: {text: The author ignores cost., by: analyst}}\n"
              "arguments: [{attacks: t, premises: [a]}]")
    assert "The author ignores cost.  [analyst]  a" in render(m)
    assert "[analyst]" not in render(loads(TEA))
