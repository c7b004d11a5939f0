"""Time the interactive HTML chart of a large organisation: writing it in Python, opening it in Chromium.

The goal (issue 17): a 100 000-post organisation opens in the browser in under 3 s and stays responsive.
For each size this prints

- ``to_html``: seconds for ``org.to_html()`` (after loading), and the page's size;
- ``open``: seconds from navigation to the chart drawn, by the browser's own clock (the page notes
  ``performance.now()`` when its first drawing is done) and by the driver (which adds its round trips);
- ``open a box``: seconds to open the widest closed box on screen (layout and redraw);
- ``search``: seconds from typing a name to the result list (including the input's 150 ms debounce),
  once the page has folded every name for search (in slices, after it opens).

The organisation comes from ``benchmarks/generate.py`` (cached in ``benchmarks/_data/``). The browser is
Debian's chromium driven by Playwright (``pip install -e '.[dev]'``, ``apt-get install chromium``).

Usage::

    python benchmarks/html_open.py                      # 100 000 posts
    python benchmarks/html_open.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import orggraph

sys.path.insert(0, str(Path(__file__).resolve().parent))

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def measure(n: int, chromium: str) -> dict[str, float]:
    """Write and open the chart of the generated organisation of ``n`` posts; the timings in seconds."""
    from generate import ensure_yaml
    from playwright.sync_api import sync_playwright

    org = orggraph.load(ensure_yaml(n))
    started = time.perf_counter()
    page_html = org.to_html()
    written = time.perf_counter() - started
    path = ensure_yaml(n).with_suffix(".html")
    path.write_text(page_html, encoding="utf-8")
    result = {"to_html": written, "megabytes": len(page_html.encode()) / 1e6}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        started = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("html[data-ready]", timeout=120_000)
        result["open (driver)"] = time.perf_counter() - started
        result["open (browser)"] = page.evaluate("window.orggraph.readyAt") / 1000
        result["boxes at start"] = len(page.evaluate("window.orggraph.shown()"))
        widest = page.evaluate(
            """() => {
                let best = null, most = -1;
                document.querySelectorAll('.og-card:has(.og-badge)').forEach(card => {
                    const text = card.querySelector('.og-badge text').textContent;
                    const count = parseFloat(text.replace(/[^0-9.]/g, '')) || 0;
                    if (count > most) { most = count; best = card.getAttribute('data-id'); }
                });
                return best;
            }"""
        )
        if widest is not None:
            before = len(page.evaluate("window.orggraph.shown()"))
            started = time.perf_counter()
            page.evaluate("id => window.orggraph.toggle(id)", widest)
            result["open a box"] = time.perf_counter() - started
            result["boxes opened"] = len(page.evaluate("window.orggraph.shown()")) - before
        page.wait_for_timeout(3000)  # the page folds the names for search in slices after it opens
        started = time.perf_counter()
        page.fill("#og-search", "pædagog")
        page.wait_for_selector("#og-results li")
        result["search"] = time.perf_counter() - started
        browser.close()
    if errors:
        raise RuntimeError(f"the page raised: {errors}")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Measure each size and print one line per measure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="numbers of posts")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser executable")
    args = parser.parse_args(argv)
    for n in args.sizes:
        for name, value in measure(n, args.chromium).items():
            unit = "" if name.startswith("boxes") else " MB" if name == "megabytes" else " s"
            print(f"{n:>9,} posts  {name:<16} {value:8.2f}{unit}".replace(",", " "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
