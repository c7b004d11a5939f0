"""Tidy-tree layout for org charts: pure geometry, no drawing.

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

The nodes are numbered once, as the walk finds them, so that each parent's
children have consecutive numbers; every stage works on lists and numpy
arrays indexed by number, not on dicts keyed by id. Leaves have no contour of
their own, short rows of leaves are merged all at once by numpy, and the
coordinates are computed by numpy with the same operations, in the same order,
as the scalar formulas (so every coordinate is the same float); the public
objects (a :class:`Rect` per box, a :class:`Link` per child) are made once, at
the end.

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

import collections
import dataclasses
import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import numpy as np

from orggraph.errors import LayoutError
from orggraph.gc_pause import gc_paused

__all__ = ["Direction", "LayoutError", "Link", "Rect", "Stack", "TreeLayout", "tidy_tree", "wrap_text"]

Direction = Literal["TB", "LR"]
"""Top to bottom (children below their parent) or left to right (children to the right)."""

_ROOT = "\x00root"
_EPS = 1e-9
_NO_SHIFT = -math.inf
_Frozen = TypeVar("_Frozen")


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
class _StackPlan:
    """The grid of one stack: its members (node numbers), filled column by column."""

    parent: int  # the holder's node number, or _ROOT_ITEM for the roots' row
    members: list[int]
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
    forest = _number(roots, children, sizes)
    rows = _rows(forest, direction == "TB", compact, columns, min_stack, gaps)
    levels = _Levels(rows, gaps[2])
    relative, _ = _relative_positions(rows, levels, gaps)
    placed = _absolute_positions(rows, relative, levels, gaps)
    ids = forest.ids
    boxes = dict(
        zip(
            map(ids.__getitem__, placed.order),
            _instances(Rect, placed.x0, placed.y0, placed.x1, placed.y1),
            strict=True,
        )
    )
    links, stacks = _connectors(forest, rows, placed, levels, gaps)
    level = forest.level
    return TreeLayout(
        boxes=boxes,
        links=links,
        stacks=stacks,
        level=dict(zip(map(ids.__getitem__, forest.preorder), map(level.__getitem__, forest.preorder), strict=True)),
        width=max(itertools.chain(placed.x1, placed.stack_x1), default=0.0),
        height=max(itertools.chain(placed.y1, placed.stack_y1), default=0.0),
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
    """Stage 1: the nodes numbered as the walk finds them, so that each node's children have consecutive numbers.

    The roots are ``0 .. len(roots) - 1``; then come the children of each
    parent in turn, the parents taken in pre-order (depth first, children in
    order). By number: each node's id, children, level and size.
    """

    ids: list[str]
    roots: range
    preorder: list[int]
    holders: list[int]  # the nodes with children, in pre-order
    kids: list[range]  # an empty range for a leaf
    level: list[int]
    width: list[float]
    height: list[float]


_NO_KIDS = range(0)


def _number(
    roots: Sequence[str], children: Mapping[str, Sequence[str]], sizes: Mapping[str, tuple[float, float]]
) -> _Forest:
    """Number the nodes, and list them in pre-order.

    The walk itself checks nothing but the count of nodes; when it finds a node
    twice or one without a size, :func:`_refusal` walks again to name the first culprit.
    """
    ids = list(roots)
    level = [0] * len(ids)
    preorder: list[int] = []
    holders: list[int] = []
    firsts: list[int] = []
    # without a node reached twice, each node is a root or a child in some list: more nodes mean a cycle
    limit = len(ids) + sum(map(len, children.values()))
    walk = list(range(len(ids) - 1, -1, -1))
    pop, push, visit, kids_of = walk.pop, walk.extend, preorder.append, children.get
    grow, deepen, hold, mark = ids.extend, level.extend, holders.append, firsts.append
    while walk:
        node = pop()
        while True:  # down the first children, the others on the stack
            visit(node)
            kids = kids_of(ids[node])
            if not kids:
                break
            first = len(ids)
            if first > limit:
                raise _refusal(roots, children, sizes) or LayoutError("a node is reached twice")
            grow(kids)
            deepen([level[node] + 1] * len(kids))
            hold(node)
            mark(first)
            if len(kids) > 1:
                push(range(len(ids) - 1, first, -1))
            node = first
    count = len(ids)
    if len(set(ids)) != count:
        raise _refusal(roots, children, sizes) or LayoutError("a node is reached twice")
    try:
        dims = list(map(sizes.__getitem__, ids))
    except KeyError as missing:
        raise (_refusal(roots, children, sizes) or missing) from None
    kids_by_number = [_NO_KIDS] * count
    ends = [*firsts[1:], count][: len(firsts)]  # a holder's children end where the next holder's begin
    for holder, first, end in zip(holders, firsts, ends, strict=True):
        kids_by_number[holder] = range(first, end)
    return _Forest(
        ids=ids,
        roots=range(len(roots)),
        preorder=preorder,
        holders=holders,
        kids=kids_by_number,
        level=level,
        width=[w for w, _ in dims],
        height=[h for _, h in dims],
    )


def _refusal(
    roots: Sequence[str], children: Mapping[str, Sequence[str]], sizes: Mapping[str, object]
) -> LayoutError | None:
    """Walk the forest depth first; the error for the first node reached twice or without a size (None: none)."""
    parent: dict[str, str] = {}
    stack_walk: list[str] = []
    for root in reversed(roots):
        if root in parent:
            return LayoutError(f"node {root!r} is given as a root twice")
        parent[root] = _ROOT
        stack_walk.append(root)
    while stack_walk:
        node = stack_walk.pop()
        if node not in sizes:
            return LayoutError(f"node {node!r} has no size; give every node a (width, height)")
        for kid in reversed(children.get(node, ())):
            if kid in parent:
                return LayoutError(
                    f"node {kid!r} is reached twice (from {parent[kid]!r} and {node!r}): the tree has a cycle "
                    "or a node with two parents"
                )
            parent[kid] = node
            stack_walk.append(kid)
    return None


_ROOT_ITEM = -1
"""The holder of the roots' row, in place of a node number."""
_NO_ITEMS: np.ndarray[Any, np.dtype[np.intp]] = np.zeros(0, dtype=np.intp)
_BULK_ROW = 64
"""Rows of leaves up to this long are merged all at once, a place at a time across all of them."""
_BULK_ROWS = 32
"""The fewest such rows worth merging at once."""


@dataclass(slots=True)
class _Rows:
    """Stage 2: each holder's row of items: a node, or one stack in place of its stacked leaves.

    Items are numbered: the nodes keep their numbers, stack ``s`` is item
    ``nodes + s``; the lists below are indexed by item.
    """

    across: bool
    nodes: int
    root_row: Sequence[int]
    holders: list[int]  # the nodes with children, in pre-order
    row: list[Sequence[int]]  # empty for a leaf or a stack
    breadth: list[float]  # extent across the levels (the width, top to bottom)
    depth: list[float]  # extent along the levels (the height, top to bottom)
    level: list[int]
    plans: list[_StackPlan]
    stacked: list[bool]  # by node: a stacked leaf (not an item)
    # the rows of the holders one after the other, in pre-order of the holders: each row's length, and
    # for each place its item and the item's holder
    lengths: list[int] = dataclasses.field(default_factory=list)
    flat: np.ndarray[Any, np.dtype[np.intp]] = dataclasses.field(default_factory=lambda: _NO_ITEMS)
    flat_holder: np.ndarray[Any, np.dtype[np.intp]] = dataclasses.field(default_factory=lambda: _NO_ITEMS)

    def flatten(self) -> None:
        """Set ``lengths``, ``flat`` and ``flat_holder`` from the rows."""
        holders, row_of = self.holders, self.row
        self.lengths = list(map(len, map(row_of.__getitem__, holders)))
        total = sum(self.lengths)
        if self.plans:
            self.flat = np.fromiter(itertools.chain.from_iterable(map(row_of.__getitem__, holders)), np.intp, total)
        else:  # the children of the holders in pre-order are every node after the roots, in order
            self.flat = np.arange(len(self.root_row), self.nodes, dtype=np.intp)
        self.flat_holder = np.repeat(np.array(holders, dtype=np.intp), self.lengths)


def _rows(
    forest: _Forest,
    across: bool,
    compact: bool,
    columns: int,
    min_stack: int,
    gaps: tuple[float, float, float, float, float],
) -> _Rows:
    """Each holder's children as a row of items, with stacked leaves replaced by one stack item."""
    count = len(forest.ids)
    width, height = forest.width, forest.height
    rows = _Rows(
        across=across,
        nodes=count,
        root_row=forest.roots,
        holders=forest.holders,
        row=list(forest.kids),
        breadth=list(width if across else height),
        depth=list(height if across else width),
        level=list(forest.level),
        plans=[],
        stacked=[False] * count,
    )
    if not compact:
        rows.flatten()
        return rows
    kids = forest.kids
    for holder in (_ROOT_ITEM, *forest.holders):
        row = rows.root_row if holder == _ROOT_ITEM else rows.row[holder]
        leaves = [k for k in row if not kids[k]]
        if len(leaves) < min_stack:
            continue
        key = count + len(rows.plans)
        plan = _plan_stack(holder, leaves, width, height, columns, gaps[3], gaps[4])
        rows.plans.append(plan)
        first = leaves[0]
        for leaf in leaves:
            rows.stacked[leaf] = True
        stacked = rows.stacked
        row = [key if k == first else k for k in row if k == first or not stacked[k]]  # the stack at its first leaf
        if holder == _ROOT_ITEM:
            rows.root_row = row
        else:
            rows.row[holder] = row
        rows.row.append(_NO_KIDS)
        rows.level.append(rows.level[holder] + 1 if holder != _ROOT_ITEM else 0)
        rows.breadth.append(plan.width if across else plan.height)
        rows.depth.append(plan.height if across else plan.width)
    rows.flatten()
    return rows


class _Levels:
    """Stage 3: where each level starts along the depth axis; a level is as deep as its deepest box.

    A stack may reach over several levels (``span``, by stack); levels below the
    deepest box exist only for stacks and get the smallest level's size, or more where
    a stack's boxes are deeper on average than such a level and its gap: no
    stack reaches over more of them than it has boxes.
    """

    def __init__(self, rows: _Rows, level_gap: float) -> None:
        self.level_gap = level_gap
        levels, depths = rows.level[: rows.nodes], rows.depth[: rows.nodes]
        if rows.plans:  # stacked leaves do not set a level's size
            stacked = rows.stacked
            levels = [lv for lv, s in zip(levels, stacked, strict=True) if not s]
            depths = [d for d, s in zip(depths, stacked, strict=True) if not s]
        level_size = [0.0] * (max(levels) + 1 if levels else 0)
        for lv, extent in zip(levels, depths, strict=True):
            if extent > level_size[lv]:
                level_size[lv] = extent
        self.default_size = min((s for s in level_size if s > 0), default=1.0)
        self.size = [s if s > 0 else self.default_size for s in level_size]
        # A level below the deepest box, with its gap, is at least as deep as any stack's boxes are on
        # average: no stack reaches over more of them than it has boxes, however small the boxes above.
        self.below_size = max(
            [self.default_size]
            + [rows.depth[rows.nodes + s] / len(plan.members) - level_gap for s, plan in enumerate(rows.plans)]
        )
        self.start: list[float] = []
        position = 0.0
        for size in self.size:
            self.start.append(position)
            position += size + level_gap
        self.span: list[int] = []
        for key in range(rows.nodes, rows.nodes + len(rows.plans)):
            lv = rows.level[key]
            bottom = self.start_of(lv) + rows.depth[key]
            count = 1
            while self.start_of(lv + count) - level_gap < bottom - _EPS:
                count += 1
            self.span.append(count)

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
) -> tuple[list[float], int]:
    """Stage 4: each item's centre relative to its holder's, merging contours bottom-up.

    Returns the positions by item and the number of contour levels compared
    while merging (the work that must stay linear in the number of boxes).
    """
    merger = _Merger(rows, gaps[0], gaps[1])
    for s, span in enumerate(levels.span):
        key = rows.nodes + s
        half = merger.half[key]
        merger.store(key, [-half] * span, [half] * span, [key] * span, 0.0)
    merged = merger.merge_leaf_rows()
    half_of, row_of, left_of = merger.half, rows.row, merger.left
    for holder in reversed(rows.holders):  # reversed pre-order: every row after the rows below it
        if merged[holder]:
            continue
        row = row_of[holder]
        if len(row) > 1:
            left, right, owner, offset = merger.merge_row(row, holder)
        else:  # an only child sits at 0.0, and its contour is the row's
            only = row[0]
            left = left_of[only]  # type: ignore[assignment]
            if left is None:
                only_half = half_of[only]
                left, right, owner, offset = [-only_half], [only_half], [only], 0.0
            else:
                right, owner, offset = merger.right[only], merger.owner[only], merger.offset[only]
        half = half_of[holder]
        left.append(-half - offset)
        right.append(half - offset)
        owner.append(holder)
        merger.store(holder, left, right, owner, offset)
    if rows.root_row:
        merger.merge_row(rows.root_row, _ROOT_ITEM)
    return merger.positions(), merger.steps


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
    rows = _rows(_number(roots, children, sizes), direction == "TB", compact, columns, min_stack, gaps)
    return _relative_positions(rows, _Levels(rows, gaps[2]), gaps)[1]


class _Merger:
    """Places the items of one row side by side against the contours of their subtrees.

    A contour is the left and right extent of a subtree on each of its levels,
    deepest level first, relative to its offset, with the item that owns each
    level. A leaf's contour (one level) is not stored: the merge reads its
    half width instead.
    """

    def __init__(self, rows: _Rows, sibling_gap: float, subtree_gap: float) -> None:
        self.rows = rows
        self.sibling_gap = sibling_gap
        self.subtree_gap = subtree_gap
        items = len(rows.breadth)
        self.half_array = np.array(rows.breadth) / 2
        self.half: list[float] = self.half_array.tolist()
        self.rel = [0.0] * items
        self.bulk: tuple[np.ndarray[Any, np.dtype[np.intp]], np.ndarray[Any, np.dtype[np.float64]]] | None = None
        self.left: list[list[float] | None] = [None] * items
        self.right: list[list[float]] = [[]] * items
        self.owner: list[list[int]] = [[]] * items
        self.offset = [0.0] * items
        self.steps = 0
        self._holder: list[int] = []  # by item, made on the first deep collision
        self._index: list[int] = []

    def store(self, item: int, left: list[float], right: list[float], owner: list[int], offset: float) -> None:
        """Keep the contour of ``item``'s subtree until its row is merged."""
        self.left[item], self.right[item], self.owner[item], self.offset[item] = left, right, owner, offset

    def position(self, node: int, holder: int) -> int:
        """Where in ``holder``'s row the item whose subtree holds ``node`` stands."""
        if not self._holder:
            self._index_rows()
        up = self._holder
        while up[node] != holder:
            node = up[node]
        return self._index[node]

    def _index_rows(self) -> None:
        rows = self.rows
        up = np.full(len(rows.breadth), _ROOT_ITEM, dtype=np.intp)
        index = np.zeros(len(rows.breadth), dtype=np.intp)
        starts = np.cumsum(rows.lengths) - rows.lengths
        up[rows.flat] = rows.flat_holder
        index[rows.flat] = np.arange(len(rows.flat)) - np.repeat(starts, rows.lengths)
        index[np.array(rows.root_row, dtype=np.intp)] = np.arange(len(rows.root_row))
        self._holder, self._index = up.tolist(), index.tolist()

    def positions(self) -> list[float]:
        """Each item's position relative to its holder's."""
        if self.bulk is None:
            return self.rel
        rel = np.array(self.rel)
        rel[self.bulk[0]] = self.bulk[1]
        return rel.tolist()  # type: ignore[no-any-return]

    def merge_leaf_rows(self) -> list[bool]:
        """Merge the short rows that hold leaves only, all at once; return which holders' rows are done.

        A place at a time across all these rows, numpy computes the shift of the
        leaf at that place in every row that long, with the operations
        :meth:`merge_row` does for a leaf, so the positions are the same floats.
        """
        rows = self.rows
        done = [False] * len(rows.breadth)
        lengths = np.array(rows.lengths, dtype=np.intp)
        starts = np.cumsum(lengths) - lengths
        holders = np.array(rows.holders, dtype=np.intp)
        contoured = np.zeros(len(rows.breadth), dtype=bool)  # items with a contour of their own: holders, stacks
        contoured[holders] = True
        contoured[rows.nodes :] = True
        place = np.repeat(np.arange(len(holders)), lengths)
        inner = np.bincount(place[contoured[rows.flat]], minlength=len(holders))
        chosen = np.flatnonzero((inner == 0) & (lengths >= 2) & (lengths <= _BULK_ROW))
        if len(chosen) < _BULK_ROWS:
            return done
        chosen = chosen[np.argsort(-lengths[chosen], kind="stable")]  # longest first: the rows still going are a prefix
        length, start = lengths[chosen], starts[chosen]
        half, flat, gap = self.half_array, rows.flat, self.sibling_gap
        pos = np.zeros(len(flat))
        right = half[flat[start]]  # the contour so far: its right edge (the offset stays 0.0)
        still = len(chosen) - np.cumsum(np.bincount(length, minlength=int(length[0]) + 1))  # rows longer than j
        for j in range(1, int(length[0])):
            going = int(still[j])
            at = start[:going] + j
            b_half = half[flat[at]]
            req = right[:going] + 0.0 + gap + b_half
            shift = np.where(req > _NO_SHIFT, req, _NO_SHIFT)
            pos[at] = shift
            right[:going] = b_half + (0.0 + shift) - 0.0
        last = start + length - 1
        middle = (pos[start] + pos[last]) / 2
        places = np.repeat(start - np.cumsum(length) + length, length) + np.arange(int(length.sum()))
        self.bulk = (flat[places], pos[places] - np.repeat(middle, length))
        self.steps += int(length.sum()) - len(chosen)
        offset = 0.0 - middle
        holder = holders[chosen]
        own = half[holder]
        for h, first_left, tip, last_item, own_left, own_right, off in zip(
            holder.tolist(),
            (-half[flat[start]]).tolist(),
            right.tolist(),
            flat[last].tolist(),
            (-own - offset).tolist(),
            (own - offset).tolist(),
            offset.tolist(),
            strict=True,
        ):
            self.store(h, [first_left, own_left], [tip, own_right], [last_item, h], off)
            done[h] = True
        return done

    def merge_row(self, row: Sequence[int], holder: int) -> tuple[list[float], list[float], list[int], float]:
        """Merge the contours of a row's items left to right; return the row's contour, centred."""
        left, right, owner, offset, half = self.left, self.right, self.owner, self.offset, self.half
        first = row[0]
        a_left = left[first]
        if a_left is None:
            a_half = half[first]
            a_left, a_right, a_owner, a_off = [-a_half], [a_half], [first], 0.0
        else:
            a_right, a_owner, a_off = right[first], owner[first], offset[first]
        count = len(row)
        if count == 1:
            return a_left, a_right, a_owner, a_off  # its item sits at 0.0, the row's centre
        sibling_gap, subtree_gap = self.sibling_gap, self.subtree_gap
        pos = [0.0] * count
        ramp: list[float] | None = None
        steps = count - 1  # one level for each item, more for those with levels below
        tip = len(a_left) - 1  # the row's own level in the contour so far
        for j in range(1, count):
            item = row[j]
            b_left = left[item]
            if b_left is None:  # a leaf: one level from -half to half at offset 0.0
                b_half = half[item]
                req = a_right[tip] + a_off + sibling_gap + b_half
                shift = req if req > _NO_SHIFT else _NO_SHIFT  # as max(-inf, req) for a NaN size
                pos[j] = shift
                a_right[tip] = b_half + (0.0 + shift) - a_off
                a_owner[tip] = item
                continue
            b_right, b_owner, b_off = right[item], owner[item], offset[item]
            ha, hb = tip + 1, len(b_left)
            common = min(ha, hb)
            steps += common - 1
            reqs: list[float] = []
            best = _NO_SHIFT
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
                k = self.position(a_owner[ha - 1 - best_r], holder)
                if j - k >= 2:
                    room = min(shift - reqs[r] for r in range(best_r))
                    if room > _EPS:
                        step = room / (j - k)
                        if ramp is None:
                            ramp = [0.0] * (count + 2)
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
                a_left, a_right, a_owner, a_off = b_left, b_right, b_owner, b_off
                tip = hb - 1
        self.steps += steps
        if ramp is not None:  # spread the room a deep collision opened among the items between
            slope = 0.0
            value = 0.0
            for i in range(count):
                slope += ramp[i]
                value += slope
                pos[i] += value
        middle = (pos[0] + pos[-1]) / 2
        rel = self.rel
        for item, p in zip(row, pos, strict=True):
            rel[item] = p - middle
        return a_left, a_right, a_owner, a_off - middle


@dataclass(slots=True)
class _Placed:
    """Stage 5: every box (by node) and stack (by stack) in layout coordinates, and the drawing order."""

    order: list[int]  # the boxes' order: items from the top down, a stack's members in its place
    node_x0: np.ndarray[Any, np.dtype[np.float64]]
    node_y0: np.ndarray[Any, np.dtype[np.float64]]
    node_x1: np.ndarray[Any, np.dtype[np.float64]]
    node_y1: np.ndarray[Any, np.dtype[np.float64]]
    x0: list[float]  # in the boxes' order
    y0: list[float]
    x1: list[float]
    y1: list[float]
    stack_rects: list[Rect]  # by stack
    stack_x1: list[float]  # in the stacks' drawing order
    stack_y1: list[float]
    origin: tuple[float, float]


def _absolute_positions(
    rows: _Rows, relative: list[float], levels: _Levels, gaps: tuple[float, float, float, float, float]
) -> _Placed:
    """Stage 5: every box and stack as a rectangle, the layout moved to start at (0, 0).

    Coordinates are computed with numpy, one operation at a time as the
    scalar formulas have them, so every coordinate is the same float.
    """
    nodes, row_of = rows.nodes, rows.row
    holding = np.zeros(len(row_of), dtype=bool)
    holding[np.array(rows.holders, dtype=np.intp)] = True
    has_row: list[bool] = holding.tolist()
    centre = list(relative)
    # items from the top down: each row once its holder is placed, by a walk that takes the last row first; the
    # walk places the holders, numpy the others (leaves and stacks) from their holders
    seq = list(rows.root_row)
    walk = list(filter(has_row.__getitem__, seq))
    pop, push, follow = walk.pop, walk.extend, seq.extend
    while walk:
        item = pop()
        row = row_of[item]
        follow(row)
        base = centre[item]
        inner = list(filter(has_row.__getitem__, row))
        for kid in inner:
            centre[kid] = base + relative[kid]
        push(inner)

    b = np.array(centre)
    outer = ~holding[rows.flat]
    placed_kid, placed_holder = rows.flat[outer], rows.flat_holder[outer]
    b[placed_kid] = b[placed_holder] + np.array(relative)[placed_kid]
    half = np.array(rows.breadth) / 2
    d0 = np.array(levels.start)[np.array(rows.level, dtype=np.intp)]
    d1 = d0 + np.array(rows.depth)
    lo, hi = b - half, b + half
    x0, y0, x1, y1 = (lo, d0, hi, d1) if rows.across else (d0, lo, d1, hi)

    order = seq
    stack_order: list[int] = []
    if rows.plans:
        x0, y0, x1, y1 = x0.copy(), y0.copy(), x1.copy(), y1.copy()
        _place_members(rows, x0, y0, x1, y1, gaps)
        order = []
        for item in seq:
            if item < nodes:
                order.append(item)
            else:
                order.extend(rows.plans[item - nodes].members)
                stack_order.append(item)
    index = np.array(order, dtype=np.intp)
    stacks = np.array(stack_order, dtype=np.intp)
    # a single column's spine lane is in its stack
    min_x = min(itertools.chain(x0[index].tolist(), x0[stacks].tolist()), default=0.0)
    min_y = min(itertools.chain(y0[index].tolist(), y0[stacks].tolist()), default=0.0)
    dx, dy = -min_x, -min_y
    x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
    keys = np.arange(nodes, len(row_of), dtype=np.intp)
    return _Placed(
        order=order,
        node_x0=x0,
        node_y0=y0,
        node_x1=x1,
        node_y1=y1,
        x0=x0[index].tolist(),
        y0=y0[index].tolist(),
        x1=x1[index].tolist(),
        y1=y1[index].tolist(),
        stack_rects=_instances(Rect, x0[keys].tolist(), y0[keys].tolist(), x1[keys].tolist(), y1[keys].tolist()),
        stack_x1=x1[stacks].tolist(),
        stack_y1=y1[stacks].tolist(),
        origin=(min_x, min_y),
    )


def _place_members(
    rows: _Rows,
    x0: np.ndarray[Any, np.dtype[np.float64]],
    y0: np.ndarray[Any, np.dtype[np.float64]],
    x1: np.ndarray[Any, np.dtype[np.float64]],
    y1: np.ndarray[Any, np.dtype[np.float64]],
    gaps: tuple[float, float, float, float, float],
) -> None:
    """Write the boxes of stacked leaves, in their stacks' grids, into the nodes' coordinates."""
    column_gap, row_gap = gaps[3], gaps[4]
    members: list[int] = []
    left: list[float] = []  # each member's column's left edge
    tops: list[float] = []  # and its row's top
    heights: list[float] = []
    widths: list[float] = []
    nodes = rows.nodes
    for s, plan in enumerate(rows.plans):
        key = nodes + s
        rx0, ry0 = float(x0[key]), float(y0[key])
        top = list(itertools.accumulate((h + row_gap for h in plan.row_heights), initial=ry0))
        lane = column_gap if plan.columns == 1 else 0.0
        step = plan.cell_width + column_gap
        count = len(plan.members)
        members.extend(plan.members)
        for column in range(plan.columns):
            up_to = min(plan.rows, count - column * plan.rows)
            left.extend([rx0 + column * step + lane] * up_to)
            tops.extend(top[:up_to])
            heights.extend(plan.row_heights[:up_to])
        widths.extend([plan.cell_width] * count)
    index = np.array(members, dtype=np.intp)
    left_edge, top_edge = np.array(left), np.array(tops)
    x0[index], y0[index] = left_edge, top_edge
    x1[index], y1[index] = left_edge + np.array(widths), top_edge + np.array(heights)


def _connectors(
    forest: _Forest, rows: _Rows, placed: _Placed, levels: _Levels, gaps: tuple[float, float, float, float, float]
) -> tuple[tuple[Link, ...], tuple[Stack, ...]]:
    """Stage 6: a connector from each parent to each child (through a stack's spine), and the stacks."""
    level_gap = gaps[2]
    nodes, ids, row_of = rows.nodes, forest.ids, rows.row
    depth_origin = placed.origin[1] if rows.across else placed.origin[0]
    holders = rows.holders
    lengths = list(map(len, map(row_of.__getitem__, holders)))
    below = np.array(rows.level[:nodes], dtype=np.intp)[np.array(holders, dtype=np.intp)] + 1
    levels.start_of(int(below.max(initial=0)))
    trunks = _Trunks(
        holders=holders,
        ids=list(map(ids.__getitem__, holders)),
        bus=(np.array(levels.start)[below] - level_gap / 2 - depth_origin).tolist(),
        placed=placed,
        across=rows.across,
    )
    if rows.plans:
        items = np.fromiter(itertools.chain.from_iterable(map(row_of.__getitem__, holders)), np.intp, sum(lengths))
    else:  # the children of the holders in pre-order: every node after the roots, in order
        items = np.arange(len(rows.root_row), nodes, dtype=np.intp)
    trunk = np.repeat(np.arange(len(holders), dtype=np.intp), lengths)  # each item's holder, as its place in holders
    stacked = items >= nodes
    kid = items[~stacked] if rows.plans else items
    links = _links(ids, trunks, trunk[~stacked] if rows.plans else trunk, kid)
    stacks = tuple(
        Stack(
            ids[plan.parent] if plan.parent != _ROOT_ITEM else _ROOT,
            tuple(map(ids.__getitem__, plan.members)),
            plan.columns,
            plan.rows,
            rect,
        )
        for plan, rect in zip(rows.plans, placed.stack_rects, strict=True)
    )
    if not rows.plans:
        return tuple(links), stacks
    # the links of each stack's members go where the stack stands in its holder's row
    by_stack = _stack_links(ids, rows, trunks, gaps)
    ordered: list[Link] = []
    taken = 0
    for i, position in enumerate(np.flatnonzero(stacked).tolist()):
        ordered.extend(links[taken : position - i])
        taken = position - i
        ordered.extend(by_stack[int(items[position]) - nodes])
    ordered.extend(links[taken:])
    return tuple(ordered), stacks


class _Trunks:
    """Where the connectors of each holder leave its box: the point on its edge and the point on its bus.

    Every link of a holder starts with the same two points, made once (tuples
    are immutable, so the links share them).
    """

    def __init__(self, holders: list[int], ids: list[str], bus: list[float], placed: _Placed, across: bool) -> None:
        self.ids, self.bus, self.placed, self.across = ids, bus, placed, across
        box = np.array(holders, dtype=np.intp)
        x0, y0, x1, y1 = placed.node_x0, placed.node_y0, placed.node_x1, placed.node_y1
        if across:
            px = ((x0[box] + x1[box]) / 2).tolist()
            self.edge = list(zip(px, y1[box].tolist(), strict=True))
            self.drop = list(zip(px, bus, strict=True))
        else:
            py = ((y0[box] + y1[box]) / 2).tolist()
            self.edge = list(zip(x1[box].tolist(), py, strict=True))
            self.drop = list(zip(bus, py, strict=True))


def _links(
    ids: list[str], trunks: _Trunks, trunk: np.ndarray[Any, np.dtype[np.intp]], kid: np.ndarray[Any, np.dtype[np.intp]]
) -> list[Link]:
    """The connectors from holders to the items of their rows: to the bus, along it, to the child."""
    placed = trunks.placed
    x0, y0, x1, y1 = placed.node_x0, placed.node_y0, placed.node_x1, placed.node_y1
    at = trunk.tolist()
    bus = list(map(trunks.bus.__getitem__, at))
    edge, drop = map(trunks.edge.__getitem__, at), map(trunks.drop.__getitem__, at)
    if trunks.across:
        cx = ((x0[kid] + x1[kid]) / 2).tolist()
        points = zip(edge, drop, zip(cx, bus, strict=True), zip(cx, y0[kid].tolist(), strict=True), strict=True)
    else:
        cy = ((y0[kid] + y1[kid]) / 2).tolist()
        points = zip(edge, drop, zip(bus, cy, strict=True), zip(x0[kid].tolist(), cy, strict=True), strict=True)
    parents = list(map(trunks.ids.__getitem__, at))
    return _instances(Link, parents, list(map(ids.__getitem__, kid.tolist())), list(points))


def _stack_links(
    ids: list[str], rows: _Rows, trunks: _Trunks, gaps: tuple[float, float, float, float, float]
) -> list[list[Link]]:
    """By stack, the connectors to its members: to the bus, along it to the spine, along the spine to each box."""
    sibling_gap, column_gap = gaps[0], gaps[3]
    member: list[int] = []
    at: list[int] = []  # the member's holder's place in holders
    rank: list[int] = []  # the member's place in its stack
    grid: list[int] = []  # its stack's rows
    columns: list[int] = []  # and columns
    feed: list[float] = []  # its stack's top edge
    counts: list[int] = []
    place = dict(zip(rows.holders, range(len(rows.holders)), strict=True))
    for plan, rect in zip(rows.plans, trunks.placed.stack_rects, strict=True):
        count = len(plan.members) if plan.parent != _ROOT_ITEM else 0  # the roots' stack has no parent to link
        counts.append(count)
        if not count:
            continue
        member.extend(plan.members)
        at.extend([place[plan.parent]] * count)
        rank.extend(range(count))
        grid.extend([plan.rows] * count)
        columns.extend([plan.columns] * count)
        feed.extend([rect.y0] * count)
    placed = trunks.placed
    x0, y0, x1, y1 = placed.node_x0, placed.node_y0, placed.node_x1, placed.node_y1
    kid = np.array(member, dtype=np.intp)
    column = np.array(rank, dtype=np.intp) // np.array(grid, dtype=np.intp)
    # a column left of the spine between a pair of columns meets it at its right edge
    right = (column % 2 == 0) & (column + 1 < np.array(columns, dtype=np.intp))
    spine = np.where(right, x1[kid] + column_gap / 2, x0[kid] - column_gap / 2).tolist()
    edge = np.where(right, x1[kid], x0[kid]).tolist()
    mid = ((y0[kid] + y1[kid]) / 2).tolist()
    bus = list(map(trunks.bus.__getitem__, at))
    head = (list(map(trunks.edge.__getitem__, at)), list(map(trunks.drop.__getitem__, at)))
    if rows.across:
        points = zip(*head, *_pairs((spine, bus), (spine, mid), (edge, mid)), strict=True)
    else:
        top = (np.array(feed) - sibling_gap / 2).tolist()
        points = zip(*head, *_pairs((bus, top), (spine, top), (spine, mid), (edge, mid)), strict=True)
    parents = list(map(trunks.ids.__getitem__, at))
    links = _instances(Link, parents, list(map(ids.__getitem__, member)), list(points))
    ends = list(itertools.accumulate(counts, initial=0))
    return [links[a:b] for a, b in itertools.pairwise(ends)]


def _pairs(*columns: tuple[list[float], list[float]]) -> list[Iterator[tuple[float, float]]]:
    """Points from columns: ``(xs[k], ys[k])`` for each ``(xs, ys)``."""
    return [zip(xs, ys, strict=True) for xs, ys in columns]


def _instances(cls: type[_Frozen], *columns: Sequence[Any]) -> list[_Frozen]:
    """``list(map(cls, *columns))`` for a frozen dataclass with slots, in a third of the time.

    The instances are made empty, then each field is set for all of them
    through its slot, as the dataclass's ``__init__`` sets it (with
    ``object.__setattr__``), but without a Python call per instance.
    """
    made = list(map(object.__new__, itertools.repeat(cls, len(columns[0]) if columns else 0)))
    for field, column in zip(dataclasses.fields(cls), columns, strict=True):  # type: ignore[arg-type]
        collections.deque(map(getattr(cls, field.name).__set__, made, column), maxlen=0)
    return made


def _plan_stack(
    holder: int,
    leaves: list[int],
    width: list[float],
    height: list[float],
    columns: int,
    column_gap: float,
    row_gap: float,
) -> _StackPlan:
    count = len(leaves)
    rows = math.ceil(count / min(columns, count))
    used = math.ceil(count / rows)
    cell_width = max(width[n] for n in leaves)
    row_heights = [0.0] * rows
    for i, leaf in enumerate(leaves):
        row_heights[i % rows] = max(row_heights[i % rows], height[leaf])
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
