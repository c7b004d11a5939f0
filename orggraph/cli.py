"""The ``orggraph`` command line: a thin layer over the library that only translates its errors.

Every command reads an organisation file (YAML or JSON) and prints plain
text. Exit codes: 0 when all is well, 1 when ``validate`` or ``lint`` finds
problems of severity error (or warnings, with ``--strict``), 2 for bad input:
a file with errors (each printed as ``file:line:column: path: message`` on
standard error, without a traceback), an unknown post or topic (with close
matches), or a bad option.

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
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from orggraph.errors import OrgDataError, OrgGraphError
from orggraph.org import Org, load

if TYPE_CHECKING:
    from orggraph.decisions import SubjectError

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS: tuple[str, ...] = (
    "validate",
    "summary",
    "chart",
    "decides",
    "forums",
    "spans",
    "lint",
    "import",
    "export",
    "schema",
)
"""The commands of ``orggraph``, in the order ``--help`` lists them."""

_EXPORT_FORMATS = ("yaml", "json", "graphml", "gexf", "mermaid", "ttl")


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)


def _value(text: str) -> str | int | float | bool | None:
    """A ``--attr`` value: a number, true/false, none, or else the text itself."""
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("none", "null"):
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _pairs(items: Sequence[str] | None, option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise argparse.ArgumentTypeError(f"{option} takes key=value, not {item!r}")
        pairs[key.strip()] = value
    return pairs


# -- commands --------------------------------------------------------------------------------------


def _findings(org: Org, args: argparse.Namespace) -> tuple[list[Any], int]:
    findings = list(org.lint(select=args.select, ignore=args.ignore or ()))  # OptionError for an unknown check
    failing = {"error", "warning"} if args.strict else {"error"}
    return findings, 1 if any(f.severity in failing for f in findings) else 0


def _counts(findings: Sequence[Any]) -> str:
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "info")}
    return ", ".join(f"{n} {severity}{'s' if n != 1 and severity != 'info' else ''}" for severity, n in counts.items())


def _validate(args: argparse.Namespace) -> int:
    org = load(args.file)
    findings, code = _findings(org, args)
    shown = {"error", "warning"} if not args.all else {"error", "warning", "info"}
    for finding in findings:
        if finding.severity in shown:
            print(f"{args.file}: {finding}")
    verdict = "valid" if code == 0 else "invalid"
    print(f"{args.file}: {verdict} ({org.title}); lint: {_counts(findings)}")
    return code


def _lint(args: argparse.Namespace) -> int:
    org = load(args.file)
    findings, code = _findings(org, args)
    for finding in findings:
        print(f"{args.file}: {finding}")
        if finding.source:
            print(f"    source: {finding.source}")
    print(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {_counts(findings)}")
    return code


def _summary(args: argparse.Namespace) -> int:
    print(load(args.file).summary())
    return 0


def _chart(args: argparse.Namespace) -> int:
    org = load(args.file)
    options: dict[str, Any] = {}
    if args.root is not None:
        options["root"] = org.resolve(args.root)
    if args.depth is not None:
        options["depth"] = args.depth
    if args.highlight:
        options["highlight"] = [org.resolve(text) for text in args.highlight]
    picture = org.chart(**options)
    picture.savefig(args.output, dpi=args.dpi)
    print(f"wrote {args.output}")
    return 0


def _decides(args: argparse.Namespace) -> int:
    from orggraph.decisions import Subject, SubjectError

    org = load(args.file)
    attributes = {key: _value(value) for key, value in _pairs(args.attr, "--attr").items()}
    post = org.resolve(args.subject, kind="post") if args.subject is not None else None
    subject = Subject(post, **attributes) if post is not None or attributes else None
    try:
        decision = org.who_decides(args.topic, subject)
    except SubjectError as error:
        raise argparse.ArgumentTypeError(_subject_hint(error)) from None
    print(decision.explain())
    for source in decision.sources[1:]:
        print(f"  source: {source}")
    return 0


def _subject_hint(error: SubjectError) -> str:
    """A SubjectError's reason with an example in options (``--subject``, ``--attr``) instead of Python."""
    options = ["--subject POST"] if error.needs_post else []
    if error.missing:
        options.append(" ".join(f"--attr {name}=..." for name in error.missing))
    if not options or error.example is None:
        return str(error)
    return f"{error.reason}, e.g. {' or '.join(options)}"


def _forums(args: argparse.Namespace) -> int:
    org = load(args.file)
    post = org.resolve(args.post, kind="post")
    print(f"Forums of {org.name(post)} ({post}):")
    roles = org.forum_roles(post)
    for forum, held in roles.items():
        print(f"  {org.name(forum)} ({forum}): {', '.join(held)}")
    if not roles:
        print("  none")
    return 0


def _spans(args: argparse.Namespace) -> int:
    table = load(args.file).span_of_control()
    if args.csv:
        sys.stdout.write(table.to_csv())
    else:
        print(table.to_string())
    return 0


def _import(args: argparse.Namespace) -> int:
    from orggraph import importers

    if args.source == "organogram":
        org = importers.read_organogram(args.senior, args.junior, strict=args.strict, progress=None)
    elif args.source == "popolo":
        org = importers.read_popolo(args.file)
    else:
        org = importers.read_csv(
            args.file,
            columns=_pairs(args.column, "--column") or None,
            strict=args.strict,
            delimiter=args.delimiter,
            encoding=args.encoding,
            name=args.name,
            progress=None,  # a bar on stderr when it is a terminal
        )
    if org.import_report:
        print(org.import_report, file=sys.stderr)
    _write(org.to_yaml(), args.output)
    if args.output is not None:
        print(f"wrote {args.output}: {org!r}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    org = load(args.file)
    render: dict[str, Callable[[], str]] = {
        "yaml": org.to_yaml,
        "json": org.to_json,
        "graphml": org.to_graphml,
        "gexf": org.to_gexf,
        "mermaid": org.to_mermaid,
        "ttl": org.to_turtle,
    }
    _write(render[args.to](), args.output)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from orggraph.schema import json_schema_text

    _write(json_schema_text(), args.output)
    return 0


# -- the parser ------------------------------------------------------------------------------------


def _command(
    commands: Any, name: str, run: Callable[[argparse.Namespace], int], summary: str, examples: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples.strip().splitlines()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    return parser


def _lint_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too, not only on errors")
    parser.add_argument(
        "--select", nargs="+", metavar="CHECK", help="run only these checks: codes (OG301), names or severities"
    )
    parser.add_argument("--ignore", nargs="+", metavar="CHECK", help="leave these checks out")


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
    parser = argparse.ArgumentParser(
        prog="orggraph",
        description="Query, check, draw and convert an organisation's governance.",
        epilog="Run 'orggraph COMMAND --help' for a command's options and examples.",
    )
    from orggraph import __version__

    parser.add_argument("--version", action="version", version=f"orggraph {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _command(
        commands,
        "validate",
        _validate,
        "check an organisation file: data errors (exit 2) and lint findings of severity error (exit 1)",
        "orggraph validate data/ishoj.yaml\norggraph validate --strict data/roskilde.yaml",
    )
    p.add_argument("file", help="an organisation YAML or JSON file")
    p.add_argument("--all", action="store_true", help="also print findings of severity info")
    _lint_options(p)

    p = _command(
        commands,
        "summary",
        _summary,
        "print a summary of an organisation file: counts, the top, the forums",
        "orggraph summary data/ishoj.yaml",
    )
    p.add_argument("file", help="an organisation YAML or JSON file")

    p = _command(
        commands,
        "chart",
        _chart,
        "draw the org chart to a PNG, SVG or PDF file",
        "orggraph chart data/roskilde.yaml -o roskilde.png\n"
        "orggraph chart data/roskilde.yaml -o afdeling.svg --root afdelingschef --depth 2\n"
        'orggraph chart data/ishoj.yaml -o ishoj.pdf --highlight kommunaldirektør "Direktør"',
    )
    p.add_argument("file", help="an organisation YAML or JSON file")
    p.add_argument("-o", "--output", required=True, help="the picture file; its suffix gives the format")
    p.add_argument("--root", help="draw only this post or unit and those below it (an id or a name)")
    p.add_argument("--depth", type=int, help="collapse the chart below this many levels")
    p.add_argument("--highlight", nargs="+", metavar="NODE", help="posts or units to highlight (ids or names)")
    p.add_argument("--dpi", type=float, default=150, help="resolution of a PNG (default 150)")

    p = _command(
        commands,
        "decides",
        _decides,
        "say who decides a topic, on what authority, for a subject",
        "orggraph decides data/roskilde.yaml afskedigelse --subject afdelingschef\n"
        "orggraph decides data/roskilde.yaml styregruppe-tvaergaaende-projekter --attr duration_years=2",
    )
    p.add_argument("file", help="an organisation YAML or JSON file")
    p.add_argument("topic", help="a topic id or name")
    p.add_argument("--subject", help="the post the decision is about (whose hiring, whose dismissal?)")
    p.add_argument(
        "--attr",
        action="append",
        metavar="KEY=VALUE",
        help="an attribute of the subject, e.g. duration_years=2 (numbers, true/false and none are typed)",
    )

    p = _command(
        commands,
        "forums",
        _forums,
        "list the forums a post takes part in, with its role in each",
        "orggraph forums data/ishoj.yaml centerchef\n"
        'orggraph forums data/roskilde.yaml "Direktør for By, Kultur og Miljø"',
    )
    p.add_argument("file", help="an organisation YAML or JSON file")
    p.add_argument("post", help="a post id or name")

    p = _command(
        commands,
        "spans",
        _spans,
        "print the span of control of every post",
        "orggraph spans data/roskilde.yaml\norggraph spans data/roskilde.yaml --csv > spans.csv",
    )
    p.add_argument("file", help="an organisation YAML or JSON file")
    p.add_argument("--csv", action="store_true", help="write CSV instead of a table")

    p = _command(
        commands,
        "lint",
        _lint,
        "list governance findings: gaps, contradictions, documented unknowns",
        "orggraph lint data/ishoj.yaml\norggraph lint data/roskilde.yaml --select warning --ignore OG304",
    )
    p.add_argument("file", help="an organisation YAML or JSON file")
    _lint_options(p)

    p = _command(
        commands,
        "import",
        _import,
        "import an HR export, a UK organogram or Popolo JSON into an organisation YAML file",
        "orggraph import organogram dept-2012-03-31-senior.csv dept-2012-03-31-junior.csv -o dept.yaml\n"
        "orggraph import popolo ep-popolo.json -o parliament.yaml\n"
        "orggraph import csv hr.csv --delimiter ';' --column id=Stilling --column manager_id=Leder -o hr.yaml",
    )
    sources = p.add_subparsers(dest="source", required=True, metavar="FORMAT")
    organogram = sources.add_parser("organogram", help="UK government organogram CSVs (senior, junior)")
    organogram.add_argument("senior", help="the senior-staff CSV")
    organogram.add_argument("junior", nargs="?", help="the junior-staff CSV of the same body and date")
    organogram.add_argument("--strict", action="store_true", help="fail instead of repairing the data")
    popolo = sources.add_parser("popolo", help="Popolo JSON: people, organisations, memberships")
    popolo.add_argument("file", help="the Popolo JSON file")
    table = sources.add_parser("csv", help="an HR export: employee, job title, manager id, department, FTE, cost")
    table.add_argument("file", help="the CSV file")
    table.add_argument(
        "--column",
        action="append",
        metavar="FIELD=HEADER",
        help="the file's header for a field (id, post, holder, type, manager_id, unit, fte, cost), e.g. id=Stilling",
    )
    table.add_argument("--delimiter", default=",", help="the field separator (default ',')")
    table.add_argument("--encoding", help="the file's encoding (default UTF-8, falling back to Windows-1252)")
    table.add_argument("--name", help="the organisation's name (default: the file name)")
    table.add_argument("--strict", action="store_true", help="fail instead of repairing the data")
    for sub in (organogram, popolo, table):
        sub.add_argument("-o", "--output", help="the YAML file to write (default: standard output)")

    p = _command(
        commands,
        "export",
        _export,
        "convert an organisation to YAML, node-link JSON, GraphML, GEXF, Mermaid or ORG Turtle",
        "orggraph export data/ishoj.yaml --to graphml -o ishoj.graphml\n"
        "orggraph export data/roskilde.yaml --to mermaid\n"
        "orggraph export data/roskilde.yaml --to ttl -o roskilde.ttl   # needs orggraph[rdf]",
    )
    p.add_argument("file", help="an organisation YAML or JSON file")
    p.add_argument("--to", required=True, choices=_EXPORT_FORMATS, help="the format")
    p.add_argument("-o", "--output", help="the file to write (default: standard output)")

    p = _command(
        commands,
        "schema",
        _schema,
        "print the JSON Schema of the organisation file format (for editors)",
        "orggraph schema -o orggraph.schema.json",
    )
    p.add_argument("-o", "--output", help="the file to write (default: standard output)")
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
    try:
        code: int = args.run(args)
    except OrgDataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    except (OrgGraphError, argparse.ArgumentTypeError) as error:
        print(f"orggraph {args.command}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"orggraph {args.command}: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
