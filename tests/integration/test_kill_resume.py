"""A real run through the litellm client against the loopback server, killed with SIGKILL
mid-way and resumed: nothing lost, nothing duplicated. Needs the babyai and litellm plugins."""

import json
import os
import signal
import subprocess
import sys
import time

from balrog_core.harness import read_trace
from balrog_core.testing import LoopbackOpenAI

EPISODES = 6


def _records(out):
    path = out / "episodes.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.endswith("}")]


def _command(server, out, *extra):
    return [sys.executable, "-m", "balrog_core", "run", "--env", "babyai", "--task", "goto",
            "--agent", "naive", "--client", "litellm", "--model", "openai/loopback",
            "--base-url", server.url, "--episodes", str(EPISODES), "--max-steps", "12",
            "--concurrency", "2", "-o", "client.backoff_initial=0.01", "--output", str(out), *extra]


def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path):
    out = tmp_path / "run"
    env = {**os.environ, "OPENAI_API_KEY": "sk-loopback-test", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    with LoopbackOpenAI(["go forward", "turn left", "nonsense"], latency=0.08) as server:
        process = subprocess.Popen(_command(server, out), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 180
        while len(_records(out)) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_with = _records(out)
        assert 2 <= len(killed_with) < EPISODES, process.stderr.read()
        assert json.loads((out / "run.json").read_text())["status"] == "running"

        resumed = subprocess.run(
            [sys.executable, "-m", "balrog_core", "run", "--resume", str(out)],
            env=env, capture_output=True, text=True, timeout=300,
        )
        assert resumed.returncode == 0, resumed.stderr
        requests = list(server.requests)

    records = _records(out)
    keys = [(r["task"], r["index"]) for r in records]
    assert len(records) == EPISODES and len(set(keys)) == EPISODES
    assert records[: len(killed_with)] == killed_with
    assert all(r["error"] is None for r in records)
    for record in records:
        steps = [line for line in read_trace(out / record["trace"]) if line["type"] == "step"]
        assert len(steps) == record["steps"]
        assert record["input_tokens"] > 0
    meta = json.loads((out / "run.json").read_text())
    assert meta["status"] == "finished" and len(meta["sessions"]) == 2
    assert meta["client"]["name"] == "litellm"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["episodes"] == {"planned": EPISODES, "finished": EPISODES}
    assert summary["tasks"]["babyai/goto"]["n"] == EPISODES
    # The key reached the server but none of the files.
    assert any("sk-loopback-test" in str(h.get("authorization")) for h in server.headers)
    for path in out.rglob("*"):
        if path.name.endswith(".jsonl.gz"):
            assert "sk-loopback-test" not in json.dumps(read_trace(path)), path
        elif path.is_file():
            assert "sk-loopback-test" not in path.read_text(errors="ignore"), path
    assert len(requests) >= sum(r["steps"] for r in records)
