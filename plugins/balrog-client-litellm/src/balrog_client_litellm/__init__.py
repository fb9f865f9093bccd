"""balrog's default model client: chat completions through litellm, with retries that
absorb transient failures and fail fast on configuration mistakes."""

from .options import LiteLLMOptions

__all__ = ["LiteLLMOptions"]
