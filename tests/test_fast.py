"""FastTree and Indented draw what rich's own Tree and Padding draw, character for character
and style for style."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.text import Text
from rich.tree import Tree

from argmap import load
from argmap.loader import bundled_map_path
from argmap.outline import outline
from argmap.queries import support_tree
from argmap.render import answers, terminal
from argmap.render.fast import FastTree, Hanging, Indented


class _AsciiFile(io.StringIO):
    encoding = "ascii"  # rich draws ASCII guides on a console that cannot encode box lines


def _as_rich(tree: Tree) -> Tree:
    copy = Tree(tree.label, style=tree.style, guide_style=tree.guide_style,
                expanded=tree.expanded, hide_root=tree.hide_root, highlight=tree.highlight)
    copy.children = [_as_rich(child) for child in tree.children]
    return copy


def _drawn(tree, width: int, colour: bool, ascii_only: bool = False) -> str:
    out = _AsciiFile() if ascii_only else io.StringIO()
    Console(file=out, width=width, color_system="truecolor" if colour else None,
            force_terminal=colour, legacy_windows=False).print(tree)
    return out.getvalue()


def _same(tree: Tree, width: int) -> None:
    for colour in (False, True):
        for ascii_only in (False, True):
            assert _drawn(tree, width, colour, ascii_only) == \
                _drawn(_as_rich(tree), width, colour, ascii_only), (width, colour, ascii_only)


WORDS = st.sampled_from(["claim", "a", "very-long-unbreakable-identifier-of-a-claim", "中文字",
                         "tab\there", "two\nlines", "  ", "[bold]", "🙂", "x" * 30, ""])
STYLES = st.sampled_from(["", "bold", "red", "bright_black", "italic dim", "bold green underline"])


@st.composite
def labels(draw):
    text = Text(style=draw(STYLES), justify=draw(st.sampled_from([None, None, "default", "left"])))
    for _ in range(draw(st.integers(0, 4))):
        text.append(" ".join(draw(st.lists(WORDS, max_size=4))), style=draw(STYLES) or None)
    if draw(st.booleans()) and len(text):  # an overlapping span on top
        text.stylize(draw(STYLES) or "bold", 0, draw(st.integers(1, len(text))))
    return text if draw(st.integers(0, 9)) else "a plain str label"


@st.composite
def trees(draw, depth=0):
    tree = FastTree(draw(labels()), guide_style=draw(st.sampled_from(["bright_black", "bold"]))
                    if depth == 0 else "bright_black")
    if depth < 4:
        for child in draw(st.lists(trees(depth + 1), max_size=3)):
            child.guide_style = tree.guide_style
            tree.children.append(child)
    return tree


@settings(max_examples=250, deadline=None)
@given(trees(), st.integers(8, 120))
def test_fast_tree_draws_what_rich_draws(tree, width):
    _same(tree, width)


def test_a_tree_rich_draws_differently_is_left_to_rich():
    tree = FastTree("root", guide_style="bright_black")
    tree.add("styled child", style="bold", guide_style="red").add("grandchild")
    _same(tree, 40)
    tree.hide_root = True
    _same(tree, 40)


def test_the_bundled_outline_and_why_trees_are_drawn_as_rich_draws_them():
    amap = load(bundled_map_path())
    for width in (30, 60, 80, 140):
        parts = list(terminal.outline_tree(outline(amap), width=width).renderables)
        parts += answers.why_tree(amap, support_tree(amap, amap.thesis), width=width).renderables
        drawn = [p for p in parts if isinstance(p, FastTree)]
        assert drawn
        for part in drawn:
            _same(part, width)


@settings(max_examples=250, deadline=None)
@given(labels(), st.integers(0, 8), st.integers(4, 120))
def test_indented_draws_what_rich_padding_draws(label, by, width):
    for colour in (False, True):
        assert _drawn(Indented(label, by), width, colour) == \
            _drawn(Padding(label, (0, 0, 0, by), expand=False), width, colour)


def test_path_along_a_long_chain_is_drawn_as_rich_draws_it(run):
    from argmap import loads
    from argmap.queries import chains
    from argmap.render.answers import chain_list

    amap = loads("claims:\n" + "".join(f"  c{i}: Claim {i} " + "word " * (i % 19) + "\n"
                                        for i in range(40))
                 + "arguments:\n" + "".join(f"  - {{supports: c{i}, premises: [c{i + 1}]}}\n"
                                            for i in range(39)))
    group = chain_list(amap, chains(amap, "c39", "c0"), "c39", "c0")
    as_rich = [Padding(p.renderable, (0, 0, 0, p.left), expand=False)
               if isinstance(p, Indented) else p for p in group.renderables]
    for width in (30, 80):
        assert "".join(_drawn(p, width, True) for p in group.renderables) == \
            "".join(_drawn(p, width, True) for p in as_rich)


@settings(max_examples=250, deadline=None)
@given(labels(), labels(), st.integers(0, 4), st.integers(4, 120))
def test_hanging_draws_what_a_rich_grid_draws(mark, body, indent, width):
    if not isinstance(mark, Text) or not isinstance(body, Text):
        return
    item = Hanging(mark, body, indent)
    for colour in (False, True):
        assert _drawn(item, width, colour) == _drawn(item.grid(), width, colour)
