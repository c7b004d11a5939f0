"""Who is in a forum, group or unit, and in which role: the collectives of an organisation, expanded once.

A group lists posts, groups or units and may add posts by rule (those are
``member_of`` edges when the graph is built); a unit's posts are those in it
and in the units below it; a forum's members are expanded the same way.
:func:`collectives` keeps one :class:`Collectives` per
:class:`~orggraph.org.Org`, so each collective is expanded once however often
it is asked about.

Examples
--------
>>> import orggraph
>>> index = collectives(orggraph.example())
>>> index.members("management"), index.forum_roles()["ceo"]["all-hands"]
(['ceo', 'cfo', 'coo'], ['member', 'rotating chair'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from orggraph.memo import per_org

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["Collectives", "collectives"]

_ROLES = {"member_of": "member", "guest_of": "guest", "owns": "owner"}


class Collectives:
    """The posts of each collective and the forum roles of each post, expanded on first use.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph as :func:`orggraph.graph.build_graph` makes it.
    forums : list of str, optional
        Its forums in the graph's order, when known (an Org keeps them); found in the graph otherwise.

    Examples
    --------
    >>> import orggraph
    >>> Collectives(orggraph.example().graph).members("operations")
    ['coo', 'site-lead', 'technician']
    """

    def __init__(self, G: nx.MultiDiGraph, forums: list[str] | None = None) -> None:
        self._G = G
        self._expanded: dict[str, list[str]] = {}
        self._roles: dict[str, dict[str, list[str]]] | None = None
        self._possible: dict[str, dict[str, list[str]]] | None = None
        self._possible_members: dict[str, list[str]] | None = None
        self._forums = forums

    def _forum_ids(self) -> list[str]:
        """The forums, in the graph's order: one pass over the nodes for every index here."""
        if self._forums is None:
            self._forums = [node for node, kind in self._G.nodes(data="kind") if kind == "forum"]
        return self._forums

    def members(self, node: str) -> list[str]:
        """The posts (and people) of a collective, each once; a post or person is its own member.

        Parameters
        ----------
        node : str
            The id of a forum, group, unit, post or person.

        Returns
        -------
        list of str
            Ids, in the order the graph lists the lines in; the list is shared, do not change it.

        Examples
        --------
        >>> import orggraph
        >>> Collectives(orggraph.example().graph).members("board")
        ['ceo', 'cfo', 'coo']
        """
        return self._expand(node, ())

    def _expand(self, node: str, stack: tuple[str, ...]) -> list[str]:
        cached = self._expanded.get(node)
        if cached is not None:
            return cached
        G = self._G
        kind = G.nodes[node]["kind"]
        if kind in ("post", "person"):
            return [node]
        result: dict[str, None] = {}
        if node not in stack:
            stack = (*stack, node)
            if kind == "unit":
                for member, _, key in G.in_edges(node, keys=True):
                    if key == "in_unit":
                        result[member] = None
                for child, _, key in G.in_edges(node, keys=True):
                    if key == "part_of":
                        result.update(dict.fromkeys(self._expand(child, stack)))
            else:
                for member, _, key in G.in_edges(node, keys=True):
                    # A person's memberships are keyed "member_of:<n>" (orggraph.graph).
                    if key == "member_of" or key.startswith("member_of:"):
                        result.update(dict.fromkeys(self._expand(member, stack)))
        expanded = list(result)
        self._expanded[node] = expanded
        return expanded

    def forum_roles(self) -> dict[str, dict[str, list[str]]]:
        """Post -> forum -> roles (member, guest, chair, rotating chair, owner), in forum order.

        Returns
        -------
        dict
            Shared by every caller: do not change it.

        Examples
        --------
        >>> import orggraph
        >>> Collectives(orggraph.example().graph).forum_roles()["chair"]
        {'board': ['guest']}
        """
        if self._roles is not None:
            return self._roles
        G = self._G
        roles: dict[str, dict[str, list[str]]] = {}
        for forum in self._forum_ids():
            for holder, _, key, data in G.in_edges(forum, keys=True, data=True):
                role = _ROLES.get(key)
                if key == "chairs":
                    role = "rotating chair" if data.get("rotating") else "chair"
                if role is None:
                    continue
                for post in self._expand(holder, ()):
                    held = roles.setdefault(post, {}).setdefault(forum, [])
                    if role not in held:
                        held.append(role)
        self._roles = roles
        return roles

    def possible_roles(self) -> dict[str, dict[str, list[str]]]:
        """Post -> forum -> ``["possible member"]`` for the per-holder series a post sits in in some readings only.

        A centre head whose director is one of three sits in one of three area
        meetings: in each only possibly (``candidate_member`` edges, :mod:`orggraph.series`).

        Returns
        -------
        dict
            Shared by every caller: do not change it.

        Examples
        --------
        >>> import orggraph
        >>> Collectives(orggraph.example().graph).possible_roles()
        {}
        """
        if self._possible is None:
            possible: dict[str, dict[str, list[str]]] = {}
            for forum, posts in self.possible_members().items():
                for post in posts:
                    possible.setdefault(post, {})[forum] = ["possible member"]
            self._possible = possible
        return self._possible

    def possible_members(self) -> dict[str, list[str]]:
        """Forum -> the posts that sit in it in some readings only (``candidate_member`` edges), each once.

        Returns
        -------
        dict
            Only forums that have such members; shared by every caller: do not change it.

        Examples
        --------
        >>> import orggraph
        >>> Collectives(orggraph.example().graph).possible_members()
        {}
        """
        if self._possible_members is None:
            G = self._G
            found: dict[str, list[str]] = {}
            for forum in self._forum_ids():
                members: dict[str, None] = {}
                for holder, _, key in G.in_edges(forum, keys=True):
                    if key == "candidate_member":
                        members.update(dict.fromkeys(self._expand(holder, ())))
                if members:
                    found[forum] = list(members)
            self._possible_members = found
        return self._possible_members

    def chairs(self, forum: str) -> list[str]:
        """The posts that chair a forum: one, or all who take turns.

        Parameters
        ----------
        forum : str
            A forum id.

        Returns
        -------
        list of str
            Post ids.

        Examples
        --------
        >>> import orggraph
        >>> Collectives(orggraph.example().graph).chairs("all-hands")
        ['ceo', 'cfo', 'coo']
        """
        result: dict[str, None] = {}
        for holder, _, key in self._G.in_edges(forum, keys=True):
            if key == "chairs":
                result.update(dict.fromkeys(self._expand(holder, ())))
        return list(result)


@per_org
def collectives(org: Org) -> Collectives:
    """The :class:`Collectives` of an organisation, made once per :class:`~orggraph.org.Org`.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    Collectives
        The same object on every call.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> collectives(org) is collectives(org)
    True
    """
    return Collectives(org.graph, org.nodes("forum"))
