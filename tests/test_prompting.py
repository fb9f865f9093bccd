"""The reference chat layout (PROTOCOL.md §3), message by message."""

import numpy as np

from balrog_core import (
    ActionSpace, Observation, PastTurn, PromptSettings, TurnContext, build_messages,
    invalid_feedback, merge_same_roles,
)
from balrog_core.client import Message

SPACE = ActionSpace({"a": "", "b": ""}, default="a")
FEEDBACK = "\n\nYour previous output did not contain a valid action. Defaulted to action: a\n\nObservation:\n"


def _turn(past: int, settings: PromptSettings, image=None, replies=None, defaulted=None,
          short_term="") -> TurnContext:
    replies = replies or {}
    history = [
        PastTurn(Observation(f"obs {i}", image), reply=replies.get(i, f"reply {i}"), action="a", invalid=False)
        for i in range(past)
    ]
    return TurnContext("rules", Observation("now", image, short_term), history, SPACE, past, settings,
                       defaulted=defaulted)


def test_feedback_sentence_is_the_reference_one():
    assert invalid_feedback("a") == FEEDBACK


def test_full_window_starts_with_an_answer_and_shows_sixteen_observations():
    messages = build_messages(_turn(20, PromptSettings(history=16)), "answer")
    assert (messages[0].role, messages[0].text) == ("user", "rules")
    assert [m.role for m in messages[1:]] == ["assistant"] + ["user", "assistant"] * 15 + ["user"]
    assert messages[1].text == "reply 4"
    assert messages[2].text == "Observation:\nobs 5"
    assert messages[-2].text == "reply 19"
    assert messages[-1].text == "Current Observation:\nnow\n\nanswer"


def test_short_term_text_shows_on_the_current_turn_only():
    past = PastTurn(Observation("long 0", None, "short 0"), reply="b", action="b", invalid=False)
    turn = TurnContext("rules", Observation("long 1", None, "short 1"), [past], SPACE, 1, PromptSettings())
    texts = [m.text for m in build_messages(turn, "fmt")]
    assert texts == ["rules", "Observation:\nlong 0", "b", "Current Observation:\nshort 1\nlong 1\n\nfmt"]


def test_feedback_goes_before_the_long_term_text_and_stays_in_history():
    current = build_messages(_turn(0, PromptSettings(), defaulted="a", short_term="inv"), "fmt")
    assert current[-1].text == "Current Observation:\ninv\n" + FEEDBACK + "now\n\nfmt"
    past = PastTurn(Observation("obs 0"), reply="zz", action="a", invalid=True, defaulted="a")
    turn = TurnContext("rules", Observation("now"), [past], SPACE, 1, PromptSettings())
    assert build_messages(turn, "fmt")[1].text == "Observation:\n" + FEEDBACK + "obs 0"


def test_an_empty_answer_leaves_no_assistant_message():
    messages = build_messages(_turn(3, PromptSettings(), replies={1: ""}), "fmt")
    assert [m.role for m in messages] == ["user", "user", "assistant", "user", "user", "assistant", "user"]


def test_history_one_keeps_the_last_answer_and_the_current_observation():
    messages = build_messages(_turn(5, PromptSettings(history=1)), "answer")
    assert [(m.role, m.text) for m in messages] == [
        ("user", "rules"), ("assistant", "reply 4"), ("user", "Current Observation:\nnow\n\nanswer")]


def test_images_only_current_in_vision_mode_and_past_ones_when_asked():
    image = np.zeros((2, 2, 3), dtype=np.uint8)
    text_only = build_messages(_turn(3, PromptSettings(vision=False), image=image), "x")
    assert all(not m.images for m in text_only)
    assert "Image observation provided." not in text_only[-1].text
    current = build_messages(_turn(3, PromptSettings(vision=True), image=image), "x")
    assert [len(m.images) for m in current] == [0, 0, 0, 0, 0, 0, 0, 1]
    assert current[-1].text == "Current Observation:\nnow\nImage observation provided.\n\nx"
    two_past = build_messages(_turn(3, PromptSettings(vision=True, image_history=2), image=image), "x")
    assert sum(len(m.images) for m in two_past) == 3
    assert two_past[-3].text == "Observation:\nobs 2\nImage observation provided."


def test_previous_plan_replaces_only_the_newest_answer():
    history = [
        PastTurn(Observation(f"obs {i}"), reply=f"act {i}", action="a", invalid=False, plan=f"thought {i}\nACTION: a")
        for i in range(3)
    ]
    turn = TurnContext("rules", Observation("now"), history, SPACE, 3, PromptSettings())
    answers = [m.text for m in build_messages(turn, "fmt", plans=1) if m.role == "assistant"]
    assert answers == ["act 0", "act 1", "Previous plan:\nthought 2\nACTION: a"]
    assert [m.text for m in build_messages(turn, "fmt") if m.role == "assistant"] == ["act 0", "act 1", "act 2"]


def test_instruction_suffix_follows_the_instruction():
    messages = build_messages(_turn(0, PromptSettings()), "fmt", instruction_suffix="plan rules")
    assert messages[0].text == "rules\n\nplan rules"


def test_merge_roles_joins_consecutive_messages():
    merged = merge_same_roles([Message("user", "a"), Message("user", "b"), Message("assistant", "c")])
    assert [(m.role, m.text) for m in merged] == [("user", "a\n\nb"), ("assistant", "c")]
    messages = build_messages(_turn(2, PromptSettings(merge_roles=True)), "x")
    roles = [m.role for m in messages]
    assert all(a != b for a, b in zip(roles, roles[1:]))
