"""Registers the ``crafter`` environment with balrog."""

from __future__ import annotations

import attrs
from balrog_core import EnvSettings, EnvSpec, TaskSpec, hookimpl


__all__ = ["CrafterOptions", "register_envs"]

EPISODES = 10
STEP_CAP = 2000


@attrs.frozen
class CrafterOptions:
    """``-o env.crafter.length=N``: crafter's own episode limit in steps (truncates the
    episode); the default leaves the run's step cap (2000) in charge."""

    length: int = 10_000


def _build(task: str, settings: EnvSettings):
    from .game import CrafterGame  # crafter is imported only when an episode starts

    options = settings.options or CrafterOptions()
    return CrafterGame(vision=settings.vision, length=options.length)


@hookimpl
def register_envs(register) -> None:
    register(EnvSpec(
        name="crafter",
        tasks=[TaskSpec("default", episodes=EPISODES, max_steps=STEP_CAP,
                        description="survive and unlock the 22 achievements")],
        factory=_build,
        description="Crafter: open-world survival and crafting, 22 achievements",
        options=CrafterOptions,
        vision=True,
    ))
