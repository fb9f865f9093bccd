"""Speed of the Baba Is AI plugin: env step + text observation, rendering, oracle solve.

    python benchmarks/bench_babaisai.py [--seeds N]

Prints per-step costs in milliseconds (random play on every level) and the oracle's solve
time per episode over all 40 levels x N seeds (CPU time, so a busy machine inflates the
numbers less), with the plan lengths.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from balrog_env_babaisai.env import BabaIsAIEnv
from balrog_env_babaisai.levels import LEVEL_NAMES, generate_level, new_rng
from balrog_env_babaisai.prompt import REFERENCE_ACTIONS as ACTIONS
from balrog_env_babaisai.solver import solve


def _per_call_ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"mean {1000 * statistics.fmean(samples):.3f} ms, p95 {1000 * p95:.3f} ms (n={len(samples)})"


def bench_steps(vision: bool, steps_per_level: int) -> list[float]:
    """Time ``env.step`` (move, rules, text observation, image if vision) under random play."""
    rng = random.Random(0)
    timings = []
    for name in LEVEL_NAMES:
        env = BabaIsAIEnv(name, vision=vision)
        env.reset(0)
        for _ in range(steps_per_level):
            action = rng.choice(ACTIONS.names)
            start = time.process_time()
            outcome = env.step(action)
            timings.append(time.process_time() - start)
            if outcome.terminated:
                env.reset(rng.randrange(10_000))
    return timings


def bench_oracle(seeds: int) -> tuple[list[float], list[int], int]:
    """Solve every level for ``seeds`` seeds; return solve times, plan lengths, failures."""
    times, lengths, failures = [], [], 0
    for name in LEVEL_NAMES:
        for seed in range(seeds):
            board = generate_level(name, new_rng(seed)).board
            start = time.process_time()
            plan = solve(board)
            times.append(time.process_time() - start)
            if plan is None:
                failures += 1
            else:
                lengths.append(len(plan))
    return times, lengths, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="seeds per level for the oracle")
    parser.add_argument("--steps", type=int, default=200, help="random steps per level")
    args = parser.parse_args()

    print(f"env.step + text observation:        {_per_call_ms(bench_steps(False, args.steps))}")
    print(f"env.step + text + image (vision):   {_per_call_ms(bench_steps(True, args.steps // 4))}")
    start = time.process_time()
    for name in LEVEL_NAMES:
        generate_level(name, new_rng(1))
    print(f"level generation:                   mean {1000 * (time.process_time() - start) / len(LEVEL_NAMES):.3f} ms")
    times, lengths, failures = bench_oracle(args.seeds)
    print(f"oracle solve ({len(times)} episodes):      {_per_call_ms(times)}, max {1000 * max(times):.1f} ms, "
          f"total {sum(times):.2f} s")
    print(f"oracle plan length:                 mean {statistics.fmean(lengths):.1f}, max {max(lengths)}; "
          f"unsolved {failures}")


if __name__ == "__main__":
    main()
