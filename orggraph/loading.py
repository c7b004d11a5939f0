"""Loading organisation documents: YAML text, files and dicts to a checked :class:`Document`.

Every problem of an input is reported at once, in one
:class:`~orggraph.errors.OrgDataError`, each with its file, line and column,
the path inside the document, a message and, where one fits, a suggestion::

    data/ishoj.yaml:42:17: posts[3].reports_to: unknown post 'direktor-by' (did you mean 'direktoer-by'?)

The problems come from four stages: YAML syntax (and duplicate keys, which
PyYAML would silently resolve by keeping the last), pydantic validation of the
format (:mod:`orggraph.schema`), and the cross-reference checks of
:mod:`orggraph.checks` (unique ids, known references, no cycles).

How it reads YAML
-----------------
Organisation files are written in a declared subset of YAML (mappings, lists,
scalars, anchors and aliases), read by :func:`orggraph.yaml_subset.read_yaml`
in one pass over libyaml's parse events: it builds the data, bounds nesting
(:data:`MAX_DEPTH`) and alias expansion (:data:`MAX_ALIAS_EXPANSION`, or ten
nodes per node written, whichever is larger), and flags duplicate keys.
Everything outside the subset (merge keys, ``!!set`` and other tags, complex
keys) is refused with its position and what to write instead; the subset and
the refusals are documented in :mod:`orggraph.yaml_subset`. Dates stay text:
``date: 2013-05-01`` is the string ``"2013-05-01"``, which the format checks as
a real date where it expects one.

Only when there are problems is the text composed a second time (PyYAML's
``yaml.compose``), to find duplicate keys and the line and column of each
problem. The garbage collector is paused while a document loads: the millions
of container objects of a large file would otherwise trigger collection after
collection.

Measured on a generated file with 100 000 posts (16 MB; CPU seconds, median of
3, on a busy 2-core machine): the YAML stage takes 2.65 (the composer and
constructor it replaced took 3.87), and :func:`parse_document` as a whole,
validation and checks included, 3.96 (before: 5.37).

Examples
--------
>>> doc = parse_document('''
... organisation: {id: acme, name: Acme}
... posts:
...   - {id: ceo, name: Chief Executive, top: true}
... ''')
>>> doc.posts[0].name
'Chief Executive'
>>> try:
...     parse_document('''
... organisation: {id: acme, name: Acme}
... posts:
...   - {id: ceo, name: Chief Executive, top: true}
...   - {id: cfo, name: Finance, repots_to: ceo}
... ''', name="acme.yaml")
... except OrgDataError as error:
...     print(error.problems[0])
acme.yaml:5:30: posts[1].repots_to: unknown key 'repots_to' (did you mean 'reports_to' or 'reports_to_one_of'?)
"""

from __future__ import annotations

import os
import re
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from orggraph import files
from orggraph.checks import Path, check_document, format_path
from orggraph.errors import OrgDataError, Problem, suggest
from orggraph.files import read_bounded, stream_problem
from orggraph.gc_pause import gc_paused
from orggraph.hints import shape_hint
from orggraph.schema import DATE_PATTERN, Document
from orggraph.yaml_subset import (
    LIBYAML,
    MAX_ALIAS_EXPANSION,
    MAX_DEPTH,
    RefusedYAMLError,
    compose,
    read_yaml,
    scalar_value,
)

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "document_from_dict",
    "parse_document",
    "parse_with_data",
    "read_document",
    "read_text",
]

_ID_PATTERN = r"^\S(.*\S)?$"

MAX_STREAM_BYTES = files.MAX_STREAM_BYTES
"""How much of a pipe or device :func:`read_document` reads before it refuses it (a file is read whole)."""


# -- YAML errors to problems -------------------------------------------------------------------


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _character_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column ('' when there is none)."""
    lines = text.split("\n")
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _yaml_problem(error: Exception, text: str, name: str, pure: bool) -> Problem:
    """One problem for an error raised while reading YAML."""
    if isinstance(error, RefusedYAMLError):
        return Problem(name, error.line, error.column, "", error.message, error.suggestion)
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if "nesting depth" in str(error.problem):  # PyYAML's own limit (6.0.4 and later) noticed it first
            return Problem(
                name,
                line,
                column,
                "",
                f"nesting deeper than {MAX_DEPTH} levels",
                "an organisation file needs only a few levels; is this the right file?",
            )
        if mark is not None and _character_at(text, mark.line, mark.column) == "\t":
            return Problem(name, line, column, "", "tab character in indentation", "indent with spaces only")
        if error.context == "expected a single document in the stream":
            return Problem(
                name, line, column, "", "a second YAML document ('---')", "an organisation file holds one document"
            )
        message = error.problem or error.context or "invalid YAML"
        if error.problem and error.context:
            context_mark = error.context_mark
            where = (
                f" at line {context_mark.line + 1}, column {context_mark.column + 1}"
                if context_mark is not None and context_mark is not mark
                else ""
            )
            message = f"{error.problem} ({error.context}{where})"
        return Problem(name, line, column, "", message)
    if isinstance(error, yaml.reader.ReaderError):
        position = error.position
        if not pure and LIBYAML:  # libyaml counts bytes
            position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace"))
        line, column = _line_column(text, position)
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        return Problem(
            name, line, column, "", f"character {character} is not allowed in YAML", "remove it or escape it"
        )
    if isinstance(error, UnicodeEncodeError):  # lone surrogates
        line, column = _line_column(text, error.start)
        return Problem(name, line, column, "", f"invalid character U+{ord(text[error.start]):04X} (a lone surrogate)")
    return Problem(name, 1, 1, "", f"cannot read YAML: {error}")  # pragma: no cover - defensive


# -- pydantic errors to readable problems ------------------------------------------------------


class _Issue(NamedTuple):
    """A problem before it has a position: where in the data, what, and what to do."""

    path: Path
    message: str
    suggestion: str | None = None
    at_key: bool = False
    mark: tuple[int, int] | None = None


_ABSENT: Any = object()


def _show(value: Any) -> str:
    """A short rendering of an input value for messages, in YAML's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) >= 10**20:
        return f"a number of {len(str(abs(value)))} digits"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a value of type {type(value).__name__}"


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _step(value: Any, step: Any) -> Any:
    """One step into the data, or ``_ABSENT``."""
    if isinstance(value, Mapping):
        try:
            return value.get(step, _ABSENT)
        except TypeError:  # unhashable step
            return _ABSENT
    if isinstance(value, (list, tuple)) and isinstance(step, int) and 0 <= step < len(value):
        return value[step]
    return _ABSENT


def _value_at(data: Any, path: Path) -> Any:
    for step in path:
        data = _step(data, step)
        if data is _ABSENT:
            break
    return data


def _split_loc(loc: tuple[Any, ...], data: Any, missing: bool) -> tuple[Path, int | None]:
    """The data path of a pydantic ``loc``, and where its first union tag is.

    Steps that exist in the data are the path; a step that does not is a union
    member tag (``'int'``, ``"literal['unknown']"``), except the last step of a
    missing-field error, which is the missing field.
    """
    path: list[str | int] = []
    value = data
    for position, step in enumerate(loc):
        inner = _step(value, step)
        if inner is not _ABSENT:
            path.append(step)
            value = inner
        elif missing and position == len(loc) - 1:
            path.append(step)
        else:
            return tuple(path), position
    return tuple(path), None


def _model_fields_at(path: Path) -> list[str]:
    """The field names of the model that validates the mapping at ``path``."""
    current: Any = Document
    for step in path:
        current = _inner_type(current, step)
        if current is None:
            return []
    current = _inner_type(current, None)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_type(annotation: Any, step: Any) -> Any:
    """The type one step inside ``annotation`` (``step=None``: just unwrap it)."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin is typing.Union or origin is types.UnionType:
            members = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(members) != 1:
                return None
            annotation = members[0]
        else:
            break
    if step is None:
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(step) if isinstance(step, str) else None
        return field.annotation if field is not None else None
    args = get_args(annotation)
    if origin is tuple and isinstance(step, int):
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
        return args[step] if step < len(args) else None
    if origin is dict:
        return args[1]
    return None


def _literal_values(expected: str) -> list[str]:
    return re.findall(r"'((?:[^'\\]|\\.)*)'", expected)


def _bound(error: ErrorDetails) -> str | None:
    context = error.get("ctx") or {}
    for key, word in [("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")]:
        if key in context:
            limit = context[key]
            if isinstance(limit, float) and limit.is_integer():
                limit = int(limit)
            return f"{word} {limit}"
    return None


def _expected(error: ErrorDetails, tag: str) -> str:
    """What one member of a union expects, for "expected X or Y" messages."""
    kind = error["type"]
    noun = "an integer" if "int" in tag else "a number"
    bound = _bound(error)
    if bound is not None:
        return f"{noun} {bound}"
    if kind == "literal_error":
        return str((error.get("ctx") or {}).get("expected", tag))
    if kind.startswith("int_"):
        return "an integer"
    if kind.startswith("float_") or kind == "finite_number":
        return "a number"
    if kind.startswith("bool_"):
        return "true or false"
    if kind.startswith("string_"):
        return "text"
    if kind in ("tuple_type", "list_type"):
        return "a list"
    if kind in ("dict_type", "model_type"):
        return "a mapping"
    return tag


def _tag_expects(tag: str) -> str:
    """What a union member expects, judged by its tag, when the error is inside it."""
    if tag.startswith(("tuple", "list")):
        return "a list"
    if tag.startswith("dict") or tag[:1].isupper():
        return "a mapping"
    return tag


def _single(error: ErrorDetails, path: Path, value: Any) -> _Issue:
    """A readable problem for one pydantic error."""
    kind = error["type"]
    context = error.get("ctx") or {}
    got = f", got {_show(value)}" if value is not _ABSENT else ""
    if kind == "missing":
        if path and isinstance(path[-1], int):
            return _Issue(path, "missing list item (the list is too short)")
        return _Issue(path, "field required")
    if kind == "extra_forbidden":
        key = path[-1] if path else ""
        return _Issue(path, f"unknown key {key!r}", suggest(str(key), _model_fields_at(path[:-1])), at_key=True)
    if kind == "invalid_key":
        return _Issue(path, f"keys must be text, got {_show(error['input'])}", at_key=True)
    if kind == "literal_error":
        expected = str(context.get("expected", ""))
        one_of = "one of " if " or " in expected else ""
        suggestion = suggest(value, _literal_values(expected)) if isinstance(value, str) else None
        return _Issue(path, f"expected {one_of}{expected}{got}", suggestion)
    if kind in ("value_error", "assertion_error"):
        message = error["msg"].split(", ", 1)[1] if ", " in error["msg"] else error["msg"]
        return _Issue(path, message)
    if kind == "string_type":
        quote = "put the value in quotes to use it as text" if isinstance(value, (int, float)) else None
        return _Issue(path, f"expected text{got}", quote)
    if kind == "string_pattern_mismatch" and context.get("pattern") == DATE_PATTERN:
        return _Issue(path, f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY in the digits 0-9{got}")
    if kind == "string_pattern_mismatch" and context.get("pattern") == _ID_PATTERN:
        return _Issue(path, f"an id must not be empty or start or end with white space{got}")
    if kind == "string_too_short" and context.get("min_length") == 1:
        return _Issue(path, "must not be empty")
    bound = _bound(error)
    if bound is not None:
        return _Issue(path, f"must be {bound}{got}")
    expects = _expected(error, "")
    if expects:
        suggestion = None
        if expects == "a list" and isinstance(value, str):
            suggestion = f"write a list: [{value}]"
        return _Issue(path, f"expected {expects}{got}", suggestion)
    message = error["msg"]
    return _Issue(path, message[:1].lower() + message[1:] + (got if kind.endswith("_type") else ""))


def _issues_from_errors(errors: Sequence[tuple[tuple[Any, ...], ErrorDetails]], data: Any) -> list[_Issue]:
    """Readable problems for pydantic errors: one per location, union noise folded."""
    groups: dict[Path, list[tuple[tuple[Any, ...], int | None, ErrorDetails]]] = {}
    for loc, error in errors:
        path, tag_at = _split_loc(loc, data, error["type"] == "missing")
        groups.setdefault(path, []).append((loc, tag_at, error))
    issues: list[_Issue] = []
    for path, members in groups.items():
        value = _value_at(data, path)
        tagged = [(loc, tag_at, error) for loc, tag_at, error in members if tag_at is not None]
        tags = {str(loc[tag_at]) for loc, tag_at, _ in tagged if tag_at is not None}
        if len(tags) < 2:
            issues.extend(_single(error, path, value) for _, _, error in members)
            continue
        # Several members of a union failed at the same place.
        deeper = [
            ((*loc[:tag_at], *loc[tag_at + 1 :]), error)
            for loc, tag_at, error in tagged
            if tag_at is not None and len(loc) > tag_at + 1
        ]
        if deeper and isinstance(value, (Mapping, list, tuple)):
            # The value has the shape of one member (a list, a mapping): report inside it.
            issues.extend(_issues_from_errors(deeper, data))
            continue
        expected: list[str] = []
        literals: list[str] = []
        for loc, tag_at, error in tagged:
            assert tag_at is not None
            tag = str(loc[tag_at])
            text = _expected(error, tag) if len(loc) == tag_at + 1 else _tag_expects(tag)
            for word in ["true", "false"] if text == "true or false" else [text]:
                if word not in expected:
                    expected.append(word)
            if error["type"] == "literal_error":
                literals.extend(_literal_values(str((error.get("ctx") or {}).get("expected", ""))))
        if any(text.startswith(("a number ", "an integer ")) for text in expected):  # a bound says more
            expected = [text for text in expected if text not in ("a number", "an integer")]
        if any(text.startswith("a number") for text in expected):  # a number covers an integer
            expected = [text for text in expected if not text.startswith("an integer")]
        suggestion = suggest(value, literals) if isinstance(value, str) and literals else None
        issues.append(_Issue(path, f"expected {_join(expected)}, got {_show(value)}", suggestion))
    return issues


def _validate(data: Mapping[Any, Any]) -> tuple[Document | None, list[_Issue]]:
    """Validate and check; the document, or every problem."""
    try:
        document = Document.model_validate(data)
    except ValidationError as error:
        errors = [(tuple(detail["loc"]), detail) for detail in error.errors(include_url=False)]
        issues = _issues_from_errors(errors, data)
        issues = [
            i if i.suggestion else i._replace(suggestion=shape_hint(i.path, _value_at(data, i.path))) for i in issues
        ]
        partial = _partial_document(data, [loc for loc, _ in errors])
        if partial is not None:
            problems = check_document(partial[0], invalid=partial[1])
            issues += [_Issue(problem.path, problem.message, problem.suggestion) for problem in problems]
        return None, issues
    problems = check_document(document)
    if problems:
        return None, [_Issue(problem.path, problem.message, problem.suggestion) for problem in problems]
    return document, []


def _partial_document(
    data: Mapping[Any, Any], locs: Sequence[tuple[Any, ...]]
) -> tuple[Document, dict[tuple[str, int], str | None]] | None:
    """The document without the list items that failed validation, for the cross-reference checks.

    The failed items stay in their lists as None, so paths keep their indexes,
    and their ids stay known, so references to them are not reported too. When
    a whole section failed (``posts`` is not a list, an unknown top-level key
    that may be a misspelt section), every reference into it would look broken:
    then there is no partial document and no checks.
    """
    lists = {field for field, info in Document.model_fields.items() if get_origin(info.annotation) is tuple}
    failed: dict[str, set[int]] = {}
    reduced = dict(data)
    for loc in locs:
        if (
            len(loc) >= 2
            and loc[0] in lists
            and isinstance(loc[1], int)
            and isinstance(data.get(loc[0]), (list, tuple))
        ):
            failed.setdefault(loc[0], set()).add(loc[1])
        elif loc and loc[0] == "organisation":
            reduced["organisation"] = {"id": "organisation", "name": "organisation"}
        else:
            return None
    for field, indexes in failed.items():
        reduced[field] = [item for index, item in enumerate(data[field]) if index not in indexes]
    try:
        document = Document.model_validate(reduced)
    except ValidationError:  # pragma: no cover - the failed items are gone
        return None
    invalid: dict[tuple[str, int], str | None] = {}
    update: dict[str, tuple[Any, ...]] = {}
    for field, indexes in failed.items():
        valid = iter(getattr(document, field))
        items: list[Any] = []
        for index, raw in enumerate(data[field]):
            if index in indexes:
                ident = raw.get("id") if isinstance(raw, Mapping) else None
                invalid[(field, index)] = ident if isinstance(ident, str) else None
                items.append(None)
            else:
                items.append(next(valid))
        update[field] = tuple(items)
    return document.model_copy(update=update), invalid


# -- positions ---------------------------------------------------------------------------------


def _find_key(node: MappingNode, step: Any) -> tuple[Node, Node] | None:
    """The (key, value) nodes of ``step`` in a mapping; the last one, as YAML keeps it."""
    wanted = str(step).lower() if isinstance(step, bool) else str(step)
    for key_node, value_node in reversed(node.value):
        if isinstance(key_node, ScalarNode) and key_node.value == wanted:
            return key_node, value_node
    return None


def _locate(root: Node, path: Path, at_key: bool) -> tuple[int, int]:
    """1-based line and column of the deepest node along ``path`` (the key node when asked)."""
    node = root
    for position, step in enumerate(path):
        if isinstance(node, MappingNode):
            found = _find_key(node, step)
            if found is None:
                break
            if at_key and position == len(path) - 1:
                node = found[0]
                break
            node = found[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1, node.start_mark.column + 1


def _duplicate_keys(root: Node) -> list[_Issue]:
    """Every key given twice in one mapping (PyYAML would keep the last silently)."""
    issues: list[_Issue] = []
    seen_nodes: set[int] = set()
    work: list[tuple[Node, Path]] = [(root, ())]
    while work:
        node, path = work.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, SequenceNode):
            work.extend((child, (*path, index)) for index, child in enumerate(node.value))
        elif isinstance(node, MappingNode):
            first: dict[Any, Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    continue
                key = scalar_value(key_node)
                if key in first:
                    mark = first[key].start_mark
                    where = f"line {mark.line + 1}"
                    if mark.line == key_node.start_mark.line:
                        where += f", column {mark.column + 1}"
                    issues.append(
                        _Issue(
                            (*path, key),
                            f"duplicate key {key!r}, first given at {where}",
                            "YAML would silently keep only the last value; remove one",
                            mark=(key_node.start_mark.line + 1, key_node.start_mark.column + 1),
                        )
                    )
                else:
                    first[key] = key_node
                work.append((value_node, (*path, key)))
    return issues


# -- the public functions ----------------------------------------------------------------------


def parse_document(text: str, *, name: str = "<string>") -> Document:
    r"""Parse and check an organisation document given as YAML (or JSON) text.

    Parameters
    ----------
    text : str
        The YAML text.
    name : str, optional
        The file name that problems are reported under.

    Returns
    -------
    Document
        The validated document: the format is right, ids are unique,
        references resolve, and reporting lines, unit nesting, group
        definitions and forum nesting have no cycles.

    Raises
    ------
    OrgDataError
        With every problem of the text at once, each with line and column:
        YAML syntax, duplicate keys, wrong types, unknown keys, missing
        fields, duplicate ids, unknown references, cycles. Also for an empty
        text, a top level that is not a mapping, nesting deeper than
        :data:`MAX_DEPTH` and alias bombs.

    See Also
    --------
    read_document : The same for a file.
    document_from_dict : The same for data already in Python.
    orggraph.checks.check_document : The cross-reference checks.

    Examples
    --------
    >>> doc = parse_document("organisation: {id: acme, name: Acme}")
    >>> doc.organisation.name
    'Acme'
    >>> try:
    ...     parse_document("organisation: {id: acme}\nposts: [{id: ceo}]", name="acme.yaml")
    ... except OrgDataError as error:
    ...     for problem in error.problems:
    ...         print(problem)
    acme.yaml:1:15: organisation.name: field required
    acme.yaml:2:9: posts[0].name: field required
    """
    with gc_paused():
        return _parse(text, name)


def _parse(text: str, name: str, *, pure: bool = False) -> Document:
    return parse_with_data(text, name=name, pure=pure)[0]


def parse_with_data(text: str, *, name: str = "<string>", pure: bool = False) -> tuple[Document, Any]:
    """:func:`parse_document`, and the parsed data the document was validated from.

    For :func:`orggraph.load_graph.parse_graph`, which builds the graph while
    the data is still alive, so that little of the loader's memory stays
    resident.

    Parameters
    ----------
    text : str
        The YAML text.
    name : str, optional
        The file name that problems are reported under.
    pure : bool, optional
        Use PyYAML's pure-Python parser instead of libyaml's (same results).

    Returns
    -------
    tuple
        The checked document and the data (mappings, lists, scalars).

    Raises
    ------
    OrgDataError
        As :func:`parse_document` does.

    Examples
    --------
    >>> document, data = parse_with_data("organisation: {id: acme, name: Acme}")
    >>> document.organisation.name, data
    ('Acme', {'organisation': {'id': 'acme', 'name': 'Acme'}})
    """
    try:
        loaded = read_yaml(text, pure=pure)
    except (yaml.YAMLError, RefusedYAMLError, UnicodeEncodeError) as error:
        raise OrgDataError([_yaml_problem(error, text, name, pure)]) from None
    if loaded.empty:
        raise OrgDataError(
            [Problem(name, 1, 1, "", "the document is empty", "start with 'organisation: {id: ..., name: ...}'")]
        )
    data = loaded.data
    if not isinstance(data, dict):
        root = _tree(text, pure)
        line, column = _locate(root, (), False) if root is not None else (1, 1)
        message = f"the top level must be a mapping (keys like 'organisation' and 'posts'), got {_show(data)}"
        raise OrgDataError([Problem(name, line, column, "", message)])
    duplicate_keys = loaded.duplicate_keys
    del loaded
    document, issues = _validate(data)
    if not issues and not duplicate_keys:
        assert document is not None
        return document, data
    del data
    # Problems: compose again to find their positions.
    root = _tree(text, pure)
    issues = (_duplicate_keys(root) if root is not None else []) + issues
    if not issues:  # pragma: no cover - both passes resolve keys alike
        assert document is not None
        return document, None
    problems = []
    for issue in issues:
        line, column = issue.mark or (_locate(root, issue.path, issue.at_key) if root is not None else (1, 1))
        problems.append(Problem(name, line, column, format_path(issue.path), issue.message, issue.suggestion))
    raise OrgDataError(problems) from None


def _tree(text: str, pure: bool) -> Node | None:
    """The node tree for the positions of problems; None if PyYAML's composer refuses what the reader took.

    The subset's reader refuses everything the composer would (a duplicate anchor, say); should the
    two ever disagree, problems are still reported, at line 1, rather than the composer's error raised.
    """
    try:
        node: Node | None = compose(text, pure=pure)
    except yaml.YAMLError:  # pragma: no cover - the reader refuses it first
        return None
    return node


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read and check an organisation document from a UTF-8 YAML (or JSON) file.

    Parameters
    ----------
    path : str or os.PathLike
        The file. Problems are reported under this name, as given.

    Returns
    -------
    Document
        The validated document (see :func:`parse_document`).

    Raises
    ------
    OrgDataError
        When the file cannot be read (missing, a directory, not UTF-8: with
        the line and column of the first bad byte) or has any of the problems
        :func:`parse_document` finds, all at once.

    See Also
    --------
    parse_document : The same for text.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "acme.yaml").write_text("organisation: {id: acme, name: Åkande}", encoding="utf-8")
    >>> read_document(folder / "acme.yaml").organisation.name
    'Åkande'
    >>> try:
    ...     read_document(folder / "missing.yaml")
    ... except OrgDataError as error:
    ...     print(error.problems[0].message)
    file not found
    """
    text, name = read_text(path)
    return parse_document(text, name=name)


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    r"""The text of an organisation file, and the name its problems are reported under (the path as given).

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    tuple of str
        The text (UTF-8, a byte order mark removed) and the name.

    Raises
    ------
    OrgDataError
        When the file cannot be read, as :func:`read_document` reports it.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "acme.yaml"
    >>> _ = path.write_bytes(b"\xef\xbb\xbforganisation: {id: acme, name: \xc3\x85kande}")
    >>> read_text(path)[0]
    'organisation: {id: acme, name: Åkande}'
    """
    name = os.fspath(path)
    try:
        raw = read_bounded(path, MAX_STREAM_BYTES)  # a pipe or a device (/dev/zero) may never end
    except OSError as error:
        raise OrgDataError([Problem(name, 0, 0, "", _os_message(error))]) from None
    if raw is None:
        raise OrgDataError([stream_problem(name, MAX_STREAM_BYTES, "give an organisation file")])
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        problem = Problem(
            name,
            line,
            column,
            "",
            f"the file is not valid UTF-8: unexpected byte 0x{byte:02x}",
            "save the file as UTF-8",
        )
        raise OrgDataError([problem]) from None
    return text, name


def _os_message(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "file not found"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read the file: {error.strerror or error}"


def document_from_dict(data: Mapping[str, Any], *, name: str = "<dict>") -> Document:
    """Validate and check an organisation document given as Python data.

    Parameters
    ----------
    data : Mapping
        The document as YAML would load it: mappings, lists and scalars.
    name : str, optional
        The name problems are reported under.

    Returns
    -------
    Document
        The validated document (see :func:`parse_document`).

    Raises
    ------
    OrgDataError
        With every problem at once; without positions (line 0), with paths.

    See Also
    --------
    parse_document : The same for YAML text, with line and column.

    Examples
    --------
    >>> doc = document_from_dict({"organisation": {"id": "acme", "name": "Acme"}})
    >>> doc.organisation.id
    'acme'
    >>> try:
    ...     document_from_dict({"organisation": {"id": "acme", "name": "Acme"}, "post": []})
    ... except OrgDataError as error:
    ...     print(error.problems[0])
    <dict>: post: unknown key 'post' (did you mean 'posts'?)
    """
    with gc_paused():
        if not isinstance(data, Mapping):
            message = f"the top level must be a mapping (keys like 'organisation' and 'posts'), got {_show(data)}"
            raise OrgDataError([Problem(name, 0, 0, "", message)])
        document, issues = _validate(data if isinstance(data, dict) else dict(data))
        if issues or document is None:
            problems = [
                Problem(name, 0, 0, format_path(issue.path), issue.message, issue.suggestion) for issue in issues
            ]
            raise OrgDataError(problems)
        return document
