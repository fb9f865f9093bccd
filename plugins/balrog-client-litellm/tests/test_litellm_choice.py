"""When litellm is the client chosen without --client."""

from balrog_client_litellm.plugin import PROVIDER_PREFIXES, accepts


def test_every_declared_prefix_is_a_litellm_provider():
    import litellm

    known = {str(getattr(provider, "value", provider)) for provider in litellm.provider_list}
    assert sorted(PROVIDER_PREFIXES - known) == []


def test_litellm_takes_provider_models_and_leaves_bare_names_at_an_endpoint_to_the_lean_client():
    assert accepts("gpt-4o", None) and accepts("anthropic/claude-3-5-sonnet", None)
    assert accepts("openai/loopback", "http://127.0.0.1:8000/v1")
    assert not accepts("Qwen/Qwen2.5-7B-Instruct", "http://127.0.0.1:8000/v1")
    assert not accepts("loopback", "http://127.0.0.1:8000/v1")
    assert not accepts(None, None)
