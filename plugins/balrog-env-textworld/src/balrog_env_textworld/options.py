"""The ``-o env.textworld.KEY=VALUE`` options."""

from __future__ import annotations

import attrs

__all__ = ["TextWorldOptions"]


@attrs.frozen
class TextWorldOptions:
    """``games_dir``: where generated games are kept (empty: ``BALROG_TEXTWORLD_DIR`` or the
    user cache). ``jobs``: worker processes that build missing games (0: all cores).

    Departures from the reference protocol, off by default and always on under the
    ``extended`` protocol: ``show_objective`` keeps the game's objective in the observations
    (the reference cuts it from every observation, the reply to ``goal`` included);
    ``clean_text`` removes the banner, the ``>`` prompt with its status line, the restart offer
    and the layout indentation (the reference removes none of them)."""

    games_dir: str = ""
    jobs: int = 0
    show_objective: bool = False
    clean_text: bool = False

    def protocol_deviations(self) -> list[str]:
        """One line per option that changes what the model sees."""
        lines = []
        if self.show_objective:
            lines.append("show_objective: the game's objective stays in the observations (reference: cut out)")
        if self.clean_text:
            lines.append("clean_text: banner, '>' status line and restart offer removed from observations "
                         "(reference: kept)")
        return lines
