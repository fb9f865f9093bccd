"""Reading a chain-of-thought answer: the candidate action, whether it is legal, and the
reasoning before it.

Under the default parse mode, ``reference``, the rules are the reference harness's:

- ``cot``: keep only ASCII letters, whitespace and ``:`` of the answer, split on the
  literal ``ACTION:`` (case-sensitive), take the last piece and strip it. The candidate
  must be exactly an action name, so ``ACTION: go forward`` followed by more lines is
  invalid, and an answer with no marker at all is judged whole.
- ``robust_cot``: the first span between ``<|ACTION|>`` and ``<|END|>`` (across lines),
  stripped; with no such span the candidate is a fixed sentence that is never an action.

Under ``tolerant`` (an opt-in deviation) this plugin's earlier rules apply: ``cot`` reads
the line after the last ``ACTION:`` (any case) and needs that marker; ``robust_cot`` tries
the delimited span, then an ``ACTION:`` line, then the answer's last line; both parse the
candidate with the core's lenient ``parse_action``.
"""

from __future__ import annotations

import re

import attrs

from balrog_core import ActionSpace, read_action
from balrog_core.parsing import extract_delimited, extract_marked, letters_only, parse_action

__all__ = [
    "ACTION_MARKER",
    "ACTION_START",
    "ACTION_END",
    "NO_DELIMITED_ACTION",
    "Reading",
    "read_cot",
    "read_robust_cot",
]

ACTION_MARKER = "ACTION:"
ACTION_START = "<|ACTION|>"
ACTION_END = "<|END|>"
# The reference's candidate when the delimiters are missing: never a legal action (in a
# free-text game it is sent to the game as it is).
NO_DELIMITED_ACTION = "Failed to obtain a valid action from the reasoning."


@attrs.frozen
class Reading:
    """One answer as read: the ``candidate`` the history shows as the agent's answer
    (``None``: nothing was found to read), the legal ``action`` or ``None``, the ``rule``
    that decided (``<where>+<parse rule>``) and the ``reasoning`` before the action."""

    candidate: str | None
    action: str | None
    rule: str
    reasoning: str


def _before_last(text: str, marker: str, flags: int = 0) -> str:
    """The text before the last ``marker``; the whole text when there is none."""
    found = None
    for found in re.finditer(re.escape(marker), text, flags=flags):
        pass
    return text[: found.start()].strip() if found is not None else text


def read_cot(text: str, space: ActionSpace, mode: str) -> Reading:
    """Read a ``cot`` answer (``text`` already stripped) under parse ``mode``."""
    if mode == "reference":
        pieces = letters_only(text).split(ACTION_MARKER)
        candidate = pieces[-1].strip()
        parsed = read_action(candidate, space, mode)
        where = "marked+" if len(pieces) > 1 else ""
        return Reading(candidate, parsed.action, where + parsed.rule, _before_last(text, ACTION_MARKER))
    candidate = extract_marked(text, ACTION_MARKER)
    if candidate is None:
        return Reading(None, None, "no_marker" if text else "empty", text)
    parsed = parse_action(candidate, space)
    reasoning = _before_last(text, ACTION_MARKER, re.IGNORECASE)
    return Reading(candidate, parsed.action, f"marked+{parsed.rule}", reasoning)


def read_robust_cot(text: str, space: ActionSpace, mode: str) -> Reading:
    """Read a ``robust_cot`` answer (``text`` already stripped) under parse ``mode``."""
    delimited = extract_delimited(text, ACTION_START, ACTION_END)
    if mode == "reference":
        candidate = delimited if delimited is not None else NO_DELIMITED_ACTION
        parsed = read_action(candidate, space, mode)
        where = "delimited" if delimited is not None else "no_delimiters"
        return Reading(candidate, parsed.action, f"{where}+{parsed.rule}", _before_last(text, ACTION_START))
    if not text:
        return Reading(None, None, "empty", "")
    lines = text.splitlines()
    attempts = (
        ("delimited", delimited, ACTION_START),
        ("marked", extract_marked(text, ACTION_MARKER), ACTION_MARKER),
        ("last_line", lines[-1].strip(), None),
    )
    first = None
    for where, candidate, marker in attempts:
        if candidate is None:
            continue
        parsed = parse_action(candidate, space)
        reading_rule = f"{where}+{parsed.rule}"
        if parsed.action is not None:
            reasoning = (
                "\n".join(lines[:-1]).strip() if marker is None
                else _before_last(text, marker, re.IGNORECASE)
            )
            return Reading(candidate, parsed.action, reading_rule, reasoning)
        first = first or Reading(candidate, None, reading_rule, text)
    assert first is not None  # the last line always exists for a non-empty answer
    return first
