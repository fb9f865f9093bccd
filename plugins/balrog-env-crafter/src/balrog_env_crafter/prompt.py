"""The instruction prompt: Crafter's rules, the 22 achievements and the action list."""

from __future__ import annotations

from .achievements import ACHIEVEMENTS
from .actions import ACTIONS

__all__ = ["instruction_prompt"]

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

_TEMPLATE = """\
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


def instruction_prompt() -> str:
    """The system prompt every Crafter episode shares."""
    achievements = "\n".join(
        f"- {name.replace('_', ' ')}: {_ACHIEVEMENT_HINTS[name]}" for name in ACHIEVEMENTS
    )
    actions = "\n".join(f"- {line}" for line in ACTIONS.describe().splitlines())
    return _TEMPLATE.format(count=len(ACHIEVEMENTS), achievements=achievements, actions=actions)
