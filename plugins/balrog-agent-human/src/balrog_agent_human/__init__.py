"""Play a balrog game in the terminal exactly as a model plays it: agent ``human`` and the
``balrog play`` command."""

from .agent import HumanAgent, HumanOptions, help_text, read_answer
from .commands import play_config
from .terminal import Quit, Terminal

__all__ = ["HumanAgent", "HumanOptions", "Quit", "Terminal", "help_text", "play_config", "read_answer"]
