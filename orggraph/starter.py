"""A commented starter file for a new organisation (``orggraph new NAME``).

The starter is a small but complete organisation — a board, a chief
executive, two managers with their staff, a management team, its meeting,
two topics and a decision rule — with a comment on every section saying what
it is for and what else it may hold. It loads as it is and lint finds
nothing in it, so a new user edits a working file rather than a blank one.
Every key is described in ``docs/format.md``.

Examples
--------
>>> import orggraph
>>> org = orggraph.loads(starter_yaml("Nordby Vandværk"))
>>> org.title, org.document.organisation.id
('Nordby Vandværk', 'nordby-vandvaerk')
>>> len(org.lint())
0
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from orggraph.errors import OptionError
from orggraph.text import slug

__all__ = ["starter_yaml", "write_starter"]

_TEMPLATE = """\
# {name}: an organisation file for orggraph; docs/format.md in orggraph describes every key.
# Written by `orggraph new`. It loads and lints clean as it is: replace the example posts, forums and
# topics with your own, then check with `orggraph validate {file}` (errors name the line and column).
# Ids (`id:`) are unique across the whole file and are how items refer to each other; names are free text.
orggraph: 1
organisation:
  id: {ident}
  name: {quoted}
  # as_of: "2025-01-01"           # the date the description holds for

# The documents the facts come from. Cite them on any item with
#   source: {{document: <source id>, section: <section id>, quote: "<the document's words>"}}
sources:
  - id: handbook
    title: Staff handbook
    sections:
      - {{id: structure, title: "1. Structure"}}
      - {{id: meetings, title: "2. Meetings"}}
      - {{id: decisions, title: "3. Who decides"}}

# Organisational units; `kind` is one of political_body, committee, executive_board, directorate,
# centre, department, section, secretariat, staff_function, institution, team, organisation, other.
units:
  - {{id: board, name: Board, kind: political_body}}
  - {{id: headquarters, name: Headquarters, kind: organisation, head: chief-executive}}
  - {{id: operations, name: Operations, kind: department, parent: headquarters, head: operations-manager}}
  - {{id: finance, name: Finance, kind: department, parent: headquarters, head: finance-manager}}

# Positions. `reports_to` is the line manager (a post, or a unit/group when the source names only a
# body); `top: true` marks a post with no manager by design. `headcount` is how many people the entry
# stands for (`unknown` when the source does not say); `type` is what rules and counts select on.
posts:
  - id: board-chair
    name: Chair of the Board
    unit: board
    political: true
    top: true
  - id: chief-executive
    name: Chief Executive
    aliases: [CEO]
    type: chief-executive
    unit: headquarters
    reports_to: board-chair
    source: {{document: handbook, section: structure, quote: "The Chief Executive answers to the Board."}}
  - {{id: operations-manager, name: Operations Manager, type: manager, unit: operations, reports_to: chief-executive}}
  - {{id: finance-manager, name: Finance Manager, type: manager, unit: finance, reports_to: chief-executive}}
  - {{id: operator, name: Operator, type: employee, unit: operations, headcount: 8, reports_to: operations-manager}}
  - {{id: accountant, name: Accountant, type: employee, unit: finance, headcount: 2, reports_to: finance-manager}}

# Secondary lines besides `reports_to` (kind: dotted, accountable_to or advises).
# reporting_lines:
#   - {{post: finance-manager, to: board, kind: accountable_to}}

# Named sets of posts: listed in `members`, given by a `rule`, or both (the union).
groups:
  - id: management
    name: Management team
    members: [chief-executive]           # the Chief Executive ...
    rule: {{post_types: [manager]}}        # ... and every post of type manager

# Meetings: members (posts, groups or units), a chair ({{post: ...}} or {{rotating_among: [...]}}), an
# owner, and meeting series, each with a cadence: {{every: 2, unit: weeks}}, {{per_year: 4}},
# {{ad_hoc: true}} or {{unspecified: "<the source's words>"}}; `hours` is the length of one meeting.
forums:
  - id: management-meeting
    name: Management meeting
    members: [management]
    chair: {{post: chief-executive}}
    owner: chief-executive
    meetings:
      - {{cadence: {{every: 2, unit: weeks}}, hours: 1.5}}
    agenda: true
    minutes: true
    source: {{document: handbook, section: meetings}}

# Responsibility and decision areas. Roles: decides, responsible, prepares, qualifies, implements,
# consulted, informed; a holder is a post, group, unit or forum.
topics:
  - id: budget
    name: Annual budget
    roles:
      - {{role: decides, holder: board}}
      - {{role: responsible, holder: chief-executive}}
      - {{role: prepares, holder: finance-manager}}
    source: {{document: handbook, section: decisions}}
  - {{id: hiring, name: Hiring, aliases: [Recruitment]}}

# Who decides a topic, possibly relative to the subject; rules are tried in order. `decides` and
# `approves` are {{ids: [...]}} or {{relation: manager_of_subject | manager_of_decider | subject}};
# `when: [{{attr: amount, op: gt, value: 50000}}]` tests the subject (op: eq ne gt ge lt le in).
decision_rules:
  - id: hiring-by-manager
    name: Managers hire their own staff
    topic: hiring
    rule: the subject's line manager hires, and the manager's manager approves
    decides: {{relation: manager_of_subject}}
    approves: {{relation: manager_of_decider}}
    source: {{document: handbook, section: decisions}}

# Also possible (see docs/format.md): instruments (strategies, policies, plans, agreements), events
# (the annual wheel), declared_counts (counts the source states, checked by lint), people, memberships.
# events:
#   - {{id: budget-proposal, name: Budget proposal, quarter: 3, forum: management-meeting, topic: budget}}
"""


def starter_yaml(name: str, *, file: str | None = None) -> str:
    """The text of a commented starter file for an organisation called ``name``.

    Parameters
    ----------
    name : str
        The organisation's name; its id is the name as an ASCII slug.
    file : str, optional
        The file name the header's ``orggraph validate`` hint uses
        (default: the id plus ``.yaml``).

    Returns
    -------
    str
        YAML that loads with :func:`orggraph.loads` and lints clean.

    Raises
    ------
    OptionError
        For an empty name.

    Examples
    --------
    >>> text = starter_yaml("Acme")
    >>> text.splitlines()[0]
    '# Acme: an organisation file for orggraph; docs/format.md in orggraph describes every key.'
    """
    if not name.strip():
        raise OptionError("the organisation needs a name, e.g. orggraph new 'Nordby Water'")
    ident = slug(name) or "organisation"
    return _TEMPLATE.format(
        name=" ".join(name.split()),
        quoted=json.dumps(name.strip(), ensure_ascii=False),
        ident=ident,
        file=file or f"{ident}.yaml",
    )


def write_starter(name: str, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
    """Write a starter file for ``name`` and return its path; never overwrites unless ``force``.

    Parameters
    ----------
    name : str
        The organisation's name.
    path : path-like, optional
        Where to write (default: the name's slug plus ``.yaml`` in the current directory).
    force : bool
        Overwrite an existing file.

    Raises
    ------
    FileExistsError
        If the file exists and ``force`` is false.

    Examples
    --------
    >>> import tempfile, orggraph
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_starter("Acme", Path(folder) / "acme.yaml")
    ...     orggraph.load(written).title
    'Acme'
    """
    target = Path(path) if path is not None else Path(f"{slug(name) or 'organisation'}.yaml")
    text = starter_yaml(name, file=str(target))
    with open(target, "w" if force else "x", encoding="utf-8") as handle:
        handle.write(text)
    return target
