"""Registers the ``llamacpp`` client: the fallback when a run names no model or endpoint,
and the client for any ``--model PATH.gguf``. llama_cpp itself is imported only by the
model process, started on the first model call, so listing plugins stays fast."""

from __future__ import annotations

from balrog_core import ClientSpec, hookimpl

from .client import LlamaCppClient, LlamaCppOptions
from .model_file import DEFAULT_MODEL


@hookimpl
def register_clients(register) -> None:
    register(ClientSpec(
        name="llamacpp",
        factory=LlamaCppClient,
        description=f"GGUF models with llama.cpp in a local model process (default: {DEFAULT_MODEL}, SmolLM2-135M-Instruct)",
        options=LlamaCppOptions,
        accepts=lambda model: model == DEFAULT_MODEL or model.endswith(".gguf"),
        fallback=True,
        constrains=True,
    ))
