"""The few-shot agent: whole demonstration episodes in the prompt, then naive play.

Demonstrations of the same env and task come from the store; the one with the evaluated
episode's seed is never used (it would show the answer). Demonstrations with the highest
progression come first, so a failed recording is shown only when nothing better exists.
Each turn then asks for the action alone, like the naive agent, and reads it with the
core's shared parser.
"""

from __future__ import annotations

from typing import Any

import attrs

from balrog_core import (
    Agent, AgentReply, AgentSetup, Client, ConfigError, TurnContext, build_messages,
    parse_action,
)

from .prompt import render_demonstrations
from .store import DemoStore, Demonstration

__all__ = ["FewShotOptions", "FewShotAgent", "choose_demonstrations", "ANSWER_FORMAT"]

ANSWER_FORMAT = (
    "Answer with exactly one action from the list of allowed actions and nothing else."
)


@attrs.frozen
class FewShotOptions:
    """``demos``: demonstrations shown; ``max_demo_steps``: steps shown per demonstration;
    ``demos_dir``: the store (default ``$BALROG_DEMOS_DIR``, else the user data dir)."""

    demos: int = 1
    max_demo_steps: int = 64
    demos_dir: str | None = None


def checked_options(options: Any) -> FewShotOptions:
    options = options if options is not None else FewShotOptions()
    for name in ("demos", "max_demo_steps"):
        value = getattr(options, name)
        if value < 1:
            raise ConfigError(f"agent.{name} must be at least 1, got {value}; e.g. -o agent.{name}=1")
    return options


def choose_demonstrations(
    store: DemoStore, env: str, task: str, seed: int | None, count: int
) -> list[Demonstration]:
    """Up to ``count`` demonstrations of ``env``/``task`` other than ``seed``, best first.

    Raises a one-line ``ConfigError`` naming the command that records some when none fit.
    """
    usable = [demo for demo in store.load(env, task) if demo.seed != seed]
    if not usable:
        path = store.path(env, task)
        raise ConfigError(
            f"no demonstrations for {env}/{task} in {str(path)!r}"
            + (f" other than the evaluated seed {seed}" if path.exists() else "")
            + f"; record some with: balrog demos record --env {env} --task {task} "
            f"--agent oracle --episodes 3 --demos-dir {store.root}"
        )
    ranked = sorted(usable, key=lambda demo: -demo.progression)
    return ranked[:count]


class FewShotAgent(Agent):
    """Shows the chosen demonstrations after the instruction, then asks for the action."""

    def __init__(self, client: Client, demonstrations: list[Demonstration],
                 max_demo_steps: int, strict: bool) -> None:
        self.client = client
        self.demonstrations = demonstrations
        self.max_demo_steps = max_demo_steps
        self.strict = strict
        self._suffix: str | None = None

    async def act(self, turn: TurnContext) -> AgentReply:
        if self._suffix is None:
            self._suffix = render_demonstrations(
                self.demonstrations, turn.instruction, self.max_demo_steps
            )
        messages = build_messages(turn, ANSWER_FORMAT, system_suffix=self._suffix)
        completion = await self.client.complete(messages)
        parsed = parse_action(completion.text, turn.action_space, strict=self.strict)
        return AgentReply(
            text=completion.text, action=parsed.action, rule=parsed.rule,
            completion=completion, messages=messages,
        )


def build_few_shot_agent(setup: AgentSetup) -> FewShotAgent:
    """The agent factory: options checked, demonstrations chosen for this episode."""
    options = checked_options(setup.options)
    if setup.env is None or setup.task is None:
        raise ConfigError("the few_shot agent needs the env and task being played; run it with balrog run")
    store = DemoStore.locate(options.demos_dir)
    demonstrations = choose_demonstrations(store, setup.env, setup.task, setup.seed, options.demos)
    return FewShotAgent(setup.client, demonstrations, options.max_demo_steps, setup.strict_actions)
