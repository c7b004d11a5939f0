"""Pausing Python's garbage collector while orggraph builds large structures.

Loading, graph building, importing and laying out allocate hundreds of
thousands of containers that all stay alive; every collection their
allocation triggers walks them in vain (at 100 000 posts, collections took
three quarters of the graph build and more than two thirds of a YAML load).
orggraph makes no reference cycles while building, so pausing loses nothing.

This module is the one place that touches the collector: the YAML loader
(:mod:`orggraph.loading`), the graph build (:mod:`orggraph.graph`), the
table and organogram importers, post matching (:mod:`orggraph.matching`), the index
of the reporting structure (:mod:`orggraph.hierarchy`)
and the tree layout pause it through :func:`gc_paused`.

Examples
--------
>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the garbage collector for the ``with`` block, if it runs; restore it after.

    A collector the caller had switched off stays off.

    Examples
    --------
    >>> import gc
    >>> gc.disable()
    >>> with gc_paused():
    ...     pass
    >>> gc.isenabled()
    False
    >>> gc.enable()
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
