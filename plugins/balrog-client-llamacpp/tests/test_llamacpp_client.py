"""Real tokens from the embedded SmolLM2 model, through the client and through a BabyAI run."""

import asyncio
import json

import pytest

from balrog_core import ClientSettings, ConfigError, Message
from balrog_core.harness import read_trace
from balrog_core.cli import main
from balrog_client_llamacpp.client import LlamaCppClient, LlamaCppOptions
from balrog_client_llamacpp.grammar import choice_grammar
from balrog_client_llamacpp.model_file import default_model_path, resolve_model


@pytest.fixture(scope="module")
def client():
    client = LlamaCppClient(ClientSettings(max_tokens=8, options=LlamaCppOptions(threads=1, context=1024)))
    yield client
    asyncio.run(client.aclose())


def test_the_shipped_model_is_found_without_importing_its_package():
    path = default_model_path()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf" and path.stat().st_size > 50_000_000
    with pytest.raises(ConfigError, match="does not exist; pass --model PATH"):
        resolve_model("/nowhere/model.gguf")


def test_grammar_escapes_and_deduplicates():
    assert choice_grammar(["go", 'say "hi"', "go"]) == 'root ::= "go" | "say \\"hi\\""'


@pytest.mark.slow
def test_real_generation_reports_tokens_and_prefix_reuse(client):
    messages = [Message("system", "You are a helpful assistant."), Message("user", "Name a colour.")]
    first = asyncio.run(client.complete(messages))
    assert first.text.strip() and first.input_tokens > 5 and 0 < first.output_tokens <= 8
    assert first.cost == 0.0 and first.latency > 0
    longer = [*messages, Message("assistant", first.text), Message("user", "Another one.")]
    second = asyncio.run(client.complete(longer))
    assert second.cached_tokens >= first.input_tokens - 2


@pytest.mark.slow
def test_constrained_decoding_returns_a_legal_action(client):
    choices = ["turn left", "turn right", "go forward"]
    messages = [Message("user", "You are in a maze. Which way? Answer with one action.")]
    for _ in range(2):
        assert asyncio.run(client.complete(messages, choices=choices)).text in choices


def test_images_are_refused_with_a_clear_message(client):
    import numpy as np

    with pytest.raises(Exception, match="reads text only"):
        asyncio.run(client.complete([Message("user", "look", (np.zeros((2, 2, 3), dtype=np.uint8),))]))


@pytest.mark.slow
def test_a_babyai_run_with_no_key_uses_the_embedded_model(tmp_path, monkeypatch, capsys):
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    out = tmp_path / "run"
    main(["run", "--env", "babyai", "--task", "goto", "--agent", "naive", "--episodes", "1",
          "--max-steps", "3", "--max-tokens", "16", "-o", "client.context=4096", "--output", str(out)])
    assert "using the embedded llamacpp client" in capsys.readouterr().err
    record = json.loads((out / "episodes.jsonl").read_text().splitlines()[0])
    assert record["error"] is None and record["steps"] == 3
    assert record["output_tokens"] > 0 and record["input_tokens"] > 100
    steps = [line for line in read_trace(out / record["trace"]) if line["type"] == "step"]
    assert all(step["output"] for step in steps) and all(step["output_tokens"] > 0 for step in steps)
    meta = json.loads((out / "run.json").read_text())
    assert meta["client"]["name"] == "llamacpp" and meta["client"]["model"] == "SmolLM2-135M-Instruct.Q4_1.gguf"
