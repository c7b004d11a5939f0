"""``path`` through lines the documents leave open: a candidate manager's line is a step, marked uncertain.

The rule (orggraph.structure.path): fewest steps; of those, fewest uncertain steps; of those, fewest forums.
"""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.structure import path, reach_graph

OPEN = """
organisation: {id: t, name: T}
posts:
  - {id: top, name: Top, top: true}
  - {id: a, name: A, reports_to: top}
  - {id: b, name: B, reports_to: top}
  - {id: x, name: X, reports_to_one_of: [a, b]}
  - {id: y, name: Y, reports_to: x}
forums:
  - {id: huddle, name: Huddle, members: [b, y]}
  - id: area
    name: Area
    for_each: {holders: [a, b]}
"""


def steps(found: list[Any] | None) -> list[tuple[str, str, bool]]:
    assert found is not None
    return [(s.node, s.via, s.certain) for s in found]


def test_a_candidate_line_is_a_step_marked_uncertain() -> None:
    org = orggraph.loads(OPEN)
    # without the candidate line x reaches a only through y's forum with b, and b's line to top: 4 steps;
    # through the line "x may report to a" it is 1, and the step says that it may
    assert steps(path(org, "x", "a")) == [("x", "start", True), ("a", "candidate manager", False)]
    assert steps(path(org, "a", "x")) == [("a", "start", True), ("x", "candidate report", False)]
    # y -> x (y's manager) is documented, x -> a is not
    assert steps(path(org, "y", "a")) == [
        ("y", "start", True),
        ("x", "manager", True),
        ("a", "candidate manager", False),
    ]


def test_a_documented_path_wins_when_equally_short() -> None:
    org = orggraph.loads(OPEN)
    # y to b: one forum step (y and b meet in the huddle, documented) or two lines, one uncertain (y -> x -> b):
    # the forum step is shorter anyway. x to b: one uncertain line; or x's area series... x sits in area/b only
    # when b is the manager: the candidate line is as uncertain and shorter than the series (two half-steps).
    assert steps(path(org, "y", "b")) == [("y", "start", True), ("huddle", "forum", True), ("b", "participant", True)]
    assert steps(path(org, "x", "b")) == [("x", "start", True), ("b", "candidate manager", False)]


def test_a_possible_place_in_a_series_is_an_uncertain_step() -> None:
    org = orggraph.loads(OPEN)
    H = reach_graph(org)
    H.remove_edges_from([("x", "a"), ("x", "b")])  # only the per-area series join x to the directors now
    assert steps(path(org, "x", "a", graph=H)) == [
        ("x", "start", True),
        ("area/a", "possible forum", False),
        ("a", "participant", True),
    ]
    assert H.edges["a", "area/a"]["certain"] is True  # the holder sits in its series in every reading
    assert H.edges["x", "area/a"]["certain"] is False


def test_roskilde_prefers_the_documented_forum_to_the_open_line(roskilde: orggraph.Org) -> None:
    # "direktøren ansætter afdelingschefer": the afdelingschef reports to one of three directors (not said which).
    # Both the line to director 2 and Chefforum (which both sit in) are one step: the documented forum is taken.
    found = steps(path(roskilde, "afdelingschef", "direktoer-omraade-2"))
    assert found == [
        ("afdelingschef", "start", True),
        ("chefforum", "forum", True),
        ("direktoer-omraade-2", "participant", True),
    ]


def test_roskilde_without_forums_goes_through_the_open_line(roskilde: orggraph.Org) -> None:
    # Lines only: the afsnitsleder reports to the afdelingschef (documented), who reports to one of the directors.
    H = reach_graph(roskilde)
    H.remove_nodes_from(roskilde.nodes("forum"))
    found = steps(path(roskilde, "afsnitsleder", "direktoer-omraade-2", graph=H))
    assert found == [
        ("afsnitsleder", "start", True),
        ("afdelingschef", "manager", True),
        ("direktoer-omraade-2", "candidate manager", False),
    ]


@st.composite
def open_trees(draw: st.DrawFn) -> dict[str, Any]:
    """Posts p0..pn, each with a manager among the earlier ones, candidates (two or three), or none."""
    n = draw(st.integers(2, 9))
    posts: list[dict[str, Any]] = []
    for i in range(n):
        post: dict[str, Any] = {"id": f"p{i}", "name": f"P{i}"}
        kind = draw(st.sampled_from(["top", "line", "one_of"])) if i else "top"
        if kind == "one_of" and i >= 2:
            post["reports_to_one_of"] = draw(st.permutations([f"p{j}" for j in range(i)]))[: draw(st.integers(2, 2))]
        elif kind != "top":
            post["reports_to"] = f"p{draw(st.integers(0, i - 1))}"
        else:
            post["top"] = True
        posts.append(post)
    return {"organisation": {"id": "r", "name": "R"}, "posts": posts}


@settings(max_examples=60, deadline=None)
@given(open_trees())
def test_paths_are_shortest_and_uncertain_only_where_needed(data: dict[str, Any]) -> None:
    # Against networkx on two plain graphs: every line, and documented lines only. The path has as many steps as
    # the shortest over every line; it uses an open line only when no documented path is that short; every step
    # is an edge of the kind it says.
    org = orggraph.from_dict(data)
    every, documented = nx.Graph(), nx.Graph()
    every.add_nodes_from(org.nodes("post"))
    documented.add_nodes_from(org.nodes("post"))
    open_lines = set()
    for post in data["posts"]:
        if "reports_to" in post:
            every.add_edge(post["id"], post["reports_to"])
            documented.add_edge(post["id"], post["reports_to"])
        for candidate in post.get("reports_to_one_of", ()):
            every.add_edge(post["id"], candidate)
            open_lines.add(frozenset((post["id"], candidate)))
    for a, b in itertools.permutations(org.nodes("post"), 2):
        found = path(org, a, b)
        if not nx.has_path(every, a, b):
            assert found is None
            continue
        assert found is not None
        shortest = nx.shortest_path_length(every, a, b)
        assert len(found) - 1 == shortest
        certain = nx.has_path(documented, a, b) and nx.shortest_path_length(documented, a, b) == shortest
        assert all(s.certain for s in found) == certain
        for before, step in itertools.pairwise(found):
            assert (frozenset((before.node, step.node)) in open_lines) == (not step.certain)
            assert step.via in (("manager", "report") if step.certain else ("candidate manager", "candidate report"))
