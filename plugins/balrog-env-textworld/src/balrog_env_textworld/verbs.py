"""Verb descriptions shown to the agent: TextWorld accepts free text, but only these verbs
mean anything to its parser, and each family's games understand a subset of them."""

from __future__ import annotations

from balrog_core import ActionSpace

__all__ = ["VERBS", "FAMILY_VERBS", "DEFAULT_COMMAND", "action_space_for"]

VERBS: dict[str, str] = {
    "look": "'look' - describe the room you are in again",
    "inventory": "'inventory' - list what you are carrying",
    "go": "'go north', 'go south', 'go east', 'go west' - leave the room through that exit",
    "examine": "'examine X' - read or inspect an object, a container or a door",
    "take": "'take X' or 'take X from Y' - pick up an object, also from a container or a supporter",
    "drop": "'drop X' - put down an object you carry",
    "put": "'put X on Y' - place an object you carry on a supporter (a table, a shelf)",
    "insert": "'insert X into Y' - place an object you carry inside a container",
    "open": "'open X' - open a closed door or container",
    "close": "'close X' - close an open door or container",
    "unlock": "'unlock X with Y' - unlock a locked door or container with a key you carry",
    "lock": "'lock X with Y' - lock a door or container with a key you carry",
    "eat": "'eat X' - eat something edible you carry",
    "drink": "'drink X' - drink something you carry",
    "cook": "'cook X with Y' - cook an ingredient you carry on a heat source (stove: fried, oven: roasted, BBQ: grilled)",
    "slice": "'slice X with Y' - slice an ingredient with a knife you carry",
    "chop": "'chop X with Y' - chop an ingredient with a knife you carry",
    "dice": "'dice X with Y' - dice an ingredient with a knife you carry",
    "prepare": "'prepare meal' - combine the recipe's ingredients into the meal, in the kitchen",
}

_BASIC = ("look", "inventory", "go", "examine", "take", "drop")
_CONTAINERS = ("put", "insert", "open", "close", "unlock", "lock", "eat")
FAMILY_VERBS: dict[str, tuple[str, ...]] = {
    "coin_collector": _BASIC,
    "treasure_hunter": _BASIC + _CONTAINERS,
    "the_cooking_game": _BASIC + _CONTAINERS + ("drink", "cook", "slice", "chop", "dice", "prepare"),
}
DEFAULT_COMMAND = "look"


def action_space_for(task: str) -> ActionSpace:
    """The verbs of ``task``'s games, for the prompt; ``look`` is played on invalid output
    because it changes nothing in the world."""
    return ActionSpace({verb: VERBS[verb] for verb in FAMILY_VERBS[task]}, default=DEFAULT_COMMAND, free_text=True)
