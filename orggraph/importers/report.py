"""The import report: every repair an importer made, every row it skipped, and why.

Real exports are messy. An importer repairs what it can and says so: each
:class:`Repair` names the file, the row (the line the record starts on), the
column, the post (or other item) concerned, what was done and why. The
:class:`ImportReport` of an import is ``org.import_report``: a list of repairs
that prints as text, shows as a table in Jupyter and becomes a pandas
DataFrame with :meth:`ImportReport.to_frame`.

Entries come in three kinds:

========  ===================================================================
kind      meaning
========  ===================================================================
repair    the data was changed or a guess was made (an id suffixed, a
          reference matched, a cycle broken, a manager left out)
skip      data was left out (a row without an id, a column without a header)
note      the data was kept as it is but deserves a look (a job share merged
          as the format allows, U+FFFD characters, several top posts)
========  ===================================================================

In strict mode an importer raises :class:`~orggraph.errors.OrgDataError` with
one problem per repair and skip instead of returning an organisation.

Examples
--------
>>> report = ImportReport([
...     Repair("senior.csv", 12, "42#row12", "gave the post the id '42#row12'", "reference '42' is taken", column=1),
...     Repair("senior.csv", 30, "7", "kept the characters", "U+FFFD in 'Job Title'", kind="note", column=4),
... ])
>>> print(report)
Import report: 1 repair, 0 skipped, 1 note
  senior.csv:12:1: post '42#row12': gave the post the id '42#row12' (reference '42' is taken)
  senior.csv:30:4: post '7': kept the characters (U+FFFD in 'Job Title') [note]
>>> for problem in report.problems():
...     print(problem)
senior.csv:12:1: post '42#row12': reference '42' is taken (without strict=True: gave the post the id '42#row12')
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, SupportsIndex, overload

from orggraph.errors import OrgDataError, Problem

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ImportReport", "Repair", "RepairKind", "sorted_report"]

RepairKind = Literal["repair", "skip", "note"]
"""What an entry of the report is: a repair, a skipped part of the input, or a note."""

_KINDS: tuple[RepairKind, ...] = ("repair", "skip", "note")


@dataclass(frozen=True, slots=True)
class Repair:
    """One thing an importer did to the input, and why.

    Attributes
    ----------
    file : str
        The input file.
    row : int
        The line of the file the record starts on (1-based; the header is
        line 1 of a CSV); 0 when the entry is about the whole file or the
        input has no lines (JSON).
    item : str or None
        The post id concerned (for Popolo: the person, organisation or
        membership), as it is in the organisation; None for the whole file.
    action : str
        What was done.
    reason : str
        Why: what is wrong with the input.
    kind : {"repair", "skip", "note"}
        See the module docstring.
    column : int
        The column (1-based) of the culprit value; 0 for the whole row.
    noun : str
        What ``item`` is, for messages: ``"post"``, or for Popolo
        ``"person"``, ``"organization"``; empty when ``item`` is a place in
        the input (``"memberships[3]"``).

    Examples
    --------
    >>> r = Repair("junior.csv", 8, "junior#row8", "left without a manager", "unknown senior post '99'", column=4)
    >>> print(r)
    junior.csv:8:4: post 'junior#row8': left without a manager (unknown senior post '99')
    """

    file: str
    row: int
    item: str | None
    action: str
    reason: str
    kind: RepairKind = "repair"
    column: int = 0
    noun: str = "post"

    def __str__(self) -> str:
        text = f"{self._where()}: {self._what()}{self.action} ({self.reason})"
        return text + " [note]" if self.kind == "note" else text

    def _where(self) -> str:
        if not self.row:
            return self.file
        return f"{self.file}:{self.row}:{self.column}" if self.column else f"{self.file}:{self.row}"

    def _what(self) -> str:
        return f"{self._path()}: " if self.item is not None else ""

    def _path(self) -> str:
        if self.item is None:
            return ""
        return f"{self.noun} {self.item!r}" if self.noun else self.item

    def problem(self) -> Problem:
        """The entry as a :class:`~orggraph.errors.Problem` (for strict mode).

        Examples
        --------
        >>> print(Repair("s.csv", 3, "9", "left without a manager", "unknown post '8'", column=11).problem())
        s.csv:3:11: post '9': unknown post '8' (without strict=True: left without a manager)
        """
        return Problem(
            self.file, self.row, self.column, self._path(), self.reason, f"without strict=True: {self.action}"
        )


class ImportReport(list[Repair]):
    """The repairs, skips and notes of one import, in input order.

    A list of :class:`Repair`; prints as text, shows as a table in Jupyter.

    Examples
    --------
    >>> report = ImportReport([Repair("a.csv", 2, "x", "skipped the row", "no id", kind="skip")])
    >>> len(report), report.count_of("skip"), report.count_of("repair")
    (1, 1, 0)
    >>> report
    <ImportReport: 0 repairs, 1 skipped, 0 notes>

    ``inferred`` lists what the importer inferred from the data rather than
    repaired in it (the organogram importer's unit heads), apart from the
    entries so that they stay the input's flaws.
    """

    def __init__(self, entries: Iterable[Repair] = (), inferred: Iterable[Repair] = ()) -> None:
        super().__init__(entries)
        self.inferred: list[Repair] = list(inferred)

    def count_of(self, kind: RepairKind) -> int:
        """How many entries are of ``kind`` (``"repair"``, ``"skip"`` or ``"note"``).

        Parameters
        ----------
        kind : {"repair", "skip", "note"}
            The kind of entry to count.

        Examples
        --------
        >>> ImportReport().count_of("note")
        0
        """
        if kind not in _KINDS:
            raise ValueError(f"unknown kind {kind!r}; valid kinds: {', '.join(_KINDS)}")
        return sum(1 for entry in self if entry.kind == kind)

    def of_kind(self, *kinds: RepairKind) -> ImportReport:
        """The entries of the given kinds, as a report.

        Parameters
        ----------
        *kinds : {"repair", "skip", "note"}
            The kinds to keep; an entry of any of them is kept.

        Examples
        --------
        >>> report = ImportReport([Repair("a.csv", 2, "x", "kept", "odd", kind="note")])
        >>> len(report.of_kind("repair", "skip")), len(report.of_kind("note"))
        (0, 1)
        """
        for kind in kinds:
            if kind not in _KINDS:
                raise ValueError(f"unknown kind {kind!r}; valid kinds: {', '.join(_KINDS)}")
        return ImportReport(entry for entry in self if entry.kind in kinds)

    def about(self, item: str) -> ImportReport:
        """The entries about one post (or other item).

        Parameters
        ----------
        item : str
            The id of a post (or other item) as the entries name it.

        Examples
        --------
        >>> report = ImportReport([Repair("a.csv", 2, "x", "kept", "odd", kind="note")])
        >>> [entry.action for entry in report.about("x")], len(report.about("y"))
        (['kept'], 0)
        """
        return ImportReport(entry for entry in self if entry.item == item)

    def problems(self) -> list[Problem]:
        """The repairs and skips as problems (notes are not problems).

        Examples
        --------
        >>> ImportReport([Repair("a.csv", 2, "x", "kept", "odd", kind="note")]).problems()
        []
        """
        return [entry.problem() for entry in self if entry.kind != "note"]

    def raise_for_problems(self) -> None:
        """Raise :class:`~orggraph.errors.OrgDataError` listing every repair and skip, if any.

        Raises
        ------
        OrgDataError
            When the report holds a repair or a skip.

        Examples
        --------
        >>> ImportReport([Repair("a.csv", 2, None, "skipped the row", "no id", kind="skip")]).raise_for_problems()
        Traceback (most recent call last):
        ...
        orggraph.errors.OrgDataError: 1 problem in the organisation data:
          a.csv:2:0: no id (without strict=True: skipped the row)
        """
        problems = self.problems()
        if problems:
            raise OrgDataError(problems)

    def to_frame(self) -> pd.DataFrame:
        """The report as a pandas DataFrame: one row per entry.

        Columns: ``file``, ``row``, ``column``, ``item``, ``kind``, ``action``, ``reason``.

        Examples
        --------
        >>> frame = ImportReport([Repair("a.csv", 2, "x", "kept", "odd", kind="note")]).to_frame()
        >>> list(frame.columns), int(frame.loc[0, "row"])
        (['file', 'row', 'column', 'item', 'kind', 'action', 'reason'], 2)
        """
        import pandas as pd

        columns = ["file", "row", "column", "item", "kind", "action", "reason"]
        return pd.DataFrame(
            [[getattr(entry, name) for name in columns] for entry in self],
            columns=columns,
        ).astype({"row": "int64", "column": "int64"})

    def _summary(self) -> str:
        repairs, skips, notes = (self.count_of(kind) for kind in _KINDS)
        return (
            f"{repairs} repair{'s' if repairs != 1 else ''}, {skips} skipped, {notes} note{'s' if notes != 1 else ''}"
        )

    def __str__(self) -> str:
        return "\n".join([f"Import report: {self._summary()}", *(f"  {entry}" for entry in self)])

    def __repr__(self) -> str:
        return f"<ImportReport: {self._summary()}>"

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{name}</th>" for name in ("where", "post", "kind", "action", "reason"))
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(text)}</td>"
                for text in (entry._where(), entry.item or "", entry.kind, entry.action, entry.reason)
            )
            + "</tr>"
            for entry in self
        )
        return (
            f"<div><strong>Import report</strong>: {html.escape(self._summary())}"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    @overload
    def __getitem__(self, index: SupportsIndex) -> Repair: ...

    @overload
    def __getitem__(self, index: slice) -> ImportReport: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Repair | ImportReport:
        if isinstance(index, slice):
            return ImportReport(super().__getitem__(index))
        return super().__getitem__(index)


def sorted_report(entries: Iterable[Repair], files: Iterable[str] = ()) -> ImportReport:
    """The entries in input order: by file (in the order given, others after), then row.

    Parameters
    ----------
    entries : iterable of Repair
        The entries, in any order.
    files : iterable of str, optional
        The input files in the order they were read; entries of other files
        come after them.

    Examples
    --------
    >>> entries = [Repair("j.csv", 2, None, "a", "b"), Repair("s.csv", 9, None, "a", "b"),
    ...            Repair("s.csv", 3, None, "a", "b")]
    >>> [(e.file, e.row) for e in sorted_report(entries, ["s.csv", "j.csv"])]
    [('s.csv', 3), ('s.csv', 9), ('j.csv', 2)]
    """
    order = {name: number for number, name in enumerate(files)}
    return ImportReport(sorted(entries, key=lambda e: (order.get(e.file, len(order)), e.file, e.row, e.column)))
