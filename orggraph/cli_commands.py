"""What each ``orggraph`` command does, once :mod:`orggraph.cli` has parsed its arguments.

:data:`RUNS` maps a command's name to its function: it takes the parsed
``argparse.Namespace`` and returns the exit code (0 ok, 1 lint findings).
Bad input raises a member of the error family (or
``argparse.ArgumentTypeError`` for a bad option value), which
:func:`orggraph.cli.main` prints as one line with exit code 2.

Examples
--------
>>> import argparse
>>> RUNS["summary"](argparse.Namespace(file="orggraph/example.yaml"))  # doctest: +ELLIPSIS
Acme Åkande
...
0
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from orggraph.cli_files import CommandLineError, check_input, picture_target, save_picture, write_text
from orggraph.cli_format import render
from orggraph.errors import UnknownNodeError
from orggraph.org import Org
from orggraph.org import load as _load
from orggraph.text import fold

if TYPE_CHECKING:
    import pandas as pd

    from orggraph.decisions import Decision, SubjectError
    from orggraph.lint import Findings
    from orggraph.render.picture import Picture

__all__ = ["EXPORT_FORMATS", "RUNS", "value"]

EXPORT_FORMATS = ("yaml", "json", "graphml", "gexf", "mermaid", "ttl")


HELD: list[Org] | None = None
"""The organisations the commands read, while :func:`orggraph.cli.run` runs the console command.

Python frees everything a command built, object by object, when the command
returns: seconds for a million posts. The console command holds them here
and ends the process without that (after flushing its output); a Python
caller of :func:`orggraph.cli.main` leaves this None, and nothing is held."""


def hold(org: Org) -> Org:
    """Hold ``org`` in :data:`HELD` when the console command runs (else do nothing); return it.

    Examples
    --------
    >>> hold(load("orggraph/example.yaml")).title, HELD
    ('Acme Åkande', None)
    """
    if HELD is not None:
        HELD.append(org)
    return org


def load(path: str) -> Org:
    """:func:`orggraph.load` after :func:`~orggraph.cli_files.check_input` (no device, no huge file).

    Examples
    --------
    >>> load("orggraph/example.yaml").title
    'Acme Åkande'
    """
    return hold(_load(check_input(path)))


def _print_table(frame: pd.DataFrame, args: argparse.Namespace) -> None:
    text = render(frame, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def value(text: str) -> str | int | float | bool | None:
    """A ``--attr`` value: a number, true/false, none, or else the text itself.

    ``nan``, ``inf`` and numbers too large for a float stay text: a condition
    compares them with nothing sensibly.

    Parameters
    ----------
    text : str
        The value as typed after ``--attr name=``.

    Examples
    --------
    >>> value("2"), value("0.5"), value("False"), value("none"), value("Ærø"), value("1e999")
    (2, 0.5, False, None, 'Ærø', '1e999')
    """
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("none", "null"):
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _pairs(items: Sequence[str] | None, option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise argparse.ArgumentTypeError(f"{option} takes key=value, not {item!r}")
        pairs[key.strip()] = value
    return pairs


# -- commands --------------------------------------------------------------------------------------


def _findings(org: Org, args: argparse.Namespace) -> tuple[Findings, int]:
    findings = org.lint(select=args.select, ignore=args.ignore or ())  # OptionError for an unknown check
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
    if args.format != "table":
        _print_table(findings.to_frame(), args)
        return code
    for finding in findings:
        print(f"{args.file}: {finding}")
        if finding.source:
            print(f"    source: {finding.source}")
    print(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {_counts(findings)}")
    return code


def _summary(args: argparse.Namespace) -> int:
    print(load(args.file).summary())
    return 0


def _draw(args: argparse.Namespace, draw: Callable[[Org], Picture]) -> int:
    """Check where the picture goes, load, draw, write, and say exactly which file was written."""
    path, fmt = picture_target(args.output)  # before the drawing, which can take a while
    picture = draw(load(args.file))
    save_picture(picture, path, fmt, args.dpi)
    print(f"wrote {path}")
    return 0


def _chart(args: argparse.Namespace) -> int:
    def options(org: Org) -> dict[str, Any]:
        chosen: dict[str, Any] = {"title": args.title}
        if args.root is not None:
            chosen["root"] = org.resolve(args.root)
        if args.depth is not None:
            chosen["depth"] = args.depth
        if args.highlight:
            chosen["highlight"] = [org.resolve(text) for text in args.highlight]
        return chosen

    if args.html or args.output.lower().endswith((".html", ".htm")):
        path = args.output if os.path.splitext(os.path.basename(args.output))[1] else args.output + ".html"
        write_text("", path)  # refuse an unwritable place before the work, naming it
        org = load(args.file)
        write_text(org.to_html(**options(org), progress=None), path)  # a bar on a terminal for a big chart
        print(f"wrote {path}")
        return 0
    return _draw(args, lambda org: org.chart(**options(org), progress=None))  # bars on a terminal


def _forum_chart(args: argparse.Namespace) -> int:
    def draw(org: Org) -> Picture:
        forums = [org.resolve(text, kind="forum") for text in args.forums] if args.forums else None
        return org.forum_chart(forums=forums, meetings=not args.no_meetings, max_rows=args.max_rows, title=args.title)

    return _draw(args, draw)


def _wheel(args: argparse.Namespace) -> int:
    return _draw(args, lambda org: org.wheel(colour_by=args.colour_by, title=args.title))


def _topic(org: Org, text: str) -> str:
    """The topic ``text`` names; when nothing matches, suggest topics by id, name or the start of either."""
    try:
        return org.resolve(text, kind="topic")
    except UnknownNodeError as error:
        if error.candidates or "did you mean" in str(error):
            raise
        key = fold(text)
        scores: dict[str, float] = {}
        for topic in org.nodes("topic"):
            for label in (fold(topic), fold(org.name(topic))):
                for target in (label, label[: len(key)]):
                    ratio = difflib.SequenceMatcher(None, key, target).ratio()
                    if len(label) >= 4:  # a longer text that starts with a topic's name or id
                        ratio = max(ratio, difflib.SequenceMatcher(None, key[: len(label)], label).ratio())
                    scores[topic] = max(scores.get(topic, 0.0), ratio)
        close = sorted((t for t, score in scores.items() if score >= 0.8), key=lambda t: -scores[t])[:3]
        if not close:
            raise
        hint = " or ".join(f"{t!r} ({org.name(t)})" for t in close)
        raise UnknownNodeError(f"{error} (did you mean {hint}?)", candidates=close) from None


def _decision_frame(decision: Decision) -> pd.DataFrame:
    import pandas as pd

    row = {
        "topic": decision.topic,
        "subject": decision.subject_text or None,
        "deciders": decision.deciders,
        "one_of": decision.one_of,
        "participants": decision.participants,
        "approvers": decision.approvers,
        "approvers_one_of": decision.approvers_one_of,
        "may_delegate_to": decision.may_delegate_to,
        "consults": decision.consults,
        "rule_id": decision.rule_id,
        "rule": decision.rule,
        "sources": decision.sources,
        "derivation": decision.derivation,
        "notes": decision.notes,
    }
    return pd.DataFrame([row]).set_index("topic")


def _decides(args: argparse.Namespace) -> int:
    from orggraph.decisions import Subject, SubjectError

    org = load(args.file)
    attributes = {key: value(text) for key, text in _pairs(args.attr, "--attr").items()}
    topic = _topic(org, args.topic)
    post = org.resolve(args.subject, kind="post") if args.subject is not None else None
    subject = Subject(post, **attributes) if post is not None or attributes else None
    try:
        decision = org.who_decides(topic, subject)
    except SubjectError as error:
        raise argparse.ArgumentTypeError(_subject_hint(error)) from None
    if args.format != "table":
        _print_table(_decision_frame(decision), args)
        return 0
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
    roles = org.forum_roles(post, possible=True)  # a possible member of a per-holder series says so
    if args.format != "table":
        import pandas as pd

        rows = [{"forum": forum, "name": org.name(forum), "roles": held} for forum, held in roles.items()]
        _print_table(pd.DataFrame(rows, columns=["forum", "name", "roles"]).set_index("forum"), args)
        return 0
    print(f"Forums of {org.name(post)} ({post}):")
    for forum, held in roles.items():
        print(f"  {org.name(forum)} ({forum}): {', '.join(held)}")
    if not roles:
        print("  none")
    return 0


def _spans(args: argparse.Namespace) -> int:
    from orggraph.grades import with_grades

    org = load(args.file)
    _print_table(with_grades(org, org.span_of_control()), args)  # with grade, unit, manager and layer
    return 0


def _meeting_load(args: argparse.Namespace) -> int:
    org = load(args.file)
    table = org.forum_load() if args.per == "forum" else org.meeting_load(include_guests=not args.no_guests)
    _print_table(table, args)
    return 0


def _metrics(args: argparse.Namespace) -> int:
    summary = load(args.file).metrics_summary()
    figures = summary.to_series()
    if args.format == "table":
        print(summary)
        print()
        print(figures.to_string())
    else:
        _print_table(figures.to_frame().T.infer_objects().reset_index(drop=True), args)
    return 0


def _import(args: argparse.Namespace) -> int:
    from orggraph import importers
    from orggraph.exporters.yaml_out import dump_yaml
    from orggraph.items import document_data

    if args.source == "organogram":
        junior = check_input(args.junior) if args.junior is not None else None
        org = importers.read_organogram(check_input(args.senior), junior, strict=args.strict, progress=None)
    elif args.source == "popolo":
        org = importers.read_popolo(check_input(args.file))
    elif args.source == "excel":
        org = importers.read_excel(
            check_input(args.file),
            sheet=args.sheet,
            columns=_pairs(args.column, "--column") or None,
            strict=args.strict,
            name=args.name,
            progress=None,  # a bar on stderr when it is a terminal
        )
    else:
        org = importers.read_csv(
            check_input(args.file),
            columns=_pairs(args.column, "--column") or None,
            strict=args.strict,
            delimiter=args.delimiter,
            encoding=args.encoding,
            name=args.name,
            progress=None,
        )
    hold(org)
    if org.import_report:
        print(org.import_report, file=sys.stderr)
    # Streamed from the graph item by item: a million posts never become one text or one document.
    data = dict(document_data(org.graph))
    if args.output is None:
        dump_yaml(data, sys.stdout)
    else:
        write_text("", args.output)  # refuse an unwritable place before the work, naming it
        try:
            dump_yaml(data, args.output, progress=None)  # a bar on a terminal while a big file is written
        except OSError as error:
            raise CommandLineError(f"cannot write {args.output}: {error.strerror or error}") from None
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
    write_text(render[args.to](), args.output)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from orggraph.schema import json_schema_text

    write_text(json_schema_text(), args.output)
    return 0


def _new(args: argparse.Namespace) -> int:
    from orggraph.starter import starter_yaml
    from orggraph.text import slug

    if args.output == "-":
        write_text(starter_yaml(args.name), None)
        return 0
    path = args.output if args.output is not None else f"{slug(args.name) or 'organisation'}.yaml"
    if not args.force and os.path.lexists(path):
        raise argparse.ArgumentTypeError(f"{path} exists; choose another -o or add --force")
    write_text(starter_yaml(args.name, file=path), path)
    print(f"wrote {path}; check it with: orggraph validate {path}")
    return 0


def _timeline_cli() -> Any:
    from orggraph import timeline_cli

    return timeline_cli


RUNS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "summary": _summary,
    "chart": _chart,
    "forum-chart": _forum_chart,
    "wheel": _wheel,
    "decides": _decides,
    "forums": _forums,
    "spans": _spans,
    "meeting-load": _meeting_load,
    "metrics": _metrics,
    "lint": _lint,
    "import": _import,
    "export": _export,
    "schema": _schema,
    "new": _new,
    "trend": lambda args: _timeline_cli().trend(args),
    "changes": lambda args: _timeline_cli().changes(args),
}
"""The function that runs each command."""
