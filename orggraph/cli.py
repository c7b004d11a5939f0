"""The ``orggraph`` command line: its parser, and :func:`main`, which turns errors into exit codes.

What each command does is in :mod:`orggraph.cli_commands`, how files are
checked and written in :mod:`orggraph.cli_files`, how tables are printed in
:mod:`orggraph.cli_format`; all three are a thin layer over the library.

Every command reads an organisation file (YAML or JSON) and prints plain
text; a command that prints a table also writes CSV or JSON (``--format``,
see :mod:`orggraph.cli_format`). Exit codes: 0 when all is well, 1 when
``validate`` or ``lint`` finds problems of severity error (or warnings, with
``--strict``), 2 for bad input: a file with errors (each printed as
``file:line:column: path: message`` on standard error, without a traceback),
an unknown post or topic (with close matches), a bad option, a file that
cannot be read or written (see :mod:`orggraph.cli_files`).

Examples
--------
>>> main(["forums", "orggraph/example.yaml", "finance director"])
Forums of Finance Director (cfo):
  Management Meeting (board): member
  All-hands (all-hands): member, rotating chair
0
>>> main(["decides", "orggraph/example.yaml", "dismissal", "--subject", "technician"])  # doctest: +ELLIPSIS
Site Lead, approved by Operations Director (for Technician) — rule: ...
0
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, NoReturn

from orggraph import cli_commands
from orggraph.cli_commands import EXPORT_FORMATS, RUNS
from orggraph.cli_files import MIN_DPI, PICTURE_FORMATS, dpi, encoding
from orggraph.cli_format import add_format_options
from orggraph.errors import OrgDataError, OrgGraphError

__all__ = ["COMMANDS", "build_parser", "main", "run"]

COMMANDS: tuple[str, ...] = (
    "validate",
    "summary",
    "chart",
    "forum-chart",
    "wheel",
    "decides",
    "forums",
    "spans",
    "meeting-load",
    "metrics",
    "lint",
    "import",
    "export",
    "schema",
    "new",
    "trend",
    "changes",
)
"""The commands of ``orggraph``, in the order ``--help`` lists them."""

# -- the parser ------------------------------------------------------------------------------------

_FILE_HELP = "an organisation YAML or JSON file"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line: the error and where to look."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


class _TopHelp(argparse.RawDescriptionHelpFormatter):
    """The top-level help: the command names in one column wide enough for ``meeting-load``."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=24)


def _command(
    commands: Any, name: str, summary: str, examples: str, *, run: str | None = None
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=textwrap.fill(summary[0].upper() + summary[1:] + ".", 88),
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples.strip().splitlines()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=RUNS[run or name])
    return parser


def _lint_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too, not only on errors")
    parser.add_argument(
        "--select", nargs="+", metavar="CHECK", help="run only these checks: codes (OG301), names or severities"
    )
    parser.add_argument("--ignore", nargs="+", metavar="CHECK", help="leave these checks out")


def _picture_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help=_FILE_HELP)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        help=f"the picture file; its suffix gives the format ({', '.join(PICTURE_FORMATS)}; no suffix: .png)",
    )
    parser.add_argument(
        "--dpi", type=dpi, default=150, help=f"resolution of a PNG, JPEG, ... (default 150, at least {MIN_DPI})"
    )
    parser.add_argument("--title", help="the heading (default: the organisation's name)")


def _positive(text: str) -> int:
    """A count option: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"give a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"give a number of at least 1, not {text!r}")
    return value


def _add_commands(commands: Any) -> None:
    p = _command(
        commands,
        "validate",
        "check an organisation file: data errors (exit 2) and lint findings of severity error (exit 1)",
        "orggraph validate data/ishoj.yaml\norggraph validate --strict data/roskilde.yaml",
    )
    p.add_argument("file", help=_FILE_HELP)
    p.add_argument("--all", action="store_true", help="also print findings of severity info")
    _lint_options(p)

    p = _command(
        commands,
        "summary",
        "print a summary of an organisation file: counts, the top, the forums",
        "orggraph summary data/ishoj.yaml",
    )
    p.add_argument("file", help=_FILE_HELP)

    p = _command(
        commands,
        "chart",
        "draw the org chart to a PNG, SVG or PDF file, or an interactive HTML page",
        "orggraph chart data/roskilde.yaml -o roskilde.png\n"
        "orggraph chart data/roskilde.yaml -o afdeling.svg --root afdelingschef --depth 2\n"
        'orggraph chart data/ishoj.yaml -o ishoj.pdf --highlight kommunaldirektør "Direktør"\n'
        "orggraph chart data/roskilde.yaml -o roskilde.html      # interactive: open, close, search, details",
    )
    _picture_options(p)
    p.add_argument("--root", help="draw only this post or unit and those below it (an id or a name)")
    p.add_argument("--depth", type=_positive, help="collapse the chart below this many levels")
    p.add_argument("--highlight", nargs="+", metavar="NODE", help="posts or units to highlight (ids or names)")
    p.add_argument(
        "--html", action="store_true", help="write the interactive HTML chart (also chosen by an .html or .htm output)"
    )

    p = _command(
        commands,
        "forum-chart",
        "draw who takes part in which forum (a post x forum matrix) to a picture file",
        "orggraph forum-chart data/ishoj.yaml -o ishoj-forums.png\n"
        "orggraph forum-chart data/roskilde.yaml -o direktion.svg --forums direktionsmoeder chefforum",
    )
    _picture_options(p)
    p.add_argument("--forums", nargs="+", metavar="FORUM", help="only these forums, in this order (ids or names)")
    p.add_argument("--no-meetings", action="store_true", help="leave out the row of meetings a year")
    p.add_argument("--max-rows", type=_positive, default=120, help="at most this many posts (default 120)")

    p = _command(
        commands,
        "wheel",
        "draw the annual wheel (årshjul) of the organisation's events to a picture file",
        "orggraph wheel data/roskilde.yaml -o aarshjul.png\n"
        "orggraph wheel data/ishoj.yaml -o aarshjul.pdf --colour-by topic",
    )
    _picture_options(p)
    p.add_argument(
        "--colour-by",
        choices=("forum_or_topic", "forum", "topic"),
        default="forum_or_topic",
        help="what an event's colour shows (default forum_or_topic)",
    )

    p = _command(
        commands,
        "decides",
        "say who decides a topic, on what authority, for a subject",
        "orggraph decides data/roskilde.yaml afskedigelse --subject afdelingschef\n"
        "orggraph decides data/roskilde.yaml styregruppe-tvaergaaende-projekter --attr duration_years=2\n"
        "orggraph decides data/roskilde.yaml afskedigelse --subject institutionsleder --format json",
    )
    p.add_argument("file", help=_FILE_HELP)
    p.add_argument("topic", help="a topic id or name")
    p.add_argument("--subject", help="the post the decision is about (whose hiring, whose dismissal?)")
    p.add_argument(
        "--attr",
        action="append",
        metavar="KEY=VALUE",
        help="an attribute of the subject, e.g. duration_years=2 (numbers, true/false and none are typed)",
    )
    add_format_options(p, table="the answer and its derivation; csv and json one row per decision")

    p = _command(
        commands,
        "forums",
        "list the forums a post takes part in, with its role in each",
        "orggraph forums data/ishoj.yaml centerchef\n"
        'orggraph forums data/roskilde.yaml "Direktør for By, Kultur og Miljø"\n'
        "orggraph forums data/ishoj.yaml kommunaldirektør --format csv",
    )
    p.add_argument("file", help=_FILE_HELP)
    p.add_argument("post", help="a post id or name")
    add_format_options(p, table="a list")

    p = _command(
        commands,
        "spans",
        "print the span of control of every post",
        "orggraph spans data/roskilde.yaml\n"
        "orggraph spans data/roskilde.yaml --csv > spans.csv\n"
        "orggraph spans data/ishoj.yaml --format json",
    )
    p.add_argument("file", help=_FILE_HELP)
    add_format_options(p)

    p = _command(
        commands,
        "meeting-load",
        "print the forums, meetings and hours a year of every post (or of every forum)",
        "orggraph meeting-load data/ishoj.yaml\n"
        "orggraph meeting-load data/roskilde.yaml --no-guests --csv > load.csv\n"
        "orggraph meeting-load data/roskilde.yaml --per forum",
    )
    p.add_argument("file", help=_FILE_HELP)
    p.add_argument("--per", choices=("post", "forum"), default="post", help="a row per post (default) or forum")
    p.add_argument("--no-guests", action="store_true", help="count posts' forums without those they attend as guests")
    add_format_options(p)

    p = _command(
        commands,
        "metrics",
        "print key figures of spans, layers and meeting load",
        "orggraph metrics data/roskilde.yaml\norggraph metrics data/ishoj.yaml --format csv",
    )
    p.add_argument("file", help=_FILE_HELP)
    add_format_options(p, table="a paragraph and the figures; csv and json one row of figures")

    p = _command(
        commands,
        "lint",
        "list governance findings: gaps, contradictions, documented unknowns",
        "orggraph lint data/ishoj.yaml\n"
        "orggraph lint data/roskilde.yaml --select warning --ignore OG304\n"
        "orggraph lint data/roskilde.yaml --format csv > findings.csv",
    )
    p.add_argument("file", help=_FILE_HELP)
    _lint_options(p)
    add_format_options(p, table="one finding a line with its source")

    _add_import(commands)

    p = _command(
        commands,
        "export",
        "convert an organisation to YAML, node-link JSON, GraphML, GEXF, Mermaid or ORG Turtle",
        "orggraph export data/ishoj.yaml --to graphml -o ishoj.graphml\n"
        "orggraph export data/roskilde.yaml --to mermaid\n"
        "orggraph export data/roskilde.yaml --to ttl -o roskilde.ttl   # needs orggraph[rdf]",
    )
    p.add_argument("file", help=_FILE_HELP)
    p.add_argument("--to", required=True, choices=EXPORT_FORMATS, help="the format")
    p.add_argument("-o", "--output", help="the file to write (default: standard output)")

    p = _command(
        commands,
        "schema",
        "print the JSON Schema of the organisation file format (for editors)",
        "orggraph schema -o orggraph.schema.json",
    )
    p.add_argument("-o", "--output", help="the file to write (default: standard output)")

    p = _command(
        commands,
        "new",
        "write a commented starter file for a new organisation; it loads and lints clean as it is",
        'orggraph new "Nordby Water"                 # writes nordby-water.yaml\n'
        'orggraph new "Nordby Water" -o org.yaml\n'
        'orggraph new "Nordby Water" -o -           # to standard output',
    )
    p.add_argument("name", help="the organisation's name (its id is the name as a slug)")
    p.add_argument("-o", "--output", help="the file to write (default: the name's slug + .yaml; '-': standard output)")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")

    from orggraph import timeline_cli

    p = _command(
        commands,
        "trend",
        "print key figures per snapshot: posts, FTE, vacancies, top posts, layers, spans, grades",
        "orggraph trend dept-*-senior.csv dept-*-junior.csv\n"
        "orggraph trend versions.yaml --at 2011-03-31 2011-04-01 --format csv",
    )
    timeline_cli.add_trend_arguments(p)
    p = _command(
        commands,
        "changes",
        "list what happened to each post between two snapshots, posts matched by reference and similarity",
        "orggraph changes dept-2013-03-31-senior.csv dept-2013-09-30-senior.csv --format csv",
    )
    timeline_cli.add_changes_arguments(p)


def _add_import(commands: Any) -> None:
    p = _command(
        commands,
        "import",
        "import an HR export, a UK organogram or Popolo JSON into an organisation YAML file",
        "orggraph import organogram dept-2012-03-31-senior.csv dept-2012-03-31-junior.csv -o dept.yaml\n"
        "orggraph import popolo ep-popolo.json -o parliament.yaml\n"
        "orggraph import csv hr.csv --delimiter ';' --column id=Stilling --column manager_id=Leder -o hr.yaml",
    )
    sources = p.add_subparsers(dest="source", required=True, metavar="FORMAT")
    organogram = _command(
        sources,
        "organogram",
        "import a UK government organogram: the senior-staff CSV and, optionally, the junior-staff CSV "
        "of the same body and date; what was repaired is reported on standard error",
        "orggraph import organogram hmt-2011-09-30-senior.csv hmt-2011-09-30-junior.csv -o hmt.yaml\n"
        "orggraph import organogram hmt-2011-09-30-senior.csv --strict -o hmt.yaml   # fail instead of repairing",
        run="import",
    )
    organogram.add_argument("senior", help="the senior-staff CSV")
    organogram.add_argument("junior", nargs="?", help="the junior-staff CSV of the same body and date")
    organogram.add_argument("--strict", action="store_true", help="fail instead of repairing the data")
    popolo = _command(
        sources,
        "popolo",
        "import Popolo JSON (people, organisations, memberships, posts), e.g. from EveryPolitician",
        "orggraph import popolo ep-popolo.json -o parliament.yaml\n"
        "orggraph import popolo ep-popolo.json > parliament.yaml",
        run="import",
    )
    popolo.add_argument("file", help="the Popolo JSON file")
    table = _command(
        sources,
        "csv",
        "import an HR export, one employee or post a row: employee name, job title, manager id, department, "
        "FTE, cost (common headers are recognised; --column maps others onto these fields)",
        "orggraph import csv hr.csv -o hr.yaml\n"
        "orggraph import csv hr.csv --delimiter ';' --column id=Stilling --column manager_id=Leder -o hr.yaml\n"
        "orggraph import csv hr.csv --encoding cp1252 --name 'Ishøj Kommune' --strict -o ishoj.yaml",
        run="import",
    )
    table.add_argument("file", help="the CSV file")
    excel = _command(
        sources,
        "excel",
        "import an HR export from a spreadsheet (.xlsx), read like 'import csv'; needs orggraph[excel]",
        "orggraph import excel hr.xlsx -o hr.yaml\n"
        "orggraph import excel hr.xlsx --sheet Ark1 --column id=Medarbejdernr -o hr.yaml",
        run="import",
    )
    excel.add_argument("file", help="the spreadsheet")
    excel.add_argument("--sheet", default=0, help="the sheet's name (default: the first)")
    for sub in (table, excel):
        sub.add_argument(
            "--column",
            action="append",
            metavar="FIELD=HEADER",
            help="the header of a field (id, post, holder, type, manager_id, unit, fte, cost, grade), e.g. id=Stilling",
        )
        sub.add_argument("--name", help="the organisation's name (default: the file name)")
        sub.add_argument("--strict", action="store_true", help="fail instead of repairing the data")
    table.add_argument("--delimiter", default=",", help="the field separator (default ',')")
    table.add_argument(
        "--encoding", type=encoding, help="the file's encoding (default UTF-8, falling back to Windows-1252)"
    )
    for sub in (organogram, popolo, table, excel):
        sub.add_argument("-o", "--output", help="the YAML file to write (default: standard output)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``orggraph`` command.

    Examples
    --------
    >>> parser = build_parser()
    >>> parser.prog
    'orggraph'
    >>> parser.parse_args(["export", "data/ishoj.yaml", "--to", "mermaid"]).to
    'mermaid'
    """
    parser = _Parser(
        prog="orggraph",
        description="Query, check, draw and convert an organisation's governance.",
        epilog="examples:\n"
        "  orggraph summary data/ishoj.yaml\n"
        "  orggraph decides data/roskilde.yaml afskedigelse --subject afdelingschef\n"
        "  orggraph spans data/roskilde.yaml --format csv > spans.csv\n\n"
        "Run 'orggraph COMMAND --help' for a command's options and examples.",
        formatter_class=_TopHelp,
    )
    from orggraph import __version__

    parser.add_argument("--version", action="version", version=f"orggraph {__version__}")
    _add_commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 findings, 2 bad input).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit code.

    Examples
    --------
    >>> main(["summary", "orggraph/example.yaml"])  # doctest: +ELLIPSIS
    Acme Åkande
    ...
    0
    >>> main(["forums", "orggraph/example.yaml", "cfoo"])
    2
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else 2
    prog = " ".join(["orggraph", args.command, *([args.source] if args.command == "import" else [])])
    try:
        code: int = args.run(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except BrokenPipeError:  # the reader stopped early (orggraph lint x | head): nothing to tell it
        _discard_stdout()
        return 2
    except OrgDataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    except (OrgGraphError, argparse.ArgumentTypeError) as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # files are named by the readers and writers; what is left is standard output
        where = error.filename if error.filename else "standard output"
        print(f"{prog}: {where}: {error.strerror or error}", file=sys.stderr)
        return 2
    return code


def run() -> NoReturn:
    """The ``orggraph`` console command: :func:`main` on ``sys.argv``, then the process ends at once.

    Python would free every object the command built before exiting, one by
    one (5 s for a million posts); the organisations read are held instead
    (:data:`orggraph.cli_commands.HELD`) and, once the standard streams are
    flushed, the process ends with ``os._exit``, as mypy's command does. Files
    the command wrote are closed by then. Call :func:`main` from Python.
    """
    cli_commands.HELD = []
    code = main()
    for stream in (sys.stdout, sys.stderr):  # main has flushed and reported; a late failure has no one to tell
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _discard_stdout() -> None:
    """Point standard output at the null device, so Python's flush at exit does not fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (io.UnsupportedOperation is both)
        pass


if __name__ == "__main__":
    run()
