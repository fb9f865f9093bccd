"""Recording demonstrations: play episodes with an expert agent, keep their traces.

Recording goes through the public run API, exactly like ``balrog run``: the episodes are
played into a temporary run directory and each finished trace (what was observed, what was
played) becomes one demonstration. The default base seed differs from the evaluation
default (0), so demonstrations come from other games than the ones evaluated; the few-shot
agent also refuses any demonstration whose seed is the evaluated episode's.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import attrs

from balrog_core.harness import RunConfig, read_trace

from .store import DemoStep, DemoStore, Demonstration

__all__ = ["DEMO_BASE_SEED", "Recording", "record_demonstrations", "demonstration_from_trace"]

DEMO_BASE_SEED = 1_000_003


@attrs.frozen
class Recording:
    """What a recording did: demonstrations ``added`` to the store, episodes ``skipped``
    because their seed was stored already, episodes that ``failed`` (raised)."""

    added: list[Demonstration]
    skipped: int
    failed: int


def demonstration_from_trace(lines: list[dict[str, Any]]) -> Demonstration:
    """A demonstration from the lines of one finished episode trace."""
    header = next(line for line in lines if line["type"] == "episode")
    end = next(line for line in lines if line["type"] == "end")
    steps = [
        DemoStep(line["observation"], line["action"]) for line in lines if line["type"] == "step"
    ]
    return Demonstration(
        env=header["env"], task=header["task"], seed=header["seed"], steps=steps,
        progression=float(end.get("progression") or 0.0), instruction=header.get("instruction"),
    )


def record_demonstrations(
    store: DemoStore,
    env: str,
    task: str | None = None,
    *,
    agent: str = "oracle",
    episodes: int = 1,
    seed: int = DEMO_BASE_SEED,
    max_steps: int | None = None,
    concurrency: int = 4,
) -> Recording:
    """Play ``episodes`` per task with ``agent`` and add the finished ones to ``store``."""
    config = RunConfig(
        envs=[env], tasks=[task] if task else [], agent=agent, episodes=episodes, seed=seed,
        max_steps=max_steps, concurrency=concurrency,
    )
    from balrog_core.harness import Run  # the run machinery, only when demonstrations are recorded

    with tempfile.TemporaryDirectory(prefix="balrog-demos-") as scratch:
        info = Run.create(config, Path(scratch) / "run")
        asyncio.run(info.play())
        finished = sorted(
            (r for r in info.records if r.error is None and r.trace),
            key=lambda r: (r.task, r.index),
        )
        demonstrations = [
            demonstration_from_trace(read_trace(info.directory.path / r.trace)) for r in finished
        ]
        failed = len(info.records) - len(finished)
    added = store.add(demonstrations)
    return Recording(added, len(demonstrations) - len(added), failed)
