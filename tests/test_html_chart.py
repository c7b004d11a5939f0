"""The interactive HTML org chart: the page's data in Python, and the page in a real browser (headless Chromium).

Browser tests use Debian's chromium (``/usr/bin/chromium``; ``.ci/run`` installs it) driven by Playwright's
Python package; they skip, saying why, only when no chromium or no playwright is installed. One browser serves
the whole module; the screenshots go to ``out/screenshots/`` (git-ignored) to be looked at.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.decisions import responsibilities
from orggraph.render.chart import _pill_width, org_chart
from orggraph.render.html import HtmlChart, chart_data, chart_html
from orggraph.render.layout import tidy_tree
from orggraph.render.tree import ChartForest
from orggraph.text import fold

from .conftest import DATA, ROOT, SHARED

SCREENSHOTS = ROOT / "out" / "screenshots"
TREASURY = SHARED / "data" / "uk-organograms"
EXCERPTS = ROOT / "tests" / "data"
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    for candidate in (os.environ.get("ORGGRAPH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _dismissal(org: orggraph.Org) -> Any:
    # "Beslutninger om afskedigelse skal altid godkendes ét ledelsesniveau op."
    # An afdelingschef's manager is one of the three directors ("direktøren ansætter afdelingschefer"),
    # each under the kommunaldirektør: one of them decides, the kommunaldirektør approves.
    return org.who_decides("afskedigelse", subject="afdelingschef")


def _ids(data: dict[str, Any], cards: list[int]) -> list[str]:
    return [data["strings"][data["cards"][c][0]] for c in cards]


# -- the page without a browser ----------------------------------------------------------------------


def test_the_page_is_one_file_that_asks_no_host_for_anything(roskilde: orggraph.Org) -> None:
    page = roskilde.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=|@import|url\(\s*['"]?(https?:)?//|https?://""", page)
    # the content security policy forbids any request, so a slip would fail loudly in the browser test
    assert "default-src 'none'" in page
    assert "</script" not in page.split('id="orggraph-data">', 1)[1].split("</script>", 1)[0]


def test_the_page_starts_open_where_the_png_chart_is_drawn(roskilde: orggraph.Org, ishoj: orggraph.Org) -> None:
    for org in (roskilde, ishoj):
        for depth in (None, 0, 1):
            data = chart_data(org, depth=depth)
            picture = org_chart(org, depth=depth)
            assert set(_ids(data, data["open"])) == set(picture.tree.children)


def test_a_closed_box_counts_what_the_png_counts_below_it(roskilde: orggraph.Org) -> None:
    data = chart_data(roskilde, depth=0)
    tree = org_chart(roskilde, depth=0).tree
    strings = data["strings"]
    badges = {strings[c[0]]: strings[c[11]] for c in data["cards"] if c[11] >= 0}
    closed = {card: c.hidden.text() for card, c in tree.cards.items() if c.hidden}
    assert closed  # Direktionen is closed at depth 0
    for card, text in closed.items():
        assert badges[card] == text


def test_a_box_is_as_large_as_in_the_png(roskilde: orggraph.Org) -> None:
    data = chart_data(roskilde)
    picture = org_chart(roskilde)
    sizes = {data["strings"][c[0]]: (c[6], c[7]) for c in data["cards"]}
    for card, rect in picture.layout.boxes.items():
        assert sizes[card] == pytest.approx((rect.width, rect.height), abs=0.01)


def test_html_chart_shows_inline_in_an_iframe(example: orggraph.Org, tmp_path: Path) -> None:
    chart = example.chart(interactive=True)
    assert isinstance(chart, HtmlChart)
    frame = chart._repr_html_()
    srcdoc = re.fullmatch(r'<iframe srcdoc="([^"]*)" .*</iframe>', frame, re.S)
    assert srcdoc is not None
    assert html.unescape(srcdoc.group(1)) == chart.html == example.to_html()
    chart.save(tmp_path / "c.html")
    assert (tmp_path / "c.html").read_text(encoding="utf-8") == chart.html


def test_the_interactive_chart_refuses_what_it_cannot_draw(example: orggraph.Org) -> None:
    with pytest.raises(orggraph.errors.RenderError, match="top to bottom"):
        example.chart(interactive=True, direction="LR")
    with pytest.raises(orggraph.errors.RenderError, match="top to bottom"):
        example.chart(interactive=True, compact=False)
    assert example.chart(interactive=True, depth=0).html == example.to_html(depth=0)


def test_to_html_writes_the_file(example: orggraph.Org, tmp_path: Path) -> None:
    target = tmp_path / "chart.html"
    text = example.to_html(target, title="Acme")
    assert target.read_text(encoding="utf-8") == text
    assert "<title>Acme</title>" in text


def test_cli_writes_an_html_chart(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    done = subprocess.run(
        [sys.executable, "-m", "orggraph", "chart", str(DATA / "roskilde.yaml"), "--html", "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == orggraph.load(DATA / "roskilde.yaml").to_html()


def test_a_bad_option_is_refused(example: orggraph.Org) -> None:
    with pytest.raises(orggraph.errors.RenderError, match="show="):
        chart_html(example, show=["colour"])
    with pytest.raises(LookupError, match="nobody"):
        chart_html(example, highlight="nobody")


# -- the page in a browser ---------------------------------------------------------------------------

try:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright
except ImportError:  # pragma: no cover - the dev extra installs it
    sync_playwright = None  # type: ignore[assignment]

_WHY = (
    "no chromium: install Debian's chromium (apt-get install chromium) or set ORGGRAPH_CHROMIUM"
    if _chromium() is None
    else "no playwright: pip install -e '.[dev]'"
    if sync_playwright is None
    else ""
)
needs_browser = pytest.mark.skipif(bool(_WHY), reason=_WHY or "browser present")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if _WHY:
        pytest.skip(_WHY)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=_chromium(), args=BROWSER_ARGS)
        yield launched
        launched.close()


class Opened:
    """A page opened from a file, with every console error and every request to a host recorded."""

    def __init__(self, browser: Browser, page_html: str, path: Path) -> None:
        path.write_text(page_html, encoding="utf-8")
        self.page: Page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []

        def console(message: ConsoleMessage) -> None:
            if message.type in ("error", "warning"):
                self.errors.append(message.text)

        def request(req: Request) -> None:
            if not req.url.startswith("file:"):
                self.requests.append(req.url)

        self.page.on("console", console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", request)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("html[data-ready]", timeout=15_000)

    def js(self, expression: str, argument: Any = None) -> Any:
        return self.page.evaluate(expression, argument)

    def shown(self) -> set[str]:
        return set(self.js("window.orggraph.shown()"))

    def clean(self) -> None:
        assert self.errors == []
        assert self.requests == []

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / name))


@pytest.fixture
def opened(browser: Browser, tmp_path: Path) -> Iterator[Any]:
    pages: list[Opened] = []

    def open_page(page_html: str, name: str = "chart.html") -> Opened:
        page = Opened(browser, page_html, tmp_path / name)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.clean()
        page.page.close()


@needs_browser
def test_seeds_open_with_the_boxes_of_the_png_and_no_error_or_request(
    opened: Any, ishoj: orggraph.Org, roskilde: orggraph.Org
) -> None:
    for name, org in (("ishoj", ishoj), ("roskilde", roskilde)):
        page = opened(org.to_html(), f"{name}.html")
        assert page.shown() == set(org_chart(org).tree.cards)
        assert page.page.locator(".og-card").count() == len(org_chart(org).tree.cards)
        assert page.page.inner_text("#og-title") == org.title
        page.screenshot(f"{name}.png")


@needs_browser
def test_opening_a_closed_box_shows_its_reports_and_closing_hides_them(opened: Any, roskilde: orggraph.Org) -> None:
    page = opened(roskilde.to_html(depth=0))
    forest = ChartForest(roskilde)
    full = forest.select(max_boxes=10_000)
    board = forest.card_for("kommunaldirektoer")
    reports = set(full.children[board])
    assert reports
    assert not reports & page.shown()
    badge = page.page.locator(f'.og-card[data-id="{board}"] .og-badge')
    assert badge.locator("text").text_content() == org_chart(roskilde, depth=0).tree.cards[board].hidden.text()
    badge.click()
    assert reports <= page.shown()
    page.page.locator(f'.og-toggle[data-toggle="{_card_number(page, board)}"]').click()
    assert not reports & page.shown()


def _card_number(page: Opened, card: str) -> int:
    return int(page.page.get_attribute(f'.og-card[data-id="{card}"]', "data-card") or -1)


@needs_browser
def test_search_finds_direktor_as_org_find_does(opened: Any, roskilde: orggraph.Org) -> None:
    page = opened(roskilde.to_html(depth=0))
    drawn = {n for n in roskilde.graph if roskilde.graph.nodes[n]["kind"] in ("post", "unit", "group")}
    forest = ChartForest(roskilde)
    for text in ("direktor", "DIREKTØR", "direktoer", "afdeling", "leder", "beredskab", "x-nothing"):
        expected = [n for n in roskilde.find(text) if n in drawn and _drawn(forest, n)]
        assert page.js("t => window.orggraph.search(t)", text) == expected
    page.page.fill("#og-search", "direktor")
    page.page.wait_for_selector("#og-results li")
    names = page.page.locator("#og-results li").all_inner_texts()
    assert any(name.startswith("Direktør") for name in names)
    page.page.press("#og-search", "Enter")
    heading = page.page.locator("#og-details h2").first.inner_text()
    # Enter opens the first hit: a director area (the first of "direktor"'s matches) is drawn on the card
    # of the body it sits in, so the details show that card or a director
    first = next(n for n in roskilde.find("direktor") if n in drawn and _drawn(forest, n))
    assert fold(heading).startswith("direktor") or heading == roskilde.name(forest.card_for(first))
    page.screenshot("roskilde-search.png")


def _drawn(forest: ChartForest, node: str) -> bool:
    try:
        forest.card_for(node)
    except orggraph.errors.RenderError:
        return False
    return True


@needs_browser
def test_fold_in_the_page_is_fold_in_python(opened: Any, ishoj: orggraph.Org, roskilde: orggraph.Org) -> None:
    texts = ["Ærø Å ø", "São Tomé", "straße", "AAGAARD", "Dœ", "İstanbul", "Koefoed-Jørgensen", "ﬁre  ,;  Ål"]
    for org in (ishoj, roskilde):
        for node, attrs in org.graph.nodes(data=True):
            texts += [node, str(attrs.get("name", "")), *attrs.get("aliases", ())]
    page = opened(orggraph.example().to_html())
    assert page.js("ts => ts.map(window.orggraph.fold)", texts) == [fold(t) for t in texts]


@needs_browser
def test_a_highlighted_dismissal_marks_decider_and_approver(opened: Any, roskilde: orggraph.Org) -> None:
    decision = _dismissal(roskilde)
    directors = ["direktoer-by-kultur-miljoe", "direktoer-omraade-2", "direktoer-omraade-3"]
    assert (decision.deciders, decision.one_of, decision.approvers) == (directors, True, ["kommunaldirektoer"])
    page = opened(roskilde.to_html(highlight=decision))
    board = ChartForest(roskilde).card_for("kommunaldirektoer")
    card = page.page.locator(f'.og-card[data-id="{board}"]')
    assert card.get_attribute("data-highlighted") == "1"
    lines = card.locator("text[data-role]")
    roles = [(lines.nth(i).text_content() or "", lines.nth(i).get_attribute("data-role")) for i in range(lines.count())]
    deciders, approver = [roskilde.name(d) for d in directors], roskilde.name("kommunaldirektoer")
    assert (approver, "approves") in roles
    # the deciders' names wrap: each of their lines is marked
    assert " ".join(text for text, role in roles if role == "decides") == " ".join(deciders)
    assert card.locator(".og-mark").text_content() == "decides · approves"
    caption = page.page.inner_text("#og-decision")
    assert "Beslutninger om afskedigelse skal altid godkendes ét ledelsesniveau op." in caption
    card.click()  # the details name each member's role in the decision
    said = page.page.locator("#og-details h2 + .og-kind + .og-role")
    named = page.page.locator("#og-details h2:has(+ .og-kind + .og-role)")
    assert dict(zip(named.all_inner_texts(), said.all_inner_texts(), strict=True)) == {
        **dict.fromkeys(deciders, "decides"),
        approver: "approves",
    }
    assert page.page.locator("#og-details h2").first.inner_text() in (*deciders, approver)  # the marked come first
    page.screenshot("roskilde-dismissal.png")


@needs_browser
def test_a_chain_of_command_is_highlighted_and_opened(opened: Any, roskilde: orggraph.Org) -> None:
    post = "medarbejder-institution"
    chain = roskilde.chain_of_command(post)
    page = opened(roskilde.to_html(depth=0, highlight=[post, *chain]))
    forest = ChartForest(roskilde)
    marked = {forest.card_for(node) for node in [post, *chain]}
    assert marked <= page.shown()  # the boxes above the post are opened to show it
    highlighted = page.page.locator(".og-card[data-highlighted]")
    assert {highlighted.nth(i).get_attribute("data-id") for i in range(highlighted.count())} == marked


@needs_browser
def test_wheel_zooms_at_the_pointer_and_dragging_pans(opened: Any, roskilde: orggraph.Org) -> None:
    page = opened(roskilde.to_html())

    def view() -> list[float]:
        transform = page.page.get_attribute("#og-scene", "transform") or ""
        return [float(x) for x in re.findall(r"-?[\d.]+", transform)]

    x, y, k = view()
    page.page.mouse.move(640, 400)
    page.page.mouse.wheel(0, -300)
    x2, y2, k2 = view()
    assert k2 > k
    # the point under the pointer stays under it
    box = page.page.locator("#og-view").bounding_box()
    assert box is not None
    px, py = 640 - box["x"], 400 - box["y"]
    assert ((px - x) / k, (py - y) / k) == pytest.approx(((px - x2) / k2, (py - y2) / k2), abs=0.01)
    page.page.mouse.move(300, 300)
    page.page.mouse.down()
    page.page.mouse.move(360, 340, steps=4)
    page.page.mouse.up()
    assert view() == pytest.approx([x2 + 60, y2 + 40, k2], abs=0.01)


@needs_browser
def test_details_show_holder_forums_load_and_decisions_with_citations(opened: Any, roskilde: orggraph.Org) -> None:
    page = opened(roskilde.to_html())
    post = "kommunaldirektoer"
    page.page.locator(f'.og-card[data-id="{ChartForest(roskilde).card_for(post)}"]').click()
    panel = page.page.locator("#og-details")
    assert panel.is_visible()
    text = panel.text_content() or ""
    assert roskilde.cite(post) in text  # the post's own citation
    load = roskilde.meeting_load().loc[post]
    forums = roskilde.forum_roles(post)
    assert (
        f"Forums ({len(forums)}) · {load['meetings_per_year']:g} meetings, {load['hours_per_year']:g} hours a year"
        in text
    )
    for forum, roles in forums.items():
        assert f"{roskilde.name(forum)} — {', '.join(roles)}" in text
    found = responsibilities(roskilde, post)
    assert found
    assert f"Decisions and responsibilities ({len(found)})" in text
    for r in found:
        assert roskilde.cite(r.source) in text
    page.screenshot("roskilde-details.png")


@needs_browser
def test_the_forum_view_marks_who_sits_in_a_forum(opened: Any, roskilde: orggraph.Org) -> None:
    page = opened(roskilde.to_html(depth=0))
    forest = ChartForest(roskilde)
    page.page.click("#og-forums")
    listed = page.page.locator("#og-details .og-forum-list li")
    assert listed.count() == len(roskilde.nodes("forum"))
    forums = sorted(
        roskilde.nodes("forum"), key=lambda f: -sum(f in roskilde.forum_roles(p) for p in roskilde.nodes("post"))
    )
    for forum in reversed(forums):  # the largest last, for the screenshot
        seated = [p for p in roskilde.nodes("post") if forum in roskilde.forum_roles(p)]
        page.page.click("#og-forums")
        # the exact name: "Lederforum" is also inside "Fagligt lederforum"
        page.page.locator(f'#og-details .og-forum-list a[data-forum]:has(b:text-is("{roskilde.name(forum)}"))').click()
        assert set(page.js("window.orggraph.found()")) == {forest.card_for(p) for p in seated}, forum
        assert page.page.locator("#og-details .og-seats li").count() == len(seated)
        assert {forest.card_for(p) for p in seated} <= page.shown()  # opened to show every member
    page.screenshot("roskilde-forum.png")


@needs_browser
def test_decisions_in_the_page_are_responsibilities_in_python(
    opened: Any, ishoj: orggraph.Org, roskilde: orggraph.Org
) -> None:
    for name, org in (("ishoj", ishoj), ("roskilde", roskilde)):
        page = opened(org.to_html(), f"{name}.html")
        for post in org.nodes("post"):
            expected = [
                [org.name(r.topic), r.role, r.holder, list(r.via), org.cite(r.source)]
                for r in responsibilities(org, post)
            ]
            assert page.js("p => window.orggraph.decisions(p)", post) == expected, post


@needs_browser
def test_the_page_lays_out_as_tidy_tree(opened: Any, roskilde: orggraph.Org) -> None:
    page = opened(roskilde.to_html())
    data = chart_data(roskilde)
    strings = data["strings"]
    ids = [strings[c[0]] for c in data["cards"]]
    children: dict[str, list[str]] = {}
    for i, card in enumerate(data["cards"]):
        if card[2] >= 0:
            children.setdefault(ids[card[2]], []).append(ids[i])
    opened_ids = set(page.js("window.orggraph.open()"))
    kids = {c: k for c, k in children.items() if c in opened_ids}
    sizes = {ids[i]: (c[6], c[7]) for i, c in enumerate(data["cards"])}  # every box is open: no badges
    roots = _ids(data, data["roots"])
    python = tidy_tree(roots, kids, sizes, compact=True, columns=data["columns"])
    boxes = page.js("window.orggraph.boxes()")
    dx = boxes[roots[0]][0] - python.boxes[roots[0]].x0
    dy = boxes[roots[0]][1] - python.boxes[roots[0]].y0
    for card, rect in python.boxes.items():
        assert boxes[card] == pytest.approx([rect.x0 + dx, rect.y0 + dy, rect.x1 + dx, rect.y1 + dy], abs=1e-6)


@needs_browser
def test_a_closed_box_is_the_png_box_with_its_badge(opened: Any, roskilde: orggraph.Org) -> None:
    # the PNG's boxes of the whole chart; a closed box adds its badge's line, as the PNG draws a collapsed box
    full = org_chart(roskilde).layout.boxes
    collapsed = org_chart(roskilde, depth=0).tree.cards
    page = opened(roskilde.to_html(depth=0))
    boxes = page.js("window.orggraph.boxes()")
    assert set(boxes) == set(collapsed)
    for card, (x0, y0, x1, y1) in boxes.items():
        width, height = full[card].width, full[card].height
        badge = collapsed[card].hidden
        if badge:
            width = max(width, _pill_width(badge.text()) + 12)
            height += 7 * 1.25 + 3
        assert (x1 - x0, y1 - y0) == pytest.approx((width, height), abs=0.01), card


@st.composite
def _forests(draw: st.DrawFn) -> tuple[list[str], dict[str, list[str]], dict[str, tuple[float, float]]]:
    count = draw(st.integers(1, 40))
    parents = [draw(st.integers(-1, i - 1)) if i else -1 for i in range(count)]
    widths = draw(st.lists(st.sampled_from([50.0, 72.0, 90.5, 140.0]), min_size=count, max_size=count))
    heights = draw(st.lists(st.sampled_from([20.0, 31.25, 46.0]), min_size=count, max_size=count))
    children: dict[str, list[str]] = {}
    for i, p in enumerate(parents):
        if p >= 0:
            children.setdefault(f"n{p}", []).append(f"n{i}")
    roots = [f"n{i}" for i, p in enumerate(parents) if p < 0]
    return roots, children, {f"n{i}": (widths[i], heights[i]) for i in range(count)}


@needs_browser
def test_the_javascript_tidy_tree_is_the_python_one(opened: Any) -> None:
    page = opened(orggraph.example().to_html())

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_forests(), st.booleans(), st.sampled_from([1, 2]))
    def agree(
        forest: tuple[list[str], dict[str, list[str]], dict[str, tuple[float, float]]], compact: bool, columns: int
    ) -> None:
        roots, children, sizes = forest
        python = tidy_tree(roots, children, sizes, compact=compact, columns=columns)
        script = page.js(
            "a => window.orggraph.tidyTree(a[0], a[1], a[2], a[3], a[4])", [roots, children, sizes, compact, columns]
        )
        assert script["width"] == pytest.approx(python.width, abs=1e-6)
        assert script["height"] == pytest.approx(python.height, abs=1e-6)
        for node, rect in python.boxes.items():
            assert script["boxes"][node] == pytest.approx([rect.x0, rect.y0, rect.x1, rect.y1], abs=1e-6)

    agree()


def _treasury() -> orggraph.Org:
    senior = sorted(TREASURY.glob("hm_treasury-*-senior.csv"))
    if senior:
        return orggraph.read_organogram(senior[-1], Path(str(senior[-1]).replace("-senior", "-junior")))
    return orggraph.read_organogram(
        EXCERPTS / "organogram-flawed-senior.csv", EXCERPTS / "organogram-flawed-junior.csv"
    )


@needs_browser
def test_hm_treasury_organogram_opens_and_opens_further(opened: Any) -> None:
    org = _treasury()
    page = opened(org.to_html(), "treasury.html")
    start = page.shown()
    assert start == set(org_chart(org).tree.cards)
    page.screenshot("hm-treasury.png")
    badges = page.page.locator(".og-card:has(.og-badge)")
    if badges.count():
        card = badges.first.get_attribute("data-id")
        page.js("id => window.orggraph.reveal(id)", card)  # bring it into the window
        page.page.locator(f'.og-card[data-id="{card}"] .og-badge').click()
        assert len(page.shown()) > len(start)
    page.page.fill("#og-search", "director")
    page.page.wait_for_selector("#og-results li")
    page.page.press("#og-search", "Enter")
    assert page.page.locator("#og-details h2").count() >= 1
    page.screenshot("hm-treasury-search.png")
