"""The annual wheel (årshjul): the governance year as a polar chart.

The year runs clockwise from January at the top: an inner ring of quarters,
an outer ring of months. Each event is a dot just outside the rings at its
time (the middle of its month, or spread evenly over its quarter when only
the quarter is known), coloured by its forum or topic. Labels sit in two
columns beside the wheel, the first half of the year on the right, the second
on the left, stacked so they never overlap, each joined to its dot by a
leader line.

Examples
--------
>>> import orggraph
>>> picture = annual_wheel(orggraph.example())
>>> [(e, round(a)) for e, a in picture.angles.items()]
[('q1-accounts', 45), ('q3-budget', 225), ('q4-strategy', 315)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Wedge

from orggraph.render import style
from orggraph.render.layout import wrap_text
from orggraph.render.picture import Picture, RenderError, check_figsize

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["ColourBy", "WheelPicture", "annual_wheel", "dodge"]

ColourBy = Literal["forum", "topic", "forum_or_topic"]
"""What an event's colour shows: its forum, its topic (or instrument), or the forum and else the topic."""

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUARTER_FILL = ("#e8eef6", "#eaf4e8", "#fbefe1", "#f1eaf5")
_MARGIN = 18.0
_LABEL_WRAP = 175.0
_LABEL_GAP = 4.0
_MIN_SEPARATION = 7.0  # degrees between two dots


class WheelPicture(Picture):
    """An annual wheel, keeping where each event is.

    Attributes
    ----------
    angles : dict of str to float
        Each event's angle in degrees, clockwise from January 1st at the top.
    colours : dict of str to str
        The legend: a forum's or topic's name to its colour.
    """

    angles: dict[str, float]
    colours: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Event:
    id: str
    name: str
    key: tuple[str, str] | None  # ("forum", id) or ("topic", id): forums are drawn filled, topics as rings
    angle: float


def dodge(centres: Sequence[float], heights: Sequence[float], gap: float) -> list[float]:
    """Move intervals apart along a line so none overlap, each as close to its wish as possible.

    Intervals keep their order (sort ``centres`` first); runs that would
    overlap are moved as blocks centred on their members' wishes (least
    squares), in linear time.

    Parameters
    ----------
    centres : sequence of float
        Wished centres, ascending.
    heights : sequence of float
        Interval lengths.
    gap : float
        Space between neighbours.

    Returns
    -------
    list of float
        The centres.

    Examples
    --------
    >>> dodge([0, 1, 2, 10], [2, 2, 2, 2], 0)
    [-1.0, 1.0, 3.0, 10.0]
    """
    # a cluster is [first item, count, length, sum of (wish - offset in cluster)]
    clusters: list[list[float]] = []
    offsets: list[float] = []
    for i, (centre, height) in enumerate(zip(centres, heights, strict=True)):
        offsets.append(height / 2)
        cluster = [float(i), 1.0, height, centre - height / 2]
        while clusters:
            previous = clusters[-1]
            top = previous[3] / previous[1]
            if top + previous[2] + gap <= cluster[3] / cluster[1] + 1e-9:
                break
            clusters.pop()
            shift = previous[2] + gap
            for j in range(int(cluster[0]), int(cluster[0] + cluster[1])):
                offsets[j] += shift
            cluster = [
                previous[0],
                previous[1] + cluster[1],
                shift + cluster[2],
                previous[3] + cluster[3] - cluster[1] * shift,
            ]
        clusters.append(cluster)
    result = [0.0] * len(offsets)
    for first, count, _, total in clusters:
        top = total / count
        for j in range(int(first), int(first + count)):
            result[j] = top + offsets[j]
    return result


def annual_wheel(
    org: Org,
    *,
    colour_by: ColourBy = "forum_or_topic",
    title: str | None = None,
    figsize: tuple[float | None, float | None] | None = None,
) -> WheelPicture:
    """Draw the annual wheel (årshjul) of an organisation's events.

    Parameters
    ----------
    org : Org
        The organisation.
    colour_by : {"forum_or_topic", "forum", "topic"}
        Colour events by their forum, their topic (or instrument), or the
        forum and, for events without one, the topic.
    title : str, optional
        The heading; "Annual wheel of <organisation>" by default.
    figsize : (float or None, float or None), optional
        Fit the picture in this many inches (width, height), scaling it as a
        whole, text included, and keeping its proportions; either side may be
        None. Without it the picture has its natural size (see :meth:`Picture.fit`).

    Returns
    -------
    WheelPicture

    Raises
    ------
    RenderError
        If ``colour_by`` is not one of the three.

    Examples
    --------
    >>> import orggraph
    >>> annual_wheel(orggraph.example(), colour_by="topic").colours
    {'Annual budget': '#4c78a8', 'Three-year strategy': '#f58518'}
    """
    if figsize is not None:
        check_figsize(figsize)
    if colour_by not in ("forum", "topic", "forum_or_topic"):
        raise RenderError(f"colour_by={colour_by!r}: use 'forum_or_topic', 'forum' or 'topic'")
    events = _events(org, colour_by)
    keys: dict[tuple[str, str], str] = {}
    used = {"forum": 0, "topic": 0}
    for event in events:
        if event.key is not None and event.key not in keys:
            keys[event.key] = style.PALETTE[used[event.key[0]] % len(style.PALETTE)]
            used[event.key[0]] += 1
    keys = dict(sorted(keys.items(), key=lambda item: item[0][0]))
    legend = {org.name(key): colour for (_, key), colour in keys.items()}
    has_plain = any(event.key is None for event in events)
    notes = [] if events else ["no events in the data: the annual wheel is empty"]
    heading = title if title is not None else f"Annual wheel of {org.title}"
    picture = _draw(org, heading, events, keys, has_plain, colour_by, notes)
    picture.angles = {event.id: event.angle for event in events}
    picture.colours = legend
    if figsize is not None:
        picture.fit(*figsize)
    return picture


def _events(org: Org, colour_by: ColourBy) -> list[_Event]:
    nodes = org.graph.nodes
    by_quarter: dict[int, list[tuple[float, str]]] = {1: [], 2: [], 3: [], 4: []}
    for event in org.nodes("event"):
        attrs = nodes[event]
        month = attrs.get("month")
        quarter = attrs.get("quarter") or (month - 1) // 3 + 1
        wish = (month - 0.5) * 30.0 if month is not None else -1.0
        by_quarter[quarter].append((wish, event))
    result: list[_Event] = []
    for quarter, items in by_quarter.items():
        start = (quarter - 1) * 90.0
        count = len(items)
        spread = {event: start + (i + 0.5) * 90.0 / count for i, (_, event) in enumerate(items)}
        wishes = sorted(
            ((wish if wish >= 0 else spread[event], event) for wish, event in items), key=lambda item: item[0]
        )
        step = min(_MIN_SEPARATION, 90.0 / max(count, 1))
        placed = dodge([w for w, _ in wishes], [step] * count, 0.0)
        low, high = start + step / 2, start + 90.0 - step / 2
        shift = max(0.0, low - min(placed, default=low)) - max(0.0, max(placed, default=high) - high)
        for angle, (_, event) in zip(placed, wishes, strict=True):
            attrs = nodes[event]
            result.append(_Event(event, str(attrs["name"]), _key(attrs, colour_by), angle + shift))
    return result


def _key(attrs: dict[str, object], colour_by: ColourBy) -> tuple[str, str] | None:
    forum = attrs.get("forum")
    topic = attrs.get("topic") or attrs.get("instrument")
    if colour_by != "topic" and isinstance(forum, str):
        return ("forum", forum)
    if colour_by != "forum" and isinstance(topic, str):
        return ("topic", topic)
    return None


# -- drawing ----------------------------------------------------------------------------------------


def _point(angle: float, radius: float) -> tuple[float, float]:
    """Clock angle (degrees clockwise from the top) to x, y (y up)."""
    radians = math.radians(90.0 - angle)
    return radius * math.cos(radians), radius * math.sin(radians)


@dataclass(slots=True)
class _Columns:
    """Where the event labels go: two columns beside the wheel, each label as near its dot as stacking allows."""

    labels: dict[str, list[str]]
    heights: dict[str, float]
    sides: dict[str, list[_Event]]
    positions: dict[str, float]  # each label's centre, y up from the wheel's centre
    radius: float
    top: float
    bottom: float
    half: float  # the drawing's half width

    @property
    def dot_r(self) -> float:
        """Where the dots sit."""
        return self.radius + 8

    @property
    def elbow_r(self) -> float:
        """Where a leader line bends towards its label."""
        return self.radius + 18

    @property
    def column_x(self) -> float:
        """Where the label columns start, either side of the centre."""
        return self.radius + 46


def _draw(
    org: Org,
    heading: str,
    events: list[_Event],
    keys: dict[tuple[str, str], str],
    has_plain: bool,
    colour_by: ColourBy,
    notes: list[str],
) -> WheelPicture:
    """Lay out the label columns and the legend, size the figure, then draw each part."""
    columns = _columns(events)
    width = max(2 * columns.half + 2 * _MARGIN, style.text_width(heading, style.HEADING, "bold") + 2 * _MARGIN, 360.0)
    legend_rows = _wheel_legend(org, keys, has_plain, colour_by, width)
    line = style.line_height(style.TEXT)
    legend_h = len(legend_rows) * 13.0 + (10 if legend_rows else 0)
    notes_h = len(notes) * line + (6 if notes else 0)
    header_h = style.line_height(style.HEADING) + style.line_height(style.TEXT) + 14
    height = _MARGIN + header_h + (columns.top - columns.bottom) + legend_h + notes_h + _MARGIN
    picture = WheelPicture(width, height, notes=notes)
    ax = picture.add_axes((0, 0, 1, 1))
    # origin at the wheel's centre, y up
    centre_y = _MARGIN + legend_h + notes_h - columns.bottom
    ax.set_xlim(-width / 2, width / 2)
    ax.set_ylim(-centre_y, height - centre_y)
    ax.set_axis_off()
    _draw_header(ax, heading, len(events), -width / 2 + _MARGIN, height - centre_y - _MARGIN)
    _rings(ax, org, columns.radius)
    _draw_events(ax, columns, keys)
    left = -width / 2 + _MARGIN
    _draw_legend(ax, legend_rows, left, -centre_y + _MARGIN + notes_h + legend_h - 10)
    _draw_notes(ax, notes, left, -centre_y + _MARGIN + notes_h)
    return picture


def _columns(events: list[_Event]) -> _Columns:
    """Wrap the labels, size the wheel to the taller column and stack each column's labels near their dots."""
    line = style.line_height(style.TEXT)
    labels = {e.id: wrap_text(e.name, _LABEL_WRAP, lambda s: style.text_width(s, style.TEXT)) for e in events}
    heights = {e.id: len(labels[e.id]) * line for e in events}
    widths = {e.id: max(style.text_width(t, style.TEXT) for t in labels[e.id]) + 10 for e in events}
    sides = {
        "right": sorted((e for e in events if e.angle < 180), key=lambda e: -_point(e.angle, 1)[1]),
        "left": sorted((e for e in events if e.angle >= 180), key=lambda e: -_point(e.angle, 1)[1]),
    }
    column_h = max((sum(heights[e.id] + _LABEL_GAP for e in side) for side in sides.values()), default=0.0)
    radius = min(max(column_h * 0.42, 110.0), 230.0)
    elbow_r = radius + 18
    column_x = radius + 46
    positions: dict[str, float] = {}
    for side in sides.values():
        wishes = [_point(e.angle, elbow_r)[1] for e in side]
        placed = dodge([-w for w in wishes], [heights[e.id] for e in side], _LABEL_GAP)
        positions.update({e.id: -p for e, p in zip(side, placed, strict=True)})
    top = max([radius + 30, *(positions[e.id] + heights[e.id] / 2 for e in events)])
    bottom = min([-(radius + 30), *(positions[e.id] - heights[e.id] / 2 for e in events)])
    right_w = max((widths[e.id] for e in sides["right"]), default=0.0)
    left_w = max((widths[e.id] for e in sides["left"]), default=0.0)
    half = column_x + max(right_w, left_w)
    return _Columns(labels, heights, sides, positions, radius, top, bottom, half)


def _wheel_legend(
    org: Org, keys: dict[tuple[str, str], str], has_plain: bool, colour_by: ColourBy, width: float
) -> list[list[tuple[_LegendItem, float]]]:
    """The legend's rows: forums (filled dots), then topics and instruments (rings)."""
    forum_items = [(org.name(k), c, True) for (kind, k), c in keys.items() if kind == "forum"]
    topic_items = [(org.name(k), c, False) for (kind, k), c in keys.items() if kind == "topic"]
    if has_plain:
        plain = "forum or topic" if colour_by == "forum_or_topic" else colour_by
        forum_items.append((f"no {plain}", style.NEUTRAL, True))
    return _legend_rows("Forums", forum_items, width - 2 * _MARGIN) + _legend_rows(
        "Topics and instruments", topic_items, width - 2 * _MARGIN
    )


def _draw_header(ax: Axes, heading: str, count: int, x: float, y: float) -> None:
    ax.text(x, y, heading, fontproperties=style.font(style.HEADING, "bold"), color=style.INK, va="top")
    subtitle = f"{count} event{'s' if count != 1 else ''}, the year clockwise from January at the top"
    ax.text(
        x,
        y - style.line_height(style.HEADING) - 4,
        subtitle,
        fontproperties=style.font(style.TEXT),
        color=style.MUTED,
        va="top",
    )


def _draw_events(ax: Axes, columns: _Columns, keys: dict[tuple[str, str], str]) -> None:
    """Each event: a dot on the wheel, a leader line to its label, the label in its column."""
    dot_r, elbow_r, column_x = columns.dot_r, columns.elbow_r, columns.column_x
    for side_name, side in columns.sides.items():
        sign = 1.0 if side_name == "right" else -1.0
        for event in side:
            colour = keys[event.key] if event.key is not None else style.NEUTRAL
            dot = _point(event.angle, dot_r)
            elbow = _point(event.angle, elbow_r)
            y = columns.positions[event.id]
            anchor = (sign * (column_x - 6), y)
            ax.add_line(
                Line2D(
                    [dot[0], elbow[0], anchor[0]],
                    [dot[1], elbow[1], anchor[1]],
                    color="#aab4be",
                    linewidth=0.7,
                    zorder=1,
                )
            )
            filled = event.key is None or event.key[0] == "forum"
            _marker(ax, dot, 3.6, colour, filled)
            _marker(ax, anchor, 2.4, colour, filled)
            ax.text(
                sign * column_x,
                y,
                "\n".join(columns.labels[event.id]),
                fontproperties=style.font(style.TEXT),
                color=style.INK,
                ha="left" if sign > 0 else "right",
                va="center",
                linespacing=1.25,
                parse_math=False,
                zorder=4,
            )


def _draw_legend(ax: Axes, rows: list[list[tuple[_LegendItem, float]]], left: float, y: float) -> None:
    for row in rows:
        x = left
        for (label, colour, filled), size in row:
            if colour:
                _marker(ax, (x + 4, y - 4), 3.6, colour, filled)
                ax.text(
                    x + 12,
                    y - 4,
                    label,
                    fontproperties=style.font(style.SMALL),
                    color=style.MUTED,
                    va="center_baseline",
                    parse_math=False,
                )
            else:
                ax.text(
                    x,
                    y - 4,
                    label,
                    fontproperties=style.font(style.SMALL, "bold"),
                    color=style.INK,
                    va="center_baseline",
                )
            x += size
        y -= 13.0


def _draw_notes(ax: Axes, notes: list[str], left: float, y: float) -> None:
    for note in notes:
        ax.text(left, y, note, fontproperties=style.font(style.TEXT, "bold"), color=style.HIGHLIGHT, va="top")
        y -= style.line_height(style.TEXT)


def _rings(ax: Axes, org: Org, radius: float) -> None:
    inner = radius * 0.46
    quarter_outer = radius * 0.78
    for quarter in range(4):
        start = quarter * 90.0
        ax.add_patch(
            Wedge(
                (0, 0),
                quarter_outer,
                90 - start - 90,
                90 - start,
                width=quarter_outer - inner,
                facecolor=_QUARTER_FILL[quarter],
                edgecolor="white",
                linewidth=2,
                zorder=1,
            )
        )
        x, y = _point(start + 45, (inner + quarter_outer) / 2)
        ax.text(
            x, y, f"Q{quarter + 1}", fontproperties=style.font(11, "bold"), color=style.MUTED, ha="center", va="center"
        )
    for month in range(12):
        start = month * 30.0
        ax.add_patch(
            Wedge(
                (0, 0),
                radius,
                90 - start - 30,
                90 - start,
                width=radius - quarter_outer - 2,
                facecolor="#f5f7f9",
                edgecolor="white",
                linewidth=1.5,
                zorder=1,
            )
        )
        x, y = _point(start + 15, (quarter_outer + 2 + radius) / 2)
        ax.text(
            x,
            y,
            MONTHS[month],
            fontproperties=style.font(style.SMALL),
            color=style.MUTED,
            ha="center",
            va="center",
            rotation=_upright(start + 15),
            rotation_mode="anchor",
        )
    name = "\n".join(wrap_text(org.title, inner * 1.6, lambda s: style.text_width(s, style.TITLE, "bold")))
    ax.text(
        0,
        0,
        name,
        fontproperties=style.font(style.TITLE, "bold"),
        color=style.INK,
        ha="center",
        va="center",
        linespacing=1.2,
        parse_math=False,
    )


def _upright(angle: float) -> float:
    """Text rotation that follows the ring at a clock angle and is never upside down."""
    rotation = -angle
    if 90 < angle < 270:
        rotation += 180
    return rotation


def _marker(ax: Axes, centre: tuple[float, float], radius: float, colour: str, filled: bool) -> None:
    """A filled dot (a forum) or a ring (a topic or instrument)."""
    if filled:
        ax.add_patch(Circle(centre, radius, facecolor=colour, edgecolor="white", linewidth=0.8, zorder=3))
    else:
        ring = max(radius * 0.45, 1.2)
        ax.add_patch(Circle(centre, radius - ring / 2, facecolor="white", edgecolor=colour, linewidth=ring, zorder=3))


_LegendItem = tuple[str, str, bool]


def _legend_rows(heading: str, items: list[_LegendItem], width: float) -> list[list[tuple[_LegendItem, float]]]:
    """Legend rows: a bold heading, then marker and label pairs, wrapped at ``width``."""
    if not items:
        return []
    first = style.text_width(heading + ":", style.SMALL, "bold") + 10
    rows: list[list[tuple[_LegendItem, float]]] = [[((heading + ":", "", True), first)]]
    used = first
    for item in items:
        size = 12 + style.text_width(item[0], style.SMALL) + 16
        if rows[-1] and used + size > width:
            rows.append([])
            used = 0.0
        rows[-1].append((item, size))
        used += size
    return [row for row in rows if row]
