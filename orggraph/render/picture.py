r"""The picture object every drawing returns: a matplotlib Figure that shows itself in Jupyter.

:class:`Picture` is a :class:`matplotlib.figure.Figure` built without pyplot, so
no global figure list keeps it alive and notebooks do not draw it twice. It
displays in Jupyter through ``_repr_png_`` and writes PNG, SVG or PDF with the
Figure's own ``savefig(path_or_file, format=..., dpi=...)``.

Examples
--------
>>> picture = Picture(144, 72)
>>> picture.get_size_inches().tolist()
[2.0, 1.0]
>>> data, size = picture._repr_png_()
>>> data[:8] == b"\x89PNG\r\n\x1a\n", size
(True, {'width': 200, 'height': 100})
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from orggraph.errors import RenderError

__all__ = ["Picture", "RenderError"]

_SCREEN_PX_PER_INCH = 100
"""Jupyter shows a picture at this many CSS pixels per inch (about true size at 100 % zoom)."""
_MAX_PIXELS = 24_000
"""The longest side of a Jupyter PNG; bigger pictures are shown at a lower resolution."""


class Picture(Figure):
    """A drawing: a matplotlib Figure sized in points, with notes and timings.

    Parameters
    ----------
    width, height : float
        The size in points (1/72 inch).
    notes : iterable of str
        What the picture leaves out or simplifies, also printed in it (e.g.
        "collapsed below depth 3: 99 700 people not shown").

    Attributes
    ----------
    notes : tuple of str
        As given.
    timings : dict of str to float
        Seconds spent per step (``"model"``, ``"layout"``, ``"draw"``): a hook
        for benchmarks.

    Examples
    --------
    >>> import io
    >>> picture = Picture(100, 50, notes=["nothing to draw"])
    >>> buffer = io.BytesIO()
    >>> picture.savefig(buffer, format="svg")
    >>> buffer.getvalue()[:5], picture.notes
    (b'<?xml', ('nothing to draw',))
    """

    def __init__(self, width: float, height: float, *, notes: Iterable[str] = ()) -> None:
        super().__init__(figsize=(max(width, 1.0) / 72, max(height, 1.0) / 72), dpi=100)
        FigureCanvasAgg(self)
        self.notes: tuple[str, ...] = tuple(notes)
        self.timings: dict[str, float] = {}

    def _repr_png_(self) -> tuple[bytes, dict[str, int]]:
        """PNG for Jupyter, at twice the screen resolution for sharp text on high-density screens."""
        width, height = self.get_size_inches()
        dpi = min(2 * _SCREEN_PX_PER_INCH, _MAX_PIXELS / max(width, height))
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue(), {
            "width": round(width * _SCREEN_PX_PER_INCH),
            "height": round(height * _SCREEN_PX_PER_INCH),
        }
