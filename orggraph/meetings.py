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
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from orggraph.chair_bounds import bounded_rows, has_possible_chairs
from orggraph.collectives import collectives
from orggraph.display import count_types
from orggraph.headcount import headcount_detail
from orggraph.hierarchy import hierarchy
from orggraph.participation import Participation, participation
from orggraph.ratio_range import Option, ratio_range
from orggraph.schema import MeetingSeries

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
    unbounded: bool = False  # stands for an unknown number of series: no midpoint, no upper bound

    def add(self, other: _Tally) -> None:
        for mine, theirs in ((self.meetings, other.meetings), (self.hours, other.hours)):
            for i in range(3):
                mine[i] += theirs[i]
        self.meetings_counted += other.meetings_counted
        self.hours_counted += other.hours_counted
        self.meetings_missing += other.meetings_missing
        self.hours_missing += other.hours_missing
        self.unbounded |= other.unbounded

    def columns(self) -> dict[str, float]:
        """The figures as columns: NaN where nothing is given, no upper bound where something is missing."""
        result: dict[str, float] = {}
        for name, values, counted, missing in (
            ("meetings_per_year", self.meetings, self.meetings_counted, self.meetings_missing),
            ("hours_per_year", self.hours, self.hours_counted, self.hours_missing),
        ):
            low, mid, high = values if counted or not missing else (_NAN, _NAN, _NAN)
            result[name] = _NAN if self.unbounded else mid
            result[f"{name}_low"] = low
            result[f"{name}_high"] = _NAN if missing or self.unbounded else high
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


def _forum_tally(meetings: Iterable[MeetingSeries], count: float = 1.0) -> _Tally:
    """The meetings and hours of a forum's series; ``count`` identical series (inf: an unknown number)."""
    tally = _Tally()
    meetings = tuple(meetings)
    if not meetings:
        tally.meetings_missing = tally.hours_missing = 1
    for series in meetings:
        tally.add(_series_tally(series))
    if count != 1.0:
        scale = [1.0, _NAN, _NAN] if math.isinf(count) else [count] * 3
        tally.meetings = [value * factor for value, factor in zip(tally.meetings, scale, strict=True)]
        tally.hours = [value * factor for value, factor in zip(tally.hours, scale, strict=True)]
        tally.unbounded = math.isinf(count)
    return tally


def _forum_attrs(org: Org) -> dict[str, dict[str, Any]]:
    """The forums that meet (per-holder templates left out: their series meet), with their node attributes."""
    nodes = org.graph.nodes
    return {forum: nodes[forum] for forum in participation(org).forums}


def forum_load(org: Org) -> pd.DataFrame:
    """Meetings, hours and person-hours a year of every forum, from its meeting series.

    A per-holder forum (``for_each``) is listed as its series, one row each
    (``series_of`` names the forum); a pair series that stands for several
    identical pairs (a report post with ``headcount: 9``) counts all their
    meetings. People are per meeting (:func:`orggraph.headcount.headcount_detail`):
    a range where members depend on candidate managers, a declared count
    ("ca. 130") where the members give no number.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by forum id, with ``name``, ``series_of`` (the per-holder
        forum a series belongs to, else None), ``series`` (meeting series
        given), ``meetings_per_year`` and ``hours_per_year`` each with
        ``_low`` and ``_high`` (see the module notes for ranges and missing
        numbers), ``meetings_given`` and ``hours_given`` (every series gives
        its cadence / cadence and length), ``members`` (posts in every
        reading), ``possible_members`` (posts only in some readings),
        ``held_always`` (False: a series held only in some readings),
        ``people`` (NaN when not exact) with ``people_low``, ``people_high``,
        ``people_approx`` and ``people_source`` (``members``, ``declared <id>``
        or ``unknown``), ``person_hours`` (people × hours; NaN when either is
        not exact) with ``person_hours_low`` and ``person_hours_high``, and
        ``uncertain`` (why a figure is a range; None when it is not).

    Examples
    --------
    >>> import orggraph
    >>> forum_load(orggraph.example())[["meetings_per_year", "hours_per_year", "people", "person_hours"]]
                meetings_per_year  hours_per_year  people  person_hours
    forum
    board                    26.0            39.0       3         117.0
    all-hands                 4.0             8.0      13         104.0
    ops-huddle                NaN             NaN       3           NaN
    """
    table = participation(org)
    rows = []
    forums = _forum_attrs(org)
    for forum_id, attrs in forums.items():
        taking = table.of[forum_id]
        tally = _forum_tally(attrs.get("meetings", ()), taking.count)
        figures = tally.columns()
        people = headcount_detail(org, forum_id)
        value = _NAN if people.value is None else people.value
        why = [people.why] if people.why else []
        if math.isinf(taking.count):
            why.append("the report's head count (the number of pairs) is unknown")
        rows.append(
            {
                "name": attrs["name"],
                "series_of": attrs.get("series_of"),
                "series": len(attrs.get("meetings", ())),
                **figures,
                "meetings_given": tally.meetings_missing == 0,
                "hours_given": tally.hours_missing == 0,
                "members": len(taking.certain),
                "possible_members": len(taking.possible),
                "held_always": taking.exists,
                "people": value,
                "people_low": people.low,
                "people_high": people.high,
                "people_approx": people.approx,
                "people_source": people.source,
                "person_hours": value * figures["hours_per_year"],
                "person_hours_low": people.low * figures["hours_per_year_low"],
                "person_hours_high": people.high * figures["hours_per_year_high"],
                "uncertain": "; ".join(why) or None,
            }
        )
    columns = [
        "name",
        "series_of",
        "series",
        *_FIGURES,
        "meetings_given",
        "hours_given",
        "members",
        "possible_members",
        "held_always",
        "people",
        "people_low",
        "people_high",
        "people_approx",
        "people_source",
        "person_hours",
        "person_hours_low",
        "person_hours_high",
        "uncertain",
    ]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(list(forums), name="forum", dtype=object))
    frame = frame.astype({"held_always": bool, "people_approx": bool})
    people_columns = ["people", "people_low", "people_high"]
    return count_types(frame, counts=["series", "members", "possible_members"], people=people_columns)


def meeting_load(org: Org, *, include_guests: bool = True) -> pd.DataFrame:
    """Forums, meetings and hours a year of every post.

    A post's figures are the sum over the forums it takes part in (as
    member, chair, owner or guest); each holder of a post carries the full
    load. See the module notes for how ranges and missing numbers are
    counted. A forum the post sits in only in some readings of the documents
    (a per-holder series whose members depend on candidate managers, or a
    forum that names a group whose rule selects the post through
    ``reporting_to`` in some readings only) counts in the ``_high`` figures only: the exact figures (``forums``,
    ``meetings_per_year``, ``hours_per_year``) are then NaN and ``uncertain``
    says why. The holder of a pair series attends every pair's meetings, each
    person of the report post their own.

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
        ``forums`` with ``forums_low`` and ``forums_high``,
        ``meetings_per_year`` and ``hours_per_year`` each with ``_low`` and
        ``_high``, ``uncounted_meetings`` (forums whose cadence is not
        given), ``uncounted_hours`` (forums whose cadence or length is not
        given), ``guest_forums``, ``time_share_low`` / ``time_share_high``
        (the share of working time forums such as a development forum claim,
        summed) and ``uncertain``.

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
    forums = _forum_attrs(org)
    table = participation(org)
    return _load_frame(org, _post_loads(org, forums, table, include_guests=include_guests))


_COUNT_COLUMNS = ("forums", "forums_low", "forums_high", "uncounted_meetings", "uncounted_hours", "guest_forums")
_NUMBER_COLUMNS = (*_COUNT_COLUMNS[:3], *_FIGURES, *_COUNT_COLUMNS[3:], "time_share_low", "time_share_high")


def _post_loads(
    org: Org, forums: dict[str, dict[str, Any]], table: Participation, *, include_guests: bool
) -> dict[int, dict[str, Any]]:
    """Position of a post (in ``org.nodes("post")``) -> its row of :func:`meeting_load`, for posts in some forum.

    Every other post's row is zeros: only the posts that take part in a forum are visited.
    """
    rows: dict[int, dict[str, Any]] = {}
    if not table.roles:
        return rows
    tallies = {forum_id: _forum_tally(attrs.get("meetings", ())) for forum_id, attrs in forums.items()}
    nodes = org.graph.nodes
    candidates = hierarchy(org).candidates
    for position, post in enumerate(org.nodes("post")):
        held = table.roles.get(post)
        if not held:
            continue
        sure, maybe = _Tally(), _Tally()
        count = possible = guests = uncounted_meetings = uncounted_hours = 0
        share_low = share_high = 0.0
        one_of, grouped = _one_series_each(post, held, nodes, candidates.get(post, ()), table)
        maybe_here = table.maybe_roles.get(post, {})
        for exactly_one in one_of.values():  # one series of the template in every reading (or at most one)
            count += exactly_one
            possible += not exactly_one
        for forum_id, (roles, certain) in held.items():
            if not include_guests and "guest" in roles:
                kept = [role for role in roles if role != "guest"]
                if not kept:
                    continue
                certain = any(role not in maybe_here.get(forum_id, ()) for role in kept)
            if roles == ["guest"]:
                guests += certain
            taking = table.of[forum_id]
            forum_tally = tallies[forum_id]
            times = taking.times(post)
            if times != 1.0:
                forum_tally = _forum_tally(forums[forum_id].get("meetings", ()), times)
            if forum_id in grouped:  # the post sits in one series of the template, all with the same meetings
                if forum_id not in one_of:
                    continue
                (sure if one_of[forum_id] else maybe).add(forum_tally)
            else:
                (sure if certain else maybe).add(forum_tally)
                count += certain
                possible += not certain
            uncounted_meetings += forum_tally.meetings_missing > 0
            uncounted_hours += forum_tally.hours_missing > 0
            share = forums[forum_id].get("time_share")
            if share is not None:
                share_low += share[0] if certain else 0.0
                share_high += share[1]
        rows[position] = {
            "forums": count if not possible else _NAN,
            "forums_low": count,
            "forums_high": count + possible,
            **_ranged(sure, maybe),
            "uncounted_meetings": uncounted_meetings,
            "uncounted_hours": uncounted_hours,
            "guest_forums": guests,
            "time_share_low": share_low,
            "time_share_high": share_high,
            "uncertain": _why_uncertain(possible, len(one_of)),
        }
    return rows


def load_figures(org: Org) -> pd.DataFrame:
    """The ``headcount``, ``forums`` and ``hours_per_year`` columns of :func:`meeting_load`, typed as there.

    For :func:`orggraph.metrics.metrics_summary`: no names or reasons made for every post.

    Examples
    --------
    >>> import orggraph
    >>> load_figures(orggraph.example()).loc["coo"].tolist()
    [1.0, 3.0, 47.0]
    """
    rows = _post_loads(org, _forum_attrs(org), participation(org), include_guests=True)
    return _load_frame(org, rows, figures=("forums", "hours_per_year"))


def _load_frame(org: Org, rows: dict[int, dict[str, Any]], figures: tuple[str, ...] = _NUMBER_COLUMNS) -> pd.DataFrame:
    """The table of :func:`meeting_load` from the rows of the posts in some forum: zeros for every other post.

    With ``figures`` other than every number column: ``headcount`` and those only (no ``name``, no ``uncertain``).
    """
    whole = figures == _NUMBER_COLUMNS
    posts = org.nodes("post")
    n = len(posts)
    attrs = [a for _, a in org.graph.nodes(data=True) if a["kind"] == "post"]  # in the order of org.nodes
    counts = [a.get("headcount", 1) for a in attrs]
    if "unknown" in counts:
        counts = [_NAN if count == "unknown" else count for count in counts]
    columns: dict[str, Any] = {"name": [a["name"] for a in attrs]} if whole else {}
    columns["headcount"] = np.array(counts, dtype=np.float64)
    at = np.fromiter(rows, dtype=np.int64, count=len(rows))
    for column in figures:
        values = np.zeros(n, dtype=np.float64)
        values[at] = np.array([row[column] for row in rows.values()], dtype=np.float64)
        columns[column] = values
    if whole:
        uncertain = np.full(n, None, dtype=object)
        uncertain[at] = np.array([row["uncertain"] for row in rows.values()] + [None], dtype=object)[:-1]
        columns["uncertain"] = uncertain
    frame = pd.DataFrame(columns, index=pd.Index(posts, name="post", dtype=object))
    return count_types(frame, counts=_COUNT_COLUMNS, people=["headcount"])


def _one_series_each(
    post: str,
    held: dict[str, tuple[list[str], bool]],
    nodes: Any,
    candidates: tuple[str, ...],
    table: Participation,
) -> tuple[dict[str, bool], set[str]]:
    """Per-holder templates whose series ``post`` sits in only possibly, through its candidate managers.

    The post reports to one candidate in every reading, so it sits in at most
    one series of each such template, and in exactly one when every candidate
    holds a series of it. Returns the first series of each template -> exactly
    one, and every series so grouped. A template whose series the post may
    also sit in through a group (:attr:`~orggraph.participation.Taking.correlated`:
    then in every series at once) is not grouped: each of its series counts on its own.
    """
    groups: dict[str, list[str]] = {}
    if not candidates:  # a post with a documented manager (or none) sits in the series it is listed in
        return {}, set()
    through_groups: set[str] = set()
    for forum_id, (roles, certain) in held.items():
        attrs = nodes[forum_id]
        template, holder = attrs.get("series_of"), attrs.get("holder")
        if post in table.of[forum_id].correlated:
            through_groups.add(template)
        report = attrs.get("report")  # a pair series: its report; an area series: its possible members
        as_report = report == post if report is not None else post in (attrs.get("possible_members") or ())
        if not certain and roles == ["member"] and as_report and template is not None and holder in candidates:
            groups.setdefault(template, []).append(forum_id)
    for template in through_groups:
        groups.pop(template, None)
    return {
        forum_id: {nodes[s]["holder"] for s in series} == set(candidates)
        for series in groups.values()
        for forum_id in series[:1]
    }, {forum_id for series in groups.values() for forum_id in series}


def _why_uncertain(possible: int, templates: int) -> str | None:
    """Why a post's meeting load is a range: forums in some readings only, or one series of several."""
    reasons = []
    if possible:
        reasons.append(f"{possible} forum(s) only in some readings (candidate managers)")
    if templates:
        reasons.append(f"one series of each of {templates} per-holder forum(s), which one depends on the manager")
    return "; ".join(reasons) or None


def _ranged(sure: _Tally, maybe: _Tally) -> dict[str, float]:
    """The figures of the forums taken part in for certain; those taken part in only possibly widen the high end."""
    result = sure.columns()
    if not (maybe.meetings_counted or maybe.meetings_missing):
        return result
    extra = maybe.columns()
    for name in ("meetings_per_year", "hours_per_year"):
        result[name] = _NAN
        result[f"{name}_high"] += extra[f"{name}_high"]
    return result


def _forum_ancestors(org: Org, forums: Iterable[str]) -> dict[str, set[str]]:
    """The forums each forum is (transitively) part of, per-holder templates included."""
    succ = org.graph.succ
    result: dict[str, set[str]] = {}
    for forum_id in forums:
        seen: set[str] = set()
        frontier = [forum_id]
        while frontier:
            node = frontier.pop()
            for parent, keys in succ[node].items():
                if "part_of" in keys and parent not in seen and parent != forum_id:
                    seen.add(parent)
                    frontier.append(parent)
        result[forum_id] = seen
    return result


def forum_overlap(org: Org, *, threshold: float = 0.8) -> pd.DataFrame:
    """Pairs of forums that share members: how many, and their Jaccard similarity.

    Members are the forums' member posts (groups and units expanded; guests,
    chairs and owners who are not members do not count). Only pairs that share
    a member (in some reading where both are held) are listed, most similar
    first. Pairs are found through the posts' forums, not by comparing every
    pair of forums.

    Where members depend on candidate managers (per-holder series), the
    figures are ranges over the readings of the documents: ``_low`` and
    ``_high`` columns, the exact column NaN where the readings differ and
    ``uncertain`` saying why. The ranges are exact, the lowest and highest
    over the readings where both forums are held and share a member: each post
    with candidate managers sits in a series by its own choice, so the shared
    count is a sum and a similarity a ratio of sums over independent choices,
    whose extremes :func:`orggraph.ratio_range.ratio_range` finds without
    enumerating the readings. A series held only in some readings (a 1:1 with
    a report whose manager is open) is compared in the readings that hold it.
    One bound is not exact: ``people_jaccard`` is NaN at both ends when a post
    that may sit in either forum has an unknown head count, even if some
    readings leave it out. Nor are the ranges exact where a forum's possible
    members come through a group whose rule selects them through
    ``reporting_to`` in some readings only (:attr:`orggraph.participation.Taking.correlated`):
    the posts below one open line move together, which the independent
    choices cannot express, so each such post is taken in or out of each
    forum freely. The figures are then bounds that contain the value of every
    reading, perhaps wider than the readings' extremes; a pair is listed when
    its forums may share a member, and ``uncertain`` says "bounds, not exact".

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
        ``members_a``, ``members_b`` (posts in every reading), ``shared``
        (posts in both) with ``shared_low`` and ``shared_high``, ``jaccard``
        (shared posts / posts in either) with ``jaccard_low`` and
        ``jaccard_high``, ``people_jaccard`` (the same in people; NaN when a
        head count is unknown) with ``_low`` and ``_high``, ``contained`` (the
        smaller forum's members all sit in the larger, in every reading),
        ``nested`` (one forum is part of the other), ``candidate``:
        ``jaccard_low >= threshold``, not nested, and neither forum a series
        of one-to-one meetings, and ``uncertain``.

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
    forums = _forum_attrs(org)
    table = participation(org)
    candidates = hierarchy(org).candidates
    sides = {forum_id: _Side.of(forum_id, forums[forum_id], table) for forum_id in forums}
    position = {forum_id: i for i, forum_id in enumerate(forums)}
    forums_of: dict[str, list[str]] = {}
    for forum_id, side in sides.items():
        for post in (*side.sure, *side.maybe, *side.free):
            forums_of.setdefault(post, []).append(forum_id)
    pairs: dict[tuple[str, str], None] = {}
    for of in forums_of.values():
        ordered = sorted(of, key=position.__getitem__)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(a, b)] = None
    ancestors = _forum_ancestors(org, forums)
    rows = []
    for a, b in pairs:
        figures = _overlap(sides[a], sides[b], candidates, table)
        if figures is None:  # never held together with a shared member, in any reading
            continue
        nested = a in ancestors[b] or b in ancestors[a]
        one_to_one = "one_to_one" in (forums[a].get("forum_kind"), forums[b].get("forum_kind"))
        rows.append(
            {
                "forum_a": a,
                "forum_b": b,
                "name_a": forums[a]["name"],
                "name_b": forums[b]["name"],
                "members_a": len(sides[a].sure),
                "members_b": len(sides[b].sure),
                **figures,
                "nested": nested,
                "candidate": figures["jaccard_low"] >= threshold and not nested and not one_to_one,
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
        "shared_low",
        "shared_high",
        "jaccard",
        "jaccard_low",
        "jaccard_high",
        "people_jaccard",
        "people_jaccard_low",
        "people_jaccard_high",
        "contained",
        "nested",
        "candidate",
        "uncertain",
    ]
    frame = pd.DataFrame(rows, columns=columns).astype(
        {
            "shared": "Int64",
            "shared_low": "int64",
            "shared_high": "int64",
            "jaccard": "float64",
            "jaccard_low": "float64",
            "jaccard_high": "float64",
            "people_jaccard": "float64",
            "contained": "bool",
            "nested": "bool",
            "candidate": "bool",
        }
    )
    frame = frame.sort_values(["jaccard_low", "jaccard_high", "shared_high"], ascending=False, kind="stable")
    return frame.set_index(["forum_a", "forum_b"])


@dataclass(frozen=True)
class _Side:
    """One forum of an overlap: its members when held, and those that depend on a report's manager."""

    sure: frozenset[str]  # members in every reading where the forum is held
    maybe: frozenset[str]  # members only in the readings where their manager is ``holder``
    holder: str | None
    held_if: tuple[str, str] | None  # (report, holder): held only when the holder is the report's manager
    free: frozenset[str] = frozenset()  # members in some readings through a group: in or out, whatever the choice

    @classmethod
    def of(cls, forum_id: str, attrs: dict[str, Any], table: Participation) -> _Side:
        taking = table.of[forum_id]
        free = taking.correlated
        if taking.exists:
            maybe = frozenset(taking.possible) - free
            return cls(frozenset(taking.certain), maybe, attrs.get("holder"), None, free)
        # a pair series of a report with candidate managers: when held, every member of it takes part
        sure = frozenset(taking.when_held()[0])
        return cls(sure, frozenset(), attrs.get("holder"), (attrs["report"], attrs["holder"]), free)

    def has(self, post: str, manager: str | None) -> bool:
        """Whether ``post`` sits in the forum when its manager is ``manager`` (None: no choice made)."""
        return post in self.sure or (post in self.maybe and manager == self.holder)

    def places(self, post: str, manager: str | None) -> tuple[bool, ...]:
        """Whether ``post`` may sit in the forum when its manager is ``manager``: one answer, or both (a group)."""
        return (True,) if self.has(post, manager) else (False, True) if post in self.free else (False,)


def _overlap(a: _Side, b: _Side, candidates: dict[str, tuple[str, ...]], table: Participation) -> dict[str, Any] | None:
    """The shared posts and Jaccard similarities of two forums, exactly over the readings where both are held.

    A post with candidate managers sits in a per-holder series when the holder
    is its manager; each such post chooses independently, so the shared
    count is a sum and a similarity a ratio of sums over independent choices
    (:func:`orggraph.ratio_range.ratio_range`). A pair series held only in
    some readings fixes its report's choice. Readings where the two forums
    share no member do not list the pair, so they do not count. None when no
    reading holds both with a shared member.

    A possible member through a group (``free``) is not independent: the posts
    below one open line join or leave together. It is given every place
    (in or out of each forum) its own choice allows, a superset of the
    readings: the figures are then bounds that hold every reading, not the
    exact extremes.
    """
    forced: dict[str, set[str]] = {}
    for side in (a, b):
        if side.held_if is not None:
            report, holder = side.held_if
            allowed = forced.get(report, set(candidates[report]))
            forced[report] = allowed & {holder}
    if any(not allowed for allowed in forced.values()):
        return None  # the two series are held in different readings
    variable = dict.fromkeys([*sorted(a.maybe | b.maybe | a.free | b.free), *forced])
    if not variable:  # the same members in every reading: plain counts
        return _fixed_overlap(a.sure, b.sure, table)
    weights = {post: table.people([post]) for post in a.sure | b.sure | a.maybe | b.maybe | a.free | b.free}
    unknown = any(math.isnan(weight) for weight in weights.values())
    shared_base = either_base = size_a = size_b = 0
    shared_people = either_people = Fraction(0)
    for post in (a.sure | b.sure) - variable.keys():
        both = post in a.sure and post in b.sure
        weight = Fraction(0) if unknown else Fraction(weights[post])
        shared_base += both
        either_base += 1
        shared_people += weight if both else 0
        either_people += weight
        size_a += post in a.sure
        size_b += post in b.sure
    counted: list[list[Option]] = []
    people: list[list[Option]] = []
    outcomes: list[set[tuple[bool, bool]]] = []
    for post in variable:
        own: tuple[str | None, ...] = candidates.get(post, (None,))
        choices = [c for c in own if post not in forced or c in forced[post]]
        weight = Fraction(0) if unknown else Fraction(weights[post])
        # each (in a, in b) the post may have; through a group both ways whatever its choice (a superset)
        found = list(dict.fromkeys((x, y) for c in choices for x in a.places(post, c) for y in b.places(post, c)))
        outcomes.append(set(found))
        counted.append([Option(int(x and y), int(x or y), hit=x and y) for x, y in found])
        people.append([Option(weight if x and y else 0, weight if x or y else 0, hit=x and y) for x, y in found])
        size_a += found[0][0]
        size_b += found[0][1]
    jaccard = ratio_range(shared_base, either_base, counted, hit=shared_base > 0)
    if jaccard is None:
        return None
    lowest = shared_base + sum(min(int(o.num) for o in options) for options in counted)
    shared = (max(lowest, 1), shared_base + sum(max(int(o.num) for o in options) for options in counted))
    persons: tuple[float, float] = (_NAN, _NAN)
    if not unknown:
        found_people = ratio_range(shared_people, either_people, people, hit=shared_base > 0)
        if found_people is not None:
            persons = (float(found_people[0]), float(found_people[1]))
    fixed = all(len(outcome) == 1 for outcome in outcomes)  # the same members in every reading where both are held
    if a.free or b.free:
        why: str | None = "members depend on candidate managers through a rule group (bounds, not exact)"
    elif not fixed:
        why = "members depend on candidate managers"
    elif forced:
        why = "a series held only in some readings: compared where both are held"
    else:
        why = None
    ratios = ((float(jaccard[0]), float(jaccard[1])), persons)
    return _overlap_columns(shared, ratios, fixed and shared[0] == min(size_a, size_b), why)


def _fixed_overlap(a: frozenset[str], b: frozenset[str], table: Participation) -> dict[str, Any] | None:
    """The figures of :func:`_overlap` for two forums with the same members in every reading."""
    shared, either = a & b, a | b
    if not shared:
        return None
    jaccard = len(shared) / len(either)
    people = _ratio(table.people(shared), table.people(either))
    contained = len(shared) == min(len(a), len(b))
    return _overlap_columns((len(shared), len(shared)), ((jaccard, jaccard), (people, people)), contained, None)


def _overlap_columns(
    shared: tuple[int, int],
    ratios: tuple[tuple[float, float], tuple[float, float]],
    contained: bool,
    why: str | None,
) -> dict[str, Any]:
    """The figures of one pair of forums from the lowest and highest shared count, Jaccard and people Jaccard.

    Each exact column is its value where the lowest and highest agree, None or NaN where they differ.
    """
    (jaccard_low, jaccard_high), (people_low, people_high) = ratios
    return {
        "shared": shared[0] if shared[0] == shared[1] else None,
        "shared_low": shared[0],
        "shared_high": shared[1],
        "jaccard": jaccard_low if jaccard_low == jaccard_high else _NAN,
        "jaccard_low": jaccard_low,
        "jaccard_high": jaccard_high,
        "people_jaccard": people_low if people_low == people_high else _NAN,
        "people_jaccard_low": people_low,
        "people_jaccard_high": people_high,
        "contained": contained,
        "uncertain": why,
    }


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole and not math.isnan(whole) else _NAN


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

    A rotation among n people gives each of them 1/n of the forum: a post
    that stands for two directors in a rotation of three takes 1/3 per person,
    like the post of the third. A per-holder forum counts as its series.

    A pair series whose report has candidate managers is held only in the
    readings where the holder is the report's manager, so what a post chairs,
    and how many forums have a chair, depend on the reading. The ``_low`` and
    ``_high`` figures are then the exact lowest and highest over every reading
    (each post with candidate managers given any one of them), computed
    without enumerating the readings: ``expected`` is a sum over the reports
    with candidates, each choosing its manager independently, and ``share``
    a ratio of two such sums, whose extremes Dinkelbach's method finds
    exactly (:mod:`orggraph.ratio_range`; each step linear in the series). In
    a reading where the post chairs nothing, its figures are 0; a reading
    where no forum has a chair has no share. ``expected`` and ``share`` are
    given where every reading agrees, NaN otherwise.

    The ranges are exact only while who chairs depends on the reports'
    choices alone. Where a rotation is among a group whose rule selects
    posts through ``reporting_to`` in some readings only, the posts below one
    open line take turns or not together; the figures are then bounds that
    hold every reading but may be wider than its extremes
    (:mod:`orggraph.chair_bounds`), and ``uncertain`` says "bounds, not exact".

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by post id (posts that chair a forum in some reading, the
        most chairing first), with ``name``, ``fixed`` (forums the post
        chairs alone, in every reading), ``rotating`` (forums where it takes
        turns, in every reading), ``expected`` (``fixed`` plus each
        rotation's share per person: the forums a person of the post chairs
        on average) with ``expected_low`` and ``expected_high``, ``share``
        (of all forums that have a chair) with ``share_low`` and
        ``share_high``, ``forums`` (their ids, those held in some readings
        included) and ``uncertain`` (why a figure is a range; None when not).

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
    if has_possible_chairs(org):
        return _chair_frame(
            {
                row["post"]: {
                    "name": org.name(row["post"]),
                    **_ranged_chair(row["expected_low"], row["expected_high"], (row["share_low"], row["share_high"])),
                    "fixed": row["fixed"],
                    "rotating": row["rotating"],
                    "forums": row["forums"],
                    "uncertain": "; ".join(row["reasons"]) or None,
                }
                for row in bounded_rows(org)
            }
        )
    G = org.graph
    table = participation(org)
    index = collectives(org)
    candidates = hierarchy(org).candidates
    chaired: dict[str, dict[str, tuple[Fraction, bool]]] = {}
    certain_forums = 0
    held_if: dict[str, dict[str, list[str]]] = {}  # report -> holder -> chaired series held when it is the manager
    report_of: dict[str, str] = {}
    for forum in table.forums:
        chairs = org.chairs(forum)
        if not chairs:
            continue
        held = table.of[forum].exists
        if held:
            certain_forums += 1
        else:  # a pair series of a report with candidate managers (orggraph.series)
            attrs = G.nodes[forum]
            report_of[forum] = attrs["report"]
            held_if.setdefault(attrs["report"], {}).setdefault(attrs["holder"], []).append(forum)
        rotating = index.rotates(forum)
        people = [org.headcount(post) for post in chairs]
        turns = sum(p for p in people if p is not None) if None not in people else len(chairs)
        for post in chairs:
            chaired.setdefault(post, {})[forum] = (1 / Fraction(turns) if rotating else Fraction(1), held)
    # How many chaired series each report's choice holds: every report's fewest and most, summed.
    counts = {report: [len(by_holder.get(c, ())) for c in candidates[report]] for report, by_holder in held_if.items()}
    fewest, most = sum(min(c) for c in counts.values()), sum(max(c) for c in counts.values())
    rows = []
    for post, forums in chaired.items():
        sure = sum((weight for weight, held in forums.values() if held), Fraction(0))
        low, high, share = _chair_ranges(
            forums, sure, certain_forums, held_if, report_of, candidates, counts, (fewest, most)
        )
        count = sum(1 for _, held in forums.values() if not held)
        reasons = []
        if count:
            reasons.append(f"chairs {count} series held only in some readings")
        if share[0] != share[1]:
            reasons.append("how many forums have a chair depends on candidate managers")
        rows.append(
            {
                "name": org.name(post),
                "fixed": sum(1 for w, held in forums.values() if w == 1 and held),
                "rotating": sum(1 for w, held in forums.values() if w != 1 and held),
                **_ranged_chair(low, high, share),
                "forums": tuple(forums),
                "uncertain": "; ".join(reasons) if low != high or share[0] != share[1] else None,
            }
        )
    return _chair_frame(dict(zip(chaired, rows, strict=True)))


def _ranged_chair(low: Fraction, high: Fraction, share: tuple[Fraction, Fraction]) -> dict[str, float]:
    """The ``expected`` and ``share`` columns of one chair from their lowest and highest values."""
    return {
        "expected": float(low) if low == high else _NAN,
        "expected_low": float(low),
        "expected_high": float(high),
        "share": float(share[0]) if share[0] == share[1] else _NAN,
        "share_low": float(share[0]),
        "share_high": float(share[1]),
    }


def _chair_frame(rows: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """The table of :func:`chair_concentration` from its rows by post, the most chairing first."""
    columns = [
        "name",
        "fixed",
        "rotating",
        "expected",
        "expected_low",
        "expected_high",
        "share",
        "share_low",
        "share_high",
        "forums",
        "uncertain",
    ]
    frame = pd.DataFrame(list(rows.values()), columns=columns, index=pd.Index(list(rows), name="post", dtype=object))
    return frame.sort_values(["expected_high", "expected_low"], ascending=False, kind="stable")


def _chair_ranges(
    forums: dict[str, tuple[Fraction, bool]],
    sure: Fraction,
    certain_forums: int,
    held_if: dict[str, dict[str, list[str]]],
    report_of: dict[str, str],
    candidates: dict[str, tuple[str, ...]],
    counts: dict[str, list[int]],
    totals: tuple[int, int],
) -> tuple[Fraction, Fraction, tuple[Fraction, Fraction]]:
    """The exact lowest and highest ``expected`` and ``share`` of one chair over every reading.

    Each report with candidate managers chooses one; its choice holds the
    series of that holder. The reports whose series this post does not chair
    only change how many forums have a chair: the share is lowest when they
    hold the most, highest when they hold the fewest, so they count as one
    choice of those two ends.
    """
    if not held_if:  # every chaired forum is held in every reading
        return sure, sure, (sure / certain_forums, sure / certain_forums)
    own = dict.fromkeys(report_of[forum] for forum, (_, held) in forums.items() if not held)
    choices: list[list[Option]] = []
    low = high = sure
    for report in own:
        options = [
            Option(sum((forums[f][0] for f in held_if[report].get(c, ()) if f in forums), Fraction(0)), n)
            for c, n in zip(candidates[report], counts[report], strict=True)
        ]
        choices.append(options)
        low += min(o.num for o in options)
        high += max(o.num for o in options)
    fewest = totals[0] - sum(min(counts[r]) for r in own)
    most = totals[1] - sum(max(counts[r]) for r in own)
    choices.append([Option(0, fewest), Option(0, most)])
    found = ratio_range(sure, certain_forums, choices, hit=True)
    assert found is not None  # the post chairs a forum held in some reading, so that reading has a chaired forum
    return low, high, found


def membership_matrix(
    org: Org, *, roles: bool = False, include_guests: bool = True, possible: str = "mark"
) -> pd.DataFrame:
    """A post × forum table of who takes part where.

    A post takes part in a per-holder series only in some readings of the
    documents when its manager is one of several candidates (a possible
    member), every post of a pair series that only some readings hold
    takes part only then, and a post that a group's rule selects through
    ``reporting_to`` in some readings only takes the group's places only
    then. ``possible`` says what a cell shows for those: by default they are
    marked apart (2, or ``"possible ..."``), neither shown as certain nor
    left out.

    Parameters
    ----------
    org : Org
        The organisation.
    roles : bool, default False
        Give each cell the post's roles in the forum as text (``"member,
        chair"``; empty when none) instead of a number.
    include_guests : bool, default True
        Count guests as taking part.
    possible : {"mark", "certain", "any"}, default "mark"
        ``"mark"``: a place held in some readings only is 2 (with ``roles``:
        the roles prefixed ``"possible "``); ``"certain"``: such places are
        left out (0 / empty: the table of what holds in every reading);
        ``"any"``: they count as taking part (1 / the roles: the union over
        the readings).

    Returns
    -------
    pandas.DataFrame
        Rows: posts that take part in at least one forum (data order; with
        ``"certain"``, in every reading); columns: forums (data order; a
        per-holder template's column is empty, its series take part). Cells
        are ``uint8``: 1 takes part in every reading, 2 only in some (with
        ``"mark"``), 0 not (one byte each: 100 000 posts × 4 000 forums take
        400 MB; for such sizes :func:`forum_overlap` or ``org.graph`` are the
        better tools). Count certain places with ``matrix == 1`` and possible
        ones with ``matrix > 0``, not with a plain sum.

    Raises
    ------
    ValueError
        When ``possible`` is not one of the three.

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
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: a, name: A, top: true}
    ...   - {id: b, name: B, top: true}
    ...   - {id: x, name: X, reports_to_one_of: [a, b]}
    ... forums:
    ...   - {id: area, name: Area, for_each: {holders: [a, b]}}
    ... ''')
    >>> membership_matrix(org)
    forum  area  area/a  area/b
    post
    a         0       1       0
    b         0       0       1
    x         0       2       2
    >>> membership_matrix(org, roles=True, possible="any").loc["x"].tolist()
    ['', 'member', 'member']
    """
    if possible not in ("mark", "certain", "any"):
        raise ValueError(f"possible must be 'mark', 'certain' or 'any', not {possible!r}")
    forums = org.nodes("forum")
    table_of = participation(org)
    taking, maybe = table_of.roles, table_of.maybe_roles
    table: dict[str, dict[str, tuple[list[str], list[str]]]] = {}  # post -> forum -> (roles, those held for certain)
    for post in org.nodes("post"):
        row = {}
        for forum, (held, _) in taking.get(post, {}).items():
            kept = held if include_guests else [role for role in held if role != "guest"]
            some = maybe.get(post, {}).get(forum, ())
            sure = [role for role in kept if role not in some]
            if kept and (sure or possible != "certain"):
                row[forum] = (sure if possible == "certain" else kept, sure)
        if row:
            table[post] = row
    index = pd.Index(list(table), name="post", dtype=object)
    columns = pd.Index(forums, name="forum", dtype=object)
    if roles:

        def text(cell: tuple[list[str], list[str]] | None) -> str:
            if cell is None:
                return ""
            held, sure = cell
            return ", ".join(role if role in sure or possible == "any" else "possible " + role for role in held)

        return pd.DataFrame([[text(table[p].get(f)) for f in forums] for p in table], index=index, columns=columns)
    position = {forum: i for i, forum in enumerate(forums)}
    cells = np.zeros((len(table), len(forums)), dtype=np.uint8)
    for i, taken in enumerate(table.values()):
        for forum, (_, sure) in taken.items():
            cells[i, position[forum]] = 1 if sure or possible == "any" else 2
    return pd.DataFrame(cells, index=index, columns=columns)
