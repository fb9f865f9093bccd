"""Registers the ``human`` agent and the ``balrog play`` command."""

from __future__ import annotations

from balrog_core import AgentSpec, hookimpl

from .agent import HumanOptions, build_human_agent
from .commands import play


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="human",
        factory=build_human_agent,
        description="a person answers in the terminal, shown exactly what a model is (see balrog play)",
        needs_client=False,
        options=HumanOptions,
    ))


@hookimpl
def register_commands(cli) -> None:
    cli.add_command(play)
