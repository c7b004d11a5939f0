"""The tidy-tree layout: hand-computed positions and hypothesis properties (no drawing)."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.errors import OrgGraphError
from orggraph.render.layout import LayoutError, Rect, TreeLayout, _merge_steps, tidy_tree, wrap_text

GAPS = {"sibling_gap": 12.0, "subtree_gap": 24.0, "level_gap": 36.0, "column_gap": 20.0, "row_gap": 8.0}
MIN_GAP = min(GAPS.values())


@dataclass(frozen=True)
class Forest:
    roots: list[str]
    children: dict[str, list[str]]
    sizes: dict[str, tuple[float, float]]

    def leaves(self) -> list[str]:
        return [n for n in self.sizes if not self.children.get(n)]


@st.composite
def forests(draw: st.DrawFn, *, max_nodes: int = 45) -> Forest:
    count = draw(st.integers(min_value=1, max_value=max_nodes))
    new_root = draw(st.sampled_from([1, 4]))  # 1: a new root whenever no parent is drawn; 4: one time in 5
    roots = ["n0"]
    children: dict[str, list[str]] = {}
    for i in range(1, count):
        # mostly attach to a recent node (deep trees) or an early one (wide spans); sometimes a new root
        parent = draw(st.none() | st.integers(min_value=max(0, i - 6), max_value=i - 1) | st.integers(0, min(3, i - 1)))
        if parent is None and draw(st.integers(0, new_root - 1)) == 0:
            roots.append(f"n{i}")
        else:
            parent = parent if parent is not None else 0
            children.setdefault(f"n{parent}", []).append(f"n{i}")
    size = st.tuples(st.floats(20, 150), st.floats(12, 60))
    sizes = {f"n{i}": draw(size) for i in range(count)}
    return Forest(roots, children, sizes)


def star(k: int, width: float = 50.0, height: float = 20.0) -> Forest:
    kids = [f"w{i}" for i in range(k)]
    return Forest(["boss"], {"boss": kids}, dict.fromkeys(["boss", *kids], (width, height)))


def parents_of(forest: Forest) -> dict[str, str]:
    return {kid: parent for parent, kids in forest.children.items() for kid in kids}


def breadth_centre(rect: Rect, direction: str) -> float:
    x, y = rect.centre
    return x if direction == "TB" else y


def layout_of(forest: Forest, **options: object) -> TreeLayout:
    return tidy_tree(forest.roots, forest.children, forest.sizes, **GAPS, **options)  # type: ignore[arg-type]


# -- hand-computed layouts ---------------------------------------------------------------------------


def test_parent_is_centred_over_its_children() -> None:
    forest = Forest(["a"], {"a": ["b", "c", "d"]}, {"a": (40, 20), "b": (30, 20), "c": (50, 20), "d": (30, 20)})
    layout = layout_of(forest)
    # b, c, d side by side with 12 pt between them: b [0, 30], c [42, 92], d [104, 134]
    assert layout.boxes["b"] == Rect(0, 56, 30, 76)
    assert layout.boxes["c"] == Rect(42, 56, 92, 76)
    assert layout.boxes["d"] == Rect(104, 56, 134, 76)
    # a is centred between the centres of b (15) and d (119): 67
    assert layout.boxes["a"] == Rect(47, 0, 87, 20)
    assert (layout.width, layout.height) == (134, 76)


def test_levels_take_the_height_of_their_tallest_box() -> None:
    forest = Forest(["a"], {"a": ["b", "c"], "b": ["d"]}, {"a": (10, 10), "b": (10, 50), "c": (10, 20), "d": (10, 5)})
    layout = layout_of(forest)
    assert layout.boxes["b"].y0 == layout.boxes["c"].y0 == 10 + 36
    assert layout.boxes["d"].y0 == 10 + 36 + 50 + 36
    assert layout.level == {"a": 0, "b": 1, "d": 2, "c": 1}


def test_a_small_subtree_between_two_deep_ones_is_spread_evenly() -> None:
    # l and r have wide grandchildren that collide; the leaf m between them is centred in the gap
    wide = {f"{p}{i}": (100.0, 10.0) for p in "lr" for i in range(2)}
    forest = Forest(
        ["root"],
        {"root": ["l", "m", "r"], "l": ["l0", "l1"], "r": ["r0", "r1"]},
        {"root": (10, 10), "l": (10, 10), "m": (10, 10), "r": (10, 10), **wide},
    )
    layout = layout_of(forest)
    centre = {n: layout.boxes[n].centre[0] for n in ("l", "m", "r")}
    assert centre["m"] - centre["l"] == pytest.approx(centre["r"] - centre["m"])
    # the grandchildren are 24 pt (subtree gap) apart: l1 ends at 212, r0 starts at 236
    assert layout.boxes["r0"].x0 - layout.boxes["l1"].x1 == pytest.approx(24)


def test_a_single_column_hangs_from_a_spine_on_its_left() -> None:
    layout = layout_of(star(4), compact=True, columns=1)
    (stack,) = layout.stacks
    assert (stack.columns, stack.rows, stack.rect.width) == (1, 4, 70)
    link = {k.child: k for k in layout.links}
    for leaf in ("w0", "w3"):
        box = layout.boxes[leaf]
        assert box.x0 == stack.rect.x0 + 20
        assert link[leaf].points[-2:] == ((box.x0 - 10, box.centre[1]), (box.x0, box.centre[1]))


def test_compact_stacks_leaves_in_columns_read_top_down() -> None:
    layout = layout_of(star(5), compact=True, columns=2)
    (stack,) = layout.stacks
    assert (stack.columns, stack.rows, stack.members) == (2, 3, ("w0", "w1", "w2", "w3", "w4"))
    # column 1 holds w0..w2 top to bottom, column 2 holds w3, w4
    assert layout.boxes["w0"].x0 == layout.boxes["w2"].x0 < layout.boxes["w3"].x0
    assert layout.boxes["w0"].y0 < layout.boxes["w1"].y0 < layout.boxes["w2"].y0
    assert layout.boxes["w3"].y0 == layout.boxes["w0"].y0
    assert layout.width == 2 * 50 + 20
    # w0 connects to the spine between the columns at its right edge; w3 at its left edge
    spine = layout.boxes["w0"].x1 + 10
    link = {k.child: k for k in layout.links}
    assert link["w0"].points[-1] == (layout.boxes["w0"].x1, layout.boxes["w0"].centre[1])
    assert link["w3"].points[-1] == (layout.boxes["w3"].x0, layout.boxes["w3"].centre[1])
    assert link["w0"].points[-2][0] == link["w3"].points[-2][0] == spine


def test_compact_keeps_non_leaf_children_in_the_row() -> None:
    forest = Forest(
        ["a"],
        {"a": ["b", "l0", "l1", "l2", "l3", "c"], "b": ["b0"], "c": ["c0"]},
        dict.fromkeys(["a", "b", "c", "b0", "c0", "l0", "l1", "l2", "l3"], (40.0, 20.0)),
    )
    layout = layout_of(forest, compact=True)
    (stack,) = layout.stacks
    assert stack.members == ("l0", "l1", "l2", "l3")
    assert layout.boxes["b"].x1 < stack.rect.x0
    assert stack.rect.x1 < layout.boxes["c"].x0


def test_left_right_is_top_down_transposed() -> None:
    forest = Forest(["a"], {"a": ["b", "c"]}, {"a": (60, 20), "b": (40, 30), "c": (40, 10)})
    swapped = Forest(forest.roots, forest.children, {n: (h, w) for n, (w, h) in forest.sizes.items()})
    lr = layout_of(forest, direction="LR")
    tb = layout_of(swapped)
    for node, rect in lr.boxes.items():
        other = tb.boxes[node]
        assert rect == Rect(other.y0, other.x0, other.y1, other.x1)


def test_forest_roots_sit_side_by_side_in_order() -> None:
    forest = Forest(["a", "b"], {"a": ["a0"]}, {"a": (30, 10), "a0": (30, 10), "b": (30, 10)})
    layout = layout_of(forest)
    assert layout.boxes["a"].x1 + 12 == layout.boxes["b"].x0
    assert layout.boxes["a"].y0 == layout.boxes["b"].y0 == 0


def test_empty_forest() -> None:
    layout = tidy_tree([], {}, {})
    assert (layout.boxes, layout.links, layout.width, layout.height) == ({}, (), 0.0, 0.0)


def test_errors_name_the_culprit() -> None:
    with pytest.raises(LayoutError, match=r"node 'b' is reached twice \(from 'a' and 'c'\)"):
        tidy_tree(["a"], {"a": ["b", "c"], "c": ["b"]}, dict.fromkeys("abc", (1.0, 1.0)))
    with pytest.raises(LayoutError, match="node 'b' has no size"):
        tidy_tree(["a"], {"a": ["b"]}, {"a": (1.0, 1.0)})
    with pytest.raises(LayoutError, match="unknown direction 'RL'; use 'TB'"):
        tidy_tree(["a"], {}, {"a": (1.0, 1.0)}, direction="RL")  # type: ignore[arg-type]
    with pytest.raises(LayoutError, match="columns=0"):
        tidy_tree(["a"], {}, {"a": (1.0, 1.0)}, columns=0)
    assert issubclass(LayoutError, OrgGraphError)
    assert issubclass(LayoutError, ValueError)


def test_a_deep_chain_does_not_recurse() -> None:
    count = 5000
    kids = {f"n{i}": [f"n{i + 1}"] for i in range(count - 1)}
    layout = tidy_tree(["n0"], kids, {f"n{i}": (10.0, 10.0) for i in range(count)})
    assert layout.level[f"n{count - 1}"] == count - 1
    assert layout.width == 10
    # laid out again, the same layout compares equal: its timing is not part of it
    assert tidy_tree(["n0"], kids, {f"n{i}": (10.0, 10.0) for i in range(count)}) == layout


def test_wrap_text() -> None:
    assert wrap_text("Kommunaldirektør", 9, len) == ["Kommunaldirektør"]
    assert wrap_text("Kommunaldirektør", 5, len) == ["Kommu", "naldi", "rektør"]
    assert wrap_text("Sekretariatschefgruppen", 10, len) == ["Sekretaria", "tschefgruppen"]
    assert wrap_text("a b c d", 3, len) == ["a b", "c d"]
    assert wrap_text("  ", 3, len) == [""]


# -- properties -----------------------------------------------------------------------------------


def _segment_crosses(rect: Rect, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether an axis-parallel segment passes through the interior of ``rect``."""
    (x0, y0), (x1, y1) = a, b
    lo_x, hi_x = min(x0, x1), max(x0, x1)
    lo_y, hi_y = min(y0, y1), max(y0, y1)
    eps = 1e-6
    return lo_x < rect.x1 - eps and hi_x > rect.x0 + eps and lo_y < rect.y1 - eps and hi_y > rect.y0 + eps


options = st.fixed_dictionaries(
    {
        "direction": st.sampled_from(["TB", "LR"]),
        "compact": st.booleans(),
        "columns": st.integers(1, 4),
        "min_stack": st.integers(2, 5),
    }
)


@settings(max_examples=150, deadline=None)
@given(forests(), options)
def test_layout_properties(forest: Forest, opts: dict[str, object]) -> None:
    layout = layout_of(forest, **opts)
    direction = opts["direction"]
    boxes = layout.boxes
    assert set(boxes) == set(forest.sizes)

    # boxes are at least as large as asked (stacked leaves take their stack's cell size)
    for node, (w, h) in forest.sizes.items():
        assert boxes[node].width >= w - 1e-6
        assert boxes[node].height >= h - 1e-6

    # no two boxes overlap, and they keep the smallest gap apart
    for (a, ra), (b, rb) in itertools.combinations(boxes.items(), 2):
        assert not ra.overlaps(rb, margin=MIN_GAP - 1e-6), (a, b, ra, rb)

    # every child is below (TB) or right of (LR) its parent, a level gap away
    for kid, parent in parents_of(forest).items():
        if direction == "TB":
            assert boxes[kid].y0 >= boxes[parent].y1 + GAPS["level_gap"] - 1e-6
        else:
            assert boxes[kid].x0 >= boxes[parent].x1 + GAPS["level_gap"] - 1e-6

    # siblings keep their order: along the row, and in reading order within a stack
    stacked = {m: s for s in layout.stacks for m in s.members}
    for kids in [forest.roots, *forest.children.values()]:
        row = [k for k in kids if k not in stacked]
        centres = [breadth_centre(boxes[k], str(direction)) for k in row]
        assert centres == sorted(set(centres))
    for stack in layout.stacks:
        reading = sorted(stack.members, key=lambda m: (round(boxes[m].x0, 6), round(boxes[m].y0, 6)))
        assert tuple(reading) == stack.members

    # links: axis-parallel polylines from the parent's edge to the child's, through no other box
    for link in layout.links:
        points = link.points
        assert all(p[0] == q[0] or p[1] == q[1] for p, q in itertools.pairwise(points))
        assert _on_edge(boxes[link.parent], points[0])
        assert _on_edge(boxes[link.child], points[-1])
        for node, rect in boxes.items():
            if node in (link.parent, link.child):
                continue
            for start, end in itertools.pairwise(points):
                assert not _segment_crosses(rect, start, end), (link.parent, link.child, node)
    assert len(layout.links) == sum(len(k) for k in forest.children.values())


def _on_edge(rect: Rect, point: tuple[float, float]) -> bool:
    x, y = point
    inside = rect.x0 - 1e-6 <= x <= rect.x1 + 1e-6 and rect.y0 - 1e-6 <= y <= rect.y1 + 1e-6
    border = min(abs(x - rect.x0), abs(x - rect.x1), abs(y - rect.y0), abs(y - rect.y1)) < 1e-6
    return inside and border


@settings(max_examples=100, deadline=None)
@given(forests(max_nodes=80), options)
def test_merging_work_is_linear(forest: Forest, opts: dict[str, object]) -> None:
    steps = _merge_steps(forest.roots, forest.children, forest.sizes, **opts)  # type: ignore[arg-type]
    assert steps <= len(forest.sizes)
    # the same layout twice compares equal (no timings in it)
    assert layout_of(forest, **opts) == layout_of(forest, **opts)


def test_a_stack_reaches_over_no_more_levels_than_it_has_boxes_however_small_the_boxes_above() -> None:
    # boxes of 0.01 pt set the level size; with no level gap, levels that small below them made each
    # 400 pt box of a stack reach over 40 000 levels (with a box of 1e-7 pt: out of memory)
    sizes = {"r": (50.0, 0.01), "a": (50.0, 0.01), "b": (50.0, 0.01)}
    sizes |= {f"{parent}{i}": (50.0, 400.0) for parent in "ab" for i in range(3)}
    children = {"r": ["a", "b"], "a": ["a0", "a1", "a2"], "b": ["b0", "b1", "b2"]}
    gaps = (12.0, 24.0, 0.0, 20.0, 8.0)
    assert _merge_steps(["r"], children, sizes, compact=True, columns=1, min_stack=2, gaps=gaps) <= len(sizes)
    layout = tidy_tree(["r"], children, sizes, compact=True, columns=1, min_stack=2, level_gap=0.0)
    assert layout.height == pytest.approx(0.01 + 0.01 + 3 * 400 + 2 * 8)  # two levels, a stack of 3 and 2 gaps


@pytest.mark.parametrize(
    ("shape", "count"),
    [("comb", 4000), ("binary", 4095), ("star of chains", 4000), ("chain", 4000)],
)
def test_merging_work_stays_linear_on_hard_shapes(shape: str, count: int) -> None:
    # a comb (a spine with a leaf on each side of every spine node) and a complete binary tree make
    # contour-copying layouts quadratic; a star of chains compares long contours side by side
    children: dict[str, list[str]] = {}
    for i in range(1, count):
        parent = {
            "comb": (i - 1) // 3 * 3,  # n0 has n1, n2, n3; n3 has n4, n5, n6; ...
            "binary": (i - 1) // 2,
            "star of chains": 0 if i <= 20 else i - 20,
            "chain": i - 1,
        }[shape]
        children.setdefault(f"n{parent}", []).append(f"n{i}")
    sizes = {f"n{i}": (30.0, 10.0) for i in range(count)}
    assert _merge_steps(["n0"], children, sizes) <= count
    assert len(tidy_tree(["n0"], children, sizes).boxes) == count


@settings(max_examples=100, deadline=None)
@given(forests(), st.sampled_from(["TB", "LR"]))
def test_breadth_grows_at_most_linearly_with_leaves(forest: Forest, direction: str) -> None:
    layout = layout_of(forest, direction=direction)
    widest = max((w if direction == "TB" else h) for w, h in forest.sizes.values())
    extent = layout.width if direction == "TB" else layout.height
    leaves = len(forest.leaves())
    assert extent <= leaves * (widest + GAPS["subtree_gap"]) + 1e-6


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 80), st.integers(1, 6))
def test_a_star_is_exactly_as_wide_as_its_leaves_or_its_columns(k: int, columns: int) -> None:
    forest = star(k)
    assert layout_of(forest).width == pytest.approx(max(50, k * 50 + (k - 1) * 12))
    compact = layout_of(forest, compact=True, columns=columns, min_stack=2)
    if k < 2:  # nothing to stack
        assert compact.width == 50
        return
    used = math.ceil(k / math.ceil(k / min(columns, k)))
    # columns of 50 with 20 between them; a single column has a 20 pt lane for its spine
    expected = used * 50 + (used - 1) * 20 if used > 1 else 50 + 20
    assert compact.width == pytest.approx(expected)
    assert compact.width <= max(columns * 50 + (columns - 1) * 20, 70)
