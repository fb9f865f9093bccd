"""What the loaded plugins registered: environments, agents, clients and scorers by name.

Each plugin's registration hooks are called separately, so every entry knows the plugin
(and version) it came from, which ``balrog agents list`` and ``run.json`` report.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import attrs

from .agent import AgentSpec
from .client import ClientSpec
from .environment import EnvSpec
from .executor import ExecutorSpec
from .errors import ConfigError, UnknownNameError
from .plugins import get_plugin_manager, plugin_version
from .scoring import ScorerSpec

__all__ = ["Registry", "Registered", "get_registry"]

T = TypeVar("T")

_KINDS: dict[str, tuple[str, type]] = {
    "env": ("register_envs", EnvSpec),
    "agent": ("register_agents", AgentSpec),
    "client": ("register_clients", ClientSpec),
    "scorer": ("register_scorers", ScorerSpec),
    "executor": ("register_executors", ExecutorSpec),
}


@attrs.frozen
class Registered(Generic[T]):
    """A registered spec and where it came from."""

    spec: T
    plugin: str
    distribution: str
    version: str


@attrs.define
class Registry:
    """Name → registered specs, per kind.

    Names are unique per kind, except agents bound to disjoint sets of environments (each
    game's ``oracle``), which share a name and are told apart by the env being played.
    ``conflicts`` lists registrations that were ignored because the name was taken.
    """

    entries: dict[str, dict[str, list[Registered[Any]]]] = attrs.field(factory=dict)
    conflicts: list[str] = attrs.field(factory=list)

    def names(self, kind: str) -> list[str]:
        return sorted(self.entries.get(kind, {}))

    def listing(self, kind: str) -> list[Registered[Any]]:
        """Every registration of ``kind``, sorted by name."""
        return [entry for name in self.names(kind) for entry in self.entries[kind][name]]

    def get(self, kind: str, name: str, env: str | None = None) -> Registered[Any]:
        found = self.entries.get(kind, {}).get(name)
        if not found:
            raise UnknownNameError(kind, name, self.names(kind))
        if env is None:
            return found[0]
        for entry in found:
            scope = getattr(entry.spec, "envs", ())
            if not scope or env in scope:
                return entry
        games = sorted({game for entry in found for game in entry.spec.envs})
        raise ConfigError(
            f"agent {name!r} cannot play {env!r}: it is made for {', '.join(games)}; "
            "choose another --agent or --env"
        )

    def env(self, name: str) -> EnvSpec:
        return self.get("env", name).spec

    def agent(self, name: str, env: str | None = None) -> AgentSpec:
        return self.get("agent", name, env).spec

    def client(self, name: str) -> ClientSpec:
        return self.get("client", name).spec

    def scorer(self, name: str) -> ScorerSpec:
        return self.get("scorer", name).spec

    def executor(self, name: str) -> ExecutorSpec:
        return self.get("executor", name).spec

    def add(self, kind: str, entry: Registered[Any]) -> None:
        taken = self.entries.setdefault(kind, {}).setdefault(entry.spec.name, [])
        scope = set(getattr(entry.spec, "envs", ()))
        for other in taken:
            other_scope = set(getattr(other.spec, "envs", ()))
            if not scope or not other_scope or scope & other_scope:
                self.conflicts.append(
                    f"{kind} {entry.spec.name!r} from {entry.plugin} ignored: "
                    f"already registered by {other.plugin}"
                )
                return
        taken.append(entry)


def _collect(kind: str, hook_name: str, spec_type: type, registry: Registry) -> None:
    manager = get_plugin_manager()
    for plugin_name, plugin in manager.list_name_plugin():
        if plugin is None:
            continue
        others = [p for p in manager.get_plugins() if p is not plugin]
        caller = manager.subset_hook_caller(hook_name, remove_plugins=others)
        distribution, version = plugin_version(plugin_name)

        def register(spec: Any, _plugin: str = plugin_name) -> None:
            if not isinstance(spec, spec_type):
                raise TypeError(
                    f"plugin {_plugin} registered {spec!r} through {hook_name}; "
                    f"expected a {spec_type.__name__}"
                )
            registry.add(kind, Registered(spec, _plugin, distribution, version))

        caller(register=register)


_cache: tuple[tuple[tuple[str, int], ...], Registry] | None = None


def get_registry() -> Registry:
    """The registry of the currently registered plugins, rebuilt when they change."""
    global _cache
    manager = get_plugin_manager()
    key = tuple((name, id(plugin)) for name, plugin in manager.list_name_plugin() if plugin is not None)
    if _cache is None or _cache[0] != key:
        registry = Registry()
        for kind, (hook_name, spec_type) in _KINDS.items():
            _collect(kind, hook_name, spec_type, registry)
        _cache = (key, registry)
    return _cache[1]


def hook_names(plugin: Any) -> list[str]:
    """Names of the hooks a plugin implements, for ``balrog plugins list``."""
    manager = get_plugin_manager()
    return sorted(caller.name for caller in manager.get_hookcallers(plugin) or [])


