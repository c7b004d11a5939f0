"""The notebooks in ``notebooks/`` run top to bottom in a fresh kernel and show what they promise.

Each notebook is executed with nbclient in a new kernel of *this* interpreter
(a kernel spec written for ``sys.executable``, so a ``python3`` kernel spec
elsewhere on the machine cannot slip in another environment), with the working
directory ``notebooks/`` as in Jupyter. A cell that raises fails the test, and
so does any output on stderr (a warning an analyst would see).

The committed notebooks carry no outputs: ``scripts/build_notebooks.py`` writes
them from reviewable Python, and running them regenerates every table and
picture. That keeps diffs to the analysis itself and the repository small;
``test_notebooks_are_built_by_the_script`` keeps script and notebooks in step.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat as _nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ORGANOGRAMS = ROOT.parent / "shared" / "data" / "uk-organograms"
KERNEL = "orggraph-test-python"

needs_shared = pytest.mark.skipif(not ORGANOGRAMS.is_dir(), reason="../shared/data/uk-organograms is not there")

NOTEBOOK_PARAMS = [
    "01_ishoj.ipynb",
    "02_roskilde.ipynb",
    pytest.param("03_uk_organogram.ipynb", marks=needs_shared),
    pytest.param("04_over_time.ipynb", marks=needs_shared),
]

# nbformat has no type hints: its calls and notebooks are checked as Any.
nbformat: Any = _nbformat
Notebook = Any


@pytest.fixture(scope="session")
def kernel_specs(tmp_path_factory: pytest.TempPathFactory) -> KernelSpecManager:
    """A kernel spec manager that knows one kernel: ipykernel on ``sys.executable``."""
    kernels = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(kernels / KERNEL)
    return KernelSpecManager(kernel_dirs=[str(kernels)])


def execute(nb: Notebook, kernel_specs: KernelSpecManager) -> Notebook:
    """Run every cell of ``nb`` in a fresh kernel, in ``notebooks/``; raise on the first error."""
    manager = KernelManager(kernel_name=KERNEL, kernel_spec_manager=kernel_specs)
    client = NotebookClient(nb, km=manager, timeout=300, resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return nb


@pytest.fixture(scope="session")
def executed(kernel_specs: KernelSpecManager) -> Callable[[str], Notebook]:
    """The executed notebook of a name, run once per test session."""
    done: dict[str, Notebook] = {}

    def run(name: str) -> Notebook:
        if name not in done:
            done[name] = execute(nbformat.read(NOTEBOOKS / name, as_version=4), kernel_specs)
        return done[name]

    return run


def cell(nb: Notebook, ident: str) -> Any:
    matches = [c for c in nb.cells if c.get("id") == ident]
    assert len(matches) == 1, f"no cell with id {ident!r}"
    return matches[0]


def text(nb: Notebook, ident: str) -> str:
    """Everything a code cell showed: streams, and the plain text and HTML of its results."""
    parts = []
    for output in cell(nb, ident).outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
            parts.append(output.data.get("text/html", ""))
    return "\n".join(parts)


def has_image(nb: Notebook, ident: str) -> bool:
    outputs = cell(nb, ident).outputs
    return any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {}) for o in outputs)


# -- every notebook -------------------------------------------------------------------------------


def test_there_are_notebooks() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == [
        "01_ishoj.ipynb",
        "02_roskilde.ipynb",
        "03_uk_organogram.ipynb",
        "04_over_time.ipynb",
    ]


@pytest.mark.parametrize("name", NOTEBOOK_PARAMS)
def test_notebook_runs_without_errors_or_warnings(name: str, executed: Callable[[str], Notebook]) -> None:
    nb = executed(name)
    stderr = [(c.id, o.text) for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("name") == "stderr"]
    assert stderr == [], f"{name}: cells wrote to stderr: {stderr}"
    for code_cell in (c for c in nb.cells if c.cell_type == "code"):
        assert code_cell.execution_count is not None, f"{name}: cell {code_cell.id} did not run"


@pytest.mark.parametrize(
    "name", ["01_ishoj.ipynb", "02_roskilde.ipynb", "03_uk_organogram.ipynb", "04_over_time.ipynb"]
)
def test_committed_notebooks_have_no_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    for code_cell in (c for c in nb.cells if c.cell_type == "code"):
        assert code_cell.outputs == [], f"{name}: cell {code_cell.id} has outputs"
        assert code_cell.execution_count is None, f"{name}: cell {code_cell.id} has an execution count"


def test_notebooks_are_built_by_the_script() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + "\n(run: python scripts/build_notebooks.py)"


def test_the_kernel_is_this_interpreter_in_the_notebooks_folder(kernel_specs: KernelSpecManager) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("import os, sys\nprint(sys.executable)\nprint(os.getcwd())"))
    lines = execute(nb, kernel_specs).cells[0].outputs[0].text.splitlines()
    assert Path(lines[0]).resolve() == Path(sys.executable).resolve()
    assert Path(lines[1]).resolve() == NOTEBOOKS.resolve()


# -- what each notebook shows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("01_ishoj.ipynb", "org-chart"),
        ("01_ishoj.ipynb", "forum-chart"),
        ("02_roskilde.ipynb", "dismissal-chart"),
        ("02_roskilde.ipynb", "wheel"),
        ("02_roskilde.ipynb", "move-chart"),
        pytest.param("03_uk_organogram.ipynb", "directorate-chart", marks=needs_shared),
    ],
)
def test_pictures_show_as_images(name: str, ident: str, executed: Callable[[str], Notebook]) -> None:
    assert has_image(executed(name), ident)


def test_ishoj_shows_nine_centre_heads_and_their_forums(executed: Callable[[str], Notebook]) -> None:
    nb = executed("01_ishoj.ipynb")
    assert "Centerchef: 9 centerchefer in one post" in text(nb, "centerchefer")
    # "sine tilknyttede centerchefer": one of the three directors, not said which
    assert "manager: one of Kommunaldirektør, Direktør (område 2), Direktør (område 3)" in text(nb, "centerchefer")
    assert "Koncernledelsen: 12 people in 4 posts" in text(nb, "koncernledelsen")
    assert "Faste møder i koncernledelsen" in text(nb, "centre-head-forums")


def test_ishoj_shows_who_decides_with_the_quote(executed: Callable[[str], Notebook]) -> None:
    nb = executed("01_ishoj.ipynb")
    shown = text(nb, "who-decides-measures")
    assert "Koncernledelsen" in shown
    assert "Koncernledelsen træffer beslutninger om organisatoriske tiltag" in shown


def test_ishoj_lint_reports_the_undocumented_director(executed: Callable[[str], Notebook]) -> None:
    nb = executed("01_ishoj.ipynb")
    # the two directors besides the kommunaldirektør: their manager is not documented
    assert "OG306" in text(nb, "lint-summary")
    assert "manager-unknown" in text(nb, "lint-summary")


def test_roskilde_shows_decisions_relative_to_the_structure(executed: Callable[[str], Notebook]) -> None:
    nb = executed("02_roskilde.ipynb")
    # "direktøren ansætter afdelingschefer": a director, which one is not said
    assert "One of Direktør for By, Kultur og Miljø, Direktør (område 2), Direktør (område 3)" in text(
        nb, "hiring-afdelingschef"
    )
    dismissal = text(nb, "dismissal-institution")
    assert "Institutionsleder" in dismissal
    assert "Afdelingschef" in dismissal
    steering = text(nb, "steering-projects")
    assert "styregruppe-direktionen" in steering
    assert "styregruppe-direktionsmedlemmer" in steering
    assert "OG404" in text(nb, "agreement-check")


def test_roskilde_what_if_shows_the_diff_and_its_effects(executed: Callable[[str], Notebook]) -> None:
    nb = executed("02_roskilde.ipynb")
    assert "Lederforum" in text(nb, "merge-diff")
    assert "Institutionsleder" in text(nb, "merge-load")
    assert "moved post 'Afdelingschef' (afdelingschef): reports_to None → 'direktoer-by-kultur-miljoe'" in text(
        nb, "move-diff"
    )
    assert "reports_to_one_of" in text(nb, "move-diff")
    assert "after the move" in text(nb, "move-decisions")
    assert "lint findings that the move resolves:" in text(nb, "move-lint")


def test_roskilde_udviklingsforum_employees_are_not_placed_at_the_top(executed: Callable[[str], Notebook]) -> None:
    nb = executed("02_roskilde.ipynb")
    assert "1 post in no layer: a line manager in its chain of command is not documented." in text(nb, "spans")
    assert "manager_unknown" in text(nb, "layers")
    assert "its line manager is not documented" in text(nb, "hiring-dismissal-table")


def test_roskilde_lint_finds_only_documented_unknowns(executed: Callable[[str], Notebook]) -> None:
    # section 7 says every finding is information, among them OG306 for the Udviklingsforum employees
    nb = executed("02_roskilde.ipynb")
    by_check = text(nb, "lint-by-check")
    assert "OG306" in by_check
    assert "manager-unknown" in by_check
    assert "error" not in by_check


def test_roskilde_lint_has_no_warning(executed: Callable[[str], Notebook]) -> None:
    # section 7: "Every finding is information (`info`), none a warning or an error"; the afdelingschef's
    # candidate managers are a documented manager, not a missing one (OG301)
    assert "warning" not in text(executed("02_roskilde.ipynb"), "lint-by-check")


@needs_shared
def test_organogram_import_report_and_export(executed: Callable[[str], Notebook]) -> None:
    nb = executed("03_uk_organogram.ipynb")
    assert "HM Treasury" in text(nb, "import")
    assert "Import report:" in text(nb, "import-report")
    assert "17+" in text(nb, "span-bins")
    exported = re.search(r"(\d+) nodes, (\d+) edges\nthe graph itself: (\d+) nodes, (\d+) edges", text(nb, "graphml"))
    assert exported is not None
    assert exported.group(1, 2) == exported.group(3, 4)


@needs_shared
def test_over_time_notebook_finds_the_partial_publication(executed: Callable[[str], Notebook]) -> None:
    nb = executed("04_over_time.ipynb")
    assert "6 snapshots, 2011-03-31 .. 2014-09-30" in text(nb, "read")
    assert has_image(nb, "trend-chart")
    assert has_image(nb, "grades-chart")
    partial = text(nb, "partial")
    assert "2014-03-31" in partial
    assert "29 posts against 89 before and 92 after" in partial
    assert "A29" in text(nb, "lineage")
    assert "Head of Private Sector Department" in text(nb, "directorate")  # added in the new directorate


@needs_shared
def test_organogram_notebook_checks_grades_and_hr_findings(executed: Callable[[str], Notebook]) -> None:
    nb = executed("03_uk_organogram.ipynb")
    assert "66 973.84 FTE + 1 post of unknown size" in text(nb, "hmrc-import")
    assert "SCS4 > SCS3 > SCS2 > SCS1A > SCS1 > G6 > G7 > SEO > HEO" in text(nb, "hmrc-import")
    assert "False" not in text(nb, "hmrc-check")  # every grade's FTE agrees with the csv module's count
    assert "OG503  wide-span        16" in text(nb, "hmrc-lint")
    assert "FTE: " in text(nb, "hmrc-chart")


def test_ishoj_redundancy_is_not_an_artefact_of_the_chef_meetings(executed: Callable[[str], Notebook]) -> None:
    # "Afholdes for hvert direktørområde": three series, each a director and that area's centre heads, so the
    # chef meetings do not have the koncernledelse's members; only its own three forums do (section 3's text)
    nb = executed("01_ishoj.ipynb")
    shown = text(nb, "redundant-forums")
    assert "Chefmøde" not in shown
    assert "Temamøder i koncernledelsen" in shown
