"""Head counts that say how sure they are: exact, a range, or a count the source declares.

:func:`headcount_detail` gives the people a post, unit, group or forum stands
for as a :class:`HeadCount`: the value when the data decides it, a low and a
high end, whether it is approximate, and where it comes from.

- A post: its ``headcount``.
- A unit or group: the sum over its member posts; a group whose rule selects
  posts through ``reporting_to`` in some readings only makes a range.
- A forum: the people per meeting (:mod:`orggraph.participation`); members
  that sit in a per-holder series only in some readings make a range.
- When the members give no number (a head count ``unknown``, or a forum with
  no members listed) and the file declares a count of the collective's members
  (``declared_counts`` with ``of: members``), that count stands in: ``source``
  names it, and an approximate count ("ca. 130") is ``approx`` with the range
  lint allows (±10 %).

Examples
--------
>>> import orggraph
>>> headcount_detail(orggraph.example(), "operations")
HeadCount(value=7, low=7, high=7, approx=False, source='members', why='')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from orggraph.collectives import collectives
from orggraph.memo import per_org
from orggraph.participation import participation
from orggraph.text import format_number

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["HeadCount", "forum_people_text", "headcount_detail"]

_NAN = math.nan
DECLARED_TOLERANCE = 0.1
"""The share an approximate declared count ('ca. 130') may be off, as lint allows."""


class HeadCount(NamedTuple):
    """People a node stands for, with how sure the number is.

    Attributes
    ----------
    value : float or None
        The number when the data (or a declared count) decides it; None when
        it does not (a range, or unknown).
    low, high : float
        The range the number lies in; NaN when unknown. With a member's head
        count unknown, ``low`` is the people of the others (a lower bound) and
        ``high`` NaN.
    approx : bool
        The number is approximate (a declared 'ca.' count).
    source : str
        ``post``, ``members``, ``declared <count id>`` or ``unknown``.
    why : str
        Why the value is not exact, in words; empty when it is.
    """

    value: float | None
    low: float
    high: float
    approx: bool
    source: str
    why: str


def headcount_detail(org: Org, node: str) -> HeadCount:
    """People a post, unit, group or forum stands for, with a range and where the number comes from.

    Parameters
    ----------
    org : Org
        The organisation.
    node : str
        A post, unit, group, forum or person id.

    Returns
    -------
    HeadCount
        See the module notes.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts: [{id: boss, name: Boss, top: true}, {id: lead, name: Leader, headcount: unknown, top: true}]
    ... forums: [{id: all, name: All leaders, members: [boss, lead]}]
    ... declared_counts:
    ...   - {id: ca-130, description: ca. 130 leaders, count: 130, approx: true, of: members, collective: all}
    ... ''')
    >>> headcount_detail(org, "all")
    HeadCount(value=130.0, low=117.0, high=143.0, approx=True, source='declared ca-130', why='')
    """
    kind = org.kind(node)
    if kind == "person":
        return HeadCount(1.0, 1.0, 1.0, False, "post", "")
    if kind == "post":
        count = org.graph.nodes[node].get("headcount", 1)
        if count == "unknown":
            return _declared(org, node) or HeadCount(None, _NAN, _NAN, False, "unknown", "head count unknown")
        value = float(count)
        return HeadCount(value, value, value, False, "post", "")
    if kind != "forum":  # a unit or a group: its posts, no index of the forums needed
        return _summed(org, node)
    table = participation(org)
    taking = table.of.get(node)
    if taking is None:  # a per-holder template
        certain, possible, report = _collective(org, node)
    else:  # a pair series held only in some readings counts its members where it is held
        (certain, possible), report = taking.when_held(), taking.report
    low = table.people(certain, report)
    high = table.people([*certain, *possible], report)
    empty = not certain and not possible
    if math.isnan(low) or math.isnan(high) or (empty and kind == "forum"):
        why = "no members given" if empty else "a member's head count is unknown"
        known = _NAN if empty else table.people([p for p in certain if org.headcount(p) is not None], report)
        return _declared(org, node) or HeadCount(None, known, _NAN, False, "unknown", why)
    if low == high:
        why = "" if taking is None or taking.exists else "the series is held only in some readings"
        return HeadCount(low, low, high, False, "members", why)
    return HeadCount(None, low, high, False, "members", "members depend on candidate managers")


def _summed(org: Org, node: str) -> HeadCount:
    """A unit's or group's people: the sum over its member posts, or the declared count when a head count is unknown.

    With a head count unknown and no declared count, ``low`` is the sum of the known ones (a lower bound).
    """
    nodes = org.graph.nodes
    total, unknown = _people(nodes, org.members(node))
    # a rule group's possible members (reporting_to above them in some readings only)
    extra, unknown_extra = _people(nodes, collectives(org).possible(node))
    if unknown or unknown_extra:
        return _declared(org, node) or HeadCount(
            None, total, _NAN, False, "unknown", "a member's head count is unknown"
        )
    if extra:
        return HeadCount(None, total, total + extra, False, "members", "members depend on candidate managers")
    return HeadCount(total, total, total, False, "members", "")


def _people(nodes: Mapping[str, Mapping[str, Any]], members: Iterable[str]) -> tuple[float, bool]:
    """Summed head counts of some posts (a person, as in Popolo imports, is one), and whether one is unknown."""
    total: float = 0
    unknown = False
    for member in members:
        value = nodes[member].get("headcount", 1)
        if value == "unknown":
            unknown = True
        else:
            total += value
    return total, unknown


def _collective(org: Org, node: str) -> tuple[list[str], list[str], None]:
    """Certain and possible member posts of a unit, group or per-holder template (the union of its series)."""
    series = org.graph.nodes[node].get("series") if org.kind(node) == "forum" else None
    if series is None:
        return org.members(node), [], None
    table = participation(org)
    certain: dict[str, None] = {}
    possible: dict[str, None] = {}
    for one in series:
        taking = table.of[one]
        (certain if taking.exists else possible).update(dict.fromkeys(taking.certain))
        possible.update(dict.fromkeys(taking.possible))
    return list(certain), [p for p in possible if p not in certain], None


def _declared(org: Org, node: str) -> HeadCount | None:
    count = _member_counts(org).get(node)
    if count is None:
        return None
    value = float(count.count)
    spread = value * DECLARED_TOLERANCE if count.approx else 0.0
    return HeadCount(value, value - spread, value + spread, count.approx, f"declared {count.id}", "")


@per_org
def _member_counts(org: Org) -> dict[str, Any]:
    """Collective -> the first count of its members the file declares: one lookup per node, not a scan of them all."""
    found: dict[str, Any] = {}
    for count in org.graph.graph["declared_counts"]:
        if count.of == "members":
            found.setdefault(count.collective, count)
    return found


def forum_people_text(org: Org, forum: str) -> str:
    """A forum's members and people per meeting in words, for summaries: ranges and declared counts said so.

    Parameters
    ----------
    org : Org
        The organisation.
    forum : str
        A forum id.

    Returns
    -------
    str
        E.g. ``2 posts, 2 people``, ``1-2 posts, 1-10 people (members depend on
        candidate managers)``, ``3 series`` for a per-holder forum, ``ca. 130
        people (declared count lederforum-130)``.

    Examples
    --------
    >>> import orggraph
    >>> forum_people_text(orggraph.example(), "board")
    '3 posts, 3 people'
    """
    series = org.graph.nodes[forum].get("series")
    if series is not None:
        each = "pair" if org.graph.nodes[forum]["for_each"].series == "pair" else "holder"
        return f"{len(series)} series, one per {each}"
    table = participation(org)
    taking = table.of[forum]
    detail = headcount_detail(org, forum)
    certain, maybe = taking.when_held()  # a pair series held only in some readings: its members where it is held
    extra = len(maybe)
    posts = _plural(len(certain), "post") if not extra else f"{len(certain)}-{len(certain) + extra} posts"
    if detail.source.startswith("declared"):
        value = detail.value if detail.value is not None else _NAN
        people = f"{'ca. ' if detail.approx else ''}{format_number(value)} people"
        return f"{posts}, {people} ({detail.source.replace('declared', 'declared count')})"
    if detail.source == "unknown":
        return (
            f"{posts}, members not given"
            if detail.why == "no members given"
            else f"{posts}, {org._people_text(certain)}"
        )
    if detail.value is None:
        people = f"{format_number(detail.low)}-{format_number(detail.high)} people"
    else:
        people = f"{format_number(detail.value)} people"
    notes = []
    if taking.report is not None and taking.count != 1:
        pairs = "an unknown number of" if math.isinf(taking.count) else format_number(taking.count)
        notes.append(f"per meeting; {pairs} pairs")
    if detail.why:
        notes.append(detail.why)
    return f"{posts}, {people}" + (f" ({'; '.join(notes)})" if notes else "")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
