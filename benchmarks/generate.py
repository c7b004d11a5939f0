"""Synthetic, realistic organisations for the benchmarks, written as YAML and as CSV.

An organisation of ``n`` posts looks like a large Danish municipality: a mayor
(political top) above a kommunaldirektør, directors, centre heads, heads of
department and team leaders, down to the people who do the work. The shape is
what makes the numbers honest:

- **Layers** grow with the size like real hierarchies: ``round(log5(n)) + 2``
  layers, so 6 at 1k, 8 at 10k, 9 at 100k and 11 at 1M posts. Layer sizes grow
  geometrically, so most people sit at the bottom but individual contributors
  exist on every layer.
- **Spans of control** are drawn per manager from a log-normal distribution
  around a target that widens towards the front line (about 5 at the top, 9-11
  for team leaders): many managers of 2-4, a long tail to 30-60, some managers
  of one. About one post in eight is a manager, as in real organisations.
- **Units** nest along the line: every manager heads a unit (directorate,
  centre, department, section, team) inside the unit of their own manager;
  other posts sit in their manager's unit. Some upper-layer assistants are
  staff posts (kept out of spans).
- **Forums** have 5-130 members: management meetings of the top, a leadership
  forum per directorate (a rule-defined group), team meetings of about a third
  of the managers, staff meetings that list a unit as the member, and
  cross-cutting networks with rotating chairs (one with a "no managers"
  constraint).
- **Topics**: about one per ten posts, each with 2-5 role edges (decides,
  responsible, prepares, qualifies, consulted, informed) held by posts, forums
  and units near one manager; **decision rules**: relative ones (the subject's
  manager hires; a dismissal is approved one level up; heads of department are
  hired two levels up) and fixed ones for one topic in twenty.
- Names are Danish (æ, ø, å), ids are short (``p123``, ``u45``, ``f6``).

The document is built as plain data in the exact form ``Org.to_dict`` gives
(fields in model order, defaults left out) and dumped with the same call as
``Org.to_yaml``, so the YAML text is byte-for-byte what the library writes.
The CSV has the columns ``id,post,type,manager_id,unit`` of a generic HR
export (``unit`` is the unit's name), its rows in a shuffled order, as exports
sorted by employee number have them.

Everything is deterministic for a given ``n`` and seed. Files are cached in
``benchmarks/_data/`` under names that include the generator version.

Usage::

    python benchmarks/generate.py --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "DATA_DIR",
    "GENERATOR_VERSION",
    "SIZES",
    "Tree",
    "csv_path",
    "ensure_csv",
    "ensure_yaml",
    "generate",
    "reporting_tree",
    "write_csv",
    "write_yaml",
    "yaml_path",
]

GENERATOR_VERSION = 2
"""Bump when the generated data changes, so cached files are regenerated."""

SIZES = (1_000, 10_000, 100_000, 1_000_000)
DATA_DIR = Path(__file__).resolve().parent / "_data"

_MANAGER_TYPES = ("kommunaldirektør", "direktør", "centerchef", "afdelingschef", "afdelingsleder", "teamleder")
_UNIT_KINDS = ("organisation", "directorate", "centre", "department", "section", "team")
_UNIT_PREFIX = ("", "Direktørområde", "Center for", "Afdeling for", "Sektion for", "Team")
_AREAS = (
    "Børn og Unge",
    "Sundhed og Ældre",
    "By, Kultur og Miljø",
    "Økonomi og Personale",
    "Job og Beskæftigelse",
    "Skole og Dagtilbud",
    "Teknik og Forsyning",
    "Social og Handicap",
    "Borgerservice",
    "Plan og Byggeri",
    "IT og Digitalisering",
    "Vej, Park og Natur",
)
_JOBS = (
    "sagsbehandler",
    "pædagog",
    "lærer",
    "social- og sundhedshjælper",
    "sygeplejerske",
    "ingeniør",
    "konsulent",
    "specialkonsulent",
    "økonom",
    "jurist",
    "ergoterapeut",
    "fysioterapeut",
    "vejleder",
    "håndværker",
    "gartner",
    "køkkenassistent",
    "socialrådgiver",
    "tandplejer",
)
_FIRST = ("Åse", "Søren", "Bjørn", "Mette", "Jørgen", "Kirsten", "Ærling", "Lærke", "Mads", "Sofie", "Øjvind", "Ida")
_LAST = ("Østergaard", "Mølgaard", "Sørensen", "Kjær", "Bøgh", "Lund", "Hansen", "Æbelø", "Nørgaard", "Thøgersen")
_SUBJECTS = (
    "budgetopfølgning",
    "indkøb og udbud",
    "arbejdsmiljø",
    "kvalitetsstandarder",
    "sagsbehandlingstider",
    "digitale løsninger",
    "kommunikation",
    "bygningsvedligehold",
    "rekruttering",
    "kompetenceudvikling",
    "tilsyn",
    "borgerinddragelse",
)
_CADENCES: tuple[dict[str, Any], ...] = (
    {"every": 1.0, "unit": "weeks"},
    {"every": 2.0, "unit": "weeks"},
    {"every": 14.0, "unit": "days"},
    {"every": 1.0, "unit": "months"},
    {"per_year": 4.0},
    {"per_year": 1.0, "per_year_max": 2.0},
    {"ad_hoc": True},
    {"unspecified": "fast mødekadence"},
)


@dataclass
class Tree:
    """A reporting tree over posts ``0 .. n-1``: post 0 is the political top (the mayor).

    Posts are numbered layer by layer and the reports of a manager are
    consecutive, so ``reports[m]`` is a ``range``.
    """

    parent: list[int]
    layer: list[int]
    reports: dict[int, range] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.parent)


def _layer_sizes(n_admin: int) -> list[int]:
    """Posts per administrative layer: 1 at the top, growing geometrically, summing to ``n_admin``."""
    layers = max(3, round(math.log(n_admin) / math.log(5)) + 1)
    low, high = 1.0, float(n_admin)
    for _ in range(200):
        ratio = (low + high) / 2
        if sum(ratio**d for d in range(layers)) > n_admin:
            high = ratio
        else:
            low = ratio
    sizes = [1] + [max(1, round(low**d)) for d in range(1, layers)]
    sizes[-1] += n_admin - sum(sizes)
    if sizes[-1] < 1:
        raise ValueError(f"cannot plan {layers} layers for {n_admin} posts")
    return sizes


def reporting_tree(n: int, rng: random.Random) -> Tree:
    """A reporting tree of ``n`` posts with realistic layers and spans (see the module docstring).

    Examples
    --------
    >>> tree = reporting_tree(1000, random.Random(0))
    >>> tree.n, tree.parent[0], tree.parent[1], max(tree.layer)
    (1000, -1, 0, 5)
    """
    if n < 20:
        raise ValueError(f"a synthetic organisation needs at least 20 posts, not {n}")
    sizes = _layer_sizes(n - 1)
    parent = [-1, 0]
    layer = [0, 1]
    reports: dict[int, range] = {0: range(1, 2)}
    level = [1]
    for depth, size in enumerate(sizes[1:]):
        target = 4.5 + 0.8 * depth
        m = min(len(level), max(1, round(size / target)))
        managers = sorted(rng.sample(level, m))
        weights = [rng.lognormvariate(0.0, 0.7) for _ in managers]
        counts = [1] * m
        for slot in rng.choices(range(m), weights=weights, k=size - m):
            counts[slot] += 1
        next_level: list[int] = []
        for manager, count in zip(managers, counts, strict=True):
            start = len(parent)
            parent.extend([manager] * count)
            layer.extend([depth + 2] * count)
            reports[manager] = range(start, start + count)
            next_level.extend(range(start, start + count))
        level = next_level
    return Tree(parent=parent, layer=layer, reports=reports)


def _preorder(tree: Tree) -> list[int]:
    order: list[int] = []
    stack = [0]
    while stack:
        post = stack.pop()
        order.append(post)
        children = tree.reports.get(post)
        if children is not None:
            stack.extend(reversed(children))
    return order


def _cite(section: str, quote: str | None = None) -> dict[str, str]:
    citation = {"document": "handbook", "section": section}
    if quote is not None:
        citation["quote"] = quote
    return citation


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def generate(n: int, *, seed: int = 0) -> dict[str, Any]:
    """A synthetic organisation of ``n`` posts as plain data in the form ``Org.to_dict`` gives.

    Parameters
    ----------
    n : int
        Number of posts (at least 20).
    seed : int
        Random seed; the same ``n`` and seed give the same organisation.

    Returns
    -------
    dict
        The document, ready for ``yaml.dump`` or ``orggraph.from_dict``.

    Examples
    --------
    >>> data = generate(200)
    >>> len(data["posts"]), data["posts"][0]["name"], data["posts"][1]["type"]
    (200, 'Borgmester', 'kommunaldirektør')
    """
    rng = random.Random(f"orggraph-benchmark/{seed}/{n}")
    tree = reporting_tree(n, rng)
    parent, layer, reports = tree.parent, tree.layer, tree.reports

    # -- units: every manager of the administration heads one ----------------------------------
    unit_of_head: dict[int, str] = {}
    area: dict[int, int] = {}
    units: list[dict[str, Any]] = [
        {"id": "byraadet", "name": "Byrådet", "source": _cite("structure"), "kind": "political_body"}
    ]
    unit_names: dict[str, str] = {"byraadet": "Byrådet"}
    for post in _preorder(tree):
        if post == 0 or post not in reports:
            continue
        depth = min(layer[post] - 1, len(_UNIT_KINDS) - 1)
        area[post] = area.get(parent[post], len(area) % len(_AREAS)) if depth > 1 else len(area) % len(_AREAS)
        uid = f"u{len(units)}"
        name = f"{_UNIT_PREFIX[depth]} {_AREAS[area[post]]} {len(units)}" if depth else "Syntetisk Kommune"
        unit: dict[str, Any] = {"id": uid, "name": name, "source": _cite("structure"), "kind": _UNIT_KINDS[depth]}
        if depth > 0:
            unit["parent"] = unit_of_head[parent[post]]
        unit["head"] = f"p{post}"
        units.append(unit)
        unit_of_head[post] = uid
        unit_names[uid] = name

    def unit_of(post: int) -> str:
        if post == 0:
            return "byraadet"
        return unit_of_head.get(post) or unit_of_head[parent[post]]

    # -- posts ----------------------------------------------------------------------------------
    staff: set[int] = set()
    for manager, children in reports.items():
        if 1 <= layer[manager] <= 3 and len(children) >= 3:
            leaves = [c for c in children if c not in reports]
            if leaves:
                staff.add(leaves[-1])
    type_of: list[str] = []
    posts_by_id: list[dict[str, Any]] = []
    for post in range(n):
        item: dict[str, Any] = {"id": f"p{post}"}
        if post == 0:
            kind = "borgmester"
            item["name"] = "Borgmester"
            item["source"] = _cite("structure", "Borgmesteren er øverste politiske leder.")
        elif post in reports:
            kind = _MANAGER_TYPES[min(layer[post] - 1, len(_MANAGER_TYPES) - 1)]
            item["name"] = f"{kind.capitalize()}, {unit_names[unit_of(post)]}"
            item["source"] = _cite("structure")
        elif post in staff:
            kind = "sekretær"
            item["name"] = f"Sekretær, {unit_names[unit_of(post)]}"
        else:
            kind = _JOBS[(area.get(parent[post], 0) * 7 + rng.randrange(6)) % len(_JOBS)]
            item["name"] = kind.capitalize()
        type_of.append(kind)
        item["type"] = kind
        item["unit"] = unit_of(post)
        if post not in reports and post not in staff and post > 0 and rng.random() < 0.05:
            item["headcount"] = rng.randint(2, 20)
            if rng.random() < 0.25:
                item["headcount_approx"] = True
        if post == 0 or post in reports:
            item["holders"] = [_person(rng)]
        if post > 0:
            item["reports_to"] = f"p{parent[post]}"
        else:
            item["top"] = True
            item["political"] = True
        if post in staff:
            item["staff"] = True
        posts_by_id.append(item)
    posts = [posts_by_id[p] for p in _preorder(tree)]

    managers = [m for m in reports if m > 0]
    managers_by_layer: dict[int, list[int]] = {}
    for m in managers:
        managers_by_layer.setdefault(layer[m], []).append(m)
    directors = managers_by_layer.get(2, [])
    ceo = 1

    reporting_lines = [
        {"post": f"p{p}", "to": f"p{rng.choice(managers)}", "description": "Faglig reference"}
        for p in rng.sample(range(2, n), max(1, n // 500))
    ]
    reporting_lines = [line for line in reporting_lines if line["post"] != line["to"]]

    # -- groups ---------------------------------------------------------------------------------
    groups: list[dict[str, Any]] = [
        {
            "id": "direktionen",
            "name": "Direktionen",
            "source": _cite("structure", "Direktionen består af kommunaldirektøren og direktørerne."),
            "members": [f"p{ceo}", *(f"p{d}" for d in directors)],
        },
        {
            "id": "koncernledelsen",
            "name": "Koncernledelsen",
            "source": _cite("structure", "Direktører og centerchefer udgør koncernledelsen."),
            "members": [f"p{ceo}"],
            "rule": {"post_types": ["direktør", "centerchef"]},
        },
    ]
    for director in directors:
        groups.append(
            {
                "id": f"g{len(groups)}",
                "name": f"Ledelsen i {unit_names[unit_of(director)]}",
                "source": _cite("structure"),
                "rule": {"post_types": ["centerchef", "afdelingschef"], "within": unit_of(director)},
            }
        )

    # -- forums ---------------------------------------------------------------------------------
    forums: list[dict[str, Any]] = []

    def meeting(hours: float) -> list[dict[str, Any]]:
        return [{"cadence": dict(rng.choice(_CADENCES)), "hours": hours}]

    forums.append(
        {
            "id": "direktionsmoeder",
            "name": "Direktionsmøder",
            "source": _cite("forums", "Direktionen mødes hver uge."),
            "members": ["direktionen"],
            "chair": {"post": f"p{ceo}"},
            "owner": f"p{ceo}",
            "meetings": [{"cadence": {"every": 1.0, "unit": "weeks"}, "hours": 3.0}],
            "agenda": True,
            "minutes": True,
        }
    )
    forums.append(
        {
            "id": "koncernledelsesmoeder",
            "name": "Møder i koncernledelsen",
            "source": _cite("forums"),
            "members": ["koncernledelsen"],
            "chair": {"post": f"p{ceo}"},
            "meetings": [
                {"cadence": {"per_year": 4.0}, "hours": 3.0},
                {"name": "Seminar", "cadence": {"per_year": 2.0}, "hours": 16.0, "overnight": True},
            ],
            "agenda": True,
        }
    )
    for index, director in enumerate(directors):
        forums.append(
            {
                "id": f"f{len(forums)}",
                "name": f"Chefforum, {unit_names[unit_of(director)]}",
                "source": _cite("forums"),
                "members": [f"p{director}", groups[2 + index]["id"]],
                "chair": {"post": f"p{director}"},
                "owner": f"p{director}",
                "meetings": meeting(2.0),
            }
        )
    chaired: dict[int, str] = {}
    for manager in managers:
        span = len(reports[manager])
        if span >= 4 and rng.random() < 0.33:
            fid = f"f{len(forums)}"
            chaired[manager] = fid
            members = [f"p{manager}", *(f"p{c}" for c in list(reports[manager])[:129])]
            forum: dict[str, Any] = {
                "id": fid,
                "name": f"Ledermøde, {unit_names[unit_of(manager)]}",
                "source": _cite("forums"),
                "members": members,
            }
            if rng.random() < 0.1 and parent[manager] > 0:
                forum["guests"] = [{"id": f"p{parent[manager]}", "part": "første punkt"}]
            forum["chair"] = {"post": f"p{manager}"}
            forum["owner"] = f"p{manager}"
            forum["meetings"] = meeting(1.0)
            forums.append(forum)
    teams = [m for m in managers if layer[m] >= 5 and 5 <= len(reports[m]) <= 129]
    for manager in rng.sample(teams, len(teams) // 10):
        forums.append(
            {
                "id": f"f{len(forums)}",
                "name": f"Personalemøde, {unit_names[unit_of(manager)]}",
                "members": [unit_of(manager)],
                "chair": {"post": f"p{manager}"},
                "meetings": [{"cadence": {"every": 1.0, "unit": "months"}, "hours": 1.0}],
            }
        )
    for index in range(max(2, n // 200)):
        size = min(130, max(5, round(rng.lognormvariate(math.log(18), 0.8))))
        if index == 0:
            pool = [p for p in rng.sample(range(2, n), min(n - 2, 4 * size)) if p not in reports]
            members_list = pool[:size]
        else:
            members_list = rng.sample(range(2, n), min(size, n - 2))
        job = _JOBS[index % len(_JOBS)]
        network: dict[str, Any] = {
            "id": f"f{len(forums)}",
            "name": "Udviklingsforum" if index == 0 else f"Netværk for {job} {index}",
            "source": _cite("forums"),
            "kind": "network",
            "members": [f"p{p}" for p in members_list],
            "chair": {"rotating_among": [f"p{p}" for p in members_list[:3]]},
            "meetings": [{"cadence": {"per_year": 4.0}, "hours": 2.5}],
            "purposes": [f"Faglig sparring om {rng.choice(_SUBJECTS)}"],
        }
        if index == 0:
            network["constraints"] = [{"kind": "no_managers", "description": "Et rum uden ledere"}]
        forums.append(network)

    # -- topics and decision rules --------------------------------------------------------------
    topics: list[dict[str, Any]] = [
        {"id": "ansaettelse", "name": "Ansættelse", "aliases": ["Hiring"], "source": _cite("decisions")},
        {"id": "afskedigelse", "name": "Afskedigelse", "aliases": ["Dismissal"], "source": _cite("decisions")},
        {
            "id": "budget",
            "name": "Budget",
            "source": _cite("decisions"),
            "roles": [
                {"role": "decides", "holder": "byraadet"},
                {"role": "responsible", "holder": f"p{ceo}"},
                {"role": "prepares", "holder": "direktionsmoeder"},
                {"role": "informed", "holder": "koncernledelsesmoeder"},
            ],
        },
    ]
    areas = [{"id": f"t{len(topics) + i}", "name": name, "source": _cite("decisions")} for i, name in enumerate(_AREAS)]
    topics.extend(areas)
    rules: list[dict[str, Any]] = [
        {
            "id": "ansaettelse-af-afdelingschefer",
            "name": "Direktøren ansætter afdelingschefer",
            "source": _cite("decisions", "Direktøren ansætter afdelingschefer."),
            "topic": "ansaettelse",
            "rule": "the director two levels above the subject hires",
            "subject_types": ["afdelingschef"],
            "decides": {"relation": "manager_of_subject", "levels": 2},
        },
        {
            "id": "ansaettelse-ved-naermeste-leder",
            "name": "Nærmeste leder ansætter",
            "source": _cite("decisions"),
            "topic": "ansaettelse",
            "rule": "the subject's manager hires",
            "decides": {"relation": "manager_of_subject"},
        },
        {
            "id": "afskedigelse-godkendes-et-niveau-op",
            "name": "Afskedigelse godkendes et ledelsesniveau op",
            "source": _cite("decisions", "En afskedigelse godkendes et ledelsesniveau over den, der træffer den."),
            "topic": "afskedigelse",
            "rule": "the subject's manager decides and the manager's manager approves",
            "decides": {"relation": "manager_of_subject"},
            "approves": {"relation": "manager_of_decider"},
        },
    ]
    for index in range(max(1, n // 10 - len(topics))):
        owner = rng.choice(managers)
        tid = f"t{len(topics)}"
        roles: list[dict[str, Any]] = []
        boss = parent[owner] if parent[owner] > 0 and rng.random() < 0.5 else owner
        roles.append({"role": "decides", "holder": f"p{boss}"})
        roles.append({"role": "responsible", "holder": f"p{owner}"})
        if rng.random() < 0.6:
            roles.append({"role": "prepares", "holder": f"p{rng.choice(reports[owner])}"})
        if owner in chaired and rng.random() < 0.5:
            roles.append({"role": rng.choice(("qualifies", "consulted")), "holder": chaired[owner]})
        if rng.random() < 0.3:
            roles.append({"role": "informed", "holder": unit_of(owner)})
        topic: dict[str, Any] = {
            "id": tid,
            "name": f"{rng.choice(_SUBJECTS).capitalize()} i {unit_names[unit_of(owner)]}",
            "source": _cite("decisions"),
            "parent": areas[area.get(owner, 0)]["id"],
            "roles": roles,
        }
        topics.append(topic)
        if index % 20 == 0:
            rule: dict[str, Any] = {
                "id": f"r{len(rules)}",
                "name": f"Beslutning om {topic['name'][0].lower()}{topic['name'][1:]}",
                "source": _cite("decisions"),
                "topic": tid,
                "rule": "the responsible manager decides after consulting the staff of the unit",
                "decides": {"ids": [f"p{owner}"]},
                "consults": [unit_of(owner)],
            }
            rules.append(rule)

    # -- instruments, events, declared counts ---------------------------------------------------
    department_heads = managers_by_layer.get(4, [])
    agreements = [
        {
            "id": f"aftale-{head}",
            "parties": [f"p{head}", f"p{parent[head]}"],
            "year": 2025,
            "goals": [
                {"name": f"Mål {g + 1}", "cross_cutting": True} if g % 2 else {"name": f"Mål {g + 1}"}
                for g in range(rng.randint(4, 6))
            ],
        }
        for head in department_heads[:2000]
    ]
    instruments: list[dict[str, Any]] = [
        {
            "id": "vision",
            "name": "Vision for Syntetisk Kommune",
            "source": _cite("structure"),
            "kind": "vision",
            "owner": ["byraadet"],
        },
        {
            "id": "afdelingsaftaler",
            "name": "Afdelingsaftaler",
            "source": _cite("structure", "Hver afdeling indgår årligt en aftale med 4-6 mål."),
            "kind": "agreement",
            "owner": ["direktionen"],
            "based_on": ["vision"],
            "cadence": {"per_year": 1.0},
            "goals_min": 4,
            "goals_max": 6,
            "cross_cutting_share_min": 0.5,
        },
    ]
    if agreements:
        instruments[1]["instances"] = agreements
    events = [
        {
            "id": f"e{q}",
            "name": name,
            "source": _cite("forums"),
            "quarter": q,
            "forum": "koncernledelsesmoeder",
            "topic": "budget",
        }
        for q, name in ((1, "Regnskab"), (2, "Budgetseminar"), (3, "Budgetforhandlinger"), (4, "Strategidag"))
    ]
    declared = [
        {
            "id": "antal-direktoerer",
            "description": f"{len(directors)} direktører",
            "count": len(directors),
            "of": "posts",
            "post_type": "direktør",
            "source": _cite("structure"),
        }
    ]
    return {
        "orggraph": 1,
        "organisation": {"id": "syntetisk", "name": "Syntetisk Kommune", "description": f"A synthetic {n}-post org."},
        "sources": [
            {
                "id": "handbook",
                "title": "Syntetisk styringshåndbog",
                "sections": [
                    {"id": "structure", "title": "1. Organisation"},
                    {"id": "forums", "title": "2. Mødefora"},
                    {"id": "decisions", "title": "3. Kompetencer"},
                ],
            }
        ],
        "units": units,
        "posts": posts,
        "reporting_lines": reporting_lines,
        "groups": groups,
        "forums": forums,
        "topics": topics,
        "decision_rules": rules,
        "instruments": instruments,
        "events": events,
        "declared_counts": declared,
    }


def _dumper() -> type[yaml.SafeDumper]:
    dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return dumper


def write_yaml(data: dict[str, Any], path: Path) -> None:
    """Write ``data`` as YAML exactly as ``Org.to_yaml`` does (atomically: a partial file never appears).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     target = Path(tmp) / "org.yaml"
    ...     write_yaml(generate(50), target)
    ...     target.read_text(encoding="utf-8").startswith("orggraph: 1")
    True
    """
    text = yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100)
    _write_atomically(path, text)


def write_csv(data: dict[str, Any], path: Path, *, seed: int = 0) -> None:
    """Write the posts of ``data`` as an HR export: ``id,post,type,manager_id,unit``.

    ``post`` is the post's name, ``type`` its type (the fields' own names, so
    that no header is ambiguous), ``unit`` the unit's name; rows are shuffled.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     target = Path(tmp) / "org.csv"
    ...     write_csv(generate(50), target)
    ...     target.read_text(encoding="utf-8").splitlines()[0]
    'id,post,type,manager_id,unit'
    """
    names = {unit["id"]: unit["name"] for unit in data["units"]}
    rows = [
        (post["id"], post["name"], post.get("type", ""), post.get("reports_to", ""), names[post["unit"]])
        for post in data["posts"]
    ]
    random.Random(f"orggraph-benchmark-csv/{seed}/{len(rows)}").shuffle(rows)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("id", "post", "type", "manager_id", "unit"))
        writer.writerows(rows)
    os.replace(tmp, path)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def yaml_path(n: int, *, seed: int = 0, directory: Path = DATA_DIR) -> Path:
    """Where the cached YAML of size ``n`` lives."""
    return directory / f"org-{n}-seed{seed}-v{GENERATOR_VERSION}.yaml"


def csv_path(n: int, *, seed: int = 0, directory: Path = DATA_DIR) -> Path:
    """Where the cached CSV of size ``n`` lives."""
    return directory / f"org-{n}-seed{seed}-v{GENERATOR_VERSION}.csv"


def ensure_yaml(n: int, *, seed: int = 0, directory: Path = DATA_DIR) -> Path:
    """The cached YAML file of size ``n``, generated first when missing."""
    path = yaml_path(n, seed=seed, directory=directory)
    if not path.exists():
        write_yaml(generate(n, seed=seed), path)
    return path


def ensure_csv(n: int, *, seed: int = 0, directory: Path = DATA_DIR) -> Path:
    """The cached CSV file of size ``n``, generated first when missing."""
    path = csv_path(n, seed=seed, directory=directory)
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        write_csv(generate(n, seed=seed), path, seed=seed)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Generate (or find cached) YAML and CSV files for the given sizes and print their paths."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES[:3]), help="numbers of posts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dir", type=Path, default=DATA_DIR, help="where to cache the files")
    parser.add_argument("--no-yaml", action="store_true", help="write only the CSV files")
    args = parser.parse_args(argv)
    for n in args.sizes:
        if not args.no_yaml:
            print(ensure_yaml(n, seed=args.seed, directory=args.dir))
        print(ensure_csv(n, seed=args.seed, directory=args.dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
