"""The items of an organisation, read back from the graph that stores them.

The graph (:mod:`orggraph.graph`) is the one store of an organisation: each
node holds the fields of its item that the data sets, and the graph
attributes hold what is not a node (the organisation, its sources, the
secondary reporting lines, declared counts and people's memberships). This
module turns nodes back into schema objects (:func:`item`), into plain data
as :meth:`orggraph.Org.to_dict` writes it (:func:`item_data`,
:func:`document_data`), and the whole graph back into a
:class:`~orggraph.schema.Document` (:func:`document_of`), so that an
:class:`~orggraph.Org` need not keep its document beside its graph.

A per-holder series (``for_each``, :mod:`orggraph.series`) is made from its
template when the graph is built, so it is not an item of the document: the
functions here skip it.

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> document_of(org.graph) == orggraph.example().document
True
>>> item_data(org.graph, "cfo")["reports_to"]
'ceo'
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sized
from typing import Any

import networkx as nx
from pydantic import BaseModel

from orggraph.graph import FIELD_DEFAULTS, FIELD_NAMES, MODELS
from orggraph.schema import Document, _Item

__all__ = ["ItemData", "document_data", "document_of", "is_item", "item", "item_data"]

_LISTS: tuple[tuple[str, str], ...] = (
    ("units", "unit"),
    ("posts", "post"),
    ("reporting_lines", ""),
    ("groups", "group"),
    ("forums", "forum"),
    ("topics", "topic"),
    ("decision_rules", "rule"),
    ("instruments", "instrument"),
    ("events", "event"),
    ("declared_counts", ""),
    ("people", "person"),
    ("memberships", ""),
)
"""The document's lists in the schema's order, each with its node kind ("" for a list kept as a graph attribute)."""


def is_item(attrs: Mapping[str, Any]) -> bool:
    """Whether a node is an item of the data (not a per-holder series made from one).

    Parameters
    ----------
    attrs : mapping
        The node's attributes.

    Returns
    -------
    bool

    Examples
    --------
    >>> import orggraph
    >>> G = orggraph.datasets.ishoj().graph
    >>> series = G.nodes["chefmoeder-direktoeromraader"]["series"]
    >>> is_item(G.nodes["chefmoeder-direktoeromraader"]), is_item(G.nodes[series[0]])
    (True, False)
    """
    return "series_of" not in attrs


def _fields(node: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The item's own fields that the node stores, by their schema names, ``id`` first."""
    names = FIELD_NAMES[attrs["kind"]].get
    found: dict[str, Any] = {"id": node}
    for name, value in attrs.items():
        schema_name = names(name)
        if schema_name is not None:
            found[schema_name] = value
    return found


def item(G: nx.MultiDiGraph, node: str) -> _Item:
    """The schema object of a node (a :class:`~orggraph.schema.Post`, :class:`~orggraph.schema.Unit`, ...).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`orggraph.graph.build_graph`.
    node : str
        The item's id.

    Returns
    -------
    Unit, Post, Group, Forum, Topic, DecisionRule, Instrument, Event or Person
        The item as the data gave it (fields left out take their defaults).

    Examples
    --------
    >>> import orggraph
    >>> post = item(orggraph.example().graph, "technician")
    >>> type(post).__name__, post.name, post.headcount, post.vacant
    ('Post', 'Technician', 4, False)
    """
    return _item(node, G.nodes[node])


_SCHEMA_DEFAULTS = {
    kind: {FIELD_NAMES[kind][attribute]: value for attribute, value in defaults.items()}
    for kind, defaults in FIELD_DEFAULTS.items()
}
"""FIELD_DEFAULTS by the schema's field names (a unit's ``kind``, not ``unit_kind``)."""


def _item(node: str, attrs: Mapping[str, Any]) -> _Item:
    kind = attrs["kind"]
    found = _fields(node, attrs)
    return MODELS[kind].model_construct(_fields_set=set(found), **{**_SCHEMA_DEFAULTS[kind], **found})


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A field's value as JSON data, as ``model_dump(mode="json", exclude_defaults=True)`` gives it."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str | int | float):  # a subclass (an enum of the schema, say)
        return value
    raise TypeError(f"no JSON form for {type(value).__name__}")  # pragma: no cover - the schema has no other


def item_data(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """A node's item as plain JSON data: its id and the fields the data sets, in the schema's order.

    The same as the item's ``model_dump(mode="json", exclude_defaults=True)``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`orggraph.graph.build_graph`.
    node : str
        The item's id.

    Returns
    -------
    dict

    Examples
    --------
    >>> import orggraph
    >>> data = item_data(orggraph.example().graph, "technician")
    >>> data["source"], data["headcount"], "vacant" in data
    ({'document': 'handbook', 'section': 'structure'}, 4, False)
    """
    return _data(node, G.nodes[node])


def _data(node: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _plain(value) for name, value in _fields(node, attrs).items()}


def _listed(G: nx.MultiDiGraph, name: str) -> tuple[Any, ...]:
    listed: tuple[Any, ...] = G.graph.get(name, ())
    return listed


class ItemData(Sized, Iterable[dict[str, Any]]):
    """The items of one kind as plain data, made one by one as they are read (a sized, lazy list).

    Examples
    --------
    >>> import orggraph
    >>> posts = ItemData(orggraph.example().graph, "post", 2)
    >>> len(posts), [item["id"] for item in posts]
    (2, ['chair', 'ceo'])
    """

    def __init__(self, G: nx.MultiDiGraph, kind: str, count: int) -> None:
        self._G, self._kind, self._count = G, kind, count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        G, kind = self._G, self._kind
        made = 0
        for node, attrs in G.nodes(data=True):
            if made == self._count:
                return
            if attrs["kind"] == kind and is_item(attrs):
                made += 1
                yield _data(node, attrs)


def document_data(G: nx.MultiDiGraph) -> Iterator[tuple[str, Any]]:
    """The document of a graph as plain data, one top-level key at a time; lists come as lazy lists.

    Joined into a dict (with the lazy lists made lists) it is
    :meth:`orggraph.Org.to_dict`; a writer can stream the items instead
    (:func:`orggraph.exporters.yaml_out.dump_yaml`). Empty lists are left out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`orggraph.graph.build_graph`.

    Yields
    ------
    (str, object)
        The key and its value: ``orggraph`` (1), ``organisation``, then each
        non-empty list, the items' lists as :class:`ItemData`.

    Examples
    --------
    >>> import orggraph
    >>> data = dict(document_data(orggraph.example().graph))
    >>> data["orggraph"], data["organisation"]["name"], len(data["posts"]), next(iter(data["posts"]))["id"]
    (1, 'Acme Åkande', 8, 'chair')
    """
    yield "orggraph", 1
    yield "organisation", _plain(G.graph["organisation"])
    sources = list(G.graph["sources"].values())
    if sources:
        yield "sources", _plain(sources)
    counts = _kind_counts(G)
    for key, kind in _LISTS:
        if not kind:
            listed = _listed(G, key)
            if listed:
                yield key, _plain(listed)
        elif counts.get(kind):
            yield key, ItemData(G, kind, counts[kind])


def _kind_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, attrs in G.nodes(data=True):
        if is_item(attrs):
            kind = attrs["kind"]
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def document_of(G: nx.MultiDiGraph) -> Document:
    """The document a graph stores, item by item in the data's order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`orggraph.graph.build_graph`.

    Returns
    -------
    Document
        Equal to the document the graph was built from.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.datasets.roskilde()
    >>> document_of(org.graph).posts[0].name
    'Kommunaldirektør'
    """
    by_kind: dict[str, list[_Item]] = {kind: [] for kind in MODELS}
    for node, attrs in G.nodes(data=True):
        if is_item(attrs):
            by_kind[attrs["kind"]].append(_item(node, attrs))
    lists: dict[str, Any] = {key: tuple(by_kind[kind]) if kind else _listed(G, key) for key, kind in _LISTS}
    return Document.model_construct(
        organisation=G.graph["organisation"], sources=tuple(G.graph["sources"].values()), **lists
    )
