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

Sizes
-----
A picture is laid out at its natural size, in points, for its content. To make
it smaller or larger, pass ``figsize=(width, height)`` in inches to the call
that draws it (``org.chart(figsize=(10, 6))``), or call :meth:`Picture.fit`:
the whole drawing, text and line widths included, is scaled by one factor so
that it fits in that box, keeping its proportions (either side may be None).
Matplotlib's own ``set_size_inches`` only stretches the canvas: fonts and line
widths keep their sizes while the boxes move, so the layout comes apart; use
``fit`` instead.

Showing
-------
In Jupyter a picture shows itself (``_repr_png_``; a picture wider or taller
than :data:`SCROLL_ABOVE` pixels is shown at full scale in a scrolling frame by
``_repr_html_``, rather than shrunk to the cell's width). Elsewhere
:meth:`Picture.show` writes a PNG to a temporary file and opens it with the
platform's image viewer; with no display (a server, CI) it says where the
file is instead of raising.
"""

from __future__ import annotations

import base64
import importlib
import io
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import warnings
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import matplotlib as mpl
import numpy as np
from matplotlib import cbook
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.text import Text

from orggraph.errors import RenderError

__all__ = ["MAX_PIXELS", "SCROLL_ABOVE", "Picture", "RenderError", "ResolutionWarning", "check_figsize", "raster_dpi"]

_SCREEN_PX_PER_INCH = 100
"""Jupyter shows a picture at this many CSS pixels per inch (about true size at 100 % zoom)."""
_MAX_PIXELS = 24_000
"""The longest side of a Jupyter PNG; bigger pictures are shown at a lower resolution."""
SCROLL_ABOVE = 1_000
"""Pictures wider or taller than this many screen pixels are shown in Jupyter in a scrolling frame."""
MAX_PIXELS = 2**27
"""The most pixels a saved raster image (PNG, JPEG, ...) has: 134 million, 512 MB while it is drawn.

A bigger picture is saved at the resolution that fits, with a :class:`ResolutionWarning`
naming it: an org chart of 10 000 boxes side by side is 3 600 inches wide, 245 million
pixels at 100 dpi. SVG and PDF keep every detail at any size.
"""
_MAX_SIDE = 2**23 - 1
"""The longest side Agg draws, in pixels."""
_RASTER = frozenset({"png", "jpg", "jpeg", "tif", "tiff", "webp", "raw", "rgba", "gif"})


class ResolutionWarning(UserWarning):
    """A picture was saved at a lower resolution than asked, to stay within :data:`MAX_PIXELS`."""


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
    shown : pathlib.Path or None
        The PNG the last :meth:`show` outside Jupyter wrote.

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
        _Canvas(self)
        self.notes: tuple[str, ...] = tuple(notes)
        self.timings: dict[str, float] = {}
        self.shown: Path | None = None
        self._png: tuple[tuple[float, float, float], bytes] | None = None

    def savefig(
        self, fname: str | os.PathLike[str] | IO[Any], *, transparent: bool | None = None, **kwargs: Any
    ) -> None:
        """Save the picture, as matplotlib's ``Figure.savefig``; raster images stay within :data:`MAX_PIXELS`.

        A raster format (PNG, JPEG, ...) that would have more pixels than
        :data:`MAX_PIXELS` at the asked ``dpi`` is saved at the highest
        resolution that fits, and a :class:`ResolutionWarning` says which. An
        opaque PNG is written without its alpha channel (the pixels are the same).

        Parameters
        ----------
        fname : str, path-like or file-like
            Where to write; the format comes from ``format=...`` or the file's suffix.
        transparent : bool, optional
            As matplotlib's: a transparent background.
        **kwargs
            Passed on to :meth:`matplotlib.figure.Figure.savefig` (``format``, ``dpi``, ...).

        Examples
        --------
        >>> import io
        >>> buffer = io.BytesIO()
        >>> Picture(144, 72).savefig(buffer, format="png", dpi=50)
        >>> buffer.getvalue()[1:4]
        b'PNG'
        """
        kind = kwargs.get("format")
        if kind is None and isinstance(fname, (str, os.PathLike)):
            kind = Path(fname).suffix[1:] or None
        kind = str(kind if kind is not None else mpl.rcParams["savefig.format"]).lower()
        if kind in _RASTER:
            asked = kwargs.get("dpi")
            asked = mpl.rcParams["savefig.dpi"] if asked is None else asked
            asked = self.dpi if asked == "figure" else float(asked)
            width, height = (float(x) for x in self.get_size_inches())
            dpi = raster_dpi(width, height, asked)
            if dpi < asked:
                warnings.warn(
                    ResolutionWarning(
                        f"the picture is {width:.0f} x {height:.0f} inches: saved at {dpi:g} dpi "
                        f"({int(width * dpi)} x {int(height * dpi)} pixels) instead of {asked:g} dpi, "
                        f"the most that fits in {MAX_PIXELS / 1e6:.0f} million pixels; save it as SVG or PDF "
                        "for every detail, or draw less of it"
                    ),
                    stacklevel=2,
                )
                kwargs["dpi"] = dpi
        super().savefig(fname, transparent=transparent, **kwargs)

    def _repr_png_(self) -> tuple[bytes, dict[str, int]]:
        """PNG for Jupyter, at twice the screen resolution for sharp text on high-density screens."""
        width, height = self.get_size_inches()
        dpi = min(2 * _SCREEN_PX_PER_INCH, _MAX_PIXELS / max(width, height))
        key = (float(width), float(height), dpi)
        # Jupyter asks for the HTML and then the PNG of one display: draw once (unless the figure changed since)
        if self._png is None or self._png[0] != key or self.stale:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=dpi)
            self._png = (key, buffer.getvalue())
            self.stale = False  # just drawn (savefig's dpi round trip marks it stale); a change marks it again
        return self._png[1], {
            "width": round(width * _SCREEN_PX_PER_INCH),
            "height": round(height * _SCREEN_PX_PER_INCH),
        }

    def _repr_html_(self) -> str | None:
        """A large picture at full scale in a scrolling frame; None (the PNG is used) when it fits a cell.

        Jupyter shrinks a wide PNG to the cell's width, which makes a big org
        chart unreadable; in a frame that scrolls, its text stays at its size.
        """
        data, size = self._repr_png_()
        if size["width"] <= SCROLL_ABOVE and size["height"] <= SCROLL_ABOVE:
            return None
        encoded = base64.b64encode(data).decode("ascii")
        return (
            '<div class="orggraph-picture" style="overflow:auto;max-width:100%;max-height:80vh;'
            'border:1px solid #e4e7eb">'
            f'<img src="data:image/png;base64,{encoded}" width="{size["width"]}" height="{size["height"]}" '
            'style="max-width:none;max-height:none" alt="orggraph picture"></div>'
        )

    def fit(self, width: float | None = None, height: float | None = None) -> Picture:
        """Scale the whole drawing by one factor so that it fits in ``width`` x ``height`` inches.

        Text, line widths, markers and arrow heads are scaled with the layout,
        so the picture looks the same, only smaller or larger; its proportions
        are kept, so the other side may come out smaller than asked.

        Parameters
        ----------
        width, height : float, optional
            The box to fit in, in inches; give at least one.

        Returns
        -------
        Picture
            The same picture, resized (for chaining).

        Raises
        ------
        RenderError
            If neither side is given, or a side is not a positive number.

        Examples
        --------
        >>> picture = Picture(720, 360)
        >>> picture.fit(5).get_size_inches().tolist()
        [5.0, 2.5]
        >>> picture.fit(height=1).get_size_inches().tolist()
        [2.0, 1.0]
        """
        check_figsize((width, height))
        current_w, current_h = (float(x) for x in self.get_size_inches())
        factors = [float(w) / c for w, c in ((width, current_w), (height, current_h)) if w is not None]
        _scale_artists(self, min(factors))
        return self

    def show(self, warn: bool = True) -> None:
        """Show the picture: inline in Jupyter, else in the platform's image viewer.

        Outside Jupyter the picture is written to a temporary PNG and opened
        with ``open`` (macOS), the default program (Windows) or ``xdg-open``
        (Linux and others, when there is a display). Without a display nothing
        can be opened: the message says where the PNG is. Never raises for
        want of a display; the message (on stderr) says what was done.

        Parameters
        ----------
        warn : bool
            Print the message saying what was done (True by default).

        Examples
        --------
        With no display (as on a server) the PNG is written, not opened:

        >>> import os
        >>> saved = {name: os.environ.pop(name, None) for name in ("DISPLAY", "WAYLAND_DISPLAY")}
        >>> picture = Picture(100, 50)
        >>> picture.show(warn=False)
        >>> picture.shown.suffix, picture.shown.stat().st_size > 0
        ('.png', True)
        >>> os.environ.update({name: value for name, value in saved.items() if value is not None})
        """
        if _in_jupyter():
            display: Any = importlib.import_module("IPython.display").display
            display(self)
            return
        handle, name = tempfile.mkstemp(prefix="orggraph-", suffix=".png")
        os.close(handle)
        path = Path(name)
        width, height = self.get_size_inches()
        self.savefig(path, format="png", dpi=min(2 * _SCREEN_PX_PER_INCH, _MAX_PIXELS / max(width, height)))
        self.shown = path
        message = _open_with_viewer(path)
        if warn:
            print(message, file=sys.stderr)


def raster_dpi(width: float, height: float, dpi: float) -> float:
    """The resolution a raster image of ``width`` x ``height`` inches is saved at: ``dpi``, or less to fit.

    At most :data:`MAX_PIXELS` pixels, and at most 2**23 - 1 on a side (Agg's
    limit); whole dots per inch when it has to be lowered.

    Parameters
    ----------
    width, height : float
        The picture's size in inches.
    dpi : float
        The resolution asked for.

    Examples
    --------
    >>> raster_dpi(10, 5, 100)
    100
    >>> raster_dpi(3616, 6.8, 100)  # 10 000 boxes side by side: 245 million pixels at 100 dpi
    73.0
    """
    most = min(math.sqrt(MAX_PIXELS / (width * height)), _MAX_SIDE / max(width, height))
    if dpi <= most:
        return dpi
    return float(math.floor(most)) if most >= 1 else most


class _Canvas(FigureCanvasAgg):
    """Agg, writing PNG about twice as fast as through Pillow: see :func:`_write_png`."""

    def print_png(
        self,
        filename_or_obj: Any,
        *,
        metadata: dict[str, str] | None = None,
        pil_kwargs: dict[str, Any] | None = None,
        **_: Any,
    ) -> None:
        """Draw and write a PNG with the metadata matplotlib writes (``Software``, the resolution).

        With ``pil_kwargs`` the PNG is written by Pillow, as matplotlib does.
        ``print_figure`` also passes ``dpi``, ``facecolor``, ``edgecolor``, ... to a canvas
        outside matplotlib: it has already applied them to the figure.
        """
        agg: Any = FigureCanvasAgg  # its methods are untyped
        if pil_kwargs is not None:
            agg.print_png(self, filename_or_obj, metadata=metadata, pil_kwargs=pil_kwargs)
            return
        agg.draw(self)
        rgba = np.asarray(agg.buffer_rgba(self))
        texts = {"Software": f"Matplotlib version{mpl.__version__}, https://matplotlib.org/", **(metadata or {})}
        with cbook.open_file_cm(filename_or_obj, "wb") as stream:
            _write_png(stream, rgba, float(self.figure.dpi), {k: v for k, v in texts.items() if v is not None})


def _write_png(stream: IO[bytes], rgba: np.ndarray[Any, np.dtype[np.uint8]], dpi: float, texts: dict[str, str]) -> None:
    """Write pixels as a PNG: RGB when every pixel is opaque, each row filtered as its difference from the one above.

    A chart is mostly rows equal to the row above: the "Up" filter (PNG filter type 2)
    turns them into zeros, which zlib compresses at level 3 as small as Pillow's
    default and in half the time (Pillow tries every filter on every row).
    """
    height, width, _ = rgba.shape
    channels = 3 if rgba[..., 3].min() == 255 else 4
    stride = width * channels + 1
    rows = np.empty((height, stride), dtype=np.uint8)
    pixels = np.ndarray((height, width, channels), dtype=np.uint8, buffer=rows, offset=1, strides=(stride, channels, 1))
    rows[:, 0] = 2  # filter "Up": each byte minus the one above it (modulo 256)
    rows[0, 0] = 0  # the first row as it is
    pixels[0] = rgba[0, :, :channels]
    np.subtract(rgba[1:, :, :channels], rgba[:-1, :, :channels], out=pixels[1:])

    def chunk(kind: bytes, data: bytes) -> None:
        stream.write(struct.pack(">I", len(data)) + kind)
        stream.write(data)
        stream.write(struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))))

    stream.write(b"\x89PNG\r\n\x1a\n")
    chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0))
    per_metre = round(dpi / 0.0254)
    chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
    for key, value in texts.items():
        try:
            chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1"))
        except UnicodeEncodeError:
            chunk(b"iTXt", key.encode("utf-8") + b"\0\0\0\0\0" + value.encode("utf-8"))
    data = zlib.compress(rows.data, 3)
    for start in range(0, max(len(data), 1), 1 << 24):
        chunk(b"IDAT", data[start : start + (1 << 24)])
    chunk(b"IEND", b"")


def check_figsize(figsize: object) -> tuple[float | None, float | None]:
    """A ``figsize`` option checked: a (width, height) pair in inches, each positive or None, not both None.

    Parameters
    ----------
    figsize : object
        The option as the user gave it; a (width, height) pair in inches is
        expected, either side None to leave it free.

    Raises
    ------
    RenderError
        Saying what is wrong and what to give.

    Examples
    --------
    >>> check_figsize((10, None))
    (10, None)
    >>> check_figsize(10)
    Traceback (most recent call last):
    ...
    orggraph.errors.RenderError: figsize=10: give (width, height) in inches, e.g. (10, 6) or (10, None)
    """
    if not isinstance(figsize, (tuple, list)) or len(figsize) != 2:
        raise RenderError(f"figsize={figsize!r}: give (width, height) in inches, e.g. (10, 6) or (10, None)")
    for name, value in zip(("width", "height"), figsize, strict=True):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
            raise RenderError(f"figsize {name} {value!r}: give a positive number of inches, or None")
    if figsize[0] is None and figsize[1] is None:
        raise RenderError("figsize=(None, None): give a width or a height in inches, e.g. (10, None)")
    return (figsize[0], figsize[1])


def _in_jupyter() -> bool:
    """True inside a Jupyter kernel (IPython with a kernel), where pictures display inline."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def _open_with_viewer(path: Path) -> str:
    """Open ``path`` with the platform's viewer if there is one; say what was done."""
    command: list[str] | None = None
    if sys.platform == "darwin":
        command = ["open", str(path)]
    elif sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined,unused-ignore]
        return f"picture written to {path} and opened with the default viewer"
    elif os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        viewer = shutil.which("xdg-open")
        if viewer is not None:
            command = [viewer, str(path)]
    if command is None:
        return f"picture written to {path}; no display to open it on (headless): open the file, or use savefig"
    try:
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as error:
        return f"picture written to {path}; could not open it with {command[0]} ({error})"
    return f"picture written to {path} and opened with {Path(command[0]).name}"


def _scale_artists(figure: Figure, factor: float) -> None:
    """Resize a figure by ``factor`` with everything sized in points scaled alike (data coordinates follow)."""
    for artist in figure.findobj():
        if isinstance(artist, Text):
            artist.set_fontsize(float(artist.get_fontsize()) * factor)
        elif isinstance(artist, Line2D):
            artist.set_linewidth(artist.get_linewidth() * factor)
            artist.set_markersize(artist.get_markersize() * factor)
            artist.set_markeredgewidth(artist.get_markeredgewidth() * factor)
        elif isinstance(artist, Collection):
            artist.set_linewidth([float(w) * factor for w in np.atleast_1d(artist.get_linewidth())])
        elif isinstance(artist, Patch):
            artist.set_linewidth(artist.get_linewidth() * factor)
            if isinstance(artist, FancyArrowPatch):  # its head is sized in points; a box's rounding is in data
                artist.set_mutation_scale(artist.get_mutation_scale() * factor)
        hatched: Any = artist
        # a hatch's line width is per artist from matplotlib 3.10 on (older ones take it from rcParams)
        if hasattr(hatched, "set_hatch_linewidth") and hasattr(hatched, "get_hatch") and hatched.get_hatch():
            hatched.set_hatch_linewidth(hatched.get_hatch_linewidth() * factor)
    width, height = figure.get_size_inches()
    figure.set_size_inches(width * factor, height * factor)
