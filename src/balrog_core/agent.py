"""The agent contract: a prompting strategy that turns a turn into an action.

A fresh agent is built for every episode, so an agent may keep per-episode state (a plan,
its reasoning) in plain attributes.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .client import Client, Completion, Message
from .environment import ActionSpace, Environment, Observation

__all__ = [
    "Agent",
    "AgentSpec",
    "AgentSettings",
    "AgentReply",
    "PastTurn",
    "PromptSettings",
    "TurnContext",
]


@attrs.frozen
class PromptSettings:
    """Protocol knobs every agent honours when it builds messages.

    ``history``: past observations kept as text (BALROG: 16). ``image_history``: past
    images kept (0: only the current one, in vision mode). ``merge_roles``: merge
    consecutive same-role messages for providers that demand alternation.
    ``constrain_actions``: pass the legal actions as ``choices`` to the client so decoding
    can only produce one of them (a protocol deviation, recorded in run.json).
    """

    history: int = 16
    image_history: int = 0
    merge_roles: bool = False
    vision: bool = False
    constrain_actions: bool = False

    @classmethod
    def of_run(cls, config: Any) -> "PromptSettings":
        """The knobs as a run's ``RunConfig`` sets them."""
        return cls(history=config.history, image_history=config.image_history,
                   merge_roles=config.merge_roles, vision=config.vision,
                   constrain_actions=config.constrain_actions)


@attrs.frozen
class PastTurn:
    """A finished step as later turns remember it.

    ``reply`` is the assistant message later turns show (``AgentReply.memory``; empty:
    none is shown); ``defaulted`` is the default action the step *before* this observation
    played because its answer held no valid action (the observation then carries the
    protocol's feedback); ``plan`` is the reasoning the agent asked to show as its previous
    plan.
    """

    observation: Observation
    reply: str
    action: str
    invalid: bool
    defaulted: str | None = None
    plan: str | None = None


@attrs.frozen
class TurnContext:
    """Everything an agent may look at to choose one action.

    ``history`` holds the most recent past turns, oldest first (at most what the prompt
    settings can use). ``defaulted`` names the default action played because the previous
    answer held no valid action (the chat layout turns it into the protocol's feedback).
    ``env`` is the live environment, for oracle agents only.
    """

    instruction: str
    observation: Observation
    history: Sequence[PastTurn]
    action_space: ActionSpace
    step: int
    settings: PromptSettings
    defaulted: str | None = None
    env: Environment | None = None


@attrs.frozen
class AgentReply:
    """What the agent answered.

    ``action`` is a legal action name, or ``None`` when the output held none (the episode
    loop then plays the default action and counts it). ``memory`` is the assistant message
    later turns see (defaults to ``text``; the reference shows the parsed candidate, and
    none at all when it is empty); ``plan`` is reasoning to show instead as the previous
    plan; ``rule`` names the parsing rule that matched; ``messages`` is the exact prompt
    sent, for the trace.
    """

    text: str
    action: str | None
    rule: str | None = None
    reasoning: str | None = None
    memory: str | None = None
    plan: str | None = None
    completion: Completion | None = None
    messages: Sequence[Message] = ()


class Agent(abc.ABC):
    """A prompting strategy for one episode."""

    @abc.abstractmethod
    async def act(self, turn: TurnContext) -> AgentReply:
        """Choose the next action."""


@attrs.frozen
class AgentSettings:
    """What an agent factory receives: the run's client (``None`` for agents that declare
    ``needs_client=False``), its validated options, and the action-parsing mode
    (``"reference"``: the reference's rules, exact matching; ``"tolerant"``: an opt-in)."""

    client: Client | None = None
    options: Any = None
    parse: str = "reference"
    env: str | None = None
    task: str | None = None
    seed: int | None = None


@attrs.frozen
class AgentSpec:
    """An agent as registered by a plugin through ``register_agents``.

    ``envs`` restricts an agent to the games it understands (oracles); empty means any.
    """

    name: str
    factory: Callable[[AgentSettings], Agent]
    description: str = ""
    needs_client: bool = True
    options: type | None = None
    envs: Sequence[str] = attrs.field(default=(), converter=tuple)
