"""The ``og:`` vocabulary: what the Turtle export says that the W3C ORG ontology has no term for.

ORG (``org:``) describes posts, units, reporting lines and memberships; the
Turtle export (:mod:`orggraph.exporters.rdf`) uses it for those. Forums,
decision rights, decision rules, citations, instruments and events have no
ORG term, so they are written in this small vocabulary, whose namespace is
:data:`OG` (``urn:orggraph:vocabulary#``, a URN: nothing to resolve, nothing
claimed on the web). Every export carries these declarations, so a reader
needs no other file; :data:`VOCABULARY` is the same text to save as a ``.ttl``.

The declarations keep ORG's meaning intact: a forum is an ``org:Organization``
(so its members are agents), never an ``org:OrganizationalCollaboration``,
whose definition makes every member an organisation; a post's seat in a
forum is an ``org:Membership`` naming the post with ``og:post`` (a post is not
an agent, so it is never ``org:member``); the head of a unit is the post's
``og:heads`` and ``org:role org:Head``, its holders ``org:headOf``.

Examples
--------
>>> import rdflib
>>> R = rdflib.Graph().parse(data=VOCABULARY, format="turtle")
>>> (rdflib.URIRef(OG + "Forum"), rdflib.RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/ns/org#Organization")) in R
True
"""

from __future__ import annotations

__all__ = ["OG", "VOCABULARY"]

OG = "urn:orggraph:vocabulary#"
"""The namespace of orggraph's own terms (prefix ``og:``)."""

VOCABULARY = '''\
@prefix og: <urn:orggraph:vocabulary#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# -- classes ---------------------------------------------------------------------------------------

og:Forum a owl:Class ; rdfs:subClassOf org:Organization ;
    rdfs:label "forum"@en ;
    rdfs:comment """A standing meeting body (a management meeting, a committee's meeting series, a network): an
        organisation whose members are posts' holders, units or groups. Not an
        org:OrganizationalCollaboration, whose members are all organisations."""@en .
og:Group a owl:Class ; rdfs:subClassOf org:Organization ;
    rdfs:label "group"@en ;
    rdfs:comment "A named body given by a list of members or a rule (e.g. all heads of centre)."@en .
og:Topic a owl:Class ; rdfs:subClassOf skos:Concept ;
    rdfs:label "topic"@en ;
    rdfs:comment """A responsibility or decision area (hiring, the budget). Narrower topics are skos:broader their
        parent."""@en .
og:DecisionRight a owl:Class ;
    rdfs:label "decision right"@en ;
    rdfs:comment """Who holds which role on a topic (decides, responsible, prepares, qualifies, implements, consulted,
        informed): og:holder, og:topic, og:right."""@en .
og:Right a owl:Class ; rdfs:subClassOf skos:Concept ;
    rdfs:label "right"@en ;
    rdfs:comment "A kind of decision right; the seven instances are og:decides ... og:informed."@en .
og:DecisionRule a owl:Class ;
    rdfs:label "decision rule"@en ;
    rdfs:comment """Who decides a topic, possibly relative to the structure (the subject's manager) and to the subject;
        rdf:value is the rule in words."""@en .
og:Citation a owl:Class ;
    rdfs:label "citation"@en ;
    rdfs:comment "Where a fact comes from: og:document, optionally og:section and the verbatim og:quote."@en .
og:Section a owl:Class ;
    rdfs:label "section"@en ;
    rdfs:comment "A section of a source document (dcterms:isPartOf the document, dcterms:title its heading)."@en .
og:Instrument a owl:Class ;
    rdfs:label "governance instrument"@en ;
    rdfs:comment "A vision, strategy, policy, plan or agreement."@en .
og:Agreement a owl:Class ;
    rdfs:label "agreement"@en ;
    rdfs:comment "One concrete instance of an instrument (e.g. one afdelingsaftale)."@en .
og:Event a owl:Class ;
    rdfs:label "annual-wheel event"@en ;
    rdfs:comment "An entry of the annual wheel (årshjul): og:quarter, og:month."@en .
og:MeetingSeries a owl:Class ;
    rdfs:label "meeting series"@en ;
    rdfs:comment "One kind of meeting of a forum."@en .
og:ForumConstraint a owl:Class ;
    rdfs:label "forum constraint"@en ;
    rdfs:comment "A condition on who may take part in a forum (og:constraintKind)."@en .

# -- rights ----------------------------------------------------------------------------------------

og:decides a og:Right ; skos:prefLabel "decides"@en .
og:responsible a og:Right ; skos:prefLabel "responsible"@en .
og:prepares a og:Right ; skos:prefLabel "prepares"@en .
og:qualifies a og:Right ; skos:prefLabel "qualifies"@en .
og:implements a og:Right ; skos:prefLabel "implements"@en .
og:consulted a og:Right ; skos:prefLabel "consulted"@en .
og:informed a og:Right ; skos:prefLabel "informed"@en .

# -- posts and lines -------------------------------------------------------------------------------

og:heads a owl:ObjectProperty ; rdfs:domain org:Post ; rdfs:range org:Organization ;
    rdfs:label "heads"@en ;
    rdfs:comment """The post heads the unit; the post also has org:role org:Head and its holders are org:headOf the
        unit."""@en .
og:post a owl:ObjectProperty ; rdfs:domain org:Membership ; rdfs:range org:Post ;
    rdfs:label "post"@en ;
    rdfs:comment """The post by virtue of which the membership holds (ex officio); org:member is then the post's holder,
        when known."""@en .
og:dottedLineTo a owl:ObjectProperty ; rdfs:subPropertyOf org:reportsTo ;
    rdfs:label "dotted line to"@en ; rdfs:comment "A secondary (dotted) reporting line."@en .
og:accountableTo a owl:ObjectProperty ; rdfs:subPropertyOf org:reportsTo ;
    rdfs:label "accountable to"@en ; rdfs:comment "An accountability line (e.g. a director to a committee)."@en .
og:advises a owl:ObjectProperty ;
    rdfs:label "advises"@en ; rdfs:comment "An advice line: no reporting."@en .
og:mayReportTo a owl:ObjectProperty ; rdfs:domain org:Post ; rdfs:range org:Post ;
    rdfs:label "may report to"@en ;
    rdfs:comment """One of the post's candidate line managers: the source says the manager is one of these posts, not
        which (not a sub-property of org:reportsTo: it holds in some readings only)."""@en .
og:headcount a owl:DatatypeProperty ; rdfs:domain org:Post ;
    rdfs:label "head count"@en ; rdfs:comment "How many people the post stands for (a decimal: imports give FTE)."@en .

# -- forums ----------------------------------------------------------------------------------------

og:establishedBy a owl:ObjectProperty ; rdfs:domain og:Forum ;
    rdfs:label "established by"@en .
og:proposesAgendaFor a owl:ObjectProperty ; rdfs:range og:Forum ;
    rdfs:label "proposes agenda items for"@en .
og:preparesMeetingsOf a owl:ObjectProperty ; rdfs:range og:Forum ;
    rdfs:label "prepares the meetings of"@en .
og:meetingSeries a owl:ObjectProperty ; rdfs:domain og:Forum ; rdfs:range og:MeetingSeries ;
    rdfs:label "meeting series"@en .
og:constraint a owl:ObjectProperty ; rdfs:domain og:Forum ; rdfs:range og:ForumConstraint ;
    rdfs:label "constraint"@en .
og:constraintKind a owl:DatatypeProperty ; rdfs:domain og:ForumConstraint ;
    rdfs:label "constraint kind"@en ; rdfs:comment "no_managers, managers_only or other."@en .

# -- decision rights and rules ---------------------------------------------------------------------

og:holder a owl:ObjectProperty ; rdfs:domain og:DecisionRight ;
    rdfs:label "holder"@en ; rdfs:comment "The post, unit, group or forum holding the right."@en .
og:topic a owl:ObjectProperty ; rdfs:range og:Topic ;
    rdfs:label "topic"@en ; rdfs:comment "The topic of a decision right, rule or event."@en .
og:right a owl:ObjectProperty ; rdfs:domain og:DecisionRight ; rdfs:range og:Right ;
    rdfs:label "right"@en .
og:decider a owl:ObjectProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "decider"@en ; rdfs:comment "Who the rule names as deciding (fixed ids)."@en .
og:approver a owl:ObjectProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "approver"@en .
og:mayDelegateTo a owl:ObjectProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "may delegate to"@en .
og:consults a owl:ObjectProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "consults"@en .
og:deciderRelation a owl:DatatypeProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "decider relation"@en ;
    rdfs:comment """A decider given relative to the subject: manager_of_subject, manager_of_decider or subject,
        og:deciderLevels levels up."""@en .
og:deciderLevels a owl:DatatypeProperty ; rdfs:domain og:DecisionRule ; rdfs:range xsd:integer ;
    rdfs:label "decider levels"@en ; rdfs:comment "How many management levels up the decider is."@en .
og:approverRelation a owl:DatatypeProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "approver relation"@en ; rdfs:comment "Like og:deciderRelation, for the approver."@en .
og:approverLevels a owl:DatatypeProperty ; rdfs:domain og:DecisionRule ; rdfs:range xsd:integer ;
    rdfs:label "approver levels"@en .
og:subjectType a owl:DatatypeProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "subject type"@en ; rdfs:comment "The rule applies when the subject post has one of these types."@en .
og:condition a owl:DatatypeProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "condition"@en ;
    rdfs:comment "A test on the subject, as 'attribute op value'; og:match says whether all or any must hold."@en .
og:match a owl:DatatypeProperty ; rdfs:domain og:DecisionRule ;
    rdfs:label "match"@en ; rdfs:comment "all or any: which of the og:condition must hold."@en .

# -- citations -------------------------------------------------------------------------------------

og:citation a owl:ObjectProperty ; rdfs:range og:Citation ;
    rdfs:label "citation"@en ;
    rdfs:comment """Where the subject (an item, a membership, a decision right, or a reified rdf:Statement for a plain
        link) is documented."""@en .
og:document a owl:ObjectProperty ; rdfs:domain og:Citation ; rdfs:range foaf:Document ;
    rdfs:label "document"@en .
og:section a owl:ObjectProperty ; rdfs:domain og:Citation ; rdfs:range og:Section ;
    rdfs:label "section"@en .
og:quote a owl:DatatypeProperty ; rdfs:domain og:Citation ;
    rdfs:label "quote"@en ; rdfs:comment "The words the fact rests on, verbatim."@en .
og:publisherName a owl:DatatypeProperty ; rdfs:domain foaf:Document ;
    rdfs:label "publisher name"@en ; rdfs:comment "The publisher as the data names it (text, not an agent)."@en .
og:location a owl:DatatypeProperty ; rdfs:domain foaf:Document ; rdfs:label "location"@en ;
    rdfs:comment "The file path or URL of the document, as the data gives it."@en .

# -- instruments and events ------------------------------------------------------------------------

og:owner a owl:ObjectProperty ; rdfs:domain og:Instrument ; rdfs:label "owner"@en .
og:party a owl:ObjectProperty ; rdfs:label "party"@en ;
    rdfs:comment "A party to an agreement (of an instrument or one of its instances)."@en .
og:consultedBy a owl:ObjectProperty ; rdfs:domain og:Instrument ; rdfs:label "consulted by"@en .
og:basedOn a owl:ObjectProperty ; rdfs:domain og:Instrument ; rdfs:range og:Instrument ;
    rdfs:label "based on"@en .
og:instance a owl:ObjectProperty ; rdfs:domain og:Instrument ; rdfs:range og:Agreement ;
    rdfs:label "instance"@en .
og:year a owl:DatatypeProperty ; rdfs:range xsd:integer ; rdfs:label "year"@en .
og:scheduledIn a owl:ObjectProperty ; rdfs:domain og:Event ; rdfs:range og:Forum ;
    rdfs:label "scheduled in"@en .
og:concerns a owl:ObjectProperty ; rdfs:domain og:Event ; rdfs:label "concerns"@en .
og:quarter a owl:DatatypeProperty ; rdfs:domain og:Event ; rdfs:range xsd:integer ; rdfs:label "quarter"@en .
og:month a owl:DatatypeProperty ; rdfs:domain og:Event ; rdfs:range xsd:integer ; rdfs:label "month"@en .
'''
"""The declarations of the ``og:`` vocabulary, as Turtle (every export includes them)."""
