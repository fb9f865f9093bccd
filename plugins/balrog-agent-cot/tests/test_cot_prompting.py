"""What the cot agents send and remember, on turns built by hand with a real action space;
the model is a scripted client and the loop below keeps history the way the core's episode
loop does (the end-to-end tests check the real loop)."""

from __future__ import annotations

import asyncio

import pytest

from balrog_core import (
    ActionSpace, ConfigError, Observation, PastTurn, PromptSettings,
    TurnContext,
)
from balrog_core.testing import ScriptedClient
from balrog_agent_cot import CotAgent, CotOptions, RobustCotAgent, RobustCotOptions
from balrog_agent_cot.agents import COT_FORMAT, ROBUST_COT_FORMAT
from balrog_agent_cot.reading import NO_DELIMITED_ACTION

SPACE = ActionSpace(
    {
        "turn left": "turn to the left", "turn right": "turn to the right",
        "go forward": "take one step forward", "pick up": "pick up the object below you",
        "drop": "drop the object being held", "toggle": "manipulate the object in front",
    },
    default="go forward",
)
INSTRUCTION = "You play a navigation game. Your goal: go to the red ball.\nPLAY!"


def play(agent, steps: int, settings=PromptSettings()):
    """``steps`` turns with the history kept as the core keeps it; the replies."""
    history: list[PastTurn] = []
    defaulted = None
    replies = []
    for step in range(steps):
        observation = Observation(f"view {step}")
        turn = TurnContext(
            instruction=INSTRUCTION, observation=observation, history=tuple(history),
            action_space=SPACE, step=step, settings=settings, defaulted=defaulted,
        )
        reply = asyncio.run(agent.act(turn))
        replies.append(reply)
        invalid = reply.action is None
        history.append(PastTurn(
            observation, reply.memory, reply.action or SPACE.default, invalid,
            defaulted=defaulted, plan=reply.plan,
        ))
        defaulted = SPACE.default if invalid else None
    return replies


def assistant(reply) -> list[str]:
    return [m.text for m in reply.messages if m.role == "assistant"]


def test_cot_prompt_is_the_reference_layout_with_its_answer_format():
    [reply] = play(CotAgent(ScriptedClient("  Ball ahead.\nACTION: go forward \n"), 1, "reference"), 1)
    assert [m.role for m in reply.messages] == ["user", "user"]
    assert reply.messages[0].text == INSTRUCTION
    assert reply.messages[1].text == f"Current Observation:\nview 0\n\n{COT_FORMAT}"
    assert COT_FORMAT.count("\n") == 1 and COT_FORMAT.endswith("ACTION: <action>")
    assert 140 <= len(COT_FORMAT) <= 185  # the reference's is 163 characters
    assert (reply.action, reply.memory) == ("go forward", "go forward")
    assert reply.plan == "Ball ahead.\nACTION: go forward"  # the stripped completion
    assert reply.reasoning == "Ball ahead."


def test_cot_shows_only_its_newest_answer_whole_as_previous_plan():
    answers = ["Look left.\nACTION: turn left", "Still nothing.\nACTION: turn right", "Ball!\nACTION: go forward", "x"]
    replies = play(CotAgent(ScriptedClient(*answers), 1, "reference"), 4)
    assert assistant(replies[1]) == ["Previous plan:\nLook left.\nACTION: turn left"]
    assert assistant(replies[3]) == [
        "turn left", "turn right", "Previous plan:\nBall!\nACTION: go forward",
    ]


def test_more_reasoning_turns_show_more_plans():
    answers = [f"thought {i}\nACTION: turn left" for i in range(4)]
    replies = play(CotAgent(ScriptedClient(*answers), 2, "reference"), 4)
    assert assistant(replies[3]) == [
        "turn left", "Previous plan:\nthought 1\nACTION: turn left",
        "Previous plan:\nthought 2\nACTION: turn left",
    ]


def test_an_empty_candidate_leaves_no_assistant_message_and_feedback_follows():
    answers = ["The answer is 5.\nACTION: 5", "ACTION: turn left"]
    replies = play(CotAgent(ScriptedClient(*answers), 1, "reference"), 2)
    assert replies[0].action is None and replies[0].memory == ""
    assert assistant(replies[1]) == []
    assert replies[1].messages[-1].text.startswith(
        "Current Observation:\n\n\nYour previous output did not contain a valid action. "
        "Defaulted to action: go forward\n\nObservation:\nview 1\n\n"
    )


def test_an_invalid_candidate_is_remembered_as_it_was_read():
    answers = ["Go.\nACTION: Go forward", "Hmm.\nACTION: turn left", "ACTION: drop"]
    replies = play(CotAgent(ScriptedClient(*answers), 1, "reference"), 3)
    assert replies[0].action is None
    assert assistant(replies[2]) == ["Go forward", "Previous plan:\nHmm.\nACTION: turn left"]


def test_robust_cot_feeds_no_reasoning_back():
    answers = ["Wall.\n<|ACTION|>turn left<|END|>", "I forgot the tags: turn right", "<|ACTION|>drop<|END|>"]
    replies = play(RobustCotAgent(ScriptedClient(*answers), 0, "reference"), 3)
    assert replies[0].messages[-1].text == f"Current Observation:\nview 0\n\n{ROBUST_COT_FORMAT}"
    assert "<|ACTION|>YOUR_CHOSEN_ACTION<|END|>" in ROBUST_COT_FORMAT
    assert replies[0].plan is None
    assert replies[1].action is None and replies[1].memory == NO_DELIMITED_ACTION
    assert assistant(replies[2]) == ["turn left", NO_DELIMITED_ACTION]


def test_tolerant_parsing_is_opt_in():
    for agent_class, text in ((CotAgent, "ACTION: Go Forward"), (RobustCotAgent, "<|ACTION|>Go Forward<|END|>")):
        [strict] = play(agent_class(ScriptedClient(text), 0, "reference"), 1)
        [tolerant] = play(agent_class(ScriptedClient(text), 0, "tolerant"), 1)
        assert strict.action is None and tolerant.action == "go forward"


def test_history_window_and_role_merging_still_apply():
    answers = [f"thought {i}\nACTION: turn left" for i in range(7)]
    replies = play(CotAgent(ScriptedClient(*answers), 1, "reference"), 7, PromptSettings(history=3, merge_roles=True))
    first, last = replies[0].messages, replies[6].messages
    assert [m.role for m in first] == ["user"]  # the instruction merged with the observation
    assert [m.role for m in last] == ["user", "assistant", "user", "assistant", "user", "assistant", "user"]
    assert [m.text.splitlines()[1] for m in last[2::2]] == ["view 4", "view 5", "view 6"]
    assert last[-2].text == "Previous plan:\nthought 5\nACTION: turn left"


def test_options_check_and_declare_their_deviations():
    assert CotOptions().protocol_deviations() == []
    assert RobustCotOptions().protocol_deviations() == []
    assert CotOptions(reasoning_turns=3).protocol_deviations() == [
        "cot: the newest 3 answers shown whole as 'Previous plan:' (reference: 1)"
    ]
    assert RobustCotOptions(reasoning_turns=1).protocol_deviations() == [
        "robust_cot: the newest 1 answers shown whole as 'Previous plan:' (reference: 0)"
    ]
    with pytest.raises(ConfigError, match="agent.reasoning_turns must be 0 or more, got -1"):
        CotOptions(reasoning_turns=-1)
