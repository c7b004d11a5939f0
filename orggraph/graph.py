"""Build the governance graph: one ``networkx.MultiDiGraph`` from a :class:`~orggraph.schema.Document`.

This module is the one place where the graph's vocabulary is defined.

Nodes
-----
Every node id is the item's id from the data. Every node has the attribute
``kind`` and, as further attributes, the item's fields that the data sets
(``name``, ``aliases``, ``source``, and so on; nested values are the frozen
schema objects). A field at its schema default is not stored: a post that
stands for one person has no ``headcount`` attribute, a post without holders
no ``holders``. Read a field with :func:`node_field` (or
``G.nodes[n].get("headcount", 1)``); :data:`FIELD_DEFAULTS` lists the
defaults of each node kind. The id is the node itself, not an attribute.

============  =====================================================
kind          what it is
============  =====================================================
post          a position (``headcount`` people when it stands for several)
unit          an organisational unit (``kind`` is stored as ``unit_kind``)
group         a named body given by a list and/or a rule
forum         a meeting series
topic         a responsibility or decision area
rule          a decision rule (``DecisionRule``)
instrument    a governance instrument (vision, policy, agreement, ...)
event         an entry of the annual wheel
person        a person (imports such as Popolo)
============  =====================================================

The item's own ``kind`` field (e.g. a unit's ``"centre"``) is stored under
``<node kind>_kind`` (``unit_kind``, ``group_kind``, ``forum_kind``,
``instrument_kind``) so that ``kind`` always names the node kind.

A forum held per holder (``for_each``, :mod:`orggraph.series`) is a template:
its node gets ``series`` (the ids of its series) and no members or roles of
its own: its members, guests, chair, owner and the like go to every series.
Each series is a forum node right after it, id ``<forum>/<holder>``
(``<forum>/<holder>/<report>`` for a pair), with the template's attributes and
``name`` saying which holder (and report), ``series_of`` (the template),
``holder``, ``report`` (None unless a pair), ``members`` (the ids of the
members in every reading), ``possible_members`` (only in some readings),
``possible`` (True: a pair series held only in the readings where the
report's candidate manager is the holder) and ``series_count`` (how many
identical pairs it stands for: the report post's head count; None when
unknown; 1 otherwise).

Edges
-----
Edges point **from the subordinate, member or holder to the superior,
collective or topic**, so that ``u --kind--> v`` reads "u <kind> v"
("post reports_to manager", "post member_of forum", "post decides topic").
Every edge has ``kind`` and ``source`` (a :class:`~orggraph.schema.Citation`
or None). Edges are keyed by their kind, so ``G.edges[u, v, "reports_to"]``
works; a person's memberships are the exception: a person may be a member of
the same group several times (in several periods), so each membership edge
has its own key ``member_of:<n>`` (select them by ``kind``).

=================  ==================  ======================================
kind               from → to           notes
=================  ==================  ======================================
reports_to         post → post         the line manager
reports_to         post → unit/group   manager documented only as a body;
                                       ``body=True``
candidate_manager  post → post         one of the post's possible line managers
                                       (``reports_to_one_of``): the source says the
                                       manager is one of these posts, not which;
                                       ``of`` is the number of candidates. Never
                                       beside a ``reports_to`` edge of the post.
dotted             post → x            secondary reporting line
accountable_to     post → x            accountability (e.g. to a committee)
advises            post → x            advice line
in_unit            post → unit         the post sits in the unit
heads              post → unit         the post heads the unit
part_of            unit → unit         nesting; also forum → forum (a series to
                                       its per-holder forum), topic → topic
member_of          x → group/forum     ``via`` is ``"list"``, ``"rule"`` or
                                       ``"series"`` (a per-holder series)
candidate_member   post → forum        a member of a per-holder series in some
                                       readings only (a report with candidate
                                       managers, or any member of a series with
                                       ``possible=True``); ``via="series"``
candidate_member   post → group        a member a group's rule selects in some
                                       readings only: ``reporting_to`` is above
                                       the post in some readings of the candidate
                                       managers but not in all (the post meets the
                                       rule's other criteria); ``via="rule"``.
                                       Not beside a ``member_of`` edge of the post
member_of          person → group/     one edge per :class:`~orggraph.schema.Membership`,
                   forum               keyed ``member_of:<n>`` (n = its index in
                                       ``memberships``); ``via="membership"``, with
                                       the membership's fields (``role``,
                                       ``start_date``, ``end_date``,
                                       ``on_behalf_of``, ``legislative_period``,
                                       ``period_start``, ``period_end``, ``area``)
member_of          person → party      the same membership seen from the group it is
                                       ``on_behalf_of``: same key and fields,
                                       ``via="on_behalf_of"``
guest_of           x → forum           ``part`` says which part of the meeting
chairs             x → forum           ``rotating=True`` for a rotation
owns               x → forum/instr.    owner
established        x → forum           who set the forum up
proposes_agenda    x → forum           who proposes agenda items
prepares_meetings  x → forum           who prepares the meetings
decides ...        x → topic           one edge kind per role in
                                       :data:`~orggraph.schema.ROLES`
governs            rule → topic        a decision rule for the topic
named_in           x → rule            ``as`` is decides, approves,
                                       may_delegate_to or consults
party_to           x → instrument      a party to an agreement
consulted_on       x → instrument      consulted when it is made
based_on           instrument → instr. derived from
scheduled_in       event → forum       an annual-wheel event in a forum
concerns           event → topic/instr.
=================  ==================  ======================================

Graph attributes: ``organisation`` (the :class:`~orggraph.schema.Organisation`),
``sources`` (a dict from source id to :class:`~orggraph.schema.Source`), and
the document's lists that are not nodes, as tuples of schema objects:
``reporting_lines`` (also drawn as edges), ``declared_counts`` and
``memberships`` (also drawn as edges). :mod:`orggraph.items` reads the
document back from the graph.

Examples
--------
>>> import orggraph
>>> G = orggraph.example().graph
>>> G.nodes["ceo"]["kind"], G.nodes["ceo"]["name"]
('post', 'Chief Executive')
>>> sorted(k for _, _, k in G.out_edges("cfo", keys=True))
['heads', 'in_unit', 'member_of', 'reports_to', 'responsible']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import networkx as nx
from pydantic import BaseModel

from orggraph.gc_pause import gc_paused
from orggraph.hierarchy import Hierarchy
from orggraph.schema import (
    Citation,
    DecisionRule,
    Document,
    Event,
    Forum,
    Group,
    GroupRule,
    Instrument,
    Person,
    Post,
    Selector,
    Topic,
    Unit,
    _Item,
)
from orggraph.series import Series, add_series_edges, plan_series, series_attrs

__all__ = [
    "EDGE_KINDS",
    "FIELD_DEFAULTS",
    "FIELD_NAMES",
    "MODELS",
    "NODE_KINDS",
    "OWN_KIND",
    "build_graph",
    "full_attributes",
    "graph_attributes",
    "node_field",
    "rule_members",
]

NODE_KINDS: tuple[str, ...] = ("post", "unit", "group", "forum", "topic", "rule", "instrument", "event", "person")
EDGE_KINDS: tuple[str, ...] = (
    "reports_to",
    "candidate_manager",
    "dotted",
    "accountable_to",
    "advises",
    "in_unit",
    "heads",
    "part_of",
    "member_of",
    "candidate_member",
    "guest_of",
    "chairs",
    "owns",
    "established",
    "proposes_agenda",
    "prepares_meetings",
    "decides",
    "responsible",
    "prepares",
    "qualifies",
    "implements",
    "consulted",
    "informed",
    "governs",
    "named_in",
    "party_to",
    "consulted_on",
    "based_on",
    "scheduled_in",
    "concerns",
)

OWN_KIND: Mapping[str, str] = MappingProxyType(
    {"unit": "unit_kind", "group": "group_kind", "forum": "forum_kind", "instrument": "instrument_kind"}
)
"""The attribute that holds an item's own ``kind`` field, by node kind (``kind`` names the node kind)."""

MODELS: Mapping[str, type[_Item]] = MappingProxyType(
    {
        "unit": Unit,
        "post": Post,
        "group": Group,
        "forum": Forum,
        "topic": Topic,
        "rule": DecisionRule,
        "instrument": Instrument,
        "event": Event,
        "person": Person,
    }
)
"""The schema model of each node kind."""


FIELD_NAMES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        kind: MappingProxyType(
            {OWN_KIND[kind] if name == "kind" else name: name for name in model.model_fields if name != "id"}
        )
        for kind, model in MODELS.items()
    }
)
"""For each node kind, the attributes that hold the item's fields -> the fields' names in the schema, in its order.

Examples
--------
>>> FIELD_NAMES["unit"]["unit_kind"], list(FIELD_NAMES["post"])[:3]
('kind', ['name', 'aliases', 'description'])
"""


def _defaults(kind: str, model: type[_Item]) -> Mapping[str, Any]:
    fields = model.model_fields
    defaults = {
        attribute: fields[name].get_default(call_default_factory=True)
        for attribute, name in FIELD_NAMES[kind].items()
        if not fields[name].is_required()
    }
    return MappingProxyType(defaults)


FIELD_DEFAULTS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {kind: _defaults(kind, model) for kind, model in MODELS.items()}
)
"""For each node kind, the attributes a node leaves out when the data leaves them at these values.

Examples
--------
>>> FIELD_DEFAULTS["post"]["headcount"], FIELD_DEFAULTS["post"]["holders"], FIELD_DEFAULTS["unit"]["unit_kind"]
(1, (), 'other')
"""


def node_field(attrs: Mapping[str, Any], name: str) -> Any:
    """A field of a node: its attribute, or the schema's default when the node does not store it.

    Parameters
    ----------
    attrs : mapping
        The node's attributes (``G.nodes[n]``), with ``kind``.
    name : str
        The field, as the graph names it (a unit's own kind is ``unit_kind``).

    Returns
    -------
    Any
        The value.

    Raises
    ------
    KeyError
        If nodes of this kind have no such field.

    Examples
    --------
    >>> import orggraph
    >>> G = orggraph.example().graph
    >>> "headcount" in G.nodes["ceo"], node_field(G.nodes["ceo"], "headcount"), node_field(G.nodes["ceo"], "name")
    (False, 1, 'Chief Executive')
    """
    try:
        return attrs[name]
    except KeyError:
        return FIELD_DEFAULTS[attrs["kind"]][name]


def full_attributes(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A node's attributes with every field of its kind, defaults filled in, in the schema's order.

    For writers whose readers do not know orggraph's defaults (GraphML, GEXF).

    Parameters
    ----------
    attrs : mapping
        The node's attributes (``G.nodes[n]``).

    Returns
    -------
    dict
        Every field of the node's kind, then ``kind`` and any attribute the
        graph adds (e.g. a series' ``series_of``).

    Examples
    --------
    >>> import orggraph
    >>> attrs = orggraph.example().graph.nodes["ceo"]
    >>> full = full_attributes(attrs)
    >>> "vacant" in attrs, full["vacant"], list(full)[:3], list(full)[-1]
    (False, False, ['name', 'aliases', 'description'], 'kind')
    """
    kind = attrs.get("kind")
    if not isinstance(kind, str) or kind not in FIELD_NAMES:
        return dict(attrs)
    order, defaults = FIELD_NAMES[kind], FIELD_DEFAULTS[kind]
    full = {name: attrs[name] if name in attrs else defaults[name] for name in order}
    full.update((name, value) for name, value in attrs.items() if name not in full)
    return full


def _attrs(item: _Item, kind: str, text: _Text) -> dict[str, Any]:
    """The node attributes of an item: ``kind`` and its fields that are not at their defaults."""
    defaults = FIELD_DEFAULTS[kind]
    attrs: dict[str, Any] = {"kind": kind}
    missing = _MISSING
    values = item.__dict__
    # A field the data leaves out is at its default: only the fields set are looked at, in the schema's order.
    for name in sorted(item.model_fields_set, key=_POSITIONS[kind].__getitem__):
        value = values[name]
        if name == "kind":
            name = OWN_KIND[kind]
        elif name == "id":
            continue
        default = defaults.get(name, missing)
        if default is missing or (value is not default and value != default):
            kind_of = type(value)
            attrs[name] = text[value] if kind_of is str else value if kind_of in _KEPT else text.fresh(value)
    return attrs


class _Text(dict[str, str]):
    """One fresh copy of each text a graph keeps, shared by every node and edge that holds it: ``text[value]``.

    The strings of a loaded document were made by the YAML reader, scattered
    among the reader's and the validator's temporaries; kept by the graph,
    they would pin that freed memory (the allocator returns only whole
    arenas). The graph holds copies made during its build instead, next to
    its own objects, and one copy of each repeated value (a post's unit and
    manager are the ids of their nodes, a type is shared by every post of it).
    Tuples and nested schema objects (a forum's chair, a topic's roles) are
    made again around the copies, for the same reason.
    """

    def __missing__(self, value: str) -> str:
        copy = self[value] = "".join((value, ""))  # a new object, equal to the value
        return copy

    def fresh(self, value: Any) -> Any:
        """A value to keep: its texts copied, its tuples and nested schema objects made again around them."""
        kind = type(value)
        if kind is str:
            return self[value]
        if kind in _KEPT:
            return value
        if kind is tuple:
            return tuple([self._fresh(item) for item in value]) if value else value
        if kind is dict:
            return {self._fresh(key): self._fresh(item) for key, item in value.items()}
        if isinstance(value, BaseModel):
            # What BaseModel.__copy__ does (half the time of model_copy), with the fields made fresh.
            model: type[BaseModel] = kind
            copy = model.__new__(model)
            _set(copy, "__dict__", {name: self._fresh(field) for name, field in value.__dict__.items()})
            _set(copy, "__pydantic_fields_set__", set(value.model_fields_set))
            _set(copy, "__pydantic_extra__", None)  # the models forbid extra keys and have no private attributes
            _set(copy, "__pydantic_private__", None)
            return copy
        return value

    def _fresh(self, value: Any) -> Any:
        """:meth:`fresh`, with text and values kept as they are answered without a call."""
        kind = type(value)
        return self[value] if kind is str else value if kind in _KEPT else self.fresh(value)


_KEPT = frozenset({int, float, bool, type(None), Citation})  # immutable, or shared already (citations)
_set = object.__setattr__  # frozen models refuse setattr


_SERIES_TEXT = ("members", "possible_members", "series_of", "holder", "report")  # ids from the document


_MISSING = object()
_POSITIONS: Mapping[str, Mapping[str, int]] = {
    kind: {name: position for position, name in enumerate(model.model_fields)} for kind, model in MODELS.items()
}


class _Edges:
    """Edges to add to a graph in bulk, through networkx's public ``add_edges_from``.

    Collecting the edges of a build stage and adding them in one call costs
    about what writing networkx's adjacency dicts directly did, without
    depending on their private layout.
    """

    def __init__(self, text: _Text) -> None:
        self.pending: list[tuple[str, str, str, dict[str, Any]]] = []
        self.text = text

    def add(self, u: str, v: str, key: str, data: dict[str, Any]) -> None:
        text = self.text
        self.pending.append((text[u], text[v], key, data))

    def add_text(self, u: str, v: str, key: str, data: dict[str, Any]) -> None:
        """:meth:`add` for an edge whose key or data hold text from the document (a role, a description)."""
        fresh = self.text.fresh
        self.add(u, v, fresh(key), {name: fresh(value) for name, value in data.items()})

    def flush(self, G: nx.MultiDiGraph) -> None:
        G.add_edges_from(self.pending)
        self.pending = []


def build_graph(doc: Document) -> nx.MultiDiGraph:
    """Build the governance graph of a validated document.

    The document must have passed :mod:`orggraph.checks` (ids unique,
    references known); :func:`orggraph.load` guarantees that.

    Parameters
    ----------
    doc : Document
        A validated organisation document.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes and edges as described in this module's docstring.

    Notes
    -----
    The graph keeps its own copies of the document's text (one object per
    distinct text: a post's ``unit`` is its unit node's id object), tuples and
    nested objects (citations, already shared, excepted), equal to the
    document's. What the loader made can then all be freed, which is what
    keeps a loaded organisation small (:mod:`orggraph.load_graph`).

    Examples
    --------
    >>> import orggraph
    >>> G = build_graph(orggraph.example().document)
    >>> G.number_of_nodes() > 5, G.nodes["board"]["kind"]
    (True, 'forum')
    """
    G = nx.MultiDiGraph()
    text = _Text()
    G.graph.update((name, text.fresh(value)) for name, value in graph_attributes(doc).items())
    with gc_paused():
        _build(G, doc, text)
    return G


def graph_attributes(doc: Document) -> dict[str, Any]:
    """The graph attributes of a document: what it holds that is not a node (see the module docstring).

    Parameters
    ----------
    doc : Document
        A validated organisation document.

    Returns
    -------
    dict
        ``organisation``, ``sources`` (by id), ``reporting_lines``,
        ``declared_counts`` and ``memberships``.

    Examples
    --------
    >>> import orggraph
    >>> attributes = graph_attributes(orggraph.example().document)
    >>> list(attributes), attributes["organisation"].name
    (['organisation', 'sources', 'reporting_lines', 'declared_counts', 'memberships'], 'Acme Åkande')
    """
    return {
        "organisation": doc.organisation,
        "sources": {source.id: source for source in doc.sources},
        "reporting_lines": doc.reporting_lines,
        "declared_counts": doc.declared_counts,
        "memberships": doc.memberships,
    }


AddEdge = Callable[[str, str, str, dict[str, Any]], None]


def _build(G: nx.MultiDiGraph, doc: Document, text: _Text) -> None:
    """The stages of :func:`build_graph`: nodes, then the edges of each part of the document."""
    edges = _Edges(text)
    plans = plan_series(doc)
    G.add_nodes_from(_node_items(doc, plans, text))
    _add_structure(doc, edges.add, edges.add_text)
    edges.flush(G)  # group rules read the units' heads
    _add_groups(doc, G, edges.add)
    _add_forums(doc, plans, edges.add, edges.add_text)
    _add_topics(doc, edges.add, edges.add_text)
    _add_decision_rules(doc, edges.add)
    _add_instruments(doc, edges.add)
    _add_events(doc, edges.add)
    _add_memberships(doc, edges.add_text)
    edges.flush(G)


def _add_structure(doc: Document, add_edge: AddEdge, add_text: AddEdge) -> None:
    """Unit nesting and heads, posts in units, reporting lines (documented, to a body, candidates), other lines."""
    for unit in doc.units:
        if unit.parent is not None:
            add_edge(unit.id, unit.parent, "part_of", {"kind": "part_of", "source": unit.source})
        if unit.head is not None:
            add_edge(unit.head, unit.id, "heads", {"kind": "heads", "source": unit.source})
    posts = {post.id for post in doc.posts}
    for post in doc.posts:
        pid, src = post.id, post.source
        if post.unit is not None:
            add_edge(pid, post.unit, "in_unit", {"kind": "in_unit", "source": src})
        manager = post.reports_to
        if manager is not None:
            body = manager not in posts  # ids are unique across kinds: a manager that is no post is a body
            add_edge(pid, manager, "reports_to", {"kind": "reports_to", "source": src, "body": body})
        candidates = post.reports_to_one_of
        for candidate in candidates:
            data = {"kind": "candidate_manager", "source": src, "of": len(candidates)}
            add_edge(pid, candidate, "candidate_manager", data)
    for line in doc.reporting_lines:
        data = {"kind": line.kind, "source": line.source, "description": line.description}
        add_text(line.post, line.to, line.kind, data)


def _add_groups(doc: Document, G: nx.MultiDiGraph, add_edge: AddEdge) -> None:
    """Group members: those listed, then those a rule selects (read from the structure already built)."""
    rule_groups = [group for group in doc.groups if group.rule is not None]
    posts = _Posts(G) if rule_groups else None
    for group in doc.groups:
        gid, src = group.id, group.source
        for member in group.members:
            add_edge(member, gid, "member_of", {"kind": "member_of", "source": src, "via": "list"})
        if group.rule is not None and posts is not None:
            listed = set(group.members)
            certain, possible = _select(G, posts, group.rule)
            for member in certain:
                if member not in listed:
                    add_edge(member, gid, "member_of", {"kind": "member_of", "source": src, "via": "rule"})
            for member in possible:  # below ``reporting_to`` in some readings only
                if member not in listed:
                    add_edge(
                        member, gid, "candidate_member", {"kind": "candidate_member", "source": src, "via": "rule"}
                    )


def _add_forums(doc: Document, plans: dict[str, list[Series]], add_edge: AddEdge, add_text: AddEdge) -> None:
    """Forum nesting, members and roles; a per-holder template hands them to its series."""
    for forum in doc.forums:
        fid, src = forum.id, forum.source
        if forum.part_of is not None:
            add_edge(fid, forum.part_of, "part_of", {"kind": "part_of", "source": src})
        if fid in plans:  # a template: its series take the members and the roles (orggraph.series)
            for series in plans[fid]:
                add_series_edges(series, src, add_edge)
                _forum_edges(forum, series.id, add_edge, add_text)
            continue
        for member in forum.members:
            add_edge(member, fid, "member_of", {"kind": "member_of", "source": src, "via": "list"})
        _forum_edges(forum, fid, add_edge, add_text)


def _add_topics(doc: Document, add_edge: AddEdge, add_text: AddEdge) -> None:
    """Topic nesting and the roles held on each topic (decides, responsible, ...)."""
    for topic in doc.topics:
        tid, src = topic.id, topic.source
        if topic.parent is not None:
            add_edge(tid, topic.parent, "part_of", {"kind": "part_of", "source": src})
        for assignment in topic.roles:
            role = assignment.role
            data = {"kind": role, "source": assignment.source or src, "description": assignment.description}
            add_text(assignment.holder, tid, role, data)


def _add_decision_rules(doc: Document, add_edge: AddEdge) -> None:
    """Each rule governs its topic; the ids it names are ``named_in`` it, keyed by how."""
    for rule in doc.decision_rules:
        rid, src = rule.id, rule.source
        add_edge(rid, rule.topic, "governs", {"kind": "governs", "source": src})
        named: list[tuple[str, Selector | None, Iterable[str]]] = [
            ("decides", rule.decides, ()),
            ("approves", rule.approves, ()),
            ("may_delegate_to", None, rule.may_delegate_to),
            ("consults", None, rule.consults),
        ]
        for named_as, selector, ids in named:
            for holder in (selector.ids if selector is not None else ()) or ids:
                add_edge(holder, rid, f"named_in:{named_as}", {"kind": "named_in", "source": src, "as": named_as})


def _add_instruments(doc: Document, add_edge: AddEdge) -> None:
    """Owners, parties and those consulted on each instrument, and what it is based on."""
    for instrument in doc.instruments:
        iid, src = instrument.id, instrument.source
        for holders, kind in (
            (instrument.owner, "owns"),
            (instrument.parties, "party_to"),
            (instrument.consults, "consulted_on"),
        ):
            for holder in holders:
                add_edge(holder, iid, kind, {"kind": kind, "source": src})
        for base in instrument.based_on:
            add_edge(iid, base, "based_on", {"kind": "based_on", "source": src})


def _add_events(doc: Document, add_edge: AddEdge) -> None:
    """The annual wheel: each event in its forum, and what it concerns."""
    for event in doc.events:
        eid, src = event.id, event.source
        if event.forum is not None:
            add_edge(eid, event.forum, "scheduled_in", {"kind": "scheduled_in", "source": src})
        for target in (event.topic, event.instrument):
            if target is not None:
                add_edge(eid, target, "concerns", {"kind": "concerns", "source": src})


def _add_memberships(doc: Document, add_text: AddEdge) -> None:
    """People's memberships, one keyed edge each (and one to the group they are on behalf of)."""
    for number, membership in enumerate(doc.memberships):
        fields = dict(membership.__dict__)
        person, organisation = fields.pop("person"), fields.pop("organisation")
        key = f"member_of:{number}"
        add_text(person, organisation, key, {"kind": "member_of", "via": "membership", **fields})
        if membership.on_behalf_of is not None and membership.on_behalf_of != organisation:
            add_text(person, membership.on_behalf_of, key, {"kind": "member_of", "via": "on_behalf_of", **fields})


def _forum_edges(forum: Forum, fid: str, add_edge: AddEdge, add_text: AddEdge) -> None:
    """A forum's guests, chair, owner and the like, as edges to ``fid`` (the forum, or one of its series)."""
    src = forum.source
    for guest in forum.guests:
        add_text(guest.id, fid, "guest_of", {"kind": "guest_of", "source": guest.source or src, "part": guest.part})
    if forum.chair is not None:
        chair = forum.chair
        if chair.post is not None:
            add_edge(chair.post, fid, "chairs", {"kind": "chairs", "source": src, "rotating": False})
        for holder in chair.rotating_among:
            add_edge(holder, fid, "chairs", {"kind": "chairs", "source": src, "rotating": True})
    if forum.owner is not None:
        add_edge(forum.owner, fid, "owns", {"kind": "owns", "source": src})
    if forum.established_by is not None:
        add_edge(forum.established_by, fid, "established", {"kind": "established", "source": src})
    for holder in forum.agenda_items_from:
        add_edge(holder, fid, "proposes_agenda", {"kind": "proposes_agenda", "source": src})
    for holder in forum.prepared_by:
        add_edge(holder, fid, "prepares_meetings", {"kind": "prepares_meetings", "source": src})


def _node_items(doc: Document, plans: dict[str, list[Series]], text: _Text) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every item as ``(id, attributes)``, in the data's order; the series of a per-holder forum follow it."""
    for kind, items in (
        ("unit", doc.units),
        ("post", doc.posts),
        ("group", doc.groups),
        ("forum", doc.forums),
        ("topic", doc.topics),
        ("rule", doc.decision_rules),
        ("instrument", doc.instruments),
        ("event", doc.events),
        ("person", doc.people),
    ):
        for item in items:
            attrs = _attrs(item, kind, text)
            series = plans.get(item.id) if kind == "forum" else None
            if series is not None:
                attrs["series"] = tuple(text[s.id] for s in series)
            yield text[item.id], attrs
            if series is not None:
                for s in series:
                    own = series_attrs(attrs, s)
                    own.update((name, text.fresh(own[name])) for name in _SERIES_TEXT)
                    yield text[s.id], own


def rule_members(G: nx.MultiDiGraph, rule: GroupRule) -> list[str]:
    """The posts a group rule selects, in the graph's node order.

    A post matches when it meets every criterion the rule gives: its ``type``
    is one of ``post_types``; it heads a unit whose kind is in
    ``heads_of_unit_kinds``; it sits in ``within`` or a unit below it; its
    chain of command passes ``reporting_to`` in every reading of the
    candidate managers (a post below it in some readings only is a
    ``candidate_member`` of the group in the graph, not one of these).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph`.
    rule : GroupRule
        The membership rule.

    Returns
    -------
    list of str
        Post ids.

    Examples
    --------
    >>> import orggraph
    >>> from orggraph.schema import GroupRule
    >>> G = orggraph.example().graph
    >>> rule_members(G, GroupRule(post_types=("director",)))
    ['cfo', 'coo']
    """
    return _select(G, _Posts(G), rule)[0]


class _Posts:
    """The posts of a graph in node order, and their positions by type: made once for all rules of a build."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.posts = [(node, attrs) for node, attrs in G.nodes(data=True) if attrs.get("kind") == "post"]
        self.by_type: dict[Any, list[int]] = {}
        for position, (_, attrs) in enumerate(self.posts):
            self.by_type.setdefault(attrs.get("type"), []).append(position)

    @functools.cached_property
    def hierarchy(self) -> Hierarchy:
        """The reporting lines built so far (group rules run after the structure is in the graph)."""
        return Hierarchy.of_graph(self.G)

    def of_types(self, types: Iterable[str]) -> list[tuple[str, dict[str, Any]]]:
        positions = sorted({p for kind in types for p in self.by_type.get(kind, ())})
        return [self.posts[p] for p in positions]


def _select(G: nx.MultiDiGraph, posts: _Posts, rule: GroupRule) -> tuple[list[str], list[str]]:
    """:func:`rule_members` over posts indexed once for all the rules of a build; and those it selects possibly.

    The second list: posts that meet every other criterion and have ``reporting_to`` above them in some readings of
    the candidate managers but not in all (:meth:`~orggraph.hierarchy.Hierarchy.possible_subordinates`).
    """
    nodes, succ = G.nodes, G.succ
    head_kinds = set(rule.heads_of_unit_kinds)
    within: dict[str | None, bool] = {}
    selected: list[str] = []
    possible: list[str] = []
    below: set[str] | None = None
    if rule.reporting_to is not None and posts.hierarchy.uncertain:
        below = posts.hierarchy.possible_subordinates(rule.reporting_to)
    for node, attrs in posts.of_types(rule.post_types) if rule.post_types else posts.posts:
        if head_kinds and not any(
            "heads" in keys and nodes[u].get("unit_kind") in head_kinds for u, keys in succ[node].items()
        ):
            continue
        if rule.within is not None:
            unit = attrs.get("unit")
            inside = within.get(unit)
            if inside is None:
                inside = within[unit] = _unit_within(G, unit, rule.within)
            if not inside:
                continue
        if rule.reporting_to is not None:
            if below is not None and node not in below:
                continue
            if rule.reporting_to not in posts.hierarchy.certain_superiors(node):
                if below is not None:
                    possible.append(node)
                continue
        selected.append(node)
    return selected, possible


def _unit_within(G: nx.MultiDiGraph, unit: str | None, ancestor: str) -> bool:
    seen: set[str] = set()
    while unit is not None and unit not in seen:
        if unit == ancestor:
            return True
        seen.add(unit)
        unit = G.nodes[unit].get("parent")
    return False
