"""Where a model's requests go and with which key, settled before the first call.

Checking the provider and its key up front turns a missing ``OPENAI_API_KEY`` into one
clear line at start-up instead of an error in every episode.
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from balrog_core import ConfigError, MissingCredentialsError

__all__ = ["Route", "resolve_route", "PLACEHOLDER_KEY"]

# OpenAI-compatible local servers ignore the key, but the OpenAI SDK refuses to send a
# request without one.
PLACEHOLDER_KEY = "sk-no-key-required"
_SECRET_WORDS = ("KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIAL")


@attrs.frozen
class Route:
    """A resolved model endpoint. ``api_key`` is ``None`` when litellm should read the
    provider's usual variable itself; it is kept out of ``repr`` so it never reaches a log.
    ``key_hint`` tells a person whose key was rejected what to check."""

    model: str
    provider: str
    base_url: str | None = None
    custom_provider: str | None = None
    api_key: str | None = attrs.field(default=None, repr=False)
    key_hint: str = "check the provider's API key in your environment"

    @property
    def endpoint(self) -> str:
        """The endpoint as a person would name it."""
        return self.base_url or f"the {self.provider} API"

    def request_arguments(self) -> dict[str, Any]:
        """The routing part of an ``acompletion`` call."""
        arguments: dict[str, Any] = {"model": self.model}
        if self.base_url:
            arguments["api_base"] = self.base_url
        if self.custom_provider:
            arguments["custom_llm_provider"] = self.custom_provider
        if self.api_key is not None:
            arguments["api_key"] = self.api_key
        return arguments


def _provider(litellm: Any, model: str, base_url: str | None) -> tuple[str, str | None]:
    """The provider litellm infers from ``model``; a bare name served from ``base_url``
    (``Qwen/Qwen2.5-7B`` on vLLM) is taken to be OpenAI-compatible."""
    try:
        return litellm.get_llm_provider(model=model, api_base=base_url)[1], None
    except Exception:
        if base_url:
            return "openai", "openai"
        raise ConfigError(
            f"model {model!r} names no provider litellm knows: write PROVIDER/NAME "
            f"(e.g. openai/{model}), or pass --base-url for an OpenAI-compatible server"
        ) from None


def _missing_secrets(litellm: Any, model: str, provider: str, api_key: str | None) -> list[str]:
    """Variables the provider needs but the environment lacks; addresses (``*_API_BASE``)
    are not secrets and litellm falls back to defaults for them."""
    qualified = model if model.startswith(f"{provider}/") else f"{provider}/{model}"
    try:
        report = litellm.validate_environment(model=qualified, api_key=api_key)
    except Exception:
        return []
    missing = report.get("missing_keys") or []
    return [name for name in missing if any(word in name.upper() for word in _SECRET_WORDS)]


def resolve_route(litellm: Any, model: str | None, base_url: str | None, api_key_env: str | None) -> Route:
    """Check that ``model`` can be called and find its key.

    Raises ``ConfigError`` without a model or provider and ``MissingCredentialsError``
    naming the variable to set when a hosted provider's key is absent. With ``base_url``,
    a missing key becomes a placeholder: local servers rarely check it.
    """
    if not model:
        raise ConfigError(
            "no model given: pass --model, e.g. --model gpt-4o, or --model openai/NAME "
            "with --base-url http://127.0.0.1:8000/v1 for a local server"
        )
    provider, custom_provider = _provider(litellm, model, base_url)
    api_key = None
    if api_key_env:
        api_key = os.environ.get(api_key_env)
        if not api_key:
            raise MissingCredentialsError(
                f"{api_key_env} (named by client.api_key_env) is not set: export it, "
                "or drop the option to use the provider's usual variable"
            )
    missing = _missing_secrets(litellm, model, provider, api_key)
    if missing and not base_url:
        names = " / ".join(missing)
        raise MissingCredentialsError(
            f"{names} is not set (needed by model {model!r}): export it, "
            "or pass --base-url for a local server"
        )
    route = Route(model=model, provider=provider, base_url=base_url, custom_provider=custom_provider, api_key=api_key)
    if api_key_env:
        return attrs.evolve(route, key_hint=f"check the key in {api_key_env}")
    if missing:
        return attrs.evolve(
            route, api_key=PLACEHOLDER_KEY,
            key_hint="the server wants a key: export it and pass -o client.api_key_env=VARIABLE",
        )
    return route
