"""balrog-client-openai: the ``openai`` client, a lean OpenAI-compatible HTTP client."""

from .options import OpenAIOptions

__all__ = ["OpenAIOptions"]
