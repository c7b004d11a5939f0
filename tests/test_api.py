"""The public API: every exported name exists, the contract's names are there, and importing is light."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import networkx as nx

import orggraph


def test_all_names_exist() -> None:
    # every exported name resolves to orggraph's own object, and `from orggraph import *` gives exactly them
    namespace: dict[str, Any] = {}
    exec("from orggraph import *", namespace)
    assert sorted(set(namespace) - {"__builtins__"}) == orggraph.__all__
    assert sorted(orggraph.__all__) == orggraph.__all__
    for name in orggraph.__all__:
        assert namespace[name] is getattr(orggraph, name)
        assert namespace[name].__module__.startswith("orggraph."), name
        assert namespace[name].__name__ == name


def test_contract_names() -> None:
    for name in ("load", "loads", "from_dict", "read_csv", "read_organogram", "read_popolo", "OrgDataError"):
        assert name in orggraph.__all__
    assert issubclass(orggraph.OrgDataError, ValueError)
    assert issubclass(orggraph.UnknownNodeError, LookupError)


def test_contract_methods_answer_on_the_example() -> None:
    """Each method of the contract (DESIGN.md) answers as documented, on facts read off orggraph/example.yaml."""
    org = orggraph.example()
    graph = org.graph
    assert isinstance(graph, nx.MultiDiGraph)
    assert all("kind" in data for _, data in graph.nodes(data=True))
    assert all("kind" in data for *_, data in graph.edges(data=True))
    assert org.find("finance director", kind="post") == ["cfo"]  # the name, any case
    assert org.find("Administrerende direktor") == ["ceo"]  # an alias, without diacritics
    assert org.name("cfo") == "Finance Director"
    assert (org.manager("technician"), org.manager("chair")) == ("site-lead", None)
    assert org.direct_reports("ceo") == ["assistant", "cfo", "coo"]
    assert org.chain_of_command("technician") == ["site-lead", "coo", "ceo", "chair"]
    # "The Chief Executive and the directors form the management team."
    assert org.members("management") == ["ceo", "cfo", "coo"]
    assert org.forums_of("cfo") == ["board", "all-hands"]  # board through the group, all-hands through hq
    assert (org.chairs("board"), org.chairs("all-hands")) == (["ceo"], ["ceo", "cfo", "coo"])
    # "A dismissal is approved one level up.": the technician's manager decides, that manager's manager approves
    decision = org.who_decides("dismissal", "technician")
    assert (decision.deciders, decision.approvers) == (["site-lead"], ["coo"])
    assert decision.rule == "the subject's manager decides and the manager's manager approves"
    assert decision.sources[0] == "Acme staff handbook, 3. Who decides: 'A dismissal is approved one level up.'"
    assert (org.who("budget", "decides"), org.who("budget")) == (["board-of-trustees"], ["cfo"])
    spans = org.span_of_control()
    # the CEO's direct reports in people: cfo 1 + coo 1 (the assistant is staff); total: 1 + 1 + 3 + 2 + 4
    assert (spans.loc["ceo", "direct"], spans.loc["ceo", "total"]) == (2, 11)
    assert org.layers().loc[["chair", "ceo", "technician"], "layer"].tolist() == [0, 1, 4]
    load = org.meeting_load().loc["cfo"]
    # board every second week for 1.5 h (26 x 1.5 = 39 h) and all-hands 4 x 2 h: 30 meetings, 47 hours
    assert (load["forums"], load["meetings_per_year"], load["hours_per_year"]) == (2, 30, 47)
    findings = org.lint()
    # the example leaves the ops huddle without chair and owner: both are findings about that forum
    assert {"ops-huddle"} <= {node for f in findings for node in f.nodes}
    for finding in findings:
        assert re.fullmatch(r"OG\d{3}", finding.code)
        assert finding.severity in ("error", "warning", "info")
        assert finding.message
        assert set(finding.nodes) <= set(graph)
    assert orggraph.from_dict(org.to_dict()) == org
    assert orggraph.loads(org.to_yaml()) == org


def test_import_does_not_load_pandas_or_matplotlib() -> None:
    code = "import sys, orggraph; print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_published_json_schema_is_current() -> None:
    # the README links docs/orggraph.schema.json; regenerate: orggraph schema > docs/orggraph.schema.json
    from pathlib import Path

    from orggraph.schema import json_schema_text

    published = Path(__file__).resolve().parent.parent / "docs" / "orggraph.schema.json"
    # Compared as JSON meaning, not text: pydantic releases write 0 or 0.0, and may add "type" beside "const".
    assert _meaning(json.loads(published.read_text(encoding="utf-8"))) == _meaning(json.loads(json_schema_text()))


def _meaning(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {key: _meaning(value) for key, value in schema.items() if not (key == "type" and "const" in schema)}
    if isinstance(schema, list):
        return [_meaning(value) for value in schema]
    return schema


def test_lazy_names_resolve_and_diff_stays_the_function() -> None:
    # the function diff lives in orggraph.changes: importing that module leaves orggraph.diff the function
    code = (
        "import sys, orggraph\n"
        "assert 'orggraph.importers' not in sys.modules and 'orggraph.lint' not in sys.modules\n"
        "assert 'orggraph.changes' not in sys.modules\n"
        "org = orggraph.example()\n"
        "import orggraph.changes\n"
        "assert orggraph.diff is orggraph.changes.diff and orggraph.Diff is orggraph.changes.Diff\n"
        "assert str(orggraph.diff(org, org.move('accountant', 'coo'))) == "
        "\"moved post 'Accountant' (accountant): reports_to 'cfo' → 'coo'\"\n"
        "assert orggraph.read_csv.__module__ == 'orggraph.importers.table'\n"
        "assert 'read_popolo' in dir(orggraph)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
