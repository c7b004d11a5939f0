"""One file for an organisation that changes: items valid from one day until another.

Units, posts, reporting lines and memberships may carry ``valid_from`` and
``valid_until`` (real dates, both days included; either may be left open).
:func:`as_of` gives the document as it stood on one day: the items valid that
day, and the memberships that held (their own ``start_date``/``end_date`` or
legislative period, as :func:`orggraph.importers.popolo.as_of` reads them).

A post valid on a day whose manager, unit or forum is not valid that day is a
mistake in the file (a change dated on one side only); :func:`as_of` reports
each such reference with the day, instead of guessing.

Examples
--------
>>> import orggraph
>>> org = orggraph.loads('''
... organisation: {id: d, name: Department}
... units:
...   - {id: land, name: Land Forces, valid_until: 2011-03-31}
...   - {id: army, name: Army Command, valid_from: 2011-04-01}
... posts:
...   - {id: cgs, name: Chief of the General Staff, top: true}
...   - {id: clf, name: Commander Land Forces, unit: land, reports_to: cgs, valid_until: 2011-03-31}
...   - {id: ca, name: Commander Field Army, unit: army, reports_to: cgs, valid_from: 2011-04-01}
... ''')
>>> org.as_of("2011-03-31").nodes("post"), org.as_of("2011-04-01").nodes("post")
(['cgs', 'clf'], ['cgs', 'ca'])
"""

from __future__ import annotations

import datetime
from typing import Any

from orggraph.checks import check_document, format_path
from orggraph.errors import OrgDataError, Problem
from orggraph.schema import Document

__all__ = ["as_of", "holds_on", "validity_dates"]


def holds_on(item: Any, day: datetime.date) -> bool:
    """Whether an item is valid on ``day``: ``valid_from <= day <= valid_until``, open ends hold.

    Parameters
    ----------
    item : Any
        A document item (or anything) with optional ``valid_from`` and
        ``valid_until`` dates.
    day : datetime.date
        The day to check.

    Examples
    --------
    >>> from orggraph.schema import Post
    >>> post = Post(id="p", name="P", valid_from="2020-01-01", valid_until="2020-12-31")
    >>> [holds_on(post, datetime.date(2020, m, 1)) for m in (1, 12)], holds_on(post, datetime.date(2021, 1, 1))
    ([True, True], False)
    """
    start = getattr(item, "valid_from", None)
    end = getattr(item, "valid_until", None)
    return (start is None or start <= day) and (end is None or day <= end)


def validity_dates(document: Document) -> list[datetime.date]:
    """Every day on which something starts or stops holding (the day after a ``valid_until``), in order.

    These are the days a :class:`~orggraph.timeline.Timeline` of the file needs.

    Parameters
    ----------
    document : Document
        The organisation document.

    Examples
    --------
    >>> from orggraph.schema import Document
    >>> doc = Document.model_validate({"organisation": {"id": "x", "name": "X"}, "posts": [
    ...     {"id": "a", "name": "A", "valid_until": "2011-03-31"},
    ...     {"id": "b", "name": "B", "valid_from": "2011-04-01"}]})
    >>> validity_dates(doc)
    [datetime.date(2011, 4, 1)]
    """
    days: set[datetime.date] = set()
    for items in (document.units, document.posts, document.reporting_lines, document.memberships):
        for item in items:
            if item.valid_from is not None:
                days.add(item.valid_from)
            if item.valid_until is not None:
                days.add(item.valid_until + datetime.timedelta(days=1))
    return sorted(days)


def as_of(document: Document, day: str | datetime.date) -> Document:
    """The document as it stood on ``day``: the units, posts, reporting lines and memberships valid that day.

    Parameters
    ----------
    document : Document
        The whole document.
    day : str or datetime.date
        The day, as ``"YYYY-MM-DD"`` or a date.

    Returns
    -------
    Document
        With ``organisation.as_of`` set to the day.

    Raises
    ------
    OrgDataError
        If ``day`` is not a date, or an item valid that day refers to one
        that is not (each such reference, with its place in the file).

    Examples
    --------
    >>> from orggraph.schema import Document
    >>> doc = Document.model_validate({"organisation": {"id": "x", "name": "X"}, "posts": [
    ...     {"id": "a", "name": "A", "top": True, "valid_until": "2019-12-31"},
    ...     {"id": "b", "name": "B", "reports_to": "a"}]})
    >>> as_of(doc, "2019-06-30").organisation.as_of
    '2019-06-30'
    >>> as_of(doc, "2020-01-01")
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      as_of 2020-01-01: posts[0].reports_to: unknown post 'a' (not valid that day? date both ends of a change)
    """
    from orggraph.importers.popolo import as_of as memberships_as_of

    dated = memberships_as_of(document, day)  # checks the day, keeps the memberships that held
    iso = dated.organisation.as_of or ""
    when = datetime.date.fromisoformat(iso)
    if not any(_dated(items) for items in (document.units, document.posts, document.reporting_lines)) and not _dated(
        document.memberships
    ):
        return dated
    kept = dated.model_copy(
        update={
            "units": tuple(u for u in dated.units if holds_on(u, when)),
            "posts": tuple(p for p in dated.posts if holds_on(p, when)),
            "reporting_lines": tuple(r for r in dated.reporting_lines if holds_on(r, when)),
            "memberships": tuple(m for m in dated.memberships if holds_on(m, when)),
        }
    )
    problems = check_document(kept)
    if problems:
        hint = "not valid that day? date both ends of a change"
        raise OrgDataError(
            [
                Problem(
                    f"as_of {iso}",
                    0,
                    0,
                    format_path(p.path),
                    p.message,
                    hint,
                )
                for p in problems
            ]
        )
    return kept


def _dated(items: tuple[Any, ...]) -> bool:
    return any(item.valid_from is not None or item.valid_until is not None for item in items)
