"""BabyAI for balrog: the five BALROG missions on minigrid's BabyAI levels, a BabyAI-Text
language observation, and an oracle built on minigrid's BabyAIBot.

Names are imported on first use (PEP 562), so loading the plugin does not import minigrid.
"""

import importlib

_EXPORTS = {
    "ACTION_SPACE": ".actions",
    "BabyAIEnvironment": ".env",
    "BabyAIOptions": ".options",
    "BabyAIOracle": ".oracle",
    "LEVELS": ".levels",
    "describe_view": ".describe",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
