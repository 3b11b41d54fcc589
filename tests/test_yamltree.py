"""The fast reader of plain YAML against libyaml: the same tree, or it steps aside.

libyaml (composed by the loader's ``_Composer`` and converted by ``from_pyyaml``) is the oracle:
for every text the fast reader accepts, libyaml must accept it too and give a node tree with the
same types, tags, values, lines and columns.
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import loader, yamltree
from argmap.loader import _Composer, bundled_map_path, parse
from argmap.yamltree import Mapping, Scalar, Sequence, compose, from_pyyaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


def libyaml(text: str):
    return from_pyyaml(yaml.compose(io.StringIO(text), Loader=_Composer))


def flat(node, out=None):
    """The tree as a list of (type, tag, value, line, column) in document order."""
    out = [] if out is None else out
    out.append((type(node).__name__, node.tag, node.value if type(node) is Scalar else len(
        node.value), node.line, node.column))
    if type(node) is Mapping:
        for k, v in node.value:
            flat(k, out)
            flat(v, out)
    elif type(node) is Sequence:
        for item in node.value:
            flat(item, out)
    return out


def agrees(text: str) -> bool:
    """True when the fast reader read ``text`` (and agrees with libyaml); False when it left
    the text to libyaml. Fails when it read the text differently, or read what libyaml refuses."""
    fast = compose(text)
    if fast is None:
        return False
    try:
        ref = libyaml(text)
    except yaml.YAMLError as e:
        pytest.fail(f"the fast reader accepted what libyaml refuses ({e}):\n{text}")
    assert flat(fast) == flat(ref), text
    return True


def test_the_bundled_map_and_generated_maps_read_the_same():
    assert agrees(bundled_map_path().read_text(encoding="utf-8"))
    for n, seed in ((60, 1), (300, 2)):
        assert agrees(generate(n, seed))


def test_the_repository_yaml_files_read_the_same_or_step_aside():
    read = 0
    for path in sorted(ROOT.glob("**/*.yaml")):
        if ".venv" in path.parts or "out" in path.parts:
            continue
        read += agrees(path.read_text(encoding="utf-8"))
    assert read >= 3


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: !!str 1\n",  # tags
    "a: |\n  text\n",  # block scalars
    "a: >\n  text\n",
    "a: one\n  two\n",  # a plain value over two lines
    'a: "one\n  two"\n',  # a quoted one
    "a: [1,\n  2]\n",  # a flow list over lines
    "a: 1\r\nb: 2\r\n",  # carriage returns
    "a:\t1\n",  # tabs
    "\ufeffa: 1\n",  # a byte-order mark
    "---\na: 1\n",  # document markers
    "- a\n- b\n",  # a root list
    "a: b: c\n",  # what YAML refuses
    "a: 1\n b: 2\n",
    "? a\n: 1\n",  # complex keys
    "a: [b, ]\n",  # a trailing comma
    "a: {b}\n",
    "a: [b: c]\n",
    'a: "\\q"\n',  # an unknown escape
    "",
    "# only a comment\n",
])
def test_anything_else_is_left_to_libyaml(text):
    assert compose(text) is None


def test_positions_values_and_tags():
    text = ('t: "x\\ty \\u00e9 \\"q\\""   # c\n'
            "l:\n- a\n-\n- k: 'it''s'\n  n: [1, 0.5, yes, ~, -3, 😀 b]\n"
            "e:\nm: {p: 2, q: \"v, w\"}\n")
    assert agrees(text)
    root = compose(text)
    t, l_, e, m = (v for _, v in root.value)
    assert t.value == 'x\ty é "q"' and (t.line, t.column) == (0, 3)
    assert [type(i).__name__ for i in l_.value] == ["Scalar", "Scalar", "Mapping"]
    assert (l_.value[1].tag, l_.value[1].column) == (yamltree.NULL, 1)  # just after the '-'
    assert l_.value[2].value[0][1].value == "it's"
    assert [i.tag.rsplit(":", 1)[1] for i in l_.value[2].value[1][1].value] == [
        "int", "float", "bool", "null", "int", "str"]
    assert (e.tag, e.line, e.column) == (yamltree.NULL, 6, 2)
    assert m.value[1][1].value == "v, w"


def test_deep_nesting_is_left_to_libyaml():
    deep = "a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(250)) + " " * 252 + "x: 1\n"
    assert compose(deep, max_depth=200) is None
    assert compose("a: " + "[" * 201 + "]" * 201 + "\n", max_depth=200) is None
    assert compose("a: " + "[" * 20 + "]" * 20 + "\n", max_depth=200) is not None


def test_aliases_stay_shared_when_converted():
    root = libyaml("a: &ps [x, y]\nb: *ps\nc: *ps\n")
    assert root.value[0][1] is root.value[1][1] is root.value[2][1]


_PIECES = ["a", "b-1", "x y", "'q''s'", '"d \\" e"', '"é"', "2", "0.5", "-3", "yes", "~", "",
           "[p, q]", "[]", "{k: v}", "{k: 'v', l: [1, 2]}", "{}", "http://x.org/a", "a#b",
           "a # c", "😀", "5e-1", "0x1f", "1:30", "a,b", "[a , b]", "-x", "!t", "&a", "*a", "| x"]


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4, 1, 3]))
        kind = draw(st.sampled_from(["key", "key", "item", "itemkey", "comment", "blank"]))
        key = draw(st.sampled_from(["k", "id", "text", "'q k'", '"d"', "2", "yes", "a b"]))
        value = draw(st.sampled_from(_PIECES))
        if kind == "key":
            lines.append(f"{indent}{key}:{' ' if value else ''}{value}")
        elif kind == "item":
            lines.append(f"{indent}-{' ' if value else ''}{value}")
        elif kind == "itemkey":
            lines.append(f"{indent}- {key}: {value}")
        elif kind == "comment":
            lines.append(f"{indent}# {value}")
        else:
            lines.append("")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=400, deadline=None)
@given(documents())
def test_generated_documents_read_the_same_or_step_aside(text):
    agrees(text)


def test_mutated_maps_read_the_same_or_step_aside():
    """Random edits of the bundled map (seeded): every text the fast reader takes, libyaml
    reads the same way."""
    rng = random.Random(13)
    base = bundled_map_path().read_text(encoding="utf-8")
    pieces = [":", " ", "#", "-", '"', "'", "\\", "{", "}", "[", "]", ",", "\n", "\n- ", ": ",
              "\n  ", "é", "&", "*", "!", "|", "?", "\\x41", "yes", "~", "0x1f"]
    read = 0
    for _ in range(200):
        text = base
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(pieces) + text[i + rng.randint(0, 2):]
        read += agrees(text)
    assert read > 30  # the test exercises the fast reader, not only the fallback


@pytest.mark.parametrize("text", [
    "claims:\n  a: {txt: A.}\n",
    "claims:\n  a: A.\n  a: B.\narguments:\n  - {supports: a, premises: [b, 'c d']}\n",
    "claims:\n  a: {text: A., weight: 2, given: maybe, source: {para: 0}}\nthesis: yes\n",
    "title: [x]\nclaims:\n  a: A.\n  b: B.\narguments:\n  - {attacks: a, premises: b, x: 1}\n",
])
def test_the_loader_reports_the_same_either_way(monkeypatch, text):
    fast = [str(d) for d in parse(text, "m.yaml")[1]]
    monkeypatch.setattr(loader, "compose_plain", lambda text, depth: None)
    assert [str(d) for d in parse(text, "m.yaml")[1]] == fast
    assert fast  # each map has problems to report
