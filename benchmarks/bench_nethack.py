"""Per-step cost of the NetHack and MiniHack envs: a game step plus the observation the
agent gets (text; text + image), and the language observation alone (budget: 1 ms).

Run: python benchmarks/bench_nethack.py [--steps N]
"""

from __future__ import annotations

import argparse
import random
import time

from balrog_core import EnvSettings

from balrog_env_nethack.layout import observation_texts
from balrog_env_nethack.minihack_factory import build_minihack
from balrog_env_nethack.minihack_game import MiniHackOptions
from balrog_env_nethack.nethack_game import NetHackGame
from balrog_env_nethack.render import render_tty

_REPEAT = 5  # process_time ticks coarsely: time a few calls per observation
MOVES = ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]


def _make(name: str, vision: bool):
    if name == "nle":
        return NetHackGame(vision=vision)
    return build_minihack(name, EnvSettings(vision=vision, options=MiniHackOptions()))


def time_steps(name: str, vision: bool, steps: int) -> float:
    """CPU milliseconds per ``step`` (game step, --More-- handling, text and image if
    asked); CPU time, so that other processes sharing the machine do not inflate it."""
    env = _make(name, vision)
    rng = random.Random(0)
    seed = 0
    env.reset(seed)
    total = 0.0
    try:
        for _ in range(steps):
            start = time.process_time()
            outcome = env.step(rng.choice(MOVES))
            total += time.process_time() - start
            if outcome.terminated or outcome.truncated:
                seed += 1
                env.reset(seed)
    finally:
        env.close()
    return 1e3 * total / steps


def time_language(steps: int) -> tuple[float, float]:
    """CPU milliseconds per language observation and per image alone, over a played
    NetHack game."""
    env = NetHackGame(vision=False)
    rng = random.Random(1)
    env.reset(1)
    text_total = image_total = 0.0
    try:
        for _ in range(steps):
            outcome = env.step(rng.choice(MOVES))
            if outcome.terminated or outcome.truncated:
                env.reset(2)
            obs = env.last_obs
            start = time.process_time()
            for _ in range(_REPEAT):
                observation_texts(obs, "message", vision=False)
            middle = time.process_time()
            for _ in range(_REPEAT):
                render_tty(obs["tty_chars"], obs["tty_colors"])
            image_total += (time.process_time() - middle) / _REPEAT
            text_total += (middle - start) / _REPEAT
    finally:
        env.close()
    return 1e3 * text_total / steps, 1e3 * image_total / steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=2000)
    args = parser.parse_args()
    print(f"per-step CPU cost, ms (mean over {args.steps} random moves)")
    for name in ("nle", "MiniHack-MazeWalk-15x15-v0", "MiniHack-Corridor-R3-v0"):
        text = time_steps(name, False, args.steps)
        vision = time_steps(name, True, args.steps // 4)
        print(f"  {name:<28} step+text {text:6.3f}   step+text+image {vision:6.3f}")
    text, image = time_language(args.steps)
    verdict = "OK" if text <= 1.0 else "OVER BUDGET"
    print(f"  language observation alone   {text:6.3f} ms ({verdict}: budget 1 ms)")
    print(f"  image alone                  {image:6.3f} ms")


if __name__ == "__main__":
    main()
