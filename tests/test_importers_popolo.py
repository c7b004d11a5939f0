"""Popolo import and Org.as_of: the EveryPolitician Dáil file, a fixture with every flaw, date properties.

Figures for ../shared/data/popolo/ireland-ep-popolo-v1.0.json were counted
independently of the importer, with ``json.load`` and set/Counter one-liners
over the raw lists, and are written next to each assertion.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import Org, OrgDataError
from orggraph.checks import check_document
from orggraph.graph import node_field
from orggraph.importers import ImportReport, read_popolo

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "popolo" / "ireland-ep-popolo-v1.0.json"
FLAWED = Path(__file__).resolve().parent / "data" / "popolo-flawed.json"
DAIL = "7556a33d-0e3c-4da7-a96e-65bc11ff47af"  # the only organization classified 'legislature'
SNODAIGH = "897ec42a-89ac-4ff8-8723-af6d51a4ed83"  # persons[0], Aengus Ó Snodaigh

needs_shared = pytest.mark.skipif(not SHARED.is_file(), reason="../shared/data is not there")


def _report(org: Org) -> ImportReport:
    report = org.import_report
    assert isinstance(report, ImportReport)
    return report


@pytest.fixture(scope="module")
def dail() -> Org:
    return read_popolo(SHARED)


@pytest.fixture(scope="module")
def flawed() -> Org:
    return read_popolo(FLAWED)


# -- the Dáil --------------------------------------------------------------------------------------


@needs_shared
def test_people_groups_and_memberships(dail: Org) -> None:
    # 226 persons; 15 organizations (1 legislature, 14 'party'); 324 memberships, all of the legislature.
    assert len(dail.nodes("person")) == 226
    groups = dail.nodes("group")
    assert len(groups) == 15
    assert [g for g in groups if node_field(dail.graph.nodes[g], "group_kind") == "political_body"] == [DAIL]
    assert dail.title == dail.name(DAIL) == "Dáil Éireann"
    assert len(dail.document.memberships) == 324
    assert len(_report(dail)) == 0
    edges = [(u, v) for u, v, kind in dail.graph.edges(data="kind") if kind == "member_of"]
    assert sum(1 for _, v in edges if v == DAIL) == 324
    assert len(edges) == 324 * 2  # every membership is on behalf of a party
    assert check_document(dail.document) == []


@needs_shared
def test_who_sat_in_the_dail(dail: Org) -> None:
    # Distinct person_id per legislative_period_id: term/31 (2011-03-09 .. 2016-03-02) 166,
    # term/32 (from 2016-03-10, no end) 158, 226 in all, 98 in both.
    assert len(dail.members(DAIL)) == 226
    before = dail.as_of("2016-01-01").members(DAIL)
    after = dail.as_of("2016-06-01").members(DAIL)
    assert (len(before), len(after), len(set(before) & set(after))) == (166, 158, 98)
    assert dail.as_of("2011-03-09").members(DAIL) == before  # first day included
    assert dail.as_of(datetime.date(2016, 3, 2)).members(DAIL) == before  # last day included
    assert dail.as_of("2016-03-05").members(DAIL) == []  # between the two Dála
    assert dail.as_of("2011-03-08").members(DAIL) == []
    assert len(dail.as_of("2030-01-01").members(DAIL)) == 158  # term/32 has no end date


@needs_shared
def test_parties_on_a_day(dail: Org) -> None:
    # on_behalf_of_id per period: term/31 FG 66, LAB 34, FF 21, SF 14; term/32 FG 50, FF 43, SF 23, LAB 7.
    then, now = dail.as_of("2016-01-01"), dail.as_of("2016-06-01")
    assert [len(then.members(p)) for p in ("FG", "LAB", "FF", "SF")] == [66, 34, 21, 14]
    assert [len(now.members(p)) for p in ("FG", "LAB", "FF", "SF")] == [50, 7, 43, 23]
    assert dail.name("FF") == "Fianna Fáil"
    assert then.document.organisation.as_of == "2016-01-01"


@needs_shared
def test_a_person_and_a_membership(dail: Org) -> None:
    assert dail.find("aengus o snodaigh", kind="person") == [SNODAIGH]
    person = dail.graph.nodes[SNODAIGH]
    assert (person["birth_date"], person["gender"]) == ("1964-07-31", "male")
    assert person["attributes"]["identifier:wikidata"] == "Q4687826"
    assert person["attributes"]["family_name"] == "Ó Snodaigh"
    edges = dail.graph.get_edge_data(SNODAIGH, DAIL)
    assert sorted(
        (data["legislative_period"], data["area"], data["on_behalf_of"], data["role"]) for data in edges.values()
    ) == [
        ("term/31", "Dublin South Central", "SF", "member"),
        ("term/32", "Dublin South Central", "SF", "member"),
    ]
    term31 = next(data for data in edges.values() if data["legislative_period"] == "term/31")
    assert (term31["start_date"], term31["period_start"], term31["period_end"]) == (None, "2011-03-09", "2016-03-02")
    assert SNODAIGH in dail.as_of("2016-01-01").members("SF")


@needs_shared
def test_yaml_round_trip(dail: Org) -> None:
    assert orggraph.loads(dail.to_yaml()) == dail


# -- the flawed fixture ----------------------------------------------------------------------------


def test_flawed_items(flawed: Org) -> None:
    assert flawed.nodes("person") == ["p1", "p2", "person:dail"]
    assert flawed.nodes("group") == ["dail", "ff", "cttee"]
    kinds = [node_field(flawed.graph.nodes[g], "group_kind") for g in flawed.nodes("group")]
    assert kinds == ["political_body", "group", "committee"]
    assert flawed.name("p2") == "Bríd Ní Mhaoil"
    assert flawed.find("Asa O'Brien") == ["p1"]
    assert node_field(flawed.graph.nodes["p1"], "aliases") == ("Asa O'Brien",)
    assert node_field(flawed.graph.nodes["p1"], "attributes") == {"identifier:wikidata": "Q1"}
    assert node_field(flawed.graph.nodes["person:dail"], "death_date") is None
    memberships = flawed.document.memberships
    assert [(m.person, m.organisation, m.on_behalf_of) for m in memberships] == [
        ("p1", "dail", "ff"),
        ("p1", "dail", "ff"),
        ("p2", "dail", None),
        ("p2", "cttee", None),  # through its post
        ("person:dail", "cttee", None),
    ]
    assert memberships[0].area == "Kildare North"
    assert memberships[1].dates() == ("2016-03-10", "2017-06")
    assert memberships[4].dates() == (None, None)
    assert check_document(flawed.document) == []


def test_flawed_as_of(flawed: Org) -> None:
    days = {
        "2012-01-01": (["p1", "p2"], ["p1"], ["p2", "person:dail"]),
        "2017-01-01": (["p1"], ["p1"], ["p2", "person:dail"]),
        "2017-06-30": (["p1"], ["p1"], ["p2", "person:dail"]),  # end '2017-06' covers the month
        "2017-07-01": ([], [], ["p2", "person:dail"]),
        "2011-06-01": (["p1", "p2"], ["p1"], ["person:dail"]),  # the chair starts in '2012'
    }
    for day, (dail, party, committee) in days.items():
        then = flawed.as_of(day)
        assert (then.members("dail"), then.members("ff"), then.members("cttee")) == (dail, party, committee), day
        assert then.import_report is flawed.import_report


def test_flawed_report(flawed: Org) -> None:
    report = _report(flawed)
    assert [str(entry).split(": ", 1)[1] for entry in report] == [
        "persons[5]: left the item out (it is not an object)",
        "person 'p2': named it 'Bríd Ní Mhaoil' (no 'name') [note]",
        "persons[2]: left the item out (duplicate id 'p1')",
        "person 'person:dail': gave it the id 'person:dail' (an organization has the id 'dail')",
        "person 'person:dail': left out 'death_date' "
        "(death_date '31/12/2020' is not a date (YYYY, YYYY-MM or YYYY-MM-DD))",
        "persons[4]: left the item out (no usable 'id')",
        "memberships[2]: left out 'on_behalf_of_id' (unknown organization 'xx')",
        "memberships[4]: left the membership out (unknown person 'ghost')",
        "memberships[5]: left the membership out (unknown organization 'nowhere')",
        "memberships[6]: left out 'start_date' (start_date '2014-13-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD))",
        "memberships[6]: kept the membership without the period's dates (unknown period 'term/9')",
    ]
    assert (report.count_of("repair"), report.count_of("skip"), report.count_of("note")) == (5, 5, 1)
    with pytest.raises(OrgDataError) as raised:
        read_popolo(FLAWED, strict=True)
    assert len(raised.value.problems) == 10
    action = "kept the membership without the period's dates"
    expected = f"{FLAWED}: memberships[6]: unknown period 'term/9' (without strict=True: {action})"
    assert expected in [str(problem) for problem in raised.value.problems]


def test_bad_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "persons": [\n    {"id": "a",}\n  ]\n}', encoding="utf-8")
    with pytest.raises(OrgDataError, match=r"broken.json:3:16: not valid JSON: Expecting property name"):
        read_popolo(broken)
    array = tmp_path / "array.json"
    array.write_text("[]", encoding="utf-8")
    with pytest.raises(OrgDataError, match="not a Popolo file: the JSON is not an object"):
        read_popolo(array)
    with pytest.raises(OrgDataError, match="cannot read the file"):
        read_popolo(tmp_path / "missing.json")
    odd = tmp_path / "odd.json"
    odd.write_text('{"persons": {"id": "a"}, "organizations": [{"id": 7, "name": "Seven"}]}', encoding="utf-8")
    org = read_popolo(odd)
    assert org.nodes("group") == ["7"]
    assert [e.action for e in _report(org)] == ["left out 'persons'"]


def test_as_of_needs_a_date(flawed: Org) -> None:
    with pytest.raises(OrgDataError, match=r"as_of: '2016-02-30' is not a date \(give it as 'YYYY-MM-DD'"):
        flawed.as_of("2016-02-30")
    with pytest.raises(ValueError, match="is not a date"):
        flawed.as_of(20160101)  # type: ignore[arg-type]
    assert flawed.as_of(datetime.datetime(2012, 1, 1, 12, 0)).members("dail") == ["p1", "p2"]


# -- as_of against an independent date oracle ------------------------------------------------------

PARTIAL = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2003, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
)


def _first(text: str) -> datetime.date:
    parts = [int(p) for p in text.split("-")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last(text: str) -> datetime.date:
    parts = [int(p) for p in text.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return datetime.date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])


def _ordered(span: tuple[str | None, ...]) -> bool:
    """Whether each end is not before its start (the format refuses the rest)."""
    start, end, period_start, period_end = span
    return all(
        first is None or last is None or _first(first) <= _last(last)
        for first, last in ((start, end), (period_start, period_end))
    )


@settings(max_examples=100, deadline=None)
@given(
    spans=st.lists(st.tuples(*[st.none() | PARTIAL] * 4).filter(_ordered), min_size=1, max_size=8),
    day=st.dates(min_value=datetime.date(1999, 12, 1), max_value=datetime.date(2004, 1, 31)),
)
def test_as_of_matches_a_date_oracle(spans: list[tuple[str | None, ...]], day: datetime.date) -> None:
    people = [{"id": f"p{n}", "name": f"Person {n}"} for n in range(len(spans))]
    memberships: list[dict[str, Any]] = []
    expected = []
    for n, (start, end, period_start, period_end) in enumerate(spans):
        membership: dict[str, Any] = {"person": f"p{n}", "organisation": "g"}
        for key, value in (("start_date", start), ("end_date", end), ("period_start", period_start)):
            if value is not None:
                membership[key] = value
        if period_end is not None:
            membership["period_end"] = period_end
        memberships.append(membership)
        first = start if start is not None else period_start
        last = end if end is not None else period_end
        if (first is None or _first(first) <= day) and (last is None or day <= _last(last)):
            expected.append(f"p{n}")
    org = orggraph.from_dict(
        {
            "organisation": {"id": "x", "name": "X"},
            "groups": [{"id": "g", "name": "G"}],
            "people": people,
            "memberships": memberships,
        }
    )
    assert org.as_of(day).members("g") == expected
    assert org.as_of(day.isoformat()).members("g") == expected


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "name",
                        "persons",
                        "organizations",
                        "memberships",
                        "person_id",
                        "organization_id",
                        "start_date",
                    ]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=20,
    )
)
def test_random_json_raises_only_org_data_error(tmp_path_factory: pytest.TempPathFactory, data: Any) -> None:
    path = tmp_path_factory.mktemp("popolo") / "random.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        org = read_popolo(path)
    except OrgDataError:
        return
    assert check_document(org.document) == []


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            {"start_date": "2016-05-01", "end_date": "2016-04"},
            "'end_date' is before 'start_date' (2016-04 < 2016-05-01)",
        ),
        ({"period_start": "2017", "period_end": "2016-12-31"}, "'period_end' is before 'period_start'"),
    ],
)
def test_a_membership_that_ends_before_it_starts_is_refused(dates: dict[str, str], message: str) -> None:
    data = {
        "organisation": {"id": "x", "name": "X"},
        "groups": [{"id": "g", "name": "G"}],
        "people": [{"id": "p", "name": "P"}],
        "memberships": [{"person": "p", "organisation": "g", **dates}],
    }
    with pytest.raises(OrgDataError, match=re.escape(message)):
        orggraph.from_dict(data)
    # the same end on the start's own day or month is fine: partial dates cover their whole month or year
    orggraph.from_dict(
        {
            **data,
            "memberships": [{"person": "p", "organisation": "g", "start_date": "2016-05-01", "end_date": "2016-05"}],
        }
    )
