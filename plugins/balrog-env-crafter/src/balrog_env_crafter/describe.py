"""The detailed language observation (``-o env.crafter.observation=detailed``), an opt-in.

It departs on purpose from the reference protocol's text (``observation.py``; this module
keeps its old name): materials under creatures stay visible, items are listed nearest first,
the facing line names its direction, night is announced, and vitals and inventory sit in the
same text. Written from crafter's internal state (the world's material and object maps and
the player), restricted to the same 9×7 tiles the image shows. Directions are compass
words: crafter's x grows east and its y grows south.
"""

from __future__ import annotations

import crafter
import crafter.constants
import numpy as np
from crafter import objects

from .observation import VITALS

__all__ = ["describe", "visible_things", "facing_thing", "offset_words"]

# Below this daylight crafter darkens the picture; zombies spawn more in the dark.
_NIGHT_DAYLIGHT = 0.5


def offset_words(dx: int, dy: int) -> str:
    """``2 steps north and 1 step west`` for an offset in crafter's (x east, y south) axes."""

    def part(count: int, word: str) -> str:
        return f"{count} step{'s' if count != 1 else ''} {word}"

    parts = []
    if dy:
        parts.append(part(abs(dy), "north" if dy < 0 else "south"))
    if dx:
        parts.append(part(abs(dx), "west" if dx < 0 else "east"))
    return " and ".join(parts)


def _object_name(obj: objects.Object) -> str:
    if isinstance(obj, objects.Plant):
        return "ripe plant" if obj.ripe else "plant"
    return type(obj).__name__.lower()


def _view_radius(env: crafter.Env) -> tuple[int, int]:
    return tuple(int(n) for n in env._local_view._grid // 2)


def visible_things(env: crafter.Env) -> list[tuple[str, int, int]]:
    """The nearest visible tile of each material and each creature or plant, as
    ``(name, dx, dy)``, nearest first (steps = |dx| + |dy|, ties broken north-to-south,
    then west-to-east, then by name). The player's own tile is left out."""
    world, player = env._world, env._player
    (rx, ry), (px, py) = _view_radius(env), (int(player.pos[0]), int(player.pos[1]))
    nearest: dict[str, tuple[int, int, int]] = {}

    def consider(name: str, dx: int, dy: int) -> None:
        key = (abs(dx) + abs(dy), dy, dx)
        if name not in nearest or key < nearest[name]:
            nearest[name] = key

    for dy in range(-ry, ry + 1):
        for dx in range(-rx, rx + 1):
            if dx == 0 and dy == 0:
                continue
            material, obj = world[(px + dx, py + dy)]
            if material is not None:
                consider(material, dx, dy)
            if obj is not None:
                consider(_object_name(obj), dx, dy)
    ordered = sorted(nearest.items(), key=lambda item: (item[1], item[0]))
    return [(name, key[2], key[1]) for name, key in ordered]


def facing_thing(env: crafter.Env) -> str:
    """The creature, plant or material on the tile the player faces."""
    player = env._player
    target = np.array(player.pos) + np.array(player.facing)
    material, obj = env._world[target]
    if obj is not None:
        return _object_name(obj)
    if material is None:
        return "the edge of the world"
    return material


_COMPASS = {(0, -1): "north", (0, 1): "south", (-1, 0): "west", (1, 0): "east"}


def _facing_direction(env: crafter.Env) -> str:
    return _COMPASS[tuple(int(n) for n in env._player.facing)]


def _inventory(env: crafter.Env) -> str:
    items = [
        f"{count} {name.replace('_', ' ')}"
        for name, count in env._player.inventory.items()
        if name not in VITALS and count > 0
    ]
    return ", ".join(items) if items else "nothing"


def describe(env: crafter.Env) -> str:
    """The full text observation of the current state."""
    player = env._player
    lines = ["You see:"]
    lines += [f"- {name} {offset_words(dx, dy)}" for name, dx, dy in visible_things(env)]
    lines.append("")
    lines.append(f"You face {facing_thing(env)} at your front ({_facing_direction(env)}).")
    if player.health <= 0:
        lines.append("You have died.")
    elif player.sleeping:
        lines.append("You are sleeping; you wake up when your energy is full or when you are hurt.")
    if env._world.daylight < _NIGHT_DAYLIGHT:
        lines.append("It is night: the view is dark and zombies roam.")
    lines.append("")
    vitals = ", ".join(
        f"{name} {player.inventory[name]}/{crafter.constants.items[name]['max']}" for name in VITALS
    )
    lines.append(f"Vitals: {vitals}.")
    lines.append(f"Inventory: {_inventory(env)}.")
    return "\n".join(lines)
