"""membership_matrix and brokerage say where candidate managers leave the answer open.

A reading gives each post with candidate managers one of them (:func:`tests.strategies.readings`). The matrix
marks places held in some readings only (2) apart from certain ones (1); brokerage gives each figure as the lowest
and highest over the readings. Ishøj's seed (../shared/seeds/000_*.txt) is quoted where used.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings

import orggraph
from orggraph.meetings import membership_matrix
from orggraph.network import brokerage
from orggraph.readings import count, readings
from tests.test_forum_series import readings as each_reading
from tests.test_forum_series import series_documents

OPEN = """
organisation: {id: t, name: T}
posts:
  - {id: top, name: Top, top: true}
  - {id: a, name: A, reports_to: top}
  - {id: b, name: B, reports_to: top}
  - {id: x, name: X, reports_to_one_of: [a, b]}
forums:
  - {id: board, name: Board, members: [top, a, b]}
  - id: one
    name: "1:1"
    kind: one_to_one
    for_each: {holders: [a], series: pair}
    chair: {post: top}
"""


def test_the_matrix_marks_possible_places() -> None:
    org = orggraph.loads(OPEN)
    matrix: Any = membership_matrix(org)
    # the 1:1 of A and X is held only when X reports to A: all three places in it (A, X, and Top who chairs) are 2
    assert matrix.loc[["top", "a", "x"], "one/a/x"].tolist() == [2, 2, 2]
    assert matrix.loc["b", "one/a/x"] == 0
    assert matrix.loc[["top", "a", "b"], "board"].tolist() == [1, 1, 1]
    certain: Any = membership_matrix(org, possible="certain")
    assert "x" not in certain.index  # X takes part in nothing in every reading
    assert certain.loc["top", "one/a/x"] == 0
    union: Any = membership_matrix(org, possible="any")
    assert union.loc[["top", "a", "x"], "one/a/x"].tolist() == [1, 1, 1]
    text: Any = membership_matrix(org, roles=True)
    assert text.loc["top", "one/a/x"] == "possible chair"
    assert text.loc["x", "one/a/x"] == "possible member"
    assert text.loc["top", "board"] == "member"
    with pytest.raises(ValueError, match="possible must be"):
        membership_matrix(org, possible="maybe")


def test_ishoj_chefmoeder_centre_heads_are_possible(ishoj: orggraph.Org) -> None:
    # "Afholdes for hvert direktørområde": each director's chefmøde has the centre heads of that area, and which
    # director a centre head reports to is not said: in each of the three series they are possible, not certain.
    matrix: Any = membership_matrix(ishoj)
    series = [f"chefmoeder-direktoeromraader/{d}" for d in ("kommunaldirektoer", "direktoer-omraade-2")]
    assert matrix.loc["centerchef", series].tolist() == [2, 2]
    assert matrix.loc["direktoer-omraade-2", series].tolist() == [0, 1]
    assert matrix.loc["centerchef", "koncernledelsesmoeder"] == 1


def test_brokerage_ranges_where_a_line_is_open() -> None:
    # X reports to A or to B; the 1:1 of A and X (Top chairs it) is held only when X reports to A.
    org = orggraph.loads(OPEN)
    table: Any = brokerage(org)
    # X is a leaf of its line in both readings (the 1:1 hangs on A and Top too): betweenness 0 exactly
    assert table.loc["x", "betweenness"] == 0.0
    # A and B broker only in the reading where X is theirs
    for post in ("a", "b"):
        row = table.loc[post]
        assert row["betweenness_low"] < row["betweenness_high"]
        assert math.isnan(row["betweenness"])
        assert "2 readings" in row["uncertain"]
    # X's degree: its line, and in reading A the 1:1 series too: 1 or 2
    assert (table.loc["x", "degree_low"], table.loc["x", "degree_high"]) == (1, 2)
    assert pd.isna(table.loc["x", "degree"])
    assert table.loc["x", "uncertain"] == "differs between the 2 readings of the candidate managers"


LINES = """
organisation: {id: t, name: T}
posts:
  - {id: top, name: Top, top: true}
  - {id: a, name: A, reports_to: top}
  - {id: b, name: B, reports_to: top}
  - {id: x, name: X, reports_to_one_of: [a, b]}
"""


def test_brokerage_exact_values_by_hand() -> None:
    # Reading "X reports to A": the path X-A-Top-B; betweenness of A = 2 of the 3 pairs of other nodes
    # ((X, Top), (X, B)), of Top = 2 ((A, B), (X, B)), of B and X = 0. Reading B is the mirror image.
    table: Any = brokerage(orggraph.loads(LINES))
    assert (
        table.loc["top", ["betweenness", "betweenness_low", "betweenness_high"]].tolist() == [pytest.approx(2 / 3)] * 3
    )
    assert table.loc["a", ["betweenness_low", "betweenness_high"]].tolist() == [0, pytest.approx(2 / 3)]
    assert table.loc["b", ["betweenness_low", "betweenness_high"]].tolist() == [0, pytest.approx(2 / 3)]
    assert table.loc["x", "betweenness"] == 0
    # Top is a cut point in both readings, X in neither, A and B in one each
    assert table.loc["top", "cut_point"]
    assert not table.loc["x", "cut_point"]
    assert pd.isna(table.loc["a", "cut_point"])
    assert (table.loc["top", "degree"], table.loc["a", "degree_low"], table.loc["a", "degree_high"]) == (2, 1, 2)


def test_too_many_readings_are_said_not_computed() -> None:
    org = orggraph.loads(LINES)
    assert count(org) == 2
    table: Any = brokerage(org, max_readings=1)
    assert table["betweenness_low"].isna().all()
    assert table["betweenness"].isna().all()
    assert table["uncertain"].str.contains("2 readings, more than max_readings=1").all()


def test_ishoj_brokerage_is_a_range_over_three_readings(ishoj: orggraph.Org) -> None:
    # "ni centre med hver sin chef" reporting to one of the three directors: three readings.
    assert count(ishoj) == 3
    table: Any = brokerage(ishoj)
    row = table.loc["direktoer-omraade-2"]
    assert row["betweenness_low"] < row["betweenness_high"]
    assert row["uncertain"] == "differs between the 3 readings of the candidate managers"


@settings(max_examples=25, deadline=None)
@given(series_documents())
def test_ranges_are_the_extremes_of_the_readings(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    table: Any = brokerage(org)
    matrix: Any = membership_matrix(org)
    worlds = each_reading(data)
    assert len(worlds) == count(org) == len(list(readings(org)))
    seen: dict[str, dict[str, list[Any]]] = {post: {} for post in table.index}
    places: dict[tuple[str, str], set[int]] = {}
    for world in worlds:
        theirs: Any = brokerage(world)
        for post, row in theirs.iterrows():
            for column in ("betweenness", "degree", "forums", "units_linked", "cut_point"):
                seen[post].setdefault(column, []).append(row[column])
        taken: Any = membership_matrix(world)
        assert set(taken.values.ravel()) <= {0, 1}  # a reading has no open places
        for post in matrix.index:
            for forum in matrix.columns:
                cell = int(taken.loc[post, forum]) if post in taken.index and forum in taken.columns else 0
                places.setdefault((post, forum), set()).add(cell)
    for post, row in table.iterrows():
        for column in ("betweenness", "degree", "forums", "units_linked"):
            values = seen[post][column]
            assert row[f"{column}_low"] == pytest.approx(min(values)), (post, column)
            assert row[f"{column}_high"] == pytest.approx(max(values)), (post, column)
        cuts = set(seen[post]["cut_point"])
        assert (row["cut_point"] in cuts) if len(cuts) == 1 else pd.isna(row["cut_point"])
    # a cell is 1 when the post takes part in every reading, 2 in some, 0 in none
    for (post, forum), cells in places.items():
        expected = 1 if cells == {1} else 2 if 1 in cells else 0
        assert matrix.loc[post, forum] == expected, (post, forum)
