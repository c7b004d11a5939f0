"""What an org chart shows: the boxes, the tree they form and what is collapsed (no drawing).

:class:`ChartForest` reads an organisation once and builds the forest of cards:

- a **post** card per post;
- a **board** card for each executive board (a unit of kind
  ``executive_board``, e.g. Direktionen) listing its member posts; the posts
  that report to a member hang from the card, coloured by that member;
- a **body** card for a unit or group that posts report to when the source
  names only a body as their manager, and for the political units (units of
  kind ``political_body``, and committees not inside a non-political unit);
- a **more** card standing for roots left out of a very wide forest.

Cards whose subtree is entirely political form the political band, drawn
above the administration. Depth counts administrative levels below the top of
the administration; :meth:`ChartForest.select` keeps the cards down to a depth
and counts what is cut off on the card above it ("+130 people").
:func:`chart_tree` does both steps and collapses to the deepest level that
keeps the card count at most ``max_boxes``, with a note saying so.

Examples
--------
>>> import orggraph
>>> tree = chart_tree(orggraph.example(), depth=1)
>>> tree.roots, tree.children["ceo"]
(['board-of-trustees'], ['assistant', 'cfo', 'coo'])
>>> tree.cards["cfo"].hidden.text()
'+3 people'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, Union

import numpy as np

from orggraph.gc_pause import gc_paused
from orggraph.hierarchy import hierarchy
from orggraph.memo import per_org
from orggraph.render.picture import RenderError

if TYPE_CHECKING:
    from orggraph.decisions import Decision
    from orggraph.org import Org

__all__ = ["Card", "ChartForest", "ChartTree", "Hidden", "Highlight", "chart_tree", "highlight_ids"]

Highlight: TypeAlias = Union[str, Iterable[str], "Decision", None]
"""What a picture's ``highlight=`` takes: an id, ids (a chain of command, members), or a decision."""

CardKind = Literal["post", "board", "body", "more"]
EdgeStyle = Literal["line", "body", "part", "candidate"]
"""How a card hangs from its parent: a reporting line, a line to a body (manager
documented only as a body), structural membership (a unit's head, a committee
of a council), or a line to the first of several candidate managers (the
manager is one of them, not documented which; lines to the others are
``candidate_manager`` secondary lines)."""

_SECONDARY = ("dotted", "accountable_to", "advises", "candidate_manager")
_POLITICAL_KINDS = frozenset({"political_body", "committee"})
_CARD_UNIT_KINDS = frozenset({"executive_board", "political_body", "committee"})
_MORE = "\x00more"

_Count = tuple[int, float, int]
"""(posts, known people, posts of unknown size): a :class:`Hidden` as a plain tuple, for speed."""
_ZERO: _Count = (0, 0.0, 0)


@dataclass(frozen=True, slots=True)
class Hidden:
    """Posts left out of a chart: how many, the people in them, and how many are of unknown size."""

    posts: int = 0
    people: float = 0.0
    unknown: int = 0
    fte: bool = False
    """The counts are FTE (the organisation counts in FTE, :func:`orggraph.staff.counts_in_fte`)."""

    def __bool__(self) -> bool:
        return self.posts > 0

    def text(self) -> str:
        """The badge text: people when every head count is known, else posts.

        Examples
        --------
        >>> Hidden(3, 130.0).text(), Hidden(2, 0.0, 2).text(), Hidden(3, 12.0, 1).text()
        ('+130 people', '+2 posts', '+12 people, +1 post')
        >>> Hidden(4, 8.5).text(), Hidden(4, 32.0, fte=True).text()
        ('+8.5 FTE', '+32 FTE')

        """
        parts = []
        if self.posts > self.unknown:
            parts.append(f"+{_number(self.people)} {_people(self.people, self.fte)}")
        if self.unknown:
            parts.append(f"+{_number(self.unknown)} post{'s' if self.unknown != 1 else ''}")
        return ", ".join(parts)

    def sentence(self) -> str:
        """The count in words, for a note under a picture.

        Examples
        --------
        >>> Hidden(99_700, 99_700.0).sentence()
        '99 700 people'
        >>> Hidden(12, 40.0, 2).sentence()
        '40 people and 2 posts of unknown size'
        """
        parts = []
        if self.posts > self.unknown:
            parts.append(f"{_number(self.people)} {_people(self.people, self.fte)}")
        if self.unknown:
            parts.append(f"{_number(self.unknown)} post{'s' if self.unknown != 1 else ''} of unknown size")
        return " and ".join(parts)


def _people(count: float, fte: bool = False) -> str:
    """The unit of a head count: full-time equivalents when the organisation counts in FTE or it has a fraction."""
    if fte or not float(count).is_integer():
        return "FTE"
    return "person" if count == 1 else "people"


def _number(value: float) -> str:
    """A count with a space between thousands (99 700); fractions (FTE) to one decimal."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.replace(",", " ")


def _add(a: _Count, b: _Count) -> _Count:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


@dataclass(frozen=True, slots=True)
class Card:
    """One box of an org chart.

    ``node`` is the post, unit or group drawn (None for a "more" card);
    ``members`` the posts a board lists; ``hidden`` what is collapsed below the
    card; ``branch`` a colour index (None: neutral), ``member_branches`` one per
    board member.
    """

    id: str
    kind: CardKind
    node: str | None
    members: tuple[str, ...] = ()
    political: bool = False
    highlighted: bool = False
    highlighted_members: frozenset[str] = frozenset()
    hidden: Hidden = Hidden()
    branch: int | None = None
    member_branches: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class ChartTree:
    """The cards of a chart and how they hang together.

    ``political_roots`` and ``roots`` are the tops of the political band and of
    the administration; ``children`` lists each card's children in data order;
    ``style`` says how each non-root card hangs from its parent and ``via``
    which board member it reports to; ``secondary`` lists dotted lines as
    (from card, to card, edge kind); ``depth`` is the depth the administration
    is cut at (None: not cut); ``hidden`` counts everything not drawn.
    """

    cards: dict[str, Card]
    political_roots: list[str]
    roots: list[str]
    children: dict[str, list[str]]
    style: dict[str, EdgeStyle]
    via: dict[str, str]
    secondary: list[tuple[str, str, str]]
    depth: int | None
    hidden: Hidden
    notes: list[str]


def highlight_ids(org: Org, highlight: Highlight | object) -> list[str]:
    """The node ids a ``highlight`` option names: an id, ids, or an object with ``deciders``.

    Parameters
    ----------
    org : Org
        The organisation.
    highlight : str, iterable of str, or an object with ``deciders``
        What to highlight: ids (a chain of command, forum members) or a
        :class:`~orggraph.decisions.Decision`.

    Returns
    -------
    list of str

    Raises
    ------
    UnknownNodeError
        If an id is not in the organisation.
    RenderError
        If ``highlight`` is none of these.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> highlight_ids(org, "cfo"), highlight_ids(org, org.chain_of_command("accountant"))
    (['cfo'], ['cfo', 'ceo', 'chair'])
    >>> highlight_ids(org, org.who_decides("hiring", "accountant"))
    ['cfo']
    """
    if highlight is None:
        return []
    if isinstance(highlight, str):
        ids = [highlight]
    elif hasattr(highlight, "deciders"):
        ids = [str(node) for node in highlight.deciders]
    elif isinstance(highlight, Iterable):
        ids = [str(node) for node in highlight]
    else:
        raise RenderError(
            f"cannot highlight {highlight!r}: give a node id, a list of ids (e.g. org.chain_of_command(post)) "
            "or a decision (org.who_decides(topic))"
        )
    for node in ids:
        org.kind(node)  # raises UnknownNodeError with close matches
    return ids


def chart_tree(
    org: Org,
    *,
    root: str | None = None,
    depth: int | None = None,
    highlight: object = None,
    max_boxes: int = 300,
) -> ChartTree:
    """The cards of an org chart, the tree they form, and what is collapsed.

    Parameters
    ----------
    org : Org
        The organisation.
    root : str, optional
        Draw only the subtree of this post (or unit, or board); an id or a
        search text. Without it, the whole organisation with the political level.
    depth : int, optional
        Administrative levels to draw below the top of the administration
        (0 = the top only). Cards below are counted on the card above them.
    highlight : str, iterable of str, or an object with ``deciders``
        Cards to highlight; they and the cards above them are always drawn.
    max_boxes : int
        Collapse to the deepest level that keeps the card count at most this.

    Returns
    -------
    ChartTree

    Raises
    ------
    RenderError
        If ``depth`` or ``max_boxes`` is out of range, or ``root`` names
        something that is not drawn as a box (a topic, a forum).
    UnknownNodeError
        If ``root`` or a highlighted id is not in the organisation.

    Examples
    --------
    >>> import orggraph
    >>> tree = chart_tree(orggraph.example(), root="cfo")
    >>> tree.roots, tree.children["cfo"], tree.political_roots
    (['cfo'], ['accountant'], [])
    """
    forest = ChartForest(org, root=root)
    limit = forest.fitting_depth(depth, max_boxes)
    return forest.select(depth=limit, highlight=highlight, max_boxes=max_boxes, wanted=depth)


class _Cards:
    """The card forest of a whole organisation, read from its graph in one pass (cached per Org).

    Cards are numbered in the data's order (then the bodies that only appear
    as managers); the forest is kept as numpy arrays by number: each card's
    parent (``-1``: a root), its depth below the top of the administration
    (``-1``: a political card above it), and the posts, people and posts of
    unknown size in its subtree. The graph is read once: a node pass, the
    hierarchy index's lines, and the few units, boards and bodies one by one.
    """

    def __init__(self, org: Org) -> None:
        with gc_paused():  # lists and arrays of a million entries: the collector would walk the graph in vain
            self._read(org)
            self._forest()

    # -- reading the graph --------------------------------------------------------------------------

    def _read(self, org: Org) -> None:
        G = org.graph
        nodes = G.nodes
        index = hierarchy(org)
        managers, reports = index.managers, index.reports
        self._lines: list[tuple[str, str, str]] = index.secondary
        # one pass over the nodes: the posts' head counts and political flags, the units that can be cards
        odd: dict[str, object] = {}  # post -> head count, where it is not 1
        political_posts: list[str] = []
        special: list[str] = []  # units that may be boards or political bodies
        for node, data in G.nodes(data=True):
            kind = data.get("kind")
            if kind == "post":
                count = data.get("headcount", 1)
                if count != 1:
                    odd[node] = count
                if data.get("political"):
                    political_posts.append(node)
            elif kind == "unit" and data.get("unit_kind") in _CARD_UNIT_KINDS:
                special.append(node)
        self._odd = odd
        boards: dict[str, tuple[str, ...]] = {}
        board_of: dict[str, str] = {}
        board_units = [u for u in special if nodes[u].get("unit_kind") == "executive_board"]
        if board_units:
            unit_posts = {u: _posts_in(G, u) for u in board_units}
            wanted = {p for posts in unit_posts.values() for p in posts}
            order = {node: i for i, node in enumerate(G) if node in wanted}
            for unit in board_units:
                if not unit_posts[unit]:
                    continue
                members = sorted(unit_posts[unit], key=order.__getitem__)
                head = nodes[unit].get("head")
                if head in members:
                    members.remove(head)
                    members.insert(0, head)
                boards[unit] = tuple(members)
                for member in members:
                    board_of.setdefault(member, unit)
        self._boards, self._board_of = boards, board_of
        political_units = self._political_units = {u for u in special if self._is_political_unit(nodes, u)}
        # staff rows (an organogram's junior rows) are summed into their manager's card, not drawn
        from orggraph.staff import counts_in_fte, staff_of

        self._staff: dict[str, list[str]] = {}
        self._folded: dict[str, str] = {}
        for manager, rows in staff_of(org).items():
            self._staff.setdefault(board_of.get(manager, manager), []).extend(rows)
            for row in rows:
                self._folded[row] = manager
        self.fte = counts_in_fte(org)
        # the cards, in the data's order: posts (not on a board, not a staff row), boards and political bodies
        unit_cards = self._political_units | boards.keys()
        if unit_cards:
            cards = [
                node
                for node, kind in G.nodes(data="kind")
                if node in unit_cards or (kind == "post" and node not in board_of and node not in self._folded)
            ]
        elif board_of or self._folded:
            cards = [p for p in index.posts if p not in board_of and p not in self._folded]
        else:
            cards = list(index.posts)
        first = len(cards)
        position = dict(zip(cards, range(first), strict=True))
        kinds: dict[str, CardKind] = {}  # cards that are not posts
        for unit in unit_cards:
            kinds[unit] = "body" if unit in self._political_units else "board"
        # bodies (units, groups) that posts report to when the source names only the body
        bosses = [  # managers that are not posts, in order of first appearance
            m
            for m in dict.fromkeys(managers.values())
            if m in unit_cards or (m not in position and nodes[m]["kind"] != "post")
        ]
        bodies = [m for m in bosses if m not in position]
        for body in bodies:
            position[body] = len(cards)
            cards.append(body)
            kinds[body] = "body"
        self._cards, self._index, self._kinds = cards, position, kinds
        self._political = {p for p in political_posts if p in position} | self._political_units
        # each post card hangs from its manager's card; the rest are set one by one below
        parent = np.fromiter(map(position.get, map(managers.get, cards), repeat(-1)), dtype=np.int64, count=len(cards))
        style: dict[str, EdgeStyle] = {}
        via: dict[str, str] = {}
        parent[first:] = -1
        for unit in unit_cards:
            parent[position[unit]] = -1
        for body in bosses:
            for post in reports.get(body, ()):
                if post in position:
                    style[post] = "body"
        for member, board in board_of.items():
            for post in reports.get(member, ()):
                if post in position:
                    parent[position[post]] = position[board]
                    via[post] = member
        for post, candidates in index.candidates.items():
            if post in position and post not in managers:
                first_candidate = self._link_to(nodes, candidates[0])[0]
                parent[position[post]] = position.get(first_candidate, -1)
                style[post] = "candidate"  # no board member's branch: which member is not documented
        for post in political_posts:
            unit = nodes[post].get("unit")
            if post in position and post not in managers and post not in index.candidates and unit in political_units:
                parent[position[post]] = position[unit]
                style[post] = "part"
        for card in [*unit_cards, *bodies]:
            link = self._unit_parent(nodes, managers, card)
            if link is not None and link[0] in position:
                parent[position[card]] = position[link[0]]
                if link[1] != "line":
                    style[card] = link[1]
                if link[2] is not None:
                    via[card] = link[2]
        self._parent, self._style, self._via = parent, style, via

    def _is_political_unit(self, nodes: Any, unit: str) -> bool:
        kind = nodes[unit].get("unit_kind")
        if kind == "political_body":
            return True
        if kind != "committee":
            return False
        seen = {unit}
        parent = nodes[unit].get("parent")
        while parent is not None and parent not in seen:
            if nodes[parent].get("unit_kind") not in _POLITICAL_KINDS:
                return False
            seen.add(parent)
            parent = nodes[parent].get("parent")
        return True

    def _unit_parent(self, nodes: Any, managers: dict[str, str], card: str) -> tuple[str, EdgeStyle, str | None] | None:
        """Where a board, a political body or a body hangs: its first member's manager, its parent unit, its head."""
        if card in self._boards:
            members = self._boards[card]
            manager = managers.get(members[0])
            if card not in self._political_units:
                if manager is None or manager in members or manager == card:
                    return None
                return self._link_to(nodes, manager)
        if card in self._political:
            unit_parent = nodes[card].get("parent")
            return (unit_parent, "part", None) if unit_parent in self._political_units else None
        head = nodes[card].get("head")
        if head is not None:
            return self._board_of.get(head, head), "part", None
        return None

    def _link_to(self, nodes: Any, manager: str) -> tuple[str, EdgeStyle, str | None]:
        if nodes[manager]["kind"] == "post":
            board = self._board_of.get(manager)
            return (board, "line", manager) if board is not None else (manager, "line", None)
        return manager, "body", None

    # -- the forest ---------------------------------------------------------------------------------

    def _forest(self) -> None:
        """Cut cycles; each card's children, depth and subtree totals; the political cards above the administration."""
        cards, parent = self._cards, self._parent
        count = len(cards)
        levels, up = _ancestors(parent)
        if (up >= 0).any():  # a cycle (a board can close one): cut one link on each, as found in the data's order
            _break_cycles(cards, np.flatnonzero(up >= 0), parent, self._style, self._via)
            levels, _ = _ancestors(parent)
        self._kids = np.argsort(parent, kind="stable")  # the roots first, then each card's children in data order
        self._first_kid = np.concatenate(([0], np.cumsum(np.bincount(parent + 1, minlength=count + 1))))[1:]
        self._roots = [cards[i] for i in self._kids[: self._first_kid[0]].tolist()]
        # political cards with only political cards above them stand above the administration (depth -1)
        above: set[int] = set()
        for card in sorted(self._index[c] for c in self._political):
            i = card
            while i >= 0 and cards[i] in self._political:
                i = int(parent[i])
            if i < 0:
                above.add(card)
        self._above = sorted(above)
        if above:
            cut = parent.copy()
            for i in above:
                kids = self.kids(i)
                cut[kids[~np.isin(kids, self._above)]] = -1
            depth, _ = _ancestors(cut)
            depth[self._above] = -1
        else:
            depth = levels
        self._depth = depth
        self._totals = _subtree_totals(parent, levels, *self._own())

    def _own(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Posts, people and posts of unknown size each card stands for (a post, a board's members, staff rows)."""
        count = len(self._cards)
        index = self._index
        posts = np.zeros(count, dtype=np.int64)
        people = np.zeros(count, dtype=np.float64)
        unknown = np.zeros(count, dtype=np.int64)
        is_post = np.ones(count, dtype=bool)
        is_post[[index[c] for c in self._kinds]] = False
        posts[is_post] = 1
        people[is_post] = 1.0
        odd = self._odd
        extra: list[tuple[int, list[str]]] = [(index[b], list(m)) for b, m in self._boards.items()]
        extra += [(index[c], rows) for c, rows in self._staff.items() if c in index]
        for post, value in odd.items():
            i = index.get(post)
            if i is not None and i < count and is_post[i]:
                if value == "unknown":
                    people[i] = 0.0
                    unknown[i] = 1
                else:
                    people[i] = float(value)  # type: ignore[arg-type]
        for i, members in extra:
            for post in members:
                value = odd.get(post, 1)
                posts[i] += 1
                if value == "unknown":
                    unknown[i] += 1
                else:
                    people[i] += value
        return posts, people, unknown

    def kids(self, card: int) -> np.ndarray:
        """The children of card number ``card``, in data order."""
        return self._kids[self._first_kid[card] : self._first_kid[card + 1]]


def _posts_in(G: Any, unit: str) -> list[str]:
    """The posts in or heading a unit (its incoming ``in_unit`` and ``heads`` edges), each once."""
    posts: dict[str, None] = {}
    for u, _, key in G.in_edges(unit, keys=True):
        if key in ("in_unit", "heads") and G.nodes[u]["kind"] == "post":
            posts[u] = None
    return list(posts)


def _ancestors(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each card's number of ancestors, by pointer jumping (O(n log depth) in numpy).

    Returns the counts and, for each card, ``-1`` or (on or below a cycle) a
    card still above it after enough rounds to reach any root.
    """
    count = len(parent)
    up = parent.copy()
    steps = (parent >= 0).astype(np.int64)
    active = np.flatnonzero(up >= 0)
    rounds = 0
    while active.size and rounds <= count.bit_length() + 1:
        nearer = up[active]
        steps[active] += steps[nearer]
        up[active] = up[nearer]
        active = active[up[active] >= 0]
        rounds += 1
    return steps, up


def _subtree_totals(
    parent: np.ndarray, levels: np.ndarray, posts: np.ndarray, people: np.ndarray, unknown: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sum each card's own counts into every card above it, a level at a time from the bottom."""
    count = len(parent)
    if not count:
        return posts, people, unknown
    order = np.argsort(levels, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(levels)))).tolist()
    if (len(bounds) - 1) * 64 < count:  # few levels: numpy per level
        for depth in range(len(bounds) - 2, 0, -1):
            level = order[bounds[depth] : bounds[depth + 1]]
            above = parent[level]
            np.add.at(posts, above, posts[level])
            np.add.at(people, above, people[level])
            np.add.at(unknown, above, unknown[level])
        return posts, np.round(people, 9), unknown
    # deep (a chain): one plain pass from the bottom
    up = parent.tolist()
    p, f, u = posts.tolist(), people.tolist(), unknown.tolist()
    for i in order[::-1].tolist():
        j = up[i]
        if j >= 0:
            p[j] += p[i]
            f[j] += f[i]
            u[j] += u[i]
    return np.array(p, dtype=np.int64), np.round(np.array(f, dtype=np.float64), 9), np.array(u, dtype=np.int64)


_cards_of = per_org(_Cards)
"""The organisation's card forest, built once per Org (an Org never changes) and dropped with it."""


class ChartForest:
    """Every card an organisation's chart could show, read from the graph once.

    :meth:`select` then picks the cards down to a depth, cheaply (in the number
    of cards shown), so a chart can try several depths.

    Parameters
    ----------
    org : Org
        The organisation.
    root : str, optional
        Only the subtree of this post, unit or board (an id or search text).

    Examples
    --------
    >>> import orggraph
    >>> forest = ChartForest(orggraph.example())
    >>> forest.levels
    [1, 3, 2, 1]
    >>> forest.select(depth=0).cards["ceo"].hidden.text()
    '+12 people'
    """

    _up: list[int] | None
    _depths: list[int] | None

    def __init__(self, org: Org, *, root: str | None = None) -> None:
        self.org = org
        self._nodes = org.graph.nodes
        cards = _cards_of(org)
        self._forest = cards
        self._cards, self._index, self._kinds = cards._cards, cards._index, cards._kinds
        self._lines = cards._lines
        self._board_of = cards._board_of
        self._boards = cards._boards
        self._political = cards._political
        self._parent, self._style, self._via = cards._parent, cards._style, cards._via
        self._staff, self._folded, self._fte = cards._staff, cards._folded, cards.fte
        start = self.card_for(org.resolve(root)) if root is not None else None
        self._walk(start)

    # -- reading the graph ------------------------------------------------------------------------

    def card_for(self, node: str) -> str:
        """The card that shows a node: its own, its board's, or its head's.

        Parameters
        ----------
        node : str
            A node id (a post, a board or a unit with a head).

        Raises
        ------
        RenderError
            If the node is not drawn as a box (a topic, a forum, a unit without a head).

        Examples
        --------
        >>> import orggraph
        >>> ChartForest(orggraph.example()).card_for("finance")
        'cfo'
        """
        attrs = self._nodes[node]
        kind = attrs["kind"]
        if node in self._folded:  # a staff row is shown in its manager's box
            return self.card_for(self._folded[node])
        if kind == "post":
            return self._board_of.get(node, node)
        if node in self._index:
            return node
        if kind == "unit" and attrs.get("head") is not None:
            return self.card_for(attrs["head"])
        raise RenderError(
            f"cannot draw a chart from {node!r} ({self.org.name(node)}): it is a {kind} that is not drawn as a box; "
            "give a post, a unit with a head, or an executive board"
        )

    def _kind(self, card: str) -> CardKind:
        return self._kinds.get(card, "post")

    def _lists(self) -> tuple[list[int], list[int]]:
        """Each card's parent and depth as plain lists, for reading card by card (numpy scalars are slow)."""
        if self._up is None or self._depths is None:
            self._up, self._depths = self._parent.tolist(), self._depth.tolist()
        return self._up, self._depths

    def _parent_of(self, card: str) -> str | None:
        above = self._lists()[0][self._index[card]]
        return self._cards[above] if above >= 0 else None

    def _children_of(self, card: str) -> list[str]:
        cards = self._cards
        return [cards[i] for i in self._forest.kids(self._index[card]).tolist()]

    # -- the forest from the roots ----------------------------------------------------------------

    def _walk(self, start: str | None) -> None:
        """Depths (-2: not below the start; -1: political, above the administration) and the roots."""
        forest, cards = self._forest, self._cards
        if start is None:
            depth = forest._depth
            fixed = forest._above
            self._starts = list(forest._roots)
            admin = self._admin_roots(self._starts)
            self.political_roots = [r for r in self._starts if r not in admin]
            self.roots = [r for r in self._starts if r in admin]
        else:
            depth = np.full(len(cards), -2, dtype=np.int64)
            kids, first = forest._kids, forest._first_kid
            political = self._political
            reach: list[int] = []
            depths: list[int] = []
            walk = [(self._index[start], -1)]
            while walk:
                card, above = walk.pop()
                mine = above + 1 if above >= 0 or cards[card] not in political else -1
                reach.append(card)
                depths.append(mine)
                below = kids[first[card] : first[card + 1]]
                if below.size:
                    walk.extend((kid, mine) for kid in below.tolist())
            depth[reach] = depths
            fixed = [card for card, d in zip(reach, depths, strict=True) if d < 0]
            self._starts = [start]
            self.political_roots = []
            self.roots = [start]
        self._start = start
        self._depth = depth
        self._fixed = [cards[i] for i in fixed]
        placed = depth[depth >= 0]
        self._levels: list[int] = np.bincount(placed).tolist() if placed.size else []
        self._branches: dict[str, int | None] = {}
        self._member_branches = {
            f"{top}\x00{member}": i
            for top in self._boards
            if self._kind(top) == "board" and depth[self._index[top]] == 0
            for i, member in enumerate(self._boards[top])
        }
        self._kid_index: dict[str, dict[str, int]] = {}
        self._up = None
        self._depths = None

    def _admin_roots(self, roots: list[str]) -> set[str]:
        """The roots with an administrative card in their subtree (the rest form the political band)."""
        depth, index, forest = self._forest._depth, self._index, self._forest
        found: set[str] = set()
        for root in roots:
            walk = [index[root]]
            while walk:
                card = walk.pop()
                if depth[card] >= 0:
                    found.add(root)
                    break
                walk.extend(forest.kids(card).tolist())
        return found

    @property
    def levels(self) -> list[int]:
        """Cards per administrative depth (index 0 is the top of the administration)."""
        return list(self._levels)

    def fitting_depth(self, depth: int | None, max_boxes: int) -> int:
        """The deepest depth, at most ``depth``, whose cards number at most ``max_boxes`` (never below 0).

        Parameters
        ----------
        depth : int, optional
            The deepest administrative level wanted (0 = the top only); None for
            no limit.
        max_boxes : int
            The most cards the chart may show (at least 2).

        Raises
        ------
        RenderError
            If ``depth`` is negative or ``max_boxes`` is below 2.

        Examples
        --------
        >>> import orggraph
        >>> ChartForest(orggraph.example()).fitting_depth(None, 6)
        1
        """
        if depth is not None and depth < 0:
            raise RenderError(f"depth={depth}: give 0 (the top only) or more levels")
        if max_boxes < 2:
            raise RenderError(f"max_boxes={max_boxes}: a chart needs room for at least 2 boxes")
        levels = self._levels
        limit = len(levels) - 1 if depth is None else min(depth, len(levels) - 1)
        shown = len(self._fixed) + sum(levels[: limit + 1])
        while limit > 0 and shown > max_boxes:
            shown -= levels[limit]
            limit -= 1
        return max(limit, 0)

    def _branch(self, card: str) -> int | None:
        r"""A card's colour index: each branch below the top of the administration gets its own.

        A board's members each get a colour (``_member_branches``, keyed
        ``board\\0member``); the cards reporting to a member take it; cards hanging
        from the board as a body stay neutral, as do the tops and what is above them.
        Found by climbing to the branch's start, for the cards shown only, and remembered.
        """
        branches, index = self._branches, self._index
        depth = self._lists()[1]
        path: list[str] = []
        current = card
        colour: int | None = None
        while current not in branches:
            up = self._parent_of(current)
            if up is None or depth[index[current]] == 0:
                break
            path.append(current)
            if depth[index[up]] == 0:
                colour = self._start_colour(up, current)
                break
            current = up
        else:
            colour = branches[current]
        for node in path:
            branches[node] = colour
        return colour

    def _start_colour(self, top: str, kid: str) -> int | None:
        """The colour of the branch that starts at ``kid``, a child of the top card ``top``."""
        if self._kind(top) == "board":
            member = self._via.get(kid)
            return None if member is None else self._member_branches[f"{top}\x00{member}"]
        index = self._kid_index.get(top)
        if index is None:
            index = self._kid_index[top] = {k: i for i, k in enumerate(self._children_of(top))}
        return index[kid]

    # -- choosing what to show --------------------------------------------------------------------

    def select(
        self,
        *,
        depth: int | None = None,
        highlight: object = None,
        max_boxes: int = 300,
        wanted: int | None = None,
    ) -> ChartTree:
        """The cards down to ``depth`` (all without it), with what is cut off counted.

        Parameters
        ----------
        depth : int, optional
            The deepest administrative level to show.
        highlight : str, iterable of str, or an object with ``deciders``
            Cards to highlight; they and the cards above them are always shown.
        max_boxes : int
            When even the top level has more cards, all but the first are
            replaced by one "more" card.
        wanted : int, optional
            The depth the caller asked for; when ``depth`` is shallower the
            notes say the chart was collapsed to stay legible.

        Returns
        -------
        ChartTree

        Examples
        --------
        >>> import orggraph
        >>> tree = ChartForest(orggraph.example()).select(depth=0)
        >>> tree.hidden.sentence(), tree.depth
        ('12 people', 0)
        """
        levels = self._levels
        deepest = len(levels) - 1
        limit = deepest if depth is None else min(depth, deepest)
        index, depths = self._index, self._depth
        marked, marked_posts = self._highlighted(highlight_ids(self.org, highlight))
        forced: set[str] = set()
        for card in marked:
            current: str | None = card
            while current is not None and current not in forced:
                forced.add(current)
                current = self._parent_of(current)
        visible = (depths == -1) | ((depths >= 0) & (depths <= limit))
        for card in forced:
            if depths[index[card]] != -2:
                visible[index[card]] = True
        posts, people, unknown = self._forest._totals

        notes: list[str] = []
        roots = list(self.roots)
        more: Card | None = None
        if len(self._fixed) + len(roots) > max_boxes:
            keep = max(1, max_boxes - len(self._fixed) - 1)
            dropped = [index[r] for r in roots[keep:] if r not in forced]
            if dropped:
                count = (int(posts[dropped].sum()), float(people[dropped].sum()), int(unknown[dropped].sum()))
                more = Card(_MORE, "more", None, hidden=Hidden(*count, fte=self._fte))
                visible[dropped] = False
                roots = [r for r in roots if visible[index[r]]] + [_MORE]
                notes.append(
                    f"{len(dropped)} of {len(self.roots)} top-level posts not shown ({more.hidden.sentence()})"
                )

        # the children of the cards shown: those shown, and what the rest hold (in one numpy pass)
        shown_cards = np.flatnonzero(visible)
        forest = self._forest
        start = forest._first_kid[shown_cards]
        width = forest._first_kid[shown_cards + 1] - start
        owner = np.repeat(np.arange(shown_cards.size), width)
        kids = forest._kids[np.arange(owner.size) - np.repeat(np.cumsum(width) - width - start, width)]
        kept = visible[kids]
        cut = ~kept
        weights = [
            np.bincount(owner[cut], weights=array[kids[cut]], minlength=shown_cards.size)
            for array in (posts, people, unknown)
        ]
        cut_of = dict(zip(shown_cards.tolist(), zip(*(w.tolist() for w in weights), strict=True), strict=True))
        below: dict[int, list[int]] = {}
        for card, kid in zip(shown_cards[owner[kept]].tolist(), kids[kept].tolist(), strict=True):
            below.setdefault(card, []).append(kid)

        names = self._cards
        cards: dict[str, Card] = {}
        shown_children: dict[str, list[str]] = {}
        total = _ZERO if more is None else (more.hidden.posts, more.hidden.people, more.hidden.unknown)
        member_branches = self._member_branches
        walk = [index[r] for r in reversed(self._starts) if visible[index[r]]]
        while walk:  # in the order of a walk from the roots
            number = walk.pop()
            card = names[number]
            shown = below.get(number)
            if shown:
                shown_children[card] = [names[k] for k in shown]
                walk.extend(reversed(shown))
            n, p, u = cut_of[number]
            hidden = (int(n), p, int(u))
            total = _add(total, hidden)
            members = self._boards.get(card, ())
            cards[card] = Card(
                card,
                self._kind(card),
                card,
                members=members,
                political=card in self._political,
                highlighted=card in marked,
                highlighted_members=frozenset(m for m in members if m in marked_posts),
                hidden=Hidden(*hidden, fte=self._fte),
                branch=self._branch(card),
                member_branches=tuple(member_branches.get(f"{card}\x00{m}") for m in members),
            )
        if more is not None:
            cards[_MORE] = more
        hidden_total = Hidden(*total, fte=self._fte)
        reference = deepest if wanted is None else min(wanted, deepest)
        if limit < reference and hidden_total:
            notes.insert(
                0, f"collapsed below depth {limit} to keep the chart legible: {hidden_total.sentence()} not shown"
            )
        tops = set(self.roots)
        up = self._lists()[0]
        hanging = sorted(  # in the data's order
            (c for c in cards if c != _MORE and c not in tops and up[index[c]] >= 0), key=index.__getitem__
        )
        return ChartTree(
            cards=cards,
            political_roots=list(self.political_roots),
            roots=roots,
            children=shown_children,
            style={c: self._style.get(c, "line") for c in hanging},
            via={c: self._via[c] for c in hanging if c in self._via},
            secondary=self._secondary(cards),
            depth=limit if limit < deepest else None,
            hidden=hidden_total,
            notes=notes,
        )

    def _highlighted(self, ids: list[str]) -> tuple[set[str], set[str]]:
        marked: set[str] = set()
        posts: set[str] = set()
        for node in ids:
            kind = self._nodes[node]["kind"]
            if kind == "post":
                posts.add(node)
            elif node in self._index:
                marked.add(node)
            elif kind in ("unit", "group", "forum"):
                posts.update(self.org.members(node))
            else:
                raise RenderError(
                    f"cannot highlight {node!r} ({self.org.name(node)}): it is a {kind}; give posts, units, groups "
                    "or forums, or a query result such as org.who_decides(topic)"
                )
        marked.update(self._board_of.get(p, p) for p in posts)
        return {c for c in marked if c in self._index}, posts

    def _secondary(self, cards: dict[str, Card]) -> list[tuple[str, str, str]]:
        lines: dict[tuple[str, str], str] = {}
        for u, v, kind in self._lines:
            source = self._drawn(u, cards)
            target = self._drawn(v, cards)
            if source is None or target is None or source == target or self._parent_of(source) == target:
                continue
            lines.setdefault((source, target), kind)
        return [(s, t, k) for (s, t), k in lines.items()]

    def _drawn(self, node: str, cards: dict[str, Card]) -> str | None:
        card = self._board_of.get(node, node)  # a board member is drawn in its board's box
        return card if card in cards else None


def _break_cycles(
    cards: list[str], stuck: np.ndarray, parent: np.ndarray, style: dict[str, EdgeStyle], via: dict[str, str]
) -> None:
    """Cut one parent link on every cycle (a board can close one: a member's report managing another member).

    ``stuck`` are the cards on or below a cycle, in the data's order; each walk up from one of them
    ends on a card seen before, and when that card is on the walk itself, its parent link is cut.
    """
    state: dict[int, int] = {}  # 1: on the path being followed, 2: done
    for card in stuck.tolist():
        if card in state:  # reached from a card before it
            continue
        path: list[int] = []
        current = card
        while current >= 0 and current not in state:
            state[current] = 1
            path.append(current)
            current = int(parent[current])
        if current >= 0 and state[current] == 1:
            parent[current] = -1
            style.pop(cards[current], None)
            via.pop(cards[current], None)
        for node in path:
            state[node] = 2
