"""balrog hooks: the ``babaisai`` environment (40 levels) and its ``oracle`` agent."""

from __future__ import annotations

from balrog_core import AgentSpec, EnvSpec, TaskSpec, hookimpl

from .env import BabaIsAIEnv
from .levels import LEVEL_NAMES, level_spec
from .oracle import BabaIsAIOracle

__all__ = ["register_envs", "register_agents", "EPISODES", "MAX_STEPS"]

EPISODES = 3
MAX_STEPS = 100

_GOAL_TEXT = {
    "goto_win": "walk to the win object",
    "make_win": "complete the X IS WIN rule, then walk to X",
    "make_you": "complete X IS YOU to steer an object sealed off from Baba to the win object",
    "make_you-make_win": "complete both X IS YOU and Y IS WIN, then steer X onto Y",
    "make_wall_win": "complete WALL IS WIN, then touch a wall",
}


def _describe(name: str) -> str:
    spec = level_spec(name)
    parts = [_GOAL_TEXT[spec.goal]]
    if spec.two_room:
        parts.append({"keep": "two rooms, goal on your side",
                      "break": "two rooms, break WALL IS STOP to cross",
                      "maybe": "two rooms, goal on either side"}[spec.stop])
    for flag, text in ((spec.distractor_object, "distractor object"),
                       (spec.distractor_rule, "distractor rule block"),
                       (spec.irrelevant_rule, "an irrelevant true rule"),
                       (spec.distractor_win_rule, "a second, unreachable win rule")):
        if flag:
            parts.append(text)
    return "; ".join(parts)


@hookimpl
def register_envs(register) -> None:
    register(EnvSpec(
        name="babaisai",
        tasks=[TaskSpec(name, episodes=EPISODES, max_steps=MAX_STEPS, description=_describe(name))
               for name in LEVEL_NAMES],
        factory=lambda task, settings: BabaIsAIEnv(task, vision=settings.vision),
        description="Baba Is AI: push word blocks to rewrite the rules of a grid puzzle (clean-room)",
        vision=True,
    ))


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="oracle", factory=lambda setup: BabaIsAIOracle(), needs_client=False,
        envs=["babaisai"], description="plans over real game states (A* per rule edit)",
    ))
