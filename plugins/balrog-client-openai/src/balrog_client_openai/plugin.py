"""Registers the ``openai`` client: the default for an OpenAI-compatible ``--base-url``
(a ``provider/model`` name there goes to litellm, which registers a higher priority). aiohttp is imported only when a run builds the client,
so listing plugins and ``balrog --help`` stay fast."""

from __future__ import annotations

from balrog_core import ClientSettings, ClientSpec, hookimpl

from .options import OpenAIOptions

__all__ = ["register_clients"]


def _build(settings: ClientSettings):
    from .client import build_client

    return build_client(settings)


@hookimpl
def register_clients(register) -> None:
    register(ClientSpec(
        name="openai",
        factory=_build,
        description=(
            "lean client for OpenAI-compatible endpoints (vLLM, SGLang, llama.cpp server, OpenAI): "
            "a fraction of litellm's CPU per call, for hundreds of concurrent episodes"
        ),
        options=OpenAIOptions,
        accepts=lambda model, base_url: base_url is not None,
        priority=20,
    ))
