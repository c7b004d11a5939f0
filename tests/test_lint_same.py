"""Lint's reporting checks find exactly what their earlier, heavier version found.

``tests/lint_reference.py`` is a frozen copy of the checks before they were
rebuilt (issue 18) to read the hierarchy index in one pass instead of a list
of managers per post, a tour of the post forest on every run and every edge
of the graph for cycles. The property test builds random organisations
through the unchecked path (cycles of reporting lines and of unit nesting,
managers that are units, candidates, unit heads anywhere, posts marked top or
``manager_unknown``) and, on some, adds a second reporting line by hand; every
finding must be the same, in the same order. The cycle findings came in the
order of networkx's strongly connected components, so they are compared as a
multiset, and the rebuilt ones must come in the data's order.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph import Org
from orggraph.hierarchy import hierarchy
from orggraph.lint import Finding, _Context, _reporting_checks
from orggraph.schema import Document
from tests import lint_reference


@st.composite
def organisations(draw: st.DrawFn) -> Org:
    """A document read without its checks (so with cycles); sometimes a post given a second line by hand."""
    size = draw(st.integers(min_value=1, max_value=12))
    unit_count = draw(st.integers(min_value=0, max_value=4))
    posts = [f"p{i}" for i in range(size)]
    units = [f"u{i}" for i in range(unit_count)]
    document: dict[str, Any] = {
        "organisation": {"id": "random", "name": "Random"},
        "units": [{"id": unit, "name": unit.upper()} for unit in units],
        "posts": [],
    }
    for unit in document["units"]:
        parent = draw(st.none() | st.sampled_from(units)) if units else None
        if parent is not None:
            unit["parent"] = parent
        head = draw(st.none() | st.sampled_from(posts))
        if head is not None:
            unit["head"] = head
    for ident in posts:
        post: dict[str, Any] = {"id": ident, "name": ident.upper()}
        how = draw(st.sampled_from(["post", "post", "post", "body", "candidates", "top", "unknown", "none"]))
        if how == "post":
            post["reports_to"] = draw(st.sampled_from(posts))
        elif how == "body" and units:
            post["reports_to"] = draw(st.sampled_from(units))
        elif how == "candidates" and size > 1:
            post["reports_to_one_of"] = draw(st.lists(st.sampled_from(posts), min_size=2, max_size=2, unique=True))
        elif how == "top":
            post["top"] = True
        elif how == "unknown":
            post["manager_unknown"] = True
        in_unit: bool = draw(st.booleans())
        if units and in_unit:
            post["unit"] = draw(st.sampled_from(units))
        document["posts"].append(post)
    org = Org._checked(Document.model_validate(document))
    if draw(st.booleans()):
        G = nx.MultiDiGraph(org.graph)
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            G.add_edge(draw(st.sampled_from(posts)), draw(st.sampled_from(posts + units)), "reports_to",
                       kind="reports_to", source=None, body=False)  # fmt: skip
        org = Org._of_graph(G)
    return org


def _positions(org: Org) -> dict[str, int]:
    return {node: i for i, node in enumerate(org.graph)}


def _split(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    cycles = [f for f in findings if f.code == "OG305"]
    return [f for f in findings if f.code != "OG305"], cycles


@settings(max_examples=300, deadline=None)
@given(org=organisations())
def test_the_reporting_checks_find_what_they_found_before(org: Org) -> None:
    after, after_cycles = _split(list(_reporting_checks(_Context(org))))
    before, before_cycles = _split(list(lint_reference._reporting_checks(_Context(org))))
    assert after == before
    assert sorted(after_cycles, key=str) == sorted(before_cycles, key=str)
    position = _positions(org)
    starts = [position[f.nodes[0]] for f in after_cycles]
    assert starts == sorted(starts)  # in the data's order
    if not hierarchy(org).several:  # with several lines a post's component may hold cycles that miss its first node
        assert all(position[f.nodes[0]] == min(position[n] for n in f.nodes) for f in after_cycles)


def test_a_reporting_cycle_and_a_unit_cycle_are_each_found_once_in_data_order() -> None:
    document = {
        "organisation": {"id": "c", "name": "C"},
        "units": [{"id": "u1", "name": "U1", "parent": "u2"}, {"id": "u2", "name": "U2", "parent": "u1"}],
        "posts": [
            {"id": "a", "name": "A", "reports_to": "b"},
            {"id": "b", "name": "B", "reports_to": "a"},
            {"id": "c", "name": "C", "reports_to": "c"},
        ],
    }
    org = Org._checked(Document.model_validate(document))
    messages = [f.message for f in _reporting_checks(_Context(org)) if f.code == "OG305"]
    assert messages == [  # the units come first in the graph's order
        "unit nesting cycle u1 → u2 → u1; break it by pointing one of them elsewhere",
        "reporting cycle a → b → a; break it by pointing one of them elsewhere",
        "reporting cycle c → c; break it by pointing one of them elsewhere",
    ]
