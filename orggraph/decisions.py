"""Decision rights: who decides a topic, on what authority, and for which subject.

A topic's decision rights come from two places in the data:

* **decision rules** (:class:`~orggraph.schema.DecisionRule`, graph nodes of kind
  ``rule`` with a ``governs`` edge to the topic). They are tried in document
  order; the first that applies to the subject decides. A rule may be relative
  to the structure ("the subject's manager hires", "approved one management
  level up") and may test attributes of the subject ("projects longer than a
  year").
* **role assignments** on the topic (edges ``decides``, ``responsible``, ...
  from a holder to the topic). :func:`who_decides` falls back to the
  ``decides`` holders when the topic has no rule, or when no rule applies.

The subject a rule is evaluated for is a :class:`Subject`: a post of the
organisation (whose dismissal?), attributes of something hypothetical (a
project that runs two years), or both (a post, with some attributes changed).

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> decision = who_decides(org, "dismissal", "technician")
>>> decision.deciders, decision.approvers
(['site-lead'], ['coo'])
>>> print(decision)
Site Lead, approved by Operations Director (for Technician) — rule: the subject's manager decides and the
manager's manager approves — source: Acme staff handbook, 3. Who decides: 'A dismissal is approved one level
up.'
"""

from __future__ import annotations

import html
import operator
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from orggraph.errors import QueryError, SubjectError
from orggraph.items import item
from orggraph.schema import ROLES, Citation, Condition, DecisionRule, RoleAssignment, Selector
from orggraph.text import fold

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = [
    "Decision",
    "DecisionIssue",
    "QueryError",
    "Responsibility",
    "Subject",
    "SubjectError",
    "decides_holders",
    "decision_issues",
    "responsibilities",
    "rules_of",
    "who",
    "who_decides",
]

Value = str | int | float | bool | None
"""A subject attribute's value."""

_COLLECTIVES = frozenset({"group", "forum", "unit"})
_MANAGERS = frozenset({"post", "group", "unit"})
_OPS: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    "eq": ("equal to", operator.eq),
    "ne": ("different from", operator.ne),
    "gt": ("more than", operator.gt),
    "ge": ("at least", operator.ge),
    "lt": ("less than", operator.lt),
    "le": ("at most", operator.le),
}


# -- the subject a rule is evaluated for ---------------------------------------------------------


class Subject:
    """What a decision is about: a post, attributes of something hypothetical, or both.

    Parameters
    ----------
    post : str, optional
        The post the decision concerns (whose hiring, whose dismissal?). Its
        fields (``type``, ``unit``, ``headcount``, ...) and its ``attributes``
        are the subject's attributes.
    **attributes : str, int, float, bool or None
        Further attributes, or overrides of the post's. ``type`` is what a
        rule's ``subject_types`` test; ``reports_to`` (a post or body id) gives
        a hypothetical subject a manager.

    Examples
    --------
    >>> Subject(duration_years=2, political=False)
    Subject(duration_years=2, political=False)
    >>> Subject("accountant").post
    'accountant'
    >>> Subject("accountant", grade="B").attributes
    {'grade': 'B'}
    """

    __slots__ = ("_attributes", "_post")

    def __init__(self, post: str | None = None, /, **attributes: Value) -> None:
        self._post = post
        self._attributes = tuple(attributes.items())

    @property
    def post(self) -> str | None:
        """The post id, or None for a hypothetical subject."""
        return self._post

    @property
    def attributes(self) -> dict[str, Value]:
        """The attributes given (not the post's own), as a new dict."""
        return dict(self._attributes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Subject):
            return NotImplemented
        return self._post == other._post and dict(self._attributes) == dict(other._attributes)

    def __hash__(self) -> int:
        return hash((self._post, frozenset(self._attributes)))

    def __repr__(self) -> str:
        parts = [repr(self._post)] if self._post is not None else []
        parts += [f"{key}={value!r}" for key, value in self._attributes]
        return f"Subject({', '.join(parts)})"

    def describe(self, org: Org) -> str:
        """The subject in words: the post's name and the attributes given.

        Parameters
        ----------
        org : Org
            The organisation the subject's post is in (for its name).

        Examples
        --------
        >>> import orggraph
        >>> Subject("cfo", grade="A").describe(orggraph.example())
        'Finance Director, grade=A'
        """
        parts = [org.name(self._post)] if self._post is not None else []
        parts += [f"{key}={value}" for key, value in self._attributes]
        return ", ".join(parts)


def as_subject(
    org: Org, subject: str | Subject | Mapping[str, Value] | None, attributes: Mapping[str, Value]
) -> Subject | None:
    """Turn the ways an analyst may name a subject into one :class:`Subject` (or None).

    A string is a post id or a search text for a post; a mapping is a set of
    attributes; ``attributes`` (keyword arguments) are merged in last.

    Raises
    ------
    UnknownNodeError
        If a string names no post, or several.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> as_subject(org, "Site lead", {"grade": "C"})
    Subject('site-lead', grade='C')
    >>> as_subject(org, {"duration_years": 2}, {}), as_subject(org, None, {})
    (Subject(duration_years=2), None)
    """
    if isinstance(subject, Subject):
        post, given = subject.post, subject.attributes
    elif isinstance(subject, str):
        post, given = subject, {}
    elif subject is None:
        post, given = None, {}
    else:
        post, given = None, dict(subject)
    given.update(attributes)
    if post is not None:
        post = org.resolve(post, kind="post")
    if post is None and not given:
        return None
    return Subject(post, **given)


def _subject_value(org: Org, subject: Subject, attr: str) -> Value:
    given = subject.attributes
    if attr in given:
        return given[attr]
    if subject.post is None:
        return None
    node = org.graph.nodes[subject.post]
    extra = node.get("attributes") or {}
    if attr in extra:
        value: Value = extra[attr]
        return value
    value = node.get(attr)
    if attr == "headcount" and value == "unknown":
        return None
    return value if isinstance(value, str | int | float | bool) else None


def _about(org: Org, subject: Subject | None) -> str:
    if subject is None:
        return ""
    text = subject.describe(org)
    return text if subject.post is not None else "a subject with " + text


# -- the answer -----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=True, repr=False)
class Decision:
    """Who decides a topic (for a subject), with the rule, its sources and the derivation.

    ``sources`` are citations, the rule's (the authority) first, then those of
    the reporting lines followed. ``str`` and the HTML repr read like an
    answer and show the first source; the HTML repr also folds out the
    derivation and the further sources.

    ``deciders``, ``approvers``, ``may_delegate_to`` and ``consults`` are node
    ids: posts, or bodies (groups, units, forums) where the data names a body.
    An empty ``deciders`` means the sources do not say; ``notes`` then, and
    whenever the answer is a body standing in for an undocumented individual,
    says why. With ``one_of`` (``approvers_one_of``) the deciders (approvers) are alternatives: one of them
    decides and the sources do not say which (a rule naming "one of" several
    posts, or the subject's manager when the subject reports to one of several
    candidates). ``participants`` take part in the decision with others the
    sources do not name (a ``shared`` role: "være med til at træffe"); they do
    not decide alone.

    Examples
    --------
    >>> import orggraph
    >>> d = orggraph.example().who_decides("hiring", "accountant")
    >>> d.deciders, d.rule_id, d.rule
    (['cfo'], 'hiring-by-manager', "the subject's manager hires")
    >>> for step in d.derivation:
    ...     print(step)
    topic 'hiring' (Hiring) has 1 decision rule; the first that applies decides
    rule 'hiring-by-manager' applies: it has no conditions
    decides: the manager of Accountant: Accountant reports to Finance Director
    """

    topic: str
    deciders: list[str]
    approvers: list[str] = field(default_factory=list)
    may_delegate_to: list[str] = field(default_factory=list)
    consults: list[str] = field(default_factory=list)
    one_of: bool = False
    approvers_one_of: bool = False
    participants: list[str] = field(default_factory=list)
    rule: str = ""
    rule_id: str | None = None
    sources: list[str] = field(default_factory=list)
    derivation: list[str] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    """The graph edges ``(u, v, kind)`` the answer followed, e.g. to highlight in a chart."""
    notes: list[str] = field(default_factory=list)
    subject: Subject | None = None
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Display names of the ids in the answer (for ``str`` and the HTML repr)."""
    subject_text: str = field(default="", compare=False)
    """The subject in words (for ``str`` and the HTML repr)."""

    __hash__ = None  # type: ignore[assignment]

    def _names(self, ids: list[str]) -> str:
        return ", ".join(self.labels.get(i, i) for i in ids)

    def _parts(self) -> Iterator[tuple[str, str]]:
        """The answer as (label, text) parts; the first label is empty (the deciders)."""
        who = self._names(self.deciders) or "No one documented"
        if self.one_of:
            who = f"One of {who} (which one is not said)"
        if self.approvers:
            approvers = self._names(self.approvers)
            if self.approvers_one_of:
                approvers = f"one of {approvers} (which one is not said)"
            who += ", approved by " + approvers
        if self.subject_text:
            who += f" (for {self.subject_text})"
        yield "", who
        yield "rule", self.rule
        yield "source", self.sources[0] if self.sources else "no source"
        if self.may_delegate_to:
            yield "may delegate to", self._names(self.may_delegate_to)
        if self.consults:
            yield "consults", self._names(self.consults)
        if self.participants:
            yield "takes part", self._names(self.participants)
        for note in self.notes:
            yield "note", note

    def __str__(self) -> str:
        return " — ".join(f"{label}: {text}" if label else text for label, text in self._parts())

    def __repr__(self) -> str:
        about = f" for {self.subject!r}" if self.subject is not None else ""
        return f"<Decision {self.topic!r}{about}: deciders {self.deciders!r} (rule {self.rule_id!r})>"

    def _repr_html_(self) -> str:
        parts = list(self._parts())
        head = html.escape(parts[0][1])
        rest = "".join(f" — {html.escape(label)}: {html.escape(text)}" for label, text in parts[1:])
        steps = "".join(f"<li>{html.escape(step)}</li>" for step in self.derivation)
        more = "".join(f"<li>{html.escape(source)}</li>" for source in self.sources[1:])
        more = f"<p>further sources:</p><ul>{more}</ul>" if more else ""
        return (
            f"<div class='orggraph-decision'><strong>{head}</strong>{rest}"
            f"<details><summary>derivation</summary><ol>{steps}</ol>{more}</details></div>"
        )

    def explain(self) -> str:
        """The answer, then every step of the derivation, one per line.

        Examples
        --------
        >>> import orggraph
        >>> print(orggraph.example().who_decides("budget").explain())
        Board of Trustees — rule: Board of Trustees decides Annual budget (role assignment; the topic has no decision
        rule) — source: Acme staff handbook, 3. Who decides: 'The Board adopts the budget that Finance prepares.'
          1. topic 'budget' (Annual budget) has no decision rule
          2. Board of Trustees holds the role 'decides' on Annual budget
        """
        return "\n".join([str(self), *(f"  {n}. {step}" for n, step in enumerate(self.derivation, 1))])


class _Trace:
    """Collects the steps, edges, citations and notes of one derivation."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self.steps: list[str] = []
        self.edges: list[tuple[str, str, str]] = []
        self.citations: list[Citation | None] = []
        self.notes: list[str] = []
        self.skipped: list[str] = []
        """Why each rule tried did not apply (for the answer when none does)."""

    def name(self, node: str) -> str:
        return self.org.name(node)

    def decision(
        self,
        topic: str,
        subject: Subject | None,
        deciders: list[str],
        *,
        rule: str,
        rule_id: str | None = None,
        approvers: list[str] | None = None,
        may_delegate_to: tuple[str, ...] = (),
        consults: list[str] | tuple[str, ...] = (),
        one_of: bool = False,
        approvers_one_of: bool = False,
        participants: list[str] | None = None,
    ) -> Decision:
        approvers = approvers or []
        participants = participants or []
        ids = {*deciders, *approvers, *may_delegate_to, *consults, *participants}
        labels = {i: self.org.name(i) for i in ids}
        sources = list(dict.fromkeys(self.org.cite(c) for c in self.citations if c is not None))
        return Decision(
            topic=topic,
            deciders=deciders,
            approvers=approvers,
            may_delegate_to=list(may_delegate_to),
            consults=list(consults),
            one_of=one_of,
            approvers_one_of=approvers_one_of,
            participants=participants,
            rule=rule,
            rule_id=rule_id,
            sources=sources,
            derivation=self.steps,
            edges=list(dict.fromkeys(self.edges)),
            notes=list(dict.fromkeys(self.notes)),
            subject=subject,
            labels=labels,
            subject_text=_about(self.org, subject),
        )


# -- who decides ----------------------------------------------------------------------------------


def rules_of(org: Org, topic: str) -> list[DecisionRule]:
    """The decision rules of a topic, in document order.

    Parameters
    ----------
    org : Org
        The organisation.
    topic : str
        A topic id.

    Returns
    -------
    list of DecisionRule

    Examples
    --------
    >>> import orggraph
    >>> [r.id for r in rules_of(orggraph.example(), "dismissal")]
    ['dismissal-approved-up']
    """
    G = org.graph
    return [_rule(org, u) for u, _, key in G.in_edges(topic, keys=True) if key == "governs"]


def _rule(org: Org, rule_id: str) -> DecisionRule:
    rule = item(org.graph, rule_id)
    assert isinstance(rule, DecisionRule)
    return rule


def who_decides(
    org: Org,
    topic: str,
    subject: str | Subject | Mapping[str, Value] | None = None,
    **attributes: Value,
) -> Decision:
    """Who decides ``topic`` for ``subject``, on what authority, and how that follows from the data.

    The topic's decision rules are tried in document order. A rule applies when
    the subject's ``type`` is one of its ``subject_types`` (if it has any) and
    its ``when`` conditions hold (all of them, or any with ``match: any``).
    String comparisons ignore case and accents. The first rule that applies
    names the deciders and approvers: fixed ids, or relative to the structure
    (the subject itself, the subject's manager, the decider's manager;
    ``levels`` up). When the manager is documented only as a body, the answer
    is the body and a note says the individual is not documented. When a
    post on the way up has a line manager that the sources imply but do not
    name (``manager_unknown``), no one is named and a note says that its
    line manager is not documented (a top post "has no line manager").

    When a post on the way up reports to one of several candidates
    (``reports_to_one_of``), the answer names every superior some reading
    of the sources gives, as alternatives (``Decision.one_of``: one of them,
    which one is not said); so does a rule whose ``decides`` has
    ``one_of: true``.

    When the topic has no rule, or none applies, the holders of the
    ``decides`` role on the topic decide; a ``shared`` holder only takes
    part (``Decision.participants``). When there are none either, the
    answer has no deciders and says that the sources do not say, and,
    when rules were tried, which subjects each of them covers.

    Parameters
    ----------
    org : Org
        The organisation.
    topic : str
        A topic id, or a text that names one topic (see :meth:`Org.find`).
    subject : str, Subject or mapping, optional
        What the decision is about: a post (id or text), a mapping of
        attributes of something hypothetical, or a :class:`Subject`.
    **attributes : str, int, float, bool or None
        Subject attributes, merged into ``subject`` (e.g. ``duration_years=2``).

    Returns
    -------
    Decision

    Raises
    ------
    UnknownNodeError
        If ``topic`` names no topic or several (a :class:`LookupError`, with
        ``.candidates``), or ``subject`` names no post.
    SubjectError
        If the rule to try needs a subject, or a subject attribute, that was not
        given (a :class:`TypeError`), or an attribute cannot be compared with
        the rule's value.
    QueryError
        If a rule cannot be evaluated (its ``decides`` is relative to the decider).

    See Also
    --------
    who : the holders of any role on a topic, as stored.
    orggraph.structure.escalation_path : up the chain to the holder of the right.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> who_decides(org, "Recruitment", "Accountant").deciders
    ['cfo']
    >>> who_decides(org, "budget").deciders
    ['board-of-trustees']
    >>> who_decides(org, "hiring")
    Traceback (most recent call last):
    ...
    orggraph.errors.SubjectError: rule 'hiring-by-manager' (the subject's manager hires) needs a subject: the
    post the decision is about (or, for a hypothetical subject, its 'reports_to'), e.g. org.who_decides('hiring',
    '<post id>')

    A rule on a hypothetical subject, given by keyword arguments:

    >>> projects = orggraph.loads('''
    ... organisation: {id: p, name: P}
    ... posts:
    ...   - {id: boss, name: Boss, top: true}
    ...   - {id: lead, name: Team lead, reports_to: boss}
    ... topics: [{id: steering, name: Steering group}]
    ... decision_rules:
    ...   - id: long-projects
    ...     name: Long projects
    ...     topic: steering
    ...     rule: projects longer than a year are steered by the boss
    ...     when: [{attr: duration_years, op: gt, value: 1}]
    ...     decides: {ids: [boss]}
    ...   - id: other-projects
    ...     name: Other projects
    ...     topic: steering
    ...     rule: the team lead steers
    ...     decides: {ids: [lead]}
    ... ''')
    >>> who_decides(projects, "steering", duration_years=2).deciders
    ['boss']
    >>> who_decides(projects, "steering", {"duration_years": 0.5}).deciders
    ['lead']

    A manager that is one of several posts, and a rule that covers only some subjects:

    >>> chart = orggraph.loads('''
    ... organisation: {id: c, name: C}
    ... posts:
    ...   - {id: boss, name: Boss, top: true}
    ...   - {id: a, name: Director A, type: director, reports_to: boss}
    ...   - {id: b, name: Director B, type: director, reports_to: boss}
    ...   - {id: head, name: Head, type: head, reports_to_one_of: [a, b]}
    ... topics: [{id: hiring, name: Hiring}]
    ... decision_rules:
    ...   - {id: by-manager, name: By manager, topic: hiring, rule: the manager hires,
    ...      subject_types: [head], decides: {relation: manager_of_subject}}
    ... ''')
    >>> hire = who_decides(chart, "hiring", "head")
    >>> hire.deciders, hire.one_of
    (['a', 'b'], True)
    >>> print(who_decides(chart, "hiring", "a").rule)
    not documented: no rule applies to Director A (rule 'by-manager' covers only subjects of type 'head')
    and no one holds the role 'decides' on Hiring
    """
    topic_id = org.resolve(topic, kind="topic")
    about = as_subject(org, subject, attributes)
    trace = _Trace(org)
    rules = rules_of(org, topic_id)
    topic_text = f"topic {topic_id!r} ({org.name(topic_id)})"
    if rules:
        plural = "s" if len(rules) != 1 else ""
        trace.steps.append(f"{topic_text} has {len(rules)} decision rule{plural}; the first that applies decides")
    for rule in rules:
        if _applies(org, rule, about, trace):
            return _decide_by_rule(org, topic_id, rule, about, trace)
    return _decide_by_roles(org, topic_id, about, trace, had_rules=bool(rules))


def _needs_subject(
    rule: DecisionRule, what: str, example: str, *, missing: Iterable[str] = (), needs_post: bool = False
) -> SubjectError:
    return SubjectError(
        f"rule {rule.id!r} ({rule.rule}) needs a subject: {what}",
        example,
        rule=rule.id,
        topic=rule.topic,
        missing=missing,
        needs_post=needs_post,
    )


def _applies(org: Org, rule: DecisionRule, subject: Subject | None, trace: _Trace) -> bool:
    reasons: list[str] = []
    if rule.subject_types:
        types = " or ".join(repr(t) for t in rule.subject_types)
        if subject is None:
            raise _needs_subject(
                rule,
                f"a post of type {types}",
                f"org.who_decides({rule.topic!r}, '<post id>') or org.who_decides({rule.topic!r}, type=...)",
                missing=["type"],
                needs_post=True,
            )
        kind = _subject_value(org, subject, "type")
        if kind is None and subject.post is None:
            raise SubjectError(
                f"rule {rule.id!r} ({rule.rule}) needs the subject's attribute 'type' (one of {types}); give it",
                f"type={rule.subject_types[0]!r}",
                rule=rule.id,
                topic=rule.topic,
                missing=["type"],
            )
        if kind is None or fold(str(kind)) not in {fold(t) for t in rule.subject_types}:
            trace.steps.append(f"rule {rule.id!r} does not apply: the subject's type is {kind!r}, not {types}")
            trace.skipped.append(f"rule {rule.id!r} covers only subjects of type {types}")
            return False
        reasons.append(f"the subject's type is {kind!r}")
    if rule.when:
        holds = _conditions_hold(org, rule, subject, trace, reasons)
        if not holds:
            return False
    if not rule.subject_types and not rule.when:
        reasons.append("it has no conditions")
    trace.steps.append(f"rule {rule.id!r} applies: " + "; ".join(reasons))
    return True


def _conditions_hold(org: Org, rule: DecisionRule, subject: Subject | None, trace: _Trace, reasons: list[str]) -> bool:
    if subject is None:
        needed = list(dict.fromkeys(c.attr for c in rule.when))
        example = ", ".join(f"{c.attr}=..." for c in rule.when[:2])
        raise _needs_subject(
            rule,
            f"give the attributes {', '.join(needed)}",
            f"org.who_decides({rule.topic!r}, {example})",
            missing=needed,
        )
    results: list[tuple[Condition, bool | None, str]] = []
    for condition in rule.when:
        results.append(_test(org, rule, subject, condition))
    wanted = rule.match == "any"
    decisive = [text for _, result, text in results if result is wanted]
    missing = list(dict.fromkeys(c.attr for c, result, _ in results if result is None))
    if decisive:
        if wanted:
            reasons.append(decisive[0])
            return True
        trace.steps.append(f"rule {rule.id!r} does not apply: {decisive[0]}")
        trace.skipped.append(f"rule {rule.id!r} does not apply: {decisive[0]}")
        return False
    if missing:
        names = ", ".join(repr(a) for a in missing)
        given = subject.describe(org) or "no attributes"
        raise SubjectError(
            f"rule {rule.id!r} ({rule.rule}) needs the subject's attribute{'s' if len(missing) > 1 else ''} "
            f"{names}, which the subject ({given}) does not have; give {'them' if len(missing) > 1 else 'it'}",
            f"{missing[0]}=...",
            rule=rule.id,
            topic=rule.topic,
            missing=missing,
        )
    if wanted:
        why = "; ".join(text for _, _, text in results)
        trace.steps.append(f"rule {rule.id!r} does not apply: {why}")
        trace.skipped.append(f"rule {rule.id!r} does not apply: {why}")
        return False
    reasons.extend(text for _, _, text in results)
    return True


def _test(org: Org, rule: DecisionRule, subject: Subject, condition: Condition) -> tuple[Condition, bool | None, str]:
    value = _subject_value(org, subject, condition.attr)
    if value is None:
        return condition, None, f"{condition.attr} is not given"
    expected = condition.value
    if condition.op == "in":
        options = expected if isinstance(expected, tuple) else (expected,)
        result = _norm(value) in {_norm(o) for o in options}
        symbol = "one of"
    else:
        symbol, compare = _OPS[condition.op]
        if isinstance(expected, tuple):
            raise QueryError(f"rule {rule.id!r}: operator {condition.op!r} on {condition.attr!r} needs one value")
        try:
            result = bool(compare(_norm(value), _norm(expected)))
        except TypeError:
            raise SubjectError(
                f"rule {rule.id!r} ({rule.rule}) compares the subject's {condition.attr!r} with {expected!r}, "
                f"but the subject's value is {value!r}; give a {type(expected).__name__}",
                rule=rule.id,
                topic=rule.topic,
            ) from None
    verdict = "" if result else "not "
    return condition, result, f"{condition.attr} is {value!r} ({verdict}{symbol} {expected!r})"


def _norm(value: Any) -> Any:
    return fold(value) if isinstance(value, str) else value


def _decide_by_rule(org: Org, topic: str, rule: DecisionRule, subject: Subject | None, trace: _Trace) -> Decision:
    trace.citations.append(rule.source)
    trace.edges.append((rule.id, topic, "governs"))
    if rule.decides.relation == "manager_of_decider":
        raise QueryError(
            f"rule {rule.id!r}: 'decides' cannot be relative to the decider; "
            "use 'manager_of_subject' (with 'levels') or fixed 'ids'"
        )
    deciders = _select(org, rule, rule.decides, "decides", subject, [], trace)
    one_of = len(deciders) > 1 and (rule.decides.one_of or rule.decides.relation is not None)
    if one_of and rule.decides.one_of:
        trace.notes.append(
            "the rule names " + ", ".join(trace.name(d) for d in deciders) + " as alternatives: one of them decides, "
            "and the sources do not say which"
        )
    approvers: list[str] = []
    if rule.approves is not None:
        approvers = _select(org, rule, rule.approves, "approves", subject, deciders, trace)
        if one_of and len(approvers) > 1 and rule.approves.relation == "manager_of_decider":
            trace.notes.append("the approver depends on which of the alternative deciders decides")
    approvers_one_of = (
        rule.approves is not None
        and len(approvers) > 1
        and (rule.approves.one_of or rule.approves.relation is not None)
    )
    for role, ids in (("may delegate to", rule.may_delegate_to), ("consults", rule.consults)):
        if ids:
            trace.steps.append(f"{role}: named in the rule: " + ", ".join(trace.name(i) for i in ids))
            trace.edges.extend((i, rule.id, "named_in") for i in ids)
    return trace.decision(
        topic,
        subject,
        deciders,
        rule=rule.rule,
        rule_id=rule.id,
        approvers=approvers,
        may_delegate_to=rule.may_delegate_to,
        consults=rule.consults,
        one_of=one_of,
        approvers_one_of=approvers_one_of,
    )


def _select(
    org: Org,
    rule: DecisionRule,
    selector: Selector,
    role: Literal["decides", "approves"],
    subject: Subject | None,
    deciders: list[str],
    trace: _Trace,
) -> list[str]:
    if selector.ids:
        named = ", ".join(trace.name(i) for i in selector.ids)
        if selector.one_of:
            named = f"one of {named} (which one is not said)"
        trace.steps.append(f"{role}: named in the rule: {named}")
        trace.edges.extend((i, rule.id, "named_in") for i in selector.ids)
        return list(selector.ids)
    if selector.relation == "manager_of_decider":
        found: dict[str, None] = {}
        for decider in deciders:
            found.update(dict.fromkeys(_climb(org, decider, selector.levels, role, trace)))
        return list(found)
    if selector.relation == "subject":
        if subject is None or subject.post is None:
            raise _needs_subject(
                rule, "the post the decision is about", f"org.who_decides({rule.topic!r}, '<post id>')", needs_post=True
            )
        trace.steps.append(f"{role}: the subject itself, {trace.name(subject.post)}")
        return [subject.post]
    if subject is None or (subject.post is None and subject.attributes.get("reports_to") is None):
        raise _needs_subject(
            rule,
            "the post the decision is about (or, for a hypothetical subject, its 'reports_to')",
            f"org.who_decides({rule.topic!r}, '<post id>')",
            missing=["reports_to"],
            needs_post=True,
        )
    return _climb_subject(org, rule, subject, selector.levels, role, trace)


def _climb_subject(org: Org, rule: DecisionRule, subject: Subject, levels: int, role: str, trace: _Trace) -> list[str]:
    given = subject.attributes.get("reports_to")
    if given is None:
        assert subject.post is not None
        return _climb(org, subject.post, levels, role, trace)
    manager = org.resolve(str(given))
    if org.kind(manager) not in _MANAGERS:
        raise SubjectError(
            f"rule {rule.id!r}: the subject's 'reports_to' must be a post or a body, "
            f"not the {org.kind(manager)} {manager!r}",
            rule=rule.id,
            topic=rule.topic,
        )
    who = trace.name(subject.post) if subject.post is not None else "the subject"
    trace.steps.append(f"{role}: {who} reports to {trace.name(manager)} (given as the subject's 'reports_to')")
    if levels == 1:
        return [_body_note(org, manager, who, trace)]
    return _climb(org, manager, levels - 1, role, trace, start_text=who, done=1)


def _climb(
    org: Org,
    node: str,
    levels: int,
    role: str,
    trace: _Trace,
    *,
    start_text: str | None = None,
    done: int = 0,
) -> list[str]:
    """The superiors ``levels`` management levels above ``node``, recording the edges followed.

    Empty when no superior is documented; one id when the data decides it;
    several when a post on the way reports to one of several candidates (the
    superior is one of them, which one is not said).
    """
    start = start_text or trace.name(node)
    what = "the manager of" if levels + done == 1 else f"{levels + done} management levels above"
    G = org.graph
    current = node
    hops: list[str] = []
    for step in range(levels):
        if org.kind(current) != "post":
            trace.steps.append(f"{role}: {what} {start}: not documented")
            trace.notes.append(
                f"{trace.name(current)} is a body; the sources document no manager above it, "
                f"so {what} {start} is not documented"
            )
            return []
        manager = org.manager(current)
        candidates = org.candidate_managers(current) if manager is None else []
        if candidates:
            remaining = levels - step - 1
            return _climb_candidates(org, current, candidates, (remaining, levels + done), role, trace, hops, start)
        if manager is None and G.nodes[current].get("manager_unknown"):
            # not a top: the sources imply a line manager but do not say who
            trace.steps.append(f"{role}: {what} {start}: the line manager of {trace.name(current)} is not documented")
            note = (
                f"{trace.name(current)}: its line manager is not documented (the sources imply one but do not say who)"
            )
            if current != node or start_text is not None or levels + done != 1:
                note += f", so {what} {start} is not documented"
            trace.notes.append(note)
            return []
        if manager is None:
            trace.steps.append(f"{role}: {what} {start}: {trace.name(current)} has no line manager")
            trace.notes.append(f"{trace.name(current)} has no line manager, so {what} {start} is not documented")
            return []
        trace.edges.append((current, manager, "reports_to"))
        trace.citations.append(G.edges[current, manager, "reports_to"].get("source"))
        hops.append(f"{trace.name(current)} reports to {trace.name(manager)}")
        current = manager
    trace.steps.append(f"{role}: {what} {start}: " + ", ".join(hops))
    return [_body_note(org, current, start, trace)]


def _climb_candidates(
    org: Org,
    post: str,
    candidates: list[str],
    levels: tuple[int, int],
    role: str,
    trace: _Trace,
    hops: list[str],
    start: str,
) -> list[str]:
    """Continue a climb at a post whose manager is one of ``candidates``: every superior it may lead to.

    ``levels`` is (levels still to climb above the candidates, levels of the whole climb).
    """
    G = org.graph
    remaining, total = levels
    what = "the manager of" if total == 1 else f"{total} management levels above"
    names = ", ".join(trace.name(c) for c in candidates)
    for candidate in candidates:
        trace.edges.append((post, candidate, "candidate_manager"))
        trace.citations.append(G.edges[post, candidate, "candidate_manager"].get("source"))
    hops.append(f"{trace.name(post)} reports to one of {names} (which one is not said)")
    trace.steps.append(f"{role}: {what} {start}: " + ", ".join(hops))
    found: dict[str, None] = {}
    if remaining == 0:
        found.update(dict.fromkeys(_body_note(org, c, start, trace) for c in candidates))
    else:
        for candidate in candidates:
            climbed = _climb(org, candidate, remaining, role, trace, start_text=start, done=total - remaining)
            found.update(dict.fromkeys(climbed))
    if len(found) > 1:
        trace.notes.append(
            f"{trace.name(post)} reports to one of {names}, and the sources do not say which, so {what} {start} "
            "is one of " + ", ".join(trace.name(f) for f in found)
        )
    return list(found)


def _body_note(org: Org, superior: str, start: str, trace: _Trace) -> str:
    if org.kind(superior) != "post":
        trace.notes.append(
            f"the sources name only the body {trace.name(superior)} as the manager of {start}; "
            "the individual is not documented"
        )
    return superior


def _decide_by_roles(org: Org, topic: str, subject: Subject | None, trace: _Trace, *, had_rules: bool) -> Decision:
    topic_name = org.name(topic)
    if had_rules:
        about = f" to {subject.describe(org)}" if subject is not None else ""
        trace.steps.append(f"no rule applies{about}; falling back to the role assignments on {topic_name}")
    else:
        trace.steps.append(f"topic {topic!r} ({topic_name}) has no decision rule")
    assignments = _assignments(org, topic)
    holding = [a for a in assignments if a.role == "decides"]
    deciders = [a for a in holding if not a.shared]
    sharing = [a for a in holding if a.shared]
    consults = [a.holder for a in assignments if a.role == "consulted"]
    if subject is not None and not had_rules:
        trace.steps.append("the subject does not change the answer: role assignments hold for every subject")
    for assignment in holding:
        part = " (shared: it takes part, with others not named)" if assignment.shared else ""
        trace.steps.append(f"{trace.name(assignment.holder)} holds the role 'decides' on {topic_name}{part}")
        trace.edges.append((assignment.holder, topic, "decides"))
        trace.citations.append(assignment.source or org.source(topic))
    if consults:
        trace.steps.append(f"consulted on {topic_name}: " + ", ".join(trace.name(c) for c in consults))
    why = "no rule applies" if had_rules else "the topic has no decision rule"
    if had_rules and trace.skipped:
        about = subject.describe(org) if subject is not None else "this subject"
        why = f"no rule applies to {about} ({'; '.join(trace.skipped)})"
    if deciders:
        names = ", ".join(trace.name(a.holder) for a in deciders)
        described = "; ".join(a.description for a in deciders if a.description)
        rule = f"{names} decides {topic_name} (role assignment; {why})"
        if described:
            rule += f": {described}"
    elif sharing:
        names = ", ".join(trace.name(a.holder) for a in sharing)
        rule = (
            f"not documented who decides {topic_name}: {names} takes part in the decision with others the sources "
            f"do not name ({why})"
        )
        described = "; ".join(a.description for a in sharing if a.description)
        if described:
            rule += f": {described}"
        trace.notes.append(f"{names} takes part in deciding {topic_name} and does not decide alone")
    else:
        rule = f"not documented: {why} and no one holds the role 'decides' on {topic_name}"
        trace.notes.append(f"the sources do not say who decides {topic_name}")
        if had_rules and trace.skipped:
            trace.notes.append(f"{topic_name}: {'; '.join(trace.skipped)}; otherwise the sources do not say")
            trace.citations.extend(rule.source for rule in rules_of(org, topic))  # what the rules do cover
    return trace.decision(
        topic,
        subject,
        [a.holder for a in deciders],
        rule=rule,
        consults=consults,
        participants=[a.holder for a in sharing],
    )


def _assignments(org: Org, topic: str) -> tuple[RoleAssignment, ...]:
    roles: tuple[RoleAssignment, ...] = org.graph.nodes[topic].get("roles", ())
    return roles


# -- roles and responsibilities --------------------------------------------------------------------


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise QueryError(f"unknown role {role!r}; valid roles: {', '.join(ROLES)}")


def who(org: Org, topic: str, role: str = "responsible", *, expand: bool = False) -> list[str]:
    """The holders of a role on a topic, as the data assigns them.

    Parameters
    ----------
    org : Org
        The organisation.
    topic : str
        A topic id, or a text that names one topic.
    role : str
        One of :data:`orggraph.schema.ROLES`: decides, responsible, prepares,
        qualifies, implements, consulted, informed.
    expand : bool
        Replace groups, units and forums by their posts (see :meth:`Org.members`).

    Returns
    -------
    list of str
        Holder ids in document order: posts, groups, units or forums (only
        posts with ``expand=True``).

    Raises
    ------
    QueryError
        If ``role`` is not a role (a :class:`ValueError`; the message lists the roles).
    UnknownNodeError
        If ``topic`` names no topic, or several.

    Notes
    -----
    Decision *rules* are not role assignments: for who decides a topic for a
    given subject, use :func:`who_decides`.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> who(org, "budget", "qualifies"), who(org, "budget", "qualifies", expand=True)
    (['board'], ['ceo', 'cfo', 'coo'])
    >>> who(org, "budget", "accountable")
    Traceback (most recent call last):
    ...
    orggraph.errors.QueryError: unknown role 'accountable'; valid roles: decides, responsible, prepares,
    qualifies, implements, consulted, informed
    """
    _check_role(role)
    topic_id = org.resolve(topic, kind="topic")
    holders = list(dict.fromkeys(a.holder for a in _assignments(org, topic_id) if a.role == role))
    if not expand:
        return holders
    posts: dict[str, None] = {}
    for holder in holders:
        posts.update(dict.fromkeys(org.members(holder) if org.kind(holder) in _COLLECTIVES else [holder]))
    return list(posts)


@dataclass(frozen=True)
class Responsibility:
    """A role a post holds on a topic, directly or through the bodies and forums it belongs to.

    ``role`` is a role of :data:`~orggraph.schema.ROLES`, or, for a post named
    by a decision rule, how the rule names it (decides, approves,
    may_delegate_to, consults) with the rule's id in ``rule``. ``via`` lists
    the collectives from the post up to ``holder`` (empty when the post holds
    the role itself).

    Examples
    --------
    >>> import orggraph
    >>> r = responsibilities(orggraph.example(), "cfo")[0]
    >>> r.topic, r.role, r.holder, r.via
    ('budget', 'responsible', 'cfo', ())
    """

    topic: str
    role: str
    holder: str
    via: tuple[str, ...] = ()
    rule: str | None = None
    source: Citation | None = None


_UPWARD = {"post": ("in_unit", "member_of"), "unit": ("part_of", "member_of"), "group": ("member_of",)}


def _belongs_to(org: Org, post: str) -> dict[str, str | None]:
    """The post and every collective it belongs to, nearest first, each with the node it was reached from."""
    G = org.graph
    parents: dict[str, str | None] = {post: None}
    queue = deque([post])
    while queue:
        node = queue.popleft()
        follow = _UPWARD.get(G.nodes[node]["kind"], ("member_of",))
        for _, target, key in G.out_edges(node, keys=True):
            if key in follow and target not in parents:
                parents[target] = node
                queue.append(target)
    return parents


def responsibilities(org: Org, post: str) -> list[Responsibility]:
    """The topics a post holds a role on: itself, through its groups and units, or through its forums.

    A post belongs to its unit and the units above it, to the groups and
    forums that list it (or a group or unit it belongs to), exactly as
    :meth:`Org.members` expands them. Every role those hold on a topic is the
    post's, with the way it comes to the post in ``via``. Decision rules that
    name the post or one of its collectives count too.

    Parameters
    ----------
    org : Org
        The organisation.
    post : str
        A post id, or a text that names one post.

    Returns
    -------
    list of Responsibility
        Nearest holder first (the post, then its collectives), each in
        document order of the roles.

    Examples
    --------
    >>> import orggraph
    >>> for r in responsibilities(orggraph.example(), "coo"):
    ...     print(r.topic, r.role, r.holder, r.via)
    budget qualifies board ('management', 'board')
    budget informed all-hands ('operations', 'hq', 'all-hands')
    """
    post_id = org.resolve(post, kind="post")
    G = org.graph
    parents = _belongs_to(org, post_id)
    found: list[Responsibility] = []
    for holder in parents:
        via: list[str] = []
        step: str | None = holder
        while step is not None and step != post_id:
            via.append(step)
            step = parents[step]
        via.reverse()
        for _, target, key, data in G.out_edges(holder, keys=True, data=True):
            if key in ROLES:
                found.append(Responsibility(target, key, holder, tuple(via), None, data.get("source")))
            elif data.get("kind") == "named_in":
                topic = G.nodes[target]["topic"]
                found.append(Responsibility(topic, data["as"], holder, tuple(via), target, data.get("source")))
    return found


# -- consistency data for lint ---------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionIssue:
    """One problem in a topic's decision rights: the one implementation behind lint's OG101-OG105.

    ``code`` is the kind of problem, the name of the lint check that reports
    it (see :func:`decision_issues`); ``severity`` is that check's severity in
    :data:`orggraph.lint.CHECKS` ("warning" or "info"); ``nodes`` are the ids
    involved (the topic first, then the rule where a rule is at fault);
    ``message`` says what is wrong; ``cite`` is the node whose source is the
    evidence (None when no single node is: several role holders).

    Examples
    --------
    >>> issue = DecisionIssue("no-decider", "warning", "x", ("x",), "no one decides x", cite="x")
    >>> issue.code, issue.lint_code
    ('no-decider', 'OG101')
    """

    code: str
    severity: str
    topic: str
    nodes: tuple[str, ...]
    message: str
    cite: str | None = None

    @property
    def lint_code(self) -> str:
        """The lint check code that reports this kind of problem, e.g. ``"OG101"``."""
        from orggraph.lint import CHECKS  # lint's table maps each kind (its check's name) onto a code

        return next(check.code for check in CHECKS if check.name == self.code)


def decides_holders(org: Org, topic: str) -> list[str]:
    """Who holds the decides right on a topic by name: role holders and the fixed deciders of its rules.

    Rules relative to the structure (the subject's manager, ...) name no one
    in particular and add nothing here.

    Parameters
    ----------
    org : Org
        The organisation.
    topic : str
        A topic id.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.example()
    >>> decides_holders(org, "budget"), decides_holders(org, "hiring")
    (['board-of-trustees'], [])
    """
    holders = [a.holder for a in _assignments(org, topic) if a.role == "decides"]
    for rule in rules_of(org, topic):
        holders.extend(rule.decides.ids)
    return list(dict.fromkeys(holders))


def decision_issues(org: Org) -> list[DecisionIssue]:
    """Problems in the decision rights of every topic: the one implementation behind lint's OG101-OG105.

    Each kind of problem, its ``code`` (the lint check's name; the severity
    is that check's in :data:`orggraph.lint.CHECKS`):

    ``no-decider`` (OG101, warning)
        No one decides or answers for the topic: no decision rule, no
        ``decides`` and no ``responsible`` holder on it or on a topic above
        it. A topic with a ``responsible`` holder but no explicit decider is
        a responsibility area whose holder answers for it, not a gap.
    ``several-deciders`` (OG102, warning)
        More than one holder of the ``decides`` role on the topic, or a rule
        whose ``decides`` names more than one id (reported once when the two
        name the same set), unless together they are exactly the posts of one
        unit or group (that body decides, jointly or each for its own part):
        a RACI/RAPID chart has one decider.
    ``decider-outside-forum`` (OG103, warning)
        A forum decides the topic, and another decider (role holder or fixed
        rule decider) has posts that are not members of that forum: the
        decision is taken in the forum without them.
    ``empty-decider`` (OG104, info)
        A group, unit or forum that decides the topic (role or rule) has no
        posts in the data, so who takes the decision is not documented.
    ``unreachable-rule`` (OG105, warning)
        A rule comes after a rule of the same topic that always applies (no
        ``subject_types``, no ``when``), so it is never used.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    list of DecisionIssue
        In topic order, then in the order of the checks above;
        ``org.lint(select=["OG101", ..., "OG105"])`` reports exactly these.

    Examples
    --------
    >>> import orggraph
    >>> decision_issues(orggraph.example())
    []
    >>> org = orggraph.loads(\'\'\'
    ... organisation: {id: t, name: T}
    ... posts: [{id: boss, name: Boss, top: true}, {id: aide, name: Aide, reports_to: boss}]
    ... topics:
    ...   - {id: pay, name: Pay, roles: [{role: decides, holder: boss}, {role: decides, holder: aide}]}
    ...   - {id: parking, name: Parking}
    ... \'\'\')
    >>> for issue in decision_issues(org):
    ...     print(issue.code, issue.severity, issue.nodes)
    several-deciders warning ('pay', 'boss', 'aide')
    no-decider warning ('parking',)
    """
    from orggraph.lint import CHECKS  # lint's table is the authority on severities; lint imports this module

    severities = {check.name: check.severity for check in CHECKS}
    checker = _IssueChecker(org)
    return [
        DecisionIssue(kind, severities[kind], topic, tuple(nodes), message, cite)
        for topic in org.nodes("topic")
        for kind, nodes, message, cite in checker.topic_issues(topic)
    ]


_Raw = tuple[str, Sequence[str], str, str | None]


class _IssueChecker:
    """The checks of :func:`decision_issues`, with what several topics share computed once."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self._bodies: dict[frozenset[str], str] | None = None

    def label(self, node: str) -> str:
        return f"{self.org.name(node)!r} ({node})"

    def topic_issues(self, topic: str) -> Iterator[_Raw]:
        org = self.org
        name = org.name(topic)
        role_deciders = list(dict.fromkeys(a.holder for a in _assignments(org, topic) if a.role == "decides"))
        rules = rules_of(org, topic)
        if not role_deciders and not rules and not self.answered_for(topic):
            message = (
                f"no one is documented to decide or answer for topic {self.label(topic)}: no decision rule, "
                "no 'decides' and no 'responsible' holder on it or on a topic above it"
            )
            yield "no-decider", (topic,), message, topic
        if len(role_deciders) > 1 and not self.one_body(role_deciders):
            names = ", ".join(org.name(h) for h in role_deciders)
            message = (
                f"{name!r} ({topic}) has {len(role_deciders)} holders of the 'decides' role ({names}); "
                "make the joint decider a body, split the topic, or give it a rule relative to the subject"
            )
            yield "several-deciders", (topic, *role_deciders), message, None
        for rule in rules:
            ids = rule.decides.ids
            if rule.decides.one_of:
                continue  # alternatives, one of which decides: not several deciders
            if len(ids) > 1 and set(ids) != set(role_deciders) and not self.one_body(ids):
                message = (
                    f"rule {rule.id!r} of {name!r} names {len(ids)} deciders "
                    f"({', '.join(org.name(i) for i in ids)}); name the body that decides jointly"
                )
                yield "several-deciders", (topic, rule.id, *ids), message, rule.id
        holders = decides_holders(org, topic)
        yield from self.outside_forum(topic, holders)
        for holder in holders:
            if org.kind(holder) in _COLLECTIVES and not org.members(holder):
                message = (
                    f"{self.label(holder)} decides topic {self.label(topic)} but has no posts in the data: "
                    "who takes the decision is not documented"
                )
                yield "empty-decider", (topic, holder), message, topic
        always = next((i for i, rule in enumerate(rules) if not rule.subject_types and not rule.when), len(rules))
        for later in rules[always + 1 :]:
            earlier = rules[always]
            message = (
                f"rule {later.id!r} of {name!r} is never used: rule {earlier.id!r} before it always applies; "
                "give the earlier rule conditions, or move it last"
            )
            yield "unreachable-rule", (topic, later.id, earlier.id), message, topic

    def outside_forum(self, topic: str, holders: list[str]) -> Iterator[_Raw]:
        org = self.org
        for forum in (h for h in holders if org.kind(h) == "forum"):
            inside = set(org.members(forum))
            for other in holders:
                if other == forum:
                    continue
                posts = org.members(other) if org.kind(other) in _COLLECTIVES else [other]
                outside = [p for p in posts if p not in inside]
                if outside:
                    message = (
                        f"{org.name(topic)!r} ({topic}) is decided in the forum {org.name(forum)!r}, but the "
                        f"decider {org.name(other)!r} has posts that are not members of it: "
                        f"{', '.join(org.name(p) for p in outside)}"
                    )
                    yield "decider-outside-forum", tuple(dict.fromkeys((topic, forum, other, *outside))), message, topic

    def answered_for(self, topic: str) -> bool:
        """Someone decides or is responsible for the topic, or a rule or role covers a topic above it."""
        G = self.org.graph
        nodes = G.nodes
        seen: set[str] = set()
        current: str | None = topic
        while current is not None and current not in seen:
            seen.add(current)
            if any(a.role in ("decides", "responsible") for a in nodes[current].get("roles", ())):
                return True
            if current != topic and any(k == "governs" for _, _, k in G.in_edges(current, keys=True)):
                return True
            current = nodes[current].get("parent")
        return False

    def one_body(self, deciders: Iterable[str]) -> bool:
        """The deciders are all posts and together exactly the posts of one unit or group."""
        deciders = list(deciders)
        if any(self.org.kind(d) != "post" for d in deciders):
            return False
        if self._bodies is None:
            self._bodies = {}
            for kind in ("unit", "group"):
                for body in self.org.nodes(kind):
                    posts = frozenset(self.org.members(body))
                    if len(posts) > 1:
                        self._bodies.setdefault(posts, body)
        return frozenset(deciders) in self._bodies
