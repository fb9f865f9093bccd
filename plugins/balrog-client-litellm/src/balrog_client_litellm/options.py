"""The client's ``-o client.KEY=VALUE`` options."""

from __future__ import annotations

import attrs

__all__ = ["LiteLLMOptions"]


def _positive(instance: object, attribute: attrs.Attribute, value: float) -> None:
    if value <= 0:
        raise ValueError(f"client.{attribute.name} must be positive, got {value}")


@attrs.frozen
class LiteLLMOptions:
    """Tuning knobs of the litellm client.

    ``backoff_initial`` / ``backoff_max``: seconds before the first retry and the cap on any
    wait (the wait doubles per retry, plus up to ``backoff_initial`` of random jitter).
    ``api_key_env``: read the API key from this variable instead of the provider's usual one
    (for a local server that wants a key). ``drop_params``: let litellm drop parameters a
    model rejects (e.g. temperature on reasoning models) instead of failing.
    """

    backoff_initial: float = attrs.field(default=1.0, validator=_positive)
    backoff_max: float = attrs.field(default=30.0, validator=_positive)
    api_key_env: str | None = None
    drop_params: bool = True
