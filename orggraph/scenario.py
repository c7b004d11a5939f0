"""What-if edits: move, merge, remove and add, each returning a new organisation.

An edit is a small frozen record (:class:`Move`, :class:`Merge`,
:class:`Remove`, :class:`Add`) that says what to change; :func:`apply`
carries it out on a copy of the organisation's document and builds a new
:class:`~orggraph.Org`. The original is never touched, so an analyst can
compare the two with :func:`orggraph.changes.diff`.

The edits work on the data, as an HR department would carry them out:

- **Move** a post to another manager (a post, or a body when only the body
  is known), or a unit under another post or unit. A unit moved under a post
  goes into the unit that post *heads* (beside it, when the post heads only
  a body such as an executive board) and its head reports to the post; a
  post that heads no unit cannot take one. A unit moved under a unit takes
  its head's reporting line along when the old place gave it (see
  :class:`Move`).
- **Merge** two units or two forums: the second is absorbed into the first.
  Every reference to the absorbed one (posts in it, units below it, members,
  holders of roles, ...) points at the one kept; a merged forum keeps the
  first one's meetings, chair and owner (the second's where the first has
  none) and the union of members, guests, purposes and focus.
- **Remove** a post: its direct reports pass to its manager, and so does every
  role it held (unit head, chair, owner, roles on topics, places in decision
  rules and instruments); its memberships (groups, forums, guest places,
  rotations) end.
- **Add** a post.

Every result is checked like a loaded file (references resolve, no cycles),
so an impossible edit fails with an :class:`EditError` naming the problem
instead of producing a broken organisation.

Examples
--------
>>> import orggraph
>>> from orggraph.scenario import Move, apply
>>> org = orggraph.example()
>>> moved = apply(org, Move("accountant", "coo"))
>>> moved.manager("accountant"), org.manager("accountant")
('coo', 'cfo')
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from pydantic import BaseModel, ValidationError

from orggraph.checks import REFERENCES, check_document, format_path
from orggraph.errors import EditError
from orggraph.schema import (
    Agreement,
    Chair,
    DecisionRule,
    Document,
    Forum,
    GroupRule,
    Instrument,
    Post,
    ReportingLine,
    RoleAssignment,
    Selector,
    Unit,
)

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["Add", "Edit", "EditError", "Merge", "Move", "Remove", "apply"]


_BODY_KINDS = frozenset({"political_body", "committee", "executive_board"})
"""Unit kinds that are collective bodies: a unit is never moved inside one (its people would join the body)."""


@dataclass(frozen=True)
class _UnitMove:
    """Where a moved unit goes and what happens to its head's reporting line."""

    parent: str | None  # the unit's new parent (None: the top level)
    manager: str | None  # the head's new manager; None: the head's line stays as it is
    where: str  # where the unit goes, in words ("" when it moves under a unit, which says it)
    line: str  # the head's reporting line, in words ("" when the unit has no head)


@dataclass(frozen=True)
class Move:
    """Move a post to another manager, or a unit under another post or unit.

    A post moved to a manager changes its reporting line only (it stays in
    its unit). A unit moves as a whole, with its sub-units, and takes its head
    (the post that heads it) along:

    - **Under a post**: the unit goes into the unit that post *heads* (not the
      unit the post sits in: a director who sits in the direktion but heads a
      directorate takes the unit into the directorate), and the unit's head
      reports to the post. A post that heads only collective bodies (an
      executive board, committee or political body, such as a kommunaldirektør
      who heads the direktion) takes the unit in beside the body, into the
      body's parent unit or to the top level: a unit inside a body would make
      its people members of the body and of its forums. A post that heads no
      unit (or several) cannot take a unit; the edit is refused with what to do
      instead.
    - **Under a unit**: the unit becomes that unit's sub-unit. Its head's
      reporting line follows the unit when the old place gave it: when the
      head reported to the head of the old parent unit (or, if the old parent
      has no head, of the nearest unit above it that has one), or to a body (a
      manager documented only as, e.g., "the direktion"). The head then
      reports to the head of the new parent (or of the nearest unit above it
      with a head). A head that reported elsewhere by exception, or to no one,
      keeps its line, and so does every head when no unit at or above the new
      parent has a head.

    :meth:`describe` says which of these happens.

    Parameters
    ----------
    node : str
        The post or unit to move.
    to : str
        For a post: its new manager (a post, or a unit or group when only the
        body is known). For a unit: a post (the unit goes into the unit the
        post heads and its head reports to the post) or a unit (the new
        parent).

    Raises
    ------
    EditError
        When applied: a move that makes a reporting or nesting cycle, a unit
        moved under a group, or under a post that heads no unit (or several).

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> print(Move("operations", "cfo").describe(org))
    move unit 'Operations' (operations) under 'Finance Director' (cfo): into 'Finance' (finance), the unit it heads;
    its head 'Operations Director' (coo) then reports to 'Finance Director' (cfo)
    >>> moved = apply(org, Move("operations", "cfo"))
    >>> moved.graph.nodes["operations"]["parent"], moved.chain_of_command("site-lead")
    ('finance', ['coo', 'cfo', 'ceo', 'chair'])
    >>> apply(org, Move("operations", "accountant"))
    Traceback (most recent call last):
    ...
    orggraph.errors.EditError: cannot move unit 'Operations' (operations) under 'Accountant' (accountant):
    'Accountant' (accountant) heads no unit, so there is no unit to move it into; move it under a unit instead, or
    move its head 'Operations Director' (coo) to report to 'Accountant' (accountant)
    """

    node: str
    to: str

    def describe(self, org: Org) -> str:
        """The edit in words, with names; for a unit, where it goes and what happens to its head's line.

        Parameters
        ----------
        org : Org
            The organisation the edit applies to (for the names).

        Returns
        -------
        str
            The edit as one sentence, posts and units by name.
        """
        title = self._title(org)
        if org.kind(self.node) != "unit":
            return title
        try:
            plan = self._unit_move(org, org.document)
        except EditError:
            return title
        details = "; ".join(text for text in (plan.where, plan.line) if text)
        return f"{title}: {details}" if details else title

    def _title(self, org: Org) -> str:
        return f"move {org.kind(self.node)} {_label(org, self.node)} under {_label(org, self.to)}"

    def _edit(self, org: Org, doc: Document) -> Document:
        kind = _kind(org, self.node, "post", "unit")
        _kind(org, self.to, "post", "unit", "group")
        if kind == "post":
            _refuse_cycle(org, self.node, self.to, self._title(org))
            return _replace_items(doc, "posts", {self.node: lambda p: p.model_copy(update=_line_to(self.to))})
        plan = self._unit_move(org, doc)
        doc = _replace_items(doc, "units", {self.node: lambda u: u.model_copy(update={"parent": plan.parent})})
        head, manager = next(u.head for u in doc.units if u.id == self.node), plan.manager
        if head is not None and manager is not None:
            doc = _replace_items(doc, "posts", {head: lambda p: p.model_copy(update=_line_to(manager))})
        return doc

    def _unit_move(self, org: Org, doc: Document) -> _UnitMove:
        """Where the unit goes and where its head reports (raises EditError for an impossible move)."""
        title = self._title(org)
        units = {u.id: u for u in doc.units}
        unit = units[self.node]
        head = unit.head
        target = _kind(org, self.to, "post", "unit", "group")
        if target == "group":
            raise EditError(f"cannot {title}: a unit moves under a post or a unit, not a group")
        if target == "post":
            if self.to == head:
                raise EditError(f"cannot {title}: {_label(org, head)} heads the unit already")
            parent, where = self._headed_by_target(org, units, title)
            manager: str | None = self.to
        else:
            parent, where, manager = self.to, "", _nearest_head(units, self.to)
            if units[self.to].kind in _BODY_KINDS:
                where = (
                    f"inside the {units[self.to].kind.replace('_', ' ')}, so its people become members of "
                    f"{_label(org, self.to)} and of the forums it is in"
                )
        if parent is not None and (parent == self.node or _inside(units, parent, self.node)):
            raise EditError(
                f"cannot {title}: {_label(org, parent)} is inside {_label(org, self.node)}, "
                "so the units would nest in a cycle"
            )
        if head is None:
            return _UnitMove(parent, None, where, "")
        current = next((p.reports_to for p in doc.posts if p.id == head), None)
        its_head = f"its head {_label(org, head)}"
        if target == "unit":
            kept = self._kept_line(org, units, manager, current)
            if kept is not None:
                return _UnitMove(parent, None, where, f"{its_head} {kept}")
        assert manager is not None
        _refuse_cycle(org, head, manager, title)
        if current == manager:
            return _UnitMove(parent, None, where, f"{its_head} already reports to {_label(org, manager)}")
        return _UnitMove(parent, manager, where, f"{its_head} then reports to {_label(org, manager)}")

    def _headed_by_target(self, org: Org, units: Mapping[str, Unit], title: str) -> tuple[str | None, str]:
        """The new parent of a unit moved under a post: the unit the post heads, or beside the body it heads."""
        headed = [u for u in units.values() if u.head == self.to and u.id != self.node]
        lines = [u for u in headed if u.kind not in _BODY_KINDS]
        if len(lines) == 1:
            return lines[0].id, f"into {_label(org, lines[0].id)}, the unit it heads"
        if len(lines) > 1 or len({u.parent for u in headed}) > 1:
            several = ", ".join(_label(org, u.id) for u in (lines or headed))
            raise EditError(
                f"cannot {title}: {_label(org, self.to)} heads {len(lines or headed)} units ({several}); "
                "move the unit under one of them instead"
            )
        if headed:
            body = headed[0]
            beside = f"beside {_label(org, body.id)}, the {body.kind.replace('_', ' ')} it heads"
            where = f"into {_label(org, body.parent)}" if body.parent is not None else "to the top level"
            return body.parent, f"{where}, {beside} (a unit does not go inside a body)"
        head = units[self.node].head
        instead = f", or move its head {_label(org, head)} to report to {_label(org, self.to)}" if head else ""
        raise EditError(
            f"cannot {title}: {_label(org, self.to)} heads no unit, so there is no unit to move it into; "
            f"move it under a unit instead{instead}"
        )

    def _kept_line(self, org: Org, units: Mapping[str, Unit], manager: str | None, current: str | None) -> str | None:
        """Why the head of a unit moved under a unit keeps its reporting line, or None when the line follows."""
        unit = units[self.node]
        if current is None and manager is not None and unit.head is not None and org.candidate_managers(unit.head):
            return None  # one of several candidates: the line follows the unit, to the one it moves under
        if current is None:
            return "still reports to no one"
        keeps = f"keeps reporting to {_label(org, current)}"
        old = _nearest_head(units, unit.parent) if unit.parent is not None else None
        if current != old and org.kind(current) not in ("unit", "group"):
            if old is None:
                return f"{keeps}, a line of its own (no unit above the unit's old place has a head)"
            return f"{keeps}, a line of its own (not to {_label(org, old)}, the head above the unit's old place)"
        if manager is None:
            return f"{keeps}: no unit at or above {_label(org, self.to)} has a head to report to"
        if manager == unit.head:
            return f"{keeps}: it heads {_label(org, self.to)} (or a unit above it) itself"
        return None


@dataclass(frozen=True)
class Merge:
    """Merge two units or two forums: ``absorb`` is folded into ``keep``.

    Parameters
    ----------
    keep : str
        The unit or forum that remains.
    absorb : str
        The unit or forum that disappears into it.
    name : str, optional
        A new name for the merged unit or forum.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> merged = apply(org, Merge("finance", "operations", name="Finance and Operations"))
    >>> merged.members("finance"), merged.name("finance")
    (['cfo', 'coo', 'accountant', 'site-lead', 'technician'], 'Finance and Operations')
    >>> apply(org, Merge("board", "ops-huddle")).members("board")
    ['ceo', 'cfo', 'coo', 'site-lead']
    """

    keep: str
    absorb: str
    name: str | None = None

    def describe(self, org: Org) -> str:
        """The edit in words, with names.

        Parameters
        ----------
        org : Org
            The organisation the edit applies to (for the names).

        Returns
        -------
        str
            The edit as one sentence, posts and units by name.
        """
        return f"merge {org.kind(self.absorb)} {_label(org, self.absorb)} into {_label(org, self.keep)}"

    def _edit(self, org: Org, doc: Document) -> Document:
        kind = _kind(org, self.keep, "unit", "forum")
        if self.absorb == self.keep:
            raise EditError(f"cannot merge {_label(org, self.keep)} with itself")
        if _kind(org, self.absorb, "unit", "forum") != kind:
            raise EditError(
                f"cannot {self.describe(org)}: only two units or two forums merge, "
                f"not a {org.kind(self.absorb)} and a {kind}"
            )
        items = "units" if kind == "unit" else "forums"
        upward = "parent" if kind == "unit" else "part_of"
        by_id = {item.id: item for item in getattr(doc, items)}
        absorbed = by_id[self.absorb]
        # a kept item below the absorbed one takes its place, or the nesting would become a cycle
        below = _inside(by_id, self.keep, self.absorb, upward)
        doc = doc.model_copy(update={items: tuple(i for i in getattr(doc, items) if i.id != self.absorb)})
        doc = _rewrite_document(doc, lambda cls, field, node: self.keep if node == self.absorb else node)
        merge = _merge_units if kind == "unit" else _merge_forums
        return _replace_items(doc, items, {self.keep: lambda kept: merge(kept, absorbed, self, below)})


def _merge_units(kept: Unit, absorbed: Unit, edit: Merge, below: bool) -> Unit:
    update: dict[str, Any] = {}
    if below:
        update["parent"] = absorbed.parent
    if kept.head is None and absorbed.head is not None:
        update["head"] = absorbed.head
    if edit.name is not None:
        update["name"] = edit.name
    return kept.model_copy(update=update)


def _merge_forums(kept: Forum, absorbed: Forum, edit: Merge, below: bool) -> Forum:
    members = _union(kept.members, absorbed.members)
    guests = {g.id: g for g in (*kept.guests, *absorbed.guests) if g.id not in members}
    update: dict[str, Any] = {
        "members": members,
        "guests": tuple(guests.values()),
        "purposes": _union(kept.purposes, absorbed.purposes),
        "focus": _union(kept.focus, absorbed.focus),
        "constraints": _union(kept.constraints, absorbed.constraints),
        "agenda_items_from": _union(kept.agenda_items_from, absorbed.agenda_items_from),
        "prepared_by": _union(kept.prepared_by, absorbed.prepared_by),
    }
    for field in ("chair", "owner", "established_by", "time_share"):
        if getattr(kept, field) is None and getattr(absorbed, field) is not None:
            update[field] = getattr(absorbed, field)
    for field in ("agenda", "minutes"):
        if getattr(kept, field) == "unknown":
            update[field] = getattr(absorbed, field)
    if not kept.meetings:
        update["meetings"] = absorbed.meetings
    if below:
        update["part_of"] = absorbed.part_of
    if edit.name is not None:
        update["name"] = edit.name
    return kept.model_copy(update=update)


# Fields whose holder's duties pass to the manager of a removed post; every other reference to
# the post (memberships, guest places, rotations, agenda proposers, its own reporting lines) ends.
_HANDED_OVER: frozenset[tuple[type[BaseModel], str]] = frozenset(
    {
        (Unit, "head"),
        (Post, "reports_to"),
        (ReportingLine, "to"),
        (Chair, "post"),
        (Forum, "owner"),
        (Forum, "established_by"),
        (RoleAssignment, "holder"),
        (Selector, "ids"),
        (DecisionRule, "may_delegate_to"),
        (DecisionRule, "consults"),
        (Instrument, "owner"),
        (Instrument, "consults"),
        (Instrument, "parties"),
        (Agreement, "parties"),
        (GroupRule, "reporting_to"),
    }
)


@dataclass(frozen=True)
class Remove:
    """Remove a post; its reports and its roles pass to its manager, its memberships end.

    Parameters
    ----------
    post : str
        The post to remove.

    Raises
    ------
    EditError
        When applied to a post that has direct reports but no manager to hand them to.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> smaller = apply(org, Remove("cfo"))
    >>> smaller.manager("accountant"), smaller.who("budget", role="responsible")
    ('ceo', ['ceo'])
    """

    post: str

    def describe(self, org: Org) -> str:
        """The edit in words, with names.

        Parameters
        ----------
        org : Org
            The organisation the edit applies to (for the names).

        Returns
        -------
        str
            The edit as one sentence, posts and units by name.
        """
        return f"remove post {_label(org, self.post)}"

    def _edit(self, org: Org, doc: Document) -> Document:
        _kind(org, self.post, "post")
        manager = org.manager(self.post)
        reports = org.direct_reports(self.post)
        if manager is None and reports:
            candidates = org.candidate_managers(self.post)
            why = (
                f"its manager is one of {', '.join(candidates)}, not documented which,"
                if candidates
                else "it has no manager"
            )
            raise EditError(
                f"cannot {self.describe(org)}: {why} to hand its {len(reports)} direct reports to "
                f"({', '.join(reports[:5])}); move them first"
            )
        manager_kind = None if manager is None else org.kind(manager)

        def hand_over(cls: type[BaseModel], field: str, node: str) -> str | None:
            if node != self.post:
                return node
            if (cls, field) not in _HANDED_OVER or manager is None:
                return None
            return manager if manager_kind in REFERENCES[(cls, field)] else None

        doc = _hand_over_candidacy(doc, self.post, manager if manager_kind == "post" else None)
        doc = doc.model_copy(update={"posts": tuple(p for p in doc.posts if p.id != self.post)})
        return _rewrite_document(doc, hand_over, edit=self.describe(org))


@dataclass(frozen=True)
class Add:
    """Add a post.

    Parameters
    ----------
    id : str
        The new post's id (not used by any item yet).
    name : str
        Its name.
    reports_to : str, optional
        Its manager (a post, or a body); without one the post is a root (``top``).
    unit : str, optional
        The unit it sits in.
    headcount : int or float, default 1
        People it stands for.
    type : str, optional
        Its type (used by rules and counts).
    staff : bool, default False
        A staff post, kept out of spans.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> bigger = apply(org, Add("controller", "Controller", reports_to="cfo", unit="finance"))
    >>> bigger.direct_reports("cfo")
    ['accountant', 'controller']
    """

    id: str
    name: str
    reports_to: str | None = None
    unit: str | None = None
    headcount: int | float = 1
    type: str | None = None
    staff: bool = False

    def describe(self, org: Org) -> str:
        """The edit in words, with names.

        Parameters
        ----------
        org : Org
            The organisation the edit applies to (for the names).

        Returns
        -------
        str
            The edit as one sentence, posts and units by name.
        """
        where = f" under {_label(org, self.reports_to)}" if self.reports_to is not None else " at the top"
        return f"add post {self.name!r} ({self.id}){where}"

    def _edit(self, org: Org, doc: Document) -> Document:
        if self.id in org.graph or any(c.id == self.id for c in doc.declared_counts):
            used = f"{org.kind(self.id)} {_label(org, self.id)}" if self.id in org.graph else "a declared count"
            raise EditError(f"cannot {self.describe(org)}: the id {self.id!r} is already used by {used}")
        if self.reports_to is not None:
            _kind(org, self.reports_to, "post", "unit", "group")
        if self.unit is not None:
            _kind(org, self.unit, "unit")
        try:
            post = Post(
                id=self.id,
                name=self.name,
                reports_to=self.reports_to,
                top=self.reports_to is None,
                unit=self.unit,
                headcount=self.headcount,
                type=self.type,
                staff=self.staff,
            )
        except ValidationError as error:  # a value the format refuses, e.g. a negative headcount
            detail = error.errors(include_url=False)[0]
            raise EditError(f"cannot {self.describe(org)}: {detail['loc'][0]}: {detail['msg']}") from None
        return doc.model_copy(update={"posts": (*doc.posts, post)})


Edit: TypeAlias = Move | Merge | Remove | Add
"""Any what-if edit."""


def apply(org: Org, *edits: Edit) -> Org:
    """Carry out what-if edits, in order, and return the new organisation.

    Parameters
    ----------
    org : Org
        The organisation (left unchanged).
    *edits : Move, Merge, Remove or Add
        The edits, applied one after the other.

    Returns
    -------
    Org
        A new organisation.

    Raises
    ------
    UnknownNodeError
        If an edit names an id that is not in the organisation (with close matches).
    EditError
        If an edit cannot be carried out (a move that makes a reporting cycle,
        removing a root that still has reports, an id already in use, ...).

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> after = apply(org, Move("site-lead", "cfo"), Remove("coo"))
    >>> after.direct_reports("cfo"), "coo" in after.graph
    (['accountant', 'site-lead'], False)
    >>> apply(org, Move("ceo", "technician"))
    Traceback (most recent call last):
    ...
    orggraph.errors.EditError: cannot move post 'Chief Executive' (ceo) under 'Technician' (technician): \
'Technician' (technician) is below 'Chief Executive' (ceo), so the move would make a reporting cycle
    """
    from orggraph.org import Org

    for edit in edits:
        document = edit._edit(org, org.document)
        problems = check_document(document)
        if problems:
            known = {(p.path, p.message) for p in check_document(org.document)}
            new = [p for p in problems if (p.path, p.message) not in known]
            if new:
                lines = "; ".join(f"{format_path(p.path)}: {p.message}" for p in new[:5])
                raise EditError(f"cannot {edit.describe(org)}: the result would be inconsistent: {lines}")
        org = Org._checked(document)
    return org


# -- helpers ---------------------------------------------------------------------------------------


def _label(org: Org, node: str) -> str:
    return f"{org.name(node)!r} ({node})" if node in org.graph else repr(node)


def _kind(org: Org, node: str, *kinds: str) -> str:
    """The node's kind, checked; an unknown id raises UnknownNodeError with suggestions."""
    kind = org.kind(node)
    if kind not in kinds:
        raise EditError(f"{_label(org, node)} is a {kind}; the edit takes a {' or a '.join(kinds)}")
    return kind


def _hand_over_candidacy(doc: Document, removed: str, manager: str | None) -> Document:
    """Candidate lists without ``removed``: its manager (a post) takes its place, each candidate once.

    One candidate left is the manager; none left (the removed post had no
    manager that is a post) leaves the manager unknown.
    """
    changes: dict[str, dict[str, Any]] = {}
    for post in doc.posts:
        if removed not in post.reports_to_one_of:
            continue
        named = (manager if c == removed else c for c in post.reports_to_one_of)
        candidates = tuple(dict.fromkeys(c for c in named if c is not None and c != post.id))
        if len(candidates) == 1:
            changes[post.id] = _line_to(candidates[0])
        elif not candidates:
            changes[post.id] = {"reports_to_one_of": (), "manager_unknown": True}
        else:
            changes[post.id] = {"reports_to_one_of": candidates}
    updates: dict[str, Callable[[Any], Any]] = {
        pid: functools.partial(_updated, update=update) for pid, update in changes.items()
    }
    return _replace_items(doc, "posts", updates) if updates else doc


def _updated(item: BaseModel, *, update: dict[str, Any]) -> BaseModel:
    return item.model_copy(update=update)


def _line_to(manager: str) -> dict[str, Any]:
    """A documented line to ``manager``, replacing a root, an unknown manager or candidate managers."""
    return {"reports_to": manager, "top": False, "manager_unknown": False, "reports_to_one_of": ()}


def _refuse_cycle(org: Org, post: str, manager: str, edit: str) -> None:
    """Refuse (EditError, "cannot <edit>: ...") to make ``post`` report to ``manager`` if that makes a cycle."""
    if org.kind(manager) != "post":
        return
    if manager == post:
        raise EditError(f"cannot {edit}: a post cannot report to itself")
    if post in org.chain_of_command(manager, possible=True):
        raise EditError(
            f"cannot {edit}: {_label(org, manager)} is below {_label(org, post)}, "
            "so the move would make a reporting cycle"
        )


def _nearest_head(units: Mapping[str, Unit], unit: str) -> str | None:
    """The head of ``unit``, or of the nearest unit above it that has one."""
    seen: set[str] = set()
    current: str | None = unit
    while current is not None and current in units and current not in seen:
        if units[current].head is not None:
            return units[current].head
        seen.add(current)
        current = units[current].parent
    return None


def _inside(items: Mapping[str, Any], item: str, ancestor: str, upward: str = "parent") -> bool:
    """The unit (or forum) ``item`` lies below ``ancestor`` through ``parent`` (or ``part_of``) links."""
    seen: set[str] = set()
    current: str | None = getattr(items[item], upward) if item in items else None
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = getattr(items[current], upward) if current in items else None
    return False


def _replace_items(doc: Document, items: str, changes: dict[str, Callable[[Any], Any]]) -> Document:
    """The document with the items of list ``items`` whose id is in ``changes`` replaced."""
    replaced = tuple(changes[i.id](i) if i.id in changes else i for i in getattr(doc, items))
    return doc.model_copy(update={items: replaced})


def _union(first: tuple[Any, ...], second: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys((*first, *second)))


IdMapping: TypeAlias = Callable[[type[BaseModel], str, str], "str | None"]


def _rewrite_document(doc: Document, mapping: IdMapping, *, edit: str = "") -> Document:
    """The document with every id reference passed through ``mapping`` (None drops the reference)."""
    rewritten = _rewrite(doc, mapping, edit)
    assert isinstance(rewritten, Document)
    return rewritten


def _rewrite(model: BaseModel, mapping: IdMapping, edit: str) -> BaseModel | None:
    """The model with references mapped; None when a required reference was dropped (drop the item)."""
    cls = type(model)
    update: dict[str, Any] = {}
    for field, info in cls.model_fields.items():
        value = getattr(model, field)
        if (cls, field) in REFERENCES:
            if isinstance(value, str):
                new = mapping(cls, field, value)
                if new is None and info.is_required():
                    return None
                if new != value:
                    update[field] = new
            elif isinstance(value, tuple):
                mapped = tuple(dict.fromkeys(n for v in value if (n := mapping(cls, field, v)) is not None))
                if mapped != value:
                    update[field] = mapped
        elif isinstance(value, BaseModel):
            new_model = _rewrite(value, mapping, edit)
            if new_model is None and info.is_required():
                return None
            if new_model is not value:
                update[field] = new_model
        elif isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
            items = [_rewrite(item, mapping, edit) for item in value]
            kept = _distinct_roles(tuple(item for item in items if item is not None))
            if len(kept) != len(value) or any(a is not b for a, b in zip(kept, value, strict=False)):
                update[field] = kept
    if not update:
        return model
    result = model.model_copy(update=update)
    return _still_valid(result, edit)


def _distinct_roles(items: tuple[BaseModel, ...]) -> tuple[BaseModel, ...]:
    """Role assignments that a rewrite made equal in role and holder, once (the first, with its source)."""
    if not items or not isinstance(items[0], RoleAssignment):
        return items
    seen: set[tuple[str, str]] = set()
    distinct: list[BaseModel] = []
    for item in items:
        assert isinstance(item, RoleAssignment)
        key = (item.role, item.holder)
        if key not in seen:
            seen.add(key)
            distinct.append(item)
    return tuple(distinct)


def _still_valid(model: BaseModel, edit: str) -> BaseModel | None:
    """Models whose validators a reference change can break: drop or refuse."""
    if isinstance(model, Chair) and model.post is None and not model.rotating_among:
        return None  # no chair left: the forum has none
    if isinstance(model, Selector) and not model.ids and model.relation is None:
        raise EditError(f"cannot {edit}: it is the only one a decision rule names; edit the rule first")
    if isinstance(model, GroupRule) and not (
        model.post_types or model.heads_of_unit_kinds or model.within or model.reporting_to
    ):
        raise EditError(f"cannot {edit}: a group's rule selects by it alone; edit the group first")
    return model
