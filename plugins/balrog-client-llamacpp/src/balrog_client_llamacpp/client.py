"""llama.cpp in-process: one model, one call at a time, off the event loop.

A ``Llama`` instance is not safe to call from two threads, so calls are serialised by a
lock and run in a worker thread; episodes simply queue for the model. llama.cpp keeps the
KV cache of the previous prompt and reuses its longest common prefix, so prompts that grow
turn by turn are cheap; that reuse is reported as ``cached_tokens``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from balrog_core import BalrogError, Client, ClientSettings, Completion, Message

from .grammar import choice_grammar
from .model_file import resolve_model

__all__ = ["LlamaCppClient", "LlamaCppOptions"]


@attrs.define
class LlamaCppOptions:
    """``-o client.threads=N`` and friends. One thread is fastest on a busy 2-core machine."""

    threads: int = 1
    context: int = 8192
    seed: int = 0
    batch: int = 512


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    length = 0
    for x, y in zip(a, b):
        if x != y:
            break
        length += 1
    return length


@contextlib.contextmanager
def _quiet_native_output():
    """llama.cpp prints model-loading chatter on the C stderr; keep the terminal clean."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


class LlamaCppClient(Client):
    """Chat completions from a GGUF model with llama-cpp-python."""

    def __init__(self, settings: ClientSettings) -> None:
        self.settings = settings
        self.options: LlamaCppOptions = settings.options or LlamaCppOptions()
        self.path: Path = resolve_model(settings.model)
        self._llm: Any = None
        self._lock = threading.Lock()
        self._grammars: dict[tuple[str, ...], Any] = {}

    def _model(self) -> Any:
        if self._llm is None:
            from llama_cpp import Llama

            with _quiet_native_output():
                self._llm = Llama(
                    model_path=str(self.path), n_ctx=self.options.context, n_threads=self.options.threads,
                    n_batch=self.options.batch, seed=self.options.seed, verbose=False,
                )
        return self._llm

    def _grammar(self, choices: Sequence[str]) -> Any:
        key = tuple(choices)
        if key not in self._grammars:
            from llama_cpp import LlamaGrammar

            with _quiet_native_output():
                self._grammars[key] = LlamaGrammar.from_string(choice_grammar(choices), verbose=False)
        return self._grammars[key]

    def _complete(self, messages: Sequence[Message], choices: Sequence[str] | None) -> Completion:
        chat = [{"role": m.role, "content": m.text} for m in messages]
        with self._lock:
            llm = self._model()
            previous = list(llm._input_ids)
            started = time.monotonic()
            result = llm.create_chat_completion(
                messages=chat, temperature=self.settings.temperature,
                max_tokens=self.settings.max_tokens, seed=self.options.seed,
                grammar=self._grammar(choices) if choices else None,
            )
            latency = time.monotonic() - started
            usage = result.get("usage") or {}
            prompt_tokens = int(usage.get("prompt_tokens") or 0)
            cached = _common_prefix(previous, list(llm._input_ids)[:prompt_tokens])
        text = result["choices"][0]["message"].get("content") or ""
        return Completion(
            text=text, input_tokens=prompt_tokens, output_tokens=int(usage.get("completion_tokens") or 0),
            latency=latency, cost=0.0, cached_tokens=cached,
        )

    async def complete(self, messages: Sequence[Message], **constraints: Any) -> Completion:
        if any(message.images for message in messages):
            raise BalrogError("the llamacpp client reads text only; drop --vision or use a vision model's client")
        return await asyncio.to_thread(self._complete, messages, constraints.get("choices"))

    def describe(self) -> dict[str, Any]:
        return {"model": self.path.name, "backend": "llama.cpp (in-process)",
                "threads": self.options.threads, "context": self.options.context}
