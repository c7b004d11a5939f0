"""Meeting load, forum load, overlap, redundancy, chair concentration and the membership matrix."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings

import orggraph
from orggraph import Org
from orggraph.meetings import (
    chair_concentration,
    forum_load,
    forum_overlap,
    meeting_load,
    membership_matrix,
    redundancy_candidates,
)
from tests.strategies import documents

FORTNIGHT = 365 / 14

# a: 4 meetings of 2 h = 8 h.  b: weekly, 1-2 h = 52 meetings, 52-104 h.  c: ad hoc.  d: no series at all.
LOADS = """
organisation: {id: l, name: Møder}
posts:
  - {id: all, name: Alle, top: true}
  - {id: ab, name: AB, top: true, headcount: 3}
  - {id: only-c, name: Kun C, top: true}
  - {id: guest, name: Gæst, top: true}
  - {id: nothing, name: Ingen, top: true}
forums:
  - id: a
    name: A
    members: [all, ab]
    chair: {post: all}
    meetings: [{cadence: {per_year: 4}, hours: 2}]
  - id: b
    name: B
    members: [all, ab]
    guests: [{id: guest, part: the first item}]
    meetings: [{cadence: {every: 1, unit: weeks}, hours: 1, hours_max: 2}]
  - id: c
    name: C
    members: [all, only-c]
    meetings: [{cadence: {ad_hoc: true}, hours: 1}]
  - {id: d, name: D, members: [all]}
"""


@pytest.fixture(scope="module")
def loads_org() -> Org:
    return orggraph.loads(LOADS)


def test_forum_load_by_hand(loads_org: Org) -> None:
    table: Any = forum_load(loads_org)
    assert table.loc["a", ["meetings_per_year", "hours_per_year", "hours_per_year_high"]].tolist() == [4, 8, 8]
    b = table.loc["b"]
    assert (b["meetings_per_year_low"], b["meetings_per_year_high"]) == (52, 52)
    # midpoint cadence x midpoint length: 52 x 1.5
    assert (b["hours_per_year_low"], b["hours_per_year"], b["hours_per_year_high"]) == (52, 78, 104)
    for forum in ("c", "d"):
        assert table.loc[forum, ["meetings_per_year", "hours_per_year"]].isna().all()
        assert not table.loc[forum, "meetings_given"]
    assert table.loc["a", ["members", "people"]].tolist() == [2, 4.0]
    assert table["series"].tolist() == [1, 1, 1, 0]


def test_meeting_load_sums_what_is_given_and_flags_the_rest(loads_org: Org) -> None:
    load: Any = meeting_load(loads_org)
    everyone = load.loc["all"]
    assert everyone["forums"] == 4
    assert (everyone["meetings_per_year_low"], everyone["meetings_per_year"]) == (56, 56)
    assert math.isnan(everyone["meetings_per_year_high"])  # c and d could add any number
    assert (everyone["hours_per_year_low"], everyone["hours_per_year"]) == (60, 86)
    assert math.isnan(everyone["hours_per_year_high"])
    assert (everyone["uncounted_meetings"], everyone["uncounted_hours"]) == (2, 2)
    ab = load.loc["ab"]
    assert ab[["meetings_per_year_high", "hours_per_year_low", "hours_per_year_high"]].tolist() == [56, 60, 112]
    assert ab["headcount"] == 3
    # nothing is given for the only forum of only-c: NaN, not 0
    assert load.loc["only-c", ["meetings_per_year", "hours_per_year"]].isna().all()
    assert load.loc["nothing", ["forums", "meetings_per_year", "hours_per_year_high"]].tolist() == [0, 0, 0]


def test_guests_count_fully_unless_left_out(loads_org: Org) -> None:
    load: Any = meeting_load(loads_org)
    assert load.loc["guest", ["forums", "guest_forums", "meetings_per_year", "hours_per_year"]].tolist() == [
        1,
        1,
        52,
        78,
    ]
    without: Any = meeting_load(loads_org, include_guests=False)
    assert without.loc["guest", ["forums", "guest_forums", "meetings_per_year"]].tolist() == [0, 0, 0]
    assert without.loc["all", "forums"] == 4


def test_ishoj_meeting_load(ishoj: Org) -> None:
    load: Any = meeting_load(ishoj)
    chief = load.loc["centerchef"]
    # "Faste møder i koncernledelsen ... Afholdes hver 14. dag" + "Årligt 12-12 seminar med overnatning";
    # Chefmøder and 1:1 møder have "fast mødekadence", Temamøder are ad hoc: not counted.
    # The area meetings and 1:1s are a series per director ("Afholdes for hvert direktørområde"): which
    # director the centre heads have is not said, but in every reading a centre head sits in one area series
    # and one 1:1 series, so the number of forums is exact; which ones (and so the hours) is not
    assert (chief["forums"], chief["forums_low"], chief["forums_high"]) == (5, 5, 5)
    assert chief["uncertain"] == "one series of each of 2 per-holder forum(s), which one depends on the manager"
    assert chief["meetings_per_year"] == pytest.approx(FORTNIGHT + 1)  # "Afholdes hver 14. dag" + the seminar
    assert chief["uncounted_meetings"] == 3  # "fast mødekadence" (twice) and "ad hoc"
    assert chief["hours_per_year"] == 24  # only the seminar's length is given
    assert chief["meetings_per_year_low"] == pytest.approx(FORTNIGHT + 1)
    assert chief["hours_per_year_low"] == 24  # only the seminar's length is given
    # the kommunaldirektør also has the direktion meetings ("ca. hver 14. dag") and 1-2 strategy days
    director = load.loc["kommunaldirektoer"]
    assert (director["forums_low"], director["forums_high"]) == (6, 7)
    assert director["meetings_per_year_low"] == pytest.approx(2 * FORTNIGHT + 1 + 1)
    # the mayor: "Første del af mødet med borgmesterens deltagelse" (guest) and the strategy days
    mayor = load.loc["borgmester"]
    assert mayor[["forums", "guest_forums"]].tolist() == [2, 1]
    assert mayor["meetings_per_year"] == pytest.approx(FORTNIGHT + 1.5)
    assert math.isnan(mayor["hours_per_year"])


def test_roskilde_meeting_load(roskilde: Org) -> None:
    load: Any = meeting_load(roskilde)
    chef = load.loc["afdelingschef"]
    # Chefforum: "Der afholdes 4 årlige møder og 2 døgnseminarer"; Lederforum: "to årlige seminarer",
    # the spring one "kl. 8.30-16.30" (8 h); lengths of the Chefforum meetings and the autumn event not given.
    assert chef["forums"] == 2
    assert chef["meetings_per_year"] == 4 + 2 + 2
    assert chef["hours_per_year"] == 2 * 24 + 8
    assert chef["uncounted_hours"] == 2
    assert math.isnan(chef["hours_per_year_high"])
    # "disse 20 medarbejdere bruger ca. 10-15% af deres arbejdstid i dette regi"
    member = load.loc["udviklingsforum-medarbejder"]
    assert member[["time_share_low", "time_share_high"]].tolist() == [0.10, 0.15]


def test_forum_overlap_by_hand(example: Org) -> None:
    overlap: Any = forum_overlap(example)
    assert overlap.index.tolist() == [("board", "all-hands"), ("all-hands", "ops-huddle"), ("board", "ops-huddle")]
    board = overlap.loc[("board", "all-hands")]
    # board: ceo, cfo, coo; all-hands: the 7 posts of HQ (13 people)
    assert (board["members_a"], board["members_b"], board["shared"]) == (3, 7, 3)
    assert board["jaccard"] == pytest.approx(3 / 7)
    assert board["people_jaccard"] == pytest.approx(3 / 13)
    assert board["contained"]
    assert not overlap.loc[("board", "ops-huddle"), "contained"]
    assert overlap.loc[("board", "ops-huddle"), "jaccard"] == pytest.approx(1 / 4)
    assert not overlap["candidate"].any()
    assert redundancy_candidates(example, threshold=0.4).index.tolist() == [("board", "all-hands")]


def test_nested_and_one_to_one_forums_are_not_redundancy_candidates() -> None:
    org = orggraph.loads("""
organisation: {id: n, name: N}
posts: [{id: a, name: A, top: true}, {id: b, name: B, top: true}]
forums:
  - {id: main, name: Hoved, members: [a, b]}
  - {id: sub, name: Under, members: [a, b], part_of: main}
  - {id: same, name: Samme, members: [a, b]}
  - {id: pairs, name: "1:1", kind: one_to_one, members: [a, b]}
""")
    overlap: Any = forum_overlap(org)
    assert (overlap["jaccard"] == 1).all()
    assert overlap.loc[("main", "sub"), "nested"]
    assert redundancy_candidates(org).index.tolist() == [("main", "same"), ("sub", "same")]


def test_ishoj_redundancy_candidates(ishoj: Org) -> None:
    overlap: Any = forum_overlap(ishoj)
    # the direktion (3 directors, 3 posts) within the koncernledelse (+ 9 centre heads in one post): 3 of 4
    # posts, 3 of 12 people
    pair = overlap.loc[("direktionsmoeder", "koncernledelsesmoeder")]
    assert pair["jaccard"] == pytest.approx(3 / 4)
    assert pair["people_jaccard"] == pytest.approx(3 / 12)
    candidates = set(redundancy_candidates(ishoj).index)
    # four forums of the whole koncernledelse; the 1:1 meetings are pairs, not a plenary meeting
    assert ("koncernledelsesmoeder", "temamoeder-koncernledelsen") in candidates
    assert not any("en-til-en-moeder" in pair for pair in candidates)


def test_chair_concentration_by_hand(example: Org) -> None:
    table: Any = chair_concentration(example)
    # ceo chairs the board alone and takes turns with cfo and coo in all-hands: 1 + 1/3 of 2 chaired forums
    assert table.index.tolist() == ["ceo", "cfo", "coo"]
    assert table.loc["ceo", ["fixed", "rotating"]].tolist() == [1, 1]
    assert table.loc["ceo", "expected"] == pytest.approx(4 / 3)
    assert table.loc["ceo", "share"] == pytest.approx(2 / 3)
    assert table.loc["cfo", "expected"] == pytest.approx(1 / 3)
    assert table.loc["ceo", "forums"] == ("board", "all-hands")


def test_ishoj_chairs(ishoj: Org) -> None:
    table: Any = chair_concentration(ishoj)
    # "Kommunaldirektøren ejer mødet og er mødeleder" + "Direktørene skiftes til at være mødeledere": three
    # directors take turns, so the kommunaldirektør chairs one third of the koncernledelse meetings
    assert table.loc["kommunaldirektoer", ["fixed", "rotating"]].tolist() == [1, 1]
    # "en direktion med tre direktører": the rotation is among three people, so each chairs a third of
    # those meetings, not a half.
    assert table.loc["kommunaldirektoer", "expected"] == pytest.approx(1 + 1 / 3)
    assert table.loc["direktoer-omraade-2", "expected"] == pytest.approx(1 / 3)
    assert table.loc["direktoer-omraade-3", "expected"] == pytest.approx(1 / 3)
    assert table.loc["kommunaldirektoer", "share"] == pytest.approx((1 + 1 / 3) / 2)


def test_membership_matrix(loads_org: Org) -> None:
    matrix: Any = membership_matrix(loads_org)
    assert matrix.columns.tolist() == ["a", "b", "c", "d"]
    assert matrix.index.tolist() == ["all", "ab", "only-c", "guest"]
    assert matrix.loc["all"].tolist() == [1, 1, 1, 1]
    assert matrix.loc["guest"].tolist() == [0, 1, 0, 0]
    assert membership_matrix(loads_org, include_guests=False).index.tolist() == ["all", "ab", "only-c"]
    roles: Any = membership_matrix(loads_org, roles=True)
    assert roles.loc["all", "a"] == "member, chair"
    assert roles.loc["guest", "b"] == "guest"
    assert roles.loc["ab", "c"] == ""


def test_danish_names_survive(ishoj: Org) -> None:
    assert forum_load(ishoj).loc["koncernledelsesseminar", "name"] == "Seminar for koncernledelsen"
    assert meeting_load(ishoj).loc["kommunaldirektoer", "name"] == "Kommunaldirektør"
    assert "Direktionsmøder" in forum_overlap(ishoj)["name_a"].tolist()


@settings(max_examples=40, deadline=None)
@given(documents(max_posts=15))
def test_meeting_load_adds_up_over_forums(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    load: Any = meeting_load(org)
    forums: Any = forum_load(org)
    matrix: Any = membership_matrix(org)
    # every forum in the random documents gives a cadence and a length: all figures are known
    for post in org.nodes("post"):
        mine = org.forums_of(post)
        assert load.loc[post, "forums"] == len(mine)
        assert load.loc[post, "meetings_per_year"] == pytest.approx(forums.loc[mine, "meetings_per_year"].sum())
        assert load.loc[post, "hours_per_year"] == pytest.approx(2 * load.loc[post, "meetings_per_year"])
        if mine:
            assert matrix.loc[post, mine].sum() == len(mine)
    overlap: Any = forum_overlap(org)
    assert ((overlap["jaccard"] > 0) & (overlap["jaccard"] <= 1)).all()
