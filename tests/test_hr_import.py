"""HR exports: the header mapping (employee -> holder, job title -> post), the first format's rule, FTE and
cost, read_excel, and progress bars on the import."""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import OrgDataError
from orggraph.errors import MissingDependencyError
from orggraph.graph import full_attributes, node_field
from orggraph.importers import read_csv, read_excel
from orggraph.importers.excel import cell_text
from orggraph.importers.table import header_key, parse_number

HR = (
    "Employee ID,Employee Name,Job Title,Manager ID,Department,FTE,Cost (DKK)\n"  # 1
    "100,Anna Berg,Kommunaldirektør,,Direktionen,1,1.250.000\n"  # 2
    '200,Bo Dahl,Centerchef for Økonomi,100,Center for Økonomi,"0,8","820.000,00"\n'  # 3
    "300,Cem Eker,Konsulent,200,Center for Økonomi,50%,\n"  # 4
    "400,Dina Falk,Konsulent,0200,Center for Økonomi,halv,410000\n"  # 5: FTE not a number
)


def _write(tmp_path: Path, text: str, name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_hr_export_maps_employee_job_manager_department_fte_and_cost(tmp_path: Path) -> None:
    org = read_csv(_write(tmp_path, HR))
    nodes = org.graph.nodes
    assert org.nodes("post") == ["100", "200", "300", "400"]
    # the job title is the box title, the employee the holder: the bug, fixed
    assert [org.name(p) for p in org.nodes("post")] == [
        "Kommunaldirektør",
        "Centerchef for Økonomi",
        "Konsulent",
        "Konsulent",
    ]
    holders = [("Anna Berg",), ("Bo Dahl",), ("Cem Eker",), ("Dina Falk",)]
    assert [node_field(nodes[p], "holders") for p in org.nodes("post")] == holders
    assert org.chain_of_command("300") == ["200", "100"]
    assert org.manager("400") == "200"  # '0200': a lost leading zero the other way round
    assert org.nodes("unit") == ["Direktionen", "Center for Økonomi"]
    assert org.members("Center for Økonomi") == ["200", "300", "400"]
    assert [org.headcount(p) for p in org.nodes("post")] == [1, 0.8, 0.5, None]
    assert [node_field(nodes[p], "attributes").get("cost") for p in org.nodes("post")] == [
        1_250_000,
        820_000,
        None,
        410_000,
    ]
    assert [(e.row, e.column, e.reason) for e in org.import_report] == [
        (5, 4, "unknown post '0200'; leading zeros differ"),
        (5, 6, "the FTE 'halv' is not a number of 0 or more"),
    ]
    assert orggraph.loads(org.to_yaml()) == org


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # the short spellings of HR systems: Name is the employee, Title the job
        ("ID,Name,Title,Reports To,Dept,fte,Salary", {"post": "Chef", "holder": "Ida", "unit": "Løn"}),
        ("employee_id,FULL NAME,Position,Supervisor ID,Team,FTE,Annual Cost", {"post": "Chef", "holder": "Ida"}),
        ("Medarbejdernummer,Navn,Stillingsbetegnelse,Nærmeste leder,Afdeling,Årsværk,Løn", {"holder": "Ida"}),
        # the first format: 'name' is the post where that is unambiguous
        ("id,name,x,manager_id,unit,y,z", {"post": "Ida", "holder": None, "type": None, "unit": "Løn"}),
        ("id,name,title,manager_id,holder,y,z", {"post": "Ida", "type": "Chef", "holder": "Løn"}),
    ],
)
def test_header_spellings(tmp_path: Path, header: str, expected: dict[str, str | None]) -> None:
    org = read_csv(_write(tmp_path, f"{header}\n1,Ida,Chef,,Løn,1,100\n2,Ole,Assistent,1,Løn,1,90\n"))
    post = full_attributes(org.graph.nodes["1"])
    seen = {"post": post["name"], "holder": (post["holders"] or (None,))[0], "type": post["type"], "unit": post["unit"]}
    assert {key: seen[key] for key in expected} == expected
    assert org.manager("2") == "1"


def test_name_and_title_without_another_employee_column_are_an_hr_export_and_say_so(tmp_path: Path) -> None:
    org = read_csv(_write(tmp_path, "id,name,title,manager_id,unit\n1,Åse Holm,direktør,,Direktionen\n"))
    assert (org.name("1"), node_field(org.graph.nodes["1"], "holders"), node_field(org.graph.nodes["1"], "type")) == (
        "direktør",
        ("Åse Holm",),
        None,
    )
    (note,) = org.import_report
    assert (note.kind, note.action) == ("note", "read 'name' as the holder and 'title' as the post")
    assert "columns={'post': 'name', 'type': 'title'}" in note.reason
    # ... and the first format's reading is one argument away, with its old field names
    old = read_csv(_write(tmp_path, "id,name,title\n1,Kommunaldirektør,direktør\n"), columns={"name": "name"})
    assert (old.name("1"), node_field(old.graph.nodes["1"], "type"), len(old.import_report)) == (
        "Kommunaldirektør",
        "direktør",
        0,
    )


def test_columns_override_with_the_new_fields(tmp_path: Path) -> None:
    text = "Nr;Person;Job;Chef;Enhed;Tid;Udgift\nA;Åse;Direktør;;Direktion;1;2000000\nB;Bo;Chef;A;Økonomi;0,5;500000\n"
    fields = {"id": "Nr", "holder": "Person", "post": "Job", "manager_id": "Chef", "unit": "Enhed"}
    org = read_csv(_write(tmp_path, text), delimiter=";", columns={**fields, "fte": "tid", "cost": "UDGIFT"})
    assert (org.name("B"), node_field(org.graph.nodes["B"], "holders"), org.manager("B"), org.headcount("B")) == (
        "Chef",
        ("Bo",),
        "A",
        0.5,
    )
    assert node_field(org.graph.nodes["B"], "attributes") == {"cost": 500_000}


def test_a_manager_given_by_name_is_matched_to_the_one_post_that_person_holds(tmp_path: Path) -> None:
    text = "Employee ID,Name,Title,Reports To\n1,Ida Holm,Chef,\n2,Ole Berg,Assistent,ida  holm\n3,X,Y,Ole\n"
    org = read_csv(_write(tmp_path, text))
    assert org.manager("2") == "1"
    assert org.manager("3") is None  # 'Ole' is no id and no holder's whole name
    reasons = [e.reason for e in org.import_report if e.kind == "repair"]
    assert reasons == [
        "no post has the id 'ida  holm'; it is the holder's name",
        "unknown post 'Ole'; no post has it",
    ]


def test_a_failed_mapping_lists_the_columns_found(tmp_path: Path) -> None:
    path = _write(tmp_path, "Worker,Job Title,Boss\nIda,Chef,\n")
    with pytest.raises(OrgDataError) as raised:
        read_csv(path)
    (problem,) = raised.value.problems
    assert (problem.line, problem.message) == (
        1,
        "no column for the field 'id' among the columns found: 'Worker', 'Job Title', 'Boss'",
    )
    assert "columns={'id': 'HEADER'}" in (problem.suggestion or "")
    with pytest.raises(OrgDataError) as raised:
        read_csv(path, columns={"id": "Worker", "manager_id": "Bos"})
    assert str(raised.value.problems[0]).endswith(
        "no column 'Bos' for the field 'manager_id' (did you mean 'Boss'? columns found: 'Worker', 'Job Title', 'Boss')"
    )


@pytest.mark.parametrize(
    ("text", "thousands", "value"),
    [
        ("0.8", False, 0.8),
        ("0,75", False, 0.75),
        ("1,000", False, 1.0),  # an FTE: the lone separator is a decimal mark
        ("1,000", True, 1000.0),  # a cost: it groups thousands
        ("1 250 000 kr.", True, 1_250_000.0),
        ("$1,234.50", True, 1234.5),
        ("1.234.567", True, 1_234_567.0),
        ("0,500", True, 0.5),
        ("-", False, None),
        ("1e3", False, None),
    ],
)
def test_parse_number(text: str, thousands: bool, value: float | None) -> None:
    assert parse_number(text, thousands=thousands) == value


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99), st.sampled_from(".,"))
def test_a_cost_written_with_either_decimal_mark_and_grouping_reads_back(whole: int, cents: int, mark: str) -> None:
    group = "," if mark == "." else "."
    grouped = f"{whole:,}".replace(",", group)
    assert parse_number(f"{grouped}{mark}{cents:02d}", thousands=True) == pytest.approx(whole + cents / 100)
    assert parse_number(f"{whole}{mark}{cents:02d}") == pytest.approx(whole + cents / 100)


def test_header_key_folds_what_exports_vary() -> None:
    assert header_key("Manager_ID") == header_key("manager-id") == header_key(" Manager  ID ") == "manager id"
    assert header_key("Salary (£)") == "salary"


# -- Excel -------------------------------------------------------------------------------------------


def _workbook(path: Path, rows: list[list[object]], sheet: str = "Ark1") -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    workbook.create_sheet("Noter").append(["nothing here"])
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
    return path


def test_read_excel_gives_what_read_csv_gives_for_the_same_table(tmp_path: Path) -> None:
    table = pd.read_csv(io.StringIO(HR), dtype=str, keep_default_na=False)
    rows: list[list[object]] = [list(table.columns), *table.to_numpy().tolist()]
    # a spreadsheet holds numbers as numbers: ids and whole FTEs come back as 100.0-style floats in many exports
    for row in rows[1:]:
        row[0] = float(row[0])  # type: ignore[arg-type]
    book = _workbook(tmp_path / "hr.xlsx", rows)
    from_excel = read_excel(book)
    from_csv = read_csv(_write(tmp_path, HR, "hr.csv"))
    assert from_excel.to_dict()["posts"] == from_csv.to_dict()["posts"]
    assert [(e.row, e.column, e.reason) for e in from_excel.import_report] == [
        (e.row, e.column, e.reason) for e in from_csv.import_report
    ]
    assert {e.file for e in from_excel.import_report} == {f"{book}[Ark1]"}
    assert from_excel.title == "hr"


def test_read_excel_sheets_leading_blank_rows_and_errors(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "b.xlsx", [[None], [None], ["Employee ID", "Job Title"], [7, "Chef"]], sheet="Data")
    assert read_excel(book, sheet="Data").name("7") == "Chef"
    assert read_excel(book, sheet=0).name("7") == "Chef"
    with pytest.raises(OrgDataError, match=r"no sheet 'data2' \(did you mean 'Data'\?\)"):
        read_excel(book, sheet="data2")
    with pytest.raises(OrgDataError, match=r"no sheet number 5: the workbook has 2"):
        read_excel(book, sheet=5)
    with pytest.raises(OrgDataError, match=r"b.xlsx\[Noter\]:1:0: no column for the field 'id'.*'nothing here'"):
        read_excel(book, sheet="Noter")
    not_a_book = _write(tmp_path, HR, "hr.xlsx")
    with pytest.raises(OrgDataError, match="cannot read the workbook"):
        read_excel(not_a_book)


def test_read_excel_without_openpyxl_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'orggraph\[excel\]'"):
        read_excel(tmp_path / "x.xlsx")


def test_cell_text_keeps_three_decimal_costs_decimal() -> None:
    assert parse_number(cell_text(1234.567), thousands=True) == 1234.567
    assert cell_text(math.pi)[:6] == "3.1415"


# -- progress ----------------------------------------------------------------------------------------


def test_the_import_is_silent_unless_a_bar_is_asked_for_or_stderr_is_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, HR)
    read_csv(path)
    read_csv(path, progress=None)  # stderr is captured: not a terminal
    assert capsys.readouterr().err == ""
    read_csv(path, progress=True)
    err = capsys.readouterr().err
    assert "hr.csv: 100%" in err
    assert "5/5" in err  # five lines: the header and four rows


def test_an_automatic_bar_shows_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from orggraph import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(progress, "DELAY", 0.0)
    assert progress.showing(None, terminal)
    assert sum(progress.progress(range(10), desc="rows", enabled=None, file=terminal)) == 45
    assert "rows: 100%" in terminal.getvalue()


def test_the_organogram_import_draws_a_bar_per_file_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    senior = _write(
        tmp_path,
        "Post Unique Reference,Name,Grade,Job Title,Unit,Reports to Senior Post,FTE\n"
        "1,Åse Øberg,SCS4,Permanent Secretary,Board,XX,1\n"
        "2,Bo Ek,SCS2,Director,Finance,1,1\n",
        "senior.csv",
    )
    junior = _write(
        tmp_path,
        "Unit,Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\nFinance,2,EO,Accountant,3.5\n",
        "junior.csv",
    )
    quiet = orggraph.read_organogram(senior, junior, progress=None)
    assert capsys.readouterr().err == ""
    shown = orggraph.read_organogram(senior, junior, progress=True)
    err = capsys.readouterr().err
    assert "senior.csv: 100%" in err
    assert "junior.csv: 100%" in err
    assert shown == quiet


NAMES = st.text(alphabet="abcæøå ABCÆØÅ-", min_size=0, max_size=8).map(str.strip)


@st.composite
def hr_rows(draw: st.DrawFn) -> list[list[object]]:
    """An HR export's rows as a spreadsheet holds them: numbers as numbers, managers a forest."""
    count = draw(st.integers(min_value=1, max_value=12))
    rows: list[list[object]] = [["Employee ID", "Employee Name", "Job Title", "Manager ID", "Department", "FTE"]]
    for number in range(1, count + 1):
        manager = draw(st.none() | st.integers(min_value=1, max_value=number - 1)) if number > 1 else None
        fte = draw(st.sampled_from([1, 0.5, 0.8, 0.25, None]))
        rows.append([number, draw(NAMES), draw(NAMES), manager, draw(NAMES), fte])
    return rows


@settings(max_examples=15, deadline=None)
@given(rows=hr_rows())
def test_a_sheet_and_its_csv_import_alike(tmp_path_factory: pytest.TempPathFactory, rows: list[list[object]]) -> None:
    folder = tmp_path_factory.mktemp("sheet")
    book = _workbook(folder / "hr.xlsx", rows)
    text = "\n".join(",".join(cell_text(value) for value in row) for row in rows) + "\n"
    from_excel, from_csv = read_excel(book), read_csv(_write(folder, text, "hr.csv"))
    assert from_excel.to_dict()["posts"] == from_csv.to_dict()["posts"]
    for number, name, title, manager, _, fte in rows[1:]:
        post = full_attributes(from_csv.graph.nodes[str(number)])
        assert post["name"] == (title or str(number))
        assert post["holders"] == ((name,) if name else ())
        assert from_csv.manager(str(number)) == (str(manager) if manager else None)
        assert from_csv.headcount(str(number)) == (1 if fte is None else fte)
