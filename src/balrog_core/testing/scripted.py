"""A client that answers from a script, and a turn built from a few words: what an agent's
tests need to drive ``Agent.act`` without a model or a game."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..agent import PastTurn, PromptSettings, TurnContext
from ..client import Client, Completion, Message
from ..environment import ActionSpace, Observation

__all__ = ["ScriptedClient", "make_turn"]

DEFAULT_SPACE = ActionSpace({"turn left": "", "turn right": "", "go forward": ""}, default="go forward")


class ScriptedClient(Client):
    """Answers with ``answers`` in turn (each a ``Completion`` of ``input_tokens`` and
    ``output_tokens``) and keeps every prompt it was sent in ``prompts``, and the
    keyword arguments (``choices`` under constrained decoding) in ``constraints``."""

    def __init__(self, *answers: str, input_tokens: int = 10, output_tokens: int = 5) -> None:
        self.answers = list(answers)
        self.prompts: list[list[Message]] = []
        self.constraints: list[dict[str, Any]] = []
        self.input_tokens = input_tokens
        self.output_tokens = output_tokens

    async def complete(self, messages: Sequence[Message], **constraints: Any) -> Completion:
        if not self.answers:
            raise AssertionError(f"the script ran out of answers after {len(self.prompts)} prompts")
        self.prompts.append(list(messages))
        self.constraints.append(constraints)
        return Completion(text=self.answers.pop(0), input_tokens=self.input_tokens,
                          output_tokens=self.output_tokens)


def make_turn(observation: str | Observation = "You see a wall.", *, instruction: str = "Reach the goal.",
              history: Sequence[PastTurn] = (), action_space: ActionSpace = DEFAULT_SPACE, step: int | None = None,
              settings: PromptSettings | None = None, defaulted: str | None = None) -> TurnContext:
    """A ``TurnContext`` for an agent's tests; ``step`` defaults to the history's length."""
    return TurnContext(
        instruction=instruction,
        observation=observation if isinstance(observation, Observation) else Observation(observation),
        history=tuple(history), action_space=action_space,
        step=len(history) if step is None else step, settings=settings or PromptSettings(),
        defaulted=defaulted,
    )
