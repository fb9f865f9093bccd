"""The client's ``-o client.KEY=VALUE`` options."""

from __future__ import annotations

import attrs

from balrog_core.retrying import check_backoff

__all__ = ["LiteLLMOptions", "check_options"]


@attrs.frozen
class LiteLLMOptions:
    """Tuning knobs of the litellm client.

    ``backoff_initial`` / ``backoff_max``: seconds before the first retry and the cap on any
    wait (the wait doubles per retry, plus up to ``backoff_initial`` of random jitter).
    ``api_key_env``: read the API key from this variable instead of the provider's usual one
    (for a local server that wants a key). ``drop_params``: let litellm drop parameters a
    model rejects (e.g. temperature on reasoning models) instead of failing.
    """

    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    api_key_env: str | None = None
    drop_params: bool = True


def check_options(options: LiteLLMOptions) -> LiteLLMOptions:
    """``options`` unchanged, or a ``ConfigError`` naming the bad value. Checked here rather
    than by attrs validators so the message reaches the user intact."""
    check_backoff(options.backoff_initial, options.backoff_max)
    return options
