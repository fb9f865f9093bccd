"""The plugin's ``-o env.babyai.KEY=VALUE`` options."""

from __future__ import annotations

import attrs
from balrog_core import ConfigError

__all__ = ["BabyAIOptions"]


@attrs.frozen
class BabyAIOptions:
    """``time_limit``: steps after which the game itself ends an episode; 0 keeps BabyAI's
    own limit (64 steps per room per navigation: 64 for goto and pickup, 128 for the
    others), which equals the protocol's step caps, so raising ``--max-steps`` above it
    needs this option too. ``tile_size``: pixels per grid cell of the vision-mode image,
    which shows 7×7 cells (224×224 at the default 32)."""

    time_limit: int = 0
    tile_size: int = 32

    def check(self) -> "BabyAIOptions":
        """Fail early, naming the bad value and the fix."""
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
