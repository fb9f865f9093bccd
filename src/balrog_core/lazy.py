"""Lazy package exports for plugins.

Every ``balrog`` command, and every worker process, loads all installed plugins. A plugin
whose package imports its game engine at import time makes all of them slow; exporting
names lazily (PEP 562) keeps a package's public names without that cost.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: Mapping[str, str]) -> tuple[Callable[[str], Any], list[str]]:
    """``(__getattr__, __all__)`` for ``package``, importing ``exports[name]`` (a relative
    module such as ``".env"``) on first access of ``name``.

    Usage in a plugin's ``__init__.py``::

        __getattr__, __all__ = lazy_exports(__name__, {"MyEnv": ".env"})
    """

    def __getattr__(name: str) -> Any:
        if name in exports:
            return getattr(importlib.import_module(exports[name], package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__, sorted(exports)
