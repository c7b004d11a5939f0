"""The readings of an organisation: each post with candidate managers given one of them, as its own Org.

Where a document says "reports to one of these" (``reports_to_one_of``),
every choice of one candidate per such post is a *reading*; a figure that
holds in every reading is exact, others are ranges over the readings. Most
analyses work the range out without enumerating the readings; a figure with
no such shortcut (betweenness, :func:`orggraph.network.brokerage`) computes
each reading, which is feasible only while they are few: :func:`count` says
how many there are before :func:`readings` makes them.

Examples
--------
>>> import orggraph
>>> org = orggraph.loads('''
... organisation: {id: t, name: T}
... posts:
...   - {id: a, name: A, top: true}
...   - {id: b, name: B, top: true}
...   - {id: x, name: X, reports_to_one_of: [a, b]}
... ''')
>>> count(org)
2
>>> [(choice, reading.manager("x")) for choice, reading in readings(org)]
[({'x': 'a'}, 'a'), ({'x': 'b'}, 'b')]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from orggraph.hierarchy import hierarchy

if TYPE_CHECKING:
    from orggraph.org import Org

__all__ = ["count", "readings"]


def count(org: Org) -> int:
    """How many readings an organisation has: the product of its posts' numbers of candidate managers.

    Parameters
    ----------
    org : Org
        The organisation.

    Returns
    -------
    int
        1 when every manager is documented.

    Examples
    --------
    >>> import orggraph
    >>> count(orggraph.example())
    1
    """
    return math.prod(len(c) for c in hierarchy(org).candidates.values())


def readings(org: Org) -> Iterator[tuple[dict[str, str], Org]]:
    """Each reading of an organisation: the choice made and the organisation with it documented.

    In a reading every post with candidate managers reports to the chosen one
    (``reports_to``, its candidates dropped), and everything built on the
    reporting lines follows (per-holder series, group rules). An organisation
    without candidates has one reading: itself.

    Parameters
    ----------
    org : Org
        The organisation.

    Yields
    ------
    tuple of (dict of str to str, Org)
        Post -> chosen manager, and the organisation of that reading; in the
        order of the posts and of their candidates. Check :func:`count` first:
        the readings multiply.

    Examples
    --------
    >>> import orggraph
    >>> [choice for choice, _ in readings(orggraph.example())]
    [{}]
    """
    from orggraph.org import Org

    candidates = hierarchy(org).candidates
    if not candidates:
        yield {}, org
        return
    document = org.document
    open_posts = list(candidates)
    for choice in itertools.product(*(candidates[post] for post in open_posts)):
        chosen = dict(zip(open_posts, choice, strict=True))
        posts = [
            post
            if post is None or post.id not in chosen
            else post.model_copy(update={"reports_to": chosen[post.id], "reports_to_one_of": []})
            for post in document.posts
        ]
        yield chosen, Org(document.model_copy(update={"posts": posts}))
