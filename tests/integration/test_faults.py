"""What a long run meets: flaky providers, Ctrl-C, unwritable disks. Real BabyAI games,
the real litellm and openai clients, a real loopback HTTP server."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI

ENV = {**os.environ, "OPENAI_API_KEY": "sk-loopback-test", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}


def _ctrl_c_enabled():
    """Give the child the default SIGINT handling even if this suite runs with SIGINT
    ignored (background jobs, some CI runners), so Ctrl-C reaches it as it would a person's."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _records(out):
    path = out / "episodes.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


MODELS = {"litellm": "openai/loopback", "openai": "loopback"}


def _babyai(server, out, *extra, client="litellm"):
    return ["run", "--env", "babyai", "--task", "goto", "--agent", "naive", "--client", client,
            "--model", MODELS[client], "--base-url", server.url, "-o", "client.backoff_initial=0.01",
            "-o", "client.backoff_max=0.05", "--output", str(out), *extra]


@pytest.mark.parametrize("client", ["litellm", "openai"])
def test_a_provider_failing_a_fifth_of_requests_still_completes_every_episode(tmp_path, monkeypatch, client):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback-test")
    out = tmp_path / "run"
    with LoopbackOpenAI(["go forward", "turn left"], failure_rate=0.2, hang=3.0, seed=7) as server:
        main(_babyai(server, out, "--episodes", "6", "--max-steps", "10", "--concurrency", "4",
                     "--timeout", "1", "--max-retries", "12", client=client))
        statuses = list(server.statuses)
    records = _records(out)
    assert len(records) == 6 and all(r["error"] is None for r in records)
    assert {429, 500, 503, "timeout", "malformed"} & set(statuses) == {429, 500, 503, "timeout", "malformed"}
    failures = sum(1 for s in statuses if s != 200)
    retries = sum(r["retries"] for r in records)
    assert retries == failures
    summary = json.loads((out / "summary.json").read_text())
    assert summary["overall"]["retries"] == retries
    assert summary["concurrency"]["decreases"] >= 1


def test_ctrl_c_stops_gracefully_and_the_run_resumes(tmp_path):
    out = tmp_path / "run"
    with LoopbackOpenAI("go forward", latency=0.1) as server:
        command = [sys.executable, "-m", "balrog_core", *_babyai(server, out, "--episodes", "8",
                   "--max-steps", "10", "--concurrency", "2")]
        process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   preexec_fn=_ctrl_c_enabled)
        deadline = time.monotonic() + 180
        while len(_records(out)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert f"continue with: balrog run --resume {out}" in " ".join(err.split())
        meta = json.loads((out / "run.json").read_text())
        assert meta["status"] == "interrupted"
        stopped_with = len(_records(out))
        assert 2 <= stopped_with < 8
        resumed = subprocess.run([sys.executable, "-m", "balrog_core", "run", "--resume", str(out)],
                                 env=ENV, capture_output=True, text=True, timeout=300)
        assert resumed.returncode == 0, resumed.stderr
    records = _records(out)
    assert len(records) == 8 and len({r["index"] for r in records}) == 8
    assert json.loads((out / "run.json").read_text())["status"] == "finished"


def test_an_unwritable_output_directory_fails_before_any_model_call(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback-test")
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with LoopbackOpenAI("go forward") as server:
        try:
            main(_babyai(server, blocker / "run", "--episodes", "1"))
        except SystemExit as exit_:
            assert exit_.code == 2
        assert server.requests == []
    err = capsys.readouterr().err
    assert "cannot write to output directory" in err and "choose a writable --output" in err
