"""Baba Is AI for balrog: a clean-room rule-pushing grid puzzle, its 40 levels, and an oracle."""

from .board import Board, Thing
from .env import BabaIsAIEnv
from .levels import LEVEL_NAMES, generate_level
from .oracle import BabaIsAIOracle
from .solver import solve

__all__ = ["BabaIsAIEnv", "BabaIsAIOracle", "Board", "LEVEL_NAMES", "Thing", "generate_level", "solve"]
