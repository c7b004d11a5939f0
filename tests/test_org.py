"""The Org facade: lookups, reporting lines, collectives, serialisation, and its invariants."""

from __future__ import annotations

import unicodedata
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings

import orggraph
from orggraph import Org, UnknownNodeError
from tests.strategies import documents, reporting_trees


def test_repr_and_html(example: Org) -> None:
    assert repr(example) == "<Org 'Acme Åkande': 8 posts (14 people), 4 units, 3 forums, 3 topics>"
    html = example._repr_html_()
    assert "Acme Åkande" in html
    assert "Chair of the Board" in html


def test_html_is_escaped() -> None:
    org = orggraph.from_dict({"organisation": {"id": "x", "name": "<b>X & Y</b>"}})
    assert "<b>X" not in org._repr_html_()
    assert "&lt;b&gt;X &amp; Y&lt;/b&gt;" in org._repr_html_()


def test_graph_is_frozen(example: Org) -> None:
    with pytest.raises(nx.NetworkXError):
        example.graph.add_node("intruder")


def test_name_and_unknown_id_suggests(example: Org) -> None:
    assert example.name("cfo") == "Finance Director"
    with pytest.raises(UnknownNodeError, match=r"unknown node 'cf0' in 'Acme Åkande' \(did you mean 'cfo'\?\)"):
        example.name("cf0")
    with pytest.raises(LookupError):
        example.manager("nobody")


def test_kind_checked(example: Org) -> None:
    with pytest.raises(UnknownNodeError, match="unknown post 'board'"):
        example.manager("board")
    with pytest.raises(UnknownNodeError, match="valid kinds"):
        example.nodes("centre")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("director", ["cfo", "coo"]),
        ("Finance Director", ["cfo"]),
        ("CFO", ["cfo"]),
        ("administrerende direktoer", ["ceo"]),
        ("ADMINISTRERENDE DIREKTØR", ["ceo"]),
        ("Åse", []),  # holders are not searched: only ids, names and aliases
        ("aakande", []),  # the organisation itself is not a node
        ("budget", ["budget", "q3-budget"]),  # exact id first, then the event whose id has the word
        ("", []),
    ],
)
def test_find(example: Org, text: str, expected: list[str]) -> None:
    assert example.find(text) == expected


def test_find_exact_first_then_prefix_then_substring(example: Org) -> None:
    # "board" is the exact id of the forum; "Board of Trustees" and "Chair of the Board" contain the word.
    assert example.find("board") == ["board", "board-of-trustees", "chair"]
    assert example.find("board", kind="unit") == ["board-of-trustees"]


def test_find_danish_spellings() -> None:
    org = orggraph.loads(
        """
organisation: {id: ishoj, name: Ishøj Kommune}
posts:
  - {id: kommunaldirektoer, name: Kommunaldirektør, top: true}
  - {id: direktoer-by, name: Direktør for By og Miljø, reports_to: kommunaldirektoer}
  - {id: aarhus, name: Århus-chef, reports_to: kommunaldirektoer}
""",
        name="t.yaml",
    )
    assert org.find("direktoer") == ["direktoer-by", "kommunaldirektoer"]
    assert org.find("direktor") == org.find("DIREKTØR") == org.find("direktoer")
    assert org.find("Aarhus-chef") == org.find("arhus chef") == ["aarhus"]
    nfd = unicodedata.normalize("NFD", "Direktør for By og Miljø")
    assert org.find(nfd) == ["direktoer-by"]


def test_resolve(example: Org) -> None:
    assert example.resolve("cfo") == "cfo"
    assert example.resolve("Recruitment", kind="topic") == "hiring"
    with pytest.raises(UnknownNodeError, match="ambiguous") as error:
        example.resolve("director")
    assert error.value.candidates == ["cfo", "coo"]
    with pytest.raises(UnknownNodeError, match=r"unknown topic 'hirng'.*did you mean 'hiring'"):
        example.resolve("hirng", kind="topic")


def test_reporting_lines(example: Org) -> None:
    assert example.manager("technician") == "site-lead"
    assert example.manager("chair") is None
    assert example.direct_reports("ceo") == ["assistant", "cfo", "coo"]
    assert example.direct_reports("technician") == []
    assert example.chain_of_command("technician") == ["site-lead", "coo", "ceo", "chair"]
    assert example.chain_of_command("chair") == []
    assert example.roots() == ["chair"]


def test_manager_documented_only_as_a_body() -> None:
    org = orggraph.loads(
        """
organisation: {id: x, name: X}
units:
  - {id: direktionen, name: Direktionen, kind: executive_board}
posts:
  - {id: direktoer, name: Direktør, unit: direktionen, headcount: 3, top: true}
  - {id: centerchef, name: Centerchef, headcount: 9, reports_to: direktionen}
""",
        name="t.yaml",
    )
    assert org.manager("centerchef") == "direktionen"
    assert org.chain_of_command("centerchef") == ["direktionen"]
    assert org.direct_reports("direktionen") == ["centerchef"]
    assert org.graph.edges["centerchef", "direktionen", "reports_to"]["body"] is True
    assert org.headcount("direktionen") == 3


def test_members_expand_groups_units_and_rules(example: Org) -> None:
    assert example.members("management") == ["ceo", "cfo", "coo"]
    assert example.members("board") == ["ceo", "cfo", "coo"]
    assert example.members("operations") == ["coo", "site-lead", "technician"]
    assert example.members("hq") == ["ceo", "assistant", "cfo", "accountant", "coo", "site-lead", "technician"]
    assert example.graph.edges["cfo", "management", "member_of"]["via"] == "rule"
    assert example.graph.edges["ceo", "management", "member_of"]["via"] == "list"


def test_forums_and_roles(example: Org) -> None:
    assert example.forums_of("cfo") == ["board", "all-hands"]
    assert example.forums_of("chair") == ["board"]
    assert example.forum_roles("chair") == {"board": ["guest"]}
    assert example.forum_roles("ceo") == {
        "board": ["member", "chair", "owner"],
        "all-hands": ["member", "rotating chair"],
    }
    assert example.chairs("all-hands") == ["ceo", "cfo", "coo"]
    assert example.chairs("ops-huddle") == []


def test_headcount(example: Org) -> None:
    assert example.headcount("accountant") == 3
    assert example.headcount("finance") == 4
    assert example.headcount("board") == 3


def test_headcount_unknown_propagates() -> None:
    org = orggraph.from_dict(
        {
            "organisation": {"id": "x", "name": "X"},
            "posts": [
                {"id": "a", "name": "A", "headcount": "unknown", "top": True},
                {"id": "b", "name": "B", "top": True},
            ],
            "groups": [{"id": "g", "name": "G", "members": ["a", "b"]}],
        }
    )
    assert org.headcount("a") is None
    assert org.headcount("g") is None
    assert "1 people + 1 post of unknown size" in repr(org)


def test_cite(example: Org) -> None:
    assert example.cite("ceo") == "Acme staff handbook, 1. Structure: 'The Chief Executive answers to the Chair.'"
    assert example.cite("chair") == "Acme staff handbook, 1. Structure"


def test_summary(example: Org) -> None:
    text = example.summary()
    assert text.splitlines()[:3] == [
        "Acme Åkande",
        "  8 posts (14 people), 4 units, 1 groups, 3 forums, 3 topics, 2 decision rules",
        "  top: Chair of the Board",
    ]
    assert "    Management Meeting: 3 posts, 3 people" in text


def test_yaml_round_trip_keeps_danish_letters(example: Org, tmp_path: Any) -> None:
    path = tmp_path / "acme.yaml"
    text = example.to_yaml(path)
    assert "Åse Øberg" in text
    assert orggraph.load(path) == example


@settings(max_examples=60, deadline=None)
@given(documents())
def test_dict_round_trip_gives_an_equal_graph(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    again = orggraph.from_dict(org.to_dict())
    assert again == org
    assert nx.utils.graphs_equal(again.graph, org.graph)
    assert sorted(again.graph.edges(keys=True)) == sorted(org.graph.edges(keys=True))


@settings(max_examples=80, deadline=None)
@given(reporting_trees(max_posts=40))
def test_chains_end_at_a_root_and_reports_add_up(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    posts = org.nodes("post")
    roots = set(org.roots())
    for post in posts:
        chain = org.chain_of_command(post)
        top = chain[-1] if chain else post
        assert top in roots
        assert len(chain) == len(set(chain))
    assert sum(len(org.direct_reports(p)) for p in posts) == len(posts) - len(roots)


def test_persons_count_as_one_person_each() -> None:
    org = orggraph.from_dict(
        {
            "organisation": {"id": "parl", "name": "Parliament"},
            "people": [{"id": "a", "name": "Áine"}, {"id": "b", "name": "Bo"}],
            "groups": [{"id": "house", "name": "House", "kind": "political_body"}],
            "memberships": [{"person": "a", "organisation": "house"}, {"person": "b", "organisation": "house"}],
        }
    )
    assert org.members("house") == ["a", "b"]
    assert org.headcount("a") == 1
    assert org.headcount("house") == 2
    assert repr(org) == "<Org 'Parliament': 0 posts (0 people), 2 persons, 1 groups, 0 units, 0 forums, 0 topics>"


def test_summary_lists_posts_whose_manager_is_not_documented_apart(roskilde: Org) -> None:
    # "udenfor linieorganisationen": the Udviklingsforum employees' line managers are not named.
    lines = roskilde.summary().splitlines()
    assert lines[2:4] == ["  top: Kommunaldirektør", "  manager not documented: Medarbejder i Udviklingsforum"]
    assert "Manager not documented: Medarbejder i Udviklingsforum" in roskilde._repr_html_()
    assert "udviklingsforum-medarbejder" in roskilde.roots()


def test_summary_counts_forum_posts_of_unknown_size(roskilde: Org) -> None:
    # Chefforum: the direktion (kommunaldirektør and 3 directors, each a post) and the afdelingschefer,
    # whose number the memo does not give.
    assert "    Chefforum: 5 posts, 4 people + 1 post of unknown size" in roskilde.summary().splitlines()


def test_an_org_cannot_be_built_from_a_document_with_broken_references() -> None:
    # Issue 13: Org(Document.model_validate(...)) with an unknown reports_to gave KeyError None from repr.
    from orggraph.errors import OrgDataError
    from orggraph.schema import Document

    document = Document.model_validate(
        {
            "organisation": {"id": "x", "name": "X"},
            "posts": [{"id": "a", "name": "A", "top": True}, {"id": "b", "name": "B", "reports_to": "nobody"}],
        }
    )
    with pytest.raises(OrgDataError) as caught:
        orggraph.Org(document)
    assert [str(problem) for problem in caught.value.problems] == [
        "<document>: posts[1].reports_to: unknown post 'nobody' (expected the id of a post, unit or group)"
    ]
    sound = Document.model_validate({"organisation": {"id": "x", "name": "X"}, "posts": [{"id": "a", "name": "A"}]})
    assert orggraph.Org(sound).document == sound
