"""Demonstrations recorded with the real BabyAI oracle through ``balrog demos record``, then
``few_shot`` plays BabyAI through the CLI, the litellm client and the core's loopback
OpenAI-compatible server, answering from a script that includes malformed answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balrog_core.harness import read_trace
from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI
from balrog_agent_fewshot import DemoStore
from balrog_agent_fewshot.prompt import LEARN, YOUR_TURN

TASKS = ("goto", "pickup", "open", "putnext", "pick_up_seq_go_to")
REPLIES = ["turn left", "**turn right**.", "Turn Right.", "jump", "", "1. go forward"]


# The litellm client alone takes seconds to import on a busy machine.
pytestmark = pytest.mark.slow

@pytest.fixture(autouse=True)
def dummy_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    """Two oracle demonstrations of every BabyAI task, recorded once for this module."""
    store = tmp_path_factory.mktemp("demos")
    main(["demos", "record", "--env", "babyai", "--agent", "oracle", "--episodes", "2", "--demos-dir", str(store)])
    return store


def play(output: Path, *options: str, replies=REPLIES) -> tuple[dict, dict, list[dict]]:
    with LoopbackOpenAI(replies) as server:
        main([
            "run", "--env", "babyai", "--agent", "few_shot", "--client", "litellm",
            "--model", "openai/loopback", "--base-url", server.url, "--episodes", "1",
            "--task", "goto", "--max-steps", str(len(replies)), "--output", str(output), *options,
        ])
    assert json.loads((output / "summary.json").read_text())["envs"]["babyai"]["failed"] == 0
    [record] = [json.loads(line) for line in (output / "episodes.jsonl").read_text().splitlines()]
    assert record["error"] is None
    lines = read_trace(output / record["trace"])
    return record, lines[0], [line for line in lines if line["type"] == "step"]


def demo_turns(demo) -> list[tuple[str, str]]:
    turns = []
    for step in demo.steps:
        turns += [("user", f"Obesrvation:\n{step.observation}"), ("assistant", step.action)]
    return turns


def test_record_stores_oracle_episodes_of_every_task(recorded, capsys):
    store = DemoStore(recorded)
    assert store.tasks() == sorted(("babyai", task, 2) for task in TASKS)
    for task in TASKS:
        for demo in store.load("babyai", task):
            assert demo.progression == 100.0 and demo.steps and demo.instruction
            assert all(step.action in {"turn left", "turn right", "go forward", "pick up", "drop", "toggle"} for step in demo.steps)
            assert not any(step.observation.startswith(("Observation:", "Current Observation:")) for step in demo.steps)
    main(["demos", "record", "--env", "babyai", "--task", "goto", "--episodes", "2", "--demos-dir", str(recorded)])
    assert "saved 0 demonstrations" in capsys.readouterr().out
    assert len(store.load("babyai", "goto")) == 2


def test_few_shot_shows_demonstrations_as_the_reference_does(recorded, tmp_path, capsys):
    record, header, steps = play(tmp_path / "run", "-o", f"agent.demos_dir={recorded}", "-o", "agent.demos=2")
    assert record["steps"] == len(REPLIES)
    assert record["invalid_outputs"] == 4 and record["invalid_texts"] == REPLIES[2:]
    assert [s["action"] for s in steps] == ["turn left", "turn right", *["go forward"] * 4]
    demos = DemoStore(recorded).load("babyai", "goto")
    assert header["seed"] not in {demo.seed for demo in demos}
    assert "PLAY" in header["instruction"]
    for step in steps:
        turns = [(m["role"], m["text"]) for m in step["messages"]]
        assert turns[0] == ("user", header["instruction"].replace("PLAY", LEARN))
        end = turns.index(("user", YOUR_TURN))
        shown = turns[1:end]
        first = next(demo for demo in demos if ("user", f"Obesrvation:\n{demo.steps[0].observation}") == shown[1])
        second = next(demo for demo in demos if demo is not first)
        assert shown == [
            ("user", "****** START OF DEMONSTRATION EPISODE 1 ******"), *demo_turns(first),
            ("user", "****** END OF DEMONSTRATION EPISODE 1 ******"),
            ("user", "****** START OF DEMONSTRATION EPISODE 2 ******"), *demo_turns(second),
            ("user", "****** END OF DEMONSTRATION EPISODE 2 ******"),
        ]
        assert turns[-1][1].startswith("Current Observation:\n")
    history = [text for role, text in (
        (m["role"], m["text"]) for m in steps[5]["messages"][end + 1:]) if role == "assistant"]
    assert history == ["turn left", "turn right", "Turn Right", "jump"]  # the empty answer left none


def test_the_evaluated_seed_is_never_demonstrated(tmp_path, capsys):
    store = tmp_path / "demos"
    # Base seed 0 is the evaluation's: demonstration 0 is the very game evaluated next.
    main(["demos", "record", "--env", "babyai", "--task", "goto", "--episodes", "2", "--seed", "0", "--demos-dir", str(store)])
    demos = DemoStore(store).load("babyai", "goto")
    record, header, steps = play(tmp_path / "run", "-o", f"agent.demos_dir={store}", "-o", "agent.demos=2", replies=["turn left"])
    [same] = [demo for demo in demos if demo.seed == header["seed"]]
    [other] = [demo for demo in demos if demo.seed != header["seed"]]
    turns = [(m["role"], m["text"]) for m in steps[0]["messages"]]
    assert turns[1:3 + 2 * len(other.steps)] == [
        ("user", "****** START OF DEMONSTRATION EPISODE 1 ******"), *demo_turns(other),
        ("user", "****** END OF DEMONSTRATION EPISODE 1 ******"),
    ]
    assert "****** START OF DEMONSTRATION EPISODE 2 ******" not in [text for _, text in turns]
    assert same.steps != other.steps


def test_an_empty_store_names_the_record_command(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        play(tmp_path / "run", "-o", f"agent.demos_dir={tmp_path / 'empty'}")
    assert exit_.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("error: no demonstrations for babyai/goto")
    assert "balrog demos record --env babyai --task goto --agent oracle" in error
