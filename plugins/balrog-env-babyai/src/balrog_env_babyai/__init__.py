"""BabyAI for balrog: the five BALROG missions on minigrid's BabyAI levels, a BabyAI-Text
language observation, and an oracle built on minigrid's BabyAIBot."""

from .actions import ACTION_SPACE
from .describe import describe_view
from .env import BabyAIEnvironment
from .levels import LEVELS
from .options import BabyAIOptions
from .oracle import BabyAIOracle

__all__ = [
    "ACTION_SPACE",
    "BabyAIEnvironment",
    "BabyAIOptions",
    "BabyAIOracle",
    "LEVELS",
    "describe_view",
]
