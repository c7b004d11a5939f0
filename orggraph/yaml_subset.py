r"""The YAML that organisation files are written in: a declared subset, read in one pass.

Organisation files need mappings, lists and plain values, and sometimes an
anchor to reuse a citation. That subset is read by one small walker over
PyYAML's parse events (libyaml's C parser when it is installed), which builds
the Python data, bounds nesting and alias expansion, and flags duplicate keys
on the way. Everything outside the subset is refused with its line and column
and what to write instead, so that the same text always builds the same data,
whatever PyYAML's own constructor does with it in one release or another.

The subset
----------
- **Mappings and lists**, in block or flow style, nested at most
  :data:`MAX_DEPTH` levels deep. Keys are plain values (text, numbers,
  booleans), each at most once per mapping.
- **Scalars.** Quoted scalars are text. Plain scalars are resolved as YAML 1.1
  (and PyYAML) resolve them: ``null``, ``~`` and nothing are null; ``true``,
  ``false``, ``yes``, ``no``, ``on``, ``off`` (any case) are booleans;
  ``42``, ``1_000``, ``0x1F`` and ``017`` (octal) are integers; ``1.5``, ``1e3``,
  ``.inf``, ``.nan`` are numbers. Dates stay text: ``2013-05-01`` is the
  string ``"2013-05-01"``, which the format checks as a date where it expects
  one. Everything else is text.
- **The explicit tags** ``!!str``, ``!!int``, ``!!float``, ``!!bool``,
  ``!!null``, ``!!map`` and ``!!seq``.
- **Anchors and aliases** (``&src`` and ``*src``) to reuse a value. An alias
  stands for the anchored value itself (no copy is made), and the nodes that
  aliases add (an alias of an anchored mapping of three entries adds six) are
  counted: at most :data:`MAX_ALIAS_EXPANSION` or
  :data:`ALIAS_EXPANSION_FACTOR` times the nodes written, whichever is
  larger. A legitimate file that cites one anchored source from each of
  20 000 posts loads; a "billion laughs" bomb is refused after one pass over
  its text.

Refused, each with a message that says what to write instead: merge keys
(``<<: *base``), an anchor name defined twice, every other tag (``!!set``, ``!!omap``, ``!!pairs``,
``!!binary``, ``!!timestamp``, ``!custom``), a mapping or list as a key, an
alias to an anchor that is not defined yet or that contains the alias,
several documents in one file, nesting deeper than :data:`MAX_DEPTH`, and
scalars an explicit tag cannot read (``!!int abc``) or numbers too long to
read (over 4 300 digits).

Examples
--------
>>> read_yaml("a: [1, yes, 2013-05-01, '7', null]").data
{'a': [1, True, '2013-05-01', '7', None]}
>>> read_yaml("src: &s {document: memo}\nb: *s").data
{'src': {'document': 'memo'}, 'b': {'document': 'memo'}}
>>> try:
...     read_yaml("base: &b {x: 1}\nitem:\n  <<: *b\n")
... except RefusedYAMLError as error:
...     print(error.line, error.column, error.message)
3 3 merge keys ('<<') are not part of the organisation format
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

try:
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

__all__ = [
    "ALIAS_EXPANSION_FACTOR",
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "RefusedYAMLError",
    "YAMLData",
    "compose",
    "read_yaml",
    "scalar_value",
]

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists a document may have (a real one needs about 6)."""

MAX_ALIAS_EXPANSION = 100_000
"""Nodes that aliases may add to any document, however small."""

ALIAS_EXPANSION_FACTOR = 10
"""Nodes that aliases may add to a larger document, per node written."""

LIBYAML: bool = getattr(yaml, "__with_libyaml__", False)
"""Whether PyYAML has libyaml's C parser (marks then count bytes in reader errors)."""

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_CONSTRUCTOR = SafeConstructor()
_SCALARS = {
    _TAG + "int": ("an integer", _CONSTRUCTOR.construct_yaml_int),
    _TAG + "float": ("a number", _CONSTRUCTOR.construct_yaml_float),
    _TAG + "bool": ("true or false", _CONSTRUCTOR.construct_yaml_bool),
    _TAG + "null": ("null", _CONSTRUCTOR.construct_yaml_null),
}
# Plain scalars resolve to these types only (YAML 1.1's null, bool, int and float), by first character.
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _SCALARS]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_RESOLVABLE = frozenset(first for first, resolvers in _IMPLICIT.items() if resolvers)
"""First characters of plain scalars that may be something other than text; the rest are text as written."""
_IMPLICIT_TAGS = {tag for resolvers in _IMPLICIT.values() for tag, _ in resolvers} | {_STR, _TAG + "timestamp"}
_INSTEAD = {
    "set": "write a list",
    "omap": "write a mapping (keys keep their order)",
    "pairs": "write a list of mappings",
    "binary": "write the value as text",
    "timestamp": "write the date as plain text, e.g. 2016-03-31",
    "merge": "write the keys out",
}
_MAX_DIGITS = 4300  # Python's limit for reading an integer from text


class RefusedYAMLError(Exception):
    """Text outside the declared subset (or too deep, or an alias bomb), with where and what to do.

    ``line`` and ``column`` are 1-based.
    """

    def __init__(self, message: str, mark: Any, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None else 1
        self.column = mark.column + 1 if mark is not None else 1
        self.suggestion = suggestion


class YAMLData(NamedTuple):
    """What :func:`read_yaml` read: the data, whether the text was empty, and whether a key repeats."""

    data: Any
    empty: bool
    duplicate_keys: bool


def _loader(pure: bool) -> type[Any]:
    return yaml.SafeLoader if pure else _FastLoader


def _refused_tag(tag: str, mark: Any) -> RefusedYAMLError:
    name = tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    shown = "!!" + name if tag.startswith(_TAG) else tag
    return RefusedYAMLError(
        f"the tag {shown} is not part of the organisation format",
        mark,
        _INSTEAD.get(name, "remove the tag; values are text, numbers, booleans, lists or mappings"),
    )


def _scalar(tag: str | None, value: str, plain: bool, mark: Any) -> Any:
    """The value of a scalar, resolved and constructed within the subset."""
    if tag is None:
        if not plain:  # quoted
            return value
        for resolved, regexp in _IMPLICIT.get(value[:1] if value else "", ()):
            if regexp.match(value):
                tag = resolved
                break
        else:
            return value
    elif tag == _STR or tag == "!":  # '!': the non-specific tag, text
        return value
    elif tag not in _SCALARS:
        raise _refused_tag(tag, mark)
    what, construct = _SCALARS[tag]
    if len(value) > _MAX_DIGITS and any(character.isdigit() for character in value[:10]):
        raise RefusedYAMLError(
            f"a number of {len(value)} characters is too long to read",
            mark,
            "put it in quotes if it is meant as text",
        )
    try:
        return construct(ScalarNode(tag, value))
    except (ValueError, LookupError, TypeError, ArithmeticError):
        shown = repr(value if len(value) <= 40 else value[:37] + "...")
        raise RefusedYAMLError(f"cannot read {shown} as {what}", mark) from None


def scalar_value(node: ScalarNode) -> Any:
    r"""The value :func:`read_yaml` gives a scalar node of :func:`compose`'s tree (e.g. to compare keys).

    Parameters
    ----------
    node : yaml.ScalarNode
        A scalar node of :func:`compose`'s tree.

    Examples
    --------
    >>> [scalar_value(key) for key, _ in compose("0x1: a\n'1': b\n").value]
    [1, '1']
    """
    tag = None if node.tag in _IMPLICIT_TAGS and node.style is None else node.tag
    return _scalar(tag, node.value, node.style is None, node.start_mark)


class _Anchor:
    """An anchored value and what an alias to it adds: its expanded size and height."""

    __slots__ = ("deepest", "depth", "expanded_at_start", "height", "mark", "open", "size", "value")

    def __init__(self, depth: int, expanded_at_start: int, mark: Any) -> None:
        self.mark = mark
        self.open = False
        self.depth = depth
        self.deepest = depth
        self.expanded_at_start = expanded_at_start
        self.value: Any = None
        self.size = 1
        self.height = 0


def _new_anchor(anchors: dict[str, _Anchor], event: Any, depth: int, expanded: int) -> _Anchor:
    """A new anchor; a name given twice is refused (YAML would let the second hide the first)."""
    earlier = anchors.get(event.anchor)
    if earlier is not None:
        raise RefusedYAMLError(
            f"the anchor &{event.anchor} is defined twice (first at line {earlier.mark.line + 1}, "
            f"column {earlier.mark.column + 1})",
            event.start_mark,
            "give each anchor its own name",
        )
    return _Anchor(depth, expanded, event.start_mark)


_NO_KEY: Any = object()


def read_yaml(text: str, *, pure: bool = False) -> YAMLData:
    """Read YAML text within the declared subset (see the module docstring).

    Parameters
    ----------
    text : str
        The YAML (or JSON) text: one document.
    pure : bool, optional
        Use PyYAML's pure-Python parser instead of libyaml's (same results).

    Returns
    -------
    YAMLData
        The data (``None`` and ``empty`` for a text without a document), and
        whether some mapping gives a key twice (the caller locates them).

    Raises
    ------
    RefusedYAMLError
        For text outside the subset, with its line, column and what to write.
    yaml.YAMLError
        For text that is not YAML at all (the parser's own located errors).

    Examples
    --------
    >>> read_yaml("posts: [{id: a}, {id: a, id: b}]").duplicate_keys
    True
    >>> read_yaml("").empty
    True
    >>> try:
    ...     read_yaml("a: !!set {x, y}")
    ... except RefusedYAMLError as error:
    ...     print(f"{error.line}:{error.column}: {error.message} ({error.suggestion})")
    1:4: the tag !!set is not part of the organisation format (write a list)
    """
    anchors: dict[str, _Anchor] = {}
    open_anchors: list[_Anchor] = []  # anchored collections being built, innermost last
    stack: list[tuple[Any, bool, Any, _Anchor | None]] = []
    current: Any = None  # the collection being built (None: the document level)
    is_mapping = False
    key: Any = _NO_KEY
    opened: _Anchor | None = None
    nodes = 0  # nodes written
    expanded = 0  # nodes written plus the nodes aliases stand for
    documents = 0
    root: Any = None
    duplicates = False
    event: Any  # the parser's events, typed loosely by PyYAML's stubs
    largest_alias: tuple[int, Any] = (0, None)  # the alias that adds the most nodes, and where
    plain: dict[str, Any] = {}  # plain scalars already resolved ("name", "true", "3.0" repeat in every item)
    texts: dict[str, str] = {}  # keys that are text as written (plain or quoted)
    for event in yaml.parse(text, Loader=_loader(pure)):
        kind = type(event)
        if kind is ScalarEvent:
            nodes += 1
            expanded += 1
            value = event.value
            if event.tag is not None:
                value = _scalar(event.tag, value, event.implicit[0], event.start_mark)
            elif event.implicit[0] and value[:1] in _RESOLVABLE:  # plain, and a resolver may take it
                resolved = plain.get(value, _NO_KEY)
                if resolved is _NO_KEY:
                    resolved = plain[value] = _scalar(None, value, True, event.start_mark)
                value = resolved
            elif is_mapping and key is _NO_KEY:  # a text key: one object for every "id", "source", ...
                value = texts.setdefault(value, value)
            if event.anchor is not None:
                anchor = anchors[event.anchor] = _new_anchor(anchors, event, len(stack), expanded)
                anchor.value = value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            nodes += 1
            expanded += 1
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP if kind is MappingStartEvent else _SEQ):
                raise _refused_tag(tag, event.start_mark)
            if is_mapping and key is _NO_KEY:
                raise RefusedYAMLError(
                    "a mapping or list as a key is not part of the organisation format",
                    event.start_mark,
                    "keys are plain values such as ids",
                )
            if len(stack) >= MAX_DEPTH:
                raise RefusedYAMLError(
                    f"nesting deeper than {MAX_DEPTH} levels",
                    event.start_mark,
                    "an organisation file needs only a few levels; is this the right file?",
                )
            stack.append((current, is_mapping, key, opened))
            current = {} if kind is MappingStartEvent else []
            is_mapping = kind is MappingStartEvent
            key = _NO_KEY
            opened = None
            if open_anchors and open_anchors[-1].deepest < len(stack):
                open_anchors[-1].deepest = len(stack)
            if event.anchor is not None:
                opened = anchors[event.anchor] = _new_anchor(anchors, event, len(stack), expanded)
                opened.value = current
                opened.open = True
                open_anchors.append(opened)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = current
            closed = opened
            current, is_mapping, key, opened = stack.pop()
            if closed is not None:
                open_anchors.pop()
                closed.size = expanded - closed.expanded_at_start + 1
                closed.height = closed.deepest - closed.depth + 1
                closed.open = False
                if open_anchors and open_anchors[-1].deepest < closed.deepest:
                    open_anchors[-1].deepest = closed.deepest
        elif kind is AliasEvent:
            nodes += 1
            alias = anchors.get(event.anchor)
            if alias is None:
                raise RefusedYAMLError(
                    f"the alias *{event.anchor} has no anchor &{event.anchor} before it",
                    event.start_mark,
                    "define the anchor first (&name on the value to reuse)",
                )
            if alias.open:
                raise RefusedYAMLError(
                    "an alias refers to a value that contains it", event.start_mark, "YAML recursion is not allowed"
                )
            if len(stack) + alias.height > MAX_DEPTH:
                raise RefusedYAMLError(f"aliases nest the document deeper than {MAX_DEPTH} levels", event.start_mark)
            if is_mapping and key is _NO_KEY and isinstance(alias.value, (dict, list)):
                raise RefusedYAMLError(
                    "a mapping or list as a key is not part of the organisation format",
                    event.start_mark,
                    "keys are plain values such as ids",
                )
            expanded += alias.size
            if alias.size > largest_alias[0]:
                largest_alias = (alias.size, event.start_mark)
            if open_anchors and open_anchors[-1].deepest < len(stack) + alias.height:
                open_anchors[-1].deepest = len(stack) + alias.height
            value = alias.value
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise RefusedYAMLError(
                    "a second YAML document ('---')", event.start_mark, "an organisation file holds one document"
                )
            continue
        else:
            continue
        if current is None:
            root = value
        elif not is_mapping:
            current.append(value)
        elif key is _NO_KEY:
            if kind is ScalarEvent and event.tag is None and event.implicit[0] and value == "<<":
                raise RefusedYAMLError(
                    "merge keys ('<<') are not part of the organisation format", event.start_mark, _INSTEAD["merge"]
                )
            key = value
        else:
            if key in current:
                duplicates = True
            current[key] = value
            key = _NO_KEY
    added, limit = expanded - nodes, max(MAX_ALIAS_EXPANSION, ALIAS_EXPANSION_FACTOR * nodes)
    if added > limit:
        raise RefusedYAMLError(
            f"aliases expand the document by {added:_} nodes, more than the {limit:_} allowed "
            f"for {nodes:_} nodes written".replace("_", " "),
            largest_alias[1],
            "refusing a possible alias bomb ('billion laughs'); reuse fewer or smaller anchored values",
        )
    return YAMLData(root, documents == 0, duplicates)


def compose(text: str, *, pure: bool = False) -> Any:
    r"""The node tree of text that :func:`read_yaml` has accepted, for the positions of problems.

    Parameters
    ----------
    text : str
        YAML text that :func:`read_yaml` has accepted.
    pure : bool, default False
        Use PyYAML's pure-Python parser instead of libyaml's (same results).

    Examples
    --------
    >>> compose("a:\n  b: 1\n").value[0][1].start_mark.line
    1
    """
    return yaml.compose(text, Loader=_loader(pure))
