"""Nasty strings through every writer: DOT, SVG, PNG, PDF, node-link JSON and the terminal tree.

Each string goes into every text field a writer shows (claim text, note, quote, argument title and
scheme, theme title, map title); each output is parsed back by a strict parser (Graphviz, XML,
JSON) or read as the terminal shows it, and the text must come back as written: never executed as
markup, never cutting the format, never making a renderer fail. (The loader refuses control
characters, so they never reach a writer: see test_loader.)
"""

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from argmap.model import ArgumentMap
from argmap.outline import outline
from argmap.render.graphviz import node_link, to_dot
from argmap.render.terminal import outline_tree

pygraphviz = pytest.importorskip("pygraphviz", reason="the bundled Graphviz engine is not installed")

NASTY = [
    'Say "hi" & <b>bold</b>', "back\\slash \\N \\G \\L \\E \\T \\H", "[bold red]markup[/]",
    "]]> <!-- --> <![CDATA[x]]>", "100% {x} ${HOME} %s %n {0}", "emoji 🧭 and ZWJ 👩‍👩‍👧",
    "RTL עברית العربية", "bidi \u202eevil\u202c override", "zero\u200bwidth\u2060joiner",
    "combining e\u0301 and a\u0308", "tab\tinside", "pipe | brace { } <port> record",
    "a" * 300, "'single' and `back`", "&amp; &lt; &#x41; &#0;", "line\nbreak",
    'label=x; node [shape=box] "', "-- -> subgraph { }", "\u00a0nbsp\u00a0", "ŧĥïś ïś ŵëïŕð",
    "ﬁ ligature and ß", "<script>alert(1)</script>", "\\\\server\\share", "&nbsp;",
]


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def nasty_map(s: str) -> ArgumentMap:
    m = ArgumentMap(title=s, thesis="t", themes={"th": s})
    m.add_claim("t", s, theme="th", note=s, quote=s)
    m.add_claim("p", "P " + s)
    m.add_argument("a", "support", "t", ["p"], title=s, scheme=s)
    return m


@pytest.mark.parametrize("s", NASTY, ids=range(len(NASTY)))
def test_every_writer_keeps_the_text_as_written(s):
    from argmap.render.engine import render

    m = nasty_map(s)
    dot = to_dot(m)
    g = pygraphviz.AGraph(string=dot)  # the DOT parses: nothing broke out of a label
    assert {"n_t", "n_p"} <= set(g.nodes())
    root = ET.fromstring(render(dot, "svg").decode())  # the SVG is well-formed XML
    texts = "".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert norm(s)[:60] in norm(texts)  # and shows the text itself, not markup or an escape
    assert render(dot, "png").startswith(b"\x89PNG")
    assert render(dot, "pdf").startswith(b"%PDF")
    data = json.loads(json.dumps(node_link(m), ensure_ascii=False))
    node = next(n for n in data["nodes"] if n["id"] == "t")
    assert (node["text"], node["note"], node["quote"]) == (s, s, s)
    buf = io.StringIO()
    Console(file=buf, width=100, color_system=None).print(outline_tree(outline(m)))
    assert norm(s)[:60] in norm(buf.getvalue())  # rich markup in the text is not applied
