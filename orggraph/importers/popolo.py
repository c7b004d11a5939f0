"""Import Popolo JSON: people, organisations and their dated memberships; the organisation on a given day.

`Popolo <https://www.popoloproject.com/>`_ is the open data format of
legislatures (EveryPolitician publishes every parliament in it).
:func:`read_popolo` turns a file into an :class:`~orggraph.Org`:

- each of ``persons`` becomes a node of kind ``person`` (a
  :class:`~orggraph.schema.Person`) with its Popolo id; ``other_names``
  become aliases, given/family/sort names, e-mail and ``identifiers``
  (e.g. ``identifier:wikidata``) go into ``attributes``;
- each of ``organizations`` becomes a group with its Popolo id: a
  ``legislature`` a political body, a ``committee`` a committee, a
  ``party`` (and anything else) a group;
- each of ``memberships`` becomes a :class:`~orggraph.schema.Membership`:
  an edge ``person --member_of--> organisation`` with the role,
  ``on_behalf_of`` (the party group; the person is then also a member of
  the party for the same time), the area's name and the dates;
- ``events`` classified ``legislative period`` date the memberships of that
  period that have no dates of their own (``period_start``,
  ``period_end``).

:func:`as_of` (and :meth:`orggraph.Org.as_of`) gives the organisation as it
stood on a day: only the memberships that held that day remain, so
``org.as_of("2016-01-01").members(legislature)`` answers "who sat in it
that day".

What cannot be used is reported in ``org.import_report`` (item = the Popolo
id, or ``memberships[<n>]``; JSON has no rows, so ``row`` is 0):
memberships of unknown people or organisations are skipped, unknown parties
and periods and malformed dates are dropped, nameless items are named after
their id. ``strict=True`` raises :class:`~orggraph.errors.OrgDataError`
instead.

Examples
--------
>>> import json, tempfile, pathlib
>>> from orggraph.importers import read_popolo
>>> data = {
...     "persons": [{"id": "p1", "name": "Åsa Ó Brien"}, {"id": "p2", "name": "Bríd Ní Mhaoil"}],
...     "organizations": [{"id": "dail", "name": "Dáil Éireann", "classification": "legislature"},
...                       {"id": "ff", "name": "Fianna Fáil", "classification": "party"}],
...     "events": [{"id": "term/31", "classification": "legislative period",
...                 "start_date": "2011-03-09", "end_date": "2016-03-02"}],
...     "memberships": [
...         {"person_id": "p1", "organization_id": "dail", "on_behalf_of_id": "ff",
...          "legislative_period_id": "term/31", "role": "member"},
...         {"person_id": "p2", "organization_id": "dail", "start_date": "2016-03-10"},
...     ],
... }
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "dail.json"
...     _ = path.write_text(json.dumps(data), encoding="utf-8")
...     org = read_popolo(path)
>>> org.members("dail"), org.as_of("2016-01-01").members("dail"), org.as_of("2016-06-01").members("dail")
(['p1', 'p2'], ['p1'], ['p2'])
>>> org.as_of("2016-01-01").members("ff")
['p1']
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orggraph.errors import OrgDataError, Problem
from orggraph.importers.built_data import built
from orggraph.importers.json_text import read_json
from orggraph.importers.report import Repair, RepairKind, sorted_report
from orggraph.org import Org
from orggraph.schema import Document
from orggraph.text import slug

__all__ = ["GROUP_KINDS", "as_of", "read_popolo"]

GROUP_KINDS: Mapping[str, str] = {
    "legislature": "political_body",
    "chamber": "political_body",
    "house": "political_body",
    "committee": "committee",
}
"""Popolo ``classification`` -> the group's kind; anything else (parties, ...) is a ``"group"``."""

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ID = re.compile(r"\S(?:.*\S)?")
_PERIOD = "legislative period"
_PERSON_TEXT = ("given_name", "family_name", "sort_name", "email", "image", "honorific_prefix", "honorific_suffix")


def as_of(document: Document, day: str | datetime.date) -> Document:
    """The document as it stood on ``day``: the memberships that held that day, and ``as_of`` set.

    A membership holds from its first to its last day, both included; an
    undated membership takes the dates of its legislative period, an open
    end holds on (see :meth:`orggraph.schema.Membership.holds_on`). People,
    groups and posts stay (they have no dates).

    Parameters
    ----------
    document : Document
        The whole document.
    day : str or datetime.date
        The day, as ``"YYYY-MM-DD"`` or a date.

    Returns
    -------
    Document

    Raises
    ------
    OrgDataError
        If ``day`` is not a date.

    Examples
    --------
    >>> from orggraph.schema import Document
    >>> doc = Document.model_validate({
    ...     "organisation": {"id": "x", "name": "X"},
    ...     "groups": [{"id": "g", "name": "G"}],
    ...     "people": [{"id": "p", "name": "P"}],
    ...     "memberships": [{"person": "p", "organisation": "g", "start_date": "2020-01-01"}],
    ... })
    >>> len(as_of(doc, "2019-12-31").memberships), len(as_of(doc, datetime.date(2020, 1, 1)).memberships)
    (0, 1)
    >>> as_of(doc, "2019-02-30")
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      as_of: '2019-02-30' is not a date (give it as 'YYYY-MM-DD', e.g. '2016-01-01')
    """
    iso = _iso_day(day)
    memberships = tuple(membership for membership in document.memberships if membership.holds_on(iso))
    organisation = document.organisation.model_copy(update={"as_of": iso})
    return document.model_copy(update={"memberships": memberships, "organisation": organisation})


def _iso_day(day: str | datetime.date) -> str:
    if isinstance(day, datetime.datetime):
        return day.date().isoformat()
    if isinstance(day, datetime.date):
        return day.isoformat()
    text = str(day).strip()
    if _DAY.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    hint = "give it as 'YYYY-MM-DD', e.g. '2016-01-01'"
    raise OrgDataError([Problem("as_of", 0, 0, "", f"{day!r} is not a date", hint)])


def _is_date(text: str) -> bool:
    """Whether ``text`` is an ISO date, possibly partial (``2016``, ``2016-03``, ``2016-03-10``)."""
    if _DATE.fullmatch(text) is None:
        return False
    year, month, day = (int(part) for part in (*text.split("-"), "1", "1")[:3])
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _last_day(date: str) -> str:
    """The last day a (possibly partial) ISO date covers, as text: ``2016`` -> ``2016-12-31``."""
    return date + "-12-31"[len(date) - 4 :]


def _ends_before_start(start: str | None, end: str | None) -> bool:
    """Whether a (possibly partial) end date lies wholly before the start date."""
    return start is not None and end is not None and _last_day(end) < start


class _Reader:
    def __init__(self, file: str, data: Mapping[str, Any]) -> None:
        self.file = file
        self.data = data
        self.report: list[Repair] = []
        self.used: set[str] = set()
        self.people: dict[str, str] = {}  # Popolo id -> node id
        self.groups: dict[str, str] = {}
        self.places: dict[str, str] = {}  # node id -> where the item is in the file ('persons[3]')
        self.given = self._given_ids()  # every id the file gives a person or an organization

    def _given_ids(self) -> set[str]:
        ids: set[str] = set()
        for key in ("organizations", "persons"):
            value = self.data.get(key)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, Mapping) and (text := self._text(item, "id")) is not None:
                        ids.add(text)
        return ids

    def add(self, item: str | None, action: str, reason: str, kind: RepairKind = "repair", noun: str = "") -> None:
        self.report.append(Repair(self.file, 0, item, action, reason, kind, noun=noun))

    def items(self, key: str) -> list[tuple[int, Mapping[str, Any]]]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            self.add(None, f"left out {key!r}", f"{key!r} is not a list", "skip")
            return []
        found = []
        for number, item in enumerate(value):
            if isinstance(item, Mapping):
                found.append((number, item))
            else:
                self.add(f"{key}[{number}]", "left the item out", "it is not an object", "skip")
        return found

    def _text(self, item: Mapping[str, Any], key: str) -> str | None:
        value = item.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return None
        text = value.strip()
        return text or None

    def _identify(self, item: Mapping[str, Any], where: str, noun: str, same: Mapping[str, str]) -> str | None:
        """The node id of an item: its Popolo id, or ``<noun>:<id>`` when an item of another kind has it."""
        popolo_id = self._text(item, "id")
        if popolo_id is None or _ID.fullmatch(popolo_id) is None:
            self.add(where, "left the item out", "no usable 'id'", "skip")
            return None
        if popolo_id in same:
            self.add(where, "left the item out", f"duplicate id {popolo_id!r}", "skip")
            return None
        ident = popolo_id
        if ident in self.used:
            # A made id never collides: not with an id of the file, not with another made id.
            ident, number = f"{noun}:{popolo_id}", 1
            while ident in self.used or ident in self.given:
                number += 1
                ident = f"{noun}:{popolo_id}#{number}"
            self.add(ident, f"gave it the id {ident!r}", f"an organization has the id {popolo_id!r}", noun=noun)
        self.used.add(ident)
        self.places[ident] = where
        return ident

    def _name(self, item: Mapping[str, Any], ident: str, noun: str, *fallback: str) -> str:
        name = self._text(item, "name")
        if name is None:
            parts = [text for key in fallback if (text := self._text(item, key))]
            name = " ".join(parts) or ident
            self.add(ident, f"named it {name!r}", "no 'name'", "note", noun)
        return name

    def _aliases(self, item: Mapping[str, Any], name: str) -> list[str]:
        others = item.get("other_names")
        found: dict[str, None] = {}
        if isinstance(others, list):
            for other in others:
                if isinstance(other, Mapping):
                    text = self._text(other, "name")
                    if text is not None and text != name:
                        found[text] = None
        return list(found)

    def _date(self, item: Mapping[str, Any], key: str, ident: str, noun: str = "") -> str | None:
        text = self._text(item, key)
        if text is None:
            return None
        if not _is_date(text):
            reason = f"{key} {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            self.add(ident, f"left out {key!r}", reason, noun=noun)
            return None
        return text

    # -- the three lists ---------------------------------------------------------------------

    def organisations(self) -> list[dict[str, Any]]:
        groups = []
        for number, item in self.items("organizations"):
            ident = self._identify(item, f"organizations[{number}]", "organization", self.groups)
            if ident is None:
                continue
            self.groups[str(self._text(item, "id"))] = ident
            name = self._name(item, ident, "organization")
            group: dict[str, Any] = {"id": ident, "name": name, "source": {"document": "popolo"}}
            aliases = self._aliases(item, name)
            if aliases:
                group["aliases"] = aliases
            classification = (self._text(item, "classification") or "").casefold()
            group["kind"] = GROUP_KINDS.get(classification, "group")
            groups.append(group)
        return groups

    def persons(self) -> list[dict[str, Any]]:
        people = []
        for number, item in self.items("persons"):
            ident = self._identify(item, f"persons[{number}]", "person", self.people)
            if ident is None:
                continue
            self.people[str(self._text(item, "id"))] = ident
            name = self._name(item, ident, "person", "given_name", "family_name")
            person: dict[str, Any] = {"id": ident, "name": name, "source": {"document": "popolo"}}
            aliases = self._aliases(item, name)
            if aliases:
                person["aliases"] = aliases
            for key in ("birth_date", "death_date"):
                date = self._date(item, key, ident, "person")
                if date is not None:
                    person[key] = date
            if _ends_before_start(person.get("birth_date"), person.get("death_date")):
                reason = f"death_date {person['death_date']!r} is before birth_date {person['birth_date']!r}"
                self.add(ident, "left out 'birth_date' and 'death_date'", reason, noun="person")
                del person["birth_date"], person["death_date"]
            gender = self._text(item, "gender")
            if gender is not None:
                person["gender"] = gender
            attributes: dict[str, str] = {}
            for key in _PERSON_TEXT:
                text = self._text(item, key)
                if text is not None:
                    attributes[key] = text
            identifiers = item.get("identifiers")
            if isinstance(identifiers, list):
                for entry in identifiers:
                    if isinstance(entry, Mapping):
                        scheme, value = self._text(entry, "scheme"), self._text(entry, "identifier")
                        if scheme and value:
                            attributes.setdefault(f"identifier:{scheme}", value)
            if attributes:
                person["attributes"] = attributes
            people.append(person)
        return people

    def periods(self) -> dict[str, tuple[str | None, str | None]]:
        periods = {}
        for _, item in self.items("events"):
            ident = self._text(item, "id")
            if ident is not None and (self._text(item, "classification") or "").casefold() == _PERIOD:
                start = self._date(item, "start_date", ident, "event")
                end = self._date(item, "end_date", ident, "event")
                if _ends_before_start(start, end):
                    reason = f"end_date {end!r} is before start_date {start!r}"
                    self.add(ident, "left out the period's dates", reason, noun="event")
                    start = end = None
                periods[ident] = (start, end)
        return periods

    def areas(self) -> dict[str, str]:
        areas = {}
        for _, item in self.items("areas"):
            ident = self._text(item, "id")
            if ident is not None:
                areas[ident] = self._text(item, "name") or ident
        return areas

    def posts(self) -> dict[str, str]:
        """Popolo post id -> its organisation's Popolo id (memberships may name only a post)."""
        posts = {}
        for _, item in self.items("posts"):
            ident, organisation = self._text(item, "id"), self._text(item, "organization_id")
            if ident is not None and organisation is not None:
                posts[ident] = organisation
        return posts

    def memberships(self) -> list[dict[str, Any]]:
        periods, areas, posts = self.periods(), self.areas(), self.posts()
        memberships: list[dict[str, Any]] = []
        for number, item in self.items("memberships"):
            where = f"memberships[{number}]"
            person_id = self._text(item, "person_id")
            person = self.people.get(person_id or "")
            organisation_id = self._text(item, "organization_id")
            if organisation_id is None:
                organisation_id = posts.get(self._text(item, "post_id") or "")
            organisation = self.groups.get(organisation_id or "")
            if person is None or organisation is None:
                missing = (
                    f"unknown person {person_id!r}" if person is None else f"unknown organization {organisation_id!r}"
                )
                self.add(where, "left the membership out", missing, "skip")
                continue
            membership: dict[str, Any] = {"person": person, "organisation": organisation}
            role = self._text(item, "role")
            if role is not None:
                membership["role"] = role
            party_id = self._text(item, "on_behalf_of_id")
            if party_id is not None:
                party = self.groups.get(party_id)
                if party is None:
                    self.add(where, "left out 'on_behalf_of_id'", f"unknown organization {party_id!r}")
                else:
                    membership["on_behalf_of"] = party
            for key in ("start_date", "end_date"):
                date = self._date(item, key, where)
                if date is not None:
                    membership[key] = date
            if _ends_before_start(membership.get("start_date"), membership.get("end_date")):
                reason = f"end_date {membership['end_date']!r} is before start_date {membership['start_date']!r}"
                self.add(where, "left the membership out", reason, "skip")
                continue
            period = self._text(item, "legislative_period_id")
            if period is not None:
                membership["legislative_period"] = period
                if period in periods:
                    start, end = periods[period]
                    if start is not None:
                        membership["period_start"] = start
                    if end is not None:
                        membership["period_end"] = end
                else:
                    self.add(where, "kept the membership without the period's dates", f"unknown period {period!r}")
            area = self._text(item, "area_id")
            if area is not None:
                membership["area"] = areas.get(area, area)
            membership["source"] = {"document": "popolo"}
            self.places[f"memberships[{len(memberships)}]"] = where
            memberships.append(membership)
        return memberships


def read_popolo(path: str | os.PathLike[str], *, strict: bool = False) -> Org:
    """Read a Popolo JSON file: people, organisations (groups) and their dated memberships.

    Parameters
    ----------
    path : str or os.PathLike
        The JSON file (an object with ``persons``, ``organizations``,
        ``memberships``, and optionally ``events``, ``areas``, ``posts``).
    strict : bool, default False
        Raise instead of leaving out or repairing anything: every repair and
        skip becomes a problem of one :class:`~orggraph.errors.OrgDataError`.

    Returns
    -------
    Org
        People (kind ``person``), groups, and their memberships; use
        :meth:`~orggraph.Org.as_of` for a given day. ``import_report`` lists
        what was left out or repaired.

    Raises
    ------
    OrgDataError
        If the file cannot be read or is not a JSON object (with the line and
        column of a syntax error), or (with ``strict=True``) needs any repair.

    See Also
    --------
    as_of : The organisation on one day.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "broken.json"
    ...     _ = path.write_text('{"persons": [}', encoding="utf-8")
    ...     read_popolo(path)
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      /.../broken.json:1:14: not valid JSON: Expecting value
    """
    file = os.fspath(path)
    data = read_json(file)
    if not isinstance(data, dict):
        raise OrgDataError([Problem(file, 1, 1, "", "not a Popolo file: the JSON is not an object")])
    reader = _Reader(file, data)
    groups = reader.organisations()
    people = reader.persons()
    memberships = reader.memberships()
    report = sorted_report(reader.report, [file])
    if strict:
        report.raise_for_problems()
    legislatures = [group for group in groups if group["kind"] == "political_body"]
    name = legislatures[0]["name"] if len(legislatures) == 1 else Path(file).stem or "organisation"
    source: dict[str, Any] = {"id": "popolo", "title": Path(file).name or file, "location": file}
    meta = data.get("meta")
    if isinstance(meta, Mapping) and isinstance(meta.get("sources"), list):
        publishers = [text for text in meta["sources"] if isinstance(text, str) and text.strip()]
        if publishers:
            source["publisher"] = ", ".join(publishers)
    document = {
        "organisation": {"id": slug(name) or "organisation", "name": name},
        "sources": [source],
        "groups": groups,
        "people": people,
        "memberships": memberships,
    }
    org = built(document, file=file, place=lambda path: _place(reader, groups, people, path))
    org.import_report = report
    return org


def _place(
    reader: _Reader, groups: list[dict[str, Any]], people: list[dict[str, Any]], path: str
) -> tuple[str | None, int, str]:
    """Where the item at ``path`` (``people[3]``) of the built document is in the file, for :func:`built`."""
    kind, _, number = path.rstrip("]").partition("[")
    if not number.isdigit():
        return None, 0, ""
    made = {"groups": groups, "people": people}.get(kind)
    if made is not None:
        index = int(number)
        return None, 0, reader.places.get(str(made[index]["id"]), "") if index < len(made) else ""
    return None, 0, reader.places.get(path, "")
