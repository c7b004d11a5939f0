"""Org.to_excel: one formatted sheet per table, read back with openpyxl and pandas."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import orggraph
from orggraph.errors import MissingDependencyError
from orggraph.exporters.excel import MAX_WIDTH, SHEETS


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("excel") / "roskilde.xlsx"
    orggraph.load(Path(__file__).parent.parent / "data" / "roskilde.yaml").to_excel(path)
    return path


def test_one_sheet_per_table_with_a_bold_frozen_header(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["posts", "spans", "layers", "meeting load", "decisions", "RACI", "lint", "lint summary"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "B2", sheet.title
        header = [cell for cell in sheet[1] if cell.value is not None]
        assert header, sheet.title
        assert all(cell.font.b for cell in header), sheet.title
        for letter, dimension in sheet.column_dimensions.items():
            assert 4 <= (dimension.width or 0) <= MAX_WIDTH, (sheet.title, letter)


def test_column_widths_follow_the_content(workbook: Path, roskilde: orggraph.Org) -> None:
    sheet = openpyxl.load_workbook(workbook)["posts"]
    longest = max(len(roskilde.name(post)) for post in roskilde.nodes("post"))
    assert sheet["B1"].value == "name"
    assert sheet.column_dimensions["B"].width == min(longest + 2, MAX_WIDTH)
    source = next(cell.column_letter for cell in sheet[1] if cell.value == "source")
    assert sheet.column_dimensions[source].width == MAX_WIDTH  # quotes are long: capped, and wrapped
    assert sheet[f"{source}2"].alignment.wrap_text


def test_sheets_read_back_as_the_tables(workbook: Path, roskilde: orggraph.Org) -> None:
    posts = pd.read_excel(workbook, sheet_name="posts", index_col="post")
    assert posts.index.tolist() == roskilde.nodes("post")
    assert posts["name"].tolist() == [roskilde.name(p) for p in roskilde.nodes("post")]
    known = [roskilde.headcount(p) for p in roskilde.nodes("post")]
    assert [None if pd.isna(v) else v for v in posts["headcount"]] == known  # unknown head counts: empty cells
    raci = pd.read_excel(workbook, sheet_name="RACI", index_col="topic", keep_default_na=False)
    expected = roskilde.raci()
    assert raci.drop(columns="topic_name").to_numpy().tolist() == expected.to_numpy().tolist()
    assert raci["topic_name"].tolist() == [roskilde.name(t) for t in expected.index]
    lint = pd.read_excel(workbook, sheet_name="lint", index_col="node")
    findings = roskilde.lint()
    assert lint["code"].tolist() == [f.code for f in findings]
    assert lint["nodes"].tolist() == [", ".join(f.nodes) for f in findings]
    summary = pd.read_excel(workbook, sheet_name="lint summary", index_col="code")
    assert summary["count"].sum() == len(findings)
    spans = pd.read_excel(workbook, sheet_name="spans", index_col="post")
    direct = roskilde.span_of_control()["direct"]
    pd.testing.assert_series_equal(spans["direct"], direct, check_dtype=False, check_index_type=False)


def test_without_openpyxl_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'orggraph\[excel\]'"):
        orggraph.example().to_excel(tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_progress_over_the_sheets_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    org = orggraph.example()
    org.to_excel(tmp_path / "a.xlsx", progress=None)
    assert capsys.readouterr().err == ""
    org.to_excel(tmp_path / "a.xlsx", progress=True)
    err = capsys.readouterr().err
    assert "a.xlsx: 100%" in err
    assert f"{len(SHEETS)}/{len(SHEETS)}" in err
