"""End to end through the CLI: the naive agent plays BabyAI with this client against a
loopback OpenAI-compatible server, through injected transient failures."""

from __future__ import annotations

import json

from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI


def _run(tmp_path, server, *args):
    out = tmp_path / "run"
    main([
        "run", "--env", "babyai", "--task", "goto", "--agent", "naive", "--episodes", "1",
        "--max-steps", "4", "--concurrency", "1", "--model", "openai/loopback",
        "--base-url", server.url, "-o", "client.backoff_initial=0.01", "--output", str(out), *args,
    ])
    records = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    return out, records


def test_naive_agent_plays_babyai_through_litellm(tmp_path):
    with LoopbackOpenAI(["turn left", "turn right"], failures=[429, "malformed", 500]) as server:
        out, records = _run(tmp_path, server)
        requests = server.requests
    summary = json.loads((out / "summary.json").read_text())
    assert summary["envs"]["babyai"]["failed"] == 0
    (record,) = records
    assert record["error"] is None
    assert record["steps"] == 4 == len(requests) - 3
    assert record["retries"] == 3
    assert record["action_counts"] == {"turn left": 2, "turn right": 2}
    assert record["input_tokens"] > 0 and record["output_tokens"] > 0
    assert record["cost"] is None
    assert all(request["messages"][0]["role"] == "user" for request in requests)
    assert all(request["temperature"] == 1.0 and request["max_tokens"] == 8192 for request in requests)
    assert len(requests[-1]["messages"]) == 1 + 2 * 3 + 1
    meta = json.loads((out / "run.json").read_text())
    assert meta["client"]["name"] == "litellm"
    assert meta["client"]["model"] == "openai/loopback" and meta["client"]["base_url"] == server.url


def test_vision_mode_sends_the_game_image(tmp_path):
    with LoopbackOpenAI("go forward") as server:
        _, records = _run(tmp_path, server, "--vision", "--max-steps", "2")
        requests = server.requests
    assert records[0]["error"] is None and records[0]["steps"] >= 1
    content = requests[0]["messages"][-1]["content"]
    assert [part["type"] for part in content] == ["text", "image_url"]
    assert content[1]["image_url"]["url"].startswith("data:image/png;base64,")
