"""The chain-of-thought agents: think first, then commit to one action.

``cot`` asks for free reasoning closed by an ``ACTION: <action>`` line; ``robust_cot`` asks
for the action between ``<|ACTION|>`` and ``<|END|>`` and reads it tolerantly. Both keep
the reasoning of the last ``reasoning_turns`` turns in the chat history, so the model can
follow its own train of thought without the prompt growing with every old chain of thought.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Any

import attrs

from balrog_core import (
    ActionSpace, Agent, AgentReply, Client, ConfigError, TurnContext, build_messages,
)

from .memory import keep_recent_reasoning
from .reading import ACTION_END, ACTION_MARKER, ACTION_START, Reading, read_marked, read_robust

__all__ = ["CotOptions", "CotAgent", "RobustCotAgent", "THINK"]

THINK = (
    "Think step by step before you act: say what the observation shows, what your goal "
    "still needs, and which single action brings you closer to it."
)


@attrs.frozen
class CotOptions:
    """``reasoning_turns``: how many of the latest past turns keep their full reasoning in
    the history (older turns show only the action played; 0 keeps none)."""

    reasoning_turns: int = 1


def cot_options(options: Any) -> CotOptions:
    """The agent's options, checked: a one-line error for a negative turn count."""
    options = options if options is not None else CotOptions()
    if options.reasoning_turns < 0:
        raise ConfigError(
            f"agent.reasoning_turns must be 0 or more, got {options.reasoning_turns}; "
            "use e.g. -o agent.reasoning_turns=1"
        )
    return options


def _example(space: ActionSpace) -> str:
    return space.names[0] if space.names else "look"


class _ChainOfThought(Agent):
    """Shared turn: compact old reasoning, ask, read the answer, remember it whole."""

    read: Callable[[str, ActionSpace, bool], Reading]

    def __init__(self, client: Client, options: CotOptions, strict: bool) -> None:
        self.client = client
        self.reasoning_turns = options.reasoning_turns
        self.strict = strict

    @abc.abstractmethod
    def action_only(self, action: str) -> str:
        """How a past turn whose reasoning was dropped is shown."""

    @abc.abstractmethod
    def answer_format(self, example: str) -> str:
        """How the model is asked to answer; ``example`` is a legal action to show."""

    async def act(self, turn: TurnContext) -> AgentReply:
        shown = keep_recent_reasoning(turn, self.reasoning_turns, self.action_only)
        messages = build_messages(shown, self.answer_format(_example(turn.action_space)))
        completion = await self.client.complete(messages)
        reading = self.read(completion.text, turn.action_space, self.strict)
        return AgentReply(
            text=completion.text, action=reading.action, rule=reading.rule,
            reasoning=reading.reasoning, memory=completion.text,
            completion=completion, messages=messages,
        )


class CotAgent(_ChainOfThought):
    """Reasoning, then a final ``ACTION: <action>`` line; without that line, no action."""

    read = staticmethod(read_marked)

    def answer_format(self, example: str) -> str:
        return (
            f"{THINK} Then finish your answer with one last line of the form "
            f"'{ACTION_MARKER} <action>', naming exactly one action from the list of allowed "
            f"actions, for example:\n{ACTION_MARKER} {example}"
        )

    def action_only(self, action: str) -> str:
        return f"{ACTION_MARKER} {action}"


class RobustCotAgent(_ChainOfThought):
    """Reasoning, then ``<|ACTION|>action<|END|>``; an ``ACTION:`` line or a last line that
    names a legal action is accepted when the delimiters are missing or hold none."""

    read = staticmethod(read_robust)

    def answer_format(self, example: str) -> str:
        return (
            f"{THINK} Then write the one action you choose from the list of allowed actions "
            f"between the markers {ACTION_START} and {ACTION_END}, for example: "
            f"{ACTION_START}{example}{ACTION_END}. Write nothing after the closing marker."
        )

    def action_only(self, action: str) -> str:
        return f"{ACTION_START}{action}{ACTION_END}"
