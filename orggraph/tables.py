"""One-call tables of an organisation: decisions, the RACI matrix, the annual wheel, instruments, posts, edges.

Each function takes an :class:`~orggraph.Org` and returns a pandas DataFrame
(``Org`` has the same as methods: ``org.decisions()``, ``org.raci()``, ...).
Rows that are nodes are indexed by node id; ids in cells are given as names
(``"Kommunaldirektør, Direktionen"``) so that a table reads as it prints,
and counts are nullable integers (``Int64``: missing stays missing, no
``1.0``).

=====================  ==========================================================
function               one row per
=====================  ==========================================================
:func:`decisions`      decision of a topic: each decision rule, or the topic's
                       ``decides`` role when it has no rule
:func:`decided_for`    post: who decides given topics for it (hiring, dismissal)
:func:`raci`           topic, one column per post (letters R, A, C, I)
:func:`events`         entry of the annual wheel (årshjul)
:func:`instruments`    instrument, with its constraints
:func:`posts`          post, with its manager and attributes
:func:`edges`          edge of the graph
=====================  ==========================================================

The RACI letters come from the roles of the format (:data:`RACI`):

============  ======  ===========================================================
role          letter  why
============  ======  ===========================================================
decides       A       the one who answers for the decision (accountable)
responsible   R       does the work and answers for it day to day
prepares      R       does the work before the decision
implements    R       does the work after it
qualifies     C       gives input to the work (consulted)
consulted     C
informed      I
============  ======  ===========================================================

A decision rule with fixed deciders adds an A for them (and its approvers),
and a C for whom it consults; rules relative to a subject ("the subject's
manager") name no fixed post and add nothing. Roles held by a group, unit or
forum count for each of its posts. A post holding several letters on a topic
gets them in R, A, C, I order, joined by ``/`` (``"R/A"``).

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> org.raci().loc["budget", ["chair", "cfo", "accountant", "ceo"]].tolist()
['A', 'R/C/I', 'R/I', 'C/I']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from orggraph.citations import format_citation
from orggraph.schema import Cadence, Condition, DecisionRule, Selector

if TYPE_CHECKING:
    import pandas as pd

    from orggraph.org import Org

__all__ = ["RACI", "decided_for", "decisions", "edges", "events", "instruments", "posts", "raci"]

RACI: Mapping[str, str] = {
    "decides": "A",
    "responsible": "R",
    "prepares": "R",
    "implements": "R",
    "qualifies": "C",
    "consulted": "C",
    "informed": "I",
}
"""The RACI letter of each role (see the module docstring for why)."""

_LETTERS = "RACI"
_COLLECTIVES = frozenset({"group", "unit", "forum"})
_RELATIONS = {
    "manager_of_subject": "the subject's manager",
    "manager_of_decider": "the decider's manager",
    "subject": "the subject",
}
_OPS = {"eq": "=", "ne": "≠", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "in": "in"}


def _names(org: Org, ids: Iterable[str]) -> str:
    return ", ".join(org.name(i) for i in ids)


def _cite(org: Org, node_or_citation: Any) -> str | None:
    return None if node_or_citation is None else org.cite(node_or_citation)


# -- decisions -------------------------------------------------------------------------------------


def selector_text(org: Org, selector: Selector | None) -> str:
    """Whom a rule's selector names, in words: names of fixed ids, or the relation.

    Examples
    --------
    >>> import orggraph
    >>> from orggraph.schema import Selector
    >>> org = orggraph.example()
    >>> selector_text(org, Selector(ids=("board",))), selector_text(org, Selector(relation="manager_of_decider"))
    ('Management Meeting', "the decider's manager")
    >>> selector_text(org, Selector(relation="manager_of_subject", levels=2))
    "the subject's manager, 2 levels up"
    >>> selector_text(org, Selector(ids=("cfo", "coo"), one_of=True))
    'one of Finance Director, Operations Director (which one is not said)'
    """
    if selector is None:
        return ""
    if selector.relation is None:
        names = _names(org, selector.ids)
        return f"one of {names} (which one is not said)" if selector.one_of else names
    text = _RELATIONS[selector.relation]
    return f"{text}, {selector.levels} levels up" if selector.levels > 1 else text


def _value_text(value: object) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_value_text(v) for v in value) + ")"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _condition_text(condition: Condition) -> str:
    return f"{condition.attr} {_OPS[condition.op]} {_value_text(condition.value)}"


def _when(rule: DecisionRule) -> str:
    parts = []
    if rule.subject_types:
        parts.append("subject type " + " or ".join(rule.subject_types))
    conditions = [_condition_text(c) for c in rule.when]
    if conditions:
        parts.append((" and " if rule.match == "all" else " or ").join(conditions))
    return "; ".join(parts) or "always"


def decisions(org: Org) -> pd.DataFrame:
    """Every topic's decision: who decides, who approves, on which rule and source.

    One row for each decision rule of a topic, in document order (a topic
    with conditional rules has several rows; ``when`` says when each
    applies); a topic without rules has one row from its ``decides`` role,
    or says that no one is documented.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by topic id: ``topic_name``, ``rule_id`` (missing for a role),
        ``when``, ``deciders``, ``approvers``, ``may_delegate_to``,
        ``consults``, ``rule`` (in words), ``source``. Deciders relative to a
        subject read as the relation ("the subject's manager").

    Examples
    --------
    >>> import orggraph
    >>> table = orggraph.example().decisions()
    >>> for row in table[["rule_id", "deciders", "approvers"]].fillna("").itertuples():
    ...     print(*(value or "-" for value in row), sep=" | ")
    budget | - | Board of Trustees | -
    hiring | hiring-by-manager | the subject's manager | -
    dismissal | dismissal-approved-up | the subject's manager | the decider's manager
    >>> table.loc["budget", "source"]
    "Acme staff handbook, 3. Who decides: 'The Board adopts the budget that Finance prepares.'"
    """
    import pandas as pd

    document = org.document
    rules: dict[str, list[DecisionRule]] = {}
    for rule in document.decision_rules:
        rules.setdefault(rule.topic, []).append(rule)
    rows: list[dict[str, Any]] = []
    index: list[str] = []
    for topic in document.topics:
        for rule in rules.get(topic.id, ()):
            index.append(topic.id)
            rows.append(
                {
                    "topic_name": topic.name,
                    "rule_id": rule.id,
                    "when": _when(rule),
                    "deciders": selector_text(org, rule.decides),
                    "approvers": selector_text(org, rule.approves),
                    "may_delegate_to": _names(org, rule.may_delegate_to),
                    "consults": _names(org, rule.consults),
                    "rule": rule.rule,
                    "source": _cite(org, rule.source),
                }
            )
        if topic.id in rules:
            continue
        deciding = [a for a in topic.roles if a.role == "decides"]
        holders = list(dict.fromkeys(a.holder for a in deciding))
        citation = next((a.source for a in deciding if a.source is not None), topic.source)
        index.append(topic.id)
        rows.append(
            {
                "topic_name": topic.name,
                "rule_id": None,
                "when": "always",
                "deciders": _names(org, holders),
                "approvers": "",
                "may_delegate_to": "",
                "consults": _names(org, dict.fromkeys(a.holder for a in topic.roles if a.role == "consulted")),
                "rule": f"{_names(org, holders)} decides {topic.name}" if holders else "the sources do not say",
                "source": _cite(org, citation),
            }
        )
    columns = ["topic_name", "rule_id", "when", "deciders", "approvers", "may_delegate_to", "consults", "rule"]
    return pd.DataFrame(rows, columns=[*columns, "source"], index=pd.Index(index, name="topic", dtype=object))


def decided_for(org: Org, topics: Sequence[str], *, posts: Iterable[str] | None = None) -> pd.DataFrame:
    """Who decides each of ``topics`` for every post (e.g. hiring and dismissal), and who approves.

    Parameters
    ----------
    org : Org
        The organisation.
    topics : sequence of str
        Topic ids or texts naming them (see :meth:`Org.resolve`).
    posts : iterable of str, optional
        The subjects; by default every post.

    Returns
    -------
    pandas.DataFrame
        Indexed by post id: ``name``, then for each topic ``<topic> by``
        and ``<topic> approved by`` (names), and ``notes``: what the sources
        leave open, for any of the topics.

    Examples
    --------
    >>> import orggraph
    >>> table = orggraph.example().decided_for(["hiring", "dismissal"], posts=["cfo", "accountant"])
    >>> table[["hiring by", "dismissal by", "dismissal approved by"]]
                   hiring by      dismissal by dismissal approved by
    post
    cfo          Chief Executive   Chief Executive    Chair of the Board
    accountant  Finance Director  Finance Director       Chief Executive
    """
    import pandas as pd

    ids = [org.resolve(topic, kind="topic") for topic in topics]
    subjects = org.nodes("post") if posts is None else list(posts)
    rows: list[dict[str, str]] = []
    for post in subjects:
        row = {"name": org.name(post)}
        notes: dict[str, None] = {}
        for topic in ids:
            decision = org.who_decides(topic, post)
            deciders = _names(org, decision.deciders)
            row[f"{topic} by"] = f"one of {deciders}" if decision.one_of else deciders
            approvers = _names(org, decision.approvers)
            row[f"{topic} approved by"] = f"one of {approvers}" if decision.approvers_one_of else approvers
            notes.update(dict.fromkeys(decision.notes))
        row["notes"] = " / ".join(notes)
        rows.append(row)
    columns = ["name", *(f"{t} {what}" for t in ids for what in ("by", "approved by")), "notes"]
    return pd.DataFrame(rows, columns=columns, index=pd.Index(subjects, name="post", dtype=object))


# -- RACI ------------------------------------------------------------------------------------------


def raci(org: Org) -> pd.DataFrame:
    """The RACI matrix: topics x posts, each cell the post's letters on the topic (see the module docstring).

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by topic id (every topic), one column per post that holds a
        letter on some topic (in document order); cells are ``""`` where the
        post holds none.

    Examples
    --------
    >>> import orggraph
    >>> matrix = orggraph.example().raci()
    >>> matrix.loc["budget"].to_dict()
    {'chair': 'A', 'ceo': 'C/I', 'assistant': 'I', 'cfo': 'R/C/I', 'coo': 'C/I', 'accountant': 'R/I', 'site-lead': 'I',
     'technician': 'I'}
    >>> bool(matrix.loc["hiring"].eq("").all())  # the manager of each subject: no fixed post
    True
    """
    import numpy as np
    import pandas as pd

    document = org.document
    letters: dict[str, dict[str, set[str]]] = {topic.id: {} for topic in document.topics}

    def add(topic: str, holders: Iterable[str], letter: str) -> None:
        cells = letters[topic]
        for holder in holders:
            expanded = org.members(holder) if org.kind(holder) in _COLLECTIVES else [holder]
            for post in expanded:
                if org.kind(post) == "post":
                    cells.setdefault(post, set()).add(letter)

    for topic in document.topics:
        for assignment in topic.roles:
            add(topic.id, [assignment.holder], RACI[assignment.role])
    for rule in document.decision_rules:
        add(rule.topic, rule.decides.ids, "A")
        if rule.approves is not None:
            add(rule.topic, rule.approves.ids, "A")
        add(rule.topic, rule.consults, "C")
    held = {post for cells in letters.values() for post in cells}
    columns = [post for post in org.nodes("post") if post in held]
    position = {post: number for number, post in enumerate(columns)}
    grid = np.full((len(letters), len(columns)), "", dtype=object)  # only the held cells are written
    for row, cells in enumerate(letters.values()):
        for post, held_letters in cells.items():
            grid[row, position[post]] = "/".join(letter for letter in _LETTERS if letter in held_letters)
    frame = pd.DataFrame(grid, index=pd.Index(list(letters), name="topic", dtype=object), columns=columns)
    frame.columns.name = "post"
    return frame


# -- the annual wheel and the instruments ----------------------------------------------------------


def events(org: Org) -> pd.DataFrame:
    """The entries of the annual wheel (årshjul), in document order.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by event id: ``name``, ``quarter`` and ``month`` (``Int64``;
        a month gives its quarter), ``forum``, ``topic``, ``instrument``
        (names), ``linked_to`` (the first of the three, with its kind) and
        ``source``.

    Examples
    --------
    >>> import orggraph
    >>> orggraph.example().events()[["name", "quarter", "month", "linked_to"]]
                            name  quarter  month                   linked_to
    event
    q1-accounts  Annual accounts        1   <NA>  Management Meeting (forum)
    q3-budget    Budget proposal        3   <NA>  Management Meeting (forum)
    q4-strategy  Strategy review        4     11           All-hands (forum)
    """
    import pandas as pd

    rows = []
    for event in org.document.events:
        target = event.forum or event.topic or event.instrument
        quarter = event.quarter if event.quarter is not None else (event.month - 1) // 3 + 1 if event.month else None
        rows.append(
            {
                "name": event.name,
                "quarter": quarter,
                "month": event.month,
                "forum": org.name(event.forum) if event.forum else None,
                "topic": org.name(event.topic) if event.topic else None,
                "instrument": org.name(event.instrument) if event.instrument else None,
                "linked_to": f"{org.name(target)} ({org.kind(target)})" if target else None,
                "source": _cite(org, event.source),
            }
        )
    columns = ["name", "quarter", "month", "forum", "topic", "instrument", "linked_to", "source"]
    ids = [event.id for event in org.document.events]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(ids, name="event", dtype=object))
    return frame.astype({"quarter": "Int64", "month": "Int64"})


def cadence_text(cadence: Cadence | None) -> str:
    """A cadence in words.

    Examples
    --------
    >>> from orggraph.schema import Cadence
    >>> [cadence_text(c) for c in (Cadence(every=3, unit="years"), Cadence(per_year=1, per_year_max=2), None)]
    ['every 3 years', '1-2 a year', '']
    >>> cadence_text(Cadence(ad_hoc=True)), cadence_text(Cadence(unspecified="fast kadence"))
    ('ad hoc', 'not given: fast kadence')
    """
    if cadence is None:
        return ""
    approx = "ca. " if cadence.approx else ""
    if cadence.every is not None:
        return f"{approx}every {cadence.every:g} {cadence.unit}"
    if cadence.per_year is not None:
        high = cadence.per_year_max
        span = f"{cadence.per_year:g}" if high is None or high == cadence.per_year else f"{cadence.per_year:g}-{high:g}"
        return f"{approx}{span} a year"
    if cadence.ad_hoc:
        return "ad hoc"
    return f"not given: {cadence.unspecified}"


def _range(low: float | None, high: float | None = None, form: str = "{:g}") -> str:
    if low is None:
        return ""
    return form.format(low) if high is None or high == low else f"{form.format(low)}-{form.format(high)}"


def instruments(org: Org) -> pd.DataFrame:
    """The governance instruments (vision, strategies, policies, plans, agreements) with their constraints.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by instrument id: ``name``, ``kind``, ``owner``, ``consults``,
        ``parties``, ``based_on`` (names), ``cadence`` (in words),
        ``period_years``, ``goals`` and ``cross_cutting_min`` (the
        constraints, as text: ``"4-6"``, ``"at least 50%"``), ``count``
        (as text: ``"2-3"``), ``agreements`` (the instances in the data,
        ``Int64``), ``constraints`` (the constraints in one text) and
        ``source``.

    Examples
    --------
    >>> import orggraph
    >>> orggraph.example().instruments()[["owner", "consults", "cadence", "agreements"]]
                          owner         consults        cadence  agreements
    instrument
    strategy    Chief Executive  Management Team  every 3 years           0
    """
    import pandas as pd

    rows = []
    for item in org.document.instruments:
        period = _range(*item.period_years) if item.period_years else ""
        goals = _range(item.goals_min, item.goals_max)
        share = _range(item.cross_cutting_share_min, form="at least {:.0%}")
        constraints = [
            f"{goals} goals" if goals else "",
            f"{share} of them cross-cutting" if share else "",
            f"for {period} years" if period else "",
        ]
        rows.append(
            {
                "name": item.name,
                "kind": item.kind,
                "owner": _names(org, item.owner),
                "consults": _names(org, item.consults),
                "parties": _names(org, item.parties),
                "based_on": _names(org, item.based_on),
                "cadence": cadence_text(item.cadence),
                "period_years": period,
                "goals": goals,
                "cross_cutting_min": share,
                "count": _range(item.count, item.count_max, "{:d}"),
                "agreements": len(item.instances),
                "constraints": "; ".join(text for text in constraints if text),
                "source": _cite(org, item.source),
            }
        )
    columns = [
        "name",
        "kind",
        "owner",
        "consults",
        "parties",
        "based_on",
        "cadence",
        "period_years",
        "goals",
        "cross_cutting_min",
        "count",
        "agreements",
        "constraints",
        "source",
    ]
    ids = [item.id for item in org.document.instruments]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(ids, name="instrument", dtype=object))
    return frame.astype({"agreements": "Int64"})


# -- posts and edges -------------------------------------------------------------------------------

_POST_COLUMNS = (
    "name",
    "type",
    "unit",
    "manager",
    "manager_one_of",
    "headcount",
    "holders",
    "vacant",
    "top",
    "political",
    "staff",
    "junior",
    "grade",
    "source",
)


def headcount_dtype(values: Iterable[float | None]) -> str:
    """``"Int64"`` when every known head count is whole, else ``"Float64"`` (FTEs from imports).

    Examples
    --------
    >>> headcount_dtype([1, 9, None]), headcount_dtype([1, 0.8])
    ('Int64', 'Float64')
    """
    whole = all(value is None or float(value).is_integer() for value in values)
    return "Int64" if whole else "Float64"


def posts(org: Org) -> pd.DataFrame:
    """Every post, one row each, with its manager and its attributes.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        Indexed by post id: ``name``, ``type``, ``unit`` and ``manager``
        (ids), ``manager_one_of`` (the candidate managers when the manager is
        one of several, joined by ``"; "``), ``headcount`` (``Int64``, or ``Float64`` when an import gave
        FTEs; missing when unknown), ``holders`` (joined by ``"; "``),
        ``vacant``, ``top``, ``political``, ``staff``, ``junior``, ``grade``,
        ``source``, then one column per key of the posts' ``attributes``
        (e.g. ``cost`` from an HR export; prefixed ``attributes.`` where a
        key is one of the columns before).

    Examples
    --------
    >>> import orggraph
    >>> table = orggraph.example().posts()
    >>> table.loc[["ceo", "technician"], ["name", "manager", "headcount"]]
                          name    manager  headcount
    post
    ceo        Chief Executive      chair          1
    technician      Technician  site-lead          4
    >>> table["headcount"].dtype
    Int64Dtype()
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    extra: dict[str, None] = {}
    for post in org.document.posts:
        row: dict[str, Any] = {
            "name": post.name,
            "type": post.type,
            "unit": post.unit,
            "manager": post.reports_to,
            "manager_one_of": "; ".join(post.reports_to_one_of) or None,
            "headcount": None if post.headcount == "unknown" else post.headcount,
            "holders": "; ".join(post.holders) or None,
            "vacant": post.vacant,
            "top": post.top,
            "political": post.political,
            "staff": post.staff,
            "junior": post.junior,
            "grade": post.grade,
            "source": _cite(org, post.source),
        }
        for key, value in post.attributes.items():
            column = f"attributes.{key}" if key in _POST_COLUMNS else key
            extra[column] = None
            row[column] = value
        rows.append(row)
    ids = [post.id for post in org.document.posts]
    frame = pd.DataFrame(rows, columns=[*_POST_COLUMNS, *extra], index=pd.Index(ids, name="post", dtype=object))
    return frame.astype({"headcount": headcount_dtype(frame["headcount"].dropna())})


def edges(org: Org) -> pd.DataFrame:
    """Every edge of the graph: who relates to whom, how, and on what source.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    pandas.DataFrame
        One row per edge, numbered (index ``edge``): ``from`` and ``to``
        (node ids), ``kind`` (see :mod:`orggraph.graph`), ``from_kind``,
        ``to_kind``, ``from_name``, ``to_name`` and ``source``.

    Examples
    --------
    >>> import orggraph
    >>> table = orggraph.example().edges()
    >>> table[table["kind"] == "reports_to"].head(2)[["from", "to", "from_kind", "to_kind"]]
               from     to from_kind to_kind
    edge
    8           ceo  chair      post    post
    14    assistant    ceo      post    post
    >>> int(table["kind"].value_counts()["member_of"])
    7
    """
    import pandas as pd

    graph = org.graph
    nodes = graph.nodes
    sources = graph.graph["sources"]

    rows = [
        (
            u,
            v,
            data.get("kind", key),
            nodes[u]["kind"],
            nodes[v]["kind"],
            nodes[u]["name"],
            nodes[v]["name"],
            format_citation(data["source"], sources) if data.get("source") is not None else None,
        )
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]
    columns = ["from", "to", "kind", "from_kind", "to_kind", "from_name", "to_name", "source"]
    return pd.DataFrame(rows, columns=columns, index=pd.RangeIndex(len(rows), name="edge"))
