"""Adversarial shapes: does any stage, from loading to the chart, grow faster than n log n?

Usage::

    python benchmarks/adversarial.py                      # 10k and 100k posts, median of 3
    python benchmarks/adversarial.py --sizes 2000 20000 --repeat 1
    python benchmarks/adversarial.py --shapes "many forums" --stages load find forums_of

Shapes that real exports produce and that a tree drawer or a query finds hard:

one giant unit
    every post in the same unit (an HR export with one big "Operations"), the
    reporting lines a tree of span 8;
one manager
    a single manager with every other post reporting to it (a flat export
    where the manager column names the director for everyone);
deep chain
    each post reports to the one before it (a chain as deep as the organisation);
many forums
    a tree of span 8 and one forum for every five posts, each with five
    members (20 000 forums at 100 000 posts);
one post in many forums
    a tree of span 8 and one forum for every twenty posts, each with the same
    post ``p1`` and two others as members (5 000 forums at 100 000 posts);
synthetic municipality
    not adversarial: the municipality of ``generate.py`` (layers, units,
    spans as in a real one), its HR-export CSV read with ``read_csv`` and
    turned into a document (``Org.to_dict``), for comparison.

For each shape and size the script times, in one process, in CPU seconds
(``time.process_time``, so other work on a shared machine counts less):

load
    ``orggraph.loads`` of the document written as YAML (parse, validate, build);
build
    ``orggraph.from_dict`` of the document (validation and the graph);
span_of_control, layers, meeting_load, lint
    the first call of each on a fresh organisation (each builds what it needs);
find
    the first ``org.find`` (it builds the search index) and then ten queries:
    an id, a name, a word shared by every post, and a text found nowhere;
forums_of
    the first call (it builds the forum index) and then one call for each of
    100 posts;
chain_of_command
    of the deepest post (the last post of the document);
chart
    ``org.chart()``, the default chart, which reads the whole organisation
    and collapses it to at most 300 boxes (the picture is not saved);
chart_png
    the same chart written to a PNG (in memory);
chart_every_box
    ``org.chart(max_boxes=n, max_width=None)``, every post a box, written to a
    PNG; only up to ``--every-box-max`` posts (100 000 by default), and a
    picture above ``MAX_PIXELS`` is saved at a lower resolution, as a user's would;
layout
    :func:`orggraph.render.layout.tidy_tree` of every post as a box of 160 x 40 points
    (the layout alone, as a chart that draws every box would need it);
reference
    a trivial linear loop over the document (a dict of each post's manager),
    no orggraph code: its exponent in the same run is what "linear" reads on
    this machine between the sizes (cache effects push it above 1.0 from 100k up).

The next column is the growth exponent between consecutive sizes,
``log(t2 / t1) / log(n2 / n1)``: 1.0 is linear, about 1.1 n log n at these
sizes, 2.0 quadratic. With two sizes and the ``reference`` stage, the last
column is the exponent net of the reference loop's (``exponent - reference +
1``): the growth that the work itself adds to what any pass over dicts of
that many entries shows on this machine. ``--stages chart chart_png chart_every_box layout`` reports
the chart stages alone.

Examples
--------
>>> document = giant_unit(20)
>>> len(document["posts"]), {post["unit"] for post in document["posts"]}
(20, {'drift'})
>>> [post.get("reports_to") for post in deep_chain(3)["posts"]]
[None, 'p0', 'p1']
>>> round(exponent(1.0, 10.0, 1000, 10000), 2)
1.0
>>> [len(f["members"]) for f in many_forums(20)["forums"]]
[5, 5, 5, 5]
>>> {f["members"][0] for f in one_post_in_many_forums(60)["forums"]}
{'p1'}
>>> main(["--sizes", "40", "80", "--repeat", "1", "--shapes", "deep chain", "--stages", "build", "find", "chart"])
shape                   stage                    40         80   exponent
deep chain              build ...
deep chain              find ...
deep chain              chart ...
0
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import math
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "SHAPES",
    "STAGES",
    "deep_chain",
    "exponent",
    "giant_unit",
    "main",
    "many_forums",
    "one_manager",
    "one_post_in_many_forums",
    "synthetic",
]


def _document(
    posts: list[dict[str, Any]],
    units: list[dict[str, Any]] | None = None,
    forums: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    document: dict[str, Any] = {"organisation": {"id": "adversarial", "name": "Adversarial"}, "posts": posts}
    if units:
        document["units"] = units
    if forums:
        document["forums"] = forums
    return document


def _post(i: int, manager: int | None, **extra: Any) -> dict[str, Any]:
    post: dict[str, Any] = {"id": f"p{i}", "name": f"Medarbejder {i}"}
    if manager is None:
        post["top"] = True
    else:
        post["reports_to"] = f"p{manager}"
    post.update(extra)
    return post


def giant_unit(n: int) -> dict[str, Any]:
    """Every post in one unit, the reporting lines a tree of span 8."""
    posts = [_post(i, (i - 1) // 8 if i else None, unit="drift") for i in range(n)]
    return _document(posts, [{"id": "drift", "name": "Drift"}])


def one_manager(n: int) -> dict[str, Any]:
    """One manager with every other post reporting to it."""
    return _document([_post(i, 0 if i else None) for i in range(n)])


def deep_chain(n: int) -> dict[str, Any]:
    """Each post reports to the one before it."""
    return _document([_post(i, i - 1 if i else None) for i in range(n)])


def _tree(n: int) -> list[dict[str, Any]]:
    return [_post(i, (i - 1) // 8 if i else None) for i in range(n)]


def _forum(i: int, members: list[int]) -> dict[str, Any]:
    return {
        "id": f"f{i}",
        "name": f"Møde {i}",
        "members": [f"p{m}" for m in members],
        "meetings": [{"cadence": {"every": 1, "unit": "weeks"}, "hours": 1}],
    }


def many_forums(n: int) -> dict[str, Any]:
    """A tree of span 8 and one forum of five members for every five posts."""
    return _document(_tree(n), forums=[_forum(i, list(range(5 * i, 5 * i + 5))) for i in range(n // 5)])


def synthetic(n: int) -> dict[str, Any]:
    """The synthetic municipality of ``generate.py``: its HR-export CSV read by ``read_csv``, as a document."""
    import orggraph

    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    import generate

    return orggraph.read_csv(generate.ensure_csv(n)).to_dict()


def one_post_in_many_forums(n: int) -> dict[str, Any]:
    """A tree of span 8; one forum for every twenty posts, each with ``p1`` and two others."""
    forums = [_forum(i, [1, (2 * i) % n, (2 * i + 1) % n]) for i in range(n // 20)]
    for forum in forums:
        forum["members"] = list(dict.fromkeys(forum["members"]))
    return _document(_tree(n), forums=forums)


SHAPES: dict[str, Callable[[int], dict[str, Any]]] = {
    "one giant unit": giant_unit,
    "one manager": one_manager,
    "deep chain": deep_chain,
    "many forums": many_forums,
    "one post in many forums": one_post_in_many_forums,
    "synthetic municipality": synthetic,
}
STAGES = (
    "load",
    "build",
    "span_of_control",
    "layers",
    "meeting_load",
    "lint",
    "find",
    "forums_of",
    "chain_of_command",
    "chart",
    "chart_png",
    "chart_every_box",
    "layout",
    "reference",
)
EVERY_BOX_MAX = 100_000
"""The most posts ``chart_every_box`` draws by default (a million boxes is a 300 000-inch picture)."""


def exponent(t1: float, t2: float, n1: int, n2: int) -> float:
    """The growth exponent between two sizes: ``log(t2 / t1) / log(n2 / n1)``."""
    return math.log(t2 / t1) / math.log(n2 / n1)


Meter = Callable[[Callable[[], Any]], float]
"""What a stage is measured in: :func:`cpu_seconds` or :func:`calls`."""


def cpu_seconds(function: Callable[[], Any]) -> float:
    """The CPU time of one call of ``function`` (``time.process_time``).

    >>> cpu_seconds(lambda: None) >= 0
    True
    """
    start = time.process_time()
    function()
    return time.process_time() - start


def calls(function: Callable[[], Any]) -> float:
    """How many Python and C functions one call of ``function`` calls (``cProfile``'s count).

    A measure of the work that no cache or other process changes: its growth
    exponent is the algorithm's (loops inside one C call, such as ``in`` on a
    list, are not counted; the CPU time shows those).

    >>> calls(lambda: [len(x) for x in "abcde"]) - calls(lambda: [len(x) for x in "ab"])  # three more len
    3.0
    """
    profile = cProfile.Profile()
    profile.enable()
    function()
    profile.disable()
    return float(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def _median(function: Callable[[], Any], repeat: int, meter: Meter) -> float:
    return statistics.median(meter(function) for _ in range(repeat))


def _fresh(document: dict[str, Any], repeat: int, stage: Callable[[Any], Any], meter: Meter) -> float:
    """Median measure of ``stage`` on fresh organisations (their caches empty, collections done before)."""
    import orggraph

    found = []
    for _ in range(repeat):
        org = orggraph.from_dict(document)
        gc.collect()
        found.append(meter(lambda: stage(org)))  # noqa: B023 (called at once)
    return statistics.median(found)


def _queries(org: Any, document: dict[str, Any]) -> None:
    posts = document["posts"]
    org.find(posts[len(posts) // 3]["id"])  # the first call builds the index
    for _ in range(2):
        for text in (posts[len(posts) // 2]["id"], posts[-1]["name"], "medarbejder", "zqxj vbnm", "p1"):
            org.find(text)


def _forums_of(org: Any, document: dict[str, Any]) -> None:
    posts = document["posts"]
    step = max(1, len(posts) // 100)
    for post in posts[::step]:
        org.forums_of(post["id"])


def _load(document: dict[str, Any], repeat: int, meter: Meter) -> float:
    import orggraph

    text = orggraph.from_dict(document).to_yaml()
    gc.collect()
    return _median(lambda: orggraph.loads(text), repeat, meter)


def _layout(document: dict[str, Any], repeat: int, meter: Meter) -> float:
    from orggraph.render.layout import tidy_tree

    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for post in document["posts"]:
        manager = post.get("reports_to")
        if manager is None:
            roots.append(post["id"])
        else:
            children.setdefault(manager, []).append(post["id"])
    sizes = dict.fromkeys((post["id"] for post in document["posts"]), (160.0, 40.0))
    return _median(lambda: tidy_tree(roots, children, sizes), repeat, meter)


def _reference(document: dict[str, Any]) -> int:
    """A trivial linear pass, for the exponent of plain O(n) work at these sizes on this machine."""
    managers = {post["id"]: post.get("reports_to") for post in document["posts"]}
    return sum(1 for manager in managers.values() if manager is not None)


def _png(picture: Any) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a lower resolution for a huge picture is expected here
        picture.savefig(io.BytesIO(), format="png")


def measure(
    shape: str,
    n: int,
    repeat: int,
    stages: Sequence[str] = STAGES,
    every_box_max: int = EVERY_BOX_MAX,
    meter: Meter = cpu_seconds,
) -> dict[str, float]:
    """CPU seconds (or calls, with ``meter``) for each stage of one shape at one size (medians; NaN: not run)."""
    import orggraph

    document = SHAPES[shape](n)
    deepest = document["posts"][-1]["id"]
    timed: dict[str, Callable[[], float]] = {
        "build": lambda: _median(lambda: orggraph.from_dict(document), repeat, meter),
        "span_of_control": lambda: _fresh(document, repeat, lambda org: org.span_of_control(), meter),
        "layers": lambda: _fresh(document, repeat, lambda org: org.layers(), meter),
        "meeting_load": lambda: _fresh(document, repeat, lambda org: org.meeting_load(), meter),
        "lint": lambda: _fresh(document, repeat, lambda org: org.lint(), meter),
        "find": lambda: _fresh(document, repeat, lambda org: _queries(org, document), meter),
        "forums_of": lambda: _fresh(document, repeat, lambda org: _forums_of(org, document), meter),
        "chain_of_command": lambda: _fresh(document, repeat, lambda org: org.chain_of_command(deepest), meter),
        # the chart caches its card forest per Org: time it on fresh Orgs
        "chart": lambda: _fresh(document, repeat, lambda org: org.chart(), meter),
        "chart_png": lambda: _fresh(document, repeat, lambda org: _png(org.chart()), meter),
        "chart_every_box": lambda: (
            _fresh(document, repeat, lambda org: _png(org.chart(max_boxes=n, max_width=None)), meter)
            if n <= every_box_max
            else math.nan
        ),
        "layout": lambda: _layout(document, repeat, meter),
        "reference": lambda: _median(lambda: _reference(document), max(repeat, 5), meter),
    }
    results: dict[str, float] = {}
    for stage in stages:
        results[stage] = _load(document, repeat, meter) if stage == "load" else timed[stage]()
        gc.collect()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run every shape at every size and print a table with growth exponents."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shapes", nargs="+", choices=list(SHAPES), default=list(SHAPES))
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    parser.add_argument("--every-box-max", type=int, default=EVERY_BOX_MAX)
    parser.add_argument(
        "--calls", action="store_true", help="count the calls each stage makes (cProfile) instead of its CPU time"
    )
    args = parser.parse_args(argv)
    meter = calls if args.calls else cpu_seconds
    import matplotlib

    matplotlib.use("Agg")
    import orggraph

    orggraph.example().chart().savefig(io.BytesIO(), format="png")  # drawing modules and fonts: outside the timings
    warm = orggraph.example()  # and pandas, the metrics and lint, likewise
    warm.span_of_control(), warm.layers(), warm.meeting_load(), warm.lint()
    sizes = sorted(args.sizes)
    stages = [stage for stage in STAGES if stage in args.stages]
    net = "reference" in stages and len(sizes) == 2
    print(
        f"{'shape':<23} {'stage':<16} "
        + " ".join(f"{n:>10,}" for n in sizes)
        + "   exponent"
        + ("   net of reference" if net else "")
    )
    for shape in args.shapes:
        results = [measure(shape, n, args.repeat, stages, args.every_box_max, meter) for n in sizes]
        growths = {stage: _growth([max(r[stage], 1e-6) for r in results], sizes) for stage in stages}
        for stage in stages:
            times = [max(r[stage], 1e-6) for r in results]
            cells = " ".join(_cell(t, args.calls) for t in times)
            line = f"{shape:<23} {stage:<16} {cells}   " + " ".join(f"{g:.2f}" for g in growths[stage])
            if net and growths[stage] and growths["reference"] and stage != "reference":
                line += f"{'':>6}{growths[stage][0] - growths['reference'][0] + 1:.2f}"
            print(line, flush=True)
    return 0


def _cell(value: float, counted: bool) -> str:
    if math.isnan(value):
        return f"{'-':>10}"
    return f"{value:>10,.0f}" if counted else f"{value:>9.3f}s"


def _growth(times: Sequence[float], sizes: Sequence[int]) -> list[float]:
    """The exponent between each two consecutive sizes (none across a stage not run)."""
    return [
        exponent(a, b, m, n)
        for a, b, m, n in zip(times, times[1:], sizes, sizes[1:], strict=False)
        if not (math.isnan(a) or math.isnan(b))
    ]


if __name__ == "__main__":
    sys.exit(main())
