"""Hypothesis strategies for random organisations, shared by the property tests."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import strategies as st

TYPES = ("director", "manager", "employee", "centerchef", "leder")
NAMES = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs"), include_characters="æøåÆØÅ-"),
    min_size=1,
    max_size=12,
).map(lambda s: s.strip() or "x")


@st.composite
def reporting_trees(draw: st.DrawFn, *, max_posts: int = 30) -> dict[str, Any]:
    """A document whose posts form a random forest; each post's manager comes earlier in the list."""
    count = draw(st.integers(min_value=1, max_value=max_posts))
    posts: list[dict[str, Any]] = []
    for index in range(count):
        post: dict[str, Any] = {
            "id": f"p{index}",
            "name": draw(NAMES),
            "type": draw(st.sampled_from(TYPES)),
            "headcount": draw(st.integers(min_value=0, max_value=50)),
        }
        manager = draw(st.none() | st.integers(min_value=0, max_value=index - 1)) if index else None
        if manager is None:
            post["top"] = True
        else:
            post["reports_to"] = f"p{manager}"
        posts.append(post)
    return {"organisation": {"id": "random", "name": "Random Org"}, "posts": posts}


@st.composite
def documents(draw: st.DrawFn, *, max_posts: int = 20) -> dict[str, Any]:
    """A random but valid document: a reporting forest plus units, groups, forums and topics."""
    data = draw(reporting_trees(max_posts=max_posts))
    posts = [p["id"] for p in data["posts"]]
    unit_count = draw(st.integers(min_value=0, max_value=4))
    units = []
    for index in range(unit_count):
        unit: dict[str, Any] = {"id": f"u{index}", "name": draw(NAMES), "kind": "department"}
        if index and draw(st.booleans()):
            unit["parent"] = f"u{draw(st.integers(min_value=0, max_value=index - 1))}"
        units.append(unit)
    if units:
        for post in data["posts"]:
            if draw(st.booleans()):
                post["unit"] = draw(st.sampled_from([u["id"] for u in units]))
    data["units"] = units
    data["groups"] = [
        {"id": "g0", "name": "Group", "members": draw(st.lists(st.sampled_from(posts), unique=True, max_size=5))}
    ]
    forums = []
    for index in range(draw(st.integers(min_value=0, max_value=3))):
        forum: dict[str, Any] = {
            "id": f"f{index}",
            "name": draw(NAMES),
            "members": draw(st.lists(st.sampled_from([*posts, "g0", *[u["id"] for u in units]]), unique=True)),
            "meetings": [{"cadence": {"per_year": draw(st.integers(min_value=1, max_value=52))}, "hours": 2}],
        }
        if draw(st.booleans()):
            forum["chair"] = {"post": draw(st.sampled_from(posts))}
        forums.append(forum)
    data["forums"] = forums
    data["topics"] = [
        {
            "id": "t0",
            "name": draw(NAMES),
            "roles": [{"role": "decides", "holder": draw(st.sampled_from(posts))}],
        }
    ]
    return data


def readings(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every reading of a document: each post with candidate managers given one of them, in turn.

    The property tests compare what orggraph reports on ``data`` with what it
    reports on each reading: a value given must be that of every reading, a
    range must hold each of them.
    """
    uncertain = [post for post in data["posts"] if "reports_to_one_of" in post]
    found = []
    for choice in itertools.product(*(post["reports_to_one_of"] for post in uncertain)):
        chosen = dict(zip((post["id"] for post in uncertain), choice, strict=True))
        posts = []
        for post in data["posts"]:
            post = {k: v for k, v in post.items() if k != "reports_to_one_of"}
            if post["id"] in chosen:
                post["reports_to"] = chosen[post["id"]]
            posts.append(post)
        found.append({**data, "posts": posts})
    return found
