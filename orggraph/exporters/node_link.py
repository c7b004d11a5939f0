"""Node-link JSON: the graph as ``{"nodes": [...], "edges": [...]}`` for D3, Cytoscape.js and networkx.

The layout is networkx's node-link format with ``edges`` as the edge list::

    {"directed": true, "multigraph": true,
     "graph": {"organisation": {...}, "sources": [...]},
     "nodes": [{"id": "ceo", "kind": "post", "name": "Chief Executive", ...}, ...],
     "edges": [{"source": "cfo", "target": "ceo", "key": "reports_to", "kind": "reports_to", ...}, ...]}

Values are JSON values (:func:`orggraph.exporters.values.jsonable`): tuples
become lists and schema objects dicts of their non-default fields.
Attributes that are None or empty are left out. Because ``source`` and
``target`` name an edge's ends, the citation attribute ``source`` is written
as ``citation``, on nodes and edges alike; :func:`node_link_graph` turns it
back into ``source``. ``networkx.node_link_graph(data, edges="edges")`` reads
the same data (with the citation under ``citation``).

Examples
--------
>>> import orggraph
>>> data = node_link_data(orggraph.example().graph)
>>> data["nodes"][5]["id"], data["nodes"][5]["citation"]["quote"]
('ceo', 'The Chief Executive answers to the Chair.')
>>> G = node_link_graph(data)
>>> G.nodes["ceo"]["holders"], G.edges["cfo", "ceo", "reports_to"]["kind"]
(['Åse Øberg'], 'reports_to')
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

import networkx as nx

from orggraph.errors import OrgDataError, Problem
from orggraph.exporters.values import jsonable

__all__ = ["node_link_data", "node_link_graph", "node_link_json", "read_node_link"]

_CITATION = "citation"


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (tuple, list, dict)) and not value)


def _attributes(attrs: Mapping[str, Any], *, skip: frozenset[str]) -> dict[str, Any]:
    return {
        (_CITATION if name == "source" else name): jsonable(value)
        for name, value in attrs.items()
        if name not in skip and not _is_empty(value)
    }


def node_link_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The governance graph as node-link data (JSON-compatible dicts and lists).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).

    Returns
    -------
    dict
        ``directed``, ``multigraph``, ``graph``, ``nodes`` and ``edges`` as
        described in the module docstring.

    See Also
    --------
    node_link_json, node_link_graph

    Examples
    --------
    >>> import orggraph
    >>> data = node_link_data(orggraph.example().graph)
    >>> data["graph"]["organisation"]["name"], len(data["nodes"])
    ('Acme Åkande', 25)
    >>> chair = [e for e in data["edges"] if e["kind"] == "chairs"][0]
    >>> chair["source"], chair["target"], chair["key"], chair["rotating"], chair["citation"]["section"]
    ('ceo', 'board', 'chairs', False, 'meetings')
    """
    graph: dict[str, Any] = {}
    organisation = G.graph.get("organisation")
    if organisation is not None:
        graph["organisation"] = jsonable(organisation)
    sources = G.graph.get("sources")
    if sources:
        graph["sources"] = [jsonable(source) for source in sources.values()]
    nodes = [{"id": node, **_attributes(attrs, skip=frozenset({"id"}))} for node, attrs in G.nodes(data=True)]
    edges = [
        {"source": u, "target": v, "key": key, **_attributes(attrs, skip=frozenset())}
        for u, v, key, attrs in G.edges(keys=True, data=True)
    ]
    return {"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges}


def node_link_json(G: nx.MultiDiGraph, *, indent: int | None = 2) -> str:
    """The governance graph as node-link JSON text (UTF-8: æ, ø and å are kept as they are).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).
    indent : int or None, optional
        Indentation; None writes one line.

    Returns
    -------
    str

    Examples
    --------
    >>> import orggraph
    >>> node_link_json(orggraph.example().graph, indent=None)[:60]
    '{"directed": true, "multigraph": true, "graph": {"organisati'
    """
    return json.dumps(node_link_data(G), ensure_ascii=False, indent=indent)


def _problem(name: str, path: str, message: str) -> Problem:
    return Problem(name, 0, 0, path, message, "write the file with orggraph's node-link export")


def node_link_graph(data: Mapping[str, Any], *, name: str = "<node-link>") -> nx.MultiDiGraph:
    """Read node-link data (as :func:`node_link_data` writes it) into a ``networkx.MultiDiGraph``.

    Attribute values stay JSON values (lists, dicts); ``citation`` becomes ``source``
    again. The graph attribute ``sources`` becomes a dict from source id to source.

    Parameters
    ----------
    data : mapping
        Parsed node-link JSON.
    name : str, optional
        A name for the data in error messages (e.g. the file name).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    OrgDataError
        If the data lacks ``nodes`` or ``edges``, a node lacks its ``id``, an
        edge lacks an end, or an edge names a node that is not in ``nodes``
        (every problem is listed).

    Examples
    --------
    >>> G = node_link_graph({"nodes": [{"id": "a", "kind": "post"}], "edges": []})
    >>> dict(G.nodes(data="kind"))
    {'a': 'post'}
    >>> node_link_graph({"nodes": [], "edges": [{"source": "a", "target": "b"}]}, name="x.json")
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 2 problems in the organisation data:
      x.json: edges[0].source: unknown node 'a' (write the file with orggraph's node-link export)
      x.json: edges[0].target: unknown node 'b' (write the file with orggraph's node-link export)
    """
    problems: list[Problem] = []
    nodes = data.get("nodes")
    edges = data.get("edges", data.get("links"))
    if not isinstance(nodes, list):
        problems.append(_problem(name, "nodes", "missing or not a list"))
        nodes = []
    if not isinstance(edges, list):
        problems.append(_problem(name, "edges", "missing or not a list"))
        edges = []
    graph = dict(data.get("graph") or {})
    if isinstance(graph.get("sources"), list):
        graph["sources"] = {s["id"]: s for s in graph["sources"] if isinstance(s, Mapping) and "id" in s}
    G = nx.MultiDiGraph(**graph)
    for index, item in enumerate(nodes):
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            problems.append(_problem(name, f"nodes[{index}].id", "missing or not text"))
            continue
        attrs = {("source" if k == _CITATION else k): v for k, v in item.items() if k != "id"}
        G.add_node(item["id"], id=item["id"], **attrs)
    for index, item in enumerate(edges):
        if not isinstance(item, Mapping):
            problems.append(_problem(name, f"edges[{index}]", "not an object"))
            continue
        ends = [item.get("source"), item.get("target")]
        for end, value in zip(("source", "target"), ends, strict=True):
            if value not in G:
                problems.append(_problem(name, f"edges[{index}].{end}", f"unknown node {value!r}"))
        if any(value not in G for value in ends):
            continue
        attrs = {
            ("source" if k == _CITATION else k): v for k, v in item.items() if k not in {"source", "target", "key"}
        }
        G.add_edge(ends[0], ends[1], key=item.get("key", attrs.get("kind")), **attrs)
    if problems:
        raise OrgDataError(problems)
    return G


def read_node_link(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a node-link JSON file into a ``networkx.MultiDiGraph``.

    Parameters
    ----------
    path : str or os.PathLike
        A file written by :meth:`orggraph.Org.to_json` or ``orggraph export --to json``.

    Returns
    -------
    networkx.MultiDiGraph
        As :func:`node_link_graph` gives it.

    Raises
    ------
    OrgDataError
        If the file is not JSON (with line and column) or not node-link data.

    Examples
    --------
    >>> import orggraph, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "acme.json"
    >>> _ = path.write_text(node_link_json(orggraph.example().graph), encoding="utf-8")
    >>> read_node_link(path).nodes["board"]["name"]
    'Management Meeting'
    """
    name = os.fspath(path)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise OrgDataError([Problem(name, error.lineno, error.colno, "", error.msg)]) from None
    if not isinstance(data, Mapping):
        raise OrgDataError([_problem(name, "", "not a JSON object")])
    return node_link_graph(data, name=name)
