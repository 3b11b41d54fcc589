"""The one style table: colours, markers and line styles shared by the terminal tree and diagrams.

Support and attack differ in colour *and* in line style, so a diagram stays legible when printed
in greyscale.
"""

from __future__ import annotations

# name: (colour, terminal marker, Graphviz edge style, arrowhead, words)
RELATIONS = {
    "support": {"color": "#2e7d32", "marker": "+", "style": "solid", "arrowhead": "normal",
                "word": "reason", "rich": "green"},
    "attack": {"color": "#c62828", "marker": "−", "style": "dashed", "arrowhead": "tee",
               "word": "objection", "rich": "red"},
    "undercut": {"color": "#e65100", "marker": "⊘", "style": "dotted", "arrowhead": "tee",
                 "word": "undercut", "rich": "dark_orange"},
}

THESIS = {"fill": "#0d47a1", "font": "#ffffff", "border": "#0d47a1", "rich": "bold white on blue"}
CLAIM = {"fill": "#ffffff", "font": "#1a1a1a", "border": "#455a64"}
GIVEN = {"fill": "#eceff1"}
# The analyst's own claims (by: analyst), which no source states: a dashed purple border and
# italics, so they stand apart from the source's claims in greyscale print too.
ANALYST = {"fill": "#f3e5f5", "border": "#6a1b9a", "style": "dashed", "font": "#4a148c",
           "rich": "italic magenta", "word": "analyst"}
ARGUMENT = {"fill": "#fafafa", "border": "#78909c", "font": "#37474f"}
# Themes as a tab on each box: light tints that dark text reads on, in greyscale too (the tab
# also names the theme).
THEME_COLOURS = ["#bbdefb", "#c8e6c9", "#ffe0b2", "#e1bee7", "#b2dfdb", "#f8bbd0", "#fff59d",
                 "#d7ccc8"]
BAND_FONT = "#263238"
STUB = {"fill": "#fffde7", "border": "#9e9d24", "font": "#5d4037"}
CLUSTER = {"fill": "#f5f7fa", "border": "#cfd8dc", "font": "#37474f"}
# The font boxes are measured with: DejaVu Sans (from Bitstream Vera), one of the widest common
# sans-serif faces, installed with most Linux systems. The SVG names it first and falls back to
# faces no wider than it, so text measured with it fits its box in any viewer.
FONT = "DejaVu Sans"
SVG_FONTS = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, Helvetica, sans-serif"
META_RICH = "dim"
ID_RICH = "cyan"


def relation_key(relation: str, undercut: bool) -> str:
    """'support', 'attack' or 'undercut': the key into :data:`RELATIONS`.

    >>> relation_key("attack", True), relation_key("support", False)
    ('undercut', 'support')
    """
    return "undercut" if undercut and relation == "attack" else relation

# Evaluation labels: a colour, a mark and a border style each, so they survive greyscale print.
LABELS = {
    "IN": {"rich": "bold green", "mark": "✔", "fill": "#e8f5e9", "border": "#2e7d32",
           "style": "solid", "word": "stands"},
    "OUT": {"rich": "bold red", "mark": "✘", "fill": "#eeeeee", "border": "#9e9e9e",
            "style": "dashed", "word": "defeated"},
    "UNDEC": {"rich": "bold yellow", "mark": "?", "fill": "#fff8e1", "border": "#f9a825",
              "style": "dotted", "word": "contested"},
}
