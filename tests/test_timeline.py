"""Timelines: trend figures against counts made with the csv module, matching quality, changes, anomalies.

``tests/data/dfid-excerpt-<date>-{senior,junior}.csv`` are rows copied unchanged from DFID's
2013-09-30, 2014-03-31 and 2014-09-30 publications (``../shared/data/uk-organograms``): senior rows of
24, 10 and 24 chosen posts (the middle one keeps fewer, as the real 2014-03-31 file does) and the first
40 junior rows under them. The core tests run on them; the whole series is tested when ``../shared`` is there.
"""

from __future__ import annotations

import csv
import datetime
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import OrgDataError
from orggraph.matching import match_posts, words
from orggraph.scenario import Add, Move, Remove, apply
from orggraph.timeline import Timeline, timeline

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).parent.parent.parent / "shared" / "data" / "uk-organograms"
DFID = "department_for_international_development"
DATES = ["2011-03-31", "2011-09-30", "2013-03-31", "2013-09-30", "2014-03-31", "2014-09-30"]
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not there")

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))


def _excerpt() -> list[Path]:
    return sorted(DATA.glob("dfid-excerpt-*.csv"))


def _dfid() -> list[Path]:
    return sorted(SHARED.glob(f"{DFID}-*.csv"))


@pytest.fixture(scope="module")
def excerpt() -> Timeline:
    return orggraph.read_organogram_series(_excerpt())


@pytest.fixture(scope="module")
def dfid() -> Timeline:
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not there")
    return orggraph.read_organogram_series(_dfid())


# -- counts made independently, with the csv module -------------------------------------------------


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _csv_counts(senior: Path, junior: Path) -> dict[str, float]:
    """Posts, FTE, vacancies and top posts of one publication, counted straight from the files.

    A post is a distinct (reference, job title, reports-to) in the senior file (the format's job
    shares repeat a post on several rows); a row that names the same holder as an earlier row of
    its post repeats that row and is left out (DFID 2013-03-31 B72 and A16, whose repeats carry a
    URL as FTE); its FTE is the sum of its rows', unknown if a row's FTE is not a number; it is
    vacant when every row's name says 'Vacant'; it is a top post when it reports to 'XX'. Junior
    FTE is the sum of 'Number of Posts in FTE'.
    """
    posts: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    with open(senior, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (
                row["Post Unique Reference"].strip(),
                row["Job Title"].strip(),
                row["Reports to Senior Post"].strip(),
            )
            name = row["Name"].strip()
            named = name.casefold() not in ("", "vacant", "n/d", "eliminated")
            if not (named and any(other["Name"].strip() == name for other in posts[key])):
                posts[key].append(row)
    senior_fte, unknown, vacancies, tops = 0.0, 0, 0, 0
    for rows in posts.values():
        values = [_number(row["FTE"]) for row in rows]
        if None in values:
            unknown += 1
        else:
            senior_fte += sum(v for v in values if v is not None)
        vacancies += all(row["Name"].strip().casefold().startswith("vacant") for row in rows)
        tops += rows[0]["Reports to Senior Post"].strip().casefold() == "xx"
    junior_fte, junior_rows = 0.0, 0
    with open(junior, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            junior_rows += 1
            value = _number(row["Number of Posts in FTE"])
            if value is None:
                unknown += 1
            else:
                junior_fte += value
    return {
        "posts": len(posts),
        "junior_posts": junior_rows,
        "senior_people": senior_fte,
        "junior_people": junior_fte,
        "people": senior_fte + junior_fte,
        "people_unknown": unknown,
        "vacancies": vacancies,
        "top_posts": tops,
    }


def _assert_trend_matches_files(tl: Timeline, folder: Path, prefix: str) -> None:
    table = tl.trend()
    for day in tl.dates:
        expected = _csv_counts(folder / f"{prefix}-{day}-senior.csv", folder / f"{prefix}-{day}-junior.csv")
        got = table.loc[day].to_dict()
        for name, value in expected.items():
            assert math.isclose(float(got[name]), value, abs_tol=1e-6), (day, name, got[name], value)


def test_trend_of_the_excerpt_equals_counts_from_the_files(excerpt: Timeline) -> None:
    _assert_trend_matches_files(excerpt, DATA, "dfid-excerpt")
    # issue 19: the figures say what they count: organograms count full-time equivalents
    assert set(excerpt.trend()["people_unit"]) == {"FTE"}
    assert orggraph.timeline({"2024-01-01": orggraph.example()}).trend()["people_unit"].tolist() == ["people"]


@needs_shared
def test_trend_of_all_six_dfid_snapshots_equals_counts_from_the_files(dfid: Timeline) -> None:
    assert [d.isoformat() for d in dfid.dates] == DATES
    _assert_trend_matches_files(dfid, SHARED, DFID)
    # The data README: 2014-03-31 holds 29 senior posts against 77-92 around it.
    assert dfid.trend()["posts"].tolist()[3:] == [89, 29, 92]


@needs_shared
def test_grade_mix_counts_senior_posts_per_grade(dfid: Timeline) -> None:
    for day in dfid.dates:
        grades: dict[tuple[str, str, str], str] = {}
        with open(SHARED / f"{DFID}-{day}-senior.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                grade = (row.get("Grade (or equivalent)") or row.get("Grade") or "").strip()
                key = (row["Post Unique Reference"], row["Job Title"].strip(), row["Reports to Senior Post"].strip())
                grades.setdefault(key, grade)
        counts = {f"grade {g}": list(grades.values()).count(g) for g in set(grades.values())}
        figures = dfid.trend().loc[day].to_dict()
        assert {k: int(figures[k]) for k in counts} == counts
        assert sum(int(v) for c, v in figures.items() if str(c).startswith("grade ")) == len(grades)


# -- matching quality on the hand-labelled pairs ----------------------------------------------------


def test_the_labelled_sample_is_big_enough_and_reasoned() -> None:
    with open(DATA / "dfid-post-pairs.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 60
    assert {row["same_post"] for row in rows} == {"yes", "no"}
    assert all(row["reason"].strip() for row in rows)
    assert len({(r["date_a"], r["ref_a"], r["date_b"], r["ref_b"]) for r in rows}) == len(rows)


@needs_shared
def test_matching_precision_and_recall_on_the_labelled_pairs() -> None:
    from match_quality import evaluate

    quality = evaluate(SHARED)
    assert quality.true_positives + quality.false_negatives >= 30  # enough "same post" labels to measure recall
    assert quality.precision >= 0.95, quality.errors
    assert quality.recall >= 0.90, quality.errors


def test_labelled_pairs_in_the_excerpt_are_matched_as_labelled(excerpt: Timeline) -> None:
    with open(DATA / "dfid-post-pairs.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["date_a"] >= "2013-09-30"]
    checked = 0
    for row in rows:
        a, b = excerpt[row["date_a"]], excerpt[row["date_b"]]
        if row["ref_a"] not in a.graph or row["ref_b"] not in b.graph:
            continue
        paired = excerpt.matching(row["date_a"], row["date_b"]).a_to_b.get(row["ref_a"]) == row["ref_b"]
        assert paired == (row["same_post"] == "yes"), row
        checked += 1
    assert checked >= 15


def test_renumbered_regraded_post_is_matched_by_holder_and_title(excerpt: Timeline) -> None:
    # B67 'Keith Mackiggan', (Acting) Director ASCOT, SCS1 on 2013-09-30 is A42, SCS2, on 2014-03-31.
    table = excerpt.changes("2013-09-30", "2014-03-31")
    row = table.loc[table["post_a"] == "B67"].iloc[0]
    assert row["post_b"] == "A42"
    assert "regraded" in row["change"]
    assert "holder changed" not in row["change"]
    assert "holder" in row["basis"]
    assert "reference" not in row["basis"]


def test_matching_is_deterministic_and_one_to_one(excerpt: Timeline) -> None:
    a, b = excerpt["2013-09-30"], excerpt["2014-09-30"]
    first, second = match_posts(a, b), match_posts(a, b)
    assert first == second
    assert len(set(first.a_to_b)) == len(first.pairs) == len(set(first.a_to_b.values()))
    assert all(0 <= m.confidence <= 1 for m in first.pairs)


def test_min_confidence_tunes_the_matching(excerpt: Timeline) -> None:
    loose = excerpt.matching("2013-09-30", "2014-09-30", min_confidence=0.3)
    strict = excerpt.matching("2013-09-30", "2014-09-30", min_confidence=0.95)
    assert set(strict.pairs) <= set(loose.pairs) or len(strict.pairs) <= len(loose.pairs)
    assert all(m.confidence >= 0.95 for m in strict.pairs)
    table = excerpt.changes("2013-09-30", "2014-09-30", min_confidence=0.95)
    assert (table["confidence"].dropna() >= 0.95).all()


def test_names_match_in_either_order_and_abbreviated() -> None:
    from orggraph.matching import _holder_score

    def name(text: str) -> frozenset[str]:
        return words(text, stem=False)

    assert _holder_score(name("Barrett John"), name("John Barrett")) == 1.0
    assert _holder_score(name("Gnanendran Vel"), name("Velavan Gnanendran")) == 1.0
    assert _holder_score(name("Sarah Cooke"), name("Sarah Dunn")) == 0.0
    assert _holder_score(name("Christopher Pycroft"), name("Chris Pycroft")) == 1.0


# -- changes, churn, lineage, anomalies on small organisations ---------------------------------------


def test_changes_name_every_kind() -> None:
    org = orggraph.example()
    later = apply(
        org, Move("accountant", "coo"), Remove("site-lead"), Add("controller", "Controller", reports_to="cfo")
    )
    tl = timeline({"2024-01-01": org, "2025-01-01": later})
    table = tl.changes("2024-01-01", "2025-01-01")
    table = table.astype(object).where(table.notna(), None)
    change = {(a, b): c for a, b, c in table[["post_a", "post_b", "change"]].itertuples(index=False)}
    assert change[("site-lead", None)] == "removed"
    assert change[(None, "controller")] == "added"
    assert change[("accountant", "accountant")] == "moved"
    assert change[("technician", "technician")] == "moved"  # its manager went
    # one row per post of either snapshot
    assert len(table) == len(org.nodes("post")) + 1


def test_retitled_regraded_holder_changed() -> None:
    base = {"organisation": {"id": "d", "name": "D"}, "units": [{"id": "u", "name": "U"}]}
    a = orggraph.from_dict(
        {
            **base,
            "posts": [
                {
                    "id": "1",
                    "name": "Director of Finance",
                    "top": True,
                    "grade": "SCS2",
                    "holders": ["Ann Lee"],
                    "unit": "u",
                },
                {
                    "id": "2",
                    "name": "Head of Audit",
                    "reports_to": "1",
                    "grade": "SCS1",
                    "holders": ["Bo Ek"],
                    "unit": "u",
                },
            ],
        }
    )
    b = orggraph.from_dict(
        {
            **base,
            "posts": [
                {
                    "id": "1",
                    "name": "Director, Finance",
                    "top": True,
                    "grade": "SCS3",
                    "holders": ["Lee Ann"],
                    "unit": "u",
                },
                {
                    "id": "9",
                    "name": "Head of Audit",
                    "reports_to": "1",
                    "grade": "SCS1",
                    "holders": ["Cy Ho"],
                    "unit": "u",
                },
            ],
        }
    )
    table = timeline({"2020-01-01": a, "2021-01-01": b}).changes("2020-01-01", "2021-01-01")
    assert table["change"].tolist() == ["retitled+regraded", "holder changed"]
    assert table["post_b"].tolist() == ["1", "9"]


def test_churn_counts_the_changes(excerpt: Timeline) -> None:
    churn = excerpt.churn()
    assert len(churn) == 2
    for (a, b), row in zip(churn.index, churn.to_dict("records"), strict=True):
        table = excerpt.changes(a, b)
        assert row["added"] == (table["change"] == "added").sum()
        assert row["removed"] == (table["change"] == "removed").sum()
        assert row["unchanged"] == (table["change"] == "unchanged").sum()


def test_lineage_follows_a_renumbered_post(excerpt: Timeline) -> None:
    history = excerpt.lineage("A42", "2014-03-31")
    # On 2014-09-30 'A42' is Keith Mackiggan again, but as 'Head of Department' (SCS1): another job.
    assert history["post"].tolist() == ["B67", "A42"]
    assert history["holder"].tolist() == ["Keith Mackiggan", "Keith Mackiggan"]
    assert history["change"].tolist() == ["", "moved+retitled+regraded"] or "regraded" in history["change"].iloc[1]
    reused = excerpt.anomalies().query("kind == 'reference reused'")
    assert reused[["date", "post"]].values.tolist() == [[datetime.date(2014, 9, 30), "A42"]]


def test_the_partial_publication_is_found(excerpt: Timeline) -> None:
    assert excerpt.partial_snapshots() == [datetime.date(2014, 3, 31)]
    found = excerpt.anomalies()
    partial = found[found["kind"] == "partial publication"]
    assert partial["date"].tolist() == [datetime.date(2014, 3, 31)]
    assert "not a cut" in partial["detail"].iloc[0]


@needs_shared
def test_dfid_anomalies(dfid: Timeline) -> None:
    found = dfid.anomalies()
    assert found.loc[found["kind"] == "partial publication", "date"].tolist() == [datetime.date(2014, 3, 31)]
    reused = found[found["kind"] == "reference reused"]
    # Labelled: B43 was Head of DFID Bangladesh on 2011-03-31 and Head of CHASE on 2011-09-30.
    assert ((reused["post"] == "B43") & (reused["date"] == datetime.date(2011, 9, 30))).any()


def test_reference_reuse_and_vanish_and_return() -> None:
    def org(*posts: tuple[str, str]) -> orggraph.Org:
        return orggraph.from_dict(
            {
                "organisation": {"id": "d", "name": "D"},
                "posts": [
                    {"id": i, "name": n, "top": i == "1", **({} if i == "1" else {"reports_to": "1"})} for i, n in posts
                ],
            }
        )

    head = ("1", "Permanent Secretary")
    tl = timeline(
        {
            "2020-01-01": org(head, ("2", "Head of DFID Sudan"), ("3", "Head of DFID Malawi"), ("4", "Head of Audit")),
            "2020-06-01": org(head, ("2", "Head of Research Department"), ("4", "Head of Audit")),
            "2021-01-01": org(
                head, ("7", "Head of DFID Malawi"), ("2", "Head of Research Department"), ("4", "Head of Audit")
            ),
        }
    )
    found = tl.anomalies()
    assert found[["kind", "post"]].values.tolist() == [["reference reused", "2"], ["vanished and returned", "7"]]


# -- the timeline itself -----------------------------------------------------------------------------


def test_dates_at_len_iteration_and_repr(excerpt: Timeline) -> None:
    assert len(excerpt) == 3
    assert [day for day, _ in excerpt] == excerpt.dates
    assert excerpt.at("2014-06-30") is excerpt["2014-03-31"]
    assert excerpt.at(datetime.date(2099, 1, 1)) is excerpt["2014-09-30"]
    assert repr(excerpt) == (
        "<Timeline 'Department for International Development': 3 snapshots, 2013-09-30 .. 2014-09-30, 10 .. 24 posts>"
    )
    assert "<table" in excerpt._repr_html_()
    with pytest.raises(OrgDataError, match="no snapshot on or before 2013-01-01"):
        excerpt.at("2013-01-01")


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OrgDataError, match="not a date"):
        timeline({"yesterday": orggraph.example()})
    with pytest.raises(OrgDataError, match="two snapshots on 2024-01-01"):
        timeline({"2024-01-01": orggraph.example(), datetime.date(2024, 1, 1): orggraph.example()})
    with pytest.raises(OrgDataError, match="no senior file for 2014-03-31"):
        orggraph.read_organogram_series([DATA / "dfid-excerpt-2014-03-31-junior.csv"])
    with pytest.raises(OrgDataError, match="unknown metric 'headcount'"):
        timeline({"2024-01-01": orggraph.example()}).trend(["headcount"])


def test_the_trend_picture_marks_the_partial_snapshot(excerpt: Timeline) -> None:
    picture = excerpt.trend_chart()
    assert picture.notes == ("2014-03-31 looks partial: drawn hollow, the line bridges it",)
    assert len(picture.axes) == 6
    single = excerpt.chart("people")
    assert len(single.axes) == 1
    data, _ = single._repr_png_()
    assert data[:4] == b"\x89PNG"


@settings(deadline=None, max_examples=25)
@given(st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=8, unique=True))
def test_matching_a_snapshot_with_itself_pairs_every_post(removed: list[int]) -> None:
    org = orggraph.example()
    posts = org.nodes("post")
    kept = apply(org, *(Remove(posts[i]) for i in sorted(set(removed)) if posts[i] != org.roots()[0]))
    matching = match_posts(kept, kept)
    assert sorted(matching.a_to_b.items()) == sorted((p, p) for p in kept.nodes("post"))
    assert {m.basis for m in matching.pairs} <= {"reference"}


def test_a_holder_not_disclosed_is_no_holder_change() -> None:
    base = {"organisation": {"id": "d", "name": "D"}}
    a = orggraph.from_dict({**base, "posts": [{"id": "1", "name": "Head", "top": True}]})
    named = orggraph.from_dict({**base, "posts": [{"id": "1", "name": "Head", "top": True, "holders": ["Bo Ek"]}]})
    vacant = orggraph.from_dict({**base, "posts": [{"id": "1", "name": "Head", "top": True, "vacant": True}]})
    tl = timeline({"2020-01-01": a, "2021-01-01": named, "2022-01-01": vacant})
    assert tl.changes("2020-01-01", "2021-01-01")["change"].tolist() == ["unchanged"]
    assert tl.changes("2021-01-01", "2022-01-01")["change"].tolist() == ["holder changed"]


def test_junior_staff_are_matched_by_what_they_are(excerpt: Timeline) -> None:
    table = excerpt.changes("2013-09-30", "2014-03-31", junior=True)
    junior = table[table["post_a"].fillna(table["post_b"]).str.startswith("junior:")]
    matched = junior[junior["change"].ne("added") & junior["change"].ne("removed")]
    assert len(matched) > 0
    assert set(matched["basis"]) <= {"reference+junior", "junior+manager"}
    # the same id on both sides means the same senior post, grade, generic title and unit
    same = matched[matched["basis"] == "reference+junior"]
    assert (same["post_a"] == same["post_b"]).all()
    assert (same["grade_a"] == same["grade_b"]).all()
    assert (same["title_a"] == same["title_b"]).all()
    # staff whose senior post was renumbered: same grade and title, under the senior post's match
    moved = matched[matched["basis"] == "junior+manager"]
    assert len(moved) > 0
    managers = excerpt.matching("2013-09-30", "2014-03-31").a_to_b
    a, b = excerpt["2013-09-30"], excerpt["2014-03-31"]
    for x, y in zip(moved["post_a"], moved["post_b"], strict=True):
        assert managers[a.manager(x) or ""] == b.manager(y)
        assert (a.name(x), a.graph.nodes[x]["grade"]) == (b.name(y), b.graph.nodes[y]["grade"])


@settings(deadline=None, max_examples=25)
@given(st.sets(st.integers(min_value=0, max_value=7)))
def test_renumbered_posts_are_matched_by_what_they_are(renumbered: set[int]) -> None:
    """Every post keeps its title, unit and manager; some get a new reference: all are matched back."""
    org = orggraph.example()
    new_id = {p.id: (f"new-{p.id}" if n in renumbered else p.id) for n, p in enumerate(org.document.posts)}
    full = org.to_dict()

    def renumbered_post(post: dict[str, Any]) -> dict[str, Any]:
        manager = post.get("reports_to")
        return {**post, "id": new_id[post["id"]], **({"reports_to": new_id[manager]} if manager in new_id else {})}

    units = [{k: v for k, v in u.items() if k != "head"} for u in full.get("units", [])]
    posts = [renumbered_post(p) for p in full["posts"]]
    data = {"organisation": full["organisation"], "sources": full["sources"], "units": units, "posts": posts}
    later = orggraph.from_dict(data)
    matching = match_posts(org, later)
    assert matching.a_to_b == new_id
