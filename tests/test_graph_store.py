"""The graph is the one store of an organisation: nodes keep the fields the data sets, the document comes back whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import orggraph
from orggraph.graph import FIELD_DEFAULTS, MODELS, OWN_KIND, build_graph, full_attributes, node_field
from orggraph.importers import read_organogram, read_popolo
from orggraph.items import ItemData, document_data, document_of, is_item, item, item_data
from orggraph.loading import document_from_dict
from orggraph.schema import Document
from tests.strategies import documents
from tests.test_export import awkward_documents

DATA = Path(__file__).resolve().parent / "data"


def _organisations() -> dict[str, orggraph.Org]:
    return {
        "example": orggraph.example(),
        "ishoj": orggraph.datasets.ishoj(),
        "roskilde": orggraph.datasets.roskilde(),
        "organogram": read_organogram(DATA / "organogram-flawed-senior.csv", DATA / "organogram-flawed-junior.csv"),
        "popolo": read_popolo(DATA / "popolo-flawed.json"),
    }


def _dumped(document: Document) -> dict[str, Any]:
    return {"orggraph": 1, **document.model_dump(mode="json", exclude_defaults=True)}


def _assert_stored(document: Document) -> None:
    """What the graph stores is the document: item by item, field by field, and as plain data."""
    G = build_graph(document)
    assert document_of(G) == document
    assert {key: list(value) if isinstance(value, ItemData) else value for key, value in document_data(G)} == _dumped(
        document
    )
    for node, attrs in G.nodes(data=True):
        if not is_item(attrs):
            continue
        kind = attrs["kind"]
        original = next(i for i in getattr(document, _LIST[kind]) if i.id == node)
        assert item(G, node) == original
        assert item_data(G, node) == original.model_dump(mode="json", exclude_defaults=True)
        defaults = FIELD_DEFAULTS[kind]
        for name, value in attrs.items():  # nothing at its default is stored
            assert name not in defaults or value != defaults[name], (node, name)
        for name in MODELS[kind].model_fields:  # and every field reads back
            stored = OWN_KIND.get(kind, "kind") if name == "kind" else name
            if name != "id":
                assert node_field(attrs, stored) == getattr(original, name)
                assert full_attributes(attrs)[stored] == getattr(original, name)


_LIST = {
    "unit": "units",
    "post": "posts",
    "group": "groups",
    "forum": "forums",
    "topic": "topics",
    "rule": "decision_rules",
    "instrument": "instruments",
    "event": "events",
    "person": "people",
}


@pytest.mark.parametrize("name", ["example", "ishoj", "roskilde", "organogram", "popolo"])
def test_the_graph_gives_back_the_document(name: str) -> None:
    org = _organisations()[name]
    _assert_stored(org.document)
    assert orggraph.loads(org.to_yaml()) == org


@settings(max_examples=40, deadline=None)
@given(documents())
def test_random_documents_come_back_whole(data: dict[str, Any]) -> None:
    _assert_stored(document_from_dict(data))


@settings(max_examples=40, deadline=None)
@given(awkward_documents())
def test_awkward_documents_come_back_whole(data: dict[str, Any]) -> None:
    _assert_stored(document_from_dict(data))


def test_a_post_at_its_defaults_stores_only_its_name() -> None:
    org = orggraph.from_dict({"organisation": {"id": "x", "name": "X"}, "posts": [{"id": "a", "name": "A"}]})
    assert org.graph.nodes["a"] == {"kind": "post", "name": "A"}
    assert node_field(org.graph.nodes["a"], "headcount") == 1
    with pytest.raises(KeyError):
        node_field(org.graph.nodes["a"], "no-such-field")


def test_the_document_is_made_again_and_kept_only_while_used() -> None:
    org = orggraph.datasets.ishoj()
    first = org.document
    assert org.document is first  # while the caller holds it, it is the same object
    assert first == orggraph.loads(orggraph.datasets.ishoj().to_yaml()).document


def test_equal_citations_are_one_object() -> None:
    """Thousands of items cite the same section: the load keeps one citation object for them (memory)."""
    G = orggraph.datasets.ishoj().graph
    cited = [attrs["source"] for _, attrs in G.nodes(data=True) if "source" in attrs]
    assert len({id(c) for c in cited}) == len(set(cited)) < len(cited)


def test_an_organisation_pickles_whole_after_its_document_was_read() -> None:
    """The weak reference to a document made on demand is not state: a pickled copy is equal and answers alike."""
    import pickle

    org = orggraph.datasets.roskilde()
    document = org.document  # held: the organisation has a live weak reference to it
    copy = pickle.loads(pickle.dumps(org))
    assert copy == org
    assert copy.document == document
    assert copy.span_of_control().equals(org.span_of_control())
