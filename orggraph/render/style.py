"""Colours, fonts and text measurement shared by every picture.

All pictures use DejaVu Sans, which ships with matplotlib and has every Danish
letter (æ, ø, å) and the symbols the pictures use (×, –, ·). Sizes are in
points; no text is smaller than :data:`SMALL` (7 pt).

Text is measured with matplotlib's own font machinery: the sum of the glyphs'
FreeType advances (cached per character), which is never less than the laid-out
width (kerning only tightens), plus 3 % for hinting at low resolutions. So a
box sized here fits its text when drawn, and measuring is fast enough for
hundreds of boxes.

Examples
--------
>>> text_width("Kommunaldirektør", TEXT) > text_width("Direktør", TEXT)
True
>>> PALETTE[0]
'#4c78a8'
"""

from __future__ import annotations

import math
import warnings
from functools import lru_cache
from typing import Literal

import numpy as np
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font, LoadFlags
from matplotlib.path import Path

__all__ = [
    "BACKGROUND",
    "BORDER",
    "CAP_HEIGHT",
    "FONT",
    "HEADING",
    "HIGHLIGHT",
    "HIGHLIGHT_FILL",
    "INK",
    "LINE",
    "MUTED",
    "NEUTRAL",
    "PALETTE",
    "POLITICAL",
    "POLITICAL_BAND",
    "SMALL",
    "TEXT",
    "TITLE",
    "Glyph",
    "Slant",
    "font",
    "glyph_run",
    "ink_on",
    "line_height",
    "text_path",
    "text_width",
]

FONT = "DejaVu Sans"
"""The one font family: ships with matplotlib, covers æ, ø, å."""

HEADING = 13.0
"""Picture titles."""
TITLE = 8.0
"""Box titles (bold)."""
TEXT = 7.5
"""Ordinary labels."""
SMALL = 7.0
"""The smallest text in any picture."""

INK = "#1f2933"
"""Main text colour."""
MUTED = "#52606d"
"""Secondary text."""
LINE = "#7b8794"
"""Connectors."""
BORDER = "#9aa5b1"
"""Box outlines."""
BACKGROUND = "#ffffff"
NEUTRAL = "#8c96a3"
"""Colour of things that belong to no branch."""
POLITICAL = "#6c4f9e"
"""The political level."""
POLITICAL_BAND = "#f4f0fa"
HIGHLIGHT = "#d9480f"
"""Highlighted boxes and marks."""
HIGHLIGHT_FILL = "#fff1e6"

PALETTE: tuple[str, ...] = (
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#b279a2",
    "#e45756",
    "#72b7b2",
    "#eeca3b",
    "#9d755d",
    "#ff9da6",
    "#79706e",
)
"""Colours for branches, forums and topics (Vega's tableau10, readable on white)."""

CAP_HEIGHT = 0.729
"""Height of a capital letter in DejaVu Sans, in em: centring it centres a line of text."""

_SAFETY = 1.03  # renderers hint glyphs up to about 1.5 % wider at 72 dpi
_UNIT = 100.0  # advances are read at 100 pt and scaled, so they keep their precision


Slant = Literal["normal", "italic", "oblique"]


@lru_cache(maxsize=64)
def font(size: float, weight: str = "normal", style: Slant = "normal") -> FontProperties:
    """The font properties for a size, weight and style.

    Parameters
    ----------
    size : float
        The font size in points.
    weight : str, default "normal"
        A matplotlib font weight (``"normal"``, ``"bold"``, ...).
    style : {"normal", "italic", "oblique"}, default "normal"
        The slant.

    Examples
    --------
    >>> font(8, "bold").get_family()
    ['DejaVu Sans']
    """
    return FontProperties(family=FONT, size=size, weight=weight, style=style)


@lru_cache(maxsize=8)
def _face(weight: str, style: Slant) -> FT2Font:
    face = FT2Font(findfont(font(_UNIT, weight, style)))
    face.set_size(_UNIT, 72)
    return face


@lru_cache(maxsize=4096)
def _advance(char: str, weight: str, style: Slant) -> float:
    face = _face(weight, style)
    # by glyph index: a character the font lacks gets the font's "missing" glyph
    glyph = face.load_glyph(face.get_char_index(ord(char)), flags=LoadFlags.NO_HINTING)
    return float(glyph.linearHoriAdvance) / 65536 / _UNIT


def advance_width(text: str, size: float, weight: str = "normal", style: Slant = "normal") -> float:
    """The width of one line of text as :func:`text_path` draws it, in points.

    Examples
    --------
    >>> advance_width("Ø", 100) == advance_width("ØØ", 50)
    True
    """
    return sum(_advance(char, weight, style) for char in text) * size


def text_width(text: str, size: float, weight: str = "normal", style: Slant = "normal") -> float:
    """The width of one line of text in points, as drawn (an upper bound within a few per cent).

    Parameters
    ----------
    text : str
        One line of text.
    size : float
        The font size in points.
    weight : str, default "normal"
        A matplotlib font weight (``"normal"``, ``"bold"``, ...).
    style : {"normal", "italic", "oblique"}, default "normal"
        The slant.

    Examples
    --------
    >>> 40 < text_width("Kommunaldirektør", 7) < 70
    True
    >>> text_width("", 10)
    0.0
    """
    return advance_width(text, size, weight, style) * _SAFETY


_Outline = tuple["np.ndarray[tuple[int, int], np.dtype[np.float64]]", "np.ndarray[tuple[int], np.dtype[np.uint8]]"]


@lru_cache(maxsize=4096)
def _outline(char: str, weight: str, style: Slant) -> _Outline | None:
    """A glyph's outline in em units (y up), or None for a glyph without ink (a space)."""
    face = _face(weight, style)
    index = face.get_char_index(ord(char))
    if index == 0 and not char.isspace():
        warnings.warn(f"Glyph {ord(char)} ({char!r}) missing from font(s) {FONT}.", RuntimeWarning, stacklevel=4)
    face.load_glyph(index, flags=LoadFlags.NO_HINTING)
    vertices, codes = face.get_path()
    if len(codes) == 0:
        return None
    return np.asarray(vertices, dtype=np.float64) / _UNIT, np.asarray(codes, dtype=np.uint8)


@lru_cache(maxsize=4096)
def _ink_box(char: str, weight: str, style: Slant) -> tuple[float, float, float, float] | None:
    """A glyph's inked extent in em units (x0, y0, x1, y1, y up), or None for a glyph without ink."""
    outline = _outline(char, weight, style)
    if outline is None:
        return None
    vertices = outline[0]
    low, high = vertices.min(axis=0), vertices.max(axis=0)
    return float(low[0]), float(low[1]), float(high[0]), float(high[1])


Glyph = tuple[float, "np.ndarray[tuple[int, int], np.dtype[np.float64]]", "np.ndarray[tuple[int], np.dtype[np.uint8]]"]
"""One inked glyph of a line: its x offset in em, its outline's vertices in em (y up) and path codes."""


def glyph_run(
    text: str, weight: str = "normal", style: Slant = "normal"
) -> tuple[list[Glyph], tuple[float, float, float, float] | None, float]:
    """The inked glyphs of one line of text in em units, for drawing many lines as one compound path.

    :func:`text_path` is this with the outlines joined and scaled to a size.

    Parameters
    ----------
    text : str
        One line of text.
    weight : str, default "normal"
        A matplotlib font weight (``"normal"``, ``"bold"``, ...).
    style : {"normal", "italic", "oblique"}, default "normal"
        The slant.

    Returns
    -------
    glyphs : list of (float, ndarray, ndarray)
        Each inked glyph's x offset, outline vertices and path codes (em units, y up).
    ink : (float, float, float, float) or None
        The extent of the ink (x0, y0, x1, y1), or None when nothing is inked.
    advance : float
        The width of the line, as :func:`advance_width` at size 1.

    Examples
    --------
    >>> glyphs, ink, advance = glyph_run("A b")
    >>> len(glyphs), advance == advance_width("A b", 1), ink[0] >= 0 and ink[2] <= advance
    (2, True, True)
    """
    glyphs: list[Glyph] = []
    x = 0.0
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for char in text:
        outline = _outline(char, weight, style)
        if outline is not None:
            glyphs.append((x, outline[0], outline[1]))
            box = _ink_box(char, weight, style)
            assert box is not None
            x0, y0 = min(x0, x + box[0]), min(y0, box[1])
            x1, y1 = max(x1, x + box[2]), max(y1, box[3])
        x += _advance(char, weight, style)
    return glyphs, ((x0, y0, x1, y1) if glyphs else None), x


def text_path(text: str, size: float, weight: str = "normal", style: Slant = "normal") -> Path:
    """The outline of one line of text: baseline on y = 0, starting at x = 0, y up, in points.

    Drawing text as outlines (cached per glyph) is many times faster than
    laying out each label with the renderer, and matches :func:`text_width`
    exactly. A character the font lacks warns like matplotlib does
    ("Glyph ... missing from font(s) DejaVu Sans.").

    Parameters
    ----------
    text : str
        One line of text.
    size : float
        The font size in points.
    weight : str, default "normal"
        A matplotlib font weight (``"normal"``, ``"bold"``, ...).
    style : {"normal", "italic", "oblique"}, default "normal"
        The slant.

    Examples
    --------
    >>> path = text_path("Ærø", 10)
    >>> bool(path.vertices[:, 0].max() < text_width("Ærø", 10) and path.vertices[:, 1].max() > 7)
    True
    """
    pieces: list[np.ndarray[tuple[int, int], np.dtype[np.float64]]] = []
    codes: list[np.ndarray[tuple[int], np.dtype[np.uint8]]] = []
    x = 0.0
    for char in text:
        outline = _outline(char, weight, style)
        if outline is not None:
            vertices, kinds = outline
            pieces.append(vertices * size + np.array([x, 0.0]))
            codes.append(kinds)
        x += _advance(char, weight, style) * size
    if not pieces:
        return Path(np.zeros((0, 2)), np.zeros(0, dtype=Path.code_type))
    return Path(np.concatenate(pieces), np.concatenate(codes))


def ink_on(colour: str) -> str:
    """White or dark text, whichever reads better on a background colour (WCAG relative luminance).

    Parameters
    ----------
    colour : str
        The background colour as ``"#rrggbb"`` hex text (e.g. ``"#1f4e79"``).

    Examples
    --------
    >>> ink_on("#4c78a8"), ink_on("#eeca3b")
    ('white', '#1f2933')
    """
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "white" if luminance < 0.4 else INK


def line_height(size: float) -> float:
    """The distance between baselines of lines of text of a size.

    Parameters
    ----------
    size : float
        The font size in points.

    Examples
    --------
    >>> line_height(8)
    10.0
    """
    return size * 1.25
