"""Plugin discovery, allow-list, tracing, failures and listings."""

import json
import subprocess
import sys

import click
import pytest

from balrog_core import plugins as plugin_module
from balrog_core import registry as registry_module
from balrog_core.cli import main
from balrog_core.hookspecs import hookimpl
from balrog_core.plugins import failed_plugins, get_plugin_manager
from balrog_core.harness import get_registry

GOOD = '''
from balrog_core import AgentSpec, hookimpl

@hookimpl
def register_agents(register):
    register(AgentSpec(name="good_agent", factory=lambda setup: None, needs_client=False))
'''


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A directory on sys.path holding two installed-looking plugins: one good, one broken."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "good_balrog_plugin.py").write_text(GOOD)
    (root / "broken_balrog_plugin.py").write_text("raise ImportError('needs a missing library')\n")
    for name, module in (("good", "good_balrog_plugin"), ("broken", "broken_balrog_plugin")):
        info = root / f"balrog_{name}_plugin-0.3.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: balrog-{name}-plugin\nVersion: 0.3\n")
        (info / "entry_points.txt").write_text(f"[balrog]\n{name} = {module}\n")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(plugin_module, "_manager", None)
    monkeypatch.setattr(plugin_module, "_failed", [])
    monkeypatch.setattr(plugin_module, "_versions", {})
    monkeypatch.setattr(registry_module, "_cache", None)
    yield root
    sys.modules.pop("good_balrog_plugin", None)


def test_a_broken_plugin_is_listed_with_its_error_and_the_cli_still_works(site, capsys):
    main(["plugins", "list", "--json"])
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["broken"]["error"] == "ImportError: needs a missing library"
    assert rows["broken"]["version"] == "0.3"
    assert rows["good"] == {"name": "good", "distribution": "balrog-good-plugin", "version": "0.3",
                            "hooks": ["register_agents"]}
    assert rows["balrog_core.builtin.agents"]["hooks"] == ["register_agents"]
    assert rows["balrog_core.builtin.scorers"]["distribution"] == "balrog-core"
    assert get_registry().get("agent", "good_agent").version == "0.3"


def test_allow_list_limits_loaded_plugins(site, monkeypatch):
    monkeypatch.setenv("BALROG_LOAD_PLUGINS", "good")
    manager = get_plugin_manager()
    assert manager.has_plugin("good") and not manager.has_plugin("broken")
    assert failed_plugins() == []


def test_empty_allow_list_loads_only_the_builtins(site, monkeypatch):
    monkeypatch.setenv("BALROG_LOAD_PLUGINS", "")
    names = [name for name, _ in get_plugin_manager().list_name_plugin()]
    assert names == ["balrog_core.builtin.agents", "balrog_core.builtin.scorers", "balrog_core.builtin.executors"]


def test_tracing_prints_hook_calls(site, monkeypatch, capsys):
    monkeypatch.setenv("BALROG_TRACE_PLUGINS", "1")
    main(["agents", "list"])
    err = capsys.readouterr().err
    assert "balrog hook register_agents(register)" in err
    assert "returned" in err


def test_agents_list_shows_plugin_and_version(testgame, capsys):
    main(["agents", "list", "--json"])
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["naive"]["distribution"] == "balrog-core"
    assert rows["walker"]["plugin"] == "testgame" and rows["walker"]["envs"] == ["testline"]
    assert rows["random"]["needs_client"] is False


def test_envs_and_clients_lists(testgame, capsys):
    main(["envs", "list", "--json"])
    envs = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert envs["testline"]["tasks"][0] == {"name": "short", "episodes": 3, "max_steps": 10, "description": ""}
    main(["envs", "list"])
    assert "testline" in capsys.readouterr().out
    main(["clients", "list"])
    assert "testhttp" in capsys.readouterr().out


def test_plugins_can_add_commands(capsys):
    class Commands:
        @hookimpl
        def register_commands(self, cli):
            @cli.command(name="hello-test")
            @click.argument("who")
            def hello(who):
                click.echo(f"hello {who}")

    manager = get_plugin_manager()
    manager.register(Commands(), name="commands")
    try:
        main(["hello-test", "world"])
    finally:
        manager.unregister(name="commands")
    assert capsys.readouterr().out == "hello world\n"


def test_conflicting_names_keep_the_first_and_warn(testgame, capsys):
    class Duplicate:
        @hookimpl
        def register_agents(self, register):
            from balrog_core import AgentSpec
            register(AgentSpec(name="naive", factory=lambda setup: None))

    manager = get_plugin_manager()
    manager.register(Duplicate(), name="duplicate")
    try:
        registry = get_registry()
        assert registry.get("agent", "naive").plugin == "balrog_core.builtin.agents"
        assert any("'naive' from duplicate ignored" in c for c in registry.conflicts)
    finally:
        manager.unregister(name="duplicate")


def test_the_installed_command_runs():
    result = subprocess.run([sys.executable, "-m", "balrog_core", "plugins", "list", "--json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    names = {row["name"] for row in json.loads(result.stdout)}
    assert {"balrog_core.builtin.agents", "balrog_core.builtin.scorers"} <= names
