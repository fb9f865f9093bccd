"""Crafter for balrog: the open-world survival game with a language observation.

Importing this package does not register anything; balrog loads ``balrog_env_crafter.plugin``
through its entry point.
"""

from .achievements import ACHIEVEMENTS, progression
from .actions import ACTIONS, action_index
from .describe import describe
from .game import CrafterGame
from .prompt import instruction_prompt

__all__ = [
    "ACHIEVEMENTS", "ACTIONS", "CrafterGame", "action_index", "describe",
    "instruction_prompt", "progression",
]
