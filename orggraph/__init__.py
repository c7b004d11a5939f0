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

from orggraph.decisions import Decision, Subject
from orggraph.diff import Diff, diff
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
from orggraph.importers import ImportReport, read_csv, read_organogram, read_popolo
from orggraph.lint import Finding, Findings
from orggraph.org import Org, example, from_dict, load, loads
from orggraph.scenario import Add, Merge, Move, Remove, apply
from orggraph.schema import json_schema

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
    "UnknownNodeError",
    "apply",
    "diff",
    "example",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "read_csv",
    "read_organogram",
    "read_popolo",
]

__version__ = "0.1.0"
