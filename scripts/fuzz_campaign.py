"""A seeded fuzz campaign over orggraph's readers: nothing but our own errors may escape.

Each target reads one kind of file (an importer, the node-link reader, ...). The campaign
mutates the target's seed documents (the shipped test files and small generated ones) with a
seeded random generator: byte noise, line edits, odd tokens (deep nesting, huge numbers, NaN,
networkx argument names, quotes, separators) and structural edits of the parsed document
(a value replaced by an odd one, a key renamed). Every document is written to a temporary
file and read; the outcome is counted as ``loaded``, ``our error`` (an ``OrgGraphError``) or
``crash <type>``.

Run::

    .venv/bin/python scripts/fuzz_campaign.py --n 10000 --seed 1

To fuzz another reader, add a :class:`Target` to :data:`TARGETS` (a name, a file suffix, the
seed documents, the function that reads a path). The YAML loader and the CLI on YAML files are
targets too, with the YAML mutations of ``tests/test_fuzz_loader.py``.
``tests/test_fuzz_importers.py`` runs a few dozen documents per target in the test suite.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT))

from orggraph.errors import OrgGraphError  # noqa: E402

# -- targets -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One reader under test: its name, the suffix of its files, its seeds and how to read a path."""

    name: str
    suffix: str
    seeds: Callable[[], list[bytes]]
    read: Callable[[Path], object]
    kind: str  # "csv", "json" or "yaml": which structural mutations apply


def _files(*names: str) -> list[bytes]:
    return [(DATA / name).read_bytes() for name in names if (DATA / name).is_file()]


def _hr_seeds() -> list[bytes]:
    rows = [
        "id,name,title,manager_id,unit,holder",
        "1,Kommunaldirektør,direktør,,Direktionen,Åse Øberg",
        "2,Centerchef for Økonomi,centerchef,1,Center for Økonomi,",
        "3,Centerchef for Kultur,centerchef,01,Center for Kultur,Bo Ek",
        "4,Afdelingsleder,leder,2,Center for Økonomi,",
        "5,Ring,leder,6,,",
        "6,Ring B,leder,5,,",
    ]
    return ["\n".join(rows).encode("utf-8"), "\n".join(rows[:2]).encode("cp1252")]


def _node_link_seeds() -> list[bytes]:
    import orggraph
    from orggraph.exporters import node_link_json

    small = {
        "directed": True,
        "multigraph": True,
        "graph": {"organisation": {"id": "x", "name": "X"}, "sources": [{"id": "s", "title": "S"}]},
        "nodes": [{"id": "a", "kind": "post"}, {"id": "b", "kind": "post", "citation": {"document": "s"}}],
        "edges": [{"source": "a", "target": "b", "key": "reports_to", "kind": "reports_to"}],
    }
    return [node_link_json(orggraph.example().graph).encode("utf-8"), json.dumps(small).encode("utf-8")]


def _popolo_seeds() -> list[bytes]:
    small = {
        "persons": [{"id": "p1", "name": "Åsa", "birth_date": "1970"}, {"id": "g", "name": "Clash"}],
        "organizations": [{"id": "g", "name": "Dáil", "classification": "legislature"}],
        "events": [{"id": "t", "classification": "legislative period", "start_date": "2011-03-09"}],
        "memberships": [{"person_id": "p1", "organization_id": "g", "legislative_period_id": "t"}],
    }
    return [*_files("popolo-flawed.json"), json.dumps(small).encode("utf-8")]


_SENIOR = DATA / "organogram-flawed-senior.csv"


def _read_csv(path: Path) -> object:
    from orggraph.importers import read_csv

    return read_csv(path)


def _read_organogram(path: Path) -> object:
    from orggraph.importers import read_organogram

    return read_organogram(path)


def _read_organogram_junior(path: Path) -> object:
    from orggraph.importers import read_organogram

    return read_organogram(_SENIOR, path)


def _read_popolo(path: Path) -> object:
    from orggraph.importers import read_popolo

    return read_popolo(path)


def _read_node_link(path: Path) -> object:
    from orggraph.exporters import read_node_link

    return read_node_link(path)


def _yaml_seeds() -> list[bytes]:
    return [(ROOT / "data" / name).read_bytes() for name in ("ishoj.yaml", "roskilde.yaml")] + [
        (ROOT / "orggraph" / "example.yaml").read_bytes()
    ]


def _load_yaml(path: Path) -> object:
    """Load, then read it the ways that once overflowed on huge numbers (as tests/test_fuzz_loader.py does)."""
    from orggraph import load

    org = load(path)
    repr(org)
    org.summary()
    org.span_of_control()
    org.layers()
    org.meeting_load()
    org.lint()
    return org.to_mermaid()


def _cli(path: Path) -> object:
    """The command line on the file: exit codes 0, 1 or 2 only, never an exception."""
    from contextlib import redirect_stderr, redirect_stdout

    from orggraph.cli import main

    sink = io.StringIO()
    with redirect_stdout(sink), redirect_stderr(sink):
        for command in (["summary"], ["lint"], ["spans", "--format", "json"], ["meeting-load", "--format", "csv"]):
            code = main([*command, str(path)])
            if code not in (0, 1, 2):
                raise AssertionError(f"orggraph {command[0]} exited {code}")
    if code == 2:  # the file was refused, with a one-line message: our error
        raise OrgGraphError(sink.getvalue().strip().splitlines()[-1])
    return None


TARGETS: list[Target] = [
    Target("read_csv", ".csv", _hr_seeds, _read_csv, "csv"),
    Target(
        "read_organogram",
        "-senior.csv",
        lambda: _files(
            "organogram-flawed-senior.csv", "organogram-dwp-shaped-senior.csv", "organogram-ehrc-shaped-senior.csv"
        ),
        _read_organogram,
        "csv",
    ),
    Target(
        "read_organogram junior",
        "-junior.csv",
        lambda: _files("organogram-flawed-junior.csv", "organogram-dwp-shaped-junior.csv"),
        _read_organogram_junior,
        "csv",
    ),
    Target("read_popolo", ".json", _popolo_seeds, _read_popolo, "json"),
    Target("read_node_link", ".json", _node_link_seeds, _read_node_link, "json"),
    Target("load (YAML)", ".yaml", _yaml_seeds, _load_yaml, "yaml"),
    Target("orggraph CLI", ".yaml", _yaml_seeds, _cli, "yaml"),
]
"""The readers the campaign covers; append a Target to cover another."""

# -- mutations ---------------------------------------------------------------------------------------

_TEXT_TOKENS = [
    "",
    " ",
    '"',
    "'",
    ",",
    ";",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\ufffd",
    "\u2028",
    "æøå",
    "XX",
    "xx",
    "0",
    "00",
    "N/D",
    "Vacant",
    "Eliminated",
    "Deleted",
    "-1",
    "1e300",
    "1e999",
    "nan",
    "inf",
    "1" + "0" * 400,
    "9" * 5000,
    "x" * 200_000,
    "junior#row2",
    "unit:Finance",
    "person:p1",
    "2016-13-45",
    "#",
    "[",
    "{",
    "]",
    "}",
    "[" * 2000,
    "{" + '"a":{' * 1500,
    "NaN",
    "Infinity",
    "-Infinity",
    "1" + "0" * 5000,
    "0.5",
    "true",
    "null",
    '"node_for_adding"',
    '"incoming_graph_data"',
    '"u_for_edge"',
    '"key"',
    '"\\ud800"',
    "\\",
]

_ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    0.5,
    1e308,
    10**40,
    10**99,
    "",
    " ",
    "x",
    "a\nb",
    "XX",
    "2016-13-45",
    "2016",
    "\ud800",
    [],
    {},
    [1],
    [[1]],
    {"id": "a"},
    {"id": [1]},
    ["a", "b"],
    "person:p1",
    "unit:x",
]
_ODD_KEYS = [
    "id",
    "name",
    "source",
    "target",
    "key",
    "kind",
    "citation",
    "node_for_adding",
    "incoming_graph_data",
    "multigraph_input",
    "u_for_edge",
    "v_for_edge",
    "key_",
    "attr",
    "graph",
    "nodes",
    "edges",
    "links",
    "sources",
    "persons",
    "organizations",
    "memberships",
    "events",
    "posts",
    "areas",
    "person_id",
    "organization_id",
    "on_behalf_of_id",
    "legislative_period_id",
    "start_date",
    "end_date",
    "classification",
    "other_names",
    "identifiers",
]


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _byte_noise(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        action = rng.random()
        at = rng.randrange(len(buffer) + 1)
        if action < 0.4 and buffer:
            buffer[min(at, len(buffer) - 1)] = rng.randrange(256)
        elif action < 0.7:
            buffer[at:at] = bytes([rng.randrange(256)])
        elif buffer:
            del buffer[at : at + rng.randint(1, 16)]
    return bytes(buffer)


def _line_edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(lines))
        action = rng.random()
        if action < 0.3:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif action < 0.5 and len(lines) > 1:
            del lines[at]
        elif action < 0.7:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines = lines[: at + 1]
    return "\n".join(lines)


def _token(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        token = rng.choice(_TEXT_TOKENS)
        cut = rng.randint(0, 8) if rng.random() < 0.5 else 0
        text = text[:at] + token + text[at + cut :]
    return text


def _csv_edit(text: str, rng: random.Random) -> str:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return text
    if not rows:
        return text
    for _ in range(rng.randint(1, 4)):
        row = rows[rng.randrange(len(rows))]
        action = rng.random()
        if action < 0.6 and row:
            row[rng.randrange(len(row))] = rng.choice(_TEXT_TOKENS[:34])
        elif action < 0.75:
            rows.append(list(row))
        elif action < 0.85 and row:
            row.append(rng.choice(_TEXT_TOKENS[:34]))
        elif row:
            del row[rng.randrange(len(row))]
    out = io.StringIO()
    csv.writer(out, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
    return out.getvalue()


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _json_edit(text: str, rng: random.Random) -> str:
    try:
        return _json_edit_parsed(text, rng)
    except (ValueError, RecursionError):  # a mutant too odd to parse or copy stays as it is
        return text


def _json_edit_parsed(text: str, rng: random.Random) -> str:
    data = json.loads(text)
    for _ in range(rng.randint(1, 4)):
        places = _places(data)
        path = rng.choice(places)
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        action = rng.random()
        odd = _nested(rng.choice([50, 99, 100, 101, 500])) if rng.random() < 0.1 else rng.choice(_ODD_VALUES)
        if not path:
            data = odd if action < 0.2 else data
        elif action < 0.6:
            parent[path[-1]] = odd
        elif action < 0.8 and isinstance(parent, dict):
            parent[rng.choice(_ODD_KEYS)] = parent.pop(path[-1])
        elif isinstance(parent, list):
            parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
        elif isinstance(parent, dict):
            parent[rng.choice(_ODD_KEYS)] = odd
    return json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1]))


def mutate(seed: bytes, kind: str, rng: random.Random) -> bytes:
    """One mutant of ``seed`` (``kind`` is ``"csv"`` or ``"json"``); deterministic for a given ``rng`` state."""
    text = seed.decode("utf-8", errors="replace")
    if kind == "yaml":  # the YAML mutations of the test suite: tags, huge numbers, dates, aliases, nesting
        from tests.test_fuzz_loader import mutate as mutate_yaml

        return _encode(mutate_yaml(text, rng), rng)
    for _ in range(rng.randint(1, 3)):
        choice = rng.random()
        if choice < 0.35:
            text = _csv_edit(text, rng) if kind == "csv" else _json_edit(text, rng)
        elif choice < 0.6:
            text = _token(text, rng)
        elif choice < 0.8:
            text = _line_edit(text, rng)
        else:
            return _byte_noise(_encode(text, rng), rng)
    return _encode(text, rng)


def _encode(text: str, rng: random.Random) -> bytes:
    """UTF-8 bytes; a lone surrogate stays (invalid UTF-8) in one document of ten, else becomes '?'."""
    return text.encode("utf-8", errors="surrogatepass" if rng.random() < 0.1 else "replace")


# -- the campaign ------------------------------------------------------------------------------------


@dataclass
class Outcomes:
    """Counts per outcome, and the first document of each crash type."""

    counts: Counter[str]
    crashes: dict[str, tuple[bytes, str]]
    seconds: float


def run(target: Target, n: int, seed: int, folder: Path) -> Outcomes:
    """Read ``n`` mutants of the target's seeds; count loaded / our error / crash <type>."""
    rng = random.Random(f"{seed}:{target.name}")
    seeds = target.seeds()
    counts: Counter[str] = Counter()
    crashes: dict[str, tuple[bytes, str]] = {}
    path = folder / f"fuzz{target.suffix}"
    started = time.perf_counter()
    for _ in range(n):
        document = mutate(rng.choice(seeds), target.kind, rng)
        path.write_bytes(document)
        try:
            target.read(path)
        except OrgGraphError:
            counts["our error"] += 1
        except Exception as error:
            name = f"crash {type(error).__name__}"
            counts[name] += 1
            crashes.setdefault(name, (document, traceback.format_exc()))
        else:
            counts["loaded"] += 1
    return Outcomes(counts, crashes, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents per target (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", action="append", help="only these targets (by name); repeatable")
    parser.add_argument("--keep", type=Path, help="write the first document of each crash type here")
    args = parser.parse_args(argv)
    targets = [t for t in TARGETS if not args.target or t.name in args.target]
    total: Counter[str] = Counter()
    crashed = False
    with tempfile.TemporaryDirectory() as tmp:
        for target in targets:
            outcome = run(target, args.n, args.seed, Path(tmp))
            total.update(outcome.counts)
            parts = ", ".join(f"{name} {count}" for name, count in sorted(outcome.counts.items()))
            print(f"{target.name:<24} {args.n:>7} documents in {outcome.seconds:6.1f} s: {parts}")
            for name, (document, trace) in outcome.crashes.items():
                crashed = True
                print(f"  {name}: {trace.strip().splitlines()[-1]}")
                if args.keep is not None:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    safe = target.name.replace(" ", "-")
                    (args.keep / f"{safe}-{name.split()[-1]}{target.suffix}").write_bytes(document)
    documents = args.n * len(targets)
    print(f"{'all':<24} {documents:>7} documents: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
