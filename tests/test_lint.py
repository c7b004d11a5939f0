"""Lint: every planted defect is found and nothing else; the seeds give only documented unknowns."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import Org, lint
from orggraph.errors import OptionError
from orggraph.lint import CHECKS, Finding, Findings
from orggraph.schema import Document
from tests.strategies import reporting_trees

PLANTED = Path(__file__).parent / "data" / "lint_defects.yaml"

# (code, culprit) of every plant in tests/data/lint_defects.yaml, in the order lint reports them
EXPECTED = [
    ("OG101", "orphan-topic"),
    ("OG102", "pay"),
    ("OG103", "ideas-topic"),
    ("OG104", "council"),
    ("OG105", "hiring"),
    ("OG201", "empty-forum"),
    ("OG202", "chairless"),
    ("OG203", "ownerless"),
    ("OG204", "outside-chair"),
    ("OG205", "ideas"),
    ("OG301", "orphan"),
    ("OG302", "twin"),
    ("OG302", "misfiled"),
    ("OG303", "adviser"),
    ("OG304", "loner"),
    ("OG305", "cycle-a"),
    ("OG306", "consultant"),
    ("OG307", "planner"),
    ("OG401", "six-sellers"),
    ("OG402", "three-temps"),
    ("OG403", "chefs"),
    ("OG404", "agreements"),
]


def _planted_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PLANTED.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def planted() -> Findings:
    # the planted duplicates and cycles need the unchecked path, which only the library itself takes
    return lint.lint(Org._checked(Document.model_validate(_planted_data())))


def _culprit(finding: Finding) -> str:
    """The planted item a finding is about: the node, or the declared count named in the message."""
    if finding.code in ("OG401", "OG402"):
        match = re.search(r"declared count '([^']+)'", finding.message)
        assert match is not None
        return match.group(1)
    if finding.code == "OG104":
        return finding.nodes[0]
    return finding.nodes[0]


def test_every_planted_defect_is_found_and_nothing_else(planted: Findings) -> None:
    assert [(f.code, _culprit(f)) for f in planted] == EXPECTED


def test_every_check_has_a_plant() -> None:
    # the HR checks (OG5xx) need grades or staff rows; their plants are in tests/test_lint_hr.py
    assert {code for code, _ in EXPECTED} == {check.code for check in CHECKS if not check.code.startswith("OG5")}


def test_plants_are_commented_in_the_file() -> None:
    text = PLANTED.read_text(encoding="utf-8")
    assert {code for code, _ in EXPECTED} <= set(re.findall(r"# (OG\d{3})", text))


def test_planted_messages(planted: Findings) -> None:
    messages = {(f.code, _culprit(f)): f.message for f in planted}
    assert messages[("OG302", "misfiled")] == (
        "post 'Fejlplaceret' (misfiled) reports to 'Driftschef' (ops-head) but sits in unit 'Salg' (sales) "
        "headed by 'Salgschef' (sales-head), who is not above it in its chain of command: two line managers; "
        "point reports_to at the unit's head (or a post below it), or move the post to its manager's unit"
    )
    assert messages[("OG302", "twin")] == (
        "post 'Tvilling' (twin) reports to 2 managers: 'Salgschef' (sales-head), 'Direktør' (ceo)"
    )
    assert messages[("OG305", "cycle-a")] == (
        "reporting cycle cycle-a → cycle-b → cycle-a; break it by pointing one of them elsewhere"
    )
    assert messages[("OG306", "consultant")] == (
        "post 'Konsulent' (consultant) has a line manager that the source implies but does not name: "
        "its chain of command is not documented"
    )
    assert messages[("OG307", "planner")] == (
        "post 'Planlægger' (planner) reports to one of 'Salgschef' (sales-head), 'Driftschef' (ops-head), and the "
        "source does not say which: the spans of these posts, and the layers and chains below, are ranges"
    )
    assert messages[("OG205", "ideas")] == (
        "forum 'Idéforum' (ideas) has the constraint 'no_managers' (et lederfrit rum) but takes in managers "
        "(posts with direct reports or heading a unit): 'Salgschef' (sales-head)"
    )
    assert messages[("OG204", "outside-chair")].startswith(
        "forum 'Salgsmøde' (outside-chair) is chaired by 'Driftschef'"
    )
    assert messages[("OG401", "six-sellers")] == (
        "declared count 'six-sellers' (seks sælgere: 6) disagrees with the data, which has 5 people in 1 post: "
        "'Sælger' (seller)"
    )
    assert messages[("OG402", "three-temps")] == (
        "declared count 'three-temps' (tre vikarer: 3) cannot be checked: the size of 'Vikar' (temp) is unknown"
    )
    assert messages[("OG403", "chefs")] == (
        "group 'Cheferne' (chefs) lists some of the posts its rule selects but not 'Driftschef' (ops-head); "
        "update the member list, or narrow the rule"
    )
    assert messages[("OG404", "agreements")] == (
        "agreement 'Salg 2024' (sales-2024) under 'Afdelingsaftaler' (agreements) has 3 goals, fewer than the 4 "
        "required"
    )


def test_findings_carry_severity_and_source(planted: Findings) -> None:
    by_culprit = {(f.code, _culprit(f)): f for f in planted}
    orphan = by_culprit[("OG301", "orphan")]
    assert orphan.severity == "warning"
    assert orphan.check == "post-without-manager"
    assert orphan.source == "Håndbog, 1. Struktur: 'Den forældreløse stilling'"
    assert by_culprit[("OG304", "loner")].source is None
    severities = {check.code: check.severity for check in CHECKS}
    assert all(f.severity == severities[f.code] for f in planted)


def test_the_loader_accepts_the_file_without_the_import_only_plants() -> None:
    data = _planted_data()
    data["posts"] = [p for p in data["posts"] if p["id"] not in ("twin", "cycle-a", "cycle-b")]
    org = orggraph.from_dict(data)
    found = [(f.code, _culprit(f)) for f in lint.lint(org)]
    assert found == [e for e in EXPECTED if e not in (("OG302", "twin"), ("OG305", "cycle-a"))]


def test_select_and_ignore(planted: Findings) -> None:
    org = Org._checked(Document.model_validate(_planted_data()))  # unchecked, as above
    assert [f.code for f in lint.lint(org, select=["OG301", "cycle"])] == ["OG301", "OG305"]
    errors = lint.lint(org, select=["error"])
    assert {f.severity for f in errors} == {"error"}
    assert len(lint.lint(org, ignore=["info", "warning"])) == len(errors)
    with pytest.raises(OptionError, match=r"select: unknown check 'OG3O1' \(did you mean 'OG301'"):
        lint.lint(org, select=["OG3O1"])
    with pytest.raises(TypeError, match="take a list of checks"):
        lint.lint(org, select="OG301")


def test_an_unknown_check_lists_the_valid_ones(example: Org) -> None:
    with pytest.raises(OptionError) as caught:
        example.lint(select=["bogus"])
    assert isinstance(caught.value, ValueError)  # an OrgGraphError that is also a ValueError
    every_check = ", ".join(f"{check.code} {check.name}" for check in CHECKS)
    assert str(caught.value) == (
        f"select: unknown check 'bogus'; give check codes or names ({every_check}) or severities (error, warning, info)"
    )
    with pytest.raises(
        OptionError, match=r"^ignore: unknown check 'isolated-posts' \(did you mean 'isolated-post'\?\); "
    ):
        example.lint(ignore=["isolated-posts"])


def test_to_frame_and_text(planted: Findings) -> None:
    frame = planted.to_frame()
    assert frame.columns.tolist() == ["code", "check", "severity", "message", "nodes", "source"]
    assert len(frame) == len(EXPECTED)
    assert frame["nodes"].iloc[0] == ("orphan-topic",)
    assert frame.index.name == "node"
    assert frame.index.tolist() == [f.nodes[0] for f in planted]
    # severity ranks: info < warning < error, whatever the alphabet says
    assert frame["severity"].cat.ordered
    ranked = frame.sort_values("severity", kind="stable")["severity"].tolist()
    assert ranked == sorted(frame["severity"], key=["info", "warning", "error"].index)
    assert set(frame[frame["severity"] >= "warning"]["severity"]) <= {"warning", "error"}


def test_summary_counts_findings_by_check(planted: Findings) -> None:
    summary = planted.summary()
    codes = [f.code for f in planted]
    assert summary.index.tolist() == list(dict.fromkeys(codes))  # findings come in the order of the checks
    assert summary["count"].tolist() == [codes.count(code) for code in summary.index]
    assert str(summary["count"].dtype) == "Int64"
    assert summary["count"].sum() == len(planted)
    by_code = {check.code: check for check in CHECKS}
    assert summary["check"].tolist() == [by_code[code].name for code in summary.index]
    assert summary["severity"].tolist() == [by_code[code].severity for code in summary.index]
    assert Findings().summary().empty
    assert str(planted).splitlines()[0].startswith("OG101 warning: no one is documented to decide")
    assert str(Findings()) == "no findings"
    assert "<table>" in planted._repr_html_()
    assert "&#x27;" in planted._repr_html_()  # quotes in messages are escaped


def test_every_check_is_documented() -> None:
    doc = lint.__doc__ or ""
    for check in CHECKS:
        assert f"{check.code} {check.name} ({check.severity})" in doc
        section = doc.split(f"{check.code} {check.name}")[1].split("\nOG")[0]
        assert "*Why:*" in section, f"{check.code} does not say why it matters"


# -- the seed organisations: only documented unknowns --------------------------------------------


def _summary(findings: Findings | list[lint.Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.nodes[0]) for f in findings]


def test_ishoj_reports_only_documented_unknowns(ishoj: Org) -> None:
    findings = ishoj.lint()
    assert _summary(findings) == [
        # Byrådet "vedtager en vision, politikker, strategier"; its members are not in the document
        ("OG104", "byraadet"),
        # "Deltagerne kan udpeges ift. specifik faglig viden": no fixed members
        ("OG201", "arbejdsgrupper-koncernledelsen"),
        # chairs and owners are stated only for the direktion meetings ("Kommunaldirektøren ejer mødet og er
        # mødeleder") and, as a rotation, for the koncernledelse meetings ("Direktørene skiftes")
        ("OG202", "strategidag-med-borgmester"),
        ("OG202", "koncernledelsesseminar"),
        ("OG202", "chefmoeder-direktoeromraader"),
        ("OG202", "temamoeder-koncernledelsen"),
        ("OG202", "arbejdsgrupper-koncernledelsen"),
        ("OG203", "strategidag-med-borgmester"),
        ("OG203", "koncernledelsesmoeder"),
        ("OG203", "koncernledelsesseminar"),
        ("OG203", "chefmoeder-direktoeromraader"),
        ("OG203", "temamoeder-koncernledelsen"),
        ("OG203", "arbejdsgrupper-koncernledelsen"),
        # "De tre direktører skal også varetage de respektive direktørrum": whether the two directors besides
        # the kommunaldirektør report to him is not said
        ("OG306", "direktoer-omraade-2"),
        ("OG306", "direktoer-omraade-3"),
        # "træffer beslutninger på eget område i tæt samarbejde med sine tilknyttede centerchefer": each centre
        # head is attached to one of the three directors, which one is not said
        ("OG307", "centerchef"),
    ]
    assert {f.severity for f in findings} == {"info"}


def test_roskilde_reports_only_documented_unknowns(roskilde: Org) -> None:
    findings = roskilde.lint()
    assert _summary(findings) == [
        # Byrådet and the Hovedudvalg decide, but their members are not in the memo
        ("OG104", "byraadet"),
        ("OG104", "hmu"),
        # "Sekretariatschefgruppen og Budget- og regnskabsgruppen" are only named; the council's and the
        # committees' members are not given; the MED-seminar is only in the årshjul
        ("OG201", "sekretariatschefgruppen"),
        ("OG201", "budget-og-regnskabsgruppen"),
        ("OG201", "byraadets-foraarsseminar"),
        ("OG201", "tvaergaaende-udvalgsmoeder"),
        ("OG201", "med-seminar"),
        # "prioriterer det fælles strategiske arbejde i dit faglige lederforum" (Lederkodeks) and "en række
        # samarbejdsfora som er af mere situationsbestemt og projektlignende karakter": named, no members
        ("OG201", "fagligt-lederforum"),
        ("OG201", "situationsbestemte-samarbejdsfora"),
        # no chair is stated for any Roskilde forum
        *[("OG202", forum) for forum in roskilde.nodes("forum")],
        # no owner is stated; the five fora of §4 at least were set up by the direktion ("Direktionen har nedsat
        # fora")
        ("OG203", "direktionsmoeder"),
        ("OG203", "direktionsseminar"),
        ("OG203", "oekonomiudvalgets-strategiseminar"),
        ("OG203", "byraadets-foraarsseminar"),
        ("OG203", "tvaergaaende-udvalgsmoeder"),
        ("OG203", "med-seminar"),
        ("OG203", "fagligt-lederforum"),
        ("OG203", "situationsbestemte-samarbejdsfora"),
        # "Det er forventningen at disse 20 medarbejdere bruger ca. 10-15% af deres arbejdstid i dette regi
        # (udenfor linieorganisationen)": they have line managers, whom the memo does not name
        ("OG306", "udviklingsforum-medarbejder"),
        # "direktøren ansætter afdelingschefer": an afdelingschef reports to one of the directors, not said which
        ("OG307", "afdelingschef"),
        # "Det består i alt af ca. 130 ledere": the head counts of chefs and institution leaders are unknown
        ("OG402", "lederforum"),
    ]
    # "kommunaldirektøren og de 3 direktører udgør en samlet direktion" and the other declared counts hold
    assert {f.severity for f in findings} == {"info"}


def test_an_unknown_manager_is_a_documented_unknown_not_an_orphan() -> None:
    text = """
organisation: {id: t, name: T}
posts:
  - {id: boss, name: Boss, top: true}
  - {id: expert, name: Expert, MARK}
forums: [{id: f, name: F, members: [boss, expert], chair: {post: boss}, owner: boss}]
"""
    orphan = orggraph.loads(text.replace(", MARK", ""))
    assert _summary(orphan.lint()) == [("OG301", "expert")]
    unknown = orggraph.loads(text.replace("MARK", "manager_unknown: true"))
    findings = unknown.lint()
    assert _summary(findings) == [("OG306", "expert")]
    assert (findings[0].check, findings[0].severity) == ("manager-unknown", "info")
    # a manager that is found replaces the unknown: the flag goes, and so does the finding
    known = orggraph.loads(text.replace("MARK", "reports_to: boss"))
    assert _summary(known.lint()) == []


def test_a_declared_count_of_the_members_of_a_unit() -> None:
    text = """
organisation: {id: t, name: T}
units:
  - {id: board, name: Direktionen, kind: executive_board, head: ceo}
  - {id: staff, name: Stab, parent: board}
posts:
  - {id: ceo, name: Kommunaldirektør, unit: board, top: true}
  - {id: director, name: Direktør, unit: board, headcount: 3, reports_to: ceo}
  - {id: adviser, name: Rådgiver, unit: staff, headcount: HEADS, reports_to: ceo}
declared_counts:
  - {id: board-of-five, description: direktionen er fem, count: 5, of: members, collective: board}
"""
    # a unit's members are its posts and those of the units below it, weighted by head count
    assert orggraph.loads(text.replace("HEADS", "1")).lint(select=["OG401", "OG402"]) == []
    (finding,) = orggraph.loads(text.replace("HEADS", "2")).lint(select=["OG401", "OG402"])
    assert (finding.code, finding.nodes) == ("OG401", ("board", "ceo", "director", "adviser"))
    assert finding.message == (
        "declared count 'board-of-five' (direktionen er fem: 5) disagrees with the data, which has 6 people in "
        "3 posts: 'Kommunaldirektør' (ceo), 'Direktør' (director), 'Rådgiver' (adviser)"
    )
    (finding,) = orggraph.loads(text.replace("HEADS", "unknown")).lint(select=["OG401", "OG402"])
    assert (finding.code, finding.nodes) == ("OG402", ("board", "adviser"))


def test_example_org_findings(example: Org) -> None:
    assert _summary(example.lint()) == [("OG202", "ops-huddle"), ("OG203", "all-hands"), ("OG203", "ops-huddle")]


@settings(max_examples=40, deadline=None)
@given(reporting_trees(max_posts=20))
def test_a_clean_tree_has_no_reporting_findings(data: dict[str, Any]) -> None:
    org = orggraph.from_dict(data)
    findings = org.lint(select=["OG301", "OG302", "OG303", "OG305"])
    assert list(findings) == []
    isolated = {f.nodes[0] for f in org.lint(select=["OG304"])}
    assert isolated == {p for p in org.nodes("post") if org.graph.degree(p) == 0}


def test_deciders_and_responsibility_are_inherited_and_bodies_decide_together() -> None:
    org = orggraph.loads("""
organisation: {id: d, name: D}
units: [{id: board, name: Direktionen}]
posts:
  - {id: d1, name: Direktør 1, unit: board, top: true}
  - {id: d2, name: Direktør 2, unit: board, top: true}
  - {id: x, name: X, top: true}
topics:
  - {id: area, name: Område, roles: [{role: responsible, holder: board}]}
  - {id: part, name: Del, parent: area, roles: [{role: consulted, holder: x}]}
  - {id: loose, name: Løs, roles: [{role: consulted, holder: x}]}
  - {id: each, name: Hver sin, roles: [{role: decides, holder: d1}, {role: decides, holder: d2}]}
  - {id: clash, name: Strid, roles: [{role: decides, holder: d1}, {role: decides, holder: x}]}
""")
    # 'part' inherits its parent's responsible holder; d1 and d2 are exactly the posts of the direktion
    assert _summary(org.lint(select=["OG101", "OG102"])) == [("OG101", "loose"), ("OG102", "clash")]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=14))
def test_the_quick_cycle_test_agrees_with_networkx(pairs: list[tuple[int, int]]) -> None:
    # lint builds the graph of the structure and its strongly connected components only when this says a cycle exists
    lines = [(f"n{u}", f"n{v}", "x") for u, v in pairs]
    graph = nx.DiGraph([(u, v) for u, v, _ in lines])
    assert lint._has_cycle(lines) == (not nx.is_directed_acyclic_graph(graph))
