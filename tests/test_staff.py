"""Staff rows summed under their managers, FTE said as FTE, totals that survive unknowns; checked against the CSV."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.graph import node_field
from orggraph.importers.report import ImportReport
from orggraph.render.tree import Hidden, chart_tree
from orggraph.staff import Total, counts_in_fte, fte_total, staff_breakdown, staff_of, staff_summary

DATA = Path(__file__).parent / "data"
SENIOR, JUNIOR = DATA / "hmrc-excerpt-2011-03-31-senior.csv", DATA / "hmrc-excerpt-2011-03-31-junior.csv"
ORGANOGRAMS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "uk-organograms"
needs_shared = pytest.mark.skipif(not ORGANOGRAMS.is_dir(), reason="../shared/data/uk-organograms is not there")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def excerpt() -> orggraph.Org:
    return orggraph.read_organogram(SENIOR, JUNIOR)


def test_staff_summary_matches_the_junior_csv(excerpt: orggraph.Org) -> None:
    by_post: dict[str, float] = defaultdict(float)
    rows: dict[str, int] = defaultdict(int)
    for row in _rows(JUNIOR):
        by_post[row["Reporting Senior Post"]] += float(row["Number of Posts in FTE"])
        rows[row["Reporting Senior Post"]] += 1
    summary = staff_summary(excerpt)
    fte = summary["fte"].groupby(level="manager").sum()
    assert fte.to_dict() == pytest.approx(dict(by_post))
    assert summary["rows"].groupby(level="manager").sum().to_dict() == dict(rows)
    assert {manager: len(posts) for manager, posts in staff_of(excerpt).items()} == dict(rows)


def test_a_box_breakdown_names_the_grades_most_senior_first(excerpt: orggraph.Org) -> None:
    per_grade: dict[str, float] = defaultdict(float)
    for row in _rows(JUNIOR):
        if row["Reporting Senior Post"] == "P1":
            per_grade[row["Grade"]] += float(row["Number of Posts in FTE"])
    # the Chief People Officer's own staff, from the file: 1 Grade 7, 2 Higher Officer, 1 Officer
    assert per_grade == {"Grade 7": 1.0, "Higher Officer": 2.0, "Officer": 1.0}
    assert staff_breakdown(excerpt, "P1") == "4 FTE: 1 G7, 2 HEO, 1 EO"
    assert staff_breakdown(excerpt, "CE1") is None  # no junior row reports to the chief executive in the excerpt


def test_a_breakdown_sums_the_grades_beyond_the_fourth_as_a_range() -> None:
    org = orggraph.loads(
        """
organisation: {id: t, name: T}
posts:
  - {id: d, name: Director, grade: SCS1, top: true}
"""
        + "".join(
            f"  - {{id: s{i}, name: Staff, grade: {g}, headcount: {n}, junior: true, reports_to: d}}\n"
            for i, (g, n) in enumerate([("G6", 1), ("G7", 2), ("SEO", 3), ("HEO", 4), ("EO", 10), ("AO", 20.4)])
        )
    )
    # whole FTE from 10 up, so a box stays short
    assert staff_breakdown(org, "d") == "40 FTE: 1 G6, 2 G7, 3 SEO, 4 HEO, 30 EO\u2013AO"
    assert staff_breakdown(org, "d", most=6) == "40 FTE: 1 G6, 2 G7, 3 SEO, 4 HEO, 10 EO, 20 AO"


def test_the_chart_draws_senior_posts_and_sums_staff_in_their_boxes(excerpt: orggraph.Org) -> None:
    seniors = {row["Post Unique Reference"] for row in _rows(SENIOR)}
    tree = chart_tree(excerpt)
    assert set(tree.cards) == seniors  # one box per senior post, none for the 339 junior rows
    assert tree.hidden.posts == 0
    picture = excerpt.chart()
    assert "4 FTE: 1 G7, 2 HEO, 1 EO" in [label for label, _ in picture.labels]  # the Chief People Officer's box
    texts = [t.get_text() for ax in picture.figure.axes for t in ax.texts]
    staff = sum(len(rows) for rows in staff_of(excerpt).values())
    assert any(f"with {staff} staff rows summed in their boxes" in text for text in texts)


def test_counts_are_said_in_fte_for_an_organogram_and_in_people_otherwise(excerpt: orggraph.Org) -> None:
    assert counts_in_fte(excerpt)
    assert not counts_in_fte(orggraph.example())
    assert " FTE)" in repr(excerpt)
    assert "(14 people)" in repr(orggraph.example())
    # a whole number of FTE is still FTE: badges of one chart agree on the unit
    assert Hidden(3, 32.0, fte=True).text() == "+32 FTE"
    assert Hidden(3, 1675.8, fte=True).text() == "+1 675.8 FTE"
    assert Hidden(3, 32.0).text() == "+32 people"
    tree = chart_tree(excerpt, depth=0)
    assert all(card.hidden.text().endswith("FTE") for card in tree.cards.values() if card.hidden)


def test_totals_match_the_csv_and_survive_a_blank(excerpt: orggraph.Org) -> None:
    senior = [row["FTE"] for row in _rows(SENIOR)]
    junior = [row["Number of Posts in FTE"] for row in _rows(JUNIOR)]
    known = sum(float(v) for v in senior + junior if v.strip())
    blanks = sum(1 for v in senior + junior if not v.strip())
    total = fte_total(excerpt)
    assert total.known == pytest.approx(known)
    assert total.unknown == blanks
    assert total.unit == "FTE"


@needs_shared
def test_hmrc_people_is_the_known_sum_with_the_blank_counted() -> None:
    name = "her_majestys_revenue_and_customs-2011-03-31"
    senior, junior = ORGANOGRAMS / f"{name}-senior.csv", ORGANOGRAMS / f"{name}-junior.csv"
    org = orggraph.read_organogram(senior, junior)
    values = [row["FTE"] for row in _rows(senior)] + [row["Number of Posts in FTE"] for row in _rows(junior)]
    known = sum(float(v) for v in values if v.strip())
    blanks = sum(1 for v in values if not v.strip())
    assert blanks == 1
    summary = org.metrics_summary()
    assert summary.people == pytest.approx(known)
    assert summary.unknown_size_posts == blanks
    assert summary.people_lower_bound
    number = f"{known:,.2f}".replace(",", " ")
    assert str(summary).startswith(f"Her Majesty's Revenue and Customs: 6 138 posts, at least {number} FTE (1 post of")
    assert math.isnan(org.metrics_summary(skipna=False).people)
    assert str(fte_total(org)) == f"{number} FTE + 1 post of unknown size (a lower bound)"


@settings(deadline=None, max_examples=60)
@given(st.lists(st.one_of(st.none(), st.floats(0, 1e4, allow_nan=False)), max_size=30))
def test_a_total_is_the_known_sum_and_the_unknown_count(values: list[float | None]) -> None:
    known = [v for v in values if v is not None]
    total = Total(sum(known), len(values) - len(known), "FTE")
    assert total.complete == (len(known) == len(values))
    assert total.value() == sum(known)
    assert math.isnan(total.value(skipna=False)) != total.complete
    assert ("lower bound" in str(total)) != total.complete


def test_unit_heads_are_inferred_from_the_reporting_lines(excerpt: orggraph.Org) -> None:
    senior, junior = _rows(SENIOR), _rows(JUNIOR)
    unit_of = {r["Post Unique Reference"]: r["Unit"] for r in senior}
    tops: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # unit -> (post, senior?) whose manager is outside
    for r in senior:
        if unit_of.get(r["Reports to Senior Post"]) != r["Unit"]:
            tops[r["Unit"]].append((r["Post Unique Reference"], True))
    for r in junior:
        if unit_of.get(r["Reporting Senior Post"]) != r["Unit"]:
            tops[r["Unit"]].append((r["Reporting Senior Post"], False))
    expected = {unit: found[0][0] for unit, found in tops.items() if len(found) == 1 and found[0][1]}
    heads = {
        excerpt.name(u): node_field(excerpt.graph.nodes[u], "head")
        for u in excerpt.nodes("unit")
        if node_field(excerpt.graph.nodes[u], "head")
    }
    assert heads == expected
    assert heads["People Function"] == "P1"
    report = excerpt.import_report
    assert isinstance(report, ImportReport)
    noted = {entry.item for entry in report.inferred if entry.action.startswith("made it the head of unit")}
    assert noted == set(heads.values())
    # a unit with a head can be the root of a chart and be moved
    assert excerpt.chart(root="People Function").tree.roots == ["P1"]
    head = heads["Communications & Marketing"]
    assert excerpt.manager(head) == "P1"
    assert excerpt.move("Communications & Marketing", "CE1").manager(head) == "CE1"


def test_headcount_by_layer_can_skip_unknowns() -> None:
    root = Path(__file__).resolve().parent.parent
    roskilde = orggraph.load(root / "data" / "roskilde.yaml")
    strict, known = roskilde.headcount_by_layer(), roskilde.headcount_by_layer(skipna=True)
    total = fte_total(roskilde)
    assert known["people"].sum() == total.known
    assert known["unknown_size_posts"].sum() == total.unknown == 5
    complete = known["unknown_size_posts"] == 0
    assert strict.loc[complete, "people"].tolist() == known.loc[complete, "people"].tolist()
    assert strict.loc[~complete, "people"].isna().all()  # the default keeps NaN where a count is unknown
