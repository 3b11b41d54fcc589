"""The JSON Schema of the YAML map format, for editors (``argmap schema`` prints it).

Point the YAML language server at it with a modeline on a map's first line::

    # yaml-language-server: $schema=<the path that schema_path() returns>

The schema reads a map as YAML 1.2 does, as the loader does, and agrees with the loader on the
shape of a map (tests/test_schema.py); ``argmap check`` also resolves ids, finds duplicates and
lints the reasoning.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["SCHEMA_FILE", "schema_path", "schema_text", "MODELINE_PREFIX"]

SCHEMA_FILE = "argmap.schema.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="


def schema_path() -> Path:
    """The installed schema file: a real path, usable in a modeline or an editor's settings.

    >>> schema_path().name
    'argmap.schema.json'
    """
    return Path(str(resources.files(__name__).joinpath(SCHEMA_FILE)))


def schema_text() -> str:
    """The schema as JSON text.

    >>> import json
    >>> json.loads(schema_text())["title"]
    'argmap argument map'
    """
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
