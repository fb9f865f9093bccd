"""The cot agents' prompts and answer reading, on turns built by hand with a real action
space; the model is a scripted client that records what it was sent."""

from __future__ import annotations

import asyncio

import pytest

from balrog_core import (
    ActionSpace, Client, Completion, ConfigError, Observation, PastTurn, PromptSettings,
    TurnContext,
)
from balrog_agent_cot import CotAgent, CotOptions, RobustCotAgent
from balrog_agent_cot.agents import cot_options
from balrog_agent_cot.reading import read_marked, read_robust

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
        return Completion(text=self.answers.pop(0), input_tokens=10, output_tokens=5)


def turn(history=(), step=0, settings=PromptSettings(), feedback=None) -> TurnContext:
    return TurnContext(
        instruction="Go to the red ball.", observation=Observation("a red ball 2 steps forward"),
        history=tuple(history), action_space=SPACE, step=step, settings=settings,
        feedback=feedback,
    )


def past(n: int, reply: str, action: str = "turn left") -> PastTurn:
    return PastTurn(Observation(f"view {n}"), reply, action, invalid=False)


def act(agent, context):
    return asyncio.run(agent.act(context))


@pytest.mark.parametrize(
    ("text", "action", "rule"),
    [
        ("The ball is ahead.\nACTION: go forward", "go forward", "marked+exact"),
        ("ball ahead\naction: Go Forward.", "go forward", "marked+normalized"),
        ("ACTION: go forward, then I will pick it up\nmore chatter", "go forward", "marked+contained"),
        ("I think I should go forward.", None, "no_marker"),
        ("ACTION: fly", None, "marked+no_match"),
        ("", None, "empty"),
        ("   \n ", None, "empty"),
    ],
)
def test_marked_reading_takes_only_the_action_line(text, action, rule):
    reading = read_marked(text, SPACE, strict=False)
    assert (reading.action, reading.rule) == (action, rule)


def test_marked_reading_splits_reasoning_from_action():
    reading = read_marked("The ball is 2 steps ahead.\nSo move.\nACTION: go forward", SPACE, strict=False)
    assert reading.reasoning == "The ball is 2 steps ahead.\nSo move."


def test_strict_marked_reading_needs_the_exact_name():
    assert read_marked("ACTION: Go forward.", SPACE, strict=True).action is None
    assert read_marked("ACTION: go forward", SPACE, strict=True).action == "go forward"


@pytest.mark.parametrize(
    ("text", "action", "rule"),
    [
        ("ahead is the ball <|ACTION|>go forward<|END|>", "go forward", "delimited+exact"),
        ("thinking...\n<|ACTION|> Pick Up <|END|> done", "pick up", "delimited+normalized"),
        ("no delimiters here\nACTION: toggle", "toggle", "marked+exact"),
        ("the door is closed so\ntoggle", "toggle", "last_line+exact"),
        ("<|ACTION|>fly<|END|>", None, "delimited+no_match"),
        ("<|ACTION|>nonsense<|END|>\nACTION: turn right", "turn right", "marked+exact"),
        ("I am not sure what to do here at all.", None, "last_line+no_match"),
        ("", None, "empty"),
    ],
)
def test_robust_reading_falls_back_in_order(text, action, rule):
    reading = read_robust(text, SPACE, strict=False)
    assert (reading.action, reading.rule) == (action, rule)


def test_robust_reading_reasoning_stops_at_the_delimiter():
    reading = read_robust("Wall ahead, turn.\n<|ACTION|>turn left<|END|>", SPACE, strict=False)
    assert reading.reasoning == "Wall ahead, turn."


def test_cot_prompt_asks_for_reasoning_then_an_action_line():
    client = ScriptedClient("The ball is ahead.\nACTION: go forward")
    reply = act(CotAgent(client, CotOptions(), strict=False), turn())
    last = reply.messages[-1].text
    assert "step by step" in last and "ACTION: <action>" in last
    assert reply.action == "go forward" and reply.reasoning == "The ball is ahead."
    assert reply.memory == "The ball is ahead.\nACTION: go forward"
    assert reply.messages == client.prompts[0]


def test_robust_cot_prompt_shows_the_delimiters_with_an_example():
    client = ScriptedClient("<|ACTION|>turn left<|END|>")
    reply = act(RobustCotAgent(client, CotOptions(), strict=False), turn())
    assert "<|ACTION|>turn left<|END|>" in reply.messages[-1].text
    assert reply.rule == "delimited+exact"


@pytest.mark.parametrize("keep", [0, 1, 2, 5])
def test_only_the_last_turns_keep_their_reasoning(keep):
    history = [past(i, f"reasoning {i}\nACTION: turn left") for i in range(4)]
    client = ScriptedClient("ACTION: go forward")
    reply = act(CotAgent(client, CotOptions(reasoning_turns=keep), strict=False), turn(history, step=4))
    assistant = [m.text for m in reply.messages if m.role == "assistant"]
    kept = min(keep, 4)
    assert assistant[: 4 - kept] == ["ACTION: turn left"] * (4 - kept)
    assert assistant[4 - kept :] == [f"reasoning {i}\nACTION: turn left" for i in range(4 - kept, 4)]


def test_robust_cot_shows_old_turns_in_its_own_format():
    history = [past(0, "long thought <|ACTION|>drop<|END|>", action="drop"), past(1, "recent <|ACTION|>drop<|END|>", action="drop")]
    client = ScriptedClient("<|ACTION|>drop<|END|>")
    reply = act(RobustCotAgent(client, CotOptions(reasoning_turns=1), strict=False), turn(history, step=2))
    assistant = [m.text for m in reply.messages if m.role == "assistant"]
    assert assistant == ["<|ACTION|>drop<|END|>", "recent <|ACTION|>drop<|END|>"]


def test_history_window_and_role_merging_still_apply():
    history = [past(i, f"thought {i}\nACTION: turn left") for i in range(6)]
    settings = PromptSettings(history=3, merge_roles=True)
    client = ScriptedClient("ACTION: go forward")
    reply = act(CotAgent(client, CotOptions(reasoning_turns=2), strict=False), turn(history, 6, settings))
    users = [m.text for m in reply.messages if m.role == "user"]
    assert [u.splitlines()[1] for u in users[:3]] == ["view 3", "view 4", "view 5"]
    assistant = [m.text for m in reply.messages if m.role == "assistant"]
    assert assistant == ["ACTION: turn left", "thought 4\nACTION: turn left", "thought 5\nACTION: turn left"]


def test_invalid_feedback_reaches_the_prompt():
    client = ScriptedClient("ACTION: go forward")
    note = "Note: your previous answer did not name a valid action"
    reply = act(CotAgent(client, CotOptions(), strict=False), turn(feedback=note))
    assert reply.messages[-1].text.startswith(note)


def test_strict_actions_are_honoured_by_both_agents():
    for agent_class, text in ((CotAgent, "ACTION: Go Forward"), (RobustCotAgent, "<|ACTION|>Go Forward<|END|>")):
        reply = act(agent_class(ScriptedClient(text), CotOptions(), strict=True), turn())
        assert reply.action is None
        reply = act(agent_class(ScriptedClient(text), CotOptions(), strict=False), turn())
        assert reply.action == "go forward"


def test_negative_reasoning_turns_is_a_one_line_error():
    with pytest.raises(ConfigError, match="agent.reasoning_turns must be 0 or more, got -1"):
        cot_options(CotOptions(reasoning_turns=-1))
