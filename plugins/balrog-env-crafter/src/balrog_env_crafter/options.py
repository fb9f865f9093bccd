"""The plugin's ``-o env.crafter.KEY=VALUE`` options, checked when the run is configured.

This module imports no game engine, so loading the plugin stays fast.
"""

from __future__ import annotations

import attrs
from balrog_core import ConfigError

__all__ = ["CrafterOptions", "OBSERVATIONS", "REFERENCE_LENGTH"]

OBSERVATIONS = ("reference", "detailed")
REFERENCE_LENGTH = 10_000


def _positive_length(_: object, __: attrs.Attribute, value: int) -> None:
    if value < 1:
        raise ConfigError(
            f"env.crafter.length={value}: use a positive number of steps "
            f"(default {REFERENCE_LENGTH})"
        )


def _known_observation(_: object, __: attrs.Attribute, value: str) -> None:
    if value not in OBSERVATIONS:
        raise ConfigError(
            f"env.crafter.observation={value!r}: use one of {', '.join(OBSERVATIONS)}"
        )


@attrs.frozen
class CrafterOptions:
    """``length``: crafter's own episode limit in steps, counting the hidden first step of
    reset as the reference does (truncates the episode); the default leaves the run's step
    cap (2000) in charge. ``observation``: ``reference`` (the BALROG harness's text, the
    default) or ``detailed`` (nearest-first items with materials under creatures, facing
    direction, night line, vitals and inventory in the history text)."""

    length: int = attrs.field(default=REFERENCE_LENGTH, validator=_positive_length)
    observation: str = attrs.field(default="reference", validator=_known_observation)

    def protocol_deviations(self) -> list[str]:
        """One line per option that changes what the model sees or how it is scored."""
        lines = []
        if self.length != REFERENCE_LENGTH:
            lines.append(
                f"game length {self.length} steps (reference: {REFERENCE_LENGTH})"
            )
        if self.observation != "reference":
            lines.append(
                f"{self.observation} observation text (reference: the harness's "
                "'You see' text with vitals and inventory as short-term text)"
            )
        return lines
