"""Finding nodes by id, name or alias: the search index behind :meth:`Org.find`.

Every id, name and alias is folded with :func:`orggraph.text.fold` (case,
accents and the Danish spellings ø = o = oe, æ = ae, å = a = aa unified). A
search returns, each group in graph order:

1. the nodes with a folded text equal to the query;
2. then the nodes with a text whose first occurrence of the query starts a word;
3. then the nodes with a text that contains the query elsewhere.

The index is built in one pass the first time it is needed and answers in
time that grows with the number of matches, not with the organisation:

- an exact match is a dict lookup;
- the distinct folded texts (only the characters ``0-9``, ``a-z`` and the
  space remain after folding) are joined, one a line, and every position of
  that text is filed under the three characters that start there (a trigram,
  ``38 ** 3`` codes, sorted with numpy's radix sort). A query's occurrences are
  the positions filed under its rarest trigram, checked character by character
  with numpy; queries of one or two characters read a contiguous range of
  codes. No suffix array is needed.

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> find(org, "director")
['cfo', 'coo']
>>> find(org, "Åkande", kind="post")
[]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import count
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import numpy.typing as npt

from orggraph.errors import UnknownNodeError
from orggraph.graph import NODE_KINDS
from orggraph.text import fold

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["SearchIndex", "find", "fold_all"]

_Ints = npt.NDArray[np.int64]

_SEPARATOR = "\x00"  # a stable code point: it never composes, decomposes, folds or joins a digraph
_DANISH = (("ø", "o"), ("æ", "ae"), ("å", "a"), ("ö", "o"), ("ä", "ae"), ("ß", "ss"), ("đ", "d"), ("ł", "l"))
_DIGRAPHS = (("aa", "a"), ("oe", "o"))
_NON_WORD = re.compile(r"[^0-9a-z\x00]+")

# Folded texts hold only 0-9, a-z and the space; the line separator and padding get code 37.
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz "
_BASE = len(_ALPHABET) + 1
_OTHER = len(_ALPHABET)
_SPACE = _ALPHABET.index(" ")
_CODES = np.full(256, _OTHER, dtype=np.uint16)
_CODES[np.frombuffer(_ALPHABET.encode("ascii"), dtype=np.uint8)] = np.arange(len(_ALPHABET), dtype=np.uint16)
_KIND_CODES = {kind: code for code, kind in enumerate(NODE_KINDS)}


def fold_all(texts: Sequence[str]) -> list[str]:
    """:func:`orggraph.text.fold` of each text, computed in a few passes over all of them at once.

    The texts are joined with a NUL character, which no step of the folding
    changes or merges with a neighbour, folded as one string and split again:
    a handful of C-level passes instead of one Python call per text. Texts that
    contain a NUL are folded one by one.

    Parameters
    ----------
    texts : sequence of str
        Any texts.

    Returns
    -------
    list of str
        ``[fold(t) for t in texts]``.

    Examples
    --------
    >>> fold_all(["Direktør", "  Budget- og regnskabsgruppen ", "Århus"])
    ['direktor', 'budget og regnskabsgruppen', 'arhus']
    """
    if not texts:
        return []
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:
        return [fold(text) for text in texts]
    lowered = unicodedata.normalize("NFC", joined).casefold()
    # fold's translate table as replacements: no replacement contains a letter replaced later
    for letter, spelling in _DANISH:
        if letter in lowered:
            lowered = lowered.replace(letter, spelling)
    stripped = unicodedata.normalize("NFKD", lowered)
    if not stripped.isascii():
        marks = sorted(ch for ch in set(stripped) if unicodedata.combining(ch))
        if marks:
            stripped = re.sub("[" + "".join(re.escape(ch) for ch in marks) + "]", "", stripped)
    for digraph, single in _DIGRAPHS:
        stripped = stripped.replace(digraph, single)
    return [piece.strip() for piece in _NON_WORD.sub(" ", stripped).split(_SEPARATOR)]


def _distinct(ordered: _Ints) -> _Ints:
    """The distinct values of a sorted array (``np.unique`` hashes first: slower here)."""
    if ordered.size < 2:
        return ordered
    keep = np.ones(ordered.size, dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


class SearchIndex:
    """The folded ids, names and aliases of a graph's nodes, indexed for :func:`find`.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        An organisation graph (:func:`orggraph.graph.build_graph`).

    Examples
    --------
    >>> import orggraph
    >>> index = SearchIndex(orggraph.example().graph)
    >>> index.exactly("coo"), index.exactly("operations")
    (['coo'], ['operations'])
    >>> index.search("operations")
    ['operations', 'coo', 'ops-huddle']
    >>> index.search("operations", kind="post")
    ['coo']
    """

    __slots__ = (
        "_codes",
        "_first_of",
        "_key_number",
        "_key_starts",
        "_kinds",
        "_nodes",
        "_offsets",
        "_owner_offsets",
        "_owners",
        "_postings",
    )

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        nodes = list(graph)
        every = [attrs for _, attrs in graph.nodes(data=True)]
        kinds = [_KIND_CODES.get(attrs.get("kind", ""), -1) for attrs in every]
        names = [attrs.get("name") or "" for attrs in every]
        aliases = [(position, alias) for position, attrs in enumerate(every) for alias in attrs.get("aliases", ())]
        # ids are distinct already; fold each distinct name or alias once (names repeat: "Pædagog")
        others = list(dict.fromkeys([*names, *(alias for _, alias in aliases)]))
        other_ids = dict(zip(others, range(len(nodes), len(nodes) + len(others)), strict=True))
        folded = fold_all(nodes) + fold_all(others)  # text i is nodes[i], then others
        # one hashing pass: each folded text's first position; the distinct texts numbered by it (np.unique)
        first_of: dict[str, int] = {}
        firsts = np.fromiter(map(first_of.setdefault, folded, count()), dtype=np.int64, count=len(folded))
        distinct, key_of_text = np.unique(firsts, return_inverse=True)
        key_number = np.zeros(max(len(folded), 1), dtype=np.int64)
        key_number[distinct] = np.arange(distinct.size, dtype=np.int64)
        everyone = np.arange(len(nodes), dtype=np.int64)
        text_of_pair = np.concatenate(
            (
                everyone,
                np.fromiter(map(other_ids.__getitem__, names), dtype=np.int64, count=len(names)),
                np.array([other_ids[alias] for _, alias in aliases], dtype=np.int64),
            )
        )
        pair_keys = key_of_text[text_of_pair]
        pair_nodes = np.concatenate((everyone, everyone, np.array([p for p, _ in aliases], dtype=np.int64)))
        keys = list(map(folded.__getitem__, distinct.tolist()))  # in id order; "" (if any) keeps its empty line
        first_of.pop("", None)  # a missing name, or a text of punctuation only: it matches nothing
        self._nodes = np.array(nodes, dtype=object)
        self._kinds = np.array(kinds, dtype=np.int8)
        self._first_of = first_of
        self._key_number = key_number

        # key -> the positions of the nodes that have it, ascending (graph order), each once
        span = max(len(nodes), 1)
        pairs = _distinct(np.sort(pair_keys * span + pair_nodes))
        keys_sorted = pairs // span
        self._owners = (pairs % span).astype(np.int32)
        self._owner_offsets = np.searchsorted(keys_sorted, np.arange(len(keys) + 1)).astype(np.int64)

        # the distinct keys, one a line, in id order
        text = "\n".join(keys).encode("ascii")
        raw = np.frombuffer(text, dtype=np.uint8)
        self._key_starts = np.concatenate(([0], np.flatnonzero(raw == ord("\n")) + 1)).astype(np.int64)
        codes = np.full(len(text) + 2, _OTHER, dtype=np.uint16)
        codes[: len(text)] = _CODES[raw]
        self._codes = codes
        trigrams = codes[:-2] * (_BASE * _BASE) + codes[1:-1] * _BASE + codes[2:]
        self._postings = np.argsort(trigrams, kind="stable").astype(np.int32)
        self._offsets = np.concatenate(([0], np.cumsum(np.bincount(trigrams, minlength=_BASE**3)))).astype(np.int64)

    def _owners_of(self, key_ids: _Ints) -> _Ints:
        """The node positions that own any of ``key_ids``, ascending, each once."""
        starts = self._owner_offsets[key_ids]
        lengths = self._owner_offsets[key_ids + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        run_firsts = np.cumsum(lengths) - lengths
        index = np.arange(total, dtype=np.int64) + np.repeat(starts - run_firsts, lengths)
        return _distinct(np.sort(self._owners[index].astype(np.int64)))

    def _occurrences(self, key: str) -> _Ints:
        """Every position of ``key`` in the joined keys, ascending."""
        if not key.isascii():
            return np.zeros(0, dtype=np.int64)
        wanted = _CODES[np.frombuffer(key.encode("ascii"), dtype=np.uint8)].astype(np.int64)
        if (wanted == _OTHER).any():
            return np.zeros(0, dtype=np.int64)
        offsets, length = self._offsets, len(wanted)
        if length < 3:
            low = int(wanted[0]) * _BASE * _BASE + (int(wanted[1]) * _BASE if length == 2 else 0)
            high = low + (_BASE if length == 2 else _BASE * _BASE)
            return np.sort(self._postings[offsets[low] : offsets[high]].astype(np.int64))
        trigrams = wanted[:-2] * (_BASE * _BASE) + wanted[1:-1] * _BASE + wanted[2:]
        sizes = offsets[trigrams + 1] - offsets[trigrams]
        at = int(np.argmin(sizes))
        code = trigrams[at]
        found = self._postings[offsets[code] : offsets[code + 1]].astype(np.int64) - at
        found = found[(found >= 0) & (found + length <= len(self._codes) - 2)]
        codes = self._codes
        for offset in range(length):
            if found.size == 0:
                break
            if not at <= offset < at + 3:
                found = found[codes[found + offset] == wanted[offset]]
        return found

    def exactly(self, key: str, kind: str | None = None) -> list[str]:
        """Nodes with the folded ``key`` as their folded id, name or alias, in graph order.

        Parameters
        ----------
        key : str
            A folded text (:func:`orggraph.text.fold`).
        kind : str, optional
            Only nodes of this kind.

        Returns
        -------
        list of str
        """
        key_id = self._key_id(key)
        if key_id is None:
            return []
        found = self._owners[self._owner_offsets[key_id] : self._owner_offsets[key_id + 1]]
        return self._ids(found, kind)

    def _key_id(self, key: str) -> int | None:
        """The number of a folded text among the distinct ones, or None when no node has it."""
        first = self._first_of.get(key)
        return None if first is None else int(self._key_number[first])

    def _ids(self, positions: npt.NDArray[np.integer], kind: str | None) -> list[str]:
        if kind is not None:
            positions = positions[self._kinds[positions] == _KIND_CODES.get(kind, -2)]
        return list(self._nodes[positions].tolist())

    def search(self, key: str, kind: str | None = None) -> list[str]:
        """Exact matches, then texts with the key first at the start of a word, then texts containing it.

        Parameters
        ----------
        key : str
            A folded, non-empty text (:func:`orggraph.text.fold`).
        kind : str, optional
            Only nodes of this kind.

        Returns
        -------
        list of str
            Node ids; each group in graph order.
        """
        key_id = self._key_id(key)
        none = np.zeros(0, dtype=np.int64)
        exact = none
        if key_id is not None:
            exact = self._owners[self._owner_offsets[key_id] : self._owner_offsets[key_id + 1]].astype(np.int64)
        found = self._occurrences(key)
        if found.size == 0:
            return self._ids(exact, kind)
        lines = np.searchsorted(self._key_starts, found, side="right") - 1
        first = np.ones(found.size, dtype=bool)
        first[1:] = lines[1:] != lines[:-1]  # a text counts where the key first occurs in it
        found, lines = found[first], lines[first]
        at_word = (found == self._key_starts[lines]) | (self._codes[found - 1] == _SPACE)
        prefix = np.setdiff1d(self._owners_of(lines[at_word]), exact, assume_unique=True)
        inner = np.setdiff1d(self._owners_of(lines[~at_word]), exact, assume_unique=True)
        inner = np.setdiff1d(inner, prefix, assume_unique=True)
        return self._ids(np.concatenate((exact, prefix, inner)), kind)


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in NODE_KINDS:
        raise UnknownNodeError(f"unknown node kind {kind!r}; valid kinds: {', '.join(NODE_KINDS)}")


def find(org: Org, text: str, *, kind: str | None = None) -> list[str]:
    """Ids of nodes whose id, name or alias matches ``text``; exact matches first.

    See :meth:`orggraph.Org.find`. The index is built on the first call and
    kept with the organisation.

    Parameters
    ----------
    org : Org
        The organisation.
    text : str
        What to look for; folded with :func:`orggraph.text.fold`.
    kind : str, optional
        Only nodes of this kind (post, unit, group, forum, topic, ...).

    Returns
    -------
    list of str
        Exact matches, then nodes with a text where the query first occurs at
        the start of a word, then the others that contain it; each group in
        graph order. Empty when nothing matches or ``text`` folds to nothing.

    Raises
    ------
    UnknownNodeError
        If ``kind`` is not a node kind.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> find(org, "administrerende direktor")
    ['ceo']
    >>> find(org, "zz", kind="planet")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orggraph.errors.UnknownNodeError: unknown node kind 'planet'; valid kinds: post, unit, ...
    """
    _check_kind(kind)
    key = fold(text)
    if not key:
        return []
    return org._search_index.search(key, kind)


def find_exactly(org: Org, text: str, *, kind: str | None = None) -> list[str]:
    """Ids of nodes whose folded id, name or alias equals the folded ``text``, in graph order.

    Parameters
    ----------
    org : Org
        The organisation.
    text : str
        The text; folded with :func:`orggraph.text.fold`.
    kind : str, optional
        Only nodes of this kind.

    Returns
    -------
    list of str

    Examples
    --------
    >>> import orggraph
    >>> find_exactly(orggraph.example(), "Operations Director")
    ['coo']
    """
    _check_kind(kind)
    return org._search_index.exactly(fold(text), kind)
