"""Finding nodes by id, name or alias: the search index behind :meth:`Org.find`.

Every id, name and alias is folded with :func:`orggraph.text.fold` (case,
accents and the Danish spellings ø = o = oe, æ = ae, å = a = aa unified). A
search returns, each group in graph order:

1. the nodes with a folded text equal to the query;
2. then the nodes with a text whose first occurrence of the query starts a word;
3. then the nodes with a text that contains the query elsewhere.

The index is built in one pass the first time it is needed and answers in
time that grows with the number of matches, not with the organisation. It
holds no dict or set keyed by text or id, only a few flat arrays, so building
it at a million posts is a handful of sequential passes rather than millions
of scattered hash-table writes:

- the folded texts (only the characters ``0-9``, ``a-z`` and the space remain
  after folding) form one ASCII text, each after a NUL: every node's id (line
  ``i`` is node ``i``), then every name (line ``n + i``), then the aliases (an
  array gives their nodes). A text that repeats is a line that repeats;
- every position of that text is filed under the three characters that start
  there (a trigram, ``38 ** 3`` codes, the NUL being one, sorted with numpy's
  radix sort). A query's occurrences are the positions filed under its rarest
  trigram, checked eight bytes at a time with numpy; queries of one or two
  characters read a contiguous range of codes. No suffix array is needed;
- an exact match is an occurrence of the key between two NULs, a word start
  one after a NUL or a space; a node ranks by its best text.

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
_WORD_BYTES = bytes(byte if chr(byte) in "0123456789abcdefghijklmnopqrstuvwxyz\x00" else 32 for byte in range(256))
_SPACES = re.compile(b"  +")

# Folded texts hold only 0-9, a-z and the space; the line separator and padding get code 37.
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz "
_BASE = len(_ALPHABET) + 1
_OTHER = len(_ALPHABET)
_ALPHABET_BYTES = _ALPHABET.encode("ascii")
_SPACE_BYTE = ord(" ")
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
    return _folded_lines(texts).decode("ascii").split(_SEPARATOR)


def _folded_lines(texts: Sequence[str]) -> bytes:
    """The folded texts as ASCII, separated by NUL bytes: what :func:`fold_all` splits."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:
        return _SEPARATOR.join([fold(text) for text in texts]).encode("ascii")
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
    # every character but 0-9, a-z and the separator becomes a space (one "?" per character beyond ASCII),
    # then runs of spaces one space and no space next to a separator or at either end: fold's sub and strip
    words = stripped.encode("ascii", "replace").translate(_WORD_BYTES)
    if b"  " in words:
        words = _SPACES.sub(b" ", words)
    return words.replace(b" \x00", b"\x00").replace(b"\x00 ", b"\x00").strip(b" ")


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

    __slots__ = ("_alias_owners", "_kinds", "_line_starts", "_nodes", "_offsets", "_postings", "_text", "_words")

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        nodes = list(graph)
        every = [attrs for _, attrs in graph.nodes(data=True)]
        kinds = [_KIND_CODES.get(attrs.get("kind", ""), -1) for attrs in every]
        names = [attrs.get("name") or "" for attrs in every]
        aliases = [(position, alias) for position, attrs in enumerate(every) for alias in attrs.get("aliases", ())]
        del every
        self._nodes = np.array(nodes, dtype=object)
        self._kinds = np.array(kinds, dtype=np.int8)
        self._alias_owners = np.array([position for position, _ in aliases], dtype=np.int64)
        # every text after a NUL: the ids (line i is node i), the names (line n + i is node i), then the
        # aliases; eight NULs of padding. No dict of distinct texts (a million-entry dict outgrows the
        # caches): a text that repeats is a line that repeats.
        folded = _folded_lines([*nodes, *names, *(alias for _, alias in aliases)])
        text = np.frombuffer(b"\x00" + folded + bytes(8), dtype=np.uint8)
        del folded
        self._text = text
        # the eight bytes from each position as one number (little-endian): a key is compared 8 bytes at a time
        self._words = np.ndarray((text.size - 7,), dtype=np.uint64, buffer=text, strides=(1,))
        self._line_starts = np.flatnonzero(text[:-8] == 0) + 1
        codes = _CODES[text[:-6]]  # uint16; the padding's code is the separator's
        trigrams = codes[:-2] * (_BASE * _BASE) + codes[1:-1] * _BASE + codes[2:]
        del codes
        self._postings = np.argsort(trigrams, kind="stable").astype(np.int32)
        self._offsets = np.concatenate(([0], np.cumsum(np.bincount(trigrams, minlength=_BASE**3)))).astype(np.int64)

    def _occurrences(self, key: bytes) -> _Ints:
        """Every position of ``key`` (folded ASCII, NUL for a line's edge) in the text, ascending."""
        offsets, length = self._offsets, len(key)
        wanted = _CODES[np.frombuffer(key, dtype=np.uint8)].astype(np.int64)
        if length < 3:  # every position filed under a trigram that starts with the key is an occurrence
            low = int(wanted[0]) * _BASE * _BASE + (int(wanted[1]) * _BASE if length == 2 else 0)
            high = low + (_BASE if length == 2 else _BASE * _BASE)
            return np.sort(self._postings[offsets[low] : offsets[high]].astype(np.int64))
        trigrams = wanted[:-2] * (_BASE * _BASE) + wanted[1:-1] * _BASE + wanted[2:]
        sizes = offsets[trigrams + 1] - offsets[trigrams]
        at = int(np.argmin(sizes))
        code = trigrams[at]
        found = self._postings[offsets[code] : offsets[code + 1]].astype(np.int64) - at
        found = found[(found >= 0) & (found + length <= self._words.size)]
        words = self._words
        for start in range(0, length, 8):
            if found.size == 0:
                break
            piece = key[start : start + 8]
            value = np.uint64(int.from_bytes(piece, "little"))
            if len(piece) == 8:
                found = found[words[found + start] == value]
            else:
                found = found[(words[found + start] & np.uint64((1 << (8 * len(piece))) - 1)) == value]
        return found

    @staticmethod
    def _encoded(key: str) -> bytes | None:
        """A folded key as ASCII; None when no text can contain it (a character that folding never leaves)."""
        if not key or not key.isascii():
            return None
        encoded = key.encode("ascii")
        return None if encoded.translate(None, _ALPHABET_BYTES) else encoded

    def _owners(self, lines: _Ints) -> _Ints:
        """The node position of each line: ids first, then names, then aliases."""
        size = self._nodes.size
        owners = lines - size * (lines >= size)
        aliased = lines >= 2 * size
        if aliased.any():
            owners[aliased] = self._alias_owners[lines[aliased] - 2 * size]
        return owners

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
        encoded = self._encoded(key)
        if encoded is None:
            return []
        found = self._occurrences(b"\x00" + encoded + b"\x00")  # a whole line: the key between two NULs
        lines = np.searchsorted(self._line_starts, found + 1)
        return self._ids(_distinct(np.sort(self._owners(lines), kind="stable")), kind)

    def _ids(self, positions: npt.NDArray[np.integer], kind: str | None) -> list[str]:
        if kind is not None:
            positions = positions[self._kinds[positions] == _KIND_CODES.get(kind, -2)]
        ids: list[str] = self._nodes[positions].tolist()
        return ids

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
        encoded = self._encoded(key)
        if encoded is None:
            return []
        found = self._occurrences(encoded)
        if found.size == 0:
            return []
        starts, text = self._line_starts, self._text
        lines = np.searchsorted(starts, found, side="right") - 1
        first = np.ones(found.size, dtype=bool)
        first[1:] = lines[1:] != lines[:-1]  # a text counts where the key first occurs in it
        found, lines = found[first], lines[first]
        at_start = found == starts[lines]
        # 0: the whole text, 1: the key starts a word, 2: elsewhere; a node counts by its best text
        rank = np.full(found.size, 2, dtype=np.int64)
        rank[at_start | (text[found - 1] == _SPACE_BYTE)] = 1
        rank[at_start & (text[found + len(encoded)] == 0)] = 0
        ranked = np.sort(self._owners(lines) * 4 + rank, kind="stable")  # a few ascending runs: a merge
        best = np.ones(ranked.size, dtype=bool)
        best[1:] = (ranked[1:] >> 2) != (ranked[:-1] >> 2)
        ranked = ranked[best]
        order = np.argsort((ranked & 3).astype(np.int8), kind="stable")
        return self._ids(ranked[order] >> 2, kind)


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
