"""A balrog agent that keeps an explicit plan across turns: ``planner``."""

from .agent import PlannerAgent, PlannerOptions
from .answer import PlannedAnswer, read_planned_answer

__all__ = ["PlannedAnswer", "PlannerAgent", "PlannerOptions", "read_planned_answer"]
