"""The text observation, exactly as the BALROG harness writes it for Baba Is AI.

``Active rules:`` lists the ``NOUN is PROPERTY`` rules in reading order; ``Objects on the
map:`` lists the top thing of every cell, row by row, relative to the player (see
``Board.player``): rule blocks as ``rule `word` ``, objects by kind without colour, Baba
and the border never. Offsets keep the harness's wording: leftward and upward counts are
always singular ("2 step up"), and a thing on the player's own cell gives an empty line.
When there is no player the harness restarts the level and writes a hybrid text, built by
``restart_text``.
"""

from __future__ import annotations

from .board import Board
from .rules import is_property, rule_text

__all__ = ["describe", "rules_text", "objects_text", "offset_text", "restart_text", "ADDRESS"]

LISTED = ("ball", "wall", "door", "key")
ADDRESS = "0x7f0000000000"
"""Stands for the memory addresses in the harness's restart text (they vary per run)."""
_RESTART = "[...] IS YOU rule was broken, environment reset"
_FACTORY = "<function BabaIsAIWrapper.textworld_process_obsv.<locals>.<lambda> at {address}>"
_IMAGE = "<PIL.Image.Image image mode=RGB size={width}x{height} at {address}>"
TILE = 32
"""Pixels per cell of the harness's image, which the restart text quotes the size of."""


def offset_text(dx: int, dy: int) -> str:
    """A displacement in the harness's words; ``dy`` grows downwards."""
    parts = []
    if dx > 0:
        parts.append(f"{dx} {'steps' if dx > 1 else 'step'} to the right")
    elif dx < 0:
        parts.append(f"{-dx} step to the left")
    if dy > 0:
        parts.append(f"{dy} {'steps' if dy > 1 else 'step'} down")
    elif dy < 0:
        parts.append(f"{-dy} step up")
    return " and ".join(parts)


def rules_text(board: Board) -> str:
    return "\n".join(rule_text(rule) for rule in board.rules if is_property(rule))


def objects_text(board: Board, player: int) -> str:
    px, py = board.xy(player)
    lines = []
    for x, y, index in board.tops():
        thing = board.things[index]
        if thing.word is not None:
            name = f"rule `{thing.word}`"
        elif thing.kind in LISTED:
            name = thing.kind
        else:
            continue
        offset = offset_text(x - px, y - py)
        lines.append(f"{name} {offset}" if offset else "")
    return "\n".join(lines)


def describe(board: Board) -> str:
    """The observation of a board that has a player."""
    player = board.player()
    assert player is not None, "a board without a player restarts; see restart_text"
    return f"Active rules:\n{rules_text(board)}\n\nObjects on the map:\n{objects_text(board, player)}"


def restart_text(old: Board, new: Board) -> str:
    """The text of the step on which the level restarted: the notice, the rules of the
    broken board ``old``, then the Python repr of the harness's observation dict of the
    fresh board ``new`` (its text, and its image object), addresses replaced by ``ADDRESS``."""
    image = _IMAGE.format(width=new.width * TILE, height=new.height * TILE, address=ADDRESS.upper().replace("0X", "0x"))
    payload = {"long_term_context": describe(new), "short_term_context": ""}
    fresh = f"defaultdict({_FACTORY.format(address=ADDRESS)}, {{'text': {payload!r}, 'image': {image}}})"
    return f"{_RESTART}Active rules:\n{rules_text(old)}\n\nObjects on the map:\n{fresh}"
