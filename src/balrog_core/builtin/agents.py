"""Baseline agents: ``naive`` and ``robust_naive`` ask for the action alone (the reference's
leaderboard agents); ``random`` plays uniformly random legal actions and needs no model (a
floor for every game).

The answer formats say what the reference's say, in this project's words; the candidate
each agent extracts and the assistant message it leaves in the history follow the
reference's rules under the default parse mode.
"""

from __future__ import annotations

import random as random_module
from typing import cast

from ..agent import Agent, AgentReply, AgentSettings, AgentSpec, TurnContext
from ..client import Client
from ..hookspecs import hookimpl
from ..parsing import extract_delimited, letters_only, read_action
from ..prompting import action_constraint, build_messages

NAIVE_FORMAT = (
    "Output exactly one of the actions listed above and no other text. Keep outputting "
    "one action each turn, every turn, until the episode is over."
)
ROBUST_FORMAT = (
    "Choose exactly one of the listed actions and write it in precisely this form:\n\n"
    "<|ACTION|>YOUR_CHOSEN_ACTION<|END|>\n\n"
    "Put the action you chose in place of YOUR_CHOSEN_ACTION. Write nothing else: no "
    "explanation and no reasoning."
)


class NaiveAgent(Agent):
    """The model names the action directly. Reference parsing keeps only letters,
    whitespace and colons of the answer and requires an exact action name; that filtered
    candidate is what the history shows as the agent's answer."""

    def __init__(self, client: Client, parse: str) -> None:
        self.client = client
        self.parse = parse

    async def act(self, turn: TurnContext) -> AgentReply:
        messages = build_messages(turn, NAIVE_FORMAT)
        completion = await self.client.complete(messages, **action_constraint(turn))
        text = completion.text.strip()
        candidate = letters_only(text) if self.parse == "reference" else text
        parsed = read_action(candidate, turn.action_space, self.parse)
        return AgentReply(
            text=completion.text, action=parsed.action, rule=parsed.rule, memory=candidate,
            completion=completion, messages=messages,
        )


class RobustNaiveAgent(Agent):
    """The action stands between ``<|ACTION|>`` and ``<|END|>``, so chatter around it does
    not make the answer invalid; without the markers the whole answer is the candidate."""

    def __init__(self, client: Client, parse: str) -> None:
        self.client = client
        self.parse = parse

    async def act(self, turn: TurnContext) -> AgentReply:
        messages = build_messages(turn, ROBUST_FORMAT)
        completion = await self.client.complete(messages)
        text = completion.text.strip()
        delimited = extract_delimited(text)
        candidate = delimited if delimited is not None else text
        parsed = read_action(candidate, turn.action_space, self.parse)
        rule = f"delimited+{parsed.rule}" if delimited is not None else parsed.rule
        return AgentReply(
            text=completion.text, action=parsed.action, rule=rule, memory=candidate,
            completion=completion, messages=messages,
        )


class RandomAgent(Agent):
    """Uniformly random legal actions, seeded by the episode seed."""

    def __init__(self, seed: int | None) -> None:
        self.rng = random_module.Random(seed)

    async def act(self, turn: TurnContext) -> AgentReply:
        action = self.rng.choice(turn.action_space.names)
        return AgentReply(text=action, action=action, rule="random")


def _client(setup: AgentSettings) -> Client:
    """The run's client: agents that declare ``needs_client`` get one to play with (and
    ``None`` only when the run builds them to check their options before it starts)."""
    return cast(Client, setup.client)


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="naive",
        factory=lambda setup: NaiveAgent(_client(setup), setup.parse),
        description="answers with the action only (BALROG's naive agent)",
    ))
    register(AgentSpec(
        name="robust_naive",
        factory=lambda setup: RobustNaiveAgent(_client(setup), setup.parse),
        description="answers with the action between <|ACTION|> and <|END|> (BALROG's robust_naive)",
    ))
    register(AgentSpec(
        name="random",
        factory=lambda setup: RandomAgent(setup.seed),
        description="uniformly random legal actions; needs no model",
        needs_client=False,
    ))
