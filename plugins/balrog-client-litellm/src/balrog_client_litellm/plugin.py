"""Registers the ``litellm`` client. litellm itself is imported only when a run builds the
client, so listing plugins and ``balrog --help`` stay fast."""

from __future__ import annotations

from balrog_core import ClientSettings, ClientSpec, hookimpl

from .options import LiteLLMOptions

__all__ = ["register_clients", "accepts", "PROVIDER_PREFIXES"]


def _build(settings: ClientSettings):
    from .client import build_client

    return build_client(settings)


# litellm's routing prefixes (``PROVIDER/model``) a run is likely to name; a bare model name
# at an OpenAI-compatible --base-url goes to the lean ``openai`` client instead. A test
# checks that litellm knows every one of them.
PROVIDER_PREFIXES = frozenset({
    "openai", "text-completion-openai", "custom_openai", "hosted_vllm", "litellm_proxy", "azure", "azure_ai",
    "openrouter", "together_ai", "ollama", "ollama_chat", "lm_studio", "huggingface", "anthropic",
    "gemini", "vertex_ai", "bedrock", "groq", "mistral", "deepseek", "fireworks_ai", "xai", "cohere",
    "perplexity", "sagemaker", "watsonx", "databricks", "cerebras", "nvidia_nim", "sambanova", "deepinfra",
    "replicate", "cloudflare", "ai21", "nscale", "novita", "hyperbolic", "lambda_ai",
})


def accepts(model: str | None, base_url: str | None) -> bool:
    """Any model without an endpoint (litellm finds its provider), or ``PROVIDER/model``
    at an endpoint."""
    if model is None:
        return False
    return base_url is None or model.partition("/")[0] in PROVIDER_PREFIXES


@hookimpl
def register_clients(register) -> None:
    register(ClientSpec(
        name="litellm",
        factory=_build,
        description="any provider litellm supports (OpenAI, Anthropic, Gemini, …) or an OpenAI-compatible --base-url",
        options=LiteLLMOptions,
        accepts=accepts,
        priority=25,
    ))
