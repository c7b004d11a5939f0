"""Junior staff keep their identity from one publication to the next; file positions are no change."""

from __future__ import annotations

import csv
from pathlib import Path

import orggraph
from orggraph.importers import read_organogram

DATA = Path(__file__).parent / "data"
SENIOR = DATA / "dfid-excerpt-2013-09-30-senior.csv"
JUNIOR = DATA / "dfid-excerpt-2013-09-30-junior.csv"


def _reversed_copy(source: Path, target: Path) -> None:
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with open(target, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0], *reversed(rows[1:])])


def test_rows_in_another_order_are_the_same_organisation(tmp_path: Path) -> None:
    _reversed_copy(SENIOR, tmp_path / "senior.csv")
    _reversed_copy(JUNIOR, tmp_path / "junior.csv")
    before = read_organogram(SENIOR, JUNIOR)
    after = read_organogram(tmp_path / "senior.csv", tmp_path / "junior.csv")
    # Every row moved (the stored file row of each post differs) ...
    rows = {p.id: p.attributes["row"] for p in before.document.posts}
    assert all(rows[p.id] != p.attributes["row"] for p in after.document.posts if len(before.document.posts) > 1)
    # ... yet the same posts, junior staff included, with the same ids, and diff sees no post change.
    assert sorted(before.nodes("post")) == sorted(after.nodes("post"))
    changes = orggraph.diff(before, after)
    assert [c for c in changes if c.item in ("post", "unit")] == []


def test_junior_ids_say_what_the_staff_are() -> None:
    org = read_organogram(SENIOR, JUNIOR)
    with open(JUNIOR, encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    ident = "junior:" + "/".join(
        first[column] for column in ("Reporting Senior Post", "Grade", "Generic Job Title", "Unit")
    )
    node = org.graph.nodes[ident]
    assert (node["grade"], node["name"], node["reports_to"]) == (
        first["Grade"],
        first["Generic Job Title"],
        first["Reporting Senior Post"],
    )
    assert not any("#row" in post for post in org.nodes("post"))


def test_repeated_junior_rows_get_distinct_ids(tmp_path: Path) -> None:
    senior = tmp_path / "d-2020-01-01-senior.csv"
    junior = tmp_path / "d-2020-01-01-junior.csv"
    senior.write_text("Post Unique Reference,Name,Job Title,Unit,Reports to Senior Post,FTE\n1,Åse,Head,U,XX,1\n")
    junior.write_text(
        "Unit,Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE,Professional/Occupational Group\n"
        "U,1,EO,Clerk,2,Finance\nU,1,EO,Clerk,3,Policy\nU,1,EO,Clerk,4,Policy\n"
    )
    org = read_organogram(senior, junior)
    assert org.direct_reports("1") == [
        "junior:1/EO/Clerk/U/Finance",
        "junior:1/EO/Clerk/U/Policy",
        "junior:1/EO/Clerk/U/Policy-2",
    ]
    assert org.headcount("junior:1/EO/Clerk/U/Policy-2") == 4  # numbered by pay and FTE: 3 before 4


def test_a_kept_senior_post_on_another_line_is_no_change() -> None:
    org = orggraph.example()
    moved = org.document.model_copy(
        update={
            "posts": tuple(p.model_copy(update={"attributes": {**p.attributes, "row": 99}}) for p in org.document.posts)
        }
    )
    assert len(orggraph.diff(org, orggraph.Org(moved))) == 0


def test_diff_reports_a_unit_renamed_by_its_posts() -> None:
    # MoD's Land Forces became Army Command: imports key units by name, so the id changes.
    def org(unit: str, extra: tuple[str, ...] = ()) -> orggraph.Org:
        posts = [{"id": "cgs", "name": "CGS", "top": True, "unit": "hq"}]
        posts += [{"id": p, "name": p.upper(), "reports_to": "cgs", "unit": unit} for p in ("a", "b", "c", *extra)]
        units = [{"id": "hq", "name": "HQ"}, {"id": unit, "name": unit}]
        return orggraph.from_dict({"organisation": {"id": "mod", "name": "MoD"}, "units": units, "posts": posts})

    changes = orggraph.diff(org("Land Forces"), org("Army Command", ("d",)))
    assert [(c.kind, c.item, c.id, c.field, c.before, c.after) for c in changes] == [
        ("renamed", "unit", "Land Forces", "id", "Land Forces", "Army Command"),
        ("added", "post", "d", None, None, changes.changes[1].after),
    ]
    assert (
        str(changes).splitlines()[0] == "renamed unit 'Army Command' (Land Forces): id 'Land Forces' → 'Army Command'"
    )
