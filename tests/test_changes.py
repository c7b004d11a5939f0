"""Diffs: changes classified and exactly the edit made; the effect on spans, layers and meeting load."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import Org
from orggraph.changes import Change, diff
from orggraph.scenario import Add, Merge, Move, Remove, apply
from tests.strategies import documents, reporting_trees


def _summary(changes: Any) -> list[tuple[str, str, str, str | None]]:
    return [(c.kind, c.item, c.id, c.field) for c in changes]


def test_a_move_is_one_moved_line(example: Org) -> None:
    changes = diff(example, example.move("accountant", "coo"))
    assert list(changes) == [
        Change("moved", "post", "accountant", "Accountant", "reports_to", "cfo", "coo"),
    ]
    assert str(changes) == "moved post 'Accountant' (accountant): reports_to 'cfo' → 'coo'"


def test_removing_a_post_shows_its_consequences(example: Org) -> None:
    changes = diff(example, example.remove("site-lead"))
    # the post, its report handed to its manager, and its place in the operations huddle
    assert _summary(changes) == [
        ("removed", "post", "site-lead", None),
        ("moved", "post", "technician", "reports_to"),
        ("changed", "forum", "ops-huddle", "members"),
    ]
    moved = changes.changes[1]
    assert (moved.before, moved.after) == ("site-lead", "coo")
    assert changes.changes[2].after == ("coo",)


def test_merging_forums(example: Org) -> None:
    changes = diff(example, example.merge("board", "ops-huddle"))
    assert _summary(changes) == [
        ("changed", "forum", "board", "members"),
        ("removed", "forum", "ops-huddle", None),
    ]
    assert changes.changes[0].after == ("management", "coo", "site-lead")


def test_a_unit_move_changes_parent_and_line(roskilde: Org) -> None:
    # the kommunaldirektør heads only the direktion (an executive board): the unit goes to the top level beside
    # it, not into it
    changes = diff(roskilde, roskilde.move("roskilde-beredskab", "kommunaldirektoer"))
    assert [str(c) for c in changes] == [
        "moved unit 'Roskilde Beredskab' (roskilde-beredskab): parent 'direktoeromraade-by-kultur-miljoe' → None",
        "moved post 'Leder af Roskilde Beredskab' (leder-roskilde-beredskab): reports_to "
        "'direktoer-by-kultur-miljoe' → 'kommunaldirektoer'",
    ]
    assert [c.kind for c in changes] == ["moved", "moved"]
    layers: Any = changes.layers()
    assert layers.loc["leder-roskilde-beredskab"].tolist() == [2.0, 1.0]  # now right below the top
    spans = changes.spans()
    assert spans.index.tolist() == ["kommunaldirektoer", "direktoer-by-kultur-miljoe"]
    assert spans["direct_after"].to_dict()["kommunaldirektoer"] == 4
    # the director's span is a range ("direktøren ansætter afdelingschefer"): its low end drops from 1 to 0
    director = spans.loc["direktoer-by-kultur-miljoe"]
    assert [director["direct_min_before"], director["direct_min_after"]] == [1, 0]


def test_a_unit_moved_to_a_director_goes_into_the_area_the_director_heads(roskilde: Org) -> None:
    # the director sits in the direktion and heads By, Kultur og Miljø: the afdeling goes into the area
    changes = diff(roskilde, roskilde.move("afdeling", "direktoer-by-kultur-miljoe"))
    assert [str(c) for c in changes] == [
        "moved unit 'Afdeling' (afdeling): parent None → 'direktoeromraade-by-kultur-miljoe'",
        "moved post 'Afdelingschef' (afdelingschef): reports_to None → 'direktoer-by-kultur-miljoe'",
        # "direktøren ansætter afdelingschefer": the line to one of the three directors becomes one line
        "changed post 'Afdelingschef' (afdelingschef): reports_to_one_of ('direktoer-by-kultur-miljoe', "
        "'direktoer-omraade-2', 'direktoer-omraade-3') → ()",
    ]
    assert changes.meeting_load().empty  # no one joins or leaves a forum


def test_changed_values_of_nested_items_read_as_data(example: Org) -> None:
    changes = diff(example, example.remove("coo"))
    # coo took turns chairing all-hands only through the management group: no chair changes
    assert [c.field for c in changes if c.item == "forum"] == ["members"]
    shown = [str(c) for c in changes if c.field == "members"]
    assert shown == ["changed forum 'Operations huddle' (ops-huddle): members ('coo', 'site-lead') → ('site-lead',)"]
    roles = diff(example, example.remove("cfo"))
    budget = next(c for c in roles if c.id == "budget")
    assert str(budget) == (
        "changed topic 'Annual budget' (budget): roles [decides: board-of-trustees; responsible: cfo; "
        "prepares: accountant; qualifies: board; informed: all-hands] → [decides: board-of-trustees; "
        "responsible: ceo; prepares: accountant; qualifies: board; informed: all-hands]"
    )


def test_the_change_log_of_a_forum_merger_reads_as_text(roskilde: Org) -> None:
    merged = roskilde.merge("chefforum", "lederforum")
    frame = diff(roskilde, merged).to_frame()
    text = frame[["before", "after", "change"]].to_string()
    assert "RoleAssignment" not in text
    assert "Citation" not in text
    assert "role=" not in text
    # helhedsperspektiv: both forums were responsible; after the merger chefforum is, once
    row = frame[(frame["id"] == "helhedsperspektiv") & (frame["field"] == "roles")].iloc[0]
    assert "responsible: chefforum; responsible: lederforum" in row["before"]
    assert row["after"].count("responsible: chefforum") == 1
    assert row["change"] == "− responsible: lederforum"
    for topic in merged.document.topics:
        pairs = [(a.role, a.holder) for a in topic.roles]
        assert len(pairs) == len(set(pairs)), topic.id
    removed = frame[frame["kind"] == "removed"]
    assert removed[["item", "id", "before"]].to_numpy().tolist() == [["forum", "lederforum", "Lederforum (lederforum)"]]


def test_metric_changes_show_counts_without_decimals(roskilde: Org) -> None:
    figures: Any = diff(roskilde, roskilde.merge("chefforum", "lederforum")).metrics
    forums = len(roskilde.nodes("forum"))
    assert figures.loc["forums"].tolist() == [forums, forums - 1, -1]  # the data: floats, exact
    line = next(line for line in repr(figures).splitlines() if line.startswith("forums "))
    assert line.split() == ["forums", str(forums), str(forums - 1), "-1"]


def test_reporting_lines_are_matched_by_content(roskilde: Org) -> None:
    changes = diff(roskilde, roskilde.remove("direktoer-omraade-2"))
    lines = [c for c in changes if c.item == "reporting line"]
    assert [c.kind for c in lines] == ["removed"] * 4
    assert lines[0].id == "direktoer-omraade-2 → direktionen (accountable_to)"


def test_document_level_changes() -> None:
    a = orggraph.from_dict({"organisation": {"id": "x", "name": "X"}})
    b = orggraph.from_dict({"organisation": {"id": "x", "name": "Y", "as_of": "2024-01-01"}})
    assert _summary(diff(a, b)) == [
        ("changed", "organisation", "x", "name"),
        ("changed", "organisation", "x", "as_of"),
    ]


def test_metrics_before_and_after(example: Org) -> None:
    changes = diff(example, example.move("accountant", "coo"))
    figures: Any = changes.metrics
    # cfo loses its only report: 4 manager posts; coo now has site-lead (2) + accountant (3)
    assert figures.loc["manager_posts"].tolist() == [5.0, 4.0, -1.0]
    assert figures.loc["layers"].tolist() == [5.0, 5.0, 0.0]
    spans: Any = changes.spans()
    assert spans.index.tolist() == ["cfo", "coo"]
    assert spans.loc["coo", ["direct_before", "direct_after", "span_before", "span_after"]].tolist() == [2, 5, 2, 5]
    assert changes.layers().empty  # cfo and coo are in the same layer
    assert changes.meeting_load().empty


def test_layers_and_meeting_load_of_removed_and_added_posts(example: Org) -> None:
    changes = diff(example, example.remove("site-lead"))
    layers: Any = changes.layers()
    assert layers.index.tolist() == ["site-lead", "technician"]
    assert layers.loc["technician"].tolist() == [4.0, 3.0]
    assert pd_isna(layers.loc["site-lead", "layer_after"])
    load = changes.meeting_load()
    assert "site-lead" in load.index
    added = diff(example, example.add("new", "Ny", reports_to="cfo")).layers()
    assert added.index.tolist() == ["new"]


def pd_isna(value: Any) -> bool:
    return bool(pd.isna(value))


def test_to_frame(example: Org) -> None:
    frame: Any = diff(example, example.remove("site-lead")).to_frame()
    assert frame.columns.tolist() == ["kind", "item", "id", "name", "field", "before", "after", "change"]
    assert pd.isna(frame.loc[0, "field"])
    assert frame.index.name == "change"
    assert "site-lead" in diff(example, example.remove("site-lead"))._repr_html_()


# -- properties: diff(a, a) is empty; diff(a, apply(a, edit)) is exactly the edit --------------


@settings(max_examples=40, deadline=None)
@given(documents(max_posts=15))
def test_diff_of_an_org_with_itself_is_empty(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    assert not diff(org, org)
    assert not diff(org, orggraph.from_dict(org.to_dict()))
    assert (diff(org, org).metrics["change"].dropna() == 0).all()


@settings(max_examples=50, deadline=None)
@given(reporting_trees(max_posts=15), st.data())
def test_diff_of_a_move_is_exactly_the_move(data: dict[str, Any], draw: st.DataObject) -> None:
    org = orggraph.from_dict(data)
    posts = org.nodes("post")
    post = draw.draw(st.sampled_from(posts))
    targets = [p for p in posts if p != post and post not in org.chain_of_command(p)]
    assume(targets)
    target = draw.draw(st.sampled_from(targets))
    assume(org.manager(post) != target)
    changes = diff(org, apply(org, Move(post, target)))
    expected = [("moved", "post", post, "reports_to")]
    if org.manager(post) is None:
        expected.append(("changed", "post", post, "top"))  # a root stops being one
    assert _summary(changes) == expected
    assert changes.changes[0].before == org.manager(post)
    assert changes.changes[0].after == target


@settings(max_examples=50, deadline=None)
@given(reporting_trees(max_posts=15), st.data())
def test_diff_of_a_removal_is_the_post_and_its_reports(data: dict[str, Any], draw: st.DataObject) -> None:
    org = orggraph.from_dict(data)
    removable = [p for p in org.nodes("post") if org.manager(p) is not None or not org.direct_reports(p)]
    post = draw.draw(st.sampled_from(removable))
    changes = diff(org, apply(org, Remove(post)))
    reports = org.direct_reports(post)
    assert _summary(changes) == [
        ("removed", "post", post, None),
        *[("moved", "post", r, "reports_to") for r in reports],
    ]
    assert all(c.after == org.manager(post) for c in changes.changes[1:])
    assert changes.metrics.loc["posts", "change"] == -1


@settings(max_examples=50, deadline=None)
@given(documents(max_posts=15), st.data())
def test_diff_of_an_addition_is_one_added_post(data: dict[str, Any], draw: st.DataObject) -> None:
    org = orggraph.from_dict(data)
    manager = draw.draw(st.none() | st.sampled_from(org.nodes("post")))
    changes = diff(org, apply(org, Add("new-post", "Ny stilling", reports_to=manager)))
    assert _summary(changes) == [("added", "post", "new-post", None)]
    assert changes.changes[0].after.reports_to == manager


@settings(max_examples=40, deadline=None)
@given(documents(max_posts=12), st.data())
def test_diff_of_a_unit_merge_touches_only_what_referred_to_the_absorbed_unit(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    org = orggraph.from_dict(data)
    units = org.nodes("unit")
    assume(len(units) >= 2)
    keep, absorb = draw.draw(st.permutations(units))[:2]
    changes = diff(org, apply(org, Merge(keep, absorb)))
    assert ("removed", "unit", absorb, None) in _summary(changes)
    for change in changes:
        if change.kind == "removed":
            assert change.id == absorb
        else:
            assert change.kind in ("moved", "changed")
            assert absorb in repr(change.before) or change.id == keep
            assert absorb not in repr(change.after)


@pytest.mark.parametrize("seed", ["ishoj", "roskilde"])
def test_seed_diffs_with_themselves_are_empty(seed: str, request: pytest.FixtureRequest) -> None:
    org: Org = request.getfixturevalue(seed)
    assert str(diff(org, org)) == "no changes"
