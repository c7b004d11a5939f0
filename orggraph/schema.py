"""The organisation data format: pydantic models for every item of a YAML file.

The models are frozen and forbid unknown keys, so a typo in a YAML key is an
error that points at the key. Collections are tuples, so a loaded document is
immutable. Every item may carry a :class:`Citation` in ``source``.

Unknowns are explicit: a head count that the source does not give is
``"unknown"``, a cadence the source leaves open is ``{unspecified: "..."}``
with the source's own words, a manager the source names only as a body is a
``reports_to`` that points at that body (a unit or group), and a manager the
source implies but does not name at all is ``manager_unknown: true`` (not
``top: true``, which says "no manager, by design"); never a guess.

The JSON Schema of the format is :func:`json_schema`.

Examples
--------
>>> doc = Document.model_validate({
...     "organisation": {"id": "acme", "name": "Acme"},
...     "posts": [{"id": "ceo", "name": "CEO", "top": True}],
... })
>>> doc.posts[0].headcount
1
"""

from __future__ import annotations

import datetime
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator

__all__ = [
    "ROLES",
    "Agreement",
    "Cadence",
    "Chair",
    "Citation",
    "Condition",
    "DecisionRule",
    "DeclaredCount",
    "Document",
    "Event",
    "Forum",
    "ForumConstraint",
    "Goal",
    "Group",
    "GroupRule",
    "Guest",
    "Instrument",
    "MeetingSeries",
    "Membership",
    "Organisation",
    "Person",
    "Post",
    "ReportingLine",
    "RoleAssignment",
    "Section",
    "Selector",
    "Source",
    "Topic",
    "Unit",
    "json_schema",
]

Id = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False, pattern=r"^\S(.*\S)?$")]
"""An identifier: any non-empty text without leading or trailing white space."""

Text = Annotated[str, StringConstraints(min_length=1)]
Unknown = Literal["unknown"]

Role = Literal["decides", "responsible", "prepares", "qualifies", "implements", "consulted", "informed"]
ROLES: tuple[str, ...] = (
    "decides",
    "responsible",
    "prepares",
    "qualifies",
    "implements",
    "consulted",
    "informed",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Citation(_Model):
    """Where a fact comes from: a document, optionally a section and a short quote."""

    document: Id = Field(description="Id of an entry in `sources`.")
    section: Id | None = Field(None, description="Id of a section of that document.")
    quote: Text | None = Field(None, description="The words the fact rests on, verbatim.")


class _Item(_Model):
    """Fields every addressable item has."""

    id: Id
    name: Text
    aliases: tuple[Text, ...] = Field((), description="Other names to find the item by (e.g. English ones).")
    description: Text | None = None
    source: Citation | None = None


class Section(_Model):
    """A section of a source document."""

    id: Id
    title: Text


class Source(_Model):
    """A document the data is taken from."""

    id: Id
    title: Text
    publisher: Text | None = None
    date: Text | None = Field(None, description="Publication date as the document gives it.")
    location: Text | None = Field(None, description="File path or URL.")
    sections: tuple[Section, ...] = ()


class Organisation(_Model):
    """The organisation the file describes."""

    id: Id
    name: Text
    aliases: tuple[Text, ...] = ()
    description: Text | None = None
    as_of: Text | None = Field(None, description="The date the description holds for.")
    source: Citation | None = None


UnitKind = Literal[
    "political_body",
    "committee",
    "executive_board",
    "directorate",
    "centre",
    "department",
    "section",
    "secretariat",
    "staff_function",
    "institution",
    "team",
    "organisation",
    "other",
]


_VALID_FROM = "The first day the item holds (a real date, YYYY-MM-DD); none: since ever. See Org.as_of."
_VALID_UNTIL = "The last day the item holds (a real date, YYYY-MM-DD), included; none: still in force."


def _check_validity(valid_from: datetime.date | None, valid_until: datetime.date | None) -> None:
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        raise ValueError(f"'valid_until' {valid_until} is before 'valid_from' {valid_from}")


class Unit(_Item):
    """An organisational unit; units nest through ``parent``."""

    kind: UnitKind = "other"
    parent: Id | None = Field(None, description="The enclosing unit.")
    head: Id | None = Field(None, description="The post that heads the unit.")
    count: int | Unknown = Field(
        1, description="How many identical units this entry stands for (e.g. 9 unnamed centres)."
    )
    valid_from: datetime.date | None = Field(None, description=_VALID_FROM)
    valid_until: datetime.date | None = Field(None, description=_VALID_UNTIL)

    @model_validator(mode="after")
    def _validity(self) -> Unit:
        _check_validity(self.valid_from, self.valid_until)
        return self


class Post(_Item):
    """A position. May stand for several identical positions (``headcount``)."""

    type: Text | None = Field(None, description="The kind of post, used by rules (e.g. 'centerchef').")
    unit: Id | None = None
    headcount: Annotated[int, Field(ge=0)] | Annotated[float, Field(ge=0, allow_inf_nan=False)] | Unknown = Field(
        1, description="People the post stands for; a float for full-time equivalents (FTE) from imports."
    )
    headcount_approx: bool = Field(False, description="The head count is approximate ('ca. 130').")
    holders: tuple[Text, ...] = Field((), description="Named people holding the post.")
    vacant: bool = False
    reports_to: Id | None = Field(
        None,
        description="The line manager: a post, or a unit/group when the source names only a body.",
    )
    top: bool = Field(False, description="A root of the reporting structure (no manager by design).")
    manager_unknown: bool = Field(
        False,
        description="The source implies a line manager but does not say who: no 'reports_to', and not 'top'.",
    )
    political: bool = Field(False, description="An elected or political post.")
    staff: bool = Field(False, description="A staff/assistant post, kept out of spans of control.")
    junior: bool = Field(False, description="An aggregate of junior staff (imports).")
    grade: Text | None = None
    attributes: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="Further facts, e.g. from an HR export."
    )
    valid_from: datetime.date | None = Field(None, description=_VALID_FROM)
    valid_until: datetime.date | None = Field(None, description=_VALID_UNTIL)

    @model_validator(mode="after")
    def _validity(self) -> Post:
        _check_validity(self.valid_from, self.valid_until)
        return self


LineKind = Literal["dotted", "accountable_to", "advises"]


class ReportingLine(_Model):
    """A secondary reporting line: dotted line, accountability, advice."""

    post: Id
    to: Id
    kind: LineKind = "dotted"
    description: Text | None = None
    source: Citation | None = None
    valid_from: datetime.date | None = Field(None, description=_VALID_FROM)
    valid_until: datetime.date | None = Field(None, description=_VALID_UNTIL)

    @model_validator(mode="after")
    def _validity(self) -> ReportingLine:
        _check_validity(self.valid_from, self.valid_until)
        return self


class GroupRule(_Model):
    """Members given by a rule: every post matching all given criteria."""

    post_types: tuple[Text, ...] = Field((), description="Posts of any of these types.")
    heads_of_unit_kinds: tuple[UnitKind, ...] = Field((), description="Heads of units of these kinds.")
    within: Id | None = Field(None, description="Only posts in this unit or below it.")
    reporting_to: Id | None = Field(None, description="Only posts whose chain of command passes this post.")

    @model_validator(mode="after")
    def _not_empty(self) -> GroupRule:
        if not (self.post_types or self.heads_of_unit_kinds or self.within or self.reporting_to):
            raise ValueError("a group rule needs at least one criterion")
        return self


class Group(_Item):
    """A named set of posts (a body): listed, given by a rule, or both.

    With both, the members are the union: the listed members (groups and
    units stand for their posts) and every post the rule selects. A list that
    shares no post with the rule adds to it ("the CEO and the directors"); a
    list that names some of the rule's posts but not all of them is still
    merged with the rule, and :func:`orggraph.lint.lint` reports it as
    ``OG403 group-list-disagrees-with-rule`` (an out-of-date list, or a rule
    too wide). A list that names every post the rule selects, and perhaps
    more, is not a finding.
    """

    kind: Literal["body", "group", "political_body", "committee"] = "body"
    members: tuple[Id, ...] = Field((), description="Posts, groups or units.")
    rule: GroupRule | None = None


class Chair(_Model):
    """Who chairs: a fixed post, or a rotation among several."""

    post: Id | None = None
    rotating_among: tuple[Id, ...] = Field((), description="Posts, groups or units whose posts take turns.")
    description: Text | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Chair:
        if (self.post is None) == (not self.rotating_among):
            raise ValueError("give either 'post' or 'rotating_among'")
        return self


Period = Literal["days", "weeks", "months", "years"]
_PER_YEAR = {"days": 365.0, "weeks": 52.0, "months": 12.0, "years": 1.0}


class Cadence(_Model):
    """How often something happens, in exactly one of four forms.

    ``{every: 14, unit: days}``, ``{per_year: 4}`` or ``{per_year: 1, per_year_max: 2}``,
    ``{ad_hoc: true}``, or ``{unspecified: "fast mødekadence"}`` quoting the source.
    """

    every: Annotated[float, Field(gt=0)] | None = None
    unit: Period | None = None
    per_year: Annotated[float, Field(ge=0)] | None = None
    per_year_max: Annotated[float, Field(ge=0)] | None = None
    ad_hoc: bool = False
    unspecified: Text | None = Field(None, description="A regular cadence the source gives no number for.")
    approx: bool = Field(False, description="The source says 'ca.'.")

    @model_validator(mode="after")
    def _one_form(self) -> Cadence:
        forms = [self.every is not None, self.per_year is not None, self.ad_hoc, self.unspecified is not None]
        if sum(forms) != 1:
            raise ValueError("give exactly one of 'every', 'per_year', 'ad_hoc' or 'unspecified'")
        if (self.every is None) != (self.unit is None):
            raise ValueError("'every' and 'unit' go together")
        if self.per_year_max is not None and (self.per_year is None or self.per_year_max < self.per_year):
            raise ValueError("'per_year_max' needs a 'per_year' that is not larger")
        return self

    def per_year_range(self) -> tuple[float, float] | None:
        """Occurrences a year as (low, high); None when the source gives no number.

        Examples
        --------
        >>> Cadence(every=14, unit="days").per_year_range()
        (26.071428571428573, 26.071428571428573)
        >>> Cadence(per_year=1, per_year_max=2).per_year_range()
        (1.0, 2.0)
        >>> Cadence(ad_hoc=True).per_year_range() is None
        True
        """
        if self.every is not None and self.unit is not None:
            value = _PER_YEAR[self.unit] / self.every
            return (value, value)
        if self.per_year is not None:
            return (self.per_year, self.per_year_max if self.per_year_max is not None else self.per_year)
        return None


class MeetingSeries(_Model):
    """One kind of meeting of a forum: its cadence and length."""

    name: Text | None = None
    cadence: Cadence
    hours: Annotated[float, Field(gt=0)] | None = Field(None, description="Typical length in hours.")
    hours_max: Annotated[float, Field(gt=0)] | None = None
    overnight: bool = False
    attendance: Literal["expected", "voluntary"] | None = None
    quarter: tuple[Annotated[int, Field(ge=1, le=4)], ...] = ()
    description: Text | None = None
    source: Citation | None = None


class Guest(_Model):
    """A post or body that takes part in (part of) a forum without being a member."""

    id: Id
    part: Text | None = Field(None, description="Which part of the meeting, in the source's words.")
    source: Citation | None = None


ConstraintKind = Literal["no_managers", "managers_only", "other"]


class ForumConstraint(_Model):
    """A condition on who may take part."""

    kind: ConstraintKind
    description: Text | None = None
    source: Citation | None = None


class Forum(_Item):
    """A meeting series: members, chair, owner, cadence, purpose."""

    kind: Literal["meeting", "seminar", "one_to_one", "working_group", "network", "other"] = "meeting"
    members: tuple[Id, ...] = Field((), description="Posts, groups or units (expanded to their posts).")
    guests: tuple[Guest, ...] = ()
    chair: Chair | None = None
    owner: Id | None = None
    established_by: Id | None = None
    part_of: Id | None = Field(None, description="A forum this one belongs to.")
    meetings: tuple[MeetingSeries, ...] = ()
    agenda: bool | Unknown = "unknown"
    minutes: bool | Unknown = "unknown"
    agenda_items_from: tuple[Id, ...] = Field((), description="Who proposes agenda items.")
    prepared_by: tuple[Id, ...] = ()
    purposes: tuple[Text, ...] = ()
    focus: tuple[Text, ...] = ()
    constraints: tuple[ForumConstraint, ...] = ()
    time_share: tuple[float, float] | None = Field(
        None, description="Share of members' working time (low, high), e.g. (0.10, 0.15)."
    )


class RoleAssignment(_Model):
    """A post, body or forum holding a role on a topic."""

    role: Role
    holder: Id
    description: Text | None = None
    source: Citation | None = None


class Topic(_Item):
    """A responsibility or decision area, with who holds which role."""

    parent: Id | None = None
    roles: tuple[RoleAssignment, ...] = ()


class Condition(_Model):
    """A test on an attribute of the subject a rule is evaluated for."""

    attr: Id
    op: Literal["eq", "ne", "gt", "ge", "lt", "le", "in"] = "eq"
    value: str | int | float | bool | tuple[str | int | float | bool, ...]


Relation = Literal["manager_of_subject", "manager_of_decider", "subject"]


class Selector(_Model):
    """Whom a rule names: fixed ids, or a relation to the subject or decider."""

    ids: tuple[Id, ...] = Field((), description="Posts, groups, units or forums.")
    relation: Relation | None = None
    levels: Annotated[int, Field(ge=1)] = Field(1, description="How many management levels up.")

    @model_validator(mode="after")
    def _one_form(self) -> Selector:
        if bool(self.ids) == (self.relation is not None):
            raise ValueError("give either 'ids' or 'relation'")
        return self


class DecisionRule(_Item):
    """Who decides a topic, possibly relative to the structure and to the subject.

    Rules for a topic are tried in order; the first whose conditions hold applies.
    """

    topic: Id
    rule: Text = Field(description="The rule in words.")
    subject_types: tuple[Text, ...] = Field((), description="Applies when the subject post has one of these types.")
    when: tuple[Condition, ...] = ()
    match: Literal["all", "any"] = "all"
    decides: Selector
    approves: Selector | None = None
    may_delegate_to: tuple[Id, ...] = ()
    consults: tuple[Id, ...] = ()


class Goal(_Model):
    """A goal of an agreement."""

    name: Text
    cross_cutting: bool = False


class Agreement(_Model):
    """One concrete instance of an instrument (e.g. one afdelingsaftale)."""

    id: Id
    name: Text | None = None
    parties: tuple[Id, ...] = ()
    year: int | None = None
    goals: tuple[Goal, ...] = ()
    source: Citation | None = None


class Instrument(_Item):
    """A governance instrument: vision, strategy, policy, plan, agreement."""

    kind: Literal["vision", "strategy", "policy", "plan", "agreement", "theme", "programme", "other"]
    owner: tuple[Id, ...] = Field((), description="Who formulates or owns it.")
    consults: tuple[Id, ...] = ()
    parties: tuple[Id, ...] = Field((), description="For agreements: the parties (posts, groups or units).")
    based_on: tuple[Id, ...] = ()
    cadence: Cadence | None = None
    period_years: tuple[float, float] | None = None
    goals_min: int | None = None
    goals_max: int | None = None
    cross_cutting_share_min: Annotated[float, Field(ge=0, le=1)] | None = None
    count: int | None = Field(None, description="How many exist, when the source says (e.g. 3 strategies).")
    count_max: int | None = Field(
        None, description="The upper end of a range the source gives ('2-3 temaer': count 2, count_max 3)."
    )
    instances: tuple[Agreement, ...] = ()

    @field_validator("count_max")
    @classmethod
    def _count_range(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and "count" in info.data:  # 'count' absent: it failed validation itself
            count = info.data["count"]
            if count is None or value < count:
                raise ValueError("'count_max' needs a 'count' that is not larger")
        return value


class Event(_Item):
    """An entry of the annual wheel (årshjul)."""

    quarter: Annotated[int, Field(ge=1, le=4)] | None = None
    month: Annotated[int, Field(ge=1, le=12)] | None = None
    forum: Id | None = None
    topic: Id | None = None
    instrument: Id | None = None

    @model_validator(mode="after")
    def _when(self) -> Event:
        if self.quarter is None and self.month is None:
            raise ValueError("an event needs a 'quarter' or a 'month'")
        if self.quarter is not None and self.month is not None and (self.month - 1) // 3 + 1 != self.quarter:
            raise ValueError("'month' is not in 'quarter'")
        return self


class DeclaredCount(_Model):
    """A count the source states, checked against the data by lint ('nine centres')."""

    id: Id
    description: Text
    count: int
    approx: bool = False
    of: Literal["posts", "units", "members"]
    post_type: Text | None = None
    unit_kind: UnitKind | None = None
    collective: Id | None = Field(
        None,
        description="For 'members': the group, forum or unit counted (a unit: its posts and those of units below it).",
    )
    source: Citation | None = None


DateText = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
"""A date as ISO 8601 text, possibly partial: ``2016``, ``2016-03`` or ``2016-03-10``."""


class Person(_Item):
    """A person, e.g. a member of a legislature (imports such as Popolo); a node of kind ``person``."""

    birth_date: DateText | None = None
    death_date: DateText | None = None
    gender: Text | None = None
    attributes: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="Further facts, e.g. given and family name, identifiers."
    )


class Membership(_Model):
    """A person's membership of a group or forum, possibly dated (imports such as Popolo).

    The source may leave a membership undated and give its legislative period
    instead; the period's dates are then kept in ``period_start`` and
    ``period_end``, and :meth:`dates` gives the dates that hold.

    Examples
    --------
    >>> m = Membership(person="p1", organisation="dail", legislative_period="term/31",
    ...                period_start="2011-03-09", period_end="2016-03-02")
    >>> m.dates(), m.holds_on("2016-01-01"), m.holds_on("2016-03-10")
    (('2011-03-09', '2016-03-02'), True, False)
    """

    person: Id
    organisation: Id = Field(description="The group or forum the person is a member of.")
    role: Text | None = None
    on_behalf_of: Id | None = Field(None, description="The group (e.g. a party) the person is a member for.")
    start_date: DateText | None = Field(None, description="The membership's own first day.")
    end_date: DateText | None = Field(None, description="The membership's own last day.")
    legislative_period: Text | None = Field(
        None, description="The legislative period, as the source identifies it (e.g. 'term/31')."
    )
    period_start: DateText | None = Field(None, description="The legislative period's first day.")
    period_end: DateText | None = Field(None, description="The legislative period's last day.")
    area: Text | None = Field(None, description="The area (e.g. constituency) the person represents.")
    source: Citation | None = None
    valid_from: datetime.date | None = Field(
        None,
        description="The first day the entry holds in a versioned file (see Org.as_of); dates of the "
        "membership itself go in 'start_date'.",
    )
    valid_until: datetime.date | None = Field(None, description=_VALID_UNTIL)

    @model_validator(mode="after")
    def _validity(self) -> Membership:
        _check_validity(self.valid_from, self.valid_until)
        return self

    def dates(self) -> tuple[str | None, str | None]:
        """The first and last day of the membership; None where it is open.

        The membership's own dates win; where it has none, its legislative
        period's dates hold.

        Examples
        --------
        >>> Membership(person="p", organisation="g", start_date="2012", period_end="2016-03-02").dates()
        ('2012', '2016-03-02')
        """
        start = self.start_date if self.start_date is not None else self.period_start
        end = self.end_date if self.end_date is not None else self.period_end
        return start, end

    def holds_on(self, day: str) -> bool:
        """Whether the membership holds on ``day`` (ISO ``YYYY-MM-DD``), first and last day included.

        A partial date covers its whole year or month: a membership ending
        ``2016`` still holds on ``2016-12-31``.

        Examples
        --------
        >>> m = Membership(person="p", organisation="g", start_date="2012-05", end_date="2016")
        >>> m.holds_on("2012-05-01"), m.holds_on("2012-04-30"), m.holds_on("2016-12-31")
        (True, False, True)
        """
        start, end = self.dates()
        if start is not None and day < start:
            return False
        return end is None or day <= end + "-12-31"[len(end) - 4 :]


class Document(_Model):
    """A whole organisation file."""

    orggraph: Literal[1] = Field(1, description="Format version.")
    organisation: Organisation
    sources: tuple[Source, ...] = ()
    units: tuple[Unit, ...] = ()
    posts: tuple[Post, ...] = ()
    reporting_lines: tuple[ReportingLine, ...] = ()
    groups: tuple[Group, ...] = ()
    forums: tuple[Forum, ...] = ()
    topics: tuple[Topic, ...] = ()
    decision_rules: tuple[DecisionRule, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    events: tuple[Event, ...] = ()
    declared_counts: tuple[DeclaredCount, ...] = ()
    people: tuple[Person, ...] = Field((), description="People (imports such as Popolo): nodes of kind 'person'.")
    memberships: tuple[Membership, ...] = Field((), description="People's (dated) memberships of groups and forums.")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the YAML/JSON organisation format.

    Point an editor's YAML language server at it for validation and completion.

    Examples
    --------
    >>> schema = json_schema()
    >>> schema["title"], "posts" in schema["properties"]
    ('Document', True)
    """
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def json_schema_text() -> str:
    """The JSON Schema as indented JSON text.

    Examples
    --------
    >>> json_schema_text().startswith("{")
    True
    """
    return json.dumps(json_schema(), indent=2, ensure_ascii=False)
