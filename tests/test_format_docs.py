"""docs/format.md: every schema property described, the page current, every example loadable and true."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import orggraph
from orggraph.schema import Document, json_schema

ROOT = Path(__file__).resolve().parent.parent
FORMAT = ROOT / "docs" / "format.md"


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)


def claims(text: str) -> list[tuple[str, Any]]:
    """The ``org.…  # answer`` lines of a page's python blocks: an expression and the answer it claims."""
    found = []
    for block in re.findall(r"^```python\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            match = re.match(r"^(?!org = )(\S.*?)\s+#\s+(.*)$", line)
            if match:
                found.append((match.group(1), ast.literal_eval(match.group(2))))
    return found


def undescribed(schema: dict[str, Any]) -> list[str]:
    missing = [f"Document.{name}" for name, prop in schema["properties"].items() if not prop.get("description")]
    for model, definition in schema["$defs"].items():
        missing += [f"{model}.{name}" for name, prop in definition["properties"].items() if not prop.get("description")]
    return missing


def test_every_property_of_the_schema_has_a_description() -> None:
    schema = json_schema()
    assert len(schema["$defs"]) >= 25  # the walk sees every model, not just the top level
    assert undescribed(schema) == []


def test_the_coverage_walk_finds_a_missing_description() -> None:
    schema = json_schema()
    del schema["$defs"]["Cadence"]["properties"]["every"]["description"]
    assert undescribed(schema) == ["Cadence.every"]


def test_the_published_page_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_format_docs.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_model_and_every_property_is_on_the_page() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    schema = json_schema()
    for model, definition in schema["$defs"].items():
        assert re.search(rf"^#+ {model}$", text, re.M), model
        for name in definition["properties"]:
            assert f"| `{name}` |" in text, f"{model}.{name}"


def test_every_section_of_the_file_has_an_example() -> None:
    blocks = yaml_blocks(FORMAT.read_text(encoding="utf-8"))
    sections = [next(iter(orggraph_yaml(block))) for block in blocks]
    wanted = [name for name in Document.model_fields if name != "orggraph"]
    assert sorted(set(sections) - {"orggraph"}) == sorted(wanted)


def orggraph_yaml(block: str) -> dict[str, Any]:
    import yaml

    loaded = yaml.safe_load(block)
    assert isinstance(loaded, dict)
    keys = [key for key in loaded if key != "orggraph"]
    assert len(keys) == 1, f"an example shows one section: {list(loaded)}"
    return {keys[0]: loaded[keys[0]]}


@pytest.mark.parametrize("upto", range(len(yaml_blocks(FORMAT.read_text(encoding="utf-8")))))
def test_each_example_loads_with_the_ones_before_it(upto: int) -> None:
    blocks = yaml_blocks(FORMAT.read_text(encoding="utf-8"))
    org = orggraph.loads("".join(blocks[: upto + 1]), name=f"format.md example {upto + 1}")
    section = next(iter(orggraph_yaml(blocks[upto])))
    assert len(getattr(org.document, section)) >= 1 if section != "organisation" else org.title == "Nordby Water"


def test_the_examples_together_lint_clean_and_answer_as_the_page_says() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    org = orggraph.loads("".join(yaml_blocks(text)), name="format.md")
    assert [str(finding) for finding in org.lint()] == []
    answers = claims(text)
    assert len(answers) >= 5
    for expression, expected in answers:
        assert eval(expression, {"org": org}) == expected, expression


def test_the_readme_links_the_format_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/format.md)" in readme


def test_the_readme_shows_a_complete_organisation_that_answers_as_it_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The data format") :]
    section = section[: section.index("\n## ", 1)]
    org = orggraph.loads(yaml_blocks(section)[0], name="README.md")
    assert [str(finding) for finding in org.lint()] == []
    answers = claims(section)
    assert len(answers) == 4
    for expression, expected in answers:
        assert eval(expression, {"org": org}) == expected, expression


def test_the_readme_mentions_the_ways_to_start() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("orggraph.example()", "orggraph new", "orggraph.datasets.roskilde()"):
        assert needle in readme, needle


def test_the_page_quotes_the_hint_for_a_bare_chair() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    quoted = re.findall(r"^```text\n(my-org\.yaml:.*)\n```", text, re.M)
    assert len(quoted) == 1
    assert quoted[0].endswith(
        "expected a mapping, got 'ceo' (write chair: {post: ceo}, or chair: {rotating_among: [...]} for a rotation)"
    )


# -- orggraph new: the starter file ------------------------------------------------------------


def test_the_starter_file_loads_and_lints_clean(tmp_path: Path) -> None:
    from orggraph.cli import main

    assert main(["new", "Nordby Vandværk", "-o", str(tmp_path / "org.yaml")]) == 0
    org = orggraph.load(tmp_path / "org.yaml")
    assert org.title == "Nordby Vandværk"
    assert org.document.organisation.id == "nordby-vandvaerk"
    assert [str(finding) for finding in org.lint()] == []
    assert main(["validate", "--strict", str(tmp_path / "org.yaml")]) == 0
    # what the starter's comments promise: the hiring rule answers relative to the subject
    decision = org.who_decides("hiring", subject="operator")
    assert (decision.deciders, decision.approvers) == (["operations-manager"], ["chief-executive"])


def test_the_starter_is_commented_on_every_section() -> None:
    from orggraph.starter import starter_yaml

    lines = starter_yaml("Acme").splitlines()
    for section in ("sources", "units", "posts", "groups", "forums", "topics", "decision_rules"):
        at = lines.index(f"{section}:")
        assert lines[at - 1].startswith("#"), section


def test_new_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from orggraph.cli import main

    target = tmp_path / "org.yaml"
    target.write_text("mine", encoding="utf-8")
    assert main(["new", "Acme", "-o", str(target)]) == 2
    assert "exists; choose another -o or add --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["new", "Acme", "-o", str(target), "--force"]) == 0
    assert orggraph.load(target).title == "Acme"


@pytest.mark.parametrize("name", ['Acme: "quoted" # not a comment', "Ørsted & Co.", "  spaced   out  ", "!!!"])
def test_any_name_makes_a_file_that_loads(name: str) -> None:
    from orggraph.starter import starter_yaml

    org = orggraph.loads(starter_yaml(name))
    assert org.title == name.strip()
    assert org.document.organisation.id


def test_new_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    from orggraph.cli import main

    assert main(["new", "Acme", "-o", "-"]) == 0
    assert orggraph.loads(capsys.readouterr().out).title == "Acme"


# -- the worked example ------------------------------------------------------------------------

WORKED = ROOT / "docs" / "worked-example.md"
EXAMPLE_FILE = ROOT / "docs" / "examples" / "fjordby-library.yaml"


def test_the_worked_example_shows_the_whole_file_piece_by_piece() -> None:
    blocks = yaml_blocks(WORKED.read_text(encoding="utf-8"))
    assert "\n".join(blocks) == EXAMPLE_FILE.read_text(encoding="utf-8")


def test_the_worked_example_has_what_it_promises_and_lints_clean() -> None:
    org = orggraph.load(EXAMPLE_FILE)
    document = org.document
    assert (len(document.posts), len(document.forums), len(document.decision_rules)) == (10, 2, 3)
    assert [str(finding) for finding in org.lint()] == []


def test_the_worked_example_answers_as_computed_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = WORKED.read_text(encoding="utf-8")
    org = orggraph.load(EXAMPLE_FILE)
    answers = claims(text)
    assert len(answers) >= 15
    for expression, expected in answers:
        assert eval(expression, {"org": org}) == expected, expression


def test_the_worked_example_command_line_call_works(capsys: pytest.CaptureFixture[str]) -> None:
    from orggraph.cli import main

    example = str(EXAMPLE_FILE)
    assert main(["decides", example, "purchases", "--subject", "developer", "--attr", "amount=250000"]) == 0
    assert capsys.readouterr().out.startswith("Library Director")
