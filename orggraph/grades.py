"""Grades: an ordered scale per source, and the grade mix of units, layers and managers.

A post's ``grade`` is free text as its source spells it. :func:`grade_scale`
reads every grade of an organisation and orders them, most senior first:

- the UK Senior Civil Service, SCS4 > SCS3 > SCS2 > SCS1A > SCS1, whatever the
  spelling (``SCS Pay Band 1``, ``SCS 2``, ``scs1a``);
- the delegated grades of the Civil Service, G6 > G7 > SEO > HEO > EO > AO > AA,
  by their usual names and spellings (``Grade 7``, ``A2 (G7)``, ``Higher
  Officer``, ``Admin Assistant``); fast-stream trainees sit just below HEO;
- any other grade (a department's own pay bands, ``Range D``, ``PB4``) by the
  pay the data gives it: the median of the posts' ``pay_min`` (the organogram
  importer's ``Payscale Minimum``) places it among the others; a grade with
  no pay comes last, in alphabetical order.

A custom scale (a list of grades, most senior first, e.g. from a YAML file or
a column) replaces the reading: ``grade_scale(org, levels=[...])``.

Examples
--------
>>> scale = GradeScale.civil_service()
>>> scale.level("SCS Pay Band 2"), scale.level("A2 (G7)"), scale.level("Higher Officer")
('SCS2', 'G7', 'HEO')
>>> scale.rank("SCS2") > scale.rank("SCS1A") > scale.rank("Grade 6")
True
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from orggraph.errors import OptionError
from orggraph.hierarchy import hierarchy

if TYPE_CHECKING:
    import pandas as pd

    from orggraph.org import Org

__all__ = ["GradeScale", "grade_mix", "grade_scale", "grade_table", "with_grades"]

GroupBy = Literal["unit", "layer", "manager"]

# (pattern, level), most senior first; searched in a parenthesis first ("A2 (G7)"), then in the whole text.
_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), level)
    for pattern, level in (
        (r"\bscs\s*(?:pay\s*band\s*)?4\b", "SCS4"),
        (r"\bscs\s*(?:pay\s*band\s*)?3\b", "SCS3"),
        (r"\bscs\s*(?:pay\s*band\s*)?2\b", "SCS2"),
        (r"\bscs\s*(?:pay\s*band\s*)?1\s*a\b", "SCS1A"),
        (r"\bscs\s*(?:pay\s*band\s*)?1\b", "SCS1"),
        (r"^(?:g|grade)\s*6$|\(\s*(?:g|grade)\s*6\s*\)|\bgrade\s*6\b", "G6"),
        (r"^(?:g|grade)\s*7$|\(\s*(?:g|grade)\s*7\s*\)|\bgrade\s*7\b", "G7"),
        (r"^seo$|\(\s*seo\s*\)|^senior (?:executive )?officer$", "SEO"),
        (r"^heo$|\(\s*heo\s*\)|^higher (?:executive )?officer$", "HEO"),
        (r"fast\s*stream", "HEO (fast stream)"),
        (r"^eo$|\(\s*eo\s*\)|^(?:executive )?officer$", "EO"),
        (r"^ao$|\(\s*ao\s*\)|^(?:assistant|administrative) officer$", "AO"),
        (r"^aa$|\(\s*aa\s*\)|^admin(?:istrative)? assistant$", "AA"),
    )
)
STANDARD_LEVELS: tuple[str, ...] = tuple(level for _, level in _LEVELS)
"""The UK Civil Service grades :class:`GradeScale` knows, most senior first."""


def _standard_level(grade: str) -> str | None:
    text = " ".join(grade.split())
    for pattern, level in _LEVELS:
        if pattern.search(text):
            return level
    return None


@dataclass(frozen=True)
class GradeScale:
    """Grades in order, most senior first, and how the spellings in the data map onto them.

    Parameters
    ----------
    levels : tuple of str
        The grades, most senior first.
    spellings : dict of str to str
        A grade as the data spells it -> its level (a level maps to itself).
    read_standard : bool
        Read the UK Civil Service spellings too (``Grade 7`` -> ``G7``).

    Examples
    --------
    >>> scale = GradeScale(("Range E", "Range D"))
    >>> scale.rank("Range E"), scale.rank("Range D"), scale.rank("Range Z")
    (1, 0, None)
    """

    levels: tuple[str, ...]
    spellings: dict[str, str] = field(default_factory=dict)
    read_standard: bool = False

    @classmethod
    def civil_service(cls) -> GradeScale:
        """The UK Civil Service scale alone (see :data:`STANDARD_LEVELS`), reading its usual spellings.

        Examples
        --------
        >>> GradeScale.civil_service().levels[:3]
        ('SCS4', 'SCS3', 'SCS2')
        """
        return cls(STANDARD_LEVELS, read_standard=True)

    def level(self, grade: object) -> str | None:
        """The level a grade (as the data spells it) stands for; None when the scale does not know it.

        Parameters
        ----------
        grade : object
            A grade as the data spells it (text, or a number such as ``7``).

        Examples
        --------
        >>> GradeScale.civil_service().level("Assistant Officer"), GradeScale.civil_service().level("Band T")
        ('AO', None)
        """
        if not isinstance(grade, str) or not grade.strip():
            return None
        text = " ".join(grade.split())
        if text in self.spellings:
            return self.spellings[text]
        if text in self.levels:
            return text
        if self.read_standard:
            level = _standard_level(text)
            if level in self.levels:
                return level
        return None

    def rank(self, grade: object) -> int | None:
        """Seniority: higher is more senior (the lowest level is 0); None for a grade off the scale.

        Parameters
        ----------
        grade : object
            A grade as the data spells it (text, or a number such as ``7``).

        Examples
        --------
        >>> GradeScale.civil_service().rank("SCS4") - GradeScale.civil_service().rank("SCS3")
        1
        """
        level = self.level(grade)
        return None if level is None else len(self.levels) - 1 - self.levels.index(level)

    def dtype(self) -> pd.CategoricalDtype:
        """An ordered categorical dtype in the scale's order, most senior first (so sorting puts the top first).

        Examples
        --------
        >>> list(GradeScale(("A", "B")).dtype().categories)
        ['A', 'B']
        """
        import pandas as pd  # pandas is imported when a table is made, not with orggraph

        return pd.CategoricalDtype(list(self.levels), ordered=True)


def grade_scale(org: Org, levels: Sequence[str] | None = None) -> GradeScale:
    """The grades of an organisation in order, most senior first (see the module notes).

    Parameters
    ----------
    org : Org
        The organisation.
    levels : sequence of str, optional
        A custom scale, most senior first; each grade of the data must then be
        one of these (spelled exactly, after spaces are squeezed). By default
        the organisation's own ``grade_scale`` where the file gives one.

    Returns
    -------
    GradeScale

    Raises
    ------
    OptionError
        If ``levels`` repeats a grade, or the data has a grade it does not list.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: a, name: Director, grade: SCS Pay Band 2, top: true}
    ...   - {id: b, name: Deputy, grade: SCS1, reports_to: a}
    ...   - {id: c, name: Analyst, grade: Grade 7, reports_to: b}
    ...   - {id: d, name: Clerk, grade: Band T, reports_to: b}
    ... ''')
    >>> grade_scale(org).levels
    ('SCS2', 'SCS1', 'G7', 'Band T')
    >>> grade_scale(org, levels=["SCS Pay Band 2", "SCS1", "Grade 7", "Band T"]).rank("Grade 7")
    1
    """
    grades = _grades(org)
    organisation = org.graph.graph["organisation"]
    if levels is None and organisation.grade_scale:
        levels = organisation.grade_scale
    if levels is not None:
        chosen = tuple(" ".join(str(level).split()) for level in levels)
        if len(set(chosen)) != len(chosen):
            raise OptionError(f"levels: the scale repeats a grade: {list(chosen)}")
        missing = sorted({g for g in grades.values() if g not in chosen})
        if missing:
            raise OptionError(
                f"levels: the data has grades the scale does not list: {missing}; add them to the list "
                "(most senior first)"
            )
        return GradeScale(chosen)
    spellings: dict[str, str] = {}
    pay: dict[str, list[float]] = {}
    for post, grade in grades.items():
        level = _standard_level(grade) or grade
        spellings[grade] = level
        value = org.graph.nodes[post].get("attributes", {}).get("pay_min")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            pay.setdefault(level, []).append(float(value))
    found = set(spellings.values())
    standard = [level for level in STANDARD_LEVELS if level in found]
    others = sorted(found - set(standard))
    median = {level: statistics.median(values) for level, values in pay.items()}
    placed = [(median[level], level) for level in others if level in median]
    ranked = _merge_by_pay(standard, placed, median)
    unpaid = [level for level in others if level not in median]
    return GradeScale(tuple(ranked + unpaid), spellings)


def _merge_by_pay(standard: list[str], placed: list[tuple[float, str]], median: dict[str, float]) -> list[str]:
    """The standard levels in their order with the others inserted where their pay puts them."""
    result = list(standard)
    for pay, level in sorted(placed, reverse=True):
        at = len(result)
        for i, other in enumerate(result):
            other_pay = float("inf") if other.startswith("SCS") else median.get(other)
            if other_pay is not None and other_pay < pay:
                at = i
                break
        result.insert(at, level)
    return result


def _grades(org: Org) -> dict[str, str]:
    """Post -> its grade, squeezed of extra spaces, for the posts that have one."""
    result = {}
    for post in org.nodes("post"):
        grade = org.graph.nodes[post].get("grade")
        if isinstance(grade, str) and grade.strip():
            result[post] = " ".join(grade.split())
    return result


def grade_table(org: Org, *, levels: Sequence[str] | None = None) -> pd.DataFrame:
    """Every post with its grade, its level on the scale, and its rank.

    Parameters
    ----------
    org : Org
        The organisation.
    levels : sequence of str, optional
        A custom scale (see :func:`grade_scale`).

    Returns
    -------
    pandas.DataFrame
        Indexed by post id: ``name``, ``grade`` (as the data spells it, None
        when not given), ``level`` (an ordered categorical, most senior
        first), ``rank`` (higher is more senior; NaN without a grade),
        ``junior`` (an organogram's junior staff row), ``fte`` (the head
        count; NaN when unknown), ``unit`` and ``manager``.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: a, name: Director, grade: SCS2, top: true}
    ...   - {id: b, name: Analysts, grade: HEO, headcount: 2.5, reports_to: a}
    ... ''')
    >>> grade_table(org)[["grade", "level", "rank", "fte"]]
         grade level  rank  fte
    post
    a     SCS2  SCS2     1  1.0
    b      HEO   HEO     0  2.5
    """
    import pandas as pd  # pandas is imported when a table is made, not with orggraph

    scale = grade_scale(org, levels)
    posts = org.nodes("post")
    nodes = org.graph.nodes
    grades = _grades(org)
    managers = hierarchy(org).managers
    rows = []
    for post in posts:
        attrs = nodes[post]
        grade = grades.get(post)
        count = attrs.get("headcount", 1)
        level = scale.level(grade)
        rank = scale.rank(level)
        rows.append(
            (
                attrs.get("name", post),
                grade,
                level,
                float("nan") if rank is None else rank,
                bool(attrs.get("junior")),
                float("nan") if count == "unknown" else float(count),
                attrs.get("unit"),
                managers.get(post),
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=["name", "grade", "level", "rank", "junior", "fte", "unit", "manager"],
        index=pd.Index(posts, name="post", dtype=object),
    )
    frame["level"] = frame["level"].astype(scale.dtype())
    if frame["rank"].notna().all():
        frame["rank"] = frame["rank"].astype("int64")
    return frame


def grade_mix(
    org: Org, *, by: GroupBy = "unit", levels: Sequence[str] | None = None, skipna: bool = True
) -> pd.DataFrame:
    """Posts and FTE of each grade, per unit, layer or manager.

    A post counts once however many people it stands for (an organogram's
    junior row of 27 EO FTE is one post); ``fte`` sums the head counts.

    Parameters
    ----------
    org : Org
        The organisation.
    by : {"unit", "layer", "manager"}
        Group the posts by their unit, their layer (0 = top; a junior row is
        one layer below its senior post) or their manager.
    levels : sequence of str, optional
        A custom grade scale, most senior first (see :func:`grade_scale`).
    skipna : bool, default True
        True: ``fte`` is the sum of the known head counts, and
        ``fte_unknown`` counts the posts whose head count is unknown (the sum
        is then a lower bound). False: a group with an unknown head count has
        ``fte`` NaN, as pandas' ``sum(skipna=False)``.

    Returns
    -------
    pandas.DataFrame
        Indexed by (the group, ``level``), most senior grade first within each
        group (groups sorted: layers by number, units and managers by id);
        ``level`` is an ordered categorical of the scale (posts without
        a grade are left out; :func:`grade_table` lists them). Columns
        ``posts``, ``fte`` and ``fte_unknown``. ``unstack()`` gives one
        column per grade.

    Raises
    ------
    OptionError
        If ``by`` is not one of the three.

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... units: [{id: hq, name: HQ}]
    ... posts:
    ...   - {id: a, name: Director, grade: SCS2, unit: hq, top: true}
    ...   - {id: b, name: Analysts, grade: HEO, headcount: 2.5, unit: hq, reports_to: a}
    ...   - {id: c, name: Clerks, grade: EO, headcount: unknown, unit: hq, reports_to: a}
    ... ''')
    >>> grade_mix(org, by="layer")
                 posts  fte  fte_unknown
    layer level
    0     SCS2       1  1.0            0
    1     HEO        1  2.5            0
          EO         1  0.0            1
    """
    import pandas as pd  # pandas is imported when a table is made, not with orggraph

    if by not in ("unit", "layer", "manager"):
        raise OptionError(f"by: {by!r} is not one of 'unit', 'layer', 'manager'")
    table = grade_table(org, levels=levels)
    table = table[table["level"].notna()]
    if by == "layer":
        from orggraph import metrics

        key = metrics.layers(org)["layer"].reindex(table.index)
    else:
        key = table[by]
    frame = pd.DataFrame(
        {
            by: key.to_numpy(dtype=object),
            "level": table["level"],
            "fte": table["fte"],
            "unknown": table["fte"].isna().astype("int64"),
        },
        index=table.index,
    )
    frame = frame[frame[by].notna()]
    grouped = frame.groupby([by, "level"], observed=True, sort=True)
    result = pd.DataFrame(
        {
            "posts": grouped.size().astype("int64"),
            "fte": grouped["fte"].sum(min_count=0),
            "fte_unknown": grouped["unknown"].sum().astype("int64"),
        }
    )
    if not skipna:
        result.loc[result["fte_unknown"] > 0, "fte"] = float("nan")
    return result


def with_grades(org: Org, table: pd.DataFrame, *, levels: Sequence[str] | None = None) -> pd.DataFrame:
    """A table indexed by post id (spans, layers, meeting load) with grade, level, unit, manager and layer.

    The columns ``grade``, ``level``, ``unit``, ``reports_to`` (the manager's
    id) and ``layer`` are added to a copy, after the table's own; a column
    the table already has is left as it is.

    Parameters
    ----------
    org : Org
        The organisation.
    table : pandas.DataFrame
        Indexed by post id, e.g. :meth:`Org.span_of_control`.
    levels : sequence of str, optional
        A custom grade scale (see :func:`grade_scale`).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import orggraph
    >>> org = orggraph.loads('''
    ... organisation: {id: t, name: T}
    ... posts:
    ...   - {id: a, name: Director, grade: SCS2, top: true}
    ...   - {id: b, name: Deputy, grade: SCS1, reports_to: a}
    ... ''')
    >>> table = with_grades(org, org.span_of_control())[["direct", "grade", "level", "reports_to", "layer"]]
    >>> for row in table.itertuples():
    ...     print(*(value if value is not None else "-" for value in row), sep=" | ")
    a | 1 | SCS2 | SCS2 | - | 0
    b | 0 | SCS1 | SCS1 | a | 1
    """
    import pandas as pd  # pandas is imported when a table is made, not with orggraph

    from orggraph import metrics

    grades = grade_table(org, levels=levels)
    extra = pd.DataFrame(index=table.index)
    for column, source in (("grade", "grade"), ("unit", "unit"), ("reports_to", "manager")):
        if column not in table.columns:
            values = {post: value for post, value in grades[source].items() if isinstance(value, str)}
            extra[column] = pd.Series([values.get(post) for post in table.index], index=table.index, dtype=object)
    if "level" not in table.columns:
        extra["level"] = grades["level"].reindex(table.index)
        extra = extra[[c for c in ("grade", "level", "unit", "reports_to") if c in extra.columns]]
    if "layer" not in table.columns:
        extra["layer"] = metrics.layers(org)["layer"].reindex(table.index)
    return pd.concat([table, extra], axis=1)
