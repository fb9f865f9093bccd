"""What the planner sends and remembers, on turns built by hand with a real action space;
the model is a scripted client that records what it was sent."""

from __future__ import annotations

import asyncio

import pytest

from balrog_core import (
    ActionSpace, ConfigError, Observation, PastTurn, PromptSettings,
    TurnContext,
)
from balrog_core.testing import ScriptedClient, make_turn
from balrog_agent_planner import PlannerAgent, PlannerOptions
from balrog_agent_planner.prompt import REFERENCE_INSTRUCTIONS

SPACE = ActionSpace(
    {
        "turn left": "turn to the left", "turn right": "turn to the right",
        "go forward": "take one step forward", "pick up": "pick up the object below you",
        "drop": "drop the object being held", "toggle": "manipulate the object in front",
    },
    default="go forward",
)
INSTRUCTION = "Pick up the blue key.\nPLAY!"


def turn(step: int, history=(), settings=None) -> TurnContext:
    return make_turn(f"view at step {step}", instruction=INSTRUCTION, history=history, action_space=SPACE,
                     step=step, settings=settings)


def play(agent, step, history=()):
    return asyncio.run(agent.act(turn(step, history)))


def test_reference_prompt_appends_the_plan_block_and_the_instructions():
    agent = PlannerAgent(ScriptedClient("PLAN: turn, then pick up\nACTION: turn left", "ACTION: pick up"), "reference")
    first = play(agent, 0)
    assert [m.text for m in first.messages] == [
        INSTRUCTION,
        f"Current Observation:\nview at step 0\n\nYou do not have a plan yet.\n\n{REFERENCE_INSTRUCTIONS}",
    ]
    assert REFERENCE_INSTRUCTIONS.splitlines()[-2:] == [
        'PLAN: <the updated plan if you changed it, or "No changes to the plan." if the current plan is still good>',
        "ACTION: <the next action>",
    ]
    assert 340 <= len(REFERENCE_INSTRUCTIONS) <= 420  # the reference's is 383 characters
    second = play(agent, 1)
    assert second.messages[-1].text == (
        f"Current Observation:\nview at step 1\n\nCurrent Plan:\nturn, then pick up\n\n{REFERENCE_INSTRUCTIONS}"
    )


def test_plan_is_kept_on_no_changes_and_replaced_by_a_new_one():
    agent = PlannerAgent(ScriptedClient(
        "PLAN: turn, then pick up\nACTION: turn left",
        "PLAN: No changes to the plan.\nACTION: pick up",
        "ACTION: pick up",
        "The key moved.\nPLAN: go forward, then pick up\nACTION: go forward",
    ), "reference")
    replies = [play(agent, step) for step in range(4)]
    assert agent.plan == "go forward, then pick up" and agent.plan_step == 3
    assert "Current Plan:\nturn, then pick up\n" in replies[2].messages[-1].text
    assert "kept the plan of step 0" in replies[2].reasoning
    assert replies[3].reasoning.startswith("The key moved.\nPLAN: (new at step 3)")
    assert [r.action for r in replies] == ["turn left", "pick up", "pick up", "go forward"]


def test_the_history_shows_candidates_and_nothing_for_a_missing_action():
    agent = PlannerAgent(ScriptedClient("PLAN: x\nACTION: Toggle", "no action here"), "reference")
    invalid = play(agent, 0)
    missing = play(agent, 1)
    assert (invalid.action, invalid.memory) == (None, "Toggle")
    assert (missing.action, missing.memory, missing.rule) == (None, "", "no_marker")


def test_tolerant_parsing_is_opt_in():
    text = "PLAN: open it\naction: Toggle."
    assert play(PlannerAgent(ScriptedClient(text), "reference"), 0).action is None
    assert play(PlannerAgent(ScriptedClient(text), "tolerant"), 0).action == "toggle"


def test_extended_prompt_keeps_the_numbered_plan_and_played_actions():
    agent = PlannerAgent(
        ScriptedClient("PLAN:\n1. turn left\n2. pick up\nACTION: turn left", "PLAN:\n1. walk\nACTION: fly"),
        "reference", PlannerOptions(prompt="extended"),
    )
    first = play(agent, 0)
    assert "compare the observation with the plan" in first.messages[0].text
    assert "You have no plan yet: make one." in first.messages[-1].text
    second = play(agent, 1)
    assert "Your current plan (written at step 0):\n1. turn left\n2. pick up" in second.messages[-1].text
    assert (first.memory, second.memory) == ("ACTION: turn left", "ACTION: go forward")


def test_history_window_applies():
    history = [PastTurn(Observation(f"old view {i}"), "drop", "drop", False) for i in range(5)]
    agent = PlannerAgent(ScriptedClient("ACTION: drop"), "reference")
    reply = asyncio.run(agent.act(turn(5, history, PromptSettings(history=2))))
    users = [m.text for m in reply.messages if m.role == "user"]
    assert len(users) == 3 and "old view 4" in users[1] and "old view 3" not in "".join(users)


def test_options_check_and_declare_their_deviations():
    assert PlannerOptions().protocol_deviations() == []
    assert PlannerOptions(prompt="extended").protocol_deviations()[0].startswith("planner: extended planning prompt")
    with pytest.raises(ConfigError, match="agent.prompt must be one of reference, extended, got 'fancy'"):
        PlannerOptions(prompt="fancy")
