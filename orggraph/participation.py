"""Who takes part in which forum, certainly or possibly: the index the forum metrics read.

A forum's members are certain (``member_of`` edges: in every reading of the
documents) or possible (``candidate_member`` edges from a per-holder series,
:mod:`orggraph.series`: only in the readings where a candidate manager is the
holder; or the possible members of a group it lists, whose rule selects them
through ``reporting_to`` in some readings only, :mod:`orggraph.graph`). A pair
series whose report has candidate managers exists only in some readings (node
attribute ``possible``). A per-holder forum itself (the template, with
``for_each``) does not meet: its series do, so it is not one of the forums here.

The two kinds of possible member differ in what decides them. A report in a
per-holder series sits there by its own manager's choice alone, independent of
every other post; a possible member through a group (:attr:`Taking.correlated`)
sits there when ``reporting_to`` is above it, which a choice further up decides
for every post below it at once. Analyses that treat the choices as independent
(the exact ranges of :mod:`orggraph.meetings`) say what they do with the second
kind.

People per meeting count every member post's head count, except the report of
a pair series: a report post that stands for nine centre heads stands for nine
1:1 series of two people, so the report counts once and the series ``count``
times (:attr:`Taking.count`).

Examples
--------
>>> import orggraph
>>> p = participation(orggraph.example())
>>> p.forums
['board', 'all-hands', 'ops-huddle']
>>> p.of["board"].certain, p.of["board"].possible, p.of["board"].exists
(['ceo', 'cfo', 'coo'], [], True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orggraph.collectives import collectives
from orggraph.memo import per_org

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["Participation", "Taking", "participation"]


@dataclass
class Taking:
    """Who takes part in one forum.

    Attributes
    ----------
    certain : list of str
        Member posts in every reading where the forum exists.
    possible : list of str
        Member posts in some readings only (not in ``certain``).
    exists : bool
        The forum exists in every reading (False for a pair series with a candidate report).
    count : float
        How many identical series the forum stands for (a pair series whose
        report post has a head count above one); ``inf`` when that head count is unknown.
    report : str or None
        The report of a pair series.
    correlated : frozenset of str
        The posts of ``possible`` that take part only in some readings because
        a group the forum names has them as possible members (:meth:`orggraph.collectives.Collectives.possible`):
        their places depend on choices shared with other posts, not on their own manager alone.
    """

    certain: list[str]
    possible: list[str] = field(default_factory=list)
    exists: bool = True
    count: float = 1.0
    report: str | None = None
    correlated: frozenset[str] = frozenset()

    @property
    def exact(self) -> bool:
        """Whether membership is the same in every reading (no possible members, the forum always exists)."""
        return self.exists and not self.possible

    def when_held(self) -> tuple[list[str], list[str]]:
        """The member posts in every reading where the forum meets, and those in some of them only.

        A forum held in every reading: :attr:`certain` and :attr:`possible`.
        A pair series held only in some readings: where it is held, all its
        members take part, except those a group names in some readings only
        (:attr:`correlated`).

        Returns
        -------
        tuple of (list of str, list of str)
            The members in every reading that holds the forum, and those in some of them only.

        Examples
        --------
        >>> Taking(certain=[], possible=["h", "r", "x"], exists=False, correlated=frozenset({"x"})).when_held()
        (['h', 'r'], ['x'])
        """
        if self.exists:
            return self.certain, self.possible
        free = self.correlated
        return [*self.certain, *(p for p in self.possible if p not in free)], [p for p in self.possible if p in free]

    def times(self, post: str) -> float:
        """How many of the forum's series ``post`` (each person of it) attends: 1 for a pair's report.

        Parameters
        ----------
        post : str
            A post id.

        Returns
        -------
        float
            1 for the report of a pair series, :attr:`count` otherwise.

        Examples
        --------
        >>> Taking(certain=["d", "c"], count=9.0, report="c").times("d")
        9.0
        """
        return 1.0 if post == self.report else self.count


class Participation:
    """The forums that meet, their certain and possible members, and each post's forums.

    Attributes
    ----------
    forums : list of str
        Forum ids in the graph's order, per-holder templates left out.
    of : dict of str to Taking
        Forum id to who takes part.
    roles : dict of str to dict of str to tuple of (list of str, bool)
        Post to forum to its roles there (as :meth:`orggraph.org.Org.forum_roles`,
        then the roles it holds in some readings only, without ``"possible "``) and whether it takes part
        in every reading; only the posts that take part in some forum are keys (look a post up, do not
        rely on the keys' order).
    maybe_roles : dict of str to dict of str to list of str
        Post to forum to the roles of ``roles`` it holds in some readings only (all of them when it does
        not take part in every reading); only posts and forums that have such roles are keys.
    """

    def __init__(self, org: Org) -> None:
        G = org.graph
        nodes = G.nodes
        self.forums = [f for f in org.nodes("forum") if nodes[f].get("for_each") is None]
        self.of: dict[str, Taking] = {}
        self.roles: dict[str, dict[str, tuple[list[str], bool]]] = {}
        self.maybe_roles: dict[str, dict[str, list[str]]] = {}
        self._nodes = nodes
        index = collectives(org)
        by_post = index.forum_roles()  # only the posts (and people) that take part somewhere: no visit per post
        kinds: dict[str, tuple[bool, bool]] = {}  # forum -> (meets: no per-holder template, held in every reading)
        for forum in org.nodes("forum") if by_post else ():
            attrs = nodes[forum]
            kinds[forum] = (attrs.get("for_each") is None, not attrs.get("possible", False))
        for post, forums in by_post.items():
            if nodes[post]["kind"] != "post":
                continue
            for forum, held in forums.items():
                meets, always = kinds[forum]
                if meets:
                    self.roles.setdefault(post, {})[forum] = (list(held), always)
        maybe = index.possible_members()
        for forum in self.forums:
            attrs = nodes[forum]
            certain = org.members(forum)
            known = set(certain)
            possible = [p for p in maybe.get(forum, ()) if p not in known]
            count = attrs.get("series_count", 1)
            correlated: frozenset[str] = frozenset()
            if possible:
                correlated = frozenset(
                    post
                    for holder, _, key in G.in_edges(forum, keys=True)
                    if key in ("candidate_member", "member_of")
                    for post in index.possible(holder)
                ).intersection(possible)
            taking = Taking(
                certain=certain,
                possible=possible,
                exists=not attrs.get("possible", False),
                count=math.inf if count is None else float(count),
                report=attrs.get("report"),
                correlated=correlated,
            )
            self.of[forum] = taking
        for post, possible_roles in index.possible_roles().items():
            if nodes[post]["kind"] != "post":
                continue
            for forum, held in possible_roles.items():
                if nodes[forum].get("for_each") is not None:
                    continue  # a per-holder template: its series meet
                roles, always = self.roles.setdefault(post, {}).setdefault(forum, ([], False))
                extra = [role.removeprefix("possible ") for role in held]
                for role in extra:
                    if role not in roles:
                        roles.insert(0 if role == "member" else len(roles), role)
                self.maybe_roles.setdefault(post, {})[forum] = roles if not always else extra
        for post, taken in self.roles.items():  # the places of a series held only in some readings
            for forum, (roles, always) in taken.items():
                if not always and forum not in self.maybe_roles.get(post, {}):
                    self.maybe_roles.setdefault(post, {})[forum] = roles

    def people(self, posts: Iterable[str], report: str | None = None) -> float:
        """People of ``posts`` (the ``report`` of a pair series counts once); NaN when a head count is unknown.

        Parameters
        ----------
        posts : iterable of str
            Post (or person) ids.
        report : str, optional
            The report of a pair series: one person of it takes part.

        Returns
        -------
        float
            The sum of their head counts.

        Examples
        --------
        >>> import orggraph
        >>> participation(orggraph.example()).people(["ceo", "technician"])
        5
        """
        total: float = 0
        for post in posts:
            count = 1 if post == report else self._org_headcount(post)
            if count is None:
                return math.nan
            total += count
        return total

    def _org_headcount(self, post: str) -> float | None:
        attrs = self._nodes[post]
        value: float | str = attrs.get("headcount", 1) if attrs["kind"] == "post" else 1  # a person is one
        return None if isinstance(value, str) else value


@per_org
def participation(org: Org) -> Participation:
    """The :class:`Participation` of an organisation, made once per :class:`~orggraph.org.Org`.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    Participation
        Who takes part in which forum.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> participation(org) is participation(org)
    True
    """
    return Participation(org)
