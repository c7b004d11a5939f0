"""Validity dates in the YAML format: one file for an organisation that changes; as_of and timelines of it."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import OrgDataError
from orggraph.validity import validity_dates

# MoD's Land Forces became Army Command (the example); posts keep their places.
VERSIONS = """
organisation: {id: mod, name: Ministry of Defence, as_of: 2010-09-30}
units:
  - {id: land, name: Land Forces, valid_until: 2011-03-31}
  - {id: army, name: Army Command, valid_from: 2011-04-01}
posts:
  - {id: cgs, name: Chief of the General Staff, top: true, holders: [Peter Wall]}
  - {id: clf, name: Commander Land Forces, unit: land, reports_to: cgs, valid_until: 2011-03-31, holders: [Nick Parker]}
  - {id: cfa, name: Commander Field Army, unit: army, reports_to: cgs, valid_from: 2011-04-01, holders: [Nick Parker]}
  - {id: log, name: Director Logistics, unit: land, reports_to: clf, valid_until: 2011-03-31}
  - {id: log2, name: Director Logistics, unit: army, reports_to: cfa, valid_from: 2011-04-01}
reporting_lines:
  - {post: log, to: cgs, kind: advises, valid_until: 2010-12-31}
groups:
  - {id: exec, name: Executive Committee}
people:
  - {id: p1, name: Åse Ørsted}
memberships:
  - {person: p1, organisation: exec, valid_from: 2011-01-01}
"""


def test_as_of_keeps_what_holds_that_day() -> None:
    org = orggraph.loads(VERSIONS)
    before, after = org.as_of("2011-03-31"), org.as_of(datetime.date(2011, 4, 1))
    assert before.nodes("post") == ["cgs", "clf", "log"]
    assert after.nodes("post") == ["cgs", "cfa", "log2"]
    assert (before.nodes("unit"), after.nodes("unit")) == (["land"], ["army"])
    assert after.manager("log2") == "cfa"
    assert len(org.as_of("2010-12-31").document.reporting_lines) == 1
    assert len(org.as_of("2011-01-01").document.reporting_lines) == 0
    assert [len(org.as_of(d).document.memberships) for d in ("2010-12-31", "2011-01-01")] == [0, 1]
    assert after.document.organisation.as_of == "2011-04-01"


def test_dates_are_real_dates() -> None:
    org = orggraph.loads(VERSIONS)
    assert org.document.posts[1].valid_until == datetime.date(2011, 3, 31)
    with pytest.raises(OrgDataError, match=r"posts\[0\]\.valid_from"):
        orggraph.loads("organisation: {id: x, name: X}\nposts:\n  - {id: a, name: A, valid_from: 2011-02-30}\n")
    with pytest.raises(OrgDataError, match="'valid_until' 2010-01-01 is before 'valid_from' 2011-01-01"):
        orggraph.loads(
            "organisation: {id: x, name: X}\n"
            "units:\n  - {id: u, name: U, valid_from: 2011-01-01, valid_until: 2010-01-01}\n"
        )
    # written back as ISO dates, read back the same
    assert orggraph.loads(org.to_yaml()) == org
    assert '"valid_from": "2011-04-01"' in org.to_json()


def test_a_change_dated_on_one_side_only_is_reported() -> None:
    text = VERSIONS.replace("reports_to: clf, valid_until: 2011-03-31}", "reports_to: clf}")
    org = orggraph.loads(text)
    with pytest.raises(OrgDataError) as caught:
        org.as_of("2011-06-30")
    problem = caught.value.problems[0]
    assert problem.file == "as_of 2011-06-30"
    assert "'clf'" in problem.message
    assert problem.suggestion == "not valid that day? date both ends of a change"


def test_timeline_of_one_file_maps_the_renamed_unit_and_moved_posts() -> None:
    org = orggraph.loads(VERSIONS)
    assert validity_dates(org.document) == [datetime.date(2011, 1, 1), datetime.date(2011, 4, 1)]
    tl = orggraph.timeline(org)
    assert tl.dates == [datetime.date(2010, 9, 30), datetime.date(2011, 1, 1), datetime.date(2011, 4, 1)]
    table = tl.changes("2011-01-01", "2011-04-01")
    pairs = dict(zip(table["post_a"], table["post_b"], strict=True))
    assert pairs == {"cgs": "cgs", "clf": "cfa", "log": "log2"}
    assert table.set_index("post_a").loc["log", "change"] == "unchanged"  # same manager's match, unit renamed
    assert tl.unit_renames()[["unit_a", "unit_b"]].values.tolist() == [["land", "army"]]
    with pytest.raises(OrgDataError, match="no dates to take"):
        orggraph.timeline(orggraph.example())


@settings(deadline=None, max_examples=30)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30) | st.none(), st.booleans()), min_size=1, max_size=8),
    st.integers(-2, 33),
)
def test_as_of_keeps_exactly_the_posts_valid_that_day(
    intervals: list[tuple[int, int | None, bool]], offset: int
) -> None:
    start = datetime.date(2020, 1, 1)
    posts = []
    expected = []
    for number, (first, length, open_start) in enumerate(intervals):
        post: dict[str, object] = {"id": f"p{number}", "name": f"Post {number}"}
        valid_from = start + datetime.timedelta(days=first)
        if not open_start:
            post["valid_from"] = valid_from.isoformat()
        valid_until = None if length is None else valid_from + datetime.timedelta(days=length)
        if valid_until is not None:
            post["valid_until"] = valid_until.isoformat()
        posts.append(post)
        day = start + datetime.timedelta(days=offset)
        if (open_start or valid_from <= day) and (valid_until is None or day <= valid_until):
            expected.append(f"p{number}")
    org = orggraph.from_dict({"organisation": {"id": "x", "name": "X"}, "posts": posts})
    assert org.as_of(start + datetime.timedelta(days=offset)).nodes("post") == expected
