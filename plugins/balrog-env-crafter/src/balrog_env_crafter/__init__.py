"""Crafter for balrog: the open-world survival game with a language observation.

Importing this package does not register anything; balrog loads ``balrog_env_crafter.plugin``
through its entry point. Names are imported on first use, so loading the plugin does not
import crafter.
"""

from balrog_core import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "ACHIEVEMENTS": ".achievements", "progression": ".achievements", "ACTIONS": ".actions",
    "action_index": ".actions", "action_space": ".actions", "describe": ".describe",
    "observe": ".observation", "CrafterGame": ".game", "CrafterOptions": ".options",
    "instruction_prompt": ".prompt",
})
