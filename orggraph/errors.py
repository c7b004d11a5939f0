"""One exception family: every orggraph error is an :class:`OrgGraphError`.

Each also subclasses the matching builtin, so ``except ValueError`` and
``except LookupError`` work as a Python user expects.

Examples
--------
>>> import orggraph
>>> try:
...     orggraph.loads("organisation: {id: x}", name="x.yaml")
... except orggraph.OrgDataError as error:
...     print(error.problems[0])
x.yaml:1:15: organisation.name: field required
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_PATH_PARTS = re.compile(r"[\[\].]+")

__all__ = [
    "EditError",
    "ExportError",
    "LayoutError",
    "MissingDependencyError",
    "NotDocumentedError",
    "OptionError",
    "OrgDataError",
    "OrgGraphError",
    "Problem",
    "QueryError",
    "RenderError",
    "SubjectError",
    "UnknownNodeError",
    "suggest",
]


class OrgGraphError(Exception):
    """Base class of every error orggraph raises."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input: where it is, what is wrong, and what to do.

    ``line`` and ``column`` are 1-based; 0 means "no position known" (for
    example in data given as a dict).
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    suggestion: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text} ({self.suggestion})" if self.suggestion else text


class OrgDataError(OrgGraphError, ValueError):
    """The input data has problems; ``.problems`` lists all of them at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems, key=_position)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the organisation data"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


def _position(problem: Problem) -> tuple[object, ...]:
    """Sort key: file, line, column, then the path with list indexes compared as numbers."""
    path = tuple(
        (0, int(part), "") if part.isascii() and part.isdecimal() else (1, 0, part)
        for part in _PATH_PARTS.split(problem.path)
    )
    return (problem.file, problem.line, problem.column, path)


class UnknownNodeError(OrgGraphError, LookupError):
    """A node id or search text matches nothing (or, for a query, too much)."""

    def __init__(self, message: str, *, candidates: Sequence[str] = ()) -> None:
        self.candidates = list(candidates)
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean ...?" text for ``word`` among ``choices``, or None.

    Parameters
    ----------
    word : str
        What the user wrote.
    choices : iterable of str
        The valid words.

    Examples
    --------
    >>> suggest("direktor-by", ["direktoer-by", "borgmester"])
    "did you mean 'direktoer-by'?"
    """
    matches = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not matches:
        return None
    return "did you mean " + " or ".join(repr(m) for m in matches) + "?"


class OptionError(OrgGraphError, ValueError):
    """A keyword option has a value the function does not accept; the message lists the valid ones.

    Examples
    --------
    >>> import orggraph
    >>> orggraph.example().lint(select=["OG3O1"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orggraph.errors.OptionError: select: unknown check 'OG3O1' (did you mean 'OG301' or ...?); give check codes
    or names (OG101 no-decider, OG102 several-deciders, ...) or severities (error, warning, info)
    """


class SubjectError(OrgGraphError, TypeError):
    """A decision rule needs a subject, or an attribute of it, that the question did not give.

    Like a missing argument, it is a :class:`TypeError`; the message names the
    rule and what to give, with an example Python call. The fields say the
    same for a caller that words its own hint (the command line gives
    ``--subject`` and ``--attr`` options instead of a call).

    Attributes
    ----------
    reason : str
        The message without its example: which rule needs what.
    example : str or None
        The example the message ends with (``e.g. ...``), in Python.
    rule : str or None
        The id of the decision rule that needs the subject.
    topic : str or None
        The topic the rule governs.
    missing : tuple of str
        Subject attributes the rule needs and the question did not give (for
        a rule on the subject's manager, ``'reports_to'``: a hypothetical
        subject's manager).
    needs_post : bool
        A post the decision is about would answer it (``missing`` then lists
        what does instead for a hypothetical subject).

    Examples
    --------
    >>> import orggraph
    >>> try:
    ...     orggraph.example().who_decides("hiring")
    ... except SubjectError as error:
    ...     print(error.rule, error.topic, error.missing, error.needs_post)
    ...     print(error.reason)
    hiring-by-manager hiring ('reports_to',) True
    rule 'hiring-by-manager' (the subject's manager hires) needs a subject: the post the decision is about (or, for
    a hypothetical subject, its 'reports_to')
    """

    def __init__(
        self,
        reason: str,
        example: str | None = None,
        *,
        rule: str | None = None,
        topic: str | None = None,
        missing: Iterable[str] = (),
        needs_post: bool = False,
    ) -> None:
        self.reason = reason
        self.example = example
        self.rule = rule
        self.topic = topic
        self.missing = tuple(missing)
        self.needs_post = needs_post
        super().__init__(reason if example is None else f"{reason}, e.g. {example}")


class NotDocumentedError(OrgGraphError, LookupError):
    """The documents leave the answer open: it differs between the readings they allow.

    ``candidates`` lists the answers of those readings (e.g. each candidate
    manager's answer), so that an analyst sees the range instead of one of them.
    """

    def __init__(self, message: str, *, candidates: Sequence[str] = ()) -> None:
        self.candidates = list(candidates)
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class QueryError(OrgGraphError, ValueError):
    """A query option is not valid (e.g. an unknown role); the message lists the valid ones."""


class EditError(OrgGraphError, ValueError):
    """A what-if edit that cannot be carried out (the message says why and what to do instead)."""


class LayoutError(OrgGraphError, ValueError):
    """The tree given to the layout is not a forest, or an option is out of range."""


class ExportError(OrgGraphError, ValueError):
    """The organisation cannot be written in the requested form, or an option is invalid."""


class MissingDependencyError(OrgGraphError, ImportError):
    """An optional dependency is not installed; the message says which extra to install."""


class RenderError(OrgGraphError, ValueError):
    """A picture option is out of range or names something that cannot be drawn."""
