"""The ``human`` agent on one real BabyAI turn, in process: the prompt it shows is the one
the naive agent sends, answers are read by the naive agent's rule, ``help`` asks again
and ``quit`` or the end of input stop the run as Ctrl-C does."""

from __future__ import annotations

import asyncio
import io

import pytest
from balrog_agent_human import Quit, help_text
from balrog_agent_human.agent import build_human_agent
from balrog_env_babyai.env import BabyAIEnvironment

from balrog_core import AgentSettings, PromptSettings, TurnContext, build_messages
from balrog_core import NAIVE_FORMAT


@pytest.fixture
def turn() -> TurnContext:
    env = BabyAIEnvironment("goto")
    observation = env.reset(7)
    return TurnContext(
        instruction=env.instruction_prompt(), observation=observation, history=(),
        action_space=env.action_space, step=0, settings=PromptSettings(),
    )


def answer(turn, typed: str, monkeypatch, parse: str = "reference"):
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    agent = build_human_agent(AgentSettings(parse=parse))
    return asyncio.run(agent.act(turn))


@pytest.mark.parametrize("typed, action, rule, memory", [
    ("turn left", "turn left", "exact", "turn left"),
    ("  go forward.  ", "go forward", "exact", "go forward"),
    ("Turn Left", None, "no_match", "Turn Left"),
    ("1. pick up", None, "no_match", " pick up"),
    ("", None, "empty", ""),
])
def test_answers_are_read_as_the_naive_agent_reads_a_model(turn, monkeypatch, capsys, typed, action, rule, memory):
    reply = answer(turn, typed + "\n", monkeypatch)
    assert (reply.text, reply.action, reply.rule, reply.memory) == (typed, action, rule, memory)
    assert list(reply.messages) == build_messages(turn, NAIVE_FORMAT)
    shown = capsys.readouterr().out
    assert reply.messages[0].text in shown and reply.messages[-1].text in shown


def test_tolerant_parsing_is_the_runs_choice(turn, monkeypatch, capsys):
    reply = answer(turn, "**Turn Left**\n", monkeypatch, parse="tolerant")
    assert (reply.action, reply.rule) == ("turn left", "normalized")


def test_help_lists_the_actions_and_asks_again(turn, monkeypatch, capsys):
    reply = answer(turn, "help\n HELP \nturn right\n", monkeypatch)
    assert reply.action == "turn right"
    shown = capsys.readouterr().out
    assert shown.count(help_text(turn.action_space, "reference")) == 2
    for name in turn.action_space.names:
        assert f"  {name}: " in shown


@pytest.mark.parametrize("typed", ["quit\n", "", "help\n"])
def test_quit_and_end_of_input_interrupt_like_ctrl_c(turn, monkeypatch, capsys, typed):
    with pytest.raises(Quit) as stopped:
        answer(turn, typed, monkeypatch)
    assert isinstance(stopped.value, KeyboardInterrupt)
