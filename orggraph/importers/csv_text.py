r"""Reading an importer's input file as CSV text: bytes (bounded), decoded text, rows with their lines.

Shared by the CSV importers (:mod:`orggraph.importers.table`,
:mod:`orggraph.importers.organogram`) and, for the bounded read, the JSON
readers.

Examples
--------
>>> list(records(decode("id;navn\n1;Ishøj\n".encode("cp1252"), file="x.csv"), file="x.csv", delimiter=";"))
[(1, ['id', 'navn']), (2, ['1', 'Ishøj'])]
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator

from orggraph import files
from orggraph.errors import OrgDataError, Problem
from orggraph.files import read_bounded, stream_problem
from orggraph.importers.report import Repair

__all__ = ["MAX_STREAM_BYTES", "decode", "read_bytes", "read_text", "records"]


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

    Parameters
    ----------
    path : str or os.PathLike
        The file to read.
    encoding : str, optional
        The file's encoding; by default UTF-8, falling back to Windows-1252
        (reported).
    report : list of Repair, optional
        Where the fallback is reported.

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


MAX_STREAM_BYTES = files.MAX_STREAM_BYTES
"""The most bytes read from something that is not a regular file (a pipe, a device): ``/dev/zero`` never ends."""


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file; a pipe or device is read up to :data:`MAX_STREAM_BYTES`.

    Parameters
    ----------
    path : str or os.PathLike
        The file (or pipe or device) to read.

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
        data = read_bounded(file, MAX_STREAM_BYTES)
    except OSError as error:
        raise OrgDataError([Problem(file, 0, 0, "", f"cannot read the file: {error.strerror or error}")]) from None
    if data is None:
        raise OrgDataError([stream_problem(file, MAX_STREAM_BYTES, "give a data file")])
    return data


def records(text: str, *, file: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    r"""The rows of CSV text, each with the line it starts on (1-based).

    Blank lines give empty rows; a quoted value may span lines.

    Parameters
    ----------
    text : str
        The CSV text, decoded.
    file : str
        The file name, for messages.
    delimiter : str, default ","
        The field separator (``";"`` is common in Danish exports).

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
