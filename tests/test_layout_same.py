"""The layout gives exactly the layout of its frozen reference (tests/layout_reference.py) on random forests.

Every field of the :class:`~orggraph.render.layout.TreeLayout` is compared exactly, in order: each box's
rectangle (and the order of the boxes, which is the drawing order), each link's parent, child and points,
each stack, each node's level, the width, the height and the direction; and a bad forest raises the same
:class:`~orggraph.errors.LayoutError` with the same message.
"""

from __future__ import annotations

import random
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.errors import LayoutError
from orggraph.render import layout as fast
from tests import layout_reference as reference

Forest = tuple[list[str], dict[str, list[str]], dict[str, tuple[float, float]]]


def plain(layout: Any) -> dict[str, Any]:
    """Every field of a layout (of either module) as plain tuples, dicts in their order as lists."""
    return {
        "boxes": [(n, (r.x0, r.y0, r.x1, r.y1)) for n, r in layout.boxes.items()],
        "links": [(k.parent, k.child, k.points) for k in layout.links],
        "stacks": [
            (s.parent, s.members, s.columns, s.rows, (s.rect.x0, s.rect.y0, s.rect.x1, s.rect.y1))
            for s in layout.stacks
        ],
        "level": list(layout.level.items()),
        "width": layout.width,
        "height": layout.height,
        "direction": layout.direction,
    }


def outcome(module: Any, forest: Forest, options: dict[str, Any]) -> dict[str, Any] | str:
    """The plain layout, or the message of the LayoutError it raises."""
    roots, children, sizes = forest
    try:
        return plain(module.tidy_tree(roots, children, sizes, **options))
    except LayoutError as error:
        return f"LayoutError: {error}"


def assert_same(forest: Forest, options: dict[str, Any]) -> None:
    expected = outcome(reference, forest, options)
    actual = outcome(fast, forest, options)
    if isinstance(expected, str) or isinstance(actual, str):
        assert actual == expected
        return
    for field in expected:
        assert actual[field] == expected[field], field
    # and bit for bit: repr tells -0.0 from 0.0 and 2 from 2.0
    assert repr(actual) == repr(expected)


# sizes: odd floats, ties (a few repeated values), tiny and huge boxes, zero sides
SIZE = st.one_of(
    st.floats(0.0, 400.0, allow_nan=False),
    st.sampled_from([0.0, 1.0, 12.5, 40.0, 160.0, 1e-7, 33.333333333333336]),
    st.integers(0, 300),
)


@st.composite
def forests(draw: st.DrawFn, *, max_nodes: int = 70) -> Forest:
    """A random forest mixing deep chains, wide fans, leaf runs (compact stacks) and several roots."""
    count = draw(st.integers(1, max_nodes))
    roots = ["n0"]
    children: dict[str, list[str]] = {}
    fan = 0
    for i in range(1, count):
        how = draw(st.sampled_from(["chain", "fan", "recent", "any", "root", "new fan"]))
        if how == "root":
            roots.append(f"n{i}")
            continue
        if how == "new fan":
            fan = draw(st.integers(0, i - 1))
        parent = {
            "chain": i - 1,
            "fan": fan,
            "new fan": fan,
            "recent": draw(st.integers(max(0, i - 5), i - 1)),
            "any": draw(st.integers(0, i - 1)),
        }[how]
        children.setdefault(f"n{parent}", []).append(f"n{i}")
    if draw(st.booleans()):  # children listed out of id order, and empty child lists
        for kids in children.values():
            draw(st.randoms(use_true_random=False)).shuffle(kids)
        children[f"n{count - 1}"] = children.get(f"n{count - 1}", [])
    sizes = {f"n{i}": (draw(SIZE), draw(SIZE)) for i in range(count)}
    return roots, children, sizes


GAP = st.one_of(
    st.sampled_from([0.0, -0.0, 12.0, 24.0, 36.0, 8.0, 20.0, 5]),
    st.floats(0.0, 60.0, allow_nan=False, allow_subnormal=False),
)
OPTIONS = st.fixed_dictionaries(
    {
        "direction": st.sampled_from(["TB", "LR"]),
        "compact": st.booleans(),
        "columns": st.integers(1, 5),
        "min_stack": st.integers(2, 6),
    },
    optional={
        "sibling_gap": GAP,
        "subtree_gap": GAP,
        "level_gap": GAP,
        "column_gap": GAP,
        "row_gap": GAP,
    },
)


@settings(max_examples=200, deadline=None)
@given(forests(), OPTIONS, st.integers(1, 8), st.integers(2, 70))
def test_the_layout_is_the_reference_layout(
    forest: Forest, options: dict[str, Any], bulk_rows: int, bulk_row: int
) -> None:
    # rows of leaves are merged all at once when there are enough of them: lower the thresholds so that
    # small forests take that path too, with rows of every length in or out of it
    with mock.patch.object(fast, "_BULK_ROWS", bulk_rows), mock.patch.object(fast, "_BULK_ROW", bulk_row):
        assert_same(forest, options)


@settings(max_examples=60, deadline=None)
@given(forests(max_nodes=25), OPTIONS, st.data())
def test_a_bad_forest_fails_as_the_reference_fails(forest: Forest, options: dict[str, Any], data: Any) -> None:
    roots, children, sizes = forest
    nodes = list(sizes)
    fault = data.draw(st.sampled_from(["second parent", "cycle", "no size", "root twice", "bad option"]))
    node = data.draw(st.sampled_from(nodes))
    if fault == "second parent":
        children.setdefault(data.draw(st.sampled_from(nodes)), []).append(node)
    elif fault == "cycle":
        children.setdefault(node, []).append(roots[0])
    elif fault == "no size":
        del sizes[node]
    elif fault == "root twice":
        roots.append(data.draw(st.sampled_from(roots)))
    else:
        options = {
            **options,
            **data.draw(
                st.sampled_from(
                    [{"direction": "RL"}, {"columns": 0}, {"min_stack": 1}, {"level_gap": -1.0}, {"sibling_gap": -0.5}]
                )
            ),
        }
    assert_same((roots, children, sizes), options)


def shape(name: str, count: int) -> Forest:
    """The hard shapes of test_layout.py and the benchmarks, at a few thousand boxes."""
    rng = random.Random(count)
    children: dict[str, list[str]] = {}
    for i in range(1, count):
        parent = {
            "comb": (i - 1) // 3 * 3,
            "binary": (i - 1) // 2,
            "star of chains": 0 if i <= 20 else i - 20,
            "chain": i - 1,
            "one manager": 0,
            "span 8": (i - 1) // 8,
            "random": rng.randrange(i),
            "random recent": rng.randrange(max(0, i - 30), i),
        }[name]
        children.setdefault(f"n{parent}", []).append(f"n{i}")
    sizes = {f"n{i}": (rng.choice([160.0, 80.5, 120.25]), rng.choice([40.0, 52.5, 27.0])) for i in range(count)}
    return ["n0"], children, sizes


@pytest.mark.parametrize(
    "name", ["comb", "binary", "star of chains", "chain", "one manager", "span 8", "random", "random recent"]
)
@pytest.mark.parametrize("options", [{}, {"direction": "LR", "compact": True}, {"compact": True, "columns": 1}])
def test_large_shapes_are_laid_out_as_the_reference(name: str, options: dict[str, Any]) -> None:
    assert_same(shape(name, 2000), options)
