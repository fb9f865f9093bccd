"""The actions of a MiniHack task as BALROG offers them.

The reference builds each task's env with the task's own action set (MazeWalk: the 8
compass moves; Corridor: those plus open, kick, search; Boxoban: the 4 cardinal moves;
Quest: NLE's command set) and accepts only the actions whose names belong to a 33-name
subset, in the env's action order. Each name stands for one NLE key.

``-o env.minihack.actions=full`` instead builds the env with NLE's whole keyboard and
offers the project's 126-name vocabulary (``actions.py``, shared with NetHack).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from balrog_core import ActionSpace
from nle import nethack

from . import actions as full_vocabulary

__all__ = ["REFERENCE_ACTIONS", "DEFAULT_ACTION", "TaskActions", "reference_actions", "full_actions"]

_MOVES = {"north": "N", "east": "E", "south": "S", "west": "W",
          "northeast": "NE", "southeast": "SE", "southwest": "SW", "northwest": "NW"}
_C = nethack.Command

# name -> (NLE key, short gloss for the prompt)
REFERENCE_ACTIONS: dict[str, tuple[int, str]] = {
    **{name: (int(nethack.CompassDirection[short]), f"move {name}") for name, short in _MOVES.items()},
    **{f"far {name}": (int(nethack.CompassDirectionLonger[short]), f"move far {name}")
       for name, short in _MOVES.items()},
    "up": (int(nethack.MiscDirection.UP), "go up the stairs"),
    "down": (int(nethack.MiscDirection.DOWN), "go down the stairs"),
    "wait": (int(nethack.MiscDirection.WAIT), "rest for one move, doing nothing"),
    "more": (int(nethack.MiscAction.MORE), "display more of the message"),
    "apply": (int(_C.APPLY), "use (apply) a tool"),
    "close": (int(_C.CLOSE), "close a door next to you"),
    "open": (int(_C.OPEN), "open an adjacent door"),
    "eat": (int(_C.EAT), "eat something"),
    "force": (int(_C.FORCE), "force open a lock"),
    "kick": (int(_C.KICK), "kick an enemy or a locked door or chest"),
    "loot": (int(_C.LOOT), "loot a box on the floor"),
    "pickup": (int(_C.PICKUP), "pick up things at the current location if there are any"),
    "pray": (int(_C.PRAY), "pray to your god for help"),
    "puton": (int(_C.PUTON), "put on an accessory"),
    "quaff": (int(_C.QUAFF), "drink (quaff) something"),
    "search": (int(_C.SEARCH), "search for hidden doors and passages"),
    "zap": (int(_C.ZAP), "zap a wand"),
}
DEFAULT_ACTION = "north"


@attrs.frozen
class TaskActions:
    """The valid actions of one task (``space``, names in the env's action order) and the
    NLE key each name presses."""

    space: ActionSpace
    keys: dict[str, int]


def reference_actions(env_keys: Iterable[int]) -> TaskActions:
    """The reference set of a task whose env was built with its own actions: the env's
    keys that one of the 33 names stands for, in the env's order."""
    by_key = {key: name for name, (key, _) in REFERENCE_ACTIONS.items()}
    names = [by_key[int(key)] for key in env_keys if int(key) in by_key]
    space = ActionSpace({name: REFERENCE_ACTIONS[name][1] for name in names}, default=DEFAULT_ACTION)
    return TaskActions(space, {name: REFERENCE_ACTIONS[name][0] for name in names})


def full_actions() -> TaskActions:
    """The project's 126-name vocabulary, for an env built with ``nethack.ACTIONS``."""
    return TaskActions(full_vocabulary.action_space(DEFAULT_ACTION), dict(full_vocabulary.KEYS))
