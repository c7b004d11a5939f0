r"""Import an HR export from a spreadsheet (``.xlsx``): the same columns and rules as :func:`~orggraph.read_csv`.

One sheet holds one row per employee or post under a header row; the
columns are found as :mod:`orggraph.importers.table` describes (employee
name -> holder, job title -> post name, manager id, department -> unit, FTE,
cost; ``columns=`` to override). Lines in the import report are the sheet's
row numbers, as Excel shows them, and the file is named with its sheet:
``hr.xlsx[Ark1]:4:4: ...``.

Cells are read as values (formulas give their last computed value): whole
numbers become ids without a trailing ``.0``, dates become ISO dates.
Reading needs openpyxl (``pip install 'orggraph[excel]'``).

Examples
--------
>>> import tempfile, pathlib
>>> import pandas as pd
>>> from orggraph.importers.excel import read_excel
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "hr.xlsx"
...     pd.DataFrame({
...         "Employee ID": [1, 2, 3],
...         "Name": ["Anna Berg", "Bo Dahl", "Cem Eker"],
...         "Title": ["Kommunaldirektør", "Centerchef", "Konsulent"],
...         "Reports To": [None, 1, 2],
...         "Department": ["Direktionen", "Økonomi", "Økonomi"],
...         "FTE": [1.0, 1.0, 0.5],
...         "Cost": [1_200_000, 800_000, 250_000.5],
...     }).to_excel(path, index=False, sheet_name="Ark1")
...     org = read_excel(path)
>>> org.chain_of_command("3"), org.name("3"), org.graph.nodes["3"]["holders"]
(['2', '1'], 'Konsulent', ('Cem Eker',))
>>> org.headcount("3"), org.graph.nodes["3"]["attributes"]["cost"]
(0.5, 250000.5)
>>> print(org.import_report)
Import report: 0 repairs, 0 skipped, 1 note
  .../hr.xlsx[Ark1]:1: read 'Name' as the holder and 'Title' as the post (...) [note]
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from orggraph.errors import MissingDependencyError, OrgDataError, Problem, suggest
from orggraph.importers.table import from_rows
from orggraph.org import Org

__all__ = ["cell_text", "read_excel"]


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError(
            "reading Excel needs openpyxl, which is not installed; "
            "install it with: pip install 'orggraph[excel]' (or pip install openpyxl)"
        ) from None
    return openpyxl


def cell_text(value: object) -> str:
    """A cell's value as the CSV text an export would hold.

    Whole numbers lose the ``.0`` spreadsheets give them; a float with
    exactly three decimals gets a fourth zero so that it is not read as a
    number grouped in thousands (``1234.567`` is not 1 234 567).

    Parameters
    ----------
    value : object
        The cell's value as openpyxl reads it: None, a number, a bool, a date
        or datetime, or text.

    Examples
    --------
    >>> import datetime
    >>> [cell_text(v) for v in (None, 42, 42.0, 0.8, 1234.567, True, datetime.date(2024, 3, 1), " x ")]
    ['', '42', '42', '0.8', '1234.5670', 'true', '2024-03-01', ' x ']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        if "e" not in text and len(text) - text.find(".") - 1 == 3:
            text += "0"
        return text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def read_excel(
    path: str | os.PathLike[str],
    *,
    sheet: str | int = 0,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    name: str | None = None,
    progress: bool | None = False,
) -> Org:
    """Read an HR export from a spreadsheet: one row per employee or post.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.xlsx`` (or ``.xlsm``) file.
    sheet : str or int, default 0
        The sheet: its name or its position (0 is the first).
    columns, strict, name, progress
        As for :func:`~orggraph.read_csv` (fields ``id``, ``post``,
        ``holder``, ``type``, ``manager_id``, ``unit``, ``fte``, ``cost``).

    Returns
    -------
    Org
        With ``import_report`` listing every repair and skipped row.

    Raises
    ------
    OrgDataError
        When the file cannot be read as a workbook, has no such sheet, no id
        column (the message lists the columns found), or (with
        ``strict=True``) needs any repair.
    MissingDependencyError
        If openpyxl is not installed (install ``orggraph[excel]``).

    Examples
    --------
    >>> read_excel("no/such/file.xlsx")
    Traceback (most recent call last):
    ...
    orggraph.errors.OrgDataError: 1 problem in the organisation data:
      no/such/file.xlsx: cannot read the workbook: ...
    """
    openpyxl = _openpyxl()
    file = os.fspath(path)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError, OSError and its own errors alike
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        hint = "save the file as an Excel workbook (.xlsx)" if not isinstance(error, OSError) else None
        raise OrgDataError([Problem(file, 0, 0, "", f"cannot read the workbook: {reason}", hint)]) from None
    try:
        names: list[str] = list(workbook.sheetnames)
        if isinstance(sheet, int) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(names):
                message = f"no sheet number {sheet}: the workbook has {len(names)} (numbered from 0)"
                raise OrgDataError([Problem(file, 0, 0, "", message, "sheets: " + ", ".join(map(repr, names)))])
            title = names[sheet]
        elif sheet in names:
            title = str(sheet)
        else:
            hint = suggest(str(sheet), names) or "sheets: " + ", ".join(map(repr, names))
            raise OrgDataError([Problem(file, 0, 0, "", f"no sheet {sheet!r}", hint)])
        worksheet = workbook[title]
        label = f"{file}[{title}]"
        return from_rows(
            _rows(worksheet),
            file=label,
            columns=columns,
            strict=strict,
            name=name or Path(file).stem,
            total=worksheet.max_row,
            progress=progress,
        )
    finally:
        workbook.close()


def _rows(worksheet: Any) -> Iterator[tuple[int, list[str]]]:
    """The sheet's rows as text cells, each with its row number."""
    for number, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1):
        yield number, [cell_text(value) for value in values]
