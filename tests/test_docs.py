"""The docs are tested: examples load, the schema agrees with the loader, commands are documented."""

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from argmap import load, loads
from argmap.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def yaml_blocks(path):
    return re.findall(r"```yaml\n(.*?)```", path.read_text(), re.S)


def schema():
    return json.loads(resources.files("argmap").joinpath("schema/argmap.schema.json").read_text())


@pytest.mark.parametrize("doc", ["docs/format.md", "README.md"])
def test_yaml_examples_in_docs_load(doc):
    blocks = yaml_blocks(ROOT / doc)
    assert blocks, f"{doc} has no yaml example"
    for block in blocks:
        m = loads(block, doc)
        assert len(list(m.claims())) > 0
        jsonschema.validate(yaml.safe_load(block), schema())


def test_bundled_map_matches_the_schema():
    data = yaml.safe_load((ROOT / "data" / "north_korea_oped.yaml").read_text())
    jsonschema.validate(data, schema())


def test_schema_rejects_what_the_loader_rejects():
    bad = [{"claims": {"a": {"txt": "x"}}},
           {"claims": {"a": "A"}, "arguments": [{"supports": "a"}]},
           {"claims": {"a": "A", "b": "B"},
            "arguments": [{"supports": "a", "attacks": "a", "premises": ["b"]}]},
           {"claims": {"bad id": "A"}}]
    for doc in bad:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, schema())


def test_every_code_is_documented_with_its_severity_and_meaning():
    from argmap.errors import ERROR_CODES, NOTE_CODES, WARNING_CODES

    text = (ROOT / "docs" / "format.md").read_text()
    documented = dict(((c, sev), m) for c, sev, m in
                      re.findall(r"^\| `([a-z-]+)` \| (error|warning|note) \| (.*) \|$", text,
                                 re.M))
    expected = {**{(c, "error"): m for c, m in ERROR_CODES.items()},
                **{(c, "warning"): m for c, m in WARNING_CODES.items()},
                **{(c, "note"): m for c, m in NOTE_CODES.items()}}
    assert documented == expected
    assert ("read-error", "error") in documented


def test_every_code_the_library_emits_is_in_the_registry():
    from argmap.errors import ERROR_CODES, NOTE_CODES, WARNING_CODES

    src = "".join((ROOT / "src" / "argmap" / f).read_text()
                  for f in ("loader.py", "validate.py", "cli.py", "records.py", "sourcecheck.py"))
    src += "".join(p.read_text() for p in (ROOT / "src" / "argmap" / "formats").glob("*.py"))
    emitted = set(re.findall(r'(?:Diagnostic\(|error\(|warn\(|_warn\(amap, \w+, )\s*"([a-z]+(?:-[a-z]+)+)"',
                             src))
    emitted |= set(re.findall(r'"(duplicate-id|duplicate-key)" if', src))
    emitted |= set(re.findall(r'_problem\(amap, "([a-z]+(?:-[a-z]+)+)"', src))
    assert {"quote-moved", "unverified-quotes"} <= emitted, "the pattern misses codes"
    known = set(ERROR_CODES) | set(WARNING_CODES) | set(NOTE_CODES)
    assert emitted <= known, emitted - known


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in cli.commands:
        r = CliRunner().invoke(cli, [name, "--help"])
        assert r.exit_code == 0 and "Example" in r.output, name
        assert f"argmap {name}" in readme, name


def test_bundled_map_loads_from_the_package():
    assert load().thesis == "direct-talks"


def test_the_normalisations_of_quote_matching_are_documented_as_applied():
    from argmap.sourcetext import NORMALISATIONS

    text = (ROOT / "docs" / "format.md").read_text()
    part = text.split("## Sources\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\d+\. (.*)$", part, re.M)
    assert listed == list(NORMALISATIONS)
