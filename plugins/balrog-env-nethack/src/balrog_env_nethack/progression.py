"""NetHack progression: how far a run got, as the chance that a human who got as deep (or as
experienced) went on to ascend.

The table (BALROG appendix F.2) ships as package data; the score of an episode is 100 times
the highest value of max(P[dungeon level], P[experience level]) seen at any step.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import attrs

__all__ = ["ProgressionTable", "progression_table", "ProgressionTracker"]


@attrs.frozen
class ProgressionTable:
    """P(ascension | reached level), per dungeon level and per experience level."""

    dungeon_level: dict[int, float]
    experience_level: dict[int, float]

    def value(self, depth: int, experience_level: int) -> float:
        """max(P[depth], P[experience level]) in [0, 1]; levels past the table's end count
        as its last entry, levels below 1 as 0."""
        return max(_lookup(self.dungeon_level, depth), _lookup(self.experience_level, experience_level))


def _lookup(table: dict[int, float], level: int) -> float:
    if level < 1:
        return 0.0
    return table[min(int(level), max(table))]


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
        """Update from NLE's ``blstats`` (depth and experience level); an all-zero bottom
        line (the game has ended) changes nothing."""
        from nle import nethack

        depth = int(blstats[nethack.NLE_BL_DEPTH])
        if depth <= 0:
            return self.best
        return self.update(depth, int(blstats[nethack.NLE_BL_XP]))

    @property
    def percent(self) -> float:
        return 100.0 * self.best
