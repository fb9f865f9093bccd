"""Baseline agents: ``naive`` and ``robust_naive`` ask for the action alone; ``random``
plays uniformly random actions and needs no model (a floor for every game)."""

from __future__ import annotations

import random as random_module

from ..agent import Agent, AgentReply, AgentSpec, TurnContext
from ..client import Client
from ..hookspecs import hookimpl
from ..parsing import extract_delimited, parse_action
from ..prompting import action_constraint, build_messages

NAIVE_FORMAT = (
    "Answer with exactly one action from the list of allowed actions and nothing else."
)
ROBUST_FORMAT = (
    "Answer with exactly one action from the list of allowed actions, written between the "
    "markers <|ACTION|> and <|END|>, for example: <|ACTION|>{example}<|END|>. Write nothing else."
)


class NaiveAgent(Agent):
    """The model names the action directly; the whole answer is parsed."""

    def __init__(self, client: Client, strict: bool) -> None:
        self.client = client
        self.strict = strict

    async def act(self, turn: TurnContext) -> AgentReply:
        messages = build_messages(turn, NAIVE_FORMAT)
        completion = await self.client.complete(messages, **action_constraint(turn))
        parsed = parse_action(completion.text, turn.action_space, strict=self.strict)
        return AgentReply(
            text=completion.text, action=parsed.action, rule=parsed.rule,
            completion=completion, messages=messages,
        )


class RobustNaiveAgent(Agent):
    """Like naive, but the action stands between explicit delimiters, so chatter around it
    does not make the answer invalid."""

    def __init__(self, client: Client, strict: bool) -> None:
        self.client = client
        self.strict = strict

    async def act(self, turn: TurnContext) -> AgentReply:
        example = turn.action_space.names[0] if turn.action_space.names else "look"
        messages = build_messages(turn, ROBUST_FORMAT.format(example=example))
        completion = await self.client.complete(messages)
        delimited = extract_delimited(completion.text)
        candidate = delimited if delimited is not None else completion.text
        parsed = parse_action(candidate, turn.action_space, strict=self.strict)
        rule = f"delimited+{parsed.rule}" if delimited is not None else parsed.rule
        return AgentReply(
            text=completion.text, action=parsed.action, rule=rule,
            completion=completion, messages=messages,
        )


class RandomAgent(Agent):
    """Uniformly random legal actions, seeded by the episode seed."""

    def __init__(self, seed: int | None) -> None:
        self.rng = random_module.Random(seed)

    async def act(self, turn: TurnContext) -> AgentReply:
        action = self.rng.choice(turn.action_space.names)
        return AgentReply(text=action, action=action, rule="random")


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="naive",
        factory=lambda setup: NaiveAgent(setup.client, setup.strict_actions),
        description="answers with the action only (BALROG's naive agent)",
    ))
    register(AgentSpec(
        name="robust_naive",
        factory=lambda setup: RobustNaiveAgent(setup.client, setup.strict_actions),
        description="answers with the action between <|ACTION|> and <|END|> delimiters",
    ))
    register(AgentSpec(
        name="random",
        factory=lambda setup: RandomAgent(setup.seed),
        description="uniformly random legal actions; needs no model",
        needs_client=False,
    ))
