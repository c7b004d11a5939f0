"""A frozen copy of orggraph/render/layout.py as of commit a294657, before it was rewritten for speed (issue 18).

tests/test_layout_same.py compares :func:`orggraph.render.layout.tidy_tree` against :func:`tidy_tree` here on random
forests, field by field. Do not edit this copy: it is the reference the rewrite must reproduce exactly.

The original module docstring follows.


:func:`tidy_tree` places the boxes of a forest so that no two overlap, every
child sits below its parent (or right of it, left to right), siblings keep
their order, and parents are centred over their children. It is the
Reingold-Tilford algorithm with Walker's spreading of small subtrees between
large ones, on layered contours (one entry per level), in time linear in the
number of boxes:

- every subtree keeps its left and right contour as two lists stored deepest
  level first, so adding a parent's own level is an ``append``;
- merging two neighbouring subtrees compares only the levels both have and
  then reuses the lists of the deeper one, overwriting the shallower part, so
  a merge costs the height of the *shallower* subtree (the classic argument
  makes the sum of those linear);
- the space a deep collision opens between two subtrees is shared out among
  the smaller subtrees between them with a ramp kept as second differences,
  applied once per parent at the end (Buchheim, Jünger and Leipert's trick).

Box sizes come from the caller (measured text); :func:`wrap_text` breaks a
label into lines for a width, given any text-measuring function.

*Compact* mode stacks the leaf children of a wide span in a grid of
``columns`` columns below the parent, joined by a vertical spine between each
pair of columns (or on the left of a single column), so a span of 40 does not
make the chart 40 boxes wide. A stack occupies as many levels as its height
needs; its columns are as wide as its widest member, its rows as tall as their
tallest.

Coordinates are points with the origin at the top left and y growing
downwards; the layout starts at (0, 0).

Examples
--------
>>> layout = tidy_tree(["ceo"], {"ceo": ["cfo", "coo"]}, {"ceo": (80, 30), "cfo": (60, 30), "coo": (60, 30)})
>>> layout.boxes["ceo"]
Rect(x0=26.0, y0=0.0, x1=106.0, y1=30.0)
>>> layout.boxes["cfo"].y0 > layout.boxes["ceo"].y1, layout.boxes["cfo"].x1 < layout.boxes["coo"].x0
(True, True)
>>> layout.width, layout.height
(132.0, 96.0)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from orggraph.errors import LayoutError
from orggraph.gc_pause import gc_paused

__all__ = ["Direction", "LayoutError", "Link", "Rect", "Stack", "TreeLayout", "tidy_tree", "wrap_text"]

Direction = Literal["TB", "LR"]
"""Top to bottom (children below their parent) or left to right (children to the right)."""

_ROOT = "\x00root"
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-parallel rectangle in points (y grows downwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        """The width."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """The height."""
        return self.y1 - self.y0

    @property
    def centre(self) -> tuple[float, float]:
        """The centre point."""
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def overlaps(self, other: Rect, *, margin: float = 0.0) -> bool:
        """Whether the rectangles share interior points (or come closer than ``margin``).

        Parameters
        ----------
        other : Rect
            The other rectangle.
        margin : float, default 0.0
            The least distance the rectangles must keep, in the layout's units.

        Examples
        --------
        >>> Rect(0, 0, 10, 10).overlaps(Rect(10, 0, 20, 10))
        False
        >>> Rect(0, 0, 10, 10).overlaps(Rect(12, 0, 20, 10), margin=3)
        True
        """
        return (
            self.x0 < other.x1 + margin
            and other.x0 < self.x1 + margin
            and self.y0 < other.y1 + margin
            and other.y0 < self.y1 + margin
        )

    def shifted(self, dx: float, dy: float) -> Rect:
        """The rectangle moved by (dx, dy).

        Parameters
        ----------
        dx, dy : float
            The move along x and y.

        Examples
        --------
        >>> Rect(0, 0, 1, 1).shifted(2, 3)
        Rect(x0=2, y0=3, x1=3, y1=4)
        """
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


@dataclass(frozen=True, slots=True)
class Link:
    """The connector from a parent's box to a child's box: an orthogonal polyline."""

    parent: str
    child: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Stack:
    """Leaf children of one parent stacked in a grid (compact mode), filled column by column."""

    parent: str
    members: tuple[str, ...]
    columns: int
    rows: int
    rect: Rect


@dataclass(frozen=True)
class TreeLayout:
    """The result of :func:`tidy_tree`.

    ``boxes`` maps every node to its rectangle, ``links`` has one connector per
    parent-child pair, ``stacks`` the compact stacks, ``level`` each node's
    depth (roots are 0). Equal layouts compare equal; a benchmark times
    :func:`tidy_tree` itself.
    """

    boxes: dict[str, Rect]
    links: tuple[Link, ...]
    stacks: tuple[Stack, ...]
    level: dict[str, int]
    width: float
    height: float
    direction: Direction

    def shifted(self, dx: float, dy: float) -> TreeLayout:
        """The same layout moved by (dx, dy) (``width`` and ``height`` stay the extent).

        Parameters
        ----------
        dx, dy : float
            The move along x and y.

        Examples
        --------
        >>> tidy_tree(["a"], {}, {"a": (10, 5)}).shifted(3, 4).boxes["a"]
        Rect(x0=3.0, y0=4.0, x1=13.0, y1=9.0)
        """
        return TreeLayout(
            boxes={n: r.shifted(dx, dy) for n, r in self.boxes.items()},
            links=tuple(Link(k.parent, k.child, tuple((x + dx, y + dy) for x, y in k.points)) for k in self.links),
            stacks=tuple(Stack(s.parent, s.members, s.columns, s.rows, s.rect.shifted(dx, dy)) for s in self.stacks),
            level=self.level,
            width=self.width,
            height=self.height,
            direction=self.direction,
        )


@dataclass(slots=True)
class _Contour:
    """Left and right extents per level, deepest level first, relative to ``offset``."""

    left: list[float]
    right: list[float]
    owner: list[str]
    offset: float


@dataclass(slots=True)
class _StackPlan:
    parent: str
    members: list[str]
    columns: int
    rows: int
    cell_width: float
    row_heights: list[float]
    width: float
    height: float


def tidy_tree(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    sizes: Mapping[str, tuple[float, float]],
    *,
    direction: Direction = "TB",
    compact: bool = False,
    columns: int = 2,
    min_stack: int = 4,
    sibling_gap: float = 12.0,
    subtree_gap: float = 24.0,
    level_gap: float = 36.0,
    column_gap: float = 20.0,
    row_gap: float = 8.0,
) -> TreeLayout:
    """Lay out a forest of boxes as a tidy tree.

    Parameters
    ----------
    roots : sequence of str
        The roots, drawn side by side in this order.
    children : mapping of str to sequence of str
        Each node's children in drawing order (nodes without children may be absent).
    sizes : mapping of str to (float, float)
        Each node's box (width, height) in points.
    direction : {"TB", "LR"}
        Children below their parent (top to bottom) or to its right (left to right).
    compact : bool
        Stack the leaf children of a parent that has at least ``min_stack`` of
        them in a grid of ``columns`` columns.
    columns : int
        Columns of a stack. The spine runs between each pair of columns, or
        on the left of a single column.
    min_stack : int
        The fewest leaf children that are stacked (at least 2).
    sibling_gap, subtree_gap : float
        Space between neighbouring boxes of one parent, and between subtrees
        below that (points).
    level_gap : float
        Space between levels, where the connectors run.
    column_gap, row_gap : float
        Space between the columns and rows of a stack.

    Returns
    -------
    TreeLayout

    Raises
    ------
    LayoutError
        If a node is reached twice (a cycle, or two parents), has no size, or
        an option is out of range.

    Examples
    --------
    >>> kids = {"boss": [f"w{i}" for i in range(6)]}
    >>> sizes = {n: (50.0, 20.0) for n in ["boss", *kids["boss"]]}
    >>> wide = tidy_tree(["boss"], kids, sizes)
    >>> narrow = tidy_tree(["boss"], kids, sizes, compact=True)
    >>> wide.width, narrow.width, len(narrow.stacks[0].members)
    (360.0, 120.0, 6)
    >>> tidy_tree(["boss"], kids, sizes, direction="LR").boxes["w0"].x0 > sizes["boss"][0]
    True
    """
    with gc_paused():  # the layout makes no reference cycles; collections would only slow it down
        return _layout(
            roots,
            children,
            sizes,
            direction,
            compact,
            columns,
            min_stack,
            (sibling_gap, subtree_gap, level_gap, column_gap, row_gap),
        )


def _layout(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    sizes: Mapping[str, tuple[float, float]],
    direction: Direction,
    compact: bool,
    columns: int,
    min_stack: int,
    gaps: tuple[float, float, float, float, float],
) -> TreeLayout:
    """The stages of :func:`tidy_tree`, in order; each is a function below."""
    _check_options(direction, columns, min_stack, gaps)
    forest = _walk(roots, children, sizes)
    rows = _rows(roots, children, sizes, forest, direction == "TB", compact, columns, min_stack, gaps)
    levels = _Levels(forest, rows, gaps[2])
    relative, _ = _relative_positions(rows, levels, gaps)
    boxes, stack_rects, origin = _absolute_positions(rows, relative, levels, gaps)
    links, stacks = _connectors(rows, boxes, stack_rects, levels, origin, gaps)
    extents = [*boxes.values(), *stack_rects.values()]
    return TreeLayout(
        boxes=boxes,
        links=tuple(links),
        stacks=tuple(stacks),
        level={n: forest.level[n] for n in forest.order},
        width=max((r.x1 for r in extents), default=0.0),
        height=max((r.y1 for r in extents), default=0.0),
        direction=direction,
    )


def _check_options(
    direction: Direction, columns: int, min_stack: int, gaps: tuple[float, float, float, float, float]
) -> None:
    if direction not in ("TB", "LR"):
        raise LayoutError(f"unknown direction {direction!r}; use 'TB' (top to bottom) or 'LR' (left to right)")
    if columns < 1:
        raise LayoutError(f"columns={columns}: a stack needs at least 1 column")
    if min_stack < 2:
        raise LayoutError(f"min_stack={min_stack}: stack at least 2 leaves")
    for name, gap in zip(("sibling_gap", "subtree_gap", "level_gap"), gaps, strict=False):
        if not gap >= 0:
            raise LayoutError(f"{name}={gap}: gaps must be zero or positive")


@dataclass(slots=True)
class _Forest:
    """Stage 1: each node's parent and level, and the nodes in pre-order."""

    parent: dict[str, str]
    level: dict[str, int]
    order: list[str]


def _walk(roots: Sequence[str], children: Mapping[str, Sequence[str]], sizes: Mapping[str, object]) -> _Forest:
    """Walk the forest depth first, refusing a node reached twice or without a size."""
    parent: dict[str, str] = {}
    level: dict[str, int] = {}
    order: list[str] = []
    stack_walk: list[str] = []
    for root in reversed(roots):
        if root in parent:
            raise LayoutError(f"node {root!r} is given as a root twice")
        parent[root] = _ROOT
        level[root] = 0
        stack_walk.append(root)
    while stack_walk:
        node = stack_walk.pop()
        if node not in sizes:
            raise LayoutError(f"node {node!r} has no size; give every node a (width, height)")
        order.append(node)
        kids = children.get(node, ())
        for kid in reversed(kids):
            if kid in parent:
                raise LayoutError(
                    f"node {kid!r} is reached twice (from {parent[kid]!r} and {node!r}): the tree has a cycle "
                    "or a node with two parents"
                )
            parent[kid] = node
            level[kid] = level[node] + 1
            stack_walk.append(kid)
    return _Forest(parent, level, order)


@dataclass(slots=True)
class _Rows:
    """Stage 2: each parent's row of items (a node, or one stack in place of its stacked leaves)."""

    across: bool
    sizes: Mapping[str, tuple[float, float]]
    items: dict[str, list[str]]
    plans: dict[str, _StackPlan]
    item_parent: dict[str, str]
    level: dict[str, int]
    order: list[str]

    def breadth(self, item: str) -> float:
        """The item's extent across the levels (its width, top to bottom)."""
        plan = self.plans.get(item)
        if plan is not None:
            return plan.width if self.across else plan.height
        w, h = self.sizes[item]
        return w if self.across else h

    def depth_size(self, item: str) -> float:
        """The item's extent along the levels (its height, top to bottom)."""
        plan = self.plans.get(item)
        if plan is not None:
            return plan.height if self.across else plan.width
        w, h = self.sizes[item]
        return h if self.across else w


def _rows(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    sizes: Mapping[str, tuple[float, float]],
    forest: _Forest,
    across: bool,
    compact: bool,
    columns: int,
    min_stack: int,
    gaps: tuple[float, float, float, float, float],
) -> _Rows:
    """Each parent's children as a row of items, with stacked leaves replaced by one stack item."""
    column_gap, row_gap = gaps[3], gaps[4]
    level = forest.level
    items: dict[str, list[str]] = {}
    plans: dict[str, _StackPlan] = {}
    item_parent: dict[str, str] = {}
    for holder, kids in ((_ROOT, list(roots)), *((n, list(children.get(n, ()))) for n in forest.order)):
        if not kids:
            continue
        row: list[str] = kids
        if compact:
            leaves = [k for k in kids if not children.get(k)]
            if len(leaves) >= min_stack:
                key = f"\x00stack:{holder}"
                plans[key] = _plan_stack(holder, leaves, sizes, columns, column_gap, row_gap)
                leaf_set = set(leaves)
                row = []
                for kid in kids:
                    if kid not in leaf_set:
                        row.append(kid)
                    elif kid == leaves[0]:
                        row.append(key)
                level[key] = level[holder] + 1 if holder != _ROOT else 0
        items[holder] = row
        for item in row:
            item_parent[item] = holder
    return _Rows(across, sizes, items, plans, item_parent, level, forest.order)


class _Levels:
    """Stage 3: where each level starts along the depth axis; a level is as deep as its deepest box.

    A stack may reach over several levels (``span``); levels below the deepest
    box exist only for stacks and get the smallest level's size, or more where
    a stack's boxes are deeper on average than such a level and its gap: no
    stack reaches over more of them than it has boxes.
    """

    def __init__(self, forest: _Forest, rows: _Rows, level_gap: float) -> None:
        self.level_gap = level_gap
        level_size: list[float] = []
        for node in forest.order:
            if node in rows.item_parent:  # stacked leaves do not set a level's size
                lv = forest.level[node]
                while len(level_size) <= lv:
                    level_size.append(0.0)
                level_size[lv] = max(level_size[lv], rows.depth_size(node))
        self.default_size = min((s for s in level_size if s > 0), default=1.0)
        self.size = [s if s > 0 else self.default_size for s in level_size]
        # levels below the deepest box: at least a stack's depth per box, so that a stack spans few
        self.below_size = max(
            [self.default_size]
            + [rows.depth_size(key) / len(plan.members) - level_gap for key, plan in rows.plans.items()]
        )
        self.start: list[float] = []
        position = 0.0
        for size in self.size:
            self.start.append(position)
            position += size + level_gap
        self.span: dict[str, int] = {}
        for key in rows.plans:
            lv = rows.level[key]
            bottom = self.start_of(lv) + rows.depth_size(key)
            count = 1
            while self.start_of(lv + count) - level_gap < bottom - _EPS:
                count += 1
            self.span[key] = count

    def start_of(self, lv: int) -> float:
        """Where level ``lv`` starts (adding levels below the deepest box as needed)."""
        level_start, level_size = self.start, self.size
        while len(level_start) <= lv:
            previous = len(level_start) - 1
            level_start.append(level_start[previous] + level_size[previous] + self.level_gap if level_start else 0.0)
            level_size.append(self.below_size)
        return level_start[lv]


def _relative_positions(
    rows: _Rows, levels: _Levels, gaps: tuple[float, float, float, float, float]
) -> tuple[dict[str, float], int]:
    """Stage 4: each item's centre relative to its parent's, merging contours bottom-up.

    Returns the positions and the number of contour levels compared while
    merging (the work that must stay linear in the number of boxes).
    """
    merger = _Merger(rows, gaps[0], gaps[1])
    span = levels.span
    # post-order over items (a stack is an item without children of its own)
    post_order: list[str] = []
    walk_items = list(rows.items.get(_ROOT, ()))
    while walk_items:
        item = walk_items.pop()
        post_order.append(item)
        walk_items.extend(rows.items.get(item, ()))
    contours = merger.contours
    for item in reversed(post_order):
        half = rows.breadth(item) / 2
        if item in rows.plans:
            n = span[item]
            contours[item] = _Contour([-half] * n, [half] * n, [item] * n, 0.0)
            continue
        contour = merger.merge_row(item) if item in rows.items else _Contour([], [], [], 0.0)
        contour.left.append(-half - contour.offset)
        contour.right.append(half - contour.offset)
        contour.owner.append(item)
        contours[item] = contour
    if rows.items.get(_ROOT):
        merger.merge_row(_ROOT)
    return merger.rel, merger.steps


def _merge_steps(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    sizes: Mapping[str, tuple[float, float]],
    *,
    direction: Direction = "TB",
    compact: bool = False,
    columns: int = 2,
    min_stack: int = 4,
    gaps: tuple[float, float, float, float, float] = (12.0, 24.0, 36.0, 20.0, 8.0),
) -> int:
    """The contour levels :func:`tidy_tree` compares while merging subtrees (for tests of its linearity)."""
    forest = _walk(roots, children, sizes)
    rows = _rows(roots, children, sizes, forest, direction == "TB", compact, columns, min_stack, gaps)
    return _relative_positions(rows, _Levels(forest, rows, gaps[2]), gaps)[1]


class _Merger:
    """Places the items of one row side by side against the contours of their subtrees."""

    def __init__(self, rows: _Rows, sibling_gap: float, subtree_gap: float) -> None:
        self.items = rows.items
        self.item_parent = rows.item_parent
        self.sibling_gap = sibling_gap
        self.subtree_gap = subtree_gap
        self.rel: dict[str, float] = {}
        self.contours: dict[str, _Contour] = {}
        self.steps = 0
        self.index: dict[str, int] = {}
        for row in rows.items.values():
            for i, item in enumerate(row):
                self.index[item] = i

    def climb(self, node: str, holder: str) -> str:
        """The item of ``holder``'s row whose subtree holds ``node``."""
        item_parent = self.item_parent
        while item_parent[node] != holder:
            node = item_parent[node]
        return node

    def merge_row(self, holder: str) -> _Contour:
        """Merge the contours of ``holder``'s items left to right; return the row's contour, centred."""
        contours, sibling_gap, subtree_gap = self.contours, self.sibling_gap, self.subtree_gap
        row = self.items[holder]
        first = row[0]
        acc = contours.pop(first)
        count = len(row)
        pos = [0.0] * count
        ramp = [0.0] * (count + 2)
        for j in range(1, count):
            cur = contours.pop(row[j])
            a_left, a_right, a_owner, a_off = acc.left, acc.right, acc.owner, acc.offset
            b_left, b_right, b_owner, b_off = cur.left, cur.right, cur.owner, cur.offset
            ha, hb = len(a_left), len(b_left)
            common = min(ha, hb)
            self.steps += common
            reqs: list[float] = []
            best = -math.inf
            best_r = 0
            for r in range(common):
                gap = sibling_gap if r == 0 else subtree_gap
                req = a_right[ha - 1 - r] + a_off + gap - b_left[hb - 1 - r] - b_off
                reqs.append(req)
                if req > best + _EPS:
                    best, best_r = req, r
            shift = best
            pos[j] = shift
            if best_r > 0:
                k = self.index[self.climb(a_owner[ha - 1 - best_r], holder)]
                if j - k >= 2:
                    room = min(shift - reqs[r] for r in range(best_r))
                    if room > _EPS:
                        step = room / (j - k)
                        ramp[k + 1] += step
                        ramp[j] -= room
                        ramp[j + 1] += room - step
            b_off += shift
            if hb <= ha:
                for r in range(hb):
                    a_right[ha - 1 - r] = b_right[hb - 1 - r] + b_off - a_off
                    a_owner[ha - 1 - r] = b_owner[hb - 1 - r]
            else:
                for r in range(ha):
                    b_left[hb - 1 - r] = a_left[ha - 1 - r] + a_off - b_off
                acc = _Contour(b_left, b_right, b_owner, b_off)
        if count > 2:
            slope = 0.0
            value = 0.0
            for i in range(count):
                slope += ramp[i]
                value += slope
                pos[i] += value
        middle = (pos[0] + pos[-1]) / 2
        for i, item in enumerate(row):
            self.rel[item] = pos[i] - middle
        acc.offset -= middle
        return acc


def _absolute_positions(
    rows: _Rows, relative: dict[str, float], levels: _Levels, gaps: tuple[float, float, float, float, float]
) -> tuple[dict[str, Rect], dict[str, Rect], tuple[float, float]]:
    """Stage 5: every box and stack as a rectangle, the layout moved to start at (0, 0).

    Returns the boxes, the stacks' rectangles and the (x, y) the layout was moved by.
    """
    column_gap, row_gap = gaps[3], gaps[4]
    across, plans, items = rows.across, rows.plans, rows.items
    centre_b: dict[str, float] = {}
    walk = list(items.get(_ROOT, ()))
    for item in walk:
        centre_b[item] = relative[item]
    while walk:
        item = walk.pop()
        base = centre_b[item]
        for kid in items.get(item, ()):
            centre_b[kid] = base + relative[kid]
            walk.append(kid)

    boxes: dict[str, Rect] = {}
    stack_rects: dict[str, Rect] = {}
    for item, b in centre_b.items():
        d0 = levels.start[rows.level[item]]
        half = rows.breadth(item) / 2
        extent = rows.depth_size(item)
        rect = Rect(b - half, d0, b + half, d0 + extent) if across else Rect(d0, b - half, d0 + extent, b + half)
        if item in plans:
            stack_rects[item] = rect
            plan = plans[item]
            tops = list(itertools.accumulate((h + row_gap for h in plan.row_heights), initial=rect.y0))
            for i, member in enumerate(plan.members):
                column, row_index = divmod(i, plan.rows)
                x0 = rect.x0 + column * (plan.cell_width + column_gap) + (column_gap if plan.columns == 1 else 0.0)
                y0 = tops[row_index]
                boxes[member] = Rect(x0, y0, x0 + plan.cell_width, y0 + plan.row_heights[row_index])
        else:
            boxes[item] = rect

    extents = [*boxes.values(), *stack_rects.values()]  # a single column's spine lane is in its stack
    min_x = min((r.x0 for r in extents), default=0.0)
    min_y = min((r.y0 for r in extents), default=0.0)
    boxes = {n: r.shifted(-min_x, -min_y) for n, r in boxes.items()}
    stack_rects = {k: r.shifted(-min_x, -min_y) for k, r in stack_rects.items()}
    return boxes, stack_rects, (min_x, min_y)


def _connectors(
    rows: _Rows,
    boxes: dict[str, Rect],
    stack_rects: dict[str, Rect],
    levels: _Levels,
    origin: tuple[float, float],
    gaps: tuple[float, float, float, float, float],
) -> tuple[list[Link], list[Stack]]:
    """Stage 6: a connector from each parent to each child (through a stack's spine), and the stacks."""
    sibling_gap, level_gap, column_gap = gaps[0], gaps[2], gaps[3]
    across, plans = rows.across, rows.plans
    links: list[Link] = []
    stacks: list[Stack] = []
    for holder, row in rows.items.items():
        if holder == _ROOT:
            for item in row:
                if item in plans:
                    plan = plans[item]
                    stacks.append(Stack(holder, tuple(plan.members), plan.columns, plan.rows, stack_rects[item]))
            continue
        box = boxes[holder]
        bus = levels.start_of(rows.level[holder] + 1) - level_gap / 2 - (origin[1] if across else origin[0])
        for item in row:
            if item in plans:
                plan = plans[item]
                rect = stack_rects[item]
                stacks.append(Stack(holder, tuple(plan.members), plan.columns, plan.rows, rect))
                links.extend(_stack_links(holder, box, plan, rect, boxes, bus, across, column_gap, sibling_gap))
            else:
                links.append(_link(holder, item, box, boxes[item], bus, across))
    return links, stacks


def _plan_stack(
    holder: str,
    leaves: list[str],
    sizes: Mapping[str, tuple[float, float]],
    columns: int,
    column_gap: float,
    row_gap: float,
) -> _StackPlan:
    count = len(leaves)
    rows = math.ceil(count / min(columns, count))
    used = math.ceil(count / rows)
    cell_width = max(sizes[n][0] for n in leaves)
    row_heights = [0.0] * rows
    for i, leaf in enumerate(leaves):
        row_heights[i % rows] = max(row_heights[i % rows], sizes[leaf][1])
    return _StackPlan(
        parent=holder,
        members=leaves,
        columns=used,
        rows=rows,
        cell_width=cell_width,
        row_heights=row_heights,
        # one column: its spine runs in a lane of column_gap on its left, inside the stack
        width=used * cell_width + (used - 1) * column_gap + (column_gap if used == 1 else 0.0),
        height=sum(row_heights) + (rows - 1) * row_gap,
    )


def _link(parent: str, child: str, box: Rect, kid: Rect, bus: float, across: bool) -> Link:
    if across:
        px, cx = (box.x0 + box.x1) / 2, (kid.x0 + kid.x1) / 2
        points = ((px, box.y1), (px, bus), (cx, bus), (cx, kid.y0))
    else:
        py, cy = (box.y0 + box.y1) / 2, (kid.y0 + kid.y1) / 2
        points = ((box.x1, py), (bus, py), (bus, cy), (kid.x0, cy))
    return Link(parent, child, points)


def _stack_links(
    parent: str,
    box: Rect,
    plan: _StackPlan,
    rect: Rect,
    boxes: Mapping[str, Rect],
    bus: float,
    across: bool,
    column_gap: float,
    sibling_gap: float,
) -> list[Link]:
    links: list[Link] = []
    for i, member in enumerate(plan.members):
        column = i // plan.rows
        kid = boxes[member]
        if column % 2 == 0 and column + 1 < plan.columns:
            spine, edge = kid.x1 + column_gap / 2, kid.x1
        else:
            spine, edge = kid.x0 - column_gap / 2, kid.x0
        mid = (kid.y0 + kid.y1) / 2
        if across:
            px = (box.x0 + box.x1) / 2
            head: tuple[tuple[float, float], ...] = ((px, box.y1), (px, bus), (spine, bus))
        else:
            py = (box.y0 + box.y1) / 2
            feed = rect.y0 - sibling_gap / 2
            head = ((box.x1, py), (bus, py), (bus, feed), (spine, feed))
        links.append(Link(parent, member, (*head, (spine, mid), (edge, mid))))
    return links


def wrap_text(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, at spaces and after hyphens.

    A single word wider than ``width`` stays whole on a line of its own (the
    caller widens the box); a word more than twice as wide is cut.

    Parameters
    ----------
    text : str
        The label.
    width : float
        The widest line wanted, in the unit ``measure`` returns.
    measure : callable
        Text width of a string.

    Returns
    -------
    list of str
        The lines (one empty line for an empty text).

    Examples
    --------
    >>> wrap_text("Direktør for By, Kultur og Miljø", 16, len)
    ['Direktør for By,', 'Kultur og Miljø']
    >>> wrap_text("Budget- og regnskabsgruppen", 10, len)
    ['Budget- og', 'regnskabsgruppen']
    """
    words = _split_words(text)
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = current + word
        if not current or measure(candidate.rstrip()) <= width:
            current = candidate
        else:
            lines.append(current.rstrip())
            current = word
        while measure(current.rstrip()) > 2 * width and len(current.strip()) > 1:
            cut = _cut(current, width, measure)
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current.rstrip())
    return lines


def _split_words(text: str) -> list[str]:
    """Words with their trailing space or hyphen attached: 'Budget- og x' -> ['Budget-', 'og ', 'x']."""
    words: list[str] = []
    current = ""
    for char in " ".join(text.split()):
        current += char
        if char in " -" and current.strip(" -"):
            words.append(current)
            current = ""
        elif char == " ":
            current = current.rstrip()
            if words:
                words[-1] += " "
    if current:
        words.append(current)
    return words


def _cut(text: str, width: float, measure: Callable[[str], float]) -> int:
    cut = 1
    while cut < len(text) and measure(text[: cut + 1]) <= width:
        cut += 1
    return cut
