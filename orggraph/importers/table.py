r"""Import an HR export: one CSV row per employee (or post), mapped from the usual headers.

Most HR systems can export a table with an employee (or position) id, the
employee's name, the job title, the line manager's id, the department, the
FTE and sometimes the cost. :func:`read_csv` turns it into an
:class:`~orggraph.Org` (:func:`orggraph.importers.excel.read_excel` reads the
same from a spreadsheet). Each row becomes a post:

==========  ===============================  ========================================================
field       becomes                          headers recognised (case, spaces, ``_`` and ``-`` ignored)
==========  ===============================  ========================================================
id          the post id (required)           id, employee id, employee number, emp id, person id,
                                             position id, post id, staff id, medarbejdernummer, ...
post        the post's name (its box title)  job title, title\*, position, post, post name, role,
                                             job, stilling, stillingsbetegnelse, titel\*
holder      the person in the post           employee name, employee, full name, holder, person,
                                             name\*, medarbejder, navn\*
type        the post's ``type`` (for rules)  type, post type, job family
manager_id  ``reports_to`` (blank: top post) manager id, reports to, manager, supervisor id, line
                                             manager id, leder, leder id, nærmeste leder, ...
unit        the post's unit                  unit, department, dept, division, team, org unit,
                                             afdeling, enhed
fte         ``headcount``                    fte, full time equivalent, årsværk
cost        ``attributes["cost"]``           cost, annual cost, salary, salary cost, løn, lønudgift
grade       the post's ``grade``             grade, pay grade, pay band, band, grade level, lønramme,
                                             løntrin (ordered by :mod:`orggraph.grades`)
==========  ===============================  ========================================================

\* ``name`` and ``title`` are ambiguous: an HR export's "Name" is the
employee and its "Title" the job, while this importer's first format (still
read) had ``id, name, title, manager_id, unit, holder`` with ``name`` the
post's name and ``title`` its type. The rule:

- a file with a ``name`` and a ``title`` column and no other employee
  column reads them as an HR export: ``name`` is the holder, ``title`` the
  post's name (the import report notes it);
- a file with a ``name`` column but no job-title column reads ``name`` as
  the post's name (the first format without titles);
- a file with an employee column (``holder``, ``Employee Name``, ...) reads
  ``name`` as the post's name and ``title`` as its type (the first format
  with holders).

``columns=`` overrides any of this: ``{"post": "Stilling", "holder": "Navn"}``
(the first format's field names ``name`` and ``title`` still work there and
mean ``post`` and ``type``). When no column gives the ``id``, the error lists
the columns found and the headers recognised.

- a blank post name falls back to the type, then the id (noted);
- an FTE such as ``0.8``, ``0,8`` or ``80%`` becomes the head count (a
  float, as in the UK organograms); a cost such as ``45000``, ``45.000,50``
  or ``£45,000`` becomes ``attributes["cost"]`` (for a cost, one separator
  followed by exactly three digits groups thousands; for an FTE it is the
  decimal mark); a value that is not a number is reported and left out;
- every distinct unit text becomes a unit whose id is that text (prefixed
  ``unit:`` if a post already has that id);
- a manager reference that names no id is matched when only lost leading
  zeros or case differ, or when it is exactly one holder's name (some
  exports put the manager's name under "Reports To");
- bad rows are reported with their line numbers in ``org.import_report``
  (:mod:`orggraph.importers.report`): rows without an id, duplicate ids,
  rows with too many fields, unknown managers (matched when only lost leading
  zeros or case differ), reporting cycles (broken at the post that comes
  first in the file; the message names each post's id and name), and a
  file with a header but no rows (a note: the organisation is empty).
  ``strict=True`` raises
  :class:`~orggraph.errors.OrgDataError` listing them instead.

The reader is the :mod:`csv` module over the decoded file, with the garbage
collector paused while the graph is built (:mod:`orggraph.gc_pause`), and the
memory the import freed handed back afterwards (:mod:`orggraph.heap`); each
id is one string object, shared by the posts that name it as their manager.
A million rows take seconds
(``progress=True`` draws a bar meanwhile, see :mod:`orggraph.progress`). The
rows go straight into the graph (:mod:`orggraph.graph`), checked here as the
schema and :mod:`orggraph.checks` would check them, without a validated model
per row: the graph is the one a validated document of the same data gives
(a property test holds the two equal), at a third of the memory.

The file is read by :mod:`orggraph.importers.csv_text` (UTF-8, falling back
to Windows-1252) and managers are matched by
:mod:`orggraph.importers.references`, which the other importers share.

Examples
--------
>>> import tempfile, pathlib
>>> from orggraph.importers import read_csv
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "hr.csv"
...     _ = path.write_text(
...         "Employee ID,Employee Name,Job Title,Manager ID,Department,FTE\n"
...         "1,Anna Berg,Kommunaldirektør,,Direktionen,1\n"
...         "2,Bo Dahl,Centerchef for Økonomi,1,Center for Økonomi,\"0,8\"\n"
...         "3,Cem Eker,Centerchef for Kultur,01,,1\n",
...         encoding="utf-8",
...     )
...     org = read_csv(path)
>>> org.roots(), org.direct_reports("1"), org.nodes("unit")
(['1'], ['2', '3'], ['Direktionen', 'Center for Økonomi'])
>>> org.name("2"), org.graph.nodes["2"]["holders"], org.headcount("2")
('Centerchef for Økonomi', ('Bo Dahl',), 0.8)
>>> print(org.import_report)
Import report: 1 repair, 0 skipped, 0 notes
  .../hr.csv:4:4: post '3': matched the manager to post '1' (unknown post '01'; leading zeros differ)
"""

from __future__ import annotations

import itertools
import math
import os
import re
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import networkx as nx

from orggraph.checks import functional_cycles
from orggraph.errors import OrgDataError, Problem, suggest
from orggraph.gc_pause import gc_paused
from orggraph.graph import graph_attributes
from orggraph.heap import release_free_memory
from orggraph.importers.built_data import validated
from orggraph.importers.csv_text import read_text, records
from orggraph.importers.references import key_index, match_reference
from orggraph.importers.report import Repair, sorted_report
from orggraph.org import Org
from orggraph.progress import progress as progress_bar
from orggraph.schema import MAX_COUNT, Document
from orggraph.text import slug

__all__ = ["FIELDS", "HEADERS", "from_rows", "header_key", "parse_number", "read_csv"]

FIELDS: tuple[str, ...] = ("id", "post", "holder", "type", "manager_id", "unit", "fte", "cost", "grade")
"""The fields :func:`read_csv` reads; ``id`` is required, the others optional."""

OLD_FIELDS: dict[str, str] = {"name": "post", "title": "type"}
"""The first format's field names, still accepted as keys of ``columns=``."""

HEADERS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "employee id",
        "employee number",
        "employee no",
        "emp id",
        "person id",
        "personnel number",
        "position id",
        "post id",
        "staff id",
        "worker id",
        "medarbejdernummer",
        "medarbejder id",
        "stillings id",
    ),
    "post": (
        "job title",
        "position",
        "position title",
        "post",
        "post name",
        "role",
        "job",
        "stilling",
        "stillingsbetegnelse",
    ),
    "holder": ("employee name", "employee", "full name", "holder", "person", "medarbejder", "medarbejdernavn"),
    "type": ("type", "post type", "job family"),
    "manager_id": (
        "manager id",
        "reports to",
        "reports to id",
        "manager",
        "manager employee id",
        "supervisor id",
        "supervisor",
        "line manager id",
        "line manager",
        "leder id",
        "leder",
        "nærmeste leder",
    ),
    "unit": ("unit", "department", "dept", "division", "team", "org unit", "organisational unit", "afdeling", "enhed"),
    "fte": ("fte", "full time equivalent", "årsværk"),
    "cost": ("cost", "annual cost", "salary", "annual salary", "salary cost", "løn", "lønudgift"),
    "grade": ("grade", "pay grade", "pay band", "band", "grade level", "lønramme", "løntrin"),
}
"""The headers each field is recognised by (as :func:`header_key` folds them), in order of preference.

``name``/``navn`` and ``title``/``titel`` are not listed: which field they
are depends on the other columns (see the module docstring)."""

_NAMES = ("name", "navn")
_TITLES = ("title", "titel")
_HEADER_PUNCTUATION = re.compile(r"\([^)]*\)|[_\-./#:]+")
_NUMBER = re.compile(r"[^\d.,+-]*?([-+]?(?:\d[\d.,]*|[.,]\d+))[^\d]*")


# -- the HR export ---------------------------------------------------------------------------------


def header_key(header: str) -> str:
    """A header as the field table compares it: case-folded, without brackets, ``_ - . / # :`` and extra spaces.

    Parameters
    ----------
    header : str
        A column header as the file gives it.

    Examples
    --------
    >>> header_key("  Employee_Name "), header_key("Cost (DKK)"), header_key("Manager-ID")
    ('employee name', 'cost', 'manager id')
    """
    return " ".join(_HEADER_PUNCTUATION.sub(" ", header.casefold()).split())


def parse_number(text: str, *, thousands: bool = False) -> float | None:
    """The number in an FTE or cost cell, or None when the cell holds no number.

    Spaces, currency signs and a trailing ``%`` (a percentage: ``80%`` is
    0.8) are allowed; ``.`` or ``,`` may be the decimal mark. When both
    appear, the last one is the decimal mark. With ``thousands=True`` (costs)
    a lone separator followed by exactly three digits groups thousands;
    otherwise (FTEs) it is the decimal mark.

    Parameters
    ----------
    text : str
        The cell's text.
    thousands : bool, default False
        Read a lone separator followed by exactly three digits as grouping
        thousands (costs) rather than as the decimal mark (FTEs).

    Examples
    --------
    >>> parse_number("0,8"), parse_number("80%"), parse_number("1")
    (0.8, 0.8, 1.0)
    >>> parse_number("£45,000", thousands=True), parse_number("45.000,50 kr.", thousands=True)
    (45000.0, 45000.5)
    >>> parse_number("n/a") is None, parse_number("") is None
    (True, True)
    """
    text = text.strip()
    percent = text.endswith("%")
    body = "".join(text.rstrip("%").split()).replace("'", "").replace("’", "")  # Swiss grouping marks
    match = _NUMBER.fullmatch(body)
    if match is None:
        return None
    number = match.group(1)
    commas, dots = number.count(","), number.count(".")
    if commas and dots:
        mark = "," if number.rfind(",") > number.rfind(".") else "."
        number = number.replace("." if mark == "," else ",", "").replace(",", ".")
    elif commas + dots > 1:
        number = number.replace(",", "").replace(".", "")  # only grouping marks: 1.234.567
    elif commas + dots == 1:
        whole, _, fraction = number.lstrip("+-").replace(",", ".").partition(".")
        if thousands and len(fraction) == 3 and whole.strip("0"):
            number = number.replace(",", "").replace(".", "")
        else:
            number = number.replace(",", ".")
    try:
        value = float(number)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return value / 100 if percent else value


def _given_columns(
    header: list[str], line: int, columns: Mapping[str, str], file: str, report: list[Repair]
) -> dict[str, int]:
    """The columns ``columns=`` names: exact header first, then as :func:`header_key` folds it."""
    names = [cell.strip() for cell in header]
    keys = [header_key(name) for name in names]
    found: dict[str, int] = {}
    problems: list[Problem] = []
    valid = ", ".join([*FIELDS, *OLD_FIELDS])
    for given, name in columns.items():
        field = OLD_FIELDS.get(given, given)
        if field not in FIELDS:
            message = f"columns: unknown field {given!r}; valid fields: {valid}"
            raise OrgDataError([Problem(file, 0, 0, "", message, suggest(given, [*FIELDS, *OLD_FIELDS]))])
        matches = [i for i, cell in enumerate(names) if cell == name.strip()]
        if not matches:
            matches = [i for i, key in enumerate(keys) if key == header_key(name)]
        if not matches:
            found_text = "columns found: " + ", ".join(repr(n) for n in names[:30])
            hint = suggest(name, names)
            problems.append(
                Problem(
                    file,
                    line,
                    0,
                    "",
                    f"no column {name!r} for the field {given!r}",
                    f"{hint} {found_text}" if hint else found_text,
                )
            )
            continue
        found[field] = matches[0]
        if len(matches) > 1:
            _report_duplicate(report, file, line, field, name, matches)
    if problems:
        raise OrgDataError(problems)
    return found


def _report_duplicate(report: list[Repair], file: str, line: int, field: str, name: str, matches: list[int]) -> None:
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


def _columns(
    header: list[str], line: int, columns: Mapping[str, str] | None, file: str, report: list[Repair]
) -> dict[str, int]:
    """Field -> column index: ``columns=`` first, then the recognised headers, then the ``name``/``title`` rule."""
    found = _given_columns(header, line, columns or {}, file, report)
    taken = set(found.values())
    keys = [header_key(cell) for cell in header]
    by_key: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if index not in taken and key:
            by_key.setdefault(key, []).append(index)
    for field, spellings in HEADERS.items():
        if field in found:
            continue
        for spelling in spellings:
            if spelling in by_key:
                matches = by_key[spelling]
                found[field] = matches[0]
                if len(matches) > 1:
                    _report_duplicate(report, file, line, field, header[matches[0]].strip(), matches)
                break
    taken = set(found.values())

    def first(spellings: tuple[str, ...]) -> int | None:
        for spelling in spellings:
            for index in by_key.get(spelling, ()):
                if index not in taken:
                    if len(by_key[spelling]) > 1:
                        _report_duplicate(report, file, line, spelling, header[index].strip(), by_key[spelling])
                    return index
        return None

    name, title = first(_NAMES), first(_TITLES)
    if name is not None:
        if "holder" not in found and ("post" in found or title is not None):
            found["holder"] = name
            if title is not None and "post" not in found:
                reason = (
                    f"the file has {header[name].strip()!r} and {header[title].strip()!r} and no other employee "
                    "column: an HR export (for the first format give columns={'post': 'name', 'type': 'title'})"
                )
                action = f"read {header[name].strip()!r} as the holder and {header[title].strip()!r} as the post"
                report.append(Repair(file, line, None, action, reason, "note"))
        elif "post" not in found:
            found["post"] = name
    if title is not None:
        if "post" not in found:
            found["post"] = title
        elif "type" not in found:
            found["type"] = title
    if "id" not in found:
        found_text = ", ".join(repr(cell.strip()) for cell in header[:30]) or "none"
        message = f"no column for the field 'id' among the columns found: {found_text}"
        recognised = ", ".join(repr(s) for s in HEADERS["id"][:6])
        hint = f"name the id column {recognised}, ..., or pass columns={{'id': 'HEADER'}}"
        raise OrgDataError([Problem(file, line, 0, "", message, hint)])
    return found


def read_csv(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    delimiter: str = ",",
    encoding: str | None = None,
    name: str | None = None,
    progress: bool | None = False,
) -> Org:
    r"""Read an HR export: one row per employee or post (see the module docstring for the columns).

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file; its first row is the header.
    columns : mapping of str to str, optional
        The file's header for each field whose column is named otherwise, e.g.
        ``{"id": "Stillings-ID", "manager_id": "Leder-ID"}``. Fields: ``id``
        (required), ``post`` (the post's name), ``holder`` (the person in
        the post), ``type``, ``manager_id``, ``unit``, ``fte``, ``cost`` and ``grade``;
        ``name`` and ``title`` mean ``post`` and ``type``, as in the first
        format. Headers match exactly, else as :func:`header_key` folds them.
        Fields not given are found by the headers the module docstring lists.
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
    progress : bool or None, default False
        Draw a progress bar over the rows on stderr: True always, None when
        stderr is a terminal (see :mod:`orggraph.progress`).

    Returns
    -------
    Org
        With ``import_report`` listing every repair and skipped row.

    Raises
    ------
    OrgDataError
        When the file cannot be read as CSV, has no id column (the message
        lists the columns found), or (with ``strict=True``) needs any repair;
        each problem as ``file:line:column``.

    See Also
    --------
    orggraph.importers.excel.read_excel : The same from a spreadsheet.
    read_organogram : UK government organogram CSVs.

    Examples
    --------
    >>> import tempfile, pathlib, orggraph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "hr.csv"
    ...     _ = path.write_text("Stilling;Navn;Leder\nA1;Direktør;\nB2;Chef;A1\nB2;Chef igen;A1\n",
    ...                         encoding="utf-8")
    ...     org = read_csv(path, delimiter=";", columns={"id": "Stilling", "post": "Navn", "manager_id": "Leder"})
    ...     try:
    ...         read_csv(path, delimiter=";", columns={"id": "Stilling", "manager_id": "Leder"}, strict=True)
    ...     except orggraph.OrgDataError as error:
    ...         print(error.problems[0].message)
    duplicate id 'B2', first at line 3
    >>> org.name("B2"), org.manager("B2"), len(org.import_report)
    ('Chef', 'A1', 1)
    """
    file = os.fspath(path)
    report: list[Repair] = []
    text = read_text(file, encoding=encoding, report=report)
    rows = records(text, file=file, delimiter=delimiter)
    return from_rows(
        rows,
        file=file,
        columns=columns,
        strict=strict,
        name=name,
        report=report,
        total=text.count("\n"),
        progress=progress,
    )


def from_rows(
    rows: Iterable[tuple[int, list[str]]],
    *,
    file: str,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    name: str | None = None,
    report: list[Repair] | None = None,
    total: int | None = None,
    progress: bool | None = False,
) -> Org:
    """The organisation of an HR export's rows, each with its line; the first non-blank row is the header.

    What :func:`read_csv` and :func:`~orggraph.importers.excel.read_excel`
    share; the parameters are theirs. ``report`` holds repairs made while
    reading (e.g. the encoding fallback); ``total`` is the number of rows,
    for the progress bar.

    Parameters
    ----------
    rows : iterable of (int, list of str)
        The rows, each with the line (or spreadsheet row) it starts on.
    file : str
        The input file's name, for messages.
    columns : mapping of str to str, optional
        The header for each field whose column is named otherwise (see
        :func:`read_csv`).
    strict : bool, default False
        Raise instead of repairing: every repair and skipped row becomes a
        problem of one :class:`~orggraph.errors.OrgDataError`.
    name : str, optional
        The organisation's name; by default the file name without extension.
    report : list of Repair, optional
        Repairs made while reading (e.g. the encoding fallback), reported
        first.
    total : int, optional
        The number of rows, for the progress bar.
    progress : bool or None, default False
        Draw a progress bar over the rows on stderr: True always, None when
        stderr is a terminal (see :mod:`orggraph.progress`).

    Examples
    --------
    >>> org = from_rows([(1, ["Employee ID", "Name", "Title", "Reports To"]), (2, ["7", "Ida", "Chef", ""]),
    ...                  (3, ["8", "Ole", "Assistent", "Ida"])], file="sheet")
    >>> org.name("8"), org.manager("8"), [entry.action for entry in org.import_report]
    ('Assistent', '7', ["read 'Name' as the holder and 'Title' as the post", "matched the manager to post '7'"])
    """
    with gc_paused():
        org = _from_rows(
            iter(progress_bar(rows, total=total, desc=Path(file).name, unit="row", enabled=progress)),
            file,
            columns,
            strict,
            name,
            [] if report is None else report,
        )
    release_free_memory()  # the rows and indexes freed, which the C library would keep
    return org


def _from_rows(
    rows: Iterator[tuple[int, list[str]]],
    file: str,
    columns: Mapping[str, str] | None,
    strict: bool,
    name: str | None,
    report: list[Repair],
) -> Org:
    header: list[str] | None = None
    header_line = 1
    for line, row in rows:
        if any(cell.strip() for cell in row):
            header, header_line = row, line
            break
    if header is None:
        hint = "expected a header such as 'Employee ID, Employee Name, Job Title, Manager ID, Department'"
        raise OrgDataError([Problem(file, 1, 0, "", "the file has no header row", hint)])
    found = _columns(header, header_line, columns, file, report)
    width = len(header)
    i_id = found["id"]
    i_post, i_holder, i_type, i_manager, i_unit, i_fte, i_cost, i_grade = (found.get(f, -1) for f in FIELDS[1:])

    posts: list[dict[str, Any]] = []  # each post's attributes, in file order: the nodes' own dicts (_add_nodes)
    keep = posts.append
    # Each id -> itself: one string object per id, which the manager references share. The lines
    # go in an array, not as an int object per post that would outlive the row and leave a hole.
    ids: dict[str, str] = {}
    lines = _Lines(ids)
    duplicates: list[tuple[str, int]] = []
    # The posts whose manager comes further down the file (or is the post), and each one's reference.
    later: tuple[list[str], list[str]] = ([], [])
    wait, wait_for = later[0].append, later[1].append
    units: dict[str, str] = {}  # unit text -> unit name
    filled = False  # whether a row below the header has any value
    # One string object per distinct job title, type and grade: a million rows hold a few thousand.
    strings: dict[str, str] = {}
    shared = strings.setdefault
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
        seen = len(ids)
        ids.setdefault(ident, ident)  # one lookup; a duplicate leaves the first row's string (and the size)
        if len(ids) == seen:
            duplicates.append((ident, line))
            continue
        lines.append(line)
        kind = row[i_type].strip() if i_type >= 0 else ""
        kind = shared(kind, kind)
        label = row[i_post].strip() if i_post >= 0 else ""
        label = shared(label, label)
        if not label and i_post >= 0:
            what = "its type" if kind else "its id"
            report.append(Repair(file, line, ident, f"named the post after {what}", "no name", "note", i_post + 1))
        # The node attributes in the schema's field order, defaults left out (orggraph.graph).
        post: dict[str, Any] = {"kind": "post", "name": label or kind or ident}
        keep(post)
        if kind:
            post["type"] = kind
        if i_unit >= 0:
            unit = row[i_unit].strip()
            if unit:
                named = units.get(unit)
                if named is None:
                    named = units[unit] = " ".join(unit.split())
                post["unit"] = named
        fte = _number(row[i_fte], "fte", file, line, ident, i_fte, report) if i_fte >= 0 else None
        cost = _number(row[i_cost], "cost", file, line, ident, i_cost, report) if i_cost >= 0 else None
        if fte is not None and fte != 1:
            post["headcount"] = fte
        if i_holder >= 0:
            holder = row[i_holder].strip()
            if holder:
                post["holders"] = (holder,)
        manager = row[i_manager].strip() if i_manager >= 0 else ""
        if manager:
            known = ids.get(manager)
            if known is None or known is ident:
                wait(ident)
                wait_for(manager)
            if known is not None:
                manager = known
            post["reports_to"] = manager
        else:
            post["top"] = True
        if i_grade >= 0 and row[i_grade].strip():
            grade = " ".join(row[i_grade].split())
            post["grade"] = shared(grade, grade)
        if cost is not None:
            post["attributes"] = {"cost": cost}

    if not filled:
        report.append(Repair(file, header_line, None, "read no posts", "the file has no rows below its header", "note"))
    for ident, line in duplicates:
        reason = f"duplicate id {ident!r}, first at line {lines[ident]}"
        report.append(Repair(file, line, ident, "skipped the row", reason, "skip", i_id + 1))
    G = nx.MultiDiGraph()
    _add_nodes(G, ids, posts)
    del posts
    attributes = G.nodes
    resolved = _resolve_managers(attributes, ids, later, lines, file, i_manager + 1, report)
    unit_ids = _units(attributes, ids, units)
    entries = sorted_report(report, [file])
    if strict:
        entries.raise_for_problems()
    stem = Path(file).stem
    title = name or stem or "organisation"
    heading = validated(
        {
            "organisation": {"id": slug(title) or "organisation", "name": title},
            "sources": [{"id": "hr-export", "title": Path(file).name or file, "location": file}],
        },
        file=file,
    )
    _finish(G, heading, unit_ids, later[0], resolved)
    org = Org._of_graph(G)
    org.import_report = entries
    return org


def _add_nodes(G: nx.MultiDiGraph, nodes: Collection[str], attributes: Sequence[dict[str, Any]]) -> None:
    """Add new nodes to a graph, each with its dict of ``attributes`` (in the order of ``nodes``) as its own.

    networkx makes a new node's attribute dict with the graph's
    ``node_attr_dict_factory``, a hook for subclasses; for the length of one
    ``add_nodes_from`` this graph's factory hands out the given dicts, so they
    become the nodes' dicts without a copy or a call per node (at a million
    posts 0.4 s less than ``add_node`` and a lookup per row). Should networkx
    make the dicts otherwise, the nodes are added again with their attributes
    copied.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> posts = [{"kind": "post", "name": "Ann"}, {"kind": "post", "name": "Bo"}]
    >>> _add_nodes(G, ["a", "b"], posts)
    >>> G.nodes["b"] is posts[1], list(G.nodes(data="name"))
    (True, [('a', 'Ann'), ('b', 'Bo')])
    """
    if not nodes:
        return
    end: dict[str, Any] = {}  # handed out next when each node had one of attributes, new dicts after
    handed = itertools.chain(attributes, (end,), iter(dict, None))
    G.node_attr_dict_factory = handed.__next__
    try:
        G.add_nodes_from(nodes)
    finally:
        del G.node_attr_dict_factory
    if next(handed) is not end or G.nodes[next(iter(nodes))] is not attributes[0]:
        G.remove_nodes_from(nodes)
        G.add_nodes_from(zip(nodes, attributes, strict=True))


_EDGE_DATA: dict[str, dict[str, Any]] = {
    "in_unit": {"kind": "in_unit", "source": None},
    "reports_to": {"kind": "reports_to", "source": None, "body": False},
}
"""The attributes of the edges an HR export gives, by key (as :func:`orggraph.graph.build_graph` sets them)."""


def _finish(
    G: nx.MultiDiGraph,
    heading: Document,
    units: Mapping[str, str],
    later: Sequence[str],
    known: Sequence[str | None],
) -> None:
    """Add the units and the edges to a graph of the posts: what :func:`orggraph.graph.build_graph` builds.

    A document of a million posts would cost a validated model per row and
    twice the memory; the rows have been checked here as the schema and
    :mod:`orggraph.checks` check them (ids unique, references known, no
    cycles, values in range), and ``tests/test_importers_table.py`` holds
    the two ways equal on random exports. The posts come before the units in
    the graph's node order (the graph build puts units first); the order of
    each kind is the file's. Each post's unit edge goes in before its
    reporting edge, as in the graph build, in one pass over the posts in file
    order. ``later`` are the posts whose manager's row comes after theirs
    (in file order), ``known`` each one's manager id as the id's own string
    object (None when the reference was repaired or dropped): the pass puts
    it in the post's ``reports_to``, so the reference shares the id's string.

    networkx makes a new edge's attribute dict with the graph's
    ``edge_attr_dict_factory``, a hook for subclasses: here a copy of the
    edge kind's attributes, so ``add_edge`` is called without keywords (at
    a million posts 0.4 s less). Should networkx make the dicts otherwise,
    the attributes are filled in afterwards.
    """
    G.graph.update(graph_attributes(heading))  # the heading holds no lists: they are empty
    _add_nodes(G, units.values(), [{"kind": "unit", "name": name} for name in units])
    add_edge = G.add_edge
    in_unit, reporting = _EDGE_DATA["in_unit"].copy, _EDGE_DATA["reports_to"].copy
    pending = iter(zip(later, known, strict=True))
    waiting, canonical = next(pending, (None, None))
    G.edge_attr_dict_factory = in_unit
    try:
        for ident, post in G.nodes(data=True):  # adds edges, never nodes
            if post["kind"] != "post":
                break  # the units, after the posts
            unit = post.get("unit")
            if unit is not None:
                G.edge_attr_dict_factory = in_unit
                add_edge(ident, unit, "in_unit")
            manager = post.get("reports_to")
            if ident is waiting:
                if manager is not None and canonical is not None:
                    post["reports_to"] = manager = canonical
                waiting, canonical = next(pending, (None, None))
            if manager is not None:
                G.edge_attr_dict_factory = reporting
                add_edge(ident, manager, "reports_to")
    finally:
        del G.edge_attr_dict_factory
    first = next(iter(G.edges(keys=True, data=True)), None)
    if first is not None and not first[3]:
        for _, _, key, data in G.edges(keys=True, data=True):
            data.update(_EDGE_DATA[key])


def _number(text: str, field: str, file: str, line: int, ident: str, index: int, report: list[Repair]) -> Any:
    """An FTE (the post's head count) or a cost in a cell: None when blank; a bad one reported ("unknown" FTE)."""
    text = text.strip()
    if not text:
        return None
    fte = field == "fte"
    value = parse_number(text, thousands=not fte)
    if value is None or value < 0 or (fte and value > MAX_COUNT):
        what = "the FTE" if fte else "the cost"
        reason = f"{what} {text!r} is not a number of 0 or more"
        if value is not None and value > 0:
            reason = f"{what} {text!r} is more than the format's largest count, {MAX_COUNT:,}"
        report.append(Repair(file, line, ident, "left the head count unknown" if fte else "left the cost out", reason,
                             column=index + 1))  # fmt: skip
        return "unknown" if fte else None
    whole = value.is_integer() and (fte or abs(value) <= 2**53)  # as the schema's Integer and float read it
    return int(value) if whole else value


class _Lines:
    """Each post's line: an array in file order, and an index of positions made at the first question.

    Only repairs ask (unknown managers, duplicate ids, cycles), after the
    last row, so a clean file never builds the index.
    """

    def __init__(self, ids: Mapping[str, str]) -> None:
        self.ids = ids
        self.numbers = array("q")
        self.append = self.numbers.append
        self._position: dict[str, int] | None = None

    def position(self) -> dict[str, int]:
        """Id -> its place in the file (0 for the first post)."""
        if self._position is None:
            self._position = {ident: number for number, ident in enumerate(self.ids)}
        return self._position

    def __getitem__(self, ident: str) -> int:
        return self.numbers[self.position()[ident]]


class _Managers:
    """Each post's manager, read from its ``reports_to`` (the successors :func:`functional_cycles` follows)."""

    def __init__(self, posts: Mapping[str, dict[str, Any]]) -> None:
        self.posts = posts

    def get(self, ident: str) -> str | None:
        """The post's manager, or None."""
        manager: str | None = self.posts[ident].get("reports_to")
        return manager


def _resolve_managers(
    posts: Mapping[str, dict[str, Any]],
    ids: Mapping[str, str],
    later: tuple[list[str], list[str]],
    lines: _Lines,
    file: str,
    column: int,
    report: list[Repair],
) -> list[str | None]:
    """Match or drop unknown managers and break reporting cycles, in the posts' ``reports_to``.

    ``later`` lists the posts whose manager was not among the ids above
    them (or is the post itself), and beside them their references (read
    here, then cleared: the row's copies of the text must not outlive the
    edges :func:`_finish` adds, or their memory stays as holes). Returns,
    for each of these posts, the id its
    reference names as the id's own string object, or None when it names no
    id: those are matched or dropped as unknown here (and the cycles broken),
    while :func:`_finish` puts the known ones in place in its pass over the
    posts. Every reporting cycle holds one of ``later``, and so the
    manager that post reports to: the search for cycles walks from those
    managers only, far fewer than the posts in a file where reports often
    come before their managers.
    """
    unknown = []
    matched: list[str] = []
    known: list[str | None] = []
    found = known.append
    for ident, manager in zip(*later, strict=True):
        reference = ids.get(manager)
        found(reference)
        if reference is None:
            unknown.append((ident, manager))
    later[1].clear()  # the row's copies of the references go as _finish puts the ids' own in their place
    index: dict[str, list[str]] | None = None
    holders: dict[str, list[str]] | None = None
    for ident, manager in unknown:
        if index is None:
            index = key_index(ids)
        match, why = match_reference(manager, index)
        reason = f"unknown post {manager!r}; {why}"
        if match is None:
            if holders is None:
                holders = {}
                for post_id, post in posts.items():
                    for person in post.get("holders", ()):
                        holders.setdefault(" ".join(person.casefold().split()), []).append(post_id)
            named = holders.get(" ".join(manager.casefold().split()), [])
            if len(named) == 1:
                match, reason = named[0], f"no post has the id {manager!r}; it is the holder's name"
        if match is not None:
            posts[ident]["reports_to"] = match
            matched.append(match)
            report.append(
                Repair(file, lines[ident], ident, f"matched the manager to post {match!r}", reason, column=column)
            )
        else:
            del posts[ident]["reports_to"]
            report.append(Repair(file, lines[ident], ident, "left the post without a manager", reason, column=column))
    # Every cycle holds a post whose manager comes further down (or is itself), and so that manager.
    heads: dict[str | None, None] = dict.fromkeys(known)
    heads.update(dict.fromkeys(matched))
    heads.pop(None, None)  # the references that name no post
    manager_of = _Managers(posts)
    for cycle in functional_cycles(manager_of, lines.position, cast(Iterable[str], heads)):
        first = cycle[0]
        del posts[first]["reports_to"]
        reason = "reporting cycle " + " -> ".join(f"{ident} {posts[ident]['name']!r}" for ident in [*cycle, first])
        report.append(Repair(file, lines[first], first, "left the post without a manager", reason, column=column))
    return known


def _units(
    posts: Mapping[str, dict[str, Any]],
    post_ids: Mapping[str, str],
    units: Mapping[str, str],
) -> dict[str, str]:
    """The units named in the file, name -> id; a unit whose name is a post's id gets the id ``unit:<name>``.

    A unit's new id is also kept clear of every unit name and every id given
    before it (``unit:<name>#2`` and on), in time linear in the units.
    """
    ids: dict[str, str] = {}
    taken = set(units.values())  # the unit names, and every new id given
    for name in dict.fromkeys(units.values()):
        ident = name
        if ident in post_ids:
            ident, number = f"unit:{name}", 1
            while ident in post_ids or ident in taken:
                number += 1
                ident = f"unit:{name}#{number}"
            taken.add(ident)
        ids[name] = ident
    renamed = {name: ident for name, ident in ids.items() if name != ident}
    if renamed:
        for post in posts.values():
            unit = post.get("unit")
            if unit in renamed:
                post["unit"] = renamed[unit]
    return ids
