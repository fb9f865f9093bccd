"""Episodes spread over worker processes, so CPU-bound games use every core.

The parent keeps only as many plans queued as the workers can play at once, so a spent
budget or an interruption stops new episodes quickly; it alone writes records.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import queue
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .config import config_to_json
from .episode import EpisodePlan
from .errors import BalrogError
from .executors import Executor
from .records import EpisodeRecord, record_from_json
from .scheduler import longest_first
from .worker import process_worker_main

if TYPE_CHECKING:
    from .runner import RunInfo

__all__ = ["ProcessExecutor"]


class ProcessExecutor(Executor):
    """``workers`` processes (default: one per core), each with its own event loop,
    client and share of the run's concurrency."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    async def play(self, run: "RunInfo", plans: Sequence[EpisodePlan],
                   on_record: Callable[[EpisodeRecord], None], may_start: Callable[[], bool]) -> None:
        if not plans:
            return
        workers = min(self.workers, len(plans))
        share = math.ceil(run.config.concurrency / workers)
        context = multiprocessing.get_context("spawn")
        plan_queue, results = context.Queue(), context.Queue()
        processes = [
            context.Process(
                target=process_worker_main, daemon=True, name=f"balrog-worker-{n}",
                args=(config_to_json(run.config, mask_secrets=False), str(run.directory.path), share, plan_queue, results),
            )
            for n in range(workers)
        ]
        for process in processes:
            process.start()
        waiting = list(reversed(longest_first(plans)))
        in_flight = 0
        closed = False

        def feed() -> None:
            """Top the queue up to what the workers can play at once; once nothing more
            will start, queue one end marker per consumer (after the queued plans)."""
            nonlocal in_flight, closed
            if closed:
                return
            while waiting and in_flight < workers * share and may_start():
                plan_queue.put(waiting.pop())
                in_flight += 1
            if not waiting or not may_start():
                for _ in range(workers * share):
                    plan_queue.put(None)
                closed = True

        def receive() -> tuple[str, object] | None:
            try:
                return results.get(timeout=0.5)
            except queue.Empty:
                return None

        done = 0
        try:
            feed()
            while done < workers:
                message = await asyncio.to_thread(receive)
                if message is None:
                    dead = [p for p in processes if p.exitcode not in (None, 0)]
                    if dead:
                        raise BalrogError(
                            f"worker process {dead[0].name} died (exit code {dead[0].exitcode}); "
                            f"finished episodes are saved: balrog run --resume {run.directory.path}"
                        )
                    continue
                kind, payload = message
                if kind == "record":
                    in_flight -= 1
                    on_record(record_from_json(payload))
                    feed()
                elif kind == "done":
                    done += 1
                elif kind == "fatal":
                    raise BalrogError(str(payload))
                else:
                    raise RuntimeError(f"worker process crashed:\n{payload}")
        finally:
            for process in processes:
                if process.is_alive():
                    process.terminate()
            for process in processes:
                process.join(timeout=5)
