"""The organisation in the W3C Organization Ontology (ORG), as RDF Turtle; needs ``orggraph[rdf]``.

`ORG <https://www.w3.org/TR/vocab-org/>`_ describes posts, units, heads,
reporting lines and memberships. What ORG has no term for (forums, decision
rights and rules, citations, instruments, events) is written in orggraph's
own ``og:`` vocabulary (namespace ``urn:orggraph:vocabulary#``), whose classes
and properties are declared in every export (:mod:`orggraph.exporters.vocabulary`,
``docs/turtle.md``). The mapping:

==========================================  ===========================================================
orggraph                                    Turtle (``org:`` ORG, ``og:`` ours, ``data:`` the resources)
==========================================  ===========================================================
the organisation                            ``org:FormalOrganization``
unit                                        ``org:OrganizationalUnit``; ``org:unitOf`` the organisation
                                            when it has no parent unit, else ``org:subOrganizationOf``
                                            its parent (``org:unitOf``'s range is a formal organisation)
post                                        ``org:Post``, ``org:postIn`` its unit (or the organisation),
                                            ``og:headcount`` when it stands for several people
holder of a post                            ``foaf:Person`` with ``foaf:name``; the post ``org:heldBy`` it
post ``reports_to`` manager                 ``org:reportsTo`` (a post, or a unit or group when the
                                            source names only a body)
dotted line, accountability, advice         ``og:dottedLineTo``, ``og:accountableTo`` (both
                                            sub-properties of ``org:reportsTo``, as ORG describes it),
                                            ``og:advises``
post ``reports_to_one_of`` candidates       ``og:mayReportTo`` each candidate (not an ``org:reportsTo``:
                                            it holds in some readings only)
post heads unit                             ``og:heads`` and ``org:role org:Head`` on the post; each
                                            holder ``org:headOf`` the unit
group                                       ``og:Group`` (an ``org:Organization``)
forum                                       ``og:Forum``, an ``org:Organization`` (not an
                                            ``org:OrganizationalCollaboration``: that class makes every
                                            member an organisation); ``og:meetingSeries``,
                                            ``og:constraint``; a forum ``part_of`` another:
                                            ``org:subOrganizationOf``
member, guest, chair, rotating chair,       an ``org:Membership`` with ``org:organization`` and
owner of a group or forum                   ``org:role``. A unit, group or forum (an agent) is its
                                            ``org:member`` (and ``org:memberOf`` for plain members); a
                                            post is not an agent: its membership names it with
                                            ``og:post``, one membership per holder (``org:member``),
                                            or one without ``org:member`` when no holder is named
a person's (dated) membership               the same, ``org:memberDuring`` an OWL-Time interval
topic                                       ``og:Topic`` (a ``skos:Concept``), ``skos:broader`` its parent
decision right (a role on a topic)          ``og:DecisionRight`` with ``og:holder``, ``og:topic``,
                                            ``og:right`` (``og:decides`` ... ``og:informed``)
decision rule                               ``og:DecisionRule`` with ``og:topic``, ``rdf:value`` (the rule
                                            in words), ``og:decider``, ``og:approver``,
                                            ``og:mayDelegateTo``, ``og:consults`` (or
                                            ``og:deciderRelation`` and ``og:deciderLevels``),
                                            ``og:subjectType``, ``og:condition``
instrument, agreement, event                ``og:Instrument``, ``og:Agreement``, ``og:Event``
person (imports)                            ``foaf:Person``
name, aliases, description                  ``skos:prefLabel``, ``skos:altLabel``, ``dcterms:description``
source document                             ``foaf:Document`` with ``dcterms:title``
citation                                    ``og:citation`` an ``og:Citation`` (``og:document``,
                                            ``og:section``, ``og:quote``), plus ``dcterms:source`` the
                                            document; on the item, the membership or decision right it
                                            documents, or on an ``rdf:Statement`` that reifies a plain
                                            link (e.g. ``org:reportsTo``) cited apart from its subject
==========================================  ===========================================================

Roles are ``org:Role`` resources (``data:role/member``, ``.../chair``, ...).
Citations are one resource per distinct (document, section, quote). Declared
counts (checks for lint) are not exported; the JSON and YAML exports keep them.

No ORG property is applied outside its domain and range (ORG section 5): a
post is never ``org:member``, ``org:memberOf`` or ``org:headOf`` (their domains
are agents, and a reasoner would make the post a person).

IRIs are ``<base>`` plus the percent-encoded node id; ``base`` defaults to
``urn:orggraph:<organisation id>:``.

Examples
--------
>>> import orggraph
>>> text = turtle_text(orggraph.example().graph)
>>> "org:reportsTo" in text and "a org:Post" in text and "a og:Forum" in text
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import networkx as nx

from orggraph.exporters.errors import MissingDependencyError
from orggraph.exporters.vocabulary import OG, VOCABULARY

__all__ = ["OG", "ORG", "rdf_graph", "turtle_text"]

ORG = "http://www.w3.org/ns/org#"
"""The namespace of the W3C Organization Ontology."""

_ROLES = {"member_of": "member", "guest_of": "guest", "owns": "owner"}
_RIGHTS = ("decides", "responsible", "prepares", "qualifies", "implements", "consulted", "informed")
_LINES = {
    "dotted": "dottedLineTo",
    "accountable_to": "accountableTo",
    "advises": "advises",
    "candidate_manager": "mayReportTo",
}
_FORUM_LINKS = {"proposes_agenda": "proposesAgendaFor", "prepares_meetings": "preparesMeetingsOf"}
_INSTRUMENT_LINKS = {"party_to": "party", "consulted_on": "consultedBy", "owns": "owner"}
_NAMED = {"decides": "decider", "approves": "approver", "may_delegate_to": "mayDelegateTo", "consults": "consults"}
_CLASSES = {
    "post": (ORG, "Post"),
    "unit": (ORG, "OrganizationalUnit"),
    "group": (OG, "Group"),
    "forum": (OG, "Forum"),
    "topic": (OG, "Topic"),
    "rule": (OG, "DecisionRule"),
    "instrument": (OG, "Instrument"),
    "event": (OG, "Event"),
}
_AGENTS = frozenset({"unit", "group", "forum", "person"})


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


def rdf_graph(G: nx.MultiDiGraph, *, base: str | None = None, vocabulary: bool = True) -> Any:
    """The organisation as an ``rdflib.Graph`` in the W3C Organization Ontology and the ``og:`` vocabulary.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).
    base : str, optional
        The IRI prefix of the organisation's resources; default
        ``urn:orggraph:<organisation id>:``.
    vocabulary : bool, optional
        Include the declarations of the ``og:`` vocabulary (True by default).

    Returns
    -------
    rdflib.Graph
        With the prefixes ``org``, ``og``, ``skos``, ``foaf``, ``dcterms``,
        ``time`` and ``data`` (``base``) bound, and the ``og:`` declarations included.

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
    >>> len(set(R.subjects(RDF.type, URIRef(OG + "DecisionRight"))))
    5
    """
    rdflib = _rdflib()
    from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, TIME, XSD

    org = rdflib.Namespace(ORG)
    og = rdflib.Namespace(OG)
    organisation = G.graph.get("organisation")
    org_id = organisation.id if organisation is not None else "organisation"
    base = base if base is not None else f"urn:orggraph:{quote(org_id, safe='')}:"
    ours = rdflib.Namespace(base)
    Literal, URIRef, BNode = rdflib.Literal, rdflib.URIRef, rdflib.BNode

    def iri(node: str) -> Any:
        return URIRef(base + quote(node, safe=""))

    def path(*parts: object) -> Any:
        return ours["/".join(quote(str(p), safe="") for p in parts)]

    R = rdflib.Graph()
    if vocabulary:
        R.parse(data=VOCABULARY, format="turtle")
    namespaces = (
        ("org", org),
        ("og", og),
        ("skos", SKOS),
        ("foaf", FOAF),
        ("dcterms", DCTERMS),
        ("time", TIME),
        ("data", ours),
    )
    for prefix, namespace in namespaces:
        R.bind(prefix, namespace, replace=True)
    add = R.add
    top = URIRef(base)
    nodes = G.nodes
    sources = G.graph.get("sources", {})
    citations: dict[tuple[str, str | None, str | None], Any] = {}

    def document(doc_id: str) -> Any:
        return path("source", doc_id)

    def citation(cited: Any) -> Any:
        """The resource of a citation: one per distinct (document, section, quote)."""
        key = (cited.document, cited.section, cited.quote)
        found = citations.get(key)
        if found is not None:
            return found
        digest = hashlib.sha1(repr(key).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
        resource = path("citation", digest)
        citations[key] = resource
        add((resource, RDF.type, og.Citation))
        add((resource, og.document, document(cited.document)))
        if cited.section is not None:
            add((resource, og.section, path("source", cited.document, "section", cited.section)))
        if cited.quote is not None:
            add((resource, og.quote, Literal(cited.quote)))
        return resource

    def cite(subject: Any, cited: Any) -> None:
        if cited is not None:
            add((subject, og.citation, citation(cited)))
            add((subject, DCTERMS.source, document(cited.document)))

    def link(s: Any, p: Any, o: Any, cited: Any = None, own: Any = None) -> None:
        """A plain triple; a citation other than its subject's own is kept on a reified statement."""
        add((s, p, o))
        if cited is not None and cited != own:
            statement = BNode()
            add((statement, RDF.type, RDF.Statement))
            add((statement, RDF.subject, s))
            add((statement, RDF.predicate, p))
            add((statement, RDF.object, o))
            cite(statement, cited)

    add((top, RDF.type, org.FormalOrganization))
    if organisation is not None:
        add((top, SKOS.prefLabel, Literal(organisation.name)))
        if organisation.description:
            add((top, DCTERMS.description, Literal(organisation.description)))
        cite(top, organisation.source)

    for source in sources.values():
        doc = document(source.id)
        add((doc, RDF.type, FOAF.Document))
        add((doc, DCTERMS.title, Literal(source.title)))
        if source.publisher:
            add((doc, og.publisherName, Literal(source.publisher)))
        if source.date:
            add((doc, DCTERMS.date, Literal(source.date)))
        if source.location:
            add((doc, og.location, Literal(source.location)))
        for section in source.sections:
            part = path("source", source.id, "section", section.id)
            add((part, RDF.type, og.Section))
            add((part, DCTERMS.title, Literal(section.title)))
            add((part, DCTERMS.isPartOf, doc))

    def person(name: str) -> Any:
        resource = path("person", name)
        add((resource, RDF.type, FOAF.Person))
        add((resource, FOAF.name, Literal(name)))
        return resource

    for node, attrs in nodes(data=True):
        kind = attrs.get("kind")
        subject = iri(node)
        if kind == "person":
            add((subject, RDF.type, FOAF.Person))
            add((subject, FOAF.name, Literal(attrs.get("name", node))))
            cite(subject, attrs.get("source"))
            continue
        if kind not in _CLASSES:
            continue
        namespace, name = _CLASSES[kind]
        add((subject, RDF.type, URIRef(namespace + name)))
        add((subject, SKOS.prefLabel, Literal(attrs.get("name", node))))
        for alias in attrs.get("aliases", ()):
            add((subject, SKOS.altLabel, Literal(alias)))
        if attrs.get("description"):
            add((subject, DCTERMS.description, Literal(attrs["description"])))
        cite(subject, attrs.get("source"))
        if kind == "post":
            add((subject, org.postIn, iri(attrs["unit"]) if attrs.get("unit") else top))
            count = attrs.get("headcount", 1)
            if isinstance(count, (int, float)) and count != 1:
                add((subject, og.headcount, Literal(count, datatype=XSD.decimal)))
            for holder in attrs.get("holders", ()):
                add((subject, org.heldBy, person(holder)))
        elif kind == "unit" and not attrs.get("parent"):
            add((subject, org.unitOf, top))
        elif kind == "forum":
            _forum_parts(R, rdflib, subject, attrs, cite)
        elif kind == "rule":
            _rule_parts(R, rdflib, subject, attrs)
        elif kind == "instrument":
            for agreement in attrs.get("instances", ()):
                instance = path(node, "agreement", agreement.id)
                add((subject, og.instance, instance))
                add((instance, RDF.type, og.Agreement))
                add((instance, SKOS.prefLabel, Literal(agreement.name or agreement.id)))
                if agreement.year is not None:
                    add((instance, og.year, Literal(agreement.year)))
                for party in agreement.parties:
                    add((instance, og.party, iri(party)))
                cite(instance, agreement.source)
        elif kind == "event":
            for field in ("quarter", "month"):
                if attrs.get(field) is not None:
                    add((subject, og[field], Literal(attrs[field])))

    roles: dict[str, Any] = {}

    def role(name: str) -> Any:
        if name not in roles:
            roles[name] = path("role", name)
            add((roles[name], RDF.type, org.Role))
            add((roles[name], SKOS.prefLabel, Literal(name)))
        return roles[name]

    for u, v, key, data in G.edges(keys=True, data=True):
        kind = data.get("kind", key)
        cited = data.get("source")
        own = nodes[u].get("source")
        target_kind = nodes[v].get("kind")
        if kind == "reports_to":
            link(iri(u), org.reportsTo, iri(v), cited, own)
        elif kind in _LINES:
            link(iri(u), og[_LINES[kind]], iri(v), cited, own)
        elif kind == "heads":
            link(iri(u), og.heads, iri(v), cited, own)
            add((iri(u), org.role, org.Head))
            for holder in nodes[u].get("holders", ()):
                link(person(holder), org.headOf, iri(v), cited)
        elif kind == "in_unit":
            if cited is not None and cited != own:  # org:postIn is written with the post
                link(iri(u), org.postIn, iri(v), cited, own)
        elif kind == "part_of":
            if target_kind == "topic":
                link(iri(u), SKOS.broader, iri(v), cited, own)
            elif nodes[u].get("kind") == "unit" or target_kind in ("forum", "group", "unit"):
                link(iri(u), org.subOrganizationOf, iri(v), cited, own)
        elif kind in _RIGHTS:
            right = path("right", v, kind, u)
            add((right, RDF.type, og.DecisionRight))
            add((right, og.holder, iri(u)))
            add((right, og.topic, iri(v)))
            add((right, og.right, og[kind]))
            if data.get("description"):
                add((right, DCTERMS.description, Literal(data["description"])))
            cite(right, cited)
        elif kind == "governs":
            link(iri(u), og.topic, iri(v), cited, own)
        elif kind == "named_in":
            link(iri(v), og[_NAMED[data["as"]]], iri(u), cited, nodes[v].get("source"))
        elif kind in _INSTRUMENT_LINKS and target_kind == "instrument":
            link(iri(v), og[_INSTRUMENT_LINKS[kind]], iri(u), cited, nodes[v].get("source"))
        elif kind == "based_on":
            link(iri(u), og.basedOn, iri(v), cited, own)
        elif kind == "scheduled_in":
            link(iri(u), og.scheduledIn, iri(v), cited, own)
        elif kind == "concerns":
            link(iri(u), og.concerns, iri(v), cited, own)
        elif kind == "established":
            link(iri(v), og.establishedBy, iri(u), cited, nodes[v].get("source"))
        elif kind in _FORUM_LINKS:
            link(iri(u), og[_FORUM_LINKS[kind]], iri(v), cited, own)
        elif (kind in _ROLES or kind == "chairs") and target_kind in ("group", "forum"):
            if kind == "chairs":
                name = "rotating chair" if data.get("rotating") else "chair"
            else:
                name = data.get("role") or _ROLES[kind]
            parts = (u, v, name) if key == kind else (u, v, key, name)
            member_kind = nodes[u].get("kind")
            if member_kind in _AGENTS:
                agents: list[Any] = [iri(u)]
                if kind == "member_of":
                    add((iri(u), org.memberOf, iri(v)))
            else:  # a post: its holders are the members, by virtue of the post
                agents = [path("person", h) for h in nodes[u].get("holders", ())] or [None]
            for agent in agents:
                membership = path("membership", *parts, *([] if agent is None or len(agents) == 1 else [str(agent)]))
                add((membership, RDF.type, org.Membership))
                if agent is not None:
                    add((membership, org.member, agent))
                if member_kind == "post":
                    add((membership, og.post, iri(u)))
                add((membership, org.organization, iri(v)))
                add((membership, org.role, role(name)))
                if data.get("part"):
                    add((membership, DCTERMS.description, Literal(data["part"])))
                _add_interval(R, membership, data, rdflib)
                cite(membership, cited)
    return R


def _forum_parts(R: Any, rdflib: Any, subject: Any, attrs: dict[str, Any], cite: Callable[[Any, Any], None]) -> None:
    """A forum's meeting series and constraints, as blank nodes carrying their own citations."""
    from rdflib.namespace import DCTERMS, RDF, SKOS

    og = rdflib.Namespace(OG)
    for series in attrs.get("meetings", ()):
        node = rdflib.BNode()
        R.add((subject, og.meetingSeries, node))
        R.add((node, RDF.type, og.MeetingSeries))
        if series.name:
            R.add((node, SKOS.prefLabel, rdflib.Literal(series.name)))
        if series.description:
            R.add((node, DCTERMS.description, rdflib.Literal(series.description)))
        cite(node, series.source)
    for constraint in attrs.get("constraints", ()):
        node = rdflib.BNode()
        R.add((subject, og.constraint, node))
        R.add((node, RDF.type, og.ForumConstraint))
        R.add((node, og.constraintKind, rdflib.Literal(constraint.kind)))
        if constraint.description:
            R.add((node, DCTERMS.description, rdflib.Literal(constraint.description)))
        cite(node, constraint.source)


def _rule_parts(R: Any, rdflib: Any, subject: Any, attrs: dict[str, Any]) -> None:
    """A decision rule's words, subject types, conditions and relative selectors (fixed ids are edges)."""
    from rdflib.namespace import RDF

    og = rdflib.Namespace(OG)
    Literal = rdflib.Literal
    R.add((subject, RDF.value, Literal(attrs["rule"])))
    for subject_type in attrs.get("subject_types", ()):
        R.add((subject, og.subjectType, Literal(subject_type)))
    for condition in attrs.get("when", ()):
        R.add((subject, og.condition, Literal(f"{condition.attr} {condition.op} {condition.value!r}")))
    if attrs.get("when"):
        R.add((subject, og.match, Literal(attrs.get("match", "all"))))
    for name in ("decides", "approves"):
        selector = attrs.get(name)
        if selector is not None and selector.relation is not None:
            stem = "decider" if name == "decides" else "approver"
            R.add((subject, og[stem + "Relation"], Literal(str(selector.relation))))
            R.add((subject, og[stem + "Levels"], Literal(selector.levels)))


def turtle_text(G: nx.MultiDiGraph, *, base: str | None = None) -> str:
    """The organisation as RDF Turtle in the W3C Organization Ontology and the ``og:`` vocabulary.

    The text starts with the declarations of the ``og:`` vocabulary, then the
    organisation (see :func:`rdf_graph`).

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
    >>> "data:ceo a org:Post" in text and "@prefix org: <http://www.w3.org/ns/org#>" in text
    True
    """
    data: str = rdf_graph(G, base=base, vocabulary=False).serialize(format="turtle")
    return "# The og: vocabulary (orggraph.exporters.vocabulary)\n\n" + VOCABULARY + "\n# The organisation\n\n" + data
