"""The collector pause: what a large build leaves for the collector, and what it never takes from the caller."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from orggraph.gc_pause import PROMOTE_AFTER, gc_paused


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector on, nothing frozen, as a user's process has it; restored after."""
    was_enabled = gc.isenabled()
    gc.enable()
    gc.collect()
    yield
    gc.unfreeze()
    if not was_enabled:
        gc.disable()


def _containers(count: int) -> list[dict[str, list[int]]]:
    return [{"edges": [i]} for i in range(count)]  # a dict holding a list: both tracked


def _oldest(items: list[dict[str, list[int]]]) -> int:
    """How many of the items are in the collector's oldest generation (where ``gc.unfreeze`` puts objects)."""
    oldest = {id(item) for item in gc.get_objects(generation=len(gc.get_count()) - 1)}
    return sum(id(item) in oldest for item in items)


@pytest.mark.usefixtures("collector")
def test_a_large_build_goes_to_the_oldest_generation_at_once() -> None:
    with gc_paused():
        kept = _containers(PROMOTE_AFTER)
        assert gc.get_count()[0] >= PROMOTE_AFTER  # all young while paused
    assert gc.isenabled()
    assert gc.get_count()[0] < 1_000  # nothing young left for the next allocation's collection to walk
    assert _oldest(kept) == len(kept)  # not walked on the way up: moved there at once
    assert gc.get_freeze_count() == 0  # and not frozen: a full collection still reads them


@pytest.mark.usefixtures("collector")
def test_a_small_pause_leaves_its_containers_to_the_usual_collections() -> None:
    with gc_paused():
        kept = _containers(1_000)
    assert _oldest(kept) == 0


@pytest.mark.usefixtures("collector")
def test_garbage_moved_up_with_a_large_build_is_still_collected() -> None:
    class Node:
        partner: Node

    first, second = Node(), Node()
    first.partner, second.partner = second, first  # a cycle, garbage once the names go
    gone = weakref.ref(first)
    del first, second
    with gc_paused():
        kept = _containers(PROMOTE_AFTER)
    gc.collect()  # the cycle moved to the oldest generation, which a full collection reads
    assert gone() is None
    assert kept


@pytest.mark.usefixtures("collector")
def test_objects_the_caller_froze_stay_frozen() -> None:
    frozen_before = _containers(10)
    gc.freeze()
    frozen = gc.get_freeze_count()
    with gc_paused():
        kept = _containers(PROMOTE_AFTER)
    assert gc.get_freeze_count() == frozen  # unfreezing would undo the caller's freeze
    assert len(kept) == PROMOTE_AFTER
    assert len(frozen_before) == 10


def test_a_collector_switched_off_stays_off() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            _containers(PROMOTE_AFTER)
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()
