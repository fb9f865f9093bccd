"""Chat messages from a turn: the history window, images and role merging.

Every agent builds its prompt here so the protocol's history rules (16 past observations,
images only for the current step by default, optional role merging) hold whichever agent
runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from .agent import TurnContext
from .client import Message

__all__ = ["action_constraint", "build_messages", "merge_same_roles", "observation_message"]


def observation_message(text: str, feedback: str | None = None) -> str:
    """The user message for one observation, with the invalid-output feedback in front."""
    body = f"Observation:\n{text}"
    return f"{feedback}\n\n{body}" if feedback else body


def build_messages(
    turn: TurnContext,
    answer_format: str,
    system_suffix: str = "",
) -> list[Message]:
    """System prompt, the windowed history, then the current observation.

    ``answer_format`` closes the current user message and tells the model how to answer;
    ``system_suffix`` lets an agent add standing instructions (demonstrations, plan format)
    after the game's own instruction prompt.
    """
    settings = turn.settings
    system = turn.instruction + (f"\n\n{system_suffix}" if system_suffix else "")
    messages = [Message("system", system)]
    past = list(turn.history)[-settings.history :] if settings.history > 0 else []
    image_from = len(past) - settings.image_history if settings.vision else len(past)
    for position, previous in enumerate(past):
        image = previous.observation.image
        images = (image,) if image is not None and position >= image_from else ()
        messages.append(Message("user", observation_message(previous.observation.text), images))
        messages.append(Message("assistant", previous.reply))
    current = turn.observation
    images = (current.image,) if settings.vision and current.image is not None else ()
    text = observation_message(current.text, turn.feedback) + f"\n\n{answer_format}"
    messages.append(Message("user", text, images))
    return merge_same_roles(messages) if settings.merge_roles else messages


def action_constraint(turn: TurnContext) -> dict[str, list[str]]:
    """Keyword arguments for ``Client.complete`` that restrict the answer to the legal
    actions, when the run asked for constrained decoding (never for free-text games)."""
    if turn.settings.constrain_actions and not turn.action_space.free_text:
        return {"choices": turn.action_space.names}
    return {}


def merge_same_roles(messages: Sequence[Message]) -> list[Message]:
    """Join consecutive messages of one role, for providers that require alternation."""
    merged: list[Message] = []
    for message in messages:
        if merged and merged[-1].role == message.role:
            last = merged[-1]
            merged[-1] = Message(
                last.role, f"{last.text}\n\n{message.text}", last.images + message.images
            )
        else:
            merged.append(message)
    return merged
