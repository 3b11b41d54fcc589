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
                               ids=kw.get("ids", True)))
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
