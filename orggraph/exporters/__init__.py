"""Export an organisation to the tools analysts use.

========  ==========================================  ===========================================
format    function (on ``org.graph``)                 ``Org`` method / ``orggraph export --to``
========  ==========================================  ===========================================
YAML      :meth:`orggraph.Org.to_yaml` (lossless)     ``to_yaml`` / ``yaml``
JSON      :func:`node_link_json` (node-link)          ``to_json`` / ``json``
GraphML   :func:`write_graphml` (flat attributes)     ``to_graphml`` / ``graphml``
GEXF      :func:`write_gexf` (flat attributes)        ``to_gexf`` / ``gexf``
Mermaid   :func:`mermaid_flowchart`                   ``to_mermaid`` / ``mermaid``
Turtle    :func:`turtle_text` (W3C ORG; needs rdflib) ``to_turtle`` / ``ttl``
========  ==========================================  ===========================================

Each function takes the governance graph, so it works on any graph built by
:func:`orggraph.graph.build_graph`; :func:`read_node_link` reads the JSON
back. How attributes are flattened for GraphML and GEXF is documented in
:mod:`orggraph.exporters.values`; the ORG mapping in
:mod:`orggraph.exporters.rdf`.

Examples
--------
>>> import orggraph
>>> from orggraph.exporters import mermaid_flowchart, node_link_data
>>> G = orggraph.example().graph
>>> len(node_link_data(G)["edges"]) == G.number_of_edges()
True
>>> mermaid_flowchart(G).count("-->")
7
"""

from orggraph.exporters.errors import ExportError, MissingDependencyError
from orggraph.exporters.flat import flat_graph, gexf_text, graphml_text, write_gexf, write_graphml
from orggraph.exporters.mermaid import mermaid_flowchart
from orggraph.exporters.node_link import node_link_data, node_link_graph, node_link_json, read_node_link
from orggraph.exporters.rdf import rdf_graph, turtle_text

__all__ = [
    "FORMATS",
    "ExportError",
    "MissingDependencyError",
    "flat_graph",
    "gexf_text",
    "graphml_text",
    "mermaid_flowchart",
    "node_link_data",
    "node_link_graph",
    "node_link_json",
    "rdf_graph",
    "read_node_link",
    "turtle_text",
    "write_gexf",
    "write_graphml",
]

FORMATS: tuple[str, ...] = ("yaml", "json", "graphml", "gexf", "mermaid", "ttl")
"""The formats of ``orggraph export --to``."""
