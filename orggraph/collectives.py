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
        self._maybe: dict[str, list[str]] = {}
        self._collective_roles: list[tuple[str, str, str]] = []  # (forum, group, role) other than member
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

    def possible(self, node: str) -> list[str]:
        """The posts of a collective in some readings of the documents only (none of :meth:`members`), each once.

        A post is a member only in some readings when its place depends on
        candidate managers (``reports_to_one_of``): a ``candidate_member`` edge
        (a report in a per-holder series, :mod:`orggraph.series`; a post a
        group's rule selects through ``reporting_to`` in some readings only,
        :mod:`orggraph.graph`), or a possible member of a group the collective
        lists. Such places are correlated: the posts below one post with
        candidate managers join or leave a rule group together.

        Each route alone is exact (a post a rule or a series puts in some
        readings only). Routes are not combined: a post that one group holds
        in some readings and another group (or a series) in the others is in
        every reading, yet listed here, not among :meth:`members`; a figure
        built on it then gives a range that is wider than the readings', never
        one that misses a reading.

        Parameters
        ----------
        node : str
            The id of a forum, group, unit, post or person (a unit, post or person has none).

        Returns
        -------
        list of str
            Ids, in the order the graph lists the lines in; the list is shared, do not change it.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.loads('''
        ... organisation: {id: t, name: T}
        ... posts:
        ...   - {id: a, name: A, top: true}
        ...   - {id: b, name: B, top: true}
        ...   - {id: x, name: X, reports_to_one_of: [a, b]}
        ...   - {id: y, name: Y, reports_to: x}
        ... groups:
        ...   - {id: under-a, name: Under A, rule: {reporting_to: a}}
        ... forums:
        ...   - {id: f, name: F, members: [a, under-a]}
        ... ''')
        >>> index = Collectives(org.graph)
        >>> index.members("under-a"), index.possible("under-a"), index.members("f"), index.possible("f")
        ([], ['x', 'y'], ['a'], ['x', 'y'])
        """
        return self._expand_possible(node, ())

    def _expand_possible(self, node: str, stack: tuple[str, ...]) -> list[str]:
        cached = self._maybe.get(node)
        if cached is not None:
            return cached
        G = self._G
        if G.nodes[node]["kind"] in ("post", "person", "unit"):  # a unit's posts and nesting are documented
            return []
        result: dict[str, None] = {}
        if node not in stack:
            stack = (*stack, node)
            for member, _, key in G.in_edges(node, keys=True):
                if key == "candidate_member":
                    result.update(dict.fromkeys(self._expand(member, ())))
                    result.update(dict.fromkeys(self._expand_possible(member, stack)))
                elif key == "member_of" or key.startswith("member_of:"):
                    result.update(dict.fromkeys(self._expand_possible(member, stack)))
        certain: set[str] = set(self._expand(node, ())) if result else set()
        found = [post for post in result if post not in certain]
        self._maybe[node] = found
        return found

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
        nodes = G.nodes
        roles: dict[str, dict[str, list[str]]] = {}
        collective_roles: list[tuple[str, str, str]] = []
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
                if role != "member" and nodes[holder]["kind"] in ("group", "forum"):
                    collective_roles.append((forum, holder, role))
        self._roles = roles
        self._collective_roles = collective_roles
        return roles

    def possible_roles(self) -> dict[str, dict[str, list[str]]]:
        """Post -> forum -> the roles it holds there in some readings only, each ``"possible ..."``.

        A centre head whose director is one of three sits in one of three area
        meetings: in each only possibly (``candidate_member`` edges, :mod:`orggraph.series`).
        A post that a rule group selects in some readings only (:meth:`possible`)
        holds the group's roles (member, guest, chair, rotating chair, owner)
        possibly. A role the post holds for certain is not repeated.

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
            certain_roles = self.forum_roles()
            possible: dict[str, dict[str, list[str]]] = {}

            def add(post: str, forum: str, role: str) -> None:
                if role in certain_roles.get(post, {}).get(forum, ()):
                    return
                held = possible.setdefault(post, {}).setdefault(forum, [])
                if "possible " + role not in held:
                    held.append("possible " + role)

            for forum, posts in self.possible_members().items():
                for post in posts:
                    add(post, forum, "member")
            for forum, holder, role in self._collective_roles:  # guests, chairs and owners that are groups
                for post in self._expand_possible(holder, ()):
                    add(post, forum, role)
            self._possible = possible
        return self._possible

    def possible_members(self) -> dict[str, list[str]]:
        """Forum -> the posts that sit in it in some readings only (:meth:`possible` of each forum).

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
            found: dict[str, list[str]] = {}
            for forum in self._forum_ids():
                members = self.possible(forum)
                if members:
                    found[forum] = members
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
        for holder in self._chair_holders(forum):
            result.update(dict.fromkeys(self._expand(holder, ())))
        return list(result)

    def possible_chairs(self, forum: str) -> list[str]:
        """The posts that chair a forum in some readings only: of a group it names that has :meth:`possible` members.

        Parameters
        ----------
        forum : str
            A forum id.

        Returns
        -------
        list of str
            Post ids, none of :meth:`chairs`.

        Examples
        --------
        >>> import orggraph
        >>> Collectives(orggraph.example().graph).possible_chairs("all-hands")
        []
        """
        certain = set(self.chairs(forum))
        result: dict[str, None] = {}
        for holder in self._chair_holders(forum):
            result.update(dict.fromkeys(p for p in self._expand_possible(holder, ()) if p not in certain))
        return list(result)

    def rotates(self, forum: str) -> bool:
        """Whether a forum's chairs take turns: a chair line of it is marked ``rotating``.

        Parameters
        ----------
        forum : str
            A forum id.

        Returns
        -------
        bool
            True for a rotating chair.

        Examples
        --------
        >>> import orggraph
        >>> index = Collectives(orggraph.example().graph)
        >>> index.rotates("all-hands"), index.rotates("board")
        (True, False)
        """
        return any(
            key == "chairs" and data.get("rotating")
            for _, _, key, data in self._G.in_edges(forum, keys=True, data=True)
        )

    def _chair_holders(self, forum: str) -> list[str]:
        """The nodes a forum names as its chair, or as those who take turns (posts, groups, units)."""
        return [holder for holder, _, key in self._G.in_edges(forum, keys=True) if key == "chairs"]


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
