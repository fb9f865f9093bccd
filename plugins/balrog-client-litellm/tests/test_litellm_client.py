"""The litellm client against a real OpenAI-compatible HTTP server on loopback: what it
sends, what it records, and how it retries or stops."""

from __future__ import annotations

import asyncio
import base64
import io
import socket
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from balrog_core import (
    ActionSpace, BalrogError, ClientSettings, ConfigError, Message, MissingCredentialsError,
    Observation, PastTurn, PromptSettings, TurnContext, build_messages,
)
from balrog_core.testing import LoopbackOpenAI
from balrog_client_litellm import LiteLLMOptions
from balrog_client_litellm.client import build_client
from balrog_client_litellm.failures import ModelUnavailableError
from balrog_core.retrying import ModelUnreachableError
from balrog_client_litellm.route import PLACEHOLDER_KEY
from balrog_client_litellm.runtime import load_litellm

FAST = LiteLLMOptions(backoff_initial=0.01, backoff_max=0.05)
ACTIONS = ActionSpace({"go forward": "", "turn left": "", "turn right": ""}, default="go forward")


def _client(server, model="openai/loopback", **settings):
    options = settings.pop("options", FAST)
    return build_client(ClientSettings(model=model, base_url=server.url, options=options, **settings))


def _complete(client, messages=(Message("user", "Where now?"),)):
    return asyncio.run(client.complete(list(messages)))


def _turn(past: int, history: int, vision: bool = False) -> TurnContext:
    image = np.zeros((6, 5, 3), dtype=np.uint8)
    image[1, 2] = (255, 10, 20)
    turns = [
        PastTurn(Observation(f"observation {i}", image if vision else None), f"reply {i}", "go forward", False)
        for i in range(past)
    ]
    return TurnContext(
        instruction="Reach the goal.", observation=Observation("now", image if vision else None),
        history=tuple(turns), action_space=ACTIONS, step=past,
        settings=PromptSettings(history=history, vision=vision),
    )


def test_a_completion_records_text_tokens_and_latency():
    with LoopbackOpenAI("turn left", latency=0.05) as server:
        completion = _complete(_client(server))
        request = server.requests[0]
    assert completion.text == "turn left"
    assert completion.input_tokens == (len("Where now?") + 3) // 4
    assert completion.output_tokens == (len("turn left") + 3) // 4
    assert completion.latency >= 0.05
    assert completion.retries == 0 and completion.rate_limited == 0
    assert completion.cost is None and completion.cached_tokens is None
    assert request["model"] == "loopback"
    assert request["messages"] == [{"role": "user", "content": "Where now?"}]
    assert request["temperature"] == 1.0 and request["max_tokens"] == 8192


def test_known_models_are_priced_and_cached_tokens_are_read():
    litellm = load_litellm()
    with LoopbackOpenAI("go forward", cached_tokens=2) as server:
        completion = _complete(_client(server, model="gpt-4o"), [Message("user", "x" * 40)])
    assert completion.cached_tokens == 2
    assert completion.input_tokens == 10 and completion.output_tokens == 3
    price = litellm.model_cost["gpt-4o"]
    expected = (8 * price["input_cost_per_token"] + 2 * price["cache_read_input_token_cost"]
                + 3 * price["output_cost_per_token"])
    assert completion.cost == pytest.approx(expected) and completion.cost > 0


def test_the_request_carries_the_history_window():
    messages = build_messages(_turn(past=20, history=16), "Answer with one action.")
    with LoopbackOpenAI("go forward") as server:
        _complete(_client(server), messages)
        sent = server.requests[0]["messages"]
    assert len(sent) == 1 + 2 * 16  # 16 answers, 15 past observations and the current one
    assert sent[0] == {"role": "user", "content": "Reach the goal."}
    past = sent[1:-1]
    assert [m["role"] for m in past] == ["assistant"] + ["user", "assistant"] * 15
    assert [m["content"] for m in past[0::2]] == [f"reply {i}" for i in range(4, 20)]
    assert [m["content"] for m in past[1::2]] == [f"Observation:\nobservation {i}" for i in range(5, 20)]
    assert "now" in sent[-1]["content"] and "Answer with one action." in sent[-1]["content"]


def test_vision_mode_sends_the_current_image_as_a_base64_png_part():
    turn = _turn(past=3, history=16, vision=True)
    with LoopbackOpenAI("go forward") as server:
        _complete(_client(server), build_messages(turn, "Answer."))
        sent = server.requests[0]["messages"]
    assert all(isinstance(m["content"], str) for m in sent[:-1])
    text_part, image_part = sent[-1]["content"]
    assert text_part["type"] == "text" and "now" in text_part["text"]
    url = image_part["image_url"]["url"]
    assert image_part["type"] == "image_url" and url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png.startswith(b"\x89PNG")
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(png))), turn.observation.image)


@pytest.mark.parametrize("model", ["openai/loopback", "hosted_vllm/loopback"])
@pytest.mark.parametrize("failure", [429, 500, 503, "malformed"])
def test_transient_failures_are_retried(failure, model):
    """Both of litellm's routes to OpenAI-compatible servers: the OpenAI SDK (openai/) and
    plain HTTP (hosted_vllm/), which reports a garbled body differently."""
    with LoopbackOpenAI("turn right", failures=[failure, failure]) as server:
        completion = _complete(_client(server, model=model))
        statuses = server.statuses
    assert completion.text == "turn right"
    assert completion.retries == 2
    assert completion.rate_limited == (2 if failure == 429 else 0)
    assert statuses == [failure, failure, 200]


def test_a_hung_request_times_out_and_is_retried():
    with LoopbackOpenAI("turn left", failures=["timeout"], hang=1.0) as server:
        completion = _complete(_client(server, timeout=0.3))
        assert len(server.requests) == 2
    assert completion.text == "turn left" and completion.retries == 1


def test_retries_stop_after_max_retries():
    with LoopbackOpenAI(failures=[500, 429, 500, 500]) as server:
        with pytest.raises(ModelUnavailableError, match="after 2 retries") as caught:
            _complete(_client(server, max_retries=2))
        assert len(server.requests) == 3
    assert "\n" not in str(caught.value) and "'openai/loopback'" in str(caught.value)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_before_any_answer_stops_at_once():
    client = build_client(ClientSettings(
        model="openai/loopback", base_url=f"http://127.0.0.1:{_closed_port()}/v1", max_retries=5, options=FAST,
    ))
    with pytest.raises(ModelUnreachableError, match="cannot be reached.*check --base-url"):
        _complete(client)


def test_a_refused_connection_after_answers_is_retried_then_reported():
    with LoopbackOpenAI("go forward") as server:
        client = build_client(ClientSettings(model="openai/loopback", base_url=server.url, max_retries=1, options=FAST))
        assert _complete(client).text == "go forward"
    with pytest.raises(ModelUnavailableError, match="after 1 retries"):
        _complete(client)


def test_a_rejected_key_fails_fast_without_retrying(monkeypatch):
    monkeypatch.setenv("LOOPBACK_TEST_KEY", "sk-wrong-secret")
    options = LiteLLMOptions(backoff_initial=0.01, api_key_env="LOOPBACK_TEST_KEY")
    with LoopbackOpenAI(require_key="sk-right") as server:
        with pytest.raises(BalrogError) as caught:
            _complete(_client(server, options=options))
        assert len(server.requests) == 1
        assert server.headers[0]["authorization"] == "Bearer sk-wrong-secret"
    message = str(caught.value)
    assert "\n" not in message and "sk-wrong-secret" not in message
    assert "'openai/loopback'" in message and server.url in message
    assert "401" in message and "LOOPBACK_TEST_KEY" in message


@pytest.mark.parametrize("status, fix", [(400, "--max-tokens"), (403, "no access"), (404, "--base-url")])
def test_client_errors_fail_fast_with_a_fix(status, fix):
    with LoopbackOpenAI(failures=[status]) as server:
        with pytest.raises(BalrogError, match=fix) as caught:
            _complete(_client(server))
        assert len(server.requests) == 1
    assert f"({status}:" in str(caught.value)


def test_a_missing_provider_key_is_named_before_any_call(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(MissingCredentialsError) as caught:
        build_client(ClientSettings(model="gpt-4o"))
    assert str(caught.value).startswith("OPENAI_API_KEY is not set")
    assert "--base-url" in str(caught.value)


def test_a_missing_key_variable_named_by_option_is_reported(monkeypatch):
    monkeypatch.delenv("LOOPBACK_ABSENT_KEY", raising=False)
    options = LiteLLMOptions(api_key_env="LOOPBACK_ABSENT_KEY")
    with pytest.raises(MissingCredentialsError, match="LOOPBACK_ABSENT_KEY"):
        build_client(ClientSettings(model="openai/x", base_url="http://127.0.0.1:9/v1", options=options))


def test_local_servers_get_a_placeholder_key(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with LoopbackOpenAI() as server:
        _complete(_client(server, model="gpt-4o"))
        assert server.headers[0]["authorization"] == f"Bearer {PLACEHOLDER_KEY}"


def test_a_bare_model_name_on_a_local_server_is_sent_as_is(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with LoopbackOpenAI("go forward") as server:
        completion = _complete(_client(server, model="Qwen/Qwen2.5-7B-Instruct"))
        assert server.requests[0]["model"] == "Qwen/Qwen2.5-7B-Instruct"
    assert completion.text == "go forward" and completion.cost is None


def test_model_mistakes_are_config_errors():
    with pytest.raises(ConfigError, match="pass --model"):
        build_client(ClientSettings(model=None))
    with pytest.raises(ConfigError, match="PROVIDER/NAME"):
        build_client(ClientSettings(model="surely-no-such-model"))


def test_describe_names_model_and_endpoint_but_never_the_key(monkeypatch):
    monkeypatch.setenv("LOOPBACK_TEST_KEY", "sk-very-secret")
    options = LiteLLMOptions(api_key_env="LOOPBACK_TEST_KEY")
    client = build_client(ClientSettings(model="openai/loopback", base_url="http://127.0.0.1:9/v1", options=options))
    described = client.describe()
    assert described["model"] == "openai/loopback" and described["base_url"] == "http://127.0.0.1:9/v1"
    assert "sk-very-secret" not in repr(described) and "sk-very-secret" not in repr(client.route)


def test_concurrent_calls_share_one_client():
    async def many(client):
        return await asyncio.gather(*(client.complete([Message("user", f"q{i}")]) for i in range(8)))

    with LoopbackOpenAI(lambda body: body["messages"][0]["content"].upper(), latency=0.1) as server:
        completions = asyncio.run(many(_client(server)))
    assert [c.text for c in completions] == [f"Q{i}" for i in range(8)]


def test_loading_the_plugin_does_not_import_litellm():
    code = "import sys, balrog_client_litellm.plugin; print('litellm' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_bad_backoff_options_are_config_errors():
    for options, fix in [(LiteLLMOptions(backoff_initial=0), "client.backoff_initial=0"),
                         (LiteLLMOptions(backoff_initial=2, backoff_max=1), "raise backoff_max")]:
        with pytest.raises(ConfigError, match=fix):
            build_client(ClientSettings(model="openai/x", base_url="http://127.0.0.1:9/v1", options=options))
