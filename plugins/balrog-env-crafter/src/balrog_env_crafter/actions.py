"""Crafter's 17 actions under the names the BALROG protocol gives them.

The agent picks actions by name; crafter takes an index into its ``data.yaml`` action list.
The mapping is by crafter's own action names, not by position, so a reordered action list in
a future crafter would still map correctly (and an unknown name fails at import).
"""

from __future__ import annotations

import crafter.constants
from balrog_core import ActionSpace

from .prompt import action_descriptions

__all__ = ["ACTIONS", "DEFAULT_ACTION", "action_index", "action_space"]

DEFAULT_ACTION = "Noop"

# protocol name -> crafter's action name, in the protocol's order
_CRAFTER_NAMES: dict[str, str] = {
    "Noop": "noop",
    "Move West": "move_left",
    "Move East": "move_right",
    "Move North": "move_up",
    "Move South": "move_down",
    "Do": "do",
    "Sleep": "sleep",
    "Place Stone": "place_stone",
    "Place Table": "place_table",
    "Place Furnace": "place_furnace",
    "Place Plant": "place_plant",
    "Make Wood Pickaxe": "make_wood_pickaxe",
    "Make Stone Pickaxe": "make_stone_pickaxe",
    "Make Iron Pickaxe": "make_iron_pickaxe",
    "Make Wood Sword": "make_wood_sword",
    "Make Stone Sword": "make_stone_sword",
    "Make Iron Sword": "make_iron_sword",
}

_INDEX = {name: crafter.constants.actions.index(inner) for name, inner in _CRAFTER_NAMES.items()}


def action_space(protocol: str = "reference") -> ActionSpace:
    """The 17 actions with the descriptions ``protocol``'s prompt gives them."""
    descriptions = action_descriptions(protocol)
    return ActionSpace(
        {name: descriptions[name] for name in _CRAFTER_NAMES}, default=DEFAULT_ACTION
    )


ACTIONS = action_space("reference")


def action_index(name: str) -> int:
    """Crafter's action index for a protocol action name."""
    return _INDEX[name]
