"""The public API: every exported name exists, the contract's names are there, and importing is light."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import orggraph

CONTRACT_METHODS = (
    "graph",
    "find",
    "name",
    "manager",
    "direct_reports",
    "chain_of_command",
    "members",
    "forums_of",
    "chairs",
    "who_decides",
    "who",
    "span_of_control",
    "layers",
    "meeting_load",
    "lint",
    "to_dict",
    "to_yaml",
    "chart",
)


def test_all_names_exist() -> None:
    missing = [name for name in orggraph.__all__ if not hasattr(orggraph, name)]
    assert missing == []
    assert sorted(orggraph.__all__) == orggraph.__all__


def test_contract_names() -> None:
    for name in ("load", "loads", "from_dict", "read_csv", "read_organogram", "read_popolo", "OrgDataError"):
        assert name in orggraph.__all__
    assert [m for m in CONTRACT_METHODS if not hasattr(orggraph.Org, m)] == []
    assert issubclass(orggraph.OrgDataError, ValueError)
    assert issubclass(orggraph.UnknownNodeError, LookupError)


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
    code = (
        "import sys, orggraph\n"
        "assert 'orggraph.importers' not in sys.modules and 'orggraph.lint' not in sys.modules\n"
        "org = orggraph.example()\n"
        "import orggraph.diff\n"
        "assert callable(orggraph.diff) and len(orggraph.diff(org, org)) == 0\n"
        "assert orggraph.read_csv.__module__ == 'orggraph.importers.table'\n"
        "assert 'read_popolo' in dir(orggraph)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
