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
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, Union

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
    """The card forest of a whole organisation, read from its graph in one pass (cached per Org)."""

    def __init__(self, org: Org) -> None:
        G = org.graph
        self._attrs: dict[str, dict[str, Any]] = dict(G.nodes(data=True))
        attrs = self._attrs
        index = hierarchy(org)
        self._manager: dict[str, str] = index.managers
        self._candidates: dict[str, tuple[str, ...]] = index.candidates
        unit_posts: dict[str, dict[str, None]] = {}  # insertion-ordered sets: one pass, however big a unit
        self._lines: list[tuple[str, str, str]] = []
        for u, v, key in G.edges(keys=True):
            if key in _SECONDARY:
                self._lines.append((u, v, key))
            elif key in ("in_unit", "heads") and attrs[u]["kind"] == "post":
                unit_posts.setdefault(v, {})[u] = None
        order = {node: i for i, node in enumerate(attrs)}
        self._board_of: dict[str, str] = {}
        self._boards: dict[str, tuple[str, ...]] = {}
        for unit in org.nodes("unit"):
            if attrs[unit].get("unit_kind") != "executive_board" or not unit_posts.get(unit):
                continue
            members = sorted(unit_posts[unit], key=order.__getitem__)
            head = attrs[unit].get("head")
            if head in members:
                members.remove(head)
                members.insert(0, head)
            self._boards[unit] = tuple(members)
            for member in members:
                self._board_of.setdefault(member, unit)
        self._political_units = {u for u in org.nodes("unit") if self._is_political_unit(u)}
        # staff rows (an organogram's junior rows) are summed into their manager's card, not drawn
        from orggraph.staff import counts_in_fte, staff_of

        self._staff: dict[str, list[str]] = {}
        self._folded: dict[str, str] = {}
        for manager, rows in staff_of(org).items():
            self._staff.setdefault(self._board_of.get(manager, manager), []).extend(rows)
            for row in rows:
                self._folded[row] = manager
        self.fte = counts_in_fte(org)
        self._build_cards()

    def _is_political_unit(self, unit: str) -> bool:
        attrs = self._attrs
        kind = attrs[unit].get("unit_kind")
        if kind == "political_body":
            return True
        if kind != "committee":
            return False
        seen = {unit}
        parent = attrs[unit].get("parent")
        while parent is not None and parent not in seen:
            if attrs[parent].get("unit_kind") not in _POLITICAL_KINDS:
                return False
            seen.add(parent)
            parent = attrs[parent].get("parent")
        return True

    def _build_cards(self) -> None:
        attrs = self._attrs
        kind: dict[str, CardKind] = {}
        political: set[str] = set()
        for node, data in attrs.items():
            node_kind = data["kind"]
            if node_kind == "unit" and node in self._political_units:
                kind[node] = "body"
                political.add(node)
            elif node_kind == "unit" and node in self._boards:
                kind[node] = "board"
            elif node_kind == "post" and node not in self._board_of and node not in self._folded:
                kind[node] = "post"
                if data.get("political"):
                    political.add(node)
        for manager in self._manager.values():
            if manager not in kind and attrs[manager]["kind"] != "post":
                kind[manager] = "body"
        self._kind = kind
        self._political = political
        parent: dict[str, str] = {}
        style: dict[str, EdgeStyle] = {}
        via: dict[str, str] = {}
        for card in kind:
            link = self._parent_of(card)
            if link is not None:
                parent[card], style[card], member = link
                if member is not None:
                    via[card] = member
        _break_cycles(kind, parent, style, via)
        children: dict[str, list[str]] = {}
        roots: list[str] = []
        for card in kind:
            if card in parent:
                children.setdefault(parent[card], []).append(card)
            else:
                roots.append(card)
        self._parent, self._style, self._via = parent, style, via
        self._children, self._roots = children, roots

    def _parent_of(self, card: str) -> tuple[str, EdgeStyle, str | None] | None:
        attrs = self._attrs
        kind = self._kind[card]
        if kind == "post":
            manager = self._manager.get(card)
            candidates = self._candidates.get(card)
            if manager is None and candidates:
                first, _, _ = self._link_to(candidates[0])
                return first, "candidate", None  # no board member's branch: which member is not documented
            if manager is None:
                unit = attrs[card].get("unit")
                if card in self._political and unit in self._political_units:
                    return unit, "part", None
                return None
            return self._link_to(manager)
        if kind == "board":
            members = self._boards[card]
            manager = self._manager.get(members[0])
            if manager is None or manager in members or manager == card:
                return None
            return self._link_to(manager)
        if card in self._political:
            unit_parent = attrs[card].get("parent")
            return (unit_parent, "part", None) if unit_parent in self._political_units else None
        head = attrs[card].get("head")
        if head is not None:
            return self._board_of.get(head, head), "part", None
        return None

    def _link_to(self, manager: str) -> tuple[str, EdgeStyle, str | None]:
        if self._attrs[manager]["kind"] == "post":
            board = self._board_of.get(manager)
            return (board, "line", manager) if board is not None else (manager, "line", None)
        return manager, "body", None


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

    def __init__(self, org: Org, *, root: str | None = None) -> None:
        self.org = org
        cards = _cards_of(org)
        self._attrs = cards._attrs
        self._lines = cards._lines
        self._board_of = cards._board_of
        self._boards = cards._boards
        self._kind = cards._kind
        self._political = cards._political
        self._parent, self._style, self._via = cards._parent, cards._style, cards._via
        self._children, self._roots = cards._children, cards._roots
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
        attrs = self._attrs[node]
        kind = attrs["kind"]
        if node in self._folded:  # a staff row is shown in its manager's box
            return self.card_for(self._folded[node])
        if kind == "post":
            return self._board_of.get(node, node)
        if node in self._kind:
            return node
        if kind == "unit" and attrs.get("head") is not None:
            return self.card_for(attrs["head"])
        raise RenderError(
            f"cannot draw a chart from {node!r} ({self.org.name(node)}): it is a {kind} that is not drawn as a box; "
            "give a post, a unit with a head, or an executive board"
        )

    # -- the forest from the roots ----------------------------------------------------------------

    def _walk(self, start: str | None) -> None:
        """Depths, subtree totals and roots from one walk: plain lists by position, as it sees every card."""
        children = self._children
        roots = [start] if start is not None else self._roots
        political = self._political
        reach: list[str] = []
        above_of: list[int] = []  # each card's parent's position in ``reach`` (-1: a root)
        depth_of: dict[str, int] = {}
        walk = [(r, -1, -1) for r in reversed(roots)]
        pop, push, add, add_above = walk.pop, walk.extend, reach.append, above_of.append
        while walk:
            card, above, up = pop()
            here = len(reach)
            add(card)
            add_above(up)
            if above >= 0 or card not in political:
                mine = above + 1
                depth_of[card] = mine
            else:
                mine = -1
            kids = children.get(card)
            if kids:
                push([(kid, mine, here) for kid in reversed(kids)])
        count = len(reach)
        has_admin = [card in depth_of for card in reach]
        # subtree totals, bottom-up (children come after their parent in ``reach``)
        posts = [0] * count
        people = [0.0] * count
        unknown = [0] * count
        attrs = self._attrs
        boards = self._boards
        staff = self._staff
        kind = self._kind
        for i in range(count - 1, -1, -1):
            card = reach[i]
            own: tuple[str, ...] | list[str] = (card,) if kind[card] == "post" else boards.get(card, ())
            rows = staff.get(card)
            if rows:
                own = [*own, *rows]
            n, p, u = posts[i], people[i], unknown[i]
            for post in own:
                headcount = attrs[post].get("headcount", 1)
                n += 1
                if headcount == "unknown":
                    u += 1
                else:
                    p += headcount
            posts[i], people[i], unknown[i] = n, p, u
            j = above_of[i]
            if j >= 0:
                if has_admin[i]:
                    has_admin[j] = True
                posts[j] += n
                people[j] += p
                unknown[j] += u
        subtree: dict[str, _Count] = dict(zip(reach, zip(posts, people, unknown, strict=True), strict=True))
        by_depth: list[list[str]] = []
        for card, d in depth_of.items():
            while len(by_depth) <= d:
                by_depth.append([])
            by_depth[d].append(card)
        root_admin = {reach[i]: has_admin[i] for i in range(count) if above_of[i] < 0}
        self._start = start
        self._reach = reach
        self._position = dict(zip(reach, range(count), strict=True))
        self._depth_of = depth_of
        self._by_depth = by_depth
        self._subtree = subtree
        self._fixed = [c for c in reach if c not in depth_of]
        self.political_roots = [r for r in roots if not root_admin[r]] if start is None else []
        self.roots = [r for r in roots if r not in self.political_roots]
        self._tops = set(by_depth[0]) if by_depth else set()
        self._branches: dict[str, int | None] = {}
        self._member_branches = {
            f"{top}\x00{member}": i
            for top in (by_depth[0] if by_depth else [])
            if self._kind[top] == "board"
            for i, member in enumerate(self._boards[top])
        }
        self._kid_index: dict[str, dict[str, int]] = {}

    @property
    def levels(self) -> list[int]:
        """Cards per administrative depth (index 0 is the top of the administration)."""
        return [len(cards) for cards in self._by_depth]

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
        levels = self.levels
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
        branches, parent, tops = self._branches, self._parent, self._tops
        path: list[str] = []
        current = card
        colour: int | None = None
        while current not in branches:
            up = parent.get(current)
            if up is None or current in tops:
                break
            path.append(current)
            if up in tops:
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
        if self._kind[top] == "board":
            member = self._via.get(kid)
            return None if member is None else self._member_branches[f"{top}\x00{member}"]
        index = self._kid_index.get(top)
        if index is None:
            index = self._kid_index[top] = {k: i for i, k in enumerate(self._children.get(top, ()))}
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
        levels = self.levels
        deepest = len(levels) - 1
        limit = deepest if depth is None else min(depth, deepest)
        parent = self._parent
        marked, marked_posts = self._highlighted(highlight_ids(self.org, highlight))
        forced: set[str] = set()
        for card in marked:
            current: str | None = card
            while current is not None and current not in forced:
                forced.add(current)
                current = parent.get(current)
        in_reach = self._subtree
        visible: set[str] = set(self._fixed)
        for level_cards in self._by_depth[: limit + 1]:
            visible.update(level_cards)
        visible.update(c for c in forced if c in in_reach)

        notes: list[str] = []
        roots = list(self.roots)
        more: Card | None = None
        if len(self._fixed) + len(roots) > max_boxes:
            keep = max(1, max_boxes - len(self._fixed) - 1)
            dropped = [r for r in roots[keep:] if r not in forced]
            if dropped:
                count = _ZERO
                for r in dropped:
                    count = _add(count, in_reach[r])
                more = Card(_MORE, "more", None, hidden=Hidden(*count, fte=self._fte))
                dropped_set = set(dropped)
                roots = [r for r in roots if r not in dropped_set] + [_MORE]
                visible -= dropped_set
                notes.append(
                    f"{len(dropped)} of {len(self.roots)} top-level posts not shown ({more.hidden.sentence()})"
                )

        cards: dict[str, Card] = {}
        shown_children: dict[str, list[str]] = {}
        total = _ZERO if more is None else (more.hidden.posts, more.hidden.people, more.hidden.unknown)
        member_branches = self._member_branches
        for card in sorted(visible, key=self._position.__getitem__):  # in the order of the walk
            kids = self._children.get(card, ())
            shown = []
            cut = _ZERO
            for kid in kids:
                if kid in visible:
                    shown.append(kid)
                else:
                    cut = _add(cut, in_reach[kid])
            total = _add(total, cut)
            if shown:
                shown_children[card] = shown
            members = self._boards.get(card, ())
            cards[card] = Card(
                card,
                self._kind[card],
                card,
                members=members,
                political=card in self._political,
                highlighted=card in marked,
                highlighted_members=frozenset(m for m in members if m in marked_posts),
                hidden=Hidden(*cut, fte=self._fte),
                branch=self._branch(card),
                member_branches=tuple(member_branches.get(f"{card}\x00{m}") for m in members),
            )
        if more is not None:
            cards[_MORE] = more
        hidden = Hidden(*total, fte=self._fte)
        reference = deepest if wanted is None else min(wanted, deepest)
        if limit < reference and hidden:
            notes.insert(0, f"collapsed below depth {limit} to keep the chart legible: {hidden.sentence()} not shown")
        return ChartTree(
            cards=cards,
            political_roots=list(self.political_roots),
            roots=roots,
            children=shown_children,
            style={c: s for c, s in self._style.items() if c in cards and c not in self.roots},
            via={c: m for c, m in self._via.items() if c in cards and c not in self.roots},
            secondary=self._secondary(cards),
            depth=limit if limit < deepest else None,
            hidden=hidden,
            notes=notes,
        )

    def _highlighted(self, ids: list[str]) -> tuple[set[str], set[str]]:
        attrs = self._attrs
        marked: set[str] = set()
        posts: set[str] = set()
        for node in ids:
            kind = attrs[node]["kind"]
            if kind == "post":
                posts.add(node)
            elif node in self._kind:
                marked.add(node)
            elif kind in ("unit", "group", "forum"):
                posts.update(self.org.members(node))
            else:
                raise RenderError(
                    f"cannot highlight {node!r} ({self.org.name(node)}): it is a {kind}; give posts, units, groups "
                    "or forums, or a query result such as org.who_decides(topic)"
                )
        marked.update(self._board_of.get(p, p) for p in posts)
        return {c for c in marked if c in self._kind}, posts

    def _secondary(self, cards: dict[str, Card]) -> list[tuple[str, str, str]]:
        lines: dict[tuple[str, str], str] = {}
        for u, v, kind in self._lines:
            source = self._drawn(u, cards)
            target = self._drawn(v, cards)
            if source is None or target is None or source == target or self._parent.get(source) == target:
                continue
            lines.setdefault((source, target), kind)
        return [(s, t, k) for (s, t), k in lines.items()]

    def _drawn(self, node: str, cards: dict[str, Card]) -> str | None:
        card = self._board_of.get(node, node) if self._attrs[node]["kind"] == "post" else node
        return card if card in cards else None


def _break_cycles(
    cards: Iterable[str], parent: dict[str, str], style: dict[str, EdgeStyle], via: dict[str, str]
) -> None:
    """Cut one parent link on every cycle (a board can close one: a member's report managing another member)."""
    state: dict[str, int] = {}  # 1: on the path being followed, 2: done
    for card in cards:
        if card in state:  # reached from a card before it
            continue
        path: list[str] = []
        current: str | None = card
        while current is not None and current not in state:
            state[current] = 1
            path.append(current)
            current = parent.get(current)
        if current is not None and state[current] == 1:
            del parent[current]
            style.pop(current, None)
            via.pop(current, None)
        for node in path:
            state[node] = 2
