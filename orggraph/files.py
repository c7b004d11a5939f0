"""Reading input files whole, and pipes or devices (``/dev/zero``) only so far: they may never end.

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"
>>> _ = path.write_text("a: 1", encoding="utf-8")
>>> read_bounded(path, 10)
b'a: 1'
"""

from __future__ import annotations

import os
import stat

from orggraph.errors import Problem

__all__ = ["MAX_STREAM_BYTES", "read_bounded", "stream_problem"]

MAX_STREAM_BYTES = 256 * 1024 * 1024
"""How much of a pipe or device the readers take before they refuse it (a regular file is read whole)."""


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes | None:
    """The bytes of a file; of a pipe or device at most ``limit``, or None when it gives more.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    limit : int
        The most bytes to take from something that is not a regular file.

    Returns
    -------
    bytes or None
        The content, or None for a stream longer than ``limit``.

    Raises
    ------
    OSError
        As :func:`open` and reading raise it.

    Examples
    --------
    >>> read_bounded("/dev/zero", 1024) is None
    True
    """
    with open(path, "rb") as handle:
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return handle.read()
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def stream_problem(file: str, limit: int, suggestion: str) -> Problem:
    """The problem of a pipe or device that gives more than ``limit`` bytes.

    Parameters
    ----------
    file : str
        Its name.
    limit : int
        The bytes that were read.
    suggestion : str
        What to give instead.

    Returns
    -------
    Problem

    Examples
    --------
    >>> print(stream_problem("/dev/zero", 1024, "give a data file"))
    /dev/zero: not a file but a stream of more than 1 024 bytes (give a data file)
    """
    message = f"not a file but a stream of more than {limit:_} bytes".replace("_", " ")
    return Problem(file, 0, 0, "", message, suggestion)
