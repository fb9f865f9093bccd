"""A balrog agent that keeps an explicit plan across turns: ``planner``."""

from .agent import PlannerAgent
from .answer import PlannedAnswer, read_planned_answer

__all__ = ["PlannedAnswer", "PlannerAgent", "read_planned_answer"]
