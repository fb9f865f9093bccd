"""Registers the ``few_shot`` agent and the ``balrog demos`` commands."""

from __future__ import annotations

from balrog_core import AgentSpec, hookimpl

from .agent import FewShotOptions, build_few_shot_agent
from .commands import demos


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="few_shot",
        factory=build_few_shot_agent,
        description="whole demonstration episodes in the prompt before play (see balrog demos record)",
        options=FewShotOptions,
    ))


@hookimpl
def register_commands(cli) -> None:
    cli.add_command(demos)
