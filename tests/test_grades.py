"""Grades: the scale read from the data, and the grade mix checked against counts made with the csv module."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path
from typing import Literal

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.errors import OptionError
from orggraph.grades import GradeScale, grade_mix, grade_scale, grade_table, with_grades

DATA = Path(__file__).parent / "data"
ORGANOGRAMS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "uk-organograms"
needs_shared = pytest.mark.skipif(not ORGANOGRAMS.is_dir(), reason="../shared/data/uk-organograms is not there")
HMRC = "her_majestys_revenue_and_customs-2011-03-31"

# what each spelling in the published files means, written out by hand (not with the module's patterns)
SPELLINGS = {
    "SCS4": "SCS4",
    "SCS Pay Band 3": "SCS3",
    "scs 2": "SCS2",
    "SCS1A": "SCS1A",
    "SCS Pay Band 1": "SCS1",
    "Grade 6": "G6",
    "A1 (G6)": "G6",
    "Grade 7": "G7",
    "A2 (G7)": "G7",
    "A2(L) (SEO)": "SEO",
    "Senior Officer": "SEO",
    "Higher Officer": "HEO",
    "B1 (HEO)": "HEO",
    "B1D (Faststream)": "HEO (fast stream)",
    "Officer": "EO",
    "B2 (EO)": "EO",
    "Assistant Officer": "AO",
    "C1 (AO)": "AO",
    "Admin Assistant": "AA",
    "C2 (AA)": "AA",
    "Band T": None,
    "Range D": None,
}


@pytest.mark.parametrize(("spelling", "level"), SPELLINGS.items())
def test_spellings_of_the_civil_service_grades(spelling: str, level: str | None) -> None:
    assert GradeScale.civil_service().level(spelling) == level


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _hmrc_level(grade: str) -> str:
    """HMRC 2011's grade words, mapped by hand."""
    names = {
        "Higher Officer": "HEO",
        "Officer": "EO",
        "Senior Officer": "SEO",
        "Grade 7": "G7",
        "Grade 6": "G6",
        "Assistant Officer": "AO",
        "Admin Assistant": "AA",
    }
    return names.get(grade, grade)


def _independent_mix(senior: Path, junior: Path) -> tuple[dict[tuple[int, str], float], dict[tuple[str, str], float]]:
    """FTE per (layer, grade) and per (unit, grade), counted from the CSV files alone."""
    seniors = _rows(senior)
    manager = {r["Post Unique Reference"]: r["Reports to Senior Post"] for r in seniors}

    def layer(ref: str) -> int:
        depth = 0
        while manager[ref].upper() != "XX":
            ref, depth = manager[ref], depth + 1
        return depth

    by_layer: dict[tuple[int, str], float] = defaultdict(float)
    by_unit: dict[tuple[str, str], float] = defaultdict(float)
    for r in seniors:
        fte = float(r["FTE"]) if r["FTE"].strip() else 0.0  # a blank FTE is unknown: not in the known sum
        by_layer[layer(r["Post Unique Reference"]), r["Grade (or equivalent)"]] += fte
        by_unit[r["Unit"], r["Grade (or equivalent)"]] += fte
    for r in _rows(junior):
        fte = float(r["Number of Posts in FTE"])
        by_layer[layer(r["Reporting Senior Post"]) + 1, _hmrc_level(r["Grade"])] += fte
        by_unit[r["Unit"], _hmrc_level(r["Grade"])] += fte
    return dict(by_layer), dict(by_unit)


def _check_against_csv(org: orggraph.Org, senior: Path, junior: Path) -> None:
    by_layer, by_unit = _independent_mix(senior, junior)
    mix = grade_mix(org, by="layer")
    ours = {(int(key[0]), str(key[1])): fte for key, fte in mix["fte"].items()}  # type: ignore[index]
    assert ours.keys() == by_layer.keys()
    for key, fte in by_layer.items():
        assert ours[key] == pytest.approx(fte), key
    units = grade_mix(org, by="unit")
    ours_units = {(org.name(k[0]), str(k[1])): fte for k, fte in units["fte"].items()}  # type: ignore[index]
    assert ours_units.keys() == by_unit.keys()
    for unit_key, fte in by_unit.items():
        assert ours_units[unit_key] == pytest.approx(fte), unit_key


def test_hmrc_excerpt_grade_mix_matches_the_csv() -> None:
    senior, junior = DATA / "hmrc-excerpt-2011-03-31-senior.csv", DATA / "hmrc-excerpt-2011-03-31-junior.csv"
    org = orggraph.read_organogram(senior, junior)
    _check_against_csv(org, senior, junior)
    # the scale: the SCS above the delegated grades, HMRC's trainee Band T placed by its pay between HEO and EO
    expected = ("SCS4", "SCS3", "SCS2", "SCS1A", "SCS1", "G6", "G7", "SEO", "HEO", "Band T", "EO", "AO", "AA")
    assert grade_scale(org).levels == expected


@needs_shared
def test_hmrc_grade_mix_by_layer_and_unit_matches_the_csv() -> None:
    senior, junior = ORGANOGRAMS / f"{HMRC}-senior.csv", ORGANOGRAMS / f"{HMRC}-junior.csv"
    org = orggraph.read_organogram(senior, junior)
    _check_against_csv(org, senior, junior)
    mix = grade_mix(org, by="layer")
    # one blank FTE (a senior post): the known sum with one unknown beside it, or NaN on request
    assert mix["fte_unknown"].sum() == 1
    assert math.isnan(grade_mix(org, by="layer", skipna=False)["fte"].sum(skipna=False))
    dtype = mix.index.get_level_values("level").dtype
    assert isinstance(dtype, pd.CategoricalDtype)
    assert dtype.ordered
    levels = grade_scale(org).levels
    assert levels[:5] == ("SCS4", "SCS3", "SCS2", "SCS1A", "SCS1")
    assert levels.index("G6") < levels.index("G7") < levels.index("SEO") < levels.index("HEO") < levels.index("EO")


@needs_shared
def test_treasury_ranges_are_placed_by_their_pay() -> None:
    org = orggraph.read_organogram(
        ORGANOGRAMS / "hm_treasury-2011-09-30-senior.csv", ORGANOGRAMS / "hm_treasury-2011-09-30-junior.csv"
    )
    levels = grade_scale(org).levels
    ranges = [level for level in levels if level.startswith("Range")]
    assert ranges == ["Range E", "Range D", "Range C", "Range B"]  # pay falls from E to B in the file
    pay: dict[str, list[float]] = defaultdict(list)
    for row in _rows(ORGANOGRAMS / "hm_treasury-2011-09-30-junior.csv"):
        if row["Grade"].startswith("Range") and row["Payscale Minimum (£)"].strip():
            pay[row["Grade"]].append(float(row["Payscale Minimum (£)"]))
    medians = [sorted(pay[r])[len(pay[r]) // 2] for r in ranges]
    assert medians == sorted(medians, reverse=True)


ORG = """
organisation: {id: t, name: T}
units: [{id: hq, name: HQ}, {id: ops, name: Ops}]
posts:
  - {id: a, name: Director, grade: SCS Pay Band 2, unit: hq, top: true}
  - {id: b, name: Deputy, grade: SCS1, unit: ops, reports_to: a}
  - {id: c, name: Analysts, grade: Grade 7, headcount: 2.5, unit: ops, reports_to: b}
  - {id: d, name: Clerks, grade: Band T, headcount: unknown, unit: ops, reports_to: b}
  - {id: e, name: Adviser, unit: hq, reports_to: a}
"""


def test_a_custom_scale_from_yaml() -> None:
    org = orggraph.loads(ORG)
    levels = yaml.safe_load("[SCS Pay Band 2, SCS1, Band T, Grade 7]")
    table = grade_table(org, levels=levels)
    assert table["rank"].dropna().to_dict() == {"a": 3.0, "b": 2.0, "c": 0.0, "d": 1.0}
    assert list(table["level"].cat.categories) == levels
    with pytest.raises(OptionError, match=r"does not list: \['Band T'\]"):
        grade_table(org, levels=["SCS Pay Band 2", "SCS1", "Grade 7"])


def test_grade_mix_by_manager_and_skipna() -> None:
    org = orggraph.loads(ORG)
    mix = grade_mix(org, by="manager")
    assert mix.to_dict("index") == {
        ("a", "SCS1"): {"posts": 1, "fte": 1.0, "fte_unknown": 0},
        ("b", "G7"): {"posts": 1, "fte": 2.5, "fte_unknown": 0},
        ("b", "Band T"): {"posts": 1, "fte": 0.0, "fte_unknown": 1},
    }
    assert math.isnan(float(grade_mix(org, by="manager", skipna=False).loc[("b", "Band T"), "fte"]))  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="by"):
        grade_mix(org, by="grade")  # type: ignore[arg-type]


@settings(deadline=None, max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["SCS2", "SCS1", "Grade 7", "HEO", "Officer", None]),
            st.one_of(st.just("unknown"), st.floats(0, 50, allow_nan=False).map(lambda v: round(v, 2))),
            st.integers(0, 20),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_grade_mix_totals_are_the_known_fte_and_the_unknown_count(rows: list[tuple[str | None, object, int]]) -> None:
    posts = [{"id": "top", "name": "Top", "grade": "SCS3", "top": True}]
    for i, (grade, count, boss) in enumerate(rows):
        post: dict[str, object] = {"id": f"p{i}", "name": f"P{i}", "headcount": count}
        post["reports_to"] = "top" if boss >= i else f"p{boss}"
        if grade is not None:
            post["grade"] = grade
        posts.append(post)
    org = orggraph.from_dict({"organisation": {"id": "h", "name": "H"}, "posts": posts})
    graded = [p for p in posts if "grade" in p]
    known = sum(float(p.get("headcount", 1)) for p in graded if p.get("headcount", 1) != "unknown")  # type: ignore[misc,arg-type]
    unknown = sum(1 for p in graded if p.get("headcount") == "unknown")
    by: Literal["layer", "manager"]
    for by in ("layer", "manager"):
        mix = grade_mix(org, by=by)
        graded_below = [p for p in graded if by == "layer" or p["id"] != "top"]
        assert mix["posts"].sum() == len(graded_below)
        assert mix["fte_unknown"].sum() == sum(1 for p in graded_below if p.get("headcount") == "unknown")
    mix = grade_mix(org, by="layer")
    assert mix["fte"].sum() == pytest.approx(known)
    assert mix["fte_unknown"].sum() == unknown


def test_span_table_with_grades_matches_the_csv() -> None:
    senior = _rows(DATA / "hmrc-excerpt-2011-03-31-senior.csv")
    org = orggraph.read_organogram(
        DATA / "hmrc-excerpt-2011-03-31-senior.csv", DATA / "hmrc-excerpt-2011-03-31-junior.csv"
    )
    spans = with_grades(org, org.span_of_control())
    assert list(spans.columns[-5:]) == ["grade", "level", "unit", "reports_to", "layer"]
    for row in senior:
        post = row["Post Unique Reference"]
        assert spans.loc[post, "grade"] == row["Grade (or equivalent)"]
        assert org.name(str(spans.loc[post, "unit"])) == row["Unit"]
        manager = row["Reports to Senior Post"]
        assert spans.loc[post, "reports_to"] == (None if manager == "XX" else manager)
    assert spans.loc["CE1", "layer"] == 0
    assert spans.loc["P1", "layer"] == 1


# -- a custom scale from the file, grades from an HR export's column ---------------------------

SCALED = """
organisation:
  id: t
  name: T
  grade_scale: [Director, Head, Senior, Officer]
posts:
  - {id: a, name: Director, grade: Director, top: true}
  - {id: b, name: Head of Finance, grade: Head, reports_to: a}
  - {id: c, name: Analyst, grade: Officer, reports_to: b}
  - {id: d, name: Senior Analyst, grade: Senior, reports_to: b}
"""


def test_the_files_own_grade_scale_orders_the_grades() -> None:
    org = orggraph.loads(SCALED)
    assert grade_scale(org).levels == ("Director", "Head", "Senior", "Officer")
    assert [grade_scale(org).rank(g) for g in ("Director", "Senior", "Officer")] == [3, 1, 0]
    assert list(org.grade_table()["level"].cat.categories) == ["Director", "Head", "Senior", "Officer"]
    mix = org.grade_mix(by="layer")  # layer 2 holds a Senior and an Officer, the Senior first
    assert mix.loc[2].index.tolist() == ["Senior", "Officer"]


def test_a_grade_off_the_files_scale_is_a_located_problem() -> None:
    with pytest.raises(orggraph.OrgDataError) as caught:
        orggraph.loads(SCALED.replace("grade: Senior,", "grade: Senoir,"), name="t.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        "t.yaml:10:42: posts[3].grade: grade 'Senoir' is not on the organisation's grade_scale (did you mean 'Senior'?)"
    ]


def test_an_hr_exports_grade_column_becomes_the_posts_grade(tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text(
        "Employee ID,Employee Name,Job Title,Manager ID,Department,Pay Grade\n"
        "1,Ann,Director,,Board,SCS2\n2,Bo,Head of Finance,1,Finance,Grade 6\n3,Cy,Analyst,2,Finance,\n",
        encoding="utf-8",
    )
    org = orggraph.read_csv(path)
    assert [org.graph.nodes[p].get("grade") for p in ("1", "2", "3")] == ["SCS2", "Grade 6", None]
    assert grade_scale(org).levels == ("SCS2", "G6")
