"""The error family: builtin bases, message formats and the order problems are reported in."""

from __future__ import annotations

import pytest

import orggraph
from orggraph.errors import OrgDataError, OrgGraphError, Problem, UnknownNodeError, suggest


def test_errors_subclass_builtins() -> None:
    assert issubclass(OrgDataError, OrgGraphError)
    assert issubclass(OrgDataError, ValueError)
    assert issubclass(UnknownNodeError, LookupError)


def test_problem_text() -> None:
    assert str(Problem("a.yaml", 3, 7, "posts[0].id", "bad", "did you mean 'x'?")) == (
        "a.yaml:3:7: posts[0].id: bad (did you mean 'x'?)"
    )
    assert str(Problem("<dict>", 0, 0, "", "empty")) == "<dict>: empty"


def test_problems_come_in_document_order_with_numeric_indexes() -> None:
    error = OrgDataError(
        [
            Problem("<dict>", 0, 0, "posts[10].name", "x"),
            Problem("<dict>", 0, 0, "posts[2].name", "y"),
            Problem("<dict>", 0, 0, "organisation", "z"),
        ]
    )
    assert [p.path for p in error.problems] == ["organisation", "posts[2].name", "posts[10].name"]
    assert str(error).splitlines()[0] == "3 problems in the organisation data:"


def test_dict_input_reports_every_problem_in_order() -> None:
    posts = [{"id": f"p{i}", "name": f"P{i}", "reports_to": "nobody"} for i in range(12)]
    with pytest.raises(OrgDataError) as caught:
        orggraph.from_dict({"organisation": {"id": "x", "name": "X"}, "posts": posts})
    paths = [p.path for p in caught.value.problems]
    assert paths == [f"posts[{i}].reports_to" for i in range(12)]


def test_suggest() -> None:
    assert suggest("direktor-by", ["direktoer-by", "borgmester"]) == "did you mean 'direktoer-by'?"
    assert suggest("zzz", ["direktoer-by"]) is None


def test_problems_sort_with_digits_of_other_scripts_in_their_paths() -> None:
    # '²'.isdigit() is true but int('²') fails: hypothesis found it in a mutated document's key
    problems = [Problem("f", 1, 1, "posts[10].²", "m"), Problem("f", 1, 1, "posts[9].x", "m")]
    assert [problem.path for problem in OrgDataError(problems).problems] == ["posts[9].x", "posts[10].²"]
