"""A frozen copy of lint's reporting checks as they were before issue 18 made them touch less memory per post.

``_reporting_checks`` and its helpers below are verbatim copies of
``orggraph.lint`` at commit 3124703. ``tests/test_lint_same.py`` requires the
rebuilt checks to find exactly what these find, in the same order (the cycle
findings, whose order came from networkx's strongly connected components, as
a multiset). Do not edit: it is the reference.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import networkx as nx

from orggraph.hierarchy import hierarchy
from orggraph.lint import Finding, _Context


def _reporting_checks(ctx: _Context) -> Iterator[Finding]:
    org, G = ctx.org, ctx.G
    nodes = G.nodes
    posts = org.nodes("post")
    index = hierarchy(org)
    managers: dict[str, list[str]] = {
        p: index.several.get(p) or ([index.managers[p]] if p in index.managers else []) for p in posts
    }
    candidates = index.candidates
    for post in posts:
        if (
            not managers[post]
            and post not in candidates
            and not nodes[post].get("top")
            and not nodes[post].get("manager_unknown")
        ):
            message = (
                f"post {ctx.label(post)} has no manager and is not marked top: true; "
                "give it a manager (reports_to), mark it top if it is a root by design, "
                "or mark it manager_unknown if the source implies a manager but does not name it"
            )
            yield ctx.finding("OG301", message, [post], cite=post)
    for post in posts:
        if len(managers[post]) > 1:
            message = f"post {ctx.label(post)} reports to {len(managers[post])} managers: {ctx.names(managers[post])}"
            yield ctx.finding("OG302", message, [post, *managers[post]], cite=post)
    yield from _unit_head_conflicts(ctx, managers)
    for post in posts:
        bodies = [m for m in managers[post] if nodes[m]["kind"] != "post"]
        for body in bodies:
            message = (
                f"post {ctx.label(post)} has a manager documented only as the {nodes[body]['kind']} "
                f"{ctx.label(body)}: which post manages it is not documented"
            )
            yield ctx.finding("OG303", message, [post, body], cite=post)
    for post in posts:
        if G.degree(post) == 0:
            message = f"post {ctx.label(post)} has no edges at all: no manager, reports, unit, forum or role"
            yield ctx.finding("OG304", message, [post], cite=post)
    yield from _cycles(ctx)
    for post in posts:
        if not managers[post] and nodes[post].get("manager_unknown"):
            message = (
                f"post {ctx.label(post)} has a line manager that the source implies but does not name: "
                "its chain of command is not documented"
            )
            yield ctx.finding("OG306", message, [post], cite=post)
    for post, among in candidates.items():
        message = (
            f"post {ctx.label(post)} reports to one of {ctx.names(list(among))}, and the source does not say which: "
            "the spans of these posts, and the layers and chains below, are ranges"
        )
        yield ctx.finding("OG307", message, [post, *among], cite=post)


def _unit_head_conflicts(ctx: _Context, managers: dict[str, list[str]]) -> Iterator[Finding]:
    """Posts whose unit's head is not above them: a second line manager given by the structure."""
    org, nodes = ctx.org, ctx.G.nodes
    enter, leave, root = _euler_tour(ctx, managers)
    for post in org.nodes("post"):
        attrs = nodes[post]
        if attrs.get("top") or len(managers[post]) != 1 or post not in enter:
            continue
        head, unit = _expected_head(ctx, post)
        if head is None or unit is None or head not in enter:
            continue
        if enter[head] <= enter[post] and leave[post] <= leave[head]:
            continue  # the head is above the post
        top = root[post]
        above_top = managers[top][0] if managers[top] else None
        if above_top is not None and nodes[above_top]["kind"] != "post" and head in org.members(above_top):
            continue  # the chain ends at a body that the head belongs to
        manager = managers[post][0]
        message = (
            f"post {ctx.label(post)} reports to {ctx.label(manager)} but sits in unit {ctx.label(unit)} "
            f"headed by {ctx.label(head)}, who is not above it in its chain of command: two line managers; "
            "point reports_to at the unit's head (or a post below it), or move the post to its manager's unit"
        )
        yield ctx.finding("OG302", message, [post, manager, head], cite=post)


def _expected_head(ctx: _Context, post: str) -> tuple[str | None, str | None]:
    """The head of the nearest unit around the post headed by another post, and that unit."""
    nodes = ctx.G.nodes
    unit = nodes[post].get("unit")
    seen: set[str] = set()
    while unit is not None and unit not in seen:
        seen.add(unit)
        head = nodes[unit].get("head")
        if head is not None and head != post:
            return head, unit
        unit = nodes[unit].get("parent")
    return None, None


def _euler_tour(ctx: _Context, managers: dict[str, list[str]]) -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    """Entry and exit times of a depth-first pass over the post forest, and each post's root.

    ``a`` is above ``b`` exactly when ``enter[a] <= enter[b]`` and ``leave[b] <= leave[a]``.
    Posts on a reporting cycle are not reached (the cycle check reports them).
    """
    nodes = ctx.G.nodes
    reports: dict[str, list[str]] = {}
    roots = []
    for post, above in managers.items():
        if len(above) == 1 and nodes[above[0]]["kind"] == "post":
            reports.setdefault(above[0], []).append(post)
        else:
            roots.append(post)
    enter: dict[str, int] = {}
    leave: dict[str, int] = {}
    root: dict[str, str] = {}
    clock = 0
    for top in roots:
        stack: list[tuple[str, Iterator[str]]] = [(top, iter(reports.get(top, ())))]
        enter[top], root[top] = clock, top
        clock += 1
        while stack:
            post, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                leave[post] = clock
                clock += 1
            elif child not in enter:
                enter[child], root[child] = clock, top
                clock += 1
                stack.append((child, iter(reports.get(child, ()))))
    return enter, leave, root


_NESTING = {
    ("post", "reports_to", "post"): "reporting",
    ("unit", "part_of", "unit"): "unit nesting",
    ("group", "member_of", "group"): "group membership",
    ("forum", "part_of", "forum"): "forum nesting",
    ("topic", "part_of", "topic"): "topic nesting",
}


def _cycles(ctx: _Context) -> Iterator[Finding]:
    nodes = ctx.G.nodes
    lines: list[tuple[str, str, str]] = []
    for u, v, key in ctx.G.edges(keys=True):
        what = _NESTING.get((nodes[u]["kind"], key, nodes[v]["kind"]))
        if what is not None:
            lines.append((u, v, what))
    if not _has_cycle(lines):
        return  # the usual case: no graph of the structure to build
    structure = nx.DiGraph()
    for u, v, what in lines:
        structure.add_edge(u, v, what=what)
    position: dict[str, int] = {}
    for component in nx.strongly_connected_components(structure):
        if len(component) == 1 and not any(structure.has_edge(n, n) for n in component):
            continue
        if not position:
            position = {node: i for i, node in enumerate(nodes)}
        start = min(component, key=position.__getitem__)
        cycle = [u for u, _ in nx.find_cycle(structure.subgraph(component), source=start)]
        what = structure.edges[cycle[0], cycle[1 % len(cycle)]]["what"]
        path = " → ".join([*cycle, cycle[0]])
        message = f"{what} cycle {path}; break it by pointing one of them elsewhere"
        yield ctx.finding("OG305", message, cycle, cite=cycle[0])


def _has_cycle(lines: Sequence[tuple[str, str, str]]) -> bool:
    """Whether the lines ``(u, v, what)``, each ``u -> v``, close a cycle: what is left after peeling off sinks.

    >>> _has_cycle([("a", "b", "x"), ("b", "c", "x")]), _has_cycle([("a", "b", "x"), ("b", "a", "x")])
    (False, True)
    >>> _has_cycle([("a", "a", "x")])
    True
    """
    above: dict[str, int] = {}  # each node's lines out that are not yet peeled off
    below: dict[str, list[str]] = {}  # each node's lines in
    for u, v, _ in lines:
        above[u] = above.get(u, 0) + 1
        above.setdefault(v, 0)
        below.setdefault(v, []).append(u)
    sinks = [node for node, count in above.items() if count == 0]
    peeled = 0
    while sinks:
        node = sinks.pop()
        peeled += 1
        for u in below.get(node, ()):
            above[u] -= 1
            if above[u] == 0:
                sinks.append(u)
    return peeled < len(above)
