"""Few-shot agent for balrog: whole demonstration episodes in the prompt before play."""

from .agent import FewShotAgent, FewShotOptions
from .recording import record_demonstrations
from .store import DemoStep, DemoStore, Demonstration, default_demos_dir

__all__ = [
    "DemoStep",
    "DemoStore",
    "Demonstration",
    "FewShotAgent",
    "FewShotOptions",
    "default_demos_dir",
    "record_demonstrations",
]
