"""The action vocabulary agents use in NetHack and MiniHack, mapped to NLE key codes.

Names are what the agent writes; each maps to one key of ``nle.nethack.ACTIONS`` (the
full-keyboard action set both games are built with). Letters and digits come last: they
answer in-game prompts ("What do you want to eat? [fg or ?*]", "How many?").
"""

from __future__ import annotations

import string

from balrog_core import ActionSpace
from nle import nethack

__all__ = ["VOCABULARY", "KEYS", "action_space", "key_of"]

_C = nethack.Command
_D = nethack.CompassDirection
_F = nethack.CompassDirectionLonger

_COMPASS = [("north", "N"), ("east", "E"), ("south", "S"), ("west", "W"),
            ("northeast", "NE"), ("southeast", "SE"), ("southwest", "SW"), ("northwest", "NW")]

# name -> (key code, description)
_ENTRIES: list[tuple[str, int, str]] = []
for _name, _short in _COMPASS:
    _ENTRIES.append((_name, int(_D[_short]), f"move one square {_name}"))
for _name, _short in _COMPASS:
    _ENTRIES.append((f"far {_name}", int(_F[_short]), f"keep moving {_name} until something interesting happens"))
_ENTRIES += [
    ("up", int(nethack.MiscDirection.UP), "climb the staircase up you stand on"),
    ("down", int(nethack.MiscDirection.DOWN), "descend the staircase down you stand on"),
    ("wait", int(nethack.MiscDirection.WAIT), "rest for one turn"),
    ("more", int(nethack.MiscAction.MORE), "press Enter: show the next message or confirm"),
    ("esc", int(_C.ESC), "cancel the current prompt or menu"),
    ("apply", int(_C.APPLY), "use a tool (pick-axe, key, lamp, horn, ...)"),
    ("eat", int(_C.EAT), "eat something"),
    ("pray", int(_C.PRAY), "pray to your god for help"),
    ("search", int(_C.SEARCH), "search adjacent squares for hidden doors and traps"),
    ("kick", int(_C.KICK), "kick something (asks for a direction)"),
    ("open", int(_C.OPEN), "open a door (asks for a direction)"),
    ("close", int(_C.CLOSE), "close a door (asks for a direction)"),
    ("pickup", int(_C.PICKUP), "pick up what lies here"),
    ("drop", int(_C.DROP), "drop an item"),
    ("quaff", int(_C.QUAFF), "drink a potion or from a fountain"),
    ("read", int(_C.READ), "read a scroll or spellbook"),
    ("wield", int(_C.WIELD), "hold a weapon in your hands"),
    ("wear", int(_C.WEAR), "put on a piece of armor"),
    ("take off", int(_C.TAKEOFF), "take off a piece of armor"),
    ("put on", int(_C.PUTON), "put on a ring, amulet or blindfold"),
    ("remove", int(_C.REMOVE), "remove a ring, amulet or blindfold"),
    ("zap", int(_C.ZAP), "zap a wand"),
    ("cast", int(_C.CAST), "cast a known spell"),
    ("throw", int(_C.THROW), "throw an item"),
    ("fire", int(_C.FIRE), "fire the ammunition in your quiver"),
    ("look", int(_C.LOOK), "look at what is here"),
    ("loot", int(_C.LOOT), "open a container on the floor"),
    ("force", int(_C.FORCE), "force the lock of a box with your weapon"),
    ("engrave", int(_C.ENGRAVE), "write in the dust with your fingers or an item"),
    ("fight", int(_C.FIGHT), "prefix: attack in a direction even if you see no monster"),
    ("chat", int(_C.CHAT), "talk to someone"),
    ("pay", int(_C.PAY), "pay your shopping bill"),
    ("offer", int(_C.OFFER), "sacrifice a corpse at an altar"),
    ("sit", int(_C.SIT), "sit down"),
    ("jump", int(_C.JUMP), "jump to another square"),
    ("untrap", int(_C.UNTRAP), "disarm a trap"),
    ("enhance", int(_C.ENHANCE), "advance or check weapon and spell skills"),
    ("swap", int(_C.SWAP), "swap your wielded and secondary weapons"),
    ("quiver", int(_C.QUIVER), "choose the ammunition for firing"),
    ("inventory", int(_C.INVENTORY), "show your inventory (a menu; esc closes it)"),
    ("discoveries", int(_C.KNOWN), "show the object types you have identified"),
    ("attributes", int(_C.ATTRIBUTES), "show your attributes"),
    ("whatis", int(_C.WHATIS), "ask what a map symbol means"),
    ("travel", int(_C.TRAVEL), "travel to a map location (then choose it, e.g. with < or >)"),
    ("space", int(nethack.TextCharacters.SPACE), "press the space bar (dismiss a menu page)"),
    ("minus", int(nethack.TextCharacters.MINUS), "answer '-' (bare hands / nothing) to a prompt"),
    ("dollar", int(nethack.TextCharacters.DOLLAR), "answer '$' (gold) to a prompt"),
    ("star", int(ord("*")), "answer '*' to list all items"),
]
for _ch in string.ascii_lowercase + string.ascii_uppercase:
    _ENTRIES.append((_ch, ord(_ch), f"type the letter {_ch} (answers a prompt; an item letter)"))
for _ch in string.digits:
    _ENTRIES.append((_ch, ord(_ch), f"type the digit {_ch} (a count or a menu choice)"))

VOCABULARY: dict[str, str] = {name: description for name, _, description in _ENTRIES}
KEYS: dict[str, int] = {name: key for name, key, _ in _ENTRIES}


def action_space(default: str) -> ActionSpace:
    """The full vocabulary with ``default`` played for outputs that name no action."""
    return ActionSpace(VOCABULARY, default=default)


def key_of(name: str) -> int:
    """The NLE key code of an action name."""
    return KEYS[name]
