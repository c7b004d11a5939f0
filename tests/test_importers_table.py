"""Generic HR export import: column mapping, bad rows with line numbers, strict mode, round trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import Org, OrgDataError
from orggraph.checks import check_document
from orggraph.graph import full_attributes, node_field
from orggraph.importers import ImportReport, read_csv
from orggraph.importers.references import find_cycles, reference_key

BAD = (
    "id,post,type,manager_id,unit\n"  # 1: the fields' own names
    "1,Kommunaldirektør,direktør,,Direktionen\n"  # 2: the top
    "2,Direktør for By,direktør,1,Direktionen\n"  # 3
    ",Uden id,medarbejder,1,Direktionen\n"  # 4: no id -> skipped
    "2,Dublet,medarbejder,1,Direktionen\n"  # 5: duplicate id -> skipped
    "3,Centerchef,centerchef,02,Center for Miljø\n"  # 6: '02' -> '2' (lost zero)
    "4,Løs,medarbejder,99,Center for Miljø\n"  # 7: unknown manager
    "5,Ring A,medarbejder,6,Center for Miljø\n"  # 8: 5 -> 6 -> 5
    "6,Ring B,medarbejder,5,Center for Miljø\n"  # 9
    "7,Selv,medarbejder,7,Center for Miljø\n"  # 10: reports to itself
    "8,For mange,felter,1,Direktionen,ekstra\n"  # 11: six fields -> skipped
    "9,,pedel,3,\n"  # 12: no name -> named after its type
    '10,"Med ""citat""\nog linjeskift",medarbejder,3,Center for Miljø\n'  # 13-14: one record
    "11,Kort,medarbejder,3\n"  # 15: short row, read with a blank unit
    "\n"  # 16: blank line
    "12,Sidste,medarbejder,1,1\n"  # 17: a unit named like post '1'
)


def _write(tmp_path: Path, text: str, name: str = "hr.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _report(org: Org) -> ImportReport:
    report = org.import_report
    assert isinstance(report, ImportReport)
    return report


@pytest.fixture
def bad(tmp_path: Path) -> Org:
    return read_csv(_write(tmp_path, BAD))


def test_posts_managers_and_units(bad: Org) -> None:
    assert bad.nodes("post") == ["1", "2", "3", "4", "5", "6", "7", "9", "10", "11", "12"]
    managers = {post: bad.manager(post) for post in bad.nodes("post")}
    assert managers == {
        "1": None,
        "2": "1",
        "3": "2",
        "4": None,
        "5": None,
        "6": "5",
        "7": None,
        "9": "3",
        "10": "3",
        "11": "3",
        "12": "1",
    }
    assert bad.roots() == ["1", "4", "5", "7"]
    nodes = bad.graph.nodes
    assert [p for p in bad.nodes("post") if node_field(nodes[p], "top")] == ["1"]  # the others lost their manager
    assert (bad.name("2"), node_field(nodes["2"], "type")) == ("Direktør for By", "direktør")
    assert bad.name("9") == "pedel"
    assert bad.name("10") == 'Med "citat"\nog linjeskift'
    assert bad.nodes("unit") == ["Direktionen", "Center for Miljø", "unit:1"]
    assert bad.name("unit:1") == "1"
    assert bad.members("Direktionen") == ["1", "2"]
    assert node_field(nodes["11"], "unit") is None
    assert bad.document.organisation.name == "hr"
    assert check_document(bad.document) == []


def test_a_manager_reference_is_the_managers_own_id(tmp_path: Path) -> None:
    """One string object per id: a reference shares the id's string, whether its manager comes before or after."""
    text = "id,name,manager_id\nbo,B,ann\nann,A,\ncem,C,ann\ndan,D,cem\neva,E,001\n0001,Nul,\n"
    org = read_csv(_write(tmp_path, text))  # ids of several letters: CPython shares one-letter strings anyway
    G = org.graph
    own = {node: node for node in G}  # each id -> the graph's own string for it
    references = {post: G.nodes[post]["reports_to"] for post in ("bo", "cem", "dan", "eva")}
    assert references == {"bo": "ann", "cem": "ann", "dan": "cem", "eva": "0001"}  # 001: leading zeros matched
    for post, manager in references.items():
        assert manager is own[manager]
        assert next(target for _, target, key in G.out_edges(post, keys=True) if key == "reports_to") is own[manager]
    assert_built_from_its_data(org)


def test_a_unit_named_as_a_post_gets_an_id_no_post_or_unit_has(tmp_path: Path) -> None:
    """A unit named as a post becomes ``unit:<name>``, then ``#2`` and on past post ids and other units' names."""
    text = "id,name,manager_id,unit\nA,Ann,,A\nB,Bo,A,B\nunit:A,Cem,A,unit:B\n"
    org = read_csv(_write(tmp_path, text))
    # unit A: 'unit:A' is a post -> 'unit:A#2'; unit B: 'unit:B' is another unit's name -> 'unit:B#2'
    assert org.nodes("unit") == ["unit:A#2", "unit:B#2", "unit:B"]
    assert [org.name(unit) for unit in org.nodes("unit")] == ["A", "B", "unit:B"]
    assert [org.members(unit) for unit in org.nodes("unit")] == [["A"], ["B"], ["unit:A"]]
    assert check_document(org.document) == []


def test_bad_rows_are_reported_with_lines(bad: Org) -> None:
    report = _report(bad)
    assert [(e.row, e.column, e.item, e.kind) for e in report] == [
        (4, 1, None, "skip"),
        (5, 1, "2", "skip"),
        (6, 4, "3", "repair"),
        (7, 4, "4", "repair"),
        (8, 4, "5", "repair"),
        (10, 4, "7", "repair"),
        (11, 0, None, "skip"),
        (12, 2, "9", "note"),
    ]
    assert [e.reason for e in report] == [
        "no id",
        "duplicate id '2', first at line 3",
        "unknown post '02'; leading zeros differ",
        "unknown post '99'; no post has it",
        "reporting cycle 5 'Ring A' -> 6 'Ring B' -> 5 'Ring A'",  # the names, as in the file
        "reporting cycle 7 'Selv' -> 7 'Selv'",
        "it has 6 fields, the header 5",
        "no name",
    ]
    assert (
        str(report)
        .splitlines()[3]
        .endswith("hr.csv:6:4: post '3': matched the manager to post '2' (unknown post '02'; leading zeros differ)")
    )


def test_a_cycle_closed_by_a_matched_manager_is_broken(tmp_path: Path) -> None:
    """The one reference pointing down the file is matched only after the rows ('b' is post 'B'), and closes a cycle."""
    org = read_csv(_write(tmp_path, "id,name,manager_id\nA,Ann,b\nB,Bo,A\nC,Cem,B\n"))
    assert [(e.row, e.item, e.action) for e in _report(org)] == [
        (2, "A", "matched the manager to post 'B'"),
        (2, "A", "left the post without a manager"),
    ]
    assert _report(org)[1].reason == "reporting cycle A 'Ann' -> B 'Bo' -> A 'Ann'"
    assert org.chain_of_command("C") == ["B", "A"]
    assert_built_from_its_data(org)


def _ignoring_own_factory(method: Any, name: str) -> Any:
    """``method`` of networkx as it would be if it made its dicts without the graph's own factory ``name``."""

    def ignoring(self: nx.MultiDiGraph, *args: Any, **kwargs: Any) -> Any:
        own = vars(self).pop(name, None)
        try:
            return method(self, *args, **kwargs)
        finally:
            if own is not None:
                setattr(self, name, own)

    return ignoring


def _asking_once_more(method: Any) -> Any:
    """``add_nodes_from`` as it would be if it asked the node factory for one dict more than the nodes."""

    def asking(self: nx.MultiDiGraph, *args: Any, **kwargs: Any) -> Any:
        self.node_attr_dict_factory()
        return method(self, *args, **kwargs)

    return asking


@pytest.mark.parametrize(
    ("method", "patched"),
    [
        ("add_nodes_from", _ignoring_own_factory(nx.MultiDiGraph.add_nodes_from, "node_attr_dict_factory")),
        ("add_nodes_from", _asking_once_more(nx.MultiDiGraph.add_nodes_from)),
        ("add_edge", _ignoring_own_factory(nx.MultiDiGraph.add_edge, "edge_attr_dict_factory")),
    ],
    ids=["nodes without the factory", "nodes asking once more", "edges without the factory"],
)
def test_the_graph_is_the_same_should_networkx_make_its_dicts_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str, patched: Any
) -> None:
    """The importer hands networkx its attribute dicts through factory hooks; without them the graph is the same."""
    path = _write(tmp_path, BAD)
    expected = read_csv(path).graph
    monkeypatch.setattr(nx.MultiDiGraph, method, patched)
    org = read_csv(path)
    G = org.graph
    assert list(G.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert not vars(G).keys() & {"node_attr_dict_factory", "edge_attr_dict_factory"}
    assert_built_from_its_data(org)


def test_strict_raises_every_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD)
    with pytest.raises(OrgDataError) as raised:
        read_csv(path, strict=True)
    problems = raised.value.problems
    assert [(p.line, p.column) for p in problems] == [(4, 1), (5, 1), (6, 4), (7, 4), (8, 4), (10, 4), (11, 0)]
    assert str(problems[4]) == (
        f"{path}:8:4: post '5': reporting cycle 5 'Ring A' -> 6 'Ring B' -> 5 'Ring A' "
        "(without strict=True: left the post without a manager)"
    )
    assert isinstance(raised.value, ValueError)


def test_columns_are_mappable(tmp_path: Path) -> None:
    text = "Stilling;Titel;Leder;Afdeling;Navn\nA;Direktør;;Direktionen;Åse\nB;Leder;a;Økonomi;Bo\n"
    org = read_csv(
        _write(tmp_path, text),
        delimiter=";",
        columns={"id": "Stilling", "name": "Titel", "manager_id": "leder", "unit": "Afdeling", "holder": "Navn"},
        name="Ishøj Kommune",
    )
    assert (org.title, org.document.organisation.id) == ("Ishøj Kommune", "ishoej-kommune")
    assert org.manager("B") == "A"  # 'a': case differs
    assert node_field(org.graph.nodes["A"], "holders") == ("Åse",)
    assert org.find("okonomi", kind="unit") == ["Økonomi"]
    assert [e.reason for e in _report(org)] == ["unknown post 'a'; case differs"]


def test_missing_id_column_and_unknown_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, "ident,name\n1,A\n")
    with pytest.raises(OrgDataError) as raised:
        read_csv(path)
    assert str(raised.value.problems[0]).startswith(
        f"{path}:1:0: no column for the field 'id' among the columns found: 'ident', 'name' (name the id column 'id'"
    )
    with pytest.raises(OrgDataError, match=r"no column 'Leder' for the field 'manager_id'"):
        read_csv(path, columns={"id": "ident", "manager_id": "Leder"})
    with pytest.raises(
        OrgDataError,
        match=r"unknown field 'manager'; valid fields: id, post, holder, type, manager_id, unit, fte, cost, grade, ",
    ):
        read_csv(path, columns={"id": "ident", "manager": "x"})
    assert read_csv(path, columns={"id": "ident"}).nodes("post") == ["1"]


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(OrgDataError, match="the file has no header row"):
        read_csv(_write(tmp_path, "\n\n"))
    with pytest.raises(OrgDataError, match="cannot read the file"):
        read_csv(tmp_path / "nowhere.csv")
    with pytest.raises(OrgDataError, match=r"hr.csv:2:0: the file is not utf-8: byte b'\\xf8' at offset 13"):
        read_csv(_write(tmp_path, "id,name\n1,Ish\xf8j\n", encoding="latin-1"), encoding="utf-8")
    with pytest.raises(OrgDataError, match="unknown encoding 'klingon'"):
        read_csv(_write(tmp_path, "id\n1\n"), encoding="klingon")
    with pytest.raises(OrgDataError, match=r"hr.csv:2:0: not readable as CSV: field larger than field limit"):
        read_csv(_write(tmp_path, 'id,name\n1,"' + "x" * 200_000 + '"\n'))
    with pytest.raises(OrgDataError, match=r"hr.csv:3:0: not readable as CSV: field larger than field limit"):
        read_csv(_write(tmp_path, "id,name\n1,a\n2," + "x" * 200_000 + "\n"))  # nothing quoted


def test_windows_1252_fallback(tmp_path: Path) -> None:
    org = read_csv(_write(tmp_path, "id,name,unit\n1,Direktør,Ældre og Sundhed\n", encoding="cp1252"))
    assert org.name("1") == "Direktør"
    assert org.nodes("unit") == ["Ældre og Sundhed"]
    assert [(e.row, e.action) for e in _report(org)] == [(2, "read the file as Windows-1252")]


def test_duplicate_header(tmp_path: Path) -> None:
    org = read_csv(_write(tmp_path, "id,name,name\n1,First,Second\n"))
    assert org.name("1") == "First"
    assert [e.reason for e in _report(org)] == ["the header 'name' appears in columns 2, 3"]


def test_helpers() -> None:
    assert reference_key("007.0") == reference_key("7") == "7"
    assert find_cycles({"a": "b", "b": "a", "c": "a"}, ["c", "b", "a"]) == [["b", "a"]]


# -- properties ------------------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=10,
).map(str.strip)
WORDS = st.lists(st.sampled_from(["Center", "for", "Økonomi", "Æ", "Børn", "og", "unge", "1"]), min_size=1, max_size=3)


@st.composite
def tables(draw: st.DrawFn) -> list[dict[str, str]]:
    """Rows of a well-formed HR export whose managers form a forest."""
    ids = draw(st.lists(TEXT.filter(bool), min_size=1, max_size=25, unique=True))
    rows = []
    for index, ident in enumerate(ids):
        manager = draw(st.none() | st.sampled_from(ids[:index])) if index else None
        rows.append(
            {
                "id": ident,
                "name": draw(TEXT),
                "title": draw(TEXT),
                "manager_id": manager or "",
                "unit": " ".join(draw(WORDS)) if draw(st.booleans()) else "",
            }
        )
    return rows


def _table_text(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["id", "name", "title", "manager_id", "unit"])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=tables())
def test_round_trip(tmp_path: Path, rows: list[dict[str, str]]) -> None:
    org = read_csv(_write(tmp_path, _table_text(rows)))
    # 'name' and 'title' without another employee column: an HR export (noted once), the untitled noted too
    notes = [e.reason for e in _report(org)]
    assert len(notes) == 1 + sum(1 for row in rows if not row["title"])
    assert notes[0].startswith("the file has 'name' and 'title' and no other employee column")
    assert org.nodes("post") == [row["id"] for row in rows]
    nodes = org.graph.nodes
    for row in rows:
        post: dict[str, Any] = full_attributes(nodes[row["id"]])
        assert post["name"] == (row["title"] or row["id"])
        assert post["holders"] == ((row["name"],) if row["name"] else ())
        assert post["type"] is None
        assert org.manager(row["id"]) == (row["manager_id"] or None)
        assert post["top"] == (not row["manager_id"])
        assert (org.name(post["unit"]) if post["unit"] else "") == row["unit"]
    assert check_document(org.document) == []
    assert orggraph.loads(org.to_yaml()) == org
    assert_built_from_its_data(org)


def assert_built_from_its_data(org: Org) -> None:
    """The graph the importer builds straight from the rows is the one its data gives through validation.

    Node for node with the same attributes in the same order, each kind in the same order, and the same
    edges in the same order out of and into every node (the importer adds units after the posts).
    """
    rebuilt = orggraph.from_dict(org.to_dict()).graph  # validated, checked, built by orggraph.graph
    G = org.graph
    assert {n: list(a.items()) for n, a in G.nodes(data=True)} == {
        n: list(a.items()) for n, a in rebuilt.nodes(data=True)
    }
    for kind in ("post", "unit"):
        assert [n for n, k in G.nodes(data="kind") if k == kind] == [
            n for n, k in rebuilt.nodes(data="kind") if k == kind
        ]
    for node in G:
        assert list(G.out_edges(node, keys=True, data=True)) == list(rebuilt.out_edges(node, keys=True, data=True))
        assert list(G.in_edges(node, keys=True, data=True)) == list(rebuilt.in_edges(node, keys=True, data=True))
    assert G.graph == rebuilt.graph


CELLS = st.sampled_from(
    ["", " ", "1", "01", "A", "a", "Ida", "Økonomi", "1,0", "0,5", "80%", "2e9", "1500000000", "-3", "n/a", "1e20",
     "12.345,50 kr.", "9007199254740993", "Team  Børn\nog unge", "unit:A", "x\ny"]
)  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELLS | TEXT, min_size=9, max_size=10), max_size=12),
)
def test_every_column_imports_as_its_validated_data(tmp_path: Path, rows: list[list[str]]) -> None:
    header = ["Employee ID", "Post", "Employee Name", "Type", "Manager ID", "Department", "FTE", "Cost", "Grade"]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    org = read_csv(_write(tmp_path, buffer.getvalue()))  # whatever the cells, a repaired import
    assert_built_from_its_data(org)
    assert check_document(org.document) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=300)
    | st.lists(
        st.sampled_from([b"id", b"name", b"manager_id", b",", b"\n", b'"', b"1", b"01", b"\xc3", b" ", b"\r"])
    ).map(b"".join)
)
def test_random_bytes_raise_only_org_data_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    for strict in (False, True):
        try:
            org = read_csv(path, strict=strict)
        except OrgDataError:
            continue
        assert check_document(org.document) == []
        assert_built_from_its_data(org)
        roots = set(org.roots())
        for post in org.nodes("post"):
            chain = org.chain_of_command(post)
            assert (chain[-1] if chain else post) in roots
