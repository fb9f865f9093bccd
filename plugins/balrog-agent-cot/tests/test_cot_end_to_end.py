"""``cot`` and ``robust_cot`` play real BabyAI episodes through the CLI, the litellm client
and the core's loopback OpenAI-compatible server, which answers from a script that
includes malformed answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balrog_core.harness import read_trace
from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI
from balrog_agent_cot.reading import NO_DELIMITED_ACTION

FEEDBACK = "Your previous output did not contain a valid action. Defaulted to action: go forward"


# The litellm client alone takes seconds to import on a busy machine.
pytestmark = pytest.mark.slow

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
    "Still nothing.\nACTION: turn right\nThat is my final answer, thanks!",
    "  Turning again.\nACTION: **turn right**.  ",
]


def test_cot_reads_answers_by_the_reference_rules(tmp_path, capsys):
    record, steps = play(COT_REPLIES, tmp_path / "run", "cot")
    assert record["invalid_outputs"] == 4 and record["invalid_texts"] == COT_REPLIES[1:5]
    assert [s["rule"] for s in steps] == [
        "marked+exact", "no_match", "marked+no_match", "empty", "marked+no_match", "marked+exact",
    ]
    assert [s["action"] for s in steps] == ["turn left", *["go forward"] * 4, "turn right"]
    assert steps[0]["messages"][0]["role"] == "user"
    assert steps[0]["messages"][-1]["text"].endswith("in the form: ACTION: <action>")
    # The newest answer shows whole as the previous plan; older ones show their candidate;
    # the empty candidate of step 3 left no assistant message.
    assert assistant_texts(steps[1]) == [f"Previous plan:\n{COT_REPLIES[0]}"]
    assert assistant_texts(steps[5]) == [
        "turn left", "I keep looking around for the ball without naming any action line", "fly away",
        f"Previous plan:\n{COT_REPLIES[4]}",
    ]
    assert FEEDBACK in steps[2]["messages"][-1]["text"]
    assert steps[5]["reasoning"] == "Turning again."


def test_reasoning_turns_option_shows_more_plans(tmp_path, capsys):
    record, steps = play(COT_REPLIES, tmp_path / "run", "cot", "-o", "agent.reasoning_turns=3")
    assert record["invalid_outputs"] == 4
    assert assistant_texts(steps[5]) == [
        "turn left", *(f"Previous plan:\n{reply}" for reply in (COT_REPLIES[1], COT_REPLIES[2], COT_REPLIES[4])),
    ]


ROBUST_REPLIES = [
    "Nothing ahead but a wall.\n<|ACTION|>turn left<|END|>",
    "I forgot the markers.\nACTION: turn right",
    "Let me fly.\n<|ACTION|>fly<|END|>",
    "",
    "Chatter before.\n<|ACTION|> Turn Left <|END|>\nand chatter after it.",
    "No markers at all, so the last line decides:\nturn right",
]


def test_robust_cot_reads_only_the_delimited_span(tmp_path, capsys):
    record, steps = play(ROBUST_REPLIES, tmp_path / "run", "robust_cot")
    assert record["invalid_outputs"] == 5 and record["invalid_texts"] == ROBUST_REPLIES[1:]
    assert [s["rule"] for s in steps] == [
        "delimited+exact", "no_delimiters+no_match", "delimited+no_match", "no_delimiters+no_match",
        "delimited+no_match", "no_delimiters+no_match",
    ]
    assert "<|ACTION|>YOUR_CHOSEN_ACTION<|END|>" in steps[0]["messages"][-1]["text"]
    assert assistant_texts(steps[5]) == [
        "turn left", NO_DELIMITED_ACTION, "fly", NO_DELIMITED_ACTION, "Turn Left",
    ]


def test_tolerant_parsing_keeps_the_earlier_fallbacks(tmp_path, capsys):
    record, steps = play(ROBUST_REPLIES, tmp_path / "run", "robust_cot", "--parse", "tolerant")
    assert record["invalid_outputs"] == 2 and record["invalid_texts"] == ROBUST_REPLIES[2:4]
    assert [s["rule"] for s in steps] == [
        "delimited+exact", "marked+exact", "delimited+no_match", "empty", "delimited+normalized", "last_line+exact",
    ]
    assert steps[4]["reasoning"] == "Chatter before."


def test_a_negative_reasoning_turns_stops_the_run_with_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_, LoopbackOpenAI("ACTION: turn left") as server:
        main([
            "run", "--env", "babyai", "--agent", "cot", "--model", "openai/loopback",
            "--base-url", server.url, "--episodes", "1", "--task", "goto", "--max-steps", "2",
            "--output", str(tmp_path / "run"), "-o", "agent.reasoning_turns=-1",
        ])
    assert exit_.value.code == 2
    assert "error: agent.reasoning_turns must be 0 or more, got -1" in capsys.readouterr().err
