"""Giving the memory a large import freed back to the operating system.

Reading a million-row export allocates and frees rows, cells and indexes
while the organisation's graph grows among them. Python hands freed small
objects back to its own allocator and large ones to the C library's
``malloc``, which on Linux (glibc) keeps freed memory for reuse: the
process stays larger than what the organisation holds. :func:`release_freed_memory`
asks glibc to return it (``malloc_trim``); elsewhere it does nothing. The
CSV importer calls it after a large import; it takes milliseconds.

Examples
--------
>>> release_freed_memory() in (True, False)
True
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache

__all__ = ["release_freed_memory"]


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """The C library's ``malloc_trim`` (glibc), or None where there is none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_freed_memory() -> bool:
    """Return the memory the C library keeps after frees to the operating system, where it can.

    Returns
    -------
    bool
        Whether memory was returned (False where the C library has no
        ``malloc_trim``, or nothing was kept).

    Examples
    --------
    >>> data = [bytes(100_000) for _ in range(100)]
    >>> del data
    >>> isinstance(release_freed_memory(), bool)
    True
    """
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False
