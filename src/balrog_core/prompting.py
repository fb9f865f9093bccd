"""The chat layout of the BALROG protocol: every message a model sees is laid out here.

One ``user`` message with the game's instruction, then the history as alternating
observation (``user``) and answer (``assistant``) events, then the current observation with
the agent's answer format appended. The window keeps ``2 × history`` events counting the
current observation, so once it is full the oldest kept event is an answer (15 past
observations, 16 answers, the current observation). An empty answer records no event.
Feedback on an invalid answer is written in front of the next observation's long-term text
and stays with it in the history. Markers and the feedback sentence are the reference's,
byte for byte; agents choose only their answer format.
"""

from __future__ import annotations

from collections.abc import Sequence

from .agent import PastTurn, TurnContext
from .client import Message

__all__ = [
    "CURRENT_MARKER",
    "PAST_MARKER",
    "PLAN_MARKER",
    "action_constraint",
    "build_messages",
    "invalid_feedback",
    "long_term_text",
    "merge_same_roles",
]

CURRENT_MARKER = "Current Observation:"
PAST_MARKER = "Observation:"
PLAN_MARKER = "Previous plan:"
IMAGE_NOTE = "Image observation provided."


def invalid_feedback(default: str) -> str:
    """The reference's note put in front of the observation that follows an answer with no
    valid action; it ends with its own ``Observation:`` line because the long-term text
    follows it directly."""
    return (
        "\n\nYour previous output did not contain a valid action. "
        f"Defaulted to action: {default}\n\n{PAST_MARKER}\n"
    )


def long_term_text(text: str, defaulted: str | None) -> str:
    """An observation's long-term text as the model sees it, feedback included."""
    return invalid_feedback(defaulted) + text if defaulted is not None else text


def _observation_message(marker: str, short_term: str, text: str | None, image: bool) -> str:
    parts = [marker]
    if short_term:
        parts.append(short_term)
    if text is not None:
        parts.append(text)
    if image:
        parts.append(IMAGE_NOTE)
    return "\n".join(parts)


def _images_kept(turn: TurnContext) -> int:
    """Observations whose image is shown: the current one plus ``image_history`` past ones
    in vision mode (the reference's ``max_image_history``), none in text mode."""
    return turn.settings.image_history + 1 if turn.settings.vision else 0


def build_messages(
    turn: TurnContext,
    answer_format: str,
    instruction_suffix: str = "",
    plans: int = 0,
) -> list[Message]:
    """The instruction, the windowed history, then the current observation.

    ``answer_format`` is appended (after a blank line) to the current observation only.
    ``instruction_suffix`` adds an agent's standing instructions after the game's
    instruction (a deviation for agents the reference does not have). ``plans``: how many
    of the newest answers show the agent's full reasoning as ``Previous plan:`` instead of
    the bare answer (the reference's chain-of-thought agent uses 1).
    """
    settings = turn.settings
    text_window = max(settings.history, 1)
    images = _images_kept(turn)
    capacity = 2 * max(text_window, images)
    events: list[tuple[str, PastTurn | None]] = []
    past: PastTurn | None
    for past in turn.history:
        events.append(("observation", past))
        if past.reply:
            events.append(("answer", past))
    events.append(("observation", None))
    events = events[-capacity:]

    observations = [past for kind, past in events if kind == "observation"]
    with_text = {id(past) for past in observations[-text_window:]}
    with_image: set[int] = set()  # ids; the current observation is ``None``
    for past in reversed(observations):
        if len(with_image) >= images:
            break
        image = turn.observation.image if past is None else past.observation.image
        if image is not None:
            with_image.add(id(past))
    planned = [past for kind, past in events if kind == "answer" and past is not None and past.plan is not None]
    with_plan = {id(past) for past in planned[len(planned) - plans:]} if plans > 0 else set()

    instruction = turn.instruction + (f"\n\n{instruction_suffix}" if instruction_suffix else "")
    messages = [Message("user", instruction)]
    for kind, past in events:
        if kind == "answer":
            assert past is not None
            text = f"{PLAN_MARKER}\n{past.plan}" if id(past) in with_plan else past.reply
            messages.append(Message("assistant", text))
            continue
        shows_image = id(past) in with_image
        if past is None:
            current = turn.observation
            body = long_term_text(current.text, turn.defaulted)
            text = _observation_message(CURRENT_MARKER, current.short_term, body, shows_image)
            text += f"\n\n{answer_format}" if answer_format else ""
            attached = (current.image,) if shows_image else ()
        else:
            body = long_term_text(past.observation.text, past.defaulted)
            text = _observation_message(
                PAST_MARKER, "", body if id(past) in with_text else None, shows_image
            )
            attached = (past.observation.image,) if shows_image else ()
        messages.append(Message("user", text, attached))
    return merge_same_roles(messages) if settings.merge_roles else messages


def action_constraint(turn: TurnContext) -> dict[str, list[str]]:
    """Keyword arguments for ``Client.complete`` that restrict the answer to the legal
    actions, when the run asked for constrained decoding (never for free-text games)."""
    if turn.settings.constrain_actions and not turn.action_space.free_text:
        return {"choices": turn.action_space.names}
    return {}


def merge_same_roles(messages: Sequence[Message]) -> list[Message]:
    """Join consecutive messages of one role, for providers that require alternation (the
    reference's ``alternate_roles`` option)."""
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
