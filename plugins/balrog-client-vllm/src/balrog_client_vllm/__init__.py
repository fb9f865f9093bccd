"""balrog's vLLM client: launch ``vllm serve`` for a run on a GPU machine (or join a
running server) and evaluate through its OpenAI-compatible API."""

from .options import VllmOptions

__all__ = ["VllmOptions"]
