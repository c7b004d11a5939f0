"""Loading: YAML text, files and dicts to a checked Document, every problem located."""

from __future__ import annotations

import copy
import gc
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orggraph import loading
from orggraph.errors import OrgDataError, Problem
from orggraph.loading import document_from_dict, parse_document, read_document
from orggraph.schema import Document
from tests.strategies import documents

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_CASES = sorted(path.stem for path in GOLDEN.glob("*.yaml"))
SEEDS = [ROOT / "data" / "ishoj.yaml", ROOT / "data" / "roskilde.yaml", ROOT / "orggraph" / "example.yaml"]

MINIMAL = "organisation: {id: acme, name: Acme}\n"


def problems_of(text: str, name: str = "t.yaml") -> list[str]:
    with pytest.raises(OrgDataError) as caught:
        parse_document(text, name=name)
    return [str(problem) for problem in caught.value.problems]


# -- golden files: each bad input with its exact messages ---------------------------------------


def test_there_are_golden_cases_for_every_kind_of_bad_input() -> None:
    assert len(GOLDEN_CASES) >= 20
    for name in GOLDEN_CASES:
        assert (GOLDEN / f"{name}.expected").exists(), name


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    expected = (GOLDEN / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    with pytest.raises(OrgDataError) as caught:
        read_document(f"{case}.yaml")
    assert [str(problem) for problem in caught.value.problems] == expected
    assert str(caught.value).splitlines()[1:] == [f"  {line}" for line in expected]


@pytest.mark.parametrize("case", [case for case in GOLDEN_CASES if case != "not_utf8"])
def test_golden_text_gives_the_same_problems_as_the_file(case: str) -> None:
    text = (GOLDEN / f"{case}.yaml").read_text(encoding="utf-8")
    expected = (GOLDEN / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert problems_of(text, name=f"{case}.yaml") == expected


# Cases whose problems come after parsing: the pure-Python parser places them identically.
PARSED_CASES = [
    "bad_citation",
    "bad_enum",
    "cadence_two_forms",
    "duplicate_id",
    "duplicate_key",
    "group_cycle",
    "missing_field",
    "several_problems",
    "too_deep",
    "alias_bomb",
    "top_level_list",
    "union_value",
    "unknown_key",
    "unknown_reference",
    "wrong_type",
]


@pytest.mark.parametrize("case", PARSED_CASES)
def test_the_pure_python_parser_reports_the_same(case: str) -> None:
    text = (GOLDEN / f"{case}.yaml").read_text(encoding="utf-8")
    expected = (GOLDEN / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    with pytest.raises(OrgDataError) as caught:
        loading._parse(text, f"{case}.yaml", loading._PythonLoader)
    assert [str(problem) for problem in caught.value.problems] == expected


def test_the_pure_python_parser_reports_syntax_errors_with_a_position() -> None:
    with pytest.raises(OrgDataError) as caught:
        loading._parse("organisation:\n  id: x\n\tname: y\n", "t.yaml", loading._PythonLoader)
    assert [str(problem) for problem in caught.value.problems] == [
        "t.yaml:3:1: tab character in indentation (indent with spaces only)"
    ]


# -- valid input -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name)
def test_the_shipped_files_load(path: Path) -> None:
    document = read_document(path)
    assert document.organisation.id
    assert document == document_from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_a_minimal_document() -> None:
    document = parse_document(MINIMAL)
    assert document == Document.model_validate({"organisation": {"id": "acme", "name": "Acme"}})


def test_dates_stay_text() -> None:
    text = MINIMAL + "sources: [{id: memo, title: Memo, date: 2013-05-01}]\n"
    assert parse_document(text).sources[0].date == "2013-05-01"


def test_json_is_yaml() -> None:
    document = parse_document('{"organisation": {"id": "acme", "name": "Acme"}, "posts": []}')
    assert document.organisation.name == "Acme"


def test_aliases_within_reason_are_fine() -> None:
    text = MINIMAL + (
        "sources: [{id: memo, title: Memo}]\n"
        "posts:\n"
        "  - {id: ceo, name: CEO, top: true, source: &memo {document: memo}}\n"
        "  - {id: cfo, name: CFO, reports_to: ceo, source: *memo}\n"
    )
    document = parse_document(text)
    assert document.posts[1].source == document.posts[0].source


def test_merge_keys_may_override_without_a_duplicate_key_problem() -> None:
    text = MINIMAL + (
        "posts:\n"
        "  - &base {id: ceo, name: CEO, top: true, type: chief}\n"
        "  - {<<: *base, id: cfo, name: CFO, top: false, reports_to: ceo}\n"
    )
    document = parse_document(text)
    assert [(post.id, post.type, post.top) for post in document.posts] == [
        ("ceo", "chief", True),
        ("cfo", "chief", False),
    ]


def test_a_real_duplicate_next_to_a_merge_key_is_reported() -> None:
    text = MINIMAL + (
        "posts:\n  - &base {id: ceo, name: CEO, top: true}\n  - {<<: *base, id: cfo, name: CFO, id: cfo2}\n"
    )
    assert problems_of(text) == [
        "t.yaml:4:37: posts[1].id: duplicate key 'id', first given at line 4, column 17 "
        "(YAML would silently keep only the last value; remove one)"
    ]


def test_a_problem_inside_merged_keys_points_at_the_anchor() -> None:
    text = MINIMAL + ("base: &base {name: 42}\nposts:\n  - {<<: *base, id: ceo, top: true}\n")
    assert problems_of(text)[1] == (
        "t.yaml:2:20: posts[0].name: expected text, got 42 (put the value in quotes to use it as text)"
    )


# -- the message format ------------------------------------------------------------------------


def test_the_message_format_of_the_brief() -> None:
    text = (
        "organisation: {id: ishoj, name: Ishøj}\n"
        "posts:\n"
        "  - {id: direktoer-by, name: Direktør, top: true}\n"
        "  - id: centerchef\n"
        "    name: Centerchef\n"
        "    reports_to: direktor-by\n"
    )
    assert problems_of(text, name="data/ishoj.yaml") == [
        "data/ishoj.yaml:6:17: posts[1].reports_to: unknown post 'direktor-by' (did you mean 'direktoer-by'?)"
    ]


def test_every_problem_carries_its_parts() -> None:
    with pytest.raises(OrgDataError) as caught:
        parse_document(MINIMAL + "posts:\n  - id: ceo\n    nmae: CEO\n", name="x.yaml")
    assert caught.value.problems == [
        Problem("x.yaml", 3, 5, "posts[0].name", "field required"),
        Problem("x.yaml", 4, 5, "posts[0].nmae", "unknown key 'nmae'", "did you mean 'name'?"),
    ]
    assert isinstance(caught.value, ValueError)


def test_columns_count_characters_not_bytes() -> None:
    text = "organisation: {id: ø, name: Å, naem: Æ}\n"
    assert problems_of(text) == ["t.yaml:1:32: organisation.naem: unknown key 'naem' (did you mean 'name'?)"]


def test_a_union_error_inside_a_list_is_reported_inside_it() -> None:
    text = MINIMAL + (
        "topics: [{id: t, name: T}]\n"
        "decision_rules:\n"
        "  - id: r\n"
        "    name: R\n"
        "    topic: t\n"
        "    rule: the boss\n"
        "    decides: {relation: subject}\n"
        "    when: [{attr: grade, op: in, value: [1, [2]]}]\n"
    )
    assert problems_of(text) == [
        "t.yaml:9:45: decision_rules[0].when[0].value[1]: expected text, a number, true or false, got a list"
    ]


def test_a_list_where_a_scalar_belongs_is_one_problem() -> None:
    text = MINIMAL + "units: [{id: c, name: C, count: [9]}]\n"
    assert problems_of(text) == ["t.yaml:2:33: units[0].count: expected an integer or 'unknown', got a list"]


def test_problems_of_invalid_items_come_with_the_reference_problems() -> None:
    text = MINIMAL + (
        "posts:\n"
        "  - {id: ceo, name: CEO, top: true, headcount: -1}\n"
        "  - {id: cfo, name: CFO, reports_to: ceo}\n"
        "  - {id: coo, name: COO, reports_to: cfo, unit: nowhere}\n"
        "  - {id: cfo, name: ''}\n"
    )
    assert problems_of(text) == [
        "t.yaml:3:48: posts[0].headcount: expected a number >= 0 or 'unknown', got -1",
        "t.yaml:5:49: posts[2].unit: unknown unit 'nowhere'",
        "t.yaml:6:10: posts[3].id: duplicate id 'cfo', first used at posts[1].id",
        "t.yaml:6:21: posts[3].name: must not be empty",
    ]


def test_a_broken_section_skips_the_reference_checks() -> None:
    # A misspelt section would make every reference into it look unknown.
    text = MINIMAL + "post:\n  - {id: ceo, name: CEO}\ngroups: [{id: g, name: G, members: [ceo]}]\n"
    assert problems_of(text) == ["t.yaml:2:1: post: unknown key 'post' (did you mean 'posts'?)"]


def test_wrong_top_level_values() -> None:
    assert problems_of("42\n") == [
        "t.yaml:1:1: the top level must be a mapping (keys like 'organisation' and 'posts'), got 42"
    ]
    assert problems_of("~\n") == [
        "t.yaml:1:1: the top level must be a mapping (keys like 'organisation' and 'posts'), got null"
    ]
    assert problems_of("orggraph: 2\n" + MINIMAL) == ["t.yaml:1:11: orggraph: expected 1, got 2"]


def test_keys_must_be_text() -> None:
    assert problems_of(MINIMAL + "1: x\n") == ["t.yaml:2:1: [1]: keys must be text, got 1"]


# -- the plain constructor agrees with PyYAML's ------------------------------------------------


def constructed_by_pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=loading._Loader)  # get_single_data: PyYAML's constructor


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2.5, .inf, -.inf, 0x1F, 0o17, 1_000, 1:30, yes, No, ~, null, '', \"x\", 2013-05-01]\n",
        "a: !!binary aGVsbG8=\nb: !!timestamp 2013-05-01\nc: !!str 42\n",
        "s: !!set {a, b}\no: !!omap [a: 1, b: 2]\np: !!pairs [a: 1, a: 2]\n",
        "base: &b {x: 1, y: 2}\nmerged: {<<: *b, y: 3}\n",
        "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2, <<: *a}\nc: {<<: [*b, {w: 3, z: 3}], w: 4}\n",
        "c: {<<: {x: 1}, y: 2}\n",
        "a: &x [1, {b: c}]\nb: *x\n",
        "? !!python/none x\n: y\n",
        "[1, 2, {a: [3]}]\n",
    ],
    ids=[
        "scalars",
        "scalar tags",
        "collection tags",
        "merge",
        "merges",
        "inline merge",
        "alias",
        "unknown tag",
        "list",
    ],
)
def test_the_plain_constructor_builds_what_pyyaml_builds(text: str) -> None:
    try:
        expected = constructed_by_pyyaml(text)
    except yaml.YAMLError as error:
        with pytest.raises(type(error)):
            loading._load_yaml(text, loading._Loader)
    else:
        assert repr(loading._load_yaml(text, loading._Loader).data) == repr(expected)


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name)
def test_the_plain_constructor_builds_the_seeds_as_pyyaml_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert loading._load_yaml(text, loading._Loader).data == constructed_by_pyyaml(text)


@pytest.mark.parametrize(
    "text",
    ["a: !!str [x]\n", "a: !!map x\n", "a: !!seq {b: c}\n", "? [a]\n: b\n", "a: !!value x\n"],
)
def test_what_the_plain_constructor_leaves_to_pyyaml_fails_as_in_pyyaml(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        constructed_by_pyyaml(text)
    with pytest.raises(OrgDataError):
        parse_document(text)


# -- hostile and broken YAML -------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ['l0: &l0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    lines.append(f"organisation: {{id: x, name: x, aliases: *l{levels}}}")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused() -> None:
    # Expanded, this is 10^9 strings: without the refusal the test would not end.
    problems = problems_of(billion_laughs())
    assert len(problems) == 1
    assert "aliases expand the document by more than 100000 nodes" in problems[0]


def test_an_alias_bomb_spread_over_posts_is_refused() -> None:
    text = MINIMAL + "posts:\n  - {id: p0, name: P, holders: &x0 [a, a, a, a, a, a, a, a, a, a]}\n"
    for level in range(1, 8):
        aliases = ", ".join([f"*x{level - 1}"] * 10)
        text += f"  - {{id: p{level}, name: P, attributes: {{k: &x{level} [{aliases}]}}}}\n"
    problems = problems_of(text)
    assert len(problems) == 1
    assert "aliases expand the document" in problems[0]


def test_alias_bombs_are_refused_in_unusual_yaml_too() -> None:
    # A '!!set' leaves construction to PyYAML, which would share the copies.
    problems = problems_of(billion_laughs() + "s: !!set {a}\n")
    assert len(problems) == 1
    assert "aliases expand the document by more than 100000 nodes" in problems[0]
    assert problems_of("a: &a [*a]\ns: !!set {a}\n") == [
        "t.yaml:1:4: an alias refers to a node that contains it (YAML recursion is not allowed)"
    ]


def test_an_asterisk_in_text_is_not_an_alias() -> None:
    document = parse_document(MINIMAL + "posts: [{id: a, name: 'Kultur * Fritid', top: true}]\n")
    assert document.posts[0].name == "Kultur * Fritid"


def test_recursive_aliases_are_refused() -> None:
    assert problems_of("a: &a [*a]\n") == [
        "t.yaml:1:4: an alias refers to a node that contains it (YAML recursion is not allowed)"
    ]


def test_deep_aliases_are_refused() -> None:
    text = "a: &a " + "[" * 60 + "1" + "]" * 60 + "\nb: " + "[" * 60 + "*a" + "]" * 60 + "\n"
    assert "aliases nest the document deeper than 100 levels" in problems_of(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,  # crashes libyaml's composer with a C stack overflow
        "{a: " * 10_000 + "1" + "}" * 10_000,
        "x:\n" + "".join("  " * level + "- \n" for level in range(200)),
        "- " * 5000 + "x\n",
    ],
    ids=["flow lists", "flow mappings", "block lists", "dashes"],
)
def test_absurd_nesting_is_refused(text: str) -> None:
    problems = problems_of(text)
    assert len(problems) == 1
    assert "nesting deeper than 100 levels" in problems[0]


def test_nesting_up_to_the_limit_is_only_a_type_problem() -> None:
    text = MINIMAL + "x: " + "[" * 99 + "]" * 99 + "\n"
    assert problems_of(text) == ["t.yaml:2:1: x: unknown key 'x'"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!int abc\n", "t.yaml:1:4: cannot read 'abc' as an integer"),
        ("a: " + "1" * 5000 + "\n", "t.yaml:1:4: cannot read '" + "1" * 37 + "...' as an integer"),
        ("a: !!float abc\n", "t.yaml:1:4: cannot read 'abc' as a number"),
        ("a: !!bool maybe\n", "t.yaml:1:4: cannot read 'maybe' as true or false"),
        ("a: !!timestamp 2020-13-45\n", "t.yaml:1:4: cannot read '2020-13-45' as a date"),
        (
            "a: !!python/object/apply:os.system [echo]\n",
            "t.yaml:1:4: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object/apply:os.system'",
        ),
        ("a: *nothing\n", "t.yaml:1:4: found undefined alias"),
        ("? [a]\n: b\n", "t.yaml:1:3: found unhashable key (while constructing a mapping at line 1, column 1)"),
        ("a: 'ø\x07'\n", "t.yaml:1:6: character U+0007 is not allowed in YAML (remove it or escape it)"),
        ("a: ø\ud800\n", "t.yaml:1:5: invalid character U+D800 (a lone surrogate)"),
    ],
    ids=[
        "bad int",
        "huge int",
        "bad float",
        "bad bool",
        "bad date",
        "python tag",
        "alias",
        "key",
        "control",
        "surrogate",
    ],
)
def test_yaml_that_python_cannot_construct(text: str, expected: str) -> None:
    assert problems_of(text) == [expected]


def test_the_pure_python_parser_counts_control_characters_in_characters() -> None:
    with pytest.raises(OrgDataError) as caught:
        loading._parse("a: 'ø\x07'\n", "t.yaml", loading._PythonLoader)
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (1, 6)


# -- files -------------------------------------------------------------------------------------


def test_read_document_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(MINIMAL + "posts: [{id: ceo}]\n", encoding="utf-8")
    with pytest.raises(OrgDataError) as caught:
        read_document(path)
    assert [str(problem) for problem in caught.value.problems] == [f"{path}:2:9: posts[0].name: field required"]


def test_read_document_accepts_str_paths_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert read_document(str(path)).organisation.id == "acme"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.yaml", "file not found"),
        (lambda folder: folder, "is a directory, not a file"),
    ],
    ids=["missing", "directory"],
)
def test_unreadable_files(tmp_path: Path, make: Any, message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(OrgDataError) as caught:
        read_document(path)
    assert [str(problem) for problem in caught.value.problems] == [f"{path}: {message}"]


def test_not_utf8_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("organisation: {id: x, name: Kø}\nposts: [{id: a, name: Bø}]\n".encode("latin-1"))
    with pytest.raises(OrgDataError) as caught:
        read_document(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column, problem.message) == (
        1,
        30,
        "the file is not valid UTF-8: unexpected byte 0xf8",
    )


# -- dicts -------------------------------------------------------------------------------------


def test_document_from_dict_reports_every_problem_without_positions() -> None:
    data = {
        "organisation": {"id": "acme"},
        "posts": [{"id": "ceo", "name": "CEO", "top": True}, {"id": "finance", "name": "CFO", "reports_to": "coe"}],
    }
    with pytest.raises(OrgDataError) as caught:
        document_from_dict(data, name="acme")
    assert [str(problem) for problem in caught.value.problems] == [
        "acme: organisation.name: field required",
        "acme: posts[1].reports_to: unknown post 'coe' (did you mean 'ceo'?)",
    ]
    assert all(problem.line == 0 and problem.column == 0 for problem in caught.value.problems)


def test_document_from_dict_takes_any_mapping() -> None:
    data = types.MappingProxyType({"organisation": {"id": "acme", "name": "Acme"}})
    assert document_from_dict(data).organisation.id == "acme"


def test_document_from_dict_refuses_what_is_not_a_mapping() -> None:
    with pytest.raises(OrgDataError) as caught:
        document_from_dict([1, 2])  # type: ignore[arg-type]
    assert str(caught.value.problems[0]) == (
        "<dict>: the top level must be a mapping (keys like 'organisation' and 'posts'), got a list"
    )


# -- the garbage collector ---------------------------------------------------------------------


@pytest.fixture
def gc_disabled() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_the_garbage_collector_runs_again_after_a_load() -> None:
    assert gc.isenabled()
    parse_document(MINIMAL)
    assert gc.isenabled()
    with pytest.raises(OrgDataError):
        parse_document("posts: [")
    assert gc.isenabled()
    with pytest.raises(OrgDataError):
        document_from_dict({})
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_disabled")
def test_a_paused_garbage_collector_stays_paused() -> None:
    parse_document(MINIMAL)
    assert not gc.isenabled()
    with pytest.raises(OrgDataError):
        parse_document("posts: [")
    assert not gc.isenabled()


# -- properties: nothing but OrgDataError, whatever the input -----------------------------------

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_problems(text: str) -> list[Problem]:
    """The problems of a text, or [] when it loads; any other exception fails the test."""
    try:
        document = parse_document(text, name="random.yaml")
    except OrgDataError as error:
        return error.problems
    assert isinstance(document, Document)
    return []


def assert_only_org_data_error(text: str) -> None:
    for problem in load_problems(text):
        assert problem.file == "random.yaml"
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message


YAML_PIECES = st.sampled_from(
    [
        "organisation:", " {id: a, name: A}", "posts:", "\n", "\n  ", "- ", "id: ", "name: ", "x", "ø", ":",
        "[", "]", "{", "}", ",", "&a ", "*a", "<<: ", "'", '"', "#", "---", "\t", "!!int ", "!foo ", "? ",
        "top: true", "reports_to: x", "|", ">", "%YAML 1.1", "~", "1e9", "-1", "\\", "\x00", "\ufeff",
    ]
)  # fmt: skip


@PROPERTY_SETTINGS
@given(st.text(max_size=200))
def test_random_text_raises_only_org_data_error(text: str) -> None:
    assert_only_org_data_error(text)


@PROPERTY_SETTINGS
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_random_yaml_raises_only_org_data_error(text: str) -> None:
    assert_only_org_data_error(text)


@PROPERTY_SETTINGS
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_random_yaml_is_constructed_as_pyyaml_does(text: str) -> None:
    try:
        expected = constructed_by_pyyaml(text)
    except (yaml.YAMLError, loading._RefusedError):
        return
    try:
        data = loading._load_yaml(text, loading._Loader).data
    except loading._RefusedError:  # a recursive alias, which PyYAML builds
        assert "*" in text
        return
    assert repr(data) == repr(expected)


@st.composite
def anchored_yaml(draw: st.DrawFn) -> str:
    """Flow YAML with anchors, aliases and merge keys referring to earlier anchors."""
    anchors: list[tuple[str, bool]] = []  # name, is a mapping

    def node(depth: int) -> str:
        choice = draw(st.integers(min_value=0, max_value=5 if depth < 3 else 1))
        if choice == 0:
            return draw(st.sampled_from(["a", "1", "~", "yes", "'q'", "2.5", "x y"]))
        if choice == 1 and anchors:
            return "*" + draw(st.sampled_from(anchors))[0]
        if choice in (2, 3):
            text = "[" + ", ".join(node(depth + 1) for _ in range(draw(st.integers(0, 3)))) + "]"
            is_mapping = False
        else:
            earlier = [anchor for anchor, mapping in anchors if mapping]  # defined before this mapping
            keys: list[str] = draw(st.lists(st.sampled_from(["k", "l", "m", "n"]), unique=True, max_size=3))
            entries = [f"{key}: {node(depth + 1)}" for key in keys]
            merge: bool = draw(st.booleans())
            if earlier and merge:
                merged: list[str] = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=2))
                where = draw(st.integers(0, len(entries)))
                entries.insert(where, "<<: [" + ", ".join(f"*{anchor}" for anchor in merged) + "]")
            text = "{" + ", ".join(entries) + "}"
            is_mapping = True
        if draw(st.booleans()):
            name = f"a{len(anchors)}"
            anchors.append((name, is_mapping))
            return f"&{name} {text}"
        return text

    return "\n".join(f"e{number}: {node(0)}" for number in range(draw(st.integers(1, 4)))) + "\n"


@PROPERTY_SETTINGS
@given(anchored_yaml())
def test_anchors_aliases_and_merges_are_constructed_as_pyyaml_does(text: str) -> None:
    assert repr(loading._load_yaml(text, loading._Loader).data) == repr(constructed_by_pyyaml(text))


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """A valid document with a few random edits: keys deleted, values replaced, keys added."""
    data: Any = copy.deepcopy(draw(documents(max_posts=6)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        containers = []
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, (dict, list)):
                containers.append(node)
                stack.extend(node.values() if isinstance(node, dict) else node)
        target = draw(st.sampled_from(containers))
        action = draw(st.sampled_from(["delete", "replace", "insert"]))
        if isinstance(target, dict):
            keys = list(target)
            if action == "insert" or not keys:
                target[draw(st.text(max_size=10) | st.sampled_from(["reports_to", "id", "sources", "top"]))] = draw(
                    VALUES
                )
            elif action == "delete":
                del target[draw(st.sampled_from(keys))]
            else:
                target[draw(st.sampled_from(keys))] = draw(VALUES)
        elif target:
            index = draw(st.integers(min_value=0, max_value=len(target) - 1))
            if action == "delete":
                del target[index]
            else:
                target[index] = draw(VALUES)
    return data


@PROPERTY_SETTINGS
@given(mutated_documents())
def test_mutated_documents_raise_only_org_data_error(data: Any) -> None:
    try:
        document_from_dict(data)
    except OrgDataError as error:
        problems = error.problems
    else:
        problems = [Problem("<dict>", 0, 0, "", "none")]
    assert problems
    text = yaml.safe_dump(data, allow_unicode=True)
    assert_only_org_data_error(text)


@PROPERTY_SETTINGS
@given(documents(max_posts=8))
def test_valid_documents_load_the_same_from_text_and_dict(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert parse_document(text) == document_from_dict(data)
