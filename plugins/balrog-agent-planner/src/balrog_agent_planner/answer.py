"""Reading a planner answer: thoughts, a ``PLAN:`` block of numbered steps, an ``ACTION:``
line.

The plan is everything after the last ``PLAN:`` up to the ``ACTION:`` line that follows it;
the action is read from the last ``ACTION:`` line with the core's shared parser, so the
planner is judged on planning, not on a more forgiving parser.
"""

from __future__ import annotations

import re

import attrs

from balrog_core import ActionSpace, extract_marked, parse_action

__all__ = ["PLAN_MARKER", "ACTION_MARKER", "PlannedAnswer", "read_planned_answer"]

PLAN_MARKER = "PLAN:"
ACTION_MARKER = "ACTION:"


@attrs.frozen
class PlannedAnswer:
    """``plan`` is ``None`` when the answer wrote none (the agent then keeps its previous
    plan); ``thoughts`` is the text before the plan; ``action`` is legal or ``None``."""

    thoughts: str
    plan: str | None
    action: str | None
    rule: str


def _last(marker: str, text: str) -> re.Match[str] | None:
    found = None
    for found in re.finditer(re.escape(marker), text, flags=re.IGNORECASE):
        pass
    return found


def read_planned_answer(text: str, space: ActionSpace, strict: bool) -> PlannedAnswer:
    """Split ``text`` into thoughts, plan and action. Never raises."""
    plan_at = _last(PLAN_MARKER, text)
    action_at = _last(ACTION_MARKER, text)
    plan = None
    if plan_at is not None:
        end = action_at.start() if action_at is not None and action_at.start() > plan_at.end() else len(text)
        plan = text[plan_at.end() : end].strip() or None
    cut = [m.start() for m in (plan_at, action_at) if m is not None]
    thoughts = text[: min(cut)].strip() if cut else text.strip()
    candidate = extract_marked(text, ACTION_MARKER)
    if candidate is None:
        return PlannedAnswer(thoughts, plan, None, "no_marker" if text.strip() else "empty")
    parsed = parse_action(candidate, space, strict=strict)
    return PlannedAnswer(thoughts, plan, parsed.action, f"marked+{parsed.rule}")
