"""What an environment shows the agent at one step."""

from __future__ import annotations

import io
from typing import Any

import attrs

__all__ = ["Observation", "png_bytes"]


@attrs.frozen
class Observation:
    """One step's view of the game.

    ``text`` is the language observation every agent receives, the part that stays in the
    prompt's history (the reference's "long-term" text). ``short_term`` is shown on the
    current turn only, before ``text`` (vitals, inventory: facts that later turns would only
    repeat stale). ``image`` is an ``(H, W, 3)`` uint8 array, present only when the
    environment runs in vision mode, so text-only runs never pay for rendering.
    """

    text: str
    image: Any = None
    short_term: str = ""


def png_bytes(image: Any) -> bytes:
    """Encode an ``(H, W, 3)`` uint8 array as PNG: the one image format clients, traces and
    reports share."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()
