"""Org charts: boxes sized to their text, laid out as a tidy tree, drawn with matplotlib.

:func:`org_chart` is what :meth:`orggraph.Org.chart` calls. The cards come from
:func:`orggraph.render.tree.chart_tree`, their positions from
:func:`orggraph.render.layout.tidy_tree`; this module writes the text into boxes and
draws boxes, connectors, the political band, the legend and the notes.

Examples
--------
>>> import orggraph
>>> picture = org_chart(orggraph.example(), highlight=["cfo"])
>>> picture.layout.boxes["cfo"].width > 60
True
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path

from orggraph.progress import progress as bar_over
from orggraph.render import style
from orggraph.render.layout import Direction, Link, Rect, TreeLayout, tidy_tree, wrap_text
from orggraph.render.picture import Picture, RenderError, check_figsize
from orggraph.render.tree import Card, ChartForest, ChartTree, Hidden
from orggraph.staff import counts_in_fte, staff_breakdown, staff_of

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["SHOW", "ChartPicture", "org_chart"]

SHOW: tuple[str, ...] = ("title", "unit", "holder", "headcount")
"""What a post's box can show; all of it by default."""

_PAD_X = 6.0
_PAD_Y = 4.0
_STRIPE = 3.0
_WRAP = 118.0
_MIN_WIDTH = 72.0
_MARGIN = 18.0
_BAND_PAD = 10.0
_BAND_GAP = 40.0
_SWATCH = 6.0


class ChartPicture(Picture):
    """An org chart: a :class:`~orggraph.render.picture.Picture` that also keeps its layout and cards.

    Attributes
    ----------
    layout : TreeLayout
        Where every box is (the political band and the administration together).
    tree : ChartTree
        The cards, what is collapsed, and the notes.
    band : Rect or None
        Where the political level is drawn.
    labels : list of (str, Rect)
        Every text drawn in a box, with its extent in points (y down).
    """

    layout: TreeLayout
    tree: ChartTree
    band: Rect | None
    labels: list[tuple[str, Rect]]


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    size: float
    weight: str = "normal"
    slant: style.Slant = "normal"
    colour: str = style.INK
    swatch: str | None = None


@dataclass(slots=True)
class _Content:
    lines: list[_Line]
    width: float
    height: float
    pill: str | None = None
    badge: str | None = None
    left: bool = False
    rules: list[int] = field(default_factory=list)


def org_chart(
    org: Org,
    *,
    root: str | None = None,
    depth: int | None = None,
    highlight: object = None,
    compact: bool = True,
    direction: Direction = "TB",
    show: Sequence[str] = SHOW,
    max_boxes: int = 300,
    max_width: float | None = 3600.0,
    title: str | None = None,
    figsize: tuple[float | None, float | None] | None = None,
    progress: bool | None = False,
) -> ChartPicture:
    """Draw an organisation's reporting structure as an org chart.

    Parameters
    ----------
    org : Org
        The organisation.
    root : str, optional
        Draw only the subtree of this post, unit or board (an id or a search text).
    depth : int, optional
        Administrative levels below the top to draw; what is cut off is counted
        on the box above it ("+130 people", or "+9 posts" when head counts are unknown).
    highlight : str, iterable of str, or an object with ``deciders``
        Boxes to highlight: ids, a query result (``org.chain_of_command(p)``,
        ``org.members(forum)``) or a decision (``org.who_decides(topic)``).
    compact : bool
        Stack the leaf reports of a wide span in two columns (one when two
        would make the chart wider than ``max_width``).
    direction : {"TB", "LR"}
        Top to bottom, or left to right.
    show : sequence of str
        What a post's box shows, from ``("title", "unit", "holder", "headcount")``.
    max_boxes : int
        More boxes than this are collapsed to a legible depth (the picture says so).
    max_width : float or None
        Likewise when the chart would be wider than this many points (taller,
        left to right); 3600 points is 50 inches. None: no limit.
    title : str, optional
        The heading; the organisation's name by default.
    figsize : (float or None, float or None), optional
        Fit the picture in this many inches (width, height), scaling it as a
        whole, text included, and keeping its proportions; either side may be
        None. Without it the picture has its natural size (see :meth:`Picture.fit`).
    progress : bool or None, default False
        Bars while the boxes are measured and drawn, for a big chart (None:
        only on a terminal; see :mod:`orggraph.progress`).

    Returns
    -------
    ChartPicture
        A matplotlib Figure: shows in Jupyter, ``.savefig("chart.png")``.

    Raises
    ------
    RenderError
        If an option is out of range (the message lists the valid values).
    UnknownNodeError
        If ``root`` or a highlighted id is not in the organisation.

    Examples
    --------
    >>> import orggraph
    >>> picture = org_chart(orggraph.example(), depth=1, direction="LR")
    >>> [card.hidden.text() for card in picture.tree.cards.values() if card.hidden]
    ['+3 people', '+6 people']
    """
    if figsize is not None:
        check_figsize(figsize)
    started = time.perf_counter()
    if direction not in ("TB", "LR"):
        raise RenderError(f"direction={direction!r}: use 'TB' (top to bottom) or 'LR' (left to right)")
    unknown = [item for item in show if item not in SHOW]
    if unknown or isinstance(show, str):
        raise RenderError(f"show={show!r}: choose any of {', '.join(repr(s) for s in SHOW)}")
    if max_width is not None and max_width <= 0:
        raise RenderError(f"max_width={max_width}: give a positive width in points, or None for no limit")
    forest = ChartForest(org, root=root)
    limit = forest.fitting_depth(depth, max_boxes)
    spent = {"model": time.perf_counter() - started, "layout": 0.0}
    while True:
        mark = time.perf_counter()
        tree = forest.select(depth=limit, highlight=highlight, max_boxes=max_boxes, wanted=depth)
        contents = _contents(org, tree, set(show), progress)
        sizes = {card_id: (c.width, c.height) for card_id, c in contents.items()}
        laying = time.perf_counter()
        political = tidy_tree(tree.political_roots, tree.children, sizes, direction=direction)
        fits = False
        # too wide: stack leaves in one column instead of two, then draw one level less
        for columns in (2, 1) if compact else (2,):
            admin = tidy_tree(tree.roots, tree.children, sizes, direction=direction, compact=compact, columns=columns)
            fits = max_width is None or (admin.width if direction == "TB" else admin.height) <= max_width
            if fits:
                break
        laid = time.perf_counter() - laying
        spent["layout"] += laid
        spent["model"] += time.perf_counter() - mark - laid
        if fits or limit == 0:
            break
        limit -= 1

    drawing = time.perf_counter()
    heading = title if title is not None else org.title
    subtitle = _subtitle(org, tree, root)
    legend = _legend_entries(tree, contents)
    notes = list(tree.notes) if tree.cards else ["no posts in the data: nothing to draw"]
    picture = _compose(
        heading, subtitle, political, admin, _political_prefix(tree), bool(tree.secondary), legend, notes, direction
    )
    ax = picture.axes[0]
    layout = picture.layout
    _draw_band(ax, picture.band)
    _draw_links(ax, layout, tree)
    _draw_secondary(ax, layout, tree, direction)
    _draw_boxes(ax, picture, tree, contents, progress)
    picture.tree = tree
    picture.timings = {**spent, "draw": time.perf_counter() - drawing}
    if figsize is not None:
        picture.fit(*figsize)
    return picture


# -- box contents -----------------------------------------------------------------------------------


def _contents(org: Org, tree: ChartTree, show: set[str], progress: bool | None = False) -> dict[str, _Content]:
    used = set(tree.via.values())
    cards = bar_over(tree.cards.items(), desc="measuring boxes", unit="box", enabled=progress)
    return {card_id: _content(org, card, show, used) for card_id, card in cards}


def _content(org: Org, card: Card, show: set[str], used: set[str]) -> _Content:
    nodes = org.graph.nodes
    lines: list[_Line] = []
    pill: str | None = None
    rules: list[int] = []
    left = False
    if card.kind == "more":
        lines.append(_Line("More posts", style.TITLE, "bold"))
    elif card.kind == "board":
        assert card.node is not None
        lines.extend(_wrapped(org.name(card.node), style.TITLE, "bold"))
        rules.append(len(lines))
        left = True
        coloured = any(member in used for member in card.members)
        for member, branch in zip(card.members, card.member_branches, strict=True):
            attrs = nodes[member]
            name = org.name(member)
            count = _count_text(attrs)
            if count and "headcount" in show:
                name = f"{name} {count}"
            # a swatch in the colour of the lines from this member, when any card hangs from one
            colour = (_branch_colour(branch) if member in used else "#d5dae0") if coloured else None
            indent = "" if coloured else None
            weight = "bold" if member in card.highlighted_members else "normal"
            wrapped = _wrapped(name, style.TEXT, weight, width=_WRAP - _SWATCH - 4)
            lines.append(_Line(wrapped[0].text, style.TEXT, weight, swatch=colour))
            lines.extend(_Line(w.text, style.TEXT, weight, swatch=indent) for w in wrapped[1:])
            holder = _holder_text(attrs) if "holder" in show else None
            if holder:
                lines.extend(
                    _Line(w.text, style.SMALL, slant="italic", colour=style.MUTED, swatch=indent)
                    for w in _wrapped(holder, style.SMALL, slant="italic", width=_WRAP - _SWATCH - 4)
                )
    elif card.kind == "body":
        assert card.node is not None
        lines.extend(_wrapped(org.name(card.node), style.TITLE, "bold"))
        lines.append(_Line(_body_label(nodes[card.node]), style.SMALL, slant="italic", colour=style.MUTED))
    else:
        assert card.node is not None
        attrs = nodes[card.node]
        if "title" in show:
            lines.extend(_wrapped(org.name(card.node), style.TITLE, "bold"))
        unit = attrs.get("unit")
        if "unit" in show and unit is not None and org.name(unit) != org.name(card.node):
            lines.extend(_wrapped(org.name(unit), style.TEXT, colour=style.MUTED))
        holder = _holder_text(attrs) if "holder" in show else None
        if holder:
            lines.extend(_wrapped(holder, style.TEXT, slant="italic", colour=style.MUTED))
        if attrs.get("manager_unknown"):
            lines.append(_Line("manager not documented", style.SMALL, slant="italic", colour=style.HIGHLIGHT))
        breakdown = staff_breakdown(org, card.node) if "headcount" in show else None
        if breakdown:  # the staff rows reporting to the post, summed by grade instead of one box each
            lines.extend(_wrapped_list(breakdown, style.SMALL, colour=style.MUTED))
        if "headcount" in show:
            pill = _count_text(attrs)
        if not lines:
            lines.append(_Line(org.name(card.node) if not show else "", style.TITLE, "bold"))
    badge = card.hidden.text() if card.hidden else None
    return _measure(lines, pill, badge, left, rules)


def _wrapped(
    text: str,
    size: float,
    weight: str = "normal",
    slant: style.Slant = "normal",
    colour: str = style.INK,
    width: float = _WRAP,
) -> list[_Line]:
    parts = wrap_text(text, width, lambda s: style.text_width(s, size, weight, slant))
    return [_Line(part, size, weight, slant, colour) for part in parts]


def _wrapped_list(text: str, size: float, colour: str, width: float = _WRAP) -> list[_Line]:
    """A list ("42 FTE: 3 SEO, 12 HEO") wrapped only after its commas, so "12 HEO" stays on one line."""
    lines: list[str] = []
    for part in text.split(", "):
        if lines and style.text_width(f"{lines[-1]}, {part}", size, "normal", "normal") <= width:
            lines[-1] = f"{lines[-1]}, {part}"
        else:
            if lines:
                lines[-1] += ","
            lines.append(part)
    return [_Line(line, size, "normal", "normal", colour) for line in lines]


def _count_text(attrs: dict[str, object]) -> str | None:
    count = attrs.get("headcount", 1)
    if count == "unknown":
        return "×?"
    assert isinstance(count, (int, float))
    if count == 1:
        return None
    number = f"{count:g}"
    if not float(count).is_integer():
        return f"{number} FTE"
    return f"ca. {number}" if attrs.get("headcount_approx") else f"×{number}"


def _holder_text(attrs: dict[str, object]) -> str | None:
    holders = attrs.get("holders") or ()
    assert isinstance(holders, tuple)
    if holders:
        return ", ".join(str(h) for h in holders)
    return "vacant" if attrs.get("vacant") else None


def _body_label(attrs: dict[str, object]) -> str:
    kind = attrs.get("unit_kind") or attrs.get("group_kind") or attrs["kind"]
    return str(kind).replace("_", " ")


def _pill_width(text: str) -> float:
    return style.text_width(text, style.SMALL, "bold") + 8


def _measure(lines: list[_Line], pill: str | None, badge: str | None, left: bool, rules: list[int]) -> _Content:
    widths = []
    for i, line in enumerate(lines):
        width = style.text_width(line.text, line.size, line.weight, line.slant)
        if line.swatch is not None:
            width += _SWATCH + 4
        if i == 0 and pill:
            width += 2 * (_pill_width(pill) + 3) if not left else _pill_width(pill) + 3
        widths.append(width)
    if badge:
        widths.append(_pill_width(badge))
    width = max(_MIN_WIDTH, max(widths, default=0.0) + 2 * _PAD_X)
    height = _STRIPE + 2 * _PAD_Y + sum(style.line_height(line.size) for line in lines) + 3 * len(rules)
    if badge:
        height += style.line_height(style.SMALL) + 3
    return _Content(lines, width, height, pill, badge, left, rules)


def _subtitle(org: Org, tree: ChartTree, root: str | None) -> str:
    nodes = org.graph.nodes
    shown = [c.node for c in tree.cards.values() if c.kind == "post" and c.node is not None]
    shown += [m for c in tree.cards.values() if c.kind == "board" for m in c.members]
    rows = staff_of(org)
    staff = [row for post in shown for row in rows.get(post, ())]
    counts = [nodes[p].get("headcount", 1) for p in shown]
    known = [c for c in counts if c != "unknown"]
    counts += [nodes[row].get("headcount", 1) for row in staff]
    known = [c for c in counts if c != "unknown"]
    people = Hidden(len(counts), float(sum(known)), len(counts) - len(known), fte=counts_in_fte(org))
    what = "Organisation chart" if root is None else f"Organisation chart from {org.name(org.resolve(root))}"
    text = f"{what} · {len(shown)} post{'s' if len(shown) != 1 else ''} shown"
    if staff:
        text += f" with {len(staff)} staff row{'s' if len(staff) != 1 else ''} summed in their boxes"
    if shown:
        text += f" ({people.sentence()})"
    if tree.hidden:
        text += f"; {tree.hidden.sentence()} collapsed"
    return text


# -- legend -----------------------------------------------------------------------------------------

_LegendEntry = tuple[str, str]
"""(kind of sample, label)."""


def _legend_entries(tree: ChartTree, contents: dict[str, _Content]) -> list[_LegendEntry]:
    styles = set(tree.style.values())
    entries: list[_LegendEntry] = []
    if "line" in styles:
        entries.append(("line", "reports to"))
    if "body" in styles:
        entries.append(("body", "reports to a body (the individual manager is not documented)"))
    if "part" in styles:
        entries.append(("part", "part of / heads"))
    if "candidate" in styles:
        entries.append(("candidate", "reports to one of these (which one is not documented)"))
    secondary = sorted({kind.replace("_", " ") for _, _, kind in tree.secondary if kind != "candidate_manager"})
    if secondary:
        entries.append(("secondary", f"secondary line ({', '.join(secondary)})"))
    if any(c.highlighted for c in tree.cards.values()):
        entries.append(("highlight", "highlighted"))
    pills = {c.pill for c in contents.values() if c.pill} | {
        line.text for c in contents.values() for line in c.lines if "×?" in line.text
    }
    if pills:
        entries.append(("count", "posts of this kind (×?: number not documented)"))
    return entries


_SAMPLE = 22.0


def _legend_rows(entries: list[_LegendEntry], width: float) -> list[list[tuple[_LegendEntry, float]]]:
    rows: list[list[tuple[_LegendEntry, float]]] = [[]]
    used = 0.0
    for entry in entries:
        size = _SAMPLE + 4 + style.text_width(entry[1], style.SMALL) + 16
        if rows[-1] and used + size > width:
            rows.append([])
            used = 0.0
        rows[-1].append((entry, size))
        used += size
    return [row for row in rows if row]


# -- composition ------------------------------------------------------------------------------------


def _political_prefix(tree: ChartTree) -> set[str]:
    """Political cards at the top of the administration's trees (e.g. a mayor the chief executive reports to)."""
    prefix: set[str] = set()
    walk = [r for r in tree.roots if tree.cards[r].political]
    while walk:
        card = walk.pop()
        prefix.add(card)
        walk.extend(k for k in tree.children.get(card, ()) if tree.cards[k].political)
    return prefix


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where the parts of a chart go: the sizes of the band, the body, the header and the footer, in points.

    ``depth`` is along the levels (down in TB, right in LR), ``breadth`` across them.
    """

    across: bool
    width: float
    height: float
    top: float  # the body's top edge (below the header)
    body_h: float
    body_breadth: float
    reserve: float  # LR: room on top for the band's label
    label_depth: float
    pol_depth: float
    gap: float  # between the band and the administration
    lead: float  # room for the label of a band over the prefix only
    adm_breadth: float
    legend_rows: list[list[tuple[_LegendEntry, float]]]


def _compose(
    heading: str,
    subtitle: str,
    political: TreeLayout,
    admin: TreeLayout,
    prefix: set[str],
    secondary: bool,
    legend: list[_LegendEntry],
    notes: list[str],
    direction: Direction,
) -> ChartPicture:
    """Place the political band and the administration; size the figure; return it with the merged layout.

    The band holds the political trees (``political``) and reaches down over the
    political cards at the top of the administration (``prefix``) unless an
    administrative box would fall inside it.
    """
    frame = _frame(heading, subtitle, political, admin, prefix, secondary, legend, notes, direction)
    picture = ChartPicture(frame.width, frame.height, notes=notes)
    ax = picture.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, frame.width)
    ax.set_ylim(frame.height, 0)
    ax.set_axis_off()
    pol, adm = _place_trees(frame, political, admin)
    picture.band = _band(frame, adm, prefix, has_band=bool(political.boxes))
    picture.layout = TreeLayout(
        boxes={**pol.boxes, **adm.boxes},
        links=pol.links + adm.links,
        stacks=pol.stacks + adm.stacks,
        level={**pol.level, **adm.level},
        width=frame.width,
        height=frame.height,
        direction=direction,
    )
    _draw_header(ax, heading, subtitle)
    y = _draw_legend(ax, frame.legend_rows, frame.top + frame.body_h + 14)
    _draw_notes(ax, notes, y)
    return picture


def _frame(
    heading: str,
    subtitle: str,
    political: TreeLayout,
    admin: TreeLayout,
    prefix: set[str],
    secondary: bool,
    legend: list[_LegendEntry],
    notes: list[str],
    direction: Direction,
) -> _Frame:
    """Size the band, the body, the header and the footer (legend and notes), and the figure around them."""
    across = direction == "TB"
    has_band = bool(political.boxes)
    label_h = style.line_height(style.SMALL)
    # sizes along the depth axis (down in TB, right in LR) and across it; the band's label sits on
    # top: along the depth axis in TB, across it in LR (where everything moves down to make room)
    label_depth = label_h if across else 0.0
    reserve = label_h + _BAND_PAD if not across and (has_band or prefix) else 0.0
    pol_depth = (political.height if across else political.width) + 2 * _BAND_PAD + label_depth if has_band else 0.0
    pol_breadth = (political.width if across else political.height) + 2 * _BAND_PAD if has_band else 0.0
    lead = 0.0 if has_band or not prefix else label_depth + _BAND_PAD
    gap = (_BAND_GAP if secondary else _BAND_GAP / 2) if has_band and admin.boxes else 0.0
    adm_depth = admin.height if across else admin.width
    adm_breadth = admin.width if across else admin.height
    body_depth = pol_depth + gap + lead + adm_depth
    body_breadth = max(pol_breadth, adm_breadth) + reserve
    body_w, body_h = (body_breadth, body_depth) if across else (body_depth, body_breadth)

    header_w = max(style.text_width(heading, style.HEADING, "bold"), style.text_width(subtitle, style.TEXT, "normal"))
    note_w = max((style.text_width(n, style.TEXT, "bold") for n in notes), default=0.0)
    inner_w = max(body_w, header_w, note_w, 240.0)
    if across:
        body_breadth = inner_w
    rows = _legend_rows(legend, inner_w)
    header_h = style.line_height(style.HEADING) + style.line_height(style.TEXT) + 12
    footer_h = (8 + len(rows) * 14.0 if rows else 0.0) + (
        len(notes) * style.line_height(style.TEXT) + 8 if notes else 0
    )
    return _Frame(
        across=across,
        width=inner_w + 2 * _MARGIN,
        height=_MARGIN + header_h + body_h + footer_h + _MARGIN,
        top=_MARGIN + header_h,
        body_h=body_h,
        body_breadth=body_breadth,
        reserve=reserve,
        label_depth=label_depth,
        pol_depth=pol_depth,
        gap=gap,
        lead=lead,
        adm_breadth=adm_breadth,
        legend_rows=rows,
    )


def _depth0(frame: _Frame) -> float:
    """Where the body starts along the depth axis."""
    return frame.top if frame.across else _MARGIN


def _place_trees(frame: _Frame, political: TreeLayout, admin: TreeLayout) -> tuple[TreeLayout, TreeLayout]:
    """The political trees in the band and the administration below (or right of) it, centred across the body."""
    across, top, reserve, body_breadth = frame.across, frame.top, frame.reserve, frame.body_breadth

    def place(layout: TreeLayout, depth_at: float, breadth: float) -> TreeLayout:
        """Shift a layout to a depth position, centred across ``body_breadth`` (below the reserve)."""
        offset = reserve + (body_breadth - reserve - breadth) / 2
        return layout.shifted(_MARGIN + offset, depth_at) if across else layout.shifted(depth_at, top + offset)

    depth0 = _depth0(frame)
    pol = place(political, depth0 + _BAND_PAD + frame.label_depth, political.width if across else political.height)
    adm = place(admin, depth0 + frame.pol_depth + frame.gap + frame.lead, frame.adm_breadth)
    return pol, adm


def _band(frame: _Frame, adm: TreeLayout, prefix: set[str], *, has_band: bool) -> Rect | None:
    """The political band: over the political trees, and down over the prefix unless an administrative box is there."""
    across, depth0 = frame.across, _depth0(frame)
    band_end = depth0 + frame.pol_depth if has_band else None
    if prefix:
        end = max((adm.boxes[c].y1 if across else adm.boxes[c].x1) for c in prefix) + _BAND_PAD
        others = [r for c, r in adm.boxes.items() if c not in prefix]
        if not any((r.y0 if across else r.x0) < end for r in others):
            band_end = end
    if band_end is None:
        return None
    if across:
        return Rect(_MARGIN, depth0, _MARGIN + frame.body_breadth, band_end)
    return Rect(depth0, frame.top, band_end, frame.top + frame.body_breadth)


def _draw_header(ax: Axes, heading: str, subtitle: str) -> None:
    ax.text(_MARGIN, _MARGIN, heading, fontproperties=style.font(style.HEADING, "bold"), color=style.INK, va="top")
    ax.text(
        _MARGIN,
        _MARGIN + style.line_height(style.HEADING) + 4,
        subtitle,
        fontproperties=style.font(style.TEXT),
        color=style.MUTED,
        va="top",
    )


def _draw_legend(ax: Axes, rows: list[list[tuple[_LegendEntry, float]]], y: float) -> float:
    """The legend's rows from ``y`` down; returns where the next line goes."""
    for row in rows:
        x = _MARGIN
        for (kind, label), size in row:
            _legend_sample(ax, kind, x, y)
            ax.text(x + _SAMPLE + 4, y, label, fontproperties=style.font(style.SMALL), color=style.MUTED, va="center")
            x += size
        y += 14.0
    return y


def _draw_notes(ax: Axes, notes: list[str], y: float) -> None:
    if notes:
        y += 4
        for note in notes:
            ax.text(_MARGIN, y, note, fontproperties=style.font(style.TEXT, "bold"), color=style.HIGHLIGHT, va="top")
            y += style.line_height(style.TEXT)


def _legend_sample(ax: Axes, kind: str, x: float, y: float) -> None:
    if kind in _LINK_STYLE:
        linestyle, colour, width = _LINK_STYLE[kind]
        ax.plot([x, x + _SAMPLE], [y, y], linestyle=linestyle, color=colour, linewidth=width, solid_capstyle="butt")
    elif kind == "highlight":
        ax.add_patch(
            Rectangle((x + 4, y - 4), _SAMPLE - 8, 8, facecolor=style.HIGHLIGHT_FILL, edgecolor=style.HIGHLIGHT, lw=1.5)
        )
    else:
        _pill(ax, x + _SAMPLE, y, "×9", style.NEUTRAL)


_LINK_STYLE: dict[str, tuple[str | tuple[float, tuple[float, ...]], str, float]] = {
    "line": ("-", style.LINE, 1.0),
    "body": ((0, (3.0, 2.0)), style.LINE, 1.0),
    "part": ("-", "#c3cad3", 0.8),
    "secondary": ((0, (1.0, 2.0)), style.POLITICAL, 1.0),
    "candidate": ((0, (5.0, 2.0, 1.0, 2.0)), style.LINE, 1.0),
}


# -- drawing ----------------------------------------------------------------------------------------


def _draw_band(ax: Axes, band: Rect | None) -> None:
    if band is None:
        return
    ax.add_patch(
        FancyBboxPatch(
            (band.x0, band.y0),
            band.width,
            band.height,
            boxstyle="round,pad=0,rounding_size=6",
            facecolor=style.POLITICAL_BAND,
            edgecolor="none",
            zorder=0,
        )
    )
    ax.text(
        band.x0 + 6,
        band.y0 + 4,
        "Political level",
        fontproperties=style.font(style.SMALL, "bold"),
        color=style.POLITICAL,
        va="top",
    )


def _branch_colour(branch: int | None) -> str:
    return style.PALETTE[branch % len(style.PALETTE)] if branch is not None else style.NEUTRAL


def _draw_links(ax: Axes, layout: TreeLayout, tree: ChartTree) -> None:
    """Connectors: each parent's trunk once, then the branches, farthest first so near ones stay visible."""
    by_parent: dict[str, list[Link]] = {}
    for link in layout.links:
        by_parent.setdefault(link.parent, []).append(link)
    paths: list[list[tuple[float, float]]] = []
    props: list[tuple[str, str]] = []
    for links in by_parent.values():
        kinds = [tree.style.get(link.child, "line") for link in links]
        trunk = "line" if "line" in kinds else kinds[0]
        paths.append(list(links[0].points[:2]))
        props.append((trunk, _LINK_STYLE[trunk][1]))
        for link, kind in sorted(zip(links, kinds, strict=True), key=lambda lk: -_length(lk[0].points[1:])):
            colour = _branch_colour(tree.cards[link.child].branch) if link.child in tree.via else _LINK_STYLE[kind][1]
            paths.append(list(link.points[1:]))
            props.append((kind, colour))
    if paths:
        ax.add_collection(
            LineCollection(
                paths,
                colors=[colour for _, colour in props],
                linewidths=[_LINK_STYLE[kind][2] for kind, _ in props],
                linestyles=[_LINK_STYLE[kind][0] for kind, _ in props],
                capstyle="butt",
                zorder=1,
            )
        )


def _length(points: Sequence[tuple[float, float]]) -> float:
    return sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in itertools.pairwise(points))


def _draw_secondary(ax: Axes, layout: TreeLayout, tree: ChartTree, direction: Direction) -> None:
    """Dotted arrows for secondary lines, their ends spread along the facing edges."""
    boxes = layout.boxes
    lines = [(s, t) for s, t, _ in tree.secondary if s in boxes and t in boxes]
    candidate = {(s, t) for s, t, kind in tree.secondary if kind == "candidate_manager"}
    across = 0 if direction == "TB" else 1
    starts = _spread(lines, boxes, across, outgoing=True)
    ends = _spread(lines, boxes, across, outgoing=False)
    for source, target in lines:
        start, end = _facing_points(
            boxes[source], boxes[target], direction, starts[source, target], ends[source, target]
        )
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                arrowstyle="-|>,head_length=4,head_width=2.5",
                connectionstyle="arc3,rad=0.1",
                linestyle=_LINK_STYLE["candidate"][0] if (source, target) in candidate else (0, (1.0, 2.0)),
                color=style.POLITICAL if tree.cards[target].political else style.LINE,
                linewidth=1.0,
                mutation_scale=1.0,
                shrinkA=0,
                shrinkB=0,
                zorder=1.5,
            )
        )


def _spread(
    lines: list[tuple[str, str]], boxes: dict[str, Rect], across: int, *, outgoing: bool
) -> dict[tuple[str, str], float]:
    """For each line, where along its box's edge it attaches: a fraction in (0.2, 0.8), ordered by the other end."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for line in lines:
        groups.setdefault(line[0] if outgoing else line[1], []).append(line)
    fraction: dict[tuple[str, str], float] = {}
    for group in groups.values():
        group.sort(key=lambda line: boxes[line[1] if outgoing else line[0]].centre[across])
        for i, line in enumerate(group):
            fraction[line] = 0.5 if len(group) == 1 else 0.2 + 0.6 * i / (len(group) - 1)
    return fraction


def _facing_points(
    a: Rect, b: Rect, direction: Direction, at_a: float, at_b: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Points on the edges of ``a`` and ``b`` that face each other, at fractions along those edges."""
    ax_ = a.x0 + at_a * a.width
    bx = b.x0 + at_b * b.width
    ay = a.y0 + at_a * a.height
    by = b.y0 + at_b * b.height
    vertical = a.y1 <= b.y0 or b.y1 <= a.y0
    horizontal = a.x1 <= b.x0 or b.x1 <= a.x0
    if vertical and (direction == "TB" or not horizontal):
        return ((ax_, a.y0), (bx, b.y1)) if b.y1 <= a.y0 else ((ax_, a.y1), (bx, b.y0))
    if horizontal:
        return ((a.x0, ay), (b.x1, by)) if b.x1 <= a.x0 else ((a.x1, ay), (b.x0, by))
    return ((ax_, a.y0), (bx, b.y1))


_CHUNK = 20_000
"""Vertices per compound path: Agg refuses one path that covers too many cells, and a few big paths draw fastest."""

_ROUND_CODES = np.array(
    [Path.MOVETO, *([Path.LINETO, Path.CURVE3, Path.CURVE3] * 4), Path.CLOSEPOLY], dtype=Path.code_type
)
_RECT_CODES = np.array([Path.MOVETO, *[Path.LINETO] * 3, Path.CLOSEPOLY], dtype=Path.code_type)

_Style = tuple[str, str, float]
"""Face colour, edge colour ("none": no edge) and edge width of a shape."""


class _Ink:
    """Collects the boxes, their decorations and their texts, then adds them as a few compound paths.

    Shapes of one style and texts of one colour are joined into compound paths
    of at most :data:`_CHUNK` vertices, built with numpy: one artist per box
    or label costs more than drawing it. Texts are glyph outlines
    (:func:`orggraph.render.style.glyph_run`, cached per glyph), which match
    the measured widths exactly and draw many times faster than the renderer's
    text engine (4 000 labels as Text artists take 10 s to draw with Agg, as
    outlines 0.2 s). Each label's extent is kept in ``labels`` (text,
    rectangle in points).
    """

    def __init__(self) -> None:
        # per z-order and style: rounded boxes (x0, y0, x1, y1, radius) and rectangles (x0, y0, x1, y1)
        self.rounded: dict[tuple[float, _Style], list[tuple[float, float, float, float, float]]] = {}
        self.rects: dict[tuple[float, _Style], list[tuple[float, float, float, float]]] = {}
        self.rules: list[list[tuple[float, float]]] = []
        # per colour: each glyph's outline, and where and how large it goes
        self.outlines: dict[str, list[np.ndarray[tuple[int, int], np.dtype[np.float64]]]] = {}
        self.codes: dict[str, list[np.ndarray[tuple[int], np.dtype[np.uint8]]]] = {}
        self.places: dict[str, list[tuple[float, float, float]]] = {}
        self.labels: list[tuple[str, Rect]] = []

    def box(self, z: float, kind: _Style, x: float, y: float, width: float, height: float, radius: float) -> None:
        """A box with rounded corners (as ``FancyBboxPatch`` draws ``round,pad=0,rounding_size=radius``)."""
        self.rounded.setdefault((z, kind), []).append((x, y, x + width, y + height, radius))

    def rect(self, z: float, kind: _Style, x: float, y: float, width: float, height: float) -> None:
        """A rectangle."""
        self.rects.setdefault((z, kind), []).append((x, y, x + width, y + height))

    def text(self, x: float, y: float, line: _Line | tuple[str, float, str], colour: str, ha: str = "center") -> None:
        """A line of text centred vertically on ``y``; ``x`` is its left edge or centre (``ha``)."""
        text, size, weight = (line.text, line.size, line.weight) if isinstance(line, _Line) else line
        slant: style.Slant = line.slant if isinstance(line, _Line) else "normal"
        if not text:
            return
        glyphs, ink, advance = style.glyph_run(text, weight, slant)
        if ink is None:
            return
        left = x - advance * size / 2 if ha == "center" else x
        baseline = y + style.CAP_HEIGHT * size / 2
        outlines = self.outlines.setdefault(colour, [])
        codes = self.codes.setdefault(colour, [])
        places = self.places.setdefault(colour, [])
        for offset, vertices, kinds in glyphs:
            outlines.append(vertices)
            codes.append(kinds)
            places.append((left + offset * size, baseline, size))
        self.labels.append(
            (text, Rect(left + ink[0] * size, baseline - ink[3] * size, left + ink[2] * size, baseline - ink[1] * size))
        )

    def flush(self, ax: Axes) -> None:
        """Add everything collected to ``ax``: boxes (z 2), stripes, patches and rules (3), texts (4)."""
        # one PathPatch per compound path, added as an artist: a collection of a single path and
        # add_patch would measure it curve by curve in Python, which costs more than drawing it
        shapes: dict[float, list[tuple[_Style, Path]]] = {}
        for (z, kind), items in self.rounded.items():
            shapes.setdefault(z, []).extend((kind, path) for path in _round_paths(np.array(items)))
        for (z, kind), rects in self.rects.items():
            shapes.setdefault(z, []).extend((kind, path) for path in _rect_paths(np.array(rects)))
        for z, paths in sorted(shapes.items()):
            for (face, edge, width), path in paths:
                ax.add_artist(PathPatch(path, facecolor=face, edgecolor=edge, linewidth=width, zorder=z))
        if self.rules:
            ax.add_collection(LineCollection(self.rules, colors="#d5dae0", linewidths=0.6, zorder=3), autolim=False)
        for colour, outlines in self.outlines.items():
            for path in _glyph_paths(outlines, self.codes[colour], self.places[colour]):
                ax.add_artist(PathPatch(path, facecolor=colour, edgecolor="none", linewidth=0, zorder=4, gid="labels"))


def _round_paths(items: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> list[Path]:
    """Boxes with round corners (rows of x0, y0, x1, y1, radius) as compound paths, corners as quadratic curves."""
    x0, y0, x1, y1, r = items.T
    points = [
        (x0 + r, y0), (x1 - r, y0), (x1, y0), (x1, y0 + r), (x1, y1 - r), (x1, y1), (x1 - r, y1),
        (x0 + r, y1), (x0, y1), (x0, y1 - r), (x0, y0 + r), (x0, y0), (x0 + r, y0), (x0 + r, y0),
    ]  # fmt: skip
    vertices = np.stack([np.stack(point, axis=-1) for point in points], axis=1)
    return _joined(vertices, _ROUND_CODES)


def _rect_paths(items: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> list[Path]:
    """Rectangles (rows of x0, y0, x1, y1) as compound paths."""
    x0, y0, x1, y1 = items.T
    points = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    vertices = np.stack([np.stack(point, axis=-1) for point in points], axis=1)
    return _joined(vertices, _RECT_CODES)


def _joined(
    vertices: np.ndarray[tuple[int, int, int], np.dtype[np.float64]], codes: np.ndarray[tuple[int], np.dtype[np.uint8]]
) -> list[Path]:
    """Shapes with the same codes (``vertices`` of shape (shapes, len(codes), 2)) as compound paths."""
    per = max(1, _CHUNK // len(codes))
    return [
        Path(vertices[i : i + per].reshape(-1, 2), np.tile(codes, len(vertices[i : i + per])))
        for i in range(0, len(vertices), per)
    ]


def _glyph_paths(
    outlines: list[np.ndarray[tuple[int, int], np.dtype[np.float64]]],
    codes: list[np.ndarray[tuple[int], np.dtype[np.uint8]]],
    places: list[tuple[float, float, float]],
) -> list[Path]:
    """Glyph outlines (em units, y up) scaled and moved to their places (x, baseline, size), joined in chunks."""
    counts = np.fromiter((len(c) for c in codes), dtype=np.intp, count=len(codes))
    where = np.repeat(np.array(places), counts, axis=0)
    vertices = np.concatenate(outlines) * where[:, 2:3] * np.array([1.0, -1.0]) + where[:, :2]
    kinds = np.concatenate(codes)
    ends = np.cumsum(counts)
    cuts = np.unique(ends[np.searchsorted(ends, np.arange(_CHUNK, ends[-1], _CHUNK))])
    bounds = [0, *cuts.tolist(), int(ends[-1])]
    return [Path(vertices[a:b], kinds[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


def _draw_boxes(
    ax: Axes, picture: ChartPicture, tree: ChartTree, contents: dict[str, _Content], progress: bool | None = False
) -> None:
    ink = _Ink()
    boxes = bar_over(picture.layout.boxes.items(), desc="drawing boxes", unit="box", enabled=progress)
    for card_id, rect in boxes:
        card = tree.cards[card_id]
        if card.highlighted:
            frame: _Style = (style.HIGHLIGHT_FILL, style.HIGHLIGHT, 2.0)
        else:
            face = "#fbfbfc" if card.kind != "more" else "#f2f4f6"
            frame = (face, style.POLITICAL if card.political else style.BORDER, 0.8)
        ink.box(2, frame, rect.x0, rect.y0, rect.width, rect.height, 3.0)
        colour = style.POLITICAL if card.political else _branch_colour(card.branch)
        ink.rect(2.1, (colour, "none", 0.0), rect.x0 + 1.5, rect.y0 + 0.8, rect.width - 3, _STRIPE)
        _draw_text(ink, rect, contents[card_id], colour)
    ink.flush(ax)
    picture.labels = ink.labels


def _draw_text(ink: _Ink, rect: Rect, content: _Content, colour: str) -> None:
    y = rect.y0 + _STRIPE + _PAD_Y + 1
    centre = (rect.x0 + rect.x1) / 2
    for i, line in enumerate(content.lines):
        if i in content.rules:
            ink.rules.append([(rect.x0 + _PAD_X, y + 1), (rect.x1 - _PAD_X, y + 1)])
            y += 3
        height = style.line_height(line.size)
        if line.swatch is not None:
            x = rect.x0 + _PAD_X
            if line.swatch:
                ink.rect(3, (line.swatch, "none", 0.0), x, y + height / 2 - _SWATCH / 2, _SWATCH, _SWATCH)
            ink.text(x + _SWATCH + 4, y + height / 2, line, line.colour, "left")
        elif content.left:
            ink.text(rect.x0 + _PAD_X, y + height / 2, line, line.colour, "left")
        else:
            ink.text(centre, y + height / 2, line, line.colour)
        if i == 0 and content.pill:
            right = rect.x1 - _PAD_X + 2
            width = _pill_width(content.pill)
            ink.box(3, (colour, "none", 0.0), right - width, y + height / 2 - 5, width, 10, 5.0)
            ink.text(right - width / 2, y + height / 2, (content.pill, style.SMALL, "bold"), style.ink_on(colour))
        y += height
    if content.badge:
        middle = rect.y1 - _PAD_Y - style.line_height(style.SMALL) / 2
        width = _pill_width(content.badge)
        ink.box(3, ("#e4e7eb", "none", 0.0), centre - width / 2, middle - 5.5, width, 11, 5.5)
        ink.text(centre, middle, (content.badge, style.SMALL, "bold"), style.MUTED)


def _rounded(x: float, y: float, width: float, height: float) -> FancyBboxPatch:
    return FancyBboxPatch((x, y), width, height, boxstyle=f"round,pad=0,rounding_size={height / 2}")


def _pill(ax: Axes, right: float, y: float, text: str, colour: str) -> None:
    """A legend sample of the head-count pill."""
    width = _pill_width(text)
    patch = _rounded(right - width, y - 5, width, 10)
    patch.set_facecolor(colour)
    patch.set_edgecolor("none")
    ax.add_patch(patch)
    ax.text(
        right - width / 2,
        y,
        text,
        fontproperties=style.font(style.SMALL, "bold"),
        color="white",
        ha="center",
        va="center_baseline",
        parse_math=False,
    )
