"""Which post of one snapshot is which post of the next: a deterministic, near-linear matching.

Organisations publish snapshots, and the ids in them are not to be trusted
from one to the next: a department renumbers its post references, reuses a
reference for another job, renames its units and retitles its posts. To say
what a restructuring changed, :func:`match_posts` pairs the posts of snapshot
``a`` with those of snapshot ``b``, one to one, and says what each pair rests
on and how sure it is.

The algorithm
-------------
1. **Features.** For every post: its id (an organogram's ``Post Unique
   Reference``), its title as words, its unit, its holders' names as words
   (``"Barrett John"`` and ``"John Barrett"`` are the same; ``"Vel"`` matches
   ``"Velavan"`` as a prefix), its grade and its manager. Each title word is
   weighted by how rare it is among the posts of both snapshots (inverse
   document frequency), so "Sudan" counts for more than "Director".
2. **Reference first.** A post whose id is in both snapshots with the same
   title and unit is matched at once (confidence 1, basis
   ``reference``). Junior staff aggregates (``junior: true``) are matched by
   their id, then by (their senior post's match, grade, title).
3. **Candidates by blocking, never all pairs.** Each remaining post of ``b``
   is compared only with the posts of ``a`` that share its id, a holder name
   word, or a title word that is rare (in at most :data:`BLOCK_LIMIT` posts),
   so the work grows with the number of posts, not with its square.
4. **Similarity.** A candidate pair scores
   ``0.55 title + 0.10 unit + 0.10 grade + 0.10 manager + 0.15 reference``
   plus ``0.30`` when a holder's name is the same (``-0.15`` when both posts
   name holders and no name is shared), clipped to 0..1. Title is the
   weighted share of title words in common; unit is 1 for the same unit or a
   unit renamed into it (found in step 6); manager is 1 when the two
   managers are matched to each other. A pair whose titles share almost
   nothing (title below 0.2) is a person or a reference that moved to
   another job, not the same post: its score is capped at 0.4.
5. **One to one.** All scored pairs are sorted by score (ties by position in
   the files) and taken greedily while both posts are free and the score is
   at least ``min_confidence``.
6. **Second pass.** Steps 4 and 5 run again with what the first pass found:
   the managers' matches, and units renamed between the snapshots (a unit of
   ``a`` that ``b`` does not have, whose matched posts went mostly to one
   unit that ``a`` does not have; reported in :attr:`Matching.unit_renames`).

The score is the confidence; ``basis`` names the features that agree
(``"reference+title+holder"``).

Examples
--------
>>> import orggraph
>>> a = orggraph.from_dict({"organisation": {"id": "d", "name": "D"}, "posts": [
...     {"id": "A1", "name": "Permanent Secretary", "top": True, "holders": ["Mark Lowcock"]},
...     {"id": "B7", "name": "Head of DFID Sudan", "reports_to": "A1", "unit": "Africa"},
...     {"id": "B8", "name": "Head of Finance", "reports_to": "A1", "unit": "Finance"}],
...     "units": [{"id": "Africa", "name": "Africa"}, {"id": "Finance", "name": "Finance"}]})
>>> b = orggraph.from_dict({"organisation": {"id": "d", "name": "D"}, "posts": [
...     {"id": "A1", "name": "Permanent Secretary", "top": True, "holders": ["Lowcock Mark"]},
...     {"id": "B9", "name": "Head of Office, DFID Sudan", "reports_to": "A1", "unit": "Country"},
...     {"id": "B7", "name": "Head of Research", "reports_to": "A1", "unit": "Country"}],
...     "units": [{"id": "Country", "name": "Country programmes"}]})
>>> m = match_posts(a, b)
>>> [(x.a, x.b, x.basis) for x in m.pairs]
[('A1', 'A1', 'reference'), ('B7', 'B9', 'title+unit+manager')]
>>> m.unit_renames
{'Africa': 'Country'}
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from orggraph.gc_pause import gc_paused
from orggraph.org import Org
from orggraph.schema import Post

__all__ = ["BLOCK_LIMIT", "Match", "Matching", "match_posts"]

BLOCK_LIMIT = 40
"""A title or name word shared by more posts than this is too common to propose candidates."""

_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    {"of", "the", "and", "for", "to", "in", "a", "an", "on", "at", "with", "acting", "interim", "temporary"}
)
_SHORT = {"dept": "department", "dep": "deputy", "div": "division", "dir": "director", "govt": "government"}
_STEM = 6  # words are compared by their first six letters: "regional" and "region" agree
_WEIGHTS = {"title": 0.55, "unit": 0.10, "grade": 0.10, "manager": 0.10, "reference": 0.15}
_SAME_HOLDER = 0.30
_OTHER_HOLDER = -0.15
_TITLE_GATE = 0.2
_GATED_CAP = 0.4
_FIRST_PASS_MANAGER = 0.5  # the manager term before managers are matched: neither for nor against


@dataclass(frozen=True)
class Match:
    """One post of snapshot ``a`` matched to one of ``b``.

    Attributes
    ----------
    a, b : str
        The post ids in the two snapshots.
    confidence : float
        0..1: the similarity score (1 for an unchanged reference).
    basis : str
        The features the match rests on, joined by ``+``: ``reference``
        (same id), ``title``, ``holder``, ``unit``, ``grade``, ``manager``
        (the managers are matched to each other), ``junior`` (junior staff
        matched by what they are).
    """

    a: str
    b: str
    confidence: float
    basis: str


@dataclass(frozen=True)
class Matching:
    """The one-to-one matching of two snapshots' posts.

    Attributes
    ----------
    pairs : tuple of Match
        The matched pairs, in the order of ``a``'s posts.
    a_to_b, b_to_a : dict of str to str
        The same as look-ups.
    unit_renames : dict of str to str
        Units of ``a`` renamed to units of ``b``, found by where their posts went.
    candidates : int
        How many candidate pairs were scored (a measure of the work done).
    """

    pairs: tuple[Match, ...]
    unit_renames: dict[str, str] = field(default_factory=dict)
    candidates: int = 0

    @property
    def a_to_b(self) -> dict[str, str]:
        """``a``'s post id -> ``b``'s."""
        return {m.a: m.b for m in self.pairs}

    @property
    def b_to_a(self) -> dict[str, str]:
        """``b``'s post id -> ``a``'s."""
        return {m.b: m.a for m in self.pairs}

    def by_a(self) -> dict[str, Match]:
        """``a``'s post id -> its match."""
        return {m.a: m for m in self.pairs}


def words(text: str | None, *, stem: bool = True) -> frozenset[str]:
    """The words of a title or name: case and accents folded, punctuation and small words dropped.

    Words are cut to their first six letters ("regional" and "region" agree) and a few
    abbreviations are written out ("Dept" is "department"); ``stem=False`` (for names)
    keeps every word whole.

    Examples
    --------
    >>> sorted(words("Deputy Director, Head of DFID Sudan"))
    ['deputy', 'dfid', 'direct', 'head', 'sudan']
    >>> words("Africa Regional Dept") == words("Africa Region Department")
    True
    >>> sorted(words("Øberg, Åse", stem=False))
    ['aase', 'oeberg']
    """
    if not text:
        return frozenset()
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    if not stem:
        return frozenset(_WORD.findall(folded))
    return frozenset(_SHORT.get(w, w)[:_STEM] for w in _WORD.findall(folded) if w not in _STOP)


def _unit_key(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


@dataclass(slots=True)
class _Features:
    id: str
    order: int
    title: frozenset[str]
    title_text: str
    unit: str
    holder: frozenset[str]
    grade: str
    manager: str | None


def _features(org: Org, junior: bool) -> list[_Features]:
    document = org.document
    units = {u.id: u.name for u in document.units}
    result = []
    for order, post in enumerate(document.posts):
        if post.junior != junior:
            continue
        names: set[str] = set()
        for holder in post.holders:
            names |= words(holder, stem=False)
        unit = _unit_key(units.get(post.unit or "", post.unit))
        title_text = " ".join(post.name.casefold().split())
        result.append(
            _Features(
                post.id,
                order,
                words(post.name),
                title_text,
                unit,
                frozenset(names),
                _unit_key(post.grade),
                post.reports_to,
            )
        )
    return result


def _same_name_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 3 and long.startswith(short)


def _holder_score(a: frozenset[str], b: frozenset[str]) -> float | None:
    """1 when the names are the same person's (every word of the shorter name found), 0 when not, None if unknown."""
    if not a or not b:
        return None
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if short <= long:
        return 1.0 if len(short) >= 2 or len(long) == 1 else 0.0
    found = sum(1 for w in short if any(_same_name_word(w, v) for v in long))
    return 1.0 if found == len(short) and len(short) >= 2 else 0.0


class _Scorer:
    def __init__(self, a: list[_Features], b: list[_Features]) -> None:
        frequency: Counter[str] = Counter()
        for post in (*a, *b):
            frequency.update(post.title)
        total = len(a) + len(b) or 1
        self.frequency = frequency
        self.idf = {w: math.log(1 + total / n) for w, n in frequency.items()}
        self._weights: dict[frozenset[str], float] = {}

    def title(self, a: frozenset[str], b: frozenset[str]) -> float:
        if not a or not b:
            return 0.0
        idf = self.idf
        common = sum(idf[w] for w in a & b)
        if not common:
            return 0.0
        weight_a, weight_b = self.weight(a), self.weight(b)
        union = weight_a + weight_b - common
        return (common / union + common / min(weight_a, weight_b)) / 2

    def weight(self, title: frozenset[str]) -> float:
        """The summed weight of a title's words (cached: every title is weighed once)."""
        found = self._weights.get(title)
        if found is None:
            found = self._weights[title] = sum(self.idf[w] for w in title)
        return found


def _candidates(a: list[_Features], b: list[_Features], scorer: _Scorer) -> Iterable[tuple[int, int]]:
    """Pairs (index in a, index in b) that share an id, a holder name word or a rare title word."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, post in enumerate(a):
        blocks[("id", post.id)].append(i)
        for w in post.holder:
            blocks[("holder", w)].append(i)
        for w in post.title:
            if scorer.frequency[w] <= BLOCK_LIMIT:
                blocks[("title", w)].append(i)
    for j, post in enumerate(b):
        keys = [("id", post.id), *(("holder", w) for w in post.holder), *(("title", w) for w in post.title)]
        seen: set[int] = set()
        for key in keys:
            block = blocks.get(key, ())
            if len(block) > BLOCK_LIMIT:
                continue
            for i in block:
                if i not in seen:
                    seen.add(i)
                    yield i, j


@dataclass(frozen=True, slots=True)
class _Static:
    """The parts of a pair's score that do not depend on the other matches: computed once per pair."""

    title: float
    grade: float
    reference: float
    holder: float | None


def _static(x: _Features, y: _Features, scorer: _Scorer) -> _Static:
    title = 1.0 if x.title_text == y.title_text else scorer.title(x.title, y.title)
    grade = 1.0 if x.grade and x.grade == y.grade else 0.0
    holder = 1.0 if x.holder and x.holder == y.holder else _holder_score(x.holder, y.holder)
    return _Static(title, grade, 1.0 if x.id == y.id else 0.0, holder)


def _score(
    x: _Features,
    y: _Features,
    part: _Static,
    managers: Mapping[str, str] | None,
    renames: Mapping[str, str],
) -> tuple[float, str]:
    unit = 1.0 if x.unit and (x.unit == y.unit or renames.get(x.unit) == y.unit) else 0.0
    if managers is None:
        manager = _FIRST_PASS_MANAGER
    else:
        manager = 1.0 if x.manager is not None and managers.get(x.manager) == y.manager else 0.0
    w = _WEIGHTS
    score = w["title"] * part.title + w["unit"] * unit + w["grade"] * part.grade + w["manager"] * manager
    score += w["reference"] * part.reference
    if part.holder is not None:
        score += _SAME_HOLDER if part.holder else _OTHER_HOLDER
    same_job_holder = part.reference and part.holder == 1.0 and part.grade and manager == 1.0
    if part.title < _TITLE_GATE and not same_job_holder:
        score = min(score, _GATED_CAP)
    score = min(1.0, max(0.0, score))
    basis = [
        name
        for name, value in (
            ("reference", part.reference),
            ("title", part.title >= 0.5),
            ("holder", part.holder == 1.0),
            ("unit", unit),
            ("grade", part.grade),
            ("manager", managers is not None and manager),
        )
        if value
    ]
    return round(score, 6), "+".join(basis)


def _resolve(scored: list[tuple[float, int, int, str]], minimum: float) -> dict[int, tuple[int, float, str]]:
    """Greedy one-to-one: the best pairs first (ties by position), both posts still free."""
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    taken_b: set[int] = set()
    chosen: dict[int, tuple[int, float, str]] = {}
    for score, i, j, basis in scored:
        if score < minimum:
            break
        if i in chosen or j in taken_b:
            continue
        chosen[i] = (j, score, basis)
        taken_b.add(j)
    return chosen


def _renames(a: list[_Features], b: list[_Features], pairs: Mapping[int, tuple[int, float, str]]) -> dict[str, str]:
    """Units of ``a`` not in ``b`` whose posts went mostly to one unit not in ``a``, and came mostly from it."""
    units_a = {p.unit for p in a}
    units_b = {p.unit for p in b}
    flows: Counter[tuple[str, str]] = Counter()
    for i, (j, _, _) in pairs.items():
        flows[(a[i].unit, b[j].unit)] += 1
    out_of: Counter[str] = Counter()
    into: Counter[str] = Counter()
    for (x, y), n in flows.items():
        out_of[x] += n
        into[y] += n
    renames: dict[str, str] = {}
    for (x, y), n in sorted(flows.items(), key=lambda item: (-item[1], item[0])):
        new_names = bool(x and y) and x not in units_b and y not in units_a
        if new_names and x not in renames and y not in renames.values() and 2 * n > out_of[x] and 2 * n > into[y]:
            renames[x] = y
    return renames


def match_posts(a: Org, b: Org, *, min_confidence: float = 0.5) -> Matching:
    """Match the posts of snapshot ``a`` to those of snapshot ``b``, one to one.

    See the module docstring for the algorithm. It is deterministic (the same
    input gives the same matching) and its work grows with the number of
    posts, not with its square.

    Parameters
    ----------
    a, b : Org
        Two snapshots of one organisation, ``a`` the earlier.
    min_confidence : float, default 0.5
        Pairs scoring less are not matched (their posts count as removed and
        added). Reference matches (confidence 1) always hold.

    Returns
    -------
    Matching
        The pairs with their confidence and basis, and the renamed units
        (by their ids).

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> m = match_posts(org, org)
    >>> len(m.pairs) == len(org.nodes("post")), {x.basis for x in m.pairs}
    (True, {'reference'})
    """
    with gc_paused():
        return _match(a, b, min_confidence)


def _match(a: Org, b: Org, min_confidence: float) -> Matching:
    seniors_a, seniors_b = _features(a, False), _features(b, False)
    ids_b = {post.id: j for j, post in enumerate(seniors_b)}
    fixed: dict[int, tuple[int, float, str]] = {}
    for i, x in enumerate(seniors_a):
        j = ids_b.get(x.id)
        if j is not None:
            y = seniors_b[j]
            if x.title_text == y.title_text and x.unit == y.unit:
                fixed[i] = (j, 1.0, "reference")
    fixed_b = {j for j, _, _ in fixed.values()}
    rest_a = [i for i in range(len(seniors_a)) if i not in fixed]
    rest_b = [j for j in range(len(seniors_b)) if j not in fixed_b]
    sub_a = [seniors_a[i] for i in rest_a]
    sub_b = [seniors_b[j] for j in rest_b]
    scorer = _Scorer(seniors_a, seniors_b)
    pairs = [(i, j, _static(sub_a[i], sub_b[j], scorer)) for i, j in _candidates(sub_a, sub_b, scorer)]

    def run(managers: Mapping[str, str] | None, renames: Mapping[str, str]) -> dict[int, tuple[int, float, str]]:
        scored = [(*_score(sub_a[i], sub_b[j], part, managers, renames), i, j) for i, j, part in pairs]
        chosen = _resolve([(s, i, j, basis) for s, basis, i, j in scored], min_confidence)
        result = dict(fixed)
        for i, (j, score, basis) in chosen.items():
            result[rest_a[i]] = (rest_b[j], score, basis)
        return result

    first = run(None, {})
    managers = {seniors_a[i].id: seniors_b[j].id for i, (j, _, _) in first.items()}
    renames = _renames(seniors_a, seniors_b, first)
    final = run(managers, renames)
    managers = {seniors_a[i].id: seniors_b[j].id for i, (j, _, _) in final.items()}

    matches = [Match(seniors_a[i].id, seniors_b[j].id, score, basis) for i, (j, score, basis) in sorted(final.items())]
    matches.extend(_junior_matches(a, b, managers))
    unit_ids_a = {_unit_key(u.name): u.id for u in a.document.units}
    unit_ids_b = {_unit_key(u.name): u.id for u in b.document.units}
    unit_renames = {unit_ids_a.get(x, x): unit_ids_b.get(y, y) for x, y in renames.items()}
    order = {post.id: n for n, post in enumerate(a.document.posts)}
    matches.sort(key=lambda m: order[m.a])
    return Matching(tuple(matches), unit_renames, len(pairs))


def _junior_key(post: Post, manager: str | None) -> tuple[str, str, str]:
    return (manager or "", _unit_key(post.grade), " ".join(post.name.casefold().split()))


def _junior_matches(a: Org, b: Org, managers: Mapping[str, str]) -> list[Match]:
    juniors_a = [p for p in a.document.posts if p.junior]
    juniors_b = [p for p in b.document.posts if p.junior]
    if not juniors_a or not juniors_b:
        return []
    ids_b = {p.id: p for p in juniors_b}
    matches = []
    left_a = []
    taken: set[str] = set()
    for post in juniors_a:
        if post.id in ids_b:
            matches.append(Match(post.id, post.id, 1.0, "reference+junior"))
            taken.add(post.id)
        else:
            left_a.append(post)
    by_key: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for post in juniors_b:
        if post.id not in taken:
            by_key[_junior_key(post, post.reports_to)].append(post.id)
    for post in left_a:
        mapped = managers.get(post.reports_to or "")
        candidates = by_key.get(_junior_key(post, mapped)) if mapped else None
        if candidates:
            matches.append(Match(post.id, candidates.pop(0), 0.9, "junior+manager"))
    return matches
