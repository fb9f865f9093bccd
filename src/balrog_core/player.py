"""The live pieces that play a run's episodes in one process: the model client (behind
the run's throttle) and the resolved specs.

A player is built only where episodes are played: in the run's own process for the
``local`` executor, in each worker process or cluster actor otherwise (``serve_plans``
rebuilds the run there from its config), so every process that plays holds exactly one
client and a process that only hands out plans holds none.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .agent import AgentSettings, PromptSettings
from .client import Client
from .config import config_from_json
from .episode import EpisodePlan, play_episode
from .records import EpisodeRecord
from .registry import Registry, get_registry
from .resolve import ResolvedRun, resolve
from .results import RunDirectory
from .scheduler import run_episodes
from .throttle import Throttle, ThrottledClient
from .trace import TraceWriter

__all__ = ["Player", "build_player", "serve_plans"]


class Player:
    """Plays any episode of a resolved run, writing its trace into ``directory``."""

    def __init__(self, resolved: ResolvedRun, registry: Registry, directory: RunDirectory,
                 client: Client | None = None, throttle: Throttle | None = None) -> None:
        self.resolved = resolved
        self.registry = registry
        self.directory = directory
        self.client = client
        self.throttle = throttle
        self.on_step: Callable[..., None] | None = None
        self.prompt = PromptSettings.of_run(resolved.config)

    async def play(self, plan: EpisodePlan, run_blocking: Callable[..., Any]) -> EpisodeRecord:
        resolved = self.resolved
        setup = AgentSettings(
            client=self.client, options=resolved.agent_options, parse=resolved.config.parse,
            env=plan.env, task=plan.task, seed=plan.seed,
        )
        return await play_episode(
            plan, env_spec=self.registry.env(plan.env), env_settings=resolved.env_settings[plan.env],
            agent_spec=resolved.agent_specs[plan.env], agent_setup=setup, prompt=self.prompt,
            run_blocking=run_blocking, trace=TraceWriter(self.directory.trace_path(plan.key)),
            on_step=self.on_step,
        )

    def describe_client(self) -> dict[str, Any] | None:
        """The client's facts for run.json, or ``None`` when the agent needs no model."""
        if self.client is None:
            return None
        return {"name": self.resolved.config.client, **self.client.describe()}

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()

    def close_now(self) -> None:
        """Close the client from synchronous code, even inside a running event loop (a
        client may own a server process that must not outlive a failed start)."""
        if self.client is None:
            return

        def close() -> None:
            try:
                asyncio.run(self.aclose())
            except Exception:
                pass  # the error that brought us here is the one to show

        thread = threading.Thread(target=close, name="balrog-client-close")
        thread.start()
        thread.join()


def build_player(resolved: ResolvedRun, registry: Registry, directory: RunDirectory) -> Player:
    """Build the client (if the agent needs one) behind a throttle of the run's
    concurrency."""
    if resolved.client is None or resolved.client_settings is None:
        return Player(resolved, registry, directory)
    throttle = Throttle(resolved.config.concurrency)
    client = ThrottledClient(resolved.client.factory(resolved.client_settings), throttle)
    return Player(resolved, registry, directory, client, throttle)


class _QueueSource:
    """Plans from a blocking queue; ``None`` ends one consumer."""

    def __init__(self, get: Callable[[], EpisodePlan | None]) -> None:
        self._get = get

    async def next(self) -> EpisodePlan | None:
        return await asyncio.to_thread(self._get)


async def serve_plans(config_json: dict[str, Any], directory: str | Path, concurrency: int,
                      get_plan: Callable[[], EpisodePlan | None],
                      emit: Callable[[EpisodeRecord], None]) -> None:
    """The worker side of an executor: rebuild the run from its config (plugins found
    again through their entry points), then play plans from ``get_plan`` (blocking;
    ``None`` ends one of ``concurrency`` consumers), emitting each record."""
    registry = get_registry()
    resolved = resolve(config_from_json(config_json), registry)
    player = build_player(resolved, registry, RunDirectory(directory))
    try:
        await run_episodes(_QueueSource(get_plan), player.play, emit, concurrency)
    finally:
        await player.aclose()
