"""Spans of control and layers: the figures organisation design starts from.

Every figure comes from one pass over the reporting structure (the
``reports_to`` edges of :mod:`orggraph.graph`), so the cost is
O(posts + reporting lines) however deep or wide the organisation is.

Conventions, applied everywhere in this module:

- **People, not boxes.** A post stands for ``headcount`` people (a post for
  130 institution leaders counts 130). People-weighted figures are NaN where
  a head count is ``"unknown"``; the post-counted figures next to them are
  always known.
- **Staff posts are kept out of spans.** A post with ``staff: true`` (an
  assistant, a secretariat) counts neither in its manager's direct span nor in
  the total span above it; it is flagged (``staff``) and counted in its
  manager's ``staff_reports``. People *below* a staff post still count in the
  total spans above it.
- **A manager** is a post with at least one non-staff direct report. Its
  ``span`` is the direct reports of each holder: ``direct / headcount``
  (a post for 20 department heads with 130 leaders below has a span of 6.5).
- **Bodies.** A post whose manager is documented only as a body (a
  ``reports_to`` edge with ``body=True``) counts in no post's span; in
  :func:`layers` it sits one layer below the deepest member of that body.
- **Undocumented managers.** A post with ``manager_unknown: true`` has a line
  manager that the source implies but does not name. It is not a top: it
  counts in no post's span (its manager's is unknown), and neither it nor any
  post below it has a known layer (NaN in :func:`layers`, an ``"unknown"``
  row in :func:`headcount_by_layer`, left out of the depth). A body with such
  a post among its members has an unknown layer too, and so have the posts
  below the body.

Examples
--------
>>> import orggraph
>>> from orggraph.metrics import span_of_control
>>> spans = span_of_control(orggraph.example())
>>> spans.loc[["coo", "site-lead"], ["direct", "total", "span", "manages"]]
           direct  total  span                  manages
post
coo             2      6   2.0                 managers
site-lead       4      4   2.0  individual contributors
"""

from __future__ import annotations

import itertools
import math
import numbers as numbers_abc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import repeat
from operator import is_not, itemgetter
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from orggraph.checks import functional_cycles
from orggraph.display import count_types, formatted
from orggraph.errors import OptionError, OrgDataError, Problem
from orggraph.hierarchy import hierarchy
from orggraph.memo import per_org
from orggraph.text import format_number

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = [
    "SPAN_EDGES",
    "MetricsSummary",
    "headcount_by_layer",
    "layers",
    "metrics_summary",
    "span_bins",
    "span_of_control",
]

SPAN_EDGES: tuple[float, ...] = (1, 2, 4, 8, 13, 17)
"""Lower edges of the default span bins: 1 / 2-3 / 4-7 / 8-12 / 13-16 / 17+."""

_NAN = math.nan
_SPAN_TYPES: dict[str, str] = {
    "name": "object",
    "headcount": "float64",
    "staff": "bool",
    "direct": "float64",
    "direct_posts": "float64",
    "total": "float64",
    "total_posts": "float64",
    "span": "float64",
    "staff_reports": "int64",
    "manager": "bool",
    "manages": "object",
    "single_report": "bool",
    "direct_min": "float64",
    "direct_max": "float64",
    "total_min": "float64",
    "total_max": "float64",
    "uncertainty": "object",
}


def _people(org: Org, post: str) -> float:
    """The head count of a post as a float, NaN when unknown."""
    count = org.graph.nodes[post].get("headcount", 1)
    return _NAN if count == "unknown" else float(count)


def _cycle_error(org: Org, start: str) -> OrgDataError:
    """The error for a reporting cycle through ``start``, naming the whole cycle."""
    path = [start]
    seen = {start}
    current = org.manager(start)
    while current is not None and current not in seen:
        path.append(current)
        seen.add(current)
        current = org.manager(current) if org.kind(current) == "post" else None
    cycle = [*path[path.index(current) :], current] if current is not None else path
    text = " → ".join(cycle)
    return OrgDataError(
        [
            Problem(
                file=org.title,
                line=0,
                column=0,
                path=f"posts.{start}.reports_to",
                message=f"reporting cycle {text}: spans and layers need a reporting tree",
                suggestion="give one post of the cycle another manager; org.lint() lists every cycle (OG305)",
            )
        ]
    )


def _cycle_start(org: Org) -> str:
    """The first post, in the data's order, of the first reporting cycle (there must be one)."""
    order = {post: position for position, post in enumerate(org.nodes("post"))}
    return functional_cycles(hierarchy(org).managers, order)[0][0]


def span_of_control(org: Org) -> pd.DataFrame:
    """Direct and total spans of control of every post, in people and in posts.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by post id (in the data's order), with columns

        ``name``
            The post's name.
        ``headcount``
            People the post stands for (``<NA>`` when unknown; ``Int64``, or ``Float64`` when an import gave FTEs).
        ``staff``
            The post is a staff post, kept out of its manager's spans.
        ``direct``, ``direct_posts``
            People / posts reporting directly (staff posts left out).
        ``total``, ``total_posts``
            People / posts anywhere below (staff posts left out, people
            below them counted).
        ``span``
            Direct reports of each holder of the post: ``direct / headcount``
            (NaN for a manager post of unknown size or with no holder).
        ``staff_reports``
            Staff posts reporting directly.
        ``manager``
            The post has at least one non-staff direct report.
        ``manages``
            ``"managers"`` when at least one direct report is itself a
            manager, ``"individual contributors"`` for other managers,
            ``"nobody"`` for posts that manage no one.
        ``single_report``
            Each holder has exactly one direct report (``span == 1``).
        ``direct_min``, ``direct_max``, ``total_min``, ``total_max``
            The spans over every reading of the documents where a post's
            manager is one of several candidates (``reports_to_one_of``): each
            reading lies inside. Where low and high differ, ``direct``,
            ``direct_posts``, ``total``, ``total_posts`` and ``span`` are
            ``<NA>`` (never 0 for unknown), ``manages`` is ``"unknown"`` for a
            post that may or may not manage anyone, and ``manager`` is True
            only for posts that manage someone in every reading.
        ``uncertainty``
            None when the spans are exact; otherwise which posts' candidate
            managers make them uncertain.

        People-weighted columns are ``<NA>`` where a head count involved is unknown; post counts are ``Int64``.

    Raises
    ------
    OrgDataError
        If the reporting lines contain a cycle (name of the cycle in the message).

    See Also
    --------
    span_bins : how many managers have which span.
    layers : the layer of every post.

    Examples
    --------
    >>> import orggraph
    >>> spans = span_of_control(orggraph.example())
    >>> spans[["direct", "direct_posts", "total", "total_posts", "staff_reports"]].loc[["ceo", "coo"]]
          direct  direct_posts  total  total_posts  staff_reports
    post
    ceo        2             2     11            5              1
    coo        2             1      6            2              0
    >>> spans.index[spans["single_report"]].tolist()
    ['chair']
    """
    return count_types(_spans(org), counts=_SPAN_COUNTS, people=_SPAN_PEOPLE)


_SPAN_COUNTS = ("direct_posts", "total_posts", "staff_reports")
_SPAN_PEOPLE = ("headcount", "direct", "total", "direct_min", "direct_max", "total_min", "total_max")


def _spans(org: Org) -> pd.DataFrame:
    """:func:`span_of_control` with people in float64 (NaN when unknown), for the computations here."""
    return _with_ranges(org, _certain_spans(org)).astype(_SPAN_TYPES)


def _certain_spans(org: Org) -> pd.DataFrame:
    """The spans of the documented lines: a post whose manager is one of several candidates counts in none.

    Raises
    ------
    OrgDataError
        If the reporting lines contain a cycle (the message names it).
    """
    spans = _span_arrays(org)
    if spans is None:
        raise _cycle_error(org, _cycle_start(org))
    return spans


def _with_ranges(org: Org, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the range of each span over every reading of the candidate managers.

    A post with candidate managers adds its people (its own, unless it is a
    staff post, and everyone below it) to the total of every post above it
    in *every* reading (:meth:`~orggraph.hierarchy.Hierarchy.certain_superiors`)
    at the low end, and of every post above it in *some* reading at the high
    end; its own people to the direct span of each candidate at the high end.
    Where low and high differ, ``direct``/``total`` (and their post counts)
    are NaN and ``uncertainty`` says which posts make them uncertain.
    """
    frame = frame.assign(
        direct_min=frame["direct"],
        direct_max=frame["direct"],
        total_min=frame["total"],
        total_max=frame["total"],
        uncertainty=None,
    )
    index = hierarchy(org)
    if not index.uncertain:
        return frame
    position = {post: i for i, post in enumerate(frame.index)}
    people = frame["headcount"].to_numpy()
    staff = frame["staff"].to_numpy()
    total = frame["total"].to_numpy()
    total_posts = frame["total_posts"].to_numpy()
    columns = {c: frame[c].to_numpy(dtype=np.float64, copy=True) for c in ("direct_min", "direct_max", "total_min")}
    columns["total_max"] = frame["total_max"].to_numpy(dtype=np.float64, copy=True)
    direct_posts_max = frame["direct_posts"].to_numpy(dtype=np.float64, copy=True)
    total_posts_min = frame["total_posts"].to_numpy(dtype=np.float64, copy=True)
    total_posts_max = total_posts_min.copy()
    reasons: dict[int, dict[str, None]] = {}  # post -> the posts with candidate managers that make it uncertain
    for post, candidates in index.candidates.items():
        at = position[post]
        own, own_posts = (0.0, 0) if staff[at] else (float(people[at]), 1)
        weight, posts_below = own + total[at], own_posts + total_posts[at]
        certain = {position[x] for x in index.certain_superiors(post) if x in position}
        possible = {position[x] for x in index.possible_superiors(post) if x in position}
        for x in certain:
            columns["total_min"][x] += weight
            total_posts_min[x] += posts_below
        for x in possible:
            columns["total_max"][x] += weight
            total_posts_max[x] += posts_below
            if x not in certain:
                reasons.setdefault(x, {})[post] = None
        if own_posts:
            for candidate in candidates:
                x = position[candidate]
                columns["direct_max"][x] += own
                direct_posts_max[x] += 1
                reasons.setdefault(x, {})[post] = None
    frame = frame.assign(**columns)
    exact_direct = direct_posts_max == frame["direct_posts"].to_numpy()
    exact_total = total_posts_min == total_posts_max
    frame["direct"] = np.where(exact_direct, frame["direct_min"], _NAN)
    frame["direct_posts"] = np.where(exact_direct, frame["direct_posts"], _NAN)
    frame["total"] = np.where(exact_total, frame["total_min"], _NAN)
    frame["total_posts"] = np.where(exact_total, total_posts_min, _NAN)
    frame["span"] = np.where(exact_direct, frame["span"], _NAN)
    frame["single_report"] = frame["span"] == 1
    manages = frame["manages"].to_numpy(dtype=object, copy=True)
    manages[~exact_direct & (manages == "nobody")] = "unknown"
    for post, candidates in index.candidates.items():  # a manager above the candidates may manage one
        if staff[position[post]]:
            continue
        above = {index.managers.get(c) for c in candidates if not staff[position[c]]}
        for x in (position[m] for m in above if m in position):
            if manages[x] == "individual contributors":
                manages[x] = (
                    "managers"
                    if len(above) == 1 and len(candidates) == sum(not staff[position[c]] for c in candidates)
                    else "unknown"
                )
    frame["manages"] = manages
    names = org.graph.nodes
    text = frame["uncertainty"].to_numpy(dtype=object, copy=True)
    for x, below in reasons.items():
        text[x] = "the manager of " + ", ".join(f"{names[p]['name']} ({p})" for p in below) + " is one of several"
    frame["uncertainty"] = text
    return frame


class _Tree(NamedTuple):
    """The reporting lines between posts as arrays over the posts in data order."""

    posts: list[str]
    names: list[str]
    parent: npt.NDArray[np.int64]  # the manager's position; -1 for none or a body
    body: npt.NDArray[np.bool_]  # the manager is a body (unit or group)
    people: npt.NDArray[np.float64]  # head count, NaN when unknown
    staff: npt.NDArray[np.bool_]
    depth: npt.NDArray[np.int64]  # post managers above, up to the post's root
    unknown: npt.NDArray[np.bool_]  # a line manager on the way up is not documented (manager_unknown at the root)


def _make_tree(org: Org) -> _Tree | None:
    """The reporting tree in arrays, or None when the reporting lines have a cycle.

    Depths come from pointer jumping (every post's pointer moves to its
    pointer's pointer, doubling the distance covered), so the cost is
    O(posts x log depth) in numpy, whatever the shape. The same jumps carry
    ``unknown`` down from a post marked ``manager_unknown`` to every post below it.
    """
    posts = org.nodes("post")
    # the attribute dicts in node order (as org.nodes lists them): sequential, no lookup per post
    attrs = [a for _, a in org.graph.nodes(data=True) if a["kind"] == "post"]
    documented = hierarchy(org).managers
    managers = list(map(documented.get, posts))
    parent = pd.Index(posts, dtype=object).get_indexer(pd.Index(managers, dtype=object)).astype(np.int64)
    body = (parent < 0) & np.array(list(map(is_not, managers, repeat(None))), dtype=np.bool_)
    counts = [a.get("headcount", 1) for a in attrs]
    if "unknown" in counts:  # rare: one scan in C finds out
        counts = [math.nan if count == "unknown" else count for count in counts]
    people = np.array(counts, dtype=np.float64)
    staff = np.array([a.get("staff", False) for a in attrs], dtype=np.bool_)
    names = list(map(itemgetter("name"), attrs))
    flagged = np.array([bool(a.get("manager_unknown")) for a in attrs], dtype=np.bool_)
    unknown = flagged & (parent < 0) & ~body  # a documented manager wins over the flag, as in the plain loop
    depth = (parent >= 0).astype(np.int64)
    up = parent.copy()
    for _ in range(len(posts).bit_length() + 1):
        live = np.flatnonzero(up >= 0)
        if live.size == 0:
            for array in (parent, body, people, staff, depth, unknown):
                array.flags.writeable = False  # shared by every table made from this organisation
            return _Tree(posts, names, parent, body, people, staff, depth, unknown)
        above = up[live]
        depth[live] += depth[above]
        unknown[live] |= unknown[above]
        up[live] = up[above]
    return None


_tree = per_org(_make_tree)
"""The reporting tree in arrays (made once per organisation), or None when the reporting lines have a cycle."""


_FEW = 16  # levels this small are added up in Python: a deep chain has one post a level


def _add_up_few(
    members: list[int],
    parent: npt.NDArray[np.int64],
    own: npt.NDArray[np.float64],
    own_posts: npt.NDArray[np.int64],
    total: npt.NDArray[np.float64],
    total_posts: npt.NDArray[np.int64],
) -> None:
    """One level of :func:`_span_arrays` in plain Python, the same additions in the same order."""
    sums: dict[int, float] = {}
    counts: dict[int, float] = {}
    for member in members:
        boss = int(parent[member])
        sums[boss] = sums.get(boss, 0.0) + float(total[member]) + float(own[member])
        counts[boss] = counts.get(boss, 0.0) + float(total_posts[member] + own_posts[member])
    for boss, value in sums.items():
        total[boss] += value
        total_posts[boss] += int(counts[boss])


def _span_arrays(org: Org) -> pd.DataFrame | None:
    """:func:`span_of_control` in numpy, level by level from the bottom; None when there is a cycle."""
    tree = _tree(org)
    if tree is None:
        return None  # the caller raises the error that names the cycle
    posts, parent, people, staff, depth = tree.posts, tree.parent, tree.people, tree.staff, tree.depth
    n = len(posts)
    counted = (parent >= 0) & ~staff
    boss = parent[counted]
    direct = np.bincount(boss, weights=people[counted], minlength=n)
    direct_posts = np.bincount(boss, minlength=n)
    staff_reports = np.bincount(parent[(parent >= 0) & staff], minlength=n)
    of_managers = np.bincount(boss, weights=direct_posts[counted] > 0, minlength=n) > 0
    own = np.where(staff, 0.0, people)
    own_posts = (~staff).astype(np.int64)
    total = np.zeros(n)
    total_posts = np.zeros(n, dtype=np.int64)
    by_depth = np.argsort(depth, kind="stable")
    starts = np.searchsorted(depth[by_depth], np.arange(int(depth.max(initial=0)) + 2))
    for level in range(len(starts) - 2, 0, -1):
        members = by_depth[starts[level] : starts[level + 1]]
        if members.size <= _FEW:
            _add_up_few(members.tolist(), parent, own, own_posts, total, total_posts)
            continue
        # the managers of this level only (bins over all posts would make a deep chain quadratic)
        up, slot = np.unique(parent[members], return_inverse=True)
        # report by report, its total then its own people: the additions of the plain loop, in its order
        total[up] += np.bincount(
            np.repeat(slot, 2), weights=np.column_stack((total[members], own[members])).ravel(), minlength=up.size
        )
        total_posts[up] += np.bincount(
            slot, weights=total_posts[members] + own_posts[members], minlength=up.size
        ).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        span = np.where(direct_posts == 0, 0.0, np.where(people > 0, direct / people, math.nan))
    # each post's word taken from three shared strings: np.where on text would make a new string for every post
    kinds = np.where(direct_posts == 0, 0, np.where(of_managers, 1, 2))
    manages = np.array(["nobody", "managers", "individual contributors"], dtype=object)[kinds]
    frame = pd.DataFrame(
        {
            "name": tree.names,
            "headcount": people,
            "staff": staff,
            "direct": direct,
            "direct_posts": direct_posts,
            "total": total,
            "total_posts": total_posts,
            "span": span,
            "staff_reports": staff_reports,
            "manager": direct_posts > 0,
            "manages": manages,
        },
        index=pd.Index(posts, name="post", dtype=object),
    )
    frame["single_report"] = frame["span"] == 1
    return frame


def _per_holder(direct: float, direct_posts: int, headcount: float) -> float:
    """Direct reports of each holder: unknown for a manager post of unknown size or with no holder."""
    if direct_posts == 0:
        return 0.0
    if math.isnan(headcount) or headcount == 0:
        return _NAN
    return direct / headcount


def _bin_labels(edges: Sequence[float]) -> list[str]:
    labels = []
    for low, high in zip(edges, [*edges[1:], None], strict=True):
        if high is None:
            labels.append(f"{low:g}+")
        elif float(low).is_integer() and float(high).is_integer() and high - low > 1:
            labels.append(f"{low:g}-{high - 1:g}")
        elif float(low).is_integer() and float(high).is_integer():
            labels.append(f"{low:g}")
        else:
            labels.append(f"{low:g} to <{high:g}")
    return labels


def _bin_edges(edges: Sequence[float]) -> list[float]:
    """The edges as floats, checked: non-empty, numbers, finite, strictly increasing."""
    default = ", ".join(f"{e:g}" for e in SPAN_EDGES)
    hint = f"give the lower edges of the bins in increasing order, e.g. edges=[{default}] (the default)"
    if isinstance(edges, str | bytes):
        raise OptionError(f"span bin edges must be a sequence of numbers, not the text {edges!r}; {hint}")
    numbers: list[float] = []
    for edge in edges:
        number = float(edge) if isinstance(edge, numbers_abc.Real) and not isinstance(edge, bool) else math.nan
        if not math.isfinite(number):
            raise OptionError(f"span bin edges must be finite numbers, not {edge!r}; {hint}")
        numbers.append(number)
    if not numbers:
        raise OptionError(f"span bin edges must be a non-empty increasing sequence, got []; {hint}")
    for low, high in itertools.pairwise(numbers):
        if high <= low:
            raise OptionError(
                f"span bin edges must be a non-empty increasing sequence, got {_edge_list(numbers)}: "
                f"{high:g} does not come after {low:g}; {hint}"
            )
    return numbers


def _edge_list(edges: Sequence[float]) -> str:
    return "[" + ", ".join(f"{e:g}" for e in edges) + "]"


def span_bins(org: Org, *, edges: Sequence[float] = SPAN_EDGES) -> pd.DataFrame:
    """How many managers have a span in each bin, and their share of all managers.

    Managers are counted in people (a post for 20 department heads counts
    20). A span ``s`` falls in the bin ``edges[i] <= s < edges[i + 1]``; the
    last bin is open; spans below the first edge (fractions of FTE) fall in
    the first bin.

    Parameters
    ----------
    org : Org
        The organisation.
    edges : sequence of float, default (1, 2, 4, 8, 13, 17)
        Lower edges of the bins, increasing. Integer edges give labels such as
        ``"2-3"`` (2 to under 4) and ``"17+"``.

    Returns
    -------
    pandas.DataFrame
        Indexed by bin label, with ``posts`` (manager posts), ``managers``
        (people) and ``share`` (of all managers whose span is known; the
        shares sum to 1). A last row ``"unknown"`` counts manager posts whose
        span is unknown (head count unknown); its ``share`` is NaN.

    Raises
    ------
    OptionError
        If ``edges`` is empty, not strictly increasing or not numbers (a
        :class:`ValueError`).

    Examples
    --------
    >>> import orggraph
    >>> bins = span_bins(orggraph.example())
    >>> bins
           posts  managers  share
    bin
    1          1         1  16.7%
    2-3        4         5  83.3%
    4-7        0         0   0.0%
    8-12       0         0   0.0%
    13-16      0         0   0.0%
    17+        0         0   0.0%
    >>> bins["share"].tolist()[:2] == [1 / 6, 5 / 6]  # rounded in the display only
    True
    >>> span_bins(orggraph.example(), edges=[1, 3]).index.tolist()
    ['1-2', '3+']
    """
    edges = _bin_edges(edges)
    labels = _bin_labels(edges)
    spans = _spans(org)
    managers = spans[spans["manager"]]
    span = managers["span"].to_numpy(dtype=np.float64)
    headcount = managers["headcount"].to_numpy(dtype=np.float64)
    unknown = np.isnan(span)
    # the bin of each span: the last edge at or below it (the first bin for spans below every edge)
    index = np.maximum(np.searchsorted(np.array(edges), span[~unknown], side="right") - 1, 0)
    counts = np.bincount(index, minlength=len(edges)).tolist()
    # bincount adds the weights one by one in order, as a running sum per bin would
    people = np.bincount(index, weights=headcount[~unknown], minlength=len(edges)).tolist()
    unknown_posts = int(unknown.sum())
    unknown_people = float(np.cumsum(headcount[unknown])[-1]) if unknown_posts else 0.0
    known = sum(people)
    shares = [p / known if known else _NAN for p in people]
    if unknown_posts:
        labels.append("unknown")
        counts.append(unknown_posts)
        people.append(unknown_people)
        shares.append(_NAN)
    frame = pd.DataFrame(
        {"posts": counts, "managers": people, "share": shares}, index=pd.Index(labels, name="bin", dtype=object)
    )
    return formatted(count_types(frame, counts=["posts"], people=["managers"]), {"share": "{:.1%}"})


Layer = tuple[int, int]
"""The lowest and highest layer a post or body has over the readings of its candidate managers."""


def _layer_values(org: Org) -> tuple[dict[str, Layer | None], dict[str, bool]]:
    """Layer range of every post (None when unknown) and whether it was placed below a body; one memoised pass.

    A body's layer is the deepest layer among its member posts, leaving out
    members that report to that body themselves and members whose layer
    depends on the post being placed (a cycle through bodies); a body without
    such members has layer -1, so posts below it are at layer 0. A post
    marked ``manager_unknown`` (and without a manager) has no known layer, nor
    has any post or body that depends on it. A post whose manager is one of
    several candidates is one layer below the highest candidate at least and
    one below the lowest at most.
    """
    G = org.graph
    nodes = G.nodes
    index = hierarchy(org)
    value: dict[str, Layer | None] = {}
    below_body: dict[str, bool] = {}
    in_progress: set[str] = set()

    def dependencies(node: str) -> Sequence[str]:
        if nodes[node]["kind"] == "post":
            return index.managers_of(node)
        return [m for m in org.members(node) if index.managers.get(m) != node]

    def place(node: str) -> Layer | None:
        if nodes[node]["kind"] != "post":
            placed = [value[m] for m in dependencies(node) if m in value]
            if None in placed:
                return None
            known = [v for v in placed if v is not None]
            return (max((v[0] for v in known), default=-1), max((v[1] for v in known), default=-1))
        above = index.managers_of(node)
        manager = index.managers.get(node)
        below_body[node] = manager is not None and nodes[manager]["kind"] != "post"
        if not above:
            return None if nodes[node].get("manager_unknown") else (0, 0)
        ranges = [value[m] for m in above]
        if None in ranges:
            return None
        known = [v for v in ranges if v is not None]
        return (min(v[0] for v in known) + 1, max(v[1] for v in known) + 1)

    for start in org.nodes("post"):
        if start in value:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(dependencies(start)))]
        in_progress.add(start)
        while stack:
            node, pending = stack[-1]
            dependency = next(pending, None)
            if dependency is not None:
                if dependency in value:
                    continue
                if dependency in in_progress:
                    if nodes[node]["kind"] == "post" and nodes[dependency]["kind"] == "post":
                        raise _cycle_error(org, node)
                    continue  # a body member that depends on this very placement: left out
                in_progress.add(dependency)
                stack.append((dependency, iter(dependencies(dependency))))
                continue
            stack.pop()
            in_progress.discard(node)
            value[node] = place(node)
    return {p: value[p] for p in org.nodes("post")}, below_body


def _layer_frame(
    posts: list[str],
    names: list[str],
    low: npt.NDArray[np.float64],
    high: npt.NDArray[np.float64],
    people: npt.NDArray[np.float64],
    below_body: npt.NDArray[np.bool_],
) -> pd.DataFrame:
    """The table of :func:`layers`: ``layer`` NaN where it is unknown or a range (``layer_min`` < ``layer_max``)."""
    layer = np.where(low == high, low, math.nan)
    return pd.DataFrame(
        {
            "name": names,
            "layer": layer,
            "layer_min": low,
            "layer_max": high,
            "headcount": people,
            "below_body": below_body,
            "manager_unknown": np.isnan(low),
        },
        index=pd.Index(posts, name="post", dtype=object),
    ).astype({"name": "object", "headcount": "float64", "below_body": "bool", "manager_unknown": "bool"})


def layers(org: Org) -> pd.DataFrame:
    """The layer of every post: 0 for the top, one more for each manager above.

    A post whose manager is documented only as a body (e.g. "the direktion")
    sits one layer below the deepest member of that body. Without such posts
    a post's layer is the length of its chain of command.

    A post marked ``manager_unknown`` (the source implies a line manager but
    does not say who) is not a top: its layer is unknown (NaN), and so is the
    layer of every post below it, flagged in ``manager_unknown``.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by post id, with

        ``name``
            The post's name.
        ``layer``
            0 for a top, one more for each manager above; ``<NA>`` when
            unknown or not the same in every reading of candidate managers
            (a nullable ``Int64`` column).
        ``layer_min``, ``layer_max``
            The lowest and highest layer over every reading of candidate
            managers (``reports_to_one_of``); both equal ``layer`` when it is exact.
        ``headcount``
            People the post stands for (``<NA>`` when unknown; ``Int64``, or ``Float64`` when an import gave FTEs).
        ``below_body``
            Placed below a body, not a post.
        ``manager_unknown``
            The layer is unknown because a line manager on the way up is not
            documented: the post's own (``manager_unknown: true`` in the
            data), one above it, or one of a body's members above it.

    Raises
    ------
    OrgDataError
        If the reporting lines contain a cycle.

    See Also
    --------
    headcount_by_layer : posts and people per layer, and the depth.

    Examples
    --------
    >>> import orggraph
    >>> layers(orggraph.example())["layer"].to_dict()
    {'chair': 0, 'ceo': 1, 'assistant': 2, 'cfo': 2, 'coo': 2, 'accountant': 3, 'site-lead': 3, 'technician': 4}
    >>> org = orggraph.loads('''
    ... organisation: {id: o, name: O}
    ... posts:
    ...   - {id: boss, name: Boss, top: true}
    ...   - {id: consultant, name: Consultant, manager_unknown: true}
    ...   - {id: trainee, name: Trainee, reports_to: consultant}
    ... ''')
    >>> layers(org)[["layer", "manager_unknown"]]
                layer  manager_unknown
    post
    boss            0            False
    consultant   <NA>             True
    trainee      <NA>             True
    """
    return count_types(_layers(org), counts=["layer", "layer_min", "layer_max"], people=["headcount"])


def _layers(org: Org) -> pd.DataFrame:
    """:func:`layers` in float64 (NaN when unknown or a range), for the computations here."""
    tree = _tree(org)
    if tree is not None and not tree.body.any() and not hierarchy(org).uncertain:  # the layer is the chain's length
        layer = np.where(tree.unknown, math.nan, tree.depth.astype(np.float64))
        return _layer_frame(tree.posts, tree.names, layer, layer, tree.people, tree.body)
    value, below_body = _layer_values(org)
    posts = org.nodes("post")
    nodes = org.graph.nodes
    ranges = [value[p] or (math.nan, math.nan) for p in posts]
    return _layer_frame(
        posts,
        [nodes[p]["name"] for p in posts],
        np.array([r[0] for r in ranges], dtype=np.float64),
        np.array([r[1] for r in ranges], dtype=np.float64),
        np.array([_people(org, p) for p in posts], dtype=np.float64),
        np.array([below_body[p] for p in posts], dtype=np.bool_),
    )


def headcount_by_layer(org: Org, *, skipna: bool = False) -> pd.DataFrame:
    """Posts and people in each layer; the number of layers is the organisation's depth.

    Posts whose layer is unknown (a line manager on the way up is not
    documented: ``manager_unknown``) are in no layer: a last row
    ``"unknown"`` counts them, as :func:`span_bins` counts managers whose
    span is unknown, and is not a layer of the depth.

    Parameters
    ----------
    org : Org
        The organisation.
    skipna : bool, default False
        False: ``people`` is NaN in a layer with a head count unknown. True:
        ``people`` is the sum of the known head counts (a lower bound there)
        and a column ``unknown_size_posts`` counts the posts of unknown size.

    Returns
    -------
    pandas.DataFrame
        Indexed by layer (0 = top), with ``posts`` and ``people`` (NaN when a
        head count in the layer is unknown, unless ``skipna``); a last row
        ``"unknown"`` when some posts have no known layer.

    See Also
    --------
    layers : the layer of every post, and why it is unknown.

    Examples
    --------
    >>> import orggraph
    >>> headcount_by_layer(orggraph.example())
           posts  people
    layer
    0          1       1
    1          1       1
    2          3       3
    3          2       5
    4          1       4
    """
    table = _layers(org)
    exact = table["layer"].notna()
    placed = table[exact]
    layer = placed["layer"].astype("int64")
    grouped = placed.groupby(layer)["headcount"]
    result = pd.DataFrame({"posts": grouped.size(), "people": grouped.sum(min_count=1)})
    unknown = placed["headcount"].isna().groupby(layer).any()
    result.loc[unknown[unknown].index, "people"] = _NAN
    result.index.name = "layer"
    unplaced = table.loc[~exact, "headcount"]
    if len(unplaced):
        people = float(unplaced.sum()) if unplaced.notna().all() else _NAN
        row = pd.DataFrame({"posts": [len(unplaced)], "people": [people]}, index=pd.Index(["unknown"], name="layer"))
        result = pd.concat([result.astype({"posts": "int64", "people": "float64"}), row])
    if skipna:
        keys = table["layer"].astype(object).where(exact, "unknown")
        keys = keys.map(lambda k: k if k == "unknown" else int(k))
        result["people"] = table["headcount"].groupby(keys).sum().reindex(result.index).to_numpy(dtype=float)
        missing = table["headcount"].isna().groupby(keys).sum()
        result["unknown_size_posts"] = missing.reindex(result.index).to_numpy(dtype="int64")
    return count_types(result, counts=["posts", "unknown_size_posts"], people=["people"])


@dataclass(frozen=True)
class MetricsSummary:
    """Key figures of an organisation's structure and meetings, for a report.

    ``str(summary)`` is a paragraph to paste; :meth:`to_series` gives the
    figures as a table. People-weighted figures are NaN where a head count is
    unknown; means and medians are over the managers whose span is known,
    each holder counted (a post for 20 managers counts 20 times).
    ``layers`` counts the layers that posts are known to be in;
    ``manager_unknown_posts`` are the posts in none of them, because a line
    manager on the way up is not documented (see :func:`layers`).
    ``meeting_hours_per_year`` is in person-hours and counts what can be
    counted: forums whose cadence and length are given (``uncounted_forums``
    are not) and posts of known size (``uncounted_posts``, posts of unknown
    size that take part in forums, are not).
    """

    organisation: str
    posts: int
    people: float
    unknown_size_posts: int
    manager_posts: int
    managers: float
    managers_of_managers: float
    single_report_managers: float
    span_mean: float
    span_median: float
    staff_posts: int
    layers: int
    below_body_posts: int
    manager_unknown_posts: int
    forums: int
    meeting_hours_per_year: float
    uncounted_forums: int
    uncounted_posts: int
    possible_manager_posts: int = 0
    """Posts that may manage someone: a post whose manager is one of several candidates names them."""
    layers_max: int | None = None
    """The most layers in any reading of the candidate managers (None: the same as ``layers``)."""
    people_unit: str = "people"
    """``"FTE"`` when the organisation counts full-time equivalents (an organogram), else ``"people"``."""

    @property
    def people_lower_bound(self) -> bool:
        """True when ``people`` is the sum of the known head counts only (``unknown_size_posts`` > 0).

        Examples
        --------
        >>> import orggraph
        >>> metrics_summary(orggraph.example()).people_lower_bound
        False
        """
        return self.unknown_size_posts > 0 and not math.isnan(self.people)

    def to_series(self) -> pd.Series:
        """The figures as a pandas Series indexed by field name (``people_unit``, a word, left out).

        Examples
        --------
        >>> import orggraph
        >>> metrics_summary(orggraph.example()).to_series()["layers"]
        5
        """
        return pd.Series({f.name: getattr(self, f.name) for f in fields(self) if f.name != "people_unit"}, dtype=object)

    def __str__(self) -> str:
        if self.people_unit == "FTE" and not math.isnan(self.people):
            people = f"{format_number(self.people)} FTE"
        else:
            people = _plural(self.people, "person", "people")
        if self.people_lower_bound:
            people = "at least " + people
        unknown = f" ({_plural(self.unknown_size_posts, 'post')} of unknown size)" if self.unknown_size_posts else ""
        layers = _plural(self.layers, "layer")
        if self.layers_max is not None and self.layers_max != self.layers:
            layers = f"{format_number(self.layers)} to {_plural(self.layers_max, 'layer')}"
        lines = [
            f"{self.organisation}: {_plural(self.posts, 'post')}, {people}{unknown}, in {layers}.",
            f"{_plural(self.manager_posts, 'manager post')} ({_plural(self.managers, 'manager')}, "
            f"{_plural(self.managers_of_managers, 'of them a manager', 'of them managers')} of managers);",
            f"span of control mean {format_number(self.span_mean)}, median {format_number(self.span_median)}; "
            f"{_plural(self.single_report_managers, 'manager')} with a single direct report.",
        ]
        if self.possible_manager_posts:
            lines.append(
                f"{_plural(self.possible_manager_posts, 'post')} may manage posts whose manager is one of several "
                "candidates: their spans are ranges, left out above (span_of_control: direct_min, direct_max)."
            )
        if self.staff_posts:
            lines.append(f"{_plural(self.staff_posts, 'staff post')} kept out of the spans.")
        if self.below_body_posts:
            lines.append(f"{_plural(self.below_body_posts, 'post')} with a manager documented only as a body.")
        if self.manager_unknown_posts:
            their = "its" if self.manager_unknown_posts == 1 else "their"
            lines.append(
                f"{_plural(self.manager_unknown_posts, 'post')} in no layer: "
                f"a line manager in {their} chain of command is not documented."
            )
        hours = format_number(self.meeting_hours_per_year)
        meetings = f"{_plural(self.forums, 'forum')}: {hours} person-hours of meetings a year"
        uncounted = []
        if self.uncounted_forums:
            uncounted.append(f"{_plural(self.uncounted_forums, 'forum')} whose cadence or length is not given")
        if self.uncounted_posts:
            uncounted.append(f"{_plural(self.uncounted_posts, 'post')} of unknown size")
        if uncounted:
            meetings += ", not counting " + " or ".join(uncounted)
        lines.append(meetings + ".")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.to_series().to_frame("value")._repr_html_()  # type: ignore[operator,no-any-return]


def _plural(value: float, singular: str, plural: str | None = None) -> str:
    """``"1 post"``, ``"2 posts"``, ``"1 153 people"``, ``"an unknown number of posts"``."""
    word = singular if value == 1 else plural or singular + "s"
    if math.isnan(value):
        return f"an unknown number {word}" if word.startswith("of ") else f"an unknown number of {word}"
    return f"{format_number(value)} {word}"


def _weighted_median(values: npt.NDArray[np.float64], weights: npt.NDArray[np.float64]) -> float:
    """The smallest value at which the running weight (values in increasing order) reaches half the total.

    Ties in value are ordered by weight; the weights are added one by one in
    that order, so the result does not depend on how numpy groups a sum.
    """
    positive = weights > 0
    values, weights = values[positive], weights[positive]
    if not values.size:
        return _NAN
    order = np.lexsort((weights, values))
    values, weights = values[order], weights[order]
    half = sum(weights.tolist()) / 2
    reached = np.flatnonzero(np.cumsum(weights) >= half)
    return float(values[reached[0]] if reached.size else values[-1])


def metrics_summary(org: Org, *, skipna: bool = True) -> MetricsSummary:
    """The key figures of spans, layers and meeting load, as text for a report.

    Parameters
    ----------
    org : Org
        The organisation.
    skipna : bool, default True
        True: ``people`` is the sum of the known head counts, a lower bound
        when ``unknown_size_posts`` > 0 (``people_lower_bound``; the text says
        "at least"). False: ``people`` is NaN when any head count is unknown.

    Returns
    -------
    MetricsSummary
        ``print()`` it for a paragraph; ``.to_series()`` for a table.

    Examples
    --------
    >>> import orggraph
    >>> print(metrics_summary(orggraph.example()))
    Acme Åkande: 8 posts, 14 people, in 5 layers.
    5 manager posts (6 managers, 3 of them managers of managers);
    span of control mean 2, median 2; 1 manager with a single direct report.
    1 staff post kept out of the spans.
    3 forums: 260 person-hours of meetings a year, not counting 1 forum whose cadence or length is not given.
    """
    from orggraph.meetings import forum_load, load_figures
    from orggraph.staff import counts_in_fte

    # columns as arrays, selections by mask: no frame indexed row by row; sums through pandas, as the tables sum
    spans = _spans(org)
    headcount = spans["headcount"].to_numpy(dtype=np.float64)
    span = spans["span"].to_numpy(dtype=np.float64)
    manager = spans["manager"].to_numpy(dtype=np.bool_)
    manages = spans["manages"].to_numpy(dtype=object)
    table = _layers(org)
    unplaced = table["manager_unknown"].to_numpy(dtype=np.bool_)
    placed_min = table["layer_min"].to_numpy(dtype=np.float64)[~unplaced]
    placed_max = table["layer_max"].to_numpy(dtype=np.float64)[~unplaced]
    layers_min = int(pd.Series(placed_min).max()) + 1 if placed_min.size else 0
    layers_max = int(pd.Series(placed_max).max()) + 1 if placed_max.size else 0
    known = manager & ~np.isnan(span) & ~np.isnan(headcount)
    weights = headcount[known].tolist()
    span_mean = float(pd.Series(span[known] * headcount[known]).sum() / sum(weights)) if sum(weights) else _NAN
    load = load_figures(org)
    by_forum = forum_load(org)

    def people_sum(values: npt.NDArray[np.float64]) -> float:
        return _NAN if np.isnan(values).any() else float(pd.Series(values, dtype=np.float64).sum())

    return MetricsSummary(
        organisation=org.title,
        posts=len(spans),
        people=float(pd.Series(headcount).sum()) if skipna else people_sum(headcount),
        unknown_size_posts=int(np.isnan(headcount).sum()),
        manager_posts=int(manager.sum()),
        managers=people_sum(headcount[manager]),
        managers_of_managers=people_sum(headcount[manager & (manages == "managers")]),
        single_report_managers=people_sum(headcount[manager & spans["single_report"].to_numpy(dtype=np.bool_)]),
        span_mean=span_mean,
        span_median=_weighted_median(span[known], headcount[known]),
        staff_posts=int(spans["staff"].sum()),
        layers=layers_min,
        layers_max=layers_max if layers_max != layers_min else None,
        possible_manager_posts=int((manages == "unknown").sum()),
        below_body_posts=int(table["below_body"].sum()),
        manager_unknown_posts=int(unplaced.sum()),
        forums=len(by_forum),
        meeting_hours_per_year=float((load["hours_per_year"] * load["headcount"]).sum()),
        uncounted_forums=int(by_forum["hours_per_year"].isna().sum()),
        uncounted_posts=int((load["headcount"].isna() & (load["forums"] > 0)).sum()),
        people_unit="FTE" if counts_in_fte(org) else "people",
    )
