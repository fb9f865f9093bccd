"""Many episodes in flight at once on one event loop.

Model calls are awaited concurrently (``concurrency`` episodes at a time); game work runs on
thread pools so it never blocks the loop: steps on one, building and resetting games on
another, so that a burst of slow resets (Crafter generates a world, 0.1 s of CPU) does not
queue every running episode's next step behind it.

Episodes come from a ``PlanSource``: a list with the longest episodes (by step cap) first, so
a run is not left waiting on one long game at the end, or a queue fed by another process.
Each finished record is handed to ``on_record`` at once, which saves it before anything else
happens.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from .episode import EpisodePlan
from .records import EpisodeRecord

__all__ = ["run_episodes", "longest_first", "PlanSource", "PlanList"]

MAX_THREADS = 16
# Resets are CPU-bound Python: under the GIL more threads add no speed, only contention.
SETUP_THREADS = 1
Play = Callable[[EpisodePlan, Callable[..., Awaitable[Any]]], Awaitable[EpisodeRecord]]


class PlanSource(Protocol):
    async def next(self) -> EpisodePlan | None:
        """The next episode to play, or ``None`` when there is none (or no more may start)."""


def longest_first(plans: Sequence[EpisodePlan]) -> list[EpisodePlan]:
    return sorted(plans, key=lambda p: (-p.max_steps, p.env, p.task, p.index))


class PlanList:
    """Plans from a list, longest first; ``may_start`` can stop new episodes (a spent
    cost budget) while those in flight finish."""

    def __init__(self, plans: Sequence[EpisodePlan], may_start: Callable[[], bool] = lambda: True) -> None:
        self._plans = list(reversed(longest_first(plans)))
        self._may_start = may_start

    async def next(self) -> EpisodePlan | None:
        if not self._plans or not self._may_start():
            return None
        return self._plans.pop()


async def run_episodes(source: PlanSource, play: Play, on_record: Callable[[EpisodeRecord], None],
                       concurrency: int) -> None:
    """Play the source's plans with at most ``concurrency`` in flight.

    A fatal error (anything ``play`` raises rather than records) cancels the remaining
    episodes and propagates; records already handed to ``on_record`` stay saved.
    """
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=max(1, min(concurrency, MAX_THREADS)), thread_name_prefix="balrog-env")
    setup_pool = ThreadPoolExecutor(max_workers=SETUP_THREADS, thread_name_prefix="balrog-setup")

    async def run_blocking(function: Callable[..., Any], *args: Any, setup: bool = False) -> Any:
        """``function(*args)`` on a game thread; ``setup`` for building and resetting games."""
        return await loop.run_in_executor(setup_pool if setup else pool, functools.partial(function, *args))

    async def worker() -> None:
        while (plan := await source.next()) is not None:
            record = await play(plan, run_blocking)
            on_record(record)

    workers = [asyncio.create_task(worker()) for _ in range(max(1, concurrency))]
    try:
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        pool.shutdown(wait=False, cancel_futures=True)
        setup_pool.shutdown(wait=False, cancel_futures=True)
