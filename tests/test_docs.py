"""The README documents every command of the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orggraph.cli import COMMANDS, build_parser

README = Path(__file__).resolve().parent.parent / "README.md"


def command_line_section() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Command line\n(.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match is not None, "README.md has no '## Command line' section"
    return match.group(1)


def test_commands_match_the_parser() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert tuple(subparsers.choices) == COMMANDS  # type: ignore[arg-type]


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_the_command(command: str) -> None:
    assert re.search(rf"\borggraph {command}\b", command_line_section()), (
        f"README.md's '## Command line' section does not show 'orggraph {command}'"
    )


def test_readme_counts_the_lint_checks() -> None:
    from orggraph.lint import CHECKS

    assert f"`lint()`: {len(CHECKS)} documented checks" in README.read_text(encoding="utf-8")
