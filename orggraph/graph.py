"""Build the governance graph: one ``networkx.MultiDiGraph`` from a :class:`~orggraph.schema.Document`.

This module is the one place where the graph's vocabulary is defined.

Nodes
-----
Every node id is the item's id from the data. Every node has the attribute
``kind`` and the item's fields as further attributes (``name``, ``aliases``,
``source``, and so on; nested values are the frozen schema objects).

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
dotted             post → x            secondary reporting line
accountable_to     post → x            accountability (e.g. to a committee)
advises            post → x            advice line
in_unit            post → unit         the post sits in the unit
heads              post → unit         the post heads the unit
part_of            unit → unit         nesting; also forum → forum, topic → topic
member_of          x → group/forum     ``via`` is ``"list"`` or ``"rule"``
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

Graph attributes: ``organisation`` (the :class:`~orggraph.schema.Organisation`)
and ``sources`` (a dict from source id to :class:`~orggraph.schema.Source`).

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

from collections.abc import Iterable
from typing import Any

import networkx as nx

from orggraph.schema import Document, GroupRule, Selector

__all__ = ["EDGE_KINDS", "NODE_KINDS", "build_graph", "rule_members"]

NODE_KINDS: tuple[str, ...] = ("post", "unit", "group", "forum", "topic", "rule", "instrument", "event", "person")
EDGE_KINDS: tuple[str, ...] = (
    "reports_to",
    "dotted",
    "accountable_to",
    "advises",
    "in_unit",
    "heads",
    "part_of",
    "member_of",
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

_OWN_KIND = {"unit": "unit_kind", "group": "group_kind", "forum": "forum_kind", "instrument": "instrument_kind"}


def _attrs(item: Any, kind: str) -> dict[str, Any]:
    attrs = dict(item.__dict__)
    own = attrs.pop("kind", None)
    if own is not None:
        attrs[_OWN_KIND[kind]] = own
    attrs["kind"] = kind
    return attrs


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

    Examples
    --------
    >>> import orggraph
    >>> G = build_graph(orggraph.example().document)
    >>> G.number_of_nodes() > 5, G.nodes["board"]["kind"]
    (True, 'forum')
    """
    G = nx.MultiDiGraph(organisation=doc.organisation, sources={s.id: s for s in doc.sources})
    add_node = G.add_node
    add_edge = G.add_edge

    for unit in doc.units:
        add_node(unit.id, **_attrs(unit, "unit"))
    for post in doc.posts:
        add_node(post.id, **_attrs(post, "post"))
    for group in doc.groups:
        add_node(group.id, **_attrs(group, "group"))
    for forum in doc.forums:
        add_node(forum.id, **_attrs(forum, "forum"))
    for topic in doc.topics:
        add_node(topic.id, **_attrs(topic, "topic"))
    for rule in doc.decision_rules:
        add_node(rule.id, **_attrs(rule, "rule"))
    for instrument in doc.instruments:
        add_node(instrument.id, **_attrs(instrument, "instrument"))
    for event in doc.events:
        add_node(event.id, **_attrs(event, "event"))
    for person in doc.people:
        add_node(person.id, **_attrs(person, "person"))

    for unit in doc.units:
        if unit.parent is not None:
            add_edge(unit.id, unit.parent, key="part_of", kind="part_of", source=unit.source)
        if unit.head is not None:
            add_edge(unit.head, unit.id, key="heads", kind="heads", source=unit.source)

    nodes = G.nodes
    for post in doc.posts:
        if post.unit is not None:
            add_edge(post.id, post.unit, key="in_unit", kind="in_unit", source=post.source)
        if post.reports_to is not None:
            body = nodes[post.reports_to]["kind"] != "post"
            add_edge(post.id, post.reports_to, key="reports_to", kind="reports_to", source=post.source, body=body)
    for line in doc.reporting_lines:
        add_edge(line.post, line.to, key=line.kind, kind=line.kind, source=line.source, description=line.description)

    for group in doc.groups:
        for member in group.members:
            add_edge(member, group.id, key="member_of", kind="member_of", source=group.source, via="list")
        if group.rule is not None:
            for member in rule_members(G, group.rule):
                if not G.has_edge(member, group.id, "member_of"):
                    add_edge(member, group.id, key="member_of", kind="member_of", source=group.source, via="rule")

    for forum in doc.forums:
        fid, src = forum.id, forum.source
        for member in forum.members:
            add_edge(member, fid, key="member_of", kind="member_of", source=src, via="list")
        for guest in forum.guests:
            add_edge(guest.id, fid, key="guest_of", kind="guest_of", source=guest.source or src, part=guest.part)
        if forum.chair is not None:
            chair = forum.chair
            chair_src = src
            if chair.post is not None:
                add_edge(chair.post, fid, key="chairs", kind="chairs", source=chair_src, rotating=False)
            for holder in chair.rotating_among:
                add_edge(holder, fid, key="chairs", kind="chairs", source=chair_src, rotating=True)
        if forum.owner is not None:
            add_edge(forum.owner, fid, key="owns", kind="owns", source=src)
        if forum.established_by is not None:
            add_edge(forum.established_by, fid, key="established", kind="established", source=src)
        if forum.part_of is not None:
            add_edge(fid, forum.part_of, key="part_of", kind="part_of", source=src)
        _link_all(G, forum.agenda_items_from, fid, "proposes_agenda", src)
        _link_all(G, forum.prepared_by, fid, "prepares_meetings", src)

    for topic in doc.topics:
        if topic.parent is not None:
            add_edge(topic.id, topic.parent, key="part_of", kind="part_of", source=topic.source)
        for assignment in topic.roles:
            add_edge(
                assignment.holder,
                topic.id,
                key=assignment.role,
                kind=assignment.role,
                source=assignment.source or topic.source,
                description=assignment.description,
            )

    for rule in doc.decision_rules:
        add_edge(rule.id, rule.topic, key="governs", kind="governs", source=rule.source)
        named: list[tuple[str, Selector | None, Iterable[str]]] = [
            ("decides", rule.decides, ()),
            ("approves", rule.approves, ()),
            ("may_delegate_to", None, rule.may_delegate_to),
            ("consults", None, rule.consults),
        ]
        for role, selector, ids in named:
            for holder in (selector.ids if selector is not None else ()) or ids:
                add_edge(holder, rule.id, key=f"named_in:{role}", kind="named_in", source=rule.source, **{"as": role})

    for instrument in doc.instruments:
        iid, src = instrument.id, instrument.source
        _link_all(G, instrument.owner, iid, "owns", src)
        _link_all(G, instrument.parties, iid, "party_to", src)
        _link_all(G, instrument.consults, iid, "consulted_on", src)
        for base in instrument.based_on:
            add_edge(iid, base, key="based_on", kind="based_on", source=src)

    for event in doc.events:
        if event.forum is not None:
            add_edge(event.id, event.forum, key="scheduled_in", kind="scheduled_in", source=event.source)
        for target in (event.topic, event.instrument):
            if target is not None:
                add_edge(event.id, target, key="concerns", kind="concerns", source=event.source)

    for number, membership in enumerate(doc.memberships):
        fields = dict(membership.__dict__)
        person, organisation = fields.pop("person"), fields.pop("organisation")
        key = f"member_of:{number}"
        add_edge(person, organisation, key=key, kind="member_of", via="membership", **fields)
        if membership.on_behalf_of is not None and membership.on_behalf_of != organisation:
            add_edge(person, membership.on_behalf_of, key=key, kind="member_of", via="on_behalf_of", **fields)
    return G


def _link_all(G: nx.MultiDiGraph, holders: Iterable[str], target: str, kind: str, source: Any) -> None:
    for holder in holders:
        G.add_edge(holder, target, key=kind, kind=kind, source=source)


def rule_members(G: nx.MultiDiGraph, rule: GroupRule) -> list[str]:
    """The posts a group rule selects, in the graph's node order.

    A post matches when it meets every criterion the rule gives: its ``type``
    is one of ``post_types``; it heads a unit whose kind is in
    ``heads_of_unit_kinds``; it sits in ``within`` or a unit below it; its
    chain of command passes ``reporting_to``.

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
    nodes = G.nodes
    types = set(rule.post_types)
    head_kinds = set(rule.heads_of_unit_kinds)
    selected: list[str] = []
    for node, attrs in nodes(data=True):
        if attrs["kind"] != "post":
            continue
        if types and attrs.get("type") not in types:
            continue
        if head_kinds and not any(
            k == "heads" and nodes[u].get("unit_kind") in head_kinds for _, u, k in G.out_edges(node, keys=True)
        ):
            continue
        if rule.within is not None and not _unit_within(G, attrs.get("unit"), rule.within):
            continue
        if rule.reporting_to is not None and not _reports_up_to(G, node, rule.reporting_to):
            continue
        selected.append(node)
    return selected


def _unit_within(G: nx.MultiDiGraph, unit: str | None, ancestor: str) -> bool:
    seen: set[str] = set()
    while unit is not None and unit not in seen:
        if unit == ancestor:
            return True
        seen.add(unit)
        unit = G.nodes[unit].get("parent")
    return False


def _reports_up_to(G: nx.MultiDiGraph, post: str, superior: str) -> bool:
    seen = {post}
    current: str | None = G.nodes[post].get("reports_to")
    while current is not None and current not in seen:
        if current == superior:
            return True
        seen.add(current)
        current = G.nodes[current].get("reports_to") if G.nodes[current]["kind"] == "post" else None
    return False
