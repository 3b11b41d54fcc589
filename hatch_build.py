"""Hatchling build hook: byte-compile argmap for an editable install.

An editable install (``pip install -e .``, as the README's Quick start does) imports argmap from
``src/argmap``, where nothing compiles the modules: with ``PYTHONDONTWRITEBYTECODE`` set, or a
source tree Python cannot write to, every run compiles them all again (a third of the time of
``argmap show``). So when hatchling builds the editable wheel, this hook compiles them, for the
interpreter that builds it (pip builds with the interpreter it installs for), into
``src/argmap/__pycache__``. The ``.pyc`` files are checked against their source's modification
time and size on every import (or its hash, when ``SOURCE_DATE_EPOCH`` asks for reproducible
builds): an edited module is compiled afresh, never run from a stale one. ``.gitignore`` keeps
them out of the repository and hence out of the sdist and the wheel.

A regular wheel needs nothing of this: pip byte-compiles what it installs, in site-packages.
"""

from __future__ import annotations

import compileall
import os
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGE = os.path.join("src", "argmap")


class CustomBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "editable":
            compile_package(os.path.join(self.root, PACKAGE))


def compile_package(path: str) -> bool:
    """Byte-compile every module under ``path`` (quietly; one that does not compile is left
    for Python to report when it is imported). True when all compiled."""
    return bool(compileall.compile_dir(path, quiet=2, workers=1))
