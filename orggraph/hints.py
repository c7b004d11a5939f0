"""What to write instead: hints for the mistakes people make when writing an organisation file.

Two kinds of hint, both added to the located error messages of
:mod:`orggraph.loading` and :mod:`orggraph.checks`:

* :func:`shape_hint`: a value of the wrong shape where the format wants a
  mapping or a word: ``source: bylaws`` (a citation is a mapping),
  ``chair: ceo``, ``cadence: weekly``, ``decides: ceo``, ``op: '>'``, or a
  forum's ``cadence`` written on the forum instead of in ``meetings``.
* :func:`suggest_named`: for an unknown id, the item whose *name* or alias is
  what was written (``holder: finance-director`` for the post *Finance
  Director*, id ``cfo``) before an item whose id merely looks alike.

Examples
--------
>>> shape_hint(("forums", 0, "chair"), "ceo")
'write chair: {post: ceo}, or chair: {rotating_among: [...]} for a rotation'
>>> suggest_named("finance-director", [("finance", "Finance", ()), ("cfo", "Finance Director", ("CFO",))])
"did you mean 'cfo' (Finance Director)? Refer to an item by its id"
"""

from __future__ import annotations

import difflib
import json
import re
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from orggraph.schema import Cadence, Chair, Citation, Condition, Document, Forum, Organisation, Selector, Topic
from orggraph.text import fold, slug

__all__ = ["NameIndex", "shape_hint", "suggest_named"]

_SYMBOLS = {
    ">": "gt",
    ">=": "ge",
    "=>": "ge",
    "≥": "ge",
    "<": "lt",
    "<=": "le",
    "=<": "le",
    "≤": "le",
    "=": "eq",
    "==": "eq",
    "!=": "ne",
    "<>": "ne",
    "≠": "ne",
}
"""Comparison symbols and the words ``Condition.op`` takes for them."""

_CADENCE_WORDS = {
    "daily": "{every: 1, unit: days}",
    "weekly": "{every: 1, unit: weeks}",
    "fortnightly": "{every: 2, unit: weeks}",
    "biweekly": "{every: 2, unit: weeks}",
    "monthly": "{every: 1, unit: months}",
    "bimonthly": "{every: 2, unit: months}",
    "quarterly": "{per_year: 4}",
    "half yearly": "{per_year: 2}",
    "semiannually": "{per_year: 2}",
    "biannually": "{per_year: 2}",
    "yearly": "{per_year: 1}",
    "annually": "{per_year: 1}",
    "annual": "{per_year: 1}",
    "ad hoc": "{ad_hoc: true}",
    "as needed": "{ad_hoc: true}",
}
"""Words people write for a cadence, and the cadence mapping that says the same (keys folded)."""

_CADENCE_FORMS = "{{every: 2, unit: weeks}}, {{per_year: 4}}, {{ad_hoc: true}}, or {{unspecified: {words}}}"

_TOPIC_ROLE_KEYS = frozenset({"decides", "responsible", "prepares", "qualifies", "implements", "consulted", "informed"})
_FORUM_MEETING_KEYS = frozenset({"cadence", "hours", "frequency", "schedule"})


def _yaml(value: Any) -> str:
    """A value as it would be written in YAML flow style."""
    if isinstance(value, str):
        return value if re.fullmatch(r"[\w][\w .-]*", value) and value.strip() == value else json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    return json.dumps(value)


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The model classes inside an annotation (through Optional, Annotated and tuples)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _models(get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType or origin is tuple:
        return [model for arg in get_args(annotation) if arg is not Ellipsis for model in _models(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _field_at(path: Sequence[str | int]) -> tuple[type[BaseModel], str, list[type[BaseModel]]] | None:
    """The model that holds the last key of ``path``, that key, and the models the key's value may be."""
    owner: type[BaseModel] = Document
    for position, step in enumerate(path):
        if isinstance(step, int):
            continue
        field = owner.model_fields.get(step)
        if position == len(path) - 1 or field is None:
            return (owner, step, _models(field.annotation) if field is not None else [])
        inner = _models(field.annotation)
        if not inner:
            return None
        owner = inner[0]
    return None


def shape_hint(path: Sequence[str | int], value: Any) -> str | None:
    """What to write instead of ``value`` at ``path``, for the shapes people get wrong; None if no hint applies.

    Parameters
    ----------
    path : sequence of str or int
        Where the value is: keys and list indexes from the top of the file.
    value : object
        The value written there.

    Returns
    -------
    str or None
        A hint in the file's own words, e.g. ``write source: {document: bylaws}``.

    Examples
    --------
    >>> shape_hint(("posts", 0, "source"), "bylaws")
    'a citation is a mapping: write source: {document: bylaws}, and add section and quote when you can'
    >>> shape_hint(("forums", 0, "meetings", 0, "cadence"), "weekly")
    'write cadence: {every: 1, unit: weeks}'
    >>> shape_hint(("decision_rules", 0, "decides"), "ceo")
    'write decides: {ids: [ceo]}, or decides: {relation: manager_of_subject} for a rule relative to the subject'
    >>> shape_hint(("decision_rules", 0, "when", 0, "op"), ">=")
    "did you mean 'ge'? Comparisons are words: eq, ne, gt, ge, lt, le, in"
    >>> shape_hint(("organisation",), "Nordby Vandværk")
    'write organisation: {id: nordby-vandvaerk, name: Nordby Vandværk}'
    >>> shape_hint(("posts", 0, "name"), "CEO") is None
    True
    """
    found = _field_at(path)
    if found is None:
        return None
    owner, key, targets = found
    if owner is Condition and key == "op" and isinstance(value, str) and value.strip() in _SYMBOLS:
        return f"did you mean {_SYMBOLS[value.strip()]!r}? Comparisons are words: eq, ne, gt, ge, lt, le, in"
    if owner is Forum and key in _FORUM_MEETING_KEYS and key not in owner.model_fields:
        return (
            f"a forum's {key} belongs to a meeting series: "
            "meetings: [{cadence: {every: 2, unit: weeks}, hours: 1.5}]"
        )
    if owner is Topic and key in _TOPIC_ROLE_KEYS and key not in owner.model_fields:
        holder = _yaml(value) if isinstance(value, str) else "<id>"
        return f"roles go in a list: roles: [{{role: {key}, holder: {holder}}}]"
    if isinstance(value, (list, tuple)) and Selector in targets and all(isinstance(v, str) for v in value):
        return f"write {key}: {{ids: {_yaml(value)}}}"
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    shown = _yaml(value)
    if Organisation in targets and isinstance(value, str):
        return f"write organisation: {{id: {slug(value) or 'my-org'}, name: {shown}}}"
    if Citation in targets:
        return f"a citation is a mapping: write {key}: {{document: {shown}}}, and add section and quote when you can"
    if Chair in targets:
        return f"write chair: {{post: {shown}}}, or chair: {{rotating_among: [...]}} for a rotation"
    if Selector in targets:
        return (
            f"write {key}: {{ids: [{shown}]}}, or {key}: {{relation: manager_of_subject}} "
            "for a rule relative to the subject"
        )
    if Cadence in targets:
        if isinstance(value, str) and fold(value) in _CADENCE_WORDS:
            return f"write {key}: {_CADENCE_WORDS[fold(value)]}"
        if isinstance(value, str):
            return (
                f"a cadence is a mapping: {_CADENCE_FORMS.format(words=json.dumps(value))} to keep the source's words"
            )
        return f"a cadence is a mapping: write {key}: {{per_year: {shown}}} for {shown} times a year"
    return None


class NameIndex:
    """The ids, names and aliases of a set of items, folded once, for :meth:`suggest`.

    Parameters
    ----------
    items : iterable of (id, name, aliases)
        The items an unknown id may have meant, in order of preference.
    ids : sequence of str, optional
        Further ids, known without a name (e.g. of items that failed validation).

    Examples
    --------
    >>> index = NameIndex([("cfo", "Finance Director", ("CFO",)), ("finance", "Finance", ())])
    >>> index.suggest("finance-director")
    "did you mean 'cfo' (Finance Director)? Refer to an item by its id"
    >>> len(index)
    3
    """

    def __init__(self, items: Iterable[tuple[str, str | None, Sequence[str]]], ids: Sequence[str] = ()) -> None:
        self.by_name: dict[str, str] = {}
        self.label: dict[str, str] = {}
        known: list[str] = []
        for ident, name, aliases in items:
            known.append(ident)
            if name:
                self.label.setdefault(ident, name)
            for text in (name, *aliases):
                if text:
                    self.by_name.setdefault(fold(text), ident)
        self.ids = list(dict.fromkeys([*known, *ids]))

    def __len__(self) -> int:
        """The number of names and aliases: the comparisons a fuzzy match by name costs."""
        return len(self.by_name)

    def _named(self, ident: str) -> str:
        return f"{ident!r} ({self.label[ident]})" if ident in self.label else repr(ident)

    def suggest(self, word: str, *, by_name: bool = True) -> str | None:
        """A "did you mean ...?" for the unknown id ``word``, or None.

        An item whose name or alias *is* ``word`` (ignoring case, accents and
        punctuation) wins; otherwise the closest id, or the closest name when
        it is closer. ``by_name=False`` skips the fuzzy match by name (which
        costs a comparison per name) but not the exact one.

        Parameters
        ----------
        word : str
            The id that names nothing.
        by_name : bool, default True
            Also try the fuzzy match against names and aliases.
        """
        key = fold(word)
        id_matches = difflib.get_close_matches(word, self.ids, n=3, cutoff=0.6)
        exact = self.by_name.get(key) if key else None
        if exact is not None and exact not in (word, *id_matches):
            return f"did you mean {self._named(exact)}? Refer to an item by its id"
        if by_name and key:
            # Both sides folded (fold merges "oe" into "o", which makes short words look alike).
            best_id = max((difflib.SequenceMatcher(None, key, fold(i)).ratio() for i in id_matches), default=0.0)
            scored = [
                (difflib.SequenceMatcher(None, key, match).ratio(), match)
                for match in difflib.get_close_matches(key, list(self.by_name), n=3, cutoff=0.6)
            ]
            better = [match for ratio, match in scored if ratio > best_id]
            if better and self.by_name[better[0]] not in id_matches:
                found = list(dict.fromkeys(self.by_name[match] for match in better))
                return "did you mean " + " or ".join(self._named(ident) for ident in found) + "?"
        if not id_matches:
            return None
        return "did you mean " + " or ".join(repr(match) for match in id_matches) + "?"  # as errors.suggest


def suggest_named(
    word: str, items: Iterable[tuple[str, str | None, Sequence[str]]], ids: Sequence[str] = ()
) -> str | None:
    """A "did you mean ...?" for an unknown id, looking at the items' names and aliases as well as their ids.

    An item whose name or alias *is* ``word`` (ignoring case, accents and
    punctuation) wins; otherwise the closest id or name, whichever is closer.
    Items come in order of preference (posts first, say): among equally good
    matches the earlier one is named first. For many unknown ids among the
    same items, build a :class:`NameIndex` once.

    Parameters
    ----------
    word : str
        The unknown id.
    items : iterable of (id, name, aliases)
        The items it may have meant.
    ids : sequence of str, optional
        Further ids it may have meant, known without a name (e.g. of items
        that failed validation).

    Returns
    -------
    str or None
        The hint, or None when nothing is close.

    Examples
    --------
    >>> items = [("cfo", "Finance Director", ("CFO",)), ("finance", "Finance", ())]
    >>> suggest_named("finance-directr", items)
    "did you mean 'cfo' (Finance Director)?"
    >>> suggest_named("financ", items)
    "did you mean 'finance'?"
    """
    return NameIndex(items, ids).suggest(word)
