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

from orggraph.errors import OrgDataError, OrgGraphError, Problem, UnknownNodeError
from orggraph.org import Org, example, from_dict, load, loads
from orggraph.schema import json_schema

__all__ = [
    "Org",
    "OrgDataError",
    "OrgGraphError",
    "Problem",
    "UnknownNodeError",
    "example",
    "from_dict",
    "json_schema",
    "load",
    "loads",
]

__version__ = "0.1.0"
