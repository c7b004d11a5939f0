"""orggraph.datasets: the seed organisations shipped in the package, equal to data/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import orggraph
from orggraph import datasets
from orggraph.errors import OptionError
from tests.conftest import not_info

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", datasets.names())
def test_the_shipped_file_equals_data_byte_for_byte(name: str) -> None:
    assert datasets.path(name).read_bytes() == (ROOT / "data" / f"{name}.yaml").read_bytes()


def test_every_yaml_file_in_data_is_shipped() -> None:
    assert sorted(path.stem for path in (ROOT / "data").glob("*.yaml")) == list(datasets.names())


@pytest.mark.parametrize("name", datasets.names())
def test_the_shipped_dataset_is_the_same_organisation_as_data(name: str) -> None:
    shipped = datasets.load(name)
    checkout = orggraph.load(ROOT / "data" / f"{name}.yaml")
    assert shipped.to_dict() == checkout.to_dict()
    assert not not_info(shipped)


def test_the_named_functions_give_the_named_organisations() -> None:
    # The titles are the organisations' own names (data/README.md).
    assert datasets.ishoj().title == "Ishøj Kommune"
    assert datasets.roskilde().title == "Roskilde Kommune"


def test_an_unknown_name_lists_the_datasets() -> None:
    with pytest.raises(OptionError, match=r"unknown dataset 'roskild' \(did you mean 'roskilde'\?\); datasets: ishoj"):
        datasets.path("roskild")


def test_the_yaml_files_are_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.yaml" in config["tool"]["setuptools"]["package-data"]["orggraph.datasets"]


def test_python_m_prints_the_paths_for_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "orggraph.datasets", "roskilde"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert Path(done.stdout.strip()) == datasets.path("roskilde")
    assert Path(done.stdout.strip()).read_bytes() == (ROOT / "data" / "roskilde.yaml").read_bytes()
