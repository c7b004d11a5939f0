"""Figures over time as small multiples, with partial publications marked instead of drawn as a collapse.

A snapshot that looks partial (see :meth:`orggraph.timeline.Timeline.partial_snapshots`)
is drawn as a hollow marker with its value written beside it; the line
bridges it (dashed) from the snapshot before to the one after, so a
publication that left posts out does not read as a 70 % cut.

Examples
--------
>>> import datetime, pandas as pd
>>> table = pd.DataFrame({"posts": [80, 29, 92]},
...                      index=[datetime.date(2013, 9, 30), datetime.date(2014, 3, 31), datetime.date(2014, 9, 30)])
>>> picture = trend_chart(table, ["posts"], [datetime.date(2014, 3, 31)], title="DFID")
>>> picture.notes
('2014-03-31 looks partial: drawn hollow, the line bridges it',)
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from orggraph.errors import RenderError
from orggraph.render import style
from orggraph.render.picture import Picture

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TrendPicture", "trend_chart"]

_PANEL_W = 230.0
_PANEL_H = 150.0
_NOTE = "Hollow: a publication that looks partial (most missing posts are back in the next one); not a cut."
_COLUMNS = 3
_LABELS = {
    "posts": "Posts",
    "junior_posts": "Junior staff rows",
    "people": "People (FTE)",
    "people_unknown": "Posts of unknown size",
    "senior_people": "Senior FTE",
    "junior_people": "Junior FTE",
    "vacancies": "Vacant posts",
    "top_posts": "Top posts",
    "layers": "Layers",
    "span_median": "Median span",
    "span_mean": "Mean span",
}


def _as_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise RenderError(f"the trend table's index holds {value!r}, not a date")


class TrendPicture(Picture):
    """Small multiples of figures over time (a matplotlib Figure; see :class:`~orggraph.render.picture.Picture`)."""


def trend_chart(
    table: pd.DataFrame, metrics: Sequence[str], partial: Sequence[datetime.date] = (), *, title: str = ""
) -> TrendPicture:
    """Draw figures of a trend table (indexed by date), one panel each.

    Parameters
    ----------
    table : DataFrame
        As :meth:`orggraph.timeline.Timeline.trend` gives it.
    metrics : sequence of str
        Its columns to draw, one panel each (three panels a row).
    partial : sequence of date
        Snapshots that look partial: hollow markers, bridged by a dashed line.
    title : str
        The picture's title.

    Raises
    ------
    RenderError
        If a metric is not a column of the table, or none is given.
    """
    if not metrics:
        raise RenderError("give at least one metric to draw")
    missing = [m for m in metrics if m not in table.columns]
    if missing:
        raise RenderError(f"no column {missing[0]!r} in the trend table; it has {', '.join(map(str, table.columns))}")
    count = len(metrics)
    columns = min(count, _COLUMNS)
    rows = math.ceil(count / columns)
    heading = 30.0 if title else 6.0
    # Panels widen so that the title and the note fit on one line above and below them.
    needed = max(
        style.text_width(title, style.HEADING, "bold") + 24 if title else 0.0,
        style.text_width(_NOTE, style.SMALL) + 24 if partial else 0.0,
    )
    panel = max(_PANEL_W, needed / columns)
    width, height = columns * panel, rows * _PANEL_H + heading + 24
    partial_set = set(partial)
    notes = tuple(f"{day} looks partial: drawn hollow, the line bridges it" for day in sorted(partial_set))
    picture = TrendPicture(width, height, notes=notes)
    picture.set_facecolor(style.BACKGROUND)
    if title:
        picture.text(
            12 / width, 1 - 20 / height, title, fontproperties=style.font(style.HEADING, "bold"), color=style.INK
        )
    dates = [_as_date(day) for day in table.index]
    for number, metric in enumerate(metrics):
        row, column = divmod(number, columns)
        left = (column * panel + 40) / width
        bottom = 1 - (heading + (row + 1) * _PANEL_H - 22) / height
        ax = picture.add_axes((left, bottom, (panel - 76) / width, (_PANEL_H - 50) / height))
        _panel(ax, dates, [float(v) for v in table[metric]], partial_set, _LABELS.get(metric, metric))
    if notes:
        picture.text(
            12 / width,
            6 / height,
            _NOTE,
            fontproperties=style.font(style.SMALL),
            color=style.MUTED,
        )
    return picture


def _panel(ax: Axes, dates: list[datetime.date], values: list[float], partial: set[datetime.date], label: str) -> None:
    colour = style.PALETTE[0]
    # x: days since the first snapshot, so the gaps between publications show.
    first = dates[0]
    x = {d: float((d - first).days) for d in dates}
    points = [(d, v) for d, v in zip(dates, values, strict=True) if not math.isnan(v)]
    # Solid between snapshots that are whole; dashed where the line bridges a partial one.
    whole = [(d, v) for d, v in points if d not in partial]
    for (d0, v0), (d1, v1) in itertools.pairwise(whole):
        bridged = any(d0 < d < d1 for d in partial)
        ax.plot(
            [x[d0], x[d1]],
            [v0, v1],
            color=colour,
            linewidth=1.0 if bridged else 1.6,
            linestyle=(0, (3, 2)) if bridged else "-",
        )
    ax.plot([x[d] for d, _ in whole], [v for _, v in whole], color=colour, linestyle="none", marker="o", markersize=3.5)
    for d, v in points:
        if d in partial:
            ax.plot([x[d]], [v], marker="o", markersize=5, markerfacecolor="white", markeredgecolor=style.HIGHLIGHT)
            ax.annotate(
                f"{v:g} (partial)",
                (x[d], v),
                xytext=(4, -10),
                textcoords="offset points",
                fontproperties=style.font(style.SMALL),
                color=style.HIGHLIGHT,
            )
    ax.set_title(label, fontproperties=style.font(style.TITLE, "bold"), color=style.INK, loc="left")
    ax.tick_params(labelsize=style.SMALL, colors=style.MUTED)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(style.BORDER)
    top = max((v for _, v in points), default=0.0)
    ax.set_ylim(0, max(1.0, top * 1.12))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks([x[d] for d in dates])
    ax.set_xticklabels([d.strftime("%Y-%m") for d in dates], rotation=45, ha="right")
    ax.grid(axis="y", color="#e4e7eb", linewidth=0.6)
