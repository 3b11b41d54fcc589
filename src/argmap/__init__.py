"""argmap: argument maps as plain YAML, checked, explored and drawn.

>>> import argmap
>>> m = argmap.load()          # the bundled op-ed map
>>> m.title
'The North Korea Missile Standoff'
"""

from .errors import (
    ArgmapError,
    Diagnostic,
    ExportError,
    MapError,
    MapReadError,
    UnknownIdError,
)
from .loader import load, loads
from .model import ArgumentMap

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
