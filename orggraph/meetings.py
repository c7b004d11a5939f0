"""Forums as a cost and as a structure: meeting load, overlap, chairs, membership.

How the figures are counted
---------------------------
A forum's meetings are the sum over its meeting series (``Forum.meetings``).
A series gives meetings a year as a range (:meth:`Cadence.per_year_range`:
"every 14 days" is 26.07 a year, "1-2 a year" is 1 to 2) and a length in
hours (``hours``, up to ``hours_max``). Each figure comes in three columns:
``x_low`` and ``x_high`` from the ends of the ranges, and ``x`` from their
midpoints (for hours: midpoint cadence × midpoint length).

The source does not always give numbers: a cadence may be ad hoc or
unspecified ("fast mødekadence"), a length may be missing. Figures then sum
what the source gives, ``x_high`` is NaN (there is no known upper bound), a
flag column says what is missing, and a figure is NaN where the source gives
no number at all.

A post takes part in a forum as a member (directly or through a group or a
unit), the chair (fixed or one of a rotation), the owner, or a guest.
**Guests count fully** (every meeting, the whole length): the source rarely
says how long their part lasts, so their figures are an upper bound;
``guest_forums`` says how many of a post's forums it attends as a guest, and
``include_guests=False`` leaves them out. Forum overlap and the membership
matrix's default use members only where they say so.

Examples
--------
>>> import orggraph
>>> from orggraph.meetings import meeting_load
>>> load = meeting_load(orggraph.example())
>>> load.loc[["cfo", "coo"], ["forums", "meetings_per_year", "hours_per_year", "hours_per_year_high"]]
      forums  meetings_per_year  hours_per_year  hours_per_year_high
post
cfo        2               30.0            47.0                 47.0
coo        3               30.0            47.0                  NaN
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from orggraph.display import count_types
from orggraph.schema import Forum, MeetingSeries

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = [
    "chair_concentration",
    "forum_load",
    "forum_overlap",
    "meeting_load",
    "membership_matrix",
    "redundancy_candidates",
]

_NAN = math.nan
_FIGURES = [
    "meetings_per_year",
    "meetings_per_year_low",
    "meetings_per_year_high",
    "hours_per_year",
    "hours_per_year_low",
    "hours_per_year_high",
]


@dataclass
class _Tally:
    """Running sums of meetings and hours; what the source does not give is counted apart."""

    meetings: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])  # low, mid, high
    hours: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])
    meetings_counted: int = 0
    hours_counted: int = 0
    meetings_missing: int = 0
    hours_missing: int = 0

    def add(self, other: _Tally) -> None:
        for mine, theirs in ((self.meetings, other.meetings), (self.hours, other.hours)):
            for i in range(3):
                mine[i] += theirs[i]
        self.meetings_counted += other.meetings_counted
        self.hours_counted += other.hours_counted
        self.meetings_missing += other.meetings_missing
        self.hours_missing += other.hours_missing

    def columns(self) -> dict[str, float]:
        """The figures as columns: NaN where nothing is given, no upper bound where something is missing."""
        result: dict[str, float] = {}
        for name, values, counted, missing in (
            ("meetings_per_year", self.meetings, self.meetings_counted, self.meetings_missing),
            ("hours_per_year", self.hours, self.hours_counted, self.hours_missing),
        ):
            low, mid, high = values if counted or not missing else (_NAN, _NAN, _NAN)
            result[name] = mid
            result[f"{name}_low"] = low
            result[f"{name}_high"] = _NAN if missing else high
        return result


def _series_tally(series: MeetingSeries) -> _Tally:
    tally = _Tally()
    cadence = series.cadence.per_year_range()
    if cadence is None:
        tally.meetings_missing = tally.hours_missing = 1
        return tally
    low, high = cadence
    tally.meetings = [low, (low + high) / 2, high]
    tally.meetings_counted = 1
    if series.hours is None:
        tally.hours_missing = 1
        return tally
    short, long = series.hours, series.hours_max if series.hours_max is not None else series.hours
    tally.hours = [low * short, (low + high) / 2 * (short + long) / 2, high * long]
    tally.hours_counted = 1
    return tally


def _forum_tally(forum: Forum) -> _Tally:
    tally = _Tally()
    if not forum.meetings:
        tally.meetings_missing = tally.hours_missing = 1
    for series in forum.meetings:
        tally.add(_series_tally(series))
    return tally


def _forum_items(org: Org) -> dict[str, Forum]:
    return {forum.id: forum for forum in org.document.forums}


def forum_load(org: Org) -> pd.DataFrame:
    """Meetings and hours a year of every forum, from its meeting series.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by forum id, with ``name``, ``series`` (meeting series given),
        ``meetings_per_year`` and ``hours_per_year`` each with ``_low`` and
        ``_high`` (see the module notes for ranges and missing numbers),
        ``meetings_given`` and ``hours_given`` (every series gives its
        cadence / cadence and length), ``members`` (posts) and ``people``
        (NaN when a head count is unknown).

    Examples
    --------
    >>> import orggraph
    >>> forum_load(orggraph.example())[["meetings_per_year", "hours_per_year", "hours_given"]]
                meetings_per_year  hours_per_year  hours_given
    forum
    board                    26.0            39.0         True
    all-hands                 4.0             8.0         True
    ops-huddle                NaN             NaN        False
    """
    forums = _forum_items(org)
    rows = []
    for forum_id, forum in forums.items():
        tally = _forum_tally(forum)
        members = org.members(forum_id)
        rows.append(
            {
                "name": forum.name,
                "series": len(forum.meetings),
                **tally.columns(),
                "meetings_given": tally.meetings_missing == 0,
                "hours_given": tally.hours_missing == 0,
                "members": len(members),
                "people": _people_sum(org, members),
            }
        )
    columns = ["name", "series", *_FIGURES, "meetings_given", "hours_given", "members", "people"]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(list(forums), name="forum", dtype=object))
    return count_types(frame, counts=["series", "members"], people=["people"])


def _people_sum(org: Org, posts: Iterable[str]) -> float:
    total = 0.0
    for post in posts:
        count = org.headcount(post)
        if count is None:
            return _NAN
        total += count
    return total


def meeting_load(org: Org, *, include_guests: bool = True) -> pd.DataFrame:
    """Forums, meetings and hours a year of every post.

    A post's figures are the sum over the forums it takes part in (as
    member, chair, owner or guest); each holder of a post carries the full
    load. See the module notes for how ranges and missing numbers are
    counted.

    Parameters
    ----------
    org : Org
        The organisation.
    include_guests : bool, default True
        Count the forums a post attends only as a guest (in full).

    Returns
    -------
    pandas.DataFrame
        Indexed by post id (every post), with ``name``, ``headcount``,
        ``forums``, ``meetings_per_year`` and ``hours_per_year`` each with
        ``_low`` and ``_high``, ``uncounted_meetings`` (forums whose cadence
        is not given), ``uncounted_hours`` (forums whose cadence or length is
        not given), ``guest_forums`` and ``time_share_low`` / ``time_share_high``
        (the share of working time forums such as a development forum claim,
        summed).

    Examples
    --------
    >>> import orggraph
    >>> load = meeting_load(orggraph.example())
    >>> load.loc[["ceo", "coo", "chair"], ["forums", "hours_per_year", "uncounted_hours", "guest_forums"]]
           forums  hours_per_year  uncounted_hours  guest_forums
    post
    ceo         2            47.0                0             0
    coo         3            47.0                1             0
    chair       1            39.0                0             1
    >>> int(meeting_load(orggraph.example(), include_guests=False).loc["chair", "forums"])
    0
    """
    forums = _forum_items(org)
    tallies = {forum_id: _forum_tally(forum) for forum_id, forum in forums.items()}
    rows = []
    posts = org.nodes("post")
    for post in posts:
        tally = _Tally()
        count = guests = uncounted_meetings = uncounted_hours = 0
        share_low = share_high = 0.0
        for forum_id, roles in org.forum_roles(post).items():
            if roles == ["guest"]:
                if not include_guests:
                    continue
                guests += 1
            count += 1
            forum_tally = tallies[forum_id]
            tally.add(forum_tally)
            uncounted_meetings += forum_tally.meetings_missing > 0
            uncounted_hours += forum_tally.hours_missing > 0
            share = forums[forum_id].time_share
            if share is not None:
                share_low += share[0]
                share_high += share[1]
        headcount = org.headcount(post)
        rows.append(
            {
                "name": org.name(post),
                "headcount": _NAN if headcount is None else float(headcount),
                "forums": count,
                **tally.columns(),
                "uncounted_meetings": uncounted_meetings,
                "uncounted_hours": uncounted_hours,
                "guest_forums": guests,
                "time_share_low": share_low,
                "time_share_high": share_high,
            }
        )
    columns = [
        "name",
        "headcount",
        "forums",
        *_FIGURES,
        "uncounted_meetings",
        "uncounted_hours",
        "guest_forums",
        "time_share_low",
        "time_share_high",
    ]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(posts, name="post", dtype=object))
    counts = ["forums", "uncounted_meetings", "uncounted_hours", "guest_forums"]
    return count_types(frame, counts=counts, people=["headcount"])


def _forum_ancestors(forums: dict[str, Forum]) -> dict[str, set[str]]:
    """The forums each forum is (transitively) part of."""
    result: dict[str, set[str]] = {}
    for forum_id in forums:
        seen: set[str] = set()
        parent = forums[forum_id].part_of
        while parent is not None and parent not in seen and parent in forums:
            seen.add(parent)
            parent = forums[parent].part_of
        result[forum_id] = seen
    return result


def forum_overlap(org: Org, *, threshold: float = 0.8) -> pd.DataFrame:
    """Pairs of forums that share members: how many, and their Jaccard similarity.

    Members are the forums' member posts (groups and units expanded; guests,
    chairs and owners who are not members do not count). Only pairs with at
    least one shared member are listed, most similar first. Pairs are found
    through the posts' forums, not by comparing every pair of forums.

    Parameters
    ----------
    org : Org
        The organisation.
    threshold : float, default 0.8
        The Jaccard similarity from which a pair is a candidate for redundancy.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``forum_a``, ``forum_b``), with ``name_a``, ``name_b``,
        ``members_a``, ``members_b``, ``shared`` (posts in both),
        ``jaccard`` (shared posts / posts in either), ``people_jaccard`` (the
        same in people; NaN when a head count is unknown), ``contained`` (the
        smaller forum's members all sit in the larger), ``nested`` (one forum
        is part of the other) and ``candidate``: ``jaccard >= threshold``,
        not nested, and neither forum a series of one-to-one meetings.

    Examples
    --------
    >>> import orggraph
    >>> overlap = forum_overlap(orggraph.example())
    >>> overlap[["shared", "jaccard", "contained", "candidate"]].round(3)
                          shared  jaccard  contained  candidate
    forum_a forum_b
    board   all-hands          3    0.429       True      False
    all-hands ops-huddle       2    0.286       True      False
    board   ops-huddle         1    0.250      False      False
    """
    forums = _forum_items(org)
    members = {forum_id: org.members(forum_id) for forum_id in forums}
    position = {forum_id: i for i, forum_id in enumerate(forums)}
    forums_of: dict[str, list[str]] = {}
    for forum_id, posts in members.items():
        for post in posts:
            forums_of.setdefault(post, []).append(forum_id)
    shared: dict[tuple[str, str], list[str]] = {}
    for post, of in forums_of.items():
        ordered = sorted(of, key=position.__getitem__)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared.setdefault((a, b), []).append(post)
    ancestors = _forum_ancestors(forums)
    rows = []
    for (a, b), both in shared.items():
        union = len(members[a]) + len(members[b]) - len(both)
        jaccard = len(both) / union
        people_union = _people_sum(org, set(members[a]) | set(members[b]))
        people_jaccard = _people_sum(org, both) / people_union if people_union else _NAN
        nested = a in ancestors[b] or b in ancestors[a]
        one_to_one = "one_to_one" in (forums[a].kind, forums[b].kind)
        rows.append(
            {
                "forum_a": a,
                "forum_b": b,
                "name_a": forums[a].name,
                "name_b": forums[b].name,
                "members_a": len(members[a]),
                "members_b": len(members[b]),
                "shared": len(both),
                "jaccard": jaccard,
                "people_jaccard": people_jaccard,
                "contained": len(both) == min(len(members[a]), len(members[b])),
                "nested": nested,
                "candidate": jaccard >= threshold and not nested and not one_to_one,
            }
        )
    columns = [
        "forum_a",
        "forum_b",
        "name_a",
        "name_b",
        "members_a",
        "members_b",
        "shared",
        "jaccard",
        "people_jaccard",
        "contained",
        "nested",
        "candidate",
    ]
    frame = pd.DataFrame(rows, columns=columns).astype(
        {"shared": "int64", "jaccard": "float64", "contained": "bool", "nested": "bool", "candidate": "bool"}
    )
    frame = frame.sort_values(["jaccard", "shared"], ascending=False, kind="stable")
    return frame.set_index(["forum_a", "forum_b"])


def redundancy_candidates(org: Org, *, threshold: float = 0.8) -> pd.DataFrame:
    """Pairs of forums with (nearly) the same members: candidates for merging.

    A pair is a candidate when its Jaccard similarity is at least
    ``threshold``, neither forum is part of the other, and neither is a
    series of one-to-one meetings. Same members is a reason to look, not a
    verdict: a seminar and a weekly meeting of the same group may serve
    different purposes (compare ``purposes`` and cadence before merging).

    Parameters
    ----------
    org : Org
        The organisation.
    threshold : float, default 0.8
        The Jaccard similarity from which a pair is a candidate.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`forum_overlap` that are candidates.

    Examples
    --------
    >>> import orggraph
    >>> redundancy_candidates(orggraph.example(), threshold=0.4).index.tolist()
    [('board', 'all-hands')]
    """
    overlap = forum_overlap(org, threshold=threshold)
    return overlap[overlap["candidate"]]


def chair_concentration(org: Org) -> pd.DataFrame:
    """Who chairs how many forums, counting rotations by their share.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by post id (posts that chair at least one forum, the most
        chairing first), with ``name``, ``fixed`` (forums the post chairs
        alone), ``rotating`` (forums where it takes turns), ``expected``
        (``fixed`` plus 1/n for each rotation among n posts: the forums it
        chairs on average), ``share`` (of all forums that have a chair) and
        ``forums`` (their ids).

    Examples
    --------
    >>> import orggraph
    >>> chair_concentration(orggraph.example())[["fixed", "rotating", "expected", "share"]].round(3)
          fixed  rotating  expected  share
    post
    ceo       1         1     1.333  0.667
    cfo       0         1     0.333  0.167
    coo       0         1     0.333  0.167
    """
    G = org.graph
    chaired: dict[str, dict[str, float]] = {}
    forums_with_chair = 0
    for forum in org.nodes("forum"):
        chairs = org.chairs(forum)
        if not chairs:
            continue
        forums_with_chair += 1
        rotating = any(
            key == "chairs" and data.get("rotating") for _, _, key, data in G.in_edges(forum, keys=True, data=True)
        )
        for post in chairs:
            chaired.setdefault(post, {})[forum] = 1 / len(chairs) if rotating else 1.0
    rows = []
    for post, forums in chaired.items():
        expected = sum(forums.values())
        rows.append(
            {
                "name": org.name(post),
                "fixed": sum(1 for w in forums.values() if w == 1.0),
                "rotating": sum(1 for w in forums.values() if w != 1.0),
                "expected": expected,
                "share": expected / forums_with_chair,
                "forums": tuple(forums),
            }
        )
    columns = ["name", "fixed", "rotating", "expected", "share", "forums"]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(list(chaired), name="post", dtype=object))
    return frame.sort_values("expected", ascending=False, kind="stable")


def membership_matrix(org: Org, *, roles: bool = False, include_guests: bool = True) -> pd.DataFrame:
    """A post × forum table of who takes part where.

    Parameters
    ----------
    org : Org
        The organisation.
    roles : bool, default False
        Give each cell the post's roles in the forum as text (``"member,
        chair"``; empty when none) instead of 1/0.
    include_guests : bool, default True
        Count guests as taking part.

    Returns
    -------
    pandas.DataFrame
        Rows: posts that take part in at least one forum (data order);
        columns: forums (data order). Cells are ``uint8`` 1/0 (one byte
        each: 100 000 posts × 4 000 forums take 400 MB; for such sizes
        :func:`forum_overlap` or ``org.graph`` are the better tools).

    Examples
    --------
    >>> import orggraph
    >>> membership_matrix(orggraph.example())
    forum       board  all-hands  ops-huddle
    post
    chair           1          0           0
    ceo             1          1           0
    assistant       0          1           0
    cfo             1          1           0
    coo             1          1           1
    accountant      0          1           0
    site-lead       0          1           1
    technician      0          1           0
    >>> membership_matrix(orggraph.example(), roles=True).loc["ceo", "board"]
    'member, chair, owner'
    """
    forums = org.nodes("forum")
    table: dict[str, dict[str, str]] = {}
    for post in org.nodes("post"):
        row = {f: ", ".join(r) for f, r in org.forum_roles(post).items() if include_guests or r != ["guest"]}
        if row:
            table[post] = row
    index = pd.Index(list(table), name="post", dtype=object)
    columns = pd.Index(forums, name="forum", dtype=object)
    if roles:
        return pd.DataFrame([[table[p].get(f, "") for f in forums] for p in table], index=index, columns=columns)
    position = {forum: i for i, forum in enumerate(forums)}
    cells = np.zeros((len(table), len(forums)), dtype=np.uint8)
    for i, taken in enumerate(table.values()):
        cells[i, [position[f] for f in taken]] = 1
    return pd.DataFrame(cells, index=index, columns=columns)
