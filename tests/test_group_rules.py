"""Group membership rules: ``reporting_to`` selects the posts whose chain of command passes a post."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import Org
from orggraph.graph import rule_members
from orggraph.schema import GroupRule
from tests.strategies import reporting_trees


def test_reporting_to_on_the_example() -> None:
    # example.yaml: the Site Lead reports to the Operations Director, the Technician to the Site Lead; the
    # Finance side (cfo, accountant) and the assistant report to the Chief Executive beside the coo
    G = orggraph.example().graph
    assert rule_members(G, GroupRule(reporting_to="coo")) == ["site-lead", "technician"]
    assert rule_members(G, GroupRule(reporting_to="ceo")) == [
        "assistant",
        "cfo",
        "coo",
        "accountant",
        "site-lead",
        "technician",
    ]
    assert rule_members(G, GroupRule(reporting_to="technician")) == []  # no one reports to a technician
    # every criterion must hold: of the posts below the coo only the Site Lead is of type manager
    assert rule_members(G, GroupRule(reporting_to="coo", post_types=("manager",))) == ["site-lead"]
    assert rule_members(G, GroupRule(reporting_to="ceo", within="finance")) == ["cfo", "accountant"]
    # heads of departments: the cfo heads Finance, the coo Operations; the ceo heads hq, of kind organisation
    assert rule_members(G, GroupRule(heads_of_unit_kinds=("department",))) == ["cfo", "coo"]
    assert rule_members(G, GroupRule(heads_of_unit_kinds=("department",), reporting_to="coo")) == []


def test_a_group_in_a_file_takes_its_members_from_reporting_to() -> None:
    data = orggraph.example().to_dict()
    data["groups"].append({"id": "operations-staff", "name": "Operations staff", "rule": {"reporting_to": "coo"}})
    org = orggraph.from_dict(data)
    assert org.members("operations-staff") == ["site-lead", "technician"]
    assert "operations-staff" in org.graph


def test_a_rule_follows_the_certain_chain_of_command(roskilde: Org) -> None:
    # Roskilde: the directors report to the kommunaldirektør ("Direktionen er under kommunaldirektørens
    # ledelse"), and "direktøren ansætter afdelingschefer": an afdelingschef reports to one of the three
    # directors, which one is not said. Whichever it is, the kommunaldirektør is above, so the rule takes in
    # the afdelingschef and everyone below, as chain_of_command does.
    assert roskilde.chain_of_command("afdelingschef") == ["kommunaldirektoer"]
    members = rule_members(roskilde.graph, GroupRule(reporting_to="kommunaldirektoer"))
    assert members == [p for p in roskilde.nodes("post") if "kommunaldirektoer" in roskilde.chain_of_command(p)]
    assert {"afdelingschef", "afsnitsleder", "institutionsleder", "leder-roskilde-beredskab"} <= set(members)
    # but no single director is above the afdelingschef in every reading
    assert "afdelingschef" not in rule_members(roskilde.graph, GroupRule(reporting_to="direktoer-omraade-2"))


@settings(max_examples=40, deadline=None)
@given(data=reporting_trees(max_posts=15), pick=st.integers(min_value=0))
def test_reporting_to_is_the_chain_of_command(data: dict[str, Any], pick: int) -> None:
    org = orggraph.from_dict(data)
    posts = [post["id"] for post in data["posts"]]
    superior = posts[pick % len(posts)]
    expected = [post for post in posts if superior in org.chain_of_command(post)]
    assert rule_members(org.graph, GroupRule(reporting_to=superior)) == expected
