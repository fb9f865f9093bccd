"""Where episodes are played: in this process, in worker processes, or (by plugin) on a
cluster. Every executor plays the same plans the same way and hands records back to the
run, which alone writes ``episodes.jsonl``."""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .episode import EpisodePlan
from .records import EpisodeRecord
from .scheduler import PlanList, run_episodes

if TYPE_CHECKING:
    from .runner import RunInfo

__all__ = ["Executor", "ExecutorSpec", "ExecutorSettings", "LocalExecutor"]


@attrs.frozen
class ExecutorSettings:
    """``workers``: processes or remote workers to use (``None``: the executor decides);
    ``options``: the executor plugin's options object (``-o executor.KEY=VALUE``)."""

    workers: int | None = None
    options: Any = None


class Executor(abc.ABC):
    """Plays a run's pending episodes somewhere."""

    @abc.abstractmethod
    async def play(self, run: "RunInfo", plans: Sequence[EpisodePlan],
                   on_record: Callable[[EpisodeRecord], None], may_start: Callable[[], bool]) -> None:
        """Play ``plans``; call ``on_record`` in this process for each finished episode;
        start no new episode once ``may_start()`` is false.

        Remote workers rebuild the run with ``balrog_core.worker.serve_plans`` from
        ``run.config`` and ``run.directory``.
        """


@attrs.frozen
class ExecutorSpec:
    """An executor as registered through ``register_executors``."""

    name: str
    factory: Callable[[ExecutorSettings], Executor]
    description: str = ""
    options: type | None = None


class LocalExecutor(Executor):
    """All episodes on this process's event loop, game work on threads."""

    async def play(self, run: "RunInfo", plans: Sequence[EpisodePlan],
                   on_record: Callable[[EpisodeRecord], None], may_start: Callable[[], bool]) -> None:
        await run_episodes(PlanList(plans, may_start), run.playbook.play, on_record, run.config.concurrency)
