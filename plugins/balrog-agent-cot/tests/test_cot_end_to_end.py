"""``cot`` and ``robust_cot`` play real BabyAI episodes through the CLI, the litellm client
and the core's loopback OpenAI-compatible server, which answers from a script that
includes malformed answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balrog_core import read_trace
from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI


@pytest.fixture(autouse=True)
def dummy_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback")


def play(replies: list[str], output: Path, agent: str, *extra: str) -> tuple[dict, list[dict]]:
    """One BabyAI goto episode of at most ``len(replies)`` steps; its record and trace."""
    with LoopbackOpenAI(replies) as server:
        main([
            "run", "--env", "babyai", "--agent", agent, "--client", "litellm",
            "--model", "openai/loopback", "--base-url", server.url, "--episodes", "1",
            "--task", "goto", "--max-steps", str(len(replies)), "--output", str(output), *extra,
        ])
    summary = json.loads((output / "summary.json").read_text())
    assert summary["envs"]["babyai"]["failed"] == 0
    [record] = [json.loads(line) for line in (output / "episodes.jsonl").read_text().splitlines()]
    assert record["error"] is None and record["steps"] == len(replies)
    steps = [line for line in read_trace(output / record["trace"]) if line["type"] == "step"]
    return record, steps


def assistant_texts(step: dict) -> list[str]:
    return [m["text"] for m in step["messages"] if m["role"] == "assistant"]


COT_REPLIES = [
    "The ball is not in view, so I look around.\nACTION: turn left",
    "I keep looking around for the ball without naming any action line.",
    "Something new.\nACTION: fly away",
    "",
    "Still nothing.\nACTION: turn right, I guess\nThat is my final answer, thanks!",
]


def test_cot_counts_malformed_answers_and_keeps_recent_reasoning(tmp_path, capsys):
    record, steps = play(COT_REPLIES, tmp_path / "run", "cot")
    assert record["invalid_outputs"] == 3
    assert record["invalid_texts"] == COT_REPLIES[1:4]
    assert [s["rule"] for s in steps] == ["marked+exact", "no_marker", "marked+no_match", "empty", "marked+contained"]
    assert [s["action"] for s in steps] == ["turn left", "go forward", "go forward", "go forward", "turn right"]
    assert steps[0]["reasoning"] == "The ball is not in view, so I look around."
    assert steps[4]["reasoning"] == "Still nothing."
    assert "step by step" in steps[0]["messages"][-1]["text"]
    # reasoning_turns=1: only the latest past answer keeps its reasoning.
    assert assistant_texts(steps[1]) == [COT_REPLIES[0]]
    assert assistant_texts(steps[2]) == ["ACTION: turn left", COT_REPLIES[1]]
    assert assistant_texts(steps[4])[:3] == ["ACTION: turn left", "ACTION: go forward", "ACTION: go forward"]
    assert "did not name a valid action" in steps[2]["messages"][-1]["text"]


def test_reasoning_turns_option_keeps_more_reasoning(tmp_path, capsys):
    record, steps = play(COT_REPLIES, tmp_path / "run", "cot", "-o", "agent.reasoning_turns=3")
    assert record["invalid_outputs"] == 3
    assert assistant_texts(steps[4]) == ["ACTION: turn left", *COT_REPLIES[1:4]]


def test_robust_cot_reads_delimiters_then_falls_back(tmp_path, capsys):
    replies = [
        "Nothing ahead but a wall.\n<|ACTION|>turn left<|END|>",
        "I forgot the markers.\nACTION: turn right",
        "Let me fly.\n<|ACTION|>fly<|END|>",
        "",
        "Chatter before.\n<|ACTION|> Turn Left <|END|>\nand chatter after it.",
        "No markers at all, so the last line decides:\nturn right",
    ]
    record, steps = play(replies, tmp_path / "run", "robust_cot")
    assert record["invalid_outputs"] == 2 and record["invalid_texts"] == replies[2:4]
    assert [s["rule"] for s in steps] == [
        "delimited+exact", "marked+exact", "delimited+no_match", "empty", "delimited+normalized", "last_line+exact",
    ]
    assert steps[4]["reasoning"] == "Chatter before."
    assert "<|ACTION|>turn left<|END|>" in steps[0]["messages"][-1]["text"]
    assert assistant_texts(steps[2]) == ["<|ACTION|>turn left<|END|>", replies[1]]


def test_strict_actions_reject_loose_names(tmp_path, capsys):
    replies = ["Turning.\nACTION: Turn left.", "Turning.\nACTION: turn left"]
    record, steps = play(replies, tmp_path / "run", "cot", "--strict-actions")
    assert record["invalid_outputs"] == 1
    assert [s["rule"] for s in steps] == ["marked+no_match", "marked+exact"]


def test_a_negative_reasoning_turns_stops_the_run_with_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_, LoopbackOpenAI("ACTION: turn left") as server:
        main([
            "run", "--env", "babyai", "--agent", "cot", "--model", "openai/loopback",
            "--base-url", server.url, "--episodes", "1", "--task", "goto", "--max-steps", "2",
            "--output", str(tmp_path / "run"), "-o", "agent.reasoning_turns=-1",
        ])
    assert exit_.value.code == 2
    assert "error: agent.reasoning_turns must be 0 or more, got -1" in capsys.readouterr().err
