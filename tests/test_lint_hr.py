"""HR lint checks (OG501-OG506): one plant each, a MoD-shaped organogram, and HMRC checked against the CSV."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

import orggraph
from orggraph.errors import OptionError
from orggraph.lint import CHECKS
from tests.conftest import lint_findings

DATA = Path(__file__).parent / "data"
ORGANOGRAMS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "uk-organograms"
needs_shared = pytest.mark.skipif(not ORGANOGRAMS.is_dir(), reason="../shared/data/uk-organograms is not there")
HR = [check.code for check in CHECKS if check.code.startswith("OG5")]

PLANTS = """
organisation: {id: p, name: Plants}
posts:
  - {id: perm, name: Permanent Secretary, grade: SCS4, top: true}
  - {id: other-top, name: Second Top, grade: SCS3, top: true}             # OG505: a second top
  - {id: dir, name: Director, grade: SCS1, reports_to: perm}
  - {id: dg, name: Director General, grade: SCS3, reports_to: dir}        # OG501: SCS3 under an SCS1
  - {id: dir-report, name: Policy Lead, grade: G6, reports_to: dir}
  - {id: gap, name: Deputy Director, grade: SCS1, vacant: true, reports_to: perm}   # OG502
  - {id: gap-report, name: Team Leader, grade: G7, reports_to: gap}
  - {id: gap-report-2, name: Team Leader, grade: G7, reports_to: gap}
  - {id: lone, name: Head of Unit, grade: G6, reports_to: perm}           # OG506: one report, one person
  - {id: lone-report, name: Adviser, grade: G7, reports_to: lone}
  - {id: wide, name: Head of Operations, grade: SCS1, reports_to: perm}   # OG503: 1 200 FTE directly
  - {id: ops, name: Officers, grade: EO, headcount: 1200, junior: true, reports_to: wide}
  - {id: top-staff, name: Officers, grade: EO, headcount: 2000, junior: true, reports_to: perm}  # OG504
"""

EXPECTED = [
    ("OG501", "dg"),
    ("OG502", "gap"),
    ("OG503", "wide"),
    ("OG503", "perm"),
    ("OG504", "perm"),
    ("OG505", "perm"),
    ("OG506", "lone"),
]


@pytest.fixture(scope="module")
def plants() -> orggraph.Org:
    return orggraph.loads(PLANTS)


def test_every_hr_plant_is_found_and_nothing_else(plants: orggraph.Org) -> None:
    found = plants.lint(select=HR)
    assert sorted((f.code, f.nodes[0]) for f in found) == sorted(EXPECTED)
    assert {code for code, _ in EXPECTED} == set(HR)


def test_messages_carry_the_evidence(plants: orggraph.Org) -> None:
    messages = {f.code: f.message for f in plants.lint(select=["OG501", "OG502", "OG504", "OG506"])}
    assert messages["OG501"] == (
        "post 'Director General' (dg, SCS3) outranks its manager 'Director' (dir, SCS1) on the grade scale SCS3 > SCS1"
    )
    assert "'Deputy Director' (gap, SCS1) is vacant and has 2 direct reports (2 FTE)" in messages["OG502"]
    # 2 000 of the 3 200 staff-row FTE report to the permanent secretary: 62.5 %
    assert messages["OG504"].startswith("62.5 % of the staff-row FTE (2 000 of 3 200) report straight to the 2 top")
    assert "'Permanent Secretary' (perm, SCS4) 2 000" in messages["OG504"]
    assert "'Adviser' (lone-report, G7)" in messages["OG506"]


def test_thresholds_are_options(plants: orggraph.Org) -> None:
    assert [f.nodes[0] for f in plants.lint(select=["wide-span"], thresholds={"max_span_fte": 1500})] == ["perm"]
    assert plants.lint(select=["OG504"], thresholds={"max_top_staff_share": 0.7}) == []
    spans = plants.lint(select=["OG503"], thresholds={"max_span_posts": 3})
    assert "4 direct reports (more than 3)" in next(f.message for f in spans if f.nodes[0] == "perm")
    with pytest.raises(OptionError, match="unknown threshold 'max_span'"):
        plants.lint(thresholds={"max_span": 3})
    with pytest.raises(OptionError, match="positive"):
        plants.lint(thresholds={"max_span_fte": -1})


def test_the_seeds_and_the_example_get_no_hr_findings() -> None:
    root = Path(__file__).resolve().parent.parent
    for org in (orggraph.load(root / "data" / "ishoj.yaml"), orggraph.load(root / "data" / "roskilde.yaml")):
        assert org.lint(select=HR) == []  # no grades and no staff rows: HR checks do not apply
        assert {f.severity for f in lint_findings(org)} == {"info"}  # see tests/conftest.py
    assert orggraph.example().lint(select=HR) == []


def test_a_mod_shaped_organogram_is_flagged() -> None:
    org = orggraph.read_organogram(DATA / "organogram-mod-shaped-senior.csv", DATA / "organogram-mod-shaped-junior.csv")
    with (DATA / "organogram-mod-shaped-junior.csv").open(encoding="utf-8", newline="") as handle:
        junior = list(csv.DictReader(handle))
    on_top = sum(float(r["Number of Posts in FTE"]) for r in junior if r["Reporting Senior Post"].startswith("T"))
    everyone = sum(float(r["Number of Posts in FTE"]) for r in junior)
    findings = org.lint(select=HR)
    codes = [f.code for f in findings]
    (share,) = [f for f in findings if f.code == "OG504"]
    assert share.message.startswith(
        f"{round(100 * on_top / everyone, 2)} % of the staff-row FTE ({on_top:,.0f} of {everyone:,.0f})".replace(
            ",", " "
        )
        + " report straight to the 11 top posts"
    )
    assert codes.count("OG503") == 11  # every top post has thousands of FTE reporting directly
    assert codes.count("OG505") == 1
    assert "11 posts have no manager" in next(f.message for f in findings if f.code == "OG505")


@needs_shared
def test_hmrc_findings_match_the_csv() -> None:
    name = "her_majestys_revenue_and_customs-2011-03-31"
    with (ORGANOGRAMS / f"{name}-senior.csv").open(encoding="utf-8", newline="") as handle:
        senior = list(csv.DictReader(handle))
    with (ORGANOGRAMS / f"{name}-junior.csv").open(encoding="utf-8", newline="") as handle:
        junior = list(csv.DictReader(handle))
    org = orggraph.read_organogram(ORGANOGRAMS / f"{name}-senior.csv", ORGANOGRAMS / f"{name}-junior.csv")
    # direct FTE and direct senior reports per post, from the files
    direct: dict[str, float] = defaultdict(float)
    reports: dict[str, list[str]] = defaultdict(list)
    for r in senior:
        direct[r["Reports to Senior Post"]] += float(r["FTE"] or 0)
        reports[r["Reports to Senior Post"]].append(r["Post Unique Reference"])
    for r in junior:
        direct[r["Reporting Senior Post"]] += float(r["Number of Posts in FTE"])
    refs = {r["Post Unique Reference"] for r in senior}
    wide = {ref for ref in refs if direct[ref] > 1000 or len(reports[ref]) > 20}
    findings = org.lint(select=HR)
    assert {f.nodes[0] for f in findings if f.code == "OG503"} == wide
    assert len(wide) == 16
    rank = {"SCS4": 4, "SCS3": 3, "SCS2": 2, "SCS1A": 1.5, "SCS1": 1}
    grade = {r["Post Unique Reference"]: r["Grade (or equivalent)"] for r in senior}
    manager = {r["Post Unique Reference"]: r["Reports to Senior Post"] for r in senior}
    inverted = {p for p, m in manager.items() if m in grade and rank[grade[p]] > rank[grade[m]]}
    assert {f.nodes[0] for f in findings if f.code == "OG501"} == inverted
    vacant = {r["Post Unique Reference"] for r in senior if r["Name"] in ("Vacant", "Eliminated")}
    assert {f.nodes[0] for f in findings if f.code == "OG502"} == {v for v in vacant if reports[v] or direct[v]}
    staff_on = {r["Reporting Senior Post"] for r in junior}
    fte = {r["Post Unique Reference"]: r["FTE"] for r in senior}
    single = {
        p
        for p in refs
        if manager[p].upper() != "XX" and len(reports[p]) == 1 and p not in staff_on and fte[reports[p][0]] == "1"
    }
    assert {f.nodes[0] for f in findings if f.code == "OG506"} == single
    assert len(single) == 2
