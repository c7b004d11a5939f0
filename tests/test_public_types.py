"""The public API's types are precise: a user's ``mypy --strict`` sees the real result types.

``make test`` runs ``mypy --strict`` over this file. ``assert_type`` fails the type check when
a result's type is wrong (or ``Any``); each ``# type: ignore[...]`` below marks a mistake a user's
type checker must catch, and strict mode's ``warn_unused_ignores`` fails the check if it no
longer does (issue 13: ``Org.who_decides`` returned ``Any``, so ``d.decidrs`` passed).
"""

from __future__ import annotations

import datetime

from typing_extensions import assert_type  # typing has it from Python 3.11

import orggraph
from orggraph.decisions import Decision, DecisionIssue
from orggraph.importers.report import Repair
from orggraph.render.chart import ChartPicture
from orggraph.render.html import HtmlChart
from orggraph.scenario import Move
from orggraph.structure import PathStep


def test_results_have_their_real_types() -> None:
    org = orggraph.example()
    decision = assert_type(org.who_decides("hiring", "accountant"), Decision)
    assert decision.deciders == ["cfo"]
    assert_type(org.decision_issues(), list[DecisionIssue])
    assert_type(org.path("accountant", "coo"), list[PathStep] | None)
    assert_type(org.apply(Move("accountant", "coo")), orggraph.Org)
    assert_type(org.as_of(datetime.date(2024, 1, 1)), orggraph.Org)
    assert_type(org.import_report, list[Repair])
    assert_type(org.chart(highlight=decision), ChartPicture)
    assert_type(org.chart(interactive=True), HtmlChart)


def _mistakes_a_type_checker_catches(org: orggraph.Org) -> None:  # checked by mypy, never run
    decision = org.who_decides("hiring", "accountant")
    print(decision.decidrs)  # type: ignore[attr-defined]
    org.chart(direction="XX")  # type: ignore[call-overload]
    org.apply("move accountant")  # type: ignore[arg-type]
    org.as_of(20240101)  # type: ignore[arg-type]
    org.chart(highlight=42)  # type: ignore[call-overload]
