"""argmap: argument maps as plain YAML, checked, explored and drawn.

>>> import argmap
>>> m = argmap.load()          # the bundled op-ed map
>>> m.title
'The North Korea Missile Standoff'
"""

from __future__ import annotations

from typing import Any

from .errors import (
    ArgmapError,
    Diagnostic,
    ExportError,
    MapError,
    MapReadError,
    UnknownIdError,
)

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Diagnostic",
    "ExportError",
    "MapError",
    "MapReadError",
    "UnknownIdError",
    "load",
    "loads",
]
__version__ = "0.1.0"

_LAZY = {"load": "loader", "loads": "loader", "ArgumentMap": "model"}


def __getattr__(name: str) -> Any:
    """Import the loader (PyYAML, networkx) only when it is used: `argmap --help` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
