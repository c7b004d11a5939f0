"""GraphML and GEXF: the graph with flat attributes, for Gephi, yEd, Cytoscape and networkx.

Both formats hold one scalar per attribute, so the graph is first flattened
(:func:`flat_graph`, with the mapping of :mod:`orggraph.exporters.values`):

- every node keeps its id, and gets ``label`` (its name) for the tools to show;
  the ``id`` attribute is left out (it is the node id);
- the citation attribute ``source`` is written as ``citation`` (on nodes and
  edges alike: Gephi reserves ``source`` and ``target`` for an edge's ends);
- every edge keeps ``kind`` (and ``as`` on ``named_in`` edges) and gets
  ``label`` (its kind); edges get unique ids ``e0``, ``e1``, ... because
  Gephi drops edges whose id repeats;
- the graph gets ``name`` (the organisation's name) and ``organisation``
  (its id).

``networkx.read_graphml(path, force_multigraph=True)`` and
``networkx.read_gexf(path)`` read the files back.

Examples
--------
>>> import io, networkx as nx, orggraph
>>> G = orggraph.example().graph
>>> text = graphml_text(G)
>>> back = nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
>>> back.nodes["ceo"]["label"], back.number_of_edges() == G.number_of_edges()
('Chief Executive', True)
"""

from __future__ import annotations

import io
import os
from typing import IO, Any

import networkx as nx

from orggraph.exporters.errors import ExportError
from orggraph.exporters.values import Scalar, flat_attributes, unify_types, xml_text
from orggraph.graph import full_attributes

__all__ = ["flat_graph", "gexf_text", "graphml_text", "write_gexf", "write_graphml"]

_GEXF_NODE_RESERVED = frozenset({"id", "pid", "start", "end", "viz", "parents", "spells", "slices"})
_GEXF_EDGE_RESERVED = _GEXF_NODE_RESERVED | {"weight", "type"}


def _renamed(attrs: dict[str, Any]) -> dict[str, Any]:
    return {("citation" if k == "source" else k): v for k, v in attrs.items()}


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the governance graph whose attributes are flat scalars.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).

    Returns
    -------
    networkx.MultiDiGraph
        Same nodes in the same order, same edges in the same order (keyed
        ``e0``, ``e1``, ...), every attribute a str, int, float or bool with
        one type per attribute name.

    Examples
    --------
    >>> import orggraph
    >>> F = flat_graph(orggraph.example().graph)
    >>> F.nodes["board"]["chair"], F.nodes["board"]["agenda_items_from"]
    ('{"post": "ceo"}', 'management')
    >>> [attrs for _, _, attrs in F.edges("cfo", data=True) if attrs["kind"] == "reports_to"][0]
    {'kind': 'reports_to', 'citation': 'Acme staff handbook, 1. Structure', 'body': False, 'label': 'reports_to'}
    """
    sources = G.graph.get("sources", {})
    node_rows: list[dict[str, Scalar]] = []
    for node, attrs in G.nodes(data=True):
        row = flat_attributes(_renamed(full_attributes(attrs)), sources=sources)
        row["label"] = row.get("name", xml_text(str(node)))
        node_rows.append(row)
    edge_rows: list[dict[str, Scalar]] = []
    for _, _, attrs in G.edges(data=True):
        row = flat_attributes(_renamed(attrs), sources=sources)
        row["label"] = str(row.get("kind", ""))
        edge_rows.append(row)
    unify_types(node_rows)
    unify_types(edge_rows)

    organisation = G.graph.get("organisation")
    graph_attrs: dict[str, Any] = {}
    if organisation is not None:
        graph_attrs = {"name": xml_text(organisation.name), "organisation": xml_text(organisation.id)}
    F = nx.MultiDiGraph(**graph_attrs)
    for node, row in zip(G, node_rows, strict=True):
        F.add_node(node, **row)
    for index, ((u, v), row) in enumerate(zip(G.edges(), edge_rows, strict=True)):
        F.add_edge(u, v, key=f"e{index}", **row)
    return F


def _check_ids(G: nx.MultiDiGraph) -> None:
    for node in G:
        if xml_text(str(node)) != str(node):
            raise ExportError(
                f"node id {node!r} holds a control character that XML cannot store; "
                "rename the node, or export to JSON or YAML instead"
            )


def graphml_text(G: nx.MultiDiGraph) -> str:
    """The governance graph as GraphML text (UTF-8 XML), with flat attributes.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).

    Returns
    -------
    str
        The GraphML document.

    Raises
    ------
    ExportError
        If a node id holds a character XML cannot store.

    See Also
    --------
    write_graphml, flat_graph

    Examples
    --------
    >>> import orggraph
    >>> text = graphml_text(orggraph.example().graph)
    >>> '<node id="ceo">' in text, 'attr.name="headcount" attr.type="long"' in text
    (True, True)
    """
    buffer = io.BytesIO()
    write_graphml(G, buffer)
    return buffer.getvalue().decode("utf-8")


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the governance graph as GraphML, with flat attributes, for yEd, Gephi or Cytoscape.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).
    path : str, os.PathLike or binary file
        Where to write.

    Raises
    ------
    ExportError
        If a node id holds a character XML cannot store.

    Examples
    --------
    >>> import io, orggraph
    >>> buffer = io.BytesIO()
    >>> write_graphml(orggraph.example().graph, buffer)
    >>> buffer.getvalue().startswith(b"<?xml")
    True
    """
    _check_ids(G)
    nx.write_graphml(flat_graph(G), path, encoding="utf-8")


def _gexf_safe(F: nx.MultiDiGraph) -> nx.MultiDiGraph:
    renamed = nx.MultiDiGraph(**F.graph)
    for node, attrs in F.nodes(data=True):
        renamed.add_node(node, **{(f"{k}_" if k in _GEXF_NODE_RESERVED else k): v for k, v in attrs.items()})
    for u, v, key, attrs in F.edges(keys=True, data=True):
        renamed.add_edge(u, v, key=key, **{(f"{k}_" if k in _GEXF_EDGE_RESERVED else k): v for k, v in attrs.items()})
    return renamed


def gexf_text(G: nx.MultiDiGraph) -> str:
    """The governance graph as GEXF 1.2 text, with flat attributes.

    Attribute names that GEXF reserves (``start``, ``end``, ``pid``, ``viz``,
    and ``weight`` and ``type`` on edges) get a trailing underscore.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).

    Returns
    -------
    str
        The GEXF document.

    Raises
    ------
    ExportError
        If a node id holds a character XML cannot store.

    See Also
    --------
    write_gexf, flat_graph

    Examples
    --------
    >>> import orggraph
    >>> '<node id="ceo" label="Chief Executive">' in gexf_text(orggraph.example().graph)
    True
    """
    buffer = io.BytesIO()
    write_gexf(G, buffer)
    return buffer.getvalue().decode("utf-8")


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the governance graph as GEXF 1.2, with flat attributes, for Gephi.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).
    path : str, os.PathLike or binary file
        Where to write.

    Raises
    ------
    ExportError
        If a node id holds a character XML cannot store.

    Examples
    --------
    >>> import io, networkx as nx, orggraph
    >>> buffer = io.BytesIO()
    >>> write_gexf(orggraph.example().graph, buffer)
    >>> back = nx.read_gexf(io.BytesIO(buffer.getvalue()))
    >>> back.nodes["cfo"]["label"], back.nodes["cfo"]["kind"]
    ('Finance Director', 'post')
    """
    _check_ids(G)
    nx.write_gexf(_gexf_safe(flat_graph(G)), path, encoding="utf-8")
