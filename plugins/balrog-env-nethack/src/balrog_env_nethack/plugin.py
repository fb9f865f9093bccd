"""Registers the ``nle`` and ``minihack`` envs and the MiniHack oracle."""

from __future__ import annotations

from typing import Any

from balrog_core import AgentSpec, EnvSettings, EnvSpec, TaskSpec, hookimpl

__all__ = ["register_envs", "register_agents"]

NLE_EPISODES, NLE_MAX_STEPS = 5, 100_000
MINIHACK_EPISODES, MINIHACK_MAX_STEPS = 5, 100


def _nethack(task: str, settings: EnvSettings) -> Any:
    from .nethack_game import NetHackGame

    return NetHackGame(vision=settings.vision, options=settings.options, protocol=settings.protocol)


def _minihack(task: str, settings: EnvSettings) -> Any:
    from .minihack_factory import build_minihack

    return build_minihack(task, settings)


def _oracle(setup: Any) -> Any:
    from .tasks import BOXOBAN_TASKS
    from .oracle import BoxobanOracle, NavigationOracle

    return BoxobanOracle() if setup.task in BOXOBAN_TASKS else NavigationOracle()


@hookimpl
def register_envs(register: Any) -> None:
    from .tasks import CHALLENGE_TASK, MINIHACK_TASKS, MiniHackOptions, NetHackOptions

    register(EnvSpec(
        name="nle",
        tasks=[TaskSpec(CHALLENGE_TASK, NLE_EPISODES, NLE_MAX_STEPS,
                        "the full game; stops early after 150 steps without progress")],
        factory=_nethack,
        description="NetHack (NLE 1.3.0), scored by the BALROG progression table",
        options=NetHackOptions,
        vision=True,
    ))
    register(EnvSpec(
        name="minihack",
        tasks=[TaskSpec(task, MINIHACK_EPISODES, MINIHACK_MAX_STEPS) for task in MINIHACK_TASKS],
        factory=_minihack,
        description="MiniHack 1.0.2 tasks; 100 when solved",
        options=MiniHackOptions,
        vision=True,
    ))


@hookimpl
def register_agents(register: Any) -> None:
    register(AgentSpec(
        name="oracle", factory=_oracle, needs_client=False, envs=["minihack"],
        description="MiniHack: shortest path to the stairs, exploring unseen space; Boxoban: solver's plan",
    ))

