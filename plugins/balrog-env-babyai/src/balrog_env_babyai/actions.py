"""The six BabyAI actions by name, and the minigrid actions they play.

minigrid's seventh action, ``done``, is left out as in BALROG: missions end by themselves
when the verifier sees them completed.
"""

from __future__ import annotations

from balrog_core import ActionSpace
from minigrid.core.actions import Actions

__all__ = ["ACTION_SPACE", "MINIGRID_ACTIONS", "ACTION_NAMES"]

ACTION_SPACE = ActionSpace(
    {
        "turn left": "rotate a quarter turn to your left without leaving your cell",
        "turn right": "rotate a quarter turn to your right without leaving your cell",
        "go forward": "move one cell in the direction you face, if that cell is free",
        "pick up": "take the object on the cell in front of you (you can hold only one)",
        "drop": "put the object you hold on the free cell in front of you",
        "toggle": "open or close the door in front of you; a locked door opens only "
        "while you hold the key of its colour",
    },
    default="go forward",
)

MINIGRID_ACTIONS: dict[str, Actions] = {
    "turn left": Actions.left,
    "turn right": Actions.right,
    "go forward": Actions.forward,
    "pick up": Actions.pickup,
    "drop": Actions.drop,
    "toggle": Actions.toggle,
}

ACTION_NAMES: dict[Actions, str] = {action: name for name, action in MINIGRID_ACTIONS.items()}
