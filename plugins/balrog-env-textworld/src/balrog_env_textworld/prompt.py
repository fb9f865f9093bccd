"""Every text the model reads before the game speaks: instruction prompts and command lists.

Two protocols side by side:

- ``reference``: one prompt per family with the reference harness's information, items and
  order, in this project's words. Its layout copies the reference's: paragraphs wrapped at
  about a hundred characters, every line after the first indented by four spaces, typographic
  quotes where the reference has them, the step budget the reference states (40 / 80 / 25,
  not the real cap of 80) and no word of the game's own objective, which the harness hides.
  The reference's coin-collector description of ``take coin`` is garbled ("2in the game by");
  it is written cleanly here with the same information.
- ``extended``: the project's richer prompt, which quotes the game's objective and lists the
  verbs the family's parser understands.

The commands listed are also the environment's action names. TextWorld accepts any text, so
they only tell the model what is worth typing; none of them is ever required.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from balrog_core import ActionSpace

__all__ = [
    "REFERENCE_COMMANDS",
    "REFERENCE_DEFAULT",
    "EXTENDED_VERBS",
    "FAMILY_VERBS",
    "EXTENDED_DEFAULT",
    "reference_prompt",
    "extended_prompt",
    "action_space_for",
]

_LOOK = ("look", "describe the room you are in.")
_GOAL = ("goal", "show the goal of this game.")
_INVENTORY = ("inventory", "list the player’s inventory.")
_OPEN = ("open ...", "open a door or a container; a closed door has to be opened before you can walk through it.")
_DROP = ("drop ...", "put an object down on the floor.")
_PUT = ("put ... on ...", "set an object on a supporter.")
_TAKE_FROM = ("take ... from ...", "take an object out of a container or off a supporter.")
_INSERT = ("insert ... into ...", "place an object inside a container.")
_CUTS = tuple((f"{verb} ... with ...", f"{verb} a cuttable food item using something sharp.")
              for verb in ("slice", "chop", "dice"))

REFERENCE_COMMANDS: Mapping[str, Mapping[str, str]] = {
    "treasure_hunter": dict((
        _LOOK, _GOAL, _INVENTORY,
        ("go <dir>", "move north, east, south or west; you can only move where an exit or a door leads."),
        _OPEN, _DROP,
        ("take ...", "pick up an object you can see; only a visible object can be taken."),
        _PUT, _TAKE_FROM, _INSERT,
        ("unlock ... with ...", "unlock a door or a container with a key; a locked door opens only after you "
                                "unlock it with its matching key, which must be in your inventory."),
    )),
    "the_cooking_game": dict((
        _LOOK, _GOAL, _INVENTORY,
        ("go <dir>", "move north, east, south or west; you can only move where an exit or a door leads."),
        ("examine ...", "look at something more closely to learn about it."),
        ("eat ...", "eat a piece of edible food."),
        _OPEN, _DROP,
        ("take ...", "pick up an object you can see."),
        _PUT, _TAKE_FROM, _INSERT,
        ("lock ... with ...", "lock a door or a container with a key."),
        ("unlock ... with ...", "unlock a door or a container with a key."),
        ("cook ... with ...", "cook a cookable food item using something that gives heat."),
        *_CUTS,
        ("prepare meal", "combine the ingredients in your inventory into a meal; meals can only be "
                         "prepared in the Kitchen."),
    )),
    "coin_collector": dict((
        _GOAL,
        ("go <dir>", "move north, east, south or west; you can only move where something like an exit "
                     "or a door leads."),
        ("take coin", "win the game with ‘take coin’ when you see the coin in the room."),
    )),
}
REFERENCE_DEFAULT = "help"

_INTRO = {
    "treasure_hunter": (
        "You are an agent playing TextWorld, a text-based adventure game. You find yourself in a randomly "
        "generated maze and have to find one particular object; you will need to explore the different "
        "rooms until you come across the target object."
    ),
    "the_cooking_game": (
        "You are an agent playing TextWorld, a text-based adventure game in which you move between different "
        "rooms, handle objects and solve puzzles. Your goal is to find the recipe first, then to find the "
        "food and prepare it as the recipe says, and at last to prepare the meal and eat it."
    ),
    "coin_collector": (
        "You are an agent playing TextWorld, a text-based adventure game. You are inside a randomly "
        "generated maze and have to find the coin, so explore the different rooms until you come across the "
        "target object."
    ),
}
_TIPS = {
    "treasure_hunter": (
        "- The object you are after may sit in a closed or locked container.",
        "- A key fits a lock when their adjectives agree (e.g. a non-euclidean keycard opens a "
        "non-euclidean safe), so make sure they match before you unlock!",
        "- The key that a door needs may be lying in another room or be locked inside a container.",
        "- Pick up every key whenever you can.",
        "- Unlocking a door or a container does not open it: it stays closed, and you then have to open "
        "it yourself.",
    ),
    "the_cooking_game": (
        "- Whenever the cookbook is visible, examine it to read the recipe.",
        "- The BBQ is for grilling, the stove for frying and the oven for roasting; cooking an ingredient "
        "the wrong way makes you lose the game.",
        "- Once the processed ingredients and the right cooking tool are ready, cook every one of them "
        "as the recipe asks.",
        "- Cooking something (grill/fry/roast) works only when a) the ingredient is in your inventory and "
        "b) a suitable cooking tool is in the room; then use the ‘cook ... with ...’ command.",
        "- To chop, slice or dice an ingredient, first carry both the knife and the ingredient in your "
        "inventory, then use "
        "‘slice/chop/dice ... with knife’.",
        "- Always process the food (chop/slice/dice) before you try to cook it.",
        "- Once you carry every ingredient, cut or cooked as the recipe says, use ‘prepare meal’ in the "
        "kitchen and then ‘eat meal’ to win the game.",
        "- An ingredient’s colour must match the colour in the recipe EXACTLY, but if the recipe names no "
        "colour, any colour will do. When you ‘take ...’ something, type the EXACT name that you see.",
        "- You need not examine a container or supporter (e.g. a toolbox) when the text says something "
        "like \"there isn’t a thing on it\" or \"has nothing on it\".",
    ),
    "coin_collector": (
        "The only things you can do are ‘go <dir>’ to explore the maze and ‘take coin’ once you see the "
        "coin in the room.",
    ),
}
_BUDGET = {"treasure_hunter": 40, "the_cooking_game": 80, "coin_collector": 25}
_WIDTH = 106


def _layout(paragraphs: list[str]) -> str:
    """The reference's shape: paragraphs wrapped at about a hundred characters, each line
    after the very first indented by four spaces."""
    lines = [line for paragraph in paragraphs
             for line in textwrap.wrap(paragraph, _WIDTH, break_on_hyphens=False, break_long_words=False)]
    return "\n    ".join(lines)


def reference_prompt(task: str) -> str:
    """The family's instruction prompt under the reference protocol: the same for every game
    of the family, with no word of the game's own objective."""
    commands = " ".join(f"{name}: {text}" for name, text in REFERENCE_COMMANDS[task].items())
    return _layout([
        _INTRO[task],
        f"These are the commands you can use: {commands}",
        " ".join(_TIPS[task]),
        f"You have {_BUDGET[task]} steps to complete the task. You may not restart the game.",
    ])


EXTENDED_VERBS: Mapping[str, str] = {
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
FAMILY_VERBS: Mapping[str, tuple[str, ...]] = {
    "coin_collector": _BASIC,
    "treasure_hunter": _BASIC + _CONTAINERS,
    "the_cooking_game": _BASIC + _CONTAINERS + ("drink", "cook", "slice", "chop", "dice", "prepare"),
}
EXTENDED_DEFAULT = "look"


def extended_prompt(objective: str, space: ActionSpace) -> str:
    """The project's richer prompt: it states the game's objective and the family's verbs."""
    return (
        "You are playing a TextWorld text adventure. Each turn you read what happened and "
        "type one command, in plain words, that the game's parser understands.\n\n"
        f"The game states your objective like this:\n{objective}\n\n"
        "The game knows these commands (X and Y stand for objects, containers and doors "
        "named in the text; use their full names):\n"
        f"{space.describe()}\n\n"
        "Tips: read room descriptions carefully for exits, closed doors and containers; "
        "open what is closed before going through or looking inside; 'look' and "
        "'inventory' cost a turn but never hurt. Answer with a single command."
    )


def action_space_for(task: str, extended: bool) -> ActionSpace:
    """Free text either way. Reference: the prompt's commands, and ``help`` as the default
    action, which is never played because every text is a valid command. Extended: the
    family's verbs, and ``look`` on an answer the core cannot read, because it changes nothing
    in the world."""
    if extended:
        return ActionSpace({verb: EXTENDED_VERBS[verb] for verb in FAMILY_VERBS[task]},
                           default=EXTENDED_DEFAULT, free_text=True)
    return ActionSpace(REFERENCE_COMMANDS[task], default=REFERENCE_DEFAULT, free_text=True)
