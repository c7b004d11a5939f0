"""A chart that draws every box, against Graphviz ``dot``: the same tree written to PNG by each.

Usage::

    python benchmarks/graphviz_compare.py                  # 500 and 10 000 boxes, median of 3
    python benchmarks/graphviz_compare.py --sizes 500 2000 10000 30000 --repeat 1

Graphviz is a benchmark-only tool, not a dependency (``apt-get install graphviz``);
without ``dot`` on the PATH its columns are left empty.

The tree is the one :mod:`benchmarks.adversarial` uses (post ``i`` reports to
post ``(i - 1) // 8``, each box labelled "Medarbejder i"). orggraph draws it
with ``org.chart(max_boxes=n, max_width=None)`` (every box, leaves stacked)
and saves a PNG at 100 dpi; Graphviz gets a DOT file with the same labels in
rounded boxes of the same font and size and writes a PNG with ``dot -Tpng``.
Both lower the resolution of a picture too big for a bitmap and say so:
orggraph above :data:`orggraph.render.picture.MAX_PIXELS` pixels (a
``ResolutionWarning``), Graphviz above 32 767 pixels a side ("Scaling by ... to
fit"); the table shows the pixels each wrote.

Times are CPU seconds (this process's for orggraph, the child's for ``dot``),
so other work on a shared machine counts less; the ratio is orggraph / Graphviz.

Examples
--------
>>> print(dot_source(3))  # doctest: +NORMALIZE_WHITESPACE
digraph org {
node [shape=box, style="rounded,filled", fillcolor="#fbfbfc", fontname="DejaVu Sans", fontsize=8];
p0 [label="Medarbejder 0"];
p1 [label="Medarbejder 1"];
p2 [label="Medarbejder 2"];
p0 -> p1;
p0 -> p2;
}
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import adversarial  # noqa: E402

__all__ = ["dot_source", "main", "time_graphviz", "time_orggraph"]


def dot_source(n: int) -> str:
    """The DOT text of the benchmark tree of ``n`` boxes."""
    lines = [
        "digraph org {",
        'node [shape=box, style="rounded,filled", fillcolor="#fbfbfc", fontname="DejaVu Sans", fontsize=8];',
    ]
    lines += [f'p{i} [label="Medarbejder {i}"];' for i in range(n)]
    lines += [f"p{(i - 1) // 8} -> p{i};" for i in range(1, n)]
    return "\n".join([*lines, "}"]) + "\n"


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def time_orggraph(n: int, repeat: int) -> tuple[float, float, float, tuple[int, int], str]:
    """Median CPU seconds to draw the chart and to save its PNG, their sum, the PNG's pixels, and any warning."""
    import orggraph

    org = orggraph.from_dict(adversarial._document(adversarial._tree(n)))
    draws, saves, totals = [], [], []
    size = (0, 0)
    said = ""
    for _ in range(repeat):
        start = time.process_time()
        picture = org.chart(max_boxes=n, max_width=None)
        drawn = time.process_time()
        buffer = io.BytesIO()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            picture.savefig(buffer, format="png")
        saved = time.process_time()
        draws.append(drawn - start)
        saves.append(saved - drawn)
        totals.append(saved - start)
        size = _png_size(buffer.getvalue())
        said = "; ".join(str(w.message).split(":")[1].split(";")[0].strip() for w in caught)
        assert len(picture.layout.boxes) == n
    return statistics.median(draws), statistics.median(saves), statistics.median(totals), size, said


def time_graphviz(n: int, repeat: int) -> tuple[float, tuple[int, int], str] | None:
    """Median CPU seconds of ``dot -Tpng`` on the tree, the PNG's pixels and what dot said; None without dot."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    times = []
    size = (0, 0)
    said = ""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "tree.dot"
        target = Path(folder) / "tree.png"
        source.write_text(dot_source(n), encoding="utf-8")
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            run = subprocess.run([dot, "-Tpng", "-o", str(target), str(source)], capture_output=True, text=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            run.check_returncode()
            times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            size = _png_size(target.read_bytes())
            said = run.stderr.strip().replace("dot: ", "")
    return statistics.median(times), size, said


def main(argv: Sequence[str] | None = None) -> int:
    """Time both at every size and print a table with the ratio orggraph / Graphviz."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")
    import orggraph

    orggraph.example().chart().savefig(io.BytesIO(), format="png")  # fonts, PIL's PNG plugin: outside the timings
    print(
        f"{'boxes':>7} {'orggraph chart':>15} {'+ PNG':>7} {'total':>7} {'per box':>8} {'pixels':>14}"
        f" {'graphviz':>9} {'pixels':>14} {'ratio':>6}"
    )
    notes = []
    for n in args.sizes:
        draw, save, total, size, said = time_orggraph(n, args.repeat)
        graphviz = time_graphviz(n, args.repeat)
        if said:
            notes.append(f"{n} boxes, orggraph: {said}")
        cells = (
            f"{n:>7,} {draw:>14.2f}s {save:>6.2f}s {total:>6.2f}s {1000 * total / n:>6.2f}ms {size[0]:>7}x{size[1]:<6}"
        )
        if graphviz is None:
            cells += f" {'no dot':>9}"
        else:
            seconds, gv_size, gv_said = graphviz
            cells += f" {seconds:>8.2f}s {gv_size[0]:>7}x{gv_size[1]:<6} {total / seconds:>6.2f}"
            if gv_said:
                notes.append(f"{n} boxes, graphviz: {gv_said}")
        print(cells, flush=True)
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
