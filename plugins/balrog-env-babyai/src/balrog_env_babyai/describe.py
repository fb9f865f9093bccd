"""The language observation, in the reference's BabyAI-Text format.

It is read from the agent's 7×7 egocentric view, ``gen_obs()["image"]``: an array indexed
``[column, row]`` of (object, colour, state) indices, with the agent on the bottom row's
middle cell facing up, so a cell's column gives its offset left or right and its row its
distance forward. The lines, in order:

1. ``You carry a {color} {type}`` when the agent holds something;
2. walls, looking forward, then left, then right: along each line the first cell that is
   neither unseen nor empty floor is named only if it is a wall,
   ``a wall {n} step(s) forward|left|right``;
3. every other visible object, column by column from left to right and in each column from
   far to near: ``a {color} {type} {offset}``, doors as ``a {state} {color} door {offset}``
   (always "a", as in the reference, even before "open").

An offset is ``{n} step(s) left|right`` in the agent's row, ``{n} step(s) forward`` straight
ahead, else ``{dx} step(s) left|right and {dy} step(s) forward``. The text may be empty.
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
WALL_LOOKS = (((0, -1), "forward"), ((-1, 0), "left"), ((1, 0), "right"))


def _steps(count: int, direction: str) -> str:
    return f"{count} step{'s' if count > 1 else ''} {direction}"


def _offset(lateral: int, forward: int) -> str:
    """``lateral`` < 0 is to the left."""
    sideways = _steps(abs(lateral), "left" if lateral < 0 else "right")
    if not lateral:
        return _steps(forward, "forward")
    if not forward:
        return sideways
    return f"{sideways} and {_steps(forward, 'forward')}"


def _wall_distance(cells: list, start: tuple[int, int], step: tuple[int, int]) -> int | None:
    """Cells from ``start`` to the first wall along ``step``, or ``None`` when something
    else comes first or the line leaves the view; unseen and empty cells are passed over."""
    column, row = start
    distance = 0
    while True:
        column, row, distance = column + step[0], row + step[1], distance + 1
        if not (0 <= column < len(cells) and 0 <= row < len(cells[0])):
            return None
        kind = cells[column][row][0]
        if kind not in (UNSEEN, EMPTY):
            return distance if kind == WALL else None


def describe_view(image: np.ndarray, carrying: WorldObj | None) -> str:
    """The observation text for one view: carried object, walls, then other objects."""
    lines = []
    if carrying is not None:
        lines.append(f"You carry a {carrying.color} {carrying.type}")
    cells = image.tolist()  # plain lists: far faster to walk than numpy scalars
    agent = (len(cells) // 2, len(cells[0]) - 1)
    for step, direction in WALL_LOOKS:
        distance = _wall_distance(cells, agent, step)
        if distance is not None:
            lines.append(f"a wall {_steps(distance, direction)}")
    for column, strip in enumerate(cells):
        for row, (kind, color, state) in enumerate(strip):
            if (column, row) == agent or kind in (UNSEEN, EMPTY, WALL):
                continue
            words = f"{IDX_TO_COLOR[color]} {IDX_TO_OBJECT[kind]}"
            if kind == DOOR:
                words = f"{DOOR_STATES[state]} {words}"
            lines.append(f"a {words} {_offset(column - agent[0], agent[1] - row)}")
    return "\n".join(lines)
