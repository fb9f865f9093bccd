"""The vllm client: a vLLM server, launched for the run or already running, spoken to
through the lean ``openai`` client.

HTTP, retries and usage accounting (including ``cached_tokens`` from vLLM's prefix cache)
are the openai client's, chosen over litellm because a vLLM server is where hundreds of
episodes run at once and litellm's per-call CPU would set the pace. This client adds the
server's lifecycle and notices when a server it launched dies mid-run, which would
otherwise look like a flaky network.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Sequence
from typing import Any

import attrs

from balrog_core import Client, ClientSettings, Completion, ConfigError, Message
from balrog_client_openai.client import OpenAIClient
from balrog_client_openai.client import build_client as build_openai_client
from balrog_client_openai.endpoint import key_from

from .endpoint import choose_model, served_models, server_version
from .options import VllmOptions, check_options, client_options, extra_arguments
from .server import VllmServer

__all__ = ["VllmClient", "build_client", "public_arguments"]

_SECRET_WORDS = {"key", "token", "secret", "password"}


def public_arguments(arguments: Sequence[str]) -> list[str]:
    """Server arguments with the values of secret flags (``--api-key``, ``--hf-token``)
    replaced by ``***``, fit for run.json."""
    shown: list[str] = []
    hide_next = False
    for argument in arguments:
        if hide_next:
            shown.append("***")
            hide_next = False
            continue
        name, equals, _ = argument.partition("=")
        secret = name.startswith("--") and name.rsplit("-", 1)[-1].lower() in _SECRET_WORDS
        if secret and equals:
            shown.append(f"{name}=***")
        else:
            shown.append(argument)
            hide_next = secret
    return shown


class VllmClient(Client):
    """Chat completions from a vLLM server; owns the server when it launched it."""

    def __init__(self, inner: OpenAIClient, model: str, base_url: str,
                 server: VllmServer | None = None, version: str | None = None) -> None:
        self._inner = inner
        self.model = model
        self.base_url = base_url
        self.server = server
        self.version = version

    def _check_server(self) -> None:
        if self.server is not None and not self.server.running:
            raise self.server.exit_error("during the run")

    async def complete(self, messages: Sequence[Message], **constraints: Any) -> Completion:
        self._check_server()
        try:
            return await self._inner.complete(messages)
        except Exception:
            self._check_server()
            raise

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            if self.server is not None:
                await asyncio.to_thread(self.server.stop)

    def describe(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"model": self.model, "base_url": self.base_url,
                                 "launched_server": self.server is not None}
        if self.version is not None:
            facts["vllm"] = self.version
        if self.server is not None:
            facts["serve_args"] = public_arguments(self.server.command[3:])
            facts["server_log"] = str(self.server.log_path)
        return facts


def _api_key(options: VllmOptions) -> str | None:
    return key_from(options.api_key_env) if options.api_key_env else None


def _inner_client(settings: ClientSettings, options: VllmOptions, model: str, base_url: str) -> OpenAIClient:
    return build_openai_client(attrs.evolve(
        settings, model=model, base_url=base_url, options=client_options(options),
    ))


def _join(settings: ClientSettings, options: VllmOptions) -> VllmClient:
    """A client of the server at ``--base-url``; the model is ``--model`` or the one it serves."""
    base_url = settings.base_url or ""
    if options.serve:
        raise ConfigError(
            f"client.serve={options.serve!r} and --base-url {base_url} both given: drop --base-url "
            "to launch a server, or client.serve to use the running one"
        )
    model = settings.model or choose_model(served_models(base_url, _api_key(options)), base_url)
    inner = _inner_client(settings, options, model, base_url)
    return VllmClient(inner, model, base_url, version=server_version(base_url))


def _launch(settings: ClientSettings, options: VllmOptions) -> VllmClient:
    """Start ``vllm serve``, wait until it answers, and build the client on it; the server
    is stopped again if anything on the way fails (or Ctrl-C)."""
    model = options.serve or settings.model
    if not model:
        raise ConfigError(
            "the vllm client needs a model: -o client.serve=MODEL (or --model MODEL) to launch "
            "vllm serve, or --base-url URL of a running server"
        )
    if options.serve and settings.model and settings.model != options.serve:
        raise ConfigError(
            f"--model {settings.model!r} and client.serve={options.serve!r} disagree: give the model once"
        )
    executable = shutil.which(options.executable)
    if executable is None:
        raise ConfigError(
            f"client.executable={options.executable!r} is not on PATH: install vLLM on a GPU machine "
            "(pip install vllm), or set -o client.executable=/path/to/vllm"
        )
    api_key = _api_key(options)
    server = VllmServer.launch(
        executable, model, port=options.port, extra=extra_arguments(options),
        prefix_caching=options.prefix_caching, log_file=options.log_file, grace=options.stop_grace,
    )
    try:
        server.announce(options.startup_timeout)
        listed = server.wait_ready(options.startup_timeout, api_key)
        served = choose_model(listed, server.base_url, preferred=model)
        inner = _inner_client(settings, options, served, server.base_url)
        return VllmClient(inner, served, server.base_url, server, server_version(server.base_url))
    except BaseException:
        server.stop()
        raise


def build_client(settings: ClientSettings) -> VllmClient:
    """The ``ClientSpec`` factory: joins ``--base-url`` when given, else launches the server."""
    options = check_options(settings.options if settings.options is not None else VllmOptions())
    if settings.base_url:
        return _join(settings, options)
    return _launch(settings, options)
