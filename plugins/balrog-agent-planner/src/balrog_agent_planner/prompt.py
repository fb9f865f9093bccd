"""The planner's prompt text, the reference-equivalent one and the extended one side by
side.

``reference`` says what the reference harness's plan-keeping agent says, in this project's
words: the current plan (or a note that there is none), then how to review it and answer as
``PLAN: …`` / ``ACTION: …``. ``extended`` (an opt-in deviation) is this plugin's richer
prompt: standing planning rules after the game's instruction, a numbered plan stamped with
the step it was written at.
"""

from __future__ import annotations

from .answer import ACTION_MARKER, NO_CHANGES, PLAN_MARKER

__all__ = ["PROMPTS", "reference_format", "extended_format", "PLANNING_RULES"]

PROMPTS = ("reference", "extended")

REFERENCE_INSTRUCTIONS = (
    "Look over the current plan above, if there is one, and decide whether to keep it or "
    "change it.\n"
    "If you change it, write out the updated plan. After that, give the next action to take.\n"
    "You have to output an action at every step.\n"
    "Write your answer in this format:\n"
    f'{PLAN_MARKER} <the updated plan if you changed it, or "{NO_CHANGES}" if the current plan '
    "is still good>\n"
    f"{ACTION_MARKER} <the next action>"
)


def reference_format(plan: str | None) -> str:
    """The reference layout: the plan block, a blank line, the instructions."""
    plan_text = f"Current Plan:\n{plan}\n" if plan else "You do not have a plan yet.\n"
    return f"{plan_text}\n{REFERENCE_INSTRUCTIONS}"


PLANNING_RULES = (
    "You play with an explicit plan: a short numbered list of the steps that reach the goal. "
    "Your current plan is shown with every observation. Before acting, compare the "
    "observation with the plan. If it contradicts the plan (your last action had no effect "
    "or failed, an object is not where you expected, something new blocks the way), rewrite "
    "the plan from where you are now. If the plan still holds, keep it and drop the steps "
    "already done."
)
_EXTENDED = (
    "{plan_section}\n\n"
    "Check the observation against the plan, revise the plan if needed, then answer in this "
    "form:\n"
    f"{PLAN_MARKER}\n1. <first remaining step>\n2. <next step>\n"
    f"{ACTION_MARKER} <exactly one action from the list of allowed actions>"
)


def extended_format(plan: str | None, plan_step: int | None) -> str:
    """The extended answer format: the plan with the step it was written at."""
    if not plan:
        section = "You have no plan yet: make one."
    else:
        section = f"Your current plan (written at step {plan_step}):\n{plan}"
    return _EXTENDED.format(plan_section=section)
