"""Where posts sit relative to each other: common superiors, escalation, and paths between posts.

Reporting lines are the ``reports_to`` edges (from a post to its manager, a
post or a body); shared forums are the forums two posts take part in (as a
member, guest, chair or owner, exactly as :meth:`Org.forum_roles` counts).

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> common_superior(org, "accountant", "technician")
'ceo'
>>> escalation_path(org, "technician", "budget")
['technician', 'site-lead', 'coo', 'ceo', 'chair']
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import networkx as nx

from orggraph.decisions import decides_holders
from orggraph.errors import NotDocumentedError, UnknownNodeError
from orggraph.hierarchy import Hierarchy, hierarchy

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["PathStep", "common_superior", "escalation_path", "path", "reach_graph"]

Via = Literal[
    "start",
    "manager",
    "report",
    "candidate manager",
    "candidate report",
    "forum",
    "participant",
    "possible forum",
    "possible participant",
    "body member",
    "managing body",
]

_COLLECTIVES = frozenset({"group", "forum", "unit"})
_PARTICIPATION = frozenset({"member_of", "guest_of", "chairs", "owns"})

# Edge weights of the reach graph, so that paths compare by steps, then uncertain edges, then forums:
# a reporting line is one step; a shared forum is two half-steps (post -> forum -> post) that together
# cost a little more than one step; an uncertain edge (a candidate manager's line, a possible member's
# place in a per-holder series) costs more than any number of extra forums on a path of up to
# 500 steps, and less than a step.
_LINE = 1 << 24
_HALF_FORUM = (1 << 23) + 1
_UNCERTAIN = 1 << 12


def common_superior(org: Org, a: str, b: str) -> str | None:
    """The lowest superior that ``a`` and ``b`` have in common in the reporting chain.

    The chains include the posts themselves: when ``a`` is above ``b``, the
    answer is ``a``. A chain that ends at a body (a manager documented only as
    a body) ends there, so the body may be the answer. Being a member of a
    body does not put a post above those who report to the body: the
    superior of a post is only what its reporting line says.

    Parameters
    ----------
    org : Org
        The organisation.
    a, b : str
        Post ids, or texts that name one post each.

    Returns
    -------
    str or None
        The id of the common superior, or None when the chains never meet
        (two separate reporting structures).

    Raises
    ------
    NotDocumentedError
        When a post on the way up has candidate managers and the answer
        differs between them (``candidates`` lists the answers).

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> common_superior(org, "technician", "site-lead"), common_superior(org, "cfo", "coo")
    ('site-lead', 'ceo')
    """
    first = org.resolve(a, kind="post")
    second = org.resolve(b, kind="post")
    index = hierarchy(org)
    nodes = [first, second, *index.possible_superiors(first), *index.possible_superiors(second)]
    answers: dict[str | None, None] = {}
    readings = list(_readings(index, nodes, f"the common superior of {first!r} and {second!r}"))
    for chosen in readings:
        above_second = {second, *index.chain(second, chosen)}
        answers[next((n for n in (first, *index.chain(first, chosen)) if n in above_second), None)] = None
    if len(answers) > 1:
        names = ", ".join("none" if node is None else repr(node) for node in answers)
        open_posts = [node for node in dict.fromkeys(nodes) if node in index.candidates]
        raise NotDocumentedError(
            f"the common superior of {first!r} and {second!r} is not documented: it is one of {names}, "
            f"depending on which candidate is the manager of {', '.join(map(repr, open_posts))}",
            candidates=[node for node in answers if node is not None],
        )
    return next(iter(answers))


_MAX_READINGS = 100_000


def escalation_path(org: Org, post: str, topic: str) -> list[str]:
    """Up the reporting chain from ``post`` until someone holds the decides right on ``topic``.

    A node holds the right when it holds the ``decides`` role on the topic, or
    a rule of the topic names it as the decider, or it is a post of a group,
    unit or forum that does (see :func:`orggraph.decisions.decides_holders`).
    Rules relative to the structure ("the subject's manager") name no one in
    particular; ask :meth:`Org.who_decides` with a subject for those.

    Parameters
    ----------
    org : Org
        The organisation.
    post : str
        Where the matter starts: a post id or a text that names one post.
    topic : str
        A topic id or a text that names one topic.

    Returns
    -------
    list of str
        ``post``, then its superiors, nearest first, ending at the first that
        holds the right, or at the end of the chain (a root, or a body when
        the manager is documented only as a body) when none does.

    Raises
    ------
    NotDocumentedError
        When a post on the way up has candidate managers and the path differs
        between them (``candidates`` lists where each reading's path ends).

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> escalation_path(org, "accountant", "budget")
    ['accountant', 'cfo', 'ceo', 'chair']
    >>> escalation_path(org, "chair", "budget")
    ['chair']
    """
    start = org.resolve(post, kind="post")
    topic_id = org.resolve(topic, kind="topic")
    holders = set(decides_holders(org, topic_id))
    for holder in list(holders):
        if org.kind(holder) in _COLLECTIVES:
            holders.update(org.members(holder))
    index = hierarchy(org)
    paths: dict[tuple[str, ...], None] = {}
    for chosen in _readings(index, [start, *index.possible_superiors(start)], f"the escalation of {start!r}"):
        path = [start]
        for superior in index.chain(start, chosen) if start not in holders else ():
            path.append(superior)
            if superior in holders:
                break
        paths[tuple(path)] = None
    if len(paths) > 1:
        ends = list(dict.fromkeys(path[-1] for path in paths))
        raise NotDocumentedError(
            f"the escalation of {start!r} on {topic_id!r} is not documented: it ends at one of "
            f"{', '.join(map(repr, ends))}, depending on which candidate is the manager on the way up",
            candidates=ends,
        )
    return list(next(iter(paths)))


def _readings(index: Hierarchy, nodes: list[str], what: str) -> Iterator[dict[str, str]]:
    """Each choice of one manager for every post of ``nodes`` that has candidates (one empty choice if none)."""
    open_posts = [node for node in dict.fromkeys(nodes) if node in index.candidates]
    choices = [index.candidates[node] for node in open_posts]
    if math.prod(map(len, choices)) > _MAX_READINGS:
        raise NotDocumentedError(
            f"{what} depends on the candidate managers of {len(open_posts)} posts: "
            f"too many readings to compare ({math.prod(map(len, choices))})"
        )
    for choice in itertools.product(*choices):
        yield dict(zip(open_posts, choice, strict=True))


@dataclass(frozen=True)
class PathStep:
    """One node of a :func:`path`, with how it was reached from the node before.

    ``via`` is ``"start"`` for the first node; ``"manager"`` or ``"report"``
    along a reporting line (the node is the previous one's manager, or reports
    to it); ``"forum"`` (the previous post takes part in this forum) and
    ``"participant"`` (the node takes part in the previous forum);
    ``"managing body"`` and ``"body member"`` between a body documented as a
    manager and its posts.

    A step that holds only in some readings of the documents has ``certain``
    False and says so in ``via``: ``"candidate manager"`` (the node is one of
    the previous post's candidate managers: it *may* report to it) and
    ``"candidate report"`` (the node may report to the previous one);
    ``"possible forum"`` and ``"possible participant"`` where a post sits in
    a per-holder series only when a candidate is its manager.

    Examples
    --------
    >>> PathStep("cfo", "post", "manager")
    PathStep(node='cfo', kind='post', via='manager', certain=True)
    >>> PathStep("ceo", "post", "candidate manager", certain=False).certain
    False
    """

    node: str
    kind: str
    via: Via
    certain: bool = True


def reach_graph(org: Org) -> nx.Graph:
    """The undirected graph :func:`path` searches: reporting lines and forum participation.

    Nodes are posts, forums, and bodies that are documented as managers;
    every edge has ``weight``, ``upper`` (the manager, the forum or the body
    of the two ends) and ``certain`` (False for a candidate manager's line and
    a possible member's place in a per-holder series: edges of some readings
    only). :meth:`Org.path` builds it once per organisation.

    Parameters
    ----------
    org : Org
        The organisation.

    Examples
    --------
    >>> import orggraph
    >>> H = reach_graph(orggraph.example())
    >>> H.edges["technician", "site-lead"]["upper"], H.has_edge("coo", "ops-huddle")
    ('site-lead', True)
    """
    G = org.graph
    H = nx.Graph()
    H.add_nodes_from(org.nodes("post"))
    for post in org.nodes("post"):
        manager = org.manager(post)
        if manager is not None:
            H.add_edge(post, manager, weight=_LINE, upper=manager, certain=True)
    for body in [n for n in H if G.nodes[n]["kind"] != "post"]:
        for member in org.members(body):
            if not H.has_edge(member, body):
                H.add_edge(member, body, weight=_LINE, upper=body, certain=True)
    for post, candidates in hierarchy(org).candidates.items():
        for candidate in candidates:
            if not H.has_edge(post, candidate):
                H.add_edge(post, candidate, weight=_LINE + _UNCERTAIN, upper=candidate, certain=False)
    maybe: list[tuple[str, str]] = []
    for forum in org.nodes("forum"):
        H.add_node(forum)
        held_always = not G.nodes[forum].get("possible", False)  # a pair series of a candidate report: some readings
        for holder, _, key in G.in_edges(forum, keys=True):
            if key not in _PARTICIPATION and key != "candidate_member":
                continue
            collective = G.nodes[holder]["kind"] in _COLLECTIVES
            for post in org.members(holder) if collective else [holder]:
                if key == "candidate_member" or not held_always:
                    maybe.append((post, forum))
                else:
                    H.add_edge(post, forum, weight=_HALF_FORUM, upper=forum, certain=True)
            if collective:  # a rule group's members in some readings only (reporting_to above them)
                maybe.extend((post, forum) for post in org.possible_members(holder))
    for post, forum in maybe:  # a place in some readings only, unless the post also takes part for certain
        if not H.has_edge(post, forum):
            H.add_edge(post, forum, weight=_HALF_FORUM + _UNCERTAIN, upper=forum, certain=False)
    return H


def path(org: Org, a: str, b: str, *, graph: nx.Graph | None = None) -> list[PathStep] | None:
    """The shortest way from ``a`` to ``b`` through reporting lines and shared forums.

    A reporting line is one step, and so is meeting in a forum (the path
    passes through the forum: post, forum, post). Where the documents leave a
    manager open (``reports_to_one_of``), the line to each candidate is a step
    too, and so is a possible member's place in a per-holder series; such a
    step holds only in some readings, and its :class:`PathStep` says so
    (``certain`` False, ``via`` ``"candidate manager"``, ``"candidate
    report"``, ``"possible forum"`` or ``"possible participant"``). The path
    is the one with the fewest steps; of those, the one with the fewest
    uncertain steps (a path of documented lines and certain forums only, when
    there is one that short); of those, the one with the fewest forums.

    Parameters
    ----------
    org : Org
        The organisation.
    a, b : str
        Posts or forums: ids, or texts that name one.
    graph : networkx.Graph, optional
        A prebuilt :func:`reach_graph` of ``org`` (for many queries).

    Returns
    -------
    list of PathStep or None
        From ``a`` to ``b``, both included; None when they are not connected.

    Raises
    ------
    UnknownNodeError
        If ``a`` or ``b`` names no post or forum, or several.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> [(s.node, s.via) for s in path(org, "accountant", "coo")]
    [('accountant', 'start'), ('all-hands', 'forum'), ('coo', 'participant')]
    >>> [s.node for s in path(org, "technician", "chair")]
    ['technician', 'all-hands', 'ceo', 'chair']
    >>> open_line = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: a, name: A, top: true}
    ...   - {id: b, name: B, top: true}
    ...   - {id: x, name: X, reports_to_one_of: [a, b]}
    ... ''')
    >>> [(s.node, s.via, s.certain) for s in path(open_line, "x", "b")]
    [('x', 'start', True), ('b', 'candidate manager', False)]
    """
    H = graph if graph is not None else reach_graph(org)
    ends = [_end(org, H, x) for x in (a, b)]
    try:
        nodes: list[str] = nx.bidirectional_dijkstra(H, ends[0], ends[1], weight="weight")[1]
    except nx.NetworkXNoPath:
        return None
    G = org.graph
    steps = [PathStep(nodes[0], G.nodes[nodes[0]]["kind"], "start")]
    for before, node in itertools.pairwise(nodes):
        edge = H.edges[before, node]
        certain = edge.get("certain", True)
        steps.append(PathStep(node, G.nodes[node]["kind"], _via(G, edge["upper"], node, certain), certain))
    return steps


def _end(org: Org, H: nx.Graph, text: str) -> str:
    if text in H:
        return text
    for kind in ("post", "forum"):
        with contextlib.suppress(UnknownNodeError):
            return org.resolve(text, kind=kind)
    node = org.resolve(text)
    if node in H:
        return node
    raise UnknownNodeError(
        f"{text!r} names the {org.kind(node)} {node!r}; a path runs between posts, forums and managing bodies"
    )


def _via(G: nx.MultiDiGraph, upper: str, node: str, certain: bool = True) -> Via:
    kind = G.nodes[upper]["kind"]
    if kind == "forum":
        if not certain:
            return "possible forum" if node == upper else "possible participant"
        return "forum" if node == upper else "participant"
    if kind == "post":
        if not certain:
            return "candidate manager" if node == upper else "candidate report"
        return "manager" if node == upper else "report"
    return "managing body" if node == upper else "body member"
