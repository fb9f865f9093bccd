"""The client's ``-o client.KEY=VALUE`` options."""

from __future__ import annotations

import shlex

import attrs

from balrog_core import ConfigError
from balrog_client_openai import OpenAIOptions
from balrog_client_openai.options import check_options as check_openai_options

__all__ = ["VllmOptions", "check_options", "client_options", "extra_arguments"]


@attrs.frozen
class VllmOptions(OpenAIOptions):
    """How to launch ``vllm serve``, on top of the openai client's options
    (``backoff_initial``, ``backoff_max``, ``api_key_env``, ``max_connections``, prices),
    which apply to every request sent to the server.

    ``serve``: the model to launch (a Hugging Face id or a local path); ``--model`` does the
    same. ``executable``: the ``vllm`` command. ``args``: extra ``vllm serve`` arguments,
    quoted as in a shell. ``prefix_caching``: add ``--enable-prefix-caching
    --enable-prompt-tokens-details`` so shared prompt prefixes are reused and reported as
    ``cached_tokens``. ``port``: 0 picks a free one. ``startup_timeout``: seconds to wait
    for the server to answer (downloading and loading weights takes minutes).
    ``stop_grace``: seconds between SIGTERM and SIGKILL at shutdown. ``log_file``: where the
    server's output goes (default: a new ``balrog-vllm-*.log`` in the temp directory).
    """

    serve: str | None = None
    executable: str = "vllm"
    args: str = ""
    prefix_caching: bool = True
    port: int = 0
    startup_timeout: float = 1800.0
    stop_grace: float = 15.0
    log_file: str | None = None


def extra_arguments(options: VllmOptions) -> list[str]:
    """``client.args`` split as a shell would, or a ``ConfigError`` for bad quoting."""
    try:
        return shlex.split(options.args)
    except ValueError as error:
        raise ConfigError(f"client.args={options.args!r}: {error}; quote it as in a shell") from None


def check_options(options: VllmOptions) -> VllmOptions:
    """``options`` unchanged, or a ``ConfigError`` naming the bad value."""
    check_openai_options(options)
    if not options.startup_timeout > 0:
        raise ConfigError(f"client.startup_timeout={options.startup_timeout}: must be a positive number of seconds")
    if not options.stop_grace >= 0:
        raise ConfigError(f"client.stop_grace={options.stop_grace}: must be zero or more seconds")
    if not 0 <= options.port <= 65535:
        raise ConfigError(f"client.port={options.port}: must be a TCP port (1-65535), or 0 for a free one")
    for argument in extra_arguments(options):
        name = argument.split("=", 1)[0]
        if name in ("--host", "--port"):
            raise ConfigError(
                f"client.args sets {name}: balrog chooses where the server listens; "
                "use -o client.port=N, or start the server yourself and pass --base-url"
            )
    return options


def client_options(options: VllmOptions) -> OpenAIOptions:
    """The part of ``options`` the openai client understands."""
    return OpenAIOptions(**{field.name: getattr(options, field.name) for field in attrs.fields(OpenAIOptions)})
