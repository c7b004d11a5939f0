"""Forum membership at a glance: a post × forum matrix.

One row per post that takes part in a forum (grouped by unit, the political
level first, head count in the label), one column per forum. A cell shows the
strongest role: chair, rotating chair, member or guest; the owner gets a frame
around the mark. Members given as a body whose posts are not in the data (e.g.
a committee) get a row of their own, and a forum with no documented
participants is hatched rather than left looking empty. Under the matrix,
optionally, how many meetings a year each forum holds (from its meeting series).

Examples
--------
>>> import orggraph
>>> picture = forum_chart(orggraph.example())
>>> picture.forums
['board', 'all-hands', 'ops-huddle']
>>> picture.rows
['chair', 'ceo', 'assistant', 'cfo', 'accountant', 'coo', 'site-lead', 'technician']
>>> picture.roles["ceo", "board"]
('member', 'chair', 'owner')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from orggraph.render import style
from orggraph.render.layout import wrap_text
from orggraph.render.picture import Picture, RenderError, check_figsize

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["ForumPicture", "forum_chart", "meetings_text"]

_ROLE_EDGES = {"member_of": "member", "guest_of": "guest", "owns": "owner", "chairs": "chair"}
_ROW = 13.0
_GROUP = 15.0
_MARGIN = 18.0
_ANGLE = 50.0
_MARK = 7.5
_POLITICAL_GROUP = "Political level"
_NAME_WRAP = 200.0


def _measure(text: str) -> float:
    return style.text_width(text, style.TEXT)


class ForumPicture(Picture):
    """A forum chart, keeping what it shows.

    Attributes
    ----------
    rows : list of str
        Post (or body) ids, top to bottom.
    forums : list of str
        Forum ids, left to right.
    roles : dict of (str, str) to tuple of str
        The roles of each row in each forum (member, guest, chair, rotating chair, owner).
    """

    rows: list[str]
    forums: list[str]
    roles: dict[tuple[str, str], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Row:
    id: str
    label: str
    group: str


def meetings_text(meetings: Sequence[Any]) -> str:
    """How many meetings a year a forum's meeting series add up to, in a few characters.

    Parameters
    ----------
    meetings : sequence of MeetingSeries
        A forum's ``meetings``.

    Returns
    -------
    str
        ``"26"``, ``"ca. 26"``, ``"1–2"``, ``"6 + ad hoc"``, ``"ad hoc"``,
        ``"regular"`` (a cadence without a number), or ``"?"`` (none given).

    Examples
    --------
    >>> from orggraph.schema import Cadence, MeetingSeries
    >>> meetings_text([MeetingSeries(cadence=Cadence(every=14, unit="days", approx=True))])
    'ca. 26'
    >>> meetings_text([MeetingSeries(cadence=Cadence(per_year=4)), MeetingSeries(cadence=Cadence(ad_hoc=True))])
    '4 + ad hoc'
    >>> meetings_text([])
    '?'
    """
    low = high = 0.0
    counted = approx = False
    extras: list[str] = []
    for series in meetings:
        cadence = series.cadence
        span = cadence.per_year_range()
        if span is None:
            extra = "ad hoc" if cadence.ad_hoc else "regular"
            if extra not in extras:
                extras.append(extra)
            continue
        counted = True
        approx = approx or cadence.approx
        low += span[0]
        high += span[1]
    parts = []
    if counted:
        number = f"{low:.0f}" if round(low) == round(high) else f"{low:.0f}–{high:.0f}"
        parts.append(f"ca. {number}" if approx else number)
    parts.extend(extras)
    return " + ".join(parts) if parts else "?"


def forum_chart(
    org: Org,
    *,
    forums: Sequence[str] | None = None,
    meetings: bool = True,
    max_rows: int = 120,
    title: str | None = None,
    figsize: tuple[float | None, float | None] | None = None,
) -> ForumPicture:
    """Draw who takes part in which forum, as a post × forum matrix.

    Parameters
    ----------
    org : Org
        The organisation.
    forums : sequence of str, optional
        The forums to show (ids or search texts), in this order; all by default.
    meetings : bool
        Add a row with the meetings a year of each forum.
    max_rows : int
        Show at most this many rows: the posts in the most forums (the picture says so).
    title : str, optional
        The heading; "Forums of <organisation>" by default.
    figsize : (float or None, float or None), optional
        Fit the picture in this many inches (width, height), scaling it as a
        whole, text included, and keeping its proportions; either side may be
        None. Without it the picture has its natural size (see :meth:`Picture.fit`).

    Returns
    -------
    ForumPicture

    Raises
    ------
    UnknownNodeError
        If a forum is not in the organisation.
    RenderError
        If ``max_rows`` is below 1.

    Examples
    --------
    >>> import orggraph
    >>> picture = forum_chart(orggraph.example(), forums=["board"], meetings=False)
    >>> picture.rows
    ['chair', 'ceo', 'cfo', 'coo']
    """
    if figsize is not None:
        check_figsize(figsize)
    if max_rows < 1:
        raise RenderError(f"max_rows={max_rows}: show at least one row")
    columns = [org.resolve(f, kind="forum") for f in forums] if forums is not None else org.nodes("forum")
    roles = _roles(org, columns)
    rows, notes = _rows(org, roles, max_rows)
    if not columns:
        notes.append("no forums in the data: nothing to show")
    heading = title if title is not None else f"Forums of {org.title}"
    counts = {f: meetings_text(org.graph.nodes[f].get("meetings", ())) for f in columns} if meetings else {}
    picture = _draw(org, heading, rows, columns, roles, counts, notes)
    picture.rows = [r.id for r in rows]
    picture.forums = list(columns)
    picture.roles = {key: tuple(value) for key, value in roles.items() if key[0] in set(picture.rows)}
    if figsize is not None:
        picture.fit(*figsize)
    return picture


def _roles(org: Org, forums: Sequence[str]) -> dict[tuple[str, str], list[str]]:
    """(post or body, forum) -> roles. Bodies stand for themselves only when they expand to no post."""
    G = org.graph
    roles: dict[tuple[str, str], list[str]] = {}
    for forum in forums:
        for holder, _, key, data in G.in_edges(forum, keys=True, data=True):
            role = _ROLE_EDGES.get(key)
            if role is None:
                continue
            if role == "chair" and data.get("rotating"):
                role = "rotating chair"
            kind = G.nodes[holder]["kind"]
            posts = [holder] if kind == "post" else org.members(holder) if kind in ("unit", "group", "forum") else []
            for post in posts or [holder]:
                held = roles.setdefault((post, forum), [])
                if role not in held:
                    held.append(role)
    return roles


def _rows(org: Org, roles: dict[tuple[str, str], list[str]], max_rows: int) -> tuple[list[_Row], list[str]]:
    nodes = org.graph.nodes
    forums_per_row: dict[str, int] = {}
    for holder, _ in roles:
        forums_per_row[holder] = forums_per_row.get(holder, 0) + 1
    notes: list[str] = []
    chosen = list(forums_per_row)
    if len(chosen) > max_rows:
        busiest = sorted(chosen, key=lambda h: -forums_per_row[h])[:max_rows]
        keep = set(busiest)
        notes.append(
            f"showing the {max_rows} posts in the most forums; {len(chosen) - max_rows} more take part in some"
        )
        chosen = [h for h in chosen if h in keep]
    order = {node: i for i, node in enumerate(org.graph)}
    groups: dict[str, int] = {_POLITICAL_GROUP: -1}
    rows: list[_Row] = []
    for holder in chosen:
        attrs = nodes[holder]
        group = _group(org, holder, attrs)
        if group not in groups:
            unit = attrs.get("unit") if attrs["kind"] == "post" else attrs.get("parent")
            groups[group] = order.get(unit, len(order)) if unit is not None else len(order) + 1
        rows.append(_Row(holder, _label(org, holder, attrs), group))
    rows.sort(key=lambda r: (groups[r.group], order[r.id]))
    return rows, notes


def _group(org: Org, node: str, attrs: dict[str, Any]) -> str:
    if attrs["kind"] == "post":
        unit = attrs.get("unit")
        if attrs.get("political") and unit is None:
            return _POLITICAL_GROUP
        return org.name(unit) if unit is not None else "No unit"
    if attrs.get("unit_kind") in ("political_body", "committee") and attrs.get("parent") is None:
        return _POLITICAL_GROUP
    parent = attrs.get("parent")
    return org.name(parent) if parent is not None else "Bodies"


def _label(org: Org, node: str, attrs: dict[str, Any]) -> str:
    name = org.name(node)
    if attrs["kind"] != "post":
        kind = attrs.get("unit_kind") or attrs.get("group_kind") or attrs["kind"]
        return f"{name} ({str(kind).replace('_', ' ')})"
    count = attrs.get("headcount", 1)
    if count == "unknown":
        return f"{name} ×?"
    if not float(count).is_integer():
        return f"{name} ({count:g} FTE)"
    if count != 1:
        return f"{name} {'ca. ' if attrs.get('headcount_approx') else '×'}{count:g}"
    return name


# -- drawing ----------------------------------------------------------------------------------------


def _draw(
    org: Org,
    heading: str,
    rows: list[_Row],
    forums: Sequence[str],
    roles: dict[tuple[str, str], list[str]],
    counts: dict[str, str],
    notes: list[str],
) -> ForumPicture:
    text_h = style.line_height(style.TEXT)
    names = ["\n".join(wrap_text(org.name(f), _NAME_WRAP, _measure)) for f in forums]
    label_w = max((style.text_width(r.label, style.TEXT) for r in rows), default=60.0) + 12
    group_w = max((style.text_width(r.group, style.TEXT, "bold") for r in rows), default=0.0)
    count_w = max((style.text_width(c, style.SMALL) for c in counts.values()), default=0.0)
    column = max(18.0, count_w + 6)
    left = _MARGIN + max(label_w, group_w + 4, style.text_width("Meetings a year", style.SMALL, "bold") + 12)
    sin, cos = math.sin(math.radians(_ANGLE)), math.cos(math.radians(_ANGLE))
    name_w = [max(_measure(line) for line in n.split("\n")) for n in names]
    name_h = [text_h * (n.count("\n") + 1) for n in names]
    header = max((w * sin + h * cos for w, h in zip(name_w, name_h, strict=True)), default=0.0) + 6
    overhang = (
        max((i * column + column / 2 + w * cos + text_h * sin for i, w in enumerate(name_w)), default=0.0)
        - len(forums) * column
    )
    title_h = style.line_height(style.HEADING) + style.line_height(style.TEXT) + 14
    grid_top = _MARGIN + title_h + header
    groups = _group_starts(rows)
    grid_h = len(rows) * _ROW + len(groups) * _GROUP
    count_h = _ROW + 4 if counts else 0.0
    notes_h = len(notes) * text_h + (6 if notes else 0)
    width = max(
        left + len(forums) * column + max(overhang, 0.0) + _MARGIN,
        _MARGIN + style.text_width(heading, style.HEADING, "bold") + _MARGIN,
        _MARGIN + 420.0,
    )
    empty = {f for f in forums if not any((r.id, f) in roles for r in rows)}
    places = _legend_places(_MARGIN, width - _MARGIN, bool(empty)) if forums else []
    legend_h = 14.0 * (max(p[3] for p in places) + 1) + 12 if places else 0.0
    height = grid_top + grid_h + count_h + legend_h + notes_h + _MARGIN
    picture = ForumPicture(width, height, notes=notes)
    ax = picture.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.set_axis_off()

    ax.text(_MARGIN, _MARGIN, heading, fontproperties=style.font(style.HEADING, "bold"), color=style.INK, va="top")
    people = len({r.id for r in rows})
    plural = "s" if len(forums) != 1 else ""
    subtitle = f"{len(forums)} forum{plural}, {people} taking part (posts, or bodies whose posts are not in the data)"
    ax.text(
        _MARGIN,
        _MARGIN + style.line_height(style.HEADING) + 4,
        subtitle,
        fontproperties=style.font(style.TEXT),
        color=style.MUTED,
        va="top",
    )
    grid_right = left + len(forums) * column
    for i, name in enumerate(names):
        x = left + i * column + column / 2
        ax.text(
            x - 2,
            grid_top - 4,
            name,
            rotation=_ANGLE,
            rotation_mode="anchor",
            fontproperties=style.font(style.TEXT),
            color=style.INK,
            ha="left",
            va="baseline",
            linespacing=1.15,
            parse_math=False,
        )
        ax.add_line(Line2D([x, x], [grid_top, grid_top + grid_h], color="#e4e7eb", linewidth=0.6, zorder=0))

    y = grid_top
    for i, row in enumerate(rows):
        if i in groups:
            ax.add_patch(Rectangle((_MARGIN, y), grid_right - _MARGIN, _GROUP, facecolor="#eef1f4", edgecolor="none"))
            colour = style.POLITICAL if row.group == _POLITICAL_GROUP else style.INK
            ax.text(
                _MARGIN + 3,
                y + _GROUP / 2,
                row.group,
                fontproperties=style.font(style.TEXT, "bold"),
                color=colour,
                va="center_baseline",
                parse_math=False,
            )
            y += _GROUP
        ax.text(
            _MARGIN + 10,
            y + _ROW / 2,
            row.label,
            fontproperties=style.font(style.TEXT),
            color=style.INK,
            va="center_baseline",
            parse_math=False,
        )
        ax.add_line(Line2D([_MARGIN, grid_right], [y + _ROW, y + _ROW], color="#eef1f4", linewidth=0.6, zorder=0))
        for j, forum in enumerate(forums):
            held = roles.get((row.id, forum))
            if held:
                _mark(ax, left + j * column + column / 2, y + _ROW / 2, held)
        y += _ROW
    for j, forum in enumerate(forums):
        if forum in empty:
            ax.add_patch(
                Rectangle(
                    (left + j * column + 2, grid_top),
                    column - 4,
                    grid_h,
                    facecolor="none",
                    edgecolor="#cbd2d9",
                    hatch="////",
                    linewidth=0,
                    zorder=0,
                )
            )
    if counts:
        y += 4
        ax.text(
            _MARGIN,
            y + _ROW / 2,
            "Meetings a year",
            fontproperties=style.font(style.SMALL, "bold"),
            color=style.MUTED,
            va="center_baseline",
        )
        for j, forum in enumerate(forums):
            ax.text(
                left + j * column + column / 2,
                y + _ROW / 2,
                counts[forum],
                fontproperties=style.font(style.SMALL),
                color=style.MUTED,
                ha="center",
                va="center_baseline",
                parse_math=False,
            )
        y += _ROW
    _legend(ax, places, y + 14)
    y += legend_h
    for note in notes:
        ax.text(_MARGIN, y, note, fontproperties=style.font(style.TEXT, "bold"), color=style.HIGHLIGHT, va="top")
        y += text_h
    return picture


def _group_starts(rows: list[_Row]) -> set[int]:
    starts: set[int] = set()
    previous: str | None = None
    for i, row in enumerate(rows):
        if row.group != previous:
            starts.add(i)
            previous = row.group
    return starts


def _mark(ax: Axes, x: float, y: float, roles: Sequence[str]) -> None:
    if "chair" in roles:
        ax.plot([x], [y], marker="*", markersize=_MARK + 2.5, color=style.HIGHLIGHT, markeredgewidth=0, zorder=3)
    elif "rotating chair" in roles:
        ax.plot(
            [x],
            [y],
            marker="*",
            markersize=_MARK + 2.5,
            markerfacecolor="white",
            markeredgecolor=style.HIGHLIGHT,
            markeredgewidth=1.0,
            zorder=3,
        )
    elif "member" in roles:
        ax.plot([x], [y], marker="o", markersize=_MARK - 1, color=style.PALETTE[0], markeredgewidth=0, zorder=3)
    elif "guest" in roles:
        ax.plot(
            [x],
            [y],
            marker="o",
            markersize=_MARK - 1.5,
            markerfacecolor="white",
            markeredgecolor=style.PALETTE[0],
            markeredgewidth=1.0,
            zorder=3,
        )
    if "owner" in roles:
        ax.add_patch(Rectangle((x - 6, y - 6), 12, 12, facecolor="none", edgecolor=style.INK, linewidth=0.9, zorder=2))


_LEGEND: tuple[tuple[tuple[str, ...], str], ...] = (
    (("member",), "member"),
    (("guest",), "guest (takes part in part of the meeting)"),
    (("chair",), "chair"),
    (("rotating chair",), "chair in rotation"),
    (("owner",), "owner"),
)


def _legend_places(left: float, right: float, hatched: bool) -> list[tuple[tuple[str, ...], str, float, int]]:
    """(roles, label, x, row) of each legend entry, wrapped at ``right``; roles () is the hatch sample."""
    places: list[tuple[tuple[str, ...], str, float, int]] = []
    cursor, row = left, 0
    for roles, label in _LEGEND:
        size = 16 + style.text_width(label, style.SMALL) + 18
        if cursor > left and cursor + size - 18 > right:
            cursor, row = left, row + 1
        places.append((roles, label, cursor, row))
        cursor += size
    if hatched:
        places.append(((), "no participants documented", left, row + 1))
    return places


def _legend(ax: Axes, places: list[tuple[tuple[str, ...], str, float, int]], top: float) -> None:
    for roles, label, x, row in places:
        y = top + row * 14
        if roles:
            _mark(ax, x + 6, y, roles)
        else:
            ax.add_patch(
                Rectangle((x, y - 6), 12, 12, facecolor="none", edgecolor="#cbd2d9", hatch="////", linewidth=0)
            )
        ax.text(x + 16, y, label, fontproperties=style.font(style.SMALL), color=style.MUTED, va="center_baseline")
