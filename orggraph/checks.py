"""Semantic checks on a validated document: what pydantic cannot check field by field.

The checks look across the whole document:

- **ids are unique** across all kinds (units, posts, groups, forums, topics,
  decision rules, instruments, events, declared counts, sources and people
  share one namespace); the second occurrence is reported and names the first;
- **references resolve** to an id of an allowed kind, as listed in
  :data:`REFERENCES`, with a "did you mean" among the ids of those kinds;
- **no cycles** in reporting lines (``Post.reports_to`` between posts), unit
  nesting (``Unit.parent``), group definitions (groups listing groups as
  members), ``Forum.part_of`` and ``Topic.parent``; each cycle is listed;
- **citations resolve**: ``Citation.document`` is a source and
  ``Citation.section`` a section of that source, wherever a citation sits;
- a post marked ``top: true`` has no ``reports_to``, and a post marked
  ``manager_unknown: true`` has neither ``reports_to`` (then the manager is
  known) nor ``top: true`` (then it has no manager by design).

:func:`check_document` returns the problems as :class:`CheckProblem` tuples with
a path into the document (``("posts", 3, "reports_to")``); the loaders in
:mod:`orggraph.loading` turn them into located :class:`~orggraph.errors.Problem`
objects.

Examples
--------
>>> from orggraph.schema import Document
>>> doc = Document.model_validate({
...     "organisation": {"id": "acme", "name": "Acme"},
...     "posts": [
...         {"id": "direktoer", "name": "Direktør", "top": True},
...         {"id": "centerchef", "name": "Centerchef", "reports_to": "direktor"},
...     ],
... })
>>> for problem in check_document(doc):
...     print(format_path(problem.path), problem.message, problem.suggestion, sep=" | ")
posts[1].reports_to | unknown post 'direktor' | did you mean 'direktoer'?
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any, Literal, NamedTuple, Protocol, get_args, get_origin

from pydantic import BaseModel

from orggraph.errors import suggest
from orggraph.hints import NameIndex
from orggraph.schema import (
    Agreement,
    Chair,
    Citation,
    DecisionRule,
    DeclaredCount,
    Document,
    Event,
    ForEachHolder,
    Forum,
    Group,
    GroupRule,
    Guest,
    Instrument,
    Membership,
    Post,
    ReportingLine,
    RoleAssignment,
    Selector,
    Topic,
    Unit,
)
from orggraph.series import plan_series

__all__ = [
    "ID_KINDS",
    "KIND_NOUNS",
    "REFERENCES",
    "CheckProblem",
    "Kind",
    "Path",
    "check_document",
    "format_path",
    "functional_cycles",
    "has_functional_cycle",
]

Path = tuple[str | int, ...]
"""A location inside a document: keys and list indexes, e.g. ``("posts", 3, "reports_to")``."""

Kind = Literal[
    "source",
    "unit",
    "post",
    "group",
    "forum",
    "topic",
    "decision_rule",
    "instrument",
    "event",
    "declared_count",
    "person",
]
"""The kinds of item whose ids share one namespace."""

ID_KINDS: Mapping[str, Kind] = {
    "sources": "source",
    "units": "unit",
    "posts": "post",
    "groups": "group",
    "forums": "forum",
    "topics": "topic",
    "decision_rules": "decision_rule",
    "instruments": "instrument",
    "events": "event",
    "declared_counts": "declared_count",
    "people": "person",
}
"""The lists of a :class:`~orggraph.schema.Document` whose items have ids, and their kind.

The order is the order duplicates are looked for in: the second occurrence is
the one reported.
"""

KIND_NOUNS: Mapping[Kind, str] = {
    "source": "source",
    "unit": "unit",
    "post": "post",
    "group": "group",
    "forum": "forum",
    "topic": "topic",
    "decision_rule": "decision rule",
    "instrument": "instrument",
    "event": "event",
    "declared_count": "declared count",
    "person": "person",
}
"""How messages name each kind."""

_BODY: tuple[Kind, ...] = ("post", "group", "unit")

REFERENCES: Mapping[tuple[type[BaseModel], str], tuple[Kind, ...]] = {
    # The structure.
    (Unit, "parent"): ("unit",),
    (Unit, "head"): ("post",),
    (Post, "unit"): ("unit",),
    # A unit or group as manager: the source names the manager only as a body.
    (Post, "reports_to"): ("post", "unit", "group"),
    (Post, "reports_to_one_of"): ("post",),
    (ReportingLine, "post"): ("post",),
    (ReportingLine, "to"): ("post", "unit", "group"),
    (Group, "members"): ("post", "group", "unit"),
    (GroupRule, "within"): ("unit",),
    (GroupRule, "reporting_to"): ("post",),
    # Forums.
    (Chair, "post"): ("post",),
    (Chair, "rotating_among"): _BODY,
    (Forum, "members"): _BODY,
    (Forum, "agenda_items_from"): _BODY,
    (Forum, "prepared_by"): _BODY,
    (Forum, "owner"): _BODY,
    (Forum, "established_by"): _BODY,
    (Forum, "part_of"): ("forum",),
    (ForEachHolder, "holders"): ("post",),
    (Guest, "id"): _BODY,
    # Responsibilities and decisions.
    (Topic, "parent"): ("topic",),
    (RoleAssignment, "holder"): ("post", "group", "unit", "forum"),
    (DecisionRule, "topic"): ("topic",),
    (Selector, "ids"): ("post", "group", "unit", "forum"),
    (DecisionRule, "may_delegate_to"): _BODY,
    (DecisionRule, "consults"): _BODY,
    # Instruments and the annual wheel.
    (Instrument, "owner"): _BODY,
    (Instrument, "consults"): _BODY,
    (Instrument, "parties"): _BODY,
    (Instrument, "based_on"): ("instrument",),
    (Agreement, "parties"): _BODY,
    (Event, "forum"): ("forum",),
    (Event, "topic"): ("topic",),
    (Event, "instrument"): ("instrument",),
    (DeclaredCount, "collective"): ("group", "forum", "unit"),
    # People and their memberships (imports such as Popolo).
    (Membership, "person"): ("person",),
    (Membership, "organisation"): ("group", "forum"),
    (Membership, "on_behalf_of"): ("group",),
}
"""Every field that refers to another item, and the kinds it may refer to.

Keys are ``(model class, field name)``; the field holds one id or a tuple of
ids. The first kind is the usual one and names the item in "unknown ..."
messages. This table is the one place that says what may point where.
``Citation.document`` and
``Citation.section`` are checked separately (a section id is local to its
source).
"""

# Suggestions compare the unknown id with every id of the allowed kinds (about
# 2 microseconds each): on a file with 100 000 posts one suggestion takes 0.2 s.
# The total number of comparisons is capped (about a second's worth: thousands
# of suggestions in a file of a few hundred ids, five among 100 000) and later
# problems go without one.
_SUGGESTION_BUDGET = 500_000
# Matching an unknown id against the items' names as well (holder: finance-director for the post
# named Finance Director) costs as much again, and more for long names; it matters most in small
# hand-written files, so its budget is smaller: hundreds of such suggestions in a file of a few
# hundred items, none among 100 000 (where the ids alone are compared).
_NAME_SUGGESTION_BUDGET = 100_000


class CheckProblem(NamedTuple):
    """One problem found by :func:`check_document`.

    Attributes
    ----------
    path : Path
        Where in the document: keys and list indexes.
    message : str
        What is wrong, naming the culprit.
    suggestion : str or None
        What to do, e.g. "did you mean 'ceo'?".
    """

    path: Path
    message: str
    suggestion: str | None = None


def format_path(path: Iterable[str | int]) -> str:
    """Render a document path the way messages show it.

    Parameters
    ----------
    path : iterable of str or int
        Keys and list indexes from the top of the document.

    Returns
    -------
    str
        Keys joined by dots, indexes in brackets; empty for the top level.

    Examples
    --------
    >>> format_path(("posts", 3, "reports_to"))
    'posts[3].reports_to'
    >>> format_path(())
    ''
    """
    text = ""
    for step in path:
        if isinstance(step, int) and not isinstance(step, bool):
            text += f"[{step}]"
        elif isinstance(step, str) and step and not any(c in step for c in ".[] "):
            text += f".{step}" if text else step
        else:
            text += f"[{step!r}]"
    return text


def check_document(
    document: Document, *, invalid: Mapping[tuple[str, int], str | None] | None = None
) -> list[CheckProblem]:
    """Find every cross-reference problem in a validated document.

    Parameters
    ----------
    document : Document
        A document that passed pydantic validation.
    invalid : mapping, optional
        For a document checked while others of its items failed validation:
        those items, by ``(list name, index)``, with their id when they have
        one. They stand as ``None`` in the document's lists; their ids count
        as known (references to them are fine, duplicates of them are not),
        and their own references go unchecked.

    Returns
    -------
    list of CheckProblem
        All problems, in document order per check; empty when the document
        is sound.

    See Also
    --------
    orggraph.loading.parse_document : Validates, runs these checks and
        reports every problem with its line and column.

    Examples
    --------
    >>> from orggraph.schema import Document
    >>> doc = Document.model_validate({
    ...     "organisation": {"id": "acme", "name": "Acme"},
    ...     "units": [{"id": "board", "name": "Board"}],
    ...     "posts": [
    ...         {"id": "ceo", "name": "CEO", "reports_to": "cfo"},
    ...         {"id": "cfo", "name": "CFO", "reports_to": "ceo"},
    ...         {"id": "board", "name": "Board member", "reports_to": "ceo"},
    ...     ],
    ... })
    >>> for problem in check_document(doc):
    ...     print(format_path(problem.path), problem.message, sep=": ")
    posts[2].id: duplicate id 'board', first used at units[0].id
    posts[0].reports_to: reporting line cycle: ceo -> cfo -> ceo
    """
    return _Checker(document, invalid or {}).run()


# -- the checker -------------------------------------------------------------------------------


class _Spec(NamedTuple):
    """What to look at in one model class: reference fields and fields holding models."""

    refs: tuple[tuple[str, frozenset[Kind], tuple[Kind, ...], bool], ...]
    children: tuple[tuple[str, bool], ...]


def _unwrap(annotation: Any) -> Iterator[tuple[Any, bool]]:
    """Yield the concrete types inside an annotation, and whether each sits in a tuple."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        yield from _unwrap(get_args(annotation)[0])
    elif origin is typing.Union or origin is types.UnionType:
        for arg in get_args(annotation):
            yield from _unwrap(arg)
    elif origin is tuple:
        for arg in get_args(annotation):
            if arg is not Ellipsis:
                yield from ((inner, True) for inner, _ in _unwrap(arg))
    else:
        yield annotation, False


def _model_types(annotation: Any) -> list[tuple[type[BaseModel], bool]]:
    return [(tp, many) for tp, many in _unwrap(annotation) if isinstance(tp, type) and issubclass(tp, BaseModel)]


@cache
def _spec(model: type[BaseModel]) -> _Spec:
    refs = []
    children = []
    for field, info in model.model_fields.items():
        found = _model_types(info.annotation)
        if found:
            children.append((field, found[0][1]))
        kinds = REFERENCES.get((model, field))
        if kinds is not None:
            many = any(many for _, many in _unwrap(info.annotation))
            refs.append((field, frozenset(kinds), kinds, many))
    return _Spec(tuple(refs), tuple(children))


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeio" else "a ") + noun  # "a unit"


def _join(words: Sequence[str], last: str = "or") -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


_FIELD_OF_KIND: Mapping[Kind, str] = {kind: field for field, kind in ID_KINDS.items()}

Where = Callable[[int], Path]
"""The path of the i-th item of a batch."""


def _at(path: Path) -> Where:
    return lambda _: path


def _in_list(prefix: Path) -> Where:
    return lambda number: (*prefix, number)


def _in_list_of(where: Where, number: int, field: str) -> Where:
    """Item i of the list in ``field`` of item ``number``."""
    return lambda position: (*where(number), field, position)


def _fields_of(where: Where, numbers: Sequence[int], field: str) -> Where:
    """``field`` of the items ``numbers``: item k of the batch is ``field`` of item ``numbers[k]``."""
    return lambda k: (*where(numbers[k]), field)


class _Checker:
    """All checks of one document.

    Written column by column: each list of items is checked with comprehensions
    and set lookups, and only the items with a problem take the slow path. On
    100 000 posts this is several times faster than visiting the items one by one.
    """

    def __init__(self, document: Document, invalid: Mapping[tuple[str, int], str | None]) -> None:
        self.document = document
        self.invalid = invalid
        self.problems: list[CheckProblem] = []
        # id -> its kind, and per kind id -> index in its list; the first occurrence wins.
        self.kind_of: dict[str, Kind] = {}
        self.index: dict[Kind, dict[str, int]] = {kind: {} for kind in ID_KINDS.values()}
        self.sections: dict[str, set[str]] = {}
        self.budget = _SUGGESTION_BUDGET
        self.name_budget = _NAME_SUGGESTION_BUDGET
        self._indexes: dict[tuple[Kind, ...], NameIndex] = {}
        self._choices: dict[frozenset[Kind], list[str]] = {}
        self._allowed: dict[frozenset[Kind], frozenset[str]] = {}
        # Kinds with items that failed validation.
        self.partial = {ID_KINDS[field] for field, _ in invalid if field in ID_KINDS}

    def run(self) -> list[CheckProblem]:
        self._collect_ids()
        self._references()
        self._manager_flags()
        self._series()
        self._grades()
        self._cycles()
        return self.problems

    def add(self, path: Path, message: str, suggestion: str | None = None) -> None:
        self.problems.append(CheckProblem(path, message, suggestion))

    def _grades(self) -> None:
        """Every post's grade is on the organisation's own ``grade_scale``, where it gives one."""
        organisation = self.document.organisation
        scale = organisation.grade_scale if organisation is not None else ()
        if not scale:
            return
        known = set(scale)
        if len(known) != len(scale):
            repeated = sorted({grade for grade in scale if scale.count(grade) > 1})
            self.add(("organisation", "grade_scale"), f"the scale repeats {', '.join(map(repr, repeated))}")
        for number, post in enumerate(self.document.posts):
            if post is not None and post.grade is not None and post.grade not in known:
                self.add(
                    ("posts", number, "grade"),
                    f"grade {post.grade!r} is not on the organisation's grade_scale",
                    suggest(post.grade, scale) or f"add it to grade_scale: {list(scale)}",
                )

    def _path_of(self, ident: str) -> Path:
        kind = self.kind_of[ident]
        return (_FIELD_OF_KIND[kind], self.index[kind][ident])

    # -- ids ---------------------------------------------------------------------------------

    def _collect_ids(self) -> None:
        kind_of = self.kind_of
        for field, kind in ID_KINDS.items():
            items: tuple[Any, ...] = getattr(self.document, field)
            if not items:
                continue
            idents: list[str | None] = [item.id if item is not None else None for item in items]
            for (list_name, number), ident in self.invalid.items():
                if list_name == field:
                    idents[number] = ident
            # Id -> first index, by writing the ids last to first.
            first = {ident: number for number, ident in reversed(list(enumerate(idents))) if ident is not None}
            if len(first) == len(items) and kind_of.keys().isdisjoint(first):  # the usual case
                kind_of.update(dict.fromkeys(first, kind))
                self.index[kind] = first
                continue
            index = self.index[kind]
            for number, ident in enumerate(idents):
                if ident is None:
                    continue
                if ident not in kind_of:
                    kind_of[ident] = kind
                    index[ident] = number
                else:
                    where = format_path((*self._path_of(ident), "id"))
                    self.add((field, number, "id"), f"duplicate id {ident!r}, first used at {where}")
        for number, source in enumerate(self.document.sources):
            if source is None:
                continue
            seen: dict[str, int] = {}
            for position, section in enumerate(source.sections):
                if section.id in seen:
                    first_path = ("sources", number, "sections", seen[section.id], "id")
                    self.add(
                        ("sources", number, "sections", position, "id"),
                        f"duplicate section {section.id!r} of source {source.id!r}, "
                        f"first used at {format_path(first_path)}",
                    )
                else:
                    seen[section.id] = position
            if self.index["source"].get(source.id) == number:
                self.sections[source.id] = set(seen)

    def _ids_of(self, kinds: frozenset[Kind]) -> list[str]:
        """The ids of these kinds, in document order (for stable suggestions)."""
        choices = self._choices.get(kinds)
        if choices is None:
            choices = [ident for ident, kind in self.kind_of.items() if kind in kinds]
            self._choices[kinds] = choices
        return choices

    def _allowed_ids(self, kinds: frozenset[Kind]) -> frozenset[str]:
        allowed = self._allowed.get(kinds)
        if allowed is None:
            allowed = frozenset().union(*(self.index[kind] for kind in kinds))
            self._allowed[kinds] = allowed
        return allowed

    def _suggest(self, word: str, choices: Sequence[str]) -> str | None:
        if self.budget < len(choices):
            return None
        self.budget -= len(choices)
        return suggest(word, choices)

    # -- references and citations ------------------------------------------------------------

    def _references(self) -> None:
        document = self.document
        self._visit([document.organisation], _at(("organisation",)))
        for field in type(document).model_fields:
            value = getattr(document, field)
            if isinstance(value, tuple) and value:
                self._visit(value, _in_list((field,)))

    def _visit(self, items: Sequence[Any], where: Where) -> None:
        """Check a batch of items of one model class (None: an item that failed validation)."""
        model = next((type(item) for item in items if item is not None), None)
        if model is None or not issubclass(model, BaseModel):
            return
        if model is Citation:
            self._citations(items, where)
            return
        spec = _spec(model)
        for field, kinds, ordered, many in spec.refs:
            allowed = self._allowed_ids(kinds)
            values: list[Any] = [getattr(item, field) if item is not None else None for item in items]
            if many:
                for number in [n for n, idents in enumerate(values) if idents and not allowed.issuperset(idents)]:
                    for position, ident in enumerate(values[number]):
                        if ident not in allowed:
                            self._reference(ident, ordered, (*where(number), field, position))
            else:
                for number in [n for n, ident in enumerate(values) if ident is not None and ident not in allowed]:
                    self._reference(values[number], ordered, (*where(number), field))
        for field, many in spec.children:
            children: list[Any] = [getattr(item, field) if item is not None else None for item in items]
            if many:
                for number, batch in enumerate(children):
                    if batch:
                        self._visit(batch, _in_list_of(where, number, field))
            else:
                numbers = [n for n, child in enumerate(children) if child is not None]
                if numbers:
                    self._visit([children[n] for n in numbers], _fields_of(where, numbers, field))

    def _name_index(self, ordered: tuple[Kind, ...]) -> NameIndex:
        """Ids, names and aliases of the items of these kinds, the first kind first (built once)."""
        index = self._indexes.get(ordered)
        if index is None:
            items = (item for kind in ordered for item in getattr(self.document, _FIELD_OF_KIND[kind]))
            named = [(item.id, getattr(item, "name", None), item.aliases) for item in items if hasattr(item, "aliases")]
            index = self._indexes[ordered] = NameIndex(named, self._ids_of(frozenset(ordered)))
        return index

    def _reference(self, ident: str, ordered: tuple[Kind, ...], where: Path) -> None:
        found = self.kind_of.get(ident)
        choices = self._ids_of(frozenset(ordered))
        if found is None and self.budget >= len(choices) and self.name_budget >= len(choices):
            # An unknown id: its closest id, or the item whose name it is. Matching by name
            # costs about as much again, from a budget of its own.
            self.budget -= len(choices)
            index = self._name_index(ordered)
            self.name_budget -= len(index)
            suggestion = index.suggest(ident)
        else:
            suggestion = self._suggest(ident, choices)
        if found is None:
            if suggestion is None and len(ordered) > 1:
                suggestion = "expected the id of " + _a(_join([KIND_NOUNS[kind] for kind in ordered]))
            self.add(where, f"unknown {KIND_NOUNS[ordered[0]]} {ident!r}", suggestion)
        else:
            expected = _a(_join([KIND_NOUNS[kind] for kind in ordered]))
            self.add(where, f"{ident!r} is {_a(KIND_NOUNS[found])}, not {expected}", suggestion)

    def _citations(self, citations: Sequence[Citation], where: Where) -> None:
        sources = self.index["source"]
        for number, citation in enumerate(citations):
            if citation.document not in sources:
                self.add(
                    (*where(number), "document"),
                    f"unknown source {citation.document!r}",
                    self._suggest(citation.document, self._ids_of(frozenset({"source"}))),
                )
                continue
            sections = self.sections.get(citation.document)
            if citation.section is None or sections is None:  # no section, or a source that failed validation
                continue
            if citation.section not in sections:
                self.add(
                    (*where(number), "section"),
                    f"unknown section {citation.section!r} of source {citation.document!r}",
                    self._suggest(citation.section, sorted(sections)),
                )

    def _manager_flags(self) -> None:
        """``top`` and ``manager_unknown`` against ``reports_to`` and each other."""
        flagged = [
            (index, post)
            for index, post in enumerate(self.document.posts)
            if post is not None and (post.top or post.manager_unknown or post.reports_to_one_of)
        ]
        for index, post in flagged:
            self._candidate_managers(index, post)
        for index, post in flagged:
            if post.top and post.reports_to is not None:
                self.add(
                    ("posts", index, "reports_to"),
                    f"post {post.id!r} is marked 'top: true' but reports to {post.reports_to!r}",
                    "a top post has no manager: remove 'top' or 'reports_to'",
                )
            if post.manager_unknown and post.reports_to is not None:
                self.add(
                    ("posts", index, "manager_unknown"),
                    f"post {post.id!r} is marked 'manager_unknown: true' but reports to {post.reports_to!r}",
                    "a manager that is given is known: remove 'manager_unknown' or 'reports_to'",
                )
            if post.manager_unknown and post.top:
                self.add(
                    ("posts", index, "manager_unknown"),
                    f"post {post.id!r} is marked both 'manager_unknown: true' and 'top: true'",
                    "'top' is a root by design, 'manager_unknown' a manager the source does not name: keep one",
                )

    def _candidate_managers(self, index: int, post: Post) -> None:
        """``reports_to_one_of``: two or more other posts, instead of any other way to give the manager."""
        candidates = post.reports_to_one_of
        if not candidates:
            return
        where = ("posts", index, "reports_to_one_of")
        given = [name for name in ("reports_to", "top", "manager_unknown") if getattr(post, name)]
        if given:
            self.add(
                where,
                f"post {post.id!r} has 'reports_to_one_of' and {' and '.join(repr(n) for n in given)}",
                "'reports_to_one_of' says the manager is one of several posts: remove "
                + " and ".join(repr(n) for n in given),
            )
        if len(set(candidates)) < 2:
            self.add(
                where,
                f"post {post.id!r} reports to one of {len(set(candidates))} distinct post(s)",
                "name at least two candidate managers, or write 'reports_to' for one",
            )
        repeated = sorted({c for c in candidates if candidates.count(c) > 1})
        if repeated and len(set(candidates)) >= 2:
            self.add(
                where, f"post {post.id!r} names {', '.join(map(repr, repeated))} twice", "name each candidate once"
            )
        if post.id in candidates:
            self.add(where, f"post {post.id!r} names itself as a candidate manager", "remove it from the list")

    def _series(self) -> None:
        """Per-holder forums (``for_each``): each holder once, one person, and series ids that are free."""
        templates = [(i, f) for i, f in enumerate(self.document.forums) if f is not None and f.for_each is not None]
        if not templates:
            return
        posts = self.index["post"]
        for number, forum in templates:
            assert forum.for_each is not None
            where = ("forums", number, "for_each", "holders")
            holders = forum.for_each.holders
            if not holders:  # possible after an edit (Org.remove) that removed the last holder
                self.add(
                    where,
                    f"forum {forum.id!r} is held per holder but names no holders",
                    "name the posts that hold a series, or remove 'for_each'",
                )
            for position, holder in enumerate(holders):
                if holders.index(holder) != position:
                    self.add((*where, position), f"forum {forum.id!r} names holder {holder!r} twice", "name each once")
                    continue
                post = self.document.posts[posts[holder]] if holder in posts else None
                if post is not None and post.headcount != 1:
                    self.add(
                        (*where, position),
                        f"holder {holder!r} of forum {forum.id!r} stands for {post.headcount} people, not one",
                        "a series is held by one person: give each person their own post with 'headcount: 1'",
                    )
        for template, series in plan_series(self.document).items():
            at = self.index["forum"].get(template)
            for item in series if at is not None else ():
                if item.id in self.kind_of and at is not None:
                    used = format_path((*self._path_of(item.id), "id"))
                    self.add(
                        ("forums", at, "for_each"),
                        f"series id {item.id!r} of forum {template!r} is already used at {used}",
                        "rename that item or the forum",
                    )

    # -- cycles ------------------------------------------------------------------------------

    def _cycles(self) -> None:
        document = self.document
        chains: list[tuple[str, Kind, str, str, Sequence[Any]]] = [
            ("posts", "post", "reports_to", "reporting line cycle", document.posts),
            ("units", "unit", "parent", "unit parent cycle", document.units),
            ("forums", "forum", "part_of", "forum part_of cycle", document.forums),
            ("topics", "topic", "parent", "topic parent cycle", document.topics),
        ]
        for field, kind, attribute, label, items in chains:
            index = self.index[kind]
            # Id -> the id it points to, among the first occurrences of ids of this kind.
            if len(index) == len(items) and kind not in self.partial:  # every item valid, no duplicates
                pairs = [(item.id, getattr(item, attribute)) for item in items]
                successor = {ident: target for ident, target in pairs if target in index}
            else:
                successor = {
                    item.id: target
                    for number, item in enumerate(items)
                    if item is not None
                    and (target := getattr(item, attribute)) is not None
                    and target in index
                    and index.get(item.id) == number
                }
            for cycle in functional_cycles(successor, index):
                self.add((field, index[cycle[0]], attribute), f"{label}: {' -> '.join([*cycle, cycle[0]])}")
        self._group_cycles()
        self._candidate_cycles()

    def _candidate_cycles(self) -> None:
        """A candidate manager below its post: one reading of the document would be a reporting cycle."""
        index = self.index["post"]
        posts = [
            post for number, post in enumerate(self.document.posts) if post is not None and index.get(post.id) == number
        ]
        if not any(post.reports_to_one_of for post in posts):
            return
        candidates = {post.id: post.reports_to_one_of for post in posts}
        edges: dict[str, list[str]] = {
            post.id: [m for m in (post.reports_to, *post.reports_to_one_of) if m is not None and m in index]
            for post in posts
        }
        for component in _strongly_connected(edges):
            within = set(component)
            uncertain = [p for p in component if len(component) > 1 and within & set(candidates[p])]
            if not uncertain:
                continue  # only 'reports_to' lines: reported as a reporting line cycle
            start = min(uncertain, key=index.__getitem__)
            cycle = _shortest_cycle(start, edges, within)
            self.add(
                ("posts", index[start], "reports_to_one_of"),
                f"a candidate manager makes a reporting line cycle: {' -> '.join([*cycle, start])}",
                "a post cannot report to a post below it: remove that candidate",
            )

    def _group_cycles(self) -> None:
        index = self.index["group"]
        edges: dict[str, list[str]] = {}
        for number, group in enumerate(self.document.groups):
            if group is not None and index.get(group.id) == number:
                edges[group.id] = list(group.members)
        for group_id, members in edges.items():
            edges[group_id] = [member for member in members if member in edges]
        starts: list[tuple[int, str, set[str]]] = []
        for component in _strongly_connected(edges):
            start = min(component, key=index.__getitem__)
            if len(component) > 1 or start in edges[start]:
                starts.append((index[start], start, set(component)))
        for number, start, within in sorted(starts, key=lambda entry: entry[0]):
            cycle = _shortest_cycle(start, edges, within)
            member = self.document.groups[number].members.index(cycle[1 % len(cycle)])
            self.add(
                ("groups", number, "members", member),
                f"group membership cycle: {' -> '.join([*cycle, start])}",
            )


class Successors(Protocol):
    """What :func:`functional_cycles` reads: each node's one successor, or None (a dict's ``get``)."""

    def get(self, node: str, /) -> str | None:
        """The node's successor, or None."""


def functional_cycles(
    successor: Successors,
    order: Mapping[str, int] | Callable[[], Mapping[str, int]],
    starts: Iterable[str] | None = None,
) -> list[list[str]]:
    """Cycles of a graph where each node has at most one successor, in document order.

    Each cycle starts at its node that comes first in ``order`` (a position
    for every node); cycles come in that order too. Linear in the nodes.

    Parameters
    ----------
    successor : mapping of str to str, or any object with such a ``get``
        Each node's one successor (e.g. a post's manager); nodes without one
        are left out. Without ``starts`` it must be a mapping (its keys are
        the starts).
    order : mapping of str to int, or a function that makes one
        The position of every node (document order); a function is called
        only when there are cycles to order.
    starts : iterable of str, optional
        The nodes to walk from, when every cycle is known to hold one of
        them (every node with a successor by default). A cycle cannot go
        only from nodes to nodes above them in a file: the nodes whose
        successor comes further down are enough.

    Examples
    --------
    >>> functional_cycles({"a": "b", "b": "c", "c": "b", "d": "d", "e": "a"}, {n: i for i, n in enumerate("abcde")})
    [['b', 'c'], ['d']]
    >>> position = {n: i for i, n in enumerate("abcde")}
    >>> functional_cycles({"a": "b", "b": "c", "c": "b", "d": "d", "e": "a"}, position, starts="abd")  # point down
    [['b', 'c'], ['d']]
    """
    state: dict[str, str] = {}  # node -> the start of the walk that reached it first
    found: list[list[str]] = []
    following = successor.get
    if starts is None:
        starts = typing.cast(Mapping[str, str], successor)  # a node without a successor is on no cycle
    for start in starts:
        if start in state:
            continue
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = start
            walk.append(node)
            node = following(node)
        if node is not None and state[node] == start:
            found.append(walk[walk.index(node) :])
    if not found:
        return []
    position = order() if callable(order) else order
    cycles = []
    for cycle in found:
        first = min(range(len(cycle)), key=lambda i: position[cycle[i]])
        cycles.append(cycle[first:] + cycle[:first])
    cycles.sort(key=lambda cycle: position[cycle[0]])
    return cycles


def has_functional_cycle(successor: Mapping[str, str]) -> bool:
    """Whether a graph where each node has at most one successor has a cycle, decided in numpy.

    What :func:`functional_cycles` finds, only whether there is any: the
    successors are numbered by one hashed lookup in C (``pandas.Index``),
    then every node's pointer jumps to its pointer's pointer until all have
    run off the end (no cycle) or the pointers have covered more steps than
    there are nodes (a cycle). O(n log depth) in numpy: at a million posts a
    third of the Python walk's time, which is then needed only to name the
    cycles there are.

    Parameters
    ----------
    successor : mapping of str to str
        Each node's one successor; nodes without one are left out.

    Returns
    -------
    bool
        True when following successors from some node comes back to it.

    Examples
    --------
    >>> has_functional_cycle({"a": "b", "b": "c"}), has_functional_cycle({"a": "b", "b": "a", "c": "a"})
    (False, True)
    >>> has_functional_cycle({"d": "d"}), has_functional_cycle({})
    (True, False)
    """
    import numpy as np
    import pandas as pd

    if not successor:
        return False
    nodes = pd.Index(list(successor), dtype=object)
    up = nodes.get_indexer(pd.Index(list(successor.values()), dtype=object)).astype(np.int64)
    for _ in range(len(up).bit_length() + 1):  # 2**rounds steps covered: more than the nodes after the last
        live = np.flatnonzero(up >= 0)
        if live.size == 0:
            return False
        up[live] = up[up[live]]
    return True


def _strongly_connected(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = edges[node]
            for number in range(position, len(successors)):
                target = successors[number]
                if target not in index:
                    work.append((node, number + 1))
                    work.append((target, 0))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return components


def _shortest_cycle(start: str, edges: Mapping[str, Sequence[str]], within: set[str]) -> list[str]:
    """The shortest cycle through ``start`` inside one strongly connected component."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in edges[node]:
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return path[::-1]
                if target in within and target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return [start]  # pragma: no cover - a strongly connected component always has one
