"""The plugin's hooks: the ``babyai`` environment and its oracle agent.

minigrid is imported only when an episode is built, so listing plugins stays fast."""

from __future__ import annotations

from balrog_core import AgentSpec, EnvSettings, EnvSpec, TaskSpec, hookimpl

from .options import BabyAIOptions

__all__ = ["TASKS", "register_envs", "register_agents"]

TASKS = [
    TaskSpec("goto", episodes=10, max_steps=64,
             description='"go to the X"; reference BabyAI-MixedTrainLocal-v0/goto'),
    TaskSpec("pickup", episodes=10, max_steps=64,
             description='"pick up the X"; reference BabyAI-MixedTrainLocal-v0/pickup'),
    TaskSpec("open", episodes=10, max_steps=128,
             description='"open the (X) door" behind a locked door; '
             'reference BabyAI-MixedTrainLocal-v0/open'),
    TaskSpec("putnext", episodes=10, max_steps=128,
             description='"put the X next to the Y"; reference BabyAI-MixedTrainLocal-v0/putnext'),
    TaskSpec("pick_up_seq_go_to", episodes=10, max_steps=128,
             description='"pick up the X, then go to the Y" (or "go to the Y after you pick up '
             'the X"); reference BabyAI-MixedTrainLocal-v0/pick_up_seq_go_to'),
]


def _make_env(task: str, settings: EnvSettings):
    from .env import BabyAIEnvironment

    return BabyAIEnvironment(
        task, vision=settings.vision, options=settings.options, protocol=settings.protocol
    )


def _make_oracle(setup):
    from .oracle import BabyAIOracle

    return BabyAIOracle()


@hookimpl
def register_envs(register) -> None:
    register(EnvSpec(
        name="babyai",
        tasks=TASKS,
        factory=_make_env,
        description="BabyAI grid-world missions (the reference's BabyAI-MixedTrainLocal-v0 "
        "levels on minigrid 3.2.0), BabyAI-Text observations",
        options=BabyAIOptions,
        vision=True,
    ))


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="oracle",
        factory=_make_oracle,
        description="minigrid's BabyAIBot planning on the live level; solves every mission",
        needs_client=False,
        envs=["babyai"],
    ))
