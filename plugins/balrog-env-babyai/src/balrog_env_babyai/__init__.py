"""BabyAI for balrog: the five BALROG missions on minigrid's BabyAI levels, a BabyAI-Text
language observation, and an oracle built on minigrid's BabyAIBot.

Names are imported on first use, so loading the plugin does not import minigrid.
"""

from balrog_core import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "ACTION_SPACE": ".actions",
    "BabyAIEnvironment": ".env",
    "BabyAIOptions": ".options",
    "BabyAIOracle": ".oracle",
    "LEVELS": ".levels",
    "describe_view": ".describe",
})
