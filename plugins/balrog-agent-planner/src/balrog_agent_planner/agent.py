"""The planner agent: a plan kept across turns, shown in every prompt, revised on surprise.

A fresh agent plays each episode, so the plan lives in a plain attribute. The model sees
its current plan next to the newest observation and is asked to rewrite it when the game
contradicts it (an action had no effect, something unexpected appeared); an answer without
a plan keeps the old one. Past assistant turns keep only the action played: the plan in
the prompt already carries the model's intent, so old answers need not be replayed.
"""

from __future__ import annotations

from balrog_core import Agent, AgentReply, Client, TurnContext, build_messages

from .answer import ACTION_MARKER, PLAN_MARKER, read_planned_answer

__all__ = ["PlannerAgent", "PLANNING_RULES", "ANSWER_FORMAT"]

PLANNING_RULES = (
    "You play with an explicit plan: a short numbered list of the steps that reach the goal. "
    "Your current plan is shown with every observation. Before acting, compare the "
    "observation with the plan. If it contradicts the plan (your last action had no effect "
    "or failed, an object is not where you expected, something new blocks the way), rewrite "
    "the plan from where you are now. If the plan still holds, keep it and drop the steps "
    "already done."
)
ANSWER_FORMAT = (
    "{plan_section}\n\n"
    "Check the observation against the plan, revise the plan if needed, then answer in this "
    "form:\n"
    f"{PLAN_MARKER}\n1. <first remaining step>\n2. <next step>\n"
    f"{ACTION_MARKER} <exactly one action from the list of allowed actions>"
)


class PlannerAgent(Agent):
    """Answers ``PLAN: <numbered steps>`` then ``ACTION: <action>``; the plan persists."""

    def __init__(self, client: Client, strict: bool) -> None:
        self.client = client
        self.strict = strict
        self.plan: str | None = None
        self.plan_step: int | None = None

    def plan_section(self) -> str:
        if self.plan is None:
            return "You have no plan yet: make one."
        return f"Your current plan (written at step {self.plan_step}):\n{self.plan}"

    async def act(self, turn: TurnContext) -> AgentReply:
        answer_format = ANSWER_FORMAT.format(plan_section=self.plan_section())
        messages = build_messages(turn, answer_format, system_suffix=PLANNING_RULES)
        completion = await self.client.complete(messages)
        answer = read_planned_answer(completion.text, turn.action_space, self.strict)
        if answer.plan is not None:
            self.plan, self.plan_step = answer.plan, turn.step
            status = f"{PLAN_MARKER} (new at step {turn.step})"
        elif self.plan is not None:
            status = f"{PLAN_MARKER} (no plan in this answer: kept the plan of step {self.plan_step})"
        else:
            status = f"{PLAN_MARKER} (none yet)"
        reasoning = "\n".join(part for part in (answer.thoughts, status, self.plan or "") if part)
        played = answer.action if answer.action is not None else turn.action_space.default
        return AgentReply(
            text=completion.text, action=answer.action, rule=answer.rule, reasoning=reasoning,
            memory=f"{ACTION_MARKER} {played}", completion=completion, messages=messages,
        )
