"""Brokerage on the combined reporting + forum graph: hand-computed paths and the seeds."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings

import orggraph
from orggraph import Org
from orggraph.network import brokerage, brokerage_graph
from tests.strategies import documents

# a ── b ── forum f ── d ── c : a path of five nodes; b and d are in different units and meet only in f.
PATH = """
organisation: {id: p, name: Sti}
units:
  - {id: u1, name: Enhed 1}
  - {id: u2, name: Enhed 2}
posts:
  - {id: a, name: A, unit: u1, top: true}
  - {id: b, name: B, unit: u1, reports_to: a}
  - {id: c, name: C, unit: u2, top: true}
  - {id: d, name: D, unit: u2, reports_to: c}
forums:
  - {id: f, name: Forum, members: [b, d]}
"""


@pytest.fixture(scope="module")
def path_org() -> Org:
    return orggraph.loads(PATH)


def test_graph_joins_reporting_lines_and_forums(path_org: Org) -> None:
    H = brokerage_graph(path_org)
    assert sorted(H.edges()) == sorted([("a", "b"), ("b", "f"), ("d", "f"), ("c", "d")])
    assert H.nodes["f"]["kind"] == "forum"
    assert H.edges["b", "f"]["roles"] == ("member",)


def test_betweenness_and_cut_points_by_hand(path_org: Org) -> None:
    table: Any = brokerage(path_org)
    # On a path of 5 nodes, normalised by (n-1)(n-2)/2 = 6 pairs: b lies on a-f, a-d, a-c (3/6);
    # d on c-f, c-b, c-a (3/6); the forum f on 4 of 6 but is not a post.
    assert table.loc["b", "betweenness"] == pytest.approx(0.5)
    assert table.loc["d", "betweenness"] == pytest.approx(0.5)
    assert table.loc[["a", "c"], "betweenness"].tolist() == [0.0, 0.0]
    assert table.index.tolist()[:2] == ["b", "d"]
    assert table["cut_point"].to_dict() == {"b": True, "d": True, "a": False, "c": False}
    # b meets d's unit in the forum; a reaches only its own unit
    assert table["units_linked"].to_dict() == {"b": 1, "d": 1, "a": 0, "c": 0}
    assert table.loc["b", ["degree", "forums", "unit"]].tolist() == [2, 1, "u1"]


def test_a_body_manager_links_to_its_members() -> None:
    org = orggraph.loads("""
organisation: {id: b, name: B}
units: [{id: board, name: Direktionen}]
posts:
  - {id: d1, name: D1, unit: board, top: true}
  - {id: d2, name: D2, unit: board, top: true}
  - {id: chief, name: Centerchef, reports_to: board}
""")
    H = brokerage_graph(org)
    assert set(H.neighbors("board")) == {"d1", "d2", "chief"}
    assert H.edges["d1", "board"]["kind"] == "member_of"
    table: Any = brokerage(org)
    assert table["units_linked"].to_dict() == {"d1": 0, "d2": 0, "chief": 1}


def test_guests_can_be_left_out(example: Org) -> None:
    assert brokerage_graph(example).has_edge("chair", "board")
    H = brokerage_graph(example, include_guests=False)
    assert not H.has_edge("chair", "board")
    assert H.has_edge("chair", "ceo")


def test_sampled_betweenness_is_reproducible(roskilde: Org) -> None:
    first: Any = brokerage(roskilde, k=5, seed=1)["betweenness"]
    assert first.equals(brokerage(roskilde, k=5, seed=1)["betweenness"])


def test_roskilde_brokers(roskilde: Org) -> None:
    table: Any = brokerage(roskilde)
    # the afdelingschefer sit in Chefforum and Lederforum and manage afsnit, institutions and employees:
    # they link the most in every reading of their line to "one of the directors" ("direktøren ansætter
    # afdelingschefer"): the highest betweenness_low; a director whose area they may be in may link more in one
    assert table["betweenness_low"].idxmax() == "afdelingschef"
    assert table.loc["afdelingschef", "betweenness_low"] > table.drop(index="afdelingschef")["betweenness_low"].max()
    assert table.loc["afdelingschef", "cut_point"]
    assert table.loc["direktoer-omraade-2", "betweenness_high"] > table.loc["direktoer-omraade-2", "betweenness_low"]
    # the ca. 20 Udviklingsforum employees meet only in their own, leader-free forum
    assert table.loc["udviklingsforum-medarbejder", ["betweenness", "forums"]].tolist() == [0.0, 1]


@settings(max_examples=40, deadline=None)
@given(documents(max_posts=15))
def test_betweenness_matches_networkx_on_the_documented_graph(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    H = brokerage_graph(org)
    table: Any = brokerage(org)
    assert set(table.index) == set(org.nodes("post"))
    expected = nx.betweenness_centrality(H) if H.number_of_nodes() > 2 else dict.fromkeys(H, 0.0)
    for post in org.nodes("post"):
        assert table.loc[post, "betweenness"] == pytest.approx(expected[post])
        assert table.loc[post, "degree"] == H.degree(post)
