"""Many episodes in flight at once on one event loop.

Model calls are awaited concurrently (``concurrency`` episodes at a time); game work runs on
a thread pool so it never blocks the loop. The longest episodes (by step cap) start first so
a run is not left waiting on one long game at the end. Each finished record is handed to
``on_record`` at once, which saves it before anything else happens.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .episode import EpisodePlan
from .records import EpisodeRecord

__all__ = ["run_episodes", "longest_first"]

MAX_THREADS = 16


def longest_first(plans: Sequence[EpisodePlan]) -> list[EpisodePlan]:
    return sorted(plans, key=lambda p: (-p.max_steps, p.env, p.task, p.index))


async def run_episodes(
    plans: Sequence[EpisodePlan],
    play: Callable[[EpisodePlan, Callable[..., Awaitable[Any]]], Awaitable[EpisodeRecord]],
    on_record: Callable[[EpisodeRecord], None],
    concurrency: int,
    may_start: Callable[[], bool] = lambda: True,
) -> None:
    """Play ``plans`` with at most ``concurrency`` in flight.

    ``may_start`` is asked before each new episode; once it says no (a cost budget is
    spent), episodes in flight finish and no new one starts. A fatal error (anything
    ``play`` raises rather than records) cancels the remaining episodes and propagates;
    records already handed to ``on_record`` stay saved.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[EpisodePlan] = asyncio.Queue()
    for plan in longest_first(plans):
        queue.put_nowait(plan)
    pool = ThreadPoolExecutor(max_workers=max(1, min(concurrency, MAX_THREADS)), thread_name_prefix="balrog-env")

    async def run_blocking(function: Callable[..., Any], *args: Any) -> Any:
        return await loop.run_in_executor(pool, functools.partial(function, *args))

    async def worker() -> None:
        while may_start():
            try:
                plan = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            record = await play(plan, run_blocking)
            on_record(record)

    workers = [asyncio.create_task(worker()) for _ in range(min(concurrency, len(plans)) or 1)]
    try:
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        pool.shutdown(wait=False, cancel_futures=True)
