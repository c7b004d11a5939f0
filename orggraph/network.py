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

Where a manager is one of several candidates (``reports_to_one_of``), the
graph differs between the readings of the documents (each such post given
one candidate: its reporting line, the per-holder series it sits in, the
rule groups whose ``reporting_to`` it comes under, and their forums). No
shortcut gives betweenness over every reading, so :func:`brokerage` computes
each reading (:mod:`orggraph.readings`) and reports the lowest and highest
figure; beyond ``max_readings`` readings it computes none and says so.

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

import math
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from orggraph.participation import participation
from orggraph.readings import count, readings

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
        ``"takes_part"`` (post and forum, with ``roles``). Only what holds in
        every reading: no line to a candidate manager, no place in a series
        that only some readings hold (each reading's graph is
        ``brokerage_graph(reading)`` of :func:`orggraph.readings.readings`).

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
    taking = participation(org).roles
    for post in org.nodes("post"):
        for forum, roles in org.forum_roles(post).items():
            held = taking.get(post, {}).get(forum)
            if held is not None and not held[1]:
                continue  # a series held only in some readings
            if include_guests or roles != ["guest"]:
                H.add_edge(post, forum, kind="takes_part", roles=tuple(roles))
    return H


def brokerage(
    org: Org,
    *,
    include_guests: bool = True,
    k: int | None = None,
    seed: int | None = None,
    max_readings: int = 64,
) -> pd.DataFrame:
    """Who brokers between otherwise separate parts of the organisation.

    Where managers are candidates (``reports_to_one_of``), every figure is
    computed in each reading of the documents (:mod:`orggraph.readings`) and
    given as the lowest and highest over them (exact: every reading is
    computed), with the plain column where all readings agree and NaN (or
    ``<NA>``) where they differ. Betweenness has no shortcut over the
    readings, so beyond ``max_readings`` none is computed: every figure is
    then NaN and ``uncertain`` says how many readings there are.

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
        Random seed for the sample (the same in every reading).
    max_readings : int, default 64
        The most readings to compute; each costs a betweenness computation.

    Returns
    -------
    pandas.DataFrame
        Indexed by post id, highest betweenness first (by ``betweenness_high``,
        then ``betweenness_low``), with ``name``, ``unit``, ``betweenness``
        (normalised to 0-1 over the whole graph of :func:`brokerage_graph`),
        ``degree`` (managers, reports and forums it is joined to),
        ``forums``, ``cut_point`` (an articulation point: without the post the
        graph falls apart; ``<NA>`` when readings differ), ``units_linked``
        (other units than its own among the posts it shares a forum or a
        reporting line with), each number with ``_low`` and ``_high``, and
        ``uncertain`` (why the figures are ranges or missing; None when every
        reading agrees).

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
    >>> open_line = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: top, name: Top, top: true}
    ...   - {id: a, name: A, reports_to: top}
    ...   - {id: b, name: B, reports_to: top}
    ...   - {id: x, name: X, reports_to_one_of: [a, b]}
    ... ''')
    >>> brokerage(open_line)[["betweenness", "betweenness_low", "betweenness_high", "cut_point"]].round(3)
          betweenness  betweenness_low  betweenness_high  cut_point
    post
    top         0.667            0.667             0.667       True
    a             NaN            0.000             0.667       <NA>
    b             NaN            0.000             0.667       <NA>
    x           0.000            0.000             0.000      False
    """
    posts = org.nodes("post")
    n = count(org)
    if n > max_readings:
        why = (
            f"not computed: the candidate managers give {n} readings, more than max_readings={max_readings} "
            "(each a betweenness computation)"
        )
        figures: dict[str, list[Any]] = {post: [] for post in posts}
        return _combine(org, figures, why, computed=False)
    found: dict[str, list[dict[str, Any]]] = {post: [] for post in posts}
    for _, reading in readings(org):
        for post, row in _figures(reading, include_guests=include_guests, k=k, seed=seed).items():
            found[post].append(row)
    why = f"differs between the {n} readings of the candidate managers" if n > 1 else ""
    return _combine(org, found, why, computed=True)


_NUMBERS = ("betweenness", "degree", "forums", "units_linked")


def _combine(org: Org, found: dict[str, list[dict[str, Any]]], why: str, *, computed: bool) -> pd.DataFrame:
    """One row per post: each figure as the plain value where the readings agree, and its lowest and highest."""
    nodes = org.graph.nodes
    rows = []
    for post, values in found.items():
        row: dict[str, Any] = {"name": nodes[post]["name"], "unit": nodes[post].get("unit")}
        agree = True
        for column in _NUMBERS:
            seen = [v[column] for v in values]
            low, high = (min(seen), max(seen)) if seen else (math.nan, math.nan)
            same = bool(seen) and math.isclose(low, high, rel_tol=1e-12, abs_tol=1e-12)
            agree &= same
            row[column] = low if same else math.nan
            row[f"{column}_low"] = low
            row[f"{column}_high"] = high
        cut = {v["cut_point"] for v in values}
        agree &= len(cut) == 1
        row["cut_point"] = cut.pop() if len(cut) == 1 else pd.NA
        row["uncertain"] = None if computed and agree else why
        rows.append(row)
    columns = ["name", "unit"]
    for column in _NUMBERS:
        columns += [column, f"{column}_low", f"{column}_high"]
    columns.insert(columns.index("units_linked"), "cut_point")
    columns.append("uncertain")
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(list(found), name="post", dtype=object))
    whole = frame[[f"{c}{end}" for c in _NUMBERS[1:] for end in ("", "_low", "_high")]]
    counts = {c: "int64" if not whole[c].isna().any() else "Int64" for c in whole.columns}
    frame = frame.astype({**counts, "cut_point": "boolean" if frame["cut_point"].isna().any() else "bool"})
    return frame.sort_values(["betweenness_high", "betweenness_low"], ascending=False, kind="stable")


def _figures(org: Org, *, include_guests: bool, k: int | None, seed: int | None) -> dict[str, dict[str, Any]]:
    """The brokerage figures of every post of an organisation with no candidate managers (one reading)."""
    H = brokerage_graph(org, include_guests=include_guests)
    betweenness = nx.betweenness_centrality(H, k=k, seed=seed) if H.number_of_nodes() > 2 else dict.fromkeys(H, 0.0)
    cut_points = set(nx.articulation_points(H))
    nodes = org.graph.nodes
    unit_of = {post: nodes[post].get("unit") for post in org.nodes("post")}
    forum_units: dict[str, set[str]] = {}
    for forum in org.nodes("forum"):
        forum_units[forum] = {u for p in H.neighbors(forum) if (u := unit_of.get(p)) is not None}
    found = {}
    for post in org.nodes("post"):
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
        found[post] = {
            "betweenness": float(betweenness[post]),
            "degree": H.degree(post),
            "forums": forums,
            "cut_point": post in cut_points,
            "units_linked": len(reached),
        }
    return found
