"""Plugin discovery: entry points of the ``balrog`` group, default plugins, tracing.

``BALROG_LOAD_PLUGINS`` (comma-separated entry-point or distribution names; empty for none)
limits which installed plugins load. ``BALROG_TRACE_PLUGINS=1`` prints every hook call and
its result on stderr. A plugin that fails to import is kept aside with its error so the CLI
keeps working and ``balrog plugins list`` can show what went wrong.

Every ``balrog`` command, and every worker process, loads all installed plugins. A plugin
whose package imports its game engine at import time makes all of them slow;
``lazy_exports`` keeps a package's public names without that cost (PEP 562).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import pluggy

from . import hookspecs

__all__ = ["get_plugin_manager", "failed_plugins", "plugin_version", "FailedPlugin", "ENTRY_POINT_GROUP", "lazy_exports"]

ENTRY_POINT_GROUP = "balrog"
DEFAULT_PLUGINS = (
    "balrog_core.builtin.agents",
    "balrog_core.builtin.scorers",
    "balrog_core.builtin.executors",
)


@attrs.frozen
class FailedPlugin:
    """An installed plugin that could not be loaded, and why."""

    name: str
    distribution: str | None
    version: str | None
    error: str


_manager: pluggy.PluginManager | None = None
_failed: list[FailedPlugin] = []
_versions: dict[str, tuple[str, str]] = {}


def _allowed() -> set[str] | None:
    value = os.environ.get("BALROG_LOAD_PLUGINS")
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def _trace_calls(manager: pluggy.PluginManager) -> None:
    def before(hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
        names = [impl.plugin_name for impl in impls]
        print(f"balrog hook {hook_name}({', '.join(kwargs)}) -> {names}", file=sys.stderr)

    def after(outcome: Any, hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
        print(f"balrog hook {hook_name} returned {outcome.get_result()!r}", file=sys.stderr)

    manager.add_hookcall_monitoring(before, after)


def _load_entry_points(manager: pluggy.PluginManager) -> None:
    allowed = _allowed()
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = entry_point.dist
        dist_name = dist.name if dist is not None else None
        version = dist.version if dist is not None else None
        if allowed is not None and not ({entry_point.name, dist_name} & allowed):
            continue
        if manager.has_plugin(entry_point.name):
            continue
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=entry_point.name)
        except Exception as error:  # a broken plugin must not break the CLI
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            _failed.append(FailedPlugin(entry_point.name, dist_name, version, detail))
            continue
        _versions[entry_point.name] = (dist_name or entry_point.name, version or "unknown")


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, built on first use."""
    global _manager
    if _manager is None:
        manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
        manager.add_hookspecs(hookspecs)
        if os.environ.get("BALROG_TRACE_PLUGINS") not in (None, "", "0"):
            _trace_calls(manager)
        core_version = importlib.metadata.version("balrog-core")
        for module_name in DEFAULT_PLUGINS:
            module = __import__(module_name, fromlist=["_"])
            manager.register(module, name=module_name)
            _versions[module_name] = ("balrog-core", core_version)
        _load_entry_points(manager)
        _manager = manager
    return _manager


def failed_plugins() -> list[FailedPlugin]:
    """Plugins that were found but raised on import."""
    get_plugin_manager()
    return list(_failed)


def plugin_version(plugin_name: str) -> tuple[str, str]:
    """``(distribution, version)`` of a registered plugin; unknown for ad-hoc ones."""
    return _versions.get(plugin_name, (plugin_name, "unknown"))


def lazy_exports(package: str, exports: Mapping[str, str]) -> tuple[Callable[[str], Any], list[str]]:
    """``(__getattr__, __all__)`` for ``package`` (a package or a module), importing
    ``exports[name]`` (a module relative to the package, such as ``".env"``) on first
    access of ``name``.

    Usage in a plugin's ``__init__.py``::

        __getattr__, __all__ = lazy_exports(__name__, {"MyEnv": ".env"})
    """

    def __getattr__(name: str) -> Any:
        if name in exports:
            anchor = getattr(sys.modules.get(package), "__package__", None) or package
            return getattr(importlib.import_module(exports[name], anchor), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__, sorted(exports)
