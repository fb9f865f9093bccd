"""``-o env.nle.KEY=VALUE`` options, and how each non-default one departs from BALROG.

Kept free of NLE imports: registering the plugin reads this class without loading a game.
"""

from __future__ import annotations

import attrs
from balrog_core import ConfigError

__all__ = ["NetHackOptions", "NO_PROGRESS_STEPS"]

NO_PROGRESS_STEPS = 150
_STYLES = ("reference", "extended")


def _one_of(instance: object, attribute: attrs.Attribute, value: str) -> None:
    if value not in _STYLES:
        raise ConfigError(
            f"env.nle.{attribute.name}={value!r} is not known; use one of {', '.join(_STYLES)}")


def _positive(instance: object, attribute: attrs.Attribute, value: int) -> None:
    if value < 1:
        raise ConfigError(f"env.nle.{attribute.name}={value} must be at least 1 (reference: {NO_PROGRESS_STEPS})")


@attrs.define
class NetHackOptions:
    """``skip_more``: press ``more`` through ``--More--`` pages automatically, as BALROG
    does. ``no_progress_steps``: env steps without the turn counter moving before NLE
    aborts. ``actions``: ``reference`` (BALROG's 248 strings) or ``extended`` (this
    project's vocabulary: spaced names such as ``take off``, ``travel``, no two-digit
    strings). ``observation``: ``reference`` (the language wrapper's texts) or
    ``extended`` (this project's sections: Around you, Status, Inventory, Cursor, Map)."""

    skip_more: bool = True
    no_progress_steps: int = attrs.field(default=NO_PROGRESS_STEPS, validator=_positive)
    actions: str = attrs.field(default="reference", validator=_one_of)
    observation: str = attrs.field(default="reference", validator=_one_of)

    def protocol_deviations(self) -> list[str]:
        """One line per option that changes what the model sees or how it is scored."""
        lines = []
        if not self.skip_more:
            lines.append("--More-- left to the agent (reference: pressed automatically)")
        if self.no_progress_steps != NO_PROGRESS_STEPS:
            lines.append(f"no-progress abort after {self.no_progress_steps} steps "
                         f"(reference: {NO_PROGRESS_STEPS})")
        if self.actions != "reference":
            lines.append("the project's action vocabulary (reference: BALROG's 248 action strings)")
        if self.observation != "reference":
            lines.append("the project's observation sections (reference: the language wrapper's texts)")
        return lines
