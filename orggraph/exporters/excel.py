"""An organisation's tables as one Excel workbook, formatted for reading.

:func:`write_excel` (``Org.to_excel(path)``) writes one sheet per table:

===============  =================================================  =====================
sheet            table                                              index
===============  =================================================  =====================
posts            :meth:`Org.posts`                                  post
spans            :meth:`Org.span_of_control`                        post
layers           :meth:`Org.layers`                                 post
meeting load     :meth:`Org.meeting_load`                           post
decisions        :meth:`Org.decisions`                              topic
RACI             :meth:`Org.raci` (topics x posts, names as well)   topic
lint             :meth:`Findings.to_frame <orggraph.lint.Findings>`  node
lint summary     :meth:`Findings.summary <orggraph.lint.Findings>`   code
===============  =================================================  =====================

Every sheet has a bold header row that stays in view (frozen panes, with
the index column), an autofilter, and columns as wide as their content (at
most 60 characters; longer text wraps). Lists in cells (a finding's nodes)
become comma-separated text; missing values are empty cells. The workbook
is written by pandas with openpyxl, pandas' own Excel engine
(``pip install 'orggraph[excel]'``).

Examples
--------
>>> import tempfile, pathlib, openpyxl, orggraph
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write_excel(orggraph.example(), pathlib.Path(tmp) / "acme.xlsx")
...     book = openpyxl.load_workbook(path)
...     sheet = book["posts"]
...     print(book.sheetnames)
...     print(sheet.freeze_panes, sheet["A1"].value, sheet["B1"].font.b, sheet["A2"].value, sheet["B2"].value)
['posts', 'spans', 'layers', 'meeting load', 'decisions', 'RACI', 'lint', 'lint summary']
B2 post True chair Chair of the Board
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from orggraph.errors import MissingDependencyError
from orggraph.progress import bar

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["SHEETS", "write_excel"]

MAX_WIDTH = 60
"""The widest a column gets, in characters; longer text wraps."""


def _raci(org: Org) -> pd.DataFrame:
    matrix = org.raci()
    matrix.insert(0, "topic_name", [org.name(topic) for topic in matrix.index])
    return matrix


SHEETS: dict[str, Callable[[Org], pd.DataFrame]] = {
    "posts": lambda org: org.posts(),
    "spans": lambda org: org.span_of_control(),
    "layers": lambda org: org.layers(),
    "meeting load": lambda org: org.meeting_load(),
    "decisions": lambda org: org.decisions(),
    "RACI": _raci,
    "lint": lambda org: org.lint().to_frame(),
    "lint summary": lambda org: org.lint().summary(),
}
"""The sheets, in order, and the table each holds."""

_SPARSE = frozenset({"RACI"})
"""Sheets written cell by cell, empty cells left out: a RACI matrix of a large organisation is mostly empty."""


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError(
            "writing Excel needs openpyxl, which is not installed; "
            "install it with: pip install 'orggraph[excel]' (or pip install openpyxl)"
        ) from None
    return openpyxl


def _cell(value: object) -> object:
    if isinstance(value, (tuple, list, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return value


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells Excel can hold: lists as text, categories as their labels."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            frame[column] = series.astype(object)
        elif series.dtype == object:
            frame[column] = series.map(_cell)
    return frame


def _widths(frame: pd.DataFrame) -> list[int]:
    """Column widths from the content, index first: the longest line of a header or value, within bounds."""

    def width(header: object, values: pd.Series) -> int:
        texts = values.dropna().astype(str)
        longest = max(
            [len(line) for line in str(header).splitlines()]
            + ([int(texts.str.split("\n").map(lambda lines: max(map(len, lines))).max())] if len(texts) else [])
        )
        return min(max(longest, 4) + 2, MAX_WIDTH)

    index = pd.Series(frame.index, dtype=object)
    return [width(frame.index.name or "", index), *(width(column, frame[column]) for column in frame.columns)]


def _format(worksheet: Any, widths: list[int]) -> None:
    """Bold header, frozen header row and index column, autofilter, the given widths; capped columns wrap."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for cell in worksheet[1]:
        cell.font = bold
    worksheet.freeze_panes = "B2"
    if worksheet.max_row > 1:
        worksheet.auto_filter.ref = worksheet.dimensions
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(number)].width = width
        if width == MAX_WIDTH:
            for (cell,) in worksheet.iter_rows(min_row=2, min_col=number, max_col=number):
                cell.alignment = wrap


def _write_sparse(writer: Any, name: str, frame: pd.DataFrame) -> tuple[Any, list[int]]:
    """A mostly empty matrix (RACI) as a sheet: header, index and the non-empty cells only; with the widths."""
    worksheet = writer.book.create_sheet(name)
    worksheet.cell(1, 1, frame.index.name)
    longest = [len(str(header)) for header in frame.columns]
    for number, header in enumerate(frame.columns, start=2):
        worksheet.cell(1, number, header)
    values = frame.to_numpy(dtype=object)
    for row, label in enumerate(frame.index):
        worksheet.cell(row + 2, 1, label)
        for column in map(int, np.flatnonzero(values[row] != "")):
            value = values[row, column]
            worksheet.cell(row + 2, column + 2, value)
            longest[column] = max(longest[column], len(str(value)))
    index_width = _widths(frame.iloc[:, :0])[0]
    return worksheet, [index_width, *(min(max(length, 4) + 2, MAX_WIDTH) for length in longest)]


def write_excel(org: Org, path: str | os.PathLike[str], *, progress: bool | None = False) -> str | os.PathLike[str]:
    """Write the organisation's tables to an Excel workbook, one sheet per table (see the module docstring).

    Parameters
    ----------
    org : Org
        The organisation.
    path : str or os.PathLike
        The ``.xlsx`` file to write (replaced if it exists).
    progress : bool or None, default False
        A progress bar over the sheets on stderr: True always, None when
        stderr is a terminal (see :mod:`orggraph.progress`).

    Returns
    -------
    str or os.PathLike
        ``path``.

    Raises
    ------
    MissingDependencyError
        If openpyxl is not installed (install ``orggraph[excel]``).
    OrgDataError
        If a table cannot be computed (a cycle in the reporting lines).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, orggraph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_excel(orggraph.example(), pathlib.Path(tmp) / "acme.xlsx")
    ...     raci = pd.read_excel(path, sheet_name="RACI", index_col=0, keep_default_na=False)
    >>> raci.loc["budget", ["topic_name", "chair", "cfo"]].tolist()
    ['Annual budget', 'A', 'R/C/I']
    """
    _openpyxl()

    with (
        bar(len(SHEETS), desc=os.path.basename(os.fspath(path)), unit="sheet", enabled=progress) as steps,
        pd.ExcelWriter(path, engine="openpyxl") as writer,
    ):
        for name, table in SHEETS.items():
            frame = _for_excel(table(org))
            if name in _SPARSE:
                worksheet, widths = _write_sparse(writer, name, frame)
            else:
                frame.to_excel(writer, sheet_name=name, index=True)
                worksheet, widths = writer.sheets[name], _widths(frame)
            _format(worksheet, widths)
            steps.update(1)
    return path
