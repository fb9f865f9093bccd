"""``planner`` plays a real BabyAI episode through the CLI, the litellm client and the
core's loopback OpenAI-compatible server, answering from a script with plans, a kept plan,
a revision and malformed answers."""

from __future__ import annotations

import json

import pytest

from balrog_core import read_trace
from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI

REPLIES = [
    "No ball in view yet.\nPLAN:\n1. turn around to find the ball\n2. walk to it\nACTION: turn left",
    "The plan still holds.\nACTION: turn left",
    "Turning showed only walls: the ball must be elsewhere.\nPLAN:\n1. turn right twice\n2. walk forward to the ball\nACTION: turn right\nHope this works better!",
    "I will simply keep going without any action line.",
    "PLAN:\n1. jump over the wall\nACTION: jump",
    "",
]


@pytest.fixture(autouse=True)
def dummy_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback")


def test_planner_keeps_shows_and_revises_its_plan(tmp_path, capsys):
    output = tmp_path / "run"
    with LoopbackOpenAI(REPLIES) as server:
        main([
            "run", "--env", "babyai", "--agent", "planner", "--client", "litellm",
            "--model", "openai/loopback", "--base-url", server.url, "--episodes", "1",
            "--task", "goto", "--max-steps", str(len(REPLIES)), "--output", str(output),
        ])
    assert json.loads((output / "summary.json").read_text())["envs"]["babyai"]["failed"] == 0
    [record] = [json.loads(line) for line in (output / "episodes.jsonl").read_text().splitlines()]
    assert record["error"] is None and record["steps"] == len(REPLIES)
    assert record["invalid_outputs"] == 3 and record["invalid_texts"] == REPLIES[3:]
    steps = [line for line in read_trace(output / record["trace"]) if line["type"] == "step"]
    prompts = [step["messages"][-1]["text"] for step in steps]

    first_plan = "1. turn around to find the ball\n2. walk to it"
    revised = "1. turn right twice\n2. walk forward to the ball"
    assert "no plan yet" in prompts[0]
    assert f"written at step 0):\n{first_plan}" in prompts[1]
    assert f"written at step 0):\n{first_plan}" in prompts[2]
    assert f"written at step 2):\n{revised}" in prompts[3]
    assert "1. jump over the wall" in prompts[5]
    assert "rewrite the plan" in steps[0]["messages"][0]["text"]

    assert steps[0]["reasoning"] == f"No ball in view yet.\nPLAN: (new at step 0)\n{first_plan}"
    assert "kept the plan of step 0" in steps[1]["reasoning"] and first_plan in steps[1]["reasoning"]
    assert revised in steps[2]["reasoning"]
    assert [s["action"] for s in steps] == ["turn left", "turn left", "turn right", "go forward", "go forward", "go forward"]
    past = [m["text"] for m in steps[5]["messages"] if m["role"] == "assistant"]
    assert past == ["ACTION: turn left", "ACTION: turn left", "ACTION: turn right", "ACTION: go forward", "ACTION: go forward"]
