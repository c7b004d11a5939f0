"""Candidate managers (``reports_to_one_of``): the format, the graph, and the hierarchy index.

Every answer about the reporting structure must hold in every reading of the
documents (each post with candidates given any one of them): the property tests
enumerate those readings and compare.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.errors import EditError, NotDocumentedError, OrgDataError
from orggraph.hierarchy import Hierarchy, hierarchy
from orggraph.scenario import Move, Remove
from tests.strategies import readings as each_reading

ORG = {"id": "tiny", "name": "Tiny"}


def doc(*posts: dict[str, Any]) -> dict[str, Any]:
    return {"organisation": ORG, "posts": list(posts)}


CENTRES = doc(
    {"id": "boss", "name": "Boss", "top": True},
    {"id": "a", "name": "Director A", "reports_to": "boss"},
    {"id": "b", "name": "Director B", "reports_to": "boss"},
    {"id": "head", "name": "Centre head", "reports_to_one_of": ["a", "b"], "headcount": 9},
    {"id": "staff", "name": "Centre staff", "reports_to": "head", "headcount": 40},
)


def messages(data: dict[str, Any]) -> list[str]:
    """The problems the loader reports, as ``path: message``."""
    try:
        orggraph.from_dict(data)
    except OrgDataError as error:
        return [f"{problem.path}: {problem.message}" for problem in error.problems]
    return []


def test_the_graph_carries_one_candidate_edge_per_candidate() -> None:
    G = orggraph.from_dict(CENTRES).graph
    edges = [(u, v, d["of"]) for u, v, k, d in G.edges(keys=True, data=True) if k == "candidate_manager"]
    assert edges == [("head", "a", 2), ("head", "b", 2)]
    assert not G.has_edge("head", "a", "reports_to")


def test_the_org_answers_what_is_documented_and_what_is_possible() -> None:
    org = orggraph.from_dict(CENTRES)
    assert org.manager("head") is None
    assert org.candidate_managers("head") == ["a", "b"]
    assert org.roots() == ["boss"]  # the centre head is not a top
    assert org.chain_of_command("staff") == ["head", "boss"]
    assert org.chain_of_command("staff", possible=True) == ["head", "a", "b", "boss"]
    assert org.direct_reports("a") == []
    assert org.direct_reports("a", possible=True) == ["head"]


def test_a_candidate_above_the_other_candidates_is_a_certain_superior() -> None:
    data = doc(
        {"id": "boss", "name": "Boss", "top": True},
        {"id": "a", "name": "A", "reports_to": "boss"},
        {"id": "x", "name": "X", "reports_to_one_of": ["a", "boss"]},
    )
    assert orggraph.from_dict(data).chain_of_command("x") == ["boss"]


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        (
            {"id": "x", "name": "X", "reports_to": "a", "reports_to_one_of": ["a", "b"]},
            "posts[1].reports_to_one_of: post 'x' has 'reports_to_one_of' and 'reports_to'",
        ),
        (
            {"id": "x", "name": "X", "top": True, "reports_to_one_of": ["a", "b"]},
            "posts[1].reports_to_one_of: post 'x' has 'reports_to_one_of' and 'top'",
        ),
        (
            {"id": "x", "name": "X", "reports_to_one_of": ["a"]},
            "posts[1].reports_to_one_of: post 'x' reports to one of 1 distinct post(s)",
        ),
        (
            {"id": "x", "name": "X", "reports_to_one_of": ["a", "a", "b"]},
            "posts[1].reports_to_one_of: post 'x' names 'a' twice",
        ),
        (
            {"id": "x", "name": "X", "reports_to_one_of": ["a", "x"]},
            "posts[1].reports_to_one_of: post 'x' names itself as a candidate manager",
        ),
    ],
)
def test_a_wrong_candidate_list_is_a_located_problem(post: dict[str, Any], expected: str) -> None:
    data = doc(post, {"id": "a", "name": "A", "top": True}, {"id": "b", "name": "B", "top": True})
    data["posts"].insert(0, data["posts"].pop(1))  # a first, then x
    assert expected in messages(data)


def test_a_candidate_below_its_post_is_a_cycle() -> None:
    data = doc(
        {"id": "boss", "name": "Boss", "top": True},
        {"id": "a", "name": "A", "reports_to_one_of": ["boss", "c"]},
        {"id": "c", "name": "C", "reports_to": "a"},
    )
    cycle = "posts[1].reports_to_one_of: a candidate manager makes a reporting line cycle: a -> c -> a"
    assert messages(data) == [cycle]
    with pytest.raises(OrgDataError, match="candidate manager makes a reporting line cycle"):
        orggraph.from_dict(data)


def test_an_unknown_candidate_is_named() -> None:
    data = doc({"id": "a", "name": "A", "top": True}, {"id": "x", "name": "X", "reports_to_one_of": ["a", "zz"]})
    assert any("unknown post 'zz'" in m for m in messages(data))


# -- every reading of the documents -----------------------------------------------------------------


@st.composite
def uncertain_documents(draw: st.DrawFn, max_posts: int = 9) -> dict[str, Any]:
    """A random reporting forest over posts p0..pn where some posts name two or three candidate managers.

    Managers come from earlier posts only, so no reading has a cycle; at most
    three posts have candidates, so the readings can be enumerated.
    """
    n = draw(st.integers(1, max_posts))
    posts: list[dict[str, Any]] = []
    uncertain = 0
    for i in range(n):
        post: dict[str, Any] = {"id": f"p{i}", "name": f"Post {i}", "headcount": draw(st.integers(1, 4))}
        choice = draw(st.sampled_from(["top", "line", "one_of"])) if i else "top"
        if choice == "one_of" and i >= 2 and uncertain < 3:
            size = draw(st.integers(2, min(3, i)))
            post["reports_to_one_of"] = draw(st.permutations([f"p{j}" for j in range(i)]))[:size]
            uncertain += 1
        elif choice != "top":
            post["reports_to"] = f"p{draw(st.integers(0, i - 1))}"
        else:
            post["top"] = True
        if draw(st.booleans()) and i:
            post["staff"] = True
        posts.append(post)
    return doc(*posts)


def readings(data: dict[str, Any]) -> list[orggraph.Org]:
    """The organisation once for each reading of its candidate managers (:func:`tests.strategies.readings`)."""
    return [orggraph.from_dict(reading) for reading in each_reading(data)]


@settings(max_examples=60, deadline=None)
@given(uncertain_documents())
def test_certain_superiors_are_those_of_every_reading_and_possible_those_of_some(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    worlds = readings(data)
    for post in org.nodes("post"):
        chains = [set(world.chain_of_command(post)) for world in worlds]
        assert set(org.chain_of_command(post)) == set.intersection(*chains)
        assert set(org.chain_of_command(post, possible=True)) == set.union(*chains)


def test_the_index_is_made_once_per_organisation() -> None:
    org = orggraph.from_dict(CENTRES)
    assert hierarchy(org) is hierarchy(org)
    assert isinstance(hierarchy(org), Hierarchy)


# -- metrics: a range that holds every reading ------------------------------------------------------


def test_a_director_who_may_manage_the_centre_heads_has_a_range_not_zero() -> None:
    spans = orggraph.from_dict(CENTRES).span_of_control()
    a = spans.loc["a"]
    assert pd.isna(a["direct"])
    assert pd.isna(a["total"])
    assert (a["direct_min"], a["direct_max"], a["total_min"], a["total_max"]) == (0, 9, 0, 49)
    assert a["manages"] == "unknown"
    assert a["uncertainty"] == "the manager of Centre head (head) is one of several"
    boss = spans.loc["boss"]  # every reading puts all 51 people below the boss, through a or b
    assert (boss["direct"], boss["total"], boss["total_min"], boss["total_max"]) == (2, 51, 51, 51)
    assert boss["manages"] == "managers"


def test_the_layer_of_a_post_below_candidates_on_different_layers_is_a_range() -> None:
    data = doc(
        {"id": "boss", "name": "Boss", "top": True},
        {"id": "a", "name": "A", "reports_to": "boss"},
        {"id": "x", "name": "X", "reports_to_one_of": ["a", "boss"]},
        {"id": "y", "name": "Y", "reports_to": "x"},
    )
    table = orggraph.from_dict(data).layers()
    assert table["layer_min"].tolist() == [0, 1, 1, 2]
    assert table["layer_max"].tolist() == [0, 1, 2, 3]
    assert table["layer"].isna().tolist() == [False, False, True, True]


def column(frame: pd.DataFrame, name: str) -> dict[str, float]:
    """A column as floats by post id, NaN for ``<NA>``."""
    return {str(k): math.nan if pd.isna(v) else float(v) for k, v in frame[name].to_dict().items()}


@settings(max_examples=60, deadline=None)
@given(uncertain_documents())
def test_every_reading_lies_inside_the_reported_span_and_layer_ranges(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    spans, layers = org.span_of_control(), org.layers()
    worlds = [(world.span_of_control(), world.layers()) for world in readings(data)]
    for exact, low, high in (("direct", "direct_min", "direct_max"), ("total", "total_min", "total_max")):
        reported = column(spans, exact)
        lows, highs = column(spans, low), column(spans, high)
        values = [column(world_spans, exact) for world_spans, _ in worlds]
        for post in org.nodes("post"):
            seen = [world[post] for world in values]
            assert lows[post] <= min(seen)
            assert max(seen) == highs[post]  # the high end is reached by some reading
            if len(set(seen)) == 1:
                assert reported[post] == seen[0]
            else:
                assert math.isnan(reported[post])  # never a tidy number when the readings differ
        if exact == "direct":
            assert all(lows[p] == min(world[p] for world in values) for p in org.nodes("post"))
    lowest, highest = column(layers, "layer_min"), column(layers, "layer_max")
    depths = [column(world_layers, "layer") for _, world_layers in worlds]
    for post in org.nodes("post"):
        seen = [world[post] for world in depths]
        assert (lowest[post], highest[post]) == (min(seen), max(seen))


def test_the_common_superior_is_not_documented_when_readings_disagree() -> None:
    org = orggraph.from_dict(CENTRES)
    assert org.common_superior("staff", "head") == "head"
    assert org.common_superior("head", "boss") == "boss"
    with pytest.raises(NotDocumentedError, match="it is one of 'a', 'boss'") as caught:
        org.common_superior("head", "a")
    assert caught.value.candidates == ["a", "boss"]


@settings(max_examples=40, deadline=None)
@given(uncertain_documents(max_posts=6))
def test_a_common_superior_given_is_the_one_of_every_reading(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    worlds = readings(data)
    for a, b in itertools.combinations(org.nodes("post"), 2):
        answers = {world.common_superior(a, b) for world in worlds}
        if len(answers) == 1:
            assert org.common_superior(a, b) == answers.pop()
        else:
            with pytest.raises(NotDocumentedError) as caught:
                org.common_superior(a, b)
            assert set(caught.value.candidates) == answers - {None}


def test_removing_a_candidate_hands_its_place_to_its_manager() -> None:
    org = orggraph.from_dict(CENTRES)
    after = org.apply(Remove("a"))
    # the centre head reported to a or b; with a gone, a's manager (boss) takes its place among the candidates
    assert after.candidate_managers("head") == ["boss", "b"]
    only_b = after.apply(Remove("b"))
    assert only_b.manager("head") == "boss"  # both candidates gone: boss twice is one manager
    assert only_b.candidate_managers("head") == []


def test_a_move_below_a_possible_report_is_refused_and_a_move_settles_the_manager() -> None:
    org = orggraph.from_dict(CENTRES)
    with pytest.raises(EditError, match="would make a reporting cycle"):
        org.apply(Move("a", "staff"))  # in one reading staff is below a
    moved = org.apply(Move("head", "b"))
    assert (moved.manager("head"), moved.candidate_managers("head")) == ("b", [])
    with pytest.raises(EditError, match="its manager is one of a, b, not documented which"):
        org.apply(Remove("head"))


def test_candidate_managers_survive_saving_and_exports(tmp_path: Path) -> None:
    org = orggraph.from_dict(CENTRES)
    org.to_yaml(tmp_path / "centres.yaml")
    assert orggraph.load(tmp_path / "centres.yaml").candidate_managers("head") == ["a", "b"]
    org.to_turtle(tmp_path / "centres.ttl")
    turtle = (tmp_path / "centres.ttl").read_text(encoding="utf-8")
    head = turtle[turtle.index("data:head a org:Post") :].split(" .\n", 1)[0]
    assert "og:mayReportTo data:a,\n        data:b" in head
    assert "org:reportsTo" not in head


def test_the_posts_table_names_the_candidates() -> None:
    table = orggraph.from_dict(CENTRES).posts()
    assert table.loc["head", "manager_one_of"] == "a; b"
    assert table["manager"].isna().tolist() == [True, False, False, True, False]


def test_the_chart_hangs_a_post_from_its_first_candidate_and_says_so() -> None:
    from orggraph.render.chart import _legend_entries
    from orggraph.render.tree import chart_tree

    tree = chart_tree(orggraph.from_dict(CENTRES))
    assert (tree.children["a"], tree.style["head"]) == (["head"], "candidate")
    assert tree.secondary == [("head", "b", "candidate_manager")]
    assert ("candidate", "reports to one of these (which one is not documented)") in _legend_entries(tree, {})


def test_mermaid_draws_one_of_arrows_from_each_candidate() -> None:
    text = orggraph.from_dict(CENTRES).to_mermaid()
    assert "    n_a -.->|one of| n_head\n    n_b -.->|one of| n_head\n" in text
    assert "n_head --> n_staff" in text


@settings(max_examples=40, deadline=None)
@given(uncertain_documents())
def test_a_reporting_to_rule_takes_the_posts_below_in_every_reading(data: dict[str, Any]) -> None:
    from orggraph.graph import rule_members
    from orggraph.schema import GroupRule

    org = orggraph.from_dict(data)
    for superior in org.nodes("post"):
        expected = [p for p in org.nodes("post") if superior in org.chain_of_command(p)]
        assert rule_members(org.graph, GroupRule(reporting_to=superior)) == expected


@settings(max_examples=40, deadline=None)
@given(uncertain_documents(max_posts=6), st.data())
def test_an_escalation_path_given_is_the_path_of_every_reading(data: dict[str, Any], draw: st.DataObject) -> None:
    # one topic decided by a random post: the path from each post is the same in every reading, or not documented
    holder = draw.draw(st.sampled_from([p["id"] for p in data["posts"]]))
    data = {**data, "topics": [{"id": "t", "name": "T", "roles": [{"role": "decides", "holder": holder}]}]}
    org = orggraph.from_dict(data)
    worlds = readings(data)
    for post in org.nodes("post"):
        paths = {tuple(world.escalation_path(post, "t")) for world in worlds}
        if len(paths) == 1:
            assert tuple(org.escalation_path(post, "t")) == paths.pop()
        else:
            with pytest.raises(NotDocumentedError) as caught:
                org.escalation_path(post, "t")
            assert set(caught.value.candidates) == {path[-1] for path in paths}
