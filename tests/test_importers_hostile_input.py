"""Hostile and odd input to the importers and the node-link reader (issue 12, sections 2 and 3).

Each case crashed (RecursionError, ValueError, TypeError, NetworkXError, FileNotFoundError) or was
refused with a message about a path the user never wrote before the fix; each must now load or end
in a located error of our family.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from orggraph import OrgDataError
from orggraph.checks import check_document
from orggraph.exporters import node_link_graph, read_node_link
from orggraph.importers import read_csv, read_organogram, read_popolo

SENIOR_HEADER = "Post Unique Reference,Name,Grade,Job Title,Unit,Reports to Senior Post,FTE\n"
JUNIOR_HEADER = "Unit,Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE\n"
NODE_LINK: dict[str, Any] = {
    "directed": True,
    "multigraph": True,
    "graph": {},
    "nodes": [{"id": "a", "kind": "post"}, {"id": "b", "kind": "post"}],
    "edges": [{"source": "a", "target": "b", "key": "reports_to", "kind": "reports_to"}],
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _only_problem(raised: pytest.ExceptionInfo[OrgDataError]) -> str:
    [problem] = raised.value.problems
    return str(problem)


# -- Popolo ----------------------------------------------------------------------------------------


def test_popolo_deep_nesting_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path / "deep.json", '{"persons": ' + "[" * 5000 + "]" * 5000 + "}")
    with pytest.raises(OrgDataError) as raised:
        read_popolo(path)
    # '{' is level 1, so the 100th '[' (column 12 + 100) opens level 101.
    assert _only_problem(raised).startswith(f"{path}:1:112: nested more than 100 levels deep")


def test_popolo_a_number_of_5000_digits_is_located(tmp_path: Path) -> None:
    text = '{"persons": [{"id": "p", "name": "P"}],\n "organizations": [{"id": 1' + "0" * 4999 + "}]}"
    path = _write(tmp_path / "big.json", text)
    with pytest.raises(OrgDataError) as raised:
        read_popolo(path)
    assert _only_problem(raised).startswith(f"{path}:2:27: a number of 5000 digits (at most 100)")


def test_popolo_made_ids_never_collide(tmp_path: Path) -> None:
    # Person 'x' meets organization 'x' and becomes 'person:x'; the file also has a person 'person:x'.
    data = {
        "persons": [{"id": "x", "name": "X"}, {"id": "person:x", "name": "Y"}],
        "organizations": [{"id": "x", "name": "Org X", "classification": "legislature"}],
        "memberships": [{"person_id": "person:x", "organization_id": "x"}, {"person_id": "x", "organization_id": "x"}],
    }
    org = read_popolo(_write(tmp_path / "ids.json", json.dumps(data)))
    assert org.nodes("person") == ["person:x#2", "person:x"]
    assert org.name("person:x") == "Y"  # the file's own id is kept as written
    assert org.name("person:x#2") == "X"
    assert sorted(org.members("x")) == ["person:x", "person:x#2"]
    [entry] = org.import_report
    assert (entry.item, entry.reason) == ("person:x#2", "an organization has the id 'x'")
    assert check_document(org.document) == []


def test_popolo_membership_ending_before_it_starts_is_reported(tmp_path: Path) -> None:
    data = {
        "persons": [{"id": "p", "name": "P", "birth_date": "1990", "death_date": "1980-05-01"}],
        "organizations": [{"id": "g", "name": "G"}],
        "memberships": [{"person_id": "p", "organization_id": "g", "start_date": "2016-03", "end_date": "2016-02"}],
    }
    org = read_popolo(_write(tmp_path / "dates.json", json.dumps(data)))
    assert org.document.memberships == ()
    reasons = [entry.reason for entry in org.import_report]
    assert reasons == [
        "death_date '1980-05-01' is before birth_date '1990'",
        "end_date '2016-02' is before start_date '2016-03'",
    ]


# -- node-link -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"nodes": [{"id": "a", "node_for_adding": 1}, {"id": "b"}]}, None),
        ({"edges": [{"source": "a", "target": "b", "key": "k", "u_for_edge": 1, "v_for_edge": 2}]}, None),
        ({"graph": {"incoming_graph_data": [["a", "b"]], "multigraph_input": True}}, None),
        ({"edges": [{"source": "a", "target": "b", "key": [1]}]}, "edges[0].key: an edge key must be text or a number"),
        ({"graph": ["a", "b"]}, "graph: not an object but a list"),
        ({"nodes": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}, "nodes[2].id: duplicate id 'a', first at nodes[0]"),
    ],
    ids=["node_for_adding", "u_for_edge", "incoming_graph_data", "list key", "list graph", "duplicate node"],
)
def test_node_link_odd_names_and_shapes(tmp_path: Path, change: dict[str, Any], expected: str | None) -> None:
    path = _write(tmp_path / "odd.json", json.dumps({**NODE_LINK, **change}))
    if expected is None:
        G = read_node_link(path)
        name = next(iter(change))
        if name == "graph":
            assert G.graph["incoming_graph_data"] == [["a", "b"]]  # kept as data, not taken as an argument
            assert list(G.edges(keys=True)) == [("a", "b", "reports_to")]
        elif name == "nodes":
            assert G.nodes["a"]["node_for_adding"] == 1
        else:
            assert G.edges["a", "b", "k"] == {"u_for_edge": 1, "v_for_edge": 2}
        return
    with pytest.raises(OrgDataError) as raised:
        read_node_link(path)
    assert _only_problem(raised).startswith(f"{path}: {expected}")


def test_node_link_deep_nesting_and_missing_file(tmp_path: Path) -> None:
    deep = _write(tmp_path / "deep.json", "[" * 100_000)
    with pytest.raises(OrgDataError) as raised:
        read_node_link(deep)
    assert _only_problem(raised).startswith(f"{deep}:1:101: nested more than 100 levels deep")
    missing = tmp_path / "missing.json"
    with pytest.raises(OrgDataError) as raised:
        read_node_link(missing)
    assert _only_problem(raised) == f"{missing}: cannot read the file: No such file or directory"
    with pytest.raises(OrgDataError, match="not node-link data: the JSON is a list"):
        read_node_link(_write(tmp_path / "list.json", "[1, 2]"))
    with pytest.raises(OrgDataError, match=r"x\.json: not a JSON object but a list"):
        node_link_graph([1, 2], name="x.json")  # type: ignore[arg-type]


def test_node_link_not_json_numbers_are_located(tmp_path: Path) -> None:
    path = _write(tmp_path / "nan.json", '{"nodes": [{"id": "a", "w": NaN}],\n "edges": [1e999]}')
    with pytest.raises(OrgDataError) as raised:
        read_node_link(path)
    assert _only_problem(raised).startswith(f"{path}:1:29: NaN is not a JSON value")


# -- ids the importers make ------------------------------------------------------------------------


def test_organogram_unit_ids_never_collide(tmp_path: Path) -> None:
    # Post 'Finance' pushes unit 'Finance' to 'unit:Finance', which the file gives a post as well;
    # the file also has a unit named 'unit:Finance' (a post's id too) and one named after a junior post's id.
    senior = _write(
        tmp_path / "s.csv",
        SENIOR_HEADER
        + "Finance,A,SCS3,Boss,Board,XX,1\n"
        + "unit:Finance,B,SCS2,Director,Finance,Finance,1\n"
        + "C1,C,SCS1,Deputy,unit:Finance,Finance,1\n"
        + "C2,D,SCS1,Deputy,junior:C1/EO/Clerk/Finance,Finance,1\n",
    )
    junior = _write(tmp_path / "j.csv", JUNIOR_HEADER + "Finance,C1,EO,Clerk,3\n")
    org = read_organogram(senior, junior)
    junior_id = "junior:C1/EO/Clerk/Finance"  # what the staff are: senior post, grade, title, unit
    assert org.nodes("unit") == ["Board", "unit:Finance#2", "unit:unit:Finance", f"unit:{junior_id}"]
    assert [org.name(u) for u in org.nodes("unit")] == ["Board", "Finance", "unit:Finance", junior_id]
    assert org.graph.nodes["unit:Finance"]["kind"] == "post"
    assert org.graph.nodes[junior_id]["kind"] == "post"
    assert org.graph.nodes[junior_id]["unit"] == "unit:Finance#2"
    assert check_document(org.document) == []


def test_an_invalid_file_date_is_left_out(tmp_path: Path) -> None:
    path = _write(tmp_path / "dept-2016-13-45-senior.csv", SENIOR_HEADER + "1,A,SCS3,Boss,Board,XX,1\n")
    assert read_organogram(path).document.organisation.as_of is None


def test_absurd_numbers_are_not_read_as_numbers(tmp_path: Path) -> None:
    header = SENIOR_HEADER.rstrip("\n") + ",Actual Pay Floor (£)\n"
    path = _write(tmp_path / "s.csv", header + f"1,A,SCS3,Boss,Board,XX,1e300,{'9' * 400}\n")
    org = read_organogram(path)
    node = org.graph.nodes["1"]
    assert node["headcount"] == "unknown"
    assert node["attributes"]["pay_floor"] == "9" * 400
    assert org.import_report[0].reason == "FTE '1e300' is not a number from 0 to 1 000 000"


# -- files without rows ----------------------------------------------------------------------------


def test_header_only_organogram_says_so(tmp_path: Path) -> None:
    senior = _write(tmp_path / "s.csv", SENIOR_HEADER)
    junior = _write(tmp_path / "j.csv", JUNIOR_HEADER + "\n\n")
    org = read_organogram(senior, junior)
    assert org.nodes("post") == []
    assert [(e.file, e.row, e.kind, e.action, e.reason) for e in org.import_report] == [
        (str(senior), 1, "note", "read no senior posts", "the senior-staff file has no rows below its header"),
        (str(junior), 1, "note", "read no junior posts", "the junior-staff file has no rows below its header"),
    ]


def test_header_only_csv_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path / "hr.csv", "id,post,holder,manager_id,unit\n")
    org = read_csv(path)
    assert org.nodes("post") == []
    [entry] = org.import_report
    assert (entry.row, entry.kind, entry.reason) == (1, "note", "the file has no rows below its header")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import orggraph.importers.csv_text as csv_text

    monkeypatch.setattr(csv_text, "MAX_STREAM_BYTES", 1024)
    for read in (read_csv, read_organogram, read_popolo, read_node_link):
        with pytest.raises(OrgDataError) as raised:
            read("/dev/zero")
        assert _only_problem(raised) == "/dev/zero: not a file but a stream of more than 1 024 bytes (give a data file)"
