"""Loading straight to the graph (``orggraph.load``/``loads``) gives the graph ``build_graph`` gives, holding copies.

The lean path (``orggraph.load_graph``) builds the graph while the parsed data
is alive and the graph keeps fresh copies of the document's text and nested
objects, so that little of the loader's memory stays resident
(``benchmarks/README.md``). These tests pin that it is the same graph, in every
order that can be observed, and that it holds none of the loader's strings.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import orggraph
from orggraph.graph import build_graph
from orggraph.load_graph import parse_graph, read_graph
from orggraph.loading import parse_document
from orggraph.schema import Citation, Document
from orggraph.yaml_subset import read_yaml
from tests.strategies import documents
from tests.test_export import awkward_documents


def _shape(G: nx.MultiDiGraph) -> tuple[Any, ...]:
    """Everything observable about a graph, in order: nodes and their attributes, edges, graph attributes."""
    nodes = [(node, list(attrs.items())) for node, attrs in G.nodes(data=True)]
    edges = [(u, v, key, list(data.items())) for u, v, key, data in G.edges(keys=True, data=True)]
    adjacency = [(node, list(G.succ[node]), list(G.pred[node])) for node in G]
    return nodes, edges, adjacency, list(G.graph.items())


def _assert_same_graph(text: str) -> None:
    document = parse_document(text)
    expected = build_graph(document)
    lean = parse_graph(text)
    assert _shape(lean) == _shape(expected)
    _assert_holds_copies(lean, document)


def _items(document: Document) -> list[BaseModel]:
    return [
        item
        for field in ("units", "posts", "groups", "forums", "topics", "decision_rules", "instruments", "events")
        for item in getattr(document, field)
    ]


def _assert_holds_copies(G: nx.MultiDiGraph, document: Document) -> None:
    """The graph's ids and names are new objects (one per id), its nested objects copies with the same fields set."""
    keys = {node: node for node in G}
    for item in _items(document):
        node = keys[item.id]  # type: ignore[attr-defined]
        attrs = G.nodes[node]
        if len(node) > 1:  # one-character strings are shared by Python itself
            assert node is not item.id  # type: ignore[attr-defined]
        if len(attrs["name"]) > 1:
            assert attrs["name"] is not item.name  # type: ignore[attr-defined]
        for name in ("unit", "reports_to", "parent", "head", "topic", "forum"):
            reference = attrs.get(name)
            if isinstance(reference, str) and reference in keys:
                assert reference is keys[reference], (node, name)  # the node's own id object
        for name, value in attrs.items():
            original = getattr(item, name, None)
            if isinstance(value, BaseModel) and not isinstance(value, Citation):
                assert value is not original
                assert value == original
                assert value.model_fields_set == original.model_fields_set
    for u, v, _ in G.edges(keys=True):
        assert u is keys[u]
        assert v is keys[v]


@settings(max_examples=30, deadline=None)
@given(documents())
def test_random_documents_load_to_the_graph_build_graph_gives(data: dict[str, Any]) -> None:
    _assert_same_graph(orggraph.from_dict(data).to_yaml())


@settings(max_examples=30, deadline=None)
@given(awkward_documents())
def test_awkward_documents_load_to_the_graph_build_graph_gives(data: dict[str, Any]) -> None:
    _assert_same_graph(orggraph.from_dict(data).to_yaml())


@pytest.mark.parametrize("name", ["example", "ishoj", "roskilde"])
def test_the_seed_organisations_load_to_the_graph_build_graph_gives(name: str) -> None:
    org = orggraph.example() if name == "example" else getattr(orggraph.datasets, name)()
    _assert_same_graph(org.to_yaml())


def test_a_file_loads_to_the_same_graph_as_its_text(tmp_path: Any) -> None:
    path = tmp_path / "org.yaml"
    orggraph.datasets.ishoj().to_yaml(path)
    assert _shape(read_graph(path)) == _shape(parse_graph(path.read_text(encoding="utf-8"), name=str(path)))
    assert orggraph.load(path) == orggraph.datasets.ishoj()


def test_series_and_roles_are_copies_that_read_back() -> None:
    text = """
organisation: {id: acme, name: Acme}
posts:
  - {id: boss, name: Boss, top: true}
  - {id: lead, name: Lead, reports_to: boss}
forums:
  - id: area
    name: Area meetings
    for_each: {holders: [boss], series_name: Area meeting}
    chair: {post: boss}
topics:
  - id: budget
    name: Budget
    roles: [{role: decides, holder: boss, description: "by § 8"}]
"""
    _assert_same_graph(text)
    G = parse_graph(text)
    series = G.nodes["area/boss"]
    assert series["holder"] == "boss"
    assert series["members"] == ("boss", "lead")
    assert series["holder"] is next(node for node in G if node == "boss")
    assert G.edges["boss", "budget", "decides"]["description"] == "by § 8"


# -- the YAML walker's shortcuts: plain scalars resolved once, text keys shared ------------------------

_SCALARS = ["true", "True", "yes", "no", "off", "null", "~", "3", "3.0", "0x1F", "017", "1_000", ".inf", "-2"]
_SCALARS += ["name", "id", "Team A", "n", "type", "p12", "Ærø", "<x"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(_SCALARS), st.booleans(), st.sampled_from(_SCALARS), st.booleans())),
        min_size=1,
        max_size=6,
    )
)
def test_repeated_plain_and_quoted_scalars_read_as_pyyaml_reads_them(
    items: list[list[tuple[str, bool, str, bool]]],
) -> None:
    """The same text plain and quoted, as a key and as a value, again and again: each read as PyYAML reads it."""

    def scalar(text: str, quoted: bool) -> str:
        return f"'{text}'" if quoted else text

    lines = ["items:"]
    for entries in items:
        lines.append("  - {" + ", ".join(f"{scalar(k, kq)}: {scalar(v, vq)}" for k, kq, v, vq in entries) + "}")
    text = "\n".join(lines)
    assert read_yaml(text).data == yaml.safe_load(text)
