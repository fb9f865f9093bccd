"""Registers the ``litellm`` client. litellm itself is imported only when a run builds the
client, so listing plugins and ``balrog --help`` stay fast."""

from __future__ import annotations

from balrog_core import ClientSettings, ClientSpec, hookimpl

from .options import LiteLLMOptions

__all__ = ["register_clients"]


def _build(settings: ClientSettings):
    from .client import build_client

    return build_client(settings)


@hookimpl
def register_clients(register) -> None:
    register(ClientSpec(
        name="litellm",
        factory=_build,
        description="any provider litellm supports (OpenAI, Anthropic, Gemini, …) or an OpenAI-compatible --base-url",
        options=LiteLLMOptions,
    ))
