"""The whole plugin: a tiny game and an agent that solves it, registered through hooks."""

from __future__ import annotations

import random

from balrog_core import (
    ActionSpace, Agent, AgentReply, AgentSpec, Environment, EnvSpec,
    Observation, StepOutcome, TaskSpec, TurnContext, hookimpl,
)

ACTIONS = ActionSpace({"left": "move one step left", "right": "move one step right", "wait": "stay"}, default="wait")


class NumberLine(Environment):
    """Reach the target number; progression is 100 on arrival."""

    action_space = ACTIONS

    def reset(self, seed: int) -> Observation:
        rng = random.Random(seed)
        self.position, self.target = 0, rng.choice([-5, -4, -3, 3, 4, 5])
        return self._observe()

    def _observe(self) -> Observation:
        return Observation(f"You stand at {self.position}. The target is at {self.target}.")

    def step(self, action: str) -> StepOutcome:
        self.position += {"left": -1, "right": 1, "wait": 0}[action]
        arrived = self.position == self.target
        return StepOutcome(self._observe(), reward=float(arrived), terminated=arrived)

    def instruction_prompt(self) -> str:
        return "Walk along a number line to the target.\nActions:\n" + ACTIONS.describe()

    def progression(self) -> float:
        return 100.0 if self.position == self.target else 0.0


class Greedy(Agent):
    """Step toward the target: the game's oracle."""

    async def act(self, turn: TurnContext) -> AgentReply:
        env = turn.env
        action = "right" if env.target > env.position else "left"
        return AgentReply(text=action, action=action, rule="oracle")


@hookimpl
def register_envs(register) -> None:
    register(EnvSpec(
        name="numberline",
        tasks=[TaskSpec("reach", episodes=5, max_steps=20)],
        factory=lambda task, settings: NumberLine(),
        description="template game: walk to a number",
        vision=False,
    ))


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(name="greedy", factory=lambda setup: Greedy(), needs_client=False,
                       envs=["numberline"], description="walks straight to the target"))
