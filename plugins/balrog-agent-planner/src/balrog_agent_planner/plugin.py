"""Registers the ``planner`` agent."""

from __future__ import annotations

from balrog_core import AgentSpec, hookimpl

from .agent import PlannerAgent


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="planner",
        factory=lambda setup: PlannerAgent(setup.client, setup.strict_actions),
        description="keeps a numbered plan across turns, revises it when the game disagrees",
    ))
