"""The instruction prompt: the game, the episode's mission and the action list."""

from __future__ import annotations

from balrog_core import ActionSpace

__all__ = ["instruction_prompt"]

_RULES = """\
You are playing BabyAI, a small grid world seen from above. You stand on one cell and face \
one of four directions. Rooms are enclosed by walls and hold keys, balls, boxes and doors, \
each with a colour.

Your mission: {mission}.

How the world works:
- You see a 7x7 square: the 6 rows ahead of you and 3 columns to each side. Walls and \
closed doors hide what lies behind them.
- Positions in the observations are counted from your cell: "N steps left" or "N steps \
right" sideways, "M steps forward" ahead.
- To "go to" an object, stand on a cell next to it and face it.
- You pick up and drop objects on the cell right in front of you, and you can hold only \
one object at a time.
- To "put" an object "next to" another, drop it on a cell that touches the other one's \
side (diagonal does not count).
- A locked door opens with toggle while you hold the key of the same colour.
- The episode ends as soon as the mission is completed.

The actions you can take:
{actions}"""


def instruction_prompt(mission: str, actions: ActionSpace) -> str:
    return _RULES.format(mission=mission, actions=actions.describe())
