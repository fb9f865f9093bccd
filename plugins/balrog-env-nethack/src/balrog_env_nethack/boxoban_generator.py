"""Offline Boxoban levels: random 10x10 rooms with four boxes, made by pulling boxes
away from their targets (so every level is solvable) and checked by the solver.

A level's difficulty is its optimal number of pushes: ``medium`` levels need
MEDIUM_PUSHES, ``hard`` levels HARD_PUSHES (the official sets are filtered by how hard
a trained agent found them; push count is the offline stand-in). The same seed always
gives the same level.
"""

from __future__ import annotations

import random
from functools import lru_cache

from .sokoban import MOVES, Puzzle, solve

__all__ = ["generate_level", "DIFFICULTIES", "MEDIUM_PUSHES", "HARD_PUSHES"]

SIZE = 10
BOXES = 4
MEDIUM_PUSHES = range(6, 10)
HARD_PUSHES = range(10, 100)
DIFFICULTIES = {"medium": MEDIUM_PUSHES, "hard": HARD_PUSHES}
_ATTEMPTS = 500


def _room(rng: random.Random) -> set[tuple[int, int]]:
    """Floor squares carved by a random walk inside the walled 10x10 square."""
    floor: set[tuple[int, int]] = set()
    r, c = rng.randint(2, SIZE - 3), rng.randint(2, SIZE - 3)
    target = rng.randint(22, 32)
    while len(floor) < target:
        for dr in (0, 1):
            for dc in (0, 1):
                if 1 <= r + dr <= SIZE - 2 and 1 <= c + dc <= SIZE - 2 and rng.random() < 0.8:
                    floor.add((r + dr, c + dc))
        dr, dc = rng.choice(MOVES)
        r = min(max(r + dr, 1), SIZE - 2)
        c = min(max(c + dc, 1), SIZE - 2)
    return floor


def _pull_away(rng: random.Random, floor: set, targets: list, steps: int) -> tuple[set, tuple[int, int]] | None:
    """Walk the player randomly, sometimes pulling an adjacent box behind it."""
    boxes = set(targets)
    free = sorted(floor - boxes)
    if not free:
        return None
    player = rng.choice(free)
    for _ in range(steps):
        dr, dc = rng.choice(MOVES)
        nxt = (player[0] + dr, player[1] + dc)
        if nxt not in floor or nxt in boxes:
            continue
        box = (player[0] - dr, player[1] - dc)
        if box in boxes and rng.random() < 0.9:
            boxes.remove(box)
            boxes.add(player)
        player = nxt
    return boxes, player


@lru_cache(maxsize=64)
def generate_level(seed: int, difficulty: str) -> str:
    """A level in Boxoban text format whose optimal push count fits ``difficulty``."""
    wanted = DIFFICULTIES[difficulty]
    rng = random.Random(f"boxoban/{difficulty}/{seed}")
    for _ in range(_ATTEMPTS):
        floor = _room(rng)
        targets = rng.sample(sorted(floor), BOXES)
        pulled = _pull_away(rng, floor, targets, rng.randint(40, 250))
        if pulled is None:
            continue
        boxes, player = pulled
        if boxes & set(targets) or player in targets:  # Boxoban files never start that way
            continue
        puzzle = Puzzle(frozenset(floor), frozenset(targets), frozenset(boxes), player)
        pushes = solve(puzzle, max_states=20_000)
        if pushes is not None and pushes in wanted:
            return puzzle.text(SIZE)
    raise RuntimeError(f"no {difficulty} Boxoban level found for seed {seed}")
