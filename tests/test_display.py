"""DataFrame manners: counts are nullable integers, FTEs make people Float64, shares round in the display only."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.display import FormattedFrame, count_types, people_dtype

FTE = {
    "organisation": {"id": "x", "name": "X"},
    "posts": [
        {"id": "boss", "name": "Boss", "top": True},
        {"id": "half", "name": "Half", "reports_to": "boss", "headcount": 0.5},
        {"id": "team", "name": "Team", "reports_to": "half", "headcount": "unknown"},
    ],
}


@pytest.mark.parametrize("name", ["example", "ishoj", "roskilde"])
def test_counts_are_nullable_integers_everywhere(name: str, request: pytest.FixtureRequest) -> None:
    org: orggraph.Org = request.getfixturevalue(name)
    expected = {
        "span_of_control": ["headcount", "direct", "direct_posts", "total", "total_posts", "staff_reports"],
        "layers": ["layer", "headcount"],
        "headcount_by_layer": ["posts", "people"],
        "span_bins": ["posts", "managers"],
        "meeting_load": ["headcount", "forums", "uncounted_meetings", "uncounted_hours", "guest_forums"],
        "forum_load": ["series", "members", "people"],
        "posts": ["headcount"],
    }
    for method, columns in expected.items():
        table = getattr(org, method)()
        for column in columns:
            assert str(table[column].dtype) == "Int64", (method, column)


def test_a_fractional_head_count_makes_the_people_columns_float_and_keeps_counts_integer() -> None:
    org = orggraph.from_dict(FTE)
    spans: Any = org.span_of_control()
    assert {str(spans[c].dtype) for c in ("headcount", "direct", "total")} == {"Float64"}
    assert {str(spans[c].dtype) for c in ("direct_posts", "total_posts")} == {"Int64"}
    assert spans.loc["boss", "direct"] == 0.5
    assert pd.isna(spans.loc["half", "direct"])  # the team's size is unknown
    assert spans.loc["half", "direct_posts"] == 1
    layers: Any = org.layers()
    assert layers["layer"].tolist() == [0, 1, 2]


def test_shares_round_in_the_display_only(example: orggraph.Org) -> None:
    bins = example.span_bins()
    assert isinstance(bins, FormattedFrame)
    assert bins["share"].tolist()[:2] == [1 / 6, 5 / 6]  # the data: every digit
    shown = repr(bins)
    assert "16.7%" in shown
    assert "0.166" not in shown
    assert "16.7%" in bins._repr_html_()
    assert "83.3%" in repr(bins.loc[["2-3"]])  # a selection keeps the display


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 10**6), st.floats(0, 1e6), st.just(float("nan")), st.none()), max_size=20))
def test_count_types_decides_the_people_dtype_as_people_dtype_does(values: list[Any]) -> None:
    frame = pd.DataFrame({"people": pd.Series(values, dtype="float64")})
    expected = people_dtype(frame["people"].tolist())
    assert str(count_types(frame, people=["people"])["people"].dtype) == expected
