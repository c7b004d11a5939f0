"""Pausing Python's garbage collector while orggraph builds large structures.

Loading, graph building, importing and laying out allocate hundreds of
thousands of containers that all stay alive; every collection their
allocation triggers walks them in vain (at 100 000 posts, collections took
three quarters of the graph build and more than two thirds of a YAML load).
orggraph makes no reference cycles while building, so pausing loses nothing.

When the collector comes back on, its youngest generation holds every
container made in the pause, and the next allocation would start a
collection that walks them all, then another when they move up a
generation: a second each for a million posts, finding nothing. After a
large pause (:data:`PROMOTE_AFTER` containers or more), :func:`gc_paused`
moves them to the oldest generation at once (``gc.freeze`` then
``gc.unfreeze``, two list splices), where surviving those two collections
would have put them. Whatever else was young at that moment moves with
them and is collected by the next full collection instead. A caller that
froze objects itself keeps them frozen: nothing moves then.

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

__all__ = ["PROMOTE_AFTER", "gc_paused"]

PROMOTE_AFTER = 100_000
"""The containers made during a pause from which :func:`gc_paused` moves them to the oldest generation at its end."""


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
            if gc.get_count()[0] >= PROMOTE_AFTER and not gc.get_freeze_count():
                gc.freeze()  # every tracked container to the permanent generation: a splice of lists ...
                gc.unfreeze()  # ... and back into the oldest generation, unexamined
            gc.enable()
