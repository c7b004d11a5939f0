r"""Import a generic HR export: one CSV row per post, ``id, name, title, manager_id, unit``.

Most HR systems can export a table of positions with an id, a name, a job
title, the id of the line manager and the unit. :func:`read_csv` turns it into
an :class:`~orggraph.Org`:

- ``id`` becomes the post id, unchanged; ``name`` its name (the title, then
  the id, when the name is blank); ``title`` its ``type`` (which group rules
  select on); ``holder`` (optional) the person holding it;
- a blank ``manager_id`` makes the post a top post (``top: true``);
- every distinct ``unit`` text becomes a unit whose id is that text (prefixed
  ``unit:`` if a post already has that id);
- bad rows are reported with their line numbers in ``org.import_report``
  (:mod:`orggraph.importers.report`): rows without an id, duplicate ids,
  rows with too many fields, unknown managers (matched when only lost leading
  zeros or case differ), reporting cycles (broken at the post that comes
  first in the file; the message names each post's id and name), and a
  file with a header but no rows (a note: the organisation is empty).
  ``strict=True`` raises
  :class:`~orggraph.errors.OrgDataError` listing them instead.

The reader is the :mod:`csv` module over the decoded file, with the garbage
collector paused while the document is built: a million rows take seconds.

This module also holds the CSV reading shared by the importers:
:func:`decode` (UTF-8, falling back to Windows-1252) and :func:`records`
(rows with the line they start on).

Examples
--------
>>> import tempfile, pathlib
>>> from orggraph.importers import read_csv
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "hr.csv"
...     _ = path.write_text(
...         "id,name,title,manager_id,unit\n"
...         "1,Kommunaldirektør,direktør,,Direktionen\n"
...         "2,Centerchef for Økonomi,centerchef,1,Center for Økonomi\n"
...         "3,Centerchef for Kultur,centerchef,01,\n",
...         encoding="utf-8",
...     )
...     org = read_csv(path)
>>> org.roots(), org.direct_reports("1"), org.nodes("unit")
(['1'], ['2', '3'], ['Direktionen', 'Center for Økonomi'])
>>> print(org.import_report)
Import report: 1 repair, 0 skipped, 0 notes
  .../hr.csv:4:4: post '3': matched the manager to post '1' (unknown post '01'; leading zeros differ)
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from orggraph.checks import functional_cycles
from orggraph.collector import gc_paused
from orggraph.errors import OrgDataError, Problem, suggest
from orggraph.importers.report import Repair, sorted_report
from orggraph.org import Org
from orggraph.schema import Document
from orggraph.text import slug

__all__ = [
    "FIELDS",
    "Place",
    "built",
    "decode",
    "find_cycles",
    "key_index",
    "match_reference",
    "read_bytes",
    "read_csv",
    "read_text",
    "records",
    "reference_key",
    "validated",
]

FIELDS: tuple[str, ...] = ("id", "name", "title", "manager_id", "unit", "holder")
"""The fields :func:`read_csv` reads; ``id`` is required, the others optional."""

_FLOAT_ZEROS = re.compile(r"(\d+)\.0+")
_BUILT_ITEM = re.compile(r"[a-z_]+\[\d+\]")

T = TypeVar("T")


# -- reading CSV text ------------------------------------------------------------------------------


def decode(data: bytes, *, file: str, encoding: str | None = None, report: list[Repair] | None = None) -> str:
    r"""The text of a file's bytes.

    With ``encoding=None`` the bytes are read as UTF-8 (a byte order mark is
    dropped); when they are not UTF-8 they are read as Windows-1252, the
    usual encoding of spreadsheet exports, and ``report`` gets a repair
    saying so. A given encoding is used as is.

    Parameters
    ----------
    data : bytes
        The file's content.
    file : str
        The file name, for messages.
    encoding : str, optional
        The encoding; None for UTF-8 with the fallback.
    report : list of Repair, optional
        Where the fallback is reported.

    Returns
    -------
    str

    Raises
    ------
    OrgDataError
        If a given encoding is unknown or does not fit the bytes.

    Examples
    --------
    >>> decode("Ishøj".encode("cp1252"), file="x.csv")
    'Ishøj'
    >>> decode(b"caf\xc3\xa9", file="x.csv", encoding="utf-8")
    'café'
    """
    if encoding is None:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if report is not None:
                report.append(
                    Repair(
                        file,
                        data.count(b"\n", 0, error.start) + 1,
                        None,
                        "read the file as Windows-1252",
                        f"the file is not UTF-8 (byte {data[error.start : error.start + 1]!r} at offset {error.start})",
                    )
                )
            return data.decode("cp1252", errors="replace")
    try:
        return data.decode(encoding)
    except LookupError:
        raise OrgDataError(
            [Problem(file, 0, 0, "", f"unknown encoding {encoding!r}", "try 'utf-8', 'cp1252' or 'latin-1'")]
        ) from None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"the file is not {encoding}: byte {data[error.start : error.start + 1]!r} at offset {error.start}"
        raise OrgDataError([Problem(file, line, 0, "", message, "give the file's encoding, e.g. 'cp1252'")]) from None


def read_text(path: str | os.PathLike[str], *, encoding: str | None = None, report: list[Repair] | None = None) -> str:
    """The decoded text of a file (see :func:`decode`).

    Raises
    ------
    OrgDataError
        If the file cannot be read or decoded.

    Examples
    --------
    >>> read_text("no/such/file.csv")
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      no/such/file.csv: cannot read the file: No such file or directory
    """
    file = os.fspath(path)
    return decode(read_bytes(file), file=file, encoding=encoding, report=report)


MAX_STREAM_BYTES = 256 * 1024 * 1024
"""The most bytes read from something that is not a regular file (a pipe, a device): ``/dev/zero`` never ends."""


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file; a pipe or device is read up to :data:`MAX_STREAM_BYTES`.

    Raises
    ------
    OrgDataError
        If the file cannot be read, or a pipe or device gives more than :data:`MAX_STREAM_BYTES`.

    Examples
    --------
    >>> read_bytes("no/such/file.csv")
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      no/such/file.csv: cannot read the file: No such file or directory
    """
    file = os.fspath(path)
    try:
        with open(file, "rb") as handle:
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return handle.read()
            data = handle.read(MAX_STREAM_BYTES + 1)
    except OSError as error:
        raise OrgDataError([Problem(file, 0, 0, "", f"cannot read the file: {error.strerror or error}")]) from None
    if len(data) > MAX_STREAM_BYTES:
        message = f"not a file but a stream of more than {MAX_STREAM_BYTES:_} bytes".replace("_", " ")
        raise OrgDataError([Problem(file, 0, 0, "", message, "give a data file")])
    return data


def records(text: str, *, file: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    r"""The rows of CSV text, each with the line it starts on (1-based).

    Blank lines give empty rows; a quoted value may span lines.

    Raises
    ------
    OrgDataError
        If the text is not readable as CSV (e.g. a value longer than the
        :mod:`csv` module's field size limit).

    Examples
    --------
    >>> list(records('a,b\n"x\ny",z\n\nc,d\n', file="t.csv"))
    [(1, ['a', 'b']), (2, ['x\ny', 'z']), (4, []), (5, ['c', 'd'])]
    """
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except (TypeError, ValueError) as error:
        raise OrgDataError([Problem(file, 0, 0, "", f"bad CSV settings: {error}")]) from None
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        raise OrgDataError([Problem(file, line, 0, "", f"not readable as CSV: {error}")]) from None


# -- references ------------------------------------------------------------------------------------


def reference_key(reference: str) -> str:
    """A key under which references that differ only by lost leading zeros or case meet.

    Spreadsheets turn ``"0042"`` into ``42`` or ``42.0``, and people type
    ``ab12`` for ``AB12``.

    Examples
    --------
    >>> reference_key("0042") == reference_key("42") == reference_key("42.0")
    True
    >>> reference_key("AB12") == reference_key("ab12"), reference_key("0")
    (True, '0')
    """
    key = reference.strip().casefold()
    match = _FLOAT_ZEROS.fullmatch(key)
    if match:
        key = match.group(1)
    return key.lstrip("0") or "0"


def _difference(wanted: str, found: str) -> str:
    if wanted.strip().casefold() == found.strip().casefold():
        return "case differs"
    if wanted.casefold().lstrip("0") == found.casefold().lstrip("0"):
        return "leading zeros differ"
    return "it is written as a decimal number"


def match_reference(reference: str, index: Mapping[str, Sequence[str]]) -> tuple[str | None, str]:
    """The one id ``reference`` means when only leading zeros or case differ, with how they differ.

    ``index`` maps :func:`reference_key` keys to ids. Returns ``(None, why)``
    when no id or several ids match.

    Examples
    --------
    >>> index = {reference_key(r): [r] for r in ("0042", "AB1")}
    >>> match_reference("42", index), match_reference("ab1", index)
    (('0042', 'leading zeros differ'), ('AB1', 'case differs'))
    >>> match_reference("7", index)
    (None, 'no post has it')
    """
    candidates = index.get(reference_key(reference), ())
    if len(candidates) == 1:
        return candidates[0], _difference(reference, candidates[0])
    if not candidates:
        return None, "no post has it"
    return None, "it could be " + " or ".join(repr(c) for c in candidates[:5])


def key_index(ids: Iterable[str]) -> dict[str, list[str]]:
    """:func:`reference_key` -> the ids with that key, for :func:`match_reference`.

    Examples
    --------
    >>> key_index(["01", "1", "B"])
    {'1': ['01', '1'], 'b': ['B']}
    """
    index: dict[str, list[str]] = {}
    for ident in ids:
        index.setdefault(reference_key(ident), []).append(ident)
    return index


def find_cycles(manager: Mapping[str, str], order: Iterable[str]) -> list[list[str]]:
    """The cycles of a reporting structure where each post has at most one manager.

    Each cycle is listed from its post that comes first in ``order`` (which
    holds every post); cycles come in that order too. Linear in the number
    of posts.

    Examples
    --------
    >>> find_cycles({"a": "b", "b": "c", "c": "b", "d": "d", "e": "a"}, "abcde")
    [['b', 'c'], ['d']]
    """
    return functional_cycles(manager, {post: number for number, post in enumerate(order)})


Place = Callable[[str], tuple[str | None, int, str]]
"""Where an item of importer-built data (``posts[3]``) is in the input: (file or None for the main
file, line or 0, the item's path in the input or words that name it)."""


def _located(error: OrgDataError, file: str, place: Place | None) -> OrgDataError:
    """An error about importer-built data, told in the input's terms: no path the user did not write."""
    problems = []
    for problem in error.problems:
        match = _BUILT_ITEM.match(problem.path.lstrip("."))
        found, line, where = place(match.group(0)) if place is not None and match else (None, 0, "")
        message = f"orggraph built invalid data from this input ({problem.message}); please report it as a bug"
        problems.append(Problem(found or file, line, 0, where, message))
    return OrgDataError(problems)


def validated(data: Mapping[str, Any], *, file: str, place: Place | None = None) -> Document:
    """The document of importer-built data (an importer bug shows as an OrgDataError, never another error).

    ``place`` tells where an item of ``data`` came from in the input, so that
    a message names the input's line or path, never the built data's.

    Examples
    --------
    >>> validated({"organisation": {"id": "x", "name": "X"}}, file="x.csv").organisation.name
    'X'
    >>> validated({"organisation": {"id": "x", "name": "X"}, "posts": [{"id": "a"}]}, file="x.csv",
    ...           place=lambda path: (None, 7, ""))
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      x.csv:7:0: orggraph built invalid data from this input (Field required); please report it as a bug
    """
    try:
        return Document.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(file, 0, 0, "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in item["loc"]), item["msg"])
            for item in error.errors(include_url=False)
        ]
        raise _located(OrgDataError(problems), file, place) from None


def built(data: Mapping[str, Any], *, file: str, place: Place | None = None) -> Org:
    """The organisation of importer-built data, validated and checked like a file (see :func:`validated`).

    Examples
    --------
    >>> built({"organisation": {"id": "x", "name": "X"}, "posts": [{"id": "a", "name": "A", "reports_to": "b"}]},
    ...       file="x.csv", place=lambda path: (None, 3, "post 'a'"))
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      x.csv:3:0: post 'a': orggraph built invalid data from this input (unknown post 'b'); please report it as a bug
    """
    from orggraph.org import from_dict

    try:
        return from_dict(data, name=file)
    except OrgDataError as error:
        raise _located(error, file, place) from None


# -- the generic HR export -------------------------------------------------------------------------


def _columns(
    header: list[str], line: int, columns: Mapping[str, str] | None, file: str, report: list[Repair]
) -> dict[str, int]:
    wanted = {field: field for field in FIELDS}
    if columns is not None:
        unknown = [field for field in columns if field not in FIELDS]
        if unknown:
            message = f"columns: unknown field {unknown[0]!r}; valid fields: {', '.join(FIELDS)}"
            raise OrgDataError([Problem(file, 0, 0, "", message, suggest(unknown[0], FIELDS))])
        wanted.update(columns)
    names = [cell.strip() for cell in header]
    folded = [name.casefold() for name in names]
    found: dict[str, int] = {}
    problems: list[Problem] = []
    for field, name in wanted.items():
        matches = [i for i, cell in enumerate(names) if cell == name]
        if not matches:
            matches = [i for i, cell in enumerate(folded) if cell == name.strip().casefold()]
        if not matches:
            if field == "id" or (columns is not None and field in columns):
                hint = suggest(name, names) or "header: " + ", ".join(repr(n) for n in names[:20])
                problems.append(Problem(file, line, 0, "", f"no column {name!r} for the field {field!r}", hint))
            continue
        found[field] = matches[0]
        if len(matches) > 1:
            report.append(
                Repair(
                    file,
                    line,
                    None,
                    f"used column {matches[0] + 1} for {field!r}",
                    f"the header {name!r} appears in columns " + ", ".join(str(i + 1) for i in matches),
                    column=matches[1] + 1,
                )
            )
    if problems:
        raise OrgDataError(problems)
    return found


def read_csv(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    delimiter: str = ",",
    encoding: str | None = None,
    name: str | None = None,
) -> Org:
    r"""Read a generic HR export: one row per post with ``id, name, title, manager_id, unit``.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file; its first row is the header.
    columns : mapping of str to str, optional
        The file's header for each field whose column is named otherwise, e.g.
        ``{"id": "Stillings-ID", "manager_id": "Leder-ID"}``. Fields: ``id``
        (required), ``name``, ``title``, ``manager_id``, ``unit`` and
        ``holder`` (the person in the post). Headers match exactly, else
        ignoring case.
    strict : bool, default False
        Raise instead of repairing: every repair and skipped row becomes a
        problem of one :class:`~orggraph.errors.OrgDataError`.
    delimiter : str, default ","
        The field separator (``";"`` is common in Danish exports).
    encoding : str, optional
        The file's encoding; by default UTF-8, falling back to Windows-1252
        (reported).
    name : str, optional
        The organisation's name; by default the file name without extension.

    Returns
    -------
    Org
        With ``import_report`` listing every repair and skipped row.

    Raises
    ------
    OrgDataError
        When the file cannot be read as CSV, has no ``id`` column, or (with
        ``strict=True``) needs any repair; each problem as ``file:line:column``.

    See Also
    --------
    read_organogram : UK government organogram CSVs.

    Examples
    --------
    >>> import tempfile, pathlib, orggraph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "hr.csv"
    ...     _ = path.write_text("Stilling;Navn;Leder\nA1;Direktør;\nB2;Chef;A1\nB2;Chef igen;A1\n",
    ...                         encoding="utf-8")
    ...     org = read_csv(path, delimiter=";", columns={"id": "Stilling", "name": "Navn", "manager_id": "Leder"})
    ...     try:
    ...         read_csv(path, delimiter=";", columns={"id": "Stilling", "manager_id": "Leder"}, strict=True)
    ...     except orggraph.OrgDataError as error:
    ...         print(error.problems[0].message)
    duplicate id 'B2', first at line 3
    >>> org.name("B2"), org.manager("B2"), len(org.import_report)
    ('Chef', 'A1', 1)
    """
    file = os.fspath(path)
    with gc_paused():
        return _read_csv(file, columns, strict, delimiter, encoding, name)


def _read_csv(
    file: str,
    columns: Mapping[str, str] | None,
    strict: bool,
    delimiter: str,
    encoding: str | None,
    name: str | None,
) -> Org:
    report: list[Repair] = []
    text = read_text(file, encoding=encoding, report=report)
    rows = records(text, file=file, delimiter=delimiter)
    header: list[str] | None = None
    header_line = 1
    for line, row in rows:
        if any(cell.strip() for cell in row):
            header, header_line = row, line
            break
    if header is None:
        raise OrgDataError([Problem(file, 1, 0, "", "the file has no header row", "expected " + ", ".join(FIELDS))])
    found = _columns(header, header_line, columns, file, report)
    width = len(header)
    i_id = found["id"]
    i_name, i_title, i_manager, i_unit, i_holder = (found.get(f, -1) for f in FIELDS[1:])

    posts: dict[str, dict[str, Any]] = {}  # id -> post, in file order
    lines: dict[str, int] = {}
    managers: dict[str, str] = {}
    units: dict[str, str] = {}  # unit text -> unit id
    filled = False  # whether a row below the header has any value
    for line, row in rows:
        if not filled:
            filled = any(cell.strip() for cell in row)
        size = len(row)
        if size != width:
            if size > width and any(cell.strip() for cell in row[width:]):
                report.append(
                    Repair(file, line, None, "skipped the row", f"it has {size} fields, the header {width}", "skip")
                )
                continue
            if size < width:
                if not any(cell.strip() for cell in row):
                    continue
                row = row + [""] * (width - size)
        ident = row[i_id].strip()
        if not ident:
            if any(cell.strip() for cell in row):
                report.append(Repair(file, line, None, "skipped the row", "no id", "skip", i_id + 1))
            continue
        if "\n" in ident:
            report.append(Repair(file, line, None, "skipped the row", f"the id {ident!r} has a line break", "skip"))
            continue
        if ident in lines:
            reason = f"duplicate id {ident!r}, first at line {lines[ident]}"
            report.append(Repair(file, line, ident, "skipped the row", reason, "skip", i_id + 1))
            continue
        lines[ident] = line
        title = row[i_title].strip() if i_title >= 0 else ""
        label = row[i_name].strip() if i_name >= 0 else ""
        post: dict[str, Any] = {"id": ident, "name": label or title or ident}
        if not label and i_name >= 0:
            what = "its title" if title else "its id"
            report.append(Repair(file, line, ident, f"named the post after {what}", "no name", "note", i_name + 1))
        if title:
            post["type"] = title
        if i_holder >= 0:
            holder = row[i_holder].strip()
            if holder:
                post["holders"] = (holder,)
        if i_unit >= 0:
            unit = row[i_unit].strip()
            if unit:
                if unit not in units:
                    units[unit] = " ".join(unit.split())
                post["unit"] = units[unit]
        manager = row[i_manager].strip() if i_manager >= 0 else ""
        if manager:
            managers[ident] = manager
            post["reports_to"] = manager
        else:
            post["top"] = True
        posts[ident] = post

    if not filled:
        report.append(Repair(file, header_line, None, "read no posts", "the file has no rows below its header", "note"))
    _resolve_managers(posts, managers, lines, file, i_manager + 1, report)
    unit_list = _units(posts, units)
    entries = sorted_report(report, [file])
    if strict:
        entries.raise_for_problems()
    stem = Path(file).stem
    title = name or stem or "organisation"
    data = {
        "organisation": {"id": slug(title) or "organisation", "name": title},
        "sources": [{"id": "hr-export", "title": Path(file).name or file, "location": file}],
        "units": unit_list,
        "posts": list(posts.values()),
    }
    org = Org(validated(data, file=file, place=lambda path: _place(path, posts, lines, unit_list)))
    org.import_report = entries
    return org


def _place(
    path: str, posts: Mapping[str, dict[str, Any]], lines: Mapping[str, int], units: list[dict[str, Any]]
) -> tuple[str | None, int, str]:
    """Where ``posts[<n>]`` or ``units[<n>]`` of the built document is in the file (see :func:`validated`)."""
    kind, _, number = path.rstrip("]").partition("[")
    index = int(number) if number.isdigit() else -1
    if kind == "posts" and 0 <= index < len(posts):
        ident = list(posts)[index]
        return None, lines[ident], f"post {ident!r}"
    if kind == "units" and 0 <= index < len(units):
        return None, 0, f"unit {units[index]['name']!r}"
    return None, 0, ""


def _resolve_managers(
    posts: dict[str, dict[str, Any]],
    managers: dict[str, str],
    lines: Mapping[str, int],
    file: str,
    column: int,
    report: list[Repair],
) -> None:
    """Match or drop unknown managers and break reporting cycles, in ``posts`` and ``managers``."""
    index: dict[str, list[str]] | None = None
    unknown = [(ident, manager) for ident, manager in managers.items() if manager not in lines]
    for ident, manager in unknown:
        if index is None:
            index = key_index(lines)
        match, why = match_reference(manager, index)
        reason = f"unknown post {manager!r}; {why}"
        if match is not None:
            managers[ident] = posts[ident]["reports_to"] = match
            report.append(
                Repair(file, lines[ident], ident, f"matched the manager to post {match!r}", reason, column=column)
            )
        else:
            del managers[ident], posts[ident]["reports_to"]
            report.append(Repair(file, lines[ident], ident, "left the post without a manager", reason, column=column))
    for cycle in find_cycles(managers, lines):
        first = cycle[0]
        del managers[first], posts[first]["reports_to"]
        reason = "reporting cycle " + " -> ".join(f"{ident} {posts[ident]['name']!r}" for ident in [*cycle, first])
        report.append(Repair(file, lines[first], first, "left the post without a manager", reason, column=column))


def _units(posts: Mapping[str, dict[str, Any]], units: Mapping[str, str]) -> list[dict[str, Any]]:
    """The units named in the file; a unit whose name is a post's id gets the id ``unit:<name>``."""
    ids: dict[str, str] = {}
    names = set(units.values())
    for name in dict.fromkeys(units.values()):
        ident = name
        if ident in posts:
            ident, number = f"unit:{name}", 1
            while ident in posts or ident in names or ident in ids.values():
                number += 1
                ident = f"unit:{name}#{number}"
        ids[name] = ident
    renamed = {name: ident for name, ident in ids.items() if name != ident}
    if renamed:
        for post in posts.values():
            unit = post.get("unit")
            if unit in renamed:
                post["unit"] = renamed[unit]
    return [{"id": ident, "name": name} for name, ident in ids.items()]
