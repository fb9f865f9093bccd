import numpy as np

from balrog_core import ActionSpace, Observation, PastTurn, PromptSettings, TurnContext, build_messages, merge_same_roles
from balrog_core.client import Message

SPACE = ActionSpace({"a": "", "b": ""}, default="a")


def _turn(past: int, settings: PromptSettings, feedback=None, image=None) -> TurnContext:
    history = [
        PastTurn(Observation(f"obs {i}", image), reply=f"reply {i}", action="a", invalid=False)
        for i in range(past)
    ]
    return TurnContext("rules", Observation("now", image), history, SPACE, past, settings, feedback)


def test_history_window_keeps_the_last_observations():
    messages = build_messages(_turn(20, PromptSettings(history=16)), "answer")
    assert messages[0].role == "system" and messages[0].text == "rules"
    users = [m.text for m in messages if m.role == "user"]
    assert len(users) == 17
    assert users[0].endswith("obs 4") and "now" in users[-1] and users[-1].endswith("answer")
    assert [m.role for m in messages[1:]] == ["user", "assistant"] * 16 + ["user"]


def test_zero_history_sends_only_the_current_observation():
    messages = build_messages(_turn(5, PromptSettings(history=0)), "answer")
    assert [m.role for m in messages] == ["system", "user"]


def test_images_only_current_by_default_and_past_ones_when_asked():
    image = np.zeros((2, 2, 3), dtype=np.uint8)
    text_only = build_messages(_turn(3, PromptSettings(vision=False), image=image), "x")
    assert all(not m.images for m in text_only)
    current = build_messages(_turn(3, PromptSettings(vision=True), image=image), "x")
    assert [len(m.images) for m in current] == [0, 0, 0, 0, 0, 0, 0, 1]
    two_past = build_messages(_turn(3, PromptSettings(vision=True, image_history=2), image=image), "x")
    assert sum(len(m.images) for m in two_past) == 3


def test_feedback_precedes_the_observation():
    messages = build_messages(_turn(1, PromptSettings(), feedback="bad answer"), "x")
    assert messages[-1].text.startswith("bad answer")


def test_merge_roles_joins_consecutive_messages():
    merged = merge_same_roles([Message("user", "a"), Message("user", "b"), Message("assistant", "c")])
    assert [(m.role, m.text) for m in merged] == [("user", "a\n\nb"), ("assistant", "c")]
    messages = build_messages(_turn(2, PromptSettings(merge_roles=True)), "x")
    roles = [m.role for m in messages]
    assert all(a != b for a, b in zip(roles, roles[1:]))
