"""The NetHack instruction prompt: the reference-equivalent one and the project's richer one.

Reference (BALROG's NetHack prompt, reworded with the same items in the same order): a
sentence, 80 ``name: description`` entries (``,\\n``-joined, the last ending with ``.``),
eight tips, the history line, the goal sentence and ``PLAY!``. The list is not the valid
set: ``annotate``, ``overview``, ``teleport``, ``travel``, ``minus`` and ``apos`` are
listed but not accepted, as in the reference. Nothing about the score, the no-progress
timeout, roles, items or survival.

Extended (``--protocol extended``): the project's own prompt, with the goal spelled out
as the progression metric and a few tactics, followed by the valid actions.
"""

from __future__ import annotations

from balrog_core import ActionSpace

__all__ = ["PROMPT_ACTIONS", "reference_prompt", "extended_prompt"]

_MOVES = ("north", "east", "south", "west", "northeast", "southeast", "southwest", "northwest")

PROMPT_ACTIONS: dict[str, str] = {
    **{name: f"step one square {name}" for name in _MOVES},
    **{f"far {name}": f"keep walking {name}" for name in _MOVES},
    "up": "climb up a staircase",
    "down": "climb down a staircase (tip: this works only while you stand on the stairs)",
    "wait": "stay in place for one move",
    "more": "show the rest of the message (tip: use it ONLY when the message ends in --More--)",
    "annotate": "write a note about this level",
    "apply": "use (apply) a tool",
    "call": "give a name to a monster or an object, or annotate",
    "cast": "cast one of your spells",
    "close": "shut a door next to you",
    "open": "open a door next to you",
    "dip": "dip one object into something",
    "drop": "put an item down",
    "droptype": "drop items of chosen types (name them at the next prompt)",
    "eat": "eat something (tip: eat when you are hungry)",
    "esc": "leave the menu or the message",
    "engrave": "write on the floor (tip: Elbereth)",
    "enhance": "check or advance your weapon skills",
    "fire": "shoot the ammunition in your quiver",
    "fight": "attack a monster (even one you only suspect is there)",
    "force": "force open a lock",
    "inventory": "list what you carry",
    "invoke": "invoke ",
    "jump": "jump to another square",
    "kick": "kick a monster, a locked door or a chest",
    "look": "look at what lies beneath you",
    "loot": "loot a container on the floor",
    "monster": "use a special power of your monster form (when polymorphed)",
    "offer": "sacrifice to the gods (tip: at an altar of your alignment)",
    "overview": "show a summary of the dungeon",
    "pay": "pay the shopkeeper what you owe",
    "pickup": "take the things at your square",
    "pray": "ask the gods for help",
    "puton": "put an accessory on",
    "quaff": "drink (quaff) something",
    "quiver": "choose the ammunition for your quiver",
    "read": "read a scroll or a spellbook",
    "remove": "take off an accessory",
    "rub": "rub a stone or a lamp",
    "search": "look for hidden doors and passages",
    "swap": "exchange wielded and secondary weapons",
    "takeoff": "remove one piece of armor",
    "takeoffall": "take off every piece of armor",
    "teleport": "teleport to another level (when you have the power)",
    "throw": "throw something (a dagger or a dart, say)",
    "travel": ("walk to a chosen place on the map (tip: as the next action, give < or > for "
               "stairs, { for a fountain and _ for an altar)"),
    "twoweapon": "switch two-weapon fighting on or off",
    "untrap": "disarm a trap",
    "wear": "put on a piece of armor",
    "wield": "take a weapon in hand",
    "wipe": "wipe your face clean",
    "zap": "zap one of your wands",
    "minus": "-",
    "space": " ",
    "apos": "'",
    **{digit: digit for digit in "0123456789"},
}

_REFERENCE = """\
You are an agent playing NetHack. Below are the actions you can take in the game, each followed by a short description:

{actions}.

Tips:
- When the message asks you to complete it, for instance "What do you want to eat? [d or ?*]", reply with the single character of the item you want to eat or use.
    - For instance, for "What do you want to eat? [dgh or ?*]" the possible replies are "d", "g" or "h", each eating the matching food.
- When the message asks for a direction, for instance "In what direction?", reply with a direction.
- When the message ends in --More--, your next action should be "more" so you see the rest of it.
- Explore the level to find the stairs down to the next level.
- Always read the latest message carefully to understand the state of the game and choose your next action.
- Walking in one direction long enough, you will hit a wall and stop; the message may read "It's solid stone" or "It's a wall". Then switch to another direction to keep exploring.
- Read the language observation carefully and look at the ASCII map or the image to decide which action to take and where to go next.
- You attack a monster by moving into it.

In a moment I will show you a history of actions and observations from the game.
Your goal is to get as far as possible in the game.

PLAY!"""


def reference_prompt() -> str:
    """BALROG's NetHack prompt, reworded (about 4,000 characters)."""
    actions = ",\n".join(f"{name}: {text}" for name, text in PROMPT_ACTIONS.items())
    return _REFERENCE.format(actions=actions)


def extended_prompt(action_space: ActionSpace) -> str:
    """The project's own prompt: the progression goal, what each turn shows, tactics."""
    return (
        "You are playing NetHack, a roguelike dungeon crawl. Your goal is to descend as "
        "deep into the dungeon and gain as many experience levels as you can; your score "
        "is how far you get (deeper levels and higher experience levels count), so stay "
        "alive while you go down.\n\n"
        "Each turn you get the latest message, the monsters, objects and dungeon features "
        "around you (with a compass direction and a distance: adjacent, very near, near, "
        "far), your status, inventory and the map (@ is you, > a staircase down).\n"
        "Tips: walk onto > and use 'down' to descend; move into a monster to attack it; "
        "'esc' cancels prompts; answer prompts with letters or digits; pray when your HP "
        "is very low (not too often).\n\n"
        "Actions (answer with exactly one name):\n" + action_space.describe()
    )
