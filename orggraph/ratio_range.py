"""The exact lowest and highest value of a ratio whose parts depend on independent choices.

A chair's share of the chaired forums, or the Jaccard similarity of two
forums, is ``(base numerator + Σ numerator of each choice) / (base denominator
+ Σ denominator of each choice)``, where each post with candidate managers
makes one choice (its manager) and adds its own part to both sums. The
readings of the documents are every combination of choices, exponentially
many; the lowest and highest ratio over them are found without enumerating
them, by Dinkelbach's method: for a trial value λ, the best of
``numerator - λ·denominator`` is a sum of independent per-choice bests, and
the ratio of that best reading improves λ strictly until it is optimal. Each
step is linear in the options, and the ratio takes finitely many values, so
it ends; the arithmetic is exact (:class:`fractions.Fraction`), so it ends on
the optimum, not near it.

A reading may be required to *hit*: to have at least one option marked
``hit`` (two forums are compared only in the readings where they share a
member). The best reading under that requirement is the unconstrained best,
or, when it hits nothing, the same with the one choice switched whose switch
to a hitting option costs least.

Examples
--------
>>> from fractions import Fraction
>>> # 1 sure shared post of 2 sure posts; one post may join both forums (+1/+1) or neither, or only one (+0/+1)
>>> options = [[Option(1, 1), Option(0, 0), Option(0, 1)]]
>>> ratio_range(Fraction(1), Fraction(2), options)
(Fraction(1, 3), Fraction(2, 3))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Option", "ratio_range"]


@dataclass(frozen=True)
class Option:
    """What one choice adds to the numerator and the denominator, and whether it hits.

    Examples
    --------
    >>> Option(1, 1, hit=True)
    Option(num=1, den=1, hit=True)
    """

    num: Fraction | int
    den: Fraction | int
    hit: bool = False


def ratio_range(
    num: Fraction | int,
    den: Fraction | int,
    choices: Sequence[Sequence[Option]],
    *,
    hit: bool = True,
) -> tuple[Fraction, Fraction] | None:
    """The lowest and highest ``(num + Σ option.num) / (den + Σ option.den)``, one option of each choice.

    Only readings with a positive denominator count, and, with ``hit=False``,
    only those where some chosen option hits (``hit=True``: the base already
    hits).

    Parameters
    ----------
    num, den : Fraction or int
        What every reading has (non-negative).
    choices : sequence of sequences of Option
        One list of options per choice, each non-empty; parts are non-negative.
    hit : bool, default True
        Whether the base already hits; when False a reading must choose a hitting option.

    Returns
    -------
    tuple of Fraction, or None
        The exact (lowest, highest); None when no reading counts.

    Examples
    --------
    >>> ratio_range(0, 0, [[Option(1, 2, hit=True), Option(0, 1)], [Option(0, 0), Option(1, 1, hit=True)]], hit=False)
    (Fraction(1, 2), Fraction(2, 3))
    >>> ratio_range(0, 0, [[Option(0, 1)]], hit=False) is None
    True
    """
    num, den = Fraction(num), Fraction(den)
    low = _optimum(num, den, choices, hit, lowest=True)
    if low is None:
        return None
    high = _optimum(num, den, choices, hit, lowest=False)
    assert high is not None
    return low, high


def _optimum(
    num: Fraction, den: Fraction, choices: Sequence[Sequence[Option]], hit: bool, *, lowest: bool
) -> Fraction | None:
    """Dinkelbach's iteration from an end that bounds every ratio (1 from above is not assumed: found first)."""
    sign = 1 if lowest else -1
    # Start from the reading with the largest denominator among those that count (a valid, feasible start).
    start = _best(choices, hit, lambda o: (-Fraction(o.den), Fraction(0)))
    if start is None:
        return None
    n, d = _sums(num, den, start)
    if d <= 0:
        return None
    ratio = n / d
    while True:
        # Best value of sign·(num - ratio·den); ties go to the larger denominator, which keeps the reading counting.
        best = _best(choices, hit, _value(sign, ratio))
        assert best is not None
        n, d = _sums(num, den, best)
        if d <= 0 or sign * (n - ratio * d) >= 0:
            return ratio
        ratio = n / d


def _value(sign: int, ratio: Fraction) -> _Key:
    """``sign·(num - ratio·den)``, then the larger denominator first."""

    def rank(option: Option) -> tuple[Fraction, Fraction]:
        return sign * (Fraction(option.num) - ratio * option.den), -Fraction(option.den)

    return rank


def _sums(num: Fraction, den: Fraction, chosen: list[Option]) -> tuple[Fraction, Fraction]:
    return num + sum((Fraction(o.num) for o in chosen), Fraction(0)), den + sum(
        (Fraction(o.den) for o in chosen), Fraction(0)
    )


_Key = Callable[[Option], tuple[Fraction, Fraction]]


def _best(choices: Sequence[Sequence[Option]], hit: bool, rank: _Key) -> list[Option] | None:
    """One option per choice, each ranked least; when a hit is needed and none is chosen, the cheapest switch to one."""
    chosen = [min(options, key=rank) for options in choices]
    if hit or any(o.hit for o in chosen):
        return chosen
    switch: tuple[tuple[Fraction, Fraction], int, Option] | None = None
    for i, options in enumerate(choices):
        hitting = [o for o in options if o.hit]
        if not hitting:
            continue
        option = min(hitting, key=rank)
        mine, theirs = rank(option), rank(chosen[i])
        cost = (mine[0] - theirs[0], mine[1] - theirs[1])
        if switch is None or cost < switch[0]:
            switch = (cost, i, option)
    if switch is None:
        return None
    chosen[switch[1]] = switch[2]
    return chosen
