"""The ``orggraph trend`` and ``orggraph changes`` commands: timelines from files, tables as text, CSV or JSON.

Files are organogram CSVs (``*-<date>-senior.csv`` with, where present, the
``*-<date>-junior.csv`` beside it) or organisation files (YAML or JSON), dated
by ``organisation.as_of`` or a ``YYYY-MM-DD`` in the file name. One
organisation file with validity dates gives a timeline at ``--at`` days (or at
every day something starts or stops holding).

Examples
--------
>>> from orggraph.cli import main
>>> main(["trend", "orggraph/example.yaml", "--at", "2024-01-01", "--metrics", "posts", "layers"])
            posts  layers
date
2024-01-01      8       5
0
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orggraph.errors import OrgDataError, Problem

if TYPE_CHECKING:
    import pandas as pd

    from orggraph.org import Org
    from orggraph.timeline import Timeline

__all__ = ["FORMATS", "add_changes_arguments", "add_trend_arguments", "changes", "read_timeline", "trend"]

FORMATS = ("table", "csv", "json")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_table(path: str) -> bool:
    return Path(path).suffix.casefold() == ".csv"


def _junior_beside(senior: str) -> str | None:
    name = Path(senior).name
    if "senior" not in name:
        return None
    junior = Path(senior).with_name(name.replace("senior", "junior"))
    return os.fspath(junior) if junior.is_file() else None


def _dated(path: str) -> tuple[Any, Org]:
    from orggraph.org import load

    org = load(path)
    found = org.document.organisation.as_of or (m.group(0) if (m := _DATE.search(Path(path).name)) else None)
    if found is None:
        hint = "give the file 'organisation: {as_of: YYYY-MM-DD}' or a date in its name"
        raise OrgDataError([Problem(path, 0, 0, "", "no date for this version", hint)])
    return found, org


def read_timeline(paths: Sequence[str], at: Sequence[str] | None = None) -> Timeline:
    """A timeline from the command line's files (see the module docstring).

    Parameters
    ----------
    paths : sequence of str
        Organogram CSVs (the ``*-senior.csv`` of each date) or organisation
        files (YAML or JSON), not both kinds.
    at : sequence of str, optional
        ``YYYY-MM-DD`` days for one organisation file with validity dates;
        by default every day something starts or stops holding.

    Raises
    ------
    OrgDataError
        For files of both kinds, a version without a date, or as the readers raise.
    """
    from orggraph.org import load
    from orggraph.timeline import read_organogram_series, timeline

    tables = [p for p in paths if _is_table(p)]
    if tables and len(tables) != len(paths):
        hint = "give organogram CSVs or organisation files, not both"
        raise OrgDataError([Problem(paths[0], 0, 0, "", "files of two kinds", hint)])
    if tables:
        return read_organogram_series(tables, progress=None)  # a bar on a terminal
    if len(paths) == 1:
        return timeline(load(paths[0]), dates=at or None)
    return timeline(dict(_dated(p) for p in paths))


def _snapshot(path: str) -> tuple[Any, Org]:
    if _is_table(path):
        from orggraph.importers import read_organogram

        found = _DATE.search(Path(path).name)
        if found is None:
            raise OrgDataError([Problem(path, 0, 0, "", "no date YYYY-MM-DD in the file name")])
        return found.group(0), read_organogram(path, _junior_beside(path))
    return _dated(path)


def _print(table: pd.DataFrame, output_format: str) -> None:
    frame = table.copy()
    frame.index = [str(i) for i in frame.index] if frame.index.name == "date" else frame.index
    frame.index.name = table.index.name
    if output_format == "csv":
        print(frame.to_csv(index=frame.index.name is not None), end="")  # no unnamed column of row numbers
    elif output_format == "json":
        frame = frame.reset_index() if frame.index.name else frame
        frame = frame.astype(object).where(frame.notna(), None)  # null, not NaN (which JSON has no word for)
        print(json.dumps(frame.to_dict("records"), ensure_ascii=False, indent=1, default=str, allow_nan=False))
    else:
        print(frame.to_string())


def trend(args: argparse.Namespace) -> int:
    """``orggraph trend FILES...``: the trend table of the snapshots.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line (see :func:`add_trend_arguments`).

    Returns
    -------
    int
        The exit status, 0.
    """
    tl = read_timeline(args.files, args.at)
    _print(tl.trend(args.metrics), args.format)
    return 0


def changes(args: argparse.Namespace) -> int:
    """``orggraph changes A B``: what happened to each post from snapshot A to snapshot B.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line (see :func:`add_changes_arguments`).

    Returns
    -------
    int
        The exit status, 0.
    """
    from orggraph.timeline import timeline

    (day_a, org_a), (day_b, org_b) = _snapshot(args.a), _snapshot(args.b)
    if day_a == day_b:
        raise OrgDataError([Problem(args.b, 0, 0, "", f"both snapshots are of {day_a}", "give two dates")])
    tl = timeline({day_a: org_a, day_b: org_b})
    a, b = sorted(tl.dates)
    table = tl.changes(a, b, min_confidence=args.min_confidence, junior=args.junior)
    if not args.all:
        table = table[table["change"] != "unchanged"]
    _print(table.reset_index(drop=True), args.format)
    return 0


def add_trend_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``orggraph trend``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The ``trend`` subcommand's parser, to add the arguments to.
    """
    parser.add_argument("files", nargs="+", help="organogram CSVs (senior and junior) or organisation files")
    parser.add_argument("--at", nargs="+", metavar="DATE", help="for one file with validity dates: the days")
    parser.add_argument("--metrics", nargs="+", metavar="METRIC", help="the columns (default: all)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="table (default), csv or json")


def add_changes_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``orggraph changes``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The ``changes`` subcommand's parser, to add the arguments to.
    """
    parser.add_argument("a", help="the earlier snapshot: a senior organogram CSV or an organisation file")
    parser.add_argument("b", help="the later snapshot")
    parser.add_argument("--all", action="store_true", help="also list unchanged posts")
    parser.add_argument("--junior", action="store_true", help="include junior staff rows")
    parser.add_argument("--min-confidence", type=float, default=0.5, help="the least match confidence (0.5)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="table (default), csv or json")
