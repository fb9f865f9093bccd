"""The model process: started lazily, closed with the client and with its parent, and a
crash or an unloadable file turned into one line that stops the run, finished episodes kept.

The CLI tests run ``balrog`` as a real command so that exit codes and stderr are exactly
what a user sees; the crash is played by sending SIGSEGV to the real model process.
"""

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from balrog_core import BalrogError, ClientSettings, ConfigError, Message
from balrog_client_llamacpp.client import LlamaCppClient, LlamaCppOptions
from balrog_client_llamacpp.model_file import default_model_path
from balrog_client_llamacpp.process import ModelProcessError

WORKER = "balrog_client_llamacpp.worker"
RUN = ["--env", "babyai", "--task", "goto", "--agent", "naive", "--max-tokens", "4", "-o", "client.context=2048"]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def _wait_dead(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def _model_children(pid: int) -> list[int]:
    """The model processes whose parent is ``pid`` (read from /proc: no extra package)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue  # a process that ended while we looked
        if parent == pid and WORKER in command:
            found.append(int(entry.name))
    return found


def _balrog(*args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"):
        env.pop(name, None)
    return subprocess.Popen([sys.executable, "-m", "balrog_core", "run", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def _error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.replace("\r", "\n").splitlines() if line.startswith("error:")]


def _records(out: Path) -> list[dict]:
    path = out / "episodes.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _client(**options) -> LlamaCppClient:
    return LlamaCppClient(ClientSettings(max_tokens=2, options=LlamaCppOptions(context=512, **options)))


HELLO = [Message("user", "Hi")]


@pytest.mark.slow
def test_the_process_starts_on_first_use_and_stops_with_aclose():
    client = _client()
    assert client.process_id is None  # building a client (plugins list, config checks) loads nothing

    async def use() -> int:
        await client.complete(HELLO)
        pid = client.process_id
        assert pid is not None and _alive(pid)
        await client.aclose()
        return pid

    pid = asyncio.run(use())
    assert client.process_id is None and _wait_dead(pid, 5)


@pytest.mark.slow
def test_a_killed_model_process_stops_every_later_call_with_one_line():
    client = _client()
    asyncio.run(client.complete(HELLO))
    pid = client.process_id
    os.kill(pid, signal.SIGKILL)
    for _ in range(2):  # episodes queued behind the failed one get the same line, no new process
        with pytest.raises(BalrogError) as caught:
            asyncio.run(client.complete(HELLO))
        message = str(caught.value)
        assert "\n" not in message and "SIGKILL" in message and str(client.path) in message
        assert "out of memory" in message and client.process_id is None


def test_a_request_llama_cpp_refuses_fails_only_that_call():
    client = _client()
    with pytest.raises(ModelProcessError, match="exceed context window"):
        asyncio.run(client.complete([Message("user", "go " * 800)]))
    assert asyncio.run(client.complete(HELLO)).output_tokens > 0
    asyncio.run(client.aclose())


@pytest.mark.slow
def test_the_model_process_dies_with_its_parent(tmp_path):
    script = textwrap.dedent("""
        import asyncio, os, signal
        from balrog_core import ClientSettings, Message
        from balrog_client_llamacpp.client import LlamaCppClient, LlamaCppOptions
        client = LlamaCppClient(ClientSettings(max_tokens=1, options=LlamaCppOptions(context=512)))
        asyncio.run(client.complete([Message("user", "Hi")]))
        print(client.process_id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no aclose, no finalizer: only the child can notice
    """)
    parent = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert parent.returncode == -signal.SIGKILL
    assert _wait_dead(int(parent.stdout.strip()), 5)


def test_an_unknown_chat_format_is_a_config_error_naming_the_known_ones():
    client = LlamaCppClient(ClientSettings(options=LlamaCppOptions(context=512, chat_format="gemma9")))
    unknown = r"^client.chat_format='gemma9' is not a llama.cpp chat format; use one of: .*\bgemma\b"
    with pytest.raises(ConfigError, match=unknown):
        asyncio.run(client.complete(HELLO))
    assert client.process_id is None


@pytest.mark.parametrize("content", [None, b"hello, I am not a model\n", b""], ids=["missing", "text", "empty"])
def test_a_file_that_is_not_a_gguf_model_stops_the_run_in_seconds(tmp_path, content):
    model = tmp_path / "junk.gguf"
    if content is not None:
        model.write_bytes(content)
    out = tmp_path / "run"
    started = time.monotonic()
    run = _balrog(*RUN, "--episodes", "2", "--model", str(model), "--output", str(out))
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 2 and time.monotonic() - started < 20
    [line] = _error_lines(stderr)
    assert str(model) in line and "--model" in line
    assert ("does not exist" if content is None else "not a GGUF model") in line
    assert _records(out) == []


def test_an_unreadable_model_path_is_refused_at_construction(tmp_path):
    with pytest.raises(ConfigError, match="is not a file; pass --model"):
        LlamaCppClient(ClientSettings(model=str(tmp_path)))
    # A file whose first read fails even for root (tests may run as root, where chmod 000 reads fine).
    unreadable = r"'/proc/self/mem' cannot be read \(Input/output error\); fix its permissions"
    with pytest.raises(ConfigError, match=unreadable):
        LlamaCppClient(ClientSettings(model="/proc/self/mem"))


@pytest.mark.parametrize("tail", ["garbage", "truncated"])
def test_a_gguf_file_llama_cpp_cannot_load_stops_the_run_on_the_first_call(tmp_path, tail):
    model = tmp_path / f"{tail}.gguf"
    if tail == "garbage":
        model.write_bytes(b"GGUF" + bytes(range(256)) * 8)
    else:
        with default_model_path().open("rb") as real:
            model.write_bytes(real.read(1_000_000))
    out = tmp_path / "run"
    started = time.monotonic()
    run = _balrog(*RUN, "--episodes", "2", "--model", str(model), "--output", str(out))
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 2 and time.monotonic() - started < 20
    [line] = _error_lines(stderr)
    assert line.startswith(f"error: llama.cpp cannot load {model}: ") and "pass another --model" in line
    assert _records(out) == []  # no episode is recorded as failed for it
    assert json.loads((out / "run.json").read_text())["status"] == "failed"


@pytest.mark.slow
def test_a_model_crash_mid_run_stops_it_keeps_finished_episodes_and_resume_completes(tmp_path):
    out = tmp_path / "run"
    run = _balrog(*RUN, "--episodes", "2", "--max-steps", "2", "--concurrency", "1", "--output", str(out))
    deadline = time.monotonic() + 240
    while not (out / "episodes.jsonl").exists() or not (out / "episodes.jsonl").read_text():
        assert run.poll() is None and time.monotonic() < deadline, "the first episode never finished"
        time.sleep(0.05)
    [model_pid] = _model_children(run.pid)  # the second episode is playing now
    os.kill(model_pid, signal.SIGSEGV)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2
    [line] = _error_lines(stderr)
    assert "llama.cpp crashed (SIGSEGV) running " in line and str(default_model_path()) in line
    assert "portable flags in the README" in line and f"continue with: balrog run --resume {out}" in line
    [kept] = _records(out)
    assert kept["error"] is None and kept["steps"] == 2
    assert json.loads((out / "run.json").read_text())["status"] == "failed"

    resumed = subprocess.run([sys.executable, "-m", "balrog_core", "run", "--resume", str(out)],
                             capture_output=True, text=True, timeout=240,
                             env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"})
    assert resumed.returncode == 0, resumed.stderr
    records = _records(out)
    assert sorted(r["index"] for r in records) == [0, 1] and all(r["error"] is None for r in records)
    assert json.loads((out / "run.json").read_text())["status"] == "finished"
