"""Registers the ``cot`` and ``robust_cot`` agents."""

from __future__ import annotations

from balrog_core import AgentSpec, hookimpl

from .agents import CotAgent, CotOptions, RobustCotAgent, cot_options


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="cot",
        factory=lambda setup: CotAgent(setup.client, cot_options(setup.options), setup.strict_actions),
        description="reasons step by step, then a final 'ACTION: <action>' line",
        options=CotOptions,
    ))
    register(AgentSpec(
        name="robust_cot",
        factory=lambda setup: RobustCotAgent(setup.client, cot_options(setup.options), setup.strict_actions),
        description="reasons step by step, then the action between <|ACTION|> and <|END|>",
        options=CotOptions,
    ))
