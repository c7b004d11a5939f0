"""Fuzz: mutated CSV and JSON files give a result or one of our errors, never another exception.

Seeded mutations (``scripts/fuzz_campaign.py``, which runs the long campaign) of the shipped files
in ``tests/data`` and of small generated ones, for read_csv, read_organogram (senior and junior
file), read_popolo and read_node_link; plus hypothesis-made JSON values for the two JSON readers.
A few dozen documents per target keep the whole file to a few seconds.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orggraph.errors import OrgGraphError
from orggraph.exporters import node_link_graph, read_node_link
from orggraph.importers import read_popolo

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fuzz_campaign.py"


def _campaign() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_campaign", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is made
    spec.loader.exec_module(module)
    return module


campaign = _campaign()


@pytest.mark.parametrize("target", campaign.TARGETS, ids=lambda target: target.name)
def test_mutants_give_only_our_errors(target: Any, tmp_path: Path) -> None:
    outcome = campaign.run(target, 25, 2026, tmp_path)
    assert outcome.crashes == {}, "\n".join(trace for _, trace in outcome.crashes.values())
    assert sum(outcome.counts.values()) == 25
    assert outcome.counts["loaded"] > 0  # the mutants are not all rejected at the first byte


def test_mutation_is_seeded() -> None:
    seed = b"id,name\n1,A\n"
    first = [campaign.mutate(seed, "csv", random.Random(7)) for _ in range(3)]
    assert first == [campaign.mutate(seed, "csv", random.Random(7)) for _ in range(3)]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=8,
)
KEYS = st.sampled_from(
    ["id", "source", "target", "key", "kind", "node_for_adding", "incoming_graph_data", "u_for_edge"]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    nodes=st.lists(st.dictionaries(KEYS | st.text(max_size=4), JSON, max_size=4), max_size=4),
    edges=st.lists(st.dictionaries(KEYS, JSON | st.sampled_from(["a", "b"]), max_size=5), max_size=4),
    graph=JSON,
)
def test_node_link_data_of_any_shape(nodes: list[Any], edges: list[Any], graph: Any) -> None:
    data = {"graph": graph, "nodes": [{"id": "a"}, {"id": "b"}, *nodes], "edges": edges}
    with contextlib.suppress(OrgGraphError):
        node_link_graph(data, name="x.json")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "persons": st.lists(st.dictionaries(st.sampled_from(["id", "name", "birth_date", "death_date"]), JSON)),
            "organizations": st.lists(st.dictionaries(st.sampled_from(["id", "name", "classification"]), JSON)),
            "memberships": st.lists(
                st.dictionaries(st.sampled_from(["person_id", "organization_id", "start_date", "end_date"]), JSON)
            ),
        },
    )
)
def test_popolo_of_any_shape(tmp_path: Path, data: dict[str, Any]) -> None:
    path = tmp_path / "popolo.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with contextlib.suppress(OrgGraphError):
        read_popolo(path)


def test_node_link_file_round_trip_survives_whitespace_noise(tmp_path: Path) -> None:
    import orggraph
    from orggraph.exporters import node_link_json

    path = tmp_path / "acme.json"
    path.write_text(" \n" + node_link_json(orggraph.example().graph, indent=None) + "\n\n", encoding="utf-8")
    assert read_node_link(path).nodes["ceo"]["kind"] == "post"
