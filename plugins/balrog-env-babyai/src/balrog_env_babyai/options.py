"""The plugin's ``-o env.babyai.KEY=VALUE`` options."""

from __future__ import annotations

import attrs
from balrog_core import ConfigError

__all__ = ["LEVEL_SETS", "REFERENCE_TILE_SIZE", "BabyAIOptions"]

LEVEL_SETS = ("reference", "apart")
REFERENCE_TILE_SIZE = 16


@attrs.frozen
class BabyAIOptions:
    """``levels``: ``reference`` (default) plays BALROG's ``BabyAI-MixedTrainLocal-v0``
    layouts; ``apart`` plays this project's earlier tidier rooms (distinct objects that never
    start next to the agent or each other, ``open`` missions always naming the colour and any
    colour allowed). ``time_limit``: steps after which the game itself ends an episode; 0
    keeps BabyAI's own limit (64 steps per room per navigation: 64 for goto and pickup, 128
    for the others), which equals the protocol's step caps, so raising ``--max-steps`` above
    it needs this option too. ``tile_size``: pixels per grid cell of the vision-mode image,
    which shows 7×7 cells (112×112 at the reference's 16)."""

    levels: str = "reference"
    time_limit: int = 0
    tile_size: int = REFERENCE_TILE_SIZE

    def check(self) -> BabyAIOptions:
        """Fail early, naming the bad value and the fix."""
        if self.levels not in LEVEL_SETS:
            raise ConfigError(
                f"env.babyai.levels={self.levels!r}: use one of {', '.join(LEVEL_SETS)}"
            )
        if self.time_limit < 0:
            raise ConfigError(
                f"env.babyai.time_limit={self.time_limit}: use 0 (BabyAI's own limit) "
                "or a positive number of steps"
            )
        if not 1 <= self.tile_size <= 256:
            raise ConfigError(
                f"env.babyai.tile_size={self.tile_size}: use a pixel size from 1 to 256"
            )
        return self

    def protocol_deviations(self) -> list[str]:
        """One line per option that changes what the model sees or how it is scored."""
        lines = []
        if self.levels != "reference":
            lines.append(
                f"babyai levels={self.levels}: the project's own layouts and missions "
                "(reference: BabyAI-MixedTrainLocal-v0, num_dists=0)"
            )
        if self.time_limit:
            lines.append(
                f"babyai time_limit={self.time_limit} steps "
                "(reference: the level's own limit, 64 or 128)"
            )
        if self.tile_size != REFERENCE_TILE_SIZE:
            lines.append(
                f"babyai tile_size={self.tile_size} px per cell in images "
                f"(reference: {REFERENCE_TILE_SIZE})"
            )
        return lines
