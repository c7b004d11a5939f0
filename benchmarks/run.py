"""The orggraph benchmark: each stage against its floor, measured in the same run.

Usage::

    python benchmarks/run.py                          # sizes 1k, 10k, 100k; 3 repeats
    python benchmarks/run.py --sizes 1000000 --repeat 3 --yaml-max 100000
    python benchmarks/run.py --sizes 200 --repeat 1 --json out.json

Every size runs in a fresh subprocess (timings), and memory is measured in two
more fresh subprocesses per size (one loading the YAML, one reading the CSV and
answering every metric), so that each peak RSS belongs to that job alone.

For each stage the table gives the median of ``--repeat`` runs, the median of
the floor measured in the same process, interleaved with the stage (so that
the load of the machine affects both alike), and their ratio. The floors:

load+validate+build
    ``orggraph.loads(text)`` vs ``yaml.load(text, Loader=yaml.CSafeLoader)``
    with the garbage collector paused: libyaml's C parser building the plain
    dicts, the least any YAML loader has to do.
graph build
    ``orggraph.graph.build_graph(document)`` vs a bare ``networkx.MultiDiGraph``
    built with ``add_nodes_from``/``add_edges_from`` from pre-made tuples of the
    same nodes and keyed edges with only their ``kind``, GC paused.
spans+layers
    ``org.span_of_control()`` and ``org.layers()`` on a freshly loaded Org
    (lazy indexes included) vs one O(n) plain-Python pass over a parent dict
    giving the total span and the depth of every post.
read_csv
    ``orggraph.read_csv(path)`` vs ``csv.reader`` over the file plus a bare
    MultiDiGraph of the posts and their reporting edges, GC paused.
import orggraph
    ``import orggraph`` vs ``import networkx, pydantic, yaml``, each in fresh
    interpreters.

Queries (``find``, ``forums_of``, ``who_decides``) are timed per call, as the
median of batches of calls after the first call (which builds the lazy index
and is reported on a line of its own). Stages whose library function does not
exist (yet) print ``n/a (not available)``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import importlib
import inspect
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import generate  # noqa: E402

__all__ = ["STAGES", "Row", "format_table", "main"]

NA = "n/a (not available)"

STAGES: tuple[tuple[str, str], ...] = (
    ("import orggraph", "<= 1.2x"),
    ("load+validate+build (loads YAML)", "<= 1.3x"),
    ("graph build (build_graph)", ""),
    ("spans+layers", "<= 1.0x; 1M < 1 s"),
    ("read_csv", "<= 1.5x; 1M < 30 s"),
    ("read_csv vs hand-rolled pandas+networkx", "<= 1.0x"),
    ("read_csv vs hand-rolled, the same graph", ""),
    ("find, first call (builds index)", ""),
    ("find id", "< 1 ms at 100k"),
    ("find exact name", "< 1 ms at 100k"),
    ("find common word", "< 1 ms at 100k"),
    ("find no match", "< 1 ms at 100k"),
    ("forums_of, first call (builds index)", ""),
    ("forums_of", "< 1 ms at 100k"),
    ("who_decides, first call", ""),
    ("who_decides (fixed rule)", "< 1 ms at 100k"),
    ("who_decides (relative, subject)", "< 1 ms at 100k"),
    ("layout (whole org)", "linear in N"),
    ("chart of <=500 boxes (PNG)", "< 2 s"),
    ("chart of whole org (PNG)", "seconds"),
    ("YAML path: peak RSS", ""),
    ("YAML path: resident per post", "<= 3 KB"),
    ("read_csv: resident per post vs hand-rolled", "<= 1.5 KB"),
    ("read_csv: peak RSS vs hand-rolled", ""),
    ("import csv to YAML (CLI): time", "1M < 30 s"),
    ("import csv to YAML (CLI): peak RSS", "1M < 3 GiB"),
    ("CSV path + all metrics: time", "(the 30 s is for read_csv)"),
    ("CSV path + all metrics: peak RSS", "1M < 8 GiB"),
    ("CSV path + all metrics: resident per post", "<= 2.5 KB"),
)
"""Every row of the table, in order, with its target."""

_TARGETS = dict(STAGES)
_QUERY_STAGES = [stage for stage, _ in STAGES if stage.startswith(("find", "forums_of", "who_decides"))]
_PICTURE_STAGES = [stage for stage, _ in STAGES if stage.startswith(("layout", "chart"))]


@dataclass
class Row:
    """One line of the table: a stage at a size, its median, its floor and a note."""

    n: int | None
    stage: str
    value: float | None = None
    floor: float | None = None
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor


# -- measuring ----------------------------------------------------------------------------------


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the garbage collector (as the floors do), restoring its state afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _timed(function: Callable[[], Any], *, pause_gc: bool = False) -> tuple[float, Any]:
    if pause_gc:
        with gc_paused():
            start = time.perf_counter()
            result = function()
            elapsed = time.perf_counter() - start
    else:
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
    return elapsed, result


def _per_call(function: Callable[[Any], Any], arguments: Sequence[Any], repeat: int) -> float:
    """Median over ``repeat`` batches of the mean time of one call, over all ``arguments``."""
    times = []
    for _ in range(max(3, repeat)):
        start = time.perf_counter()
        for argument in arguments:
            function(argument)
        times.append((time.perf_counter() - start) / len(arguments))
    return statistics.median(times)


def rss_bytes() -> int:
    """The resident set size of this process now (Linux ``/proc``; else the peak)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return peak_rss_bytes()


def peak_rss_bytes() -> int:
    """The peak resident set size of this process (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


# -- floors -------------------------------------------------------------------------------------


def floor_yaml(text: str) -> Any:
    """libyaml's C loader alone (call it with the GC paused)."""
    import yaml

    return yaml.load(text, Loader=yaml.CSafeLoader)


def floor_graph(
    nodes: Sequence[tuple[str, dict[str, str]]], edges: Sequence[tuple[str, str, str, dict[str, str]]]
) -> Any:
    """A bare MultiDiGraph from pre-made node and keyed edge tuples."""
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    return G


def floor_spans_layers(parent: dict[str, str | None]) -> tuple[dict[str, int], dict[str, int]]:
    """Total span (posts below) and depth of every post: one O(n) plain-Python pass.

    Examples
    --------
    >>> floor_spans_layers({"a": None, "b": "a", "c": "b", "d": "a"})
    ({'a': 3, 'd': 0, 'b': 1, 'c': 0}, {'a': 0, 'd': 1, 'b': 1, 'c': 2})
    """
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for post, manager in parent.items():
        if manager is None:
            roots.append(post)
        else:
            children.setdefault(manager, []).append(post)
    depth: dict[str, int] = {}
    order: list[str] = []
    stack = [(root, 0) for root in roots]
    while stack:
        post, level = stack.pop()
        depth[post] = level
        order.append(post)
        stack.extend((child, level + 1) for child in children.get(post, ()))
    total = dict.fromkeys(order, 0)
    for post in reversed(order):
        manager = parent[post]
        if manager is not None:
            total[manager] += total[post] + 1
    return total, depth


def floor_csv(path: Path) -> Any:
    """``csv.reader`` over an HR export plus a bare MultiDiGraph of posts and reporting edges."""
    import networkx as nx

    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = list(reader)
    G = nx.MultiDiGraph()
    G.add_nodes_from((row[0], {"kind": "post", "name": row[1], "type": row[2]}) for row in rows)
    G.add_edges_from((row[0], row[3], "reports_to", {"kind": "reports_to"}) for row in rows if row[3])
    return G


def hand_rolled(path: Path) -> Any:
    """The analyst's way: ``pandas.read_csv`` and ``networkx.from_pandas_edgelist``, with node attributes.

    Every column read as text (ids such as ``0042`` stay ids), the reporting
    edges from the rows with a manager, every row a node (top posts too) with
    its other columns as attributes.
    """
    import networkx as nx
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    managed = frame[frame["manager_id"] != ""]
    G = nx.from_pandas_edgelist(managed, source="id", target="manager_id", create_using=nx.DiGraph)
    G.add_nodes_from(frame["id"])
    nx.set_node_attributes(G, frame.set_index("id").drop(columns="manager_id").to_dict("index"))
    return G


def hand_rolled_same_graph(path: Path) -> Any:
    """The analyst's way to the graph ``read_csv`` gives: post and unit nodes, ``in_unit`` and ``reports_to`` edges.

    ``pandas.read_csv`` of every column as text, then a ``MultiDiGraph``
    filled with ``add_nodes_from`` and ``add_edges_from``: each post with its
    name, type, unit and manager, each unit once, and an
    edge from each post to its unit and to its manager, keyed and with a
    ``kind`` as orggraph's. No checks (unknown managers become nodes, cycles
    stay): a floor, not an importer.
    """
    import networkx as nx
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    ids, names, types, managers, units = (frame[c].tolist() for c in ("id", "post", "type", "manager_id", "unit"))
    del frame
    G = nx.MultiDiGraph()
    G.add_nodes_from(
        (i, {"kind": "post", "name": name, "type": t, "unit": u, "reports_to": m})
        for i, name, t, m, u in zip(ids, names, types, managers, units, strict=True)
    )
    G.add_nodes_from((u, {"kind": "unit", "name": u}) for u in dict.fromkeys(units) if u)
    edges = ((i, u, m) for i, u, m in zip(ids, units, managers, strict=True))
    G.add_edges_from(
        edge
        for i, u, m in edges
        for edge in ((i, u, "in_unit", {"kind": "in_unit"}), (i, m, "reports_to", {"kind": "reports_to"}))
        if edge[1]
    )
    return G


# -- the library, as far as it exists -----------------------------------------------------------


def _read_csv() -> Callable[..., Any] | None:
    import orggraph

    function = getattr(orggraph, "read_csv", None)
    if function is None:
        try:
            function = getattr(importlib.import_module("orggraph.importers"), "read_csv", None)
        except ImportError:
            return None
    return function if callable(function) else None


def _method(org: Any, name: str) -> Callable[..., Any] | None:
    method = getattr(org, name, None)
    return method if callable(method) else None


def _layout_function() -> Callable[..., Any] | None:
    try:
        layout = importlib.import_module("orggraph.render.layout")
    except ImportError:
        return None
    function: Callable[..., Any] | None = getattr(layout, "tidy_tree", None)
    return function if callable(function) else None


_METRICS = ("span_of_control", "layers", "headcount_by_layer", "span_bins", "metrics_summary", "meeting_load")


# -- the timing worker --------------------------------------------------------------------------


def _parents(document: Any) -> dict[str, str | None]:
    posts = {post.id for post in document.posts}
    return {post.id: (post.reports_to if post.reports_to in posts else None) for post in document.posts}


def time_stages(n: int, *, repeat: int, seed: int, yaml_max: int, data_dir: Path = generate.DATA_DIR) -> list[Row]:
    """Time every stage at size ``n`` in this process (run it in a fresh one)."""
    import orggraph
    from orggraph.graph import build_graph

    rows: list[Row] = []
    org: Any = None
    csv_file = generate.ensure_csv(n, seed=seed, directory=data_dir)
    read_csv = _read_csv()
    spans_ours: list[float] = []
    spans_floor: list[float] = []
    has_spans = _method(orggraph.example(), "span_of_control") and _method(orggraph.example(), "layers")
    if has_spans:
        import pandas  # noqa: F401  (imported up front: the import is no part of the metrics' time)

    def time_spans(fresh: Any, parent: dict[str, str | None]) -> None:
        if not has_spans:
            return
        spans_floor.append(_timed(lambda: floor_spans_layers(parent), pause_gc=True)[0])
        spans_ours.append(_timed(lambda: (fresh.span_of_control(), fresh.layers()))[0])

    if read_csv is None:
        rows.append(Row(n, "read_csv", note=NA))
    else:
        ours: list[float] = []
        floor: list[float] = []
        pandas_way: list[float] = []
        same_graph: list[float] = []
        sizes: set[tuple[int, int]] = set()

        def after_the_floor(function: Callable[[], Any]) -> tuple[float, Any]:
            """``function`` timed right after the floor, so that each import starts from the heap one build left."""
            gc.collect()
            elapsed, graph = _timed(lambda: floor_csv(csv_file), pause_gc=True)
            floor.append(elapsed)
            del graph
            gc.collect()
            return _timed(function)

        for _ in range(repeat):
            org = None
            elapsed, graph = after_the_floor(lambda: hand_rolled(csv_file))
            pandas_way.append(elapsed)
            del graph
            elapsed, graph = after_the_floor(lambda: hand_rolled_same_graph(csv_file))
            same_graph.append(elapsed)
            sizes.add((graph.number_of_nodes(), graph.number_of_edges()))
            del graph
            elapsed, org = after_the_floor(lambda: read_csv(csv_file))
            ours.append(elapsed)
            if n > yaml_max:
                time_spans(org, _parents(org.document))
        rows.append(Row(n, "read_csv", statistics.median(ours), statistics.median(floor)))
        note = "floor: pandas.read_csv + networkx.from_pandas_edgelist + set_node_attributes"
        row = Row(n, "read_csv vs hand-rolled pandas+networkx", statistics.median(ours), statistics.median(pandas_way))
        row.note = note
        rows.append(row)
        row = Row(n, "read_csv vs hand-rolled, the same graph", statistics.median(ours), statistics.median(same_graph))
        same = sizes == {(org.graph.number_of_nodes(), org.graph.number_of_edges())}
        row.note = "floor: pandas.read_csv + MultiDiGraph add_nodes_from/add_edges_from" + (
            ", the same nodes and edges" if same else f", NOT the same size: {sorted(sizes)}"
        )
        rows.append(row)

    if n <= yaml_max:
        text = generate.ensure_yaml(n, seed=seed, directory=data_dir).read_text(encoding="utf-8")
        ours, floor = [], []
        parent: dict[str, str | None] = {}
        for _ in range(repeat):
            org = None
            gc.collect()
            elapsed, parsed = _timed(lambda: floor_yaml(text), pause_gc=True)
            floor.append(elapsed)
            del parsed
            gc.collect()
            elapsed, org = _timed(lambda: orggraph.loads(text, name=f"synthetic-{n}.yaml"))
            ours.append(elapsed)
            parent = parent or _parents(org.document)
            time_spans(org, parent)
        rows.append(Row(n, "load+validate+build (loads YAML)", statistics.median(ours), statistics.median(floor)))
        del text

        document = org.document
        nodes = [(node, {"kind": kind}) for node, kind in org.graph.nodes(data="kind")]
        edges = [(u, v, k, {"kind": kind}) for u, v, k, kind in org.graph.edges(keys=True, data="kind")]
        ours, floor = [], []
        for _ in range(repeat):
            gc.collect()
            floor.append(_timed(lambda: floor_graph(nodes, edges), pause_gc=True)[0])
            gc.collect()
            ours.append(_timed(lambda: build_graph(document))[0])
        rows.append(Row(n, "graph build (build_graph)", statistics.median(ours), statistics.median(floor)))
        del nodes, edges, document
    else:
        note = f"skipped above --yaml-max {yaml_max}"
        rows.append(Row(n, "load+validate+build (loads YAML)", note=note))
        rows.append(Row(n, "graph build (build_graph)", note=note))

    if not has_spans:
        rows.append(Row(n, "spans+layers", note=NA))
    elif spans_ours:
        rows.append(Row(n, "spans+layers", statistics.median(spans_ours), statistics.median(spans_floor)))
    else:
        rows.append(Row(n, "spans+layers", note="no Org to measure (no loader ran)"))

    if org is None:
        return rows
    measures: list[tuple[list[str], Callable[[], list[Row]]]] = [
        (_QUERY_STAGES, lambda: _time_queries(org, n, repeat=repeat, seed=seed)),
        (_PICTURE_STAGES, lambda: _time_pictures(org, n, repeat=repeat)),
    ]
    for stages, measure in measures:
        try:
            rows.extend(measure())
        except Exception as error:  # a bug elsewhere must not hide the other numbers
            note = f"failed: {type(error).__name__}: {error}"[:200]
            rows.extend(Row(n, stage, note=note) for stage in stages)
    return rows


def _time_queries(org: Any, n: int, *, repeat: int, seed: int) -> list[Row]:
    rows: list[Row] = []
    rng = random.Random(seed)
    posts = org.nodes("post")
    sample = rng.sample(posts, min(200, len(posts)))

    first, _ = _timed(lambda: org.find("kommunaldirektør"))
    rows.append(Row(n, "find, first call (builds index)", first))
    manager = org.manager(posts[len(posts) // 2]) or posts[0]
    exact_name = org.name(manager)
    queries = {
        "find id": [posts[len(posts) // 3], posts[len(posts) // 2]],
        "find exact name": [exact_name, "Kommunaldirektør, Syntetisk Kommune"],
        "find common word": ["pædagog", "sagsbehandler"],
        "find no match": ["zqxj vbnm"],
    }
    for stage, texts in queries.items():
        hits = len(org.find(texts[0]))
        rows.append(Row(n, stage, _per_call(org.find, texts, repeat), note=f"{hits} hits for {texts[0]!r}"))

    first, _ = _timed(lambda: org.forums_of(sample[0]))
    rows.append(Row(n, "forums_of, first call (builds index)", first))
    rows.append(Row(n, "forums_of", _per_call(org.forums_of, sample, repeat)))

    who_decides = _method(org, "who_decides")
    decided = [t for t in org.nodes("rule") if org.graph.nodes[t].get("decides") is not None]
    fixed_topics = [org.graph.nodes[r]["topic"] for r in decided if org.graph.nodes[r]["decides"].ids]
    if who_decides is None or not fixed_topics:
        for stage in ("who_decides, first call", "who_decides (fixed rule)", "who_decides (relative, subject)"):
            rows.append(Row(n, stage, note=NA if who_decides is None else "no fixed rule at this size"))
        return rows
    first, _ = _timed(lambda: who_decides(fixed_topics[0]))
    rows.append(Row(n, "who_decides, first call", first))
    rows.append(Row(n, "who_decides (fixed rule)", _per_call(who_decides, fixed_topics[:50], repeat)))
    subjects = [p for p in sample if org.manager(p) is not None]
    relative = _per_call(lambda post: who_decides("afskedigelse", post), subjects, repeat)
    rows.append(Row(n, "who_decides (relative, subject)", relative, note="'afskedigelse' (approved one level up)"))
    return rows


def _subtree_root(org: Any, size: int) -> tuple[str, int]:
    """The post whose reporting subtree is closest to ``size`` posts (itself included)."""
    parent = _parents(org.document)
    total, _ = floor_spans_layers(parent)
    post = min(total, key=lambda p: (abs(total[p] + 1 - size), p))
    return post, total[post] + 1


def _time_pictures(org: Any, n: int, *, repeat: int) -> list[Row]:
    rows: list[Row] = []
    layout = _layout_function()
    if layout is None:
        rows.append(Row(n, "layout (whole org)", note=NA))
    else:
        parent = _parents(org.document)
        children: dict[str, list[str]] = {}
        for post, manager in parent.items():
            if manager is not None:
                children.setdefault(manager, []).append(post)
        roots = [post for post, manager in parent.items() if manager is None]
        sizes = dict.fromkeys(parent, (160.0, 40.0))
        median = statistics.median(_timed(lambda: layout(roots, children, sizes))[0] for _ in range(repeat))
        rows.append(Row(n, "layout (whole org)", median, note=f"tidy_tree: {n / median:,.0f} boxes/s"))
    chart = _method(org, "chart")
    if chart is None:
        rows.append(Row(n, "chart of <=500 boxes (PNG)", note=NA))
        rows.append(Row(n, "chart of whole org (PNG)", note=NA))
        return rows
    import matplotlib

    matplotlib.use("Agg")
    root, size = _subtree_root(org, 500)
    accepted = inspect.signature(chart).parameters
    wide = {name: value for name, value in (("max_boxes", 500), ("max_width", None)) if name in accepted}

    def draw(**options: Any) -> int:
        picture = chart(**options)
        picture.savefig(io.BytesIO(), format="png")
        tree = getattr(picture, "tree", None)
        return len(tree.cards) if tree is not None else -1

    times, boxes = zip(*(_timed(lambda: draw(root=root, **wide)) for _ in range(repeat)), strict=True)
    note = f"root {root}: {size} posts below and including it, {boxes[0]} boxes drawn"
    rows.append(Row(n, "chart of <=500 boxes (PNG)", statistics.median(times), note=note))
    times, boxes = zip(*(_timed(lambda: draw()) for _ in range(repeat)), strict=True)
    rows.append(Row(n, "chart of whole org (PNG)", statistics.median(times), note=f"{boxes[0]} boxes (auto-collapsed)"))
    return rows


# -- the memory worker --------------------------------------------------------------------------


def measure_memory(n: int, *, source: str, seed: int, data_dir: Path = generate.DATA_DIR) -> list[Row]:
    """Peak and resident memory of loading size ``n`` from ``source`` ("yaml", "csv" or "pandas") in this process.

    "pandas" is the hand-rolled import (:func:`hand_rolled`) of the CSV, the floor of the CSV rows.
    """
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    import orggraph

    if source == "yaml":
        path = generate.ensure_yaml(n, seed=seed, directory=data_dir)
    else:
        path = generate.ensure_csv(n, seed=seed, directory=data_dir)
    gc.collect()
    baseline = rss_bytes()
    if source == "yaml":
        org: Any = orggraph.load(path)
        gc.collect()
        resident = rss_bytes() - baseline
        return [
            Row(n, "YAML path: peak RSS", peak_rss_bytes() / 2**20, unit="MiB"),
            Row(n, "YAML path: resident per post", resident / n / 1024, unit="KB", note="after load"),
        ]
    if source == "pandas":
        graph = hand_rolled(path)
        gc.collect()
        resident = rss_bytes() - baseline
        del graph
        return [
            Row(n, "read_csv: resident per post vs hand-rolled", floor=resident / n / 1024, unit="KB"),
            Row(n, "read_csv: peak RSS vs hand-rolled", floor=peak_rss_bytes() / 2**20, unit="MiB"),
        ]
    read_csv = _read_csv()
    if read_csv is None:
        return [Row(n, stage, note=NA) for stage, _ in STAGES if stage.startswith("CSV path")]
    start = time.perf_counter()
    org = read_csv(path)
    loaded = time.perf_counter() - start
    gc.collect()
    imported = [
        Row(n, "read_csv: resident per post vs hand-rolled", (rss_bytes() - baseline) / n / 1024, unit="KB"),
        Row(n, "read_csv: peak RSS vs hand-rolled", peak_rss_bytes() / 2**20, unit="MiB"),
    ]
    done, failed = [f"read_csv {_format_value(loaded, 's')}"], []
    for name in _METRICS:
        method = _method(org, name)
        if method is None:
            continue
        try:
            seconds, _ = _timed(method)
        except Exception as error:  # a bug elsewhere must not hide the other numbers
            failed.append(f"{name} failed: {type(error).__name__}: {error}")
        else:
            done.append(f"{name} {_format_value(seconds, 's')}")
    posts = org.nodes("post")
    done.append(f"find {_format_value(_timed(lambda: org.find('pædagog'))[0], 's')}")
    done.append(f"forums_of {_format_value(_timed(lambda: org.forums_of(posts[-1]))[0], 's')}")
    elapsed = time.perf_counter() - start
    gc.collect()
    resident = rss_bytes() - baseline
    note = "; ".join([", ".join(done), *failed])
    return [
        *imported,
        Row(n, "CSV path + all metrics: time", elapsed, note=note),
        Row(n, "CSV path + all metrics: peak RSS", peak_rss_bytes() / 2**20, unit="MiB"),
        Row(n, "CSV path + all metrics: resident per post", resident / n / 1024, unit="KB", note="indexes built"),
    ]


# -- the command line import ------------------------------------------------------------------------


def measure_import_cli(n: int, *, seed: int, data_dir: Path = generate.DATA_DIR) -> list[Row]:
    """``orggraph import csv`` of size ``n`` to a YAML file: wall time and the command's peak RSS.

    The command is this process's only child, so ``RUSAGE_CHILDREN``'s peak is its own.
    """
    import tempfile

    path = generate.ensure_csv(n, seed=seed, directory=data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "imported.yaml"
        command = [sys.executable, "-m", "orggraph", "import", "csv", str(path), "-o", str(output)]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        elapsed = time.perf_counter() - start
        size = output.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak = peak if sys.platform == "darwin" else peak * 1024
    note = f"{size / 2**20:,.0f} MiB of YAML written"
    return [
        Row(n, "import csv to YAML (CLI): time", elapsed, note=note),
        Row(n, "import csv to YAML (CLI): peak RSS", peak / 2**20, unit="MiB"),
    ]


# -- import time --------------------------------------------------------------------------------

_IMPORT = (
    "import sys, time\n"
    "start = time.perf_counter()\n"
    "import {modules}\n"
    "elapsed = time.perf_counter() - start\n"
    "print(elapsed, int('matplotlib' in sys.modules), int('pandas' in sys.modules))\n"
)


def _import_time(modules: str) -> tuple[float, bool, bool]:
    output = subprocess.run(
        [sys.executable, "-c", _IMPORT.format(modules=modules)], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(output[0]), output[1] == "1", output[2] == "1"


def time_import(repeat: int) -> Row:
    """``import orggraph`` vs its three big dependencies, each in fresh interpreters, interleaved."""
    _import_time("orggraph")  # write the bytecode caches first
    ours, floor = [], []
    heavy = False
    for _ in range(max(3, repeat)):
        floor.append(_import_time("networkx, pydantic, yaml")[0])
        elapsed, matplotlib, pandas = _import_time("orggraph")
        ours.append(elapsed)
        heavy = heavy or matplotlib or pandas
    note = "imports matplotlib or pandas eagerly" if heavy else "matplotlib and pandas not imported"
    return Row(None, "import orggraph", statistics.median(ours), statistics.median(floor), note=note)


# -- driving the workers and printing -----------------------------------------------------------


def _worker(arguments: list[str]) -> list[Row]:
    """Run one measuring job in a fresh interpreter; a failing job becomes a row that says so."""
    command = [sys.executable, str(Path(__file__).resolve()), *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"benchmark job {' '.join(arguments)} failed:\n{result.stderr[-4000:]}", file=sys.stderr)
        last = result.stderr.strip().splitlines()[-1:] or ["no output"]
        return [Row(int(arguments[3]), f"job {arguments[1]}", note=f"failed: {last[0][:200]}")]
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    return [Row(**row) for row in json.loads(lines[-1][len("RESULT ") :])]


def _format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit != "s":
        return f"{value:,.1f} {unit}" if value < 10_000 else f"{value / 1024:,.2f} Gi{unit[-1]}"
    if value < 1e-3:
        return f"{value * 1e6:.1f} µs"
    if value < 1:
        return f"{value * 1e3:.1f} ms"
    return f"{value:.2f} s"


def format_table(rows: Sequence[Row]) -> str:
    """The results as a Markdown table: N, stage, median, floor, ratio, target, note.

    Examples
    --------
    >>> print(format_table([Row(1000, "read_csv", 0.02, 0.01), Row(1000, "forums_of", note=NA)]))
    | N | stage | median | floor | ratio | target | note |
    | ---: | --- | ---: | ---: | ---: | --- | --- |
    | 1,000 | read_csv | 20.0 ms | 10.0 ms | 2.00x | <= 1.5x; 1M < 30 s |  |
    | 1,000 | forums_of | - | - | - | < 1 ms at 100k | n/a (not available) |
    """
    lines = [
        "| N | stage | median | floor | ratio | target | note |",
        "| ---: | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        size = f"{row.n:,}" if row.n is not None else "-"
        cells = [
            size,
            row.stage,
            _format_value(row.value, row.unit),
            _format_value(row.floor, row.unit),
            ratio,
            _TARGETS.get(row.stage, ""),
            row.note,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _order(rows: list[Row]) -> list[Row]:
    position = {stage: index for index, (stage, _) in enumerate(STAGES)}
    return sorted(rows, key=lambda row: (row.n or 0, position.get(row.stage, len(position))))


def _merged(rows: list[Row]) -> list[Row]:
    """Rows of one stage and size measured in two jobs (ours and its floor) as one row.

    Examples
    --------
    >>> [(r.value, r.floor) for r in _merged([Row(1, "x", 2.0), Row(1, "x", floor=1.0), Row(1, "y", 3.0)])]
    [(2.0, 1.0), (3.0, None)]
    """
    merged: dict[tuple[int | None, str], Row] = {}
    for row in rows:
        kept = merged.setdefault((row.n, row.stage), row)
        if kept is not row:
            kept.value = kept.value if kept.value is not None else row.value
            kept.floor = kept.floor if kept.floor is not None else row.floor
            kept.note = "; ".join(note for note in (kept.note, row.note) if note)
    return list(merged.values())


def _adversarial(sizes: Sequence[int], repeat: int) -> str:
    """The growth exponents of the adversarial shapes: ``benchmarks/adversarial.py``'s table, run fresh."""
    command = [sys.executable, str(HERE / "adversarial.py"), "--sizes", *map(str, sizes), "--repeat", str(repeat)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return "adversarial shapes failed:\n" + result.stderr[-2000:]
    return "Adversarial shapes (growth exponents; benchmarks/adversarial.py):\n\n" + result.stdout.strip()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or, with ``--worker``, one measuring job of it)."""
    parser = argparse.ArgumentParser(description="orggraph benchmark: stages against their floors")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(generate.SIZES[:3]))
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (the median is shown)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--yaml-max", type=int, default=100_000, help="largest size to load from YAML")
    parser.add_argument("--data-dir", type=Path, default=generate.DATA_DIR, help="where generated files are cached")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory jobs")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--no-adversarial", action="store_true", help="skip the adversarial shapes' exponents")
    parser.add_argument(
        "--adversarial-sizes", type=int, nargs=2, default=[10_000, 100_000], help="the two sizes of adversarial.py"
    )
    parser.add_argument(
        "--worker",
        choices=("timing", "memory-yaml", "memory-csv", "memory-pandas", "import-cli"),
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker is not None:
        if args.worker == "timing":
            rows = time_stages(
                args.n, repeat=args.repeat, seed=args.seed, yaml_max=args.yaml_max, data_dir=args.data_dir
            )
        elif args.worker == "import-cli":
            rows = measure_import_cli(args.n, seed=args.seed, data_dir=args.data_dir)
        else:
            rows = measure_memory(args.n, source=args.worker.split("-")[1], seed=args.seed, data_dir=args.data_dir)
        print("RESULT " + json.dumps([asdict(row) for row in rows]))
        return 0

    rows = [time_import(args.repeat)]
    common = ["--repeat", str(args.repeat), "--seed", str(args.seed), "--yaml-max", str(args.yaml_max)]
    common += ["--data-dir", str(args.data_dir)]
    for n in args.sizes:
        generate.ensure_csv(n, seed=args.seed, directory=args.data_dir)
        if n <= args.yaml_max:
            generate.ensure_yaml(n, seed=args.seed, directory=args.data_dir)
        started = time.perf_counter()
        rows.extend(_worker(["--worker", "timing", "--n", str(n), *common]))
        if not args.no_memory:
            if n <= args.yaml_max:
                rows.extend(_worker(["--worker", "memory-yaml", "--n", str(n), *common]))
            rows.extend(_worker(["--worker", "memory-csv", "--n", str(n), *common]))
            rows.extend(_worker(["--worker", "memory-pandas", "--n", str(n), *common]))
            rows.extend(_worker(["--worker", "import-cli", "--n", str(n), *common]))
        print(f"\n(N = {n:,}: {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    rows = _merged(rows)
    table = format_table(_order(rows))
    print("\n" + table)
    if not args.no_adversarial:
        print("\n" + _adversarial(args.adversarial_sizes, args.repeat))
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
