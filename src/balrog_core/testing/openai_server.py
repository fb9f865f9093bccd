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
import asyncio
import itertools
import json
import random
import socket
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from aiohttp import web

__all__ = ["LoopbackOpenAI", "FAILURE_KINDS"]

FAILURE_KINDS = (429, 500, 503, "timeout", "malformed")
Reply = str | Sequence[str] | Callable[[dict[str, Any]], str]
_MAX_BODY = 256 * 1024 * 1024


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


def _error(status: int, message: str, kind: str) -> web.Response:
    body = json.dumps({"error": {"message": message, "type": kind, "code": status}})
    return web.Response(status=status, text=body, content_type="application/json")


class LoopbackOpenAI:
    """A scripted OpenAI-compatible server; use as a context manager.

    It runs aiohttp on an event loop in a thread of its own: a request waiting out its
    ``latency`` costs a timer, not a thread, so hundreds of concurrent requests cost the
    machine almost nothing and benchmarks measure the client, not the server.

    ``requests``, ``headers`` and ``statuses`` keep every request for inspection, unless
    ``record`` is false (long benchmarks, where they would grow without bound).

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
        record: bool = True,
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
        self.record = record
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.statuses: list[int | str] = []
        self._served = 0
        # Bound now, so ``port`` and ``url`` are known before ``start``.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        self._socket.listen(1024)
        self._port = self._socket.getsockname()[1]
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopping: asyncio.Event | None = None

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        """Base URL including ``/v1``, as OpenAI clients expect."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> "LoopbackOpenAI":
        ready = threading.Event()
        failed: list[BaseException] = []
        self._thread = threading.Thread(target=self._serve, args=(ready, failed), daemon=True)
        self._thread.start()
        ready.wait()
        if failed:
            raise failed[0]
        return self

    def stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            assert self._loop is not None and self._stopping is not None, "set before the thread starts"
            self._loop.call_soon_threadsafe(self._stopping.set)
            self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> "LoopbackOpenAI":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _serve(self, ready: threading.Event, failed: list[BaseException]) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._run(ready))
        except BaseException as error:  # reported to start() when it happens before ready
            failed.append(error)
            ready.set()
        finally:
            loop.close()

    async def _run(self, ready: threading.Event) -> None:
        app = web.Application(client_max_size=_MAX_BODY)
        app.router.add_get("/{path:.*}", self._get)
        app.router.add_post("/{path:.*}", self._post)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
        await runner.setup()
        self._stopping = asyncio.Event()
        try:
            await web.SockSite(runner, self._socket).start()
            ready.set()
            await self._stopping.wait()
        finally:
            await runner.cleanup()

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
            self._served += 1
            number = self._served
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

    async def _get(self, request: web.Request) -> web.Response:
        path = request.path.rstrip("/")
        if path in ("/health", "/v1/health"):
            return web.json_response({"status": "ok"})
        if path == "/v1/models":
            return web.json_response({"object": "list", "data": [{"id": "loopback", "object": "model"}]})
        return _error(404, f"no route {request.path}", "not_found")

    async def _post(self, request: web.Request) -> web.Response:
        raw = await request.read()
        if request.path.rstrip("/") != "/v1/chat/completions":
            return _error(404, f"no route {request.path}", "not_found")
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            return _error(400, "request body is not JSON", "invalid_request_error")
        if self.record:
            with self._lock:
                self.requests.append(body)
                self.headers.append({k.lower(): v for k, v in request.headers.items()})
        if self.require_key is not None and request.headers.get("Authorization", "") != f"Bearer {self.require_key}":
            if self.record:
                with self._lock:
                    self.statuses.append(401)
            return _error(401, "invalid api key", "authentication_error")
        failure = self._next_failure()
        if self.record:
            with self._lock:
                self.statuses.append(failure if failure is not None else 200)
        if failure == "timeout":
            await asyncio.sleep(self.hang)
            return _error(504, "gateway timeout", "timeout")
        if self.latency:
            await asyncio.sleep(self.latency)
        if failure == "malformed":
            return web.Response(status=200, body=b'{"id": "broken", "choices": [ {"mess', content_type="application/json")
        if isinstance(failure, int):
            kind = "rate_limit_error" if failure == 429 else "server_error"
            return _error(failure, f"injected failure {failure}", kind)
        text = self._reply_text(body)
        return web.json_response(self._completion(body, text))


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
        failure_rate=args.failure_rate, seed=args.seed, port=args.port, record=False,
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
