"""NetHack progression: how far a run got, as the chance that a human who got as deep (or as
experienced) went on to ascend.

The table (BALROG's ``achievements.json``: ``Dlvl:1``–``Dlvl:50`` and ``Xp:1``–``Xp:30``)
ships as package data; the score of an episode is 100 times the highest value of
max(P[dungeon level], P[experience level]) seen after any step. Keys the table lacks
(``Dlvl:0`` on a zeroed bottom line, depths past 50) count nothing, as in the reference.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import attrs

__all__ = ["ProgressionTable", "progression_table", "ProgressionTracker"]

_DEPTH, _EXPERIENCE_LEVEL = 12, 18  # NLE_BL_DEPTH, NLE_BL_XP


@attrs.frozen
class ProgressionTable:
    """P(ascension | reached level), per dungeon level and per experience level."""

    dungeon_level: dict[int, float]
    experience_level: dict[int, float]

    def value(self, depth: int, experience_level: int) -> float:
        """max(P[depth], P[experience level]) in [0, 1]; a level missing from the table
        counts 0."""
        return max(self.dungeon_level.get(int(depth), 0.0),
                   self.experience_level.get(int(experience_level), 0.0))


@lru_cache(maxsize=1)
def progression_table() -> ProgressionTable:
    """The table from ``data/nethack_progression.json``."""
    text = resources.files(__package__).joinpath("data/nethack_progression.json").read_text()
    data = json.loads(text)
    return ProgressionTable(
        dungeon_level={int(k): float(v) for k, v in data["dungeon_level"].items()},
        experience_level={int(k): float(v) for k, v in data["experience_level"].items()},
    )


@attrs.define
class ProgressionTracker:
    """The best progression value of an episode so far, fed from the bottom line each step."""

    best: float = 0.0
    table: ProgressionTable = attrs.field(factory=progression_table)

    def update(self, depth: int, experience_level: int) -> float:
        self.best = max(self.best, self.table.value(depth, experience_level))
        return self.best

    def observe(self, blstats: Sequence[int]) -> float:
        """Update from NLE's ``blstats``: depth (index 12) and experience level (18)."""
        return self.update(int(blstats[_DEPTH]), int(blstats[_EXPERIENCE_LEVEL]))

    @property
    def percent(self) -> float:
        return 100.0 * self.best
