"""Writing YAML item by item gives exactly the text of one dump of the whole document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings

import orggraph
from orggraph.exporters.yaml_out import write_yaml, yaml_pieces
from tests.strategies import documents

ROOT = Path(__file__).resolve().parent.parent


def whole(data: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return text


@pytest.mark.parametrize(
    "org",
    [
        orggraph.example(),
        orggraph.load(ROOT / "data" / "ishoj.yaml"),
        orggraph.load(ROOT / "data" / "roskilde.yaml"),
    ],
    ids=["example", "ishoj", "roskilde"],  # a generated 1 000-post organisation: tests/test_benchmarks.py
)
def test_the_pieces_are_the_whole_dump(org: orggraph.Org, tmp_path: Path) -> None:
    data = org.to_dict()
    assert "".join(yaml_pieces(data)) == whole(data)
    path = tmp_path / "org.yaml"
    assert org.to_yaml(path) == whole(data)
    assert path.read_text(encoding="utf-8") == whole(data)
    assert orggraph.load(path) == org


@settings(max_examples=40, deadline=None)
@given(documents(max_posts=8))
def test_random_documents_dump_alike_in_pieces(data: dict[str, Any]) -> None:
    data = orggraph.from_dict(data).to_dict()
    assert write_yaml(data) == whole(data)


def test_a_bar_counts_the_items_written(capsys: pytest.CaptureFixture[str]) -> None:
    org = orggraph.example()
    org.to_yaml(progress=True)
    err = capsys.readouterr().err
    items = sum(len(v) if isinstance(v, list) and v else 1 for v in org.to_dict().values())
    assert f"{items}/{items}" in err
    org.to_yaml()
    assert capsys.readouterr().err == ""
