"""Worker processes that share loaded models: forked after loading, results in input order.

spaCy pipelines take seconds to load and hundreds of megabytes; pickling them per task would
cost more than the work. The pool is forked once the parent has loaded them, each worker reaches
the shared ``state`` (an engine, a set of scan tools) through the pool initializer, and tasks
carry only their own small, picklable payload.

Just before the workers fork, the parent's objects (the loaded models, every imported module) are
moved out of the garbage collector's reach (``gc.freeze``): otherwise each worker's collections
walk them and write to their headers, copying the shared pages one by one (about 5 % of the CPU
time of ``pdmap detect`` on 1,500 short texts). The parent unfreezes them when the pool is done.
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["ordered_map"]

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

# The one piece of module state: each worker process's shared state, set by the initializer
# (the parent never reads it). A pool task cannot carry a loaded model cheaply.
_STATE: dict[str, Any] = {}


def ordered_map(
    fn: Callable[[S, T], R], items: Iterable[T], state: S, workers: int
) -> Iterator[tuple[T, R]]:
    """``(item, fn(state, item))`` for each item, in input order.

    With ``workers <= 1`` it runs in this process. Otherwise at most ``2 * workers`` items are
    in flight, so a long input is never read into memory at once. ``fn`` must be a module-level
    function (it is pickled by reference).
    """
    if workers <= 1:
        for item in items:
            yield item, fn(state, item)
        return
    context = multiprocessing.get_context("fork")
    frozen = False
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init, initargs=(state,)
        ) as pool:
            pending: collections.deque[tuple[T, Future[R]]] = collections.deque()
            for item in items:
                if not frozen:
                    # the first item is ready (a lazy iterator may load models to make it);
                    # the workers fork at this first submit
                    gc.freeze()
                    frozen = True
                pending.append((item, pool.submit(_call, fn, item)))
                if len(pending) >= 2 * workers:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
    finally:
        if frozen:
            gc.unfreeze()


def _init(state: Any) -> None:
    _STATE["state"] = state


def _call(fn: Callable[[Any, T], R], item: T) -> R:
    return fn(_STATE["state"], item)
