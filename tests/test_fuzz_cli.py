"""Fuzz the command line: odd commands, flags, values and files end in exit code 0, 1 or 2, never a traceback.

Seeded, so a failure repeats: the assertion message is the argv to paste.
``ORGGRAPH_FUZZ_CASES=5000 pytest tests/test_fuzz_cli.py`` runs a longer
campaign (``ORGGRAPH_FUZZ_SEED`` another seed) with the same generator.
"""

from __future__ import annotations

import argparse
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from orggraph.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "orggraph" / "example.yaml"
SEED = int(os.environ.get("ORGGRAPH_FUZZ_SEED", "20261206"))
CASES = int(os.environ.get("ORGGRAPH_FUZZ_CASES", "150"))

BOGUS_OPTIONS = ["--nope", "-x", "--dpii", "--version", "--help"]
"""Options that no command has, or that every command answers before it runs."""


Option = tuple[str, bool, list[str]]
"""An option string, whether it takes a value, and the values it chooses from (if a closed set)."""


def command_options() -> dict[str, list[Option]]:
    """Each command's (and import format's) own options, read from the parser so new ones are fuzzed too."""
    found: dict[str, list[Option]] = {}

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        found.setdefault(name, [])
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, subparser in action.choices.items():
                    walk(subparser, f"{name} {sub}".strip())
            elif action.option_strings and "--help" not in action.option_strings:
                choices = [str(c) for c in action.choices] if action.choices else []
                found[name].extend((o, action.nargs != 0, choices) for o in action.option_strings)

    walk(build_parser(), "")
    del found[""], found["import"]
    return found


VALUES = [
    "0", "-1", "1", "3", "2.5", "nan", "inf", "-inf", "1e309", "1e6", "99999999999999999999", "", " ", "-",
    "ø", "Ærø", "x" * 300, "a=b", "=", "==", "duration_years=2", "type=", "OG301", "OG999", "error", "cycle",
    "table", "csv", "json", "yaml", "mermaid", "ttl", "pdf", "forum", "post", "topic", "true", "none",
    "ceo", "cfo", "board", "hiring", "dismissal", "technician", "cfoo", "Finance", ";", "\t", "utf-8",
    "no-such-codec", "id=Stilling", "manager_id=", "\x00", "--", "%s", "{0}", "../..", "/dev/zero",
]  # fmt: skip
"""Values for options and positional words: numbers at and past their limits, empty, odd and hostile text."""

WORDS = {
    "decides": ["hiring", "dismissal", "budget", "Recruitment", "hirng", "Annual budget"],
    "forums": ["ceo", "cfo", "technician", "Finance Director", "cfoo", "site lead"],
}
"""Topics and posts of the example organisation, and typos of them."""

CHOICES = {
    "--select": ["OG301", "warning", "cycle", "error"],
    "--ignore": ["OG202", "info"],
    "--dpi": ["72", "150", "1e4"],
    "--depth": ["1", "2"],
    "--subject": ["technician", "accountant", "cfo"],
    "--attr": ["duration_years=2", "type=technician", "reports_to=coo"],
    "--root": ["coo", "Finance"],
    "--highlight": ["cfo", "ceo"],
    "--forums": ["board", "all-hands"],
    "--delimiter": [",", ";"],
    "--column": ["id=id", "name=name"],
}
"""Values an option takes, so that most cases get past the parser into the command."""


def files(folder: Path, rng: random.Random) -> list[str]:
    """Inputs: real organisation files, mutated ones, empty, binary, a directory, devices, missing, odd names."""
    text = EXAMPLE.read_bytes()
    mutated = []
    for n in range(4):
        data = bytearray(text)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data))
            data[at : at + rng.randint(0, 3)] = bytes(rng.randrange(256) for _ in range(rng.randint(0, 3)))
        path = folder / f"mutated-{n}.yaml"
        path.write_bytes(bytes(data))
        mutated.append(str(path))
    for name, content in [
        ("empty.yaml", b""),
        (  # a forum for non-managers chaired by its manager: lint error OG205, exit code 1
            "lint-error.yaml",
            b"organisation: {id: t, name: T}\nposts:\n  - {id: chef, name: Chef, top: true}\n"
            b"  - {id: m, name: M, reports_to: chef}\nforums:\n  - {id: f, name: F, members: [chef, m],"
            b" chair: {post: m}, owner: m, constraints: [{kind: no_managers}]}\n",
        ),
        ("truncated.yaml", text[: len(text) // 3]),
        ("binary.yaml", bytes(rng.randrange(256) for _ in range(500))),
        ("latin1.yaml", "organisation: {id: x, name: Ærø}\n".encode("latin-1")),
        ("list.yaml", b"- 1\n- 2\n"),
        ("hr.csv", "id,name,manager_id\na,Direktør,\nb,Chef,a\nc,Chef,zz\n".encode()),
        ("semi.csv", b"Stilling;Navn;Leder\nA1;Direkt\xf8r;\n"),
        ("popolo.json", b'{"persons": [{"id": "p", "name": "P"}], "organizations": [], "memberships": []}'),
    ]:
        (folder / name).write_bytes(content)
        mutated.append(str(folder / name))
    (folder / "folder").mkdir()
    return [
        str(EXAMPLE),
        str(ROOT / "data" / "ishoj.yaml"),
        str(folder / "lint-error.yaml"),
        *mutated,
        str(folder / "folder"),
        str(folder / "missing.yaml"),
        "/dev/null",
        "/dev/zero",
        "",
        "-",
        "bad\x00name.yaml",
    ]


def outputs(folder: Path) -> list[str]:
    """``-o`` values, all inside ``folder``: pictures and text of every kind, no suffix, bad suffixes, a directory."""
    names = ["x.png", "x.svg", "x.pdf", "x.jpg", "x.xyz", "x.", "noext", "X.PNG", "x.yaml", "folder", "no/such/x.png"]
    return [str(folder / name) for name in names]


def argvs(folder: Path, count: int, seed: int) -> Iterator[list[str]]:
    """``count`` argument lists: mostly a command with good words and its own options, now and then anything."""
    rng = random.Random(seed)
    inputs, targets = files(folder, rng), outputs(folder)
    options = command_options()
    everything = list({option[0]: option for found in options.values() for option in found}.values())
    good = {
        "import csv": str(folder / "hr.csv"),
        "import popolo": str(folder / "popolo.json"),
        "import organogram": str(ROOT / "tests" / "data" / "organogram-flawed-senior.csv"),
    }
    for _ in range(count):
        command = rng.choice([*options, *options, "import", "nope"])
        argv = command.split()
        if command != "schema" or rng.random() < 0.1:
            right = good.get(command, str(EXAMPLE if rng.random() < 0.5 else rng.choice(inputs[:3])))
            if command in ("validate", "lint") and rng.random() < 0.4:
                right = str(folder / "lint-error.yaml")
            argv += [right] if rng.random() < 0.7 else [rng.choice(inputs) for _ in range(rng.choice([0, 1, 1, 2]))]
        if command == "import organogram" and rng.random() < 0.5:
            argv.append(str(ROOT / "tests" / "data" / "organogram-flawed-junior.csv"))
        if command in ("decides", "forums"):
            argv.append(rng.choice(WORDS[command] if rng.random() < 0.7 else VALUES))
        if command in ("chart", "forum-chart", "wheel"):
            argv += ["-o", rng.choice(targets)]
        if command == "export" and rng.random() < 0.9:
            argv += ["--to", rng.choice(["yaml", "json", "graphml", "gexf", "mermaid", "ttl", "pdf"])]
        own = options.get(command, [])
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            option, takes_value, choices = rng.choice(own) if own and rng.random() < 0.9 else rng.choice(everything)
            argv.append(option)
            if option in ("-o", "--output"):
                argv.append(rng.choice(targets))
            elif takes_value or rng.random() < 0.1:
                known = choices or CHOICES.get(option, [])
                argv.append(rng.choice(known if known and rng.random() < 0.7 else VALUES))
        if rng.random() < 0.03:
            argv.append(rng.choice(BOGUS_OPTIONS))
        yield argv


def test_the_command_line_never_crashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # a stray relative output lands here
    codes: dict[int, int] = {}
    for argv in argvs(tmp_path, CASES, SEED):
        try:
            code = main(argv)
        except BaseException as error:  # pragma: no cover - what the test is for
            raise AssertionError(f"main({argv!r}) raised {error!r}") from error
        _, err = capsys.readouterr()
        assert code in (0, 1, 2), (argv, code, err)
        assert "Traceback" not in err, (argv, err)
        if code == 2 and "--help" not in argv:
            assert err.strip(), argv  # bad input is said, not silent
        codes[code] = codes.get(code, 0) + 1
    # the generator reaches all three outcomes (a fuzzer that only hits usage errors tests little)
    assert set(codes) == {0, 1, 2}, codes
    assert not list(Path("/dev").glob("*.png"))
