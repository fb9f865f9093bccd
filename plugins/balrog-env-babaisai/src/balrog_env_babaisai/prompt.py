"""The instruction prompts: the reference one (the default) and the extended one, side by side.

The reference prompt carries what the BALROG harness tells the model, in our own words:
an opening sentence, the five actions with what each does, eight tips, ``PLAY!``. It
says nothing about the grid, pushing or what happens when YOU is broken. The extended
prompt (``--protocol extended``) is this project's richer explanation of the rules.
"""

from __future__ import annotations

from balrog_core import ActionSpace

__all__ = ["REFERENCE_ACTIONS", "EXTENDED_ACTIONS", "actions_for", "reference_prompt", "extended_prompt"]

REFERENCE_ACTIONS = ActionSpace({
    "idle": "stay put for one step",
    "up": "move one step up",
    "right": "move one step to the right",
    "down": "move one step down",
    "left": "move one step to the left",
}, default="idle")

EXTENDED_ACTIONS = ActionSpace({
    "idle": "wait one turn; nothing moves",
    "up": "move one cell up",
    "right": "move one cell to the right",
    "down": "move one cell down",
    "left": "move one cell to the left",
}, default="idle")


def actions_for(protocol: str) -> ActionSpace:
    return EXTENDED_ACTIONS if protocol == "extended" else REFERENCE_ACTIONS


def reference_prompt() -> str:
    actions = ",\n".join(f"{name}: {text}" for name, text in REFERENCE_ACTIONS.actions.items())
    return f"""Baba Is You is a puzzle game in which the rules of every level can be rewritten. \
Below are the actions you may take in this game, each followed by a brief note on what it does:

{actions}.

Tips:
- Look over the level closely and note every object and text block on it.
- Find the rules in force; they are made of text blocks reading "[Subject] IS [Property]" (for example "BABA IS YOU").
- Think about how moving text blocks around could change these rules or build new ones.
- Keep in mind that things marked "STOP", or with a similar blocking property, cannot be moved through.
- Usually you win by reaching an object marked "WIN", although this can be changed.
- Be inventive: think about how a changed rule can alter the properties and behaviour of objects in surprising ways.
- If you are stuck, try taking existing rules apart or putting entirely new ones together.
- At times the answer is to turn yourself into another object or to change what counts as winning.

PLAY!"""


def extended_prompt(width: int, height: int) -> str:
    """The project's own explanation of the game for a ``width`` x ``height`` map."""
    return f"""You are playing a puzzle game modelled on "Baba Is You", on a grid of \
{width} by {height} cells seen from above. The edge of the map cannot be crossed.

The map holds objects (baba, wall, door, key, ball; objects other than baba and walls have \
a colour) and word blocks, shown as rule `word`. Several things may share one cell.

Rules:
- Word blocks that line up left to right or top to bottom spell a rule: NOUN IS PROPERTY \
(for example "baba is you") or NOUN IS NOUN. The rules in force are listed at the top of \
every observation, and only those rules apply.
- you: you control every object of that kind; all of them move together.
- win: an object you control that reaches the cell of a win object wins the game.
- stop: nothing can walk into a stop object.
- push: walking into a push object shoves it one cell ahead.
- NOUN IS NOUN turns every object of the first kind into the second kind, for good.
- Word blocks can always be pushed. Push one into line to make a new rule, or out of line \
to break a rule. A row of pushable things moves together when the cell beyond the last one \
is free; the edge of the map and stop objects block the whole row.
- If no object is you any more, the level starts over with a new random layout.

Goal: win. If no rule names a win object yet, or the win object is out of reach, change \
the rules by pushing word blocks.

Positions in observations are relative to you: "2 steps to the right and 1 step up".

Actions (answer with one of them each turn):
{EXTENDED_ACTIONS.describe()}"""
