"""Drop-in versions of rich's :class:`~rich.tree.Tree` and :class:`~rich.padding.Padding` that
draw exactly what rich draws, in linear time.

rich wraps every line of text through its full line-breaking machinery, about half a
millisecond a line: 10 s for the tree of a 20,000-claim chain. Here a label that is one line of
text and fits its width is rendered as it is; anything else (a long label, a line break, a tab,
a label that is not :class:`~rich.text.Text`) goes through rich's own
:meth:`~rich.console.Console.render_lines`, so the output is the same character for character
and style for style (the tests compare the two).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.text import Text
from rich.tree import Tree

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["FastTree", "Indented", "Hanging"]

SPACE, CONTINUE, FORK, END = range(4)


class FastTree(Tree):
    """A :class:`rich.tree.Tree` (same constructor, same ``add``) with a faster drawing.

    The fast path covers the trees argmap draws: every node with the root's ``guide_style``, no
    node ``style``, the root shown, no justification; any other tree is drawn by rich.

    >>> from io import StringIO
    >>> t = FastTree("thesis")
    >>> _ = t.add("reason").add("fact")
    >>> _ = t.add("objection")
    >>> out = StringIO()
    >>> Console(file=out, width=40, color_system=None).print(t)
    >>> print(out.getvalue().rstrip())
    thesis
    ├── reason
    │   └── fact
    └── objection
    """

    def add(self, label: RenderableType, *, style: StyleType | None = None,
            guide_style: StyleType | None = None, expanded: bool = True,
            highlight: bool | None = False) -> FastTree:
        """Add a child, as :meth:`rich.tree.Tree.add` does, and return it."""
        node = FastTree(label, style=self.style if style is None else style,
                        guide_style=self.guide_style if guide_style is None else guide_style,
                        expanded=expanded,
                        highlight=self.highlight if highlight is None else highlight)
        self.children.append(node)
        return node

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not _simple(self) or self.hide_root or options.justify is not None:
            yield from super().__rich_console__(console, options)
            return
        style = console.get_style(self.guide_style, default="") or Style.null()
        if options.ascii_only:
            chars = self.ASCII_GUIDES
        else:
            weight = 1 if style.bold else (2 if style.underline2 else 0)
            chars = self.TREE_GUIDES[0 if options.legacy_windows else weight]
        style = style + Style(bold=False, underline2=False)
        guides = [Segment(c, style) for c in chars]
        new_line = Segment.line()
        width = options.max_width
        line_options = options.update(highlight=self.highlight, height=None)
        # (node, guides of its ancestors' columns, is it its parent's last child)
        stack: list[tuple[Tree, list[int], bool]] = [(self, [], True)]
        while stack:
            node, columns, last = stack.pop()
            prefix = [guides[c] for c in columns]
            room = width - 4 * len(columns)
            lines = _lines(node.label, console, line_options, room)
            for i, line in enumerate(lines):
                yield from prefix
                yield from line
                yield new_line
                if i == 0 and prefix:
                    prefix[-1] = guides[SPACE if last else CONTINUE]
            if node.expanded and node.children:
                above = columns[:-1] + [SPACE if last else CONTINUE] if columns else []
                n = len(node.children)
                for k in range(n - 1, -1, -1):
                    stack.append((node.children[k], above + [END if k == n - 1 else FORK],
                                  k == n - 1))


class Hanging:
    """``mark body`` with the body's wrapped lines hanging under its first word: what a rich
    ``Table.grid`` of a no-wrap mark column and a body column draws.

    >>> from io import StringIO
    >>> out = StringIO()
    >>> item = Hanging(Text("*"), Text("a b c d e f g h i j k"))
    >>> Console(file=out, width=22, color_system=None).print(item)
    >>> print("\\n".join(line.rstrip() for line in out.getvalue().splitlines()))
      * a b c d e f g h i j
        k
    """

    def __init__(self, mark: Text, body: Text, indent: int = 2) -> None:
        self.mark, self.body = Text(" " * indent) + mark, body

    def grid(self) -> Table:
        from rich.table import Table  # only for what the fast path leaves (8 ms to import)

        t = Table.grid(padding=(0, 1, 0, 0))
        t.add_column(no_wrap=True)
        t.add_column()
        t.add_row(self.mark, self.body)
        return t

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        head = _one_line(self.mark, console, options.max_width)
        if head is not None and options.justify is None:
            line = _one_line(self.body, console, options.max_width - cell_len(self.mark.plain) - 1)
            if line is not None:
                yield from head
                yield Segment(" ")
                yield from line
                yield Segment.line()
                return
        yield from console.render(self.grid(), options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.grid())


def _simple(tree: Tree) -> bool:
    """Every node drawn with the root's guide style and no style of its own."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if node.style not in ("tree", "", None) or node.guide_style != tree.guide_style:
            return False
        todo.extend(node.children)
    return True


def _lines(label: object, console: Console, options: ConsoleOptions,
           width: int) -> Iterator[list[Segment]] | list[list[Segment]]:
    if isinstance(label, Text):
        line = _one_line(label, console, width)
        if line is not None:
            return [line]
    return console.render_lines(label, options.update(width=width), pad=False)  # type: ignore[arg-type]


def _one_line(text: Text, console: Console, width: int) -> list[Segment] | None:
    """The segments of ``text`` when it is drawn as one line unchanged in ``width`` columns,
    else ``None``."""
    plain = text.plain
    if not plain or width <= 0 or "\n" in plain or "\t" in plain or cell_len(plain) > width \
            or text.justify not in (None, "default"):
        return None
    if not text.spans and text.style:  # Text.render alone would drop that style
        return [Segment(plain, console.get_style(text.style))]
    return list(text.render(console, end=""))


class Indented(Padding):
    """``Padding(text, (0, 0, 0, by), expand=False)``: a block indented ``by`` columns, its
    wrapped lines kept under its start.

    >>> from io import StringIO
    >>> out = StringIO()
    >>> Console(file=out, width=20, color_system=None).print(Indented(Text("one two three"), 4))
    >>> print(out.getvalue().rstrip())
        one two three
    """

    def __init__(self, renderable: RenderableType, by: int = 4) -> None:
        super().__init__(renderable, (0, 0, 0, by), expand=False)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fits = None
        if isinstance(self.renderable, Text) and self.style == "none" and self.left > 0:
            fits = _one_line(self.renderable, console, options.max_width - self.left)
        if fits is None:
            yield from super().__rich_console__(console, options)
            return
        yield Segment(" " * self.left, console.get_style(self.style))
        yield from fits
        yield Segment.line()
