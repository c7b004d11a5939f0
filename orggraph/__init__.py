"""orggraph: an organisation's governance as a NetworkX graph to query and draw.

Reporting lines, forum (meeting) memberships, responsibilities and decision
rights, loaded from YAML or imported from HR data, become one
``networkx.MultiDiGraph`` behind the :class:`Org` facade.

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> org.find("finance director")
['cfo']
>>> org.chain_of_command("cfo")
['ceo', 'chair']
"""

from typing import TYPE_CHECKING, Any

from orggraph.errors import (
    EditError,
    ExportError,
    LayoutError,
    MissingDependencyError,
    OptionError,
    OrgDataError,
    OrgGraphError,
    Problem,
    QueryError,
    RenderError,
    SubjectError,
    UnknownNodeError,
)
from orggraph.org import Org, example, from_dict, load, loads
from orggraph.schema import json_schema

# eager: importing the submodule orggraph.timeline later would shadow the function
from orggraph.timeline import Timeline, read_organogram_series, timeline

if TYPE_CHECKING:
    from orggraph.changes import Diff, diff
    from orggraph.decisions import Decision, Subject
    from orggraph.importers import ImportReport, read_csv, read_excel, read_organogram, read_popolo
    from orggraph.lint import Finding, Findings
    from orggraph.scenario import Add, Merge, Move, Remove, apply

# Names whose modules load on first use (PEP 562), so that `import orggraph` stays quick.
_LAZY = {
    "Diff": "orggraph.changes",
    "diff": "orggraph.changes",
    "Decision": "orggraph.decisions",
    "Subject": "orggraph.decisions",
    "ImportReport": "orggraph.importers",
    "read_csv": "orggraph.importers",
    "read_excel": "orggraph.importers",
    "read_organogram": "orggraph.importers",
    "read_popolo": "orggraph.importers",
    "Finding": "orggraph.lint",
    "Findings": "orggraph.lint",
    "Add": "orggraph.scenario",
    "Merge": "orggraph.scenario",
    "Move": "orggraph.scenario",
    "Remove": "orggraph.scenario",
    "apply": "orggraph.scenario",
}


_SUBMODULES = frozenset({"datasets"})  # `orggraph.datasets.roskilde()` without importing it first


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        from importlib import import_module

        return import_module(f"orggraph.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'orggraph' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | _SUBMODULES)


__all__ = [
    "Add",
    "Decision",
    "Diff",
    "EditError",
    "ExportError",
    "Finding",
    "Findings",
    "ImportReport",
    "LayoutError",
    "Merge",
    "MissingDependencyError",
    "Move",
    "OptionError",
    "Org",
    "OrgDataError",
    "OrgGraphError",
    "Problem",
    "QueryError",
    "Remove",
    "RenderError",
    "Subject",
    "SubjectError",
    "Timeline",
    "UnknownNodeError",
    "apply",
    "diff",
    "example",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "read_csv",
    "read_excel",
    "read_organogram",
    "read_organogram_series",
    "read_popolo",
    "timeline",
]

__version__ = "0.1.0"
