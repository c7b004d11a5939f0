"""orggraph.search: the index returns exactly what a scan of every folded text returns."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import search
from orggraph.errors import UnknownNodeError
from orggraph.text import fold


def _scan(org: orggraph.Org, text: str, kind: str | None = None) -> list[str]:
    """The oracle: fold every id, name and alias of every node and look at each in turn.

    A node is an exact match if one of its texts folds to the query; otherwise it
    is a prefix match if, in one of its texts, the query first occurs at the start
    of a word, and an inner match if it occurs anywhere else. Groups in graph order.
    """
    key = fold(text)
    if not key:
        return []
    exact: list[str] = []
    prefix: list[str] = []
    inner: list[str] = []
    for node, attrs in org.graph.nodes(data=True):
        if kind is not None and attrs["kind"] != kind:
            continue
        folded = {fold(t) for t in (node, attrs.get("name", ""), *attrs.get("aliases", ())) if t}
        folded_list = list(folded)
        positions = [candidate.find(key) for candidate in folded_list]
        if key in folded:
            exact.append(node)
        elif any(
            p == 0 or (p > 0 and candidate[p - 1] == " ") for p, candidate in zip(positions, folded_list, strict=True)
        ):
            prefix.append(node)
        elif any(p > 0 for p in positions):
            inner.append(node)
    return exact + prefix + inner


_LETTERS = "abeoø æåÆØÅé-Ä.2"
_names = st.text(alphabet=_LETTERS, min_size=0, max_size=12)


@settings(max_examples=120, deadline=None)
@given(
    posts=st.lists(st.tuples(_names, st.lists(_names.filter(bool), max_size=2)), min_size=1, max_size=15),
    units=st.lists(_names, max_size=4),
    queries=st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=6), min_size=1, max_size=6),
    kind=st.sampled_from([None, "post", "unit"]),
)
def test_the_index_finds_what_a_scan_finds(
    posts: list[tuple[str, list[str]]], units: list[str], queries: list[str], kind: str | None
) -> None:
    document: dict[str, Any] = {
        "organisation": {"id": "o", "name": "Åben Ø"},
        "posts": [{"id": f"p{i}", "name": name or "x", "aliases": aliases} for i, (name, aliases) in enumerate(posts)],
        "units": [{"id": f"e{i}", "name": name or "y"} for i, name in enumerate(units)],
    }
    org = orggraph.from_dict(document)
    # queries drawn from the data too: whole names, pieces of them, ids
    texts = [name for name, _ in posts] + [a for _, aliases in posts for a in aliases]
    pieces = [t[i : i + 3] for t in texts[:5] for i in range(0, len(t), 2)]
    for query in [*queries, *texts[:5], *pieces, "p1", "e0", "p", "1"]:
        assert search.find(org, query, kind=kind) == _scan(org, query, kind), query
        assert org.find(query, kind=kind) == _scan(org, query, kind)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=10), max_size=8))
def test_folding_all_at_once_is_folding_each(texts: list[str]) -> None:
    assert search.fold_all(texts) == [fold(t) for t in texts]


@pytest.mark.parametrize(
    "texts",
    [
        ["A\u0301", "\u0301b", "Æ", "ﬁ"],  # a combining accent at a text's start must not join the text before
        ["a", "a", "oe", "e"],  # no digraph across texts
        ["x\x00y", "Øl"],  # a NUL inside a text: folded one by one
        ["ÅÅ", "ß", "ǅ", "Ⅻ"],
    ],
)
def test_folding_all_at_once_at_the_text_boundaries(texts: list[str]) -> None:
    assert search.fold_all(texts) == [fold(t) for t in texts]


def test_exact_matches_come_first_then_word_starts_then_the_rest() -> None:
    org = orggraph.from_dict(
        {
            "organisation": {"id": "o", "name": "O"},
            "posts": [
                {"id": "a", "name": "Skolepædagog", "top": True},  # contains it inside a word
                {"id": "b", "name": "Pædagog i Børnehuset", "reports_to": "a"},  # a word starts with it
                {"id": "c", "name": "Paedagog", "reports_to": "a"},  # exact, another spelling
                {"id": "d", "name": "Leder", "aliases": ["PÆDAGOG"], "reports_to": "a"},  # exact through an alias
            ],
        }
    )
    assert org.find("pædagog") == ["c", "d", "b", "a"]
    assert org.find("PAEDAGOG", kind="post") == ["c", "d", "b", "a"]
    assert org.find("dagog") == ["a", "b", "c", "d"]  # inside a word everywhere: graph order
    assert org.find("børneh") == ["b"]
    assert org.find("i b") == ["b"]  # across a word boundary
    assert org.find("pædagog", kind="unit") == []
    assert org.find("---") == []


def test_an_unknown_kind_is_refused_with_the_valid_ones() -> None:
    with pytest.raises(UnknownNodeError, match="valid kinds: post, unit"):
        orggraph.example().find("ceo", kind="planet")


def test_exact_lookup() -> None:
    org = orggraph.example()
    assert search.find_exactly(org, "CFO") == ["cfo"]
    assert search.find_exactly(org, "Finance") == ["finance"]
    assert search.find_exactly(org, "Finance", kind="post") == []
    assert search.find_exactly(org, "nothing") == []
