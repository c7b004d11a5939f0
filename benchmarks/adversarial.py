"""Charts of adversarial shapes: does any step of ``org.chart()`` grow faster than n log n?

Usage::

    python benchmarks/adversarial.py                      # 10k and 100k posts, median of 3
    python benchmarks/adversarial.py --sizes 2000 20000 --repeat 1

Three shapes that real exports produce and that a tree drawer finds hard:

one giant unit
    every post in the same unit (an HR export with one big "Operations"), the
    reporting lines a tree of span 8;
one manager
    a single manager with every other post reporting to it (a flat export
    where the manager column names the director for everyone);
deep chain
    each post reports to the one before it (a chain as deep as the organisation).

For each shape and size the script times, in one process:

build
    ``orggraph.from_dict`` of the document (validation and the graph);
chart
    ``org.chart()``, the default chart, which reads the whole organisation
    and collapses it to at most 300 boxes (the picture is not saved);
layout
    :func:`orggraph.layout.tidy_tree` of every post as a box of 160 x 40 points
    (the layout alone, as a chart that draws every box would need it).

The last column is the growth exponent between consecutive sizes,
``log(t2 / t1) / log(n2 / n1)``: 1.0 is linear, about 1.1 n log n at these
sizes, 2.0 quadratic.

Examples
--------
>>> document = giant_unit(20)
>>> len(document["posts"]), {post["unit"] for post in document["posts"]}
(20, {'drift'})
>>> [post.get("reports_to") for post in deep_chain(3)["posts"]]
[None, 'p0', 'p1']
>>> round(exponent(1.0, 10.0, 1000, 10000), 2)
1.0
>>> main(["--sizes", "40", "80", "--repeat", "1", "--shapes", "deep chain"])
shape            stage           40         80   exponent
deep chain       build  ...
deep chain       chart  ...
deep chain       layout ...
0
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["SHAPES", "deep_chain", "exponent", "giant_unit", "main", "one_manager"]


def _document(posts: list[dict[str, Any]], units: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {"organisation": {"id": "adversarial", "name": "Adversarial"}, "posts": posts}
    if units:
        document["units"] = units
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


SHAPES: dict[str, Callable[[int], dict[str, Any]]] = {
    "one giant unit": giant_unit,
    "one manager": one_manager,
    "deep chain": deep_chain,
}


def exponent(t1: float, t2: float, n1: int, n2: int) -> float:
    """The growth exponent between two sizes: ``log(t2 / t1) / log(n2 / n1)``."""
    return math.log(t2 / t1) / math.log(n2 / n1)


def _median(function: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(shape: str, n: int, repeat: int) -> dict[str, float]:
    """Seconds for each stage of one shape at one size (medians of ``repeat``)."""
    import orggraph
    from orggraph.layout import tidy_tree

    document = SHAPES[shape](n)
    build = _median(lambda: orggraph.from_dict(document), repeat)
    org = orggraph.from_dict(document)
    # the chart caches its card forest per Org: time it on fresh Orgs
    orgs = [orggraph.from_dict(document) for _ in range(repeat)]
    charts = iter(orgs)
    chart = _median(lambda: next(charts).chart(), repeat)
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for post in document["posts"]:
        manager = post.get("reports_to")
        if manager is None:
            roots.append(post["id"])
        else:
            children.setdefault(manager, []).append(post["id"])
    sizes = dict.fromkeys((post["id"] for post in document["posts"]), (160.0, 40.0))
    layout = _median(lambda: tidy_tree(roots, children, sizes), repeat)
    del org
    return {"build": build, "chart": chart, "layout": layout}


def main(argv: Sequence[str] | None = None) -> int:
    """Run every shape at every size and print a table with growth exponents."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shapes", nargs="+", choices=list(SHAPES), default=list(SHAPES))
    args = parser.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")
    import orggraph

    orggraph.example().chart()  # import the drawing modules and load the fonts outside the timings
    sizes = sorted(args.sizes)
    print(f"{'shape':<16} {'stage':<7} " + " ".join(f"{n:>10,}" for n in sizes) + "   exponent")
    for shape in args.shapes:
        results = [measure(shape, n, args.repeat) for n in sizes]
        for stage in ("build", "chart", "layout"):
            times = [r[stage] for r in results]
            growth = [exponent(a, b, m, n) for a, b, m, n in zip(times, times[1:], sizes, sizes[1:], strict=False)]
            cells = " ".join(f"{t:>9.3f}s" for t in times)
            print(f"{shape:<16} {stage:<7} {cells}   " + " ".join(f"{g:.2f}" for g in growth), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
