"""The ``-o env.textworld.KEY=VALUE`` options."""

from __future__ import annotations

import attrs

__all__ = ["TextWorldOptions"]


@attrs.frozen
class TextWorldOptions:
    """``games_dir``: where generated games are kept (empty: ``BALROG_TEXTWORLD_DIR`` or the
    user cache). ``jobs``: worker processes that build missing games (0: all cores)."""

    games_dir: str = ""
    jobs: int = 0
