"""The language observation: what the agent holds and sees, in the BabyAI-Text style.

It is read from the agent's 7×7 egocentric view, ``gen_obs()["image"]``: an array indexed
``[column, row]`` of (object, colour, state) indices, with the agent on the bottom row's
middle cell facing up, so a cell's column gives its offset left or right and its row its
distance forward. Walls are named only when they are the first thing seen straight ahead,
to the left or to the right, which tells the agent how much room it has without listing
every wall cell; every other visible object is named with its offset.
"""

from __future__ import annotations

import numpy as np
from minigrid.core.constants import IDX_TO_COLOR, IDX_TO_OBJECT, OBJECT_TO_IDX, STATE_TO_IDX
from minigrid.core.world_object import WorldObj

__all__ = ["describe_view"]

UNSEEN = OBJECT_TO_IDX["unseen"]
EMPTY = OBJECT_TO_IDX["empty"]
WALL = OBJECT_TO_IDX["wall"]
DOOR = OBJECT_TO_IDX["door"]
DOOR_STATES = {index: name for name, index in STATE_TO_IDX.items()}


def _steps(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def _offset(lateral: int, forward: int) -> str:
    """``lateral`` < 0 is to the left; either part is left out when it is zero."""
    parts = []
    if lateral:
        parts.append(f"{_steps(abs(lateral))} {'left' if lateral < 0 else 'right'}")
    if forward:
        parts.append(f"{_steps(forward)} forward")
    return " and ".join(parts)


def _with_article(words: str) -> str:
    return ("an " if words[0] in "aeiou" else "a ") + words


def _object_words(kind: int, color: int, state: int) -> str:
    words = f"{IDX_TO_COLOR[color]} {IDX_TO_OBJECT[kind]}"
    if kind == DOOR:
        words = f"{DOOR_STATES[state]} {words}"
    return _with_article(words)


def _nearest_wall(cells: list, start: tuple[int, int], step: tuple[int, int]) -> int | None:
    """Distance to the wall along a straight line from ``start``, or ``None`` when
    something else (an object, a door, the edge of sight) comes first."""
    column, row = start
    distance = 0
    while True:
        column, row, distance = column + step[0], row + step[1], distance + 1
        if not (0 <= column < len(cells) and 0 <= row < len(cells[0])):
            return None
        kind = cells[column][row][0]
        if kind == EMPTY:
            continue
        return distance if kind == WALL else None


def describe_view(image: np.ndarray, carrying: WorldObj | None) -> str:
    """One line per fact: the carried object, the nearest walls ahead, left and right,
    then every other visible object, nearest first."""
    lines = []
    if carrying is not None:
        lines.append(f"You carry {_with_article(f'{carrying.color} {carrying.type}')}")
    cells = image.tolist()  # plain lists: far faster to walk than numpy scalars
    agent = (len(cells) // 2, len(cells[0]) - 1)
    for step, direction in (((0, -1), "forward"), ((-1, 0), "left"), ((1, 0), "right")):
        distance = _nearest_wall(cells, agent, step)
        if distance is not None:
            lines.append(f"You see a wall {_steps(distance)} {direction}")
    seen = []
    for column, strip in enumerate(cells):
        for row, (kind, color, state) in enumerate(strip):
            if (column, row) == agent or kind in (UNSEEN, EMPTY, WALL):
                continue
            lateral, forward = column - agent[0], agent[1] - row
            seen.append((abs(lateral) + forward, forward, lateral, kind, color, state))
    for _, forward, lateral, kind, color, state in sorted(seen):
        lines.append(f"You see {_object_words(kind, color, state)} {_offset(lateral, forward)}")
    if not lines:
        lines.append("You see nothing but empty floor")
    return "\n".join(lines)
