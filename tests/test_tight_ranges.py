"""The ranges of chair share and forum overlap are exact: the lowest and highest value over every reading.

A reading gives each post with candidate managers one of them (:func:`tests.strategies.readings`). The property
tests enumerate the readings of small random organisations, compute the plain figure in each, and hold the
reported ``_low`` and ``_high`` equal to their minimum and maximum (not only around them). The hand cases rest on
Ishøj's "Arbejdsgrundlag for direktionen" (../shared/seeds/000_*.txt), quoted where used.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.meetings import chair_concentration, forum_overlap
from orggraph.ratio_range import Option, ratio_range
from tests.test_forum_series import readings, series_documents

KL = "koncernledelsesmoeder"
CHEF = "chefmoeder-direktoeromraader/{}"
ONE = "en-til-en-moeder/{}/centerchef"


def test_overlap_of_the_koncernledelse_and_an_area_meeting_is_exact(ishoj: orggraph.Org) -> None:
    # "Afholdes hver 14. dag med deltagelse af alle centerchefer samt direktionen": the koncernledelse is the three
    # directors and the centre-head post (9 people). "Afholdes for hvert direktørområde": director 2's chefmøde
    # has director 2 and, when they report to director 2, the centre heads. By hand: 1 of 4 posts or 2 of 4;
    # 1 of 12 people or 10 of 12.
    row: Any = forum_overlap(ishoj).loc[(KL, CHEF.format("direktoer-omraade-2"))]
    assert (row["shared_low"], row["shared_high"]) == (1, 2)
    assert (row["jaccard_low"], row["jaccard_high"]) == (0.25, 0.5)
    assert (row["people_jaccard_low"], row["people_jaccard_high"]) == (pytest.approx(1 / 12), pytest.approx(10 / 12))
    assert math.isnan(row["jaccard"])


def test_a_one_to_one_series_is_compared_where_it_is_held(ishoj: orggraph.Org) -> None:
    # "Et fast møde mellem direktør og centerchefer": director 2 meets the centre heads one to one only in the
    # readings where they report to director 2, and then they sit in director 2's chefmøde too: the same two posts,
    # Jaccard exactly 1 (the old bound said 0.5 to 1).
    overlap: Any = forum_overlap(ishoj)
    row = overlap.loc[(CHEF.format("direktoer-omraade-2"), ONE.format("direktoer-omraade-2"))]
    assert (row["jaccard"], row["jaccard_low"], row["jaccard_high"]) == (1.0, 1.0, 1.0)
    assert row["shared"] == 2
    assert "held only in some readings" in row["uncertain"]
    # ... and never in director 3's chefmøde at the same time: the pair shares nobody in any reading, so it is no row
    pairs = set(overlap.index)
    assert (CHEF.format("direktoer-omraade-3"), ONE.format("direktoer-omraade-2")) not in pairs
    assert (ONE.format("direktoer-omraade-2"), ONE.format("direktoer-omraade-3")) not in pairs


def test_the_seed_chair_shares_are_exact(ishoj: orggraph.Org) -> None:
    # "Kommunaldirektøren ejer mødet og er mødeleder" (direktionsmøder) and "Direktørene skiftes til at være
    # mødeledere" (koncernledelse): two chaired forums, 1 + 1/3 of them for the kommunaldirektør. No chair is
    # named for a series, so no reading changes it: exact, not a range.
    table: Any = chair_concentration(ishoj)
    row = table.loc["kommunaldirektoer"]
    assert (row["expected_low"], row["expected_high"]) == (pytest.approx(4 / 3), pytest.approx(4 / 3))
    assert row["share"] == pytest.approx(2 / 3)
    assert row["uncertain"] is None


PAIR_CHAIRS = """
organisation: {id: t, name: T}
posts:
  - {id: a, name: Director A, top: true}
  - {id: b, name: Director B, top: true}
  - {id: x, name: Head X, reports_to_one_of: [a, b]}
  - {id: y, name: Head Y, reports_to_one_of: [a, b]}
forums:
  - {id: board, name: Board, members: [a, b], chair: {post: b}}
  - id: one
    name: "1:1"
    kind: one_to_one
    for_each: {holders: [a], series: pair}
    chair: {post: a}
"""


def test_chair_share_over_pair_series_by_hand() -> None:
    # A chairs the 1:1 with each head who reports to A: 0, 1 or 2 of them; B chairs the board.
    # A's share: 0/1 (both heads to B), 1/2 (one), 2/3 (both). B's: 1/1, 1/2, 1/3.
    # The old bounds: A's share_low 0 and share_high max(0, 1) = 1; B's share_low 1/3, share_high 1.
    table: Any = chair_concentration(orggraph.loads(PAIR_CHAIRS))
    a, b = table.loc["a"], table.loc["b"]
    assert (a["expected_low"], a["expected_high"], a["share_low"], a["share_high"]) == (0, 2, 0, pytest.approx(2 / 3))
    assert (b["expected"], b["share_low"], b["share_high"]) == (1, pytest.approx(1 / 3), 1)
    assert math.isnan(a["share"])
    assert math.isnan(b["share"])
    assert "how many forums have a chair" in b["uncertain"]


# -- the solver against brute force ------------------------------------------------------------------------------

OPTIONS = st.builds(
    lambda n, extra, hit: Option(n, n + extra, hit=hit), st.integers(0, 3), st.integers(0, 3), st.booleans()
)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 3), st.integers(0, 3), st.lists(st.lists(OPTIONS, min_size=1, max_size=3), max_size=4), st.booleans()
)
def test_ratio_range_is_the_min_and_max_of_every_combination(
    num: int, extra: int, choices: list[list[Option]], hit: bool
) -> None:
    values = []
    for combination in itertools.product(*choices):
        n = num + sum(o.num for o in combination)
        d = num + extra + sum(o.den for o in combination)
        if d > 0 and (hit or any(o.hit for o in combination)):
            values.append(Fraction(n, d))
    found = ratio_range(num, num + extra, choices, hit=hit)
    assert found == ((min(values), max(values)) if values else None)


# -- every reading of random organisations ------------------------------------------------------------------------


def close(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-12)


@st.composite
def chaired_series(draw: st.DrawFn) -> dict[str, Any]:
    """:func:`series_documents` with a chair on the pair template always: fixed, or a rotation."""
    data = draw(series_documents())
    ids = [post["id"] for post in data["posts"]]
    pair = next(forum for forum in data["forums"] if forum["id"] == "pair")
    if draw(st.booleans()):
        pair["chair"] = {"post": draw(st.sampled_from(ids))}
    elif "chair" not in pair:
        pair["chair"] = {"rotating_among": draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))}
    return data


@settings(max_examples=40, deadline=None)
@given(chaired_series())
def test_chair_ranges_are_the_extremes_of_the_readings(data: dict[str, Any]) -> None:
    ours: Any = chair_concentration(orggraph.from_dict(data))
    expected: dict[str, list[float]] = {post: [] for post in ours.index}
    share: dict[str, list[float]] = {post: [] for post in ours.index}
    for world in readings(data):
        theirs: Any = chair_concentration(world)
        assert set(theirs.index) <= set(ours.index)
        for post in ours.index:
            chairs = post in theirs.index
            expected[post].append(theirs.loc[post, "expected"] if chairs else 0.0)
            if len(theirs):  # some forum has a chair: a post that chairs none has share 0
                share[post].append(theirs.loc[post, "share"] if chairs else 0.0)
    for post, row in ours.iterrows():
        assert close(row["expected_low"], min(expected[post])), post
        assert close(row["expected_high"], max(expected[post])), post
        assert close(row["share_low"], min(share[post])), post
        assert close(row["share_high"], max(share[post])), post
        exact = min(share[post]) == pytest.approx(max(share[post]))
        assert close(row["share"], row["share_low"]) if exact else math.isnan(row["share"])


@settings(max_examples=40, deadline=None)
@given(series_documents())
def test_overlap_ranges_are_the_extremes_of_the_readings(data: dict[str, Any]) -> None:
    ours: Any = forum_overlap(orggraph.from_dict(data))
    seen: dict[Any, list[Any]] = {pair: [] for pair in ours.index}
    for world in readings(data):
        theirs: Any = forum_overlap(world)
        for pair, row in theirs.iterrows():
            assert pair in seen, pair  # every pair that shares a member in some reading is listed
            seen[pair].append(row)
    for pair, row in ours.iterrows():
        rows = seen[pair]
        assert rows, pair  # no pair is listed that shares nobody in every reading
        for column in ("shared", "jaccard", "people_jaccard"):
            values = [float(r[column]) for r in rows]
            assert close(row[f"{column}_low"], min(values)), (pair, column)
            assert close(row[f"{column}_high"], max(values)), (pair, column)
        if row["contained"]:
            assert all(r["contained"] for r in rows), pair
