"""A Mermaid flowchart of the reporting structure, to paste into Markdown, GitHub or a wiki.

Managers are drawn above their reports (``manager --> report``). A solid
arrow is a line to a manager that is a post; a dotted arrow is a line to a
body (the source names only a unit or group as the manager, drawn with
rounded corners and a dashed border), and a dotted arrow with a label is a
secondary line (``dotted line``, ``accountability``, ``advice``) drawn from
the other end towards the post, when asked for. A post that stands for several people shows
how many: ``(×3)``, ``(×~130)`` when approximate, ``(×?)`` when unknown.

A body that is drawn (because posts report to it) is joined to its members
by a plain line without an arrowhead, from the member: ``member`` for the
posts of an executive board, political body or committee and the members of
a group, ``head`` for the post that heads a unit. Secondary lines are off by
default (``secondary=True`` draws them).

A post marked ``manager_unknown`` (the source implies a line manager but
does not say who) is not a top: it hangs from a small ``?`` circle by a
dotted arrow labelled ``manager not documented``, and a chart limited by
``depth`` leaves it out, as its level is unknown.

Mermaid ids are ``n_`` followed by an ASCII form of the node id (``ø``
becomes ``oe``), unique within the chart, so no id clashes with Mermaid's
keywords (``end``) or link syntax. Labels are always quoted; ``"``, ``#``,
``&``, ``<``, ``>`` and the back quote are written as Mermaid entity codes
(``#34;``), and æ, ø, å are kept as they are.

Examples
--------
>>> import orggraph
>>> print(mermaid_flowchart(orggraph.example().graph, root="coo"))
---
title: "Acme Åkande"
---
flowchart TD
    n_coo["Operations Director"]
    n_site_lead["Site Lead (×2)"]
    n_technician["Technician (×4)"]
    n_coo --> n_site_lead
    n_site_lead --> n_technician
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from orggraph.errors import UnknownNodeError, suggest
from orggraph.exporters.errors import ExportError
from orggraph.hierarchy import Hierarchy
from orggraph.text import slug

__all__ = ["DIRECTIONS", "mermaid_flowchart"]

DIRECTIONS: tuple[str, ...] = ("TD", "TB", "BT", "LR", "RL")
"""Mermaid's flowchart directions: top-down (``TD`` = ``TB``), bottom-up, left-right, right-left."""

_SECONDARY_LABELS = {"dotted": "dotted line", "accountable_to": "accountability", "advises": "advice"}
_ESCAPES = str.maketrans({c: f"#{ord(c)};" for c in '"#&<>`'} | {"\n": " ", "\r": " "})


def _label(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def _post_text(name: str, headcount: object, approx: bool) -> str:
    if headcount == "unknown":
        return f"{name} (×?)"
    if isinstance(headcount, (int, float)) and headcount != 1:
        return f"{name} (×{'~' if approx else ''}{headcount:g})"
    return name


def _mermaid_ids(nodes: Iterable[str], taken: set[str], suffix: str = "") -> dict[str, str]:
    """Unique Mermaid ids for nodes (``suffix`` added), avoiding and adding to ``taken``."""
    ids: dict[str, str] = {}
    for node in nodes:
        base = "n_" + (slug(node).replace("-", "_") or "node") + suffix
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}_{number}"
        taken.add(candidate)
        ids[node] = candidate
    return ids


def _unknown(G: nx.MultiDiGraph, node: str) -> UnknownNodeError:
    hint = suggest(node, [str(n) for n in G])
    return UnknownNodeError(f"unknown root {node!r}" + (f" ({hint})" if hint else ""))


def mermaid_flowchart(
    G: nx.MultiDiGraph,
    *,
    root: str | None = None,
    depth: int | None = None,
    direction: str = "TD",
    secondary: bool = False,
) -> str:
    """The reporting structure as a Mermaid flowchart.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A governance graph (``org.graph``).
    root : str, optional
        Draw only this post (or body) and the posts below it.
    depth : int, optional
        Draw only this many levels below the root (or below the tops): 0 draws
        the root alone. Posts whose manager is not documented are not tops and
        have no known level, so they are left out (unless one is the root).
    direction : {"TD", "TB", "BT", "LR", "RL"}, optional
        Mermaid's direction; top-down by default.
    secondary : bool, optional
        Also draw secondary lines (dotted line, accountability, advice)
        between drawn nodes, and their targets; off by default, as they
        clutter a chart (Roskilde has eight accountability lines).

    Returns
    -------
    str
        Mermaid text: front matter with the organisation's name, then the flowchart.

    Raises
    ------
    UnknownNodeError
        If ``root`` is not a node of the graph (with close matches).
    ExportError
        If ``direction`` or ``depth`` is invalid (the message lists valid values).

    Examples
    --------
    >>> import orggraph
    >>> text = mermaid_flowchart(orggraph.example().graph, depth=1, direction="LR")
    >>> print(text.split("---")[-1].strip())
    flowchart LR
        n_chair["Chair of the Board"]
        n_ceo["Chief Executive"]
        n_chair --> n_ceo
    """
    _check_options(G, root, depth, direction)
    lines = _reporting_lines(G)
    drawn = _drawn(G, lines, root, depth, secondary)
    ordered = [n for n in G if n in drawn]
    taken: set[str] = set()
    ids = _mermaid_ids(ordered, taken)
    undocumented = [n for n in ordered if n not in lines.managers and _manager_unknown(G.nodes[n])]
    stubs = _mermaid_ids(undocumented, taken, suffix="_manager")

    boxes, bodies = _boxes(G, ordered, ids)
    out = _header(G, direction) + boxes
    out += [f'    {stubs[node]}(("?"))' for node in undocumented]
    out += _reporting_arrows(ordered, drawn, lines, ids, stubs)
    out += [f"    {ids[post]} ---|{label}| {ids[body]}" for post, body, label in _memberships(G, drawn)]
    if secondary:
        out += _secondary_arrows(lines.secondary, drawn, ids)
    out += _classes(bodies, list(stubs.values()))
    return "\n".join(out)


# -- the stages of mermaid_flowchart, in order -----------------------------------------------------


def _check_options(G: nx.MultiDiGraph, root: str | None, depth: int | None, direction: str) -> None:
    """Refuse an unknown direction, a negative depth or a root that is not in the graph."""
    if direction not in DIRECTIONS:
        raise ExportError(f"unknown direction {direction!r}; valid directions: {', '.join(DIRECTIONS)}")
    if depth is not None and depth < 0:
        raise ExportError(f"depth must be 0 or more, not {depth}")
    if root is not None and root not in G:
        raise _unknown(G, root)


@dataclass
class _Lines:
    """The lines the chart draws, read off the graph's edges in edge order."""

    managers: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Each post's manager and whether that manager is a body (a dotted arrow)."""
    reports: dict[str, list[str]] = field(default_factory=dict)
    """Each manager's direct reports, posts or bodies alike."""
    secondary: list[tuple[str, str, str]] = field(default_factory=list)
    """(post, target, edge key) of each secondary line: dotted line, accountability, advice."""
    candidates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Posts whose manager is one of several, and those candidates (dash-dot arrows labelled "one of")."""


def _reporting_lines(G: nx.MultiDiGraph) -> _Lines:
    """Reporting lines (to a post, a body or candidate managers) from the hierarchy index, and secondary lines."""
    index = Hierarchy.of_graph(G)
    nodes = G.nodes
    lines = _Lines()
    for post, manager in index.managers.items():
        lines.managers[post] = (manager, nodes[manager].get("kind") != "post")
    for node, reports in index.reports.items():
        lines.reports[node] = list(reports)
    for post, candidates in index.candidates.items():
        lines.candidates[post] = candidates
        for candidate in candidates:
            lines.reports.setdefault(candidate, []).append(post)
    lines.secondary = [(post, target, key) for post, target, key in G.edges(keys=True) if key in _SECONDARY_LABELS]
    return lines


def _drawn(G: nx.MultiDiGraph, lines: _Lines, root: str | None, depth: int | None, secondary: bool) -> dict[str, None]:
    """The nodes to draw: those within ``depth`` levels below the root or the tops, breadth first.

    The whole chart (no root, no depth) also draws every post, reachable or not
    (those whose manager is undocumented among them), and with ``secondary`` the
    targets of secondary lines.
    """
    nodes = G.nodes
    if root is not None:
        tops = [root]
    else:
        tops = [
            n
            for n, attrs in nodes(data=True)
            if (attrs.get("kind") == "post" or n in lines.reports)
            and n not in lines.managers
            and n not in lines.candidates
            and not _manager_unknown(attrs)
        ]
    drawn: dict[str, None] = {}
    queue = deque((top, 0) for top in tops)
    while queue:
        node, level = queue.popleft()
        if node in drawn:
            continue
        drawn[node] = None
        if depth is None or level < depth:
            queue.extend((child, level + 1) for child in lines.reports.get(node, ()))
    if root is None and depth is None:
        drawn.update(dict.fromkeys(n for n, kind in nodes(data="kind") if kind == "post"))
        if secondary:
            drawn.update(dict.fromkeys(target for _, target, _ in lines.secondary))
    return drawn


def _header(G: nx.MultiDiGraph, direction: str) -> list[str]:
    """Front matter with the organisation's name (when the graph has one), then the flowchart line."""
    organisation = G.graph.get("organisation")
    out: list[str] = []
    if organisation is not None:
        out += ["---", "title: " + json.dumps(organisation.name, ensure_ascii=False), "---"]
    out.append(f"flowchart {direction}")
    return out


def _boxes(G: nx.MultiDiGraph, ordered: list[str], ids: dict[str, str]) -> tuple[list[str], list[str]]:
    """A box for each post and a rounded box for each body, and the ids of the bodies."""
    out: list[str] = []
    bodies: list[str] = []
    for node in ordered:
        attrs = G.nodes[node]
        name = str(attrs.get("name", node))
        if attrs.get("kind") == "post":
            text = _post_text(name, attrs.get("headcount", 1), bool(attrs.get("headcount_approx")))
            out.append(f"    {ids[node]}[{_label(text)}]")
        else:
            out.append(f"    {ids[node]}({_label(name)})")
            bodies.append(ids[node])
    return out, bodies


def _reporting_arrows(
    ordered: list[str],
    drawn: dict[str, None],
    lines: _Lines,
    ids: dict[str, str],
    stubs: dict[str, str],
) -> list[str]:
    """An arrow from each drawn manager (dotted from a body, "one of" from candidates), or from a ``?`` stub."""
    out: list[str] = []
    managers = lines.managers
    for node in ordered:
        manager = managers.get(node)
        if node in lines.candidates:
            out += [
                f"    {ids[candidate]} -.->|one of| {ids[node]}"
                for candidate in lines.candidates[node]
                if candidate in drawn
            ]
        elif manager is not None and manager[0] in drawn:
            arrow = "-.->" if manager[1] else "-->"
            out.append(f"    {ids[manager[0]]} {arrow} {ids[node]}")
        elif node in stubs:
            out.append(f"    {stubs[node]} -.->|manager not documented| {ids[node]}")
    return out


def _secondary_arrows(secondary: list[tuple[str, str, str]], drawn: dict[str, None], ids: dict[str, str]) -> list[str]:
    """A labelled dotted arrow for each secondary line between drawn nodes, from its target to the post."""
    return [
        f"    {ids[target]} -.->|{_SECONDARY_LABELS[key]}| {ids[post]}"
        for post, target, key in secondary
        if post in drawn and target in drawn
    ]


def _classes(bodies: list[str], stubs: list[str]) -> list[str]:
    """The dashed styles of bodies and of undocumented-manager stubs, for those drawn."""
    out: list[str] = []
    if bodies:
        out.append("    classDef body stroke-dasharray: 5 3")
        out.append(f"    class {','.join(bodies)} body")
    if stubs:
        out.append("    classDef unknown stroke-dasharray: 2 2")
        out.append(f"    class {','.join(stubs)} unknown")
    return out


_COLLECTIVE_UNITS = frozenset({"executive_board", "political_body", "committee"})


def _memberships(G: nx.MultiDiGraph, drawn: dict[str, None]) -> list[tuple[str, str, str]]:
    """(post, body, label) for each drawn post that heads or belongs to a drawn body, in edge order.

    A unit's head is its ``head``; the posts in an executive board, a political
    body or a committee, and the members of a group, are its ``member``s (the
    posts in an ordinary unit are not drawn as members: the unit is drawn only
    as the manager some posts report to, and its head stands for it).
    """
    nodes = G.nodes
    found: dict[tuple[str, str], str] = {}
    for post, body, key in G.edges(keys=True):
        if post not in drawn or body not in drawn or nodes[post].get("kind") != "post":
            continue
        kind = nodes[body].get("kind")
        if kind == "unit" and key == "heads":
            found[post, body] = "head"
        elif (kind == "unit" and key == "in_unit" and nodes[body].get("unit_kind") in _COLLECTIVE_UNITS) or (
            kind == "group" and key == "member_of"
        ):
            found.setdefault((post, body), "member")
    return [(post, body, label) for (post, body), label in found.items()]


def _manager_unknown(attrs: dict[str, object]) -> bool:
    """The node is a post whose line manager the source implies but does not name."""
    return attrs.get("kind") == "post" and bool(attrs.get("manager_unknown"))
