"""A new map scaffolded from a source text, for ``argmap init``.

The map names the text (``source: {file: ...}``), has a thesis placeholder, and under
``claims:`` one commented section per paragraph with each sentence as a candidate claim whose
quote is the sentence itself: the analyst keeps the claims that matter, rewrites them in their
own words, deletes the rest, and links them under ``arguments:``. As written, it passes
``argmap check`` (every quote verified, the warnings of an unlinked map silenced with reasons
to delete once it is linked).

>>> from argmap.sourcetext import parse_source
>>> raw = "Tea\\n\\nDrink tea. It is warm.\\n\\nCoffee is bitter.\\n"
>>> body_start(parse_source(raw, "tea.txt"))  # the first line is a title
'Drink tea. It is warm.'
>>> text = parse_source(raw, "tea.txt", start="Drink tea. It is warm.")
>>> print(scaffold(text, "tea.txt", schema=None).split("claims:")[1].split("\\n\\n")[1])
  # --- Paragraph 1: Drink tea. It is warm. ---
  drink-tea:
    text: Drink tea.
    source: {para: 1, quote: "Drink tea."}
  warm:
    text: It is warm.
    source: {para: 1, quote: "It is warm."}
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from .formats.yaml import scalar
from .loader import KEY_NAMES
from .records import slug

if TYPE_CHECKING:
    from .sourcetext import SourceText

__all__ = ["body_start", "scaffold"]

HEADING = 60  # characters of a paragraph in its section's heading
WIDTH = 100

_HEADER = """\
# An argument map of {name}, scaffolded by `argmap init`.
# Below, each paragraph's sentences are candidate claims, each quoting itself. Keep the ones
# that matter and rewrite each as one clear, self-contained sentence (keep its quote), delete
# the rest, state the thesis, and link the claims under `arguments:` (docs/format.md).
# `argmap check` verifies every quote against the text; `argmap sources` shows which paragraphs
# no claim covers yet."""

_IGNORE = {
    "unused-claim": "candidate claims from argmap init: delete this line once they are linked",
    "unsupported-thesis": "a new map: delete this line once the thesis has its reasons",
}


# what a map's text cannot hold: control characters (argmap refuses them; YAML refuses C1 ones
# raw), surrogates and non-characters
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _printable(text: str) -> str:
    return _UNWRITABLE.sub("?", text)


def body_start(text: SourceText, words: int = 8) -> str | None:
    """The first words of the second paragraph when the first is only a title (one line of at
    most 100 characters, shorter than the second, not ending with a full stop), to number the
    body from 1; None otherwise."""
    if len(text.paragraphs) < 2:
        return None
    first, second = text.paragraphs[:2]
    if "\n" in text.text[first.start:first.end] or len(first.text) > 100 or \
            len(first.text) >= len(second.text) or first.text.endswith("."):
        return None
    begins = " ".join(second.text.split()[:words])
    return None if _UNWRITABLE.search(begins) else begins


def scaffold(text: SourceText, file: str, *, title: str | None = None,
             schema: str | None = None, start: str | None = None, stop: str | None = None,
             layout: str = "auto") -> str:
    """The YAML of a new map of ``text``, whose ``file`` (as the map will name it, relative to
    the map) was read with ``start``, ``stop`` and ``layout``. ``schema`` is the path of the
    JSON Schema for the editor's modeline (None leaves the modeline out)."""
    lines = [] if schema is None else [f"# yaml-language-server: $schema={schema}"]
    lines += _HEADER.format(name=file).splitlines()
    title = _printable(title or text.title or file)
    lines += ["", f"title: {scalar(title)}", "source:", f"  title: {scalar(title)}",
              f"  file: {scalar(file)}"]
    if start:
        lines.append(f"  start: {scalar(start)}")
    if stop:
        lines.append(f"  stop: {scalar(stop)}")
    if layout != "auto":
        lines.append(f"  paragraphs: {layout}")
    lines += ["thesis: main-claim", "ignore:"]
    lines += [f"  {code}: {scalar(reason)}" for code, reason in _IGNORE.items()]
    lines += ["", "claims:", "  main-claim:",
              "    text: The text's main claim, in one sentence (write it here).",
              "    by: analyst  # the analyst's own words: delete this line if you quote it"]
    # ids taken: the thesis's, and the key names (an id 'title' reads like a misplaced key)
    seen: dict[str, object] = dict.fromkeys(["main-claim", *sorted(KEY_NAMES)])
    by_para: dict[int, list] = {}
    for s in text.sentences():
        by_para.setdefault(s.para, []).append(s)
    said: dict[str, str] = {}  # a sentence's words -> the claim that has them already
    for p in text.paragraphs:
        begins = p.text if len(p.text) <= HEADING else p.text[:HEADING - 1].rstrip() + "…"
        lines += ["", f"  # --- Paragraph {p.number}: {_printable(begins)} ---"]
        for s in by_para.get(p.number, []):
            words = " ".join(s.text.lower().split())
            if _UNWRITABLE.search(s.text):
                lines.append(f"  # (a sentence with a control character, left out: "
                             f"{_printable(s.text[:40])}…)")
                continue
            if words in said:
                lines.append(f"  # (a sentence said again: {said[words]})")
                continue
            cid = slug(s.text, seen, words=4)
            seen[cid] = said[words] = cid
            quote = json.dumps(s.text, ensure_ascii=False)  # a JSON string is YAML's "..."
            lines += [f"  {scalar(cid)}:", f"    text: {scalar(s.text)}",
                      f"    source: {{para: {p.number}, quote: {quote}}}"]
    lines += ["", "arguments: []", ""]
    return "\n".join(lines)
