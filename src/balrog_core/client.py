"""The model client contract: text (and images) in, text and usage out; and balrog
messages in the OpenAI chat-completions wire format, which nearly every endpoint speaks
(OpenAI, vLLM, SGLang, llama.cpp's server, Ollama, and litellm in front of the rest), so
client plugins share one conversion."""

from __future__ import annotations

import abc
import base64
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .environment import png_bytes

__all__ = ["Message", "Completion", "Client", "ClientSpec", "ClientSettings", "to_chat_messages", "image_part"]


@attrs.frozen
class Message:
    """One chat message. ``images`` are ``(H, W, 3)`` uint8 arrays sent after the text."""

    role: str
    text: str
    images: tuple[Any, ...] = attrs.field(default=(), converter=tuple)


@attrs.frozen
class Completion:
    """A model's answer and what it cost.

    ``cost`` is in US dollars, ``None`` when the provider's price is unknown; ``retries``
    counts transient failures absorbed before this answer, ``rate_limited`` how many of
    them were rate limits (429), which makes the run lower its concurrency;
    ``cached_tokens`` is the part of the prompt the server served from its prefix cache,
    when it says.
    """

    text: str
    input_tokens: int = 0
    output_tokens: int = 0
    latency: float = 0.0
    cost: float | None = None
    retries: int = 0
    cached_tokens: int | None = None
    rate_limited: int = 0


@attrs.frozen
class ClientSettings:
    """Everything a client needs from the run. Secrets are not here: clients read them
    from the environment so they never reach a config or results file."""

    model: str | None = None
    base_url: str | None = None
    temperature: float = 1.0
    max_tokens: int = 8192
    timeout: float = 120.0
    max_retries: int = 6
    options: Any = None


class Client(abc.ABC):
    """An async chat-completion client. One instance serves every episode of a run, so
    ``complete`` must be safe to call concurrently."""

    @abc.abstractmethod
    async def complete(self, messages: Sequence[Message], **constraints: Any) -> Completion:
        """Return the model's reply to ``messages``.

        Agents pass ``choices=[...]`` (the legal actions) only when the run asked for
        constrained decoding and the client's spec says ``constrains=True``.
        """

    async def aclose(self) -> None:
        """Release connections and subprocesses."""

    def describe(self) -> dict[str, Any]:
        """Facts for run.json (model, endpoint, protocol deviations); never secrets."""
        return {}


@attrs.frozen
class ClientSpec:
    """A client as registered by a plugin through ``register_clients``.

    ``factory`` raises ``MissingCredentialsError`` naming the variable to set when the
    provider needs a key that is absent. When ``--client`` is not given, the core asks
    every client ``accepts(model, base_url)`` (either may be ``None``) and runs the one with
    the highest ``priority`` that says yes: an embedded model when neither is given, a lean
    client for a bare model name at an OpenAI-compatible URL, a provider library for
    ``provider/model``. ``constrains``: the client can restrict output to given ``choices``.
    """

    name: str
    factory: Callable[[ClientSettings], Client]
    description: str = ""
    options: type | None = None
    accepts: Callable[[str | None, str | None], bool] | None = None
    priority: int = 0
    constrains: bool = False


def image_part(image: Any) -> dict[str, Any]:
    """An ``(H, W, 3)`` array as an inline PNG data URL, the image form every vision API
    of this format understands."""
    encoded = base64.b64encode(png_bytes(image)).decode("ascii")
    return {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{encoded}"}}


def to_chat_messages(messages: Sequence[Message]) -> list[dict[str, Any]]:
    """Plain string content for text-only messages (what text-only servers expect), a
    list of parts, text first, when a message carries images."""
    chat: list[dict[str, Any]] = []
    for message in messages:
        if message.images:
            parts = [{"type": "text", "text": message.text}]
            parts.extend(image_part(image) for image in message.images)
            chat.append({"role": message.role, "content": parts})
        else:
            chat.append({"role": message.role, "content": message.text})
    return chat
