"""Time one Crafter step: crafter's game update plus our text observation (plus the frame
in vision mode).

Usage: python benchmarks/bench_crafter.py [--steps N] [--seed S]

Prints milliseconds per step for text mode and vision mode: the whole ``env.step`` as the
core calls it, split into crafter's own step and the text rendering. Both wall-clock medians
and CPU time (process time, which other busy processes on a shared machine disturb less) are
shown. World generation at reset is a one-off cost per episode, printed separately.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from balrog_env_crafter import ACTIONS, CrafterGame, action_index
from balrog_env_crafter.observation import observe, semantic_names


class _Clock:
    """Wall-clock samples and total CPU time of one timed section."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu = 0.0

    def __enter__(self) -> "_Clock":
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_) -> None:
        self.wall.append(1000 * (time.perf_counter() - self._wall))
        self.cpu += 1000 * (time.process_time() - self._cpu)

    def summary(self) -> str:
        cpu = self.cpu / len(self.wall)
        return f"{statistics.median(self.wall):.2f} ms wall median, {cpu:.2f} ms CPU mean"


def _measure(vision: bool, steps: int, seed: int) -> dict[str, _Clock]:
    clocks = {name: _Clock() for name in ("reset", "env.step", "crafter step", "text observation")}
    game = CrafterGame(vision=vision)
    rng = random.Random(seed)
    episode = 0

    def reset() -> None:
        nonlocal episode
        with clocks["reset"]:
            game.reset(seed + episode)
        episode += 1

    reset()
    for _ in range(steps):  # the contract path the core calls
        with clocks["env.step"]:
            outcome = game.step(rng.choice(ACTIONS.names))
        if outcome.terminated:
            reset()
    reset()
    names = semantic_names(game.world)
    for _ in range(steps):  # the same work, split into its two parts
        with clocks["crafter step"]:
            game.world.step(action_index(rng.choice(ACTIONS.names)))
        with clocks["text observation"]:
            observe(game.world, names)
        if game.world._player.health <= 0:
            reset()
    return clocks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"crafter benchmark: {args.steps} random steps per mode and part, seed {args.seed}")
    for vision in (False, True):
        clocks = _measure(vision, args.steps, args.seed)
        print(f"{'vision' if vision else 'text'} mode:")
        for name, clock in clocks.items():
            print(f"  {name:<17} {clock.summary()}  ({len(clock.wall)} samples)")


if __name__ == "__main__":
    main()
