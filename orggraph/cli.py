"""The ``orggraph`` command line: a thin layer that only translates library errors.

Examples
--------
>>> main(["summary", "--help"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from orggraph.errors import OrgGraphError
from orggraph.org import load

__all__ = ["main"]


def _summary(args: argparse.Namespace) -> int:
    print(load(args.file).summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``orggraph`` command.

    Examples
    --------
    >>> build_parser().prog
    'orggraph'
    """
    parser = argparse.ArgumentParser(prog="orggraph", description="Query and draw an organisation's governance.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    summary = commands.add_parser(
        "summary",
        help="print a summary of an organisation file",
        description="Print a summary of an organisation file.",
        epilog="example: orggraph summary data/ishoj.yaml",
    )
    summary.add_argument("file", help="an organisation YAML file")
    summary.set_defaults(run=_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 findings, 2 bad input).

    Examples
    --------
    >>> main(["summary", "orggraph/example.yaml"])  # doctest: +ELLIPSIS
    Acme Åkande
    ...
    0
    """
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except OrgGraphError as error:
        print(f"orggraph: {error}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
