r"""Import UK government organograms: the senior-staff and junior-staff CSV files.

Since 2010 every UK central government body publishes, twice a year, its
senior posts (one row per post, with ``Post Unique Reference`` and ``Reports
to Senior Post``) and its junior staff (FTE counts per grade under a senior
post). :func:`read_organogram` turns a pair of files into an
:class:`~orggraph.Org`:

- each senior post becomes a post whose id is its ``Post Unique Reference``,
  unchanged; its name is the ``Job Title``; ``grade``, ``unit`` and
  ``headcount`` (the FTE) are filled in, and the job function, profession,
  pay band and the file row go into ``attributes``;
- ``Name`` gives the holder, except ``N/D`` (not disclosed: counted in
  ``attributes["holders_not_disclosed"]``), ``Vacant`` (``vacant: true``)
  and ``Eliminated`` (``vacant: true``, ``attributes["eliminated"]``);
- ``XX`` (any case) in ``Reports to Senior Post`` marks a top post;
- each junior row becomes a post (``junior: true``) whose headcount is its
  ``Number of Posts in FTE``, reporting to its senior post; its id says what
  the staff are, not where the row is:
  ``junior:<senior post>/<grade>/<generic job title>/<unit>`` (rows that
  share these add ``/<profession>``; rows that share that too are numbered
  ``-2``, ``-3`` by pay range and FTE), so the same staff keep their id from
  one publication to the next, whatever the order of the rows;
- every ``Unit`` becomes a unit whose id is its name (``unit:<name>``); its
  ``head`` is inferred where the reporting lines make one post the unit's top
  (the only post of the unit, senior or junior, whose manager is outside the
  unit, and a senior post), listed in ``org.import_report.inferred``, so
  ``chart(root=<unit>)`` and ``move(<unit>, ...)`` work.

An id the importer makes never collides with another: one that a post of
the file already has is numbered (``-2``, ``-3``).

Columns are found by their header, ignoring case, punctuation and currency
signs, so both template generations (``Grade`` in 2011, ``Grade (or
equivalent)`` later; ``(£)`` or a mangled sign) and reordered columns work.

What the published files get wrong, and what the importer does about it
(each listed in ``org.import_report`` with its file, line and column;
``strict=True`` raises :class:`~orggraph.errors.OrgDataError` listing every
repair and skip instead):

==============================  ===================================================
in the files                    the importer
==============================  ===================================================
a row repeated verbatim        one post: the repeat is left out (a skip); every
                                column but the export's ``source_file`` and
                                ``source_line`` is the same
one reference on several rows   same job title and manager: one post; a row
                                naming a holder already named on an earlier row
                                is left out (a skip); the rows' holders
                                together, FTE summed, and a note saying what
                                they are: a job share (FTE 1 or less in all),
                                several full-time holders, or other holders
one reference, different posts  a true collision: the later post gets the id
                                ``<ref>#row<line>``; a ``Reports to`` naming the
                                reference is matched by evidence (not itself; a
                                post does not report to a lower grade; the same
                                unit; no reporting cycle), and left without a
                                manager, with the candidate rows named, when
                                the evidence leaves more than one
reference ``0``                 individuals paid but not in post (the format's
                                rule): one post per row, ``0#row<line>``,
                                ``attributes["not_in_post"]`` (a note)
a reference that names no post  ``Deleted``, ``N/A``, ``XX`` and other status
                                words: one post per row, ``<ref>#row<line>``
manager reference unknown       matched when only lost leading zeros, ``.0`` or
                                case differ and exactly one post fits; otherwise
                                the post is left without a manager
                                (``attributes["reports_to_unresolved"]``)
reporting cycle                 broken at the post that comes first in the file
                                (the message names each post's job title)
several ``XX`` top posts        kept (a note: files of several bodies merged)
U+FFFD characters               kept (a note per value: a character was lost)
duplicate headers               the first non-blank value of the columns is used
a column without a header       its values are left out (when it has any)
junior row, unknown senior      kept, without a manager: its staff still count
FTE that is not a number        headcount ``"unknown"`` (also above 1 000 000)
a file with no rows             an organisation without those posts (a note)
not UTF-8                       read as Windows-1252
==============================  ===================================================

Examples
--------
>>> import tempfile, pathlib
>>> from orggraph.importers import read_organogram
>>> senior = (
...     "Post Unique Reference,Name,Grade,Job Title,Unit,Reports to Senior Post,FTE\n"
...     "1,Åse Øberg,SCS4,Permanent Secretary,Board,XX,1\n"
...     "2,N/D,SCS2,Director,Finance,1,0.5\n"
...     "2,Bo Ek,SCS2,Director,Finance,1,0.5\n"
... )
>>> junior = (
...     "Unit,Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\n"
...     "Finance,2,EO,Accountant,3.5\n"
... )
>>> with tempfile.TemporaryDirectory() as tmp:
...     _ = (pathlib.Path(tmp) / "senior.csv").write_text(senior, encoding="utf-8")
...     _ = (pathlib.Path(tmp) / "junior.csv").write_text(junior, encoding="utf-8")
...     org = read_organogram(pathlib.Path(tmp) / "senior.csv", pathlib.Path(tmp) / "junior.csv")
>>> org.roots(), org.direct_reports("2"), org.headcount("2")
(['1'], ['junior:2/EO/Accountant/Finance'], 1)
>>> org.graph.nodes["2"]["holders"], org.headcount("junior:2/EO/Accountant/Finance")
(('Bo Ek',), 3.5)
>>> [(entry.row, entry.item, entry.kind, entry.action) for entry in org.import_report]
[(3, '2', 'note', 'merged rows 3, 4 into one post')]
"""

from __future__ import annotations

import datetime
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orggraph.errors import OrgDataError, Problem
from orggraph.gc_pause import gc_paused
from orggraph.importers.built_data import built
from orggraph.importers.csv_text import read_text, records
from orggraph.importers.references import find_cycles, key_index, match_reference
from orggraph.importers.report import Repair, RepairKind, sorted_report
from orggraph.org import Org
from orggraph.progress import progress as progress_bar
from orggraph.text import slug

__all__ = ["JUNIOR_COLUMNS", "SENIOR_COLUMNS", "header_key", "read_organogram"]

SENIOR_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "reference": ("post unique reference",),
    "name": ("name",),
    "grade": ("grade", "grade or equivalent"),
    "title": ("job title",),
    "function": ("job team function",),
    "parent_department": ("parent department",),
    "organisation": ("organisation", "organization"),
    "unit": ("unit",),
    "reports_to": ("reports to senior post",),
    "salary_cost_of_reports": ("salary cost of reports",),
    "fte": ("fte",),
    "pay_floor": ("actual pay floor",),
    "pay_ceiling": ("actual pay ceiling",),
    "profession": ("professional occupational group", "profession"),
    "notes": ("notes",),
}
"""The senior file's columns: our field -> the header keys (:func:`header_key`) that name it."""

JUNIOR_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "parent_department": ("parent department",),
    "organisation": ("organisation", "organization"),
    "unit": ("unit",),
    "reports_to": ("reporting senior post",),
    "grade": ("grade", "grade or equivalent"),
    "pay_min": ("payscale minimum",),
    "pay_max": ("payscale maximum",),
    "title": ("generic job title",),
    "fte": ("number of posts in fte", "number of posts fte"),
    "profession": ("professional occupational group", "profession"),
}
"""The junior file's columns: our field -> the header keys that name them."""

# Title lines may stand above the header row: it is looked for in the first rows.
_HEADER_SEARCH = 20
_CURRENCY = re.compile(r"\((?:[^a-z0-9()]|â)*\)")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ID = re.compile(r"\S(?:.*\S)?")
_TOP = "xx"
_NOT_IN_POST = "0"
# Words that sit in the reference column of published files but name no post.
_NOT_REFERENCES = frozenset({"deleted", "eliminated", "vacant", "n/a", "na", "n/d", "nd", "none", "null", "tbc", "-"})
_NOT_DISCLOSED = frozenset({"n/d", "nd", "n.d.", "not disclosed", "n/a", "na"})
# Columns data.gov.uk's export added: a row repeated verbatim differs from its twin only in them.
_EXPORT_COLUMNS = frozenset({"source file", "source line"})
# The largest FTE one row may give: more is a typing error (HMRC's largest block is about 9 000).
_MAX_FTE = 1_000_000
# Most digits a pay figure may have and still be read as a number.
_MAX_PAY_DIGITS = 15
_SENIOR_ATTRIBUTES = ("function", "profession", "pay_floor", "pay_ceiling", "salary_cost_of_reports", "notes")
_JUNIOR_ATTRIBUTES = ("profession", "pay_min", "pay_max")


def header_key(header: str) -> str:
    """The key a column is recognised by: lower case, no currency sign, punctuation as spaces.

    Parameters
    ----------
    header : str
        A column header as the organogram CSV gives it.

    Examples
    --------
    >>> header_key("Salary Cost of Reports (£)"), header_key("Grade (or equivalent)")
    ('salary cost of reports', 'grade or equivalent')
    >>> header_key(" Job/Team Function "), header_key("Actual Pay Floor (Â£)")
    ('job team function', 'actual pay floor')
    """
    text = unicodedata.normalize("NFKC", header).casefold()
    return _NON_WORD.sub(" ", _CURRENCY.sub(" ", text)).strip()


# -- reading one file ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    line: int
    values: dict[str, str]
    lost: list[tuple[int, str]] = field(default_factory=list)  # (column, header) of values with U+FFFD
    cells: tuple[str, ...] = ()  # every value of the row but the export's source_file/source_line, for duplicates


@dataclass(slots=True)
class _Table:
    file: str
    columns: dict[str, int]  # field -> the (first) column, 0-based
    rows: list[_Row] = field(default_factory=list)


def _read_table(
    file: str,
    wanted: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
    what: str,
    report: list[Repair],
    progress: bool | None = False,
) -> _Table:
    text = read_text(file, report=report)
    rows = iter(
        progress_bar(
            records(text, file=file), total=text.count("\n"), desc=Path(file).name, unit="row", enabled=progress
        )
    )
    keys: dict[str, str] = {key: name for name, names in wanted.items() for key in names}
    anchor = wanted[required[0]][0]
    header: list[str] | None = None
    header_line = 0
    for number, (line, row) in enumerate(rows):
        if anchor in (header_key(cell) for cell in row):
            header, header_line = row, line
            break
        if number >= _HEADER_SEARCH:
            break
    if header is None:
        other = "junior" if what == "senior" else "senior"
        hint = f"is it the {other} file? The {what} file has the column '{anchor}'"
        raise OrgDataError([Problem(file, 1, 0, "", f"no {what}-staff header row (no column {anchor!r})", hint)])
    if header_line > 1:
        reason = f"the header is on line {header_line}"
        report.append(Repair(file, 1, None, f"skipped lines 1-{header_line - 1}", reason, "skip"))

    by_field: dict[str, list[int]] = {}
    blank: list[int] = []
    for column, cell in enumerate(header):
        name = keys.get(header_key(cell))
        if name is not None:
            by_field.setdefault(name, []).append(column)
        elif not cell.strip():
            blank.append(column)
    missing = [name for name in required if name not in by_field]
    if missing:
        names = ", ".join(repr(wanted[name][0]) for name in missing)
        found = ", ".join(repr(cell) for cell in header[:25])
        raise OrgDataError([Problem(file, header_line, 0, "", f"no column {names}", f"the header has {found}")])
    for columns in by_field.values():
        if len(columns) > 1:
            where = ", ".join(str(c + 1) for c in columns)
            report.append(
                Repair(
                    file,
                    header_line,
                    None,
                    "used the first non-blank value of those columns in each row",
                    f"{len(columns)} columns ({where}) are headed {header[columns[0]].strip()!r}",
                    column=columns[1] + 1,
                )
            )

    table = _Table(file, {name: columns[0] for name, columns in by_field.items()})
    filled: Counter[int] = Counter()
    export = {column for column, cell in enumerate(header) if header_key(cell) in _EXPORT_COLUMNS}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = tuple(cell.strip() for column, cell in enumerate(row) if column not in export)
        record = _Row(line, {}, cells=cells)
        for name, columns in by_field.items():
            for column in columns:
                if column < len(row) and row[column].strip():
                    record.values[name] = row[column].strip()
                    if "\ufffd" in row[column]:
                        record.lost.append((column, header[column].strip()))
                    break
        for column in blank:
            if column < len(row) and row[column].strip():
                filled[column] += 1
        table.rows.append(record)
    if not table.rows:
        reason = f"the {what}-staff file has no rows below its header"
        report.append(Repair(file, header_line, None, f"read no {what} posts", reason, "note"))
    for column, count in sorted(filled.items()):
        report.append(
            Repair(
                file,
                header_line,
                None,
                "left its values out",
                f"column {column + 1} has no header but values in {count} row{'s' if count != 1 else ''}",
                "skip",
                column + 1,
            )
        )
    return table


def _lost_characters(report: list[Repair], file: str, row: _Row, item: str | None) -> None:
    for column, header in row.lost:
        reason = f"U+FFFD in {header!r}: a character (often an apostrophe) was lost before publication"
        report.append(Repair(file, row.line, item, "kept the text as it is", reason, "note", column + 1))


# -- values ----------------------------------------------------------------------------------------


def _number(text: str) -> int | float | str:
    cleaned = text.replace(",", "").replace("£", "").strip()
    if len(cleaned.lstrip("-")) > _MAX_PAY_DIGITS:
        return text
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        value = float(cleaned)
    except ValueError:
        return text
    return value if math.isfinite(value) else text


def _fte(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= _MAX_FTE else None


def _count(value: float) -> int | float:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def _holder(text: str) -> tuple[str, str | None]:
    """(status, name): status is named, not disclosed, vacant, eliminated or blank."""
    name = text.strip().strip("'\"").strip()
    key = name.casefold()
    if not name:
        return "blank", None
    if key in _NOT_DISCLOSED:
        return "not disclosed", None
    if key.startswith("vacant"):
        return "vacant", None
    if key.startswith("eliminated"):
        return "eliminated", None
    return "named", name


def _is_reference(text: str) -> bool:
    """Whether a ``Post Unique Reference`` value names one post (not blank, ``0``, ``XX`` or a status word)."""
    key = text.casefold()
    if not text or text == _NOT_IN_POST or key == _TOP or key in _NOT_REFERENCES:
        return False
    return _ID.fullmatch(text) is not None


def _same(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


# Grades from the top down, as a rank: a post should not report to a post of a lower rank.
_SCS = re.compile(r"\b(?:scs|senior civil service)\s*(?:pay\s*)?(?:band\s*)?(\d)\s*(a)?\b")
_GRADE_RANKS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\bperm(?:anent)?\.? sec(?:retary)?\b"), 14),
    (re.compile(r"\b(?:g|grade)\s*6\b"), 6),
    (re.compile(r"\b(?:g|grade)\s*7\b"), 5),
    (re.compile(r"^seo\b"), 4),
    (re.compile(r"^heo\b"), 3),
    (re.compile(r"^eo\b"), 2),
    (re.compile(r"^ao\b"), 1),
    (re.compile(r"^aa\b"), 0),
)
# Job titles that tell a rank when the grade does not (the usual SCS titles).
_TITLE_RANKS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\bpermanent secretary\b"), 14),
    (re.compile(r"\bdeputy director general\b"), 12.5),
    (re.compile(r"\bdirector general\b"), 13),
    (re.compile(r"\bdeputy director\b"), 11),
    (re.compile(r"\bdirector\b"), 12),
)


def _rank(row: _Row) -> tuple[float, str] | None:
    """The rank of a row's post, with what it rests on (``"SCS2"``, ``"title 'Director'"``), or None."""
    grade = _same(row.values.get("grade"))
    match = _SCS.search(grade)
    if match:
        return 10 + int(match.group(1)) + (0.5 if match.group(2) else 0), row.values.get("grade", "")
    for pattern, rank in _GRADE_RANKS:
        if pattern.search(grade):
            return rank, row.values.get("grade", "")
    if grade:
        return None
    title = _same(row.values.get("title"))
    for pattern, rank in _TITLE_RANKS:
        if pattern.search(title):
            return rank, f"title {row.values.get('title', '')!r}"
    return None


def _number_word(count: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[count] if count < len(words) else str(count)


def _describe(row: _Row) -> str:
    """A row as messages name it: its line, job title and grade (each row with its own values)."""
    grade = row.values.get("grade")
    title = row.values.get("title") or "no job title"
    return f"line {row.line} {title!r}" + (f" ({grade})" if grade else "")


# -- building the organisation ---------------------------------------------------------------------


@dataclass(slots=True)
class _Senior:
    id: str
    rows: list[_Row]
    reports_to: str | None = None
    top: bool = False
    unresolved: str | None = None


class _Builder:
    def __init__(self, senior: _Table, junior: _Table | None, report: list[Repair]) -> None:
        self.senior = senior
        self.junior = junior
        self.report = report
        self.posts: list[_Senior] = []
        self.ids: dict[str, _Senior] = {}
        self.references: dict[str, list[_Senior]] = {}  # reference -> the posts it names, in file order
        self.used: set[str] = set()  # every post id, senior and junior, and every unit id
        self.junior_ids: dict[int, str] = {}  # junior row line -> its post's id
        self.index: dict[str, list[str]] | None = None

    def add(
        self, line: int, item: str | None, action: str, reason: str, kind: RepairKind = "repair", field: str = ""
    ) -> None:
        column = self.senior.columns.get(field, -1) + 1 if field else 0
        self.report.append(Repair(self.senior.file, line, item, action, reason, kind, column))

    # -- senior posts ------------------------------------------------------------------------

    def group(self) -> None:
        """Senior rows -> posts, in file order: one per reference and post, duplicates removed, collisions split."""
        groups: dict[str, list[_Row]] = {}
        for row in self.senior.rows:
            reference = row.values.get("reference", "")
            if _is_reference(reference):
                groups.setdefault(reference, []).append(row)
        self.used.update(groups)
        for row in self.senior.rows:
            reference = row.values.get("reference", "")
            if not reference:
                self.add(row.line, None, "skipped the row", "no 'Post Unique Reference'", "skip", "reference")
                _lost_characters(self.report, self.senior.file, row, None)
            elif reference == _NOT_IN_POST:
                ident = self._unique(f"{reference}#row{row.line}")
                reason = "reference '0' marks an individual paid but not in post, as the format allows"
                self.add(row.line, ident, "kept the row as its own post", reason, "note", "reference")
                self._new(ident, [row])
            elif not _is_reference(reference):
                ident = self._unique(f"{reference}#row{row.line}")
                reason = f"{reference!r} is not a post reference"
                self.add(row.line, ident, "kept the row as its own post", reason, field="reference")
                self._new(ident, [row])
            elif groups[reference][0] is row:
                self._split(reference, groups[reference])
        if self.junior is not None:
            # Junior ids are made before the units' ids, which must then avoid them too.
            self.junior_ids = self._junior_ids(self.junior.rows)

    def _unique(self, ident: str) -> str:
        ident = " ".join(ident.split())
        candidate, number = ident, 1
        while candidate in self.used:
            number += 1
            candidate = f"{ident}-{number}"
        self.used.add(candidate)
        return candidate

    def _new(self, ident: str, rows: list[_Row]) -> _Senior:
        for row in rows:
            _lost_characters(self.report, self.senior.file, row, ident)
        post = _Senior(ident, rows)
        self.posts.append(post)
        self.ids[ident] = post
        self.used.add(ident)
        return post

    def _split(self, reference: str, rows: list[_Row]) -> None:
        """One post per (manager, job title) among the rows of one reference; duplicates go, holders merge."""
        shares: dict[tuple[str, str], list[_Row]] = {}
        for row in rows:
            key = (_same(row.values.get("reports_to")), _same(row.values.get("title")))
            shares.setdefault(key, []).append(row)
        first = next(iter(shares.values()))[0]
        posts = self.references[reference] = []
        for number, share in enumerate(shares.values()):
            if number == 0:
                posts.append(self._new(reference, self._without_duplicates(reference, share)))
                continue
            ident = self._unique(f"{reference}#row{share[0].line}")
            kept = self._without_duplicates(ident, share)
            row = share[0]
            reason = (
                f"reference {reference!r} also names the post of {_describe(first)}, which reports to "
                f"{first.values.get('reports_to', '')!r}; this row's post, {_describe(row)}, reports to "
                f"{row.values.get('reports_to', '')!r}"
            )
            self.add(row.line, ident, f"gave the post the id {ident!r}", reason, field="reference")
            posts.append(self._new(ident, kept))
        for post in posts:
            if len(post.rows) > 1:
                self._holders_note(post)

    def _without_duplicates(self, ident: str, rows: list[_Row]) -> list[_Row]:
        """The rows of one post without rows that repeat another row, or another row's named holder."""
        kept: list[_Row] = []
        by_cells: dict[tuple[str, ...], _Row] = {}
        by_holder: dict[str, _Row] = {}
        for row in rows:
            status, name = _holder(row.values.get("name", ""))
            twin = by_cells.get(row.cells)
            if twin is not None:
                reason = f"the row repeats line {twin.line} in every column"
                if status != "named":
                    reason += f" (the holder is {status}: if these are two people, the post has two holders)"
                self.add(row.line, ident, f"left the row out as a duplicate of line {twin.line}", reason, "skip")
                continue
            holder = by_holder.get(_same(name)) if name is not None else None
            if holder is not None:
                differ = [
                    f"{key} {holder.values.get(key, '')!r} and {row.values.get(key, '')!r}"
                    for key in dict.fromkeys([*holder.values, *row.values])
                    if holder.values.get(key, "") != row.values.get(key, "")
                ]
                reason = f"{name!r} already holds the post on line {holder.line}, with the same job title and manager"
                if differ:
                    reason += "; the rows differ in " + ", ".join(differ[:3]) + f": kept line {holder.line}"
                self.add(row.line, ident, f"left the row out as a duplicate of line {holder.line}", reason, "skip")
                by_cells.setdefault(row.cells, row)
                continue
            by_cells[row.cells] = row
            if name is not None:
                by_holder[_same(name)] = row
            kept.append(row)
        return kept

    def _holders_note(self, post: _Senior) -> None:
        """Say what several rows of one post are: a job share, full-time holders, or other holders."""
        statuses = Counter(_holder(row.values.get("name", ""))[0] for row in post.rows)
        parts = [
            f"{n} {('holder named' if n == 1 else 'holders named') if status == 'named' else status}"
            for status, n in statuses.items()
        ]
        fte = [_fte(row.values.get("fte")) for row in post.rows]
        known = [v for v in fte if v is not None]
        total = "unknown" if None in fte else f"{_count(sum(known)):g}"
        grades = list(dict.fromkeys(row.values.get("grade", "") for row in post.rows))
        if len(grades) > 1:
            parts.append(f"grades {', '.join(grades)}: kept {grades[0]}")
        lines = ", ".join(str(row.line) for row in post.rows)
        count = len(post.rows)
        if None not in fte and sum(known) <= 1 + 1e-9:
            what = "a job share: same reference, job title and manager"
        elif None not in fte and all(abs(v - 1) < 1e-9 for v in known):
            what = f"{_number_word(count)} full-time holders share one reference, job title and manager"
        else:
            what = f"{_number_word(count)} holders share one reference, job title and manager"
        reason = f"{what}; {', '.join(parts)}, FTE {total}"
        self.add(post.rows[0].line, post.id, f"merged rows {lines} into one post", reason, "note")

    # -- managers ----------------------------------------------------------------------------

    def manager(
        self, row: _Row, own: _Senior | None, target: str, junior: bool = False
    ) -> tuple[_Senior | None, str, str, list[_Senior]]:
        """The post a ``Reports to`` value names, and what the report says: (post, action, reason, left).

        ``post`` is None when nothing fits or the value is ambiguous (``left``
        then holds the posts it may mean); ``action`` is empty when the value
        names one post as written.
        """
        what, whom = ("senior post", "the senior post") if junior else ("post", "the manager")
        match, how = target, ""
        if target not in self.references:
            if self.index is None:
                self.index = key_index(self.references)
            found, why = match_reference(target, self.index)
            if found is None:
                return None, "", f"unknown {what} {target!r}; {why}", []
            match, how = found, f"unknown {what} {target!r}; {why}"
        candidates = self.references[match]
        if len(candidates) == 1:
            action = f"matched {whom} to {'' if junior else 'post '}{candidates[0].id!r}" if how else ""
            return candidates[0], action, how, []
        left, evidence = self._choose(row, own, candidates)
        names = "; ".join(f"{_describe(post.rows[0])}, id {post.id!r}" for post in candidates)
        reason = (f"{how}; " if how else "") + f"reference {match!r} names {len(candidates)} posts: {names}; {evidence}"
        if len(left) != 1:
            return None, "", reason, left
        return left[0], self._matched(whom, left[0]), reason, left

    @staticmethod
    def _matched(whom: str, post: _Senior) -> str:
        return f"matched {whom} to the post of line {post.rows[0].line}, id {post.id!r}"

    def _choose(self, row: _Row, own: _Senior | None, candidates: list[_Senior]) -> tuple[list[_Senior], str]:
        """The candidates the row's evidence (itself, grade, unit) leaves, with the evidence or why none is chosen."""
        left = [post for post in candidates if post is not own]
        evidence = ["a post does not report to itself"] if len(left) < len(candidates) else []
        rank = _rank(row)
        if rank is not None and len(left) > 1:
            plausible = [post for post in left if (other := _rank(post.rows[0])) is None or other[0] >= rank[0]]
            if len(plausible) < len(left):
                evidence.append(f"this row is {rank[1]}, and a post does not report to one of lower grade")
                left = plausible
        unit = _same(row.values.get("unit"))
        if unit and len(left) > 1:
            same_unit = [post for post in left if _same(post.rows[0].values.get("unit")) == unit]
            if len(same_unit) == 1:
                evidence.append(f"only line {same_unit[0].rows[0].line} is in this row's unit {row.values['unit']!r}")
                left = same_unit
        if len(left) == 1:
            return left, "chosen because " + " and ".join(evidence)
        if not left:
            return left, "each of them ranks below this row's post: none fits"
        return left, "neither grade nor unit tells which it means, so no manager is guessed"

    def resolve(self) -> None:
        ambiguous: list[tuple[_Senior, str, str, list[_Senior]]] = []
        for post in self.posts:
            row = post.rows[0]
            target = row.values.get("reports_to", "")
            if not target:
                self._unresolved(post, "", "no 'Reports to Senior Post'")
            elif target.casefold() == _TOP:
                post.top = True
            elif target == _NOT_IN_POST or target.casefold() in _NOT_REFERENCES:
                self._unresolved(post, target, f"{target!r} is not a post reference")
            else:
                manager, action, reason, left = self.manager(row, post, target)
                if manager is None and len(left) > 1:
                    ambiguous.append((post, target, reason, left))
                elif manager is None:
                    self._unresolved(post, target, reason)
                else:
                    post.reports_to = manager.id
                    if action:
                        self.add(row.line, post.id, action, reason, field="reports_to")
        for post, target, reason, left in ambiguous:
            # Last evidence, once every other manager is known: a post cannot report to one below it.
            fits = [candidate for candidate in left if not self._reaches(candidate, post)]
            if len(fits) == 1:
                lines = ", ".join(str(other.rows[0].line) for other in left if other is not fits[0])
                reason = reason.rsplit("; ", 1)[0] + f"; chosen because line {lines} reports (in the end) to this post"
                post.reports_to = fits[0].id
                self.add(post.rows[0].line, post.id, self._matched("the manager", fits[0]), reason, field="reports_to")
            else:
                self._unresolved(post, target, reason)
        managers = {post.id: post.reports_to for post in self.posts if post.reports_to is not None}
        for cycle in find_cycles(managers, self.ids):
            post = self.ids[cycle[0]]
            chain = " -> ".join(self._named(ident) for ident in [*cycle, cycle[0]])
            self.add(
                post.rows[0].line,
                post.id,
                "left the post without a manager",
                f"reporting cycle {chain}",
                field="reports_to",
            )
            post.unresolved, post.reports_to = post.reports_to, None
        tops = [post.id for post in self.posts if post.top]
        if len(tops) > 1:
            names = ", ".join(repr(t) for t in tops[:10]) + (", ..." if len(tops) > 10 else "")
            reason = "several posts report to 'XX' (files of several bodies merged?)"
            self.add(0, None, f"kept {len(tops)} top posts: {names}", reason, "note")

    def _reaches(self, start: _Senior, post: _Senior) -> bool:
        """Whether the chain of managers from ``start`` (itself included) passes ``post``."""
        seen: set[str] = set()
        current: _Senior | None = start
        while current is not None and current.id not in seen:
            if current is post:
                return True
            seen.add(current.id)
            current = self.ids.get(current.reports_to) if current.reports_to is not None else None
        return False

    def _named(self, ident: str) -> str:
        """A post as a cycle message names it: its id and job title."""
        title = self.ids[ident].rows[0].values.get("title")
        return f"{ident} {title!r}" if title else ident

    def _unresolved(self, post: _Senior, target: str, reason: str) -> None:
        post.unresolved = target or None
        self.add(post.rows[0].line, post.id, "left the post without a manager", reason, field="reports_to")

    def senior_posts(self, unit_ids: Mapping[str, str], organisations: bool) -> Iterator[dict[str, Any]]:
        for post in self.posts:
            yield self._senior_post(post, unit_ids, organisations)

    def _senior_post(self, post: _Senior, unit_ids: Mapping[str, str], organisations: bool) -> dict[str, Any]:
        first = post.rows[0].values
        holders: list[str] = []
        statuses: Counter[str] = Counter()
        for row in post.rows:
            status, name = _holder(row.values.get("name", ""))
            statuses[status] += 1
            if name is not None and name not in holders:
                holders.append(name)
        title = first.get("title") or f"Post {post.id}"
        data: dict[str, Any] = {"id": post.id, "name": title}
        if first.get("unit"):
            data["unit"] = unit_ids[first["unit"]]
        fte = [_fte(row.values.get("fte")) for row in post.rows]
        for row, value in zip(post.rows, fte, strict=True):
            if value is None:
                given = row.values.get("fte")
                reason = f"FTE {given!r} is not a number from 0 to 1 000 000" if given else "no FTE"
                self.add(row.line, post.id, "made the headcount 'unknown'", reason, field="fte")
        data["headcount"] = "unknown" if None in fte else _count(sum(v for v in fte if v is not None))
        if holders:
            data["holders"] = holders
        if statuses["vacant"] + statuses["eliminated"] == len(post.rows):
            data["vacant"] = True
        if post.reports_to is not None:
            data["reports_to"] = post.reports_to
        if post.top:
            data["top"] = True
        if first.get("grade"):
            data["grade"] = first["grade"]
        attributes: dict[str, Any] = {"row": post.rows[0].line}
        for name in _SENIOR_ATTRIBUTES:
            if first.get(name):
                attributes[name] = _number(first[name]) if name.startswith(("pay", "salary")) else first[name]
        if organisations and first.get("organisation"):
            attributes["organisation"] = first["organisation"]
        if statuses["not disclosed"]:
            attributes["holders_not_disclosed"] = statuses["not disclosed"]
        if statuses["eliminated"]:
            attributes["eliminated"] = True
        if first.get("reference") == _NOT_IN_POST:
            attributes["not_in_post"] = True
        elif first.get("reference") != post.id:
            attributes["reference"] = first.get("reference", "")
        if post.unresolved is not None:
            attributes["reports_to_unresolved"] = post.unresolved
        data["attributes"] = attributes
        data["source"] = {"document": "senior"}
        return data

    # -- junior posts ------------------------------------------------------------------------

    def _junior_ids(self, rows: list[_Row]) -> dict[int, str]:
        """Line -> ``junior:<senior post>/<grade>/<generic title>/<unit>``: what the staff are, not where they are.

        Rows that share all four add ``/<profession>``; rows that share that too are numbered
        ``-2``, ``-3``, ... in the order of their pay range and FTE (not of their lines), so the
        ids do not depend on the order of the rows.
        """

        def base(values: Mapping[str, str]) -> str:
            target = values.get("reports_to", "")
            posts = self.references.get(target, [])
            senior = posts[0].id if len(posts) == 1 else target  # a reference that names two posts stays itself
            parts = [senior, values.get("grade", ""), values.get("title", ""), values.get("unit", "")]
            return " ".join(("junior:" + "/".join(part or "-" for part in parts)).split())

        keys = {row.line: base(row.values) for row in rows}
        shared = Counter(keys.values())
        for row in rows:
            if shared[keys[row.line]] > 1:
                keys[row.line] += "/" + " ".join((row.values.get("profession") or "-").split())
        groups: dict[str, list[_Row]] = {}
        for row in rows:
            groups.setdefault(keys[row.line], []).append(row)
        ids: dict[int, str] = {}
        for key, group in groups.items():
            order = sorted(group, key=lambda r: (*(r.values.get(f, "") for f in ("pay_min", "pay_max", "fte")), r.line))
            for number, row in enumerate(order, start=1):
                ids[row.line] = self._unique(key if number == 1 else f"{key}-{number}")
        return ids

    def junior_posts(self, unit_ids: Mapping[str, str], organisations: bool) -> Iterator[dict[str, Any]]:
        if self.junior is None:
            return
        table = self.junior

        def add(line: int, item: str, action: str, reason: str, kind: RepairKind = "repair", field: str = "") -> None:
            column = table.columns.get(field, -1) + 1 if field else 0
            self.report.append(Repair(table.file, line, item, action, reason, kind, column))

        for row in table.rows:
            values = row.values
            ident = self.junior_ids[row.line]
            _lost_characters(self.report, table.file, row, ident)
            title = values.get("title")
            if not title:
                add(row.line, ident, "named the post 'Junior staff'", "no 'Generic Job Title'", "note", "title")
            data: dict[str, Any] = {"id": ident, "name": title or "Junior staff", "junior": True}
            if values.get("unit"):
                data["unit"] = unit_ids[values["unit"]]
            fte = _fte(values.get("fte"))
            if fte is None:
                given = values.get("fte")
                reason = (
                    f"FTE {given!r} is not a number from 0 to 1 000 000" if given else "no 'Number of Posts in FTE'"
                )
                add(row.line, ident, "made the headcount 'unknown'", reason, field="fte")
            data["headcount"] = "unknown" if fte is None else _count(fte)
            target = values.get("reports_to", "")
            attributes: dict[str, Any] = {"row": row.line}
            manager: _Senior | None = None
            if not target:
                action, why = "", "no 'Reporting Senior Post'"
            elif target == _NOT_IN_POST or target.casefold() in _NOT_REFERENCES or target.casefold() == _TOP:
                action, why = "", f"{target!r} is not a senior post reference"
            else:
                manager, action, why, _ = self.manager(row, None, target, junior=True)
            if manager is not None:
                data["reports_to"] = manager.id
                if action:
                    add(row.line, ident, action, why, field="reports_to")
            else:
                attributes["reports_to_unresolved"] = target
                action = "kept the staff without a manager (they still count)"
                add(row.line, ident, action, why, field="reports_to")
            if values.get("grade"):
                data["grade"] = values["grade"]
            for name in _JUNIOR_ATTRIBUTES:
                if values.get(name):
                    attributes[name] = _number(values[name]) if name.startswith("pay") else values[name]
            if organisations and values.get("organisation"):
                attributes["organisation"] = values["organisation"]
            data["attributes"] = attributes
            data["source"] = {"document": "junior"}
            yield data


def read_organogram(
    senior: str | os.PathLike[str],
    junior: str | os.PathLike[str] | None = None,
    *,
    strict: bool = False,
    progress: bool | None = False,
) -> Org:
    r"""Read a UK government organogram: the senior-staff CSV and, optionally, the junior-staff CSV.

    Parameters
    ----------
    senior : str or os.PathLike
        The senior-staff file (``*-senior.csv``).
    junior : str or os.PathLike, optional
        The junior-staff file (``*-junior.csv``) of the same body and date.
    strict : bool, default False
        Raise instead of repairing: every repair and skip of the import
        report becomes a problem (``file:line:column: ...``) of one
        :class:`~orggraph.errors.OrgDataError`. Notes (job shares, ``0``
        references, U+FFFD characters, several top posts) do not raise.
    progress : bool or None, default False
        A progress bar over the rows on stderr: True always, None when
        stderr is a terminal (see :mod:`orggraph.progress`).

    Returns
    -------
    Org
        Senior and junior posts, units, and ``import_report`` listing every
        repair, skip and note (see the module docstring for what is repaired
        how).

    Raises
    ------
    OrgDataError
        When a file cannot be read, lacks the ``Post Unique Reference`` /
        ``Reports to Senior Post`` (senior) or ``Reporting Senior Post``
        (junior) column, or, with ``strict=True``, needs any repair.

    See Also
    --------
    read_csv : A generic HR export.

    Examples
    --------
    >>> import tempfile, pathlib, orggraph
    >>> text = ("Post Unique Reference,Name,Job Title,Reports to Senior Post,FTE\n"
    ...         "10,Vacant,Director General,xx,1\n"
    ...         "20,N/D,Deputy Director,010,1\n")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "dept-2012-03-31-senior.csv"
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     org = read_organogram(path)
    ...     try:
    ...         read_organogram(path, strict=True)
    ...     except orggraph.OrgDataError as error:
    ...         print(error.problems[0].line, error.problems[0].column, error.problems[0].message)
    3 4 unknown post '010'; leading zeros differ
    >>> org.manager("20"), org.graph.nodes["10"]["vacant"], org.document.organisation.as_of
    ('10', True, '2012-03-31')
    """
    senior_file = os.fspath(senior)
    junior_file = os.fspath(junior) if junior is not None else None
    with gc_paused():
        return _read(senior_file, junior_file, strict, progress)


def _unit_ids(names: Iterable[str], used: set[str]) -> dict[str, str]:
    """Unit name -> id: the name, or ``unit:<name>`` when a post has that id (never an id in use; adds to ``used``)."""
    names = list(names)
    taken = set(names)
    ids: dict[str, str] = {}
    for name in names:
        ident, number = name, 1
        if ident in used:
            ident = f"unit:{name}"
            while ident in used or ident in taken:
                number += 1
                ident = f"unit:{name}#{number}"
        used.add(ident)
        ids[name] = ident
    return ids


def _unit_heads(posts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Unit id -> the post that heads it, where the reporting lines make one post its top.

    A unit's top is a post of the unit whose manager is outside the unit (or
    who has none); when exactly one post of the unit is such a top, and it is
    a senior post, every other post of the unit reaches it through managers
    inside the unit, so it heads the unit.
    """
    unit_of = {post["id"]: post.get("unit") for post in posts}
    tops: dict[str, list[dict[str, Any]]] = {}
    for post in posts:
        unit = post.get("unit")
        if unit is not None and unit_of.get(post.get("reports_to")) != unit:
            tops.setdefault(unit, []).append(post)
    return {unit: top[0] for unit, top in tops.items() if len(top) == 1 and not top[0].get("junior")}


def _read(senior_file: str, junior_file: str | None, strict: bool, progress: bool | None = False) -> Org:
    report: list[Repair] = []
    senior = _read_table(senior_file, SENIOR_COLUMNS, ("reference", "reports_to"), "senior", report, progress)
    junior = None
    if junior_file is not None:
        junior = _read_table(junior_file, JUNIOR_COLUMNS, ("reports_to",), "junior", report, progress)
    builder = _Builder(senior, junior, report)
    builder.group()
    builder.resolve()

    rows = senior.rows + (junior.rows if junior is not None else [])
    bodies = Counter(row.values["organisation"] for row in rows if row.values.get("organisation"))
    departments = Counter(row.values["parent_department"] for row in rows if row.values.get("parent_department"))
    names = {unit: " ".join(unit.split()) for row in rows if (unit := row.values.get("unit"))}
    units = _unit_ids(dict.fromkeys(names.values()), builder.used)  # name -> id
    unit_ids = {unit: units[name] for unit, name in names.items()}
    several = len(bodies) > 1
    posts = [*builder.senior_posts(unit_ids, several), *builder.junior_posts(unit_ids, several)]
    heads = _unit_heads(posts)
    inferred = [
        Repair(
            senior_file,
            int(post["attributes"]["row"]),
            post["id"],
            f"made it the head of unit {unit!r}",
            "the only post of the unit whose manager is outside the unit: every other post reports up to it",
            "note",
        )
        for unit, post in heads.items()
    ]

    entries = sorted_report(report, [senior_file, *([junior_file] if junior_file else [])])
    if strict:
        entries.raise_for_problems()
    title = (bodies or departments or Counter({Path(senior_file).stem: 1})).most_common(1)[0][0]
    organisation: dict[str, Any] = {"id": slug(title) or "organisation", "name": title}
    day = _file_date(Path(senior_file).name)
    if day is not None:
        organisation["as_of"] = day
    if several:
        organisation["description"] = "Bodies: " + ", ".join(bodies)
    sources = [{"id": "senior", "title": Path(senior_file).name, "location": senior_file}]
    if junior_file is not None:
        sources.append({"id": "junior", "title": Path(junior_file).name, "location": junior_file})
    unit_list = [
        {"id": ident, "name": name, **({"head": heads[ident]["id"]} if ident in heads else {})}
        for name, ident in units.items()
    ]
    data = {"organisation": organisation, "sources": sources, "units": unit_list, "posts": posts}
    org = built(data, file=senior_file, place=lambda path: _place(path, posts, unit_list, senior_file, junior_file))
    entries.inferred = sorted(inferred, key=lambda entry: entry.row)
    org.import_report = entries
    return org


def _file_date(name: str) -> str | None:
    """The date in a file name (``dept-2011-09-30-senior.csv``), when it is a real date."""
    for match in re.finditer(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)", name):
        try:
            return datetime.date.fromisoformat(match.group(0)).isoformat()
        except ValueError:
            continue
    return None


def _place(
    path: str, posts: list[dict[str, Any]], units: list[dict[str, Any]], senior: str, junior: str | None
) -> tuple[str | None, int, str]:
    """Where ``posts[<n>]`` or ``units[<n>]`` of the built document is in the files (see ``built_data.built``)."""
    kind, _, number = path.rstrip("]").partition("[")
    index = int(number) if number.isdigit() else -1
    if kind == "posts" and 0 <= index < len(posts):
        post = posts[index]
        file = junior if post.get("junior") else senior
        return file, int(post["attributes"]["row"]), f"post {post['id']!r}"
    if kind == "units" and 0 <= index < len(units):
        return None, 0, f"unit {units[index]['name']!r}"
    return None, 0, ""
