"""Results derived once per organisation: an :class:`~orggraph.Org` never changes, so they keep.

Examples
--------
>>> import orggraph
>>> calls = []
>>> @per_org
... def posts(org):
...     calls.append(org)
...     return len(org.nodes("post"))
>>> org = orggraph.example()
>>> posts(org) == posts(org), len(calls)
(True, 1)
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["per_org"]

T = TypeVar("T")


class per_org(Generic[T]):  # noqa: N801 - used as a decorator, named like one
    """``build`` made once per organisation and dropped with it.

    The result is kept by the organisation's identity beside a weak
    reference to it, so a later organisation that reuses a freed id gets its
    own result, and nothing keeps an organisation alive. ``len()`` is the
    number of organisations whose result is kept.

    Parameters
    ----------
    build : callable
        Derives something from an organisation.

    Examples
    --------
    >>> import gc, orggraph
    >>> size = per_org(lambda org: org.graph.number_of_nodes())
    >>> org = orggraph.example()
    >>> size(org) > 5, len(size)
    (True, 1)
    >>> del org; _ = gc.collect()
    >>> len(size)
    0
    """

    def __init__(self, build: Callable[[Org], T]) -> None:
        self._build = build
        self._cache: dict[int, tuple[weakref.ref[Org], T]] = {}
        functools.update_wrapper(self, build)

    def __call__(self, org: Org) -> T:
        """The result for ``org``, made on the first call."""
        key = id(org)
        hit = self._cache.get(key)
        if hit is not None and hit[0]() is org:
            return hit[1]
        value = self._build(org)
        self._cache[key] = (weakref.ref(org, functools.partial(self._forget, key)), value)
        return value

    def __len__(self) -> int:
        return len(self._cache)

    def _forget(self, key: int, ref: weakref.ref[Org]) -> None:
        entry = self._cache.get(key)
        if entry is not None and entry[0] is ref:
            del self._cache[key]
