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
import weakref
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

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
    "ForEachHolder",
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

MAX_COUNT = 1_000_000_000
"""The largest count or amount the format takes (people, units, goals, meetings, hours): no organisation is larger."""

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
"""A whole count: 0 to :data:`MAX_COUNT`."""

Amount = Annotated[float, Field(ge=0, le=MAX_COUNT, allow_inf_nan=False)]
"""A finite amount (full-time equivalents, hours, occurrences): 0 to :data:`MAX_COUNT`."""

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def _real_date(text: str) -> str:
    """Check that ISO text (``2016``, ``2016-03``, ``2016-03-10``) names a day, month or year of the calendar."""
    parts = [int(part) for part in text.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date of the calendar ({error})") from None
    return text


DateText = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(_real_date)]
"""A date as ISO 8601 text in ASCII digits, possibly partial: ``2016``, ``2016-03`` or ``2016-03-10``."""


def first_day(date: str) -> str:
    """The first day a possibly partial ISO date covers.

    Examples
    --------
    >>> first_day("2016"), first_day("2016-03"), first_day("2016-03-10")
    ('2016-01-01', '2016-03-01', '2016-03-10')
    """
    return date + "-01-01"[len(date) - 4 :]


def last_day(date: str) -> str:
    """The last day a possibly partial ISO date covers (as text that sorts right: ``2016-02-31``).

    Examples
    --------
    >>> last_day("2016"), last_day("2016-02"), last_day("2016-03-10")
    ('2016-12-31', '2016-02-31', '2016-03-10')
    """
    return date + "-12-31"[len(date) - 4 :]


Integer = Annotated[int, Field(ge=-(2**53), le=2**53)]
"""An integer value (attributes, conditions): at most 2**53 either way, so that it converts to a float exactly."""


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

    document: Id = Field(description="Id of an entry in `sources`. Example: `handbook`.")
    section: Id | None = Field(
        None, description=("Id of a section of that document (one of its `sections`). Example: `s8-kompetence`.")
    )
    quote: Text | None = Field(None, description="The words the fact rests on, verbatim, in the document's language.")

    @model_validator(mode="wrap")
    @classmethod
    def _shared(cls, data: Any, handler: ModelWrapValidatorHandler[Citation]) -> Citation:
        """One object for equal citations: a document cites a handful of sections from thousands of items.

        Citations are frozen, so sharing one object changes nothing but the
        memory (about 450 bytes an item at 100 000 posts).
        """
        citation = handler(data)
        key = (citation.document, citation.section, citation.quote)
        return _CITATIONS.setdefault(key, citation)


_CITATIONS: weakref.WeakValueDictionary[tuple[str, str | None, str | None], Citation] = weakref.WeakValueDictionary()
"""The citations alive, by their fields (see ``Citation._shared``)."""


class _Item(_Model):
    """Fields every addressable item has."""

    id: Id = Field(
        description=(
            "The item's id: any text without leading or trailing white space, unique across "
            "the whole file (posts, units, groups, forums, topics, rules, ... share one "
            "namespace). Other items refer to it by this id. Lowercase ASCII slugs read best,"
            " e.g. `finance-director`."
        )
    )
    name: Text = Field(description=("The name people use, in the document's language. Example: `Finance Director`."))
    aliases: tuple[Text, ...] = Field(
        (),
        description=(
            "Other names to find the item by (e.g. English ones, abbreviations): `find` and "
            "`resolve` match them. Example: `[CFO]`."
        ),
    )
    description: Text | None = Field(None, description="Free text: what the item is, and what the source leaves open.")
    source: Citation | None = Field(
        None,
        description=(
            "Where the item comes from: a citation `{document: <source id>, section: <section"
            ' id>, quote: "..."}`, not a bare source id.'
        ),
    )


class Section(_Model):
    """A section of a source document."""

    id: Id = Field(description=("The section's id, unique within its source; citations give it as `section`."))
    title: Text = Field(
        description=(
            "The section's heading as the document gives it. Example: `8. Personaleadministrativ kompetencefordeling`."
        )
    )


class Source(_Model):
    """A document the data is taken from."""

    id: Id = Field(description="The source's id, unique in the file; citations give it as `document`.")
    title: Text = Field(description="The document's title.")
    publisher: Text | None = Field(None, description="Who issued the document.")
    date: Text | None = Field(None, description="Publication date as the document gives it.")
    location: Text | None = Field(None, description="File path or URL.")
    sections: tuple[Section, ...] = Field(
        (), description=("The document's sections that citations point at: a list of `{id, title}`.")
    )


class Organisation(_Model):
    """The organisation the file describes."""

    id: Id = Field(description="The organisation's id (a slug). Example: `acme`.")
    name: Text = Field(description="The organisation's name, shown as the `Org`'s title.")
    aliases: tuple[Text, ...] = Field((), description="Other names of the organisation.")
    description: Text | None = Field(None, description="Free text about the organisation.")
    as_of: DateText | None = Field(
        None, description="The date the description holds for: `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`)."
    )
    source: Citation | None = Field(
        None, description=("Where the organisation is described: a citation `{document, section, quote}`.")
    )
    grade_scale: tuple[Text, ...] = Field(
        (),
        description=(
            "The organisation's own grades, most senior first, e.g. `[Director, Head, Senior, Officer]`; every "
            "post's `grade` must then be one of them. Without it, UK civil service grades are recognised "
            "and others placed by pay (see `orggraph.grades`)."
        ),
    )


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

    kind: UnitKind = Field(
        "other",
        description=(
            "What kind of unit: political_body, committee, executive_board (a direktion), "
            "directorate, centre, department, section, secretariat, staff_function, "
            "institution, team, organisation (the whole) or other (the default). Drawing and "
            "lint use it."
        ),
    )
    parent: Id | None = Field(None, description="The enclosing unit.")
    head: Id | None = Field(None, description="The post that heads the unit.")
    count: Count | Unknown = Field(
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
    unit: Id | None = Field(None, description="Id of the unit the post sits in.")
    headcount: Count | Amount | Unknown = Field(
        1, description="People the post stands for; a float for full-time equivalents (FTE) from imports."
    )
    headcount_approx: bool = Field(False, description="The head count is approximate ('ca. 130').")
    holders: tuple[Text, ...] = Field((), description="Named people holding the post.")
    vacant: bool = Field(False, description="The post exists but nobody holds it now.")
    reports_to: Id | None = Field(
        None,
        description="The line manager: a post, or a unit/group when the source names only a body.",
    )
    reports_to_one_of: tuple[Id, ...] = Field(
        (),
        description=(
            "The line manager is one of these posts, and the source does not say which "
            "(at least two; instead of 'reports_to')."
        ),
    )
    top: bool = Field(False, description="A root of the reporting structure (no manager by design).")
    manager_unknown: bool = Field(
        False,
        description="The source implies a line manager but does not say who: no 'reports_to', and not 'top'.",
    )
    political: bool = Field(False, description="An elected or political post.")
    staff: bool = Field(False, description="A staff/assistant post, kept out of spans of control.")
    junior: bool = Field(False, description="An aggregate of junior staff (imports).")
    grade: Text | None = Field(None, description="Pay grade or band, as the source gives it.")
    attributes: dict[str, str | Integer | float | bool | None] = Field(
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

    post: Id = Field(description="Id of the post the line starts at.")
    to: Id = Field(description="Id of the post, unit or group the line goes to.")
    kind: LineKind = Field(
        "dotted",
        description=(
            "`dotted` (a secondary line manager), `accountable_to` (answers to, e.g. a "
            "committee) or `advises`. The primary line is the post's `reports_to`, not a "
            "reporting line."
        ),
    )
    description: Text | None = Field(None, description="Free text about the line.")
    source: Citation | None = Field(
        None, description="Where the line comes from: a citation `{document, section, quote}`."
    )
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
    reporting_to: Id | None = Field(
        None,
        description=(
            "Only posts whose chain of command passes this post. Where a manager above is one of several "
            "(`reports_to_one_of`), a post below this one in some readings only is a possible member."
        ),
    )

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

    kind: Literal["body", "group", "political_body", "committee"] = Field(
        "body",
        description=(
            "`body` (the default: a named set of posts acting together), `group`, `political_body` or `committee`."
        ),
    )
    members: tuple[Id, ...] = Field((), description="Posts, groups or units.")
    rule: GroupRule | None = Field(
        None,
        description=(
            "Members given by a rule instead of (or besides) a list: `{post_types: "
            "[director]}`, `{heads_of_unit_kinds: [centre]}`, `{within: <unit>}`, "
            "`{reporting_to: <post>}`; a post must match every criterion given."
        ),
    )


class Chair(_Model):
    """Who chairs: a fixed post, or a rotation among several."""

    post: Id | None = Field(None, description="Id of the post that chairs. Example: `{post: ceo}`.")
    rotating_among: tuple[Id, ...] = Field((), description="Posts, groups or units whose posts take turns.")
    description: Text | None = Field(None, description="Free text about the chairing, e.g. how the rotation works.")

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

    every: Annotated[float, Field(gt=0, le=MAX_COUNT)] | None = Field(
        None,
        description=(
            "With `unit`: one meeting every this many units. Example: `{every: 2, unit: weeks}` for fortnightly."
        ),
    )
    unit: Period | None = Field(None, description="The unit of `every`: days, weeks, months or years.")
    per_year: Amount | None = Field(None, description="Occurrences a year. Example: `{per_year: 4}` for quarterly.")
    per_year_max: Amount | None = Field(
        None,
        description=(
            "With `per_year`: the upper end of a range the source gives ('1-2 times a year': "
            "`{per_year: 1, per_year_max: 2}`)."
        ),
    )
    ad_hoc: bool = Field(False, description="`true`: held when needed, with no regular cadence (`{ad_hoc: true}`).")
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

    name: Text | None = Field(
        None, description=("The series' name when a forum has several kinds of meeting. Example: `Spring seminar`.")
    )
    cadence: Cadence = Field(
        description=(
            "How often the meetings are held, a mapping in one of four forms: `{every: 2, "
            'unit: weeks}`, `{per_year: 4}`, `{ad_hoc: true}` or `{unspecified: "<the '
            "source's words>\"}`; not a word such as `weekly`."
        )
    )
    hours: Annotated[float, Field(gt=0, le=MAX_COUNT)] | None = Field(None, description="Typical length in hours.")
    hours_max: Annotated[float, Field(gt=0, le=MAX_COUNT)] | None = Field(
        None, description="With `hours`: the upper end of a range of lengths."
    )
    overnight: bool = Field(False, description="The meeting runs over a night (a 24-hour seminar).")
    attendance: Literal["expected", "voluntary"] | None = Field(
        None, description="`expected` or `voluntary`, when the source says."
    )
    quarter: tuple[Annotated[int, Field(ge=1, le=4)], ...] = Field(
        (), description=("The quarters (1-4) the meetings fall in, when the source says. Example: `[2, 4]`.")
    )
    description: Text | None = Field(None, description="Free text about the meetings.")
    source: Citation | None = Field(
        None, description=("Where the meetings are described: a citation `{document, section, quote}`.")
    )


class Guest(_Model):
    """A post or body that takes part in (part of) a forum without being a member."""

    id: Id = Field(description="Id of the post, group or unit that attends as a guest.")
    part: Text | None = Field(None, description="Which part of the meeting, in the source's words.")
    source: Citation | None = Field(None, description="Where the guest's attendance is described: a citation.")


ConstraintKind = Literal["no_managers", "managers_only", "other"]


class ForumConstraint(_Model):
    """A condition on who may take part."""

    kind: ConstraintKind = Field(
        description=(
            "`no_managers` (members must not be managers), `managers_only` or `other` (say "
            "what in `description`). Lint checks the first two against the members."
        )
    )
    description: Text | None = Field(None, description="The condition in words.")
    source: Citation | None = Field(None, description="Where the condition is stated: a citation.")


class ForEachHolder(_Model):
    """A forum held once per holder of some posts (or per holder and report): a template of meeting series.

    ``{holders: [d1, d2, d3], series: area}`` is one series per holder with the
    holder and the holder's direct reports ("afholdes for hvert
    direktørområde"); ``series: pair`` is one series per holder and report (a
    1:1 meeting). Reports whose manager is one of several candidates
    (``reports_to_one_of``) are possible members only.
    """

    holders: tuple[Id, ...] = Field(
        min_length=1,
        description=(
            "Ids of the posts that each hold a series, one person each (`headcount: 1`). "
            "Example: `[kommunaldirektoer, direktoer-2, direktoer-3]`."
        ),
    )
    series: Literal["area", "pair"] = Field(
        "area",
        description=(
            "`area` (the default): one series per holder, with the holder and the holder's direct reports; "
            "`pair`: one series per holder and direct report (a 1:1 meeting). The forum's own `members` join "
            "every series."
        ),
    )
    series_name: Text | None = Field(
        None,
        description=(
            "The name of one series, completed with the holder (and report) in brackets; the forum's name "
            "by default. Example: `Chefmøde på direktørområdet`."
        ),
    )
    description: Text | None = Field(None, description="Free text about the series.")
    source: Citation | None = Field(
        None, description="Where the source says the forum is held per holder: a citation `{document, section, quote}`."
    )


class Forum(_Item):
    """A meeting series: members, chair, owner, cadence, purpose."""

    kind: Literal["meeting", "seminar", "one_to_one", "working_group", "network", "other"] = Field(
        "meeting", description=("meeting (the default), seminar, one_to_one, working_group, network or other.")
    )
    members: tuple[Id, ...] = Field((), description="Posts, groups or units (expanded to their posts).")
    guests: tuple[Guest, ...] = Field(
        (),
        description=(
            "Who takes part without being a member: a list of `{id, part}`. Example: `[{id: "
            "chair, part: the first item}]`."
        ),
    )
    chair: Chair | None = Field(
        None, description=("Who chairs: a mapping `{post: <post id>}` or `{rotating_among: [<ids>]}`, not a bare id.")
    )
    owner: Id | None = Field(
        None, description=("Id of the post (or body) that owns the forum: sets it up and is answerable for it.")
    )
    established_by: Id | None = Field(None, description="Id of the post or body that set the forum up.")
    part_of: Id | None = Field(None, description="A forum this one belongs to.")
    meetings: tuple[MeetingSeries, ...] = Field(
        (),
        description=(
            "The forum's meetings: a list of meeting series, each with a `cadence` and "
            "optionally `hours`. Example: `[{cadence: {every: 2, unit: weeks}, hours: 1.5}]`."
        ),
    )
    agenda: bool | Unknown = Field(
        "unknown",
        description=(
            "Whether the meetings have an agenda: true, false or `unknown` (the default: the source does not say)."
        ),
    )
    minutes: bool | Unknown = Field(
        "unknown", description="Whether minutes are taken: true, false or `unknown` (the default)."
    )
    agenda_items_from: tuple[Id, ...] = Field((), description="Who proposes agenda items.")
    prepared_by: tuple[Id, ...] = Field((), description="Ids of the posts or bodies that prepare the meetings.")
    purposes: tuple[Text, ...] = Field(
        (), description="What the forum is for, in the source's words; one entry per purpose."
    )
    focus: tuple[Text, ...] = Field((), description="Subjects the forum concentrates on, in the source's words.")
    constraints: tuple[ForumConstraint, ...] = Field(
        (), description="Conditions on who may take part, e.g. `[{kind: no_managers}]`."
    )
    time_share: tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]] | None = Field(
        None, description="Share of members' working time (low, high), e.g. (0.10, 0.15)."
    )
    for_each: ForEachHolder | None = Field(
        None,
        description=(
            "Held once per holder of some posts: `{holders: [<post ids>], series: area}` (each holder with "
            "their reports) or `series: pair` (each holder with one report). The graph gets one forum per "
            "series, id `<forum id>/<holder>` (`/<report>` for a pair), `part_of` this forum."
        ),
    )


class RoleAssignment(_Model):
    """A post, body or forum holding a role on a topic."""

    role: Role = Field(
        description=(
            "The role: decides, responsible, prepares, qualifies, implements, consulted or "
            "informed (a RACI-like vocabulary; `decides` answers `who_decides` when no "
            "decision rule applies)."
        )
    )
    holder: Id = Field(description="Id of the post, group, unit or forum holding the role. Example: `cfo`.")
    shared: bool = Field(
        False,
        description=(
            "`true`: the holder takes part in the role with others the source does not name, e.g. 'være "
            "med til at træffe' beslutninger: it takes part in the decision and does not decide alone."
        ),
    )
    description: Text | None = Field(None, description="Free text about the assignment.")
    source: Citation | None = Field(
        None, description=("Where the assignment is stated, when not the topic's own citation: a citation.")
    )


class Topic(_Item):
    """A responsibility or decision area, with who holds which role."""

    parent: Id | None = Field(None, description="Id of a broader topic this one belongs to.")
    roles: tuple[RoleAssignment, ...] = Field(
        (),
        description=(
            "Who holds which role on the topic: a list of `{role, holder}`. Example: `[{role:"
            " decides, holder: board}, {role: prepares, holder: cfo}]`."
        ),
    )


class Condition(_Model):
    """A test on an attribute of the subject a rule is evaluated for."""

    attr: Id = Field(
        description=("The subject attribute to test, e.g. `duration_years`, or a post field such as `type` or `unit`.")
    )
    op: Literal["eq", "ne", "gt", "ge", "lt", "le", "in"] = Field(
        "eq",
        description=(
            "The comparison, as a word: eq (=), ne (!=), gt (>), ge (>=), lt (<), le (<=) or "
            "in (one of a list). Default `eq`."
        ),
    )
    value: str | Integer | float | bool | tuple[str | Integer | float | bool, ...] = Field(
        description=("What the attribute is compared with: text, a number, true/false, or a list for `in`.")
    )


Relation = Literal["manager_of_subject", "manager_of_decider", "subject"]


class Selector(_Model):
    """Whom a rule names: fixed ids, or a relation to the subject or decider."""

    ids: tuple[Id, ...] = Field((), description="Posts, groups, units or forums.")
    relation: Relation | None = Field(
        None,
        description=(
            "A relation instead of fixed ids: `manager_of_subject` (the subject's line "
            "manager, `levels` up), `manager_of_decider` (for `approves`: the decider's "
            "manager) or `subject` (the subject post itself)."
        ),
    )
    levels: Annotated[int, Field(ge=1, le=MAX_COUNT)] = Field(1, description="How many management levels up.")
    one_of: bool = Field(
        False,
        description=(
            "`true` with `ids`: one of these decides and the source does not say which, e.g. 'the "
            "director of the subject's area' when the areas are not given (`{ids: [d1, d2, d3], one_of: "
            "true}`); without it, every id named takes part."
        ),
    )

    @model_validator(mode="after")
    def _one_form(self) -> Selector:
        if bool(self.ids) == (self.relation is not None):
            raise ValueError("give either 'ids' or 'relation'")
        if self.one_of and len(set(self.ids)) < 2:
            raise ValueError("'one_of: true' needs at least two 'ids' (the alternatives)")
        return self


class DecisionRule(_Item):
    """Who decides a topic, possibly relative to the structure and to the subject.

    Rules for a topic are tried in order; the first whose conditions hold applies.
    """

    topic: Id = Field(description="Id of the topic the rule decides.")
    rule: Text = Field(description="The rule in words.")
    subject_types: tuple[Text, ...] = Field((), description="Applies when the subject post has one of these types.")
    when: tuple[Condition, ...] = Field(
        (),
        description=(
            "Conditions on the subject's attributes, e.g. `[{attr: amount, op: gt, value: "
            "100000}]`; with `match` all or any of them must hold."
        ),
    )
    match: Literal["all", "any"] = Field(
        "all", description=("`all` (the default): every condition in `when` must hold; `any`: one is enough.")
    )
    decides: Selector = Field(
        description=(
            "Who decides: a mapping `{ids: [<post, group, unit or forum ids>]}` or "
            "`{relation: manager_of_subject}`, not a bare id."
        )
    )
    approves: Selector | None = Field(
        None,
        description=(
            "Who approves the decision, in the same form as `decides`, e.g. `{relation: "
            "manager_of_decider}` for 'approved one level up'."
        ),
    )
    may_delegate_to: tuple[Id, ...] = Field(
        (), description="Ids of the posts or bodies the deciders may delegate the decision to."
    )
    consults: tuple[Id, ...] = Field((), description="Ids of the posts or bodies the deciders must consult.")


class Goal(_Model):
    """A goal of an agreement."""

    name: Text = Field(description="The goal in words.")
    cross_cutting: bool = Field(
        False, description=("The goal is shared across units (lint checks an instrument's `cross_cutting_share_min`).")
    )


class Agreement(_Model):
    """One concrete instance of an instrument (e.g. one afdelingsaftale)."""

    id: Id = Field(description="The agreement's id, unique in the file.")
    name: Text | None = Field(None, description="The agreement's name.")
    parties: tuple[Id, ...] = Field((), description="Ids of the posts, groups or units party to it.")
    year: Annotated[int, Field(ge=1, le=9999)] | None = Field(None, description="The year it is for.")
    goals: tuple[Goal, ...] = Field((), description="Its goals: a list of `{name, cross_cutting}`.")
    source: Citation | None = Field(None, description="Where the agreement is described: a citation.")


class Instrument(_Item):
    """A governance instrument: vision, strategy, policy, plan, agreement."""

    kind: Literal["vision", "strategy", "policy", "plan", "agreement", "theme", "programme", "other"] = Field(
        description="vision, strategy, policy, plan, agreement, theme, programme or other."
    )
    owner: tuple[Id, ...] = Field((), description="Who formulates or owns it.")
    consults: tuple[Id, ...] = Field((), description="Ids of the posts or bodies consulted when it is made.")
    parties: tuple[Id, ...] = Field((), description="For agreements: the parties (posts, groups or units).")
    based_on: tuple[Id, ...] = Field(
        (), description="Ids of the instruments it builds on (e.g. a plan based on a strategy)."
    )
    cadence: Cadence | None = Field(
        None,
        description=(
            "How often it is renewed, in the same form as a meeting's cadence: `{every: 4, "
            "unit: years}`, `{per_year: 1}`, ..."
        ),
    )
    period_years: tuple[Amount, Amount] | None = Field(
        None, description="How many years it runs, as a range [low, high]. Example: `[2, 4]`."
    )
    goals_min: Count | None = Field(None, description="The least number of goals an agreement of this kind must have.")
    goals_max: Count | None = Field(None, description="The most goals an agreement of this kind may have.")
    cross_cutting_share_min: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description=("The least share (0-1) of an agreement's goals that must be cross-cutting. Example: `0.5`.")
    )
    count: Count | None = Field(None, description="How many exist, when the source says (e.g. 3 strategies).")
    count_max: Count | None = Field(
        None, description="The upper end of a range the source gives ('2-3 temaer': count 2, count_max 3)."
    )
    instances: tuple[Agreement, ...] = Field(
        (), description=("Concrete agreements of this instrument: a list of `{id, parties, year, goals}`.")
    )

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

    quarter: Annotated[int, Field(ge=1, le=4)] | None = Field(
        None, description=("The quarter (1-4) of the year the event falls in; give it, `month`, or both.")
    )
    month: Annotated[int, Field(ge=1, le=12)] | None = Field(
        None, description=("The month (1-12), when the source says; must lie in `quarter` if both are given.")
    )
    forum: Id | None = Field(None, description="Id of the forum where it happens.")
    topic: Id | None = Field(None, description="Id of the topic it concerns.")
    instrument: Id | None = Field(None, description="Id of the instrument it concerns.")

    @model_validator(mode="after")
    def _when(self) -> Event:
        if self.quarter is None and self.month is None:
            raise ValueError("an event needs a 'quarter' or a 'month'")
        if self.quarter is not None and self.month is not None and (self.month - 1) // 3 + 1 != self.quarter:
            raise ValueError("'month' is not in 'quarter'")
        return self


class DeclaredCount(_Model):
    """A count the source states, checked against the data by lint ('nine centres')."""

    id: Id = Field(description="The count's id, unique in the file.")
    description: Text = Field(description="What is counted, in words. Example: `nine centres`.")
    count: Count = Field(description="The number the source states.")
    approx: bool = Field(False, description="The source says 'ca.': lint allows ±10 %.")
    of: Literal["posts", "units", "members"] = Field(
        description=(
            "What is counted: `posts` (people in posts, optionally of `post_type`), `units` "
            "(optionally of `unit_kind`) or `members` (of `collective`)."
        )
    )
    post_type: Text | None = Field(None, description="For `of: posts`: count only posts of this type.")
    unit_kind: UnitKind | None = Field(None, description="For `of: units`: count only units of this kind.")
    collective: Id | None = Field(
        None,
        description="For 'members': the group, forum or unit counted (a unit: its posts and those of units below it).",
    )
    source: Citation | None = Field(None, description="Where the count is stated: a citation.")


class Person(_Item):
    """A person, e.g. a member of a legislature (imports such as Popolo); a node of kind ``person``."""

    birth_date: DateText | None = Field(None, description="Date of birth: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.")
    death_date: DateText | None = Field(None, description="Date of death: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.")
    gender: Text | None = Field(None, description="As the source gives it.")
    attributes: dict[str, str | Integer | float | bool | None] = Field(
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

    person: Id = Field(description="Id of the person (an entry of `people`).")
    organisation: Id = Field(description="The group or forum the person is a member of.")
    role: Text | None = Field(
        None, description=("The person's role in the group, as the source words it. Example: `chair`.")
    )
    on_behalf_of: Id | None = Field(None, description="The group (e.g. a party) the person is a member for.")
    start_date: DateText | None = Field(None, description="The membership's own first day.")
    end_date: DateText | None = Field(None, description="The membership's own last day.")
    legislative_period: Text | None = Field(
        None, description="The legislative period, as the source identifies it (e.g. 'term/31')."
    )
    period_start: DateText | None = Field(None, description="The legislative period's first day.")
    period_end: DateText | None = Field(None, description="The legislative period's last day.")
    area: Text | None = Field(None, description="The area (e.g. constituency) the person represents.")
    source: Citation | None = Field(None, description="Where the membership is recorded: a citation.")
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

    @model_validator(mode="after")
    def _ends_after_start(self) -> Membership:
        for start, end, names in [
            (self.start_date, self.end_date, "'end_date' is before 'start_date'"),
            (self.period_start, self.period_end, "'period_end' is before 'period_start'"),
        ]:
            if start is not None and end is not None and last_day(end) < first_day(start):
                raise ValueError(f"{names} ({end} < {start})")
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

        Parameters
        ----------
        day : str
            An ISO date, ``YYYY-MM-DD``.

        Examples
        --------
        >>> m = Membership(person="p", organisation="g", start_date="2012-05", end_date="2016")
        >>> m.holds_on("2012-05-01"), m.holds_on("2012-04-30"), m.holds_on("2016-12-31")
        (True, False, True)
        """
        start, end = self.dates()
        if start is not None and day < start:
            return False
        return end is None or day <= last_day(end)


class Document(_Model):
    """A whole organisation file."""

    orggraph: Literal[1] = Field(1, description="Format version.")
    organisation: Organisation = Field(description="The organisation the file describes: `{id, name}` at least.")
    sources: tuple[Source, ...] = Field(
        (), description=("The documents the facts come from, each with the sections citations point at.")
    )
    units: tuple[Unit, ...] = Field(
        (), description=("Organisational units: directorates, departments, centres, the political level, ...")
    )
    posts: tuple[Post, ...] = Field(
        (),
        description=(
            "Positions, with their line manager (`reports_to`); one entry may stand for "
            "several identical positions (`headcount`)."
        ),
    )
    reporting_lines: tuple[ReportingLine, ...] = Field(
        (), description=("Secondary lines besides `reports_to`: dotted lines, accountability, advice.")
    )
    groups: tuple[Group, ...] = Field(
        (), description=("Named sets of posts (bodies such as a management team), listed or given by a rule.")
    )
    forums: tuple[Forum, ...] = Field(
        (), description="Meeting series: members, chair, owner, cadence and length, purpose."
    )
    topics: tuple[Topic, ...] = Field(
        (), description="Responsibility and decision areas, with who holds which role on each."
    )
    decision_rules: tuple[DecisionRule, ...] = Field(
        (),
        description=(
            'Who decides a topic, possibly relative to the subject ("the manager of the '
            'person hired decides"); tried in order.'
        ),
    )
    instruments: tuple[Instrument, ...] = Field(
        (), description=("Governance instruments: visions, strategies, policies, plans, agreements.")
    )
    events: tuple[Event, ...] = Field(
        (), description=("Entries of the annual wheel (årshjul): what happens in which quarter or month.")
    )
    declared_counts: tuple[DeclaredCount, ...] = Field(
        (), description=("Counts the source states ('nine centres'), checked against the data by lint.")
    )
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
    schema: dict[str, Any] = _canonical(Document.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


_BOUNDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_CONST_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def _canonical(schema: Any) -> Any:
    """The schema in one form, whatever the pydantic release.

    Pydantic 2.6 to 2.14 write the same model with ``allOf: [{$ref}]`` or a bare ``$ref``, bounds
    as ``0.0`` or ``0``, ``const`` with or without its ``type``.

    Examples
    --------
    >>> _canonical({"allOf": [{"$ref": "#/$defs/A"}], "description": "d", "maximum": 1.0, "const": "x"})
    {'description': 'd', 'maximum': 1, 'const': 'x', '$ref': '#/$defs/A', 'type': 'string'}
    """
    if isinstance(schema, list):
        return [_canonical(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: _canonical(value) for key, value in schema.items() if key != "allOf"}
    parts = schema.get("allOf")
    if isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], dict) and set(parts[0]) == {"$ref"}:
        result["$ref"] = parts[0]["$ref"]
    elif parts is not None:
        result["allOf"] = _canonical(parts)
    for key in _BOUNDS & result.keys():
        if isinstance(result[key], float) and result[key].is_integer():
            result[key] = int(result[key])
    if "const" in result and "type" not in result and type(result["const"]) in _CONST_TYPES:
        result["type"] = _CONST_TYPES[type(result["const"])]
    return result


def json_schema_text() -> str:
    """The JSON Schema as indented JSON text.

    Examples
    --------
    >>> json_schema_text().startswith("{")
    True
    """
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True)
