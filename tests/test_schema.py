"""The JSON Schema agrees with the loader: every map the loader accepts, the schema accepts, and
maps the loader refuses for their shape the schema refuses too.

The schema sees a map as an editor's YAML 1.2 parser does (yaml-language-server): ``yaml12``
below reads YAML text that way, independently of the loader, and turns it into JSON data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema.exceptions import best_match

from argmap.errors import ERROR_CODES, WARNING_CODES
from argmap.loader import parse
from argmap.schema import MODELINE_PREFIX, schema_path, schema_text

ROOT = Path(__file__).resolve().parents[1]
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))


class _Yaml12(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema's implicit types (no yes/no, no 1:30, no dates)."""

    yaml_implicit_resolvers: dict = {}


for _tag, _rx, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Yaml12.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_rx), list(_first))


def _int(loader, node):
    v = node.value
    return int(v[2:], 8) if v[:2] == "0o" else int(v[2:], 16) if v[:2] == "0x" else int(v)


_Yaml12.add_constructor("tag:yaml.org,2002:int", _int)
_Yaml12.add_constructor("tag:yaml.org,2002:float", lambda loader, node: float(
    re.sub(r"\.(inf|nan)", r"\1", node.value, flags=re.I)))


def yaml12(text: str):
    """What an editor's JSON Schema validation sees: YAML 1.2 data, as JSON (keys are text)."""
    return json.loads(json.dumps(yaml.load(text, _Yaml12), default=str))


def loader_accepts(text: str) -> bool:
    return not any(d.is_error for d in parse(text, "m.yaml")[1])


def schema_errors(text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(yaml12(text))]


def assert_agree(text: str) -> None:
    ok, errors = loader_accepts(text), schema_errors(text)
    assert ok == (not errors), (
        f"loader {'accepts' if ok else 'refuses'}, schema "
        f"{'refuses: ' + '; '.join(errors) if errors else 'accepts'}:\n{text}")


# -- maps the loader accepts ---------------------------------------------------------------------

def yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(), re.S)


DOC_EXAMPLES = [b for doc in ("docs/format.md", "docs/lints.md", "README.md")
                for b in yaml_blocks(ROOT / doc)]

EDGE_CASES = [
    # the nine the schema used to refuse, or accept, wrongly
    "claims: {a: 1984, b: {text: 2006}, c: 0o17, d: .5, e: 5e-1}\n",     # numbers as text
    "title: 2006\nnote: 12\nsource: {title: 7, date: 2006-07-01}\nclaims: {a: {text: A., note: 5}}\n",
    "title: ~\nnote:\nsource: {url: ~}\nclaims: {a: {text: A., note: ~, source: {quote: ~}}}\n",
    "themes: {cost: ~, time: 1}\nclaims: {a: {text: A., theme: cost}, b: {text: B., theme: time}}\n",
    "thesis: 1\nclaims: {1: One., 2: Two., 3: {text: Three., tags: [7]}}\n"
    "arguments: [{id: 9, supports: 1, premises: [2]}, {attacks: 9, premises: 3}]\n",
    "claims: {a: {text: A., tags: key}}\n",                                # a single tag
    "claims: {a: {text: A., source: {para: 2.0}}}\n",
    # and the rest of what the loader takes
    "claims: {a: A., b: B.}\narguments: [{supports: a, premises: b, label: old, scheme: ~}]\n",
    "claims: {a: A., b: B.}\narguments: [{supports: a, premises: [b], title: new, weight: 1}]\n",
    "claims: {a: {text: A., weight: 5e-1, given: false, source: {para: 0x1f}}}\n",
    "claims: {a: {text: A., source: {para: 017}}, b: {text: B., source: {para: 0o17}}}\n",
    "claims: {a.b: A., 'c:d': C., e+f: E., _g: G., 'yes': Quoted.}\n",
    "claims: {a: {text: A., by: analyst, ignore: {unsourced-premise: mine, unused-claim: later}}}\n",
    "ignore: {unused-claim: a draft, unused-theme: 1}\nclaims: {a: A.}\n",
    "ignore: {no-such-lint: a warning only}\nclaims: {a: A.}\n",
    "claims: {a: A., b: B.}\narguments:\n"
    "  - {supports: a, premises: [b], ignore: {unanswered-objection: left open on purpose}}\n",
    "claims: {a: {text: A., tags: [x, x]}}\n",                             # a warning only
    "claims: {a: {text: A., tags: [], source: {}}}\nthemes: {}\nsource: {}\narguments: []\n",
    "claims:\n  a: |\n    A long\n    claim.\n  b: >\n    Folded.\n",
    "claims: {a: A., b: B.}\narguments:\n  - {id: x, supports: a, premises: [b]}\n"
    "  - {attacks: x, premises: [a]}\n  - {supports: x, premises: [b]}\n",
]

REFUSED_FOR_THEIR_SHAPE = [
    "claims: {a: {txt: x}}\n",
    "claims: {}\n",
    "title: T\n",
    "claims: {a: A., b: B.}\narguments: [{supports: a}]\n",
    "claims: {a: A., b: B.}\narguments: [{supports: a, attacks: a, premises: [b]}]\n",
    "claims: {a: A., b: B.}\narguments: [{premises: [b]}]\n",
    "claims: {a: A., b: B.}\narguments: [{supports: a, premises: []}]\n",
    "claims: {a: A., b: B.}\narguments: [{supports: a, premises: [b, b]}]\n",
    "claims: {a: A., b: B.}\narguments: [{supports: a, premises: b, title: T, label: L}]\n",
    "claims: {a: A., b: B.}\narguments: [{supports: a, premises: 'b, a'}]\n",
    "claims: {a: A., b: B.}\narguments: [{supports: [a], premises: b}]\n",
    "claims: {a: A.}\narguments: {x: y}\n",
    "claims: {bad id: A.}\n",
    "claims: {-a: A.}\n",
    "claims: {a: ''}\n",
    "claims: {a: '  '}\n",
    "claims: {a: }\n",
    "claims: {a: [A]}\n",
    "claims: {a: {text: [A]}}\n",
    "claims: {a: {text: true}}\n",
    "claims: {a: {text: A., weight: 2}}\n",
    "claims: {a: {text: A., weight: '0.5'}}\n",
    "claims: {a: {text: A., weight: .inf}}\n",
    "claims: {a: {text: A., given: 1}}\n",
    "claims: {a: {text: A., given: yes}}\n",
    "claims: {a: {text: A., source: {para: 0}}}\n",
    "claims: {a: {text: A., source: {para: 1:30}}}\n",
    "claims: {a: {text: A., source: {para: 2.5}}}\n",
    "claims: {a: {text: A., source: {page: 2}}}\n",
    "claims: {a: {text: A., theme: ~}}\n",
    "claims: {a: {text: A., by: me}}\n",
    "claims: {a: {text: A., ignore: {unknown-ref: errors stay}}}\n",
    "claims: {a: {text: A., ignore: {unused-claim: ''}}}\n",
    "claims: {a: {text: A., ignore: [unused-claim]}}\n",
    "source: {para: 1}\nclaims: {a: A.}\n",
    "thesis: [a]\nclaims: {a: A.}\n",
    "themes: [a]\nclaims: {a: A.}\n",
    "claims: [a]\n",
    "- a\n",
]


@pytest.mark.parametrize("text", DOC_EXAMPLES + EDGE_CASES)
def test_the_schema_accepts_what_the_loader_accepts(text):
    assert loader_accepts(text), [d.format() for d in parse(text, "m.yaml")[1]]
    assert_agree(text)


def test_the_schema_accepts_the_bundled_map():
    assert_agree((ROOT / "data" / "north_korea_oped.yaml").read_text())


@pytest.mark.parametrize("text", REFUSED_FOR_THEIR_SHAPE)
def test_the_schema_refuses_what_the_loader_refuses_for_its_shape(text):
    assert not loader_accepts(text)
    assert_agree(text)


# Generated maps: ids, texts and the optional keys in every form the loader reads.
# (no ":" in generated ids: a plain "a:b" needs quotes in flow style; EDGE_CASES quote one)
IDS = st.from_regex(r"[a-z][a-z0-9_.+-]{0,5}", fullmatch=True) | st.integers(0, 999).map(str)
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)
    .filter(str.strip).map(lambda t: json.dumps(t, ensure_ascii=False)),  # quoted, any text
    st.sampled_from(["A plain claim.", "1984", "5e-1", "1:30", "0o17", "2006-07-01", "'yes'",
                     '"No"', "It is so; really", "café au lait"]),
)
OPTIONAL_TEXT = TEXT | st.sampled_from(["~", "12", "0.5"])
NUMBER = st.sampled_from(["0", "1", "0.5", "5e-1", ".25", "1.0", "0.0", "+0.75"])
PARA = st.sampled_from(["1", "7", "017", "0o7", "0x1f", "2.0", "12"])
LINT = st.sampled_from(sorted(k for k in WARNING_CODES if k != "unknown-lint"))


def flow(pairs: dict[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs.items()) + "}"


@st.composite
def accepted_maps(draw) -> str:
    ids = draw(st.lists(IDS, min_size=2, max_size=6, unique=True))
    lines = []
    if draw(st.booleans()):
        lines.append(f"title: {draw(OPTIONAL_TEXT)}")
    if draw(st.booleans()):
        lines.append(f"ignore: {flow({draw(LINT): draw(TEXT)})}")
    themes = draw(st.lists(st.sampled_from(["cost", "time", "7"]), unique=True, max_size=2))
    if themes:
        lines.append("themes: " + flow({t: draw(OPTIONAL_TEXT) for t in themes}))
    lines.append("claims:")
    for cid in ids:
        if draw(st.booleans()):
            lines.append(f"  {cid}: {draw(TEXT)}")
            continue
        claim = {"text": draw(TEXT)}
        for key, value in [("theme", st.sampled_from(themes) if themes else st.nothing()),
                           ("tags", st.sampled_from(["[k]", "k", "[a, b]", "[]", "[7]"])),
                           ("note", OPTIONAL_TEXT), ("weight", NUMBER),
                           ("given", st.sampled_from(["true", "false", "True"])),
                           ("by", st.just("analyst")),
                           ("source", st.builds(lambda p, q: flow({"para": p, "quote": q}),
                                                PARA, TEXT)),
                           ("ignore", st.builds(lambda c, r: flow({c: r}), LINT, TEXT))]:
            if draw(st.booleans()):
                v = draw(st.none() | value)
                if v is not None:
                    claim[key] = v
        lines.append(f"  {cid}: {flow(claim)}")
    arguments = []
    for i in range(draw(st.integers(0, 4))):
        target = draw(st.sampled_from(ids))
        pool = [c for c in ids if c != target]
        premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        arg = {"id": f"arg{i}", draw(st.sampled_from(["supports", "attacks"])): target,
               "premises": premises[0] if len(premises) == 1 and draw(st.booleans())
               else "[" + ", ".join(premises) + "]"}
        name = draw(st.sampled_from([None, "title", "label"]))
        if name:
            arg[name] = draw(OPTIONAL_TEXT)
        if draw(st.booleans()):
            arg["weight"] = draw(NUMBER)
        if draw(st.booleans()):
            arg["ignore"] = flow({draw(LINT): draw(TEXT)})
        arguments.append(f"  - {flow(arg)}")
    if arguments:
        lines += ["arguments:", *arguments]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=accepted_maps())
def test_generated_maps_the_loader_accepts_the_schema_accepts(text):
    assert loader_accepts(text), [d.format() for d in parse(text, "m.yaml")[1]]
    assert_agree(text)


# -- what an editor shows ------------------------------------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("claims: {a: {txt: x}}\n", "'txt'"),
    ("claims: {a: {text: A., them: x}}\n", "'them'"),
    ("claims: {a: A., b: B.}\narguments: [{supprts: a, premises: [b]}]\n", "'supprts'"),
])
def test_the_best_error_for_a_misspelt_key_names_the_key(text, word):
    best = best_match(VALIDATOR.iter_errors(yaml12(text)))
    assert best is not None and word in best.message


def test_a_claim_mapping_is_checked_as_a_mapping_only():
    """yaml-language-server reports the errors of the alternative it judges closest: with a claim
    written as anyOf [text, mapping], '{txt: x}' got only "Incorrect type. Expected string".
    An if/then/else on the type leaves one branch, whose errors name the key."""
    claim = json.loads(schema_text())["$defs"]["claim"]
    assert "anyOf" not in claim and "oneOf" not in claim
    assert claim["if"] == {"type": "object"}
    messages = schema_errors("claims: {a: {txt: x}}\n")
    assert all("type" not in m for m in messages) and any("'txt'" in m for m in messages)


def test_the_ignore_codes_the_schema_refuses_are_the_error_codes():
    ignore = json.loads(schema_text())["$defs"]["ignore"]
    assert set(ignore["propertyNames"]["not"]["enum"]) == set(ERROR_CODES)


# -- where the schema is -------------------------------------------------------------------------

def test_schema_path_and_text_are_the_shipped_file():
    assert schema_path().is_file()
    assert json.loads(schema_path().read_text()) == json.loads(schema_text())
    assert schema_path() == ROOT / "src" / "argmap" / "schema" / "argmap.schema.json"


def test_the_bundled_maps_modeline_points_at_the_schema_in_the_installed_package():
    """In the wheel the map is argmap/data/north_korea_oped.yaml and the schema
    argmap/schema/argmap.schema.json: the modeline's relative path joins the two."""
    first = (ROOT / "data" / "north_korea_oped.yaml").read_text().splitlines()[0]
    assert first.startswith(MODELINE_PREFIX)
    relative = first[len(MODELINE_PREFIX):]
    pyproject = (ROOT / "pyproject.toml").read_text()  # (tomllib is Python 3.11+)
    installed_map = PurePosixPath(re.search(r'^"data/north_korea_oped.yaml" = "([^"]+)"$',
                                            pyproject, re.M).group(1))
    parts: list[str] = []
    for part in (installed_map.parent / relative).parts:
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    assert PurePosixPath(*parts) == PurePosixPath("argmap/schema/argmap.schema.json")


def test_the_bundled_maps_modeline_also_resolves_in_a_checkout():
    # data/../schema is the repository's `schema` link to src/argmap/schema, so an editor
    # opening data/north_korea_oped.yaml from a clone finds the schema too
    first = (ROOT / "data" / "north_korea_oped.yaml").read_text().splitlines()[0]
    target = ROOT / "data" / first[len(MODELINE_PREFIX):]
    if not (ROOT / "schema").exists():
        pytest.skip("no checkout layout here (an sdist or an unpacked wheel)")
    assert target.resolve() == schema_path().resolve()
