"""Test support for balrog and its plugins: a real OpenAI-compatible HTTP server on
loopback, so tests exercise the whole client stack without a provider."""

from .openai_server import LoopbackOpenAI

__all__ = ["LoopbackOpenAI"]
