"""Matching the references an import names (managers, parents) to ids when only lost leading zeros or case differ.

Spreadsheets turn ``"0042"`` into ``42`` and people type ``ab12`` for
``AB12``; :func:`match_reference` finds the one id such a reference means.
:func:`find_cycles` finds the reporting cycles left to break. Shared by the
CSV importers (:mod:`orggraph.importers.table`,
:mod:`orggraph.importers.organogram`).

Examples
--------
>>> match_reference("42", key_index(["0042", "7"]))
('0042', 'leading zeros differ')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from orggraph.checks import functional_cycles

__all__ = ["find_cycles", "key_index", "match_reference", "reference_key"]

_FLOAT_ZEROS = re.compile(r"(\d+)\.0+")


def reference_key(reference: str) -> str:
    """A key under which references that differ only by lost leading zeros or case meet.

    Spreadsheets turn ``"0042"`` into ``42`` or ``42.0``, and people type
    ``ab12`` for ``AB12``.

    Parameters
    ----------
    reference : str
        A manager or post reference as the input gives it.

    Examples
    --------
    >>> reference_key("0042") == reference_key("42") == reference_key("42.0")
    True
    >>> reference_key("AB12") == reference_key("ab12"), reference_key("0")
    (True, '0')
    """
    key = reference.strip().casefold()
    match = _FLOAT_ZEROS.fullmatch(key)
    if match:
        key = match.group(1)
    return key.lstrip("0") or "0"


def _difference(wanted: str, found: str) -> str:
    if wanted.strip().casefold() == found.strip().casefold():
        return "case differs"
    if wanted.casefold().lstrip("0") == found.casefold().lstrip("0"):
        return "leading zeros differ"
    return "it is written as a decimal number"


def match_reference(reference: str, index: Mapping[str, Sequence[str]]) -> tuple[str | None, str]:
    """The one id ``reference`` means when only leading zeros or case differ, with how they differ.

    ``index`` maps :func:`reference_key` keys to ids. Returns ``(None, why)``
    when no id or several ids match.

    Parameters
    ----------
    reference : str
        A reference that matched no id exactly.
    index : mapping of str to sequence of str
        :func:`reference_key` keys to the ids with that key (see :func:`key_index`).

    Examples
    --------
    >>> index = {reference_key(r): [r] for r in ("0042", "AB1")}
    >>> match_reference("42", index), match_reference("ab1", index)
    (('0042', 'leading zeros differ'), ('AB1', 'case differs'))
    >>> match_reference("7", index)
    (None, 'no post has it')
    """
    candidates = index.get(reference_key(reference), ())
    if len(candidates) == 1:
        return candidates[0], _difference(reference, candidates[0])
    if not candidates:
        return None, "no post has it"
    return None, "it could be " + " or ".join(repr(c) for c in candidates[:5])


def key_index(ids: Iterable[str]) -> dict[str, list[str]]:
    """:func:`reference_key` -> the ids with that key, for :func:`match_reference`.

    Parameters
    ----------
    ids : iterable of str
        The ids to index (the posts' ids).

    Examples
    --------
    >>> key_index(["01", "1", "B"])
    {'1': ['01', '1'], 'b': ['B']}
    """
    index: dict[str, list[str]] = {}
    for ident in ids:
        index.setdefault(reference_key(ident), []).append(ident)
    return index


def find_cycles(manager: Mapping[str, str], order: Iterable[str]) -> list[list[str]]:
    """The cycles of a reporting structure where each post has at most one manager.

    Each cycle is listed from its post that comes first in ``order`` (which
    holds every post); cycles come in that order too. Linear in the number
    of posts.

    Parameters
    ----------
    manager : mapping of str to str
        Each post's manager (posts without one are left out).
    order : iterable of str
        Every post, in the order cycles are listed from.

    Examples
    --------
    >>> find_cycles({"a": "b", "b": "c", "c": "b", "d": "d", "e": "a"}, "abcde")
    [['b', 'c'], ['d']]
    """
    return functional_cycles(manager, lambda: {post: number for number, post in enumerate(order)})
