"""The model process: loads one GGUF file with llama.cpp and answers requests, one at a time.

It runs apart from the benchmark so that a native crash (a llama.cpp build that does not
suit the CPU, memory exhausted) kills only this process; the client sees the pipe close,
reads the signal from the exit status and stops the run with one line instead of dying
with it. Started as ``python -m balrog_client_llamacpp.worker PARENT_PID``.

Protocol, one JSON object per line: the first request is ``{"load": {...}}`` and is
answered ``{"ready": true}``; then each ``{"messages": [...], ...}`` gets
``{"text": ..., "prompt_tokens": ..., ...}``. Failures are answered ``{"error": TEXT,
"stage": "options" | "load" | "complete"}``. The process exits when its stdin closes or its parent
dies, whichever it notices first.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from typing import Any

from .grammar import choice_grammar

_PARENT_POLL_SECONDS = 0.5
_GGML_LOG_LEVEL_ERROR = 4  # ggml's enum: NONE, DEBUG, INFO, WARN, ERROR, CONT


def _exit_with_parent(parent: int) -> None:
    """Leave no orphan: a busy decode does not read stdin, so watch the parent pid too."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _UnknownChatFormat(Exception):
    """``client.chat_format`` names no format this llama-cpp-python knows."""


def _check_chat_format(name: str) -> None:
    from llama_cpp.llama_chat_format import LlamaChatCompletionHandlerRegistry

    known = sorted(LlamaChatCompletionHandlerRegistry()._chat_handlers)
    if name not in known:
        raise _UnknownChatFormat(f"client.chat_format={name!r} is not a llama.cpp chat format; "
                                 f"use one of: {', '.join(known)}")


class _Model:
    """The loaded ``Llama`` plus its compiled grammars and llama.cpp's own error lines."""

    def __init__(self, load: dict[str, Any]) -> None:
        import ctypes

        import llama_cpp

        self.errors: list[str] = []

        @llama_cpp.llama_log_callback
        def collect(level: int, text: bytes, _user: Any) -> None:
            if level == _GGML_LOG_LEVEL_ERROR:  # why a load failed, in llama.cpp's words
                self.errors.append(text.decode("utf-8", "replace"))

        self._log_callback = collect  # keep the C callback alive
        llama_cpp.llama_log_set(collect, ctypes.c_void_p(0))
        chat_format = load.get("chat_format")
        if chat_format:
            _check_chat_format(chat_format)
        try:
            self.llm = llama_cpp.Llama(
                model_path=load["path"], n_ctx=load["context"], n_threads=load["threads"],
                n_batch=load["batch"], seed=load["seed"], chat_format=chat_format or None, verbose=False,
            )
        except Exception as error:
            # llama.cpp's first error line is the cause; the exception only says "failed".
            raise RuntimeError(_one_line(self.errors[0])[:200] if self.errors else f"{error}") from None
        self.seed = load["seed"]
        self._grammars: dict[tuple[str, ...], Any] = {}

    def _grammar(self, choices: list[str]) -> Any:
        key = tuple(choices)
        if key not in self._grammars:
            from llama_cpp import LlamaGrammar

            self._grammars[key] = LlamaGrammar.from_string(choice_grammar(choices), verbose=False)
        return self._grammars[key]

    def complete(self, request: dict[str, Any]) -> dict[str, Any]:
        llm = self.llm
        previous = list(llm._input_ids)
        choices = request.get("choices")
        started = time.monotonic()
        result = llm.create_chat_completion(
            messages=request["messages"], temperature=request["temperature"],
            max_tokens=request["max_tokens"], seed=self.seed,
            grammar=self._grammar(choices) if choices else None,
        )
        latency = time.monotonic() - started
        usage = result.get("usage") or {}
        prompt_tokens = int(usage.get("prompt_tokens") or 0)
        cached = 0
        for old, new in zip(previous, list(llm._input_ids)[:prompt_tokens]):
            if old != new:
                break
            cached += 1
        return {
            "text": result["choices"][0]["message"].get("content") or "",
            "prompt_tokens": prompt_tokens,
            "completion_tokens": int(usage.get("completion_tokens") or 0),
            "cached_tokens": cached,
            "latency": latency,
        }


def main() -> None:
    # Answers go on a private copy of stdout; fd 1 itself points at /dev/null so that
    # anything native code prints cannot garble the protocol.
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    sys.stdout = sys.stderr
    # Ctrl-C is the parent's to handle; it closes this process when it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(int(sys.argv[1]))

    def answer(reply: dict[str, Any]) -> None:
        answers.write(json.dumps(reply) + "\n")
        answers.flush()

    model: _Model | None = None
    for line in sys.stdin:
        request = json.loads(line)
        if "load" in request:
            try:
                model = _Model(request["load"])
            except _UnknownChatFormat as error:
                answer({"error": f"{error}", "stage": "options"})
                return
            except Exception as error:
                answer({"error": _one_line(f"{error}") or type(error).__name__, "stage": "load"})
                return
            answer({"ready": True})
            continue
        try:
            if model is None:
                raise RuntimeError("a completion was requested before the model was loaded")
            answer(model.complete(request))
        except Exception as error:
            answer({"error": _one_line(f"{type(error).__name__}: {error}"), "stage": "complete"})


if __name__ == "__main__":
    main()
