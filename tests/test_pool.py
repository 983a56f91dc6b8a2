"""scanner.pool.ordered_map: results in input order, bounded in-flight work, shared state."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest

from scanner.pool import ordered_map


def _square_with_pid(offset: int, item: int) -> tuple[int, int]:
    return item * item + offset, os.getpid()


@pytest.mark.parametrize("workers", [1, 2])
def test_results_in_input_order_with_shared_state(workers: int) -> None:
    results = list(ordered_map(_square_with_pid, range(20), 1000, workers))
    assert [item for item, _ in results] == list(range(20))
    assert [value for _, (value, _) in results] == [i * i + 1000 for i in range(20)]
    pids = {pid for _, (_, pid) in results}
    assert (pids == {os.getpid()}) if workers == 1 else (os.getpid() not in pids)


def test_the_parent_is_unfrozen_after_the_pool_even_when_stopped_early() -> None:
    def items() -> Iterator[int]:
        yield from range(10)

    assert gc.get_freeze_count() == 0
    assert len(list(ordered_map(_square_with_pid, items(), 0, 2))) == 10
    assert gc.get_freeze_count() == 0
    stream = ordered_map(_square_with_pid, items(), 0, 2)
    next(stream)
    assert gc.get_freeze_count() > 0  # frozen while the workers run
    stream.close()
    assert gc.get_freeze_count() == 0
