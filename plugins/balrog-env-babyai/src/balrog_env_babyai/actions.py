"""The six BabyAI actions by name, in the reference's order, and the minigrid actions they
play.

minigrid's seventh action, ``done``, is left out as in BALROG: missions end by themselves
when the verifier sees them completed.
"""

from __future__ import annotations

from balrog_core import ActionSpace
from minigrid.core.actions import Actions

from .prompt import REFERENCE_ACTIONS

__all__ = ["ACTION_SPACE", "MINIGRID_ACTIONS", "ACTION_NAMES"]

ACTION_SPACE = ActionSpace(REFERENCE_ACTIONS, default="go forward")

MINIGRID_ACTIONS: dict[str, Actions] = {
    "turn left": Actions.left,
    "turn right": Actions.right,
    "go forward": Actions.forward,
    "pick up": Actions.pickup,
    "drop": Actions.drop,
    "toggle": Actions.toggle,
}

ACTION_NAMES: dict[Actions, str] = {action: name for name, action in MINIGRID_ACTIONS.items()}
