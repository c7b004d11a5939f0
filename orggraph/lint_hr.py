"""HR checks of the lint (OG501-OG506): grades, vacancies, spans and where staff hang.

The checks are registered in :mod:`orggraph.lint` (documented there with the
others) and run by :func:`orggraph.lint.lint`; this module holds their logic
and their thresholds (:class:`HRThresholds`, the ``thresholds`` option of
``lint``). Grades are compared on the organisation's scale
(:func:`orggraph.grades.grade_scale`); staff rows are an organogram's junior
rows (:mod:`orggraph.staff`). Every message gives its evidence: ids, job
titles, grades and the numbers compared with the threshold.

Examples
--------
>>> import orggraph
>>> org = orggraph.loads('''
... organisation: {id: t, name: T}
... posts:
...   - {id: dg, name: Director General, grade: SCS3, reports_to: dir}
...   - {id: dir, name: Director, grade: SCS1, top: true}
... ''')
>>> print(org.lint(select=["grade-inversion"])[0].message)
post 'Director General' (dg, SCS3) outranks its manager 'Director' (dir, SCS1) on the grade scale SCS3 > SCS1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from orggraph.errors import OptionError
from orggraph.grades import grade_scale
from orggraph.hierarchy import hierarchy
from orggraph.staff import counts_in_fte, staff_of
from orggraph.text import format_number

if TYPE_CHECKING:
    from orggraph.lint import Finding, _Context
    from orggraph.org import Org

__all__ = ["HRThresholds", "has_hr_data", "hr_findings"]


def has_hr_data(org: Org) -> bool:
    """True when some post has a grade or the organisation has staff rows: the HR checks then run.

    Parameters
    ----------
    org : Org
        The organisation.

    Examples
    --------
    >>> import orggraph
    >>> has_hr_data(orggraph.example())
    False
    """
    nodes = org.graph.nodes
    return bool(staff_of(org)) or any(nodes[p].get("grade") for p in org.nodes("post"))


@dataclass(frozen=True)
class HRThresholds:
    """The limits the HR checks compare with.

    Attributes
    ----------
    max_span_posts : int, default 20
        OG503: more direct reports (posts other than staff rows) than this is a wide span.
    max_span_fte : float, default 1000
        OG503: more FTE (or people) reporting directly (posts and staff rows) than this is a wide span.
    max_top_staff_share : float, default 0.5
        OG504: a larger share of all staff-row FTE attached straight to the top posts is flagged.

    Examples
    --------
    >>> HRThresholds.of({"max_span_fte": 500}).max_span_fte
    500
    """

    max_span_posts: int = 20
    max_span_fte: float = 1000
    max_top_staff_share: float = 0.5

    @classmethod
    def of(cls, values: HRThresholds | Mapping[str, float] | None) -> HRThresholds:
        """Thresholds from a mapping of the ones to change (None: the defaults).

        Parameters
        ----------
        values : HRThresholds, mapping of str to float, or None
            Thresholds as they are, the names and values of the ones to change
            (``max_span_posts``, ``max_span_fte``, ``max_top_staff_share``), or
            None for the defaults.

        Raises
        ------
        OptionError
            If a name is not a threshold or a value is not a positive number.
        """
        if values is None:
            return cls()
        if isinstance(values, HRThresholds):
            return values
        names = [f.name for f in fields(cls)]
        for name, value in values.items():
            if name not in names:
                raise OptionError(f"thresholds: unknown threshold {name!r}; give some of {', '.join(names)}")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise OptionError(f"thresholds: {name} must be a positive number, not {value!r}")
        return cls(**values)  # type: ignore[arg-type]


def hr_findings(ctx: _Context, thresholds: HRThresholds) -> Iterator[Finding]:
    """The findings of OG501-OG506, in that order (see :mod:`orggraph.lint`).

    Parameters
    ----------
    ctx : orggraph.lint._Context
        The organisation with what the checks share, as :func:`orggraph.lint.lint`
        builds it.
    thresholds : HRThresholds
        The limits OG503 and OG504 compare with.
    """
    org, nodes = ctx.org, ctx.G.nodes
    posts = org.nodes("post")
    index = hierarchy(org)
    managers, reports = index.managers, index.reports
    staff = staff_of(org)
    folded = {row for rows in staff.values() for row in rows}
    unit = "FTE" if counts_in_fte(org) else "people"

    def label(post: str) -> str:
        grade = nodes[post].get("grade")
        return f"{org.name(post)!r} ({post}{', ' + grade if grade else ''})"

    def size(post: str) -> float | None:
        count = nodes[post].get("headcount", 1)
        return None if count == "unknown" else float(count)

    # OG501 grade inversion
    if any(nodes[p].get("grade") for p in posts):
        scale = grade_scale(org)
        for post in posts:
            boss = managers.get(post)
            if boss is None or nodes[boss]["kind"] != "post":
                continue
            mine, theirs = scale.rank(nodes[post].get("grade")), scale.rank(nodes[boss].get("grade"))
            if mine is not None and theirs is not None and mine > theirs:
                message = (
                    f"post {label(post)} outranks its manager {org.name(boss)!r} ({boss}, {nodes[boss]['grade']}) "
                    f"on the grade scale {scale.level(nodes[post]['grade'])} > {scale.level(nodes[boss]['grade'])}"
                )
                yield ctx.finding("OG501", message, [post, boss], cite=post)
    # OG502 vacant manager posts
    for post in posts:
        below = reports.get(post, [])
        if nodes[post].get("vacant") and below:
            known = [s for s in map(size, below) if s is not None]
            message = (
                f"post {label(post)} is vacant and has {len(below)} direct report{'s' if len(below) != 1 else ''} "
                f"({format_number(sum(known))} {unit}"
                + (f", {len(below) - len(known)} of unknown size" if len(known) < len(below) else "")
                + "): who manages them meanwhile is not documented"
            )
            yield ctx.finding("OG502", message, [post, *below[:10]], cite=post)
    # OG503 spans beyond the thresholds
    for post in posts:
        below = reports.get(post, [])
        if not below:
            continue
        lines = [r for r in below if r not in folded and not nodes[r].get("staff")]
        fte = sum(s for s in map(size, below) if s is not None)
        wide_posts = len(lines) > thresholds.max_span_posts
        wide_fte = fte > thresholds.max_span_fte
        if wide_posts or wide_fte:
            parts = []
            if wide_posts:
                parts.append(f"{len(lines)} direct reports (more than {thresholds.max_span_posts})")
            if wide_fte:
                limit = format_number(thresholds.max_span_fte)
                in_rows = format_number(_sum(staff.get(post, []), size))
                parts.append(
                    f"{format_number(fte)} {unit} reporting directly (more than {limit})"
                    + (f", {in_rows} of them in staff rows" if post in staff else "")
                )
            yield ctx.finding("OG503", f"post {label(post)} has {' and '.join(parts)}", [post], cite=post)
    # OG504 staff attached straight to the top posts
    tops = [p for p in posts if p not in managers and p not in folded]
    all_staff = _sum(folded, size)
    on_top = {p: _sum(staff.get(p, []), size) for p in tops if staff.get(p)}
    share = sum(on_top.values()) / all_staff if all_staff else 0.0
    if on_top and share > thresholds.max_top_staff_share:
        biggest = sorted(on_top, key=lambda p: -on_top[p])
        named = ", ".join(f"{label(p)} {format_number(on_top[p])}" for p in biggest[:5])
        message = (
            f"{format_number(100 * share)} % of the staff-row {unit} ({format_number(sum(on_top.values()))} of "
            f"{format_number(all_staff)}) report straight to the {len(tops)} top post{'s' if len(tops) != 1 else ''}"
            f" (more than {format_number(100 * thresholds.max_top_staff_share)} %): {named}"
            + (f" and {len(biggest) - 5} more" if len(biggest) > 5 else "")
            + "; the structure below them is not published, so spans and layers describe only the senior posts"
        )
        yield ctx.finding("OG504", message, biggest, cite=biggest[0])
    # OG505 several top posts
    senior_tops = [p for p in tops if not nodes[p].get("manager_unknown")]
    if len(senior_tops) > 1:
        message = (
            f"{len(senior_tops)} posts have no manager: "
            + ", ".join(label(p) for p in senior_tops[:10])
            + (f" and {len(senior_tops) - 10} more" if len(senior_tops) > 10 else "")
            + "; one organisation usually has one top (several may be bodies merged into one file)"
        )
        yield ctx.finding("OG505", message, senior_tops, cite=senior_tops[0])
    # OG506 managers with a single report
    for post in posts:
        below = reports.get(post, [])
        if len(below) == 1 and post in managers and below[0] not in folded and size(below[0]) == 1:
            message = f"post {label(post)} manages a single post, {label(below[0])}: a layer that may not be needed"
            yield ctx.finding("OG506", message, [post, below[0]], cite=post)


def _sum(posts: Iterable[str], size: Callable[[str], float | None]) -> float:
    total = 0.0
    for post in posts:
        value = size(post)
        if value is not None:
            total += value
    return total
