"""The Ray actor that plays episodes: one per worker, many episodes at once.

Each actor rebuilds the run from the saved config through the core's
``serve_plans`` (plugins are found again by entry points, so worker machines need the same
balrog plugins installed) and plays up to its share of the run's concurrency at a time.
Every ``play`` call returns the finished record with the episode's trace files, which the
actor wrote into its own scratch directory.
"""

from __future__ import annotations

import asyncio
import queue
import shutil
import tempfile
from typing import Any

from balrog_core import BalrogError, EpisodeRecord
from balrog_core.harness import EpisodeKey, EpisodePlan, RunDirectory, record_to_json, serve_plans

from .shipping import take_trace_files

__all__ = ["EpisodeWorker"]


class EpisodeWorker:
    """Plays plans handed to ``play`` on one long-lived episode server."""

    def __init__(self, config_json: dict[str, Any], concurrency: int) -> None:
        self._config_json = config_json
        self._concurrency = concurrency
        self._scratch = RunDirectory(tempfile.mkdtemp(prefix="balrog-ray-"))
        self._scratch.traces.mkdir()
        self._plans: queue.Queue[EpisodePlan | None] = queue.Queue()
        self._finished: dict[EpisodeKey, asyncio.Future[EpisodeRecord]] = {}
        self._server: asyncio.Task[None] | None = None

    def _serving(self) -> asyncio.Task[None]:
        """The episode server, started on the actor's event loop by the first plan."""
        if self._server is None:
            self._server = asyncio.get_running_loop().create_task(serve_plans(
                self._config_json, self._scratch.path, self._concurrency, self._plans.get, self._deliver,
            ))
        return self._server

    def _deliver(self, record: EpisodeRecord) -> None:
        self._finished.pop(record.key).set_result(record)

    async def play(self, plan: EpisodePlan) -> dict[str, Any]:
        """Play one episode; returns ``{"record": ..., "files": {name: bytes}}``, or
        ``{"fatal": message}`` when the episode server cannot play at all (such as a
        plugin missing on this machine). The message travels as text: not every error
        class survives pickling."""
        server = self._serving()
        finished = asyncio.get_running_loop().create_future()
        self._finished[plan.key] = finished
        self._plans.put(plan)
        await asyncio.wait([finished, server], return_when=asyncio.FIRST_COMPLETED)
        if not finished.done():
            try:
                server.result()
            except BalrogError as error:
                return {"fatal": str(error)}
            raise RuntimeError(f"the episode server stopped before playing {plan.key.slug()}")
        record = finished.result()
        return {"record": record_to_json(record), "files": take_trace_files(self._scratch.traces, plan.key.slug())}

    async def close(self) -> None:
        """Stop the episode server (abandoning episodes the driver no longer waits for)
        and remove the scratch directory."""
        if self._server is not None:
            self._server.cancel()
            await asyncio.gather(self._server, return_exceptions=True)
            for _ in range(self._concurrency):
                self._plans.put(None)  # frees the threads still waiting for a plan
        shutil.rmtree(self._scratch.path, ignore_errors=True)
