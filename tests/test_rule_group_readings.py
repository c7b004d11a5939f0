"""A group given by ``reporting_to`` when a line above is open: possible members, and forum figures that say so.

A post that reports to ``director-a`` in some readings of the candidate managers only (its own
``reports_to_one_of``, or a superior's) is a *possible* member of a group ``{rule: {reporting_to: director-a}}``,
and of every forum that lists the group. The hand case is small enough to count by hand; the property enumerates
the readings of random documents (:func:`tests.strategies.readings`) and holds every figure of every reading
inside what the organisation with the open lines reports.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.meetings import chair_concentration, forum_load, forum_overlap, meeting_load, membership_matrix
from orggraph.network import brokerage
from orggraph.participation import participation
from tests.strategies import readings

CENTRE = """
organisation: {id: t, name: Kommune}
posts:
  - {id: kd, name: Kommunaldirektør, top: true}
  - {id: director-a, name: Direktør A, reports_to: kd}
  - {id: director-b, name: Direktør B, reports_to: kd}
  - {id: centre-head, name: Centerchef, reports_to_one_of: [director-a, director-b]}
  - {id: staff, name: Afdelingsleder, reports_to: centre-head, headcount: 4}
  - {id: adviser, name: Rådgiver, reports_to: director-a}
groups:
  - {id: area-a, name: Direktør A's område, rule: {reporting_to: director-a}}
forums:
  - id: area-meeting
    name: Områdemøde A
    members: [director-a, area-a]
    meetings: [{cadence: {per_year: 10}, hours: 2}]
  - id: direktion
    name: Direktion
    members: [kd, director-a, director-b]
    meetings: [{cadence: {per_year: 20}, hours: 3}]
  - id: area-forum
    name: Områdeforum A
    members: [area-a]
    chair: {rotating_among: [director-a, area-a]}
    meetings: [{cadence: {per_year: 4}, hours: 1}]
"""


@pytest.fixture(scope="module")
def centre() -> orggraph.Org:
    return orggraph.loads(CENTRE)


def test_the_group_has_certain_and_possible_members(centre: orggraph.Org) -> None:
    # The adviser reports to director A in every reading; the centre head only when its manager is director A,
    # and the staff below the centre head with it. Before: the group was [adviser], as if that were certain.
    assert centre.members("area-a") == ["adviser"]
    assert centre.possible_members("area-a") == ["centre-head", "staff"]
    G = centre.graph
    assert G.edges["centre-head", "area-a", "candidate_member"]["via"] == "rule"
    assert not G.has_edge("centre-head", "area-a", "member_of")
    assert centre.headcount_detail("area-a")[:3] == (None, 1, 1 + 1 + 4)


def test_the_forum_takes_the_groups_possible_members(centre: orggraph.Org) -> None:
    assert centre.members("area-meeting") == ["director-a", "adviser"]
    assert centre.possible_members("area-meeting") == ["centre-head", "staff"]
    taking = participation(centre).of["area-meeting"]
    assert taking.possible == ["centre-head", "staff"]
    assert taking.correlated == {"centre-head", "staff"}
    assert centre.possible_members("direktion") == []
    # people per meeting: 2 for certain, 2 + 1 + 4 when the centre head is director A's
    detail = centre.headcount_detail("area-meeting")
    assert (detail.value, detail.low, detail.high) == (None, 2, 7)
    assert centre.forums_of("centre-head") == []
    assert centre.forums_of("centre-head", possible=True) == ["area-meeting", "area-forum"]
    assert centre.forum_roles("staff", possible=True)["area-forum"] == ["possible member", "possible rotating chair"]


def test_meeting_load_by_hand(centre: orggraph.Org) -> None:
    load: Any = meeting_load(centre)
    # centre head: the area meeting (10 x 2 h) and the area forum (4 x 1 h) only when it is director A's
    head = load.loc["centre-head"]
    assert (head["forums_low"], head["forums_high"]) == (0, 2)
    assert (head["hours_per_year_low"], head["hours_per_year_high"]) == (0, 24)
    assert math.isnan(head["hours_per_year"])
    assert head["uncertain"] is not None
    # the adviser is in both for certain; director A in all three: 20 + 60 + 4 hours
    assert (load.loc["adviser", "forums"], load.loc["adviser", "hours_per_year"]) == (2, 24)
    assert (load.loc["director-a", "forums"], load.loc["director-a", "hours_per_year"]) == (3, 84)
    assert load.loc["director-b", "hours_per_year"] == 60
    matrix: Any = membership_matrix(centre)
    assert matrix.loc["centre-head", "area-meeting"] == 2
    assert matrix.loc["adviser", "area-meeting"] == 1
    assert "centre-head" not in membership_matrix(centre, possible="certain").index


def test_chairs_and_overlap_hold_both_readings(centre: orggraph.Org) -> None:
    # The rotation: director A and the adviser (2 people), and in one reading the centre head and its 4 staff:
    # 7 people. Director A chairs 1/2 or 1/7 of the forum; the staff's post 0 or 4/7 (each person 1/7).
    chairs: Any = chair_concentration(centre)
    a = chairs.loc["director-a"]
    assert (a["expected_low"], a["expected_high"]) == (pytest.approx(1 / 7), pytest.approx(1 / 2))
    staff = chairs.loc["staff"]
    assert staff["expected_low"] == 0
    assert staff["expected_high"] >= 1 / 7
    assert "bounds, not exact" in staff["uncertain"]
    # area meeting and direktion share director A; the union is 4 posts, or 6 with the centre head and staff
    row: Any = forum_overlap(centre).loc[("area-meeting", "direktion")]
    assert row["jaccard_low"] <= 1 / 6
    assert row["jaccard_high"] >= 1 / 4
    assert row["shared"] == 1
    assert math.isnan(row["jaccard"])


def test_each_reading_by_hand(centre: orggraph.Org) -> None:
    both = [orggraph.from_dict(reading) for reading in readings(centre.to_dict())]
    assert [reading.manager("centre-head") for reading in both] == ["director-a", "director-b"]
    assert [set(reading.members("area-meeting")) for reading in both] == [
        {"director-a", "adviser", "centre-head", "staff"},
        {"director-a", "adviser"},
    ]
    hours = [meeting_load(reading).loc["centre-head", "hours_per_year"] for reading in both]
    assert hours == [24, 0]
    table: Any = brokerage(centre)
    for reading in both:
        theirs: Any = brokerage(reading)
        for post, row in theirs.iterrows():
            ours = table.loc[post]
            assert ours["betweenness_low"] - 1e-12 <= row["betweenness"] <= ours["betweenness_high"] + 1e-12


# -- every reading of random documents -----------------------------------------------------------------------------


@st.composite
def rule_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Posts p0..pn (at most two with candidate managers), rule groups by ``reporting_to``, forums that use them.

    Groups: one to three rules (``reporting_to`` a post, sometimes a type as well, sometimes a list beside it), one
    perhaps listing another. Forums: two plain ones whose members, guests and rotating chairs draw on posts and
    groups, and a per-area template whose own members may name a group.
    """
    n = draw(st.integers(3, 7))
    posts: list[dict[str, Any]] = []
    uncertain = 0
    for i in range(n):
        post: dict[str, Any] = {
            "id": f"p{i}",
            "name": f"Post {i}",
            "type": draw(st.sampled_from(["leder", "chef"])),
            "headcount": draw(st.integers(1, 3)),
        }
        choice = draw(st.sampled_from(["top", "line", "line", "one_of"])) if i else "top"
        if choice == "one_of" and i >= 2 and uncertain < 2:
            size = draw(st.integers(2, min(3, i)))
            post["reports_to_one_of"] = draw(st.permutations([f"p{j}" for j in range(i)]))[:size]
            uncertain += 1
        elif choice != "top":
            post["reports_to"] = f"p{draw(st.integers(0, i - 1))}"
        else:
            post["top"] = True
        posts.append(post)
    ids = [p["id"] for p in posts]
    groups: list[dict[str, Any]] = []
    # a candidate manager as reporting_to, mostly: the posts below an open line are what the rules are about
    open_lines = [c for post in posts for c in post.get("reports_to_one_of", ())]
    for g in range(draw(st.integers(1, 3))):
        rule: dict[str, Any] = {"reporting_to": draw(st.sampled_from(open_lines or ids))}
        if open_lines and draw(st.integers(0, 3)) == 0:
            rule["reporting_to"] = draw(st.sampled_from(ids))
        if draw(st.integers(0, 3)) == 0:
            rule["post_types"] = ["leder"]
        group: dict[str, Any] = {"id": f"g{g}", "name": f"Group {g}", "rule": rule}
        listed = draw(st.lists(st.sampled_from(ids + [f"g{k}" for k in range(g)]), max_size=2, unique=True))
        if listed:
            group["members"] = listed
        groups.append(group)
    gids = [g["id"] for g in groups]
    everyone = ids + gids

    def meetings() -> list[dict[str, Any]]:
        return [{"cadence": {"per_year": draw(st.sampled_from([2, 6, 12]))}, "hours": draw(st.sampled_from([1, 2]))}]

    forums: list[dict[str, Any]] = []
    for f in range(2):
        forum: dict[str, Any] = {
            "id": f"f{f}",
            "name": f"Forum {f}",
            "members": list(
                dict.fromkeys([draw(st.sampled_from(gids)), *draw(st.lists(st.sampled_from(everyone), max_size=3))])
            ),
            "meetings": meetings(),
        }
        if draw(st.booleans()):
            chairs = list(dict.fromkeys([draw(st.sampled_from(gids + ids)), draw(st.sampled_from(everyone))]))
            forum["chair"] = {"rotating_among": chairs}
        if draw(st.integers(0, 3)) == 0:
            forum["guests"] = [{"id": draw(st.sampled_from(gids))}]
        forums.append(forum)
    if draw(st.booleans()):
        holders = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
        for post in posts:
            if post["id"] in holders:
                post["headcount"] = 1
        area: dict[str, Any] = {
            "id": "area",
            "name": "Area",
            "for_each": {"holders": holders, "series": "area"},
            "meetings": meetings(),
        }
        if draw(st.booleans()):
            area["members"] = [draw(st.sampled_from(gids))]
        forums.append(area)
    return {"organisation": {"id": "r", "name": "R"}, "posts": posts, "groups": groups, "forums": forums}


def inside(value: Any, low: Any, high: Any) -> bool:
    """``value`` within [low, high]; an unknown (NaN) end bounds nothing, an unknown value is not checked."""
    if pd.isna(value):
        return True
    ok_low = pd.isna(low) or low <= value + 1e-9
    ok_high = pd.isna(high) or value <= high + 1e-9
    return bool(ok_low and ok_high)


@settings(max_examples=30, deadline=None)
@given(rule_documents())
def test_every_reading_lies_inside_what_the_open_document_reports(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    table = participation(org)
    groups = [group["id"] for group in data["groups"]]
    # a possible member is in some readings and not in all where one rule puts it there; two routes (two groups,
    # or a group and a series) may together hold a post in every reading, which the index lists as possible
    one_route = {group["id"] for group in data["groups"] if not set(group.get("members", ())) & set(groups)}
    for forum in data["forums"]:
        listed = [m for m in forum.get("members", ()) if m in groups]
        if "for_each" not in forum and len(listed) <= 1 and set(listed) <= one_route:
            one_route.add(forum["id"])
    load: Any = meeting_load(org)
    forums: Any = forum_load(org)
    chairs: Any = chair_concentration(org)
    overlap: Any = forum_overlap(org)
    matrix: Any = membership_matrix(org)
    seen: dict[str, list[set[str]]] = {node: [] for node in [*groups, *table.forums]}
    chaired: dict[Any, list[tuple[float, float | None]]] = {post: [] for post in chairs.index}
    compared: dict[Any, list[Any]] = {pair: [] for pair in overlap.index}
    for reading_data in readings(data):
        reading = orggraph.from_dict(reading_data)
        for group in groups:
            members = set(reading.members(group))
            assert set(org.members(group)) <= members <= {*org.members(group), *org.possible_members(group)}, group
            seen[group].append(members)
        for forum in participation(reading).forums:
            members = set(reading.members(forum))
            ours = table.of[forum]
            sure = set(ours.certain) if ours.exists else set(ours.possible) - ours.correlated
            assert sure <= members <= {*ours.certain, *ours.possible}, forum
            seen[forum].append(members)
            people = forum_load(reading).loc[forum, "people"]
            assert inside(people, forums.loc[forum, "people_low"], forums.loc[forum, "people_high"]), forum
        their_load: Any = meeting_load(reading)
        for post, row in their_load.iterrows():
            ours_row = load.loc[post]
            assert ours_row["forums_low"] <= row["forums"] <= ours_row["forums_high"], post
            for figure in ("meetings_per_year", "hours_per_year"):
                assert inside(row[figure], ours_row[f"{figure}_low"], ours_row[f"{figure}_high"]), (post, figure)
            for forum in reading.forums_of(str(post)):
                if forum in table.of:
                    assert forum in org.forums_of(str(post), possible=True), (post, forum)
        their_chairs: Any = chair_concentration(reading)
        for post, row in their_chairs.iterrows():
            assert post in chairs.index, post
            assert inside(row["expected"], chairs.loc[post, "expected_low"], chairs.loc[post, "expected_high"]), post
            assert inside(row["share"], chairs.loc[post, "share_low"], chairs.loc[post, "share_high"]), post
        for post in chairs.index:  # a post that chairs nothing in this reading: 0, and no share when no one chairs
            chairs_here = post in their_chairs.index
            value = their_chairs.loc[post, "expected"] if chairs_here else 0.0
            share = their_chairs.loc[post, "share"] if chairs_here else 0.0 if len(their_chairs) else None
            chaired[post].append((value, share))
        their_overlap: Any = forum_overlap(reading)
        for pair, row in their_overlap.iterrows():
            assert pair in overlap.index, pair
            ours_pair = overlap.loc[pair]
            assert ours_pair["shared_low"] <= row["shared"] <= ours_pair["shared_high"], pair
            for figure in ("jaccard", "people_jaccard"):
                assert inside(row[figure], ours_pair[f"{figure}_low"], ours_pair[f"{figure}_high"]), (pair, figure)
            compared[pair].append(row)
        their_matrix: Any = membership_matrix(reading)
        for post, cells in their_matrix.iterrows():
            for forum, cell in cells.items():
                if forum in matrix.columns and cell:
                    assert post in matrix.index, (post, forum)
                    assert matrix.loc[post, forum] > 0, (post, forum)
        for post in matrix.index:
            for forum in matrix.columns:
                if matrix.loc[post, forum] == 1 and forum in their_matrix.columns:
                    assert their_matrix.loc[post, forum] == 1, (post, forum)
    # where no group's members move together, the ranges are still the exact extremes of the readings
    for post, row in chairs.iterrows():
        if "bounds" in str(row["uncertain"]):
            continue
        values = [value for value, _ in chaired[post]]
        shares = [share for _, share in chaired[post] if share is not None]
        assert row["expected_low"] == pytest.approx(min(values)), post
        assert row["expected_high"] == pytest.approx(max(values)), post
        assert row["share_low"] == pytest.approx(min(shares)), post
        assert row["share_high"] == pytest.approx(max(shares)), post
    for pair, row in overlap.iterrows():
        if "bounds" in str(row["uncertain"]):
            continue
        rows = compared[pair]
        assert rows, pair  # listed: some reading shares a member
        for figure in ("shared", "jaccard", "people_jaccard"):
            assert row[f"{figure}_low"] == pytest.approx(min(float(r[figure]) for r in rows)), (pair, figure)
            assert row[f"{figure}_high"] == pytest.approx(max(float(r[figure]) for r in rows)), (pair, figure)
    for node, found in seen.items():
        if not found:
            continue  # a pair series no reading holds
        every, some = set.intersection(*found), set.union(*found)
        certain = set(org.members(node))
        possible = set(org.possible_members(node))
        if node in table.of and not table.of[node].exists:
            continue  # a series held in some readings only: its members are possible as a whole
        assert certain <= every, node
        assert possible <= some, node  # each possible member sits there in some reading
        if node in one_route:
            assert not possible & every, node
