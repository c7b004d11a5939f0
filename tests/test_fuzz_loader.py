"""Fuzzing the YAML loader: mutated shipped files end in our located error or load, never in a crash.

Each mutation is seeded, so a failure names the seed that reproduces it
(``mutate(text, random.Random(seed))``). The mutations aim at what broke
before (issue 12): timestamps and other tags, huge and odd numbers, dates that
are not dates, merge keys, anchors and aliases, deep nesting, broken syntax.
A document that still loads is also read by the views that once overflowed on
huge numbers (repr, summary, spans, layers, meeting load, lint, Mermaid).
``scripts/fuzz_campaign.py`` runs the same mutations by the ten thousand.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import orggraph
from orggraph.errors import OrgDataError

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "data" / "ishoj.yaml", ROOT / "data" / "roskilde.yaml", ROOT / "orggraph" / "example.yaml"]

ODD_VALUES = [
    "!!timestamp nonsense",
    "!!timestamp 2020-13-45",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system [echo]",
    "!custom x",
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "1" + "0" * 400,
    "-1" + "0" * 30,
    "9" * 5000,
    "1e400",
    "1.0e+400",
    ".nan",
    "-.inf",
    "0x" + "f" * 300,
    "2016-13-45",
    "2016-99-99",
    "'２０１６-01-01'",
    "2015-02-29",
    "*undefined",
    "&a [*a]",
    "[" * 300 + "]" * 300,
    "{<<: {x: 1}}",
    "~",
    "''",
    "[]",
    "{}",
    "yes",
    "-0",
    "1_000",
    "'ø\u2028'",
]
ODD_LINES = [
    "<<: *anchor",
    "x: &anchor {k: v}",
    "y: *anchor",
    "---",
    "? [a]\n: b",
    "\tkey: value",
    "key: value: other",
    "- dangling",
    "%YAML 1.1",
]


def mutate(text: str, rng: random.Random) -> str:
    """One to three random edits of a YAML text."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        where = rng.randrange(len(lines))
        action = rng.randrange(6)
        line = lines[where]
        if action == 0 and ": " in line:  # replace a value
            key = line[: line.index(": ") + 2]
            lines[where] = key + rng.choice(ODD_VALUES)
        elif action == 1:  # insert an odd line at the same indentation
            indent = line[: len(line) - len(line.lstrip())]
            lines.insert(where, indent + rng.choice(ODD_LINES))
        elif action == 2:  # delete lines
            del lines[where : where + rng.randint(1, 5)]
        elif action == 3:  # duplicate a line (duplicate keys, duplicate ids)
            lines.insert(where, line)
        elif action == 4 and line:  # cut a line in two
            cut = rng.randrange(len(line))
            lines[where : where + 1] = [line[:cut], line[cut:]]
        else:  # put an odd value where a list item was
            lines[where] = line.replace("- ", "- " + rng.choice(ODD_VALUES) + " ", 1)
        if not lines:
            lines = [""]
    return "\n".join(lines)


def outcome(text: str) -> str:
    """'loaded' or 'refused'; any exception other than our own fails the test."""
    try:
        org = orggraph.loads(text, name="fuzz.yaml")
    except OrgDataError as error:
        for problem in error.problems:
            assert problem.file == "fuzz.yaml"
            assert problem.line >= 1
            assert problem.column >= 1
            assert problem.message
        return "refused"
    repr(org)
    org.summary()
    org.span_of_control()
    org.layers()
    org.meeting_load()
    org.lint()
    org.to_mermaid()
    return "loaded"


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_mutated_shipped_files_load_or_give_our_located_error(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    seen = {"loaded": 0, "refused": 0}
    for seed in range(40):
        mutated = mutate(text, random.Random(f"{path.name}:{seed}"))
        try:
            seen[outcome(mutated)] += 1
        except Exception as error:  # pragma: no cover - the message names the seed that reproduces it
            raise AssertionError(f"{path.name} seed {seed}: {type(error).__name__}: {error}") from error
    assert seen["refused"] > 0  # the mutations do reach the checks


@pytest.mark.parametrize("value", ODD_VALUES)
def test_every_odd_value_in_every_place_of_a_post_is_our_error_or_loads(value: str) -> None:
    for key in ("name", "headcount", "reports_to", "holders", "attributes", "top"):
        text = f"organisation: {{id: x, name: X}}\nposts:\n  - id: p\n    name: P\n    top: true\n    {key}: {value}\n"
        outcome(text)
