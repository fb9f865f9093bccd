"""The core's executors: ``local`` (one event loop, game work on threads) and
``processes`` (worker processes, one per core by default).

The process executor keeps only as many plans queued as the workers can play at once, so
a spent budget or an interruption stops new episodes quickly; the run alone writes
records. Each worker rebuilds the run with ``serve_plans`` and holds its own client.
"""

from __future__ import annotations

import asyncio
import ctypes
import math
import multiprocessing
import os
import queue
import signal
import sys
import traceback
from typing import Any

from ..errors import BalrogError
from ..executor import Assignment, Executor, ExecutorSpec
from ..hookspecs import hookimpl
from ..records import record_from_json, record_to_json
from ..scheduler import PlanList, longest_first, run_episodes

__all__ = ["LocalExecutor", "ProcessExecutor"]


class LocalExecutor(Executor):
    """All episodes on this process's event loop, game work on threads."""

    plays_here = True

    async def play(self, assignment: Assignment) -> None:
        assert assignment.play_here is not None, "the run builds the player for executors that play here"
        await run_episodes(PlanList(assignment.plans, assignment.may_start), assignment.play_here,
                           assignment.on_record, assignment.concurrency)


class ProcessExecutor(Executor):
    """``workers`` processes (default: one per core), each with its own event loop,
    client and share of the run's concurrency."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    async def play(self, assignment: Assignment) -> None:
        plans = assignment.plans
        if not plans:
            return
        workers = min(self.workers, len(plans))
        share = math.ceil(assignment.concurrency / workers)
        context = multiprocessing.get_context("spawn")
        plan_queue, results = context.Queue(), context.Queue()
        processes = [
            context.Process(
                target=_worker_main, daemon=True, name=f"balrog-worker-{n}",
                args=(assignment.config, str(assignment.directory), share, plan_queue, results),
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
            while waiting and in_flight < workers * share and assignment.may_start():
                plan_queue.put(waiting.pop())
                in_flight += 1
            if not waiting or not assignment.may_start():
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
                            f"finished episodes are saved: balrog run --resume {assignment.directory}"
                        )
                    continue
                kind, payload = message
                if kind == "record":
                    in_flight -= 1
                    assignment.on_record(record_from_json(payload))  # type: ignore[arg-type]
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


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the run's process dies (even by SIGKILL), so no
    orphan keeps playing into a run that will be resumed."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def _worker_main(config_json: dict[str, Any], directory: str, concurrency: int, plans: Any, results: Any) -> None:
    """Entry point of a worker process (multiprocessing, spawn)."""
    from ..player import serve_plans

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    try:
        asyncio.run(serve_plans(
            config_json, directory, concurrency, plans.get,
            lambda record: results.put(("record", record_to_json(record))),
        ))
    except BalrogError as error:
        results.put(("fatal", str(error)))
    except BaseException:
        results.put(("crash", traceback.format_exc()))
    else:
        results.put(("done", None))


@hookimpl
def register_executors(register) -> None:
    register(ExecutorSpec(
        name="local", factory=lambda settings: LocalExecutor(),
        description="all episodes in this process; game work on threads",
    ))
    register(ExecutorSpec(
        name="processes", factory=lambda settings: ProcessExecutor(settings.workers),
        description="episodes spread over worker processes (--workers, default one per core)",
    ))
