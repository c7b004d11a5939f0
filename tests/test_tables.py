"""One-call tables: decisions, decided_for, RACI, events, instruments, posts, edges — checked against the data."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

import orggraph
from orggraph.schema import ROLES, DecisionRule
from orggraph.tables import RACI

ORGS = ["example", "ishoj", "roskilde"]


@pytest.fixture(params=ORGS)
def org(request: pytest.FixtureRequest) -> orggraph.Org:
    value: orggraph.Org = request.getfixturevalue(request.param)
    return value


def test_every_role_has_a_raci_letter() -> None:
    assert set(RACI) == set(ROLES)
    assert set(RACI.values()) == set("RACI")


def test_raci_cells_are_exactly_the_letters_the_roles_and_fixed_rules_give(org: orggraph.Org) -> None:
    matrix = org.raci()
    topics = org.nodes("topic")
    assert matrix.index.tolist() == topics
    expected: dict[tuple[str, str], set[str]] = {}
    for topic in topics:
        for role in ROLES:
            for post in org.who(topic, role, expand=True):
                expected.setdefault((topic, post), set()).add(RACI[role])
    for rule in org.document.decision_rules:
        for holder, letter in [
            *((h, "A") for h in rule.decides.ids),
            *((h, "A") for h in (rule.approves.ids if rule.approves else ())),
            *((h, "C") for h in rule.consults),
        ]:
            posts = org.members(holder) if org.kind(holder) in {"group", "unit", "forum"} else [holder]
            for post in posts:
                if org.kind(post) == "post":
                    expected.setdefault((rule.topic, post), set()).add(letter)
    found = {
        (topic, post): set(cell.split("/")) for topic, row in matrix.iterrows() for post, cell in row.items() if cell
    }
    assert found == expected
    assert set(matrix.columns) == {post for _, post in expected}
    for cell in matrix.to_numpy().ravel():  # letters in R, A, C, I order
        letters = cell.split("/") if cell else []
        assert letters == sorted(letters, key="RACI".index)


def test_decisions_have_one_row_per_rule_or_role(org: orggraph.Org) -> None:
    table = org.decisions()
    rules = org.document.decision_rules
    with_rules = {rule.topic for rule in rules}
    assert len(table) == len(rules) + sum(1 for t in org.nodes("topic") if t not in with_rules)
    assert table.index.name == "topic"
    assert table["rule_id"].dropna().tolist() == [rule.id for rule in sorted(rules, key=_topic_order(org))]
    for topic in org.nodes("topic"):
        if topic in with_rules:
            continue
        row = table.loc[topic]
        assert row["deciders"] == ", ".join(org.name(h) for h in org.who(topic, "decides"))


def _topic_order(org: orggraph.Org) -> Callable[[DecisionRule], tuple[int, int]]:
    order = {topic: number for number, topic in enumerate(org.nodes("topic"))}
    rules = [rule.id for rule in org.document.decision_rules]
    return lambda rule: (order[rule.topic], rules.index(rule.id))


def test_roskilde_dismissal_rule_reads_as_the_memo(roskilde: orggraph.Org) -> None:
    # "Beslutninger om afskedigelse skal altid godkendes ét ledelsesniveau op."
    rows = roskilde.decisions().loc[["afskedigelse"]]
    assert (rows["approvers"] == "the decider's manager").any()
    assert rows["source"].str.contains("godkendes ét ledelsesniveau op").any()


def test_decided_for_matches_who_decides(roskilde: orggraph.Org) -> None:
    table = roskilde.decided_for(["ansaettelse", "afskedigelse"])
    assert table.index.tolist() == roskilde.nodes("post")
    for post in table.index:
        dismissal = roskilde.who_decides("afskedigelse", post)
        deciders = ", ".join(roskilde.name(d) for d in dismissal.deciders)
        approvers = ", ".join(roskilde.name(a) for a in dismissal.approvers)
        # alternatives ("direktøren ansætter afdelingschefer": a director, which one is not said) say so
        assert table.loc[post, "afskedigelse by"] == (f"one of {deciders}" if dismissal.one_of else deciders)
        assert table.loc[post, "afskedigelse approved by"] == (
            f"one of {approvers}" if dismissal.approvers_one_of else approvers
        )
    assert str(table.loc["afdelingschef", "ansaettelse by"]).startswith("one of Direktør for By, Kultur og Miljø")
    assert table["notes"].str.contains("its line manager is not documented").any()


def test_events_and_their_quarters(roskilde: orggraph.Org, ishoj: orggraph.Org) -> None:
    table = roskilde.events()
    document = roskilde.document.events
    assert table.index.tolist() == [event.id for event in document]
    assert str(table["quarter"].dtype) == "Int64"
    for event in document:
        quarter = event.quarter or (event.month - 1) // 3 + 1  # type: ignore[operator]
        assert table.loc[event.id, "quarter"] == quarter
    assert ishoj.events().empty  # 'events: []' in the seed data


def test_instruments_carry_the_afdelingsaftale_constraints(roskilde: orggraph.Org) -> None:
    # the memo: "4-6 udviklingsmål", "Minimum halvdelen af disse mål vil være tværgående"
    row = roskilde.instruments().loc["afdelingsaftaler"]
    assert (row["goals"], row["cross_cutting_min"], row["cadence"]) == ("4-6", "at least 50%", "1 a year")
    assert row["constraints"] == "4-6 goals; at least 50% of them cross-cutting"
    assert row["agreements"] == 0


def test_posts_table_is_the_posts(org: orggraph.Org) -> None:
    table = org.posts()
    assert table.index.tolist() == org.nodes("post")
    assert table.index.name == "post"
    for post in table.index:
        assert table.loc[post, "manager"] == org.manager(post) or pd.isna(table.loc[post, "manager"])
        count = org.headcount(post)
        assert pd.isna(table.loc[post, "headcount"]) if count is None else table.loc[post, "headcount"] == count
    assert str(table["headcount"].dtype) in {"Int64", "Float64"}


def test_posts_table_has_import_attributes_and_fte_floats(tmp_path: object) -> None:
    org = orggraph.from_dict(
        {
            "organisation": {"id": "x", "name": "X"},
            "posts": [
                {"id": "a", "name": "A", "top": True, "headcount": 0.5, "attributes": {"cost": 10, "name": "n"}},
                {"id": "b", "name": "B", "reports_to": "a", "holders": ["Ida", "Ole"]},
            ],
        }
    )
    table = org.posts()
    assert str(table["headcount"].dtype) == "Float64"
    assert table.loc["a", "cost"] == 10
    assert table.loc["a", "attributes.name"] == "n"
    assert table.loc["b", "holders"] == "Ida; Ole"


def test_edges_table_is_the_graph(org: orggraph.Org) -> None:
    table = org.edges()
    graph = org.graph
    assert len(table) == graph.number_of_edges()
    assert sorted(zip(table["from"], table["to"], strict=True)) == sorted((u, v) for u, v, _ in graph.edges(keys=True))
    reports = sum(1 for post in org.document.posts if post.reports_to is not None)
    assert (table["kind"] == "reports_to").sum() == reports
