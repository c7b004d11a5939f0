"""An organisation over time: snapshots by date, their trend, what changed, churn and anomalies.

A :class:`Timeline` holds snapshots of one organisation (any source: YAML
versions, organogram publications, CSV exports), one per date. Posts are
matched from one snapshot to the next by :func:`orggraph.matching.match_posts`
(ids first, then title, unit, holder, grade and manager), so the changes
survive renumbered references and renamed units.

Examples
--------
>>> import orggraph
>>> from orggraph.scenario import Add, apply
>>> org = orggraph.example()
>>> later = apply(org, Add("controller", "Controller", reports_to="cfo"))
>>> tl = timeline({"2024-01-01": org, "2025-01-01": later})
>>> tl
<Timeline 'Acme Åkande': 2 snapshots, 2024-01-01 .. 2025-01-01, 8 .. 9 posts>
>>> tl.trend()["posts"].tolist()
[8, 9]
>>> tl.changes("2024-01-01", "2025-01-01")["change"].value_counts().to_dict()
{'unchanged': 8, 'added': 1}
"""

from __future__ import annotations

import datetime
import html
import itertools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orggraph.errors import OrgDataError, Problem
from orggraph.matching import Matching, match_posts
from orggraph.org import Org

if TYPE_CHECKING:
    import pandas as pd

    from orggraph.render.trend import TrendPicture

__all__ = ["CHANGE_KINDS", "Timeline", "read_organogram_series", "timeline"]

CHANGE_KINDS: tuple[str, ...] = (
    "added",
    "removed",
    "moved",
    "retitled",
    "regraded",
    "holder changed",
    "unchanged",
)
"""The kinds of change of a post; a matched post may have several (``"moved+retitled"``)."""

TREND_METRICS: tuple[str, ...] = (
    "posts",
    "junior_posts",
    "people",
    "people_unit",
    "people_unknown",
    "senior_people",
    "junior_people",
    "vacancies",
    "top_posts",
    "layers",
    "span_median",
    "span_mean",
)
"""The columns of :meth:`Timeline.trend` besides the grade mix (``grade <name>`` columns)."""

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PARTIAL_DROP = 0.5


def _day(value: object, what: str = "date") -> datetime.date:
    """A real date from a date, a datetime or ``YYYY-MM-DD`` text."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    hint = "give it as a datetime.date or 'YYYY-MM-DD', e.g. '2014-03-31'"
    raise OrgDataError([Problem(what, 0, 0, "", f"{value!r} is not a date", hint)])


class Timeline:
    """Snapshots of one organisation by date, with their matched posts.

    Build one with :func:`timeline` or :func:`read_organogram_series`.
    ``len()``, iteration (``(date, org)`` pairs in date order) and ``[date]``
    work as on a mapping; matchings are computed when first needed and kept.

    Examples
    --------
    >>> import orggraph
    >>> tl = timeline({"2024-01-01": orggraph.example()})
    >>> len(tl), tl.dates, tl.at("2030-06-01").title
    (1, [datetime.date(2024, 1, 1)], 'Acme Åkande')
    """

    def __init__(self, orgs: Mapping[datetime.date, Org], *, min_confidence: float = 0.5) -> None:
        self._orgs = dict(sorted(orgs.items()))
        self.min_confidence = min_confidence
        self._matchings: dict[tuple[datetime.date, datetime.date, float], Matching] = {}

    # -- a mapping of dates -------------------------------------------------------------------

    @property
    def dates(self) -> list[datetime.date]:
        """The snapshot dates, earliest first."""
        return list(self._orgs)

    def __len__(self) -> int:
        return len(self._orgs)

    def __iter__(self) -> Iterator[tuple[datetime.date, Org]]:
        return iter(self._orgs.items())

    def __getitem__(self, date: object) -> Org:
        day = _day(date)
        if day not in self._orgs:
            raise KeyError(f"no snapshot on {day.isoformat()}; the dates are {', '.join(map(str, self.dates))}")
        return self._orgs[day]

    def at(self, date: object) -> Org:
        """The snapshot in force on ``date``: the latest one published on or before it.

        Parameters
        ----------
        date : date, datetime or str
            The day to look at: a ``datetime.date``, a ``datetime.datetime`` or
            ``"YYYY-MM-DD"`` text.

        Raises
        ------
        OrgDataError
            If ``date`` is not a date, or before the first snapshot.

        Examples
        --------
        >>> import orggraph
        >>> tl = timeline({"2024-01-01": orggraph.example()})
        >>> tl.at("2023-12-31")
        Traceback (most recent call last):
        ...
        orggraph.errors.OrgDataError: 1 problem in the organisation data:
          at: no snapshot on or before 2023-12-31 (the first is 2024-01-01)
        """
        day = _day(date)
        found = [d for d in self._orgs if d <= day]
        if not found:
            first = self.dates[0].isoformat() if self._orgs else "none"
            raise OrgDataError([Problem("at", 0, 0, "", f"no snapshot on or before {day} (the first is {first})")])
        return self._orgs[found[-1]]

    def _title(self) -> str:
        return next(iter(self._orgs.values())).title if self._orgs else ""

    def __repr__(self) -> str:
        if not self._orgs:
            return "<Timeline: no snapshots>"
        counts = [_senior_count(org) for org in self._orgs.values()]
        return (
            f"<Timeline {self._title()!r}: {len(self)} snapshot{'s' if len(self) != 1 else ''}, "
            f"{self.dates[0]} .. {self.dates[-1]}, {min(counts)} .. {max(counts)} posts>"
        )

    def _repr_html_(self) -> str:
        head = f"<p><b>{html.escape(repr(self)[1:-1])}</b></p>"
        table: str = self.trend(["posts", "people", "vacancies", "layers"])._repr_html_()  # type: ignore[operator]
        return head + table

    # -- matching -----------------------------------------------------------------------------

    def matching(self, a: object, b: object, *, min_confidence: float | None = None) -> Matching:
        """The matching of the posts of the snapshots on dates ``a`` and ``b`` (see :mod:`orggraph.matching`).

        Parameters
        ----------
        a, b : date, datetime or str
            The dates of two snapshots (``datetime.date`` or ``"YYYY-MM-DD"``).
        min_confidence : float, optional
            Matches below it are dropped (default: the timeline's, 0.5).

        Examples
        --------
        >>> import orggraph
        >>> tl = timeline({"2024-01-01": orggraph.example(), "2025-01-01": orggraph.example()})
        >>> len(tl.matching("2024-01-01", "2025-01-01").pairs)
        8
        """
        day_a, day_b = _day(a), _day(b)
        level = self.min_confidence if min_confidence is None else min_confidence
        key = (day_a, day_b, level)
        if key not in self._matchings:
            self._matchings[key] = match_posts(self[day_a], self[day_b], min_confidence=level)
        return self._matchings[key]

    def _steps(self) -> list[tuple[datetime.date, datetime.date]]:
        return list(zip(self.dates, self.dates[1:], strict=False))

    # -- figures ------------------------------------------------------------------------------

    def trend(self, metrics: Iterable[str] | None = None) -> pd.DataFrame:
        """Key figures per snapshot: a DataFrame indexed by date.

        Columns (:data:`TREND_METRICS`): ``posts`` (posts that are not
        junior staff aggregates), ``junior_posts``, ``people`` (the head
        counts, FTE where the source gives them, of the posts whose size is
        known), ``people_unit`` (``"FTE"`` where the snapshot counts in full-time
        equivalents, as organograms do, else ``"people"``: the figures say
        which they are), ``people_unknown`` (posts of unknown size, counted apart),
        ``senior_people`` and ``junior_people``, ``vacancies`` (vacant
        posts), ``top_posts``, ``layers``, ``span_median`` and ``span_mean``
        (as :func:`orggraph.metrics.metrics_summary`), then the grade mix,
        ``grade <name>``: posts (not junior) per grade, where the source has
        grades.

        Parameters
        ----------
        metrics : iterable of str, optional
            The columns to give (default: all).

        Raises
        ------
        OrgDataError
            For an unknown metric.

        Examples
        --------
        >>> import orggraph
        >>> tl = timeline({"2024-01-01": orggraph.example()})
        >>> tl.trend(["posts", "people", "top_posts", "layers"])
                    posts  people  top_posts  layers
        date
        2024-01-01      8    14.0          1       5
        """
        import pandas as pd

        rows = [_figures(org) for org in self._orgs.values()]
        frame = pd.DataFrame(rows, index=pd.Index(self.dates, name="date"))
        grades = sorted({c for c in frame.columns if c.startswith("grade ")}, key=_grade_order)
        frame = frame[[*TREND_METRICS, *grades]]
        if grades:
            frame[grades] = frame[grades].fillna(0).astype("int64")
        if metrics is None:
            return frame
        wanted = list(metrics)
        unknown = [m for m in wanted if m not in frame.columns]
        if unknown:
            choices = ", ".join([*TREND_METRICS, *grades])
            raise OrgDataError(
                [Problem("metrics", 0, 0, "", f"unknown metric {unknown[0]!r}", f"choose from {choices}")]
            )
        return frame[wanted]

    # -- changes ------------------------------------------------------------------------------

    def changes(
        self, a: object, b: object, *, min_confidence: float | None = None, junior: bool = False
    ) -> pd.DataFrame:
        """What happened to each post between the snapshots on dates ``a`` and ``b``.

        One row per post of either snapshot: ``change`` is ``added``,
        ``removed``, ``unchanged`` or the ``+``-joined kinds of a matched
        post (``moved``: another manager that is not the old manager's match,
        or another unit that is not a rename; ``retitled``, ``regraded``,
        ``holder changed``: other named holders, or named and vacant; a holder
        not disclosed on either side is no change); ``post_a``/``post_b`` the ids on both sides,
        their titles, units, grades and holders, the match's ``basis`` and
        ``confidence``.

        Parameters
        ----------
        a, b : date or str
            Two snapshot dates.
        min_confidence : float, optional
            Matches below it count as a removal and an addition (default:
            the timeline's, 0.5).
        junior : bool, default False
            Include junior staff aggregates.

        Examples
        --------
        >>> import orggraph
        >>> from orggraph.scenario import Move, apply
        >>> org = orggraph.example()
        >>> tl = timeline({"2024-01-01": org, "2025-01-01": apply(org, Move("accountant", "coo"))})
        >>> t = tl.changes("2024-01-01", "2025-01-01")
        >>> t.loc[t["change"] != "unchanged", ["change", "post_a", "post_b", "basis"]]
          change      post_a      post_b      basis
        5  moved  accountant  accountant  reference
        """
        import pandas as pd

        org_a, org_b = self[a], self[b]
        matching = self.matching(a, b, min_confidence=min_confidence)
        rows = _change_rows(org_a, org_b, matching, junior)
        columns = [
            "change",
            "post_a",
            "post_b",
            "title_a",
            "title_b",
            "unit_a",
            "unit_b",
            "grade_a",
            "grade_b",
            "holder_a",
            "holder_b",
            "basis",
            "confidence",
        ]
        return pd.DataFrame(rows, columns=columns)

    def churn(self, *, min_confidence: float | None = None) -> pd.DataFrame:
        """How many posts changed how, per interval between snapshots.

        One row per interval (``from``, ``to``); a column per kind of
        :data:`CHANGE_KINDS` (a post both moved and retitled counts in
        both), and ``unit renames``.

        Parameters
        ----------
        min_confidence : float, optional
            Matches below it count as a removal and an addition (default: the
            timeline's, 0.5).

        Examples
        --------
        >>> import orggraph
        >>> from orggraph.scenario import Remove, apply
        >>> org = orggraph.example()
        >>> tl = timeline({"2024-01-01": org, "2025-01-01": apply(org, Remove("site-lead"))})
        >>> tl.churn()[["removed", "moved", "unchanged"]].to_dict("records")
        [{'removed': 1, 'moved': 1, 'unchanged': 6}]
        """
        import pandas as pd

        rows = []
        for a, b in self._steps():
            table = self.changes(a, b, min_confidence=min_confidence)
            counts: Counter[str] = Counter()
            for change in table["change"]:
                counts.update(change.split("+"))
            renames = self.matching(a, b, min_confidence=min_confidence).unit_renames
            rows.append({"from": a, "to": b, **{k: counts[k] for k in CHANGE_KINDS}, "unit renames": len(renames)})
        columns = ["from", "to", *CHANGE_KINDS, "unit renames"]
        return pd.DataFrame(rows, columns=columns).set_index(["from", "to"])

    def unit_renames(self) -> pd.DataFrame:
        """Units renamed between snapshots, found by where their posts went.

        Examples
        --------
        >>> import orggraph
        >>> timeline({"2024-01-01": orggraph.example()}).unit_renames().columns.tolist()
        ['from', 'to', 'unit_a', 'unit_b']
        """
        import pandas as pd

        rows = [(a, b, old, new) for a, b in self._steps() for old, new in self.matching(a, b).unit_renames.items()]
        return pd.DataFrame(rows, columns=["from", "to", "unit_a", "unit_b"])

    def lineage(self, post: str, date: object) -> pd.DataFrame:
        """The post's history: its matched post in every snapshot, back and forth from ``date``.

        One row per snapshot where the post is matched (the chain stops
        where a snapshot has no match): date, post id, title, unit, grade,
        holder, and the change from the previous row.

        Parameters
        ----------
        post : str
            A post id in the snapshot on ``date``.
        date : date, datetime or str
            The date of the snapshot where the history is anchored
            (``datetime.date`` or ``"YYYY-MM-DD"``).

        Raises
        ------
        UnknownNodeError
            If the snapshot on ``date`` has no such post.

        Examples
        --------
        >>> import orggraph
        >>> org = orggraph.example()
        >>> tl = timeline({"2024-01-01": org, "2025-01-01": org})
        >>> tl.lineage("cfo", "2025-01-01")[["post", "title", "change"]]
                   post              title      change
        date
        2024-01-01  cfo  Finance Director
        2025-01-01  cfo  Finance Director  unchanged
        """
        import pandas as pd

        day = _day(date)
        org = self[day]
        org._check(post, "post")
        dates = self.dates
        at = dates.index(day)
        chain: dict[datetime.date, str] = {day: post}
        current = post
        for earlier, later in reversed(list(itertools.pairwise(dates[: at + 1]))):
            previous = self.matching(earlier, later).b_to_a.get(current)
            if previous is None:
                break
            chain[earlier] = current = previous
        current = post
        for earlier, later in zip(dates[at:], dates[at + 1 :], strict=False):
            following = self.matching(earlier, later).a_to_b.get(current)
            if following is None:
                break
            chain[later] = current = following
        rows = []
        previous_day: datetime.date | None = None
        for d in sorted(chain):
            facts = _post_facts(self[d], chain[d])
            change = ""
            if previous_day is not None:
                change = _change_kind(
                    self[previous_day], self[d], chain[previous_day], chain[d], self.matching(previous_day, d)
                )
            rows.append({"date": d, "post": chain[d], **facts, "change": change})
            previous_day = d
        return pd.DataFrame(rows).set_index("date")

    # -- anomalies ----------------------------------------------------------------------------

    def anomalies(self) -> pd.DataFrame:
        """What looks wrong in the series: partial publications, posts that vanish and return, reused references.

        ``partial publication``
            A snapshot with fewer than half the posts of the one before,
            most of whose missing posts are back in the next one (matched
            across the gap): a publication that left posts out, not a cut.
            (The last snapshot cannot be checked this way.)
        ``vanished and returned``
            A post matched between the snapshots before and after one that
            does not have it.
        ``reference reused``
            An id in two consecutive snapshots that the matching gives to
            two different posts (the reference now names another job).

        Returns
        -------
        DataFrame
            ``kind``, ``date``, ``post`` (None for a whole snapshot), ``detail``.

        Examples
        --------
        >>> import orggraph
        >>> timeline({"2024-01-01": orggraph.example()}).anomalies().columns.tolist()
        ['kind', 'date', 'post', 'detail']
        """
        import pandas as pd

        rows: list[tuple[str, datetime.date, str | None, str]] = []
        dates = self.dates
        partial = set(self.partial_snapshots())
        for before, middle, after in zip(dates, dates[1:], dates[2:], strict=False):
            across = self.matching(before, after)
            into_middle = self.matching(before, middle).a_to_b
            returned = [
                (x, y) for x, y in across.a_to_b.items() if x not in into_middle and not _is_junior(self[before], x)
            ]
            if middle in partial:
                count_before, count_middle = _senior_count(self[before]), _senior_count(self[middle])
                detail = (
                    f"{count_middle} posts against {count_before} before and {_senior_count(self[after])} after; "
                    f"{len(returned)} of the posts missing on {middle} are back on {after}: "
                    "a publication that left posts out, not a cut"
                )
                rows.append(("partial publication", middle, None, detail))
                continue
            for x, y in returned:
                detail = f"{x!r} on {before} ({self[before].name(x)}) is {y!r} on {after}, missing on {middle}"
                rows.append(("vanished and returned", middle, y, detail))
        for a, b in self._steps():
            org_a, org_b = self[a], self[b]
            a_to_b = self.matching(a, b).a_to_b
            ids_b = {p.id for p in org_b.document.posts if not p.junior}
            for post in org_a.document.posts:
                if post.junior or post.id not in ids_b or a_to_b.get(post.id) == post.id:
                    continue
                detail = f"{post.id!r} names {post.name!r} on {a} and {org_b.name(post.id)!r} on {b}"
                rows.append(("reference reused", b, post.id, detail))
        rows.sort(key=lambda row: (row[1], row[0], row[2] or ""))
        return pd.DataFrame(rows, columns=["kind", "date", "post", "detail"])

    def partial_snapshots(self) -> list[datetime.date]:
        """Snapshots that look partial: posts drop by more than half and most come back in the next snapshot.

        Examples
        --------
        >>> import orggraph
        >>> timeline({"2024-01-01": orggraph.example()}).partial_snapshots()
        []
        """
        dates = self.dates
        result = []
        for before, middle, after in zip(dates, dates[1:], dates[2:], strict=False):
            count_before, count_middle = _senior_count(self[before]), _senior_count(self[middle])
            if count_middle >= _PARTIAL_DROP * count_before:
                continue
            into_middle = self.matching(before, middle).a_to_b
            missing = {p.id for p in self[before].document.posts if not p.junior and p.id not in into_middle}
            back = sum(1 for x in self.matching(before, after).a_to_b if x in missing)
            if 2 * back > len(missing):
                result.append(middle)
        return result

    # -- pictures -----------------------------------------------------------------------------

    def chart(self, metric: str = "posts", *, title: str | None = None) -> TrendPicture:
        """One figure over time as a line chart; partial snapshots drawn hollow and bridged, not as a collapse.

        Parameters
        ----------
        metric : str, default "posts"
            A column of :meth:`trend`: one of :data:`TREND_METRICS` or a grade.
        title : str, optional
            The picture's title; the organisation's name by default.

        Examples
        --------
        >>> import orggraph
        >>> picture = timeline({"2024-01-01": orggraph.example(), "2025-01-01": orggraph.example()}).chart("posts")
        >>> type(picture).__name__
        'TrendPicture'
        """
        from orggraph.render.trend import trend_chart

        return trend_chart(self.trend(), [metric], self.partial_snapshots(), title=title or self._title())

    def trend_chart(self, metrics: Sequence[str] | None = None, *, title: str | None = None) -> TrendPicture:
        """Small multiples: one panel per figure (default: posts, people, vacancies, layers, spans, grades).

        Parameters
        ----------
        metrics : sequence of str, optional
            Columns of :meth:`trend` to draw, one panel each (default: posts,
            people, vacancies, layers, span_median, top_posts).
        title : str, optional
            The picture's title; the organisation's name by default.

        Examples
        --------
        >>> import orggraph
        >>> picture = timeline({"2024-01-01": orggraph.example(), "2025-01-01": orggraph.example()}).trend_chart()
        >>> len(picture.axes) >= 4
        True
        """
        from orggraph.render.trend import trend_chart

        table = self.trend()
        wanted = (
            list(metrics)
            if metrics is not None
            else ["posts", "people", "vacancies", "layers", "span_median", "top_posts"]
        )
        return trend_chart(table, wanted, self.partial_snapshots(), title=title or self._title())


# -- figures of one snapshot ------------------------------------------------------------------------


def _is_junior(org: Org, post: str) -> bool:
    return bool(org.graph.nodes[post].get("junior", False))


def _senior_count(org: Org) -> int:
    return sum(1 for p in org.document.posts if not p.junior)


def _grade_order(column: str) -> tuple[int, str]:
    match = re.search(r"(\d+)", column)
    return (-int(match.group(1)) if match else 0, column)


def _figures(org: Org) -> dict[str, Any]:
    from orggraph.metrics import metrics_summary
    from orggraph.staff import counts_in_fte

    posts = org.document.posts
    figures: dict[str, Any] = dict.fromkeys(TREND_METRICS, 0)
    people = {"senior_people": 0.0, "junior_people": 0.0}
    for post in posts:
        side = "junior_people" if post.junior else "senior_people"
        if post.junior:
            figures["junior_posts"] += 1
        else:
            figures["posts"] += 1
            if post.grade:
                key = f"grade {post.grade}"
                figures[key] = figures.get(key, 0) + 1
            if post.vacant:
                figures["vacancies"] += 1
            if post.top:
                figures["top_posts"] += 1
        if post.headcount == "unknown":
            figures["people_unknown"] += 1
        else:
            people[side] += float(post.headcount)
    figures.update({k: round(v, 6) for k, v in people.items()})
    figures["people"] = round(people["senior_people"] + people["junior_people"], 6)
    figures["people_unit"] = "FTE" if counts_in_fte(org) else "people"
    summary = metrics_summary(org)
    figures["layers"] = summary.layers
    figures["span_median"] = summary.span_median
    figures["span_mean"] = summary.span_mean
    return figures


# -- changes between two snapshots -----------------------------------------------------------------


def _post_facts(org: Org, post: str) -> dict[str, Any]:
    node = org.graph.nodes[post]
    unit = node.get("unit")
    holders = node.get("holders") or ()
    holder = ", ".join(holders) if holders else ("vacant" if node.get("vacant") else None)
    return {
        "title": node.get("name"),
        "unit": org.name(unit) if unit and unit in org.graph else unit,
        "grade": node.get("grade"),
        "holder": holder,
    }


def _moved(org_a: Org, org_b: Org, a: Mapping[str, Any], b: Mapping[str, Any], matching: Matching) -> bool:
    """Another manager than the old manager's match, or another unit that is not the old one renamed."""
    manager_a, manager_b = a.get("reports_to"), b.get("reports_to")
    new_manager = manager_b is not None if manager_a is None else matching.a_to_b.get(manager_a) != manager_b
    unit_a, unit_b = a.get("unit") or None, b.get("unit") or None
    renamed = matching.unit_renames.get(unit_a or "", unit_a)
    new_unit = unit_a != unit_b and renamed != unit_b and _name_of_unit(org_a, unit_a) != _name_of_unit(org_b, unit_b)
    return new_manager or new_unit


def _change_kind(org_a: Org, org_b: Org, x: str, y: str, matching: Matching) -> str:
    a, b = org_a.graph.nodes[x], org_b.graph.nodes[y]
    kinds = []
    if _moved(org_a, org_b, a, b, matching):
        kinds.append("moved")
    if " ".join(str(a.get("name", "")).split()).casefold() != " ".join(str(b.get("name", "")).split()).casefold():
        kinds.append("retitled")
    if (a.get("grade") or "").casefold() != (b.get("grade") or "").casefold():
        kinds.append("regraded")
    holders_a, holders_b = _holder_words(a), _holder_words(b)
    # A holder not given (not disclosed, or left blank) on either side is unknown: no change can be seen.
    if holders_a and holders_b and holders_a != holders_b and not _same_people(holders_a, holders_b):
        kinds.append("holder changed")
    return "+".join(kinds) or "unchanged"


def _name_of_unit(org: Org, unit: str | None) -> str | None:
    if not unit or unit not in org.graph:
        return unit
    return " ".join(org.name(unit).casefold().split())


def _holder_words(node: Mapping[str, Any]) -> frozenset[str]:
    from orggraph.matching import words

    names: set[str] = set()
    for holder in node.get("holders") or ():
        names |= words(holder, stem=False)
    if not names and node.get("vacant"):
        return frozenset({"<vacant>"})
    return frozenset(names)


def _same_people(a: frozenset[str], b: frozenset[str]) -> bool:
    from orggraph.matching import _holder_score

    return "<vacant>" not in a | b and _holder_score(a, b) == 1.0


def _change_rows(org_a: Org, org_b: Org, matching: Matching, junior: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    by_a = matching.by_a()
    matched_b = set(matching.b_to_a)

    def facts(org: Org, post: str | None, side: str) -> dict[str, Any]:
        if post is None:
            return {f"{k}_{side}": None for k in ("title", "unit", "grade", "holder")}
        return {f"{k}_{side}": v for k, v in _post_facts(org, post).items()}

    for post in org_a.document.posts:
        if post.junior and not junior:
            continue
        match = by_a.get(post.id)
        if match is None:
            rows.append(
                {
                    "change": "removed",
                    "post_a": post.id,
                    "post_b": None,
                    **facts(org_a, post.id, "a"),
                    **facts(org_b, None, "b"),
                    "basis": None,
                    "confidence": None,
                }
            )
        else:
            change = _change_kind(org_a, org_b, post.id, match.b, matching)
            rows.append(
                {
                    "change": change,
                    "post_a": post.id,
                    "post_b": match.b,
                    **facts(org_a, post.id, "a"),
                    **facts(org_b, match.b, "b"),
                    "basis": match.basis,
                    "confidence": match.confidence,
                }
            )
    for post in org_b.document.posts:
        if (post.junior and not junior) or post.id in matched_b:
            continue
        rows.append(
            {
                "change": "added",
                "post_a": None,
                "post_b": post.id,
                **facts(org_a, None, "a"),
                **facts(org_b, post.id, "b"),
                "basis": None,
                "confidence": None,
            }
        )
    return rows


# -- building a timeline ----------------------------------------------------------------------------


def timeline(
    orgs: Mapping[Any, Org] | Org, *, dates: Iterable[Any] | None = None, min_confidence: float = 0.5
) -> Timeline:
    """A :class:`Timeline` from snapshots by date, or from one organisation whose items carry validity dates.

    Parameters
    ----------
    orgs : mapping of date to Org, or Org
        The snapshots, dates as :class:`datetime.date` or ``YYYY-MM-DD``
        text; or one organisation (e.g. a YAML file with ``valid_from`` and
        ``valid_until``), taken :meth:`~orggraph.Org.as_of` each of ``dates``.
    dates : iterable of date, optional
        For one organisation: the days to take it on (default: the
        organisation's ``as_of`` day and every day on which an item starts
        or stops holding, :func:`orggraph.validity.validity_dates`).
    min_confidence : float, default 0.5
        The least confidence of a post match (see :mod:`orggraph.matching`).

    Raises
    ------
    OrgDataError
        If a key is not a date, two keys are the same day, or one
        organisation has no dates to take it on.

    Examples
    --------
    >>> import orggraph, datetime
    >>> tl = timeline({datetime.date(2024, 1, 1): orggraph.example()})
    >>> tl.dates
    [datetime.date(2024, 1, 1)]
    >>> versions = orggraph.loads('''
    ... organisation: {id: d, name: D}
    ... posts:
    ...   - {id: boss, name: Director, top: true}
    ...   - {id: old, name: Head of Audit, reports_to: boss, valid_until: 2020-12-31}
    ...   - {id: new, name: Head of Audit and Risk, reports_to: boss, valid_from: 2021-01-01}
    ... ''')
    >>> tl = timeline(versions, dates=["2020-06-30", "2021-06-30"])
    >>> tl.changes("2020-06-30", "2021-06-30")[["change", "post_a", "post_b"]].values.tolist()
    [['unchanged', 'boss', 'boss'], ['retitled', 'old', 'new']]
    >>> timeline({"2024-02-30": orggraph.example()})
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      date: '2024-02-30' is not a date (give it as a datetime.date or 'YYYY-MM-DD', e.g. '2014-03-31')
    """
    if isinstance(orgs, Org):
        return _versions(orgs, dates, min_confidence)
    days: dict[datetime.date, Org] = {}
    for key, org in orgs.items():
        day = _day(key)
        if day in days:
            raise OrgDataError([Problem("date", 0, 0, "", f"two snapshots on {day}", "give each date once")])
        days[day] = org
    return Timeline(days, min_confidence=min_confidence)


def _versions(org: Org, dates: Iterable[Any] | None, min_confidence: float) -> Timeline:
    from orggraph.validity import validity_dates

    if dates is None:
        found = set(validity_dates(org.document))
        if org.document.organisation.as_of:
            found.add(_day(org.document.organisation.as_of))
        days = sorted(found)
    else:
        days = sorted({_day(d) for d in dates})
    if not days:
        hint = "give dates=[...], or valid_from/valid_until in the file"
        raise OrgDataError([Problem("dates", 0, 0, "", f"no dates to take {org.title!r} on", hint)])
    return Timeline({day: org.as_of(day) for day in days}, min_confidence=min_confidence)


def read_organogram_series(
    paths: Iterable[str | os.PathLike[str]],
    *,
    strict: bool = False,
    min_confidence: float = 0.5,
    progress: bool | None = False,
) -> Timeline:
    """Read UK organogram publications of one body, pairing senior and junior files by the date in their names.

    Parameters
    ----------
    paths : iterable of path
        ``*-<YYYY-MM-DD>-senior.csv`` and ``*-<YYYY-MM-DD>-junior.csv``
        files (a date may lack its junior file).
    strict, min_confidence
        As for :func:`orggraph.read_organogram` and :func:`timeline`.
    progress : bool or None, default False
        A bar over the snapshots read (None: only on a terminal; see :mod:`orggraph.progress`).

    Raises
    ------
    OrgDataError
        If a file name has no date, is neither senior nor junior, a date has
        no senior file, or two files claim the same date and kind.

    Examples
    --------
    >>> read_organogram_series(["dept-senior.csv"])
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      dept-senior.csv: no date YYYY-MM-DD in the file name (name the files like 'dept-2014-03-31-senior.csv')
    """
    from orggraph.importers import read_organogram

    files: dict[datetime.date, dict[str, str]] = defaultdict(dict)
    problems = []
    hint = "name the files like 'dept-2014-03-31-senior.csv'"
    for path in paths:
        name = Path(path).name
        found = _DATE.search(name)
        kind = "junior" if "junior" in name.casefold() else "senior" if "senior" in name.casefold() else None
        if found is None:
            problems.append(Problem(os.fspath(path), 0, 0, "", "no date YYYY-MM-DD in the file name", hint))
            continue
        if kind is None:
            problems.append(Problem(os.fspath(path), 0, 0, "", "neither 'senior' nor 'junior' in the file name", hint))
            continue
        try:
            day = datetime.date.fromisoformat(found.group(0))
        except ValueError:
            problems.append(Problem(os.fspath(path), 0, 0, "", f"{found.group(0)!r} is not a date", hint))
            continue
        if kind in files[day]:
            message = f"a second {kind} file for {day} (the first: {files[day][kind]})"
            problems.append(Problem(os.fspath(path), 0, 0, "", message, "give one file per date and kind"))
            continue
        files[day][kind] = os.fspath(path)
    for day, pair in sorted(files.items()):
        if "senior" not in pair:
            problems.append(Problem(pair["junior"], 0, 0, "", f"no senior file for {day}", "add the senior file"))
    if problems:
        raise OrgDataError(problems)
    from orggraph.progress import progress as bar_over

    snapshots = bar_over(sorted(files.items()), desc="organograms", unit="snapshot", enabled=progress)
    orgs = {day: read_organogram(pair["senior"], pair.get("junior"), strict=strict) for day, pair in snapshots}
    return Timeline(orgs, min_confidence=min_confidence)
