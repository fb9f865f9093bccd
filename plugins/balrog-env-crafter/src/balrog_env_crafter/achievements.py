"""The 22 achievements and the BALROG progression built on them."""

from __future__ import annotations

from collections.abc import Mapping

import crafter.constants

__all__ = ["ACHIEVEMENTS", "unlocked", "progression"]

ACHIEVEMENTS: tuple[str, ...] = tuple(sorted(crafter.constants.achievements))


def unlocked(counts: Mapping[str, int]) -> list[str]:
    """The achievements done at least once, sorted by name."""
    return [name for name in ACHIEVEMENTS if counts.get(name, 0) > 0]


def progression(counts: Mapping[str, int]) -> float:
    """100 × (achievements unlocked at least once) / 22, as the protocol scores Crafter."""
    return 100.0 * len(unlocked(counts)) / len(ACHIEVEMENTS)
