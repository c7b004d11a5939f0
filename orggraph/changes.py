"""What changed between two versions of an organisation, and what it does to the key figures.

:func:`diff` compares the two documents item by item (units, posts, forums,
topics, ... matched by id; reporting lines and memberships by their content)
and classifies every difference:

``added`` / ``removed``
    An item that is in only one of the two.
``moved``
    A change of place in the structure: a post's ``reports_to`` or ``unit``,
    a unit's ``parent``.
``changed``
    Any other field of an item that is in both, with its value before and after.

``renamed``
    A unit of ``a`` that ``b`` has under another id (imports key units by
    name), found by its posts: most posts of the old unit that ``b`` keeps are
    in the new one, and most of the new one's kept posts come from the old.
    One change (``field`` ``"id"``, old and new id) instead of a removal, an
    addition and a move of each of its posts.

Where an import found an item (the file row in ``attributes["row"]``,
``source_line``, ``source_file``) is not compared: a post kept on another
line of the next file has not changed.

The :class:`Diff` also answers what the changes do to the figures analysts
watch: :attr:`Diff.metrics` (the key figures of
:func:`orggraph.metrics.metrics_summary` before, after and the change),
:meth:`Diff.spans`, :meth:`Diff.layers` and :meth:`Diff.meeting_load` (the
posts whose figures changed).

Examples
--------
>>> import orggraph
>>> from orggraph.scenario import Move, apply
>>> org = orggraph.example()
>>> changes = diff(org, apply(org, Move("accountant", "coo")))
>>> print(changes)
moved post 'Accountant' (accountant): reports_to 'cfo' → 'coo'
>>> changes.metrics.loc[["manager_posts", "managers_of_managers"]]
                     before after change
manager_posts             5     4     -1
managers_of_managers      3     3     +0
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from orggraph.schema import Document, Post, Unit

if TYPE_CHECKING:
    import pandas as pd

    from orggraph.org import Org

__all__ = ["Change", "Diff", "diff", "value_text"]

ChangeKind = Literal["added", "removed", "moved", "changed", "renamed"]

_MOVES = {(Post, "reports_to"), (Post, "unit"), (Unit, "parent")}
_POSITION = frozenset({"row", "source_line", "source_file"})  # where an import found the item: not compared
_SINGULAR = {
    "sources": "source",
    "units": "unit",
    "posts": "post",
    "reporting_lines": "reporting line",
    "groups": "group",
    "forums": "forum",
    "topics": "topic",
    "decision_rules": "decision rule",
    "instruments": "instrument",
    "events": "event",
    "declared_counts": "declared count",
    "people": "person",
    "memberships": "membership",
}


@dataclass(frozen=True)
class Change:
    """One difference between two versions of an organisation.

    Attributes
    ----------
    kind : {"added", "removed", "moved", "changed"}
    item : str
        What kind of item: ``"post"``, ``"unit"``, ``"forum"``, ``"reporting line"``, ...
    id : str
        The item's id (for items without one, such as reporting lines, a key
        made of their content).
    name : str
        The item's name (in the version that has it).
    field : str or None
        For ``moved`` and ``changed``: the field. None for ``added`` and ``removed``.
    before, after : object
        The field's values (for ``added``/``removed``: None and the item, or
        the item and None).

    Examples
    --------
    >>> c = Change("moved", "post", "x", "X", "reports_to", "a", "b")
    >>> str(c)
    "moved post 'X' (x): reports_to 'a' → 'b'"
    """

    kind: ChangeKind
    item: str
    id: str
    name: str
    field: str | None = None
    before: Any = None
    after: Any = None

    def __str__(self) -> str:
        head = (
            f"{self.kind} {self.item} {self.name!r} ({self.id})" if self.name else f"{self.kind} {self.item} {self.id}"
        )
        if self.field is None:
            return head
        return f"{head}: {self.field} {_show(self.before)} → {_show(self.after)}"


def _show(value: Any) -> str:
    if isinstance(value, BaseModel):
        return str(value_text(value))
    if isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
        return f"[{value_text(value)}]"
    return repr(value)


def value_text(value: Any) -> str | None:
    """A field's value as a change log writes it: items by name or content, lists joined, no reprs.

    A role assignment reads ``role: holder``; an item with an id reads
    ``name (id)``; another item lists its fields (``per_year=4``); a list
    joins its values with ``"; "``. Sources and descriptions are left out.

    Parameters
    ----------
    value : Any
        A field's value: None, a scalar, a model item (a role assignment, an
        item with an id, another item) or a list of them.

    Examples
    --------
    >>> from orggraph.schema import Cadence, Post, RoleAssignment
    >>> value_text((RoleAssignment(role="responsible", holder="chefforum"),
    ...             RoleAssignment(role="informed", holder="lederforum")))
    'responsible: chefforum; informed: lederforum'
    >>> value_text(Post(id="cfo", name="Finance Director")), value_text(Cadence(per_year=4)), value_text(None)
    ('Finance Director (cfo)', 'per_year=4', None)
    >>> value_text(("ceo", "cfo")), value_text(3)
    ('ceo, cfo', '3')
    """
    if value is None:
        return None
    if isinstance(value, BaseModel):
        data = value.model_dump(mode="json", exclude_defaults=True, exclude={"source", "description"})
        if {"role", "holder"} <= set(data):
            return f"{data['role']}: {data['holder']}"
        if "id" in data and "name" in data:
            return f"{data['name']} ({data['id']})"
        return ", ".join(f"{key}={_plain(item)}" for key, item in data.items())
    if isinstance(value, tuple):
        parts = [value_text(item) for item in value]
        separator = "; " if any(isinstance(item, BaseModel) for item in value) else ", "
        return separator.join(part for part in parts if part is not None)
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    return str(value)


def _what_changed(change: Change) -> str | None:
    """The change in one cell: ``+1``, or what a list gained and lost (``+ informed: x; − consulted: y``)."""
    before, after = change.before, change.after
    if change.kind in ("added", "removed"):
        return None
    numbers = (int, float)
    if isinstance(before, numbers) and isinstance(after, numbers) and not isinstance(before, bool):
        if isinstance(after, bool):
            return None
        return f"{after - before:+g}"
    if isinstance(before, tuple) and isinstance(after, tuple):
        gone = [value_text(v) for v in before if v not in after]
        new = [value_text(v) for v in after if v not in before]
        parts = [*(f"+ {text}" for text in new), *(f"− {text}" for text in gone)]
        return "; ".join(parts) or "reordered"
    return None


@dataclass(frozen=True)
class Diff:
    """The changes from one organisation to another, and their effect on the key figures.

    A ``Diff`` is a sequence of :class:`Change` (``len``, iteration, truth
    value: empty when nothing changed). The figure tables are computed when
    first asked for.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> bool(diff(org, org)), len(diff(org, org))
    (False, 0)
    """

    before: Org = field(repr=False)
    after: Org = field(repr=False)
    changes: tuple[Change, ...]

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __str__(self) -> str:
        return "\n".join(str(c) for c in self.changes) if self.changes else "no changes"

    def _repr_html_(self) -> str:
        return self.to_frame()._repr_html_()  # type: ignore[operator,no-any-return]

    def to_frame(self) -> pd.DataFrame:
        """The changes as a change log: kind, item, id, name, field, before, after, change.

        ``before`` and ``after`` are text (see :func:`value_text`): a list of
        role assignments reads ``responsible: chefforum; informed:
        lederforum``, never an object's repr. ``change`` says what a number
        did (``-1``) or what a list gained and lost (``+ x; − y``). Rows are
        numbered in the order of the changes (index ``change``).

        Examples
        --------
        >>> import orggraph
        >>> from orggraph.scenario import Remove, apply
        >>> org = orggraph.example()
        >>> frame = diff(org, apply(org, Remove("site-lead"))).to_frame()
        >>> for row in frame[["kind", "id", "field", "before", "after"]].fillna("-").itertuples():
        ...     print(*row, sep=" | ")
        0 | removed | site-lead | - | Site Lead (site-lead) | -
        1 | moved | technician | reports_to | site-lead | coo
        2 | changed | ops-huddle | members | coo, site-lead | coo
        >>> frame.loc[2, "change"]
        '− site-lead'
        """
        import pandas as pd

        columns = ["kind", "item", "id", "name", "field", "before", "after", "change"]
        rows = [
            (c.kind, c.item, c.id, c.name, c.field, value_text(c.before), value_text(c.after), _what_changed(c))
            for c in self.changes
        ]
        return pd.DataFrame(rows, columns=columns, index=pd.RangeIndex(len(rows), name="change"))

    @cached_property
    def metrics(self) -> pd.DataFrame:
        """The key figures before and after, and the change (NaN where a figure is unknown).

        The columns hold floats (counts and means share them); the display
        leaves out a needless ``.0`` and signs the change.

        The figures are those of :func:`orggraph.metrics.metrics_summary`:
        posts, people, managers, spans, layers, meeting hours.

        Examples
        --------
        >>> import orggraph
        >>> from orggraph.scenario import Remove, apply
        >>> org = orggraph.example()
        >>> diff(org, apply(org, Remove("site-lead"))).metrics.loc[["posts", "layers", "span_mean"]]
                  before after change
        posts          8     7     -1
        layers         5     4     -1
        span_mean      2   2.5   +0.5
        """
        import pandas as pd

        from orggraph.display import formatted
        from orggraph.metrics import metrics_summary

        before = metrics_summary(self.before).to_series().drop("organisation").astype(float)
        after = metrics_summary(self.after).to_series().drop("organisation").astype(float)
        frame = pd.DataFrame({"before": before, "after": after, "change": after - before})
        # counts and means share the columns: floats in the data, shown without a needless '.0'
        return formatted(frame, {"before": "{:g}", "after": "{:g}", "change": "{:+g}"})

    def spans(self) -> pd.DataFrame:
        """Posts whose spans of control changed: ``direct``, ``total`` and ``span`` before and after.

        Where either organisation has candidate managers, the ranges
        (``direct_min`` ... ``total_max``) are compared and shown too.

        Examples
        --------
        >>> import orggraph
        >>> from orggraph.scenario import Move, apply
        >>> org = orggraph.example()
        >>> diff(org, apply(org, Move("accountant", "coo"))).spans()[["direct_before", "direct_after"]]
              direct_before  direct_after
        post
        cfo               3             0
        coo               2             5
        """
        from orggraph.hierarchy import hierarchy
        from orggraph.metrics import span_of_control

        columns = ["direct", "total", "span"]
        if hierarchy(self.before).uncertain or hierarchy(self.after).uncertain:
            columns += ["direct_min", "direct_max", "total_min", "total_max"]  # a range can change, not its NaN
        return _changed(span_of_control(self.before), span_of_control(self.after), columns)

    def layers(self) -> pd.DataFrame:
        """Posts whose layer changed (and posts added or removed).

        Examples
        --------
        >>> import orggraph
        >>> from orggraph.scenario import Move, apply
        >>> org = orggraph.example()
        >>> diff(org, apply(org, Move("technician", "coo"))).layers()
                    layer_before  layer_after
        post
        technician             4            3
        """
        from orggraph.metrics import layers

        return _changed(layers(self.before), layers(self.after), ["layer"])

    def meeting_load(self) -> pd.DataFrame:
        """Posts whose meetings or meeting hours a year changed.

        Examples
        --------
        >>> import orggraph
        >>> from orggraph.scenario import Merge, apply
        >>> org = orggraph.example()
        >>> diff(org, apply(org, Merge("board", "ops-huddle"))).meeting_load()[["forums_before", "forums_after"]]
                   forums_before  forums_after
        post
        coo                    3             2
        site-lead              2             2
        """
        from orggraph.meetings import meeting_load

        columns = ["forums", "meetings_per_year", "hours_per_year"]
        return _changed(meeting_load(self.before), meeting_load(self.after), columns)


def _changed(before: pd.DataFrame, after: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Rows (by index) whose columns differ, NaN equal to NaN; a row in only one side counts as changed."""
    left = before[columns].add_suffix("_before")
    right = after[columns].add_suffix("_after")
    joined = left.join(right, how="outer", sort=False)
    order = [*before.index, *(i for i in after.index if i not in before.index)]
    joined = joined.reindex(order)
    differs = None
    for column in columns:
        a, b = joined[f"{column}_before"], joined[f"{column}_after"]
        column_differs = (a != b).fillna(True).astype(bool) & ~(a.isna() & b.isna())
        differs = column_differs if differs is None else differs | column_differs
    interleaved = [name for column in columns for name in (f"{column}_before", f"{column}_after")]
    return joined.loc[differs, interleaved] if differs is not None else joined[interleaved]


def diff(a: Org, b: Org) -> Diff:
    """The changes from organisation ``a`` to organisation ``b``.

    Parameters
    ----------
    a, b : Org
        The organisation before and after (e.g. ``b = orggraph.scenario.apply(a, edit)``).

    Returns
    -------
    Diff
        The changes in document order (added, removed, moved and changed
        items), with the effect on spans, layers and meeting load.

    Examples
    --------
    >>> import orggraph
    >>> from orggraph.scenario import Add, apply
    >>> org = orggraph.example()
    >>> print(diff(org, apply(org, Add("controller", "Controller", reports_to="cfo"))))
    added post 'Controller' (controller)
    >>> print(diff(org, org))
    no changes
    """
    return Diff(a, b, _with_unit_renames(a.document, b.document, list(_document_changes(a.document, b.document))))


def _unit_renames(a: Document, b: Document) -> dict[str, str]:
    """Units of ``a`` not in ``b`` -> units of ``b`` not in ``a`` that took most of their (kept) posts."""
    ids_a, ids_b = {u.id for u in a.units}, {u.id for u in b.units}
    gone, new = ids_a - ids_b, ids_b - ids_a
    if not gone or not new:
        return {}
    unit_b = {p.id: p.unit for p in b.posts}
    flows: dict[tuple[str, str], int] = {}
    out_of: dict[str, int] = {}
    into: dict[str, int] = {}
    for post in a.posts:
        if post.unit in gone and post.id in unit_b:
            out_of[post.unit] = out_of.get(post.unit, 0) + 1
            target = unit_b[post.id]
            if target in new:
                flows[(post.unit, target)] = flows.get((post.unit, target), 0) + 1
    kept_a = {p.id for p in a.posts}
    for post in b.posts:
        if post.unit in new and post.id in kept_a:
            into[post.unit] = into.get(post.unit, 0) + 1
    renames: dict[str, str] = {}
    for (old, target), count in sorted(flows.items(), key=lambda item: (-item[1], item[0])):
        if (
            old not in renames
            and target not in renames.values()
            and 2 * count > out_of[old]
            and 2 * count > into[target]
        ):
            renames[old] = target
    return renames


def _part_of_rename(change: Change, renames: dict[str, str], targets: set[str]) -> bool:
    """The renamed unit's addition, or a post's move from the old unit id to the new one."""
    if change.item == "unit" and change.kind == "added":
        return change.id in targets
    return change.kind == "moved" and change.field == "unit" and renames.get(change.before) == change.after


def _with_unit_renames(a: Document, b: Document, changes: list[Change]) -> tuple[Change, ...]:
    renames = _unit_renames(a, b)
    if not renames:
        return tuple(changes)
    targets = set(renames.values())
    names = {u.id: u.name for u in b.units}
    result: list[Change] = []
    for change in changes:
        if change.item == "unit" and change.kind == "removed" and change.id in renames:
            new = renames[change.id]
            result.append(Change("renamed", "unit", change.id, names.get(new, new), "id", change.id, new))
        elif not _part_of_rename(change, renames, targets):
            result.append(change)
    return tuple(result)


def _document_changes(a: Document, b: Document) -> Iterator[Change]:
    if a == b:
        return
    for name in Document.model_fields:
        old, new = getattr(a, name), getattr(b, name)
        if old == new:
            continue
        if name in _SINGULAR:
            yield from _list_changes(_SINGULAR[name], old, new)
        elif isinstance(old, BaseModel):
            yield from _item_changes(name, old, new)
        else:
            yield Change("changed", "document", name, "", name, old, new)


def _list_changes(item: str, old: tuple[Any, ...], new: tuple[Any, ...]) -> Iterator[Change]:
    before = _keyed(old)
    after = _keyed(new)
    for key, value in before.items():
        if key not in after:
            yield Change("removed", item, key, _name(value), None, value, None)
        elif _without_position(after[key]) != _without_position(value):
            yield from _item_changes(item, value, after[key], key)
    for key, value in after.items():
        if key not in before:
            yield Change("added", item, key, _name(value), None, None, value)


def _keyed(items: tuple[Any, ...]) -> dict[str, Any]:
    """Items by id; items without an id by their content (several equal ones numbered)."""
    keyed: dict[str, Any] = {}
    for item in items:
        key = getattr(item, "id", None) or _content_key(item)
        base, number = key, 2
        while key in keyed:
            key, number = f"{base} #{number}", number + 1
        keyed[key] = item
    return keyed


def _content_key(item: BaseModel) -> str:
    data = item.model_dump(mode="json", exclude_defaults=True, exclude={"source", "description"})
    if {"post", "to", "kind"} <= set(data) or {"post", "to"} <= set(data):
        return f"{data['post']} → {data['to']} ({data.get('kind', 'dotted')})"
    return ", ".join(f"{k}={v}" for k, v in data.items())


def _name(item: Any) -> str:
    name = getattr(item, "name", None)
    return name if isinstance(name, str) else ""


def _without_position(item: Any) -> Any:
    """The item without the file position an import stores (``attributes["row"]``, ``source_line``).

    Where a row stands in a file says nothing about the post: a kept post on
    another line is not a change.
    """
    attributes = getattr(item, "attributes", None)
    if isinstance(item, BaseModel) and isinstance(attributes, dict) and _POSITION.intersection(attributes):
        kept = {key: value for key, value in attributes.items() if key not in _POSITION}
        return item.model_copy(update={"attributes": kept})
    return item


def _item_changes(item: str, old: BaseModel, new: BaseModel, key: str | None = None) -> Iterator[Change]:
    identifier = key or str(getattr(new, "id", item))
    old, new = _without_position(old), _without_position(new)
    for name in type(old).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before != after and not _both_nan(before, after):
            kind: ChangeKind = "moved" if (type(old), name) in _MOVES else "changed"
            yield Change(kind, item, identifier, _name(new), name, before, after)


def _both_nan(a: Any, b: Any) -> bool:
    return isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
