"""TextWorld environment speed: seconds per reset and milliseconds per step.

Plays game 0 of each task (built into the games directory first if missing) with the
game's own winning commands, through balrog's ``TextWorldEnv`` (which also tracks the
winning policy each step, for the oracle) and through bare ``textworld`` without policy
tracking, so the cost of each part is visible.

Usage: python benchmarks/bench_textworld.py [--games-dir PATH] [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import textworld

from balrog_env_textworld.catalog import TASKS, games_of
from balrog_env_textworld.env import TextWorldEnv
from balrog_env_textworld.library import ensure_games, game_file, resolve_games_dir


def _time_env(entry, games_dir, repeats: int) -> tuple[float, list[float]]:
    resets, steps = [], []
    for _ in range(repeats):
        env = TextWorldEnv(entry, games_dir)
        started = time.perf_counter()
        env.reset(seed=0)
        resets.append(time.perf_counter() - started)
        done = False
        while not done:
            command = (env.solution() or ["look"])[0]
            started = time.perf_counter()
            done = env.step(command).terminated
            steps.append(time.perf_counter() - started)
        env.close()
    return statistics.median(resets), steps


def _time_bare(entry, games_dir, repeats: int) -> list[float]:
    steps = []
    infos = textworld.EnvInfos(score=True, max_score=True, won=True, lost=True, extras=["walkthrough"])
    for _ in range(repeats):
        game = textworld.start(str(game_file(games_dir, entry)), request_infos=infos)
        state = game.reset()
        for command in state["extra.walkthrough"]:
            started = time.perf_counter()
            _, _, done = game.step(command)
            steps.append(time.perf_counter() - started)
            if done:
                break
        game.close()
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games-dir", default=None)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    games_dir = resolve_games_dir(args.games_dir)
    entries = [games_of(task)[0] for task in TASKS]
    ensure_games(entries, games_dir)
    print(f"{'task':18} {'reset s':>8} {'env ms/step':>12} {'bare ms/step':>13} {'steps':>6}")
    every = []
    for entry in entries:
        reset, steps = _time_env(entry, games_dir, args.repeats)
        bare = _time_bare(entry, games_dir, args.repeats)
        every += steps
        print(f"{entry.task:18} {reset:8.3f} {1000 * statistics.mean(steps):12.2f} "
              f"{1000 * statistics.mean(bare):13.2f} {len(steps) // args.repeats:6d}")
    print(f"all tasks: {1000 * statistics.mean(every):.2f} ms per env step "
          f"(median {1000 * statistics.median(every):.2f} ms, {len(every)} steps)")


if __name__ == "__main__":
    main()
