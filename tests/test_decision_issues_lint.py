"""One implementation of the decision-rights checks: decision_issues and lint's OG101-OG105 report the same problems."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import Org
from orggraph.citations import format_citation
from orggraph.lint import CHECKS
from orggraph.schema import Document
from tests.strategies import documents

DECISION_CODES = ["OG101", "OG102", "OG103", "OG104", "OG105"]
SEVERITY = {check.code: check.severity for check in CHECKS}
PLANTED = Path(__file__).parent / "data" / "lint_defects.yaml"


def _problems_of_issues(org: Org) -> Counter[tuple[Any, ...]]:
    """Each issue as (code, severity, node set, message, the cited node's source as lint prints it)."""
    sources = org.graph.graph["sources"]

    def source(cite: str | None) -> str | None:
        citation = org.source(cite) if cite is not None else None
        return format_citation(citation, sources) if citation is not None else None

    return Counter(
        (i.lint_code, i.severity, frozenset(i.nodes), i.message, source(i.cite)) for i in org.decision_issues()
    )


def _problems_of_lint(org: Org) -> Counter[tuple[Any, ...]]:
    return Counter(
        (f.code, f.severity, frozenset(f.nodes), f.message, f.source) for f in org.lint(select=DECISION_CODES)
    )


def _assert_agree(org: Org) -> None:
    issues, findings = _problems_of_issues(org), _problems_of_lint(org)
    assert issues == findings
    # one severity per kind, lint's table the authority
    assert all(severity == SEVERITY[code] for code, severity, *_ in issues)


@pytest.mark.parametrize("name", ["ishoj", "roskilde"])
def test_seeds_agree(name: str, request: pytest.FixtureRequest) -> None:
    org: Org = request.getfixturevalue(name)
    _assert_agree(org)
    # the seeds stay info-only on lint: any decision issue they have is a documented unknown
    assert {i.severity for i in org.decision_issues()} <= {"info"}


def test_example_agrees() -> None:
    org = orggraph.example()
    assert org.decision_issues() == []
    _assert_agree(org)


def test_planted_defects_agree() -> None:
    data = yaml.safe_load(PLANTED.read_text(encoding="utf-8"))
    org = Org._checked(Document.model_validate(data))
    issues = org.decision_issues()
    # one plant per check in tests/data/lint_defects.yaml (see tests/test_lint.py), each found once
    assert sorted(i.lint_code for i in issues) == DECISION_CODES
    _assert_agree(org)


def test_several_deciders_named_twice_is_one_problem() -> None:
    # the roles and a rule name the same two posts: one problem, reported once by both
    org = orggraph.loads(
        "organisation: {id: a, name: A}\n"
        "posts: [{id: p, name: P, top: true}, {id: q, name: Q, reports_to: p}]\n"
        "topics:\n"
        "  - {id: t, name: T, roles: [{role: decides, holder: p}, {role: decides, holder: q}]}\n"
        "decision_rules:\n"
        "  - {id: r, name: R, topic: t, rule: both decide, decides: {ids: [q, p]}}\n"
    )
    assert [(i.code, i.nodes, i.cite) for i in org.decision_issues()] == [("several-deciders", ("t", "p", "q"), None)]
    _assert_agree(org)


def test_posts_of_one_body_are_not_several_deciders() -> None:
    # the two deciders are exactly the posts of group g: g decides, no problem for either
    base = (
        "organisation: {id: a, name: A}\n"
        "posts: [{id: p, name: P, top: true}, {id: q, name: Q, reports_to: p}, {id: s, name: S, reports_to: p}]\n"
        "groups: [{id: g, name: G, members: [p, q]}]\n"
        "topics:\n"
    )
    together = orggraph.loads(
        base + "  - {id: t, name: T, roles: [{role: decides, holder: p}, {role: decides, holder: q}]}\n"
    )
    assert together.decision_issues() == []
    apart = orggraph.loads(
        base + "  - {id: t, name: T, roles: [{role: decides, holder: p}, {role: decides, holder: s}]}\n"
    )
    assert [i.code for i in apart.decision_issues()] == ["several-deciders"]
    _assert_agree(together)
    _assert_agree(apart)


@st.composite
def decision_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A random document with random topic trees, role holders and decision rules over every kind of holder."""
    data = draw(documents(max_posts=8))
    posts = [p["id"] for p in data["posts"]]
    types = sorted({p["type"] for p in data["posts"]})
    data["units"].append({"id": "hollow", "name": "Hollow", "kind": "department"})  # a unit with no posts
    holders = [*posts, *(u["id"] for u in data["units"]), "g0", *(f["id"] for f in data["forums"])]
    topics: list[dict[str, Any]] = []
    for index in range(draw(st.integers(min_value=1, max_value=5))):
        topic: dict[str, Any] = {"id": f"t{index}", "name": f"Topic {index}"}
        if index and draw(st.booleans()):
            topic["parent"] = f"t{draw(st.integers(min_value=0, max_value=index - 1))}"
        roles = draw(
            st.lists(
                st.tuples(st.sampled_from(["decides", "responsible", "consulted"]), st.sampled_from(holders)),
                max_size=3,
                unique=True,
            )
        )
        topic["roles"] = [{"role": role, "holder": holder} for role, holder in roles]
        topics.append(topic)
    data["topics"] = topics
    rules = []
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        rule: dict[str, Any] = {
            "id": f"r{index}",
            "name": f"Rule {index}",
            "topic": draw(st.sampled_from([t["id"] for t in topics[:2]])),  # rules crowd, so some are unreachable
            "rule": "as drawn",
            "decides": {"ids": draw(st.lists(st.sampled_from(holders), min_size=1, max_size=3, unique=True))},
        }
        if draw(st.booleans()):
            rule["subject_types"] = [draw(st.sampled_from(types))]
        rules.append(rule)
    data["decision_rules"] = rules
    return data


@settings(max_examples=60, deadline=None)
@given(decision_documents())
def test_random_organisations_agree(data: dict[str, Any]) -> None:
    _assert_agree(orggraph.Org(Document.model_validate(data)))
