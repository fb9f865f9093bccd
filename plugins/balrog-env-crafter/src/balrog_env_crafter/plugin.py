"""Registers the ``crafter`` environment with balrog."""

from __future__ import annotations

from balrog_core import EnvSettings, EnvSpec, TaskSpec, hookimpl

from .options import CrafterOptions

__all__ = ["CrafterOptions", "register_envs"]

EPISODES = 10
STEP_CAP = 2000


def _build(task: str, settings: EnvSettings):
    from .game import CrafterGame  # crafter is imported only when an episode starts

    return CrafterGame(
        vision=settings.vision, protocol=settings.protocol,
        options=settings.options or CrafterOptions(),
    )


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
