"""The search and hierarchy indexes give exactly what their earlier, heavier versions gave.

``FrozenSearchIndex`` and ``FrozenHierarchy`` below are verbatim copies (docstrings
dropped) of ``orggraph.search.SearchIndex`` and ``orggraph.hierarchy.Hierarchy`` as
they were before they were rebuilt to touch less memory per post (issue 18: fewer
dicts keyed by id, one pass instead of several). The property tests build random
graphs with awkward names (accents, æøå, punctuation only, empty, missing,
duplicated), several or cyclic reporting lines, candidates and bodies, and require
every answer, order included, to be the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from itertools import count
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.gc_pause import gc_paused
from orggraph.graph import NODE_KINDS
from orggraph.hierarchy import Hierarchy, hierarchy
from orggraph.search import SearchIndex, fold_all
from orggraph.text import fold

_Ints = npt.NDArray[np.int64]
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz "
_BASE = len(_ALPHABET) + 1
_OTHER = len(_ALPHABET)
_SPACE = _ALPHABET.index(" ")
_CODES = np.full(256, _OTHER, dtype=np.uint16)
_CODES[np.frombuffer(_ALPHABET.encode("ascii"), dtype=np.uint8)] = np.arange(len(_ALPHABET), dtype=np.uint16)
_KIND_CODES = {kind: code for code, kind in enumerate(NODE_KINDS)}
_SECONDARY = frozenset({"dotted", "accountable_to", "advises", "candidate_manager"})


def _distinct(ordered: _Ints) -> _Ints:
    if ordered.size < 2:
        return ordered
    keep = np.ones(ordered.size, dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


class FrozenSearchIndex:
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
        starts = self._owner_offsets[key_ids]
        lengths = self._owner_offsets[key_ids + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        run_firsts = np.cumsum(lengths) - lengths
        index = np.arange(total, dtype=np.int64) + np.repeat(starts - run_firsts, lengths)
        return _distinct(np.sort(self._owners[index].astype(np.int64)))

    def _occurrences(self, key: str) -> _Ints:
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
        key_id = self._key_id(key)
        if key_id is None:
            return []
        found = self._owners[self._owner_offsets[key_id] : self._owner_offsets[key_id + 1]]
        return self._ids(found, kind)

    def _key_id(self, key: str) -> int | None:
        first = self._first_of.get(key)
        return None if first is None else int(self._key_number[first])

    def _ids(self, positions: npt.NDArray[np.integer], kind: str | None) -> list[str]:
        if kind is not None:
            positions = positions[self._kinds[positions] == _KIND_CODES.get(kind, -2)]
        return list(self._nodes[positions].tolist())

    def search(self, key: str, kind: str | None = None) -> list[str]:
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


class FrozenHierarchy:
    """``orggraph.hierarchy.Hierarchy`` as it was before its build and chain walk were made lighter."""

    def __init__(
        self,
        posts: list[str],
        lines: Iterable[tuple[str, str]],
        candidate_lines: Iterable[tuple[str, str]],
        secondary: Iterable[tuple[str, str, str]] = (),
    ) -> None:
        self.posts = posts
        self.secondary = list(secondary)
        lines = list(lines)
        self.managers: dict[str, str] = dict(lines)  # the last line of a post wins, at the place of its first
        self.several: dict[str, list[str]] = {}
        if len(self.managers) < len(lines):  # a post with several lines: keep them all
            every: dict[str, list[str]] = {}
            for post, manager in lines:
                every.setdefault(post, []).append(manager)
            self.several = {post: found for post, found in every.items() if len(found) > 1}
        candidates: dict[str, list[str]] = {}
        self.candidate_reports: dict[str, list[str]] = {}
        for post, candidate in candidate_lines:
            candidates.setdefault(post, []).append(candidate)
            self.candidate_reports.setdefault(candidate, []).append(post)
        self.candidates: dict[str, tuple[str, ...]] = {post: tuple(c) for post, c in candidates.items()}
        self._certain: dict[str, list[str]] = {}

    @cached_property
    def reports(self) -> dict[str, list[str]]:
        reports: dict[str, list[str]] = {}
        mine = reports.get
        with gc_paused():  # a list per manager: the collector would walk the whole graph again and again
            for post, manager in self.managers.items():
                listed = mine(manager)
                if listed is None:
                    reports[manager] = [post]
                else:
                    listed.append(post)
        return reports

    @classmethod
    def of_graph(cls, G: nx.MultiDiGraph, posts: list[str] | None = None) -> FrozenHierarchy:
        with gc_paused():  # a tuple per line: the collector would walk the whole graph again and again
            if posts is None:
                posts = [node for node, data in G.nodes(data=True) if data.get("kind") == "post"]
            lines: list[tuple[str, str]] = []
            candidate_lines: list[tuple[str, str]] = []
            secondary: list[tuple[str, str, str]] = []
            wanted = _SECONDARY.isdisjoint
            # the successors of each node, keyed by edge kind: the edges in G.edges order, without a tuple for each
            for u, successors in G.adjacency():
                for v, keys in successors.items():
                    if "reports_to" in keys:
                        lines.append((u, v))
                    if not wanted(keys):
                        for key in keys:
                            if key in _SECONDARY:
                                secondary.append((u, v, key))
                                if key == "candidate_manager":
                                    candidate_lines.append((u, v))
            return cls(posts, lines, candidate_lines, secondary)

    @property
    def uncertain(self) -> bool:
        return bool(self.candidates)

    def roots(self) -> list[str]:
        managers, candidates = self.managers, self.candidates
        return [p for p in self.posts if p not in managers and p not in candidates]

    def managers_of(self, post: str) -> tuple[str, ...]:
        manager = self.managers.get(post)
        return (manager,) if manager is not None else self.candidates.get(post, ())

    def chain(self, post: str, reading: Mapping[str, str] | None = None) -> list[str]:
        chosen = reading or {}
        chain: list[str] = []
        seen = {post}
        managers = self.managers
        current = chosen.get(post) or managers.get(post)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = chosen.get(current) or managers.get(current)
        return chain

    def certain_superiors(self, post: str) -> list[str]:
        return self._certain_from(post, frozenset())

    def _certain_from(self, post: str, visiting: frozenset[str]) -> list[str]:
        chain = self.chain(post)
        last = chain[-1] if chain else post
        if last not in self.candidates or last in visiting:
            return chain
        cached = self._certain.get(last)
        if cached is None:
            visiting = visiting | {last}
            options = [[c, *self._certain_from(c, visiting)] for c in self.candidates[last]]
            common = set(options[0]).intersection(*options[1:])
            cached = [node for node in options[0] if node in common]
            self._certain[last] = cached
        known = {*chain, post}  # a set: a list here costs the chain's length for each superior above it
        return [*chain, *(node for node in cached if node not in known)]

    def possible_superiors(self, post: str) -> list[str]:
        found: dict[str, None] = {}
        frontier = [post]
        while frontier:
            following: list[str] = []
            for node in frontier:
                for above in self.managers_of(node):
                    if above not in found and above != post:
                        found[above] = None
                        following.append(above)
            frontier = following
        return list(found)

    def possible_reports(self, node: str) -> list[str]:
        return [*self.reports.get(node, ()), *self.candidate_reports.get(node, ())]


# -- random graphs with awkward texts ----------------------------------------------------------------

_AWKWARD = st.text(alphabet="aeoøæåÆØÅéÄß.-,  2Pp", max_size=10)  # empty, punctuation only, accents, spaces
_KEYS = ("reports_to", "reports_to", "candidate_manager", "dotted", "accountable_to", "advises", "member_of")


@st.composite
def graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    """A hand-built organisation graph: any kinds, names missing or repeated, any lines, cycles included."""
    size = draw(st.integers(min_value=1, max_value=14))
    pool = draw(st.lists(_AWKWARD, min_size=1, max_size=5))  # a small pool: names and aliases repeat
    texts = st.sampled_from(pool) | _AWKWARD
    G = nx.MultiDiGraph()
    ids = [draw(st.sampled_from(["p", "Ø", "e-", "aa", "P.", "Å "])) + str(i) for i in range(size)]
    for node in ids:
        attrs: dict[str, Any] = {"kind": draw(st.sampled_from(["post", "post", "post", "unit", "forum", "rule"]))}
        name = draw(st.none() | texts)
        if name is not None:
            attrs["name"] = name
        aliases = draw(st.lists(texts, max_size=3))
        if aliases:
            attrs["aliases"] = aliases
        G.add_node(node, **attrs)
    lines = st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(_KEYS))
    for u, v, key in draw(st.lists(lines, max_size=3 * size)):
        G.add_edge(u, v, key=key)
    return G


def _queries(G: nx.MultiDiGraph, drawn: list[str]) -> list[str]:
    """Folded queries: drawn ones, whole texts, ids, and pieces of the texts (two and three characters)."""
    texts = [str(node) for node in G] + [t for _, attrs in G.nodes(data=True) for t in [attrs.get("name", "")]]
    texts += [alias for _, attrs in G.nodes(data=True) for alias in attrs.get("aliases", ())]
    folded = [fold(t) for t in [*drawn, *texts]]
    pieces = [t[i : i + width] for t in folded for width in (1, 2, 3) for i in range(0, len(t), 2)]
    return list(dict.fromkeys([*folded, *pieces, "p", "1", "zq", "aa"]))


@settings(max_examples=100, deadline=None)
@given(G=graphs(), drawn=st.lists(st.text(alphabet="aeoøæå .-P2", min_size=1, max_size=6), max_size=4))
def test_the_search_index_answers_as_before(G: nx.MultiDiGraph, drawn: list[str]) -> None:
    before, after = FrozenSearchIndex(G), SearchIndex(G)
    for key in _queries(G, drawn):
        for kind in (None, "post", "unit", "topic"):
            assert after.exactly(key, kind) == before.exactly(key, kind), (key, kind)
            if key:
                assert after.search(key, kind) == before.search(key, kind), (key, kind)


def _same_hierarchy(after: Hierarchy, before: FrozenHierarchy, G: nx.MultiDiGraph, reading: dict[str, str]) -> None:
    assert after.posts == before.posts
    assert list(after.managers.items()) == list(before.managers.items())
    assert list(after.several.items()) == list(before.several.items())
    assert list(after.candidates.items()) == list(before.candidates.items())
    assert list(after.candidate_reports.items()) == list(before.candidate_reports.items())
    assert after.secondary == before.secondary
    assert list(after.reports.items()) == list(before.reports.items())
    assert after.roots() == before.roots()
    assert after.uncertain == before.uncertain
    for node in G:
        assert after.managers_of(node) == before.managers_of(node)
        assert after.chain(node) == before.chain(node), node
        assert after.chain(node, reading) == before.chain(node, reading), node
        assert after.certain_superiors(node) == before.certain_superiors(node), node
        assert after.possible_superiors(node) == before.possible_superiors(node), node
        assert after.possible_reports(node) == before.possible_reports(node), node


@settings(max_examples=150, deadline=None)
@given(G=graphs(), data=st.data())
def test_the_hierarchy_answers_as_before(G: nx.MultiDiGraph, data: st.DataObject) -> None:
    ids = list(G)
    reading = data.draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(ids), max_size=4))
    _same_hierarchy(Hierarchy.of_graph(G), FrozenHierarchy.of_graph(G), G, reading)


@st.composite
def _with_candidates(draw: st.DrawFn) -> dict[str, Any]:
    from tests.strategies import documents

    data: dict[str, Any] = draw(documents(max_posts=16))
    for post in data["posts"][3:]:  # some posts choose between two earlier posts instead of one manager
        index = int(post["id"][1:])
        if draw(st.booleans()) and draw(st.booleans()):
            first, second = sorted(draw(st.sets(st.integers(0, index - 1), min_size=2, max_size=2)))
            post.pop("reports_to", None)
            post.pop("top", None)
            post["reports_to_one_of"] = [f"p{first}", f"p{second}"]
    return data


@settings(max_examples=40, deadline=None)
@given(document=_with_candidates())
def test_an_organisation_answers_as_before(document: dict[str, Any]) -> None:
    org = orggraph.from_dict(document)
    G = org.graph
    _same_hierarchy(hierarchy(org), FrozenHierarchy.of_graph(G, org.nodes("post")), G, {})
    before = FrozenSearchIndex(G)
    for key in _queries(G, []):
        if fold(key):  # find folds its text again: "aa" is "a"
            assert org.find(key) == before.search(fold(key)), key
            assert org.find(key, kind="post") == before.search(fold(key), "post"), key
    for post in org.nodes("post"):
        assert org.chain_of_command(post) == FrozenHierarchy.of_graph(G).certain_superiors(post)
