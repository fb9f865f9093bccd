"""Registers the ``llamacpp`` client: the one chosen when a run names no model or endpoint,
and for any ``--model PATH.gguf``. llama_cpp itself is imported only by the model process,
started on the first model call, so listing plugins stays fast."""

from __future__ import annotations

from balrog_core import ClientSpec, hookimpl

from .client import LlamaCppClient, LlamaCppOptions
from .model_file import DEFAULT_MODEL


def _accepts(model: str | None, base_url: str | None) -> bool:
    """No model and no endpoint (the embedded default), or a GGUF file."""
    return base_url is None and (model is None or model == DEFAULT_MODEL or model.endswith(".gguf"))


@hookimpl
def register_clients(register) -> None:
    register(ClientSpec(
        name="llamacpp",
        factory=LlamaCppClient,
        description=f"GGUF models with llama.cpp in a local model process (default: {DEFAULT_MODEL}, SmolLM2-135M-Instruct)",
        options=LlamaCppOptions,
        accepts=_accepts,
        priority=30,
        constrains=True,
    ))
