"""Staff under their managers: junior rows aggregated by grade, counted in FTE, and totals that survive unknowns.

An organogram publishes its junior staff as counts: a row says "27 EO FTE
report to senior post 1234". The importer makes each row a post
(``junior: true``). This module groups those rows under the post they report
to, by grade (and title), so a chart box or a table can say
"42 FTE: 3 SEO, 12 HEO, 27 EO" instead of drawing one box per row.

Counts are said in their unit: **FTE** (full-time equivalents) when the
organisation counts in FTE (any junior row, or any head count with a
fraction), **people** otherwise. :func:`fte_total` keeps the known sum apart
from the posts of unknown size, so one blank does not blank the total.

Examples
--------
>>> import orggraph
>>> org = orggraph.loads('''
... organisation: {id: t, name: T}
... posts:
...   - {id: d, name: Director, grade: SCS1, top: true}
...   - {id: s, name: Policy, grade: SEO, headcount: 3, junior: true, reports_to: d}
...   - {id: h, name: Policy, grade: HEO, headcount: 12, junior: true, reports_to: d}
...   - {id: e, name: Casework, grade: EO, headcount: 27, junior: true, reports_to: d}
... ''')
>>> print(staff_breakdown(org, "d"))
42 FTE: 3 SEO, 12 HEO, 27 EO
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from orggraph.grades import GradeScale, grade_scale
from orggraph.hierarchy import hierarchy
from orggraph.memo import per_org
from orggraph.text import format_number

if TYPE_CHECKING:
    import pandas as pd

    from orggraph.org import Org

__all__ = ["Total", "counts_in_fte", "fte_total", "is_staff_row", "staff_breakdown", "staff_of", "staff_summary"]


def is_staff_row(attrs: dict[str, Any]) -> bool:
    """A post that stands for staff counted under a manager (an organogram's junior row).

    Parameters
    ----------
    attrs : dict
        A node's attributes in the graph (``kind``, ``junior``, ...).

    Examples
    --------
    >>> is_staff_row({"kind": "post", "junior": True}), is_staff_row({"kind": "post"})
    (True, False)
    """
    return attrs.get("kind") == "post" and bool(attrs.get("junior"))


@dataclass(frozen=True)
class Total:
    """A sum that survives unknowns: the known sum, how many values were unknown, and the unit.

    Attributes
    ----------
    known : float
        The sum of the known values (a lower bound when ``unknown`` > 0).
    unknown : int
        How many values were unknown (posts of unknown size).
    unit : str
        ``"FTE"`` or ``"people"``.

    Examples
    --------
    >>> total = Total(66_973.84, 1, "FTE")
    >>> total.complete, str(total)
    (False, '66 973.84 FTE + 1 post of unknown size (a lower bound)')
    >>> total.value(skipna=False)
    nan
    """

    known: float
    unknown: int = 0
    unit: str = "people"

    @property
    def complete(self) -> bool:
        """True when every value was known (``known`` is then the total)."""
        return self.unknown == 0

    def value(self, *, skipna: bool = True) -> float:
        """The known sum (``skipna=True``, a lower bound when not complete) or NaN when any value is unknown.

        Parameters
        ----------
        skipna : bool, default True
            True: the sum of the known values. False: NaN when any value is unknown.

        Returns
        -------
        float
            ``known``, or NaN when ``skipna`` is False and ``unknown`` > 0.
        """
        return self.known if skipna or self.complete else math.nan

    def __str__(self) -> str:
        unit = self.unit if self.unit == "FTE" or self.known != 1 else "person"
        text = f"{format_number(self.known)} {unit}"
        if self.unknown:
            text += f" + {self.unknown} post{'s' if self.unknown != 1 else ''} of unknown size (a lower bound)"
        return text


def counts_in_fte(org: Org) -> bool:
    """True when the organisation's head counts are FTE: it has junior rows or a count with a fraction.

    Parameters
    ----------
    org : Org
        The organisation.

    Examples
    --------
    >>> import orggraph
    >>> counts_in_fte(orggraph.example())
    False
    """
    return _fte(org)


def fte_total(org: Org, members: Iterable[str] | None = None) -> Total:
    """The head count of all posts (or of ``members``): known sum, unknown count and unit.

    Parameters
    ----------
    org : Org
        The organisation.
    members : iterable of str, optional
        The post ids to count; every post by default.

    Examples
    --------
    >>> import orggraph
    >>> str(fte_total(orggraph.example()))
    '14 people'
    """
    known, unknown = 0.0, 0
    nodes = org.graph.nodes
    for post in org.nodes("post") if members is None else members:
        count = nodes[post].get("headcount", 1)
        if count == "unknown":
            unknown += 1
        else:
            known += count
    return Total(known, unknown, "FTE" if counts_in_fte(org) else "people")


def staff_of(org: Org) -> dict[str, list[str]]:
    """Post -> the staff rows (junior posts) that report to it, in the data's order.

    Parameters
    ----------
    org : Org
        The organisation.

    Examples
    --------
    >>> import orggraph
    >>> staff_of(orggraph.example())
    {}
    """
    return _cached(org).staff


class _Staff:
    def __init__(self, org: Org) -> None:
        nodes = org.graph.nodes
        managers = hierarchy(org).managers
        self.staff: dict[str, list[str]] = {}
        for post, attrs in org.graph.nodes(data=True):  # one pass over the attribute dicts, no lookup per post
            if attrs.get("junior") and is_staff_row(attrs):
                manager = managers.get(post)
                if manager is not None and nodes[manager]["kind"] == "post":
                    self.staff.setdefault(manager, []).append(post)


def _in_fte(org: Org) -> bool:
    """Whether any post is a staff row or counts a fraction of a person (one pass over the attributes)."""
    for _, attrs in org.graph.nodes(data=True):
        if attrs["kind"] == "post":
            count = attrs.get("headcount", 1)
            # is_staff_row inlined: a call per post is most of the pass
            if (isinstance(count, float) and not count.is_integer()) or attrs.get("junior"):
                return True
    return False


_fte = per_org(_in_fte)
_cached = per_org(_Staff)


def staff_summary(org: Org, *, by_title: bool = False, levels: Sequence[str] | None = None) -> pd.DataFrame:
    """Staff rows grouped under the post they report to, by grade (and title), in FTE.

    Parameters
    ----------
    org : Org
        The organisation.
    by_title : bool, default False
        Group by job title within each grade too.
    levels : sequence of str, optional
        A custom grade scale, most senior first (see :func:`orggraph.grades.grade_scale`).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``manager``, ``level``[, ``title``]), most senior grade
        first; ``level`` is the grade on the scale (an ordered categorical;
        rows without a grade have level NaN and are kept). Columns ``rows``
        (staff rows), ``fte`` (known sum) and ``fte_unknown`` (rows of unknown size).

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: d, name: Director, grade: SCS1, top: true}
    ...   - {id: a, name: Policy, grade: HEO, headcount: 2.5, junior: true, reports_to: d}
    ...   - {id: b, name: Casework, grade: Higher Officer, headcount: 4, junior: true, reports_to: d}
    ... ''')
    >>> staff_summary(org)
                    rows  fte  fte_unknown
    manager level
    d       HEO        2  6.5            0
    """
    import pandas as pd  # pandas is imported when a table is made, not with orggraph

    scale = grade_scale(org, levels)
    nodes = org.graph.nodes
    rows = []
    for manager, posts in staff_of(org).items():
        for post in posts:
            attrs = nodes[post]
            count = attrs.get("headcount", 1)
            rows.append(
                (
                    manager,
                    scale.level(attrs.get("grade")),
                    attrs.get("name", post),
                    math.nan if count == "unknown" else float(count),
                )
            )
    frame = pd.DataFrame(rows, columns=["manager", "level", "title", "fte"])
    frame["level"] = frame["level"].astype(scale.dtype())
    frame["unknown"] = frame["fte"].isna().astype("int64")
    keys = ["manager", "level", "title"] if by_title else ["manager", "level"]
    grouped = frame.groupby(keys, observed=True, sort=True, dropna=False)
    return pd.DataFrame(
        {
            "rows": grouped.size().astype("int64"),
            "fte": grouped["fte"].sum(min_count=0),
            "fte_unknown": grouped["unknown"].sum().astype("int64"),
        }
    )


def staff_breakdown(org: Org, post: str, *, most: int = 4) -> str | None:
    """The staff under a post in one line: total FTE, then FTE per grade, most senior first.

    Parameters
    ----------
    org : Org
        The organisation.
    post : str
        The post id.
    most : int, default 4
        Grades named at most; the rest are summed as one figure for their
        range of grades ("4 854 EO–AA"), or "other" when some are off the scale.

    Returns
    -------
    str or None
        E.g. ``"42 FTE: 3 SEO, 12 HEO, 27 EO"``; None when no staff row reports to the post.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: d, name: Director, top: true}
    ...   - {id: a, name: Policy, grade: HEO, headcount: 2.5, junior: true, reports_to: d}
    ...   - {id: b, name: Casework, headcount: unknown, junior: true, reports_to: d}
    ... ''')
    >>> print(staff_breakdown(org, "d"))
    2.5 FTE: 2.5 HEO; 1 row of unknown size
    """
    rows = staff_of(org).get(post)
    if not rows:
        return None
    scale = _scale_of(org)
    nodes = org.graph.nodes
    by_level: dict[str, float] = {}
    unknown = 0
    for row in rows:
        attrs = nodes[row]
        count = attrs.get("headcount", 1)
        if count == "unknown":
            unknown += 1
            continue
        level = scale.level(attrs.get("grade")) or "ungraded"
        by_level[level] = by_level.get(level, 0.0) + count
    order = {level: i for i, level in enumerate(scale.levels)}
    parts = sorted(by_level.items(), key=lambda item: order.get(item[0], len(order)))
    named = [f"{_short(v)} {level}" for level, v in parts[:most]]
    rest = parts[most:]
    if rest:
        graded = [level for level, _ in rest if level in order]
        span = f"{graded[0]}\u2013{graded[-1]}" if len(graded) == len(rest) and len(rest) > 1 else "other"
        named.append(f"{_short(sum(v for _, v in rest))} {span}")
    text = f"{_short(sum(by_level.values()))} FTE: " + ", ".join(named) if by_level else ""
    if unknown:
        text += ("; " if text else "") + f"{unknown} row{'s' if unknown != 1 else ''} of unknown size"
    return text


def _short(value: float) -> str:
    """FTE for a box: whole above 10 (1 675.8 -> 1 676), else to one decimal."""
    if value >= 10 or float(value).is_integer():
        return f"{math.floor(value + 0.5):,}".replace(",", " ")
    return f"{value:.1f}"


@per_org
def _scale_of(org: Org) -> GradeScale:
    return grade_scale(org)
