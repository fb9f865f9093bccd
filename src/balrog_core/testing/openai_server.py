"""An OpenAI-compatible chat-completions server on 127.0.0.1.

Tests and benchmarks start it to make real HTTP round trips: replies are scripted (a fixed
text, a list cycled in order, or a function of the request), latency is configurable, and
failures (429, 500, timeouts, malformed JSON) can be injected by script or at random. Every
request body is kept for inspection.

Run standalone for demos and benchmarks::

    python -m balrog_core.testing.openai_server --port 8011 --reply "go forward" --latency 1.0
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["LoopbackOpenAI", "FAILURE_KINDS"]

FAILURE_KINDS = (429, 500, 503, "timeout", "malformed")
Reply = str | Sequence[str] | Callable[[dict[str, Any]], str]


def _count_tokens(text: str) -> int:
    """A deterministic stand-in for a tokenizer: about four characters per token."""
    return max(1, (len(text) + 3) // 4)


def _prompt_text(body: dict[str, Any]) -> str:
    parts = []
    for message in body.get("messages", []):
        content = message.get("content")
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(part.get("text", "") for part in content if isinstance(part, dict))
    return "\n".join(parts)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


class LoopbackOpenAI:
    """A scripted OpenAI-compatible server; use as a context manager.

    ``failures`` are served first, one per request (status codes, ``"timeout"`` to hold the
    request for ``hang`` seconds, ``"malformed"`` for invalid JSON); then each request fails
    with probability ``failure_rate`` with a kind drawn from ``failure_kinds``.
    """

    def __init__(
        self,
        reply: Reply = "go forward",
        *,
        latency: float = 0.0,
        failures: Iterable[int | str] = (),
        failure_rate: float = 0.0,
        failure_kinds: Sequence[int | str] = FAILURE_KINDS,
        hang: float = 30.0,
        seed: int = 0,
        port: int = 0,
        require_key: str | None = None,
        cached_tokens: int | None = None,
    ) -> None:
        self._reply = reply
        self._cycle = itertools.cycle(reply) if isinstance(reply, (list, tuple)) else None
        self.latency = latency
        self._failures = list(failures)
        self.failure_rate = failure_rate
        self.failure_kinds = tuple(failure_kinds)
        self.hang = hang
        self.require_key = require_key
        self.cached_tokens = cached_tokens
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.statuses: list[int | str] = []
        self._server = _Server(("127.0.0.1", port), self._handler())
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """Base URL including ``/v1``, as OpenAI clients expect."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> "LoopbackOpenAI":
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "LoopbackOpenAI":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _next_failure(self) -> int | str | None:
        with self._lock:
            if self._failures:
                return self._failures.pop(0)
            if self.failure_rate and self._rng.random() < self.failure_rate:
                return self._rng.choice(self.failure_kinds)
        return None

    def _reply_text(self, body: dict[str, Any]) -> str:
        if callable(self._reply):
            return self._reply(body)
        if self._cycle is not None:
            with self._lock:
                return next(self._cycle)
        return str(self._reply)

    def _completion(self, body: dict[str, Any], text: str) -> dict[str, Any]:
        prompt_tokens = _count_tokens(_prompt_text(body))
        usage: dict[str, Any] = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": _count_tokens(text),
            "total_tokens": prompt_tokens + _count_tokens(text),
        }
        if self.cached_tokens is not None:
            usage["prompt_tokens_details"] = {"cached_tokens": min(self.cached_tokens, prompt_tokens)}
        with self._lock:
            number = len(self.statuses)
        return {
            "id": f"chatcmpl-loopback-{number}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "loopback"),
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }],
            "usage": usage,
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _send(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _error(self, status: int, message: str, kind: str) -> None:
                body = json.dumps({"error": {"message": message, "type": kind, "code": status}})
                self._send(status, body.encode())

            def do_GET(self) -> None:
                if self.path.rstrip("/") in ("/health", "/v1/health"):
                    self._send(200, b'{"status": "ok"}')
                elif self.path.rstrip("/") == "/v1/models":
                    self._send(200, json.dumps({"object": "list", "data": [{"id": "loopback", "object": "model"}]}).encode())
                else:
                    self._error(404, f"no route {self.path}", "not_found")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._error(404, f"no route {self.path}", "not_found")
                    return
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    self._error(400, "request body is not JSON", "invalid_request_error")
                    return
                with server._lock:
                    server.requests.append(body)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                if server.require_key is not None:
                    auth = self.headers.get("Authorization", "")
                    if auth != f"Bearer {server.require_key}":
                        with server._lock:
                            server.statuses.append(401)
                        self._error(401, "invalid api key", "authentication_error")
                        return
                failure = server._next_failure()
                with server._lock:
                    server.statuses.append(failure if failure is not None else 200)
                if failure == "timeout":
                    time.sleep(server.hang)
                    self._error(504, "gateway timeout", "timeout")
                    return
                if server.latency:
                    time.sleep(server.latency)
                if failure == "malformed":
                    self._send(200, b'{"id": "broken", "choices": [ {"mess')
                    return
                if isinstance(failure, int):
                    kind = "rate_limit_error" if failure == 429 else "server_error"
                    self._error(failure, f"injected failure {failure}", kind)
                    return
                text = server._reply_text(body)
                self._send(200, json.dumps(server._completion(body, text)).encode())

        return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Loopback OpenAI-compatible server for tests and benchmarks")
    parser.add_argument("--port", type=int, default=8011)
    parser.add_argument("--reply", action="append", default=None, help="reply text; repeat to cycle")
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--failure-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    replies = args.reply or ["go forward"]
    server = LoopbackOpenAI(
        replies if len(replies) > 1 else replies[0], latency=args.latency,
        failure_rate=args.failure_rate, seed=args.seed, port=args.port,
    )
    print(f"serving OpenAI-compatible chat completions at {server.url}", flush=True)
    server.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
