"""Organogram rows that repeat a post, and references that name two posts (issue 12, section 3).

The files ``tests/data/organogram-{dwp,ehrc}-shaped-*.csv`` are SYNTHETIC, shaped after the real
files named in ``tests/data/README.md`` (DWP 2013-09-30, EHRC 2011-09-30, DFID 2013-03-31); every
expected value below is read off those small files by hand. The HM Treasury and DFID files are
the real ones in ``../shared/data``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from orggraph import Org
from orggraph.checks import check_document
from orggraph.graph import full_attributes, node_field
from orggraph.importers import ImportReport, read_organogram

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "uk-organograms"
DWP_SENIOR = DATA / "organogram-dwp-shaped-senior.csv"
DWP_JUNIOR = DATA / "organogram-dwp-shaped-junior.csv"
EHRC = DATA / "organogram-ehrc-shaped-senior.csv"
DIRECTORS_GENERAL = [f"DWP{n}" for n in range(202, 209)]  # lines 4-10, SCS3, 'Reports to' DWP135

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not there")


def _report(org: Org) -> ImportReport:
    assert isinstance(org.import_report, ImportReport)
    return org.import_report


@pytest.fixture(scope="module")
def dwp() -> Org:
    return read_organogram(DWP_SENIOR, DWP_JUNIOR)


@pytest.fixture(scope="module")
def ehrc() -> Org:
    return read_organogram(EHRC)


# -- one post on several rows ----------------------------------------------------------------------


def test_a_row_repeated_verbatim_is_one_post(ehrc: Org) -> None:
    # Lines 2 and 3: the chief executive, 'Sam Sample', FTE 1, identical but for source_line.
    chief = full_attributes(ehrc.graph.nodes["CE1"])
    assert (chief["headcount"], chief["holders"]) == (1, ("Sam Sample",))
    [entry] = _report(ehrc).about("CE1")
    assert (entry.row, entry.kind, entry.action) == (3, "skip", "left the row out as a duplicate of line 2")
    assert entry.reason == "the row repeats line 2 in every column"


def test_a_job_share_has_different_holders(ehrc: Org) -> None:
    # Lines 4 and 5: D1, 'Ann One' and 'Bea Two', FTE 0.5 each.
    share = full_attributes(ehrc.graph.nodes["D1"])
    assert (share["headcount"], share["holders"]) == (1, ("Ann One", "Bea Two"))
    [entry] = _report(ehrc).about("D1")
    assert entry.kind == "note"
    assert entry.reason.startswith("a job share: same reference, job title and manager; 2 holders named, FTE 1")


def test_two_full_time_holders_are_not_a_job_share(ehrc: Org) -> None:
    # Lines 6 and 7: D2, 'Cy Three' and 'Di Four', FTE 1 each: two people, each full time.
    post = full_attributes(ehrc.graph.nodes["D2"])
    assert (post["headcount"], post["holders"]) == (2, ("Cy Three", "Di Four"))
    [entry] = _report(ehrc).about("D2")
    assert entry.reason.startswith("two full-time holders share one reference")
    assert "job share" not in entry.reason


def test_one_holder_on_two_rows_that_differ_is_one_post(ehrc: Org) -> None:
    # Lines 8 and 9: D3, 'Ed Five' both times; line 9's FTE is a URL (as DFID 2013-03-31 line 71).
    post = full_attributes(ehrc.graph.nodes["D3"])
    assert (post["headcount"], post["holders"]) == (1, ("Ed Five",))
    [entry] = _report(ehrc).about("D3")
    assert (entry.row, entry.kind) == (9, "skip")
    assert "'Ed Five' already holds the post on line 8" in entry.reason
    assert "fte '1' and 'http://example.org/tenure48'" in entry.reason
    assert check_document(ehrc.document) == []


@needs_shared
def test_dfid_holder_repeated_with_a_mangled_fte() -> None:
    # DFID 2013-03-31: B72 (lines 70, 71) and A16 (lines 75, 76) each repeat their holder; the second
    # row's FTE is a URL. 77 rows, 75 references (counted with csv.reader): 75 senior posts.
    senior = SHARED / "department_for_international_development-2013-03-31-senior.csv"
    org = read_organogram(senior)
    posts = [p for p in org.nodes("post") if not node_field(org.graph.nodes[p], "junior")]
    with senior.open(encoding="utf-8") as handle:
        references = {row["Post Unique Reference"] for row in csv.DictReader(handle)}
    assert len(posts) == len(references) == 75
    for post, holder, lines in (("B72", "Montgomery Richard", (70, 71)), ("A16", "Wardell, Sue", (75, 76))):
        node = full_attributes(org.graph.nodes[post])
        assert (node["headcount"], node["holders"]) == (1, (holder,))
        skips = [e for e in _report(org).about(post) if e.kind == "skip"]
        assert [e.row for e in skips] == [lines[1]]
        assert skips[0].action == f"left the row out as a duplicate of line {lines[0]}"


# -- a reference that names two posts --------------------------------------------------------------


def test_directors_general_report_to_the_permanent_secretary(dwp: Org) -> None:
    # 'DWP135' names line 2 (Work Services Director, SCS1) and line 13 (Permanent Secretary, SCS4).
    # The seven SCS3 Directors General cannot report to an SCS1: they report to line 13's post.
    permanent = "DWP135#row13"
    assert dwp.name(permanent) == "Permanent Secretary"
    assert all(dwp.manager(dg) == permanent for dg in DIRECTORS_GENERAL)
    assert set(DIRECTORS_GENERAL) <= set(dwp.direct_reports(permanent))
    assert dwp.manager("DWP135") == "DWP29"  # the Work Services Director, as written
    entry = _report(dwp).about("DWP202")[0]
    assert entry.action == "matched the manager to the post of line 13, id 'DWP135#row13'"
    assert "chosen because this row is SCS3, and a post does not report to one of lower grade" in entry.reason


def test_no_false_cycle_is_repaired(dwp: Org) -> None:
    # Read as line 2, DWP202 -> DWP135 -> DWP29 -> DWP202 would be a cycle; it is not there.
    assert not [e for e in _report(dwp) if "cycle" in e.reason]
    assert dwp.chain_of_command("DWP135") == ["DWP29", "DWP202", "DWP135#row13"]
    assert check_document(dwp.document) == []


def test_the_unit_decides_and_otherwise_nothing_is_guessed(dwp: Org) -> None:
    # Line 11: an SCS1 in 'Work Services' (line 2's unit): the Work Services Director.
    assert dwp.manager("DWP300") == "DWP135"
    # Line 12: an SCS1 in 'Projects': both posts outrank it, neither shares its unit: refused.
    assert dwp.manager("DWP301") is None
    assert node_field(dwp.graph.nodes["DWP301"], "attributes")["reports_to_unresolved"] == "DWP135"
    [entry] = _report(dwp).about("DWP301")
    assert entry.action == "left the post without a manager"
    assert "line 2 'Work Services Director' (SCS1), id 'DWP135'" in entry.reason
    assert "line 13 'Permanent Secretary' (SCS4), id 'DWP135#row13'" in entry.reason
    assert entry.reason.endswith("neither grade nor unit tells which it means, so no manager is guessed")
    # Junior rows: by unit (Work Services, the Permanent Secretary's Office), else refused (Projects).
    junior = {attrs["attributes"]["row"]: node for node, attrs in dwp.graph.nodes(data=True) if attrs.get("junior")}
    assert [dwp.manager(junior[n]) for n in (2, 3, 4)] == ["DWP135", "DWP135#row13", None]


def test_each_row_is_described_with_its_own_title(dwp: Org) -> None:
    [entry] = _report(dwp).about("DWP135#row13")
    assert entry.row == 13
    assert entry.reason == (
        "reference 'DWP135' also names the post of line 2 'Work Services Director' (SCS1), which reports to "
        "'DWP29'; this row's post, line 13 'Permanent Secretary' (SCS4), reports to 'XX'"
    )


def test_ambiguity_is_a_problem_in_strict_mode() -> None:
    from orggraph import OrgDataError

    with pytest.raises(OrgDataError) as raised:
        read_organogram(DWP_SENIOR, strict=True)
    lines = [p.line for p in raised.value.problems]
    assert lines == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]


# -- every row, repeated ------------------------------------------------------------------------------------

REFERENCED_ROWS = [
    (path, number)
    for path in (DATA / "organogram-flawed-senior.csv", DWP_SENIOR, EHRC)
    for number, row in enumerate(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    if number > 0 and row[0].strip() not in ("", "0", "Deleted")
]


@pytest.mark.parametrize(("path", "number"), REFERENCED_ROWS, ids=lambda value: getattr(value, "stem", value))
def test_repeating_a_row_verbatim_changes_nothing_but_the_report(tmp_path: Path, path: Path, number: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    copy = tmp_path / path.name
    copy.write_text("\n".join([*lines, lines[number]]) + "\n", encoding="utf-8")
    before, after = read_organogram(path), read_organogram(copy)
    assert after.document.posts == before.document.posts
    extra = [entry for entry in _report(after) if entry.row == len(lines) + 1]
    assert [(entry.kind, entry.action) for entry in extra] == [
        ("skip", f"left the row out as a duplicate of line {_first_twin(lines, number) + 1}")
    ]
    assert len(_report(after)) == len(_report(before)) + 1


def _first_twin(lines: list[str], number: int) -> int:
    """The first line (0-based) equal to line ``number`` in every column but the export's source_line."""
    rows = list(csv.reader(lines))
    keep = [i for i, cell in enumerate(rows[0]) if cell not in ("source_line", "source_file")]
    cells = [[row[i] for i in keep if i < len(row)] for row in rows]
    return cells.index(cells[number])
