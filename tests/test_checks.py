"""Cross-reference checks: unique ids, known references of the right kind, no cycles, citations."""

from __future__ import annotations

import copy
import itertools
import types
import typing
from typing import Any, get_args, get_origin

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints

from orggraph import checks, schema
from orggraph.checks import (
    ID_KINDS,
    KIND_NOUNS,
    REFERENCES,
    CheckProblem,
    Kind,
    Path,
    check_document,
    format_path,
    functional_cycles,
    has_functional_cycle,
)
from orggraph.loading import document_from_dict
from orggraph.schema import Document

CITE = {"document": "handbook", "section": "structure"}

# Every model, every reference field and a citation in many places: a clean document.
FULL: dict[str, Any] = {
    "organisation": {"id": "acme", "name": "Acme", "source": CITE},
    "sources": [{"id": "handbook", "title": "Handbook", "sections": [{"id": "structure", "title": "One"}]}],
    "units": [
        {"id": "hq", "name": "HQ", "head": "ceo", "source": CITE},
        {"id": "ops", "name": "Ops", "parent": "hq", "head": "coo"},
    ],
    "posts": [
        {"id": "ceo", "name": "CEO", "top": True, "unit": "hq", "source": CITE},
        {"id": "coo", "name": "COO", "reports_to": "ceo", "unit": "ops"},
        {"id": "tech", "name": "Technician", "reports_to": "ops"},
        {"id": "analyst", "name": "Analyst", "reports_to_one_of": ["coo", "ceo"]},
    ],
    "reporting_lines": [{"post": "tech", "to": "ceo", "source": CITE}],
    "groups": [
        {
            "id": "leaders",
            "name": "Leaders",
            "members": ["ceo", "coo"],
            "rule": {"within": "hq", "reporting_to": "ceo"},
        },
        {"id": "everyone", "name": "Everyone", "members": ["leaders", "ops"]},
    ],
    "forums": [
        {
            "id": "board",
            "name": "Board",
            "members": ["leaders"],
            "guests": [{"id": "tech", "source": CITE}],
            "chair": {"post": "ceo"},
            "owner": "ceo",
            "established_by": "leaders",
            "agenda_items_from": ["coo"],
            "prepared_by": ["coo"],
            "meetings": [{"cadence": {"per_year": 4}, "source": CITE}],
            "constraints": [{"kind": "managers_only", "source": CITE}],
        },
        {"id": "ops-meeting", "name": "Ops meeting", "part_of": "board", "chair": {"rotating_among": ["leaders"]}},
        {"id": "one-to-ones", "name": "1:1", "kind": "one_to_one", "for_each": {"holders": ["ceo"], "series": "pair"}},
    ],
    "topics": [
        {"id": "budget", "name": "Budget", "roles": [{"role": "decides", "holder": "board", "source": CITE}]},
        {"id": "hiring", "name": "Hiring", "parent": "budget"},
    ],
    "decision_rules": [
        {
            "id": "hire",
            "name": "Hire",
            "topic": "hiring",
            "rule": "the manager hires, the CEO approves",
            "decides": {"relation": "manager_of_subject"},
            "approves": {"ids": ["ceo"]},
            "may_delegate_to": ["coo"],
            "consults": ["leaders"],
        }
    ],
    "instruments": [
        {"id": "vision", "name": "Vision", "kind": "vision", "owner": ["ceo"]},
        {
            "id": "deal",
            "name": "Deal",
            "kind": "agreement",
            "owner": ["ceo"],
            "consults": ["leaders"],
            "parties": ["coo"],
            "based_on": ["vision"],
            "instances": [{"id": "deal-2024", "parties": ["coo", "ceo"], "source": CITE}],
        },
    ],
    "events": [{"id": "budget-q3", "name": "Budget", "quarter": 3, "forum": "board", "topic": "budget"}],
    "declared_counts": [
        {"id": "two-leaders", "description": "two leaders", "count": 2, "of": "members", "collective": "leaders"}
    ],
    "people": [{"id": "jane", "name": "Jane"}],
    "memberships": [{"person": "jane", "organisation": "board", "on_behalf_of": "leaders", "source": CITE}],
}

# Where FULL uses each reference field (for a tuple field: its first element).
REFERENCE_PATHS: dict[tuple[type[BaseModel], str], Path] = {
    (schema.Unit, "parent"): ("units", 1, "parent"),
    (schema.Unit, "head"): ("units", 0, "head"),
    (schema.Post, "unit"): ("posts", 0, "unit"),
    (schema.Post, "reports_to"): ("posts", 1, "reports_to"),
    (schema.Post, "reports_to_one_of"): ("posts", 3, "reports_to_one_of", 0),
    (schema.ReportingLine, "post"): ("reporting_lines", 0, "post"),
    (schema.ReportingLine, "to"): ("reporting_lines", 0, "to"),
    (schema.Group, "members"): ("groups", 0, "members", 0),
    (schema.GroupRule, "within"): ("groups", 0, "rule", "within"),
    (schema.GroupRule, "reporting_to"): ("groups", 0, "rule", "reporting_to"),
    (schema.Chair, "post"): ("forums", 0, "chair", "post"),
    (schema.Chair, "rotating_among"): ("forums", 1, "chair", "rotating_among", 0),
    (schema.Forum, "members"): ("forums", 0, "members", 0),
    (schema.Forum, "agenda_items_from"): ("forums", 0, "agenda_items_from", 0),
    (schema.Forum, "prepared_by"): ("forums", 0, "prepared_by", 0),
    (schema.Forum, "owner"): ("forums", 0, "owner"),
    (schema.Forum, "established_by"): ("forums", 0, "established_by"),
    (schema.Forum, "part_of"): ("forums", 1, "part_of"),
    (schema.ForEachHolder, "holders"): ("forums", 2, "for_each", "holders", 0),
    (schema.Guest, "id"): ("forums", 0, "guests", 0, "id"),
    (schema.Topic, "parent"): ("topics", 1, "parent"),
    (schema.RoleAssignment, "holder"): ("topics", 0, "roles", 0, "holder"),
    (schema.DecisionRule, "topic"): ("decision_rules", 0, "topic"),
    (schema.Selector, "ids"): ("decision_rules", 0, "approves", "ids", 0),
    (schema.DecisionRule, "may_delegate_to"): ("decision_rules", 0, "may_delegate_to", 0),
    (schema.DecisionRule, "consults"): ("decision_rules", 0, "consults", 0),
    (schema.Instrument, "owner"): ("instruments", 1, "owner", 0),
    (schema.Instrument, "consults"): ("instruments", 1, "consults", 0),
    (schema.Instrument, "parties"): ("instruments", 1, "parties", 0),
    (schema.Instrument, "based_on"): ("instruments", 1, "based_on", 0),
    (schema.Agreement, "parties"): ("instruments", 1, "instances", 0, "parties", 0),
    (schema.Event, "forum"): ("events", 0, "forum"),
    (schema.Event, "topic"): ("events", 0, "topic"),
    (schema.Event, "instrument"): ("events", 0, "instrument"),
    (schema.DeclaredCount, "collective"): ("declared_counts", 0, "collective"),
    (schema.Membership, "person"): ("memberships", 0, "person"),
    (schema.Membership, "organisation"): ("memberships", 0, "organisation"),
    (schema.Membership, "on_behalf_of"): ("memberships", 0, "on_behalf_of"),
}

CITATION_PATHS: list[Path] = [
    ("organisation", "source"),
    ("units", 0, "source"),
    ("posts", 0, "source"),
    ("reporting_lines", 0, "source"),
    ("forums", 0, "guests", 0, "source"),
    ("forums", 0, "meetings", 0, "source"),
    ("forums", 0, "constraints", 0, "source"),
    ("topics", 0, "roles", 0, "source"),
    ("instruments", 1, "instances", 0, "source"),
    ("memberships", 0, "source"),
]

# One id of each kind in FULL.
ID_OF_KIND: dict[Kind, str] = {
    "source": "handbook",
    "unit": "hq",
    "post": "ceo",
    "group": "leaders",
    "forum": "board",
    "topic": "budget",
    "decision_rule": "hire",
    "instrument": "vision",
    "event": "budget-q3",
    "declared_count": "two-leaders",
    "person": "jane",
}

# Fields that hold ids without referring to another item.
NOT_REFERENCES: set[tuple[type[BaseModel], str]] = {
    (schema.Citation, "document"),  # checked as a citation
    (schema.Citation, "section"),
    (schema.Condition, "attr"),  # an attribute name
}


def problems(data: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(format_path(p.path), p.message, p.suggestion) for p in check_document(Document.model_validate(data))]


def changed(path: Path, value: Any, data: dict[str, Any] | None = None) -> dict[str, Any]:
    data = copy.deepcopy(FULL if data is None else data)
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def test_the_full_document_is_clean() -> None:
    assert problems(FULL) == []
    assert document_from_dict(FULL).organisation.id == "acme"


# -- the reference table -----------------------------------------------------------------------


def is_id(annotation: Any, metadata: list[Any]) -> bool:
    """Whether a field's type is (an optional or a tuple of) schema.Id."""
    for item in metadata:
        if isinstance(item, StringConstraints) and item.pattern == r"^\S(.*\S)?$":
            return True
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return is_id(get_args(annotation)[0], list(annotation.__metadata__))
    if origin in (typing.Union, types.UnionType, tuple):
        return any(is_id(arg, []) for arg in get_args(annotation) if arg is not Ellipsis)
    return False


def models() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(schema).values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == schema.__name__
    ]


def test_every_id_field_of_the_schema_is_a_reference_or_known_not_to_be() -> None:
    found = set()
    for model in models():
        for field, info in model.model_fields.items():
            if is_id(info.annotation, list(info.metadata)):
                found.add((model, field))
    item_ids = {(model, "id") for model, field in found if field == "id" and (model, "id") not in REFERENCES}
    assert found - item_ids - NOT_REFERENCES == set(REFERENCES)


def test_every_reference_of_the_table_is_in_the_full_document() -> None:
    assert set(REFERENCE_PATHS) == set(REFERENCES)


@pytest.mark.parametrize("reference", list(REFERENCES), ids=lambda ref: f"{ref[0].__name__}.{ref[1]}")
def test_unknown_references_are_reported(reference: tuple[type[BaseModel], str]) -> None:
    path = REFERENCE_PATHS[reference]
    kinds = REFERENCES[reference]
    found = problems(changed(path, "nowhere"))
    assert [(where, message) for where, message, _ in found] == [
        (format_path(path), f"unknown {KIND_NOUNS[kinds[0]]} 'nowhere'")
    ]


@pytest.mark.parametrize("reference", list(REFERENCES), ids=lambda ref: f"{ref[0].__name__}.{ref[1]}")
def test_references_to_the_wrong_kind_are_reported(reference: tuple[type[BaseModel], str]) -> None:
    path = REFERENCE_PATHS[reference]
    allowed = REFERENCES[reference]
    for kind, ident in ID_OF_KIND.items():
        if kind in allowed:
            continue
        found = problems(changed(path, ident))
        where, message, _ = found[0]
        assert where == format_path(path)
        assert message.startswith(f"{ident!r} is a")
        assert KIND_NOUNS[kind] in message.split(", not")[0]


def test_unknown_reference_messages() -> None:
    data = changed(("posts", 1, "reports_to"), "cee")
    assert problems(data) == [("posts[1].reports_to", "unknown post 'cee'", "did you mean 'ceo'?")]
    data = changed(("posts", 1, "reports_to"), "xyzzy")
    assert problems(data) == [
        ("posts[1].reports_to", "unknown post 'xyzzy'", "expected the id of a post, unit or group")
    ]
    data = changed(("events", 0, "forum"), "xyzzy")
    assert problems(data) == [("events[0].forum", "unknown forum 'xyzzy'", None)]
    data = changed(("posts", 1, "unit"), "budget")
    assert problems(data) == [("posts[1].unit", "'budget' is a topic, not a unit", None)]
    data = changed(("events", 0, "instrument"), "budget-q3")
    assert problems(data) == [("events[0].instrument", "'budget-q3' is an event, not an instrument", None)]


def test_suggestions_stop_when_their_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    data = copy.deepcopy(FULL)
    data["posts"] += [{"id": f"post-{n}", "name": "P", "reports_to": f"post-{n}x"} for n in range(20)]
    candidates = len(data["posts"]) + len(data["units"]) + len(data["groups"])
    monkeypatch.setattr(checks, "_SUGGESTION_BUDGET", 5 * candidates)  # enough for 5 suggestions
    suggestions = [suggestion for _, message, suggestion in problems(data) if "unknown post" in message]
    assert len(suggestions) == 20
    assert all(str(suggestion).startswith("did you mean 'post-") for suggestion in suggestions[:5])
    assert suggestions[5:] == ["expected the id of a post, unit or group"] * 15


# -- ids ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [kind for kind in ID_OF_KIND if kind != "event"])
def test_ids_are_unique_across_all_kinds(kind: Kind) -> None:
    # The event is referred to by nothing, so renaming it breaks nothing else.
    ident = ID_OF_KIND[kind]
    order: list[Kind] = list(ID_KINDS.values())
    first, second = sorted([kind, "event"], key=order.index)
    fields = {value: field for field, value in ID_KINDS.items()}
    paths: dict[Kind, str] = {
        kind: f"{fields[kind]}[{FULL[fields[kind]].index(find(kind, ident))}].id",
        "event": "events[0].id",
    }
    found = problems(changed(("events", 0, "id"), ident))
    assert (paths[second], f"duplicate id {ident!r}, first used at {paths[first]}", None) in found


def find(kind: Kind, ident: str) -> dict[str, Any]:
    field = {value: field for field, value in ID_KINDS.items()}[kind]
    items: list[dict[str, Any]] = FULL[field]
    return next(item for item in items if item["id"] == ident)


def test_duplicate_section_ids() -> None:
    sections = [{"id": "structure", "title": "One"}, {"id": "structure", "title": "Again"}]
    data = changed(("sources", 0, "sections"), sections)
    assert problems(data) == [
        (
            "sources[0].sections[1].id",
            "duplicate section 'structure' of source 'handbook', first used at sources[0].sections[0].id",
            None,
        )
    ]


def test_items_that_failed_validation_keep_their_ids() -> None:
    data = copy.deepcopy(FULL)
    document = Document.model_validate(data)
    posts = list(document.posts)
    posts[2] = None  # type: ignore[call-overload]
    partial = document.model_copy(update={"posts": tuple(posts)})
    assert check_document(partial, invalid={("posts", 2): "tech"}) == []
    # Without its id, references to the item look unknown; with a taken id, it is a duplicate.
    found = check_document(partial, invalid={("posts", 2): "ceo"})
    assert found[0] == CheckProblem(("posts", 2, "id"), "duplicate id 'ceo', first used at posts[0].id")
    assert [(format_path(problem.path), problem.message) for problem in found] == [
        ("posts[2].id", "duplicate id 'ceo', first used at posts[0].id"),
        ("reporting_lines[0].post", "unknown post 'tech'"),
        ("forums[0].guests[0].id", "unknown post 'tech'"),
    ]
    found = check_document(partial, invalid={("posts", 2): None})
    assert [format_path(problem.path) for problem in found] == ["reporting_lines[0].post", "forums[0].guests[0].id"]


# -- citations ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CITATION_PATHS, ids=format_path)
def test_citations_are_checked_wherever_they_are(path: Path) -> None:
    data = changed(path, {"document": "handbok", "section": "structure"})
    assert problems(data) == [
        (format_path((*path, "document")), "unknown source 'handbok'", "did you mean 'handbook'?")
    ]
    data = changed(path, {"document": "handbook", "section": "structur"})
    assert problems(data) == [
        (
            format_path((*path, "section")),
            "unknown section 'structur' of source 'handbook'",
            "did you mean 'structure'?",
        )
    ]


def test_a_citation_of_something_that_is_not_a_source() -> None:
    data = changed(("posts", 0, "source"), {"document": "ceo"})
    assert problems(data) == [("posts[0].source.document", "unknown source 'ceo'", None)]


# -- top posts ---------------------------------------------------------------------------------


def test_a_top_post_has_no_manager() -> None:
    data = changed(("posts", 1, "top"), True)
    assert problems(data) == [
        (
            "posts[1].reports_to",
            "post 'coo' is marked 'top: true' but reports to 'ceo'",
            "a top post has no manager: remove 'top' or 'reports_to'",
        )
    ]


def test_an_unknown_manager_is_neither_given_nor_none_by_design() -> None:
    data = changed(("posts", 2, "manager_unknown"), True)  # tech reports to ops
    data = changed(("posts", 0, "manager_unknown"), True, data)  # ceo is top
    assert problems(data) == [
        (
            "posts[0].manager_unknown",
            "post 'ceo' is marked both 'manager_unknown: true' and 'top: true'",
            "'top' is a root by design, 'manager_unknown' a manager the source does not name: keep one",
        ),
        (
            "posts[2].manager_unknown",
            "post 'tech' is marked 'manager_unknown: true' but reports to 'ops'",
            "a manager that is given is known: remove 'manager_unknown' or 'reports_to'",
        ),
    ]
    # on its own (no reporting line, not top) the flag is fine
    alone = changed(("posts", 2), {"id": "tech", "name": "Technician", "manager_unknown": True})
    assert problems(alone) == []


def test_all_three_manager_fields_give_every_conflict() -> None:
    coo = {"id": "coo", "name": "COO", "reports_to": "ceo", "top": True, "manager_unknown": True}
    data = changed(("posts", 1), coo)
    assert [(where, message) for where, message, _ in problems(data)] == [
        ("posts[1].reports_to", "post 'coo' is marked 'top: true' but reports to 'ceo'"),
        ("posts[1].manager_unknown", "post 'coo' is marked 'manager_unknown: true' but reports to 'ceo'"),
        ("posts[1].manager_unknown", "post 'coo' is marked both 'manager_unknown: true' and 'top: true'"),
    ]


# -- declared counts ---------------------------------------------------------------------------


def test_a_declared_count_may_count_the_members_of_a_unit() -> None:
    assert problems(changed(("declared_counts", 0, "collective"), "hq")) == []
    assert problems(changed(("declared_counts", 0, "collective"), "ceo")) == [
        (
            "declared_counts[0].collective",
            "'ceo' is a post, not a group, forum or unit",
            None,
        )
    ]


# -- cycles ------------------------------------------------------------------------------------


def org(**lists: Any) -> dict[str, Any]:
    return {"organisation": {"id": "o", "name": "O"}, **lists}


def test_reporting_cycles_are_listed_from_their_first_post() -> None:
    data = org(
        posts=[
            {"id": "tail", "name": "T", "reports_to": "c"},
            {"id": "b", "name": "B", "reports_to": "c"},
            {"id": "c", "name": "C", "reports_to": "d"},
            {"id": "d", "name": "D", "reports_to": "b"},
            {"id": "self", "name": "S", "reports_to": "self"},
            {"id": "body", "name": "Body-managed", "reports_to": "u"},
        ],
        units=[{"id": "u", "name": "U", "head": "body"}],
    )
    assert problems(data) == [
        ("posts[1].reports_to", "reporting line cycle: b -> c -> d -> b", None),
        ("posts[4].reports_to", "reporting line cycle: self -> self", None),
    ]


def test_unit_forum_and_topic_cycles() -> None:
    data = org(
        units=[{"id": "u1", "name": "U", "parent": "u2"}, {"id": "u2", "name": "U", "parent": "u1"}],
        forums=[{"id": "f1", "name": "F", "part_of": "f1"}],
        topics=[
            {"id": "t0", "name": "T", "parent": "t2"},
            {"id": "t1", "name": "T", "parent": "t0"},
            {"id": "t2", "name": "T", "parent": "t1"},
        ],
    )
    assert problems(data) == [
        ("units[0].parent", "unit parent cycle: u1 -> u2 -> u1", None),
        ("forums[0].part_of", "forum part_of cycle: f1 -> f1", None),
        ("topics[0].parent", "topic parent cycle: t0 -> t2 -> t1 -> t0", None),
    ]


def test_group_cycles_point_at_the_member_that_closes_them() -> None:
    data = org(
        posts=[{"id": "p", "name": "P", "top": True}],
        units=[{"id": "u", "name": "U"}],
        groups=[
            {"id": "a", "name": "A", "members": ["p", "u", "b"]},
            {"id": "b", "name": "B", "members": ["c"]},
            {"id": "c", "name": "C", "members": ["a", "b"]},
            {"id": "d", "name": "D", "members": ["a", "d"]},
        ],
    )
    assert problems(data) == [
        ("groups[0].members[2]", "group membership cycle: a -> b -> c -> a", None),
        ("groups[3].members[1]", "group membership cycle: d -> d", None),
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.none() | st.integers(min_value=0, max_value=11), min_size=1, max_size=12))
def test_reporting_cycles_are_exactly_the_cycles_of_the_graph(managers: list[int | None]) -> None:
    count = len(managers)
    posts = [{"id": f"p{n}", "name": "P"} for n in range(count)]
    graph = nx.DiGraph()
    for n, manager in enumerate(managers):
        if manager is not None and manager < count:
            posts[n]["reports_to"] = f"p{manager}"
            graph.add_edge(f"p{n}", f"p{manager}")
    found = problems(org(posts=posts))
    expected = {frozenset(cycle) for cycle in nx.simple_cycles(graph)}
    assert len(found) == len(expected)
    for where, message, _ in found:
        cycle = message.removeprefix("reporting line cycle: ").split(" -> ")
        assert cycle[0] == cycle[-1]
        assert frozenset(cycle) in expected
        assert all(graph.has_edge(a, b) for a, b in itertools.pairwise(cycle))
        assert cycle[0] == min(cycle, key=lambda ident: int(ident[1:]))
        assert where == f"posts[{cycle[0][1:]}].reports_to"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(min_value=0, max_value=7), unique=True, max_size=4), min_size=1, max_size=8))
def test_group_cycles_are_one_per_cyclic_component(memberships: list[list[int]]) -> None:
    count = len(memberships)
    groups = [
        {"id": f"g{n}", "name": "G", "members": [f"g{m}" for m in members if m < count]}
        for n, members in enumerate(memberships)
    ]
    graph = nx.DiGraph()
    graph.add_nodes_from(group["id"] for group in groups)
    graph.add_edges_from((group["id"], member) for group in groups for member in group["members"])
    cyclic = [
        component
        for component in nx.strongly_connected_components(graph)
        if len(component) > 1 or any(graph.has_edge(node, node) for node in component)
    ]
    found = problems(org(groups=groups))
    assert len(found) == len(cyclic)
    for where, message, _ in found:
        cycle = message.removeprefix("group membership cycle: ").split(" -> ")
        assert cycle[0] == cycle[-1]
        assert all(graph.has_edge(a, b) for a, b in itertools.pairwise(cycle))
        component = next(component for component in cyclic if cycle[0] in component)
        assert cycle[0] == min(component, key=lambda ident: int(ident[1:]))
        start = int(cycle[0][1:])
        member = groups[start]["members"].index(cycle[1])
        assert where == f"groups[{start}].members[{member}]"


# -- paths -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("posts",), "posts"),
        (("posts", 3, "reports_to"), "posts[3].reports_to"),
        (("posts", 0, "attributes", "cost centre"), "posts[0].attributes['cost centre']"),
        ((1,), "[1]"),
    ],
)
def test_format_path(path: Path, text: str) -> None:
    assert format_path(path) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 11), min_size=0, max_size=12))
def test_cycles_are_found_from_the_nodes_whose_successor_comes_later(targets: list[int]) -> None:
    """Each node i points at targets[i] (-1: none); walking from the forward and self pointers finds every cycle."""
    nodes = [f"n{i}" for i in range(len(targets))]
    successor = {nodes[i]: nodes[t] for i, t in enumerate(targets) if 0 <= t < len(nodes)}
    position = {node: number for number, node in enumerate(nodes)}
    starts = [node for node, target in successor.items() if position[target] >= position[node]]
    every = functional_cycles(successor, position)
    assert functional_cycles(successor, position, starts) == every
    for cycle in every:  # each really is a cycle, listed from its first node
        assert [successor[node] for node in cycle] == [*cycle[1:], cycle[0]]
        assert position[cycle[0]] == min(position[node] for node in cycle)
    on_cycles = {node for cycle in every for node in cycle}
    for node in nodes:  # and every node not listed ends its walk
        seen = set()
        while node in successor and node not in seen:
            seen.add(node)
            node = successor[node]
        assert node not in successor or node in on_cycles
    assert has_functional_cycle(successor) == bool(every)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 300), st.data())
def test_a_cycle_at_the_end_of_a_long_chain_is_found_in_numpy(length: int, data: st.DataObject) -> None:
    """A chain of any length into a cycle (or a root) at its far end: the pointers must cover all of it."""
    loop = data.draw(st.booleans())
    successor = {f"n{i}": f"n{i + 1}" for i in range(length)}  # n0 -> n1 -> ... -> n<length>, a root
    if loop:
        successor[f"n{length}"] = f"n{data.draw(st.integers(0, length))}"
    assert has_functional_cycle(successor) == loop
