"""Builds the balrog environment of one MiniHack task (Boxoban tasks get their levels
from the official sets or the offline generator)."""

from __future__ import annotations

from balrog_core import EnvSettings

from .minihack_game import BOXOBAN_TASKS, MiniHackGame, MiniHackOptions, make_minihack_env

__all__ = ["build_minihack"]


def build_minihack(task: str, settings: EnvSettings) -> MiniHackGame:
    options = settings.options or MiniHackOptions()
    if task in BOXOBAN_TASKS:
        from .boxoban_env import BoxobanGame

        return BoxobanGame(task, BOXOBAN_TASKS[task], vision=settings.vision, options=options,
                           protocol=settings.protocol)
    return MiniHackGame(task, make_minihack_env(task, options), vision=settings.vision,
                        options=options, protocol=settings.protocol)
