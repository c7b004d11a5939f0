"""Hints for the mistakes new users make: each with its exact message (golden files in tests/golden/hints)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orggraph
from orggraph.cli import main
from orggraph.errors import OrgDataError, UnknownNodeError
from orggraph.hints import shape_hint, suggest_named
from orggraph.loading import parse_document, read_document

GOLDEN = Path(__file__).resolve().parent / "golden" / "hints"
CASES = sorted(path.stem for path in GOLDEN.glob("*.yaml"))


def test_every_mistake_of_the_issue_has_a_golden_case() -> None:
    assert CASES == [
        "cadence_a_word",
        "cadence_on_the_forum",
        "chair_not_a_mapping",
        "decides_an_id",
        "holder_a_name",
        "op_a_symbol",
        "roles_on_the_topic",
        "source_not_a_citation",
    ]


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    expected = (GOLDEN / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    with pytest.raises(OrgDataError) as caught:
        read_document(f"{case}.yaml")
    assert [str(problem) for problem in caught.value.problems] == expected


@pytest.mark.parametrize("case", CASES)
def test_following_the_hint_makes_the_file_load(case: str) -> None:
    # The fix each hint asks for, applied by hand: the file then loads (the hint is right, not just polite).
    fixes = {
        "cadence_a_word": [
            ("cadence: weekly", "cadence: {every: 1, unit: weeks}"),
            ("cadence: Quarterly", "cadence: {per_year: 4}"),
            ("cadence: when the CEO calls it", 'cadence: {unspecified: "when the CEO calls it"}'),
            ("cadence: 12", "cadence: {per_year: 12}"),
        ],
        "cadence_on_the_forum": [("    cadence: weekly", "    meetings: [{cadence: {every: 1, unit: weeks}}]")],
        "chair_not_a_mapping": [("chair: ceo", "chair: {post: ceo}")],
        "decides_an_id": [
            ("decides: ceo", "decides: {ids: [ceo]}"),
            ("approves: [cfo, ceo]", "approves: {ids: [cfo, ceo]}"),
        ],
        "holder_a_name": [("finance-director", "cfo"), ("finance-directr", "cfo"), ("financ}", "finance}")],
        "op_a_symbol": [("op: '>'", "op: gt"), ("op: '<='", "op: le"), ("op: '!='", "op: ne")],
        "roles_on_the_topic": [("    decides: ceo", "    roles: [{role: decides, holder: ceo}]")],
        "source_not_a_citation": [("source: bylaws", "source: {document: bylaws}")],
    }
    text = (GOLDEN / f"{case}.yaml").read_text(encoding="utf-8")
    for old, new in fixes[case]:
        assert old in text
        text = text.replace(old, new)
    parse_document(text, name=f"{case}.yaml")


def test_a_holder_typo_names_the_post_whose_name_matches_not_the_unit() -> None:
    # The issue's case: 'finance-directr' is as close to the unit id 'finance' as anything by id alone.
    text = (GOLDEN / "holder_a_name.yaml").read_text(encoding="utf-8")
    with pytest.raises(OrgDataError) as caught:
        parse_document(text)
    hints = [problem.suggestion for problem in caught.value.problems]
    assert hints[1] == "did you mean 'cfo' (Finance Director)?"
    assert "'finance'" not in str(hints[1])


def test_a_topic_typo_in_who_decides_is_matched_by_name_and_alias() -> None:
    org = orggraph.datasets.roskilde()
    # 'dismissal' is an alias of the topic 'afskedigelse' (data/roskilde.yaml); by id alone nothing is close.
    with pytest.raises(UnknownNodeError, match=r"did you mean 'afskedigelse' \(Afskedigelse\)\?"):
        org.who_decides("dismisal", subject="afdelingschef")
    with pytest.raises(UnknownNodeError, match=r"did you mean 'afskedigelse'\?"):
        org.who_decides("afskedigelsen", subject="afdelingschef")


def test_a_topic_typo_on_the_command_line_gets_the_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decides", "orggraph/example.yaml", "recruitmnt", "--subject", "technician"]) == 2
    assert capsys.readouterr().err == (
        "orggraph decides: unknown topic 'recruitmnt' in 'Acme Åkande' (did you mean 'hiring' (Hiring)?)\n"
    )


def test_an_organisation_written_as_its_name() -> None:
    with pytest.raises(OrgDataError) as caught:
        parse_document("organisation: Nordby Water\n", name="t.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        "t.yaml:1:15: organisation: expected a mapping, got 'Nordby Water' "
        "(write organisation: {id: nordby-water, name: Nordby Water})"
    ]
    parse_document("organisation: {id: nordby-water, name: Nordby Water}\n")


def test_shape_hint_stays_quiet_where_it_has_nothing_to_say() -> None:
    assert shape_hint(("posts", 0, "name"), 5) is None
    assert shape_hint(("forums", 0, "chair"), {"post": "ceo"}) is None
    assert shape_hint(("decision_rules", 0, "when", 0, "op"), "greater") is None
    assert shape_hint(("nonsense", 0, "deeper"), "x") is None


@settings(deadline=None, max_examples=60)
@given(word=st.text(min_size=1, max_size=12), names=st.lists(st.text(min_size=1, max_size=12), max_size=6))
def test_a_named_suggestion_only_names_ids_that_exist(word: str, names: list[str]) -> None:
    items = [(f"id-{number}", name, ()) for number, name in enumerate(names)]
    hint = suggest_named(word, items)
    if hint is not None:
        named = {ident for ident, _, _ in items}
        mentioned = {ident for ident in named if repr(ident) in hint}
        assert mentioned, hint


def test_matching_by_name_has_a_budget_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from orggraph import checks

    text = (GOLDEN / "holder_a_name.yaml").read_text(encoding="utf-8")
    # Three unknown holders among 3 posts/units (plus the names and aliases: 3): enough for two by name.
    monkeypatch.setattr(checks, "_NAME_SUGGESTION_BUDGET", 6)
    with pytest.raises(OrgDataError) as caught:
        parse_document(text)
    assert [problem.suggestion for problem in caught.value.problems] == [
        "did you mean 'cfo' (Finance Director)? Refer to an item by its id",
        "did you mean 'cfo' (Finance Director)?",
        "did you mean 'finance'?",  # by id alone, as before names were looked at
    ]
    monkeypatch.setattr(checks, "_NAME_SUGGESTION_BUDGET", 0)
    with pytest.raises(OrgDataError) as caught:
        parse_document(text)
    # By ids alone, what the issue reported: the unit 'finance' rather than the post named Finance Director.
    assert [problem.suggestion for problem in caught.value.problems] == ["did you mean 'finance'?"] * 3
