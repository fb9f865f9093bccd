"""Baba Is AI for balrog: the benchmark's 40 levels on a clean-room engine, and an oracle."""

from .board import Board, Thing
from .env import BabaIsAIEnv
from .levels import LEVEL_NAMES, generate_level, new_rng
from .oracle import BabaIsAIOracle
from .solver import solve

__all__ = ["BabaIsAIEnv", "BabaIsAIOracle", "Board", "LEVEL_NAMES", "Thing", "generate_level", "new_rng", "solve"]
