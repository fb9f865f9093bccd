"""Few-shot agent for balrog: whole demonstration episodes in the prompt before play."""

from .agent import FewShotAgent, FewShotOptions
from .recording import Recording, record_demonstrations
from .store import DemoStep, DemoStore, Demonstration, default_demos_dir

__all__ = [
    "DemoStep",
    "DemoStore",
    "Demonstration",
    "FewShotAgent",
    "FewShotOptions",
    "Recording",
    "default_demos_dir",
    "record_demonstrations",
]
