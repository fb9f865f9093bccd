"""The ``ray`` executor: a run's episodes spread over the actors of a Ray cluster.

The driver (the ``balrog run`` process) hands each actor at most its share of the run's
concurrency, so a spent budget or an interruption stops new episodes quickly, and it alone
writes records and traces into the run directory, as with every executor.
"""

from __future__ import annotations

import asyncio
import math
import os
from collections import deque
from collections.abc import Sequence
from typing import Any

from balrog_core import BalrogError, ConfigError
from balrog_core.harness import Assignment, EpisodePlan, Executor, record_from_json

from .cluster import connected, resolve_target
from .options import RayOptions
from .shipping import store_trace_files
from .worker import EpisodeWorker

__all__ = ["RayExecutor"]

CLOSE_TIMEOUT = 30.0
INTERRUPTED_CLOSE_TIMEOUT = 5.0


def _longest_first(plans: Sequence[EpisodePlan]) -> deque[EpisodePlan]:
    """Long games start first, so the run does not end waiting on one of them."""
    return deque(sorted(plans, key=lambda p: (-p.max_steps, p.env, p.task, p.index)))


class RayExecutor(Executor):
    """Plays episodes on ``actors`` Ray actors (default: ``workers``, else one per CPU of
    the cluster), each rebuilding the run from its saved config."""

    def __init__(self, options: RayOptions, workers: int | None = None) -> None:
        if options.actors is not None and options.actors < 1:
            raise ConfigError(f"executor.actors must be at least 1, got {options.actors}")
        missing = [name for name in options.forwarded_names() if name not in os.environ]
        if missing:
            raise ConfigError(
                f"executor.forward_env names {missing[0]!r}, which is not set in this shell; "
                "set it or drop it from the list"
            )
        self.options = options
        self.target = resolve_target(options.address, options.num_cpus)
        self.actors = options.actors or workers

    async def play(self, assignment: Assignment) -> None:
        if not assignment.plans:
            return
        with connected(self.target):
            await self._play(assignment)

    def _start_actors(self, assignment: Assignment, count: int) -> tuple[list[Any], int]:
        """``count`` actors spread over the cluster's nodes, and each one's concurrency."""
        import ray

        cpus = float(ray.cluster_resources().get("CPU", 0.0))
        share = math.ceil(assignment.concurrency / count)
        forwarded = {name: os.environ[name] for name in self.options.forwarded_names()}
        actor = ray.remote(EpisodeWorker).options(
            num_cpus=min(1.0, cpus / count), scheduling_strategy="SPREAD", max_concurrency=share + 2,
            runtime_env={"env_vars": forwarded} if forwarded else None,
        )
        return [actor.remote(assignment.config, share) for _ in range(count)], share

    def _actor_count(self, plans: int) -> int:
        import ray

        count = self.actors or int(ray.cluster_resources().get("CPU", 1)) or 1
        return max(1, min(count, plans))

    async def _play(self, assignment: Assignment) -> None:
        count = self._actor_count(len(assignment.plans))
        actors, share = self._start_actors(assignment, count)
        waiting = _longest_first(assignment.plans)
        load = [0] * count
        in_flight: dict[asyncio.Future[Any], tuple[int, EpisodePlan]] = {}
        finished = False
        try:
            while True:
                while waiting and assignment.may_start():
                    slot = min(range(count), key=load.__getitem__)
                    if load[slot] >= share:
                        break
                    plan = waiting.popleft()
                    in_flight[asyncio.wrap_future(actors[slot].play.remote(plan).future())] = (slot, plan)
                    load[slot] += 1
                if not in_flight:
                    break
                done, _ = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                failure: BaseException | None = None
                for future in sorted(done, key=lambda f: in_flight[f][1].key):
                    slot, plan = in_flight.pop(future)
                    load[slot] -= 1
                    try:
                        result = _outcome(future, plan, assignment)
                    except Exception as error:  # noqa: BLE001 - raised below, after saving the others
                        failure = failure or error
                        continue
                    store_trace_files(assignment.directory / "traces", result["files"])
                    assignment.on_record(record_from_json(result["record"]))
                if failure is not None:
                    raise failure
            finished = True
        finally:
            for future in in_flight:
                future.cancel()
            await _release(actors, graceful=finished)


def _outcome(future: asyncio.Future[Any], plan: EpisodePlan, assignment: Assignment) -> dict[str, Any]:
    """The actor's answer, or its failure as an error a person can act on."""
    import ray

    try:
        result = future.result()
    except ray.exceptions.RayActorError as error:
        raise BalrogError(
            f"the Ray worker playing {plan.key.slug()} died ({_first_line(error)}); "
            f"finished episodes are saved: balrog run --resume {assignment.directory}"
        ) from None
    except ray.exceptions.RayError as error:
        raise RuntimeError(f"a Ray worker crashed playing {plan.key.slug()}:\n{error}") from None
    if "fatal" in result:
        raise BalrogError(f"on a Ray worker: {result['fatal']}")
    return result


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


async def _release(actors: list[Any], graceful: bool) -> None:
    """Let actors stop and remove their scratch directories (briefly, after an error or
    an interruption), then end them."""
    import ray

    closing = [asyncio.wrap_future(actor.close.remote().future()) for actor in actors]
    try:
        await asyncio.wait_for(asyncio.gather(*closing, return_exceptions=True),
                               CLOSE_TIMEOUT if graceful else INTERRUPTED_CLOSE_TIMEOUT)
    except asyncio.TimeoutError:
        pass
    for actor in actors:
        ray.kill(actor, no_restart=True)
