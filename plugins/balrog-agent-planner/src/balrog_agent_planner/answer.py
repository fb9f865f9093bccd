"""Reading a planner answer: the plan (if it changed) and the candidate action.

Under the default parse mode, ``reference``, the rules are those of the reference
harness's plan-keeping agent (its ``custom`` agent):

- the plan is the text after the first ``PLAN:`` (any case) up to a line starting with
  ``ACTION:`` or the end, stripped; an answer without ``PLAN:``, or whose plan is exactly
  ``No changes to the plan.``, keeps the current plan;
- the candidate is everything after the first ``ACTION:`` (any case), later lines
  included, stripped, and must be exactly an action name; no ``ACTION:`` means no
  candidate (invalid, and no answer is left in the history).

Under ``tolerant`` (an opt-in deviation) this plugin's earlier rules apply: the plan is the
text after the last ``PLAN:`` up to the ``ACTION:`` that follows it, and the action is the
line after the last ``ACTION:``, read with the core's lenient ``parse_action``; an empty
plan or ``No changes to the plan.`` keeps the current one.
"""

from __future__ import annotations

import re

import attrs

from balrog_core import ActionSpace, read_action
from balrog_core.parsing import extract_marked, parse_action

__all__ = [
    "ACTION_MARKER",
    "NO_CHANGES",
    "PLAN_MARKER",
    "PlannedAnswer",
    "read_planned_answer",
]

PLAN_MARKER = "PLAN:"
ACTION_MARKER = "ACTION:"
NO_CHANGES = "No changes to the plan."
_REFERENCE_PLAN = re.compile(r"PLAN:\s*(.*?)(?=\nACTION:|\Z)", re.IGNORECASE | re.DOTALL)
_REFERENCE_ACTION = re.compile(r"ACTION:\s*(.*)", re.IGNORECASE | re.DOTALL)


@attrs.frozen
class PlannedAnswer:
    """``plan`` is the new plan, ``None`` when the answer keeps the current one;
    ``candidate`` is the text read as the action (``None``: no ``ACTION:``), ``action``
    the legal action or ``None``; ``thoughts`` is the text before the first marker."""

    thoughts: str
    plan: str | None
    candidate: str | None
    action: str | None
    rule: str


def _thoughts(text: str, *matches: re.Match[str] | None) -> str:
    starts = [match.start() for match in matches if match is not None]
    return text[: min(starts)].strip() if starts else text


def _reference(text: str, space: ActionSpace) -> PlannedAnswer:
    plan_match = _REFERENCE_PLAN.search(text)
    action_match = _REFERENCE_ACTION.search(text)
    plan = plan_match.group(1).strip() if plan_match else NO_CHANGES
    candidate = action_match.group(1).strip() if action_match else None
    if candidate is None:
        action, rule = None, "no_marker" if text else "empty"
    else:
        parsed = read_action(candidate, space, "reference")
        action, rule = parsed.action, f"marked+{parsed.rule}"
    thoughts = _thoughts(text, plan_match, action_match)
    return PlannedAnswer(thoughts, None if plan == NO_CHANGES else plan, candidate, action, rule)


def _last(marker: str, text: str) -> re.Match[str] | None:
    found = None
    for found in re.finditer(re.escape(marker), text, flags=re.IGNORECASE):
        pass
    return found


def _tolerant(text: str, space: ActionSpace) -> PlannedAnswer:
    plan_at = _last(PLAN_MARKER, text)
    action_at = _last(ACTION_MARKER, text)
    plan = None
    if plan_at is not None:
        follows = action_at is not None and action_at.start() > plan_at.end()
        plan = text[plan_at.end() : action_at.start() if follows else len(text)].strip() or None
        plan = None if plan == NO_CHANGES else plan
    thoughts = _thoughts(text, plan_at, action_at)
    candidate = extract_marked(text, ACTION_MARKER)
    if candidate is None:
        return PlannedAnswer(thoughts, plan, None, None, "no_marker" if text else "empty")
    parsed = parse_action(candidate, space)
    return PlannedAnswer(thoughts, plan, candidate, parsed.action, f"marked+{parsed.rule}")


def read_planned_answer(text: str, space: ActionSpace, mode: str) -> PlannedAnswer:
    """Split ``text`` (already stripped) into thoughts, plan and action under parse
    ``mode``. Never raises."""
    return _reference(text, space) if mode == "reference" else _tolerant(text, space)
