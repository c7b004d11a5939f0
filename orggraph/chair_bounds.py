"""Chair figures as bounds, where who chairs depends on candidate managers through a rule group.

A rotation may be among a group whose rule selects posts through
``reporting_to`` (:mod:`orggraph.graph`): a post below an open line
(``reports_to_one_of``) takes turns only in the readings where the rule
selects it. Such places are correlated (every post below one open line joins
or leaves the rotation together), which the exact method of
:func:`orggraph.meetings.chair_concentration` (independent choices, one per
report) cannot express. :func:`bounded_rows` gives bounds instead: each forum
with such possible chairs is taken as its own free choice among every
``(share of the post, has a chair)`` a reading can give it (the turns of the
rotation anywhere between its fewest and its most people), and each report's
choice as before, holding its series. That is a superset of the readings, so
the lowest and highest figures over it hold every reading's figure; they may
be wider than the readings' own extremes.

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
... forums:
...   - {id: f, name: F, chair: {rotating_among: [a, under-a]}}
... ''')
>>> [(row["post"], row["expected_low"], row["expected_high"]) for row in bounded_rows(org)]
[('a', Fraction(1, 2), Fraction(1, 1)), ('x', Fraction(0, 1), Fraction(1, 2))]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from orggraph.collectives import collectives
from orggraph.hierarchy import hierarchy
from orggraph.participation import participation
from orggraph.ratio_range import Option, ratio_range

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["bounded_rows", "has_possible_chairs"]

_Pair = tuple[Fraction, int]  # what one forum (or one report's choice) adds: the post's share, forums with a chair


@dataclass(frozen=True)
class _Chaired:
    """A forum's chairs: those in every reading, those in some only, and each one's share per person."""

    certain: frozenset[str]
    possible: frozenset[str]
    lowest: Fraction  # a person's share with the most people taking turns
    highest: Fraction  # ... with the fewest
    own: dict[str, Fraction]  # a possible chair's highest share: with the fewest people beside it

    def options(self, post: str) -> list[_Pair]:
        """Every (share of ``post``, has a chair) a reading may give the forum when it is held."""
        shares = [(self.lowest, 1), (self.own.get(post, self.highest), 1)]
        if post in self.certain:
            return shares
        others = len(self.possible) - (post in self.possible)
        without = [1] if self.certain else [0, 1] if others else [0]
        return [*(shares if post in self.possible else []), *((Fraction(0), d) for d in without)]

    def chaired(self) -> tuple[int, int]:
        """The fewest and most forums with a chair this forum makes (0 or 1)."""
        return (1 if self.certain else 0), 1


def has_possible_chairs(org: Org) -> bool:
    """Whether a forum that meets has a chair in some readings only (through a rule group).

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    bool
        True when :func:`bounded_rows` is needed for the chair figures.

    Examples
    --------
    >>> import orggraph
    >>> has_possible_chairs(orggraph.example())
    False
    """
    meets = participation(org).of
    return any(
        forum in meets and ("possible chair" in roles or "possible rotating chair" in roles)
        for forums in collectives(org).possible_roles().values()
        for forum, roles in forums.items()
    )


def _shares(org: Org, certain: list[str], possible: list[str], rotating: bool) -> tuple[Fraction, Fraction]:
    """A person's lowest and highest share of a forum, over every set of chairs a reading may give it.

    A rotation's turns are the chairs' people, or their number when a head count is unknown
    (as :func:`orggraph.meetings.chair_concentration` counts them).
    """
    if not rotating:
        return Fraction(1), Fraction(1)
    counts = {post: org.headcount(post) for post in (*certain, *possible)}
    ends: list[tuple[Fraction, Fraction]] = []  # (fewest, most) turns of the sets a reading may give
    if all(counts[post] is not None for post in certain):  # sets of known head counts: their people
        sure = sum((Fraction(counts[post] or 0) for post in certain), Fraction(0))
        known = [Fraction(count) for post in possible if (count := counts[post]) is not None]
        if certain or known:
            ends.append((sure if certain else min(known), sure + sum(known, Fraction(0))))
        if len(known) < len(possible):  # a set with an unknown head count: its number of posts
            ends.append((Fraction(len(certain) + 1), Fraction(len(certain) + len(possible))))
    else:
        ends.append((Fraction(len(certain)), Fraction(len(certain) + len(possible))))
    fewest, most = min(end[0] for end in ends), max(end[1] for end in ends)
    lowest = 1 / most if most > 0 else Fraction(0)
    highest = 1 / fewest if fewest > 0 else Fraction(1)
    return lowest, highest


def _own_shares(org: Org, certain: list[str], possible: list[str], rotating: bool) -> dict[str, Fraction]:
    """Each possible chair's highest share: the fewest turns of a set that holds the certain chairs and it."""
    if not rotating:
        return dict.fromkeys(possible, Fraction(1))
    counts = {post: org.headcount(post) for post in (*certain, *possible)}
    sure_known = all(counts[post] is not None for post in certain)
    sure = sum((Fraction(counts[post] or 0) for post in certain), Fraction(0))
    unknown = sum(1 for post in possible if counts[post] is None)
    own: dict[str, Fraction] = {}
    for post in possible:
        mine = counts[post]
        if sure_known and mine is not None:  # with only known head counts beside it, or one unknown more
            fewest = sure + Fraction(mine)
            if unknown:
                fewest = min(fewest, Fraction(len(certain) + 2))
        else:  # every set that holds it has an unknown head count: its number of posts
            fewest = Fraction(len(certain) + 1)
        own[post] = 1 / fewest if fewest > 0 else Fraction(1)
    return own


def bounded_rows(org: Org) -> list[dict[str, Any]]:
    """The rows of :func:`orggraph.meetings.chair_concentration` as bounds that hold every reading.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    list of dict
        One per post that chairs a forum in some reading, with ``post``,
        ``fixed`` and ``rotating`` (forums it chairs in every reading),
        ``expected_low``, ``expected_high``, ``share_low``, ``share_high``
        (Fractions), ``forums`` and ``reasons``.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: a, name: A, top: true}
    ...   - {id: b, name: B, top: true}
    ...   - {id: x, name: X, reports_to_one_of: [a, b], headcount: 3}
    ... groups: [{id: under-a, name: Under A, rule: {reporting_to: a}}]
    ... forums: [{id: f, name: F, chair: {rotating_among: [a, under-a]}}]
    ... ''')
    >>> row = bounded_rows(org)[0]
    >>> row["post"], str(row["share_low"]), str(row["share_high"]), row["reasons"]
    ('a', '1/4', '1', ['who takes turns depends on candidate managers through a rule group (bounds, not exact)'])
    """
    G = org.graph
    table = participation(org)
    index = collectives(org)
    candidates = hierarchy(org).candidates
    chaired: dict[str, _Chaired] = {}
    always: list[str] = []  # held in every reading, the same chairs in each
    free: list[str] = []  # held in every reading, chairs through a rule group
    held_if: dict[str, dict[str, list[str]]] = {}  # report -> holder -> chaired series held when it is the manager
    for forum in table.forums:
        certain, possible = index.chairs(forum), index.possible_chairs(forum)
        if not certain and not possible:
            continue
        rotating = index.rotates(forum)
        lowest, highest = _shares(org, certain, possible, rotating)
        own = _own_shares(org, certain, possible, rotating)
        chaired[forum] = _Chaired(frozenset(certain), frozenset(possible), lowest, highest, own)
        attrs = G.nodes[forum]
        if not table.of[forum].exists:  # a pair series of a report with candidate managers (orggraph.series)
            held_if.setdefault(attrs["report"], {}).setdefault(attrs["holder"], []).append(forum)
        elif possible:
            free.append(forum)
        else:
            always.append(forum)
    # each independent choice: a free forum, or a report; the fewest and most forums with a chair it makes
    units: dict[str, tuple[int, int]] = {forum: chaired[forum].chaired() for forum in free}
    for report, by_holder in held_if.items():
        ends = [[chaired[f].chaired() for f in by_holder.get(c, ())] for c in candidates[report]]
        units[report] = (min(sum(e[0] for e in end) for end in ends), max(sum(e[1] for e in end) for end in ends))
    fewest, most = sum(u[0] for u in units.values()), sum(u[1] for u in units.values())
    involved: dict[str, dict[str, None]] = {}  # post -> the units and always-held forums it may chair
    held_by: dict[str, list[str]] = {}  # post -> the forums it may chair
    report_of = {f: r for r, by_holder in held_if.items() for fs in by_holder.values() for f in fs}
    for forum, chairs in chaired.items():
        for post in (*chairs.certain, *chairs.possible):
            involved.setdefault(post, {})[report_of.get(forum, forum)] = None
            held_by.setdefault(post, []).append(forum)
    correlated = bool(free) or any(chaired[f].possible for f in report_of)
    held_always = set(always)
    rows = []
    for post, mine in involved.items():
        base = sum((chaired[f].lowest for f in mine if f in held_always and post in chaired[f].certain), Fraction(0))
        choices: list[list[Option]] = []
        for unit in mine:
            if unit in held_if:
                found: dict[_Pair, None] = {}
                for candidate in candidates[unit]:
                    sums: dict[_Pair, None] = {(Fraction(0), 0): None}
                    for forum in held_if[unit].get(candidate, ()):
                        options = chaired[forum].options(post)
                        sums = dict.fromkeys((n + m, d + e) for n, d in sums for m, e in options)
                    found.update(sums)
                choices.append([Option(n, d) for n, d in found])
            elif unit in units:
                choices.append([Option(n, d) for n, d in dict.fromkeys(chaired[unit].options(post))])
        rest_fewest = fewest - sum(units[u][0] for u in mine if u in units)
        rest_most = most - sum(units[u][1] for u in mine if u in units)
        choices.append([Option(0, rest_fewest), Option(0, rest_most)])
        low = base + sum((min(Fraction(o.num) for o in options) for options in choices), Fraction(0))
        high = base + sum((max(Fraction(o.num) for o in options) for options in choices), Fraction(0))
        share = ratio_range(base, len(always), choices, hit=True) or (Fraction(0), Fraction(0))
        forums = tuple(held_by[post])
        sure = [f for f in forums if post in chaired[f].certain and table.of[f].exists]
        fixed = sum(1 for f in sure if chaired[f].lowest == chaired[f].highest == 1)
        maybe = sum(1 for f in forums if post not in chaired[f].certain or not table.of[f].exists)
        reasons = [f"chairs {maybe} forum(s) only in some readings"] if maybe else []
        if correlated:
            reasons.append("who takes turns depends on candidate managers through a rule group (bounds, not exact)")
        rows.append(
            {
                "post": post,
                "fixed": fixed,
                "rotating": len(sure) - fixed,
                "expected_low": low,
                "expected_high": high,
                "share_low": share[0],
                "share_high": share[1],
                "forums": forums,
                "reasons": reasons,
            }
        )
    return rows
