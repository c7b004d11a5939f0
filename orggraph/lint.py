"""Governance lint: gaps, contradictions and documented unknowns in an organisation.

:func:`lint` runs every check below and returns :class:`Findings`, a list of
:class:`Finding` records (code, severity, message, nodes, source citation).

Severities
----------
``error``
    The data contradicts itself or a rule it states: something is wrong.
``warning``
    A gap or conflict in the governance design that an analyst should look at.
``info``
    Something the sources leave open (a documented unknown): worth knowing,
    nothing to fix in the data.

Checks
------
Decision rights (one implementation: each is a kind of problem
:func:`orggraph.decisions.decision_issues` finds, reported under its code with
the severity below; ``org.decision_issues()`` gives the same problems):

OG101 no-decider (warning)
    A topic that no one decides or answers for: no decision rule, no
    ``decides`` and no ``responsible`` holder, on the topic or on a topic
    above it. *Why:* "who decides?" has no answer. A topic with a
    ``responsible`` holder but no explicit decider is a responsibility area
    whose holder answers for it, not a gap.
OG102 several-deciders (warning)
    More than one fixed decider on a topic (role holders, or the ids a rule
    names), unless together they are exactly the posts of one unit or group
    (that body decides, jointly or each for its own part, like "de enkelte
    direktører"). *Why:* two authorities on one decision means conflict or
    paralysis.
OG103 decider-outside-forum (warning)
    A forum decides a topic that another decider also holds, and some of that
    decider's posts are not members of the forum. *Why:* the decision is taken
    where one of its owners does not sit.
OG104 empty-decider (info)
    A unit, group or forum decides a topic but has no posts in the data (e.g.
    a council whose members are not listed). *Why:* who actually takes the
    decision is not documented.
OG105 unreachable-rule (warning)
    A decision rule comes after a rule of the same topic that always applies.
    *Why:* the later rule is dead text; the order of the rules is wrong.

Forums:

OG201 forum-without-members (info)
    A forum with no member posts. *Why:* who meets is not documented, so its
    cost and overlap cannot be counted. A forum held per holder
    (``for_each``) is checked once, as its template: its series take its
    members, chair and owner.
OG202 forum-without-chair (info)
    A forum (not a series of one-to-one meetings) with no chair. *Why:* a
    meeting nobody leads; or the sources do not say who does.
OG203 forum-without-owner (info)
    A forum (not one-to-one) with neither an owner nor anyone who established
    it. *Why:* nobody answers for whether the forum should exist.
OG204 chair-not-member (warning)
    A chair (fixed, or one of a rotation) that is not a member of the forum.
    *Why:* either the members or the chair are recorded wrongly.
OG205 forum-constraint-violated (error)
    A manager (a post with direct reports or heading a unit) in a forum with a
    ``no_managers`` constraint, or a non-manager in a ``managers_only`` one;
    members and chairs are checked. *Why:* the forum's stated design is broken.

Reporting lines:

OG301 post-without-manager (warning)
    A post with no manager that is marked neither ``top: true`` (no manager
    by design) nor ``manager_unknown: true`` (a manager the source does not
    name, OG306). *Why:* an orphan in the structure: spans and chains of
    command stop short of the top.
OG302 two-line-managers (error)
    A post with more than one ``reports_to`` edge (possible in graphs built
    from imports), or a post whose unit is headed by a post that is not above
    it in its chain of command (the unit's head of the nearest enclosing unit
    headed by someone else: the structure gives it a second line manager).
    *Why:* a post answers to two bosses, or the data disagrees with itself.
OG303 manager-only-a-body (info)
    A post whose manager is documented only as a body (a unit or group, e.g.
    "the direktion"). *Why:* which person manages it is unknown; spans leave
    it out, layers place it below the body.
OG304 isolated-post (warning)
    A post with no edge at all: no manager, reports, unit, forum or role.
    *Why:* it is disconnected from the organisation (often an import error).
OG305 cycle (error)
    A cycle in reporting lines, unit nesting, group definitions, forum or topic
    nesting. The loaders reject these; graphs built otherwise may have them.
    *Why:* chains of command and nesting never reach a top; metrics fail.
OG306 manager-unknown (info)
    A post marked ``manager_unknown: true`` and without a manager: the source
    implies a line manager but does not say who (e.g. employees who spend
    part of their time "udenfor linieorganisationen"). *Why:* its chain of
    command is not documented; metrics and charts see it as a root.
OG307 manager-one-of (info)
    A post whose line manager is one of several posts, and the source does
    not say which (``reports_to_one_of``, e.g. centre heads who each report
    to one of three directors). *Why:* the spans of the candidates, and
    the layers and chains below, are ranges rather than numbers.

Facts the sources state:

OG401 declared-count-mismatch (error)
    A count the source states (``declared_counts``: posts of a type, units of
    a kind, members of a group, forum or unit; people-weighted) that the data
    does not match; ``approx`` counts (or approximate head counts) allow ±10 %.
    *Why:* the data misses or invents posts the source counts.
OG402 declared-count-unverifiable (info)
    A declared count the data cannot check, because head counts or unit
    counts involved are unknown. *Why:* the source states a figure the data
    cannot confirm.
OG403 group-list-disagrees-with-rule (error)
    A group that lists some of the posts its rule selects but not all of them
    (a stored member list out of date, or a rule too wide). A list with no
    post in common with the rule only adds members to it ("the CEO and the
    directors") and is not a finding. *Why:* the group's members depend on
    which of the two one reads.
OG404 agreement-violates-instrument (error)
    An agreement (an instance of an instrument) with fewer goals than
    ``goals_min``, more than ``goals_max``, or a share of cross-cutting goals
    below ``cross_cutting_share_min``; agreements that list no goals are not
    checked. *Why:* the agreement breaks the rules of the steering concept.

HR (the logic in :mod:`orggraph.lint_hr`; grades on the scale of
:func:`orggraph.grades.grade_scale`, staff rows as in :mod:`orggraph.staff`;
thresholds are the ``thresholds`` option of :func:`lint`, see
:class:`orggraph.lint_hr.HRThresholds`). They run on organisations with HR
data, a grade on some post or staff rows (an organogram); a governance file
with neither is not checked by them:

OG501 grade-inversion (warning)
    A post whose grade outranks its manager's (an SCS3 reporting to an SCS1),
    both grades on the organisation's scale. *Why:* either the reporting line
    or a grade is recorded wrongly, or the structure is upside down.
OG502 vacant-manager (warning)
    A vacant post (``vacant: true``, an organogram's "Vacant" or
    "Eliminated") with direct reports; the message counts them and their
    FTE. *Why:* who manages them meanwhile is not documented.
OG503 wide-span (warning)
    A post with more direct reports than ``max_span_posts`` (default 20;
    staff rows and staff posts left out) or more FTE (people) reporting
    directly than ``max_span_fte`` (default 1 000, staff rows included).
    *Why:* nobody manages that many directly; the layers below are missing.
OG504 staff-on-top-posts (warning)
    More than ``max_top_staff_share`` (default 50 %) of all staff-row FTE
    report straight to the top posts (MoD 2016: 99.7 % on the 11 heads of
    its top-level budgets). *Why:* the published structure stops at the top:
    spans, layers and charts describe only the senior posts.
OG505 several-top-posts (info)
    More than one post with no manager. *Why:* one organisation has one top;
    several tops are bodies merged into one file, or missing reporting lines.
OG506 single-report (info)
    A manager that has a manager itself (a board's chair over one chief
    executive is usual) with exactly one direct report, a single post of one
    person (staff rows left out). *Why:* a layer that may not be needed.

Examples
--------
>>> import orggraph
>>> findings = lint(orggraph.example())
>>> print(findings)
OG202 info: forum 'Operations huddle' (ops-huddle) has no chair
OG203 info: forum 'All-hands' (all-hands) has no owner and no one is recorded as having established it
OG203 info: forum 'Operations huddle' (ops-huddle) has no owner and no one is recorded as having established it
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from orggraph.checks import functional_cycles, has_functional_cycle
from orggraph.citations import format_citation
from orggraph.decisions import decision_issues
from orggraph.errors import OptionError, suggest
from orggraph.gc_pause import gc_paused
from orggraph.graph import NODE_KINDS, rule_members
from orggraph.hierarchy import Hierarchy, hierarchy
from orggraph.items import item
from orggraph.schema import Citation, DeclaredCount, Group, Instrument
from orggraph.text import format_number

if TYPE_CHECKING:
    import pandas as pd

    from orggraph.lint_hr import HRThresholds
    from orggraph.org import Org

__all__ = ["CHECKS", "Check", "Finding", "Findings", "Severity", "lint", "severity_dtype"]

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


def severity_dtype() -> pd.CategoricalDtype:
    """The dtype of severities in tables: ordered, info < warning < error.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(["error", "info", "warning"], dtype=severity_dtype())
    >>> s.sort_values().tolist(), (s >= "warning").tolist()
    (['info', 'warning', 'error'], [True, False, True])
    """
    import pandas as pd

    return pd.CategoricalDtype(list(reversed(SEVERITIES)), ordered=True)


@dataclass(frozen=True)
class Check:
    """One lint check: its code, short name, severity, and what it catches."""

    code: str
    name: str
    severity: Severity
    catches: str


CHECKS: tuple[Check, ...] = (
    Check("OG101", "no-decider", "warning", "a topic no one decides or answers for"),
    Check("OG102", "several-deciders", "warning", "more than one fixed decider on a topic"),
    Check("OG103", "decider-outside-forum", "warning", "a decider's posts outside the forum that decides"),
    Check("OG104", "empty-decider", "info", "a deciding unit, group or forum with no posts"),
    Check("OG105", "unreachable-rule", "warning", "a decision rule after one that always applies"),
    Check("OG201", "forum-without-members", "info", "a forum with no member posts"),
    Check("OG202", "forum-without-chair", "info", "a forum with no chair"),
    Check("OG203", "forum-without-owner", "info", "a forum with no owner and no one who established it"),
    Check("OG204", "chair-not-member", "warning", "a chair who is not a member of the forum"),
    Check("OG205", "forum-constraint-violated", "error", "a manager in a no-managers forum, or the reverse"),
    Check("OG301", "post-without-manager", "warning", "a post with no manager that is not top"),
    Check("OG302", "two-line-managers", "error", "a post with two line managers"),
    Check("OG303", "manager-only-a-body", "info", "a manager documented only as a body"),
    Check("OG304", "isolated-post", "warning", "a post with no edges at all"),
    Check("OG305", "cycle", "error", "a cycle in reporting lines or nesting"),
    Check("OG306", "manager-unknown", "info", "a line manager the source implies but does not name"),
    Check("OG307", "manager-one-of", "info", "a line manager that is one of several posts, not said which"),
    Check("OG401", "declared-count-mismatch", "error", "a count the source states that the data does not match"),
    Check("OG402", "declared-count-unverifiable", "info", "a count the source states that the data cannot check"),
    Check("OG403", "group-list-disagrees-with-rule", "error", "a group's list missing posts its rule selects"),
    Check("OG404", "agreement-violates-instrument", "error", "an agreement breaking its instrument's constraints"),
    Check("OG501", "grade-inversion", "warning", "a post whose grade outranks its manager's"),
    Check("OG502", "vacant-manager", "warning", "a vacant post with direct reports"),
    Check("OG503", "wide-span", "warning", "more direct reports, in posts or FTE, than the threshold"),
    Check("OG504", "staff-on-top-posts", "warning", "most staff attached straight to the top posts"),
    Check("OG505", "several-top-posts", "info", "more than one post without a manager"),
    Check("OG506", "single-report", "info", "a manager with a single direct report"),
)
"""Every check, in the order :func:`lint` reports them."""

_BY_CODE = {check.code: check for check in CHECKS}
_BY_NAME = {check.name: check for check in CHECKS}


@dataclass(frozen=True)
class Finding:
    """One problem or unknown the lint found.

    Attributes
    ----------
    code : str
        The check, e.g. ``"OG301"`` (see :data:`CHECKS` and the module notes).
    severity : {"error", "warning", "info"}
    message : str
        What is wrong, naming the culprits, and what to do where that fits.
    nodes : tuple of str
        The ids involved, the culprit first.
    source : str or None
        Where the culprit comes from, as one line of text (None without a citation).

    Examples
    --------
    >>> f = Finding("OG304", "warning", "post 'X' (x) is isolated", ("x",))
    >>> f.check, str(f)
    ('isolated-post', "OG304 warning: post 'X' (x) is isolated")
    """

    code: str
    severity: Severity
    message: str
    nodes: tuple[str, ...]
    source: str | None = None

    @property
    def check(self) -> str:
        """The check's short name, e.g. ``"isolated-post"``."""
        return _BY_CODE[self.code].name

    def __str__(self) -> str:
        return f"{self.code} {self.severity}: {self.message}"


class Findings(list[Finding]):
    """The findings of :func:`lint`: a list, printable, and a table with :meth:`to_frame`.

    Examples
    --------
    >>> import orggraph
    >>> findings = lint(orggraph.example())
    >>> len(findings), [f.code for f in findings]
    (3, ['OG202', 'OG203', 'OG203'])
    """

    def to_frame(self) -> pd.DataFrame:
        """The findings as a DataFrame indexed by the culprit node: code, check, severity, message, nodes, source.

        The index (``node``) is each finding's first node, the culprit;
        ``severity`` is an ordered categorical (info < warning < error), so
        ``sort_values("severity")`` and ``frame[frame.severity >= "warning"]``
        go by rank.

        Examples
        --------
        >>> import orggraph
        >>> frame = lint(orggraph.example()).to_frame()
        >>> frame[["code", "check", "severity"]]
                     code                check severity
        node
        ops-huddle  OG202  forum-without-chair     info
        all-hands   OG203  forum-without-owner     info
        ops-huddle  OG203  forum-without-owner     info
        >>> list(frame["severity"].cat.categories)
        ['info', 'warning', 'error']
        """
        import pandas as pd

        columns = ["code", "check", "severity", "message", "nodes", "source"]
        rows = [(f.code, f.check, f.severity, f.message, f.nodes, f.source) for f in self]
        index = pd.Index([f.nodes[0] if f.nodes else None for f in self], name="node", dtype=object)
        frame = pd.DataFrame(rows, columns=columns, index=index)
        return frame.astype({"severity": severity_dtype()})

    def summary(self) -> pd.DataFrame:
        """How many findings each check has: one row per check that found something, in the order of the checks.

        Returns
        -------
        pandas.DataFrame
            Indexed by code: ``check`` (its name), ``severity`` (ordered
            categorical), ``count`` (``Int64``) and ``catches`` (what the check
            looks for).

        Examples
        --------
        >>> import orggraph
        >>> lint(orggraph.example()).summary()[["check", "severity", "count"]]
                             check severity  count
        code
        OG202  forum-without-chair     info      1
        OG203  forum-without-owner     info      2
        """
        import pandas as pd

        counts: dict[str, int] = {}
        for finding in self:
            counts[finding.code] = counts.get(finding.code, 0) + 1
        checks = [check for check in CHECKS if check.code in counts]
        frame = pd.DataFrame(
            {
                "check": [check.name for check in checks],
                "severity": [check.severity for check in checks],
                "count": [counts[check.code] for check in checks],
                "catches": [check.catches for check in checks],
            },
            index=pd.Index([check.code for check in checks], name="code", dtype=object),
        )
        return frame.astype({"severity": severity_dtype(), "count": "Int64"})

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self) if self else "no findings"

    def _repr_html_(self) -> str:
        if not self:
            return "<p>no findings</p>"
        rows = "".join(
            f"<tr><td>{f.code}</td><td>{f.severity}</td><td>{html.escape(f.message)}</td>"
            f"<td>{html.escape(f.source or '')}</td></tr>"
            for f in self
        )
        return f"<table><tr><th>code</th><th>severity</th><th>message</th><th>source</th></tr>{rows}</table>"


def lint(
    org: Org,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    thresholds: HRThresholds | Mapping[str, float] | None = None,
) -> Findings:
    """Check an organisation for governance gaps, contradictions and documented unknowns.

    Parameters
    ----------
    org : Org
        The organisation.
    select : iterable of str, optional
        Run only these checks: codes (``"OG301"``), names (``"cycle"``) or
        severities (``"error"``). Default: all.
    ignore : iterable of str
        Leave these checks out (codes, names or severities).
    thresholds : mapping of str to number, optional
        Limits of the HR checks to change, e.g. ``{"max_span_fte": 500}``
        (see :class:`orggraph.lint_hr.HRThresholds` for the names and defaults).

    Returns
    -------
    Findings
        In the order of :data:`CHECKS`, then in the data's order.

    Raises
    ------
    OptionError
        If ``select`` or ``ignore`` names no check (a :class:`ValueError`;
        the message lists the checks and close matches), or ``thresholds``
        names an unknown threshold or gives a value that is not positive.
    TypeError
        If ``select`` or ``ignore`` is a string rather than a list.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: boss, name: Boss, top: true}
    ...   - {id: lost, name: Lost}
    ... ''')
    >>> for finding in lint(org, select=["warning"]):
    ...     print(finding.code, finding.check, finding.nodes)
    OG301 post-without-manager ('lost',)
    OG304 isolated-post ('boss',)
    OG304 isolated-post ('lost',)
    >>> print(lint(org, select=["OG301"])[0].message)
    post 'Lost' (lost) has no manager and is not marked top: true; give it a manager (reports_to), mark it top
    if it is a root by design, or mark it manager_unknown if the source implies a manager but does not name it
    """
    from orggraph.lint_hr import HRThresholds, has_hr_data, hr_findings

    chosen = _choose(select, ignore)
    limits = HRThresholds.of(thresholds)
    context = _Context(org)
    found: list[Finding] = []
    for check in (_decision_checks, _forum_checks, _reporting_checks, _stated_checks):
        found.extend(f for f in check(context) if f.code in chosen)
    if any(code.startswith("OG5") for code in chosen) and has_hr_data(org):
        found.extend(f for f in hr_findings(context, limits) if f.code in chosen)
    order = {check.code: i for i, check in enumerate(CHECKS)}
    found.sort(key=lambda f: order[f.code])
    return Findings(found)


def _choose(select: Iterable[str] | None, ignore: Iterable[str]) -> set[str]:
    def codes(words: Iterable[str], argument: str) -> set[str]:
        result: set[str] = set()
        for word in words:
            if word in _BY_CODE:
                result.add(word)
            elif word in _BY_NAME:
                result.add(_BY_NAME[word].code)
            elif word in SEVERITIES:
                result.update(c.code for c in CHECKS if c.severity == word)
            else:
                raise _unknown_check(word, argument)
        return result

    if isinstance(select, str) or isinstance(ignore, str):
        raise TypeError("select and ignore take a list of checks, e.g. select=['OG301'], not a string")
    chosen = codes(select, "select") if select is not None else set(_BY_CODE)
    return chosen - codes(ignore, "ignore")


def _unknown_check(word: str, argument: str) -> OptionError:
    hint = suggest(word, [*_BY_CODE, *_BY_NAME, *SEVERITIES])
    checks = ", ".join(f"{check.code} {check.name}" for check in CHECKS)
    return OptionError(
        f"{argument}: unknown check {word!r}"
        + (f" ({hint})" if hint else "")
        + f"; give check codes or names ({checks}) or severities ({', '.join(SEVERITIES)})"
    )


class _Context:
    """The organisation with what several checks need, computed once."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self.G = org.graph
        self.sources = org.graph.graph["sources"]

    def finding(self, code: str, message: str, nodes: Sequence[str], *, cite: str | Citation | None = None) -> Finding:
        """A finding of check ``code``; ``cite`` is the node (or citation) whose source is given."""
        citation = self.org.source(cite) if isinstance(cite, str) else cite
        source = format_citation(citation, self.sources) if citation is not None else None
        return Finding(code, _BY_CODE[code].severity, message, tuple(nodes), source)

    def label(self, node: str) -> str:
        return f"{self.org.name(node)!r} ({node})"

    def names(self, nodes: Iterable[str], limit: int = 10) -> str:
        nodes = list(nodes)
        text = ", ".join(self.label(n) for n in nodes[:limit])
        return text + (f" and {len(nodes) - limit} more" if len(nodes) > limit else "")

    def is_manager(self, post: str) -> bool:
        """A post with direct reports or heading a unit."""
        return bool(self.org.direct_reports(post)) or any(k == "heads" for _, _, k in self.G.out_edges(post, keys=True))

    def posts_of(self, node: str) -> list[str]:
        """The posts a post, unit, group or forum stands for."""
        return [node] if self.G.nodes[node]["kind"] == "post" else self.org.members(node)


# -- decision rights -------------------------------------------------------------------------------


def _decision_checks(ctx: _Context) -> Iterator[Finding]:
    """OG101-OG105: each problem :func:`~orggraph.decisions.decision_issues` finds, under its check's code."""
    for issue in decision_issues(ctx.org):
        nodes = issue.nodes
        if issue.code == "empty-decider":
            nodes = (nodes[1], nodes[0], *nodes[2:])  # the culprit first: the body without posts
        yield ctx.finding(_BY_NAME[issue.code].code, issue.message, nodes, cite=issue.cite)


# -- forums ----------------------------------------------------------------------------------------


def _forum_checks(ctx: _Context) -> Iterator[Finding]:
    org, nodes = ctx.org, ctx.G.nodes
    by_code: dict[str, list[Finding]] = {}
    for forum in org.nodes("forum"):
        attrs = nodes[forum]
        if attrs.get("series_of") is not None:
            continue  # a per-holder series: its template (checked) gives it its chair, owner and members
        members = org.members(forum)
        chairs = org.chairs(forum)
        label = f"forum {ctx.label(forum)}"
        personal = attrs.get("forum_kind") == "one_to_one"
        if not members and not attrs.get("series"):  # a template's members are in its series
            by_code.setdefault("OG201", []).append(
                ctx.finding("OG201", f"{label} has no members: who meets is not documented", [forum], cite=forum)
            )
        if not chairs and not personal:
            by_code.setdefault("OG202", []).append(ctx.finding("OG202", f"{label} has no chair", [forum], cite=forum))
        if attrs.get("owner") is None and attrs.get("established_by") is None and not personal:
            message = f"{label} has no owner and no one is recorded as having established it"
            by_code.setdefault("OG203", []).append(ctx.finding("OG203", message, [forum], cite=forum))
        inside = set(members)
        outside = [c for c in chairs if c not in inside]
        if members and outside:
            message = (
                f"{label} is chaired by {ctx.names(outside)}, not a member of it; "
                "add the chair to the members, or correct the chair"
            )
            by_code.setdefault("OG204", []).append(ctx.finding("OG204", message, [forum, *outside], cite=forum))
        for constraint in attrs.get("constraints", ()):
            if constraint.kind not in ("no_managers", "managers_only"):
                continue
            wanted = constraint.kind == "managers_only"
            wrong = [p for p in dict.fromkeys([*members, *chairs]) if ctx.is_manager(p) != wanted]
            if wrong:
                what = "non-managers" if wanted else "managers (posts with direct reports or heading a unit)"
                message = (
                    f"{label} has the constraint {constraint.kind!r}"
                    + (f" ({constraint.description})" if constraint.description else "")
                    + f" but takes in {what}: {ctx.names(wrong)}"
                )
                cite = constraint.source or attrs.get("source")
                by_code.setdefault("OG205", []).append(ctx.finding("OG205", message, [forum, *wrong], cite=cite))
    for code in ("OG201", "OG202", "OG203", "OG204", "OG205"):
        yield from by_code.get(code, [])


# -- reporting lines -------------------------------------------------------------------------------


def _reporting_checks(ctx: _Context) -> Iterator[Finding]:
    """OG301-OG307 in one pass over the posts, reading the hierarchy index (no list of managers per post)."""
    org = ctx.org
    index = hierarchy(org)
    managers, several, candidates = index.managers, index.several, index.candidates
    bodies = _bodies(org)
    found: dict[str, list[Finding]] = {"OG301": [], "OG302": [], "OG303": [], "OG304": [], "OG306": []}
    for post in index.posts:
        above = several.get(post)
        if above is None:
            manager = managers.get(post)
            if manager is None:
                _without_manager(ctx, post, post in candidates, found)
                continue
            if manager in bodies:
                found["OG303"].append(_body_finding(ctx, post, manager))
            continue
        message = f"post {ctx.label(post)} reports to {len(above)} managers: {ctx.names(above)}"
        found["OG302"].append(ctx.finding("OG302", message, [post, *above], cite=post))
        found["OG303"].extend(_body_finding(ctx, post, body) for body in above if body in bodies)
    yield from found["OG301"]
    yield from found["OG302"]
    yield from _unit_head_conflicts(ctx, bodies)
    yield from found["OG303"]
    yield from found["OG304"]
    yield from _cycles(ctx, bodies)
    yield from found["OG306"]
    for post, among in candidates.items():
        message = (
            f"post {ctx.label(post)} reports to one of {ctx.names(list(among))}, and the source does not say which: "
            "the spans of these posts, and the layers and chains below, are ranges"
        )
        yield ctx.finding("OG307", message, [post, *among], cite=post)


def _bodies(org: Org) -> set[str]:
    """Every node that is not a post: a manager among them is a body (a unit or group named as the manager)."""
    return {node for kind in NODE_KINDS if kind != "post" for node in org.nodes(kind)}


def _without_manager(ctx: _Context, post: str, has_candidates: bool, found: dict[str, list[Finding]]) -> None:
    """OG301, OG304 and OG306 for a post without a documented manager."""
    attrs = ctx.G.nodes[post]
    unknown = attrs.get("manager_unknown")
    if not has_candidates and not attrs.get("top") and not unknown:
        message = (
            f"post {ctx.label(post)} has no manager and is not marked top: true; "
            "give it a manager (reports_to), mark it top if it is a root by design, "
            "or mark it manager_unknown if the source implies a manager but does not name it"
        )
        found["OG301"].append(ctx.finding("OG301", message, [post], cite=post))
    if not has_candidates and ctx.G.degree(post) == 0:  # a post with a line or candidates has an edge
        message = f"post {ctx.label(post)} has no edges at all: no manager, reports, unit, forum or role"
        found["OG304"].append(ctx.finding("OG304", message, [post], cite=post))
    if unknown:
        message = (
            f"post {ctx.label(post)} has a line manager that the source implies but does not name: "
            "its chain of command is not documented"
        )
        found["OG306"].append(ctx.finding("OG306", message, [post], cite=post))


def _body_finding(ctx: _Context, post: str, body: str) -> Finding:
    """OG303: the post's manager is documented only as a body."""
    message = (
        f"post {ctx.label(post)} has a manager documented only as the {ctx.G.nodes[body]['kind']} "
        f"{ctx.label(body)}: which post manages it is not documented"
    )
    return ctx.finding("OG303", message, [post, body], cite=post)


def _unit_head_conflicts(ctx: _Context, bodies: set[str]) -> Iterator[Finding]:
    """Posts whose unit's head is not above them: a second line manager given by the structure.

    The head each unit's posts expect is found once per unit, and the tour of
    the post forest that answers "is the head above?" is made only when some
    post expects a head.
    """
    org, nodes = ctx.org, ctx.G.nodes
    index = hierarchy(org)
    managers, several = index.managers, index.several
    expected = _ExpectedHeads(ctx)
    if not expected.any:
        return
    enter, leave, root = _euler_tour(index, bodies)
    for post in index.posts:
        if post in several or post not in managers:
            continue  # no manager, or several: OG301 and OG302 say so
        attrs = nodes[post]
        if attrs.get("top") or post not in enter:
            continue
        head, unit = expected.of(post, attrs.get("unit"))
        if head is None or unit is None or head not in enter:
            continue
        if enter[head] <= enter[post] and leave[post] <= leave[head]:
            continue  # the head is above the post
        top = root[post]
        above_top = several[top][0] if top in several else managers.get(top)
        if above_top is not None and above_top in bodies and head in org.members(above_top):
            continue  # the chain ends at a body that the head belongs to
        manager = managers[post]
        message = (
            f"post {ctx.label(post)} reports to {ctx.label(manager)} but sits in unit {ctx.label(unit)} "
            f"headed by {ctx.label(head)}, who is not above it in its chain of command: two line managers; "
            "point reports_to at the unit's head (or a post below it), or move the post to its manager's unit"
        )
        yield ctx.finding("OG302", message, [post, manager, head], cite=post)


class _ExpectedHeads:
    """The head of the nearest unit around a post headed by another post, and that unit, found once per unit."""

    def __init__(self, ctx: _Context) -> None:
        self.nodes = ctx.G.nodes
        self.nearest: dict[str, tuple[str, str] | None] = {}  # unit -> (head, unit) of it or the nearest above
        self.nested = True  # False when the units' parents go round in a circle: then each post walks its own way
        for unit in ctx.org.nodes("unit"):
            self._nearest(unit)
        self.any = any(found is not None for found in self.nearest.values())

    def _nearest(self, unit: str | None) -> tuple[str, str] | None:
        walked: list[str] = []
        found: tuple[str, str] | None = None
        while unit is not None and unit not in self.nearest:
            if unit in walked:
                self.nested = False
                break
            attrs = self.nodes[unit]
            head = attrs.get("head")
            if head is not None:
                found = (head, unit)
                break
            walked.append(unit)
            unit = attrs.get("parent")
        else:
            found = self.nearest[unit] if unit is not None else None
        for below in walked:
            self.nearest[below] = found
        if found is not None:
            self.nearest[found[1]] = found
        return found

    def of(self, post: str, unit: str | None) -> tuple[str | None, str | None]:
        """The expected head of a post in ``unit``: the nearest head that is not the post itself."""
        if not self.nested:
            return _expected_head(self.nodes, post, unit)
        found = self.nearest.get(unit) if unit is not None else None
        seen: set[str] = set()
        while found is not None and found[0] == post and found[1] not in seen:  # the post heads it: look further up
            seen.add(found[1])
            found = self._nearest(self.nodes[found[1]].get("parent"))
        if found is None or found[0] == post:
            return None, None
        return found


def _expected_head(
    nodes: Mapping[str, Mapping[str, Any]], post: str, unit: str | None
) -> tuple[str | None, str | None]:
    """The head of the nearest unit around the post headed by another post, and that unit (a walk per post)."""
    seen: set[str] = set()
    while unit is not None and unit not in seen:
        seen.add(unit)
        head = nodes[unit].get("head")
        if head is not None and head != post:
            return head, unit
        unit = nodes[unit].get("parent")
    return None, None


def _euler_tour(index: Hierarchy, bodies: set[str]) -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    """Entry and exit times of a depth-first pass over the post forest, and each post's root.

    ``a`` is above ``b`` exactly when ``enter[a] <= enter[b]`` and ``leave[b] <= leave[a]``.
    A post with one manager that is a post hangs below it; every other post is a root.
    Posts on a reporting cycle are not reached (the cycle check reports them).
    """
    managers, several, reports = index.managers, index.several, index.reports
    roots = [p for p in index.posts if p in several or p not in managers or managers[p] in bodies]
    enter: dict[str, int] = {}
    leave: dict[str, int] = {}
    root: dict[str, str] = {}
    clock = 0
    with gc_paused():  # three dicts of every post: the collector would walk the graph again and again
        for top in roots:
            stack: list[tuple[str, Iterator[str]]] = [(top, iter(reports.get(top, ())))]
            enter[top], root[top] = clock, top
            clock += 1
            while stack:
                post, children = stack[-1]
                child = next(children, None)
                if child is None:
                    stack.pop()
                    leave[post] = clock
                    clock += 1
                elif child not in enter and child not in several:
                    enter[child], root[child] = clock, top
                    clock += 1
                    stack.append((child, iter(reports.get(child, ()))))
    return enter, leave, root


_NESTING = {
    ("post", "reports_to", "post"): "reporting",
    ("unit", "part_of", "unit"): "unit nesting",
    ("group", "member_of", "group"): "group membership",
    ("forum", "part_of", "forum"): "forum nesting",
    ("topic", "part_of", "topic"): "topic nesting",
}


def _cycles(ctx: _Context, bodies: set[str]) -> Iterator[Finding]:
    """OG305: cycles of reporting lines, unit nesting, group membership, forum and topic nesting, in data order.

    Each line joins two nodes of one kind, so each cycle is of one kind. The
    reporting cycles come from the hierarchy index, where each post has one
    manager (a graph built by hand can give a post several: then every edge
    is read); the other lines are the edges out of the nodes that are not posts.
    """
    G, nodes = ctx.G, ctx.G.nodes
    index = hierarchy(ctx.org)
    position: dict[str, int] = {}
    reporting: list[list[str]] = []
    lines: list[tuple[str, str, str]] = []
    if index.several:
        edges = ((u, v, key) for u, v, key in G.edges(keys=True))
    else:
        if has_functional_cycle(index.managers):  # decided in numpy; the walk only names the cycles
            reporting = functional_cycles(index.managers, lambda: _positions(nodes, position))
        edges = ((u, v, key) for u, kind in G.nodes(data="kind") if kind != "post" for v, keys in G.adj[u].items()
                 for key in keys)  # fmt: skip
    for u, v, key in edges:
        what = _NESTING.get((nodes[u]["kind"], key, nodes[v]["kind"]))
        if what is not None:
            lines.append((u, v, what))
    cycles = [(cycle, "reporting") for cycle in reporting]
    if _has_cycle(lines):
        structure = nx.DiGraph()
        for u, v, what in lines:
            structure.add_edge(u, v, what=what)
        for component in nx.strongly_connected_components(structure):
            if len(component) == 1 and not any(structure.has_edge(n, n) for n in component):
                continue
            start = min(component, key=_positions(nodes, position).__getitem__)
            cycle = [u for u, _ in nx.find_cycle(structure.subgraph(component), source=start)]
            cycles.append((cycle, structure.edges[cycle[0], cycle[1 % len(cycle)]]["what"]))
    if len(cycles) > 1:
        cycles.sort(key=lambda found: _positions(nodes, position)[found[0][0]])
    for cycle, what in cycles:
        path = " → ".join([*cycle, cycle[0]])
        message = f"{what} cycle {path}; break it by pointing one of them elsewhere"
        yield ctx.finding("OG305", message, cycle, cite=cycle[0])


def _positions(nodes: Iterable[str], position: dict[str, int]) -> dict[str, int]:
    """Each node's place in the graph's order, filled in ``position`` on first use."""
    if not position:
        position.update((node, i) for i, node in enumerate(nodes))
    return position


def _has_cycle(lines: Sequence[tuple[str, str, str]]) -> bool:
    """Whether the lines ``(u, v, what)``, each ``u -> v``, close a cycle: what is left after peeling off sinks.

    >>> _has_cycle([("a", "b", "x"), ("b", "c", "x")]), _has_cycle([("a", "b", "x"), ("b", "a", "x")])
    (False, True)
    >>> _has_cycle([("a", "a", "x")])
    True
    """
    above: dict[str, int] = {}  # each node's lines out that are not yet peeled off
    below: dict[str, list[str]] = {}  # each node's lines in
    for u, v, _ in lines:
        above[u] = above.get(u, 0) + 1
        above.setdefault(v, 0)
        below.setdefault(v, []).append(u)
    sinks = [node for node, count in above.items() if count == 0]
    peeled = 0
    while sinks:
        node = sinks.pop()
        peeled += 1
        for u in below.get(node, ()):
            above[u] -= 1
            if above[u] == 0:
                sinks.append(u)
    return peeled < len(above)


# -- stated facts ----------------------------------------------------------------------------------


def _stated_checks(ctx: _Context) -> Iterator[Finding]:
    for count in ctx.G.graph["declared_counts"]:
        yield from _declared_count(ctx, count)
    yield from _group_rules(ctx)
    yield from _agreements(ctx)


def _declared_count(ctx: _Context, declared: DeclaredCount) -> Iterator[Finding]:
    org, nodes = ctx.org, ctx.G.nodes
    approx = declared.approx
    if declared.of == "units":
        items = [u for u in org.nodes("unit") if declared.unit_kind in (None, nodes[u].get("unit_kind"))]
        values = [nodes[u].get("count", 1) for u in items]
        noun = "units"
    else:
        if declared.of == "members":
            if declared.collective is None or declared.collective not in nodes:
                return
            items = org.members(declared.collective)
        else:
            items = [
                p
                for p in org.nodes("post")
                if declared.post_type in (None, nodes[p].get("type"))
                and (declared.unit_kind is None or _unit_kind(ctx, p) == declared.unit_kind)
            ]
        values = [nodes[p].get("headcount", 1) for p in items]
        approx = approx or any(nodes[p].get("headcount_approx") for p in items)
        noun = "posts"
    text = (
        f"declared count {declared.id!r} ({declared.description}: {'ca. ' if declared.approx else ''}{declared.count})"
    )
    culprits = [declared.collective] if declared.collective else []
    unknown = [item for item, value in zip(items, values, strict=True) if value == "unknown"]
    if unknown:
        message = f"{text} cannot be checked: the size of {ctx.names(unknown)} is unknown"
        yield ctx.finding("OG402", message, [*culprits, *unknown], cite=declared.source)
        return
    actual = float(sum(values))
    tolerance = 0.1 * declared.count if approx else 0.0
    if abs(actual - declared.count) > tolerance + 1e-9:
        listed = f": {ctx.names(items)}" if items else ""
        message = (
            f"{text} disagrees with the data, which has {format_number(actual)} "
            + ("people" if noun == "posts" else "units")
            + f" in {len(items)} {noun if len(items) != 1 else noun[:-1]}{listed}"
        )
        yield ctx.finding("OG401", message, [*culprits, *items], cite=declared.source)


def _unit_kind(ctx: _Context, post: str) -> str | None:
    unit = ctx.G.nodes[post].get("unit")
    kind: str | None = ctx.G.nodes[unit].get("unit_kind") if unit is not None else None
    return kind


def _group_rules(ctx: _Context) -> Iterator[Finding]:
    for group in (item(ctx.G, g) for g in ctx.org.nodes("group")):
        assert isinstance(group, Group)
        if group.rule is None or not group.members:
            continue
        listed: dict[str, None] = {}
        for member in group.members:
            listed.update(dict.fromkeys(ctx.posts_of(member)))
        selected = rule_members(ctx.G, group.rule)
        missing = [p for p in selected if p not in listed]
        if missing and any(p in listed for p in selected):
            message = (
                f"group {ctx.label(group.id)} lists some of the posts its rule selects but not "
                f"{ctx.names(missing)}; update the member list, or narrow the rule"
            )
            yield ctx.finding("OG403", message, [group.id, *missing], cite=group.id)


def _agreements(ctx: _Context) -> Iterator[Finding]:
    for instrument in (item(ctx.G, i) for i in ctx.org.nodes("instrument")):
        assert isinstance(instrument, Instrument)
        for agreement in instrument.instances:
            goals = len(agreement.goals)
            if goals == 0:
                continue
            broken = []
            if instrument.goals_min is not None and goals < instrument.goals_min:
                broken.append(f"{goals} goals, fewer than the {instrument.goals_min} required")
            if instrument.goals_max is not None and goals > instrument.goals_max:
                broken.append(f"{goals} goals, more than the {instrument.goals_max} allowed")
            share = sum(g.cross_cutting for g in agreement.goals) / goals
            needed = instrument.cross_cutting_share_min
            if needed is not None and share < needed - 1e-9:
                broken.append(f"{share:.0%} of its goals cross-cutting, below the {needed:.0%} required")
            if broken:
                name = agreement.name or agreement.id
                message = f"agreement {name!r} ({agreement.id}) under {ctx.label(instrument.id)} has " + " and ".join(
                    broken
                )
                cite = agreement.source or instrument.source
                yield ctx.finding("OG404", message, [instrument.id, *agreement.parties], cite=cite)
