"""BabyAI for balrog: the five BALROG missions (the reference's BabyAI-MixedTrainLocal-v0
levels) on PyPI minigrid, the BabyAI-Text language observation, and an oracle built on
minigrid's BabyAIBot.

Names are imported on first use, so loading the plugin does not import minigrid.
"""

from balrog_core import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "ACTION_SPACE": ".actions",
    "APART_LEVELS": ".apart_levels",
    "BabyAIEnvironment": ".env",
    "BabyAIOptions": ".options",
    "BabyAIOracle": ".oracle",
    "LEVELS": ".levels",
    "MixedTrainLocalLevel": ".levels",
    "REFERENCE_TASKS": ".levels",
    "describe_view": ".describe",
})
