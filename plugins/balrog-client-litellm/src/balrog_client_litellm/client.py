"""The litellm client: one chat completion per call, retried through transient failures."""

from __future__ import annotations

import time
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

from balrog_core import Client, ClientSettings, Completion, Message, complete_with_retries, to_chat_messages
from balrog_core.retrying import is_unreachable

from .failures import TransientModelError, fatal_error, is_transient, status_of
from .options import LiteLLMOptions, check_options
from .route import Route, resolve_route
from .runtime import load_litellm

__all__ = ["LiteLLMClient", "build_client"]


class LiteLLMClient(Client):
    """Calls ``litellm.acompletion``; litellm's own retries are off so that every retry is
    counted here and follows one policy (see :mod:`balrog_client_litellm.failures`)."""

    def __init__(self, settings: ClientSettings, options: LiteLLMOptions, route: Route, litellm: Any) -> None:
        self.settings = settings
        self.options = options
        self.route = route
        self._litellm = litellm
        # Until the endpoint has answered once, a refused connection or unknown host stops
        # the run instead of being retried by every episode.
        self._answered = False

    def _request(self, messages: Sequence[Message]) -> dict[str, Any]:
        return {
            **self.route.request_arguments(),
            "messages": to_chat_messages(messages),
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "timeout": self.settings.timeout,
            "drop_params": self.options.drop_params,
            "num_retries": 0,
            "max_retries": 0,
        }

    async def _attempt(self, request: dict[str, Any]) -> Completion:
        """One HTTP round trip and what it returned."""
        started = time.monotonic()
        try:
            response = await self._litellm.acompletion(**request)
        except Exception as error:
            if is_transient(self._litellm, error):
                status = status_of(error)
                raise TransientModelError(
                    f"{status or type(error).__name__}: {error}", status, unreachable=is_unreachable(error)
                ) from error
            if status_of(error) is not None:
                raise fatal_error(error, self.route) from None
            raise
        latency = time.monotonic() - started
        choices = getattr(response, "choices", None)
        message = getattr(choices[0], "message", None) if choices else None
        if message is None:
            raise TransientModelError("the response held no message")
        return self._completion(response, message.content or "", latency)

    async def complete(self, messages: Sequence[Message], **constraints: Any) -> Completion:
        request = self._request(messages)
        completion = await complete_with_retries(
            lambda: self._attempt(request),
            max_retries=self.settings.max_retries,
            backoff_initial=self.options.backoff_initial,
            backoff_max=self.options.backoff_max,
            where=f"model {self.route.model!r} at {self.route.endpoint}",
            secret=self.route.api_key,
            unreachable_is_fatal=not self._answered,
        )
        self._answered = True
        return completion

    def _completion(self, response: Any, text: str, latency: float) -> Completion:
        usage = getattr(response, "usage", None)
        details = getattr(usage, "prompt_tokens_details", None)
        cached = getattr(details, "cached_tokens", None)
        return Completion(
            text=text,
            input_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            output_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
            latency=latency,
            cost=self._cost(response),
            cached_tokens=int(cached) if cached is not None else None,
        )

    def _cost(self, response: Any) -> float | None:
        """The price from litellm's bundled cost map; ``None`` for models it does not list
        (local servers, new releases)."""
        try:
            cost = self._litellm.completion_cost(
                completion_response=response, model=self.route.model,
                custom_llm_provider=self.route.custom_provider or self.route.provider,
            )
        except Exception:
            return None
        return float(cost) if cost is not None else None

    def describe(self) -> dict[str, Any]:
        return {
            "model": self.route.model,
            "base_url": self.route.base_url,
            "provider": self.route.provider,
            "litellm": version("litellm"),
        }


def build_client(settings: ClientSettings) -> LiteLLMClient:
    """The ``ClientSpec`` factory: imports litellm and checks model and key before any call."""
    options = check_options(settings.options if settings.options is not None else LiteLLMOptions())
    litellm = load_litellm()
    route = resolve_route(litellm, settings.model, settings.base_url, options.api_key_env)
    return LiteLLMClient(settings, options, route, litellm)
