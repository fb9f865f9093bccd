"""The planner agent: a plan kept across turns, shown with every observation.

By default it asks what the reference harness's plan-keeping (``custom``) agent asks: the
current plan is appended to the current observation with instructions to review it and
answer ``PLAN: …`` then ``ACTION: …``; the history shows each past answer as its candidate
action, and an answer without a new plan keeps the old one. A fresh agent plays each
episode, so the plan never leaks into the next one. ``-o agent.prompt=extended`` uses this
plugin's richer planning prompt instead.
"""

from __future__ import annotations

from typing import Any

import attrs

from balrog_core import Agent, AgentReply, Client, ConfigError, TurnContext, build_messages

from .answer import ACTION_MARKER, PLAN_MARKER, read_planned_answer
from .prompt import PLANNING_RULES, PROMPTS, extended_format, reference_format

__all__ = ["PlannerAgent", "PlannerOptions"]


def _known_prompt(instance, attribute, value: str) -> None:
    if value not in PROMPTS:
        raise ConfigError(
            f"agent.prompt must be one of {', '.join(PROMPTS)}, got {value!r}; "
            "use e.g. -o agent.prompt=reference"
        )


@attrs.frozen
class PlannerOptions:
    """``prompt``: ``reference`` (the reference agent's prompt) or ``extended`` (standing
    planning rules, a numbered plan stamped with its step, past answers shown as the
    action played)."""

    prompt: str = attrs.field(default="reference", validator=_known_prompt)

    def protocol_deviations(self) -> list[str]:
        if self.prompt == "reference":
            return []
        return [
            "planner: extended planning prompt (standing planning rules, numbered plan, "
            "past answers shown as the action played)"
        ]


class PlannerAgent(Agent):
    """Answers ``PLAN: …`` then ``ACTION: …``; the plan persists across turns."""

    def __init__(self, client: Client, parse: str, options: Any = None) -> None:
        self.client = client
        self.parse = parse
        self.extended = (options or PlannerOptions()).prompt == "extended"
        self.plan: str | None = None
        self.plan_step: int | None = None

    async def act(self, turn: TurnContext) -> AgentReply:
        if self.extended:
            answer_format = extended_format(self.plan, self.plan_step)
            messages = build_messages(turn, answer_format, instruction_suffix=PLANNING_RULES)
        else:
            messages = build_messages(turn, reference_format(self.plan))
        completion = await self.client.complete(messages)
        answer = read_planned_answer(completion.text.strip(), turn.action_space, self.parse)
        if answer.plan is not None:
            self.plan, self.plan_step = answer.plan, turn.step
            status = f"{PLAN_MARKER} (new at step {turn.step})"
        elif self.plan:
            status = f"{PLAN_MARKER} (kept the plan of step {self.plan_step})"
        else:
            status = f"{PLAN_MARKER} (none yet)"
        reasoning = "\n".join(part for part in (answer.thoughts, status, self.plan or "") if part)
        if self.extended:
            played = answer.action if answer.action is not None else turn.action_space.default
            memory = f"{ACTION_MARKER} {played}"
        else:
            memory = answer.candidate or ""
        return AgentReply(
            text=completion.text, action=answer.action, rule=answer.rule, reasoning=reasoning,
            memory=memory, completion=completion, messages=messages,
        )
