"""Brokerage: who connects parts of the organisation that would otherwise be apart.

The analysis runs on one undirected graph, :func:`brokerage_graph`, that
joins the two ways people meet in governance:

- **reporting lines**: a post and its manager. A manager documented only as
  a body (a unit or group) is a node of its own, joined to the posts that
  report to it and to the body's member posts, so a line "to the direktion"
  links a post to the directors;
- **forums**: every forum is a node joined to each post that takes part in it
  (member, directly or through a group or unit; chair; owner; guest). A forum
  of 130 posts is a star of 130 edges, not a clique of 8 385.

Dotted and accountability lines, topics and instruments are left out: they
do not bring people together.

On that graph :func:`brokerage` reports, for every post, its betweenness
centrality (the share of shortest paths between other nodes that pass
through it), whether it is a cut point (removing it splits the graph), and how
many other units it is tied to in one step. Betweenness costs O(nodes ×
edges); pass ``k`` to estimate it from ``k`` sampled nodes on large
organisations.

Examples
--------
>>> import orggraph
>>> from orggraph.network import brokerage
>>> brokerage(orggraph.example())[["betweenness", "cut_point", "units_linked"]].head(3).round(3)
           betweenness  cut_point  units_linked
post
ceo              0.207      False             3
coo              0.187      False             3
site-lead        0.074      False             2
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["brokerage", "brokerage_graph"]


def brokerage_graph(org: Org, *, include_guests: bool = True) -> nx.Graph:
    """The combined reporting + forum graph that brokerage is measured on.

    Parameters
    ----------
    org : Org
        The organisation.
    include_guests : bool, default True
        Join guests to the forums they attend.

    Returns
    -------
    networkx.Graph
        Undirected. Nodes: every post, every forum, and every body that is
        documented as a manager; node attribute ``kind`` as in
        :mod:`orggraph.graph`. Edges: ``kind`` is ``"reports_to"`` (post and
        manager), ``"member_of"`` (body and its member posts) or
        ``"takes_part"`` (post and forum, with ``roles``).

    Examples
    --------
    >>> import orggraph
    >>> H = brokerage_graph(orggraph.example())
    >>> H.number_of_nodes(), H.edges["cfo", "ceo"]["kind"], H.edges["cfo", "board"]["roles"]
    (11, 'reports_to', ('member',))
    """
    G = org.graph
    H = nx.Graph()
    for post in org.nodes("post"):
        H.add_node(post, kind="post")
    for forum in org.nodes("forum"):
        H.add_node(forum, kind="forum")
    for post in org.nodes("post"):
        manager = org.manager(post)
        if manager is None:
            continue
        kind = G.nodes[manager]["kind"]
        if kind != "post" and manager not in H:
            H.add_node(manager, kind=kind)
            for member in org.members(manager):
                H.add_edge(member, manager, kind="member_of")
        H.add_edge(post, manager, kind="reports_to")
    for post in org.nodes("post"):
        for forum, roles in org.forum_roles(post).items():
            if include_guests or roles != ["guest"]:
                H.add_edge(post, forum, kind="takes_part", roles=tuple(roles))
    return H


def brokerage(org: Org, *, include_guests: bool = True, k: int | None = None, seed: int | None = None) -> pd.DataFrame:
    """Who brokers between otherwise separate parts of the organisation.

    Parameters
    ----------
    org : Org
        The organisation.
    include_guests : bool, default True
        Join guests to the forums they attend.
    k : int, optional
        Estimate betweenness from ``k`` sampled source nodes (for large
        organisations); default: exact.
    seed : int, optional
        Random seed for the sample.

    Returns
    -------
    pandas.DataFrame
        Indexed by post id, highest betweenness first, with ``name``,
        ``unit``, ``betweenness`` (normalised to 0-1 over the whole graph of
        :func:`brokerage_graph`), ``degree`` (managers, reports and forums it
        is joined to), ``forums``, ``cut_point`` (an articulation point:
        without the post the graph falls apart) and ``units_linked`` (other
        units than its own among the posts it shares a forum or a reporting
        line with).

    See Also
    --------
    brokerage_graph : the graph the figures are computed on.

    Examples
    --------
    >>> import orggraph
    >>> table = brokerage(orggraph.example())
    >>> table.loc[["technician"], ["betweenness", "forums", "cut_point", "units_linked"]]
                betweenness  forums  cut_point  units_linked
    post
    technician          0.0       1      False             2
    """
    H = brokerage_graph(org, include_guests=include_guests)
    betweenness = nx.betweenness_centrality(H, k=k, seed=seed) if H.number_of_nodes() > 2 else dict.fromkeys(H, 0.0)
    cut_points = set(nx.articulation_points(H))
    nodes = org.graph.nodes
    unit_of = {post: nodes[post].get("unit") for post in org.nodes("post")}
    forum_units: dict[str, set[str]] = {}
    for forum in org.nodes("forum"):
        forum_units[forum] = {u for p in H.neighbors(forum) if (u := unit_of.get(p)) is not None}
    rows = []
    posts = org.nodes("post")
    for post in posts:
        reached: set[str | None] = set()
        forums = 0
        for neighbour in H.neighbors(post):
            kind = H.nodes[neighbour]["kind"]
            if kind == "forum":
                forums += 1
                reached |= forum_units[neighbour]
            elif kind == "post":
                reached.add(unit_of[neighbour])
            else:
                reached.update(unit_of.get(p) for p in H.neighbors(neighbour))
        reached.discard(unit_of[post])
        reached.discard(None)
        rows.append(
            {
                "name": nodes[post]["name"],
                "unit": unit_of[post],
                "betweenness": betweenness[post],
                "degree": H.degree(post),
                "forums": forums,
                "cut_point": post in cut_points,
                "units_linked": len(reached),
            }
        )
    columns = ["name", "unit", "betweenness", "degree", "forums", "cut_point", "units_linked"]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(posts, name="post", dtype=object))
    return frame.sort_values("betweenness", ascending=False, kind="stable")
