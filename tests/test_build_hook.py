"""hatch_build.py: an editable install gets byte-compiled modules, which never go stale."""

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not (ROOT / "hatch_build.py").exists(), reason="needs the source tree")


@pytest.fixture
def project(tmp_path):
    """A copy of what hatchling builds argmap from, without any compiled module."""
    pytest.importorskip("hatchling.builders.wheel", reason="hatchling builds the wheel")
    for name in ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE", ".gitignore"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "src", tmp_path / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return tmp_path


def compiled(root: Path) -> list[Path]:
    return sorted((root / "src" / "argmap").rglob("*.pyc"))


def build(root: Path, version: str) -> Path:
    """The wheel of ``version``; for ``editable``, only its build hooks run (the wheel itself
    needs the ``editables`` package, which pip brings into its build environment)."""
    from hatchling.builders.wheel import WheelBuilder

    built = list(WheelBuilder(str(root)).build(directory=str(root / "dist"), versions=[version],
                                               hooks_only=version == "editable"))
    return Path(built[0]) if built else root


def test_an_editable_build_compiles_every_module_for_this_python(project):
    build(project, "editable")
    modules = sorted((project / "src" / "argmap").rglob("*.py"))
    assert len(modules) > 20
    for module in modules:
        pyc = Path(importlib.util.cache_from_source(str(module)))
        assert pyc.exists(), module
        # checked against the source on every import: by its time and size (flags 0), or by
        # its hash (flags 3, when SOURCE_DATE_EPOCH asks for reproducible builds); never
        # trusted blindly (flags 1)
        assert int.from_bytes(pyc.read_bytes()[4:8], "little") in (0, 3), pyc


def test_a_regular_wheel_build_writes_no_bytecode_and_carries_none(project):
    import zipfile

    wheel = build(project, "standard")
    assert compiled(project) == []
    assert not [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".pyc")]


def test_a_module_edited_after_the_build_is_run_as_edited(project, monkeypatch):
    build(project, "editable")
    module = project / "src" / "argmap" / "render" / "theme.py"
    assert Path(importlib.util.cache_from_source(str(module))).exists()
    module.write_text(module.read_text() + "\nEDITED_AFTER_THE_BUILD = True\n")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # as PYTHONDONTWRITEBYTECODE=1
    spec = importlib.util.spec_from_file_location("edited_theme", module)
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    assert fresh.EDITED_AFTER_THE_BUILD


def test_git_and_the_sdist_leave_compiled_modules_out():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "__pycache__/" in ignored and "*.pyc" in ignored
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    assert "custom" in config["targets"]["wheel"]["hooks"]
    assert "hatch_build.py" in config["targets"]["sdist"]["include"]  # a wheel builds from it
