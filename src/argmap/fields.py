"""The one table of a map's fields: every key a map may have, where it goes and what it holds.

The YAML reader's key sets, the YAML writer's key order, the diff's field lists, the JSON
Schema's properties and the key tables of docs/format.md all come from (or are tested against)
this table, so that a new field is added here and nowhere else by hand.

>>> [f.key for f in fields("argument")][:4]
['id', 'supports', 'attacks', 'premises']
>>> keys("claim-source")
('doc', 'para', 'quote')
"""

from __future__ import annotations

import functools
from typing import NamedTuple

__all__ = ["Field", "FIELDS", "PARAGRAPH_LAYOUTS", "fields", "keys", "diffed"]

#: the values of a source's ``paragraphs`` (how its text is cut into numbered paragraphs)
PARAGRAPH_LAYOUTS = ("auto", "blocks", "lines")


class Field(NamedTuple):
    """One key of the map format.

    ``on`` says where the key is written: ``map`` (top level), ``source`` (the map's source),
    ``claim``, ``claim-source`` (a claim's ``source:``) or ``argument``. ``kind`` is the value's
    shape (text, id, ids, score, bool, para, analyst, ignore, mapping, list). ``attr`` is the
    attribute of the graph node that holds it (None for keys that are not node attributes);
    ``diff`` says whether ``argmap diff`` compares it.
    """

    key: str
    on: str
    kind: str
    doc: str
    attr: str | None = None
    diff: bool = False


FIELDS: tuple[Field, ...] = (
    # -- the map ----------------------------------------------------------------------------
    Field("title", "map", "text", "The map's title, shown in `show` and on diagrams."),
    Field("source", "map", "mapping", "The document mapped (see the source keys)."),
    Field("sources", "map", "mapping", "Several documents mapped: doc id -> source keys; a "
          "claim names one with `doc`."),
    Field("thesis", "map", "id", "The id of the main claim."),
    Field("themes", "map", "mapping", "A mapping of theme id to label."),
    Field("claims", "map", "mapping", "A mapping of claim id to claim."),
    Field("arguments", "map", "list", "A list of arguments."),
    Field("rephrases", "map", "list", "Claims that restate other claims (AIF's MA nodes)."),
    Field("note", "map", "text", "Free text."),
    Field("ignore", "map", "ignore", "Warnings to silence for the whole map, with reasons."),
    # -- the map's source -------------------------------------------------------------------
    *(Field(k, "source", "text", f"The source document's {k}.", diff=True)
      for k in ("title", "publisher", "author", "date", "url", "kind")),
    Field("file", "source", "text", "The document's text (plain text, Markdown or HTML), relative "
          "to the map: quotes are checked against it.", diff=True),
    Field("start", "source", "text", "The first words of paragraph 1 (the text before it is not "
          "numbered).", diff=True),
    Field("stop", "source", "text", "The first words of the first paragraph after the text "
          "(it and what follows are not numbered).", diff=True),
    Field("paragraphs", "source", "text", "`blocks` (blank lines between paragraphs), `lines` "
          "(one per line) or `auto` (the default).", diff=True),
    # -- claims -----------------------------------------------------------------------------
    Field("text", "claim", "text", "The claim as one clear, self-contained sentence.", "text",
          True),
    Field("theme", "claim", "id", "A theme id.", "theme", True),
    Field("tags", "claim", "ids", "A list of slugs.", "tags", True),
    Field("source", "claim", "mapping", "Where the source document says it (doc, para, quote), "
          "or a list of such places.", "cites", True),
    Field("note", "claim", "text", "Free text.", "note", True),
    Field("weight", "claim", "score", "A base score in [0, 1] (default 0.5).", "weight", True),
    Field("given", "claim", "bool", "True if the claim is accepted as a fact.", "given", True),
    Field("by", "claim", "analyst", "`analyst`: the analyst's own claim.", "by", True),
    Field("speaker", "claim", "text", "Who says it, in a dialogue (AIF's locutions).",
          "speaker", True),
    Field("aif", "claim", "text", "The claim's node id in the AIF file it came from.", "aif"),
    Field("ignore", "claim", "ignore", "Warnings about this claim to silence.", "ignore"),
    Field("doc", "claim-source", "id", "The id of the document under `sources` (left out: the "
          "map's `source`)."),
    Field("para", "claim-source", "para", "The paragraph number in the source (from 1), or a "
          "list of them.", "para", True),
    Field("quote", "claim-source", "text", "A short verbatim quote, or a list of them.", "quote",
          True),
    # -- arguments --------------------------------------------------------------------------
    Field("id", "argument", "id", "A slug; needed only when something targets the argument."),
    Field("supports", "argument", "id", "The target supported: a claim or argument id.",
          "target"),
    Field("attacks", "argument", "id", "The target attacked: a claim or argument id.",
          "target"),
    Field("premises", "argument", "ids", "The claim ids that hold together.", "premises", True),
    Field("title", "argument", "text", "The argument's short name.", "title", True),
    Field("label", "argument", "text", "The older spelling of `title`."),
    Field("scheme", "argument", "text", "The argumentation scheme.", "scheme", True),
    Field("weight", "argument", "score", "A base score in [0, 1] (default 1.0).", "weight",
          True),
    Field("note", "argument", "text", "Free text.", "note", True),
    Field("aif", "argument", "text", "The argument's RA/CA node id in the AIF file it came "
          "from.", "aif"),
    Field("ignore", "argument", "ignore", "Warnings about this argument to silence.", "ignore"),
)


@functools.cache
def fields(on: str) -> tuple[Field, ...]:
    """The fields written at ``on``, in the table's order (the order a writer uses)."""
    return tuple(f for f in FIELDS if f.on == on)


@functools.cache
def keys(on: str) -> tuple[str, ...]:
    """The keys written at ``on``, in order."""
    return tuple(f.key for f in fields(on))


def diffed(on: str) -> tuple[str, ...]:
    """The node attributes that ``argmap diff`` compares for ``on`` (claim or argument)."""
    ons = ("claim", "claim-source") if on == "claim" else (on,)
    out = [f.attr for f in FIELDS if f.on in ons and f.diff and f.attr]
    return tuple(dict.fromkeys(out))
