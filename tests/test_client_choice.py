"""Which client runs when --client is not given, and constrained decoding."""

import json

import pytest

from balrog_core import ClientSpec, Completion
from balrog_core.harness import RunConfig
from balrog_core.cli import main
from balrog_core.client import Client
from balrog_core.hookspecs import hookimpl
from balrog_core.resolve import default_client
from balrog_core.harness import get_plugin_manager
from balrog_core.harness import get_registry


class Embedded(Client):
    """Answers with the first allowed choice, or 'step right' without constraints."""

    def __init__(self):
        self.seen_choices = []

    async def complete(self, messages, **constraints):
        choices = constraints.get("choices")
        self.seen_choices.append(choices)
        return Completion(text=choices[0] if choices else "step right", input_tokens=1, output_tokens=1)


class EmbeddedPlugin:
    def __init__(self):
        self.client = Embedded()
        self.built = 0

    def build(self, settings):
        self.built += 1
        return self.client

    @hookimpl
    def register_clients(self, register):
        # Priorities above the installed clients', which these stand in for.
        register(ClientSpec(name="embedded", factory=self.build, priority=100, constrains=True,
                            accepts=lambda model, url: url is None and (model is None or model.endswith(".gguf"))))
        register(ClientSpec(name="litellm", factory=lambda settings: self.client, priority=90,
                            accepts=lambda model, url: model is not None and (url is None or "/" in model)))
        register(ClientSpec(name="lean", factory=lambda settings: self.client, priority=80,
                            accepts=lambda model, url: url is not None and "/" not in (model or "")))


@pytest.fixture
def embedded(testgame):
    plugin = EmbeddedPlugin()
    manager = get_plugin_manager()
    manager.register(plugin, name="embedded")
    yield plugin
    manager.unregister(plugin)


def test_default_client_rules(embedded):
    registry = get_registry()
    assert default_client(RunConfig(envs=["testline"]), registry)[0] == "embedded"
    assert "using the embedded embedded client" in default_client(RunConfig(envs=["testline"]), registry)[1]
    assert default_client(RunConfig(envs=["testline"], model="/models/x.gguf"), registry) == ("embedded", None)
    assert default_client(RunConfig(envs=["testline"], model="gpt-4o"), registry) == ("litellm", None)
    url = "http://127.0.0.1:1/v1"
    assert default_client(RunConfig(envs=["testline"], model="m", base_url=url), registry) == ("lean", None)
    assert default_client(RunConfig(envs=["testline"], model="openai/m", base_url=url), registry) == ("litellm", None)


def test_no_model_runs_the_fallback_and_says_so(embedded, tmp_path, capsys):
    out = tmp_path / "run"
    main(["run", "--env", "testline", "--agent", "naive", "--episodes", "1", "--task", "short", "--output", str(out)])
    assert "no --model or --base-url given: using the embedded embedded client" in capsys.readouterr().err
    meta = json.loads((out / "run.json").read_text())
    assert meta["config"]["client"] == "embedded" and meta["protocol_deviations"] == [
        "1 episodes per task (reference: per-task defaults)"]


def test_constrained_decoding_passes_choices_and_is_recorded(embedded, tmp_path):
    out = tmp_path / "run"
    main(["run", "--env", "testline", "--agent", "naive", "--client", "embedded", "--constrain-actions",
          "--task", "short", "--max-steps", "3", "--output", str(out)])
    assert embedded.client.seen_choices[0] == ["step left", "step right", "stay"]
    meta = json.loads((out / "run.json").read_text())
    assert "constrained decoding: output restricted to the action list" in meta["protocol_deviations"]


def test_constraining_needs_a_client_that_can(testgame, tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["run", "--env", "testline", "--agent", "naive", "--client", "testhttp", "--base-url",
              "http://127.0.0.1:9/v1", "--constrain-actions", "--output", str(tmp_path / "x")])
    assert "client 'testhttp' cannot constrain decoding" in capsys.readouterr().err


def test_a_failed_check_builds_no_client(embedded, tmp_path, capsys):
    """Every check runs before the client is built: a client that may start a server or
    load a model is never built for a run that cannot start."""
    from balrog_core import AgentSpec, ConfigError

    def refuse(setup):
        raise ConfigError("this agent refuses every task")

    class Refusing:
        @hookimpl
        def register_agents(self, register):
            register(AgentSpec(name="refusing", factory=refuse))

    manager = get_plugin_manager()
    manager.register(Refusing(), name="refusing")
    try:
        with pytest.raises(SystemExit):
            main(["run", "--env", "testline", "--agent", "refusing", "--client", "embedded",
                  "--output", str(tmp_path / "o")])
    finally:
        manager.unregister(name="refusing")
    assert "this agent refuses every task" in capsys.readouterr().err
    assert embedded.built == 0 and not (tmp_path / "o").exists()


def test_an_unknown_scorer_fails_before_the_client_is_built(embedded, tmp_path, capsys):
    built = []
    original = embedded.client

    class Spy(EmbeddedPlugin):
        @hookimpl
        def register_clients(self, register):
            register(ClientSpec(name="spy", factory=lambda settings: built.append(1) or original))

    manager = get_plugin_manager()
    manager.register(Spy(), name="spy")
    try:
        with pytest.raises(SystemExit):
            main(["run", "--env", "testline", "--agent", "naive", "--client", "spy", "--scorer", "nope",
                  "--output", str(tmp_path / "o")])
    finally:
        manager.unregister(name="spy")
    assert "unknown scorer 'nope'" in capsys.readouterr().err
    assert built == []
