"""The planner's answer reading and plan keeping, on turns built by hand with a real action
space; the model is a scripted client that records what it was sent."""

from __future__ import annotations

import asyncio

import pytest

from balrog_core import (
    ActionSpace, Client, Completion, Observation, PastTurn, PromptSettings, TurnContext,
)
from balrog_agent_planner import PlannerAgent, read_planned_answer

SPACE = ActionSpace(
    {
        "turn left": "turn to face left", "turn right": "turn to face right",
        "go forward": "step ahead", "pick up": "pick up the object ahead",
        "drop": "drop what you carry", "toggle": "open the door ahead",
    },
    default="go forward",
)


class ScriptedClient(Client):
    """Answers with the given texts in turn and keeps every prompt."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.prompts: list = []

    async def complete(self, messages) -> Completion:
        self.prompts.append(list(messages))
        return Completion(text=self.answers.pop(0))


def turn(step: int, history=(), settings=PromptSettings()) -> TurnContext:
    return TurnContext(
        instruction="Pick up the blue key.", observation=Observation(f"view at step {step}"),
        history=tuple(history), action_space=SPACE, step=step, settings=settings,
    )


def play(agent, step, history=()):
    return asyncio.run(agent.act(turn(step, history)))


def test_reading_splits_thoughts_plan_and_action():
    text = "The key is left.\nPLAN:\n1. turn left\n2. go forward\n3. pick up\nACTION: turn left"
    answer = read_planned_answer(text, SPACE, strict=False)
    assert answer.thoughts == "The key is left."
    assert answer.plan == "1. turn left\n2. go forward\n3. pick up"
    assert (answer.action, answer.rule) == ("turn left", "marked+exact")


@pytest.mark.parametrize(
    ("text", "plan", "action", "rule"),
    [
        ("ACTION: toggle", None, "toggle", "marked+exact"),
        ("PLAN: 1. open the door\naction: Toggle.", "1. open the door", "toggle", "marked+normalized"),
        ("PLAN:\n1. walk\n", "1. walk", None, "no_marker"),
        ("PLAN:\n\nACTION: fly", None, None, "marked+no_match"),
        ("", None, None, "empty"),
        ("I will go forward now.", None, None, "no_marker"),
    ],
)
def test_reading_of_partial_and_malformed_answers(text, plan, action, rule):
    answer = read_planned_answer(text, SPACE, strict=False)
    assert (answer.plan, answer.action, answer.rule) == (plan, action, rule)


def test_strict_reading_needs_the_exact_action_name():
    assert read_planned_answer("PLAN: 1. x\nACTION: Toggle", SPACE, strict=True).action is None


def test_plan_is_kept_shown_and_revised_across_turns():
    client = ScriptedClient(
        "PLAN:\n1. turn left\n2. pick up\nACTION: turn left",
        "Still fine.\nACTION: pick up",
        "The pick up failed: the key is further away.\nPLAN:\n1. go forward\n2. pick up\nACTION: go forward",
    )
    agent = PlannerAgent(client, strict=False)
    first = play(agent, 0)
    assert "no plan yet" in first.messages[-1].text
    assert "compare the observation with the plan" in first.messages[0].text
    assert first.reasoning == "PLAN: (new at step 0)\n1. turn left\n2. pick up"

    second = play(agent, 1)
    assert "Your current plan (written at step 0):\n1. turn left\n2. pick up" in second.messages[-1].text
    assert "kept the plan of step 0" in second.reasoning
    assert agent.plan == "1. turn left\n2. pick up"

    third = play(agent, 2)
    assert "written at step 0" in third.messages[-1].text
    assert agent.plan == "1. go forward\n2. pick up" and agent.plan_step == 2
    assert third.reasoning.startswith("The pick up failed")
    assert third.action == "go forward"


def test_history_keeps_only_the_played_actions():
    client = ScriptedClient("PLAN:\n1. toggle\nACTION: toggle", "PLAN:\n1. walk\nACTION: fly")
    agent = PlannerAgent(client, strict=False)
    valid = play(agent, 0)
    invalid = play(agent, 1)
    assert valid.memory == "ACTION: toggle"
    assert invalid.action is None and invalid.memory == "ACTION: go forward"


def test_history_window_applies():
    history = [PastTurn(Observation(f"old view {i}"), "ACTION: drop", "drop", False) for i in range(5)]
    settings = PromptSettings(history=2)
    agent = PlannerAgent(ScriptedClient("ACTION: drop"), strict=False)
    reply = asyncio.run(agent.act(turn(5, history, settings)))
    users = [m.text for m in reply.messages if m.role == "user"]
    assert len(users) == 3 and "old view 3" in users[0] and "old view 4" in users[1]
