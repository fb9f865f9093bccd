"""The litellm client: one chat completion per call, retried through transient failures."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

import attrs
from tenacity import AsyncRetrying, RetryError, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from balrog_core import Client, ClientSettings, Completion, Message

from .failures import ModelUnavailableError, TransientModelError, fatal_error, is_transient, one_line, status_of
from .messages import to_chat_messages
from .options import LiteLLMOptions, check_options
from .route import Route, resolve_route
from .runtime import load_litellm

__all__ = ["LiteLLMClient", "build_client"]

log = logging.getLogger(__name__)


class LiteLLMClient(Client):
    """Calls ``litellm.acompletion``; litellm's own retries are off so that every retry is
    counted here and follows one policy (see :mod:`balrog_client_litellm.failures`)."""

    def __init__(self, settings: ClientSettings, options: LiteLLMOptions, route: Route, litellm: Any) -> None:
        self.settings = settings
        self.options = options
        self.route = route
        self._litellm = litellm

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

    async def _attempt(self, request: dict[str, Any]) -> tuple[Any, str, float]:
        """One HTTP round trip: the response, its text and its latency in seconds."""
        started = time.monotonic()
        try:
            response = await self._litellm.acompletion(**request)
        except Exception as error:
            if is_transient(self._litellm, error):
                status = status_of(error)
                raise TransientModelError(f"{status or type(error).__name__}: {error}", status) from error
            if status_of(error) is not None:
                raise fatal_error(error, self.route) from None
            raise
        latency = time.monotonic() - started
        choices = getattr(response, "choices", None)
        message = getattr(choices[0], "message", None) if choices else None
        if message is None:
            raise TransientModelError("the response held no message")
        return response, message.content or "", latency

    async def complete(self, messages: Sequence[Message]) -> Completion:
        request = self._request(messages)
        retrying = AsyncRetrying(
            retry=retry_if_exception_type(TransientModelError),
            stop=stop_after_attempt(self.settings.max_retries + 1),
            wait=wait_exponential_jitter(
                multiplier=self.options.backoff_initial, max=self.options.backoff_max,
                jitter=self.options.backoff_initial,
            ),
            before_sleep=self._note_retry,
        )
        rate_limited = 0
        try:
            async for attempt in retrying:
                with attempt:
                    try:
                        response, text, latency = await self._attempt(request)
                    except TransientModelError as error:
                        if error.status == 429:
                            rate_limited += 1
                        raise
        except RetryError as error:
            last = error.last_attempt.exception()
            raise ModelUnavailableError(
                f"model {self.route.model!r} at {self.route.endpoint} still failing after "
                f"{self.settings.max_retries} retries: {one_line(last, self.route.api_key)}"
            ) from last
        completion = self._completion(response, text, latency)
        return attrs.evolve(completion, retries=retrying.statistics["attempt_number"] - 1, rate_limited=rate_limited)

    def _note_retry(self, state: Any) -> None:
        log.debug("retrying %s after attempt %d: %s", self.route.model, state.attempt_number, state.outcome.exception())

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
