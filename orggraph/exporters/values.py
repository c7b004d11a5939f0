"""Attribute values made plain: JSON-compatible values, and flat scalars for GraphML and GEXF.

The graph's attributes are Python values: text, numbers, booleans, None,
tuples, dicts and frozen schema objects (citations, cadences, chairs, ...).
JSON holds all of them once the schema objects become dicts
(:func:`jsonable`). GraphML and GEXF hold only one scalar per attribute, of
one type across the whole file, so :func:`flat_attributes` maps each value:

=====================================  ==========================================================
value                                  written as
=====================================  ==========================================================
str, int, float, bool                  itself
None, ``""``, empty tuple or dict      left out (a missing attribute means "none")
``"unknown"`` in a field that allows   left out, so that ``headcount``, ``count``, ``agenda`` and
it (:data:`UNKNOWN_FIELDS`)            ``minutes`` keep a numeric or boolean column
a citation                             one line of text, as :meth:`orggraph.Org.cite` gives it:
                                       ``"Title, Section: 'quote'"``
a tuple of texts or numbers            the items joined with ``"; "`` (``"CEO; CFO"``)
a tuple holding schema objects         JSON text (``'[{"id": "chair", "part": "..."}]'``)
any other schema object                JSON text of its fields that differ from the defaults
a dict (a post's ``attributes``)       one attribute per key, named ``attributes.<key>``
a date (``valid_from``, ...)           ISO text, ``"2014-03-31"``
=====================================  ==========================================================

:func:`unify_types` then gives each attribute one type across the file: booleans stay
booleans, integers become floats where any value of that attribute is a float, and
any other mix becomes text. Characters that XML 1.0 cannot hold (control
characters) become U+FFFD.

Examples
--------
>>> from orggraph.schema import Citation
>>> jsonable((Citation(document="memo", section="s8"), 3))
[{'document': 'memo', 'section': 's8'}, 3]
>>> flat_attributes({"aliases": ("CEO", "Direktør"), "vacant": False, "description": None}, sources={})
{'aliases': 'CEO; Direktør', 'vacant': False}
"""

from __future__ import annotations

import datetime
import json
import math
import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from orggraph import schema
from orggraph.citations import format_citation
from orggraph.schema import Citation, Source

__all__ = ["UNKNOWN_FIELDS", "Scalar", "flat_attributes", "jsonable", "unify_types", "xml_text"]

Scalar = str | int | float | bool
"""A value GraphML and GEXF can hold."""

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _allows_unknown(annotation: Any) -> bool:
    if typing.get_origin(annotation) is typing.Literal:
        return "unknown" in typing.get_args(annotation)
    return any(_allows_unknown(arg) for arg in typing.get_args(annotation))


def _unknown_fields() -> frozenset[str]:
    fields: set[str] = set()
    for model in vars(schema).values():
        if isinstance(model, type) and issubclass(model, BaseModel):
            fields.update(name for name, info in model.model_fields.items() if _allows_unknown(info.annotation))
    return frozenset(fields)


UNKNOWN_FIELDS: frozenset[str] = _unknown_fields()
"""Fields of the format that may hold the marker ``"unknown"`` (taken from the schema)."""


def jsonable(value: Any) -> Any:
    """A JSON-compatible copy of an attribute value.

    Schema objects become dicts of their non-default fields, tuples become
    lists; text, numbers, booleans and None stay as they are.

    Parameters
    ----------
    value : Any
        A node, edge or graph attribute value.

    Returns
    -------
    Any
        Built from dict, list, str, int, float, bool and None only.

    Examples
    --------
    >>> from orggraph.schema import Chair
    >>> jsonable(Chair(rotating_among=("management",)))
    {'rotating_among': ['management']}
    >>> jsonable({"sources": ("a", "b")})
    {'sources': ['a', 'b']}
    """
    if isinstance(value, BaseModel):
        dumped: dict[str, Any] = value.model_dump(mode="json", exclude_defaults=True)
        return dumped
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime.date):  # validity dates: ISO text, as in the YAML
        return value.isoformat()
    return value


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD.

    Parameters
    ----------
    text : str
        Any text.

    Examples
    --------
    >>> xml_text("Ishøj" + chr(7))
    'Ishøj�'
    """
    return _XML_ILLEGAL.sub("\ufffd", text)


def _flat_items(name: str, value: Any, sources: Mapping[str, Source]) -> Iterator[tuple[str, Scalar]]:
    if value is None or value == "" or (value == "unknown" and name in UNKNOWN_FIELDS):
        return
    if isinstance(value, (bool, int, str)):
        yield name, xml_text(value) if isinstance(value, str) else value
    elif isinstance(value, float):
        if math.isfinite(value):
            yield name, value
    elif isinstance(value, Citation):
        yield name, xml_text(format_citation(value, sources))
    elif isinstance(value, datetime.date):
        yield name, value.isoformat()
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flat_items(f"{name}.{key}", item, sources)
    elif isinstance(value, (tuple, list)):
        if not value:
            return
        if all(isinstance(item, (str, int, float)) for item in value):
            yield name, xml_text("; ".join(str(item) for item in value))
        else:
            yield name, xml_text(json.dumps(jsonable(value), ensure_ascii=False))
    else:
        yield name, xml_text(json.dumps(jsonable(value), ensure_ascii=False))


def flat_attributes(attrs: Mapping[str, Any], *, sources: Mapping[str, Source]) -> dict[str, Scalar]:
    """One node's or edge's attributes as flat scalars (see the module's table).

    Parameters
    ----------
    attrs : mapping
        The attributes, as in ``org.graph.nodes[node]``.
    sources : mapping of str to Source
        The organisation's sources (``org.graph.graph["sources"]``), to write citations.

    Returns
    -------
    dict of str to str, int, float or bool

    Examples
    --------
    >>> import orggraph
    >>> from orggraph.graph import full_attributes
    >>> G = orggraph.example().graph
    >>> flat = flat_attributes(full_attributes(G.nodes["ceo"]), sources=G.graph["sources"])
    >>> flat["holders"], flat["headcount"], flat["source"]
    ('Åse Øberg', 1, "Acme staff handbook, 1. Structure: 'The Chief Executive answers to the Chair.'")
    >>> flat_attributes({"agenda": "unknown", "attributes": {"grade": "SCS1"}}, sources={})
    {'attributes.grade': 'SCS1'}
    """
    flat: dict[str, Scalar] = {}
    for name, value in attrs.items():
        flat.update(_flat_items(str(name), value, sources))
    return flat


def _common_type(values: Iterable[Scalar]) -> type[Scalar]:
    types = {type(v) for v in values}
    if types == {bool}:
        return bool
    if types <= {int, float}:
        return float if float in types else int
    return str


def _as_text(value: Scalar) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def unify_types(rows: Iterable[dict[str, Scalar]]) -> None:
    """Give each attribute one type across ``rows`` (in place): bool, int, float or text.

    GraphML and GEXF declare one type per attribute, so a head count of 3 on
    one post and 2.5 on another is written as a float on both; an attribute
    mixing text with numbers or booleans is written as text everywhere
    (booleans as ``"true"``/``"false"``).

    Parameters
    ----------
    rows : iterable of dict
        Flat attributes of the nodes (or of the edges) of one graph.

    Examples
    --------
    >>> rows = [{"headcount": 3, "x": True}, {"headcount": 2.5, "x": "yes"}]
    >>> unify_types(rows)
    >>> rows
    [{'headcount': 3.0, 'x': 'true'}, {'headcount': 2.5, 'x': 'yes'}]
    """
    rows = list(rows)
    values: dict[str, list[Scalar]] = {}
    for row in rows:
        for name, value in row.items():
            values.setdefault(name, []).append(value)
    for name, found in values.items():
        common = _common_type(found)
        if common is float:
            for row in rows:
                if name in row:
                    row[name] = float(row[name])
        elif common is str:
            for row in rows:
                if name in row:
                    row[name] = _as_text(row[name])
