"""Every instruction-prompt text Crafter shows a model, for both protocols side by side.

``reference``: what the BALROG harness tells the model (PROTOCOL.md §7.2), in our own words:
one opening sentence, the 17 actions with one-line descriptions, the 22 achievements in the
harness's order, a line announcing the history, the goal, ``PLAY!``. It deliberately holds no
survival rules, day/night rules, recipes or walkthrough: a model scored against the published
leaderboard must know exactly what the leaderboard's models knew.

``extended`` (``--protocol extended``): the project's richer prompt with the world's rules,
achievement hints and tips.
"""

from __future__ import annotations

from collections.abc import Mapping

from .achievements import ACHIEVEMENTS

__all__ = [
    "REFERENCE_ACTIONS", "EXTENDED_ACTIONS", "REFERENCE_ACHIEVEMENTS", "instruction_prompt",
    "action_descriptions",
]

# The action descriptions the reference protocol gives, in its action order (own words,
# same facts: Make lines name the station and every material they need).
REFERENCE_ACTIONS: dict[str, str] = {
    "Noop": "take no action",
    "Move West": "walk west over flat ground",
    "Move East": "walk east over flat ground",
    "Move North": "walk north over flat ground",
    "Move South": "walk south over flat ground",
    "Do": "all-purpose action to gather materials, drink from a lake and strike the creature "
          "in front",
    "Sleep": "go to sleep while energy is below its maximum",
    "Place Stone": "put a stone in front of you",
    "Place Table": "set down a table",
    "Place Furnace": "set down a furnace",
    "Place Plant": "set down a plant",
    "Make Wood Pickaxe": "craft a wood pickaxe when a table is nearby and you hold wood",
    "Make Stone Pickaxe": "craft a stone pickaxe when a table is nearby and you hold wood and "
                          "stone",
    "Make Iron Pickaxe": "craft an iron pickaxe when a table and a furnace are nearby and you "
                         "hold wood, coal and iron",
    "Make Wood Sword": "craft a wood sword when a table is nearby and you hold wood",
    "Make Stone Sword": "craft a stone sword when a table is nearby and you hold wood and stone",
    "Make Iron Sword": "craft an iron sword when a table and a furnace are nearby and you hold "
                       "wood, coal and iron",
}

# The extended protocol's descriptions: what each action does, with costs and targets.
EXTENDED_ACTIONS: dict[str, str] = {
    "Noop": "wait one step without doing anything",
    "Move West": "turn west and walk one tile west if that tile is free",
    "Move East": "turn east and walk one tile east if that tile is free",
    "Move North": "turn north and walk one tile north if that tile is free",
    "Move South": "turn south and walk one tile south if that tile is free",
    "Do": "use the facing tile: gather a material (wood, stone, ...), drink water, "
          "eat a cow or ripe plant, or hit a creature",
    "Sleep": "lie down to recover energy; you wake when energy is full or you are hurt",
    "Place Stone": "put 1 stone on the facing tile (grass, sand, path, water or lava)",
    "Place Table": "build a crafting table on the facing tile from 2 wood",
    "Place Furnace": "build a furnace on the facing tile from 4 stone",
    "Place Plant": "plant a sapling on the facing grass tile",
    "Make Wood Pickaxe": "craft a wood pickaxe from 1 wood next to a table",
    "Make Stone Pickaxe": "craft a stone pickaxe from 1 wood and 1 stone next to a table",
    "Make Iron Pickaxe": "craft an iron pickaxe from 1 wood, 1 coal and 1 iron next to a table "
                         "and a furnace",
    "Make Wood Sword": "craft a wood sword from 1 wood next to a table",
    "Make Stone Sword": "craft a stone sword from 1 wood and 1 stone next to a table",
    "Make Iron Sword": "craft an iron sword from 1 wood, 1 coal and 1 iron next to a table "
                       "and a furnace",
}

# The 22 achievements in the order the reference prompt numbers them (crafter's names in
# title case).
REFERENCE_ACHIEVEMENTS: tuple[str, ...] = (
    "Collect Wood", "Place Table", "Eat Cow", "Collect Sapling", "Collect Drink",
    "Make Wood Pickaxe", "Make Wood Sword", "Place Plant", "Defeat Zombie", "Collect Stone",
    "Place Stone", "Eat Plant", "Defeat Skeleton", "Make Stone Pickaxe", "Make Stone Sword",
    "Wake Up", "Place Furnace", "Collect Coal", "Collect Iron", "Make Iron Pickaxe",
    "Make Iron Sword", "Collect Diamond",
)

_REFERENCE_TEMPLATE = """\
You are an agent playing Crafter. Only the actions below are valid in the game, each \
followed by a brief description:

{actions}.

You can unlock these achievements in the game:
{achievements}

Next you will be shown a history of your actions and of the game's observations.
Your goal is to progress as far as you can by unlocking every achievement.

PLAY!"""


def _reference_prompt() -> str:
    actions = ",\n".join(f"{name}: {text}" for name, text in REFERENCE_ACTIONS.items())
    achievements = "\n".join(
        f"{number}. {name}" for number, name in enumerate(REFERENCE_ACHIEVEMENTS, start=1)
    )
    return _REFERENCE_TEMPLATE.format(actions=actions, achievements=achievements)


_ACHIEVEMENT_HINTS = {
    "collect_coal": "mine coal (needs a wood pickaxe)",
    "collect_diamond": "mine a diamond (needs an iron pickaxe)",
    "collect_drink": "drink water by doing Do while facing water",
    "collect_iron": "mine iron (needs a stone pickaxe)",
    "collect_sapling": "gather a sapling from grass (it drops now and then)",
    "collect_stone": "mine stone (needs a wood pickaxe)",
    "collect_wood": "chop wood from a tree",
    "defeat_skeleton": "kill a skeleton (they live in dark caves)",
    "defeat_zombie": "kill a zombie (they roam the grassland, mostly at night)",
    "eat_cow": "hit a cow until it dies and you eat it",
    "eat_plant": "eat a ripe plant you grew from a sapling",
    "make_iron_pickaxe": "craft an iron pickaxe",
    "make_iron_sword": "craft an iron sword",
    "make_stone_pickaxe": "craft a stone pickaxe",
    "make_stone_sword": "craft a stone sword",
    "make_wood_pickaxe": "craft a wood pickaxe",
    "make_wood_sword": "craft a wood sword",
    "place_furnace": "build a furnace",
    "place_plant": "plant a sapling",
    "place_stone": "place a stone block",
    "place_table": "build a crafting table",
    "wake_up": "sleep and wake up again",
}

_EXTENDED_TEMPLATE = """\
You are playing Crafter, a two-dimensional survival and crafting game seen from above.
The world is a 64x64 grid of tiles: grassland with trees and cows, lakes, sand, mountains of \
stone with caves, coal, iron, diamonds and lava. You see the 9x7 tiles around you.

Goal: unlock as many of these {count} achievements as you can; each counts once:
{achievements}

Staying alive: health, food, drink and energy each go from 0 to 9. Food falls over time \
(eat cows or ripe plants), drink falls over time (drink water), energy falls while awake \
(sleep). When any of them reaches 0 you lose health, otherwise health slowly comes back. \
Zombies and skeletons hurt you, walking into lava kills you at once, and the game ends when \
your health reaches 0.

How the world works: a move turns you toward that direction and walks one tile if the tile \
is free; if it is blocked (a tree, water, stone, a table, a creature) you only turn to face \
it. Most actions work on the tile you face, so face a thing before you use Do or place \
something. Crafting needs a table within one tile of you (iron tools also a furnace).

Actions (answer with exactly one action name):
{actions}

Tips: collect wood first, place a table, craft a wood pickaxe and sword, then mine stone \
and coal, craft stone tools, build a furnace, and look for iron. Drink and eat before your \
vitals run low, and sleep when energy is low, ideally walled in by stone, since zombies \
hit a sleeper hard."""


def _extended_prompt() -> str:
    achievements = "\n".join(
        f"- {name.replace('_', ' ')}: {_ACHIEVEMENT_HINTS[name]}" for name in ACHIEVEMENTS
    )
    actions = "\n".join(f"- {name}: {text}" for name, text in EXTENDED_ACTIONS.items())
    return _EXTENDED_TEMPLATE.format(
        count=len(ACHIEVEMENTS), achievements=achievements, actions=actions
    )


_PROMPTS = {"reference": _reference_prompt, "extended": _extended_prompt}


def instruction_prompt(protocol: str = "reference") -> str:
    """The instruction prompt every Crafter episode of ``protocol`` shares."""
    return _PROMPTS[protocol]()


def action_descriptions(protocol: str = "reference") -> Mapping[str, str]:
    """The action descriptions that ``protocol``'s prompt shows, by action name."""
    return {"reference": REFERENCE_ACTIONS, "extended": EXTENDED_ACTIONS}[protocol]
