"""The field table is the one place a map's keys are listed: the loader, the writer, the diff,
the JSON Schema and the docs' key tables all agree with it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from argmap import diff, loader
from argmap.fields import FIELDS, diffed, keys
from argmap.schema import schema_text

DOCS = Path(__file__).resolve().parents[1] / "docs" / "format.md"


def test_the_loaders_key_sets_are_the_tables():
    assert loader.TOP_KEYS == set(keys("map"))
    assert loader.CLAIM_KEYS == set(keys("claim"))
    assert loader.CLAIM_SOURCE_KEYS == set(keys("claim-source"))
    assert loader.SOURCE_KEYS == set(keys("source"))
    assert loader.ARGUMENT_KEYS == set(keys("argument"))


def test_the_schemas_properties_are_the_tables():
    schema = json.loads(schema_text())
    defs = schema["$defs"]
    assert set(schema["properties"]) == set(keys("map"))
    assert list(defs["claim_mapping"]["properties"]) == list(keys("claim"))
    assert list(defs["argument"]["properties"]) == list(keys("argument"))
    assert set(defs["citation"]["properties"]) == set(keys("claim-source"))
    assert set(defs["document"]["properties"]) == set(keys("source"))
    # a claim's source is one citation or a list; `sources` holds documents
    assert {r.get("$ref") or r["items"]["$ref"] for r in
            defs["claim_mapping"]["properties"]["source"]["oneOf"]} == {"#/$defs/citation"}
    assert schema["properties"]["sources"]["additionalProperties"] == {"$ref": "#/$defs/document"}


def _doc_keys(section: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    part = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    out = []
    for cell in re.findall(r"^\| `([^|]+?)` (?:/ `(\w+)` )?\|", part, re.M):
        out += [c for c in cell if c]
    return out


@pytest.mark.parametrize("section, on", [("Top level", "map"), ("Claims", "claim"),
                                         ("Arguments", "argument")])
def test_the_docs_key_tables_list_every_key(section, on):
    documented = _doc_keys(section)
    expected = [k for k in keys(on) if k != "label"]  # the older spelling, named under title
    assert sorted(documented) == sorted(expected)


def test_the_diff_compares_every_field_the_table_marks():
    # the citations are compared as a whole, reported as the field "source"
    assert set(diff.CLAIM_FIELDS) == set(diffed("claim")) - {"text", "cites"}
    assert set(diff.ARGUMENT_FIELDS) >= set(diffed("argument"))
    # every attribute a claim node has is either compared or bookkeeping
    from argmap.model import _claim_attrs

    bookkeeping = {"kind", "pos", "ignore", "aif", "text"}
    assert set(_claim_attrs("x")) - bookkeeping == {*diff.CLAIM_FIELDS, "cites"}


def test_a_change_of_speaker_or_author_is_a_change(tmp_path):
    from argmap.loader import loads

    a = loads("claims: {a: {text: A., speaker: Bob}}")
    b = loads("claims: {a: {text: A., speaker: Alice, by: analyst}}")
    changed = diff.diff_maps(a, b)
    assert not changed["equal"]
    fields = {c["field"] for c in changed["claims"]["changed"]}
    assert fields == {"speaker", "by"}


def test_every_field_is_on_a_known_place():
    assert {f.on for f in FIELDS} == {"map", "source", "claim", "claim-source", "argument"}
    for f in FIELDS:
        assert f.doc.strip() and f.kind


def test_the_yaml_writer_spells_out_the_tables_key_order():
    from argmap.formats import yaml as writer

    assert writer.CLAIM_ORDER == keys("claim")
    assert writer.ARGUMENT_ORDER == keys("argument")
    assert writer.SOURCE_ORDER == keys("claim-source")
