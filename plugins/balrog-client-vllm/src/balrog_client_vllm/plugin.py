"""Registers the ``vllm`` client. aiohttp and the server are touched only when a run
builds the client, so listing plugins stays fast and needs no GPU."""

from __future__ import annotations

from balrog_core import ClientSettings, ClientSpec, hookimpl

from .options import VllmOptions

__all__ = ["register_clients"]


def _build(settings: ClientSettings):
    from .client import build_client

    return build_client(settings)


@hookimpl
def register_clients(register) -> None:
    register(ClientSpec(
        name="vllm",
        factory=_build,
        description="a vLLM server: launched for the run (-o client.serve=MODEL, GPU) or running (--base-url)",
        options=VllmOptions,
    ))
