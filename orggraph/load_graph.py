r"""Loading an organisation file straight to its graph, keeping little of the loader's memory resident.

What ``orggraph.load`` and ``orggraph.loads`` build on: the same graph as
``build_graph(parse_document(text))`` (:mod:`orggraph.loading`,
:func:`orggraph.graph.build_graph`), with the same problems reported, made so
that the memory the loader frees goes back to the system.

Loading a large file makes several times more temporary objects than the
graph keeps: the parsed YAML data, then the validated document. Python's
allocator returns its memory only in whole arenas, so a kept object scattered
among the freed ones keeps their memory resident. Here the graph is built
while the parsed data is still alive (so the graph's objects land in fresh
memory rather than in the holes the data leaves), the graph holds copies of
the document's text and nested objects (:func:`orggraph.graph.build_graph`),
and after a large text the C allocator is asked to give back what it holds
free (:func:`orggraph.heap.release_free_memory`). At 100 000 posts this takes
the memory resident after a load from 4.9 to 2.7 KB a post
(``benchmarks/README.md``).

Examples
--------
>>> G = parse_graph("organisation: {id: acme, name: Acme}\nposts: [{id: ceo, name: Chief, top: true}]")
>>> G.nodes["ceo"]["name"], G.graph["organisation"].id
('Chief', 'acme')
"""

from __future__ import annotations

import os

import networkx as nx

from orggraph.gc_pause import gc_paused
from orggraph.graph import build_graph
from orggraph.heap import RELEASE_AFTER_BYTES, release_free_memory
from orggraph.loading import parse_with_data, read_text

__all__ = ["parse_graph", "read_graph"]


def parse_graph(text: str, *, name: str = "<string>") -> nx.MultiDiGraph:
    r"""The governance graph of an organisation document given as YAML text, checked as on every load.

    What ``orggraph.loads`` builds on. The same graph as
    ``build_graph(parse_document(text))`` (the same checks, the same problems
    as :func:`~orggraph.loading.parse_document`), made so that little of the
    loader's memory stays resident: the graph is built while the parsed data
    is still alive (so the graph's objects do not fill the holes it leaves),
    the graph keeps copies of the document's text (:func:`orggraph.graph.build_graph`),
    and after a large text the freed memory is given back
    (:func:`orggraph.heap.release_free_memory`).

    Parameters
    ----------
    text : str
        The YAML text.
    name : str, optional
        The file name that problems are reported under.

    Returns
    -------
    networkx.MultiDiGraph
        The graph (see :mod:`orggraph.graph`).

    Raises
    ------
    OrgDataError
        With every problem of the text at once, as :func:`~orggraph.loading.parse_document` reports them.

    Examples
    --------
    >>> G = parse_graph("organisation: {id: acme, name: Acme}\nposts: [{id: ceo, name: Chief, top: true}]")
    >>> G.nodes["ceo"]["name"], G.graph["organisation"].id
    ('Chief', 'acme')
    """
    with gc_paused():
        document, data = parse_with_data(text, name=name)
        graph = build_graph(document)
        del document, data
    if len(text) >= RELEASE_AFTER_BYTES:
        release_free_memory()
    return graph


def read_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    r"""The governance graph of an organisation file: :func:`parse_graph` of the file's text.

    Parameters
    ----------
    path : str or os.PathLike
        The file. Problems are reported under this name, as given.

    Returns
    -------
    networkx.MultiDiGraph
        The graph (see :mod:`orggraph.graph`).

    Raises
    ------
    OrgDataError
        As :func:`~orggraph.loading.read_document` does.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "acme.yaml"
    >>> _ = path.write_text("organisation: {id: acme, name: Åkande}\nunits: [{id: hq, name: HQ}]", encoding="utf-8")
    >>> dict(read_graph(path).nodes["hq"])
    {'kind': 'unit', 'name': 'HQ'}
    """
    text, name = read_text(path)
    return parse_graph(text, name=name)
