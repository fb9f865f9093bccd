"""Crafter's 17 actions under the names the BALROG protocol gives them.

The agent picks actions by name; crafter takes an index into its ``data.yaml`` action list.
The mapping is by crafter's own action names, not by position, so a reordered action list in
a future crafter would still map correctly (and an unknown name fails at import).
"""

from __future__ import annotations

import crafter.constants
from balrog_core import ActionSpace

__all__ = ["ACTIONS", "DEFAULT_ACTION", "action_index"]

DEFAULT_ACTION = "Noop"

# protocol name -> (crafter's action name, what it does, in our words)
_TABLE: dict[str, tuple[str, str]] = {
    "Noop": ("noop", "wait one step without doing anything"),
    "Move West": ("move_left", "turn west and walk one tile west if that tile is free"),
    "Move East": ("move_right", "turn east and walk one tile east if that tile is free"),
    "Move North": ("move_up", "turn north and walk one tile north if that tile is free"),
    "Move South": ("move_down", "turn south and walk one tile south if that tile is free"),
    "Do": (
        "do",
        "use the facing tile: gather a material (wood, stone, ...), drink water, "
        "eat a cow or ripe plant, or hit a creature",
    ),
    "Sleep": ("sleep", "lie down to recover energy; you wake when energy is full or you are hurt"),
    "Place Stone": ("place_stone", "put 1 stone on the facing tile (grass, sand, path, water or lava)"),
    "Place Table": ("place_table", "build a crafting table on the facing tile from 2 wood"),
    "Place Furnace": ("place_furnace", "build a furnace on the facing tile from 4 stone"),
    "Place Plant": ("place_plant", "plant a sapling on the facing grass tile"),
    "Make Wood Pickaxe": ("make_wood_pickaxe", "craft a wood pickaxe from 1 wood next to a table"),
    "Make Stone Pickaxe": (
        "make_stone_pickaxe", "craft a stone pickaxe from 1 wood and 1 stone next to a table",
    ),
    "Make Iron Pickaxe": (
        "make_iron_pickaxe",
        "craft an iron pickaxe from 1 wood, 1 coal and 1 iron next to a table and a furnace",
    ),
    "Make Wood Sword": ("make_wood_sword", "craft a wood sword from 1 wood next to a table"),
    "Make Stone Sword": (
        "make_stone_sword", "craft a stone sword from 1 wood and 1 stone next to a table",
    ),
    "Make Iron Sword": (
        "make_iron_sword",
        "craft an iron sword from 1 wood, 1 coal and 1 iron next to a table and a furnace",
    ),
}

ACTIONS = ActionSpace(
    {name: description for name, (_, description) in _TABLE.items()}, default=DEFAULT_ACTION
)

_INDEX = {name: crafter.constants.actions.index(inner) for name, (inner, _) in _TABLE.items()}


def action_index(name: str) -> int:
    """Crafter's action index for a protocol action name."""
    return _INDEX[name]
