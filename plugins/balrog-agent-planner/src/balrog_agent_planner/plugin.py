"""Registers the ``planner`` agent."""

from __future__ import annotations

from balrog_core import AgentSpec, hookimpl

from .agent import PlannerAgent, PlannerOptions


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="planner",
        factory=lambda setup: PlannerAgent(setup.client, setup.parse, setup.options),
        description="keeps a plan across turns, answers PLAN: / ACTION: (BALROG's custom agent)",
        options=PlannerOptions,
    ))
