"""The chain-of-thought agents: think first, then commit to one action.

``cot`` asks for step-by-step reasoning closed by ``ACTION: <action>``; ``robust_cot``
asks for reasoning, then the action between ``<|ACTION|>`` and ``<|END|>``. As in the
reference harness, the history shows each past answer as its parsed candidate; ``cot``
also shows its newest answer whole, as ``Previous plan:`` (the reference's
``max_cot_history`` of 1), while ``robust_cot`` never feeds its reasoning back.
``reasoning_turns`` changes how many answers are shown whole, a declared deviation.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from balrog_core import (
    ActionSpace, Agent, AgentReply, Client, ConfigError, TurnContext, build_messages,
)

from .reading import ACTION_END, ACTION_START, Reading, read_cot, read_robust_cot

__all__ = [
    "COT_FORMAT",
    "CotAgent",
    "CotOptions",
    "ROBUST_COT_FORMAT",
    "RobustCotAgent",
    "RobustCotOptions",
]

COT_FORMAT = (
    "Start by reasoning, step by step, about which course of action is the best one.\n"
    "End your message with one single action, written in the form: ACTION: <action>"
)
ROBUST_COT_FORMAT = (
    "Start by reasoning about which course of action is the best one.\n"
    "Then pick exactly one of the listed actions and write it in precisely this form:\n\n"
    f"{ACTION_START}YOUR_CHOSEN_ACTION{ACTION_END}\n\n"
    "Put the action you picked in place of YOUR_CHOSEN_ACTION."
)


def _not_negative(instance, attribute, value: int) -> None:
    if value < 0:
        raise ConfigError(
            f"agent.{attribute.name} must be 0 or more, got {value}; use e.g. -o agent.{attribute.name}=1"
        )


def _reasoning_deviation(agent: str, turns: int, reference: int) -> list[str]:
    if turns == reference:
        return []
    return [
        f"{agent}: the newest {turns} answers shown whole as 'Previous plan:' "
        f"(reference: {reference})"
    ]


@attrs.frozen
class CotOptions:
    """``reasoning_turns``: how many of the newest past answers the history shows whole
    (as ``Previous plan:``) instead of as their parsed action; the reference shows 1."""

    reasoning_turns: int = attrs.field(default=1, validator=_not_negative)

    def protocol_deviations(self) -> list[str]:
        return _reasoning_deviation("cot", self.reasoning_turns, 1)


@attrs.frozen
class RobustCotOptions:
    """``reasoning_turns``: how many of the newest past answers the history shows whole
    (as ``Previous plan:``); the reference feeds no reasoning back (0)."""

    reasoning_turns: int = attrs.field(default=0, validator=_not_negative)

    def protocol_deviations(self) -> list[str]:
        return _reasoning_deviation("robust_cot", self.reasoning_turns, 0)


class _ChainOfThought(Agent):
    """Shared turn: ask with the answer format, read the stripped answer, remember the
    candidate (and the whole answer as the plan when reasoning is fed back)."""

    answer_format: str
    read: Callable[[str, ActionSpace, str], Reading]

    def __init__(self, client: Client, reasoning_turns: int, parse: str) -> None:
        self.client = client
        self.reasoning_turns = reasoning_turns
        self.parse = parse

    async def act(self, turn: TurnContext) -> AgentReply:
        messages = build_messages(turn, self.answer_format, plans=self.reasoning_turns)
        completion = await self.client.complete(messages)
        text = completion.text.strip()
        reading = self.read(text, turn.action_space, self.parse)
        return AgentReply(
            text=completion.text, action=reading.action, rule=reading.rule,
            reasoning=reading.reasoning,
            memory=reading.candidate if reading.candidate is not None else text,
            plan=text if self.reasoning_turns else None,
            completion=completion, messages=messages,
        )


class CotAgent(_ChainOfThought):
    """Step-by-step reasoning, then ``ACTION: <action>`` at the end."""

    answer_format = COT_FORMAT
    read = staticmethod(read_cot)


class RobustCotAgent(_ChainOfThought):
    """Reasoning, then ``<|ACTION|>action<|END|>``."""

    answer_format = ROBUST_COT_FORMAT
    read = staticmethod(read_robust_cot)
