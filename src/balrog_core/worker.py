"""The worker side of process and cluster executors.

A worker rebuilds the run's playbook from the saved config (plugins are found again through
their entry points), pulls plans from a queue, plays them concurrently and sends records
back. Traces are written straight into the run directory, which workers share.
"""

from __future__ import annotations

import asyncio
import ctypes
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .config import config_from_json
from .episode import EpisodePlan
from .errors import BalrogError
from .playbook import build_playbook
from .records import EpisodeRecord, record_to_json
from .registry import get_registry
from .results import RunDirectory
from .scheduler import run_episodes

__all__ = ["serve_plans", "process_worker_main"]


class _QueueSource:
    """Plans from a blocking queue; ``None`` ends one consumer."""

    def __init__(self, get: Callable[[], EpisodePlan | None]) -> None:
        self._get = get

    async def next(self) -> EpisodePlan | None:
        return await asyncio.to_thread(self._get)


async def serve_plans(config_json: dict[str, Any], directory: str | Path, concurrency: int,
                      get_plan: Callable[[], EpisodePlan | None],
                      emit: Callable[[EpisodeRecord], None]) -> None:
    """Play plans from ``get_plan`` (blocking; ``None`` ends one of ``concurrency``
    consumers) with the run's own playbook, emitting each record."""
    config = config_from_json(config_json)
    playbook = build_playbook(config, get_registry(), RunDirectory(directory))
    try:
        await run_episodes(_QueueSource(get_plan), playbook.play, emit, concurrency)
    finally:
        await playbook.aclose()


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the run's process dies (even by SIGKILL), so no
    orphan keeps playing into a run that will be resumed."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def process_worker_main(config_json: dict[str, Any], directory: str, concurrency: int,
                        plans: Any, results: Any) -> None:
    """Entry point of a worker process (multiprocessing, spawn)."""
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
