"""The reference protocol's language observation of Crafter (PROTOCOL.md §7.2).

Two texts per step, as the BALROG harness shows them:

- the long-term text (kept in the history): a status line when sleeping or dead, the
  "You see" block, and the line naming what the player faces;
- the short-term text (current turn only): the four vitals and the inventory.

Both are read from crafter's *semantic map*, one id per cell where a creature, plant or the
player hides the material beneath it, so a cow on grass is a cow. Crafter's x grows east
and its y grows south. The window is the 9 × 7 cells the image shows, cut the way the
harness cuts it, quirks included: near the west or north edge of the world (fewer than 4
cells west or 3 cells north of the player) the harness's slice wraps to an empty window, so
the player sees nothing and faces nothing there; near the east or south edge the window is
simply cut short.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import crafter
import numpy as np

__all__ = [
    "VITALS", "SLEEPING", "DEAD", "OUT_OF_MAP", "NOTHING_SEEN", "semantic_names", "location_words",
    "seen_items", "long_term_text", "short_term_text", "observe",
]

VITALS = ("health", "food", "drink", "energy")
SLEEPING = "You are sleeping, and will not be able take actions until energy is full."
DEAD = "You died."
OUT_OF_MAP = "Error, you are out of the map."
NOTHING_SEEN = "You see nothing away from you."

# Cells west/east and north/south of the player in the harness's window (9 wide, 7 tall).
RADIUS = (4, 3)


def semantic_names(env: crafter.Env) -> list[str]:
    """Crafter's semantic ids as names: the materials (``water``, ``grass``, ...), then the
    object classes in lower case (``player``, ``cow``, ``zombie``, ``skeleton``, ``arrow``,
    ``plant``)."""
    ids = {str(name): index for name, index in env._world._mat_ids.items()}
    ids.update({cls.__name__.lower(): index for cls, index in env._sem_view._obj_ids.items()})
    names = [""] * (max(ids.values()) + 1)
    for name, index in ids.items():
        names[index] = name
    return names


def location_words(dx: int, dy: int) -> str:
    """``3 steps to your north-east``: Manhattan distance, then the compass direction."""
    distance = abs(dx) + abs(dy)
    parts = [word for offset, word in ((dy, "north" if dy < 0 else "south"),
                                       (dx, "west" if dx < 0 else "east")) if offset]
    return f"{distance} step{'s' if distance != 1 else ''} to your {'-'.join(parts)}"


def _in_window(shape: Sequence[int], pos: Sequence[int], dx: int, dy: int) -> bool:
    """Whether the cell at (dx, dy) from the player lies in the harness's window."""
    (width, height), (x, y), (rx, ry) = shape, pos, RADIUS
    if x - rx < 0 or y - ry < 0:
        return False  # the harness's slice wraps to an empty window here
    return abs(dx) <= rx and abs(dy) <= ry and x + dx < width and y + dy < height


def seen_items(
    semantic: np.ndarray, pos: Sequence[int], names: Sequence[str],
) -> list[tuple[str, int, int]]:
    """Each item in the window once, as ``(name, dx, dy)`` at its smallest Manhattan
    distance (ties go to the cell met first), listed in the order the names are first met.

    The scan runs over columns from west to east and, within a column, from north to
    south; the player's own cell is skipped.
    """
    nearest: dict[str, tuple[int, int]] = {}
    for dx in range(-RADIUS[0], RADIUS[0] + 1):
        for dy in range(-RADIUS[1], RADIUS[1] + 1):
            if (dx, dy) == (0, 0) or not _in_window(semantic.shape, pos, dx, dy):
                continue
            name = names[semantic[pos[0] + dx, pos[1] + dy]]
            if name not in nearest or abs(dx) + abs(dy) < sum(map(abs, nearest[name])):
                nearest[name] = (dx, dy)
    return [(name, dx, dy) for name, (dx, dy) in nearest.items()]


def long_term_text(
    semantic: np.ndarray, pos: Sequence[int], facing: Sequence[int], names: Sequence[str],
    *, sleeping: bool, dead: bool,
) -> str:
    """The status line (if any), the "You see" block and the facing line.

    When the player is missing from its own cell of the semantic map, the harness's
    description fails and it shows ``Error, you are out of the map.`` instead.
    """
    x, y = int(pos[0]), int(pos[1])
    if names[semantic[x, y]] != "player":
        return OUT_OF_MAP
    items = seen_items(semantic, (x, y), names)
    lines = [f"- {name} {location_words(dx, dy)}" for name, dx, dy in items]
    seen = "You see:\n" + "\n".join(lines) if lines else NOTHING_SEEN
    fx, fy = int(facing[0]), int(facing[1])
    in_view = _in_window(semantic.shape, (x, y), fx, fy)
    front = names[semantic[x + fx, y + fy]] if in_view else "nothing"
    body = f"{seen}\n\nYou face {front} at your front."
    status = SLEEPING if sleeping else DEAD if dead else ""
    # The harness ends the status with a blank line and then adds another one before the
    # "You see" block: three empty lines separate them.
    return f"{status}\n\n\n\n{body}" if status else body


def short_term_text(inventory: Mapping[str, int]) -> str:
    """The vitals out of 9, a blank line, then the non-zero items in crafter's order."""
    status = "Your status:\n" + "\n".join(f"- {name}: {inventory[name]}/9" for name in VITALS)
    items = [f"- {name}: {count}" for name, count in inventory.items()
             if name not in VITALS and count != 0]
    held = ("Your inventory:\n" + "\n".join(items) if items
            else "You have nothing in your inventory.")
    return f"{status}\n\n{held}"


def observe(env: crafter.Env, names: Sequence[str]) -> tuple[str, str]:
    """The long-term and short-term texts of ``env``'s current state."""
    player = env._player
    long_term = long_term_text(
        env._sem_view(), player.pos, player.facing, names,
        sleeping=bool(player.sleeping), dead=player.health <= 0,
    )
    return long_term, short_term_text(player.inventory)
