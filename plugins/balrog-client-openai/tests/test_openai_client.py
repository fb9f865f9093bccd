"""The openai client against a real OpenAI-compatible HTTP server on loopback: what it
sends, what it records, how it retries or stops, and whole runs through the CLI."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import subprocess
import sys
import time

import numpy as np
import pytest
from PIL import Image

from balrog_core import BalrogError, ClientSettings, ConfigError, Message, MissingCredentialsError
from balrog_core.retrying import ModelUnavailableError, ModelUnreachableError
from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI
from balrog_client_openai import OpenAIOptions
from balrog_client_openai.client import build_client

FAST = OpenAIOptions(backoff_initial=0.01, backoff_max=0.05)


def _client(server, model="loopback", **settings):
    options = settings.pop("options", FAST)
    return build_client(ClientSettings(model=model, base_url=server.url, options=options, **settings))


async def _ask(client, messages):
    try:
        return await client.complete(list(messages))
    finally:
        await client.aclose()


def _complete(client, messages=(Message("user", "Where now?"),)):
    return asyncio.run(_ask(client, messages))


def test_a_completion_records_text_tokens_and_latency_and_sends_no_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-real-key-that-must-stay-home")
    with LoopbackOpenAI("turn left", latency=0.05, cached_tokens=2) as server:
        completion = _complete(_client(server, temperature=0.3, max_tokens=7))
        (request,), (headers,) = server.requests, server.headers
    assert completion.text == "turn left"
    assert completion.input_tokens == (len("Where now?") + 3) // 4
    assert completion.output_tokens == (len("turn left") + 3) // 4
    assert completion.cached_tokens == 2
    assert completion.latency >= 0.05
    assert completion.cost is None and completion.retries == 0
    assert request == {
        "model": "loopback", "messages": [{"role": "user", "content": "Where now?"}],
        "temperature": 0.3, "max_tokens": 7,
    }
    assert "authorization" not in headers


def test_prices_give_a_cost_per_call():
    options = OpenAIOptions(input_price=2.0, output_price=10.0)
    with LoopbackOpenAI("go forward") as server:
        completion = _complete(_client(server, options=options))
    expected = (completion.input_tokens * 2.0 + completion.output_tokens * 10.0) / 1e6
    assert completion.cost == pytest.approx(expected) and completion.cost > 0


def test_images_go_as_png_data_urls():
    image = np.zeros((4, 6, 3), dtype=np.uint8)
    image[1, 2] = (200, 30, 40)
    with LoopbackOpenAI("go forward") as server:
        _complete(_client(server), [Message("user", "look", (image,))])
        content = server.requests[0]["messages"][0]["content"]
    assert content[0] == {"type": "text", "text": "look"}
    url = content[1]["image_url"]["url"]
    decoded = np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))
    assert np.array_equal(decoded, image)


def test_transient_failures_are_retried_and_counted():
    with LoopbackOpenAI("go forward", failures=[429, 500, "malformed", 503, 429]) as server:
        completion = _complete(_client(server))
        statuses = server.statuses
    assert completion.text == "go forward"
    assert completion.retries == 5 and completion.rate_limited == 2
    assert statuses == [429, 500, "malformed", 503, 429, 200]


def test_a_hung_request_times_out_and_is_retried():
    with LoopbackOpenAI("go forward", failures=["timeout"], hang=5.0) as server:
        completion = _complete(_client(server, timeout=0.3))
        assert len(server.requests) == 2
    assert completion.retries == 1 and completion.text == "go forward"


def test_retries_run_out_with_one_line_naming_model_and_server():
    with LoopbackOpenAI("go forward", failures=[500, 500, 500]) as server:
        with pytest.raises(ModelUnavailableError) as caught:
            _complete(_client(server, max_retries=2))
        assert len(server.requests) == 3
    message = str(caught.value)
    assert "after 2 retries" in message and "'loopback'" in message and server.url in message
    assert "\n" not in message


def test_a_rejected_key_fails_fast_without_retrying_or_echoing_it(monkeypatch):
    monkeypatch.setenv("LOOPBACK_TEST_KEY", "sk-wrong-secret")
    options = OpenAIOptions(backoff_initial=0.01, api_key_env="LOOPBACK_TEST_KEY")
    with LoopbackOpenAI(require_key="sk-right") as server:
        with pytest.raises(BalrogError) as caught:
            _complete(_client(server, options=options))
        assert len(server.requests) == 1
        assert server.headers[0]["authorization"] == "Bearer sk-wrong-secret"
        url = server.url
    message = str(caught.value)
    assert "\n" not in message and "sk-wrong-secret" not in message
    assert "401" in message and url in message and "LOOPBACK_TEST_KEY" in message


def test_a_wrong_address_says_to_check_base_url():
    with LoopbackOpenAI() as server:
        client = build_client(ClientSettings(model="loopback", base_url=f"http://127.0.0.1:{server.port}", options=FAST))
        with pytest.raises(BalrogError, match=r"404.*--base-url"):
            _complete(client)


def test_a_server_that_is_not_running_stops_at_the_first_call():
    with LoopbackOpenAI() as server:
        url = server.url
    client = build_client(ClientSettings(model="loopback", base_url=url, max_retries=5, options=FAST))
    with pytest.raises(ModelUnreachableError, match="cannot be reached.*start the model server, or check --base-url"):
        _complete(client)


def test_a_server_that_goes_down_after_answering_is_retried_then_reported():
    with LoopbackOpenAI("go forward") as server:
        client = build_client(ClientSettings(model="loopback", base_url=server.url, max_retries=1, options=FAST))
        assert _complete(client).text == "go forward"
    with pytest.raises(ModelUnavailableError, match="after 1 retries.*ClientConnector"):
        _complete(client)


def test_a_run_against_nothing_listening_stops_in_seconds(tmp_path):
    with LoopbackOpenAI() as server:
        url = server.url
    out = tmp_path / "run"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "balrog_core", "run", "--env", "numberline", "--agent", "naive",
         "--client", "openai", "--model", "m", "--base-url", url, "--output", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot be reached" in errors[0] and url in errors[0]
    assert not (out / "episodes.jsonl").exists() or not (out / "episodes.jsonl").read_text().strip()
    assert json.loads((out / "run.json").read_text())["status"] == "failed"


@pytest.mark.parametrize(("model", "base_url", "options", "error", "words"), [
    (None, "http://127.0.0.1:1/v1", FAST, ConfigError, "needs --model"),
    ("m", "127.0.0.1:8000/v1", FAST, ConfigError, "'127.0.0.1:8000/v1' is not an HTTP address"),
    ("m", "http://h/v1/chat/completions", FAST, ConfigError, "drop /chat/completions"),
    ("gpt-4o", None, FAST, MissingCredentialsError, "OPENAI_API_KEY is not set"),
    ("m", "http://h/v1", OpenAIOptions(api_key_env="NOT_SET_ANYWHERE"), MissingCredentialsError, "NOT_SET_ANYWHERE"),
    ("m", "http://h/v1", OpenAIOptions(input_price=1.0), ConfigError, "give both"),
    ("m", "http://h/v1", OpenAIOptions(output_price=-1.0, input_price=1.0), ConfigError, "output_price=-1.0"),
    ("m", "http://h/v1", OpenAIOptions(backoff_initial=0), ConfigError, "backoff_initial=0"),
    ("m", "http://h/v1", OpenAIOptions(max_connections=-2), ConfigError, "max_connections=-2"),
])
def test_bad_settings_fail_before_any_call(monkeypatch, model, base_url, options, error, words):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    with pytest.raises(error, match=words):
        build_client(ClientSettings(model=model, base_url=base_url, options=options))


def test_openai_api_gets_the_openai_key_and_describe_never_shows_it(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-openai")
    client = build_client(ClientSettings(model="gpt-4o", options=FAST))
    assert client.endpoint.headers()["Authorization"] == "Bearer sk-test-openai"
    facts = client.describe()
    assert facts["base_url"] == "https://api.openai.com/v1"
    assert "sk-test-openai" not in json.dumps(facts) and "sk-test-openai" not in repr(client.endpoint)


def test_hundreds_of_calls_in_flight_share_one_session():
    async def many(client, count):
        try:
            return await asyncio.gather(*[client.complete([Message("user", f"call {i}")]) for i in range(count)])
        finally:
            await client.aclose()

    with LoopbackOpenAI(lambda body: body["messages"][0]["content"], latency=0.5) as server:
        completions = asyncio.run(many(_client(server), 300))
        assert len(server.requests) == 300
    assert [c.text for c in completions] == [f"call {i}" for i in range(300)]
    assert all(c.retries == 0 for c in completions)


def test_the_client_survives_a_new_event_loop():
    with LoopbackOpenAI("go forward") as server:
        client = _client(server)
        assert asyncio.run(client.complete([Message("user", "one")])).text == "go forward"
        assert asyncio.run(_ask(client, [Message("user", "two")])).text == "go forward"
        assert len(server.requests) == 2


def _run(tmp_path, server, *args):
    out = tmp_path / "run"
    main([
        "run", "--env", "babyai", "--task", "goto", "--agent", "naive", "--client", "openai",
        "--model", "loopback", "--base-url", server.url, "--max-steps", "4",
        "-o", "client.backoff_initial=0.01", "-o", "client.input_price=1", "-o", "client.output_price=4",
        "--output", str(out), *args,
    ])
    records = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    return out, records


def test_naive_agent_plays_babyai_through_the_cli(tmp_path):
    with LoopbackOpenAI(["turn left", "turn right"], failures=[429, "malformed", 500]) as server:
        out, records = _run(tmp_path, server, "--episodes", "1", "--concurrency", "1")
        requests = server.requests
    (record,) = records
    assert record["error"] is None and record["steps"] == 4 == len(requests) - 3
    assert record["retries"] == 3
    assert record["action_counts"] == {"turn left": 2, "turn right": 2}
    assert record["cost"] == pytest.approx((record["input_tokens"] * 1 + record["output_tokens"] * 4) / 1e6)
    assert len(requests[-1]["messages"]) == 1 + 2 * 3 + 1
    meta = json.loads((out / "run.json").read_text())
    assert meta["client"]["name"] == "openai" and meta["client"]["base_url"] == server.url
    summary = json.loads((out / "summary.json").read_text())
    assert summary["envs"]["babyai"]["failed"] == 0


def test_worker_processes_each_open_their_own_connections(tmp_path):
    with LoopbackOpenAI("go forward") as server:
        out, records = _run(tmp_path, server, "--episodes", "4", "--executor", "processes", "--workers", "2")
        requests = server.requests
    assert len(records) == 4 and all(r["error"] is None and r["steps"] >= 1 for r in records)
    assert len(requests) == sum(r["steps"] for r in records)
