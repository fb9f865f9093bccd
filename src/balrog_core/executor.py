"""The executor contract: where a run's episodes are played.

An executor receives an ``Assignment``: the plans, what it takes to rebuild the run in
another process or on another machine (the config as JSON and the run directory), and
callbacks. It never sees the run object; the run alone writes ``episodes.jsonl``.
"""

from __future__ import annotations

import abc
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import attrs

from .episode import EpisodePlan
from .records import EpisodeRecord

__all__ = ["Assignment", "Executor", "ExecutorSettings", "ExecutorSpec", "PlayHere"]

PlayHere = Callable[[EpisodePlan, Callable[..., Awaitable[Any]]], Awaitable[EpisodeRecord]]


@attrs.frozen
class Assignment:
    """What an executor plays and how to report it.

    ``config`` is the run's config as JSON with its secrets (for workers only; never
    written); a worker rebuilds the run from it and ``directory`` with
    ``serve_plans``. ``concurrency`` is the run's episodes in flight.
    ``on_record`` is called in this process for each finished episode; no new episode
    starts once ``may_start()`` is false. ``play_here`` plays one plan in this process,
    with the client built here; it is set only for executors that say ``plays_here``.
    """

    plans: tuple[EpisodePlan, ...]
    config: dict[str, Any]
    directory: Path
    concurrency: int
    on_record: Callable[[EpisodeRecord], None]
    may_start: Callable[[], bool] = lambda: True
    play_here: PlayHere | None = None


@attrs.frozen
class ExecutorSettings:
    """``workers``: processes or remote workers to use (``None``: the executor decides);
    ``options``: the executor plugin's options object (``-o executor.KEY=VALUE``)."""

    workers: int | None = None
    options: Any = None


class Executor(abc.ABC):
    """Plays a run's pending episodes somewhere.

    ``plays_here``: episodes are played in this process, so the run builds the model
    client here and passes ``Assignment.play_here``; otherwise the client is built only
    where the episodes are played (one per worker process).
    """

    plays_here: bool = False

    @abc.abstractmethod
    async def play(self, assignment: Assignment) -> None:
        """Play ``assignment.plans``, reporting each record through
        ``assignment.on_record``."""


@attrs.frozen
class ExecutorSpec:
    """An executor as registered through ``register_executors``."""

    name: str
    factory: Callable[[ExecutorSettings], Executor]
    description: str = ""
    options: type | None = None
