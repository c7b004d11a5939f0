"""The benchmark's generator and runner: the data is valid and realistic, the floors are right, the table has its shape.

No timings are asserted here: the benchmark measures, the tests check what it measures.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import metrics
from orggraph.text import fold

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


generate = _module("generate")
run = _module("run")


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    data: dict[str, Any] = generate.generate(1000, seed=3)
    return data


# -- the generator ------------------------------------------------------------------------------


def test_generated_yaml_is_exactly_what_to_yaml_writes(tmp_path: Path) -> None:
    path = generate.ensure_yaml(300, seed=1, directory=tmp_path)
    text = path.read_text(encoding="utf-8")
    org = orggraph.loads(text)
    assert org.to_yaml() == text
    assert len(org.nodes("post")) == 300


def test_generation_is_deterministic_and_depends_on_the_seed() -> None:
    assert generate.generate(400, seed=5) == generate.generate(400, seed=5)
    assert generate.generate(400, seed=5) != generate.generate(400, seed=6)


def test_files_are_cached_under_a_versioned_name(tmp_path: Path) -> None:
    path = generate.ensure_csv(200, seed=0, directory=tmp_path)
    assert path.name == f"org-200-seed0-v{generate.GENERATOR_VERSION}.csv"
    stamp = path.stat().st_mtime_ns
    assert generate.ensure_csv(200, seed=0, directory=tmp_path).stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_the_org_has_the_documented_shape(small: dict[str, Any]) -> None:
    posts = small["posts"]
    assert len(posts) == 1000
    assert posts[0]["name"] == "Borgmester"
    assert posts[0]["political"]
    assert posts[0]["top"]
    assert [p["id"] for p in posts if "reports_to" not in p] == ["p0"]
    types = Counter(p["type"] for p in posts)
    assert types["kommunaldirektør"] == 1
    assert 3 <= types["direktør"] <= 8
    # about one topic per ten posts; relative rules are there
    assert len(small["topics"]) == 100
    relations = {r["decides"].get("relation") for r in small["decision_rules"]}
    assert relations == {"manager_of_subject", None}
    # forums listing posts have 5-130 members
    listed = [f["members"] for f in small["forums"] if all(m.startswith("p") for m in f["members"])]
    assert listed
    assert all(5 <= len(members) <= 130 for members in listed)
    # every manager heads a unit; names keep the Danish letters
    heads = {u["head"] for u in small["units"] if "head" in u}
    managers = {p["reports_to"] for p in posts if "reports_to" in p} - {"p0"}
    assert heads == managers
    assert any("ø" in u["name"] or "æ" in u["name"] or "å" in u["name"] for u in small["units"])


def test_layers_and_spans_are_like_real_ones(small: dict[str, Any]) -> None:
    org = orggraph.from_dict(small)
    depth = {p: len(org.chain_of_command(p)) for p in org.nodes("post")}
    assert max(depth.values()) + 1 == 6  # round(log5(999)) + 2
    spans = sorted(len(org.direct_reports(p)) for p in org.nodes("post") if org.direct_reports(p))
    share = len(spans) / 1000
    assert 0.08 < share < 0.2  # about one post in eight is a manager
    assert 3 <= spans[len(spans) // 2] <= 9  # median span
    assert spans[0] == 1
    assert spans[-1] >= 20


def test_csv_has_the_hr_export_columns_and_every_post(small: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "org.csv"
    generate.write_csv(small, path)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["id", "post", "type", "manager_id", "unit"]
    assert len(rows) == 1000
    ids = {row["id"] for row in rows}
    assert {row["manager_id"] for row in rows if row["manager_id"]} <= ids
    positions = {row["id"]: index for index, row in enumerate(rows)}
    # shuffled like an export sorted by employee number: some reports come before their manager
    assert any(positions[row["manager_id"]] > index for index, row in enumerate(rows) if row["manager_id"])
    unit_names = {unit["name"] for unit in small["units"]}
    assert {row["unit"] for row in rows} <= unit_names


@settings(max_examples=30, deadline=None)
@given(n=st.integers(20, 3000), seed=st.integers(0, 10**6))
def test_reporting_tree_is_a_layered_tree(n: int, seed: int) -> None:
    tree = generate.reporting_tree(n, random.Random(seed))
    assert tree.n == n
    assert tree.parent[0] == -1
    assert tree.layer[0] == 0
    for post in range(1, n):
        manager = tree.parent[post]
        assert 0 <= manager < post
        assert tree.layer[post] == tree.layer[manager] + 1
        assert post in tree.reports[manager]
    assert sum(len(r) for r in tree.reports.values()) == n - 1


def test_too_small_an_org_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 20 posts, not 5"):
        generate.generate(5)


# -- the runner ---------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=60))
def test_the_spans_floor_counts_descendants_and_depth(draws: list[int]) -> None:
    parent: dict[str, str | None] = {"n0": None}
    for index, draw in enumerate(draws, start=1):
        parent[f"n{index}"] = f"n{draw % index}"
    total, depth = run.floor_spans_layers(parent)

    def chain(node: str) -> list[str]:
        up = []
        current = parent[node]
        while current is not None:
            up.append(current)
            current = parent[current]
        return up

    assert depth == {node: len(chain(node)) for node in parent}
    below = Counter(superior for node in parent for superior in chain(node))
    assert total == {node: below[node] for node in parent}


def test_format_table_shows_ratio_and_not_available() -> None:
    rows = [run.Row(100_000, "read_csv", 3.0, 2.0), run.Row(100_000, "forums_of", note=run.NA)]
    lines = run.format_table(rows).splitlines()
    assert lines[2] == "| 100,000 | read_csv | 3.00 s | 2.00 s | 1.50x | <= 1.5x; 1M < 30 s |  |"
    assert lines[3].endswith("| - | - | - | < 1 ms at 100k | n/a (not available) |")


def test_the_runner_prints_every_stage_for_a_tiny_org(tmp_path: Path) -> None:
    out = tmp_path / "rows.json"
    command = [sys.executable, str(BENCHMARKS / "run.py"), "--sizes", "200", "--repeat", "1", "--no-adversarial"]
    command += ["--json", str(out), "--data-dir", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300)
    table = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert table[0] == "| N | stage | median | floor | ratio | target | note |"
    body = [line.split(" | ") for line in table[2:]]
    assert all(len(cells) == 7 for cells in body)
    assert [cells[1] for cells in body] == [stage for stage, _ in run.STAGES]
    assert body[0][0] == "| -"
    assert all(cells[0] == "| 200" for cells in body[1:])
    rows = {row["stage"]: row for row in json.loads(out.read_text(encoding="utf-8"))}
    for stage in (
        "load+validate+build (loads YAML)",
        "graph build (build_graph)",
        "import orggraph",
        "read_csv vs hand-rolled pandas+networkx",
    ):
        assert rows[stage]["value"] > 0
        assert rows[stage]["floor"] > 0
    # Measured both ways; at 200 posts the difference of two RSS readings can be 0 or less (the import
    # hands freed memory back), so only that they are numbers.
    resident = rows["read_csv: resident per post vs hand-rolled"]
    assert isinstance(resident["value"], float)
    assert isinstance(resident["floor"], float)
    assert rows["YAML path: resident per post"]["unit"] == "KB"
    assert rows["import csv to YAML (CLI): time"]["value"] > 0


def test_the_hand_rolled_import_reads_every_row_with_its_attributes(tmp_path: Path) -> None:
    path = generate.ensure_csv(200, seed=0, directory=tmp_path)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    G = run.hand_rolled(path)
    assert G.number_of_nodes() == len(rows)
    assert sorted(G.edges) == sorted((row["id"], row["manager_id"]) for row in rows if row["manager_id"])
    for row in rows:
        assert G.nodes[row["id"]] == {"post": row["post"], "type": row["type"], "unit": row["unit"]}


# -- the optimisations keep behaviour ----------------------------------------------------------


def _find_by_scanning(org: orggraph.Org, text: str) -> list[str]:
    """``Org.find`` as first written: a loop over every folded id, name and alias."""
    keys: list[tuple[str, str]] = []
    exact: dict[str, list[str]] = {}
    for node, attrs in org.graph.nodes(data=True):
        texts = [node, attrs.get("name", ""), *attrs.get("aliases", ())]
        for candidate in dict.fromkeys(fold(t) for t in texts if t):
            exact.setdefault(candidate, []).append(node)
            keys.append((candidate, node))
    key = fold(text)
    if not key:
        return []
    found = dict.fromkeys(exact.get(key, ()))
    prefix: dict[str, None] = {}
    inner: dict[str, None] = {}
    for candidate, node in keys:
        if node in found:
            continue
        position = candidate.find(key)
        if position == 0 or (position > 0 and candidate[position - 1] == " "):
            prefix[node] = None
        elif position > 0:
            inner[node] = None
    return [*found, *prefix, *(n for n in inner if n not in prefix)]


_words = st.text(alphabet="abøæ -", min_size=1, max_size=7).filter(lambda t: fold(t) != "")


@settings(max_examples=80, deadline=None)
@given(
    names=st.lists(st.tuples(_words, st.lists(_words, max_size=2)), min_size=1, max_size=12),
    queries=st.lists(_words, min_size=1, max_size=5),
)
def test_find_through_the_index_is_the_scan(names: list[tuple[str, list[str]]], queries: list[str]) -> None:
    posts: list[dict[str, Any]] = [
        {"id": f"b{i}", "name": name, "aliases": aliases} for i, (name, aliases) in enumerate(names)
    ]
    org = orggraph.from_dict({"organisation": {"id": "o", "name": "Ab"}, "posts": posts})
    for query in [*queries, "b1", "a b", "ab"]:
        assert org.find(query) == _find_by_scanning(org, query)


@st.composite
def _reporting_orgs(draw: st.DrawFn) -> orggraph.Org:
    """Random forests: fractional, zero and unknown head counts, staff posts, a body or an undocumented manager."""
    n = draw(st.integers(1, 40))
    posts: list[dict[str, Any]] = []
    for index in range(n):
        post: dict[str, Any] = {"id": f"p{index}", "name": f"Post {index}"}
        count = draw(st.sampled_from([1, 1, 2, 0, 0.6, 2.25, 130, "unknown"]))
        if count != 1:
            post["headcount"] = count
        if index and draw(st.booleans()):
            post["reports_to"] = draw(st.sampled_from([f"p{draw(st.integers(0, index - 1))}", "board"]))
        elif draw(st.integers(0, 3)) == 0:
            post["manager_unknown"] = True  # no layer for it and the posts below it
        if draw(st.integers(0, 5)) == 0:
            post["staff"] = True
        posts.append(post)
    data = {"organisation": {"id": "o", "name": "O"}, "units": [{"id": "board", "name": "Board"}], "posts": posts}
    return orggraph.from_dict(data)


@settings(max_examples=60, deadline=None)
@given(org=_reporting_orgs())
def test_layers_in_numpy_are_the_general_walk(org: orggraph.Org) -> None:
    # the spans' oracle is the plain recursion in tests/test_metrics.py; layers keep a general walk (bodies,
    # candidate managers) beside the numpy depth of a plain tree, and both must agree where both apply
    fast = metrics.layers(org)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(metrics, "_tree", lambda org: None)  # what the fast path falls back to
        plain = metrics.layers(org)
    pd.testing.assert_frame_equal(fast, plain, check_exact=True)
