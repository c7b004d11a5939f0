"""The organisation in the W3C Organization Ontology (ORG), as RDF Turtle; needs ``orggraph[rdf]``.

`ORG <https://www.w3.org/TR/vocab-org/>`_ describes posts, units, heads,
reporting lines and memberships. The mapping:

=========================================  ============================================================
orggraph                                   ORG (prefix ``org:``) and friends
=========================================  ============================================================
the organisation                           ``org:FormalOrganization``
unit                                       ``org:OrganizationalUnit``, ``org:unitOf`` its parent
                                           unit (or the organisation)
post                                       ``org:Post``, ``org:postIn`` its unit (or the organisation)
post ``reports_to`` manager                ``org:reportsTo`` (the manager is a post, or a unit or group
                                           when the source names only a body)
post ``heads`` unit                        ``org:headOf``
holder of a post                           ``foaf:Person`` with ``foaf:name``, ``org:holds`` the post
group, forum                               ``org:Organization`` (a forum is a standing meeting body)
``member_of`` a group or forum             ``org:memberOf``, and an ``org:Membership`` with
                                           ``org:member``, ``org:organization`` and ``org:role``
guest, chair, rotating chair, owner        an ``org:Membership`` whose ``org:role`` says which
a person's (dated) membership              an ``org:Membership`` with the membership's role (default
                                           ``member``) and ``org:memberDuring`` an OWL-Time interval
person (imports)                           ``foaf:Person``
name, aliases, description                 ``skos:prefLabel``, ``skos:altLabel``, ``dcterms:description``
citation                                   ``dcterms:source`` the source document (``foaf:Document``)
=========================================  ============================================================

Roles are ``org:Role`` resources (``<base>role/member``, ``.../chair``, ...).
Topics, decision rules, instruments, events and secondary reporting lines
have no ORG term and are left out; the JSON and YAML exports keep them.

IRIs are ``<base>`` plus the percent-encoded node id; ``base`` defaults to
``urn:orggraph:<organisation id>:``.

Examples
--------
>>> import orggraph
>>> text = turtle_text(orggraph.example().graph)
>>> "org:reportsTo" in text and "a org:Post" in text
True
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import networkx as nx

from orggraph.exporters.errors import MissingDependencyError

__all__ = ["ORG", "rdf_graph", "turtle_text"]

ORG = "http://www.w3.org/ns/org#"
"""The namespace of the W3C Organization Ontology."""

_ROLES = {"member_of": "member", "guest_of": "guest", "owns": "owner"}


def _rdflib() -> Any:
    try:
        import rdflib
    except ImportError:
        raise MissingDependencyError(
            "the Turtle export needs rdflib, which is not installed; "
            "install it with: pip install 'orggraph[rdf]' (or pip install rdflib)"
        ) from None
    return rdflib


_DATE_PROPERTIES = {4: ("inXSDgYear", "gYear"), 7: ("inXSDgYearMonth", "gYearMonth"), 10: ("inXSDDate", "date")}


def _add_interval(R: Any, membership: Any, data: dict[str, Any], rdflib: Any) -> None:
    """``org:memberDuring`` an OWL-Time interval, for a dated membership (imports such as Popolo)."""
    start = data.get("start_date") or data.get("period_start")
    end = data.get("end_date") or data.get("period_end")
    if start is None and end is None:
        return
    from rdflib.namespace import RDF, TIME, XSD

    interval = rdflib.BNode()
    R.add((membership, rdflib.URIRef(ORG + "memberDuring"), interval))
    R.add((interval, RDF.type, TIME.Interval))
    for day, edge in ((start, TIME.hasBeginning), (end, TIME.hasEnd)):
        if day is None or len(day) not in _DATE_PROPERTIES:
            continue
        instant = rdflib.BNode()
        prop, datatype = _DATE_PROPERTIES[len(day)]
        R.add((interval, edge, instant))
        R.add((instant, RDF.type, TIME.Instant))
        R.add((instant, TIME[prop], rdflib.Literal(day, datatype=XSD[datatype])))


def rdf_graph(G: nx.MultiDiGraph, *, base: str | None = None) -> Any:
    """The organisation as an ``rdflib.Graph`` in the W3C Organization Ontology.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).
    base : str, optional
        The IRI prefix of the organisation's resources; default
        ``urn:orggraph:<organisation id>:``.

    Returns
    -------
    rdflib.Graph
        With the prefixes ``org``, ``skos``, ``foaf``, ``dcterms`` and ``og`` (``base``) bound.

    Raises
    ------
    MissingDependencyError
        If rdflib is not installed (install ``orggraph[rdf]``).

    Examples
    --------
    >>> import orggraph
    >>> from rdflib import RDF, URIRef
    >>> R = rdf_graph(orggraph.example().graph)
    >>> len(set(R.subjects(RDF.type, URIRef(ORG + "Post"))))
    8
    """
    rdflib = _rdflib()
    from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, TIME

    org = rdflib.Namespace(ORG)
    organisation = G.graph.get("organisation")
    org_id = organisation.id if organisation is not None else "organisation"
    base = base if base is not None else f"urn:orggraph:{quote(org_id, safe='')}:"
    ours = rdflib.Namespace(base)
    Literal, URIRef = rdflib.Literal, rdflib.URIRef

    def iri(node: str) -> Any:
        return URIRef(base + quote(node, safe=""))

    R = rdflib.Graph()
    namespaces = (("org", org), ("skos", SKOS), ("foaf", FOAF), ("dcterms", DCTERMS), ("time", TIME), ("og", ours))
    for prefix, namespace in namespaces:
        R.bind(prefix, namespace)
    add = R.add
    top = URIRef(base)
    add((top, RDF.type, org.FormalOrganization))
    if organisation is not None:
        add((top, SKOS.prefLabel, Literal(organisation.name)))

    sources = G.graph.get("sources", {})
    for source in sources.values():
        document = ours["source/" + quote(source.id, safe="")]
        add((document, RDF.type, FOAF.Document))
        add((document, DCTERMS.title, Literal(source.title)))

    classes = {"post": org.Post, "unit": org.OrganizationalUnit, "group": org.Organization, "forum": org.Organization}
    nodes = G.nodes
    for node, attrs in nodes(data=True):
        kind = attrs.get("kind")
        subject = iri(node)
        if kind == "person":
            add((subject, RDF.type, FOAF.Person))
            add((subject, FOAF.name, Literal(attrs.get("name", node))))
            continue
        if kind not in classes:
            continue
        add((subject, RDF.type, classes[kind]))
        add((subject, SKOS.prefLabel, Literal(attrs.get("name", node))))
        for alias in attrs.get("aliases", ()):
            add((subject, SKOS.altLabel, Literal(alias)))
        if attrs.get("description"):
            add((subject, DCTERMS.description, Literal(attrs["description"])))
        citation = attrs.get("source")
        if citation is not None:
            add((subject, DCTERMS.source, ours["source/" + quote(citation.document, safe="")]))
        if kind == "post":
            add((subject, org.postIn, iri(attrs["unit"]) if attrs.get("unit") else top))
            for holder in attrs.get("holders", ()):
                person = ours["person/" + quote(holder, safe="")]
                add((person, RDF.type, FOAF.Person))
                add((person, FOAF.name, Literal(holder)))
                add((person, org.holds, subject))
        elif kind == "unit":
            add((subject, org.unitOf, iri(attrs["parent"]) if attrs.get("parent") else top))

    roles: dict[str, Any] = {}

    def role(name: str) -> Any:
        if name not in roles:
            roles[name] = ours["role/" + quote(name, safe="")]
            add((roles[name], RDF.type, org.Role))
            add((roles[name], SKOS.prefLabel, Literal(name)))
        return roles[name]

    for u, v, key, data in G.edges(keys=True, data=True):
        kind = data.get("kind", key)
        if kind == "reports_to":
            add((iri(u), org.reportsTo, iri(v)))
        elif kind == "heads":
            add((iri(u), org.headOf, iri(v)))
        elif kind in _ROLES or kind == "chairs":
            if nodes[v].get("kind") not in ("group", "forum"):
                continue
            if kind == "chairs":
                name = "rotating chair" if data.get("rotating") else "chair"
            else:
                name = data.get("role") or _ROLES[kind]
            if kind == "member_of":
                add((iri(u), org.memberOf, iri(v)))
            parts = (u, v, name) if key == kind else (u, v, key, name)
            membership = ours["membership/" + "/".join(quote(str(p), safe="") for p in parts)]
            add((membership, RDF.type, org.Membership))
            add((membership, org.member, iri(u)))
            add((membership, org.organization, iri(v)))
            add((membership, org.role, role(name)))
            _add_interval(R, membership, data, rdflib)
    return R


def turtle_text(G: nx.MultiDiGraph, *, base: str | None = None) -> str:
    """The organisation as RDF Turtle in the W3C Organization Ontology.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).
    base : str, optional
        The IRI prefix of the organisation's resources (see :func:`rdf_graph`).

    Returns
    -------
    str
        Turtle text.

    Raises
    ------
    MissingDependencyError
        If rdflib is not installed (install ``orggraph[rdf]``).

    See Also
    --------
    rdf_graph

    Examples
    --------
    >>> import orggraph
    >>> text = turtle_text(orggraph.example().graph, base="https://example.org/acme/")
    >>> "og:ceo" in text and "@prefix org: <http://www.w3.org/ns/org#>" in text
    True
    """
    text: str = rdf_graph(G, base=base).serialize(format="turtle")
    return text
