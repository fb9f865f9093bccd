"""Test support for balrog and its plugins: a real OpenAI-compatible HTTP server on
loopback, so tests exercise the whole client stack without a provider; and a scripted
client with a turn builder, so an agent's tests need neither a model nor a game."""

from .openai_server import LoopbackOpenAI
from .scripted import ScriptedClient, make_turn

__all__ = ["LoopbackOpenAI", "ScriptedClient", "make_turn"]
