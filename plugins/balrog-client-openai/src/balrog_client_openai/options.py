"""The client's ``-o client.KEY=VALUE`` options."""

from __future__ import annotations

import attrs

from balrog_core import ConfigError
from balrog_core.retrying import check_backoff

__all__ = ["OpenAIOptions", "check_options"]


@attrs.frozen
class OpenAIOptions:
    """Tuning knobs of the openai client.

    ``api_key_env``: the variable holding the key sent as ``Authorization: Bearer``; by
    default ``OPENAI_API_KEY`` for OpenAI's own API and no key for any other ``--base-url``
    (so a real key never travels to a local server unasked). ``input_price`` /
    ``output_price``: US dollars per million prompt / completion tokens, which makes
    ``--max-cost`` and the cost columns work; without them cost is unknown.
    ``max_connections``: cap on open connections (0 = one per request in flight).
    ``backoff_initial`` / ``backoff_max``: seconds before the first retry and the cap on any
    wait.
    """

    api_key_env: str | None = None
    input_price: float | None = None
    output_price: float | None = None
    max_connections: int = 0
    backoff_initial: float = 1.0
    backoff_max: float = 30.0


def check_options(options: OpenAIOptions) -> OpenAIOptions:
    """``options`` unchanged, or a ``ConfigError`` naming the bad value."""
    check_backoff(options.backoff_initial, options.backoff_max)
    for name in ("input_price", "output_price"):
        value = getattr(options, name)
        if value is not None and value < 0:
            raise ConfigError(f"client.{name}={value}: must be US dollars per million tokens, 0 or more")
    if (options.input_price is None) != (options.output_price is None):
        raise ConfigError(
            "client.input_price and client.output_price go together: give both "
            "(US dollars per million tokens) or neither"
        )
    if options.max_connections < 0:
        raise ConfigError(f"client.max_connections={options.max_connections}: must be 0 (no cap) or more")
    return options
