"""Tables for the command line: one DataFrame printed as an aligned table, CSV or JSON.

Every ``orggraph`` command that prints a table takes ``--format table|csv|json``
and hands its DataFrame to :func:`render`. CSV and JSON are for programs: a
named index becomes the first column, list cells are joined with ``" | "`` in
CSV and stay lists in JSON, missing values are empty in CSV and ``null`` in
JSON, and both read back with ``pandas.read_csv`` and ``pandas.read_json``.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"name": ["Direktør", "Chef"], "span": [2, None]}, index=pd.Index(["a", "b"], name="post"))
>>> print(render(frame, "csv"), end="")
post,name,span
a,Direktør,2.0
b,Chef,
>>> print(render(frame, "json"))
[{"post":"a","name":"Direktør","span":2.0},{"post":"b","name":"Chef","span":null}]
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "Format", "add_format_options", "render"]

Format = Literal["table", "csv", "json"]
FORMATS: tuple[Format, ...] = ("table", "csv", "json")
"""The output formats of a table, the first the default."""


def add_format_options(parser: argparse.ArgumentParser, *, table: str = "an aligned table") -> None:
    """Add ``--format table|csv|json`` and its short forms ``--csv`` and ``--json`` to a command.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser; the choice lands in ``args.format``.
    table : str
        What the default format prints, for the help text.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_format_options(parser)
    >>> [parser.parse_args(argv).format for argv in ([], ["--json"], ["--format", "csv"])]
    ['table', 'json', 'csv']
    """
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help=f"table prints {table} (the default); csv and json are for programs and pandas",
    )
    group.add_argument("--csv", dest="format", action="store_const", const="csv", help="short for --format csv")
    group.add_argument("--json", dest="format", action="store_const", const="json", help="short for --format json")


def render(frame: pd.DataFrame, fmt: Format) -> str:
    """A DataFrame as text in one of :data:`FORMATS`; CSV ends with a newline, JSON and tables do not.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; a named index (``post``) is written as the first column.
    fmt : {"table", "csv", "json"}
        An aligned table for reading, CSV, or JSON: a list of one object per row.

    Returns
    -------
    str

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"forum": ["board"], "roles": [["member", "chair"]]})
    >>> print(render(frame, "table"))
       forum          roles
    0  board  member, chair
    >>> print(render(frame, "csv"), end="")
    forum,roles
    board,member | chair
    >>> render(frame, "json")
    '[{"forum":"board","roles":["member","chair"]}]'
    >>> print(render(frame.iloc[:0], "table"))
    (no rows)
    """
    if fmt == "json":
        named = frame.reset_index() if _named_index(frame) else frame
        text: str = named.to_json(orient="records", force_ascii=False, date_format="iso", double_precision=15)
        return text
    if fmt == "csv":
        return str(_joined(frame, " | ").to_csv(index=_named_index(frame), lineterminator="\n"))
    if frame.empty:
        return "(no rows)"
    return str(_joined(frame, ", ").to_string())


def _named_index(frame: pd.DataFrame) -> bool:
    return any(name is not None for name in frame.index.names)


def _joined(frame: pd.DataFrame, separator: str) -> pd.DataFrame:
    """The frame with list and tuple cells joined into text (a CSV cell holds one value)."""
    listy = [
        column
        for column in frame.columns
        if frame[column].dtype == object and frame[column].map(lambda v: isinstance(v, (list, tuple))).any()
    ]
    if not listy:
        return frame
    joined = frame.copy()
    for column in listy:
        joined[column] = frame[column].map(
            lambda v: separator.join(str(x) for x in v) if isinstance(v, (list, tuple)) else v
        )
    return joined
