"""An importer's output made into a document or organisation, with any error told in the input's terms.

An importer builds plain data (``{"posts": [...], ...}``) from its input;
:func:`validated` and :func:`built` validate it like a file, and if the
importer got something wrong, the error names the input's line (through a
:data:`Place` function) and asks for a bug report, never showing a path in
data the user did not write. Shared by the CSV, organogram and Popolo
importers.

Examples
--------
>>> built({"organisation": {"id": "x", "name": "X"}, "posts": [{"id": "a", "name": "A"}]}, file="x.csv").nodes("post")
['a']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from orggraph.errors import OrgDataError, Problem
from orggraph.schema import Document

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["Place", "built", "validated"]

_BUILT_ITEM = re.compile(r"[a-z_]+\[\d+\]")

Place = Callable[[str], tuple[str | None, int, str]]
"""Where an item of importer-built data (``posts[3]``) is in the input: (file or None for the main
file, line or 0, the item's path in the input or words that name it)."""


def _located(error: OrgDataError, file: str, place: Place | None) -> OrgDataError:
    """An error about importer-built data, told in the input's terms: no path the user did not write."""
    problems = []
    for problem in error.problems:
        match = _BUILT_ITEM.match(problem.path.lstrip("."))
        found, line, where = place(match.group(0)) if place is not None and match else (None, 0, "")
        message = f"orggraph built invalid data from this input ({problem.message}); please report it as a bug"
        problems.append(Problem(found or file, line, 0, where, message))
    return OrgDataError(problems)


def validated(data: Mapping[str, Any], *, file: str, place: Place | None = None) -> Document:
    """The document of importer-built data (an importer bug shows as an OrgDataError, never another error).

    ``place`` tells where an item of ``data`` came from in the input, so that
    a message names the input's line or path, never the built data's.

    Parameters
    ----------
    data : mapping
        The document the importer built, as plain Python data.
    file : str
        The input file's name, for messages.
    place : callable, optional
        Where an item of ``data`` (``"posts[3]"``) is in the input: returns
        (file or None for ``file``, line or 0, the item's path in the input or
        words that name it); see :data:`Place`.

    Examples
    --------
    >>> validated({"organisation": {"id": "x", "name": "X"}}, file="x.csv").organisation.name
    'X'
    >>> validated({"organisation": {"id": "x", "name": "X"}, "posts": [{"id": "a"}]}, file="x.csv",
    ...           place=lambda path: (None, 7, ""))
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      x.csv:7:0: orggraph built invalid data from this input (Field required); please report it as a bug
    """
    try:
        return Document.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(file, 0, 0, "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in item["loc"]), item["msg"])
            for item in error.errors(include_url=False)
        ]
        raise _located(OrgDataError(problems), file, place) from None


def built(data: Mapping[str, Any], *, file: str, place: Place | None = None) -> Org:
    """The organisation of importer-built data, validated and checked like a file (see :func:`validated`).

    Parameters
    ----------
    data : mapping
        The document the importer built, as plain Python data.
    file : str
        The input file's name, for messages.
    place : callable, optional
        Where an item of ``data`` is in the input (see :func:`validated`).

    Examples
    --------
    >>> built({"organisation": {"id": "x", "name": "X"}, "posts": [{"id": "a", "name": "A", "reports_to": "b"}]},
    ...       file="x.csv", place=lambda path: (None, 3, "post 'a'"))
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      x.csv:3:0: post 'a': orggraph built invalid data from this input (unknown post 'b'); please report it as a bug
    """
    from orggraph.org import from_dict

    try:
        return from_dict(data, name=file)
    except OrgDataError as error:
        raise _located(error, file, place) from None
