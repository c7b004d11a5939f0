"""Per-holder meeting series: a forum held once per holder (or per holder and report), expanded.

A forum with ``for_each`` (:class:`~orggraph.schema.ForEachHolder`) is a
template: "afholdes for hvert direktørområde" is one series per director with
that director's people, a 1:1 meeting one series per director and report.
:func:`plan_series` works out the series from the document; the graph gets one
forum node per series (:mod:`orggraph.graph`), ``part_of`` the template.

Who sits in a series follows the reporting lines:

- ``series: area``: the holder, the forum's own ``members``, and the holder's
  direct reports. A report whose manager is one of several candidates
  (``reports_to_one_of``) sits in the series only in the readings where the
  holder is its manager: a **possible** member.
- ``series: pair``: one series per holder and direct report, with the holder,
  the report and the forum's own ``members``. A pair with a candidate report
  exists only in some readings: the series is **possible** and all its
  members are possible members. A report post that stands for several people
  (``headcount: 9``) stands for that many pairs: ``count``.

Examples
--------
>>> import orggraph
>>> org = orggraph.loads('''
... organisation: {id: tiny, name: Tiny}
... posts:
...   - {id: a, name: Director A, top: true}
...   - {id: b, name: Director B, top: true}
...   - {id: x, name: Head X, reports_to: a}
...   - {id: y, name: Head Y, reports_to_one_of: [a, b]}
... forums:
...   - id: area
...     name: Area meetings
...     for_each: {holders: [a, b], series_name: Area meeting}
... ''')
>>> [(s.id, s.name, s.certain, s.possible_members) for s in plan_series(org.document)["area"]]
[('area/a', 'Area meeting (Director A)', ['a', 'x'], ['y']), ('area/b', 'Area meeting (Director B)', ['b'], ['y'])]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from orggraph.schema import Document, Forum, Post

__all__ = ["Series", "plan_series"]


@dataclass(frozen=True)
class Series:
    """One meeting series of a per-holder forum.

    Attributes
    ----------
    id : str
        ``<forum id>/<holder>``, or ``<forum id>/<holder>/<report>`` for a pair.
    name : str
        The series' name with the holder (and report) in brackets.
    template : str
        The id of the forum it is a series of.
    holder : str
        The post that holds the series.
    report : str or None
        For a pair, the report's post.
    certain : list of str
        Members in every reading (posts, or the groups and units the forum lists).
    possible_members : list of str
        Members in some readings only (reports with candidate managers).
    possible : bool
        The series itself exists only in some readings (a pair with a candidate report).
    count : float or None
        How many identical series the entry stands for: the report post's
        head count for a pair (None when unknown), 1 otherwise.
    """

    id: str
    name: str
    template: str
    holder: str
    report: str | None = None
    certain: list[str] = field(default_factory=list)
    possible_members: list[str] = field(default_factory=list)
    possible: bool = False
    count: float | None = 1


def _reports(doc: Document) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Manager → documented direct reports, and candidate manager → possible reports (data order)."""
    documented: dict[str, list[str]] = {}
    candidate: dict[str, list[str]] = {}
    for post in doc.posts:
        if post is None:  # an item that failed validation (see orggraph.checks)
            continue
        if post.reports_to is not None:
            documented.setdefault(post.reports_to, []).append(post.id)
        for manager in dict.fromkeys(post.reports_to_one_of):
            candidate.setdefault(manager, []).append(post.id)
    return documented, candidate


def plan_series(doc: Document) -> dict[str, list[Series]]:
    """The series of every per-holder forum of a document.

    Holders and reports that are not posts of the document are left out (the
    checks in :mod:`orggraph.checks` report unknown holders).

    Parameters
    ----------
    doc : Document
        The document.

    Returns
    -------
    dict of str to list of Series
        Template forum id to its series, in the order of the holders and then
        of the reports in the data.

    Examples
    --------
    >>> import orggraph
    >>> plan_series(orggraph.example().document)
    {}
    """
    templates = [forum for forum in doc.forums if forum is not None and forum.for_each is not None]
    if not templates:
        return {}
    posts = {post.id: post for post in doc.posts if post is not None}
    documented, candidate = _reports(doc)
    return {forum.id: list(_series_of(forum, posts, documented, candidate)) for forum in templates}


def _series_of(
    forum: Forum, posts: dict[str, Post], documented: dict[str, list[str]], candidate: dict[str, list[str]]
) -> Iterator[Series]:
    spec = forum.for_each
    assert spec is not None
    label = spec.series_name or forum.name
    listed = list(forum.members)
    for holder in dict.fromkeys(spec.holders):
        if holder not in posts:
            continue
        holder_name = posts[holder].name
        sure = [r for r in documented.get(holder, ()) if r in posts]
        maybe = [r for r in candidate.get(holder, ()) if r in posts]
        if spec.series == "area":
            yield Series(
                id=f"{forum.id}/{holder}",
                name=f"{label} ({holder_name})",
                template=forum.id,
                holder=holder,
                certain=list(dict.fromkeys([holder, *listed, *sure])),
                possible_members=[r for r in maybe if r != holder and r not in listed],
            )
            continue
        order = {post: i for i, post in enumerate(posts)}
        pairs = sorted([*((r, False) for r in sure), *((r, True) for r in maybe)], key=lambda pair: order[pair[0]])
        for report, possible in pairs:  # in the data's order, so that every reading names them alike
            members = list(dict.fromkeys([holder, report, *listed]))
            headcount = posts[report].headcount
            yield Series(
                id=f"{forum.id}/{holder}/{report}",
                name=f"{label} ({holder_name} – {posts[report].name})",
                template=forum.id,
                holder=holder,
                report=report,
                certain=[] if possible else members,
                possible_members=members if possible else [],
                possible=possible,
                count=None if headcount == "unknown" else headcount,
            )


AddEdge = Callable[[str, str, str, dict[str, Any]], None]


def series_attrs(template: dict[str, Any], series: Series) -> dict[str, Any]:
    """The node attributes of a series: the template's, with the series' own on top.

    Parameters
    ----------
    template : dict
        The template forum's node attributes.
    series : Series
        The series.

    Returns
    -------
    dict
        Attributes for the series' forum node (see :mod:`orggraph.graph`).

    Examples
    --------
    >>> s = Series(id="f/a", name="F (A)", template="f", holder="a", certain=["a"])
    >>> attrs = series_attrs({"kind": "forum", "name": "F", "for_each": object(), "series": ("f/a",)}, s)
    >>> attrs["name"], attrs["series_of"], "for_each" in attrs, "series" in attrs, attrs["possible"]
    ('F (A)', 'f', False, False, False)
    """
    attrs = {key: value for key, value in template.items() if key not in ("for_each", "series")}
    attrs.update(
        name=series.name,
        members=tuple(series.certain),
        possible_members=tuple(series.possible_members),
        series_of=series.template,
        holder=series.holder,
        report=series.report,
        possible=series.possible,
        series_count=series.count,
    )
    return attrs


def add_series_edges(series: Series, source: Any, add_edge: AddEdge) -> None:
    """The membership edges of a series and its ``part_of`` edge to the template.

    Parameters
    ----------
    series : Series
        The series.
    source : Citation or None
        The template's citation.
    add_edge : callable
        ``add_edge(u, v, key, data)``.

    Examples
    --------
    >>> edges = []
    >>> add_series_edges(Series(id="f/a", name="F (A)", template="f", holder="a", certain=["a"],
    ...                         possible_members=["y"]), None, lambda *e: edges.append(e[:3]))
    >>> edges
    [('a', 'f/a', 'member_of'), ('y', 'f/a', 'candidate_member'), ('f/a', 'f', 'part_of')]
    """
    for member in series.certain:
        add_edge(member, series.id, "member_of", {"kind": "member_of", "source": source, "via": "series"})
    for member in series.possible_members:
        data = {"kind": "candidate_member", "source": source, "via": "series"}
        add_edge(member, series.id, "candidate_member", data)
    add_edge(series.id, series.template, "part_of", {"kind": "part_of", "source": source})
