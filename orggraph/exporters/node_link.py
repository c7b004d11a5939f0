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
from collections.abc import Hashable, Mapping
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
        If the data is not a mapping, lacks ``nodes`` or ``edges``, has a
        ``graph`` that is not an object, a node lacks its ``id`` or repeats
        one, an edge lacks an end, names a node that is not in ``nodes``,
        has a key that is not text or a number, or repeats another edge's
        ends and key (every problem is listed). Attribute names are data:
        any name, even one networkx uses as an argument name, is kept.

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
    if not isinstance(data, Mapping):
        raise OrgDataError([_problem(name, "", f"not a JSON object but {_kind(data)}")])
    problems: list[Problem] = []
    nodes = data.get("nodes")
    edges = data.get("edges", data.get("links"))
    if not isinstance(nodes, list):
        problems.append(_problem(name, "nodes", "missing or not a list"))
        nodes = []
    if not isinstance(edges, list):
        problems.append(_problem(name, "edges", "missing or not a list"))
        edges = []
    graph = data.get("graph")
    if graph is None:
        graph = {}
    elif not isinstance(graph, Mapping):
        problems.append(_problem(name, "graph", f"not an object but {_kind(graph)}"))
        graph = {}
    G = nx.MultiDiGraph()
    # Attributes go in through the attribute dicts, never as keyword arguments: a name such as
    # 'incoming_graph_data', 'node_for_adding' or 'u_for_edge' is data, not an argument.
    G.graph.update(graph)
    sources = graph.get("sources")
    if isinstance(sources, list):
        G.graph["sources"] = {s["id"]: s for s in sources if isinstance(s, Mapping) and isinstance(s.get("id"), str)}
    first: dict[str, int] = {}
    for index, item in enumerate(nodes):
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            problems.append(_problem(name, f"nodes[{index}].id", "missing or not text"))
            continue
        node = item["id"]
        if node in first:
            problems.append(
                _problem(name, f"nodes[{index}].id", f"duplicate id {node!r}, first at nodes[{first[node]}]")
            )
            continue
        first[node] = index
        G.add_node(node)
        G.nodes[node].update({("source" if k == _CITATION else k): v for k, v in item.items() if k != "id"})
    seen: dict[tuple[str, str, Hashable], int] = {}
    for index, item in enumerate(edges):
        if not isinstance(item, Mapping):
            problems.append(_problem(name, f"edges[{index}]", "not an object"))
            continue
        ends = [item.get("source"), item.get("target")]
        known = [isinstance(value, str) and value in first for value in ends]
        for end, value, ok in zip(("source", "target"), ends, known, strict=True):
            if not ok:
                problems.append(_problem(name, f"edges[{index}].{end}", f"unknown node {_show(value)}"))
        attrs = {
            ("source" if k == _CITATION else k): v for k, v in item.items() if k not in {"source", "target", "key"}
        }
        key = item["key"] if "key" in item else attrs.get("kind")
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            field = "key" if "key" in item else "kind"
            problems.append(
                _problem(name, f"edges[{index}].{field}", f"an edge key must be text or a number, not {_kind(key)}")
            )
            continue
        if not all(known):
            continue
        u, v = str(ends[0]), str(ends[1])
        if key is not None:
            if (u, v, key) in seen:
                message = f"duplicate edge {u!r} -> {v!r} with key {key!r}, first at edges[{seen[u, v, key]}]"
                problems.append(_problem(name, f"edges[{index}]", message))
                continue
            seen[u, v, key] = index
        key = G.add_edge(u, v, key=key)
        G.edges[u, v, key].update(attrs)
    if problems:
        raise OrgDataError(problems)
    return G


def _kind(value: Any) -> str:
    """How a JSON value is described in messages."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    names = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}
    return next((text for kind, text in names.items() if isinstance(value, kind)), type(value).__name__)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    return _kind(value)


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
        If the file cannot be read, is not JSON (with line and column; see
        :func:`orggraph.importers.json_text.parse_json` for the limits on
        nesting and numbers) or is not node-link data.

    Examples
    --------
    >>> import orggraph, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "acme.json"
    >>> _ = path.write_text(node_link_json(orggraph.example().graph), encoding="utf-8")
    >>> read_node_link(path).nodes["board"]["name"]
    'Management Meeting'
    """
    from orggraph.importers.json_text import read_json  # here: the importers package loads on first use

    name = os.fspath(path)
    data = read_json(name)
    if not isinstance(data, Mapping):
        raise OrgDataError([Problem(name, 1, 1, "", f"not node-link data: the JSON is {_kind(data)}, not an object")])
    return node_link_graph(data, name=name)
