"""The reporting structure of an organisation, read from its graph once: the one index every analysis uses.

A post's line manager is documented in one of three ways (see :mod:`orggraph.graph`):

- a ``reports_to`` edge to a post: the manager;
- a ``reports_to`` edge to a unit or group (``body=True``): the source names
  only the body;
- ``candidate_manager`` edges to two or more posts: the manager is one of
  them, and the source does not say which.

:class:`Hierarchy` holds all three, and answers what is **certain** (true in
every reading of the documents: each post with candidates given any one of
them) apart from what is only **possible** (true in some reading). Metrics,
lint, pictures and exporters read it instead of walking the edges themselves;
:func:`hierarchy` makes it once per :class:`~orggraph.org.Org`.

Examples
--------
>>> import orggraph
>>> org = orggraph.loads('''
... organisation: {id: tiny, name: Tiny}
... posts:
...   - {id: boss, name: Boss, top: true}
...   - {id: a, name: Director A, reports_to: boss}
...   - {id: b, name: Director B, reports_to: boss}
...   - {id: head, name: Centre head, reports_to_one_of: [a, b]}
... ''')
>>> h = hierarchy(org)
>>> h.certain_superiors("head"), h.possible_superiors("head")
(['boss'], ['a', 'b', 'boss'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx

from orggraph.gc_pause import gc_paused
from orggraph.memo import per_org

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["Hierarchy", "hierarchy"]

_SECONDARY = frozenset({"dotted", "accountable_to", "advises", "candidate_manager"})


class Hierarchy:
    """Who reports to whom, documented and possible, for the posts of one graph.

    Build it with :meth:`of_graph` (or, for an Org, :func:`hierarchy`, which
    keeps one per organisation). Lists keep the graph's edge order, which is
    the data's order.

    Attributes
    ----------
    posts : list of str
        Every post, in the data's order.
    managers : dict of str to str
        Post to its documented line manager (a post, or a body when the source
        names only a body). A post with candidate managers, a root and a post
        marked ``manager_unknown`` are not keys.
    reports : dict of str to list of str
        A post or body to the posts it manages (the reverse of ``managers``).
    candidates : dict of str to tuple of str
        Post to its candidate managers: the manager is one of them, the source
        does not say which.
    candidate_reports : dict of str to list of str
        A post to the posts that may report to it (the reverse of ``candidates``).
    several : dict of str to list of str
        Posts with more than one ``reports_to`` edge (possible only in graphs
        built or edited by hand) to all of their managers; ``managers`` keeps the last.
    secondary : list of (str, str, str)
        The secondary lines (``dotted``, ``accountable_to``, ``advises``) and
        the ``candidate_manager`` lines as (post, to, kind), in the graph's edge order.

    Examples
    --------
    >>> import orggraph
    >>> h = Hierarchy.of_graph(orggraph.example().graph)
    >>> h.managers["cfo"], h.reports["ceo"], h.candidates
    ('ceo', ['assistant', 'cfo', 'coo'], {})
    """

    def __init__(
        self,
        posts: list[str],
        lines: Iterable[tuple[str, str]],
        candidate_lines: Iterable[tuple[str, str]],
        secondary: Iterable[tuple[str, str, str]] = (),
    ) -> None:
        lines = list(lines)
        managers = dict(lines)  # the last line of a post wins, at the place of its first
        several: dict[str, list[str]] = {}
        if len(managers) < len(lines):  # a post with several lines: keep them all
            every: dict[str, list[str]] = {}
            for post, manager in lines:
                every.setdefault(post, []).append(manager)
            several = {post: found for post, found in every.items() if len(found) > 1}
        self._fill(posts, managers, several, candidate_lines, secondary)

    def _fill(
        self,
        posts: list[str],
        managers: dict[str, str],
        several: dict[str, list[str]],
        candidate_lines: Iterable[tuple[str, str]],
        secondary: Iterable[tuple[str, str, str]],
    ) -> None:
        self.posts = posts
        self.secondary = list(secondary)
        self.managers = managers
        self.several = several
        candidates: dict[str, list[str]] = {}
        self.candidate_reports: dict[str, list[str]] = {}
        for post, candidate in candidate_lines:
            candidates.setdefault(post, []).append(candidate)
            self.candidate_reports.setdefault(candidate, []).append(post)
        self.candidates: dict[str, tuple[str, ...]] = {post: tuple(c) for post, c in candidates.items()}
        self._certain: dict[str, list[str]] = {}

    @cached_property
    def reports(self) -> dict[str, list[str]]:
        """A post or body to the posts it manages (the reverse of ``managers``), made on first use.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).reports["coo"]
        ['site-lead']
        """
        reports: dict[str, list[str]] = {}
        mine = reports.get
        with gc_paused():  # a list per manager: the collector would walk the whole graph again and again
            for post, manager in self.managers.items():
                listed = mine(manager)
                if listed is None:
                    reports[manager] = [post]
                else:
                    listed.append(post)
        return reports

    @classmethod
    def of_graph(cls, G: nx.MultiDiGraph, posts: list[str] | None = None) -> Hierarchy:
        """The reporting structure of a governance graph, in one pass over its edges.

        Parameters
        ----------
        G : networkx.MultiDiGraph
            A graph as :func:`orggraph.graph.build_graph` makes it.
        posts : list of str, optional
            Its posts in the graph's order, when known (an Org keeps them); found in the graph otherwise.

        Returns
        -------
        Hierarchy
            Its reporting structure.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).roots()
        ['chair']
        """
        with gc_paused():  # the collector would walk the whole graph again and again
            if posts is None:
                posts = [node for node, data in G.nodes(data=True) if data.get("kind") == "post"]
            managers: dict[str, str] = {}
            lines = 0
            candidate_lines: list[tuple[str, str]] = []
            secondary: list[tuple[str, str, str]] = []
            wanted = _SECONDARY.isdisjoint
            # the successors of each node, keyed by edge kind: the edges in G.edges order, without a tuple for
            # each; a post's lines are consecutive, so the last one wins at the place of the first, as in dict()
            for u, successors in G.adjacency():
                for v, keys in successors.items():
                    if "reports_to" in keys:
                        managers[u] = v
                        lines += 1
                        if len(keys) == 1:  # nothing else between the two: the usual case
                            continue
                    if not wanted(keys):
                        for key in keys:
                            if key in _SECONDARY:
                                secondary.append((u, v, key))
                                if key == "candidate_manager":
                                    candidate_lines.append((u, v))
            several: dict[str, list[str]] = {}
            if lines > len(managers):  # a post with several lines (a graph built by hand): keep them all
                for post in managers:
                    found = [v for v, keys in G.adj[post].items() if "reports_to" in keys]
                    if len(found) > 1:
                        several[post] = found
            index = cls.__new__(cls)
            index._fill(posts, managers, several, candidate_lines, secondary)
            return index

    @property
    def uncertain(self) -> bool:
        """Whether any post's manager is one of several candidates.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).uncertain
        False
        """
        return bool(self.candidates)

    def roots(self) -> list[str]:
        """Posts with neither a documented nor a candidate manager, in the data's order.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).roots()
        ['chair']
        """
        managers, candidates = self.managers, self.candidates
        return [p for p in self.posts if p not in managers and p not in candidates]

    def managers_of(self, post: str) -> tuple[str, ...]:
        """Every manager the post may have: its documented manager, or its candidates; empty for a root.

        Parameters
        ----------
        post : str
            A post id.

        Returns
        -------
        tuple of str
            One id when the manager is documented, the candidates otherwise.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).managers_of("cfo")
        ('ceo',)
        """
        manager = self.managers.get(post)
        return (manager,) if manager is not None else self.candidates.get(post, ())

    def chain(self, post: str, reading: Mapping[str, str] | None = None) -> list[str]:
        """The documented superiors of a post, nearest first; in one reading, given a choice of candidates.

        The chain stops at a root, at a body (the body is the last entry) and
        before a post whose manager is one of several candidates, unless
        ``reading`` names that post's manager.

        Parameters
        ----------
        post : str
            A post id.
        reading : mapping of str to str, optional
            One reading of the documents: the manager chosen for posts with
            candidate managers.

        Returns
        -------
        list of str
            Ids, nearest first; empty for a root.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).chain("accountant")
        ['cfo', 'ceo', 'chair']
        """
        chosen = reading or {}
        managers = self.managers
        chain: list[str] = []
        append = chain.append
        if not chosen:  # the usual case: a walk without a set of the posts seen
            step = managers.get
            current = step(post)
            # a chain without a repeat passes each post with a manager at most once: a longer one has a cycle
            for _ in range(len(managers)):
                if current is None:
                    return chain
                append(current)
                current = step(current)
            if current is None:
                return chain
            chain.clear()
        seen = {post}
        current = chosen.get(post) or managers.get(post)
        while current is not None and current not in seen:
            append(current)
            seen.add(current)
            current = chosen.get(current) or managers.get(current)
        return chain

    def certain_superiors(self, post: str) -> list[str]:
        """The superiors a post has in every reading of the documents, nearest first.

        Where the chain reaches a post with candidate managers, it goes on with
        the superiors common to all candidates (a candidate itself counts when
        it is above every other candidate).

        Parameters
        ----------
        post : str
            A post id.

        Returns
        -------
        list of str
            Ids, nearest first; the documented chain when no candidates are on the way.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).certain_superiors("technician")
        ['site-lead', 'coo', 'ceo', 'chair']
        """
        return self._certain_from(post, frozenset())

    def _certain_from(self, post: str, visiting: frozenset[str]) -> list[str]:
        chain = self.chain(post)
        last = chain[-1] if chain else post
        if last not in self.candidates or last in visiting:
            return chain
        cached = self._certain.get(last)
        if cached is None:
            visiting = visiting | {last}
            options = [[c, *self._certain_from(c, visiting)] for c in self.candidates[last]]
            common = set(options[0]).intersection(*options[1:])
            cached = [node for node in options[0] if node in common]
            self._certain[last] = cached
        known = {*chain, post}  # a set: a list here costs the chain's length for each superior above it
        return [*chain, *(node for node in cached if node not in known)]

    def possible_superiors(self, post: str) -> list[str]:
        """Every post or body above a post in some reading of the documents, nearest first.

        Parameters
        ----------
        post : str
            A post id.

        Returns
        -------
        list of str
            Ids in order of distance (then the data's order); the documented
            chain when no candidates are on the way.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).possible_superiors("technician")
        ['site-lead', 'coo', 'ceo', 'chair']
        """
        found: dict[str, None] = {}
        frontier = [post]
        while frontier:
            following: list[str] = []
            for node in frontier:
                for above in self.managers_of(node):
                    if above not in found and above != post:
                        found[above] = None
                        following.append(above)
            frontier = following
        return list(found)

    def possible_reports(self, node: str) -> list[str]:
        """Posts that report to ``node`` in some reading: its documented reports, then its candidate reports.

        Parameters
        ----------
        node : str
            A post or body id.

        Returns
        -------
        list of str
            Post ids.

        Examples
        --------
        >>> import orggraph
        >>> Hierarchy.of_graph(orggraph.example().graph).possible_reports("cfo")
        ['accountant']
        """
        return [*self.reports.get(node, ()), *self.candidate_reports.get(node, ())]

    def possible_subordinates(self, node: str) -> set[str]:
        """Every post below ``node`` in some reading of the documents (``node`` in its :meth:`possible_superiors`).

        One walk down the documented and candidate reports: linear in what it
        finds, for a question asked once of one post (a group rule's
        ``reporting_to``) rather than of every post below it.

        Parameters
        ----------
        node : str
            A post or body id.

        Returns
        -------
        set of str
            Post ids; those with ``node`` in their :meth:`certain_superiors` among them.

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
        ... ''')
        >>> sorted(hierarchy(org).possible_subordinates("a"))
        ['x', 'y']
        """
        found: set[str] = set()
        frontier = [node]
        while frontier:
            following: list[str] = []
            for above in frontier:
                for below in self.possible_reports(above):
                    if below not in found and below != node:
                        found.add(below)
                        following.append(below)
            frontier = following
        return found


@per_org
def hierarchy(org: Org) -> Hierarchy:
    """The :class:`Hierarchy` of an organisation, made once per :class:`~orggraph.org.Org`.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    Hierarchy
        Its reporting structure; the same object on every call.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> hierarchy(org) is hierarchy(org)
    True
    """
    return Hierarchy.of_graph(org.graph, org.nodes("post"))
