"""Giving the memory a large load has freed back to the operating system.

Loading a large file makes far more temporary objects (the parsed YAML, the
validated document) than the graph keeps. Python returns its own small-object
arenas once they are empty, but the C library's allocator keeps the freed
larger blocks (the validated models' dictionaries, say) for reuse, below the
blocks still in use, so they stay resident. :func:`release_free_memory` asks
glibc to return them (``malloc_trim``); where there is no glibc (macOS,
Windows, musl) it does nothing.

Measured after ``orggraph.load`` of the 100 000-post benchmark file
(``benchmarks/README.md``): about 0.9 KB a post returned, in about 10 ms.
:func:`orggraph.importers.read_csv` calls it after the rows of an HR export
(0.06 KB a post at a million rows, in 4 ms).

Examples
--------
>>> release_free_memory() in (True, False)
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable

__all__ = ["RELEASE_AFTER_BYTES", "release_free_memory"]

RELEASE_AFTER_BYTES = 1 << 20
"""Text this large (or larger) is worth releasing memory after; small loads skip it."""


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """The C library's ``malloc_trim`` (glibc), or None without it."""
    import ctypes  # only when a large load asks: ctypes is not needed otherwise

    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # no such symbol, or no C library to look in
        return None
    return trim


def release_free_memory() -> bool:
    """Return the memory the C allocator holds free to the operating system, where it can.

    Returns
    -------
    bool
        Whether memory could be released (glibc's ``malloc_trim`` reported some).

    Examples
    --------
    >>> release_free_memory() in (True, False)
    True
    """
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False
