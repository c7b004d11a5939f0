"""Progress bars on long work: imports, exports, series, big charts.

One helper for every module: :func:`progress` wraps an iterable, :func:`bar`
gives a bar to advance by hand. Both take ``enabled``:

=========  ==================================================================
enabled    the bar
=========  ==================================================================
False      never (the Python API's default: a library call stays quiet)
True       always, on stderr (``progress=True`` in Python)
None       only when stderr is a terminal, and only once the work has taken
           a second (the command line's default): quick commands, pipes,
           log files and CI see nothing
=========  ==================================================================

The bars are `tqdm <https://tqdm.github.io>`_'s: they redraw in place in
terminals and in Jupyter alike. A disabled bar costs nothing: :func:`progress`
then returns the iterable itself.

Examples
--------
>>> list(progress(range(3)))  # disabled by default: the iterable itself
[0, 1, 2]
>>> import io
>>> out = io.StringIO()
>>> total = sum(progress(range(1000), desc="rows", enabled=True, file=out))
>>> total, "rows: 100%" in out.getvalue()
(499500, True)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import IO, Any, TypeVar

from tqdm import tqdm

__all__ = ["DELAY", "bar", "progress", "showing"]

T = TypeVar("T")

DELAY = 1.0
"""Seconds of work before an automatic bar (``enabled=None``) shows."""


def showing(enabled: bool | None, file: IO[str] | None = None) -> bool:
    """Whether a bar with this ``enabled`` setting shows: True, False, or None for "stderr is a terminal".

    Parameters
    ----------
    enabled : bool or None
        True: show; False: do not; None: show when ``file`` is a terminal.
    file : file-like, optional
        Where the bar would be written; stderr by default.

    Examples
    --------
    >>> import io
    >>> showing(True), showing(False), showing(None, io.StringIO())
    (True, False, False)
    """
    if enabled is not None:
        return bool(enabled)
    stream = sys.stderr if file is None else file
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        return False


def bar(
    total: float | None = None,
    *,
    desc: str | None = None,
    unit: str = "it",
    enabled: bool | None = False,
    file: IO[str] | None = None,
) -> tqdm[Any]:
    """A progress bar to advance with ``.update(n)``; use it as a context manager.

    Parameters
    ----------
    total : float, optional
        The amount of work; None when unknown (the bar then counts).
    desc : str, optional
        What is being done, shown before the bar.
    unit : str, default "it"
        What is counted (``"row"``, ``"sheet"``).
    enabled : bool or None, default False
        See the module docstring.
    file : file-like, optional
        Where the bar is written; stderr by default.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with bar(3, desc="sheets", unit="sheet", enabled=True, file=out) as steps:
    ...     for _ in range(3):
    ...         steps.update(1)
    >>> "sheets: 100%" in out.getvalue(), "3/3" in out.getvalue()
    (True, True)
    >>> with bar(3, enabled=False) as steps:
    ...     steps.update(3)
    """
    show = showing(enabled, file)
    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        disable=not show,
        file=sys.stderr if file is None else file,
        delay=DELAY if enabled is None else 0.0,
        leave=True,
        dynamic_ncols=True,
    )


def progress(
    iterable: Iterable[T],
    *,
    total: float | None = None,
    desc: str | None = None,
    unit: str = "it",
    enabled: bool | None = False,
    file: IO[str] | None = None,
) -> Iterable[T]:
    """``iterable``, drawing a progress bar while it is consumed (see :func:`bar` for the parameters).

    ``total`` defaults to ``len(iterable)`` where it has one. When the bar
    does not show, the iterable itself is returned, so a disabled bar costs
    nothing per item.

    Parameters
    ----------
    iterable : iterable
        What to iterate over.
    total : float, optional
        The amount of work; by default ``len(iterable)`` where it has one,
        else unknown (the bar then counts).
    desc : str, optional
        What is being done, shown before the bar.
    unit : str, default "it"
        What is counted (``"row"``, ``"sheet"``).
    enabled : bool or None, default False
        True: show; False: do not; None: show when ``file`` is a terminal.
    file : file-like, optional
        Where the bar is written; stderr by default.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> [x * 2 for x in progress([1, 2], desc="posts", unit="post", enabled=True, file=out)]
    [2, 4]
    >>> "posts: 100%" in out.getvalue(), "2/2" in out.getvalue()
    (True, True)
    >>> out = io.StringIO()
    >>> _ = list(progress([1, 2], enabled=None, file=out))  # not a terminal: silent
    >>> out.getvalue()
    ''
    """
    if not showing(enabled, file):
        return iterable
    if total is None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr if file is None else file,
        delay=DELAY if enabled is None else 0.0,
        leave=True,
        dynamic_ncols=True,
    )
