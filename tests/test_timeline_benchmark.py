"""The matching benchmark (benchmarks/timeline.py): its generator and runner; no timings are asserted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("timeline_benchmark", BENCHMARKS / "timeline.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["timeline_benchmark"] = module
    spec.loader.exec_module(module)
    return module


def test_the_series_churns_as_documented_and_is_deterministic() -> None:
    bench = _module()
    first = bench.department(400, seed=3)
    assert len(first.posts) == 400
    later = bench.evolve(first)
    kept = [k for k in first.posts if k in later.posts]
    assert 0.9 * 400 <= len(kept) <= 0.99 * 400  # 4 % abolished
    renumbered = sum(first.posts[k].ref != later.posts[k].ref for k in kept)
    assert 0.03 * len(kept) <= renumbered <= 0.2 * len(kept)  # about 10 %
    assert bench.to_org(bench.department(400, seed=3)) == bench.to_org(first)
    org = bench.to_org(later)
    assert len(org.roots()) == 1


def test_a_small_run_reports_its_figures() -> None:
    bench = _module()
    result = bench.run(300, snapshots=3, seed=1)
    assert (result.posts, result.snapshots) == (300, 3)
    assert result.precision >= 0.95
    assert result.recall >= 0.9
    table = bench.format_table([result, bench.run(600, snapshots=3, seed=1)])
    assert table.count("\n") == 3
    assert "| 600 | 3 |" in table
