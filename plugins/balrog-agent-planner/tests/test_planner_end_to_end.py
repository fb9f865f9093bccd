"""``planner`` plays a real BabyAI episode through the CLI, the litellm client and the
core's loopback OpenAI-compatible server, answering from a script with plans, a kept plan,
a revision and malformed answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balrog_core.harness import read_trace
from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI

REPLIES = [
    "No ball in view yet.\nPLAN: turn around to find the ball, then walk to it\nACTION: turn left",
    "PLAN: No changes to the plan.\nACTION: turn left",
    "Only walls.\nPLAN: turn right twice, then walk forward\nACTION: turn right\nHope this works better!",
    "I will simply keep going without any action line.",
    "PLAN: jump over the wall\naction: Turn Right.",
    "",
]


# The litellm client alone takes seconds to import on a busy machine.
pytestmark = pytest.mark.slow

@pytest.fixture(autouse=True)
def dummy_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback")


def play(output: Path, *extra: str) -> tuple[dict, list[dict]]:
    with LoopbackOpenAI(REPLIES) as server:
        main([
            "run", "--env", "babyai", "--agent", "planner", "--client", "litellm",
            "--model", "openai/loopback", "--base-url", server.url, "--episodes", "1",
            "--task", "goto", "--max-steps", str(len(REPLIES)), "--output", str(output), *extra,
        ])
    assert json.loads((output / "summary.json").read_text())["envs"]["babyai"]["failed"] == 0
    [record] = [json.loads(line) for line in (output / "episodes.jsonl").read_text().splitlines()]
    assert record["error"] is None and record["steps"] == len(REPLIES)
    return record, [line for line in read_trace(output / record["trace"]) if line["type"] == "step"]


def test_planner_keeps_shows_and_revises_its_plan(tmp_path, capsys):
    record, steps = play(tmp_path / "run")
    assert record["invalid_outputs"] == 4 and record["invalid_texts"] == REPLIES[2:]
    assert [s["rule"] for s in steps] == [
        "marked+exact", "marked+exact", "marked+no_match", "no_marker", "marked+no_match", "empty",
    ]
    assert [s["action"] for s in steps] == ["turn left", "turn left", *["go forward"] * 4]
    prompts = [step["messages"][-1]["text"] for step in steps]
    first_plan = "turn around to find the ball, then walk to it"
    revised = "turn right twice, then walk forward"
    assert "You do not have a plan yet.\n\n" in prompts[0]
    assert f"Current Plan:\n{first_plan}\n\n" in prompts[1] and f"Current Plan:\n{first_plan}\n\n" in prompts[2]
    assert f"Current Plan:\n{revised}\n\n" in prompts[3]
    assert "Current Plan:\njump over the wall\n\n" in prompts[5]
    assert "Defaulted to action: go forward" in prompts[3]
    assert steps[0]["reasoning"] == f"No ball in view yet.\nPLAN: (new at step 0)\n{first_plan}"
    # Candidates as read (multi-line ones included); no assistant message for the answer
    # that had no ACTION: marker.
    past = [m["text"] for m in steps[5]["messages"] if m["role"] == "assistant"]
    assert past == ["turn left", "turn left", "turn right\nHope this works better!", "Turn Right."]


def test_tolerant_parsing_and_the_extended_prompt_are_opt_ins(tmp_path, capsys):
    record, steps = play(tmp_path / "run", "--parse", "tolerant", "-o", "agent.prompt=extended")
    assert record["invalid_outputs"] == 2 and record["invalid_texts"] == [REPLIES[3], REPLIES[5]]
    assert [s["action"] for s in steps] == ["turn left", "turn left", "turn right", "go forward", "turn right", "go forward"]
    assert "rewrite the plan" in steps[0]["messages"][0]["text"]
    past = [m["text"] for m in steps[5]["messages"] if m["role"] == "assistant"]
    assert past == ["ACTION: turn left", "ACTION: turn left", "ACTION: turn right", "ACTION: go forward", "ACTION: turn right"]
