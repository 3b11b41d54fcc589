"""JSON text for data of any depth (argmap.jsonout)."""

import json
import math
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.jsonout import _encode, dumps

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text(st.characters(), max_size=8))
KEYS = st.text(max_size=5) | st.integers() | st.floats() | st.booleans() | st.none()
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30)
INDENTS = st.sampled_from([None, 0, 1, 2, "\t", ""])


@given(DATA, INDENTS)
def test_the_loop_writes_what_json_dumps_writes(data, indent):
    assert _encode(data, indent) == json.dumps(data, indent=indent, ensure_ascii=False)


@given(DATA, INDENTS)
def test_dumps_is_json_dumps_on_shallow_data(data, indent):
    assert dumps(data, indent) == json.dumps(data, indent=indent, ensure_ascii=False)


def deep_chain(n):
    """The shape of ``show --json`` for a long chain: claim -> supports -> premises -> claim."""
    node = {"id": f"c{n}", "supports": []}
    for i in range(n - 1, -1, -1):
        node = {"id": f"c{i}", "text": "Ünïcode \"quoted\"\n", "supports": [
            {"id": f"a{i}", "premises": [node], "strength": 0.5}]}
    return node


# Indented text of deep data is quadratic in size (each line is indented by its depth): 21,000
# levels indented by 2 make ~900 MB, so the indented case is shallower.
@pytest.mark.parametrize("indent, n", [(None, 7000), (2, 1000)])
def test_twenty_thousand_levels_encode_without_raising_the_recursion_limit(indent, n):
    limit = sys.getrecursionlimit()
    data = deep_chain(n)  # 3 levels of nesting for each step: 21,000 compact, 3,000 indented
    text = dumps(data, indent)
    assert sys.getrecursionlimit() == limit
    assert text.startswith('{"id": "c0", "text": "Ünïcode \\"quoted\\"\\n", "supports": [{' if indent
                           is None else '{\n  "id": "c0",\n  "text": "Ünïcode \\"quoted\\"\\n",')
    assert text.count('"premises"') == n
    assert text.count("{") == text.count("}") == 2 * n + 1
    # the deepest part, where the standard encoder still works, matches it exactly
    inner = deep_chain(5)
    assert _encode(inner, indent) == json.dumps(inner, indent=indent, ensure_ascii=False)


def test_special_floats_keys_and_errors_as_json_dumps():
    data = {3: math.inf, 2.5: -math.inf, False: math.nan, None: [()], "é": {}}
    assert _encode(data, None) == json.dumps(data, ensure_ascii=False)
    with pytest.raises(TypeError, match="not JSON serializable"):
        _encode([1, {2}], None)
    with pytest.raises(TypeError, match="keys must be"):
        _encode({(1, 2): 3}, None)
    loop: list = []
    loop.append([loop])
    with pytest.raises(ValueError, match="Circular reference"):
        _encode(loop, None)
