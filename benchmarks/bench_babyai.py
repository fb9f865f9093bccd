"""BabyAI plugin speed: the game step with its observation, and whole oracle episodes.

Part 1 plays seeded random actions directly on ``BabyAIEnvironment`` (resetting when an
episode ends) and reports milliseconds per step, text-only and with the vision image.
Part 2 plays the oracle through the full run machinery (scheduler, threads, traces) and
reports episodes and steps per second.

    python benchmarks/bench_babyai.py [--steps 3000] [--episodes 20] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time

from balrog_core.harness import Run, RunConfig
from balrog_env_babyai import ACTION_SPACE, BabyAIEnvironment

TASKS = ["goto", "pickup", "open", "putnext", "pick_up_seq_go_to"]


def step_cost(task: str, steps: int, vision: bool) -> tuple[float, float]:
    """(ms per step, ms per reset) of random play on ``task``."""
    rng = random.Random(0)
    env = BabyAIEnvironment(task, vision=vision)
    resets, reset_time, step_time, seed = 0, 0.0, 0.0, 0
    started = time.perf_counter()
    env.reset(seed)
    reset_time += time.perf_counter() - started
    resets += 1
    for _ in range(steps):
        action = rng.choice(ACTION_SPACE.names)
        started = time.perf_counter()
        outcome = env.step(action)
        step_time += time.perf_counter() - started
        if outcome.terminated or outcome.truncated:
            seed += 1
            started = time.perf_counter()
            env.reset(seed)
            reset_time += time.perf_counter() - started
            resets += 1
    return step_time / steps * 1e3, reset_time / resets * 1e3


def oracle_rate(episodes: int, concurrency: int) -> tuple[float, float, int]:
    """(episodes per second, steps per second, episodes played) for the oracle on all
    five tasks through the run API, traces written."""
    with tempfile.TemporaryDirectory() as tmp:
        config = RunConfig(envs=["babyai"], agent="oracle", episodes=episodes,
                           concurrency=concurrency)
        info = Run.create(config, f"{tmp}/run")
        started = time.perf_counter()
        asyncio.run(info.play())
        elapsed = time.perf_counter() - started
        with open(f"{tmp}/run/summary.json") as handle:
            summary = json.load(handle)["envs"]["babyai"]
    assert summary["mean"] == 100.0 and summary["failed"] == 0, summary
    return summary["n"] / elapsed, summary["steps"] / elapsed, summary["n"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=3000, help="random steps per task and mode")
    parser.add_argument("--episodes", type=int, default=20, help="oracle episodes per task")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    print(f"env step + observation, {args.steps} random steps per task:")
    for task in TASKS:
        text_step, text_reset = step_cost(task, args.steps, vision=False)
        vision_step, vision_reset = step_cost(task, args.steps, vision=True)
        print(f"  {task:18s} text {text_step:6.3f} ms/step (reset {text_reset:6.3f} ms)   "
              f"vision {vision_step:6.3f} ms/step (reset {vision_reset:6.3f} ms)")
    for concurrency in sorted({1, args.concurrency}):
        episodes, steps, n = oracle_rate(args.episodes, concurrency)
        print(f"oracle via run API, concurrency {concurrency}: {episodes:.2f} episodes/s, "
              f"{steps:.1f} steps/s ({n} episodes, all scored 100)")


if __name__ == "__main__":
    main()
