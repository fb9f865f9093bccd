"""Time one Crafter step (game update + text observation, + frame in vision mode).

Usage: python benchmarks/bench_crafter.py [--steps N] [--seed S]

Prints milliseconds per step for text mode and vision mode, split into crafter's own step
and our text rendering, plus the (one-off) cost of building a world at reset.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from balrog_env_crafter import ACTIONS, CrafterGame, action_index
from balrog_env_crafter.describe import describe


def _measure(vision: bool, steps: int, seed: int) -> dict[str, float]:
    game = CrafterGame(vision=vision)
    started = time.perf_counter()
    game.reset(seed)
    reset_ms = 1000 * (time.perf_counter() - started)
    rng = random.Random(seed)
    world_ms, text_ms, total_ms = [], [], []
    for _ in range(steps):
        action = rng.choice(ACTIONS.names)
        t0 = time.perf_counter()
        game.world.step(action_index(action))
        t1 = time.perf_counter()
        describe(game.world)
        t2 = time.perf_counter()
        world_ms.append(1000 * (t1 - t0))
        text_ms.append(1000 * (t2 - t1))
        if game.world._player.health <= 0:
            game.reset(seed + len(total_ms) + 1)
    # The full contract path (what the core calls), on a fresh episode.
    game.reset(seed)
    for _ in range(steps):
        t0 = time.perf_counter()
        outcome = game.step(rng.choice(ACTIONS.names))
        total_ms.append(1000 * (time.perf_counter() - t0))
        if outcome.terminated:
            game.reset(seed + len(total_ms))
    return {
        "reset_ms": reset_ms,
        "crafter_step_ms": statistics.mean(world_ms),
        "text_obs_ms": statistics.mean(text_ms),
        "env_step_ms": statistics.mean(total_ms),
        "env_step_median_ms": statistics.median(total_ms),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"crafter benchmark: {args.steps} random steps per mode, seed {args.seed}")
    for vision in (False, True):
        numbers = _measure(vision, args.steps, args.seed)
        mode = "vision" if vision else "text"
        print(
            f"{mode:>6}: env.step {numbers['env_step_ms']:.2f} ms "
            f"(median {numbers['env_step_median_ms']:.2f}) = crafter step "
            f"{numbers['crafter_step_ms']:.2f} ms + text observation "
            f"{numbers['text_obs_ms']:.2f} ms; reset {numbers['reset_ms']:.0f} ms"
        )


if __name__ == "__main__":
    main()
