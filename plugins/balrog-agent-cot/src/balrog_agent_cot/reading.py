"""Reading a chain-of-thought answer: the reasoning, then the chosen action.

``read_marked`` accepts only the final ``ACTION:`` line (the plain CoT contract: an answer
without it holds no action). ``read_robust`` prefers the ``<|ACTION|>...<|END|>`` span and
falls back to an ``ACTION:`` line, then to the answer's last line, so a model that drifts
from the format still gets its action read when the intent is unambiguous.
"""

from __future__ import annotations

import re

import attrs

from balrog_core import ActionSpace, extract_delimited, extract_marked, parse_action

__all__ = [
    "ACTION_MARKER",
    "ACTION_START",
    "ACTION_END",
    "Reading",
    "read_marked",
    "read_robust",
    "text_before_last",
]

ACTION_MARKER = "ACTION:"
ACTION_START = "<|ACTION|>"
ACTION_END = "<|END|>"


@attrs.frozen
class Reading:
    """One answer as read: its ``reasoning`` (the text before the action), the legal
    ``action`` or ``None``, and the ``rule`` that decided (``<where>+<parse rule>``)."""

    reasoning: str
    action: str | None
    rule: str


def text_before_last(text: str, marker: str) -> str | None:
    """The text before the last occurrence of ``marker`` (case-insensitive), or ``None``."""
    found = None
    for found in re.finditer(re.escape(marker), text, flags=re.IGNORECASE):
        pass
    return text[: found.start()].strip() if found is not None else None


def read_marked(text: str, space: ActionSpace, strict: bool) -> Reading:
    """The action on the last ``ACTION:`` line; no such line means no action."""
    candidate = extract_marked(text, ACTION_MARKER)
    if candidate is None:
        return Reading(text.strip(), None, "no_marker" if text.strip() else "empty")
    parsed = parse_action(candidate, space, strict=strict)
    return Reading(text_before_last(text, ACTION_MARKER) or "", parsed.action, f"marked+{parsed.rule}")


def read_robust(text: str, space: ActionSpace, strict: bool) -> Reading:
    """The first of the delimited span, the ``ACTION:`` line and the last line that names a
    legal action."""
    if not text.strip():
        return Reading("", None, "empty")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    attempts = (
        ("delimited", extract_delimited(text, ACTION_START, ACTION_END), ACTION_START),
        ("marked", extract_marked(text, ACTION_MARKER), ACTION_MARKER),
        ("last_line", lines[-1], None),
    )
    tried = []
    for where, candidate, marker in attempts:
        if candidate is None:
            continue
        parsed = parse_action(candidate, space, strict=strict)
        tried.append(f"{where}+{parsed.rule}")
        if parsed.action is not None:
            if marker is None:
                reasoning = "\n".join(lines[:-1])
            else:
                reasoning = text_before_last(text, marker) or ""
            return Reading(reasoning, parsed.action, f"{where}+{parsed.rule}")
    return Reading(text.strip(), None, tried[0])
