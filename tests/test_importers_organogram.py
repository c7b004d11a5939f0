"""UK organogram import: the two published samples, a fixture with every known flaw, strict mode.

Figures for the published files were counted independently of the importer,
with Python's csv module over the raw files (``csv.reader``; ``FTE`` and
``Number of Posts in FTE`` summed as floats; ``Reports to Senior Post`` == XX
case-insensitively), and are written next to each assertion.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import Org, OrgDataError
from orggraph.checks import check_document
from orggraph.graph import full_attributes, node_field
from orggraph.importers import ImportReport, read_organogram
from orggraph.importers.organogram import header_key

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "uk-organograms"
DATA = Path(__file__).resolve().parent / "data"
FLAWED_SENIOR = DATA / "organogram-flawed-senior.csv"
FLAWED_JUNIOR = DATA / "organogram-flawed-junior.csv"
# Junior staff are known by what they are (senior post as written, grade, generic title, unit), not by their row.
ROW2 = "junior:a7/EO/Finance Officer/Finance"
ROW4 = "junior:555/AO/Tax Clerk/Tax"
ROW5 = "junior:30/HEO/Payroll Officer/Pay"
ROW6 = "junior:1/SEO/Private Secretary/Board"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not there")


def _files(body: str) -> tuple[Path, Path]:
    return SHARED / f"{body}-2011-09-30-senior.csv", SHARED / f"{body}-2011-09-30-junior.csv"


@pytest.fixture(scope="module")
def treasury() -> Org:
    return read_organogram(*_files("hm_treasury"))


@pytest.fixture(scope="module")
def transport() -> Org:
    return read_organogram(*_files("department_for_transport"))


@pytest.fixture(scope="module")
def flawed() -> Org:
    return read_organogram(FLAWED_SENIOR, FLAWED_JUNIOR)


def _senior(org: Org) -> list[str]:
    return [p for p in org.nodes("post") if not node_field(org.graph.nodes[p], "junior")]


def _junior(org: Org) -> list[str]:
    return [p for p in org.nodes("post") if node_field(org.graph.nodes[p], "junior")]


def _fte(org: Org, posts: list[str]) -> float:
    return float(sum(node_field(org.graph.nodes[p], "headcount") for p in posts))


def _report(org: Org) -> ImportReport:
    report = org.import_report
    assert isinstance(report, ImportReport)
    return report


# -- HM Treasury, 30 September 2011 ----------------------------------------------------------------


@needs_shared
def test_treasury_posts_follow_the_references(treasury: Org) -> None:
    # 115 rows carry 97 distinct references (../shared/data/README.md). Two of them name no post:
    # 'Deleted' (12 rows, lines 6-17) and '0' (7 rows, lines 81-87), each row its own post; the
    # other 95 references are 95 posts, 10994's two rows (lines 36-37) identical in every column but
    # source_line, so one post: 115 - 1 = 114.
    senior = _senior(treasury)
    assert len(senior) == 114
    assert len({p for p in senior if "#" not in p}) == 95
    assert sorted(p for p in senior if p.startswith("Deleted#")) == sorted(f"Deleted#row{n}" for n in range(6, 18))
    assert sorted(p for p in senior if p.startswith("0#")) == sorted(f"0#row{n}" for n in range(81, 88))
    assert {"19736", "10135"} <= set(senior)  # ids are the references, unchanged


@needs_shared
def test_treasury_top_job_share_and_fte(treasury: Org) -> None:
    # One 'XX' row: 19678, Permanent Secretary (Nick Macpherson, SCS4); 10 rows report to it.
    assert treasury.roots() == ["19678"]
    top = full_attributes(treasury.graph.nodes["19678"])
    assert (top["name"], top["holders"], top["grade"]) == ("Permanent Secretary", ("Nick Macpherson",), "SCS4")
    assert len(treasury.direct_reports("19678")) == 10
    # 10994 on lines 36 and 37: the same row twice (N/D, SCS1, FTE 1; only source_line differs): one post.
    post = full_attributes(treasury.graph.nodes["10994"])
    assert (post["headcount"], post["holders"], post["attributes"]["holders_not_disclosed"]) == (1, (), 1)
    assert post["reports_to"] == "19809"
    # FTE column: 112.14 in all, less line 37's repeat (1); 'Deleted' rows 11.83, '0' rows 6.79.
    assert math.isclose(_fte(treasury, _senior(treasury)), 111.14)
    assert math.isclose(_fte(treasury, [p for p in _senior(treasury) if p.startswith("Deleted#")]), 11.83)
    assert math.isclose(_fte(treasury, [p for p in _senior(treasury) if p.startswith("0#")]), 6.79)
    # Names: 87 rows 'N/D' (one of them line 37, left out), no 'Vacant', 28 named rows.
    nodes = treasury.graph.nodes
    assert sum(node_field(nodes[p], "attributes").get("holders_not_disclosed", 0) for p in _senior(treasury)) == 86
    assert sum(len(node_field(nodes[p], "holders")) for p in _senior(treasury)) == 28
    assert not any(node_field(nodes[p], "vacant") for p in _senior(treasury))


@needs_shared
def test_treasury_junior_staff(treasury: Org) -> None:
    # 407 junior rows, Number of Posts in FTE summing to 1041.78, all under existing senior posts.
    junior = _junior(treasury)
    assert len(junior) == 407
    assert math.isclose(_fte(treasury, junior), 1041.78)
    assert all(treasury.manager(p) in _senior(treasury) for p in junior)
    # "Alignment Project - Clear Line of Sight",13084,Range B,...,0.6
    first = full_attributes(treasury.graph.nodes[junior[0]])
    assert (first["name"], first["grade"], first["headcount"], first["reports_to"]) == (
        "Treasury Official",
        "Range B",
        0.6,
        "13084",
    )
    assert first["attributes"]["pay_min"] == 16063
    # 82 units in the senior file, 110 in the junior file, 135 together.
    assert len(treasury.nodes("unit")) == 135
    assert math.isclose(
        treasury.headcount("Labour Market Policy") or 0, _fte(treasury, treasury.members("Labour Market Policy"))
    )


@needs_shared
def test_treasury_report_lists_the_deleted_rows(treasury: Org) -> None:
    report = _report(treasury)
    assert (report.count_of("repair"), report.count_of("skip"), report.count_of("note")) == (12, 1, 7)
    assert [entry.row for entry in report.of_kind("repair")] == list(range(6, 18))
    assert {entry.reason for entry in report.of_kind("repair")} == {"'Deleted' is not a post reference"}
    [duplicate] = report.of_kind("skip")
    assert (duplicate.row, duplicate.item, duplicate.action) == (
        37,
        "10994",
        "left the row out as a duplicate of line 36",
    )
    assert duplicate.reason.startswith("the row repeats line 36 in every column (the holder is not disclosed")
    notes = report.of_kind("note")
    assert [entry.item for entry in notes] == [f"0#row{n}" for n in range(81, 88)]
    with pytest.raises(OrgDataError) as raised:
        read_organogram(*_files("hm_treasury"), strict=True)
    problems = raised.value.problems
    assert [(p.line, p.column) for p in problems] == [(n, 1) for n in range(6, 18)] + [(37, 0)]
    assert str(problems[0]).endswith(
        "hm_treasury-2011-09-30-senior.csv:6:1: post 'Deleted#row6': 'Deleted' is not a post reference "
        "(without strict=True: kept the row as its own post)"
    )


@needs_shared
def test_treasury_is_a_valid_document(treasury: Org) -> None:
    assert check_document(treasury.document) == []
    assert treasury.document.organisation.name == "HM Treasury"
    assert treasury.document.organisation.as_of == "2011-09-30"
    assert orggraph.loads(treasury.to_yaml()) == treasury


# -- Department for Transport, 30 September 2011 ---------------------------------------------------


@needs_shared
def test_transport(transport: Org) -> None:
    # 114 rows, 114 distinct references, one 'XX' (post 1), 6 'Vacant', FTE 112.25;
    # 510 junior rows with 1901.86 FTE; 33 units; 6 senior rows report to post 1.
    senior, junior = _senior(transport), _junior(transport)
    assert (len(senior), len(junior)) == (114, 510)
    assert transport.roots() == ["1"]
    assert len(transport.direct_reports("1")) == 6
    assert sum(node_field(transport.graph.nodes[p], "vacant") for p in senior) == 6
    assert math.isclose(_fte(transport, senior), 112.25)
    assert math.isclose(_fte(transport, junior), 1901.86)
    assert len(transport.nodes("unit")) == 33
    assert transport.name("55") == "Local Director"
    assert node_field(transport.graph.nodes["55"], "holders") == ("John Dowie",)
    assert len(_report(transport)) == 0
    assert read_organogram(*_files("department_for_transport"), strict=True) == transport
    assert check_document(transport.document) == []


@needs_shared
def test_every_chain_ends_at_the_top(transport: Org, treasury: Org) -> None:
    for org, top in ((transport, "1"), (treasury, "19678")):
        for post in org.nodes("post"):
            chain = org.chain_of_command(post)
            assert (chain[-1] if chain else post) == top


# -- every known flaw, in a fixture ----------------------------------------------------------------
# tests/data/organogram-flawed-senior.csv, line by line (see the file):
#   2 0001 XX top           3 A7 -> '1' (lost zeros)   4 b9 -> 'a7' (case), Unit from the 2nd 'Unit' column
#   5+6 job share 20        7 30 Vacant -> 'B9'        8/9 '40' and '040'   10 41 -> '0040' (ambiguous)
#   11 50 with U+FFFD       12 50 again, another post (collision)          13 60 -> 50
#   14/15 70 <-> 71 cycle   16 80 'xx' (2nd top)       17 90 -> 999 (unknown)
#   18/19 reference 0       20 'Deleted'               21 95 Eliminated     22 no reference
#   23 96 FTE 'n/a'         24 97 with a value in the header-less column 8


def test_flawed_posts(flawed: Org) -> None:
    assert _senior(flawed) == [
        "0001",
        "A7",
        "b9",
        "20",
        "30",
        "40",
        "040",
        "41",
        "50",
        "50#row12",
        "60",
        "70",
        "71",
        "80",
        "90",
        "0#row18",
        "0#row19",
        "Deleted#row20",
        "95",
        "96",
        "97",
    ]
    assert _junior(flawed) == [ROW2, "junior:20/AO/Tax Clerk/Tax", ROW4, ROW5, ROW6]
    assert flawed.roots() == ["0001", "41", "70", "80", "90", ROW4]


def test_flawed_references_matched_and_cycles_broken(flawed: Org) -> None:
    assert flawed.manager("A7") == "0001"  # '1': lost leading zeros
    assert flawed.manager("b9") == "A7"  # 'a7': case
    assert flawed.manager("30") == "b9"  # 'B9': case
    assert flawed.manager("41") is None  # '0040': '40' or '040'
    assert node_field(flawed.graph.nodes["41"], "attributes")["reports_to_unresolved"] == "0040"
    assert flawed.manager("50") == "0001"
    assert flawed.manager("50#row12") == "60"
    # '50' names lines 11 and 12; line 12 reports to 60, so 60 reports to line 11's post (no cycle).
    assert flawed.manager("60") == "50"
    assert (flawed.manager("70"), flawed.manager("71")) == (None, "70")
    assert node_field(flawed.graph.nodes["70"], "attributes")["reports_to_unresolved"] == "71"
    assert flawed.manager("90") is None
    assert flawed.manager(ROW2) == "A7"
    assert flawed.manager(ROW6) == "0001"
    assert flawed.manager(ROW4) is None


def test_flawed_values(flawed: Org) -> None:
    nodes = flawed.graph.nodes
    assert node_field(nodes["20"], "holders") == ("Cé Lúnasa",)
    assert node_field(nodes["20"], "headcount") == 1
    assert node_field(nodes["A7"], "holders") == ()  # 'N/D' in quotes
    assert node_field(nodes["30"], "vacant") is True
    assert (
        node_field(nodes["95"], "vacant"),
        node_field(nodes["95"], "attributes")["eliminated"],
        node_field(nodes["95"], "headcount"),
    ) == (True, True, 0)
    assert node_field(nodes["96"], "headcount") == "unknown"
    assert node_field(nodes[ROW5], "headcount") == "unknown"
    assert node_field(nodes["0#row19"], "headcount") == 0.6
    assert node_field(nodes["0#row19"], "attributes")["not_in_post"] is True
    assert node_field(nodes["Deleted#row20"], "attributes")["reference"] == "Deleted"
    assert node_field(nodes["50#row12"], "attributes")["reference"] == "50"
    assert flawed.name("50") == "Director of Children\ufffds Services"
    assert node_field(nodes["b9"], "unit") == "Budget"
    assert flawed.nodes("unit") == ["Board", "Finance", "Budget", "Tax", "Pay", "Audit", "Children", "Loops", "Agency"]
    # Senior FTE known: 18 posts of 1 + 0.6 + 0 (95); junior: 3.5 + 12 + 2 + 1.
    assert (
        repr(flawed)
        == "<Org 'Dept of Tests': 26 posts (37.1 FTE + 2 posts of unknown size), 9 units, 0 forums, 0 topics>"
    )


def test_flawed_report(flawed: Org) -> None:
    report = _report(flawed)
    senior, junior = str(FLAWED_SENIOR), str(FLAWED_JUNIOR)
    assert [(e.file, e.row, e.column, e.item, e.kind) for e in report] == [
        (senior, 0, 0, None, "note"),  # two top posts
        (senior, 1, 8, None, "skip"),  # column 8 has no header
        (senior, 1, 9, None, "repair"),  # 'Unit' twice
        (senior, 3, 6, "A7", "repair"),
        (senior, 4, 6, "b9", "repair"),
        (senior, 5, 0, "20", "note"),  # job share
        (senior, 7, 6, "30", "repair"),
        (senior, 10, 6, "41", "repair"),
        (senior, 11, 4, "50", "note"),  # U+FFFD
        (senior, 12, 1, "50#row12", "repair"),
        (senior, 13, 6, "60", "repair"),  # '50' names two posts: chosen by evidence, and said so
        (senior, 14, 6, "70", "repair"),
        (senior, 17, 6, "90", "repair"),
        (senior, 18, 1, "0#row18", "note"),
        (senior, 19, 1, "0#row19", "note"),
        (senior, 20, 1, "Deleted#row20", "repair"),
        (senior, 22, 1, None, "skip"),
        (senior, 23, 7, "96", "repair"),
        (junior, 2, 4, ROW2, "repair"),
        (junior, 4, 4, ROW4, "repair"),
        (junior, 5, 9, ROW5, "repair"),
        (junior, 6, 4, ROW6, "repair"),
    ]
    assert report[0].action == "kept 2 top posts: '0001', '80'"
    assert report.about("41")[0].reason == "unknown post '0040'; it could be '40' or '040'"
    assert (
        report.about("70")[0].reason
        == "reporting cycle 70 'Head of Loop A' -> 71 'Head of Loop B' -> 70 'Head of Loop A'"
    )
    assert report.about("50#row12")[0].reason == (
        "reference '50' also names the post of line 11 'Director of Children\ufffds Services' (SCS2), which reports "
        "to '0001'; this row's post, line 12 'Head of Schools' (SCS1), reports to '60'"
    )
    assert report.about("60")[0].reason.endswith("chosen because line 12 reports (in the end) to this post")
    assert report.about("A7")[0].reason == "unknown post '1'; leading zeros differ"
    assert report.about("20")[0].action == "merged rows 5, 6 into one post"
    assert "1 not disclosed, 1 holder named, FTE 1" in report.about("20")[0].reason
    frame = report.to_frame()
    assert frame.shape == (22, 7)
    assert frame["kind"].value_counts().to_dict() == {"repair": 15, "note": 5, "skip": 2}
    html = report._repr_html_()
    assert html.count("<tr>") == 23
    assert "<td>50#row12</td>" in html
    assert "&#x27;0040&#x27;" in html
    assert str(report).splitlines()[0] == "Import report: 15 repairs, 2 skipped, 5 notes"


def test_flawed_strict_lists_every_problem() -> None:
    with pytest.raises(OrgDataError) as raised:
        read_organogram(FLAWED_SENIOR, FLAWED_JUNIOR, strict=True)
    problems = raised.value.problems
    assert len(problems) == 17  # 15 repairs + 2 skips; notes do not raise
    assert [(Path(p.file).name, p.line, p.column) for p in problems][:3] == [
        ("organogram-flawed-junior.csv", 2, 4),
        ("organogram-flawed-junior.csv", 4, 4),
        ("organogram-flawed-junior.csv", 5, 9),
    ]
    texts = [str(p) for p in problems]
    assert f"{FLAWED_SENIOR}:10:6: post '41': unknown post '0040'; it could be '40' or '040' " in " ".join(texts)
    assert any(
        t.endswith(
            "14:6: post '70': reporting cycle 70 'Head of Loop A' -> 71 'Head of Loop B' -> 70 'Head of Loop A' "
            "(without strict=True: left the post without a manager)"
        )
        for t in texts
    )


def test_flawed_is_a_valid_document(flawed: Org) -> None:
    assert check_document(flawed.document) == []
    assert orggraph.loads(flawed.to_yaml()) == flawed


# -- headers and files -----------------------------------------------------------------------------


def test_header_keys() -> None:
    assert header_key("Grade (or equivalent)") == "grade or equivalent"
    assert (
        header_key("Salary Cost of Reports (£)")
        == header_key("Salary Cost of Reports (Â£)")
        == "salary cost of reports"
    )
    assert header_key("Salary Cost of Reports (%)") == "salary cost of reports"
    assert header_key("\ufeffPost Unique Reference ") == "post unique reference"
    assert header_key("Number of Posts in FTE") == "number of posts in fte"


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_later_template_with_title_lines_and_reordered_columns(tmp_path: Path) -> None:
    senior = _write(
        tmp_path,
        "x-senior.csv",
        "Senior staff,,,\n"
        ",,,\n"
        "Reports to Senior Post,FTE,Grade (or Equivalent),Post Unique Reference,Job Title,Name,Unit\n"
        "XX,1,SCS4,A,Chief Executive,Jane Bloggs,Board\n"
        "A,1,SCS2,B,Director,Vacant,Ops\n",
    )
    org = read_organogram(senior)
    assert org.roots() == ["A"]
    assert (
        org.manager("B"),
        node_field(org.graph.nodes["B"], "grade"),
        node_field(org.graph.nodes["B"], "vacant"),
    ) == ("A", "SCS2", True)
    assert [(e.row, e.kind, e.action) for e in org.import_report] == [(1, "skip", "skipped lines 1-2")]


def test_windows_1252_file_is_read_and_reported(tmp_path: Path) -> None:
    senior = _write(
        tmp_path,
        "x-senior.csv",
        "Post Unique Reference,Name,Job Title,Reports to Senior Post,FTE\n1,Søren Kierkegaard,Director’s Deputy,XX,1\n",
        encoding="cp1252",
    )
    org = read_organogram(senior)
    assert node_field(org.graph.nodes["1"], "holders") == ("Søren Kierkegaard",)
    assert org.name("1") == "Director’s Deputy"
    assert [(e.row, e.action) for e in org.import_report] == [(2, "read the file as Windows-1252")]


def test_files_that_are_not_organograms(tmp_path: Path) -> None:
    _, junior = _files("hm_treasury") if SHARED.is_dir() else (None, FLAWED_JUNIOR)
    with pytest.raises(
        OrgDataError, match=r"no senior-staff header row \(no column 'post unique reference'\) \(is it the junior file"
    ):
        read_organogram(junior)
    no_manager = _write(tmp_path, "y-senior.csv", "Post Unique Reference,Name\n1,A\n")
    with pytest.raises(
        OrgDataError,
        match=r"y-senior.csv:1:0: no column 'reports to senior post' "
        r"\(the header has 'Post Unique Reference', 'Name'\)",
    ):
        read_organogram(no_manager)
    with pytest.raises(OrgDataError, match="cannot read the file"):
        read_organogram(tmp_path / "missing.csv")


def test_junior_file_alone_is_refused_as_senior_and_senior_as_junior() -> None:
    with pytest.raises(
        OrgDataError, match=r"no junior-staff header row \(no column 'reporting senior post'\) \(is it the senior file"
    ):
        read_organogram(FLAWED_SENIOR, FLAWED_SENIOR)


# -- properties ------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_raise_only_org_data_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random-senior.csv"
    path.write_bytes(b"Post Unique Reference,Name,Job Title,Reports to Senior Post,FTE\n" + data)
    try:
        org = read_organogram(path)
    except OrgDataError:
        return
    assert check_document(org.document) == []


CELL = st.sampled_from(["1", "01", "2", "A", "a", "0", "XX", "xx", "Deleted", "", "3", "03", "N/D", "Vacant", "0.5"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(CELL, CELL, CELL, CELL), max_size=12))
def test_messy_rows_give_a_valid_tree(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    lines = ["Post Unique Reference,Name,Reports to Senior Post,FTE,Job Title"]
    lines += [f"{ref},{name},{manager},{fte},Title {n % 3}" for n, (ref, name, manager, fte) in enumerate(rows)]
    path = tmp_path / "messy-senior.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    org = read_organogram(path)
    assert check_document(org.document) == []
    # Every row with a reference is in exactly one post; every chain of command ends at a root.
    assert all(node_field(org.graph.nodes[p], "attributes")["row"] >= 2 for p in org.nodes("post"))
    rows_with_reference = sum(1 for ref, *_ in rows if ref)
    merged = sum(1 for e in org.import_report if e.action.startswith("merged rows"))
    merged_rows = sum(len(e.action.split(",")) for e in org.import_report if e.action.startswith("merged rows"))
    duplicates = sum(1 for e in org.import_report if e.action.startswith("left the row out as a duplicate"))
    assert len(org.nodes("post")) == rows_with_reference - merged_rows + merged - duplicates
    roots = set(org.roots())
    for post in org.nodes("post"):
        chain = org.chain_of_command(post)
        assert (chain[-1] if chain else post) in roots
