"""How fast orggraph writes YAML, and with how much memory: the fast writer against PyYAML.

Three ways to write ``n`` HR-like posts (``{"id": "p123", "name": "pædagog", "unit": "Team Børn
og Unge 7663", "holders": ["Social- og sundhedshjælper"], "reports_to": "p17"}``, three of them
``top: true`` instead of a manager) to a file:

``stream``
    :func:`orggraph.exporters.yaml_out.dump_yaml` of ``{"orggraph": 1, "posts": <generator>}``:
    the posts are made one by one as they are written, nothing is kept.
``write_yaml``
    :func:`orggraph.exporters.yaml_out.write_yaml` of the document with the posts in a list (what
    ``Org.to_yaml(path)`` calls): the text is kept and returned.
``today``
    the ``write_yaml`` this module replaced: one ``yaml.dump`` per item, the pieces kept.

Each runs in a fresh process; the figures are its wall time for the writing (building the list
is not timed; the generator's own work is, it is part of streaming) and its peak resident memory
(``ru_maxrss``) with, in brackets, the growth over the process before the work. Every way's file
must hash alike. Then the shipped seeds: :func:`~orggraph.exporters.yaml_out.yaml_text` against
:func:`~orggraph.exporters.yaml_out.pyyaml_text` of the whole document (best of 5), same bytes.

Timings are never asserted in the test suite.

Usage::

    .venv/bin/python benchmarks/yaml_write.py                                    # 100k and 1M; today's at 100k
    .venv/bin/python benchmarks/yaml_write.py --sizes 1000000 --today-max 1000000  # today's at 1M too (minutes)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from orggraph.exporters.yaml_out import dump_yaml, pyyaml_text, write_yaml, yaml_text

WAYS = ("stream", "write_yaml", "today")
NAMES = ("pædagog", "Pædagogmedhjælper", "Social- og sundhedshjælper", "Sygeplejerske", "Afdelingsleder")
TEAMS = ("Børn og Unge", "Ældre og Sundhed", "Vej og Park", "Skole og Fritid")


def posts(n: int) -> Iterator[dict[str, Any]]:
    """``n`` HR-like posts, made one at a time."""
    for index in range(n):
        post: dict[str, Any] = {
            "id": f"p{index}",
            "name": NAMES[index % len(NAMES)],
            "unit": f"Team {TEAMS[index % len(TEAMS)]} {index // 12}",
            "holders": [NAMES[(index * 3) % len(NAMES)]],
        }
        if index < 3:
            post["top"] = True
        else:
            post["reports_to"] = f"p{index // 8}"
        yield post


def today_write_yaml(data: Mapping[str, Any], path: Path) -> str:
    """The ``write_yaml`` before the fast writer: one ``yaml.dump`` per top-level key and list item."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def text(value: Any) -> str:
        dumped: str = yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
        return dumped

    pieces: list[str] = []
    with open(path, "w", encoding="utf-8") as handle:
        for key, value in data.items():
            if isinstance(value, list) and value:
                piece = text({key: []}).replace("[]", "").rstrip() + "\n"
                pieces.append(piece)
                handle.write(piece)
                for item in value:
                    piece = text([item])
                    pieces.append(piece)
                    handle.write(piece)
            else:
                piece = text({key: value})
                pieces.append(piece)
                handle.write(piece)
    return "".join(pieces)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(way: str, n: int, path: Path) -> dict[str, Any]:
    """Write ``n`` posts ``way`` to ``path`` in this process; seconds, peak and growth of memory, the file's hash."""
    before = _rss_mb()
    document: dict[str, Any] = {"orggraph": 1, "organisation": {"id": "hr", "name": "HR-eksport"}}
    if way == "stream":
        start = time.perf_counter()
        dump_yaml({**document, "posts": posts(n)}, path)
    else:
        document["posts"] = list(posts(n))
        start = time.perf_counter()
        if way == "write_yaml":
            write_yaml(document, path)
        else:
            today_write_yaml(document, path)
    seconds = time.perf_counter() - start
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    peak = _rss_mb()
    return {"way": way, "n": n, "seconds": seconds, "peak_mb": peak, "growth_mb": peak - before, "sha": digest}


def measure(way: str, n: int) -> dict[str, Any]:
    """:func:`run_one` in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "posts.yaml"
        command = [sys.executable, __file__, "--one", way, str(n), str(path)]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        row: dict[str, Any] = json.loads(result.stdout)
        return row


def seeds() -> list[tuple[str, float, float, bool]]:
    """(name, fast seconds, PyYAML seconds, same bytes) for the shipped seeds' whole documents, best of 5."""
    import orggraph
    from orggraph import datasets

    rows = []
    for name, org in (("example", orggraph.example()), ("ishoj", datasets.ishoj()), ("roskilde", datasets.roskilde())):
        data = org.to_dict()
        times = {}
        for label, function in (("fast", yaml_text), ("pyyaml", pyyaml_text)):
            best = float("inf")
            for _ in range(5):
                start = time.perf_counter()
                function(data)
                best = min(best, time.perf_counter() - start)
            times[label] = best
        rows.append((name, times["fast"], times["pyyaml"], yaml_text(data) == pyyaml_text(data)))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--today-max", type=int, default=100_000, help="largest size to run today's writer at")
    parser.add_argument("--one", nargs=3, metavar=("WAY", "N", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        way, n, path = args.one
        print(json.dumps(run_one(way, int(n), Path(path))))
        return
    print(f"{'posts':>9}  {'way':<10} {'seconds':>8} {'peak MB':>8} {'(growth)':>9}  {'vs today':>8}  same bytes")
    for n in args.sizes:
        rows = [measure(way, n) for way in WAYS if way != "today" or n <= args.today_max]
        today = next((row for row in rows if row["way"] == "today"), None)
        for row in rows:
            ratio = f"{today['seconds'] / row['seconds']:7.1f}x" if today else "       -"
            same = all(other["sha"] == row["sha"] for other in rows)
            print(
                f"{n:>9,}  {row['way']:<10} {row['seconds']:8.2f} {row['peak_mb']:8.0f} ({row['growth_mb']:6.0f})"
                f"  {ratio}  {same}"
            )
        sys.stdout.flush()
    print()
    print(f"{'seed':<10} {'fast ms':>8} {'PyYAML ms':>10} {'ratio':>6}  same bytes")
    for name, fast, slow, same in seeds():
        print(f"{name:<10} {fast * 1000:8.2f} {slow * 1000:10.2f} {slow / fast:5.1f}x  {same}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
