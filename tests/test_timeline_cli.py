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
    columns = "change post_a post_b title_a title_b unit_a unit_b grade_a grade_b holder_a holder_b basis confidence"
    assert list(rows[0]) == columns.split()  # no unnamed column of row numbers before them
    assert main(["changes", SENIOR["2013-09-30"], SENIOR["2014-03-31"], "--all", "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)
    # --all adds the unchanged posts and nothing else
    changed = [row for row in every if row["change"] != "unchanged"]
    assert [(row["change"], row["post_a"] or "", row["post_b"] or "") for row in changed] == [
        (row["change"], row["post_a"], row["post_b"]) for row in rows
    ]
    assert {row["change"] for row in every} - {row["change"] for row in rows} == {"unchanged"}


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


def versions(tmp_path: Path) -> tuple[Path, Path]:
    """Two dated versions of one organisation: in 2022 post C was added under B."""
    first, second = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
    posts = "posts:\n  - {id: a, name: A, top: true}\n  - {id: b, name: B, reports_to: a}\n"
    first.write_text("organisation: {id: d, name: D, as_of: 2021-01-01}\n" + posts, encoding="utf-8")
    second.write_text(
        "organisation: {id: d, name: D, as_of: 2022-01-01}\n" + posts + "  - {id: c, name: C, reports_to: b}\n",
        encoding="utf-8",
    )
    return first, second


def test_trend_and_changes_of_dated_organisation_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = versions(tmp_path)
    assert main(["trend", str(first), str(second), "--metrics", "posts", "layers", "--format", "csv"]) == 0
    # 2021: A over B (2 posts, 2 layers); 2022: A over B over C
    assert capsys.readouterr().out.splitlines() == ["date,posts,layers", "2021-01-01,2,2", "2022-01-01,3,3"]
    assert main(["changes", str(first), str(second), "--format", "json"]) == 0
    # strict JSON: a missing value is null (json.dumps wrote NaN, which JSON readers refuse)
    (added,) = json.loads(capsys.readouterr().out, parse_constant=lambda word: pytest.fail(f"not JSON: {word}"))
    assert (added["change"], added["post_a"], added["post_b"], added["title_b"]) == ("added", None, "c", "C")
    assert main(["changes", str(first), str(second), "--all", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["change"], row["post_a"], row["post_b"]) for row in rows] == [
        ("unchanged", "a", "a"),
        ("unchanged", "b", "b"),
        ("added", None, "c"),
    ]


def test_a_version_without_a_date_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = versions(tmp_path)
    undated = tmp_path / "latest.yaml"
    undated.write_text("organisation: {id: d, name: D}\nposts:\n  - {id: a, name: A, top: true}\n", encoding="utf-8")
    assert main(["trend", str(first), str(undated)]) == 2
    assert capsys.readouterr().err == (
        f"{undated}: no date for this version (give the file 'organisation: {{as_of: YYYY-MM-DD}}' "
        "or a date in its name)\n"
    )
    senior = tmp_path / "dfid-senior.csv"
    senior.write_bytes(Path(SENIOR["2013-09-30"]).read_bytes())
    assert main(["changes", str(senior), SENIOR["2014-03-31"]]) == 2
    assert capsys.readouterr().err == f"{senior}: no date YYYY-MM-DD in the file name\n"


def test_a_snapshot_without_senior_in_its_name_is_read_without_juniors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from orggraph.importers import read_organogram
    from orggraph.timeline import timeline

    copies = []
    for day in ("2013-09-30", "2014-03-31"):  # the junior files stay behind: only a '*senior*' name finds one
        copy = tmp_path / f"dfid-{day}.csv"
        copy.write_bytes(Path(SENIOR[day]).read_bytes())
        copies.append(copy)
    assert main(["changes", *map(str, copies), "--junior", "--format", "csv"]) == 0
    printed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    senior_only = timeline({day: read_organogram(SENIOR[day]) for day in ("2013-09-30", "2014-03-31")})
    expected = senior_only.changes("2013-09-30", "2014-03-31", junior=True)
    expected = expected[expected["change"] != "unchanged"]
    assert [(row["change"], row["post_a"], row["post_b"]) for row in printed] == [
        (change, "" if a is None or a != a else a, "" if b is None or b != b else b)
        for change, a, b in zip(expected["change"], expected["post_a"], expected["post_b"], strict=True)
    ]
    assert printed  # the excerpt's posts changed between the two dates (see test_changes_lists_the_changed_posts)
