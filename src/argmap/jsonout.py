"""JSON text for data of any depth, such as the tree of a very long chain of reasons.

:func:`dumps` returns exactly what ``json.dumps(data, indent=indent, ensure_ascii=False)``
returns. The standard encoder recurses once per level of nesting and stops with a
``RecursionError`` somewhere past a thousand levels (where exactly depends on the Python
version: 3.12 and 3.13 count C-level recursion against a fixed limit that
``sys.setrecursionlimit`` does not raise). Deep data is therefore encoded again by a loop over an
explicit stack, which needs neither a thread nor a higher recursion limit.

>>> dumps({"claim": "tea", "premises": [1, 2.5, None, True]})
'{"claim": "tea", "premises": [1, 2.5, null, true]}'
>>> print(dumps({"a": [], "b": {"c": "ß"}}, indent=2))
{
  "a": [],
  "b": {
    "c": "ß"
  }
}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps"]


def dumps(data: Any, indent: int | str | None = None) -> str:
    """``json.dumps(data, indent=indent, ensure_ascii=False)``, for data nested to any depth.

    Compact output (``indent=None``) separates items with ``", "`` and keys with ``": "``, as
    ``json.dumps`` does.

    >>> nested = []
    >>> for _ in range(20_000):
    ...     nested = [nested]
    >>> text = dumps(nested)
    >>> len(text), text[:3], text[-3:]
    (40002, '[[[', ']]]')
    """
    try:
        # no check for circular data: a circle recurses until RecursionError, and the loop
        # below finds it (ValueError, as json.dumps says); the check costs a third of the time
        return json.dumps(data, indent=indent, ensure_ascii=False, check_circular=False)
    except RecursionError:
        return _encode(data, indent)


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == float("inf"):
        return "Infinity"
    if o == -float("inf"):
        return "-Infinity"
    return float.__repr__(o)


def _scalar(o: Any) -> str | None:
    """The JSON text of a value that is not a container, or None for a list or a dict."""
    if isinstance(o, str):
        return encode_basestring(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, (list, tuple, dict)):
        return None
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _key(k: Any) -> str:
    """A dict key as JSON text: json.dumps turns numbers, booleans and None into strings."""
    if isinstance(k, str):
        return encode_basestring(k)
    if k is None or isinstance(k, (int, float)):  # bool is an int
        return f'"{_scalar(k)}"'  # the value's own text, quoted (it holds no quote)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


class _Open:
    """A list or dict being written: its remaining items and how to close it."""

    __slots__ = ("items", "is_dict", "first", "ident")

    def __init__(self, container: Any, is_dict: bool):
        self.items: Iterator[Any] = iter(container.items() if is_dict else container)
        self.is_dict = is_dict
        self.first = True
        self.ident = id(container)


def _encode(data: Any, indent: int | str | None) -> str:
    """The same text as ``json.dumps(data, indent=indent, ensure_ascii=False)``, by a loop."""
    if indent is not None and not isinstance(indent, str):
        indent = " " * indent
    item_sep = ", " if indent is None else ","
    out: list[str] = []
    stack: list[_Open] = []
    on_path: set[int] = set()  # containers being written, to refuse a circular structure
    value, have_value = data, True
    while True:
        if have_value:
            text = _scalar(value)
            if text is not None:
                out.append(text)
            elif not value:
                out.append("{}" if isinstance(value, dict) else "[]")
            else:
                if id(value) in on_path:
                    raise ValueError("Circular reference detected")
                on_path.add(id(value))
                is_dict = isinstance(value, dict)
                out.append("{" if is_dict else "[")
                stack.append(_Open(value, is_dict))
        have_value = False
        while stack:  # find the next value to write, closing the containers that are done
            top = stack[-1]
            item: Any = next(top.items, _DONE)
            if item is _DONE:
                stack.pop()
                on_path.discard(top.ident)
                if indent is not None:
                    out.append("\n" + indent * len(stack))
                out.append("}" if top.is_dict else "]")
                continue
            if not top.first:
                out.append(item_sep)
            top.first = False
            if indent is not None:
                out.append("\n" + indent * len(stack))
            if top.is_dict:
                key, value = item
                out.append(_key(key))
                out.append(": ")
            else:
                value = item
            have_value = True
            break
        if not have_value:
            return "".join(out)


_DONE = object()
