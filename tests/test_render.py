"""Pictures: what the org chart, forum chart and annual wheel show, and that every file they write is sound."""

from __future__ import annotations

import base64
import gc
import io
import itertools
import shutil
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

import orggraph
from orggraph.errors import UnknownNodeError
from orggraph.render import ChartPicture, Picture, RenderError
from orggraph.render import tree as tree_module
from orggraph.render.forums import meetings_text
from orggraph.render.layout import Rect
from orggraph.render.style import text_path
from orggraph.render.tree import ChartForest, Hidden, chart_tree
from orggraph.render.wheel import dodge
from orggraph.schema import Cadence, MeetingSeries

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ORGANOGRAMS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "uk-organograms"


def synthetic(count: int, span: int = 5, *, name: str = "Syntetisk Kommune") -> orggraph.Org:
    """A balanced reporting tree: post i reports to post (i - 1) // span; one person per post."""
    posts: list[dict[str, Any]] = [{"id": "p0", "name": "Kommunaldirektør", "top": True}]
    posts.extend(
        {"id": f"p{i}", "name": f"Medarbejder {i} på Ærø", "reports_to": f"p{(i - 1) // span}"} for i in range(1, count)
    )
    return orggraph.from_dict({"organisation": {"id": "syn", "name": name}, "posts": posts})


@pytest.fixture(scope="module")
def big() -> orggraph.Org:
    return synthetic(20_000)


# -- file checks ---------------------------------------------------------------------------------------


def png_bytes(picture: Figure, dpi: float = 72) -> bytes:
    buffer = io.BytesIO()
    picture.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def check_files(picture: Figure) -> None:
    """PNG and SVG are valid and non-trivial; nothing is drawn outside the figure."""
    data = png_bytes(picture)
    assert data.startswith(PNG_MAGIC)
    image = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
    width, height = picture.get_size_inches() * 72
    assert abs(image.shape[0] - height) <= 1
    assert abs(image.shape[1] - width) <= 1
    assert (image < 200).mean() > 0.002, "the picture is (almost) blank"

    buffer = io.BytesIO()
    picture.savefig(buffer, format="svg")
    root = ET.fromstring(buffer.getvalue())
    assert root.tag.endswith("svg")
    assert sum(1 for element in root.iter() if element.tag.endswith("path")) > 20

    renderer = picture.canvas.get_renderer()  # type: ignore[attr-defined]
    picture.draw(renderer)
    frame = picture.bbox
    for text in picture.findobj(Text):
        if not text.get_visible() or not text.get_text():
            continue
        extent = text.get_window_extent(renderer)
        assert extent.x0 >= frame.x0 - 0.5, text.get_text()
        assert extent.x1 <= frame.x1 + 0.5, text.get_text()
        assert extent.y0 >= frame.y0 - 0.5, text.get_text()
        assert extent.y1 <= frame.y1 + 0.5, text.get_text()
    if isinstance(picture, ChartPicture):
        width_pt, height_pt = picture.get_size_inches() * 72
        for label, rect in picture.labels:
            assert rect.x0 >= 0, label
            assert rect.y0 >= 0, label
            assert rect.x1 <= width_pt, label
            assert rect.y1 <= height_pt, label


def upright_text_extents(picture: Figure) -> list[tuple[str, Any]]:
    renderer = picture.canvas.get_renderer()  # type: ignore[attr-defined]
    picture.draw(renderer)
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in picture.findobj(Text)
        if t.get_visible() and t.get_text() and t.get_rotation() == 0
    ]


def overlapping(extents: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a, b)
        for (a, ea), (b, eb) in itertools.combinations(extents, 2)
        if ea.x0 < eb.x1 - 0.5 and eb.x0 < ea.x1 - 0.5 and ea.y0 < eb.y1 - 0.5 and eb.y0 < ea.y1 - 0.5
    ]


def box_texts_fit(picture: ChartPicture) -> None:
    """Every text drawn in a box lies inside that box; no two texts overlap."""
    boxes = list(picture.layout.boxes.values())
    for text, rect in picture.labels:
        inside = Rect(rect.x0 + 0.3, rect.y0 + 0.3, rect.x1 - 0.3, rect.y1 - 0.3)
        assert any(_contains(box, inside) for box in boxes), f"{text!r} is not inside a box"
    for (a, ra), (b, rb) in itertools.combinations(picture.labels, 2):
        assert not ra.overlaps(rb), (a, b)


def _contains(outer: Rect, inner: Rect) -> bool:
    return outer.x0 <= inner.x0 and outer.y0 <= inner.y0 and inner.x1 <= outer.x1 and inner.y1 <= outer.y1


@pytest.fixture
def no_glyph_warnings() -> Iterator[list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
    glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from font" in str(w.message)]
    assert not glyphs


# -- every picture kind, for both seed organisations -------------------------------------------------


@pytest.mark.parametrize("name", ["ishoj", "roskilde", "example"])
@pytest.mark.parametrize(
    "draw",
    [
        pytest.param(lambda org: org.chart(), id="chart"),
        pytest.param(lambda org: org.chart(direction="LR", compact=False), id="chart-LR"),
        pytest.param(lambda org: org.forum_chart(), id="forums"),
        pytest.param(lambda org: org.wheel(), id="wheel"),
    ],
)
def test_every_picture_writes_sound_files(
    request: pytest.FixtureRequest, name: str, draw: Any, no_glyph_warnings: list[Any]
) -> None:
    org = request.getfixturevalue(name)
    picture = draw(org)
    assert isinstance(picture, Picture)
    check_files(picture)
    if isinstance(picture, ChartPicture):
        box_texts_fit(picture)
    else:
        assert not overlapping(upright_text_extents(picture))


def test_a_big_organisation_collapses_to_a_legible_depth(big: orggraph.Org, no_glyph_warnings: list[Any]) -> None:
    picture = big.chart()
    # 1 + 5 + 25 + 125 boxes fit in 300, but 25 stacks of 5 leaves are too wide for 3600 points
    # even in one column; at depth 2 the chart has 31 boxes and 20 000 - 31 people are not shown
    assert picture.notes == ("collapsed below depth 2 to keep the chart legible: 19 969 people not shown",)
    assert len(picture.layout.boxes) == 31
    assert picture.tree.depth == 2
    assert picture.layout.width <= 3600 + 2 * 18
    check_files(picture)
    box_texts_fit(picture)
    narrower = big.chart(max_width=None)
    assert narrower.notes == ("collapsed below depth 3 to keep the chart legible: 19 844 people not shown",)
    assert len(narrower.layout.boxes) == 156


@pytest.fixture(scope="module")
def treasury() -> orggraph.Org:
    if not (ORGANOGRAMS / "hm_treasury-2011-09-30-senior.csv").is_file():
        pytest.skip("../shared/data/uk-organograms is not there")
    return orggraph.read_organogram(
        ORGANOGRAMS / "hm_treasury-2011-09-30-senior.csv", ORGANOGRAMS / "hm_treasury-2011-09-30-junior.csv"
    )


def test_hm_treasury_organogram(treasury: orggraph.Org, no_glyph_warnings: list[Any]) -> None:
    picture = treasury.chart()
    tree = picture.tree
    (top,) = tree.roots
    assert treasury.name(top) == "Permanent Secretary"
    assert len(tree.children[top]) == 10  # the permanent secretary's ten direct reports
    assert tree.depth == 2
    # every FTE of the organogram is either drawn (a box, or a staff row summed in its manager's box) or collapsed
    from orggraph.staff import staff_of

    staff = staff_of(treasury)
    shown = sum(treasury.headcount(p) or 0 for c in tree.cards for p in [c, *staff.get(c, ())])
    assert shown + tree.hidden.people == pytest.approx(sum(treasury.headcount(p) or 0 for p in treasury.nodes("post")))
    assert picture.notes == (f"collapsed below depth 2 to keep the chart legible: {tree.hidden.sentence()} not shown",)
    assert tree.hidden.sentence().endswith(" FTE")  # organograms count full-time equivalents
    check_files(picture)
    box_texts_fit(picture)
    for other in (treasury.chart(direction="LR"), treasury.forum_chart(), treasury.wheel()):
        check_files(other)
    assert treasury.forum_chart().notes == ("no forums in the data: nothing to show",)


def test_an_empty_organisation_draws_empty_pictures_that_say_so() -> None:
    empty = orggraph.from_dict({"organisation": {"id": "tom", "name": "Tom Forening"}})
    assert empty.chart().notes == ("no posts in the data: nothing to draw",)
    assert empty.forum_chart().notes == ("no forums in the data: nothing to show",)
    assert empty.wheel().notes == ("no events in the data: the annual wheel is empty",)
    for picture in (empty.chart(), empty.chart(direction="LR"), empty.forum_chart(), empty.wheel()):
        assert png_bytes(picture).startswith(PNG_MAGIC)


def test_the_note_is_drawn_in_the_picture(example: orggraph.Org) -> None:
    picture = example.chart(max_boxes=5)
    assert picture.notes == ("collapsed below depth 0 to keep the chart legible: 12 people not shown",)
    texts = [t.get_text() for t in picture.findobj(Text)]
    assert picture.notes[0] in texts


def test_a_very_wide_forest_gets_a_more_card() -> None:
    posts = [{"id": f"p{i}", "name": f"Selvstændig {i}", "top": True} for i in range(400)]
    org = orggraph.from_dict({"organisation": {"id": "flat", "name": "Flad"}, "posts": posts})
    picture = org.chart()
    cards = picture.tree.cards
    assert len(cards) == 300
    assert cards["\x00more"].hidden == Hidden(101, 101.0, 0)
    assert picture.notes == ("101 of 400 top-level posts not shown (101 people)",)
    check_files(picture)


# -- what the org chart shows -------------------------------------------------------------------------


def test_ishoj_direktion_is_one_card_of_three_directors(ishoj: orggraph.Org) -> None:
    # "en direktion med tre direktører": one board card with the three director posts. The centre heads
    # report to one of the three ("sine tilknyttede centerchefer"), which is not a line to the body any
    # more; how the chart draws a candidate line is the pictures' part of issue 14.
    tree = chart_tree(ishoj)
    board = tree.cards["direktionen"]
    assert (board.kind, board.members) == ("board", ("kommunaldirektoer", "direktoer-omraade-2", "direktoer-omraade-3"))
    assert tree.roots[0] == "direktionen"
    assert "centerchef" in tree.cards
    assert tree.style.get("centerchef") != "body"
    assert tree.political_roots == ["byraadet", "fagudvalg", "borgmester"]


def test_roskilde_chart(roskilde: orggraph.Org) -> None:
    tree = chart_tree(roskilde)
    assert tree.political_roots == ["byraadet", "oekonomiudvalget", "fagudvalg", "tvaergaaende-udvalg"]
    assert tree.roots[0] == "direktionen"
    assert "udviklingsforum-medarbejder" in tree.roots
    assert tree.cards["direktionen"].members == (
        "kommunaldirektoer",
        "direktoer-by-kultur-miljoe",
        "direktoer-omraade-2",
        "direktoer-omraade-3",
    )
    # the afdelingschef reports to one of the directors, not to the body (drawing candidates: issue 14)
    assert "leder-roskilde-beredskab" in tree.children["direktionen"]
    # "Roskilde Beredskab refererer dog til direktøren for By, Kultur og Miljø": a line from that member
    assert tree.style["leder-roskilde-beredskab"] == "line"
    assert tree.via["leder-roskilde-beredskab"] == "direktoer-by-kultur-miljoe"
    assert tree.cards["leder-roskilde-beredskab"].branch == tree.cards["direktionen"].member_branches[1]
    assert tree.style.get("afdelingschef") != "body"
    assert set(tree.secondary) == {
        ("direktionen", "byraadet", "accountable_to"),
        ("direktionen", "oekonomiudvalget", "accountable_to"),
        ("direktionen", "fagudvalg", "accountable_to"),
    }


def test_depth_counts_people_or_posts_below(roskilde: orggraph.Org, example: orggraph.Org) -> None:
    tree = chart_tree(roskilde, depth=0)
    # below the direktion: the Beredskab leader (1 person), and the afdelingschef (hung from the first of its
    # candidate directors, with a dash-dot line) with the four posts below it, all of unknown size
    assert tree.cards["direktionen"].hidden == Hidden(6, 1.0, 5)
    assert tree.cards["direktionen"].hidden.text() == "+1 person, +5 posts"
    assert tree.notes == []  # asked for, not forced
    cards = example.chart(depth=1).tree.cards
    assert cards["cfo"].hidden.text() == "+3 people"  # 3 accountants
    assert cards["coo"].hidden.text() == "+6 people"  # 2 site leads and 4 technicians
    assert not cards["assistant"].hidden


def test_depth_is_counted_below_the_political_level(example: orggraph.Org) -> None:
    tree = chart_tree(example, depth=0)
    assert set(tree.cards) == {"board-of-trustees", "chair", "ceo"}


def test_highlight_takes_ids_query_results_and_decisions(example: orggraph.Org, roskilde: orggraph.Org) -> None:
    def marked(picture: ChartPicture) -> list[str]:
        return sorted(c for c, card in picture.tree.cards.items() if card.highlighted)

    assert marked(example.chart(highlight="cfo")) == ["cfo"]
    assert marked(example.chart(highlight=example.chain_of_command("technician"))) == [
        "ceo",
        "chair",
        "coo",
        "site-lead",
    ]
    assert marked(example.chart(highlight=example.members("board"))) == ["ceo", "cfo", "coo"]
    assert marked(example.chart(highlight=example.who_decides("hiring", "accountant"))) == ["cfo"]
    decision = roskilde.who_decides("ansaettelse", "afdelingschef")
    assert marked(roskilde.chart(highlight=decision)) == ["direktionen"]
    members = roskilde.chart(highlight="direktoer-by-kultur-miljoe").tree.cards["direktionen"].highlighted_members
    assert members == frozenset({"direktoer-by-kultur-miljoe"})


def test_highlighted_cards_are_drawn_even_below_the_depth(example: orggraph.Org) -> None:
    tree = example.chart(depth=0, highlight="technician").tree
    assert {"technician", "site-lead", "coo"} <= set(tree.cards)
    assert "cfo" not in tree.cards
    assert tree.cards["ceo"].hidden == Hidden(3, 5.0, 0)  # 3 posts: assistant, cfo, accountant (×3)


def test_root_draws_a_subtree(example: orggraph.Org) -> None:
    tree = example.chart(root="Operations").tree  # a unit: its head's subtree
    assert tree.roots == ["coo"]
    assert set(tree.cards) == {"coo", "site-lead", "technician"}
    assert tree.political_roots == []


def test_bad_options_say_what_is_valid(example: orggraph.Org) -> None:
    with pytest.raises(RenderError, match=r"direction='RL': use 'TB' \(top to bottom\) or 'LR'"):
        example.chart(direction="RL")  # type: ignore[call-overload]  # a user without mypy gets a RenderError
    with pytest.raises(RenderError, match=r"show=.*choose any of 'title', 'unit', 'holder', 'headcount'"):
        example.chart(show=["title", "salary"])
    with pytest.raises(RenderError, match="depth=-1"):
        example.chart(depth=-1)
    with pytest.raises(RenderError, match=r"cannot highlight 'budget' \(Annual budget\): it is a topic"):
        example.chart(highlight="budget")
    with pytest.raises(RenderError, match=r"cannot draw a chart from 'budget'"):
        example.chart(root="budget")
    with pytest.raises(UnknownNodeError, match="did you mean 'cfo'"):
        example.chart(highlight=["cf0"])
    with pytest.raises(RenderError, match="colour_by='unit'"):
        example.wheel(colour_by="unit")  # type: ignore[arg-type]  # a wrong value on purpose
    assert issubclass(RenderError, ValueError)


def test_a_manager_the_source_does_not_name_is_said_in_the_box(roskilde: orggraph.Org) -> None:
    # "udenfor linieorganisationen": the Udviklingsforum employees' manager is implied, not named
    assert roskilde.graph.nodes["udviklingsforum-medarbejder"]["manager_unknown"]
    picture = roskilde.chart()
    box = picture.layout.boxes["udviklingsforum-medarbejder"]
    (said,) = [rect for text, rect in picture.labels if text == "manager not documented"]
    assert _contains(box, said)


def test_show_leaves_out_what_is_not_wanted(example: orggraph.Org) -> None:
    full = {text for text, _ in example.chart().labels}
    titles = {text for text, _ in example.chart(show=("title",)).labels}
    assert {"Åse Øberg", "Finance", "×3"} <= full
    assert titles.isdisjoint({"Åse Øberg", "Finance", "×3"})
    assert "Chief Executive" in titles


def test_pictures_stay_out_of_pyplot(example: orggraph.Org) -> None:
    pyplot = pytest.importorskip("matplotlib.pyplot")
    before = pyplot.get_fignums()
    example.chart()
    example.forum_chart()
    example.wheel()
    assert pyplot.get_fignums() == before
    assert matplotlib.get_backend().lower() == "agg"


def test_jupyter_and_pdf_output(example: orggraph.Org) -> None:
    picture = example.chart()
    data, size = picture._repr_png_()
    assert data.startswith(PNG_MAGIC)
    width, height = picture.get_size_inches()
    assert size == {"width": round(width * 100), "height": round(height * 100)}
    buffer = io.BytesIO()
    picture.savefig(buffer, format="pdf")
    assert buffer.getvalue().startswith(b"%PDF")


def test_a_missing_glyph_warns_like_matplotlib() -> None:
    with pytest.warns(RuntimeWarning, match=r"Glyph 19968 \('一'\) missing from font\(s\) DejaVu Sans"):
        text_path("一", 8)


def test_labels_in_boxes_are_at_least_7_points(roskilde: orggraph.Org) -> None:
    picture = roskilde.chart()
    assert min(rect.height for _, rect in picture.labels) >= 4.5  # a 7 pt lower-case line is ~5 pt tall
    sizes = {float(t.get_fontsize()) for t in picture.findobj(Text) if t.get_text()}
    assert min(sizes) >= 7


def test_the_card_forest_is_read_once_per_organisation_and_dropped_with_it() -> None:
    org = synthetic(50)
    kept = len(tree_module._cards_of)
    first = tree_module._cards_of(org)
    assert tree_module._cards_of(org) is first
    assert ChartForest(org, root="p1").roots == ["p1"]
    assert tree_module._cards_of(org) is first
    del org
    gc.collect()
    assert len(tree_module._cards_of) == kept


def test_the_forest_can_be_selected_at_several_depths_cheaply(big: orggraph.Org) -> None:
    forest = ChartForest(big)
    assert forest.levels == [1, 5, 25, 125, 625, 3125, 15625, 469]
    assert forest.fitting_depth(None, 300) == 3
    shallow = forest.select(depth=1)
    assert shallow.hidden == Hidden(19_994, 19_994.0, 0)


# -- forum chart ------------------------------------------------------------------------------------


def test_forum_chart_marks_roles(ishoj: orggraph.Org, roskilde: orggraph.Org) -> None:
    picture = ishoj.forum_chart()
    assert picture.roles["kommunaldirektoer", "direktionsmoeder"] == ("member", "chair", "owner")
    assert picture.roles["borgmester", "direktionsmoeder"] == ("guest",)
    assert picture.roles["direktoer-omraade-2", "koncernledelsesmoeder"] == ("member", "rotating chair")
    assert picture.rows == [
        "borgmester",
        "kommunaldirektoer",
        "direktoer-omraade-2",
        "direktoer-omraade-3",
        "centerchef",
    ]
    labels = [t.get_text() for t in picture.findobj(Text)]
    assert {"Centerchef ×9", "Direktør (område 2)", "Political level"} <= set(labels)
    # a committee takes part as a body whose posts are not in the data: it gets a row of its own
    roskilde_picture = roskilde.forum_chart()
    assert roskilde_picture.roles["oekonomiudvalget", "oekonomiudvalgets-strategiseminar"] == ("member",)
    assert "Medarbejder i Udviklingsforum ca. 20" in {t.get_text() for t in roskilde_picture.findobj(Text)}


def test_forum_chart_rows_are_capped(big: orggraph.Org) -> None:
    posts = [f"p{i}" for i in range(1, 201)]
    data = big.to_dict()
    data["forums"] = [
        {"id": "alle", "name": "Alle", "members": posts},
        {"id": "top", "name": "Top", "members": posts[:5]},
    ]
    org = orggraph.from_dict(data)
    picture = org.forum_chart(max_rows=50)
    assert len(picture.rows) == 50
    assert picture.rows[:5] == posts[:5]  # the posts in the most forums come first
    assert picture.notes == ("showing the 50 posts in the most forums; 150 more take part in some",)


def test_meetings_text() -> None:
    def series(**cadence: Any) -> MeetingSeries:
        return MeetingSeries(cadence=Cadence(**cadence))

    assert meetings_text([series(every=14, unit="days")]) == "26"
    assert meetings_text([series(per_year=4), series(per_year=2)]) == "6"  # Chefforum: 4 meetings + 2 seminars
    assert meetings_text([series(per_year=1, per_year_max=2)]) == "1–2"
    assert meetings_text([series(unspecified="fast mødekadence")]) == "regular"
    assert meetings_text([series(ad_hoc=True), series(ad_hoc=True)]) == "ad hoc"


# -- annual wheel -----------------------------------------------------------------------------------


def test_roskilde_wheel_places_every_event_in_its_quarter(roskilde: orggraph.Org) -> None:
    picture = roskilde.wheel()
    nodes = roskilde.graph.nodes
    assert len(picture.angles) == 25
    for event, angle in picture.angles.items():
        quarter = nodes[event]["quarter"]
        assert (quarter - 1) * 90 < angle < quarter * 90
    fourth = sorted(a for e, a in picture.angles.items() if nodes[e]["quarter"] == 4)
    assert len(fourth) == 9
    assert min(b - a for a, b in itertools.pairwise(fourth)) == pytest.approx(10)
    assert picture.colours["Chefforum"] != picture.colours["Lederforum"]


def test_a_month_places_an_event_in_that_month(example: orggraph.Org) -> None:
    assert example.wheel().angles["q4-strategy"] == pytest.approx(315)  # November: 300-330 degrees


def test_an_empty_wheel_says_so(ishoj: orggraph.Org) -> None:
    picture = ishoj.wheel()
    assert picture.angles == {}
    assert picture.notes == ("no events in the data: the annual wheel is empty",)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-100, 100), st.floats(0.5, 20)), min_size=1, max_size=30),
    st.floats(0, 5),
)
def test_dodge_separates_and_keeps_order(items: list[tuple[float, float]], gap: float) -> None:
    items.sort()
    centres = [c for c, _ in items]
    heights = [h for _, h in items]
    placed = dodge(centres, heights, gap)
    for i in range(len(placed) - 1):
        assert placed[i + 1] - placed[i] >= (heights[i] + heights[i + 1]) / 2 + gap - 1e-6
    if all(centres[i + 1] - centres[i] >= (heights[i] + heights[i + 1]) / 2 + gap for i in range(len(centres) - 1)):
        assert placed == pytest.approx(centres)
    # the mean displacement of a moved block is zero (each block is centred on its wishes)
    assert sum(placed) == pytest.approx(sum(centres), abs=1e-6 * len(centres) + 1e-6)


def test_one_giant_unit_with_a_board_of_many_members_is_charted_correctly() -> None:
    """Every post in one unit (issue 18's quadratic corner): members once each, head first, counts exact."""
    count = 3_000
    posts: list[dict[str, Any]] = [{"id": "p0", "name": "Direktør", "top": True, "unit": "drift"}]
    posts.extend(
        {"id": f"p{i}", "name": f"Medarbejder {i}", "reports_to": f"p{(i - 1) // 8}", "unit": "drift"}
        for i in range(1, count)
    )
    board = [f"b{i}" for i in range(400)]
    posts.extend({"id": b, "name": f"Direktionsmedlem {b}", "reports_to": "p0", "unit": "direktion"} for b in board)
    org = orggraph.from_dict(
        {
            "organisation": {"id": "giant", "name": "Kæmpe"},
            # b7 heads the board and sits in it: one member, listed first
            "units": [
                {"id": "drift", "name": "Drift", "head": "p0"},
                {"id": "direktion", "name": "Direktion", "kind": "executive_board", "head": "b7"},
            ],
            "posts": posts,
        }
    )
    forest = ChartForest(org)
    tree = forest.select()
    direktion = tree.cards["direktion"]
    assert direktion.members == ("b7", *(b for b in board if b != "b7"))
    # the p-tree: p0 on top, every post i below (i - 1) // 8, in data order
    children = tree.children
    expected: dict[str, list[str]] = {}
    for i in range(1, count):
        expected.setdefault(f"p{(i - 1) // 8}", []).append(f"p{i}")
    assert {card: kids for card, kids in children.items() if card.startswith("p")} == {
        card: (["direktion"] if card == "p0" else []) + kids
        for card, kids in expected.items()  # units come first
    }
    assert len(tree.cards) == count + 1  # the posts of the p-tree and one board card
    top = forest.select(depth=0)
    assert top.cards["p0"].hidden == Hidden(count - 1 + len(board), float(count - 1 + len(board)), 0)


# -- sizes, showing, Jupyter ---------------------------------------------------------------------------


def _pixels(picture: Figure, dpi: float) -> Any:
    return np.asarray(Image.open(io.BytesIO(png_bytes(picture, dpi))).convert("L"), dtype=float)


def test_figsize_scales_the_whole_picture_alike_where_set_size_inches_garbles_it(roskilde: orggraph.Org) -> None:
    """At half the size and twice the dpi a fitted chart has the natural chart's pixels; a stretched one does not."""
    natural = roskilde.chart()
    width, height = (float(x) for x in natural.get_size_inches())
    fitted = roskilde.chart(figsize=(width / 2, None))
    assert fitted.get_size_inches() == pytest.approx([width / 2, height / 2])
    stretched = roskilde.chart()
    stretched.set_size_inches(width / 2, height / 2)
    reference = _pixels(natural, 72)
    for picture, close in ((fitted, True), (stretched, False)):
        pixels = _pixels(picture, 144)
        assert abs(pixels.shape[0] - reference.shape[0]) <= 1
        assert abs(pixels.shape[1] - reference.shape[1]) <= 1
        rows, cols = min(pixels.shape[0], reference.shape[0]), min(pixels.shape[1], reference.shape[1])
        differ = np.mean(np.abs(pixels[:rows, :cols] - reference[:rows, :cols]) > 64)
        assert bool(differ < 0.01) == close, differ


def test_every_picture_call_takes_a_figsize(example: orggraph.Org, roskilde: orggraph.Org) -> None:
    for draw in (roskilde.chart, roskilde.forum_chart, roskilde.wheel, example.chart):
        natural = [float(x) for x in draw().get_size_inches()]
        for box in ((4.0, 3.0), (None, 2.5), (12.0, None)):
            picture = draw(figsize=box)
            size = [float(x) for x in picture.get_size_inches()]
            assert size[0] / size[1] == pytest.approx(natural[0] / natural[1])
            fits = [s <= b + 1e-9 for s, b in zip(size, box, strict=True) if b is not None]
            touches = [s == pytest.approx(b) for s, b in zip(size, box, strict=True) if b is not None]
            assert all(fits), (draw, box, size)
            assert any(touches), (draw, box, size)
            assert picture.fit(2.0).get_size_inches()[0] == pytest.approx(2.0)
    with pytest.raises(RenderError, match=r"figsize=10: give \(width, height\) in inches"):
        example.chart(figsize=10)  # type: ignore[call-overload]
    with pytest.raises(RenderError, match=r"figsize width -1: give a positive number of inches, or None"):
        example.wheel(figsize=(-1, 3))
    with pytest.raises(RenderError, match=r"figsize=\(None, None\): give a width or a height"):
        example.forum_chart(figsize=(None, None))


def test_show_outside_jupyter_without_a_display_writes_the_png_and_says_so(
    example: orggraph.Org, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    picture = example.chart()
    picture.show()
    assert picture.shown is not None
    assert picture.shown.read_bytes().startswith(PNG_MAGIC)
    assert capsys.readouterr().err == (
        f"picture written to {picture.shown}; no display to open it on (headless): open the file, or use savefig\n"
    )
    picture.shown.unlink()


def test_show_opens_the_png_with_the_viewer_when_there_is_a_display(
    example: orggraph.Org, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[list[str]] = []
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(subprocess, "Popen", lambda command, **_: opened.append(command))
    picture = example.wheel()
    picture.show()
    assert opened == [["/usr/bin/xdg-open", str(picture.shown)]]
    assert capsys.readouterr().err.endswith("and opened with xdg-open\n")
    assert picture.shown is not None
    picture.shown.unlink()


def test_show_in_jupyter_displays_inline(example: orggraph.Org, monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    from orggraph.render import picture as picture_module

    shown: list[object] = []
    fake = types.ModuleType("IPython.display")
    fake.display = shown.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython.display", fake)
    monkeypatch.setattr(picture_module, "_in_jupyter", lambda: True)
    picture = example.forum_chart()
    picture.show()
    assert shown == [picture]
    assert picture.shown is None


def test_a_large_chart_shows_in_jupyter_at_full_scale_in_a_scrolling_frame(example: orggraph.Org) -> None:
    assert example.chart()._repr_html_() is None  # small: the PNG, as before
    picture = synthetic(16, span=15).chart(compact=False, max_width=None)  # 15 boxes side by side
    data, size = picture._repr_png_()
    assert size["width"] > 1_000
    html = picture._repr_html_()
    assert html is not None
    assert 'style="overflow:auto;' in html
    assert f'width="{size["width"]}" height="{size["height"]}"' in html
    assert "max-width:none" in html  # not shrunk to the cell
    encoded = html.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(encoded) == data


def test_jupyter_draws_a_picture_once_for_its_html_and_png(example: orggraph.Org) -> None:
    picture = synthetic(16, span=15).chart(compact=False, max_width=None)
    drawn: list[object] = []
    savefig = picture.savefig

    def counting(*args: Any, **kwargs: Any) -> None:
        drawn.append(args)
        savefig(*args, **kwargs)

    picture.savefig = counting  # type: ignore[method-assign]
    assert picture._repr_html_() is not None
    picture._repr_png_()
    assert len(drawn) == 1
    picture.axes[0].set_title("changed")  # a changed figure is drawn again
    picture._repr_png_()
    assert len(drawn) == 2


# -- drawing many boxes and saving big pictures ---------------------------------------------------------


def test_a_png_holds_exactly_the_pixels_drawn(example: orggraph.Org) -> None:
    picture = example.chart(highlight=["cfo"])
    buffer = io.BytesIO()
    picture.savefig(buffer, format="png", metadata={"Title": "Ærø"})
    drawn = np.asarray(picture.canvas.buffer_rgba())  # type: ignore[attr-defined]
    image = Image.open(io.BytesIO(buffer.getvalue()))
    assert image.mode == "RGB"  # every pixel opaque: the alpha channel is left out
    assert np.array_equal(np.asarray(image), drawn[..., :3])
    assert image.info["Software"].startswith("Matplotlib")
    assert image.info["Title"] == "Ærø"
    assert image.info["dpi"] == pytest.approx((100, 100), abs=0.01)
    clear = io.BytesIO()
    picture.savefig(clear, format="png", transparent=True)
    drawn = np.asarray(picture.canvas.buffer_rgba())  # type: ignore[attr-defined]
    image = Image.open(io.BytesIO(clear.getvalue()))
    assert image.mode == "RGBA"
    assert np.array_equal(np.asarray(image), drawn)
    # Pillow's options still go to Pillow
    optimised = io.BytesIO()
    picture.savefig(optimised, format="png", pil_kwargs={"optimize": True})
    assert np.array_equal(np.asarray(Image.open(optimised).convert("RGB")), np.asarray(Image.open(buffer)))


def test_a_picture_too_big_for_a_bitmap_is_saved_at_a_lower_resolution_and_says_which(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from orggraph.render import picture as picture_module

    monkeypatch.setattr(picture_module, "MAX_PIXELS", 200_000)
    picture = synthetic(60).chart(max_boxes=100, max_width=None)
    width, height = picture.get_size_inches()
    assert width * height * 100**2 > 200_000  # at 100 dpi it would not fit
    dpi = picture_module.raster_dpi(width, height, 100)
    assert dpi == int((200_000 / (width * height)) ** 0.5)  # hand-computed: the whole dpi that fits
    with pytest.warns(picture_module.ResolutionWarning, match=rf"saved at {dpi:g} dpi .* instead of 100 dpi"):
        picture.savefig(tmp_path / "chart.png")
    image = Image.open(tmp_path / "chart.png")
    assert image.width * image.height <= 200_000
    assert image.size == (int(width * dpi), int(height * dpi))  # as matplotlib sizes it
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        picture.savefig(tmp_path / "chart.svg")  # vector formats keep every detail
        picture.savefig(tmp_path / "small.png", dpi=dpi)


@pytest.mark.parametrize("count", [40, 400])
def test_a_chart_of_every_box_draws_each_label_once_with_a_few_artists(count: int) -> None:
    picture = synthetic(count).chart(max_boxes=count, max_width=None)
    assert len(picture.layout.boxes) == count
    texts = [text for text, _ in picture.labels]
    assert sorted(texts) == sorted(["Kommunaldirektør", *(f"Medarbejder {i} på Ærø" for i in range(1, count))])
    box_texts_fit(picture)
    # boxes, stripes and glyphs are joined into compound paths: the artists do not grow with the boxes
    assert len(picture.axes[0].get_children()) < 40
