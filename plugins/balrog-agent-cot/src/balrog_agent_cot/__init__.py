"""Chain-of-thought agents for balrog: ``cot`` and ``robust_cot``."""

from .agents import CotAgent, CotOptions, RobustCotAgent, RobustCotOptions

__all__ = ["CotAgent", "CotOptions", "RobustCotAgent", "RobustCotOptions"]
