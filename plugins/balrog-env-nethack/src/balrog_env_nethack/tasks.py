"""Task names and options of the NetHack and MiniHack envs.

Kept apart from the game modules so that registering the plugin (which every ``balrog``
command and worker process does) imports neither NLE nor MiniHack.
"""

from __future__ import annotations

import attrs

__all__ = ["MINIHACK_TASKS", "BOXOBAN_TASKS", "CHALLENGE_TASK", "NO_PROGRESS_STEPS",
           "MiniHackOptions", "NetHackOptions"]

MINIHACK_TASKS = (
    "MiniHack-MazeWalk-9x9-v0",
    "MiniHack-MazeWalk-15x15-v0",
    "MiniHack-Corridor-R3-v0",
    "MiniHack-CorridorBattle-Dark-v0",
    "MiniHack-Quest-Easy-v0",
    "MiniHack-Quest-Medium-v0",
    "MiniHack-Boxoban-Medium-v0",
    "MiniHack-Boxoban-Hard-v0",
)
BOXOBAN_TASKS = {"MiniHack-Boxoban-Medium-v0": "medium", "MiniHack-Boxoban-Hard-v0": "hard"}

CHALLENGE_TASK = "NetHackChallenge-v0"
NO_PROGRESS_STEPS = 150

@attrs.define
class NetHackOptions:
    """``-o env.nle.KEY=VALUE`` options."""

    skip_more: bool = True
    no_progress_steps: int = NO_PROGRESS_STEPS


@attrs.define
class MiniHackOptions:
    """``-o env.minihack.KEY=VALUE`` options.

    ``boxoban_dir``: a directory of official Boxoban level files (``medium/``, ``hard/``
    subfolders of ``.txt`` files as in the public repository); empty means the built-in
    offline generator.
    """

    skip_more: bool = True
    boxoban_dir: str = attrs.field(default="", validator=lambda _, __, value: _check_boxoban_dir(value))


def _check_boxoban_dir(value: str) -> None:
    """Fail at configuration time, not when the first Boxoban episode starts."""
    if value:
        from .boxoban_levels import official_levels

        for difficulty in BOXOBAN_TASKS.values():
            official_levels(value, difficulty)
