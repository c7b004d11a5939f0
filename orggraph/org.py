"""The :class:`Org` facade: one organisation, its graph, and the questions analysts ask.

``Org`` is immutable. It holds the validated :class:`~orggraph.schema.Document`
and the frozen graph built from it (:mod:`orggraph.graph`); lookup indexes are
derived from the graph once, when first needed. The logic of each question
lives in a module of its own; the methods here are the tab-completable front.

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> org
<Org 'Acme Åkande': 8 posts (14 people), 4 units, 3 forums, 3 topics>
>>> org.chain_of_command("technician")
['site-lead', 'coo', 'ceo', 'chair']
"""

from __future__ import annotations

import html
import os
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, overload

import networkx as nx

from orggraph import headcount as people_counts
from orggraph.checks import check_document, format_path
from orggraph.citations import format_citation
from orggraph.collectives import collectives
from orggraph.errors import OrgDataError, Problem, RenderError, UnknownNodeError
from orggraph.graph import NODE_KINDS, build_graph
from orggraph.hierarchy import hierarchy
from orggraph.hints import suggest_named
from orggraph.items import ItemData, document_data, document_of
from orggraph.load_graph import parse_graph, read_graph
from orggraph.loading import document_from_dict
from orggraph.schema import Citation, Document, Organisation
from orggraph.text import fold, format_number

if TYPE_CHECKING:
    import datetime

    import pandas as pd

    from orggraph.changes import Diff
    from orggraph.decisions import Decision, DecisionIssue, Subject, Value
    from orggraph.importers.report import Repair
    from orggraph.lint import Findings
    from orggraph.metrics import MetricsSummary
    from orggraph.render.chart import ChartPicture
    from orggraph.render.forums import ForumPicture
    from orggraph.render.html import HtmlChart
    from orggraph.render.layout import Direction
    from orggraph.render.tree import Highlight
    from orggraph.render.wheel import ColourBy, WheelPicture
    from orggraph.scenario import Edit
    from orggraph.search import SearchIndex
    from orggraph.structure import PathStep

__all__ = ["Org", "example", "from_dict", "load", "loads"]

_COLLECTIVE_KINDS = frozenset({"group", "forum", "unit"})


def _no_document() -> Document | None:
    return None


class Org:
    """An organisation: its governance graph and the queries on it.

    Build one with :func:`orggraph.load`, :func:`orggraph.loads`,
    :func:`orggraph.from_dict` or an importer; ``Org(document)`` works too.

    Parameters
    ----------
    document : Document
        A validated document. ``Org(document)`` runs the cross-reference
        checks of :mod:`orggraph.checks` (ids unique, references known, no
        cycles), so a document built with ``Document.model_validate`` cannot
        give a broken organisation; the loaders have checked already and
        skip them.
    import_report : iterable, optional
        What an importer did to the source (see :mod:`orggraph.importers`).

    Raises
    ------
    OrgDataError
        When the checks find problems, all of them, by path.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> org.name("cfo"), org.manager("cfo"), org.direct_reports("ceo")
    ('Finance Director', 'ceo', ['assistant', 'cfo', 'coo'])
    """

    def __init__(self, document: Document, *, import_report: Iterable[Repair] = ()) -> None:
        problems = check_document(document)
        if problems:
            raise OrgDataError(
                [Problem("<document>", 0, 0, format_path(p.path), p.message, p.suggestion) for p in problems]
            )
        self._setup(document, import_report)

    @classmethod
    def _checked(cls, document: Document, import_report: Iterable[Repair] = ()) -> Org:
        """An organisation of a document that has passed :func:`orggraph.checks.check_document` already."""
        org = cls.__new__(cls)
        org._setup(document, import_report)
        return org

    def _setup(self, document: Document, import_report: Iterable[Repair]) -> None:
        self._setup_graph(build_graph(document), import_report)

    @classmethod
    def _of_graph(cls, G: nx.MultiDiGraph, import_report: Iterable[Repair] = ()) -> Org:
        """An organisation of a graph that :func:`orggraph.graph.build_graph` would build from a checked document."""
        org = cls.__new__(cls)
        org._setup_graph(G, import_report)
        return org

    def _setup_graph(self, G: nx.MultiDiGraph, import_report: Iterable[Repair]) -> None:
        self._graph = nx.freeze(G)
        self._document_ref: Callable[[], Document | None] = _no_document
        self.import_report: list[Repair] = list(import_report)

    def __getstate__(self) -> dict[str, Any]:
        """What pickling keeps: the graph and the import report (the document is made again from the graph)."""
        return {"_graph": self._graph, "import_report": self.import_report}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._graph = state["_graph"]
        self.import_report = state["import_report"]
        self._document_ref = _no_document

    # -- identity ---------------------------------------------------------------------------------

    @property
    def document(self) -> Document:
        """The validated document the organisation was built from, read back from the graph.

        The graph is the one store of the organisation (:mod:`orggraph.items`):
        the document is made again when asked for, and kept only while the
        caller keeps it.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().document.posts[0].name
        'Chair of the Board'
        """
        document = self._document_ref()
        if document is None:
            document = document_of(self._graph)
            self._document_ref = weakref.ref(document)
        return document

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The governance graph (frozen: copy it with ``nx.MultiDiGraph(org.graph)`` to edit).

        Node and edge kinds are documented in :mod:`orggraph.graph`.

        Examples
        --------
        >>> import orggraph
        >>> G = orggraph.example().graph
        >>> G.nodes["board"]["kind"], G.edges["cfo", "ceo", "reports_to"]["kind"]
        ('forum', 'reports_to')
        """
        return self._graph

    @property
    def title(self) -> str:
        """The organisation's name.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().title
        'Acme Åkande'
        """
        organisation: Organisation = self._graph.graph["organisation"]
        return organisation.name

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Org):
            return NotImplemented
        return self is other or self.document == other.document

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = self._counts()
        people = self._people_text()
        persons = f", {counts['person']} persons, {counts['group']} groups" if counts["person"] else ""
        return (
            f"<Org {self.title!r}: {counts['post']} posts ({people}){persons}, {counts['unit']} units, "
            f"{counts['forum']} forums, {counts['topic']} topics>"
        )

    def _counts(self) -> dict[str, int]:
        counts = dict.fromkeys(NODE_KINDS, 0)
        for _, kind in self._graph.nodes(data="kind"):
            counts[kind] += 1
        return counts

    def _people_text(self, members: Iterable[str] | None = None) -> str:
        """'14 people', '4 people + 1 post of unknown size', or '66 973.84 FTE' (an FTE-counted org)."""
        from orggraph.staff import counts_in_fte

        total, unknown = 0.0, 0
        nodes = self._graph.nodes
        for node in self.nodes("post") if members is None else members:
            attrs = nodes[node]
            count = attrs.get("headcount", 1) if attrs["kind"] == "post" else self.headcount(node)
            if count is None or count == "unknown":
                unknown += 1
            else:
                total += count
        text = f"{format_number(total)} {'FTE' if counts_in_fte(self) else 'people'}"
        return text + (f" + {unknown} post{'s' if unknown != 1 else ''} of unknown size" if unknown else "")

    def _repr_html_(self) -> str:
        counts = self._counts()
        rows = "".join(
            f"<tr><td>{kind}s</td><td style='text-align:right'>{n}</td></tr>" for kind, n in counts.items() if n
        )
        tops, unplaced = self._tops()
        top_text = ", ".join(html.escape(self.name(p)) for p in tops) or "none"
        unplaced_text = ", ".join(html.escape(self.name(p)) for p in unplaced)
        return (
            f"<div><strong>{html.escape(self.title)}</strong> ({html.escape(self._people_text())})"
            f"<table>{rows}</table><p>Top of the reporting structure: {top_text}</p>"
            + (f"<p>Manager not documented: {unplaced_text}</p>" if unplaced else "")
            + "</div>"
        )

    def summary(self) -> str:
        """A plain-text summary: counts, the top of the structure, forums and their cadence.

        Examples
        --------
        >>> import orggraph
        >>> print(orggraph.example().summary())  # doctest: +ELLIPSIS
        Acme Åkande
          8 posts (14 people), 4 units, 1 groups, 3 forums, 3 topics, 2 decision rules
          top: Chair of the Board
        ...
        """
        counts = self._counts()
        tops, unplaced = self._tops()
        lines = [
            self.title,
            f"  {counts['post']} posts ({self._people_text()}), {counts['unit']} units, {counts['group']} groups, "
            f"{counts['forum']} forums, {counts['topic']} topics, {counts['rule']} decision rules",
            "  top: " + (", ".join(self.name(p) for p in tops) or "none"),
        ]
        if unplaced:
            lines.append("  manager not documented: " + ", ".join(self.name(p) for p in unplaced))
        lines.append("  forums:")
        for forum in self.nodes("forum"):
            lines.append(f"    {self.name(forum)}: {people_counts.forum_people_text(self, forum)}")
        return "\n".join(lines)

    # -- nodes and names --------------------------------------------------------------------------

    def nodes(self, kind: str | None = None) -> list[str]:
        """Node ids, in the data's order, optionally of one kind.

        Parameters
        ----------
        kind : str, optional
            Keep only nodes of this kind (post, unit, group, forum, topic, ...; see
            :data:`orggraph.schema.NODE_KINDS`). All nodes by default.

        Returns
        -------
        list of str
            The ids, in the data's order; empty when no node is of ``kind``.

        Raises
        ------
        UnknownNodeError
            If ``kind`` is not a node kind (the message lists them).

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().nodes("forum")
        ['board', 'all-hands', 'ops-huddle']
        """
        if kind is None:
            return list(self._graph)
        if kind not in NODE_KINDS:
            raise UnknownNodeError(f"unknown node kind {kind!r}; valid kinds: {', '.join(NODE_KINDS)}")
        return self._by_kind.get(kind, [])

    @cached_property
    def _by_kind(self) -> dict[str, list[str]]:
        by_kind: dict[str, list[str]] = {}
        for node, kind in self._graph.nodes(data="kind"):
            by_kind.setdefault(kind, []).append(node)
        return by_kind

    def kind(self, node: str) -> str:
        """The kind of a node (post, unit, group, forum, topic, ...).

        Parameters
        ----------
        node : str
            A node id.

        Returns
        -------
        str
            The node's kind.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().kind("management")
        'group'
        """
        return str(self._node(node)["kind"])

    def name(self, node: str) -> str:
        """The display name of a node.

        Parameters
        ----------
        node : str
            A node id.

        Returns
        -------
        str
            The node's name as the data gives it.

        Raises
        ------
        UnknownNodeError
            If ``node`` is not an id in the organisation (with close matches).

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().name("ceo")
        'Chief Executive'
        """
        return str(self._node(node)["name"])

    def source(self, node: str) -> Citation | None:
        """The citation of a node, or None.

        Parameters
        ----------
        node : str
            A node id.

        Returns
        -------
        Citation or None
            The citation (``.quote``, ``.source``, ...); None when the data gives none.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().source("ceo").quote
        'The Chief Executive answers to the Chair.'
        """
        citation: Citation | None = self._node(node).get("source")
        return citation

    def cite(self, node_or_citation: str | Citation | None) -> str:
        """A node's (or a citation's) source as one line of text.

        Parameters
        ----------
        node_or_citation : str, Citation or None
            A node id (its citation is used), a citation, or None (no source).

        Returns
        -------
        str
            The source's title and section, and the quote; ``"no source"``
            when there is none.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().cite("board")
        "Acme staff handbook, 2. Meetings: 'The management team meets every second week for ninety minutes.'"
        """
        citation = self.source(node_or_citation) if isinstance(node_or_citation, str) else node_or_citation
        return format_citation(citation, self._graph.graph["sources"])

    def headcount(self, node: str) -> float | None:
        """People a post stands for (None when unknown); for a collective, the sum over its members.

        A collective whose members give no number falls back on a count the
        file declares (``declared_counts``, e.g. "ca. 130"); a forum whose
        members depend on candidate managers has no single number (None).
        :meth:`headcount_detail` says which, with the range.

        Parameters
        ----------
        node : str
            A post id, or the id of a collective (unit, group, forum) to sum over.

        Returns
        -------
        float or None
            People (or FTE) of the post or the collective; None when a head count
            is unknown.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> org.headcount("technician"), org.headcount("operations")
        (4, 7)
        """
        attrs = self._node(node)
        if attrs["kind"] == "person":
            return 1
        if attrs["kind"] == "post":
            count = attrs.get("headcount", 1)
            return None if count == "unknown" else count
        return people_counts.headcount_detail(self, node).value

    def headcount_detail(self, node: str) -> people_counts.HeadCount:
        """People a node stands for, with a range and the number's source.

        See :func:`orggraph.headcount.headcount_detail`.

        Parameters
        ----------
        node : str
            A post, unit, group, forum or person id.

        Returns
        -------
        HeadCount
            ``value`` (None when not exact), ``low``, ``high``, ``approx``, ``source`` and ``why``.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().headcount_detail("board").value
        3
        """
        return people_counts.headcount_detail(self, node)

    def _node(self, node: str) -> dict[str, Any]:
        try:
            attrs: dict[str, Any] = self._graph.nodes[node]
        except (KeyError, TypeError):
            raise self._unknown(node) from None
        return attrs

    def _unknown(self, node: object, kinds: Iterable[str] = ()) -> UnknownNodeError:
        wanted = set(kinds)
        ids = [n for n, k in self._graph.nodes(data="kind") if not wanted or k in wanted]
        what = "/".join(sorted(wanted)) if wanted else "node"
        nodes = self._graph.nodes
        hint = suggest_named(str(node), [(n, nodes[n].get("name"), nodes[n].get("aliases") or ()) for n in ids])
        by_text = [n for n in self.find(str(node)) if not wanted or self._graph.nodes[n]["kind"] in wanted][:5]
        if hint is None and by_text:
            hint = "did you mean " + " or ".join(repr(n) for n in by_text) + "?"
        message = f"unknown {what} {node!r} in {self.title!r}" + (f" ({hint})" if hint else "")
        return UnknownNodeError(message, candidates=by_text)

    def _check(self, node: str, *kinds: str) -> str:
        attrs = self._graph.nodes.get(node) if isinstance(node, str) else None
        if attrs is None or (kinds and attrs["kind"] not in kinds):
            raise self._unknown(node, kinds)
        return node

    # -- search -----------------------------------------------------------------------------------

    @cached_property
    def _search_index(self) -> SearchIndex:
        from orggraph.search import SearchIndex  # numpy is imported with the first search, not with orggraph

        return SearchIndex(self._graph)

    def find(self, text: str, *, kind: str | None = None) -> list[str]:
        """Ids of nodes whose id, name or alias matches ``text``; exact matches first.

        Matching ignores case, accents and the Danish spelling variants (ø = o = oe,
        æ = ae, å = a = aa), so ``"direktoer"`` finds ``Direktør``. After the exact
        matches come names that start with the text, then names that contain it.

        Parameters
        ----------
        text : str
            What to look for.
        kind : str, optional
            Only nodes of this kind (post, unit, group, forum, topic, ...).

        Returns
        -------
        list of str
            Node ids, best matches first; empty when nothing matches.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> org.find("director")
        ['cfo', 'coo']
        >>> org.find("administrerende direktor")
        ['ceo']
        >>> org.find("acme", kind="forum")
        []
        """
        from orggraph import search

        return search.find(self, text, kind=kind)

    def resolve(self, text: str, *, kind: str | None = None) -> str:
        """The one node an id or a search text names.

        Parameters
        ----------
        text : str
            An id, or a search text such as a name or title (see :meth:`find`).
        kind : str, optional
            Look only among nodes of this kind (post, unit, forum, topic, ...).

        Returns
        -------
        str
            The node's id.

        Raises
        ------
        UnknownNodeError
            If nothing matches, or several nodes match equally well (the
            error lists them in ``.candidates``).

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().resolve("Recruitment", kind="topic")
        'hiring'
        """
        attrs = self._graph.nodes.get(text) if isinstance(text, str) else None
        if attrs is not None and (kind is None or attrs["kind"] == kind):
            return text
        nodes = self._graph.nodes
        hits = self._search_index.exactly(fold(text), kind)
        if not hits:
            hits = self.find(text, kind=kind)
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise self._unknown(text, [kind] if kind else [])
        names = ", ".join(f"{h!r} ({nodes[h]['name']})" for h in hits[:10])
        raise UnknownNodeError(f"{text!r} is ambiguous: it matches {names}", candidates=hits)

    # -- reporting lines --------------------------------------------------------------------------

    def manager(self, post: str) -> str | None:
        """The documented line manager of a post: a post id, a body id, or None.

        When the source names only a body as the manager (e.g. "the direktion"),
        the answer is that body's id. None for a root, for a post marked
        ``manager_unknown``, and for a post whose manager is one of several
        candidates (see :meth:`candidate_managers`).

        Parameters
        ----------
        post : str
            A post id.

        Returns
        -------
        str or None
            The manager's id (a post or a body); None when no manager is documented.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> org.manager("cfo"), org.manager("chair")
        ('ceo', None)
        """
        self._check(post, "post")
        return hierarchy(self).managers.get(post)

    def candidate_managers(self, post: str) -> list[str]:
        """The posts one of which is the post's line manager, when the source does not say which.

        See :class:`orggraph.hierarchy.Hierarchy`.

        Parameters
        ----------
        post : str
            A post id.

        Returns
        -------
        list of str
            The candidates (``reports_to_one_of``); empty when the manager is
            documented, or the post is a root.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().candidate_managers("cfo")
        []
        """
        self._check(post, "post")
        return list(hierarchy(self).candidates.get(post, ()))

    def direct_reports(self, node: str, *, possible: bool = False) -> list[str]:
        """Posts whose line manager is ``node`` (a post, or a body managing posts).

        Parameters
        ----------
        node : str
            A post id, or the id of a body that manages posts.
        possible : bool, default False
            Also the posts that may report to ``node``: those that name it
            among their candidate managers (after the documented reports).

        Returns
        -------
        list of str
            Post ids, in the data's order.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().direct_reports("cfo")
        ['accountant']
        """
        self._check(node, "post", "unit", "group")
        index = hierarchy(self)
        return index.possible_reports(node) if possible else list(index.reports.get(node, ()))

    def chain_of_command(self, post: str, *, possible: bool = False) -> list[str]:
        """The superiors of a post, nearest first, up to a root.

        The chain stops at a body when the source names only a body as the
        manager (the body is the last entry). Where a post on the way has
        candidate managers, the chain holds only the superiors the post has
        whichever candidate is the manager: those common to all of them.

        Parameters
        ----------
        post : str
            A post id.
        possible : bool, default False
            Every superior the post has in some reading of the documents
            instead: each candidate manager and everything above it.

        Returns
        -------
        list of str
            The superiors' ids, nearest first; empty for a root.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().chain_of_command("accountant")
        ['cfo', 'ceo', 'chair']
        """
        self._check(post, "post")
        index = hierarchy(self)
        return index.possible_superiors(post) if possible else index.certain_superiors(post)

    def _tops(self) -> tuple[list[str], list[str]]:
        """Roots split into tops and posts whose manager the source leaves undocumented."""
        nodes = self._graph.nodes
        roots = self.roots()
        unplaced = [p for p in roots if nodes[p].get("manager_unknown")]
        return [p for p in roots if p not in unplaced], unplaced

    def roots(self) -> list[str]:
        """Posts with no line manager, documented or candidate (the tops of the reporting structure).

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().roots()
        ['chair']
        """
        return hierarchy(self).roots()

    # -- collectives and forums -------------------------------------------------------------------

    def members(self, collective: str) -> list[str]:
        """The posts of a forum, group or unit, with groups and units expanded.

        A group lists posts, groups or units, and may add posts by rule; a
        unit's posts are those in it and in the units below it; a forum's
        members are expanded the same way (guests are not members).

        Parameters
        ----------
        collective : str
            The id of a forum, group or unit.

        Returns
        -------
        list of str
            The posts' ids, each once.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> org.members("management")
        ['ceo', 'cfo', 'coo']
        >>> org.members("board")
        ['ceo', 'cfo', 'coo']
        """
        self._check(collective, *_COLLECTIVE_KINDS)
        return list(collectives(self).members(collective))

    def possible_members(self, collective: str) -> list[str]:
        """The posts of a forum, group or unit in some readings of the documents only (none of :meth:`members`).

        A group whose rule has ``reporting_to`` selects a post below it in some
        readings of the candidate managers (``reports_to_one_of``) only: the
        post is a possible member of the group and of what lists the group. So
        is a report in a per-holder series through a candidate manager. Each
        post listed is a member in some reading; one that two such routes
        together hold in every reading is still listed here (routes are not
        combined). See :meth:`orggraph.collectives.Collectives.possible`.

        Parameters
        ----------
        collective : str
            The id of a forum, group or unit (a unit has none).

        Returns
        -------
        list of str
            The posts' ids, each once.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.loads('''
        ... organisation: {id: t, name: T}
        ... posts:
        ...   - {id: a, name: A, top: true}
        ...   - {id: b, name: B, top: true}
        ...   - {id: x, name: X, reports_to_one_of: [a, b]}
        ... groups: [{id: under-a, name: Under A, rule: {reporting_to: a}}]
        ... ''')
        >>> org.members("under-a"), org.possible_members("under-a")
        ([], ['x'])
        """
        self._check(collective, *_COLLECTIVE_KINDS)
        return list(collectives(self).possible(collective))

    def forums_of(self, post: str, *, possible: bool = False) -> list[str]:
        """The forums a post takes part in.

        A post takes part as a member (directly or through a group or unit),
        a guest, the chair (fixed or rotating) or the owner.

        Parameters
        ----------
        post : str
            A post id.
        possible : bool, default False
            Also the forums it takes part in in some readings only (a per-holder
            series through its candidate managers; a group's forums when the
            group's rule selects it through ``reporting_to`` in some readings
            only), after the others.

        Returns
        -------
        list of str
            Forum ids, in the data's order.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> org.forums_of("cfo")
        ['board', 'all-hands']
        >>> org.forums_of("chair")
        ['board']
        """
        return list(self.forum_roles(post, possible=possible))

    def forum_roles(self, post: str, *, possible: bool = False) -> dict[str, list[str]]:
        """The forums of a post with its roles in each (member, guest, chair, rotating chair, owner).

        Parameters
        ----------
        post : str
            A post id.
        possible : bool, default False
            Also the roles it holds in some readings only, each ``"possible ..."``
            after the others: a per-holder series it sits in through a candidate
            manager, or a group's places when the group's rule selects it
            through ``reporting_to`` in some readings only.

        Returns
        -------
        dict of str to list of str
            Forum id to the post's roles in it.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().forum_roles("ceo")
        {'board': ['member', 'chair', 'owner'], 'all-hands': ['member', 'rotating chair']}
        """
        self._check(post, "post")
        index = collectives(self)
        roles = {forum: list(held) for forum, held in index.forum_roles().get(post, {}).items()}
        if possible:
            for forum, held in index.possible_roles().get(post, {}).items():
                roles.setdefault(forum, []).extend(held)
        return roles

    def chairs(self, forum: str) -> list[str]:
        """The posts that chair a forum: one, or all who take turns.

        Parameters
        ----------
        forum : str
            A forum id.

        Returns
        -------
        list of str
            Post ids: one fixed chair, or everyone who takes turns.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> org.chairs("board"), org.chairs("all-hands"), org.chairs("ops-huddle")
        (['ceo'], ['ceo', 'cfo', 'coo'], [])
        """
        self._check(forum, "forum")
        return collectives(self).chairs(forum)

    # -- decision rights and structure queries (orggraph.decisions, orggraph.structure) ------------

    def who_decides(
        self,
        topic: str,
        subject: str | Subject | Mapping[str, Value] | None = None,
        **attributes: Value,
    ) -> Decision:
        """Who decides a topic for a subject, with the rule, its sources and the derivation.

        Rules relative to the structure ("the subject's manager hires", "approved
        one management level up") are evaluated for ``subject``; conditions on
        the subject (a project's duration) read its attributes, which keyword
        arguments give or override. Without a rule that applies, the holders of
        the ``decides`` role decide. See :func:`orggraph.decisions.who_decides`.

        Parameters
        ----------
        topic : str
            A topic id, or a text that names one topic.
        subject : str, Subject or mapping, optional
            The post the decision is about (id or text), attributes of a
            hypothetical subject, or a :class:`~orggraph.decisions.Subject`.
        **attributes : str, int, float, bool or None
            Subject attributes, e.g. ``duration_years=2``.

        Returns
        -------
        Decision
            ``.deciders``, ``.approvers``, ``.rule``, ``.sources``, ``.derivation``, ...

        Raises
        ------
        UnknownNodeError
            If ``topic`` names no topic, or several (a ``LookupError`` with ``.candidates``).
        SubjectError
            If a rule needs a subject or a subject attribute that was not given.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> decision = org.who_decides("dismissal", "technician")
        >>> decision.deciders, decision.approvers
        (['site-lead'], ['coo'])
        >>> for source in decision.sources:
        ...     print(source)
        Acme staff handbook, 3. Who decides: 'A dismissal is approved one level up.'
        Acme staff handbook, 1. Structure
        """
        from orggraph import decisions

        return decisions.who_decides(self, topic, subject, **attributes)

    def who(self, topic: str, role: str = "responsible", *, expand: bool = False) -> list[str]:
        """The holders of a role on a topic: decides, responsible, prepares, qualifies, implements, consulted, informed.

        Holders are posts, groups, units or forums as the data assigns them;
        ``expand=True`` replaces collectives by their posts. See
        :func:`orggraph.decisions.who`.

        Parameters
        ----------
        topic : str
            A topic id, or a text that names one topic.
        role : str, default "responsible"
            One of :data:`orggraph.schema.ROLES`: decides, responsible, prepares,
            qualifies, implements, consulted, informed.
        expand : bool, default False
            Replace groups, units and forums by their posts (see :meth:`members`).

        Returns
        -------
        list of str
            The holders' ids (posts, or collectives unless ``expand``).

        Raises
        ------
        QueryError
            If ``role`` is not a role (a ``ValueError`` listing the roles).

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> org.who("budget"), org.who("budget", "informed"), org.who("budget", "decides", expand=True)
        (['cfo'], ['all-hands'], ['chair'])
        """
        from orggraph import decisions

        return decisions.who(self, topic, role, expand=expand)

    def responsibilities(self, post: str) -> pd.DataFrame:
        """The topics a post holds a role on, directly or through its groups, units and forums.

        One row per role, indexed by the topic's id (``topic``): ``topic_name``, ``role`` (a role, or how a
        decision rule names the post), ``holder`` (the post or the collective
        holding the role), ``via`` ("direct", or the collectives from the post
        up to the holder), ``rule`` (the rule's id when a rule names the holder)
        and ``source``. :func:`orggraph.decisions.responsibilities` gives the
        same as records.

        Parameters
        ----------
        post : str
            A post id, or a text that names one post.

        Returns
        -------
        pandas.DataFrame
            One row per role the post holds, as described above.

        Examples
        --------
        >>> import orggraph
        >>> table = orggraph.example().responsibilities("coo")
        >>> table[["role", "via"]]
                     role                                        via
        topic
        budget  qualifies   via Management Team → Management Meeting
        budget   informed  via Operations → Headquarters → All-hands
        """
        import pandas as pd

        from orggraph import decisions

        rows = [
            {
                "topic": r.topic,
                "topic_name": self.name(r.topic),
                "role": r.role,
                "holder": r.holder,
                "via": "via " + " → ".join(self.name(v) for v in r.via) if r.via else "direct",
                "rule": r.rule,
                "source": self.cite(r.source) if r.source is not None else None,
            }
            for r in decisions.responsibilities(self, post)
        ]
        columns = ["topic", "topic_name", "role", "holder", "via", "rule", "source"]
        return pd.DataFrame(rows, columns=columns).set_index("topic")

    def decision_issues(self) -> list[DecisionIssue]:
        """Problems in decision rights (no decider, several, outside the forum, ...): the same as lint's OG101-OG105.

        See :func:`orggraph.decisions.decision_issues` for the checks.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().decision_issues()
        []
        """
        from orggraph import decisions

        return decisions.decision_issues(self)

    def common_superior(self, a: str, b: str) -> str | None:
        """The lowest common superior of two posts (one of them if it is above the other); None if none.

        Parameters
        ----------
        a, b : str
            Post ids.

        Returns
        -------
        str or None
            The superior's id; None when the posts share no superior.

        Raises
        ------
        NotDocumentedError
            When the answer depends on which candidate manager is the manager
            (see :func:`orggraph.structure.common_superior`).

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().common_superior("accountant", "technician")
        'ceo'
        """
        from orggraph import structure

        return structure.common_superior(self, a, b)

    def escalation_path(self, post: str, topic: str) -> list[str]:
        """From a post up the chain until someone holds the decides right on a topic (or the chain ends).

        See :func:`orggraph.structure.escalation_path`.

        Parameters
        ----------
        post : str
            Where the matter starts: a post id or a text that names one post.
        topic : str
            A topic id or a text that names one topic.

        Returns
        -------
        list of str
            Post ids from ``post`` up to the first one holding the decides right
            (or to the end of the chain).

        Raises
        ------
        NotDocumentedError
            When the path depends on which candidate manager is the manager.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().escalation_path("technician", "budget")
        ['technician', 'site-lead', 'coo', 'ceo', 'chair']
        """
        from orggraph import structure

        return structure.escalation_path(self, post, topic)

    def path(self, a: str, b: str) -> list[PathStep] | None:
        """The shortest way between two posts (or forums) through reporting lines and shared forums.

        Each step says how it was reached (``manager``, ``report``, ``forum``,
        ``participant``, ...); None when not connected. A step along a line the
        documents leave open (a candidate manager) has ``certain`` False and
        ``via`` ``"candidate manager"`` or ``"candidate report"``; a path of
        documented steps is taken when one is as short. See
        :func:`orggraph.structure.path`.

        Parameters
        ----------
        a, b : str
            Post (or forum) ids: where the way starts and where it ends.

        Returns
        -------
        list of PathStep or None
            The steps from ``a`` to ``b`` (``.node``, ``.via``, ``.certain``); None
            when not connected.

        Examples
        --------
        >>> import orggraph
        >>> [(s.node, s.via) for s in orggraph.example().path("accountant", "coo")]
        [('accountant', 'start'), ('all-hands', 'forum'), ('coo', 'participant')]
        """
        from orggraph import structure

        return structure.path(self, a, b, graph=self._reach_graph)

    @cached_property
    def _reach_graph(self) -> nx.Graph:
        from orggraph import structure

        return structure.reach_graph(self)

    # -- metrics (orggraph.metrics, orggraph.meetings, orggraph.network) -------------------------

    def span_of_control(self) -> pd.DataFrame:
        """Direct and total spans of control of every post, in people and in posts.

        Staff posts are kept out of spans (flagged); people-weighted figures are
        NaN where a head count is unknown. See :func:`orggraph.metrics.span_of_control`.

        Returns
        -------
        pandas.DataFrame
            Indexed by post id: ``name``, ``headcount``, ``staff``, ``direct``,
            ``direct_posts``, ``total``, ``total_posts``, ``span`` (per holder),
            ``staff_reports``, ``manager``, ``manages``, ``single_report``.

        Raises
        ------
        OrgDataError
            If the reporting lines contain a cycle.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().span_of_control().loc[["ceo", "cfo"], ["direct", "total", "manages"]]
              direct  total                  manages
        post
        ceo        2     11                 managers
        cfo        3      3  individual contributors
        """
        from orggraph import metrics

        return metrics.span_of_control(self)

    def span_bins(self, *, edges: Iterable[float] = (1, 2, 4, 8, 13, 17)) -> pd.DataFrame:
        """How many managers have a span in each bin, and their share of all managers.

        See :func:`orggraph.metrics.span_bins`.

        Parameters
        ----------
        edges : sequence of float, default (1, 2, 4, 8, 13, 17)
            Lower edges of the bins (1 / 2-3 / 4-7 / 8-12 / 13-16 / 17+).

        Returns
        -------
        pandas.DataFrame
            Indexed by bin label: ``posts``, ``managers`` (people), ``share``.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().span_bins(edges=[1, 3])
             posts  managers  share
        bin
        1-2      4         5  83.3%
        3+       1         1  16.7%
        """
        from orggraph import metrics

        return metrics.span_bins(self, edges=list(edges))

    def layers(self) -> pd.DataFrame:
        """The layer of every post (0 = top); below a body, one layer under its deepest member.

        See :func:`orggraph.metrics.layers`.

        Returns
        -------
        pandas.DataFrame
            Indexed by post id: ``name``, ``layer``, ``headcount``, ``below_body``.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().layers().loc[["chair", "ceo", "technician"], "layer"].tolist()
        [0, 1, 4]
        """
        from orggraph import metrics

        return metrics.layers(self)

    def headcount_by_layer(self, *, skipna: bool = False) -> pd.DataFrame:
        """Posts and people in each layer; the number of rows is the depth.

        ``skipna=True``: people are the known sums, with ``unknown_size_posts``
        beside them. See :func:`orggraph.metrics.headcount_by_layer`.

        Parameters
        ----------
        skipna : bool, default False
            False: ``people`` is NaN in a layer with a head count unknown. True:
            ``people`` is the sum of the known head counts (a lower bound there)
            and a column ``unknown_size_posts`` counts the posts of unknown size.

        Returns
        -------
        pandas.DataFrame
            One row per layer (0 = top): posts and people; see
            :func:`orggraph.metrics.headcount_by_layer`.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().headcount_by_layer()["people"].tolist()
        [1, 1, 3, 5, 4]
        """
        from orggraph import metrics

        return metrics.headcount_by_layer(self, skipna=skipna)

    def metrics_summary(self, *, skipna: bool = True) -> MetricsSummary:
        """Key figures of spans, layers and meeting load; ``print()`` it for a report paragraph.

        ``people`` is the known sum, a lower bound when some head counts are
        unknown (``skipna=False``: NaN then). See :func:`orggraph.metrics.metrics_summary`.

        Parameters
        ----------
        skipna : bool, default True
            True: ``people`` is the sum of the known head counts, a lower bound
            when some are unknown. False: ``people`` is NaN when any head count is
            unknown.

        Returns
        -------
        orggraph.metrics.MetricsSummary

        Examples
        --------
        >>> import orggraph
        >>> print(orggraph.example().metrics_summary())  # doctest: +ELLIPSIS
        Acme Åkande: 8 posts, 14 people, in 5 layers.
        ...
        """
        from orggraph import metrics

        return metrics.metrics_summary(self, skipna=skipna)

    def meeting_load(self, *, include_guests: bool = True) -> pd.DataFrame:
        """Forums, meetings and hours a year of every post, with low/high ranges and gaps flagged.

        Guests count fully (``include_guests=False`` leaves them out). See
        :func:`orggraph.meetings.meeting_load`.

        Parameters
        ----------
        include_guests : bool, default True
            Count a guest's forums, meetings and hours like a member's.

        Returns
        -------
        pandas.DataFrame
            Indexed by post id: ``forums``, ``meetings_per_year``,
            ``hours_per_year`` (each with ``_low`` and ``_high``),
            ``uncounted_meetings``, ``uncounted_hours``, ...

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().meeting_load().loc[["cfo"], ["forums", "meetings_per_year", "hours_per_year"]]
              forums  meetings_per_year  hours_per_year
        post
        cfo        2               30.0            47.0
        """
        from orggraph import meetings

        return meetings.meeting_load(self, include_guests=include_guests)

    def forum_load(self) -> pd.DataFrame:
        """Meetings and hours a year of every forum. See :func:`orggraph.meetings.forum_load`.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().forum_load()["hours_per_year"].tolist()
        [39.0, 8.0, nan]
        """
        from orggraph import meetings

        return meetings.forum_load(self)

    def forum_overlap(self, *, threshold: float = 0.8) -> pd.DataFrame:
        """Pairs of forums sharing members, with their Jaccard similarity and redundancy flag.

        See :func:`orggraph.meetings.forum_overlap`.

        Parameters
        ----------
        threshold : float, default 0.8
            The Jaccard similarity from which a pair is a candidate for redundancy.

        Returns
        -------
        pandas.DataFrame
            One row per pair of forums sharing members; see
            :func:`orggraph.meetings.forum_overlap`.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().forum_overlap()["shared"].to_dict()
        {('board', 'all-hands'): 3, ('all-hands', 'ops-huddle'): 2, ('board', 'ops-huddle'): 1}
        """
        from orggraph import meetings

        return meetings.forum_overlap(self, threshold=threshold)

    def redundant_forums(self, *, threshold: float = 0.8) -> pd.DataFrame:
        """Pairs of forums with (nearly) the same members: candidates for merging.

        See :func:`orggraph.meetings.redundancy_candidates`.

        Parameters
        ----------
        threshold : float, default 0.8
            The Jaccard similarity of the members from which a pair is a candidate.

        Returns
        -------
        pandas.DataFrame
            The pairs at or above ``threshold``; empty when there are none.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().redundant_forums().empty
        True
        """
        from orggraph import meetings

        return meetings.redundancy_candidates(self, threshold=threshold)

    def chair_concentration(self) -> pd.DataFrame:
        """Who chairs how many forums (rotations counted by their share).

        See :func:`orggraph.meetings.chair_concentration`.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().chair_concentration()["fixed"].to_dict()
        {'ceo': 1, 'cfo': 0, 'coo': 0}
        """
        from orggraph import meetings

        return meetings.chair_concentration(self)

    def membership_matrix(
        self, *, roles: bool = False, include_guests: bool = True, possible: str = "mark"
    ) -> pd.DataFrame:
        """A post x forum table of who takes part where (1/0, or the roles as text).

        See :func:`orggraph.meetings.membership_matrix`.

        Parameters
        ----------
        roles : bool, default False
            Give each cell the post's roles in the forum as text (``"member,
            chair"``; empty when none) instead of 1/0.
        include_guests : bool, default True
            Count guests as taking part.
        possible : {"mark", "certain", "any"}, default "mark"
            A place held only in some readings (candidate managers): 2 / ``"possible ..."``,
            left out, or counted as taking part.

        Returns
        -------
        pandas.DataFrame
            Posts as rows, forums as columns; 1 in every reading, 2 in some, 0 in none.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().membership_matrix(roles=True).loc["chair", "board"]
        'guest'
        """
        from orggraph import meetings

        return meetings.membership_matrix(self, roles=roles, include_guests=include_guests, possible=possible)

    def brokerage(
        self, *, include_guests: bool = True, k: int | None = None, seed: int | None = None, max_readings: int = 64
    ) -> pd.DataFrame:
        """Betweenness and cut points on the combined reporting + forum graph.

        See :mod:`orggraph.network` for the graph used; with candidate managers,
        each figure is a range over the readings (``_low``, ``_high``).

        Parameters
        ----------
        include_guests : bool, default True
            Join guests to the forums they attend.
        k : int, optional
            Estimate betweenness from ``k`` sampled nodes (large organisations).
        seed : int, optional
            Random seed for the sample.
        max_readings : int, default 64
            The most readings of candidate managers to compute (beyond: no figures, and ``uncertain`` says why).

        Returns
        -------
        pandas.DataFrame
            Indexed by post id, highest betweenness first; see
            :func:`orggraph.network.brokerage` for the columns.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().brokerage().index[0]
        'ceo'
        """
        from orggraph import network

        return network.brokerage(self, include_guests=include_guests, k=k, seed=seed, max_readings=max_readings)

    # -- one-call tables (orggraph.tables) -------------------------------------------------------

    def decisions(self) -> pd.DataFrame:
        """Every topic's decision: deciders, approvers, rule, source. See :func:`orggraph.tables.decisions`.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().decisions().loc["dismissal", "approvers"]
        "the decider's manager"
        """
        from orggraph import tables

        return tables.decisions(self)

    def decided_for(self, topics: Iterable[str], *, posts: Iterable[str] | None = None) -> pd.DataFrame:
        """Who decides each topic (e.g. hiring, dismissal) for every post. See :func:`orggraph.tables.decided_for`.

        Parameters
        ----------
        topics : iterable of str
            Topic ids or texts naming them (see :meth:`resolve`).
        posts : iterable of str, optional
            The subjects; by default every post.

        Returns
        -------
        pandas.DataFrame
            One row per post; see :func:`orggraph.tables.decided_for` for the columns.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().decided_for(["dismissal"]).loc["technician", "dismissal approved by"]
        'Operations Director'
        """
        from orggraph import tables

        return tables.decided_for(self, list(topics), posts=posts)

    def raci(self) -> pd.DataFrame:
        """The RACI matrix: topics x posts, letters R, A, C, I. See :func:`orggraph.tables.raci` for the mapping.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().raci().loc["budget", "chair"]
        'A'
        """
        from orggraph import tables

        return tables.raci(self)

    def events(self) -> pd.DataFrame:
        """The annual wheel's (årshjul) entries, indexed by event id. See :func:`orggraph.tables.events`.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().events()["quarter"].tolist()
        [1, 3, 4]
        """
        from orggraph import tables

        return tables.events(self)

    def instruments(self) -> pd.DataFrame:
        """The governance instruments with their constraints. See :func:`orggraph.tables.instruments`.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().instruments().loc["strategy", "cadence"]
        'every 3 years'
        """
        from orggraph import tables

        return tables.instruments(self)

    def posts(self) -> pd.DataFrame:
        """Every post with its manager, head count and attributes, indexed by id. See :func:`orggraph.tables.posts`.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().posts().loc["technician", ["name", "manager"]].tolist()
        ['Technician', 'site-lead']
        """
        from orggraph import tables

        return tables.posts(self)

    def edges(self) -> pd.DataFrame:
        """Every edge of the graph: from, to, kind, source. See :func:`orggraph.tables.edges`.

        Examples
        --------
        >>> import orggraph
        >>> len(orggraph.example().edges()) == orggraph.example().graph.number_of_edges()
        True
        """
        from orggraph import tables

        return tables.edges(self)

    # -- lint (orggraph.lint) --------------------------------------------------------------------

    def lint(
        self,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        thresholds: Mapping[str, float] | None = None,
    ) -> Findings:
        """Governance gaps, contradictions and documented unknowns, as findings.

        Every check (code, severity, what it catches and why it matters) is
        documented in :mod:`orggraph.lint`.

        Parameters
        ----------
        select : iterable of str, optional
            Only these checks: codes (``"OG301"``), names (``"cycle"``) or severities.
        ignore : iterable of str
            Leave these checks out.
        thresholds : mapping of str to number, optional
            Limits of the HR checks, e.g. ``{"max_span_fte": 500}``
            (:class:`orggraph.lint_hr.HRThresholds`).

        Returns
        -------
        orggraph.lint.Findings
            A list of :class:`~orggraph.lint.Finding` (``code``, ``severity``,
            ``message``, ``nodes``, ``source``); ``.to_frame()`` for a table.

        Examples
        --------
        >>> import orggraph
        >>> for finding in orggraph.example().lint(select=["OG202"]):
        ...     print(finding)
        OG202 info: forum 'Operations huddle' (ops-huddle) has no chair
        """
        from orggraph import lint

        return lint.lint(self, select=select, ignore=ignore, thresholds=thresholds)

    # -- grades and staff (orggraph.grades, orggraph.staff) ---------------------------------------

    def grade_table(self, *, levels: Sequence[str] | None = None) -> pd.DataFrame:
        """Every post with its grade, level on the grade scale, rank, FTE, unit and manager.

        See :func:`orggraph.grades.grade_table`.

        Parameters
        ----------
        levels : sequence of str, optional
            A custom grade scale, most senior first (see
            :func:`orggraph.grades.grade_scale`).

        Returns
        -------
        pandas.DataFrame
            One row per post; see :func:`orggraph.grades.grade_table`.

        Examples
        --------
        >>> import orggraph
        >>> bool(orggraph.example().grade_table()["level"].isna().all())  # the example has no grades
        True
        """
        from orggraph import grades

        return grades.grade_table(self, levels=levels)

    def grade_mix(
        self,
        *,
        by: Literal["unit", "layer", "manager"] = "unit",
        levels: Sequence[str] | None = None,
        skipna: bool = True,
    ) -> pd.DataFrame:
        """Posts and FTE of each grade per unit, layer or manager, grades in scale order.

        See :func:`orggraph.grades.grade_mix`.

        Parameters
        ----------
        by : {"unit", "layer", "manager"}, default "unit"
            Group the posts by their unit, their layer (0 = top) or their manager.
        levels : sequence of str, optional
            A custom grade scale, most senior first (see
            :func:`orggraph.grades.grade_scale`).
        skipna : bool, default True
            True: ``fte`` is the sum of the known head counts, and ``fte_unknown``
            counts the posts whose head count is unknown. False: a group with an
            unknown head count has ``fte`` NaN.

        Returns
        -------
        pandas.DataFrame
            One row per group and grade; see :func:`orggraph.grades.grade_mix`.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.loads('''
        ... organisation: {id: t, name: T}
        ... posts:
        ...   - {id: a, name: Director, grade: SCS2, top: true}
        ...   - {id: b, name: Analysts, grade: Grade 7, headcount: 2.5, reports_to: a}
        ... ''')
        >>> org.grade_mix(by="layer")["fte"].tolist()
        [1.0, 2.5]
        """
        from orggraph import grades

        return grades.grade_mix(self, by=by, levels=levels, skipna=skipna)

    def staff_summary(self, *, by_title: bool = False) -> pd.DataFrame:
        """Staff rows (an organogram's junior staff) under the post they report to, by grade, in FTE.

        See :func:`orggraph.staff.staff_summary`.

        Parameters
        ----------
        by_title : bool, default False
            Group by job title within each grade too.

        Returns
        -------
        pandas.DataFrame
            Indexed by (``manager``, ``level``[, ``title``]): staff rows and their
            FTE; see :func:`orggraph.staff.staff_summary`. Empty without staff rows.

        Examples
        --------
        >>> import orggraph
        >>> len(orggraph.example().staff_summary())
        0
        """
        from orggraph import staff

        return staff.staff_summary(self, by_title=by_title)

    # -- what-if scenarios and diffs (orggraph.scenario, orggraph.changes) ----------------------

    def move(self, node: str, to: str) -> Org:
        """A new organisation with a post moved to another manager, or a unit under another post or unit.

        See :class:`orggraph.scenario.Move`; compare with :meth:`diff`.

        Parameters
        ----------
        node : str
            The post or unit to move.
        to : str
            A post's new manager (a post, or a body). For a unit: a new parent
            unit, or a post, in which case the unit goes into the unit that post
            heads (beside it when the post heads only a body such as an
            executive board) and the unit's head reports to the post.

        Raises
        ------
        EditError
            If the move would make a reporting or nesting cycle, or a unit is
            moved to a post that heads no unit (or several); the message says
            what to do instead.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> org.move("accountant", "coo").manager("accountant")
        'coo'
        """
        from orggraph import scenario

        return scenario.apply(self, scenario.Move(node, to))

    def merge(self, keep: str, absorb: str, *, name: str | None = None) -> Org:
        """A new organisation with two units (or two forums) merged: ``absorb`` folds into ``keep``.

        See :class:`orggraph.scenario.Merge` for what happens to posts, heads,
        members, chairs and meetings.

        Parameters
        ----------
        keep : str
            The unit (or forum) that remains.
        absorb : str
            The unit (or forum) that folds into ``keep`` and disappears.
        name : str, optional
            A new name for the merged unit; ``keep``'s name by default.

        Returns
        -------
        Org
            The new organisation; this one is unchanged.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example().merge("finance", "operations", name="Finance and Operations")
        >>> org.name("finance"), "operations" in org.graph
        ('Finance and Operations', False)
        """
        from orggraph import scenario

        return scenario.apply(self, scenario.Merge(keep, absorb, name=name))

    def remove(self, post: str) -> Org:
        """A new organisation without a post: its reports and roles pass to its manager.

        See :class:`orggraph.scenario.Remove`.

        Parameters
        ----------
        post : str
            The post to remove.

        Returns
        -------
        Org
            The new organisation; this one is unchanged.

        Raises
        ------
        EditError
            If the post has direct reports but no manager to hand them to.

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().remove("site-lead").manager("technician")
        'coo'
        """
        from orggraph import scenario

        return scenario.apply(self, scenario.Remove(post))

    def add(
        self,
        id: str,
        name: str,
        *,
        reports_to: str | None = None,
        unit: str | None = None,
        headcount: int | float = 1,
        type: str | None = None,
        staff: bool = False,
    ) -> Org:
        """A new organisation with a post added (a root when it has no manager).

        See :class:`orggraph.scenario.Add`.

        Parameters
        ----------
        id : str
            The new post's id (not yet used in the organisation).
        name : str
            The new post's display name.
        reports_to : str, optional
            The manager's id; without it the post is a root.
        unit : str, optional
            The unit the post belongs to.
        headcount : int or float, default 1
            People (or FTE) the post stands for.
        type : str, optional
            The kind of post, used by group rules (e.g. ``"centerchef"``).
        staff : bool, default False
            A staff/assistant post, kept out of spans of control.

        Returns
        -------
        Org
            The new organisation; this one is unchanged.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example().add("controller", "Controller", reports_to="cfo", unit="finance")
        >>> org.direct_reports("cfo")
        ['accountant', 'controller']
        """
        from orggraph import scenario

        edit = scenario.Add(id, name, reports_to, unit, headcount, type, staff)
        return scenario.apply(self, edit)

    def apply(self, *edits: Edit) -> Org:
        """A new organisation with what-if edits (Move, Merge, Remove, Add) carried out in order.

        See :func:`orggraph.scenario.apply`.

        Parameters
        ----------
        *edits : Move, Merge, Remove or Add
            The edits of :mod:`orggraph.scenario`, carried out in the order given.

        Returns
        -------
        Org
            The new organisation; this one is unchanged.

        Examples
        --------
        >>> import orggraph
        >>> from orggraph.scenario import Merge, Remove
        >>> org = orggraph.example().apply(Merge("finance", "operations"), Remove("coo"))
        >>> org.members("finance"), org.manager("site-lead")
        (['cfo', 'accountant', 'site-lead', 'technician'], 'ceo')
        """
        from orggraph import scenario

        return scenario.apply(self, *edits)

    def diff(self, other: Org) -> Diff:
        """The changes from this organisation to ``other``, and their effect on the key figures.

        See :func:`orggraph.changes.diff`.

        Parameters
        ----------
        other : Org
            The organisation to compare with (typically an edited copy or a later
            version).

        Returns
        -------
        orggraph.changes.Diff
            Added, removed, moved and changed items; ``.metrics``,
            ``.spans()``, ``.layers()``, ``.meeting_load()``.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> print(org.diff(org.move("accountant", "coo")))
        moved post 'Accountant' (accountant): reports_to 'cfo' → 'coo'
        """
        from orggraph.changes import diff as diff_orgs

        return diff_orgs(self, other)

    # -- pictures (orggraph.render) --------------------------------------------------------------

    @overload
    def chart(
        self,
        *,
        root: str | None = ...,
        depth: int | None = ...,
        highlight: Highlight = ...,
        compact: bool = ...,
        direction: Direction = ...,
        show: Iterable[str] = ...,
        max_boxes: int = ...,
        max_width: float | None = ...,
        title: str | None = ...,
        figsize: tuple[float | None, float | None] | None = ...,
        progress: bool | None = ...,
        interactive: Literal[False] = ...,
    ) -> ChartPicture: ...

    @overload
    def chart(
        self,
        *,
        root: str | None = ...,
        depth: int | None = ...,
        highlight: Highlight = ...,
        compact: bool = ...,
        direction: Direction = ...,
        show: Iterable[str] = ...,
        max_boxes: int = ...,
        max_width: float | None = ...,
        title: str | None = ...,
        figsize: tuple[float | None, float | None] | None = ...,
        progress: bool | None = ...,
        interactive: Literal[True],
    ) -> HtmlChart: ...

    def chart(
        self,
        *,
        root: str | None = None,
        depth: int | None = None,
        highlight: Highlight = None,
        compact: bool = True,
        direction: Direction = "TB",
        show: Iterable[str] = ("title", "unit", "holder", "headcount"),
        max_boxes: int = 300,
        max_width: float | None = 3600.0,
        title: str | None = None,
        figsize: tuple[float | None, float | None] | None = None,
        progress: bool | None = False,
        interactive: bool = False,
    ) -> ChartPicture | HtmlChart:
        """An org chart of the reporting structure, as a picture.

        The political level is drawn above the administration; an executive
        board (e.g. Direktionen) is one card listing its members; dotted lines
        show secondary reporting and posts whose manager is documented only as
        a body. See :func:`orggraph.render.chart.org_chart`.

        Parameters
        ----------
        root : str, optional
            Draw only the subtree of this post, unit or board (an id or search text).
        depth : int, optional
            Administrative levels to draw; what is cut off is counted on the box
            above it ("+130 people", "+9 posts" when head counts are unknown).
        highlight : str, iterable of str, or an object with ``deciders``
            Ids, a query result (``org.chain_of_command(p)``, ``org.members(f)``)
            or a decision (``org.who_decides(topic)``).
        compact : bool
            Stack the leaf reports of a wide span in two columns.
        direction : {"TB", "LR"}
            Top to bottom or left to right.
        show : iterable of str
            What a post's box shows: any of title, unit, holder, headcount.
        max_boxes, max_width : int, float
            Larger charts are collapsed to a legible depth, and the picture says so.
        title : str, optional
            The heading (the organisation's name by default).
        figsize : (float or None, float or None), optional
            Fit the picture in (width, height) inches, scaled as a whole with its
            text; either side may be None. Natural size by default.
        progress : bool or None, default False
            Progress bars for a big chart (None: only on a terminal).
        interactive : bool
            Instead of a picture, the interactive HTML chart of :meth:`to_html`
            (an :class:`~orggraph.render.html.HtmlChart`, shown inline in Jupyter).

        Returns
        -------
        ChartPicture
            A matplotlib Figure: shows in Jupyter; ``.savefig("chart.png")`` (or .svg, .pdf).

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> picture = org.chart(highlight=org.chain_of_command("technician"))
        >>> sorted(c for c, card in picture.tree.cards.items() if card.highlighted)
        ['ceo', 'chair', 'coo', 'site-lead']
        >>> org.chart(depth=1).tree.cards["coo"].hidden.text()
        '+6 people'
        """
        from orggraph.render.chart import org_chart

        if interactive:
            from orggraph.render.html import interactive_chart

            if figsize is not None:
                raise RenderError("figsize sizes the PNG chart; the interactive chart fills its frame")

            return interactive_chart(
                self,
                compact=compact,
                direction=direction,
                root=root,
                depth=depth,
                highlight=highlight,
                show=show if isinstance(show, str) else tuple(show),
                max_boxes=max_boxes,
                max_width=max_width,
                title=title,
                progress=progress,
            )
        return org_chart(
            self,
            root=root,
            depth=depth,
            highlight=highlight,
            compact=compact,
            direction=direction,
            show=show if isinstance(show, str) else tuple(show),
            max_boxes=max_boxes,
            max_width=max_width,
            title=title,
            figsize=figsize,
            progress=progress,
        )

    def to_html(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        root: str | None = None,
        depth: int | None = None,
        highlight: Highlight = None,
        show: Iterable[str] = ("title", "unit", "holder", "headcount"),
        title: str | None = None,
        progress: bool | None = False,
    ) -> str:
        """The org chart as one self-contained, interactive HTML page (offline); writes ``path`` when given.

        Open and close subtrees, pan and zoom, search like :meth:`find`, see
        ``highlight`` (ids, a chain of command, or a decision with its deciders
        and approvers marked), and click a box for its holder, unit, forums,
        meeting load and decisions with their citations. See
        :func:`orggraph.render.html.chart_html`.

        Parameters
        ----------
        path : str or os.PathLike, optional
            Write the page to this file too.
        root : str, optional
            Draw only the subtree of this post, unit or board (an id or search text).
        depth : int, optional
            Administrative levels open at the start (the rest opens with a click).
        highlight : str, iterable of str, or an object with ``deciders``
            Ids, a query result (``org.chain_of_command(p)``) or a decision
            (``org.who_decides(topic)``) to mark.
        show : iterable of str
            What a post's box shows: any of title, unit, holder, headcount.
        title : str, optional
            The heading (the organisation's name by default).
        progress : bool or None, default False
            Progress bars for a big chart (None: only on a terminal).

        Returns
        -------
        str
            The page's HTML text.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> page = org.to_html(highlight=org.who_decides("dismissal", "technician"))
        >>> page.startswith("<!DOCTYPE html>"), "https://" in page
        (True, False)
        """
        from orggraph.render.html import chart_html

        return chart_html(
            self,
            path,
            root=root,
            depth=depth,
            highlight=highlight,
            show=show if isinstance(show, str) else tuple(show),
            title=title,
            progress=progress,
        )

    def forum_chart(
        self,
        *,
        forums: Iterable[str] | None = None,
        meetings: bool = True,
        max_rows: int = 120,
        title: str | None = None,
        figsize: tuple[float | None, float | None] | None = None,
    ) -> ForumPicture:
        """Who takes part in which forum, as a post × forum matrix picture.

        Rows are grouped by unit (the political level first) with head counts;
        chairs, rotating chairs, owners and guests are marked apart from
        members; a row under the matrix gives each forum's meetings a year.
        See :func:`orggraph.render.forums.forum_chart`.

        Parameters
        ----------
        forums : iterable of str, optional
            The forums to show (ids or search texts), in order; all by default.
        meetings : bool
            Add the meetings a year of each forum.
        max_rows : int
            At most this many rows: the posts in the most forums (the picture says so).
        title : str, optional
            The heading.
        figsize : (float or None, float or None), optional
            Fit the picture in (width, height) inches, scaled as a whole with its
            text; either side may be None. Natural size by default.

        Returns
        -------
        ForumPicture

        Examples
        --------
        >>> import orggraph
        >>> picture = orggraph.example().forum_chart()
        >>> picture.roles["coo", "all-hands"]
        ('member', 'rotating chair')
        """
        from orggraph.render.forums import forum_chart

        return forum_chart(
            self,
            forums=list(forums) if forums is not None else None,
            meetings=meetings,
            max_rows=max_rows,
            title=title,
            figsize=figsize,
        )

    def wheel(
        self,
        *,
        colour_by: ColourBy = "forum_or_topic",
        title: str | None = None,
        figsize: tuple[float | None, float | None] | None = None,
    ) -> WheelPicture:
        """The annual wheel (årshjul) of the organisation's events, as a polar picture.

        Quarters and months run clockwise from January at the top; events are
        placed by time and coloured by forum (dots) or topic (rings); labels
        never overlap. See :func:`orggraph.render.wheel.annual_wheel`.

        Parameters
        ----------
        colour_by : {"forum_or_topic", "forum", "topic"}
            What an event's colour shows.
        title : str, optional
            The heading.
        figsize : (float or None, float or None), optional
            Fit the picture in (width, height) inches, scaled as a whole with its
            text; either side may be None. Natural size by default.

        Returns
        -------
        WheelPicture

        Examples
        --------
        >>> import orggraph
        >>> orggraph.example().wheel().angles["q3-budget"]
        225.0
        """
        from orggraph.render.wheel import annual_wheel

        return annual_wheel(self, colour_by=colour_by, title=title, figsize=figsize)

    # -- export (orggraph.export) ----------------------------------------------------------------

    @staticmethod
    def _export_to(path: str | os.PathLike[str] | None, text: str) -> str:
        if path is not None:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        return text

    def to_excel(self, path: str | os.PathLike[str], *, progress: bool | None = False) -> str | os.PathLike[str]:
        """Write the tables (posts, spans, layers, meeting load, decisions, RACI, lint) to one Excel workbook.

        One sheet per table, with a bold frozen header and readable column
        widths; needs openpyxl (``pip install 'orggraph[excel]'``). See
        :func:`orggraph.exporters.excel.write_excel`.

        Parameters
        ----------
        path : str or os.PathLike
            The workbook to write (``.xlsx``).
        progress : bool or None, default False
            A progress bar over the sheets on stderr (None: only when stderr is a
            terminal).

        Returns
        -------
        str or os.PathLike
            ``path``, as given.

        Examples
        --------
        >>> import tempfile, pathlib, pandas as pd, orggraph
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = orggraph.example().to_excel(pathlib.Path(tmp) / "acme.xlsx")
        ...     int(pd.read_excel(path, sheet_name="spans", index_col="post").loc["ceo", "direct"])
        2
        """
        from orggraph.exporters.excel import write_excel

        return write_excel(self, path, progress=progress)

    def to_json(self, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2) -> str:
        """The governance graph as node-link JSON (D3, Cytoscape.js, networkx); writes ``path`` when given.

        Nodes carry their kind and fields, edges their kind; the citation of a
        node or edge is under ``citation``. The layout is documented in
        :mod:`orggraph.exporters.node_link`; :func:`orggraph.exporters.read_node_link`
        reads it back into a graph. For a lossless copy of the data, use :meth:`to_yaml`.

        Parameters
        ----------
        path : str or os.PathLike, optional
            A file to write (UTF-8).
        indent : int or None, optional
            Indentation; None writes one line.

        Returns
        -------
        str
            The JSON text.

        See Also
        --------
        to_yaml, to_graphml

        Examples
        --------
        >>> import json, orggraph
        >>> data = json.loads(orggraph.example().to_json())
        >>> data["nodes"][0]["id"], data["edges"][0]["kind"]
        ('board-of-trustees', 'decides')
        """
        from orggraph.exporters.node_link import node_link_json

        return self._export_to(path, node_link_json(self._graph, indent=indent))

    def to_graphml(self, path: str | os.PathLike[str] | None = None) -> str:
        """The governance graph as GraphML for yEd, Gephi or Cytoscape; writes ``path`` when given.

        Attributes are flattened to text, numbers and booleans as documented in
        :mod:`orggraph.exporters.values`; nodes get a ``label`` (their name).
        ``networkx.read_graphml(path, force_multigraph=True)`` reads it back.

        Parameters
        ----------
        path : str or os.PathLike, optional
            A file to write (UTF-8 XML).

        Returns
        -------
        str
            The GraphML text.

        Raises
        ------
        ExportError
            If a node id holds a control character, which XML cannot store.

        Examples
        --------
        >>> import orggraph
        >>> '<data key="d' in orggraph.example().to_graphml()
        True
        """
        from orggraph.exporters.flat import graphml_text

        return self._export_to(path, graphml_text(self._graph))

    def to_gexf(self, path: str | os.PathLike[str] | None = None) -> str:
        """The governance graph as GEXF 1.2 for Gephi; writes ``path`` when given.

        Attributes are flattened as for :meth:`to_graphml`.

        Parameters
        ----------
        path : str or os.PathLike, optional
            A file to write (UTF-8 XML).

        Returns
        -------
        str
            The GEXF text.

        Raises
        ------
        ExportError
            If a node id holds a control character, which XML cannot store.

        Examples
        --------
        >>> import orggraph
        >>> '<node id="cfo" label="Finance Director">' in orggraph.example().to_gexf()
        True
        """
        from orggraph.exporters.flat import gexf_text

        return self._export_to(path, gexf_text(self._graph))

    def to_mermaid(
        self, *, root: str | None = None, depth: int | None = None, direction: str = "TD", secondary: bool = False
    ) -> str:
        """The reporting structure as a Mermaid flowchart, to paste into Markdown or a wiki.

        Solid arrows are lines to a manager post; dotted arrows are lines to a
        body (a manager the source names only as a unit or group), which plain
        lines join to its members and head; with ``secondary=True``, labelled
        dotted arrows are secondary lines. See :mod:`orggraph.exporters.mermaid`.

        Parameters
        ----------
        root : str, optional
            Draw only this post or body (an id or a text for :meth:`resolve`) and those below it.
        depth : int, optional
            Draw only this many levels below the root (or the tops).
        direction : {"TD", "TB", "BT", "LR", "RL"}, optional
            Mermaid's direction; top-down by default.
        secondary : bool, optional
            Also draw secondary lines (dotted line, accountability, advice); off by default.

        Returns
        -------
        str
            Mermaid text.

        Raises
        ------
        UnknownNodeError
            If ``root`` names no node (with suggestions).
        ExportError
            If ``direction`` or ``depth`` is invalid.

        Examples
        --------
        >>> import orggraph
        >>> print(orggraph.example().to_mermaid(root="Finance Director"))
        ---
        title: "Acme Åkande"
        ---
        flowchart TD
            n_cfo["Finance Director"]
            n_accountant["Accountant (×3)"]
            n_cfo --> n_accountant
        """
        from orggraph.exporters.mermaid import mermaid_flowchart

        start = self.resolve(root) if root is not None else None
        return mermaid_flowchart(self._graph, root=start, depth=depth, direction=direction, secondary=secondary)

    def to_turtle(self, path: str | os.PathLike[str] | None = None, *, base: str | None = None) -> str:
        """The organisation as RDF Turtle in the W3C Organization Ontology; writes ``path`` when given.

        Needs rdflib: ``pip install 'orggraph[rdf]'``. Posts are ``org:Post``
        with ``org:postIn``, ``org:reportsTo`` and ``org:heldBy``; units
        ``org:OrganizationalUnit``; memberships ``org:Membership`` of agents;
        forums, decision rights and citations are in orggraph's ``og:``
        vocabulary, declared in the text. The mapping is documented in
        :mod:`orggraph.exporters.rdf` and ``docs/turtle.md``.

        Parameters
        ----------
        path : str or os.PathLike, optional
            A file to write (UTF-8).
        base : str, optional
            The IRI prefix of the organisation's resources; default
            ``urn:orggraph:<organisation id>:``.

        Returns
        -------
        str
            The Turtle text.

        Raises
        ------
        MissingDependencyError
            If rdflib is not installed.

        Examples
        --------
        >>> import orggraph
        >>> text = orggraph.example().to_turtle(base="https://example.org/acme/")
        >>> "data:ceo a org:Post" in text
        True
        """
        from orggraph.exporters.rdf import turtle_text

        return self._export_to(path, turtle_text(self._graph, base=base))

    # -- time (orggraph.importers.popolo) ---------------------------------------------------------

    def as_of(self, date: str | datetime.date) -> Org:
        """The organisation as it stood on ``date``: the items valid and the memberships that held that day.

        Units, posts, reporting lines and memberships with ``valid_from`` /
        ``valid_until`` (one file for an organisation that changes) stay
        only where the day falls within them (see :mod:`orggraph.validity`).
        A person's membership (e.g. of a legislature, imported from Popolo)
        holds from its first to its last day, both included; an undated one
        takes the dates of its legislative period; an open end holds on.
        Items without dates all stay.

        Parameters
        ----------
        date : str or datetime.date
            The day, as ``"YYYY-MM-DD"`` or a date.

        Returns
        -------
        Org
            A new organisation with ``document.organisation.as_of`` set to the
            day (and the same ``import_report``).

        Raises
        ------
        OrgDataError
            If ``date`` is not a date, or an item valid that day refers to one that is not.

        See Also
        --------
        orggraph.validity.as_of : The same on a document.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.from_dict({
        ...     "organisation": {"id": "byraad", "name": "Byrådet"},
        ...     "groups": [{"id": "byraadet", "name": "Byrådet", "kind": "political_body"}],
        ...     "people": [{"id": "p1", "name": "Søren Ærø"}, {"id": "p2", "name": "Åse Holm"}],
        ...     "memberships": [
        ...         {"person": "p1", "organisation": "byraadet", "legislative_period": "2022-2025",
        ...          "period_start": "2022-01-01", "period_end": "2025-12-31"},
        ...         {"person": "p2", "organisation": "byraadet", "start_date": "2024-03-01"},
        ...     ],
        ... })
        >>> org.as_of("2023-06-01").members("byraadet"), org.as_of("2026-01-01").members("byraadet")
        (['p1'], ['p2'])
        >>> orggraph.example().as_of("2024-01-01").document.organisation.as_of
        '2024-01-01'
        """
        import datetime

        from orggraph.validity import as_of

        day = date if isinstance(date, (str, datetime.date)) else str(date)
        org = Org._checked(as_of(self.document, day))
        org.import_report = self.import_report
        return org

    # -- serialisation ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The organisation as plain data (JSON-compatible); ``from_dict`` reads it back.

        Fields at their default values are left out.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> orggraph.from_dict(org.to_dict()) == org
        True
        """
        return {key: list(value) if isinstance(value, ItemData) else value for key, value in document_data(self._graph)}

    def to_yaml(self, path: str | os.PathLike[str] | None = None, *, progress: bool | None = False) -> str:
        """The organisation as YAML text (UTF-8, æ/ø/å kept); writes ``path`` when given.

        See :func:`orggraph.exporters.yaml_out.write_yaml`.

        Parameters
        ----------
        path : str or os.PathLike, optional
            Write the text to this file too (UTF-8), item by item as it is made.
        progress : bool or None, default False
            A bar over the items written (None: only when stderr is a terminal).

        Returns
        -------
        str
            The YAML text.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> orggraph.loads(org.to_yaml()) == org
        True
        """
        from orggraph.exporters.yaml_out import write_yaml

        return write_yaml(self.to_dict(), path, progress=progress)


def load(path: str | os.PathLike[str]) -> Org:
    """Load an organisation from a YAML (or JSON) file.

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    Org

    Raises
    ------
    OrgDataError
        With every problem of the file, each as ``file:line:column: path: message``.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.load("data/ishoj.yaml")  # doctest: +SKIP
    """
    return Org._of_graph(read_graph(path))


def loads(text: str, *, name: str = "<string>") -> Org:
    """Load an organisation from YAML text; ``name`` is used in error messages.

    Parameters
    ----------
    text : str
        The YAML (or JSON) text of an organisation document.
    name : str, default "<string>"
        The file name that problems are reported under.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: tiny, name: Tiny}
    ... posts:
    ...   - {id: boss, name: Boss, top: true}
    ...   - {id: worker, name: Worker, reports_to: boss, headcount: 3}
    ... ''')
    >>> org.direct_reports("boss")
    ['worker']
    """
    return Org._of_graph(parse_graph(text, name=name))


def from_dict(data: Mapping[str, Any], *, name: str = "<dict>") -> Org:
    """Build an organisation from plain data (as ``Org.to_dict`` or ``json.load`` give).

    Parameters
    ----------
    data : mapping
        The document as plain Python data (dicts, lists, scalars).
    name : str, default "<dict>"
        The name that problems are reported under.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.from_dict({"organisation": {"id": "x", "name": "X"}, "posts": [{"id": "a", "name": "A"}]})
    >>> org.nodes("post")
    ['a']
    """
    return Org._checked(document_from_dict(data, name=name))


def example() -> Org:
    """A tiny made-up organisation shipped with orggraph, for examples and experiments.

    Examples
    --------
    >>> import orggraph
    >>> orggraph.example().title
    'Acme Åkande'
    """
    text = resources.files("orggraph").joinpath("example.yaml").read_text(encoding="utf-8")
    return loads(text, name="orggraph/example.yaml")
