"""The openai client: chat completions over one pooled aiohttp session.

Why not the OpenAI SDK or litellm: both build typed request and response objects on every
call, 10–25 ms of CPU on a long game history. With hundreds of episodes in flight on a
two-core machine that CPU, not the model, sets the pace. Here a call is a ``json.dumps``,
one HTTP round trip on a kept-alive connection and a ``json.loads`` (about half a
millisecond), with the same counted retries as every balrog client.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

import aiohttp

from balrog_core import (
    BalrogError,
    Client,
    ClientSettings,
    Completion,
    Message,
    TransientModelError,
    complete_with_retries,
    to_chat_messages,
)
from balrog_core.retrying import is_unreachable, one_line

from .endpoint import Endpoint, resolve_endpoint
from .options import OpenAIOptions, check_options

__all__ = ["OpenAIClient", "build_client", "completion_from_body"]

_FIXES = {
    401: None,  # the endpoint's key hint
    403: "the key has no access to this model: use another key or --model",
    404: "check --model (GET BASE_URL/models lists the served names) and --base-url (it usually ends in /v1)",
}


def _is_transient(status: int) -> bool:
    return status in (408, 409, 429) or status >= 500


def completion_from_body(body: bytes, latency: float, options: OpenAIOptions) -> Completion:
    """A ``Completion`` from a 200 response body; ``TransientModelError`` when the body is
    not a chat completion (a proxy's error page, a cut-off stream): those pass on retry."""
    try:
        data = json.loads(body)
        message = data["choices"][0]["message"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise TransientModelError(f"garbled response body: {body[:80]!r}", 200) from None
    usage = data.get("usage") or {}
    details = usage.get("prompt_tokens_details") or {}
    cached = details.get("cached_tokens")
    input_tokens = int(usage.get("prompt_tokens") or 0)
    output_tokens = int(usage.get("completion_tokens") or 0)
    cost = None
    if options.input_price is not None and options.output_price is not None:
        cost = (input_tokens * options.input_price + output_tokens * options.output_price) / 1e6
    return Completion(
        text=message.get("content") or "",
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        latency=latency,
        cost=cost,
        cached_tokens=int(cached) if cached is not None else None,
    )


class OpenAIClient(Client):
    """One ``aiohttp.ClientSession`` per event loop, created on first use: a session is
    bound to the loop it was made in, and worker processes run loops of their own."""

    def __init__(self, settings: ClientSettings, options: OpenAIOptions, endpoint: Endpoint) -> None:
        self.settings = settings
        self.options = options
        self.endpoint = endpoint
        # Until the endpoint has answered once, a refused connection means a wrong URL or
        # a server that is not up: the run stops instead of retrying every episode.
        self._answered = False
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _current_session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.options.max_connections),
                timeout=aiohttp.ClientTimeout(total=self.settings.timeout),
                headers=self.endpoint.headers(),
            )
            self._loop = loop
        return self._session

    def _payload(self, messages: Sequence[Message]) -> bytes:
        return json.dumps({
            "model": self.endpoint.model,
            "messages": to_chat_messages(messages),
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }).encode()

    def _refusal(self, status: int, body: bytes) -> BalrogError:
        """A one-line error for a request the server will refuse every time."""
        detail = one_line(body.decode("utf-8", "replace"), self.endpoint.api_key)
        fix = _FIXES.get(status, "check --model, --max-tokens and the client options") or self.endpoint.key_hint
        return BalrogError(f"{self.endpoint.where} refused the request ({status}: {detail}): {fix}")

    async def _attempt(self, payload: bytes) -> Completion:
        """One HTTP round trip and what it returned."""
        started = time.monotonic()
        try:
            async with self._current_session().post(self.endpoint.url, data=payload) as response:
                status = response.status
                body = await response.read()
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            raise TransientModelError(
                f"{type(error).__name__}: {error}", unreachable=is_unreachable(error)
            ) from error
        latency = time.monotonic() - started
        if status == 200:
            return completion_from_body(body, latency, self.options)
        if _is_transient(status):
            detail = one_line(body.decode("utf-8", "replace"), self.endpoint.api_key)
            raise TransientModelError(f"{status}: {detail}", status)
        raise self._refusal(status, body)

    async def complete(self, messages: Sequence[Message], **constraints: Any) -> Completion:
        payload = self._payload(messages)
        completion = await complete_with_retries(
            lambda: self._attempt(payload),
            max_retries=self.settings.max_retries,
            backoff_initial=self.options.backoff_initial,
            backoff_max=self.options.backoff_max,
            where=self.endpoint.where,
            secret=self.endpoint.api_key,
            unreachable_is_fatal=not self._answered,
        )
        self._answered = True
        return completion

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def describe(self) -> dict[str, Any]:
        return {
            "model": self.endpoint.model,
            "base_url": self.endpoint.base_url,
            "aiohttp": version("aiohttp"),
            "prices_per_million": (
                {"input": self.options.input_price, "output": self.options.output_price}
                if self.options.input_price is not None else None
            ),
        }


def build_client(settings: ClientSettings) -> OpenAIClient:
    """The ``ClientSpec`` factory: checks options, model, address and key before any call."""
    options = check_options(settings.options if settings.options is not None else OpenAIOptions())
    endpoint = resolve_endpoint(settings.model, settings.base_url, options.api_key_env)
    return OpenAIClient(settings, options, endpoint)
