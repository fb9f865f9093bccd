"""What the agent reads: the instruction prompt and the per-step text observation.

Positions are given relative to the player (the first thing that is YOU), as in the
BALROG protocol: "rule `win` 1 step to the right and 2 steps up".
"""

from __future__ import annotations

from .board import Board, Thing
from .rules import rule_text

__all__ = ["ACTION_TEXT", "describe", "instruction", "thing_name", "offset_text"]

ACTION_TEXT = {
    "idle": "wait one turn; nothing moves",
    "up": "move one cell up",
    "right": "move one cell to the right",
    "down": "move one cell down",
    "left": "move one cell to the left",
}


def thing_name(thing: Thing) -> str:
    """``rule `win```, ``red ball``, ``baba``, ``wall``."""
    if thing.word is not None:
        return f"rule `{thing.word}`"
    if thing.kind in ("baba", "wall"):
        return thing.kind
    return f"{thing.color} {thing.kind}"


def _steps(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def offset_text(dx: int, dy: int) -> str:
    """A displacement in words; ``dy`` grows downwards."""
    parts = []
    if dx:
        parts.append(f"{_steps(abs(dx))} to the {'right' if dx > 0 else 'left'}")
    if dy:
        parts.append(f"{_steps(abs(dy))} {'down' if dy > 0 else 'up'}")
    return " and ".join(parts) if parts else "on your cell"


def describe(board: Board) -> str:
    """Active rules, then every object and rule block relative to the player."""
    lines = ["Active rules:"]
    lines += [rule_text(rule) for rule in sorted(board.rules)] or ["(none)"]
    you = board.you()
    if not you:
        lines += ["", "No object is YOU any more: nothing can move, the game is lost."]
        return "\n".join(lines)
    player = you[0]
    lines += ["", f"You are the {thing_name(player)}."]
    others = [t for t in you if t is not player]
    if others:
        lines.append("You also control: " + ", ".join(
            f"{thing_name(t)} {offset_text(t.x - player.x, t.y - player.y)}" for t in others
        ) + ".")
    lines += [
        f"Free cells between you and the map's edge: {player.x} to the left, "
        f"{board.width - 1 - player.x} to the right, {player.y} up, "
        f"{board.height - 1 - player.y} down.",
        "",
        "Objects on the map:",
    ]
    around = sorted(
        (t for t in board.things if t is not player),
        key=lambda t: (abs(t.x - player.x) + abs(t.y - player.y), t.y, t.x),
    )
    lines += [f"{thing_name(t)} {offset_text(t.x - player.x, t.y - player.y)}" for t in around]
    return "\n".join(lines)


def instruction(board: Board, actions: str) -> str:
    """The system prompt: how the game works, the goal, and the action list."""
    return f"""You are playing a puzzle game modelled on "Baba Is You", on a grid of \
{board.width} by {board.height} cells seen from above. The edge of the map cannot be crossed.

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
- If no object is you any more, the game is lost.

Goal: win. If no rule names a win object yet, or the win object is out of reach, change \
the rules by pushing word blocks.

Positions in observations are relative to you: "2 steps to the right and 1 step up".

Actions (answer with one of them each turn):
{actions}"""
