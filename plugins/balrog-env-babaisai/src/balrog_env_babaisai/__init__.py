"""Baba Is AI for balrog: the benchmark's 40 levels on a clean-room engine, and an oracle.

Names are imported on first use, so loading the plugin does not import NumPy or Pillow.
"""

from balrog_core import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "BabaIsAIEnv": ".env",
    "BabaIsAIOracle": ".oracle",
    "Board": ".board",
    "LEVEL_NAMES": ".levels",
    "Thing": ".board",
    "generate_level": ".levels",
    "new_rng": ".levels",
    "solve": ".solver",
})
