"""The vllm client against a stand-in ``vllm`` executable (no GPU here) and the core's
loopback OpenAI-compatible server: launch, health wait, real completions, shutdown, the
ways a server fails to start or dies, joining a running server, and prefix-cache usage."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from balrog_core import BalrogError, ClientSettings, ConfigError, Message, MissingCredentialsError
from balrog_core.testing import LoopbackOpenAI
from balrog_client_vllm import VllmOptions
from balrog_client_vllm.client import build_client, public_arguments
from balrog_client_vllm.server import VllmServer, VllmServerError, serve_command

FAST = dict(backoff_initial=0.01, backoff_max=0.05)
QUESTION = [Message("system", "You play a game."), Message("user", "Where now?")]


def _launch(stand_in, args="", **options):
    settings = ClientSettings(max_retries=1, options=VllmOptions(
        serve="stand-in-model", executable=str(stand_in), args=args, **FAST, **options,
    ))
    return build_client(settings)


def _complete(client):
    return asyncio.run(client.complete(QUESTION))


def test_launch_waits_for_health_serves_a_completion_and_stops(tmp_path, stand_in, alive, port_open):
    pid_file, child_file, argv_file = tmp_path / "pid", tmp_path / "child", tmp_path / "argv"
    client = _launch(stand_in, f"--pid-file {pid_file} --child-pid-file {child_file} "
                               f"--argv-file {argv_file} --reply 'turn left' --max-model-len 4096")
    pid, child = int(pid_file.read_text()), int(child_file.read_text())
    port = client.server.port
    try:
        assert os.getpgid(pid) == pid != os.getpgid(0)  # its own process group: Ctrl-C spares it
        argv = json.loads(argv_file.read_text())
        assert argv[:6] == ["serve", "stand-in-model", "--host", "127.0.0.1", "--port", str(port)]
        assert argv[6:8] == ["--enable-prefix-caching", "--enable-prompt-tokens-details"]
        assert argv[-2:] == ["--max-model-len", "4096"]
        completion = _complete(client)
        assert completion.text == "turn left"
        assert completion.input_tokens > 0 and completion.output_tokens > 0
        assert completion.cost is None
        facts = client.describe()
        assert facts["model"] == "loopback"  # the name /v1/models lists, not the launch argument
        assert facts["base_url"] == f"http://127.0.0.1:{port}/v1" and facts["launched_server"] is True
        assert facts["serve_args"][-2:] == ["--max-model-len", "4096"]
        assert "INFO loading stand-in-model" in open(facts["server_log"]).read()
    finally:
        asyncio.run(client.aclose())
    assert not alive(pid) and not alive(child) and not port_open(port)
    asyncio.run(client.aclose())  # closing twice is harmless


def test_early_exit_is_one_line_with_the_error_and_the_log(tmp_path, stand_in, alive):
    log = tmp_path / "server.log"
    started = time.monotonic()
    with pytest.raises(VllmServerError) as caught:
        _launch(stand_in, f"--pid-file {tmp_path / 'pid'} --delay 0.3 --exit-code 3", log_file=str(log))
    message = str(caught.value)
    assert time.monotonic() - started < 10
    assert "\n" not in message
    assert message.startswith("vllm serve stand-in-model exited with code 3 before it was ready")
    assert "torch.OutOfMemoryError: CUDA out of memory" in message
    assert message.endswith(f"(full log: {log})")
    assert "Traceback" in log.read_text()
    assert not alive(int((tmp_path / "pid").read_text()))


def test_a_server_that_never_answers_times_out_and_is_stopped(tmp_path, stand_in, alive):
    started = time.monotonic()
    with pytest.raises(VllmServerError) as caught:
        _launch(stand_in, f"--pid-file {tmp_path / 'pid'} --delay 60", startup_timeout=2.0)
    message = str(caught.value)
    assert time.monotonic() - started < 10
    assert "did not answer" in message and "within 2 s" in message
    assert "client.startup_timeout" in message and "balrog-vllm-" in message
    assert not alive(int((tmp_path / "pid").read_text()))


def test_ctrl_c_while_waiting_stops_the_server(tmp_path, stand_in, alive, ctrl_c_works):
    pid_file = tmp_path / "pid"
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            _launch(stand_in, f"--pid-file {pid_file} --delay 60")
    finally:
        timer.cancel()
    assert not alive(int(pid_file.read_text()))


def test_a_server_deaf_to_sigterm_is_killed_after_the_grace_period(tmp_path, stand_in, alive):
    server = VllmServer.launch(str(stand_in), "stand-in-model", extra=["--ignore-term"], grace=0.5,
                               log_file=str(tmp_path / "log"))
    assert server.wait_ready(30) == ["loopback"]
    started = time.monotonic()
    server.stop()
    assert 0.5 <= time.monotonic() - started < 5
    assert server.process.returncode == -signal.SIGKILL and not alive(server.process.pid)


def test_a_server_nobody_stops_is_stopped_when_dropped(stand_in, alive):
    server = VllmServer.launch(str(stand_in), "stand-in-model")
    server.wait_ready(30)
    pid = server.process.pid
    del server
    gc.collect()
    assert not alive(pid)


def test_a_server_nobody_stops_is_stopped_at_interpreter_exit(tmp_path, stand_in, alive):
    script = (
        "import sys\n"
        "from balrog_client_vllm.server import VllmServer\n"
        "server = VllmServer.launch(sys.argv[1], 'stand-in-model', grace=1.0)\n"
        "server.wait_ready(60)\n"
        "print(server.process.pid, server.port, flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(stand_in)], capture_output=True, text=True,
                          timeout=120, check=True)
    pid = int(done.stdout.split()[0])
    assert not alive(pid)


def test_a_server_dying_mid_run_stops_the_run_with_its_log(stand_in):
    client = _launch(stand_in)
    try:
        os.kill(client.server.process.pid, signal.SIGKILL)
        client.server.process.wait(5)
        with pytest.raises(BalrogError, match=r"exited with code -9 during the run.*full log: .*balrog-vllm-"):
            _complete(client)
    finally:
        asyncio.run(client.aclose())


def test_missing_executable_names_the_option_and_the_install():
    with pytest.raises(ConfigError) as caught:
        _launch("no-such-vllm-here")
    assert str(caught.value) == (
        "client.executable='no-such-vllm-here' is not on PATH: install vLLM on a GPU machine "
        "(pip install vllm), or set -o client.executable=/path/to/vllm"
    )


def test_an_executable_that_cannot_run_is_a_config_error(tmp_path):
    broken = tmp_path / "vllm"
    broken.write_text("#!/no/such/interpreter\n")
    broken.chmod(0o755)
    with pytest.raises(ConfigError, match=rf"client.executable='{broken}' cannot be run"):
        _launch(broken)


@pytest.mark.parametrize(("settings", "fragment"), [
    (dict(options=VllmOptions()), "the vllm client needs a model: -o client.serve=MODEL"),
    (dict(model="a", options=VllmOptions(serve="b")), "--model 'a' and client.serve='b' disagree"),
    (dict(base_url="http://127.0.0.1:9/v1", options=VllmOptions(serve="b")), "both given"),
    (dict(model="m", options=VllmOptions(args="--port 9000")), "client.args sets --port"),
    (dict(model="m", options=VllmOptions(args="--host=0.0.0.0")), "client.args sets --host"),
    (dict(model="m", options=VllmOptions(args="--chat-template 'x")), "client.args=\"--chat-template 'x\""),
    (dict(model="m", options=VllmOptions(startup_timeout=0)), "client.startup_timeout=0"),
    (dict(model="m", options=VllmOptions(port=70000)), "client.port=70000"),
])
def test_bad_settings_are_one_line_config_errors(settings, fragment):
    with pytest.raises(ConfigError) as caught:
        build_client(ClientSettings(**settings))
    assert fragment in str(caught.value) and "\n" not in str(caught.value)


def test_a_taken_port_is_refused_before_launching(stand_in):
    with LoopbackOpenAI() as other:
        with pytest.raises(ConfigError, match=rf"client.port={other.port}: something already listens"):
            _launch(stand_in, port=other.port)


def test_an_unset_key_variable_is_named_before_launching(stand_in, monkeypatch):
    monkeypatch.delenv("BALROG_TEST_VLLM_KEY", raising=False)
    with pytest.raises(MissingCredentialsError, match="BALROG_TEST_VLLM_KEY"):
        _launch(stand_in, api_key_env="BALROG_TEST_VLLM_KEY")


def test_a_launched_server_with_a_key_gets_it(stand_in, monkeypatch):
    monkeypatch.setenv("BALROG_TEST_VLLM_KEY", "sekrit")
    client = _launch(stand_in, "--require-key sekrit --api-key sekrit", api_key_env="BALROG_TEST_VLLM_KEY")
    try:
        assert _complete(client).text == "go forward"
        assert "sekrit" not in json.dumps(client.describe())
    finally:
        asyncio.run(client.aclose())


def test_serve_command_adds_prefix_caching_flags_once():
    assert serve_command("vllm", "m", 8000) == [
        "vllm", "serve", "m", "--host", "127.0.0.1", "--port", "8000",
        "--enable-prefix-caching", "--enable-prompt-tokens-details",
    ]
    assert serve_command("vllm", "m", 8000, ["--no-enable-prefix-caching"])[-2:] == [
        "--enable-prompt-tokens-details", "--no-enable-prefix-caching",
    ]
    assert serve_command("vllm", "m", 8000, ["--enable-prefix-caching"]).count("--enable-prefix-caching") == 1
    assert serve_command("vllm", "m", 8000, prefix_caching=False)[-1] == "8000"


def test_secret_flag_values_are_hidden_from_run_json():
    assert public_arguments(
        ["--api-key", "k1", "--hf-token=t1", "--enable-prompt-tokens-details", "--max-num-batched-tokens", "512"]
    ) == ["--api-key", "***", "--hf-token=***", "--enable-prompt-tokens-details", "--max-num-batched-tokens", "512"]


def test_joining_a_running_server_discovers_its_model_and_reports_cached_tokens():
    with LoopbackOpenAI("turn right", cached_tokens=4) as server:
        client = build_client(ClientSettings(base_url=server.url, options=VllmOptions(**FAST)))
        completion = _complete(client)
        asyncio.run(client.aclose())
        request = server.requests[0]
    assert completion.text == "turn right" and completion.cached_tokens == 4
    assert request["model"] == "loopback"
    assert [message["role"] for message in request["messages"]] == ["system", "user"]
    assert client.describe() == {"model": "loopback", "base_url": server.url, "launched_server": False}


def test_joining_with_a_model_name_sends_that_name():
    with LoopbackOpenAI(cached_tokens=0) as server:
        client = build_client(ClientSettings(model="Qwen/Qwen2.5-7B-Instruct", base_url=server.url,
                                             options=VllmOptions(**FAST)))
        completion = _complete(client)
        request = server.requests[0]
    assert request["model"] == "Qwen/Qwen2.5-7B-Instruct" and completion.cached_tokens == 0
    assert client.server is None


def test_joining_a_server_that_is_not_there_says_so():
    with LoopbackOpenAI() as server:
        url = server.url
    with pytest.raises(ConfigError, match=rf"nothing answers at {url}/models: start the server"):
        build_client(ClientSettings(base_url=url, options=VllmOptions()))


def test_prefix_cache_hits_reach_the_completion_through_a_launched_server(stand_in):
    client = _launch(stand_in, "--cached-tokens 3")
    try:
        assert _complete(client).cached_tokens == 3
    finally:
        asyncio.run(client.aclose())
