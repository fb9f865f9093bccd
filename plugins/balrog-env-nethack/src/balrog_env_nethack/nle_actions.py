"""NetHack's action set as BALROG accepts it: 248 strings, each mapped to an NLE key.

The reference takes the language wrapper's command names that NLE calls useful (86 names,
in the wrapper's order), then the 52 letters, the digits and the 100 two-digit strings
``00``–``99``. A letter is sent as that key (``d`` answers "What do you want to eat?
[d or ?*]", but ``S`` alone saves). The two-digit strings pass the validity check yet have
no key: in the reference the wrapper raises and the episode is lost; here
``key_of`` returns ``None`` and the game ends the episode (see ``NetHackGame``).
"""

from __future__ import annotations

import string

from balrog_core import ActionSpace
from nle import nethack

__all__ = ["COMMANDS", "REFERENCE_KEYS", "reference_action_space", "key_of"]

_D = nethack.CompassDirection
_F = nethack.CompassDirectionLonger
_C = nethack.Command

_MOVES = ("north", "east", "south", "west", "northeast", "southeast", "southwest", "northwest")
_SHORT = ("N", "E", "S", "W", "NE", "SE", "SW", "NW")

# The 86 command names in the reference's order, each with its NLE key.
COMMANDS: dict[str, int] = {name: int(_D[short]) for name, short in zip(_MOVES, _SHORT)}
COMMANDS.update({f"far {name}": int(_F[short]) for name, short in zip(_MOVES, _SHORT)})
COMMANDS.update({
    "up": int(nethack.MiscDirection.UP), "down": int(nethack.MiscDirection.DOWN),
    "wait": int(nethack.MiscDirection.WAIT), "more": int(nethack.MiscAction.MORE),
})
COMMANDS.update({name: int(_C[name.upper()]) for name in (
    "adjust apply attributes call cast chat close dip drop droptype eat esc engrave enhance "
    "fire fight force inventory inventtype invoke jump kick look loot monster move movefar "
    "offer open pay pickup pray puton quaff quiver read remove ride rub rush rush2 search "
    "seeamulet seearmor seegold seerings seespells seetools seetrap seeweapon shell sit swap "
    "takeoff takeoffall throw tip"
).split()})
COMMANDS["turnundead"] = int(_C.TURN)
COMMANDS.update({name: int(_C[name.upper()]) for name in
                 "twoweapon untrap versionshort wear wield wipe zap".split()})
COMMANDS["space"] = int(nethack.TextCharacters.SPACE)

_LETTERS = string.ascii_lowercase + string.ascii_uppercase
REFERENCE_KEYS: dict[str, int | None] = {
    **COMMANDS,
    **{ch: ord(ch) for ch in _LETTERS},
    **{digit: ord(digit) for digit in string.digits},
    **{f"{n:02d}": None for n in range(100)},
}


# Glosses of the valid commands the reference prompt does not list.
_UNLISTED = {
    "adjust": "change an item's inventory letter", "attributes": "show your attributes",
    "chat": "talk to someone", "inventtype": "list the carried items of one type",
    "move": "prefix: move without picking up or fighting",
    "movefar": "prefix: run without picking up or fighting", "ride": "mount or dismount",
    "rush": "prefix: rush until something interesting", "rush2": "prefix: rush, another way",
    "seeamulet": "show the amulet you wear", "seearmor": "show the armor you wear",
    "seegold": "count your gold", "seerings": "show the rings you wear",
    "seespells": "list your spells", "seetools": "show the tools in use",
    "seetrap": "name an adjacent trap", "seeweapon": "show the wielded weapon",
    "shell": "the shell-escape command", "sit": "sit down",
    "tip": "empty a container", "turnundead": "turn undead (knights and priests)",
    "versionshort": "show NetHack's version",
}


def _description(name: str) -> str:
    from .nle_prompt import PROMPT_ACTIONS

    if name in PROMPT_ACTIONS or name in _UNLISTED:
        return PROMPT_ACTIONS.get(name) or _UNLISTED[name]
    if len(name) == 1:
        return f"type {name!r} (answers a prompt; an item letter)"
    return "a two-digit count (the reference cannot send it: ends the episode)"


def reference_action_space() -> ActionSpace:
    """The 248 strings, default ``esc``. Descriptions are for logs; the instruction prompt
    lists its own 80 entries (``nle_prompt``)."""
    return ActionSpace({name: _description(name) for name in REFERENCE_KEYS}, default="esc")


def key_of(name: str) -> int | None:
    """The NLE key of a reference action; ``None`` for the two-digit strings."""
    return REFERENCE_KEYS[name]
