"""Pictures of an organisation: org charts, forum membership and the annual wheel.

Every function returns a :class:`~orggraph.render.picture.Picture` (a
matplotlib Figure without pyplot state) that shows itself in Jupyter and writes
PNG, SVG or PDF with ``savefig``. The :class:`~orggraph.Org` methods
``chart``, ``forum_chart`` and ``wheel`` are the usual way in.

Examples
--------
>>> import orggraph
>>> from orggraph.render import org_chart
>>> org_chart(orggraph.example()).notes
()
"""

from __future__ import annotations

from orggraph.render.chart import ChartPicture, org_chart
from orggraph.render.forums import ForumPicture, forum_chart
from orggraph.render.picture import Picture, RenderError
from orggraph.render.wheel import WheelPicture, annual_wheel

__all__ = [
    "ChartPicture",
    "ForumPicture",
    "Picture",
    "RenderError",
    "WheelPicture",
    "annual_wheel",
    "forum_chart",
    "org_chart",
]
