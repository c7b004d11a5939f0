"""The ``orggraph`` command line, run as a user runs it: ``python -m orggraph ...`` in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import orggraph
from orggraph.cli import COMMANDS, _value, main

ROOT = Path(__file__).resolve().parent.parent
ISHOJ = "data/ishoj.yaml"
ROSKILDE = "data/roskilde.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "orggraph", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


# -- help ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: orggraph {command}")
    examples = out.split("examples:\n", 1)[1]
    assert f"  orggraph {command} " in examples


def test_top_level_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert f"    {command} " in result.stdout


def test_no_command_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert "the following arguments are required: COMMAND" in result.stderr


# -- summary, forums, decides ----------------------------------------------------------------------------


def test_summary_of_both_seed_orgs() -> None:
    for path, title in [(ISHOJ, "Ishøj Kommune"), (ROSKILDE, "Roskilde Kommune")]:
        result = run("summary", path)
        assert result.returncode == 0
        assert result.stdout.splitlines()[0] == title
        assert result.stdout == orggraph.load(ROOT / path).summary() + "\n"


def test_forums_of_a_centre_head_in_ishoj() -> None:
    # "Tilsammen udgør centerchefer og direktører koncernledelsen." (Ishøj, arbejdsgrundlag)
    result = run("forums", ISHOJ, "centerchef")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "Forums of Centerchef (centerchef):",
        "  Faste møder i koncernledelsen (koncernledelsesmoeder): member",
        "  Seminar for koncernledelsen (koncernledelsesseminar): member",
        "  Chefmøder på direktørområderne (chefmoeder-direktoeromraader): member",
        "  1:1 møder med direktør-centerchef (en-til-en-moeder): member",
        "  Temamøder i koncernledelsen (temamoeder-koncernledelsen): member",
    ]


def test_forums_finds_a_post_by_its_danish_name_without_diacritics() -> None:
    result = run("forums", ROSKILDE, "Direktor for By, Kultur og Miljo")
    assert result.returncode == 0
    assert result.stdout.startswith("Forums of Direktør for By, Kultur og Miljø (direktoer-by-kultur-miljoe):\n")


def test_forums_of_an_unknown_post_suggests_the_right_one() -> None:
    result = run("forums", ISHOJ, "centerchf")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "orggraph forums: unknown post 'centerchf' in 'Ishøj Kommune' (did you mean 'centerchef'?)\n"
    )


def test_decides_dismissal_of_an_afdelingschef_in_roskilde() -> None:
    # "Beslutninger om afskedigelse skal altid godkendes ét ledelsesniveau op." (Roskilde memo, 8.)
    result = run("decides", ROSKILDE, "afskedigelse", "--subject", "afdelingschef")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Direktionen (for Afdelingschef) — rule: ")
    assert "'Beslutninger om afskedigelse skal altid godkendes ét ledelsesniveau op.'" in lines[0]
    assert "  3. decides: the manager of Afdelingschef: Afdelingschef reports to Direktionen" in lines


def test_decides_for_a_hypothetical_project() -> None:
    # "For projekter som løber over længere tid (dvs. længere end et år) ... er det altid direktionen,
    # som er styregruppe." (Roskilde memo, 7.)
    topic = "styregruppe-tvaergaaende-projekter"
    long_project = run("decides", ROSKILDE, topic, "--attr", "duration_years=2")
    assert long_project.returncode == 0
    assert long_project.stdout.startswith("Direktionen (for a subject with duration_years=2) — rule: ")
    short = run(
        "decides",
        ROSKILDE,
        topic,
        "--attr",
        "duration_years=0.5",
        "--attr",
        "operational=false",
        "--attr",
        "involves_political_level=false",
    )
    assert short.returncode == 0
    assert short.stdout.startswith("Kommunaldirektør, Direktør for By, Kultur og Miljø, Direktør (for a subject with")
    assert "may delegate to: Afdelingschef, Institutionsleder" in short.stdout


def test_decides_errors() -> None:
    missing = run("decides", ROSKILDE, "styregruppe-tvaergaaende-projekter")
    assert missing.returncode == 2
    assert missing.stderr.startswith("orggraph decides: rule 'styregruppe-direktionen' ")
    assert "needs a subject: give the attributes duration_years, operational, involves_political_level" in (
        missing.stderr
    )
    unknown = run("decides", ROSKILDE, "afskedigelsen")
    assert unknown.returncode == 2
    assert unknown.stderr == (
        "orggraph decides: unknown topic 'afskedigelsen' in 'Roskilde Kommune' (did you mean 'afskedigelse'?)\n"
    )
    bad_attr = run("decides", ROSKILDE, "afskedigelse", "--attr", "duration")
    assert bad_attr.returncode == 2
    assert bad_attr.stderr == "orggraph decides: --attr takes key=value, not 'duration'\n"


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (
            ["styregruppe-tvaergaaende-projekter"],
            "needs a subject: give the attributes duration_years, operational, involves_political_level, "
            "e.g. --attr duration_years=... --attr operational=... --attr involves_political_level=...\n",
        ),
        (
            ["styregruppe-tvaergaaende-projekter", "--attr", "duration_years=0.5"],
            "needs the subject's attributes 'operational', 'involves_political_level', which the subject "
            "(duration_years=0.5) does not have; give them, e.g. --attr operational=... "
            "--attr involves_political_level=...\n",
        ),
        (
            ["ansaettelse"],
            "needs a subject: a post of type 'afdelingschef', e.g. --subject POST or --attr type=...\n",
        ),
        (
            ["afskedigelse"],
            "needs a subject: the post the decision is about (or, for a hypothetical subject, its 'reports_to'), "
            "e.g. --subject POST or --attr reports_to=...\n",
        ),
    ],
)
def test_decides_hints_at_options_not_python(args: list[str], hint: str) -> None:
    # the library's message suggests a Python call (org.who_decides(..., duration_years=...)); the command
    # line suggests its own options
    result = run("decides", ROSKILDE, *args)
    assert result.returncode == 2
    assert result.stderr.startswith("orggraph decides: rule '")
    assert result.stderr.endswith(hint)
    assert "org.who_decides" not in result.stderr


@pytest.mark.parametrize(
    ("text", "value"),
    [("2", 2), ("0.5", 0.5), ("true", True), ("False", False), ("none", None), ("Ærø", "Ærø"), ("", "")],
)
def test_attr_values_are_typed(text: str, value: object) -> None:
    assert _value(text) == value
    assert type(_value(text)) is type(value)


# -- chart -----------------------------------------------------------------------------------------------


def test_chart_of_a_subtree_to_png_and_svg(tmp_path: Path) -> None:
    png = tmp_path / "afdeling.png"
    result = run(
        "chart", ROSKILDE, "-o", str(png), "--root", "afdelingschef", "--depth", "2", "--highlight", "Institutionsleder"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {png}\n"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000
    svg = tmp_path / "ishoj.svg"
    assert main(["chart", str(ROOT / ISHOJ), "-o", str(svg)]) == 0
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml")
    assert "<svg" in text


def test_chart_of_an_unknown_root_suggests_one(tmp_path: Path) -> None:
    result = run("chart", ISHOJ, "-o", str(tmp_path / "x.png"), "--root", "centerchf")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "orggraph chart: unknown node 'centerchf' in 'Ishøj Kommune' (did you mean 'centerchef'"
    )
    assert not (tmp_path / "x.png").exists()


# -- export and schema -----------------------------------------------------------------------------------


def check_export(org: orggraph.Org, fmt: str, out: Path) -> None:
    if fmt == "yaml":
        assert orggraph.load(out) == org
    elif fmt == "json":
        assert len(json.loads(out.read_text(encoding="utf-8"))["nodes"]) == org.graph.number_of_nodes()
    elif fmt == "graphml":
        assert set(nx.read_graphml(out, force_multigraph=True)) == set(org.graph)
    elif fmt == "gexf":
        assert nx.read_gexf(out).number_of_edges() == org.graph.number_of_edges()
    else:
        import rdflib

        posts = (
            rdflib.Graph()
            .parse(out, format="turtle")
            .subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/org#Post"))
        )
        assert len(set(posts)) == len(org.nodes("post"))


@pytest.mark.parametrize(("path", "fmt"), [(ISHOJ, "graphml"), (ROSKILDE, "ttl")])
def test_export_the_seed_orgs(path: str, fmt: str, tmp_path: Path) -> None:
    org = orggraph.load(ROOT / path)
    out = tmp_path / f"org.{fmt}"
    result = run("export", path, "--to", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    check_export(org, fmt, out)
    mermaid = run("export", path, "--to", "mermaid")
    assert mermaid.returncode == 0
    assert mermaid.stdout == org.to_mermaid() + "\n"


@pytest.mark.parametrize("path", [ISHOJ, ROSKILDE])
@pytest.mark.parametrize("fmt", ["yaml", "json", "graphml", "gexf", "ttl"])
def test_export_every_format_in_process(path: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"org.{fmt}"
    assert main(["export", str(ROOT / path), "--to", fmt, "-o", str(out)]) == 0
    check_export(orggraph.load(ROOT / path), fmt, out)


def test_export_to_an_unknown_format_lists_the_valid_ones() -> None:
    result = run("export", ISHOJ, "--to", "pdf")
    assert result.returncode == 2
    assert "invalid choice: 'pdf' (choose from" in result.stderr
    assert "'graphml'" in result.stderr


def test_schema_prints_the_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema == orggraph.json_schema()
    assert schema["title"] == "Document"


# -- bad input -------------------------------------------------------------------------------------------


def test_broken_yaml_gives_file_line_column_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "organisation: {id: x, name: Ærø}\nposts:\n  - {id: a, name: A, top: true}\n  - [oops\n", encoding="utf-8"
    )
    for command in ("summary", "validate", "export"):
        args = [command, str(path)] + (["--to", "json"] if command == "export" else [])
        result = run(*args)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr == (
            f"{path}:5:1: did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 5)\n"
        )


def test_every_problem_of_a_file_is_printed_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "refs.yaml"
    path.write_text(
        "organisation: {id: x, name: X}\n"
        "posts:\n"
        "  - {id: direktoer, name: Direktør, top: true}\n"
        "  - {id: a, name: A, reprots_to: direktoer}\n"
        "  - {id: b, name: B, reports_to: direktoer, headcount: -1}\n",
        encoding="utf-8",
    )
    result = run("summary", str(path))
    assert result.returncode == 2
    with pytest.raises(orggraph.OrgDataError) as caught:
        orggraph.load(path)
    assert result.stderr.splitlines() == [str(problem) for problem in caught.value.problems]
    assert result.stderr.startswith(f"{path}:4:22: posts[1].reprots_to: unknown key 'reprots_to'")
    assert f"\n{path}:5:56: posts[2].headcount: " in result.stderr


def test_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    result = run("summary", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: file not found\n"


def test_main_returns_exit_codes_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forums", ISHOJ, "borgmester"]) == 0
    assert capsys.readouterr().out.startswith("Forums of Borgmester (borgmester):\n")
    assert main(["export", ISHOJ, "--to", "nope"]) == 2
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"orggraph {orggraph.__version__}\n"


# -- validate, lint, spans -------------------------------------------------------------------------------


def test_validate_the_seed_orgs() -> None:
    for path in (ISHOJ, ROSKILDE):
        findings = orggraph.load(ROOT / path).lint()
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        result = run("validate", path)
        assert result.returncode == (1 if counts["error"] else 0)
        lines = result.stdout.splitlines()
        assert lines[:-1] == [f"{path}: {f}" for f in findings if f.severity in ("error", "warning")]
        assert lines[-1].startswith(f"{path}: {'invalid' if counts['error'] else 'valid'} (")
        errors, warnings = (f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in ("error", "warning"))
        assert lines[-1].endswith(f"; lint: {errors}, {warnings}, {counts['info']} info")
        strict = run("validate", "--strict", path)
        assert strict.returncode == (1 if counts["error"] or counts["warning"] else 0)


def test_validate_exits_1_on_an_error_finding(tmp_path: Path) -> None:
    path = tmp_path / "udviklingsforum.yaml"
    path.write_text(
        "organisation: {id: t, name: Tværs}\n"
        "posts:\n"
        "  - {id: chef, name: Chef, top: true}\n"
        "  - {id: medarbejder, name: Medarbejder, reports_to: chef}\n"
        "forums:\n"
        "  - id: forum\n"
        "    name: Udviklingsforum\n"
        "    members: [chef, medarbejder]\n"
        "    chair: {post: medarbejder}\n"
        "    owner: medarbejder\n"
        "    constraints: [{kind: no_managers}]\n",
        encoding="utf-8",
    )
    result = run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"{path}: OG205 error: forum 'Udviklingsforum' (forum) ")
    assert result.stdout.splitlines()[-1] == f"{path}: invalid (Tværs); lint: 1 error, 0 warnings, 0 info"


def test_lint_lists_every_finding_with_its_source() -> None:
    findings = orggraph.load(ROOT / ROSKILDE).lint()
    result = run("lint", ROSKILDE)
    assert result.returncode == (1 if any(f.severity == "error" for f in findings) else 0)
    out = result.stdout
    for finding in findings:
        assert f"{ROSKILDE}: {finding}\n" in out
    # "kommunaldirektøren og de 3 direktører udgør en samlet direktion" - the body named as manager is an unknown
    assert f"{ROSKILDE}: OG303 info: post 'Afdelingschef' (afdelingschef) has a manager documented only" in out
    assert out.splitlines()[-1].startswith(f"{len(findings)} findings: ")
    selected = run("lint", ROSKILDE, "--select", "OG303")
    assert selected.stdout.count(": OG") == 1
    bad = run("lint", ROSKILDE, "--select", "OG999")
    assert bad.returncode == 2
    assert bad.stderr.startswith("orggraph lint: select: unknown check 'OG999'")
    misspelt = run("validate", ROSKILDE, "--ignore", "isolated-posts")
    assert misspelt.returncode == 2
    assert misspelt.stderr.startswith(
        "orggraph validate: ignore: unknown check 'isolated-posts' (did you mean 'isolated-post'?); "
        "give check codes or names (OG101 no-decider, OG102 several-deciders, "
    )
    assert misspelt.stderr.endswith(" or severities (error, warning, info)\n")


def test_spans_of_roskilde() -> None:
    # "kommunaldirektøren og de 3 direktører udgør en samlet direktion" (Roskilde memo, 4.): the
    # kommunaldirektør has 3 direct reports in people, in 2 posts (one named director, "Direktør" x 2).
    result = run("spans", ROSKILDE, "--csv")
    assert result.returncode == 0
    rows = {row["post"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["kommunaldirektoer"]["name"] == "Kommunaldirektør"
    assert float(rows["kommunaldirektoer"]["direct"]) == 3
    assert int(rows["kommunaldirektoer"]["direct_posts"]) == 2
    assert set(rows) == set(orggraph.load(ROOT / ROSKILDE).nodes("post"))
    table = run("spans", ISHOJ)
    assert table.returncode == 0
    assert "Kommunaldirektør" in table.stdout


# -- import ----------------------------------------------------------------------------------------------

ORGANOGRAMS = ROOT.parent / "shared" / "data" / "uk-organograms"
POPOLO = ROOT.parent / "shared" / "data" / "popolo" / "ireland-ep-popolo-v1.0.json"
needs_shared = pytest.mark.skipif(not POPOLO.is_file(), reason="../shared/data is not there")


@needs_shared
def test_import_organogram_writes_the_imported_org(tmp_path: Path) -> None:
    from orggraph.importers import read_organogram

    senior = ORGANOGRAMS / "hm_treasury-2011-09-30-senior.csv"
    junior = ORGANOGRAMS / "hm_treasury-2011-09-30-junior.csv"
    out = tmp_path / "hmt.yaml"
    result = run("import", "organogram", str(senior), str(junior), "-o", str(out))
    assert result.returncode == 0, result.stderr
    imported = read_organogram(senior, junior)
    assert orggraph.load(out) == imported
    assert result.stderr.startswith(f"{imported.import_report}\n")
    assert result.stderr.endswith(f"wrote {out}: {imported!r}\n")


@needs_shared
def test_import_popolo_writes_the_imported_org(tmp_path: Path) -> None:
    from orggraph.importers import read_popolo

    out = tmp_path / "dail.yaml"
    result = run("import", "popolo", str(POPOLO), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert orggraph.load(out) == read_popolo(POPOLO)


def test_import_csv_with_danish_columns_to_stdout(tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text(
        "Stilling;Navn;Leder;Enhed\nA1;Direktør;;Direktion\nB2;Chef for Økonomi;A1;Økonomi\nB3;Chef;A9;Økonomi\n",
        encoding="utf-8",
    )
    columns = ["--column", "id=Stilling", "--column", "name=Navn", "--column", "manager_id=Leder"]
    result = run("import", "csv", str(path), "--delimiter", ";", *columns, "--column", "unit=Enhed")
    assert result.returncode == 0, result.stderr
    org = orggraph.loads(result.stdout)
    assert org.manager("B2") == "A1"
    assert org.name("B2") == "Chef for Økonomi"
    assert org.manager("B3") is None
    assert result.stderr == (
        "Import report: 1 repair, 0 skipped, 0 notes\n"
        f"  {path}:4:3: post 'B3': left the post without a manager (unknown post 'A9'; no post has it)\n"
    )
    strict = run("import", "csv", str(path), "--delimiter", ";", *columns, "--strict")
    assert strict.returncode == 2
    assert strict.stderr.startswith(f"{path}:4:3: ")
