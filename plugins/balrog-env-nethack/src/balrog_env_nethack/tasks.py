"""Task names and options of the NetHack and MiniHack envs.

Kept apart from the game modules so that registering the plugin (which every ``balrog``
command and worker process does) imports neither NLE nor MiniHack.
"""

from __future__ import annotations

import attrs
from balrog_core import ConfigError

from .nle_options import NO_PROGRESS_STEPS, NetHackOptions

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


_CHOICES = {
    "actions": ("reference", "full"),
    "boxoban": ("official", "generated"),
    "observation": ("reference", "extended"),
}


def _one_of(instance: object, attribute: attrs.Attribute, value: str) -> None:
    choices = _CHOICES[attribute.name]
    if value not in choices:
        raise ConfigError(
            f"env.minihack.{attribute.name}={value!r} is not known; use one of {', '.join(choices)}")


@attrs.define
class MiniHackOptions:
    """``-o env.minihack.KEY=VALUE`` options; the defaults are BALROG's protocol.

    ``skip_more``: press ``more`` through ``--More--`` pages (only Quest's action set has
    it; NLE clicks through the others itself). ``actions``: ``reference`` (each task's own
    valid set: 4, 8, 11 or 32 names) or ``full`` (NLE's whole keyboard as this project's
    126 names). ``boxoban``: ``official`` (DeepMind's level sets, shipped here) or
    ``generated`` (this project's offline generator). ``observation``: ``reference`` (the
    language wrapper's texts) or ``extended`` (this project's sections).
    """

    skip_more: bool = True
    actions: str = attrs.field(default="reference", validator=_one_of)
    boxoban: str = attrs.field(default="official", validator=_one_of)
    observation: str = attrs.field(default="reference", validator=_one_of)

    def protocol_deviations(self) -> list[str]:
        """One line per option that changes what the model sees or how it is scored."""
        lines = []
        if not self.skip_more:
            lines.append("--More-- left to the agent (reference: pressed automatically)")
        if self.actions != "reference":
            lines.append("126 actions on NLE's full keyboard in every task "
                         "(reference: each task's own set of 4 to 32 actions)")
        if self.boxoban != "official":
            lines.append("Boxoban levels from the offline generator "
                         "(reference: DeepMind's official medium/train and hard sets)")
        if self.observation != "reference":
            lines.append("the project's observation sections (reference: the language wrapper's texts)")
        return lines
