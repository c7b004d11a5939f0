"""``orggraph trend`` and ``orggraph changes`` on the DFID excerpts and on a versioned YAML file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from orggraph.cli import main

DATA = Path(__file__).parent / "data"
EXCERPT = sorted(str(p) for p in DATA.glob("dfid-excerpt-*.csv"))
SENIOR = {day: str(DATA / f"dfid-excerpt-{day}-senior.csv") for day in ("2013-09-30", "2014-03-31", "2014-09-30")}


def test_trend_prints_the_table_in_three_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trend", *EXCERPT, "--metrics", "posts", "top_posts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["posts", "top_posts"]
    assert [line.split() for line in lines[2:]] == [
        ["2013-09-30", "24", "1"],
        ["2014-03-31", "10", "1"],
        ["2014-09-30", "24", "1"],
    ]
    assert main(["trend", *EXCERPT, "--metrics", "posts", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["date", "posts"], ["2013-09-30", "24"], ["2014-03-31", "10"], ["2014-09-30", "24"]]
    assert main(["trend", *EXCERPT, "--metrics", "posts", "vacancies", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[1] == {"date": "2014-03-31", "posts": 10, "vacancies": 0}


def test_changes_lists_the_changed_posts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["changes", SENIOR["2013-09-30"], SENIOR["2014-03-31"], "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert "unchanged" not in {row["change"] for row in rows}
    b67 = next(row for row in rows if row["post_a"] == "B67")
    assert (b67["post_b"], b67["title_b"]) == ("A42", "Director - ASCOT (Acting)")
    assert main(["changes", SENIOR["2013-09-30"], SENIOR["2014-03-31"], "--all", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) > len(rows)


def test_trend_of_one_versioned_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "versions.yaml"
    path.write_text(
        "organisation: {id: d, name: D}\nposts:\n  - {id: a, name: A, top: true}\n"
        "  - {id: b, name: B, reports_to: a, valid_from: 2021-01-01}\n",
        encoding="utf-8",
    )
    assert main(["trend", str(path), "--at", "2020-06-30", "2021-06-30", "--metrics", "posts", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["date,posts", "2020-06-30,1", "2021-06-30,2"]


def test_bad_input_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["changes", SENIOR["2013-09-30"], SENIOR["2013-09-30"]]) == 2
    assert "both snapshots are of 2013-09-30" in capsys.readouterr().err
    assert main(["trend", *EXCERPT, "orggraph/example.yaml"]) == 2
    assert "files of two kinds" in capsys.readouterr().err
    assert main(["trend", *EXCERPT, "--metrics", "headcount"]) == 2
    assert "unknown metric 'headcount'" in capsys.readouterr().err
