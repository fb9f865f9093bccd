"""balrog hooks: the ``babaisai`` environment (40 levels) and its ``oracle`` agent."""

from __future__ import annotations

from typing import Any

from balrog_core import AgentSettings, AgentSpec, EnvSettings, EnvSpec, TaskSpec, hookimpl

from .levels import LEVEL_NAMES, level_spec

__all__ = ["register_envs", "register_agents", "EPISODES", "MAX_STEPS"]

EPISODES = 3
MAX_STEPS = 100


def _env(task: str, settings: EnvSettings) -> Any:
    """The game, imported when a run first plays it (not when plugins load)."""
    from .env import BabaIsAIEnv

    return BabaIsAIEnv(task, vision=settings.vision, protocol=settings.protocol)


def _oracle(setup: AgentSettings) -> Any:
    from .oracle import BabaIsAIOracle

    return BabaIsAIOracle()


def _describe(name: str) -> str:
    spec = level_spec(name)
    goal = {
        "one_room": "make the win rule, then reach its object" if spec.win_broken else "reach the win object",
        "two_room": "make the win rule, then reach its object" if spec.win_broken else "reach the win object",
        "make_you": "make a sealed-off object YOU and steer it to the win object",
        "make_wall_win": "break WALL IS STOP, make WALL IS WIN, touch a wall",
    }[spec.kind]
    parts = [goal]
    if spec.kind == "two_room":
        parts.append("two rooms, WALL IS STOP " + ("broken" if spec.stop_broken else "active"))
    for flag, text in ((spec.distractor_object, "distractor object"),
                       (spec.distractor_rule and not spec.irrelevant_rule, "distractor noun block"),
                       (spec.irrelevant_rule, "noun block of an absent kind"),
                       (spec.distractor_win_rule, "a second win rule for an absent kind")):
        if flag:
            parts.append(text)
    return "; ".join(parts)


@hookimpl
def register_envs(register) -> None:
    register(EnvSpec(
        name="babaisai",
        tasks=[TaskSpec(name, episodes=EPISODES, max_steps=MAX_STEPS, description=_describe(name))
               for name in LEVEL_NAMES],
        factory=_env,
        description="Baba Is AI: push word blocks to rewrite the rules of a grid puzzle (clean-room engine)",
        vision=True,
    ))


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="oracle", factory=_oracle, needs_client=False,
        envs=["babaisai"], description="plans over real game states (A* per rule edit)",
    ))
