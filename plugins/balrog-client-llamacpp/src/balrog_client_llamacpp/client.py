"""llama.cpp in a model process: one model, one call at a time, off the event loop.

The model runs in a child process (:mod:`.worker`) so that a native crash stops the run
with one line instead of killing it (:mod:`.process`). The process starts on the first
call, so building the client (``balrog plugins list``, a dry config check) loads nothing.
One ``Llama`` serves one request at a time, so calls are serialised by a lock and wait in
a worker thread; episodes simply queue for the model. llama.cpp keeps the KV cache of the
previous prompt and reuses its longest common prefix, so prompts that grow turn by turn
are cheap; that reuse is reported as ``cached_tokens``.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from balrog_core import BalrogError, Client, ClientSettings, Completion, Message

from .model_file import resolve_model
from .process import ModelProcess

__all__ = ["LlamaCppClient", "LlamaCppOptions"]


@attrs.define
class LlamaCppOptions:
    """``-o client.threads=N`` and friends. One thread is fastest on a busy 2-core machine."""

    threads: int = 1
    context: int = 8192
    seed: int = 0
    batch: int = 512
    chat_format: str = ""  # llama-cpp-python's name (e.g. "gemma") for a GGUF file without a chat template


class LlamaCppClient(Client):
    """Chat completions from a GGUF model with llama-cpp-python."""

    def __init__(self, settings: ClientSettings) -> None:
        self.settings = settings
        self.options: LlamaCppOptions = settings.options or LlamaCppOptions()
        self.path: Path = resolve_model(settings.model)
        self._process = ModelProcess(self.path, {
            "context": self.options.context, "threads": self.options.threads,
            "batch": self.options.batch, "seed": self.options.seed, "chat_format": self.options.chat_format,
        })
        self._lock = threading.Lock()

    @property
    def process_id(self) -> int | None:
        """The model process's pid while it runs (tests kill it to play a crash)."""
        return self._process.pid

    def _complete(self, messages: Sequence[Message], choices: Sequence[str] | None) -> Completion:
        request = {
            "messages": [{"role": m.role, "content": m.text} for m in messages],
            "temperature": self.settings.temperature, "max_tokens": self.settings.max_tokens,
            "choices": list(choices) if choices else None,
        }
        with self._lock:
            reply = self._process.request(request)
        return Completion(
            text=reply["text"], input_tokens=reply["prompt_tokens"], output_tokens=reply["completion_tokens"],
            latency=reply["latency"], cost=0.0, cached_tokens=reply["cached_tokens"],
        )

    async def complete(self, messages: Sequence[Message], **constraints: Any) -> Completion:
        if any(message.images for message in messages):
            raise BalrogError("the llamacpp client reads text only; drop --vision or use a vision model's client")
        return await asyncio.to_thread(self._complete, messages, constraints.get("choices"))

    async def aclose(self) -> None:
        await asyncio.to_thread(self._process.close)

    def describe(self) -> dict[str, Any]:
        facts = {"model": self.path.name, "backend": "llama.cpp (model process)",
                 "threads": self.options.threads, "context": self.options.context}
        if self.options.chat_format:
            facts["chat_format"] = self.options.chat_format
        return facts
