"""An org chart to explore in the browser: one self-contained, offline HTML file.

:func:`chart_html` writes the chart that :func:`~orggraph.render.chart.org_chart`
draws as a PNG into a single HTML page: the same cards (political band,
executive board card, a dashed line to a body, dotted secondary lines,
head-count badges, "manager not documented"), the same text measured with
the same font, laid out by the same tidy-tree algorithm
(:func:`orggraph.render.layout.tidy_tree`, which ``chart.js`` runs in the browser
whenever a subtree opens or closes). The page lets you

- open and close any subtree (it starts collapsed to the depth the PNG
  would draw), pan (drag) and zoom (wheel, buttons);
- search like :meth:`orggraph.Org.find` (case, accents, ø = o = oe, æ = ae,
  å = a = aa): the same folding, written in JavaScript;
- see what ``highlight=`` marks: ids, a chain of command, or a decision (its
  deciders, approvers, consulted posts, each with the role);
- click a box for its details: name, holder, unit, head count, forums with
  roles and meeting load, and the decisions it takes part in, each with its
  citation;
- list the forums and mark who sits in one (who sits where).

The organisation is written once as JSON and drawn on demand: no markup
exists for a box until its parent is opened, so a 100 000-post organisation
opens in about a second. Scripts and styles are inline (package data in
``orggraph/render/html_assets/``); the page requests nothing from any host.

:class:`HtmlChart` shows the page inline in Jupyter, in an ``iframe`` whose
``srcdoc`` is the page (no extension needed).

Examples
--------
>>> import orggraph
>>> page = chart_html(orggraph.example())
>>> page.startswith("<!DOCTYPE html>"), "http://" in page, "https://" in page
(True, False, False)
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from orggraph.collectives import collectives
from orggraph.hierarchy import hierarchy
from orggraph.progress import progress as bar_over
from orggraph.render import style
from orggraph.render.chart import SHOW, _Content, _content, _pill_width
from orggraph.render.layout import tidy_tree
from orggraph.render.picture import RenderError
from orggraph.render.tree import Card, ChartForest, Hidden, highlight_ids
from orggraph.schema import ROLES as _ROLES
from orggraph.staff import counts_in_fte, staff_of

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["HtmlChart", "chart_data", "chart_html", "interactive_chart"]

_KIND_CODE = {"post": "p", "board": "b", "body": "y", "more": "m"}
_EDGE_CODE = {"line": "l", "body": "b", "part": "p", "candidate": "c"}
_ROLE_LABELS = (
    ("deciders", "decides"),
    ("approvers", "approves"),
    ("may_delegate_to", "may delegate to"),
    ("consults", "consulted"),
)
"""The parts of a Decision that a highlight marks, with the label each gets."""


@dataclass(frozen=True)
class HtmlChart:
    """An interactive org chart page: shows itself inline in Jupyter and saves as one HTML file.

    Attributes
    ----------
    html : str
        The self-contained page.
    height : int
        The height of the inline frame in Jupyter, in CSS pixels.

    Examples
    --------
    >>> import orggraph
    >>> chart = HtmlChart(chart_html(orggraph.example()))
    >>> chart._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """

    html: str
    height: int = 640

    def _repr_html_(self) -> str:
        """The page in an iframe's ``srcdoc``: Jupyter shows it without any extension."""
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #d5dae0; border-radius: 4px" '
            'sandbox="allow-scripts"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the page to ``path`` (UTF-8).

        Parameters
        ----------
        path : str or os.PathLike
            The file to write; it is replaced if it exists.

        Examples
        --------
        >>> import orggraph, pathlib, tempfile
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "chart.html"
        >>> HtmlChart("<!DOCTYPE html>").save(target)
        >>> target.read_text(encoding="utf-8")
        '<!DOCTYPE html>'
        """
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.html)


def chart_html(
    org: Org,
    path: str | os.PathLike[str] | None = None,
    *,
    root: str | None = None,
    depth: int | None = None,
    highlight: object = None,
    show: Sequence[str] = SHOW,
    max_boxes: int = 300,
    max_width: float | None = 3600.0,
    title: str | None = None,
    progress: bool | None = False,
) -> str:
    """The org chart as one self-contained, interactive HTML page; written to ``path`` when given.

    Parameters
    ----------
    org : Org
        The organisation.
    path : str or os.PathLike, optional
        A file to write (UTF-8).
    root : str, optional
        Only the subtree of this post, unit or board (an id or a search text).
    depth : int, optional
        Administrative levels open at the start (the rest opens with a click).
    highlight : str, iterable of str, or an object with ``deciders``
        Ids, a query result (``org.chain_of_command(p)``) or a decision
        (``org.who_decides(topic, subject)``: deciders, approvers and consulted
        posts are marked with their role). The boxes above are opened.
    show : sequence of str
        What a post's box shows, from ``("title", "unit", "holder", "headcount")``.
    max_boxes, max_width : int, float or None
        The start is collapsed to the deepest level with at most this many
        boxes and this width in points, as :func:`~orggraph.render.chart.org_chart` does.
    title : str, optional
        The heading; the organisation's name by default.
    progress : bool or None, default False
        A bar while the boxes are measured, the long part of a big chart
        (None: only on a terminal; see :mod:`orggraph.progress`).

    Returns
    -------
    str
        The page.

    Raises
    ------
    RenderError
        If an option is out of range.
    UnknownNodeError
        If ``root`` or a highlighted id is not in the organisation.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> page = chart_html(org, highlight=org.who_decides("dismissal", "technician"))
    >>> '"decides"' in page and '"approves"' in page
    True
    """
    data = chart_data(
        org,
        root=root,
        depth=depth,
        highlight=highlight,
        show=show,
        max_boxes=max_boxes,
        max_width=max_width,
        progress=progress,
    )
    if title is not None:
        data["title"] = title
    page = _page(data)
    if path is not None:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(page)
    return page


def interactive_chart(
    org: Org,
    *,
    compact: bool = True,
    direction: str = "TB",
    **options: Any,
) -> HtmlChart:
    """The interactive chart for Jupyter: what ``org.chart(interactive=True, ...)`` returns.

    Takes the options of :func:`chart_html`; ``compact`` and ``direction``
    are there because ``org.chart`` has them: the page draws top to bottom
    and stacks leaves, so other values are refused rather than ignored.

    Parameters
    ----------
    org : Org
        The organisation.
    compact : bool, default True
        Must be True: the page always stacks the leaf reports of a wide span.
    direction : str, default "TB"
        Must be ``"TB"``: the page always draws top to bottom.
    **options
        The keyword arguments of :func:`chart_html` (``root``, ``depth``,
        ``highlight``, ``show``, ``title``, ...), except ``path``.

    Raises
    ------
    RenderError
        For ``direction="LR"`` or ``compact=False``.

    Examples
    --------
    >>> import orggraph
    >>> interactive_chart(orggraph.example(), depth=1).html.startswith("<!DOCTYPE html>")
    True
    >>> interactive_chart(orggraph.example(), direction="LR")
    Traceback (most recent call last):
    ...
    orggraph.errors.RenderError: the interactive chart is drawn top to bottom with stacked leaves; ...
    """
    if direction != "TB" or not compact:
        raise RenderError(
            "the interactive chart is drawn top to bottom with stacked leaves; leave out direction= and compact= "
            "(they apply to the picture, org.chart() without interactive=True)"
        )
    return HtmlChart(chart_html(org, **options))


def chart_data(
    org: Org,
    *,
    root: str | None = None,
    depth: int | None = None,
    highlight: object = None,
    show: Sequence[str] = SHOW,
    max_boxes: int = 300,
    max_width: float | None = 3600.0,
    progress: bool | None = False,
) -> dict[str, Any]:
    """The data the page draws from, as plain JSON-ready values.

    Texts are written once, in ``strings``; everything else refers to them by
    position. ``cards`` has one entry per box of the whole organisation:
    ``[id, kind, parent, edge, branch, flags, width, height, lines, pill, pill width,
    badge, badge width, rules, nodes]`` (kind p/b/y/m: post, board, body, more;
    edge l/b/p: reports to, reports to a body, part of, with v when the line
    takes a board member's colour; flags: 1 political, 2 highlighted, 4
    left-aligned text; nodes: the node numbers the box shows). ``nodes`` has
    ``[id, name, kind, citation, card]`` per node of the graph, ``posts`` the
    details of each post, ``up`` and ``roles`` what the details panel needs to
    list a post's decisions as :func:`orggraph.decisions.responsibilities` does.
    See :func:`chart_html` for the parameters.

    Parameters
    ----------
    org : Org
        The organisation.
    root : str, optional
        Only the subtree of this post, unit or board (an id or a search text).
    depth : int, optional
        Administrative levels open at the start (the rest opens with a click).
    highlight : str, iterable of str, or an object with ``deciders``
        Ids, a query result (``org.chain_of_command(p)``) or a decision
        (``org.who_decides(topic, subject)``) whose posts are marked.
    show : sequence of str
        What a post's box shows, from ``("title", "unit", "holder", "headcount")``.
    max_boxes, max_width : int, float or None
        The start is collapsed to the deepest level with at most this many
        boxes and this width in points.
    progress : bool or None, default False
        A bar while the boxes are measured (None: only on a terminal; see
        :mod:`orggraph.progress`).

    Examples
    --------
    >>> import orggraph
    >>> data = chart_data(orggraph.example(), depth=0)
    >>> [data["strings"][card[0]] for card in data["cards"]][:3], len(data["open"])
    (['board-of-trustees', 'chair', 'ceo'], 2)
    >>> cfo = [n for n in data["nodes"] if data["strings"][n[0]] == "cfo"][0]
    >>> data["strings"][cfo[1]], data["cards"][cfo[4]][0] == cfo[0]
    ('Finance Director', True)
    """
    unknown = [item for item in show if item not in SHOW]
    if unknown or isinstance(show, str):
        raise RenderError(f"show={show!r}: choose any of {', '.join(repr(s) for s in SHOW)}")
    if max_width is not None and max_width <= 0:
        raise RenderError(f"max_width={max_width}: give a positive width in points, or None for no limit")
    forest = ChartForest(org, root=root)
    marks = _marks(org, highlight)
    everything = sum(forest.levels) + 2 + len(forest.roots)
    full = forest.select(highlight=list(marks) or None, max_boxes=everything)
    used = set(full.via.values())
    shown = set(show)
    order = list(full.cards)
    index = {card: i for i, card in enumerate(order)}
    parent = {kid: card for card, kids in full.children.items() for kid in kids}
    descendants = _descendants(org, full.cards, full.children, order)

    contents: dict[str, _Content] = {}
    measured: dict[tuple[object, ...], _Content] = {}
    for card_id in bar_over(order, desc="measuring boxes", unit="box", enabled=progress):
        card = full.cards[card_id]
        key = _content_key(org, card)
        content = measured.get(key) if key is not None else None
        if content is None:
            content = _content(org, _no_badge(card), shown, used)
            if key is not None:
                measured[key] = content
        contents[card_id] = content
    opened, columns = _opened(forest, full.children, contents, depth, list(marks) or None, max_boxes, max_width)

    table = _Strings()
    text = table.add
    numbers = {node: i for i, node in enumerate(org.graph)}
    styles: dict[tuple[float, str, str, str], int] = {}
    cards: list[list[Any]] = []
    fte = counts_in_fte(org)  # badges say FTE throughout an FTE-counted organisation
    for card_id in order:
        card = full.cards[card_id]
        content = contents[card_id]
        lines = []
        for line in content.lines:
            key = (line.size, line.weight, line.slant, line.colour)
            entry: list[Any] = [text(line.text), styles.setdefault(key, len(styles))]
            if line.swatch is not None:
                entry.append(line.swatch)
            lines.append(entry)
        hidden = Hidden(*descendants[card_id], fte=fte)
        badge = hidden.text() if hidden else ""
        flags = (1 if card.political else 0) | (2 if card.highlighted else 0) | (4 if content.left else 0)
        up = parent.get(card_id)
        cards.append(
            [
                text(card_id if card.kind != "more" else "more"),
                _KIND_CODE[card.kind],
                index[up] if up is not None else -1,
                _EDGE_CODE.get(full.style.get(card_id, ""), "") + ("v" if card_id in full.via else ""),
                -1 if card.branch is None else card.branch,
                flags,
                round(content.width, 2),
                round(content.height, 2),
                lines,
                text(content.pill) if content.pill else -1,
                round(_pill_width(content.pill), 2) if content.pill else 0,
                text(badge) if badge else -1,
                round(_pill_width(badge), 2) if badge else 0,
                content.rules,
                [numbers[node] for node in _nodes_of(card)],
            ]
        )
    marked_cards: dict[str, list[list[Any]]] = {}
    for node, roles in marks.items():
        card_of = _card_of(forest, node)
        if card_of is not None and card_of in index:
            marked_cards.setdefault(str(index[card_of]), []).append([numbers[node], roles])
    cites = _Strings()
    return {
        "title": org.title,
        "cards": cards,
        "styles": [list(key) for key in styles],
        "politicalRoots": [index[c] for c in full.political_roots],
        "roots": [index[c] for c in full.roots],
        "open": sorted(index[c] for c in opened),
        "columns": columns,
        "secondary": [[index[s], index[t], kind.replace("_", " ")] for s, t, kind in full.secondary],
        "palette": list(style.PALETTE),
        "inkOn": {colour: style.ink_on(colour) for colour in (*style.PALETTE, style.NEUTRAL, style.POLITICAL)},
        "marks": marked_cards,
        "decision": _decision_text(highlight, cites),
        **_graph_tables(org, forest, index, numbers, table, cites),
        "strings": table.items,
        "cites": cites.items,
    }


class _Strings:
    """A table of distinct texts: each is written once in the page, and referred to by position."""

    def __init__(self) -> None:
        self.positions: dict[str, int] = {}

    def add(self, text: str) -> int:
        """The text's position (a new text goes at the end)."""
        positions = self.positions
        return positions.setdefault(text, len(positions))

    @property
    def items(self) -> list[str]:
        """The texts in order of position."""
        return list(self.positions)  # a dict keeps the order its keys were added in


def _card_of(forest: ChartForest, node: str) -> str | None:
    """The card that shows a node, or None when the node is not drawn (a topic, a unit without a head)."""
    try:
        return forest.card_for(node)
    except RenderError:
        return None


# -- what the cards show -----------------------------------------------------------------------------


def _no_badge(card: Card) -> Card:
    """The card without its collapsed count: the page adds the badge when the card is closed."""
    if not card.hidden:
        return card
    return Card(
        card.id,
        card.kind,
        card.node,
        card.members,
        card.political,
        card.highlighted,
        card.highlighted_members,
        Hidden(),
        card.branch,
        card.member_branches,
    )


def _content_key(org: Org, card: Card) -> tuple[object, ...] | None:
    """Posts with the same text share one measurement (a large organisation has thousands of 'Pædagog')."""
    if card.kind != "post" or card.node is None:
        return None
    attrs = org.graph.nodes[card.node]
    unit = attrs.get("unit")
    return (
        attrs["name"],
        org.graph.nodes[unit]["name"] if unit is not None else None,
        attrs.get("holders"),
        attrs.get("vacant"),
        attrs.get("manager_unknown"),
        attrs.get("headcount", 1),
        attrs.get("headcount_approx"),
    )


def _nodes_of(card: Card) -> list[str]:
    if card.kind == "board":
        return [card.node or "", *card.members]
    return [card.node] if card.node is not None else []


def _descendants(
    org: Org, cards: Mapping[str, Card], children: Mapping[str, list[str]], order: list[str]
) -> dict[str, tuple[int, float, int]]:
    """Per card, the posts below it (not its own): what its badge counts when it is closed."""
    nodes = org.graph.nodes
    staff = staff_of(org)
    own: dict[str, tuple[int, float, int]] = {}
    for card_id, card in cards.items():
        posts = (
            [card.node]
            if card.kind == "post" and card.node is not None
            else list(card.members)
            if card.kind == "board"
            else []
        )
        if card.kind == "post" and card.node is not None:
            posts += staff.get(card.node, [])  # staff rows are summed in their manager's box
        n, people, unknown = 0, 0.0, 0
        for post in posts:
            count = nodes[post].get("headcount", 1)
            n += 1
            if count == "unknown":
                unknown += 1
            else:
                people += count
        own[card_id] = (n, people, unknown) if card.kind != "more" else (0, 0.0, 0)
    below: dict[str, tuple[int, float, int]] = {}
    for card_id in reversed(order):
        n, people, unknown = 0, 0.0, 0
        for kid in children.get(card_id, ()):
            a, b, c = below[kid]
            d, e, f = own[kid]
            n, people, unknown = n + a + d, people + b + e, unknown + c + f
        below[card_id] = (n, people, unknown)
    return below


def _opened(
    forest: ChartForest,
    children: Mapping[str, list[str]],
    contents: Mapping[str, _Content],
    depth: int | None,
    highlight: object,
    max_boxes: int,
    max_width: float | None,
) -> tuple[set[str], int]:
    """The cards open at the start and the columns of a stack, as the PNG chooses them.

    The PNG's legible depth, everything above a highlighted card, and stacks
    of one column when that is what keeps the PNG within ``max_width``.
    """
    limit = forest.fitting_depth(depth, max_boxes)
    while True:
        tree = forest.select(depth=limit, highlight=highlight, max_boxes=max_boxes, wanted=depth)
        opened = set(tree.children)
        if max_width is None or limit == 0:
            return opened, 2
        kids = {card: children[card] for card in opened}
        sizes: dict[str, tuple[float, float]] = {}
        walk = list(tree.roots)
        while walk:
            card = walk.pop()
            if card not in contents:  # the "more" card of a very wide forest
                continue
            content = contents[card]
            sizes[card] = (content.width, content.height)
            walk.extend(kids.get(card, ()))
        roots = [r for r in tree.roots if r in sizes]
        for columns in (2, 1):  # as the PNG: stack leaves in one column when two are too wide
            admin = tidy_tree(
                roots, {c: k for c, k in kids.items() if c in sizes}, sizes, compact=True, columns=columns
            )
            if admin.width <= max_width:
                return opened, columns
        limit -= 1


def _marks(org: Org, highlight: object) -> dict[str, list[str]]:
    """Node -> the roles a highlight gives it ("decides", "approves", ... or "highlighted")."""
    if highlight is None:
        return {}
    marks: dict[str, list[str]] = {}
    if hasattr(highlight, "deciders"):
        for attribute, label in _ROLE_LABELS:
            for node in getattr(highlight, attribute, ()):
                marks.setdefault(str(node), []).append(label)
        return marks
    for node in highlight_ids(org, highlight):
        marks.setdefault(node, []).append("highlighted")
    return marks


def _decision_text(highlight: object, cites: _Strings) -> dict[str, Any] | None:
    """What a highlighted decision says, for the caption above the chart."""
    if not hasattr(highlight, "deciders"):
        return None
    return {
        "text": str(highlight).split(" — source:")[0],
        "sources": [cites.add(str(source)) for source in getattr(highlight, "sources", ())],
    }


# -- details for the panel ---------------------------------------------------------------------------

_UPWARD = {"post": ("in_unit", "member_of"), "unit": ("part_of", "member_of"), "group": ("member_of",)}
"""The edges :func:`orggraph.decisions.responsibilities` follows up from a post (the page follows the same)."""


def _graph_tables(
    org: Org,
    forest: ChartForest,
    index: Mapping[str, int],
    numbers: Mapping[str, int],
    table: _Strings,
    cites: _Strings,
) -> dict[str, Any]:
    """The facts the details panel and the search read, as tables indexed by node number.

    ``nodes``: ``[id, name, kind, citation, card]`` per node (-1: none);
    ``aliases``: node number -> aliases; ``posts``: node number ->
    ``[unit, holder, head count, manager, forums, meetings a year, hours a year]``
    (unit and manager are node numbers, -2 for a manager not documented;
    forums ``[[forum, roles], ...]``); ``forums``: forum number -> ``[meetings, hours]``
    a year; ``up``: node number -> the node numbers a post belongs to one step
    up; ``roles``: holder number -> ``[[topic name, role, citation], ...]``.
    """
    G = org.graph
    text = table.add
    cited: dict[int, int] = {}

    def cite(citation: Any) -> int:
        key = id(citation)
        position = cited.get(key)
        if position is None:
            position = cited[key] = cites.add(org.cite(citation))
        return position

    def number(value: Any) -> float | None:
        return None if value is None or value != value else round(float(value), 2)

    nodes: list[list[Any]] = []
    aliases: dict[str, list[str]] = {}
    up: dict[str, list[int]] = {}
    roles: dict[str, list[list[Any]]] = {}
    successors = G.succ
    for node, attrs in G.nodes(data=True):
        kind = attrs["kind"]
        card = _card_of(forest, node) if kind in ("post", "unit", "group") else None
        source = attrs.get("source")
        nodes.append(
            [
                text(node),
                text(attrs.get("name", node)),
                text(str(attrs.get("type") or attrs.get("unit_kind") or attrs.get("group_kind") or kind)),
                cite(source) if source is not None else -1,
                index[card] if card is not None and card in index else -1,
            ]
        )
        if attrs.get("aliases"):
            aliases[str(numbers[node])] = list(attrs["aliases"])
        follow = _UPWARD.get(kind, ("member_of",))
        targets: list[int] = []
        held: list[list[Any]] = []
        for target, keyed in successors[node].items():  # the order of G.out_edges(node), without its view
            for key, data in keyed.items():
                if key in follow and numbers[target] not in targets:
                    targets.append(numbers[target])
                if key in _ROLES:
                    held.append([text(G.nodes[target]["name"]), text(key), _cite_or_none(data, cite)])
                elif data.get("kind") == "named_in":
                    topic = G.nodes[target]["topic"]
                    held.append([text(G.nodes[topic]["name"]), text(str(data["as"])), _cite_or_none(data, cite)])
        if targets:
            up[str(numbers[node])] = targets
        if held:
            roles[str(numbers[node])] = held

    forum_load = org.forum_load()
    meetings = forum_load["meetings_per_year"].to_dict()
    hours = forum_load["hours_per_year"].to_dict()
    forums = {str(numbers[f]): [number(meetings.get(f)), number(hours.get(f))] for f in forum_load.index}
    load = org.meeting_load()
    post_meetings = load["meetings_per_year"].to_dict()
    post_hours = load["hours_per_year"].to_dict()
    forum_roles = collectives(org).forum_roles()  # post -> forum -> roles, made once for every post
    managers = hierarchy(org).managers
    posts: dict[str, list[Any]] = {}
    for node in org.nodes("post"):
        attrs = G.nodes[node]
        unit = attrs.get("unit")
        holders = attrs.get("holders") or ()
        count = attrs.get("headcount", 1)
        manager = managers.get(node)
        mine = forum_roles.get(node, {})
        posts[str(numbers[node])] = [
            numbers[unit] if unit is not None else -1,
            text(", ".join(holders) if holders else "vacant" if attrs.get("vacant") else ""),
            text("unknown" if count == "unknown" else f"{'ca. ' if attrs.get('headcount_approx') else ''}{count:g}"),
            numbers[manager] if manager is not None else -2 if attrs.get("manager_unknown") else -1,
            [[numbers[forum], text(", ".join(held))] for forum, held in mine.items()],
            number(post_meetings.get(node)) if mine else None,
            number(post_hours.get(node)) if mine else None,
        ]
    return {"nodes": nodes, "aliases": aliases, "posts": posts, "forums": forums, "up": up, "roles": roles}


def _cite_or_none(data: Mapping[str, Any], cite: Any) -> int:
    source = data.get("source")
    return int(cite(source)) if source is not None else -1


# -- the page ----------------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("orggraph.render").joinpath("html_assets", name).read_text(encoding="utf-8")


_DETAILS = ("nodes", "aliases", "posts", "forums", "up", "roles", "cites")
"""What only the details panel and the search read: a second JSON block, parsed after the first drawing."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _page(data: dict[str, Any]) -> str:
    chart = {key: value for key, value in data.items() if key not in _DETAILS}
    details = {key: data[key] for key in _DETAILS}
    template = _asset("chart.html")
    return (
        template.replace("{{title}}", html.escape(str(data["title"])))
        .replace("/*{{css}}*/", _asset("chart.css"))
        .replace("/*{{js}}*/", _asset("chart.js"))
        .replace("{{details}}", _json(details))
        .replace("{{data}}", _json(chart))
    )
