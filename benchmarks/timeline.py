"""How fast posts are matched across a series of snapshots, and how that grows with size.

A synthetic department (organogram-like: posts with references, titles, units, grades, holders and
managers) is published eleven times; between publications it churns the way DFID's series does:

- 4 % of posts abolished and 4 % created,
- 10 % of the kept posts renumbered (a new reference),
- 6 % retitled (a word of the title replaced), 6 % change holder, 3 % move to another manager,
  2 % regraded,
- one unit renamed per publication (its posts keep their places).

Titles are ``<role> <subject> <place>``: 6 roles, 55 subjects, and one place name per 20 posts
(a bigger department has more offices and programmes), so a title word is shared by about as many
posts at 26 000 posts as at 1 000.

The generator knows which post is which, so the run also reports the matching's precision and
recall against that truth. The work is timed (CPU time of the process, steady on a shared
machine) per pair of consecutive snapshots; building the organisations is not timed. Timings are
never asserted in the test suite.

Usage::

    .venv/bin/python benchmarks/timeline.py                         # 1k, 4k, 13k posts, 11 snapshots
    .venv/bin/python benchmarks/timeline.py --sizes 13000 26000 --snapshots 11
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

import orggraph
from orggraph.matching import match_posts

ROLES = ("Head of", "Deputy Director,", "Director,", "Senior Adviser,", "Team Leader,", "Programme Manager,")
SUBJECTS = (
    "Finance",
    "Audit",
    "Research",
    "Evidence",
    "Policy",
    "Trade",
    "Health",
    "Education",
    "Climate",
    "Energy",
    "Water",
    "Growth",
    "Governance",
    "Security",
    "Humanitarian",
    "Conflict",
    "Procurement",
    "Estates",
    "Digital",
    "Data",
    "Statistics",
    "Economics",
    "Legal",
    "Communications",
    "Press",
    "Partnerships",
    "Funds",
    "Investment",
    "Infrastructure",
    "Agriculture",
    "Nutrition",
    "Gender",
    "Migration",
    "Resilience",
    "Evaluation",
    "Risk",
    "Assurance",
    "Payroll",
    "Pensions",
    "Recruitment",
    "Learning",
    "Strategy",
    "Planning",
    "Performance",
    "Delivery",
    "Operations",
    "Commercial",
    "Contracts",
    "Grants",
    "Property",
    "Facilities",
    "Safeguarding",
    "Fraud",
    "Tax",
    "Customs",
    "Borders",
)
_PLACE_START = ("Nor", "Sou", "Eas", "Wes", "Cen", "Up", "Low", "Mid", "Kar", "Lan", "Mal", "Tor", "Vel", "Ost", "Bra")
_PLACE_MIDDLE = ("", "ka", "ri", "ven", "dor", "li", "mo", "sa", "te", "bu")
_PLACE_END = ("land", "mark", "ia", "stan", "ora", "via", "ton", "ford", "dal", "by", "holm", "rup", "vik", "sund")
PLACES_PER_POST = 1 / 20
"""A department's offices, programmes and places grow with it: one place name per 20 posts."""
FIRST = ("Anna", "Ben", "Cara", "Dev", "Ebba", "Finn", "Gita", "Hal", "Ida", "Jon", "Kim", "Lea", "Mo", "Nils")
SYLLABLES = ("ber", "dal", "ing", "sen", "ham", "ley", "wor", "tan", "mor", "vik", "gaa", "rup", "ste", "cko")
GRADES = ("SCS4", "SCS3", "SCS2", "SCS1", "G6", "G7")


@dataclass
class Post:
    key: int  # the generator's identity: the same post in every snapshot
    ref: str
    title: str
    unit: int
    grade: str
    holder: str
    manager: int | None  # the manager's key


@dataclass
class Department:
    posts: dict[int, Post]
    units: dict[int, str]
    next_key: int = 0
    next_ref: int = 0
    next_unit: int = 0
    rng: random.Random = field(default_factory=random.Random)
    places: tuple[str, ...] = ()


def _name(rng: random.Random) -> str:
    surname = "".join(rng.choice(SYLLABLES) for _ in range(4)).capitalize()
    return f"{rng.choice(FIRST)} {surname}"


def places(n: int) -> tuple[str, ...]:
    """``n / 20`` place names (at least 50), deterministic."""
    names = [f"{a}{m}{e}" for m in _PLACE_MIDDLE for a in _PLACE_START for e in _PLACE_END]
    return tuple(names[: max(50, round(n * PLACES_PER_POST))])


def _title(rng: random.Random, where: Sequence[str]) -> str:
    return f"{rng.choice(ROLES)} {rng.choice(SUBJECTS)} {rng.choice(where)}"


def _new_post(dept: Department, manager: int | None, depth: int) -> Post:
    rng = dept.rng
    dept.next_key += 1
    dept.next_ref += 1
    unit = dept.posts[manager].unit if manager is not None and rng.random() < 0.7 else rng.choice(list(dept.units))
    grade = GRADES[min(depth, len(GRADES) - 1)]
    return Post(dept.next_key, f"P{dept.next_ref}", _title(rng, dept.places), unit, grade, _name(rng), manager)


def department(n: int, seed: int = 0) -> Department:
    """A department of ``n`` posts: a tree with spans of 3-12, units of about 40 posts."""
    rng = random.Random(seed)
    where = places(n)
    units = {u: f"Unit {rng.choice(SUBJECTS)} {rng.choice(where)} {u}" for u in range(max(1, n // 40))}
    dept = Department({}, units, rng=rng, next_unit=len(units), places=where)
    top = _new_post(dept, None, 0)
    dept.posts[top.key] = top
    frontier = [(top.key, 0)]
    while len(dept.posts) < n:
        manager, depth = frontier.pop(0)
        for _ in range(rng.randint(3, 12)):
            if len(dept.posts) >= n:
                break
            post = _new_post(dept, manager, depth + 1)
            dept.posts[post.key] = post
            frontier.append((post.key, depth + 1))
    return dept


def evolve(dept: Department) -> Department:
    """The next publication: posts abolished, created, renumbered, retitled, re-held, moved; a unit renamed."""
    rng = dept.rng
    posts = {k: replace(p) for k, p in dept.posts.items()}
    keys = sorted(posts)
    root = keys[0]
    managers = {p.manager for p in posts.values() if p.manager is not None}
    leaves = [k for k in keys if k not in managers and k != root]
    for k in rng.sample(leaves, min(len(leaves), round(0.04 * len(keys)))):
        del posts[k]
    new = Department(posts, dict(dept.units), dept.next_key, dept.next_ref, dept.next_unit, rng, dept.places)
    alive = sorted(posts)
    for _ in range(round(0.04 * len(keys))):
        post = _new_post(new, rng.choice(alive), 3)
        posts[post.key] = post
    for k in sorted(posts):
        post = posts[k]
        if k == root:
            continue
        if rng.random() < 0.10:
            new.next_ref += 1
            post.ref = f"P{new.next_ref}"
        if rng.random() < 0.06:
            words = post.title.split()
            words[-1 if rng.random() < 0.5 else -2] = rng.choice(SUBJECTS)
            post.title = " ".join(words)
        if rng.random() < 0.06:
            post.holder = _name(rng)
        if rng.random() < 0.03:
            candidate = rng.choice(alive)
            if candidate != k and posts.get(candidate) is not None and not _below(posts, candidate, k):
                post.manager = candidate
        if rng.random() < 0.02:
            post.grade = rng.choice(GRADES[2:])
    renamed = rng.choice(sorted(new.units))
    new.units[renamed] = new.units[renamed].replace("Unit", "Directorate", 1) + " (renamed)"
    return new


def _below(posts: dict[int, Post], start: int, ancestor: int) -> bool:
    current: int | None = start
    while current is not None:
        if current == ancestor:
            return True
        current = posts[current].manager
    return False


def to_org(dept: Department) -> orggraph.Org:
    refs = {k: p.ref for k, p in dept.posts.items()}
    posts: list[dict[str, Any]] = []
    for k in sorted(dept.posts):
        p = dept.posts[k]
        data: dict[str, Any] = {"id": p.ref, "name": p.title, "unit": f"u{p.unit}", "grade": p.grade}
        data["holders"] = [p.holder]
        if p.manager is None:
            data["top"] = True
        else:
            data["reports_to"] = refs[p.manager]
        posts.append(data)
    used = {p.unit for p in dept.posts.values()}
    units = [{"id": f"u{u}", "name": name} for u, name in sorted(dept.units.items()) if u in used]
    return orggraph.from_dict(
        {"organisation": {"id": "synthetic", "name": "Synthetic"}, "units": units, "posts": posts}
    )


@dataclass(frozen=True)
class Result:
    posts: int
    snapshots: int
    seconds: float
    per_pair: float
    candidates_per_post: float
    precision: float
    recall: float


def run(n: int, snapshots: int = 11, seed: int = 0) -> Result:
    """Build a series of ``snapshots`` publications of ``n`` posts and time matching each consecutive pair."""
    series = [department(n, seed)]
    for _ in range(snapshots - 1):
        series.append(evolve(series[-1]))
    orgs = [to_org(d) for d in series]
    seconds = 0.0
    true_positive = matched = same = candidates = 0
    for (da, db), (oa, ob) in zip(itertools.pairwise(series), itertools.pairwise(orgs), strict=True):
        start = time.process_time()
        matching = match_posts(oa, ob)
        seconds += time.process_time() - start
        candidates += matching.candidates
        truth = {da.posts[k].ref: db.posts[k].ref for k in da.posts if k in db.posts}
        same += len(truth)
        matched += len(matching.pairs)
        true_positive += sum(1 for m in matching.pairs if truth.get(m.a) == m.b)
    pairs = snapshots - 1
    return Result(
        posts=n,
        snapshots=snapshots,
        seconds=seconds,
        per_pair=seconds / pairs,
        candidates_per_post=candidates / (pairs * n),
        precision=true_positive / matched if matched else 1.0,
        recall=true_positive / same if same else 1.0,
    )


def format_table(results: Sequence[Result]) -> str:
    lines = [
        "| posts | snapshots | matching, all pairs (CPU s) | per pair (CPU s) | growth exponent "
        "| candidates per post | precision | recall |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    previous: Result | None = None
    for r in results:
        growth = (
            ""
            if previous is None
            else f"{math.log(r.seconds / previous.seconds) / math.log(r.posts / previous.posts):.2f}"
        )
        lines.append(
            f"| {r.posts:,} | {r.snapshots} | {r.seconds:.2f} | {r.per_pair:.3f} | {growth} | "
            f"{r.candidates_per_post:.1f} | {r.precision:.1%} | {r.recall:.1%} |"
        )
        previous = r
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="orggraph benchmark: matching posts across snapshots")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 13000])
    parser.add_argument("--snapshots", type=int, default=11)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    results = [run(n, args.snapshots, args.seed) for n in args.sizes]
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
