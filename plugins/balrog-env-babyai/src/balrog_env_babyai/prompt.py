"""Every text of the instruction prompt, for both protocols.

``reference`` carries what the BALROG harness's BabyAI prompt says, in this project's
words and in the same order: one sentence with the game and the episode's mission, the
action list (``name: description`` lines joined by ``,\\n``, the last ending in ``.``), a
line announcing the observation, two tips, and ``PLAY!``. Nothing about grid or view size,
"go to"/"next to" or unlocking: the reference prompt has none of it.

``extended`` is the project's own richer prompt: how the view, positions, carrying and
locked doors work, with longer action descriptions.
"""

from __future__ import annotations

__all__ = ["EXTENDED_ACTIONS", "REFERENCE_ACTIONS", "instruction_prompt"]

REFERENCE_ACTIONS = {
    "turn left": "turn to the left",
    "turn right": "turn to the right",
    "go forward": "take one step forward",
    "pick up": "pick up the object below you",
    "drop": "drop the object being held",
    "toggle": "manipulate the object in front",
}

EXTENDED_ACTIONS = {
    "turn left": "rotate a quarter turn to your left without leaving your cell",
    "turn right": "rotate a quarter turn to your right without leaving your cell",
    "go forward": "move one cell in the direction you face, if that cell is free",
    "pick up": "take the object on the cell in front of you (you can hold only one)",
    "drop": "put the object you hold on the free cell in front of you",
    "toggle": "open or close the door in front of you; a locked door opens only "
    "while you hold the key of its colour",
}

_REFERENCE = """\
You are an agent in a simple navigation game, and your goal is to {mission}. Here are the \
actions you are allowed to take in this game, each followed by a short description of \
what it does:

{actions}.

You will be shown an observation of the game in a moment.

Tips:
- When the object you want to use or pick up is right in front of you, the 'toggle' \
action lets you interact with it.
- There is no point in repeating one action again and again when the observation stays \
the same.

PLAY!"""

_EXTENDED = """\
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


def instruction_prompt(mission: str, protocol: str = "reference") -> str:
    """The prompt for one episode's ``mission`` under ``protocol``."""
    if protocol == "extended":
        actions = "\n".join(f"{name}: {text}" for name, text in EXTENDED_ACTIONS.items())
        return _EXTENDED.format(mission=mission, actions=actions)
    actions = ",\n".join(f"{name}: {text}" for name, text in REFERENCE_ACTIONS.items())
    return _REFERENCE.format(mission=mission, actions=actions)
