"""End to end through the CLI: ``balrog run --client vllm -o client.serve=...`` launches the
stand-in server, the naive agent plays BabyAI against it, and the server is gone after
the run, whether the run finishes or fails."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

from balrog_core import hookimpl
from balrog_core.cli import main
from balrog_core.harness import get_plugin_manager


class _ServerAtRunEnd:
    """Notes whether the run's server still ran when the run ended (after ``aclose``),
    before anything could be garbage-collected."""

    running: bool | None = None

    @hookimpl
    def on_run_end(self, run, summary) -> None:
        self.running = run.player.client.client.server.running


@pytest.fixture
def server_at_run_end():
    manager = get_plugin_manager()
    plugin = _ServerAtRunEnd()
    manager.register(plugin, name="vllm-server-at-run-end")
    yield plugin
    manager.unregister(plugin)


def _run(tmp_path, stand_in, server_args, *extra):
    out = tmp_path / "run"
    main([
        "run", "--env", "babyai", "--agent", "naive", "--client", "vllm",
        "-o", "client.serve=stand-in-model", "-o", f"client.executable={stand_in}",
        "-o", f"client.args={server_args}", "-o", "client.backoff_initial=0.01",
        "--task", "goto", "--episodes", "1", "--max-steps", "3", "--concurrency", "1",
        "--output", str(out), *extra,
    ])
    return out


def test_a_run_launches_plays_and_stops_the_server(tmp_path, stand_in, alive, port_open, server_at_run_end):
    pid_file, child_file = tmp_path / "pid", tmp_path / "child"
    out = _run(tmp_path, stand_in, f"--pid-file {pid_file} --child-pid-file {child_file} --cached-tokens 5")
    summary = json.loads((out / "summary.json").read_text())
    babyai = summary["envs"]["babyai"]
    assert babyai["failed"] == 0 and babyai["n"] == 1 and babyai["cached_tokens"] == 15
    (record,) = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    assert record["error"] is None and record["steps"] == 3
    assert record["action_counts"] == {"go forward": 3}
    assert record["cached_tokens"] == 15 and record["cost"] is None
    client = json.loads((out / "run.json").read_text())["client"]
    assert client["name"] == "vllm" and client["launched_server"] is True and client["model"] == "loopback"
    port = int(client["base_url"].rsplit(":", 1)[1].split("/")[0])
    assert server_at_run_end.running is False  # stopped by aclose, not by a finalizer
    assert not alive(int(pid_file.read_text())) and not alive(int(child_file.read_text()))
    assert not port_open(port)


def test_a_failing_run_still_stops_the_server(tmp_path, stand_in, alive, capsys, server_at_run_end):
    pid_file = tmp_path / "pid"
    with pytest.raises(SystemExit) as caught:
        _run(tmp_path, stand_in, f"--pid-file {pid_file} --require-key expected-key")
    assert caught.value.code == 2
    assert "refused the request (401" in capsys.readouterr().err
    meta = json.loads((tmp_path / "run" / "run.json").read_text())
    assert meta["status"] == "failed" and server_at_run_end.running is False
    assert not alive(int(pid_file.read_text()))


def test_a_server_that_cannot_start_leaves_no_run_behind(tmp_path, stand_in, capsys):
    with pytest.raises(SystemExit):
        _run(tmp_path, stand_in, "--exit-code 1")
    err = capsys.readouterr().err
    assert "error: vllm serve stand-in-model exited with code 1 before it was ready" in err
    assert "CUDA out of memory" in err
    assert not (tmp_path / "run").exists()


def _interrupt_once_running(run_json, stop):
    """Ctrl-C (SIGINT to this process) once the run has started playing, as a person would."""
    while not stop.is_set():
        try:
            if json.loads(run_json.read_text()).get("status") == "running":
                time.sleep(0.5)
                os.kill(os.getpid(), signal.SIGINT)
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.05)


def test_ctrl_c_during_a_run_stops_the_server(tmp_path, stand_in, alive, server_at_run_end, ctrl_c_works):
    pid_file, stop = tmp_path / "pid", threading.Event()
    watcher = threading.Thread(target=_interrupt_once_running, args=(tmp_path / "run" / "run.json", stop))
    watcher.start()
    try:
        with pytest.raises(SystemExit) as caught:
            _run(tmp_path, stand_in, f"--pid-file {pid_file} --latency 3", "--max-steps", "50")
    finally:
        stop.set()
        watcher.join()
    assert caught.value.code == 130 and server_at_run_end.running is False
    assert json.loads((tmp_path / "run" / "run.json").read_text())["status"] == "interrupted"
    assert not alive(int(pid_file.read_text()))
