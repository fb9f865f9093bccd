"""The demonstrations store, the choice of demonstrations and the few-shot prompt, with
turns built by hand on a real action space; the model is a scripted client."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from balrog_core import (
    ActionSpace, AgentSetup, Client, Completion, ConfigError, Observation, PromptSettings,
    TurnContext,
)
from balrog_agent_fewshot import DemoStep, DemoStore, Demonstration, FewShotOptions, default_demos_dir
from balrog_agent_fewshot.agent import build_few_shot_agent, choose_demonstrations
from balrog_agent_fewshot.prompt import goal_lines, render_demonstrations

SPACE = ActionSpace(
    {"turn left": "", "turn right": "", "go forward": "", "pick up": "", "drop": "", "toggle": ""},
    default="go forward",
)
INSTRUCTION = "You play a grid world.\nYour mission: go to the red ball.\nActions: ..."


def demo(seed: int, progression: float = 100.0, steps: int = 3, mission: str = "go to the blue key") -> Demonstration:
    return Demonstration(
        env="babyai", task="goto", seed=seed, progression=progression,
        steps=[DemoStep(f"seed {seed} view {i}", "turn left" if i % 2 else "go forward") for i in range(steps)],
        instruction=f"You play a grid world.\nYour mission: {mission}.\nActions: ...",
    )


class ScriptedClient(Client):
    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)

    async def complete(self, messages) -> Completion:
        return Completion(text=self.answers.pop(0))


def test_store_round_trip_and_no_duplicate_seeds(tmp_path):
    store = DemoStore(tmp_path)
    assert store.add([demo(1), demo(2)]) == [demo(1), demo(2)]
    assert store.add([demo(2), demo(3)]) == [demo(3)]
    assert store.load("babyai", "goto") == [demo(1), demo(2), demo(3)]
    assert store.tasks() == [("babyai", "goto", 3)]
    line = json.loads(store.path("babyai", "goto").read_text().splitlines()[0])
    assert set(line) == {"env", "task", "seed", "steps", "progression", "instruction"}
    assert line["steps"][0] == {"observation": "seed 1 view 0", "action": "go forward"}


def test_store_reads_hand_written_lines_without_instruction(tmp_path):
    path = tmp_path / "babyai" / "open.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps({"env": "babyai", "task": "open", "seed": 5, "progression": 0,
                                "steps": [{"observation": "a door", "action": "toggle"}]}) + "\n\n")
    [loaded] = DemoStore(tmp_path).load("babyai", "open")
    assert loaded.instruction is None and loaded.steps == (DemoStep("a door", "toggle"),)


def test_a_broken_store_line_is_a_one_line_error(tmp_path):
    path = tmp_path / "babyai" / "goto.jsonl"
    path.parent.mkdir()
    path.write_text('{"env": "babyai"}\n')
    with pytest.raises(ConfigError, match=r"goto.jsonl' line 1 is not a demonstration .*fix or delete"):
        DemoStore(tmp_path).load("babyai", "goto")


def test_store_location_option_then_variable_then_user_data(tmp_path, monkeypatch):
    monkeypatch.delenv("BALROG_DEMOS_DIR", raising=False)
    assert default_demos_dir().parts[-2:] == ("balrog", "demos")
    monkeypatch.setenv("BALROG_DEMOS_DIR", str(tmp_path / "env"))
    assert DemoStore.locate(None).root == tmp_path / "env"
    assert DemoStore.locate(str(tmp_path / "option")).root == tmp_path / "option"


def test_the_evaluated_seed_is_never_chosen_and_the_best_come_first(tmp_path):
    store = DemoStore(tmp_path)
    store.add([demo(7, 100.0), demo(8, 0.0), demo(9, 100.0)])
    assert [d.seed for d in choose_demonstrations(store, "babyai", "goto", 7, 5)] == [9, 8]
    assert [d.seed for d in choose_demonstrations(store, "babyai", "goto", 8, 1)] == [7]


def test_no_demonstrations_names_the_record_command(tmp_path):
    store = DemoStore(tmp_path)
    with pytest.raises(ConfigError) as error:
        choose_demonstrations(store, "babyai", "goto", 3, 1)
    message = str(error.value)
    assert "\n" not in message and "no demonstrations for babyai/goto" in message
    assert f"balrog demos record --env babyai --task goto --agent oracle --episodes 3 --demos-dir {tmp_path}" in message
    store.add([demo(3)])
    with pytest.raises(ConfigError, match="other than the evaluated seed 3"):
        choose_demonstrations(store, "babyai", "goto", 3, 1)


def test_goal_lines_are_what_the_demonstration_instruction_adds():
    assert goal_lines(demo(1).instruction, INSTRUCTION) == ["Your mission: go to the blue key."]
    assert goal_lines(None, INSTRUCTION) == []


def test_rendering_shows_steps_in_order_and_says_when_cut():
    text = render_demonstrations([demo(1, steps=5), demo(2, steps=2)], INSTRUCTION, max_steps=3)
    assert "are 2 demonstrations" in text
    assert "### Demonstration 1 (5 steps, the first 3 shown, final progression 100/100)" in text
    assert "### Demonstration 2 (2 steps, final progression 100/100)" in text
    assert "Observation:\nseed 1 view 0\nAction: go forward\n\nObservation:\nseed 1 view 1\nAction: turn left" in text
    assert "seed 1 view 3" not in text
    assert text.count("Your mission: go to the blue key.") == 2


def setup_for(store_dir: Path, seed: int, **options) -> AgentSetup:
    return AgentSetup(
        client=ScriptedClient("Go forward.", "jump"), options=FewShotOptions(demos_dir=str(store_dir), **options),
        env="babyai", task="goto", seed=seed,
    )


def test_agent_puts_demonstrations_after_the_instruction(tmp_path):
    DemoStore(tmp_path).add([demo(1), demo(2), demo(3)])
    agent = build_few_shot_agent(setup_for(tmp_path, seed=2, demos=2, max_demo_steps=2))
    turn = TurnContext(
        instruction=INSTRUCTION, observation=Observation("a red ball ahead"), history=(),
        action_space=SPACE, step=0, settings=PromptSettings(),
    )
    reply = asyncio.run(agent.act(turn))
    system = reply.messages[0].text
    assert system.startswith(INSTRUCTION + "\n\nBelow are 2 demonstrations")
    assert "seed 1 view 1" in system and "seed 3 view 1" in system and "seed 2 view" not in system
    assert "seed 1 view 2" not in system
    assert reply.messages[-1].text.endswith("Answer with exactly one action from the list of allowed actions and nothing else.")
    assert (reply.action, reply.rule) == ("go forward", "normalized")
    second = asyncio.run(agent.act(turn))
    assert second.action is None and second.messages[0].text == system


@pytest.mark.parametrize(("key", "value"), [("demos", 0), ("max_demo_steps", -1)])
def test_bad_counts_are_one_line_errors(tmp_path, key, value):
    with pytest.raises(ConfigError, match=f"agent.{key} must be at least 1, got {value}"):
        build_few_shot_agent(setup_for(tmp_path, seed=1, **{key: value}))
