"""Harness overhead per step, beyond the game's step and the model's latency.

An instant game (a counter) and an instant agent are played through the full run machinery
(scheduler, thread pool, trace writing, records); the time per step minus the measured cost
of the game and agent alone is what the harness adds.

    python benchmarks/bench_harness.py [--steps 2000] [--episodes 8]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time

from balrog_core import (
    ActionSpace,
    Agent,
    AgentReply,
    AgentSpec,
    EnvSpec,
    Environment,
    Observation,
    StepOutcome,
    TaskSpec,
    hookimpl,
)
from balrog_core.harness import Run, RunConfig
from balrog_core.harness import get_plugin_manager

SPACE = ActionSpace({"up": "count up", "down": "count down"}, default="up")


class Counter(Environment):
    action_space = SPACE

    def reset(self, seed: int) -> Observation:
        self.value = 0
        return Observation("The counter shows 0. " + "x" * 400)

    def step(self, action: str) -> StepOutcome:
        self.value += 1 if action == "up" else -1
        return StepOutcome(Observation(f"The counter shows {self.value}. " + "x" * 400))

    def instruction_prompt(self) -> str:
        return "Count.\n" + SPACE.describe()

    def progression(self) -> float:
        return 0.0


class Up(Agent):
    async def act(self, turn):
        return AgentReply(text="up", action="up", rule="bench")


class BenchPlugin:
    def __init__(self, steps: int, episodes: int) -> None:
        self.steps, self.episodes = steps, episodes

    @hookimpl
    def register_envs(self, register):
        register(EnvSpec("bench-counter", [TaskSpec("count", self.episodes, self.steps)],
                         factory=lambda task, settings: Counter(), vision=False))

    @hookimpl
    def register_agents(self, register):
        register(AgentSpec("bench-up", factory=lambda setup: Up(), needs_client=False))


def bare_cost(steps: int) -> float:
    """Seconds per step of the game and agent called directly, no harness."""
    env, agent = Counter(), Up()
    env.reset(0)
    started = time.perf_counter()
    for _ in range(steps):
        env.step("up")
        env.progression()
    loop = asyncio.new_event_loop()
    loop.run_until_complete(agent.act(None))
    elapsed = time.perf_counter() - started
    loop.close()
    return elapsed / steps


def harness_cost(steps: int, episodes: int, concurrency: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        config = RunConfig(envs=["bench-counter"], agent="bench-up", concurrency=concurrency)
        info = Run.create(config, f"{tmp}/run")
        started = time.perf_counter()
        asyncio.run(info.play())
        elapsed = time.perf_counter() - started
    return elapsed / (steps * episodes)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--episodes", type=int, default=8)
    args = parser.parse_args()
    get_plugin_manager().register(BenchPlugin(args.steps, args.episodes), name="bench")
    bare = bare_cost(args.steps)
    print(f"game+agent alone: {bare * 1e3:.4f} ms/step")
    for concurrency in (1, 8):
        total = harness_cost(args.steps, args.episodes, concurrency)
        print(f"concurrency {concurrency}: {total * 1e3:.3f} ms/step in total, "
              f"harness overhead {(total - bare) * 1e3:.3f} ms/step "
              f"({args.episodes} episodes x {args.steps} steps, traces on)")


if __name__ == "__main__":
    main()
