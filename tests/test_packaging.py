"""Packaging: what the wheel and the sdist carry, and the one source of the version."""

import tarfile
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"

pytestmark = pytest.mark.skipif(not PYPROJECT.exists(), reason="needs the source tree")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The wheel and the sdist, built by hatchling (the build backend) without network."""
    builders = pytest.importorskip("hatchling.builders.wheel", reason="hatchling builds the dists")
    from hatchling.builders.sdist import SdistBuilder

    out = tmp_path_factory.mktemp("dist")
    wheel = next(builders.WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    sdist = next(SdistBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    return Path(wheel), Path(sdist)


def test_the_wheel_carries_the_licence_the_types_marker_and_the_bundled_map(builds):
    names = zipfile.ZipFile(builds[0]).namelist()
    info = f"argmap-{argmap.__version__}.dist-info"
    assert f"{info}/licenses/LICENSE" in names
    assert "argmap/py.typed" in names
    assert "argmap/data/north_korea_oped.yaml" in names
    assert "argmap/data/north_korea_oped.txt" in names  # its text, which check verifies against
    metadata = zipfile.ZipFile(builds[0]).read(f"{info}/METADATA").decode()
    assert f"\nVersion: {argmap.__version__}\n" in metadata
    assert "\nLicense-Expression: MIT\n" in metadata


def test_the_sdist_carries_the_licence_and_the_types_marker(builds):
    names = tarfile.open(builds[1]).getnames()
    top = f"argmap-{argmap.__version__}"
    for path in ("LICENSE", "pyproject.toml", "src/argmap/py.typed", "README.md"):
        assert f"{top}/{path}" in names, path


def test_one_version_and_a_classifier_for_every_python_supported():
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    assert "version" in project["dynamic"] and "version" not in project
    assert version("argmap") == argmap.__version__
    pythons = {c.rsplit(" ", 1)[1] for c in project["classifiers"]
               if c.startswith("Programming Language :: Python :: 3.")}
    assert pythons == {"3.10", "3.11", "3.12", "3.13"}
    assert project["requires-python"] == ">=3.10"
