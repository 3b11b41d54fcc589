"""Shared helpers for the loader, validator and model tests.

The helpers are fixtures that return plain functions, session-scoped where they hold no state, so
hypothesis tests can use them too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import Diagnostic
from argmap.loader import parse
from argmap.validate import check_text


@pytest.fixture
def write_map(tmp_path):
    """``write_map(text_or_bytes, name="map.yaml") -> Path``: a map file in ``tmp_path``."""

    def write(content: str | bytes, name: str = "map.yaml") -> Path:
        p = tmp_path / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return write


@pytest.fixture(scope="session")
def diagnostics():
    """``diagnostics(text, check=False) -> list[Diagnostic]`` from the loader, or from
    ``check_text`` (errors and warnings) with ``check=True``. The map is named ``m.yaml``."""

    def find(text: str, check: bool = False) -> list[Diagnostic]:
        return check_text(text, "m.yaml") if check else parse(text, "m.yaml")[1]

    return find


@pytest.fixture(scope="session")
def codes(diagnostics):
    """``codes(text, check=False) -> list[str]``: the diagnostic codes, in the order reported."""

    def find(text: str, check: bool = False) -> list[str]:
        return [d.code for d in diagnostics(text, check)]

    return find


@pytest.fixture(scope="session")
def diagnostic(diagnostics):
    """``diagnostic(text, code, check=False) -> Diagnostic``: the first one with ``code``; fails
    the test, listing what was reported instead, when there is none."""

    def find(text: str, code: str, check: bool = False) -> Diagnostic:
        found = diagnostics(text, check)
        matching = [d for d in found if d.code == code]
        assert matching, f"no {code!r} in {[d.format() for d in found]}"
        return matching[0]

    return find


@pytest.fixture(scope="session")
def where():
    """``where(text, needle, nth=1) -> (line, col)``: 1-based position of the nth occurrence of
    ``needle`` in ``text``, so expected positions are read off the input, not copied from output."""

    def find(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
        start = -1
        for _ in range(nth):
            start = text.index(needle, start + 1)
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        return line, col

    return find


# Loads a map file in a fresh interpreter and prints one line: "OK", or the error class followed
# by "code line" for each diagnostic, or the message for a read error. Anything else (a traceback,
# a crash) shows up as a non-zero return code.
_LOAD_SCRIPT = """
import sys, argmap
try:
    argmap.load(sys.argv[1])
except argmap.MapError as e:
    print("MapError", *(f"{d.code}@{d.line}" for d in e.diagnostics))
except argmap.ArgmapError as e:
    print(type(e).__name__, e)
else:
    print("OK")
"""


def _limit_memory() -> None:
    """In the child: a runaway expansion hits a 4 GB wall instead of the machine's memory."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))
    except (ImportError, ValueError, OSError):
        pass


@pytest.fixture(scope="session")
def load_isolated():
    """``load_isolated(path, timeout=60) -> CompletedProcess``: ``argmap.load(path)`` in a
    subprocess, so a segfault or a runaway parse fails one test instead of the whole run."""

    def run(path: Path, timeout: float = 60) -> subprocess.CompletedProcess:
        try:
            return subprocess.run([sys.executable, "-c", _LOAD_SCRIPT, str(path)],
                                  capture_output=True, text=True, timeout=timeout,
                                  preexec_fn=_limit_memory if os.name == "posix" else None)
        except subprocess.TimeoutExpired:
            pytest.fail(f"loading {path} ({path.stat().st_size} bytes) did not finish in "
                        f"{timeout} s")

    return run


@pytest.fixture
def run(monkeypatch):
    """Invoke the CLI as a user at an 80-column terminal without colour would."""
    from click.testing import CliRunner

    from argmap.cli import cli

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input,
                                  catch_exceptions=False)

    return invoke


@pytest.fixture
def tea(tmp_path):
    """The TEA sample map (tests/samples.py) written to a file; its path as a string."""
    from samples import TEA

    p = tmp_path / "tea.yaml"
    p.write_text(TEA)
    return str(p)
