"""balrog messages in the OpenAI chat-completions wire format.

Nearly every model endpoint speaks this format (OpenAI, vLLM, SGLang, llama.cpp's server,
Ollama, and litellm in front of the rest), so client plugins share one conversion.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from .client import Message
from .observation import png_bytes

__all__ = ["to_chat_messages", "image_part"]


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
