"""Files for the command line: inputs checked before anything reads them, outputs that name themselves in errors.

A command reads only regular files of at most :data:`MAX_INPUT_BYTES` (a
device such as ``/dev/zero`` would otherwise be read until memory runs out),
writes text and pictures to the exact path it reports, refuses a directory as
an output, and words every failure as one line that names the file. Every
refusal is a :class:`CommandLineError` (exit code 2).

Examples
--------
>>> check_input("/dev/zero")
Traceback (most recent call last):
...
orggraph.cli_files.CommandLineError: /dev/zero: not a regular file (a character device); give an organisation file
>>> picture_target("chart")
('chart.png', 'png')
"""

from __future__ import annotations

import math
import os
import stat
import sys
from typing import TYPE_CHECKING

from orggraph.errors import OrgGraphError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_PIXELS",
    "MIN_DPI",
    "PICTURE_FORMATS",
    "CommandLineError",
    "check_input",
    "dpi",
    "encoding",
    "picture_target",
    "save_picture",
    "write_text",
]

MAX_INPUT_BYTES = 256 * 1024 * 1024
"""The largest input file a command reads (256 MiB); a larger one is refused before it is read."""

PICTURE_FORMATS = ("png", "svg", "pdf", "svgz", "eps", "ps", "jpg", "jpeg", "tif", "tiff", "webp", "gif")
"""Picture formats by file suffix; the first is used when the name has no suffix."""

_VECTOR_FORMATS = frozenset({"svg", "svgz", "pdf", "eps", "ps"})

MAX_PIXELS = 100_000_000
"""The most pixels a raster picture may have (about 400 MB in memory while it is drawn)."""

_MAX_SIDE = 32_768
"""The longest side of a raster picture, in pixels."""

_FILE_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a pipe",
    stat.S_IFSOCK: "a socket",
}


class CommandLineError(OrgGraphError, ValueError):
    """A command cannot do what it was asked, for a reason outside the organisation data; exit code 2."""


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def check_input(path: str) -> str:
    """Refuse an input that is not a regular file or is too large, before it is read; return ``path``.

    A file that does not exist or cannot be opened passes: the reader reports
    it as it reports any unreadable file, with its name.

    Parameters
    ----------
    path : str
        The input file named on the command line.

    Returns
    -------
    str
        ``path``, unchanged.

    Raises
    ------
    CommandLineError
        If ``path`` is a device, a pipe or a socket, holds a NUL character, or
        is larger than :data:`MAX_INPUT_BYTES`.

    Examples
    --------
    >>> check_input("orggraph/example.yaml")
    'orggraph/example.yaml'
    """
    try:
        info = os.stat(path)
    except ValueError:  # an embedded NUL
        raise CommandLineError(f"{path!r}: not a file name (it holds a NUL character)") from None
    except OSError:
        return path
    if stat.S_ISDIR(info.st_mode):
        raise CommandLineError(f"{path}: is a directory; give an organisation file")
    if not stat.S_ISREG(info.st_mode):
        kind = _FILE_KINDS.get(stat.S_IFMT(info.st_mode), "not a file")
        raise CommandLineError(f"{path}: not a regular file ({kind}); give an organisation file")
    if info.st_size > MAX_INPUT_BYTES:
        raise CommandLineError(
            f"{path}: {info.st_size / 1024**2:,.0f} MiB is more than the command line reads "
            f"({MAX_INPUT_BYTES // 1024**2} MiB); load it from Python (orggraph.load) or split it"
        )
    return path


def _check_output(path: str) -> None:
    """Refuse an output path that is a directory, holds a NUL, or lies in a directory that does not exist."""
    if "\0" in path:
        raise CommandLineError(f"cannot write {path!r}: not a file name (it holds a NUL character)")
    if os.path.isdir(path):
        raise CommandLineError(f"cannot write {path}: it is a directory; give a file name in it")
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        raise CommandLineError(f"cannot write {path}: there is no directory {folder}")


def write_text(text: str, output: str | None) -> None:
    """Write ``text`` to ``output``, or to standard output (with a final newline) when it is None.

    Parameters
    ----------
    text : str
        What to write.
    output : str or None
        The file, or None for standard output.

    Raises
    ------
    CommandLineError
        If the file cannot be written; the message names it and says why.

    Examples
    --------
    >>> write_text("hej", None)
    hej
    >>> write_text("hej", "no/such/folder/hej.txt")
    Traceback (most recent call last):
    ...
    orggraph.cli_files.CommandLineError: cannot write no/such/folder/hej.txt: there is no directory no/such/folder
    """
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    _check_output(output)
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise CommandLineError(f"cannot write {output}: {_reason(error)}") from None


MIN_DPI = 10
"""The lowest ``--dpi``: below it the smallest text of a picture is less than half a pixel, which FreeType refuses."""


def dpi(text: str) -> float:
    """The ``--dpi`` option: a finite number of at least :data:`MIN_DPI` (anything else is a usage error).

    Parameters
    ----------
    text : str
        The option's text as typed.

    Examples
    --------
    >>> dpi("300")
    300.0
    >>> dpi("nan")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: give a number of dots per inch of at least 10, not 'nan'
    """
    import argparse

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < MIN_DPI:
        raise argparse.ArgumentTypeError(f"give a number of dots per inch of at least {MIN_DPI}, not {text!r}")
    return value


def encoding(text: str) -> str:
    """The ``--encoding`` option: a codec Python knows (anything else is a usage error).

    Parameters
    ----------
    text : str
        The option's text as typed (a codec name or alias).

    Examples
    --------
    >>> encoding("cp1252")
    'cp1252'
    >>> encoding("latin-9x")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: unknown encoding 'latin-9x'; e.g. utf-8, cp1252 (Windows), latin-1
    """
    import argparse
    import codecs

    try:
        codecs.lookup(text)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise argparse.ArgumentTypeError(f"unknown encoding {text!r}; e.g. utf-8, cp1252 (Windows), latin-1") from None
    return text


def picture_target(output: str) -> tuple[str, str]:
    """The file a picture is written to and its format, from the ``-o`` the user gave.

    The suffix gives the format; a name without one gets ``.png`` (and the
    command reports the name it wrote). A directory, an unknown suffix and a
    missing parent directory are refused before anything is drawn.

    Parameters
    ----------
    output : str
        The ``-o`` option.

    Returns
    -------
    tuple of (str, str)
        The path to write and the format (a member of :data:`PICTURE_FORMATS`).

    Raises
    ------
    CommandLineError
        If the picture cannot be written there.

    Examples
    --------
    >>> picture_target("docs/Chart.SVG")
    ('docs/Chart.SVG', 'svg')
    >>> picture_target("chart.xyz")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orggraph.cli_files.CommandLineError: cannot write chart.xyz: '.xyz' is not a picture format; name the file ...
    """
    _check_output(output)
    suffix = os.path.splitext(os.path.basename(output))[1]
    if not suffix:
        output += "." + PICTURE_FORMATS[0]
        _check_output(output)
        return output, PICTURE_FORMATS[0]
    fmt = suffix[1:].lower()
    if fmt not in PICTURE_FORMATS:
        choices = ", ".join("." + f for f in PICTURE_FORMATS)
        raise CommandLineError(f"cannot write {output}: {suffix!r} is not a picture format; name the file {choices}")
    return output, fmt


def save_picture(picture: Figure, path: str, fmt: str, dots_per_inch: float) -> None:
    """Write a picture, refusing a raster size that would exhaust memory and naming the file in any error.

    Parameters
    ----------
    picture : matplotlib.figure.Figure
        The drawing.
    path, fmt : str
        From :func:`picture_target`.
    dots_per_inch : float
        The resolution of a raster format (PNG, JPEG, ...).

    Raises
    ------
    CommandLineError
        If the raster picture would have more than :data:`MAX_PIXELS` pixels
        (the message gives the largest ``--dpi`` that fits), or the file cannot
        be written.

    Examples
    --------
    >>> from orggraph.render.picture import Picture
    >>> save_picture(Picture(720, 360), "big.png", "png", 1e6)
    Traceback (most recent call last):
    ...
    orggraph.cli_files.CommandLineError: cannot write big.png: at --dpi 1000000 it would be 10000000 × 5000000 pixels;
    give --dpi 1414 or less
    """
    width, height = (float(side) for side in picture.get_size_inches())
    if fmt not in _VECTOR_FORMATS:
        largest = min(_MAX_SIDE / max(width, height), math.sqrt(MAX_PIXELS / (width * height)))
        if dots_per_inch > largest:
            size = f"{round(width * dots_per_inch)} × {round(height * dots_per_inch)}"
            raise CommandLineError(
                f"cannot write {path}: at --dpi {dots_per_inch:.10g} it would be {size} pixels; "
                f"give --dpi {math.floor(largest)} or less"
            )
    try:
        picture.savefig(path, format=fmt, dpi=dots_per_inch)
    except OSError as error:
        raise CommandLineError(f"cannot write {path}: {_reason(error)}") from None
    except RuntimeError as error:  # matplotlib's renderers (FreeType, Agg) report what they cannot draw so
        raise CommandLineError(f"cannot draw {path} at --dpi {dots_per_inch:.10g}: {error}") from None
