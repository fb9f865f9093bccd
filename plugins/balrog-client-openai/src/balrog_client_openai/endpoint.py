"""Where requests go and with which key, settled before the first call.

A key is sent only where it belongs: OpenAI's own key to OpenAI's API, or the variable the
user named for anything else, so a real key never travels to a local server unasked.
"""

from __future__ import annotations

import os

import attrs

from balrog_core import ConfigError, MissingCredentialsError

__all__ = ["Endpoint", "resolve_endpoint", "key_from", "OPENAI_BASE_URL"]

OPENAI_BASE_URL = "https://api.openai.com/v1"


@attrs.frozen
class Endpoint:
    """A resolved endpoint; ``api_key`` stays out of ``repr`` so it never reaches a log."""

    model: str
    base_url: str
    api_key: str | None = attrs.field(default=None, repr=False)
    key_hint: str = "check the key"

    @property
    def url(self) -> str:
        return f"{self.base_url}/chat/completions"

    @property
    def where(self) -> str:
        return f"model {self.model!r} at {self.base_url}"

    def headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers


def key_from(api_key_env: str) -> str:
    """The key in the variable named by ``client.api_key_env``, or one line saying it is unset."""
    key = os.environ.get(api_key_env)
    if not key:
        raise MissingCredentialsError(
            f"{api_key_env} (named by client.api_key_env) is not set: export it, or drop the option"
        )
    return key


def _key(api_key_env: str | None, base_url: str) -> tuple[str | None, str]:
    """The key and what to tell a person whose key was refused."""
    if api_key_env:
        return key_from(api_key_env), f"check the key in {api_key_env}"
    if base_url == OPENAI_BASE_URL:
        key = os.environ.get("OPENAI_API_KEY")
        if not key:
            raise MissingCredentialsError(
                "OPENAI_API_KEY is not set (needed by OpenAI's API): export it, "
                "or pass --base-url for an OpenAI-compatible server"
            )
        return key, "check OPENAI_API_KEY"
    return None, "the server wants a key: export it and pass -o client.api_key_env=VARIABLE"


def resolve_endpoint(model: str | None, base_url: str | None, api_key_env: str | None) -> Endpoint:
    """Check the model and address and find the key; ``ConfigError`` or
    ``MissingCredentialsError`` with one line naming the fix."""
    if not model:
        raise ConfigError(
            "the openai client needs --model: the name the server serves "
            "(GET BASE_URL/models lists them), e.g. --model Qwen/Qwen2.5-7B-Instruct"
        )
    url = (base_url or OPENAI_BASE_URL).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(
            f"--base-url {base_url!r} is not an HTTP address: write e.g. http://127.0.0.1:8000/v1"
        )
    if url.endswith("/chat/completions"):
        raise ConfigError(
            f"--base-url {base_url!r} names the endpoint itself: drop /chat/completions "
            f"(use {url.removesuffix('/chat/completions')})"
        )
    key, hint = _key(api_key_env, url)
    return Endpoint(model=model, base_url=url, api_key=key, key_hint=hint)
