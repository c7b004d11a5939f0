"""The chart's card forest (numpy arrays by card number) against a naive walk of the same reporting lines.

The forest is computed by pointer jumping (depths), a level-by-level sum (subtree totals) and a
plain pass for deep chains; here every number is recomputed the slow, obvious way: walk up from
each post to its root, count what lies below each box that is cut off.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.render.tree import ChartForest, Hidden

HEADCOUNTS = st.sampled_from([1, 1, 1, 3, 2.5, 0.4, "unknown"])


@st.composite
def forests(draw: Any) -> dict[str, Any]:
    """Posts p0..pn-1, each reporting to an earlier post or to none; some roots political; assorted head counts."""
    n = draw(st.integers(1, 40))
    posts: list[dict[str, Any]] = []
    for i in range(n):
        post: dict[str, Any] = {"id": f"p{i}", "name": f"Post {i}"}
        manager = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        if manager is None:
            post["top"] = True
        else:
            post["reports_to"] = f"p{manager}"
        if draw(st.booleans()) and draw(st.booleans()):
            post["political"] = True
        count = draw(HEADCOUNTS)
        if count != 1:
            post["headcount"] = count
        posts.append(post)
    return {"organisation": {"id": "f", "name": "F"}, "posts": posts}


def _naive(document: dict[str, Any]) -> tuple[dict[str, int | None], dict[str, list[str]], dict[str, Any]]:
    """Each post's depth below the top of the administration (None: political, above it), children, posts by id."""
    posts = {p["id"]: p for p in document["posts"]}
    children: dict[str, list[str]] = {}
    for p in document["posts"]:
        if "reports_to" in p:
            children.setdefault(p["reports_to"], []).append(p["id"])
    depth: dict[str, int | None] = {}
    for pid in posts:
        chain = [pid]
        while "reports_to" in posts[chain[-1]]:
            chain.append(posts[chain[-1]]["reports_to"])
        chain.reverse()  # root first
        first = next((i for i, c in enumerate(chain) if not posts[c].get("political")), None)
        depth[pid] = None if first is None else len(chain) - 1 - first
    return depth, children, posts


def _below(pid: str, children: dict[str, list[str]]) -> list[str]:
    found, walk = [], [pid]
    while walk:
        node = walk.pop()
        found.append(node)
        walk.extend(children.get(node, ()))
    return found


def _count(pids: list[str], posts: dict[str, Any]) -> tuple[int, float, int]:
    counts = [posts[p].get("headcount", 1) for p in pids]
    known = [c for c in counts if c != "unknown"]
    return len(counts), float(sum(known)), len(counts) - len(known)


@settings(deadline=None, max_examples=60)
@given(forests(), st.integers(0, 6))
def test_depths_children_and_hidden_counts_match_a_naive_walk(document: dict[str, Any], limit: int) -> None:
    org = orggraph.from_dict(document)
    depth, children, posts = _naive(document)
    forest = ChartForest(org)
    deepest = max((d for d in depth.values() if d is not None), default=-1)
    assert forest.levels == [sum(1 for d in depth.values() if d == level) for level in range(deepest + 1)]
    tree = forest.select(depth=limit, max_boxes=10_000)
    shown = {p for p, d in depth.items() if d is None or d <= limit}
    assert set(tree.cards) == shown
    for card in shown:
        kids = children.get(card, [])
        assert tree.children.get(card, []) == [k for k in kids if k in shown]
        cut = [p for k in kids if k not in shown for p in _below(k, children)]
        posts_cut, people_cut, unknown_cut = _count(cut, posts)
        hidden = tree.cards[card].hidden
        assert (hidden.posts, hidden.unknown) == (posts_cut, unknown_cut)
        assert abs(hidden.people - people_cut) < 1e-9
    everything_cut = [p for p in posts if p not in shown]
    assert tree.hidden.posts == len(everything_cut)
    # the walk order: a parent before its children, siblings in data order
    order = list(tree.cards)
    for card, kids in tree.children.items():
        assert order.index(card) < min(order.index(k) for k in kids)


def test_a_deep_chain_is_summed_by_the_plain_pass_and_counted_right() -> None:
    # 3 000 levels of one post each: the subtree totals take the plain pass, not a numpy call per level
    n = 3_000
    posts = [{"id": "p0", "name": "P0", "top": True}]
    posts += [{"id": f"p{i}", "name": f"P{i}", "reports_to": f"p{i - 1}", "headcount": 2} for i in range(1, n)]
    org = orggraph.from_dict({"organisation": {"id": "c", "name": "C"}, "posts": posts})
    forest = ChartForest(org)
    assert forest.levels == [1] * n
    tree = forest.select(depth=9)
    assert tree.cards["p9"].hidden == Hidden(n - 10, 2.0 * (n - 10), 0)
    assert tree.hidden == Hidden(n - 10, 2.0 * (n - 10), 0)
    below = ChartForest(org, root="p2000")
    assert below.levels == [1] * (n - 2000)
    assert below.select(depth=0).cards["p2000"].hidden == Hidden(n - 2001, 2.0 * (n - 2001), 0)


def test_a_board_that_closes_a_cycle_is_cut_once_and_every_card_is_drawn() -> None:
    # b1 and b2 sit on the board; b1 reports to p, p reports to b2: the board hangs from p, p from the board
    org = orggraph.from_dict(
        {
            "organisation": {"id": "k", "name": "K"},
            "units": [{"id": "direktion", "name": "Direktion", "kind": "executive_board"}],
            "posts": [
                {"id": "b2", "name": "B2", "top": True, "unit": "direktion"},
                {"id": "p", "name": "P", "reports_to": "b2"},
                {"id": "b1", "name": "B1", "reports_to": "p", "unit": "direktion"},
                {"id": "q", "name": "Q", "reports_to": "p"},
            ],
        }
    )
    tree = ChartForest(org).select()
    assert set(tree.cards) == {"direktion", "p", "q"}
    reached = list(tree.roots)
    for card in reached:
        reached.extend(tree.children.get(card, []))
    assert sorted(reached) == sorted(tree.cards)  # one tree, no card lost on the cycle
    assert tree.cards[tree.roots[0]].hidden == Hidden()
    assert tree.hidden == Hidden()
